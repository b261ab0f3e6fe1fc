//! The conversation screen: leaving asks first, and exam mode gives nothing
//! away until the debrief.

use bevy::prelude::*;

use super::{digit, in_conversation, press, screen, texts};
use crate::game::records::Records;
use crate::game::screens::{ActivePlay, Screen};
use crate::game::widgets::confirm::ConfirmDialog;
use crate::game::widgets::meter::MeterBar;

fn dialogs(app: &mut App) -> usize {
    let world = app.world_mut();
    world.query::<&ConfirmDialog>().iter(world).count()
}

#[test]
fn esc_in_a_conversation_asks_before_leaving_it_abandoned() {
    let (mut app, dir) = in_conversation("leave", true);
    press(&mut app, digit(0));
    press(&mut app, KeyCode::Escape);
    assert_eq!(
        screen(&app),
        Screen::Conversation,
        "nothing happens unasked"
    );
    assert_eq!(dialogs(&mut app), 1);
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t == "Leave this conversation?")
    );
    press(&mut app, KeyCode::KeyN);
    assert_eq!((screen(&app), dialogs(&mut app)), (Screen::Conversation, 0));
    let steps = app.world().resource::<ActivePlay>().session().steps().len();
    assert_eq!(steps, 1, "no reply was taken by the dialog's keys");

    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::KeyY);
    assert_eq!(screen(&app), Screen::Select);
    let attempts = app.world().resource::<Records>().0.attempts();
    assert_eq!(attempts.len(), 1);
    assert!(attempts[0].finish.is_none(), "recorded as abandoned");
    assert_eq!(attempts[0].choices.len(), 1);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn exam_mode_shows_no_meters_tags_or_feedback_until_the_debrief() {
    let (mut app, dir) = in_conversation("exam", false);
    let bars = |app: &mut App| {
        let world = app.world_mut();
        world.query::<&MeterBar>().iter(world).count()
    };
    assert_eq!(bars(&mut app), 0, "no meters in exam mode");
    let play = app.world().resource::<ActivePlay>();
    let (node, _) = play.session().current().unwrap();
    let node = node.clone();
    press(&mut app, digit(0));
    let shown = texts(&mut app).join("\n");
    for choice in &node.choices {
        assert!(
            !shown.contains(&choice.feedback),
            "feedback shown in exam mode:\n{shown}"
        );
    }
    assert!(!shown.contains("Mood:"), "{shown}");
    assert!(
        !shown.contains("Managing:") && !shown.contains("Understanding:"),
        "{shown}"
    );

    let (mut app, dir2) = in_conversation("coach", true);
    assert_eq!(bars(&mut app), 3, "one bar per meter in coach mode");
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::remove_dir_all(dir2).unwrap();
}

#[test]
fn results_the_record_store_has_not_taken_yet_are_counted_in_a_corner() {
    use crate::game::records::RecordStore;
    use frontline_records::lrs::Lrs;

    let dir = super::scratch("waiting");
    let mut app = super::app(&dir);
    // A store nobody listens at: every statement stays in the queue.
    let nowhere = Lrs::new("http://127.0.0.1:9/xapi/", None, None).unwrap();
    app.insert_resource(RecordStore(Some(nowhere)));
    super::update_until(&mut app, "the library", super::loaded(&dir));
    let waiting = |app: &mut App| {
        texts(app)
            .into_iter()
            .find(|t| t.starts_with("Results waiting to be sent"))
    };
    super::select_as_ada(&mut app, |_| {});
    assert_eq!(waiting(&mut app), None, "nothing recorded, nothing waits");
    press(&mut app, KeyCode::Digit1);
    press(&mut app, KeyCode::Enter);
    press(&mut app, digit(0));
    super::update_until(&mut app, "the note", |w| {
        w.resource::<Records>().0.pending() > 0
    });
    app.update();
    let note = waiting(&mut app).expect("the note is shown");
    let count: usize = note.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(count >= 2, "the session's start and the reply wait: {note}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// Activates the button labelled `label`, as a click does.
fn click(app: &mut App, label: &str) {
    let world = app.world_mut();
    let mut buttons =
        world.query_filtered::<(Entity, &Children), With<crate::game::theme::ThemedButton>>();
    let button = buttons
        .iter(world)
        .find(|(_, children)| {
            children
                .iter()
                .any(|c| world.get::<Text>(c).is_some_and(|t| t.0 == label))
        })
        .map(|(entity, _)| entity)
        .unwrap_or_else(|| {
            let labels: Vec<&String> = world
                .iter_entities()
                .filter_map(|e| e.get::<Text>().map(|t| &t.0))
                .collect();
            panic!("no button «{label}» among {labels:?}")
        });
    world.trigger(bevy::ui_widgets::Activate { entity: button });
    app.update();
    app.update();
}

/// Types `text` into the reply field and presses Enter.
fn say(app: &mut App, text: &str) {
    let world = app.world_mut();
    let mut fields = world.query::<&mut bevy::text::EditableText>();
    let mut field = fields.single_mut(world).expect("one reply field");
    *field = bevy::text::EditableText::new(text);
    press(app, KeyCode::Enter);
    app.update();
}

#[test]
fn a_typed_reply_is_read_shown_back_and_taken_with_the_words_typed() {
    use crate::game::screens::typed_reply::Typing;
    use frontline_core::typing::Said;

    let (mut app, dir) = super::in_conversation_with("typed", |s| s.typed = true);
    super::update_until(&mut app, "the model and the replies", |w| {
        w.get_resource::<Typing>().is_some_and(Typing::ready)
    });
    app.update();
    let (first, second) = {
        let session = app.world().resource::<ActivePlay>().session();
        let offered = session.offered();
        let text = |c: usize| session.current().unwrap().0.choices[c].text.clone();
        ((offered[0], text(offered[0])), text(offered[1]))
    };
    let shown = texts(&mut app);
    assert!(
        !shown.iter().any(|t| t.ends_with(&second)),
        "no list: {shown:?}"
    );

    // Off script once: the customer is puzzled.
    say(&mut app, "purple monkey dishwasher");
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.ends_with("looks puzzled. Try saying it another way."))
    );
    // The first reply word for word: shown back, then taken as typed.
    say(&mut app, &first.1);
    let heard = format!("You said, in effect: «{}»", first.1);
    assert!(texts(&mut app).contains(&heard), "{:?}", texts(&mut app));
    click(&mut app, "Yes, that's what I meant");
    let play = app.world().resource::<ActivePlay>();
    assert_eq!(play.session().steps()[0].choice, first.0);
    let recorded = app.world().resource::<Records>().0.attempts();
    assert!(matches!(
        &recorded[0].choices[0].said,
        Said::Typed { text, .. } if *text == first.1
    ));

    // Not what I meant: the list, and the pick is recorded with the words.
    say(&mut app, "I am terribly sorry about all of this");
    if texts(&mut app)
        .iter()
        .any(|t| t.starts_with("You said, in effect"))
    {
        click(&mut app, "That's not what I meant");
    } else if texts(&mut app).iter().any(|t| t == "Did you mean:") {
        click(&mut app, "Neither");
    } else {
        say(&mut app, "zebra quartz umbrella");
    }
    assert!(
        texts(&mut app).iter().any(|t| t.starts_with("2.  ")),
        "the list: {:?}",
        texts(&mut app)
    );
    press(&mut app, digit(1));
    let recorded = app.world().resource::<Records>().0.attempts();
    assert!(
        matches!(&recorded[0].choices[1].said, Said::Corrected { .. }),
        "{:?}",
        recorded[0].choices[1].said
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// Each meter bar shows the value of its own meter.
fn assert_bars_match(app: &mut App) {
    let world = app.world_mut();
    let session = world.resource::<ActivePlay>().session().clone();
    let meters = &session.scenario().meters;
    let mut bars = world.query::<&MeterBar>();
    let shown: Vec<(String, i32)> = bars
        .iter(world)
        .map(|b| (b.meter().id.clone(), b.value))
        .collect();
    assert_eq!(shown.len(), meters.len());
    for (id, value) in shown {
        let at = meters.iter().position(|m| m.id == id).unwrap();
        assert_eq!(value, session.meters()[at], "the bar of `{id}`");
    }
}

#[test]
fn each_meter_bar_shows_its_own_meter_after_every_reply() {
    let (mut app, dir) = in_conversation("bars", true);
    // A second conversation too: its bars reuse the entities of the first.
    for round in 0..2 {
        for _ in 0..3 {
            press(&mut app, digit(0));
            assert_bars_match(&mut app);
        }
        if round == 0 {
            press(&mut app, KeyCode::Escape);
            press(&mut app, KeyCode::KeyY);
            assert_eq!(screen(&app), Screen::Select);
            press(&mut app, KeyCode::Digit1);
            press(&mut app, KeyCode::Enter);
            assert_eq!(screen(&app), Screen::Conversation);
        }
    }
    std::fs::remove_dir_all(dir).unwrap();
}
