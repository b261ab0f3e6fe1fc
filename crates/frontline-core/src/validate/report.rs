//! Where a problem is in the file, and the diagnostic that says it.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::Shown;
use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::locate::{Seg, SpanTree};
use crate::scenario::Target;

pub(super) struct Reporter<'a> {
    pub path: &'a Path,
    pub shown: Shown<'a>,
    /// Parsed on the first problem: a valid file never needs it.
    pub tree: Option<SpanTree>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Reporter<'_> {
    /// Where the value at `path` is written in the file.
    pub(super) fn span(&mut self, path: &[Seg]) -> Range<usize> {
        let text = self.shown.text;
        let tree = self.tree.get_or_insert_with(|| SpanTree::parse(text));
        let span = tree.locate(text, path);
        (self.shown.original)(span.start)..(self.shown.original)(span.end)
    }

    pub(super) fn diagnostic(&mut self, path: &[Seg], message: String) -> Diagnostic {
        let span = self.span(path);
        Diagnostic::at(Severity::Error, self.path, self.shown.source, span, message)
    }

    pub(super) fn error(&mut self, path: &[Seg], message: String) {
        let diagnostic = self.diagnostic(path, message);
        self.diagnostics.push(diagnostic);
    }

    /// An error with a `help:` that says the fix.
    pub(super) fn error_helped(&mut self, path: &[Seg], message: String, help: &str) {
        let diagnostic = self.diagnostic(path, message).help(help);
        self.diagnostics.push(diagnostic);
    }

    /// An error for the unknown `name` at `path`, with the nearest of `known`
    /// as the help ("did you mean …?") or else `otherwise`, and `known`
    /// listed as `what`.
    pub(super) fn unknown(&mut self, path: &[Seg], message: String, name: &str, known: Known) {
        let source = self.shown.source;
        let span = self.span(path);
        let mut d = Diagnostic::at(Severity::Error, self.path, source, span.clone(), message);
        // The name inside its quotes.
        let inner = source
            .get(span.clone())
            .filter(|s| s.len() >= 2 && s.starts_with('"') && s.ends_with('"'))
            .map_or(span.clone(), |_| span.start + 1..span.end - 1);
        let mut names = known.names;
        names.sort_unstable();
        d = match crate::suggest::nearest(name, names.iter().copied()) {
            Some(near) => d.fix(
                source,
                format!("did you mean `{near}`?"),
                vec![Edit::new(inner, near)],
            ),
            None => match known.otherwise {
                Some(advice) => d.help(advice),
                None => d,
            },
        };
        let listed = crate::suggest::list(names.iter().copied());
        self.diagnostics
            .push(d.note(format!("{}: {listed}", known.what)));
    }

    /// An error at `at` followed by `tail`: the two are joined only when
    /// there is an error, since a valid file has many places and no errors.
    pub(super) fn error_in(&mut self, at: &[Seg], tail: &[Seg], message: String) {
        self.error(&[at, tail].concat(), message);
    }

    pub(super) fn text(&mut self, path: &[Seg], what: &str, text: &str) {
        self.text_in(path, &[], what, text);
    }

    pub(super) fn text_in(&mut self, at: &[Seg], tail: &[Seg], what: &str, text: &str) {
        if text.trim().is_empty() {
            self.error_in(at, tail, format!("{what} is empty"));
        }
    }

    /// Registers each id of `ids` in `table`, reporting empty and duplicate
    /// ones; `first_at` finds where an id already in `table` is defined.
    pub(super) fn ids<'i, T>(
        &mut self,
        table: &mut HashMap<String, T>,
        list: IdList,
        ids: impl IntoIterator<Item = &'i str>,
        value: impl Fn(usize) -> T,
        first_at: impl Fn(&T) -> Vec<Seg<'static>>,
    ) {
        let what = list.what;
        for (i, id) in ids.into_iter().enumerate() {
            let path = list.path(i);
            if id.trim().is_empty() {
                self.error(&path, format!("{what} id is empty"));
            } else if let Some(first) = table.get(id) {
                let first = self.span(&first_at(first));
                let d = self.diagnostic(&path, format!("duplicate {what} id `{id}`"));
                let d = d.label(self.shown.source, first, "first defined here");
                self.diagnostics.push(d);
            } else {
                table.insert(id.to_string(), value(i));
            }
        }
    }
}

/// Where a list of ids is in the file (`nodes[i].id`, `flags[i]`), and

#[derive(Clone, Copy)]
pub(super) struct IdList {
    pub list: &'static [Seg<'static>],
    pub field: Option<&'static str>,
    pub what: &'static str,
}

impl IdList {
    pub(super) fn path(&self, i: usize) -> Vec<Seg<'static>> {
        let mut path = self.list.to_vec();
        path.push(Seg::Index(i));
        if let Some(field) = self.field {
            path.push(Seg::Field(field));
        }
        path
    }
}

pub(super) struct Known<'a> {
    pub names: Vec<&'a str>,
    /// What they are, for the note that lists them.
    pub what: &'a str,
    /// The help when none is near.
    pub otherwise: Option<&'a str>,
}

/// The nodes and endings, for a `next` or `start` that names none.
pub(super) fn known_targets(targets: &HashMap<String, Target>) -> Known<'_> {
    Known {
        names: targets.keys().map(String::as_str).collect(),
        what: "the nodes and endings are",
        otherwise: None,
    }
}
