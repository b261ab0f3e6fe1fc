//! Where the records live: the data folder the game also keeps its profile in.

use std::env;
use std::path::PathBuf;

/// The records database's file name inside the data folder.
pub const DATABASE_FILE: &str = "records.sqlite3";

/// `$FRONTLINE_DATA`, else `$XDG_DATA_HOME/frontline`, else
/// `~/.local/share/frontline` (the temporary folder if there is no home).
/// The app's `--data DIR` flag, where given, wins over all of these.
pub fn default_data_dir() -> PathBuf {
    let set = |name| {
        env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = set("FRONTLINE_DATA") {
        return dir;
    }
    set("XDG_DATA_HOME")
        .or_else(|| set("HOME").map(|home| home.join(".local/share")))
        .unwrap_or_else(env::temp_dir)
        .join("frontline")
}
