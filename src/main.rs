//! Frontline: a customer-service training simulator.
//!
//! `frontline` opens the game; `frontline play --text <scenario>` plays in the
//! terminal; `validate`, `list`, `check`, `graph`, `simulate`, `new`,
//! `match` and `report` serve trainers. Everything runs on the engine-free
//! `frontline-core` crate.

mod cli;
mod commands;
mod game;
mod paths;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, PlayArgs};
use commands::{
    check, graph, list, match_replies, new, play_text, report, simulate, sync, validate,
};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let scenarios = paths::scenarios_dir(cli.scenarios);
    let data = cli.data.unwrap_or_else(frontline_records::default_data_dir);
    match cli.command {
        None => play_game(scenarios, data, &PlayArgs::default(), cli.lrs.as_deref()),
        Some(Command::Play(args)) if args.text => {
            play_text::run(&scenarios, &data, cli.lrs.as_deref(), &args)
        }
        Some(Command::Play(args)) => play_game(scenarios, data, &args, cli.lrs.as_deref()),
        Some(Command::Validate { paths }) => validate::run(&commands::resolve(&scenarios, paths)),
        Some(Command::List) => list::run(&scenarios),
        Some(Command::Check { paths, format }) => {
            check::run(&commands::resolve(&scenarios, paths), format)
        }
        Some(Command::Graph(args)) => graph::run(&scenarios, &args),
        Some(Command::Simulate(args)) => simulate::run(&scenarios, &args),
        Some(Command::New { id }) => new::run(&scenarios, &id),
        Some(Command::Report(args)) => report::run(&scenarios, &data, cli.lrs.as_deref(), args),
        Some(Command::Sync { recorded }) => sync::run(&data, cli.lrs.as_deref(), recorded),
        Some(Command::Match(args)) => match_replies::run(&scenarios, &args),
    }
}

fn play_game(scenarios: PathBuf, data: PathBuf, args: &PlayArgs, lrs: Option<&str>) -> ExitCode {
    let folders = game::Folders {
        scenarios: paths::absolute(scenarios),
        assets: paths::assets_dir(),
        data,
    };
    game::run(folders, args, lrs)
}
