//! The briefing: the situation, the customer and what they expect, before the
//! conversation starts. The session is created here, so the drawn persona and
//! the seed are shown.

use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use frontline_core::runner::fresh_seed;
use frontline_core::{Mode, Playthrough};

use super::{ActivePlay, NextSeed, Screen, Selected, key_hint};
use crate::game::library::Library;
use crate::game::profile::Profile;
use crate::game::theme::{self, Fonts, palette};

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
    let mode = if play.playthrough.mode() == Mode::Coach {
        "Coach mode: you'll see feedback after each choice."
    } else {
        "Exam mode: feedback waits for the debrief."
    };
    commands.spawn((
        theme::screen_root(),
        DespawnOnExit(Screen::Briefing),
        children![
            theme::heading(&fonts, scenario.title.clone(), 2.2),
            (
                theme::panel(Node {
                    width: px(820),
                    max_width: percent(92),
                    flex_direction: FlexDirection::Column,
                    row_gap: px(12),
                    padding: px(24).all(),
                    border_radius: BorderRadius::all(px(10)),
                    ..theme::panel_node()
                }),
                children![
                    theme::text(&fonts, scenario.briefing.clone(), 1.0, palette::TEXT),
                    theme::text(
                        &fonts,
                        format!(
                            "Customer: {}. {}",
                            session.customer_name(),
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
            theme::text(&fonts, mode, 0.9, palette::TEXT_DIM),
            theme::text(
                &fonts,
                format!("Seed {}", session.seed()),
                0.8,
                palette::TEXT_DIM
            ),
            theme::button(
                &fonts,
                "Start the conversation",
                |_: On<Activate>, mut next: ResMut<NextState<Screen>>| {
                    next.set(Screen::Conversation);
                }
            ),
            key_hint(&fonts, "Enter: start   Esc: back"),
        ],
    ));
}

fn start_on_enter(keys: Res<ButtonInput<KeyCode>>, mut next: ResMut<NextState<Screen>>) {
    if keys.just_pressed(KeyCode::Enter) {
        next.set(Screen::Conversation);
    }
}
