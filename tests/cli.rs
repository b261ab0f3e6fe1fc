//! The `frontline` binary as trainers and scripts use it: `validate`, `list`,
//! and scripted `play --text` playthroughs to every ending.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use frontline_core::explore::witnesses;
use frontline_core::load::Catalog;
use frontline_core::{Debrief, Session};

mod common;

use common::{
    ADA_AT_LATE_MEAL, command, copy_of_scenarios, frontline, frontline_with_data, scenarios,
    scratch, stdout,
};

#[test]
fn validate_passes_on_the_bundled_scenarios() {
    let out = frontline(&["validate"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("5 scenario file(s): 5 valid, 0 invalid"),
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
    assert!(report.contains("4 valid, 1 invalid"), "{report}");

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
        "Here we go again",
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
    assert!(String::from_utf8_lossy(&out.stderr).contains("no valid scenario `nope`"));
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
        let typed: frontline_records::xapi::Statement =
            serde_json::from_value(statement.clone()).expect("a statement as written");
        assert_eq!(&serde_json::to_value(&typed).unwrap(), statement);
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

/// How many replies taking always the first offer makes, from `seed` and
/// after `earlier` replies taken the same way.
fn first_offer_turns(id: &str, seed: u64, earlier: usize) -> usize {
    let catalog = Catalog::load(&[scenarios()]).unwrap();
    let scenario = Arc::new(catalog.find(id).unwrap().scenario.clone());
    let mut session = Session::new(scenario, seed);
    let mut turns = 0;
    while !session.offered().is_empty() {
        session.choose(0).unwrap();
        turns += 1;
    }
    turns - earlier
}

#[test]
fn the_text_debrief_says_where_the_points_went_and_a_turn_can_be_tried_again() {
    let turns = first_offer_turns("caviar", 7, 0);
    let again = first_offer_turns("caviar", 7, 1);
    let input = format!("{}2\n{}\n", "1\n".repeat(turns), "1\n".repeat(again));
    let out = frontline(&["play", "--text", "caviar", "--seed", "7"], &input);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(text.matches("=== Debrief ===").count(), 2, "{text}");
    for shown in [
        "Where the points went:",
        "the best replies guaranteed",
        "Best possible in this scenario:",
        "=== Turn 2 again",
        "(Turn 2 tried again.)",
        "Your first recorded attempt at this scenario.",
        "Your best so far:",
    ] {
        assert!(text.contains(shown), "missing `{shown}`:\n{text}");
    }
}

#[test]
fn exam_mode_in_the_terminal_gives_nothing_away_before_the_debrief() {
    let turns = first_offer_turns("phone", 3, 0);
    let input = "1\n".repeat(turns);
    let out = frontline(
        &["play", "--text", "phone", "--seed", "3", "--exam"],
        &input,
    );
    let text = stdout(&out);
    let (conversation, debrief) = text.split_once("=== Debrief ===").expect("a debrief");
    assert!(!conversation.contains("Feedback"), "{conversation}");
    assert!(!conversation.contains("Satisfaction"), "{conversation}");
    assert!(debrief.contains("Your path:"), "{debrief}");
}

#[test]
fn a_trial_run_records_nothing() {
    let data = scratch("trial");
    let turns = first_offer_turns("late_meal", 1, 0);
    let input = "1\n".repeat(turns);
    let args = ["play", "--text", "late_meal", "--seed", "1", "--no-record"];
    let out = frontline_with_data(&data, &args, &input);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(!stdout(&out).contains("Recording as"));
    assert_eq!(fs::read_dir(&data).unwrap().count(), 0, "nothing written");
}

/// Every path `check --format json` reports, with the score it gives: the
/// extremes, each persona's and each ending's, and the paths in findings.
fn reported_paths(report: &serde_json::Value) -> Vec<(u64, String)> {
    let mut paths = Vec::new();
    let mut extreme = |x: &serde_json::Value| {
        if let (Some(score), Some(script)) = (x["score"].as_u64(), x["path"]["script"].as_str()) {
            paths.push((score, script.to_string()));
        }
    };
    extreme(&report["best"]);
    extreme(&report["worst"]);
    for group in ["personas", "endings"] {
        for entry in report[group].as_array().unwrap() {
            for key in ["best", "worst", "lowest", "highest"] {
                extreme(&entry[key]);
            }
        }
    }
    for finding in report["findings"].as_array().unwrap() {
        let message = finding["message"].as_str().unwrap_or_default();
        // "… grade A (90, ending `x`) …: \"@persona a:1 b!1\"" and the like.
        let score = message
            .split('(')
            .nth(1)
            .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok());
        let script = message.rsplit('"').nth(1);
        if let (Some(score), Some(script)) = (score, script) {
            paths.push((score, script.to_string()));
        }
    }
    paths
}

#[test]
fn every_path_check_prints_replays_to_the_score_it_printed() {
    let out = frontline(&["check", "--format", "json"], "");
    let check: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut replayed = 0;
    for report in check["reports"].as_array().unwrap() {
        let id = report["scenario"].as_str().unwrap();
        for (score, script) in reported_paths(report) {
            let out = frontline(&["play", "--text", id, "--path", &script], "");
            let text = stdout(&out);
            assert_eq!(out.status.code(), Some(0), "{id} {script}:\n{text}");
            assert!(
                text.contains(&format!("Score: {score}/100")),
                "{id} --path \"{script}\" should score {score}:\n{text}"
            );
            replayed += 1;
        }
    }
    assert!(replayed >= 3 * 10, "too few paths replayed: {replayed}");
}

#[test]
fn every_command_takes_an_id_or_a_file_the_same_way() {
    let file = scenarios().join("phone.scenario.ron");
    let file = file.to_str().unwrap();
    for name in ["phone", file] {
        for args in [
            vec!["check", name],
            vec!["validate", name],
            vec!["graph", name],
            vec!["simulate", name, "--runs", "10"],
        ] {
            let out = frontline(&args, "");
            assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stdout(&out));
        }
        let out = frontline(&["play", "--text", name, "--seed", "1", "--no-record"], "");
        assert!(stdout(&out).contains("The confused phone buyer"), "{name}");
    }
    let out = frontline(&["simulate", "phone", "--runs", "0"], "");
    assert_eq!(out.status.code(), Some(2), "no runs is a usage error");
}

#[test]
fn new_prints_next_steps_that_work_as_printed() {
    let dir = scratch("new-steps");
    let out = frontline(
        &["--scenarios", dir.to_str().unwrap(), "new", "returns"],
        "",
    );
    let text = stdout(&out);
    let line = text.lines().find(|l| l.starts_with("next:")).unwrap();
    let commands: Vec<&str> = line.split('`').skip(1).step_by(2).collect();
    assert_eq!(commands.len(), 2, "{line}");
    for command in commands {
        let mut args: Vec<&str> = command.split(' ').skip(1).collect();
        if args[0] == "play" {
            args.push("--no-record");
        }
        // Input runs out in play (exit 1); a wrong command would be a usage error.
        let out = frontline(&args, "");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "`{command}` fails: {err}"
        );
        assert!(
            stdout(&out).contains("returns"),
            "`{command}` runs the new scenario"
        );
    }
}

/// A folder holding one scenario, `id`, titled `title`, of one choice.
fn one_scenario(folder: &str, id: &str, title: &str) -> PathBuf {
    let dir = scratch(folder);
    let text = format!(
        r#"Scenario(id: {id:?}, title: {title:?}, summary: "S.", briefing: "B.",
            customer: Customer(name: "C", persona: "P.", expectation: "E.", source: "S."),
            meters: [Meter(id: "m", label: "M", start: 50)],
            start: "n",
            nodes: [Node(id: "n", lines: ["Hi."], choices: [
                Choice(text: "Reply", feedback: "F.", next: "end"),
            ])],
            endings: [Ending(id: "end", title: "End", text: "Done.", outcome: Passive)],
        )"#
    );
    fs::write(dir.join("one.scenario.ron"), text).unwrap();
    dir
}

#[test]
fn a_byte_that_is_not_utf8_on_stdin_is_a_wrong_answer_not_the_end() {
    let mut input = b"\xff\n".to_vec();
    input.extend("1\n".repeat(first_offer_turns("late_meal", 1, 0)).bytes());
    let out = frontline(&["play", "--text", "late_meal", "--seed", "1"], input);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("Type a number") && text.contains("=== Debrief ==="),
        "{text}"
    );
}

#[test]
fn the_replay_command_is_quoted_for_the_shell() {
    let id = "it's \"odd\"; echo $HOME `x`";
    let dir = one_scenario("quoted", id, "Quoted");
    let args = [
        "--scenarios",
        dir.to_str().unwrap(),
        "play",
        "--text",
        "one",
        "--seed",
        "7",
    ];
    let out = frontline(&args, "");
    let text = stdout(&out);
    let replay = text
        .lines()
        .find_map(|l| l.strip_prefix("Replay with: frontline "))
        .unwrap_or_else(|| panic!("no replay line in {text}"));
    // The shell splits the printed command back into the very arguments.
    let words = Command::new("sh")
        .args(["-c", &format!("printf '%s\\n' {replay}")])
        .output()
        .unwrap();
    let words = String::from_utf8(words.stdout).unwrap();
    assert_eq!(words, format!("play\n--text\n{id}\n--seed\n7\n"));
}

#[test]
fn scenario_and_trainee_text_cannot_drive_the_terminal_or_forge_lines() {
    let dir = one_scenario(
        "escapes",
        "e\u{1b}[31mvil",
        "T\nok: forged\u{1b}]0;pwned\u{7}",
    );
    let dir = dir.to_str().unwrap();
    let trainee = "Ada\u{1b}[2J\nRecording as Bob";
    let data = scratch("escapes-data");
    let runs = [
        frontline_with_data(&data, &["--scenarios", dir, "list"], ""),
        frontline_with_data(&data, &["validate", dir], ""),
        frontline_with_data(&data, &["check", dir], ""),
        frontline_with_data(
            &data,
            &[
                "--scenarios",
                dir,
                "play",
                "--text",
                "one",
                "--trainee",
                trainee,
            ],
            "1\n",
        ),
        frontline_with_data(&data, &["report"], ""),
    ];
    for out in &runs {
        let text = stdout(out) + &String::from_utf8_lossy(&out.stderr);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(!text.lines().any(|l| l.starts_with("ok: forged")), "{text}");
        assert!(
            !text.lines().any(|l| l.starts_with("Recording as Bob")),
            "{text}"
        );
    }
    assert!(
        stdout(&runs[0]).contains("e\\u{1b}[31mvil"),
        "{}",
        stdout(&runs[0])
    );
    assert!(
        stdout(&runs[4]).contains("Ada\\u{1b}[2J"),
        "{}",
        stdout(&runs[4])
    );
}

#[test]
fn a_recording_that_fails_during_play_is_said_and_exits_3() {
    use std::io::{BufRead, BufReader};
    let data = scratch("locked");
    let mut child = command(&data, &ADA_AT_LATE_MEAL).spawn().unwrap();
    // Wait for the first question: the session has started and is recorded.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    while !seen.contains("Recording as Ada") {
        assert_ne!(stdout.read_line(&mut seen).unwrap(), 0, "{seen}");
    }
    // Another program takes the write lock for longer than the 5 s wait.
    let records = rusqlite::Connection::open(data.join("records.sqlite3")).unwrap();
    records.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let replies = "1\n".repeat(first_offer_turns("late_meal", 1, 0));
    stdin.write_all(replies.as_bytes()).unwrap();
    drop(stdin);
    std::io::Read::read_to_string(&mut stdout, &mut seen).unwrap();
    let status = child.wait().unwrap();
    records.execute_batch("ROLLBACK").unwrap();
    assert_eq!(status.code(), Some(3), "{seen}");
    // Said at once, in the conversation, and again after the debrief.
    let stopped = seen.find("Recording stopped: the records database");
    let debrief = seen.find("=== Debrief ===");
    let again = seen.find("NOT fully recorded");
    assert!(
        stopped < debrief && debrief < again && stopped.is_some(),
        "{seen}"
    );
    assert!(seen.contains("is locked by another program"), "{seen}");
}

#[test]
fn a_report_reads_records_in_a_folder_it_may_not_write() {
    let data = scratch("read-only");
    let played = frontline_with_data(
        &data,
        &ADA_AT_LATE_MEAL,
        "1\n".repeat(first_offer_turns("late_meal", 1, 0)),
    );
    assert_eq!(played.status.code(), Some(0));
    set_mode(&data, 0o555);
    // An administrator writes anywhere: read as nobody to make the folder read-only.
    let root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let mut report = match root {
        true => {
            let mut nobody = Command::new("setpriv");
            nobody.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
            nobody.arg(env!("CARGO_BIN_EXE_frontline"));
            nobody
        }
        false => Command::new(env!("CARGO_BIN_EXE_frontline")),
    };
    let out = report
        .arg("--data")
        .arg(&data)
        .arg("report")
        .output()
        .unwrap();
    let names: Vec<_> = fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    set_mode(&data, 0o755);
    let text = stdout(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.lines().any(|l| l.starts_with("Ada,late_meal,1,1,")),
        "{text}"
    );
    assert_eq!(
        names,
        ["records.sqlite3"],
        "nothing written beside the records"
    );
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn match_answers_each_typed_reply_in_order() {
    let catalog = Catalog::load(&[scenarios()]).unwrap();
    let caviar = &catalog.find("caviar").unwrap().scenario;
    let node = &caviar.nodes[caviar.node("next_week").unwrap()];
    let third = serde_json::to_string(&node.choices[2].text).unwrap();
    let input = format!(
        "{{\"scenario\": \"caviar\", \"node\": \"next_week\", \"text\": {third}}}\n\
         {{\"scenario\": \"caviar\", \"node\": \"next_week\", \"text\": \"What's the wifi password?\"}}\n\
         {{\"scenario\": \"caviar\", \"node\": \"nowhere\", \"text\": \"Hello\"}}\n"
    );
    let out = frontline(&["match", "-"], input);
    assert_eq!(out.status.code(), Some(1), "a line was unanswerable");
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{}", stdout(&out));
    assert_eq!(lines[0]["choice"], 3);
    assert_eq!(lines[0]["verdict"], "matched");
    assert_eq!(lines[0]["score"], 1.0);
    assert_eq!(lines[1]["choice"], serde_json::Value::Null);
    assert_eq!(lines[1]["verdict"], "off_script");
    assert!(
        lines[2]["error"].as_str().unwrap().contains("nowhere"),
        "{}",
        lines[2]
    );
}

#[test]
fn check_without_the_model_skips_only_the_typed_replies_lint() {
    let assets = scratch("no-model");
    let out = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["check", "late_meal"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("FRONTLINE_SCENARIOS")
        .env("FRONTLINE_ASSETS", &assets)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the confusable-replies lint was skipped"),
        "{stderr}"
    );
    assert!(
        stdout(&out).contains("late_meal: 0 error(s)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_recorded_attempt_reopens_in_the_terminal_with_the_figures_it_had() {
    let data = scratch("reopen");
    let promoter = play_to(&data, "Ada", "caviar", frontline_core::Outcome::Promoter);
    let passive = play_to(&data, "Ada", "phone", frontline_core::Outcome::Passive);
    for (session, score) in [("1", promoter), ("2", passive)] {
        let args = ["report", "--trainee", "Ada", "--session", session];
        let out = frontline_with_data(&data, &args, "");
        let shown = stdout(&out);
        assert!(out.status.success(), "{shown}");
        assert!(shown.contains("=== Debrief ==="), "{shown}");
        assert!(shown.contains(&format!("Score: {score}/100")), "{shown}");
        assert!(shown.contains("Where the points went:"), "{shown}");
    }
    let args = ["report", "--trainee", "Ada", "--session", "99"];
    let out = frontline_with_data(&data, &args, "");
    assert!(
        !out.status.success(),
        "an attempt that isn't there is an error"
    );
}
