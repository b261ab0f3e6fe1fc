//! `frontline report`: the trainer's reports from the records of this
//! machine, which it reads and never writes, or from a learning record store
//! (`--lrs`), which holds every machine's: an HTML page with charts, CSV
//! tables, xAPI statements; or one recorded attempt's debrief (`--session`).

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use frontline_core::terminal::shown;
use frontline_core::{Prepared, Session};
use frontline_records::lrs::{Client, Lrs};
use frontline_records::output::{Files, Outputs, write_reports};
use frontline_records::report::TraineeRow;
use frontline_records::{
    Attempt, DATABASE_FILE, Filter, OpenOptions, Report, Timestamp, table, xapi,
};

use super::text_debrief;

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
    /// Show this recorded attempt's full debrief (with --trainee; the id is the report's).
    #[arg(long, value_name = "ID", requires = "trainee")]
    pub session: Option<i64>,
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

/// Runs the report; errors are printed here, as one line each.
pub fn run(scenarios: &Path, data: &Path, lrs: Option<&str>, args: ReportArgs) -> ExitCode {
    match report(scenarios, data, lrs, args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("frontline: {message}");
            ExitCode::FAILURE
        }
    }
}

fn report(
    scenarios: &Path,
    data: &Path,
    lrs: Option<&str>,
    args: ReportArgs,
) -> Result<(), String> {
    let database = data.join(DATABASE_FILE);
    let filter = Filter {
        trainee: args.trainee.clone(),
        scenario: args.scenario.clone(),
        since: args.since,
    };
    // Only `--lrs` reads the store: a configured store is for sending.
    let attempts = match lrs {
        Some(url) => {
            let store = Lrs::configured(Some(url), data)?.ok_or("no LRS address")?;
            let client = Client::new(&store, Duration::from_secs(60));
            xapi::attempts(&client.statements(&filter)?, &filter)
        }
        None => {
            let store = OpenOptions::default()
                .open_read_only(&database)
                .map_err(|e| e.to_string())?;
            store.sessions(&filter).map_err(|e| e.to_string())?
        }
    };
    if let Some(id) = args.session {
        return debrief(scenarios, &attempts, id);
    }
    let report = Report::of(&attempts, filter, Timestamp::now());
    let files = Files {
        html: args.html,
        csv: args.csv,
        xapi: args.xapi,
    };
    let outputs = Outputs {
        database: &database,
        force: args.force,
    };
    for written in write_reports(&report, &attempts, outputs, &files)? {
        match written.statements {
            Some(n) => eprintln!("wrote {} ({n} statements)", written.path.display()),
            None => eprintln!("wrote {}", written.path.display()),
        }
    }
    if files.html.is_none() && files.csv.is_none() && files.xapi.is_none() {
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

/// Prints the debrief of the trainee's attempt `id`, rebuilt on today's
/// version of its scenario.
fn debrief(scenarios: &Path, attempts: &[Attempt], id: i64) -> Result<(), String> {
    let attempt = (attempts.iter())
        .find(|a| a.id.0 == id)
        .ok_or_else(|| format!("no attempt {id} of that trainee in the records"))?;
    if attempt.finish.is_none() {
        return Err(format!(
            "attempt {id} was abandoned: it has no debrief to show"
        ));
    }
    let catalog = frontline_core::Catalog::load(&[scenarios.to_path_buf()])
        .map_err(|e| format!("cannot read scenarios: {e}"))?;
    let loaded = catalog.find(&attempt.scenario).ok_or_else(|| {
        format!(
            "attempt {id} is of scenario `{}`, which is not in {}",
            shown(&attempt.scenario),
            scenarios.display()
        )
    })?;
    let prepared = Prepared::new(loaded.scenario.clone(), loaded.source.clone());
    let reopened = attempt.reopen(&prepared)?;
    let session = Session::resume(Arc::clone(&prepared.scenario), &reopened.conclusion.record)
        .map_err(|e| e.to_string())?;
    let mut out = io::stdout().lock();
    let mut say = || -> io::Result<()> {
        use std::io::Write;
        writeln!(
            out,
            "Attempt {id} by {} at {}, started {}.",
            shown(&attempt.trainee),
            shown(&attempt.scenario),
            attempt.started
        )?;
        if let Some(note) = &reopened.note {
            writeln!(out, "{}", shown(note))?;
        }
        text_debrief::print(&reopened.conclusion, &session, &mut out)
    };
    say().map_err(|e| e.to_string())
}
