//! Replies typed in the trainee's own words: what happens after the matcher
//! (its own crate) has read one. The game and the text mode both follow
//! these rules, so a typed turn goes the same way in either.
//!
//! A reply read as one of the offered replies is shown back ("You said, in
//! effect: …") for the trainee to confirm or to say it is not what they
//! meant; two replies too close to tell apart are asked about; a reply that
//! means none of them puzzles the customer, and after
//! [`MISSES_BEFORE_REPLIES`] such replies the offered replies are shown.

use serde::{Deserialize, Serialize};

/// How many replies that mean nothing on offer a trainee types before the
/// offered replies are shown.
pub const MISSES_BEFORE_REPLIES: u8 = 2;

/// What the matcher made of a typed reply among the replies offered now
/// (choices as written in the file, with how close the reply came).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Heard {
    Means {
        choice: usize,
        score: f32,
    },
    EitherOf {
        first: (usize, f32),
        second: (usize, f32),
    },
    Nothing,
}

/// What to do next in a typed turn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Next {
    /// Show the reply it was read as, and wait for a yes or a "that's not
    /// what I meant".
    Confirm { choice: usize, score: f32 },
    /// Ask which of two replies was meant.
    Ask {
        first: (usize, f32),
        second: (usize, f32),
    },
    /// The customer doesn't follow; the trainee says it again.
    Puzzled,
    /// Show the offered replies to pick from.
    ShowReplies,
}

/// How the trainee gave a reply; recorded with the choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "said", rename_all = "snake_case")]
pub enum Said {
    /// Picked from the replies shown.
    Picked,
    /// In their own words, read as the reply taken (confirmed by them, or
    /// picked between the two it could mean). `score` is how close it came.
    Typed { text: String, score: f32 },
    /// Typed, then picked from the replies shown: the reading was not what
    /// they meant, or the customer did not follow.
    Corrected { text: String },
}

impl Said {
    /// Whether the reply was recalled in the trainee's own words, which
    /// earns the recall bonus (see `docs/scoring.md`).
    pub fn recalled(&self) -> bool {
        matches!(self, Said::Typed { .. })
    }

    /// What the trainee typed, and how it was taken, as the debrief says it.
    pub fn typed_words(&self) -> Option<String> {
        match self {
            Said::Picked => None,
            Said::Typed { text, .. } => Some(format!("«{text}»")),
            Said::Corrected { text } => Some(format!("«{text}» (then picked from the list)")),
        }
    }

    /// What the trainee typed, if they typed.
    pub fn text(&self) -> Option<&str> {
        match self {
            Said::Picked => None,
            Said::Typed { text, .. } | Said::Corrected { text } => Some(text),
        }
    }
}

/// One typed turn in progress: the replies typed so far and what was heard.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypedTurn {
    misses: u8,
    last: Option<String>,
}

impl TypedTurn {
    /// The trainee typed `text`, which the matcher heard as `heard`.
    pub fn hear(&mut self, text: &str, heard: Heard) -> Next {
        self.last = Some(text.trim().to_string());
        match heard {
            Heard::Means { choice, score } => Next::Confirm { choice, score },
            Heard::EitherOf { first, second } => Next::Ask { first, second },
            Heard::Nothing => {
                self.misses += 1;
                if self.misses >= MISSES_BEFORE_REPLIES {
                    Next::ShowReplies
                } else {
                    Next::Puzzled
                }
            }
        }
    }

    /// The replies that meant nothing on offer so far.
    pub fn misses(&self) -> u8 {
        self.misses
    }

    /// The trainee agreed with the reading (or picked one of the two asked
    /// about), which scored `score`.
    pub fn understood(&self, score: f32) -> Said {
        match &self.last {
            Some(text) => Said::Typed {
                text: text.clone(),
                score,
            },
            None => Said::Picked,
        }
    }

    /// The trainee picked from the replies shown instead.
    pub fn picked(&self) -> Said {
        match &self.last {
            Some(text) => Said::Corrected { text: text.clone() },
            None => Said::Picked,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_that_means_nothing_twice_shows_the_replies() {
        let mut turn = TypedTurn::default();
        assert_eq!(turn.hear("what?", Heard::Nothing), Next::Puzzled);
        assert_eq!(turn.hear("erm", Heard::Nothing), Next::ShowReplies);
        assert_eq!(turn.picked(), Said::Corrected { text: "erm".into() });
        assert!(!turn.picked().recalled());
    }

    #[test]
    fn a_confirmed_reading_is_recalled_with_the_words_typed() {
        let mut turn = TypedTurn::default();
        assert_eq!(turn.hear("hmm", Heard::Nothing), Next::Puzzled);
        let heard = Heard::Means {
            choice: 2,
            score: 0.8,
        };
        assert_eq!(
            turn.hear("  I'm so sorry ", heard),
            Next::Confirm {
                choice: 2,
                score: 0.8
            }
        );
        let said = turn.understood(0.8);
        assert!(said.recalled());
        assert_eq!(said.text(), Some("I'm so sorry"));
    }

    #[test]
    fn two_close_readings_are_asked_about_and_do_not_count_as_a_miss() {
        let mut turn = TypedTurn::default();
        let heard = Heard::EitherOf {
            first: (0, 0.7),
            second: (1, 0.69),
        };
        assert!(matches!(turn.hear("sorry", heard), Next::Ask { .. }));
        assert_eq!(turn.misses(), 0);
        assert_eq!(TypedTurn::default().picked(), Said::Picked);
    }
}
