//! Colours, fonts and the small widgets every screen is built from.
//!
//! Sizes are in `rem` (see [`RemSize`]) so the text-size setting scales every
//! screen at once, and the whole UI scales with the window ([`UiScale`]): a
//! screen laid out for 1280×720 looks the same, larger, at 1920×1080, so lines
//! keep a readable length. Every text colour has a contrast of at least 4.5:1
//! (WCAG AA) on every background of the palette, hovered buttons included.

use bevy::asset::RecursiveDependencyLoadState;
use bevy::ecs::system::IntoObserverSystem;
use bevy::picking::hover::Hovered;
use bevy::prelude::*;
use bevy::text::RemSize;
use bevy::ui_widgets::{Button, observe};
use frontline_core::Outcome;

use super::scroll::Scrollable;

pub mod palette {
    use bevy::prelude::Color;

    pub const BACKGROUND: Color = Color::srgb(0.09, 0.11, 0.16);
    pub const PANEL: Color = Color::srgb(0.14, 0.17, 0.24);
    pub const PANEL_RAISED: Color = Color::srgb(0.19, 0.23, 0.32);
    pub const BUTTON: Color = Color::srgb(0.15, 0.22, 0.35);
    /// Darker than it looks likely to need: every text colour stays readable on it.
    pub const BUTTON_HOVERED: Color = Color::srgb(0.19, 0.28, 0.43);
    pub const TEXT: Color = Color::srgb(0.93, 0.94, 0.96);
    pub const TEXT_DIM: Color = Color::srgb(0.72, 0.76, 0.84);
    pub const ACCENT: Color = Color::srgb(0.98, 0.76, 0.33);
    pub const GOOD: Color = Color::srgb(0.42, 0.84, 0.55);
    pub const MIDDLE: Color = Color::srgb(0.95, 0.72, 0.30);
    pub const BAD: Color = Color::srgb(1.0, 0.60, 0.58);
    pub const TRACK: Color = Color::srgb(0.08, 0.09, 0.13);
    /// Dims the screen behind a dialog.
    pub const SCRIM: Color = Color::srgba(0.02, 0.03, 0.05, 0.82);
}

/// The window size screens are laid out for; larger windows scale the UI up.
pub const DESIGN_SIZE: Vec2 = Vec2::new(1280.0, 720.0);

/// The fonts shipped in `assets/fonts` (Inter, SIL Open Font License),
/// loaded when the plugin is built so the first screen already has them.
#[derive(Resource, Clone)]
pub struct Fonts {
    pub regular: Handle<Font>,
    pub bold: Handle<Font>,
}

impl Fonts {
    /// Whether both fonts have loaded (or failed to: text then shows in
    /// Bevy's default font), so text can be drawn.
    pub fn settled(&self, assets: &AssetServer) -> bool {
        let settled = |font: &Handle<Font>| {
            matches!(
                assets.get_recursive_dependency_load_state(font),
                Some(
                    RecursiveDependencyLoadState::Loaded | RecursiveDependencyLoadState::Failed(_)
                )
            )
        };
        settled(&self.regular) && settled(&self.bold)
    }
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
    app.add_systems(PreUpdate, scale_with_window);
    app.add_observer(style_hover);
}

/// The UI scale for a window of `size` logical pixels: the design fills it
/// along its tighter side.
pub fn ui_scale_for(size: Vec2) -> f32 {
    (size / DESIGN_SIZE).min_element().clamp(0.5, 4.0)
}

fn scale_with_window(windows: Query<&Window, Changed<Window>>, scale: Option<ResMut<UiScale>>) {
    let (Some(mut scale), Some(window)) = (scale, windows.iter().next()) else {
        return;
    };
    let wanted = ui_scale_for(window.resolution.size());
    if scale.0 != wanted {
        scale.0 = wanted;
    }
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

/// A screen: a full-window area that scrolls when its content is taller
/// than the window, with `content` (usually `children![...]`) centred in it.
pub fn screen(content: impl Bundle) -> impl Bundle {
    (screen_root(), children![(screen_column(), content)])
}

/// The full-window area of a screen: it scrolls (wheel, arrows, Page Up/Down)
/// when what it holds is taller than the window. Put a [`screen_column`] in it.
pub fn screen_root() -> impl Bundle {
    (
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            overflow: Overflow::scroll_y(),
            ..default()
        },
        Scrollable,
    )
}

/// A column at least as tall as the window, its content centred: content
/// taller than the window starts at the top, where scrolling can reach it
/// (centring the scrolling area itself would push it out above).
pub fn screen_column() -> Node {
    Node {
        width: percent(100),
        min_height: percent(100),
        flex_shrink: 0.0,
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
        button_node(),
        Button,
        ThemedButton,
        Hovered::default(),
        BackgroundColor(palette::BUTTON),
        BorderColor::all(Color::NONE),
        children![text(fonts, label, 1.0, palette::TEXT)],
        observe(action),
    )
}

/// The layout of a [`button`]; its border is drawn only while hovered, so
/// hovering never moves anything.
pub fn button_node() -> Node {
    Node {
        padding: UiRect::axes(px(22), px(12)),
        justify_content: JustifyContent::FlexStart,
        align_items: AlignItems::Center,
        border: px(2).all(),
        border_radius: BorderRadius::all(px(8)),
        ..default()
    }
}

fn style_hover(
    event: On<Insert, Hovered>,
    mut buttons: Query<(&Hovered, &mut BackgroundColor, &mut BorderColor), With<ThemedButton>>,
) {
    if let Ok((hovered, mut color, mut border)) = buttons.get_mut(event.entity) {
        let (fill, edge) = if hovered.get() {
            (palette::BUTTON_HOVERED, palette::ACCENT)
        } else {
            (palette::BUTTON, Color::NONE)
        };
        color.0 = fill;
        *border = BorderColor::all(edge);
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

/// The colour of an outcome, wherever it is shown.
pub fn outcome_color(outcome: Outcome) -> Color {
    match outcome {
        Outcome::Promoter => palette::GOOD,
        Outcome::Passive => palette::MIDDLE,
        Outcome::Detractor => palette::BAD,
    }
}

/// `n` and its noun, in words: "1 attempt", "3 attempts".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `text` cut to at most `max` characters, with "…" where it was cut, for
/// names that must stay on one line.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// The base size of `rem` units for each text-size setting.
pub fn rem_size(scale: f32) -> RemSize {
    RemSize(20.0 * scale)
}

/// The WCAG 2 contrast ratio of two opaque colours, from 1:1 to 21:1.
#[cfg(test)]
pub fn contrast_ratio(a: Color, b: Color) -> f32 {
    // Relative luminance from the sRGB components, as WCAG defines it.
    fn luminance(color: Color) -> f32 {
        let [r, g, b, _] = color.to_srgba().to_f32_array();
        let linear = |c: f32| {
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_computed_as_wcag_does() {
        let black = Color::srgb(0.0, 0.0, 0.0);
        let white = Color::srgb(1.0, 1.0, 1.0);
        assert!((contrast_ratio(black, white) - 21.0).abs() < 1e-3);
        assert!((contrast_ratio(white, white) - 1.0).abs() < 1e-6);
        // #767676 on white is the classic just-passing grey: 4.54:1.
        let grey = Color::srgb_u8(0x76, 0x76, 0x76);
        assert!((contrast_ratio(grey, white) - 4.54).abs() < 0.01);
    }

    #[test]
    fn every_text_colour_is_readable_on_every_background() {
        use palette::*;
        for text in [TEXT, TEXT_DIM, ACCENT, GOOD, MIDDLE, BAD] {
            for background in [
                BACKGROUND,
                PANEL,
                PANEL_RAISED,
                BUTTON,
                BUTTON_HOVERED,
                TRACK,
            ] {
                let ratio = contrast_ratio(text, background);
                assert!(
                    ratio >= 4.5,
                    "{text:?} on {background:?}: {ratio:.2}:1, below WCAG AA's 4.5:1"
                );
            }
        }
    }

    #[test]
    fn counts_are_words() {
        assert_eq!(count(1, "attempt", "attempts"), "1 attempt");
        assert_eq!(count(0, "attempt", "attempts"), "0 attempts");
        assert_eq!(count(3, "point", "points"), "3 points");
    }

    #[test]
    fn long_names_are_cut_visibly() {
        assert_eq!(shorten("Ada", 10), "Ada");
        assert_eq!(shorten("Ada Lovelace", 12), "Ada Lovelace");
        assert_eq!(shorten("Augusta Ada King", 8), "Augusta…");
        assert_eq!(
            shorten("Zoë Ångström-Ü", 5),
            "Zoë…",
            "cut by characters, not bytes"
        );
    }

    #[test]
    fn the_ui_scales_with_the_tighter_side_of_the_window() {
        assert_eq!(ui_scale_for(Vec2::new(1280.0, 720.0)), 1.0);
        assert_eq!(ui_scale_for(Vec2::new(1920.0, 1080.0)), 1.5);
        assert_eq!(
            ui_scale_for(Vec2::new(1920.0, 720.0)),
            1.0,
            "wide: by height"
        );
        assert_eq!(
            ui_scale_for(Vec2::new(1024.0, 768.0)),
            0.8,
            "narrow: by width"
        );
    }
}
