//! Mistakes in how text and numbers are written: a `#` comment, curly or
//! single quotes, a `"` inside text, a decimal number.

use ron::error::Error;

use super::{Hint, Repair, ends_value, escape_quotes, line_end};
use crate::diagnostic::Edit;
use crate::syntax::scan::{Kind, Tokens};

/// `# note`: comments start with `//`.
pub(super) fn comment(t: &Tokens, code: &Error, at: usize) -> Option<Hint> {
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

/// `“text”` or `'text'`: text is written in straight double quotes.
pub(super) fn quotes(t: &Tokens, at: usize) -> Option<Hint> {
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

/// `2.5` where a whole number is wanted.
pub(super) fn decimal(t: &Tokens, at: usize) -> Option<Hint> {
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
pub(super) fn inner_quote(t: &Tokens, at: usize) -> Option<Hint> {
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
