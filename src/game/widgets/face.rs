//! The face of whoever speaks, drawn from UI nodes: a portrait for each kind
//! of speaker, and for a person five moods (furious, upset, uneasy, content,
//! delighted) told apart by brows, eyes, mouth and a tear, never by colour,
//! so exam mode can show the expression without a verdict colour. Setting
//! [`Face::mood`] eases the expression there over about a second.

use bevy::prelude::*;
use bevy::window::RequestRedraw;

/// How a customer feels, from their satisfaction (the first meter, 0..=1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mood {
    Furious,
    Upset,
    Uneasy,
    Content,
    Delighted,
}

impl Mood {
    pub const ALL: [Mood; 5] = [
        Mood::Furious,
        Mood::Upset,
        Mood::Uneasy,
        Mood::Content,
        Mood::Delighted,
    ];

    /// The mood of a satisfaction share: five equal bands.
    pub fn of(share: f32) -> Mood {
        let band = (share.clamp(0.0, 1.0) * 5.0) as usize;
        Mood::ALL[band.min(4)]
    }

    /// The share in the middle of this mood's band.
    #[cfg_attr(
        not(feature = "dev"),
        allow(dead_code, reason = "used by the dev gallery")
    )]
    pub fn share(self) -> f32 {
        let band = Mood::ALL.iter().position(|m| *m == self).expect("listed");
        (band as f32 + 0.5) / 5.0
    }

    pub fn word(self) -> &'static str {
        match self {
            Mood::Furious => "furious",
            Mood::Upset => "upset",
            Mood::Uneasy => "uneasy",
            Mood::Content => "content",
            Mood::Delighted => "delighted",
        }
    }
}

/// Who a face belongs to: each looks different at a glance.
#[cfg_attr(
    not(feature = "dev"),
    allow(
        dead_code,
        reason = "for the conversation's speakers; the dev gallery shows all"
    )
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Portrait {
    Customer,
    /// Another customer in the same scene.
    SecondCustomer,
    Staff,
    /// The narrator has no face: a speech mark.
    Narrator,
}

impl Portrait {
    #[cfg_attr(
        not(feature = "dev"),
        allow(dead_code, reason = "used by the dev gallery")
    )]
    pub const ALL: [Portrait; 4] = [
        Portrait::Customer,
        Portrait::SecondCustomer,
        Portrait::Staff,
        Portrait::Narrator,
    ];
}

/// A face; set `mood` (0 furious ..= 1 delighted) and `portrait`, and the
/// face follows: the expression eases, a new portrait is redrawn at once.
#[derive(Component, Debug)]
pub struct Face {
    pub mood: f32,
    pub portrait: Portrait,
    /// Width and height, logical pixels.
    size: f32,
    /// The mood the expression shows now, easing toward `mood`.
    shown: f32,
    /// The portrait the children were drawn for.
    drawn: Option<Portrait>,
    /// Whether the moving parts of the drawn portrait have been placed.
    placed: bool,
}

/// A face of `size` logical pixels, showing `mood` from the start.
pub fn face(portrait: Portrait, mood: f32, size: f32) -> impl Bundle {
    (
        Face {
            mood,
            portrait,
            size,
            shown: mood,
            drawn: None,
            placed: false,
        },
        Node {
            width: px(size),
            height: px(size),
            flex_shrink: 0.0,
            ..default()
        },
    )
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (draw_portraits, ease_expressions).chain());
}

/// The parts of a face that move with the mood.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Brow { left: bool },
    Eye { left: bool },
    Mouth,
    Tear,
}

/// Where the moving parts are, in percent of the face's size.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Expression {
    /// Clockwise on the left brow, mirrored on the right: positive frowns (inner ends down).
    brow_degrees: f32,
    brow_lift: f32,
    eye_height: f32,
    /// -1 a deep frown .. 1 a wide smile.
    mouth_curve: f32,
    /// 0 closed .. 1 wide open.
    mouth_open: f32,
    mouth_width: f32,
    /// Clockwise, degrees: a crooked, unsure mouth.
    mouth_tilt: f32,
    tear: f32,
}

/// The expression at the middle of each mood's band, furious first.
const KEYS: [Expression; 5] = [
    Expression {
        brow_degrees: 26.0,
        brow_lift: -3.0,
        eye_height: 3.5,
        mouth_curve: -0.6,
        mouth_open: 0.9,
        mouth_width: 22.0,
        mouth_tilt: 0.0,
        tear: 0.0,
    },
    Expression {
        brow_degrees: -18.0,
        brow_lift: 2.0,
        eye_height: 8.0,
        mouth_curve: -0.9,
        mouth_open: 0.0,
        mouth_width: 22.0,
        mouth_tilt: 0.0,
        tear: 1.0,
    },
    Expression {
        brow_degrees: -7.0,
        brow_lift: 1.0,
        eye_height: 9.0,
        mouth_curve: -0.12,
        mouth_open: 0.0,
        mouth_width: 15.0,
        mouth_tilt: 9.0,
        tear: 0.0,
    },
    Expression {
        brow_degrees: 0.0,
        brow_lift: 2.0,
        eye_height: 9.0,
        mouth_curve: 0.75,
        mouth_open: 0.0,
        mouth_width: 24.0,
        mouth_tilt: 0.0,
        tear: 0.0,
    },
    Expression {
        brow_degrees: -5.0,
        brow_lift: 6.0,
        eye_height: 4.5,
        mouth_curve: 1.0,
        mouth_open: 0.85,
        mouth_width: 30.0,
        mouth_tilt: 0.0,
        tear: 0.0,
    },
];

impl Expression {
    /// The expression for a mood share, blended between the two nearest keys.
    fn at(share: f32) -> Expression {
        let position = (share.clamp(0.1, 0.9) - 0.1) / 0.2;
        let low = (position.floor() as usize).min(KEYS.len() - 2);
        let t = position - low as f32;
        let (a, b) = (KEYS[low], KEYS[low + 1]);
        let mix = |x: f32, y: f32| x + (y - x) * t;
        Expression {
            brow_degrees: mix(a.brow_degrees, b.brow_degrees),
            brow_lift: mix(a.brow_lift, b.brow_lift),
            eye_height: mix(a.eye_height, b.eye_height),
            mouth_curve: mix(a.mouth_curve, b.mouth_curve),
            mouth_open: mix(a.mouth_open, b.mouth_open),
            mouth_width: mix(a.mouth_width, b.mouth_width),
            mouth_tilt: mix(a.mouth_tilt, b.mouth_tilt),
            tear: mix(a.tear, b.tear),
        }
    }
}

/// The look of a portrait.
struct Style {
    backdrop: Color,
    skin: Color,
    hair: Color,
}

fn style(portrait: Portrait) -> Style {
    match portrait {
        Portrait::Customer => Style {
            backdrop: Color::srgb(0.27, 0.33, 0.46),
            skin: Color::srgb(0.96, 0.80, 0.66),
            hair: Color::srgb(0.35, 0.22, 0.12),
        },
        Portrait::SecondCustomer => Style {
            backdrop: Color::srgb(0.38, 0.28, 0.44),
            skin: Color::srgb(0.64, 0.44, 0.31),
            hair: Color::srgb(0.86, 0.86, 0.88),
        },
        Portrait::Staff => Style {
            backdrop: Color::srgb(0.18, 0.36, 0.34),
            skin: Color::srgb(0.88, 0.68, 0.52),
            hair: Color::srgb(0.16, 0.12, 0.10),
        },
        Portrait::Narrator => Style {
            backdrop: Color::srgb(0.30, 0.31, 0.36),
            skin: Color::srgb(0.30, 0.31, 0.36),
            hair: Color::srgb(0.80, 0.82, 0.88),
        },
    }
}

const FEATURE: Color = Color::srgb(0.18, 0.11, 0.10);
const MOUTH_INSIDE: Color = Color::srgb(0.42, 0.12, 0.14);
const TEAR: Color = Color::srgb(0.55, 0.80, 1.0);
const STAFF_CAP: Color = Color::srgb(0.22, 0.45, 0.78);

/// An absolutely placed box, in percent of a face of `size` px.
fn shape(size: f32, left: f32, top: f32, width: f32, height: f32) -> Node {
    let at = |percent: f32| px(percent * size / 100.0);
    Node {
        position_type: PositionType::Absolute,
        left: at(left),
        top: at(top),
        width: at(width),
        height: at(height),
        ..default()
    }
}

/// A filled ellipse-ish shape (rounded as far as it goes).
fn blob(size: f32, rect: [f32; 4], color: Color) -> impl Bundle {
    let mut node = shape(size, rect[0], rect[1], rect[2], rect[3]);
    node.border_radius = BorderRadius::all(percent(50));
    (node, BackgroundColor(color))
}

/// Draws a face's children for its portrait, when it is new or changed.
fn draw_portraits(mut commands: Commands, mut faces: Query<(Entity, &mut Face), Changed<Face>>) {
    for (entity, mut face) in &mut faces {
        if face.drawn == Some(face.portrait) {
            continue;
        }
        face.drawn = Some(face.portrait);
        face.shown = face.mood;
        face.placed = false;
        let (size, portrait) = (face.size, face.portrait);
        commands.entity(entity).despawn_related::<Children>();
        commands.entity(entity).with_children(|parent| {
            let look = style(portrait);
            parent.spawn(blob(size, [0.0, 0.0, 100.0, 100.0], look.backdrop));
            if portrait == Portrait::Narrator {
                for left in [26.0, 45.0, 64.0] {
                    parent.spawn(blob(size, [left, 45.0, 10.0, 10.0], look.hair));
                }
                return;
            }
            draw_head(parent, size, portrait, &look);
            for left in [true, false] {
                parent.spawn((
                    Part::Brow { left },
                    shape(size, 0.0, 0.0, 14.0, 3.2),
                    BackgroundColor(look.hair.darker(0.25)),
                    UiTransform::IDENTITY,
                ));
                let mut eye = shape(size, 0.0, 0.0, 7.0, 7.0);
                eye.border_radius = BorderRadius::all(px(size));
                parent.spawn((Part::Eye { left }, eye, BackgroundColor(FEATURE)));
            }
            parent.spawn((
                Part::Mouth,
                shape(size, 0.0, 0.0, 0.0, 0.0),
                BackgroundColor(Color::NONE),
                BorderColor::all(FEATURE),
                UiTransform::IDENTITY,
            ));
            parent.spawn((Part::Tear, blob(size, [35.0, 52.0, 4.0, 7.0], TEAR)));
            if portrait == Portrait::SecondCustomer {
                for left in [29.0, 53.0] {
                    let mut ring = shape(size, left, 40.0, 18.0, 14.0);
                    ring.border = px(size * 0.015).all();
                    ring.border_radius = BorderRadius::all(px(size));
                    parent.spawn((ring, BorderColor::all(FEATURE)));
                }
                parent.spawn((shape(size, 47.0, 45.0, 6.0, 1.5), BackgroundColor(FEATURE)));
            }
        });
    }
}

/// The head and hair (or cap) of a person.
fn draw_head(parent: &mut ChildSpawnerCommands, size: f32, portrait: Portrait, look: &Style) {
    if portrait == Portrait::SecondCustomer {
        parent.spawn(blob(size, [39.0, 3.0, 22.0, 18.0], look.hair));
    }
    parent.spawn(blob(size, [21.0, 16.0, 58.0, 72.0], look.skin));
    match portrait {
        Portrait::Staff => {
            let mut cap = shape(size, 19.0, 10.0, 62.0, 22.0);
            cap.border_radius = BorderRadius::top(px(size * 0.3));
            parent.spawn((cap, BackgroundColor(STAFF_CAP)));
            parent.spawn((
                shape(size, 19.0, 29.0, 40.0, 5.0),
                BackgroundColor(STAFF_CAP.darker(0.15)),
            ));
        }
        _ => {
            let mut hair = shape(size, 19.0, 12.0, 62.0, 22.0);
            hair.border_radius = BorderRadius::top(px(size * 0.3));
            parent.spawn((hair, BackgroundColor(look.hair)));
        }
    }
}

/// Eases each face's expression toward its mood and places the moving parts.
fn ease_expressions(
    time: Res<Time>,
    mut faces: Query<(&mut Face, &Children)>,
    mut parts: Query<(
        &Part,
        &mut Node,
        Option<&mut UiTransform>,
        &mut BackgroundColor,
    )>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    for (mut face, children) in &mut faces {
        let gap = face.mood - face.shown;
        if gap == 0.0 && face.placed {
            continue;
        }
        face.placed = true;
        let step = (time.delta_secs() * 4.0).min(1.0);
        face.shown = if gap.abs() < 0.002 {
            face.mood
        } else {
            face.shown + gap * step.max(0.05)
        };
        if face.shown != face.mood {
            redraw.write(RequestRedraw);
        }
        let (size, expression) = (face.size, Expression::at(face.shown));
        let mut iter = parts.iter_many_mut(children);
        while let Some((part, mut node, transform, mut fill)) = iter.fetch_next() {
            place(*part, &expression, size, &mut node, &mut fill);
            let degrees = match part {
                Part::Brow { left: true } => expression.brow_degrees,
                Part::Brow { left: false } => -expression.brow_degrees,
                Part::Mouth => expression.mouth_tilt,
                _ => continue,
            };
            if let Some(mut transform) = transform {
                transform.rotation = Rot2::degrees(degrees);
            }
        }
    }
}

/// Places one moving part for an expression.
fn place(part: Part, e: &Expression, size: f32, node: &mut Node, fill: &mut BackgroundColor) {
    let at = |percent: f32| px(percent * size / 100.0);
    match part {
        Part::Brow { left } => {
            node.left = at(if left { 29.0 } else { 57.0 });
            node.top = at(38.0 - e.brow_lift);
        }
        Part::Eye { left } => {
            node.left = at(if left { 34.5 } else { 58.5 });
            node.top = at(47.0 - e.eye_height / 2.0);
            node.height = at(e.eye_height);
            node.width = at(7.0);
        }
        Part::Tear => {
            fill.0 = TEAR.with_alpha(e.tear.clamp(0.0, 1.0));
        }
        Part::Mouth => {
            let thickness = at(3.0);
            let depth = e.mouth_curve.abs() * 14.0 + e.mouth_open * 5.0;
            node.width = at(e.mouth_width);
            node.height = at(depth);
            node.left = at(50.0 - e.mouth_width / 2.0);
            let radius = at(depth.min(e.mouth_width / 2.0));
            if e.mouth_curve >= 0.0 {
                node.top = at(64.0);
                node.border = UiRect::bottom(thickness);
                node.border_radius = BorderRadius::bottom(radius);
            } else {
                node.top = at(70.0 - depth);
                node.border = UiRect::top(thickness);
                node.border_radius = BorderRadius::top(radius);
            }
            fill.0 = MOUTH_INSIDE.with_alpha(e.mouth_open.clamp(0.0, 1.0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moods_are_five_equal_bands() {
        assert_eq!(Mood::of(0.0), Mood::Furious);
        assert_eq!(Mood::of(0.19), Mood::Furious);
        assert_eq!(Mood::of(0.2), Mood::Upset);
        assert_eq!(Mood::of(0.5), Mood::Uneasy);
        assert_eq!(Mood::of(0.79), Mood::Content);
        assert_eq!(Mood::of(1.0), Mood::Delighted);
        for mood in Mood::ALL {
            assert_eq!(Mood::of(mood.share()), mood);
        }
    }

    fn fields(e: &Expression) -> [f32; 8] {
        [
            e.mouth_tilt,
            e.brow_degrees,
            e.brow_lift,
            e.eye_height,
            e.mouth_curve,
            e.mouth_open,
            e.mouth_width,
            e.tear,
        ]
    }

    fn assert_close(a: &Expression, b: &Expression, what: &str) {
        let close = fields(a)
            .iter()
            .zip(fields(b))
            .all(|(x, y)| (x - y).abs() < 1e-4);
        assert!(close, "{what}: {a:?} is not {b:?}");
    }

    #[test]
    fn each_mood_shows_its_own_expression_and_blends_between() {
        for (i, mood) in Mood::ALL.into_iter().enumerate() {
            assert_close(
                &Expression::at(mood.share()),
                &KEYS[i],
                &format!("{mood:?}"),
            );
        }
        let halfway = Expression::at(0.6);
        assert!(
            (halfway.mouth_curve - (KEYS[2].mouth_curve + KEYS[3].mouth_curve) / 2.0).abs() < 1e-5
        );
        assert_close(&Expression::at(-1.0), &KEYS[0], "clamped below");
        assert_close(&Expression::at(2.0), &KEYS[4], "clamped above");
    }

    #[test]
    fn moods_differ_in_at_least_two_features() {
        for (i, a) in KEYS.iter().enumerate() {
            for b in &KEYS[i + 1..] {
                let differs = [
                    (a.brow_degrees - b.brow_degrees).abs() >= 5.0,
                    (a.eye_height - b.eye_height).abs() >= 2.0,
                    (a.mouth_curve - b.mouth_curve).abs() >= 0.3,
                    (a.mouth_open - b.mouth_open).abs() >= 0.5,
                    (a.tear - b.tear).abs() >= 0.5,
                ];
                let count = differs.iter().filter(|d| **d).count();
                assert!(count >= 2, "{a:?} and {b:?} look alike");
            }
        }
    }
}
