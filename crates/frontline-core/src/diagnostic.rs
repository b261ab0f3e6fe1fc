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
    /// A problem covering the bytes `span` of `source`.
    pub fn at(
        severity: Severity,
        file: &Path,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let source_line = source[line_start..line_end].trim_end_matches('\r');
        let column = source[line_start..start].chars().count();
        let end = span
            .end
            .clamp(start, line_end.min(line_start + source_line.len()));
        let width = source[start..floor_char_boundary(source, end)]
            .chars()
            .count();
        Diagnostic {
            severity,
            file: file.to_path_buf(),
            line: 1 + source[..line_start].matches('\n').count(),
            column: column + 1,
            message: message.into(),
            source_line: source_line.to_string(),
            underline: column..column + width.max(1),
        }
    }

    /// A problem at a 1-based line and column, as `ron` reports them.
    pub fn at_position(
        severity: Severity,
        file: &Path,
        source: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let line_start: usize = source
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        let offset = source[line_start.min(source.len())..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(source.len(), |(i, _)| line_start + i);
        Diagnostic::at(severity, file, source, offset..offset, message)
    }

    /// A problem with the file as a whole (it can't be read, say).
    pub fn whole_file(file: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(Severity::Error, file, "", 0..0, message)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
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
    fn positions_count_characters_not_bytes() {
        let src = "é: \"x\"";
        let d = Diagnostic::at_position(Severity::Error, Path::new("f"), src, 1, 4, "m");
        assert_eq!(d.column, 4);
        assert_eq!(d.underline, 3..4);
    }
}
