//! Finds concrete playthroughs: a seed and the choices to make, replayable by
//! the runtime, the text mode or a trainer, to each ending or to each prompt.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::scenario::Scenario;
use crate::session::{Session, State};

/// Most sessions explored per seed before moving on to the next seed.
const BUDGET_PER_SEED: usize = 20_000;

/// A seed and the choices (as written in the file) that lead somewhere.
pub type Witness = (u64, Vec<usize>);

/// For each ending index reached, the first playthrough found that reaches
/// it, trying every choice at every node for each seed in `seeds` until
/// every ending has one.
pub fn witnesses(scenario: &Arc<Scenario>, seeds: Range<u64>) -> BTreeMap<usize, Witness> {
    search(scenario, seeds, scenario.endings.len(), |state| match state {
        State::Ended { ending } => Some(ending),
        _ => None,
    })
}

/// For each node that asks the trainee for a reply, the first playthrough
/// found that stops there: a way to see every prompt a scenario can show.
pub fn prompts(scenario: &Arc<Scenario>, seeds: Range<u64>) -> BTreeMap<usize, Witness> {
    let asking = scenario
        .nodes
        .iter()
        .filter(|n| !n.choices.is_empty())
        .count();
    search(scenario, seeds, asking, |state| match state {
        State::Waiting { node, .. } => Some(node),
        _ => None,
    })
}

/// Depth-first over every offered choice, seed after seed, keeping the first
/// path to each key `key_of` gives, until `wanted` keys are found.
fn search(
    scenario: &Arc<Scenario>,
    seeds: Range<u64>,
    wanted: usize,
    key_of: impl Fn(State) -> Option<usize>,
) -> BTreeMap<usize, Witness> {
    let mut found = BTreeMap::new();
    for seed in seeds {
        let mut stack = vec![(Session::new(Arc::clone(scenario), seed), Vec::new())];
        let mut visits = 0;
        while let Some((session, path)) = stack.pop() {
            visits += 1;
            if visits > BUDGET_PER_SEED {
                break;
            }
            if let Some(key) = key_of(session.state()) {
                found.entry(key).or_insert_with(|| (seed, path.clone()));
            }
            if let State::Waiting { .. } = session.state() {
                for &choice in session.offered() {
                    let mut next = session.clone();
                    next.choose_written(choice)
                        .expect("offered choices can be taken");
                    let mut path = path.clone();
                    path.push(choice);
                    stack.push((next, path));
                }
            }
        }
        if found.len() == wanted {
            break;
        }
    }
    found
}
