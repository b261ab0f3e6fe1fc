//! Large valid scenarios for benchmarks and tests, generated from a seed.
//!
//! The conversation is a layered graph about fifty choices deep, widening
//! from the start node up to a fixed width and closing on one junction that
//! routes to the endings. Every choice that goes on to the next layer is good
//! practice and sets each meter to an end of its range, so the meters after a
//! choice depend on that choice alone and every path reaches a node after the
//! same number of choices: the exact state space stays a small multiple of the
//! node count. Random events and junctions stay within their layer for the
//! same reason, and the one flag is only set near the end. Only anti-patterns
//! lose the customer (each with an acknowledgement, so it tempts), and the first choice of every node is the best one, so
//! from about 40 nodes on `check` finds nothing to warn about.

use std::fmt::Write;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::practice::Practice;

/// Layers of choices, at most: the length of the longest conversation.
const DEPTH: usize = 50;

const UNDERSTAND: [Practice; 3] = [Practice::Ask, Practice::Listen, Practice::Confirm];
const MANAGE: [Practice; 5] = [
    Practice::Honest,
    Practice::Acknowledge,
    Practice::Status,
    Practice::RealisticPromise,
    Practice::FollowUp,
];
const EXCEED: [Practice; 2] = [Practice::Gesture, Practice::Anticipate];
const ANTI: [Practice; 5] = [
    Practice::Overpromise,
    Practice::Deflect,
    Practice::BlameCustomer,
    Practice::Ignore,
    Practice::Upsell,
];

/// The text of a valid scenario with `nodes` nodes (at least 2), the same for
/// the same `nodes` and `seed`.
pub fn scenario_text(nodes: usize, seed: u64) -> String {
    let layers = layers(nodes.max(2) - 1);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = String::with_capacity(nodes * 900);
    out.push_str(HEAD);
    for (k, &width) in layers.iter().enumerate() {
        let next_width = layers.get(k + 1).copied();
        let end = (k + 8 >= layers.len(), k + 2 >= layers.len());
        for j in 0..width {
            node(&mut out, &mut rng, (k, j, width), next_width, end);
        }
    }
    out.push_str(TAIL);
    out
}

/// The width of each layer: from the start node, each layer as wide as the
/// choices of the one before can reach, up to the width that fits `count`
/// nodes in [`DEPTH`] layers; the last layer takes what is left.
fn layers(count: usize) -> Vec<usize> {
    let width = count.div_ceil(DEPTH).max(4);
    let mut layers = Vec::new();
    let (mut left, mut next) = (count, 1);
    while left > 0 {
        let w = next.min(width).min(left);
        layers.push(w);
        left -= w;
        next = edges_before(w);
    }
    layers
}

/// Choices going on to the next layer from the first `j` nodes of a layer:
/// two from each node that is not a junction.
fn edges_before(j: usize) -> usize {
    2 * (j - (j + 1) / 4)
}

fn id(layer: usize, j: usize) -> String {
    format!("n{layer}_{j}")
}

/// Node `j` of layer `k`: by `j % 4` a node with a random event to its right
/// neighbour, a plain node with a tempting anti-pattern, a junction, or a node
/// with a choice offered only once the customer was asked. `asking` and
/// `asked` say whether the flag can be set, and read, in this layer.
fn node(
    out: &mut String,
    rng: &mut ChaCha8Rng,
    (k, j, width): (usize, usize, usize),
    next_width: Option<usize>,
    (asking, asked): (bool, bool),
) {
    let this = id(k, j);
    if j % 4 == 2 {
        let right = if j + 1 < width { j + 1 } else { j - 1 };
        let _ = write!(
            out,
            "        Node(id: \"{this}\", routes: [\n            \
             Route(when: [AtLeast(\"trust\", 50)], next: \"{}\"),\n            \
             Route(next: \"{}\"),\n        ]),\n",
            id(k, right),
            id(k, j - 1),
        );
        return;
    }
    let next = |c: usize| match next_width {
        Some(w) => id(k + 1, (edges_before(j) + c) % w),
        None => "verdict".to_string(),
    };
    let _ = write!(
        out,
        "        Node(\n            id: \"{this}\",\n            lines: [\"Step {k}.{j}: I have been \
         waiting a while now, and I would like to know what you are going to do about it.\"],\n"
    );
    if j % 4 == 0 && j + 1 < width {
        let chance = rng.random_range(1..5) as f64 / 10.0;
        let _ = writeln!(
            out,
            "            events: [Event(chance: {chance}, next: \"{}\")],",
            id(k, j + 1)
        );
    }
    out.push_str("            choices: [\n");
    let pick = |rng: &mut ChaCha8Rng, tags: &[Practice]| tags[rng.random_range(0..tags.len())];
    let (understand, set) = match asking {
        true => (Practice::Ask, ", set: [\"asked\"]"),
        false => (pick(rng, &UNDERSTAND), ""),
    };
    // The first choice is always the best for the customer, so that bad luck
    // can't make the best play end badly. It is the shortest and apologises
    // no more than the others, so no surface cue points to it.
    let text = "Tell me more.";
    choice(out, text, understand, [100, 100, -100], &next(0), set);
    let manage = pick(rng, &MANAGE);
    let mut sign = || if rng.random::<bool>() { 100 } else { -100 };
    let effects = [sign(), sign(), sign()];
    choice(out, "Here is what I can do.", manage, effects, &next(1), "");
    match j % 4 {
        1 => {
            let anti = pick(rng, &ANTI);
            let _ = writeln!(
                out,
                "                Choice(text: \"I hear you, but that is not my problem.\", \
                 tags: [Acknowledge, {anti:?}], \
                 effects: {{\"satisfaction\": -100, \"trust\": -100}}, feedback: \"This confirms \
                 the customer's worst expectation.\", next: \"walks_out\"),"
            );
        }
        3 if asked => {
            let exceed = pick(rng, &EXCEED);
            let _ = writeln!(
                out,
                "                Choice(text: \"Let me add this.\", \
                 tags: [{exceed:?}], when: [Flag(\"asked\")], effects: {{\"gap\": -100}}, \
                 feedback: \"Acting on what you learned exceeds the expectation.\", next: \"{}\"),",
                next(2)
            );
        }
        _ => {}
    }
    out.push_str("            ],\n        ),\n");
}

/// A good choice that sets satisfaction, trust and gap to one end of their range.
fn choice(out: &mut String, text: &str, tag: Practice, effects: [i32; 3], next: &str, set: &str) {
    let [satisfaction, trust, gap] = effects;
    let _ = writeln!(
        out,
        "                Choice(text: \"{text}\", tags: [{tag:?}], effects: {{\"satisfaction\": \
         {satisfaction}, \"trust\": {trust}, \"gap\": {gap}}}, feedback: \"Practising {tag:?} \
         shows the customer we take them seriously.\", next: \"{next}\"{set}),"
    );
}

const HEAD: &str = r#"// Generated by frontline_core::analysis::generate.
Scenario(
    id: "generated",
    title: "A generated conversation",
    summary: "A long synthetic scenario for benchmarks.",
    difficulty: Hard,
    briefing: "A customer has been waiting and wants to know what happens next.",
    customer: Customer(
        name: "Alex",
        persona: "A customer who has been waiting.",
        expectation: "A quick answer.",
        source: "The sign at the door.",
        personas: [
            Persona(id: "patient", description: "Patient so far."),
            Persona(id: "hurried", description: "In a hurry.", meters: {"satisfaction": -20}),
        ],
    ),
    meters: [
        Meter(id: "satisfaction", label: "Satisfaction", start: 50),
        Meter(id: "trust", label: "Trust", start: 50),
        Meter(id: "gap", label: "Expectation gap", start: 50, better: Lower),
    ],
    flags: ["asked"],
    start: "n0_0",
    nodes: [
"#;

const TAIL: &str = r#"        Node(id: "verdict", routes: [
            Route(when: [AtLeast("satisfaction", 100), AtLeast("trust", 100), Below("gap", 50)], next: "delighted"),
            Route(next: "settled"),
        ]),
    ],
    endings: [
        Ending(id: "delighted", title: "Delighted", text: "The customer thanks you warmly.", outcome: Promoter),
        Ending(id: "settled", title: "Settled", text: "The customer accepts the answer.", outcome: Passive),
        Ending(id: "walks_out", title: "Walks out", text: "The customer leaves unhappy.", outcome: Detractor),
    ],
)
"#;
