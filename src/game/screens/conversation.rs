//! The conversation: the customer, their mood and the meters on the left; what
//! was said and the trainee's choices on the right. Choices are buttons and
//! the keys 1–9. In coach mode each choice's feedback shows right after it.

use std::sync::Arc;

use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use bevy::window::RequestRedraw;
use frontline_core::scenario::{Better, Speaker};
use frontline_core::{Debrief, Practice, Session, State};

use super::{Results, Screen, digit_pressed, key_hint};
use crate::game::library::Library;
use crate::game::records::Records;
use crate::game::theme::{self, Fonts, palette, quality_color};
use frontline_records::Mode;

/// The session being played, with what the screen needs to show about it.
#[derive(Resource, Debug)]
pub struct ActivePlay {
    pub session: Session,
    /// The scenario file's text, whose hash the records keep.
    pub source: Arc<str>,
    /// Version of the library entry the session was started from.
    pub version: u32,
    pub coach: bool,
    /// The last choice, for coach-mode feedback.
    pub last_step: Option<(String, String, Vec<Practice>)>,
}

/// Take the n-th offered choice (0-based), from a key or a button.
#[derive(Message, Debug, Clone, Copy)]
pub struct ChooseOffer(pub usize);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<ChooseOffer>();
    app.add_systems(
        OnEnter(Screen::Conversation),
        (spawn_layout, refresh_dialogue, start_recording).chain(),
    );
    app.add_systems(
        Update,
        (
            choose_by_key,
            apply_choice,
            restart_on_edit,
            refresh_dialogue.run_if(
                resource_exists_and_changed::<ActivePlay>.or_eager(resource_changed::<Library>),
            ),
            animate_meters,
        )
            .chain()
            .run_if(in_state(Screen::Conversation)),
    );
}

#[derive(Component)]
struct DialoguePanel;

#[derive(Component)]
struct Portrait;

#[derive(Component)]
struct MoodLabel;

/// A meter's bar; `shown` eases toward the meter's value.
#[derive(Component)]
struct MeterBar {
    meter: usize,
    shown: f32,
}

#[derive(Component)]
struct MeterValue(usize);

fn spawn_layout(
    mut commands: Commands,
    fonts: Res<Fonts>,
    play: Res<ActivePlay>,
    assets: Res<AssetServer>,
) {
    let session = &play.session;
    let scenario = session.scenario();
    let root = commands
        .spawn((
            Node {
                width: percent(100),
                height: percent(100),
                padding: px(24).all(),
                column_gap: px(24),
                ..default()
            },
            DespawnOnExit(Screen::Conversation),
        ))
        .id();
    let side = commands
        .spawn((
            theme::panel(Node {
                width: percent(30),
                min_width: px(280),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                row_gap: px(12),
                padding: px(20).all(),
                border_radius: BorderRadius::all(px(10)),
                ..theme::panel_node()
            }),
            children![
                (
                    ImageNode::new(assets.load("portraits/customer.png"))
                        .with_color(palette::MIDDLE),
                    Node {
                        width: px(160),
                        height: px(160),
                        ..default()
                    },
                    Portrait,
                ),
                theme::heading(&fonts, session.customer_name().to_string(), 1.3),
                (theme::text(&fonts, "", 1.0, palette::MIDDLE), MoodLabel),
            ],
        ))
        .id();
    for (i, meter) in scenario.meters.iter().enumerate() {
        let shown = meter.normalized(session.meters()[i]);
        let bar = commands
            .spawn((
                Node {
                    width: percent(100),
                    flex_direction: FlexDirection::Column,
                    row_gap: px(4),
                    ..default()
                },
                children![
                    (
                        theme::text(&fonts, meter.label.clone(), 0.8, palette::TEXT_DIM),
                        MeterValue(i)
                    ),
                    (
                        Node {
                            width: percent(100),
                            height: px(12),
                            border_radius: BorderRadius::all(px(6)),
                            ..default()
                        },
                        BackgroundColor(palette::TRACK),
                        children![(
                            Node {
                                width: percent(shown * 100.0),
                                height: percent(100),
                                border_radius: BorderRadius::all(px(6)),
                                ..default()
                            },
                            BackgroundColor(quality_color(shown)),
                            MeterBar { meter: i, shown },
                        )],
                    ),
                ],
            ))
            .id();
        commands.entity(side).add_child(bar);
    }
    let dialogue = commands
        .spawn((
            Node {
                flex_grow: 1.0,
                flex_direction: FlexDirection::Column,
                row_gap: px(14),
                ..default()
            },
            DialoguePanel,
        ))
        .id();
    commands.entity(root).add_children(&[side, dialogue]);
}

fn refresh_dialogue(
    mut commands: Commands,
    fonts: Res<Fonts>,
    play: Res<ActivePlay>,
    library: Res<Library>,
    panel: Single<Entity, With<DialoguePanel>>,
) {
    let panel = *panel;
    commands.entity(panel).despawn_related::<Children>();
    let session = &play.session;
    let edited = library
        .get(&session.scenario().id)
        .is_some_and(|e| e.version > play.version);
    commands.entity(panel).with_children(|parent| {
        parent.spawn(theme::heading(&fonts, session.scenario().title.clone(), 1.2));
        if edited {
            parent.spawn(theme::text(
                &fonts,
                "This scenario was edited. Press R to restart with the new version, or keep playing.",
                0.85,
                palette::ACCENT,
            ));
        }
        if play.coach
            && let Some((said, feedback, tags)) = &play.last_step
        {
            let quality = frontline_core::scoring::choice_quality(tags);
            let tags: Vec<String> = tags.iter().map(ToString::to_string).collect();
            parent.spawn((
                theme::panel(theme::panel_node()),
                children![
                    theme::text(&fonts, format!("You: {said}"), 0.9, palette::TEXT_DIM),
                    theme::text(&fonts, tags.join(" · "), 0.85, quality_color(quality)),
                    theme::text(&fonts, feedback.clone(), 0.95, palette::TEXT),
                ],
            ));
        }
        match session.state() {
            State::Waiting { .. } => {
                let (node, line) = session.current().expect("waiting");
                let speaker = match node.speaker {
                    Speaker::Customer => session.customer_name().to_string(),
                    Speaker::Narrator => String::new(),
                    Speaker::Staff => "Staff".to_string(),
                };
                let said = if speaker.is_empty() { line.to_string() } else { format!("{speaker}: “{line}”") };
                parent.spawn((
                    theme::panel_node(),
                    BackgroundColor(palette::PANEL_RAISED),
                    children![theme::text(&fonts, said, 1.15, palette::TEXT)],
                ));
                for (i, &choice) in session.offered().iter().enumerate() {
                    let text = format!("{}.  {}", i + 1, node.choices[choice].text);
                    parent.spawn(theme::button(&fonts, text, move |_: On<Activate>, mut choose: MessageWriter<ChooseOffer>| {
                        choose.write(ChooseOffer(i));
                    }));
                }
                parent.spawn(key_hint(&fonts, "1-9: choose   Esc: leave the conversation"));
            }
            State::Stuck { node } => {
                let id = &session.scenario().nodes[node].id;
                let message = format!("The scenario is stuck at node `{id}`: no choice can be offered. Run `frontline validate` and tell its author.");
                parent.spawn(theme::text(&fonts, message, 1.0, palette::BAD));
                parent.spawn(key_hint(&fonts, "Esc: back"));
            }
            State::Ended { .. } => {}
        }
    });
}

fn choose_by_key(keys: Res<ButtonInput<KeyCode>>, mut choose: MessageWriter<ChooseOffer>) {
    if let Some(index) = digit_pressed(&keys) {
        choose.write(ChooseOffer(index));
    }
}

fn start_recording(play: Res<ActivePlay>, records: Option<ResMut<Records>>) {
    if let Some(mut records) = records {
        let mode = if play.coach { Mode::Coach } else { Mode::Exam };
        records.0.start(&play.session, &play.source, mode);
    }
}

/// Applies and records the choice; at an ending, scores the session and
/// opens the debrief.
fn apply_choice(
    mut commands: Commands,
    mut choices: MessageReader<ChooseOffer>,
    mut play: ResMut<ActivePlay>,
    mut records: Option<ResMut<Records>>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(&ChooseOffer(offer)) = choices.read().next() else {
        return;
    };
    choices.clear();
    let Ok(step) = play.session.choose(offer) else {
        return;
    };
    let (node, choice) = (step.node, step.choice);
    if let Some(records) = records.as_mut() {
        records.0.choice(&play.session);
    }
    let choice = &play.session.scenario().nodes[node].choices[choice];
    let last = (
        choice.text.clone(),
        choice.feedback.clone(),
        choice.tags.clone(),
    );
    play.last_step = Some(last);
    if let Some(debrief) = Debrief::of(&play.session) {
        let bounds = frontline_core::bounds::ScoreBounds::of(play.session.scenario());
        let improved = records.as_mut().is_some_and(|records| {
            let previous = records.0.best(&debrief.scenario).and_then(|a| a.score());
            records.0.finish(&debrief);
            records.0.is_recording() && previous.is_none_or(|best| debrief.score > best)
        });
        commands.insert_resource(Results {
            debrief,
            bounds,
            improved,
        });
        next.set(Screen::Debrief);
    }
}

fn restart_on_edit(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    library: Res<Library>,
    mut play: ResMut<ActivePlay>,
) {
    if !keys.just_pressed(KeyCode::KeyR) {
        return;
    }
    let Some(entry) = library.get(&play.session.scenario().id) else {
        return;
    };
    if entry.version > play.version {
        let scenario = Arc::clone(entry.scenario.as_ref().expect("loaded"));
        play.session = Session::new(scenario, play.session.seed());
        play.source = Arc::clone(&entry.source);
        play.version = entry.version;
        play.last_step = None;
        commands.run_system_cached(start_recording);
    }
}

/// Eases each bar toward its meter and keeps frames coming while any moves;
/// the portrait and mood word follow the first meter.
fn animate_meters(
    time: Res<Time>,
    play: Res<ActivePlay>,
    mut bars: Query<(&mut MeterBar, &mut Node, &mut BackgroundColor)>,
    mut labels: Query<(&MeterValue, &mut Text), Without<MoodLabel>>,
    mut mood: Query<(&mut Text, &mut TextColor), With<MoodLabel>>,
    mut portrait: Query<&mut ImageNode, With<Portrait>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let scenario = play.session.scenario();
    let values = play.session.meters();
    let step = (time.delta_secs() * 1.5).min(1.0);
    let mut moving = false;
    for (mut bar, mut node, mut color) in &mut bars {
        let target = scenario.meters[bar.meter].normalized(values[bar.meter]);
        let gap = target - bar.shown;
        bar.shown = if gap.abs() < 0.002 {
            target
        } else {
            bar.shown + gap * step.max(0.08)
        };
        moving |= bar.shown != target;
        node.width = percent(bar.shown * 100.0);
        color.0 = quality_color(bar.shown);
        if bar.meter == 0 {
            let (word, tint) = mood_of(bar.shown);
            for (mut text, mut text_color) in &mut mood {
                text.0 = format!("Mood: {word}");
                text_color.0 = tint;
            }
            for mut image in &mut portrait {
                image.color = tint;
            }
        }
    }
    for (MeterValue(i), mut text) in &mut labels {
        let meter = &scenario.meters[*i];
        let hint = if meter.better == Better::Lower {
            " (lower is better)"
        } else {
            ""
        };
        text.0 = format!("{} {}{hint}", meter.label, values[*i]);
    }
    if moving {
        redraw.write(RequestRedraw);
    }
}

fn mood_of(share: f32) -> (&'static str, Color) {
    let word = match share {
        s if s < 0.2 => "furious",
        s if s < 0.4 => "upset",
        s if s < 0.6 => "uneasy",
        s if s < 0.8 => "pleased",
        _ => "delighted",
    };
    (word, quality_color(share))
}
