//! The records as the runner's journal: what a [`Playthrough`] writes as it
//! goes and the personal best it compares with; and a recorded attempt's
//! debrief rebuilt through the runner.
//!
//! [`Playthrough`]: frontline_core::Playthrough

use frontline_core::runner::{self, Feedback, Journal, Mode, Retry};
use frontline_core::typing::Said;
use frontline_core::{Conclusion, Debrief, Hindsight, Prepared, Session, SessionRecord};

use crate::attempt::Attempt;
use crate::hash::content_hash;
use crate::recorder::Recorder;

impl Journal for Recorder {
    fn start(&mut self, session: &Session, source: &str, mode: Mode, retry: Option<Retry>) {
        Recorder::start(self, session, source, mode, retry);
    }

    fn choice(&mut self, session: &Session, judged: &Feedback, said: &Said) {
        Recorder::choice(self, session, judged, said);
    }

    fn finish(&mut self, debrief: &Debrief, hindsight: &Hindsight) -> Option<i64> {
        let id = self.active()?;
        Recorder::finish(self, debrief, hindsight);
        self.is_recording().then_some(id.0)
    }

    fn best(&self, scenario: &str) -> Option<u8> {
        Recorder::best(self, scenario).and_then(|a| a.score())
    }

    fn take_failure(&mut self) -> Option<String> {
        Recorder::take_failure(self)
    }
}

/// A recorded attempt's debrief, rebuilt through the runtime from its seed
/// and choices, with a note when the scenario has changed since.
#[derive(Debug, Clone)]
pub struct Reopened {
    pub conclusion: Conclusion,
    /// Said above the figures: that the attempt was a retry, and whether the
    /// scenario file changed or today's version scores the same choices
    /// differently from what the trainee was told.
    pub note: Option<String>,
}

impl Attempt {
    /// The seed and choices that replay this attempt.
    pub fn record(&self) -> SessionRecord {
        SessionRecord {
            scenario: self.scenario.clone(),
            seed: self.seed,
            choices: self.choices.iter().map(|c| c.index as usize).collect(),
        }
    }

    /// How each reply was given; empty when every one was picked.
    pub fn said(&self) -> Vec<Said> {
        let said: Vec<Said> = self.choices.iter().map(|c| c.said.clone()).collect();
        match said.iter().all(|s| *s == Said::Picked) {
            true => Vec::new(),
            false => said,
        }
    }

    /// Rebuilds the debrief of this finished attempt on `prepared` (today's
    /// version of its scenario).
    pub fn reopen(&self, prepared: &Prepared) -> Result<Reopened, String> {
        let unplayable = |why: String| {
            format!(
                "attempt {} can't be replayed on today's version of `{}`: {why}",
                self.id, self.scenario
            )
        };
        let mut conclusion = runner::reopen(
            prepared,
            &self.record(),
            &self.said(),
            self.mode,
            Some(self.id.0),
        )
        .map_err(|e| unplayable(e.to_string()))?
        .ok_or_else(|| unplayable("its choices no longer reach an ending".into()))?;
        conclusion.retry = self.retry.as_ref().map(|r| Retry {
            of: r.attempt.map(|a| a.0),
            turn: r.turn as usize,
        });
        let changed = content_hash(&prepared.source) != self.content_hash;
        let told = self.score();
        let scoring = match (changed, told) {
            (_, Some(told)) if told != conclusion.debrief.score => Some(format!(
                "The scenario has changed since this attempt: you were told {told}; today's version scores the same replies {}.",
                conclusion.debrief.score
            )),
            (true, _) => Some(
                "The scenario file has changed since this attempt; the same replies score the same today."
                    .into(),
            ),
            _ => None,
        };
        let retried = self.retry.as_ref().map(|r| match r.attempt {
            Some(earlier) => format!(
                "This attempt took turn {} of attempt {earlier} again.",
                r.turn
            ),
            None => format!(
                "This attempt took turn {} of an earlier attempt again.",
                r.turn
            ),
        });
        let note = [retried, scoring].into_iter().flatten().collect::<Vec<_>>();
        let note = (!note.is_empty()).then(|| note.join(" "));
        Ok(Reopened { conclusion, note })
    }
}
