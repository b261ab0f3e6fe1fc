//! Where trainees go wrong: at each node, which choices were taken how often,
//! the most-taken anti-patterns first, and the nodes with most of them first.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use frontline_core::Practice;
use serde::Serialize;

use crate::attempt::{Attempt, RecordedChoice};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeChoices {
    pub scenario: String,
    pub node: String,
    /// Choices made here, in all attempts.
    pub taken: usize,
    /// How many of them were anti-patterns.
    pub anti_patterns: usize,
    pub choices: Vec<ChoiceCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceCount {
    /// The choice's index as written in the scenario file.
    pub index: u32,
    pub text: String,
    pub tags: Vec<Practice>,
    pub anti_pattern: bool,
    pub count: usize,
}

/// How often each choice (index and text) was taken at one node, with an example.
type Counts<'a> = BTreeMap<(u32, &'a str), (&'a RecordedChoice, usize)>;

/// Every node where a choice was made, the most anti-patterns first.
pub fn mistakes(attempts: &[Attempt]) -> Vec<NodeChoices> {
    let mut nodes: BTreeMap<(&str, &str), Counts> = BTreeMap::new();
    for a in attempts {
        for c in &a.choices {
            let node = nodes.entry((&a.scenario, &c.node)).or_default();
            node.entry((c.index, &c.text)).or_insert((c, 0)).1 += 1;
        }
    }
    let mut report: Vec<NodeChoices> = nodes
        .into_iter()
        .map(|((scenario, node), choices)| {
            let mut choices: Vec<ChoiceCount> = choices
                .into_values()
                .map(|(c, count)| ChoiceCount {
                    index: c.index,
                    text: c.text.clone(),
                    tags: c.tags.clone(),
                    anti_pattern: c.is_anti_pattern(),
                    count,
                })
                .collect();
            choices.sort_by(|x, y| {
                (y.anti_pattern, y.count, x.index).cmp(&(x.anti_pattern, x.count, y.index))
            });
            NodeChoices {
                scenario: scenario.to_string(),
                node: node.to_string(),
                taken: choices.iter().map(|c| c.count).sum(),
                anti_patterns: choices
                    .iter()
                    .filter(|c| c.anti_pattern)
                    .map(|c| c.count)
                    .sum(),
                choices,
            }
        })
        .collect();
    // Stable: equal nodes stay in scenario and node order.
    report.sort_by_key(|n| Reverse((n.anti_patterns, n.taken)));
    report
}
