//! The reports' figures on a fixture of known sessions (see
//! `common::known_sessions`), their filters, and their CSV tables.

use frontline_records::report::{GradeCounts, VerdictCounts};
use frontline_records::{DATABASE_FILE, Filter, Report, Store, Timestamp, Verdict, table};

mod common;
use common::{known_sessions, store_with_minute_clock, temp_dir};

fn report(filter: Filter) -> Report {
    let path = temp_dir("report").join(DATABASE_FILE);
    let mut store = store_with_minute_clock(&path);
    known_sessions(&mut store);
    store.report(&filter).expect("report")
}

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

#[test]
fn per_trainee_best_last_and_time_spent() {
    let report = report(Filter::default());
    let rows: Vec<_> = report
        .trainees
        .iter()
        .map(|r| {
            (
                r.trainee.as_str(),
                r.scenario.as_str(),
                (r.attempts, r.finished, r.abandoned),
                (r.best_score, r.last_score),
                r.last_verdict,
                r.last_played,
                r.time_spent_s,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "Ada",
                "shop",
                (3, 2, 1),
                (Some(100), Some(100)),
                Verdict::Abandoned,
                at("2025-03-01T09:09:00Z"),
                420
            ),
            (
                "Bob",
                "shop",
                (2, 2, 0),
                (Some(44), Some(44)),
                Verdict::Detractor,
                at("2025-03-01T09:17:00Z"),
                360
            ),
            (
                "Cy",
                "till",
                (1, 1, 0),
                (Some(62), Some(62)),
                Verdict::Passive,
                at("2025-03-01T09:21:00Z"),
                180
            ),
        ]
    );
    let scores: Vec<(&str, Vec<u8>)> = report
        .progress
        .iter()
        .map(|p| {
            (
                p.trainee.as_str(),
                p.points.iter().map(|p| p.score).collect(),
            )
        })
        .collect();
    assert_eq!(
        scores,
        [
            ("Ada", vec![78, 100]),
            ("Bob", vec![6, 44]),
            ("Cy", vec![62])
        ]
    );
    assert_eq!(report.progress[0].points[1].attempt, 2);
}

#[test]
fn per_scenario_distribution_outcomes_and_time() {
    let report = report(Filter::default());
    let [shop, till] = &report.scenarios[..] else {
        panic!("{:?}", report.scenarios);
    };
    assert_eq!(
        (shop.scenario.as_str(), shop.title.as_str()),
        ("shop", "The <fixture> shop")
    );
    assert_eq!((shop.attempts, shop.trainees), (5, 2));
    assert_eq!(
        shop.grades,
        GradeCounts {
            a: 1,
            b: 1,
            c: 0,
            d: 0,
            f: 2
        }
    );
    assert_eq!(
        (shop.lowest_score, shop.mean_score, shop.highest_score),
        (Some(6), Some(57.0), Some(100))
    );
    assert_eq!(
        shop.verdicts,
        VerdictCounts {
            promoter: 1,
            passive: 1,
            detractor: 2,
            abandoned: 1
        }
    );
    assert_eq!(shop.average_time_s, Some(180));
    assert_eq!((till.scenario.as_str(), till.attempts), ("till", 1));
    assert_eq!(
        till.grades,
        GradeCounts {
            c: 1,
            ..GradeCounts::default()
        }
    );
    assert_eq!(till.mean_score, Some(62.0));
}

/// Scenario, node, choices taken, anti-patterns, and (text, anti-pattern, count) per choice.
type NodeFigures<'a> = (&'a str, &'a str, usize, usize, Vec<(&'a str, bool, usize)>);

#[test]
fn where_trainees_go_wrong_puts_anti_patterns_first() {
    let report = report(Filter::default());
    let nodes: Vec<NodeFigures> = report
        .mistakes
        .iter()
        .map(|n| {
            let choices = n
                .choices
                .iter()
                .map(|c| (c.text.as_str(), c.anti_pattern, c.count))
                .collect();
            (
                n.scenario.as_str(),
                n.node.as_str(),
                n.taken,
                n.anti_patterns,
                choices,
            )
        })
        .collect();
    assert_eq!(
        nodes,
        [
            (
                "shop",
                "greet",
                5,
                3,
                vec![
                    ("Push the extended warranty", true, 3),
                    ("Ask what they need", false, 2)
                ]
            ),
            (
                "shop",
                "offer",
                4,
                1,
                vec![
                    ("Promise it \"tomorrow\"", true, 1),
                    ("Be honest about the stock", false, 2),
                    ("Shrug, say nothing", false, 1),
                ]
            ),
            (
                "till",
                "offer",
                1,
                1,
                vec![("Promise it \"tomorrow\"", true, 1)]
            ),
            (
                "till",
                "greet",
                1,
                0,
                vec![("Ask what they need", false, 1)]
            ),
        ]
    );
}

#[test]
fn filters_select_trainee_scenario_and_start_date() {
    let trainees =
        |r: Report| -> Vec<String> { r.trainees.into_iter().map(|t| t.trainee).collect() };
    let by_trainee = report(Filter {
        trainee: Some("Bob".into()),
        ..Filter::default()
    });
    assert_eq!(trainees(by_trainee.clone()), ["Bob"]);
    assert_eq!(by_trainee.scenarios[0].attempts, 2);
    let by_scenario = report(Filter {
        scenario: Some("till".into()),
        ..Filter::default()
    });
    assert_eq!(trainees(by_scenario), ["Cy"]);
    let since = report(Filter {
        since: Timestamp::parse("2025-03-01T09:10:00Z"),
        ..Filter::default()
    });
    assert_eq!(trainees(since), ["Bob", "Cy"]);
    let later = report(Filter {
        since: Timestamp::parse("2025-03-02"),
        ..Filter::default()
    });
    assert!(later.trainees.is_empty() && later.scenarios.is_empty() && later.mistakes.is_empty());
}

#[test]
fn csv_tables_hold_the_figures_and_quote_texts() {
    let report = report(Filter::default());
    let dir = temp_dir("csv");
    let database = dir.join(frontline_records::DATABASE_FILE);
    let outputs = frontline_records::output::Outputs {
        database: &database,
        force: false,
    };
    let paths = table::write_files(&dir, &report, outputs).expect("writes");
    let read = |i: usize| std::fs::read_to_string(&paths[i]).unwrap();
    let trainees = read(0);
    let lines: Vec<&str> = trainees.lines().collect();
    assert_eq!(
        lines[0],
        "trainee,scenario,attempts,finished,abandoned,best_score,last_score,last_verdict,last_played,time_spent_s"
    );
    assert_eq!(
        lines[1],
        "Ada,shop,3,2,1,100,100,Abandoned,2025-03-01T09:09:00.000Z,420"
    );
    assert_eq!(lines.len(), 4);
    let scenarios = read(1);
    assert!(
        scenarios.contains("\nshop,The <fixture> shop,5,2,1,1,0,0,2,6,57,100,1,1,2,1,180\n"),
        "{scenarios}"
    );
    let mistakes = read(2);
    assert!(
        mistakes
            .contains("\nshop,offer,4,1,1,\"Promise it \"\"tomorrow\"\"\",Overpromise,true,1\n"),
        "{mistakes}"
    );
    assert!(
        mistakes.contains("\"Shrug, say nothing\",,false,1\n"),
        "{mistakes}"
    );
    let rows = csv::Reader::from_reader(mistakes.as_bytes())
        .records()
        .count();
    assert_eq!(rows, 7);
}

#[test]
fn a_report_on_no_records_is_empty() {
    let path = temp_dir("empty-report").join(DATABASE_FILE);
    drop(Store::open(&path).unwrap());
    let store = frontline_records::OpenOptions::default()
        .open_read_only(&path)
        .unwrap();
    let report = store.report(&Filter::default()).unwrap();
    assert!(report.trainees.is_empty() && report.progress.is_empty());
}
