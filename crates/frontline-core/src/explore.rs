//! Finds a concrete playthrough to each ending: a seed and the choices to
//! make, replayable by the runtime, the text mode or a trainer.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::scenario::Scenario;
use crate::session::{Session, State};

/// Most sessions explored per seed before moving on to the next seed.
const BUDGET_PER_SEED: usize = 20_000;

/// For each ending index reached, the first (seed, choices as written in the
/// file) found that reaches it, trying every choice at every node for each
/// seed in `seeds` until every ending has one.
pub fn witnesses(
    scenario: &Arc<Scenario>,
    seeds: Range<u64>,
) -> BTreeMap<usize, (u64, Vec<usize>)> {
    let mut found = BTreeMap::new();
    for seed in seeds {
        let mut stack = vec![(Session::new(Arc::clone(scenario), seed), Vec::new())];
        let mut visits = 0;
        while let Some((session, path)) = stack.pop() {
            visits += 1;
            if visits > BUDGET_PER_SEED {
                break;
            }
            match session.state() {
                State::Ended { ending } => {
                    found.entry(ending).or_insert((seed, path));
                }
                State::Stuck { .. } => {}
                State::Waiting { .. } => {
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
        }
        if found.len() == scenario.endings.len() {
            break;
        }
    }
    found
}
