//! The start view and new workbooks: first run, reopening the last
//! workbook, recent-workbook cards, New from the template or another
//! workbook.

use chrono::NaiveDate;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use shipshape::model::Status;
use shipshape::storage;
use shipshape::ui::Command;

use super::{
    ctrl, drawn_text_colors, fixture, harness, is_green, is_red, today, type_into, workbook_file,
};

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
    // Which file is missing: its path under the error.
    assert!(
        h.query_by_label(&gone.display().to_string()).is_some(),
        "the missing file's path is shown"
    );
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
