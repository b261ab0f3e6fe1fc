//! The title screen. Quitting asks first.

use bevy::prelude::*;
use bevy::ui_widgets::Activate;

use super::{Screen, key_hint};
use crate::game::theme::{self, Fonts, palette};
use crate::game::widgets::confirm::{Answered, confirm_dialog, no_dialog};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), spawn);
    app.add_systems(
        Update,
        keys.run_if(in_state(Screen::Title).and_eager(no_dialog)),
    );
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>) {
    commands.spawn((
        DespawnOnExit(Screen::Title),
        theme::screen(children![
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
            theme::button(&fonts, "Quit", |_: On<Activate>, mut commands: Commands| {
                commands.run_system_cached(ask_to_quit);
            }),
            key_hint(&fonts, "Enter: play   S: settings   Q: quit"),
        ]),
    ));
}

fn keys(keys: Res<ButtonInput<KeyCode>>, mut commands: Commands) {
    if keys.just_pressed(KeyCode::Enter) {
        commands.set_state(Screen::Name);
    } else if keys.just_pressed(KeyCode::KeyS) {
        commands.set_state(Screen::Settings);
    } else if keys.just_pressed(KeyCode::KeyQ) {
        commands.run_system_cached(ask_to_quit);
    }
}

fn ask_to_quit(mut commands: Commands, fonts: Res<Fonts>) {
    commands
        .spawn((
            confirm_dialog(&fonts, "Quit Frontline?", "Your scores are saved."),
            DespawnOnExit(Screen::Title),
        ))
        .observe(|answer: On<Answered>, mut exit: MessageWriter<AppExit>| {
            if answer.yes {
                exit.write(AppExit::Success);
            }
        });
}
