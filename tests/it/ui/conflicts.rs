//! Merge conflicts in the window: found by the filter, settled by a click,
//! a value of one's own or by typing in the field, one undo step each.

use std::path::Path;

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use shipshape::model::{Conflict, Due};
use shipshape::storage;

use super::{
    AUTOSCALING, AUTOSCALING_TITLE, answer_path_field, ctrl, fixture, harness, item, leave_field,
    select_row, type_into,
};

#[test]
fn merge_conflicts_are_resolved_by_click_and_edit_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut wb = storage::load(&path).unwrap().workbook;
    wb.conflicts.push(Conflict {
        field: "project".into(),
        ours: "Payments API".into(),
        theirs: "Payments Platform".into(),
    });
    let scaling = wb.item_mut(AUTOSCALING).unwrap();
    scaling.owner = "Dana".into();
    scaling.due = NaiveDate::from_ymd_opt(2026, 3, 10).map(Due::On);
    scaling.conflicts = vec![
        Conflict {
            field: "owner".into(),
            ours: "Dana".into(),
            theirs: "Eve".into(),
        },
        Conflict {
            field: "due".into(),
            ours: "2026-03-10".into(),
            theirs: "2026-03-20".into(),
        },
    ];
    storage::save(&path, &wb).unwrap();
    let mut h = harness(dir.path(), Some(path.clone()));

    // Findable: the filter lists the item in conflict.
    h.get_by_label("Conflicts (3)").click();
    h.run();
    assert_eq!(h.state().listed_ids(), [AUTOSCALING.to_owned()]);

    // The filter moved the selection to the one item it lists.
    assert_eq!(h.state().selected(), Some(AUTOSCALING));

    // The workbook's conflict, in the header (above the editor's); one
    // undo step.
    assert!(h.query_by_label("Payments Platform").is_some());
    h.get_all_by_label("Keep theirs").next().unwrap().click();
    h.run();
    assert_eq!(h.state().workbook().unwrap().project, "Payments Platform");
    assert!(h.state().workbook().unwrap().conflicts.is_empty());
    assert!(h.state_mut().is_dirty());
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    let wb = h.state().workbook().unwrap();
    assert_eq!(
        (wb.project.as_str(), wb.conflicts.len()),
        ("Payments API", 1)
    );
    h.key_press_modifiers(ctrl().plus(Modifiers::SHIFT), Key::Z);
    h.run();
    assert_eq!(h.state().workbook().unwrap().project, "Payments Platform");

    // The item's, in the editor: owner by click, due by a value of one's own.
    select_row(&mut h, AUTOSCALING_TITLE);
    assert!(h.query_by_label("Merge conflict on the owner").is_some());
    h.get_all_by_label("Keep theirs").next().unwrap().click();
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).owner, "Eve");
    assert_eq!(item(h.state(), AUTOSCALING).conflicts.len(), 1);

    h.get_by_label("Edit…").click();
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Resolve the due date")
            .is_some()
    );
    answer_path_field(&mut h, "Value", Path::new("next week"));
    h.run();
    assert!(
        h.query_by_label_contains("is not a due date").is_some(),
        "a bad value keeps the dialog open with the reason"
    );
    assert_eq!(item(h.state(), AUTOSCALING).conflicts.len(), 1);
    answer_path_field(&mut h, "Value", Path::new("2026-03-15"));
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Resolve the due date")
            .is_none()
    );
    let i = item(h.state(), AUTOSCALING);
    assert!(i.conflicts.is_empty());
    assert_eq!(i.due, NaiveDate::from_ymd_opt(2026, 3, 15).map(Due::On));
    assert!(
        h.query_by_label("Conflicts (0)").is_some(),
        "the filter stays on until turned off"
    );

    h.key_press_modifiers(ctrl(), Key::S);
    h.run();
    let saved = storage::load(&path).unwrap().workbook;
    assert!(!saved.has_conflicts());
    assert_eq!(saved.project, "Payments Platform");
    let i = saved.item(AUTOSCALING).unwrap();
    assert_eq!(i.owner, "Eve");
    assert_eq!(i.due, NaiveDate::from_ymd_opt(2026, 3, 15).map(Due::On));
}

#[test]
fn typing_a_conflicted_field_settles_its_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut wb = storage::load(&path).unwrap().workbook;
    wb.item_mut("reliability.slos").unwrap().conflicts = vec![Conflict {
        field: "owner".into(),
        ours: "Alice".into(),
        theirs: "Bob".into(),
    }];
    storage::save(&path, &wb).unwrap();
    let mut h = harness(dir.path(), Some(path));
    type_into(&mut h, Role::TextInput, "Owner", " Smith");
    leave_field(&mut h);
    let i = item(h.state(), "reliability.slos");
    assert_eq!(i.owner, "Alice Smith");
    assert!(i.conflicts.is_empty());
}
