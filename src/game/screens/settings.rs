//! Settings: text size, coach or exam mode, fullscreen. Saved with the profile.

use bevy::prelude::*;
use bevy::ui_widgets::Activate;

use super::{Screen, key_hint};
use crate::game::profile::Profile;
use crate::game::theme::{self, Fonts};

const TEXT_SCALES: [(f32, &str); 3] = [(0.85, "small"), (1.0, "normal"), (1.25, "large")];

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        spawn.run_if(
            in_state(Screen::Settings)
                .and_eager(resource_changed::<Profile>.or_eager(state_changed::<Screen>)),
        ),
    );
}

#[derive(Component)]
struct SettingsRoot;

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
        theme::screen_root(),
        SettingsRoot,
        DespawnOnExit(Screen::Settings),
        children![
            theme::heading(&fonts, "Settings", 2.0),
            theme::button(
                &fonts,
                format!("Text size: {size}"),
                |_: On<Activate>, mut profile: ResMut<Profile>| {
                    let settings = &mut profile.settings;
                    let at = TEXT_SCALES
                        .iter()
                        .position(|(scale, _)| *scale == settings.text_scale);
                    settings.text_scale =
                        TEXT_SCALES[at.map_or(1, |i| (i + 1) % TEXT_SCALES.len())].0;
                }
            ),
            theme::button(
                &fonts,
                format!(
                    "Coach mode (feedback after each choice): {}",
                    on_off(s.coach)
                ),
                |_: On<Activate>, mut profile: ResMut<Profile>| profile.settings.coach ^= true,
            ),
            theme::button(
                &fonts,
                format!("Fullscreen: {}", on_off(s.fullscreen)),
                |_: On<Activate>, mut profile: ResMut<Profile>| {
                    profile.settings.fullscreen ^= true;
                }
            ),
            key_hint(&fonts, "Esc: back"),
        ],
    ));
}
