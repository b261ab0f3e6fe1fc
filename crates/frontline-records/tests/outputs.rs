//! `frontline report` never destroys data: it refuses to write over the
//! records database, over a file that is not one of its own reports (unless
//! told `--force`) and through a symbolic link; its CSV cells never reach a
//! spreadsheet as formulas.

use std::fs;
use std::path::{Path, PathBuf};

use frontline_records::output::{Files, Outputs, write_reports};
use frontline_records::{DATABASE_FILE, Filter, OpenOptions, Report, Store, Timestamp};

mod common;
use common::{play_to_end, scenario, temp_dir};

/// A data folder whose records hold one finished session of `trainee`.
fn data(name: &str, trainee: &str) -> PathBuf {
    let dir = temp_dir(name);
    let mut store = Store::open(dir.join(DATABASE_FILE)).unwrap();
    play_to_end(&mut store, trainee, &scenario("late_meal"), 1, 0);
    dir
}

/// What `frontline report` asks for: the files, and whether to force.
struct ReportArgs {
    files: Files,
    force: bool,
}

fn args() -> ReportArgs {
    ReportArgs {
        files: Files::default(),
        force: false,
    }
}

/// Reads the records of `data` as `frontline report` does and writes the files.
fn run(data: &Path, args: ReportArgs) -> Result<(), String> {
    let database = data.join(DATABASE_FILE);
    let store = OpenOptions::default()
        .open_read_only(&database)
        .map_err(|e| e.to_string())?;
    let attempts = store
        .sessions(&Filter::default())
        .map_err(|e| e.to_string())?;
    let report = Report::of(&attempts, Filter::default(), Timestamp::now());
    let outputs = Outputs {
        database: &database,
        force: args.force,
    };
    write_reports(&report, &attempts, outputs, &args.files).map(drop)
}

fn html(file: &Path, force: bool) -> ReportArgs {
    ReportArgs {
        files: Files {
            html: Some(file.to_path_buf()),
            ..Files::default()
        },
        force,
    }
}

#[test]
fn the_records_database_is_never_a_report_target() {
    let data = data("onto-db", "Ada");
    let database = data.join(DATABASE_FILE);
    let before = fs::read(&database).unwrap();
    for force in [false, true] {
        let error = run(&data, html(&database, force)).expect_err("must refuse");
        assert!(error.contains("records database"), "{error}");
        let xapi = ReportArgs {
            files: Files {
                xapi: Some(database.clone()),
                ..Files::default()
            },
            force,
        };
        assert!(run(&data, xapi).is_err());
    }
    // Nor through a link to it.
    let link = data.join("report.html");
    std::os::unix::fs::symlink(&database, &link).unwrap();
    assert!(run(&data, html(&link, true)).is_err());
    assert_eq!(fs::read(&database).unwrap(), before);
    assert!(Store::open(&database).is_ok(), "the records still open");
}

#[test]
fn a_file_that_is_not_a_report_needs_force_and_a_report_does_not() {
    let data = data("foreign", "Ada");
    let notes = data.join("notes.html");
    fs::write(&notes, "a trainer's notes\n").unwrap();
    let error = run(&data, html(&notes, false)).expect_err("must refuse");
    assert!(error.contains("--force"), "{error}");
    assert_eq!(fs::read_to_string(&notes).unwrap(), "a trainer's notes\n");
    run(&data, html(&notes, true)).expect("--force replaces it");
    assert!(
        fs::read_to_string(&notes)
            .unwrap()
            .contains("Frontline: trainee records")
    );
    // Now a report of ours: writing it again needs no --force.
    run(&data, html(&notes, false)).expect("a report replaces its own output");
    let leftovers: Vec<_> = fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_symbolic_link_is_not_followed() {
    let data = data("link", "Ada");
    let precious = data.join("precious.txt");
    fs::write(&precious, "keep me\n").unwrap();
    let link = data.join("report.html");
    std::os::unix::fs::symlink(&precious, &link).unwrap();
    let error = run(&data, html(&link, false)).expect_err("must refuse");
    assert!(error.contains("symbolic link"), "{error}");
    run(&data, html(&link, true)).expect("--force replaces the link itself");
    assert_eq!(fs::read_to_string(&precious).unwrap(), "keep me\n");
    assert!(
        !fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn csv_and_xapi_refuse_foreign_files_and_replace_their_own() {
    let data = data("csv-xapi", "Ada");
    let tables = data.join("tables");
    fs::create_dir_all(&tables).unwrap();
    fs::write(tables.join("mistakes.csv"), "budget,2025\n").unwrap();
    let csv = |force| ReportArgs {
        files: Files {
            csv: Some(tables.clone()),
            ..Files::default()
        },
        force,
    };
    let error = run(&data, csv(false)).expect_err("must refuse");
    assert!(error.contains("mistakes.csv"), "{error}");
    assert_eq!(
        fs::read_to_string(tables.join("mistakes.csv")).unwrap(),
        "budget,2025\n"
    );
    run(&data, csv(true)).unwrap();
    run(&data, csv(false)).expect("the tables are now its own");

    let statements = data.join("statements.json");
    fs::write(&statements, "[{\"someone\": \"else\"}]\n").unwrap();
    let xapi = |force| ReportArgs {
        files: Files {
            xapi: Some(statements.clone()),
            ..Files::default()
        },
        force,
    };
    assert!(run(&data, xapi(false)).is_err());
    run(&data, xapi(true)).unwrap();
    run(&data, xapi(false)).expect("the export is now its own");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_evaluate_are_defused() {
    let trainee = "=HYPERLINK(\"http://evil.example\",\"click\")";
    let data = data("injection", trainee);
    let tables = data.join("tables");
    let csv = ReportArgs {
        files: Files {
            csv: Some(tables.clone()),
            ..Files::default()
        },
        ..args()
    };
    run(&data, csv).unwrap();
    let text = fs::read_to_string(tables.join("trainees.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[0], format!("'{trainee}"));
    for (cell, defused) in [
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain = text", "plain = text"),
    ] {
        assert_eq!(frontline_records::table::defused(cell), defused);
    }
}
