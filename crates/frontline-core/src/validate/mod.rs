//! Turns a parsed [`ScenarioFile`] into a [`Scenario`], reporting every problem
//! at once with its place in the file.

mod names;
mod nodes;
mod report;

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::format::{EndingFile, MeterFile, ScenarioFile};
use crate::locate::Seg::{self, Field};
use crate::scenario::{Ending, Meter, Scenario, Target};
use report::{IdList, Reporter, known_targets};

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

impl Validator<'_> {
    fn scenario(&mut self, f: ScenarioFile) -> Scenario {
        self.report.text(&[Field("id")], "scenario id", &f.id);
        self.report.text(&[Field("title")], "title", &f.title);
        self.report.text(&[Field("summary")], "summary", &f.summary);
        self.report
            .text(&[Field("briefing")], "briefing", &f.briefing);
        self.required(&f);
        self.register_ids(&f);
        let meters = f.meters.into_iter().enumerate();
        let meters = meters.map(|(i, m)| self.meter_def(i, m)).collect();
        let customer = self.customer(f.customer);
        let start = self.start(&f.start);
        let nodes = f.nodes.into_iter().enumerate();
        let nodes = nodes.map(|(i, n)| self.node(i, n)).collect();
        let endings = f.endings.into_iter().enumerate();
        let endings = endings.map(|(i, e)| self.ending(i, e)).collect();
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

    /// The lists a scenario can't do without.
    fn required(&mut self, f: &ScenarioFile) {
        let lists = [
            (f.meters.is_empty(), "meters", "meter"),
            (f.nodes.is_empty(), "nodes", "node"),
            (f.endings.is_empty(), "endings", "ending"),
        ];
        for (_, field, what) in lists.into_iter().filter(|l| l.0) {
            let message = format!("a scenario needs at least one {what}");
            self.report.error(&[Field(field)], message);
        }
    }

    /// Every id the file defines, before anything refers to one.
    fn register_ids(&mut self, f: &ScenarioFile) {
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
    }

    /// Meter `i` as declared.
    fn meter_def(&mut self, i: usize, m: MeterFile) -> Meter {
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
    }

    /// The node named by `start`.
    fn start(&mut self, start: &str) -> usize {
        match self.targets.get(start) {
            Some(Target::Node(n)) => *n,
            Some(Target::Ending(_)) => {
                self.report.error(
                    &[Field("start")],
                    format!("start `{start}` is an ending, not a node"),
                );
                UNRESOLVED
            }
            None => {
                let message = format!("start node `{start}` does not exist");
                let known = known_targets(&self.targets);
                self.report
                    .unknown(&[Field("start")], message, start, known);
                UNRESOLVED
            }
        }
    }

    /// Ending `i` as declared.
    fn ending(&mut self, i: usize, e: EndingFile) -> Ending {
        let at = |field| [Field("endings"), Seg::Index(i), Field(field)];
        self.report.text(&at("title"), "ending title", &e.title);
        self.report.text(&at("text"), "ending text", &e.text);
        Ending {
            id: e.id,
            title: e.title,
            text: e.text,
            outcome: e.outcome,
        }
    }
}
