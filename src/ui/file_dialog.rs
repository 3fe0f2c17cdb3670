//! Native file dialogs, run on their own thread so the window keeps
//! drawing while one is open.
//!
//! rfd answers `None` both when the user cancels and when no dialog backend
//! (desktop portal, zenity) is available. A `None` that comes back almost at
//! once means no dialog was ever shown, so the app offers a path field.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use super::view::PathPurpose;
use crate::storage::FILE_SUFFIX;

/// How the app asks for file paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogMode {
    /// Native dialogs, falling back to the path field.
    Native,
    /// Always the path field (tests, or systems without dialogs).
    PathField,
}

/// A `None` faster than this was no dialog at all.
const NO_BACKEND_WITHIN: Duration = Duration::from_millis(800);

/// A native dialog that is open.
pub struct PendingDialog {
    pub purpose: PathPurpose,
    /// What the path field offers if no dialog appears.
    pub fallback_text: String,
    started: Instant,
    rx: Receiver<Option<PathBuf>>,
}

/// What came back from a dialog.
pub enum DialogOutcome {
    Picked(PathBuf),
    Cancelled,
    /// No dialog appeared; ask with the path field.
    NoBackend,
}

impl PendingDialog {
    /// Opens a dialog for `purpose` on a new thread; `ctx` is woken when it
    /// answers. `suggested` is the file name Save As proposes.
    pub fn spawn(
        ctx: &egui::Context,
        purpose: PathPurpose,
        dir: Option<&Path>,
        suggested: &str,
    ) -> Self {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        let saving = purpose.is_save();
        let fallback_text = match (saving, dir) {
            (true, Some(d)) => d.join(suggested).display().to_string(),
            _ => String::new(),
        };
        let folder = purpose == PathPurpose::ShareFolder;
        let mut dialog = rfd::FileDialog::new();
        dialog = match purpose {
            PathPurpose::ExportPdf(_) => dialog.add_filter("PDF document", &["pdf"]),
            PathPurpose::ShareFolder => dialog,
            _ => dialog.add_filter("Shipshape workbook", &["ron"]),
        };
        if !folder {
            dialog = dialog.add_filter("All files", &["*"]);
        }
        if let Some(dir) = dir {
            dialog = dialog.set_directory(dir);
        }
        let title = match purpose {
            PathPurpose::Open => "Open workbook",
            PathPurpose::SaveAs { .. } => "Save workbook as",
            PathPurpose::Template => "Choose a workbook to use as template",
            PathPurpose::ExportPdf(_) => "Export PDF",
            PathPurpose::ShareFolder => "Choose a folder for the files to share",
        };
        dialog = dialog.set_title(title);
        let suggested = suggested.to_owned();
        std::thread::spawn(move || {
            let picked = if saving {
                dialog.set_file_name(suggested).save_file()
            } else if folder {
                dialog.pick_folder()
            } else {
                dialog.pick_file()
            };
            // The window may have closed meanwhile; nothing to tell then.
            if tx.send(picked).is_ok() {
                ctx.request_repaint();
            }
        });
        Self {
            purpose,
            fallback_text,
            started: Instant::now(),
            rx,
        }
    }

    /// The answer, once there is one.
    pub fn poll(&self) -> Option<DialogOutcome> {
        let answer = match self.rx.try_recv() {
            Ok(answer) => answer,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => None,
        };
        Some(match answer {
            Some(path) => DialogOutcome::Picked(path),
            None if self.started.elapsed() < NO_BACKEND_WITHIN => DialogOutcome::NoBackend,
            None => DialogOutcome::Cancelled,
        })
    }
}

/// `name.shipshape.ron` for a project name.
pub fn suggested_file_name(project: &str) -> String {
    format!("{}{FILE_SUFFIX}", crate::model::file_stem(project))
}

/// Adds the workbook suffix to a typed save path that has no extension.
pub fn with_suffix(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        let mut s = path.into_os_string();
        s.push(FILE_SUFFIX);
        s.into()
    }
}

/// Expands a leading `~/` in a typed path.
pub fn expand_typed_path(text: &str) -> PathBuf {
    let t = text.trim();
    if let Some(rest) = t.strip_prefix("~/")
        && let Some(home) = directories::BaseDirs::new()
    {
        return home.home_dir().join(rest);
    }
    PathBuf::from(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(
            suggested_file_name("Payments API"),
            "payments-api.shipshape.ron"
        );
        assert_eq!(suggested_file_name("李雷"), "李雷.shipshape.ron");
        assert_eq!(suggested_file_name(""), "workbook.shipshape.ron");
        assert_eq!(
            with_suffix("/tmp/x".into()),
            PathBuf::from("/tmp/x.shipshape.ron")
        );
        assert_eq!(
            with_suffix("/tmp/x.ron".into()),
            PathBuf::from("/tmp/x.ron")
        );
    }
}
