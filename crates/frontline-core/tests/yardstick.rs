//! The yardstick keeps a compact table of the exact search and drops the
//! search itself. Checked here against the search's own lookups (the hash
//! index of the situations, the index of the states): every state the search
//! found is found with the moves the search has there, and a key one flag,
//! meter, count or node away is found exactly when the search has it.

use std::path::Path;

use frontline_core::bounds::Scores;
use frontline_core::load::Catalog;
use frontline_core::reach::{Reach, Situation};
use frontline_core::scoring::Tally;
use frontline_core::{Scenario, Yardstick};

/// The bundled scenarios, and the fixture with line variants, `unset` and
/// unscored steps.
fn scenarios() -> Vec<Scenario> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let features = root.join("tests/fixtures/features.scenario.ron");
    let catalog = Catalog::load(&[root.join("../../scenarios"), features]).expect("readable");
    assert_eq!(catalog.broken().count(), 0);
    catalog.loaded().map(|l| l.scenario.clone()).collect()
}

/// A state key, as a session at a prompt has it.
#[derive(Clone)]
struct Key {
    node: usize,
    flags: Vec<bool>,
    meters: Vec<i32>,
    tally: Tally,
}

/// The search and what the yardstick made of it.
struct Searched {
    reach: Reach,
    scores: Scores,
    yardstick: Yardstick,
}

impl Searched {
    fn of(scenario: &Scenario) -> Searched {
        let reach = Reach::of(scenario);
        let scores = Scores::of(scenario, &reach);
        assert!(scores.complete);
        Searched {
            yardstick: Yardstick::of(scenario),
            reach,
            scores,
        }
    }

    /// The state of the search at a key, through the search's own indexes.
    fn state(&self, key: &Key) -> Option<usize> {
        let situation = self.reach.find(Situation {
            node: key.node,
            stuck: false,
            flags: &key.flags,
            meters: &key.meters,
        })?;
        self.scores.state_of(situation, key.tally)
    }

    /// Each state of the search a session can wait in, with its key.
    fn waiting(&self) -> impl Iterator<Item = (usize, Key)> + '_ {
        let states = self.scores.states.iter().enumerate();
        states.filter_map(|(i, state)| {
            let situation = self.reach.situation(state.situation);
            let key = Key {
                node: situation.node,
                flags: situation.flags.to_vec(),
                meters: situation.meters.to_vec(),
                tally: state.tally,
            };
            (!situation.stuck).then_some((i, key))
        })
    }

    fn found(&self, key: &Key) -> bool {
        let (flags, meters) = (&key.flags, &key.meters);
        let standing = self.yardstick.standing(key.node, flags, meters, key.tally);
        standing.is_some()
    }
}

#[test]
fn every_waiting_state_of_the_search_is_found_with_its_moves() {
    for scenario in scenarios() {
        let searched = Searched::of(&scenario);
        let (reach, scores) = (&searched.reach, &searched.scores);
        let mut states = 0;
        for (state, key) in searched.waiting() {
            let standing = searched
                .yardstick
                .standing(key.node, &key.flags, &key.meters, key.tally)
                .unwrap_or_else(|| panic!("{}: state {state} not found", scenario.id));
            let edges = scores.edges_at(state).chunk_by(|a, b| a.0 == b.0);
            let moves: Vec<usize> = edges.map(|e| reach.moves[e[0].0].choice).collect();
            let offered: Vec<usize> = standing.keeps.iter().map(|&(c, _)| c).collect();
            assert_eq!(offered, moves, "{}: state {state}", scenario.id);
            // The best reply keeps what the state guarantees.
            let best = standing.keeps.iter().map(|&(_, k)| k).max().flatten();
            assert_eq!(standing.guaranteed, best, "{}: state {state}", scenario.id);
            states += 1;
        }
        assert!(states > 0, "{}: no state to wait in", scenario.id);
    }
}

/// Keys one step from `key`: a flag flipped, a meter moved, a count or the
/// node changed, a list too short or too long.
fn neighbours(key: &Key, nodes: usize) -> Vec<Key> {
    let mut near = Vec::new();
    let mut with = |change: &dyn Fn(&mut Key)| {
        let mut other = key.clone();
        change(&mut other);
        near.push(other);
    };
    for f in 0..key.flags.len() {
        with(&|k| k.flags[f] = !k.flags[f]);
    }
    for m in 0..key.meters.len() {
        with(&|k| k.meters[m] += 1);
        with(&|k| k.meters[m] -= 1);
    }
    with(&|k| k.tally.turns += 1);
    with(&|k| k.tally.choices += 1);
    with(&|k| k.tally.halves += 1);
    with(&|k| k.tally.anti = !k.tally.anti);
    with(&|k| k.node = (k.node + 1) % nodes);
    with(&|k| k.node = nodes);
    with(&|k| k.flags.push(false));
    with(&|k| k.meters.push(0));
    if !key.meters.is_empty() {
        with(&|k| _ = k.meters.pop());
    }
    near
}

#[test]
fn a_key_near_a_state_is_found_exactly_when_the_search_has_it() {
    let (mut hits, mut misses) = (0, 0);
    for scenario in scenarios() {
        let searched = Searched::of(&scenario);
        for (_, key) in searched.waiting() {
            for near in neighbours(&key, scenario.nodes.len()) {
                let known = searched.state(&near).is_some();
                assert_eq!(
                    searched.found(&near),
                    known,
                    "{}: node {}, flags {:?}, meters {:?}, {:?}",
                    scenario.id,
                    near.node,
                    near.flags,
                    near.meters,
                    near.tally
                );
                if known {
                    hits += 1;
                } else {
                    misses += 1;
                }
            }
        }
        // Both answers were put to the test.
        assert!(
            hits > 0 && misses > 0,
            "{}: {hits} hits, {misses} misses",
            scenario.id
        );
    }
}
