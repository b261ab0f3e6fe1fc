//! Helpers shared by the core's integration tests.
#![allow(dead_code)]

use std::sync::Arc;

use frontline_core::{Diagnostic, Scenario, Session};

/// Plays `choices` (indices as written in the file) from `seed`.
pub fn play(scenario: &Scenario, seed: u64, choices: &[usize]) -> Session {
    let mut session = Session::new(Arc::new(scenario.clone()), seed);
    for &c in choices {
        session.choose_written(c).expect("choice is offered");
    }
    session
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

/// `docs/scenario-format.md`.
pub fn guide() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::read_to_string(root.join("docs/scenario-format.md")).unwrap()
}

/// The name broken test files are parsed under, as their diagnostics show it.
pub const FILE: &str = "s.scenario.ron";

/// The problems of `source`, which must be invalid.
pub fn problems(source: &str) -> Vec<Diagnostic> {
    frontline_core::load::parse(std::path::Path::new(FILE), source)
        .expect_err("the scenario should be invalid")
}

/// The mini fixture with its first `from` (which must be there) replaced by `to`.
pub fn broken(from: &str, to: &str) -> String {
    assert!(MINI.contains(from), "fixture lacks {from:?}");
    MINI.replacen(from, to, 1)
}

/// 1-based line and column of the `nth` occurrence of `needle` in `source`.
pub fn position(source: &str, needle: &str, nth: usize) -> (usize, usize) {
    let at = source
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("no {needle:?} number {nth}"))
        .0;
    let line = source[..at].matches('\n').count() + 1;
    let column = source[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}
