//! Asks the trainee's name, remembering the last one. The field shows a
//! cursor and scrolls sideways rather than wrap; an empty name is answered
//! with why the game won't go on.

use bevy::prelude::*;
use bevy::text::{EditableText, EditableTextSystems};
use bevy::ui_widgets::Activate;

use super::{Screen, Selected, StartWith, back_button, bottom_row, key_hint};
use crate::game::profile::Profile;
use crate::game::theme::{self, Fonts, palette};
use crate::game::widgets::text_field::text_field;

/// The longest name the field takes.
const MAX_NAME: usize = 40;

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

/// Where the screen says why it won't continue.
#[derive(Component)]
struct NameProblem;

fn spawn(mut commands: Commands, fonts: Res<Fonts>, profile: Res<Profile>) {
    commands.spawn((
        DespawnOnExit(Screen::Name),
        theme::screen(children![
            theme::heading(&fonts, "Who's training today?", 2.0),
            (
                text_field(&fonts, &profile.trainee, MAX_NAME, px(520)),
                NameInput
            ),
            theme::text(
                &fonts,
                "Your scores are kept under this name.",
                0.9,
                palette::TEXT_DIM
            ),
            (theme::text(&fonts, "", 0.95, palette::BAD), NameProblem),
            bottom_row(children![
                back_button(&fonts),
                theme::button(
                    &fonts,
                    "Continue",
                    |_: On<Activate>, mut commands: Commands| {
                        commands.run_system_cached(submit);
                    }
                ),
            ]),
            key_hint(&fonts, "Enter: continue   Esc: back"),
        ]),
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
    mut problem: Single<&mut Text, With<NameProblem>>,
    start_with: Option<Res<StartWith>>,
    mut profile: ResMut<Profile>,
) {
    let name = input.value().to_string().trim().to_string();
    if name.is_empty() {
        problem.0 = "Type your name first: your scores are kept under it.".into();
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
