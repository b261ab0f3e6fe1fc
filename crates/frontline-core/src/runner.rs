//! One runner for every front end. A [`Playthrough`] owns the session and
//! decides what the trainee is told: the feedback and meter changes after a
//! reply in coach mode (nothing in exam mode), and at the end the debrief,
//! where the points went, the best possible score and the personal best. It
//! writes every step to a [`Journal`] (the records). The game's screens and
//! the text mode only present what it returns.

use std::sync::Arc;

use serde::Serialize;

use crate::bounds::ScoreBounds;
use crate::practice::Practice;
use crate::review::Hindsight;
use crate::scenario::{Choice, Scenario};
use crate::scoring::{Debrief, choice_quality};
use crate::script::Script;
use crate::session::{Prompt, Session, SessionError, SessionRecord, State};
use crate::typing::Said;
use crate::yardstick::Yardstick;

/// Coach mode shows feedback after each reply; exam mode holds it to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Coach,
    Exam,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Coach => "coach",
            Mode::Exam => "exam",
        }
    }

    pub fn parse(text: &str) -> Option<Mode> {
        match text {
            "coach" => Some(Mode::Coach),
            "exam" => Some(Mode::Exam),
            _ => None,
        }
    }
}

/// A new session's seed, for when the trainee asked for none: small enough to
/// read out and type back with `--seed`.
pub fn fresh_seed() -> u64 {
    rand::random_range(0..1_000_000)
}

/// A session restarted at one turn of an earlier attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Retry {
    /// The journal's id of the earlier attempt.
    pub of: Option<i64>,
    /// The turn (1-based) the trainee takes again.
    pub turn: usize,
}

/// Where a playthrough records what happens: the records store, or nothing.
pub trait Journal {
    /// A session begins; `source` is the scenario file's text.
    fn start(&mut self, session: &Session, source: &str, mode: Mode, retry: Option<Retry>);
    /// The session's last step was just taken, and judged as `judged` says
    /// (shown at once in coach mode, in the debrief in exam mode).
    fn choice(&mut self, session: &Session, judged: &Feedback, said: &Said);
    /// The session ended with this debrief, and `hindsight` says where the
    /// points went; returns the attempt's id.
    fn finish(&mut self, debrief: &Debrief, hindsight: &Hindsight) -> Option<i64>;
    /// The trainee's best finished score at a scenario so far.
    fn best(&self, scenario: &str) -> Option<u8>;
    /// Why recording stopped, once, the first time it is asked after it did.
    fn take_failure(&mut self) -> Option<String>;
}

/// A journal that keeps nothing, for trial runs.
#[derive(Debug, Default)]
pub struct NoJournal;

impl Journal for NoJournal {
    fn start(&mut self, _: &Session, _: &str, _: Mode, _: Option<Retry>) {}
    fn choice(&mut self, _: &Session, _: &Feedback, _: &Said) {}
    fn finish(&mut self, _: &Debrief, _: &Hindsight) -> Option<i64> {
        None
    }
    fn best(&self, _: &str) -> Option<u8> {
        None
    }
    fn take_failure(&mut self) -> Option<String> {
        None
    }
}

/// A scenario ready to play: the validated scenario, its yardstick (computed
/// once, off the frame, when it loads) and the file's text.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub scenario: Arc<Scenario>,
    pub yardstick: Arc<Yardstick>,
    pub source: Arc<str>,
}

impl Prepared {
    pub fn new(scenario: Scenario, source: impl Into<Arc<str>>) -> Prepared {
        Prepared {
            yardstick: Arc::new(Yardstick::of(&scenario)),
            scenario: Arc::new(scenario),
            source: source.into(),
        }
    }
}

/// One meter before and after a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeterChange {
    pub meter: usize,
    pub before: i32,
    pub after: i32,
}

impl MeterChange {
    /// Every meter, unchanged at these values.
    pub fn none(meters: &[i32]) -> Vec<MeterChange> {
        meters
            .iter()
            .enumerate()
            .map(|(meter, &value)| MeterChange {
                meter,
                before: value,
                after: value,
            })
            .collect()
    }

    pub fn delta(&self) -> i64 {
        i64::from(self.after) - i64::from(self.before)
    }
}

/// What the trainee is told about a reply the moment it lands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Told {
    /// The reply, as the trainee said it.
    pub said: String,
    /// Coach mode: the practices shown, the reply's quality (0..=1) and why.
    pub feedback: Option<Feedback>,
    /// Coach mode: every meter, before and after.
    pub meters: Option<Vec<MeterChange>>,
    /// Recording just failed, for this reason.
    pub recording_failed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feedback {
    pub tags: Vec<Practice>,
    /// Whether the reply counts in the practice part; `quality` means
    /// nothing when it does not.
    pub scored: bool,
    pub quality: f32,
    pub text: String,
}

impl Feedback {
    /// How a reply is judged: the one place a reply's quality is decided, for
    /// what the trainee is told and what the journal keeps.
    pub fn of(choice: &Choice) -> Feedback {
        Feedback {
            tags: choice.tags.clone(),
            scored: choice.scored,
            quality: choice_quality(&choice.tags),
            text: choice.feedback.clone(),
        }
    }
}

/// How this attempt compares with the trainee's earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PersonalBest {
    /// Not recorded, so nothing to compare with.
    Unknown,
    /// The first finished attempt at this scenario.
    First,
    /// Better than the earlier best.
    Improved { previous: u8 },
    /// Not better than the earlier best.
    Kept { best: u8 },
}

/// Everything the trainee is told when the conversation is over.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conclusion {
    pub debrief: Debrief,
    pub hindsight: Hindsight,
    /// The exact best and worst scores of the scenario.
    pub bounds: Option<ScoreBounds>,
    pub personal_best: PersonalBest,
    pub mode: Mode,
    pub retry: Option<Retry>,
    /// The journal's id of this attempt, when it was recorded.
    pub attempt: Option<i64>,
    /// The session, to replay or retry it.
    pub record: SessionRecord,
    /// How each reply was given (picked, or typed and in what words).
    pub said: Vec<Said>,
}

#[derive(Debug, Clone)]
pub struct Playthrough {
    prepared: Prepared,
    session: Session,
    mode: Mode,
    retry: Option<Retry>,
    /// How each reply of the session was given, one per step.
    said: Vec<Said>,
    conclusion: Option<Conclusion>,
}

impl Playthrough {
    /// A new session of `prepared` drawn from `seed`; nothing is recorded
    /// until [`Playthrough::start`].
    pub fn new(prepared: &Prepared, seed: u64, mode: Mode) -> Playthrough {
        Playthrough {
            session: Session::new(Arc::clone(&prepared.scenario), seed),
            prepared: prepared.clone(),
            mode,
            retry: None,
            said: Vec::new(),
            conclusion: None,
        }
    }

    /// A session that follows `script` (its persona and events); the caller
    /// takes its choices with [`Playthrough::choose_written`].
    pub fn scripted(prepared: &Prepared, seed: u64, script: &Script, mode: Mode) -> Playthrough {
        Playthrough {
            session: Session::scripted(Arc::clone(&prepared.scenario), seed, script),
            prepared: prepared.clone(),
            mode,
            retry: None,
            said: Vec::new(),
            conclusion: None,
        }
    }

    /// `record` restarted at `retry.turn` (1-based): same seed, persona and
    /// earlier choices; [`Playthrough::start`] records it as a retry.
    pub fn retry(
        prepared: &Prepared,
        record: &SessionRecord,
        retry: Retry,
        mode: Mode,
    ) -> Result<Playthrough, SessionError> {
        let earlier = record.choices.len().min(retry.turn.saturating_sub(1));
        let record = SessionRecord {
            choices: record.choices[..earlier].to_vec(),
            ..record.clone()
        };
        Ok(Playthrough {
            session: Session::resume(Arc::clone(&prepared.scenario), &record)?,
            prepared: prepared.clone(),
            mode,
            retry: Some(retry),
            said: vec![Said::Picked; earlier],
            conclusion: None,
        })
    }

    /// Begins recording: the session, then any choices it was resumed with.
    pub fn start(&mut self, journal: &mut dyn Journal) {
        let mut session = Session::new(Arc::clone(&self.prepared.scenario), self.session.seed());
        journal.start(&session, &self.prepared.source, self.mode, self.retry);
        for (step, said) in self.session.steps().iter().zip(&self.said) {
            // Replaying what was already replayed once cannot fail.
            if session.choose_written(step.choice).is_ok() {
                let choice = &session.scenario().nodes[step.node].choices[step.choice];
                journal.choice(&session, &Feedback::of(choice), said);
            }
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn prepared(&self) -> &Prepared {
        &self.prepared
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The earlier attempt and turn this one restarted at, if it is a retry.
    pub fn retrying(&self) -> Option<Retry> {
        self.retry
    }

    pub fn prompt(&self) -> Prompt<'_> {
        self.session.prompt()
    }

    /// The conclusion, once the conversation has ended.
    pub fn conclusion(&self) -> Option<&Conclusion> {
        self.conclusion.as_ref()
    }

    /// Takes the `offer`-th reply shown (0-based), records it, and says what
    /// the trainee is told. At an ending, also concludes the session.
    pub fn choose(
        &mut self,
        offer: usize,
        journal: &mut dyn Journal,
    ) -> Result<Told, SessionError> {
        let State::Waiting { .. } = self.session.state() else {
            return Err(SessionError::NotWaiting);
        };
        let choice = *self
            .session
            .offered()
            .get(offer)
            .ok_or(SessionError::NoSuchOffer(offer))?;
        self.choose_written(choice, journal)
    }

    /// Takes a choice by its index in the file, if it is offered now; as
    /// [`Playthrough::choose`] otherwise.
    pub fn choose_written(
        &mut self,
        choice: usize,
        journal: &mut dyn Journal,
    ) -> Result<Told, SessionError> {
        self.choose_said(choice, Said::Picked, journal)
    }

    /// Takes a choice by its index in the file, given as `said` (e.g. typed
    /// in the trainee's own words and read as this choice).
    pub fn choose_said(
        &mut self,
        choice: usize,
        said: Said,
        journal: &mut dyn Journal,
    ) -> Result<Told, SessionError> {
        let before = self.session.meters().to_vec();
        let step = self.session.choose_written(choice)?;
        let (node, choice) = (step.node, step.choice);
        let choice = &self.session.scenario().nodes[node].choices[choice];
        let judged = Feedback::of(choice);
        journal.choice(&self.session, &judged, &said);
        self.said.push(said);
        let coach = self.mode == Mode::Coach;
        let feedback = coach.then_some(judged);
        let meters = coach.then(|| {
            let after = self.session.meters();
            (0..after.len())
                .map(|meter| MeterChange {
                    meter,
                    before: before[meter],
                    after: after[meter],
                })
                .collect()
        });
        let said = choice.text.clone();
        if let Some(debrief) = Debrief::of(&self.session) {
            self.conclude(debrief, journal);
        }
        Ok(Told {
            said,
            feedback,
            meters,
            recording_failed: journal.take_failure(),
        })
    }

    fn conclude(&mut self, debrief: Debrief, journal: &mut dyn Journal) {
        let previous = journal.best(&debrief.scenario);
        // Points lost are measured on the choices, before any recall bonus.
        let hindsight = Hindsight::of(&self.session, &self.prepared.yardstick, debrief.score);
        let debrief = debrief.with_recall(&self.said);
        let attempt = journal.finish(&debrief, &hindsight);
        let personal_best = match (attempt, previous) {
            (None, _) => PersonalBest::Unknown,
            (Some(_), None) => PersonalBest::First,
            (Some(_), Some(best)) if debrief.score > best => {
                PersonalBest::Improved { previous: best }
            }
            (Some(_), Some(best)) => PersonalBest::Kept { best },
        };
        self.conclusion = Some(Conclusion {
            hindsight,
            bounds: self.prepared.yardstick.bounds(),
            personal_best,
            mode: self.mode,
            retry: self.retry,
            attempt,
            record: self.session.record(),
            said: self.said.clone(),
            debrief,
        });
    }
}

/// The conclusion of a recorded session, rebuilt through the runtime from its
/// seed and choices and how each reply was given (`said`; empty when every
/// reply was picked); `None` if they no longer replay to an ending.
pub fn reopen(
    prepared: &Prepared,
    record: &SessionRecord,
    said: &[Said],
    mode: Mode,
    attempt: Option<i64>,
) -> Result<Option<Conclusion>, SessionError> {
    let session = Session::resume(Arc::clone(&prepared.scenario), record)?;
    Ok(Debrief::of(&session).map(|debrief| Conclusion {
        hindsight: Hindsight::of(&session, &prepared.yardstick, debrief.score),
        bounds: prepared.yardstick.bounds(),
        personal_best: PersonalBest::Unknown,
        mode,
        retry: None,
        attempt,
        record: record.clone(),
        said: said.to_vec(),
        debrief: debrief.with_recall(said),
    }))
}
