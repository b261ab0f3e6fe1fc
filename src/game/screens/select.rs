//! Scenario select: every scenario in the folder, with its best score; broken
//! files are listed with their first error and the others stay playable.

use bevy::prelude::*;
use bevy::ui_widgets::Activate;

use super::{Screen, digit_pressed, key_hint};
use crate::game::library::Library;
use crate::game::profile::Profile;
use crate::game::records::Records;
use crate::game::theme::{self, Fonts, palette};

/// The scenario the trainee picked, by id.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct Selected(pub String);

/// A scenario named on the command line, opened once the trainee has given their name.
#[derive(Resource, Debug, Clone)]
pub struct StartWith(pub String);

/// The seed for the next session; `None` draws a new one.
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct NextSeed(pub Option<u64>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<NextSeed>();
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
        )
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
    let root = commands
        .spawn((
            theme::screen_root(),
            SelectRoot,
            DespawnOnExit(Screen::Select),
        ))
        .id();
    let mode = if profile.settings.coach {
        "coach"
    } else {
        "exam"
    };
    commands.entity(root).with_children(|parent| {
        parent.spawn(theme::heading(&fonts, "Choose a scenario", 2.0));
        parent.spawn(theme::text(
            &fonts,
            format!("Playing as {} · {mode} mode", profile.trainee),
            0.9,
            palette::TEXT_DIM,
        ));
        if let Some(off) = off {
            parent.spawn(theme::text(&fonts, off, 0.85, palette::BAD));
        }
        let mut number = 0;
        for entry in &library.entries {
            let Some(scenario) = &entry.scenario else {
                if let Some(error) = entry.errors.first() {
                    parent.spawn(broken_card(&fonts, &entry.file, &error.to_string()));
                }
                continue;
            };
            number += 1;
            let difficulty = scenario
                .difficulty
                .map(|d| format!(" · {d:?}"))
                .unwrap_or_default();
            let best = match Records::standing(&attempts, &scenario.id) {
                (_, 0) => "Not played yet".to_string(),
                (Some(best), tries) => format!("Best: {best} · {tries} attempt(s)"),
                (None, tries) => format!("Not finished yet · {tries} attempt(s)"),
            };
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
                .insert(Node {
                    width: px(760),
                    max_width: percent(90),
                    flex_direction: FlexDirection::Column,
                    align_items: AlignItems::FlexStart,
                    padding: UiRect::axes(px(22), px(12)),
                    row_gap: px(4),
                    border_radius: BorderRadius::all(px(8)),
                    ..default()
                })
                .with_children(|card| {
                    card.spawn(theme::text(
                        &fonts,
                        scenario.summary.clone(),
                        0.85,
                        palette::TEXT_DIM,
                    ));
                    card.spawn(theme::text(&fonts, best, 0.8, palette::ACCENT));
                    if let Some(error) = entry.errors.first() {
                        let message = format!(
                            "Edited file has an error; playing the last good version.\n{}",
                            first_line(&error.to_string())
                        );
                        card.spawn(theme::text(&fonts, message, 0.75, palette::BAD));
                    }
                });
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
        parent.spawn(theme::button(
            &fonts,
            "My progress",
            |_: On<Activate>, mut next: ResMut<NextState<Screen>>| {
                next.set(Screen::Progress);
            },
        ));
        parent.spawn(key_hint(&fonts, "1-9: pick   P: my progress   Esc: back"));
    });
}

fn broken_card(fonts: &Fonts, file: &str, error: &str) -> impl Bundle {
    (
        Node {
            width: px(760),
            max_width: percent(90),
            flex_direction: FlexDirection::Column,
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

fn pick_by_key(keys: Res<ButtonInput<KeyCode>>, library: Res<Library>, mut commands: Commands) {
    if keys.just_pressed(KeyCode::KeyP) {
        commands.set_state(Screen::Progress);
        return;
    }
    let Some(index) = digit_pressed(&keys) else {
        return;
    };
    let playable = library.entries.iter().filter_map(|e| e.scenario.as_ref());
    if let Some(scenario) = playable.into_iter().nth(index) {
        commands.insert_resource(Selected(scenario.id.clone()));
        commands.set_state(Screen::Briefing);
    }
}
