//! The session runtime: determinism by seed, conditions, random events,
//! personas, routes, and saving and resuming a session.

use std::sync::Arc;

use frontline_core::session::SessionError;
use frontline_core::{Session, SessionRecord, State};

mod common;
use common::{MINI, choice_named, mini, parse};

/// Everything a player could observe of a session, step by step.
fn transcript(session: &Session) -> String {
    format!(
        "{:?} {:?} {:?} {:?} {:?} {:?}",
        session.state(),
        session.offered(),
        session.meters(),
        session.flags(),
        session.steps(),
        session.opening_events()
    )
}

fn play_first_offers(seed: u64) -> Vec<String> {
    let mut session = Session::new(mini(), seed);
    let mut seen = vec![transcript(&session)];
    while let State::Waiting { .. } = session.state() {
        session.choose(0).unwrap();
        seen.push(transcript(&session));
    }
    seen
}

#[test]
fn the_same_seed_and_choices_give_the_same_session() {
    for seed in 0..20 {
        assert_eq!(play_first_offers(seed), play_first_offers(seed));
    }
}

#[test]
fn seeds_vary_lines_choice_order_and_events() {
    let openings: std::collections::BTreeSet<(usize, Vec<usize>)> = (0..40)
        .map(|seed| {
            let s = Session::new(mini(), seed);
            let State::Waiting { line, .. } = s.state() else {
                panic!()
            };
            (line, s.offered().to_vec())
        })
        .collect();
    let lines: std::collections::BTreeSet<usize> = openings.iter().map(|(l, _)| *l).collect();
    let orders: std::collections::BTreeSet<&Vec<usize>> = openings.iter().map(|(_, o)| o).collect();
    assert_eq!(lines.len(), 3, "all three line variants are drawn");
    assert!(orders.len() >= 4, "choice orders vary: {orders:?}");
}

#[test]
fn a_choice_is_offered_only_when_its_conditions_hold() {
    let scenario = mini();
    let tailored = |session: &Session| {
        let (node, _) = session.current().unwrap();
        session
            .offered()
            .iter()
            .any(|&c| node.choices[c].text == "Tailored answer")
    };
    // Find seeds where the event does not fire, with and without asking first.
    for seed in 0..40 {
        let mut asked = Session::new(Arc::clone(&scenario), seed);
        asked.choose_written(choice_named(&asked, "Ask")).unwrap();
        let mut waved = Session::new(Arc::clone(&scenario), seed);
        waved.choose_written(choice_named(&waved, "Wave")).unwrap();
        if asked.current().unwrap().0.id == "middle" {
            assert!(
                tailored(&asked),
                "seed {seed}: asking sets the flag the choice needs"
            );
        }
        if waved.current().unwrap().0.id == "middle" {
            assert!(!tailored(&waved), "seed {seed}: the flag was never set");
            let hidden = waved.scenario().nodes[1]
                .choices
                .iter()
                .position(|c| c.text == "Tailored answer")
                .unwrap();
            assert_eq!(
                waved.choose_written(hidden).unwrap_err(),
                SessionError::NotOffered(hidden)
            );
        }
    }
}

#[test]
fn an_event_fires_with_its_chance() {
    let fired = (0..400)
        .filter(|&seed| {
            let mut s = Session::new(mini(), seed);
            s.choose_written(choice_named(&s, "Wave")).unwrap();
            let interrupted = s.current().unwrap().0.id == "interruption";
            assert_eq!(
                interrupted,
                !s.steps()[0].events.is_empty(),
                "fired events are recorded"
            );
            interrupted
        })
        .count();
    assert!(
        (160..240).contains(&fired),
        "a 0.5 event fired {fired} times in 400"
    );
    for (chance, expected) in [("1.0", 400), ("0.0", 0)] {
        let scenario = Arc::new(parse(
            &MINI.replace("chance: 0.5", &format!("chance: {chance}")),
        ));
        let fired = (0..400)
            .filter(|&seed| {
                let mut s = Session::new(Arc::clone(&scenario), seed);
                s.choose(0).unwrap();
                s.current().unwrap().0.id == "interruption"
            })
            .count();
        assert_eq!(fired, expected, "chance {chance}");
    }
}

#[test]
fn routes_pick_the_ending_from_the_meters() {
    for seed in 0..10 {
        let mut s = Session::new(mini(), seed);
        s.choose_written(choice_named(&s, "Ask")).unwrap();
        let generic = choice_named(
            &s,
            if s.current().unwrap().0.id == "middle" {
                "Generic answer"
            } else {
                "Let it ring"
            },
        );
        s.choose_written(generic).unwrap();
        assert_eq!(
            s.ending().unwrap().id,
            "happy",
            "satisfaction 60 reaches the first route"
        );
        let mut s = Session::new(mini(), seed);
        s.choose_written(choice_named(&s, "Ignore")).unwrap();
        s.choose(0).unwrap();
        assert_eq!(s.ending().unwrap().id, "unhappy");
        assert_eq!(s.choose(0).unwrap_err(), SessionError::NotWaiting);
    }
}

#[test]
fn meters_stay_within_their_range() {
    let scenario = Arc::new(parse(
        &MINI.replace("\"satisfaction\": -30", "\"satisfaction\": -300"),
    ));
    let mut s = Session::new(scenario, 1);
    s.choose_written(choice_named(&s, "Ignore")).unwrap();
    assert_eq!(s.meters()[0], 0);
}

#[test]
fn a_persona_sets_flags_and_shifts_meters() {
    let with_personas = MINI.replace(
        "source: \"A sign.\",",
        "source: \"A sign.\", personas: [Persona(id: \"calm\", description: \"Calm.\"), \
         Persona(id: \"told\", name: \"Sam (told)\", description: \"Was told already.\", flags: [\"asked\"], meters: {\"satisfaction\": -20})],",
    );
    let scenario = Arc::new(parse(&with_personas));
    let drawn: Vec<Option<usize>> = (0..30)
        .map(|seed| Session::new(Arc::clone(&scenario), seed).persona())
        .collect();
    assert!(
        drawn.contains(&Some(0)) && drawn.contains(&Some(1)),
        "{drawn:?}"
    );
    let seed = drawn.iter().position(|p| *p == Some(1)).unwrap() as u64;
    let s = Session::new(scenario, seed);
    assert_eq!(s.customer_name(), "Sam (told)");
    assert_eq!(s.meters()[0], 30);
    assert_eq!(s.flags(), [true]);
}

#[test]
fn a_session_is_saved_and_resumed_by_replay() {
    let scenario = mini();
    let mut original = Session::new(Arc::clone(&scenario), 99);
    original.choose(1).unwrap();
    let saved = ron::to_string(&original.record()).unwrap();
    let record: SessionRecord = ron::from_str(&saved).unwrap();
    let mut resumed = Session::resume(Arc::clone(&scenario), &record).unwrap();
    assert_eq!(transcript(&resumed), transcript(&original));
    original.choose(0).unwrap();
    resumed.choose(0).unwrap();
    assert_eq!(
        transcript(&resumed),
        transcript(&original),
        "they go on identically"
    );

    let other = SessionRecord {
        scenario: "other".into(),
        ..record.clone()
    };
    assert!(matches!(
        Session::resume(Arc::clone(&scenario), &other),
        Err(SessionError::WrongScenario { .. })
    ));
    let impossible = SessionRecord {
        choices: vec![0, 0, 0, 0],
        ..record
    };
    assert!(
        Session::resume(scenario, &impossible).is_err(),
        "choices past the end are refused"
    );
}

#[test]
fn a_node_with_no_offerable_choice_leaves_the_session_stuck() {
    let source = MINI.replace(
        "Choice(text: \"Generic answer\", feedback: \"Generic.\", next: \"verdict\"),",
        "",
    );
    let scenario = Arc::new(parse(&source));
    let stuck = (0..20).any(|seed| {
        let mut s = Session::new(Arc::clone(&scenario), seed);
        s.choose_written(choice_named(&s, "Wave")).unwrap();
        matches!(s.state(), State::Stuck { .. })
    });
    assert!(stuck, "without the flag, `middle` offers nothing");
}

#[test]
fn an_out_of_range_offer_is_refused() {
    let mut s = Session::new(mini(), 3);
    assert_eq!(s.choose(7).unwrap_err(), SessionError::NoSuchOffer(7));
}
