//! What every session of a scenario is measured against, computed once when
//! the scenario loads: the exact best and worst scores, and for every state a
//! session can be in, the score that good replies can still **guarantee**
//! from there, whatever the random events do.
//!
//! The guarantee is a maximin over the exact search of [`crate::bounds`]: the
//! trainee picks the reply that keeps the most, and each random event is
//! assumed to go the worse way. It is the figure a replay can always reach
//! (see `docs/scoring.md`), so "−12 here" is a promise, not a hope.

mod table;

use crate::bounds::{Next, ScoreBounds, Scores};
use crate::reach::Reach;
use crate::scenario::Scenario;
use crate::scoring::Tally;

use table::{Guarantees, Table};

/// Built from the searches of [`crate::reach`] and [`crate::bounds`], then
/// keeping only what play asks: the searches themselves are dropped.
#[derive(Debug, Clone)]
pub struct Yardstick {
    bounds: Option<ScoreBounds>,
    complete: bool,
    table: Table,
}

/// Where a session stands at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The score the best reply guarantees from here.
    pub guaranteed: Option<u8>,
    /// Each choice offered here (index as written) with what it guarantees.
    pub keeps: Vec<(usize, Option<u8>)>,
}

impl Standing {
    /// What choosing `choice` guarantees; `None` when it was not offered.
    pub fn keeps(&self, choice: usize) -> Option<u8> {
        self.keeps
            .iter()
            .find(|&&(c, _)| c == choice)
            .and_then(|&(_, keeps)| keeps)
    }

    /// The offered choice that guarantees the most, the first on a tie.
    pub fn best_choice(&self) -> Option<(usize, u8)> {
        let mut best: Option<(usize, u8)> = None;
        for &(choice, keeps) in &self.keeps {
            if let Some(k) = keeps
                && best.is_none_or(|(_, b)| k > b)
            {
                best = Some((choice, k));
            }
        }
        best
    }
}

impl Yardstick {
    pub fn of(scenario: &Scenario) -> Yardstick {
        let reach = Reach::of(scenario);
        let scores = Scores::of(scenario, &reach);
        let bounds = scores.best.zip(scores.worst);
        Yardstick {
            bounds: bounds.map(|(best, worst)| ScoreBounds {
                best: best.score,
                worst: worst.score,
            }),
            complete: scores.complete,
            table: Table::of(scenario, &reach, &scores, guarantees(&scores)),
        }
    }

    /// The exact best and worst scores; `None` when no ending can be reached.
    pub fn bounds(&self) -> Option<ScoreBounds> {
        self.bounds
    }

    /// Whether every state was explored, so that every standing is exact.
    pub fn complete(&self) -> bool {
        self.complete
    }

    /// Where a session at `node` with these flags and meters, having made the
    /// choices in `tally`, stands; `None` if the search did not reach there.
    pub fn standing(
        &self,
        node: usize,
        flags: &[bool],
        meters: &[i32],
        tally: Tally,
    ) -> Option<Standing> {
        self.table.standing(node, flags, meters, tally)
    }
}

/// The guarantee of every state and what each of its moves keeps, from the
/// last state back: every edge leads to a later state, so one backward pass
/// sees each successor already done.
fn guarantees(scores: &Scores) -> Guarantees {
    let count = scores.states.len();
    let mut guaranteed = vec![None; count];
    // What the moves keep, state by state from the last, each state's
    // moves backwards: the whole list turned round at the end is in order.
    let mut kept = Vec::with_capacity(scores.edges.len());
    let mut ends = vec![0; count];
    for state in (0..count).rev() {
        let from = kept.len();
        let moves = scores.edges_at(state).chunk_by(|a, b| a.0 == b.0);
        kept.extend(moves.map(|branches| worst_branch(branches, &guaranteed)));
        // `None` (no ending) orders below every score: the max prefers any
        // move that can finish, the min any branch that cannot.
        guaranteed[state] = kept[from..].iter().copied().max().flatten();
        kept[from..].reverse();
        ends[state] = kept.len();
    }
    kept.reverse();
    let mut kept_of = Vec::with_capacity(count + 1);
    kept_of.extend(ends.iter().map(|&end| kept.len() - end));
    kept_of.push(kept.len());
    Guarantees {
        guaranteed,
        kept_of,
        kept,
    }
}

/// What one move guarantees: its worst branch.
fn worst_branch(branches: &[(usize, usize, Next)], guaranteed: &[Option<u8>]) -> Option<u8> {
    branches
        .iter()
        .map(|&(_, _, next)| match next {
            Next::Finish(finish) => Some(finish.score),
            Next::State(state) => guaranteed[state],
            Next::Unexplored => None,
        })
        .min()
        .flatten()
}
