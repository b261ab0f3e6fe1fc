//! Helpers shared by the records' integration tests: the bundled scenarios,
//! a fresh folder per test, and playthroughs recorded through the real runtime.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use frontline_core::load::Catalog;
use frontline_core::{Debrief, Scenario, Session, State};
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
        .start_session(trainee, &bundled.scenario, &hash, seed, mode)
        .expect("session starts");
    for &pick in picks {
        let State::Waiting { .. } = session.state() else {
            break;
        };
        let offered = session.offered().len();
        session.choose(pick % offered).expect("offered");
        store.record_choice(id, &session).expect("choice recorded");
    }
    if let Some(debrief) = Debrief::of(&session) {
        store.finish(id, &debrief).expect("finished");
    }
    (id, session)
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
