//! No hidden edits (issue 13, points 4 and 5): filters never leave an
//! invisible selection for the status keys to change, undo and redo select,
//! show and name what they changed, and Delete asks before removing an
//! item with answers and never fires from a text field.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shipshape::model::Status;
use shipshape::ui::{Command, ShipshapeApp};

use super::{
    AUTOSCALING, AUTOSCALING_TITLE, ctrl, fixture, harness, item, leave_field, select_row,
    type_into,
};

fn search(h: &mut Harness<'static, ShipshapeApp>, text: &str) {
    h.key_press_modifiers(ctrl(), Key::F);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text(text);
    h.run();
    leave_field(h);
}

/// Presses `keys` (no release) in one frame, as a fast typist's keys
/// arrive; kittest's `key_press` spreads press and release over frames.
fn press_in_one_frame(h: &mut Harness<'static, ShipshapeApp>, keys: &[Key]) {
    for &key in keys {
        h.input_mut().events.push(egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        });
    }
    h.step();
}

fn statuses(h: &Harness<'static, ShipshapeApp>) -> Vec<Status> {
    let wb = h.state().workbook().unwrap();
    wb.items().map(|(_, i)| i.status).collect()
}

fn is_listed(h: &Harness<'static, ShipshapeApp>, id: &str) -> bool {
    h.state().listed_ids().iter().any(|l| l == id)
}

#[test]
fn a_search_that_hides_the_selected_item_moves_the_selection_so_2_cannot_change_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    search(&mut h, "SLOs published");
    assert!(!is_listed(&h, AUTOSCALING));
    let selected = h.state().selected().unwrap().to_owned();
    assert!(is_listed(&h, &selected), "{selected} is a listed row");
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::NotStarted);
    assert_eq!(item(h.state(), &selected).status, Status::InProgress);
}

#[test]
fn a_search_that_hides_every_item_clears_the_selection_and_2_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    let before = statuses(&h);
    search(&mut h, "no item says this");
    assert_eq!(h.state().selected(), None);
    assert!(
        h.query_by_label_contains("No item selected (the filters hide every item)")
            .is_some()
    );
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(statuses(&h), before, "nothing changed");
    assert_eq!(
        h.state().note(),
        Some("No item selected — the filters hide every item.")
    );
    assert!(
        h.query_by_label("No item selected — the filters hide every item.")
            .is_some(),
        "in the status bar"
    );
}

#[test]
fn show_red_items_moves_a_passing_selection_to_the_next_red_item() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.key_press(Key::Num3);
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Red only").click();
    h.run();
    assert!(!is_listed(&h, AUTOSCALING));
    // The item after it in the template, the next red one.
    assert_eq!(h.state().selected(), Some("reliability.health-checks"));
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::Done);
}

#[test]
fn a_status_key_on_an_item_the_typing_hid_does_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    search(&mut h, "Alice");
    assert_eq!(h.state().selected(), Some("reliability.slos"));
    // Retyping the owner hides the item from the search; the editor keeps
    // it while the field has the keyboard.
    h.get_by_role_and_label(Role::TextInput, "Owner").focus();
    h.run();
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_by_role_and_label(Role::TextInput, "Owner")
        .type_text("Bob");
    h.run();
    assert!(!is_listed(&h, "reliability.slos"));
    assert_eq!(h.state().selected(), Some("reliability.slos"));
    h.state_mut().run_command(Command::SetStatus(Status::Done));
    h.run();
    assert_eq!(
        item(h.state(), "reliability.slos").status,
        Status::NotStarted
    );
    assert_eq!(
        h.state().note(),
        Some("No visible item selected — the filter hides it.")
    );
    leave_field(&mut h);
    assert_eq!(h.state().selected(), None, "no item matches “Alice” now");
}

#[test]
fn undo_of_an_edit_on_a_hidden_item_selects_shows_and_names_it_and_so_does_redo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    type_into(&mut h, Role::TextInput, "Owner", "Dana");
    leave_field(&mut h);
    search(&mut h, "SLOs published");
    assert!(!is_listed(&h, AUTOSCALING));

    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).owner, "");
    assert_eq!(h.state().selected(), Some(AUTOSCALING));
    assert!(is_listed(&h, AUTOSCALING));
    let undid = format!("Undid: {AUTOSCALING_TITLE} — owner (filters cleared)");
    assert_eq!(h.state().note(), Some(undid.as_str()));
    assert!(h.query_by_label(&undid).is_some(), "in the status bar");

    search(&mut h, "SLOs published");
    h.key_press_modifiers(ctrl().plus(Modifiers::SHIFT), Key::Z);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).owner, "Dana");
    assert_eq!(h.state().selected(), Some(AUTOSCALING));
    assert!(is_listed(&h, AUTOSCALING));
    let redid = format!("Redid: {AUTOSCALING_TITLE} — owner (filters cleared)");
    assert_eq!(h.state().note(), Some(redid.as_str()));
}

#[test]
fn undo_of_a_visible_change_keeps_the_filters_and_names_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.key_press(Key::Num2);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(h.state().selected(), Some(AUTOSCALING), "jumped back to it");
    assert_eq!(
        h.state().note(),
        Some(format!("Undid: {AUTOSCALING_TITLE} — status").as_str())
    );
}

#[test]
fn delete_asks_before_removing_an_item_with_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    // The fixture's first item has an owner.
    assert_eq!(h.state().selected(), Some("reliability.slos"));
    h.key_press(Key::Delete);
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Remove “SLOs published”?")
            .is_some(),
        "the question names the item"
    );
    assert!(h.query_by_label_contains("(owner)").is_some());
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert!(
        h.state()
            .workbook()
            .unwrap()
            .item("reliability.slos")
            .is_some()
    );
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Remove “SLOs published”?")
            .is_none()
    );

    h.key_press(Key::Delete);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.state()
            .workbook()
            .unwrap()
            .item("reliability.slos")
            .is_some(),
        "Escape keeps it"
    );

    h.key_press(Key::Delete);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state()
            .workbook()
            .unwrap()
            .item("reliability.slos")
            .is_none(),
        "Enter removes it"
    );
    assert_eq!(h.state().selected(), Some(AUTOSCALING), "the next item");
}

#[test]
fn delete_removes_an_item_without_answers_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().workbook().unwrap().item(AUTOSCALING).is_none());
    assert!(
        h.query_by_label_contains("Remove “").is_none(),
        "no question"
    );
}

#[test]
fn delete_typed_in_a_text_field_never_removes_the_item() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    let exists = |h: &Harness<'static, ShipshapeApp>| {
        h.state().workbook().unwrap().item(AUTOSCALING).is_some()
    };
    for (role, label) in [
        (Role::TextInput, "Owner"),
        (Role::MultilineTextInput, "Notes"),
        (Role::TextInput, "Search"),
    ] {
        select_row(&mut h, AUTOSCALING_TITLE);
        type_into(&mut h, role, label, "ab");
        h.key_press(Key::Delete);
        h.run();
        assert!(exists(&h), "Delete inside {label}");
        assert!(h.query_by_label_contains("Remove “").is_none());
        // Escape takes the keyboard from the field before any widget runs:
        // a Delete in the same frame was taken for the item.
        press_in_one_frame(&mut h, &[Key::Escape, Key::Delete]);
        h.run();
        assert!(exists(&h), "Delete as {label} lost focus");
        assert!(
            h.query_by_label_contains("Remove “").is_none(),
            "not even asked, after {label}"
        );
        h.state_mut().run_command(Command::ClearFilters);
        h.run();
    }
}

#[test]
fn delete_in_the_frame_after_enter_left_a_field_is_still_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.get_by_role_and_label(Role::TextInput, "Search").focus();
    h.run();
    // Enter, then Delete in the very next frame, as a fast typist sends
    // them.
    press_in_one_frame(&mut h, &[Key::Enter]);
    press_in_one_frame(&mut h, &[Key::Delete]);
    h.run();
    assert!(h.state().workbook().unwrap().item(AUTOSCALING).is_some());
}
