//! The trainer tools: `check` finds what each broken fixture was built to
//! show, at the right place; its score bounds are exactly what playing every
//! way through the runtime gives; graphs render with Graphviz; simulations are
//! reproducible whatever the thread count; the template and the generator
//! write valid scenarios that `check` finds clean.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use frontline_core::analysis::check::{Report, WalkStep, check};
use frontline_core::analysis::generate::scenario_text;
use frontline_core::analysis::graph::{Format, Highlight, draw};
use frontline_core::analysis::simulate::{Options, Policy, Simulation, simulate};
use frontline_core::analysis::template;
use frontline_core::bounds::ScoreBounds;
use frontline_core::{Catalog, Debrief, Loaded, Scenario, Session, Severity, State};

mod common;
use common::{MINI, position};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(path).expect("fixture exists")
}

fn loaded(source: &str) -> Loaded {
    let path = PathBuf::from("f.scenario.ron");
    Loaded {
        scenario: common::parse(source),
        path,
        source: source.to_string(),
    }
}

fn bundled() -> Catalog {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    Catalog::load(&[dir]).expect("scenarios/ is readable")
}

/// Asserts the report's findings are exactly these (severity, message part,
/// place as the `nth` occurrence of a needle in the source), in file order.
fn assert_findings(report: &Report, source: &str, expected: &[(Severity, &str, &str, usize)]) {
    let found: Vec<String> = report.findings.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        report.findings.len(),
        expected.len(),
        "findings:\n{}",
        found.join("\n")
    );
    for (d, &(severity, message, needle, nth)) in report.findings.iter().zip(expected) {
        assert_eq!(d.severity, severity, "{d}");
        assert!(
            d.message.contains(message),
            "{:?} lacks {message:?}",
            d.message
        );
        assert_eq!((d.line, d.column), position(source, needle, nth), "{d}");
    }
}

#[test]
fn structural_findings_are_located_in_the_file() {
    let source = fixture("shape.scenario.ron");
    let report = check(&loaded(&source));
    use Severity::Warning;
    assert_findings(
        &report,
        &source,
        &[
            (Warning, "no choice changes meter `idle`", "\"idle\"", 0),
            (
                Warning,
                "flag `noted` is set but no condition reads it",
                "\"noted\"",
                0,
            ),
            (
                Warning,
                "flag `vip` is read but nothing sets it",
                "\"vip\"",
                0,
            ),
            (
                Warning,
                "flag `unused` is never set or read",
                "\"unused\"",
                0,
            ),
            (
                Warning,
                "choice 2 of `hello` (\"VIP treatment\") can never be offered",
                "Choice(text: \"VIP",
                0,
            ),
            (
                Warning,
                "node `orphan` can never be reached",
                "\"orphan\"",
                0,
            ),
            (Warning, "ending `sad` can never be reached", "\"sad\"", 1),
            (
                Warning,
                "ending `never` can never be reached",
                "\"never\"",
                1,
            ),
        ],
    );
    assert_eq!(report.errors(), 0);
    assert!(report.exact);
    let reached: Vec<bool> = report.endings.iter().map(|e| e.lowest.is_some()).collect();
    assert_eq!(reached, [true, false, false]);
}

#[test]
fn dead_ends_and_loops_are_errors_unless_there_is_a_way_out() {
    let source = fixture("dead_ends.scenario.ron");
    let report = check(&loaded(&source));
    use Severity::{Error, Warning};
    assert_findings(
        &report,
        &source,
        &[
            (
                Warning,
                "flag `token` is read but nothing sets it",
                "\"token\"",
                0,
            ),
            (
                Warning,
                "can go round `door`, `hall` for ever (a way out: choice 2 of `door`",
                "\"door\"",
                1,
            ),
            (
                Error,
                "stuck at `desk`: none of its choices can be offered with no flag set; satisfaction 50",
                "\"desk\"",
                1,
            ),
            (Warning, "choice 1 of `desk`", "Choice(text: \"Show", 0),
            (
                Error,
                "no ending can be reached from `corridor`",
                "\"corridor\"",
                1,
            ),
            (
                Error,
                "once in the loop through `pit`, `well`, no ending can be reached",
                "\"pit\"",
                1,
            ),
            (
                Error,
                "stuck at `spin_again`: its routes and random events can go round in a loop",
                "\"spin_again\"",
                1,
            ),
            (
                Warning,
                "ending `happy` can never be reached",
                "\"happy\"",
                1,
            ),
        ],
    );
    assert_eq!(report.errors(), 4);
    let loops: Vec<(Vec<String>, bool)> = report
        .loops
        .iter()
        .map(|l| (l.nodes.clone(), l.way_out.is_some()))
        .collect();
    assert_eq!(
        loops,
        [
            (vec!["pit".to_string(), "well".to_string()], false),
            (vec!["door".to_string(), "hall".to_string()], true),
        ]
    );
    assert!(!report.exact, "the door-hall loop is cut at the step limit");
}

#[test]
fn scoring_findings_name_the_path_that_shows_them() {
    let source = fixture("grading.scenario.ron");
    let report = check(&loaded(&source));
    use Severity::Warning;
    assert_findings(
        &report,
        &source,
        &[
            (
                Warning,
                "grade A (90, ending `delighted`) despite taking this anti-pattern: \"greet:1 listen:1 confirm:1 thank:1\"",
                "[BlameCustomer]",
                0,
            ),
            (
                Warning,
                "practice tag `Acknowledge` never raises the score",
                "Acknowledge]",
                0,
            ),
            (
                Warning,
                "when this event fires, even the best play can end as a Detractor (`grumpy`, score 80)",
                "Event(",
                0,
            ),
            (
                Warning,
                "`delighted` is a Promoter ending but can be reached with grade F (0): \"greet:3\"",
                "Promoter",
                0,
            ),
            (
                Warning,
                "`grumpy` is a Detractor ending but can be reached with grade B (80)",
                "Detractor",
                1,
            ),
        ],
    );
    let best = report.best.as_ref().expect("an ending is reachable");
    assert_eq!((best.score, best.ending.as_str()), (90, "delighted"));
    let texts: Vec<&str> = best
        .path
        .steps
        .iter()
        .map(|s| match s {
            WalkStep::Choice { text, .. } => text.as_str(),
            WalkStep::Event { .. } => "event",
        })
        .collect();
    assert_eq!(texts, ["Sneer", "Listen", "Confirm", "Thank"]);
}

#[test]
fn bundled_scenarios_have_no_errors_and_exact_bounds() {
    for loaded in bundled().loaded() {
        let report = check(loaded);
        assert_eq!(report.errors(), 0, "{report}");
        assert!(report.exact, "{}", report.scenario);
        let bounds = ScoreBounds::of(&loaded.scenario);
        let (best, worst) = (report.best.unwrap(), report.worst.unwrap());
        assert_eq!((bounds.best, bounds.worst), (best.score, worst.score));
        assert!(report.endings.iter().all(|e| e.highest.is_some()));
    }
}

/// (lowest, highest) score of each ending over every choice of every session
/// with the given seeds, played through the runtime.
fn played(scenario: &Scenario, seeds: std::ops::Range<u64>) -> BTreeMap<String, (u8, u8)> {
    let scenario = Arc::new(scenario.clone());
    let mut seen: BTreeMap<String, (u8, u8)> = BTreeMap::new();
    for seed in seeds {
        let mut stack = vec![Session::new(Arc::clone(&scenario), seed)];
        while let Some(session) = stack.pop() {
            match session.state() {
                State::Ended { .. } => {
                    let d = Debrief::of(&session).unwrap();
                    let range = seen.entry(d.ending).or_insert((d.score, d.score));
                    *range = (range.0.min(d.score), range.1.max(d.score));
                }
                State::Stuck { .. } => panic!("a bundled-quality scenario got stuck"),
                State::Waiting { .. } => {
                    for offer in 0..session.offered().len() {
                        let mut next = session.clone();
                        next.choose(offer).unwrap();
                        stack.push(next);
                    }
                }
            }
        }
    }
    seen
}

fn ranges(report: &Report) -> BTreeMap<String, (u8, u8)> {
    report
        .endings
        .iter()
        .filter_map(|e| {
            Some((
                e.ending.clone(),
                (e.lowest.as_ref()?.score, e.highest.as_ref()?.score),
            ))
        })
        .collect()
}

#[test]
fn bounds_are_exactly_what_every_playthrough_gives() {
    let template = template::scenario_text("t").unwrap();
    let features = fixture("features.scenario.ron");
    for source in [
        MINI.to_string(),
        fixture("grading.scenario.ron"),
        features,
        template,
    ] {
        let report = check(&loaded(&source));
        assert_eq!(
            ranges(&report),
            played(&common::parse(&source), 0..64),
            "{report}"
        );
    }
}

#[test]
fn bundled_bounds_enclose_every_playthrough() {
    for loaded in bundled().loaded() {
        let report = check(loaded);
        let exact = ranges(&report);
        for (ending, (lo, hi)) in played(&loaded.scenario, 0..3) {
            let (elo, ehi) = exact[&ending];
            assert!(
                elo <= lo && hi <= ehi,
                "{ending}: {lo}..{hi} outside {elo}..{ehi}"
            );
        }
    }
}

#[test]
fn the_json_report_carries_findings_bounds_and_paths() {
    let source = fixture("grading.scenario.ron");
    let json = serde_json::to_value(check(&loaded(&source))).unwrap();
    assert_eq!(json["scenario"], "grading");
    assert_eq!(json["best"]["score"], 90);
    assert_eq!(json["best"]["grade"], "A");
    assert_eq!(json["best"]["path"]["steps"][0]["kind"], "choice");
    assert_eq!(json["best"]["path"]["steps"][0]["text"], "Sneer");
    assert_eq!(json["endings"][1]["highest"]["score"], 80);
    assert_eq!(json["findings"][0]["severity"], "warning");
    assert_eq!(json["findings"][0]["line"], 17);
}

#[test]
fn an_event_that_keeps_redirecting_leaves_a_session_stuck_without_panicking() {
    // Event 1 sends `a` back to itself; event 2 ends. A session firing the
    // first more times than there are nodes is caught in a loop.
    let source = MINI.replacen(
        "events: [Event(chance: 0.5, next: \"interruption\")]",
        "events: [Event(chance: 0.9, next: \"middle\"), Event(chance: 0.9, next: \"happy\")]",
        1,
    );
    let scenario = Arc::new(common::parse(&source));
    let mut stuck = 0;
    for seed in 0..200 {
        let mut session = Session::new(Arc::clone(&scenario), seed);
        session.choose(0).unwrap();
        stuck += matches!(session.state(), State::Stuck { .. }) as usize;
    }
    assert!(stuck > 0, "a loop of events leaves some sessions stuck");
    let report = check(&loaded(&source));
    let stuck_at_middle = report.findings.iter().any(|d| {
        d.message
            .contains("stuck at `middle`: its routes and random events")
    });
    assert!(stuck_at_middle, "{report}");
}

#[test]
fn the_template_is_valid_clean_and_reaches_every_ending() {
    let text = template::scenario_text("my_scenario-2").unwrap();
    assert!(text.contains("id: \"my_scenario-2\""));
    let report = check(&loaded(&text));
    assert!(report.findings.is_empty(), "{report}");
    assert!(report.exact);
    assert!(
        report.endings.iter().all(|e| e.lowest.is_some()),
        "{report}"
    );
    assert_eq!(report.best.unwrap().grade, frontline_core::Grade::A);
    for bad in ["", "a b", "x\"y", "../up", "é"] {
        assert!(
            template::scenario_text(bad).is_err(),
            "{bad:?} was accepted"
        );
    }
}

#[test]
fn generated_scenarios_are_clean_and_their_state_space_stays_linear() {
    for nodes in [2, 7, 40, 100, 2_000] {
        let text = scenario_text(nodes, 3);
        assert_eq!(
            text,
            scenario_text(nodes, 3),
            "the same seed gives the same text"
        );
        let report = check(&loaded(&text));
        let scenario = common::parse(&text);
        assert_eq!(scenario.nodes.len(), nodes);
        assert_eq!(report.errors(), 0, "{report}");
        // Too small for every part to be reachable and useful.
        assert!(nodes < 40 || report.findings.is_empty(), "{report}");
        assert!(report.exact);
        assert!(
            report.situations <= 3 * nodes,
            "{} situations",
            report.situations
        );
        assert!(report.states <= 3 * nodes, "{} states", report.states);
    }
    assert_ne!(scenario_text(100, 1), scenario_text(100, 2));
}

#[test]
fn a_long_chain_is_analysed_without_deep_recursion() {
    let nodes = 5_000;
    let mut text = String::from(
        r#"Scenario(id: "chain", title: "T", summary: "S.", briefing: "B.",
        customer: Customer(name: "C", persona: "P.", expectation: "E.", source: "S."),
        meters: [Meter(id: "m", label: "M", start: 50)], start: "n0", nodes: ["#,
    );
    for i in 0..nodes {
        let next = if i + 1 == nodes {
            "end".to_string()
        } else {
            format!("n{}", i + 1)
        };
        text.push_str(&format!(
            "Node(id: \"n{i}\", lines: [\"L\"], choices: [Choice(text: \"Go\", effects: {{\"m\": 1}}, feedback: \"F\", next: \"{next}\"), Choice(text: \"Stay\", feedback: \"F\", next: \"n{i}\")]),"
        ));
    }
    text.push_str(r#"], endings: [Ending(id: "end", title: "E", text: "E.", outcome: Passive)])"#);
    let report = check(&loaded(&text));
    assert_eq!(report.errors(), 0);
    assert!(!report.loops.is_empty(), "each node loops on itself");
}

fn dot_installed() -> bool {
    Command::new("dot").arg("-V").output().is_ok()
}

/// Renders DOT with Graphviz and returns the SVG.
fn render(dot: &str) -> String {
    use std::io::Write;
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "dot failed: {stderr}\n{dot}"
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn dot_graphs_render_with_graphviz() {
    if !dot_installed() {
        eprintln!("SKIPPED: Graphviz `dot` is not installed (apt-get install graphviz)");
        return;
    }
    let awkward = common::parse(&fixture("awkward_text.scenario.ron"));
    let svg = render(&draw(&awkward, Format::Dot, Some(Highlight::Best)));
    assert!(
        svg.contains("&quot;Hi&quot; \\ # &lt;b&gt; `t` [x] {y} |p| é"),
        "{svg}"
    );
    for loaded in bundled().loaded() {
        for highlight in [None, Some(Highlight::Best), Some(Highlight::Worst)] {
            let svg = render(&draw(&loaded.scenario, Format::Dot, highlight));
            for node in &loaded.scenario.nodes {
                assert!(
                    svg.contains(&format!(">{}</text>", node.id)),
                    "{} drawn",
                    node.id
                );
            }
        }
    }
}

#[test]
fn the_highlighted_path_is_the_best_one() {
    let scenario = common::parse(MINI);
    let dot = draw(&scenario, Format::Dot, Some(Highlight::Best));
    let lit: Vec<&str> = dot
        .lines()
        .filter(|l| l.contains("penwidth=3") && l.contains("->"))
        .collect();
    // start -> hello, Ask, the route to `middle`'s answer, the route to `happy`.
    assert_eq!(lit.len(), 4, "{dot}");
    assert!(lit.iter().any(|l| l.contains("1. Ask")), "{lit:?}");
    assert!(
        lit.iter().any(|l| l.contains("1. Tailored answer")),
        "{lit:?}"
    );
    assert!(
        lit.iter().any(|l| l.contains("\"n3\" -> \"e0\"")),
        "{lit:?}"
    );
    let plain = draw(&scenario, Format::Dot, None);
    assert!(!plain.contains("penwidth=3"));
    let styles: Vec<bool> = [
        "style=dashed",
        "style=dotted",
        "doubleoctagon",
        "tripleoctagon",
    ]
    .iter()
    .map(|s| plain.contains(s))
    .collect();
    assert_eq!(
        styles, [true; 4],
        "events dashed, routes dotted, endings shaped:\n{plain}"
    );
}

#[test]
fn mermaid_labels_escape_what_mermaid_would_read() {
    let awkward = common::parse(&fixture("awkward_text.scenario.ron"));
    let mermaid = draw(&awkward, Format::Mermaid, Some(Highlight::Worst));
    assert!(mermaid.starts_with("flowchart LR\n"));
    for line in mermaid.lines().skip(1) {
        // Between a label's delimiting quotes, only escapes and line breaks.
        if let (Some(start), Some(end)) = (line.find('"'), line.rfind('"')) {
            let label = line[start + 1..end].replace("<br/>", "");
            assert!(!label.contains(['"', '<', '>', '`']), "{line}");
        }
    }
    assert!(
        mermaid.contains("#quot;Hi#quot; \\ #35; #lt;b#gt; #96;t#96; [x] {y} |p| é"),
        "{mermaid}"
    );
    assert!(mermaid.contains("n0 -.->|\"25%<br/>if not said {hi}\"| n1"));
    assert!(
        mermaid.contains("linkStyle"),
        "routes are dotted and the path lit"
    );
}

fn run(scenario: &Arc<Scenario>, policy: Policy, threads: usize, seed: u64) -> Simulation {
    let options = Options {
        runs: 3_000,
        seed,
        policy,
        threads,
    };
    simulate(scenario, &options, &|_| {})
}

#[test]
fn simulations_are_reproducible_whatever_the_thread_count() {
    let scenario = Arc::new(bundled().find("caviar").unwrap().scenario.clone());
    let one = run(&scenario, Policy::Random, 1, 7);
    assert_eq!(one, run(&scenario, Policy::Random, 4, 7));
    assert_ne!(one, run(&scenario, Policy::Random, 1, 8));
    assert_eq!(one.ended(), one.runs, "caviar always ends");
    let outcomes: u64 = one.outcomes.iter().map(|s| s.runs).sum();
    let endings: u64 = one.endings.iter().map(|s| s.runs).sum();
    assert_eq!((outcomes, endings), (one.runs, one.runs));
    let taken: u64 = one
        .choices
        .iter()
        .flat_map(|n| &n.choices)
        .map(|c| c.runs)
        .sum();
    assert_eq!(taken, one.choices_made);
    let first: u64 = one.choices[0].choices.iter().map(|c| c.runs).sum();
    assert_eq!(first, one.runs, "every run chooses at the start node");
}

#[test]
fn simulated_scores_stay_within_the_exact_bounds_and_policies_differ() {
    let loaded = bundled().find("late_meal").unwrap().clone();
    let bounds = ScoreBounds::of(&loaded.scenario);
    let scenario = Arc::new(loaded.scenario);
    let mean = |s: &Simulation| {
        let total: u64 = s
            .scores
            .iter()
            .enumerate()
            .map(|(score, &n)| score as u64 * n)
            .sum();
        total as f64 / s.ended() as f64
    };
    let mut means = Vec::new();
    for policy in [Policy::Worst, Policy::Random, Policy::Greedy] {
        let s = run(&scenario, policy, 2, 1);
        let reached: Vec<usize> = (0..=100).filter(|&score| s.scores[score] > 0).collect();
        assert!(usize::from(bounds.worst) <= reached[0], "{policy:?}");
        assert!(
            *reached.last().unwrap() <= usize::from(bounds.best),
            "{policy:?}"
        );
        means.push(mean(&s));
    }
    assert!(
        means[0] < means[1] && means[1] < means[2],
        "worst < random < greedy: {means:?}"
    );
}

#[test]
fn progress_counts_every_run_once() {
    let scenario = Arc::new(common::parse(MINI));
    let done = AtomicU64::new(0);
    let options = Options {
        runs: 2_500,
        seed: 0,
        policy: Policy::Random,
        threads: 3,
    };
    simulate(&scenario, &options, &|n| {
        done.fetch_add(n, Ordering::Relaxed);
    });
    assert_eq!(done.into_inner(), 2_500);
}

#[test]
fn the_simulation_report_shows_a_histogram_and_shares() {
    let scenario = Arc::new(common::parse(MINI));
    let text = run(&scenario, Policy::Random, 1, 0).to_string();
    assert!(text.contains("90-100"), "{text}");
    assert!(text.contains("Promoter"), "{text}");
    assert!(text.contains("1. Ask"), "{text}");
    assert!(text.contains('█'), "{text}");
}

#[test]
fn a_passive_ending_reachable_with_an_a_is_a_warning() {
    let source = fixture("passive_a.scenario.ron");
    let report = check(&loaded(&source));
    assert_findings(
        &report,
        &source,
        &[(
            Severity::Warning,
            "ending `content` is a Passive ending but can be reached with grade A (100): \"greet:1\"; ask more of the routes that lead here, or make the ending a better outcome",
            "Passive",
            0,
        )],
    );
}

#[test]
fn each_persona_s_range_is_what_its_sessions_can_score() {
    for loaded in bundled().loaded() {
        let report = check(loaded);
        let scenario = Arc::new(loaded.scenario.clone());
        assert_eq!(
            report.personas.len(),
            scenario.customer.personas.len().max(1)
                * usize::from(scenario.customer.personas.len() > 1)
        );
        for range in &report.personas {
            let p = scenario
                .customer
                .personas
                .iter()
                .position(|p| p.id == range.persona)
                .unwrap();
            let (best, worst) = (range.best.as_ref().unwrap(), range.worst.as_ref().unwrap());
            assert_eq!(best.path.persona.as_deref(), Some(range.persona.as_str()));
            let mut seen = Vec::new();
            for seed in 0..400 {
                let session = Session::new(Arc::clone(&scenario), seed);
                if session.persona() != Some(p) {
                    continue;
                }
                let mut session = session;
                let mut pick = seed as usize;
                while !session.offered().is_empty() {
                    pick = pick.wrapping_mul(31).wrapping_add(7);
                    session.choose(pick % session.offered().len()).unwrap();
                }
                if let Some(d) = Debrief::of(&session) {
                    seen.push(d.score);
                }
            }
            assert!(!seen.is_empty());
            for score in seen {
                assert!(
                    (worst.score..=best.score).contains(&score),
                    "{}: {score}",
                    range.persona
                );
            }
        }
        if let (Some(best), Some(worst)) = (&report.best, &report.worst) {
            let bests = report
                .personas
                .iter()
                .filter_map(|p| p.best.as_ref().map(|b| b.score))
                .max();
            let worsts = report
                .personas
                .iter()
                .filter_map(|p| p.worst.as_ref().map(|w| w.score))
                .min();
            if !report.personas.is_empty() {
                assert_eq!((bests, worsts), (Some(best.score), Some(worst.score)));
            }
        }
    }
}
