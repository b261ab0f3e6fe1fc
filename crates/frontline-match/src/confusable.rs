//! Replies at a node that the matcher cannot tell apart, for `frontline check`.

use frontline_core::Scenario;
use frontline_core::scenario::{Choice, Condition};
use serde::Serialize;

use crate::embed::similarity;
use crate::replies::Replies;

/// Two choices of a node whose phrasings are so alike that typed replies
/// meaning one are often read as the other.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Confusable {
    pub node: usize,
    /// Indices as written in the file, `first < second`.
    pub first: usize,
    pub second: usize,
    /// The cosine similarity of their closest phrasings.
    pub similarity: f32,
}

/// Above this similarity two replies are reported. Measured on the
/// evaluation set (see `eval/README.md`).
pub const CONFUSABLE: f32 = 0.8;

/// Every pair of choices that can be offered together and are closer than
/// [`CONFUSABLE`], node by node.
pub fn confusable(scenario: &Scenario, replies: &Replies) -> Vec<Confusable> {
    let mut found = Vec::new();
    for (node, (written, embedded)) in scenario.nodes.iter().zip(&replies.nodes).enumerate() {
        let written = &written.choices;
        for first in 0..written.len() {
            for second in first + 1..written.len() {
                if exclusive(&written[first], &written[second]) {
                    continue;
                }
                let pairs = embedded[first].iter().flat_map(|a| {
                    embedded[second]
                        .iter()
                        .map(move |b| similarity(&a.embedding, &b.embedding))
                });
                let similarity = pairs.fold(f32::MIN, f32::max);
                if similarity > CONFUSABLE {
                    found.push(Confusable {
                        node,
                        first,
                        second,
                        similarity,
                    });
                }
            }
        }
    }
    found
}

/// Whether the two choices' conditions can never hold at once.
fn exclusive(a: &Choice, b: &Choice) -> bool {
    a.when
        .iter()
        .any(|&x| b.when.iter().any(|&y| contradict(x, y) || contradict(y, x)))
}

fn contradict(x: Condition, y: Condition) -> bool {
    match (x, y) {
        (Condition::Flag(f), Condition::NotFlag(g)) => f == g,
        (Condition::AtLeast(m, low), Condition::Below(n, high)) => m == n && high <= low,
        _ => false,
    }
}
