//! Shipshape's own state on this machine, outside any repository: the local
//! history of every workbook it saved and the recovery copies of unsaved
//! edits. `$XDG_STATE_HOME/shipshape` (`~/.local/state/shipshape`) on Linux,
//! the platform's local data folder elsewhere; `SHIPSHAPE_STATE_DIR`
//! overrides it.

use std::path::{Path, PathBuf};

use super::history::History;
use super::recovery::Recoveries;

/// The environment variable that moves the state folder (tests, portable
/// installs).
pub const STATE_DIR_ENV: &str = "SHIPSHAPE_STATE_DIR";

/// The folder Shipshape keeps its state in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateDir {
    root: PathBuf,
}

impl StateDir {
    /// A state folder at `root` (created when first written).
    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The user's state folder: `SHIPSHAPE_STATE_DIR`, else the platform's.
    /// `None` when there is no home to put it in.
    pub fn from_env() -> Option<Self> {
        if let Some(dir) = std::env::var_os(STATE_DIR_ENV).filter(|d| !d.is_empty()) {
            return Some(Self::at(dir));
        }
        let dirs = directories::ProjectDirs::from("", "", "shipshape")?;
        let root = dirs
            .state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_owned();
        Some(Self::at(root))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The local history of the workbook at `file`.
    pub fn history(&self, file: &Path) -> History {
        History::new(self.root.join("history").join(file_key(file)), file)
    }

    /// The recovery copies of unsaved edits.
    pub fn recoveries(&self) -> Recoveries {
        Recoveries::new(self.root.join("recovery"))
    }
}

/// The absolute form of `path` without touching the disk beyond the
/// current directory: the key of a file must not change when it is deleted.
pub fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    // Resolve symlinks where the file exists, so two names of one file
    // share a history.
    abs.canonicalize().unwrap_or(abs)
}

/// A folder-safe name for `file`: its file name (for people looking
/// around) and a hash of its absolute path (so two `payments.shipshape.ron`
/// in different repositories never share a history).
pub fn file_key(file: &Path) -> String {
    use sha2::{Digest, Sha256};
    let abs = absolute(file);
    let digest = Sha256::digest(abs.to_string_lossy().as_bytes());
    let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    let name: String = abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    format!("{name}-{hash}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_by_folder_and_read_well() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a").join("payments.shipshape.ron");
        let b = dir.path().join("b").join("payments.shipshape.ron");
        let (ka, kb) = (file_key(&a), file_key(&b));
        assert_ne!(ka, kb);
        assert!(ka.starts_with("payments.shipshape.ron-"), "{ka}");
        assert_eq!(file_key(&a), ka, "stable");
        assert!(!file_key(Path::new("/x/sp ace/ü ber.ron")).contains(' '));
    }
}
