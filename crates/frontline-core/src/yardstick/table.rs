//! The standings of a yardstick, kept once the searches they come from are
//! dropped: the searches hold every branch, hop and edge, tens of megabytes
//! for a large scenario, while play only asks what each state guarantees.
//!
//! For each situation a state was found in (node, then flags packed to bits
//! and meters as one key), the choices it offers; for each tally reached
//! there, what good replies guarantee and what each of those choices keeps.
//! Situations are sorted by node and the hash of their key, which sorts fast;
//! lookups then compare whole keys, so no state is ever taken for another.

use std::hash::Hasher;

use crate::bounds::Scores;
use crate::hash::FxHasher;
use crate::reach::Reach;
use crate::scenario::Scenario;
use crate::scoring::Tally;

use super::Standing;

/// What the maximin gives each state of the search, in the search's order.
#[derive(Debug, Clone)]
pub(super) struct Guarantees {
    /// What good replies guarantee from the state.
    pub guaranteed: Vec<Option<u8>>,
    /// What state `t`'s moves keep, in the order of its situation's moves:
    /// `kept[kept_of[t]..kept_of[t + 1]]`, nothing when the search stopped
    /// there.
    pub kept_of: Vec<usize>,
    pub kept: Vec<Option<u8>>,
}

#[derive(Debug, Clone)]
pub(super) struct Table {
    flag_count: usize,
    meter_count: usize,
    /// Words of a situation's key: its flags 32 to a word, then its meters.
    width: usize,
    /// The situations at node `n` are `by_node[n]..by_node[n + 1]`, sorted
    /// by the hash of their key.
    by_node: Vec<usize>,
    hashes: Vec<u64>,
    keys: Vec<u32>,
    /// Situation `s` offers `choices[choices_of[s]..choices_of[s + 1]]`.
    choices_of: Vec<usize>,
    choices: Vec<u32>,
    /// Situation `s`'s states are `states[states_of[s]..states_of[s + 1]]`,
    /// sorted by tally.
    states_of: Vec<usize>,
    states: Vec<usize>,
    /// Each state's tally, in the search's order.
    tallies: Vec<Tally>,
    guarantees: Guarantees,
}

impl Table {
    /// The table of every state of `scores`, found by situation when a
    /// session can wait there (it is not stuck).
    pub(super) fn of(
        scenario: &Scenario,
        reach: &Reach,
        scores: &Scores,
        mut guarantees: Guarantees,
    ) -> Table {
        guarantees.kept.shrink_to_fit();
        let flag_count = scenario.flags.len();
        let mut table = Table {
            flag_count,
            meter_count: scenario.meters.len(),
            width: flag_count.div_ceil(32) + scenario.meters.len(),
            by_node: vec![0; scenario.nodes.len() + 1],
            hashes: Vec::new(),
            keys: Vec::new(),
            choices_of: vec![0],
            choices: Vec::new(),
            states_of: Vec::new(),
            states: Vec::new(),
            tallies: scores.states.iter().map(|s| s.tally).collect(),
            guarantees,
        };
        let places = table.add_situations(reach, scores);
        table.group_states(scores, &places);
        table.choices.shrink_to_fit();
        table.choices_of.shrink_to_fit();
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
        let mut keys = Vec::with_capacity(used.len() * self.width);
        for &s in &used {
            let situation = reach.situation(s);
            push_key(situation.flags, situation.meters, &mut keys);
        }
        let width = self.width;
        let key = |i: usize| &keys[i * width..(i + 1) * width];
        let hashes: Vec<u64> = (0..used.len()).map(|i| hash(key(i))).collect();
        let nodes: Vec<usize> = used.iter().map(|&s| reach.situation(s).node).collect();
        let mut order: Vec<usize> = (0..used.len()).collect();
        order.sort_unstable_by_key(|&i| (nodes[i], hashes[i]));
        self.hashes.reserve_exact(used.len());
        self.keys.reserve_exact(keys.len());
        for (at, &i) in order.iter().enumerate() {
            place[used[i]] = Some(at);
            self.by_node[nodes[i] + 1] = at + 1;
            self.hashes.push(hashes[i]);
            self.keys
                .extend_from_slice(&keys[i * width..(i + 1) * width]);
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
        let mut wanted = Vec::with_capacity(self.width);
        push_key(flags, meters, &mut wanted);
        let (first, end) = (*self.by_node.get(node)?, *self.by_node.get(node + 1)?);
        let wanted_hash = hash(&wanted);
        let same_hash = first + self.hashes[first..end].partition_point(|&h| h < wanted_hash);
        let width = self.width;
        let mut candidates = (same_hash..end).take_while(|&s| self.hashes[s] == wanted_hash);
        let at = candidates.find(|&s| self.keys[s * width..(s + 1) * width] == wanted[..])?;
        let states = &self.states[self.states_of[at]..self.states_of[at + 1]];
        let state = states[states
            .binary_search_by_key(&tally, |&t| self.tallies[t])
            .ok()?];
        let Guarantees {
            guaranteed,
            kept_of,
            kept,
        } = &self.guarantees;
        let kept = &kept[kept_of[state]..kept_of[state + 1]];
        let choices = &self.choices[self.choices_of[at]..self.choices_of[at + 1]];
        // A state the search stopped at keeps nothing: it offers no moves.
        let keeps = choices.iter().zip(kept);
        Some(Standing {
            guaranteed: guaranteed[state],
            keeps: keeps.map(|(&c, &k)| (c as usize, k)).collect(),
        })
    }
}

/// A situation's key: its flags 32 to a word, the first in the lowest bit,
/// then its meters bit for bit.
fn push_key(flags: &[bool], meters: &[i32], key: &mut Vec<u32>) {
    for word in flags.chunks(32) {
        key.push(
            word.iter()
                .rev()
                .fold(0, |bits, &f| bits << 1 | u32::from(f)),
        );
    }
    key.extend(meters.iter().map(|&m| m as u32));
}

/// The hash a situation's key is sorted by.
fn hash(key: &[u32]) -> u64 {
    let mut hasher = FxHasher::default();
    for &word in key {
        hasher.add(u64::from(word));
    }
    hasher.finish()
}

/// A choice's index, which fits 32 bits: each choice is a struct in memory.
fn choice_index(choice: usize) -> u32 {
    u32::try_from(choice).expect("fewer than 2³² choices at a node")
}
