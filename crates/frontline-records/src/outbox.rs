//! The statements waiting for a learning record store, in the records file
//! itself: each is queued in the transaction of the event it describes, so a
//! crash never records a choice without its statement or the reverse, and it
//! leaves the queue only once the store has it.

use rusqlite::{Transaction, params};

use crate::attempt::{Attempt, SessionId};
use crate::error::StoreError;
use crate::query::{Filter, read};
use crate::store::Store;
use crate::xapi::{self, Statement};

/// One queued statement, as its JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    /// Its place in the queue.
    pub seq: i64,
    pub id: String,
    pub json: String,
}

/// Queues the statements `build` makes of session `id` as it stands in `tx`,
/// when `on`.
pub(crate) fn queue(
    tx: &Transaction,
    on: bool,
    id: SessionId,
    build: impl FnOnce(&Attempt) -> Vec<Statement>,
) -> rusqlite::Result<()> {
    if !on {
        return Ok(());
    }
    let attempts = read(tx, &Filter::default(), Some(id))?;
    // The row was written in this transaction; reading it back cannot fail
    // short of the database failing, which `read` reports.
    let statements = attempts.ok().and_then(|a| a.first().map(build));
    insert(tx, &statements.unwrap_or_default())
}

fn insert(tx: &Transaction, statements: &[Statement]) -> rusqlite::Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO outbox (id, statement) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING",
    )?;
    for s in statements {
        let json = serde_json::to_string(s)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        insert.execute(params![s.id.to_string(), json])?;
    }
    Ok(())
}

impl Store {
    /// Statements waiting to be sent (not counting those the store refused).
    pub fn pending(&self) -> Result<usize, StoreError> {
        (self.conn)
            .query_row(
                "SELECT count(*) FROM outbox WHERE refused IS NULL",
                [],
                |row| row.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(|e| self.sqlite(e))
    }

    /// The oldest `limit` statements waiting to be sent.
    pub fn next_batch(&self, limit: usize) -> Result<Vec<Queued>, StoreError> {
        let sqlite = |e| self.sqlite(e);
        let mut select = (self.conn)
            .prepare_cached(
                "SELECT seq, id, statement FROM outbox WHERE refused IS NULL ORDER BY seq LIMIT ?1",
            )
            .map_err(sqlite)?;
        let rows = select
            .query_map([limit as i64], |row| {
                Ok(Queued {
                    seq: row.get(0)?,
                    id: row.get(1)?,
                    json: row.get(2)?,
                })
            })
            .map_err(sqlite)?;
        rows.collect::<Result<_, _>>().map_err(sqlite)
    }

    /// Takes statements the store now has off the queue.
    pub fn delivered(&mut self, sent: &[Queued]) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            let mut delete = tx.prepare_cached("DELETE FROM outbox WHERE seq = ?1")?;
            for q in sent {
                delete.execute([q.seq])?;
            }
            Ok(())
        })
    }

    /// Keeps a statement the store refused out of the sending, with why.
    pub fn refused(&mut self, statement: &Queued, why: &str) -> Result<(), StoreError> {
        self.in_transaction(|tx| {
            tx.execute(
                "UPDATE outbox SET refused = ?2 WHERE seq = ?1",
                params![statement.seq, why],
            )?;
            Ok(())
        })
    }

    /// The statements the store refused, with why.
    pub fn refusals(&self) -> Result<Vec<(String, String)>, StoreError> {
        let sqlite = |e| self.sqlite(e);
        let mut select = (self.conn)
            .prepare("SELECT id, refused FROM outbox WHERE refused IS NOT NULL ORDER BY seq")
            .map_err(sqlite)?;
        let rows = select
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .map_err(sqlite)?;
        rows.collect::<Result<_, _>>().map_err(sqlite)
    }

    /// Queues every statement of the attempts matching `filter`: sessions
    /// recorded before a store was set up. Statements the store already has
    /// are harmless to send again (same ids). Returns how many were queued.
    pub fn queue_recorded(&mut self, filter: &Filter) -> Result<usize, StoreError> {
        let attempts = self.sessions(filter)?;
        self.enqueue(&xapi::statements(&attempts))
    }

    /// Queues `statements` in one transaction; returns how many were new.
    pub fn enqueue(&mut self, statements: &[Statement]) -> Result<usize, StoreError> {
        self.in_transaction(|tx| {
            let before: i64 = tx.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))?;
            insert(tx, statements)?;
            let after: i64 = tx.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))?;
            Ok((after - before) as usize)
        })
    }
}
