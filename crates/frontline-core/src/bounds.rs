//! The exact range of scores a scenario can give: over every persona, every
//! choice, and both outcomes of every random event that can go either way.
//!
//! The search walks the reachable states (node, flags, meters, choices made,
//! practice so far), remembering each state it has scored, so a state reached
//! by several paths is scored once.

use std::collections::HashMap;

use serde::Serialize;

use crate::scenario::{Condition, Scenario, Target};
use crate::scoring::{choice_quality, customer_score, score};

/// Conversations longer than this many choices are not followed further: a
/// scenario that loops forever has no final score on that loop.
const MAX_STEPS: u16 = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScoreBounds {
    pub best: u8,
    pub worst: u8,
}

impl ScoreBounds {
    /// The bounds over every way through `scenario`; `None` when no ending
    /// can be reached at all.
    pub fn try_of(scenario: &Scenario) -> Option<ScoreBounds> {
        let mut search = Search {
            scenario,
            memo: HashMap::new(),
        };
        let personas = scenario.customer.personas.len();
        let starts: Vec<Option<usize>> = if personas == 0 {
            vec![None]
        } else {
            (0..personas).map(Some).collect()
        };
        starts
            .into_iter()
            .map(|persona| {
                let (flags, meters) = scenario.initial_state(persona);
                let state = State {
                    flags,
                    meters,
                    steps: 0,
                    quality: 0,
                };
                search.arrive(Target::Node(scenario.start), state, 0)
            })
            .fold(None, merge)
            .map(|(worst, best)| ScoreBounds { best, worst })
    }

    /// Like [`ScoreBounds::try_of`], with 0..=0 for a scenario that can't end.
    pub fn of(scenario: &Scenario) -> ScoreBounds {
        Self::try_of(scenario).unwrap_or(ScoreBounds { best: 0, worst: 0 })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct State {
    flags: Vec<bool>,
    meters: Vec<i32>,
    steps: u16,
    /// Sum of the choices' quality, in halves (quality is 0, ½ or 1).
    quality: u16,
}

/// (worst, best) of the scores reachable from a state, if any ending is.
type Range = Option<(u8, u8)>;

fn merge(a: Range, b: Range) -> Range {
    match (a, b) {
        (Some((lo1, hi1)), Some((lo2, hi2))) => Some((lo1.min(lo2), hi1.max(hi2))),
        (a, None) => a,
        (None, b) => b,
    }
}

struct Search<'a> {
    scenario: &'a Scenario,
    memo: HashMap<(usize, State), Range>,
}

impl Search<'_> {
    fn arrive(&mut self, target: Target, state: State, hops: usize) -> Range {
        let node = match target {
            Target::Ending(_) => {
                let practice = if state.steps == 0 {
                    0.5
                } else {
                    state.quality as f32 / 2.0 / state.steps as f32
                };
                let s = score(customer_score(self.scenario, &state.meters), practice);
                return Some((s, s));
            }
            Target::Node(n) => n,
        };
        if hops > self.scenario.nodes.len() {
            return None;
        }
        if let Some(next) = self.scenario.nodes[node].route(&state.flags, &state.meters) {
            return self.arrive(next, state, hops + 1);
        }
        self.roll(node, 0, state, hops)
    }

    /// Events from `first` on, each either firing or not, as its chance allows.
    fn roll(&mut self, node: usize, first: usize, state: State, hops: usize) -> Range {
        let events = &self.scenario.nodes[node].events;
        for (i, event) in events.iter().enumerate().skip(first) {
            if event.chance <= 0.0 || !Condition::all_hold(&event.when, &state.flags, &state.meters)
            {
                continue;
            }
            let fired = self.arrive(event.next, state.clone(), hops + 1);
            if event.chance >= 1.0 {
                return fired;
            }
            return merge(fired, self.roll(node, i + 1, state, hops));
        }
        self.wait(node, state)
    }

    fn wait(&mut self, node: usize, state: State) -> Range {
        if state.steps >= MAX_STEPS {
            return None;
        }
        let key = (node, state);
        if let Some(range) = self.memo.get(&key) {
            return *range;
        }
        // Marks the state as in progress: a loop back to it adds nothing new.
        self.memo.insert(key.clone(), None);
        let (node, state) = &key;
        let scenario = self.scenario;
        let n = &scenario.nodes[*node];
        let mut range = None;
        for c in n.available(&state.flags, &state.meters) {
            let choice = &n.choices[c];
            let mut next = state.clone();
            scenario.apply(choice, &mut next.flags, &mut next.meters);
            next.steps += 1;
            next.quality += (choice_quality(&choice.tags) * 2.0) as u16;
            range = merge(range, self.arrive(choice.next, next, 0));
        }
        self.memo.insert(key, range);
        range
    }
}
