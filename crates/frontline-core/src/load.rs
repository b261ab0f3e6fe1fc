//! Reading scenario files from disk: parse with `ron`, validate, and collect the
//! scenarios of a folder so that one broken file never hides the others.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;

use crate::diagnostic::{Diagnostic, Severity};
use crate::locate::{Seg, SpanTree};
use crate::scenario::Scenario;
use crate::syntax::{self, Parsed};
use crate::validate::{Shown, validate, validate_shown};

/// The extension every scenario file carries.
pub const EXTENSION: &str = "scenario.ron";

/// Parses and validates the text of one scenario file; `path` only names it in diagnostics.
pub fn parse(path: &Path, source: &str) -> Result<Scenario, Vec<Diagnostic>> {
    match syntax::read(path, source) {
        Parsed::Clean(file) => validate(path, source, file),
        Parsed::Repaired {
            file,
            text,
            repairs,
            mut diagnostics,
        } => {
            let shown = Shown {
                source,
                text: &text,
                original: &|at| repairs.original(at),
            };
            if let Err(more) = validate_shown(path, shown, file) {
                diagnostics.extend(more);
            }
            diagnostics.sort_by_key(|d| (d.line, d.column));
            Err(diagnostics)
        }
        Parsed::Broken(diagnostics) => Err(diagnostics),
    }
}

/// `Option` fields may be written without `Some(…)`.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// A scenario file that loaded, with its source kept for later diagnostics.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub source: String,
    pub scenario: Scenario,
}

/// A file that didn't load, with every problem found in it.
#[derive(Debug, Clone)]
pub struct Broken {
    pub path: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
}

/// The largest scenario file read, in bytes: a hundred times the bundled
/// ones, and small enough that a stray large file costs no time or memory.
pub const MAX_FILE_BYTES: u64 = 8 << 20;

pub fn load_file(path: &Path) -> Result<Loaded, Broken> {
    let broken = |diagnostics| Broken {
        path: path.to_path_buf(),
        diagnostics,
    };
    let source =
        read_text(path).map_err(|message| broken(vec![Diagnostic::whole_file(path, message)]))?;
    match parse(path, &source) {
        Ok(scenario) => Ok(Loaded {
            path: path.to_path_buf(),
            source,
            scenario,
        }),
        Err(diagnostics) => Err(broken(diagnostics)),
    }
}

/// The text of a scenario file, or why it can't be had; never reads more
/// than [`MAX_FILE_BYTES`] (a file may grow, or be a device, after it is sized).
fn read_text(path: &Path) -> Result<String, String> {
    let too_big = |size: &str| {
        format!(
            "the file is {size}; a scenario file may be at most {} MiB",
            MAX_FILE_BYTES >> 20
        )
    };
    let file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let size = file
        .metadata()
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(too_big(&format!(
            "{:.1} MiB",
            size as f64 / f64::from(1 << 20)
        )));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big("larger than that"));
    }
    String::from_utf8(bytes).map_err(|_| "cannot read: the file is not UTF-8 text".to_string())
}

/// The scenario files named by `paths`: files as given, folders searched (not
/// recursively) for `*.scenario.ron`, sorted by name.
pub fn discover(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    Ok(Found::search(paths)?.files)
}

/// What a search of some paths found: the scenario files to read, and a
/// warning for each file of a folder that looks meant to be one but is not read.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

impl Found {
    pub fn search(paths: &[PathBuf]) -> io::Result<Found> {
        let mut found = Found::default();
        for path in paths {
            if path.is_dir() {
                found.folder(path)?;
            } else if path.is_file() {
                found.files.push(path.clone());
            } else {
                let msg = format!("{}: no such file or folder", path.display());
                return Err(io::Error::new(io::ErrorKind::NotFound, msg));
            }
        }
        Ok(found)
    }

    /// The `*.scenario.ron` files of `dir`. A symbolic link there is read only
    /// when the file it leads to is named `*.scenario.ron` too, so that a link
    /// to some other file never gets that file's text into an error message.
    fn folder(&mut self, dir: &Path) -> io::Result<()> {
        let mut files = Vec::new();
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !is_scenario_name(name) {
                if let Some(stem) = name.strip_suffix(".ron").filter(|_| entry.path().is_file()) {
                    let message = format!("not read: `{name}` is not named `*.{EXTENSION}`");
                    let help = format!("if it is a scenario, rename it `{stem}.{EXTENSION}`");
                    let warning = Diagnostic::warning_about(&path, message).help(help);
                    self.warnings.push(warning);
                }
                continue;
            }
            if entry.file_type()?.is_symlink() && !leads_to_a_scenario(&path) {
                let message =
                    format!("not read: `{name}` is a link to a file not named `*.{EXTENSION}`");
                self.warnings
                    .push(Diagnostic::warning_about(&path, message));
            } else if path.is_file() {
                files.push(path);
            }
        }
        files.sort();
        self.files.extend(files);
        Ok(())
    }
}

fn is_scenario_name(name: &str) -> bool {
    name.strip_suffix(EXTENSION)
        .is_some_and(|stem| stem.len() > 1 && stem.ends_with('.'))
}

fn leads_to_a_scenario(link: &Path) -> bool {
    fs::canonicalize(link).is_ok_and(|target| {
        target
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_scenario_name)
    })
}

/// Every scenario found under some paths, loaded or broken.
#[derive(Debug, Default)]
pub struct Catalog {
    pub entries: Vec<Result<Loaded, Broken>>,
    /// Problems of the folders rather than of one scenario (a file left unread).
    pub warnings: Vec<Diagnostic>,
}

/// Breaks each scenario whose id an earlier file already has.
fn refuse_duplicate_ids(entries: &mut [Result<Loaded, Broken>]) {
    let files = entries.iter().map(|entry| {
        let loaded = entry.as_ref().ok()?;
        Some((loaded.path.as_path(), loaded.source.as_str(), loaded.scenario.id.as_str()))
    });
    let duplicates = duplicate_ids(files.collect::<Vec<_>>());
    for (entry, duplicate) in entries.iter_mut().zip(duplicates) {
        if let (Ok(loaded), Some(diagnostic)) = (&entry, duplicate) {
            let path = loaded.path.clone();
            *entry = Err(Broken {
                path,
                diagnostics: vec![diagnostic],
            });
        }
    }
}

/// For each file (its path, text and scenario id; `None` for a file that did
/// not load), in the order the folder is read, the error to give it when an
/// earlier file already has its id: play, the records and the tools know a
/// scenario by its id, so only the first is kept.
pub fn duplicate_ids<'a>(
    files: impl IntoIterator<Item = Option<(&'a Path, &'a str, &'a str)>>,
) -> Vec<Option<Diagnostic>> {
    let mut first: HashMap<&str, Diagnostic> = HashMap::new();
    let mut duplicates = Vec::new();
    for file in files {
        let Some((path, source, id)) = file else {
            duplicates.push(None);
            continue;
        };
        let here = at_id(path, source, format!("duplicate scenario id `{id}`"));
        let Some(earlier) = first.get(id) else {
            first.insert(id, here);
            duplicates.push(None);
            continue;
        };
        let (file, line, column) = (earlier.file.display(), earlier.line, earlier.column);
        let diagnostic = here
            .note(format!("{file}:{line}:{column} has it first"))
            .help("give each scenario an id of its own");
        duplicates.push(Some(diagnostic));
    }
    duplicates
}

/// A problem at the `id` of a scenario file.
fn at_id(path: &Path, source: &str, message: String) -> Diagnostic {
    let at: &[Seg] = &[Seg::Field("id")];
    let span = SpanTree::parse_for(source, &[at]).locate(source, at);
    Diagnostic::at(Severity::Error, path, source, span, message)
}

impl Catalog {
    pub fn load(paths: &[PathBuf]) -> io::Result<Catalog> {
        let mut found = Found::search(paths)?;
        let mut entries: Vec<_> = found.files.iter().map(|f| load_file(f)).collect();
        refuse_duplicate_ids(&mut entries);
        for loaded in entries.iter().flatten() {
            let warnings = syntax::lint::warnings(&loaded.path, &loaded.source);
            found.warnings.extend(warnings);
        }
        Ok(Catalog {
            entries,
            warnings: found.warnings,
        })
    }

    pub fn loaded(&self) -> impl Iterator<Item = &Loaded> {
        self.entries.iter().filter_map(|e| e.as_ref().ok())
    }

    pub fn broken(&self) -> impl Iterator<Item = &Broken> {
        self.entries.iter().filter_map(|e| e.as_ref().err())
    }

    /// A scenario by its id or by its file name without the extension.
    pub fn find(&self, name: &str) -> Option<&Loaded> {
        self.loaded().find(|l| {
            l.scenario.id == name
                || l.path
                    .file_name()
                    .and_then(|f| f.to_str())
                    .and_then(|f| f.strip_suffix(&format!(".{EXTENSION}")))
                    == Some(name)
        })
    }
}
