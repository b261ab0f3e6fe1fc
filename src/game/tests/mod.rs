//! Headless tests of the game's systems: no window, no GPU. Keys are faked by
//! writing `ButtonInput<KeyCode>`, as Bevy's own app tests do.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bevy::input::mouse::MouseWheel;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::text::RemSize;
use bevy::window::RequestRedraw;
use frontline_core::explore::witnesses;
use frontline_core::runner::PersonalBest;
use frontline_core::{Debrief, Outcome, Session};

use super::library::Library;
use super::profile::{Profile, Settings};
use super::records::Records;
use super::screens::{ActivePlay, NextSeed, Results, Screen, StartWith};

/// A scratch copy of the bundled scenarios, so tests can edit files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("frontline-game-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("scenarios")).unwrap();
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    for entry in fs::read_dir(bundled).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join("scenarios").join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn app(dir: &Path) -> App {
    let mut app = App::new();
    super::library::register_source(&mut app, &dir.join("scenarios"));
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    app.add_plugins((
        MinimalPlugins,
        StatesPlugin,
        AssetPlugin {
            file_path: assets.to_string_lossy().into_owned(),
            ..default()
        },
    ));
    app.init_asset::<Font>();
    app.init_asset::<Image>();
    app.init_resource::<ButtonInput<KeyCode>>();
    app.init_resource::<RemSize>();
    // The window plugin's message, written while the meters animate.
    app.add_message::<RequestRedraw>();
    app.add_message::<MouseWheel>();
    app.add_plugins(super::GamePlugin {
        scenarios: dir.join("scenarios"),
        data: dir.to_path_buf(),
    });
    app
}

/// Updates until `done` holds, failing after a few seconds.
fn update_until(app: &mut App, what: &str, done: impl Fn(&World) -> bool) {
    let start = Instant::now();
    while !done(app.world()) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        app.update();
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn press(app: &mut App, key: KeyCode) {
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(key);
    app.update();
    let mut input = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
    input.release(key);
    input.clear();
    // A state change requested this frame is applied at the next one.
    app.update();
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

/// Every text on screen.
fn texts(app: &mut App) -> Vec<String> {
    let world = app.world_mut();
    world
        .query::<&Text>()
        .iter(world)
        .map(|t| t.0.clone())
        .collect()
}

fn digit(n: usize) -> KeyCode {
    [
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
        KeyCode::Digit5,
        KeyCode::Digit6,
        KeyCode::Digit7,
        KeyCode::Digit8,
        KeyCode::Digit9,
    ][n]
}

/// Whether the library has read every scenario file in `dir`'s scenarios folder.
fn loaded(dir: &Path) -> impl Fn(&World) -> bool {
    let files = fs::read_dir(dir.join("scenarios"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().ends_with(".scenario.ron")
        })
        .count();
    move |world| {
        let library = world.resource::<Library>();
        library.entries.len() == files && !library.loading()
    }
}

#[test]
fn a_trainee_plays_a_scenario_by_keys_to_its_promoter_ending_and_replays_it() {
    let dir = scratch("play");
    let mut app = app(&dir);
    update_until(&mut app, "the library", loaded(&dir));
    let scenario = {
        let library = app.world().resource::<Library>();
        Arc::clone(library.entries[0].scenario.as_ref().unwrap())
    };
    assert_eq!(scenario.id, "caviar", "scenarios are listed by file name");
    let promoter = scenario
        .endings
        .iter()
        .position(|e| e.outcome == Outcome::Promoter)
        .unwrap();
    let (seed, path) = witnesses(&scenario, 0..40).remove(&promoter).unwrap();

    select_as_ada(&mut app, |_| {});
    app.insert_resource(NextSeed(Some(seed)));
    press(&mut app, KeyCode::Digit1);
    assert_eq!(screen(&app), Screen::Briefing);
    assert_eq!(app.world().resource::<ActivePlay>().session().seed(), seed);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Conversation);
    let shown = texts(&mut app);
    let (node, line) = Session::new(Arc::clone(&scenario), seed)
        .current()
        .map(|(n, l)| (n.clone(), l.to_string()))
        .unwrap();
    assert!(
        shown.iter().any(|t| t.contains(&line)),
        "the customer's line is shown: {shown:?}"
    );
    assert!(
        shown
            .iter()
            .any(|t| t.starts_with("1.  ") && node.choices.iter().any(|c| t.ends_with(&c.text))),
        "{shown:?}"
    );

    let mut expected = Session::new(Arc::clone(&scenario), seed);
    for &choice in &path {
        let shown = expected
            .offered()
            .iter()
            .position(|&c| c == choice)
            .unwrap();
        expected.choose_written(choice).unwrap();
        press(&mut app, digit(shown));
    }
    assert_eq!(
        screen(&app),
        Screen::Conversation,
        "the customer's reaction comes before the debrief"
    );
    let ending = Debrief::of(&expected).unwrap().ending_text;
    assert!(texts(&mut app).iter().any(|t| t.contains(&ending)));
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Debrief);
    let results = app.world().resource::<Results>();
    let debrief = Debrief::of(&expected).unwrap();
    let conclusion = &results.conclusion;
    assert_eq!(
        conclusion.debrief, debrief,
        "the screen shows the core's debrief"
    );
    assert_eq!(debrief.outcome, Outcome::Promoter);
    let bounds = conclusion.bounds.unwrap();
    assert!(bounds.best >= debrief.score && bounds.worst <= debrief.score);
    assert_eq!(conclusion.personal_best, PersonalBest::First);
    let attempts = app.world().resource::<Records>().0.attempts();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].trainee, "Ada");
    assert_eq!(attempts[0].score(), Some(debrief.score));
    assert_eq!(
        attempts[0].choices.len(),
        path.len(),
        "every choice was recorded"
    );

    press(&mut app, KeyCode::KeyS);
    assert_eq!(screen(&app), Screen::Briefing);
    assert_eq!(
        app.world().resource::<ActivePlay>().session().seed(),
        seed,
        "replay keeps the seed"
    );
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Select);
    assert!(
        dir.join("profile.ron").exists(),
        "the trainee's name was saved"
    );
    fs::remove_dir_all(dir).unwrap();
}

fn caviar_entry(world: &World) -> (&str, usize) {
    let entry = &world.resource::<Library>().entries[0];
    let title = entry.scenario.as_ref().map_or("", |s| s.title.as_str());
    (title, entry.errors.len())
}

#[test]
fn an_edited_scenario_reloads_and_a_broken_edit_keeps_the_last_good_version() {
    let dir = scratch("reload");
    let mut app = app(&dir);
    update_until(&mut app, "the library", loaded(&dir));
    let file = dir.join("scenarios/caviar.scenario.ron");
    let text = fs::read_to_string(&file).unwrap();
    let edited = text.replacen(
        "title: \"Everything under the sea\"",
        "title: \"Under the sea, edited\"",
        1,
    );
    assert_ne!(edited, text);
    fs::write(&file, &edited).unwrap();
    update_until(&mut app, "the edit", |w| {
        caviar_entry(w) == ("Under the sea, edited", 0)
    });

    fs::write(&file, edited.replacen("start:", "strat:", 1)).unwrap();
    update_until(&mut app, "the error", |w| caviar_entry(w).1 > 0);
    let world = app.world();
    assert_eq!(
        caviar_entry(world).0,
        "Under the sea, edited",
        "the last good version stays playable"
    );
    let error = world.resource::<Library>().entries[0].errors[0].to_string();
    assert!(
        error.contains("caviar.scenario.ron:") && error.contains("strat"),
        "{error}"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_broken_file_is_listed_as_broken_and_the_others_stay_playable() {
    let dir = scratch("broken");
    fs::write(
        dir.join("scenarios/zz_broken.scenario.ron"),
        "Scenario(id: \"x\",",
    )
    .unwrap();
    let (_, texts) = select_screen(&dir);
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Broken: zz_broken.scenario.ron")),
        "{texts:?}"
    );
    for n in 1..=3 {
        assert!(
            texts.iter().any(|t| t.starts_with(&format!("{n}.  "))),
            "{n} playable: {texts:?}"
        );
    }
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_second_file_with_a_taken_id_is_broken_and_a_misnamed_file_is_named() {
    let dir = scratch("duplicates");
    let caviar = fs::read_to_string(dir.join("scenarios/caviar.scenario.ron")).unwrap();
    let copy = caviar.replacen(
        "title: \"Everything under the sea\"",
        "title: \"A copy under the sea\"",
        1,
    );
    assert_ne!(copy, caviar);
    fs::write(dir.join("scenarios/zz_copy.scenario.ron"), copy).unwrap();
    fs::write(dir.join("scenarios/notes.ron"), "// not a scenario").unwrap();
    let (app, shown) = select_screen(&dir);
    assert!(
        shown.iter().any(|t| t == "Broken: zz_copy.scenario.ron"),
        "the copy is listed as broken: {shown:?}"
    );
    let why = shown
        .iter()
        .find(|t| t.contains("duplicate scenario id `caviar`"))
        .unwrap_or_else(|| panic!("says why: {shown:?}"));
    assert!(
        why.contains("caviar.scenario.ron:"),
        "names the first: {why}"
    );
    assert!(
        !shown.iter().any(|t| t.contains("A copy under the sea")),
        "{shown:?}"
    );
    assert!(
        shown.iter().any(|t| t.contains("`notes.ron` is not named")),
        "{shown:?}"
    );
    assert_eq!(
        app.world()
            .resource::<Library>()
            .get("caviar")
            .map(|e| e.file.as_str()),
        Some("caviar.scenario.ron"),
        "the first file keeps the id"
    );
    fs::remove_dir_all(dir).unwrap();
}

/// The game with every scenario of `dir` read, on the select screen, and
/// the texts it shows.
fn select_screen(dir: &Path) -> (App, Vec<String>) {
    let mut app = app(dir);
    update_until(&mut app, "the library", loaded(dir));
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Select);
    app.update();
    app.update();
    let texts = texts(&mut app);
    (app, texts)
}

/// Signs in as Ada, with `settings` changed, and opens the select screen.
fn select_as_ada(app: &mut App, settings: impl FnOnce(&mut Settings)) {
    let mut profile = app.world_mut().resource_mut::<Profile>();
    profile.trainee = "Ada".into();
    settings(&mut profile.settings);
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Select);
    app.update();
    assert_eq!(screen(app), Screen::Select);
}

/// An app at the first prompt of the first scenario, for trainee Ada.
fn in_conversation(name: &str, coach: bool) -> (App, std::path::PathBuf) {
    in_conversation_with(name, |s| s.coach = coach)
}

/// As [`in_conversation`], with `settings` changed.
fn in_conversation_with(
    name: &str,
    settings: impl FnOnce(&mut Settings),
) -> (App, std::path::PathBuf) {
    let dir = scratch(name);
    let mut app = app(&dir);
    update_until(&mut app, "the library", loaded(&dir));
    select_as_ada(&mut app, settings);
    press(&mut app, KeyCode::Digit1);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Conversation);
    (app, dir)
}

#[test]
fn a_conversation_in_progress_offers_to_restart_with_an_edited_scenario() {
    let (mut app, dir) = in_conversation("restart", true);
    press(&mut app, KeyCode::Digit1);
    assert_eq!(
        app.world().resource::<ActivePlay>().session().steps().len(),
        1
    );

    let file = dir.join("scenarios/caviar.scenario.ron");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replacen(
            "title: \"Everything under the sea\"",
            "title: \"Sea, revised\"",
            1,
        ),
    )
    .unwrap();
    update_until(&mut app, "the edit", |w| {
        caviar_entry(w).0 == "Sea, revised"
    });
    app.update();
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.starts_with("This scenario was edited. Press R")),
        "the trainee is offered a restart"
    );
    assert_eq!(
        app.world().resource::<ActivePlay>().session().steps().len(),
        1,
        "nothing changes unasked"
    );
    press(&mut app, KeyCode::KeyR);
    let play = app.world().resource::<ActivePlay>();
    assert_eq!(
        play.session().steps().len(),
        0,
        "restarted from the beginning"
    );
    assert_eq!(play.session().scenario().title, "Sea, revised");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_scenario_named_on_the_command_line_opens_after_the_name() {
    let dir = scratch("start-with");
    let mut app = app(&dir);
    app.insert_resource(StartWith("phone".into()));
    update_until(&mut app, "the library", loaded(&dir));
    app.world_mut().resource_mut::<Profile>().trainee = "Ada".into();
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Name);
    app.update();
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Briefing);
    assert_eq!(
        app.world().resource::<ActivePlay>().session().scenario().id,
        "phone"
    );
    assert!(
        !app.world().contains_resource::<StartWith>(),
        "only the first session"
    );
    fs::remove_dir_all(dir).unwrap();
}

mod conversation;
mod debrief;
