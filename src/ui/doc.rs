//! The open document: the workbook being edited, where it lives, what was
//! last saved, and its undo history. No drawing happens here.

use std::path::{Path, PathBuf};

use egui::util::undoer::{Settings, Undoer};

use crate::model::Workbook;
use crate::storage::{self, Loaded, SaveError};

/// A workbook open in the window.
///
/// Edits come in two kinds. Discrete ones (a status click, a date pick, a
/// removed item) go through [`Document::edit`] and are one undo step each.
/// Text fields write into the workbook as the user types, so the verdict
/// updates live, and call [`Document::touch`]; the typing becomes one undo
/// step when [`Document::commit`] runs after the field loses focus.
pub struct Document {
    workbook: Workbook,
    /// Where Save writes; `None` for a workbook never saved.
    path: Option<PathBuf>,
    /// The workbook as last saved or loaded: dirty means "differs from this".
    saved: Workbook,
    /// Fields of the file at `path` that this build does not know.
    unknown_fields: Vec<String>,
    undoer: Undoer<Workbook>,
    /// Bumped on every change; lets views cache what they derive.
    revision: u64,
    committed_revision: u64,
    dirty: bool,
    dirty_revision: u64,
    /// Set by undo: the undoer may hold redo states.
    redo_pending: bool,
}

impl Document {
    /// A workbook that has no file yet (new, or the sample).
    pub fn unsaved(workbook: Workbook) -> Self {
        Self::with(workbook, None, Vec::new())
    }

    /// A workbook just read from `path`.
    pub fn loaded(path: PathBuf, loaded: Loaded) -> Self {
        Self::with(loaded.workbook, Some(path), loaded.unknown_fields)
    }

    fn with(workbook: Workbook, path: Option<PathBuf>, unknown_fields: Vec<String>) -> Self {
        // Each undo step is a whole copy: keep fewer of a huge workbook
        // (10,000 items × 20 steps is about 50 MB).
        let max_undos = (200_000 / workbook.item_count().max(1)).clamp(20, 200);
        let mut undoer = Undoer::with_settings(Settings {
            max_undos,
            // Undo points are placed explicitly (see `commit`), never by time.
            stable_time: f32::INFINITY,
            auto_save_interval: f32::INFINITY,
        });
        undoer.add_undo(&workbook);
        Self {
            saved: workbook.clone(),
            workbook,
            path,
            unknown_fields,
            undoer,
            revision: 0,
            committed_revision: 0,
            dirty: false,
            dirty_revision: 0,
            redo_pending: false,
        }
    }

    pub fn workbook(&self) -> &Workbook {
        &self.workbook
    }

    /// For text fields only: the caller must [`touch`](Self::touch) when a
    /// field reports a change.
    pub fn workbook_mut(&mut self) -> &mut Workbook {
        &mut self.workbook
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Records that a text field changed the workbook.
    pub fn touch(&mut self) {
        self.revision += 1;
    }

    /// One undoable change. Pending typing becomes its own step first.
    pub fn edit<R>(&mut self, change: impl FnOnce(&mut Workbook) -> R) -> R {
        self.commit();
        let out = change(&mut self.workbook);
        self.revision += 1;
        self.commit();
        out
    }

    /// Turns changes made since the last undo point into one undo step.
    pub fn commit(&mut self) {
        if self.revision != self.committed_revision {
            if self.redo_pending {
                // `add_undo` alone keeps stale redo states; `feed_state`
                // drops them (at the price of a compare and a copy, so only
                // when there may be some).
                self.undoer.feed_state(0.0, &self.workbook);
                self.redo_pending = false;
            }
            self.undoer.add_undo(&self.workbook);
            self.committed_revision = self.revision;
        }
    }

    pub fn can_undo(&self) -> bool {
        self.undoer.has_undo(&self.workbook)
    }

    pub fn can_redo(&self) -> bool {
        self.undoer.has_redo(&self.workbook)
    }

    /// Undoes the last step, including typing not yet committed.
    pub fn undo(&mut self) -> bool {
        let Some(state) = self.undoer.undo(&self.workbook) else {
            return false;
        };
        self.workbook = state.clone();
        self.revision += 1;
        self.committed_revision = self.revision;
        self.redo_pending = true;
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(state) = self.undoer.redo(&self.workbook) else {
            return false;
        };
        self.workbook = state.clone();
        self.revision += 1;
        self.committed_revision = self.revision;
        true
    }

    /// Whether the workbook differs from what was last saved.
    pub fn is_dirty(&mut self) -> bool {
        if self.dirty_revision != self.revision {
            self.dirty = self.workbook != self.saved;
            self.dirty_revision = self.revision;
        }
        self.dirty
    }

    /// Whether Save can write to the current path without losing anything.
    pub fn check_save_over(&self, path: &Path) -> Result<(), SaveError> {
        if self.path.as_deref() != Some(path) {
            return Ok(());
        }
        storage::check_unknown_fields(path, &self.unknown_fields)
    }

    /// Writes the workbook to `path` and makes it the document's file. On
    /// failure nothing changes: the edits stay, still unsaved.
    pub fn save_to(&mut self, path: &Path) -> Result<(), SaveError> {
        self.commit();
        self.check_save_over(path)?;
        storage::save(path, &self.workbook)?;
        if self.path.as_deref() != Some(path) {
            // A file we wrote ourselves holds only fields we know.
            self.unknown_fields.clear();
            self.path = Some(path.to_owned());
        }
        self.saved = self.workbook.clone();
        self.dirty_revision = u64::MAX;
        Ok(())
    }

    /// The file's name as the user thinks of it.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => "not saved yet".to_owned(),
        }
    }

    /// Unknown fields that block Save over the current file, if any.
    pub fn unknown_fields(&self) -> &[String] {
        &self.unknown_fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn doc() -> Document {
        let mut wb = Workbook::new("P");
        let c = wb.add_category("Ops");
        wb.add_item(c, "Runbooks");
        Document::unsaved(wb)
    }

    #[test]
    fn typing_is_one_undo_step() {
        let mut d = doc();
        for ch in ["A", "An", "Ann"] {
            d.workbook_mut().categories[0].items[0].owner = ch.into();
            d.touch();
        }
        d.commit();
        assert!(d.is_dirty());
        assert!(d.undo());
        assert_eq!(d.workbook().categories[0].items[0].owner, "");
        assert!(!d.is_dirty());
        assert!(d.redo());
        assert_eq!(d.workbook().categories[0].items[0].owner, "Ann");
    }

    #[test]
    fn uncommitted_typing_is_undone_before_earlier_steps() {
        let mut d = doc();
        d.edit(|wb| wb.categories[0].items[0].status = Status::Done);
        d.workbook_mut().categories[0].items[0].owner = "Bo".into();
        d.touch();
        assert!(d.undo());
        let item = &d.workbook().categories[0].items[0];
        assert_eq!((item.owner.as_str(), item.status), ("", Status::Done));
        assert!(d.undo());
        assert_eq!(
            d.workbook().categories[0].items[0].status,
            Status::NotStarted
        );
    }

    #[test]
    fn edit_after_undo_drops_redo() {
        let mut d = doc();
        d.edit(|wb| wb.categories[0].items[0].status = Status::Done);
        d.undo();
        d.edit(|wb| wb.categories[0].items[0].status = Status::InProgress);
        assert!(!d.redo());
    }

    #[test]
    fn refuses_to_save_over_a_file_with_unknown_fields() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.shipshape.ron");
        let loaded = Loaded {
            workbook: Workbook::new("P"),
            unknown_fields: vec!["risk".into()],
            comment: None,
            fingerprint: storage::Fingerprint::default(),
        };
        let mut d = Document::loaded(path.clone(), loaded);
        let err = d.save_to(&path).unwrap_err();
        assert!(matches!(err, SaveError::UnknownFields { .. }));
        assert!(!path.exists());
        let other = dir.path().join("b.shipshape.ron");
        d.save_to(&other).unwrap();
        assert_eq!(d.path(), Some(other.as_path()));
        d.save_to(&other).unwrap();
    }
}
