//! The scenario `frontline new` writes: small, valid, commented, every ending
//! reachable and nothing for `check` to warn about, ready to be rewritten.

use std::fmt;

/// An id that can't name a scenario file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadId(pub String);

impl fmt::Display for BadId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` can't be a scenario id: use letters, digits, `_` and `-`",
            self.0
        )
    }
}

impl std::error::Error for BadId {}

/// The template with `id` as the scenario's id. An id is a file name too, so
/// it is limited to ASCII letters, digits, `_` and `-`.
pub fn scenario_text(id: &str) -> Result<String, BadId> {
    let valid = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    match valid {
        true => Ok(TEMPLATE.replace("{id}", id)),
        false => Err(BadId(id.to_string())),
    }
}

const TEMPLATE: &str = r#"// A new Frontline scenario. The format is described in docs/scenario-format.md.
// Check it as you write:
//   frontline validate scenarios/{id}.scenario.ron
//   frontline check scenarios/{id}.scenario.ron
//   frontline play --text {id}
Scenario(
    // Used on the command line and in records; keep it the same as the file name.
    id: "{id}",
    title: "A parcel that never came",
    summary: "A customer's parcel is a week late and the tracking page says it was delivered.",
    difficulty: Easy,
    // What the trainee reads before the conversation starts.
    briefing: "You work at the help desk of an online shop. You can resend an order at once, and give a voucher of up to 10 euros.",

    customer: Customer(
        name: "Robin",
        persona: "A customer who ordered a birthday present.",
        // What they expect, and what made them expect it.
        expectation: "Delivery within two days.",
        source: "The checkout page: 'Delivered in 48 hours'.",
    ),

    // The first meter is the customer's mood.
    meters: [
        Meter(id: "satisfaction", label: "Satisfaction", start: 30),
        Meter(id: "trust", label: "Trust", start: 40),
        Meter(id: "gap", label: "Expectation gap", start: 60, better: Lower),
    ],

    // Flags remember what happened, so later choices can depend on it.
    flags: ["asked"],

    start: "opening",

    nodes: [
        Node(
            id: "opening",
            lines: [
                "My parcel is a week late, and your tracking page says it was delivered. It wasn't.",
                "Your site promised 48 hours. It's been a week, and now it says 'delivered'. Where is it?",
            ],
            choices: [
                Choice(
                    text: "I'm sorry, that's frustrating. What was in the parcel, and when do you need it?",
                    effects: {"satisfaction": 15, "trust": 15},
                    tags: [Acknowledge, Ask],
                    feedback: "Acknowledging the problem and asking what matters tells you the real expectation.",
                    next: "offer",
                    set: ["asked"],
                ),
                // A wrong reply should be a mistake people really make: partly right.
                Choice(
                    text: "The courier shows it as delivered, so it may be with a neighbour. Could you ask around?",
                    effects: {"satisfaction": -15, "trust": -15, "gap": 10},
                    tags: [Status, Deflect],
                    feedback: "Passing on the tracking is a status of sorts, but sending the customer to knock on doors hands the problem back and confirms their fear that nobody will help.",
                    next: "upset",
                ),
            ],
        ),
        Node(
            id: "upset",
            lines: ["A neighbour? I live alone on a farm. Are you going to help me or not?"],
            choices: [
                Choice(
                    text: "You're right, I'm sorry. Let me look into it properly.",
                    effects: {"satisfaction": 5, "trust": 5},
                    tags: [Acknowledge],
                    feedback: "Owning the mistake late is better than never.",
                    next: "offer",
                ),
                Choice(
                    text: "I'm so sorry, I really am. I'm afraid there's nothing more I can do from here.",
                    effects: {"satisfaction": -20, "trust": -20},
                    tags: [Acknowledge, Ignore],
                    feedback: "The apology is sincere, but ending there leaves the customer with the problem and a grudge: sorry starts the answer, it isn't all of it.",
                    next: "lost",
                ),
            ],
        ),
        Node(
            id: "offer",
            lines: ["So what happens now?"],
            // With a 20% chance, the courier calls while you talk.
            events: [Event(chance: 0.2, next: "courier")],
            // The choices keep the order written here.
            order: Fixed,
            choices: [
                Choice(
                    text: "I'm resending it today by express, and here's a 10 euro voucher for the wait.",
                    effects: {"satisfaction": 35, "trust": 25, "gap": -50},
                    tags: [RealisticPromise, Gesture],
                    feedback: "A concrete fix plus a gesture the shop can afford closes the gap and more.",
                    next: "verdict",
                    // Offered only if the trainee asked what the parcel was for.
                    when: [Flag("asked")],
                ),
                Choice(
                    text: "I'll resend it. It should arrive in a few days.",
                    effects: {"satisfaction": 10, "trust": 5, "gap": -20},
                    tags: [Status],
                    feedback: "A clear next step manages the expectation, without exceeding it.",
                    next: "verdict",
                ),
            ],
        ),
        Node(
            id: "courier",
            speaker: Narrator,
            lines: ["The phone rings: it's the courier, asking for the customer's address."],
            choices: [
                Choice(
                    text: "Tell Robin what the courier said, and confirm the address together.",
                    effects: {"satisfaction": 10, "trust": 10, "gap": -20},
                    tags: [Status, Confirm],
                    feedback: "Keeping the customer informed as things happen builds trust.",
                    next: "verdict",
                ),
            ],
        ),
        // A junction: the first route whose conditions hold is taken.
        Node(
            id: "verdict",
            routes: [
                Route(when: [AtLeast("satisfaction", 55), AtLeast("trust", 55)], next: "delighted"),
                Route(when: [Below("satisfaction", 30)], next: "lost"),
                Route(next: "accepted"),
            ],
        ),
    ],

    endings: [
        Ending(id: "delighted", title: "Back on track", text: "Robin thanks you and orders again the next month.", outcome: Promoter),
        Ending(id: "accepted", title: "Fair enough", text: "Robin accepts the new parcel without a smile.", outcome: Passive),
        Ending(id: "lost", title: "Lost customer", text: "Robin cancels the order and warns friends off the shop.", outcome: Detractor),
    ],
)
"#;
