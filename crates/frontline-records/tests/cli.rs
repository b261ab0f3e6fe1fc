//! The trainer's `frontline-records report` command, run as a trainer would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use frontline_records::{DATABASE_FILE, xapi};

mod common;
use common::{known_sessions, store_with_minute_clock, temp_dir};

fn records() -> PathBuf {
    let dir = temp_dir("cli");
    known_sessions(&mut store_with_minute_clock(&dir.join(DATABASE_FILE)));
    dir
}

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frontline-records"))
        .arg("report")
        .args(args)
        .env("FRONTLINE_DATA", data)
        .output()
        .expect("runs")
}

#[test]
fn writes_the_page_the_tables_and_the_statements() {
    let dir = records();
    let out = dir.join("out");
    let (page, statements) = (out.join("report.html"), out.join("statements.json"));
    std::fs::create_dir_all(&out).unwrap();
    let args = [
        "--trainee",
        "Ada",
        "--html",
        page.to_str().unwrap(),
        "--csv",
        out.to_str().unwrap(),
        "--xapi",
        statements.to_str().unwrap(),
    ];
    let output = run(&dir, &args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("(10 statements)"));
    assert_eq!(
        std::fs::read_to_string(&page)
            .unwrap()
            .matches("<svg ")
            .count(),
        3
    );
    let trainees = std::fs::read_to_string(out.join("trainees.csv")).unwrap();
    assert_eq!(trainees.lines().count(), 2, "Ada only: {trainees}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&statements).unwrap()).unwrap();
    let all = json.as_array().unwrap();
    assert_eq!(all.len(), 10, "3 attempted, 5 answered, 2 completed");
    assert!(all.iter().all(|s| xapi::validate(s).is_empty()));
}

#[test]
fn prints_the_trainee_table_when_no_output_is_named() {
    let dir = records();
    let output = Command::new(env!("CARGO_BIN_EXE_frontline-records"))
        .args([
            "report",
            "--data",
            dir.to_str().unwrap(),
            "--since",
            "2025-03-01T09:10:00Z",
        ])
        .env("FRONTLINE_DATA", "/nonexistent")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let trainees: Vec<&str> = stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(trainees, ["Bob", "Cy"]);
}

#[test]
fn says_when_there_are_no_records_or_the_date_is_wrong() {
    let empty = temp_dir("cli-empty");
    let output = run(&empty, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("there are no records at"), "{stderr}");
    assert!(
        !empty.join(DATABASE_FILE).exists(),
        "a report creates nothing"
    );

    let output = run(&empty, &["--since", "last week"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("expected a date like 2025-03-01"));
}
