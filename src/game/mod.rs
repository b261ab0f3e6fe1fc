//! The windowed game: one plugin per screen or concern, all on the core's
//! session runtime. Screens read results; they never score anything.

mod first_frame;
pub mod library;
pub mod listener;
mod memory;
pub mod profile;
pub mod records;
mod redraw;
pub mod screens;
pub mod scroll;
pub mod theme;
pub mod widgets;

#[cfg(test)]
mod layout_tests;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::winit::WinitSettings;

use crate::cli::PlayArgs;
use crate::commands::USAGE_OR_IO;
use frontline_records::lrs::Lrs;
use library::ScenarioFolder;
use profile::ProfileFile;
use records::DataFolder;
use records::RecordStore;
use screens::{NextSeed, StartWith};

/// Where the game reads and writes.
pub struct Folders {
    pub scenarios: PathBuf,
    pub assets: PathBuf,
    pub data: PathBuf,
}

/// Opens the game window; returns when it closes. `lrs` is the learning
/// record store named on the command line, if any.
pub fn run(folders: Folders, args: &PlayArgs, lrs: Option<&str>) -> ExitCode {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "frontline: no display found (DISPLAY and WAYLAND_DISPLAY are unset). \
             Play in this terminal instead: frontline play --text <scenario>"
        );
        return ExitCode::FAILURE;
    }
    let store = match Lrs::configured(lrs, &folders.data) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("frontline: {e}");
            return ExitCode::from(USAGE_OR_IO);
        }
    };
    let mut app = App::new();
    library::register_source(&mut app, &folders.scenarios);
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Frontline".into(),
                    resolution: (1280, 720).into(),
                    ..default()
                }),
                ..default()
            })
            .set(AssetPlugin {
                file_path: folders.assets.to_string_lossy().into_owned(),
                ..default()
            }),
    );
    // A dialogue game mostly waits for the trainee: draw only when something happens.
    app.insert_resource(WinitSettings::desktop_app());
    app.add_plugins(GamePlugin {
        scenarios: folders.scenarios,
        data: folders.data,
    });
    app.insert_resource(RecordStore(store));
    app.insert_resource(NextSeed(args.seed));
    if let Some(id) = &args.scenario {
        app.insert_resource(StartWith(id.clone()));
    }
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// Everything of the game but Bevy's own plugins, so tests can run it headless.
pub struct GamePlugin {
    pub scenarios: PathBuf,
    /// Where the profile and the records are kept.
    pub data: PathBuf,
}

impl Plugin for GamePlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(ScenarioFolder(self.scenarios.clone()));
        app.insert_resource(ProfileFile(self.data.join("profile.ron")));
        app.insert_resource(DataFolder(self.data.clone()));
        app.add_plugins((
            theme::plugin,
            first_frame::plugin,
            library::plugin,
            listener::plugin,
            memory::plugin,
            profile::plugin,
            records::plugin,
            screens::plugin,
            redraw::plugin,
            scroll::plugin,
            widgets::plugin,
        ));
    }
}
