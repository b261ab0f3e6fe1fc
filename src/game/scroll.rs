//! Scrolling for content taller than the window: mouse wheel, arrow keys and
//! Page Up / Page Down move every [`Scrollable`] node on screen, and
//! [`ScrollIntoView`] brings one entity into view (a highlighted card, the
//! newest line of a conversation).

use bevy::input::mouse::{MouseScrollUnit, MouseWheel};
use bevy::prelude::*;
use bevy::window::RequestRedraw;

/// A node whose overflowing content scrolls.
#[derive(Component, Default)]
pub struct Scrollable;

/// On a screen whose arrow keys move a highlight instead of scrolling; the
/// screen brings the highlighted entity into view with [`ScrollIntoView`].
#[derive(Component, Default)]
pub struct ArrowKeysTaken;

/// Scrolls the nearest [`Scrollable`] ancestor so this entity is in view
/// (as much of it as fits, from its top), then removes itself.
#[derive(Component, Default)]
pub struct ScrollIntoView;

const LINE: f32 = 24.0;
const PAGE: f32 = 400.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (scroll, scroll_into_view));
}

fn scroll(
    mut wheel: MessageReader<MouseWheel>,
    keys: Res<ButtonInput<KeyCode>>,
    arrows_taken: Query<(), With<ArrowKeysTaken>>,
    mut nodes: Query<(&mut ScrollPosition, &ComputedNode), With<Scrollable>>,
) {
    let mut delta: f32 = wheel
        .read()
        .map(|w| match w.unit {
            MouseScrollUnit::Line => -w.y * LINE,
            MouseScrollUnit::Pixel => -w.y,
        })
        .sum();
    let arrows = arrows_taken.is_empty();
    for (key, step, is_arrow) in [
        (KeyCode::ArrowDown, LINE * 2.0, true),
        (KeyCode::ArrowUp, -LINE * 2.0, true),
        (KeyCode::PageDown, PAGE, false),
        (KeyCode::PageUp, -PAGE, false),
    ] {
        if keys.just_pressed(key) && (arrows || !is_arrow) {
            delta += step;
        }
    }
    if delta == 0.0 {
        return;
    }
    for (mut position, computed) in &mut nodes {
        position.y = (position.y + delta).clamp(0.0, max_scroll(computed));
    }
}

/// How far a node can scroll down, in logical pixels.
fn max_scroll(computed: &ComputedNode) -> f32 {
    let max = (computed.content_size() - computed.size()).y * computed.inverse_scale_factor();
    max.max(0.0)
}

fn scroll_into_view(
    mut commands: Commands,
    targets: Query<(Entity, &ComputedNode, &UiGlobalTransform), With<ScrollIntoView>>,
    parents: Query<&ChildOf>,
    mut areas: Query<(&mut ScrollPosition, &ComputedNode, &UiGlobalTransform), With<Scrollable>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    for (entity, node, transform) in &targets {
        if node.is_empty() {
            // Not laid out yet: try again next frame.
            redraw.write(RequestRedraw);
            continue;
        }
        commands.entity(entity).remove::<ScrollIntoView>();
        let Some(area) = parents.iter_ancestors(entity).find(|a| areas.contains(*a)) else {
            continue;
        };
        let (mut position, view, view_transform) = areas.get_mut(area).expect("found above");
        let top = transform.translation.y - node.size().y / 2.0;
        let bottom = top + node.size().y;
        let view_top = view_transform.translation.y - view.size().y / 2.0;
        let view_bottom = view_top + view.size().y;
        let shift = if top < view_top {
            top - view_top
        } else if bottom > view_bottom {
            (bottom - view_bottom).min(top - view_top)
        } else {
            continue;
        };
        let wanted = position.y + shift * view.inverse_scale_factor();
        position.y = wanted.clamp(0.0, max_scroll(view));
        redraw.write(RequestRedraw);
    }
}
