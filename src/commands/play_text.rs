//! `frontline play --text`: a scenario in the terminal, a thin view over the
//! core's [`Playthrough`]. Choices are read from standard input one number
//! per line, so a playthrough can be scripted.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use frontline_core::runner::{Journal, MeterChange, NoJournal, Retry, Told, fresh_seed};
use frontline_core::script::Script;
use frontline_core::terminal::{shown, shown_lines};
use frontline_core::{Mode, Playthrough, Prepared, Prompt, Session};
use frontline_records::lrs::Lrs;
use frontline_records::{DATABASE_FILE, Recorder};

use super::USAGE_OR_IO;
use super::play_typed::Typing;
use super::text_debrief::{self, meter_line, tag_list};
use crate::cli::PlayArgs;

/// Exit code when the session was played but recording failed on the way.
const NOT_RECORDED: u8 = 3;

pub fn run(dir: &Path, data: &Path, lrs: Option<&str>, args: &PlayArgs) -> ExitCode {
    let Some(name) = &args.scenario else {
        eprintln!("frontline: name a scenario to play, e.g. `frontline play --text caviar`");
        return ExitCode::from(USAGE_OR_IO);
    };
    let loaded = match super::scenario(dir, name) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let prepared = Prepared::new(loaded.scenario, loaded.source);
    let seed = args.seed.unwrap_or_else(fresh_seed);
    let mode = if args.exam { Mode::Exam } else { Mode::Coach };
    let script = match args
        .path
        .as_deref()
        .map(|p| Script::parse(&prepared.scenario, p))
    {
        Some(Err(why)) => {
            eprintln!("frontline: --path: {why}");
            return ExitCode::from(USAGE_OR_IO);
        }
        Some(Ok(script)) => Some(script),
        None => None,
    };
    let mut journal: Box<dyn Journal> = if args.no_record || script.is_some() {
        Box::new(NoJournal)
    } else {
        let trainee = args.trainee.clone().unwrap_or_else(default_trainee);
        let mut recorder = Recorder::open(data.join(DATABASE_FILE), &trainee)
            .unwrap_or_else(|e| Recorder::off(&e));
        // Sent in the background; what is left when the debrief is over
        // waits in the records for the next run or `frontline sync`.
        match Lrs::configured(lrs, data) {
            Ok(Some(store)) => recorder.send_to(&store),
            Ok(None) => {}
            Err(e) => {
                eprintln!("frontline: {e}");
                return ExitCode::from(USAGE_OR_IO);
            }
        }
        let status = match recorder.off_reason() {
            None => format!("Recording as {} (see `frontline report`).", shown(&trainee)),
            Some(reason) => format!("{reason}."),
        };
        println!("{status}");
        Box::new(recorder)
    };
    let typing = match args.typed {
        true => match Typing::load(
            &crate::paths::assets_dir().join("model"),
            &prepared.scenario,
        ) {
            Ok(typing) => Some(typing),
            Err(e) => {
                eprintln!("frontline: {e}");
                return ExitCode::from(USAGE_OR_IO);
            }
        },
        false => None,
    };
    let stdin = io::stdin();
    let mut terminal = Terminal {
        echo: !stdin.is_terminal(),
        input: stdin.lock(),
        out: io::stdout().lock(),
        recording_failed: false,
        script: script
            .as_ref()
            .map(|s| s.choices().into_iter().rev().collect()),
    };
    let playthrough = match &script {
        Some(script) => Playthrough::scripted(&prepared, seed, script, mode),
        None => Playthrough::new(&prepared, seed, mode),
    };
    match terminal.play(playthrough, journal.as_mut(), typing.as_ref()) {
        Ok(Finished::Debriefed) if terminal.recording_failed => ExitCode::from(NOT_RECORDED),
        Ok(Finished::Debriefed) => ExitCode::SUCCESS,
        Ok(Finished::Early) => ExitCode::FAILURE,
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

/// How a terminal session ended.
pub(crate) enum Finished {
    /// The conversation ended and the debrief was shown.
    Debriefed,
    /// The input ran out, or the scenario got stuck.
    Early,
}

pub(crate) struct Terminal<I, O> {
    pub input: I,
    pub out: O,
    /// Repeat each answer, so a transcript of piped input reads like a typed one.
    pub echo: bool,
    pub recording_failed: bool,
    /// A path's choices (node, choice as written), taken instead of reading
    /// the input until they run out; the earliest last.
    pub script: Option<Vec<(usize, usize)>>,
}

impl<I: BufRead, O: Write> Terminal<I, O> {
    /// Plays to the end and through any "try that moment again" the trainee
    /// asks for from the debrief.
    pub fn play(
        &mut self,
        mut playthrough: Playthrough,
        journal: &mut dyn Journal,
        typing: Option<&Typing>,
    ) -> io::Result<Finished> {
        intro(playthrough.session(), playthrough.mode(), &mut self.out)?;
        loop {
            playthrough.start(journal);
            if let Some(reason) = journal.take_failure() {
                self.recording_stopped(&reason)?;
            }
            if let Finished::Early = self.converse(&mut playthrough, journal, typing)? {
                return Ok(Finished::Early);
            }
            let Some(conclusion) = playthrough.conclusion() else {
                return Ok(Finished::Early);
            };
            text_debrief::print(conclusion, playthrough.session(), &mut self.out)?;
            if self.recording_failed {
                writeln!(
                    self.out,
                    "\nThis session was NOT fully recorded (see above)."
                )?;
            }
            let turns = conclusion.debrief.steps.len();
            let Some(turn) = self.ask_retry(turns)?.filter(|_| self.script.is_none()) else {
                return Ok(Finished::Debriefed);
            };
            let retry = Retry {
                of: conclusion.attempt,
                turn,
            };
            let record = conclusion.record.clone();
            let prepared = playthrough.prepared().clone();
            playthrough = Playthrough::retry(&prepared, &record, retry, playthrough.mode())
                .map_err(io::Error::other)?;
            writeln!(
                self.out,
                "\n=== Turn {turn} again: this time, which reply keeps the most? ==="
            )?;
        }
    }

    /// The conversation, prompt by prompt, until it ends.
    fn converse(
        &mut self,
        playthrough: &mut Playthrough,
        journal: &mut dyn Journal,
        typing: Option<&Typing>,
    ) -> io::Result<Finished> {
        loop {
            let count = match playthrough.prompt() {
                Prompt::Ended { .. } => return Ok(Finished::Debriefed),
                Prompt::Stuck { node } => {
                    writeln!(self.out, "\n{}", shown(&Prompt::stuck_message(node)))?;
                    return Ok(Finished::Early);
                }
                Prompt::Choose {
                    speaker,
                    line,
                    offers,
                    ..
                } => {
                    let line = shown_lines(line);
                    match speaker {
                        Some(name) => writeln!(self.out, "\n{}: {line}", shown(name))?,
                        None => writeln!(self.out, "\n* {line}")?,
                    }
                    if typing.is_none() {
                        for (i, offer) in offers.iter().enumerate() {
                            writeln!(self.out, "  {}. {}", i + 1, shown_lines(offer.text))?;
                        }
                    }
                    offers.len()
                }
            };
            let told = if let Some(typing) = typing {
                let Some(told) = self.typed_turn(typing, playthrough, journal)? else {
                    return self.ended_early(playthrough);
                };
                told
            } else if self.script.as_ref().is_some_and(|s| !s.is_empty()) {
                let Some(told) = self.follow_script(playthrough, journal)? else {
                    return Ok(Finished::Early);
                };
                told
            } else {
                let Some(offer) = self.read_number("Your choice", 1..=count, false)? else {
                    return self.ended_early(playthrough);
                };
                playthrough
                    .choose(offer - 1, journal)
                    .map_err(io::Error::other)?
            };
            self.tell(&told, playthrough.session())?;
        }
    }

    /// The input ran out before the conversation did.
    fn ended_early(&mut self, playthrough: &Playthrough) -> io::Result<Finished> {
        writeln!(self.out, "\nInput ended before the conversation did.")?;
        let session = playthrough.session();
        writeln!(self.out, "Replay with: {}", replay_command(session))?;
        Ok(Finished::Early)
    }

    /// Takes the path's next choice, shown as if typed; `None` (having said
    /// why) when the conversation has left the path.
    fn follow_script(
        &mut self,
        playthrough: &mut Playthrough,
        journal: &mut dyn Journal,
    ) -> io::Result<Option<Told>> {
        let session = playthrough.session();
        let at = session.current().map(|(node, _)| node.id.clone());
        let next = self.script.as_mut().and_then(Vec::pop);
        let scenario = Arc::clone(session.scenario());
        let Some((node, choice)) =
            next.filter(|&(n, _)| Some(&scenario.nodes[n].id) == at.as_ref())
        else {
            let expected = next.map_or("its end".into(), |(n, c)| {
                format!("{}:{}", shown(&scenario.nodes[n].id), c + 1)
            });
            let at = shown(&at.unwrap_or_default()).into_owned();
            writeln!(
                self.out,
                "\nThe path expected {expected}, but the conversation is at `{at}`."
            )?;
            return Ok(None);
        };
        let offer = session.offered().iter().position(|&c| c == choice);
        let typed = offer.map_or("?".into(), |o| (o + 1).to_string());
        writeln!(
            self.out,
            "Your choice: {typed}   (path: {}:{})",
            shown(&scenario.nodes[node].id),
            choice + 1
        )?;
        let told = playthrough
            .choose_written(choice, journal)
            .map_err(io::Error::other)?;
        Ok(Some(told))
    }

    /// What the runner says about a reply.
    fn tell(&mut self, told: &Told, session: &Session) -> io::Result<()> {
        writeln!(self.out, "  You: {}", shown_lines(&told.said))?;
        if let Some(feedback) = &told.feedback {
            let tags = tag_list(&feedback.tags);
            writeln!(
                self.out,
                "  Feedback{tags}: {}",
                shown_lines(&feedback.text)
            )?;
        }
        if let Some(meters) = &told.meters {
            writeln!(self.out, "  {}", meter_line(session.scenario(), meters))?;
        }
        if let Some(reason) = &told.recording_failed {
            self.recording_stopped(reason)?;
        }
        Ok(())
    }

    fn recording_stopped(&mut self, reason: &str) -> io::Result<()> {
        self.recording_failed = true;
        writeln!(self.out, "  !! Recording stopped: {reason}.")
    }

    /// After the debrief: a turn to try again, or `None` to finish.
    fn ask_retry(&mut self, turns: usize) -> io::Result<Option<usize>> {
        if turns == 0 {
            return Ok(None);
        }
        writeln!(
            self.out,
            "\nTry a moment again: type its turn number (1-{turns}), or press Enter to finish."
        )?;
        self.read_number("Turn", 1..=turns, true)
    }

    /// A number in `range` typed on its own line; `None` when the input ends
    /// or, if `optional`, the line is empty.
    pub(crate) fn read_number(
        &mut self,
        what: &str,
        range: std::ops::RangeInclusive<usize>,
        optional: bool,
    ) -> io::Result<Option<usize>> {
        let (low, high) = (*range.start(), *range.end());
        loop {
            let Some(line) = self.read_line(&format!("{what} ({low}-{high}): "))? else {
                return Ok(None);
            };
            if optional && line.trim().is_empty() {
                return Ok(None);
            }
            match line.trim().parse::<usize>() {
                Ok(n) if range.contains(&n) => return Ok(Some(n)),
                _ => writeln!(self.out, "Type a number from {low} to {high}.")?,
            }
        }
    }

    /// A line typed after `prompt`, without its line break; `None` when the
    /// input ends.
    pub(crate) fn read_line(&mut self, prompt: &str) -> io::Result<Option<String>> {
        write!(self.out, "{prompt}")?;
        self.out.flush()?;
        let mut bytes = Vec::new();
        if self.input.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(None);
        }
        // Whatever bytes were typed, answer them rather than abort.
        let line = String::from_utf8_lossy(&bytes).trim_end().to_string();
        if self.echo {
            writeln!(self.out, "{}", shown(&line))?;
        }
        Ok(Some(line))
    }
}

fn intro(session: &Session, mode: Mode, out: &mut impl Write) -> io::Result<()> {
    let s = session.scenario();
    writeln!(out, "=== {} ===", shown(&s.title))?;
    writeln!(
        out,
        "Seed {} (replay: {})",
        session.seed(),
        replay_command(session)
    )?;
    if mode == Mode::Exam {
        writeln!(out, "Exam mode: feedback and meters wait for the debrief.")?;
    }
    writeln!(out, "\n{}", shown_lines(&s.briefing))?;
    writeln!(
        out,
        "\nCustomer: {}. {}",
        shown(session.customer_name()),
        shown_lines(&s.customer.persona)
    )?;
    if let Some(p) = session.persona() {
        let today = &s.customer.personas[p].description;
        writeln!(out, "  Today: {}", shown_lines(today))?;
    }
    writeln!(out, "  Expects: {}", shown_lines(&s.customer.expectation))?;
    writeln!(out, "  Because of: {}", shown_lines(&s.customer.source))?;
    if mode == Mode::Coach {
        writeln!(
            out,
            "  {}",
            meter_line(s, &MeterChange::none(session.meters()))
        )?;
    }
    Ok(())
}

/// The command that replays the session, ready to paste into a POSIX shell.
pub(crate) fn replay_command(session: &Session) -> String {
    let id = shell_quoted(&session.scenario().id);
    let command = format!("frontline play --text {id} --seed {}", session.seed());
    shown(&command).into_owned()
}

/// `word` as one shell word: as it is when it is plain, else in single
/// quotes with each `'` written `'\''`.
fn shell_quoted(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-.,:/@%+=".contains(c);
    match !word.is_empty() && word.chars().all(plain) {
        true => word.to_string(),
        false => format!("'{}'", word.replace('\'', "'\\''")),
    }
}
