//! `frontline check`: static analysis of valid scenarios, one report each, with
//! exact score bounds and findings at file:line:column. Files that don't
//! validate are reported as `validate` reports them.

use std::path::PathBuf;
use std::process::ExitCode;

use frontline_core::analysis::check::{Report, check};
use frontline_core::terminal::shown_lines;

use super::USAGE_OR_IO;
use crate::cli::ReportFormat;

pub fn run(paths: &[PathBuf], format: ReportFormat) -> ExitCode {
    let catalog = match super::scenario_files(paths) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    let reports: Vec<Report> = catalog.loaded().map(check).collect();
    match format {
        ReportFormat::Text => {
            for report in &reports {
                println!("{}\n", shown_lines(&report.to_string()));
            }
            for broken in catalog.broken() {
                for diagnostic in &broken.diagnostics {
                    println!("{}", shown_lines(&diagnostic.to_string()));
                }
            }
        }
        ReportFormat::Json => {
            let broken: Vec<_> = catalog
                .broken()
                .map(|b| serde_json::json!({ "file": b.path, "diagnostics": b.diagnostics }))
                .collect();
            let json = serde_json::json!({ "reports": reports, "invalid": broken });
            match serde_json::to_string_pretty(&json) {
                Ok(text) => println!("{text}"),
                Err(e) => {
                    eprintln!("frontline: {e}");
                    return ExitCode::from(USAGE_OR_IO);
                }
            }
        }
    }
    let errors: usize = reports.iter().map(Report::errors).sum();
    if errors == 0 && catalog.broken().count() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
