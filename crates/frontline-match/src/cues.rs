//! Stance cues: words that turn a reply into a promise or a refusal.
//!
//! Sentence embeddings hear the topic better than the stance: "it'll be on
//! the menu next week, you have my word" lands near "I can't promise it'll be
//! on the menu". A phrasing that makes a promise the typed reply doesn't (or
//! the reverse) is marked down a little.

/// Which cues a text carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cues {
    /// Commits to something: "I promise", "you have my word", "any minute".
    pub promise: bool,
    /// Declines to commit: "I can't promise", "no promises".
    pub refusal: bool,
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

impl Cues {
    pub fn of(text: &str) -> Cues {
        let text = text.to_lowercase().replace(['’', '‘'], "'");
        let refusal = REFUSALS.iter().any(|r| text.contains(r));
        // A promise refused is no promise: drop the refusals before looking.
        let rest = REFUSALS.iter().fold(text, |t, r| t.replace(r, " "));
        let promise = PROMISES.iter().any(|p| rest.contains(p));
        Cues { promise, refusal }
    }

    /// How many cues differ between two texts.
    pub fn differences(self, other: Cues) -> u8 {
        u8::from(self.promise != other.promise) + u8::from(self.refusal != other.refusal)
    }
}

#[cfg(test)]
mod tests {
    use super::Cues;

    #[test]
    fn a_refused_promise_is_a_refusal_not_a_promise() {
        let c = Cues::of("Sorry: I can’t promise it. The menu's the owner's call.");
        assert_eq!(
            c,
            Cues {
                promise: false,
                refusal: true
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
                refusal: false
            }
        );
        assert_eq!(Cues::of("Go on. I'm listening."), Cues::default());
    }
}
