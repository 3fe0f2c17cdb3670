//! The window and the file on disk: nothing anyone wrote is overwritten
//! unseen. When the open file changes under the window (a `git pull`, a
//! `shipshape set`, a second window) the window takes the change — reloads
//! when it has no unsaved edits, else merges three-way with
//! `model::merge` (base = what it last loaded or saved) — and says what
//! changed. Save re-reads the file under its lock first and merges what it
//! has not seen; it refuses a file that turned unreadable, newer, read-only
//! or vanished. The watcher (`watch`) and window focus only trigger
//! [`ShipshapeApp::check_disk`]; Save checks whatever they missed.

use std::path::Path;

use super::app::ShipshapeApp;
use crate::model::{self, merge};
use crate::storage::{self, Fingerprint, LoadErrorKind, Loaded};

/// How long Save waits for another writer (a CLI `set`) to finish.
const SAVE_LOCK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

/// Whether Save may go on over the document's own file, and what it merged
/// from disk first (a few words), if anything.
enum SaveCheck {
    Go(Option<String>),
    Stop,
}

/// What the file on disk holds compared with what the window last saw.
enum OnDisk {
    /// As last loaded or saved.
    Same,
    /// Gone: deleted, or renamed (`git mv`).
    Missing,
    /// Changed, and it reads as a workbook.
    Changed(Box<Loaded>),
    /// Changed into something that does not read (a half-done hand edit,
    /// conflict markers): saving over it would lose it.
    Unreadable(Fingerprint, String),
}

impl ShipshapeApp {
    /// Compares the open file with what the window last loaded or saved and
    /// takes any change (see the module docs). Cheap when nothing changed:
    /// one read and one hash.
    pub(super) fn check_disk(&mut self) {
        let Some(path) = self.path().map(Path::to_owned) else {
            return;
        };
        match self.read_disk(&path) {
            OnDisk::Same => self.view.file_missing = false,
            OnDisk::Missing => self.file_went_missing(&path),
            OnDisk::Changed(loaded) => {
                self.view.file_missing = false;
                self.take_from_disk(&path, *loaded);
            }
            OnDisk::Unreadable(fingerprint, error) => self.disk_unreadable(fingerprint, error),
        }
    }

    fn read_disk(&self, path: &Path) -> OnDisk {
        let known = self.doc.as_ref().and_then(super::doc::Document::disk);
        let bytes = match storage::read_capped(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                return match e.kind {
                    LoadErrorKind::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                        OnDisk::Missing
                    }
                    _ => OnDisk::Unreadable(Fingerprint::default(), e.in_file(path).to_string()),
                };
            }
        };
        let fingerprint = Fingerprint::of(&bytes);
        if known == Some(&fingerprint) {
            return OnDisk::Same;
        }
        match storage::load_bytes(&bytes) {
            Ok(loaded) => OnDisk::Changed(Box::new(loaded)),
            Err(e) => OnDisk::Unreadable(fingerprint, e.in_file(path).to_string()),
        }
    }

    /// The banner (`root::disk_banner_ui`) offers Save here, Save As and
    /// Close until one is chosen or the file comes back.
    fn file_went_missing(&mut self, _path: &Path) {
        self.view.file_missing = true;
    }

    fn disk_unreadable(&mut self, fingerprint: Fingerprint, error: String) {
        if self.view.disk_unreadable.as_ref() == Some(&fingerprint) {
            return;
        }
        self.view.disk_unreadable = Some(fingerprint);
        self.view.error(format!(
            "The file changed on disk and does not read as a workbook now: {error}. Save will not overwrite it; fix the file (the window reloads it), or Save As to keep your version elsewhere."
        ));
    }

    /// Takes the file's new content: reloads, or merges it with the unsaved
    /// edits, and says what changed on disk. Returns that, in a few words.
    fn take_from_disk(&mut self, path: &Path, loaded: Loaded) -> String {
        self.view.disk_unreadable = None;
        let today = self.today();
        let dirty = self.is_dirty();
        let Some(doc) = &mut self.doc else {
            return String::new();
        };
        let changed = model::diff::diff(doc.saved(), &loaded.workbook, today).summary();
        let name = doc.display_name();
        let newer = loaded.unknown_fields.len();
        if dirty {
            let merged = merge(doc.saved(), doc.workbook(), &loaded.workbook);
            let conflicts = merged.conflicts.len();
            doc.take_from_disk(loaded, merged.workbook);
            let text = format!(
                "{name} changed on disk ({changed}); merged with your unsaved edits, not saved yet."
            );
            if conflicts > 0 {
                self.view.warning(format!(
                    "{text} {conflicts} conflict(s): both changed the same field — see Merge conflicts only."
                ));
            } else {
                self.view.info(text);
            }
            for note in merged.notes {
                self.view.info(note);
            }
        } else {
            let workbook = loaded.workbook.clone();
            doc.take_from_disk(loaded, workbook);
            self.view.info(format!("Reloaded: {changed} on disk."));
        }
        if newer > 0 {
            self.view.error(format!(
                "{} is now in a newer Shipshape's format ({newer} unknown field(s)); Save over it is refused so they are not lost — use Save As.",
                path.display()
            ));
        }
        self.keep_selection();
        changed
    }

    /// After the workbook changed under the view: keep the selected item if
    /// it is still there, else select the first.
    pub(super) fn keep_selection(&mut self) {
        let Some(wb) = self.doc.as_ref().map(super::doc::Document::workbook) else {
            return;
        };
        let still_there = self
            .view
            .selected
            .as_deref()
            .is_some_and(|id| wb.item(id).is_some());
        if !still_there {
            self.view.selected = wb.items().next().map(|(_, i)| i.id.clone());
        }
    }

    /// Saves to `path`; errors go to the window. Returns whether it worked.
    /// Over the document's own file it first re-reads the file under its
    /// lock and refuses or merges whatever the window has not seen.
    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        match self.try_save(path) {
            Ok(saved) => saved,
            Err(e) => {
                self.view
                    .error(format!("{e}. Your changes are kept in the window."));
                false
            }
        }
    }

    fn try_save(&mut self, path: &Path) -> anyhow::Result<bool> {
        let Some(doc) = &self.doc else {
            return Ok(false);
        };
        let own_file = doc.path() == Some(path);
        let _lock = storage::lock(path, SAVE_LOCK_TIMEOUT)?;
        let merged = if own_file {
            match self.own_file_may_be_saved(path) {
                SaveCheck::Go(merged) => merged,
                SaveCheck::Stop => return Ok(false),
            }
        } else {
            None
        };
        if self.doc.as_ref().is_some_and(|d| d.is_read_only()) && own_file {
            anyhow::bail!(
                "{} is read-only: Save As to keep your changes",
                path.display()
            );
        }
        let state = self.config.state.clone();
        let Some(doc) = &mut self.doc else {
            return Ok(false);
        };
        let old_key = doc.recovery_key().to_owned();
        let saved = doc.save_to(path, state.as_ref())?;
        self.view.file_missing = false;
        self.view.disk_unreadable = None;
        self.view.info(match merged {
            Some(changed) => format!(
                "Saved {}, with what changed on disk meanwhile merged in ({changed}).",
                path.display()
            ),
            None => format!("Saved {}", path.display()),
        });
        if let Some(e) = saved.history_error {
            self.view.warning(e);
        }
        self.discard_recovery(&old_key);
        self.remember(path);
        Ok(true)
    }

    /// Before Save over the document's own file: whatever changed on disk
    /// since the window last looked is taken first (a clean merge is saved,
    /// a clash or an unreadable file stops the save), and a vanished file or
    /// comments a save would drop are asked about once.
    fn own_file_may_be_saved(&mut self, path: &Path) -> SaveCheck {
        let mut merged = None;
        match self.read_disk(path) {
            OnDisk::Same => {}
            OnDisk::Missing if self.view.file_missing && self.view.save_here => {}
            OnDisk::Missing => {
                self.file_went_missing(path);
                return SaveCheck::Stop;
            }
            OnDisk::Changed(loaded) => {
                let before = self.workbook().map(model::Workbook::conflict_count);
                merged = Some(self.take_from_disk(path, *loaded));
                if self.workbook().map(model::Workbook::conflict_count) != before {
                    // The clashes are in the window now; saving them unseen
                    // would be the very thing this prevents.
                    return SaveCheck::Stop;
                }
            }
            OnDisk::Unreadable(fingerprint, error) => {
                // Said again: this Save did nothing, and must say why.
                self.view.disk_unreadable = None;
                self.disk_unreadable(fingerprint, error);
                return SaveCheck::Stop;
            }
        }
        self.view.save_here = false;
        let Some(doc) = &mut self.doc else {
            return SaveCheck::Stop;
        };
        if let Some((line, col)) = doc.unwarned_comment() {
            doc.warned_about_comments();
            self.view.warning(format!(
                "{}:{line}:{col}: the file has comments, and saving rewrites it without them. Save again to save anyway (this version stays in File → History), or Save As.",
                path.display()
            ));
            return SaveCheck::Stop;
        }
        SaveCheck::Go(merged)
    }

    /// "Save here" on the banner of a file deleted or renamed on disk.
    pub(super) fn save_here(&mut self) {
        let Some(path) = self.path().map(Path::to_owned) else {
            return;
        };
        self.view.save_here = true;
        self.save_to(&path);
        self.view.save_here = false;
    }
}
