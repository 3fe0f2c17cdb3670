//! Sharing a 10,000-item workbook: the three-way merge (and the whole merge
//! driver: three loads, the merge, an atomic save), the semantic diff, the
//! textconv rendering `git diff` runs twice per file, and the Markdown and
//! CSV exports. Git runs the driver and the textconv inside `git merge` and
//! `git diff`, so they must feel instant on a 2-core laptop.
#![expect(
    clippy::expect_used,
    reason = "a benchmark that cannot set up should stop loudly"
)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use shipshape::export::{csv::to_csv, markdown::to_markdown, text};
use shipshape::model::{self, Status, Workbook, diff, sample::synthetic};
use shipshape::storage;

const ITEMS: usize = 10_000;

/// Two branches of a team's week: each edits 200 items in different fields
/// spread over the file, adds 20 and removes 20, and both changed the same
/// 10 owners (conflicts) and the launch date (a workbook-level conflict).
fn branches() -> (Workbook, Workbook, Workbook) {
    let base = synthetic(ITEMS);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let ids: Vec<String> = base.items().map(|(_, i)| i.id.clone()).collect();
    for (n, id) in ids.iter().enumerate().step_by(ITEMS / 200) {
        if let Some(i) = ours.item_mut(id) {
            i.owner = format!("Ours {n}");
        }
        if let Some(i) = theirs.item_mut(&ids[(n + 7) % ids.len()]) {
            i.status = Status::Done;
        }
    }
    for id in ids.iter().step_by(ITEMS / 10) {
        if let Some(i) = theirs.item_mut(id) {
            i.owner = "Theirs".into();
        }
    }
    for (side, name) in [(&mut ours, "ours"), (&mut theirs, "theirs")] {
        for k in 0..20 {
            let c = (k * 17) % side.categories.len();
            side.add_item(c, &format!("New check {k} from {name}"));
        }
    }
    for k in 0..20 {
        let at = |wb: &Workbook, id: &str| wb.locate(id).expect("item");
        let loc = at(&ours, &ids[k * 211 + 3]);
        ours.remove_item(loc);
        let loc = at(&theirs, &ids[k * 307 + 5]);
        theirs.remove_item(loc);
    }
    ours.launch = NaiveDate::from_ymd_opt(2027, 2, 1);
    theirs.launch = NaiveDate::from_ymd_opt(2027, 3, 1);
    (base, ours, theirs)
}

fn bench(c: &mut Criterion) {
    let (base, ours, theirs) = branches();
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    let merged = model::merge(&base, &ours, &theirs);
    eprintln!(
        "merge of 10,000-item branches: {} conflicts, {} items",
        merged.conflicts.len(),
        merged.workbook.item_count()
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let path = |name: &str| dir.path().join(name);
    storage::save(&path("base.ron"), &base).expect("save base");
    storage::save(&path("theirs.ron"), &theirs).expect("save theirs");

    let mut g = c.benchmark_group("share_10k_items");
    g.sample_size(20);
    g.bench_function("merge (model only)", |b| {
        b.iter(|| model::merge(black_box(&base), black_box(&ours), black_box(&theirs)))
    });
    g.bench_function("merge driver (load 3 + merge + atomic save)", |b| {
        // Resetting OURS is setup, not measured.
        b.iter_batched(
            || {
                storage::save(&path("ours.ron"), &ours).expect("reset ours");
            },
            |()| {
                let load = |n: &str| storage::load(&path(n)).expect("load").workbook;
                let m = model::merge(&load("base.ron"), &load("ours.ron"), &load("theirs.ron"));
                storage::save(&path("ours.ron"), &m.workbook).expect("save merged");
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("diff (model)", |b| {
        b.iter(|| diff::diff(black_box(&base), black_box(&merged.workbook), as_of))
    });
    g.bench_function("diff (model + text render)", |b| {
        b.iter(|| diff::render(&diff::diff(&base, &merged.workbook, as_of)))
    });
    g.bench_function("show --textconv render", |b| {
        b.iter(|| text::render(black_box(&merged.workbook)))
    });
    g.bench_function("export md", |b| {
        b.iter(|| to_markdown(black_box(&merged.workbook), as_of))
    });
    g.bench_function("export csv", |b| {
        b.iter(|| to_csv(black_box(&merged.workbook), as_of).expect("csv"))
    });
    g.finish();

    // A hostile import: 40,000 items with one title under one heading. Item
    // IDs were once found by scanning the workbook per candidate suffix,
    // which took minutes here; it must stay linear.
    let same_title: String = std::iter::once("# Checks\n".to_owned())
        .chain((0..40_000).map(|_| "- [ ] item\n".to_owned()))
        .collect();
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("md, 40,000 items with one title", |b| {
        b.iter(|| {
            shipshape::import::markdown::import(black_box(same_title.as_bytes()), None)
                .expect("import")
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
