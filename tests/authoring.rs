//! What a trainer's scenarios folder can hold without stopping the tools:
//! `validate` and `list` on a folder with a broken CRLF draft, a stray `.ron`
//! file and a scenario with a mistake.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn frontline(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .env_remove("FRONTLINE_SCENARIOS")
        .env("FRONTLINE_DATA", data)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A folder with one good scenario, a draft that once crashed every command,
/// a file left unread, and a scenario with a typo.
fn messy_folder() -> PathBuf {
    let root = std::env::temp_dir().join(format!("frontline-authoring-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let dir = root.join("scenarios");
    fs::create_dir_all(&dir).unwrap();
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let caviar = fs::read_to_string(bundled.join("caviar.scenario.ron")).unwrap();
    fs::write(dir.join("caviar.scenario.ron"), &caviar).unwrap();
    fs::write(dir.join("draft.scenario.ron"), "// a new scenario\r\n").unwrap();
    fs::write(dir.join("notes.ron"), "// not a scenario\n").unwrap();
    let phone = fs::read_to_string(bundled.join("phone.scenario.ron")).unwrap();
    let typo = phone.replacen("title:", "titel:", 1);
    fs::write(dir.join("phone.scenario.ron"), typo).unwrap();
    dir
}

#[test]
fn a_messy_folder_is_validated_and_listed() {
    let dir = messy_folder();
    let data = dir.parent().unwrap().join("data");
    let folder = dir.to_str().unwrap();

    let out = frontline(&["validate", folder], &data);
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    let phone = dir.join("phone.scenario.ron");
    let notes = dir.join("notes.ron");
    for expected in [
        format!("{}:", dir.join("draft.scenario.ron").display()),
        format!(
            "{}:17:5: error: `Scenario` has no field `titel`",
            phone.display()
        ),
        "help: did you mean `title`?".to_string(),
        format!("{}:1:1: warning: not read: `notes.ron`", notes.display()),
        "3 scenario file(s): 1 valid, 2 invalid, 2 problem(s), 1 warning(s)".to_string(),
    ] {
        assert!(report.contains(&expected), "{expected:?} not in:\n{report}");
    }

    let out = frontline(&["list", "--scenarios", folder], &data);
    let list = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{list}");
    assert!(list.contains("Everything under the sea"), "{list}");
    assert!(list.contains("BROKEN") && list.contains("draft"), "{list}");
    fs::remove_dir_all(dir.parent().unwrap()).unwrap();
}
