//! Where the points went. For every turn of a finished session: the score the
//! best reply would still have guaranteed before it, what the reply chosen
//! kept, and the reply that would have kept the most. From those, the one or
//! two things to work on next, ranked by the points they cost.
//!
//! The figures add up: the final score is what good replies guaranteed at the
//! start, less the points lost at each turn, plus what the random events gave
//! beyond their worst case ("luck", never negative).

use serde::Serialize;

use crate::practice::{Pillar, Practice};
use crate::runner::Feedback;
use crate::scenario::Node;
use crate::scoring::Tally;
use crate::session::Session;
use crate::yardstick::Yardstick;

/// A reply as the debrief shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reply {
    /// Index of the choice in its node, as written in the file.
    pub choice: usize,
    pub text: String,
    pub tags: Vec<Practice>,
    /// How the reply is judged (0..=1), as the trainee was told; `None` for
    /// a reply that is not scored.
    pub quality: Option<f32>,
    pub feedback: String,
}

impl Reply {
    fn of(node: &Node, choice: usize) -> Reply {
        let written = &node.choices[choice];
        let judged = Feedback::of(written);
        Reply {
            choice,
            text: written.text.clone(),
            quality: judged.scored.then_some(judged.quality),
            tags: judged.tags,
            feedback: judged.text,
        }
    }
}

/// One turn of the conversation, looked back on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Turn {
    /// 1-based, as the debrief numbers turns.
    pub number: usize,
    pub node: String,
    pub line: String,
    pub chosen: Reply,
    /// What the best reply guaranteed before this turn.
    pub before: Option<u8>,
    /// What the reply chosen guaranteed.
    pub kept: Option<u8>,
    /// The reply that would have kept the most, when it kept more, with what
    /// it guaranteed.
    pub better: Option<(Reply, u8)>,
}

impl Turn {
    /// Points given away by this turn's reply.
    pub fn lost(&self) -> u8 {
        match (self.before, self.kept) {
            (Some(before), Some(kept)) => before.saturating_sub(kept),
            (Some(before), None) => before,
            _ => 0,
        }
    }
}

/// One thing to work on next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Focus {
    pub pillar: Pillar,
    /// Points this pillar cost over the session.
    pub points: u16,
    /// The turn (1-based) where it cost the most, and the practice missed
    /// there (or the anti-pattern used); `None` for a pillar never practised
    /// that cost no points.
    pub worst: Option<(usize, Practice)>,
    pub advice: &'static str,
}

impl Focus {
    /// "Understanding (15 points; most at turn 1: asked about their
    /// expectation): Expectations can only be managed…"
    pub fn summary(&self) -> String {
        let at = match self.worst {
            Some((turn, practice)) => format!(
                " ({} points; most at turn {turn}: {})",
                self.points,
                practice.label()
            ),
            None => String::new(),
        };
        format!("{}{at}: {}", self.pillar.name(), self.advice)
    }
}

/// The look back over a finished session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hindsight {
    /// What good replies guaranteed at the first prompt.
    pub start: Option<u8>,
    pub turns: Vec<Turn>,
    /// What the random events gave beyond their worst case.
    pub luck: Option<u8>,
    /// At most two things to work on, the costliest first.
    pub focus: Vec<Focus>,
    /// Whether every figure is exact (the search explored every state).
    pub exact: bool,
}

impl Hindsight {
    /// The look back over `session`, which scored `score`.
    pub fn of(session: &Session, yardstick: &Yardstick, score: u8) -> Hindsight {
        let scenario = session.scenario();
        let mut tally = Tally::default();
        // The tally before each turn, as the search knew it.
        let mut turns = Vec::with_capacity(session.steps().len());
        for (i, step) in session.steps().iter().enumerate() {
            let node = &scenario.nodes[step.node];
            let standing =
                yardstick.standing(step.node, &step.flags_before, &step.meters_before, tally);
            let kept = standing.as_ref().and_then(|s| s.keeps(step.choice));
            let better = standing
                .as_ref()
                .and_then(|s| s.best_choice())
                .filter(|&(_, best)| kept.is_none_or(|k| best > k))
                .map(|(choice, best)| (Reply::of(node, choice), best));
            turns.push(Turn {
                number: i + 1,
                node: node.id.clone(),
                line: node.line(step.line).to_string(),
                chosen: Reply::of(node, step.choice),
                before: standing.and_then(|s| s.guaranteed),
                kept,
                better,
            });
            tally = tally.after(&node.choices[step.choice]);
        }
        let start = turns.first().and_then(|t| t.before);
        let lost: u16 = turns.iter().map(|t| u16::from(t.lost())).sum();
        let luck = start.and_then(|s| {
            let promised = u16::from(s).saturating_sub(lost);
            u8::try_from(u16::from(score).checked_sub(promised)?).ok()
        });
        let focus = focus(&turns);
        Hindsight {
            start,
            luck,
            focus,
            exact: yardstick.complete() && turns.iter().all(|t| t.kept.is_some()),
            turns,
        }
    }

    /// The turns that lost points, the costliest first (earlier on a tie).
    pub fn costly(&self) -> Vec<&Turn> {
        let mut costly: Vec<&Turn> = self.turns.iter().filter(|t| t.lost() > 0).collect();
        costly.sort_by_key(|t| std::cmp::Reverse(t.lost()));
        costly
    }

    /// One sentence that adds the figures up.
    pub fn overview(&self) -> String {
        let Some(start) = self.start else {
            return "Not computed: the scenario is too large to search.".into();
        };
        let luck = match self.luck {
            Some(luck) if luck > 0 => {
                format!(" The random events gave you {luck} more than their worst.")
            }
            _ => String::new(),
        };
        let lost = match self.lost() {
            0 => "Every reply kept the best score still possible.".to_string(),
            lost => format!("You gave away {lost}, the costliest turns first:"),
        };
        format!("From the start, the best replies guaranteed {start}.{luck} {lost}")
    }

    /// Points lost over the whole session.
    pub fn lost(&self) -> u16 {
        self.turns.iter().map(|t| u16::from(t.lost())).sum()
    }
}

/// The pillars that cost the most points, at most two; when nothing was lost,
/// the pillars never practised (or an anti-pattern used).
fn focus(turns: &[Turn]) -> Vec<Focus> {
    let mut costs: Vec<Focus> = Vec::new();
    for turn in turns.iter().filter(|t| t.lost() > 0) {
        let blamed = blame(turn);
        let count = blamed.len() as u16;
        for (k, (pillar, practice)) in blamed.into_iter().enumerate() {
            // The turn's loss is shared out; the remainder goes to the first.
            let lost = u16::from(turn.lost());
            let share = lost / count + u16::from(k == 0) * (lost % count);
            let at = costs
                .iter()
                .position(|f| f.pillar == pillar)
                .unwrap_or_else(|| {
                    costs.push(Focus {
                        pillar,
                        points: 0,
                        worst: None,
                        advice: pillar.advice(),
                    });
                    costs.len() - 1
                });
            let entry = &mut costs[at];
            entry.points += share;
            let worse = entry
                .worst
                .is_none_or(|(n, _)| turns[n - 1].lost() < turn.lost());
            if worse {
                entry.worst = Some((turn.number, practice));
            }
        }
    }
    costs.sort_by_key(|f| std::cmp::Reverse(f.points));
    costs.truncate(2);
    if costs.is_empty() {
        costs = unpractised(turns);
    }
    costs
}

/// Which pillars a costly turn's loss is put down to, each with the practice
/// behind it: an anti-pattern chosen, and each pillar whose practice the
/// better reply showed and the chosen one lacked.
fn blame(turn: &Turn) -> Vec<(Pillar, Practice)> {
    let anti = turn.chosen.tags.iter().find(|t| t.is_anti_pattern());
    let good: Vec<Practice> = turn
        .better
        .iter()
        .flat_map(|(better, _)| better.tags.iter().copied().filter(|t| !t.is_anti_pattern()))
        .collect();
    let missed = good.iter().filter(|t| !turn.chosen.tags.contains(t));
    let mut practices: Vec<Practice> = anti.into_iter().chain(missed).copied().collect();
    if practices.is_empty() {
        // Same practices, different effect on the customer: the better
        // reply's practice is still what to work on.
        practices.extend(good.first());
    }
    let mut blamed: Vec<(Pillar, Practice)> = Vec::new();
    for practice in practices {
        if !blamed.iter().any(|&(p, _)| p == practice.pillar()) {
            blamed.push((practice.pillar(), practice));
        }
    }
    blamed
}

/// For a session that lost nothing good replies could keep: the pillars it
/// never practised, and the anti-patterns it used anyway.
fn unpractised(turns: &[Turn]) -> Vec<Focus> {
    Pillar::ALL
        .iter()
        .filter(|&&pillar| {
            let shown = turns
                .iter()
                .any(|t| t.chosen.tags.iter().any(|tag| tag.pillar() == pillar));
            (pillar == Pillar::AntiPattern) == shown
        })
        .take(2)
        .map(|&pillar| Focus {
            pillar,
            points: 0,
            worst: None,
            advice: pillar.advice(),
        })
        .collect()
}
