//! Reading a typed reply: which offered choice it means, if any.

use frontline_core::typing::Heard;
use serde::Serialize;

use crate::cues::{Cues, Penalty};
use crate::embed::similarity;
use crate::replies::Replies;

/// How sure a reading must be. Calibrated on the evaluation set's
/// calibration half (see `eval/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gate {
    /// Below this score a reply is off-script.
    pub accept: f32,
    /// A best choice closer than this to the second is "did you mean…?".
    pub margin: f32,
}

impl Gate {
    pub const CALIBRATED: Gate = Gate {
        accept: 0.31,
        margin: 0.03,
    };
}

/// What a typed reply was read as.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reading {
    pub verdict: Verdict,
    /// The offered choices, best first.
    pub ranked: Vec<Ranked>,
}

impl Reading {
    /// The reading in the core's terms, for the typing rules both front
    /// ends follow (`frontline_core::typing`).
    pub fn heard(&self) -> Heard {
        let scored = |choice: usize| {
            let score = self.ranked.iter().find(|r| r.choice == choice);
            (choice, score.map_or(0.0, |r| r.score))
        };
        match self.verdict {
            Verdict::Matched { choice, score, .. } => Heard::Means { choice, score },
            Verdict::DidYouMean { first, second } => Heard::EitherOf {
                first: scored(first),
                second: scored(second),
            },
            Verdict::OffScript { .. } => Heard::Nothing,
        }
    }
}

/// An offered choice and how close the reply came to it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ranked {
    /// Index of the choice in its node, as written in the file.
    pub choice: usize,
    /// Cosine similarity to the nearest phrasing of the choice, in -1..=1.
    pub score: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The reply means this choice.
    Matched {
        choice: usize,
        score: f32,
        /// How far ahead of the second best choice.
        margin: f32,
    },
    /// Two choices are too close to tell apart: ask the trainee which.
    DidYouMean { first: usize, second: usize },
    /// The reply means none of the offered choices; `best` came nearest.
    OffScript { best: Option<usize> },
}

/// Scores are rounded to this step before they are compared, so that the last
/// bits of a float, which differ between CPUs, don't change a verdict.
const STEP: f32 = 1e-4;

fn rounded(score: f32) -> f32 {
    (score / STEP).round() * STEP
}

/// A typed reply, embedded, with its cues.
#[derive(Debug, Clone)]
pub struct Typed {
    pub(crate) embedding: Vec<f32>,
    pub(crate) cues: Cues,
}

/// Ranks the `offered` choices of `node` by closeness to the typed reply and
/// judges; the cues a phrasing doesn't share with the reply cost `penalty`.
pub(crate) fn judge(
    replies: &Replies,
    node: usize,
    offered: &[usize],
    typed: &Typed,
    gate: Gate,
    penalty: Penalty,
) -> Reading {
    let choices = &replies.nodes[node];
    let mut ranked: Vec<Ranked> = offered
        .iter()
        .map(|&choice| {
            let phrasings = choices[choice].iter();
            let best = phrasings.map(|p| {
                similarity(&typed.embedding, &p.embedding) - penalty.of(typed.cues, p.cues)
            });
            let score = rounded(best.fold(f32::MIN, f32::max));
            Ranked { choice, score }
        })
        .collect();
    // Best first; equal scores in written order, so every machine agrees.
    ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.choice.cmp(&b.choice)));
    let verdict = gate.verdict(&ranked);
    Reading { verdict, ranked }
}

impl Gate {
    /// The verdict on choices ranked best first.
    pub fn verdict(self, ranked: &[Ranked]) -> Verdict {
        let gate = self;
        let Some(&first) = ranked.first() else {
            return Verdict::OffScript { best: None };
        };
        if first.score < gate.accept {
            return Verdict::OffScript {
                best: Some(first.choice),
            };
        }
        let margin = ranked.get(1).map_or(first.score, |s| first.score - s.score);
        match ranked.get(1) {
            Some(second) if margin < gate.margin => Verdict::DidYouMean {
                first: first.choice,
                second: second.choice,
            },
            _ => Verdict::Matched {
                choice: first.choice,
                score: first.score,
                margin: rounded(margin),
            },
        }
    }
}
