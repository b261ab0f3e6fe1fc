//! The conversation: the customer, their mood and the meters on the left; what
//! was said and the trainee's choices on the right. A thin view over the
//! core's [`Playthrough`]: it shows the prompt, hands back the choice, and
//! shows what the runner says the trainee is told (feedback and meter changes
//! in coach mode, nothing in exam mode). After the last reply the customer's
//! reaction stays on screen until the trainee opens the debrief.

use std::sync::Arc;

use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use bevy::window::RequestRedraw;
use frontline_core::runner::{Journal, NoJournal, Told};
use frontline_core::scenario::Better;
use frontline_core::{Mode, Playthrough, Prompt, Session};

use super::{Results, Screen, digit_pressed, key_hint};
use crate::game::library::Library;
use crate::game::records::Records;
use crate::game::scroll::Scrollable;
use crate::game::theme::{self, Fonts, palette, quality_color};

/// The conversation being played.
#[derive(Resource, Debug)]
pub struct ActivePlay {
    pub playthrough: Playthrough,
    /// Version of the library entry the session was started from.
    pub version: u32,
    /// What the trainee was told about the last reply.
    pub last: Option<Told>,
}

impl ActivePlay {
    pub fn new(playthrough: Playthrough, version: u32) -> ActivePlay {
        ActivePlay {
            playthrough,
            version,
            last: None,
        }
    }

    pub fn session(&self) -> &Session {
        self.playthrough.session()
    }

    fn coach(&self) -> bool {
        self.playthrough.mode() == Mode::Coach
    }
}

/// Take the n-th offered choice (0-based), from a key or a button.
#[derive(Message, Debug, Clone, Copy)]
pub struct ChooseOffer(pub usize);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<ChooseOffer>();
    app.add_systems(
        OnEnter(Screen::Conversation),
        (spawn_layout, start_recording, refresh_dialogue).chain(),
    );
    app.add_systems(
        Update,
        (
            choose_by_key,
            apply_choice,
            restart_on_edit,
            open_debrief_by_key,
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
    let session = play.session();
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
        .spawn(customer_panel(&fonts, &assets, session.customer_name()))
        .id();
    if play.coach() {
        for (i, meter) in session.scenario().meters.iter().enumerate() {
            let shown = meter.normalized(session.meters()[i]);
            let bar = commands
                .spawn(meter_bar(&fonts, &meter.label, i, shown))
                .id();
            commands.entity(side).add_child(bar);
        }
    }
    let dialogue = commands
        .spawn((
            Node {
                flex_grow: 1.0,
                flex_direction: FlexDirection::Column,
                row_gap: px(14),
                overflow: Overflow::scroll_y(),
                ..default()
            },
            ScrollPosition::default(),
            Scrollable,
            DialoguePanel,
        ))
        .id();
    commands.entity(root).add_children(&[side, dialogue]);
}

fn customer_panel(fonts: &Fonts, assets: &AssetServer, name: &str) -> impl Bundle {
    (
        theme::panel(Node {
            width: px(320),
            flex_shrink: 0.0,
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            row_gap: px(12),
            padding: px(20).all(),
            border_radius: BorderRadius::all(px(10)),
            ..theme::panel_node()
        }),
        children![
            (
                ImageNode::new(assets.load("portraits/customer.png")).with_color(palette::TEXT_DIM),
                Node {
                    width: px(160),
                    height: px(160),
                    ..default()
                },
                Portrait,
            ),
            theme::heading(fonts, name.to_string(), 1.3),
            (theme::text(fonts, "", 1.0, palette::TEXT_DIM), MoodLabel),
        ],
    )
}

fn meter_bar(fonts: &Fonts, label: &str, meter: usize, shown: f32) -> impl Bundle {
    (
        Node {
            width: percent(100),
            flex_direction: FlexDirection::Column,
            row_gap: px(4),
            ..default()
        },
        children![
            (
                theme::text(fonts, label.to_string(), 0.8, palette::TEXT_DIM),
                MeterValue(meter)
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
                    MeterBar { meter, shown },
                )],
            ),
        ],
    )
}

fn refresh_dialogue(
    mut commands: Commands,
    fonts: Res<Fonts>,
    play: Res<ActivePlay>,
    library: Res<Library>,
    panel: Single<(Entity, &mut ScrollPosition), With<DialoguePanel>>,
) {
    let (panel, mut scroll) = panel.into_inner();
    commands.entity(panel).despawn_related::<Children>();
    // The newest line and the replies start at the top of the panel.
    scroll.y = 0.0;
    let session = play.session();
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
        if let Some(retry) = play.playthrough.retrying()
            && session.steps().len() + 1 == retry.turn
        {
            let again = format!("Turn {} again: this time, which reply keeps the most?", retry.turn);
            parent.spawn(theme::text(&fonts, again, 0.9, palette::ACCENT));
        }
        if let Some(told) = &play.last {
            parent.spawn(told_card(&fonts, told));
        }
        match play.playthrough.prompt() {
            Prompt::Choose {
                speaker,
                line,
                offers,
                ..
            } => {
                let said = match speaker {
                    Some(name) => format!("{name}: “{line}”"),
                    None => line.to_string(),
                };
                parent.spawn(said_card(&fonts, said));
                for (i, offer) in offers.iter().enumerate() {
                    parent.spawn(offer_button(&fonts, i, offer.text));
                }
                parent.spawn(key_hint(&fonts, "1-9: choose   Esc: leave the conversation"));
            }
            Prompt::Ended { ending } => {
                parent.spawn(said_card(&fonts, ending.text.clone()));
                parent.spawn(theme::button(&fonts, "See your debrief", open_debrief));
                parent.spawn(key_hint(&fonts, "Enter: see your debrief"));
            }
            Prompt::Stuck { node } => {
                let message = Prompt::stuck_message(node);
                parent.spawn(theme::text(&fonts, message, 1.0, palette::BAD));
                parent.spawn(key_hint(&fonts, "Esc: back"));
            }
        }
    });
}

/// What the customer (or the narrator) says.
fn said_card(fonts: &Fonts, said: String) -> impl Bundle {
    (
        theme::panel_node(),
        BackgroundColor(palette::PANEL_RAISED),
        children![theme::text(fonts, said, 1.15, palette::TEXT)],
    )
}

/// The trainee's last reply, with its feedback in coach mode.
fn told_card(fonts: &Fonts, told: &Told) -> impl Bundle {
    let you = theme::text(fonts, format!("You: {}", told.said), 0.9, palette::TEXT_DIM);
    let (tags, color, why) = match &told.feedback {
        Some(feedback) => {
            let tags: Vec<String> = feedback.tags.iter().map(ToString::to_string).collect();
            let color = quality_color(feedback.quality);
            (tags.join(" · "), color, feedback.text.clone())
        }
        None => (String::new(), palette::TEXT_DIM, String::new()),
    };
    let tags = theme::text(fonts, tags, 0.85, color);
    let why = theme::text(fonts, why, 0.95, palette::TEXT);
    (theme::panel(theme::panel_node()), children![you, tags, why])
}

fn offer_button(fonts: &Fonts, i: usize, text: &str) -> impl Bundle {
    let label = format!("{}.  {text}", i + 1);
    theme::button(
        fonts,
        label,
        move |_: On<Activate>, mut choose: MessageWriter<ChooseOffer>| {
            choose.write(ChooseOffer(i));
        },
    )
}

fn choose_by_key(keys: Res<ButtonInput<KeyCode>>, mut choose: MessageWriter<ChooseOffer>) {
    if let Some(index) = digit_pressed(&keys) {
        choose.write(ChooseOffer(index));
    }
}

/// Runs `f` with the journal to write to: the trainee's records, or none
/// before a name is known.
fn with_journal<T>(
    records: &mut Option<ResMut<Records>>,
    f: impl FnOnce(&mut dyn Journal) -> T,
) -> T {
    match records {
        Some(records) => f(&mut records.0),
        None => f(&mut NoJournal),
    }
}

fn start_recording(mut play: ResMut<ActivePlay>, mut records: Option<ResMut<Records>>) {
    with_journal(&mut records, |journal| play.playthrough.start(journal));
}

/// Hands the choice to the runner, which records it and, at an ending,
/// concludes the session.
fn apply_choice(
    mut choices: MessageReader<ChooseOffer>,
    mut play: ResMut<ActivePlay>,
    mut records: Option<ResMut<Records>>,
) {
    let Some(&ChooseOffer(offer)) = choices.read().next() else {
        return;
    };
    choices.clear();
    let chosen = with_journal(&mut records, |journal| {
        play.playthrough.choose(offer, journal)
    });
    if let Ok(told) = chosen {
        if let Some(reason) = &told.recording_failed {
            warn!("recording stopped: {reason}");
        }
        play.last = Some(told);
        if play.playthrough.conclusion().is_some() {
            // What the window test waits for before opening the debrief.
            info!("conversation: ended");
        }
    }
}

fn open_debrief(
    _: On<Activate>,
    mut commands: Commands,
    play: Res<ActivePlay>,
    mut next: ResMut<NextState<Screen>>,
) {
    if let Some(results) = Results::of(&play.playthrough) {
        commands.insert_resource(results);
        next.set(Screen::Debrief);
    }
}

fn open_debrief_by_key(
    keys: Res<ButtonInput<KeyCode>>,
    mut commands: Commands,
    play: Res<ActivePlay>,
    mut next: ResMut<NextState<Screen>>,
) {
    if keys.just_pressed(KeyCode::Enter)
        && let Some(results) = Results::of(&play.playthrough)
    {
        commands.insert_resource(results);
        next.set(Screen::Debrief);
    }
}

fn restart_on_edit(
    keys: Res<ButtonInput<KeyCode>>,
    library: Res<Library>,
    mut play: ResMut<ActivePlay>,
    mut records: Option<ResMut<Records>>,
) {
    if !keys.just_pressed(KeyCode::KeyR) {
        return;
    }
    let Some(entry) = library.get(&play.session().scenario().id) else {
        return;
    };
    let (Some(prepared), true) = (entry.prepared(), entry.version > play.version) else {
        return;
    };
    let seed = play.session().seed();
    let mut restarted = Playthrough::new(&prepared, seed, play.playthrough.mode());
    with_journal(&mut records, |journal| restarted.start(journal));
    *play = ActivePlay::new(restarted, entry.version);
}

/// Eases each bar toward its meter and keeps frames coming while any moves;
/// the portrait and mood word follow the first meter (in coach mode: exam
/// mode gives nothing away until the debrief).
fn animate_meters(
    time: Res<Time>,
    play: Res<ActivePlay>,
    mut bars: Query<(&mut MeterBar, &mut Node, &mut BackgroundColor)>,
    mut labels: Query<(&MeterValue, &mut Text), Without<MoodLabel>>,
    mut mood: Query<(&mut Text, &mut TextColor), With<MoodLabel>>,
    mut portrait: Query<&mut ImageNode, With<Portrait>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let scenario = Arc::clone(play.session().scenario());
    let values = play.session().meters();
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
    let changes = play.last.as_ref().and_then(|t| t.meters.as_ref());
    for (MeterValue(i), mut text) in &mut labels {
        let meter = &scenario.meters[*i];
        let hint = if meter.better == Better::Lower {
            " (lower is better)"
        } else {
            ""
        };
        let change = changes
            .map(|c| c[*i].delta())
            .filter(|&d| d != 0)
            .map_or(String::new(), |d| format!(" ({d:+})"));
        text.0 = format!("{} {}{change}{hint}", meter.label, values[*i]);
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
        s if s < 0.8 => "content",
        _ => "delighted",
    };
    (word, quality_color(share))
}
