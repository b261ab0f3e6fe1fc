//! A path through a scenario written so that a trainer can paste it into
//! `frontline play --text ID --path "..."` and see exactly that conversation:
//! the persona, each choice by node id and number as written in the file
//! (whatever order play shows them in), and each random event that fired.
//!
//! ```text
//! @regular arrival:1 hopes_regular:1 options!1 scene:1 options:2
//! ```
//!
//! `@ID` pins the persona, `NODE:N` takes choice N of NODE, `NODE!N` fires
//! event N of NODE; every event not listed does not fire.

use std::fmt::Write;

use crate::bounds::{Path, PathStep};
use crate::reach::Hop;
use crate::scenario::Scenario;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Script {
    pub persona: Option<usize>,
    pub steps: Vec<Scripted>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scripted {
    /// Choice `choice` (0-based, as written) at node `node`.
    Choice { node: usize, choice: usize },
    /// Event `event` (0-based, as written) of node `node` fires.
    Event { node: usize, event: usize },
}

impl Script {
    /// The script of a path found by the exact search.
    pub fn of(path: &Path) -> Script {
        let steps = path
            .steps
            .iter()
            .filter_map(|step| match *step {
                PathStep::Choice { node, choice } => Some(Scripted::Choice { node, choice }),
                PathStep::Hop(Hop::Event { node, event }) => Some(Scripted::Event { node, event }),
                PathStep::Hop(Hop::Route { .. }) => None,
            })
            .collect();
        Script {
            persona: path.persona,
            steps,
        }
    }

    /// The events that fire on the way into each prompt, as (node, event):
    /// before the first choice, then after each choice.
    pub fn events(&self) -> Vec<Vec<(usize, usize)>> {
        let mut entries = vec![Vec::new()];
        for step in &self.steps {
            match *step {
                Scripted::Event { node, event } => {
                    entries
                        .last_mut()
                        .expect("one entry at least")
                        .push((node, event));
                }
                Scripted::Choice { .. } => entries.push(Vec::new()),
            }
        }
        entries
    }

    /// The choices taken, in order, as (node, choice).
    pub fn choices(&self) -> Vec<(usize, usize)> {
        self.steps
            .iter()
            .filter_map(|s| match *s {
                Scripted::Choice { node, choice } => Some((node, choice)),
                Scripted::Event { .. } => None,
            })
            .collect()
    }

    /// The script as a trainer pastes it.
    pub fn write(&self, scenario: &Scenario) -> String {
        let mut out = String::new();
        if let Some(p) = self.persona {
            let _ = write!(out, "@{}", scenario.customer.personas[p].id);
        }
        for step in &self.steps {
            if !out.is_empty() {
                out.push(' ');
            }
            let _ = match *step {
                Scripted::Choice { node, choice } => {
                    write!(out, "{}:{}", scenario.nodes[node].id, choice + 1)
                }
                Scripted::Event { node, event } => {
                    write!(out, "{}!{}", scenario.nodes[node].id, event + 1)
                }
            };
        }
        out
    }

    /// Reads a script written by [`Script::write`] (or by hand).
    pub fn parse(scenario: &Scenario, text: &str) -> Result<Script, String> {
        let mut script = Script::default();
        for word in text.split(|c: char| c.is_whitespace() || c == ',') {
            if word.is_empty() {
                continue;
            }
            if let Some(id) = word.strip_prefix('@') {
                let personas = &scenario.customer.personas;
                let found = personas.iter().position(|p| p.id == id);
                let ids: Vec<&str> = personas.iter().map(|p| p.id.as_str()).collect();
                script.persona = Some(
                    found.ok_or_else(|| format!("no persona `{id}` (personas: {})", list(&ids)))?,
                );
                continue;
            }
            script.steps.push(step(scenario, word)?);
        }
        Ok(script)
    }
}

/// One `NODE:N` or `NODE!N`.
fn step(scenario: &Scenario, word: &str) -> Result<Scripted, String> {
    let (id, n, event) = match (word.split_once(':'), word.split_once('!')) {
        (Some((id, n)), None) => (id, n, false),
        (None, Some((id, n))) => (id, n, true),
        _ => {
            return Err(format!(
                "`{word}` is not a step: write NODE:N for choice N of a node, NODE!N for its event N"
            ));
        }
    };
    let node = scenario.node(id).ok_or_else(|| {
        let ids: Vec<&str> = scenario.nodes.iter().map(|n| n.id.as_str()).collect();
        format!("no node `{id}` (nodes: {})", list(&ids))
    })?;
    let count = if event {
        scenario.nodes[node].events.len()
    } else {
        scenario.nodes[node].choices.len()
    };
    let what = if event { "event" } else { "choice" };
    match n.parse::<usize>() {
        Ok(n) if (1..=count).contains(&n) => Ok(if event {
            Scripted::Event { node, event: n - 1 }
        } else {
            Scripted::Choice {
                node,
                choice: n - 1,
            }
        }),
        _ if count == 0 => Err(format!("`{word}`: node `{id}` has no {what}s")),
        _ => Err(format!("`{word}`: node `{id}` has {what}s 1 to {count}")),
    }
}

fn list(ids: &[&str]) -> String {
    if ids.is_empty() {
        "none".into()
    } else {
        ids.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mini() -> Scenario {
        let source = include_str!("../tests/fixtures/mini.scenario.ron");
        crate::load::parse(std::path::Path::new("mini.scenario.ron"), source).unwrap()
    }

    #[test]
    fn a_script_reads_back_what_it_writes() {
        let scenario = mini();
        let text = "hello:1 middle!1 interruption:1";
        let script = Script::parse(&scenario, text).unwrap();
        assert_eq!(script.write(&scenario), text);
        assert_eq!(script.events(), [vec![], vec![(1, 0)], vec![]]);
        assert_eq!(script.choices(), [(0, 0), (2, 0)]);
    }

    #[test]
    fn a_bad_step_says_what_exists() {
        let scenario = mini();
        let err = |text| Script::parse(&scenario, text).unwrap_err();
        assert!(err("helo:1").starts_with("no node `helo` (nodes: hello, middle"));
        assert_eq!(err("hello:9"), "`hello:9`: node `hello` has choices 1 to 3");
        assert_eq!(err("hello!1"), "`hello!1`: node `hello` has no events");
        assert!(err("hello").contains("write NODE:N"));
        assert_eq!(err("@vip"), "no persona `vip` (personas: none)");
    }
}
