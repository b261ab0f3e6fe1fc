//! What can go wrong with the records database, each case with a message a
//! trainee or trainer can act on. None of them ever leads to the file being
//! rewritten or deleted.

use std::fmt;
use std::io;
use std::path::PathBuf;

#[derive(Debug)]
pub enum StoreError {
    /// Another program held the database longer than the busy timeout.
    Locked { path: PathBuf },
    /// The file, or its folder, may not be written.
    ReadOnly { path: PathBuf },
    /// The file is not an SQLite database, or is damaged.
    Corrupt { path: PathBuf, detail: String },
    /// A later Frontline has migrated the database past what this build knows.
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// A valid SQLite database that belongs to some other program.
    NotFrontline { path: PathBuf },
    /// A report was asked of a database that does not exist yet.
    Missing { path: PathBuf },
    /// The data folder could not be made, or the file's details read.
    Io { path: PathBuf, source: io::Error },
    /// Any other failure of SQLite.
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// The caller asked for something the records don't allow, such as
    /// recording a choice of another scenario or finishing a session twice.
    Misuse(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = |path: &PathBuf| format!("the records database at {}", path.display());
        match self {
            StoreError::Locked { path } => write!(
                f,
                "{} is locked by another program; close other copies of Frontline and try again",
                at(path)
            ),
            StoreError::ReadOnly { path } => write!(
                f,
                "{} is read-only; make it writable or point --data at another folder",
                at(path)
            ),
            StoreError::Corrupt { path, detail } => write!(
                f,
                "{} is damaged or not a Frontline database ({detail}); it was left untouched: move it aside to start new records",
                at(path)
            ),
            StoreError::NewerSchema { path, found, known } => write!(
                f,
                "{} was written by a newer Frontline (schema {found}, this build knows {known}); update Frontline to use it",
                at(path)
            ),
            StoreError::NotFrontline { path } => write!(
                f,
                "{} belongs to another program; it was left untouched: point --data at another folder",
                path.display()
            ),
            StoreError::Missing { path } => {
                write!(f, "there are no records at {} yet", path.display())
            }
            StoreError::Io { path, source } => {
                write!(f, "cannot use {} for the records: {source}", path.display())
            }
            StoreError::Sqlite { path, source } => write!(f, "{}: {source}", at(path)),
            StoreError::Misuse(what) => write!(f, "{what}"),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source),
            StoreError::Sqlite { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl StoreError {
    pub(crate) fn from_io(path: &std::path::Path, source: io::Error) -> StoreError {
        match source.kind() {
            io::ErrorKind::PermissionDenied => StoreError::ReadOnly {
                path: path.to_path_buf(),
            },
            _ => StoreError::Io {
                path: path.to_path_buf(),
                source,
            },
        }
    }

    /// Sorts an SQLite failure into the cases a person can act on.
    pub(crate) fn from_sqlite(path: &std::path::Path, source: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode::*;
        let path = path.to_path_buf();
        match source.sqlite_error_code() {
            Some(DatabaseBusy | DatabaseLocked) => StoreError::Locked { path },
            Some(ReadOnly | PermissionDenied) => StoreError::ReadOnly { path },
            Some(NotADatabase | DatabaseCorrupt) => StoreError::Corrupt {
                path,
                detail: source.to_string(),
            },
            _ => StoreError::Sqlite { path, source },
        }
    }
}
