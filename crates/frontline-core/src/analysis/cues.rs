//! Lints for replies that give the answer away: the best reply is the longest
//! or the most apologetic more often than a blind pick would be, a node whose
//! wrong replies are all plain anti-patterns, and feedback that only says
//! right or wrong. See "Surface cues" in `docs/trainer-tools.md`.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::check::Finding;
use super::gain;
use crate::bounds::{PathStep, Scores};
use crate::locate::Seg::{Field, Index};
use crate::reach::Reach;
use crate::scenario::{Choice, Scenario};
use crate::scoring::choice_quality;

/// A cue "clearly beats a blind pick" when blind picking would hit the best
/// reply at least as often as the cue did less than this often (a one-sided
/// test at the 5% level).
pub const SIGNIFICANCE: f64 = 0.05;

/// Gains closer than this are a tie: both replies are best.
const TIE: f32 = 1e-4;

/// Word beginnings that mark an apology or an expression of empathy.
const APOLOGY: [&str; 15] = [
    "sorry",
    "apolog",
    "afraid",
    "unfortunate",
    "regret",
    "understand",
    "frustrat",
    "upset",
    "appreciat",
    "feel",
    "sympath",
    "empath",
    "inconvenien",
    "worr",
    "disappoint",
];

/// Words that only judge a reply; feedback made of them alone says right or
/// wrong without saying why.
const VERDICT: [&str; 44] = [
    "a",
    "again",
    "an",
    "answer",
    "bad",
    "best",
    "choice",
    "close",
    "correct",
    "done",
    "exactly",
    "excellent",
    "good",
    "great",
    "here",
    "idea",
    "incorrect",
    "is",
    "it",
    "job",
    "move",
    "nice",
    "no",
    "nope",
    "not",
    "ok",
    "okay",
    "one",
    "option",
    "perfect",
    "poor",
    "quite",
    "reply",
    "response",
    "right",
    "so",
    "that",
    "that's",
    "the",
    "this",
    "try",
    "very",
    "well",
    "wrong",
];

/// A question a trainee can face: a node, the replies offered there, and the
/// ones the scoring rates best.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Turn {
    node: usize,
    offered: Vec<usize>,
    best: Vec<usize>,
}

/// A surface feature a trainee might pick by instead of thinking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cue {
    /// The reply with the most characters.
    Longest,
    /// The reply with the most apology and empathy words.
    Apologetic,
}

/// How often one cue picks a best reply, against a blind pick.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CueRate {
    pub cue: Cue,
    /// Turns where the cue singles out one reply and not every reply is best.
    pub turns: usize,
    /// Of those, the turns where the cue's reply is a best reply.
    pub hits: usize,
    /// The hits a blind pick would expect over the same turns.
    pub blind: f64,
    /// The chance that blind picks hit at least `hits` times.
    pub p_value: f64,
    /// Nodes where the cue's reply is a best reply, in file order.
    pub nodes: Vec<String>,
}

/// The surface-cue rates of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cues {
    pub rates: Vec<CueRate>,
}

/// The findings that need the exact search, and the cue rates behind them.
pub(super) fn of(scenario: &Scenario, reach: &Reach, scores: &Scores) -> (Cues, Vec<Finding>) {
    let turns = turns(scenario, reach, scores);
    let rates: Vec<CueRate> = [Cue::Longest, Cue::Apologetic]
        .into_iter()
        .map(|cue| rate(scenario, &turns, cue))
        .collect();
    let mut findings: Vec<Finding> = rates
        .iter()
        .filter(|r| r.p_value < SIGNIFICANCE)
        .map(|r| Finding::warning(vec![Field("nodes")], r.warning()))
        .collect();
    findings.extend(no_tempting_mistake(scenario, &turns));
    (Cues { rates }, findings)
}

/// Every offer of replies to judge a trainee can face, with its best replies:
/// those with the highest [`gain`] (practice share from the tags plus the
/// customer part moved by the effects) in a conversation with as many scored
/// replies as the best path. Where an offer is made with different meters,
/// the best replies are those of most of them. An offer of unscored steps
/// only (a narrator's ways on) is not a reply to judge, so it is left out.
fn turns(scenario: &Scenario, reach: &Reach, scores: &Scores) -> Vec<Turn> {
    let Some(finish) = &scores.best else {
        return Vec::new();
    };
    let path = scores.path(reach, finish);
    let length = path
        .steps
        .iter()
        .filter(|s| match **s {
            PathStep::Choice { node, choice } => scenario.nodes[node].choices[choice].scored,
            _ => false,
        })
        .count();
    let mut votes: BTreeMap<(usize, Vec<usize>), BTreeMap<Vec<usize>, usize>> = BTreeMap::new();
    let mut scratch = Vec::new();
    for s in 0..reach.situation_count() {
        let situation = reach.situation(s);
        let offered: Vec<usize> = reach.moves_at(s).iter().map(|m| m.choice).collect();
        let choices = &scenario.nodes[situation.node].choices;
        if offered.len() < 2 || !offered.iter().any(|&c| choices[c].scored) {
            continue;
        }
        let gains: Vec<f32> = offered
            .iter()
            .map(|&c| {
                gain(
                    scenario,
                    situation.meters,
                    &choices[c],
                    length,
                    &mut scratch,
                )
            })
            .collect();
        let top = gains.iter().copied().fold(f32::MIN, f32::max);
        let best = offered
            .iter()
            .zip(&gains)
            .filter(|&(_, &g)| g >= top - TIE)
            .map(|(&c, _)| c)
            .collect();
        let tally = votes.entry((situation.node, offered)).or_default();
        *tally.entry(best).or_default() += 1;
    }
    votes
        .into_iter()
        .filter_map(|((node, offered), tally)| {
            let most = tally.values().copied().max()?;
            let best = tally.into_iter().find(|&(_, n)| n == most)?.0;
            Some(Turn {
                node,
                offered,
                best,
            })
        })
        .collect()
}

impl Cue {
    fn measure(self, choice: &Choice) -> usize {
        match self {
            Cue::Longest => choice.text.chars().count(),
            Cue::Apologetic => apology_words(&choice.text),
        }
    }

    /// The one reply of the turn that stands out by this cue, if one does.
    fn pick(self, scenario: &Scenario, turn: &Turn) -> Option<usize> {
        let choices = &scenario.nodes[turn.node].choices;
        let measure = |c: usize| self.measure(&choices[c]);
        let top = turn.offered.iter().map(|&c| measure(c)).max()?;
        let mut at_top = turn.offered.iter().filter(|&&c| measure(c) == top);
        let pick = *at_top.next()?;
        (at_top.next().is_none() && top > 0).then_some(pick)
    }

    fn describe(self) -> &'static str {
        match self {
            Cue::Longest => "longest reply",
            Cue::Apologetic => "reply with the most apology and empathy words",
        }
    }
}

/// Words of `text` that apologise or express empathy.
pub fn apology_words(text: &str) -> usize {
    words(text)
        .filter(|w| APOLOGY.iter().any(|stem| w.starts_with(stem)))
        .count()
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn rate(scenario: &Scenario, turns: &[Turn], cue: Cue) -> CueRate {
    let mut chances = Vec::new();
    let mut hit_nodes = Vec::new();
    for turn in turns.iter().filter(|t| t.best.len() < t.offered.len()) {
        let Some(pick) = cue.pick(scenario, turn) else {
            continue;
        };
        chances.push(turn.best.len() as f64 / turn.offered.len() as f64);
        if turn.best.contains(&pick) {
            hit_nodes.push(turn.node);
        }
    }
    let hits = hit_nodes.len();
    hit_nodes.sort_unstable();
    hit_nodes.dedup();
    CueRate {
        cue,
        turns: chances.len(),
        hits,
        blind: chances.iter().sum(),
        p_value: at_least(&chances, hits),
        nodes: hit_nodes
            .into_iter()
            .map(|n| scenario.nodes[n].id.clone())
            .collect(),
    }
}

/// The chance that independent trials with these chances of success succeed
/// at least `hits` times (the upper tail of a Poisson binomial distribution).
fn at_least(chances: &[f64], hits: usize) -> f64 {
    let mut dist = vec![1.0];
    for &p in chances {
        let mut next = vec![0.0; dist.len() + 1];
        for (k, &q) in dist.iter().enumerate() {
            next[k] += q * (1.0 - p);
            next[k + 1] += q * p;
        }
        dist = next;
    }
    dist.get(hits..).map_or(0.0, |tail| tail.iter().sum())
}

impl CueRate {
    fn warning(&self) -> String {
        format!(
            "the {} is a best reply in {} of {} turns, where a blind pick would be right \
             in {:.1} (chance {:.3} < {SIGNIFICANCE}): a trainee can score by picking it \
             without thinking; rewrite the replies at {}",
            self.cue.describe(),
            self.hits,
            self.turns,
            self.blind,
            self.p_value,
            self.nodes
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

impl fmt::Display for Cues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .rates
            .iter()
            .map(|r| {
                let name = match r.cue {
                    Cue::Longest => "longest",
                    Cue::Apologetic => "most apologetic",
                };
                format!(
                    "{name} {} of {} (blind pick {:.1})",
                    r.hits, r.turns, r.blind
                )
            })
            .collect();
        write!(f, "best reply is the {}", parts.join(", the "))
    }
}

/// Nodes where, in some offer, every reply that is not best carries only
/// anti-patterns: a trainee who knows to avoid them needs no judgement.
fn no_tempting_mistake(scenario: &Scenario, turns: &[Turn]) -> Vec<Finding> {
    let mut flagged: Vec<usize> = Vec::new();
    let mut findings = Vec::new();
    for turn in turns {
        let choices = &scenario.nodes[turn.node].choices;
        let wrong: Vec<usize> = turn
            .offered
            .iter()
            .copied()
            .filter(|c| !turn.best.contains(c))
            .collect();
        let plain = |c: &usize| choice_quality(&choices[*c].tags) == 0.0;
        if wrong.is_empty() || !wrong.iter().all(plain) || flagged.contains(&turn.node) {
            continue;
        }
        flagged.push(turn.node);
        let numbers: Vec<String> = wrong.iter().map(|c| (c + 1).to_string()).collect();
        let message = format!(
            "every wrong reply at `{}` (choice {}) carries only anti-patterns: nothing tempts \
             a trainee who knows to avoid them; make one a mistake a well-meaning employee \
             makes (partly right, right but too early, or kind but empty)",
            scenario.nodes[turn.node].id,
            numbers.join(", ")
        );
        let at = vec![Field("nodes"), Index(turn.node), Field("choices")];
        findings.push(Finding::warning(at, message));
    }
    findings
}

/// Feedback that only says right or wrong, without the why: found from the
/// file alone.
pub(super) fn bare_verdicts(scenario: &Scenario) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (n, node) in scenario.nodes.iter().enumerate() {
        for (c, choice) in node.choices.iter().enumerate() {
            if is_bare_verdict(&choice.feedback) {
                let message = format!(
                    "the feedback on choice {} of `{}` only says right or wrong: say why, \
                     naming the practice and what it does to the customer's expectation",
                    c + 1,
                    node.id
                );
                let at = vec![
                    Field("nodes"),
                    Index(n),
                    Field("choices"),
                    Index(c),
                    Field("feedback"),
                ];
                findings.push(Finding::warning(at, message));
            }
        }
    }
    findings
}

/// Whether feedback is made of [`VERDICT`] words alone ("Correct!", "Wrong
/// answer.", "Good job, well done!").
pub fn is_bare_verdict(feedback: &str) -> bool {
    words(feedback).all(|w| VERDICT.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The binomial upper tail, summed term by term.
    fn binomial_at_least(n: u64, p: f64, k: u64) -> f64 {
        let choose =
            |n: u64, k: u64| (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64);
        (k..=n)
            .map(|i| choose(n, i) * p.powi(i as i32) * (1.0 - p).powi((n - i) as i32))
            .sum()
    }

    #[test]
    fn equal_chances_give_the_binomial_tail() {
        for (n, p, k) in [(10, 0.25, 6), (14, 1.0 / 3.0, 9), (5, 0.5, 0), (4, 0.5, 5)] {
            let tail = at_least(&vec![p; n as usize], k as usize);
            assert!(
                (tail - binomial_at_least(n, p, k)).abs() < 1e-12,
                "{n} {p} {k}"
            );
        }
    }

    #[test]
    fn mixed_chances_match_every_outcome_enumerated() {
        let chances = [0.5, 1.0 / 3.0, 0.25, 0.2];
        for hits in 0..=4 {
            let mut total = 0.0;
            for outcome in 0..16u32 {
                if outcome.count_ones() as usize >= hits {
                    total += (0..4)
                        .map(|i| match outcome >> i & 1 {
                            1 => chances[i],
                            _ => 1.0 - chances[i],
                        })
                        .product::<f64>();
                }
            }
            assert!((at_least(&chances, hits) - total).abs() < 1e-12, "{hits}");
        }
    }

    #[test]
    fn apology_and_empathy_words_are_counted_by_their_beginnings() {
        let text = "I'm so sorry, I understand how frustrating that is. Apologies!";
        assert_eq!(apology_words(text), 4);
        assert_eq!(apology_words("Let me check with the kitchen."), 0);
    }

    #[test]
    fn a_bare_verdict_says_no_why() {
        for bare in [
            "Correct!",
            "Wrong.",
            "Good job, well done!",
            "That's the right answer.",
        ] {
            assert!(is_bare_verdict(bare), "{bare}");
        }
        for why in [
            "Right: asking first tells you what they expected.",
            "Too pushy.",
        ] {
            assert!(!is_bare_verdict(why), "{why}");
        }
    }
}
