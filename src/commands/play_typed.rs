//! `play --text --type`: the trainee types each reply in their own words.
//! The matcher reads it and the core's typing rules decide what happens:
//! the reading is shown back to confirm, two close readings are asked
//! about, and a reply the customer doesn't follow twice brings up the list.

use std::io::{self, BufRead, Write};
use std::path::Path;

use frontline_core::runner::{Journal, Told};
use frontline_core::terminal::{shown, shown_lines};
use frontline_core::typing::{Next, Said, TypedTurn};
use frontline_core::{Playthrough, Prompt, Scenario, State};
use frontline_match::{Matcher, PLAY_THREADS, Replies};

use super::play_text::Terminal;

/// The matcher with a scenario's replies embedded.
pub(crate) struct Typing {
    matcher: Matcher,
    replies: Replies,
}

impl Typing {
    pub fn load(model: &Path, scenario: &Scenario) -> Result<Typing, String> {
        let matcher = Matcher::load(model, PLAY_THREADS)
            .map_err(|e| format!("typed replies need the model in {}: {e}", model.display()))?;
        let replies = matcher.replies(scenario)?;
        Ok(Typing { matcher, replies })
    }
}

impl<I: BufRead, O: Write> Terminal<I, O> {
    /// One reply in the trainee's own words, taken; `None` when the input
    /// ends first.
    pub(crate) fn typed_turn(
        &mut self,
        typing: &Typing,
        playthrough: &mut Playthrough,
        journal: &mut dyn Journal,
    ) -> io::Result<Option<Told>> {
        let session = playthrough.session();
        let State::Waiting { node, .. } = session.state() else {
            return Ok(None);
        };
        let offered = session.offered().to_vec();
        let customer = session.customer_name().to_string();
        let mut turn = TypedTurn::default();
        let said = loop {
            let prompt = "Your reply, in your own words (? lists the replies): ";
            let Some(text) = self.read_line(prompt)? else {
                return Ok(None);
            };
            if text.trim() == "?" {
                break self.pick(playthrough, turn.picked())?;
            }
            let reading = (typing.matcher)
                .read(&typing.replies, node, &offered, &text)
                .map_err(io::Error::other)?;
            match turn.hear(&text, reading.heard()) {
                Next::Confirm { choice, score } => {
                    let reply = reply_text(playthrough, node, choice);
                    writeln!(self.out, "  You said, in effect: «{}»", shown_lines(&reply))?;
                    let answer =
                        self.read_line("  Is that what you meant? (Enter: yes, n: no) ")?;
                    break match answer.as_deref().map(str::trim) {
                        None => return Ok(None),
                        Some("n" | "N" | "no") => self.pick(playthrough, turn.picked())?,
                        Some(_) => Some((choice, turn.understood(score))),
                    };
                }
                Next::Ask { first, second } => {
                    writeln!(self.out, "  Did you mean:")?;
                    for (n, (choice, _)) in [first, second].iter().enumerate() {
                        let reply = reply_text(playthrough, node, *choice);
                        writeln!(self.out, "    {}. {}", n + 1, shown_lines(&reply))?;
                    }
                    let Some(n) = self.read_number("  Which (0: neither)", 0..=2, false)? else {
                        return Ok(None);
                    };
                    break match n {
                        1 => Some((first.0, turn.understood(first.1))),
                        2 => Some((second.0, turn.understood(second.1))),
                        _ => self.pick(playthrough, turn.picked())?,
                    };
                }
                Next::Puzzled => writeln!(
                    self.out,
                    "  {} looks puzzled. Try saying it another way.",
                    shown(&customer)
                )?,
                Next::ShowReplies => {
                    writeln!(
                        self.out,
                        "  {} still doesn't follow. These are the replies you could give:",
                        shown(&customer)
                    )?;
                    break self.pick(playthrough, turn.picked())?;
                }
            }
        };
        let Some((choice, said)) = said else {
            return Ok(None);
        };
        let told = playthrough
            .choose_said(choice, said, journal)
            .map_err(io::Error::other)?;
        Ok(Some(told))
    }

    /// The offered replies listed, one picked; `None` when the input ends.
    fn pick(&mut self, playthrough: &Playthrough, said: Said) -> io::Result<Option<(usize, Said)>> {
        let Prompt::Choose { offers, .. } = playthrough.prompt() else {
            return Ok(None);
        };
        for (i, offer) in offers.iter().enumerate() {
            writeln!(self.out, "  {}. {}", i + 1, shown_lines(offer.text))?;
        }
        let choices: Vec<usize> = offers.iter().map(|o| o.choice).collect();
        let picked = self.read_number("Your choice", 1..=choices.len(), false)?;
        Ok(picked.map(|n| (choices[n - 1], said)))
    }
}

fn reply_text(playthrough: &Playthrough, node: usize, choice: usize) -> String {
    let scenario = playthrough.session().scenario();
    scenario.nodes[node].choices[choice].text.clone()
}
