//! Frontline's engine-free core: the scenario format and its validation, the
//! session runtime, the scoring, and the trainer tools' analyses. The game,
//! the command line and the tests all drive this crate; it knows nothing of
//! Bevy.

pub mod analysis;
pub mod bounds;
pub mod diagnostic;
pub mod explore;
pub mod format;
mod hash;
pub mod load;
pub mod locate;
pub mod practice;
pub mod reach;
pub mod review;
pub mod runner;
pub mod scenario;
pub mod scoring;
pub mod script;
pub mod session;
pub mod suggest;
pub mod syntax;
pub mod terminal;
pub mod typing;
pub mod validate;
pub mod yardstick;

pub use diagnostic::{Diagnostic, Severity};
pub use load::{Broken, Catalog, Loaded};
pub use practice::{Pillar, Practice};
pub use review::Hindsight;
pub use runner::{Conclusion, Journal, Mode, Playthrough, Prepared};
pub use scenario::{Outcome, Scenario, Target};
pub use scoring::{Debrief, Grade};
pub use session::{Prompt, Session, SessionRecord, State};
pub use yardstick::Yardstick;
