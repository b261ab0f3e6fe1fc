//! Scenario select: every scenario in the folder, with its best score; broken
//! files are listed with their first error and the others stay playable.
//! One card is highlighted (the mouse or ↑/↓ moves it) and Enter opens it;
//! 1–9 open a card directly.

use bevy::picking::hover::Hovered;
use bevy::prelude::*;
use bevy::ui_widgets::Activate;

use super::settings::mode_name;
use super::{Screen, back_button, bottom_row, digit_pressed, key_hint};
use crate::game::library::Library;
use crate::game::profile::Profile;
use crate::game::records::Records;
use crate::game::scroll::{ArrowKeysTaken, ScrollIntoView};
use crate::game::theme::{self, Fonts, palette};
use frontline_records::Attempt;

/// The scenario the trainee picked, by id.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct Selected(pub String);

/// A scenario named on the command line, opened once the trainee has given their name.
#[derive(Resource, Debug, Clone)]
pub struct StartWith(pub String);

/// The seed for the next session; `None` draws a new one.
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct NextSeed(pub Option<u64>);

/// The highlighted card, counting playable scenarios from 0; kept when the
/// trainee comes back from a scenario.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Highlighted(usize);

/// A playable scenario's card and its place among them.
#[derive(Component)]
struct ScenarioCard(usize);

/// The longest trainee name shown in full on one line.
const NAME_SHOWN: usize = 32;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<NextSeed>();
    app.init_resource::<Highlighted>();
    app.add_systems(OnEnter(Screen::Select), spawn_list);
    app.add_systems(
        Update,
        (
            spawn_list.run_if(
                resource_changed::<Library>
                    .or_eager(resource_changed::<Profile>)
                    .or_eager(resource_exists_and_changed::<Records>),
            ),
            pick_by_key,
            highlight_on_hover,
            show_highlight,
        )
            .chain()
            .run_if(in_state(Screen::Select)),
    );
}

#[derive(Component)]
struct SelectRoot;

fn spawn_list(
    mut commands: Commands,
    fonts: Res<Fonts>,
    library: Res<Library>,
    profile: Res<Profile>,
    records: Option<Res<Records>>,
    old: Query<Entity, With<SelectRoot>>,
) {
    let attempts = records.as_ref().map(|r| r.0.attempts()).unwrap_or_default();
    let off = records
        .as_ref()
        .and_then(|r| r.0.off_reason().map(str::to_string));
    for entity in &old {
        commands.entity(entity).despawn();
    }
    let mut root = commands.spawn((
        theme::screen_root(),
        SelectRoot,
        ArrowKeysTaken,
        DespawnOnExit(Screen::Select),
    ));
    root.with_children(|root| {
        root.spawn(theme::screen_column()).with_children(|parent| {
            parent.spawn(theme::heading(&fonts, "Choose a scenario", 2.0));
            parent.spawn(theme::text(
                &fonts,
                format!(
                    "Playing as {} · {} mode",
                    theme::shorten(&profile.trainee, NAME_SHOWN),
                    mode_name(profile.settings.coach)
                ),
                0.9,
                palette::TEXT_DIM,
            ));
            if let Some(off) = off {
                parent.spawn(theme::text(&fonts, off, 0.85, palette::BAD));
            }
            let mut number = 0;
            for entry in &library.entries {
                let Some(scenario) = entry.playable() else {
                    if let Some(problem) = entry.problem() {
                        parent.spawn(broken_card(&fonts, &entry.file, &problem.to_string()));
                    }
                    continue;
                };
                number += 1;
                let difficulty = scenario
                    .difficulty
                    .map(|d| format!(" · {d:?}"))
                    .unwrap_or_default();
                let id = scenario.id.clone();
                parent
                    .spawn(theme::button(
                        &fonts,
                        format!("{number}.  {}{difficulty}", scenario.title),
                        move |_: On<Activate>, mut commands: Commands| {
                            commands.insert_resource(Selected(id.clone()));
                            commands.set_state(Screen::Briefing);
                        },
                    ))
                    .insert((ScenarioCard(number - 1), card_node()))
                    .with_children(|card| {
                        card.spawn(theme::text(
                            &fonts,
                            scenario.summary.clone(),
                            0.85,
                            palette::TEXT_DIM,
                        ));
                        card.spawn(theme::text(
                            &fonts,
                            standing(&attempts, &scenario.id),
                            0.8,
                            palette::ACCENT,
                        ));
                        if let Some(error) = entry.errors.first() {
                            let message = format!(
                                "Edited file has an error; playing the last good version.\n{}",
                                first_line(&error.to_string())
                            );
                            card.spawn(theme::text(&fonts, message, 0.75, palette::BAD));
                        }
                    });
            }
            for warning in &library.warnings {
                parent.spawn(theme::text(
                    &fonts,
                    warning.to_string(),
                    0.75,
                    palette::TEXT_DIM,
                ));
            }
            if library.entries.is_empty() {
                parent.spawn(theme::text(
                    &fonts,
                    "No scenarios found in the scenarios folder.",
                    1.0,
                    palette::BAD,
                ));
            } else if library.loading() {
                parent.spawn(theme::text(&fonts, "Loading…", 1.0, palette::TEXT_DIM));
            }
            parent.spawn(bottom_row(children![
                back_button(&fonts),
                theme::button(
                    &fonts,
                    "My progress",
                    |_: On<Activate>, mut next: ResMut<NextState<Screen>>| {
                        next.set(Screen::Progress);
                    },
                ),
            ]));
            parent.spawn(key_hint(
                &fonts,
                "↑↓: highlight   Enter: open   1-9: open   P: my progress   Esc: back",
            ));
        });
    });
}

/// A card's layout: a wide column; its border shows the highlight.
fn card_node() -> Node {
    Node {
        width: px(760),
        max_width: percent(100),
        flex_direction: FlexDirection::Column,
        align_items: AlignItems::FlexStart,
        row_gap: px(4),
        flex_shrink: 0.0,
        ..theme::button_node()
    }
}

/// "Best: 80 · 3 attempts", in words.
fn standing(attempts: &[Attempt], scenario: &str) -> String {
    let tries = |n| theme::count(n, "attempt", "attempts");
    match Records::standing(attempts, scenario) {
        (_, 0) => "Not played yet".to_string(),
        (Some(best), n) => format!("Best: {best} · {}", tries(n)),
        (None, n) => format!("Not finished yet · {}", tries(n)),
    }
}

fn broken_card(fonts: &Fonts, file: &str, error: &str) -> impl Bundle {
    (
        Node {
            width: px(760),
            max_width: percent(100),
            flex_direction: FlexDirection::Column,
            flex_shrink: 0.0,
            padding: UiRect::axes(px(22), px(12)),
            row_gap: px(4),
            border: px(2).all(),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        BorderColor::all(palette::BAD),
        BackgroundColor(palette::PANEL),
        children![
            theme::text(fonts, format!("Broken: {file}"), 1.0, palette::BAD),
            theme::text(fonts, error.to_string(), 0.75, palette::TEXT_DIM),
        ],
    )
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

fn pick_by_key(
    keys: Res<ButtonInput<KeyCode>>,
    library: Res<Library>,
    mut highlighted: ResMut<Highlighted>,
    cards: Query<(Entity, &ScenarioCard)>,
    mut commands: Commands,
) {
    let playable: Vec<&str> = library
        .entries
        .iter()
        .filter_map(|e| Some(e.playable()?.id.as_str()))
        .collect();
    if keys.just_pressed(KeyCode::KeyP) {
        commands.set_state(Screen::Progress);
        return;
    }
    let step = |by: isize| {
        let last = playable.len().saturating_sub(1) as isize;
        (highlighted.0 as isize + by).clamp(0, last) as usize
    };
    let open = if let Some(index) = digit_pressed(&keys) {
        Some(index)
    } else if keys.just_pressed(KeyCode::Enter) {
        Some(highlighted.0)
    } else {
        let moved = if keys.just_pressed(KeyCode::ArrowDown) {
            step(1)
        } else if keys.just_pressed(KeyCode::ArrowUp) {
            step(-1)
        } else {
            return;
        };
        highlighted.0 = moved;
        if let Some((card, _)) = cards.iter().find(|(_, c)| c.0 == moved) {
            commands.entity(card).insert(ScrollIntoView);
        }
        return;
    };
    if let Some(index) = open
        && let Some(id) = playable.get(index)
    {
        highlighted.0 = index;
        commands.insert_resource(Selected(id.to_string()));
        commands.set_state(Screen::Briefing);
    }
}

fn highlight_on_hover(
    cards: Query<(&ScenarioCard, &Hovered), Changed<Hovered>>,
    mut highlighted: ResMut<Highlighted>,
) {
    if let Some((card, _)) = cards.iter().find(|(_, hovered)| hovered.get()) {
        highlighted.set_if_neq(Highlighted(card.0));
    }
}

/// Draws the highlighted card as hovered; the others plain.
fn show_highlight(
    highlighted: Res<Highlighted>,
    mut cards: Query<(&ScenarioCard, &mut BackgroundColor, &mut BorderColor)>,
) {
    for (card, mut fill, mut border) in &mut cards {
        let on = card.0 == highlighted.0;
        let (wanted_fill, wanted_edge) = if on {
            (palette::BUTTON_HOVERED, palette::ACCENT)
        } else {
            (palette::BUTTON, Color::NONE)
        };
        fill.set_if_neq(BackgroundColor(wanted_fill));
        border.set_if_neq(BorderColor::all(wanted_edge));
    }
}
