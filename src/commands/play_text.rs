//! `frontline play --text`: a scenario in the terminal. Choices are read from
//! standard input one number per line, so a playthrough can be scripted.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use frontline_core::scenario::Speaker;
use frontline_core::{Debrief, Practice, Session, State};
use frontline_records::{DATABASE_FILE, Mode, Recorder};

use super::USAGE_OR_IO;
use crate::cli::PlayArgs;

pub fn run(dir: &Path, data: &Path, args: &PlayArgs) -> ExitCode {
    let catalog = match super::catalog(dir) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    let Some(name) = &args.scenario else {
        eprintln!("frontline: name a scenario to play, e.g. `frontline play --text caviar`");
        return ExitCode::from(USAGE_OR_IO);
    };
    let Some(loaded) = catalog.find(name) else {
        let ids: Vec<&str> = catalog.loaded().map(|l| l.scenario.id.as_str()).collect();
        eprintln!(
            "frontline: no scenario `{name}` in {} (found: {})",
            dir.display(),
            ids.join(", ")
        );
        return ExitCode::from(USAGE_OR_IO);
    };
    let seed = args
        .seed
        .unwrap_or_else(|| rand::random_range(0..1_000_000));
    let session = Session::new(Arc::new(loaded.scenario.clone()), seed);
    let trainee = args.trainee.clone().unwrap_or_else(default_trainee);
    let mut recorder =
        Recorder::open(data.join(DATABASE_FILE), &trainee).unwrap_or_else(|e| Recorder::off(&e));
    let mode = if args.exam { Mode::Exam } else { Mode::Coach };
    recorder.start(&session, &loaded.source, mode);
    let stdin = io::stdin();
    let echo = !stdin.is_terminal();
    let terminal = Terminal {
        input: stdin.lock(),
        out: io::stdout().lock(),
        echo,
        coach: !args.exam,
    };
    let result = terminal.play(session, &mut recorder);
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("frontline: {e}");
            ExitCode::from(USAGE_OR_IO)
        }
    }
}

/// The trainee's name when none is given: the account's.
fn default_trainee() -> String {
    std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "trainee".to_string())
}

struct Terminal<I, O> {
    input: I,
    out: O,
    /// Repeat each answer, so a transcript of piped input reads like a typed one.
    echo: bool,
    /// Feedback after each choice rather than only in the debrief.
    coach: bool,
}

impl<I: BufRead, O: Write> Terminal<I, O> {
    /// Plays to the end, recording as it goes; `Ok(false)` when the input ran
    /// out or the scenario got stuck.
    fn play(mut self, mut session: Session, recorder: &mut Recorder) -> io::Result<bool> {
        let out = &mut self.out;
        intro(&session, out)?;
        match recorder.off_reason() {
            None => writeln!(
                out,
                "  Recording as {} (see `frontline report`).",
                recorder.trainee()
            )?,
            Some(reason) => writeln!(out, "  {reason}.")?,
        }
        loop {
            match session.state() {
                State::Ended { .. } => {
                    let debrief = Debrief::of(&session).expect("the session has ended");
                    recorder.finish(&debrief);
                    print_debrief(&debrief, &session, out)?;
                    return Ok(true);
                }
                State::Stuck { node } => {
                    let id = &session.scenario().nodes[node].id;
                    writeln!(
                        out,
                        "\nThe scenario is stuck at node `{id}`: no choice can be offered there."
                    )?;
                    writeln!(out, "Run `frontline validate` on it and tell its author.")?;
                    return Ok(false);
                }
                State::Waiting { .. } => {}
            }
            let (node, line) = session.current().expect("waiting at a node");
            let speaker = match node.speaker {
                Speaker::Customer => session.customer_name().to_string(),
                Speaker::Narrator => "*".to_string(),
                Speaker::Staff => "Staff".to_string(),
            };
            writeln!(out, "\n{speaker}: {line}")?;
            let offers: Vec<&str> = session
                .offered()
                .iter()
                .map(|&c| node.choices[c].text.as_str())
                .collect();
            for (i, text) in offers.iter().enumerate() {
                writeln!(out, "  {}. {text}", i + 1)?;
            }
            let Some(offer) = read_choice(offers.len(), self.echo, &mut self.input, out)? else {
                writeln!(out, "\nInput ended before the conversation did.")?;
                writeln!(out, "Replay with: {}", replay_command(&session))?;
                return Ok(false);
            };
            let before = session.meters().to_vec();
            let step = session.choose(offer).expect("offer was checked");
            let (node, choice) = (step.node, step.choice);
            recorder.choice(&session);
            let choice = &session.scenario().nodes[node].choices[choice];
            writeln!(out, "  You: {}", choice.text)?;
            if self.coach {
                writeln!(
                    out,
                    "  Feedback{}: {}",
                    tag_list(&choice.tags),
                    choice.feedback
                )?;
            }
            writeln!(out, "  {}", meter_line(&session, &before))?;
        }
    }
}

fn intro(session: &Session, out: &mut impl Write) -> io::Result<()> {
    let s = session.scenario();
    writeln!(out, "=== {} ===", s.title)?;
    writeln!(
        out,
        "Seed {} (replay: {})",
        session.seed(),
        replay_command(session)
    )?;
    writeln!(out, "\n{}", s.briefing)?;
    writeln!(
        out,
        "\nCustomer: {}. {}",
        session.customer_name(),
        s.customer.persona
    )?;
    if let Some(p) = session.persona() {
        writeln!(out, "  Today: {}", s.customer.personas[p].description)?;
    }
    writeln!(out, "  Expects: {}", s.customer.expectation)?;
    writeln!(out, "  Because of: {}", s.customer.source)?;
    writeln!(out, "  {}", meter_line(session, session.meters()))
}

fn read_choice(
    count: usize,
    echo: bool,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> io::Result<Option<usize>> {
    loop {
        write!(out, "Your choice (1-{count}): ")?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if echo {
            writeln!(out, "{}", line.trim_end())?;
        }
        match line.trim().parse::<usize>() {
            Ok(n) if (1..=count).contains(&n) => return Ok(Some(n - 1)),
            _ => writeln!(out, "Type a number from 1 to {count}.")?,
        }
    }
}

/// `Satisfaction 45 (+5) | Trust 50 | Expectation gap 40 (-20)`
fn meter_line(session: &Session, before: &[i32]) -> String {
    let meters = &session.scenario().meters;
    let parts: Vec<String> = meters
        .iter()
        .zip(session.meters().iter().zip(before))
        .map(|(m, (&now, &was))| match i64::from(now) - i64::from(was) {
            0 => format!("{} {now}", m.label),
            delta => format!("{} {now} ({delta:+})", m.label),
        })
        .collect();
    parts.join(" | ")
}

/// ` [Understanding: asked about their expectation; …]`, or nothing.
fn tag_list(tags: &[Practice]) -> String {
    if tags.is_empty() {
        return String::new();
    }
    let names: Vec<String> = tags.iter().map(Practice::to_string).collect();
    format!(" [{}]", names.join("; "))
}

fn replay_command(session: &Session) -> String {
    format!(
        "frontline play --text {} --seed {}",
        session.scenario().id,
        session.seed()
    )
}

fn print_debrief(d: &Debrief, session: &Session, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "\n=== Debrief ===")?;
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
        "  How the customer ended up: {:.0}% | How you served: {:.0}%",
        d.customer * 100.0,
        d.practice * 100.0
    )?;
    writeln!(out, "\nPractices:")?;
    for p in &d.pillars {
        let used: Vec<String> = p
            .practices
            .iter()
            .map(|(t, n)| format!("{} x{n}", t.label()))
            .collect();
        let used = if used.is_empty() {
            "none".to_string()
        } else {
            used.join(", ")
        };
        writeln!(
            out,
            "  {:<14} {} choice(s): {used}",
            p.pillar.name(),
            p.choices
        )?;
    }
    writeln!(out, "\nYour path:")?;
    for (i, step) in d.steps.iter().enumerate() {
        writeln!(out, "  {}. They said: {}", i + 1, step.line)?;
        writeln!(
            out,
            "     You said: {}{}",
            step.choice,
            tag_list(&step.tags)
        )?;
        writeln!(out, "     {}", step.feedback)?;
    }
    if !d.advice.is_empty() {
        writeln!(out, "\nTo work on:")?;
        for advice in &d.advice {
            writeln!(out, "  - {advice}")?;
        }
    }
    writeln!(out, "\nReplay this session: {}", replay_command(session))
}
