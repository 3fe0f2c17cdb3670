//! Editing in the window: status, owner, dates and text by click, typing and
//! keyboard; items and categories added, renamed, moved and removed; undo
//! and redo; evidence links.

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shipshape::model::{Due, Status};
use shipshape::storage;
use shipshape::ui::{Command, ShipshapeApp};

use super::{
    AUTOSCALING, AUTOSCALING_TITLE, ctrl, fixture, harness, item, leave_field, output_commands,
    select_row, today, type_into,
};

#[test]
fn edits_by_click_typing_and_date_pick_survive_save_and_reload() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    assert_eq!(h.state().workbook().unwrap().project, "Payments API");

    select_row(&mut h, AUTOSCALING_TITLE);
    assert_eq!(h.state().selected(), Some(AUTOSCALING));

    h.get_by_label("3 Done").click();
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::Done);

    type_into(&mut h, Role::TextInput, "Owner", "Dana");
    leave_field(&mut h);
    assert_eq!(item(h.state(), AUTOSCALING).owner, "Dana");

    // Due typed, Enter applies; the calendar's day picks are in dates.rs.
    type_into(&mut h, Role::TextInput, "Due date", "tomorrow");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        item(h.state(), AUTOSCALING).due,
        NaiveDate::from_ymd_opt(2026, 3, 2).map(Due::On)
    );

    assert!(h.state_mut().is_dirty());
    assert!(h.state().title().starts_with("● Payments API — Shipshape"));
    h.key_press_modifiers(ctrl(), Key::S);
    h.run();
    assert!(
        !h.state_mut().is_dirty(),
        "errors: {:?}",
        h.state().errors()
    );
    assert_eq!(h.state().title(), "Payments API — Shipshape");

    let reloaded = storage::load(&path).unwrap().workbook;
    let i = reloaded.item(AUTOSCALING).unwrap();
    assert_eq!(i.status, Status::Done);
    assert_eq!(i.owner, "Dana");
    assert_eq!(i.due, NaiveDate::from_ymd_opt(2026, 3, 2).map(Due::On));

    // The recent list lives in the injected dir, not the user's config.
    let recent = storage::recent::RecentFiles::load(&dir.path().join("recent.ron"));
    assert_eq!(recent.paths[0], std::fs::canonicalize(&path).unwrap());
}

#[test]
fn owner_completion_offers_known_people() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    type_into(&mut h, Role::TextInput, "Owner", "al");
    h.get_by_role_and_label(Role::Button, "Alice").click();
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).owner, "Alice");
}

#[test]
fn undo_takes_back_a_whole_text_edit_then_the_status_and_redo_replays() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.get_by_label("2 In progress").click();
    h.run();
    type_into(&mut h, Role::TextInput, "Owner", "Dana");
    type_into(&mut h, Role::TextInput, "Owner", " Scully");
    leave_field(&mut h);
    assert_eq!(item(h.state(), AUTOSCALING).owner, "Dana Scully");

    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    let i = item(h.state(), AUTOSCALING);
    assert_eq!((i.owner.as_str(), i.status), ("", Status::InProgress));

    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::NotStarted);
    assert!(!h.state_mut().is_dirty());

    h.key_press_modifiers(ctrl().plus(Modifiers::SHIFT), Key::Z);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::InProgress);
    h.key_press_modifiers(ctrl().plus(Modifiers::SHIFT), Key::Z);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).owner, "Dana Scully");
}

#[test]
fn keyboard_moves_sets_status_and_jumps_to_owner() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    assert_eq!(h.state().selected(), Some("reliability.slos"));
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().selected(), Some(AUTOSCALING));
    h.key_press(Key::Num4);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::Mitigated);
    h.key_press(Key::O);
    h.run();
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Owner")
            .is_focused()
    );
    // Digits typed into the owner field are text, not status keys.
    h.get_by_role_and_label(Role::TextInput, "Owner")
        .type_text("1");
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::Mitigated);
    assert_eq!(item(h.state(), AUTOSCALING).owner, "1");
    leave_field(&mut h);
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(h.state().selected(), Some("reliability.slos"));
}

#[test]
fn checklist_items_can_be_added_renamed_moved_and_removed_with_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);

    h.key_press(Key::F2);
    h.run();
    type_into(&mut h, Role::TextInput, "Title", " at 2x peak");
    h.get_by_label("OK").click();
    h.run();
    assert_eq!(
        item(h.state(), AUTOSCALING).title,
        format!("{AUTOSCALING_TITLE} at 2x peak")
    );

    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert_eq!(
        h.state().workbook().unwrap().categories[0].items[0].id,
        AUTOSCALING
    );

    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().workbook().unwrap().item(AUTOSCALING).is_none());
    assert_eq!(h.state().workbook().unwrap().item_count(), 24);
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(
        h.state().workbook().unwrap().categories[0].items[0].id,
        AUTOSCALING
    );

    h.state_mut().run_command(Command::AddItem);
    h.run();
    type_into(&mut h, Role::TextInput, "Title", "Chaos drill");
    h.key_press(Key::Enter);
    h.run();
    let wb = h.state().workbook().unwrap();
    assert_eq!(wb.categories[0].items.last().unwrap().title, "Chaos drill");
    assert_eq!(h.state().selected(), Some("reliability.chaos-drill"));

    h.state_mut().run_command(Command::AddCategory);
    h.run();
    type_into(&mut h, Role::TextInput, "Name", "Compliance");
    h.get_by_label("OK").click();
    h.run();
    assert_eq!(
        h.state()
            .workbook()
            .unwrap()
            .categories
            .last()
            .unwrap()
            .name,
        "Compliance"
    );
}

#[test]
fn menu_entries_run_their_commands() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.key_press(Key::Num3);
    h.run();
    assert_eq!(item(h.state(), "reliability.slos").status, Status::Done);
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Undo").click();
    h.run();
    assert_eq!(
        item(h.state(), "reliability.slos").status,
        Status::NotStarted
    );
}

#[test]
fn project_name_and_launch_date_are_edited_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.get_by_label("✎").click();
    h.run();
    type_into(&mut h, Role::TextInput, "Project", " v2");
    // Launch is 2026-04-01; typed a day later, Tab applies it to the
    // dialog (not yet to the workbook).
    let launch = h
        .get_all_by_role_and_label(Role::TextInput, "Launch date")
        .next()
        .unwrap();
    launch.focus();
    h.run();
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_all_by_role_and_label(Role::TextInput, "Launch date")
        .next()
        .unwrap()
        .type_text("2026-04-02");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        h.state().workbook().unwrap().project,
        "Payments API",
        "nothing changes before OK"
    );
    h.get_by_label("OK").click();
    h.run();
    let wb = h.state().workbook().unwrap();
    assert_eq!(wb.project, "Payments API v2");
    assert_eq!(wb.launch, NaiveDate::from_ymd_opt(2026, 4, 2));
    assert_eq!(h.state().title(), "● Payments API v2 — Shipshape");

    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    let wb = h.state().workbook().unwrap();
    assert_eq!(
        (wb.project.as_str(), wb.launch),
        ("Payments API", NaiveDate::from_ymd_opt(2026, 4, 1))
    );
}

#[test]
fn an_item_description_can_be_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.key_press(Key::F2);
    h.run();
    h.get_by_role_and_label(Role::MultilineTextInput, "Description")
        .focus();
    h.run();
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_by_role_and_label(Role::MultilineTextInput, "Description")
        .type_text("Our SLO page");
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let i = item(h.state(), "reliability.slos");
    assert_eq!(
        (i.title.as_str(), i.description.as_str()),
        ("SLOs published", "Our SLO page")
    );
}

#[test]
fn only_web_and_mail_evidence_links_are_clickable() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut wb = storage::load(&path).unwrap().workbook;
    wb.item_mut(AUTOSCALING).unwrap().evidence = vec![
        "https://wiki.example.com/load-test".into(),
        "file:///etc/passwd".into(),
    ];
    storage::save(&path, &wb).unwrap();
    let mut h = harness(dir.path(), Some(path));
    select_row(&mut h, AUTOSCALING_TITLE);
    assert!(
        h.query_by_role_and_label(Role::Link, "https://wiki.example.com/load-test")
            .is_some()
    );
    assert!(h.query_by_label("file:///etc/passwd").is_some());
    assert!(
        h.query_by_role_and_label(Role::Link, "file:///etc/passwd")
            .is_none()
    );

    h.get_by_role_and_label(Role::TextInput, "Link")
        .scroll_to_me();
    h.run();
    type_into(&mut h, Role::TextInput, "Link", "mailto:ops@example.com");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).evidence.len(), 3);
    assert!(
        h.query_by_role_and_label(Role::Link, "mailto:ops@example.com")
            .is_some()
    );
    type_into(&mut h, Role::TextInput, "Link", "javascript:alert(1)");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        item(h.state(), AUTOSCALING).evidence[3],
        "javascript:alert(1)",
        "kept as written, as evidence text"
    );
    assert!(
        h.query_by_role_and_label(Role::Link, "javascript:alert(1)")
            .is_none()
    );

    // A click on a web or mail link asks the platform to open it; a click on
    // any other is nothing.
    for (link, opens) in [
        ("https://wiki.example.com/load-test", true),
        ("mailto:ops@example.com", true),
        ("file:///etc/passwd", false),
        ("javascript:alert(1)", false),
    ] {
        h.get_by_label(link).scroll_to_me();
        h.run();
        h.get_by_label(link).click();
        h.step();
        let (_, opened) = output_commands(&h);
        let expected: &[&str] = if opens { &[link] } else { &[] };
        assert_eq!(opened, expected, "clicking {link}");
        h.run();
    }
}

fn category_names(h: &Harness<'static, ShipshapeApp>) -> Vec<String> {
    h.state()
        .workbook()
        .unwrap()
        .categories
        .iter()
        .map(|c| c.name.clone())
        .collect()
}

/// Replaces what the open dialog's field `label` holds with `text`, then
/// clicks OK.
fn replace_and_ok(h: &mut Harness<'static, ShipshapeApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
    h.get_by_label("OK").click();
    h.run();
}

const TEMPLATE_CATEGORIES: [&str; 5] = [
    "Reliability",
    "Observability",
    "Security",
    "Performance",
    "Operations",
];

#[test]
fn categories_are_renamed_and_added_from_the_side_panel_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    assert_eq!(category_names(&h), TEMPLATE_CATEGORIES);

    // Rename by the category's context menu.
    h.get_by_role_and_label(Role::Button, "Reliability 5 red")
        .click_secondary();
    h.run();
    h.get_by_label("Rename category…").click();
    h.run();
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Name").value(),
        Some("Reliability".to_owned()),
        "the dialog starts from the current name"
    );
    replace_and_ok(&mut h, "Name", "Resilience");
    assert_eq!(category_names(&h)[0], "Resilience");
    assert!(
        h.query_by_role_and_label(Role::Button, "Resilience 5 red")
            .is_some()
    );
    assert!(
        h.query_by_role_and_label(Role::Button, "Reliability 5 red")
            .is_none()
    );
    assert!(h.state_mut().is_dirty());

    // Rename by the Item menu, for the selected item's category.
    select_row(&mut h, "Structured logs");
    h.get_by_role_and_label(Role::Button, "Item").click();
    h.run();
    h.get_by_label_contains("Rename category…").click();
    h.run();
    replace_and_ok(&mut h, "Name", "Telemetry");
    assert_eq!(category_names(&h)[..2], ["Resilience", "Telemetry"]);

    // Add from the button under the list.
    h.get_by_label("+ Add category…").click();
    h.run();
    replace_and_ok(&mut h, "Name", "Compliance");
    let names = category_names(&h);
    assert_eq!(names.len(), 6);
    assert_eq!(names[5], "Compliance");
    assert!(
        h.query_by_role_and_label(Role::Button, "Compliance ✔ 0")
            .is_some()
    );

    // Each change is one undo step, newest first.
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(category_names(&h)[..2], ["Resilience", "Telemetry"]);
    assert_eq!(category_names(&h).len(), 5);
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(category_names(&h)[..2], ["Resilience", "Observability"]);
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(category_names(&h), TEMPLATE_CATEGORIES);
    assert!(
        h.query_by_role_and_label(Role::Button, "Reliability 5 red")
            .is_some()
    );
    assert!(!h.state_mut().is_dirty());

    h.key_press_modifiers(ctrl().plus(Modifiers::SHIFT), Key::Z);
    h.run();
    assert_eq!(category_names(&h)[0], "Resilience");
}

/// Regression: a mitigated item with only its text written passed in the
/// window (a false green); the rule also needs who accepted it and until when.
#[test]
fn a_mitigation_without_acceptor_or_end_date_stays_red_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.key_press(Key::Num4);
    h.run();
    type_into(
        &mut h,
        Role::MultilineTextInput,
        "Mitigation",
        "Manual failover",
    );
    leave_field(&mut h);
    let today = today();
    assert_eq!(
        item(h.state(), AUTOSCALING)
            .red_reason(today)
            .map(|r| r.to_string()),
        Some(
            "mitigated, but mitigation not accepted by anyone; mitigation has no end date"
                .to_owned()
        )
    );
    let both =
        "● Red: mitigated, but mitigation not accepted by anyone; mitigation has no end date";
    h.get_by_label(both);
    type_into(&mut h, Role::TextInput, "Accepted by", "   ");
    leave_field(&mut h);
    h.get_by_label(both);
    // Typing appends: the field now holds "   CTO".
    type_into(&mut h, Role::TextInput, "Accepted by", "CTO");
    leave_field(&mut h);
    h.get_by_label("● Red: mitigated, but mitigation has no end date");
    assert!(!item(h.state(), AUTOSCALING).passes(today));
}

/// Typing the start of a known person's name and Enter assigns them (the
/// owner took 7 keys before: O, the whole name, Enter).
#[test]
fn enter_in_the_owner_field_completes_a_known_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = super::harness(dir.path(), Some(super::fixture(dir.path())));
    super::select_row(&mut h, super::AUTOSCALING_TITLE);
    h.key_press(Key::O);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Owner")
        .type_text("a");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(super::item(h.state(), super::AUTOSCALING).owner, "Alice");
    // A name no one knows stays as typed.
    super::select_row(&mut h, "Health checks at every layer");
    h.key_press(Key::O);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Owner")
        .type_text("Zed");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        super::item(h.state(), "reliability.health-checks").owner,
        "Zed"
    );
}

/// Issue 13: the keyboard walk of an item (status, a known owner, a typed
/// due date) took 9 keys (`3`, `O a Enter`, `D f r i Enter`); Tab in the
/// owner sets it and goes on to the due date, so it takes 6.
#[test]
fn walking_an_item_takes_six_keys_status_owner_tab_due() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = super::harness(dir.path(), Some(super::fixture(dir.path())));
    super::select_row(&mut h, super::AUTOSCALING_TITLE);
    let mut keys = 0;
    let mut press = |h: &mut egui_kittest::Harness<'static, _>, key: Key| {
        h.key_press(key);
        h.run();
        keys += 1;
    };
    press(&mut h, Key::Num2);
    press(&mut h, Key::O);
    h.get_by_role_and_label(Role::TextInput, "Owner")
        .type_text("a");
    h.run();
    press(&mut h, Key::Tab);
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Due date")
            .is_focused(),
        "Tab goes from the owner to the due date"
    );
    h.get_by_role_and_label(Role::TextInput, "Due date")
        .type_text("9");
    h.run();
    press(&mut h, Key::Enter);
    let item = super::item(h.state(), super::AUTOSCALING);
    assert_eq!(item.status, shipshape::model::Status::InProgress);
    assert_eq!(item.owner, "Alice");
    // The app's today is 2026-03-01: nine days on.
    let tenth = chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    assert_eq!(item.due, Some(shipshape::model::Due::On(tenth)));
    assert_eq!(keys + 2, 6, "two typed characters, four keys");
}

/// `O` and `D` select what the field holds, so typing replaces it: `O b
/// Enter` on an item Alice owns assigns Bob, not "Aliceb".
#[test]
fn o_and_d_replace_the_owner_and_due_date_instead_of_appending() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = super::harness(dir.path(), Some(super::fixture(dir.path())));
    super::select_row(&mut h, super::AUTOSCALING_TITLE);
    for (key, label, typed) in [
        (Key::O, "Owner", "Alice"),
        (Key::D, "Due date", "2026-05-01"),
        (Key::O, "Owner", "b"),
        (Key::D, "Due date", "fr"),
    ] {
        h.key_press(key);
        h.run();
        h.run();
        h.get_by_role_and_label(Role::TextInput, label)
            .type_text(typed);
        h.run();
        h.key_press(Key::Enter);
        h.run();
    }
    let item = super::item(h.state(), super::AUTOSCALING);
    assert_eq!(item.owner, "Bob");
    // Sunday 2026-03-01: the next Friday.
    let friday = chrono::NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
    assert_eq!(item.due, Some(shipshape::model::Due::On(friday)));
}

/// The editor shows the selected item's description under its title.
#[test]
fn the_editor_shows_the_item_description() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = super::harness(dir.path(), Some(super::fixture(dir.path())));
    super::select_row(&mut h, super::AUTOSCALING_TITLE);
    let description = super::item(h.state(), super::AUTOSCALING)
        .description
        .clone();
    assert!(!description.is_empty(), "the template describes it");
    assert!(h.query_by_label(&description).is_some());
}

/// Enter completes the owner only when it ends the owner's own editing: a
/// name typed and left with a click ("Al", a new person, though Alice is
/// known) must not turn into Alice when Enter is later pressed in another
/// field — a hidden edit.
#[test]
fn enter_in_another_field_does_not_complete_an_owner_left_with_a_click() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = super::harness(dir.path(), Some(super::fixture(dir.path())));
    super::select_row(&mut h, super::AUTOSCALING_TITLE);
    h.get_by_role_and_label(Role::TextInput, "Owner").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Owner")
        .type_text("Al");
    h.run();
    super::leave_field(&mut h);
    assert_eq!(super::item(h.state(), super::AUTOSCALING).owner, "Al");
    super::type_into(&mut h, Role::TextInput, "Due date", "fri");
    h.key_press(Key::Enter);
    h.run();
    let item = super::item(h.state(), super::AUTOSCALING);
    assert!(item.due.is_some(), "the due date was set");
    assert_eq!(item.owner, "Al", "the owner stays as typed");
}
