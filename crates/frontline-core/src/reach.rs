//! The reachable situations of a scenario: every node where the trainee can be
//! asked to choose, with each combination of flags and meters they can have
//! there, and where each offered choice leads, over every persona and both
//! outcomes of every random event that can go either way.
//!
//! The exact score search ([`crate::bounds`]) and `frontline check` are built
//! on this graph. Entering a node goes through [`Scenario::enter`], the same
//! code the runtime uses, with a [`Passage`] that tries both outcomes of each
//! uncertain event instead of rolling dice.

use std::collections::HashMap;
use std::hash::Hasher;
use std::ops::Range;

use crate::hash::{FxBuild, FxHasher};

use crate::scenario::{Arrival, Passage, Scenario, Target};
use crate::scoring::customer_score;

/// Situations and branches explored before the search gives up on being
/// complete, so that no scenario can make it run for ever.
pub const MAX_WORK: usize = 2_000_000;

/// A node with the flags and meters the trainee can be there with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Situation<'a> {
    pub node: usize,
    /// No choice can be offered here, or the routes and events went round in
    /// a loop: the session is stuck.
    pub stuck: bool,
    pub flags: &'a [bool],
    pub meters: &'a [i32],
}

impl Situation<'_> {
    fn hash(&self) -> u64 {
        let mut hasher = FxHasher::default();
        hasher.add((self.node as u64) << 1 | u64::from(self.stuck));
        for word in self.flags.chunks(64) {
            let bits = word
                .iter()
                .rev()
                .fold(0, |bits, &f| bits << 1 | u64::from(f));
            hasher.add(bits);
        }
        for &m in self.meters {
            hasher.add(m as u64);
        }
        hasher.finish()
    }
}

/// One step taken without the trainee on the way into a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hop {
    Route {
        node: usize,
        route: usize,
    },
    /// A random event that fired.
    Event {
        node: usize,
        event: usize,
    },
}

/// Where a branch leads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum To {
    /// A situation: the trainee chooses there, or is stuck.
    Situation(usize),
    /// An ending, with the customer part of the score there.
    Ending { ending: usize, customer: f64 },
}

/// One way that entering a node can turn out.
#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    /// Indices into [`Reach::hops`]: the routes taken and events fired.
    pub hops: Range<usize>,
    pub to: To,
}

/// A choice offered in a situation.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    pub choice: usize,
    /// Indices into [`Reach::branches`].
    pub branches: Range<usize>,
}

/// How a session can begin: one per persona, or one when there are none.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    pub persona: Option<usize>,
    /// Indices into [`Reach::branches`].
    pub branches: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Reach {
    /// Node and stuckness of each situation; their flags and meters are kept
    /// flat in `flag_store` and `meter_store`.
    places: Vec<(usize, bool)>,
    flag_store: Vec<bool>,
    meter_store: Vec<i32>,
    flag_count: usize,
    meter_count: usize,
    pub starts: Vec<Start>,
    /// For each explored situation, its moves (indices into `moves`).
    pub moves_of: Vec<Range<usize>>,
    pub moves: Vec<Move>,
    pub branches: Vec<Branch>,
    pub hops: Vec<Hop>,
    /// False when the search stopped at [`MAX_WORK`]: what was found is
    /// reachable, but more may be.
    pub complete: bool,
    /// The first situation found with each hash of (node, stuck, flags, meters)…
    first: HashMap<u64, usize, FxBuild>,
    /// …and for each situation, the next one found with the same hash.
    same_hash: Vec<Option<usize>>,
}

impl Reach {
    pub fn of(scenario: &Scenario) -> Reach {
        let mut search = Search {
            scenario,
            reach: Reach {
                flag_count: scenario.flags.len(),
                meter_count: scenario.meters.len(),
                complete: true,
                ..Reach::default()
            },
            pending: Vec::new(),
            hops: Vec::new(),
        };
        let personas = scenario.customer.personas.len();
        let personas: Vec<Option<usize>> = match personas {
            0 => vec![None],
            n => (0..n).map(Some).collect(),
        };
        for persona in personas {
            let (flags, meters) = scenario.initial_state(persona);
            let branches = search.enter(Target::Node(scenario.start), &flags, &meters);
            search.reach.starts.push(Start { persona, branches });
        }
        search.explore();
        search.reach
    }

    /// The index of a situation that was reached, if it was.
    pub fn find(&self, wanted: Situation<'_>) -> Option<usize> {
        self.find_hashed(wanted.hash(), wanted)
    }

    fn find_hashed(&self, hash: u64, wanted: Situation<'_>) -> Option<usize> {
        let mut candidate = self.first.get(&hash).copied();
        while let Some(known) = candidate {
            if self.situation(known) == wanted {
                return Some(known);
            }
            candidate = self.same_hash[known];
        }
        None
    }

    pub fn situation_count(&self) -> usize {
        self.places.len()
    }

    pub fn situation(&self, index: usize) -> Situation<'_> {
        let (node, stuck) = self.places[index];
        let flags = index * self.flag_count..(index + 1) * self.flag_count;
        let meters = index * self.meter_count..(index + 1) * self.meter_count;
        Situation {
            node,
            stuck,
            flags: &self.flag_store[flags],
            meters: &self.meter_store[meters],
        }
    }

    /// The moves of a situation; none when it is stuck or was not explored.
    pub fn moves_at(&self, situation: usize) -> &[Move] {
        self.moves_of
            .get(situation)
            .map_or(&[], |range| &self.moves[range.clone()])
    }

    /// Every situation a situation's moves lead to, with the move and branch.
    pub fn successors(&self, situation: usize) -> impl Iterator<Item = (&Move, &Branch)> {
        self.moves_at(situation).iter().flat_map(move |m| {
            self.branches[m.branches.clone()]
                .iter()
                .map(move |branch| (m, branch))
        })
    }

    /// Whether the trainee can be asked to choose at, or pass through, each node.
    pub fn entered_nodes(&self, scenario: &Scenario) -> Vec<bool> {
        let mut entered = vec![false; scenario.nodes.len()];
        for &(node, _) in &self.places {
            entered[node] = true;
        }
        for hop in &self.hops {
            let (Hop::Route { node, .. } | Hop::Event { node, .. }) = *hop;
            entered[node] = true;
        }
        entered
    }

    /// Whether each ending can be reached.
    pub fn reached_endings(&self, scenario: &Scenario) -> Vec<bool> {
        let mut reached = vec![false; scenario.endings.len()];
        for branch in &self.branches {
            if let To::Ending { ending, .. } = branch.to {
                reached[ending] = true;
            }
        }
        reached
    }

    /// For each situation, whether some ending can be reached from it.
    pub fn live(&self) -> Vec<bool> {
        let before = self.successor_lists().reversed();
        let count = self.situation_count();
        let mut live = vec![false; count];
        let mut stack: Vec<usize> = (0..count)
            .filter(|&s| {
                let ends = |(_, b): (&Move, &Branch)| matches!(b.to, To::Ending { .. });
                self.successors(s).any(ends)
            })
            .collect();
        for &s in &stack {
            live[s] = true;
        }
        while let Some(situation) = stack.pop() {
            for &earlier in before.of(situation) {
                if !live[earlier] {
                    live[earlier] = true;
                    stack.push(earlier);
                }
            }
        }
        live
    }

    /// The most situations one conversation can pass through, when no
    /// situation can come round again; `None` when one can.
    pub fn longest_chain(&self) -> Option<usize> {
        let next = self.successor_lists();
        let count = self.situation_count();
        let mut waiting = vec![0usize; count];
        for s in 0..count {
            for &t in next.of(s) {
                waiting[t] += 1;
            }
        }
        // Kahn's order: a situation is taken once all that lead to it are.
        let mut ready: Vec<usize> = (0..count).filter(|&s| waiting[s] == 0).collect();
        let mut depth = vec![1usize; count];
        let mut taken = 0;
        while let Some(s) = ready.pop() {
            taken += 1;
            for &t in next.of(s) {
                depth[t] = depth[t].max(depth[s] + 1);
                waiting[t] -= 1;
                if waiting[t] == 0 {
                    ready.push(t);
                }
            }
        }
        (taken == count).then(|| depth.into_iter().max().unwrap_or(0))
    }

    /// For each situation, the situations its moves lead to.
    pub fn successor_lists(&self) -> Adjacency {
        let mut start = Vec::with_capacity(self.situation_count() + 1);
        let mut to = Vec::new();
        for s in 0..self.situation_count() {
            start.push(to.len());
            to.extend(self.successors(s).filter_map(|(_, b)| match b.to {
                To::Situation(t) => Some(t),
                To::Ending { .. } => None,
            }));
        }
        start.push(to.len());
        Adjacency { start, to }
    }
}

/// Lists of neighbours of a graph's vertices, all in one allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjacency {
    /// Vertex `v`'s neighbours are `to[start[v]..start[v + 1]]`.
    start: Vec<usize>,
    to: Vec<usize>,
}

impl Adjacency {
    pub fn of(&self, vertex: usize) -> &[usize] {
        &self.to[self.start[vertex]..self.start[vertex + 1]]
    }

    /// The same graph with every edge turned round.
    pub fn reversed(&self) -> Adjacency {
        let vertices = self.start.len() - 1;
        let mut start = vec![0; vertices + 1];
        for &t in &self.to {
            start[t + 1] += 1;
        }
        for v in 0..vertices {
            start[v + 1] += start[v];
        }
        let mut fill = start.clone();
        let mut to = vec![0; self.to.len()];
        for v in 0..vertices {
            for &t in self.of(v) {
                to[fill[t]] = v;
                fill[t] += 1;
            }
        }
        Adjacency { start, to }
    }
}

struct Search<'a> {
    scenario: &'a Scenario,
    reach: Reach,
    /// Decisions still to try when entering a node, reused between entries.
    pending: Vec<Vec<bool>>,
    hops: Vec<Hop>,
}

impl Search<'_> {
    fn explore(&mut self) {
        let scenario = self.scenario;
        let (mut from_flags, mut from_meters) = (Vec::new(), Vec::new());
        let (mut flags, mut meters) = (Vec::new(), Vec::new());
        let mut offered = Vec::new();
        let mut next = 0;
        while next < self.reach.situation_count() && self.reach.complete {
            let situation = self.reach.situation(next);
            let first = self.reach.moves.len();
            if !situation.stuck {
                let node = &scenario.nodes[situation.node];
                offered.clear();
                offered.extend(node.available(situation.flags, situation.meters));
                from_flags.clear();
                from_flags.extend_from_slice(situation.flags);
                from_meters.clear();
                from_meters.extend_from_slice(situation.meters);
                for &choice in &offered {
                    flags.clone_from(&from_flags);
                    meters.clone_from(&from_meters);
                    scenario.apply(&node.choices[choice], &mut flags, &mut meters);
                    let branches = self.enter(node.choices[choice].next, &flags, &meters);
                    self.reach.moves.push(Move { choice, branches });
                }
            }
            self.reach.moves_of.push(first..self.reach.moves.len());
            next += 1;
        }
    }

    /// Every way of entering `target` with these flags and meters.
    fn enter(&mut self, target: Target, flags: &[bool], meters: &[i32]) -> Range<usize> {
        let first = self.reach.branches.len();
        self.pending.push(Vec::new());
        while let Some(decisions) = self.pending.pop() {
            if self.reach.situation_count() + self.reach.branches.len() >= MAX_WORK {
                self.reach.complete = false;
                self.pending.clear();
                break;
            }
            self.hops.clear();
            let mut tape = Tape {
                decisions,
                next: 0,
                pending: &mut self.pending,
                hops: &mut self.hops,
            };
            let arrival = self.scenario.enter(target, flags, meters, &mut tape);
            let start = self.reach.hops.len();
            self.reach.hops.extend_from_slice(&self.hops);
            let to = match arrival {
                Arrival::Ending(ending) => {
                    let customer = customer_score(self.scenario, meters);
                    To::Ending { ending, customer }
                }
                Arrival::Node(node) => To::Situation(self.intern(node, false, flags, meters)),
                Arrival::Stuck(node) => To::Situation(self.intern(node, true, flags, meters)),
            };
            self.reach.branches.push(Branch {
                hops: start..self.reach.hops.len(),
                to,
            });
        }
        first..self.reach.branches.len()
    }

    /// The index of the situation, added if it is new.
    fn intern(&mut self, node: usize, stuck: bool, flags: &[bool], meters: &[i32]) -> usize {
        let wanted = Situation {
            node,
            stuck,
            flags,
            meters,
        };
        let hash = wanted.hash();
        if let Some(known) = self.reach.find_hashed(hash, wanted) {
            return known;
        }
        let reach = &mut self.reach;
        let id = reach.situation_count();
        reach.places.push((node, stuck));
        reach.flag_store.extend_from_slice(flags);
        reach.meter_store.extend_from_slice(meters);
        reach.same_hash.push(reach.first.insert(hash, id));
        id
    }
}

/// Replays one sequence of decisions for the uncertain events, and queues the
/// other outcome of each decision it makes for the first time.
struct Tape<'a> {
    decisions: Vec<bool>,
    next: usize,
    pending: &'a mut Vec<Vec<bool>>,
    hops: &'a mut Vec<Hop>,
}

impl Passage for Tape<'_> {
    fn fires(&mut self, node: usize, event: usize, chance: f64) -> bool {
        // The runtime fires an event when a draw in 0..1 falls below its chance.
        let fires = if chance <= 0.0 {
            false
        } else if chance >= 1.0 {
            true
        } else {
            if self.next == self.decisions.len() {
                let mut fired = self.decisions.clone();
                fired.push(true);
                self.pending.push(fired);
                self.decisions.push(false);
            }
            self.next += 1;
            self.decisions[self.next - 1]
        };
        if fires {
            self.hops.push(Hop::Event { node, event });
        }
        fires
    }

    fn routed(&mut self, node: usize, route: usize) {
        self.hops.push(Hop::Route { node, route });
    }
}
