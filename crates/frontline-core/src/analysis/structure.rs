//! Findings about the shape of a scenario: flags and meters that do nothing,
//! nodes, endings and choices that can never be reached or offered, places
//! where the conversation gets stuck or can no longer end, and loops.

use std::collections::BTreeSet;

use super::check::{Finding, Loop};
use super::truncate;
use crate::locate::Seg::{self, Field, Index};
use crate::reach::{Hop, Reach, Situation, To};
use crate::scenario::{Condition, Scenario};

pub(super) struct Structure {
    pub findings: Vec<Finding>,
    pub loops: Vec<Loop>,
}

fn node_id(node: usize) -> Vec<Seg<'static>> {
    vec![Field("nodes"), Index(node), Field("id")]
}

/// Flags set but never read or read but never set, and meters no choice moves:
/// found from the file alone.
pub(super) fn flags_and_meters(scenario: &Scenario) -> Vec<Finding> {
    let mut set = vec![false; scenario.flags.len()];
    let mut read = vec![false; scenario.flags.len()];
    let mut changed = vec![false; scenario.meters.len()];
    for persona in &scenario.customer.personas {
        for &f in &persona.flags {
            set[f] = true;
        }
    }
    let mut reads = |conditions: &[Condition]| {
        for c in conditions {
            if let Condition::Flag(f) | Condition::NotFlag(f) = *c {
                read[f] = true;
            }
        }
    };
    for node in &scenario.nodes {
        for choice in &node.choices {
            reads(&choice.when);
            for &f in &choice.set {
                set[f] = true;
            }
            for &(m, delta) in &choice.effects {
                changed[m] |= delta != 0;
            }
        }
        for event in &node.events {
            reads(&event.when);
        }
        for route in &node.routes {
            reads(&route.when);
        }
        for variant in &node.variants {
            reads(&variant.when);
        }
    }
    let mut findings = Vec::new();
    for (f, name) in scenario.flags.iter().enumerate() {
        let message = match (set[f], read[f]) {
            (true, true) => continue,
            (true, false) => format!("flag `{name}` is set but no condition reads it"),
            (false, true) => format!(
                "flag `{name}` is read but nothing sets it: conditions on it always see it unset"
            ),
            (false, false) => format!("flag `{name}` is never set or read"),
        };
        findings.push(Finding::warning(vec![Field("flags"), Index(f)], message));
    }
    for (m, meter) in scenario.meters.iter().enumerate() {
        if !changed[m] {
            let message = format!(
                "no choice changes meter `{}`: it stays at its start value",
                meter.id
            );
            let at = vec![Field("meters"), Index(m), Field("id")];
            findings.push(Finding::warning(at, message));
        }
    }
    findings
}

/// Reachability, dead ends and loops, from a complete exploration.
pub(super) fn of(scenario: &Scenario, reach: &Reach) -> Structure {
    let mut findings = Vec::new();
    let entered = reach.entered_nodes(scenario);
    for (n, node) in scenario.nodes.iter().enumerate() {
        if !entered[n] {
            let message = format!("node `{}` can never be reached", node.id);
            findings.push(Finding::warning(node_id(n), message));
        }
    }
    let reached = reach.reached_endings(scenario);
    for (e, ending) in scenario.endings.iter().enumerate() {
        if !reached[e] {
            let message = format!("ending `{}` can never be reached", ending.id);
            let at = vec![Field("endings"), Index(e), Field("id")];
            findings.push(Finding::warning(at, message));
        }
    }
    findings.extend(never_offered(scenario, reach, &entered));
    let live = reach.live();
    let loops = loops(scenario, reach, &live);
    let mut in_endless_loop = vec![false; scenario.nodes.len()];
    for (l, nodes) in &loops {
        if l.way_out.is_none() {
            for &n in nodes {
                in_endless_loop[n] = true;
            }
        }
    }
    findings.extend(dead_ends(scenario, reach, &live, &in_endless_loop));
    let loops = loops
        .into_iter()
        .map(|(l, nodes)| {
            let names = l.nodes.join("`, `");
            let (finding, at) = (l.way_out.as_ref(), node_id(nodes[0]));
            findings.push(match finding {
                Some(exit) => Finding::warning(
                    at,
                    format!("the trainee can go round `{names}` for ever (a way out: {exit})"),
                ),
                None => Finding::error(
                    at,
                    format!("once in the loop through `{names}`, no ending can be reached"),
                ),
            });
            l
        })
        .collect();
    Structure { findings, loops }
}

/// Choices of reachable nodes that are never offered.
fn never_offered(scenario: &Scenario, reach: &Reach, entered: &[bool]) -> Vec<Finding> {
    let mut offered: Vec<Vec<bool>> = scenario
        .nodes
        .iter()
        .map(|n| vec![false; n.choices.len()])
        .collect();
    let mut waits = vec![false; scenario.nodes.len()];
    for s in 0..reach.situation_count() {
        let node = reach.situation(s).node;
        for m in reach.moves_at(s) {
            waits[node] = true;
            offered[node][m.choice] = true;
        }
    }
    let mut findings = Vec::new();
    for (n, node) in scenario.nodes.iter().enumerate() {
        if !entered[n] {
            continue;
        }
        for (c, choice) in node.choices.iter().enumerate() {
            if offered[n][c] {
                continue;
            }
            let why = if waits[n] {
                "its conditions never hold when the conversation is there"
            } else {
                "the trainee is never asked to choose there"
            };
            let message = format!(
                "choice {} of `{}` (\"{}\") can never be offered: {why}",
                c + 1,
                node.id,
                truncate(&choice.text, 40)
            );
            let at = vec![Field("nodes"), Index(n), Field("choices"), Index(c)];
            findings.push(Finding::warning(at, message));
        }
    }
    findings
}

/// Nodes where the session gets stuck, and nodes from which no ending can be
/// reached (except those of endless loops, reported as loops).
fn dead_ends(
    scenario: &Scenario,
    reach: &Reach,
    live: &[bool],
    in_endless_loop: &[bool],
) -> Vec<Finding> {
    // Per node: (stuck example, trapped count, trap example, situations).
    let mut per_node: Vec<(Option<usize>, usize, Option<usize>, usize)> =
        vec![(None, 0, None, 0); scenario.nodes.len()];
    for (s, &live) in live.iter().enumerate() {
        let situation = reach.situation(s);
        let entry = &mut per_node[situation.node];
        entry.3 += 1;
        if situation.stuck {
            entry.0.get_or_insert(s);
        } else if !live {
            entry.1 += 1;
            entry.2.get_or_insert(s);
        }
    }
    let mut findings = Vec::new();
    for (n, &(stuck, trapped, trap, total)) in per_node.iter().enumerate() {
        let id = &scenario.nodes[n].id;
        if let Some(s) = stuck {
            let situation = reach.situation(s);
            let node = &scenario.nodes[n];
            let looping = !node.routes.is_empty()
                || node
                    .available(situation.flags, situation.meters)
                    .next()
                    .is_some();
            let why = if looping {
                "its routes and random events can go round in a loop".to_string()
            } else {
                format!(
                    "none of its choices can be offered with {}",
                    describe(scenario, situation)
                )
            };
            let message = format!("the conversation can get stuck at `{id}`: {why}");
            findings.push(Finding::error(node_id(n), message));
        }
        if let Some(s) = trap.filter(|_| !in_endless_loop[n]) {
            let when = if trapped == total {
                String::new()
            } else {
                format!(
                    " in {trapped} of the {total} situations it can be reached in, e.g. with {}",
                    describe(scenario, reach.situation(s))
                )
            };
            let message = format!("no ending can be reached from `{id}`{when}");
            findings.push(Finding::error(node_id(n), message));
        }
    }
    findings
}

/// `flags asked, gesture; satisfaction 40, trust 55`.
fn describe(scenario: &Scenario, situation: Situation) -> String {
    let flags: Vec<&str> = scenario
        .flags
        .iter()
        .zip(situation.flags)
        .filter(|&(_, &on)| on)
        .map(|(name, _)| name.as_str())
        .collect();
    let flags = match flags.is_empty() {
        true => "no flag set".to_string(),
        false => format!("flags {}", flags.join(", ")),
    };
    let meters: Vec<String> = scenario
        .meters
        .iter()
        .zip(situation.meters)
        .map(|(m, v)| format!("{} {v}", m.id))
        .collect();
    format!("{flags}; {}", meters.join(", "))
}

/// Loops of situations the trainee can go round for ever, one per set of
/// nodes and way out, each with its nodes' indices in file order.
fn loops(scenario: &Scenario, reach: &Reach, live: &[bool]) -> Vec<(Loop, Vec<usize>)> {
    let component = components(reach);
    let count = component.iter().max().map_or(0, |c| c + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (s, &c) in component.iter().enumerate() {
        members[c].push(s);
    }
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for situations in members {
        let cyclic = situations.len() > 1
            || reach
                .successors(situations[0])
                .any(|(_, b)| b.to == To::Situation(situations[0]));
        if !cyclic {
            continue;
        }
        let nodes: BTreeSet<usize> = situations
            .iter()
            .map(|&s| reach.situation(s).node)
            .collect();
        let nodes: Vec<usize> = nodes.into_iter().collect();
        let way_out = live[situations[0]]
            .then(|| exit(scenario, reach, live, &situations, &component))
            .flatten();
        if seen.insert((nodes.clone(), way_out.is_some())) {
            let names = nodes.iter().map(|&n| scenario.nodes[n].id.clone());
            let l = Loop {
                nodes: names.collect(),
                way_out,
            };
            found.push((l, nodes));
        }
    }
    found
}

/// A step from a loop's situations out of it, towards an ending.
fn exit(
    scenario: &Scenario,
    reach: &Reach,
    live: &[bool],
    situations: &[usize],
    component: &[usize],
) -> Option<String> {
    let inside = component[situations[0]];
    situations.iter().find_map(|&s| {
        let node = &scenario.nodes[reach.situation(s).node];
        reach.successors(s).find_map(|(m, branch)| {
            let leaves = match branch.to {
                To::Ending { .. } => true,
                To::Situation(t) => component[t] != inside && live[t],
            };
            if !leaves {
                return None;
            }
            let event = reach.hops[branch.hops.clone()]
                .iter()
                .find_map(|h| match h {
                    Hop::Event { node, event } => Some((*node, *event)),
                    Hop::Route { .. } => None,
                });
            let choice = format!(
                "choice {} of `{}` (\"{}\")",
                m.choice + 1,
                node.id,
                truncate(&node.choices[m.choice].text, 40)
            );
            Some(match event {
                Some((n, e)) => format!(
                    "{choice} when event {} of `{}` fires",
                    e + 1,
                    scenario.nodes[n].id
                ),
                None => choice,
            })
        })
    })
}

/// The strongly connected component of each situation, by Tarjan's algorithm
/// with an explicit stack so that long conversations can't overflow the call
/// stack.
fn components(reach: &Reach) -> Vec<usize> {
    let count = reach.situation_count();
    let successors = reach.successor_lists();
    let mut t = Tarjan {
        index: vec![None; count],
        low: vec![0; count],
        on_stack: vec![false; count],
        stack: Vec::new(),
        calls: Vec::new(),
        component: vec![0; count],
        next_index: 0,
        next_component: 0,
    };
    for root in 0..count {
        if t.index[root].is_some() {
            continue;
        }
        t.visit(root);
        while let Some(&mut (v, ref mut edge)) = t.calls.last_mut() {
            if let Some(&w) = successors.of(v).get(*edge) {
                *edge += 1;
                match t.index[w] {
                    None => t.visit(w),
                    Some(iw) if t.on_stack[w] => t.low[v] = t.low[v].min(iw),
                    Some(_) => {}
                }
            } else {
                t.finish(v);
            }
        }
    }
    t.component
}

struct Tarjan {
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    /// The depth-first search's own stack: a vertex and its next edge.
    calls: Vec<(usize, usize)>,
    component: Vec<usize>,
    next_index: usize,
    next_component: usize,
}

impl Tarjan {
    fn visit(&mut self, v: usize) {
        self.index[v] = Some(self.next_index);
        self.low[v] = self.next_index;
        self.next_index += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        self.calls.push((v, 0));
    }

    /// All edges of `v` are done: pass its low link up, close its component.
    fn finish(&mut self, v: usize) {
        self.calls.pop();
        if let Some(&(u, _)) = self.calls.last() {
            self.low[u] = self.low[u].min(self.low[v]);
        }
        if Some(self.low[v]) == self.index[v] {
            while let Some(w) = self.stack.pop() {
                self.on_stack[w] = false;
                self.component[w] = self.next_component;
                if w == v {
                    break;
                }
            }
            self.next_component += 1;
        }
    }
}
