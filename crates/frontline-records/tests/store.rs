//! Sessions recorded through the real runtime on the bundled scenarios read
//! back as they were played; misuse is refused without touching the records.

use std::sync::Arc;

use frontline_core::typing::Said;
use frontline_core::{Debrief, Session};
use frontline_records::{
    DATABASE_FILE, Mode, SCHEMA_VERSION, Store, StoreError, Verdict, content_hash,
};

mod common;
use common::{bundled, judged, looked_back, play_recorded, play_to_end, scenario, temp_dir};

#[test]
fn every_choice_of_every_bundled_scenario_reads_back() {
    let path = temp_dir("read-back")
        .join("nested/folder")
        .join(DATABASE_FILE);
    let mut store = Store::open(&path).expect("opens and creates the folder");
    let mut played = Vec::new();
    for (n, bundled) in bundled().iter().enumerate() {
        for pick in 0..3 {
            let seed = 1000 + n as u64 * 10 + pick as u64;
            played.push(play_to_end(&mut store, "Ada", bundled, seed, pick));
        }
    }
    drop(store);

    let store = Store::open(&path).expect("reopens");
    let attempts = store.attempts("Ada").expect("reads");
    assert_eq!(attempts.len(), played.len());
    for (attempt, (id, session)) in attempts.iter().zip(&played) {
        let debrief = Debrief::of(session).expect("ended");
        let scenario = session.scenario();
        assert_eq!(attempt.id, *id);
        assert_eq!(attempt.scenario, scenario.id);
        assert_eq!(attempt.scenario_title, scenario.title);
        assert_eq!(attempt.seed, session.seed());
        assert_eq!(attempt.mode, Mode::Coach);
        let finish = attempt.finish.as_ref().expect("finished");
        assert_eq!(
            (
                finish.score,
                finish.grade,
                finish.outcome,
                finish.ending.as_str()
            ),
            (
                debrief.score,
                debrief.grade,
                debrief.outcome,
                debrief.ending.as_str()
            )
        );
        assert_eq!(attempt.choices.len(), session.steps().len());
        for (recorded, (step, review)) in attempt
            .choices
            .iter()
            .zip(session.steps().iter().zip(&debrief.steps))
        {
            assert_eq!(recorded.node, review.node);
            assert_eq!(recorded.index as usize, step.choice);
            assert_eq!(recorded.text, review.choice);
            assert_eq!(recorded.tags, review.tags);
            let meters: Vec<i32> = scenario
                .meters
                .iter()
                .map(|m| recorded.meters[&m.id])
                .collect();
            assert_eq!(meters, step.meters_after);
        }
    }
}

#[test]
fn content_hash_seed_and_mode_are_kept() {
    let path = temp_dir("session-facts").join(DATABASE_FILE);
    let mut store = Store::open(&path).unwrap();
    let caviar = scenario("caviar");
    let seed = u64::MAX - 7;
    play_recorded(&mut store, "Ada", &caviar, seed, Mode::Exam, &[0]);
    let attempt = &store.attempts("Ada").unwrap()[0];
    assert_eq!(attempt.seed, seed);
    assert_eq!(attempt.mode, Mode::Exam);
    assert_eq!(attempt.content_hash, content_hash(&caviar.source));
    assert!(attempt.content_hash.starts_with("fnv1a128:"));
}

#[test]
fn an_unfinished_session_is_kept_as_abandoned() {
    let path = temp_dir("abandoned").join(DATABASE_FILE);
    let mut store = Store::open(&path).unwrap();
    let (id, _) = play_recorded(
        &mut store,
        "Ada",
        &scenario("phone"),
        3,
        Mode::Coach,
        &[0, 0],
    );
    drop(store);
    let attempts = Store::open(&path).unwrap().attempts("Ada").unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].id, id);
    assert_eq!(attempts[0].verdict(), Verdict::Abandoned);
    assert_eq!(attempts[0].choices.len(), 2);
    assert_eq!(attempts[0].finish, None);
}

#[test]
fn best_is_the_highest_finished_score() {
    let path = temp_dir("best").join(DATABASE_FILE);
    let mut store = Store::open(&path).unwrap();
    let late = scenario("late_meal");
    let scores: Vec<u8> = (0..4)
        .map(|pick| {
            let (_, session) = play_to_end(&mut store, "Ada", &late, 5, pick);
            Debrief::of(&session).unwrap().score
        })
        .collect();
    play_recorded(&mut store, "Ada", &late, 6, Mode::Coach, &[0]);
    play_to_end(&mut store, "Bob", &late, 5, 0);
    let best = store.best("Ada", "late_meal").unwrap().expect("has a best");
    assert_eq!(best.score(), scores.iter().copied().max());
    assert_eq!(best.trainee, "Ada");
    assert!(store.best("Ada", "caviar").unwrap().is_none());
    assert!(store.best("Nobody", "late_meal").unwrap().is_none());
}

#[test]
fn misuse_is_refused_and_changes_nothing() {
    let path = temp_dir("misuse").join(DATABASE_FILE);
    let mut store = Store::open(&path).unwrap();
    let caviar = scenario("caviar");
    let phone = scenario("phone");
    let hash = content_hash(&caviar.source);
    let misuse = |r: Result<(), StoreError>| matches!(r, Err(StoreError::Misuse(_)));

    let fresh = Session::new(Arc::clone(&caviar.scenario), 1);
    let id = store
        .start_session("Ada", &caviar.scenario, &hash, 1, Mode::Coach, None)
        .unwrap();
    let mut session = fresh.clone();
    session.choose(0).unwrap();
    let told = judged(&session);
    assert!(
        misuse(store.record_choice(id, &fresh, &told, &Said::Picked)),
        "nothing chosen yet"
    );
    store
        .record_choice(id, &session, &told, &Said::Picked)
        .unwrap();
    assert!(
        misuse(store.record_choice(id, &session, &told, &Said::Picked)),
        "recorded twice"
    );

    let mut other = Session::new(Arc::clone(&phone.scenario), 1);
    other.choose(0).unwrap();
    assert!(
        misuse(store.record_choice(id, &other, &judged(&other), &Said::Picked)),
        "another scenario"
    );
    assert!(misuse(store.record_choice(
        frontline_records::SessionId(999),
        &session,
        &told,
        &Said::Picked
    )));
    assert!(matches!(
        store.start_session("  ", &caviar.scenario, &hash, 1, Mode::Coach, None),
        Err(StoreError::Misuse(_))
    ));

    let (done, ended) = play_to_end(&mut store, "Ada", &caviar, 2, 0);
    let debrief = Debrief::of(&ended).unwrap();
    assert!(
        misuse(store.finish(done, &debrief, &looked_back(&ended, &debrief))),
        "finished twice"
    );

    let attempts = store.attempts("Ada").unwrap();
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[0].choices.len(), 1);
}

#[test]
fn a_new_database_has_the_current_schema() {
    let path = temp_dir("schema").join(DATABASE_FILE);
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(mode, "wal");
    assert_eq!(app, frontline_records::APPLICATION_ID);
}

#[test]
fn a_schema_1_file_upgrades_in_place_with_nothing_lost() {
    let path = temp_dir("upgrade").join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/schema/1.sql"))
            .unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1; PRAGMA application_id = 1179407442;
             INSERT INTO trainee (id, name) VALUES (1, 'Ada');
             INSERT INTO session VALUES (1, '123e4567-e89b-42d3-a456-426614174000', 1, 'shop',
                 'The shop', 'fnv1a128:00', '7', 'coach', '2025-03-01T09:00:00.000Z',
                 '2025-03-01T09:02:00.000Z', 'happy', 'Promoter', 78, 'B');
             INSERT INTO choice VALUES (1, 0, 'greet', 1, 'Push the warranty', '[\"Upsell\"]',
                 '{\"mood\":2}', '2025-03-01T09:01:00.000Z');
             INSERT INTO choice VALUES (1, 1, 'ask', 0, 'Ask', '[\"Ask\",\"Listen\"]',
                 '{\"mood\":3}', '2025-03-01T09:02:00.000Z');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let version: i64 = store_version(&path);
    assert_eq!(version, frontline_records::SCHEMA_VERSION);
    let attempts = store.attempts("Ada").unwrap();
    assert_eq!(attempts.len(), 1);
    let a = &attempts[0];
    assert_eq!(a.uuid.to_string(), "123e4567-e89b-42d3-a456-426614174000");
    assert_eq!(a.score(), Some(78));
    assert_eq!(a.retry, None);
    // Schema 1 kept only the tags, which decided the quality then.
    let judged: Vec<(f32, Option<u8>)> = a.choices.iter().map(|c| (c.quality, c.lost)).collect();
    assert_eq!(judged, [(0.0, None), (1.0, None)]);
    assert_eq!(a.choices[1].meters["mood"], 3);
    assert_eq!(store.pending().unwrap(), 0, "the queue starts empty");
}

fn store_version(path: &std::path::Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}
