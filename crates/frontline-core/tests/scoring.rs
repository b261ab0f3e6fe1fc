//! Scoring on expectations: good practices raise the score, anti-patterns
//! lower it, the meters count, and the debrief tells each pillar.

use std::sync::Arc;

use frontline_core::bounds::ScoreBounds;
use frontline_core::{Debrief, Outcome, Pillar, Practice, Session};

mod common;
use common::{choice_named, mini, parse};

/// A one-choice scenario whose only choice carries `tags` and `effects`.
fn one_choice(tags: &[Practice], effects: &str) -> Arc<frontline_core::Scenario> {
    let tags: Vec<String> = tags.iter().map(|t| format!("{t:?}")).collect();
    Arc::new(parse(&format!(
        r#"Scenario(id: "one", title: "One", summary: "One.", briefing: "One.",
            customer: Customer(name: "C", persona: "P.", expectation: "E.", source: "S."),
            meters: [Meter(id: "satisfaction", label: "Satisfaction", start: 50)],
            start: "n",
            nodes: [Node(id: "n", lines: ["Hi."], choices: [
                Choice(text: "Reply", tags: [{}], effects: {{{effects}}}, feedback: "Why.", next: "end"),
            ])],
            endings: [Ending(id: "end", title: "End", text: "Done.", outcome: Passive)],
        )"#,
        tags.join(", ")
    )))
}

fn score_of(scenario: Arc<frontline_core::Scenario>) -> Debrief {
    let mut session = Session::new(scenario, 0);
    session.choose(0).unwrap();
    Debrief::of(&session).expect("ended")
}

#[test]
fn each_practice_moves_the_score_the_right_way() {
    let neutral = score_of(one_choice(&[], "")).score;
    for practice in Practice::ALL {
        let score = score_of(one_choice(&[practice], "")).score;
        if practice.is_anti_pattern() {
            assert!(
                score < neutral,
                "{practice:?} should lower the score: {score} vs {neutral}"
            );
        } else {
            assert!(
                score > neutral,
                "{practice:?} should raise the score: {score} vs {neutral}"
            );
        }
    }
}

#[test]
fn a_happier_customer_scores_higher() {
    let worse = score_of(one_choice(&[], "\"satisfaction\": -20")).score;
    let same = score_of(one_choice(&[], "")).score;
    let better = score_of(one_choice(&[], "\"satisfaction\": 20")).score;
    assert!(worse < same && same < better, "{worse} {same} {better}");
}

#[test]
fn a_lower_gap_is_better() {
    let scenario = mini();
    let gap = scenario.meters.iter().find(|m| m.id == "gap").unwrap();
    assert!(gap.normalized(10) > gap.normalized(90));
}

#[test]
fn the_debrief_tells_score_grade_outcome_pillars_and_path() {
    let mut session = Session::new(mini(), 5);
    session
        .choose_written(choice_named(&session, "Ask"))
        .unwrap();
    let next = if session.current().unwrap().0.id == "middle" {
        "Tailored answer"
    } else {
        "Let it ring"
    };
    session
        .choose_written(choice_named(&session, next))
        .unwrap();
    let d = Debrief::of(&session).unwrap();
    assert_eq!(d.ending, "happy");
    assert_eq!(d.outcome, Outcome::Promoter);
    assert_eq!(d.steps.len(), 2);
    assert_eq!(d.steps[0].choice, "Ask");
    assert_eq!(d.steps[0].feedback, "Asking helps.");
    assert_eq!(d.practice, 1.0, "both choices were good practice");
    let understanding = d
        .pillars
        .iter()
        .find(|p| p.pillar == Pillar::Understanding)
        .unwrap();
    assert_eq!(understanding.practices, vec![(Practice::Ask, 1)]);
    assert_eq!(d.meter_trace.len(), 3, "start plus one entry per choice");
    assert_eq!(d.meter_trace[1][0], 60);
}

#[test]
fn no_debrief_before_the_end() {
    assert!(Debrief::of(&Session::new(mini(), 0)).is_none());
}

#[test]
fn score_bounds_enclose_every_playthrough() {
    let scenario = mini();
    let bounds = ScoreBounds::of(&scenario);
    let mut seen = Vec::new();
    for seed in 0..50 {
        for first in 0..3 {
            let mut s = Session::new(Arc::clone(&scenario), seed);
            s.choose(first).unwrap();
            while s.ending().is_none() {
                let n = s.offered().len();
                s.choose((seed as usize) % n).unwrap();
            }
            seen.push(Debrief::of(&s).unwrap().score);
        }
    }
    let (lo, hi) = (*seen.iter().min().unwrap(), *seen.iter().max().unwrap());
    assert!(
        bounds.worst <= lo && hi <= bounds.best,
        "{bounds:?} vs {lo}..{hi}"
    );
    assert_eq!(
        bounds.best, hi,
        "the best path (ask, tailored answer) is played by some seed"
    );
}
