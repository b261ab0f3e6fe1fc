//! The common mistakes behind a syntax error `ron` reports, each explained
//! with the edit that fixes it: a `"` inside text, a decimal number, a `#`
//! comment, curly or single quotes, quoted names, a list without `[...]`, a
//! missing comma, an unclosed bracket, a mistyped field or name.

use std::ops::Range;

use ron::error::Error;
use serde::de::DeserializeOwned;

use super::scan::{Kind, Token, Tokens, closer};
use crate::diagnostic::Edit;
use crate::format::{Better, ChoiceOrder, Difficulty, Outcome, Speaker};
use crate::practice::Practice;
use crate::suggest::{list, nearest};

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
    fn new(span: Range<usize>, message: impl Into<String>) -> Hint {
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

    fn fix(mut self, help: impl Into<String>, edits: Vec<Edit>, repair: Repair) -> Hint {
        self.help = Some(help.into());
        self.edits = edits;
        self.repair = repair;
        self
    }
}

/// Explains the error `code` that `ron` reports at `span` of the text.
pub fn explain(t: &Tokens, code: &Error, span: Range<usize>) -> Hint {
    let at = span.start;
    comment(t, code, at)
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

/// `# note`: comments start with `//`.
fn comment(t: &Tokens, code: &Error, at: usize) -> Option<Hint> {
    let text = t.text;
    let hash = if text[at..].starts_with('#') {
        at
    } else if matches!(code, Error::ExpectedAttribute) && text[..at].ends_with('#') {
        at - 1
    } else {
        return None;
    };
    if text[hash..].starts_with("#![") {
        return None;
    }
    let span = hash..hash + 1;
    let hint = Hint::new(span.clone(), "`#` does not start a comment");
    Some(hint.fix(
        "comments start with `//`",
        vec![Edit::new(span, "//")],
        Repair::Fix,
    ))
}

/// Whether `rest` of a line may follow a value: nothing, a comment, or
/// what ends the value.
fn ends_value(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with([',', ')', ']', '}']) || rest.starts_with("//")
}

/// The end of the line that byte `at` is on.
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i)
}

/// Edits putting `\` before each `"` of `range` that has none.
fn escape_quotes(text: &str, range: Range<usize>) -> Vec<Edit> {
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

/// `“text”` or `'text'`: text is written in straight double quotes.
fn quotes(t: &Tokens, at: usize) -> Option<Hint> {
    let text = t.text;
    let at = text.len() - text[at..].trim_start().len();
    let open = text[at..].chars().next()?;
    let family: &[char] = match open {
        '“' | '”' | '„' | '‟' | '«' | '»' => &['“', '”', '„', '‟', '«', '»'],
        '‘' | '’' | '‚' | '\'' => &['‘', '’', '‚', '\''],
        _ => return None,
    };
    let (single, curly) = (open == '\'', open != '\'');
    let message = if single {
        "text is written in double quotes `\"`, not single quotes"
    } else {
        "text is written in straight quotes `\"`, not curly quotes"
    };
    let span = at..at + open.len_utf8();
    let hint = Hint::new(span.clone(), message);
    let end = line_end(text, at);
    // The closing quote: the last of the line that ends the value, so that
    // an apostrophe inside the text is not taken for it.
    let close = text[span.end..end]
        .char_indices()
        .map(|(i, c)| (span.end + i, c))
        .rev()
        .find(|&(i, c)| family.contains(&c) && ends_value(&text[i + c.len_utf8()..end]));
    let Some((close, quote)) = close else {
        return Some(hint);
    };
    let mut edits = vec![Edit::new(span.clone(), "\"")];
    edits.extend(escape_quotes(text, span.end..close));
    edits.push(Edit::new(close..close + quote.len_utf8(), "\""));
    let help = if curly {
        "replace the curly quotes with straight ones"
    } else {
        "replace the single quotes with double ones"
    };
    Some(hint.fix(help, edits, Repair::Fix))
}

/// The names a field takes, when it takes names (enum variants), as the
/// types themselves list them.
fn names_of(field: &str) -> Option<&'static [&'static str]> {
    fn of<T: DeserializeOwned>() -> Option<&'static [&'static str]> {
        match ron::from_str::<T>("NoSuchName") {
            Err(ron::error::SpannedError {
                code: Error::NoSuchEnumVariant { expected, .. },
                ..
            }) => Some(expected),
            _ => None,
        }
    }
    match field {
        "tags" => of::<Practice>(),
        "outcome" => of::<Outcome>(),
        "speaker" => of::<Speaker>(),
        "difficulty" => of::<Difficulty>(),
        "better" => of::<Better>(),
        "order" => of::<ChoiceOrder>(),
        _ => None,
    }
}

/// `tags: ["Listen"]`, `outcome: "Promoter"`: names are written without quotes.
fn quoted_names(t: &Tokens, code: &Error, at: usize) -> Option<Hint> {
    if !matches!(code, Error::ExpectedIdentifier) {
        return None;
    }
    let i = t.index_at(at);
    let token = t
        .list
        .get(i)
        .filter(|s| s.kind == Kind::Str && s.span.start == at)?;
    let field = t.field_of(i)?;
    let names = names_of(field)?;
    let mut hint = Hint::new(
        token.span.clone(),
        format!("`{field}` takes names, written without quotes"),
    );
    hint.notes
        .push(format!("`{field}` takes {}", list(names.iter().copied())));
    let mut edits = Vec::new();
    for item in quoted_items(t, i) {
        let inner = t.text_of(item).trim_matches('"');
        let name = names.iter().find(|&&n| n == inner).copied();
        let name = name.or_else(|| nearest(inner, names.iter().copied()))?;
        edits.push(Edit::new(item.span.clone(), name));
    }
    Some(hint.fix("remove the quotes", edits, Repair::Fix))
}

/// The strings of the list that token `i` is in, or token `i` alone.
fn quoted_items<'t>(t: &'t Tokens, i: usize) -> Vec<&'t Token> {
    let in_list = i > 0 && matches!(t.list[i - 1].kind, Kind::Open(b'[') | Kind::Comma);
    if !in_list {
        return vec![&t.list[i]];
    }
    let start = (0..i)
        .rev()
        .find(|&j| t.list[j].kind == Kind::Open(b'['))
        .unwrap_or(i);
    t.list[start + 1..]
        .iter()
        .take_while(|s| matches!(s.kind, Kind::Str | Kind::Comma | Kind::Ident))
        .filter(|s| s.kind == Kind::Str)
        .collect()
}

/// `2.5` where a whole number is wanted.
fn decimal(t: &Tokens, at: usize) -> Option<Hint> {
    let token = t
        .at(at)
        .filter(|n| n.kind == Kind::Number && n.span.start < at)?;
    let written = t.text_of(token);
    let value: f64 = written.replace('_', "").parse().ok()?;
    let whole = value.round();
    if !written.contains('.') || whole.abs() > f64::from(i32::MAX) {
        return None;
    }
    let hint = Hint::new(
        token.span.clone(),
        format!("`{written}` is not a whole number"),
    );
    Some(hint.fix(
        format!("meter values are whole numbers: write `{whole}`"),
        vec![Edit::new(token.span.clone(), format!("{whole}"))],
        Repair::Fix,
    ))
}

/// `"He said "hi""`: a `"` inside text ends it early.
fn inner_quote(t: &Tokens, at: usize) -> Option<Hint> {
    let i = t.index_at(at);
    let before = t.list[..i].last()?;
    let after = t.list.get(i)?;
    let text = t.text;
    if before.kind != Kind::Str
        || before.span.end != after.span.start
        || !text[before.span.clone()].starts_with('"')
        || matches!(after.kind, Kind::Comma | Kind::Close(_) | Kind::Colon)
    {
        return None;
    }
    let end = line_end(text, at);
    let close = text[at..end]
        .char_indices()
        .map(|(j, _)| at + j)
        .rev()
        .find(|&j| text[j..].starts_with('"') && ends_value(&text[j + 1..end]))?;
    let early = before.span.end - 1;
    let hint = Hint::new(early..early + 1, "this `\"` ends the text too early");
    let edits = escape_quotes(text, before.span.start + 1..close);
    Some(hint.fix("write `\\\"` for a quote inside text", edits, Repair::Fix))
}

/// A bracket never closed: at the end of the file, before a closer of
/// another kind, or before a field inside a list.
fn unclosed(t: &Tokens, code: &Error, at: usize) -> Option<Hint> {
    let i = t.index_at(at);
    let open = t.open_before(i);
    let &top = open.last()?;
    let Kind::Open(bracket) = t.list[top].kind else {
        return None;
    };
    let close = closer(bracket) as char;
    let describe = |o: usize| {
        let Kind::Open(b) = t.list[o].kind else {
            return String::new();
        };
        match t.owner(o) {
            Some(name) => format!("the `{}` of `{name}`", b as char),
            None => format!("this `{}`", b as char),
        }
    };
    let end_of_file = matches!(code, Error::Eof) || i >= t.list.len();
    if end_of_file {
        let closers: String = open
            .iter()
            .rev()
            .filter_map(|&o| match t.list[o].kind {
                Kind::Open(b) => Some(closer(b) as char),
                _ => None,
            })
            .collect();
        let mut hint = Hint::new(
            t.list[top].span.clone(),
            format!("{} is never closed", describe(top)),
        );
        for &o in open.iter().rev().skip(1) {
            hint.labels.push((
                t.list[o].span.clone(),
                format!("{} is not closed either", describe(o)),
            ));
        }
        let last = t.list.last()?.span.end;
        hint.labels.push((last..last, "the file ends here".into()));
        return Some(hint.fix(
            format!("close it with `{closers}`"),
            vec![Edit::insert(last, closers)],
            Repair::Guess,
        ));
    }
    let next = &t.list[i];
    let label = match next.kind {
        Kind::Close(c) if c as char != close => {
            if !open
                .iter()
                .any(|&o| t.list[o].kind == Kind::Open(super::scan::opener(c)))
            {
                return None;
            }
            format!("expected `{close}` before this `{}`", c as char)
        }
        _ if bracket != b'(' && t.is_field(i) => {
            format!("expected `{close}` before the field `{}`", t.text_of(next))
        }
        _ => return None,
    };
    // Close it after the last value, before its trailing comma.
    let mut last = i - 1;
    if t.list[last].kind == Kind::Comma && last > top + 1 {
        last -= 1;
    }
    let insert = t.list[last].span.end;
    let mut hint = Hint::new(
        t.list[top].span.clone(),
        format!("{} is never closed", describe(top)),
    );
    hint.labels.push((next.span.clone(), label));
    Some(hint.fix(
        format!("close it with `{close}`"),
        vec![Edit::insert(insert, close.to_string())],
        Repair::Guess,
    ))
}

/// Two values or fields with no comma between them.
fn missing_comma(t: &Tokens, code: &Error, at: usize) -> Option<Hint> {
    if !matches!(
        code,
        Error::ExpectedComma
            | Error::ExpectedArrayEnd
            | Error::ExpectedMapEnd
            | Error::ExpectedStructLikeEnd
    ) {
        return None;
    }
    let i = t.index_at(at);
    let next = t.list.get(i)?;
    let before = t.list[..i].last()?;
    if !matches!(
        next.kind,
        Kind::Str | Kind::Ident | Kind::Number | Kind::Open(_)
    ) || matches!(before.kind, Kind::Comma | Kind::Open(_) | Kind::Colon)
    {
        return None;
    }
    let insert = before.span.end;
    let message = if t.is_field(i) {
        format!("a `,` is missing before the field `{}`", t.text_of(next))
    } else {
        "a `,` is missing between two values".to_string()
    };
    let hint = Hint::new(insert..insert, message);
    Some(hint.fix("add a `,`", vec![Edit::insert(insert, ",")], Repair::Fix))
}

/// `tags: Listen` where a list is wanted: `tags: [Listen]`.
fn not_a_list(t: &Tokens, code: &Error, at: usize) -> Option<Hint> {
    if !matches!(code, Error::ExpectedArray) {
        return None;
    }
    let first = t.index_at(at);
    let field = t.field_of(first)?;
    let mut depth = 0usize;
    let (mut end, mut values) = (None, 0);
    for j in first..t.list.len() {
        let token = &t.list[j];
        match token.kind {
            Kind::Close(_) if depth == 0 => break,
            Kind::Comma if depth == 0 => continue,
            _ if depth == 0 && t.is_field(j) => break,
            Kind::Open(_) => depth += 1,
            Kind::Close(_) => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            values += 1;
            end = Some(token.span.end);
        }
    }
    let (start, end) = (t.list[first].span.start, end?);
    let hint = Hint::new(
        start..end,
        format!("`{field}` takes a list, written in `[...]`"),
    );
    let help = if values > 1 {
        "put the values in `[...]`"
    } else {
        "put the value in `[...]`"
    };
    Some(hint.fix(
        help,
        vec![Edit::insert(start, "["), Edit::insert(end, "]")],
        Repair::Fix,
    ))
}

/// A field, a name or a struct that does not exist: "did you mean …?".
fn unknown_name(t: &Tokens, code: &Error, span: Range<usize>) -> Option<Hint> {
    let (message, found, known, listed): (String, &str, &[&str], String) = match code {
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let outer = outer.as_deref().unwrap_or("this struct");
            let message = format!("`{outer}` has no field `{found}`");
            let listed = format!(
                "`{outer}` has the fields {}",
                list(expected.iter().copied())
            );
            (message, found.as_str(), *expected, listed)
        }
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = match outer.as_deref() {
                Some("Practice") => "practice tag".to_string(),
                Some(other) => other.to_lowercase(),
                None => "name".to_string(),
            };
            let message = format!("unknown {what} `{found}`");
            let listed = format!("the {what}s are {}", list(expected.iter().copied()));
            (message, found.as_str(), *expected, listed)
        }
        Error::ExpectedDifferentStructName { expected, found } => {
            let message = format!("expected `{expected}` here, not `{found}`");
            (
                message,
                found.as_str(),
                std::slice::from_ref(expected),
                String::new(),
            )
        }
        Error::MissingStructField { field, outer } => {
            let outer = outer.as_deref().unwrap_or("this struct");
            let hint = Hint::new(span, format!("`{outer}` is missing its `{field}` field"));
            return Some(Hint {
                help: Some(format!("add `{field}: …`")),
                ..hint
            });
        }
        _ => return None,
    };
    // The name as written, where `ron` says it is.
    let written = t.text[span.start..].find(found).map(|i| span.start + i);
    let name = written.map_or(span.clone(), |s| s..s + found.len());
    let mut hint = Hint::new(name.clone(), message);
    if !listed.is_empty() {
        hint.notes.push(listed);
    }
    match nearest(found, known.iter().copied()) {
        Some(near) => Some(hint.fix(
            format!("did you mean `{near}`?"),
            vec![Edit::new(name, near)],
            Repair::Fix,
        )),
        None => Some(hint),
    }
}
