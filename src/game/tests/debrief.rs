//! The debrief in the game and in the terminal show the same figures for the
//! same seed and choices, and "try that moment again" restarts at the turn.

use std::io::Cursor;

use bevy::prelude::*;
use frontline_core::runner::NoJournal;
use frontline_core::{Mode, Playthrough, Prepared, Session, State};

use super::{app, digit, loaded, press, scratch, screen, select_as_ada, texts, update_until};
use crate::commands::play_text::Terminal;
use crate::game::library::Library;
use crate::game::records::Records;
use crate::game::screens::{ActivePlay, NextSeed, Results, Screen};

/// The offer (0-based, as shown) that keeps the least, or the most.
fn pick(prepared: &Prepared, session: &Session, most: bool) -> usize {
    let State::Waiting { node, .. } = session.state() else {
        panic!("not waiting");
    };
    let standing = prepared
        .yardstick
        .standing(node, session.flags(), session.meters(), session.tally())
        .unwrap();
    let keeps = |offer: &usize| standing.keeps(*offer).unwrap_or(0);
    let choice = if most {
        session.offered().iter().max_by_key(|o| keeps(o))
    } else {
        session.offered().iter().min_by_key(|o| keeps(o))
    };
    let choice = *choice.unwrap();
    session.offered().iter().position(|&c| c == choice).unwrap()
}

/// Plays the conversation on screen by keys, each offer chosen by `choose`,
/// until the customer's final reaction; returns the offers chosen.
fn play_by_keys(app: &mut App, prepared: &Prepared, most: bool) -> Vec<usize> {
    let mut offers = Vec::new();
    loop {
        let session = app.world().resource::<ActivePlay>().session().clone();
        if !matches!(session.state(), State::Waiting { .. }) {
            return offers;
        }
        let offer = pick(prepared, &session, most);
        offers.push(offer);
        press(app, digit(offer));
    }
}

fn text_mode(prepared: &Prepared, seed: u64, offers: &[usize]) -> String {
    let mut input: String = offers.iter().map(|o| format!("{}\n", o + 1)).collect();
    input.push('\n');
    let mut terminal = Terminal {
        input: Cursor::new(input.into_bytes()),
        out: Vec::new(),
        echo: true,
        recording_failed: false,
        script: None,
    };
    let playthrough = Playthrough::new(prepared, seed, Mode::Coach);
    terminal.play(playthrough, &mut NoJournal, None).unwrap();
    String::from_utf8(terminal.out).unwrap()
}

#[test]
fn the_game_and_the_terminal_show_the_same_debrief_and_a_moment_can_be_tried_again() {
    let dir = scratch("debrief");
    let mut app = app(&dir);
    update_until(&mut app, "the library", loaded(&dir));
    let prepared = app.world().resource::<Library>().entries[0]
        .prepared()
        .unwrap();
    select_as_ada(&mut app, |_| {});
    let seed = 11;
    app.insert_resource(NextSeed(Some(seed)));
    press(&mut app, KeyCode::Digit1);
    press(&mut app, KeyCode::Enter);
    let offers = play_by_keys(&mut app, &prepared, false);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Debrief);

    let conclusion = app.world().resource::<Results>().conclusion.clone();
    let shown = texts(&mut app).join("\n");
    let printed = text_mode(&prepared, seed, &offers);
    let d = &conclusion.debrief;
    let h = &conclusion.hindsight;
    let best = conclusion.bounds.unwrap().best;
    assert!(shown.contains(&format!("{} / 100", d.score)), "{shown}");
    assert!(
        printed.contains(&format!("Score: {}/100", d.score)),
        "{printed}"
    );
    let best_line = format!("Best possible in this scenario: {best}");
    assert!(shown.contains(&best_line) && printed.contains(&best_line));
    let start = format!("the best replies guaranteed {}", h.start.unwrap());
    assert!(shown.contains(&start) && printed.contains(&start));
    let costly = h.costly();
    assert!(!costly.is_empty(), "the worst replies lose points");
    for turn in &costly {
        let (n, lost) = (turn.number, turn.lost());
        assert!(
            shown.contains(&format!("Turn {n} · \u{2212}{lost} here")),
            "{shown}"
        );
        assert!(
            printed.contains(&format!("Turn {n} (\u{2212}{lost})")),
            "{printed}"
        );
        let (better, _) = turn.better.as_ref().unwrap();
        assert!(shown.contains(&better.text) && printed.contains(&better.text));
    }

    // Try the costliest moment again, with the reply that keeps the most.
    let (turn, promised) = (costly[0].number, costly[0].better.as_ref().unwrap().1);
    press(&mut app, KeyCode::KeyT);
    assert_eq!(screen(&app), Screen::Conversation);
    let play = app.world().resource::<ActivePlay>();
    assert_eq!(
        play.session().steps().len(),
        turn - 1,
        "resumed before turn {turn}"
    );
    assert_eq!(play.session().seed(), seed);
    play_by_keys(&mut app, &prepared, true);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Debrief);
    let again = &app.world().resource::<Results>().conclusion;
    assert!(
        again.debrief.score >= promised,
        "{} < {promised}",
        again.debrief.score
    );
    assert_eq!(again.retry.map(|r| r.turn), Some(turn));
    let again = again.clone();
    let attempts = app.world().resource::<Records>().0.attempts();
    assert_eq!(attempts.len(), 2, "the retry is an attempt of its own");

    // Reopened from the progress screen: the same debrief.
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Select);
    press(&mut app, KeyCode::KeyP);
    assert_eq!(screen(&app), Screen::Progress);
    press(&mut app, KeyCode::KeyO);
    assert_eq!(screen(&app), Screen::Debrief);
    let reopened = &app.world().resource::<Results>().conclusion;
    assert_eq!(reopened.debrief, again.debrief);
    assert_eq!(reopened.hindsight, again.hindsight);
    assert_eq!(reopened.attempt, again.attempt);
    std::fs::remove_dir_all(dir).unwrap();
}
