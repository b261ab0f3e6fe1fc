//! The screens, one state each: title → name → select → briefing →
//! conversation → debrief, plus settings. Esc goes back one step everywhere.

mod briefing;
mod conversation;
mod debrief;
mod name;
mod progress;
mod select;
mod settings;
mod title;

use bevy::prelude::*;

pub use conversation::ActivePlay;
pub use debrief::Results;
pub use select::{NextSeed, Selected, StartWith};

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    Name,
    Select,
    Briefing,
    Conversation,
    Debrief,
    Settings,
    Progress,
}

impl Screen {
    /// Where Esc leads from here.
    fn back(self) -> Option<Screen> {
        match self {
            Screen::Title => None,
            Screen::Name | Screen::Settings => Some(Screen::Title),
            Screen::Select => Some(Screen::Name),
            Screen::Progress => Some(Screen::Select),
            Screen::Briefing | Screen::Conversation | Screen::Debrief => Some(Screen::Select),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.add_plugins((
        title::plugin,
        name::plugin,
        select::plugin,
        briefing::plugin,
        conversation::plugin,
        debrief::plugin,
        settings::plugin,
        progress::plugin,
    ));
    app.add_systems(
        Update,
        (go_back, log_screen.run_if(state_changed::<Screen>)),
    );
}

/// Logs each screen entered: what the window test follows, and a trail for bug reports.
fn log_screen(screen: Res<State<Screen>>) {
    info!("screen: {:?}", screen.get());
}

fn go_back(
    keys: Res<ButtonInput<KeyCode>>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
) {
    if keys.just_pressed(KeyCode::Escape)
        && let Some(back) = screen.get().back()
    {
        next.set(back);
    }
}

/// The digit key pressed this frame, as a 0-based index (1 → 0 … 9 → 8).
fn digit_pressed(keys: &ButtonInput<KeyCode>) -> Option<usize> {
    use KeyCode::*;
    const DIGITS: [[KeyCode; 2]; 9] = [
        [Digit1, Numpad1],
        [Digit2, Numpad2],
        [Digit3, Numpad3],
        [Digit4, Numpad4],
        [Digit5, Numpad5],
        [Digit6, Numpad6],
        [Digit7, Numpad7],
        [Digit8, Numpad8],
        [Digit9, Numpad9],
    ];
    DIGITS.iter().position(|pair| keys.any_just_pressed(*pair))
}

/// A one-line hint at the bottom of a screen: which keys do what.
fn key_hint(fonts: &super::theme::Fonts, hint: &str) -> impl Bundle {
    super::theme::text(fonts, hint, 0.8, super::theme::palette::TEXT_DIM)
}
