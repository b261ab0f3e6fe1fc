//! The format's additions played through the runtime: line variants chosen
//! by flags, meters and persona; `unset`; unscored choices and nodes; an
//! event that goes straight to an ending. And their mistakes, each reported
//! at its place with a `help:`.

use std::collections::BTreeSet;
use std::sync::Arc;

use frontline_core::{Debrief, Diagnostic, Scenario, Session, State};

mod common;
use common::{FILE, choice_named, problems};

const FEATURES: &str = include_str!("fixtures/features.scenario.ron");

fn features() -> Arc<Scenario> {
    Arc::new(common::parse(FEATURES))
}

/// The first seeds whose session draws the persona `id`.
fn seeds_of(scenario: &Arc<Scenario>, id: &str, count: usize) -> Vec<u64> {
    let persona = scenario.customer.personas.iter().position(|p| p.id == id);
    (0..)
        .filter(|&seed| Session::new(Arc::clone(scenario), seed).persona() == persona)
        .take(count)
        .collect()
}

/// Takes the choices with these texts, in turn.
fn say(session: &mut Session, texts: &[&str]) {
    for text in texts {
        let choice = choice_named(session, text);
        session.choose_written(choice).unwrap();
    }
}

fn line(session: &Session) -> String {
    session.current().expect("waiting").1.to_string()
}

#[test]
fn a_variant_is_said_when_its_persona_is_drawn_and_the_plain_line_otherwise() {
    let scenario = features();
    let plain = "My parcel was due two days ago. Where is it?";
    let rushed = "I've got ten minutes. My parcel is two days late.";
    for seed in seeds_of(&scenario, "rushed", 5) {
        assert_eq!(line(&Session::new(Arc::clone(&scenario), seed)), rushed);
    }
    for seed in seeds_of(&scenario, "calm", 5) {
        assert_eq!(line(&Session::new(Arc::clone(&scenario), seed)), plain);
    }
}

/// The lines said at `back` over many seeds, after `texts`.
fn lines_at_back(scenario: &Arc<Scenario>, persona: &str, texts: &[&str]) -> BTreeSet<String> {
    let mut said = BTreeSet::new();
    for seed in seeds_of(scenario, persona, 40) {
        let mut session = Session::new(Arc::clone(scenario), seed);
        for text in texts {
            if session.ending().is_none() {
                say(&mut session, &[text]);
            }
        }
        if session.ending().is_some() {
            continue; // The walk-out event fired on the way.
        }
        assert_eq!(session.current().unwrap().0.id, "back");
        said.insert(line(&session));
    }
    said
}

#[test]
fn the_variants_whose_conditions_hold_are_drawn_among_and_replace_the_plain_lines() {
    let scenario = features();
    let set = |lines: &[&str]| {
        lines
            .iter()
            .map(ToString::to_string)
            .collect::<BTreeSet<_>>()
    };
    let (still, half, finally, plain) = (
        "Still on the phone? Where's my parcel?",
        "Half my break is gone. Where's my parcel?",
        "Finally.",
        "Right. Where's my parcel?",
    );
    let hold = ["Please hold on.", "Finish the call first."];
    // Calm: `on_hold` is set, satisfaction 50 − 10 − 20 = 20 is below 40.
    assert_eq!(
        lines_at_back(&scenario, "calm", &hold),
        set(&[still, finally])
    );
    // Rushed (−10 at the start): the persona's variant holds too.
    let rushed = lines_at_back(&scenario, "rushed", &hold);
    assert_eq!(rushed, set(&[still, half, finally]));
    // `unset` cleared `on_hold`; calm satisfaction 40 is not below 40.
    let back = ["Please hold on.", "Come back now."];
    assert_eq!(lines_at_back(&scenario, "calm", &back), set(&[plain]));
    // Rushed satisfaction 30 is below 40.
    assert_eq!(lines_at_back(&scenario, "rushed", &back), set(&[finally]));
}

#[test]
fn the_line_said_is_kept_in_the_step_and_the_debrief() {
    let scenario = features();
    let seed = seeds_of(&scenario, "calm", 1)[0];
    let mut session = Session::new(scenario, seed);
    say(&mut session, &["Please hold on.", "Finish the call first."]);
    let said = line(&session);
    say(&mut session, &["These things happen."]);
    let step = &session.steps()[2];
    let node = &session.scenario().nodes[step.node];
    assert_eq!(node.line(step.line), said);
    assert!(
        step.line >= node.lines.len(),
        "a variant's index follows the lines"
    );
    let debrief = Debrief::of(&session).unwrap();
    assert_eq!(debrief.steps[2].line, said);
}

#[test]
fn unset_clears_a_flag_after_set_and_conditions_see_it_cleared() {
    let scenario = features();
    let on_hold = scenario.flags.iter().position(|f| f == "on_hold").unwrap();
    let tracked = scenario.flags.iter().position(|f| f == "tracked").unwrap();
    let seed = seeds_of(&scenario, "calm", 1)[0];
    let mut session = Session::new(Arc::clone(&scenario), seed);
    say(&mut session, &["Please hold on."]);
    assert!(session.flags()[on_hold]);
    say(&mut session, &["Come back now."]);
    assert!(!session.flags()[on_hold]);
    say(&mut session, &["Sorry for the wait. Your tracking number?"]);
    assert!(session.flags()[tracked]);
    let mut session = Session::new(Arc::clone(&scenario), seed);
    say(&mut session, &["Could I have the tracking number?"]);
    assert!(session.flags()[tracked]);
    say(&mut session, &["Print the depot's address."]);
    assert!(!session.flags()[tracked]);
    // Satisfaction 60 but `tracked` cleared: not the happy ending, which
    // needs both.
    assert_eq!(session.meters()[0], 60);
    assert_eq!(session.ending().unwrap().id, "fine");
    let mut session = Session::new(scenario, seed);
    say(&mut session, &["Could I have the tracking number?"]);
    say(
        &mut session,
        &["It's at the depot: it goes out first thing tomorrow, and I'll call you."],
    );
    assert_eq!(session.ending().unwrap().id, "happy");
}

/// docs/scoring.md, computed here: 60 × the weighted meters + 40 × the mean
/// quality of the scored choices, rounded half up.
fn documented(scenario: &Scenario, meters: &[i32], qualities: &[f64]) -> u8 {
    let customer: f64 = scenario
        .meters
        .iter()
        .zip(meters)
        .map(|(m, &v)| f64::from(v - m.min) / f64::from(m.max - m.min))
        .sum::<f64>()
        / scenario.meters.len() as f64;
    let practice = qualities.iter().sum::<f64>() / qualities.len() as f64;
    (60.0 * customer + 40.0 * practice + 0.5).floor() as u8
}

#[test]
fn unscored_steps_are_left_out_of_the_practice_part_and_the_pillars() {
    let scenario = features();
    let seed = seeds_of(&scenario, "calm", 1)[0];
    let mut session = Session::new(Arc::clone(&scenario), seed);
    say(
        &mut session,
        &[
            "Please hold on.",
            "Come back now.",
            "Sorry for the wait. Your tracking number?",
            "It's at the depot: it goes out first thing tomorrow, and I'll call you.",
        ],
    );
    let tally = session.tally();
    assert_eq!((tally.turns, tally.choices), (4, 3));
    let debrief = Debrief::of(&session).unwrap();
    // Ignore (0), the unscored pause, Acknowledge+Ask (1), Status (1).
    assert_eq!(debrief.practice, 2.0 / 3.0);
    let scored: Vec<bool> = debrief.steps.iter().map(|s| s.scored).collect();
    assert_eq!(scored, [true, false, true, true]);
    // satisfaction 50 − 10 + 5 + 20 = 65, trust 50 + 10 = 60.
    assert_eq!(session.meters(), [65, 60]);
    assert_eq!(
        debrief.score,
        documented(&scenario, &[65, 60], &[0.0, 1.0, 1.0])
    );
    let counted: usize = debrief.pillars.iter().map(|p| p.choices).sum();
    // Anti-pattern (Ignore), Managing (twice) and Understanding (Ask): the
    // unscored step has no tags, so no pillar.
    assert_eq!(counted, 4);

    // A session of unscored steps only is scored as one with no choice: ½.
    let mut session = Session::new(scenario, seed);
    say(
        &mut session,
        &[
            "Could I have the tracking number?",
            "Print the depot's address.",
        ],
    );
    assert_eq!(Debrief::of(&session).unwrap().practice, 1.0);
}

#[test]
fn an_event_can_end_the_conversation_and_skips_its_node() {
    let scenario = features();
    let (mut fired, mut held) = (0, 0);
    for seed in seeds_of(&scenario, "rushed", 40) {
        let mut session = Session::new(Arc::clone(&scenario), seed);
        say(&mut session, &["Please hold on."]);
        let events = session.steps()[0].events.clone();
        match session.state() {
            State::Ended { ending } => {
                assert_eq!(scenario.endings[ending].id, "walks_out");
                assert_eq!(events.len(), 1);
                assert_eq!(scenario.nodes[events[0].node].id, "hold");
                // The node's line was never said and its choices never offered.
                assert_eq!(session.steps().len(), 1);
                fired += 1;
            }
            State::Waiting { node, .. } => {
                assert_eq!(scenario.nodes[node].id, "hold");
                assert!(events.is_empty());
                held += 1;
            }
            State::Stuck { .. } => panic!("stuck"),
        }
    }
    assert!(
        fired > 5 && held > 5,
        "chance ½: {fired} fired, {held} held"
    );
    // Its condition does not hold for the calm persona: never fired.
    for seed in seeds_of(&scenario, "calm", 20) {
        let mut session = Session::new(Arc::clone(&scenario), seed);
        say(&mut session, &["Please hold on."]);
        assert!(session.steps()[0].events.is_empty());
    }
}

/// The fixture with `from` (which must be there once) replaced by `to`.
fn broken(from: &str, to: &str) -> String {
    assert_eq!(FEATURES.matches(from).count(), 1, "{from:?}");
    FEATURES.replacen(from, to, 1)
}

/// Line and column of the first `needle` in `source`, `shift` characters on.
fn position(source: &str, needle: &str, shift: usize) -> (usize, usize) {
    let (line, column) = common::position(source, needle, 0);
    (line, column + shift)
}

/// The one problem of `source`, at `at`, with this message and help.
fn mistake(source: &str, at: (usize, usize), message: &str, help: &str) -> Diagnostic {
    let found = problems(source);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = found.into_iter().next().unwrap();
    assert_eq!((d.line, d.column), at, "{d}");
    assert_eq!(d.message, message, "{d}");
    assert_eq!(
        d.help.as_ref().map(|h| h.message.as_str()),
        Some(help),
        "{d}"
    );
    let rendered = d.to_string();
    let header = format!("{FILE}:{}:{}: error: {message}", at.0, at.1);
    assert!(rendered.starts_with(&header), "{rendered}");
    let shown = match d.help.as_ref().unwrap().corrected {
        Some(_) => format!("\nhelp: {help}\n"),
        None => format!("\n   = help: {help}"),
    };
    assert!(rendered.contains(&shown), "{rendered}");
    d
}

#[test]
fn a_mistyped_persona_gets_the_nearest_one() {
    let source = broken("[Persona(\"rushed\")]", "[Persona(\"rushd\")]");
    let d = mistake(
        &source,
        position(&source, "\"rushd\"", 0),
        "unknown persona `rushd`",
        "did you mean `rushed`?",
    );
    let corrected = d.help.unwrap().corrected.unwrap();
    assert!(corrected.contains("[Persona(\"rushed\")]"), "{corrected}");
    assert!(
        d.notes
            .iter()
            .any(|n| n == "the personas are: `calm` and `rushed`"),
        "{:?}",
        d.notes
    );
}

#[test]
fn a_persona_condition_outside_a_variant_is_refused() {
    let from = "when: [Flag(\"rushed\")])],";
    let source = broken(from, "when: [Persona(\"rushed\")])],");
    mistake(
        &source,
        position(&source, "Persona(\"rushed\")])]", 0),
        "only a line variant can depend on the persona",
        "give the persona a flag (`flags: [...]` in its `Persona`) and test `Flag(...)` here",
    );
}

#[test]
fn a_variant_needs_a_condition() {
    let source = broken(
        "Variant(when: [Below(\"satisfaction\", 40)]",
        "Variant(when: []",
    );
    mistake(
        &source,
        position(&source, "[], line: \"Finally.\"", 0),
        "a variant needs at least one condition",
        "a line said whatever happened goes in the node's `lines`",
    );
}

#[test]
fn an_unscored_choice_may_not_carry_tags() {
    let source = broken(
        "scored: false, effects",
        "scored: false, tags: [Status], effects",
    );
    mistake(
        &source,
        position(&source, "[Status], effects", 0),
        "an unscored choice can't have practice tags: they would count for nothing",
        "remove the tags, or the `scored: false` (of the choice or its node) so that it counts",
    );
    // A node's `scored: false` covers its choices.
    let source = broken(
        "Choice(text: \"Come back now.\",",
        "Choice(text: \"Come back now.\", tags: [Listen],",
    );
    mistake(
        &source,
        position(&source, "[Listen]", 0),
        "an unscored choice can't have practice tags: they would count for nothing",
        "remove the tags, or the `scored: false` (of the choice or its node) so that it counts",
    );
}

#[test]
fn a_flag_may_not_be_both_set_and_unset() {
    let source = broken(
        "unset: [\"tracked\"]",
        "set: [\"tracked\"], unset: [\"tracked\"]",
    );
    mistake(
        &source,
        position(&source, "unset: [\"tracked\"]", 8),
        "flag `tracked` is both set and unset by this choice",
        "keep it in `set` or in `unset`, not both",
    );
}

#[test]
fn a_mistyped_flag_in_unset_gets_the_nearest_one() {
    let source = broken("unset: [\"on_hold\"]", "unset: [\"on_hodl\"]");
    mistake(
        &source,
        position(&source, "\"on_hodl\"", 0),
        "unknown flag `on_hodl`",
        "did you mean `on_hold`?",
    );
}
