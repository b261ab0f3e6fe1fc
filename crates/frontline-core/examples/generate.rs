//! Prints a generated scenario: `cargo run -p frontline-core --example generate -- NODES [SEED]`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<u64>());
    let (Some(Ok(nodes)), seed) = (args.next(), args.next().unwrap_or(Ok(0))) else {
        eprintln!("usage: generate NODES [SEED]");
        return ExitCode::from(2);
    };
    let Ok(seed) = seed else {
        eprintln!("usage: generate NODES [SEED]");
        return ExitCode::from(2);
    };
    print!(
        "{}",
        frontline_core::analysis::generate::scenario_text(nodes as usize, seed)
    );
    ExitCode::SUCCESS
}
