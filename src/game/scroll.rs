//! Scrolling for long lists (the debrief's path): mouse wheel, arrow keys and
//! Page Up / Page Down move every [`Scrollable`] node on screen.

use bevy::input::mouse::{MouseScrollUnit, MouseWheel};
use bevy::prelude::*;

/// A node whose overflowing content scrolls.
#[derive(Component, Default)]
pub struct Scrollable;

const LINE: f32 = 24.0;
const PAGE: f32 = 400.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, scroll);
}

fn scroll(
    mut wheel: MessageReader<MouseWheel>,
    keys: Res<ButtonInput<KeyCode>>,
    mut nodes: Query<(&mut ScrollPosition, &ComputedNode), With<Scrollable>>,
) {
    let mut delta: f32 = wheel
        .read()
        .map(|w| match w.unit {
            MouseScrollUnit::Line => -w.y * LINE,
            MouseScrollUnit::Pixel => -w.y,
        })
        .sum();
    for (key, step) in [
        (KeyCode::ArrowDown, LINE * 2.0),
        (KeyCode::ArrowUp, -LINE * 2.0),
        (KeyCode::PageDown, PAGE),
        (KeyCode::PageUp, -PAGE),
    ] {
        if keys.just_pressed(key) {
            delta += step;
        }
    }
    if delta == 0.0 {
        return;
    }
    for (mut position, computed) in &mut nodes {
        let max = ((computed.content_size() - computed.size()) * computed.inverse_scale_factor()).y;
        position.y = (position.y + delta).clamp(0.0, max.max(0.0));
    }
}
