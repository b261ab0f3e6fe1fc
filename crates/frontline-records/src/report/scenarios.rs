//! Per scenario: how scores spread over the grade bands, how attempts ended,
//! and how long a finished attempt takes.

use std::collections::BTreeMap;

use frontline_core::Grade;
use serde::Serialize;

use crate::attempt::{Attempt, Verdict};

use super::seconds;

/// Finished attempts per grade band (A 90–100, B 75–89, C 60–74, D 45–59, F below).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GradeCounts {
    pub a: usize,
    pub b: usize,
    pub c: usize,
    pub d: usize,
    pub f: usize,
}

impl GradeCounts {
    fn add(&mut self, grade: Grade) {
        let slot = match grade {
            Grade::A => &mut self.a,
            Grade::B => &mut self.b,
            Grade::C => &mut self.c,
            Grade::D => &mut self.d,
            Grade::F => &mut self.f,
        };
        *slot += 1;
    }
}

/// Attempts per way of ending.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct VerdictCounts {
    pub promoter: usize,
    pub passive: usize,
    pub detractor: usize,
    pub abandoned: usize,
}

impl VerdictCounts {
    pub fn get(&self, verdict: Verdict) -> usize {
        match verdict {
            Verdict::Promoter => self.promoter,
            Verdict::Passive => self.passive,
            Verdict::Detractor => self.detractor,
            Verdict::Abandoned => self.abandoned,
        }
    }

    fn add(&mut self, verdict: Verdict) {
        let slot = match verdict {
            Verdict::Promoter => &mut self.promoter,
            Verdict::Passive => &mut self.passive,
            Verdict::Detractor => &mut self.detractor,
            Verdict::Abandoned => &mut self.abandoned,
        };
        *slot += 1;
    }

    pub fn total(&self) -> usize {
        self.promoter + self.passive + self.detractor + self.abandoned
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioRow {
    pub scenario: String,
    /// The title of the latest attempt's version of the scenario.
    pub title: String,
    pub attempts: usize,
    pub trainees: usize,
    pub grades: GradeCounts,
    pub lowest_score: Option<u8>,
    pub mean_score: Option<f64>,
    pub highest_score: Option<u8>,
    pub verdicts: VerdictCounts,
    /// Mean time of the finished attempts.
    pub average_time_s: Option<u64>,
}

/// One row per scenario, by id.
pub fn scenarios(attempts: &[Attempt]) -> Vec<ScenarioRow> {
    let mut groups: BTreeMap<&str, Vec<&Attempt>> = BTreeMap::new();
    for a in attempts {
        groups.entry(&a.scenario).or_default().push(a);
    }
    groups
        .into_iter()
        .map(|(scenario, group)| {
            let mut grades = GradeCounts::default();
            let mut verdicts = VerdictCounts::default();
            let mut trainees: Vec<&str> = group.iter().map(|a| a.trainee.as_str()).collect();
            trainees.sort_unstable();
            trainees.dedup();
            for a in &group {
                verdicts.add(a.verdict());
                if let Some(finish) = &a.finish {
                    grades.add(finish.grade);
                }
            }
            let finished: Vec<&&Attempt> = group.iter().filter(|a| a.finish.is_some()).collect();
            let scores: Vec<u8> = finished.iter().filter_map(|a| a.score()).collect();
            let mean = |total: f64| (!scores.is_empty()).then(|| total / scores.len() as f64);
            let mean_score =
                mean(scores.iter().map(|&s| f64::from(s)).sum()).map(|m| (m * 10.0).round() / 10.0);
            let time: u64 = finished.iter().map(|a| a.duration_ms()).sum();
            let latest = group.iter().max_by_key(|a| (a.started, a.id));
            ScenarioRow {
                scenario: scenario.to_string(),
                title: latest.map(|a| a.scenario_title.clone()).unwrap_or_default(),
                attempts: group.len(),
                trainees: trainees.len(),
                grades,
                lowest_score: scores.iter().copied().min(),
                mean_score,
                highest_score: scores.iter().copied().max(),
                verdicts,
                average_time_s: (!finished.is_empty())
                    .then(|| seconds(time / finished.len() as u64)),
            }
        })
        .collect()
}
