//! Development only (`--features dev`): F9 opens a gallery of faces over any
//! screen, for screenshots and for judging the drawings. F1–F5 ease the large
//! face to furious … delighted; below it every mood and every portrait.

use bevy::prelude::*;

use super::face::{Face, Mood, Portrait, face};
use crate::game::theme::{self, Fonts, palette};

#[derive(Component)]
struct Gallery;

#[derive(Component)]
struct GalleryFace;

#[derive(Component)]
struct MoodWord;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (toggle, set_mood));
}

fn toggle(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    fonts: Res<Fonts>,
    open: Query<Entity, With<Gallery>>,
) {
    if !keys.just_pressed(KeyCode::F9) {
        return;
    }
    if let Ok(gallery) = open.single() {
        commands.entity(gallery).despawn();
        return;
    }
    let start = Mood::Content;
    commands
        .spawn((
            Gallery,
            Node {
                position_type: PositionType::Absolute,
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                justify_content: JustifyContent::Center,
                row_gap: px(16),
                ..default()
            },
            GlobalZIndex(200),
            BackgroundColor(palette::BACKGROUND),
        ))
        .with_children(|gallery| {
            gallery.spawn((face(Portrait::Customer, start.share(), 220.0), GalleryFace));
            gallery.spawn((theme::heading(&fonts, start.word(), 1.6), MoodWord));
            gallery
                .spawn(Node {
                    column_gap: px(16),
                    ..default()
                })
                .with_children(|row| {
                    for mood in Mood::ALL {
                        row.spawn(face(Portrait::Customer, mood.share(), 96.0));
                    }
                });
            gallery
                .spawn(Node {
                    column_gap: px(16),
                    ..default()
                })
                .with_children(|row| {
                    for portrait in Portrait::ALL {
                        row.spawn(face(portrait, Mood::Content.share(), 96.0));
                    }
                });
            gallery.spawn(theme::text(
                &fonts,
                "F1–F5: furious … delighted   F9: close",
                0.8,
                palette::TEXT_DIM,
            ));
        });
}

fn set_mood(
    keys: Res<ButtonInput<KeyCode>>,
    mut faces: Query<&mut Face, With<GalleryFace>>,
    mut words: Query<&mut Text, With<MoodWord>>,
) {
    const KEYS: [KeyCode; 5] = [
        KeyCode::F1,
        KeyCode::F2,
        KeyCode::F3,
        KeyCode::F4,
        KeyCode::F5,
    ];
    let Some(index) = KEYS.iter().position(|k| keys.just_pressed(*k)) else {
        return;
    };
    let mood = Mood::ALL[index];
    for mut face in &mut faces {
        face.mood = mood.share();
    }
    for mut word in &mut words {
        word.0 = mood.word().to_string();
    }
}
