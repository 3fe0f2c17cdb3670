//! Keyboard dates: every date field takes typed text (`2027-01-15`, `+2w`,
//! `-3d`, `fri`, `T-14`, `none`), applied on Enter or Tab, put back by
//! Escape, refused with the reason when it is not a date; `D` jumps to the
//! due date; the calendar names its month and year, steps by month and
//! keeps its place.

use chrono::NaiveDate;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use shipshape::model::Due;

use super::{AUTOSCALING, AUTOSCALING_TITLE, ctrl, fixture, harness, item, select_row, type_into};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Types `text` into the selected item's Due field (replacing what it
/// shows) and presses Enter.
fn type_due(h: &mut egui_kittest::Harness<'static, shipshape::ui::ShipshapeApp>, text: &str) {
    h.get_by_role_and_label(Role::TextInput, "Due date").focus();
    h.run();
    h.key_press_modifiers(ctrl(), Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Due date")
        .type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn the_due_field_reads_every_typed_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    // The app's today is Sunday 2026-03-01; launch 2026-04-01.
    for (typed, due) in [
        ("2027-01-15", Some(Due::On(day(2027, 1, 15)))),
        ("+2w", Some(Due::On(day(2026, 3, 15)))),
        ("-3d", Some(Due::On(day(2026, 2, 26)))),
        ("fri", Some(Due::On(day(2026, 3, 6)))),
        ("tomorrow", Some(Due::On(day(2026, 3, 2)))),
        ("T-14", Some(Due::FromLaunch(-14))),
        ("none", None),
    ] {
        type_due(&mut h, typed);
        assert_eq!(item(h.state(), AUTOSCALING).due, due, "typed {typed:?}");
    }
}

#[test]
fn a_relative_due_shows_the_day_it_falls_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    type_due(&mut h, "T-14");
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Due date")
            .value()
            .as_deref(),
        Some("T-14")
    );
    assert!(h.query_by_label("= 2026-03-18").is_some());
}

#[test]
fn text_that_is_not_a_date_changes_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    type_due(&mut h, "2026-03-20");
    type_due(&mut h, "frday");
    assert_eq!(
        item(h.state(), AUTOSCALING).due,
        Some(Due::On(day(2026, 3, 20)))
    );
    assert!(
        h.query_by_label_contains("`frday` is not a date: type 2027-01-15")
            .is_some(),
        "the reason is shown under the field"
    );
    // The text stays to be fixed; Escape puts the value back.
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Due date")
            .value()
            .as_deref(),
        Some("frday")
    );
    h.get_by_role_and_label(Role::TextInput, "Due date").focus();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Due date")
            .value()
            .as_deref(),
        Some("2026-03-20")
    );
    assert!(h.query_by_label_contains("is not a date").is_none());
    assert_eq!(
        item(h.state(), AUTOSCALING).due,
        Some(Due::On(day(2026, 3, 20)))
    );
}

#[test]
fn escape_puts_the_value_back_without_applying() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    type_due(&mut h, "2026-03-20");
    h.get_by_role_and_label(Role::TextInput, "Due date").focus();
    h.run();
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_by_role_and_label(Role::TextInput, "Due date")
        .type_text("+1w");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(
        item(h.state(), AUTOSCALING).due,
        Some(Due::On(day(2026, 3, 20)))
    );
}

/// Issue 13: one due date took 64 keystrokes. Now: D, three letters,
/// Enter.
#[test]
fn d_jumps_to_the_due_date_and_five_keys_set_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.key_press(Key::D);
    h.run();
    h.run();
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Due date")
            .is_focused()
    );
    // The field is empty (no due yet): typing replaces nothing.
    h.get_by_role_and_label(Role::TextInput, "Due date")
        .type_text("fri");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        item(h.state(), AUTOSCALING).due,
        Some(Due::On(day(2026, 3, 6)))
    );
    // One undo step.
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).due, None);
}

#[test]
fn the_calendar_names_its_month_steps_by_month_and_keeps_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    // The calendar button is named by its row.
    h.get_by_role_and_label(Role::Button, "Due date").click();
    h.run();
    assert!(
        h.query_by_label("March 2026").is_some(),
        "opens on today's month"
    );
    // Clear sits under the last week row.
    let clear_at = h.get_by_role_and_label(Role::Button, "Clear").rect();
    // March 2026 spans six week rows, February 2026 five: same place.
    h.get_by_label("‹").click();
    h.run();
    assert!(h.query_by_label("February 2026").is_some());
    assert_eq!(
        h.get_by_role_and_label(Role::Button, "Clear").rect(),
        clear_at
    );
    h.get_by_label("»").click();
    h.run();
    assert!(h.query_by_label("February 2027").is_some());
    h.get_by_label("›").click();
    h.run();
    h.get_by_label("15").click();
    h.run();
    assert_eq!(
        item(h.state(), AUTOSCALING).due,
        Some(Due::On(day(2027, 3, 15)))
    );
    assert!(h.query_by_label("March 2027").is_none(), "a pick closes it");
}

#[test]
fn the_header_launch_date_is_typed_and_moves_relative_dues_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    type_due(&mut h, "T-14");
    type_into(&mut h, Role::TextInput, "Launch", "");
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_by_role_and_label(Role::TextInput, "Launch")
        .type_text("+6w");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let wb = h.state().workbook().unwrap();
    assert_eq!(wb.launch, Some(day(2026, 4, 12)));
    assert_eq!(
        wb.due_date(wb.item(AUTOSCALING).unwrap()),
        Some(day(2026, 3, 29))
    );
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(h.state().workbook().unwrap().launch, Some(day(2026, 4, 1)));
}
