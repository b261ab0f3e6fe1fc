//! The baseline for the game's performance figures: a bare Bevy window with
//! one line of text, built with the same Bevy features and Bevy's default
//! (continuous) rendering. `tests/window/measure.sh` compares the two.

use bevy::prelude::*;

fn main() {
    App::new()
        .add_plugins(DefaultPlugins)
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
            commands.spawn(Text::new("A bare Bevy window"));
        })
        .run();
}
