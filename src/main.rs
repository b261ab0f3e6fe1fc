//! Frontline: a customer-service training simulator.
//!
//! `frontline` opens the game; `frontline play --text <scenario>` plays in the
//! terminal; `validate` and `list` serve trainers. Everything runs on the
//! engine-free `frontline-core` crate.

mod cli;
mod commands;
mod game;
mod paths;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, PlayArgs};
use commands::{list, play_text, validate};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let scenarios = paths::scenarios_dir(cli.scenarios);
    match cli.command {
        None => play_game(scenarios, &PlayArgs::default()),
        Some(Command::Play(args)) if args.text => play_text::run(&scenarios, &args),
        Some(Command::Play(args)) => play_game(scenarios, &args),
        Some(Command::Validate { paths }) => validate::run(&if paths.is_empty() {
            vec![scenarios]
        } else {
            paths
        }),
        Some(Command::List) => list::run(&scenarios),
    }
}

fn play_game(scenarios: std::path::PathBuf, args: &PlayArgs) -> ExitCode {
    let folders = game::Folders {
        scenarios: paths::absolute(scenarios),
        assets: paths::assets_dir(),
        data: paths::data_dir(),
    };
    game::run(folders, args)
}
