//! Reading a scenario file's syntax so that one run reports every mistake it
//! can: `ron` parses the file; where it stops, the mistake is explained with
//! its fix ([`hint`]), the fix is applied to a copy (or, with no fix, the list
//! item around the mistake is left out) and `ron` reads the copy again.

mod hint;
pub mod lint;
pub(crate) mod scan;

use std::ops::Range;
use std::path::Path;

use hint::Repair;
use scan::{Kind, Tokens};

use crate::diagnostic::{BOM, Diagnostic, Edit, Severity, apply};
use crate::format::ScenarioFile;
use crate::load::ron_options;

/// At most this many syntax errors are reported for a file.
const MAX_MISTAKES: usize = 50;

/// What reading a file's syntax gave.
#[derive(Debug)]
pub enum Parsed {
    /// The file as written.
    Clean(ScenarioFile),
    /// The file read once its mistakes were fixed as their helps say, so
    /// its meaning can be checked too: `text` is the fixed copy.
    Repaired {
        file: ScenarioFile,
        text: String,
        repairs: Repairs,
        diagnostics: Vec<Diagnostic>,
    },
    /// Mistakes whose fix is a guess, or that have none.
    Broken(Vec<Diagnostic>),
}

/// Reads the text of a scenario file; `path` only names it in diagnostics.
pub fn read(path: &Path, source: &str) -> Parsed {
    let mut repairs = Repairs::default();
    let mut text = source.to_string();
    if source.starts_with(BOM) {
        repairs.apply(&mut text, &[Edit::new(0..BOM.len_utf8(), "")]);
    }
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut guessed = false;
    while diagnostics.len() < MAX_MISTAKES {
        let error = match ron_options().from_str::<ScenarioFile>(&text) {
            Ok(file) if diagnostics.is_empty() => return Parsed::Clean(file),
            Ok(_) if guessed => break,
            Ok(file) => {
                return Parsed::Repaired {
                    file,
                    text,
                    repairs,
                    diagnostics,
                };
            }
            Err(error) => error,
        };
        let start = ron_offset(&text, &error.span.start);
        let end = ron_offset(&text, &error.span.end).max(start);
        let tokens = Tokens::of(&text);
        let hint = hint::explain(&tokens, &error.code, start..end);
        let diagnostic = shown(path, source, &repairs, &hint);
        if diagnostics.contains(&diagnostic) {
            break;
        }
        diagnostics.push(diagnostic);
        let edits = match hint.repair {
            Repair::Fix => hint.edits,
            Repair::Guess => {
                guessed = true;
                hint.edits
            }
            Repair::Skip => {
                guessed = true;
                match item_around(&tokens, start) {
                    Some(item) => vec![blank(&text, item)],
                    None => break,
                }
            }
        };
        if edits.is_empty() {
            break;
        }
        repairs.apply(&mut text, &edits);
    }
    diagnostics.sort_by_key(|d| (d.line, d.column));
    Parsed::Broken(diagnostics)
}

/// The hint as a diagnostic of the file as written.
fn shown(path: &Path, source: &str, repairs: &Repairs, hint: &hint::Hint) -> Diagnostic {
    let span = |s: &Range<usize>| repairs.original(s.start)..repairs.original(s.end);
    let mut d = Diagnostic::at(
        Severity::Error,
        path,
        source,
        span(&hint.span),
        &hint.message,
    );
    for (at, label) in &hint.labels {
        d = d.label(source, span(at), label);
    }
    for note in &hint.notes {
        d = d.note(note);
    }
    if let Some(help) = &hint.help {
        let edits = hint.edits.iter();
        let edits = edits.map(|e| Edit::new(span(&e.span), e.text.clone()));
        d = d.fix(source, help, edits.collect());
    }
    d
}

/// The bytes of the list item around byte `at`, with its comma.
fn item_around(t: &Tokens, at: usize) -> Option<Range<usize>> {
    let i = t.index_at(at).min(t.list.len().checked_sub(1)?);
    let open = t.open_before(i);
    let &list = open
        .iter()
        .rev()
        .find(|&&o| t.list[o].kind == Kind::Open(b'['))?;
    let mut depth = 0usize;
    let mut start = list + 1;
    for j in list + 1..t.list.len() {
        match t.list[j].kind {
            Kind::Open(_) => depth += 1,
            Kind::Close(_) if depth == 0 => {
                return (j > i).then(|| t.list[start].span.start..t.list[j - 1].span.end);
            }
            Kind::Close(_) => depth -= 1,
            Kind::Comma if depth == 0 && j >= i => {
                return Some(t.list[start].span.start..t.list[j].span.end);
            }
            Kind::Comma if depth == 0 => start = j + 1,
            _ => {}
        }
    }
    None
}

/// Spaces in place of `range`, line breaks kept: the same length, so no
/// place in the file moves.
fn blank(text: &str, range: Range<usize>) -> Edit {
    let spaces: String = text.as_bytes()[range.clone()]
        .iter()
        .map(|&b| {
            if b == b'\n' || b == b'\r' {
                b as char
            } else {
                ' '
            }
        })
        .collect();
    Edit::new(range, spaces)
}

/// The byte offset of a position as `ron` counts them: lines end at `\n`
/// only, and a column counts the characters after the line's start.
pub fn ron_offset(text: &str, position: &ron::error::Position) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(position.line.saturating_sub(1))
        .map(str::len)
        .sum();
    text[line_start..]
        .char_indices()
        .nth(position.col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// The edits made to a file's text to read on, to find where a place of
/// the edited text was in the file as written.
#[derive(Debug, Default)]
pub struct Repairs {
    /// Start, length replaced and length written, in the text of the time.
    done: Vec<(usize, usize, usize)>,
}

impl Repairs {
    /// Applies `edits` (in file order, not overlapping) to `text`.
    fn apply(&mut self, text: &mut String, edits: &[Edit]) {
        *text = apply(text, edits);
        // Each edit moves the ones after it by the change in length.
        let mut shift = 0isize;
        for edit in edits {
            let start = edit.span.start.saturating_add_signed(shift);
            let replaced = edit.span.len();
            self.done.push((start, replaced, edit.text.len()));
            shift += edit.text.len() as isize - replaced as isize;
        }
    }

    /// Where byte `at` of the edited text was in the file as written.
    pub fn original(&self, mut at: usize) -> usize {
        for &(start, replaced, written) in self.done.iter().rev() {
            if at >= start + written {
                at = at - written + replaced;
            } else if at > start {
                at = start + (at - start).min(replaced);
            }
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_in_the_edited_text_map_back_to_the_file() {
        let mut text = "ab cd ef".to_string();
        let mut repairs = Repairs::default();
        repairs.apply(
            &mut text,
            &[
                Edit::insert(2, ","),
                Edit::new(3..5, "x"),
                Edit::insert(8, ")"),
            ],
        );
        assert_eq!(text, "ab, x ef)");
        let e = text.find('e').unwrap();
        assert_eq!(repairs.original(e), 6);
        assert_eq!(repairs.original(text.find('x').unwrap()), 3);
        assert_eq!(repairs.original(text.len()), 8);
        repairs.apply(&mut text, &[Edit::new(0..1, "")]);
        assert_eq!(repairs.original(text.find('e').unwrap()), 6);
    }
}
