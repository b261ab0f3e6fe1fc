//! The trainer's reports, computed from recorded attempts: how each trainee
//! is doing, how each scenario goes, and where trainees go wrong. Each is
//! plain `Serialize` data; `table` writes it as CSV and `html` as a page.

mod mistakes;
mod scenarios;
mod trainees;

use serde::Serialize;

pub use mistakes::{ChoiceCount, NodeChoices, mistakes};
pub use scenarios::{GradeCounts, ScenarioRow, VerdictCounts, scenarios};
pub use trainees::{Point, Progress, TraineeRow, progress, trainees};

use crate::attempt::Attempt;
use crate::error::StoreError;
use crate::query::Filter;
use crate::store::Store;
use crate::time::Timestamp;

/// Every report over the attempts that match a filter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub filter: Filter,
    pub generated: Timestamp,
    pub trainees: Vec<TraineeRow>,
    pub progress: Vec<Progress>,
    pub scenarios: Vec<ScenarioRow>,
    pub mistakes: Vec<NodeChoices>,
}

impl Report {
    /// The reports over `attempts`, which `filter` selected.
    pub fn of(attempts: &[Attempt], filter: Filter, generated: Timestamp) -> Report {
        Report {
            filter,
            generated,
            trainees: trainees(attempts),
            progress: progress(attempts),
            scenarios: scenarios(attempts),
            mistakes: mistakes(attempts),
        }
    }
}

impl Store {
    pub fn report(&self, filter: &Filter) -> Result<Report, StoreError> {
        let attempts = self.sessions(filter)?;
        Ok(Report::of(&attempts, filter.clone(), Timestamp::now()))
    }
}

/// Milliseconds to whole seconds, rounded.
fn seconds(millis: u64) -> u64 {
    (millis + 500) / 1000
}
