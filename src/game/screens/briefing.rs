//! The briefing: the situation, the customer (their face, as they feel at the
//! start) and what they expect, and in coach mode the meters to watch, before
//! the conversation starts. The session is created here, so the drawn persona and
//! the seed are shown.

use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use frontline_core::runner::fresh_seed;
use frontline_core::{Mode, Playthrough};

use super::{ActivePlay, NextSeed, Screen, Selected, back_button, bottom_row, key_hint};
use crate::game::library::Library;
use crate::game::profile::Profile;
use crate::game::theme::{self, Fonts, palette};
use crate::game::widgets::face::{Mood, Portrait, face};
use crate::game::widgets::meter::meter_bar;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Briefing), (start_session, spawn).chain());
    app.add_systems(Update, start_on_enter.run_if(in_state(Screen::Briefing)));
}

/// Draws a new session of the selected scenario, from the requested seed if any.
fn start_session(
    mut commands: Commands,
    selected: Res<Selected>,
    library: Res<Library>,
    profile: Res<Profile>,
    mut next_seed: ResMut<NextSeed>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(entry) = library.get(&selected.0) else {
        next.set(Screen::Select);
        return;
    };
    let Some(prepared) = entry.prepared() else {
        next.set(Screen::Select);
        return;
    };
    let seed = next_seed.0.take().unwrap_or_else(fresh_seed);
    let mode = if profile.settings.coach {
        Mode::Coach
    } else {
        Mode::Exam
    };
    let playthrough = Playthrough::new(&prepared, seed, mode);
    commands.insert_resource(ActivePlay::new(playthrough, entry.version));
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>, play: Option<Res<ActivePlay>>) {
    let Some(play) = play else { return };
    let session = play.session();
    let scenario = session.scenario();
    let customer = &scenario.customer;
    let today = session
        .persona()
        .map(|p| format!("Today: {}", customer.personas[p].description))
        .unwrap_or_default();
    let coach = play.playthrough.mode() == Mode::Coach;
    let mode = if coach {
        "Coach mode: you'll see feedback and the meters after each choice."
    } else {
        "Exam mode: the feedback and the meters wait for the debrief."
    };
    let mood = scenario
        .meters
        .first()
        .map_or(0.5, |m| m.normalized(session.meters()[0]));
    let mut root = commands.spawn((theme::screen_root(), DespawnOnExit(Screen::Briefing)));
    root.with_children(|root| {
        root.spawn(theme::screen_column()).with_children(|parent| {
            parent.spawn(theme::heading(&fonts, scenario.title.clone(), 2.2));
            parent.spawn((
                theme::panel(Node {
                    width: px(820),
                    max_width: percent(100),
                    flex_direction: FlexDirection::Row,
                    flex_wrap: FlexWrap::Wrap,
                    column_gap: px(24),
                    padding: px(24).all(),
                    ..theme::panel_node()
                }),
                children![
                    face(Portrait::Customer, mood, 128.0),
                    (
                        Node {
                            flex_direction: FlexDirection::Column,
                            flex_grow: 1.0,
                            flex_basis: px(300),
                            row_gap: px(12),
                            ..default()
                        },
                        children![
                            theme::text(&fonts, scenario.briefing.clone(), 1.0, palette::TEXT),
                            theme::text(
                                &fonts,
                                format!(
                                    "Customer: {}, {} at the start. {}",
                                    session.customer_name(),
                                    Mood::of(mood).word(),
                                    customer.persona
                                ),
                                0.95,
                                palette::TEXT
                            ),
                            theme::text(&fonts, today, 0.9, palette::TEXT_DIM),
                            theme::text(
                                &fonts,
                                format!("They expect: {}", customer.expectation),
                                0.95,
                                palette::ACCENT
                            ),
                            theme::text(
                                &fonts,
                                format!("Because of: {}", customer.source),
                                0.9,
                                palette::TEXT_DIM
                            ),
                        ],
                    ),
                ],
            ));
            if coach {
                parent
                    .spawn(theme::panel(Node {
                        width: px(820),
                        max_width: percent(100),
                        ..theme::panel_node()
                    }))
                    .with_children(|meters| {
                        meters.spawn(theme::text(
                            &fonts,
                            "What you'll be watching",
                            0.9,
                            palette::TEXT,
                        ));
                        for (meter, value) in scenario.meters.iter().zip(session.meters()) {
                            meters.spawn(meter_bar(&fonts, meter, *value));
                        }
                    });
            }
            parent.spawn(theme::text(&fonts, mode, 0.9, palette::TEXT_DIM));
            parent.spawn(theme::text(
                &fonts,
                format!("Seed {}", session.seed()),
                0.8,
                palette::TEXT_DIM,
            ));
            parent.spawn(bottom_row(children![
                back_button(&fonts),
                theme::button(
                    &fonts,
                    "Start the conversation",
                    |_: On<Activate>, mut next: ResMut<NextState<Screen>>| {
                        next.set(Screen::Conversation);
                    }
                ),
            ]));
            parent.spawn(key_hint(&fonts, "Enter: start   Esc: back"));
        });
    });
}

fn start_on_enter(keys: Res<ButtonInput<KeyCode>>, mut next: ResMut<NextState<Screen>>) {
    if keys.just_pressed(KeyCode::Enter) {
        next.set(Screen::Conversation);
    }
}
