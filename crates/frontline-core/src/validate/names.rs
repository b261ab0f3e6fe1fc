//! References by name (a `next`, a meter, a flag, a persona, a condition)
//! resolved to indices, with "did you mean" for a name that isn't there.

use std::collections::{BTreeMap, HashMap};

use super::report::{Known, Reporter, known_targets};
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
        resolve(&mut self.report, &self.meters, &METER, (at, tail), id)
    }

    /// The flag named at `at` + `tail`.
    pub(super) fn flag(&mut self, at: &[Seg], tail: &[Seg], id: &str) -> usize {
        resolve(&mut self.report, &self.flags, &FLAG, (at, tail), id)
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
        let name = [Seg::Field("when"), Seg::Index(i), Seg::Index(0)];
        resolve(&mut self.report, &self.personas, &PERSONA, (at, &name), id)
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

/// A kind of name a scenario declares and refers to.
struct Kind {
    what: &'static str,
    /// Introduces the list of those declared.
    listed: &'static str,
    /// The help when no declared name is near.
    otherwise: Option<&'static str>,
}

const METER: Kind = Kind {
    what: "meter",
    listed: "the meters are",
    otherwise: None,
};

const FLAG: Kind = Kind {
    what: "flag",
    listed: "the flags declared are",
    otherwise: Some("declare it in `flags: [...]` at the top of the file"),
};

const PERSONA: Kind = Kind {
    what: "persona",
    listed: "the personas are",
    otherwise: Some("add it to the customer's `personas: [...]`"),
};

/// The index `id` has in `table`, or an error at `at` + `tail` that names the
/// nearest declared name and lists them all. The two parts of the place are
/// joined only for an error: a valid file has many places and no errors.
fn resolve(
    report: &mut Reporter,
    table: &HashMap<String, usize>,
    kind: &Kind,
    (at, tail): (&[Seg], &[Seg]),
    id: &str,
) -> usize {
    if let Some(&index) = table.get(id) {
        return index;
    }
    let known = Known {
        names: table.keys().map(String::as_str).collect(),
        what: kind.listed,
        otherwise: kind.otherwise,
    };
    let message = format!("unknown {} `{id}`", kind.what);
    report.unknown(&[at, tail].concat(), message, id, known);
    UNRESOLVED
}
