//! The matcher with the shipped model: each verdict, stage directions,
//! trainers' examples, and the same answer every time. The model loads once
//! for the whole file.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use frontline_core::Scenario;
use frontline_core::load::parse;
use frontline_match::{Matcher, Penalty, Replies, Verdict};

fn model_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/model")
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| Matcher::load(&model_dir(), 1).expect("the shipped model loads"))
}

/// A one-node scenario whose choices are `choices`, given as RON fields.
fn scenario(choices: &[&str]) -> Scenario {
    let choices: Vec<String> = choices
        .iter()
        .map(|c| format!("Choice({c}, feedback: \"F\", next: \"end\")"))
        .collect();
    let source = format!(
        r#"Scenario(id: "t", title: "T", summary: "S", briefing: "B",
            customer: Customer(name: "Priya", persona: "P", expectation: "E", source: "S"),
            meters: [Meter(id: "satisfaction", label: "Satisfaction", start: 50)],
            start: "late",
            nodes: [Node(id: "late", lines: ["Where is my food?"], choices: [{}])],
            endings: [Ending(id: "end", title: "E", text: "T", outcome: Passive)],
        )"#,
        choices.join(", ")
    );
    parse(Path::new("t.scenario.ron"), &source).expect("the test scenario is valid")
}

/// The late meal's three kinds of answer: honest, over-promising, blaming.
const LATE: [&str; 3] = [
    r#"text: "I'm sorry, it's been too long. I'll ask the kitchen now and come straight back.""#,
    r#"text: "It's coming right out now, I promise, just another minute.""#,
    r#"text: "Did you order the risotto? That one takes a while, it's made fresh.""#,
];

fn read(replies: &Replies, offered: &[usize], text: &str) -> Verdict {
    matcher().read(replies, 0, offered, text).unwrap().verdict
}

#[test]
fn a_paraphrase_is_matched_to_the_choice_it_means() {
    let replies = matcher().replies(&scenario(&LATE)).unwrap();
    let all = [0, 1, 2];
    let cases = [
        (
            "so sorry for the wait, let me find out from the kitchen and i'll be right back",
            0,
        ),
        ("it'll be out in a minute, promise!", 1),
        (
            "was it the risotto you ordered? that's cooked fresh so it's slow",
            2,
        ),
    ];
    for (text, expected) in cases {
        match read(&replies, &all, text) {
            Verdict::Matched {
                choice,
                score,
                margin,
            } => {
                assert_eq!(choice, expected, "{text}");
                assert!(score > 0.0 && margin > 0.0, "{text}: {score} {margin}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn a_choice_written_out_matches_itself_with_full_score() {
    let replies = matcher().replies(&scenario(&LATE)).unwrap();
    let text = "It's coming right out now, I promise, just another minute.";
    let reading = matcher().read(&replies, 0, &[0, 1, 2], text).unwrap();
    assert_eq!(reading.ranked[0].choice, 1);
    assert!(
        (reading.ranked[0].score - 1.0).abs() < 1e-3,
        "{:?}",
        reading.ranked
    );
}

#[test]
fn an_unrelated_reply_is_off_script() {
    let replies = matcher().replies(&scenario(&LATE)).unwrap();
    for text in ["What's the wifi password?", "Nice weather for ducks today."] {
        let verdict = read(&replies, &[0, 1, 2], text);
        assert!(
            matches!(verdict, Verdict::OffScript { best: Some(_) }),
            "{text}: {verdict:?}"
        );
    }
    assert_eq!(
        read(&replies, &[0, 1, 2], "   "),
        Verdict::OffScript { best: None }
    );
}

/// A new question on the topic of a reply that asks nothing is not that
/// reply: the embeddings alone would take it (see `eval/README.md`).
#[test]
fn a_new_question_on_the_topic_of_a_reply_is_off_script() {
    let delay_told = [
        r#"text: "That cuts into your break, I know. As soon as it's ready I'll box it up with the bill, so you're back by 1:30.""#,
        r#"text: "Let me bring her a little bowl of buttered pasta right now, on the house. It takes two minutes.""#,
        r#"text: "I'm so sorry, that's two delays too many. Dessert is on us today, and I'll bring it the second it's up.""#,
    ];
    let text = "Would you like the bill now?";
    let replies = matcher().replies(&scenario(&delay_told)).unwrap();
    assert_eq!(
        read(&replies, &[0, 1, 2], text),
        Verdict::OffScript { best: Some(0) }
    );
    let mut without_cue = Matcher::load(&model_dir(), 1).unwrap();
    without_cue.set_penalty(Penalty {
        question: 0.0,
        ..Penalty::CALIBRATED
    });
    let verdict = without_cue
        .read(&replies, 0, &[0, 1, 2], text)
        .unwrap()
        .verdict;
    assert!(
        matches!(verdict, Verdict::Matched { choice: 0, .. }),
        "{verdict:?}"
    );
}

/// "Tell me about your home" asks as much as a question does: a question
/// typed for it costs nothing.
#[test]
fn a_reply_that_asks_by_a_request_is_not_marked_down_for_a_typed_question() {
    let desk = [
        r#"text: "Sorry, that's a rotten first week. Before I say if it's faulty, tell me about your home and where it goes wrong.""#,
        r#"text: "It won't be faulty. Fence the rug off in the app and keep it downstairs, and most of that will stop. Shall I show you?""#,
    ];
    let text = "sorry about that! can you tell me about your house?";
    let replies = matcher().replies(&scenario(&desk)).unwrap();
    let score = |m: &Matcher| {
        let reading = m.read(&replies, 0, &[0, 1], text).unwrap();
        assert!(
            matches!(reading.verdict, Verdict::Matched { choice: 0, .. }),
            "{reading:?}"
        );
        reading.ranked[0].score
    };
    let mut without_cue = Matcher::load(&model_dir(), 1).unwrap();
    without_cue.set_penalty(Penalty {
        question: 0.0,
        ..Penalty::CALIBRATED
    });
    assert_eq!(score(matcher()), score(&without_cue));
}

#[test]
fn two_replies_too_close_to_tell_apart_ask_which() {
    let replies = matcher()
        .replies(&scenario(&[
            r#"text: "I'll check with the kitchen and come straight back to you.""#,
            r#"text: "I'll check with the kitchen and come right back to you.""#,
            LATE[2],
        ]))
        .unwrap();
    let verdict = read(
        &replies,
        &[0, 1, 2],
        "let me check with the kitchen and come back",
    );
    match verdict {
        Verdict::DidYouMean { first, second } => {
            let mut pair = [first, second];
            pair.sort_unstable();
            assert_eq!(pair, [0, 1]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn only_the_offered_choices_are_considered() {
    let replies = matcher().replies(&scenario(&LATE)).unwrap();
    let text = "It's coming right out now, I promise, just another minute.";
    let reading = matcher().read(&replies, 0, &[0, 2], text).unwrap();
    assert!(reading.ranked.iter().all(|r| r.choice != 1), "{reading:?}");
    assert_eq!(reading.ranked.len(), 2);
    assert!(matcher().read(&replies, 0, &[3], text).is_err());
    assert!(matcher().read(&replies, 1, &[0], text).is_err());
}

#[test]
fn a_stage_direction_is_matched_on_its_speech() {
    let replies = matcher()
        .replies(&scenario(&[
            r#"text: "Pull up a chair beside her, lower your voice and say: \"Go on. I'm listening.\"""#,
            r#"text: "Turn to the room: \"Sorry, everyone, nothing to worry about.\"""#,
        ]))
        .unwrap();
    let reading = matcher()
        .read(&replies, 0, &[0, 1], "Go on. I'm listening.")
        .unwrap();
    assert_eq!(reading.ranked[0].choice, 0);
    assert!((reading.ranked[0].score - 1.0).abs() < 1e-3, "{reading:?}");
}

#[test]
fn a_trainers_example_makes_a_phrasing_match() {
    let text = "leave it with me";
    let plain = matcher().replies(&scenario(&LATE)).unwrap();
    let with_example = [
        r#"text: "I'm sorry, it's been too long. I'll ask the kitchen now and come straight back.", examples: ["Leave it with me."]"#,
        LATE[1],
        LATE[2],
    ];
    let taught = matcher().replies(&scenario(&with_example)).unwrap();
    let before = matcher().read(&plain, 0, &[0, 1, 2], text).unwrap();
    let after = matcher().read(&taught, 0, &[0, 1, 2], text).unwrap();
    let score =
        |r: &frontline_match::Reading| r.ranked.iter().find(|x| x.choice == 0).unwrap().score;
    assert!(score(&after) > score(&before) + 0.2, "{before:?} {after:?}");
    assert!(
        matches!(after.verdict, Verdict::Matched { choice: 0, .. }),
        "{after:?}"
    );
}

#[test]
fn the_same_text_gives_the_same_reading_with_any_number_of_threads() {
    let four = Matcher::load(&model_dir(), 4).unwrap();
    let s = scenario(&LATE);
    let (one_replies, four_replies) = (matcher().replies(&s).unwrap(), four.replies(&s).unwrap());
    let text = "sorry!! nearly ready, i promise";
    let first = matcher().read(&one_replies, 0, &[0, 1, 2], text).unwrap();
    let again = matcher().read(&one_replies, 0, &[0, 1, 2], text).unwrap();
    let other = four.read(&four_replies, 0, &[0, 1, 2], text).unwrap();
    assert_eq!(first, again);
    assert_eq!(first, other);
}

#[test]
fn check_warns_about_two_replies_too_alike_at_the_second() {
    let source = include_str!("twins.scenario.ron");
    let path = Path::new("twins.scenario.ron");
    let loaded = frontline_core::Loaded {
        path: path.to_path_buf(),
        source: source.to_string(),
        scenario: parse(path, source).unwrap(),
    };
    let warnings = frontline_match::lint(matcher(), &loaded).unwrap();
    // Not the honest and over-promising replies of `late`, nor the twins of
    // `exclusive`, which are never offered together.
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = &warnings[0];
    assert!(w.message.contains("choices 1 and 3 of node `late`"), "{w}");
    let line = source
        .lines()
        .position(|l| l.contains("come right back"))
        .unwrap()
        + 1;
    assert_eq!((w.file.as_path(), w.line), (path, line), "{w}");
}
