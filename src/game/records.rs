//! The trainee's records in the game: a [`Recorder`] for whoever is playing,
//! reopened when the trainee changes. Screens read attempts from it; the
//! conversation records into it. When the records can't be opened or
//! written, the game goes on with recording off and says why. With a
//! learning record store set up, the recorder sends the results to it in the
//! background, and a corner of the screen says how many are still waiting.

use std::path::PathBuf;

use bevy::prelude::*;
use frontline_records::lrs::Lrs;
use frontline_records::{Attempt, DATABASE_FILE, Recorder};

use super::profile::Profile;
use super::theme::{self, Fonts, palette};

/// The data folder the records live in.
#[derive(Resource, Clone, Debug)]
pub struct DataFolder(pub PathBuf);

/// The learning record store results are sent to, if one is set up.
#[derive(Resource, Clone, Debug, Default)]
pub struct RecordStore(pub Option<Lrs>);

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
    app.init_resource::<RecordStore>();
    app.add_systems(Startup, spawn_waiting_note);
    app.add_systems(
        Update,
        (
            open_for_trainee.run_if(resource_changed::<Profile>),
            show_waiting.run_if(resource_exists::<Records>),
        ),
    );
}

fn open_for_trainee(
    mut commands: Commands,
    profile: Res<Profile>,
    folder: Res<DataFolder>,
    store: Res<RecordStore>,
    records: Option<Res<Records>>,
) {
    if records.is_some_and(|r| r.0.trainee() == profile.trainee) || profile.trainee.is_empty() {
        return;
    }
    let mut recorder = Recorder::open(folder.0.join(DATABASE_FILE), &profile.trainee)
        .unwrap_or_else(|e| {
            warn!("{e}");
            Recorder::off(&e)
        });
    if let Some(lrs) = &store.0 {
        recorder.send_to(lrs);
    }
    commands.insert_resource(Records(recorder));
}

/// "Results waiting to be sent: N", in a corner above every screen.
#[derive(Component)]
struct WaitingNote;

fn spawn_waiting_note(mut commands: Commands, fonts: Res<Fonts>) {
    commands.spawn((
        Node {
            position_type: PositionType::Absolute,
            right: px(12),
            bottom: px(8),
            display: Display::None,
            ..default()
        },
        GlobalZIndex(50),
        WaitingNote,
        theme::text(&fonts, "", 0.75, palette::TEXT_DIM),
    ));
}

/// Updates the note when the count changes. The sender counts in the
/// background; the game wakes at least every few seconds (see
/// `WinitSettings::desktop_app`), which is often enough for a count.
fn show_waiting(records: Res<Records>, note: Single<(&mut Node, &mut Text), With<WaitingNote>>) {
    let (mut node, mut text) = note.into_inner();
    let wanted = waiting_note(records.0.pending());
    let display = if wanted.is_empty() {
        Display::None
    } else {
        Display::Flex
    };
    if text.0 != wanted {
        text.0 = wanted;
    }
    if node.display != display {
        node.display = display;
    }
}

/// The note's text; empty when nothing waits.
fn waiting_note(pending: usize) -> String {
    match pending {
        0 => String::new(),
        n => format!("Results waiting to be sent: {n}"),
    }
}
