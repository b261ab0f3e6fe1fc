//! The reports as CSV tables for a spreadsheet: one row per trainee and
//! scenario, per scenario, and per choice at each node. Empty cells mean
//! "none" (no finished attempt, so no score).

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use frontline_core::Practice;

use crate::report::{NodeChoices, Report, ScenarioRow, TraineeRow};

fn cell<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn tags(tags: &[Practice]) -> String {
    let names: Vec<String> = tags.iter().map(|t| format!("{t:?}")).collect();
    names.join(" ")
}

pub fn write_trainees(out: impl io::Write, rows: &[TraineeRow]) -> csv::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record([
        "trainee",
        "scenario",
        "attempts",
        "finished",
        "abandoned",
        "best_score",
        "last_score",
        "last_verdict",
        "last_played",
        "time_spent_s",
    ])?;
    for r in rows {
        csv.write_record([
            r.trainee.clone(),
            r.scenario.clone(),
            r.attempts.to_string(),
            r.finished.to_string(),
            r.abandoned.to_string(),
            cell(r.best_score),
            cell(r.last_score),
            r.last_verdict.name().to_string(),
            r.last_played.to_string(),
            r.time_spent_s.to_string(),
        ])?;
    }
    csv.flush()?;
    Ok(())
}

pub fn write_scenarios(out: impl io::Write, rows: &[ScenarioRow]) -> csv::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record([
        "scenario",
        "title",
        "attempts",
        "trainees",
        "grade_a",
        "grade_b",
        "grade_c",
        "grade_d",
        "grade_f",
        "lowest_score",
        "mean_score",
        "highest_score",
        "promoter",
        "passive",
        "detractor",
        "abandoned",
        "average_time_s",
    ])?;
    for r in rows {
        let (g, v) = (&r.grades, &r.verdicts);
        let counts = [g.a, g.b, g.c, g.d, g.f].map(|n| n.to_string());
        let verdicts = [v.promoter, v.passive, v.detractor, v.abandoned].map(|n| n.to_string());
        let mut record = vec![
            r.scenario.clone(),
            r.title.clone(),
            r.attempts.to_string(),
            r.trainees.to_string(),
        ];
        record.extend(counts);
        record.extend([
            cell(r.lowest_score),
            cell(r.mean_score),
            cell(r.highest_score),
        ]);
        record.extend(verdicts);
        record.push(cell(r.average_time_s));
        csv.write_record(record)?;
    }
    csv.flush()?;
    Ok(())
}

/// One row per choice taken at a node, in the report's order.
pub fn write_mistakes(out: impl io::Write, nodes: &[NodeChoices]) -> csv::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record([
        "scenario",
        "node",
        "node_taken",
        "node_anti_patterns",
        "choice_index",
        "choice",
        "tags",
        "anti_pattern",
        "count",
    ])?;
    for n in nodes {
        for c in &n.choices {
            csv.write_record([
                n.scenario.clone(),
                n.node.clone(),
                n.taken.to_string(),
                n.anti_patterns.to_string(),
                c.index.to_string(),
                c.text.clone(),
                tags(&c.tags),
                c.anti_pattern.to_string(),
                c.count.to_string(),
            ])?;
        }
    }
    csv.flush()?;
    Ok(())
}

/// Writes `trainees.csv`, `scenarios.csv` and `mistakes.csv` into `dir`.
pub fn write_files(dir: &Path, report: &Report) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let paths: Vec<PathBuf> = ["trainees", "scenarios", "mistakes"]
        .iter()
        .map(|name| dir.join(format!("{name}.csv")))
        .collect();
    let file = |i: usize| File::create(&paths[i]);
    write_trainees(file(0)?, &report.trainees)?;
    write_scenarios(file(1)?, &report.scenarios)?;
    write_mistakes(file(2)?, &report.mistakes)?;
    Ok(paths)
}
