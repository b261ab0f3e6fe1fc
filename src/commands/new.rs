//! `frontline new <id>`: writes a small, valid, commented scenario to start
//! from into the scenarios folder.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use frontline_core::analysis::template::scenario_text;
use frontline_core::load::EXTENSION;

use super::USAGE_OR_IO;

pub fn run(dir: &Path, id: &str) -> ExitCode {
    let text = match scenario_text(id) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("frontline: {e}");
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    let path = dir.join(format!("{id}.{EXTENSION}"));
    let written = fs::create_dir_all(dir).and_then(|()| {
        // create_new: never overwrite a scenario someone is writing.
        let mut file = fs::File::create_new(&path)?;
        file.write_all(text.as_bytes())
    });
    if let Err(e) = written {
        eprintln!("frontline: cannot write {}: {e}", path.display());
        return ExitCode::from(USAGE_OR_IO);
    }
    println!("wrote {}", path.display());
    // The file's path works wherever the scenarios folder is.
    println!(
        "next: edit it, then `frontline check {0}` and `frontline play --text {0}`",
        path.display()
    );
    ExitCode::SUCCESS
}
