//! The report's three charts as inline SVG, written by hand: a line chart of
//! scores over attempts, a stacked bar of outcome shares, and bars of the
//! choices taken where trainees go wrong. Hand-written SVG keeps the page
//! self-contained and deterministic and puts every label through one escape.

use crate::attempt::Verdict;
use crate::report::{NodeChoices, Progress, ScenarioRow};

use super::escape;

const WIDTH: f64 = 720.0;
const LINE_COLOURS: [&str; 8] = [
    "#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626",
];
const GOOD: &str = "#3b82f6";
const BAD: &str = "#dc2626";

fn verdict_colour(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Promoter => "#16a34a",
        Verdict::Passive => "#f59e0b",
        Verdict::Detractor => "#dc2626",
        Verdict::Abandoned => "#9ca3af",
    }
}

fn open(id: &str, height: f64, label: &str) -> String {
    format!(
        "<svg id=\"{id}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">\n",
        escape(label)
    )
}

fn text(x: f64, y: f64, anchor: &str, content: &str) -> String {
    format!(
        "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\">{}</text>\n",
        escape(content)
    )
}

fn empty(id: &str, label: &str, message: &str) -> String {
    open(id, 60.0, label) + &text(WIDTH / 2.0, 35.0, "middle", message) + "</svg>\n"
}

/// At most `max` characters, with an ellipsis if cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    text.chars().take(max - 1).collect::<String>() + "…"
}

/// Each trainee's scores (0–100) against their attempt number.
pub fn progress(series: &[Progress]) -> String {
    const ID: &str = "progress-chart";
    let label = "Score over attempts, per trainee";
    let longest = series.iter().map(|s| s.points.len()).max().unwrap_or(0);
    if longest == 0 {
        return empty(ID, label, "No finished attempts yet.");
    }
    let (left, right, top, plot_height) = (48.0, 160.0, 16.0, 200.0);
    let plot_width = WIDTH - left - right;
    let height = top + plot_height + 40.0;
    let x = |attempt: usize| match longest {
        1 => left + plot_width / 2.0,
        n => left + plot_width * (attempt - 1) as f64 / (n - 1) as f64,
    };
    let y = |score: u8| top + plot_height * (1.0 - f64::from(score) / 100.0);
    let mut svg = open(ID, height, label);
    for score in [0, 25, 50, 75, 100] {
        svg += &format!(
            "<line class=\"grid\" x1=\"{left}\" y1=\"{0:.1}\" x2=\"{1:.1}\" y2=\"{0:.1}\"/>\n",
            y(score),
            left + plot_width
        );
        svg += &text(left - 6.0, y(score) + 4.0, "end", &score.to_string());
    }
    for attempt in 1..=longest {
        let step = longest.div_ceil(10);
        if attempt == 1 || attempt == longest || attempt % step == 0 {
            svg += &text(
                x(attempt),
                top + plot_height + 18.0,
                "middle",
                &attempt.to_string(),
            );
        }
    }
    svg += &text(left + plot_width / 2.0, height - 4.0, "middle", "attempt");
    for (i, s) in series.iter().enumerate() {
        let colour = LINE_COLOURS[i % LINE_COLOURS.len()];
        let points: Vec<String> = s
            .points
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.attempt), y(p.score)))
            .collect();
        svg += &format!(
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>\n",
            points.join(" ")
        );
        for p in &s.points {
            let tip = format!(
                "{}, attempt {}: {} scored {}",
                s.trainee, p.attempt, p.scenario, p.score
            );
            svg += &format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{colour}\"><title>{}</title></circle>\n",
                x(p.attempt),
                y(p.score),
                escape(&tip)
            );
        }
        let legend_y = top + 14.0 + 18.0 * i as f64;
        svg += &format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{colour}\"/>\n",
            WIDTH - right + 16.0,
            legend_y - 10.0
        );
        svg += &text(
            WIDTH - right + 34.0,
            legend_y,
            "start",
            &shorten(&s.trainee, 18),
        );
    }
    svg + "</svg>\n"
}

/// One bar per scenario, split by the share of each way attempts ended.
pub fn outcomes(rows: &[ScenarioRow]) -> String {
    const ID: &str = "outcome-chart";
    let label = "Outcome shares per scenario";
    if rows.is_empty() {
        return empty(ID, label, "No attempts yet.");
    }
    let (left, top, bar, gap) = (140.0, 34.0, 22.0, 10.0);
    let plot_width = WIDTH - left - 20.0;
    let height = top + rows.len() as f64 * (bar + gap) + 10.0;
    let mut svg = open(ID, height, label);
    for (i, verdict) in Verdict::ALL.iter().enumerate() {
        let x = left + 120.0 * i as f64;
        svg += &format!(
            "<rect x=\"{x:.1}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{}\"/>\n",
            verdict_colour(*verdict)
        );
        svg += &text(x + 18.0, 17.0, "start", verdict.name());
    }
    for (row_index, row) in rows.iter().enumerate() {
        let y = top + row_index as f64 * (bar + gap);
        svg += &text(
            left - 8.0,
            y + bar * 0.7,
            "end",
            &shorten(&row.scenario, 20),
        );
        let total = row.verdicts.total().max(1) as f64;
        let mut x = left;
        for verdict in Verdict::ALL {
            let count = row.verdicts.get(verdict);
            if count == 0 {
                continue;
            }
            let share = count as f64 / total;
            let tip = format!(
                "{}: {} {count} of {} ({:.0}%)",
                row.scenario,
                verdict.name(),
                row.verdicts.total(),
                share * 100.0
            );
            svg += &format!(
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bar}\" fill=\"{}\"><title>{}</title></rect>\n",
                share * plot_width,
                verdict_colour(verdict),
                escape(&tip)
            );
            x += share * plot_width;
        }
    }
    svg + "</svg>\n"
}

/// The choices taken at the `limit` nodes with most anti-patterns chosen.
pub fn mistakes(nodes: &[NodeChoices], limit: usize) -> String {
    const ID: &str = "mistake-chart";
    let label = "Choices at the nodes where most go wrong";
    let worst: Vec<&NodeChoices> = nodes
        .iter()
        .filter(|n| n.anti_patterns > 0)
        .take(limit)
        .collect();
    if worst.is_empty() {
        return empty(ID, label, "No anti-pattern chosen yet.");
    }
    let (left, bar, gap, heading) = (300.0, 18.0, 6.0, 26.0);
    let plot_width = WIDTH - left - 50.0;
    let bars: usize = worst.iter().map(|n| n.choices.len()).sum();
    let height = worst.len() as f64 * (heading + 8.0) + bars as f64 * (bar + gap) + 8.0;
    let most = worst
        .iter()
        .flat_map(|n| n.choices.iter().map(|c| c.count))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut svg = open(ID, height, label);
    let mut y = 0.0;
    for node in worst {
        y += heading;
        let title = format!(
            "{} / {}: {} of {} choices were anti-patterns",
            node.scenario, node.node, node.anti_patterns, node.taken
        );
        svg += &format!(
            "<text class=\"heading\" x=\"4\" y=\"{:.1}\">{}</text>\n",
            y - 8.0,
            escape(&title)
        );
        for c in &node.choices {
            let colour = if c.anti_pattern { BAD } else { GOOD };
            let width = plot_width * c.count as f64 / most;
            svg += &text(left - 8.0, y + bar * 0.75, "end", &shorten(&c.text, 44));
            svg += &format!(
                "<rect x=\"{left}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{bar}\" fill=\"{colour}\"><title>{}</title></rect>\n",
                escape(&format!("{} (chosen {} times)", c.text, c.count))
            );
            svg += &text(
                left + width + 6.0,
                y + bar * 0.75,
                "start",
                &c.count.to_string(),
            );
            y += bar + gap;
        }
        y += 8.0;
    }
    svg + "</svg>\n"
}
