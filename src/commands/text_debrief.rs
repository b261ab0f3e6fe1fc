//! The debrief in the terminal: what the runner concluded, printed. Shared by
//! `play --text` and the report command's reopened attempts.

use std::io::{self, Write};

use frontline_core::review::{Focus, Hindsight, Turn};
use frontline_core::runner::{MeterChange, PersonalBest};
use frontline_core::terminal::{shown, shown_lines};
use frontline_core::typing::Said;
use frontline_core::{Conclusion, Practice, Scenario, Session};

use super::play_text::replay_command;

pub fn print(c: &Conclusion, session: &Session, out: &mut impl Write) -> io::Result<()> {
    // The scenario's texts are printed as lines; none may drive the terminal.
    let mut text = Vec::new();
    debrief(c, session, &mut text)?;
    out.write_all(shown_lines(&String::from_utf8_lossy(&text)).as_bytes())
}

fn debrief(c: &Conclusion, session: &Session, out: &mut impl Write) -> io::Result<()> {
    let d = &c.debrief;
    writeln!(out, "\n=== Debrief ===")?;
    if let Some(retry) = c.retry {
        writeln!(out, "(Turn {} tried again.)", retry.turn)?;
    }
    writeln!(out, "Ending: {}. {}", d.ending_title, d.ending_text)?;
    writeln!(out, "Outcome: {:?}", d.outcome)?;
    writeln!(
        out,
        "Score: {}/100, grade {:?} ({})",
        d.score,
        d.grade,
        d.grade.meaning()
    )?;
    writeln!(
        out,
        "  The customer's satisfaction: {:.0}% (60% of the score) | Your service practices: {:.0}% (40%)",
        d.customer * 100.0,
        d.practice * 100.0
    )?;
    if let Some(recall) = d.recall {
        writeln!(out, "  {}", recall.summary())?;
    }
    if let Some(bounds) = c.bounds {
        writeln!(out, "  Best possible in this scenario: {}", bounds.best)?;
    }
    if let Some(line) = personal_best(c.personal_best) {
        writeln!(out, "  {line}")?;
    }
    where_the_points_went(&c.hindsight, out)?;
    to_work_on(&c.hindsight.focus, out)?;
    path(c, out)?;
    writeln!(out, "\nReplay this session: {}", replay_command(session))
}

fn personal_best(best: PersonalBest) -> Option<String> {
    match best {
        PersonalBest::Unknown => None,
        PersonalBest::First => Some("Your first recorded attempt at this scenario.".into()),
        PersonalBest::Improved { previous } => {
            Some(format!("New personal best (your best was {previous})."))
        }
        PersonalBest::Kept { best } => Some(format!("Your best so far: {best}.")),
    }
}

fn where_the_points_went(h: &Hindsight, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "\nWhere the points went:")?;
    writeln!(out, "  {}", h.overview())?;
    for turn in h.costly() {
        costly_turn(turn, out)?;
    }
    Ok(())
}

fn costly_turn(turn: &Turn, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "  Turn {} ({}): they said: {}",
        turn.number,
        minus(turn.lost()),
        turn.line
    )?;
    writeln!(
        out,
        "     You said: {}{}",
        turn.chosen.text,
        tag_list(&turn.chosen.tags)
    )?;
    if let Some((better, keeps)) = &turn.better {
        writeln!(
            out,
            "     Better:   {}{}",
            better.text,
            tag_list(&better.tags)
        )?;
        let kept = turn.kept.map_or("no ending".into(), |k| k.to_string());
        writeln!(
            out,
            "     It guaranteed {keeps}; yours, {kept}. {}",
            better.feedback
        )?;
    }
    Ok(())
}

fn to_work_on(focus: &[Focus], out: &mut impl Write) -> io::Result<()> {
    if !focus.is_empty() {
        writeln!(out, "\nTo work on next:")?;
    }
    for (i, f) in focus.iter().enumerate() {
        writeln!(out, "  {}. {}", i + 1, f.summary())?;
    }
    Ok(())
}

fn path(c: &Conclusion, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "\nYour path:")?;
    for turn in &c.hindsight.turns {
        writeln!(out, "  {}. They said: {}", turn.number, turn.line)?;
        let chosen = &turn.chosen;
        if let Some(typed) = c.said.get(turn.number - 1).and_then(Said::typed_words) {
            writeln!(out, "     You typed: {typed}")?;
        }
        writeln!(
            out,
            "     You said: {}{}",
            chosen.text,
            tag_list(&chosen.tags)
        )?;
        writeln!(out, "     {}", chosen.feedback)?;
    }
    Ok(())
}

/// `−12`, with a real minus sign.
fn minus(points: u8) -> String {
    format!("\u{2212}{points}")
}

/// `Satisfaction 45 (+5) | Trust 50 | Expectation gap 40 (-20)`
pub fn meter_line(scenario: &Scenario, meters: &[MeterChange]) -> String {
    let parts: Vec<String> = meters
        .iter()
        .map(|m| {
            let label = shown(&scenario.meters[m.meter].label);
            match m.delta() {
                0 => format!("{label} {}", m.after),
                delta => format!("{label} {} ({delta:+})", m.after),
            }
        })
        .collect();
    parts.join(" | ")
}

/// ` [Understanding: asked about their expectation; …]`, or nothing.
pub fn tag_list(tags: &[Practice]) -> String {
    if tags.is_empty() {
        return String::new();
    }
    let names: Vec<String> = tags.iter().map(Practice::to_string).collect();
    format!(" [{}]", names.join("; "))
}
