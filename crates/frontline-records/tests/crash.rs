//! `kill -9` at random moments loses nothing that was reported as recorded.
//!
//! The test runs itself again as the writer: with `FRONTLINE_RECORDS_CRASH_DB`
//! set, it plays random sessions forever, printing a line on stderr after
//! each commit. The parent kills it (SIGKILL) after a random delay, then
//! checks the database's integrity and looks for every reported choice.

use std::collections::BTreeSet;
use std::env;
use std::io::{BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

use frontline_core::typing::Said;
use frontline_core::{Debrief, Session};
use frontline_records::{DATABASE_FILE, Filter, Mode, Store, Verdict, content_hash};
use rand::rngs::SmallRng;
use rand::{RngExt, SeedableRng};

mod common;
use common::{bundled, judged, looked_back, temp_dir};

const CHILD: &str = "FRONTLINE_RECORDS_CRASH_DB";
const TEST: &str = "a_writer_killed_at_random_moments_keeps_every_committed_choice";
const TRIALS: usize = 24;

#[test]
fn a_writer_killed_at_random_moments_keeps_every_committed_choice() {
    if let Some(path) = env::var_os(CHILD) {
        write_forever(Path::new(&path));
    }
    let seed: u64 = rand::random();
    let mut rng = SmallRng::seed_from_u64(seed);
    let path = temp_dir("crash").join(DATABASE_FILE);
    let (mut committed, mut finished) = (BTreeSet::new(), BTreeSet::new());
    for trial in 0..TRIALS {
        let mut child = Command::new(env::current_exe().unwrap())
            .args([TEST, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("writer starts");
        let stderr = child.stderr.take().unwrap();
        let reader = thread::spawn(move || {
            let mut all = String::new();
            let _ = BufReader::new(stderr).read_to_string(&mut all);
            // The kill can cut the last line short: only whole lines count.
            let whole = all.rfind('\n').map_or("", |end| &all[..end]);
            whole.lines().map(str::to_string).collect::<Vec<String>>()
        });
        thread::sleep(Duration::from_millis(rng.random_range(50..400)));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert_eq!(
            status.signal(),
            Some(9),
            "trial {trial} (seed {seed}): the writer stopped by itself"
        );
        for line in reader.join().unwrap() {
            let words: Vec<&str> = line.split(' ').collect();
            match words[..] {
                ["committed", session, step] => {
                    committed.insert((
                        session.parse::<i64>().unwrap(),
                        step.parse::<u32>().unwrap(),
                    ));
                }
                ["finished", session] => {
                    finished.insert(session.parse::<i64>().unwrap());
                }
                _ => {}
            }
        }

        let conn = rusqlite::Connection::open(&path).unwrap();
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok", "trial {trial} (seed {seed})");
        drop(conn);

        let attempts = Store::open(&path)
            .unwrap()
            .sessions(&Filter::default())
            .unwrap();
        let found: BTreeSet<(i64, u32)> = attempts
            .iter()
            .flat_map(|a| a.choices.iter().map(move |c| (a.id.0, c.step)))
            .collect();
        let lost: Vec<_> = committed.difference(&found).collect();
        assert!(
            lost.is_empty(),
            "trial {trial} (seed {seed}): lost {lost:?}"
        );
        // Each kill may land between a commit and its line: one unreported choice per trial at most.
        assert!(
            found.len() - committed.len() <= trial + 1,
            "trial {trial}: unexplained choices"
        );
        for attempt in &attempts {
            let steps: Vec<u32> = attempt.choices.iter().map(|c| c.step).collect();
            assert_eq!(
                steps,
                (0..steps.len() as u32).collect::<Vec<_>>(),
                "gap in {}",
                attempt.id
            );
            if finished.contains(&attempt.id.0) {
                assert_ne!(attempt.verdict(), Verdict::Abandoned);
            }
        }
        println!(
            "trial {trial}: {} choices reported committed, {} found, {} sessions ({} finished), integrity ok",
            committed.len(),
            found.len(),
            attempts.len(),
            attempts.iter().filter(|a| a.finish.is_some()).count()
        );
    }
    assert!(
        committed.len() > TRIALS,
        "the writer barely wrote: {}",
        committed.len()
    );
}

/// The child: records random sessions until it is killed.
fn write_forever(path: &Path) -> ! {
    let scenarios = bundled();
    let mut store = Store::open(path).expect("writer opens the records");
    let mut rng = SmallRng::seed_from_u64(rand::random());
    loop {
        let bundled = &scenarios[rng.random_range(0..scenarios.len())];
        let seed = rng.random();
        let mut session = Session::new(bundled.scenario.clone(), seed);
        let id = store
            .start_session(
                "Crash",
                &bundled.scenario,
                &content_hash(&bundled.source),
                seed,
                Mode::Coach,
                None,
            )
            .expect("start");
        loop {
            let offered = session.offered().len();
            if offered == 0 || session.choose(rng.random_range(0..offered)).is_err() {
                break;
            }
            store
                .record_choice(id, &session, &judged(&session), &Said::Picked)
                .expect("record");
            eprintln!("committed {} {}", id.0, session.steps().len() - 1);
        }
        if let Some(debrief) = Debrief::of(&session) {
            store
                .finish(id, &debrief, &looked_back(&session, &debrief))
                .expect("finish");
            eprintln!("finished {}", id.0);
        }
    }
}
