//! The trainer's report as one self-contained HTML page: inline CSS and SVG,
//! no script and nothing fetched, so it can be mailed or opened offline.
//! Every text from the records goes through [`escape`].

mod chart;

use frontline_core::Practice;

use crate::report::{NodeChoices, Report, ScenarioRow, TraineeRow};

/// How many nodes the "where trainees go wrong" chart shows.
pub const WORST_NODES: usize = 3;

const STYLE: &str = "
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #111827; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #e5e7eb; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid #e5e7eb; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.anti td { color: #b91c1c; }
.chart { max-width: 100%; height: auto; font-size: 12px; fill: #374151; }
.chart .grid { stroke: #e5e7eb; } .chart .heading { font-weight: 600; }
.note { color: #6b7280; }
";

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn cell<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "–".to_string(), |v| v.to_string())
}

fn duration(seconds: u64) -> String {
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 if seconds.is_multiple_of(60) => format!("{} min", seconds / 60),
        60..3600 => format!("{} min {} s", seconds / 60, seconds % 60),
        _ => format!("{} h {} min", seconds / 3600, seconds / 60 % 60),
    }
}

fn row(cells: &[(bool, String)]) -> String {
    let cells: Vec<String> = cells
        .iter()
        .map(|(number, text)| match number {
            true => format!("<td class=\"n\">{}</td>", escape(text)),
            false => format!("<td>{}</td>", escape(text)),
        })
        .collect();
    format!("<tr>{}</tr>\n", cells.concat())
}

fn header(names: &[&str], numbers_from: usize) -> String {
    let cells: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| match i >= numbers_from {
            true => format!("<th class=\"n\">{n}</th>"),
            false => format!("<th>{n}</th>"),
        })
        .collect();
    format!(
        "<table>\n<thead><tr>{}</tr></thead>\n<tbody>\n",
        cells.concat()
    )
}

fn trainees(rows: &[TraineeRow]) -> String {
    let mut html = header(
        &[
            "Trainee",
            "Scenario",
            "Last outcome",
            "Last played",
            "Attempts",
            "Abandoned",
            "Best",
            "Last",
            "Time spent",
        ],
        4,
    );
    for r in rows {
        html += &row(&[
            (false, r.trainee.clone()),
            (false, r.scenario.clone()),
            (false, r.last_verdict.name().to_string()),
            (false, r.last_played.to_string()[..16].replace('T', " ")),
            (true, r.attempts.to_string()),
            (true, r.abandoned.to_string()),
            (true, cell(r.best_score)),
            (true, cell(r.last_score)),
            (true, duration(r.time_spent_s)),
        ]);
    }
    html + "</tbody>\n</table>\n"
}

fn scenarios(rows: &[ScenarioRow]) -> String {
    let mut html = header(
        &[
            "Scenario",
            "Title",
            "Attempts",
            "Trainees",
            "A",
            "B",
            "C",
            "D",
            "F",
            "Mean",
            "Range",
            "Average time",
        ],
        2,
    );
    for r in rows {
        let g = &r.grades;
        let range = match (r.lowest_score, r.highest_score) {
            (Some(low), Some(high)) => format!("{low}–{high}"),
            _ => "–".to_string(),
        };
        let mut cells = vec![
            (false, r.scenario.clone()),
            (false, r.title.clone()),
            (true, r.attempts.to_string()),
            (true, r.trainees.to_string()),
        ];
        cells.extend([g.a, g.b, g.c, g.d, g.f].map(|n| (true, n.to_string())));
        cells.extend([
            (true, cell(r.mean_score)),
            (true, range),
            (
                true,
                r.average_time_s.map_or_else(|| "–".to_string(), duration),
            ),
        ]);
        html += &row(&cells);
    }
    html + "</tbody>\n</table>\n"
}

fn tag_names(tags: &[Practice]) -> String {
    let names: Vec<String> = tags.iter().map(|t| format!("{t:?}")).collect();
    names.join(", ")
}

fn mistakes(nodes: &[NodeChoices]) -> String {
    let mut html = header(&["Scenario / node", "Choice", "Tags", "Chosen", "Share"], 3);
    for n in nodes {
        for (i, c) in n.choices.iter().enumerate() {
            let node = match i {
                0 => format!("{} / {}", n.scenario, n.node),
                _ => String::new(),
            };
            let share = format!("{:.0}%", 100.0 * c.count as f64 / n.taken.max(1) as f64);
            let line = row(&[
                (false, node),
                (false, c.text.clone()),
                (false, tag_names(&c.tags)),
                (true, c.count.to_string()),
                (true, share),
            ]);
            html += &match c.anti_pattern {
                true => line.replacen("<tr>", "<tr class=\"anti\">", 1),
                false => line,
            };
        }
    }
    html + "</tbody>\n</table>\n"
}

fn filter_line(report: &Report) -> String {
    let f = &report.filter;
    let mut parts = Vec::new();
    if let Some(t) = &f.trainee {
        parts.push(format!("trainee {t}"));
    }
    if let Some(s) = &f.scenario {
        parts.push(format!("scenario {s}"));
    }
    if let Some(since) = f.since {
        parts.push(format!("attempts since {since}"));
    }
    let scope = match parts.is_empty() {
        true => "all attempts".to_string(),
        false => parts.join(", "),
    };
    format!("Generated {} over {scope}.", report.generated)
}

/// The whole page.
pub fn page(report: &Report) -> String {
    format!(
        "<!DOCTYPE html>
<html lang=\"en\">
<head>
<meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>Frontline: trainee records</title>
<style>{STYLE}</style>
</head>
<body>
<h1>Frontline: trainee records</h1>
<p class=\"note\">{filter}</p>
<h2>Trainees</h2>
{progress}{trainees}
<h2>Scenarios</h2>
{outcomes}{scenarios}
<h2>Where trainees go wrong</h2>
<p class=\"note\">Anti-patterns (red) first; the nodes where most were chosen first.</p>
{worst}{mistakes}
</body>
</html>
",
        filter = escape(&filter_line(report)),
        progress = chart::progress(&report.progress),
        trainees = trainees(&report.trainees),
        outcomes = chart::outcomes(&report.scenarios),
        scenarios = scenarios(&report.scenarios),
        worst = chart::mistakes(&report.mistakes, WORST_NODES),
        mistakes = mistakes(&report.mistakes),
    )
}
