//! The recorded sessions as xAPI 1.0.3 statements, for a learning record
//! store: each session is *attempted* (its start), each choice *answered*
//! (at its node), and a session that reached an ending *completed*, with its
//! score. Ids are derived from the session's UUID, so a second export or send
//! of the same session repeats the same statement ids instead of adding new
//! ones. [`attempts`] reads the statements back into attempts, for reports
//! made from a store.

mod read;
mod statement;

use std::collections::BTreeMap;

use frontline_core::typing::Said;
use serde_json::{Number, Value};

pub use read::attempts;
pub use statement::{
    Account, Activity, ActivityRef, Agent, Context, ContextActivities, ContextExtensions,
    Definition, LanguageMap, ResultExtensions, Score, Statement, StatementResult, Verb,
};

use crate::attempt::{Attempt, RecordedChoice};
use crate::time::iso_duration;
use crate::uuid;

/// The made-up home page that trainee accounts belong to.
pub const HOME_PAGE: &str = "https://frontline.example/trainees";
/// Where the scenario activities' and the extensions' IRIs live.
pub const BASE: &str = "https://frontline.example";
/// A finished session with at least this score is a success (grade C or better).
pub const PASSING_SCORE: u8 = 60;
/// The verbs, under `http://adlnet.gov/expapi/verbs/`.
pub const ATTEMPTED: &str = "http://adlnet.gov/expapi/verbs/attempted";
pub const ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";

/// Every statement of the attempts, session by session, in the order it happened.
pub fn statements(attempts: &[Attempt]) -> Vec<Statement> {
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

fn verb(id: &str) -> Verb {
    let name = id.rsplit('/').next().unwrap_or(id);
    Verb {
        id: id.into(),
        display: english(name),
    }
}

fn english(text: &str) -> LanguageMap {
    BTreeMap::from([("en-US".to_string(), text.to_string())])
}

fn actor(trainee: &str) -> Agent {
    Agent {
        object_type: "Agent".into(),
        name: Some(trainee.into()),
        account: Account {
            home_page: HOME_PAGE.into(),
            name: trainee.into(),
        },
    }
}

/// Percent-encodes all but RFC 3986's unreserved characters.
pub(crate) fn segment(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub(crate) fn scenario_iri(scenario: &str) -> String {
    format!("{BASE}/scenarios/{}", segment(scenario))
}

fn scenario_activity(a: &Attempt) -> Activity {
    Activity {
        object_type: "Activity".into(),
        id: scenario_iri(&a.scenario),
        definition: Some(Definition {
            name: english(&a.scenario_title),
            kind: "http://adlnet.gov/expapi/activities/simulation".into(),
            interaction_type: None,
        }),
    }
}

fn context(a: &Attempt, parent: bool) -> Context {
    let retry = a.retry.as_ref();
    Context {
        registration: a.uuid,
        platform: Some("Frontline".into()),
        context_activities: parent.then(|| ContextActivities {
            parent: vec![ActivityRef {
                id: scenario_iri(&a.scenario),
            }],
        }),
        extensions: ContextExtensions {
            seed: a.seed.to_string(),
            content_hash: a.content_hash.clone(),
            mode: a.mode.as_str().into(),
            retry_of: retry.and_then(|r| r.uuid),
            retry_turn: retry.map(|r| r.turn),
        },
    }
}

/// The statement of the session's start.
pub fn attempted(a: &Attempt) -> Statement {
    Statement {
        id: uuid::derived(&[&a.uuid.to_string(), "attempted"]),
        actor: actor(&a.trainee),
        verb: verb(ATTEMPTED),
        object: scenario_activity(a),
        result: None,
        context: context(a, false),
        timestamp: a.started.to_string(),
    }
}

/// The statement of one choice of the session.
pub fn answered(a: &Attempt, c: &RecordedChoice) -> Statement {
    Statement {
        id: uuid::derived(&[&a.uuid.to_string(), "answered", &c.step.to_string()]),
        actor: actor(&a.trainee),
        verb: verb(ANSWERED),
        object: Activity {
            object_type: "Activity".into(),
            id: format!("{}/nodes/{}", scenario_iri(&a.scenario), segment(&c.node)),
            definition: Some(Definition {
                name: english(&c.node),
                kind: "http://adlnet.gov/expapi/activities/cmi.interaction".into(),
                interaction_type: Some("choice".into()),
            }),
        },
        result: Some(StatementResult {
            // A good practice is a success, an anti-pattern a failure; the rest neither.
            success: (c.quality != 0.5).then_some(c.quality == 1.0),
            response: Some(c.text.clone()),
            extensions: ResultExtensions {
                choice_index: Some(c.index),
                tags: Some(c.tags.clone()),
                meters: Some(c.meters.clone()),
                quality: Some(c.quality),
                said: (c.said != Said::Picked).then(|| c.said.clone()),
                ..ResultExtensions::default()
            },
            score: None,
            completion: None,
            duration: None,
        }),
        context: context(a, true),
        timestamp: c.at.to_string(),
    }
}

/// The statement of the session's ending; `None` while it has none.
pub fn completed(a: &Attempt) -> Option<Statement> {
    let finish = a.finish.as_ref()?;
    let points_lost = (a.choices.iter())
        .filter_map(|c| Some((c.step.to_string(), c.lost?)))
        .collect();
    Some(Statement {
        id: uuid::derived(&[&a.uuid.to_string(), "completed"]),
        actor: actor(&a.trainee),
        verb: verb(COMPLETED),
        object: scenario_activity(a),
        result: Some(StatementResult {
            score: Some(Score {
                scaled: Number::from_f64(f64::from(finish.score) / 100.0).unwrap_or(0.into()),
                raw: finish.score.into(),
                min: 0.into(),
                max: 100.into(),
            }),
            success: Some(finish.score >= PASSING_SCORE),
            completion: Some(true),
            duration: Some(iso_duration(a.duration_ms())),
            extensions: ResultExtensions {
                ending: Some(finish.ending.clone()),
                outcome: Some(format!("{:?}", finish.outcome)),
                grade: Some(format!("{:?}", finish.grade)),
                points_lost: Some(points_lost),
                ..ResultExtensions::default()
            },
            response: None,
        }),
        context: context(a, false),
        timestamp: finish.ended.to_string(),
    })
}
