//! The debrief's right column: where the points went (the costliest turns
//! first, each with the reply chosen and the better one), the one or two
//! things to work on next, and the whole path, each turn with a way to try
//! it again.

use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use frontline_core::Conclusion;
use frontline_core::review::{Focus, Reply, Turn};
use frontline_core::typing::Said;

use super::TryAgain;
use crate::game::theme::{self, Fonts, palette, quality_color};

pub(super) fn fill(commands: &mut Commands, column: Entity, fonts: &Fonts, c: &Conclusion) {
    let h = &c.hindsight;
    commands.entity(column).with_children(|parent| {
        parent.spawn(theme::heading(fonts, "Where the points went", 1.2));
        parent.spawn(theme::text(fonts, h.overview(), 0.9, palette::TEXT));
        for turn in h.costly() {
            costly_turn(parent, fonts, turn);
        }
        if !h.focus.is_empty() {
            parent.spawn(theme::heading(fonts, "To work on next", 1.2));
            for (i, focus) in h.focus.iter().enumerate() {
                parent.spawn(focus_line(fonts, i, focus));
            }
        }
        parent.spawn(theme::heading(fonts, "Your path", 1.2));
        for turn in &h.turns {
            let said = c.said.get(turn.number - 1).and_then(Said::typed_words);
            parent.spawn(path_turn(fonts, turn, said));
        }
    });
}

fn card() -> impl Bundle {
    theme::panel(Node {
        flex_shrink: 0.0,
        row_gap: px(4),
        padding: px(12).all(),
        ..theme::panel_node()
    })
}

fn costly_turn(parent: &mut ChildSpawnerCommands, fonts: &Fonts, turn: &Turn) {
    let heading = format!(
        "Turn {} · \u{2212}{} here · “{}”",
        turn.number,
        turn.lost(),
        turn.line
    );
    parent.spawn(card()).with_children(|card| {
        card.spawn(theme::text(fonts, heading, 0.85, palette::ACCENT));
        card.spawn(reply_text(fonts, "You", &turn.chosen));
        if let Some((reply, keeps)) = &turn.better {
            let kept = turn.kept.map_or("no ending".into(), |k| k.to_string());
            let why = format!("It guaranteed {keeps}; yours, {kept}. {}", reply.feedback);
            card.spawn(reply_text(fonts, "Better", reply));
            card.spawn(theme::text(fonts, why, 0.8, palette::TEXT));
        }
        card.spawn(try_again_button(fonts, turn.number));
    });
}

fn reply_text(fonts: &Fonts, who: &str, reply: &Reply) -> impl Bundle {
    let tags: Vec<String> = reply.tags.iter().map(ToString::to_string).collect();
    let tags = if tags.is_empty() {
        String::new()
    } else {
        format!("  [{}]", tags.join(" · "))
    };
    theme::text(
        fonts,
        format!("{who}: {}{tags}", reply.text),
        0.85,
        reply.quality.map_or(palette::TEXT_DIM, quality_color),
    )
}

fn focus_line(fonts: &Fonts, i: usize, f: &Focus) -> impl Bundle {
    let line = format!("{}. {}", i + 1, f.summary());
    theme::text(fonts, line, 0.85, palette::TEXT)
}

/// A turn of the path; `typed` is what the trainee typed, if they did.
fn path_turn(fonts: &Fonts, turn: &Turn, typed: Option<String>) -> impl Bundle {
    let typed = typed.map_or(String::new(), |words| format!("You typed: {words}"));
    (
        card(),
        children![
            theme::text(
                fonts,
                format!("{}. “{}”", turn.number, turn.line),
                0.8,
                palette::TEXT_DIM
            ),
            theme::text(fonts, typed, 0.8, palette::TEXT_DIM),
            reply_text(fonts, "You", &turn.chosen),
            theme::text(fonts, turn.chosen.feedback.clone(), 0.8, palette::TEXT),
            try_again_button(fonts, turn.number),
        ],
    )
}

/// A button as wide as its label, at the start of its card.
fn try_again_button(fonts: &Fonts, turn: usize) -> impl Bundle {
    (
        Node {
            align_self: AlignSelf::FlexStart,
            ..default()
        },
        children![theme::button(
            fonts,
            format!("Try turn {turn} again"),
            move |_: On<Activate>, mut again: MessageWriter<TryAgain>| {
                again.write(TryAgain(turn));
            },
        )],
    )
}
