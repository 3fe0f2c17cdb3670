//! Load and save of a 10,000-item workbook (target: < 100 ms each).
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
