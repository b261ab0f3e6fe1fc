//! The screens of play laid out at every prompt of every bundled scenario:
//! the conversation at each node that asks for a reply (its line and all its
//! replies), the customer's last reaction, and the debrief of a finished run.

use std::sync::Arc;

use bevy::prelude::Text;
use frontline_core::explore::prompts;
use frontline_core::runner::NoJournal;
use frontline_core::{Mode, Playthrough, Prepared, Prompt};

use super::{Layout, assert_none, bundled};
use crate::game::screens::{ActivePlay, Results, Screen};

/// `prepared` played with `seed` along `path` (choices as written), unrecorded.
fn played(prepared: &Prepared, seed: u64, path: &[usize], mode: Mode) -> Playthrough {
    let mut play = Playthrough::new(prepared, seed, mode);
    play.start(&mut NoJournal);
    for &choice in path {
        play.choose_written(choice, &mut NoJournal).unwrap();
    }
    play
}

/// Shows `play` on the conversation screen, entered afresh, and checks that
/// what is laid out is the prompt or the ending meant.
fn converse(layout: &mut Layout, play: Playthrough) {
    let said = match play.prompt() {
        Prompt::Choose { line, .. } => line.to_string(),
        _ => play
            .conclusion()
            .expect("ended")
            .debrief
            .ending_text
            .clone(),
    };
    layout.open(Screen::Select);
    layout.app.insert_resource(ActivePlay::new(play, 0));
    layout.open(Screen::Conversation);
    let world = layout.app.world_mut();
    let mut texts = world.query::<&Text>();
    assert!(
        texts.iter(world).any(|t| t.0.contains(&said)),
        "the conversation shows «{said}»"
    );
}

#[test]
fn the_conversation_fits_at_every_prompt_of_every_scenario() {
    let mut layout = Layout::new("prompts", "Ada");
    let mut problems = Vec::new();
    for prepared in bundled(&layout) {
        let scenario = Arc::clone(&prepared.scenario);
        let reached = prompts(&scenario, 0..40);
        assert!(!reached.is_empty(), "{}: no prompt reached", scenario.id);
        for (node, (seed, path)) in reached {
            let what = format!("{} at `{}`", scenario.id, scenario.nodes[node].id);
            problems.extend(layout.check(&what, |l| {
                converse(l, played(&prepared, seed, &path, Mode::Coach));
            }));
        }
    }
    assert_none(problems);
}

#[test]
fn the_last_reaction_and_the_debrief_fit_for_every_scenario() {
    let mut layout = Layout::new("endings", "Ada");
    let mut problems = Vec::new();
    for prepared in bundled(&layout) {
        let id = prepared.scenario.id.clone();
        // The first reply throughout: a long, ordinary run.
        let mut play = played(&prepared, 3, &[], Mode::Coach);
        while let Prompt::Choose { .. } = play.prompt() {
            play.choose(0, &mut NoJournal).unwrap();
        }
        let results = Results::of(&play).expect("the run ended");
        problems.extend(layout.check(&format!("{id}, last reaction"), |l| {
            converse(l, play.clone());
        }));
        problems.extend(layout.check(&format!("{id}, debrief"), |l| {
            l.open(Screen::Select);
            l.app.insert_resource(results.clone());
            l.open(Screen::Debrief);
        }));
    }
    assert_none(problems);
}

#[test]
fn a_typed_turn_fits_at_each_of_its_steps() {
    use crate::game::profile::Profile;
    use crate::game::screens::typed_reply::Typing;
    use frontline_core::typing::Next;

    let mut layout = Layout::new("typed", "Ada");
    layout
        .app
        .world_mut()
        .resource_mut::<Profile>()
        .settings
        .typed = true;
    let mut problems = Vec::new();
    for prepared in bundled(&layout) {
        let id = prepared.scenario.id.clone();
        let play = played(&prepared, 1, &[], Mode::Coach);
        let offered = play.session().offered().to_vec();
        let stages = [
            Some(Next::Puzzled),
            Some(Next::Confirm {
                choice: offered[0],
                score: 0.7,
            }),
            Some(Next::Ask {
                first: (offered[0], 0.7),
                second: (offered[1], 0.69),
            }),
            Some(Next::ShowReplies),
        ];
        for stage in stages {
            problems.extend(layout.check(&format!("{id}, typed, {stage:?}"), |l| {
                converse(l, play.clone());
                l.app.world_mut().resource_mut::<Typing>().stage = stage;
                l.settle();
            }));
        }
    }
    assert_none(problems);
}
