//! Checks across the files of a scenarios folder: one id for two files, a
//! `.ron` file that is not read, and text broken over lines.

use std::fs;
use std::path::PathBuf;

use frontline_core::Severity;
use frontline_core::load::Catalog;

mod common;
use common::MINI;

/// An empty folder of this test process.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("frontline-folders-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn load(dir: &PathBuf) -> Catalog {
    Catalog::load(std::slice::from_ref(dir)).unwrap()
}

#[test]
fn the_same_id_in_two_files_is_an_error_naming_both() {
    let dir = scratch("ids");
    fs::write(dir.join("a.scenario.ron"), MINI).unwrap();
    let copy = format!("// A copy to start from.\n{MINI}");
    fs::write(dir.join("b.scenario.ron"), &copy).unwrap();
    let catalog = load(&dir);
    let kept: Vec<_> = catalog.loaded().map(|l| l.path.clone()).collect();
    assert_eq!(kept, [dir.join("a.scenario.ron")]);
    let broken: Vec<_> = catalog.broken().collect();
    assert_eq!(broken.len(), 1);
    let d = &broken[0].diagnostics[0];
    assert_eq!(d.file, dir.join("b.scenario.ron"));
    assert_eq!((d.line, d.column), (4, 9));
    assert_eq!(d.message, "duplicate scenario id `mini`");
    let first = dir.join("a.scenario.ron");
    assert_eq!(d.notes, [format!("{}:3:9 has it first", first.display())]);
    assert_eq!(
        d.help.as_ref().unwrap().message,
        "give each scenario an id of its own"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_ron_file_not_named_as_a_scenario_is_a_warning() {
    let dir = scratch("stray");
    fs::write(dir.join("mini.scenario.ron"), MINI).unwrap();
    fs::write(dir.join("draft.ron"), MINI).unwrap();
    fs::write(dir.join("notes.txt"), "not RON").unwrap();
    let catalog = load(&dir);
    assert_eq!(catalog.loaded().count(), 1);
    assert_eq!(catalog.warnings.len(), 1, "{:#?}", catalog.warnings);
    let w = &catalog.warnings[0];
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(
        w.to_string(),
        format!(
            "{}:1:1: warning: not read: `draft.ron` is not named `*.scenario.ron`\n = help: if it is a scenario, rename it `draft.scenario.ron`",
            dir.join("draft.ron").display()
        )
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_line_break_inside_text_is_a_warning() {
    let dir = scratch("breaks");
    let from = "lines: [\"So?\"],";
    let source = MINI.replacen(from, "lines: [\"So,\n                    what now?\"],", 1);
    fs::write(dir.join("mini.scenario.ron"), &source).unwrap();
    let catalog = load(&dir);
    assert_eq!(
        catalog.loaded().count(),
        1,
        "a warning does not stop the file"
    );
    assert_eq!(catalog.warnings.len(), 1, "{:#?}", catalog.warnings);
    let w = &catalog.warnings[0];
    let at = source.find("\"So,").unwrap();
    let line = source[..at].matches('\n').count() + 1;
    let column = at - source[..at].rfind('\n').unwrap();
    assert_eq!((w.line, w.column), (line, column));
    assert_eq!(w.message, "this text has a line break inside its quotes");
    let help = w.help.as_ref().unwrap();
    assert_eq!(help.message, "write the text on one line");
    assert_eq!(
        help.corrected.as_deref(),
        Some("            lines: [\"So, what now?\"],")
    );
    fs::remove_dir_all(dir).unwrap();
}
