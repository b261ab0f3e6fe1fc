//! `frontline report`: the trainer's reports from the records, which it reads
//! and never writes: an HTML page with charts, CSV tables, xAPI statements.

use std::io;
use std::path::{Path, PathBuf};

use frontline_core::terminal::shown;

use crate::output::{Outputs, same_head};
use crate::report::TraineeRow;
use crate::{DATABASE_FILE, Filter, OpenOptions, Report, Timestamp, html, table, xapi};

/// The options of `frontline report`.
#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// Only this trainee's attempts.
    #[arg(long, value_name = "NAME")]
    pub trainee: Option<String>,
    /// Only attempts at this scenario (its id).
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,
    /// Only attempts started on or after this day (2025-03-01) or instant (2025-03-01T09:00:00Z).
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<Timestamp>,
    /// Write the HTML report with its charts here.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Write trainees.csv, scenarios.csv and mistakes.csv into this folder.
    #[arg(long, value_name = "DIR")]
    pub csv: Option<PathBuf>,
    /// Write the attempts as a JSON array of xAPI statements here.
    #[arg(long, value_name = "FILE")]
    pub xapi: Option<PathBuf>,
    /// Replace existing files that are not reports written by this command
    /// (never the records database)
    #[arg(long)]
    pub force: bool,
}

fn parse_since(text: &str) -> Result<Timestamp, String> {
    Timestamp::parse(text).ok_or_else(|| "expected a date like 2025-03-01".to_string())
}

/// Reads the records in `data` (never writing them) and writes the reports
/// `args` asks for; with none named, prints the per-trainee table as CSV.
/// Progress goes to stderr; errors come back as one line for a person.
pub fn run(data: &Path, args: ReportArgs) -> Result<(), String> {
    let path = data.join(DATABASE_FILE);
    let store = OpenOptions::default()
        .open_read_only(&path)
        .map_err(|e| e.to_string())?;
    let filter = Filter {
        trainee: args.trainee,
        scenario: args.scenario,
        since: args.since,
    };
    let attempts = store.sessions(&filter).map_err(|e| e.to_string())?;
    let report = Report::of(&attempts, filter, Timestamp::now());
    let written = |path: &PathBuf, e: io::Error| format!("cannot write {}: {e}", path.display());
    let outputs = Outputs {
        database: &path,
        force: args.force,
    };
    if let Some(file) = &args.html {
        let page = html::page(&report);
        let own = |old: &[u8]| same_head(old, page.as_bytes(), b"</title>");
        outputs
            .write(file, page.as_bytes(), own)
            .map_err(|e| written(file, e))?;
        eprintln!("wrote {}", file.display());
    }
    if let Some(dir) = &args.csv {
        let files = table::write_files(dir, &report, outputs);
        for file in files.map_err(|(file, e)| written(&file, e))? {
            eprintln!("wrote {}", file.display());
        }
    }
    if let Some(file) = &args.xapi {
        let statements = serde_json::Value::from(xapi::statements(&attempts));
        let json = serde_json::to_string_pretty(&statements).map_err(|e| e.to_string())? + "\n";
        outputs
            .write(file, json.as_bytes(), xapi::is_export)
            .map_err(|e| written(file, e))?;
        eprintln!(
            "wrote {} ({} statements)",
            file.display(),
            statements.as_array().map_or(0, Vec::len)
        );
    }
    if args.html.is_none() && args.csv.is_none() && args.xapi.is_none() {
        // For the terminal: no name may carry an escape sequence or a line break there.
        let rows: Vec<TraineeRow> = (report.trainees.iter())
            .map(|r| TraineeRow {
                trainee: shown(&r.trainee).into_owned(),
                scenario: shown(&r.scenario).into_owned(),
                ..r.clone()
            })
            .collect();
        table::write_trainees(io::stdout().lock(), &rows).map_err(|e| e.to_string())?;
    }
    Ok(())
}
