//! A meter as a labelled bar. The bar's length is the meter's value (a gap
//! bar grows as the gap grows); its colour says whether that is good or bad
//! for the customer; the label names the value and, after a change, by how
//! much it moved (+8, −5). Set [`MeterBar::value`] and the bar eases there.

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use frontline_core::scenario::{Better, Meter};

use crate::game::theme::{self, Fonts, palette, quality_color};

/// A meter on screen; the conversation sets `value`.
#[derive(Component, Debug)]
pub struct MeterBar {
    pub value: i32,
    meter: Meter,
    /// The value the label shows, to tell the change from.
    labelled: Option<i32>,
    /// The drawn length, 0..=1, easing toward the value's.
    shown: f32,
}

impl MeterBar {
    /// The meter this bar shows.
    pub fn meter(&self) -> &Meter {
        &self.meter
    }

    /// How much of the bar the value fills: its place between min and max.
    fn length(&self) -> f32 {
        self.meter.fill(self.value)
    }
}

#[derive(Component)]
struct MeterLabel;

#[derive(Component)]
struct MeterChange;

#[derive(Component)]
struct MeterFill;

/// A meter's bar at `value`.
pub fn meter_bar(fonts: &Fonts, meter: &Meter, value: i32) -> impl Bundle {
    let bar = MeterBar {
        value,
        meter: meter.clone(),
        labelled: None,
        shown: 0.0,
    };
    let shown = bar.length();
    (
        MeterBar { shown, ..bar },
        Node {
            width: percent(100),
            flex_direction: FlexDirection::Column,
            row_gap: px(4),
            ..default()
        },
        children![
            (
                Node {
                    column_gap: px(8),
                    flex_wrap: FlexWrap::Wrap,
                    ..default()
                },
                children![
                    (theme::text(fonts, "", 0.8, palette::TEXT_DIM), MeterLabel),
                    (theme::text(fonts, "", 0.8, palette::TEXT_DIM), MeterChange),
                ],
            ),
            (
                Node {
                    width: percent(100),
                    height: px(12),
                    border_radius: BorderRadius::all(px(6)),
                    ..default()
                },
                BackgroundColor(palette::TRACK),
                children![(
                    Node {
                        width: percent(shown * 100.0),
                        height: percent(100),
                        border_radius: BorderRadius::all(px(6)),
                        ..default()
                    },
                    BackgroundColor(quality_color(meter.normalized(value))),
                    MeterFill,
                )],
            ),
        ],
    )
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (label_meters, ease_meters));
}

/// The label, e.g. "Expectation gap 35 / 100 · lower is better".
fn label(meter: &Meter, value: i32) -> String {
    let hint = match meter.better {
        Better::Lower => " · lower is better",
        Better::Higher => "",
    };
    format!("{} {value} / {}{hint}", meter.label, meter.max)
}

/// "+8" or "−5" (a real minus sign).
fn signed(change: i64) -> String {
    if change < 0 {
        format!("−{}", -change)
    } else {
        format!("+{change}")
    }
}

/// The "+8" texts (apart from the labels, which are also `Text`).
type ChangeTexts<'w, 's> = Query<
    'w,
    's,
    (&'static mut Text, &'static mut TextColor),
    (With<MeterChange>, Without<MeterLabel>),
>;

fn label_meters(
    mut bars: Query<(Entity, &mut MeterBar), Changed<MeterBar>>,
    children: Query<&Children>,
    mut labels: Query<&mut Text, With<MeterLabel>>,
    mut changes: ChangeTexts,
) {
    for (entity, mut bar) in &mut bars {
        let value = bar.value;
        let Some(previous) = bar.labelled.replace(value) else {
            for child in children.iter_descendants(entity) {
                if let Ok(mut text) = labels.get_mut(child) {
                    text.0 = label(&bar.meter, bar.value);
                }
            }
            continue;
        };
        if previous == bar.value {
            continue;
        }
        let better = bar.meter.normalized(bar.value) > bar.meter.normalized(previous);
        for child in children.iter_descendants(entity) {
            if let Ok(mut text) = labels.get_mut(child) {
                text.0 = label(&bar.meter, bar.value);
            }
            if let Ok((mut text, mut color)) = changes.get_mut(child) {
                text.0 = signed(i64::from(bar.value) - i64::from(previous));
                color.0 = if better { palette::GOOD } else { palette::BAD };
            }
        }
    }
}

/// Eases each bar toward its value and keeps frames coming while any moves.
fn ease_meters(
    time: Res<Time>,
    mut bars: Query<(Entity, &mut MeterBar)>,
    children: Query<&Children>,
    mut fills: Query<(&mut Node, &mut BackgroundColor), With<MeterFill>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let step = (time.delta_secs() * 3.0).min(1.0);
    for (entity, mut bar) in &mut bars {
        let target = bar.length();
        let gap = target - bar.shown;
        if gap == 0.0 {
            continue;
        }
        bar.shown = if gap.abs() < 0.002 {
            target
        } else {
            bar.shown + gap * step.max(0.05)
        };
        if bar.shown != target {
            redraw.write(RequestRedraw);
        }
        let color = quality_color(bar.meter.normalized(bar.value));
        for child in children.iter_descendants(entity) {
            if let Ok((mut node, mut fill)) = fills.get_mut(child) {
                node.width = percent(bar.shown * 100.0);
                fill.0 = color;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap() -> Meter {
        Meter {
            id: "gap".into(),
            label: "Expectation gap".into(),
            start: 60,
            min: 0,
            max: 100,
            better: Better::Lower,
            weight: 1.0,
        }
    }

    fn bar(meter: Meter, value: i32) -> MeterBar {
        MeterBar {
            value,
            meter,
            labelled: None,
            shown: 0.0,
        }
    }

    #[test]
    fn a_gap_bar_grows_with_the_gap_and_turns_bad() {
        assert_eq!(bar(gap(), 80).length(), 0.8);
        assert_eq!(bar(gap(), 10).length(), 0.1);
        assert_eq!(
            bar(gap(), 140).length(),
            1.0,
            "clamped to the meter's range"
        );
        let wide = quality_color(gap().normalized(80));
        let narrow = quality_color(gap().normalized(10));
        assert_eq!(wide, palette::BAD);
        assert_eq!(narrow, palette::GOOD);
    }

    #[test]
    fn the_label_says_the_value_and_its_direction() {
        assert_eq!(
            label(&gap(), 35),
            "Expectation gap 35 / 100 · lower is better"
        );
        assert_eq!(signed(8), "+8");
        assert_eq!(signed(-5), "−5");
    }
}
