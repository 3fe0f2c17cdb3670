//! Frame time of the real app, without a GPU: one egui pass (input, layout,
//! the app's drawing and queued actions) plus tessellation, at 1280×800
//! with an item selected and the pointer over the table.
//!
//! Targets (release, this machine): < 2 ms with 25 items, < 8 ms with
//! 10,000. The "status change" case edits the workbook every frame, which
//! re-derives the verdict and filters and records an undo step. The
//! "autosave" case does the same at 1,000 items with the recovery copy
//! sent to its writer thread every frame (goal: no frame over 16 ms).
//! "first frame" starts the app from nothing each time (goal < 300 ms).
//! The "present" cases draw the presenter view (F5) at 1920×1080 with 25
//! and 2,000 items (goal: < 4 ms); `cargo bench --bench frame -- present`
//! runs only them.

#![expect(
    clippy::expect_used,
    reason = "a bench with a broken setup should stop"
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Pos2, RawInput, Rect, vec2};
use shipshape::model::{Status, TemplateOptions, Workbook};
use shipshape::storage;
use shipshape::ui::{AppConfig, Command, ShipshapeApp};

/// 25 items: the built-in checklist mid-review. More: the shared synthetic
/// generator (categories of 25, CJK and accented owner names).
fn workbook(items: usize) -> Workbook {
    if items != 25 {
        return shipshape::model::sample::synthetic(items);
    }
    let mut wb = Workbook::from_template(
        &storage::builtin_template(),
        TemplateOptions {
            project: "Bench".into(),
            launch: chrono::NaiveDate::from_ymd_opt(2026, 6, 1),
        },
    );
    for (n, item) in wb
        .categories
        .iter_mut()
        .flat_map(|c| c.items.iter_mut())
        .enumerate()
    {
        item.status = Status::ALL[n % 5];
        item.owner = ["Alice", "Bob", "Chen", ""][n % 4].to_owned();
        item.due = chrono::NaiveDate::from_ymd_opt(2026, 1 + (n % 12) as u32, 1 + (n % 28) as u32)
            .map(shipshape::model::Due::On);
    }
    wb
}

struct Bench {
    ctx: egui::Context,
    app: ShipshapeApp,
    /// Which status the next status-change frame sets.
    flip: bool,
    /// The window's size in points.
    size: egui::Vec2,
    _dir: tempfile::TempDir,
}

impl Bench {
    fn new(items: usize) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bench.shipshape.ron");
        storage::save(&path, &workbook(items)).expect("save bench workbook");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        // Recovery copies are written as soon as there are unsaved edits.
        let config = AppConfig::in_dir(dir.path(), today);
        let ctx = egui::Context::default();
        let app = ShipshapeApp::new(&ctx, config, Some(path.clone()));
        let mut bench = Self {
            ctx,
            app,
            flip: false,
            size: vec2(1280.0, 800.0),
            _dir: dir,
        };
        for _ in 0..3 {
            bench.frame();
        }
        // Select an item halfway down the list so the editor is full.
        for _ in 0..8 {
            bench.app.run_command(Command::SelectNext);
        }
        for _ in 0..3 {
            bench.frame();
        }
        bench
    }

    /// The presenter view at 1080p, on the item halfway down.
    fn presenting(items: usize) -> Self {
        let mut bench = Self::new(items);
        bench.size = vec2(1920.0, 1080.0);
        bench.app.run_command(Command::Present);
        for _ in 0..3 {
            bench.frame();
        }
        assert!(bench.app.is_presenting());
        bench
    }

    /// A frame that flips the selected item's status first.
    fn status_change_frame(&mut self) {
        self.flip = !self.flip;
        let status = if self.flip {
            Status::Done
        } else {
            Status::InProgress
        };
        self.app.run_command(Command::SetStatus(status));
        self.frame();
    }

    fn frame(&mut self) {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, self.size)),
            events: vec![Event::PointerMoved(Pos2::new(600.0, 400.0))],
            ..RawInput::default()
        };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.frame(ui));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        black_box(primitives);
    }
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for (name, items) in [("25 items", 25), ("10000 items", 10_000)] {
        let mut bench = Bench::new(items);
        assert_eq!(bench.app.workbook().map(Workbook::item_count), Some(items));
        group.bench_function(name, |b| b.iter(|| bench.frame()));
    }
    let mut bench = Bench::new(1_000);
    group.bench_function("1000 items, status change and autosave every frame", |b| {
        b.iter(|| bench.status_change_frame());
    });
    let mut bench = Bench::new(10_000);
    group.bench_function("10000 items, status change every frame", |b| {
        b.iter(|| bench.status_change_frame());
    });
    for (name, items) in [("present 25 items", 25), ("present 2000 items", 2_000)] {
        let mut bench = Bench::presenting(items);
        group.bench_function(name, |b| b.iter(|| bench.frame()));
    }
    let mut bench = Bench::presenting(2_000);
    group.bench_function("present 2000 items, status change every frame", |b| {
        b.iter(|| bench.status_change_frame());
    });
    group.finish();
}

/// The app's part of the first frame after start, 25 items: a new egui
/// context (the fonts), loading the file, deriving the verdict, laying
/// out and tessellating the window (goal, with the GPU's part: < 300 ms).
/// Not measured here: creating the window and the GL context.
fn first_frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.shipshape.ron");
    storage::save(&path, &workbook(25)).expect("save bench workbook");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    c.bench_function("first frame, 25 items", |b| {
        b.iter(|| {
            let ctx = egui::Context::default();
            let config = AppConfig::in_dir(dir.path(), today);
            let mut app = ShipshapeApp::new(&ctx, config, Some(path.clone()));
            let input = RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
                ..RawInput::default()
            };
            let output = ctx.run_ui(input, |ui| app.frame(ui));
            black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        });
    });
}

criterion_group!(benches, frames, first_frame);
criterion_main!(benches);
