//! Conversations longer than the 200 choices after which `check` stops
//! following a loop: a long scenario without loops is searched to its end,
//! and an ending reached only past the cut is called not scored, never
//! unreachable.

use std::fmt::Write;
use std::path::PathBuf;
use std::sync::Arc;

use frontline_core::analysis::check::check;
use frontline_core::{Debrief, Loaded, Session};

mod common;

fn loaded(source: String) -> Loaded {
    Loaded {
        scenario: common::parse(&source),
        path: PathBuf::from("long.scenario.ron"),
        source,
    }
}

/// `length` nodes in a row, each with one `Ask` choice that adds 1 to the meter.
fn chain(length: usize) -> String {
    let mut nodes = String::new();
    for i in 0..length {
        let next = match i + 1 == length {
            true => "end".to_string(),
            false => format!("n{}", i + 1),
        };
        let _ = write!(
            nodes,
            r#"Node(id: "n{i}", lines: ["Go on."], choices: [
                Choice(text: "Ask", tags: [Ask], effects: {{"m": 1}}, feedback: "F.", next: "{next}"),
            ]),"#
        );
    }
    scenario(&nodes, 1000)
}

fn scenario(nodes: &str, max: i32) -> String {
    format!(
        r#"Scenario(id: "long", title: "Long", summary: "S.", briefing: "B.",
            customer: Customer(name: "C", persona: "P.", expectation: "E.", source: "S."),
            meters: [Meter(id: "m", label: "M", start: 0, max: {max})],
            start: "n0",
            nodes: [{nodes}],
            endings: [Ending(id: "end", title: "End", text: "Done.", outcome: Promoter)],
        )"#
    )
}

#[test]
fn a_chain_of_250_choices_is_searched_to_its_ending() {
    let loaded = loaded(chain(250));
    let mut session = Session::new(Arc::new(loaded.scenario.clone()), 0);
    for _ in 0..250 {
        session.choose_written(0).unwrap();
    }
    let played = Debrief::of(&session).expect("play finishes it").score;
    let report = check(&loaded);
    assert!(report.exact, "{report}");
    let range = &report.endings[0];
    let (lowest, highest) = (range.lowest.as_ref(), range.highest.as_ref());
    assert_eq!(lowest.map(|x| x.score), Some(played), "{report}");
    assert_eq!(highest.map(|x| x.score), Some(played), "{report}");
    assert!(!report.to_string().contains("unreachable"), "{report}");
}

#[test]
fn an_ending_past_the_cut_of_a_loop_is_not_called_unreachable() {
    // Going round adds 1; leaving needs 250, so the ending takes 251 choices,
    // and at the top of the meter going round comes back to the same place.
    let nodes = r#"Node(id: "n0", lines: ["Again?"], choices: [
        Choice(text: "Again", effects: {"m": 1}, feedback: "F.", next: "n0"),
        Choice(text: "Leave", feedback: "F.", next: "end", when: [AtLeast("m", 250)]),
    ]),"#;
    let loaded = loaded(scenario(nodes, 300));
    let mut session = Session::new(Arc::new(loaded.scenario.clone()), 0);
    for _ in 0..250 {
        session.choose_written(0).unwrap();
    }
    session.choose_written(1).unwrap();
    assert!(Debrief::of(&session).is_some(), "play finishes it");
    let report = check(&loaded);
    assert!(!report.exact, "{report}");
    let text = report.to_string();
    assert!(!text.contains("unreachable"), "{text}");
    assert!(
        text.contains("reached only after more than 200 choices"),
        "{text}"
    );
    assert!(report.endings[0].reachable);
}
