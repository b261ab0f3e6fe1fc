//! Writing the report files without losing anything: each file is written
//! whole to a new temporary file beside it and renamed over its name, so a
//! failure leaves the old file as it was; the records database is never
//! replaced; an existing file is replaced only when it is one of the reports'
//! own outputs, or when the trainer says `--force`. A symbolic link at the
//! name is never followed: it counts as someone else's file, and `--force`
//! replaces the link itself, not what it points to.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where the reports may write.
#[derive(Debug, Clone, Copy)]
pub struct Outputs<'a> {
    /// The records database, which no report replaces.
    pub database: &'a Path,
    /// Replace existing files that are not the reports' own.
    pub force: bool,
}

/// The most of an existing file read to tell whether it is a report's own.
const OWN_CHECK_LIMIT: u64 = 256 << 20;

impl Outputs<'_> {
    /// Writes `contents` to `path`; `own` tells from an existing file's bytes
    /// whether this command wrote it (and may replace it without `--force`).
    pub fn write(
        &self,
        path: &Path,
        contents: &[u8],
        own: impl Fn(&[u8]) -> bool,
    ) -> io::Result<()> {
        let refuse = |why: &str| Err(io::Error::new(io::ErrorKind::AlreadyExists, why));
        let folder = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(folder) => folder,
            None => Path::new("."),
        };
        fs::create_dir_all(folder)?;
        if self.is_database(path) {
            return refuse("it is the records database; name another file");
        }
        match fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
            Ok(m) if m.is_dir() => return refuse("it is a folder"),
            Ok(_) if self.force => {}
            Ok(m) if m.file_type().is_symlink() => {
                return refuse(
                    "it is a symbolic link; name another file, or add --force to replace the link (not what it points to)",
                );
            }
            Ok(_) if !own(&read_start(path)?) => {
                return refuse(
                    "it exists and is not a report written by `frontline report`; name another file, or add --force to replace it",
                );
            }
            Ok(_) => {}
        }
        let temporary = temporary_name(folder, path);
        let written = write_new(&temporary, contents).and_then(|()| fs::rename(&temporary, path));
        if written.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        written
    }

    /// Whether `path` names the database or one of SQLite's files beside it,
    /// directly or through links.
    fn is_database(&self, path: &Path) -> bool {
        let (Ok(database), Some(name)) = (fs::canonicalize(self.database), path.file_name()) else {
            return false;
        };
        // The file may not exist yet: compare its folder, resolved, and its name.
        let resolved = fs::canonicalize(path).or_else(|_| {
            let folder = path.parent().filter(|d| !d.as_os_str().is_empty());
            fs::canonicalize(folder.unwrap_or(Path::new("."))).map(|f| f.join(name))
        });
        let Ok(resolved) = resolved else {
            return false;
        };
        ["", "-wal", "-shm", "-journal"].iter().any(|suffix| {
            let mut sibling = database.clone().into_os_string();
            sibling.push(suffix);
            resolved.as_os_str() == sibling
        })
    }
}

fn read_start(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    File::open(path)?
        .take(OWN_CHECK_LIMIT)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Whether `existing` begins as `new` does, up to and including the first
/// `marker`: the fixed head that every output of one kind shares.
pub fn same_head(existing: &[u8], new: &[u8], marker: &[u8]) -> bool {
    let end = new.windows(marker.len()).position(|w| w == marker);
    end.is_some_and(|end| existing.starts_with(&new[..end + marker.len()]))
}

/// `.name.PID-N.tmp` beside the target: on the same file system, so the
/// rename is atomic, and new for each write of this process.
fn temporary_name(folder: &Path, path: &Path) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    folder.join(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Creates `path`, which must not exist (a link there is not followed), and
/// writes `contents` to disk.
fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// The report files asked for; `None` for those not wanted.
#[derive(Debug, Clone, Default)]
pub struct Files {
    pub html: Option<PathBuf>,
    pub csv: Option<PathBuf>,
    pub xapi: Option<PathBuf>,
}

/// A file written, and how many statements it holds when it is an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub statements: Option<usize>,
}

/// Writes the files of `files`: the page and tables of `report`, and the
/// statements of `attempts` (the attempts it was made of). Stops at the
/// first file that can't be written, with a message naming it.
pub fn write_reports(
    report: &crate::Report,
    attempts: &[crate::Attempt],
    outputs: Outputs,
    files: &Files,
) -> Result<Vec<Written>, String> {
    let failed = |path: &Path, e: io::Error| format!("cannot write {}: {e}", path.display());
    let mut written = Vec::new();
    if let Some(file) = &files.html {
        let page = crate::html::page(report);
        let own = |old: &[u8]| same_head(old, page.as_bytes(), b"</title>");
        (outputs.write(file, page.as_bytes(), own)).map_err(|e| failed(file, e))?;
        written.push(Written {
            path: file.clone(),
            statements: None,
        });
    }
    if let Some(dir) = &files.csv {
        let tables = crate::table::write_files(dir, report, outputs);
        for path in tables.map_err(|(file, e)| failed(&file, e))? {
            written.push(Written {
                path,
                statements: None,
            });
        }
    }
    if let Some(file) = &files.xapi {
        let statements = crate::xapi::statements(attempts);
        let json = serde_json::to_string_pretty(&statements).map_err(|e| e.to_string())? + "\n";
        (outputs.write(file, json.as_bytes(), crate::xapi::is_export))
            .map_err(|e| failed(file, e))?;
        written.push(Written {
            path: file.clone(),
            statements: Some(statements.len()),
        });
    }
    Ok(written)
}
