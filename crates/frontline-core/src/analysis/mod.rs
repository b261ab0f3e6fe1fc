//! Trainer tools on top of the runtime: static checks with exact score
//! bounds, graph drawings, simulated trainees, a starting template, and a
//! generator of large scenarios for benchmarks.

pub mod check;
pub mod cues;
pub mod generate;
mod grading;
pub mod graph;
pub mod simulate;
mod structure;
pub mod template;

use std::borrow::Cow;

use crate::scenario::{Choice, Scenario};
use crate::scoring::{CUSTOMER_WEIGHT, PRACTICE_WEIGHT, choice_quality, customer_score};

/// Points that taking `choice` with these meters adds to the final score,
/// compared with a neutral reply (no tags, no effects), in a conversation of
/// `length` choices where nothing later clamps the meters. `scratch` is reused
/// between calls.
pub fn gain(
    scenario: &Scenario,
    meters: &[i32],
    choice: &Choice,
    length: usize,
    scratch: &mut Vec<i32>,
) -> f32 {
    scratch.clear();
    scratch.extend_from_slice(meters);
    scenario.apply_effects(choice, scratch);
    let customer = (customer_score(scenario, scratch) - customer_score(scenario, meters)) as f32;
    let practice = (choice_quality(&choice.tags) - 0.5) / length.max(1) as f32;
    100.0 * (CUSTOMER_WEIGHT * customer + PRACTICE_WEIGHT * practice)
}

/// The text on one line, cut to `max` characters with an ellipsis.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    let text: Cow<str> = match text.contains(['\n', '\r']) {
        true => Cow::Owned(text.replace("\r\n", " ").replace(['\n', '\r'], " ")),
        false => Cow::Borrowed(text),
    };
    match text.char_indices().nth(max) {
        None => text,
        Some((end, _)) => Cow::Owned(format!("{}…", text[..end].trim_end())),
    }
}
