//! The open document: the workbook being edited, where it lives, what was
//! last saved, and its undo history. No drawing happens here.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::util::undoer::{Settings, Undoer};

use crate::model::Workbook;
use crate::storage::{self, Fingerprint, Loaded, SaveError, Saved, StateDir};

/// A workbook open in the window.
///
/// Edits come in two kinds. Discrete ones (a status click, a date pick, a
/// removed item) go through [`Document::edit`] and are one undo step each.
/// Text fields write into the workbook as the user types, so the verdict
/// updates live, and call [`Document::touch`]; the typing becomes one undo
/// step when [`Document::commit`] runs after the field loses focus.
///
/// The workbook, its saved snapshot and the undo states are shared
/// (`Arc`) and copied only when changed: a workbook near the 64 MiB read
/// cap then costs one copy when opened and one more per undo step, not
/// three copies before anything is edited.
pub struct Document {
    workbook: Arc<Workbook>,
    /// Where Save writes; `None` for a workbook never saved.
    path: Option<PathBuf>,
    /// The workbook as last saved or loaded: dirty means "differs from this".
    saved: Arc<Workbook>,
    /// Fields of the file at `path` that this build does not know.
    unknown_fields: Vec<String>,
    undoer: Undoer<Arc<Workbook>>,
    /// Bumped on every change; lets views cache what they derive.
    revision: u64,
    committed_revision: u64,
    dirty: bool,
    dirty_revision: u64,
    /// Set by undo: the undoer may hold redo states.
    redo_pending: bool,
    /// What the file held when last loaded or saved (`saved` came from it):
    /// a different fingerprint on disk means someone else changed it.
    disk: Option<Fingerprint>,
    /// The file could not be written when opened (0444, say).
    read_only: bool,
    /// Where the file's first comment is; a save rewrites it without.
    comment: Option<(usize, usize)>,
    /// The user was told a save drops the comments: the next one may.
    comments_warned: bool,
    /// Where this document's recovery copy goes
    /// ([`storage::recovery_key`]).
    recovery_key: String,
}

impl Document {
    /// A workbook that has no file yet (new, or the sample).
    pub fn unsaved(workbook: Workbook) -> Self {
        Self::with(workbook, None, Vec::new())
    }

    /// A workbook just read from `path`.
    pub fn loaded(path: PathBuf, loaded: Loaded) -> Self {
        let read_only = storage::is_read_only(&path);
        let mut doc = Self::with(loaded.workbook, Some(path), loaded.unknown_fields);
        doc.disk = Some(loaded.fingerprint);
        doc.comment = loaded.comment;
        doc.read_only = read_only;
        doc
    }

    fn with(workbook: Workbook, path: Option<PathBuf>, unknown_fields: Vec<String>) -> Self {
        let mut undoer = Undoer::with_settings(Settings {
            max_undos: max_undos(&workbook),
            // Undo points are placed explicitly (see `commit`), never by time.
            stable_time: f32::INFINITY,
            auto_save_interval: f32::INFINITY,
        });
        let workbook = Arc::new(workbook);
        undoer.add_undo(&workbook);
        let recovery_key = storage::recovery_key(path.as_deref());
        Self {
            saved: Arc::clone(&workbook),
            workbook,
            path,
            unknown_fields,
            undoer,
            revision: 0,
            committed_revision: 0,
            dirty: false,
            dirty_revision: 0,
            redo_pending: false,
            disk: None,
            read_only: false,
            comment: None,
            comments_warned: false,
            recovery_key,
        }
    }

    pub fn workbook(&self) -> &Workbook {
        &self.workbook
    }

    /// The workbook, shared (no copy): for a dialog that previews a change.
    pub fn shared_workbook(&self) -> Arc<Workbook> {
        Arc::clone(&self.workbook)
    }

    /// For text fields only: the caller must [`touch`](Self::touch) when a
    /// field reports a change.
    /// Copies the workbook first if the undo history or the saved
    /// snapshot shares it, so call it only to change something.
    pub fn workbook_mut(&mut self) -> &mut Workbook {
        Arc::make_mut(&mut self.workbook)
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
        let out = change(Arc::make_mut(&mut self.workbook));
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
        self.workbook = Arc::clone(state);
        self.revision += 1;
        self.committed_revision = self.revision;
        self.redo_pending = true;
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(state) = self.undoer.redo(&self.workbook) else {
            return false;
        };
        self.workbook = Arc::clone(state);
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

    /// Writes the workbook to `path` (keeping the replaced version in the
    /// local history of `state`) and makes it the document's file. On
    /// failure nothing changes: the edits stay, still unsaved. The caller
    /// has checked the disk (see `ui::disk`).
    pub fn save_to(&mut self, path: &Path, state: Option<&StateDir>) -> Result<Saved, SaveError> {
        self.commit();
        self.check_save_over(path)?;
        let saved = storage::save_keeping(path, &self.workbook, state)?;
        if self.path.as_deref() != Some(path) {
            // A file we wrote ourselves holds only fields we know.
            self.unknown_fields.clear();
            self.path = Some(path.to_owned());
            self.recovery_key = storage::recovery_key(Some(path));
        }
        self.comment = None;
        self.read_only = false;
        self.disk = Some(saved.fingerprint.clone());
        self.saved = Arc::clone(&self.workbook);
        self.dirty_revision = u64::MAX;
        Ok(saved)
    }

    /// Takes what the file now holds: `loaded` becomes the last-loaded
    /// state (the base of the next merge) and `workbook` — the file's
    /// workbook, or its merge with the unsaved edits — replaces the window's
    /// as one undo step.
    pub fn take_from_disk(&mut self, loaded: Loaded, workbook: Workbook) {
        self.edit(|wb| *wb = workbook);
        self.saved = Arc::new(loaded.workbook);
        self.unknown_fields = loaded.unknown_fields;
        self.comment = loaded.comment;
        self.disk = Some(loaded.fingerprint);
        self.dirty_revision = u64::MAX;
    }

    /// Replaces the window's workbook as one undo step (a recovered copy, a
    /// restored version), leaving what counts as saved alone.
    pub fn replace(&mut self, workbook: Workbook) {
        self.edit(|wb| *wb = workbook);
    }

    /// The workbook as last loaded or saved: the base of a merge with the
    /// file on disk.
    pub fn saved(&self) -> &Workbook {
        &self.saved
    }

    /// What the file held when last loaded or saved.
    pub fn disk(&self) -> Option<&Fingerprint> {
        self.disk.as_ref()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Where the file's first comment is, until the user was warned that a
    /// save drops it.
    pub fn unwarned_comment(&self) -> Option<(usize, usize)> {
        self.comment.filter(|_| !self.comments_warned)
    }

    pub fn warned_about_comments(&mut self) {
        self.comments_warned = true;
    }

    pub fn recovery_key(&self) -> &str {
        &self.recovery_key
    }

    /// A never-saved workbook brought back from its recovery copy: unsaved
    /// (closing asks), under the copy's key so the copy goes when this one
    /// is saved.
    pub fn recovered(workbook: Workbook, key: &str) -> Self {
        let mut doc = Self::with(workbook, None, Vec::new());
        doc.saved = Arc::new(Workbook::new(""));
        doc.dirty_revision = u64::MAX;
        key.clone_into(&mut doc.recovery_key);
        doc
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

/// Undo states to keep: each is a whole copy of the workbook once edited,
/// so fewer of a large one — by items (10,000 items × 20 steps is about
/// 50 MB) and by text, so that the copies stay under [`UNDO_BYTES`] — but
/// always two, so the last edit can be undone.
fn max_undos(workbook: &Workbook) -> usize {
    let by_items = (200_000 / workbook.item_count().max(1)).clamp(20, 200);
    let by_bytes = UNDO_BYTES / text_bytes(workbook).max(1);
    by_items.min(by_bytes).max(2)
}

/// What the undo history may hold, roughly: see [`max_undos`].
const UNDO_BYTES: usize = 64 * 1024 * 1024;

/// The workbook's text in bytes, an estimate of what one copy costs (the
/// rest is small per item and counted by `max_undos`'s item bound).
fn text_bytes(wb: &Workbook) -> usize {
    let items = wb.items().map(|(_, i)| {
        let fields = [
            &i.id,
            &i.title,
            &i.description,
            &i.owner,
            &i.mitigation.text,
            &i.mitigation.accepted_by,
            &i.notes,
        ];
        let conflicts = i.conflicts.iter().map(|c| c.ours.len() + c.theirs.len());
        fields.iter().map(|f| f.len()).sum::<usize>()
            + i.evidence.iter().map(String::len).sum::<usize>()
            + conflicts.sum::<usize>()
    });
    let people = wb
        .people
        .iter()
        .map(|p| p.name.len() + p.role.len() + p.email.len());
    let categories = wb.categories.iter().map(|c| c.id.len() + c.name.len());
    let conflicts = wb.conflicts.iter().map(|c| c.ours.len() + c.theirs.len());
    wb.project.len()
        + wb.description.len()
        + items.sum::<usize>()
        + people.sum::<usize>()
        + categories.sum::<usize>()
        + conflicts.sum::<usize>()
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
    fn undo_is_capped_by_text_size_but_keeps_the_last_step() {
        let mut wb = Workbook::new("P");
        let c = wb.add_category("Ops");
        wb.add_item(c, "Runbooks");
        assert_eq!(max_undos(&wb), 200, "a small workbook keeps the item bound");
        wb.categories[0].items[0].notes = "x".repeat(UNDO_BYTES / 8);
        assert!((7..=8).contains(&max_undos(&wb)), "{}", max_undos(&wb));
        wb.categories[0].items[0].notes = "x".repeat(UNDO_BYTES / 2);
        assert_eq!(max_undos(&wb), 2);

        let mut d = Document::unsaved(wb);
        d.edit(|wb| wb.categories[0].items[0].status = Status::Done);
        d.edit(|wb| wb.categories[0].items[0].owner = "Ann".into());
        assert!(d.undo(), "the last edit can be undone");
        assert_eq!(d.workbook().categories[0].items[0].owner, "");
        assert!(!d.undo(), "older steps are dropped");
    }

    #[test]
    fn the_saved_snapshot_and_undo_share_the_workbook_until_it_changes() {
        let mut d = doc();
        assert!(Arc::ptr_eq(&d.workbook, &d.saved));
        d.edit(|wb| wb.categories[0].items[0].status = Status::Done);
        assert!(!Arc::ptr_eq(&d.workbook, &d.saved));
        assert!(d.undo());
        assert!(Arc::ptr_eq(&d.workbook, &d.saved), "undo shares again");
        assert!(!d.is_dirty());
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
        let err = d.save_to(&path, None).unwrap_err();
        assert!(matches!(err, SaveError::UnknownFields { .. }));
        assert!(!path.exists());
        let other = dir.path().join("b.shipshape.ron");
        d.save_to(&other, None).unwrap();
        assert_eq!(d.path(), Some(other.as_path()));
        d.save_to(&other, None).unwrap();
    }
}
