//! The trainee's progress: every attempt, newest first, with its score and
//! outcome from the records, coloured by outcome; exam attempts are marked,
//! abandoned sessions listed as such. Each attempt is one row
//! ([`attempt_row`]), ready to become a button that opens it.

use bevy::prelude::*;
use frontline_records::{Attempt, Mode};

use super::{Screen, back_button, key_hint};
use crate::game::records::Records;
use crate::game::theme::{self, Fonts, outcome_color, palette};

/// The longest trainee name shown in full in the heading.
const NAME_SHOWN: usize = 32;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Progress), spawn);
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
            parent.spawn(key_hint(&fonts, "↑↓ PgUp PgDn: scroll   Esc: back"));
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
        children![
            theme::text(
                fonts,
                format!(
                    "{} · {} · {mode} · seed {}",
                    minute(&attempt.started.to_string()),
                    attempt.scenario_title,
                    attempt.seed
                ),
                0.8,
                palette::TEXT_DIM
            ),
            theme::text(fonts, result, 0.95, color),
        ],
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
