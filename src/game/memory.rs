//! The game keeps a few MB per scenario, but building each scenario's exact
//! yardstick briefly takes tens of MB (see `frontline-core`'s `footprint`
//! example), in the asset loader's threads. glibc's allocator keeps freed
//! memory in those threads' arenas: about 35 MB for the bundled scenarios,
//! measured with `tests/window/measure.sh`. Once the scenarios have loaded,
//! the allocator is asked to hand its free pages back.

use bevy::prelude::*;

use super::library::Library;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Last, trim_after_loading);
}

/// Trims once each time the library finishes loading (at start and after
/// an edited file is read again).
fn trim_after_loading(library: Res<Library>, mut was_loading: Local<bool>) {
    if library.loading() {
        *was_loading = true;
    } else if *was_loading {
        *was_loading = false;
        return_free_memory();
    }
}

fn return_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of every arena; it is
    // safe to call at any time from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}
