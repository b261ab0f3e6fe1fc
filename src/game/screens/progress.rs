//! The trainee's progress: every attempt, newest first, with its score and
//! outcome from the records, coloured by outcome; exam attempts are marked,
//! abandoned sessions listed as such. A finished attempt opens its full
//! debrief again, rebuilt from its seed and choices (O opens the newest).

use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use frontline_records::{Attempt, Mode, SessionId};

use super::{Results, Screen, Selected, back_button, key_hint};
use crate::game::library::Library;
use crate::game::records::Records;
use crate::game::theme::{self, Fonts, outcome_color, palette};

/// The longest trainee name shown in full in the heading.
const NAME_SHOWN: usize = 32;

/// Open the debrief of the attempt with this id.
#[derive(Message, Debug, Clone, Copy)]
struct OpenAttempt(SessionId);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<OpenAttempt>();
    app.add_systems(OnEnter(Screen::Progress), spawn);
    app.add_systems(
        Update,
        (open_newest_by_key, open_attempt)
            .chain()
            .run_if(in_state(Screen::Progress)),
    );
}

fn open_newest_by_key(
    keys: Res<ButtonInput<KeyCode>>,
    records: Option<Res<Records>>,
    mut open: MessageWriter<OpenAttempt>,
) {
    if !keys.just_pressed(KeyCode::KeyO) {
        return;
    }
    let attempts = records.map(|r| r.0.attempts()).unwrap_or_default();
    if let Some(newest) = attempts.iter().rev().find(|a| a.finish.is_some()) {
        open.write(OpenAttempt(newest.id));
    }
}

/// Rebuilds the attempt's debrief on today's version of its scenario.
fn open_attempt(
    mut asked: MessageReader<OpenAttempt>,
    records: Option<Res<Records>>,
    library: Res<Library>,
    mut commands: Commands,
) {
    let Some(&OpenAttempt(id)) = asked.read().last() else {
        return;
    };
    let attempts = records.map(|r| r.0.attempts()).unwrap_or_default();
    let Some(attempt) = attempts.iter().find(|a| a.id == id) else {
        return;
    };
    let Some(prepared) = library.get(&attempt.scenario).and_then(|e| e.prepared()) else {
        warn!(
            "scenario `{}` is no longer in the library",
            attempt.scenario
        );
        return;
    };
    match attempt.reopen(&prepared) {
        Ok(reopened) => {
            commands.insert_resource(Selected(attempt.scenario.clone()));
            commands.insert_resource(Results {
                conclusion: reopened.conclusion,
                prepared,
                note: reopened.note,
            });
            commands.set_state(Screen::Debrief);
        }
        Err(why) => warn!("{why}"),
    }
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>, records: Option<Res<Records>>) {
    let attempts = records.as_ref().map(|r| r.0.attempts()).unwrap_or_default();
    let trainee = records.as_ref().map_or("", |r| r.0.trainee()).to_string();
    let finished = attempts.iter().filter(|a| a.finish.is_some()).count();
    let summary = format!(
        "{} · {} finished",
        theme::count(attempts.len(), "attempt", "attempts"),
        finished
    );
    let mut root = commands.spawn((theme::screen_root(), DespawnOnExit(Screen::Progress)));
    root.with_children(|root| {
        root.spawn(theme::screen_column()).with_children(|parent| {
            parent.spawn(theme::heading(
                &fonts,
                format!("{}'s progress", theme::shorten(&trainee, NAME_SHOWN)),
                2.0,
            ));
            if let Some(off) = records.as_ref().and_then(|r| r.0.off_reason()) {
                parent.spawn(theme::text(&fonts, off, 0.85, palette::BAD));
            } else if attempts.is_empty() {
                parent.spawn(theme::text(
                    &fonts,
                    "No attempts yet: pick a scenario to start.",
                    1.0,
                    palette::TEXT_DIM,
                ));
            } else {
                parent.spawn(theme::text(&fonts, summary, 0.9, palette::TEXT_DIM));
            }
            for attempt in attempts.iter().rev() {
                parent.spawn(attempt_row(&fonts, attempt));
            }
            parent.spawn(back_button(&fonts));
            parent.spawn(key_hint(
                &fonts,
                "O: open the newest debrief   ↑↓ PgUp PgDn: scroll   Esc: back",
            ));
        });
    });
}

/// One attempt: when, which scenario, the mode; the result in its outcome's colour.
fn attempt_row(fonts: &Fonts, attempt: &Attempt) -> impl Bundle {
    let (result, color) = match &attempt.finish {
        Some(finish) => (
            format!(
                "{} / 100 · grade {:?} · {:?}",
                finish.score, finish.grade, finish.outcome
            ),
            outcome_color(finish.outcome),
        ),
        None => ("Abandoned".to_string(), palette::TEXT_DIM),
    };
    let mode = match attempt.mode {
        Mode::Exam => "Exam",
        Mode::Coach => "Coach",
    };
    (
        theme::panel(Node {
            width: px(820),
            max_width: percent(100),
            flex_shrink: 0.0,
            row_gap: px(2),
            padding: UiRect::axes(px(16), px(8)),
            border: UiRect::left(px(6)),
            ..theme::panel_node()
        }),
        BorderColor::all(color),
        Children::spawn((
            Spawn(theme::text(
                fonts,
                format!(
                    "{} · {} · {mode} · seed {}",
                    minute(&attempt.started.to_string()),
                    attempt.scenario_title,
                    attempt.seed
                ),
                0.8,
                palette::TEXT_DIM,
            )),
            Spawn(theme::text(fonts, result, 0.95, color)),
            SpawnIter(
                attempt
                    .finish
                    .is_some()
                    .then(|| open_button(fonts, attempt.id))
                    .into_iter(),
            ),
        )),
    )
}

fn open_button(fonts: &Fonts, id: SessionId) -> impl Bundle {
    (
        Node {
            align_self: AlignSelf::FlexStart,
            ..default()
        },
        children![theme::button(
            fonts,
            "Open the debrief",
            move |_: On<Activate>, mut open: MessageWriter<OpenAttempt>| {
                open.write(OpenAttempt(id));
            },
        )],
    )
}

/// `2025-03-01T09:12:44Z` as `2025-03-01 09:12`.
fn minute(timestamp: &str) -> String {
    timestamp
        .chars()
        .take(16)
        .collect::<String>()
        .replace('T', " ")
}
