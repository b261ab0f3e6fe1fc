//! What the records hold about one session, as read back for reports and
//! exports: an attempt by a trainee at a scenario, with every choice made.

use std::collections::BTreeMap;
use std::fmt;

use frontline_core::{Grade, Outcome, Practice};
use serde::Serialize;

use crate::time::Timestamp;

/// A session's row number in the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SessionId(pub i64);

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Coach or exam: the runner's mode, stored with each session.
pub use frontline_core::Mode;

/// How an attempt ended: the customer's verdict, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Verdict {
    Promoter,
    Passive,
    Detractor,
    /// The session never reached an ending: quit, crashed or still in play.
    Abandoned,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [
        Verdict::Promoter,
        Verdict::Passive,
        Verdict::Detractor,
        Verdict::Abandoned,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Verdict::Promoter => "Promoter",
            Verdict::Passive => "Passive",
            Verdict::Detractor => "Detractor",
            Verdict::Abandoned => "Abandoned",
        }
    }
}

impl From<Outcome> for Verdict {
    fn from(outcome: Outcome) -> Verdict {
        match outcome {
            Outcome::Promoter => Verdict::Promoter,
            Outcome::Passive => Verdict::Passive,
            Outcome::Detractor => Verdict::Detractor,
        }
    }
}

/// The result of a session that reached an ending.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finish {
    pub ended: Timestamp,
    pub ending: String,
    pub outcome: Outcome,
    pub score: u8,
    pub grade: Grade,
}

/// One choice as recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordedChoice {
    /// 0 for the session's first choice.
    pub step: u32,
    pub node: String,
    /// The choice's index as written in the scenario file.
    pub index: u32,
    pub text: String,
    pub tags: Vec<Practice>,
    pub meters: BTreeMap<String, i32>,
    pub at: Timestamp,
}

impl RecordedChoice {
    pub fn is_anti_pattern(&self) -> bool {
        self.tags.iter().any(|t| t.is_anti_pattern())
    }
}

/// One session as recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attempt {
    pub id: SessionId,
    pub uuid: String,
    pub trainee: String,
    pub scenario: String,
    pub scenario_title: String,
    pub content_hash: String,
    pub seed: u64,
    pub mode: Mode,
    pub started: Timestamp,
    /// `None` for an abandoned session.
    pub finish: Option<Finish>,
    pub choices: Vec<RecordedChoice>,
}

impl Attempt {
    pub fn verdict(&self) -> Verdict {
        self.finish
            .as_ref()
            .map_or(Verdict::Abandoned, |f| f.outcome.into())
    }

    pub fn score(&self) -> Option<u8> {
        self.finish.as_ref().map(|f| f.score)
    }

    /// When the trainee was last seen in it: the end, else the last choice.
    pub fn last_activity(&self) -> Timestamp {
        match (&self.finish, self.choices.last()) {
            (Some(finish), _) => finish.ended,
            (None, Some(choice)) => choice.at,
            (None, None) => self.started,
        }
    }

    /// Milliseconds from the start to the last activity.
    pub fn duration_ms(&self) -> u64 {
        self.last_activity().since(self.started)
    }
}
