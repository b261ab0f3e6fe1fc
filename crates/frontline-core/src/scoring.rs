//! Scoring on expectations: how the customer ended up (the meters) and how the
//! trainee got there (the practices of each choice). See `docs/scoring.md`.

use serde::Serialize;

use crate::format::Outcome;
use crate::practice::{Pillar, Practice};
use crate::scenario::{Choice, Scenario};
use crate::session::{Session, State};
use crate::typing::Said;

/// Share of the score from the meters; the rest comes from the practices.
pub const CUSTOMER_WEIGHT: f32 = 0.6;
pub const PRACTICE_WEIGHT: f32 = 1.0 - CUSTOMER_WEIGHT;

/// How well one choice practised service, on 0..=1: a good practice with no
/// anti-pattern is 1, an anti-pattern with no good practice is 0, anything
/// else (untagged, or both) is ½.
pub fn choice_quality(tags: &[Practice]) -> f32 {
    let good = tags.iter().any(|t| !t.is_anti_pattern());
    let bad = tags.iter().any(|t| t.is_anti_pattern());
    0.5 + 0.5 * (good as u8 as f32) - 0.5 * (bad as u8 as f32)
}

/// The meters' weighted mean on 0..=1, each normalised so that 1 is best.
pub fn customer_score(scenario: &Scenario, meters: &[i32]) -> f64 {
    let total: f64 = scenario.meters.iter().map(|m| f64::from(m.weight)).sum();
    if total == 0.0 {
        return 0.0;
    }
    let sum: f64 = scenario
        .meters
        .iter()
        .zip(meters)
        .map(|(m, &v)| f64::from(m.weight) * m.share(v))
        .sum();
    sum / total
}

/// A choice's quality in halves (0, 1 or 2), so that sums are exact.
pub fn quality_halves(tags: &[Practice]) -> u16 {
    (choice_quality(tags) * 2.0) as u16
}

/// The practice part on 0..=1: the mean quality of `choices` choices whose
/// qualities add up to `quality_sum`, or ½ when no choice was made.
pub fn practice(quality_sum: f32, choices: usize) -> f64 {
    if choices == 0 {
        0.5
    } else {
        f64::from(quality_sum) / choices as f64
    }
}

/// The running sum that becomes the practice part: the one place where the
/// choices of a session, a simulation or a search are added up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Tally {
    /// Every choice made, counted or not.
    pub turns: u16,
    /// Choices counted: those made, less the unscored ones.
    pub choices: u16,
    /// Sum of their quality, in halves.
    pub halves: u16,
    /// Whether one of them carried an anti-pattern.
    pub anti: bool,
}

impl Tally {
    /// The tally after `choice` is made: a scored choice counts with its
    /// tags, an unscored one only as a turn.
    pub fn after(self, choice: &Choice) -> Tally {
        let turns = self.turns + 1;
        match choice.scored {
            true => Tally {
                turns,
                ..self.with(&choice.tags)
            },
            false => Tally { turns, ..self },
        }
    }

    /// The tally after one more scored choice with these tags; its turn is
    /// counted by [`Tally::after`].
    fn with(self, tags: &[Practice]) -> Tally {
        Tally {
            turns: self.turns,
            choices: self.choices + 1,
            halves: self.halves + quality_halves(tags),
            anti: self.anti || tags.iter().any(|t| t.is_anti_pattern()),
        }
    }

    /// The practice part on 0..=1.
    pub fn practice(self) -> f64 {
        practice(f32::from(self.halves) / 2.0, usize::from(self.choices))
    }

    /// The final score of a conversation that ended with this customer part.
    pub fn score(self, customer: f64) -> u8 {
        score(customer, self.practice())
    }
}

/// The 0..=100 score from the customer part and the mean choice quality,
/// rounded half up. The parts weigh whole points (60 and 40), exact in binary
/// where 0.6 and 0.4 are not, and a result within 10⁻⁹ of a half is taken as
/// that half, which it is but for rounding error: 98.5 must not come out as
/// 98.49999 and round down.
pub fn score(customer: f64, practice: f64) -> u8 {
    rounded(raw_score(customer, practice))
}

fn raw_score(customer: f64, practice: f64) -> f64 {
    let customer_points = f64::from((100.0 * CUSTOMER_WEIGHT).round());
    customer_points * customer + (100.0 - customer_points) * practice
}

fn rounded(raw: f64) -> u8 {
    let raw = (raw * 1e9).round() / 1e9;
    raw.round().clamp(0.0, 100.0) as u8
}

/// Points on top of the practice part for replies recalled in the trainee's
/// own words rather than picked: all of them when every scored reply was
/// typed and good practice (see `docs/scoring.md`).
pub const RECALL_POINTS: f64 = 5.0;

/// The recall bonus of a session played with typed replies.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Recall {
    /// Scored turns answered in the trainee's own words.
    pub turns: usize,
    /// Scored turns in all.
    pub of: usize,
    /// Points it added to the score (less than earned only at 100).
    pub points: u8,
}

impl Recall {
    /// The line the debrief shows.
    pub fn summary(&self) -> String {
        format!(
            "+{} for replies in your own words ({} of {} scored replies)",
            self.points, self.turns, self.of
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Grade {
    F,
    D,
    C,
    B,
    A,
}

impl Grade {
    pub fn from_score(score: u8) -> Grade {
        match score {
            90.. => Grade::A,
            75..=89 => Grade::B,
            60..=74 => Grade::C,
            45..=59 => Grade::D,
            _ => Grade::F,
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Grade::A => "exceeded expectations",
            Grade::B => "met expectations",
            Grade::C => "managed the basics",
            Grade::D => "left a gap",
            Grade::F => "widened the gap",
        }
    }
}

/// What one pillar amounted to over the session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PillarReport {
    pub pillar: Pillar,
    /// Choices that showed at least one practice of this pillar.
    pub choices: usize,
    /// Each practice of the pillar used, with how often.
    pub practices: Vec<(Practice, usize)>,
}

/// One choice as the debrief tells it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepReview {
    pub node: String,
    pub line: String,
    pub choice: String,
    pub tags: Vec<Practice>,
    /// Whether the choice counted in the practice part; `quality` means
    /// nothing when it did not.
    pub scored: bool,
    pub quality: f32,
    pub feedback: String,
    pub meters_after: Vec<i32>,
}

/// The result of a finished session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Debrief {
    pub scenario: String,
    pub seed: u64,
    pub ending: String,
    pub ending_title: String,
    pub ending_text: String,
    pub outcome: Outcome,
    pub score: u8,
    pub grade: Grade,
    /// 0..=1, best for the customer at 1.
    pub customer: f64,
    /// Mean choice quality, 0..=1.
    pub practice: f64,
    pub pillars: Vec<PillarReport>,
    pub steps: Vec<StepReview>,
    /// Meters at the start and after each choice.
    pub meter_trace: Vec<Vec<i32>>,
    /// Set when replies were typed: what recalling them in the trainee's own
    /// words added, already in `score` and `grade`.
    pub recall: Option<Recall>,
}

impl Debrief {
    /// The debrief of an ended session; `None` while it is still going or stuck.
    pub fn of(session: &Session) -> Option<Debrief> {
        let State::Ended { ending } = session.state() else {
            return None;
        };
        let scenario = session.scenario();
        let ending = &scenario.endings[ending];
        let steps: Vec<StepReview> = session
            .steps()
            .iter()
            .map(|step| {
                let node = &scenario.nodes[step.node];
                let choice = &node.choices[step.choice];
                StepReview {
                    node: node.id.clone(),
                    line: node.line(step.line).to_string(),
                    choice: choice.text.clone(),
                    tags: choice.tags.clone(),
                    scored: choice.scored,
                    quality: choice_quality(&choice.tags),
                    feedback: choice.feedback.clone(),
                    meters_after: step.meters_after.clone(),
                }
            })
            .collect();
        let tally = session.tally();
        let customer = customer_score(scenario, session.meters());
        let score = tally.score(customer);
        let pillars: Vec<PillarReport> = Pillar::ALL
            .iter()
            .map(|&pillar| pillar_report(pillar, &steps))
            .collect();
        let mut meter_trace = vec![session.start_meters().to_vec()];
        meter_trace.extend(steps.iter().map(|s| s.meters_after.clone()));
        Some(Debrief {
            scenario: scenario.id.clone(),
            seed: session.seed(),
            ending: ending.id.clone(),
            ending_title: ending.title.clone(),
            ending_text: ending.text.clone(),
            outcome: ending.outcome,
            score,
            grade: Grade::from_score(score),
            customer,
            practice: tally.practice(),
            pillars,
            steps,
            meter_trace,
            recall: None,
        })
    }

    /// This debrief with the recall bonus, for a session whose replies were
    /// given as `said` (one per step); unchanged when every reply was picked.
    /// Each scored reply typed in the trainee's own words earns its quality's
    /// share of [`RECALL_POINTS`].
    pub fn with_recall(mut self, said: &[Said]) -> Debrief {
        if said.iter().all(|s| *s == Said::Picked) {
            return self;
        }
        let scored: Vec<(&StepReview, &Said)> = self
            .steps
            .iter()
            .zip(said)
            .filter(|(s, _)| s.scored)
            .collect();
        let recalled: Vec<f64> = scored
            .iter()
            .filter(|(_, said)| said.recalled())
            .map(|(step, _)| f64::from(step.quality))
            .collect();
        let share = match scored.len() {
            0 => 0.0,
            n => recalled.iter().sum::<f64>() / n as f64,
        };
        let before = self.score;
        self.score = rounded(raw_score(self.customer, self.practice) + RECALL_POINTS * share);
        self.grade = Grade::from_score(self.score);
        self.recall = Some(Recall {
            turns: recalled.len(),
            of: scored.len(),
            points: self.score.saturating_sub(before),
        });
        self
    }
}

fn pillar_report(pillar: Pillar, steps: &[StepReview]) -> PillarReport {
    let in_pillar = |t: &&Practice| t.pillar() == pillar;
    let choices = steps
        .iter()
        .filter(|s| s.tags.iter().any(|t| t.pillar() == pillar))
        .count();
    let practices = Practice::ALL
        .iter()
        .filter(in_pillar)
        .map(|&p| (p, steps.iter().filter(|s| s.tags.contains(&p)).count()))
        .filter(|&(_, n)| n > 0)
        .collect();
    PillarReport {
        pillar,
        choices,
        practices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quality_orders_good_over_neutral_over_anti_patterns() {
        let good = choice_quality(&[Practice::Ask]);
        let neutral = choice_quality(&[]);
        let mixed = choice_quality(&[Practice::Gesture, Practice::Upsell]);
        let bad = choice_quality(&[Practice::Deflect]);
        assert_eq!((good, neutral, mixed, bad), (1.0, 0.5, 0.5, 0.0));
    }

    #[test]
    fn grades_follow_score_bands() {
        let grades: Vec<Grade> = [100, 90, 89, 75, 74, 60, 59, 45, 44, 0]
            .into_iter()
            .map(Grade::from_score)
            .collect();
        use Grade::*;
        assert_eq!(grades, [A, A, B, B, C, C, D, D, F, F]);
    }

    #[test]
    fn score_weights_customer_and_practice() {
        assert_eq!(score(1.0, 1.0), 100);
        assert_eq!(score(0.0, 0.0), 0);
        assert_eq!(score(1.0, 0.0), 60);
        assert_eq!(score(0.0, 1.0), 40);
    }
}
