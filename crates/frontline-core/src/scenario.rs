//! A validated scenario: every reference resolved to an index, so the runtime
//! and the analyses never look a name up or meet a dangling id.
//!
//! Nodes, choices, meters, flags and endings keep the order of the file, so an
//! index here is also a path into the source for diagnostics.

use serde::Serialize;

pub use crate::format::{Better, ChoiceOrder, Difficulty, Outcome, Speaker};
use crate::practice::Practice;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub difficulty: Option<Difficulty>,
    pub briefing: String,
    pub customer: Customer,
    /// At least one; the first is the customer's mood.
    pub meters: Vec<Meter>,
    pub flags: Vec<String>,
    pub start: usize,
    pub nodes: Vec<Node>,
    pub endings: Vec<Ending>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Customer {
    pub name: String,
    pub persona: String,
    pub expectation: String,
    pub source: String,
    pub personas: Vec<Persona>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Persona {
    pub id: String,
    pub name: Option<String>,
    pub description: String,
    pub flags: Vec<usize>,
    pub meters: Vec<(usize, i32)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meter {
    pub id: String,
    pub label: String,
    pub start: i32,
    pub min: i32,
    pub max: i32,
    pub better: Better,
    pub weight: f32,
}

impl Meter {
    /// `value`, computed wide so that a meter plus any offset never wraps,
    /// brought back into the meter's range.
    pub fn clamp(&self, value: i64) -> i32 {
        value.clamp(self.min.into(), self.max.into()) as i32
    }

    /// `value + delta` kept in the meter's range.
    pub fn add(&self, value: i32, delta: i32) -> i32 {
        self.clamp(i64::from(value) + i64::from(delta))
    }

    /// The value on a 0..=1 scale where 1 is best for the customer, for
    /// scoring. A range can span all of `i32`, so the differences are taken
    /// in `i64`.
    pub fn share(&self, value: i32) -> f64 {
        let (value, min, max) = (i64::from(value), i64::from(self.min), i64::from(self.max));
        let share = (value - min) as f64 / (max - min) as f64;
        match self.better {
            Better::Higher => share,
            Better::Lower => 1.0 - share,
        }
    }

    /// [`Meter::share`] for drawing a bar.
    pub fn normalized(&self, value: i32) -> f32 {
        self.share(value) as f32
    }

    /// How much of a bar from `min` to `max` the value fills, whichever end
    /// is better: a gap's bar grows with the gap.
    pub fn fill(&self, value: i32) -> f32 {
        let raw = match self.better {
            Better::Higher => self.share(value),
            Better::Lower => 1.0 - self.share(value),
        };
        raw.clamp(0.0, 1.0) as f32
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub id: String,
    pub speaker: Speaker,
    /// Said when no variant's conditions hold: at least one.
    pub lines: Vec<String>,
    pub variants: Vec<Variant>,
    pub choices: Vec<Choice>,
    pub events: Vec<Event>,
    pub routes: Vec<Route>,
    pub order: ChoiceOrder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Target {
    Node(usize),
    Ending(usize),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub text: String,
    /// (meter index, delta)
    pub effects: Vec<(usize, i32)>,
    pub tags: Vec<Practice>,
    pub feedback: String,
    pub next: Target,
    pub when: Vec<Condition>,
    /// Flag indices.
    pub set: Vec<usize>,
    /// Flag indices, cleared after `set` is applied.
    pub unset: Vec<usize>,
    /// Whether the choice counts in the practice part; an unscored choice
    /// has no tags.
    pub scored: bool,
    /// Other phrasings of the text, for matching typed replies.
    pub examples: Vec<String>,
}

/// A line said instead of its node's `lines` when its conditions hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    pub line: String,
    pub when: Vec<Condition>,
    /// Persona indices the session's persona must be, all of them.
    pub personas: Vec<usize>,
}

impl Variant {
    pub fn holds(&self, flags: &[bool], meters: &[i32], persona: Option<usize>) -> bool {
        self.personas.iter().all(|&p| persona == Some(p))
            && Condition::all_hold(&self.when, flags, meters)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub chance: f64,
    pub next: Target,
    pub when: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route {
    pub when: Vec<Condition>,
    pub next: Target,
}

/// A condition with its flag or meter resolved to an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Condition {
    Flag(usize),
    NotFlag(usize),
    AtLeast(usize, i32),
    Below(usize, i32),
}

impl Condition {
    pub fn holds(self, flags: &[bool], meters: &[i32]) -> bool {
        match self {
            Condition::Flag(f) => flags[f],
            Condition::NotFlag(f) => !flags[f],
            Condition::AtLeast(m, v) => meters[m] >= v,
            Condition::Below(m, v) => meters[m] < v,
        }
    }

    pub fn all_hold(conditions: &[Condition], flags: &[bool], meters: &[i32]) -> bool {
        conditions.iter().all(|c| c.holds(flags, meters))
    }
}

/// Where entering a node leads once its routes and random events are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arrival {
    /// At a node with at least one choice on offer.
    Node(usize),
    Ending(usize),
    /// At a node none of whose choices can be offered, or caught in a loop of
    /// routes and events.
    Stuck(usize),
}

/// What [`Scenario::enter`] asks and tells on its way through a node: the
/// runtime rolls the dice for each event, the analyses try both outcomes.
pub trait Passage {
    /// Whether event `event` of node `node`, whose conditions hold, fires.
    fn fires(&mut self, node: usize, event: usize, chance: f64) -> bool;

    /// Route `route` of node `node` was taken.
    fn routed(&mut self, _node: usize, _route: usize) {}
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ending {
    pub id: String,
    pub title: String,
    pub text: String,
    pub outcome: Outcome,
}

impl Node {
    /// Line `index` of the node: one of `lines`, or past them, one of the
    /// variants.
    pub fn line(&self, index: usize) -> &str {
        match index.checked_sub(self.lines.len()) {
            Some(variant) => &self.variants[variant].line,
            None => &self.lines[index],
        }
    }

    /// The lines, as indices for [`Node::line`], one of which is said with
    /// these flags, meters and persona: the variants whose conditions hold,
    /// or else the plain lines.
    pub fn sayable(&self, flags: &[bool], meters: &[i32], persona: Option<usize>) -> Vec<usize> {
        let plain = self.lines.len();
        let holding: Vec<usize> = (0..self.variants.len())
            .filter(|&v| self.variants[v].holds(flags, meters, persona))
            .map(|v| plain + v)
            .collect();
        match holding.is_empty() {
            true => (0..plain).collect(),
            false => holding,
        }
    }

    /// For a junction node, where its first holding route leads.
    pub fn route(&self, flags: &[bool], meters: &[i32]) -> Option<Target> {
        self.route_taken(flags, meters).map(|(_, next)| next)
    }

    /// For a junction node, the index of its first holding route and where it leads.
    pub fn route_taken(&self, flags: &[bool], meters: &[i32]) -> Option<(usize, Target)> {
        self.routes
            .iter()
            .enumerate()
            .find(|(_, r)| Condition::all_hold(&r.when, flags, meters))
            .map(|(i, r)| (i, r.next))
    }

    /// Indices of the choices whose conditions hold, in written order.
    pub fn available<'a>(
        &'a self,
        flags: &'a [bool],
        meters: &'a [i32],
    ) -> impl Iterator<Item = usize> + 'a {
        (0..self.choices.len())
            .filter(move |&i| Condition::all_hold(&self.choices[i].when, flags, meters))
    }
}

impl Scenario {
    /// Flags and meters at the start, for the given persona.
    pub fn initial_state(&self, persona: Option<usize>) -> (Vec<bool>, Vec<i32>) {
        let mut flags = vec![false; self.flags.len()];
        let mut meters = self.start_meters();
        if let Some(p) = persona {
            let persona = &self.customer.personas[p];
            for &f in &persona.flags {
                flags[f] = true;
            }
            for &(m, delta) in &persona.meters {
                meters[m] = self.meters[m].add(meters[m], delta);
            }
        }
        (flags, meters)
    }

    /// Applies a choice's effects and flags: `set`, then `unset`.
    pub fn apply(&self, choice: &Choice, flags: &mut [bool], meters: &mut [i32]) {
        self.apply_effects(choice, meters);
        for &f in &choice.set {
            flags[f] = true;
        }
        for &f in &choice.unset {
            flags[f] = false;
        }
    }

    /// Applies a choice's effects on the meters only.
    pub fn apply_effects(&self, choice: &Choice, meters: &mut [i32]) {
        for &(m, delta) in &choice.effects {
            meters[m] = self.meters[m].add(meters[m], delta);
        }
    }

    /// Follows routes and random events from `target` to where the trainee is
    /// asked to choose, to an ending, or to a dead end. Flags and meters don't
    /// change on the way, so this is all that entering a node does; `passage`
    /// decides each event and hears each route taken, in the order the runtime
    /// rolls them.
    pub fn enter(
        &self,
        mut target: Target,
        flags: &[bool],
        meters: &[i32],
        passage: &mut impl Passage,
    ) -> Arrival {
        // Each hop is a route or an event; more hops than nodes means a loop.
        let mut hops = 0;
        loop {
            let index = match target {
                Target::Ending(ending) => return Arrival::Ending(ending),
                Target::Node(n) if hops > self.nodes.len() => return Arrival::Stuck(n),
                Target::Node(n) => n,
            };
            hops += 1;
            let node = &self.nodes[index];
            if let Some((route, next)) = node.route_taken(flags, meters) {
                passage.routed(index, route);
                target = next;
                continue;
            }
            let fired = node.events.iter().enumerate().find(|&(i, event)| {
                Condition::all_hold(&event.when, flags, meters)
                    && passage.fires(index, i, event.chance)
            });
            if let Some((_, event)) = fired {
                target = event.next;
                continue;
            }
            return match node.available(flags, meters).next() {
                Some(_) => Arrival::Node(index),
                None => Arrival::Stuck(index),
            };
        }
    }

    /// The id of the node or ending a target names.
    pub fn target_id(&self, target: Target) -> &str {
        match target {
            Target::Node(n) => &self.nodes[n].id,
            Target::Ending(e) => &self.endings[e].id,
        }
    }

    pub fn node(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    pub fn ending(&self, id: &str) -> Option<usize> {
        self.endings.iter().position(|e| e.id == id)
    }

    /// Start values of the meters, before any persona adjustment.
    pub fn start_meters(&self) -> Vec<i32> {
        self.meters.iter().map(|m| m.start).collect()
    }
}
