//! The list of recently opened workbooks, kept in the user's config
//! directory for the start view.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent files are remembered.
pub const MAX_RECENT: usize = 12;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentFiles {
    /// Most recent first; no duplicates.
    pub paths: Vec<PathBuf>,
}

impl RecentFiles {
    /// Where the list lives: `$XDG_CONFIG_HOME/shipshape/recent.ron` on Linux.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "shipshape")
            .map(|d| d.config_dir().join("recent.ron"))
    }

    /// Reads the list; a missing or unreadable list is an empty one — it is
    /// a convenience, and a broken one must not stop the app.
    pub fn load(path: &Path) -> Self {
        super::read_capped(path)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|t| ron::from_str(&t).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new().new_line("\n"))
            .map_err(std::io::Error::other)?;
        super::write_atomic(path, text.as_bytes())
    }

    /// Puts `path` first.
    pub fn touch(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.paths.retain(|p| *p != path);
        self.paths.insert(0, path);
        self.paths.truncate(MAX_RECENT);
    }

    pub fn remove(&mut self, path: &Path) {
        self.paths.retain(|p| p != path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touch_dedups_and_caps() {
        let mut r = RecentFiles::default();
        for i in 0..20 {
            r.touch(Path::new(&format!("/nonexistent/{i}.shipshape.ron")));
        }
        r.touch(Path::new("/nonexistent/5.shipshape.ron"));
        assert_eq!(r.paths.len(), MAX_RECENT);
        assert_eq!(r.paths[0], Path::new("/nonexistent/5.shipshape.ron"));
        assert_eq!(
            r.paths
                .iter()
                .filter(|p| p.ends_with("5.shipshape.ron"))
                .count(),
            1
        );
    }

    #[test]
    fn round_trips_and_tolerates_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/recent.ron");
        let mut r = RecentFiles::default();
        r.touch(Path::new("/x/a.shipshape.ron"));
        r.save(&p).unwrap();
        assert_eq!(RecentFiles::load(&p), r);
        std::fs::write(&p, "garbage(").unwrap();
        assert_eq!(RecentFiles::load(&p), RecentFiles::default());
    }
}
