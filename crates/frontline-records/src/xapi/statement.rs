//! An xAPI 1.0.3 statement as Frontline writes it, typed: serde writes the
//! JSON and reads it back from a learning record store, which may add
//! properties of its own (`stored`, `authority`, `version`); those are ignored.

use std::collections::BTreeMap;

use frontline_core::Practice;
use frontline_core::typing::Said;
use serde::{Deserialize, Serialize};
use serde_json::Number;
use uuid::Uuid;

/// A language map: `{"en-US": "…"}`.
pub type LanguageMap = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub id: Uuid,
    pub actor: Agent,
    pub verb: Verb,
    pub object: Activity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<StatementResult>,
    pub context: Context,
    /// RFC 3339, with the time zone.
    pub timestamp: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    #[serde(rename = "objectType", default = "agent")]
    pub object_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub account: Account,
}

fn agent() -> String {
    "Agent".into()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    #[serde(rename = "homePage")]
    pub home_page: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verb {
    pub id: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub display: LanguageMap,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    #[serde(rename = "objectType", default = "activity")]
    pub object_type: String,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Definition>,
}

fn activity() -> String {
    "Activity".into()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub name: LanguageMap,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(
        rename = "interactionType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub interaction_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// ISO 8601, e.g. `PT3M12.5S`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    #[serde(default)]
    pub extensions: ResultExtensions,
}

/// A score: numbers as JSON has them (a store may write `62` as `62.0`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub scaled: Number,
    pub raw: Number,
    pub min: Number,
    pub max: Number,
}

/// The result's extensions: a reply's for `answered`, the ending's for
/// `completed`. Each is an IRI under `https://frontline.example/xapi/extensions/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResultExtensions {
    /// The choice's index as written in the scenario file.
    #[serde(
        rename = "https://frontline.example/xapi/extensions/choice-index",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub choice_index: Option<u32>,
    #[serde(
        rename = "https://frontline.example/xapi/extensions/tags",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub tags: Option<Vec<Practice>>,
    /// The meters after the reply.
    #[serde(
        rename = "https://frontline.example/xapi/extensions/meters",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub meters: Option<BTreeMap<String, i32>>,
    /// The reply's quality as the trainee was told it: 0, 0.5 or 1.
    #[serde(
        rename = "https://frontline.example/xapi/extensions/quality",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub quality: Option<f32>,
    /// How a typed reply was given: the trainee's words and how they were read.
    #[serde(
        rename = "https://frontline.example/xapi/extensions/said",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub said: Option<Said>,
    #[serde(
        rename = "https://frontline.example/xapi/extensions/ending",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub ending: Option<String>,
    #[serde(
        rename = "https://frontline.example/xapi/extensions/outcome",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub outcome: Option<String>,
    #[serde(
        rename = "https://frontline.example/xapi/extensions/grade",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub grade: Option<String>,
    /// Points each reply gave away, by step (0 for the first reply), as the
    /// debrief told them; a step the search could not judge is missing.
    #[serde(
        rename = "https://frontline.example/xapi/extensions/points-lost",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub points_lost: Option<BTreeMap<String, u8>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Context {
    /// The session's UUID: every statement of one attempt shares it.
    pub registration: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(
        rename = "contextActivities",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context_activities: Option<ContextActivities>,
    pub extensions: ContextExtensions,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextActivities {
    pub parent: Vec<ActivityRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityRef {
    pub id: String,
}

/// What identifies a session's draw: seed, scenario version, mode, and
/// whether it retried an earlier attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContextExtensions {
    /// Decimal text: seeds are unsigned 64-bit, beyond what JSON numbers keep.
    #[serde(rename = "https://frontline.example/xapi/extensions/seed")]
    pub seed: String,
    #[serde(rename = "https://frontline.example/xapi/extensions/content-hash")]
    pub content_hash: String,
    /// `coach` or `exam`.
    #[serde(rename = "https://frontline.example/xapi/extensions/mode")]
    pub mode: String,
    /// The registration of the attempt this one retried.
    #[serde(
        rename = "https://frontline.example/xapi/extensions/retry-of",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub retry_of: Option<Uuid>,
    /// The turn (1-based) this retry took again.
    #[serde(
        rename = "https://frontline.example/xapi/extensions/retry-turn",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub retry_turn: Option<u32>,
}
