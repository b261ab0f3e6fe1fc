//! Colours, fonts and the small widgets every screen is built from.
//!
//! Sizes are in `rem` (see [`RemSize`]) so the text-size setting scales every
//! screen at once.

use bevy::ecs::system::IntoObserverSystem;
use bevy::picking::hover::Hovered;
use bevy::prelude::*;
use bevy::text::RemSize;
use bevy::ui_widgets::{Button, observe};

pub mod palette {
    use bevy::prelude::Color;

    pub const BACKGROUND: Color = Color::srgb(0.09, 0.11, 0.16);
    pub const PANEL: Color = Color::srgb(0.14, 0.17, 0.24);
    pub const PANEL_RAISED: Color = Color::srgb(0.19, 0.23, 0.32);
    pub const BUTTON: Color = Color::srgb(0.20, 0.33, 0.52);
    pub const BUTTON_HOVERED: Color = Color::srgb(0.27, 0.43, 0.66);
    pub const TEXT: Color = Color::srgb(0.93, 0.94, 0.96);
    pub const TEXT_DIM: Color = Color::srgb(0.66, 0.70, 0.78);
    pub const ACCENT: Color = Color::srgb(0.98, 0.76, 0.33);
    pub const GOOD: Color = Color::srgb(0.40, 0.80, 0.52);
    pub const MIDDLE: Color = Color::srgb(0.95, 0.72, 0.30);
    pub const BAD: Color = Color::srgb(0.91, 0.38, 0.38);
    pub const TRACK: Color = Color::srgb(0.08, 0.09, 0.13);
}

/// The fonts shipped in `assets/fonts` (Inter, SIL Open Font License),
/// loaded when the plugin is built so the first screen already has them.
#[derive(Resource, Clone)]
pub struct Fonts {
    pub regular: Handle<Font>,
    pub bold: Handle<Font>,
}

impl FromWorld for Fonts {
    fn from_world(world: &mut World) -> Self {
        let assets = world.resource::<AssetServer>();
        Fonts {
            regular: assets.load("fonts/Inter-Regular.otf"),
            bold: assets.load("fonts/Inter-SemiBold.otf"),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(ClearColor(palette::BACKGROUND));
    app.init_resource::<Fonts>();
    app.add_systems(Startup, spawn_camera);
    app.add_observer(style_hover);
}

/// Every screen is UI, drawn by this one camera.
fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

/// Text in the body font, `size` in rem.
pub fn text(fonts: &Fonts, content: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    (
        Text::new(content),
        TextFont {
            font: fonts.regular.clone().into(),
            font_size: FontSize::Rem(size),
            ..default()
        },
        TextColor(color),
    )
}

pub fn heading(fonts: &Fonts, content: impl Into<String>, size: f32) -> impl Bundle {
    (
        Text::new(content),
        TextFont {
            font: fonts.bold.clone().into(),
            font_size: FontSize::Rem(size),
            ..default()
        },
        TextColor(palette::TEXT),
    )
}

/// A full-window column that screens put their content in.
pub fn screen_root() -> impl Bundle {
    Node {
        width: percent(100),
        height: percent(100),
        flex_direction: FlexDirection::Column,
        align_items: AlignItems::Center,
        justify_content: JustifyContent::Center,
        row_gap: px(18),
        padding: px(32).all(),
        ..default()
    }
}

/// The layout of a rounded panel: a padded column.
pub fn panel_node() -> Node {
    Node {
        flex_direction: FlexDirection::Column,
        row_gap: px(10),
        padding: px(20).all(),
        border_radius: BorderRadius::all(px(10)),
        ..default()
    }
}

/// A panel laid out by `node` (start from [`panel_node`]).
pub fn panel(node: Node) -> impl Bundle {
    (node, BackgroundColor(palette::PANEL))
}

#[derive(Component)]
pub struct ThemedButton;

/// A button with a label; `action` runs when it is clicked or activated by keyboard.
pub fn button<E, B, M, I>(fonts: &Fonts, label: impl Into<String>, action: I) -> impl Bundle
where
    E: EntityEvent,
    B: Bundle,
    M: Send + Sync + 'static,
    I: IntoObserverSystem<E, B, M> + Send + Sync,
{
    (
        Node {
            padding: UiRect::axes(px(22), px(12)),
            justify_content: JustifyContent::FlexStart,
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        Button,
        ThemedButton,
        Hovered::default(),
        BackgroundColor(palette::BUTTON),
        children![text(fonts, label, 1.0, palette::TEXT)],
        observe(action),
    )
}

fn style_hover(
    event: On<Insert, Hovered>,
    mut buttons: Query<(&Hovered, &mut BackgroundColor), With<ThemedButton>>,
) {
    if let Ok((hovered, mut color)) = buttons.get_mut(event.entity) {
        color.0 = if hovered.get() {
            palette::BUTTON_HOVERED
        } else {
            palette::BUTTON
        };
    }
}

/// The colour of a value on 0..=1, from bad to good.
pub fn quality_color(share: f32) -> Color {
    if share >= 0.66 {
        palette::GOOD
    } else if share >= 0.4 {
        palette::MIDDLE
    } else {
        palette::BAD
    }
}

/// The base size of `rem` units for each text-size setting.
pub fn rem_size(scale: f32) -> RemSize {
    RemSize(20.0 * scale)
}
