//! The window and the file on disk: changes made under it are reloaded or
//! merged, Save never overwrites what it has not seen, a vanished,
//! read-only, newer or commented file is handled in the open, crashes
//! leave a recovery copy that is offered back, and History restores.

use std::path::Path;
use std::time::{Duration, Instant};

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use proptest::prelude::*;
use shipshape::model::{Status, Workbook};
use shipshape::storage::{self, StateDir};
use shipshape::ui::{Command, ShipshapeApp};

use super::{AUTOSCALING, AUTOSCALING_TITLE, ctrl, fixture, harness, item, select_row};

/// The template's first item: "the other item" a teammate changes.
const SLOS: &str = "reliability.slos";

/// Changes the file on disk as a teammate's `git pull` or `shipshape set`
/// would.
fn change_on_disk(path: &Path, change: impl FnOnce(&mut Workbook)) {
    let mut wb = storage::load(path).unwrap().workbook;
    change(&mut wb);
    storage::save(path, &wb).unwrap();
}

fn on_disk(path: &Path) -> Workbook {
    storage::load(path).unwrap().workbook
}

fn save(h: &mut Harness<'static, ShipshapeApp>) {
    h.key_press_modifiers(ctrl(), Key::S);
    h.run();
}

/// Sets the template's second item done in the window (unsaved).
fn edit_autoscaling(h: &mut Harness<'static, ShipshapeApp>) {
    select_row(h, AUTOSCALING_TITLE);
    h.key_press(Key::Num3);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::Done);
}

#[test]
fn a_change_on_disk_reloads_in_place_keeping_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    select_row(&mut h, AUTOSCALING_TITLE);
    change_on_disk(&path, |wb| wb.item_mut(SLOS).unwrap().owner = "Dana".into());

    h.state_mut().check_disk_now();
    h.run();
    assert_eq!(item(h.state(), SLOS).owner, "Dana");
    assert_eq!(h.state().selected(), Some(AUTOSCALING));
    assert!(
        !h.state_mut().is_dirty(),
        "the window holds what the file holds"
    );
    assert_eq!(
        h.state().note(),
        Some("Reloaded: 1 item changed (owner) on disk.")
    );
}

#[test]
fn save_after_a_git_pull_keeps_the_teammates_change() {
    // Regression: the window's save silently reverted a change made on disk
    // meanwhile, and said "Saved".
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    edit_autoscaling(&mut h);
    change_on_disk(&path, |wb| wb.item_mut(SLOS).unwrap().owner = "Dana".into());

    save(&mut h);
    let disk = on_disk(&path);
    assert_eq!(disk.item(SLOS).unwrap().owner, "Dana", "theirs kept");
    assert_eq!(
        disk.item(AUTOSCALING).unwrap().status,
        Status::Done,
        "ours saved"
    );
    assert!(!h.state_mut().is_dirty());
    assert_eq!(item(h.state(), SLOS).owner, "Dana");
    let note = h.state().note().unwrap_or_default().to_owned();
    assert!(
        note.contains("with what changed on disk meanwhile merged in (1 item changed (owner))"),
        "{note}"
    );
}

#[test]
fn unsaved_edits_merge_with_a_change_on_disk_and_stay_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    edit_autoscaling(&mut h);
    change_on_disk(&path, |wb| wb.item_mut(SLOS).unwrap().owner = "Dana".into());

    h.state_mut().check_disk_now();
    h.run();
    assert_eq!(item(h.state(), SLOS).owner, "Dana");
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::Done);
    assert!(h.state_mut().is_dirty());
    let note = h.state().note().unwrap_or_default().to_owned();
    assert!(note.contains("merged with your unsaved edits"), "{note}");
    assert_eq!(
        on_disk(&path).item(AUTOSCALING).unwrap().status,
        Status::NotStarted,
        "merging does not save"
    );
}

#[test]
fn a_clash_with_the_disk_stops_the_save_and_shows_the_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    edit_autoscaling(&mut h);
    change_on_disk(&path, |wb| {
        wb.item_mut(AUTOSCALING).unwrap().status = Status::InProgress;
    });

    save(&mut h);
    assert_eq!(
        on_disk(&path).item(AUTOSCALING).unwrap().status,
        Status::InProgress,
        "the teammate's value is not overwritten unseen"
    );
    assert_eq!(item(h.state(), AUTOSCALING).conflicts.len(), 1);
    assert!(
        h.state()
            .warnings()
            .iter()
            .any(|w| w.contains("1 conflict(s)")),
        "{:?}",
        h.state().warnings()
    );
    // Resolved in the window, the next save goes through with the choice.
    h.get_by_label_contains("Keep theirs").click();
    h.run();
    save(&mut h);
    assert_eq!(
        on_disk(&path).item(AUTOSCALING).unwrap().status,
        Status::InProgress
    );
    assert!(!h.state_mut().is_dirty());
}

#[test]
fn a_file_deleted_on_disk_is_not_recreated_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    edit_autoscaling(&mut h);
    std::fs::remove_file(&path).unwrap();

    save(&mut h);
    assert!(
        !path.exists(),
        "a renamed file must not come back as a duplicate"
    );
    assert!(
        h.query_by_label_contains("was deleted or renamed on disk")
            .is_some()
    );
    h.get_by_label("Save here").click();
    h.run();
    assert_eq!(
        on_disk(&path).item(AUTOSCALING).unwrap().status,
        Status::Done
    );
    assert!(
        h.query_by_label_contains("was deleted or renamed")
            .is_none()
    );
}

#[test]
fn a_newer_format_appearing_on_disk_is_not_saved_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    edit_autoscaling(&mut h);
    let newer = std::fs::read_to_string(&path).unwrap().replacen(
        "notes: \"\",\n",
        "notes: \"\",\n                    risk: High,\n",
        1,
    );
    std::fs::write(&path, &newer).unwrap();

    save(&mut h);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
    assert!(
        h.state()
            .errors()
            .iter()
            .any(|e| e.contains("newer Shipshape")),
        "{:?}",
        h.state().errors()
    );
}

#[test]
fn an_unreadable_file_on_disk_is_not_saved_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    edit_autoscaling(&mut h);
    std::fs::write(&path, "<<<<<<< ours\n").unwrap();

    save(&mut h);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "<<<<<<< ours\n");
    assert!(
        h.state()
            .errors()
            .iter()
            .any(|e| e.contains("does not read as a workbook")),
        "{:?}",
        h.state().errors()
    );
    assert!(h.state_mut().is_dirty());
}

#[cfg(unix)]
#[test]
fn a_read_only_file_opens_read_only_and_save_refuses() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut h = harness(dir.path(), Some(path.clone()));
    assert!(
        h.query_by_label("Read-only: Save As to keep changes")
            .is_some()
    );
    edit_autoscaling(&mut h);

    save(&mut h);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(h.state_mut().is_dirty());
    assert!(
        h.state().errors().iter().any(|e| e.contains("read-only")),
        "{:?}",
        h.state().errors()
    );
}

#[test]
fn comments_are_warned_about_once_before_the_save_that_drops_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("// Owned by the platform team.\n{text}")).unwrap();
    let mut h = harness(dir.path(), Some(path.clone()));
    edit_autoscaling(&mut h);

    save(&mut h);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("// Owned")
    );
    assert!(
        h.state()
            .warnings()
            .iter()
            .any(|w| w.contains("has comments")),
        "{:?}",
        h.state().warnings()
    );
    save(&mut h);
    assert_eq!(
        on_disk(&path).item(AUTOSCALING).unwrap().status,
        Status::Done
    );
}

fn recovery_dir(dir: &Path) -> StateDir {
    StateDir::at(dir.join("state"))
}

/// Waits until `done` holds: the recovery copies are written and removed
/// by a thread beside the window.
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(20), "{what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for a recovery copy of `file` that reads as `expected`.
fn wait_for_recovery(dir: &Path, file: &Path, expected: &Workbook) {
    wait_until("a recovery copy equal to the window's workbook", || {
        let copy = recovery_dir(dir)
            .recoveries()
            .for_file(file)
            .and_then(|r| r.load().ok());
        copy.as_ref().map(|l| &l.workbook) == Some(expected)
    });
}

fn no_recovery(dir: &Path, file: &Path) -> bool {
    recovery_dir(dir).recoveries().for_file(file).is_none()
}

#[test]
fn a_crash_leaves_a_recovery_copy_that_the_next_start_offers() {
    // Regression: a kill, a logout or a window-system crash lost every
    // unsaved edit and offered nothing on restart.
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    edit_autoscaling(&mut h);
    let edited = h.state().workbook().unwrap().clone();
    wait_for_recovery(dir.path(), &path, &edited);
    drop(h); // the crash: nothing saved

    let mut h = harness(dir.path(), Some(path.clone()));
    assert!(super::dialog_open(&h, "Recover unsaved changes from"));
    assert!(
        h.query_by_label_contains("1 item changed (status, verified)")
            .is_some()
    );
    h.get_by_label("Recover").click();
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::Done);
    assert!(h.state_mut().is_dirty(), "recovered, not saved yet");
    save(&mut h);
    assert_eq!(
        on_disk(&path).item(AUTOSCALING).unwrap().status,
        Status::Done
    );
    wait_until("a save removes the copy", || no_recovery(dir.path(), &path));
}

#[test]
fn recovering_over_a_file_changed_since_merges_instead_of_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    edit_autoscaling(&mut h);
    let edited = h.state().workbook().unwrap().clone();
    wait_for_recovery(dir.path(), &path, &edited);
    drop(h);
    change_on_disk(&path, |wb| wb.item_mut(SLOS).unwrap().owner = "Dana".into());

    let mut h = harness(dir.path(), Some(path.clone()));
    h.get_by_label("Recover").click();
    h.run();
    assert_eq!(
        item(h.state(), AUTOSCALING).status,
        Status::Done,
        "the edits"
    );
    assert_eq!(
        item(h.state(), SLOS).owner,
        "Dana",
        "the file's new content"
    );
}

#[test]
fn discarding_a_recovery_copy_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut h = harness(dir.path(), Some(path.clone()));
    edit_autoscaling(&mut h);
    let edited = h.state().workbook().unwrap().clone();
    wait_for_recovery(dir.path(), &path, &edited);
    drop(h);

    let mut h = harness(dir.path(), Some(path.clone()));
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::NotStarted);
    wait_until("Discard removes the copy", || {
        no_recovery(dir.path(), &path)
    });
    drop(h);
    let h = harness(dir.path(), Some(path));
    assert!(h.query_by_label_contains("Recover unsaved").is_none());
}

#[test]
fn history_restores_a_version_as_an_undoable_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let original = on_disk(&path);
    let mut h = harness(dir.path(), Some(path.clone()));
    edit_autoscaling(&mut h);
    save(&mut h);

    h.state_mut().run_command(Command::History);
    h.run();
    assert!(super::dialog_open(&h, "History of payments.shipshape.ron"));
    h.get_all_by_label_contains("#1 ").next().unwrap().click();
    h.run();
    h.get_by_label("Restore this version").click();
    h.run();
    assert_eq!(h.state().workbook(), Some(&original));
    assert!(h.state_mut().is_dirty());
    h.key_press_modifiers(ctrl(), Key::Z);
    h.run();
    assert_eq!(item(h.state(), AUTOSCALING).status, Status::Done, "undone");
}

/// Edits the window can make, for the property below.
#[derive(Debug, Clone)]
enum Edit {
    Status(usize),
    Next,
    Undo,
    Redo,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..5).prop_map(Edit::Status),
        Just(Edit::Next),
        Just(Edit::Undo),
        Just(Edit::Redo),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn the_recovery_copy_always_loads_and_equals_the_windows_workbook(
        edits in prop::collection::vec(edit(), 1..12)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = fixture(dir.path());
        let mut h = harness(dir.path(), Some(path.clone()));
        for e in edits {
            let command = match e {
                Edit::Status(s) => Command::SetStatus(Status::ALL[s]),
                Edit::Next => Command::SelectNext,
                Edit::Undo => Command::Undo,
                Edit::Redo => Command::Redo,
            };
            h.state_mut().run_command(command);
            h.run();
        }
        let window = h.state().workbook().unwrap().clone();
        if h.state_mut().is_dirty() {
            wait_for_recovery(dir.path(), &path, &window);
        } else {
            wait_until("nothing unsaved, no copy", || no_recovery(dir.path(), &path));
        }
    }
}
