//! `frontline-records`: the trainer's report command. It reads the records
//! (never writes them) and writes an HTML page, CSV tables or xAPI statements.

use std::fs;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use frontline_records::{
    DATABASE_FILE, Filter, OpenOptions, Timestamp, default_data_dir, html, table, xapi,
};

#[derive(Parser)]
#[command(
    name = "frontline-records",
    about = "Reports on Frontline trainees' records"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes the reports; with no output named, prints the per-trainee table as CSV.
    Report(ReportArgs),
}

#[derive(clap::Args)]
struct ReportArgs {
    /// The data folder [default: $FRONTLINE_DATA, else $XDG_DATA_HOME/frontline, else ~/.local/share/frontline]
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Only this trainee's attempts.
    #[arg(long, value_name = "NAME")]
    trainee: Option<String>,
    /// Only attempts at this scenario (its id).
    #[arg(long, value_name = "ID")]
    scenario: Option<String>,
    /// Only attempts started on or after this day (2025-03-01) or instant (2025-03-01T09:00:00Z).
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    since: Option<Timestamp>,
    /// Write the HTML report with its charts here.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Write trainees.csv, scenarios.csv and mistakes.csv into this folder.
    #[arg(long, value_name = "DIR")]
    csv: Option<PathBuf>,
    /// Write the attempts as a JSON array of xAPI statements here.
    #[arg(long, value_name = "FILE")]
    xapi: Option<PathBuf>,
}

fn parse_since(text: &str) -> Result<Timestamp, String> {
    Timestamp::parse(text).ok_or_else(|| "expected a date like 2025-03-01".to_string())
}

fn main() -> ExitCode {
    let Command::Report(args) = Cli::parse().command;
    match report(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("frontline-records: {message}");
            ExitCode::FAILURE
        }
    }
}

fn report(args: ReportArgs) -> Result<(), String> {
    let path = args
        .data
        .unwrap_or_else(default_data_dir)
        .join(DATABASE_FILE);
    let store = OpenOptions::default()
        .open_read_only(&path)
        .map_err(|e| e.to_string())?;
    let filter = Filter {
        trainee: args.trainee,
        scenario: args.scenario,
        since: args.since,
    };
    let attempts = store.sessions(&filter).map_err(|e| e.to_string())?;
    let report = frontline_records::Report::of(&attempts, filter, Timestamp::now());
    let written = |path: &PathBuf, e: io::Error| format!("cannot write {}: {e}", path.display());
    if let Some(file) = &args.html {
        fs::write(file, html::page(&report)).map_err(|e| written(file, e))?;
        eprintln!("wrote {}", file.display());
    }
    if let Some(dir) = &args.csv {
        for file in table::write_files(dir, &report).map_err(|e| written(dir, e))? {
            eprintln!("wrote {}", file.display());
        }
    }
    if let Some(file) = &args.xapi {
        let statements = serde_json::Value::from(xapi::statements(&attempts));
        let json = serde_json::to_string_pretty(&statements).map_err(|e| e.to_string())?;
        fs::write(file, json + "\n").map_err(|e| written(file, e))?;
        eprintln!(
            "wrote {} ({} statements)",
            file.display(),
            statements.as_array().map_or(0, Vec::len)
        );
    }
    if args.html.is_none() && args.csv.is_none() && args.xapi.is_none() {
        table::write_trainees(io::stdout().lock(), &report.trainees).map_err(|e| e.to_string())?;
    }
    Ok(())
}
