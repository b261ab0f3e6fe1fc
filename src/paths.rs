//! Where the bundled scenarios and assets are, whether the game was started by
//! `cargo run` from the repository, from another folder, or as an installed binary.

use std::env;
use std::path::PathBuf;

/// The scenarios folder: `--scenarios`, else `$FRONTLINE_SCENARIOS`, else the
/// first of `./scenarios`, `scenarios/` beside the executable, and the
/// repository's own folder that exists.
pub fn scenarios_dir(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(|| env::var_os("FRONTLINE_SCENARIOS").map(PathBuf::from))
        .unwrap_or_else(|| first_existing("scenarios"))
}

/// The assets folder, found like the scenarios (`$FRONTLINE_ASSETS` overrides).
pub fn assets_dir() -> PathBuf {
    let dir = env::var_os("FRONTLINE_ASSETS")
        .map(PathBuf::from)
        .unwrap_or_else(|| first_existing("assets"));
    absolute(dir)
}

/// Bevy resolves relative asset paths against the executable's folder, not
/// the working directory the user meant.
pub fn absolute(dir: PathBuf) -> PathBuf {
    std::path::absolute(&dir).unwrap_or(dir)
}

fn first_existing(name: &str) -> PathBuf {
    let beside_exe = env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(name)));
    let candidates = [
        Some(PathBuf::from(name)),
        beside_exe,
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)),
    ];
    candidates
        .iter()
        .flatten()
        .find(|dir| dir.is_dir())
        .cloned()
        .unwrap_or_else(|| PathBuf::from(name))
}
