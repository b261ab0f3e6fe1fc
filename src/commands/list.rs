//! `frontline list`: the scenarios found, playable or broken.

use std::path::Path;
use std::process::ExitCode;

use frontline_core::terminal::shown;

pub fn run(dir: &Path) -> ExitCode {
    let catalog = match super::catalog(dir) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    for loaded in catalog.loaded() {
        let s = &loaded.scenario;
        let difficulty = s
            .difficulty
            .map(|d| format!(" [{d:?}]"))
            .unwrap_or_default();
        let (id, title, summary) = (shown(&s.id), shown(&s.title), shown(&s.summary));
        println!("{id:<12} {title}{difficulty}: {summary}");
    }
    for broken in catalog.broken() {
        let first = broken.diagnostics.first().map(|d| d.to_string());
        let first = first
            .as_deref()
            .and_then(|d| d.lines().next())
            .unwrap_or("");
        println!("BROKEN       {}: {}", broken.path.display(), shown(first));
    }
    for warning in &catalog.warnings {
        println!("{warning}");
    }
    if catalog.entries.is_empty() {
        println!("no scenarios in {}", dir.display());
    }
    ExitCode::SUCCESS
}
