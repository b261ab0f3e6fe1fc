//! The scenarios shipped in `scenarios/` and the example in the format guide
//! load, are rich enough to teach with, and every ending can be reached.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use frontline_core::explore::{prompts, witnesses};
use frontline_core::format::NodeFile;
use frontline_core::load::{self, Catalog};
use frontline_core::locate::{Seg, SpanTree};
use frontline_core::{Outcome, Scenario, Target};

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

/// The fenced `ron` blocks of `docs/scenario-format.md`: the complete
/// example first, then the nodes that show one feature each.
fn guide_blocks() -> Vec<String> {
    let guide = std::fs::read_to_string(repo().join("docs/scenario-format.md")).unwrap();
    let blocks = guide.split("```ron\n").skip(1);
    blocks
        .map(|b| b.split("```").next().unwrap().to_string())
        .collect()
}

fn guide_example() -> String {
    guide_blocks().swap_remove(0)
}

fn parsed(name: &str, source: &str) -> Scenario {
    load::parse(Path::new(name), source).unwrap_or_else(|d| {
        let shown: Vec<String> = d.iter().map(ToString::to_string).collect();
        panic!("{}", shown.join("\n"))
    })
}

#[test]
fn the_format_guide_example_is_a_valid_playable_scenario() {
    let scenario = parsed("guide.scenario.ron", &guide_example());
    assert_all_endings_reachable(&scenario);
}

/// Each node the guide shows after its complete example, put in place of
/// the example's node with the same id, gives a valid scenario whose every
/// ending can be reached; together they show every feature the guide says
/// they do.
#[test]
fn the_format_guide_s_feature_nodes_fit_its_example_and_play() {
    let example = guide_example();
    let original = parsed("guide.scenario.ron", &example);
    let snippets = guide_blocks().split_off(1);
    let mut shown = BTreeSet::new();
    for snippet in &snippets {
        let node: NodeFile = load::ron_options()
            .from_str(snippet)
            .unwrap_or_else(|e| panic!("{e}: not a node:\n{snippet}"));
        let index = original.node(&node.id).expect("the example has the node");
        let path = [Seg::Field("nodes"), Seg::Index(index)];
        let span = SpanTree::parse_for(&example, &[&path]).locate(&example, &path);
        let source = [&example[..span.start], snippet, &example[span.end..]].concat();
        let scenario = parsed("guide.scenario.ron", &source);
        let n = &scenario.nodes[index];
        assert_ne!(n, &original.nodes[index], "{} is the example's", node.id);
        assert_all_endings_reachable(&scenario);
        for v in &n.variants {
            shown.insert(if v.personas.is_empty() {
                "meter or flag variant"
            } else {
                "persona variant"
            });
        }
        if n.choices.iter().any(|c| !c.unset.is_empty()) {
            shown.insert("unset");
        }
        let unscored = n.choices.iter().filter(|c| !c.scored).count();
        if unscored == n.choices.len() {
            shown.insert("unscored node");
        } else if unscored > 0 {
            shown.insert("unscored choice");
        }
        if n.events.iter().any(|e| matches!(e.next, Target::Ending(_))) {
            shown.insert("event to an ending");
        }
    }
    let all = [
        "event to an ending",
        "meter or flag variant",
        "persona variant",
        "unscored choice",
        "unscored node",
        "unset",
    ];
    assert_eq!(shown, BTreeSet::from(all));
}
