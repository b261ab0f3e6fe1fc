//! `frontline simulate`: many sessions played by simulated trainees through the
//! real runtime, on every core, with a progress bar on the terminal.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use frontline_core::analysis::simulate::{Options, Policy, simulate};
use frontline_core::terminal::shown_lines;
use indicatif::{ProgressBar, ProgressStyle};

use super::USAGE_OR_IO;
use crate::cli::{ReportFormat, SimulateArgs, TraineePolicy};

pub fn run(dir: &Path, args: &SimulateArgs) -> ExitCode {
    let loaded = match super::scenario(dir, &args.scenario) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let options = Options {
        runs: args.runs,
        seed: args.seed,
        policy: match args.policy {
            TraineePolicy::Random => Policy::Random,
            TraineePolicy::Greedy => Policy::Greedy,
            TraineePolicy::Worst => Policy::Worst,
        },
        threads: args.threads.unwrap_or(0),
    };
    let bar = ProgressBar::new(args.runs);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} runs, {per_sec}, {eta}") {
        bar.set_style(style);
    }
    let started = Instant::now();
    let scenario = Arc::new(loaded.scenario);
    let simulation = simulate(&scenario, &options, &|runs| bar.inc(runs));
    let elapsed = started.elapsed();
    bar.finish_and_clear();
    match args.format {
        ReportFormat::Text => {
            print!("{}", shown_lines(&simulation.to_string()));
            let seconds = elapsed.as_secs_f64();
            println!(
                "{} choices in {seconds:.2} s: {:.0} choices per second",
                simulation.choices_made,
                simulation.choices_made as f64 / seconds.max(1e-9)
            );
        }
        ReportFormat::Json => match serde_json::to_string_pretty(&simulation) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("frontline: {e}");
                return ExitCode::from(USAGE_OR_IO);
            }
        },
    }
    ExitCode::SUCCESS
}
