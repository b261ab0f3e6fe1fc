//! Mistakes in a file's structure: a bracket never closed, a missing comma,
//! a list written without `[...]`.

use ron::error::Error;

use super::{Hint, Repair};
use crate::diagnostic::Edit;
use crate::syntax::scan::{Kind, Tokens, closer, opener};

/// A file with nothing but blanks and comments.
pub(super) fn no_scenario(t: &Tokens, code: &Error, at: usize) -> Option<Hint> {
    if !(matches!(code, Error::ExpectedNamedStructLike(_) | Error::Eof) && t.list.is_empty()) {
        return None;
    }
    let end = t.text.len().max(at);
    let hint = Hint::new(end..end, "the file holds no scenario");
    Some(Hint {
        help: Some("write `Scenario(...)`, or start from the file `frontline new` writes".into()),
        ..hint
    })
}

/// A bracket never closed: at the end of the file, before a closer of
/// another kind, or before a field inside a list.
pub(super) fn unclosed(t: &Tokens, code: &Error, at: usize) -> Option<Hint> {
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
                .any(|&o| t.list[o].kind == Kind::Open(opener(c)))
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
pub(super) fn missing_comma(t: &Tokens, code: &Error, at: usize) -> Option<Hint> {
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
pub(super) fn not_a_list(t: &Tokens, code: &Error, at: usize) -> Option<Hint> {
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
