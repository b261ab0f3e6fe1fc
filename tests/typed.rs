//! `play --text --type`: replies typed in the trainee's own words, read by
//! the shipped model, confirmed, corrected or listed as the core's typing
//! rules say, and the recall bonus in the debrief.

mod common;

use std::sync::Arc;

use common::{frontline, scenarios, stdout};
use frontline_core::load::Catalog;
use frontline_core::runner::NoJournal;
use frontline_core::typing::Said;
use frontline_core::{Mode, Playthrough, Prepared, Prompt, Session};

/// A trial run of `caviar` from seed 3, every reply typed.
const TYPED_CAVIAR: [&str; 7] = [
    "play",
    "--text",
    "caviar",
    "--type",
    "--seed",
    "3",
    "--no-record",
];

fn caviar() -> Prepared {
    let catalog = Catalog::load(&[scenarios()]).unwrap();
    let loaded = catalog.find("caviar").unwrap();
    Prepared::new(loaded.scenario.clone(), loaded.source.as_str())
}

/// The text of the first reply shown at the first prompt of `seed`.
fn first_offer(seed: u64, n: usize) -> String {
    let session = Session::new(Arc::clone(&caviar().scenario), seed);
    let Prompt::Choose { offers, .. } = session.prompt() else {
        panic!("caviar asks first");
    };
    offers[n].text.to_string()
}

#[test]
fn replies_typed_word_for_word_are_confirmed_taken_and_earn_the_recall_bonus() {
    let prepared = caviar();
    // The core's own playthrough, every reply typed and confirmed.
    let mut expected = Playthrough::new(&prepared, 3, Mode::Coach);
    expected.start(&mut NoJournal);
    let mut input = String::new();
    let mut typed = Vec::new();
    while let Prompt::Choose { offers, .. } = expected.prompt() {
        let (choice, text) = (offers[0].choice, offers[0].text.to_string());
        input.push_str(&format!("{text}\n\n"));
        let said = Said::Typed {
            text: text.clone(),
            score: 1.0,
        };
        expected.choose_said(choice, said, &mut NoJournal).unwrap();
        typed.push(text);
    }
    let debrief = &expected.conclusion().unwrap().debrief;
    let recall = debrief.recall.unwrap();
    let output = frontline(&TYPED_CAVIAR, input);
    let shown = stdout(&output);
    assert!(output.status.success(), "{shown}");
    for text in &typed {
        assert!(
            shown.contains(&format!("You said, in effect: «{text}»")),
            "{shown}"
        );
        assert!(shown.contains(&format!("You typed: «{text}»")), "{shown}");
    }
    assert!(
        shown.contains(&format!("Score: {}/100", debrief.score)),
        "the core's score, recall included: {shown}"
    );
    let bonus = format!(
        "+{} for replies in your own words ({} of {} scored replies)",
        recall.points, recall.turns, recall.of
    );
    assert_eq!(bonus, recall.summary());
    assert!(shown.contains(&bonus), "{shown}");
    let conversation = &shown[..shown.find("=== Debrief ===").unwrap()];
    assert!(
        !conversation.contains("  1. "),
        "the replies stay hidden: {conversation}"
    );
}

#[test]
fn that_is_not_what_i_meant_lists_the_replies_and_takes_the_one_picked() {
    let first = first_offer(3, 0);
    let second = first_offer(3, 1);
    let input = format!("{first}\nn\n2\n");
    let shown = stdout(&frontline(&TYPED_CAVIAR, input));
    assert!(
        shown.contains(&format!("You said, in effect: «{first}»")),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("  2. {second}")),
        "the list: {shown}"
    );
    assert!(shown.contains(&format!("You: {second}")), "{shown}");
}

#[test]
fn a_reply_the_customer_does_not_follow_twice_brings_up_the_replies() {
    let input = "purple monkey dishwasher\nzebra quartz umbrella\n1\n";
    let shown = stdout(&frontline(&TYPED_CAVIAR, input));
    let puzzled = shown.find("looks puzzled. Try saying it another way.");
    let listed = shown.find("still doesn't follow. These are the replies you could give:");
    assert!(puzzled.is_some() && listed > puzzled, "{shown}");
    let first = first_offer(3, 0);
    assert!(shown.contains(&format!("  1. {first}")), "{shown}");
    assert!(shown.contains(&format!("You: {first}")), "{shown}");
}
