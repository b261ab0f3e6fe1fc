//! The standings of a yardstick, kept once the searches they come from are
//! dropped: the searches hold every branch, hop and edge, tens of megabytes
//! for a large scenario, while play only asks what each state guarantees.
//!
//! For each situation a state was found in (node, flags packed to bits,
//! meters), the choices it offers; for each tally reached there, what good
//! replies guarantee and what each of those choices keeps. Lookups compare
//! whole keys, so no state is ever taken for another.

use std::cmp::Ordering;
use std::ops::Range;

use crate::bounds::Scores;
use crate::reach::{Reach, flag_words};
use crate::scenario::Scenario;
use crate::scoring::Tally;

use super::Standing;

#[derive(Debug, Clone)]
pub(super) struct Table {
    flag_count: usize,
    meter_count: usize,
    /// Words of flags per situation.
    words: usize,
    /// The situations at node `n` are `by_node[n]..by_node[n + 1]`, sorted
    /// by flags, then meters.
    by_node: Vec<usize>,
    /// Each situation's flags, `words` words each.
    flags: Vec<u64>,
    /// Each situation's meters, `meter_count` each.
    meters: Vec<i32>,
    /// Situation `s` offers `choices[choices_of[s]..choices_of[s + 1]]`.
    choices_of: Vec<usize>,
    choices: Vec<u32>,
    /// Situation `s`'s states are `states[states_of[s]..states_of[s + 1]]`,
    /// sorted by tally.
    states_of: Vec<usize>,
    states: Vec<usize>,
    /// By state, in the search's order: its tally, what it guarantees…
    tallies: Vec<Tally>,
    guaranteed: Vec<Option<u8>>,
    /// …and what it keeps with each choice of its situation, in
    /// `kept[kept_of[t]..kept_of[t + 1]]`: nothing when the search stopped
    /// there.
    kept_of: Vec<usize>,
    kept: Vec<Option<u8>>,
}

impl Table {
    /// The table of every state of `scores`, found by situation when a
    /// session can wait there (it is not stuck). `keeps(state)` lists what
    /// each move of the state guarantees, as `guaranteed[state]` the state.
    pub(super) fn of<K: Iterator<Item = Option<u8>>>(
        scenario: &Scenario,
        reach: &Reach,
        scores: &Scores,
        guaranteed: &[Option<u8>],
        keeps: impl Fn(usize) -> K,
    ) -> Table {
        let mut kept_of = Vec::with_capacity(scores.states.len() + 1);
        kept_of.push(0);
        let mut kept = Vec::with_capacity(scores.edges.len());
        for state in 0..scores.states.len() {
            kept.extend(keeps(state));
            kept_of.push(kept.len());
        }
        let mut table = Table {
            flag_count: scenario.flags.len(),
            meter_count: scenario.meters.len(),
            words: scenario.flags.len().div_ceil(64),
            by_node: vec![0; scenario.nodes.len() + 1],
            flags: Vec::new(),
            meters: Vec::new(),
            choices_of: vec![0],
            choices: Vec::new(),
            states_of: Vec::new(),
            states: Vec::new(),
            tallies: scores.states.iter().map(|s| s.tally).collect(),
            guaranteed: guaranteed.to_vec(),
            kept_of,
            kept,
        };
        let places = table.add_situations(reach, scores);
        table.group_states(scores, &places);
        table.shrink();
        table
    }

    /// Adds, sorted, each situation a state is in that is not stuck, with
    /// the choices it offers; returns the place of each of `reach`'s
    /// situations, `None` for those left out.
    fn add_situations(&mut self, reach: &Reach, scores: &Scores) -> Vec<Option<usize>> {
        let mut place = vec![None; reach.situation_count()];
        let mut used = Vec::new();
        for state in &scores.states {
            let s = state.situation;
            if place[s].is_none() && !reach.situation(s).stuck {
                place[s] = Some(used.len());
                used.push(s);
            }
        }
        let mut packed = Vec::with_capacity(used.len() * self.words);
        for &s in &used {
            packed.extend(flag_words(reach.situation(s).flags));
        }
        let key = |i: usize| {
            let situation = reach.situation(used[i]);
            let flags = &packed[i * self.words..(i + 1) * self.words];
            (situation.node, flags, situation.meters)
        };
        let mut order: Vec<usize> = (0..used.len()).collect();
        order.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)));
        for (at, &i) in order.iter().enumerate() {
            let (node, flags, meters) = key(i);
            place[used[i]] = Some(at);
            self.by_node[node + 1] = at + 1;
            self.flags.extend_from_slice(flags);
            self.meters.extend_from_slice(meters);
            // A move the search found no way into has no edges, in any state.
            let offered = reach.moves_at(used[i]).iter();
            let offered = offered.filter(|m| !m.branches.is_empty());
            self.choices.extend(offered.map(|m| choice_index(m.choice)));
            self.choices_of.push(self.choices.len());
        }
        // Nodes without situations end where the node before them does.
        for n in 1..self.by_node.len() {
            self.by_node[n] = self.by_node[n].max(self.by_node[n - 1]);
        }
        place
    }

    /// Lists the states of each situation of the table, sorted by tally.
    fn group_states(&mut self, scores: &Scores, places: &[Option<usize>]) {
        let place = |state: usize| places[scores.states[state].situation];
        let situations = self.choices_of.len() - 1;
        // A counting sort by situation: `states_of[s + 1]` counts first.
        self.states_of = vec![0; situations + 1];
        for state in 0..scores.states.len() {
            if let Some(at) = place(state) {
                self.states_of[at + 1] += 1;
            }
        }
        for s in 0..situations {
            self.states_of[s + 1] += self.states_of[s];
        }
        let mut fill = self.states_of.clone();
        self.states = vec![0; self.states_of[situations]];
        for state in 0..scores.states.len() {
            if let Some(at) = place(state) {
                self.states[fill[at]] = state;
                fill[at] += 1;
            }
        }
        for s in 0..situations {
            let group = &mut self.states[self.states_of[s]..self.states_of[s + 1]];
            group.sort_unstable_by_key(|&state| self.tallies[state]);
        }
    }

    /// Frees the room the lists grew into: the table is kept for as long
    /// as the scenario.
    fn shrink(&mut self) {
        self.flags.shrink_to_fit();
        self.meters.shrink_to_fit();
        self.choices.shrink_to_fit();
        self.choices_of.shrink_to_fit();
        self.kept.shrink_to_fit();
        self.kept_of.shrink_to_fit();
    }

    /// The standing of the state at `node` with these flags, meters and
    /// tally; `None` if no state of the search is there.
    pub(super) fn standing(
        &self,
        node: usize,
        flags: &[bool],
        meters: &[i32],
        tally: Tally,
    ) -> Option<Standing> {
        if flags.len() != self.flag_count || meters.len() != self.meter_count {
            return None;
        }
        let packed: Vec<u64> = flag_words(flags).collect();
        let situations = *self.by_node.get(node)?..*self.by_node.get(node + 1)?;
        let at = find(situations, |s| {
            let words = &self.flags[s * self.words..(s + 1) * self.words];
            let values = &self.meters[s * self.meter_count..(s + 1) * self.meter_count];
            (words, values).cmp(&(&packed[..], meters))
        })?;
        let states = self.states_of[at]..self.states_of[at + 1];
        let state = self.states[find(states, |t| self.tallies[self.states[t]].cmp(&tally))?];
        let kept = &self.kept[self.kept_of[state]..self.kept_of[state + 1]];
        let choices = &self.choices[self.choices_of[at]..self.choices_of[at + 1]];
        // A state the search stopped at keeps nothing: it offers no moves.
        let keeps = choices.iter().zip(kept);
        Some(Standing {
            guaranteed: self.guaranteed[state],
            keeps: keeps.map(|(&c, &k)| (c as usize, k)).collect(),
        })
    }
}

/// A choice's index, which fits 32 bits: each choice is a struct in memory.
fn choice_index(choice: usize) -> u32 {
    u32::try_from(choice).expect("fewer than 2³² choices at a node")
}

/// The index in `range` where `order` says the wanted item is, if it is.
fn find(range: Range<usize>, order: impl Fn(usize) -> Ordering) -> Option<usize> {
    let (mut low, mut high) = (range.start, range.end);
    while low < high {
        let middle = low + (high - low) / 2;
        match order(middle) {
            Ordering::Less => low = middle + 1,
            Ordering::Greater => high = middle,
            Ordering::Equal => return Some(middle),
        }
    }
    None
}
