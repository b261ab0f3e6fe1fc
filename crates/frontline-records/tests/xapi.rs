//! The xAPI export: every statement of recorded sessions passes the
//! validator, carries the right verbs, scores and durations, and the
//! validator itself catches each rule broken.

use std::collections::BTreeMap;

use frontline_records::{DATABASE_FILE, Filter, xapi};
use serde_json::{Value, json};

mod common;
use common::{bundled, known_sessions, play_recorded, store_with_minute_clock, temp_dir};

fn exported() -> Vec<Value> {
    let path = temp_dir("xapi").join(DATABASE_FILE);
    let mut store = store_with_minute_clock(&path);
    known_sessions(&mut store);
    for (n, scenario) in bundled().iter().enumerate() {
        play_recorded(
            &mut store,
            "Dee O'Neil <dee@example>",
            scenario,
            n as u64,
            frontline_records::Mode::Exam,
            &[1; 64],
        );
    }
    xapi::statements(&store.sessions(&Filter::default()).unwrap())
}

fn verb(statement: &Value) -> &str {
    statement["verb"]["id"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
}

#[test]
fn every_exported_statement_is_valid() {
    let statements = exported();
    assert!(statements.len() > 20);
    for statement in &statements {
        let problems = xapi::validate(statement);
        assert!(problems.is_empty(), "{problems:#?}\nin {statement:#}");
    }
    let ids: std::collections::BTreeSet<&str> = statements
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), statements.len(), "statement ids are unique");
}

#[test]
fn sessions_are_attempted_choices_answered_endings_completed() {
    let statements = exported();
    let known: Vec<&Value> = statements
        .iter()
        .filter(|s| ["Ada", "Bob", "Cy"].contains(&s["actor"]["account"]["name"].as_str().unwrap()))
        .collect();
    let mut verbs: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &known {
        *verbs.entry(verb(s)).or_default() += 1;
    }
    assert_eq!(
        verbs,
        BTreeMap::from([("answered", 11), ("attempted", 6), ("completed", 5)])
    );

    let best = known
        .iter()
        .find(|s| verb(s) == "completed" && s["result"]["score"]["raw"] == 100)
        .expect("Ada's 100");
    assert_eq!(
        best["actor"]["account"]["homePage"],
        "https://frontline.example/trainees"
    );
    assert_eq!(
        best["object"]["id"],
        "https://frontline.example/scenarios/shop"
    );
    assert_eq!(
        best["result"]["score"],
        json!({ "scaled": 1.0, "raw": 100, "min": 0, "max": 100 })
    );
    assert_eq!(best["result"]["success"], true);
    assert_eq!(best["result"]["completion"], true);
    assert_eq!(best["result"]["duration"], "PT3M");
    assert_eq!(best["timestamp"], "2025-03-01T09:07:00.000Z");

    let failed = known
        .iter()
        .find(|s| verb(s) == "completed" && s["result"]["score"]["raw"] == 6)
        .expect("Bob's 6");
    assert_eq!(failed["result"]["score"]["scaled"], 0.06);
    assert_eq!(failed["result"]["success"], false);

    let upsell = known
        .iter()
        .find(|s| verb(s) == "answered" && s["result"]["response"] == "Push the extended warranty")
        .expect("an upsell");
    assert_eq!(
        upsell["object"]["id"],
        "https://frontline.example/scenarios/shop/nodes/greet"
    );
    assert_eq!(upsell["result"]["success"], false);
    assert_eq!(
        upsell["context"]["contextActivities"]["parent"][0]["id"],
        "https://frontline.example/scenarios/shop"
    );
    let shrug = known
        .iter()
        .find(|s| s["result"]["response"] == "Shrug, say nothing")
        .expect("a shrug");
    assert!(
        shrug["result"].get("success").is_none(),
        "neither good nor bad"
    );
}

#[test]
fn a_second_export_repeats_the_same_ids() {
    let path = temp_dir("xapi-ids").join(DATABASE_FILE);
    let mut store = store_with_minute_clock(&path);
    known_sessions(&mut store);
    let attempts = store.sessions(&Filter::default()).unwrap();
    assert_eq!(xapi::statements(&attempts), xapi::statements(&attempts));
    let registrations: std::collections::BTreeSet<&str> =
        attempts.iter().map(|a| a.uuid.as_str()).collect();
    assert_eq!(registrations.len(), attempts.len());
}

/// Breaks one rule in a valid statement.
type Breaks = fn(&mut Value);

#[test]
fn the_validator_catches_each_broken_rule() {
    let statements = exported();
    let completed = statements.iter().find(|s| verb(s) == "completed").unwrap();
    let broken: [(&str, Breaks); 12] = [
        ("missing `actor`", |s| {
            s.as_object_mut().unwrap().remove("actor");
        }),
        ("unknown property `extra`", |s| s["extra"] = json!(1)),
        ("is not a UUID", |s| s["id"] = json!("42")),
        ("is not an absolute IRI", |s| {
            s["verb"]["id"] = json!("verbs/completed")
        }),
        ("needs exactly one of", |s| {
            s["actor"]["mbox"] = json!("mailto:a@b.example")
        }),
        ("is not an absolute IRI", |s| {
            s["actor"]["account"]["homePage"] = json!("frontline")
        }),
        ("must be within -1..1", |s| {
            s["result"]["score"]["scaled"] = json!(1.5)
        }),
        ("must be within min..max", |s| {
            s["result"]["score"]["raw"] = json!(101)
        }),
        ("is not an ISO 8601 duration", |s| {
            s["result"]["duration"] = json!("3 minutes")
        }),
        ("is not an ISO 8601 timestamp", |s| {
            s["timestamp"] = json!("2025-03-01 09:07")
        }),
        ("must be true or false", |s| {
            s["result"]["success"] = json!("yes")
        }),
        ("is not a language tag", |s| {
            s["verb"]["display"] = json!({ "en_US": "done" })
        }),
    ];
    for (expected, breaks) in broken {
        let mut statement = completed.clone();
        breaks(&mut statement);
        let problems = xapi::validate(&statement);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "expected `{expected}` in {problems:?}"
        );
    }
    assert!(!xapi::validate(&json!([])).is_empty());
}
