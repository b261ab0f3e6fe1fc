//! The command line: `frontline` alone opens the game; subcommands play in a
//! terminal and serve trainers.

use std::path::PathBuf;

use crate::commands::report::ReportArgs;
use clap::{Args, Parser, Subcommand, ValueEnum};

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

    /// Learning record store (its xAPI endpoint) to send results to, or with `report`
    /// to read every machine's from [default: $FRONTLINE_LRS]; credentials come
    /// from $FRONTLINE_LRS_KEY and $FRONTLINE_LRS_SECRET or lrs.json in the data folder
    #[arg(long, global = true, value_name = "URL")]
    pub lrs: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Play a scenario: in a window, or in this terminal with --text
    Play(PlayArgs),
    /// Check scenario files and report every problem with file:line:column
    Validate {
        /// Files, folders or scenario ids [default: the scenarios folder]
        paths: Vec<PathBuf>,
    },
    /// List the scenarios found
    List,
    /// Analyse scenarios: reachability, traps, loops, exact score bounds, scoring lints
    Check {
        /// Files, folders or scenario ids [default: the scenarios folder]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Draw a scenario's graph as Graphviz DOT or Mermaid
    Graph(GraphArgs),
    /// Play many sessions with simulated trainees and report the outcomes
    Simulate(SimulateArgs),
    /// Write a small, valid, commented scenario to start from
    New {
        /// The new scenario's id, also its file name: letters, digits, `_` and `-`
        id: String,
    },
    /// Trainers' reports from the trainees' records: tables, CSV, HTML with charts, xAPI
    Report(ReportArgs),
    /// Send the results waiting in this machine's records to the learning record store
    Sync {
        /// Also queue the sessions recorded before a store was set up
        #[arg(long)]
        recorded: bool,
    },
    /// Read typed replies as choices: JSON Lines {"scenario", "node", "text"} in, one answer a line out
    Match(MatchArgs),
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// JSON Lines to read, `-` for standard input
    pub input: PathBuf,
    /// Threads the model may use
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: u16,
    /// The model's folder [default: assets/model]
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
}

#[derive(Debug, Args, Default)]
pub struct PlayArgs {
    /// Play in the terminal instead of a window
    #[arg(long)]
    pub text: bool,
    /// Scenario id, file name in the scenarios folder, or path to a file (required with --text)
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
    /// A trial run: record nothing (text mode)
    #[arg(long)]
    pub no_record: bool,
    /// Type each reply in your own words instead of picking it (text mode)
    #[arg(long = "type", conflicts_with = "path")]
    pub typed: bool,
    /// Play this path, as `frontline check` prints it: "@persona node:2 node!1 …" (text mode; records nothing)
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Scenario id, file name in the scenarios folder, or path to a file
    pub scenario: String,
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Draw the best or the worst path in bold
    #[arg(long, value_enum)]
    pub highlight: Option<PathChoice>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Dot,
    Mermaid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PathChoice {
    Best,
    Worst,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// Scenario id, file name in the scenarios folder, or path to a file
    pub scenario: String,
    /// Sessions to play (at least 1)
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: u64,
    /// Seed of the whole simulation: run i plays a seed derived from it and i
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    #[arg(long, value_enum, default_value_t = TraineePolicy::Random)]
    pub policy: TraineePolicy,
    /// Worker threads [default: one per core]
    #[arg(long)]
    pub threads: Option<usize>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// How the simulated trainee picks a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TraineePolicy {
    /// Uniformly among the offered choices
    Random,
    /// The choice that adds most to the score right away
    Greedy,
    /// The choice that adds least to the score right away
    Worst,
}
