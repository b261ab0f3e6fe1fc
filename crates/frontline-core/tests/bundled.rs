//! The scenarios shipped in `scenarios/` and the example in the format guide
//! load, are rich enough to teach with, and every ending can be reached.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use frontline_core::explore::{prompts, witnesses};
use frontline_core::load::{self, Catalog};
use frontline_core::{Outcome, Scenario};

mod common;
use common::play;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bundled() -> Catalog {
    let catalog = Catalog::load(&[repo().join("scenarios")]).expect("scenarios/ is readable");
    let problems: Vec<String> = catalog
        .broken()
        .flat_map(|b| b.diagnostics.iter().map(|d| d.to_string()))
        .collect();
    assert!(
        problems.is_empty(),
        "broken scenarios:\n{}",
        problems.join("\n")
    );
    catalog
}

#[test]
fn the_seed_scenarios_are_bundled() {
    let ids: BTreeSet<String> = bundled().loaded().map(|l| l.scenario.id.clone()).collect();
    for id in ["caviar", "garage", "hype", "late_meal", "phone"] {
        assert!(ids.contains(id), "missing scenario `{id}` in {ids:?}");
    }
}

#[test]
fn bundled_scenarios_are_rich_enough_to_teach() {
    for loaded in bundled().loaded() {
        let s = &loaded.scenario;
        assert!(s.nodes.len() >= 12, "{}: {} nodes", s.id, s.nodes.len());
        let outcomes: BTreeSet<Outcome> = s.endings.iter().map(|e| e.outcome).collect();
        assert_eq!(
            outcomes.len(),
            3,
            "{}: needs a Promoter, a Passive and a Detractor ending",
            s.id
        );
        let has_events = s.nodes.iter().any(|n| !n.events.is_empty());
        assert!(
            has_events || !s.customer.personas.is_empty(),
            "{}: no event or persona",
            s.id
        );
    }
}

#[test]
fn every_ending_of_every_bundled_scenario_is_reachable() {
    for loaded in bundled().loaded() {
        assert_all_endings_reachable(&loaded.scenario);
    }
}

fn assert_all_endings_reachable(scenario: &Scenario) {
    let reached = witnesses(&std::sync::Arc::new(scenario.clone()), 0..40);
    for (seed, path) in reached.values() {
        assert!(!matches!(
            play(scenario, *seed, path).state(),
            frontline_core::State::Stuck { .. }
        ));
    }
    for (i, ending) in scenario.endings.iter().enumerate() {
        let (seed, path) = reached
            .get(&i)
            .unwrap_or_else(|| panic!("{}: ending `{}` is never reached", scenario.id, ending.id));
        let session = play(scenario, *seed, path);
        assert_eq!(session.ending().map(|e| &e.id), Some(&ending.id));
    }
}

#[test]
fn every_prompt_of_every_bundled_scenario_is_shown_on_some_playthrough() {
    for loaded in bundled().loaded() {
        let scenario = std::sync::Arc::new(loaded.scenario.clone());
        let reached = prompts(&scenario, 0..40);
        for (index, node) in scenario.nodes.iter().enumerate() {
            if node.choices.is_empty() {
                continue;
            }
            let (seed, path) = reached
                .get(&index)
                .unwrap_or_else(|| panic!("{}: `{}` never asks", scenario.id, node.id));
            let session = play(&scenario, *seed, path);
            assert!(
                matches!(session.state(), frontline_core::State::Waiting { node, .. } if node == index),
                "{}: the path to `{}` stops elsewhere",
                scenario.id,
                node.id
            );
        }
    }
}

/// The fenced `ron` block of `docs/scenario-format.md`.
fn guide_example() -> String {
    let guide = std::fs::read_to_string(repo().join("docs/scenario-format.md")).unwrap();
    let start = guide.find("```ron\n").expect("the guide has a ron example") + 7;
    let end = start + guide[start..].find("```").unwrap();
    guide[start..end].to_string()
}

#[test]
fn the_format_guide_example_is_a_valid_playable_scenario() {
    let scenario =
        load::parse(Path::new("guide.scenario.ron"), &guide_example()).unwrap_or_else(|d| {
            panic!(
                "{}",
                d.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
    assert_all_endings_reachable(&scenario);
}
