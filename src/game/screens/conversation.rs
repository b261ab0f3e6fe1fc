//! The conversation: the customer, their mood and the meters on the left; what
//! was said and the trainee's choices on the right. A thin view over the
//! core's [`Playthrough`]: it shows the prompt, hands back the choice, and
//! shows what the runner says the trainee is told (feedback and meter changes
//! in coach mode, nothing in exam mode). After the last reply the customer's
//! reaction stays on screen until the trainee opens the debrief.

use bevy::prelude::*;
use bevy::ui_widgets::Activate;
use frontline_core::runner::{Journal, NoJournal, Told};
use frontline_core::scenario::Speaker;
use frontline_core::typing::Said;
use frontline_core::{Mode, Playthrough, Prompt, Session, State};

use super::typed_reply::{self, ChooseSaid, Typing};
use super::{Results, Screen, digit_pressed, key_hint};
use crate::game::library::Library;
use crate::game::listener::Listener;
use crate::game::records::Records;
use crate::game::scroll::Scrollable;
use crate::game::theme::{self, Fonts, palette, quality_color};
use crate::game::widgets::confirm::{Answered, confirm_dialog, no_dialog};
use crate::game::widgets::face::{Face, Mood, Portrait, face};
use crate::game::widgets::meter::{MeterBar, meter_bar};

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
            choose_by_key.run_if(no_dialog.and_then(offers_listed)),
            leave_by_key.run_if(no_dialog),
            apply_choice,
            restart_on_edit,
            open_debrief_by_key.run_if(no_dialog),
            refresh_dialogue.run_if(
                resource_exists_and_changed::<ActivePlay>
                    .or_eager(resource_changed::<Library>)
                    .or_eager(resource_exists_and_changed::<Typing>),
            ),
            follow_session.run_if(resource_exists_and_changed::<ActivePlay>),
        )
            .chain()
            .run_if(in_state(Screen::Conversation)),
    );
}

#[derive(Component)]
struct DialoguePanel;

#[derive(Component)]
struct SpeakerName;

#[derive(Component)]
struct MoodLabel;

fn spawn_layout(mut commands: Commands, fonts: Res<Fonts>, play: Res<ActivePlay>) {
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
        .spawn(customer_panel(
            &fonts,
            session.customer_name(),
            mood(session),
        ))
        .id();
    if play.coach() {
        for (meter, &value) in session.scenario().meters.iter().zip(session.meters()) {
            let bar = commands.spawn(meter_bar(&fonts, meter, value)).id();
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

/// The customer's mood, 0..=1: the first meter, 1 best.
fn mood(session: &Session) -> f32 {
    let meter = &session.scenario().meters[0];
    meter.normalized(session.meters()[0])
}

/// Who is speaking: their face and name, and (coach mode) the mood's word.
fn customer_panel(fonts: &Fonts, name: &str, mood: f32) -> impl Bundle {
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
            face(Portrait::Customer, mood, 160.0),
            (theme::heading(fonts, name.to_string(), 1.3), SpeakerName),
            (theme::text(fonts, "", 1.0, palette::TEXT_DIM), MoodLabel),
        ],
    )
}

fn refresh_dialogue(
    mut commands: Commands,
    fonts: Res<Fonts>,
    play: Res<ActivePlay>,
    library: Res<Library>,
    typing: Option<Res<Typing>>,
    listener: Res<Listener>,
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
                if let (Some(typing), State::Waiting { node, .. }) = (&typing, session.state()) {
                    let (scenario, customer) = (session.scenario(), session.customer_name());
                    typed_reply::widgets(parent, &fonts, typing, &listener, scenario, node, customer);
                }
                if typing.as_ref().is_none_or(|t| t.listing()) {
                    for (i, offer) in offers.iter().enumerate() {
                        parent.spawn(offer_button(&fonts, i, offer.text));
                    }
                    parent.spawn(key_hint(&fonts, "1-9: choose   Esc: leave the conversation"));
                }
                parent.spawn(theme::button(&fonts, "Leave the conversation", ask_to_leave));
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
            let color = match feedback.scored {
                true => quality_color(feedback.quality),
                false => palette::TEXT_DIM,
            };
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

/// Whether the replies are listed to pick from (always, unless typed).
fn offers_listed(typing: Option<Res<Typing>>) -> bool {
    typing.is_none_or(|t| t.listing())
}

fn choose_by_key(keys: Res<ButtonInput<KeyCode>>, mut choose: MessageWriter<ChooseOffer>) {
    if let Some(index) = digit_pressed(&keys) {
        choose.write(ChooseOffer(index));
    }
}

/// Esc: leaving a conversation under way asks first; once it has ended or
/// is stuck there is nothing to lose.
fn leave_by_key(
    keys: Res<ButtonInput<KeyCode>>,
    play: Res<ActivePlay>,
    mut commands: Commands,
    fonts: Res<Fonts>,
    mut next: ResMut<NextState<Screen>>,
) {
    if !keys.just_pressed(KeyCode::Escape) {
        return;
    }
    match play.playthrough.prompt() {
        Prompt::Choose { .. } => confirm_leaving(&mut commands, &fonts),
        _ => next.set(Screen::Select),
    }
}

fn ask_to_leave(_: On<Activate>, mut commands: Commands, fonts: Res<Fonts>) {
    confirm_leaving(&mut commands, &fonts);
}

fn confirm_leaving(commands: &mut Commands, fonts: &Fonts) {
    let question = "Leave this conversation?";
    let detail = "It will be recorded as abandoned.";
    commands
        .spawn((
            confirm_dialog(fonts, question, detail),
            DespawnOnExit(Screen::Conversation),
        ))
        .observe(
            |answer: On<Answered>, mut next: ResMut<NextState<Screen>>| {
                if answer.yes {
                    info!("conversation: left");
                    next.set(Screen::Select);
                }
            },
        );
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
/// concludes the session. A reply picked from the list in a typed
/// conversation is recorded with the words typed before it.
fn apply_choice(
    mut offers: MessageReader<ChooseOffer>,
    mut typed: MessageReader<ChooseSaid>,
    mut play: ResMut<ActivePlay>,
    mut typing: Option<ResMut<Typing>>,
    mut records: Option<ResMut<Records>>,
) {
    let offered = |offer: usize| play.session().offered().get(offer).copied();
    let picked = offers
        .read()
        .next()
        .and_then(|&ChooseOffer(offer)| offered(offer));
    let choice = match (picked, typed.read().next()) {
        (_, Some(ChooseSaid(choice, said))) => Some((*choice, said.clone())),
        (Some(choice), None) => {
            let said = typing.as_ref().map_or(Said::Picked, |t| t.picked());
            Some((choice, said))
        }
        (None, None) => None,
    };
    offers.clear();
    typed.clear();
    let Some((choice, said)) = choice else {
        return;
    };
    let chosen = with_journal(&mut records, |journal| {
        play.playthrough.choose_said(choice, said, journal)
    });
    if let Some(typing) = typing.as_mut() {
        typing.next_turn();
    }
    // What the window test counts.
    info!("conversation: reply taken");
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

/// The speaker's face and name follow the prompt; the face's mood and the
/// meters follow the session. Exam mode has no meters and no mood word: a
/// real customer's face still shows how they feel.
fn follow_session(
    play: Res<ActivePlay>,
    mut faces: Query<&mut Face>,
    mut bars: Query<&mut MeterBar>,
    mut names: Query<&mut Text, (With<SpeakerName>, Without<MoodLabel>)>,
    mut moods: Query<(&mut Text, &mut TextColor), With<MoodLabel>>,
) {
    let session = play.session();
    let (portrait, name) = match play.playthrough.prompt() {
        Prompt::Choose { node, speaker, .. } => {
            (portrait_of(node.speaker), speaker.unwrap_or_default())
        }
        _ => (Portrait::Customer, session.customer_name()),
    };
    let mood = mood(session);
    for mut face in &mut faces {
        face.portrait = portrait;
        face.mood = mood;
    }
    for mut text in &mut names {
        text.0 = name.to_string();
    }
    for (mut text, mut color) in &mut moods {
        if play.coach() && portrait == Portrait::Customer {
            text.0 = format!("Mood: {}", Mood::of(mood).word());
            color.0 = quality_color(mood);
        } else {
            text.0.clear();
        }
    }
    // By id: the order bars are queried in is not the order of the meters.
    let meters = &session.scenario().meters;
    for mut bar in &mut bars {
        if let Some(at) = meters.iter().position(|m| m.id == bar.meter().id) {
            bar.value = session.meters()[at];
        }
    }
}

fn portrait_of(speaker: Speaker) -> Portrait {
    match speaker {
        Speaker::Customer => Portrait::Customer,
        Speaker::Staff => Portrait::Staff,
        Speaker::Narrator => Portrait::Narrator,
    }
}
