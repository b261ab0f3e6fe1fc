//! Opening the database: check that the file is Frontline's, not damaged and
//! not newer than this build before anything is written, then bring its schema
//! up to date. The schema's version is SQLite's `PRAGMA user_version`; each
//! entry of [`MIGRATIONS`] takes it one step further.

use std::fs;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::error::StoreError;

/// Marks the file as Frontline's records (`PRAGMA application_id`, "FLTR").
pub const APPLICATION_ID: i32 = 0x464c_5452;

/// The schema this build writes: the number of migrations.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// `MIGRATIONS[n]` takes the schema from version `n` to `n + 1`.
const MIGRATIONS: [&str; 2] = [include_str!("schema/1.sql"), include_str!("schema/2.sql")];

/// Whether the caller will write, or only read (reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    ReadWrite,
    ReadOnly,
}

pub(crate) fn open(
    path: &Path,
    access: Access,
    busy_timeout: Duration,
) -> Result<Connection, StoreError> {
    let sqlite = |e| StoreError::from_sqlite(path, e);
    let exists = path.exists();
    let flags = match access {
        Access::ReadOnly if !exists => {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        Access::ReadWrite => {
            prepare_folder(path, exists)?;
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        }
    };
    let mut conn = Connection::open_with_flags(path, flags).map_err(sqlite)?;
    conn.busy_timeout(busy_timeout).map_err(sqlite)?;
    if access == Access::ReadWrite && conn.is_readonly("main").map_err(sqlite)? {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    let version = match check(path, &conn) {
        Err(e) if access == Access::ReadOnly && needs_shared_memory(path, &e) => {
            conn = open_immutable(path).map_err(sqlite)?;
            check(path, &conn)?
        }
        other => other?,
    };
    if access == Access::ReadOnly {
        return match version {
            SCHEMA_VERSION => Ok(conn),
            _ => Err(StoreError::Misuse(format!(
                "the records database at {} has schema {version}; play once with this Frontline to update it before reporting",
                path.display()
            ))),
        };
    }
    use_wal(&conn, busy_timeout).map_err(sqlite)?;
    // FULL: a choice reported as recorded survives a power cut, not only a crash.
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(sqlite)?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(sqlite)?;
    if version < SCHEMA_VERSION {
        migrate(path, &mut conn).map_err(|e| match e {
            Failure::Store(e) => e,
            Failure::Sqlite(e) => sqlite(e),
        })?;
    }
    Ok(conn)
}

/// WAL lets a report read, and a second copy of the game write, while one
/// writes. It is a property of the file, set once; switching takes an
/// exclusive lock without calling SQLite's busy handler, so this waits itself
/// for another process creating the same file.
fn use_wal(conn: &Connection, busy_timeout: Duration) -> rusqlite::Result<()> {
    let deadline = Instant::now() + busy_timeout;
    loop {
        let mode: String = conn.pragma_query_value(None, "journal_mode", |row| row.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && Instant::now() < deadline =>
            {
                thread::sleep(Duration::from_millis(5));
            }
            other => return other,
        }
    }
}

/// Whether a read failed only because SQLite could not create the
/// shared-memory file of a WAL database beside it (a read-only folder or
/// mount), with no `-wal` file there: nothing is waiting to be checkpointed,
/// so the file alone holds every record.
fn needs_shared_memory(path: &Path, error: &StoreError) -> bool {
    let cannot_open = match error {
        StoreError::ReadOnly { .. } => true,
        StoreError::Sqlite { source, .. } => {
            source.sqlite_error_code() == Some(ErrorCode::CannotOpen)
        }
        _ => false,
    };
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    cannot_open && !Path::new(&wal).exists()
}

/// Opens the database as an immutable file: read with no locks and no
/// shared memory, which is what a read-only folder allows.
fn open_immutable(path: &Path) -> rusqlite::Result<Connection> {
    let absolute = fs::canonicalize(path).map_err(|e| {
        rusqlite::Error::InvalidPath(std::path::PathBuf::from(format!("{}: {e}", path.display())))
    })?;
    let mut uri = String::from("file:");
    for b in absolute.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(*b))
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
    Connection::open_with_flags(uri, flags)
}

/// Makes the data folder; refuses a file marked read-only, which SQLite
/// would still write when run by an administrator.
fn prepare_folder(path: &Path, exists: bool) -> Result<(), StoreError> {
    if exists {
        let metadata = fs::metadata(path).map_err(|e| StoreError::from_io(path, e))?;
        if metadata.permissions().readonly() {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        return Ok(());
    }
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => {
            fs::create_dir_all(folder).map_err(|e| StoreError::from_io(folder, e))
        }
        _ => Ok(()),
    }
}

/// Reads, without writing, whether the file is ours and which schema it has.
fn check(path: &Path, conn: &Connection) -> Result<i64, StoreError> {
    let sqlite = |e| StoreError::from_sqlite(path, e);
    let pragma = |name| conn.pragma_query_value(None, name, |row| row.get::<_, i64>(0));
    let version = pragma("user_version").map_err(sqlite)?;
    let application = pragma("application_id").map_err(sqlite)?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
        .map_err(sqlite)?;
    let fresh = application == 0 && version == 0 && objects == 0;
    if application != i64::from(APPLICATION_ID) && !fresh {
        return Err(StoreError::NotFrontline {
            path: path.to_path_buf(),
        });
    }
    // Only a migration creates tables, and it sets the version in the same
    // transaction: tables at version 0 mean someone reset it by hand.
    if version == 0 && objects > 0 {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!(
                "its schema version is 0 but it already holds {objects} tables or indexes"
            ),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    // Writing into a damaged file can spread the damage: look before writing.
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
        .map_err(sqlite)?;
    if verdict != "ok" {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: verdict,
        });
    }
    Ok(version)
}

enum Failure {
    Store(StoreError),
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Failure {
        Failure::Sqlite(e)
    }
}

/// Runs the missing migrations in one write transaction, re-reading the
/// version under its lock: another process may have migrated meanwhile.
fn migrate(path: &Path, conn: &mut Connection) -> Result<(), Failure> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version = check(path, &tx).map_err(Failure::Store)?;
    let done = usize::try_from(version).unwrap_or(0);
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", step as i64 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}
