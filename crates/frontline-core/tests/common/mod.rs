//! Helpers shared by the core's integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use frontline_core::{Scenario, Session, State};

/// Plays `choices` (indices as written in the file) from `seed`.
pub fn play(scenario: &Scenario, seed: u64, choices: &[usize]) -> Session {
    let mut session = Session::new(Arc::new(scenario.clone()), seed);
    for &c in choices {
        session.choose_written(c).expect("choice is offered");
    }
    session
}

/// For each ending index reached, the first (seed, choices) that reaches it,
/// exploring every choice at every node for each seed.
pub fn endings_reached(
    scenario: &Scenario,
    seeds: Range<u64>,
) -> BTreeMap<usize, (u64, Vec<usize>)> {
    let mut found = BTreeMap::new();
    let scenario = Arc::new(scenario.clone());
    for seed in seeds {
        let mut stack = vec![(Session::new(Arc::clone(&scenario), seed), Vec::new())];
        let mut visits = 0;
        while let Some((session, path)) = stack.pop() {
            visits += 1;
            if visits > 20_000 {
                break;
            }
            match session.state() {
                State::Ended { ending } => {
                    found.entry(ending).or_insert((seed, path));
                }
                State::Stuck { node } => panic!("{}: stuck at node {node}", scenario.id),
                State::Waiting { .. } => {
                    for &choice in session.offered() {
                        let mut next = session.clone();
                        next.choose_written(choice).unwrap();
                        let mut path = path.clone();
                        path.push(choice);
                        stack.push((next, path));
                    }
                }
            }
        }
        if found.len() == scenario.endings.len() {
            break;
        }
    }
    found
}

pub const MINI: &str = include_str!("../fixtures/mini.scenario.ron");

/// Parses scenario text that must be valid.
pub fn parse(source: &str) -> Scenario {
    frontline_core::load::parse(std::path::Path::new("test.scenario.ron"), source).unwrap_or_else(
        |d| {
            let shown: Vec<String> = d.iter().map(ToString::to_string).collect();
            panic!("invalid scenario:\n{}", shown.join("\n"))
        },
    )
}

pub fn mini() -> Arc<Scenario> {
    Arc::new(parse(MINI))
}

/// The index of the choice with this text at the session's current node.
pub fn choice_named(session: &Session, text: &str) -> usize {
    let (node, _) = session.current().expect("waiting for a choice");
    node.choices
        .iter()
        .position(|c| c.text == text)
        .unwrap_or_else(|| panic!("no choice `{text}`"))
}
