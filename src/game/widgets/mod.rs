//! Widgets bigger than a button, each a function returning a bundle plus the
//! systems that keep it up to date: the speaker's face, a meter's bar and a
//! yes/no dialog, a one-line text field.

pub mod confirm;
pub mod face;
#[cfg(feature = "dev")]
mod gallery;
pub mod meter;
pub mod text_field;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((face::plugin, meter::plugin, confirm::plugin));
    #[cfg(feature = "dev")]
    app.add_plugins(gallery::plugin);
}
