//! Measures the matcher on `eval/replies.jsonl`: typed replies written for the
//! bundled scenarios, each with the choice it means (or none: off-script).
//!
//! Lines are split in two halves by a hash of their text: `calibrate` (where
//! the gate is chosen, with `--calibrate`) and `test` (where it is reported).
//!
//!     cargo run --release -p frontline-match --example eval -- [--calibrate] [--gate ACCEPT,MARGIN]
//!         [--model DIR] [--teach] [--pairs] [--misses]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use frontline_core::Scenario;
use frontline_core::load::load_file;
use frontline_match::{Gate, Matcher, Penalty, Ranked, Request, Verdict};
use serde::Deserialize;

#[derive(Deserialize)]
struct Line {
    #[serde(flatten)]
    request: Request,
    /// 1-based choice, or null for off-script.
    expect: Option<usize>,
    kind: String,
}

/// A line read: what was expected and how the offered choices ranked.
struct Case {
    line: Line,
    /// The expected choice's and every offered choice's stance, by index.
    stance: HashMap<usize, Stance>,
    ranked: Vec<Ranked>,
    calibrate: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stance {
    Good,
    Anti,
    Neutral,
}

fn stance(scenario: &Scenario, node: usize, choice: usize) -> Stance {
    // As the scores count it: good or poor practice only when unmixed.
    let tags = &scenario.nodes[node].choices[choice].tags;
    let anti = tags.iter().any(|t| t.is_anti_pattern());
    let good = tags.iter().any(|t| !t.is_anti_pattern());
    match (good, anti) {
        (true, false) => Stance::Good,
        (false, true) => Stance::Anti,
        _ => Stance::Neutral,
    }
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let model = match args.iter().position(|a| a == "--model") {
        Some(i) => PathBuf::from(args.get(i + 1).ok_or("--model DIR")?),
        None => root.join("assets/model"),
    };
    let started = Instant::now();
    let mut matcher = Matcher::load(&model, 1)?;
    let loaded = started.elapsed();
    let mut scenarios = scenarios(&root.join("scenarios"))?;
    let text = std::fs::read_to_string(root.join("crates/frontline-match/eval/replies.jsonl"))
        .map_err(|e| e.to_string())?;
    if args.iter().any(|a| a == "--teach") {
        teach(&mut scenarios, &text)?;
    }
    let started = Instant::now();
    let mut replies = HashMap::new();
    for (id, scenario) in &scenarios {
        replies.insert(id.clone(), matcher.replies(scenario)?);
    }
    let embedded = started.elapsed();
    let phrasings: usize = scenarios.values().map(phrasing_count).sum();
    let mut cases = Vec::new();
    let mut typed = Vec::new();
    let mut reading = Duration::ZERO;
    for (i, raw) in text.lines().enumerate() {
        let line: Line = serde_json::from_str(raw).map_err(|e| format!("line {}: {e}", i + 1))?;
        let scenario = &scenarios[&line.request.scenario];
        let (node, offered) = line.request.offered(scenario)?;
        if let Some(expect) = line.expect
            && !offered.contains(&(expect - 1))
        {
            return Err(format!("line {}: choice {expect} is not offered", i + 1));
        }
        let started = Instant::now();
        let read = matcher.read(
            &replies[&line.request.scenario],
            node,
            &offered,
            &line.request.text,
        )?;
        reading += started.elapsed();
        let stance = offered
            .iter()
            .map(|&c| (c, stance(scenario, node, c)))
            .collect();
        let calibrate = fnv(&line.request.text).is_multiple_of(2);
        typed.push((node, offered, matcher.typed(&line.request.text)?));
        cases.push(Case {
            line,
            stance,
            ranked: read.ranked,
            calibrate,
        });
    }
    if let Some(i) = args.iter().position(|a| a == "--penalty") {
        let (stance, question) = parse_pair(args.get(i + 1).ok_or("--penalty STANCE,QUESTION")?)?;
        matcher.set_penalty(Penalty { stance, question });
        rank(&matcher, &replies, &typed, &mut cases)?;
    }
    let gate = match args.iter().position(|a| a == "--gate") {
        Some(i) => {
            let (accept, margin) = parse_pair(args.get(i + 1).ok_or("--gate ACCEPT,MARGIN")?)?;
            Gate { accept, margin }
        }
        None => matcher.gate(),
    };
    if args.iter().any(|a| a == "--calibrate") {
        // The gate for each cue penalty, then the cases ranked with the default again.
        for stance in [0.0, 0.02, 0.05, 0.08, 0.12] {
            for question in [0.0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30] {
                matcher.set_penalty(Penalty { stance, question });
                rank(&matcher, &replies, &typed, &mut cases)?;
                print!("penalty stance {stance:.2} question {question:.2}: ");
                calibrate(&cases);
            }
        }
        matcher.set_penalty(Penalty::CALIBRATED);
        rank(&matcher, &replies, &typed, &mut cases)?;
    }
    println!(
        "model: loaded in {} ms; {phrasings} authored phrasings of {} scenarios embedded in {} ms ({:.1} ms each)",
        loaded.as_millis(),
        scenarios.len(),
        embedded.as_millis(),
        embedded.as_secs_f64() * 1000.0 / phrasings as f64
    );
    println!(
        "typed replies: {} read in {:.1} ms each (one thread)",
        cases.len(),
        reading.as_secs_f64() * 1000.0 / cases.len() as f64
    );
    println!("gate: accept {:.3}, margin {:.3}", gate.accept, gate.margin);
    for (name, filter) in [
        ("calibrate", Some(true)),
        ("test", Some(false)),
        ("all", None),
    ] {
        let part: Vec<&Case> = cases
            .iter()
            .filter(|c| filter.is_none_or(|f| c.calibrate == f))
            .collect();
        println!("\n[{name}] {}", Score::of(&part, gate));
    }
    println!("\ntop-1 by kind, test half (both halves):");
    for kind in ["rephrased", "casual", "partial", "hard"] {
        let top1 = |test_only: bool| {
            let part = cases.iter().filter(|c| c.line.kind == kind);
            let part: Vec<&Case> = part.filter(|c| !(test_only && c.calibrate)).collect();
            let right = part
                .iter()
                .filter(|c| c.line.expect == Some(c.ranked[0].choice + 1));
            format!("{} of {}", right.count(), part.len())
        };
        println!("  {kind}: {} ({})", top1(true), top1(false));
    }
    if args.iter().any(|a| a == "--pairs") {
        pairs(&scenarios, &replies, &cases, gate);
    }
    if args.iter().any(|a| a == "--misses") {
        misses(&cases, gate, &scenarios);
    }
    println!("\npeak memory: {}", peak_memory());
    Ok(())
}

/// What trainers' examples buy: each on-script line of the calibrate half
/// becomes an example of the choice it means, as a trainer would add one;
/// the test half then measures replies that no example was written from.
fn teach(scenarios: &mut HashMap<String, Scenario>, text: &str) -> Result<(), String> {
    for raw in text.lines() {
        let line: Line = serde_json::from_str(raw).map_err(|e| e.to_string())?;
        let (Some(expect), true) = (line.expect, fnv(&line.request.text).is_multiple_of(2)) else {
            continue;
        };
        let scenario = scenarios
            .get_mut(&line.request.scenario)
            .ok_or("unknown scenario")?;
        let node = scenario.node(&line.request.node).ok_or("unknown node")?;
        let choice = &mut scenario.nodes[node].choices[expect - 1];
        choice.examples.push(line.request.text);
    }
    Ok(())
}

/// Ranks every case again, with the matcher as it is now.
fn rank(
    matcher: &Matcher,
    replies: &HashMap<String, frontline_match::Replies>,
    typed: &[(usize, Vec<usize>, frontline_match::Typed)],
    cases: &mut [Case],
) -> Result<(), String> {
    for (case, (node, offered, typed)) in cases.iter_mut().zip(typed) {
        let replies = &replies[&case.line.request.scenario];
        case.ranked = matcher.judge(replies, *node, offered, typed)?.ranked;
    }
    Ok(())
}

fn scenarios(dir: &Path) -> Result<HashMap<String, Scenario>, String> {
    let mut all = HashMap::new();
    let entries = std::fs::read_dir(dir).map_err(|e| e.to_string())?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.to_string_lossy().ends_with(".scenario.ron") {
            let loaded = load_file(&path).map_err(|_| format!("{} is broken", path.display()))?;
            let scenario = loaded.scenario;
            all.insert(scenario.id.clone(), scenario);
        }
    }
    Ok(all)
}

fn phrasing_count(s: &Scenario) -> usize {
    let choices = s.nodes.iter().flat_map(|n| &n.choices);
    choices
        .map(|c| 1 + c.examples.len() + usize::from(frontline_match::speech(&c.text).is_some()))
        .sum()
}

/// FNV-1a: a split that every machine and every Rust version agree on.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf29ce484222325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

/// Two numbers written `A,B`.
fn parse_pair(s: &str) -> Result<(f32, f32), String> {
    let (a, b) = s.split_once(',').ok_or("expected two numbers: A,B")?;
    let f = |x: &str| x.parse::<f32>().map_err(|e| e.to_string());
    Ok((f(a)?, f(b)?))
}

#[derive(Default)]
struct Score {
    on: usize,
    off: usize,
    top1: usize,
    top1_flips: usize,
    matched_right: usize,
    matched_wrong: usize,
    flips: usize,
    asked: usize,
    asked_right: usize,
    rejected: usize,
    off_caught: usize,
    off_asked: usize,
}

impl Score {
    fn of(cases: &[&Case], gate: Gate) -> Score {
        let mut s = Score::default();
        for case in cases {
            let verdict = gate.verdict(&case.ranked);
            let Some(expect) = case.line.expect.map(|e| e - 1) else {
                s.off += 1;
                match verdict {
                    Verdict::OffScript { .. } => s.off_caught += 1,
                    Verdict::DidYouMean { .. } => s.off_asked += 1,
                    Verdict::Matched { .. } => {}
                }
                continue;
            };
            s.on += 1;
            let flip = |c: usize| {
                let (a, b) = (case.stance[&expect], case.stance[&c]);
                a != b && a != Stance::Neutral && b != Stance::Neutral
            };
            let top = case.ranked[0].choice;
            s.top1 += usize::from(top == expect);
            s.top1_flips += usize::from(flip(top));
            match verdict {
                Verdict::Matched { choice, .. } if choice == expect => s.matched_right += 1,
                Verdict::Matched { choice, .. } => {
                    s.matched_wrong += 1;
                    s.flips += usize::from(flip(choice));
                }
                Verdict::DidYouMean { first, second } => {
                    s.asked += 1;
                    s.asked_right += usize::from(first == expect || second == expect);
                }
                Verdict::OffScript { .. } => s.rejected += 1,
            }
        }
        s
    }

    /// Higher is better: right answers and questions that contain the right
    /// answer, against wrong answers (flips counting three times) and
    /// on-script replies turned away. Off-script replies are a seventh of the
    /// set, so each caught counts twice.
    fn utility(&self) -> f64 {
        self.matched_right as f64 + 0.5 * self.asked_right as f64 + 2.0 * self.off_caught as f64
            - self.matched_wrong as f64
            - 2.0 * self.flips as f64
            - self.rejected as f64
            - 0.5 * (self.asked - self.asked_right + self.off_asked) as f64
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pc = |n: usize, d: usize| 100.0 * n as f64 / d.max(1) as f64;
        writeln!(f, "{} on-script, {} off-script replies", self.on, self.off)?;
        writeln!(
            f,
            "  top-1 (ranking, before the gate): {:.1}%  (flips in top-1: {:.1}%)",
            pc(self.top1, self.on),
            pc(self.top1_flips, self.on)
        )?;
        writeln!(
            f,
            "  on-script: matched right {:.1}%, matched wrong {:.1}%, did-you-mean {:.1}% (right one among the two: {:.1}%), rejected {:.1}%",
            pc(self.matched_right, self.on),
            pc(self.matched_wrong, self.on),
            pc(self.asked, self.on),
            pc(self.asked_right, self.asked),
            pc(self.rejected, self.on)
        )?;
        writeln!(
            f,
            "  verdict flips (good practice read as anti-pattern or the reverse): {} = {:.1}%",
            self.flips,
            pc(self.flips, self.on)
        )?;
        write!(
            f,
            "  off-script caught: {:.1}%  (asked did-you-mean: {:.1}%)",
            pc(self.off_caught, self.off),
            pc(self.off_asked, self.off)
        )
    }
}

/// Chooses the gate on the calibration half: the best utility among gates that
/// turn away at most 5% of on-script replies (the lowest on a tie).
fn calibrate(cases: &[Case]) {
    let half: Vec<&Case> = cases.iter().filter(|c| c.calibrate).collect();
    let mut best: Option<(f64, Gate)> = None;
    for a in 20..=80 {
        for m in 0..=20 {
            let gate = Gate {
                accept: a as f32 / 100.0,
                margin: m as f32 / 200.0,
            };
            let s = Score::of(&half, gate);
            if s.rejected * 20 > s.on {
                continue;
            }
            let u = s.utility();
            if best.is_none_or(|(b, _)| u > b) {
                best = Some((u, gate));
            }
        }
    }
    if let Some((u, gate)) = best {
        let s = Score::of(&half, gate);
        let pc = |n: usize, d: usize| 100.0 * n as f64 / d.max(1) as f64;
        println!(
            "calibrated on {} lines: accept {:.3}, margin {:.3} (utility {u:.1}; top-1 {:.1}%, top-1 flips {}, flips {}, rejected {:.1}%, off-script caught {:.1}%)",
            half.len(),
            gate.accept,
            gate.margin,
            pc(s.top1, s.on),
            s.top1_flips,
            s.flips,
            pc(s.rejected, s.on),
            pc(s.off_caught, s.off)
        );
    }
}

fn misses(cases: &[Case], gate: Gate, scenarios: &HashMap<String, Scenario>) {
    println!("\nmisses:");
    for case in cases {
        let verdict = gate.verdict(&case.ranked);
        let got = match verdict {
            Verdict::Matched { choice, .. } => Some(choice + 1),
            _ => None,
        };
        let ok = match (case.line.expect, verdict) {
            (None, Verdict::OffScript { .. }) => true,
            (Some(e), Verdict::Matched { choice, .. }) => e == choice + 1,
            _ => false,
        };
        if ok {
            continue;
        }
        let r = &case.line.request;
        let node = &scenarios[&r.scenario].nodes[scenarios[&r.scenario].node(&r.node).unwrap_or(0)];
        let top: Vec<String> = case
            .ranked
            .iter()
            .take(3)
            .map(|x| format!("{}:{:.3}", x.choice + 1, x.score))
            .collect();
        println!(
            "{} {} [{}] expect {:?} got {got:?} {verdict:?}\n    typed: {}\n    top: {}",
            r.scenario,
            r.node,
            case.line.kind,
            case.line.expect,
            r.text,
            top.join(" ")
        );
        if let Some(g) = got {
            println!("    read as: {}", node.choices[g - 1].text);
        }
    }
}

/// The closest pairs of choices, and how the eval's replies fared at them:
/// evidence for where `frontline check` should warn.
fn pairs(
    scenarios: &HashMap<String, Scenario>,
    replies: &HashMap<String, frontline_match::Replies>,
    cases: &[Case],
    gate: Gate,
) {
    let mut all = Vec::new();
    for (id, s) in scenarios {
        let saved = frontline_match::CONFUSABLE;
        for p in frontline_match::confusable(s, &replies[id]) {
            let node = &s.nodes[p.node];
            let lines: Vec<&Case> = cases
                .iter()
                .filter(|c| c.line.request.scenario == *id && c.line.request.node == node.id)
                .filter(|c| {
                    c.line
                        .expect
                        .is_some_and(|e| e - 1 == p.first || e - 1 == p.second)
                })
                .collect();
            let confused = lines.iter().filter(|c| {
                let e = c.line.expect.unwrap_or(0) - 1;
                !matches!(gate.verdict(&c.ranked), Verdict::Matched { choice, .. } if choice == e)
            });
            all.push((
                p.similarity,
                format!(
                    "{id} {} {}+{} ({saved}): {} of {} replies not matched right",
                    node.id,
                    p.first + 1,
                    p.second + 1,
                    confused.count(),
                    lines.len()
                ),
            ));
        }
    }
    all.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("\nconfusable pairs:");
    for (sim, line) in all {
        println!("  {sim:.3} {line}");
    }
}

fn peak_memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmHWM"));
    line.map_or("unknown".into(), |l| {
        l.split_whitespace().skip(1).collect::<Vec<_>>().join(" ")
    })
}
