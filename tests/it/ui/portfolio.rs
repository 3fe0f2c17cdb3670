//! The portfolio view: File → Open folder… (Ctrl+Shift+O) lists every
//! workbook under the folder, most urgent first; a heading click sorts, a
//! row click opens the workbook (asking about unsaved changes first),
//! "◀ Portfolio" comes back, and a change on disk shows after the rescan
//! the watcher would trigger (triggered here by hand, then waited for).

use std::path::Path;

use chrono::NaiveDate;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shipshape::storage;
use shipshape::ui::ShipshapeApp;

use super::{ctrl, harness, type_into, workbook_file};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Runs frames until the background scan is back (or fails the test).
fn wait_for_scan(h: &mut Harness<'static, ShipshapeApp>) {
    let start = std::time::Instant::now();
    h.step();
    while h.state().portfolio_scanning() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "the scan never came back"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
}

/// A folder with Alpha (ready), Beta (not ready, launching soon), Gamma
/// (not ready, later) in subfolders, and a file that does not read.
fn folder(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("services");
    for sub in ["a", "b", "c"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
    }
    workbook_file(
        &root,
        "a/alpha.shipshape.ron",
        "Alpha",
        date("2026-04-01"),
        true,
    );
    workbook_file(
        &root,
        "b/beta.shipshape.ron",
        "Beta",
        date("2026-03-20"),
        false,
    );
    workbook_file(
        &root,
        "c/gamma.shipshape.ron",
        "Gamma",
        date("2026-06-01"),
        false,
    );
    std::fs::write(root.join("broken.shipshape.ron"), "(\n  format: nonsense").unwrap();
    root
}

/// Opens `folder` as a portfolio with Ctrl+Shift+O and its path field.
fn open_folder(h: &mut Harness<'static, ShipshapeApp>, folder: &Path) {
    h.key_press_modifiers(ctrl().plus(egui::Modifiers::SHIFT), Key::O);
    h.run();
    type_into(h, Role::TextInput, "Folder", &folder.display().to_string());
    h.key_press(Key::Enter);
    wait_for_scan(h);
}

/// The labels, top to bottom.
fn order(h: &Harness<'static, ShipshapeApp>, labels: &[&str]) -> Vec<String> {
    let mut at: Vec<(f32, String)> = labels
        .iter()
        .map(|l| (h.get_by_label(l).rect().top(), (*l).to_owned()))
        .collect();
    at.sort_by(|a, b| a.0.total_cmp(&b.0));
    at.into_iter().map(|(_, l)| l).collect()
}

#[test]
fn open_folder_lists_every_workbook_most_urgent_first_and_the_unreadable_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = folder(dir.path());
    let mut h = harness(dir.path(), None);
    open_folder(&mut h, &root);
    assert!(h.state().showing_portfolio());
    assert_eq!(
        order(&h, &["Alpha", "Beta", "Gamma", "unreadable"]),
        ["unreadable", "Beta", "Gamma", "Alpha"]
    );
    assert!(h.query_by_label("production-ready").is_some());
    assert_eq!(h.get_all_by_label("demo-ready").count(), 2);
    h.get_by_label_contains("broken.shipshape.ron:2:");
    h.get_by_label("Expected string");
    h.get_by_label_contains("4 workbooks as of 2026-03-01: 1 production-ready, 2 demo-ready");
    // Paths shown relative to the folder.
    h.get_by_label("b/beta.shipshape.ron");
}

#[test]
fn clicking_a_heading_sorts_by_it_then_reverses() {
    let dir = tempfile::tempdir().unwrap();
    let root = folder(dir.path());
    let mut h = harness(dir.path(), None);
    open_folder(&mut h, &root);
    h.get_by_label("Project").click();
    h.run();
    assert_eq!(
        order(&h, &["Gamma", "Alpha", "Beta"]),
        ["Alpha", "Beta", "Gamma"]
    );
    h.get_by_label("Project ▲").click();
    h.run();
    assert_eq!(
        order(&h, &["Gamma", "Alpha", "Beta"]),
        ["Gamma", "Beta", "Alpha"]
    );
    h.get_by_label("Launch").click();
    h.run();
    assert_eq!(
        order(&h, &["Gamma", "Alpha", "Beta"]),
        ["Beta", "Alpha", "Gamma"]
    );
    // Unreadable stays on top whatever the order.
    assert!(h.get_by_label("unreadable").rect().top() < h.get_by_label("Beta").rect().top());
}

#[test]
fn the_filters_narrow_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let root = folder(dir.path());
    let mut h = harness(dir.path(), None);
    open_folder(&mut h, &root);
    h.get_by_label("Not ready only").click();
    h.run();
    assert!(h.query_by_label("Alpha").is_none());
    assert!(h.query_by_label("Beta").is_some());
    type_into(&mut h, Role::TextInput, "Filter", "gam");
    assert!(h.query_by_label("Beta").is_none());
    assert!(h.query_by_label("Gamma").is_some());
    h.get_by_label("1 of 4 workbooks");
    h.get_by_label("Clear filters").click();
    h.run();
    assert!(h.query_by_label("Alpha").is_some());
}

#[test]
fn clicking_a_row_opens_the_workbook_and_the_portfolio_button_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let root = folder(dir.path());
    let mut h = harness(dir.path(), None);
    open_folder(&mut h, &root);
    h.get_by_label("Beta").click();
    h.run();
    assert!(!h.state().showing_portfolio());
    assert_eq!(h.state().workbook().unwrap().project, "Beta");
    assert_eq!(
        h.state().path(),
        Some(root.join("b/beta.shipshape.ron").as_path())
    );

    // An unsaved edit, then another workbook from the portfolio: asked first.
    h.key_press(Key::Num3);
    h.run();
    assert!(h.state_mut().is_dirty());
    h.get_by_label("◀ Portfolio").click();
    wait_for_scan(&mut h);
    assert!(h.state().showing_portfolio());
    h.get_by_label("Gamma").click();
    h.run();
    h.get_by_role_and_label(Role::Dialog, "Save changes to “Beta”?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().workbook().unwrap().project, "Beta");
}

#[test]
fn a_workbook_changed_on_disk_shows_after_the_rescan() {
    let dir = tempfile::tempdir().unwrap();
    let root = folder(dir.path());
    let mut h = harness(dir.path(), None);
    open_folder(&mut h, &root);
    let path = root.join("c/gamma.shipshape.ron");
    let mut wb = storage::load(&path).unwrap().workbook;
    wb.project = "Gamma Two".into();
    storage::save(&path, &wb).unwrap();
    std::fs::remove_file(root.join("broken.shipshape.ron")).unwrap();
    // What the folder watcher reports on the desktop.
    h.state_mut().rescan_portfolio_now();
    wait_for_scan(&mut h);
    assert!(h.query_by_label("Gamma").is_none());
    h.get_by_label("Gamma Two");
    assert!(h.query_by_label("unreadable").is_none());
    assert_eq!(h.state().portfolio_listed().len(), 3);
}

#[test]
fn an_empty_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let mut h = harness(dir.path(), None);
    open_folder(&mut h, &empty);
    h.get_by_label(&format!("No *.shipshape.ron under {}", empty.display()));
}
