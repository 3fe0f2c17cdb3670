//! Files from the window: open (also by dropping), save, save as, close
//! with unsaved changes, and the errors each can meet, shown in the window
//! without losing the edits.

use std::path::{Path, PathBuf};

use egui::Key;
use egui::Modifiers;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use shipshape::model::{Status, Workbook};
use shipshape::storage;
use shipshape::ui::Command;

use super::{
    AUTOSCALING, AUTOSCALING_TITLE, ctrl, fixture, harness, item, open_by_path, request_close,
    select_row, type_into,
};

#[test]
fn closing_with_unsaved_changes_asks_and_cancel_keeps_the_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.get_by_label("3 Done").click();
    h.run();

    request_close(&mut h);
    assert!(super::dialog_open(&h, "Save changes to"));
    assert!(!h.state().close_allowed());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!super::dialog_open(&h, "Save changes to"));
    assert!(h.state_mut().is_dirty());
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::Done);

    request_close(&mut h);
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().close_allowed());
    assert_eq!(
        storage::load(&path)
            .unwrap()
            .workbook
            .item(AUTOSCALING)
            .unwrap()
            .status,
        Status::NotStarted,
        "Discard must not write the file"
    );
}

#[test]
fn closing_the_workbook_can_save_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.key_press(Key::Num5);
    h.run();
    h.key_press_modifiers(ctrl(), Key::W);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(
        h.state().workbook().is_none(),
        "the start view shows after closing"
    );
    assert!(h.query_by_label("Recent workbooks").is_some());
    let saved = storage::load(&path).unwrap().workbook;
    assert_eq!(
        saved.item(AUTOSCALING).unwrap().status,
        Status::NotApplicable
    );
}

#[test]
fn an_invalid_file_shows_an_error_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.shipshape.ron");
    std::fs::write(
        &bad,
        "(\n    format: \"shipshape-workbook\",\n    version: 1,\n    project: [\n",
    )
    .unwrap();
    let mut h = harness(dir.path(), Some(bad.clone()));
    let errors = h.state().errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("bad.shipshape.ron:"), "{}", errors[0]);
    assert!(h.query_by_label_contains("Error: ").is_some());
    assert!(h.state().workbook().is_none());
    h.run();
}

#[test]
fn an_invalid_file_opened_over_a_workbook_keeps_its_unsaved_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.key_press(Key::Num3);
    h.run();
    let bad = dir.path().join("bad.shipshape.ron");
    std::fs::write(&bad, [0xff, 0xfe, 0x00]).unwrap();

    h.key_press_modifiers(ctrl(), Key::O);
    h.run();
    type_into(&mut h, Role::TextInput, "Path", &bad.display().to_string());
    h.get_by_label("OK").click();
    h.run();
    assert!(
        h.state().errors().iter().any(|e| e.contains("not UTF-8")),
        "{:?}",
        h.state().errors()
    );
    assert!(h.state_mut().is_dirty());
    assert_eq!(item(h.state(), "reliability.slos").status, Status::Done);

    // A good file asks about the unsaved edits before replacing them.
    let other = dir.path().join("other.shipshape.ron");
    let mut wb = Workbook::new("Other");
    wb.add_category("Only");
    storage::save(&other, &wb).unwrap();
    h.key_press_modifiers(ctrl(), Key::O);
    h.run();
    type_into(
        &mut h,
        Role::TextInput,
        "Path",
        &other.display().to_string(),
    );
    h.key_press(Key::Enter);
    h.run();
    assert!(super::dialog_open(&h, "Save changes to"));
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().workbook().unwrap().project, "Other");
}

#[test]
fn save_over_a_file_from_a_newer_version_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "status: NotStarted,",
        "status: NotStarted,\n                    risk: \"high\",",
        1,
    );
    std::fs::write(&path, &text).unwrap();
    let mut h = harness(dir.path(), Some(path.clone()));
    assert!(
        h.state()
            .errors()
            .iter()
            .any(|e| e.contains("newer Shipshape"))
    );
    h.key_press(Key::Num3);
    h.run();
    h.key_press_modifiers(ctrl(), Key::S);
    h.run();
    assert!(
        h.state()
            .errors()
            .iter()
            .any(|e| e.contains("refusing to save over")),
        "{:?}",
        h.state().errors()
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "the file is untouched"
    );
    assert!(h.state_mut().is_dirty(), "the edit is kept");
}

#[test]
fn a_failed_save_shows_the_error_and_keeps_the_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.key_press(Key::Num3);
    h.run();
    h.key_press_modifiers(ctrl().plus(Modifiers::SHIFT), Key::S);
    h.run();
    let target = dir.path().join("no-such-dir").join("x.shipshape.ron");
    h.get_by_role_and_label(Role::TextInput, "Path").focus();
    h.run();
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text(&target.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let errors = h.state().errors();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("cannot save") && e.contains("no-such-dir")),
        "{errors:?}"
    );
    assert!(h.query_by_label_contains("Your changes are kept").is_some());
    assert!(h.state_mut().is_dirty());
    assert_eq!(item(h.state(), "reliability.slos").status, Status::Done);
    assert!(!target.exists());
}

#[test]
fn save_as_over_another_existing_file_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    let other = dir.path().join("other.shipshape.ron");
    std::fs::write(&other, "keep me").unwrap();
    h.key_press_modifiers(ctrl().plus(Modifiers::SHIFT), Key::S);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Path").focus();
    h.run();
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text(&other.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.run();
    assert!(h.query_by_label_contains("OK again replaces it").is_some());
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
    h.get_by_label("OK").click();
    h.run();
    assert_eq!(
        storage::load(&other).unwrap().workbook.project,
        "Payments API"
    );
    assert_eq!(h.state().path(), Some(other.as_path()));
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_workbook_file_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), None);
    assert_eq!(h.state().workbook().unwrap().project, "Sample project");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    h.run();
    assert_eq!(h.state().workbook().unwrap().project, "Payments API");
    assert_eq!(h.state().path(), Some(path.as_path()));
}

#[test]
fn an_old_open_error_stayed_up_after_another_file_opened() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.shipshape.ron");
    std::fs::write(
        &bad,
        "(format: \"shipshape-workbook\", version: 1, project: [\n",
    )
    .unwrap();
    let good = fixture(dir.path());
    let newer = dir.path().join("newer.shipshape.ron");
    let text = std::fs::read_to_string(&good).unwrap().replacen(
        "status: NotStarted,",
        "status: NotStarted,\n                    risk: \"high\",",
        1,
    );
    std::fs::write(&newer, text).unwrap();

    let mut h = harness(dir.path(), Some(bad.clone()));
    assert_eq!(h.state().errors().len(), 1);
    open_by_path(&mut h, &good);
    assert_eq!(h.state().workbook().unwrap().project, "Payments API");
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(h.query_by_label_contains("Error: ").is_none());

    // What is still true of the file now open is said again, alone.
    open_by_path(&mut h, &bad);
    assert_eq!(h.state().errors().len(), 1);
    open_by_path(&mut h, &newer);
    let errors = h.state().errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("newer Shipshape"), "{errors:?}");

    // Closing the workbook ends what was said about it.
    h.state_mut().run_command(Command::CloseWorkbook);
    h.run();
    assert!(h.state().workbook().is_none());
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());

    // A failed New, then a good one.
    h.get_by_label("Create workbook").click();
    h.run();
    assert_eq!(h.state().errors().len(), 1, "no project name");
    type_into(&mut h, Role::TextInput, "Project", "Checkout");
    h.get_by_label("Create workbook").click();
    h.run();
    assert_eq!(h.state().workbook().unwrap().project, "Checkout");
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
}

#[test]
fn a_recent_list_that_cannot_be_written_stays_reported_across_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the list's file should be: every write fails.
    std::fs::create_dir(dir.path().join("recent.ron")).unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    let is_recent_error = |e: &String| e.contains("recent-files list");
    assert!(h.state().errors().iter().any(is_recent_error));
    h.state_mut().run_command(Command::CloseWorkbook);
    h.run();
    type_into(&mut h, Role::TextInput, "Project", "Checkout");
    h.get_by_label("Create workbook").click();
    h.run();
    assert_eq!(h.state().workbook().unwrap().project, "Checkout");
    assert!(
        h.state().errors().iter().any(is_recent_error),
        "{:?}",
        h.state().errors()
    );
}
