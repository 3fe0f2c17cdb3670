//! Work that must not block the window: native file dialogs (they wait for
//! the user), PDF rendering (seconds for 10,000 items) and opening files
//! with the system's applications.
//!
//! Each job runs on a named thread and sends a [`Report`] back on a channel
//! that the app's `input` drains into the action queue every frame: a thread
//! never touches the app's state, and what it reports is applied with every
//! other change, in `command_handling`. The window keeps drawing meanwhile.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use super::command::Action;
use super::export::AfterPdf;
use super::file_dialog::{DialogAnswer, PathPurpose};
use crate::export::pdf::{self, MissingGlyph, PdfOptions};
use crate::model::Workbook;
use crate::model::portfolio::Row;
use crate::storage;

/// What a background job reports when it is done.
#[derive(Debug, Clone, PartialEq)]
pub enum Report {
    /// A native file dialog answered; `fallback_text` is what the path
    /// field offers if no dialog appeared.
    FileDialogAnswered {
        purpose: PathPurpose,
        answer: DialogAnswer,
        fallback_text: String,
    },
    /// The mail app was asked to open a `mailto:` link: whether the
    /// system's opener found one, or why not.
    MailOpened(Result<(), String>),
    /// A PDF is on disk.
    PdfWritten {
        path: PathBuf,
        bytes: usize,
        missing: Vec<MissingGlyph>,
        then: AfterPdf,
    },
    PdfFailed(String),
    /// Opening a file with the system's application did not work: a note,
    /// since the file is there all the same.
    OpenFailed(String),
    /// Something happened to the open file on disk (`watch`).
    DiskChanged,
    /// A workbook under the portfolio's folder changed (`watch`).
    FolderChanged,
    /// The portfolio's folder was scanned (`portfolio`).
    PortfolioScanned(Box<Scanned>),
    /// The recovery copy could not be written (`recovery`).
    RecoveryFailed(String),
    /// SIGTERM, SIGINT or SIGHUP: write the recovery copy and exit with
    /// this code (`watch`).
    Terminate(i32),
}

/// The background jobs and what they report.
pub struct Background {
    tx: Sender<Report>,
    rx: Receiver<Report>,
    /// The PDF being written, for the status bar; `None` when idle.
    pdf: Option<String>,
    /// Whether a native file dialog is open.
    file_dialog: bool,
    /// The program that opens files, folders and `mailto:` links; `None`
    /// is the system's (`xdg-open`, `open`, `start`).
    pub opener: Option<OsString>,
}

impl Default for Background {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self {
            tx,
            rx,
            pdf: None,
            file_dialog: false,
            opener: None,
        }
    }
}

/// A PDF to render and write.
pub struct PdfJob {
    pub workbook: Workbook,
    pub options: PdfOptions,
    pub path: PathBuf,
    /// Open it in the system's viewer once written.
    pub open_after: bool,
    pub then: AfterPdf,
    /// See [`Background::opener`].
    pub opener: Option<OsString>,
}

/// A folder's workbooks, read and judged off the window's thread.
#[derive(Debug, Clone, PartialEq)]
pub struct Scanned {
    pub folder: PathBuf,
    /// Most urgent first.
    pub rows: Vec<Row>,
}

/// A job's way back to the window.
#[derive(Clone)]
pub struct Reporter {
    tx: Sender<Report>,
    ctx: egui::Context,
}

impl Reporter {
    /// Sends `report` to the window and wakes it; false when the window
    /// has closed meanwhile and there is nobody to tell.
    pub fn report(&self, report: Report) -> bool {
        let sent = self.tx.send(report).is_ok();
        if sent {
            self.ctx.request_repaint();
        }
        sent
    }
}

impl Background {
    /// A way back to the window for work that outlives one job (the file
    /// watcher, the recovery writer, the signal handler).
    pub fn reporter(&self, ctx: &egui::Context) -> Reporter {
        Reporter {
            tx: self.tx.clone(),
            ctx: ctx.clone(),
        }
    }

    /// What the jobs reported since the last call, as actions to apply.
    pub fn reports(&self) -> impl Iterator<Item = Action> + '_ {
        self.rx.try_iter().map(Action::Background)
    }

    /// What is running, for the status bar.
    pub fn busy(&self) -> Option<&str> {
        self.pdf.as_deref()
    }

    /// Whether a native file dialog is waiting for the user.
    pub fn file_dialog_open(&self) -> bool {
        self.file_dialog
    }

    /// Runs `dialog` (see `file_dialog::native_dialog`); its answer comes
    /// back as [`Report::FileDialogAnswered`].
    pub fn file_dialog(
        &mut self,
        ctx: &egui::Context,
        purpose: PathPurpose,
        fallback_text: String,
        dialog: impl FnOnce() -> DialogAnswer + Send + 'static,
    ) {
        self.file_dialog = true;
        let (job_purpose, job_fallback) = (purpose.clone(), fallback_text.clone());
        let job = move |reporter: &Reporter| {
            reporter.report(Report::FileDialogAnswered {
                purpose: job_purpose,
                answer: dialog(),
                fallback_text: job_fallback,
            });
        };
        // No thread, no dialog: the path field asks instead.
        let failed = |_| Report::FileDialogAnswered {
            purpose,
            answer: DialogAnswer::NoBackend,
            fallback_text,
        };
        self.spawn(ctx, "file dialog", job, failed);
    }

    /// Marks the file dialog answered.
    pub fn file_dialog_closed(&mut self) {
        self.file_dialog = false;
    }

    /// Renders and writes a PDF, one at a time; [`Report::PdfWritten`] or
    /// [`Report::PdfFailed`] comes back. `busy` is shown meanwhile.
    pub fn write_pdf(&mut self, ctx: &egui::Context, job: PdfJob, busy: String) {
        self.pdf = Some(busy);
        self.spawn(
            ctx,
            "pdf export",
            move |reporter| write_pdf(job, reporter),
            |e| Report::PdfFailed(format!("cannot start writing the PDF: {e}")),
        );
    }

    /// Marks the PDF finished, written or not.
    pub fn pdf_finished(&mut self) {
        self.pdf = None;
    }

    /// Reads and judges every workbook under `folder` as of `as_of`;
    /// [`Report::PortfolioScanned`] comes back (with no rows if no thread
    /// could start, and an error said).
    pub fn scan_portfolio(&self, ctx: &egui::Context, folder: PathBuf, as_of: chrono::NaiveDate) {
        let job_folder = folder.clone();
        let job = move |reporter: &Reporter| {
            let rows = storage::scan(std::slice::from_ref(&job_folder)).rows(as_of);
            reporter.report(Report::PortfolioScanned(Box::new(Scanned {
                folder: job_folder,
                rows,
            })));
        };
        let failed = |e: std::io::Error| {
            let unreadable = crate::model::portfolio::Unreadable {
                message: format!("cannot start reading the folder: {e}"),
                position: None,
            };
            Report::PortfolioScanned(Box::new(Scanned {
                rows: vec![Row {
                    path: folder.clone(),
                    state: Err(unreadable),
                }],
                folder,
            }))
        };
        self.spawn(ctx, "portfolio scan", job, failed);
    }

    /// Opens a file or folder with the system's default application; a
    /// failure comes back as [`Report::OpenFailed`].
    pub fn open_in_system(&self, ctx: &egui::Context, path: PathBuf) {
        let failed = |path: &Path, e: String| {
            Report::OpenFailed(format!("Could not open {} ({e})", path.display()))
        };
        let job_path = path.clone();
        let opener = self.opener.clone();
        let job = move |reporter: &Reporter| {
            if let Err(e) = open_in_system(job_path.as_os_str(), opener.as_deref()) {
                reporter.report(failed(&job_path, e));
            }
        };
        self.spawn(ctx, "open", job, |e| failed(&path, e.to_string()));
    }

    /// Opens a `mailto:` link in the system's mail app, waiting for the
    /// opener's answer: [`Report::MailOpened`] says whether one opened.
    pub fn open_mail(&self, ctx: &egui::Context, mailto: String) {
        let opener = self.opener.clone();
        let job = move |reporter: &Reporter| {
            let opened = open_in_system(OsStr::new(&mailto), opener.as_deref());
            reporter.report(Report::MailOpened(opened));
        };
        self.spawn(ctx, "mail", job, |e| {
            Report::MailOpened(Err(format!("cannot start the opener: {e}")))
        });
    }

    /// Runs `job` on a new thread named `shipshape NAME`; if no thread can
    /// be started, `failed` is reported instead.
    fn spawn(
        &self,
        ctx: &egui::Context,
        name: &str,
        job: impl FnOnce(&Reporter) + Send + 'static,
        failed: impl FnOnce(std::io::Error) -> Report,
    ) {
        let reporter = self.reporter(ctx);
        let started = std::thread::Builder::new()
            .name(format!("shipshape {name}"))
            .spawn(move || job(&reporter));
        if let Err(e) = started {
            let _closed = self.tx.send(failed(e));
            ctx.request_repaint();
        }
    }
}

/// The PDF job: render, write, report, then maybe open it.
fn write_pdf(job: PdfJob, reporter: &Reporter) {
    let PdfJob {
        workbook,
        options,
        path,
        open_after,
        then,
        opener,
    } = job;
    let report = match pdf::render(&workbook, &options) {
        Err(e) => Report::PdfFailed(format!("cannot render the PDF: {e}")),
        Ok(rendered) => match storage::write_atomic(&path, &rendered.bytes) {
            Err(e) => Report::PdfFailed(format!("cannot write {}: {e}", path.display())),
            Ok(()) => Report::PdfWritten {
                path: path.clone(),
                bytes: rendered.bytes.len(),
                missing: rendered.missing_glyphs,
                then,
            },
        },
    };
    let written = matches!(report, Report::PdfWritten { .. });
    if !reporter.report(report) {
        return;
    }
    if written
        && open_after
        && let Err(e) = open_in_system(path.as_os_str(), opener.as_deref())
    {
        reporter.report(Report::OpenFailed(format!(
            "The PDF is saved but could not be opened ({e}); open it from {}",
            path.display()
        )));
    }
}

/// Opens `path` (a file, a folder or a `mailto:` link) with the system's
/// default application — or with `opener` — waiting for the opener to say
/// whether it worked.
fn open_in_system(path: &OsStr, opener: Option<&OsStr>) -> Result<(), String> {
    #[cfg(target_os = "macos")]
    let (program, command) = ("open", std::process::Command::new("open"));
    #[cfg(target_os = "windows")]
    let (program, command) = {
        let mut c = std::process::Command::new("cmd");
        // `start`'s first quoted argument is a window title.
        c.args(["/C", "start", ""]);
        ("start", c)
    };
    #[cfg(not(any(target_os = "macos", target_os = "windows")))]
    let (program, command) = ("xdg-open", std::process::Command::new("xdg-open"));
    let (program, mut command) = match opener {
        Some(opener) => (
            opener.to_str().unwrap_or("the opener"),
            std::process::Command::new(opener),
        ),
        None => (program, command),
    };
    let status = command
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{program} failed ({status})"))
    }
}
