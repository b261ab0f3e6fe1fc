//! Problems found in scenario files, located by file, line and column and
//! rendered with the offending text underlined.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

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
        let start = floor_char_boundary(source, span.start);
        let line = Line::around(source, start);
        let start = start.clamp(line.text.start, line.text.end);
        let end = floor_char_boundary(source, span.end).clamp(start, line.text.end);
        let column = source[line.text.start..start].chars().count();
        let width = source[start..end].chars().count();
        Diagnostic {
            severity,
            file: file.to_path_buf(),
            line: line.number,
            column: column + 1,
            message: message.into(),
            source_line: source[line.text].to_string(),
            underline: column..column + width.max(1),
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
}

/// A UTF-8 byte-order mark: some editors start a file with it; it is not text.
pub const BOM: char = '\u{feff}';

/// One line of a source, as editors count them: a line ends at `\n`, `\r\n`
/// or a lone `\r`.
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
        let is_break = |b: &u8| *b == b'\n' || *b == b'\r';
        // The `\n` of a `\r\n` ends the same line as its `\r`.
        let at = if at > 0 && bytes.get(at) == Some(&b'\n') && bytes[at - 1] == b'\r' {
            at - 1
        } else {
            at
        };
        let start = bytes[..at].iter().rposition(is_break).map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(is_break)
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
}

/// The char boundary at or before `i`, within `s`.
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `file:line:column: error: message`, then the line with the span underlined.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{}:{}:{}: {severity}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )?;
        if self.source_line.is_empty() {
            return Ok(());
        }
        let gutter = self.line.to_string().len();
        let pad: String = self
            .source_line
            .chars()
            .take(self.underline.start)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(
            f,
            "\n{:gutter$} |\n{} | {}\n{:gutter$} | {pad}{}",
            "",
            self.line,
            self.source_line,
            "",
            "^".repeat(self.underline.len())
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
