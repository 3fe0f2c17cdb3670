//! Due dates relative to launch in the window: the header's launch date
//! moves them as one undo step, and the editor's due field takes `T-14`.
//! (Every typed form: `dates.rs`.)

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use shipshape::model::Due;
use shipshape::storage;

use super::{AUTOSCALING, AUTOSCALING_TITLE, ctrl, fixture, harness, item, select_row, type_into};

const SLOS: &str = "reliability.slos";

#[test]
fn the_header_launch_date_moves_relative_dues_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut wb = storage::load(&path).unwrap().workbook;
    wb.item_mut(SLOS).unwrap().due = Some(Due::FromLaunch(-14));
    wb.item_mut(AUTOSCALING).unwrap().due = "2026-03-20".parse().ok();
    storage::save(&path, &wb).unwrap();
    let mut h = harness(dir.path(), Some(path));

    // Launch is 2026-04-01; typed a day later, Enter applies.
    type_into(&mut h, Role::TextInput, "Launch", "");
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_by_role_and_label(Role::TextInput, "Launch")
        .type_text("2026-04-02");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let wb = h.state().workbook().unwrap();
    assert_eq!(wb.launch, "2026-04-02".parse().ok());
    assert_eq!(
        wb.due_date(wb.item(SLOS).unwrap()),
        "2026-03-19".parse().ok()
    );
    assert_eq!(
        wb.due_date(wb.item(AUTOSCALING).unwrap()),
        "2026-03-20".parse().ok(),
        "an absolute due stays"
    );
    assert!(
        h.query_by_label("Launch moved to 2026-04-02: 1 due date moved.")
            .is_some(),
        "the status bar says how many moved"
    );
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Launch")
            .value()
            .as_deref(),
        Some("2026-04-02")
    );

    // One undo step puts the launch back; the relative due follows it.
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    let wb = h.state().workbook().unwrap();
    assert_eq!(wb.launch, "2026-04-01".parse().ok());
    assert_eq!(
        wb.due_date(wb.item(SLOS).unwrap()),
        "2026-03-18".parse().ok()
    );
    assert!(!h.state_mut().is_dirty(), "one step undid the whole move");
}

#[test]
fn the_editor_takes_a_relative_due_and_shows_its_date_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);

    type_into(&mut h, Role::TextInput, "Due date", "T-14");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).due, Some(Due::FromLaunch(-14)));
    // Launch 2026-04-01: the field shows the form, the day beside it.
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Due date")
            .value()
            .as_deref(),
        Some("T-14")
    );
    assert!(h.query_by_label("= 2026-03-18").is_some());

    h.get_by_role_and_label(Role::TextInput, "Due date").focus();
    h.run();
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_by_role_and_label(Role::TextInput, "Due date")
        .type_text("T-x");
    h.run();
    leave_field_by_tab(&mut h);
    assert_eq!(item(h.state(), AUTOSCALING).due, Some(Due::FromLaunch(-14)));
    assert!(
        h.query_by_label_contains("`T-x`: expected T-<days> or T+<days>, e.g. T-14")
            .is_some(),
        "the reason is shown under the field"
    );
}

/// Moves the focus on with Tab, which applies a date field's text.
fn leave_field_by_tab(h: &mut egui_kittest::Harness<'static, shipshape::ui::ShipshapeApp>) {
    h.key_press(Key::Tab);
    h.run();
}
