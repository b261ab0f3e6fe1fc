//! Per trainee and scenario: attempts, best and last score, last verdict and
//! time spent; and each trainee's scores over their attempts, for a chart.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::attempt::{Attempt, Verdict};
use crate::time::Timestamp;

use super::seconds;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraineeRow {
    pub trainee: String,
    pub scenario: String,
    pub attempts: usize,
    pub finished: usize,
    pub abandoned: usize,
    pub best_score: Option<u8>,
    /// The score of the latest finished attempt.
    pub last_score: Option<u8>,
    /// How the latest attempt ended, abandoned included.
    pub last_verdict: Verdict,
    pub last_played: Timestamp,
    /// Summed over every attempt, from its start to its last activity.
    pub time_spent_s: u64,
}

/// One row per trainee and scenario, by trainee then scenario.
pub fn trainees(attempts: &[Attempt]) -> Vec<TraineeRow> {
    let mut groups: BTreeMap<(&str, &str), Vec<&Attempt>> = BTreeMap::new();
    for a in attempts {
        groups.entry((&a.trainee, &a.scenario)).or_default().push(a);
    }
    groups
        .into_iter()
        .map(|((trainee, scenario), mut group)| {
            group.sort_by_key(|a| (a.started, a.id));
            let last = group[group.len() - 1];
            let finished = group.iter().filter(|a| a.finish.is_some()).count();
            TraineeRow {
                trainee: trainee.to_string(),
                scenario: scenario.to_string(),
                attempts: group.len(),
                finished,
                abandoned: group.len() - finished,
                best_score: group.iter().filter_map(|a| a.score()).max(),
                last_score: group.iter().rev().find_map(|a| a.score()),
                last_verdict: last.verdict(),
                last_played: group
                    .iter()
                    .map(|a| a.last_activity())
                    .max()
                    .unwrap_or(last.started),
                time_spent_s: seconds(group.iter().map(|a| a.duration_ms()).sum()),
            }
        })
        .collect()
}

/// A trainee's finished attempts in the order played.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub trainee: String,
    pub points: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// 1 for the trainee's first finished attempt.
    pub attempt: usize,
    pub scenario: String,
    pub score: u8,
    pub started: Timestamp,
}

/// One series per trainee with a finished attempt, by name.
pub fn progress(attempts: &[Attempt]) -> Vec<Progress> {
    let mut by_trainee: BTreeMap<&str, Vec<&Attempt>> = BTreeMap::new();
    for a in attempts.iter().filter(|a| a.finish.is_some()) {
        by_trainee.entry(&a.trainee).or_default().push(a);
    }
    by_trainee
        .into_iter()
        .map(|(trainee, mut finished)| {
            finished.sort_by_key(|a| (a.started, a.id));
            let points = finished
                .iter()
                .zip(1..)
                .filter_map(|(a, attempt)| {
                    Some(Point {
                        attempt,
                        scenario: a.scenario.clone(),
                        score: a.score()?,
                        started: a.started,
                    })
                })
                .collect();
            Progress {
                trainee: trainee.to_string(),
                points,
            }
        })
        .collect()
}
