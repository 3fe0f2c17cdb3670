//! Importing in the window: a checklist dropped on it (or chosen with
//! File → Import checklist…) shows a preview — counts, categories, first
//! items, every warning — whose choices change the import, and Create
//! makes an unsaved workbook as New does.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use shipshape::ui::{Command, ShipshapeApp};

use super::{answer_path_field, ctrl, fixture, harness, harness_zoomed};

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

/// The app with the fixture workbook open and `name` (holding `contents`)
/// dropped on it: the import preview of that file.
fn dropped(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> Harness<'static, ShipshapeApp> {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    let mut h = harness(dir, Some(fixture(dir)));
    drop_file(&mut h, &path);
    h
}

fn shows(h: &Harness<'static, ShipshapeApp>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

#[test]
fn a_dropped_markdown_checklist_is_previewed_reshaped_and_created() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = dropped(dir.path(), "launch.md", LAUNCH_MD);
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
    assert!(
        !shows(&h, "Under Columns"),
        "Markdown has no columns to advise on"
    );
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
    // The window's way to map a column, not the command line's.
    assert!(shows(&h, "Under Columns, a column kept in the description"));
    assert!(!shows(&h, "--map"));
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
    let h = dropped(
        dir.path(),
        "notes.json",
        "# Notes\n\n- [ ] not JSON at all\n",
    );
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

/// Picks `target` in the combo of column `column` of the preview's Columns.
fn set_column(h: &mut Harness<'static, ShipshapeApp>, column: &str, target: &str) {
    h.get_by_role_and_label(Role::ComboBox, column).click();
    h.run();
    // The list scrolls: the last entries are out of sight until asked for.
    popup_entry(h, target).scroll_to_me();
    h.run();
    popup_entry(h, target).click();
    h.run();
}

/// The open combo popup's entry `label`: the workbook behind the preview
/// has labels of the same names, the popup alone has "Kept in the
/// description" beside.
fn popup_entry<'h>(
    h: &'h Harness<'static, ShipshapeApp>,
    label: &'h str,
) -> egui_kittest::Node<'h> {
    h.get_all_by_label(label)
        .find(|n| {
            n.parent()
                .is_some_and(|p| p.query_by_label("Kept in the description").is_some())
        })
        .unwrap()
}

/// A team's sheet whose column of checks has a name no guess knows: the
/// preview cannot import it, says so, and opens the columns; naming the
/// column Title imports it, and another column can be given a field or
/// left out — what `--map` does on the command line.
#[test]
fn a_sheet_with_an_unknown_check_column_is_mapped_in_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = dropped(
        dir.path(),
        "controls.csv",
        "Domain,Control objective,Steward,Severity\nSecurity,MFA for admins,Ann,High\n,Secrets rotated,Bo,Low\n",
    );
    assert!(shows(&h, "Cannot import: no title column"));
    assert!(shows(&h, "set the column that holds the checks to Title"));
    assert!(
        !shows(&h, "--map"),
        "the command line's flag, in the window"
    );
    assert!(h.query_by_label("Columns (4)").is_some());
    assert!(h.query_by_label("Create workbook").is_none());

    set_column(&mut h, "Control objective", "Title");
    assert!(h.query_by_label("2 items in 1 category").is_some());
    assert!(shows(&h, "Security › MFA for admins"));
    assert!(shows(&h, "\"Steward\", \"Severity\""), "both kept as facts");

    set_column(&mut h, "Steward", "Owner");
    set_column(&mut h, "Severity", "Left out");
    assert!(
        h.query_by_label("No warnings: nothing in the file was left out.")
            .is_some()
    );
    h.get_by_label("Create workbook").click();
    h.run();
    let wb = h.state().workbook().unwrap();
    let items: Vec<(&str, &str, &str)> = wb
        .items()
        .map(|(_, i)| (i.title.as_str(), i.owner.as_str(), i.description.as_str()))
        .collect();
    assert_eq!(
        items,
        [("MFA for admins", "Ann", ""), ("Secrets rotated", "Bo", "")]
    );
}

/// A guessed column can be given another field, and the guesses come back
/// with one click.
#[test]
fn a_guessed_column_is_changed_and_the_guesses_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = dropped(
        dir.path(),
        "team.csv",
        "Check,Comments\nMFA for admins,Accepted by Ann\n",
    );
    assert!(h.query_by_label("1 item in 1 category").is_some());
    h.get_by_label("Columns (2)").click();
    h.run();
    assert!(
        h.query_by_role_and_label(Role::ComboBox, "Comments")
            .is_some_and(|c| c.value().as_deref() == Some("Notes")),
        "Comments are guessed to be notes"
    );
    assert!(h.query_by_label("Use the guessed columns").is_none());
    assert!(
        !shows(&h, "a column kept in the description"),
        "no column is kept, so none to map"
    );
    set_column(&mut h, "Comments", "Mitigation");
    h.get_by_label("Use the guessed columns").click();
    h.run();
    assert!(h.query_by_label("Use the guessed columns").is_none());
    set_column(&mut h, "Comments", "Mitigation");
    h.get_by_label("Create workbook").click();
    h.run();
    let wb = h.state().workbook().unwrap();
    let item = wb.items().next().unwrap().1;
    assert_eq!(item.mitigation.text, "Accepted by Ann");
    assert_eq!(item.notes, "");
}

/// A spreadsheet of several sheets: the preview reads the first with a
/// checklist, Sheet picks another, and the columns follow the sheet (a
/// column given a field on one sheet is not looked for on the next).
#[test]
fn a_spreadsheets_sheet_is_chosen_in_the_preview_and_its_columns_follow() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("team-readiness.xlsx");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checklists/team-readiness.xlsx"),
        &xlsx,
    )
    .unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    drop_file(&mut h, &xlsx);
    assert!(shows(&h, "team-readiness.xlsx — a spreadsheet"));
    assert!(h.query_by_label("3 items in 2 categories").is_some());
    h.get_by_label("Columns (7)").click();
    h.run();
    set_column(&mut h, "Priority", "Left out");
    assert!(h.query_by_label("Use the guessed columns").is_some());
    // With its column of checks left out, no sheet has a checklist: the
    // preview says to choose the sheet and the column, the window's way.
    set_column(&mut h, "Check", "Left out");
    assert!(shows(&h, "Cannot import: no sheet has a checklist"));
    assert!(shows(&h, "Choose the sheet with the checklist under Sheet"));
    assert!(!shows(&h, "--sheet"));
    h.get_by_role_and_label(Role::ComboBox, "Sheet").click();
    h.run();
    h.get_by_label("Checklist").click();
    h.run();
    assert!(
        h.query_by_label("3 items in 2 categories").is_some(),
        "a sheet chosen starts from the guessed columns"
    );
    set_column(&mut h, "Priority", "Left out");

    h.get_by_role_and_label(Role::ComboBox, "Sheet").click();
    h.run();
    h.get_by_label("Instructions").click();
    h.run();
    assert!(shows(
        &h,
        "Cannot import: sheet \"Instructions\": no title column"
    ));
    assert!(
        h.query_by_label("Columns (1)").is_some(),
        "the instructions' one column, with no map left over from the checklist"
    );
    assert!(h.query_by_label("Use the guessed columns").is_none());

    h.get_by_role_and_label(Role::ComboBox, "Sheet").click();
    h.run();
    h.get_by_label("The first with a checklist").click();
    h.run();
    assert!(h.query_by_label("3 items in 2 categories").is_some());
    h.get_by_label("Create workbook").click();
    h.run();
    let wb = h.state().workbook().unwrap();
    assert_eq!(
        wb.items().next().unwrap().1.description,
        "Priority: 1",
        "the guess again"
    );
}

/// On a projector the room reads the dialog too: Ctrl+= and Ctrl+- zoom
/// while the import preview is open (they did nothing before), and the
/// workbook's own shortcuts still do not act behind it.
#[test]
fn zoom_shortcuts_act_while_a_dialog_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = dropped(dir.path(), "launch.md", LAUNCH_MD);
    assert!(h.query_by_label("Import checklist").is_some());
    h.key_press_modifiers(ctrl(), egui::Key::Equals);
    h.run();
    assert!((h.ctx.zoom_factor() - 1.1).abs() < 1e-3);
    h.key_press_modifiers(ctrl(), egui::Key::Minus);
    h.run();
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-3);
    h.key_press(egui::Key::Num3);
    h.run();
    assert!(!h.state_mut().is_dirty(), "no status set behind the dialog");
    assert!(h.query_by_label("Import checklist").is_some());
}

/// At 1024×768 and 150 % (683×512 points) the preview of a sheet with its
/// columns open was taller than the window: the heading and the buttons were
/// off screen, above and below. The body scrolls instead; the whole dialog,
/// heading and buttons included, stays in the window while it grows.
#[test]
fn a_tall_import_preview_keeps_heading_and_buttons_on_a_projector_screen() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("controls.csv");
    let header = "Domain,Control objective,Steward,Severity,Ref,Link,Area,Tier,Phase,Risk";
    let rows: String = (1..=12)
        .map(|n| format!("Security,Control {n},Ann,High,R-{n},x,y,1,2,3\n"))
        .collect();
    std::fs::write(&csv, format!("{header}\n{rows}")).unwrap();
    let mut h = harness_zoomed(dir.path(), Some(fixture(dir.path())), [1024.0, 768.0], 1.5);
    drop_file(&mut h, &csv);
    // The modal centres itself on its size of the frame before.
    h.run();
    let on_screen = |h: &Harness<'static, ShipshapeApp>, label: &str| {
        let screen = h.ctx.content_rect();
        for node in h.get_all_by_label(label) {
            let r = node.rect();
            assert!(
                screen.expand(0.5).contains_rect(r),
                "{label:?} at {r:?} is not inside the window {screen:?}"
            );
        }
    };
    assert!(shows(&h, "Cannot import: no title column"));
    on_screen(&h, "Import checklist");
    on_screen(&h, "Cancel");

    set_column(&mut h, "Control objective", "Title");
    h.run();
    assert!(h.query_by_label("12 items in 1 category").is_some());
    assert!(shows(&h, "… and 4 more"), "the first 8 items are listed");
    on_screen(&h, "Import checklist");
    on_screen(&h, "Create workbook");
    on_screen(&h, "Cancel");
    // The body takes the window's height, less the 16-point gap and the
    // frame above and below.
    let gaps = (
        h.get_by_label("Import checklist").rect().top(),
        h.ctx.content_rect().bottom() - h.get_by_label("Cancel").rect().bottom(),
    );
    assert!(
        (16.0..=24.0).contains(&gaps.0) && (16.0..=24.0).contains(&gaps.1),
        "gaps above and below the dialog: {gaps:?}"
    );
    h.get_by_label("Create workbook").click();
    h.run();
    assert_eq!(h.state().workbook().unwrap().item_count(), 12);
}

/// The preview lists the first eight items, and counts the rest.
#[test]
fn the_preview_lists_eight_items_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Some(fixture(dir.path())));
    for (n, more) in [(8, None), (9, Some("… and 1 more"))] {
        let csv = dir.path().join(format!("checks-{n}.csv"));
        let rows: String = (1..=n).map(|i| format!("Check {i}\n")).collect();
        std::fs::write(&csv, format!("Check\n{rows}")).unwrap();
        drop_file(&mut h, &csv);
        assert!(shows(&h, &format!("› Check {}", n.min(8))), "{n}");
        assert_eq!(
            h.query_by_label_contains("… and ").is_some(),
            more.is_some()
        );
        if let Some(more) = more {
            assert!(shows(&h, more), "{n}");
        }
        h.get_by_label("Cancel").click();
        h.run();
    }
}

/// egui keeps a scroll area's offset by its ID, and every preview's body
/// has the same: a preview scrolled to its end and closed made the next one
/// open scrolled down, its choices out of sight. Each opens at the top.
#[test]
fn a_new_import_preview_opens_scrolled_to_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("checks.csv");
    let rows: String = (1..=12).map(|n| format!("Check {n},a,b,c,d,e\n")).collect();
    std::fs::write(&csv, format!("Check,S,T,U,V,W\n{rows}")).unwrap();
    let mut h = harness_zoomed(dir.path(), Some(fixture(dir.path())), [1024.0, 768.0], 1.5);
    drop_file(&mut h, &csv);
    h.get_by_label("Columns (6)").click();
    h.run();
    // The columns' heading, below the file's name: where the body begins.
    let offset = |h: &Harness<'static, ShipshapeApp>| {
        h.get_by_label("Columns (6)").rect().top()
            - h.get_by_label_contains("checks.csv — ").rect().bottom()
    };
    let at_top = offset(&h);
    h.get_by_label_contains("a column kept in the description")
        .scroll_to_me();
    h.run();
    assert!(offset(&h) < at_top - 50.0, "scrolled down: {}", offset(&h));
    h.get_by_label("Cancel").click();
    h.run();
    drop_file(&mut h, &csv);
    assert!(
        (offset(&h) - at_top).abs() < 1.0,
        "the new preview at the top: {} against {at_top}",
        offset(&h)
    );
}
