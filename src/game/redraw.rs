//! Reactive rendering: the game draws only when something happens (see
//! `WinitSettings::desktop_app`), so it asks for frames itself while the
//! picture is still settling: a screen change under way, a reply that just
//! landed or a typed reply just read, files and fonts still loading, or the
//! first screen not yet drawn.
//! Animations ask for their own frames.

use bevy::prelude::*;
use bevy::window::RequestRedraw;

use super::first_frame::FirstFrame;
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
    (fonts, assets, first): (Res<Fonts>, Res<AssetServer>, Res<FirstFrame>),
    (play, typing): (Option<Res<ActivePlay>>, Option<Res<Typing>>),
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let changing = matches!(*next, NextState::Pending(_))
        || screen.is_changed()
        || play.is_some_and(|p| p.is_changed())
        || typing.is_some_and(|t| t.is_changed());
    if changing || library.loading() || !fonts.settled(&assets) || !first.drawn() {
        *afterglow = AFTERGLOW;
    }
    if *afterglow > 0 {
        *afterglow -= 1;
        redraw.write(RequestRedraw);
    }
}
