//! The exact range of scores a scenario can give: over every persona, every
//! choice, and both outcomes of every random event that can go either way.
//!
//! The search walks the reachable states: a situation of [`Reach`] (node,
//! flags, meters) with the number of choices made, the sum of their quality
//! and whether an anti-pattern was among them. Each state is scored once
//! however many paths reach it, and remembers the first way it was reached,
//! so the best and the worst path come out as lists of choices.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

use serde::Serialize;

use crate::hash::FxBuild;
use crate::reach::{Hop, Reach, To};
use crate::scenario::Scenario;
use crate::scoring::Tally;

/// Conversations longer than this many choices are not followed further: a
/// scenario that loops has no final score on the way round its loop. A
/// scenario without loops is followed to its longest conversation, up to
/// [`MAX_CHAIN`].
pub const MAX_STEPS: u16 = 200;

/// The most choices followed in a scenario without loops: the quality sum,
/// in halves, of that many choices still fits the state's key.
pub const MAX_CHAIN: u16 = 16_383;

/// States explored before the search gives up on being complete.
pub const MAX_STATES: usize = 2_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScoreBounds {
    pub best: u8,
    pub worst: u8,
}

impl ScoreBounds {
    /// The bounds over every way through `scenario`; `None` when no ending
    /// can be reached at all.
    pub fn try_of(scenario: &Scenario) -> Option<ScoreBounds> {
        let reach = Reach::of(scenario);
        let scores = Scores::of(scenario, &reach);
        Some(ScoreBounds {
            best: scores.best?.score,
            worst: scores.worst?.score,
        })
    }

    /// Like [`ScoreBounds::try_of`], with 0..=0 for a scenario that can't end.
    pub fn of(scenario: &Scenario) -> ScoreBounds {
        Self::try_of(scenario).unwrap_or(ScoreBounds { best: 0, worst: 0 })
    }
}

/// A point of the search: a situation reached after some choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub situation: usize,
    /// The choices made on the way, as the practice part adds them up.
    pub tally: Tally,
    /// How the state was first reached.
    pub via: Via,
}

/// The step into a state or an ending: a branch of a start, or of a move taken
/// in an earlier state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Via {
    pub from: Origin,
    /// Index into [`Reach::branches`].
    pub branch: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Index into [`Reach::starts`].
    Start(usize),
    /// A state and the index of the move taken there, into [`Reach::moves`].
    Move { state: usize, mv: usize },
}

/// A conversation that reached an ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finish {
    pub ending: usize,
    pub score: u8,
    pub anti: bool,
    pub via: Via,
}

/// Where one branch of a move leads in the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    State(usize),
    Finish(Finish),
    /// Cut at [`MAX_STATES`]: the search is incomplete.
    Unexplored,
}

/// A path through a scenario: the persona, then choices and what happened
/// without the trainee between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub persona: Option<usize>,
    pub steps: Vec<PathStep>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStep {
    Hop(Hop),
    Choice { node: usize, choice: usize },
}

/// The lowest and the highest finish of one ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndingScores {
    pub lowest: Finish,
    pub highest: Finish,
}

/// What can still happen from a state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ahead {
    /// The best final score reachable.
    pub best: Option<u8>,
    /// The fewest choices left to make before an ending, this one included.
    pub choices: Option<u16>,
}

impl Ahead {
    /// The better of two futures in each respect.
    pub fn or(self, other: Ahead) -> Ahead {
        Ahead {
            best: self.best.max(other.best),
            choices: match (self.choices, other.choices) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        }
    }
}

/// The result of the exact search.
#[derive(Debug, Clone)]
pub struct Scores {
    pub states: Vec<State>,
    /// For each expanded state, its edges (indices into `edges`).
    pub edges_of: Vec<Range<usize>>,
    /// (move index into [`Reach::moves`], branch index, where it leads).
    pub edges: Vec<(usize, usize, Next)>,
    /// Where each start's branches lead, in the order of [`Reach::starts`].
    pub start_edges: Vec<Vec<(usize, Next)>>,
    /// For each ending, its lowest and highest finish, if it can be reached.
    pub endings: Vec<Option<EndingScores>>,
    pub best: Option<Finish>,
    pub worst: Option<Finish>,
    /// The highest finish among paths that took an anti-pattern.
    pub best_with_anti_pattern: Option<Finish>,
    /// Choices after which a conversation was not followed further:
    /// [`MAX_STEPS`], or the longest conversation of a scenario without loops.
    pub max_steps: u16,
    /// Some conversation went on past `max_steps` choices.
    pub truncated: bool,
    /// False when the search stopped at [`MAX_STATES`] or the situations were
    /// not all explored.
    pub complete: bool,
    /// (situation, tally), packed, to state index.
    index: HashMap<u128, usize, FxBuild>,
}

/// The key of a state in [`Scores`]'s index.
fn pack(situation: usize, tally: Tally) -> u128 {
    (situation as u128) << 64
        | u128::from(tally.turns) << 48
        | u128::from(tally.choices) << 32
        | u128::from(tally.halves) << 1
        | u128::from(tally.anti)
}

impl Scores {
    pub fn of(scenario: &Scenario, reach: &Reach) -> Scores {
        Scores::of_starts(scenario, reach, |_| true)
    }

    /// The search from one start only: the sessions of one persona.
    pub fn of_start(scenario: &Scenario, reach: &Reach, start: usize) -> Scores {
        Scores::of_starts(scenario, reach, |s| s == start)
    }

    fn of_starts(scenario: &Scenario, reach: &Reach, follow: impl Fn(usize) -> bool) -> Scores {
        let max_steps = reach.longest_chain().map_or(MAX_STEPS, |longest| {
            u16::try_from(longest).map_or(MAX_CHAIN, |n| n.clamp(MAX_STEPS, MAX_CHAIN))
        });
        let mut search = Search {
            scenario,
            reach,
            scores: Scores {
                states: Vec::new(),
                edges_of: Vec::new(),
                edges: Vec::new(),
                start_edges: Vec::new(),
                endings: vec![None; scenario.endings.len()],
                best: None,
                worst: None,
                best_with_anti_pattern: None,
                max_steps,
                truncated: false,
                complete: reach.complete,
                index: HashMap::default(),
            },
        };
        for (start, s) in reach.starts.iter().enumerate() {
            let from = Origin::Start(start);
            // A start not followed keeps its place, with no edges.
            let branches = s.branches.clone().filter(|_| follow(start));
            let edges = branches
                .map(|branch| {
                    (
                        branch,
                        search.follow(Via { from, branch }, Tally::default()),
                    )
                })
                .collect();
            search.scores.start_edges.push(edges);
        }
        search.explore();
        search.scores
    }

    /// The state a session is in at a situation with this tally, if the search
    /// reached it.
    pub fn state_of(&self, situation: usize, tally: Tally) -> Option<usize> {
        self.index.get(&pack(situation, tally)).copied()
    }

    /// The path that first led to a finish.
    pub fn path(&self, reach: &Reach, finish: &Finish) -> Path {
        self.path_via(reach, finish.via, |state| self.states[state].via)
    }

    /// The path that ends with the step `via`, each state having been reached
    /// by the step `parent(state)`.
    pub fn path_via(&self, reach: &Reach, mut via: Via, parent: impl Fn(usize) -> Via) -> Path {
        let mut steps = Vec::new();
        let persona = loop {
            let hops = &reach.hops[reach.branches[via.branch].hops.clone()];
            steps.extend(hops.iter().rev().map(|&h| PathStep::Hop(h)));
            match via.from {
                Origin::Start(start) => break reach.starts[start].persona,
                Origin::Move { state, mv } => {
                    let node = reach.situation(self.states[state].situation).node;
                    let choice = reach.moves[mv].choice;
                    steps.push(PathStep::Choice { node, choice });
                    via = parent(state);
                }
            }
        };
        steps.reverse();
        Path { persona, steps }
    }

    /// For each state, the best score still reachable and the fewest choices
    /// left to an ending; `None` where no ending can be reached.
    pub fn ahead(&self) -> Vec<Ahead> {
        let mut ahead = vec![Ahead::default(); self.states.len()];
        // Every edge leads to a later state, so one pass from the end suffices.
        for state in (0..self.states.len()).rev() {
            let mut here = Ahead::default();
            for &(_, _, next) in self.edges_at(state) {
                here = here.or(self.after(&ahead, next));
            }
            ahead[state] = here;
        }
        ahead
    }

    /// What lies ahead after taking an edge to `next`.
    pub fn after(&self, ahead: &[Ahead], next: Next) -> Ahead {
        match next {
            Next::Finish(finish) => Ahead {
                best: Some(finish.score),
                choices: Some(1),
            },
            Next::State(state) => Ahead {
                best: ahead[state].best,
                choices: ahead[state].choices.map(|c| c + 1),
            },
            Next::Unexplored => Ahead::default(),
        }
    }

    /// The edges of a state; none when it was not expanded.
    pub fn edges_at(&self, state: usize) -> &[(usize, usize, Next)] {
        self.edges_of
            .get(state)
            .map_or(&[], |range| &self.edges[range.clone()])
    }
}

struct Search<'a> {
    scenario: &'a Scenario,
    reach: &'a Reach,
    scores: Scores,
}

impl Search<'_> {
    /// States are numbered in the order found, which is by number of choices
    /// made (scored or not: [`Tally::turns`]): every edge goes from a state
    /// to a later one.
    fn explore(&mut self) {
        let reach = self.reach;
        let mut next = 0;
        while next < self.scores.states.len() {
            let state = self.scores.states[next];
            let first = self.scores.edges.len();
            if state.tally.turns >= self.scores.max_steps {
                self.scores.truncated |= !reach.moves_at(state.situation).is_empty();
            } else {
                let node = &self.scenario.nodes[reach.situation(state.situation).node];
                let moves = reach.moves_of.get(state.situation).cloned();
                for mv in moves.unwrap_or_default() {
                    let m = &reach.moves[mv];
                    let tally = state.tally.after(&node.choices[m.choice]);
                    for branch in m.branches.clone() {
                        let via = Via {
                            from: Origin::Move { state: next, mv },
                            branch,
                        };
                        let to = self.follow(via, tally);
                        self.scores.edges.push((mv, branch, to));
                    }
                }
            }
            self.scores.edges_of.push(first..self.scores.edges.len());
            next += 1;
        }
    }

    fn follow(&mut self, via: Via, tally: Tally) -> Next {
        match self.reach.branches[via.branch].to {
            To::Ending { ending, customer } => {
                let finish = Finish {
                    ending,
                    score: tally.score(customer),
                    anti: tally.anti,
                    via,
                };
                self.finish(finish);
                Next::Finish(finish)
            }
            To::Situation(situation) => {
                let id = self.scores.states.len();
                match self.scores.index.entry(pack(situation, tally)) {
                    Entry::Occupied(known) => Next::State(*known.get()),
                    Entry::Vacant(_) if id >= MAX_STATES => {
                        self.scores.complete = false;
                        Next::Unexplored
                    }
                    Entry::Vacant(new) => {
                        new.insert(id);
                        self.scores.states.push(State {
                            situation,
                            tally,
                            via,
                        });
                        Next::State(id)
                    }
                }
            }
        }
    }

    fn finish(&mut self, finish: Finish) {
        let scores = &mut self.scores;
        let range = scores.endings[finish.ending].get_or_insert(EndingScores {
            lowest: finish,
            highest: finish,
        });
        if finish.score < range.lowest.score {
            range.lowest = finish;
        }
        if finish.score > range.highest.score {
            range.highest = finish;
        }
        if scores.best.is_none_or(|b| finish.score > b.score) {
            scores.best = Some(finish);
        }
        if scores.worst.is_none_or(|w| finish.score < w.score) {
            scores.worst = Some(finish);
        }
        if finish.anti
            && scores
                .best_with_anti_pattern
                .is_none_or(|b| finish.score > b.score)
        {
            scores.best_with_anti_pattern = Some(finish);
        }
    }
}
