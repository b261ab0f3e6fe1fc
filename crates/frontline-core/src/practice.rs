//! The service practices a choice can show, grouped into the three pillars of
//! "understand, manage and, where possible, exceed expectations", plus the
//! anti-patterns that meet a customer's negative expectations instead.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A practice tag on a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Practice {
    // Understanding
    Ask,
    Listen,
    Confirm,
    // Managing
    Honest,
    Acknowledge,
    Status,
    RealisticPromise,
    FollowUp,
    // Exceeding
    Gesture,
    Anticipate,
    // Anti-patterns
    Overpromise,
    Deflect,
    BlameCustomer,
    Ignore,
    Upsell,
}

/// The group a practice belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Pillar {
    Understanding,
    Managing,
    Exceeding,
    AntiPattern,
}

impl Practice {
    pub const ALL: [Practice; 15] = [
        Practice::Ask,
        Practice::Listen,
        Practice::Confirm,
        Practice::Honest,
        Practice::Acknowledge,
        Practice::Status,
        Practice::RealisticPromise,
        Practice::FollowUp,
        Practice::Gesture,
        Practice::Anticipate,
        Practice::Overpromise,
        Practice::Deflect,
        Practice::BlameCustomer,
        Practice::Ignore,
        Practice::Upsell,
    ];

    pub fn pillar(self) -> Pillar {
        use Practice::*;
        match self {
            Ask | Listen | Confirm => Pillar::Understanding,
            Honest | Acknowledge | Status | RealisticPromise | FollowUp => Pillar::Managing,
            Gesture | Anticipate => Pillar::Exceeding,
            Overpromise | Deflect | BlameCustomer | Ignore | Upsell => Pillar::AntiPattern,
        }
    }

    pub fn is_anti_pattern(self) -> bool {
        self.pillar() == Pillar::AntiPattern
    }

    /// How the practice reads in feedback: "asked about their expectation".
    pub fn label(self) -> &'static str {
        use Practice::*;
        match self {
            Ask => "asked about their expectation",
            Listen => "listened before answering",
            Confirm => "confirmed what they need",
            Honest => "honest about what we can and can't do",
            Acknowledge => "acknowledged the problem",
            Status => "gave a clear status",
            RealisticPromise => "promised only what we can deliver",
            FollowUp => "followed up",
            Gesture => "a gesture beyond the fix",
            Anticipate => "anticipated a need",
            Overpromise => "overpromised",
            Deflect => "deflected responsibility",
            BlameCustomer => "blamed the customer",
            Ignore => "ignored the customer",
            Upsell => "upsold against their need",
        }
    }
}

impl Pillar {
    pub const ALL: [Pillar; 4] = [
        Pillar::Understanding,
        Pillar::Managing,
        Pillar::Exceeding,
        Pillar::AntiPattern,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Pillar::Understanding => "Understanding",
            Pillar::Managing => "Managing",
            Pillar::Exceeding => "Exceeding",
            Pillar::AntiPattern => "Anti-pattern",
        }
    }

    /// The lesson shown in the debrief when a pillar was never practised (or, for
    /// anti-patterns, when one was).
    pub fn advice(self) -> &'static str {
        match self {
            Pillar::Understanding => {
                "Expectations can only be managed once they are understood: ask, listen, then confirm."
            }
            Pillar::Managing => {
                "Be clear and honest about what you can and can't do, acknowledge problems and keep the customer informed."
            }
            Pillar::Exceeding => {
                "Once the problem is handled, a small gesture beyond the fix turns a satisfied customer into a promoter."
            }
            Pillar::AntiPattern => {
                "Overpromising, deflecting, blaming or ignoring confirms a customer's worst expectations of us."
            }
        }
    }
}

impl fmt::Display for Practice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pillar().name(), self.label())
    }
}
