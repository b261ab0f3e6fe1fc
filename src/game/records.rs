//! The trainee's records in the game: a [`Recorder`] for whoever is playing,
//! reopened when the trainee changes. Screens read attempts from it; the
//! conversation records into it. When the records can't be opened or
//! written, the game goes on with recording off and says why.

use std::path::PathBuf;

use bevy::prelude::*;
use frontline_records::{Attempt, DATABASE_FILE, Recorder};

use super::profile::Profile;

/// The data folder the records live in.
#[derive(Resource, Clone, Debug)]
pub struct DataFolder(pub PathBuf);

/// The recorder of the current trainee.
#[derive(Resource, Debug)]
pub struct Records(pub Recorder);

impl Records {
    /// The trainee's best score at `scenario` and how many times they tried it.
    pub fn standing(attempts: &[Attempt], scenario: &str) -> (Option<u8>, usize) {
        let mine = attempts.iter().filter(|a| a.scenario == scenario);
        let best = mine.clone().filter_map(Attempt::score).max();
        (best, mine.count())
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, open_for_trainee.run_if(resource_changed::<Profile>));
}

fn open_for_trainee(
    mut commands: Commands,
    profile: Res<Profile>,
    folder: Res<DataFolder>,
    records: Option<Res<Records>>,
) {
    if records.is_some_and(|r| r.0.trainee() == profile.trainee) || profile.trainee.is_empty() {
        return;
    }
    let recorder =
        Recorder::open(folder.0.join(DATABASE_FILE), &profile.trainee).unwrap_or_else(|e| {
            warn!("{e}");
            Recorder::off(&e)
        });
    commands.insert_resource(Records(recorder));
}
