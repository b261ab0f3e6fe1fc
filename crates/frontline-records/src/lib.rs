//! Frontline's trainee records: a SQLite store that records every choice as
//! it is made, the trainer's reports (tables, CSV, an HTML page with SVG
//! charts) and an xAPI export. Engine-free: the game, the text mode and the
//! report command all drive it through [`Recorder`] and [`Store`].

mod attempt;
mod error;
mod hash;
pub mod html;
mod journal;
pub mod lrs;
mod outbox;
pub mod output;
mod paths;
mod query;
mod recorder;
pub mod report;
mod schema;
mod store;
pub mod table;
pub mod time;
mod uuid;
pub mod xapi;

pub use attempt::{Attempt, Finish, Mode, RecordedChoice, RetryOf, SessionId, Verdict};
pub use error::StoreError;
pub use hash::content_hash;
pub use journal::Reopened;
pub use outbox::Queued;
pub use paths::{DATABASE_FILE, default_data_dir};
pub use query::Filter;
pub use recorder::Recorder;
pub use report::Report;
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use store::{Clock, OpenOptions, Store};
pub use time::Timestamp;
