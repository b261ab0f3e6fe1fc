//! The debrief: what the runner concluded, shown. On the left the score,
//! grade, outcome, best possible and personal best, and satisfaction over the
//! conversation; on the right where the points went (the costliest turns
//! first, with the better reply), what to work on next, and the whole path.
//! Any turn can be tried again: the session restarts there with the same seed
//! and earlier choices, recorded as a retry.

mod hindsight;
mod summary;

use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use frontline_core::runner::Retry;
use frontline_core::{Conclusion, Playthrough, Prepared};

use super::{ActivePlay, NextSeed, Screen, key_hint};
use crate::game::library::Library;
use crate::game::scroll::Scrollable;
use crate::game::theme::{self, Fonts};

/// The debrief on screen: a session just finished, or a recorded one reopened.
#[derive(Resource, Debug, Clone)]
pub struct Results {
    pub conclusion: Conclusion,
    pub prepared: Prepared,
    /// Said above the figures, e.g. that the scenario changed since.
    pub note: Option<String>,
}

impl Results {
    /// The results of a playthrough, once it has ended.
    pub fn of(playthrough: &Playthrough) -> Option<Results> {
        Some(Results {
            conclusion: playthrough.conclusion()?.clone(),
            prepared: playthrough.prepared().clone(),
            note: None,
        })
    }
}

/// Try turn `n` (1-based) of the debriefed session again.
#[derive(Message, Debug, Clone, Copy)]
pub struct TryAgain(pub usize);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<TryAgain>();
    app.add_systems(OnEnter(Screen::Debrief), spawn);
    app.add_systems(
        Update,
        (keys, try_again).chain().run_if(in_state(Screen::Debrief)),
    );
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>, results: Res<Results>) {
    let root = commands
        .spawn((
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                padding: px(24).all(),
                row_gap: px(16),
                ..default()
            },
            DespawnOnExit(Screen::Debrief),
        ))
        .id();
    let columns = commands
        .spawn(Node {
            flex_grow: 1.0,
            min_height: px(0),
            column_gap: px(24),
            ..default()
        })
        .id();
    let summary = commands.spawn(summary::panel()).id();
    summary::fill(&mut commands, summary, &fonts, &results);
    let details = commands
        .spawn((
            Node {
                flex_grow: 1.0,
                flex_basis: px(0),
                flex_direction: FlexDirection::Column,
                row_gap: px(8),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            ScrollPosition::default(),
            Scrollable,
        ))
        .id();
    hindsight::fill(&mut commands, details, &fonts, &results.conclusion);
    let actions = commands.spawn(actions(&fonts, &results.conclusion)).id();
    commands.entity(columns).add_children(&[summary, details]);
    commands.entity(root).add_children(&[columns, actions]);
}

fn actions(fonts: &Fonts, conclusion: &Conclusion) -> impl Bundle {
    let seed = conclusion.debrief.seed;
    (
        Node {
            column_gap: px(12),
            align_items: AlignItems::Center,
            flex_wrap: FlexWrap::Wrap,
            row_gap: px(8),
            ..default()
        },
        children![
            theme::button(
                fonts,
                "Replay (new seed)",
                |_: On<Activate>, mut commands: Commands| {
                    commands.insert_resource(NextSeed(None));
                    commands.set_state(Screen::Briefing);
                }
            ),
            theme::button(
                fonts,
                format!("Replay seed {seed}"),
                move |_: On<Activate>, mut commands: Commands| {
                    commands.insert_resource(NextSeed(Some(seed)));
                    commands.set_state(Screen::Briefing);
                }
            ),
            theme::button(
                fonts,
                "Another scenario",
                |_: On<Activate>, mut next: ResMut<NextState<Screen>>| {
                    next.set(Screen::Select);
                }
            ),
            key_hint(
                fonts,
                "T: try the costliest moment again   N: new seed   S: same seed   Enter/Esc: scenarios   ↑↓: scroll"
            ),
        ],
    )
}

fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    results: Res<Results>,
    mut commands: Commands,
    mut again: MessageWriter<TryAgain>,
) {
    if keys.just_pressed(KeyCode::KeyN) {
        commands.insert_resource(NextSeed(None));
        commands.set_state(Screen::Briefing);
    } else if keys.just_pressed(KeyCode::KeyS) {
        commands.insert_resource(NextSeed(Some(results.conclusion.debrief.seed)));
        commands.set_state(Screen::Briefing);
    } else if keys.just_pressed(KeyCode::KeyT) {
        let costly = results.conclusion.hindsight.costly();
        let turn = costly.first().map_or(1, |t| t.number);
        again.write(TryAgain(turn));
    } else if keys.just_pressed(KeyCode::Enter) {
        commands.set_state(Screen::Select);
    }
}

/// Restarts the debriefed session at the turn asked for.
fn try_again(
    mut asked: MessageReader<TryAgain>,
    mut commands: Commands,
    results: Res<Results>,
    library: Res<Library>,
) {
    let Some(&TryAgain(turn)) = asked.read().last() else {
        return;
    };
    let c = &results.conclusion;
    let retry = Retry {
        of: c.attempt,
        turn,
    };
    let Ok(playthrough) = Playthrough::retry(&results.prepared, &c.record, retry, c.mode) else {
        warn!("turn {turn} can no longer be replayed");
        return;
    };
    let version = library
        .get(&c.debrief.scenario)
        .map_or(0, |entry| entry.version);
    commands.insert_resource(ActivePlay::new(playthrough, version));
    commands.set_state(Screen::Conversation);
}
