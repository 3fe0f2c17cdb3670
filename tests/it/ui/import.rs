//! Importing in the window: a checklist dropped on it (or chosen with
//! File → Import checklist…) shows a preview — counts, categories, first
//! items, every warning — whose choices change the import, and Create
//! makes an unsaved workbook as New does.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shipshape::ui::{Command, ShipshapeApp};

use super::{answer_path_field, fixture, harness};

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

/// Two task items, a table of two checks and a contacts table.
const LAUNCH_MD: &str = "# Launch checklist\n\n## Security\n- [ ] Pen test booked\n- [x] Secrets rotated\n\n## Operations\n\n| Check | Status |\n| --- | --- |\n| Runbook written | done |\n| On-call staffed | |\n\n## Contacts\n\n| Name | Phone |\n| --- | --- |\n| Ann | 123 |\n";

fn drop_file(h: &mut Harness<'static, ShipshapeApp>, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_owned())));
    h.run();
}

fn shows(h: &Harness<'static, ShipshapeApp>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

#[test]
fn a_dropped_markdown_checklist_is_previewed_reshaped_and_created() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("launch.md");
    std::fs::write(&md, LAUNCH_MD).unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    drop_file(&mut h, &md);
    assert!(h.query_by_label("Import checklist").is_some());
    assert!(shows(&h, "launch.md — Markdown"));
    assert!(h.query_by_label("4 items in 2 categories").is_some());
    assert!(h.query_by_label("Security (2)").is_some());
    assert!(h.query_by_label("Operations › Runbook written").is_some());
    assert!(h.query_by_label("Warnings (1)").is_some());
    assert!(shows(&h, "table (Name | Phone) skipped: it lists contacts"));
    assert_eq!(
        h.state().workbook().unwrap().project,
        "Payments API",
        "nothing changes before Create"
    );
    // Only the task lists: the table rows are left out, with a warning.
    h.get_by_role_and_label(Role::RadioButton, "Task lists")
        .click();
    h.run();
    assert!(h.query_by_label("2 items in 1 category").is_some());
    assert!(h.query_by_label("Warnings (2)").is_some());
    assert!(shows(&h, "2 table rows not read as items"));
    // Headings find nothing here: the preview says why, and offers no Create.
    h.get_by_role_and_label(Role::RadioButton, "Headings")
        .click();
    h.run();
    assert!(shows(&h, "Cannot import: found no checklist items"));
    assert!(h.query_by_label("Create workbook").is_none());
    h.get_by_role_and_label(Role::RadioButton, "Table rows")
        .click();
    h.run();
    assert!(h.query_by_label("2 items in 1 category").is_some());
    h.get_by_label("Create workbook").click();
    h.run();
    let wb = h.state().workbook().unwrap();
    assert_eq!(wb.project, "Launch checklist");
    let titles: Vec<&str> = wb.items().map(|(_, i)| i.title.as_str()).collect();
    assert_eq!(titles, ["Runbook written", "On-call staffed"]);
    assert_eq!(h.state().path(), None, "unsaved, as New makes it");
    assert!(h.query_by_label("Import checklist").is_none());
    assert!(shows(&h, "Save (Ctrl+S) picks its file"));
}

#[test]
fn file_import_checklist_previews_a_csv_and_cancel_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("team.csv");
    std::fs::write(
        &csv,
        "Area,Check,Status,Owner,Severity\nSecurity,MFA for admins,Done,Ann,High\n,Secrets rotated,Open,Bo,Low\n",
    )
    .unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.state_mut().run_command(Command::ImportChecklist);
    h.run();
    answer_path_field(&mut h, "Path", &csv);
    h.run();
    assert!(shows(&h, "team.csv — CSV"));
    assert!(h.query_by_label("2 items in 1 category").is_some());
    assert!(h.query_by_label("Project: team").is_some());
    assert!(shows(&h, "kept in each item's description"));
    assert!(
        h.query_by_role_and_label(Role::RadioButton, "Task lists")
            .is_none()
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Import checklist").is_none());
    assert_eq!(h.state().workbook().unwrap().project, "Payments API");
}

#[test]
fn creating_over_unsaved_edits_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("launch.md");
    std::fs::write(&md, LAUNCH_MD).unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.key_press(egui::Key::Num3);
    h.run();
    assert!(h.state_mut().is_dirty());
    drop_file(&mut h, &md);
    h.get_by_label("Create workbook").click();
    h.run();
    assert_eq!(
        h.state().workbook().unwrap().project,
        "Payments API",
        "not replaced yet"
    );
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().workbook().unwrap().project, "Launch checklist");
}

#[test]
fn a_dropped_file_that_does_not_import_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("notes.json");
    std::fs::write(&json, "# Notes\n\n- [ ] not JSON at all\n").unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    drop_file(&mut h, &json);
    assert!(shows(
        &h,
        "Cannot import: this looks like Markdown, not JSON (an Azure review checklist)"
    ));
    assert!(h.query_by_label("Create workbook").is_none());
}

/// The start view, where a new team arrives with its own checklist,
/// offers the import beside Open and says checklists can be dropped.
#[test]
fn the_start_view_offers_import_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("team.csv");
    std::fs::write(&csv, "Check,Status\nMFA for admins,Done\n").unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    h.state_mut().run_command(Command::CloseWorkbook);
    h.run();
    assert!(h.query_by_label("Recent workbooks").is_some(), "start view");
    assert!(shows(&h, "a checklist to import (.md, .csv, .xlsx"));
    h.get_by_label_contains("Import checklist…").click();
    h.run();
    answer_path_field(&mut h, "Path", &csv);
    h.run();
    assert!(h.query_by_label("1 item in 1 category").is_some());
    // Enter is the preview's default button (the New form beside has a
    // Create workbook of its own).
    h.key_press(egui::Key::Enter);
    h.run();
    let wb = h.state().workbook().unwrap();
    assert_eq!(wb.items().next().unwrap().1.title, "MFA for admins");
}
