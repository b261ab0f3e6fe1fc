//! `frontline validate`: every problem of every file at once, as `file:line:column: message`.

use std::path::PathBuf;
use std::process::ExitCode;

use frontline_core::Catalog;

use super::USAGE_OR_IO;

pub fn run(paths: &[PathBuf]) -> ExitCode {
    let catalog = match Catalog::load(paths) {
        Ok(catalog) => catalog,
        Err(e) => {
            eprintln!("frontline: {e}");
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    if catalog.entries.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!("frontline: no *.scenario.ron files in {}", names.join(", "));
        return ExitCode::from(USAGE_OR_IO);
    }
    for loaded in catalog.loaded() {
        println!("ok: {} ({})", loaded.path.display(), loaded.scenario.id);
    }
    let mut problems = 0;
    for broken in catalog.broken() {
        for diagnostic in &broken.diagnostics {
            println!("{diagnostic}");
            problems += 1;
        }
    }
    let invalid = catalog.broken().count();
    println!(
        "{} scenario file(s): {} valid, {invalid} invalid, {problems} problem(s)",
        catalog.entries.len(),
        catalog.entries.len() - invalid,
    );
    if invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
