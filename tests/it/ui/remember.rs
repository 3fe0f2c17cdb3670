//! Issue 13, point 7: what the window remembers between runs (theme and
//! zoom, in eframe's storage, not in the workbook) and the keys that move
//! through a long list a page at a time.

use egui::Key;
use shipshape::model::{Category, Item};
use shipshape::storage;
use shipshape::ui::{AppConfig, Command, Settings, ShipshapeApp, Theme};

use super::{ctrl, fixture, harness, today};

/// Theme and zoom reset at every start.
#[test]
fn theme_and_zoom_come_back_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    h.key_press_modifiers(ctrl(), Key::Plus);
    h.run();
    let zoom = h.ctx.zoom_factor();
    assert!(zoom > 1.0);
    h.state_mut().run_command(Command::ToggleTheme);
    h.run();
    let theme = h.ctx.theme();
    let mut storage = super::MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);

    // The next start, as eframe makes it: the stored settings go in with
    // the config. (A bare context: the test harness sets its own theme
    // after the app is made.)
    let config = AppConfig {
        settings: Settings::load(Some(&storage)),
        ..AppConfig::in_dir(dir.path(), today())
    };
    let ctx = egui::Context::default();
    let _app = ShipshapeApp::new(&ctx, config, Some(path));
    ctx.run_ui(egui::RawInput::default(), |_| {})
        .textures_delta
        .clear();
    assert_eq!(ctx.zoom_factor(), zoom);
    assert_eq!(ctx.theme(), theme);
    assert_ne!(
        Settings::of(&ctx).theme,
        Theme::System,
        "the toggle's choice is kept"
    );
}

/// A workbook of 60 items in one category.
fn long_workbook(dir: &std::path::Path) -> std::path::PathBuf {
    let path = fixture(dir);
    let mut wb = storage::load(&path).unwrap().workbook;
    wb.categories = vec![Category {
        id: "long".into(),
        name: "Long".into(),
        items: (0..60)
            .map(|i| Item {
                id: format!("long.i{i:02}"),
                title: format!("Item {i:02}"),
                ..Item::default()
            })
            .collect(),
    }];
    storage::save(&path, &wb).unwrap();
    path
}

#[test]
fn page_down_page_up_home_and_end_move_through_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(long_workbook(dir.path())));
    let selected = |h: &egui_kittest::Harness<'static, shipshape::ui::ShipshapeApp>| {
        h.state().selected().map(str::to_owned)
    };
    assert_eq!(selected(&h).as_deref(), Some("long.i00"));
    h.key_press(Key::PageDown);
    h.run();
    let page = selected(&h).unwrap();
    let n: usize = page["long.i".len()..].parse().unwrap();
    // 800 points tall: more than a few rows, fewer than all 60.
    assert!((5..40).contains(&n), "PageDown moved to {page}");
    h.key_press(Key::PageDown);
    h.run();
    assert_eq!(selected(&h), Some(format!("long.i{:02}", 2 * n)));
    h.key_press(Key::PageUp);
    h.run();
    assert_eq!(selected(&h), Some(page.clone()));
    h.key_press(Key::End);
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("long.i59"));
    h.key_press(Key::PageDown);
    h.run();
    assert_eq!(
        selected(&h).as_deref(),
        Some("long.i59"),
        "stays at the end"
    );
    h.key_press(Key::Home);
    h.run();
    assert_eq!(selected(&h).as_deref(), Some("long.i00"));
}
