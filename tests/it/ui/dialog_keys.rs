//! Tab and Enter in forms and dialogs (issue 13): the first field has the
//! keyboard when a dialog or the New form appears, Enter presses the
//! default button, Escape cancels.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use shipshape::model::Status;
use shipshape::storage;

use super::{AUTOSCALING, AUTOSCALING_TITLE, ctrl, fixture, harness, request_close, select_row};

/// "Save changes?" had no default button: Enter did nothing.
#[test]
fn enter_in_save_changes_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.key_press(Key::Num3);
    h.run();
    request_close(&mut h);
    assert!(super::dialog_open(&h, "Save changes to"));
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert!(h.state().close_allowed(), "{:?}", h.state().errors());
    let saved = storage::load(&path).unwrap().workbook;
    assert_eq!(saved.item(AUTOSCALING).unwrap().status, Status::Done);
}

#[test]
fn escape_in_save_changes_keeps_the_window_and_the_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.key_press(Key::Num3);
    h.run();
    request_close(&mut h);
    h.key_press(Key::Escape);
    h.run();
    assert!(!super::dialog_open(&h, "Save changes to"));
    assert!(!h.state().close_allowed());
    assert!(h.state_mut().is_dirty());
}

/// On first run the Project field was the 8th Tab stop and Enter did not
/// create.
#[test]
fn the_new_form_starts_in_project_and_enter_creates() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), None);
    h.key_press_modifiers(ctrl(), Key::N);
    h.run();
    h.run();
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Project")
            .is_focused()
    );
    h.get_by_role_and_label(Role::TextInput, "Project")
        .type_text("Checkout");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().workbook().unwrap().project, "Checkout");
}

/// The project dialog opens with the keyboard in Project; a launch typed
/// there and Enter is OK, one undo step.
#[test]
fn the_project_dialog_starts_in_project_and_enter_in_a_date_is_ok() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.get_by_label("✎").click();
    h.run();
    h.run();
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Project")
            .is_focused()
    );
    let launch = || Role::TextInput;
    h.get_by_role_and_label(launch(), "Launch date").focus();
    h.run();
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_by_role_and_label(launch(), "Launch date")
        .type_text("+8w");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert!(h.query_by_label("Cancel").is_none(), "Enter answered OK");
    assert_eq!(
        h.state().workbook().unwrap().launch,
        chrono::NaiveDate::from_ymd_opt(2026, 4, 26)
    );
}
