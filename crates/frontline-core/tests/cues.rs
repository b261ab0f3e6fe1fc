//! The surface-cue lints of `check`: each fixture triggers its lint, at the
//! right place, and nothing else; the bundled scenarios give none of them.

use std::path::{Path, PathBuf};

use frontline_core::analysis::check::{Report, check};
use frontline_core::analysis::cues::{Cue, CueRate};
use frontline_core::{Catalog, Loaded, Severity};

mod common;
use common::position;

fn fixture(name: &str) -> (Loaded, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let source = std::fs::read_to_string(&path).expect("fixture exists");
    let loaded = Loaded {
        scenario: common::parse(&source),
        path: PathBuf::from(name),
        source: source.clone(),
    };
    (loaded, source)
}

fn messages(report: &Report) -> Vec<String> {
    report.findings.iter().map(|d| d.to_string()).collect()
}

fn rate(report: &Report, cue: Cue) -> &CueRate {
    let cues = report.cues.as_ref().expect("the search was complete");
    cues.rates.iter().find(|r| r.cue == cue).unwrap()
}

/// Five turns of three replies, one best each: a blind pick is right with
/// chance 1/3 each time, so five hits out of five happen by chance (1/3)^5.
const FIVE_OF_FIVE: f64 = 1.0 / 243.0;

#[test]
fn a_best_reply_that_is_always_the_longest_is_a_warning_naming_its_nodes() {
    let (loaded, _) = fixture("cue_longest.scenario.ron");
    let report = check(&loaded);
    let found = messages(&report);
    assert_eq!(found.len(), 1, "{found:#?}");
    let message = &report.findings[0].message;
    assert_eq!(report.findings[0].severity, Severity::Warning);
    assert!(
        message.contains("the longest reply is a best reply in 5 of 5 turns"),
        "{message}"
    );
    assert!(
        message.contains("blind pick would be right in 1.7"),
        "{message}"
    );
    assert!(
        message.contains("`one`, `two`, `three`, `four`, `five`"),
        "{message}"
    );
    let longest = rate(&report, Cue::Longest);
    assert!((longest.p_value - FIVE_OF_FIVE).abs() < 1e-9);
    assert_eq!(rate(&report, Cue::Apologetic).turns, 0, "nobody apologises");
}

/// Three turns of three, one best each: (1/3)^3 = 1/27 < 0.05 when counted.
#[test]
fn unscored_steps_are_not_turns_a_cue_can_give_away() {
    let (loaded, source) = fixture("cue_unscored.scenario.ron");
    let report = check(&loaded);
    assert_eq!(messages(&report), Vec::<String>::new());
    assert_eq!(rate(&report, Cue::Longest).turns, 0);
    // The same steps scored: the longest way on is best in each of the three.
    let scored = Loaded {
        scenario: common::parse(&source.replace("scored: false,", "")),
        ..loaded
    };
    let report = check(&scored);
    let longest = rate(&report, Cue::Longest);
    assert_eq!((longest.hits, longest.turns), (3, 3));
    assert!((longest.p_value - 1.0 / 27.0).abs() < 1e-9);
    assert!(
        messages(&report)
            .iter()
            .any(|m| m.contains("the longest reply is a best reply in 3 of 3 turns")),
        "{:#?}",
        messages(&report)
    );
}

#[test]
fn a_best_reply_that_always_apologises_most_is_a_warning() {
    let (loaded, _) = fixture("cue_apology.scenario.ron");
    let report = check(&loaded);
    let found = messages(&report);
    assert_eq!(found.len(), 1, "{found:#?}");
    let message = &report.findings[0].message;
    assert!(
        message.contains(
            "the reply with the most apology and empathy words is a best reply in 5 of 5 turns"
        ),
        "{message}"
    );
    let longest = rate(&report, Cue::Longest);
    assert_eq!(
        (longest.hits, longest.turns),
        (0, 5),
        "the longest is wrong"
    );
    assert!((rate(&report, Cue::Apologetic).p_value - FIVE_OF_FIVE).abs() < 1e-9);
}

#[test]
fn a_node_with_only_plain_anti_patterns_as_wrong_replies_is_a_warning() {
    let (loaded, source) = fixture("no_tempting_mistake.scenario.ron");
    let report = check(&loaded);
    let found = messages(&report);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &report.findings[0];
    assert!(
        d.message
            .contains("every wrong reply at `refund` (choice 2, 3) carries only anti-patterns"),
        "{}",
        d.message
    );
    assert_eq!(d.line, position(&source, "choices: [", 1).0, "{d}");
}

#[test]
fn feedback_that_only_says_right_or_wrong_is_a_warning_at_the_feedback() {
    let (loaded, source) = fixture("bare_verdict.scenario.ron");
    let report = check(&loaded);
    let found = messages(&report);
    assert_eq!(found.len(), 2, "{found:#?}");
    for (d, (choice, needle)) in report
        .findings
        .iter()
        .zip([(1, "\"Correct!\""), (3, "\"Wrong answer.\"")])
    {
        let expected =
            format!("the feedback on choice {choice} of `hello` only says right or wrong");
        assert!(d.message.contains(&expected), "{d}");
        assert_eq!(d.line, position(&source, needle, 0).0, "{d}");
    }
}

#[test]
fn every_bundled_scenario_gives_no_surface_cue_finding() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let catalog = Catalog::load(&[dir]).expect("scenarios/ is readable");
    for loaded in catalog.loaded() {
        let (id, report) = (&loaded.scenario.id, check(loaded));
        let cue_findings: Vec<String> = messages(&report)
            .into_iter()
            .filter(|m| {
                [
                    "a best reply in",
                    "carries only anti-patterns",
                    "only says right or wrong",
                ]
                .iter()
                .any(|lint| m.contains(lint))
            })
            .collect();
        assert!(
            cue_findings.is_empty(),
            "{id}:\n{}",
            cue_findings.join("\n")
        );
    }
}
