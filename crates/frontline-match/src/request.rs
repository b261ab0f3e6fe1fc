//! One line of `frontline match -`: a typed reply at a node of a scenario,
//! and the answer written back. The evaluation reads the same lines, so it
//! measures exactly what the command does.

use serde::{Deserialize, Serialize};

use frontline_core::Scenario;

use crate::read::{Reading, Verdict};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The scenario's id.
    pub scenario: String,
    /// The node's id.
    pub node: String,
    /// The flags set at that point. Absent: every choice of the node is on
    /// offer; present: only those whose conditions hold with these flags and
    /// the meters at their start values.
    #[serde(default)]
    pub flags: Option<Vec<String>>,
    pub text: String,
}

impl Request {
    /// The node's index and the choices on offer there.
    pub fn offered(&self, scenario: &Scenario) -> Result<(usize, Vec<usize>), String> {
        let node = scenario
            .node(&self.node)
            .ok_or_else(|| format!("scenario `{}` has no node `{}`", scenario.id, self.node))?;
        let choices = &scenario.nodes[node].choices;
        let Some(names) = &self.flags else {
            return Ok((node, (0..choices.len()).collect()));
        };
        let mut flags = vec![false; scenario.flags.len()];
        for name in names {
            let Some(f) = scenario.flags.iter().position(|f| f == name) else {
                return Err(format!("scenario `{}` has no flag `{name}`", scenario.id));
            };
            flags[f] = true;
        }
        let meters = scenario.start_meters();
        Ok((
            node,
            scenario.nodes[node].available(&flags, &meters).collect(),
        ))
    }
}

/// What `frontline match` writes for a request. Choices are numbered from 1
/// as written in the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    /// The choice the reply means; for "did you mean", the nearer of the two;
    /// `None` when the reply is off-script.
    pub choice: Option<usize>,
    /// `matched`, `did_you_mean` or `off_script`.
    pub verdict: &'static str,
    /// The best choice's score, or `None` when nothing was on offer or typed.
    pub score: Option<f64>,
    /// How far the best choice is ahead of the second, when matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
    /// The other candidates: the second of "did you mean", or the nearest
    /// choice of an off-script reply.
    pub alternatives: Vec<Alternative>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Alternative {
    pub choice: usize,
    pub score: f64,
}

/// A score to four places, as the matcher compares them, without the float
/// noise of `f32` in the JSON.
fn shown(score: f32) -> f64 {
    (f64::from(score) * 1e4).round() / 1e4
}

impl Answer {
    pub fn new(reading: &Reading) -> Answer {
        let score = |choice: usize| {
            let ranked = reading.ranked.iter().find(|r| r.choice == choice);
            ranked.map_or(f64::NAN, |r| shown(r.score))
        };
        let alternative = |choice: usize| Alternative {
            choice: choice + 1,
            score: score(choice),
        };
        let best = reading.ranked.first().map(|r| shown(r.score));
        match reading.verdict {
            Verdict::Matched {
                choice,
                score,
                margin,
            } => Answer {
                choice: Some(choice + 1),
                verdict: "matched",
                score: Some(shown(score)),
                margin: Some(shown(margin)),
                alternatives: Vec::new(),
            },
            Verdict::DidYouMean { first, second } => Answer {
                choice: Some(first + 1),
                verdict: "did_you_mean",
                score: best,
                margin: None,
                alternatives: vec![alternative(second)],
            },
            Verdict::OffScript { best: nearest } => Answer {
                choice: None,
                verdict: "off_script",
                score: best,
                margin: None,
                alternatives: nearest.map(alternative).into_iter().collect(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Ranked;

    fn reading(verdict: Verdict) -> Reading {
        let ranked = vec![
            Ranked {
                choice: 2,
                score: 0.71234,
            },
            Ranked {
                choice: 0,
                score: 0.5,
            },
        ];
        Reading { verdict, ranked }
    }

    #[test]
    fn choices_are_numbered_from_one_and_off_script_has_none() {
        let matched = Verdict::Matched {
            choice: 2,
            score: 0.71234,
            margin: 0.21234,
        };
        let json = serde_json::to_value(Answer::new(&reading(matched))).unwrap();
        assert_eq!(json["choice"], 3);
        assert_eq!(json["verdict"], "matched");
        assert_eq!(json["score"], 0.7123);
        assert_eq!(json["alternatives"], serde_json::json!([]));

        let asked = Verdict::DidYouMean {
            first: 2,
            second: 0,
        };
        let json = serde_json::to_value(Answer::new(&reading(asked))).unwrap();
        assert_eq!(json["choice"], 3);
        assert_eq!(
            json["alternatives"],
            serde_json::json!([{"choice": 1, "score": 0.5}])
        );

        let off = Verdict::OffScript { best: Some(2) };
        let json = serde_json::to_value(Answer::new(&reading(off))).unwrap();
        assert_eq!(json["choice"], serde_json::Value::Null);
        assert_eq!(json["verdict"], "off_script");
        assert_eq!(
            json["alternatives"],
            serde_json::json!([{"choice": 3, "score": 0.7123}])
        );
    }
}
