//! Benchmarks on generated scenarios of 100, 1,000 and 10,000 nodes: loading
//! and validating against the bare `ron` parse of the same text, `check` with
//! its exact bounds, the yardstick a scenario is prepared with (also for the
//! largest bundled scenario), and simulated trainees in choices per second on
//! one core.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use frontline_core::analysis::check::check;
use frontline_core::analysis::generate::scenario_text;
use frontline_core::analysis::simulate::{Options, Policy, simulate};
use frontline_core::format::ScenarioFile;
use frontline_core::load::{load_file, parse, ron_options};
use frontline_core::{Loaded, Yardstick};

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn loaded(nodes: usize) -> Loaded {
    let source = scenario_text(nodes, 1);
    let path = PathBuf::from("generated.scenario.ron");
    let scenario = parse(&path, &source).expect("generated scenarios are valid");
    Loaded {
        path,
        source,
        scenario,
    }
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    for nodes in SIZES {
        let source = scenario_text(nodes, 1);
        group.throughput(Throughput::Bytes(source.len() as u64));
        group.bench_with_input(BenchmarkId::new("raw_ron", nodes), &source, |b, s| {
            b.iter(|| black_box(ron_options().from_str::<ScenarioFile>(s).unwrap()))
        });
        group.bench_with_input(BenchmarkId::new("load_validate", nodes), &source, |b, s| {
            b.iter(|| black_box(parse(Path::new("generated.scenario.ron"), s).unwrap()))
        });
    }
    group.finish();
}

fn check_exact(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    for nodes in SIZES {
        let loaded = loaded(nodes);
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &loaded, |b, l| {
            b.iter(|| black_box(check(l)))
        });
    }
    group.finish();
}

fn yardstick(c: &mut Criterion) {
    let mut group = c.benchmark_group("yardstick");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    for nodes in SIZES {
        let scenario = loaded(nodes).scenario;
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &scenario, |b, s| {
            b.iter(|| black_box(Yardstick::of(s)))
        });
    }
    let hype = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/hype.scenario.ron");
    let hype = load_file(&hype)
        .expect("the bundled scenario loads")
        .scenario;
    group.bench_function("hype", |b| b.iter(|| black_box(Yardstick::of(&hype))));
    group.finish();
}

fn simulate_one_core(c: &mut Criterion) {
    let mut group = c.benchmark_group("simulate");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    for nodes in SIZES {
        let scenario = Arc::new(loaded(nodes).scenario);
        let options = Options {
            runs: 20_000,
            seed: 1,
            policy: Policy::Random,
            threads: 1,
        };
        // The same seed plays the same choices, so this count holds for every iteration.
        let choices = simulate(&scenario, &options, &|_| {}).choices_made;
        group.throughput(Throughput::Elements(choices));
        group.bench_with_input(BenchmarkId::new("random", nodes), &scenario, |b, s| {
            b.iter(|| black_box(simulate(s, &options, &|_| {})))
        });
    }
    group.finish();
}

criterion_group!(benches, load, check_exact, yardstick, simulate_one_core);
criterion_main!(benches);
