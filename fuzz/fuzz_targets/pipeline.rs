//! Fuzzes a scenario file through everything a trainer's command does with
//! it: parse, validate and render the diagnostics; for a valid scenario,
//! `check` with its exact bounds, a few sessions played to their end or a
//! bound, the debrief, and both graph formats.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use frontline_core::analysis::check::check;
use frontline_core::analysis::graph::{Format, Highlight, draw};
use frontline_core::load::parse;
use frontline_core::{Debrief, Loaded, Session};
use libfuzzer_sys::fuzz_target;

/// Choices made per session before giving up on reaching an ending.
const MAX_CHOICES: usize = 64;

fuzz_target!(|bytes: &[u8]| {
    let source = String::from_utf8_lossy(bytes).into_owned();
    let path = Path::new("fuzz.scenario.ron");
    let scenario = match parse(path, &source) {
        Ok(scenario) => scenario,
        Err(diagnostics) => {
            for d in diagnostics {
                let _ = d.to_string();
            }
            return;
        }
    };
    let loaded = Loaded {
        path: PathBuf::from(path),
        source,
        scenario,
    };
    let _ = check(&loaded).to_string();
    let scenario = Arc::new(loaded.scenario);
    for seed in 0..3u64 {
        let mut session = Session::new(scenario.clone(), seed);
        for step in 0..MAX_CHOICES {
            let offered = session.offered().len();
            if offered == 0 {
                break;
            }
            let _ = session.choose((seed as usize + step) % offered);
        }
        let _ = Debrief::of(&session);
    }
    let _ = draw(&scenario, Format::Dot, Some(Highlight::Best));
    let _ = draw(&scenario, Format::Mermaid, None);
});
