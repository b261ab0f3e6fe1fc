//! Cues the embeddings hear badly: words that turn a reply into a promise or
//! a refusal, and whether it asks a question.
//!
//! Sentence embeddings hear the topic better than the stance: "it'll be on
//! the menu next week, you have my word" lands near "I can't promise it'll be
//! on the menu". A phrasing that makes a promise the typed reply doesn't (or
//! the reverse) is marked down a little. They also hear a new question on the
//! scene's topic ("Would you like the bill now?") as the reply about that
//! topic ("I'll box it up with the bill"), so a reply typed as a question is
//! marked down against a phrasing that asks nothing.

/// Which cues a text carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cues {
    /// Commits to something: "I promise", "you have my word", "any minute".
    pub promise: bool,
    /// Declines to commit: "I can't promise", "no promises".
    pub refusal: bool,
    /// Asks something: a question mark, or a request to be told ("tell me
    /// about your home", "show me where it sticks").
    pub asks: bool,
}

const REFUSALS: &[&str] = &[
    "can't promise",
    "cannot promise",
    "can not promise",
    "won't promise",
    "no promises",
    "not promise",
    "can't guarantee",
    "cannot guarantee",
    "no guarantee",
    "won't guess",
    "not guess",
];

const PROMISES: &[&str] = &[
    "promise",
    "guarantee",
    "my word",
    "consider it done",
    "any second",
    "any minute",
    "i'm sure",
    "sure of it",
    "definitely",
    "trust me",
];

/// Ways of asking without a question mark.
const REQUESTS: &[&str] = &[
    "tell me",
    "show me",
    "walk me through",
    "talk me through",
    "let me know",
    "like to hear",
    "love to hear",
];

impl Cues {
    pub fn of(text: &str) -> Cues {
        let text = text.to_lowercase().replace(['’', '‘'], "'");
        let refusal = REFUSALS.iter().any(|r| text.contains(r));
        // A promise refused is no promise: drop the refusals before looking.
        let rest = REFUSALS.iter().fold(text, |t, r| t.replace(r, " "));
        let promise = PROMISES.iter().any(|p| rest.contains(p));
        let asks = rest.contains('?') || REQUESTS.iter().any(|r| rest.contains(r));
        Cues {
            promise,
            refusal,
            asks,
        }
    }

    /// How many stance cues differ between two texts.
    pub fn differences(self, other: Cues) -> u8 {
        u8::from(self.promise != other.promise) + u8::from(self.refusal != other.refusal)
    }
}

/// What the cues a phrasing doesn't share with the typed reply cost its
/// score. Chosen on the evaluation's calibration half (`eval/README.md`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Penalty {
    /// Each stance cue (a promise, a refusal) present in one text only.
    pub stance: f32,
    /// A typed reply that asks something read against a phrasing that asks
    /// nothing.
    pub question: f32,
}

impl Penalty {
    pub const CALIBRATED: Penalty = Penalty {
        stance: 0.05,
        question: 0.15,
    };

    pub fn of(self, typed: Cues, phrasing: Cues) -> f32 {
        let unasked = typed.asks && !phrasing.asks;
        self.stance * f32::from(typed.differences(phrasing))
            + self.question * f32::from(u8::from(unasked))
    }
}

#[cfg(test)]
mod tests {
    use super::{Cues, Penalty};

    #[test]
    fn a_refused_promise_is_a_refusal_not_a_promise() {
        let c = Cues::of("Sorry: I can’t promise it. The menu's the owner's call.");
        assert_eq!(
            c,
            Cues {
                promise: false,
                refusal: true,
                asks: false
            }
        );
    }

    #[test]
    fn a_promise_is_heard() {
        let c = Cues::of("yes you have my word, it'll be on the menu next week");
        assert_eq!(
            c,
            Cues {
                promise: true,
                refusal: false,
                asks: false
            }
        );
        assert_eq!(Cues::of("Go on. I'm listening."), Cues::default());
    }

    #[test]
    fn a_question_costs_only_against_a_phrasing_that_asks_nothing() {
        let penalty = Penalty {
            stance: 0.0,
            question: 0.15,
        };
        let question = Cues::of("Would you like the bill now?");
        let statement = Cues::of("I'll box it up with the bill.");
        let asking = Cues::of("Sorry for the wait. Are you in a hurry today?");
        let requesting = Cues::of("Before I say if it's faulty, tell me about your home.");
        assert_eq!(penalty.of(question, statement), 0.15);
        assert_eq!(penalty.of(question, asking), 0.0);
        assert_eq!(penalty.of(question, requesting), 0.0);
        // Typed without a question mark: never marked down for it.
        assert_eq!(penalty.of(statement, asking), 0.0);
    }
}
