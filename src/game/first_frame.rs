//! Whether the first screen has been drawn. Reading the scenarios runs each
//! one's exact search, seconds of CPU; on a machine with few cores it would
//! compete with the compiling of the render pipelines and hold the window's
//! first picture back by a third. The game starts that work once the first
//! screen's pipelines are ready.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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

pub(super) fn plugin(app: &mut App) {
    let first = FirstFrame::default();
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
