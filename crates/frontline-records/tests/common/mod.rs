//! Helpers shared by the records' integration tests: the bundled scenarios,
//! a fresh folder per test, and playthroughs recorded through the real runtime.
#![allow(dead_code)]

pub mod fake_lrs;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use frontline_core::load::Catalog;
use frontline_core::runner::Feedback;
use frontline_core::typing::Said;
use frontline_core::{Debrief, Hindsight, Scenario, Session, State, Yardstick};
use frontline_records::{Mode, SessionId, Store, content_hash};

/// A bundled scenario with its file's text.
pub struct Bundled {
    pub scenario: Arc<Scenario>,
    pub source: String,
}

pub fn bundled() -> Vec<Bundled> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let catalog = Catalog::load(&[dir]).expect("scenarios/ is readable");
    catalog
        .loaded()
        .map(|l| Bundled {
            scenario: Arc::new(l.scenario.clone()),
            source: l.source.clone(),
        })
        .collect()
}

pub fn scenario(id: &str) -> Bundled {
    bundled()
        .into_iter()
        .find(|b| b.scenario.id == id)
        .unwrap_or_else(|| panic!("no bundled scenario `{id}`"))
}

/// An empty folder under the target directory, new for each call.
pub fn temp_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("records")
        .join(format!("{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Plays `picks` (offers, 0-based, taken modulo what is offered) from `seed`,
/// recording each choice; finishes the session if it ended. Returns the id
/// and the session.
pub fn play_recorded(
    store: &mut Store,
    trainee: &str,
    bundled: &Bundled,
    seed: u64,
    mode: Mode,
    picks: &[usize],
) -> (SessionId, Session) {
    let hash = content_hash(&bundled.source);
    let mut session = Session::new(Arc::clone(&bundled.scenario), seed);
    let id = store
        .start_session(trainee, &bundled.scenario, &hash, seed, mode, None)
        .expect("session starts");
    for &pick in picks {
        let State::Waiting { .. } = session.state() else {
            break;
        };
        let offered = session.offered().len();
        session.choose(pick % offered).expect("offered");
        store
            .record_choice(id, &session, &judged(&session), &Said::Picked)
            .expect("choice recorded");
    }
    if let Some(debrief) = Debrief::of(&session) {
        store
            .finish(id, &debrief, &looked_back(&session, &debrief))
            .expect("finished");
    }
    (id, session)
}

/// How the runner judges the session's last reply.
pub fn judged(session: &Session) -> Feedback {
    let step = session.steps().last().expect("a reply was made");
    Feedback::of(&session.scenario().nodes[step.node].choices[step.choice])
}

/// The debrief's look back at an ended session, as the runner makes it.
pub fn looked_back(session: &Session, debrief: &Debrief) -> Hindsight {
    Hindsight::of(session, &Yardstick::of(session.scenario()), debrief.score)
}

/// Plays to an ending always taking offer `pick`.
pub fn play_to_end(
    store: &mut Store,
    trainee: &str,
    bundled: &Bundled,
    seed: u64,
    pick: usize,
) -> (SessionId, Session) {
    let (id, session) = play_recorded(store, trainee, bundled, seed, Mode::Coach, &[pick; 64]);
    assert!(Debrief::of(&session).is_some(), "session did not end");
    (id, session)
}

/// The fixture scenario of `tests/fixtures/shop.scenario.ron`, with its id
/// replaced by `id` to make a second scenario.
pub fn shop(id: &str) -> Bundled {
    let source =
        include_str!("../fixtures/shop.scenario.ron").replace("\"shop\"", &format!("{id:?}"));
    let scenario = frontline_core::load::parse(Path::new("shop.scenario.ron"), &source)
        .unwrap_or_else(|d| panic!("invalid fixture: {}", d[0]));
    Bundled {
        scenario: Arc::new(scenario),
        source,
    }
}

/// Offers of the shop fixture, always shown in written order.
pub const ASK: usize = 0;
pub const UPSELL: usize = 1;
pub const HONEST: usize = 0;
pub const PROMISE: usize = 1;
pub const SHRUG: usize = 2;

/// A store whose clock starts at 2025-03-01T09:00:00Z and moves one minute
/// each time the store reads it (once per start, choice and finish).
pub fn store_with_minute_clock(path: &Path) -> Store {
    use std::sync::atomic::AtomicI64;
    let start = frontline_records::Timestamp::parse("2025-03-01T09:00:00Z")
        .unwrap()
        .millis();
    let next = Arc::new(AtomicI64::new(start));
    frontline_records::OpenOptions::default()
        .clock(move || {
            frontline_records::Timestamp::from_millis(next.fetch_add(60_000, Ordering::Relaxed))
        })
        .open(path)
        .expect("opens")
}

/// The report tests' known sessions (times as `store_with_minute_clock` gives them):
/// Ada: shop 78 (09:00–09:03), shop 100 (09:04–09:07), shop abandoned after one choice (09:08, 09:09);
/// Bob: shop 6 (09:10–09:13), shop 44 (09:14–09:17); Cy: till 62 (09:18–09:21).
pub fn known_sessions(store: &mut Store) {
    let (shop, till) = (shop("shop"), shop("till"));
    let plays: [(&str, &Bundled, &[usize]); 6] = [
        ("Ada", &shop, &[ASK, SHRUG]),
        ("Ada", &shop, &[ASK, HONEST]),
        ("Ada", &shop, &[UPSELL]),
        ("Bob", &shop, &[UPSELL, PROMISE]),
        ("Bob", &shop, &[UPSELL, HONEST]),
        ("Cy", &till, &[ASK, PROMISE]),
    ];
    for (trainee, scenario, picks) in plays {
        play_recorded(store, trainee, scenario, 1, Mode::Coach, picks);
    }
}
