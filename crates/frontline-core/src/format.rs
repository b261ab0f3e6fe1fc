//! The scenario file as trainers write it: plain serde types mirroring the RON text.
//!
//! Nothing here is trusted. [`crate::validate`] turns a [`ScenarioFile`] into a
//! [`crate::Scenario`] whose references are resolved, or into diagnostics.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::practice::Practice;

/// One `*.scenario.ron` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct ScenarioFile {
    pub id: String,
    pub title: String,
    /// One line shown in the scenario list.
    pub summary: String,
    #[serde(default)]
    pub difficulty: Option<Difficulty>,
    /// What the trainee reads before the conversation starts.
    pub briefing: String,
    pub customer: CustomerFile,
    /// The meters this scenario scores. The first one is the customer's mood.
    pub meters: Vec<MeterFile>,
    /// Every flag a choice may set or a condition may read.
    #[serde(default)]
    pub flags: Vec<String>,
    /// Id of the first node.
    pub start: String,
    pub nodes: Vec<NodeFile>,
    pub endings: Vec<EndingFile>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Customer")]
pub struct CustomerFile {
    pub name: String,
    /// Who they are, in a sentence or two.
    pub persona: String,
    /// What they arrive expecting.
    pub expectation: String,
    /// Where that expectation came from: a slogan, an ad, a salesperson…
    pub source: String,
    /// Variations drawn at random at the start of each session.
    #[serde(default)]
    pub personas: Vec<PersonaFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Persona")]
pub struct PersonaFile {
    pub id: String,
    /// Replaces the customer's name when set.
    #[serde(default)]
    pub name: Option<String>,
    pub description: String,
    /// Flags set when the session starts with this persona.
    #[serde(default)]
    pub flags: Vec<String>,
    /// Added to the meters' start values.
    #[serde(default)]
    pub meters: BTreeMap<String, i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Meter")]
pub struct MeterFile {
    pub id: String,
    pub label: String,
    pub start: i32,
    #[serde(default = "default_min")]
    pub min: i32,
    #[serde(default = "default_max")]
    pub max: i32,
    /// Whether a high or a low value is good for the customer (an expectation gap is better low).
    #[serde(default)]
    pub better: Better,
    /// Share of this meter in the customer part of the score.
    #[serde(default = "default_weight")]
    pub weight: f32,
}

fn default_min() -> i32 {
    0
}
fn default_max() -> i32 {
    100
}
fn default_weight() -> f32 {
    1.0
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Better {
    #[default]
    Higher,
    Lower,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Speaker {
    Customer,
    Narrator,
    /// A colleague: the chef, a manager…
    Staff,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Node")]
pub struct NodeFile {
    pub id: String,
    #[serde(default = "default_speaker")]
    pub speaker: Speaker,
    /// Variants of the same line; one is drawn at random.
    #[serde(default)]
    pub lines: Vec<String>,
    /// Lines said instead of `lines` when their conditions hold.
    #[serde(default)]
    pub variants: Vec<VariantFile>,
    #[serde(default)]
    pub choices: Vec<ChoiceFile>,
    /// Rolled in order when the node is entered; the first that fires redirects.
    #[serde(default)]
    pub events: Vec<EventFile>,
    /// A node with routes shows nothing: it goes to the first route whose conditions hold.
    #[serde(default)]
    pub routes: Vec<RouteFile>,
    #[serde(default)]
    pub order: ChoiceOrder,
    /// `false`: none of the node's choices counts in the practice part.
    #[serde(default = "yes")]
    pub scored: bool,
}

fn yes() -> bool {
    true
}

fn default_speaker() -> Speaker {
    Speaker::Customer
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChoiceOrder {
    /// Shuffled by the session's seed, so replays vary.
    #[default]
    Shuffled,
    /// Always in the order written.
    Fixed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Choice")]
pub struct ChoiceFile {
    pub text: String,
    #[serde(default)]
    pub effects: BTreeMap<String, i32>,
    #[serde(default)]
    pub tags: Vec<Practice>,
    /// Why this choice helps or hurts: shown in coach mode and in the debrief.
    pub feedback: String,
    /// A node id or an ending id.
    pub next: String,
    /// All must hold for the choice to be offered.
    #[serde(default)]
    pub when: Vec<Condition>,
    /// Flags set when the choice is taken.
    #[serde(default)]
    pub set: Vec<String>,
    /// Flags cleared when the choice is taken.
    #[serde(default)]
    pub unset: Vec<String>,
    /// `false`: the choice does not count in the practice part.
    #[serde(default = "yes")]
    pub scored: bool,
    /// Other ways a trainee might type this reply, for matching typed replies.
    #[serde(default)]
    pub examples: Vec<String>,
}

/// A line said only when its conditions hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Variant")]
pub struct VariantFile {
    pub when: Vec<Condition>,
    pub line: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Event")]
pub struct EventFile {
    /// Probability in 0..=1 that the event fires when its node is entered.
    pub chance: f64,
    pub next: String,
    #[serde(default)]
    pub when: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Route")]
pub struct RouteFile {
    #[serde(default)]
    pub when: Vec<Condition>,
    pub next: String,
}

/// A test on the session's flags and meters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    Flag(String),
    NotFlag(String),
    /// Meter value >= the number.
    AtLeast(String, i32),
    /// Meter value < the number.
    Below(String, i32),
    /// The session's persona is this one; for a line variant only.
    Persona(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Ending")]
pub struct EndingFile {
    pub id: String,
    pub title: String,
    /// What happens next, told to the trainee.
    pub text: String,
    pub outcome: Outcome,
}

/// The customer's verdict in Net Promoter terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Outcome {
    Detractor,
    Passive,
    Promoter,
}
