//! The recorded sessions as xAPI 1.0.3 statements, for a learning record
//! store: each session is *attempted* (its start), each choice *answered*
//! (at its node), and a session that reached an ending *completed*, with its
//! score. Ids are derived from the session's UUID, so a second export of the
//! same session repeats the same statement ids instead of adding new ones.

mod format;
mod validate;

use frontline_core::scoring::choice_quality;
use serde_json::{Value, json};

pub use validate::validate;

use crate::attempt::{Attempt, RecordedChoice};
use crate::time::iso_duration;
use crate::uuid;

/// The made-up home page that trainee accounts belong to.
pub const HOME_PAGE: &str = "https://frontline.example/trainees";
/// Where the scenario activities' and the extensions' IRIs live.
pub const BASE: &str = "https://frontline.example";
/// A finished session with at least this score is a success (grade C or better).
pub const PASSING_SCORE: u8 = 60;

/// Every statement of the attempts, session by session, in the order it happened.
pub fn statements(attempts: &[Attempt]) -> Vec<Value> {
    let mut all = Vec::new();
    for a in attempts {
        all.push(attempted(a));
        all.extend(a.choices.iter().map(|c| answered(a, c)));
        all.extend(completed(a));
    }
    all
}

/// Whether `bytes` are an export of this module: a JSON array of statements
/// whose actors all belong to [`HOME_PAGE`].
pub fn is_export(bytes: &[u8]) -> bool {
    let Ok(Value::Array(statements)) = serde_json::from_slice(bytes) else {
        return false;
    };
    statements
        .iter()
        .all(|s| s["actor"]["account"]["homePage"] == HOME_PAGE)
}

fn verb(name: &str) -> Value {
    json!({
        "id": format!("http://adlnet.gov/expapi/verbs/{name}"),
        "display": { "en-US": name },
    })
}

fn actor(trainee: &str) -> Value {
    json!({
        "objectType": "Agent",
        "name": trainee,
        "account": { "homePage": HOME_PAGE, "name": trainee },
    })
}

/// Percent-encodes all but RFC 3986's unreserved characters.
fn segment(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn scenario_iri(a: &Attempt) -> String {
    format!("{BASE}/scenarios/{}", segment(&a.scenario))
}

fn extension(name: &str) -> String {
    format!("{BASE}/xapi/extensions/{name}")
}

fn scenario_activity(a: &Attempt) -> Value {
    json!({
        "objectType": "Activity",
        "id": scenario_iri(a),
        "definition": {
            "name": { "en-US": a.scenario_title },
            "type": "http://adlnet.gov/expapi/activities/simulation",
        },
    })
}

fn context(a: &Attempt, parent: bool) -> Value {
    let mut context = json!({
        "registration": a.uuid,
        "platform": "Frontline",
        "extensions": {
            extension("seed"): a.seed.to_string(),
            extension("content-hash"): a.content_hash,
            extension("mode"): a.mode.as_str(),
        },
    });
    if parent {
        context["contextActivities"] = json!({ "parent": [{ "id": scenario_iri(a) }] });
    }
    context
}

fn attempted(a: &Attempt) -> Value {
    json!({
        "id": uuid::derived(&[&a.uuid, "attempted"]),
        "actor": actor(&a.trainee),
        "verb": verb("attempted"),
        "object": scenario_activity(a),
        "context": context(a, false),
        "timestamp": a.started.to_string(),
    })
}

fn answered(a: &Attempt, c: &RecordedChoice) -> Value {
    let mut result = json!({
        "response": c.text,
        "extensions": {
            extension("choice-index"): c.index,
            extension("tags"): c.tags,
            extension("meters"): c.meters,
        },
    });
    // A good practice is a success, an anti-pattern a failure; the rest neither.
    let quality = choice_quality(&c.tags);
    if quality != 0.5 {
        result["success"] = json!(quality == 1.0);
    }
    json!({
        "id": uuid::derived(&[&a.uuid, "answered", &c.step.to_string()]),
        "actor": actor(&a.trainee),
        "verb": verb("answered"),
        "object": {
            "objectType": "Activity",
            "id": format!("{}/nodes/{}", scenario_iri(a), segment(&c.node)),
            "definition": {
                "name": { "en-US": c.node },
                "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                "interactionType": "choice",
            },
        },
        "result": result,
        "context": context(a, true),
        "timestamp": c.at.to_string(),
    })
}

fn completed(a: &Attempt) -> Option<Value> {
    let finish = a.finish.as_ref()?;
    Some(json!({
        "id": uuid::derived(&[&a.uuid, "completed"]),
        "actor": actor(&a.trainee),
        "verb": verb("completed"),
        "object": scenario_activity(a),
        "result": {
            "score": {
                "scaled": f64::from(finish.score) / 100.0,
                "raw": finish.score,
                "min": 0,
                "max": 100,
            },
            "success": finish.score >= PASSING_SCORE,
            "completion": true,
            "duration": iso_duration(a.duration_ms()),
            "extensions": {
                extension("ending"): finish.ending,
                extension("outcome"): format!("{:?}", finish.outcome),
                extension("grade"): format!("{:?}", finish.grade),
            },
        },
        "context": context(a, false),
        "timestamp": finish.ended.to_string(),
    }))
}
