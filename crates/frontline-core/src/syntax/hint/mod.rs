//! The common mistakes behind a syntax error `ron` reports, each explained
//! with the edit that fixes it: a `"` inside text, a decimal number, a `#`
//! comment, curly or single quotes, quoted names, a list without `[...]`, a
//! missing comma, an unclosed bracket, a mistyped field or name.

mod names;
mod structure;
mod text;

use std::ops::Range;

use ron::error::Error;

use super::scan::Tokens;
use crate::diagnostic::Edit;
use names::{quoted_names, unknown_name};
use structure::{missing_comma, no_scenario, not_a_list, unclosed};
use text::{comment, decimal, inner_quote, quotes};

/// How reading can go on after a mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repair {
    /// Apply the edits: what was meant is clear.
    Fix,
    /// Apply the edits, a guess at the file's structure: read on for more
    /// syntax errors, but don't judge the meaning of what is read.
    Guess,
    /// No edit: leave out the list item around the mistake and read on.
    Skip,
}

/// A syntax error explained, in bytes of the text `ron` read.
#[derive(Debug)]
pub struct Hint {
    pub span: Range<usize>,
    pub message: String,
    pub labels: Vec<(Range<usize>, String)>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    /// The fix the help shows; none for advice.
    pub edits: Vec<Edit>,
    pub repair: Repair,
}

impl Hint {
    pub(super) fn new(span: Range<usize>, message: impl Into<String>) -> Hint {
        Hint {
            span,
            message: message.into(),
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
            edits: Vec::new(),
            repair: Repair::Skip,
        }
    }

    pub(super) fn fix(mut self, help: impl Into<String>, edits: Vec<Edit>, repair: Repair) -> Hint {
        self.help = Some(help.into());
        self.edits = edits;
        self.repair = repair;
        self
    }
}

/// Explains the error `code` that `ron` reports at `span` of the text.
pub fn explain(t: &Tokens, code: &Error, span: Range<usize>) -> Hint {
    let at = span.start;
    no_scenario(t, code, at)
        .or_else(|| comment(t, code, at))
        .or_else(|| quotes(t, at))
        .or_else(|| quoted_names(t, code, at))
        .or_else(|| decimal(t, at))
        .or_else(|| inner_quote(t, at))
        .or_else(|| unclosed(t, code, at))
        .or_else(|| missing_comma(t, code, at))
        .or_else(|| not_a_list(t, code, at))
        .or_else(|| unknown_name(t, code, span.clone()))
        .unwrap_or_else(|| {
            // `ron` places some errors before the blanks ahead of the culprit.
            let start = t.text.len() - t.text[at..].trim_start().len();
            Hint::new(start..span.end.max(start), code.to_string())
        })
}

/// Whether `rest` of a line may follow a value: nothing, a comment, or
/// what ends the value.
pub(super) fn ends_value(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with([',', ')', ']', '}']) || rest.starts_with("//")
}

/// The end of the line that byte `at` is on.
pub(super) fn line_end(text: &str, at: usize) -> usize {
    text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i)
}

/// Edits putting `\` before each `"` of `range` that has none.
pub(super) fn escape_quotes(text: &str, range: Range<usize>) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut escaped = false;
    for (i, c) in text[range.clone()].char_indices() {
        if c == '"' && !escaped {
            edits.push(Edit::insert(range.start + i, "\\"));
        }
        escaped = c == '\\' && !escaped;
    }
    edits
}
