//! Throughput of the sender: queues N statements (sessions of 8 replies and
//! an ending, as the records make them) in a fresh records file and drains
//! them to a store, printing statements per second.
//!
//! `cargo run --release -p frontline-records --example drain -- URL [N] [BATCH]`
//! with `$FRONTLINE_LRS_KEY`/`$FRONTLINE_LRS_SECRET` for the store's login.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use frontline_core::typing::Said;
use frontline_core::{Grade, Mode, Outcome, Practice};
use frontline_records::lrs::{Client, Lrs, drain};
use frontline_records::{Attempt, Finish, OpenOptions, RecordedChoice, SessionId, Timestamp, xapi};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let url = args.first().ok_or("usage: drain URL [N] [BATCH]")?;
    let n: usize = args
        .get(1)
        .map_or(Ok(100_000), |a| a.parse())
        .map_err(|e| format!("{e}"))?;
    let batch: usize = args
        .get(2)
        .map_or(Ok(500), |a| a.parse())
        .map_err(|e| format!("{e}"))?;
    let env = |name| std::env::var(name).ok();
    let lrs = Lrs::new(url, env("FRONTLINE_LRS_KEY"), env("FRONTLINE_LRS_SECRET"))?;
    let dir = std::env::temp_dir().join(format!("frontline-drain-{}", std::process::id()));
    let mut store = OpenOptions::default()
        .queue_statements(true)
        .open(dir.join("records.sqlite3"))
        .map_err(|e| e.to_string())?;
    let mut statements = Vec::with_capacity(n);
    while statements.len() < n {
        statements.extend(xapi::statements(&[session(statements.len())]));
    }
    statements.truncate(n);
    let queued = Instant::now();
    store.enqueue(&statements).map_err(|e| e.to_string())?;
    eprintln!(
        "queued {n} statements in {:.1} s",
        queued.elapsed().as_secs_f64()
    );
    let client = Client::new(&lrs, Duration::from_secs(120));
    let started = Instant::now();
    let drained = drain(&mut store, &client, batch).map_err(|e| e.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "sent {} statements in {seconds:.1} s: {:.0} statements/s (batches of {batch}); left {}, refused {}{}",
        drained.sent,
        drained.sent as f64 / seconds,
        drained.left,
        drained.refused,
        drained
            .error
            .map(|e| format!("; stopped: {e}"))
            .unwrap_or_default()
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// A finished session of 8 replies by one of 50 trainees.
fn session(n: usize) -> Attempt {
    let started = Timestamp::parse("2025-03-01T09:00:00Z").unwrap().millis() + n as i64 * 1000;
    let at = |k: i64| Timestamp::from_millis(started + k * 100);
    Attempt {
        id: SessionId(n as i64),
        uuid: uuid::Uuid::new_v4(),
        trainee: format!("Trainee {}", n % 50),
        scenario: "caviar".into(),
        scenario_title: "Everything under the sea".into(),
        content_hash: format!("fnv1a128:{:032x}", 7),
        seed: n as u64,
        mode: Mode::Coach,
        started: at(0),
        retry: None,
        finish: Some(Finish {
            ended: at(9),
            ending: "regular".into(),
            outcome: Outcome::Promoter,
            score: 91,
            grade: Grade::A,
        }),
        choices: (0..8)
            .map(|step| RecordedChoice {
                quality: 1.0,
                lost: Some(0),
                step,
                node: format!("node_{step}"),
                index: 1,
                text: "I can see why you expected that; let me tell you what we do have.".into(),
                tags: vec![Practice::Ask, Practice::Listen],
                meters: BTreeMap::from([("mood".into(), 3), ("trust".into(), 2)]),
                at: at(i64::from(step) + 1),
                said: Said::Picked,
            })
            .collect(),
    }
}
