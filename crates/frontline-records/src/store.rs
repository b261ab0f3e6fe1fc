//! The results store: one SQLite file, written a choice at a time. Every
//! write is its own `BEGIN IMMEDIATE` transaction, so a crash loses at most
//! the choice in flight, and two processes queue on the lock (WAL mode and a
//! busy timeout) instead of failing.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use frontline_core::runner::{Feedback, Retry};
use frontline_core::typing::Said;
use frontline_core::{Debrief, Hindsight, Scenario, Session};
use rusqlite::{
    Connection, ErrorCode, OptionalExtension, Transaction, TransactionBehavior, params,
};

use crate::attempt::{Mode, SessionId};
use crate::error::StoreError;
use crate::outbox::queue;
use crate::schema::{self, Access};
use crate::time::Timestamp;
use crate::{uuid, xapi};

/// Where the store reads the time; tests give a fixed clock.
pub type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

/// How to open a store: [`OpenOptions::default`] suits the game.
#[derive(Clone)]
pub struct OpenOptions {
    busy_timeout: Duration,
    clock: Clock,
    queue: bool,
}

impl Default for OpenOptions {
    fn default() -> OpenOptions {
        OpenOptions {
            busy_timeout: Duration::from_secs(5),
            clock: Arc::new(Timestamp::now),
            queue: false,
        }
    }
}

impl fmt::Debug for OpenOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenOptions")
            .field("busy_timeout", &self.busy_timeout)
            .finish_non_exhaustive()
    }
}

impl OpenOptions {
    /// How long to wait for another process's write before giving up as locked.
    pub fn busy_timeout(mut self, timeout: Duration) -> OpenOptions {
        self.busy_timeout = timeout;
        self
    }

    pub fn clock(mut self, clock: impl Fn() -> Timestamp + Send + Sync + 'static) -> OpenOptions {
        self.clock = Arc::new(clock);
        self
    }

    /// Also queue each event's xAPI statement for a learning record store,
    /// in the event's own transaction (see [`crate::lrs`]).
    pub fn queue_statements(mut self, queue: bool) -> OpenOptions {
        self.queue = queue;
        self
    }

    /// Opens the database for recording, creating it and its folder if needed.
    pub fn open(self, path: impl AsRef<Path>) -> Result<Store, StoreError> {
        self.open_as(path.as_ref(), Access::ReadWrite)
    }

    /// Opens an existing database for reports only; nothing is written.
    pub fn open_read_only(self, path: impl AsRef<Path>) -> Result<Store, StoreError> {
        self.open_as(path.as_ref(), Access::ReadOnly)
    }

    fn open_as(self, path: &Path, access: Access) -> Result<Store, StoreError> {
        Ok(Store {
            conn: schema::open(path, access, self.busy_timeout)?,
            path: path.to_path_buf(),
            clock: self.clock,
            queue: self.queue,
        })
    }
}

/// An open records database.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    clock: Clock,
    /// Whether each event's statement is queued for a learning record store.
    pub(crate) queue: bool,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// [`OpenOptions::open`] with the defaults.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        OpenOptions::default().open(path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn sqlite(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, e)
    }

    /// Records the start of a session; `content_hash` is
    /// [`crate::content_hash`] of the scenario file's text.
    pub fn start_session(
        &mut self,
        trainee: &str,
        scenario: &Scenario,
        content_hash: &str,
        seed: u64,
        mode: Mode,
        retry: Option<Retry>,
    ) -> Result<SessionId, StoreError> {
        let trainee = trainee.trim();
        if trainee.is_empty() {
            return Err(StoreError::Misuse("a trainee needs a name".into()));
        }
        let now = (self.clock)().to_string();
        let queued = self.queue;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO trainee (name) VALUES (?1) ON CONFLICT (name) DO NOTHING",
                [trainee],
            )?;
            tx.execute(
                "INSERT INTO session (uuid, trainee, scenario, scenario_title, content_hash, seed, mode, started)
                 SELECT ?1, id, ?2, ?3, ?4, ?5, ?6, ?7 FROM trainee WHERE name = ?8",
                params![
                    uuid::random().to_string(),
                    scenario.id,
                    scenario.title,
                    content_hash,
                    seed.to_string(),
                    mode.as_str(),
                    now,
                    trainee
                ],
            )?;
            let id = SessionId(tx.last_insert_rowid());
            if let Some(retry) = retry {
                // An earlier attempt not in these records is still a retry, of an unknown one.
                tx.execute(
                    "UPDATE session SET retry_turn = ?2,
                         retry_of = (SELECT id FROM session WHERE id = ?3)
                     WHERE id = ?1",
                    params![id.0, retry.turn as i64, retry.of],
                )?;
            }
            queue(tx, queued, id, |a| vec![xapi::attempted(a)])?;
            Ok(Ok(id))
        })
    }

    /// Records the choice just made in `session` (its last step), judged as
    /// `judged` says.
    pub fn record_choice(
        &mut self,
        id: SessionId,
        session: &Session,
        judged: &Feedback,
        said: &Said,
    ) -> Result<(), StoreError> {
        let Some(step) = session.steps().last() else {
            return Err(StoreError::Misuse(format!(
                "session {id} has no choice to record yet"
            )));
        };
        let number = session.steps().len() - 1;
        let scenario = session.scenario();
        let node = &scenario.nodes[step.node];
        let choice = &node.choices[step.choice];
        let meters: BTreeMap<&str, i32> = scenario
            .meters
            .iter()
            .map(|m| m.id.as_str())
            .zip(step.meters_after.iter().copied())
            .collect();
        let tags = serde_json::to_string(&choice.tags).unwrap_or_else(|_| "[]".into());
        let meters = serde_json::to_string(&meters).unwrap_or_else(|_| "{}".into());
        let now = (self.clock)().to_string();
        let queued = self.queue;
        let score = match said {
            Said::Typed { score, .. } => Some(*score),
            _ => None,
        };
        self.write(|tx| {
            if let Err(e) = open_session(tx, id, &scenario.id)? {
                return Ok(Err(e));
            }
            let inserted = tx.execute(
                "INSERT INTO choice (session, step, node, choice_index, choice_text, tags, meters, at, quality,
                                     typed, understood, match_score)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![id.0, number as i64, node.id, step.choice as i64, choice.text, tags, meters, now, judged.quality,
                        said.text(), said.text().map(|_| said.recalled()), score],
            );
            match inserted {
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) => {
                    return Ok(Err(StoreError::Misuse(format!(
                        "choice {number} of session {id} is already recorded"
                    ))));
                }
                other => other?,
            };
            queue(tx, queued, id, |a| {
                a.choices.last().map(|c| xapi::answered(a, c)).into_iter().collect()
            })?;
            Ok(Ok(()))
        })
    }

    /// Records the session's ending and score, and the points each reply
    /// gave away as `hindsight` told them.
    pub fn finish(
        &mut self,
        id: SessionId,
        debrief: &Debrief,
        hindsight: &Hindsight,
    ) -> Result<(), StoreError> {
        let now = (self.clock)().to_string();
        let queued = self.queue;
        self.write(|tx| {
            if let Err(e) = open_session(tx, id, &debrief.scenario)? {
                return Ok(Err(e));
            }
            tx.execute(
                "UPDATE session SET ended = ?2, ending = ?3, outcome = ?4, score = ?5, grade = ?6
                 WHERE id = ?1",
                params![
                    id.0,
                    now,
                    debrief.ending,
                    format!("{:?}", debrief.outcome),
                    debrief.score,
                    format!("{:?}", debrief.grade)
                ],
            )?;
            let mut lost =
                tx.prepare_cached("UPDATE choice SET lost = ?3 WHERE session = ?1 AND step = ?2")?;
            for turn in &hindsight.turns {
                let step = turn.number.saturating_sub(1) as i64;
                lost.execute(params![id.0, step, turn.before.map(|_| turn.lost())])?;
            }
            queue(tx, queued, id, |a| xapi::completed(a).into_iter().collect())?;
            Ok(Ok(()))
        })
    }

    /// Runs `f` in its own write transaction, committed only if it succeeds.
    pub(crate) fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&Transaction) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        self.write(|tx| f(tx).map(Ok))
    }

    /// Runs `f` in its own write transaction, committed only if `f` succeeds.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction) -> rusqlite::Result<Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        let path = self.path.clone();
        let sqlite = |e| StoreError::from_sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        let value = f(&tx).map_err(sqlite)??;
        tx.commit().map_err(sqlite)?;
        Ok(value)
    }
}

/// Checks that session `id` exists, is of `scenario` and has not ended.
fn open_session(
    tx: &Transaction,
    id: SessionId,
    scenario: &str,
) -> rusqlite::Result<Result<(), StoreError>> {
    let row: Option<(String, Option<String>)> = tx
        .query_row(
            "SELECT scenario, ended FROM session WHERE id = ?1",
            [id.0],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    Ok(match row {
        None => Err(StoreError::Misuse(format!(
            "there is no session {id} in the records"
        ))),
        Some((recorded, _)) if recorded != scenario => Err(StoreError::Misuse(format!(
            "session {id} is of scenario `{recorded}`, not `{scenario}`"
        ))),
        Some((_, Some(_))) => Err(StoreError::Misuse(format!(
            "session {id} has already ended"
        ))),
        Some((_, None)) => Ok(()),
    })
}
