//! Warnings about text that reads but is likely not what was meant: a line
//! break inside quotes, which play shows with the next line's indentation.

use std::path::Path;

use super::scan::{Kind, Tokens};
use crate::diagnostic::{Diagnostic, Edit, Severity};

/// A warning for each text of `source` with a line break inside its quotes.
pub fn warnings(path: &Path, source: &str) -> Vec<Diagnostic> {
    let tokens = Tokens::of(source);
    let texts = tokens.list.iter().filter(|t| t.kind == Kind::Str);
    texts
        .filter(|t| source[t.span.clone()].contains(['\n', '\r']))
        .map(|t| {
            let edits = joins(t.span.start, &source[t.span.clone()]);
            Diagnostic::at(
                Severity::Warning,
                path,
                source,
                t.span.clone(),
                "this text has a line break inside its quotes",
            )
            .note("play shows the line break, and the spaces that start the next line")
            .fix(source, "write the text on one line", edits)
        })
        .collect()
}

/// Edits turning each line break of `text` (at byte `offset` of the file),
/// with the blanks around it, into one space.
fn joins(offset: usize, text: &str) -> Vec<Edit> {
    let bytes = text.as_bytes();
    let blank = |b: u8| b == b' ' || b == b'\t';
    let mut edits = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
            continue;
        }
        let mut start = i;
        while start > 0 && blank(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = i;
        while end < bytes.len() && (blank(bytes[end]) || bytes[end] == b'\n' || bytes[end] == b'\r')
        {
            end += 1;
        }
        edits.push(Edit::new(offset + start..offset + end, " "));
        i = end;
    }
    edits
}
