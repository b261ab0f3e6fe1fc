//! `frontline match -`: reads typed replies as JSON Lines, one
//! `{"scenario": ID, "node": NODE_ID, "text": "..."}` a line (optionally with
//! `"flags": [...]`), and writes one JSON line per input, in order: the
//! choice it means, numbered from 1 as written in the file, or null when it
//! is off-script, with the score and any alternatives.

use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use frontline_match::{Answer, Matcher, Replies, Request};

use super::USAGE_OR_IO;
use crate::cli::MatchArgs;

pub fn run(scenarios: &Path, args: &MatchArgs) -> ExitCode {
    let input: Box<dyn BufRead> = if args.input == Path::new("-") {
        Box::new(io::stdin().lock())
    } else {
        match std::fs::File::open(&args.input) {
            Ok(file) => Box::new(io::BufReader::new(file)),
            Err(e) => {
                eprintln!("frontline: cannot read {}: {e}", args.input.display());
                return ExitCode::from(USAGE_OR_IO);
            }
        }
    };
    let model = args.model.clone().unwrap_or_else(model_dir);
    let matcher = match Matcher::load(&model, args.threads.into()) {
        Ok(matcher) => matcher,
        Err(e) => {
            eprintln!("frontline: cannot load the typed-reply model: {e}");
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    let catalog = match super::catalog(scenarios) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    let mut replies: HashMap<String, Replies> = HashMap::new();
    let mut failed = false;
    let mut out = io::stdout().lock();
    for (number, line) in input.lines().enumerate() {
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                eprintln!("frontline: cannot read line {}: {e}", number + 1);
                return ExitCode::from(USAGE_OR_IO);
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let answer = answer(&matcher, &catalog, &mut replies, &line);
        failed |= answer.is_err();
        let json = match answer {
            Ok(answer) => serde_json::to_string(&answer),
            Err(error) => {
                let error = format!("line {}: {error}", number + 1);
                serde_json::to_string(&serde_json::json!({ "error": error }))
            }
        };
        let written = json
            .map_err(io::Error::other)
            .and_then(|j| writeln!(out, "{j}"));
        if let Err(e) = written {
            eprintln!("frontline: cannot write: {e}");
            return ExitCode::from(USAGE_OR_IO);
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The model's folder: `assets/model`, wherever the assets are.
pub fn model_dir() -> PathBuf {
    crate::paths::assets_dir().join("model")
}

/// The answer to one line; a scenario's replies are embedded the first time
/// a line names it.
fn answer(
    matcher: &Matcher,
    catalog: &frontline_core::Catalog,
    replies: &mut HashMap<String, Replies>,
    line: &str,
) -> Result<Answer, String> {
    let request: Request = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let loaded = catalog
        .loaded()
        .find(|l| l.scenario.id == request.scenario)
        .ok_or_else(|| format!("no valid scenario `{}`", request.scenario))?;
    let scenario = &loaded.scenario;
    if !replies.contains_key(&scenario.id) {
        replies.insert(scenario.id.clone(), matcher.replies(scenario)?);
    }
    let (node, offered) = request.offered(scenario)?;
    let reading = matcher.read(&replies[&scenario.id], node, &offered, &request.text)?;
    Ok(Answer::new(&reading))
}
