//! The debrief's left panel: how it ended, the score and what it is made of,
//! the best possible and the personal best, and the first meter over time.

use bevy::prelude::*;
use frontline_core::Conclusion;
use frontline_core::runner::PersonalBest;

use super::Results;
use crate::game::scroll::Scrollable;
use crate::game::theme::{self, Fonts, outcome_color, palette, quality_color};

pub(super) fn panel() -> impl Bundle {
    (
        theme::panel(Node {
            width: px(380),
            flex_shrink: 0.0,
            overflow: Overflow::scroll_y(),
            ..theme::panel_node()
        }),
        ScrollPosition::default(),
        Scrollable,
    )
}

pub(super) fn fill(commands: &mut Commands, panel: Entity, fonts: &Fonts, results: &Results) {
    let c = &results.conclusion;
    let d = &c.debrief;
    let scenario = &results.prepared.scenario;
    let color = outcome_color(d.outcome);
    commands.entity(panel).with_children(|parent| {
        parent.spawn(theme::text(
            fonts,
            scenario.title.clone(),
            0.9,
            palette::TEXT_DIM,
        ));
        if let Some(note) = &results.note {
            parent.spawn(theme::text(fonts, note.clone(), 0.85, palette::ACCENT));
        }
        parent.spawn(theme::heading(fonts, d.ending_title.clone(), 1.5));
        parent.spawn(theme::text(
            fonts,
            d.ending_text.clone(),
            0.9,
            palette::TEXT,
        ));
        let score = format!("{} / 100 · grade {:?}", d.score, d.grade);
        parent.spawn(theme::heading(fonts, score, 2.0));
        let outcome = format!("{:?}: {}", d.outcome, d.grade.meaning());
        parent.spawn(theme::text(fonts, outcome, 1.0, color));
        if let Some((line, emphasis)) = personal_best(c.personal_best) {
            let tint = if emphasis { color } else { palette::TEXT_DIM };
            parent.spawn(theme::text(fonts, line, 0.9, tint));
        }
        if let Some(recall) = d.recall {
            parent.spawn(theme::text(fonts, recall.summary(), 0.85, palette::ACCENT));
        }
        if let Some(bounds) = c.bounds {
            let best = format!("Best possible in this scenario: {}", bounds.best);
            parent.spawn(theme::text(fonts, best, 0.85, palette::ACCENT));
        }
        parent.spawn(theme::text(fonts, split(c), 0.85, palette::TEXT_DIM));
    });
    let chart = commands.spawn(chart(fonts, results)).id();
    commands.entity(panel).add_child(chart);
}

/// The line about the personal best, and whether it is news.
fn personal_best(best: PersonalBest) -> Option<(String, bool)> {
    match best {
        PersonalBest::Unknown => None,
        PersonalBest::First => Some(("Your first recorded attempt here.".into(), false)),
        PersonalBest::Improved { previous } => {
            Some((format!("New personal best (was {previous})"), true))
        }
        PersonalBest::Kept { best } => Some((format!("Your best so far: {best}"), false)),
    }
}

/// What the score is made of.
fn split(c: &Conclusion) -> String {
    format!(
        "The customer's satisfaction {:.0}% (60% of the score) · your service practices {:.0}% (40%)",
        c.debrief.customer * 100.0,
        c.debrief.practice * 100.0
    )
}

/// The first meter at the start and after each reply, as bars.
fn chart(fonts: &Fonts, results: &Results) -> impl Bundle {
    let meter = results.prepared.scenario.meters[0].clone();
    let bars: Vec<f32> = results
        .conclusion
        .debrief
        .meter_trace
        .iter()
        .map(|values| meter.normalized(values[0]))
        .collect();
    (
        Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(4),
            ..default()
        },
        Children::spawn((
            Spawn(theme::text(
                fonts,
                format!("{} over the conversation", meter.label),
                0.8,
                palette::TEXT_DIM,
            )),
            Spawn((
                Node {
                    height: px(90),
                    width: percent(100),
                    align_items: AlignItems::FlexEnd,
                    column_gap: px(4),
                    padding: px(4).all(),
                    ..default()
                },
                BackgroundColor(palette::TRACK),
                Children::spawn(SpawnIter(bars.into_iter().map(|share| {
                    (
                        Node {
                            flex_grow: 1.0,
                            height: percent(share.max(0.03) * 100.0),
                            ..default()
                        },
                        BackgroundColor(quality_color(share)),
                    )
                }))),
            )),
        )),
    )
}
