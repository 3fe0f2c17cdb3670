//! Workbooks with fields too long to edit (a log pasted into the notes): a
//! 60 MB note once made the window black and took gigabytes, and, being
//! on the recent list already, did so again at every later start. Such a
//! field is shown cut and read-only with its size and an export button,
//! nothing drawn is longer than the bound, and a file joins the recent
//! list only once a frame has shown it.

use std::path::{Path, PathBuf};

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use shipshape::model::{Conflict, Workbook};
use shipshape::storage;
use shipshape::ui::{Command, ShipshapeApp};

use super::{answer_path_field, ctrl, fixture, harness, type_into};

/// The template's first item, selected when a workbook opens.
const SLOS: &str = "reliability.slos";

/// Just over the 100,000 characters a field can be edited up to.
fn long_text(word: &str) -> String {
    let line = format!("{word} 2026-03-01T12:00:00Z worker-7 request handled\n");
    line.repeat(100_001 / line.len() + 1)
}

/// The fixture with `change` applied and saved.
fn workbook_with(dir: &Path, change: impl FnOnce(&mut Workbook)) -> PathBuf {
    let path = fixture(dir);
    let mut wb = storage::load(&path).unwrap().workbook;
    change(&mut wb);
    storage::save(&path, &wb).unwrap();
    path
}

fn notes_notice(note: &str) -> String {
    let kb = note.len().div_ceil(1024);
    format!("Notes: {kb} KB — too long to edit here; shown cut")
}

#[test]
fn a_note_too_long_to_edit_is_shown_cut_and_read_only_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let note = long_text("note");
    let path = workbook_with(dir.path(), |wb| {
        wb.item_mut(SLOS).unwrap().notes = note.clone()
    });
    let h = harness(dir.path(), Some(path));
    assert_eq!(h.state().selected(), Some(SLOS));

    let notice = notes_notice(&note);
    let shown = h.get_by_role_and_label(Role::MultilineTextInput, &notice);
    assert!(shown.accesskit_node().is_read_only());
    let value = shown.value().unwrap();
    assert!(value.chars().count() <= 3_000, "{}", value.len());
    assert!(note.starts_with(value.trim_end_matches('…')));
    assert!(h.query_by_label("Export the full notes…").is_some());
    assert!(
        h.query_by_role_and_label(Role::MultilineTextInput, "Notes")
            .is_none(),
        "no editable notes field"
    );
}

#[test]
fn exporting_a_too_long_note_writes_the_whole_text() {
    let dir = tempfile::tempdir().unwrap();
    let note = long_text("note");
    let path = workbook_with(dir.path(), |wb| {
        wb.item_mut(SLOS).unwrap().notes = note.clone()
    });
    let mut h = harness(dir.path(), Some(path.clone()));
    h.get_by_label("Export the full notes…").scroll_to_me();
    h.run();
    h.get_by_label("Export the full notes…").click();
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Dialog, "Export the full text to")
            .is_some()
    );
    let out = dir.path().join("slos-notes.txt");
    answer_path_field(&mut h, "Path", &dir.path().join("slos-notes"));
    h.run();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), note);
    let said = h.state().note().unwrap_or_default().to_owned();
    assert!(said.starts_with("Saved the full notes"), "{said}");
    assert!(!h.state_mut().is_dirty(), "exporting is not an edit");
    assert_eq!(
        storage::load(&path)
            .unwrap()
            .workbook
            .item(SLOS)
            .unwrap()
            .notes,
        note
    );
}

/// Every piece of text drawn this frame, by its length in characters.
fn longest_drawn_text(h: &Harness<'static, ShipshapeApp>) -> usize {
    fn walk(shape: &egui::Shape, longest: &mut usize) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, longest)),
            egui::Shape::Text(t) => *longest = (*longest).max(t.galley.text().chars().count()),
            _ => {}
        }
    }
    let mut longest = 0;
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut longest);
    }
    longest
}

#[test]
fn no_text_drawn_is_longer_than_the_bound() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_with(dir.path(), |wb| {
        wb.project = long_text("project");
        wb.description = long_text("description");
        wb.categories[0].name = long_text("category");
        let item = wb.item_mut(SLOS).unwrap();
        item.title = long_text("title");
        item.description = long_text("description");
        item.owner = long_text("owner");
        item.mitigation.text = long_text("mitigation");
        item.mitigation.accepted_by = long_text("accepted");
        item.notes = long_text("note");
        item.evidence = vec![format!("https://example.com/{}", "x".repeat(100_001))];
        item.conflicts.push(Conflict {
            field: "notes".into(),
            ours: long_text("ours"),
            theirs: long_text("theirs"),
        });
        wb.conflicts.push(Conflict {
            field: "description".into(),
            ours: long_text("ours"),
            theirs: long_text("theirs"),
        });
    });
    let mut h = harness(dir.path(), Some(path));
    assert_eq!(h.state().selected(), Some(SLOS));
    // 3,000 characters of a text, and the few words of its label.
    let bound = 3_100;
    assert!(
        longest_drawn_text(&h) <= bound,
        "{}",
        longest_drawn_text(&h)
    );
    for label in [
        "Export the full project name…",
        "Export the full workbook description…",
        "Export the full description…",
        "Export the full title…",
        "Export the full owner…",
        "Export the full mitigation…",
        "Export the full accepted by…",
        "Export the full notes…",
    ] {
        assert!(h.query_by_label(label).is_some(), "{label}");
    }

    // The dialogs that edit the long fields keep them and stay bounded.
    h.state_mut().run_command(Command::EditWorkbook);
    h.run();
    assert!(longest_drawn_text(&h) <= bound);
    h.get_by_label("OK").click();
    h.run();
    h.state_mut().run_command(Command::RenameItem);
    h.run();
    assert!(longest_drawn_text(&h) <= bound);
    h.get_by_label("OK").click();
    h.run();
    assert!(
        !h.state_mut().is_dirty(),
        "OK kept the long texts as they were"
    );
    h.get_all_by_label("Edit…").next().unwrap().click();
    h.run();
    assert!(longest_drawn_text(&h) <= bound);
    assert!(
        h.query_by_label_contains("is too long to edit here")
            .is_some()
    );
}

#[test]
fn a_file_joins_the_recent_list_only_after_a_frame_showed_it() {
    let dir = tempfile::tempdir().unwrap();
    let note = long_text("note");
    let path = workbook_with(dir.path(), |wb| {
        wb.item_mut(SLOS).unwrap().notes = note.clone()
    });
    let canonical = std::fs::canonicalize(&path).unwrap();

    // Opened from the path field: the file opens once the frame that
    // answered it is drawn, and the next frames show it.
    let mut h = harness(dir.path(), None);
    assert_eq!(h.state().path(), None, "the sample");
    h.key_press_modifiers(ctrl(), Key::O);
    h.run();
    type_into(&mut h, Role::TextInput, "Path", &path.display().to_string());
    h.key_press(Key::Enter);
    h.step();
    assert_eq!(h.state().path(), Some(path.as_path()), "opened");
    assert!(
        h.state().recent().paths.is_empty(),
        "not remembered before a frame showing it was drawn"
    );
    h.run();
    assert_eq!(h.state().recent().paths.first(), Some(&canonical));
    assert_eq!(h.state().recent().paths.len(), 1);
    drop(h);

    // A plain start reopens it, drawn and read-only.
    let h = harness(dir.path(), None);
    assert_eq!(h.state().path(), Some(canonical.as_path()));
    assert!(h.query_by_label("Export the full notes…").is_some());
    assert!(
        h.query_by_role_and_label(Role::MultilineTextInput, &notes_notice(&note))
            .is_some()
    );
}
