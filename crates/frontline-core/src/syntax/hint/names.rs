//! Mistakes in names: quoted where a name is wanted, or one that does not
//! exist ("did you mean …?").

use std::ops::Range;

use ron::error::Error;
use serde::de::DeserializeOwned;

use super::{Hint, Repair};
use crate::diagnostic::Edit;
use crate::format::{Better, ChoiceOrder, Difficulty, Outcome, Speaker};
use crate::practice::Practice;
use crate::suggest::{list, nearest};
use crate::syntax::scan::{Kind, Token, Tokens};

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
pub(super) fn quoted_names(t: &Tokens, code: &Error, at: usize) -> Option<Hint> {
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

/// A field, a name or a struct that does not exist: "did you mean …?".
pub(super) fn unknown_name(t: &Tokens, code: &Error, span: Range<usize>) -> Option<Hint> {
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
