//! `shipshape status` over 1,000 workbooks of 25 items in 100 folders
//! (target: < 1 s on a 2-core machine): the whole scan — walk, parallel
//! read and parse, judge, sort — and its parts, so that a slowdown shows
//! where it is; and the whole process, as a user runs it.
#![expect(
    clippy::expect_used,
    reason = "a benchmark that cannot set up should stop loudly"
)]

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use shipshape::{model::sample::synthetic, storage};

const WORKBOOKS: usize = 1_000;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut wb = synthetic(25);
    let mut paths = Vec::new();
    for i in 0..WORKBOOKS {
        let folder = dir
            .path()
            .join(format!("team-{:02}/service-{i:04}", i % 100));
        std::fs::create_dir_all(&folder).expect("folder");
        wb.project = format!("Service {i}");
        let path = folder.join("readiness.shipshape.ron");
        storage::save(&path, &wb).expect("save");
        paths.push(path);
    }
    let roots = [dir.path().to_owned()];
    let as_of = "2026-12-01".parse().expect("date");

    let mut g = c.benchmark_group("status_1000_workbooks");
    g.sample_size(10);
    g.bench_function("scan + judge + sort (status)", |b| {
        b.iter(|| {
            let rows = storage::scan(&roots).rows(as_of);
            assert_eq!(rows.len(), WORKBOOKS);
            rows
        })
    });
    g.bench_function("walk only", |b| {
        b.iter(|| storage::walk_folder(dir.path()).files.len())
    });
    g.bench_function("read + parse, parallel", |b| {
        b.iter(|| storage::read_workbooks(&paths).len())
    });
    g.bench_function("read + parse, one thread", |b| {
        b.iter(|| {
            paths
                .iter()
                .map(|p| storage::load(p).expect("load"))
                .collect::<Vec<_>>()
        })
    });
    let scan = storage::scan(&roots);
    g.bench_function("judge + sort only", |b| b.iter(|| scan.rows(as_of).len()));
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_shipshape"));
    g.bench_function("whole process: shipshape status DIR", |b| {
        b.iter(|| {
            let out = std::process::Command::new(&bin)
                .args(["status", "--as-of", "2026-12-01"])
                .arg(dir.path())
                .output()
                .expect("run");
            assert_eq!(out.status.code(), Some(1));
            out.stdout.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
