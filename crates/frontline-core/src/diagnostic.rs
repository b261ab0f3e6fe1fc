//! Problems found in scenario files, located by file, line and column and
//! rendered as rustc renders its own: the offending text underlined, other
//! places labelled ("first defined here"), and a `help:` showing the fix.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Patch, Renderer, Snippet};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem at one place in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
    /// The source line the problem is on.
    pub source_line: String,
    /// Characters of `source_line` to underline.
    pub underline: Range<usize>,
    /// Other places that explain the problem.
    pub labels: Vec<Label>,
    /// Things to know, such as the names that exist.
    pub notes: Vec<String>,
    /// What to do about it.
    pub help: Option<Help>,
    /// The lines shown, with their marks.
    #[serde(skip)]
    excerpts: Vec<Excerpt>,
}

/// A place that explains a problem, such as where an id was first defined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What to do about a problem, with the corrected text when it is an edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Help {
    pub message: String,
    /// The edits that fix the problem, in bytes of the file, in file order.
    pub edits: Vec<Edit>,
    /// The lines the edits touch, as they read once corrected.
    pub corrected: Option<String>,
    #[serde(skip)]
    excerpt: Option<Excerpt>,
}

/// Replaces the bytes `span` of a file with `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Range<usize>,
    pub text: String,
}

impl Edit {
    pub fn new(span: Range<usize>, text: impl Into<String>) -> Edit {
        Edit {
            span,
            text: text.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit::new(at..at, text)
    }
}

/// Applies `edits` (in file order, not overlapping) to `source`.
pub fn apply(source: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(source.len());
    let mut done = 0;
    for edit in edits {
        let start = floor_char_boundary(source, edit.span.start).max(done);
        let end = floor_char_boundary(source, edit.span.end).max(start);
        out.push_str(&source[done..start]);
        out.push_str(&edit.text);
        done = end;
    }
    out.push_str(&source[done..]);
    out
}

/// Whole lines of a file, with marks and patches in bytes of `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Excerpt {
    first_line: usize,
    /// The lines, joined by `\n` whatever their line breaks were.
    text: String,
    /// Each line's bytes in the file, and where it starts in `text`.
    lines: Vec<(Range<usize>, usize)>,
    marks: Vec<Mark>,
    patches: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Mark {
    span: Range<usize>,
    primary: bool,
    label: String,
}

impl Diagnostic {
    /// A problem covering the bytes `span` of `source`. Any span is accepted:
    /// it is clamped to the file and to the line it starts on, so the place
    /// reported is always inside the file.
    pub fn at(
        severity: Severity,
        file: &Path,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, span) = Line::clamp(source, span);
        let column = source[line.text.start..span.start].chars().count();
        let width = source[span.clone()].chars().count();
        let mut excerpts = Vec::new();
        if !source.is_empty() {
            let mut excerpt = Excerpt::of(source, span.clone());
            excerpt.marks.push(Mark {
                span,
                primary: true,
                label: String::new(),
            });
            excerpts.push(excerpt);
        }
        Diagnostic {
            severity,
            file: file.to_path_buf(),
            line: line.number,
            column: column + 1,
            message: message.into(),
            source_line: source[line.text].to_string(),
            underline: column..column + width.max(1),
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
            excerpts,
        }
    }

    /// A problem with the file as a whole (it can't be read, say).
    pub fn whole_file(file: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(Severity::Error, file, "", 0..0, message)
    }

    /// Something to know about a file as a whole (it is not read, say).
    pub fn warning_about(file: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(Severity::Warning, file, "", 0..0, message)
    }

    /// Labels another place of the same file.
    pub fn label(mut self, source: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let (line, span) = Line::clamp(source, span);
        let message = message.into();
        self.labels.push(Label {
            line: line.number,
            column: source[line.text.start..span.start].chars().count() + 1,
            message: message.clone(),
        });
        let mark = Mark {
            span: span.clone(),
            primary: false,
            label: message,
        };
        // A label near a shown line joins it, unmarked lines between folded.
        let near = self.excerpts.iter().position(|e| {
            let (first, last) = (e.first_line, e.first_line + e.lines.len() - 1);
            line.number + NEAR >= first && line.number <= last + NEAR
        });
        let mut excerpt = match near {
            Some(i) => {
                let joined = self.excerpts.remove(i);
                let bytes = joined.bytes();
                let mut excerpt =
                    Excerpt::of(source, bytes.start.min(span.start)..bytes.end.max(span.end));
                excerpt.marks = joined.marks;
                excerpt
            }
            None => Excerpt::of(source, span),
        };
        excerpt.marks.push(mark);
        self.excerpts.push(excerpt);
        self.excerpts.sort_by_key(|e| e.first_line);
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Advice that is not an edit.
    pub fn help(mut self, message: impl Into<String>) -> Self {
        self.help = Some(Help {
            message: message.into(),
            edits: Vec::new(),
            corrected: None,
            excerpt: None,
        });
        self
    }

    /// Advice that is an edit of `source`: `edits` in file order, not overlapping.
    pub fn fix(mut self, source: &str, message: impl Into<String>, edits: Vec<Edit>) -> Self {
        let (Some(first), Some(last)) = (edits.first(), edits.last()) else {
            return self.help(message);
        };
        let mut excerpt = Excerpt::of(source, first.span.start..last.span.end);
        excerpt.patches = edits.clone();
        self.help = Some(Help {
            message: message.into(),
            corrected: Some(apply(&excerpt.text, &excerpt.local_edits())),
            edits,
            excerpt: Some(excerpt),
        });
        self
    }
}

/// Labels this many lines or fewer from a shown line are shown with it.
const NEAR: usize = 100;

impl Excerpt {
    /// The whole lines that `span` covers (clamped to the file).
    fn of(source: &str, span: Range<usize>) -> Excerpt {
        let (mut line, span) = Line::clamp_start(source, span);
        let mut excerpt = Excerpt {
            first_line: line.number,
            text: String::new(),
            lines: Vec::new(),
            marks: Vec::new(),
            patches: Vec::new(),
        };
        loop {
            excerpt.lines.push((line.text.clone(), excerpt.text.len()));
            excerpt.text.push_str(&source[line.text.clone()]);
            match line.next(source) {
                Some(next) if next.text.start <= span.end => {
                    excerpt.text.push('\n');
                    line = next;
                }
                _ => break,
            }
        }
        excerpt
    }

    /// The bytes of the file the excerpt shows.
    fn bytes(&self) -> Range<usize> {
        let first = &self.lines[0].0;
        let last = &self.lines[self.lines.len() - 1].0;
        first.start..last.end
    }

    /// Where byte `at` of the file is in the excerpt's text (a line break
    /// or a place outside the excerpt goes to the nearest end of a line).
    fn local(&self, at: usize) -> usize {
        let index = self.lines.partition_point(|(text, _)| text.start <= at);
        let (text, offset) = &self.lines[index.saturating_sub(1)];
        offset + at.clamp(text.start, text.end) - text.start
    }

    fn local_span(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.local(span.start);
        start..self.local(span.end).max(start)
    }

    fn local_edits(&self) -> Vec<Edit> {
        let edits = self.patches.iter();
        edits
            .map(|e| Edit::new(self.local_span(&e.span), e.text.clone()))
            .collect()
    }

    fn snippet<'a>(&'a self, path: Option<&'a str>) -> Snippet<'a, Annotation<'a>> {
        let mut snippet = Snippet::source(&self.text).line_start(self.first_line);
        if let Some(path) = path {
            snippet = snippet.path(path);
        }
        for mark in &self.marks {
            let kind = if mark.primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            let mut annotation = kind.span(self.local_span(&mark.span));
            if !mark.label.is_empty() {
                annotation = annotation.label(&mark.label);
            }
            snippet = snippet.annotation(annotation);
        }
        snippet
    }
}

/// A UTF-8 byte-order mark: some editors start a file with it; it is not text.
pub const BOM: char = '\u{feff}';

/// One line of a source, as editors count them: a line ends at `\n`, `\r\n`
/// or a lone `\r`.
#[derive(Debug, Clone)]
struct Line {
    /// 1-based.
    number: usize,
    /// The line's bytes, without its line break (nor a byte-order mark).
    text: Range<usize>,
}

impl Line {
    /// The line that byte `at` (a char boundary) is on; a line break belongs
    /// to the line it ends.
    fn around(source: &str, at: usize) -> Line {
        let bytes = source.as_bytes();
        // The `\n` of a `\r\n` ends the same line as its `\r`.
        let at = if at > 0 && bytes.get(at) == Some(&b'\n') && bytes[at - 1] == b'\r' {
            at - 1
        } else {
            at
        };
        let start = bytes[..at]
            .iter()
            .rposition(|&b| is_break(b))
            .map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(|&b| is_break(b))
            .map_or(bytes.len(), |i| at + i);
        let number = 1
            + (0..start)
                .filter(|&i| {
                    bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
                })
                .count();
        let start = if start == 0 && source.starts_with(BOM) {
            BOM.len_utf8().min(end)
        } else {
            start
        };
        Line {
            number,
            text: start..end,
        }
    }

    /// The line after this one, if any.
    fn next(&self, source: &str) -> Option<Line> {
        let bytes = source.as_bytes();
        let end = self.text.end;
        let start = match bytes.get(end..end + 2) {
            _ if end >= bytes.len() => return None,
            Some(b"\r\n") => end + 2,
            _ => end + 1,
        };
        let text_end = bytes[start..]
            .iter()
            .position(|&b| is_break(b))
            .map_or(bytes.len(), |i| start + i);
        Some(Line {
            number: self.number + 1,
            text: start..text_end,
        })
    }

    /// `span` made to lie on char boundaries and start on the line it
    /// starts on, with that line; it may run on to later lines.
    fn clamp_start(source: &str, span: Range<usize>) -> (Line, Range<usize>) {
        let start = floor_char_boundary(source, span.start);
        let line = Line::around(source, start);
        let start = start.clamp(line.text.start, line.text.end);
        let end = floor_char_boundary(source, span.end).max(start);
        (line, start..end)
    }

    /// `span` made to lie on char boundaries within the line it starts on.
    fn clamp(source: &str, span: Range<usize>) -> (Line, Range<usize>) {
        let (line, span) = Line::clamp_start(source, span);
        let end = span.end.min(line.text.end);
        (line, span.start..end)
    }
}

fn is_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

/// The char boundary at or before `i`, within `s`.
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `text` with control characters escaped, so that a file's text cannot
/// drive the terminal.
fn printable(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// A terminal width no line reaches: lines are shown whole, never cut, so
/// that what a trainer searches for is there.
const WHOLE_LINES: usize = 1 << 20;

/// `file:line:column: error: message`, then the lines with the span
/// underlined, other places labelled, notes, and the help.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (severity, level) = match self.severity {
            Severity::Warning => ("warning", Level::WARNING),
            Severity::Error => ("error", Level::ERROR),
        };
        let file = printable(&self.file.display().to_string());
        write!(
            f,
            "{file}:{}:{}: {severity}: {}",
            self.line,
            self.column,
            printable(&self.message)
        )?;
        let notes: Vec<String> = self.notes.iter().map(|n| printable(n)).collect();
        let help = self.help.as_ref().map(|h| printable(&h.message));
        let advice = help
            .as_deref()
            .filter(|_| self.help.as_ref().is_some_and(|h| h.excerpt.is_none()));
        if self.excerpts.is_empty() && notes.is_empty() && help.is_none() {
            return Ok(());
        }
        let mut group = Group::with_level(level);
        for (i, excerpt) in self.excerpts.iter().enumerate() {
            // After the first, a snippet says where it is, as rustc's `:::` lines do.
            group = group.element(excerpt.snippet((i > 0).then_some(file.as_str())));
        }
        for note in &notes {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        if let Some(advice) = advice {
            group = group.element(Level::HELP.message(advice));
        }
        let mut groups = vec![group];
        if let (Some(message), Some(excerpt)) = (
            help.as_deref(),
            self.help.as_ref().and_then(|h| h.excerpt.as_ref()),
        ) {
            let mut snippet = Snippet::source(excerpt.text.as_str()).line_start(excerpt.first_line);
            for patch in excerpt.local_edits() {
                snippet = snippet.patch(Patch::new(patch.span, patch.text));
            }
            groups.push(Group::with_title(Level::HELP.secondary_title(message)).element(snippet));
        }
        write!(
            f,
            "\n{}",
            Renderer::plain().term_width(WHOLE_LINES).render(&groups)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_column_and_underline() {
        let src = "a\n  next: \"kitchn\",\n";
        let span = src.find("\"kitchn\"").unwrap();
        let d = Diagnostic::at(
            Severity::Error,
            Path::new("s.ron"),
            src,
            span..span + 8,
            "no node `kitchn`",
        );
        assert_eq!((d.line, d.column), (2, 9));
        assert_eq!(
            d.to_string(),
            "s.ron:2:9: error: no node `kitchn`\n  |\n2 |   next: \"kitchn\",\n  |         ^^^^^^^^"
        );
    }

    #[test]
    fn renders_labels_notes_and_a_fix() {
        let src = "(id: \"a\",\n x: 1,\n id: \"a\")";
        let first = src.find("\"a\"").unwrap();
        let again = src.rfind("\"a\"").unwrap();
        let d = Diagnostic::at(
            Severity::Error,
            Path::new("s.ron"),
            src,
            again..again + 3,
            "duplicate id `a`",
        )
        .label(src, first..first + 3, "first defined here")
        .note("ids: a")
        .fix(src, "rename it", vec![Edit::new(again + 1..again + 2, "b")]);
        assert_eq!(
            d.help.as_ref().unwrap().corrected.as_deref(),
            Some(" id: \"b\")")
        );
        assert_eq!(
            d.to_string(),
            "s.ron:3:6: error: duplicate id `a`
  |
1 | (id: \"a\",
  |      --- first defined here
2 |  x: 1,
3 |  id: \"a\")
  |      ^^^
  |
  = note: ids: a
help: rename it
  |
3 -  id: \"a\")
3 +  id: \"b\")
  |"
        );
    }

    #[test]
    fn the_underline_is_aligned_under_wide_characters() {
        let src = "日本: \"x\"";
        let start = src.find('"').unwrap();
        let d = Diagnostic::at(Severity::Error, Path::new("f"), src, start..start + 3, "m");
        // Two characters before the colon, each two columns wide.
        assert_eq!(d.column, 5);
        let underline = d.to_string().lines().last().unwrap().to_string();
        assert_eq!(underline, format!("  | {}^^^", " ".repeat(2 * 2 + 2)));
    }

    #[test]
    fn control_characters_are_escaped() {
        let src = "(x: \"\u{1b}[31m\")";
        let d = Diagnostic::at(
            Severity::Error,
            Path::new("f"),
            src,
            4..5,
            "bad `\u{1b}[2J`",
        );
        let shown = d.to_string();
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert!(shown.contains("bad `\\u{1b}[2J`"), "{shown}");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "é: \"x\"";
        let d = Diagnostic::at(Severity::Error, Path::new("f"), src, 4..7, "m");
        assert_eq!(d.column, 4);
        assert_eq!(d.underline, 3..6);
    }

    fn place(src: &str, span: Range<usize>) -> (usize, usize, String, Range<usize>) {
        let d = Diagnostic::at(Severity::Error, Path::new("f"), src, span, "m");
        d.to_string();
        (d.line, d.column, d.source_line, d.underline)
    }

    #[test]
    fn a_span_on_the_line_feed_of_a_crlf_line_points_past_the_line() {
        let src = "ab\r\ncd";
        assert_eq!(place(src, 3..4), (1, 3, "ab".into(), 2..3));
        assert_eq!(place(src, 2..4), (1, 3, "ab".into(), 2..3));
        assert_eq!(place(src, 4..5), (2, 1, "cd".into(), 0..1));
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let src = "a\rb\r\rc\nd";
        assert_eq!(place(src, 2..3), (2, 1, "b".into(), 0..1));
        assert_eq!(place(src, 5..6), (4, 1, "c".into(), 0..1));
        assert_eq!(place(src, 7..8), (5, 1, "d".into(), 0..1));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let src = "\u{feff}(x)";
        assert_eq!(place(src, 4..5), (1, 2, "(x)".into(), 1..2));
        assert_eq!(place(src, 0..1), (1, 1, "(x)".into(), 0..1));
    }

    #[test]
    fn spans_outside_the_file_or_inside_a_char_are_clamped() {
        assert_eq!(place("é", 1..1), (1, 1, "é".into(), 0..1));
        let (start, end) = (9, 3);
        assert_eq!(place("ab", start..end), (1, 3, "ab".into(), 2..3));
        assert_eq!(place("", 0..0), (1, 1, "".into(), 0..1));
    }
}
