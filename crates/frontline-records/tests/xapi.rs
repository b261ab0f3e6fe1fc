//! The xAPI export: every statement of recorded sessions reads back as the
//! typed statement it was written from, carries the right verbs, scores and
//! durations, and the statements read back give the same attempts as the
//! records. (Conformance to the rules a record store enforces is checked
//! against a real store and Learning Locker's validator: `tests/lrs/`.)

use std::collections::BTreeMap;

use frontline_records::xapi::Statement;
use frontline_records::{Attempt, DATABASE_FILE, Filter, xapi};
use serde_json::{Value, json};

mod common;
use common::{bundled, known_sessions, play_recorded, store_with_minute_clock, temp_dir};

fn exported() -> Vec<Value> {
    xapi::statements(&recorded())
        .iter()
        .map(|s| serde_json::to_value(s).unwrap())
        .collect()
}

/// The report tests' sessions and one exam of each bundled scenario.
fn recorded() -> Vec<Attempt> {
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
    store.sessions(&Filter::default()).unwrap()
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
fn every_statement_reads_back_as_written_with_a_unique_id() {
    let statements = exported();
    assert!(statements.len() > 20);
    for statement in &statements {
        let typed: Statement = serde_json::from_value(statement.clone()).unwrap();
        assert_eq!(&serde_json::to_value(&typed).unwrap(), statement);
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
    let registrations: std::collections::BTreeSet<_> = attempts.iter().map(|a| a.uuid).collect();
    assert_eq!(registrations.len(), attempts.len());
}

#[test]
fn the_statements_give_back_the_attempts_they_were_made_of() {
    let attempts = recorded();
    let statements = xapi::statements(&attempts);
    assert_eq!(xapi::attempts(&statements, &Filter::default()), attempts);
    // In any order, and with a store's additions, as a store returns them.
    let mut shuffled: Vec<Value> = statements
        .iter()
        .rev()
        .map(|s| {
            let mut v = serde_json::to_value(s).unwrap();
            v["stored"] = json!("2025-03-02T00:00:00.000Z");
            v["authority"] = json!({"account": {"homePage": "https://lrs.example", "name": "k"}});
            v
        })
        .collect();
    shuffled.push(json!({"id": "not ours"}));
    let read: Vec<Statement> = shuffled
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect();
    assert_eq!(xapi::attempts(&read, &Filter::default()), attempts);
    let bob = Filter {
        trainee: Some("Bob".into()),
        ..Filter::default()
    };
    let only_bob = xapi::attempts(&read, &bob);
    assert_eq!(only_bob.len(), 2);
    assert!(only_bob.iter().all(|a| a.trainee == "Bob"));
}
