//! Template upgrades in the window: File → Update from template…'s preview,
//! Apply as one undoable edit and Cancel as nothing, the editor's Confirm
//! wording, and File → New listing the user's templates.

use std::path::{Path, PathBuf};

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use shipshape::model::{RedReason, Status};
use shipshape::storage;
use shipshape::ui::{Command, ShipshapeApp};

use super::{answer_path_field, ctrl, fixture, harness, item, select_row, today, type_into};

const SLOS: &str = "reliability.slos";
const NEW_TITLE: &str = "SLOs published and alerting";

/// A v2 of the fixture's checklist in `dir`: SLOs reworded, a new item,
/// `performance.cdn` gone.
fn v2(dir: &Path, at: &Path) -> PathBuf {
    let mut t = storage::load(&fixture(dir)).unwrap().workbook;
    t.project = "Checklist v2".into();
    t.item_mut(SLOS).unwrap().title = NEW_TITLE.into();
    t.add_item(0, "Chaos drills");
    let loc = t.locate("performance.cdn").unwrap();
    t.remove_item(loc);
    storage::save(at, &t).unwrap();
    at.to_owned()
}

/// The fixture with SLOs done, and the preview of `template` open.
fn preview(dir: &Path, template: &Path) -> Harness<'static, ShipshapeApp> {
    let mut h = harness(dir, Some(fixture(dir)));
    h.key_press(Key::Num3);
    h.run();
    h.state_mut().run_command(Command::UpdateFromTemplate);
    h.run();
    answer_path_field(&mut h, "Path", template);
    h.run();
    h
}

#[test]
fn the_preview_lists_the_changes_and_cancel_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let template = v2(dir.path(), &dir.path().join("v2.shipshape.ron"));
    let mut h = preview(dir.path(), &template);
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Update from template")
            .is_some()
    );
    for label in [
        "Added, not started (red) (1)",
        "Reworded: red until someone confirms the new wording (1)",
        "Not in the template (1)",
    ] {
        assert!(h.query_by_label(label).is_some(), "{label}");
    }
    assert!(
        h.query_by_label_contains("“SLOs published” → “SLOs published and alerting”")
            .is_some()
    );
    let before = h.state().workbook().unwrap().clone();
    h.get_by_label("Cancel").click();
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Update from template")
            .is_none()
    );
    assert_eq!(*h.state().workbook().unwrap(), before);
}

#[test]
fn apply_is_one_undoable_edit_and_the_editor_confirms_the_wording() {
    let dir = tempfile::tempdir().unwrap();
    let template = v2(dir.path(), &dir.path().join("v2.shipshape.ron"));
    let mut h = preview(dir.path(), &template);
    let before = h.state().workbook().unwrap().clone();
    h.get_by_role_and_label(Role::CheckBox, "Drop removed items")
        .click();
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    let wb = h.state().workbook().unwrap();
    assert!(wb.item("performance.cdn").is_none(), "dropped as chosen");
    assert_eq!(wb.item_count(), before.item_count());
    let slos = item(h.state(), SLOS);
    assert_eq!(
        (slos.status, slos.title.as_str()),
        (Status::Done, NEW_TITLE)
    );
    assert_eq!(slos.red_reason(today()), Some(RedReason::Reworded));
    assert!(h.state_mut().is_dirty(), "the normal save flow writes it");

    // The table marks it; the editor shows the old words and confirms.
    assert!(h.query_by_label("✎ reworded").is_some());
    select_row(&mut h, NEW_TITLE);
    assert!(
        h.query_by_label("● Red: checklist wording changed: re-confirm")
            .is_some()
    );
    h.get_by_label("Confirm wording").click();
    h.run();
    let slos = item(h.state(), SLOS);
    assert!(slos.reworded.is_empty());
    assert_eq!(slos.verified, Some(today()));
    assert!(h.query_by_label("✔ Passes").is_some());

    // Undo: first the confirmation, then the whole upgrade at once.
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert!(!item(h.state(), SLOS).reworded.is_empty());
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(*h.state().workbook().unwrap(), before);
}

#[test]
fn the_same_checklist_again_has_nothing_to_apply() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = preview(dir.path(), &fixture(dir.path()));
    assert!(
        h.query_by_label("This workbook already has this checklist: nothing to change.")
            .is_some()
    );
    assert!(h.get_by_label("Apply").accesskit_node().is_disabled());
    let before = h.state().workbook().unwrap().clone();
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(*h.state().workbook().unwrap(), before);
}

#[test]
fn file_new_lists_the_users_templates() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("templates");
    std::fs::create_dir(&folder).unwrap();
    v2(dir.path(), &folder.join("team-v2.shipshape.ron"));
    std::fs::write(folder.join("broken.shipshape.ron"), "(").unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.key_press_modifiers(ctrl(), Key::N);
    h.run();
    assert!(h.query_by_label("Checklist v2 (team-v2)").is_some());
    assert!(
        h.get_by_label("broken (unreadable)")
            .accesskit_node()
            .is_disabled(),
        "shown, not offered"
    );
    h.get_by_label("Checklist v2 (team-v2)").click();
    h.run();
    type_into(&mut h, Role::TextInput, "Project", "Ledger");
    h.get_by_label("Create workbook").click();
    h.run();
    let wb = h.state().workbook().unwrap();
    assert_eq!(wb.project, "Ledger");
    assert_eq!(wb.item(SLOS).unwrap().title, NEW_TITLE);
    assert!(wb.item("performance.cdn").is_none());
    assert!(wb.items().all(|(_, i)| i.status == Status::NotStarted));
}
