//! Scenario files as Bevy assets, and the library of them the screens read.
//!
//! Each `*.scenario.ron` in the scenarios folder is loaded through
//! [`ScenarioLoader`] from the `scenarios://` asset source. The operating
//! system tells the game when a file in the folder is written, added or removed
//! (`notify`: inotify on Linux); the game reloads that file and wakes the
//! (reactive, mostly sleeping) event loop, so a saved edit is on screen within
//! a frame or two. Where file events are unavailable, a thread polls the
//! folder instead. A file that no longer validates keeps its last good
//! version playable and shows its error.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bevy::asset::io::{AssetSourceBuilder, Reader};
use bevy::asset::{AssetLoadFailedEvent, AssetLoader, LoadContext};
use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
use frontline_core::load::{self, EXTENSION};
use frontline_core::{Diagnostic, Prepared, Scenario};
use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::first_frame::FirstFrame;
use super::theme::Fonts;

/// Name of the asset source that reads the scenarios folder.
const SOURCE: &str = "scenarios";
/// How often the fallback poller looks at the folder.
const POLL: Duration = Duration::from_millis(400);

/// One scenario file: the scenario ready to play, or why it isn't one.
#[derive(Asset, TypePath, Debug)]
pub struct ScenarioAsset {
    pub parsed: Result<Prepared, Vec<Diagnostic>>,
}

/// Reads scenario files; `folder` names them in diagnostics as the trainer
/// knows them, since asset paths are relative to their source.
#[derive(TypePath)]
pub struct ScenarioLoader {
    folder: PathBuf,
}

impl AssetLoader for ScenarioLoader {
    type Asset = ScenarioAsset;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        context: &mut LoadContext<'_>,
    ) -> Result<ScenarioAsset, std::io::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let path = self.folder.join(context.path().path());
        let Ok(source) = String::from_utf8(bytes) else {
            let error = Diagnostic::whole_file(&path, "the file is not UTF-8 text");
            return Ok(ScenarioAsset {
                parsed: Err(vec![error]),
            });
        };
        // The exact search behind the debrief runs here, in the loader's
        // task, not in the frame where the trainee makes the last choice.
        let parsed = load::parse(&path, &source).map(|s| Prepared::new(s, source));
        Ok(ScenarioAsset { parsed })
    }

    fn extensions(&self) -> &[&str] {
        &[EXTENSION]
    }
}

/// One scenario file as the game knows it.
#[derive(Debug)]
pub struct Entry {
    pub file: String,
    handle: Handle<ScenarioAsset>,
    /// The last version that validated, with its text (the records keep its
    /// hash) and its yardstick.
    prepared: Option<Prepared>,
    pub scenario: Option<Arc<Scenario>>,
    /// Problems of the file as it is now on disk.
    pub errors: Vec<Diagnostic>,
    /// Bumped each time a new good version arrives.
    pub version: u32,
    /// Read from disk and not parsed yet.
    reading: bool,
    /// Set when a file earlier in the folder has the same scenario id: that
    /// one is played, this one is shown as broken.
    pub duplicate: Option<Diagnostic>,
}

impl Entry {
    /// The scenario to offer, unless another file has taken its id.
    pub fn playable(&self) -> Option<&Arc<Scenario>> {
        self.scenario.as_ref().filter(|_| self.duplicate.is_none())
    }

    /// What is wrong with the file, the worst first.
    pub fn problem(&self) -> Option<&Diagnostic> {
        self.duplicate.as_ref().or(self.errors.first())
    }

    /// The last good version, ready to play.
    pub fn prepared(&self) -> Option<Prepared> {
        self.prepared.clone()
    }
}

/// Every scenario file in the folder, sorted by file name.
#[derive(Resource, Default, Debug)]
pub struct Library {
    pub entries: Vec<Entry>,
    /// Problems of the folder rather than of one file, e.g. a `.ron` file
    /// that is not read because it is not named `*.scenario.ron`.
    pub warnings: Vec<Diagnostic>,
}

impl Library {
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.playable().is_some_and(|s| s.id == id))
    }

    /// Whether any file is still being read, for the first time or after an edit.
    pub fn loading(&self) -> bool {
        self.entries.iter().any(|e| e.reading)
    }
}

/// The folder the library reads.
#[derive(Resource, Clone, Debug)]
pub struct ScenarioFolder(pub PathBuf);

/// What the watcher saw change in the folder.
#[derive(Debug, PartialEq)]
enum Change {
    /// These files were written, added or removed.
    Files(Vec<String>),
    /// Events were lost: look at every file again.
    All,
}

/// Changes reported by the watcher, and the watcher itself (dropping it stops
/// the events); `None` when the folder is polled instead.
#[derive(Resource)]
struct FolderChanges {
    receiver: Mutex<Receiver<Change>>,
    _watcher: Mutex<Option<RecommendedWatcher>>,
}

/// Registers the `scenarios://` source; call before `DefaultPlugins`.
pub fn register_source(app: &mut App, folder: &Path) {
    let path = folder.to_string_lossy().into_owned();
    app.register_asset_source(SOURCE, AssetSourceBuilder::platform_default(&path, None));
}

pub(super) fn plugin(app: &mut App) {
    app.init_asset::<ScenarioAsset>();
    let folder = app.world().resource::<ScenarioFolder>().0.clone();
    app.register_asset_loader(ScenarioLoader { folder });
    app.init_resource::<Library>();
    app.add_systems(Startup, start_watcher);
    app.add_systems(Update, scan_folder.run_if(first_frame_drawn));
    app.add_systems(
        Update,
        (apply_folder_changes, update_entries, find_duplicates).chain(),
    );
}

/// The scenarios are first read once the first screen, text and all, has been
/// drawn: reading them runs each one's exact search, which would otherwise
/// hold up that first picture on a machine with few cores.
fn first_frame_drawn(
    mut scanned: Local<bool>,
    first: Res<FirstFrame>,
    fonts: Res<Fonts>,
    assets: Res<AssetServer>,
) -> bool {
    let due = !*scanned && first.drawn() && fonts.settled(&assets);
    *scanned |= due;
    due
}

fn scan_folder(
    folder: Res<ScenarioFolder>,
    assets: Res<AssetServer>,
    mut library: ResMut<Library>,
) {
    for file in mtimes(&folder.0).into_keys() {
        add_entry(&mut library, &assets, file);
    }
    library.warnings = folder_warnings(&folder.0);
}

/// Files of the folder that look meant to be scenarios but are not read.
fn folder_warnings(folder: &Path) -> Vec<Diagnostic> {
    load::Found::search(&[folder.to_path_buf()]).map_or_else(|_| Vec::new(), |f| f.warnings)
}

fn add_entry(library: &mut Library, assets: &AssetServer, file: String) {
    let at = library.entries.partition_point(|e| e.file < file);
    if library.entries.get(at).is_some_and(|e| e.file == file) {
        return;
    }
    let handle = assets.load(format!("{SOURCE}://{file}"));
    library.entries.insert(
        at,
        Entry {
            file,
            handle,
            prepared: None,
            scenario: None,
            errors: Vec::new(),
            version: 0,
            reading: true,
            duplicate: None,
        },
    );
}

/// Scenario files in `folder` with their modification times.
fn mtimes(folder: &Path) -> BTreeMap<String, SystemTime> {
    let Ok(files) = load::discover(&[folder.to_path_buf()]) else {
        return BTreeMap::new();
    };
    files
        .into_iter()
        .filter_map(|path| {
            let modified = path.metadata().and_then(|m| m.modified()).ok()?;
            let name = path.file_name()?.to_str()?.to_string();
            Some((name, modified))
        })
        .collect()
}

fn start_watcher(
    mut commands: Commands,
    folder: Res<ScenarioFolder>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
) {
    let (sender, receiver) = mpsc::channel();
    let wake = proxy.map(|p| (**p).clone());
    let report = move |change: Change| {
        let sent = sender.send(change).is_ok();
        if let Some(proxy) = &wake {
            let _ = proxy.send_event(WinitUserEvent::WakeUp);
        }
        sent
    };
    let watcher = watch_events(&folder.0, report.clone())
        .inspect_err(|e| {
            warn!(
                "no file events for {} ({e}); checking it every {} ms instead",
                folder.0.display(),
                POLL.as_millis()
            );
            poll(folder.0.clone(), report);
        })
        .ok();
    commands.insert_resource(FolderChanges {
        receiver: Mutex::new(receiver),
        _watcher: Mutex::new(watcher),
    });
}

/// Reports the scenario files the operating system says were written (on
/// close, so a half-written file is not read), renamed, added or removed.
fn watch_events(
    folder: &Path,
    report: impl Fn(Change) -> bool + Send + 'static,
) -> notify::Result<RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if event.need_rescan() {
            report(Change::All);
            return;
        }
        let relevant = matches!(
            event.kind,
            EventKind::Access(AccessKind::Close(AccessMode::Write))
                | EventKind::Modify(ModifyKind::Name(_) | ModifyKind::Any)
                | EventKind::Remove(_)
        );
        let files: Vec<String> = event
            .paths
            .iter()
            .filter_map(|p| p.file_name()?.to_str())
            .filter(|name| name.ends_with(&format!(".{EXTENSION}")))
            .map(str::to_string)
            .collect();
        if relevant && !files.is_empty() {
            report(Change::Files(files));
        }
    })?;
    watcher.watch(folder, RecursiveMode::NonRecursive)?;
    Ok(watcher)
}

/// The fallback: compares modification times every [`POLL`].
fn poll(folder: PathBuf, report: impl Fn(Change) -> bool + Send + 'static) {
    std::thread::spawn(move || {
        let mut known = mtimes(&folder);
        loop {
            std::thread::sleep(POLL);
            let now = mtimes(&folder);
            let changed: Vec<String> = known
                .keys()
                .chain(now.keys())
                .filter(|f| known.get(*f) != now.get(*f))
                .cloned()
                .collect();
            known = now;
            if !changed.is_empty() && !report(Change::Files(changed)) {
                return;
            }
        }
    });
}

fn apply_folder_changes(
    changes: Option<Res<FolderChanges>>,
    folder: Res<ScenarioFolder>,
    assets: Res<AssetServer>,
    mut library: ResMut<Library>,
) {
    let Some(changes) = changes else { return };
    let mut files = BTreeSet::new();
    for change in changes.receiver.lock().expect("watcher lock").try_iter() {
        match change {
            Change::Files(names) => files.extend(names),
            Change::All => {
                files.extend(library.entries.iter().map(|e| e.file.clone()));
                files.extend(mtimes(&folder.0).into_keys());
            }
        }
    }
    if !files.is_empty() {
        library.warnings = folder_warnings(&folder.0);
    }
    for file in files {
        if !folder.0.join(&file).is_file() {
            library.entries.retain(|e| e.file != file);
        } else if let Some(entry) = library.entries.iter_mut().find(|e| e.file == file) {
            entry.reading = true;
            assets.reload(format!("{SOURCE}://{file}"));
        } else {
            add_entry(&mut library, &assets, file);
        }
    }
}

fn update_entries(
    mut events: MessageReader<AssetEvent<ScenarioAsset>>,
    mut failures: MessageReader<AssetLoadFailedEvent<ScenarioAsset>>,
    assets: Res<Assets<ScenarioAsset>>,
    folder: Res<ScenarioFolder>,
    mut library: ResMut<Library>,
) {
    for failure in failures.read() {
        if let Some(entry) = library
            .entries
            .iter_mut()
            .find(|e| e.handle.id() == failure.id)
        {
            let path = folder.0.join(&entry.file);
            entry.errors = vec![Diagnostic::whole_file(
                &path,
                format!("cannot read: {}", failure.error),
            )];
            entry.reading = false;
        }
    }
    for event in events.read() {
        let (AssetEvent::Added { id } | AssetEvent::Modified { id }) = event else {
            continue;
        };
        let Some(ScenarioAsset { parsed }) = assets.get(*id) else {
            continue;
        };
        let Some(entry) = library.entries.iter_mut().find(|e| e.handle.id() == *id) else {
            continue;
        };
        if matches!(event, AssetEvent::Modified { .. }) {
            // A trail for trainers and for timing hot reload.
            info!("reloaded {}", entry.file);
        }
        entry.reading = false;
        match parsed {
            Ok(prepared) => {
                entry.scenario = Some(Arc::clone(&prepared.scenario));
                entry.prepared = Some(prepared.clone());
                entry.errors.clear();
                entry.version += 1;
            }
            Err(errors) => entry.errors = errors.clone(),
        }
    }
}

/// Marks each file whose scenario id an earlier file has, as `validate` does.
fn find_duplicates(folder: Res<ScenarioFolder>, mut library: ResMut<Library>) {
    if !library.is_changed() {
        return;
    }
    let paths: Vec<PathBuf> = library
        .entries
        .iter()
        .map(|e| folder.0.join(&e.file))
        .collect();
    let folder_order = library.entries.iter().zip(&paths).map(|(e, path)| {
        let prepared = e.prepared.as_ref()?;
        Some((
            path.as_path(),
            &*prepared.source,
            prepared.scenario.id.as_str(),
        ))
    });
    let duplicates = load::duplicate_ids(folder_order.collect::<Vec<_>>());
    for (index, duplicate) in duplicates.into_iter().enumerate() {
        // Written only when it changes, so the screens redraw only then.
        if library.entries[index].duplicate != duplicate {
            library.entries[index].duplicate = duplicate;
        }
    }
}
