//! `frontline sync`: sends the results waiting in this machine's records to
//! the learning record store now, and says what it sent.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use frontline_records::lrs::{self, Client, Lrs};
use frontline_records::{DATABASE_FILE, Filter, OpenOptions};

use super::USAGE_OR_IO;

/// Statements per request, as the game's sender sends them.
const BATCH: usize = 500;

/// Exit 0 when the queue is empty, 1 when the store could not take it all,
/// 2 when no store is set up or the records can't be opened.
pub fn run(data: &Path, lrs: Option<&str>, recorded: bool) -> ExitCode {
    let config = match Lrs::configured(lrs, data) {
        Ok(Some(config)) => config,
        Ok(None) => {
            eprintln!(
                "frontline: no learning record store is set up: give --lrs URL, set $FRONTLINE_LRS, or write {}",
                data.join(lrs::CONFIG_FILE).display()
            );
            return ExitCode::from(USAGE_OR_IO);
        }
        Err(e) => {
            eprintln!("frontline: {e}");
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    let path = data.join(DATABASE_FILE);
    let opened = OpenOptions::default().queue_statements(true).open(&path);
    let mut store = match opened {
        Ok(store) => store,
        Err(e) => {
            eprintln!("frontline: {e}");
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    if recorded {
        match store.queue_recorded(&Filter::default()) {
            Ok(n) => println!("queued {n} statements of sessions recorded before"),
            Err(e) => {
                eprintln!("frontline: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let client = Client::new(&config, Duration::from_secs(60));
    let drained = match lrs::drain(&mut store, &client, BATCH) {
        Ok(drained) => drained,
        Err(e) => {
            eprintln!("frontline: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "sent {} statements to {}; {} waiting",
        drained.sent, config.endpoint, drained.left
    );
    if drained.refused > 0 {
        println!(
            "the store refused {} statements as invalid; they are kept in the records",
            drained.refused
        );
    }
    match drained.error {
        Some(why) => {
            eprintln!("frontline: the store stopped taking statements: {why}");
            ExitCode::FAILURE
        }
        None => ExitCode::SUCCESS,
    }
}
