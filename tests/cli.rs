//! The `frontline` binary as trainers and scripts use it: `validate`, `list`,
//! and scripted `play --text` playthroughs to every ending.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use frontline_core::explore::witnesses;
use frontline_core::load::Catalog;
use frontline_core::{Debrief, Session};

/// Runs the binary with its records in a scratch folder, never the tester's own.
fn frontline(args: &[&str], stdin: &str) -> Output {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let data = scratch(&format!("data-{}", RUNS.fetch_add(1, Ordering::Relaxed)));
    frontline_with_data(&data, args, stdin)
}

fn frontline_with_data(data: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("FRONTLINE_SCENARIOS")
        .env("FRONTLINE_DATA", data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn scenarios() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// An empty folder of this test process.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("frontline-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A scratch copy of the bundled scenarios.
fn copy_of_scenarios(name: &str) -> PathBuf {
    let dir = scratch(name);
    for entry in fs::read_dir(scenarios()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn validate_passes_on_the_bundled_scenarios() {
    let out = frontline(&["validate"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("4 scenario file(s): 4 valid, 0 invalid"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn validate_fails_with_file_line_column_on_a_broken_copy() {
    let dir = copy_of_scenarios("broken");
    let file = dir.join("caviar.scenario.ron");
    let text = fs::read_to_string(&file).unwrap();
    let target = "next: \"";
    let at = text.find(target).unwrap() + target.len();
    let broken = format!("{}nowhere_{}", &text[..at], &text[at..]);
    fs::write(&file, &broken).unwrap();
    let line = broken[..at].matches('\n').count() + 1;
    let column = broken[..at].rsplit('\n').next().unwrap().chars().count();

    let out = frontline(&["validate", dir.to_str().unwrap()], "");
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    let header = format!(
        "{}:{line}:{column}: error: no node or ending has the id `nowhere_",
        file.display()
    );
    assert!(
        report.contains(&header),
        "expected {header:?} in:\n{report}"
    );
    assert!(
        report.contains("^^^"),
        "the offending text is underlined:\n{report}"
    );
    assert!(
        report.contains("ok: ") && report.contains("(late_meal)") && report.contains("(phone)"),
        "{report}"
    );
    assert!(report.contains("3 valid, 1 invalid"), "{report}");

    let list = stdout(&frontline(
        &["list", "--scenarios", dir.to_str().unwrap()],
        "",
    ));
    assert!(
        list.contains("BROKEN") && list.contains("late_meal"),
        "{list}"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn validate_reports_a_syntax_error_and_missing_paths() {
    let dir = copy_of_scenarios("syntax");
    let file = dir.join("phone.scenario.ron");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replacen("nodes: [", "nodes: [[", 1)).unwrap();
    let out = frontline(&["validate", file.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(&format!("{}:", file.display())),
        "{}",
        stdout(&out)
    );
    fs::remove_dir_all(dir).unwrap();

    let out = frontline(&["validate", "no/such/folder"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn list_shows_every_bundled_scenario() {
    let list = stdout(&frontline(&["list"], ""));
    for title in [
        "Everything under the sea",
        "The late meal",
        "The confused phone buyer",
        "Never vacuum again",
    ] {
        assert!(list.contains(title), "{title} missing from:\n{list}");
    }
}

/// The 1-based numbers to type to make `choices` (as written in the file) from `seed`.
fn typed_numbers(session: &mut Session, choices: &[usize]) -> String {
    let mut typed = String::new();
    for &choice in choices {
        let shown = session.offered().iter().position(|&c| c == choice).unwrap();
        typed.push_str(&format!("{}\n", shown + 1));
        session.choose_written(choice).unwrap();
    }
    typed
}

#[test]
fn a_scripted_text_playthrough_reaches_every_ending_of_every_scenario() {
    let catalog = Catalog::load(&[scenarios()]).unwrap();
    for loaded in catalog.loaded() {
        let scenario = Arc::new(loaded.scenario.clone());
        let paths = witnesses(&scenario, 0..40);
        assert_eq!(paths.len(), scenario.endings.len(), "{}", scenario.id);
        for (ending, (seed, choices)) in paths {
            let mut session = Session::new(Arc::clone(&scenario), seed);
            let input = typed_numbers(&mut session, &choices);
            let debrief = Debrief::of(&session).unwrap();
            let seed = seed.to_string();
            let out = frontline(&["play", "--text", &scenario.id, "--seed", &seed], &input);
            let text = stdout(&out);
            assert_eq!(out.status.code(), Some(0), "{text}");
            let ending = &scenario.endings[ending];
            assert!(
                text.contains(&format!("Ending: {}.", ending.title)),
                "{text}"
            );
            assert!(
                text.contains(&format!("Outcome: {:?}", ending.outcome)),
                "{text}"
            );
            assert!(
                text.contains(&format!("Score: {}/100", debrief.score)),
                "{text}"
            );
            assert!(
                text.contains(&format!("--seed {seed}")),
                "the seed is shown for replay"
            );
        }
    }
}

#[test]
fn the_same_seed_and_input_print_the_same_session() {
    let input = "2\n1\n3\n1\n2\n1\n1\n2\n1\n1\n1\n1\n";
    let first = frontline(&["play", "--text", "caviar", "--seed", "7"], input);
    let second = frontline(&["play", "--text", "caviar", "--seed", "7"], input);
    assert_eq!(stdout(&first), stdout(&second));
    assert!(stdout(&first).contains("Seed 7"));
}

#[test]
fn bad_input_is_asked_again_and_running_out_of_input_says_how_to_replay() {
    let out = frontline(&["play", "--text", "late_meal", "--seed", "3"], "x\n99\n");
    let text = stdout(&out);
    assert!(text.contains("Type a number from 1 to"), "{text}");
    assert!(
        text.contains("Input ended before the conversation did."),
        "{text}"
    );
    assert!(
        text.contains("frontline play --text late_meal --seed 3"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn an_unknown_scenario_is_a_usage_error() {
    let out = frontline(&["play", "--text", "nope"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no scenario `nope`"));
}

#[test]
fn the_game_without_a_display_points_to_the_text_mode() {
    let out = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no display") && err.contains("play --text"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one clear line: {err}");
}

/// Plays `scenario` to the ending with this outcome, as `trainee`, into `data`.
fn play_to(data: &Path, trainee: &str, scenario: &str, outcome: frontline_core::Outcome) -> u8 {
    let catalog = Catalog::load(&[scenarios()]).unwrap();
    let scenario = Arc::new(catalog.find(scenario).unwrap().scenario.clone());
    let ending = scenario
        .endings
        .iter()
        .position(|e| e.outcome == outcome)
        .unwrap();
    let (seed, choices) = witnesses(&scenario, 0..40).remove(&ending).unwrap();
    let mut session = Session::new(Arc::clone(&scenario), seed);
    let input = typed_numbers(&mut session, &choices);
    let seed = seed.to_string();
    let args = [
        "play",
        "--text",
        &scenario.id,
        "--seed",
        &seed,
        "--trainee",
        trainee,
    ];
    let out = frontline_with_data(data, &args, &input);
    assert!(
        stdout(&out).contains(&format!("Recording as {trainee}")),
        "{}",
        stdout(&out)
    );
    Debrief::of(&session).unwrap().score
}

#[test]
fn sessions_played_by_two_trainees_show_in_the_trainers_report() {
    use frontline_core::Outcome::{Detractor, Promoter};
    let data = scratch("report");
    let best = play_to(&data, "Ada", "caviar", Promoter);
    let worse = play_to(&data, "Ada", "caviar", Detractor);
    play_to(&data, "Bob", "phone", Promoter);
    let abandoned = frontline_with_data(
        &data,
        &["play", "--text", "phone", "--trainee", "Bob"],
        "1\n",
    );
    assert_eq!(abandoned.status.code(), Some(1));

    let out_dir = data.join("out");
    let (page, statements) = (out_dir.join("report.html"), out_dir.join("statements.json"));
    let args = [
        "report",
        "--csv",
        out_dir.to_str().unwrap(),
        "--html",
        page.to_str().unwrap(),
        "--xapi",
        statements.to_str().unwrap(),
    ];
    let out = frontline_with_data(&data, &args, "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let table = fs::read_to_string(out_dir.join("trainees.csv")).unwrap();
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let ada = rows.iter().find(|r| r[0] == "Ada").unwrap();
    assert_eq!((ada[1], ada[2], ada[3]), ("caviar", "2", "2"), "{table}");
    assert_eq!(ada[5], best.max(worse).to_string(), "best score: {table}");
    assert_eq!(ada[6], worse.to_string(), "last score: {table}");
    let bob = rows.iter().find(|r| r[0] == "Bob").unwrap();
    assert_eq!(
        (bob[2], bob[3], bob[4]),
        ("2", "1", "1"),
        "one abandoned: {table}"
    );

    assert_eq!(
        fs::read_to_string(&page).unwrap().matches("<svg").count(),
        3,
        "three charts"
    );
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&statements).unwrap()).unwrap();
    let all = json.as_array().unwrap();
    assert!(!all.is_empty());
    for statement in all {
        let problems = frontline_records::xapi::validate(statement);
        assert!(problems.is_empty(), "{problems:?} in {statement}");
    }

    let only_bob = frontline_with_data(&data, &["report", "--trainee", "Bob"], "");
    let text = stdout(&only_bob);
    assert!(text.contains("Bob") && !text.contains("Ada"), "{text}");
}

#[test]
fn a_report_without_records_says_so_and_creates_nothing() {
    let empty = scratch("no-records");
    let out = frontline_with_data(&empty, &["report"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there are no records at"));
    assert_eq!(
        fs::read_dir(&empty).unwrap().count(),
        0,
        "a report writes nothing"
    );
    let out = frontline_with_data(&empty, &["report", "--since", "last week"], "");
    assert_eq!(out.status.code(), Some(2));
}
