//! The model that reads typed replies. It is loaded only once the trainee
//! turns "Type my replies" on, in Bevy's async compute pool, and runs on two
//! threads of its own so it never competes with the frame; a scenario's
//! replies are embedded the same way when a typed conversation begins.

use std::sync::Arc;

use bevy::prelude::*;
use bevy::tasks::futures::check_ready;
use bevy::tasks::{AsyncComputeTaskPool, Task};
use bevy::window::RequestRedraw;
use frontline_core::Scenario;
use frontline_match::{Matcher, PLAY_THREADS, Replies};

use super::first_frame::FirstFrame;
use super::profile::Profile;

/// Where the model is in its loading.
#[derive(Resource, Default)]
pub enum Listener {
    #[default]
    Off,
    Loading(Task<Result<Matcher, String>>),
    Ready(Arc<Matcher>),
    Failed(String),
}

impl Listener {
    pub fn ready(&self) -> Option<&Arc<Matcher>> {
        match self {
            Listener::Ready(matcher) => Some(matcher),
            _ => None,
        }
    }

    /// What the trainee is told while typed replies can't be read yet.
    pub fn not_ready(&self) -> Option<String> {
        match self {
            Listener::Off | Listener::Loading(_) => Some(GETTING_READY.into()),
            Listener::Ready(_) => None,
            Listener::Failed(why) => Some(unavailable(why)),
        }
    }
}

/// Said while the model loads or a scenario's replies are embedded.
const GETTING_READY: &str = "Getting ready to listen…";

fn unavailable(why: &str) -> String {
    format!("Typed replies are unavailable: {why}")
}

/// A scenario's replies, embedded for the matcher (or being embedded).
pub enum Embedded {
    /// The model is not loaded yet.
    Waiting,
    Embedding(Task<Result<Replies, String>>),
    Ready(Arc<Replies>),
    Failed(String),
}

impl Embedded {
    /// Starts embedding the replies of `scenario`.
    pub fn embed(matcher: &Arc<Matcher>, scenario: &Arc<Scenario>) -> Embedded {
        let (matcher, scenario) = (Arc::clone(matcher), Arc::clone(scenario));
        let task = AsyncComputeTaskPool::get().spawn(async move { matcher.replies(&scenario) });
        Embedded::Embedding(task)
    }

    /// What the trainee is told while the replies can't be read yet.
    pub fn not_ready(&self) -> Option<String> {
        match self {
            Embedded::Ready(_) => None,
            Embedded::Failed(why) => Some(unavailable(why)),
            Embedded::Waiting | Embedded::Embedding(_) => Some(GETTING_READY.into()),
        }
    }

    /// The replies, once embedded.
    pub fn ready(&self) -> Option<&Arc<Replies>> {
        match self {
            Embedded::Ready(replies) => Some(replies),
            _ => None,
        }
    }

    /// Moves on: starts embedding once the model is loaded, takes the
    /// replies once embedded; true when something changed.
    pub fn poll(&mut self, listener: &Listener, scenario: &Arc<Scenario>) -> bool {
        if let (Embedded::Waiting, Some(matcher)) = (&*self, listener.ready()) {
            *self = Embedded::embed(matcher, scenario);
            return true;
        }
        let Embedded::Embedding(task) = self else {
            return false;
        };
        let Some(done) = check_ready(task) else {
            return false;
        };
        *self = match done {
            Ok(replies) => {
                // What the window test waits for before typing.
                info!("typed replies: ready");
                Embedded::Ready(Arc::new(replies))
            }
            Err(why) => Embedded::Failed(why),
        };
        true
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Listener>();
    app.add_systems(Update, (load_when_typed, finish_loading).chain());
}

/// Loads the model once typed replies are on and the first screen is drawn
/// (loading it sooner would hold that screen back, as reading the scenarios
/// would: see `first_frame`).
fn load_when_typed(profile: Res<Profile>, first: Res<FirstFrame>, mut listener: ResMut<Listener>) {
    if !profile.settings.typed || !first.drawn() || !matches!(*listener, Listener::Off) {
        return;
    }
    let dir = crate::paths::assets_dir().join("model");
    let task = AsyncComputeTaskPool::get().spawn(async move { Matcher::load(&dir, PLAY_THREADS) });
    *listener = Listener::Loading(task);
}

/// Polls the loading task, asking for frames meanwhile: the game otherwise
/// sleeps until the trainee does something.
fn finish_loading(mut listener: ResMut<Listener>, mut redraw: MessageWriter<RequestRedraw>) {
    let Listener::Loading(task) = listener.bypass_change_detection() else {
        return;
    };
    let Some(loaded) = check_ready(task) else {
        redraw.write(RequestRedraw);
        return;
    };
    *listener = match loaded {
        Ok(matcher) => {
            info!("typed replies: model loaded");
            Listener::Ready(Arc::new(matcher))
        }
        Err(why) => {
            warn!("typed replies: {why}");
            Listener::Failed(why)
        }
    };
}
