//! Fuzzes the records store's reads: the input is a records database file,
//! opened read-only as `frontline report` opens it, then every query and
//! every report (tables, CSV, HTML, xAPI) is made from what it holds. A
//! damaged file must give an error, never a panic.

#![no_main]

use std::fs;
use std::path::PathBuf;

use frontline_records::{Filter, OpenOptions, Timestamp, html, table, xapi};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let path = database();
    // What SQLite left beside the last input must not leak into this one.
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.clone().into_os_string();
        side.push(suffix);
        let _ = fs::remove_file(side);
    }
    if fs::write(&path, bytes).is_err() {
        return;
    }
    let Ok(store) = OpenOptions::default().open_read_only(&path) else {
        return;
    };
    let Ok(attempts) = store.sessions(&Filter::default()) else {
        return;
    };
    for a in &attempts {
        let _ = store.attempts(&a.trainee);
        let _ = store.best(&a.trainee, &a.scenario);
    }
    let report = frontline_records::Report::of(&attempts, Filter::default(), Timestamp::now());
    let _ = html::page(&report);
    let _ = table::write_trainees(Vec::new(), &report.trainees);
    let _ = table::write_scenarios(Vec::new(), &report.scenarios);
    let _ = table::write_mistakes(Vec::new(), &report.mistakes);
    // Whatever the file holds, its statements read back as the same attempts.
    let statements = xapi::statements(&attempts);
    let _ = xapi::attempts(&statements, &Filter::default());
});

/// One file per fuzzing process, in memory where the system has it.
fn database() -> PathBuf {
    let dir = ["/dev/shm", "/tmp"]
        .iter()
        .map(PathBuf::from)
        .find(|d| d.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    dir.join(format!("frontline-fuzz-{}.sqlite3", std::process::id()))
}
