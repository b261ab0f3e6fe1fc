//! What the records hold about one session, as read back for reports and
//! exports: an attempt by a trainee at a scenario, with every choice made.

use std::collections::BTreeMap;
use std::fmt;

use frontline_core::typing::Said;
use frontline_core::{Grade, Outcome, Practice};
use serde::Serialize;
use uuid::Uuid;

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
    /// The reply's quality (0, 0.5 or 1) as the trainee was told it.
    pub quality: f32,
    /// Points this reply gave away, from the debrief's look back; `None`
    /// before the ending or when the search could not tell.
    pub lost: Option<u8>,
    /// 0 for the session's first choice.
    pub step: u32,
    pub node: String,
    /// The choice's index as written in the scenario file.
    pub index: u32,
    pub text: String,
    pub tags: Vec<Practice>,
    pub meters: BTreeMap<String, i32>,
    pub at: Timestamp,
    /// How the reply was given: picked, or typed and in what words.
    pub said: Said,
}

impl RecordedChoice {
    /// Judged an anti-pattern when it was made.
    pub fn is_anti_pattern(&self) -> bool {
        self.quality < 0.5
    }
}

/// Which earlier attempt a retry restarted, and at which turn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetryOf {
    /// The earlier attempt's id in these records, when it is in them.
    pub attempt: Option<SessionId>,
    /// The earlier attempt's UUID (its xAPI registration), when known.
    pub uuid: Option<Uuid>,
    /// The turn (1-based) taken again.
    pub turn: u32,
}

/// One session as recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attempt {
    pub id: SessionId,
    pub uuid: Uuid,
    pub trainee: String,
    pub scenario: String,
    pub scenario_title: String,
    pub content_hash: String,
    pub seed: u64,
    pub mode: Mode,
    pub started: Timestamp,
    /// Set when this attempt restarted an earlier one at a turn.
    pub retry: Option<RetryOf>,
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
