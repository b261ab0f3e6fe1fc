//! Replies typed in the trainee's own words earn the recall bonus of
//! `docs/scoring.md`: each scored reply recalled earns its quality's share of
//! five points on top, within 100; picked and corrected replies earn none.

use frontline_core::runner::NoJournal;
use frontline_core::typing::Said;
use frontline_core::{Catalog, Debrief, Mode, Playthrough, Prepared, Prompt};

fn bundled() -> Vec<Prepared> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let catalog = Catalog::load(&[folder]).unwrap();
    catalog
        .loaded()
        .map(|l| Prepared::new(l.scenario.clone(), l.source.as_str()))
        .collect()
}

/// Plays offer `pick` (modulo what is offered) throughout, each reply given
/// as `said_at(turn)`.
fn play(
    prepared: &Prepared,
    seed: u64,
    pick: usize,
    said_at: impl Fn(usize) -> Said,
) -> Playthrough {
    let mut play = Playthrough::new(prepared, seed, Mode::Exam);
    play.start(&mut NoJournal);
    let mut turn = 0;
    while let Prompt::Choose { offers, .. } = play.prompt() {
        let choice = offers[pick % offers.len()].choice;
        play.choose_said(choice, said_at(turn), &mut NoJournal)
            .unwrap();
        turn += 1;
    }
    play
}

/// The documented formula, from the debrief without the bonus.
fn expected(plain: &Debrief, said: &[Said]) -> u8 {
    let scored: Vec<usize> = (0..plain.steps.len())
        .filter(|&i| plain.steps[i].scored)
        .collect();
    let recalled: f64 = scored
        .iter()
        .filter(|&&i| matches!(said[i], Said::Typed { .. }))
        .map(|&i| f64::from(plain.steps[i].quality))
        .sum();
    let share = if scored.is_empty() {
        0.0
    } else {
        recalled / scored.len() as f64
    };
    let raw = 60.0 * plain.customer + 40.0 * plain.practice + 5.0 * share;
    (raw + 1e-9).round().min(100.0) as u8
}

/// How the reply of each turn is given.
type SaidAt = fn(usize) -> Said;

fn typed(turn: usize) -> Said {
    Said::Typed {
        text: format!("turn {turn} in my own words"),
        score: 0.7,
    }
}

#[test]
fn recalled_replies_add_their_share_of_five_points_and_no_more() {
    for prepared in bundled() {
        for (seed, pick) in [(0, 0), (1, 1), (2, 2), (3, 0)] {
            let patterns: [(&str, SaidAt); 3] = [
                ("all typed", typed),
                ("every other typed", |t| {
                    if t % 2 == 0 {
                        typed(t)
                    } else {
                        Said::Corrected { text: "hm".into() }
                    }
                }),
                ("all corrected", |_| Said::Corrected { text: "hm".into() }),
            ];
            let plain = play(&prepared, seed, pick, |_| Said::Picked);
            let plain = plain.conclusion().unwrap().debrief.clone();
            assert_eq!(plain.recall, None, "picked replies earn nothing");
            for (name, said_at) in patterns {
                let played = play(&prepared, seed, pick, said_at);
                let c = played.conclusion().unwrap();
                let want = expected(&plain, &c.said);
                let id = &prepared.scenario.id;
                assert_eq!(c.debrief.score, want, "{id} seed {seed}, {name}");
                assert!(c.debrief.score >= plain.score, "{id}: typing never costs");
                let recall = c
                    .debrief
                    .recall
                    .expect("typed replies have a recall figure");
                assert_eq!(recall.points, c.debrief.score - plain.score);
                assert_eq!(c.debrief.grade, frontline_core::Grade::from_score(want));
                assert_eq!(
                    c.hindsight,
                    played_hindsight(&prepared, seed, pick),
                    "{id}: points lost are about the choices"
                );
            }
        }
    }
}

fn played_hindsight(prepared: &Prepared, seed: u64, pick: usize) -> frontline_core::Hindsight {
    let plain = play(prepared, seed, pick, |_| Said::Picked);
    plain.conclusion().unwrap().hindsight.clone()
}
