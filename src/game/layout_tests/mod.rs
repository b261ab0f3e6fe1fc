//! Layout tests: the game's screens laid out headless (Bevy's UI layout and
//! text measurement, no window, no GPU) at 1280×720 and 1920×1080 with each
//! text size. Every text and button must be inside the window, or inside a
//! scroll area that can reach it, and every text readable on what is behind
//! it (WCAG AA, 4.5:1; on a button also when it is hovered).
//!
//! To check another screen, write a test that calls [`Layout::check`] with a
//! function that brings the screen up, e.g. a conversation at a given node:
//! the function runs again at every size and text scale.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bevy::app::TerminalCtrlCHandlerPlugin;
use bevy::asset::LoadState;
use bevy::camera::{ComputedCameraValues, RenderTargetInfo, Viewport};
use bevy::core_pipeline::CorePipelinePlugin;
use bevy::log::LogPlugin;
use bevy::prelude::*;
use bevy::render::RenderPlugin;
use bevy::render::pipelined_rendering::PipelinedRenderingPlugin;
use bevy::sprite_render::SpriteRenderPlugin;
use bevy::ui_render::UiRenderPlugin;
use bevy::window::{ExitCondition, WindowResolution};
use bevy::winit::WinitPlugin;
use frontline_core::{Mode, Playthrough, Prepared, Prompt};

use super::library::Library;
use super::profile::Profile;
use super::records::Records;
use super::screens::{Screen, Selected, TEXT_SCALES};
use super::scroll::Scrollable;
use super::theme::{Fonts, ThemedButton, contrast_ratio, palette};

/// The window sizes every screen must fit, in logical pixels.
pub const SIZES: [UVec2; 2] = [UVec2::new(1280, 720), UVec2::new(1920, 1080)];

/// Slack for rounding, in physical pixels.
const SLACK: f32 = 1.0;

/// The game, headless, with Bevy's UI laid out in a window of a set size.
pub struct Layout {
    pub app: App,
    data: PathBuf,
}

impl Drop for Layout {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.data);
    }
}

impl Layout {
    /// The game with the bundled scenarios loaded and the trainee `trainee`.
    pub fn new(name: &str, trainee: &str) -> Layout {
        let data =
            std::env::temp_dir().join(format!("frontline-layout-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&data);
        fs::create_dir_all(&data).unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut app = App::new();
        super::library::register_source(&mut app, &root.join("scenarios"));
        app.add_plugins(
            DefaultPlugins
                .build()
                .disable::<LogPlugin>()
                .disable::<TerminalCtrlCHandlerPlugin>()
                .disable::<WinitPlugin>()
                .disable::<RenderPlugin>()
                .disable::<PipelinedRenderingPlugin>()
                .disable::<CorePipelinePlugin>()
                .disable::<SpriteRenderPlugin>()
                .disable::<UiRenderPlugin>()
                .set(WindowPlugin {
                    primary_window: Some(Window::default()),
                    exit_condition: ExitCondition::DontExit,
                    close_when_requested: false,
                    ..default()
                })
                .set(AssetPlugin {
                    file_path: root.join("assets").to_string_lossy().into_owned(),
                    ..default()
                }),
        );
        app.add_plugins(super::GamePlugin {
            scenarios: root.join("scenarios"),
            data: data.clone(),
        });
        app.finish();
        app.cleanup();
        let mut layout = Layout { app, data };
        // The profile is read at start-up.
        layout.app.update();
        layout.app.world_mut().resource_mut::<Profile>().trainee = trainee.to_string();
        layout.update_until("the scenarios and fonts", |world| {
            let library = world.resource::<Library>();
            let fonts = world.resource::<Fonts>();
            let assets = world.resource::<AssetServer>();
            let font_loaded = |f: &Handle<Font>| matches!(assets.load_state(f), LoadState::Loaded);
            !library.entries.is_empty()
                && !library.loading()
                && font_loaded(&fonts.regular)
                && font_loaded(&fonts.bold)
                && world.contains_resource::<Records>()
        });
        layout
    }

    /// Updates until `done` holds, failing after a few seconds.
    pub fn update_until(&mut self, what: &str, done: impl Fn(&World) -> bool) {
        let start = Instant::now();
        while !done(self.app.world()) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what}"
            );
            self.app.update();
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Opens `screen` and lets it settle.
    pub fn open(&mut self, screen: Screen) {
        self.app
            .world_mut()
            .resource_mut::<NextState<Screen>>()
            .set(screen);
        self.settle();
    }

    /// Enough frames for state changes, deferred spawns and layout to land.
    pub fn settle(&mut self) {
        for _ in 0..4 {
            self.app.update();
        }
    }

    /// Sizes the window and the UI camera's view of it (no renderer runs to do the latter).
    fn resize(&mut self, size: UVec2) {
        let world = self.app.world_mut();
        let mut windows = world.query::<&mut Window>();
        for mut window in windows.iter_mut(world) {
            window.resolution = WindowResolution::from((size.x, size.y));
        }
        let mut cameras = world.query::<&mut Camera>();
        for mut camera in cameras.iter_mut(world) {
            camera.computed = ComputedCameraValues {
                target_info: Some(RenderTargetInfo {
                    physical_size: size,
                    scale_factor: 1.0,
                }),
                ..default()
            };
            camera.viewport = Some(Viewport {
                physical_size: size,
                ..default()
            });
        }
    }

    fn set_text_scale(&mut self, scale: f32) {
        let mut profile = self.app.world_mut().resource_mut::<Profile>();
        if profile.settings.text_scale != scale {
            profile.settings.text_scale = scale;
        }
    }

    /// Runs `show` at every window size and text scale, and returns what
    /// does not fit or cannot be read, each problem naming where it was seen.
    pub fn check(&mut self, what: &str, mut show: impl FnMut(&mut Layout)) -> Vec<String> {
        let mut found = Vec::new();
        for size in SIZES {
            for (scale, scale_name) in TEXT_SCALES {
                self.resize(size);
                self.set_text_scale(scale);
                show(self);
                self.settle();
                let world = self.app.world_mut();
                for problem in misplaced(world, size.as_vec2())
                    .into_iter()
                    .chain(unreadable(world))
                {
                    found.push(format!(
                        "{what} at {}×{}, {scale_name} text: {problem}",
                        size.x, size.y
                    ));
                }
            }
        }
        found
    }
}

/// Fails with every problem, one a line.
#[track_caller]
pub fn assert_none(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A node's rectangle on screen, in physical pixels.
fn rect(node: &ComputedNode, transform: &UiGlobalTransform) -> Rect {
    Rect::from_center_size(transform.translation, node.size())
}

/// How the test names an entity: its text, or the text of its first child.
fn describe(world: &World, entity: Entity) -> String {
    let text_of = |e: Entity| world.get::<Text>(e).map(|t| t.0.clone());
    let children = world.get::<Children>(entity);
    let label = text_of(entity)
        .or_else(|| children.and_then(|c| c.iter().find_map(text_of)))
        .unwrap_or_else(|| format!("{entity}"));
    let short: String = label.chars().take(60).collect();
    if world.get::<Button>(entity).is_some() {
        format!("button «{short}»")
    } else {
        format!("text «{short}»")
    }
}

/// Texts and buttons that are neither in the window nor in a scroll area
/// that can bring them into it.
fn misplaced(world: &mut World, window: Vec2) -> Vec<String> {
    let mut checked = world.query_filtered::<(
        Entity,
        &ComputedNode,
        &UiGlobalTransform,
        &InheritedVisibility,
    ), Or<(With<Text>, With<Button>)>>();
    let targets: Vec<(Entity, Rect)> = checked
        .iter(world)
        .filter(|(entity, _, _, visible)| {
            visible.get()
                && displayed(world, *entity)
                && world
                    .get::<Text>(*entity)
                    .is_none_or(|t| !t.0.trim().is_empty())
        })
        .map(|(entity, node, transform, _)| (entity, rect(node, transform)))
        .collect();
    let mut problems = Vec::new();
    for (entity, area) in targets {
        let outcome = if area.width() < 1.0 || area.height() < 1.0 {
            Err(format!("is squeezed to nothing ({area:?})"))
        } else {
            reachable(world, entity, area, window)
        };
        if let Err(why) = outcome {
            problems.push(format!("{} {why}", describe(world, entity)));
        }
    }
    problems
}

/// Whether neither the entity nor an ancestor is `Display::None`.
fn displayed(world: &World, entity: Entity) -> bool {
    let mut current = Some(entity);
    while let Some(e) = current {
        if world
            .get::<Node>(e)
            .is_some_and(|n| n.display == Display::None)
        {
            return false;
        }
        current = world.get::<ChildOf>(e).map(ChildOf::parent);
    }
    true
}

/// Whether `area` of `entity` can be seen: inside every clipping ancestor,
/// inside the content of every scroll area it is in (which the trainee can
/// scroll to), and, where no scroll area holds it, inside the window.
fn reachable(world: &World, entity: Entity, mut area: Rect, window: Vec2) -> Result<(), String> {
    let mut current = entity;
    while let Some(parent) = world.get::<ChildOf>(current).map(ChildOf::parent) {
        current = parent;
        let (Some(node), Some(computed), Some(transform)) = (
            world.get::<Node>(parent),
            world.get::<ComputedNode>(parent),
            world.get::<UiGlobalTransform>(parent),
        ) else {
            continue;
        };
        let view = rect(computed, transform);
        let scrolls =
            node.overflow.y == OverflowAxis::Scroll && world.get::<Scrollable>(parent).is_some();
        if scrolls {
            let top = view.min.y - computed.scroll_position.y;
            let bottom = top + computed.content_size().y.max(view.height());
            if area.min.y < top - SLACK || area.max.y > bottom + SLACK {
                return Err(format!(
                    "lies outside what its scroll area can reach ({area:?} in {top}..{bottom})"
                ));
            }
            if area.min.x < view.min.x - SLACK || area.max.x > view.max.x + SLACK {
                return Err(format!(
                    "sticks out sideways of its scroll area ({area:?} in {view:?})"
                ));
            }
            if view.height() < 1.0 {
                return Err("is in a scroll area with no height".into());
            }
            // What remains to be seen is the scroll area itself.
            area = view;
            continue;
        }
        let clips_x = node.overflow.x != OverflowAxis::Visible;
        let clips_y = node.overflow.y != OverflowAxis::Visible;
        if (clips_x && (area.min.x < view.min.x - SLACK || area.max.x > view.max.x + SLACK))
            || (clips_y && (area.min.y < view.min.y - SLACK || area.max.y > view.max.y + SLACK))
        {
            return Err(format!("is cut off by its parent ({area:?} in {view:?})"));
        }
    }
    let inside = area.min.x >= -SLACK
        && area.min.y >= -SLACK
        && area.max.x <= window.x + SLACK
        && area.max.y <= window.y + SLACK;
    if inside {
        Ok(())
    } else {
        Err(format!(
            "is outside the {}×{} window ({area:?})",
            window.x, window.y
        ))
    }
}

/// Texts whose contrast with what is behind them is below 4.5:1.
fn unreadable(world: &mut World) -> Vec<String> {
    let clear = world.resource::<ClearColor>().0;
    let mut texts = world.query::<(Entity, &Text, &TextColor, &InheritedVisibility)>();
    let mut problems = Vec::new();
    for (entity, text, color, visible) in texts.iter(world) {
        if text.0.trim().is_empty() || !visible.get() {
            continue;
        }
        let mut behind = Vec::new();
        let mut on_button = false;
        let mut current = Some(entity);
        while let Some(e) = current {
            on_button |= world.get::<ThemedButton>(e).is_some();
            if behind.is_empty()
                && let Some(fill) = world.get::<BackgroundColor>(e)
                && fill.0.alpha() > 0.5
            {
                behind.push(fill.0.with_alpha(1.0));
            }
            current = world.get::<ChildOf>(e).map(ChildOf::parent);
        }
        if behind.is_empty() {
            behind.push(clear);
        }
        if on_button {
            behind.extend([palette::BUTTON, palette::BUTTON_HOVERED]);
        }
        for background in behind {
            let ratio = contrast_ratio(color.0, background);
            if ratio < 4.5 {
                problems.push(format!(
                    "{} has contrast {ratio:.2}:1 on {background:?}",
                    describe(world, entity)
                ));
            }
        }
    }
    problems
}

/// Every scenario the game has read and can play.
fn bundled(layout: &Layout) -> Vec<Prepared> {
    let library = layout.app.world().resource::<Library>();
    library
        .entries
        .iter()
        .filter_map(|e| e.prepared())
        .collect()
}

/// Records `count` attempts of every bundled scenario for the trainee: every
/// other one finished (choosing the first offer throughout), in exam mode
/// every third, the rest abandoned.
fn record_attempts(layout: &mut Layout, count: usize) {
    let prepared = bundled(layout);
    let mut records = layout.app.world_mut().resource_mut::<Records>();
    for i in 0..count {
        for scenario in &prepared {
            let mode = if i % 3 == 0 { Mode::Exam } else { Mode::Coach };
            let mut play = Playthrough::new(scenario, i as u64, mode);
            play.start(&mut records.0);
            if i % 2 == 1 {
                continue;
            }
            while let Prompt::Choose { .. } = play.prompt() {
                play.choose(0, &mut records.0).unwrap();
            }
        }
    }
}

const LONG_NAME: &str = "Maximiliana Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh";

#[test]
fn the_title_settings_and_name_screens_fit_at_every_size() {
    let mut layout = Layout::new("menus", "Ada");
    let mut problems = Vec::new();
    for screen in [Screen::Title, Screen::Settings] {
        problems.extend(layout.check(&format!("{screen:?}"), |l| l.open(screen)));
    }
    layout.app.world_mut().resource_mut::<Profile>().trainee = LONG_NAME[..40].to_string();
    problems.extend(layout.check("Name with a long name", |l| l.open(Screen::Name)));
    assert_none(problems);
}

#[test]
fn the_select_and_progress_screens_fit_with_a_long_name_and_many_attempts() {
    let mut layout = Layout::new("lists", LONG_NAME);
    layout.update_until("the records", |w| {
        w.resource::<Records>().0.trainee() == LONG_NAME
    });
    record_attempts(&mut layout, 6);
    let mut problems = layout.check("Select", |l| l.open(Screen::Select));
    problems.extend(layout.check("Progress", |l| l.open(Screen::Progress)));
    assert_none(problems);
}

#[test]
fn every_briefing_fits_at_every_size() {
    let mut layout = Layout::new("briefings", "Ada");
    let ids: Vec<String> = layout
        .app
        .world()
        .resource::<Library>()
        .entries
        .iter()
        .filter_map(|e| Some(e.scenario.as_ref()?.id.clone()))
        .collect();
    assert!(ids.len() >= 3, "the bundled scenarios: {ids:?}");
    let mut problems = Vec::new();
    for id in ids {
        problems.extend(layout.check(&format!("Briefing of {id}"), |l| {
            l.open(Screen::Select);
            l.app.insert_resource(Selected(id.clone()));
            l.open(Screen::Briefing);
        }));
    }
    assert_none(problems);
}

/// The check itself: a text pushed out of the window is found, and so is one
/// below a scroll area's reach; one in reach is not.
#[test]
fn the_check_finds_what_is_out_of_reach() {
    let mut layout = Layout::new("self-test", "Ada");
    layout.open(Screen::Title);
    layout.resize(SIZES[0]);
    let fonts = layout.app.world().resource::<Fonts>().clone();
    let world = layout.app.world_mut();
    world.spawn((
        Node {
            position_type: PositionType::Absolute,
            left: px(1300),
            ..default()
        },
        super::theme::text(&fonts, "off to the right", 1.0, palette::TEXT),
    ));
    world.spawn((
        Node {
            position_type: PositionType::Absolute,
            top: px(10),
            height: px(100),
            flex_direction: FlexDirection::Column,
            overflow: Overflow::clip(),
            ..default()
        },
        children![(
            Node {
                margin: UiRect::top(px(300)),
                flex_shrink: 0.0,
                ..default()
            },
            super::theme::text(&fonts, "clipped away", 1.0, palette::TEXT),
        )],
    ));
    world.spawn((
        Node {
            position_type: PositionType::Absolute,
            top: px(200),
            height: px(100),
            ..default()
        },
        children![(
            Node {
                margin: UiRect::top(px(300)),
                ..default()
            },
            super::theme::text(&fonts, "squeezed", 1.0, palette::TEXT),
        )],
    ));
    world.spawn((
        Node {
            position_type: PositionType::Absolute,
            top: px(10),
            height: px(100),
            flex_direction: FlexDirection::Column,
            overflow: Overflow::scroll_y(),
            ..default()
        },
        Scrollable,
        children![(
            Node {
                margin: UiRect::top(px(300)),
                ..default()
            },
            super::theme::text(&fonts, "scrolled to", 1.0, palette::TEXT_DIM),
        )],
    ));
    world.spawn(super::theme::text(&fonts, "too faint", 1.0, palette::PANEL));
    layout.settle();
    let world = layout.app.world_mut();
    let misplaced = misplaced(world, SIZES[0].as_vec2()).join("\n");
    assert!(
        misplaced.contains("«off to the right» is outside the 1280×720 window"),
        "{misplaced}"
    );
    assert!(
        misplaced.contains("«clipped away» is cut off"),
        "{misplaced}"
    );
    assert!(
        misplaced.contains("«squeezed» is squeezed to nothing"),
        "{misplaced}"
    );
    assert!(!misplaced.contains("scrolled to"), "{misplaced}");
    let unreadable = unreadable(world).join("\n");
    assert!(
        unreadable.contains("«too faint» has contrast"),
        "{unreadable}"
    );
    assert!(!unreadable.contains("scrolled to"), "{unreadable}");
}

mod play;
