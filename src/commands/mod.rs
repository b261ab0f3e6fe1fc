//! The terminal commands, each built on the engine-free core.

pub mod check;
pub mod graph;
pub mod list;
pub mod match_replies;
pub mod new;
pub mod play_text;
pub mod play_typed;
pub mod report;
pub mod simulate;
pub mod sync;
pub mod text_debrief;
pub mod validate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use frontline_core::terminal::{shown, shown_lines};
use frontline_core::{Catalog, Loaded};

/// Exit code for a usage or I/O error, as opposed to 1 for an invalid scenario.
pub const USAGE_OR_IO: u8 = 2;

/// Loads the scenarios folder or reports why it can't.
fn catalog(dir: &Path) -> Result<Catalog, ExitCode> {
    Catalog::load(&[dir.to_path_buf()]).map_err(|e| {
        eprintln!("frontline: cannot read scenarios: {e}");
        ExitCode::from(USAGE_OR_IO)
    })
}

/// `paths` as files and folders: an id or file name that is not a path names
/// that scenario in the scenarios folder `dir`; no paths means `dir`.
pub fn resolve(dir: &Path, paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        return vec![dir.to_path_buf()];
    }
    let catalog = Catalog::load(&[dir.to_path_buf()]).ok();
    paths
        .into_iter()
        .map(|path| {
            let by_name = path
                .to_str()
                .filter(|_| !path.exists())
                .and_then(|name| Some(catalog.as_ref()?.find(name)?.path.clone()));
            by_name.unwrap_or(path)
        })
        .collect()
}

/// The scenario files named by `paths` (files or folders), loaded or broken;
/// reports why when none can be read or none is there.
fn scenario_files(paths: &[PathBuf]) -> Result<Catalog, ExitCode> {
    let catalog = Catalog::load(paths).map_err(|e| {
        eprintln!("frontline: {e}");
        ExitCode::from(USAGE_OR_IO)
    })?;
    if catalog.entries.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!("frontline: no *.scenario.ron files in {}", names.join(", "));
        return Err(ExitCode::from(USAGE_OR_IO));
    }
    Ok(catalog)
}

/// A scenario named by its file's path, or by its id or file name in the
/// scenarios folder; reports why it can't be had.
fn scenario(dir: &Path, name: &str) -> Result<Loaded, ExitCode> {
    let path = Path::new(name);
    if path.is_file() {
        return frontline_core::load::load_file(path).map_err(|broken| {
            for diagnostic in &broken.diagnostics {
                eprintln!("{}", shown_lines(&diagnostic.to_string()));
            }
            ExitCode::FAILURE
        });
    }
    let catalog = catalog(dir)?;
    match catalog.find(name) {
        Some(loaded) => Ok(loaded.clone()),
        None => {
            let ids: Vec<_> = catalog.loaded().map(|l| shown(&l.scenario.id)).collect();
            eprintln!(
                "frontline: no valid scenario `{}` in {} (found: {})",
                shown(name),
                dir.display(),
                ids.join(", ")
            );
            Err(ExitCode::from(USAGE_OR_IO))
        }
    }
}
