//! The command line: `frontline` alone opens the game; subcommands play in a
//! terminal and serve trainers.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use frontline_records::command::ReportArgs;

#[derive(Debug, Parser)]
#[command(
    name = "frontline",
    version,
    about = "A customer-service training simulator"
)]
pub struct Cli {
    /// Folder of scenario files [default: ./scenarios, or $FRONTLINE_SCENARIOS]
    #[arg(long, global = true, value_name = "DIR")]
    pub scenarios: Option<PathBuf>,

    /// Folder of the trainees' records and profile [default: $FRONTLINE_DATA, else ~/.local/share/frontline]
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Play a scenario: in a window, or in this terminal with --text
    Play(PlayArgs),
    /// Check scenario files and report every problem with file:line:column
    Validate {
        /// Files or folders [default: the scenarios folder]
        paths: Vec<PathBuf>,
    },
    /// List the scenarios found
    List,
    /// Trainers' reports from the trainees' records: tables, CSV, HTML with charts, xAPI
    Report(ReportArgs),
}

#[derive(Debug, Args, Default)]
pub struct PlayArgs {
    /// Play in the terminal instead of a window
    #[arg(long)]
    pub text: bool,
    /// Scenario id or file name (required with --text)
    pub scenario: Option<String>,
    /// Seed of the session's randomness; the same seed and choices replay the same session
    #[arg(long)]
    pub seed: Option<u64>,
    /// Exam mode: feedback waits for the debrief
    #[arg(long)]
    pub exam: bool,
    /// Record the session under this trainee's name (text mode) [default: $USER]
    #[arg(long, value_name = "NAME")]
    pub trainee: Option<String>,
}
