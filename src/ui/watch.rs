//! What the operating system tells the window: the open file changed on
//! disk (a `notify` watcher), and the process is asked to end (SIGTERM at
//! logout, SIGINT, SIGHUP — `signal-hook`). Both only report to the window
//! (`Report::DiskChanged`, `Report::Terminate`); the window acts on the
//! report in `command_handling`, like on every other action.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::{RecursiveMode, Watcher as _};

use super::background::{Report, Reporter};
use crate::storage::FILE_SUFFIX;

/// How long after the last event on the file the window looks: one git
/// checkout or atomic save is several events (write temp, rename).
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// Watches one workbook file until dropped.
pub struct FileWatcher {
    path: PathBuf,
    _watcher: notify::RecommendedWatcher,
}

impl FileWatcher {
    /// Starts watching `path`. The folder is watched, not the file: git
    /// and every atomic save (ours included) replace the file by a rename,
    /// which a watch on the file itself would lose.
    pub fn new(path: &Path, reporter: Reporter) -> notify::Result<Self> {
        let name = path.file_name().map(ToOwned::to_owned);
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let about_file = match &event {
                    Ok(e) => e.paths.iter().any(|p| p.file_name() == name.as_deref()),
                    // A lost event (overflow) may have been about the file.
                    Err(_) => true,
                };
                if about_file {
                    reporter.report(Report::DiskChanged);
                }
            })?;
        watcher.watch(&folder, RecursiveMode::NonRecursive)?;
        Ok(Self {
            path: path.to_owned(),
            _watcher: watcher,
        })
    }

    /// The file being watched.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Watches a folder and everything under it for the portfolio view, until
/// dropped: a workbook (or an ignore file, which changes what is listed)
/// created, changed, renamed or removed anywhere below is reported as
/// [`Report::FolderChanged`]; the window rescans once things settle.
pub struct FolderWatcher {
    folder: PathBuf,
    _watcher: notify::RecommendedWatcher,
}

impl FolderWatcher {
    pub fn new(folder: &Path, reporter: Reporter) -> notify::Result<Self> {
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let relevant = match &event {
                    Ok(e) => e.paths.iter().any(|p| {
                        p.file_name().is_some_and(|n| {
                            let n = n.to_string_lossy();
                            n.ends_with(FILE_SUFFIX) || n == ".gitignore" || n == ".ignore"
                        })
                    }),
                    // A lost event (overflow) may have been about a workbook.
                    Err(_) => true,
                };
                if relevant {
                    reporter.report(Report::FolderChanged);
                }
            })?;
        watcher.watch(folder, RecursiveMode::Recursive)?;
        Ok(Self {
            folder: folder.to_owned(),
            _watcher: watcher,
        })
    }

    /// The folder being watched.
    pub fn folder(&self) -> &Path {
        &self.folder
    }
}

/// Reports SIGTERM, SIGINT and SIGHUP to the window as
/// [`Report::Terminate`] so it writes its recovery copy and exits. If the
/// window does not exit within `grace` (it hangs, or its display is gone),
/// the process exits anyway: the recovery copy on disk is then the one the
/// autosave wrote, at most a second old.
#[cfg(unix)]
pub fn handle_termination(reporter: Reporter, grace: Duration) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    std::thread::Builder::new()
        .name("shipshape signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let code = 128 + signal;
                reporter.report(Report::Terminate(code));
                std::thread::sleep(grace);
                std::process::exit(code);
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
pub fn handle_termination(_reporter: Reporter, _grace: Duration) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::model::Workbook;
    use crate::storage;
    use crate::ui::background::Background;
    use crate::ui::command::Action;

    fn reported(background: &Background, within: Duration) -> bool {
        let started = Instant::now();
        while started.elapsed() < within {
            if background
                .reports()
                .any(|a| a == Action::Background(Report::DiskChanged))
            {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    #[test]
    fn a_save_by_another_program_is_reported_and_other_files_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.shipshape.ron");
        storage::save(&path, &Workbook::new("P")).unwrap();
        let ctx = egui::Context::default();
        let background = Background::default();
        let watcher = FileWatcher::new(&path, background.reporter(&ctx)).unwrap();
        assert_eq!(watcher.path(), path);

        std::fs::write(dir.path().join("other.txt"), "x").unwrap();
        assert!(!reported(&background, Duration::from_millis(300)));

        // An atomic save replaces the file by a rename, as git does.
        storage::save(&path, &Workbook::new("Q")).unwrap();
        assert!(reported(&background, Duration::from_secs(10)));
        std::fs::remove_file(&path).unwrap();
        assert!(reported(&background, Duration::from_secs(10)));
    }
}
