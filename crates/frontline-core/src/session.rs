//! The session runtime: one playthrough of a scenario, as a pull-based state
//! machine. The caller reads [`Session::prompt`], hands back a choice with
//! [`Session::choose`], and repeats until the session has ended.
//!
//! Every random draw (persona, events, line variants, choice order) comes from
//! one ChaCha8 generator seeded by the session's seed, in a fixed order, so a
//! scenario, a seed and a list of choices always give the same session. That
//! is also how a session is saved: [`SessionRecord`] holds only those three,
//! and [`Session::resume`] replays them.

use std::fmt;
use std::sync::Arc;

use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::scenario::{Arrival, ChoiceOrder, Ending, Node, Passage, Scenario, Speaker, Target};
use crate::scoring::Tally;
use crate::script::Script;

/// Where the conversation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// At a node, waiting for a choice.
    Waiting {
        node: usize,
        line: usize,
    },
    Ended {
        ending: usize,
    },
    /// At a node none of whose choices can be offered, or caught in a loop of
    /// routes and events. A flaw of the scenario that `frontline check` reports.
    Stuck {
        node: usize,
    },
}

/// A random event that fired, redirecting the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiredEvent {
    pub node: usize,
    pub event: usize,
}

/// One choice taken, with what it did.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub node: usize,
    /// Flags and meters when the choice was offered.
    pub flags_before: Vec<bool>,
    pub meters_before: Vec<i32>,
    /// The line said, as an index for [`Node::line`].
    pub line: usize,
    /// Index of the choice in the node, as written in the file.
    pub choice: usize,
    pub meters_after: Vec<i32>,
    /// Events that fired on the way to the next prompt.
    pub events: Vec<FiredEvent>,
}

/// What the session asks of the trainee now.
#[derive(Debug, Clone, PartialEq)]
pub enum Prompt<'a> {
    /// Someone speaks and the trainee chooses one of the offers.
    Choose {
        node: &'a Node,
        /// `None` for the narrator.
        speaker: Option<&'a str>,
        line: &'a str,
        /// In the order shown: offer `i` is taken with `choose(i)`.
        offers: Vec<Offer<'a>>,
    },
    Ended {
        ending: &'a Ending,
    },
    /// The scenario has a flaw here; see [`Prompt::stuck_message`].
    Stuck {
        node: &'a Node,
    },
}

impl Prompt<'_> {
    /// What to tell a trainee whose session is stuck at `node`.
    pub fn stuck_message(node: &Node) -> String {
        format!(
            "The scenario is stuck at node `{}`: no choice can be offered there, or its routes and events go round in a loop. Run `frontline check` on it and tell its author.",
            node.id
        )
    }
}

/// A choice offered to the trainee.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Offer<'a> {
    /// Index of the choice in its node, as written in the file.
    pub choice: usize,
    pub text: &'a str,
}

/// What a session needs to be saved and resumed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub scenario: String,
    pub seed: u64,
    /// Choice indices as written in the file, in the order taken.
    pub choices: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionError {
    /// The session is not waiting for a choice.
    NotWaiting,
    /// The number is not one of the offered choices.
    NoSuchOffer(usize),
    /// The choice exists but is not offered now (its conditions don't hold).
    NotOffered(usize),
    /// A record made for another scenario.
    WrongScenario { expected: String, found: String },
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionError::NotWaiting => write!(f, "the session is not waiting for a choice"),
            SessionError::NoSuchOffer(i) => write!(f, "there is no choice number {}", i + 1),
            SessionError::NotOffered(i) => write!(f, "choice {i} is not offered here"),
            SessionError::WrongScenario { expected, found } => {
                write!(f, "the record is for scenario `{found}`, not `{expected}`")
            }
        }
    }
}

impl std::error::Error for SessionError {}

#[derive(Debug, Clone)]
pub struct Session {
    scenario: Arc<Scenario>,
    seed: u64,
    rng: ChaCha8Rng,
    persona: Option<usize>,
    state: State,
    /// Choice indices offered at the current node, in display order.
    offered: Vec<usize>,
    meters: Vec<i32>,
    flags: Vec<bool>,
    /// Meters when the conversation began, after the persona's adjustments.
    start_meters: Vec<i32>,
    /// Events fired before the first prompt.
    opening_events: Vec<FiredEvent>,
    steps: Vec<Step>,
    /// For a scripted session, the events still to fire on the way into each
    /// prompt still to come; the next entry last, each entry's next event last.
    pinned: Option<Vec<Vec<(usize, usize)>>>,
}

impl Session {
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Session {
        Session::begin(scenario, seed, None)
    }

    /// A session that follows `script`: its persona (if it names one) and
    /// exactly its events, whatever the dice say; line variants and the
    /// order of the choices still come from `seed`. The caller takes the
    /// script's choices.
    pub fn scripted(scenario: Arc<Scenario>, seed: u64, script: &Script) -> Session {
        let mut entries = script.events();
        entries.reverse();
        for events in &mut entries {
            events.reverse();
        }
        Session::begin(scenario, seed, Some((script.persona, entries)))
    }

    /// `pin`: a persona to use instead of drawing one, and the events that
    /// fire (the next one last) instead of rolling for each.
    fn begin(scenario: Arc<Scenario>, seed: u64, pin: Option<Pin>) -> Session {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let personas = scenario.customer.personas.len();
        let drawn = (personas > 0).then(|| rng.random_range(0..personas));
        let (persona, pinned) = match pin {
            Some((persona, events)) => (persona.or(drawn), Some(events)),
            None => (drawn, None),
        };
        let (flags, meters) = scenario.initial_state(persona);
        let mut session = Session {
            start_meters: meters.clone(),
            scenario,
            seed,
            rng,
            persona,
            state: State::Stuck { node: 0 },
            offered: Vec::new(),
            meters,
            flags,
            opening_events: Vec::new(),
            steps: Vec::new(),
            pinned,
        };
        let start = Target::Node(session.scenario.start);
        session.opening_events = session.enter(start);
        session
    }

    /// Rebuilds a saved session by replaying its choices from its seed.
    pub fn resume(
        scenario: Arc<Scenario>,
        record: &SessionRecord,
    ) -> Result<Session, SessionError> {
        if record.scenario != scenario.id {
            return Err(SessionError::WrongScenario {
                expected: scenario.id.clone(),
                found: record.scenario.clone(),
            });
        }
        let mut session = Session::new(scenario, record.seed);
        for &choice in &record.choices {
            session.choose_written(choice)?;
        }
        Ok(session)
    }

    pub fn record(&self) -> SessionRecord {
        SessionRecord {
            scenario: self.scenario.id.clone(),
            seed: self.seed,
            choices: self.steps.iter().map(|s| s.choice).collect(),
        }
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Index of the persona drawn for this session, if the customer has any.
    pub fn persona(&self) -> Option<usize> {
        self.persona
    }

    /// The customer's name, as the drawn persona may change it.
    pub fn customer_name(&self) -> &str {
        let customer = &self.scenario.customer;
        self.persona
            .and_then(|p| customer.personas[p].name.as_deref())
            .unwrap_or(&customer.name)
    }

    pub fn state(&self) -> State {
        self.state
    }

    pub fn meters(&self) -> &[i32] {
        &self.meters
    }

    pub fn start_meters(&self) -> &[i32] {
        &self.start_meters
    }

    pub fn flags(&self) -> &[bool] {
        &self.flags
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The choices made so far, added up for the practice part of the score.
    pub fn tally(&self) -> Tally {
        self.steps.iter().fold(Tally::default(), |tally, step| {
            tally.after(&self.scenario.nodes[step.node].choices[step.choice])
        })
    }

    pub fn opening_events(&self) -> &[FiredEvent] {
        &self.opening_events
    }

    /// The current node and the line said there, while waiting for a choice.
    pub fn current(&self) -> Option<(&Node, &str)> {
        match self.state {
            State::Waiting { node, line } => {
                let node = &self.scenario.nodes[node];
                Some((node, node.line(line)))
            }
            _ => None,
        }
    }

    /// What the session asks of the trainee now.
    pub fn prompt(&self) -> Prompt<'_> {
        let scenario = &*self.scenario;
        match self.state {
            State::Waiting { node, line } => {
                let node = &scenario.nodes[node];
                let offers = self
                    .offered
                    .iter()
                    .map(|&choice| Offer {
                        choice,
                        text: &node.choices[choice].text,
                    })
                    .collect();
                Prompt::Choose {
                    speaker: self.speaker_name(node.speaker),
                    node,
                    line: node.line(line),
                    offers,
                }
            }
            State::Ended { ending } => Prompt::Ended {
                ending: &scenario.endings[ending],
            },
            State::Stuck { node } => Prompt::Stuck {
                node: &scenario.nodes[node],
            },
        }
    }

    /// Who says a node's line, as the trainee reads it: the customer's name,
    /// "Staff", or nobody for the narrator.
    pub fn speaker_name(&self, speaker: Speaker) -> Option<&str> {
        match speaker {
            Speaker::Customer => Some(self.customer_name()),
            Speaker::Staff => Some("Staff"),
            Speaker::Narrator => None,
        }
    }

    /// Choice indices (as written in the file) offered now, in display order.
    pub fn offered(&self) -> &[usize] {
        &self.offered
    }

    pub fn ending(&self) -> Option<&Ending> {
        match self.state {
            State::Ended { ending } => Some(&self.scenario.endings[ending]),
            _ => None,
        }
    }

    /// Takes the `offer`-th choice shown (0-based).
    pub fn choose(&mut self, offer: usize) -> Result<&Step, SessionError> {
        let State::Waiting { .. } = self.state else {
            return Err(SessionError::NotWaiting);
        };
        let choice = *self
            .offered
            .get(offer)
            .ok_or(SessionError::NoSuchOffer(offer))?;
        Ok(self.apply(choice))
    }

    /// Takes a choice by its index in the file, if it is offered now.
    pub fn choose_written(&mut self, choice: usize) -> Result<&Step, SessionError> {
        let State::Waiting { .. } = self.state else {
            return Err(SessionError::NotWaiting);
        };
        if !self.offered.contains(&choice) {
            return Err(SessionError::NotOffered(choice));
        }
        Ok(self.apply(choice))
    }

    fn apply(&mut self, index: usize) -> &Step {
        let State::Waiting { node, line } = self.state else {
            unreachable!("apply is only called while waiting");
        };
        let scenario = Arc::clone(&self.scenario);
        let choice = &scenario.nodes[node].choices[index];
        let flags_before = self.flags.clone();
        let meters_before = self.meters.clone();
        scenario.apply(choice, &mut self.flags, &mut self.meters);
        let meters_after = self.meters.clone();
        let events = self.enter(choice.next);
        self.steps.push(Step {
            node,
            flags_before,
            meters_before,
            line,
            choice: index,
            meters_after,
            events,
        });
        &self.steps[self.steps.len() - 1]
    }

    /// Moves to `target`, following routes and random events, and prepares the
    /// prompt there. Returns the events that fired on the way.
    fn enter(&mut self, target: Target) -> Vec<FiredEvent> {
        let scenario = Arc::clone(&self.scenario);
        let mut entry = self.pinned.as_mut().map(|p| p.pop().unwrap_or_default());
        let mut dice = Dice {
            rng: &mut self.rng,
            pinned: entry.as_mut(),
            fired: Vec::new(),
        };
        let arrival = scenario.enter(target, &self.flags, &self.meters, &mut dice);
        let fired = dice.fired;
        self.offered.clear();
        self.state = match arrival {
            Arrival::Ending(ending) => State::Ended { ending },
            Arrival::Stuck(node) => State::Stuck { node },
            Arrival::Node(index) => {
                let node = &scenario.nodes[index];
                self.offered
                    .extend(node.available(&self.flags, &self.meters));
                // One line is said without a draw, so that a node's
                // variants cost a draw only where several can be said.
                let sayable = node.sayable(&self.flags, &self.meters, self.persona);
                let line = match sayable.len() {
                    1 => sayable[0],
                    n => sayable[self.rng.random_range(0..n)],
                };
                if node.order == ChoiceOrder::Shuffled {
                    self.offered.shuffle(&mut self.rng);
                }
                State::Waiting { node: index, line }
            }
        };
        fired
    }
}

/// A scripted session's persona (if pinned) and the events to fire on the
/// way into each prompt, as for [`Session::pinned`].
type Pin = (Option<usize>, Vec<Vec<(usize, usize)>>);

/// The session's generator deciding the random events (or, in a scripted
/// session, the script), noting those that fire.
struct Dice<'a> {
    rng: &'a mut ChaCha8Rng,
    pinned: Option<&'a mut Vec<(usize, usize)>>,
    fired: Vec<FiredEvent>,
}

impl Passage for Dice<'_> {
    fn fires(&mut self, node: usize, event: usize, chance: f64) -> bool {
        let fires = match &mut self.pinned {
            Some(pinned) if pinned.last() == Some(&(node, event)) => pinned.pop().is_some(),
            Some(_) => false,
            None => self.rng.random::<f64>() < chance,
        };
        if fires {
            self.fired.push(FiredEvent { node, event });
        }
        fires
    }
}
