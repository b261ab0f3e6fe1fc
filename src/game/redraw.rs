//! Reactive rendering: the game draws only when something happens (see
//! `WinitSettings::desktop_app`), so it asks for frames itself while the
//! picture is still settling: a screen change under way, a reply that just
//! landed or a typed reply just read, or files and fonts still loading.
//! Animations ask for their own frames.

use bevy::prelude::*;
use bevy::window::RequestRedraw;

use super::library::Library;
use super::screens::typed_reply::Typing;
use super::screens::{ActivePlay, Screen};
use super::theme::Fonts;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Last, request_while_settling);
}

/// Frames still drawn once nothing is loading or changing: text laid out with
/// a font that just loaded, and the swapchain's first images, only show a
/// frame or two later.
const AFTERGLOW: u8 = 8;

fn request_while_settling(
    mut afterglow: Local<u8>,
    (next, screen): (Res<NextState<Screen>>, Res<State<Screen>>),
    library: Res<Library>,
    fonts: Res<Fonts>,
    assets: Res<AssetServer>,
    (play, typing): (Option<Res<ActivePlay>>, Option<Res<Typing>>),
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let changing = matches!(*next, NextState::Pending(_))
        || screen.is_changed()
        || play.is_some_and(|p| p.is_changed())
        || typing.is_some_and(|t| t.is_changed());
    if changing || library.loading() || !fonts.settled(&assets) {
        *afterglow = AFTERGLOW;
    }
    if *afterglow > 0 {
        *afterglow -= 1;
        redraw.write(RequestRedraw);
    }
}
