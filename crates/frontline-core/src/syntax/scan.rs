//! A forgiving tokenizer for RON text that `ron` refused: strings, names,
//! numbers and punctuation with their byte spans, comments skipped, so that a
//! syntax error can be explained from what surrounds it.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `"…"` or `r#"…"#`, quotes included; unterminated runs to the end.
    Str,
    Ident,
    /// Digits with an optional sign, `.`, `_` or exponent.
    Number,
    Open(u8),
    Close(u8),
    Comma,
    Colon,
    /// Any other character.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub span: Range<usize>,
}

/// The tokens of `text`, in order.
pub struct Tokens<'a> {
    pub text: &'a str,
    pub list: Vec<Token>,
}

impl<'a> Tokens<'a> {
    pub fn of(text: &'a str) -> Tokens<'a> {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            text,
            pos: 0,
        };
        let mut list = Vec::new();
        while let Some(token) = scanner.next() {
            list.push(token);
        }
        Tokens { text, list }
    }

    /// The index of the first token that ends after `at`.
    pub fn index_at(&self, at: usize) -> usize {
        self.list.partition_point(|t| t.span.end <= at)
    }

    /// The token that contains or follows byte `at`.
    pub fn at(&self, at: usize) -> Option<&Token> {
        self.list.get(self.index_at(at))
    }

    pub fn text_of(&self, token: &Token) -> &'a str {
        &self.text[token.span.clone()]
    }

    /// Whether the token at index `i` is a name followed by `:`.
    pub fn is_field(&self, i: usize) -> bool {
        let kind = |i: usize| self.list.get(i).map(|t| t.kind);
        kind(i) == Some(Kind::Ident) && kind(i + 1) == Some(Kind::Colon)
    }

    /// The indices of the brackets opened and not closed before token `end`;
    /// a closer that matches no open bracket is passed over.
    pub fn open_before(&self, end: usize) -> Vec<usize> {
        let mut open: Vec<usize> = Vec::new();
        for (i, token) in self.list[..end].iter().enumerate() {
            match token.kind {
                Kind::Open(_) => open.push(i),
                Kind::Close(c) => {
                    if let Some(at) = open
                        .iter()
                        .rposition(|&o| self.list[o].kind == Kind::Open(opener(c)))
                    {
                        open.truncate(at);
                    }
                }
                _ => {}
            }
        }
        open
    }

    /// What the bracket at token `i` opens, as a trainer knows it: the
    /// struct's name (`Choice`) or the field it is the value of (`nodes`).
    pub fn owner(&self, i: usize) -> Option<&'a str> {
        let before = i.checked_sub(1).map(|b| &self.list[b])?;
        match before.kind {
            Kind::Ident => Some(self.text_of(before)),
            Kind::Colon => {
                let field = i.checked_sub(2).map(|f| &self.list[f])?;
                (field.kind == Kind::Ident).then(|| self.text_of(field))
            }
            _ => None,
        }
    }

    /// The field whose value contains token `i`, within the innermost
    /// brackets around it (`tags` for an item of `tags: [...]`).
    pub fn field_of(&self, i: usize) -> Option<&'a str> {
        let mut depth = 0usize;
        for j in (0..i).rev() {
            match self.list[j].kind {
                Kind::Close(_) => depth += 1,
                Kind::Open(_) if depth > 0 => depth -= 1,
                Kind::Open(b'[') => return self.owner(j),
                Kind::Open(_) => return None,
                Kind::Colon if depth == 0 && j > 0 && self.list[j - 1].kind == Kind::Ident => {
                    return Some(self.text_of(&self.list[j - 1]));
                }
                _ => {}
            }
        }
        None
    }
}

/// The bracket that `close` closes.
pub fn opener(close: u8) -> u8 {
    match close {
        b')' => b'(',
        b']' => b'[',
        _ => b'{',
    }
}

/// The bracket that closes `open`.
pub fn closer(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// The first byte at or after `pos` that is neither blank nor in a comment
/// (`// …` to the end of the line, or `/* … */`, which may nest).
pub fn skip_blank(bytes: &[u8], mut pos: usize) -> usize {
    loop {
        match (bytes.get(pos), bytes.get(pos + 1)) {
            (Some(c), _) if c.is_ascii_whitespace() => pos += 1,
            (Some(b'/'), Some(b'/')) => {
                let line = bytes[pos..].iter().position(|&b| b == b'\n');
                pos = line.map_or(bytes.len(), |i| pos + i);
            }
            (Some(b'/'), Some(b'*')) => pos = block_comment_end(bytes, pos),
            _ => return pos,
        }
    }
}

/// The byte after the block comment that starts at `pos`, or the end.
fn block_comment_end(bytes: &[u8], mut pos: usize) -> usize {
    let mut depth = 0;
    while pos < bytes.len() {
        match (bytes[pos], bytes.get(pos + 1)) {
            (b'/', Some(b'*')) => {
                depth += 1;
                pos += 2;
            }
            (b'*', Some(b'/')) => {
                depth -= 1;
                pos += 2;
                if depth == 0 {
                    return pos;
                }
            }
            _ => pos += 1,
        }
    }
    pos
}

struct Scanner<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn next(&mut self) -> Option<Token> {
        self.skip_blank();
        let start = self.pos;
        let c = self.peek(0)?;
        let kind = match c {
            b'"' => {
                self.string();
                Kind::Str
            }
            b'r' if matches!(self.peek(1), Some(b'"' | b'#')) && self.raw_string() => Kind::Str,
            b'(' | b'[' | b'{' => self.one(Kind::Open(c)),
            b')' | b']' | b'}' => self.one(Kind::Close(c)),
            b',' => self.one(Kind::Comma),
            b':' => self.one(Kind::Colon),
            b'0'..=b'9' => self.number(),
            b'-' | b'+' if self.peek(1).is_some_and(|d| d.is_ascii_digit()) => self.number(),
            c if c == b'_' || c.is_ascii_alphabetic() => {
                self.while_(|b| b == b'_' || b.is_ascii_alphanumeric());
                Kind::Ident
            }
            _ => {
                let width = self.text[start..].chars().next().map_or(1, char::len_utf8);
                self.pos += width;
                Kind::Other
            }
        };
        Some(Token {
            kind,
            span: start..self.pos,
        })
    }

    fn one(&mut self, kind: Kind) -> Kind {
        self.pos += 1;
        kind
    }

    fn while_(&mut self, keep: impl Fn(u8) -> bool) {
        while self.peek(0).is_some_and(&keep) {
            self.pos += 1;
        }
    }

    fn number(&mut self) -> Kind {
        self.pos += 1;
        self.while_(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
        Kind::Number
    }

    fn skip_blank(&mut self) {
        self.pos = skip_blank(self.bytes, self.pos);
    }

    fn string(&mut self) {
        self.pos += 1;
        while let Some(c) = self.peek(0) {
            self.pos += 1;
            match c {
                b'\\' => self.pos = (self.pos + 1).min(self.bytes.len()),
                b'"' => return,
                _ => {}
            }
        }
    }

    /// `r"…"` or `r#"…"#`; false (nothing read) when the `r` starts a name.
    fn raw_string(&mut self) -> bool {
        let start = self.pos;
        self.pos += 1;
        let hashes = self.bytes[self.pos..]
            .iter()
            .take_while(|&&b| b == b'#')
            .count();
        self.pos += hashes;
        if self.peek(0) != Some(b'"') {
            self.pos = start;
            return false;
        }
        self.pos += 1;
        let end = |s: &Self| (1..=hashes).all(|i| s.peek(i) == Some(b'#'));
        while self.pos < self.bytes.len() {
            if self.peek(0) == Some(b'"') && end(self) {
                self.pos += 1 + hashes;
                return true;
            }
            self.pos += 1;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        let tokens = Tokens::of(text);
        tokens
            .list
            .iter()
            .map(|t| (t.kind, tokens.text_of(t)))
            .collect()
    }

    #[test]
    fn reads_tokens_and_skips_comments() {
        use Kind::*;
        let text = "A(x: \"a \\\" b\", // c\n y: [-4.5, r#\"r\"#], /* d */ z: é)";
        assert_eq!(
            kinds(text),
            [
                (Ident, "A"),
                (Open(b'('), "("),
                (Ident, "x"),
                (Colon, ":"),
                (Str, "\"a \\\" b\""),
                (Comma, ","),
                (Ident, "y"),
                (Colon, ":"),
                (Open(b'['), "["),
                (Number, "-4.5"),
                (Comma, ","),
                (Str, "r#\"r\"#"),
                (Close(b']'), "]"),
                (Comma, ","),
                (Ident, "z"),
                (Colon, ":"),
                (Other, "é"),
                (Close(b')'), ")"),
            ]
        );
    }

    #[test]
    fn knows_what_a_bracket_opens_and_which_are_open() {
        let tokens = Tokens::of("Scenario(nodes: [Node(tags: [Ask, \"x\"");
        let open = tokens.open_before(tokens.list.len());
        let owners: Vec<_> = open.iter().map(|&i| tokens.owner(i)).collect();
        assert_eq!(
            owners,
            [Some("Scenario"), Some("nodes"), Some("Node"), Some("tags")]
        );
        assert_eq!(tokens.field_of(tokens.list.len() - 1), Some("tags"));
    }
}
