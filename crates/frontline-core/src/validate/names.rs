//! References by name (a `next`, a meter, a flag, a persona, a condition)
//! resolved to indices, with "did you mean" for a name that isn't there.

use std::collections::BTreeMap;

use super::report::{Known, known_targets};
use super::{UNRESOLVED, Validator};
use crate::format::Condition as ConditionFile;
use crate::locate::Seg;
use crate::scenario::{Condition, Target};

impl Validator<'_> {
    /// The `next` field of the item at `at`.
    pub(super) fn target(&mut self, at: &[Seg], id: &str) -> Target {
        match self.targets.get(id) {
            Some(target) => *target,
            None => {
                let message = format!("no node or ending has the id `{id}`");
                let path = [at, &[Seg::Field("next")]].concat();
                let known = known_targets(&self.targets);
                self.report.unknown(&path, message, id, known);
                Target::Node(UNRESOLVED)
            }
        }
    }

    /// The meter named at `at` + `tail`.
    pub(super) fn meter(&mut self, at: &[Seg], tail: &[Seg], id: &str) -> usize {
        match self.meters.get(id) {
            Some(m) => *m,
            None => {
                let known = Known {
                    names: self.meters.keys().map(String::as_str).collect(),
                    what: "the meters are",
                    otherwise: None,
                };
                let message = format!("unknown meter `{id}`");
                self.report
                    .unknown(&[at, tail].concat(), message, id, known);
                UNRESOLVED
            }
        }
    }

    /// The flag named at `at` + `tail`.
    pub(super) fn flag(&mut self, at: &[Seg], tail: &[Seg], id: &str) -> usize {
        match self.flags.get(id) {
            Some(f) => *f,
            None => {
                let known = Known {
                    names: self.flags.keys().map(String::as_str).collect(),
                    what: "the flags declared are",
                    otherwise: Some("declare it in `flags: [...]` at the top of the file"),
                };
                let message = format!("unknown flag `{id}`");
                self.report
                    .unknown(&[at, tail].concat(), message, id, known);
                UNRESOLVED
            }
        }
    }

    /// The flags listed in field `field` of the item at `at`.
    pub(super) fn flag_list(&mut self, at: &[Seg], field: &str, ids: &[String]) -> Vec<usize> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| self.flag(at, &[Seg::Field(field), Seg::Index(i)], id))
            .collect()
    }

    /// The meters changed in field `field` of the item at `at`.
    pub(super) fn meter_map(
        &mut self,
        at: &[Seg],
        field: &str,
        map: &BTreeMap<String, i32>,
    ) -> Vec<(usize, i32)> {
        map.iter()
            .map(|(id, delta)| {
                (
                    self.meter(at, &[Seg::Field(field), Seg::Key(id)], id),
                    *delta,
                )
            })
            .collect()
    }

    /// The persona named by condition `i` of the item at `at`.
    pub(super) fn persona(&mut self, at: &[Seg], i: usize, id: &str) -> usize {
        match self.personas.get(id) {
            Some(p) => *p,
            None => {
                let known = Known {
                    names: self.personas.keys().map(String::as_str).collect(),
                    what: "the personas are",
                    otherwise: Some("add it to the customer's `personas: [...]`"),
                };
                let name = [Seg::Field("when"), Seg::Index(i), Seg::Index(0)];
                let message = format!("unknown persona `{id}`");
                self.report
                    .unknown(&[at, &name].concat(), message, id, known);
                UNRESOLVED
            }
        }
    }

    /// The `when` field of the item at `at`, which is not a line variant.
    pub(super) fn conditions(
        &mut self,
        at: &[Seg],
        conditions: &[ConditionFile],
    ) -> Vec<Condition> {
        let mut resolved = Vec::with_capacity(conditions.len());
        for (i, c) in conditions.iter().enumerate() {
            resolved.extend(self.condition(at, i, c));
        }
        resolved
    }

    /// Condition `i` of the `when` field of the item at `at`; `None` for a
    /// `Persona`, which is reported: only a line variant may test it.
    pub(super) fn condition(
        &mut self,
        at: &[Seg],
        i: usize,
        c: &ConditionFile,
    ) -> Option<Condition> {
        let name = [Seg::Field("when"), Seg::Index(i), Seg::Index(0)];
        Some(match c {
            ConditionFile::Flag(f) => Condition::Flag(self.flag(at, &name, f)),
            ConditionFile::NotFlag(f) => Condition::NotFlag(self.flag(at, &name, f)),
            ConditionFile::AtLeast(m, v) => Condition::AtLeast(self.meter(at, &name, m), *v),
            ConditionFile::Below(m, v) => Condition::Below(self.meter(at, &name, m), *v),
            ConditionFile::Persona(_) => {
                self.report.error_helped(
                    &[at, &[Seg::Field("when"), Seg::Index(i)]].concat(),
                    "only a line variant can depend on the persona".into(),
                    "give the persona a flag (`flags: [...]` in its `Persona`) and test `Flag(...)` here",
                );
                return None;
            }
        })
    }
}
