//! The `frontline` binary as trainers and scripts use it: `validate`, `list`,
//! and scripted `play --text` playthroughs to every ending.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use frontline_core::explore::witnesses;
use frontline_core::load::Catalog;
use frontline_core::{Debrief, Session};

fn frontline(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("FRONTLINE_SCENARIOS")
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

/// A scratch copy of the bundled scenarios.
fn copy_of_scenarios(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("frontline-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
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
        stdout(&out).contains("3 scenario file(s): 3 valid, 0 invalid"),
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
    assert!(report.contains("2 valid, 1 invalid"), "{report}");

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
