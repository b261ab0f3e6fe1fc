//! Findings about what the score rewards, from the exact search: a top grade
//! reached with an anti-pattern, a practice tag that never pays, endings whose
//! outcome contradicts their scores, and random events that can turn the best
//! play into a Detractor.

use std::collections::{BTreeMap, BTreeSet};

use super::check::{Finding, Walk};
use super::gain;
use crate::bounds::{Ahead, Finish, Next, Origin, PathStep, Scores, Via};
use crate::locate::Seg::{Field, Index};
use crate::practice::Practice;
use crate::reach::{Hop, Reach};
use crate::scenario::{Outcome, Scenario};
use crate::scoring::Grade;

pub(super) fn of(scenario: &Scenario, reach: &Reach, scores: &Scores) -> Vec<Finding> {
    let ahead = scores.ahead();
    let mut findings = Vec::new();
    findings.extend(anti_pattern_at_the_top(scenario, reach, scores));
    findings.extend(idle_tags(scenario, reach, scores, &ahead));
    findings.extend(contradicting_outcomes(scenario, reach, scores));
    findings.extend(unlucky_best_play(scenario, reach, scores, &ahead));
    findings
}

/// The best path that reaches grade A while taking an anti-pattern.
fn anti_pattern_at_the_top(scenario: &Scenario, reach: &Reach, scores: &Scores) -> Option<Finding> {
    let finish = scores.best_with_anti_pattern?;
    if Grade::from_score(finish.score) != Grade::A {
        return None;
    }
    let path = scores.path(reach, &finish);
    let (node, choice) = path.steps.iter().find_map(|step| match *step {
        PathStep::Choice { node, choice }
            if scenario.nodes[node].choices[choice]
                .tags
                .iter()
                .any(|t| t.is_anti_pattern()) =>
        {
            Some((node, choice))
        }
        _ => None,
    })?;
    let message = format!(
        "a trainee can reach grade A ({}, ending `{}`) despite taking this anti-pattern: {}",
        finish.score,
        scenario.endings[finish.ending].id,
        Walk::of(scenario, &path).brief()
    );
    let at = vec![
        Field("nodes"),
        Index(node),
        Field("choices"),
        Index(choice),
        Field("tags"),
    ];
    Some(Finding::warning(at, message))
}

/// Good practice tags whose choices, wherever they are offered, lose more in
/// the customer part than they gain in the practice part, even in the
/// shortest conversation they can be part of.
fn idle_tags(scenario: &Scenario, reach: &Reach, scores: &Scores, ahead: &[Ahead]) -> Vec<Finding> {
    // For each good tag offered: its best gain, and the node and choice of it.
    let mut best: BTreeMap<Practice, (f32, usize, usize)> = BTreeMap::new();
    let mut scratch = Vec::new();
    for (s, state) in scores.states.iter().enumerate() {
        let situation = reach.situation(state.situation);
        let node = &scenario.nodes[situation.node];
        for group in scores.edges_at(s).chunk_by(|a, b| a.0 == b.0) {
            let m = &reach.moves[group[0].0];
            let choice = &node.choices[m.choice];
            let after = group
                .iter()
                .fold(Ahead::default(), |a, e| a.or(scores.after(ahead, e.2)));
            let Some(left) = after.choices else {
                continue;
            };
            let length = usize::from(state.tally.turns) + usize::from(left);
            let g = gain(scenario, situation.meters, choice, length, &mut scratch);
            for &tag in choice.tags.iter().filter(|t| !t.is_anti_pattern()) {
                let entry = best.entry(tag).or_insert((g, situation.node, m.choice));
                if g > entry.0 {
                    *entry = (g, situation.node, m.choice);
                }
            }
        }
    }
    best.into_iter()
        .filter(|&(_, (g, _, _))| g <= 0.0)
        .map(|(tag, (g, n, c))| {
            let node = &scenario.nodes[n];
            let k = node.choices[c].tags.iter().position(|&t| t == tag);
            let message = format!(
                "practice tag `{tag:?}` never raises the score: every choice with it costs \
                 the customer part more than its practice gains (at best {g:+.1} points, \
                 choice {} of `{}`)",
                c + 1,
                node.id
            );
            let at = vec![
                Field("nodes"),
                Index(n),
                Field("choices"),
                Index(c),
                Field("tags"),
                Index(k.unwrap_or(0)),
            ];
            Finding::warning(at, message)
        })
        .collect()
}

/// Promoter endings reachable with a D or an F, Passive endings reachable
/// with an A, Detractor endings reachable with a B or an A.
fn contradicting_outcomes(scenario: &Scenario, reach: &Reach, scores: &Scores) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (e, range) in scores.endings.iter().enumerate() {
        let Some(range) = range else { continue };
        let ending = &scenario.endings[e];
        let finish = match ending.outcome {
            Outcome::Promoter if Grade::from_score(range.lowest.score) <= Grade::D => range.lowest,
            Outcome::Detractor if Grade::from_score(range.highest.score) >= Grade::B => {
                range.highest
            }
            Outcome::Passive if Grade::from_score(range.highest.score) == Grade::A => range.highest,
            _ => continue,
        };
        let grade = Grade::from_score(finish.score);
        let fix = match ending.outcome {
            Outcome::Promoter => "ask more of the routes that lead here",
            _ => "ask more of the routes that lead here, or make the ending a better outcome",
        };
        let message = format!(
            "ending `{}` is a {:?} ending but can be reached with grade {grade:?} ({}): {}; {fix}",
            ending.id,
            ending.outcome,
            finish.score,
            Walk::of(scenario, &scores.path(reach, &finish)).brief()
        );
        let at = vec![Field("endings"), Index(e), Field("outcome")];
        findings.push(Finding::warning(at, message));
    }
    findings
}

/// An unlucky branch taken on the best play, and the best branch beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Luck {
    branch: usize,
    lucky: usize,
}

struct BestPlay<'a, V> {
    scenario: &'a Scenario,
    /// The best final score reachable after an edge.
    value: V,
    /// For each state on the best play: the first bad luck on the way there,
    /// and the step in.
    visited: Vec<Option<(Option<Luck>, Via)>>,
    queue: Vec<usize>,
    detractors: Vec<(Finish, Option<Luck>)>,
}

impl<V: Fn(Next) -> Option<u8>> BestPlay<'_, V> {
    /// Takes every branch of a best move (or of a start), noting bad luck.
    fn follow(&mut self, edges: &[(usize, Next)], from: Origin, luck: Option<Luck>) {
        let value = &self.value;
        let Some(best) = edges.iter().map(|&(_, next)| value(next)).max().flatten() else {
            return;
        };
        let lucky = edges.iter().find(|e| value(e.1) == Some(best)).map(|e| e.0);
        for &(branch, next) in edges {
            let luck = luck.or_else(|| {
                (value(next) < Some(best)).then(|| Luck {
                    branch,
                    lucky: lucky.unwrap_or(branch),
                })
            });
            match next {
                Next::Finish(finish)
                    if self.scenario.endings[finish.ending].outcome == Outcome::Detractor =>
                {
                    self.detractors.push((finish, luck));
                }
                Next::State(t) if self.visited[t].is_none() => {
                    self.visited[t] = Some((luck, Via { from, branch }));
                    self.queue.push(t);
                }
                _ => {}
            }
        }
    }
}

/// Follows the best play (every move that keeps the best score reachable) from
/// each start through every outcome of the random events, and reports each
/// Detractor ending it can reach, with the event that led there.
fn unlucky_best_play(
    scenario: &Scenario,
    reach: &Reach,
    scores: &Scores,
    ahead: &[Ahead],
) -> Vec<Finding> {
    let mut walk = BestPlay {
        scenario,
        value: |next: Next| scores.after(ahead, next).best,
        visited: vec![None; scores.states.len()],
        queue: Vec::new(),
        detractors: Vec::new(),
    };
    for (start, edges) in scores.start_edges.iter().enumerate() {
        walk.follow(edges, Origin::Start(start), None);
    }
    while let Some(s) = walk.queue.pop() {
        let luck = walk.visited[s].and_then(|(luck, _)| luck);
        for group in scores.edges_at(s).chunk_by(|a, b| a.0 == b.0) {
            let edges: Vec<(usize, Next)> = group.iter().map(|e| (e.1, e.2)).collect();
            let move_best = edges.iter().map(|e| (walk.value)(e.1)).max().flatten();
            if move_best.is_some() && move_best == ahead[s].best {
                let from = Origin::Move {
                    state: s,
                    mv: group[0].0,
                };
                walk.follow(&edges, from, luck);
            }
        }
    }
    let BestPlay {
        visited,
        detractors,
        ..
    } = walk;
    let mut seen = BTreeSet::new();
    let mut findings = Vec::new();
    for (finish, luck) in detractors {
        let cause = luck.and_then(|l| cause(reach, l));
        if !seen.insert((cause, luck.is_none().then_some(finish.ending))) {
            continue;
        }
        let path = scores.path_via(reach, finish.via, |s| {
            visited[s].expect("states on the best play were visited").1
        });
        let ending = &scenario.endings[finish.ending];
        let walk = Walk::of(scenario, &path).brief();
        let finding = match cause {
            Some((node, event, fires)) => {
                let when = if fires { "fires" } else { "does not fire" };
                let message = format!(
                    "when this event {when}, even the best play can end as a Detractor \
                     (`{}`, score {}); this may be intended: {walk}",
                    ending.id, finish.score
                );
                let at = vec![Field("nodes"), Index(node), Field("events"), Index(event)];
                Finding::warning(at, message)
            }
            None => {
                let message = format!(
                    "even the best play ends as a Detractor (`{}`, score {}): {walk}",
                    ending.id, finish.score
                );
                Finding::warning(
                    vec![Field("endings"), Index(finish.ending), Field("outcome")],
                    message,
                )
            }
        };
        findings.push(finding);
    }
    findings
}

/// The event whose firing, or not firing, made the difference: (node, event, fired).
fn cause(reach: &Reach, luck: Luck) -> Option<(usize, usize, bool)> {
    let events = |branch: usize| -> Vec<(usize, usize)> {
        reach.hops[reach.branches[branch].hops.clone()]
            .iter()
            .filter_map(|h| match *h {
                Hop::Event { node, event } => Some((node, event)),
                Hop::Route { .. } => None,
            })
            .collect()
    };
    let (unlucky, lucky) = (events(luck.branch), events(luck.lucky));
    let fired = unlucky
        .iter()
        .find(|e| !lucky.contains(e))
        .map(|&(n, e)| (n, e, true));
    fired.or_else(|| {
        lucky
            .iter()
            .find(|e| !unlucky.contains(e))
            .map(|&(n, e)| (n, e, false))
    })
}
