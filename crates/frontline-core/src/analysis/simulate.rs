//! Simulated trainees: many sessions played through the real runtime by a
//! policy that picks among the offered choices, tallied into the spread of
//! scores, the share of each outcome and ending, and how often each choice
//! was taken.
//!
//! Run `i` plays the session seeded with [`session_seed`]`(seed, i)`, and
//! tallies only add up, so the result is the same whatever the number of
//! threads.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::{gain, truncate};
use crate::bounds::MAX_STEPS;
use crate::scenario::{Outcome, Scenario};
use crate::scoring::{self, customer_score};
use crate::session::{Session, State};

/// How a simulated trainee picks among the offered choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    /// Uniformly at random.
    Random,
    /// The choice with the highest immediate [`gain`].
    Greedy,
    /// The choice with the lowest immediate [`gain`].
    Worst,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub runs: u64,
    pub seed: u64,
    pub policy: Policy,
    /// Worker threads; 0 for one per core.
    pub threads: usize,
}

/// Runs handed to a thread at a time.
const CHUNK: u64 = 1024;

/// The seed of run `run` of a simulation seeded with `seed` (SplitMix64).
pub fn session_seed(seed: u64, run: u64) -> u64 {
    let mut z = seed.wrapping_add(run.wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// What the simulated sessions came to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulation {
    pub scenario: String,
    pub runs: u64,
    pub seed: u64,
    pub policy: Policy,
    /// Choices made over all runs.
    pub choices_made: u64,
    /// Runs that ended with each score, indexed by the score (0..=100).
    pub scores: Vec<u64>,
    pub outcomes: Vec<Share<Outcome>>,
    pub endings: Vec<Share<String>>,
    /// Runs that got stuck at a node with no choice on offer.
    pub stuck: u64,
    /// Runs stopped after [`MAX_STEPS`] choices without an ending.
    pub unfinished: u64,
    /// For each node, how often each of its choices was taken, in file order.
    pub choices: Vec<Taken>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share<T> {
    pub what: T,
    pub runs: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Taken {
    pub node: String,
    /// Each choice's text and how many times it was taken, in file order.
    pub choices: Vec<Share<String>>,
}

/// Plays `options.runs` sessions, calling `progress` with each batch of runs
/// finished.
pub fn simulate(
    scenario: &Arc<Scenario>,
    options: &Options,
    progress: &(dyn Fn(u64) + Sync),
) -> Simulation {
    let threads = match options.threads {
        0 => thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let next = AtomicU64::new(0);
    let tallies: Vec<Tally> = thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut player = Player::new(scenario, options.policy);
                    loop {
                        let first = next.fetch_add(CHUNK, Ordering::Relaxed);
                        if first >= options.runs {
                            return player.tally;
                        }
                        let last = (first + CHUNK).min(options.runs);
                        for run in first..last {
                            player.play(session_seed(options.seed, run));
                        }
                        progress(last - first);
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a simulation thread panicked"))
            .collect()
    });
    let mut total = Tally::new(scenario);
    for tally in &tallies {
        total.add(tally);
    }
    total.into_simulation(scenario, options)
}

/// Counts that only add up, so their sum doesn't depend on who counted what.
#[derive(Debug, Clone)]
struct Tally {
    scores: Vec<u64>,
    endings: Vec<u64>,
    stuck: u64,
    unfinished: u64,
    choices_made: u64,
    /// Per choice, flat: node `n`'s choices start at `first_choice[n]`.
    taken: Vec<u64>,
    first_choice: Vec<usize>,
}

impl Tally {
    fn new(scenario: &Scenario) -> Tally {
        let mut first_choice = Vec::with_capacity(scenario.nodes.len());
        let mut count = 0;
        for node in &scenario.nodes {
            first_choice.push(count);
            count += node.choices.len();
        }
        Tally {
            scores: vec![0; 101],
            endings: vec![0; scenario.endings.len()],
            stuck: 0,
            unfinished: 0,
            choices_made: 0,
            taken: vec![0; count],
            first_choice,
        }
    }

    fn add(&mut self, other: &Tally) {
        let pairs = [
            (&mut self.scores, &other.scores),
            (&mut self.endings, &other.endings),
            (&mut self.taken, &other.taken),
        ];
        for (mine, theirs) in pairs {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
        self.stuck += other.stuck;
        self.unfinished += other.unfinished;
        self.choices_made += other.choices_made;
    }

    fn into_simulation(self, scenario: &Scenario, options: &Options) -> Simulation {
        let outcomes = [Outcome::Promoter, Outcome::Passive, Outcome::Detractor]
            .into_iter()
            .map(|outcome| Share {
                what: outcome,
                runs: scenario
                    .endings
                    .iter()
                    .zip(&self.endings)
                    .filter(|(e, _)| e.outcome == outcome)
                    .map(|(_, n)| n)
                    .sum(),
            })
            .collect();
        let endings = scenario
            .endings
            .iter()
            .zip(&self.endings)
            .map(|(e, &runs)| Share {
                what: e.id.clone(),
                runs,
            })
            .collect();
        let choices = scenario
            .nodes
            .iter()
            .zip(&self.first_choice)
            .map(|(node, &first)| Taken {
                node: node.id.clone(),
                choices: node
                    .choices
                    .iter()
                    .zip(&self.taken[first..])
                    .map(|(choice, &runs)| Share {
                        what: choice.text.clone(),
                        runs,
                    })
                    .collect(),
            })
            .collect();
        Simulation {
            scenario: scenario.id.clone(),
            runs: options.runs,
            seed: options.seed,
            policy: options.policy,
            choices_made: self.choices_made,
            scores: self.scores,
            outcomes,
            endings,
            stuck: self.stuck,
            unfinished: self.unfinished,
            choices,
        }
    }
}

/// One thread's trainee: plays sessions and tallies them.
struct Player<'a> {
    scenario: &'a Arc<Scenario>,
    policy: Policy,
    tally: Tally,
    scratch: Vec<i32>,
}

impl<'a> Player<'a> {
    fn new(scenario: &'a Arc<Scenario>, policy: Policy) -> Player<'a> {
        Player {
            scenario,
            policy,
            tally: Tally::new(scenario),
            scratch: Vec::new(),
        }
    }

    fn play(&mut self, seed: u64) {
        let scenario = self.scenario;
        let mut session = Session::new(Arc::clone(scenario), seed);
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(1);
        let mut made = scoring::Tally::default();
        loop {
            let node = match session.state() {
                State::Ended { ending } => {
                    let s = made.score(customer_score(scenario, session.meters()));
                    self.tally.scores[usize::from(s)] += 1;
                    self.tally.endings[ending] += 1;
                    return;
                }
                State::Stuck { .. } => {
                    self.tally.stuck += 1;
                    return;
                }
                State::Waiting { .. } if made.turns >= MAX_STEPS => {
                    self.tally.unfinished += 1;
                    return;
                }
                State::Waiting { node, .. } => node,
            };
            let offered = session.offered();
            let pick = match self.policy {
                Policy::Random => rng.random_range(0..offered.len()),
                Policy::Greedy => {
                    self.pick(&session, node, usize::from(made.choices), |g, best| {
                        g > best
                    })
                }
                Policy::Worst => self.pick(&session, node, usize::from(made.choices), |g, best| {
                    g < best
                }),
            };
            let choice = offered[pick];
            made = made.after(&scenario.nodes[node].choices[choice]);
            self.tally.choices_made += 1;
            self.tally.taken[self.tally.first_choice[node] + choice] += 1;
            session.choose(pick).expect("the pick is one of the offers");
        }
    }

    /// The offer whose gain beats all others by `better`, the first on a tie.
    fn pick(
        &mut self,
        session: &Session,
        node: usize,
        made: usize,
        better: impl Fn(f32, f32) -> bool,
    ) -> usize {
        let scenario = self.scenario;
        let mut best: Option<(usize, f32)> = None;
        for (offer, &c) in session.offered().iter().enumerate() {
            let choice = &scenario.nodes[node].choices[c];
            let g = gain(
                scenario,
                session.meters(),
                choice,
                made + 1,
                &mut self.scratch,
            );
            if best.is_none_or(|(_, b)| better(g, b)) {
                best = Some((offer, g));
            }
        }
        best.map_or(0, |(offer, _)| offer)
    }
}

impl Simulation {
    /// Runs that reached an ending.
    pub fn ended(&self) -> u64 {
        self.scores.iter().sum()
    }
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// Histogram of scores by tens, then outcomes, endings and choices taken.
impl fmt::Display for Simulation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} runs, policy {:?}, seed {}, {} choices made",
            self.scenario, self.runs, self.policy, self.seed, self.choices_made
        )?;
        let ended = self.ended();
        let bins: Vec<u64> = (0..10)
            .map(|b| {
                let last = if b == 9 { 100 } else { b * 10 + 9 };
                self.scores[b * 10..=last].iter().sum()
            })
            .collect();
        let most = bins.iter().copied().max().unwrap_or(0).max(1);
        writeln!(f, "scores:")?;
        for (b, &n) in bins.iter().enumerate().rev() {
            let bar = "█".repeat((40 * n).div_ceil(most) as usize);
            let label = if b == 9 {
                "90-100".to_string()
            } else {
                format!("{}-{}", b * 10, b * 10 + 9)
            };
            writeln!(f, "  {label:>6} {:5.1}% {bar}", percent(n, ended))?;
        }
        writeln!(f, "outcomes:")?;
        for share in &self.outcomes {
            let what = format!("{:?}", share.what);
            writeln!(f, "  {what:<10} {:5.1}%", percent(share.runs, self.runs))?;
        }
        writeln!(f, "endings:")?;
        for share in &self.endings {
            writeln!(
                f,
                "  {:<16} {:5.1}%",
                share.what,
                percent(share.runs, self.runs)
            )?;
        }
        if self.stuck > 0 || self.unfinished > 0 {
            writeln!(
                f,
                "  stuck {:.1}%, unfinished after {MAX_STEPS} choices {:.1}%",
                percent(self.stuck, self.runs),
                percent(self.unfinished, self.runs)
            )?;
        }
        writeln!(f, "choices taken:")?;
        for node in &self.choices {
            let visits: u64 = node.choices.iter().map(|c| c.runs).sum();
            if visits == 0 {
                continue;
            }
            writeln!(f, "  {} ({visits} times)", node.node)?;
            for (c, share) in node.choices.iter().enumerate() {
                let share_of = percent(share.runs, visits);
                let text = truncate(&share.what, 60);
                writeln!(f, "    {share_of:5.1}%  {}. {text}", c + 1)?;
            }
        }
        Ok(())
    }
}
