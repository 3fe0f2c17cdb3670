//! How every command that changes a workbook writes it: under the file's
//! lock (so parallel `set`s all land), after checking that the save loses
//! nothing (newer-format fields, comments, a read-only file), and keeping
//! the version it replaces in the local history.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::bail;

use crate::model::Workbook;
use crate::storage::{self, FileLock, Loaded, StateDir};

/// Seconds a writer waits for another before giving up
/// ([`storage::DEFAULT_LOCK_TIMEOUT`] when unset).
pub const LOCK_TIMEOUT_ENV: &str = "SHIPSHAPE_LOCK_TIMEOUT";

fn lock_timeout() -> Duration {
    std::env::var(LOCK_TIMEOUT_ENV)
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map_or(storage::DEFAULT_LOCK_TIMEOUT, Duration::from_secs_f64)
}

/// A workbook open for one read-modify-write: locked, and read under the
/// lock, so nobody else's change can slip in between.
pub struct Editing {
    path: PathBuf,
    pub loaded: Loaded,
    _lock: FileLock,
}

/// Locks and reads `path` for a change. Refuses — before anything is
/// changed — a file whose save would drop fields of a newer Shipshape or
/// (without `drop_comments`) its comments, and a read-only file.
pub fn edit(path: &Path, drop_comments: bool) -> anyhow::Result<Editing> {
    let lock = storage::lock(path, lock_timeout())?;
    let loaded = super::load(path)?;
    loaded.check_save_over(path)?;
    storage::check_writable(path)?;
    if let (Some((line, col)), false) = (loaded.comment, drop_comments) {
        bail!(
            "{}:{line}:{col}: the file has comments, and saving rewrites it without them; run again with --drop-comments to save anyway (the current version is kept in `shipshape history`)",
            path.display()
        );
    }
    Ok(Editing {
        path: path.to_owned(),
        loaded,
        _lock: lock,
    })
}

impl Editing {
    pub fn workbook(&mut self) -> &mut Workbook {
        &mut self.loaded.workbook
    }

    /// Saves the changed workbook, keeping the replaced version in the
    /// local history, and lets go of the lock.
    pub fn save(self) -> anyhow::Result<()> {
        save_over(&self.path, &self.loaded.workbook)
    }
}

/// Writes `workbook` to `path` (new, or replacing a file the caller has
/// the right to replace), keeping any replaced version in the history.
pub fn save_over(path: &Path, workbook: &Workbook) -> anyhow::Result<()> {
    let state = StateDir::from_env();
    let saved = storage::save_keeping(path, workbook, state.as_ref())?;
    if let Some(e) = saved.history_error {
        errln!("warning: {}: {e}", path.display());
    }
    Ok(())
}

/// Replaces `path` with a new workbook (`new --force`, `import --force`):
/// under the lock, and with the old file kept in the history.
pub fn replace(path: &Path, workbook: &Workbook) -> anyhow::Result<()> {
    let _lock = storage::lock(path, lock_timeout())?;
    storage::check_writable(path)?;
    save_over(path, workbook)
}
