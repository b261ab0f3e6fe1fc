//! Settings: text size, Coach or Exam mode, typed or picked replies, fullscreen. Saved with the
//! profile. Each is a button, and a key for keyboard players.

use bevy::prelude::*;
use bevy::ui_widgets::Activate;

use super::{Screen, back_button, key_hint};
use crate::game::profile::Profile;
use crate::game::theme::{self, Fonts, palette};

/// The text sizes offered, as scales of the normal size, with their names.
pub(crate) const TEXT_SCALES: [(f32, &str); 3] =
    [(0.85, "small"), (1.0, "normal"), (1.25, "large")];

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            spawn.run_if(resource_changed::<Profile>.or_eager(state_changed::<Screen>)),
            keys,
        )
            .run_if(in_state(Screen::Settings)),
    );
}

#[derive(Component)]
struct SettingsRoot;

fn cycle_text_size(mut profile: ResMut<Profile>) {
    let settings = &mut profile.settings;
    let at = TEXT_SCALES
        .iter()
        .position(|(scale, _)| *scale == settings.text_scale);
    settings.text_scale = TEXT_SCALES[at.map_or(1, |i| (i + 1) % TEXT_SCALES.len())].0;
}

fn toggle_coach(mut profile: ResMut<Profile>) {
    profile.settings.coach ^= true;
}

fn toggle_typed(mut profile: ResMut<Profile>) {
    profile.settings.typed ^= true;
}

fn toggle_fullscreen(mut profile: ResMut<Profile>) {
    profile.settings.fullscreen ^= true;
}

/// A button that runs `change` when activated.
fn setting<M>(
    fonts: &Fonts,
    label: String,
    change: impl IntoSystem<(), (), M> + Copy + Send + Sync + 'static,
) -> impl Bundle
where
    M: 'static,
{
    theme::button(
        fonts,
        label,
        move |_: On<Activate>, mut commands: Commands| {
            commands.run_system_cached(change);
        },
    )
}

fn keys(keys: Res<ButtonInput<KeyCode>>, mut commands: Commands) {
    if keys.just_pressed(KeyCode::KeyT) {
        commands.run_system_cached(cycle_text_size);
    } else if keys.just_pressed(KeyCode::KeyC) {
        commands.run_system_cached(toggle_coach);
    } else if keys.just_pressed(KeyCode::KeyY) {
        commands.run_system_cached(toggle_typed);
    } else if keys.just_pressed(KeyCode::KeyF) {
        commands.run_system_cached(toggle_fullscreen);
    }
}

fn spawn(
    mut commands: Commands,
    fonts: Res<Fonts>,
    profile: Res<Profile>,
    old: Query<Entity, With<SettingsRoot>>,
) {
    for entity in &old {
        commands.entity(entity).despawn();
    }
    let s = &profile.settings;
    let size = TEXT_SCALES
        .iter()
        .find(|(scale, _)| *scale == s.text_scale)
        .map_or("custom", |(_, name)| name);
    let on_off = |on: bool| if on { "on" } else { "off" };
    commands.spawn((
        SettingsRoot,
        DespawnOnExit(Screen::Settings),
        theme::screen(children![
            theme::heading(&fonts, "Settings", 2.0),
            setting(&fonts, format!("Text size: {size}"), cycle_text_size),
            setting(
                &fonts,
                format!("Mode: {}", mode_name(s.coach)),
                toggle_coach
            ),
            theme::text(&fonts, mode_meaning(s.coach), 0.9, palette::TEXT_DIM),
            setting(
                &fonts,
                format!("Type my replies: {}", on_off(s.typed)),
                toggle_typed
            ),
            theme::text(&fonts, typed_meaning(s.typed), 0.9, palette::TEXT_DIM),
            setting(
                &fonts,
                format!("Fullscreen: {}", on_off(s.fullscreen)),
                toggle_fullscreen
            ),
            back_button(&fonts),
            key_hint(
                &fonts,
                "T: text size   C: Coach or Exam   Y: type my replies   F: fullscreen   Esc: back"
            ),
        ]),
    ));
}

/// The name of the mode, as the trainee and the trainer call it.
pub(super) fn mode_name(coach: bool) -> &'static str {
    if coach { "Coach" } else { "Exam" }
}

fn mode_meaning(coach: bool) -> &'static str {
    if coach {
        "Coach: feedback and the meters after each choice."
    } else {
        "Exam: nothing gives the verdict away until the debrief."
    }
}

fn typed_meaning(typed: bool) -> &'static str {
    if typed {
        "You type what you would say; the customer answers the reply it means. Own words earn a recall bonus."
    } else {
        "You pick each reply from a list."
    }
}
