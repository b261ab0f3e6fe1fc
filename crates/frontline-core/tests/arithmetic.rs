//! Meter arithmetic at the limits of the file's integers: a range spanning all
//! of `i32`, and offsets that would wrap a 32-bit sum, score as the formula
//! says in the runtime and in `check`'s exact bounds alike.

use std::sync::Arc;

use frontline_core::bounds::ScoreBounds;
use frontline_core::scoring::customer_score;
use frontline_core::{Debrief, Session};

mod common;
use common::parse;

/// One meter, an optional persona offset, and one choice tagged `Gesture`
/// (practice part 1) with `effect` on the meter.
fn scenario(meter: &str, persona: Option<i32>, effect: i32) -> Arc<frontline_core::Scenario> {
    let personas = persona
        .map(|p| {
            format!(r#"personas: [Persona(id: "p", description: "D.", meters: {{"m": {p}}})],"#)
        })
        .unwrap_or_default();
    Arc::new(parse(&format!(
        r#"Scenario(id: "wide", title: "Wide", summary: "S.", briefing: "B.",
            customer: Customer(name: "C", persona: "P.", expectation: "E.", source: "S.", {personas}),
            meters: [Meter(id: "m", label: "M", {meter})],
            start: "n",
            nodes: [Node(id: "n", lines: ["Hi."], choices: [
                Choice(text: "Reply", tags: [Gesture], effects: {{"m": {effect}}}, feedback: "F.", next: "end"),
            ])],
            endings: [Ending(id: "end", title: "End", text: "Done.", outcome: Passive)],
        )"#
    )))
}

fn played(scenario: &Arc<frontline_core::Scenario>) -> (i32, u8) {
    let mut session = Session::new(scenario.clone(), 0);
    session.choose(0).unwrap();
    let debrief = Debrief::of(&session).expect("ended");
    (session.meters()[0], debrief.score)
}

#[test]
fn an_effect_past_i32_max_fills_the_meter_instead_of_wrapping() {
    let s = scenario("start: 50", None, i32::MAX);
    // Meter at its max (customer 1) and a good practice (practice 1): 100.
    assert_eq!(played(&s), (100, 100));
    assert_eq!(
        ScoreBounds::of(&s),
        ScoreBounds {
            best: 100,
            worst: 100
        }
    );
}

#[test]
fn an_effect_past_i32_min_empties_the_meter_instead_of_wrapping() {
    let s = scenario("start: -5, min: -100", None, i32::MIN);
    // Meter at its min (customer 0), practice 1: 40.
    assert_eq!(played(&s), (-100, 40));
    assert_eq!(
        ScoreBounds::of(&s),
        ScoreBounds {
            best: 40,
            worst: 40
        }
    );
}

#[test]
fn a_persona_offset_and_an_effect_add_without_wrapping() {
    // 2_000_000_000 + 2_000_000_000 overflows i32; the meter tops out at max.
    let s = scenario(
        "start: 0, min: 0, max: 2147483647",
        Some(2_000_000_000),
        2_000_000_000,
    );
    let mut session = Session::new(s.clone(), 0);
    assert_eq!(session.meters()[0], 2_000_000_000);
    session.choose(0).unwrap();
    assert_eq!(session.meters()[0], i32::MAX);
    assert_eq!(Debrief::of(&session).unwrap().score, 100);
}

#[test]
fn a_range_spanning_all_of_i32_normalises_by_its_true_width() {
    let s = scenario("start: 0, min: -2147483648, max: 2147483647", None, 0);
    // (0 − (−2³¹)) / (2³² − 1), a hair above ½.
    let share = customer_score(&s, &[0]);
    assert!((share - 0.5).abs() < 1e-6, "{share}");
    // Customer ½ and practice 1: round(100 × (0.6 × ½ + 0.4)) = 70.
    assert_eq!(played(&s), (0, 70));
    assert_eq!(
        ScoreBounds::of(&s),
        ScoreBounds {
            best: 70,
            worst: 70
        }
    );
    assert!((customer_score(&s, &[i32::MAX]) - 1.0).abs() < 1e-6);
    assert_eq!(customer_score(&s, &[i32::MIN]), 0.0);
}

#[test]
fn a_score_exactly_on_a_half_rounds_up_as_documented() {
    use frontline_core::scoring::{practice, score};
    // Eight choices, one neutral and seven anti-patterns: 40 × 1/16 = 2.5.
    assert_eq!(score(0.0, practice(0.5, 8)), 3);
    // Meters at 0.85 (weight 1) and 1 (weight 5): 60 × 0.975 + 40 = 98.5.
    assert_eq!(score((0.85 + 5.0) / 6.0, 1.0), 99);
    assert_eq!(score(0.5, 0.5), 50);
    assert_eq!(score(1.0, 1.0), 100);
}
