//! A scenario's graph as Graphviz DOT or a Mermaid flowchart: nodes labelled
//! with their first line, choices with their text and practice tags, endings
//! shaped and coloured by outcome, random events dashed with their chance,
//! routes dotted with their conditions, and optionally the best or the worst
//! path drawn in bold.
//!
//! Both formats draw the same [`Drawing`]; only the syntax differs.

use std::collections::HashSet;
use std::fmt::Write;

use super::truncate;
use crate::bounds::{Path, PathStep, Scores};
use crate::reach::{Hop, Reach};
use crate::scenario::{Condition, Outcome, Scenario, Target};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Dot,
    Mermaid,
}

/// Which path of the exact search to draw in bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Highlight {
    Best,
    Worst,
}

/// Characters of a node's line and of a choice's text shown on the graph.
const LINE_CHARS: usize = 48;
const CHOICE_CHARS: usize = 32;

/// The scenario drawn in `format`, with the best or worst path in bold.
pub fn draw(scenario: &Scenario, format: Format, highlight: Option<Highlight>) -> String {
    let path = highlight.and_then(|h| {
        let reach = Reach::of(scenario);
        let scores = Scores::of(scenario, &reach);
        let finish = match h {
            Highlight::Best => scores.best,
            Highlight::Worst => scores.worst,
        };
        finish.map(|f| scores.path(&reach, &f))
    });
    let colour = match highlight {
        Some(Highlight::Worst) => "#b71c1c",
        _ => "#1b5e20",
    };
    let drawing = Drawing::of(scenario, path.as_ref());
    match format {
        Format::Dot => drawing.dot(&scenario.id, colour),
        Format::Mermaid => drawing.mermaid(colour),
    }
}

/// What to draw, in neither syntax.
#[derive(Debug, Default)]
struct Drawing {
    boxes: Vec<Shape>,
    arrows: Vec<Arrow>,
}

#[derive(Debug)]
struct Shape {
    key: String,
    /// Lines of the label.
    label: Vec<String>,
    kind: Kind,
    lit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Start,
    Node,
    Junction,
    Ending(Outcome),
}

#[derive(Debug)]
struct Arrow {
    from: String,
    to: String,
    label: Vec<String>,
    style: Style,
    lit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Choice,
    Event,
    Route,
}

/// The parts of a path: nodes and endings passed, choices, events and routes taken.
#[derive(Debug, Default)]
struct Lit {
    targets: HashSet<Target>,
    choices: HashSet<(usize, usize)>,
    events: HashSet<(usize, usize)>,
    routes: HashSet<(usize, usize)>,
}

impl Lit {
    fn of(scenario: &Scenario, path: &Path) -> Lit {
        let mut lit = Lit::default();
        lit.targets.insert(Target::Node(scenario.start));
        for step in &path.steps {
            let next = match *step {
                PathStep::Choice { node, choice } => {
                    lit.choices.insert((node, choice));
                    scenario.nodes[node].choices[choice].next
                }
                PathStep::Hop(Hop::Event { node, event }) => {
                    lit.events.insert((node, event));
                    scenario.nodes[node].events[event].next
                }
                PathStep::Hop(Hop::Route { node, route }) => {
                    lit.routes.insert((node, route));
                    scenario.nodes[node].routes[route].next
                }
            };
            lit.targets.insert(next);
        }
        lit
    }
}

fn key(target: Target) -> String {
    match target {
        Target::Node(n) => format!("n{n}"),
        Target::Ending(e) => format!("e{e}"),
    }
}

impl Drawing {
    fn of(scenario: &Scenario, path: Option<&Path>) -> Drawing {
        let lit = path.map(|p| Lit::of(scenario, p)).unwrap_or_default();
        let mut d = Drawing::default();
        d.boxes.push(Shape {
            key: "start".into(),
            label: vec!["start".into()],
            kind: Kind::Start,
            lit: path.is_some(),
        });
        let start = Target::Node(scenario.start);
        d.arrow(
            "start".into(),
            start,
            Vec::new(),
            Style::Choice,
            path.is_some(),
        );
        for (n, node) in scenario.nodes.iter().enumerate() {
            let this = Target::Node(n);
            let mut label = vec![node.id.clone()];
            label.extend(
                node.lines
                    .first()
                    .map(|l| truncate(l, LINE_CHARS).into_owned()),
            );
            let kind = match node.routes.is_empty() {
                true => Kind::Node,
                false => Kind::Junction,
            };
            let lit_node = lit.targets.contains(&this);
            d.boxes.push(Shape {
                key: key(this),
                label,
                kind,
                lit: lit_node,
            });
            for (c, choice) in node.choices.iter().enumerate() {
                let mut label = vec![format!(
                    "{}. {}",
                    c + 1,
                    truncate(&choice.text, CHOICE_CHARS)
                )];
                if !choice.tags.is_empty() {
                    let tags: Vec<String> = choice.tags.iter().map(|t| format!("{t:?}")).collect();
                    label.push(format!("[{}]", tags.join(", ")));
                }
                if !choice.when.is_empty() {
                    label.push(format!("if {}", conditions(scenario, &choice.when)));
                }
                let on = lit.choices.contains(&(n, c));
                d.arrow(key(this), choice.next, label, Style::Choice, on);
            }
            for (e, event) in node.events.iter().enumerate() {
                let mut label = vec![format!("{:.0}%", event.chance * 100.0)];
                if !event.when.is_empty() {
                    label.push(format!("if {}", conditions(scenario, &event.when)));
                }
                let on = lit.events.contains(&(n, e));
                d.arrow(key(this), event.next, label, Style::Event, on);
            }
            for (r, route) in node.routes.iter().enumerate() {
                let label = match route.when.is_empty() {
                    true => "otherwise".to_string(),
                    false => conditions(scenario, &route.when),
                };
                let on = lit.routes.contains(&(n, r));
                d.arrow(key(this), route.next, vec![label], Style::Route, on);
            }
        }
        for (e, ending) in scenario.endings.iter().enumerate() {
            let this = Target::Ending(e);
            d.boxes.push(Shape {
                key: key(this),
                label: vec![ending.id.clone(), format!("{:?}", ending.outcome)],
                kind: Kind::Ending(ending.outcome),
                lit: lit.targets.contains(&this),
            });
        }
        d
    }

    fn arrow(&mut self, from: String, to: Target, label: Vec<String>, style: Style, lit: bool) {
        self.arrows.push(Arrow {
            from,
            to: key(to),
            label,
            style,
            lit,
        });
    }

    fn dot(&self, id: &str, colour: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "digraph \"{}\" {{", dot_escape(id));
        out.push_str(
            "  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10, shape=box, \
             style=\"rounded,filled\", fillcolor=\"#f5f5f5\"];\n  edge [fontname=\"Helvetica\", \
             fontsize=9];\n",
        );
        for b in &self.boxes {
            let attributes = match b.kind {
                Kind::Start => "shape=point, width=0.2".to_string(),
                Kind::Node => String::new(),
                Kind::Junction => "shape=diamond, style=filled, fillcolor=\"#e3e3e3\"".into(),
                Kind::Ending(outcome) => {
                    let (shape, fill) = ending_look(outcome);
                    format!("shape={shape}, style=filled, fillcolor=\"{fill}\"")
                }
            };
            let lit = match b.lit {
                true => format!(", penwidth=3, color=\"{colour}\""),
                false => String::new(),
            };
            let separator = if attributes.is_empty() { "" } else { ", " };
            let _ = writeln!(
                out,
                "  \"{}\" [label=\"{}\"{separator}{attributes}{lit}];",
                b.key,
                dot_escape(&b.label.join("\n"))
            );
        }
        for a in &self.arrows {
            let style = match a.style {
                Style::Choice => "",
                Style::Event => ", style=dashed",
                Style::Route => ", style=dotted",
            };
            let lit = match a.lit {
                true => format!(", penwidth=3, color=\"{colour}\""),
                false => String::new(),
            };
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [label=\"{}\"{style}{lit}];",
                a.from,
                a.to,
                dot_escape(&a.label.join("\n"))
            );
        }
        out.push_str("}\n");
        out
    }

    fn mermaid(&self, colour: &str) -> String {
        let mut out = String::from("flowchart LR\n");
        for b in &self.boxes {
            let label = mermaid_escape(&b.label);
            let shape = match b.kind {
                Kind::Start => format!("(({label}))"),
                Kind::Node => format!("[\"{label}\"]"),
                Kind::Junction => format!("{{\"{label}\"}}"),
                Kind::Ending(Outcome::Promoter) => format!("([\"{label}\"])"),
                Kind::Ending(Outcome::Passive) => format!("[[\"{label}\"]]"),
                Kind::Ending(Outcome::Detractor) => format!("{{{{\"{label}\"}}}}"),
            };
            let class = match b.kind {
                Kind::Ending(outcome) => format!(":::{}", format!("{outcome:?}").to_lowercase()),
                _ => String::new(),
            };
            let _ = writeln!(out, "  {}{shape}{class}", b.key);
        }
        for (i, a) in self.arrows.iter().enumerate() {
            let line = match a.style {
                Style::Choice => "-->",
                Style::Event | Style::Route => "-.->",
            };
            let label = match a.label.is_empty() {
                true => String::new(),
                false => format!("|\"{}\"|", mermaid_escape(&a.label)),
            };
            let _ = writeln!(out, "  {} {line}{label} {}", a.from, a.to);
            let mut style = Vec::new();
            if a.style == Style::Route {
                style.push("stroke-dasharray:2 4".to_string());
            }
            if a.lit {
                style.push(format!("stroke:{colour},stroke-width:4px"));
            }
            if !style.is_empty() {
                let _ = writeln!(out, "  linkStyle {i} {}", style.join(","));
            }
        }
        for outcome in [Outcome::Promoter, Outcome::Passive, Outcome::Detractor] {
            let (_, fill) = ending_look(outcome);
            let name = format!("{outcome:?}").to_lowercase();
            let _ = writeln!(out, "  classDef {name} fill:{fill}");
        }
        let lit: Vec<&str> = self
            .boxes
            .iter()
            .filter(|b| b.lit)
            .map(|b| b.key.as_str())
            .collect();
        if !lit.is_empty() {
            let _ = writeln!(out, "  classDef lit stroke:{colour},stroke-width:3px");
            let _ = writeln!(out, "  class {} lit", lit.join(","));
        }
        out
    }
}

/// Graphviz shape and fill colour of an ending.
fn ending_look(outcome: Outcome) -> (&'static str, &'static str) {
    match outcome {
        Outcome::Promoter => ("doubleoctagon", "#b7e4c7"),
        Outcome::Passive => ("octagon", "#ffe8a3"),
        Outcome::Detractor => ("tripleoctagon", "#f4a3a3"),
    }
}

/// `satisfaction ≥ 50 and not asked`.
fn conditions(scenario: &Scenario, conditions: &[Condition]) -> String {
    let parts: Vec<String> = conditions
        .iter()
        .map(|c| match *c {
            Condition::Flag(f) => scenario.flags[f].clone(),
            Condition::NotFlag(f) => format!("not {}", scenario.flags[f]),
            Condition::AtLeast(m, v) => format!("{} ≥ {v}", scenario.meters[m].id),
            Condition::Below(m, v) => format!("{} < {v}", scenario.meters[m].id),
        })
        .collect();
    parts.join(" and ")
}

/// Text inside a DOT double-quoted string: backslashes and quotes escaped,
/// line breaks as `\n` (centred lines).
fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Lines inside a Mermaid double-quoted label: characters Mermaid or HTML
/// would read as syntax written as entity codes, lines joined by `<br/>`.
fn mermaid_escape(lines: &[String]) -> String {
    let escaped: Vec<String> = lines
        .iter()
        .map(|line| {
            let mut out = String::with_capacity(line.len());
            for c in line.chars() {
                match c {
                    '#' => out.push_str("#35;"),
                    '"' => out.push_str("#quot;"),
                    '<' => out.push_str("#lt;"),
                    '>' => out.push_str("#gt;"),
                    '`' => out.push_str("#96;"),
                    '\n' | '\r' => out.push(' '),
                    c => out.push(c),
                }
            }
            out
        })
        .collect();
    escaped.join("<br/>")
}
