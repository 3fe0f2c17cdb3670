//! Recovery copies: while the window holds unsaved edits it writes them here
//! (atomically, off the UI thread, within two seconds of the last edit, and
//! on SIGTERM/SIGINT/SIGHUP), so a crash, a kill or a logout loses nothing.
//! On the next start or open the window offers them back.
//!
//! A copy is an ordinary workbook file (`KEY.shipshape.ron`, which
//! `shipshape` and `shipshape list` open like any other) with a sidecar
//! `KEY.recovery.ron` naming the file it belongs to and the hash of that
//! file's content the edits started from, so recovering over a file that
//! changed since is a three-way merge, not an overwrite.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{LoadError, Loaded, SaveError};
use crate::model::Workbook;

/// The recovery folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recoveries {
    dir: PathBuf,
}

/// One recovery copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// The copy: a workbook file.
    pub copy: PathBuf,
    /// The workbook the edits started from, when it was kept (see
    /// [`Recoveries::write_base`]).
    pub base: Option<PathBuf>,
    /// The file the edits belong to; `None` for a workbook never saved.
    pub original: Option<PathBuf>,
    /// [`super::history::bytes_hash`] of the original as the edits started
    /// from it (last loaded or saved).
    pub base_hash: Option<String>,
    /// When the copy was written.
    pub written: SystemTime,
    key: String,
}

/// The sidecar beside a copy.
#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    original: Option<PathBuf>,
    base_hash: Option<String>,
    written_ms: u64,
}

const COPY_SUFFIX: &str = ".shipshape.ron";
const META_SUFFIX: &str = ".recovery.ron";
const BASE_SUFFIX: &str = ".base.shipshape.ron";

/// The key of the recovery copy of `original`, or of an unsaved workbook of
/// this process (so two windows never share one).
pub fn recovery_key(original: Option<&Path>) -> String {
    match original {
        Some(path) => super::state::file_key(path),
        None => {
            let started = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default()
                .as_millis();
            format!("untitled-{}-{started}", std::process::id())
        }
    }
}

impl Recoveries {
    pub(super) fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes (or replaces) the recovery copy under `key`: the workbook,
    /// then its sidecar, each atomically and durably.
    pub fn write(
        &self,
        key: &str,
        original: Option<&Path>,
        base_hash: Option<&str>,
        workbook: &Workbook,
        now: SystemTime,
    ) -> Result<PathBuf, SaveError> {
        let io = |path: &Path| {
            let path = path.to_owned();
            move |error| SaveError::Io { path, error }
        };
        std::fs::create_dir_all(&self.dir).map_err(io(&self.dir))?;
        let copy = self.dir.join(format!("{key}{COPY_SUFFIX}"));
        let text = super::to_string(workbook)?;
        super::write_atomic(&copy, text.as_bytes()).map_err(io(&copy))?;
        let meta = Meta {
            original: original.map(super::state::absolute),
            base_hash: base_hash.map(str::to_owned),
            written_ms: u64::try_from(
                now.duration_since(UNIX_EPOCH)
                    .unwrap_or_default()
                    .as_millis(),
            )
            .unwrap_or(u64::MAX),
        };
        let meta_text = ron::ser::to_string_pretty(&meta, ron::ser::PrettyConfig::new())
            .map_err(|e| SaveError::Encode(e.to_string()))?;
        let meta_path = self.dir.join(format!("{key}{META_SUFFIX}"));
        super::write_atomic(&meta_path, meta_text.as_bytes()).map_err(io(&meta_path))?;
        Ok(copy)
    }

    /// Keeps the workbook the edits started from beside the copy, so that
    /// recovering over a file that changed since can merge (three-way)
    /// instead of overwriting. Written once per base, not at every autosave.
    pub fn write_base(&self, key: &str, base: &Workbook) -> Result<(), SaveError> {
        let path = self.dir.join(format!("{key}{BASE_SUFFIX}"));
        std::fs::create_dir_all(&self.dir).map_err(|error| SaveError::Io {
            path: self.dir.clone(),
            error,
        })?;
        let text = super::to_string(base)?;
        super::write_atomic(&path, text.as_bytes()).map_err(|error| SaveError::Io { path, error })
    }

    /// Every recovery copy with a readable sidecar, newest first.
    pub fn all(&self) -> Vec<Recovery> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out: Vec<Recovery> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let key = name.strip_suffix(META_SUFFIX)?;
                self.read(key)
            })
            .collect();
        out.sort_by_key(|r| std::cmp::Reverse(r.written));
        out
    }

    /// The recovery copy of `original`, if there is one.
    pub fn for_file(&self, original: &Path) -> Option<Recovery> {
        self.read(&recovery_key(Some(original)))
    }

    /// Recovery copies of workbooks that were never saved.
    pub fn untitled(&self) -> Vec<Recovery> {
        self.all()
            .into_iter()
            .filter(|r| r.original.is_none())
            .collect()
    }

    fn read(&self, key: &str) -> Option<Recovery> {
        let copy = self.dir.join(format!("{key}{COPY_SUFFIX}"));
        let meta_path = self.dir.join(format!("{key}{META_SUFFIX}"));
        let text = std::fs::read_to_string(meta_path).ok()?;
        let meta: Meta = ron::from_str(&text).ok()?;
        let base = self.dir.join(format!("{key}{BASE_SUFFIX}"));
        copy.is_file().then(|| Recovery {
            copy,
            base: base.is_file().then_some(base),
            original: meta.original,
            base_hash: meta.base_hash,
            written: UNIX_EPOCH + Duration::from_millis(meta.written_ms),
            key: key.to_owned(),
        })
    }

    /// Removes a recovery copy (after a save or an explicit discard).
    pub fn discard_key(&self, key: &str) -> io::Result<()> {
        for suffix in [META_SUFFIX, COPY_SUFFIX, BASE_SUFFIX] {
            match std::fs::remove_file(self.dir.join(format!("{key}{suffix}"))) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }
}

impl Recovery {
    /// The key the copy is stored under.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The copy, read as a workbook.
    pub fn load(&self) -> Result<Loaded, LoadError> {
        super::load(&self.copy)
    }

    /// The workbook the edits started from, if it was kept and still reads.
    pub fn load_base(&self) -> Option<Workbook> {
        super::load(self.base.as_deref()?).ok().map(|l| l.workbook)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    #[test]
    fn a_copy_is_a_workbook_with_its_file_and_base_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let r = super::super::StateDir::at(dir.path().join("state")).recoveries();
        let file = dir.path().join("w.shipshape.ron");
        let mut wb = crate::storage::builtin_template();
        wb.categories[0].items[0].status = Status::Done;
        let key = recovery_key(Some(&file));
        let at = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let copy = r.write(&key, Some(&file), Some("abc"), &wb, at).unwrap();
        assert_eq!(crate::storage::load(&copy).unwrap().workbook, wb);
        let found = r.for_file(&file).unwrap();
        assert_eq!(found.copy, copy);
        assert_eq!(
            found.original.as_deref(),
            Some(super::super::state::absolute(&file).as_path())
        );
        assert_eq!(found.base_hash.as_deref(), Some("abc"));
        assert_eq!(found.written, at);
        assert_eq!(found.load().unwrap().workbook, wb);
        assert_eq!(found.load_base(), None, "no base kept yet");
        let base = crate::storage::builtin_template();
        r.write_base(&key, &base).unwrap();
        assert_eq!(r.for_file(&file).unwrap().load_base(), Some(base));
        assert_eq!(r.all().len(), 1);
        assert!(r.untitled().is_empty());
        r.discard_key(found.key()).unwrap();
        assert!(r.for_file(&file).is_none());
        assert!(!copy.exists());
        r.discard_key(found.key()).unwrap();
    }

    #[test]
    fn unsaved_workbooks_get_their_own_copies() {
        let dir = tempfile::tempdir().unwrap();
        let r = super::super::StateDir::at(dir.path()).recoveries();
        let wb = Workbook::new("New");
        let key = recovery_key(None);
        assert!(key.starts_with("untitled-"));
        r.write(&key, None, None, &wb, SystemTime::now()).unwrap();
        let untitled = r.untitled();
        assert_eq!(untitled.len(), 1);
        assert_eq!(untitled[0].load().unwrap().workbook, wb);
        // A copy without its sidecar is not offered.
        std::fs::remove_file(r.dir().join(format!("{key}{META_SUFFIX}"))).unwrap();
        assert!(r.all().is_empty());
    }
}
