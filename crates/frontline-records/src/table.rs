//! The reports as CSV tables for a spreadsheet: one row per trainee and
//! scenario, per scenario, and per choice at each node. Empty cells mean
//! "none" (no finished attempt, so no score).
//!
//! Names and texts come from trainees and scenario authors, so every cell
//! that a spreadsheet would read as a formula is defused as OWASP's
//! CSV-injection guidance says: a leading `'` before `=`, `+`, `-`, `@`, a tab
//! or a carriage return.

use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};

use frontline_core::Practice;

use crate::output::{Outputs, same_head};
use crate::report::{NodeChoices, Report, ScenarioRow, TraineeRow};

/// The cell as text a spreadsheet shows and never evaluates.
pub fn defused(cell: &str) -> Cow<'_, str> {
    match cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => Cow::Owned(format!("'{cell}")),
        false => Cow::Borrowed(cell),
    }
}

/// Writes one row, each cell defused.
fn row<W: io::Write, S: AsRef<str>>(
    csv: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = S>,
) -> csv::Result<()> {
    let cells: Vec<S> = cells.into_iter().collect();
    csv.write_record(cells.iter().map(|c| defused(c.as_ref()).into_owned()))
}

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
        row(
            &mut csv,
            [
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
            ],
        )?;
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
        row(&mut csv, record)?;
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
            row(
                &mut csv,
                [
                    n.scenario.clone(),
                    n.node.clone(),
                    n.taken.to_string(),
                    n.anti_patterns.to_string(),
                    c.index.to_string(),
                    c.text.clone(),
                    tags(&c.tags),
                    c.anti_pattern.to_string(),
                    c.count.to_string(),
                ],
            )?;
        }
    }
    csv.flush()?;
    Ok(())
}

/// Writes `trainees.csv`, `scenarios.csv` and `mistakes.csv` into `dir`
/// through `outputs`; on failure, says which file.
pub fn write_files(
    dir: &Path,
    report: &Report,
    outputs: Outputs,
) -> Result<Vec<PathBuf>, (PathBuf, io::Error)> {
    let mut tables = [Vec::new(), Vec::new(), Vec::new()];
    let [trainees, scenarios, mistakes] = &mut tables;
    let built = write_trainees(trainees, &report.trainees)
        .and_then(|()| write_scenarios(scenarios, &report.scenarios))
        .and_then(|()| write_mistakes(mistakes, &report.mistakes));
    built.map_err(|e| (dir.to_path_buf(), e.into()))?;
    let mut paths = Vec::new();
    for (name, table) in ["trainees", "scenarios", "mistakes"].iter().zip(&tables) {
        let path = dir.join(format!("{name}.csv"));
        // A table of ours starts with the same header line.
        let own = |old: &[u8]| same_head(old, table, b"\n");
        outputs
            .write(&path, table, own)
            .map_err(|e| (path.clone(), e))?;
        paths.push(path);
    }
    Ok(paths)
}
