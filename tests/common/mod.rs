//! Running the `frontline` binary from the integration tests.
#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs the binary with its records in a scratch folder, never the tester's own.
pub fn frontline(args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let data = scratch(&format!("data-{}", RUNS.fetch_add(1, Ordering::Relaxed)));
    frontline_with_data(&data, args, stdin)
}

pub fn frontline_with_data(data: &Path, args: &[&str], stdin: impl AsRef<[u8]>) -> Output {
    let mut child = command(data, args).spawn().expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_ref())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The binary with `args`, its records in `data`, every stream piped.
pub fn command(data: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_frontline"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("FRONTLINE_SCENARIOS")
        .env("FRONTLINE_DATA", data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// A recorded session of `late_meal` from seed 1, for trainee Ada.
pub const ADA_AT_LATE_MEAL: [&str; 7] = [
    "play",
    "--text",
    "late_meal",
    "--seed",
    "1",
    "--trainee",
    "Ada",
];

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn scenarios() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// An empty folder of this test process.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("frontline-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A scratch copy of the bundled scenarios.
pub fn copy_of_scenarios(name: &str) -> PathBuf {
    let dir = scratch(name);
    for entry in fs::read_dir(scenarios()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}
