//! Offline matching of a typed reply to the authored reply it means.
//!
//! A trainee types what they would say; the [`Matcher`] compares it with the
//! replies offered now and says which one it means, that two are too close to
//! tell ("did you mean…?"), or that it is off-script. Meaning is compared with
//! a small sentence-embedding model (all-MiniLM-L6-v2) run on the CPU: each
//! authored reply is embedded once when a scenario loads, each typed reply
//! when it is typed.

mod confusable;
mod cues;
mod embed;
mod lint;
mod phrasing;
mod read;
mod replies;
mod request;

use std::path::Path;

use frontline_core::Scenario;

pub use confusable::{CONFUSABLE, Confusable, confusable};
pub use cues::Penalty;
pub use embed::{CONFIG, TOKENIZER, WEIGHTS};
pub use lint::lint;
pub use phrasing::speech;
pub use read::{Gate, Ranked, Reading, Typed, Verdict};
pub use replies::Replies;
pub use request::{Alternative, Answer, Request};

use embed::Embedder;
use replies::Cache;

/// Threads the model runs on while a trainee plays: enough to answer at
/// once, few enough to leave the game's frame and the records alone.
pub const PLAY_THREADS: usize = 2;

pub struct Matcher {
    embedder: Embedder,
    cache: Cache,
    gate: Gate,
    penalty: Penalty,
}

impl Matcher {
    /// Loads the model from `dir` (`assets/model`), to run on `threads`
    /// threads of its own.
    pub fn load(dir: &Path, threads: usize) -> Result<Matcher, String> {
        Ok(Matcher {
            embedder: Embedder::load(dir, threads)?,
            cache: Cache::default(),
            gate: Gate::CALIBRATED,
            penalty: Penalty::CALIBRATED,
        })
    }

    pub fn gate(&self) -> Gate {
        self.gate
    }

    /// Sets what the cues not shared cost (zero: cues are ignored).
    pub fn set_penalty(&mut self, penalty: Penalty) {
        self.penalty = penalty;
    }

    /// Embeds every phrasing of every choice of `scenario`; texts embedded
    /// before (by this matcher) are not embedded again.
    pub fn replies(&self, scenario: &Scenario) -> Result<Replies, String> {
        self.cache.replies(&self.embedder, scenario)
    }

    /// Reads `text` as a reply at `node`, where the choices `offered` (indices
    /// as written in the file, conditions applied) are on offer.
    pub fn read(
        &self,
        replies: &Replies,
        node: usize,
        offered: &[usize],
        text: &str,
    ) -> Result<Reading, String> {
        check(replies, node, offered)?;
        if text.trim().is_empty() {
            let verdict = Verdict::OffScript { best: None };
            let ranked = Vec::new();
            return Ok(Reading { verdict, ranked });
        }
        self.judge(replies, node, offered, &self.typed(text)?)
    }

    /// A typed reply made ready to judge: [`Matcher::read`] is
    /// [`Matcher::typed`] then [`Matcher::judge`], for callers that judge
    /// one reply several times.
    pub fn typed(&self, text: &str) -> Result<Typed, String> {
        let mut one = self.embedder.embed(&[text])?;
        Ok(Typed {
            embedding: one.pop().unwrap_or_default(),
            cues: cues::Cues::of(text),
        })
    }

    /// Judges a typed reply at `node`, where the choices `offered` are on offer.
    pub fn judge(
        &self,
        replies: &Replies,
        node: usize,
        offered: &[usize],
        typed: &Typed,
    ) -> Result<Reading, String> {
        check(replies, node, offered)?;
        Ok(read::judge(
            replies,
            node,
            offered,
            typed,
            self.gate,
            self.penalty,
        ))
    }
}

/// An error unless `node` and every offered choice exist in `replies`.
fn check(replies: &Replies, node: usize, offered: &[usize]) -> Result<(), String> {
    let choices = replies.nodes.get(node).map_or(0, Vec::len);
    match offered.iter().find(|&&c| c >= choices) {
        Some(bad) => Err(format!("node {node} has no choice {bad}")),
        None if replies.nodes.len() <= node => Err(format!("there is no node {node}")),
        None => Ok(()),
    }
}
