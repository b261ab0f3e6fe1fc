//! What every session of a scenario is measured against, computed once when
//! the scenario loads: the exact best and worst scores, and for every state a
//! session can be in, the score that good replies can still **guarantee**
//! from there, whatever the random events do.
//!
//! The guarantee is a maximin over the exact search of [`crate::bounds`]: the
//! trainee picks the reply that keeps the most, and each random event is
//! assumed to go the worse way. It is the figure a replay can always reach
//! (see `docs/scoring.md`), so "−12 here" is a promise, not a hope.

use crate::bounds::{Next, ScoreBounds, Scores};
use crate::reach::{Reach, Situation};
use crate::scenario::Scenario;
use crate::scoring::Tally;

#[derive(Debug, Clone)]
pub struct Yardstick {
    reach: Reach,
    scores: Scores,
    /// For each state of `scores`, the score good replies guarantee from
    /// there; `None` where no ending can be guaranteed.
    guaranteed: Vec<Option<u8>>,
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
        let guaranteed = guarantees(&scores);
        Yardstick {
            reach,
            scores,
            guaranteed,
        }
    }

    /// The exact best and worst scores; `None` when no ending can be reached.
    pub fn bounds(&self) -> Option<ScoreBounds> {
        Some(ScoreBounds {
            best: self.scores.best?.score,
            worst: self.scores.worst?.score,
        })
    }

    /// Whether every state was explored, so that every standing is exact.
    pub fn complete(&self) -> bool {
        self.scores.complete
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
        let situation = self.reach.find(Situation {
            node,
            stuck: false,
            flags,
            meters,
        })?;
        let state = self.scores.state_of(situation, tally)?;
        let keeps = self
            .moves(state)
            .map(|(mv, kept)| (self.reach.moves[mv].choice, kept))
            .collect();
        Some(Standing {
            guaranteed: self.guaranteed[state],
            keeps,
        })
    }

    /// Each move of a state with what it guarantees.
    fn moves(&self, state: usize) -> impl Iterator<Item = (usize, Option<u8>)> + '_ {
        let edges = self.scores.edges_at(state);
        edges
            .chunk_by(|a, b| a.0 == b.0)
            .map(|branches| (branches[0].0, worst_branch(branches, &self.guaranteed)))
    }
}

/// The guarantee of every state, from the last state back: every edge leads
/// to a later state, so one backward pass sees each successor already done.
fn guarantees(scores: &Scores) -> Vec<Option<u8>> {
    let mut guaranteed = vec![None; scores.states.len()];
    for state in (0..scores.states.len()).rev() {
        let moves = scores.edges_at(state).chunk_by(|a, b| a.0 == b.0);
        // `None` (no ending) orders below every score: the max prefers any
        // move that can finish, the min any branch that cannot.
        guaranteed[state] = moves.map(|b| worst_branch(b, &guaranteed)).max().flatten();
    }
    guaranteed
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
