//! Every file valid before a format change plays exactly as before: each
//! bundled scenario and fixture, played from fixed seeds with fixed picks,
//! gives the transcript in `tests/transcripts/replays.txt` (persona, lines
//! drawn, offers in the order shown, events fired, ending, score, and the
//! exact bounds and hindsight figures). That file was written by the
//! ignored test below, run on the code from before the format gained line
//! variants with conditions, `unset` and `scored`.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use frontline_core::bounds::ScoreBounds;
use frontline_core::load::Catalog;
use frontline_core::review::Hindsight;
use frontline_core::{Debrief, Prepared, Prompt, Session};

const SEEDS: std::ops::Range<u64> = 0..6;
/// Sessions longer than this are cut: some fixtures loop.
const MAX_STEPS: usize = 60;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn transcript_path() -> PathBuf {
    root().join("tests/transcripts/replays.txt")
}

/// The transcript of every bundled scenario and fixture: for each file, its
/// name and its section, which opens with `# ` and the name.
fn transcript() -> Vec<(String, String)> {
    let folders = [
        root().join("../../scenarios"),
        root().join("tests/fixtures"),
    ];
    let catalog = Catalog::load(&folders).unwrap();
    let mut sections = Vec::new();
    for loaded in catalog.loaded() {
        let name = loaded.path.file_name().unwrap().to_string_lossy();
        let prepared = Prepared::new(loaded.scenario.clone(), loaded.source.clone());
        let bounds = ScoreBounds::try_of(&prepared.scenario);
        let mut out = format!("# {name} bounds {bounds:?}\n");
        for seed in SEEDS {
            play(&prepared, seed, &mut out);
        }
        sections.push((name.into_owned(), out));
    }
    sections
}

/// One session of `prepared` from `seed`, taking at each prompt the offer
/// (in the order shown) given by the seed and the step.
fn play(prepared: &Prepared, seed: u64, out: &mut String) {
    let scenario = &prepared.scenario;
    let mut session = Session::new(prepared.scenario.clone(), seed);
    let persona = session.persona().map(|p| &scenario.customer.personas[p].id);
    writeln!(out, "seed {seed} persona {persona:?}").unwrap();
    events(&session, session.opening_events(), out);
    for step in 0..MAX_STEPS {
        let Prompt::Choose {
            node,
            line,
            offers,
            speaker,
        } = session.prompt()
        else {
            break;
        };
        let shown: Vec<usize> = offers.iter().map(|o| o.choice).collect();
        let offer = (seed as usize * 7 + step * 3) % offers.len();
        writeln!(
            out,
            "  {} {speaker:?}: {line:?} {shown:?} -> {offer}",
            node.id
        )
        .unwrap();
        let fired = session.choose(offer).unwrap().events.clone();
        events(&session, &fired, out);
    }
    match Debrief::of(&session) {
        Some(debrief) => {
            let hindsight = Hindsight::of(&session, &prepared.yardstick, debrief.score);
            let lost: Vec<u8> = hindsight.turns.iter().map(|t| t.lost()).collect();
            writeln!(
                out,
                "  ended {} score {} practice {} start {:?} lost {lost:?} luck {:?}",
                debrief.ending, debrief.score, debrief.practice, hindsight.start, hindsight.luck
            )
            .unwrap();
        }
        None => writeln!(out, "  {:?} meters {:?}", session.state(), session.meters()).unwrap(),
    }
}

fn events(session: &Session, fired: &[frontline_core::session::FiredEvent], out: &mut String) {
    for e in fired {
        let node = &session.scenario().nodes[e.node].id;
        writeln!(out, "    event {node}#{}", e.event).unwrap();
    }
}

/// Each file recorded plays as recorded; files added since are not compared.
#[test]
fn every_bundled_scenario_and_fixture_replays_as_before() {
    let recorded = std::fs::read_to_string(transcript_path()).unwrap();
    let now = transcript();
    let mut compared = 0;
    for was in sections(&recorded) {
        let file = was[2..].split(' ').next().unwrap();
        let (_, is) = now
            .iter()
            .find(|(name, _)| name == file)
            .unwrap_or_else(|| panic!("{file} is no longer loaded"));
        let differs = was.lines().zip(is.lines()).position(|(a, b)| a != b);
        assert!(
            was == is,
            "{file} plays differently from its line {:?}:\nwas: {:?}\nnow: {:?}",
            differs.map(|i| i + 1),
            differs.and_then(|i| was.lines().nth(i)),
            differs.and_then(|i| is.lines().nth(i)),
        );
        compared += 1;
    }
    assert!(compared >= 15, "only {compared} files compared");
}

/// The sections of a transcript: each from a line starting `# ` to the next.
fn sections(transcript: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = transcript
        .match_indices("\n# ")
        .map(|(i, _)| i + 1)
        .collect();
    starts.insert(0, 0);
    starts.push(transcript.len());
    starts.windows(2).map(|w| &transcript[w[0]..w[1]]).collect()
}

/// Writes the transcript; run with `--ignored` only to record a new one.
#[test]
#[ignore = "writes tests/transcripts/replays.txt"]
fn record_the_transcript() {
    let path = transcript_path();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let sections: Vec<String> = transcript().into_iter().map(|(_, s)| s).collect();
    std::fs::write(path, sections.concat()).unwrap();
}
