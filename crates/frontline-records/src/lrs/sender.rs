//! Sending the queue: [`drain`] posts batches until the queue is empty or the
//! store fails; a [`Sender`] runs it on its own thread, again after every new
//! statement and with a growing pause while the store is down. A statement
//! leaves the queue only after the store answered that it has it, so a crash
//! or a timeout at any moment sends it again, which the store ignores.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use super::{Client, Lrs, Posted};
use crate::error::StoreError;
use crate::outbox::Queued;
use crate::store::{OpenOptions, Store};

/// Statements per request: large enough that a request's overhead is small,
/// small enough that a request stays well under a second.
pub const BATCH: usize = 500;

/// What one [`drain`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drained {
    /// Statements the store now has.
    pub sent: usize,
    /// Statements the store refused as invalid, kept in the queue apart.
    pub refused: usize,
    /// Statements still waiting.
    pub left: usize,
    /// Why sending stopped before the queue was empty.
    pub error: Option<String>,
}

/// Posts the queue in batches of `batch` until it is empty or the store fails.
pub fn drain(store: &mut Store, client: &Client, batch: usize) -> Result<Drained, StoreError> {
    let mut drained = Drained::default();
    loop {
        let queued = store.next_batch(batch.max(1))?;
        if queued.is_empty() {
            break;
        }
        if let Err(why) = send(store, client, &queued, &mut drained)? {
            drained.error = Some(why);
            break;
        }
    }
    drained.left = store.pending()?;
    Ok(drained)
}

/// Sends one batch; a batch the store refuses is sent again one statement at
/// a time, so that one bad statement holds up no other.
fn send(
    store: &mut Store,
    client: &Client,
    queued: &[Queued],
    drained: &mut Drained,
) -> Result<Result<(), String>, StoreError> {
    let json: Vec<&str> = queued.iter().map(|q| q.json.as_str()).collect();
    match client.post(&json) {
        Posted::Delivered => {
            store.delivered(queued)?;
            drained.sent += queued.len();
        }
        Posted::Failed(why) => return Ok(Err(why)),
        Posted::Refused { why, .. } if queued.len() == 1 => {
            store.refused(&queued[0], &why)?;
            drained.refused += 1;
        }
        Posted::Refused { .. } => {
            for one in queued {
                if let Err(why) = send(store, client, std::slice::from_ref(one), drained)? {
                    return Ok(Err(why));
                }
            }
        }
    }
    Ok(Ok(()))
}

/// Pauses between tries while the store is down: `first`, doubling up to `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub first: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Backoff {
        Backoff {
            first: Duration::from_secs(1),
            max: Duration::from_secs(60),
        }
    }
}

/// How long a request may take before it counts as failed.
const TIMEOUT: Duration = Duration::from_secs(30);
/// How often the queue is looked at with nothing new: another copy of
/// Frontline on this machine may have queued statements.
const POLL: Duration = Duration::from_secs(10);

/// The background sender of one records file.
#[derive(Debug)]
pub struct Sender {
    pending: Arc<AtomicUsize>,
    error: Arc<Mutex<Option<String>>>,
    stop: Arc<AtomicBool>,
    wake: mpsc::Sender<()>,
}

impl Sender {
    /// Starts sending the queue of the records at `path` to `lrs`.
    pub fn spawn(path: PathBuf, lrs: &Lrs, backoff: Backoff) -> Sender {
        let (wake, woken) = mpsc::channel();
        let sender = Sender {
            pending: Arc::new(AtomicUsize::new(0)),
            error: Arc::new(Mutex::new(None)),
            stop: Arc::new(AtomicBool::new(false)),
            wake,
        };
        let worker = Worker {
            path,
            client: Client::new(lrs, TIMEOUT),
            backoff,
            pending: Arc::clone(&sender.pending),
            error: Arc::clone(&sender.error),
            stop: Arc::clone(&sender.stop),
            woken,
        };
        thread::Builder::new()
            .name("frontline-lrs".into())
            .spawn(move || worker.run())
            .map_or_else(
                |e| sender.set_error(format!("cannot start sending: {e}")),
                drop,
            );
        sender
    }

    /// Statements waiting to be sent, as last counted (cheap: no query).
    pub fn pending(&self) -> usize {
        self.pending.load(Ordering::Relaxed)
    }

    /// Why the last try failed, while the queue is not draining.
    pub fn error(&self) -> Option<String> {
        self.error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Something was queued: count it and send it now.
    pub fn wake(&self) {
        self.pending.fetch_add(1, Ordering::Relaxed);
        let _ = self.wake.send(());
    }

    fn set_error(&self, why: String) {
        *self.error.lock().unwrap_or_else(PoisonError::into_inner) = Some(why);
    }
}

impl Drop for Sender {
    /// Stops the thread after its current request; what is still queued is
    /// sent next time.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.wake.send(());
    }
}

struct Worker {
    path: PathBuf,
    client: Client,
    backoff: Backoff,
    pending: Arc<AtomicUsize>,
    error: Arc<Mutex<Option<String>>>,
    stop: Arc<AtomicBool>,
    woken: mpsc::Receiver<()>,
}

impl Worker {
    fn run(self) {
        let mut store: Option<Store> = None;
        let mut pause = self.backoff.first;
        while !self.stop.load(Ordering::Relaxed) {
            let result = match &mut store {
                Some(store) => drain(store, &self.client, BATCH),
                None => OpenOptions::default().open(&self.path).and_then(|mut s| {
                    let drained = drain(&mut s, &self.client, BATCH);
                    store = Some(s);
                    drained
                }),
            };
            let failure = match result {
                Ok(drained) => {
                    self.pending.store(drained.left, Ordering::Relaxed);
                    drained.error
                }
                Err(e) => Some(e.to_string()),
            };
            *self.error.lock().unwrap_or_else(PoisonError::into_inner) = failure.clone();
            let wait = match failure {
                None => {
                    pause = self.backoff.first;
                    POLL
                }
                Some(_) => {
                    let wait = pause;
                    pause = (pause * 2).min(self.backoff.max);
                    wait
                }
            };
            self.sleep(wait, failure.is_none(), store.as_ref());
        }
    }

    /// Waits `wait`; a wake ends the wait when the store is up, and only
    /// updates the count while it is down (so as not to hammer it).
    fn sleep(&self, wait: Duration, up: bool, store: Option<&Store>) {
        let deadline = Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.woken.recv_timeout(left) {
                Ok(()) if self.stop.load(Ordering::Relaxed) => return,
                Ok(()) if up => return,
                Ok(()) => {
                    if let Some(n) = store.and_then(|s| s.pending().ok()) {
                        self.pending.store(n, Ordering::Relaxed);
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return,
            }
        }
    }
}
