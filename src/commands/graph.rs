//! `frontline graph`: a scenario's graph as Graphviz DOT or Mermaid on
//! standard output, e.g. `frontline graph caviar | dot -Tsvg > caviar.svg`.

use std::path::Path;
use std::process::ExitCode;

use frontline_core::analysis::graph::{Format, Highlight, draw};

use crate::cli::{GraphArgs, GraphFormat, PathChoice};

pub fn run(dir: &Path, args: &GraphArgs) -> ExitCode {
    let loaded = match super::scenario(dir, &args.scenario) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let format = match args.format {
        GraphFormat::Dot => Format::Dot,
        GraphFormat::Mermaid => Format::Mermaid,
    };
    let highlight = args.highlight.map(|h| match h {
        PathChoice::Best => Highlight::Best,
        PathChoice::Worst => Highlight::Worst,
    });
    print!("{}", draw(&loaded.scenario, format, highlight));
    ExitCode::SUCCESS
}
