//! The game's and the text mode's handle on the records: it owns the store
//! and the session in play, and never hands an error to the game loop. After
//! a failure it stops recording and keeps the reason for the UI to show.

use std::path::Path;
use std::sync::{Mutex, PoisonError};

use frontline_core::runner::{Feedback, Retry};
use frontline_core::typing::Said;
use frontline_core::{Debrief, Hindsight, Session};

use crate::attempt::{Attempt, Mode, SessionId};
use crate::error::StoreError;
use crate::hash::content_hash;
use crate::lrs::{Backoff, Lrs, Sender};
use crate::store::Store;

#[derive(Debug)]
pub struct Recorder {
    /// In a mutex so that the recorder is `Sync` (a Bevy resource); the
    /// recording methods take `&mut self` and never lock.
    store: Option<Mutex<Store>>,
    trainee: String,
    active: Option<SessionId>,
    off: Option<String>,
    /// Recording stopped and the trainee has not been told yet.
    untold: bool,
    /// Sends the queued statements to a learning record store.
    sender: Option<Sender>,
}

impl Recorder {
    /// Opens (or creates) the records at `path` for `trainee`.
    pub fn open(path: impl AsRef<Path>, trainee: &str) -> Result<Recorder, StoreError> {
        Ok(Recorder::with_store(Store::open(path)?, trainee))
    }

    pub fn with_store(store: Store, trainee: &str) -> Recorder {
        Recorder {
            store: Some(Mutex::new(store)),
            trainee: trainee.to_string(),
            active: None,
            off: None,
            untold: false,
            sender: None,
        }
    }

    /// Also sends every event to `lrs`: each statement is queued with the
    /// event it describes, and a background thread sends the queue (what an
    /// earlier run left in it too).
    pub fn send_to(&mut self, lrs: &Lrs) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let store = store.get_mut().unwrap_or_else(PoisonError::into_inner);
        store.queue = true;
        let path = store.path().to_path_buf();
        self.sender = Some(Sender::spawn(path, lrs, Backoff::default()));
    }

    /// Results waiting to be sent to the learning record store; 0 when none
    /// is set up. Cheap: it reads a counter the sender keeps.
    pub fn pending(&self) -> usize {
        self.sender.as_ref().map_or(0, Sender::pending)
    }

    /// Why the last try to send failed, while results are waiting.
    pub fn sending_error(&self) -> Option<String> {
        self.sender.as_ref().and_then(Sender::error)
    }

    /// A recorder that records nothing, for when [`Recorder::open`] failed:
    /// `Recorder::open(..).unwrap_or_else(|e| Recorder::off(&e))`.
    pub fn off(reason: &StoreError) -> Recorder {
        Recorder {
            store: None,
            trainee: String::new(),
            active: None,
            off: Some(off_message(reason)),
            untold: false,
            sender: None,
        }
    }

    pub fn is_recording(&self) -> bool {
        self.store.is_some()
    }

    /// Why recording is off, in words for the trainee; `None` while recording.
    pub fn off_reason(&self) -> Option<&str> {
        self.off.as_deref()
    }

    /// The session being recorded, until it is finished.
    pub fn active(&self) -> Option<SessionId> {
        self.active
    }

    /// Starts recording a new session; `source` is the scenario file's text,
    /// `retry` the earlier attempt and turn it restarts, if any. A session
    /// still active is left as it is: the records call it abandoned.
    pub fn start(&mut self, session: &Session, source: &str, mode: Mode, retry: Option<Retry>) {
        let trainee = self.trainee.clone();
        let hash = content_hash(source);
        self.active = self.with(|store| {
            let scenario = session.scenario();
            store.start_session(&trainee, scenario, &hash, session.seed(), mode, retry)
        });
    }

    /// Records the choice just made, as it was judged; call it after each
    /// `Session::choose`.
    pub fn choice(&mut self, session: &Session, judged: &Feedback, said: &Said) {
        if let Some(id) = self.active_or_off("a choice") {
            self.with(|store| store.record_choice(id, session, judged, said));
        }
    }

    /// Records the ending and where the points went; the recorder then waits
    /// for the next `start`.
    pub fn finish(&mut self, debrief: &Debrief, hindsight: &Hindsight) {
        if let Some(id) = self.active_or_off("the end of a session") {
            self.with(|store| store.finish(id, debrief, hindsight));
            self.active = None;
        }
    }

    /// The trainee's best finished attempt at a scenario, for a title screen.
    pub fn best(&self, scenario: &str) -> Option<Attempt> {
        let store = self.store.as_ref()?;
        let store = store.lock().unwrap_or_else(PoisonError::into_inner);
        store.best(&self.trainee, scenario).ok().flatten()
    }

    /// Every attempt of the trainee, oldest first; empty while recording is off.
    pub fn attempts(&self) -> Vec<Attempt> {
        let Some(store) = self.store.as_ref() else {
            return Vec::new();
        };
        let store = store.lock().unwrap_or_else(PoisonError::into_inner);
        store.attempts(&self.trainee).unwrap_or_default()
    }

    pub fn trainee(&self) -> &str {
        &self.trainee
    }

    fn active_or_off(&mut self, what: &str) -> Option<SessionId> {
        if self.store.is_some() && self.active.is_none() {
            let misuse = StoreError::Misuse(format!("{what} came before its session was started"));
            self.turn_off(&misuse);
        }
        self.active.filter(|_| self.store.is_some())
    }

    fn with<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Option<T> {
        let store = self.store.as_mut()?;
        let store = store.get_mut().unwrap_or_else(PoisonError::into_inner);
        match f(store) {
            Ok(value) => {
                if let Some(sender) = &self.sender {
                    sender.wake();
                }
                Some(value)
            }
            Err(e) => {
                self.turn_off(&e);
                None
            }
        }
    }

    fn turn_off(&mut self, reason: &StoreError) {
        self.store = None;
        self.active = None;
        self.off = Some(off_message(reason));
        self.untold = true;
    }

    /// Why recording stopped, once, the first time it is asked after it did.
    pub fn take_failure(&mut self) -> Option<String> {
        std::mem::take(&mut self.untold)
            .then(|| self.off.clone())
            .flatten()
    }
}

fn off_message(reason: &StoreError) -> String {
    format!("{reason}; recording is off")
}
