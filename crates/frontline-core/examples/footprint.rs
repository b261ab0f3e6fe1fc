//! The heap a loaded scenario keeps and the time its yardstick takes:
//! `cargo run --release -p frontline-core --example footprint [FILES…]`
//! (the bundled `scenarios/*.scenario.ron` by default). A counting allocator
//! measures the bytes still held after each step; the searches the yardstick
//! is built from are measured on their own too.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use frontline_core::bounds::Scores;
use frontline_core::load::load_file;
use frontline_core::reach::Reach;
use frontline_core::{Prepared, Yardstick};

/// The system allocator, counting the bytes currently allocated.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        HELD.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        HELD.fetch_add(new_size, Ordering::Relaxed);
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// `make()`'s value with the heap bytes it still holds and the time it took.
fn held<T>(make: impl FnOnce() -> T) -> (T, usize, Duration) {
    let before = HELD.load(Ordering::Relaxed);
    let started = Instant::now();
    let value = make();
    let took = started.elapsed();
    (value, HELD.load(Ordering::Relaxed) - before, took)
}

fn mb(bytes: usize) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut files: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if files.is_empty() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios");
        for entry in std::fs::read_dir(folder)? {
            let path = entry?.path();
            if path.to_string_lossy().ends_with(".scenario.ron") {
                files.push(path);
            }
        }
        files.sort();
    }
    let mut total = 0;
    for file in &files {
        let loaded = load_file(file).map_err(|_| format!("{} does not load", file.display()))?;
        let (reach, reach_bytes, _) = held(|| Reach::of(&loaded.scenario));
        let (scores, scores_bytes, _) = held(|| Scores::of(&loaded.scenario, &reach));
        println!(
            "{}: {} situations, {} moves, {} branches; {} states, {} edges",
            file.file_name().unwrap_or_default().to_string_lossy(),
            reach.situation_count(),
            reach.moves.len(),
            reach.branches.len(),
            scores.states.len(),
            scores.edges.len(),
        );
        // The guarantee table: one `Option<u8>` a state.
        let table = scores.states.len() * size_of::<Option<u8>>();
        println!(
            "  search: reach {}, scores {}, guarantees {}",
            mb(reach_bytes),
            mb(scores_bytes),
            mb(table)
        );
        drop((reach, scores));
        let (yardstick, yardstick_bytes, _) = held(|| Yardstick::of(&loaded.scenario));
        drop(yardstick);
        // The fastest of a few builds: the machine may be busy with others.
        let took = (0..5).map(|_| held(|| Yardstick::of(&loaded.scenario)).2);
        let took = took.min().unwrap_or_default();
        println!(
            "  yardstick: {} held, built in {took:.1?}",
            mb(yardstick_bytes)
        );
        let (scenario, source) = (loaded.scenario.clone(), loaded.source.clone());
        let (prepared, prepared_bytes, _) = held(|| Prepared::new(scenario, source));
        println!(
            "  prepared: {} held (the scenario and text not counted)",
            mb(prepared_bytes)
        );
        total += prepared_bytes;
        drop(prepared);
    }
    println!("all {} prepared: {}", files.len(), mb(total));
    Ok(())
}
