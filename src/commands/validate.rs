//! `frontline validate`: every problem of every file at once, as `file:line:column: message`.

use std::path::PathBuf;
use std::process::ExitCode;

use frontline_core::terminal::{shown, shown_lines};

pub fn run(paths: &[PathBuf]) -> ExitCode {
    let catalog = match super::scenario_files(paths) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    for loaded in catalog.loaded() {
        let id = shown(&loaded.scenario.id);
        println!("ok: {} ({id})", loaded.path.display());
    }
    for warning in &catalog.warnings {
        println!("{warning}");
    }
    let mut problems = 0;
    for broken in catalog.broken() {
        for diagnostic in &broken.diagnostics {
            println!("{}", shown_lines(&diagnostic.to_string()));
            problems += 1;
        }
    }
    let invalid = catalog.broken().count();
    let warnings = match catalog.warnings.len() {
        0 => String::new(),
        n => format!(", {n} warning(s)"),
    };
    println!(
        "{} scenario file(s): {} valid, {invalid} invalid, {problems} problem(s){warnings}",
        catalog.entries.len(),
        catalog.entries.len() - invalid,
    );
    if invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
