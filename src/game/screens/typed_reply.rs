//! "Type my replies" in a conversation: a text field in place of the list of
//! replies. What the trainee types is read by the model, and the core's
//! typing rules say what comes next: the reply it was read as, to confirm or
//! to say "that's not what I meant"; two close readings to choose between;
//! the customer puzzled; after two misses, the list.

use std::sync::Arc;

use bevy::prelude::*;
use bevy::text::{EditableText, EditableTextSystems};
use bevy::ui_widgets::Activate;
use frontline_core::typing::{Next, Said, TypedTurn};
use frontline_core::{Scenario, State};

use super::conversation::ActivePlay;
use super::{Screen, key_hint};
use crate::game::listener::{Embedded, Listener};
use crate::game::profile::Profile;
use crate::game::theme::{self, Fonts, palette};
use crate::game::widgets::confirm::no_dialog;
use crate::game::widgets::text_field::text_field;

/// The longest reply the field takes.
const MAX_REPLY: usize = 300;

/// A typed conversation's state: the scenario's replies for the model, and
/// where the current turn stands.
#[derive(Resource)]
pub struct Typing {
    embedded: Embedded,
    turn: TypedTurn,
    /// What the turn shows, as the typing rules said after the last reply
    /// typed; `None` before any: the empty field.
    pub stage: Option<Next>,
}

impl Typing {
    /// How a reply picked from the list now was given.
    pub fn picked(&self) -> Said {
        self.turn.picked()
    }

    /// Ready for the next turn.
    pub fn next_turn(&mut self) {
        self.turn = TypedTurn::default();
        self.stage = None;
    }

    /// Whether typed replies can be read: the model loaded, the replies embedded.
    #[cfg(test)]
    pub fn ready(&self) -> bool {
        self.embedded.ready().is_some()
    }

    /// Whether the offered replies are shown as a list.
    pub fn listing(&self) -> bool {
        self.stage == Some(Next::ShowReplies)
    }
}

/// Take a choice (as written) given as said.
#[derive(Message, Debug, Clone)]
pub struct ChooseSaid(pub usize, pub Said);

/// The field the trainee types in.
#[derive(Component)]
struct ReplyField;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<ChooseSaid>();
    app.add_systems(OnEnter(Screen::Conversation), begin);
    app.add_systems(OnExit(Screen::Conversation), end);
    app.add_systems(
        Update,
        (embed_replies, answer_by_key.run_if(no_dialog))
            .run_if(resource_exists::<Typing>)
            .run_if(in_state(Screen::Conversation)),
    );
    // After the text edits of this frame, so a key typed just before Enter counts.
    app.add_systems(
        PostUpdate,
        submit_on_enter
            .after(EditableTextSystems)
            .run_if(resource_exists::<Typing>)
            .run_if(in_state(Screen::Conversation)),
    );
}

fn begin(mut commands: Commands, profile: Res<Profile>) {
    if profile.settings.typed {
        commands.insert_resource(Typing {
            embedded: Embedded::Waiting,
            turn: TypedTurn::default(),
            stage: None,
        });
    }
}

fn end(mut commands: Commands) {
    commands.remove_resource::<Typing>();
}

fn embed_replies(
    mut typing: ResMut<Typing>,
    listener: Res<Listener>,
    play: Res<ActivePlay>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let scenario = play.session().scenario();
    if typing
        .bypass_change_detection()
        .embedded
        .poll(&listener, scenario)
    {
        typing.set_changed();
    }
    if typing.embedded.ready().is_none() {
        redraw.write(bevy::window::RequestRedraw);
    }
}

/// Keys for the questions a typed turn asks: Enter agrees with the reading,
/// N says it is not what was meant; 1 or 2 picks between two readings.
fn answer_by_key(
    keys: Res<ButtonInput<KeyCode>>,
    mut typing: ResMut<Typing>,
    mut choose: MessageWriter<ChooseSaid>,
) {
    let take = |(choice, score): (usize, f32), typing: &Typing| {
        ChooseSaid(choice, typing.turn.understood(score))
    };
    match typing.stage {
        Some(Next::Confirm { choice, score }) if keys.just_pressed(KeyCode::Enter) => {
            choose.write(take((choice, score), &typing));
        }
        Some(Next::Ask { first, .. }) if keys.just_pressed(KeyCode::Digit1) => {
            choose.write(take(first, &typing));
        }
        Some(Next::Ask { second, .. }) if keys.just_pressed(KeyCode::Digit2) => {
            choose.write(take(second, &typing));
        }
        Some(Next::Confirm { .. } | Next::Ask { .. }) if keys.just_pressed(KeyCode::KeyN) => {
            typing.stage = Some(Next::ShowReplies);
        }
        _ => {}
    }
}

/// What a typed turn shows in place of the list of replies.
pub fn widgets(
    parent: &mut ChildSpawnerCommands,
    fonts: &Fonts,
    typing: &Typing,
    listener: &Listener,
    scenario: &Scenario,
    node: usize,
    customer: &str,
) {
    let reply = |choice: usize| scenario.nodes[node].choices[choice].text.clone();
    match typing.stage {
        None | Some(Next::Puzzled) => {
            if typing.stage == Some(Next::Puzzled) {
                let line = format!("{customer} looks puzzled. Try saying it another way.");
                parent.spawn(theme::text(fonts, line, 1.0, palette::ACCENT));
            }
            parent.spawn(theme::text(
                fonts,
                "What do you say?",
                0.9,
                palette::TEXT_DIM,
            ));
            parent.spawn((text_field(fonts, "", MAX_REPLY, percent(100)), ReplyField));
            match listener.not_ready().or_else(|| typing.embedded.not_ready()) {
                Some(wait) => parent.spawn(theme::text(fonts, wait, 0.85, palette::TEXT_DIM)),
                None => parent.spawn(theme::button(fonts, "Say it", say_it)),
            };
            parent.spawn(theme::button(fonts, "Show me the replies", show_list));
            parent.spawn(key_hint(
                fonts,
                "Enter: say it   Esc: leave the conversation",
            ));
        }
        Some(Next::Confirm { choice, score }) => {
            let heard = format!("You said, in effect: «{}»", reply(choice));
            parent.spawn(theme::text(fonts, heard, 1.0, palette::TEXT));
            let said = typing.turn.understood(score);
            parent.spawn(theme::button(
                fonts,
                "Yes, that's what I meant",
                move |_: On<Activate>, mut choose: MessageWriter<ChooseSaid>| {
                    choose.write(ChooseSaid(choice, said.clone()));
                },
            ));
            parent.spawn(theme::button(fonts, "That's not what I meant", show_list));
            parent.spawn(key_hint(fonts, "Enter: yes   N: that's not what I meant"));
        }
        Some(Next::Ask { first, second }) => {
            parent.spawn(theme::text(fonts, "Did you mean:", 1.0, palette::TEXT));
            for (choice, score) in [first, second] {
                let said = typing.turn.understood(score);
                parent.spawn(theme::button(
                    fonts,
                    reply(choice),
                    move |_: On<Activate>, mut choose: MessageWriter<ChooseSaid>| {
                        choose.write(ChooseSaid(choice, said.clone()));
                    },
                ));
            }
            parent.spawn(theme::button(fonts, "Neither", show_list));
            parent.spawn(key_hint(fonts, "1 or 2: that one   N: neither"));
        }
        Some(Next::ShowReplies) => {
            let line = match typing.turn.misses() {
                0 => "Pick the reply closest to what you meant:".to_string(),
                _ => format!(
                    "{customer} still doesn't follow. These are the replies you could give:"
                ),
            };
            parent.spawn(theme::text(fonts, line, 0.9, palette::TEXT_DIM));
        }
    }
}

fn show_list(_: On<Activate>, mut typing: ResMut<Typing>) {
    typing.stage = Some(Next::ShowReplies);
}

fn say_it(_: On<Activate>, mut commands: Commands) {
    commands.run_system_cached(hear);
}

fn submit_on_enter(keys: Res<ButtonInput<KeyCode>>, typing: Res<Typing>, mut commands: Commands) {
    if keys.just_pressed(KeyCode::Enter) && matches!(typing.stage, None | Some(Next::Puzzled)) {
        commands.run_system_cached(hear);
    }
}

/// Reads what was typed (a few milliseconds on the model's own threads) and
/// moves the turn on as the typing rules say.
fn hear(
    field: Option<Single<&EditableText, With<ReplyField>>>,
    listener: Res<Listener>,
    play: Res<ActivePlay>,
    mut typing: ResMut<Typing>,
) {
    let (Some(field), Some(matcher)) = (field, listener.ready()) else {
        return;
    };
    let text = field.value().to_string();
    let Some(replies) = typing.embedded.ready().map(Arc::clone) else {
        return;
    };
    let session = play.session();
    let State::Waiting { node, .. } = session.state() else {
        return;
    };
    if text.trim().is_empty() {
        return;
    }
    let Ok(reading) = matcher.read(&replies, node, session.offered(), &text) else {
        typing.stage = Some(Next::ShowReplies);
        return;
    };
    let next = typing.turn.hear(&text, reading.heard());
    // What the window test waits for.
    info!("typed reply: {next:?}");
    typing.stage = Some(next);
}
