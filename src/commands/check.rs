//! `frontline check`: static analysis of valid scenarios, one report each, with
//! exact score bounds and findings at file:line:column. Files that don't
//! validate are reported as `validate` reports them. With the typed-reply
//! model at hand, pairs of replies it cannot tell apart are warnings too.

use std::path::PathBuf;
use std::process::ExitCode;

use frontline_core::Catalog;
use frontline_core::analysis::check::{Report, check};
use frontline_core::terminal::shown_lines;
use frontline_match::Matcher;

use super::USAGE_OR_IO;
use super::match_replies::model_dir;
use crate::cli::ReportFormat;

pub fn run(paths: &[PathBuf], format: ReportFormat) -> ExitCode {
    let catalog = match super::scenario_files(paths) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    let mut reports: Vec<Report> = catalog.loaded().map(check).collect();
    typed_replies(&catalog, &mut reports);
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

/// Adds the warnings of the typed-replies lint to each report, or says on
/// stderr why it was skipped (the model's files are missing, say).
fn typed_replies(catalog: &Catalog, reports: &mut [Report]) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let matcher = match Matcher::load(&model_dir(), threads) {
        Ok(matcher) => matcher,
        Err(e) => {
            eprintln!("frontline: warning: the confusable-replies lint was skipped: {e}");
            return;
        }
    };
    for (loaded, report) in catalog.loaded().zip(reports) {
        match frontline_match::lint(&matcher, loaded) {
            Ok(warnings) => {
                report.findings.extend(warnings);
                report.findings.sort_by_key(|d| (d.line, d.column));
            }
            Err(e) => eprintln!(
                "frontline: warning: the confusable-replies lint was skipped for {}: {e}",
                loaded.path.display()
            ),
        }
    }
}
