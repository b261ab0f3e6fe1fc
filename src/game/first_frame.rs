//! Whether the first screen has been drawn. Reading the scenarios runs each
//! one's exact search, seconds of CPU; on a machine with few cores it would
//! compete with the compiling of the render pipelines and hold the window's
//! first picture back by a third. The game starts that work once the first
//! screen's pipelines are ready, or after [`PATIENCE`] whatever happens.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bevy::prelude::*;
use bevy::render::render_resource::PipelineCache;
use bevy::render::{Render, RenderApp, RenderSystems};

/// Shared by the main world and the render world, which runs on its own
/// thread a frame behind.
#[derive(Resource, Clone, Default)]
pub struct FirstFrame(Arc<AtomicBool>);

impl FirstFrame {
    pub fn drawn(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// How long the game waits for the first screen before it starts its own
/// work anyway: a pipeline that keeps waiting for a shader must not keep
/// the scenarios from loading.
const PATIENCE: Duration = Duration::from_secs(3);

pub(super) fn plugin(app: &mut App) {
    let first = FirstFrame::default();
    app.add_systems(Update, stop_waiting);
    match app.get_sub_app_mut(RenderApp) {
        Some(render) => {
            render.insert_resource(first.clone());
            render.add_systems(Render, note_drawn.in_set(RenderSystems::Cleanup));
        }
        // Headless (the tests): there is no picture to wait for.
        None => first.0.store(true, Ordering::Relaxed),
    }
    app.insert_resource(first);
}

fn stop_waiting(first: Res<FirstFrame>, time: Res<Time<Real>>) {
    if !first.drawn() && time.elapsed() >= PATIENCE {
        warn!("the first screen was not drawn after {PATIENCE:?}; loading the scenarios anyway");
        first.0.store(true, Ordering::Relaxed);
    }
}

/// The frame is drawn once every pipeline asked for so far (by this frame's
/// boxes and text, queued before this set runs) is ready.
fn note_drawn(first: Res<FirstFrame>, pipelines: Res<PipelineCache>) {
    if first.drawn() {
        return;
    }
    let asked = pipelines.pipelines().next().is_some();
    if asked && pipelines.waiting_pipelines().next().is_none() {
        first.0.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use bevy::time::TimeUpdateStrategy;

    use super::*;

    #[test]
    fn the_game_stops_waiting_for_a_first_frame_that_never_comes() {
        let mut app = App::new();
        app.add_plugins(MinimalPlugins);
        app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs(1)));
        let first = FirstFrame::default();
        app.insert_resource(first.clone());
        app.add_systems(Update, stop_waiting);
        let mut waited = Vec::new();
        for _ in 0..6 {
            app.update();
            waited.push((
                app.world().resource::<Time<Real>>().elapsed(),
                first.drawn(),
            ));
        }
        assert!(waited.iter().any(|(at, _)| *at >= PATIENCE), "{waited:?}");
        for (at, drawn) in &waited {
            assert_eq!(*drawn, *at >= PATIENCE, "{waited:?}");
        }
    }
}
