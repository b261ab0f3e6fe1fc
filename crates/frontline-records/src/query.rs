//! Reading the records back: the attempts that match a filter, each with its
//! choices, read in one snapshot so a writer in another process can't tear them.

use std::collections::HashMap;

use frontline_core::scoring::choice_quality;
use frontline_core::typing::Said;
use frontline_core::{Grade, Outcome, Practice};
use rusqlite::{Connection, Row};
use serde::Serialize;
use uuid::Uuid;

use crate::attempt::{Attempt, Finish, Mode, RecordedChoice, RetryOf, SessionId};
use crate::error::StoreError;
use crate::store::Store;
use crate::time::Timestamp;

/// Which attempts a report covers; `None` fields don't filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Filter {
    pub trainee: Option<String>,
    pub scenario: Option<String>,
    /// Attempts started at or after this instant.
    pub since: Option<Timestamp>,
}

/// Both queries take the same four optional parameters (the last: one session).
const MATCHES: &str = "(?1 IS NULL OR t.name = ?1)
    AND (?2 IS NULL OR s.scenario = ?2)
    AND (?3 IS NULL OR s.started >= ?3)
    AND (?4 IS NULL OR s.id = ?4)";

/// The attempts matching `filter` (and `only` that session), oldest first;
/// `Err(detail)` inside when a row can't be read. Call it in a transaction,
/// so that both queries see one snapshot.
pub(crate) fn read(
    conn: &Connection,
    filter: &Filter,
    only: Option<SessionId>,
) -> Parsed<Vec<Attempt>> {
    let since = filter.since.map(|t| t.to_string());
    let params = rusqlite::params![filter.trainee, filter.scenario, since, only.map(|s| s.0)];
    let mut sessions = conn.prepare_cached(&format!(
        "SELECT s.id, s.uuid, t.name, s.scenario, s.scenario_title, s.content_hash, s.seed,
                s.mode, s.started, s.ended, s.ending, s.outcome, s.score, s.grade,
                s.retry_of, r.uuid, s.retry_turn
         FROM session s JOIN trainee t ON t.id = s.trainee
         LEFT JOIN session r ON r.id = s.retry_of
         WHERE {MATCHES} ORDER BY s.started, s.id"
    ))?;
    let mut attempts = Vec::new();
    let mut rows = sessions.query(params)?;
    while let Some(row) = rows.next()? {
        match attempt(row)? {
            Ok(a) => attempts.push(a),
            Err(detail) => return Ok(Err(detail)),
        }
    }
    let position: HashMap<SessionId, usize> = attempts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    let mut choices = conn.prepare_cached(&format!(
        "SELECT c.session, c.step, c.node, c.choice_index, c.choice_text, c.tags, c.meters, c.at,
                c.quality, c.lost, c.typed, c.understood, c.match_score
         FROM choice c JOIN session s ON s.id = c.session JOIN trainee t ON t.id = s.trainee
         WHERE {MATCHES} ORDER BY c.session, c.step"
    ))?;
    let mut rows = choices.query(params)?;
    while let Some(row) = rows.next()? {
        let session = SessionId(row.get(0)?);
        let choice = match recorded_choice(row)? {
            Ok(choice) => choice,
            Err(detail) => return Ok(Err(detail)),
        };
        // A session started after the first query, in another process, is skipped.
        if let Some(&i) = position.get(&session) {
            attempts[i].choices.push(choice);
        }
    }
    Ok(Ok(attempts))
}

impl Store {
    /// Every attempt matching `filter`, oldest first.
    pub fn sessions(&self, filter: &Filter) -> Result<Vec<Attempt>, StoreError> {
        let snapshot = self
            .conn
            .unchecked_transaction()
            .map_err(|e| self.sqlite(e))?;
        read(&snapshot, filter, None)
            .map_err(|e| self.sqlite(e))?
            .map_err(|d| self.corrupt(d))
    }

    /// Every attempt of one trainee, oldest first.
    pub fn attempts(&self, trainee: &str) -> Result<Vec<Attempt>, StoreError> {
        self.sessions(&Filter {
            trainee: Some(trainee.trim().to_string()),
            ..Filter::default()
        })
    }

    /// The trainee's best finished attempt at a scenario (the earliest of equals).
    pub fn best(&self, trainee: &str, scenario: &str) -> Result<Option<Attempt>, StoreError> {
        let filter = Filter {
            trainee: Some(trainee.trim().to_string()),
            scenario: Some(scenario.to_string()),
            since: None,
        };
        let attempts = self.sessions(&filter)?;
        let best = attempts.into_iter().filter(|a| a.finish.is_some()).fold(
            None,
            |best: Option<Attempt>, a| match best {
                Some(b) if b.score() >= a.score() => Some(b),
                _ => Some(a),
            },
        );
        Ok(best)
    }

    fn corrupt(&self, detail: String) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            detail,
        }
    }
}

type Parsed<T> = rusqlite::Result<Result<T, String>>;

fn timestamp(text: &str, what: &str) -> Result<Timestamp, String> {
    Timestamp::parse(text).ok_or_else(|| format!("unreadable {what} time `{text}`"))
}

fn attempt(row: &Row) -> Parsed<Attempt> {
    let id = SessionId(row.get(0)?);
    let seed: String = row.get(6)?;
    let mode: String = row.get(7)?;
    let started: String = row.get(8)?;
    let ended: Option<String> = row.get(9)?;
    let ending: Option<String> = row.get(10)?;
    let outcome: Option<String> = row.get(11)?;
    let score: Option<u8> = row.get(12)?;
    let grade: Option<String> = row.get(13)?;
    let uuid: String = row.get(1)?;
    let retry_of: Option<i64> = row.get(14)?;
    let retry_uuid: Option<String> = row.get(15)?;
    let retry_turn: Option<u32> = row.get(16)?;
    let (trainee, scenario, scenario_title, content_hash) =
        (row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?);
    let parse = || {
        let finish = match (ended, ending, outcome, score, grade) {
            (Some(ended), Some(ending), Some(outcome), Some(score), Some(grade)) => Some(Finish {
                ended: timestamp(&ended, "end")?,
                ending,
                outcome: parse_outcome(&outcome).ok_or(format!("unknown outcome `{outcome}`"))?,
                score,
                grade: parse_grade(&grade).ok_or(format!("unknown grade `{grade}`"))?,
            }),
            _ => None,
        };
        let retry = retry_turn.map(|turn| RetryOf {
            attempt: retry_of.map(SessionId),
            uuid: retry_uuid.and_then(|u| Uuid::parse_str(&u).ok()),
            turn,
        });
        Ok(Attempt {
            id,
            uuid: Uuid::parse_str(&uuid).map_err(|_| format!("unreadable UUID `{uuid}`"))?,
            trainee,
            scenario,
            scenario_title,
            content_hash,
            seed: seed
                .parse()
                .map_err(|_| format!("unreadable seed `{seed}`"))?,
            mode: Mode::parse(&mode).ok_or(format!("unknown mode `{mode}`"))?,
            started: timestamp(&started, "start")?,
            retry,
            finish,
            choices: Vec::new(),
        })
    };
    Ok(parse().map_err(|detail: String| format!("session {id}: {detail}")))
}

pub(crate) fn parse_grade(text: &str) -> Option<Grade> {
    match text {
        "A" => Some(Grade::A),
        "B" => Some(Grade::B),
        "C" => Some(Grade::C),
        "D" => Some(Grade::D),
        "F" => Some(Grade::F),
        _ => None,
    }
}

pub(crate) fn parse_outcome(text: &str) -> Option<Outcome> {
    match text {
        "Promoter" => Some(Outcome::Promoter),
        "Passive" => Some(Outcome::Passive),
        "Detractor" => Some(Outcome::Detractor),
        _ => None,
    }
}

fn recorded_choice(row: &Row) -> Parsed<RecordedChoice> {
    let session: i64 = row.get(0)?;
    let step: u32 = row.get(1)?;
    let tags: String = row.get(5)?;
    let meters: String = row.get(6)?;
    let at: String = row.get(7)?;
    let quality: Option<f32> = row.get(8)?;
    let lost: Option<u8> = row.get(9)?;
    let said = match (
        row.get::<_, Option<String>>(10)?,
        row.get::<_, Option<bool>>(11)?,
    ) {
        (Some(text), Some(true)) => Said::Typed {
            text,
            score: row.get::<_, Option<f32>>(12)?.unwrap_or_default(),
        },
        (Some(text), _) => Said::Corrected { text },
        (None, _) => Said::Picked,
    };
    let (node, index, text) = (row.get(2)?, row.get(3)?, row.get(4)?);
    let parse = || {
        let tags: Vec<Practice> =
            serde_json::from_str(&tags).map_err(|e| format!("unreadable tags: {e}"))?;
        Ok(RecordedChoice {
            // Choices recorded before schema 2 kept only their tags, which
            // decided the quality the trainee was told then.
            quality: quality.unwrap_or_else(|| choice_quality(&tags)),
            lost,
            step,
            node,
            index,
            text,
            tags,
            meters: serde_json::from_str(&meters).map_err(|e| format!("unreadable meters: {e}"))?,
            at: timestamp(&at, "choice")?,
            said,
        })
    };
    Ok(parse().map_err(|detail: String| format!("choice {step} of session {session}: {detail}")))
}
