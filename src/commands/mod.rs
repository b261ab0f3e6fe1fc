//! The terminal commands, each built on the engine-free core.

pub mod list;
pub mod play_text;
pub mod validate;

use std::path::Path;
use std::process::ExitCode;

use frontline_core::Catalog;

/// Exit code for a usage or I/O error, as opposed to 1 for an invalid scenario.
pub const USAGE_OR_IO: u8 = 2;

/// Loads the scenarios folder or reports why it can't.
fn catalog(dir: &Path) -> Result<Catalog, ExitCode> {
    Catalog::load(&[dir.to_path_buf()]).map_err(|e| {
        eprintln!("frontline: cannot read scenarios: {e}");
        ExitCode::from(USAGE_OR_IO)
    })
}
