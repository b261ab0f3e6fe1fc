//! Turns a parsed [`ScenarioFile`] into a [`Scenario`], reporting every problem
//! at once with its place in the file.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::format::{
    ChoiceFile, Condition as ConditionFile, EventFile, NodeFile, RouteFile, ScenarioFile,
    VariantFile,
};
use crate::locate::{Seg, SpanTree};
use crate::scenario::{
    Choice, Condition, Customer, Ending, Event, Meter, Node, Persona, Route, Scenario, Target,
    Variant,
};

/// Validates `file`, parsed from `source` at `path`.
pub fn validate(
    path: &Path,
    source: &str,
    file: ScenarioFile,
) -> Result<Scenario, Vec<Diagnostic>> {
    let shown = Shown {
        source,
        text: source,
        original: &|at| at,
    };
    validate_shown(path, shown, file)
}

/// A file as written, and the text that was parsed from it: the same, or a
/// copy with its syntax mistakes fixed.
pub struct Shown<'a> {
    pub source: &'a str,
    pub text: &'a str,
    /// Where a byte of `text` is in `source`.
    pub original: &'a dyn Fn(usize) -> usize,
}

/// Validates `file`, parsed from `shown.text`, reporting places in `shown.source`.
pub fn validate_shown(
    path: &Path,
    shown: Shown,
    file: ScenarioFile,
) -> Result<Scenario, Vec<Diagnostic>> {
    let mut v = Validator {
        report: Reporter {
            path,
            shown,
            tree: None,
            diagnostics: Vec::new(),
        },
        meters: HashMap::new(),
        flags: HashMap::new(),
        personas: HashMap::new(),
        targets: HashMap::new(),
    };
    let scenario = v.scenario(file);
    let mut diagnostics = v.report.diagnostics;
    if diagnostics.is_empty() {
        return Ok(scenario);
    }
    diagnostics.sort_by_key(|d| (d.line, d.column));
    Err(diagnostics)
}

struct Reporter<'a> {
    path: &'a Path,
    shown: Shown<'a>,
    /// Parsed on the first problem: a valid file never needs it.
    tree: Option<SpanTree>,
    diagnostics: Vec<Diagnostic>,
}

struct Validator<'a> {
    report: Reporter<'a>,
    meters: HashMap<String, usize>,
    flags: HashMap<String, usize>,
    personas: HashMap<String, usize>,
    targets: HashMap<String, Target>,
}

/// Stand-in for an unresolved reference; never seen, since a scenario with a
/// diagnostic is never returned.
const UNRESOLVED: usize = usize::MAX;

impl Reporter<'_> {
    /// Where the value at `path` is written in the file.
    fn span(&mut self, path: &[Seg]) -> Range<usize> {
        let text = self.shown.text;
        let tree = self.tree.get_or_insert_with(|| SpanTree::parse(text));
        let span = tree.locate(text, path);
        (self.shown.original)(span.start)..(self.shown.original)(span.end)
    }

    fn diagnostic(&mut self, path: &[Seg], message: String) -> Diagnostic {
        let span = self.span(path);
        Diagnostic::at(Severity::Error, self.path, self.shown.source, span, message)
    }

    fn error(&mut self, path: &[Seg], message: String) {
        let diagnostic = self.diagnostic(path, message);
        self.diagnostics.push(diagnostic);
    }

    /// An error with a `help:` that says the fix.
    fn error_helped(&mut self, path: &[Seg], message: String, help: &str) {
        let diagnostic = self.diagnostic(path, message).help(help);
        self.diagnostics.push(diagnostic);
    }

    /// An error for the unknown `name` at `path`, with the nearest of `known`
    /// as the help ("did you mean …?") or else `otherwise`, and `known`
    /// listed as `what`.
    fn unknown(&mut self, path: &[Seg], message: String, name: &str, known: Known) {
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
    fn error_in(&mut self, at: &[Seg], tail: &[Seg], message: String) {
        self.error(&[at, tail].concat(), message);
    }

    fn text(&mut self, path: &[Seg], what: &str, text: &str) {
        self.text_in(path, &[], what, text);
    }

    fn text_in(&mut self, at: &[Seg], tail: &[Seg], what: &str, text: &str) {
        if text.trim().is_empty() {
            self.error_in(at, tail, format!("{what} is empty"));
        }
    }

    /// Registers each id of `ids` in `table`, reporting empty and duplicate
    /// ones; `first_at` finds where an id already in `table` is defined.
    fn ids<'i, T>(
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
/// what they name.
#[derive(Clone, Copy)]
struct IdList {
    list: &'static [Seg<'static>],
    field: Option<&'static str>,
    what: &'static str,
}

impl IdList {
    fn path(&self, i: usize) -> Vec<Seg<'static>> {
        let mut path = self.list.to_vec();
        path.push(Seg::Index(i));
        if let Some(field) = self.field {
            path.push(Seg::Field(field));
        }
        path
    }
}

/// The names an unknown one may have meant.
struct Known<'a> {
    names: Vec<&'a str>,
    /// What they are, for the note that lists them.
    what: &'a str,
    /// The help when none is near.
    otherwise: Option<&'a str>,
}

impl Validator<'_> {
    fn scenario(&mut self, f: ScenarioFile) -> Scenario {
        use Seg::Field;
        self.report.text(&[Field("id")], "scenario id", &f.id);
        self.report.text(&[Field("title")], "title", &f.title);
        self.report.text(&[Field("summary")], "summary", &f.summary);
        self.report
            .text(&[Field("briefing")], "briefing", &f.briefing);

        if f.meters.is_empty() {
            self.report.error(
                &[Field("meters")],
                "a scenario needs at least one meter".into(),
            );
        }
        let report = &mut self.report;
        let list = |list, field, what| IdList { list, field, what };
        let meters = list(&[Field("meters")], Some("id"), "meter");
        let meter_ids = f.meters.iter().map(|m| m.id.as_str());
        report.ids(
            &mut self.meters,
            meters,
            meter_ids,
            |i| i,
            |&i| meters.path(i),
        );
        let flags = list(&[Field("flags")], None, "flag");
        let flag_ids = f.flags.iter().map(String::as_str);
        report.ids(&mut self.flags, flags, flag_ids, |i| i, |&i| flags.path(i));
        let nodes = list(&[Field("nodes")], Some("id"), "node");
        let endings = list(&[Field("endings")], Some("id"), "node or ending");
        let target_at = |t: &Target| match *t {
            Target::Node(i) => nodes.path(i),
            Target::Ending(i) => endings.path(i),
        };
        let (targets, node_ids) = (&mut self.targets, f.nodes.iter().map(|n| n.id.as_str()));
        report.ids(targets, nodes, node_ids, Target::Node, target_at);
        let ending_ids = f.endings.iter().map(|e| e.id.as_str());
        report.ids(targets, endings, ending_ids, Target::Ending, target_at);

        let meters = f
            .meters
            .into_iter()
            .enumerate()
            .map(|(i, m)| {
                let at = |field| [Field("meters"), Seg::Index(i), Field(field)];
                self.report.text(&at("label"), "meter label", &m.label);
                if m.min >= m.max {
                    self.report.error(
                        &at("max"),
                        format!("meter `{}` needs max above min ({})", m.id, m.min),
                    );
                } else if !(m.min..=m.max).contains(&m.start) {
                    let msg = format!("start {} is outside {}..={}", m.start, m.min, m.max);
                    self.report.error(&at("start"), msg);
                }
                if !(m.weight.is_finite() && m.weight >= 0.0) {
                    self.report.error(
                        &at("weight"),
                        format!("weight {} must be zero or more", m.weight),
                    );
                }
                Meter {
                    id: m.id,
                    label: m.label,
                    start: m.start,
                    min: m.min,
                    max: m.max,
                    better: m.better,
                    weight: m.weight,
                }
            })
            .collect();

        let customer = self.customer(f.customer);
        let start = match self.targets.get(&f.start) {
            Some(Target::Node(n)) => *n,
            Some(Target::Ending(_)) => {
                self.report.error(
                    &[Field("start")],
                    format!("start `{}` is an ending, not a node", f.start),
                );
                UNRESOLVED
            }
            None => {
                let message = format!("start node `{}` does not exist", f.start);
                let known = known_targets(&self.targets);
                self.report
                    .unknown(&[Field("start")], message, &f.start, known);
                UNRESOLVED
            }
        };
        if f.nodes.is_empty() {
            self.report.error(
                &[Field("nodes")],
                "a scenario needs at least one node".into(),
            );
        }
        if f.endings.is_empty() {
            self.report.error(
                &[Field("endings")],
                "a scenario needs at least one ending".into(),
            );
        }
        let nodes = f
            .nodes
            .into_iter()
            .enumerate()
            .map(|(i, n)| self.node(i, n))
            .collect();
        let endings = f
            .endings
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let at = |field| [Field("endings"), Seg::Index(i), Field(field)];
                self.report.text(&at("title"), "ending title", &e.title);
                self.report.text(&at("text"), "ending text", &e.text);
                Ending {
                    id: e.id,
                    title: e.title,
                    text: e.text,
                    outcome: e.outcome,
                }
            })
            .collect();

        Scenario {
            id: f.id,
            title: f.title,
            summary: f.summary,
            difficulty: f.difficulty,
            briefing: f.briefing,
            customer,
            meters,
            flags: f.flags,
            start,
            nodes,
            endings,
        }
    }

    fn customer(&mut self, c: crate::format::CustomerFile) -> Customer {
        use Seg::Field;
        let at = |field| [Field("customer"), Field(field)];
        self.report.text(&at("name"), "customer name", &c.name);
        self.report
            .text(&at("persona"), "customer persona", &c.persona);
        self.report
            .text(&at("expectation"), "customer expectation", &c.expectation);
        self.report
            .text(&at("source"), "expectation source", &c.source);
        let ids = c.personas.iter().map(|p| p.id.as_str());
        let list = at("personas");
        let personas = IdList {
            list: &[Field("customer"), Field("personas")],
            field: Some("id"),
            what: "persona",
        };
        let first_at = |&i: &usize| personas.path(i);
        self.report
            .ids(&mut self.personas, personas, ids, |i| i, first_at);
        let personas = c
            .personas
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let mut at = list.to_vec();
                at.push(Seg::Index(i));
                self.report.text(
                    &[&at[..], &[Field("description")]].concat(),
                    "persona description",
                    &p.description,
                );
                if let Some(name) = &p.name {
                    self.report
                        .text(&[&at[..], &[Field("name")]].concat(), "persona name", name);
                }
                Persona {
                    flags: self.flag_list(&at, "flags", &p.flags),
                    meters: self.meter_map(&at, "meters", &p.meters),
                    id: p.id,
                    name: p.name,
                    description: p.description,
                }
            })
            .collect();
        Customer {
            name: c.name,
            persona: c.persona,
            expectation: c.expectation,
            source: c.source,
            personas,
        }
    }

    fn node(&mut self, index: usize, n: NodeFile) -> Node {
        use Seg::{Field, Index};
        let at = [Field("nodes"), Index(index)];
        let field = |f| [at[0], at[1], Field(f)];
        if n.routes.is_empty() {
            if n.lines.is_empty() {
                self.report
                    .error(&field("lines"), format!("node `{}` has no lines", n.id));
            }
            if n.choices.is_empty() {
                self.report.error(
                    &field("id"),
                    format!("node `{}` is not an ending and has no choices", n.id),
                );
            }
        } else {
            let says = !(n.lines.is_empty() && n.variants.is_empty());
            if says || !(n.choices.is_empty() && n.events.is_empty()) {
                let msg = format!(
                    "node `{}` has routes, so it can't also have lines, variants, choices or events",
                    n.id
                );
                self.report.error(&field("routes"), msg);
            }
            if n.routes.last().is_some_and(|r| !r.when.is_empty()) {
                let last = [at[0], at[1], Field("routes"), Index(n.routes.len() - 1)];
                self.report.error(
                    &last,
                    "the last route must have no conditions, so that one always applies".into(),
                );
            }
        }
        for (i, line) in n.lines.iter().enumerate() {
            self.report
                .text(&[at[0], at[1], Field("lines"), Index(i)], "line", line);
        }
        let variants = n.variants.into_iter().enumerate();
        let variants =
            variants.map(|(i, v)| self.variant(&[at[0], at[1], Field("variants"), Index(i)], v));
        let variants = variants.collect();
        let choices = n.choices.into_iter().enumerate();
        let choices = choices.map(|(i, c)| {
            let at = [at[0], at[1], Field("choices"), Index(i)];
            self.choice(&at, c, n.scored)
        });
        let choices = choices.collect();
        let events = n.events.into_iter().enumerate();
        let events = events.map(|(i, e)| self.event(&[at[0], at[1], Field("events"), Index(i)], e));
        let events = events.collect();
        let routes = n.routes.into_iter().enumerate();
        let routes = routes.map(|(i, r)| self.route(&[at[0], at[1], Field("routes"), Index(i)], r));
        let routes = routes.collect();
        Node {
            id: n.id,
            speaker: n.speaker,
            lines: n.lines,
            variants,
            choices,
            events,
            routes,
            order: n.order,
        }
    }

    /// Choice `c` at `at`, in a node that is `scored` or not.
    fn choice(&mut self, at: &[Seg], c: ChoiceFile, scored: bool) -> Choice {
        use Seg::Field;
        self.report
            .text_in(at, &[Field("text")], "choice text", &c.text);
        self.report
            .text_in(at, &[Field("feedback")], "feedback", &c.feedback);
        let scored = scored && c.scored;
        if !scored && !c.tags.is_empty() {
            self.report.error_helped(
                &[at, &[Field("tags")]].concat(),
                "an unscored choice can't have practice tags: they would count for nothing".into(),
                "remove the tags, or the `scored: false` (of the choice or its node) so that it counts",
            );
        }
        for (i, flag) in c.unset.iter().enumerate() {
            if c.set.contains(flag) {
                self.report.error_helped(
                    &[at, &[Field("unset"), Seg::Index(i)]].concat(),
                    format!("flag `{flag}` is both set and unset by this choice"),
                    "keep it in `set` or in `unset`, not both",
                );
            }
        }
        for (i, example) in c.examples.iter().enumerate() {
            let tail = [Field("examples"), Seg::Index(i)];
            self.report.text_in(at, &tail, "example", example);
        }
        Choice {
            effects: self.meter_map(at, "effects", &c.effects),
            next: self.target(at, &c.next),
            when: self.conditions(at, &c.when),
            set: self.flag_list(at, "set", &c.set),
            unset: self.flag_list(at, "unset", &c.unset),
            scored,
            text: c.text,
            tags: c.tags,
            feedback: c.feedback,
            examples: c.examples,
        }
    }

    fn event(&mut self, at: &[Seg], e: EventFile) -> Event {
        if !(0.0..=1.0).contains(&e.chance) {
            self.report.error_in(
                at,
                &[Seg::Field("chance")],
                format!("chance {} is outside 0..=1", e.chance),
            );
        }
        Event {
            chance: e.chance,
            next: self.target(at, &e.next),
            when: self.conditions(at, &e.when),
        }
    }

    fn route(&mut self, at: &[Seg], r: RouteFile) -> Route {
        Route {
            next: self.target(at, &r.next),
            when: self.conditions(at, &r.when),
        }
    }

    /// The `next` field of the item at `at`.
    fn target(&mut self, at: &[Seg], id: &str) -> Target {
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
    fn meter(&mut self, at: &[Seg], tail: &[Seg], id: &str) -> usize {
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
    fn flag(&mut self, at: &[Seg], tail: &[Seg], id: &str) -> usize {
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
    fn flag_list(&mut self, at: &[Seg], field: &str, ids: &[String]) -> Vec<usize> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| self.flag(at, &[Seg::Field(field), Seg::Index(i)], id))
            .collect()
    }

    /// The meters changed in field `field` of the item at `at`.
    fn meter_map(
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

    /// The line variant `v` at `at`.
    fn variant(&mut self, at: &[Seg], v: VariantFile) -> Variant {
        use Seg::Field;
        self.report.text_in(at, &[Field("line")], "line", &v.line);
        if v.when.is_empty() {
            self.report.error_helped(
                &[at, &[Field("when")]].concat(),
                "a variant needs at least one condition".into(),
                "a line said whatever happened goes in the node's `lines`",
            );
        }
        let mut personas = Vec::new();
        let mut when = Vec::new();
        for (i, c) in v.when.iter().enumerate() {
            match c {
                ConditionFile::Persona(id) => personas.push(self.persona(at, i, id)),
                other => when.extend(self.condition(at, i, other)),
            }
        }
        Variant {
            line: v.line,
            when,
            personas,
        }
    }

    /// The persona named by condition `i` of the item at `at`.
    fn persona(&mut self, at: &[Seg], i: usize, id: &str) -> usize {
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
    fn conditions(&mut self, at: &[Seg], conditions: &[ConditionFile]) -> Vec<Condition> {
        let mut resolved = Vec::with_capacity(conditions.len());
        for (i, c) in conditions.iter().enumerate() {
            resolved.extend(self.condition(at, i, c));
        }
        resolved
    }

    /// Condition `i` of the `when` field of the item at `at`; `None` for a
    /// `Persona`, which is reported: only a line variant may test it.
    fn condition(&mut self, at: &[Seg], i: usize, c: &ConditionFile) -> Option<Condition> {
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

/// The nodes and endings, for a `next` or `start` that names none.
fn known_targets(targets: &HashMap<String, Target>) -> Known<'_> {
    Known {
        names: targets.keys().map(String::as_str).collect(),
        what: "the nodes and endings are",
        otherwise: None,
    }
}
