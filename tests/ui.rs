//! The real app driven through egui_kittest: widgets are found by label and
//! role (AccessKit), clicked and typed into; assertions are on the document
//! and on the file written to disk.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers fail the test on bad setup"
)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui::{Key, Modifiers, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shipshape::model::{Status, TemplateOptions, Workbook};
use shipshape::storage;
use shipshape::ui::{AppConfig, Command, DialogMode, ShipshapeApp};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn ctrl() -> Modifiers {
    Modifiers::COMMAND.plus(Modifiers::CTRL)
}

/// A saved workbook made from the built-in template, with two owners.
fn fixture(dir: &Path) -> PathBuf {
    let mut wb = Workbook::from_template(
        &storage::builtin_template(),
        TemplateOptions {
            project: "Payments API".into(),
            launch: NaiveDate::from_ymd_opt(2026, 4, 1),
        },
    );
    wb.categories[0].items[0].owner = "Alice".into();
    wb.categories[1].items[0].owner = "Bob".into();
    let path = dir.join("payments.shipshape.ron");
    storage::save(&path, &wb).unwrap();
    path
}

/// The app as the desktop builds it, but with its recent list in `dir`, a
/// fixed "today" and the path field instead of native dialogs.
fn harness(dir: &Path, path: Option<PathBuf>) -> Harness<'static, ShipshapeApp> {
    harness_sized(dir, path, [1280.0, 800.0])
}

fn harness_sized(
    dir: &Path,
    path: Option<PathBuf>,
    size: [f32; 2],
) -> Harness<'static, ShipshapeApp> {
    let config = AppConfig {
        recent_path: Some(dir.join("recent.ron")),
        today: Some(today()),
        dialogs: DialogMode::PathField,
    };
    let mut h = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| ShipshapeApp::new(&cc.egui_ctx, config, path));
    h.run();
    h
}

fn item<'a>(app: &'a ShipshapeApp, id: &str) -> &'a shipshape::model::Item {
    app.workbook().unwrap().item(id).unwrap()
}

const AUTOSCALING: &str = "reliability.autoscaling";
const AUTOSCALING_TITLE: &str = "Auto-scaling configured and load-tested";

/// Clicks an item's row in the table (the first label with its title).
fn select_row(h: &mut Harness<'static, ShipshapeApp>, title: &str) {
    h.get_all_by_label(title).next().unwrap().click();
    h.run();
}

fn type_into(h: &mut Harness<'static, ShipshapeApp>, role: Role, label: &str, text: &str) {
    h.get_by_role_and_label(role, label).focus();
    h.run();
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

/// Moves keyboard focus out of any text field, as clicking elsewhere would.
fn leave_field(h: &mut Harness<'static, ShipshapeApp>) {
    h.key_press(Key::Escape);
    h.run();
}

fn request_close(h: &mut Harness<'static, ShipshapeApp>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.run();
}

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

    // The first "not set" picker is Due; ">" adds a day to today, Save applies.
    h.get_all_by_label_contains("not set")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label(">").click();
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(
        item(h.state(), AUTOSCALING).due,
        NaiveDate::from_ymd_opt(2026, 3, 2)
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
    assert_eq!(i.due, NaiveDate::from_ymd_opt(2026, 3, 2));

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
fn closing_with_unsaved_changes_asks_and_cancel_keeps_the_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.get_by_label("3 Done").click();
    h.run();

    request_close(&mut h);
    assert!(h.query_by_label_contains("Save changes to").is_some());
    assert!(!h.state().close_allowed());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label_contains("Save changes to").is_none());
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
fn filters_narrow_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    assert_eq!(h.state().listed_ids().len(), 25);

    type_into(&mut h, Role::TextInput, "Search", "backup");
    let listed = h.state().listed_ids();
    assert!(!listed.is_empty() && listed.len() < 25, "{listed:?}");
    assert!(listed.iter().all(|id| {
        let i = item(h.state(), id);
        format!("{} {} {}", i.id, i.title, i.description)
            .to_lowercase()
            .contains("backup")
    }));
    h.get_by_label("Clear filters").click();
    h.run();
    assert_eq!(h.state().listed_ids().len(), 25);

    select_row(&mut h, AUTOSCALING_TITLE);
    h.get_by_label("3 Done").click();
    h.run();
    h.get_by_label("Red only").click();
    h.run();
    let red = h.state().listed_ids();
    assert_eq!(red.len(), 24);
    assert!(!red.contains(&AUTOSCALING.to_owned()));
    h.get_by_label("Red only").click();
    h.run();

    h.get_by_role_and_label(Role::ComboBox, "Owner").click();
    h.run();
    // The combo's entry, not the editor's quick-assign chip of the same name.
    let entry = h
        .get_all_by_label("Bob")
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()).reverse())
        .unwrap();
    entry.click();
    h.run();
    assert_eq!(
        h.state().listed_ids(),
        ["observability.structured-logs".to_owned()]
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
    assert!(h.query_by_label_contains("Save changes to").is_some());
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
fn first_run_opens_a_sample_and_new_makes_a_workbook_from_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), None);
    let wb = h.state().workbook().unwrap();
    assert_eq!(wb.project, "Sample project");
    assert_eq!(wb.item_count(), 25);

    h.key_press_modifiers(ctrl(), Key::N);
    h.run();
    assert!(h.state().workbook().is_none());
    type_into(&mut h, Role::TextInput, "Project", "Checkout");
    h.get_by_label("Create workbook").click();
    h.run();
    let wb = h.state().workbook().unwrap();
    assert_eq!(wb.project, "Checkout");
    assert_eq!(wb.item_count(), 25);
    assert_eq!(wb.launch, today().checked_add_days(chrono::Days::new(42)));

    // Save of a new workbook asks for a path.
    h.key_press_modifiers(ctrl(), Key::S);
    h.run();
    let target = dir.path().join("checkout");
    h.get_by_role_and_label(Role::TextInput, "Path").focus();
    h.run();
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text(&target.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let saved = dir.path().join("checkout.shipshape.ron");
    assert_eq!(storage::load(&saved).unwrap().workbook.project, "Checkout");
    assert_eq!(h.state().path(), Some(saved.as_path()));
}

#[test]
fn with_no_path_the_last_workbook_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    drop(harness(dir.path(), Some(path.clone())));
    let h = harness(dir.path(), None);
    assert_eq!(h.state().workbook().unwrap().project, "Payments API");
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

#[test]
fn theme_toggle_zoom_and_find_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    let before = h.ctx.theme();
    let toggle = if before == egui::Theme::Dark {
        "Light mode"
    } else {
        "Dark mode"
    };
    h.get_by_label(toggle).click();
    h.run();
    assert_ne!(h.ctx.theme(), before);

    h.key_press_modifiers(ctrl(), Key::Equals);
    h.run();
    assert!((h.ctx.zoom_factor() - 1.1).abs() < 1e-3);
    h.key_press_modifiers(ctrl(), Key::Minus);
    h.run();
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-3);

    h.key_press_modifiers(ctrl(), Key::F);
    h.run();
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Search")
            .is_focused()
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
fn project_name_and_launch_date_are_edited_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.get_by_label("✎").click();
    h.run();
    type_into(&mut h, Role::TextInput, "Project", " v2");
    // Launch is 2026-04-01; ">" moves the pick a day later.
    h.get_by_label("2026-04-01").click();
    h.run();
    h.get_by_label(">").click();
    h.run();
    h.get_by_label("Save").click();
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

#[test]
fn new_workbook_from_another_workbook_copies_its_checklist_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut template = storage::load(&path).unwrap().workbook;
    let custom = template.add_category("Compliance");
    template.add_item(custom, "SOC 2 evidence collected");
    storage::save(&path, &template).unwrap();

    let mut h = harness(dir.path(), Some(path.clone()));
    h.key_press(Key::Num3);
    h.run();
    h.key_press_modifiers(ctrl(), Key::N);
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    h.get_by_label("Another workbook as template").click();
    h.run();
    type_into(&mut h, Role::TextInput, "File", &path.display().to_string());
    type_into(&mut h, Role::TextInput, "Project", "Ledger");
    h.get_by_label("Create workbook").click();
    h.run();
    let wb = h.state().workbook().unwrap();
    assert_eq!(wb.project, "Ledger");
    assert_eq!(wb.item_count(), 26);
    assert_eq!(
        wb.categories.last().unwrap().items[0].title,
        "SOC 2 evidence collected"
    );
    assert!(
        wb.items()
            .all(|(_, i)| i.status == Status::NotStarted && i.owner.is_empty())
    );
    assert_eq!(
        h.state().path(),
        None,
        "a new workbook has no file until saved"
    );
}

#[test]
fn a_missing_recent_file_can_be_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone.shipshape.ron");
    let mut recent = storage::recent::RecentFiles::default();
    recent.touch(&gone);
    recent.save(&dir.path().join("recent.ron")).unwrap();
    let mut h = harness(dir.path(), None);
    assert!(
        h.state().workbook().is_none(),
        "the last workbook is missing: start view"
    );
    assert!(!h.state().errors().is_empty());
    assert!(h.query_by_label("file not found").is_some());
    h.get_by_label("Forget").click();
    h.run();
    assert!(h.state().recent().paths.is_empty());
    assert!(
        storage::recent::RecentFiles::load(&dir.path().join("recent.ron"))
            .paths
            .is_empty()
    );
}

#[test]
fn header_counts_filter_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.key_press(Key::Num3);
    h.run();
    h.get_by_label("Done 1").click();
    h.run();
    assert_eq!(h.state().listed_ids(), [AUTOSCALING.to_owned()]);
    h.get_by_label("Done 1").click();
    h.run();
    assert_eq!(h.state().listed_ids().len(), 25);
}

/// Runs frames until the background PDF work is done (or fails the test).
fn wait_until_idle(h: &mut Harness<'static, ShipshapeApp>) {
    let start = std::time::Instant::now();
    while h.state().is_busy() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "the PDF never finished"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.step();
    h.step();
}

/// Replaces the text of the path field and presses its OK (one frame: a
/// PDF thread started by it repaints the window from outside).
fn answer_path_field(h: &mut Harness<'static, ShipshapeApp>, label: &str, path: &Path) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.step();
}

/// All text of a PDF, as lopdf extracts it, whitespace collapsed.
fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let raw = doc.extract_text(&pages).unwrap();
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn media_box_width(bytes: &[u8]) -> f32 {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let mb = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    match &mb[2] {
        lopdf::Object::Integer(i) => *i as f32,
        lopdf::Object::Real(r) => *r,
        o => panic!("not a number: {o:?}"),
    }
}

#[test]
fn export_pdf_dialog_writes_the_chosen_kind_and_paper() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));

    // Cancel costs nothing.
    h.key_press_modifiers(ctrl(), Key::P);
    h.run();
    assert!(h.query_by_label("Export PDF").is_some());
    h.get_by_label("Walkthrough").click();
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Export PDF").is_none());

    h.key_press_modifiers(ctrl(), Key::P);
    h.run();
    h.get_by_label("Walkthrough").click();
    h.get_by_label("Letter").click();
    h.get_by_label("Open in the system's viewer after export")
        .click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    // The path field proposes PROJECT-KIND.pdf next to the workbook.
    let suggested = dir.path().join("payments-api-walkthrough.pdf");
    assert!(
        h.query_by_label(&suggested.display().to_string()).is_some()
            || h.get_by_role_and_label(Role::TextInput, "Path")
                .value()
                .is_some_and(|v| v == suggested.display().to_string()),
        "the PDF name is suggested"
    );
    let target = dir.path().join("walk");
    answer_path_field(&mut h, "Path", &target);
    wait_until_idle(&mut h);

    let written = dir.path().join("walk.pdf");
    let bytes = std::fs::read(&written)
        .unwrap_or_else(|e| panic!("no PDF ({e}); errors: {:?}", h.state().errors()));
    assert!(bytes.starts_with(b"%PDF"));
    let text = pdf_text(&bytes);
    assert!(text.contains("Payments API"), "{text}");
    assert!(text.contains("Walkthrough checklist"), "{text}");
    assert!((media_box_width(&bytes) - 612.0).abs() < 0.5, "US Letter");
    let note = h.state().note().unwrap_or_default().to_owned();
    assert!(
        note.contains("Exported") && note.contains("walk.pdf"),
        "{note}"
    );
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(
        !h.state_mut().is_dirty(),
        "exporting does not change the workbook"
    );
}

#[test]
fn a_pdf_that_cannot_be_written_shows_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.state_mut().run_command(Command::ExportPdf);
    h.run();
    h.get_by_label("Open in the system's viewer after export")
        .click();
    h.get_by_label("Export…").click();
    h.run();
    let target = dir.path().join("no-such-dir").join("r.pdf");
    answer_path_field(&mut h, "Path", &target);
    wait_until_idle(&mut h);
    let errors = h.state().errors();
    assert!(
        errors.iter().any(|e| e.contains("no-such-dir")),
        "{errors:?}"
    );
    assert!(!target.exists());
}

/// Text the app put on the clipboard and URLs it asked to open, this frame.
fn output_commands(h: &Harness<'static, ShipshapeApp>) -> (Vec<String>, Vec<String>) {
    let mut copied = Vec::new();
    let mut opened = Vec::new();
    for c in &h.output().platform_output.commands {
        match c {
            egui::OutputCommand::CopyText(t) => copied.push(t.clone()),
            egui::OutputCommand::OpenUrl(u) => opened.push(u.url.clone()),
            _ => {}
        }
    }
    (copied, opened)
}

#[test]
fn copy_summary_puts_the_verdict_and_red_items_on_the_clipboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.get_by_label("Edit").click();
    h.run();
    // One accessibility click is one frame: the copy is in its output.
    h.get_by_label_contains("Copy summary").click();
    h.step();
    let (copied, _) = output_commands(&h);
    assert_eq!(copied.len(), 1, "{copied:?}");
    let text = &copied[0];
    assert!(text.starts_with("Payments API: Demo-ready"), "{text}");
    assert!(text.contains(AUTOSCALING_TITLE), "{text}");
    assert!(
        text.contains("Alice"),
        "red items carry their owner: {text}"
    );
    h.run();
    assert!(
        h.state()
            .note()
            .is_some_and(|n| n.contains("Copied the summary"))
    );
}

#[test]
fn share_writes_the_workbook_and_report_and_opens_a_mailto() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    select_row(&mut h, AUTOSCALING_TITLE);
    h.key_press(Key::Num3);
    h.run();

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Share…").click();
    h.run();
    assert!(
        h.query_by_label(shipshape::export::markdown::MAILTO_ATTACHMENT_NOTE)
            .is_some(),
        "the dialog says attachments do not travel"
    );
    h.get_by_label("Choose folder…").click();
    h.run();
    let folder = dir.path().join("to-send");
    h.get_by_role_and_label(Role::TextInput, "Folder").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Folder")
        .type_text(&folder.display().to_string());
    h.run();
    h.get_by_label("OK").click();

    // The mail link is asked for in the frame the PDF is reported done.
    let start = std::time::Instant::now();
    let mut opened = Vec::new();
    while opened.is_empty() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "no mailto: errors {:?}",
            h.state().errors()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
        opened = output_commands(&h).1;
    }
    h.run();
    assert_eq!(opened.len(), 1, "{opened:?}");
    let url = &opened[0];
    let enc = shipshape::export::markdown::percent_encode;
    assert!(url.starts_with("mailto:?subject="), "{url}");
    assert!(
        url.contains(&enc("Production readiness: Payments API")),
        "{url}"
    );
    assert!(url.contains("&body="), "{url}");
    assert!(url.contains(&enc("Demo-ready")), "{url}");
    assert!(url.contains(&enc("SLOs published")), "a red item: {url}");

    let shared = storage::load(&folder.join("payments.shipshape.ron"))
        .unwrap()
        .workbook;
    assert_eq!(
        shared.item(AUTOSCALING).unwrap().status,
        Status::Done,
        "the shared workbook has the edits on screen"
    );
    let pdf = std::fs::read(folder.join("payments-api-report.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf_text(&pdf).contains("Payments API"));
    assert!(h.query_by_label("Ready to send").is_some());
    assert!(
        h.query_by_label(shipshape::export::markdown::MAILTO_ATTACHMENT_NOTE)
            .is_some()
    );
}

#[test]
fn merge_conflicts_are_resolved_by_click_and_edit_and_saved() {
    use shipshape::model::Conflict;
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
    scaling.due = NaiveDate::from_ymd_opt(2026, 3, 10);
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

    // The workbook's conflict, in the header; one undo step.
    assert!(h.query_by_label("Payments Platform").is_some());
    h.get_by_label("Keep theirs").click();
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
    assert!(h.query_by_label("Resolve the due date").is_some());
    answer_path_field(&mut h, "Value", Path::new("next week"));
    h.run();
    assert!(
        h.query_by_label_contains("is not a date").is_some(),
        "a bad value keeps the dialog open with the reason"
    );
    assert_eq!(item(h.state(), AUTOSCALING).conflicts.len(), 1);
    answer_path_field(&mut h, "Value", Path::new("2026-03-15"));
    h.run();
    assert!(h.query_by_label("Resolve the due date").is_none());
    let i = item(h.state(), AUTOSCALING);
    assert!(i.conflicts.is_empty());
    assert_eq!(i.due, NaiveDate::from_ymd_opt(2026, 3, 15));
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
    assert_eq!(i.due, NaiveDate::from_ymd_opt(2026, 3, 15));
}

#[test]
fn typing_a_conflicted_field_settles_its_conflict() {
    use shipshape::model::Conflict;
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

/// Answers Ctrl+O's path field with `path`.
fn open_by_path(h: &mut Harness<'static, ShipshapeApp>, path: &Path) {
    h.key_press_modifiers(ctrl(), Key::O);
    h.run();
    type_into(h, Role::TextInput, "Path", &path.display().to_string());
    h.key_press(Key::Enter);
    h.run();
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

/// Tooltips drawn this frame.
fn tooltips_shown(h: &Harness<'static, ShipshapeApp>) -> usize {
    h.ctx.memory(|m| {
        m.areas()
            .visible_layer_ids()
            .iter()
            .filter(|l| l.order == egui::Order::Tooltip)
            .count()
    })
}

#[test]
fn a_row_tooltip_stayed_drawn_over_a_modal_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    assert!(item(h.state(), AUTOSCALING).red_reason(today()).is_some());
    h.get_all_by_label(AUTOSCALING_TITLE)
        .next()
        .unwrap()
        .hover();
    h.run();
    // The pointer rests past egui's tooltip delay.
    h.run_steps(4);
    assert_eq!(tooltips_shown(&h), 1, "the red row shows why");

    h.key_press_modifiers(ctrl(), Key::P);
    h.run();
    h.run_steps(4);
    assert!(h.query_by_label("Export PDF").is_some(), "the dialog is up");
    assert_eq!(tooltips_shown(&h), 0, "nothing of the window over it");

    h.key_press(Key::Escape);
    h.run();
    h.run_steps(4);
    assert!(h.query_by_label("Export PDF").is_none());
}

#[test]
fn the_mitigation_column_sat_under_the_table_scroll_bar() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut wb = storage::load(&path).unwrap().workbook;
    for category in &mut wb.categories {
        for item in &mut category.items {
            item.mitigation.text = "Feature flag off by default".into();
        }
    }
    storage::save(&path, &wb).unwrap();
    for size in [[1280.0, 800.0], [1920.0, 1080.0]] {
        let h = harness_sized(dir.path(), Some(path.clone()), size);
        // The table ends where the editor panel's splitter is, less the
        // central panel's margin; a scroll bar takes the last points of it.
        let splitter = h
            .get_all_by_role(Role::Splitter)
            .map(|n| n.rect().center().x)
            .fold(f32::MIN, f32::max);
        let style = h.ctx.global_style();
        let margin = egui::Frame::central_panel(&style).inner_margin.right;
        let bar = egui::style::ScrollStyle::floating().bar_width;
        let bar_left = splitter - f32::from(margin) - bar;
        let header = h.get_by_label("Mit.").rect();
        assert!(
            header.right() <= bar_left,
            "{size:?}: the Mit. header ends at {} but the scroll bar starts at {bar_left}",
            header.right()
        );
        let marks: Vec<_> = h.get_all_by_label("✎").map(|n| n.rect()).collect();
        assert!(!marks.is_empty());
        for mark in marks {
            assert!(
                mark.right() <= bar_left,
                "{size:?}: a ✎ mark ends at {} but the scroll bar starts at {bar_left}",
                mark.right()
            );
        }
    }
}

#[test]
fn a_recent_card_opened_only_from_its_project_chip() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    h.state_mut().run_command(Command::CloseWorkbook);
    h.run();
    assert!(h.state().workbook().is_none());

    // The card is one button, named by its project.
    let card = h.get_by_role_and_label(Role::Button, "Payments API");
    assert!(
        card.rect().height() > 40.0,
        "the whole card: {:?}",
        card.rect()
    );

    // A click on the file path line, far from the project name, opens it.
    h.get_by_label(&path.display().to_string()).click();
    h.run();
    assert_eq!(h.state().workbook().unwrap().project, "Payments API");
    assert_eq!(h.state().path(), Some(path.as_path()));

    // And by keyboard: focus the card, press Enter.
    h.state_mut().run_command(Command::CloseWorkbook);
    h.run();
    h.get_by_role_and_label(Role::Button, "Payments API")
        .focus();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().workbook().unwrap().project, "Payments API");
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

/// The colour each piece of text equal to `text` was drawn in this frame,
/// with where it was drawn. AccessKit carries no colours, so this reads the
/// shapes egui handed to the renderer.
fn drawn_text_colors(
    h: &Harness<'static, ShipshapeApp>,
    text: &str,
) -> Vec<(egui::Rect, egui::Color32)> {
    fn walk(shape: &egui::Shape, text: &str, out: &mut Vec<(egui::Rect, egui::Color32)>) {
        match shape {
            egui::Shape::Vec(shapes) => {
                for s in shapes {
                    walk(s, text, out);
                }
            }
            egui::Shape::Text(t) if t.galley.text() == text => {
                let color = t.override_text_color.unwrap_or_else(|| {
                    let c = t
                        .galley
                        .job
                        .sections
                        .first()
                        .map_or(egui::Color32::PLACEHOLDER, |s| s.format.color);
                    if c == egui::Color32::PLACEHOLDER {
                        t.fallback_color
                    } else {
                        c
                    }
                });
                out.push((shape.visual_bounding_rect(), color));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, text, &mut out);
    }
    out
}

/// The colour of the label `text` in the item table (not the editor's date
/// button of the same text).
fn table_text_color(h: &Harness<'static, ShipshapeApp>, text: &str) -> egui::Color32 {
    let node = h
        .get_all_by_role_and_label(Role::Label, text)
        .next()
        .unwrap_or_else(|| panic!("no label {text:?}"));
    let rect = node.rect().expand(1.0);
    let colors: Vec<_> = drawn_text_colors(h, text)
        .into_iter()
        .filter(|(r, _)| rect.contains(r.center()))
        .map(|(_, c)| c)
        .collect();
    assert_eq!(colors.len(), 1, "{text:?} drawn as {colors:?}");
    colors[0]
}

/// Red on both themes: the light theme's dark red and the dark theme's
/// bright one; never the grey of body text.
fn is_red(c: egui::Color32) -> bool {
    c.r() > 150 && c.g() < 120 && c.b() < 120
}

fn is_green(c: egui::Color32) -> bool {
    c.g() > 90 && c.r() < 110 && c.b() < 140
}

#[test]
fn the_table_marks_written_mitigations_and_draws_overdue_dates_red() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut wb = storage::load(&path).unwrap().workbook;
    // Red and due last week: overdue.
    let scaling = wb.item_mut(AUTOSCALING).unwrap();
    scaling.mitigation.text = "Manual scale-up runbook".into();
    scaling.due = NaiveDate::from_ymd_opt(2026, 2, 20);
    // Red but due later: not overdue.
    wb.item_mut("reliability.health-checks").unwrap().due = NaiveDate::from_ymd_opt(2026, 3, 20);
    // Due in the past but done: passes, so not overdue.
    let retries = wb.item_mut("reliability.idempotent-retries").unwrap();
    retries.status = Status::Done;
    retries.due = NaiveDate::from_ymd_opt(2026, 2, 10);
    // Only a blank mitigation: no mark.
    wb.item_mut("reliability.backups").unwrap().mitigation.text = "  \n".into();
    storage::save(&path, &wb).unwrap();
    let wb = storage::load(&path).unwrap().workbook;
    let mut h = harness(dir.path(), Some(path));

    // The mark is a label in the row of the item with a written mitigation,
    // and in no other row.
    let marks: Vec<f32> = h
        .get_all_by_role_and_label(Role::Label, "✎")
        .map(|n| n.rect().center().y)
        .collect();
    let row_of = |title: &str| h.get_all_by_label(title).next().unwrap().rect().center().y;
    let scaling_row = row_of(AUTOSCALING_TITLE);
    assert_eq!(marks.len(), 1, "one mark: {marks:?}");
    assert!(
        (marks[0] - scaling_row).abs() < 10.0,
        "the mark at y={} is not on the row at y={scaling_row}",
        marks[0]
    );
    for id in ["reliability.slos", "reliability.backups"] {
        let row = row_of(&wb.item(id).unwrap().title);
        assert!(
            marks.iter().all(|m| (m - row).abs() >= 10.0),
            "{id} has no mitigation but a mark"
        );
    }

    let overdue = table_text_color(&h, "2026-02-20");
    assert!(is_red(overdue), "overdue date drawn in {overdue:?}");
    for date in ["2026-03-20", "2026-02-10"] {
        let c = table_text_color(&h, date);
        assert!(!is_red(c), "{date} is not overdue but drawn in {c:?}");
    }
    assert!(
        h.query_by_role_and_label(Role::Button, "1 overdue")
            .is_some(),
        "the header counts it"
    );

    // The same holds in the other theme.
    let toggle = if h.ctx.theme() == egui::Theme::Dark {
        "Light mode"
    } else {
        "Dark mode"
    };
    h.get_by_label(toggle).click();
    h.run();
    let overdue = table_text_color(&h, "2026-02-20");
    assert!(is_red(overdue), "overdue date drawn in {overdue:?}");
    let c = table_text_color(&h, "2026-03-20");
    assert!(!is_red(c), "not overdue but drawn in {c:?}");
}

/// A workbook file of `project` launching on `launch`; `ready` makes every
/// item done.
fn workbook_file(dir: &Path, file: &str, project: &str, launch: NaiveDate, ready: bool) -> PathBuf {
    let mut wb = Workbook::from_template(
        &storage::builtin_template(),
        TemplateOptions {
            project: project.into(),
            launch: Some(launch),
        },
    );
    if ready {
        for category in &mut wb.categories {
            for item in &mut category.items {
                item.status = Status::Done;
            }
        }
    } else {
        wb.item_mut(AUTOSCALING).unwrap().status = Status::Done;
    }
    let path = dir.join(file);
    storage::save(&path, &wb).unwrap();
    path
}

#[test]
fn the_start_view_lists_recent_workbooks_with_verdict_and_launch() {
    let dir = tempfile::tempdir().unwrap();
    let ready = workbook_file(
        dir.path(),
        "ledger.shipshape.ron",
        "Ledger",
        NaiveDate::from_ymd_opt(2026, 2, 20).unwrap(),
        true,
    );
    let demo = workbook_file(
        dir.path(),
        "checkout.shipshape.ron",
        "Checkout",
        NaiveDate::from_ymd_opt(2026, 3, 24).unwrap(),
        false,
    );
    let mut recent = storage::recent::RecentFiles::default();
    recent.touch(&demo);
    recent.touch(&ready);
    recent.save(&dir.path().join("recent.ron")).unwrap();

    let mut h = harness(dir.path(), None);
    assert_eq!(h.state().workbook().unwrap().project, "Ledger");
    h.state_mut().run_command(Command::CloseWorkbook);
    h.run();
    assert!(h.state().workbook().is_none());
    assert!(h.query_by_label("Recent workbooks").is_some());

    let cards = [
        (
            "Ledger",
            "Production-ready",
            "Launch 2026-02-20 (launched 9 days ago)",
            &ready,
        ),
        (
            "Checkout",
            "Demo-ready: 24 red",
            "Launch 2026-03-24 (T-23 days)",
            &demo,
        ),
    ];
    let mut tops = Vec::new();
    for (project, verdict, launch, path) in cards {
        let card = h.get_by_role_and_label(Role::Button, project).rect();
        tops.push(card.top());
        let path = std::fs::canonicalize(path).unwrap().display().to_string();
        for text in [project, verdict, launch, path.as_str()] {
            let node = h
                .get_all_by_role_and_label(Role::Label, text)
                .next()
                .unwrap_or_else(|| panic!("{project}: no {text:?}"));
            assert!(
                card.contains_rect(node.rect()),
                "{project}: {text:?} at {:?} is outside its card {card:?}",
                node.rect()
            );
        }
    }
    assert!(tops[0] < tops[1], "most recent first: {tops:?}");

    let color = |text: &str| {
        let colors = drawn_text_colors(&h, text);
        assert_eq!(colors.len(), 1, "{text:?}: {colors:?}");
        colors[0].1
    };
    assert!(is_green(color("Production-ready")));
    assert!(is_red(color("Demo-ready: 24 red")));
}

#[test]
fn the_header_counts_down_to_launch_from_the_apps_today() {
    let dir = tempfile::tempdir().unwrap();
    // Launch 2026-04-01; the app's "today" is 2026-03-01.
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    assert!(h.query_by_label("Launch 2026-04-01").is_some());
    assert!(h.query_by_label("T-31 days").is_some());
    assert!(h.query_by_label_contains("launched").is_none());

    for (launch, words) in [
        ((2026, 3, 2), "T-1 day"),
        ((2026, 3, 1), "launch day"),
        ((2026, 2, 28), "launched yesterday"),
        ((2026, 2, 20), "launched 9 days ago"),
    ] {
        let launch = NaiveDate::from_ymd_opt(launch.0, launch.1, launch.2).unwrap();
        let file = format!("{launch}.shipshape.ron");
        let path = workbook_file(dir.path(), &file, "Other", launch, false);
        open_by_path(&mut h, &path);
        assert_eq!(h.state().workbook().unwrap().launch, Some(launch));
        assert!(
            h.query_by_label(words).is_some(),
            "launch {launch}: no {words:?}"
        );
        let stale = if words.starts_with("T-") {
            "launched"
        } else {
            "T-"
        };
        assert!(
            h.query_by_label_contains(stale).is_none(),
            "launch {launch}: {words:?} and also {stale:?}"
        );
    }
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
