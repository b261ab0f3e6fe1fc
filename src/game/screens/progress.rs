//! The trainee's progress: every attempt, newest first, with its score and
//! outcome, from the records. Abandoned sessions are listed as such.

use bevy::prelude::*;

use super::{Screen, key_hint};
use crate::game::records::Records;
use crate::game::scroll::Scrollable;
use crate::game::theme::{self, Fonts, palette, quality_color};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Progress), spawn);
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>, records: Option<Res<Records>>) {
    let attempts = records.as_ref().map(|r| r.0.attempts()).unwrap_or_default();
    let trainee = records.as_ref().map_or("", |r| r.0.trainee()).to_string();
    let root = commands
        .spawn((theme::screen_root(), DespawnOnExit(Screen::Progress)))
        .id();
    let list = commands
        .spawn((
            Node {
                width: px(820),
                max_width: percent(92),
                flex_shrink: 1.0,
                flex_direction: FlexDirection::Column,
                row_gap: px(6),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            Scrollable,
        ))
        .id();
    commands.entity(list).with_children(|parent| {
        if let Some(off) = records.as_ref().and_then(|r| r.0.off_reason()) {
            parent.spawn(theme::text(&fonts, off, 0.85, palette::BAD));
        } else if attempts.is_empty() {
            parent.spawn(theme::text(
                &fonts,
                "No attempts yet: pick a scenario to start.",
                1.0,
                palette::TEXT_DIM,
            ));
        }
        for attempt in attempts.iter().rev() {
            let (result, color) = match &attempt.finish {
                Some(finish) => (
                    format!(
                        "{} / 100 · grade {:?} · {:?}",
                        finish.score, finish.grade, finish.outcome
                    ),
                    quality_color(f32::from(finish.score) / 100.0),
                ),
                None => ("abandoned".to_string(), palette::TEXT_DIM),
            };
            parent.spawn((
                theme::panel(Node {
                    flex_shrink: 0.0,
                    row_gap: px(2),
                    padding: UiRect::axes(px(16), px(8)),
                    ..theme::panel_node()
                }),
                children![
                    theme::text(
                        &fonts,
                        format!(
                            "{} · {} · seed {}",
                            minute(&attempt.started.to_string()),
                            attempt.scenario_title,
                            attempt.seed
                        ),
                        0.8,
                        palette::TEXT_DIM
                    ),
                    theme::text(&fonts, result, 0.95, color),
                ],
            ));
        }
    });
    let heading = commands
        .spawn(theme::heading(&fonts, format!("{trainee}'s progress"), 2.0))
        .id();
    let hint = commands
        .spawn(key_hint(&fonts, "↑↓: scroll   Esc: back"))
        .id();
    commands.entity(root).add_children(&[heading, list, hint]);
}

/// `2025-03-01T09:12:44Z` as `2025-03-01 09:12`.
fn minute(timestamp: &str) -> String {
    timestamp
        .chars()
        .take(16)
        .collect::<String>()
        .replace('T', " ")
}
