//! A one-line text field: a bordered box with a visible cursor that scrolls
//! sideways rather than wrap, focused when it appears.

use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::text::{EditableText, TextCursorStyle};

use crate::game::theme::{Fonts, palette};

/// A field holding `value`, taking at most `max` characters.
pub fn text_field(fonts: &Fonts, value: &str, max: usize, width: Val) -> impl Bundle {
    (
        Node {
            width,
            max_width: percent(100),
            padding: UiRect::axes(px(14), px(10)),
            border: px(2).all(),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        BorderColor::all(palette::ACCENT),
        BackgroundColor(palette::PANEL),
        EditableText {
            max_characters: Some(max),
            allow_newlines: false,
            ..EditableText::new(value)
        },
        TextLayout::no_wrap(),
        TextCursorStyle {
            color: palette::ACCENT,
            ..default()
        },
        TextFont {
            font: fonts.regular.clone().into(),
            font_size: FontSize::Rem(1.3),
            ..default()
        },
        TextColor(palette::TEXT),
        AutoFocus,
    )
}
