//! A yes/no question over the screen, e.g. "Leave this conversation? It will
//! be recorded as abandoned". Buttons, or Y / N / Esc (Esc is no). The answer
//! arrives as an [`Answered`] event on the dialog entity, which then closes.
//!
//! ```ignore
//! commands
//!     .spawn((confirm_dialog(&fonts, "Leave this conversation?", "It will be recorded as abandoned."),
//!             DespawnOnExit(Screen::Conversation)))
//!     .observe(|answer: On<Answered>, mut next: ResMut<NextState<Screen>>| {
//!         if answer.yes { next.set(Screen::Select) }
//!     });
//! ```
//! While a dialog is open, Esc does not go back a screen; screens whose keys
//! act on what is under the dialog guard them with [`no_dialog`].

use bevy::prelude::*;
use bevy::ui_widgets::Activate;

use crate::game::theme::{self, Fonts, palette};

/// An open question; at most one is answered per key press.
#[derive(Component, Debug)]
pub struct ConfirmDialog;

/// The trainee's answer, triggered on the dialog entity.
#[derive(EntityEvent, Debug, Clone, Copy)]
pub struct Answered {
    pub entity: Entity,
    pub yes: bool,
}

/// A dialog asking `question`, with `detail` below it.
pub fn confirm_dialog(
    fonts: &Fonts,
    question: impl Into<String>,
    detail: impl Into<String>,
) -> impl Bundle {
    (
        ConfirmDialog,
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            padding: px(24).all(),
            ..default()
        },
        GlobalZIndex(100),
        BackgroundColor(palette::SCRIM),
        children![(
            theme::panel(Node {
                max_width: px(640),
                row_gap: px(16),
                padding: px(28).all(),
                ..theme::panel_node()
            }),
            children![
                theme::heading(fonts, question, 1.4),
                theme::text(fonts, detail, 1.0, palette::TEXT),
                (
                    Node {
                        column_gap: px(12),
                        flex_wrap: FlexWrap::Wrap,
                        row_gap: px(12),
                        ..default()
                    },
                    children![
                        theme::button(
                            fonts,
                            "Yes (Y)",
                            |click: On<Activate>, mut commands: Commands| {
                                commands.run_system_cached_with(answer_from, (click.entity, true));
                            }
                        ),
                        theme::button(
                            fonts,
                            "No (N)",
                            |click: On<Activate>, mut commands: Commands| {
                                commands.run_system_cached_with(answer_from, (click.entity, false));
                            }
                        ),
                    ],
                ),
            ],
        )],
    )
}

/// Whether no dialog is open: a run condition for keys that act under it.
pub fn no_dialog(dialogs: Query<(), With<ConfirmDialog>>) -> bool {
    dialogs.is_empty()
}

pub(super) fn plugin(app: &mut App) {
    // After every screen's own keys, so the Esc that answers "no" is not
    // also read as "go back" once the dialog is gone.
    app.add_systems(PostUpdate, answer_by_key);
}

/// Answers the dialog a button belongs to.
fn answer_from(
    In((button, yes)): In<(Entity, bool)>,
    mut commands: Commands,
    parents: Query<&ChildOf>,
    dialogs: Query<(), With<ConfirmDialog>>,
) {
    if let Some(dialog) = parents
        .iter_ancestors(button)
        .find(|e| dialogs.contains(*e))
    {
        answer(&mut commands, dialog, yes);
    }
}

fn answer(commands: &mut Commands, dialog: Entity, yes: bool) {
    commands.trigger(Answered {
        entity: dialog,
        yes,
    });
    commands.entity(dialog).despawn();
}

fn answer_by_key(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    dialogs: Query<(Entity, Ref<ConfirmDialog>)>,
) {
    // The newest dialog answers; one opened by this very key press waits for the next.
    let Some((dialog, opened)) = dialogs.iter().max_by_key(|(e, _)| *e) else {
        return;
    };
    if opened.is_added() {
        return;
    }
    if keys.just_pressed(KeyCode::KeyY) {
        answer(&mut commands, dialog, true);
    } else if keys.any_just_pressed([KeyCode::KeyN, KeyCode::Escape]) {
        answer(&mut commands, dialog, false);
    }
}
