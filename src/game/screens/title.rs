//! The title screen.

use bevy::prelude::*;
use bevy::ui_widgets::Activate;

use super::{Screen, key_hint};
use crate::game::theme::{self, Fonts, palette};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), spawn);
    app.add_systems(Update, keys.run_if(in_state(Screen::Title)));
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>) {
    commands.spawn((
        theme::screen_root(),
        DespawnOnExit(Screen::Title),
        children![
            theme::heading(&fonts, "FRONTLINE", 3.2),
            theme::text(&fonts, "Customer-service training", 1.3, palette::ACCENT),
            theme::text(
                &fonts,
                "Understand, manage and, where possible, exceed your customers' expectations.",
                1.0,
                palette::TEXT_DIM,
            ),
            theme::button(
                &fonts,
                "Play",
                |_: On<Activate>, mut next: ResMut<NextState<Screen>>| {
                    next.set(Screen::Name);
                }
            ),
            theme::button(
                &fonts,
                "Settings",
                |_: On<Activate>, mut next: ResMut<NextState<Screen>>| {
                    next.set(Screen::Settings);
                }
            ),
            theme::button(
                &fonts,
                "Quit",
                |_: On<Activate>, mut exit: MessageWriter<AppExit>| {
                    exit.write(AppExit::Success);
                }
            ),
            key_hint(&fonts, "Enter: play   S: settings   Q: quit"),
        ],
    ));
}

fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) {
    if keys.just_pressed(KeyCode::Enter) {
        next.set(Screen::Name);
    } else if keys.just_pressed(KeyCode::KeyS) {
        next.set(Screen::Settings);
    } else if keys.just_pressed(KeyCode::KeyQ) {
        exit.write(AppExit::Success);
    }
}
