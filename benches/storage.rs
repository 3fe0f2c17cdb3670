//! Load and save of a 10,000-item workbook (target: < 100 ms each), and
//! what never-lose-an-edit adds to every CLI write: the workbook's lock
//! (target: < 2 ms) and keeping the replaced version in the local history.
#![expect(
    clippy::expect_used,
    reason = "a benchmark that cannot set up should stop loudly"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use shipshape::{model::sample::synthetic, storage};

fn bench(c: &mut Criterion) {
    let wb = synthetic(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.shipshape.ron");
    storage::save(&path, &wb).expect("save");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!("10,000-item workbook: {} KiB", size / 1024);

    let mut g = c.benchmark_group("10k_items");
    g.sample_size(20);
    g.bench_function("load (read + parse + validate)", |b| {
        b.iter(|| storage::load(&path).expect("load"))
    });
    g.bench_function("save (encode + atomic write + fsync)", |b| {
        b.iter(|| storage::save(&path, &wb).expect("save"))
    });
    g.bench_function("encode only", |b| {
        b.iter(|| storage::to_string(&wb).expect("encode"))
    });
    g.finish();

    let small = dir.path().join("small.shipshape.ron");
    storage::save(&small, &storage::builtin_template()).expect("save");
    let state = storage::StateDir::at(dir.path().join("state"));
    let mut g = c.benchmark_group("25_items");
    g.bench_function("lock + unlock (what `set` adds)", |b| {
        b.iter(|| storage::lock(&small, storage::DEFAULT_LOCK_TIMEOUT).expect("lock"))
    });
    g.bench_function("save", |b| {
        b.iter(|| storage::save(&small, &storage::builtin_template()).expect("save"))
    });
    g.bench_function("save keeping history", |b| {
        b.iter(|| {
            storage::save_keeping(&small, &storage::builtin_template(), Some(&state)).expect("save")
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
