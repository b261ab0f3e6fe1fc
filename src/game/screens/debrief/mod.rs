//! The debrief: score, grade and outcome; each pillar of practice; the path
//! taken with the feedback for every choice; satisfaction over the
//! conversation; and how far the trainee was from the best possible score.

use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use frontline_core::bounds::ScoreBounds;
use frontline_core::{Debrief, Outcome, Pillar};

use super::{ActivePlay, NextSeed, Screen, key_hint};
use crate::game::scroll::Scrollable;
use crate::game::theme::{self, Fonts, palette, quality_color};

/// The finished session's results.
#[derive(Resource, Debug, Clone)]
pub struct Results {
    pub debrief: Debrief,
    pub bounds: ScoreBounds,
    /// Whether this beat the trainee's best.
    pub improved: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Debrief), spawn);
    app.add_systems(Update, keys.run_if(in_state(Screen::Debrief)));
}

fn outcome_color(outcome: Outcome) -> Color {
    match outcome {
        Outcome::Promoter => palette::GOOD,
        Outcome::Passive => palette::MIDDLE,
        Outcome::Detractor => palette::BAD,
    }
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>, results: Res<Results>, play: Res<ActivePlay>) {
    let d = &results.debrief;
    let scenario = play.session.scenario();
    let best = results.bounds.best;
    let gap = best.saturating_sub(d.score);
    let root = commands
        .spawn((
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                padding: px(24).all(),
                row_gap: px(16),
                ..default()
            },
            DespawnOnExit(Screen::Debrief),
        ))
        .id();
    let columns = commands
        .spawn(Node {
            flex_grow: 1.0,
            min_height: px(0),
            column_gap: px(24),
            ..default()
        })
        .id();

    let summary = commands
        .spawn(theme::panel(Node {
            width: percent(38),
            min_width: px(320),
            ..theme::panel_node()
        }))
        .id();
    commands.entity(summary).with_children(|parent| {
        parent.spawn(theme::text(
            &fonts,
            scenario.title.clone(),
            0.9,
            palette::TEXT_DIM,
        ));
        parent.spawn(theme::heading(&fonts, d.ending_title.clone(), 1.5));
        parent.spawn(theme::text(
            &fonts,
            d.ending_text.clone(),
            0.9,
            palette::TEXT,
        ));
        parent.spawn(theme::heading(
            &fonts,
            format!("{} / 100 · grade {:?}", d.score, d.grade),
            2.0,
        ));
        parent.spawn(theme::text(
            &fonts,
            format!("{:?}: {}", d.outcome, d.grade.meaning()),
            1.0,
            outcome_color(d.outcome),
        ));
        if results.improved {
            parent.spawn(theme::text(
                &fonts,
                "New personal best!",
                0.9,
                palette::GOOD,
            ));
        }
        parent.spawn(theme::text(
            &fonts,
            format!("Best possible here: {best}. You were {gap} point(s) from it."),
            0.85,
            palette::ACCENT,
        ));
        parent.spawn(theme::text(
            &fonts,
            format!(
                "Customer {:.0}% · your service {:.0}%",
                d.customer * 100.0,
                d.practice * 100.0
            ),
            0.85,
            palette::TEXT_DIM,
        ));
        let meter = &scenario.meters[0];
        parent.spawn(theme::text(
            &fonts,
            format!("{} over the conversation", meter.label),
            0.8,
            palette::TEXT_DIM,
        ));
        parent
            .spawn((
                Node {
                    height: px(90),
                    flex_shrink: 0.0,
                    width: percent(100),
                    align_items: AlignItems::FlexEnd,
                    column_gap: px(4),
                    padding: px(4).all(),
                    ..default()
                },
                BackgroundColor(palette::TRACK),
            ))
            .with_children(|chart| {
                for values in &d.meter_trace {
                    let share = meter.normalized(values[0]);
                    chart.spawn((
                        Node {
                            flex_grow: 1.0,
                            height: percent(share.max(0.03) * 100.0),
                            ..default()
                        },
                        BackgroundColor(quality_color(share)),
                    ));
                }
            });
    });

    let details = commands
        .spawn((
            Node {
                flex_grow: 1.0,
                flex_basis: px(0),
                flex_direction: FlexDirection::Column,
                row_gap: px(8),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            Scrollable,
        ))
        .id();
    commands.entity(details).with_children(|parent| {
        parent.spawn(theme::heading(&fonts, "Practices", 1.2));
        for pillar in &d.pillars {
            let used: Vec<&str> = pillar.practices.iter().map(|(p, _)| p.label()).collect();
            let detail = if used.is_empty() {
                "—".to_string()
            } else {
                used.join(", ")
            };
            let color = match (pillar.pillar, pillar.choices) {
                (Pillar::AntiPattern, 0) => palette::GOOD,
                (Pillar::AntiPattern, _) => palette::BAD,
                (_, 0) => palette::TEXT_DIM,
                _ => palette::GOOD,
            };
            parent.spawn(theme::text(
                &fonts,
                format!(
                    "{}: {} choice(s) · {detail}",
                    pillar.pillar.name(),
                    pillar.choices
                ),
                0.85,
                color,
            ));
        }
        for advice in &d.advice {
            parent.spawn(theme::text(
                &fonts,
                format!("To work on: {advice}"),
                0.85,
                palette::ACCENT,
            ));
        }
        parent.spawn(theme::heading(&fonts, "Your path", 1.2));
        for (i, step) in d.steps.iter().enumerate() {
            let tags: Vec<String> = step.tags.iter().map(ToString::to_string).collect();
            parent.spawn((
                theme::panel(Node {
                    flex_shrink: 0.0,
                    row_gap: px(4),
                    padding: px(12).all(),
                    ..theme::panel_node()
                }),
                children![
                    theme::text(
                        &fonts,
                        format!("{}. “{}”", i + 1, step.line),
                        0.8,
                        palette::TEXT_DIM
                    ),
                    theme::text(&fonts, format!("You: {}", step.choice), 0.85, palette::TEXT),
                    theme::text(&fonts, tags.join(" · "), 0.8, quality_color(step.quality)),
                    theme::text(&fonts, step.feedback.clone(), 0.8, palette::TEXT),
                ],
            ));
        }
    });

    let seed = d.seed;
    let actions = commands
        .spawn((
            Node {
                column_gap: px(12),
                align_items: AlignItems::Center,
                ..default()
            },
            children![
                theme::button(
                    &fonts,
                    "Replay (new seed)",
                    |_: On<Activate>, mut commands: Commands| {
                        commands.insert_resource(NextSeed(None));
                        commands.set_state(Screen::Briefing);
                    }
                ),
                theme::button(
                    &fonts,
                    format!("Replay seed {seed}"),
                    move |_: On<Activate>, mut commands: Commands| {
                        commands.insert_resource(NextSeed(Some(seed)));
                        commands.set_state(Screen::Briefing);
                    }
                ),
                theme::button(
                    &fonts,
                    "Another scenario",
                    |_: On<Activate>, mut next: ResMut<NextState<Screen>>| {
                        next.set(Screen::Select);
                    }
                ),
                key_hint(
                    &fonts,
                    "N: new seed   S: same seed   Enter/Esc: scenarios   ↑↓: scroll"
                ),
            ],
        ))
        .id();
    commands.entity(columns).add_children(&[summary, details]);
    commands.entity(root).add_children(&[columns, actions]);
}

fn keys(keys: Res<ButtonInput<KeyCode>>, results: Res<Results>, mut commands: Commands) {
    if keys.just_pressed(KeyCode::KeyN) {
        commands.insert_resource(NextSeed(None));
        commands.set_state(Screen::Briefing);
    } else if keys.just_pressed(KeyCode::KeyS) {
        commands.insert_resource(NextSeed(Some(results.debrief.seed)));
        commands.set_state(Screen::Briefing);
    } else if keys.just_pressed(KeyCode::Enter) {
        commands.set_state(Screen::Select);
    }
}
