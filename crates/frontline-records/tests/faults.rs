//! A locked, read-only, damaged, newer or foreign database gives its own
//! error with a message a person can act on, and the file is left byte for
//! byte as it was.

use frontline_core::typing::Said;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use frontline_records::{DATABASE_FILE, OpenOptions, Recorder, Store, StoreError};
use rusqlite::Connection;

mod common;
use common::{judged, looked_back, play_to_end, scenario, temp_dir};

/// A records database with a few sessions, closed (its WAL checkpointed away).
fn records(name: &str) -> PathBuf {
    let path = temp_dir(name).join(DATABASE_FILE);
    let mut store = Store::open(&path).unwrap();
    let late = scenario("late_meal");
    for seed in 0..20 {
        play_to_end(&mut store, "Ada", &late, seed, seed as usize);
    }
    path
}

fn quick() -> OpenOptions {
    OpenOptions::default().busy_timeout(Duration::from_millis(200))
}

/// Opens `path`, expecting an error, and checks that the file is unchanged.
fn open_fails(path: &Path) -> StoreError {
    let before = fs::read(path).unwrap();
    let error = quick().open(path).expect_err("must not open");
    assert_eq!(fs::read(path).unwrap(), before, "{error}: the file changed");
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    error
}

#[test]
fn a_newer_schema_is_refused_with_both_versions() {
    let path = records("newer");
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 5)
        .unwrap();
    let error = open_fails(&path);
    assert!(
        matches!(
            error,
            StoreError::NewerSchema {
                found: 5,
                known: 2,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("written by a newer Frontline (schema 5, this build knows 2)"),
        "{error}"
    );
    assert!(matches!(
        quick().open_read_only(&path),
        Err(StoreError::NewerSchema { .. })
    ));
}

#[test]
fn a_file_that_is_not_a_database_is_called_damaged() {
    let path = temp_dir("garbage").join(DATABASE_FILE);
    fs::write(
        &path,
        "these are a trainer's notes, not a database\n".repeat(200),
    )
    .unwrap();
    let error = open_fails(&path);
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error:?}");
    assert!(error.to_string().contains("left untouched"), "{error}");
}

#[test]
fn a_damaged_page_is_found_before_anything_is_written() {
    let path = records("damaged");
    let mut bytes = fs::read(&path).unwrap();
    assert!(bytes.len() >= 4 * 4096, "{} bytes", bytes.len());
    for byte in &mut bytes[2 * 4096 + 8..3 * 4096] {
        *byte = 0xa5;
    }
    fs::write(&path, &bytes).unwrap();
    let error = open_fails(&path);
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error:?}");
}

#[test]
fn a_read_only_file_is_not_written() {
    let path = records("read-only");
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions.clone()).unwrap();
    let error = open_fails(&path);
    assert!(matches!(error, StoreError::ReadOnly { .. }), "{error:?}");
    assert!(error.to_string().contains("is read-only"), "{error}");
    // A report only reads, so it still works.
    let store = quick().open_read_only(&path).expect("reports read it");
    assert_eq!(store.attempts("Ada").unwrap().len(), 20);
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    fs::set_permissions(&path, permissions).unwrap();
}

#[test]
fn a_database_held_by_another_program_is_locked() {
    let path = records("locked");
    let before = fs::read(&path).unwrap();
    let holder = Connection::open(&path).unwrap();
    holder
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .unwrap();
    let error = open_fails(&path);
    assert!(matches!(error, StoreError::Locked { .. }), "{error:?}");
    assert!(error.to_string().contains("locked by another program"));
    drop(holder);
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(quick().open(&path).is_ok(), "opens once released");
}

#[test]
fn another_programs_database_is_left_alone() {
    let path = temp_dir("foreign").join("notes.sqlite3");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('keep me');")
        .unwrap();
    let error = open_fails(&path);
    assert!(
        matches!(error, StoreError::NotFrontline { .. }),
        "{error:?}"
    );
}

#[test]
fn reports_need_an_existing_database() {
    let path = temp_dir("missing").join(DATABASE_FILE);
    let error = quick().open_read_only(&path).expect_err("nothing to read");
    assert!(matches!(error, StoreError::Missing { .. }), "{error:?}");
    assert!(!path.exists(), "a report must not create the file");
}

#[test]
fn the_recorder_turns_off_when_the_database_stays_locked() {
    let path = records("recorder-locked");
    let store = quick().open(&path).unwrap();
    let mut recorder = Recorder::with_store(store, "Ada");
    let caviar = scenario("caviar");
    let mut session = frontline_core::Session::new(caviar.scenario.clone(), 9);
    recorder.start(
        &session,
        &caviar.source,
        frontline_records::Mode::Coach,
        None,
    );
    assert!(recorder.active().is_some());

    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    session.choose(0).unwrap();
    recorder.choice(&session, &judged(&session), &Said::Picked);
    assert!(!recorder.is_recording());
    let reason = recorder.off_reason().expect("says why");
    assert!(
        reason.contains("locked") && reason.ends_with("recording is off"),
        "{reason}"
    );
    holder.execute_batch("ROLLBACK;").unwrap();

    // Later calls are silently ignored; nothing more is written.
    session.choose(0).unwrap();
    recorder.choice(&session, &judged(&session), &Said::Picked);
    let attempts = Store::open(&path).unwrap().attempts("Ada").unwrap();
    assert_eq!(attempts.last().unwrap().choices.len(), 0);
}

#[test]
fn a_recorder_that_could_not_open_says_why() {
    let path = temp_dir("recorder-off").join(DATABASE_FILE);
    fs::write(&path, "not a database").unwrap();
    let error = Recorder::open(&path, "Ada").expect_err("damaged");
    let mut recorder = Recorder::off(&error);
    let caviar = scenario("caviar");
    let session = frontline_core::Session::new(caviar.scenario.clone(), 1);
    recorder.start(
        &session,
        &caviar.source,
        frontline_records::Mode::Exam,
        None,
    );
    assert!(!recorder.is_recording());
    assert!(recorder.off_reason().unwrap().contains("damaged"));
    assert_eq!(fs::read(&path).unwrap(), b"not a database");
}

#[test]
fn a_recorder_records_a_whole_session() {
    let path = temp_dir("recorder").join(DATABASE_FILE);
    let mut recorder = Recorder::open(&path, "Ada").unwrap();
    let phone = scenario("phone");
    let mut session = frontline_core::Session::new(phone.scenario.clone(), 4);
    recorder.start(
        &session,
        &phone.source,
        frontline_records::Mode::Coach,
        None,
    );
    while session.choose(0).is_ok() {
        recorder.choice(&session, &judged(&session), &Said::Picked);
    }
    let debrief = frontline_core::Debrief::of(&session).expect("ended");
    recorder.finish(&debrief, &looked_back(&session, &debrief));
    assert!(recorder.is_recording(), "{:?}", recorder.off_reason());
    assert_eq!(recorder.active(), None);
    let best = recorder.best("phone").expect("recorded");
    assert_eq!(best.score(), Some(debrief.score));
    assert_eq!(best.choices.len(), session.steps().len());
    // A choice after the end has no session to go to.
    recorder.choice(&session, &judged(&session), &Said::Picked);
    assert!(
        recorder
            .off_reason()
            .unwrap()
            .contains("before its session was started")
    );
}

#[test]
fn the_recorder_can_be_a_shared_resource() {
    fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Recorder>();
}

#[test]
fn a_database_at_schema_zero_with_tables_is_called_damaged_without_its_schema() {
    let path = records("version-zero");
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 0)
        .unwrap();
    let error = open_fails(&path);
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error:?}");
    let message = Recorder::off(&error).off_reason().unwrap().to_string();
    assert!(
        !message.contains("CREATE"),
        "the schema is printed: {message}"
    );
    assert!(message.lines().count() == 1, "{message}");
}
