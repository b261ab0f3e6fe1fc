//! Properties over generated input: any text loads without panicking and
//! every error points inside it; any valid scenario scores in 0..=100 exactly
//! as docs/scoring.md says, computed here independently; and `check`'s exact
//! bounds enclose every session played.

use std::path::Path;
use std::sync::Arc;

use frontline_core::bounds::ScoreBounds;
use frontline_core::load::parse;
use frontline_core::{Debrief, Practice, Scenario, Session};
use proptest::prelude::*;

mod common;

const FILE: &str = "p.scenario.ron";

/// Bytes to mutate: the fixtures and bundled scenarios, which reach deep into
/// the parser and the validator once slightly damaged.
fn seeds() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in [root.join("tests/fixtures"), root.join("../../scenarios")] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            // Also as written on Windows, where errors can land between \r and \n.
            texts.push(text.replace('\n', "\r\n"));
            texts.push(text);
        }
    }
    texts.sort();
    texts
}

/// A seed with a few bytes replaced, inserted or removed; any bytes at all
/// are made text the way a loader would (lossily).
fn damaged() -> impl Strategy<Value = String> {
    let edits = prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..8);
    (prop::sample::select(seeds()), edits).prop_map(|(seed, edits)| {
        let mut bytes = seed.into_bytes();
        for (at, kind, byte) in edits {
            let i = at.index(bytes.len() + 1);
            match kind {
                0 if i < bytes.len() => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ if i < bytes.len() => drop(bytes.remove(i)),
                _ => {}
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Every diagnostic's line exists, and its column is on that line (or just
/// past its end); rendering it does not panic.
fn assert_located(source: &str) {
    let Err(diagnostics) = parse(Path::new(FILE), source) else {
        return;
    };
    assert!(!diagnostics.is_empty());
    // Lines end at a line feed, a carriage return and line feed, or a lone
    // carriage return (old Mac files), as diagnostics count them.
    let lines: Vec<&str> = source
        .split("\r\n")
        .flat_map(|l| l.split(['\n', '\r']))
        .collect();
    for d in diagnostics {
        assert!((1..=lines.len()).contains(&d.line), "{d:?}");
        let width = lines[d.line - 1].chars().count();
        assert!(
            (1..=width + 1).contains(&d.column),
            "{d:?} on {:?}",
            lines[d.line - 1]
        );
        let _ = d.to_string();
    }
}

/// A meter as generated: (min, width, start offset, better Lower, weight).
type MeterSpec = (i32, u32, u32, bool, u8);

/// A valid scenario: meters of any range the file can hold, nodes whose
/// choices lead only forward (so every session ends), random tags and effects.
#[derive(Debug, Clone)]
struct Spec {
    meters: Vec<MeterSpec>,
    /// Per node, its choices: (tags, effects per meter, next node offset or ending).
    nodes: Vec<Vec<(u8, Vec<i32>, u8)>>,
}

fn effect() -> impl Strategy<Value = i32> {
    prop_oneof![-20i32..=20, Just(i32::MAX), Just(i32::MIN), any::<i32>()]
}

fn spec() -> impl Strategy<Value = Spec> {
    let meter = (
        prop_oneof![Just(0), -100i32..0, Just(i32::MIN)],
        prop_oneof![1u32..=10, Just(100), Just(u32::MAX)],
        any::<u32>(),
        any::<bool>(),
        1u8..=3,
    );
    prop::collection::vec(meter, 1..=3).prop_flat_map(|meters| {
        let count = meters.len();
        let choice = (
            0u8..=UNSCORED,
            prop::collection::vec(effect(), count),
            any::<u8>(),
        );
        let node = prop::collection::vec(choice, 1..=3);
        prop::collection::vec(node, 1..=6).prop_map(move |nodes| Spec {
            meters: meters.clone(),
            nodes,
        })
    })
}

/// The tags of tag code `code`: none, good, bad, mixed, two good, two bad,
/// and none on an unscored choice.
fn tags(code: u8) -> &'static [Practice] {
    use Practice::*;
    [
        &[][..],
        &[Ask],
        &[Deflect],
        &[Listen, Upsell],
        &[Honest, Gesture],
        &[Ignore, Overpromise],
        &[],
    ][usize::from(code)]
}

/// Tag code of a choice marked `scored: false`.
const UNSCORED: u8 = 6;

impl Spec {
    /// (min, max, start, better Lower, weight), the max kept inside i32.
    fn meter(&self, i: usize) -> (i32, i32, i32, bool, u8) {
        let (min, width, start, lower, weight) = self.meters[i];
        let max = (i64::from(min) + i64::from(width)).min(i64::from(i32::MAX)) as i32;
        let span = i64::from(max) - i64::from(min) + 1;
        let start = (i64::from(min) + i64::from(start) % span) as i32;
        (min, max, start, lower, weight)
    }

    fn next(&self, node: usize, target: u8) -> Option<usize> {
        let next = node + 1 + usize::from(target) % 3;
        (next < self.nodes.len()).then_some(next)
    }

    fn text(&self) -> String {
        let mut meters = String::new();
        for i in 0..self.meters.len() {
            let (min, max, start, lower, weight) = self.meter(i);
            let better = if lower { "Lower" } else { "Higher" };
            meters += &format!(
                r#"Meter(id: "m{i}", label: "M{i}", start: {start}, min: {min}, max: {max}, better: {better}, weight: {weight}.0),"#
            );
        }
        let mut nodes = String::new();
        for (n, choices) in self.nodes.iter().enumerate() {
            let mut list = String::new();
            for (c, (code, effects, target)) in choices.iter().enumerate() {
                let next = match self.next(n, *target) {
                    Some(next) => format!("n{next}"),
                    None => format!("e{}", target % 2),
                };
                let tags: Vec<String> = tags(*code).iter().map(|t| format!("{t:?}")).collect();
                let effects: Vec<String> = effects
                    .iter()
                    .enumerate()
                    .map(|(m, d)| format!(r#""m{m}": {d}"#))
                    .collect();
                let scored = if *code == UNSCORED { "false" } else { "true" };
                list += &format!(
                    r#"Choice(text: "C{c}", tags: [{}], effects: {{{}}}, feedback: "F.", next: "{next}", scored: {scored}),"#,
                    tags.join(", "),
                    effects.join(", ")
                );
            }
            nodes += &format!(r#"Node(id: "n{n}", lines: ["L."], choices: [{list}]),"#);
        }
        format!(
            r#"Scenario(id: "p", title: "P", summary: "S.", briefing: "B.",
                customer: Customer(name: "C", persona: "P.", expectation: "E.", source: "S."),
                meters: [{meters}], start: "n0", nodes: [{nodes}],
                endings: [
                    Ending(id: "e0", title: "E0", text: "T.", outcome: Promoter),
                    Ending(id: "e1", title: "E1", text: "T.", outcome: Detractor),
                ])"#
        )
    }

    /// The score of taking choices `picks` (each modulo the node's choices),
    /// following docs/scoring.md in exact integer arithmetic: the meters
    /// clamped after each change, each put on 0..1 (turned round for
    /// `better: Lower`), their mean weighted, 60% of it plus 40% of the mean
    /// choice quality (1, ½ or 0) over the scored choices (½ when none is),
    /// times 100, rounded half up.
    fn expected_score(&self, picks: &[usize]) -> u8 {
        let mut values: Vec<i64> = (0..self.meters.len())
            .map(|i| self.meter(i).2.into())
            .collect();
        let (mut node, mut halves, mut made, mut turn) = (0, 0i128, 0i128, 0);
        loop {
            let choices = &self.nodes[node];
            let (code, effects, target) = &choices[picks[turn] % choices.len()];
            turn += 1;
            let good = tags(*code).iter().any(|t| !t.is_anti_pattern());
            let bad = tags(*code).iter().any(|t| t.is_anti_pattern());
            if *code != UNSCORED {
                halves += match (good, bad) {
                    (true, false) => 2,
                    (false, true) => 0,
                    _ => 1,
                };
                made += 1;
            }
            for (m, delta) in effects.iter().enumerate() {
                let (min, max, ..) = self.meter(m);
                values[m] = (values[m] + i64::from(*delta)).clamp(min.into(), max.into());
            }
            match self.next(node, *target) {
                Some(next) => node = next,
                None => break,
            }
        }
        // customer = Σ wᵢ·aᵢ/dᵢ / W, over the common denominator Πdᵢ·W.
        let (mut num, mut den, mut total) = (0i128, 1i128, 0i128);
        for (m, &value) in values.iter().enumerate() {
            let (min, max, _, lower, weight) = self.meter(m);
            let d = i128::from(max) - i128::from(min);
            let a = match lower {
                false => i128::from(value) - i128::from(min),
                true => i128::from(max) - i128::from(value),
            };
            num = num * d + i128::from(weight) * a * den;
            den *= d;
            total += i128::from(weight);
        }
        den *= total;
        if made == 0 {
            (halves, made) = (1, 1);
        }
        // raw = 60·num/den + 40·halves/(2·made) = (60·num·made + 20·halves·den) / (den·made)
        let top = 60 * num * made + 20 * halves * den;
        let bottom = den * made;
        u8::try_from((2 * top + bottom) / (2 * bottom)).unwrap()
    }
}

/// Plays `picks` (each a choice as written, modulo the node's choices) to the end.
fn play(scenario: &Arc<Scenario>, seed: u64, picks: &[usize]) -> Session {
    let mut session = Session::new(scenario.clone(), seed);
    let mut i = 0;
    while let Some((node, _)) = session.current() {
        let written = picks[i] % node.choices.len();
        session.choose_written(written).unwrap();
        i += 1;
    }
    session
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn damaged_files_never_panic_and_errors_point_inside_them(text in damaged()) {
        assert_located(&text);
    }

    #[test]
    fn any_text_never_panics_and_errors_point_inside_it(text in "(?s).{0,300}") {
        assert_located(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn the_score_is_the_documented_formula(spec in spec(), picks in prop::collection::vec(0usize..3, 6)) {
        let scenario = Arc::new(common::parse(&spec.text()));
        let session = play(&scenario, 0, &picks);
        let debrief = Debrief::of(&session).expect("every path ends");
        prop_assert!(debrief.score <= 100);
        prop_assert_eq!(debrief.score, spec.expected_score(&picks));
    }

    #[test]
    fn check_bounds_enclose_every_session(spec in spec(), seeds in prop::collection::vec((any::<u64>(), prop::collection::vec(0usize..3, 6)), 1..8)) {
        let scenario = Arc::new(common::parse(&spec.text()));
        let bounds = ScoreBounds::try_of(&scenario).expect("every path ends");
        for (seed, picks) in seeds {
            let score = Debrief::of(&play(&scenario, seed, &picks)).unwrap().score;
            prop_assert!((bounds.worst..=bounds.best).contains(&score), "{} outside {:?}", score, bounds);
        }
    }
}
