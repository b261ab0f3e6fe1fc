//! The player's profile: the last trainee's name and the settings, kept
//! between runs in `profile.ron` in the data folder (scores are in the
//! records). Writes go to a temporary file that is
//! then renamed over the old one, so a crash never leaves half a profile.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use bevy::prelude::*;
use bevy::window::WindowMode;
use serde::{Deserialize, Serialize};

use super::theme;

#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// The trainee who played last; offered as the name next time.
    pub trainee: String,
    pub settings: Settings,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Multiplies every text size.
    pub text_scale: f32,
    /// Feedback right after each choice (coach) or only in the debrief (exam).
    pub coach: bool,
    /// Replies typed in the trainee's own words rather than picked.
    pub typed: bool,
    pub fullscreen: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            text_scale: 1.0,
            coach: true,
            typed: false,
            fullscreen: false,
        }
    }
}

/// Where the profile is saved.
#[derive(Resource, Clone, Debug)]
pub struct ProfileFile(pub PathBuf);

impl ProfileFile {
    /// The saved profile, or a fresh one when there is none or it can't be read
    /// (an unreadable file is left in place, not overwritten until the next save).
    pub fn read(&self) -> Profile {
        let Ok(text) = fs::read_to_string(&self.0) else {
            return Profile::default();
        };
        ron::from_str(&text).unwrap_or_else(|e| {
            warn!("{}: {e}; starting with a fresh profile", self.0.display());
            Profile::default()
        })
    }

    pub fn write(&self, profile: &Profile) -> io::Result<()> {
        let text = ron::ser::to_string_pretty(profile, ron::ser::PrettyConfig::default())
            .map_err(io::Error::other)?;
        write_atomically(&self.0, text.as_bytes())
    }
}

/// Writes `bytes` to a sibling temporary file, syncs it, and renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("tmp");
    let mut file = fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    fs::rename(&tmp, path)
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(PreStartup, load_profile);
    app.add_systems(
        Update,
        (apply_settings, save_profile).run_if(resource_changed::<Profile>),
    );
}

fn load_profile(mut commands: Commands, file: Res<ProfileFile>) {
    commands.insert_resource(file.read());
}

fn apply_settings(
    profile: Res<Profile>,
    mut rem: ResMut<bevy::text::RemSize>,
    mut windows: Query<&mut Window>,
) {
    *rem = theme::rem_size(profile.settings.text_scale);
    let mode = if profile.settings.fullscreen {
        WindowMode::BorderlessFullscreen(MonitorSelection::Current)
    } else {
        WindowMode::Windowed
    };
    for mut window in &mut windows {
        if window.mode != mode {
            window.mode = mode;
        }
    }
}

fn save_profile(profile: Res<Profile>, file: Res<ProfileFile>) {
    if profile.is_added() {
        return;
    }
    if let Err(e) = file.write(&profile) {
        error!("cannot save the profile to {}: {e}", file.0.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_survives_a_save_and_load() {
        let dir = std::env::temp_dir().join(format!("frontline-profile-{}", std::process::id()));
        let file = ProfileFile(dir.join("profile.ron"));
        let mut profile = Profile {
            trainee: "Ada".into(),
            ..default()
        };
        profile.settings.coach = false;
        profile.settings.text_scale = 1.25;
        file.write(&profile).unwrap();
        assert_eq!(file.read(), profile);
        assert!(
            !dir.join("profile.tmp").exists(),
            "the temporary file is renamed away"
        );
        fs::remove_dir_all(dir).unwrap();
    }
}
