//! Re-verification in the window: the verified date and the interval in
//! the editor, "⟳ re-check" in the table, and the "Re-check due" filter.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use shipshape::model::{Interval, Status};
use shipshape::storage;
use shipshape::ui::Command;

use super::{fixture, harness, item, leave_field, select_row, today, type_into};

const BACKUPS: &str = "reliability.backups";
const BACKUPS_TITLE: &str = "Backups + restore drill";

#[test]
fn done_records_today_and_the_editor_sets_the_interval_and_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, BACKUPS_TITLE);
    h.key_press(egui::Key::Num3);
    h.run();
    let i = item(h.state(), BACKUPS);
    assert_eq!((i.status, i.verified), (Status::Done, Some(today())));
    assert_eq!(i.every, Some(Interval::Months(3)), "from the template");

    h.get_by_role_and_label(Role::ComboBox, "Re-check every")
        .click();
    h.run();
    h.get_by_label("monthly").click();
    h.run();
    assert_eq!(item(h.state(), BACKUPS).every, Some(Interval::Months(1)));

    type_into(&mut h, Role::TextInput, "Custom re-check interval", "90d");
    leave_field(&mut h);
    assert_eq!(item(h.state(), BACKUPS).every, Some(Interval::Days(90)));
    type_into(&mut h, Role::TextInput, "Custom re-check interval", "soon");
    leave_field(&mut h);
    assert_eq!(item(h.state(), BACKUPS).every, Some(Interval::Days(90)));
    let errors = h.state().errors();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("`soon` is not an interval")),
        "{errors:?}"
    );

    // Cleared, the item is due now and red; "Today" records a check.
    type_into(&mut h, Role::TextInput, "Last verified", "");
    h.key_press_modifiers(super::ctrl(), egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "Last verified")
        .type_text("none");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(item(h.state(), BACKUPS).verified, None);
    assert!(
        h.query_by_label("● Red: re-check overdue: never verified, every 90 days")
            .is_some()
    );
    h.get_by_label("Today").click();
    h.run();
    assert_eq!(item(h.state(), BACKUPS).verified, Some(today()));
    assert!(h.query_by_label("✔ Passes").is_some());

    h.get_by_role_and_label(Role::ComboBox, "Re-check every")
        .click();
    h.run();
    h.get_by_label("none").click();
    h.run();
    assert_eq!(item(h.state(), BACKUPS).every, None);
}

#[test]
fn the_table_marks_rechecks_due_and_the_filter_lists_only_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut wb = storage::load(&path).unwrap().workbook;
    // Backups: last verified a year ago, overdue. SLOs: verified this week,
    // quarterly, due well after launch (2026-04-01). Runbooks: due by
    // 2026-03-10, within 14 days of today (2026-03-01).
    let backups = wb.item_mut(BACKUPS).unwrap();
    backups.set_status(Status::Done, "2025-03-01".parse().unwrap());
    let slos = wb.item_mut("reliability.slos").unwrap();
    slos.set_status(Status::Done, today());
    slos.every = Some(Interval::Months(3));
    let runbooks = wb.item_mut("operations.runbooks").unwrap();
    runbooks.set_status(Status::Done, "2026-02-08".parse().unwrap());
    runbooks.every = Some(Interval::Days(30));
    storage::save(&path, &wb).unwrap();

    let mut h = harness(dir.path(), Some(path));
    assert!(h.query_by_label("⟳ 2 re-check due").is_some());
    assert!(
        h.query_by_label_contains("operations.runbooks: re-check due by 2026-03-10")
            .is_some()
    );

    h.get_by_label("⟳ Re-check due (2)").click();
    h.run();
    assert_eq!(
        h.state().listed_ids(),
        [BACKUPS.to_owned(), "operations.runbooks".to_owned()]
    );
    assert_eq!(h.get_all_by_label("⟳ re-check").count(), 2, "icon and word");
    select_row(&mut h, "Runbooks for the top 10 incidents");
    assert!(h.query_by_label("⟳ Re-check due by 2026-03-10").is_some());
    h.state_mut().run_command(Command::ToggleRecheckOnly);
    h.run();
    assert_eq!(h.state().listed_ids().len(), 25);
}
