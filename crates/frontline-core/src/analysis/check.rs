//! `frontline check`: one report per scenario with its exact score bounds,
//! its best and worst paths, its loops, and every finding located at
//! file:line:column like `validate`'s.
//!
//! The findings come from [`super::structure`] (what can be reached, where the
//! conversation can get stuck, flags and meters) and [`super::grading`] (what
//! the score rewards); both read the exact search of [`crate::reach`] and
//! [`crate::bounds`].

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use super::cues::{self, Cues};
use super::{grading, structure, truncate};
use crate::bounds::{Finish, Path, Scores};
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::Loaded;
use crate::locate::{Seg, SpanTree};
use crate::practice::Practice;
use crate::reach::Reach;
use crate::scenario::{Outcome, Scenario};
use crate::scoring::Grade;
use crate::script::{Script, Scripted};

/// What `check` found in one scenario.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub scenario: String,
    pub file: PathBuf,
    /// Reachable (node, flags, meters) combinations.
    pub situations: usize,
    /// Reachable states of the score search: situations with the choices made.
    pub states: usize,
    /// Every reachable state was explored and no conversation had to be cut
    /// at `max_steps` choices: the bounds below are exact.
    pub exact: bool,
    /// Choices after which the search stopped following a conversation:
    /// 200 where the scenario loops, else its longest conversation.
    pub max_steps: u16,
    pub best: Option<Extreme>,
    pub worst: Option<Extreme>,
    /// The best and worst for each persona, when the customer has several.
    pub personas: Vec<PersonaRange>,
    /// The meters' ids, in file order, naming the values along the paths.
    pub meters: Vec<String>,
    /// One entry per ending, in file order.
    pub endings: Vec<EndingRange>,
    pub loops: Vec<Loop>,
    /// How often surface cues point to the best reply; `None` when the
    /// search was incomplete.
    pub cues: Option<Cues>,
    /// Errors and warnings, in file order.
    pub findings: Vec<Diagnostic>,
}

/// A final score reachable at an ending, with a path that gets it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extreme {
    pub score: u8,
    pub grade: Grade,
    pub ending: String,
    pub outcome: Outcome,
    pub path: Walk,
}

/// The best and worst final scores when the session draws one persona.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonaRange {
    pub persona: String,
    pub best: Option<Extreme>,
    pub worst: Option<Extreme>,
}

/// The lowest and highest final scores of one ending; `None` when unreachable
/// or reached only past `max_steps` choices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndingRange {
    pub ending: String,
    pub outcome: Outcome,
    /// Some conversation reaches it, however long.
    pub reachable: bool,
    pub lowest: Option<Extreme>,
    pub highest: Option<Extreme>,
}

/// Nodes the trainee can go round for ever.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Loop {
    /// In file order.
    pub nodes: Vec<String>,
    /// A step that leaves the loop towards an ending; `None` when there is none.
    pub way_out: Option<String>,
}

/// A path told with the scenario's names, for people and for JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Walk {
    pub persona: Option<String>,
    pub steps: Vec<WalkStep>,
    /// The path as `frontline play --text ID --path` takes it.
    pub script: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum WalkStep {
    /// `choice` counts from 1 in the order written.
    Choice {
        node: String,
        choice: usize,
        text: String,
        tags: Vec<Practice>,
        /// Every meter after the choice, in the order of the file.
        meters: Vec<i32>,
    },
    /// A random event that fired; `event` counts from 1 in the order written.
    Event {
        node: String,
        event: usize,
        chance: f64,
        next: String,
    },
}

/// A finding before it is located in the file.
#[derive(Debug, Clone)]
pub(super) struct Finding {
    pub severity: Severity,
    pub at: Vec<Seg<'static>>,
    pub message: String,
}

impl Finding {
    pub fn warning(at: Vec<Seg<'static>>, message: String) -> Finding {
        Finding {
            severity: Severity::Warning,
            at,
            message,
        }
    }

    pub fn error(at: Vec<Seg<'static>>, message: String) -> Finding {
        Finding {
            severity: Severity::Error,
            at,
            message,
        }
    }
}

/// Checks a loaded scenario.
pub fn check(loaded: &Loaded) -> Report {
    let scenario = &loaded.scenario;
    let reach = Reach::of(scenario);
    let scores = Scores::of(scenario, &reach);
    let mut findings = structure::flags_and_meters(scenario);
    findings.extend(cues::bare_verdicts(scenario));
    let mut loops = Vec::new();
    let mut cue_rates = None;
    let complete = reach.complete && scores.complete;
    if complete {
        let found = structure::of(scenario, &reach);
        findings.extend(found.findings);
        loops = found.loops;
        findings.extend(grading::of(scenario, &reach, &scores));
        let (rates, found) = cues::of(scenario, &reach, &scores);
        findings.extend(found);
        cue_rates = Some(rates);
    } else {
        let message = "the scenario has too many reachable states to explore them all: \
                       reachability and scoring findings were skipped, and the scores \
                       below are those found before stopping";
        findings.push(Finding::warning(vec![Seg::Field("nodes")], message.into()));
    }
    let extreme = |finish: &Finish| Extreme::of(scenario, &reach, &scores, finish);
    let reached = reach.reached_endings(scenario);
    let endings = scenario
        .endings
        .iter()
        .zip(&scores.endings)
        .zip(reached)
        .map(|((ending, range), reachable)| EndingRange {
            ending: ending.id.clone(),
            outcome: ending.outcome,
            reachable,
            lowest: range.as_ref().map(|r| extreme(&r.lowest)),
            highest: range.as_ref().map(|r| extreme(&r.highest)),
        })
        .collect();
    let personas = persona_ranges(scenario, &reach);
    Report {
        scenario: scenario.id.clone(),
        file: loaded.path.clone(),
        personas,
        meters: scenario.meters.iter().map(|m| m.id.clone()).collect(),
        situations: reach.situation_count(),
        states: scores.states.len(),
        exact: complete && !scores.truncated,
        max_steps: scores.max_steps,
        best: scores.best.as_ref().map(extreme),
        worst: scores.worst.as_ref().map(extreme),
        endings,
        loops,
        cues: cue_rates,
        findings: locate(loaded, findings),
    }
}

/// The best and worst of each persona, searched one start at a time; none
/// when the customer has fewer than two personas.
fn persona_ranges(scenario: &Scenario, reach: &Reach) -> Vec<PersonaRange> {
    if reach.starts.len() < 2 {
        return Vec::new();
    }
    (0..reach.starts.len())
        .filter_map(|start| {
            let persona = reach.starts[start].persona?;
            let scores = Scores::of_start(scenario, reach, start);
            let extreme = |finish: &Finish| Extreme::of(scenario, reach, &scores, finish);
            Some(PersonaRange {
                persona: scenario.customer.personas[persona].id.clone(),
                best: scores.best.as_ref().map(extreme),
                worst: scores.worst.as_ref().map(extreme),
            })
        })
        .collect()
}

/// Turns findings into diagnostics, parsing the file's spans only if needed.
fn locate(loaded: &Loaded, findings: Vec<Finding>) -> Vec<Diagnostic> {
    if findings.is_empty() {
        return Vec::new();
    }
    let source = &loaded.source;
    let paths: Vec<&[Seg]> = findings.iter().map(|f| &f.at[..]).collect();
    let tree = SpanTree::parse_for(source, &paths);
    let mut diagnostics: Vec<Diagnostic> = findings
        .into_iter()
        .map(|f| {
            let span = tree.locate(source, &f.at);
            Diagnostic::at(f.severity, &loaded.path, source, span, f.message)
        })
        .collect();
    diagnostics.sort_by_key(|d| (d.line, d.column));
    diagnostics
}

impl Extreme {
    fn of(scenario: &Scenario, reach: &Reach, scores: &Scores, finish: &Finish) -> Extreme {
        let ending = &scenario.endings[finish.ending];
        Extreme {
            score: finish.score,
            grade: Grade::from_score(finish.score),
            ending: ending.id.clone(),
            outcome: ending.outcome,
            path: Walk::of(scenario, &scores.path(reach, finish)),
        }
    }
}

impl Walk {
    pub fn of(scenario: &Scenario, path: &Path) -> Walk {
        let script = Script::of(path);
        let (mut flags, mut meters) = scenario.initial_state(path.persona);
        let steps = script
            .steps
            .iter()
            .map(|step| match *step {
                Scripted::Choice { node, choice } => {
                    let n = &scenario.nodes[node];
                    let c = &n.choices[choice];
                    scenario.apply(c, &mut flags, &mut meters);
                    WalkStep::Choice {
                        node: n.id.clone(),
                        choice: choice + 1,
                        text: c.text.clone(),
                        tags: c.tags.clone(),
                        meters: meters.clone(),
                    }
                }
                Scripted::Event { node, event } => {
                    let n = &scenario.nodes[node];
                    let e = &n.events[event];
                    WalkStep::Event {
                        node: n.id.clone(),
                        event: event + 1,
                        chance: e.chance,
                        next: scenario.target_id(e.next).to_string(),
                    }
                }
            })
            .collect();
        Walk {
            persona: path
                .persona
                .map(|p| scenario.customer.personas[p].id.clone()),
            steps,
            script: script.write(scenario),
        }
    }

    /// The path as `frontline play --text ID --path` takes it.
    pub fn brief(&self) -> String {
        format!("\"{}\"", self.script)
    }
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ({})", self.scenario, self.file.display())?;
        let exact = if self.exact {
            "exact".to_string()
        } else {
            format!("not exact: explored up to {} choices", self.max_steps)
        };
        writeln!(
            f,
            "  {} situations, {} states searched, {exact}",
            self.situations, self.states
        )?;
        if let (Some(worst), Some(best)) = (&self.worst, &self.best) {
            writeln!(
                f,
                "  scores from {} ({:?}) to {} ({:?})",
                worst.score, worst.grade, best.score, best.grade
            )?;
        }
        writeln!(f, "  endings:")?;
        let width = self.endings.iter().map(|e| e.ending.len()).max();
        let width = width.unwrap_or(0);
        for e in &self.endings {
            let range = match (&e.lowest, &e.highest) {
                (Some(lo), Some(hi)) => {
                    format!("{} {:?} to {} {:?}", lo.score, lo.grade, hi.score, hi.grade)
                }
                _ if e.reachable => format!(
                    "reached only after more than {} choices: not scored",
                    self.max_steps
                ),
                _ => "unreachable".to_string(),
            };
            let outcome = format!("{:?}", e.outcome);
            writeln!(f, "    {:<width$}  {outcome:<9}  {range}", e.ending)?;
        }
        for p in &self.personas {
            if let (Some(worst), Some(best)) = (&p.worst, &p.best) {
                writeln!(
                    f,
                    "  persona `{}`: {} ({:?}) to {} ({:?})",
                    p.persona, worst.score, worst.grade, best.score, best.grade
                )?;
            }
        }
        for (name, extreme) in [("best", &self.best), ("worst", &self.worst)] {
            if let Some(x) = extreme {
                write_extreme(f, &self.scenario, &self.meters, name, x)?;
            }
        }
        if self.loops.is_empty() {
            writeln!(f, "  loops: none")?;
        }
        for l in &self.loops {
            let exit = l.way_out.as_deref().unwrap_or("no way out");
            writeln!(f, "  loop through {}: {exit}", l.nodes.join(", "))?;
        }
        if let Some(cues) = &self.cues {
            writeln!(f, "  {cues}")?;
        }
        for d in &self.findings {
            writeln!(f, "{d}")?;
        }
        write!(
            f,
            "{}: {} error(s), {} warning(s)",
            self.scenario,
            self.errors(),
            self.warnings()
        )
    }
}

fn write_extreme(
    f: &mut fmt::Formatter<'_>,
    scenario: &str,
    meter_ids: &[String],
    name: &str,
    x: &Extreme,
) -> fmt::Result {
    let persona = x
        .path
        .persona
        .as_ref()
        .map(|p| format!(", persona `{p}`"))
        .unwrap_or_default();
    writeln!(
        f,
        "  {name} path: {} ({:?}) at `{}` ({:?}){persona}",
        x.score, x.grade, x.ending, x.outcome
    )?;
    for step in &x.path.steps {
        match step {
            WalkStep::Choice {
                node,
                choice,
                text,
                tags,
                meters,
            } => {
                let tags: Vec<String> = tags.iter().map(|t| format!("{t:?}")).collect();
                let meters: Vec<String> = meter_ids
                    .iter()
                    .zip(meters)
                    .map(|(id, value)| format!("{id} {value}"))
                    .collect();
                writeln!(
                    f,
                    "    {node}:{choice} \"{}\" [{}] → {}",
                    truncate(text, 50),
                    tags.join(", "),
                    meters.join(", ")
                )?;
            }
            WalkStep::Event {
                node,
                event,
                chance,
                next,
            } => writeln!(
                f,
                "    {node}!{event} event fires ({:.0}%), to `{next}`",
                chance * 100.0
            )?,
        }
    }
    writeln!(
        f,
        "    replay: frontline play --text {scenario} --path {}",
        x.path.brief()
    )
}
