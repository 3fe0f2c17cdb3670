//! How soon the window shows a change made to its file by another program
//! (a `git pull`, a CLI `set`): the file watcher's event, the debounce,
//! the read and the reload, through the real app (goal: < 1 s).
#![expect(
    clippy::expect_used,
    reason = "a benchmark that cannot set up should stop loudly"
)]

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use shipshape::storage;
use shipshape::ui::{AppConfig, ShipshapeApp};

const ITEM: &str = "reliability.slos";

fn frame(ctx: &egui::Context, app: &mut ShipshapeApp) {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
        ..RawInput::default()
    };
    let _output = ctx.run_ui(input, |ui| app.frame(ui));
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("w.shipshape.ron");
    let mut wb = storage::builtin_template();
    storage::save(&path, &wb).expect("save");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let config = AppConfig {
        live: true,
        ..AppConfig::in_dir(dir.path(), today)
    };
    let ctx = egui::Context::default();
    let mut app = ShipshapeApp::new(&ctx, config, Some(path.clone()));
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    let mut g = c.benchmark_group("disk");
    g.sample_size(10);
    let mut n = 0;
    g.bench_function("external change shown in the window", |b| {
        b.iter(|| {
            n += 1;
            let owner = format!("Owner {n}");
            wb.item_mut(ITEM).expect("item").owner.clone_from(&owner);
            storage::save(&path, &wb).expect("save");
            let started = Instant::now();
            while app.workbook().and_then(|w| w.item(ITEM)).map(|i| &i.owner) != Some(&owner) {
                assert!(started.elapsed() < Duration::from_secs(10), "never shown");
                frame(&ctx, &mut app);
                std::thread::sleep(Duration::from_millis(2));
            }
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
