//! The screens, one state each: title → name → select → briefing →
//! conversation → debrief, plus settings and progress. Esc, or the Back
//! button each screen shows, goes back one step.

mod briefing;
mod conversation;
mod debrief;
mod name;
mod progress;
mod select;
mod settings;
mod title;
pub mod typed_reply;

use bevy::prelude::*;
use bevy::ui_widgets::Activate;

use super::theme::{self, Fonts, palette};
use super::widgets::confirm::no_dialog;

pub use conversation::ActivePlay;
pub use debrief::Results;
pub use select::{NextSeed, Selected, StartWith};
#[cfg(test)]
pub(crate) use settings::TEXT_SCALES;

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
    /// Where Esc leads from here. The conversation asks first (see
    /// `conversation::ask_to_leave`).
    fn back(self) -> Option<Screen> {
        match self {
            Screen::Title | Screen::Conversation => None,
            Screen::Name | Screen::Settings => Some(Screen::Title),
            Screen::Select => Some(Screen::Name),
            Screen::Progress => Some(Screen::Select),
            Screen::Briefing | Screen::Debrief => Some(Screen::Select),
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
        typed_reply::plugin,
    ));
    app.add_systems(
        Update,
        (
            go_back.run_if(no_dialog),
            log_screen.run_if(state_changed::<Screen>),
        ),
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

/// The "← Back" button: where Esc leads from the current screen.
fn back_button(fonts: &Fonts) -> impl Bundle {
    theme::button(
        fonts,
        "← Back",
        |_: On<Activate>, screen: Res<State<Screen>>, mut next: ResMut<NextState<Screen>>| {
            if let Some(back) = screen.get().back() {
                next.set(back);
            }
        },
    )
}

/// The bottom row of a screen: its buttons (Back first), then the key hint.
fn bottom_row(content: impl Bundle) -> impl Bundle {
    (
        Node {
            column_gap: px(12),
            row_gap: px(8),
            flex_wrap: FlexWrap::Wrap,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            max_width: percent(100),
            ..default()
        },
        content,
    )
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
fn key_hint(fonts: &Fonts, hint: &str) -> impl Bundle {
    theme::text(fonts, hint, 0.8, palette::TEXT_DIM)
}
