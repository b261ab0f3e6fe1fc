//! Sessions played through the runner with the records as its journal: the
//! personal best, recording failures said once, and past attempts reopened
//! with the same figures the trainee was told.

mod common;

use common::{bundled, temp_dir};
use frontline_core::runner::{Feedback, PersonalBest, Retry};
use frontline_core::{Mode, Playthrough, Prepared, Prompt};
use std::time::Duration;

use frontline_records::{DATABASE_FILE, OpenOptions, Recorder};

/// Plays `prepared` from `seed` taking offer `pick` (modulo what is offered).
fn play(prepared: &Prepared, seed: u64, pick: usize, recorder: &mut Recorder) -> Playthrough {
    let mut playthrough = Playthrough::new(prepared, seed, Mode::Coach);
    playthrough.start(recorder);
    while let Prompt::Choose { offers, .. } = playthrough.prompt() {
        let offer = pick % offers.len();
        playthrough.choose(offer, recorder).unwrap();
    }
    playthrough
}

#[test]
fn the_personal_best_compares_with_earlier_finished_attempts() {
    let dir = temp_dir("best");
    let mut recorder = Recorder::open(dir.join(DATABASE_FILE), "Ada").unwrap();
    let b = &bundled()[0];
    let prepared = Prepared::new((*b.scenario).clone(), b.source.as_str());
    let scores: Vec<(u8, PersonalBest)> = (0..6)
        .map(|seed| {
            let played = play(&prepared, seed, seed as usize, &mut recorder);
            let c = played.conclusion().unwrap();
            (c.debrief.score, c.personal_best)
        })
        .collect();
    assert_eq!(scores[0].1, PersonalBest::First);
    let mut best = scores[0].0;
    for &(score, told) in &scores[1..] {
        let expected = if score > best {
            PersonalBest::Improved { previous: best }
        } else {
            PersonalBest::Kept { best }
        };
        assert_eq!(told, expected);
        best = best.max(score);
    }
}

#[test]
fn a_reopened_attempt_shows_what_the_trainee_was_told() {
    let dir = temp_dir("reopen");
    let mut recorder = Recorder::open(dir.join(DATABASE_FILE), "Ada").unwrap();
    for b in bundled() {
        let prepared = Prepared::new((*b.scenario).clone(), b.source.as_str());
        let played = play(&prepared, 5, 1, &mut recorder);
        let told = played.conclusion().unwrap();
        let attempt = recorder
            .attempts()
            .into_iter()
            .rfind(|a| a.scenario == b.scenario.id)
            .unwrap();
        assert_eq!(Some(attempt.id.0), told.attempt);
        let reopened = attempt.reopen(&prepared).unwrap();
        assert_eq!(reopened.note, None, "the same file");
        assert_eq!(reopened.conclusion.debrief, told.debrief);
        assert_eq!(reopened.conclusion.hindsight, told.hindsight);

        // A file edited since: the note says so.
        let edited = format!("{}\n// edited\n", b.source);
        let today = Prepared::new((*b.scenario).clone(), edited);
        let note = attempt.reopen(&today).unwrap().note.unwrap();
        assert!(note.contains("changed since this attempt"), "{note}");
    }
}

#[test]
fn a_recording_failure_is_told_once() {
    let dir = temp_dir("failure");
    let path = dir.join(DATABASE_FILE);
    let quick = OpenOptions::default().busy_timeout(Duration::from_millis(200));
    let mut recorder = Recorder::with_store(quick.open(&path).unwrap(), "Ada");
    let b = &bundled()[0];
    let prepared = Prepared::new((*b.scenario).clone(), b.source.as_str());
    let mut playthrough = Playthrough::new(&prepared, 1, Mode::Exam);
    playthrough.start(&mut recorder);
    // Another program holds the database: the next write fails.
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let mut told = Vec::new();
    while let Prompt::Choose { .. } = playthrough.prompt() {
        told.push(playthrough.choose(0, &mut recorder).unwrap());
    }
    let failures: Vec<&String> = told
        .iter()
        .filter_map(|t| t.recording_failed.as_ref())
        .collect();
    assert_eq!(failures.len(), 1, "said once: {failures:?}");
    assert!(
        told.iter()
            .all(|t| t.feedback.is_none() && t.meters.is_none()),
        "exam mode"
    );
    let c = playthrough.conclusion().unwrap();
    assert_eq!(
        c.personal_best,
        PersonalBest::Unknown,
        "nothing recorded to compare"
    );
}

#[test]
fn what_the_trainee_was_told_and_retries_are_kept() {
    let dir = temp_dir("judged");
    let mut recorder = Recorder::open(dir.join(DATABASE_FILE), "Ada").unwrap();
    let b = common::scenario("caviar");
    let prepared = Prepared::new((*b.scenario).clone(), b.source.as_str());
    let first = play(&prepared, 3, 1, &mut recorder);
    let told = first.conclusion().unwrap().clone();
    let of = told.attempt.expect("recorded");
    let retry = Retry {
        of: Some(of),
        turn: 2,
    };
    let mut again = Playthrough::retry(&prepared, &told.record, retry, Mode::Exam).unwrap();
    again.start(&mut recorder);
    while let Prompt::Choose { .. } = again.prompt() {
        again.choose(0, &mut recorder).unwrap();
    }
    let retried = again.conclusion().unwrap();

    let attempts = recorder.attempts();
    let (earlier, later) = (&attempts[0], &attempts[1]);
    assert_eq!(earlier.retry, None);
    let mark = later.retry.as_ref().expect("marked as a retry");
    assert_eq!(
        (mark.attempt, mark.uuid, mark.turn),
        (Some(earlier.id), Some(earlier.uuid), 2)
    );
    // Each reply's quality and points lost are the runner's, read back.
    for (attempt, conclusion) in [(earlier, &told), (later, retried)] {
        let turns = &conclusion.hindsight.turns;
        assert_eq!(attempt.choices.len(), turns.len());
        for (choice, turn) in attempt.choices.iter().zip(turns) {
            assert_eq!(
                choice.quality,
                Feedback::of(&choice_of(&prepared, turn)).quality
            );
            assert_eq!(choice.lost, turn.before.map(|_| turn.lost()));
        }
    }
    let reopened = later.reopen(&prepared).unwrap();
    assert_eq!(reopened.conclusion.retry, Some(retry));
    let note = reopened.note.expect("a retry says so");
    assert!(
        note.contains(&format!("took turn 2 of attempt {}", earlier.id)),
        "{note}"
    );
}

fn choice_of(
    prepared: &Prepared,
    turn: &frontline_core::review::Turn,
) -> frontline_core::scenario::Choice {
    let node = prepared
        .scenario
        .nodes
        .iter()
        .find(|n| n.id == turn.node)
        .unwrap();
    node.choices[turn.chosen.choice].clone()
}

#[test]
fn typed_replies_are_kept_with_their_words_and_reopen_with_their_recall_bonus() {
    use frontline_core::typing::Said;

    let dir = temp_dir("typed");
    let mut recorder = Recorder::open(dir.join(DATABASE_FILE), "Ada").unwrap();
    let b = &bundled()[0];
    let prepared = Prepared::new((*b.scenario).clone(), b.source.as_str());
    let mut played = Playthrough::new(&prepared, 2, Mode::Coach);
    played.start(&mut recorder);
    let mut given = Vec::new();
    while let Prompt::Choose { offers, .. } = played.prompt() {
        let choice = offers[0].choice;
        let said = match given.len() % 3 {
            0 => Said::Typed {
                text: format!("in my words, turn {}", given.len() + 1),
                score: 0.75,
            },
            1 => Said::Corrected {
                text: "something else".into(),
            },
            _ => Said::Picked,
        };
        given.push(said.clone());
        played.choose_said(choice, said, &mut recorder).unwrap();
    }
    let told = played.conclusion().unwrap();
    assert!(
        told.debrief.recall.is_some(),
        "typed replies earn a recall figure"
    );
    let attempt = recorder.attempts().pop().unwrap();
    let kept: Vec<Said> = attempt.choices.iter().map(|c| c.said.clone()).collect();
    assert_eq!(kept, given, "the words and how they were read are kept");
    assert_eq!(attempt.score(), Some(told.debrief.score));
    let reopened = attempt.reopen(&prepared).unwrap();
    assert_eq!(reopened.note, None);
    assert_eq!(reopened.conclusion.debrief, told.debrief);
    assert_eq!(reopened.conclusion.said, given);
}
