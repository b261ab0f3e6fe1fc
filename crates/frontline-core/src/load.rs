//! Reading scenario files from disk: parse with `ron`, validate, and collect the
//! scenarios of a folder so that one broken file never hides the others.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;

use crate::diagnostic::{Diagnostic, Severity};
use crate::format::ScenarioFile;
use crate::scenario::Scenario;
use crate::validate::validate;

/// The extension every scenario file carries.
pub const EXTENSION: &str = "scenario.ron";

/// Parses and validates the text of one scenario file; `path` only names it in diagnostics.
pub fn parse(path: &Path, source: &str) -> Result<Scenario, Vec<Diagnostic>> {
    let file = parse_file(path, source)?;
    validate(path, source, file)
}

/// Parses the text without validating it.
pub fn parse_file(path: &Path, source: &str) -> Result<ScenarioFile, Vec<Diagnostic>> {
    ron_options().from_str(source).map_err(|e| {
        let message = e.code.to_string();
        let d = Diagnostic::at_position(
            Severity::Error,
            path,
            source,
            e.span.start.line,
            e.span.start.col,
            message,
        );
        vec![d]
    })
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

pub fn load_file(path: &Path) -> Result<Loaded, Broken> {
    let broken = |diagnostics| Broken {
        path: path.to_path_buf(),
        diagnostics,
    };
    let source = fs::read_to_string(path).map_err(|e| {
        broken(vec![Diagnostic::whole_file(
            path,
            format!("cannot read: {e}"),
        )])
    })?;
    match parse(path, &source) {
        Ok(scenario) => Ok(Loaded {
            path: path.to_path_buf(),
            source,
            scenario,
        }),
        Err(diagnostics) => Err(broken(diagnostics)),
    }
}

/// The scenario files named by `paths`: files as given, folders searched (not
/// recursively) for `*.scenario.ron`, sorted by name.
pub fn discover(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            for entry in fs::read_dir(path)? {
                let entry = entry?.path();
                let is_scenario = entry
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(&format!(".{EXTENSION}")));
                if is_scenario && entry.is_file() {
                    found.push(entry);
                }
            }
            found.sort();
            files.extend(found);
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            let msg = format!("{}: no such file or folder", path.display());
            return Err(io::Error::new(io::ErrorKind::NotFound, msg));
        }
    }
    Ok(files)
}

/// Every scenario found under some paths, loaded or broken.
#[derive(Debug, Default)]
pub struct Catalog {
    pub entries: Vec<Result<Loaded, Broken>>,
}

impl Catalog {
    pub fn load(paths: &[PathBuf]) -> io::Result<Catalog> {
        let files = discover(paths)?;
        Ok(Catalog {
            entries: files.iter().map(|f| load_file(f)).collect(),
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
