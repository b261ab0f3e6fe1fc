//! Finds where a value sits in a RON file, so that problems found after parsing
//! (an unknown node, a duplicate id…) point at the exact text.
//!
//! `ron` deserialises without keeping positions, so this module re-reads a file
//! that `ron` already accepted into a light tree of spans, addressed by paths
//! such as `nodes[3].choices[1].next`.

use std::ops::Range;

use crate::diagnostic::BOM;
use crate::syntax::scan::skip_blank;

/// One step of a path into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    Field(&'a str),
    Index(usize),
    /// A map entry, by its key's string value; locates the key.
    Key(&'a str),
}

/// The spans of every value in a RON document.
#[derive(Debug)]
pub struct SpanTree {
    root: Option<Node>,
}

#[derive(Debug)]
struct Node {
    span: Range<usize>,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Atom,
    Fields(Vec<(Range<usize>, Node)>),
    Items(Vec<Node>),
    Entries(Vec<(Node, Node)>),
}

impl SpanTree {
    pub fn parse(source: &str) -> SpanTree {
        Self::read(source, None)
    }

    /// Like [`SpanTree::parse`], keeping only the values along `paths` and
    /// skipping the rest without building it: much quicker on a large file
    /// when only a few places are wanted.
    pub fn parse_for(source: &str, paths: &[&[Seg]]) -> SpanTree {
        Self::read(source, Some(paths))
    }

    fn read(source: &str, wanted: Option<&[&[Seg]]>) -> SpanTree {
        let mut reader = Reader {
            src: source.as_bytes(),
            text: source,
            pos: if source.starts_with(BOM) {
                BOM.len_utf8()
            } else {
                0
            },
            wanted,
            path: Vec::new(),
            skipping: 0,
        };
        reader.skip_attributes();
        SpanTree {
            root: reader.value(),
        }
    }

    /// The span of the value at `path`, or of the deepest value on the way
    /// there when the path goes further than the file does.
    pub fn locate(&self, source: &str, path: &[Seg]) -> Range<usize> {
        let Some(mut node) = self.root.as_ref() else {
            return 0..0;
        };
        for seg in path {
            match node.child(source, *seg) {
                Some(child) => node = child,
                None => break,
            }
        }
        node.span.clone()
    }
}

impl Node {
    fn child(&self, source: &str, seg: Seg) -> Option<&Node> {
        match (&self.kind, seg) {
            (Kind::Fields(fields), Seg::Field(name)) => fields
                .iter()
                .find(|(key, _)| &source[key.clone()] == name)
                .map(|(_, value)| value),
            (Kind::Items(items), Seg::Index(i)) => items.get(i),
            (Kind::Entries(entries), Seg::Key(name)) => entries
                .iter()
                .find(|(key, _)| unquote(&source[key.span.clone()]) == name)
                .map(|(key, _)| key),
            _ => None,
        }
    }
}

fn unquote(text: &str) -> &str {
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text)
}

struct Reader<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    /// The paths to keep, or `None` to keep every value.
    wanted: Option<&'a [&'a [Seg<'a>]]>,
    /// The path of the value being read.
    path: Vec<Seg<'a>>,
    /// Above zero inside a value that is not wanted: read, but not kept.
    skipping: usize,
}

impl<'a> Reader<'a> {
    fn wants(&self) -> bool {
        self.skipping == 0
            && self
                .wanted
                .is_none_or(|paths| paths.iter().any(|p| p.starts_with(&self.path)))
    }

    /// Reads the value at `path` + `seg`.
    fn child(&mut self, seg: Seg<'a>) -> Option<Node> {
        self.path.push(seg);
        let node = self.value();
        self.path.pop();
        node
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.src.get(self.pos + offset).copied()
    }

    fn skip_blank(&mut self) {
        self.pos = skip_blank(self.src, self.pos);
    }

    /// `#![enable(...)]` lines before the value.
    fn skip_attributes(&mut self) {
        self.skip_blank();
        while self.peek() == Some(b'#') {
            self.pos += 1;
            if self.peek() == Some(b'!') {
                self.pos += 1;
            }
            self.skip_blank();
            self.value();
            self.skip_blank();
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_blank();
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Option<Node> {
        let skip = usize::from(!self.wants());
        self.skipping += skip;
        let node = self.read_value();
        self.skipping -= skip;
        node
    }

    fn read_value(&mut self) -> Option<Node> {
        self.skip_blank();
        let start = self.pos;
        let kind = match self.peek()? {
            b'(' => self.parens(),
            b'[' => Kind::Items(self.list(b']', |r, i| r.child(Seg::Index(i)))),
            b'{' => Kind::Entries(self.list(b'}', |r, _| r.entry())),
            b'"' => {
                self.quoted(b'"');
                Kind::Atom
            }
            b'\'' => {
                self.quoted(b'\'');
                Kind::Atom
            }
            b'r' if matches!(self.peek_at(1), Some(b'"' | b'#')) => {
                self.pos += 1;
                self.raw_string();
                Kind::Atom
            }
            b'b' if matches!(self.peek_at(1), Some(b'"' | b'\'')) => {
                self.pos += 1;
                self.quoted(self.peek()?);
                Kind::Atom
            }
            _ => {
                self.bare_word();
                if self.pos == start {
                    return None;
                }
                self.skip_blank();
                if self.peek() == Some(b'(') {
                    self.parens()
                } else {
                    Kind::Atom
                }
            }
        };
        Some(Node {
            span: start..self.pos,
            kind,
        })
    }

    fn entry(&mut self) -> Option<(Node, Node)> {
        let key = self.value()?;
        self.eat(b':');
        let text = self.text;
        let name = unquote(&text[key.span.clone()]);
        Some((key, self.child(Seg::Key(name))?))
    }

    /// Parses `open item, item, … close`, tolerating a trailing comma; keeps
    /// the items only when not skipping. `item` gets the item's index.
    fn list<T>(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self, usize) -> Option<T>,
    ) -> Vec<T> {
        self.pos += 1;
        let mut items = Vec::new();
        for i in 0.. {
            if self.eat(close) {
                break;
            }
            match item(self, i) {
                Some(next) if self.skipping == 0 => items.push(next),
                Some(_) => {}
                None => break,
            }
            self.eat(b',');
        }
        items
    }

    /// `(…)`: named fields when the first item is `ident:`, otherwise a tuple.
    fn parens(&mut self) -> Kind {
        let save = self.pos;
        self.pos += 1;
        self.skip_blank();
        let word_start = self.pos;
        self.bare_word();
        let word = word_start..self.pos;
        let is_struct = !word.is_empty() && {
            self.skip_blank();
            self.peek() == Some(b':')
        };
        self.pos = save;
        if !is_struct {
            return Kind::Items(self.list(b')', |r, i| r.child(Seg::Index(i))));
        }
        Kind::Fields(self.list(b')', |reader, _| {
            reader.skip_blank();
            let start = reader.pos;
            reader.bare_word();
            let name = start..reader.pos;
            reader.eat(b':');
            let text = reader.text;
            Some((name.clone(), reader.child(Seg::Field(&text[name]))?))
        }))
    }

    fn bare_word(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_ascii_whitespace() || b"()[]{},:\"'/".contains(&c) {
                return;
            }
            self.pos += 1;
        }
    }

    fn quoted(&mut self, quote: u8) {
        self.pos += 1;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'\\' {
                self.pos += 1;
            } else if c == quote {
                return;
            }
        }
    }

    fn raw_string(&mut self) {
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        self.pos += 1;
        while self.pos < self.src.len() {
            if self.peek() == Some(b'"') && (1..=hashes).all(|i| self.peek_at(i) == Some(b'#')) {
                self.pos += 1 + hashes;
                return;
            }
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text<'a>(src: &'a str, path: &[Seg]) -> &'a str {
        &src[SpanTree::parse(src).locate(src, path)]
    }

    #[test]
    fn finds_nested_fields_items_and_keys() {
        let src = r##"#![enable(implicit_some)]
// a comment with "quotes" and (parens)
Scenario(
    id: "x", /* block /* nested */ */
    nodes: [
        (id: "a", choices: [Choice(next: "b", effects: {"trust": -5})]),
        Node(id: "b", when: [AtLeast("trust", 50)], text: r#"raw "quoted""#),
    ],
)"##;
        use Seg::*;
        assert_eq!(text(src, &[Field("id")]), "\"x\"");
        let choice = [Field("nodes"), Index(0), Field("choices"), Index(0)];
        assert_eq!(
            text(src, &[&choice[..], &[Field("next")]].concat()),
            "\"b\""
        );
        let key = [&choice[..], &[Field("effects"), Key("trust")]].concat();
        assert_eq!(text(src, &key), "\"trust\"");
        let cond = [Field("nodes"), Index(1), Field("when"), Index(0), Index(1)];
        assert_eq!(text(src, &cond), "50");
        let raw = [Field("nodes"), Index(1), Field("text")];
        assert_eq!(text(src, &raw), "r#\"raw \"quoted\"\"#");
    }

    #[test]
    fn a_tree_for_some_paths_finds_them_as_the_whole_tree_does() {
        let src = r#"(nodes: [(id: "a", x: [1, 2]), (id: "b", m: {"k": (v: 3)})], end: "z")"#;
        use Seg::*;
        let paths: [&[Seg]; 3] = [
            &[Field("nodes"), Index(1), Field("m"), Key("k"), Field("v")],
            &[Field("end")],
            &[Field("nodes"), Index(0), Field("missing")],
        ];
        let whole = SpanTree::parse(src);
        let some = SpanTree::parse_for(src, &paths);
        for path in paths {
            assert_eq!(some.locate(src, path), whole.locate(src, path));
        }
        assert_eq!(&src[some.locate(src, paths[0])], "\"k\"");
        assert_eq!(&src[some.locate(src, paths[1])], "\"z\"");
        let unwanted = [Field("nodes"), Index(0), Field("x"), Index(1)];
        assert_eq!(&src[some.locate(src, &unwanted)], "[1, 2]");
    }

    #[test]
    fn stops_at_the_deepest_existing_value() {
        let src = "(nodes: [(id: \"a\")])";
        let path = [Seg::Field("nodes"), Seg::Index(0), Seg::Field("choices")];
        assert_eq!(text(src, &path), "(id: \"a\")");
    }
}
