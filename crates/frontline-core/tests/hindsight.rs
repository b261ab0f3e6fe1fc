//! "Where the points went" checked against a brute-force search: for paths
//! through every bundled scenario, each turn's guarantee before the reply and
//! after it equal a maximin over the remaining choices and both outcomes of
//! every random event, computed here from the documented score formula; and
//! replaying a turn with the better reply keeps the promise.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use frontline_core::load::Catalog;
use frontline_core::review::Hindsight;
use frontline_core::runner::{NoJournal, Retry};
use frontline_core::scenario::{Arrival, Better, Passage, Target};
use frontline_core::{Debrief, Mode, Playthrough, Prepared, Prompt, Scenario, Session, State};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The bundled scenarios, and the fixture with line variants, `unset` and
/// unscored steps.
fn bundled() -> Vec<Prepared> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let features = root.join("tests/fixtures/features.scenario.ron");
    let catalog = Catalog::load(&[root.join("../../scenarios"), features]).expect("readable");
    catalog
        .loaded()
        .map(|l| Prepared::new(l.scenario.clone(), l.source.clone()))
        .collect()
}

/// docs/scoring.md: 60% the customer (weighted meters, each on 0..=1 with 1
/// best), 40% the mean quality of the scored choices (1 good, ½ neutral or
/// mixed, 0 anti-pattern), rounded half up.
fn documented_score(scenario: &Scenario, meters: &[i32], qualities: &[f64]) -> u8 {
    let weights: f64 = scenario.meters.iter().map(|m| f64::from(m.weight)).sum();
    let customer: f64 = scenario
        .meters
        .iter()
        .zip(meters)
        .map(|(m, &v)| {
            let share = f64::from(v - m.min) / f64::from(m.max - m.min);
            let share = if m.better == Better::Lower {
                1.0 - share
            } else {
                share
            };
            f64::from(m.weight) * share
        })
        .sum::<f64>()
        / weights;
    let practice = if qualities.is_empty() {
        0.5
    } else {
        qualities.iter().sum::<f64>() / qualities.len() as f64
    };
    // Rounded half up; a result within 10⁻⁹ of a half is that half.
    let raw = 60.0 * customer + 40.0 * practice;
    ((raw * 1e9).round() / 1e9).round() as u8
}

fn quality(tags: &[frontline_core::Practice]) -> f64 {
    let good = tags.iter().any(|t| !t.is_anti_pattern());
    let bad = tags.iter().any(|t| t.is_anti_pattern());
    match (good, bad) {
        (true, false) => 1.0,
        (false, true) => 0.0,
        _ => 0.5,
    }
}

/// Follows one list of event decisions, noting the decisions it had to make.
struct Decisions {
    given: Vec<bool>,
    used: usize,
}

impl Passage for Decisions {
    fn fires(&mut self, _: usize, _: usize, chance: f64) -> bool {
        if chance <= 0.0 || chance >= 1.0 {
            return chance >= 1.0;
        }
        self.used += 1;
        self.given.get(self.used - 1).copied().unwrap_or(false)
    }
}

/// Every place entering `target` can lead, over both outcomes of each event.
fn arrivals(scenario: &Scenario, target: Target, flags: &[bool], meters: &[i32]) -> Vec<Arrival> {
    let mut found = Vec::new();
    let mut queue = vec![Vec::new()];
    while let Some(given) = queue.pop() {
        let mut d = Decisions {
            given: given.clone(),
            used: 0,
        };
        let arrival = scenario.enter(target, flags, meters, &mut d);
        if d.used > given.len() {
            // A decision was defaulted to "no": try both ways explicitly.
            for fired in [false, true] {
                let mut longer = given.clone();
                longer.push(fired);
                queue.push(longer);
            }
        } else if !found.contains(&arrival) {
            found.push(arrival);
        }
    }
    found
}

type Key = (usize, Vec<bool>, Vec<i32>, Vec<u8>);

/// The maximin score from a node (trainee maximises, events minimise).
struct Brute<'a> {
    scenario: &'a Scenario,
    memo: HashMap<Key, Option<u8>>,
}

impl Brute<'_> {
    fn at_node(&mut self, node: usize, flags: &[bool], meters: &[i32], q: &[f64]) -> Option<u8> {
        let mut halves: Vec<u8> = q.iter().map(|x| (x * 2.0) as u8).collect();
        halves.sort();
        let key = (node, flags.to_vec(), meters.to_vec(), halves);
        if let Some(&v) = self.memo.get(&key) {
            return v;
        }
        let n = &self.scenario.nodes[node];
        let value = n
            .available(flags, meters)
            .collect::<Vec<_>>()
            .into_iter()
            .map(|c| self.after_choice(node, c, flags, meters, q))
            .max()
            .flatten();
        self.memo.insert(key, value);
        value
    }

    fn after_choice(
        &mut self,
        node: usize,
        choice: usize,
        flags: &[bool],
        meters: &[i32],
        q: &[f64],
    ) -> Option<u8> {
        let c = &self.scenario.nodes[node].choices[choice];
        let (mut flags, mut meters) = (flags.to_vec(), meters.to_vec());
        self.scenario.apply(c, &mut flags, &mut meters);
        let mut q = q.to_vec();
        if c.scored {
            q.push(quality(&c.tags));
        }
        arrivals(self.scenario, c.next, &flags, &meters)
            .into_iter()
            .map(|arrival| match arrival {
                Arrival::Ending(_) => Some(documented_score(self.scenario, &meters, &q)),
                Arrival::Stuck(_) => None,
                Arrival::Node(n) => self.at_node(n, &flags, &meters, &q),
            })
            .min()
            .flatten()
    }
}

/// A random path to an ending: seed and choices as written.
fn random_path(prepared: &Prepared, seed: u64) -> Session {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
    let mut session = Session::new(Arc::clone(&prepared.scenario), seed);
    while !session.offered().is_empty() {
        let pick = rng.random_range(0..session.offered().len());
        session.choose(pick).unwrap();
    }
    session
}

fn hindsight_of(prepared: &Prepared, session: &Session) -> (Debrief, Hindsight) {
    let debrief = Debrief::of(session).expect("the path ended");
    let hindsight = Hindsight::of(session, &prepared.yardstick, debrief.score);
    (debrief, hindsight)
}

#[test]
fn every_turn_s_guarantees_match_a_brute_force_maximin() {
    for prepared in bundled() {
        let scenario = &*prepared.scenario;
        let mut brute = Brute {
            scenario,
            memo: HashMap::new(),
        };
        for seed in 0..12 {
            let session = random_path(&prepared, seed);
            let (_, hindsight) = hindsight_of(&prepared, &session);
            let mut q = Vec::new();
            for (step, turn) in session.steps().iter().zip(&hindsight.turns) {
                let (flags, meters) = (&step.flags_before, &step.meters_before);
                let before = brute.at_node(step.node, flags, meters, &q);
                let kept = brute.after_choice(step.node, step.choice, flags, meters, &q);
                let at = format!("{} seed {seed} turn {}", scenario.id, turn.number);
                assert_eq!(turn.before, before, "{at}: before");
                assert_eq!(turn.kept, kept, "{at}: kept");
                let lost = before.unwrap().saturating_sub(kept.unwrap());
                assert_eq!(turn.lost(), lost, "{at}: points lost");
                match &turn.better {
                    Some((better, keeps)) => {
                        let brute_keeps =
                            brute.after_choice(step.node, better.choice, flags, meters, &q);
                        assert_eq!(Some(*keeps), brute_keeps, "{at}: the better reply");
                        assert_eq!(Some(*keeps), before, "{at}: better keeps the most");
                        assert!(lost > 0, "{at}: a better reply only when points were lost");
                    }
                    None => assert_eq!(lost, 0, "{at}: points lost with no better reply"),
                }
                let choice = &scenario.nodes[step.node].choices[step.choice];
                if choice.scored {
                    q.push(quality(&choice.tags));
                }
            }
        }
    }
}

#[test]
fn the_score_is_the_start_guarantee_less_the_points_lost_plus_luck() {
    for prepared in bundled() {
        for seed in 0..20 {
            let session = random_path(&prepared, seed);
            let (debrief, h) = hindsight_of(&prepared, &session);
            let start = u16::from(h.start.expect("bundled scenarios are searched whole"));
            let luck = u16::from(h.luck.expect("luck is never negative"));
            assert_eq!(u16::from(debrief.score), start - h.lost() + luck);
            assert!(h.exact);
            let costly = h.costly();
            assert!(costly.windows(2).all(|w| w[0].lost() >= w[1].lost()));
        }
    }
}

/// Plays on from wherever the playthrough is, always taking the reply that
/// guarantees the most.
fn play_best(playthrough: &mut Playthrough, prepared: &Prepared) {
    loop {
        let Prompt::Choose { offers, .. } = playthrough.prompt() else {
            return;
        };
        let session = playthrough.session();
        let State::Waiting { node, .. } = session.state() else {
            unreachable!("a prompt to choose is a waiting session");
        };
        let standing = prepared
            .yardstick
            .standing(node, session.flags(), session.meters(), session.tally())
            .expect("every reachable state was searched");
        let (best, _) = standing.best_choice().expect("some reply can finish");
        let offer = offers.iter().position(|o| o.choice == best).unwrap();
        playthrough.choose(offer, &mut NoJournal).unwrap();
    }
}

#[test]
fn trying_a_costly_turn_again_with_the_better_reply_keeps_the_promise() {
    let mut tried = 0;
    for prepared in bundled() {
        for seed in 0..10 {
            let session = random_path(&prepared, seed);
            let (_, h) = hindsight_of(&prepared, &session);
            for turn in h.costly() {
                let (better, promised) = turn.better.clone().unwrap();
                let retry = Retry {
                    of: None,
                    turn: turn.number,
                };
                let mut again =
                    Playthrough::retry(&prepared, &session.record(), retry, Mode::Coach).unwrap();
                assert_eq!(again.session().steps().len(), turn.number - 1);
                let offer = match again.prompt() {
                    Prompt::Choose { offers, .. } => offers
                        .iter()
                        .position(|o| o.choice == better.choice)
                        .unwrap(),
                    other => panic!("turn {} is not a prompt: {other:?}", turn.number),
                };
                again.choose(offer, &mut NoJournal).unwrap();
                play_best(&mut again, &prepared);
                let score = again.conclusion().expect("ended").debrief.score;
                assert!(
                    score >= promised,
                    "{} seed {seed} turn {}: promised {promised}, got {score}",
                    prepared.scenario.id,
                    turn.number
                );
                tried += 1;
            }
        }
    }
    assert!(tried > 20, "too few costly turns tried: {tried}");
}

#[test]
fn the_things_to_work_on_are_the_costliest_pillars_with_their_worst_turn() {
    let mut advised = 0;
    for prepared in bundled() {
        for seed in 0..30 {
            let session = random_path(&prepared, seed);
            let (_, h) = hindsight_of(&prepared, &session);
            let at = format!("{} seed {seed}", prepared.scenario.id);
            assert!(h.focus.len() <= 2, "{at}: at most two things");
            assert!(
                h.focus.windows(2).all(|w| w[0].points >= w[1].points),
                "{at}: costliest first"
            );
            let points: u16 = h.focus.iter().map(|f| f.points).sum();
            assert!(points <= h.lost(), "{at}: {points} > {} lost", h.lost());
            if h.lost() > 0 {
                assert!(
                    !h.focus.is_empty(),
                    "{at}: points lost and nothing to work on"
                );
                advised += 1;
            }
            for f in &h.focus {
                let Some((number, practice)) = f.worst else {
                    assert_eq!(f.points, 0, "{at}: points with no turn");
                    continue;
                };
                let turn = &h.turns[number - 1];
                assert!(turn.lost() > 0, "{at}: turn {number} lost nothing");
                assert_eq!(practice.pillar(), f.pillar);
                let chose_it = turn.chosen.tags.contains(&practice) && practice.is_anti_pattern();
                let missed_it = turn
                    .better
                    .as_ref()
                    .is_some_and(|(better, _)| better.tags.contains(&practice));
                assert!(chose_it || missed_it, "{at}: {practice:?} at turn {number}");
                assert_eq!(f.advice, f.pillar.advice());
            }
        }
    }
    assert!(
        advised > 30,
        "random play should lose points often: {advised}"
    );
}
