//! Two writers with their own connections, started at the same moment on a
//! database that does not exist yet, both record everything.

use std::sync::{Arc, Barrier};
use std::thread;

use frontline_records::{DATABASE_FILE, Filter, Store};

mod common;
use common::{bundled, play_to_end, temp_dir};

const SESSIONS: usize = 12;

#[test]
fn two_writers_at_once_both_succeed() {
    let path = Arc::new(temp_dir("two-writers").join(DATABASE_FILE));
    let start = Arc::new(Barrier::new(2));
    let writers: Vec<_> = ["Ada", "Bob"]
        .into_iter()
        .map(|trainee| {
            let (path, start) = (Arc::clone(&path), Arc::clone(&start));
            thread::spawn(move || {
                let scenarios = bundled();
                start.wait();
                let mut store = Store::open(path.as_path()).expect("opens alongside the other");
                let mut choices = 0;
                for n in 0..SESSIONS {
                    let scenario = &scenarios[n % scenarios.len()];
                    let (_, session) = play_to_end(&mut store, trainee, scenario, n as u64, n);
                    choices += session.steps().len();
                }
                choices
            })
        })
        .collect();
    let written: Vec<usize> = writers
        .into_iter()
        .map(|w| w.join().expect("writer succeeded"))
        .collect();

    let store = Store::open(path.as_path()).unwrap();
    for (trainee, choices) in ["Ada", "Bob"].into_iter().zip(written) {
        let attempts = store.attempts(trainee).unwrap();
        assert_eq!(attempts.len(), SESSIONS, "{trainee}");
        assert!(attempts.iter().all(|a| a.finish.is_some()), "{trainee}");
        let recorded: usize = attempts.iter().map(|a| a.choices.len()).sum();
        assert_eq!(recorded, choices, "{trainee}");
    }
    assert_eq!(
        store.sessions(&Filter::default()).unwrap().len(),
        2 * SESSIONS
    );
}
