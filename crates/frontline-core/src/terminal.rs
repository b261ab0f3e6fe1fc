//! Text from scenario files and the records, made safe to print on a
//! terminal: a title, an id or a trainee's name can hold anything, and an
//! escape sequence or a line break in it must not recolour the screen, move
//! the cursor or forge a line of output.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` on one line: every control character (line breaks included) and
/// every bidirectional override written as a visible `\u{…}` escape.
pub fn shown(text: &str) -> Cow<'_, str> {
    escaped(text, false)
}

/// Like [`shown`], keeping line breaks: for text printed as several lines.
pub fn shown_lines(text: &str) -> Cow<'_, str> {
    escaped(text, true)
}

fn escaped(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| !(keep_lines && c == '\n') && (c.is_control() || is_bidi(c));
    if !text.contains(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The Unicode controls that reorder text on screen (Trojan Source).
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_sequences_line_breaks_and_overrides() {
        assert_eq!(shown("caviar"), "caviar");
        assert_eq!(shown("a\x1b[31mred"), "a\\u{1b}[31mred");
        assert_eq!(shown("id\nok: forged"), "id\\u{a}ok: forged");
        assert_eq!(shown("x\r\t\u{7f}\u{9b}"), "x\\u{d}\\u{9}\\u{7f}\\u{9b}");
        assert_eq!(shown("\u{202e}txt"), "\\u{202e}txt");
        assert_eq!(shown_lines("one\ntwo\x07"), "one\ntwo\\u{7}");
        assert_eq!(shown("Übung: café ☕"), "Übung: café ☕");
    }
}
