//! Asks the trainee's name, remembering the last one.

use bevy::input_focus::AutoFocus;
use bevy::prelude::*;
use bevy::text::{EditableText, EditableTextSystems};
use bevy::ui_widgets::Activate;

use super::{Screen, Selected, StartWith, key_hint};
use crate::game::profile::Profile;
use crate::game::theme::{self, Fonts, palette};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Name), spawn);
    // After the text edits of this frame are applied, so a key typed just
    // before Enter is not lost.
    app.add_systems(
        PostUpdate,
        submit_on_enter
            .after(EditableTextSystems)
            .run_if(in_state(Screen::Name)),
    );
}

#[derive(Component)]
struct NameInput;

fn spawn(mut commands: Commands, fonts: Res<Fonts>, profile: Res<Profile>) {
    commands.spawn((
        theme::screen_root(),
        DespawnOnExit(Screen::Name),
        children![
            theme::heading(&fonts, "Who's training today?", 2.0),
            (
                Node {
                    min_width: px(420),
                    padding: UiRect::axes(px(14), px(10)),
                    border: px(2).all(),
                    border_radius: BorderRadius::all(px(8)),
                    ..default()
                },
                BorderColor::all(palette::ACCENT),
                BackgroundColor(palette::PANEL),
                EditableText {
                    max_characters: Some(40),
                    allow_newlines: false,
                    ..EditableText::new(&profile.trainee)
                },
                TextFont {
                    font: fonts.regular.clone().into(),
                    font_size: FontSize::Rem(1.3),
                    ..default()
                },
                TextColor(palette::TEXT),
                NameInput,
                AutoFocus,
            ),
            theme::text(
                &fonts,
                "Your scores are kept under this name.",
                0.9,
                palette::TEXT_DIM
            ),
            theme::button(
                &fonts,
                "Continue",
                |_: On<Activate>, mut commands: Commands| {
                    commands.run_system_cached(submit);
                }
            ),
            key_hint(&fonts, "Enter: continue   Esc: back"),
        ],
    ));
}

fn submit_on_enter(keys: Res<ButtonInput<KeyCode>>, mut commands: Commands) {
    if keys.just_pressed(KeyCode::Enter) {
        commands.run_system_cached(submit);
    }
}

fn submit(
    mut commands: Commands,
    input: Single<&EditableText, With<NameInput>>,
    start_with: Option<Res<StartWith>>,
    mut profile: ResMut<Profile>,
) {
    let name = input.value().to_string().trim().to_string();
    if name.is_empty() {
        return;
    }
    if profile.trainee != name {
        profile.trainee = name;
    }
    if let Some(start_with) = start_with {
        commands.insert_resource(Selected(start_with.0.clone()));
        commands.remove_resource::<StartWith>();
        commands.set_state(Screen::Briefing);
    } else {
        commands.set_state(Screen::Select);
    }
}
