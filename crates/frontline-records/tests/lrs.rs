//! Sending to a learning record store, against a store in this process that
//! can be down, die mid-batch or refuse a statement: every statement the
//! export would write reaches it exactly once, and a report made from it
//! matches the records of every machine.

use std::collections::BTreeSet;
use std::thread;
use std::time::{Duration, Instant};

use frontline_core::{Mode, Playthrough, Prepared, Prompt};
use frontline_records::lrs::{Client, Lrs, drain};
use frontline_records::{
    DATABASE_FILE, Filter, OpenOptions, Recorder, Report, Store, Timestamp, xapi,
};

mod common;
use common::fake_lrs::FakeLrs;
use common::{known_sessions, play_recorded, scenario, temp_dir};

fn queued_store(name: &str) -> Store {
    OpenOptions::default()
        .queue_statements(true)
        .open(temp_dir(name).join(DATABASE_FILE))
        .unwrap()
}

/// The ids of every statement the export makes of the records.
fn exported_ids(store: &Store) -> BTreeSet<String> {
    let attempts = store.sessions(&Filter::default()).unwrap();
    xapi::statements(&attempts)
        .iter()
        .map(|s| s.id.to_string())
        .collect()
}

fn stored_ids(lrs: &FakeLrs) -> BTreeSet<String> {
    lrs.with(|s| s.stored.keys().cloned().collect())
}

fn client(lrs: &FakeLrs) -> Client {
    Client::new(
        &Lrs::new(&lrs.url, None, None).unwrap(),
        Duration::from_secs(5),
    )
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_game_sends_in_the_background_once_the_store_is_up() {
    let lrs = FakeLrs::start();
    lrs.with(|s| {
        s.down = true;
        s.authorization = Some("Basic a2V5OnMzY3I6dA==".into()); // key:s3cr:t
    });
    let path = temp_dir("background").join(DATABASE_FILE);
    let mut recorder = Recorder::open(&path, "Ada").unwrap();
    let config = Lrs::new(&lrs.url, Some("key".into()), Some("s3cr:t".into())).unwrap();
    recorder.send_to(&config);
    let b = scenario("late_meal");
    let prepared = Prepared::new((*b.scenario).clone(), b.source.as_str());
    let mut played = Playthrough::new(&prepared, 4, Mode::Coach);
    played.start(&mut recorder);
    while let Prompt::Choose { .. } = played.prompt() {
        played.choose(0, &mut recorder).unwrap();
    }
    let statements = 2 + played.session().steps().len();
    // Down: everything waits, counted.
    thread::sleep(Duration::from_millis(300));
    assert_eq!(recorder.pending(), statements);
    assert!(recorder.sending_error().unwrap().contains("503"));
    lrs.with(|s| s.down = false);
    wait_for("the queue to drain", || recorder.pending() == 0);
    let store = Store::open(&path).unwrap();
    assert_eq!(stored_ids(&lrs), exported_ids(&store));
    assert_eq!(store.pending().unwrap(), 0);
}

#[test]
fn a_store_that_dies_mid_batch_gets_it_again_and_keeps_one_of_each() {
    let lrs = FakeLrs::start();
    let mut store = queued_store("dies");
    known_sessions(&mut store);
    let queued = store.pending().unwrap();
    assert_eq!(queued, exported_ids(&store).len());
    lrs.with(|s| s.die_after_storing = 1);
    let first = drain(&mut store, &client(&lrs), 10).unwrap();
    assert!(
        first.error.is_some(),
        "an unanswered batch is not delivered"
    );
    assert_eq!(first.left, queued);
    let second = drain(&mut store, &client(&lrs), 10).unwrap();
    assert_eq!((second.sent, second.left, second.error), (queued, 0, None));
    assert_eq!(stored_ids(&lrs), exported_ids(&store));
    let received = lrs.with(|s| s.received);
    assert_eq!(received, queued + 10, "the first batch came twice");
}

#[test]
fn a_refused_statement_is_kept_apart_and_holds_up_no_other() {
    let lrs = FakeLrs::start();
    let mut store = queued_store("refused");
    known_sessions(&mut store);
    let batch = store.next_batch(3).unwrap();
    let bad = batch[1].id.clone();
    lrs.with(|s| s.refuse = Some(bad.clone()));
    let drained = drain(&mut store, &client(&lrs), 500).unwrap();
    let all = exported_ids(&store);
    assert_eq!(
        (drained.sent, drained.refused, drained.left),
        (all.len() - 1, 1, 0)
    );
    let refusals = store.refusals().unwrap();
    assert_eq!(refusals.len(), 1);
    assert_eq!(refusals[0].0, bad);
    assert!(refusals[0].1.contains("400"), "{:?}", refusals[0]);
    let mut expected = all;
    expected.remove(&bad);
    assert_eq!(stored_ids(&lrs), expected);
}

#[test]
fn a_wrong_login_holds_the_queue_without_blaming_the_statements() {
    let lrs = FakeLrs::start();
    lrs.with(|s| s.authorization = Some("Basic a2V5OnNlY3JldA==".into())); // key:secret
    let mut store = queued_store("login");
    known_sessions(&mut store);
    let queued = store.pending().unwrap();
    let wrong = Lrs::new(&lrs.url, Some("key".into()), Some("typo".into())).unwrap();
    let drained = drain(&mut store, &Client::new(&wrong, Duration::from_secs(5)), 10).unwrap();
    assert_eq!(
        (drained.sent, drained.refused, drained.left),
        (0, 0, queued)
    );
    let why = drained.error.unwrap();
    assert!(why.contains("401") && why.contains("login"), "{why}");
    assert_eq!(store.refusals().unwrap(), vec![]);
    let right = Lrs::new(&lrs.url, Some("key".into()), Some("secret".into())).unwrap();
    let drained = drain(&mut store, &Client::new(&right, Duration::from_secs(5)), 10).unwrap();
    assert_eq!(
        (drained.sent, drained.left, drained.error),
        (queued, 0, None)
    );
    assert_eq!(stored_ids(&lrs), exported_ids(&store));
}

#[test]
fn a_report_from_the_store_shows_every_machine() {
    let lrs = FakeLrs::start();
    let mut first = queued_store("machine-a");
    let mut second = queued_store("machine-b");
    known_sessions(&mut first);
    for seed in 0..3 {
        play_recorded(
            &mut second,
            "Eve",
            &scenario("caviar"),
            seed,
            Mode::Exam,
            &[1; 64],
        );
    }
    for store in [&mut first, &mut second] {
        assert_eq!(drain(store, &client(&lrs), 4).unwrap().left, 0);
    }
    let read = client(&lrs).statements(&Filter::default()).unwrap();
    assert_eq!(
        read.len(),
        lrs.with(|s| s.stored.len()),
        "every page was read"
    );
    let from_store = xapi::attempts(&read, &Filter::default());
    let mut local = first.sessions(&Filter::default()).unwrap();
    local.extend(second.sessions(&Filter::default()).unwrap());
    let now = Timestamp::now();
    let a = Report::of(&from_store, Filter::default(), now);
    let b = Report::of(&local, Filter::default(), now);
    assert_eq!(a.trainees, b.trainees);
    assert_eq!(a.scenarios, b.scenarios);
    assert_eq!(a.mistakes, b.mistakes);
    assert_eq!(a.progress, b.progress);
    assert!(a.trainees.iter().any(|r| r.trainee == "Eve"));
    assert!(a.trainees.iter().any(|r| r.trainee == "Ada"));
}
