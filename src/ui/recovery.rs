//! Crash recovery in the window. While the workbook has unsaved edits, a
//! copy of it goes to the state folder's recovery copies
//! (`storage::recovery`) at most [`AppConfig::autosave_delay`] after the
//! last edit — written on a named thread so the frame never waits for the
//! disk — and once more, synchronously, when a signal asks the process to
//! end. A save or an explicit Discard removes it.
//!
//! On open (and on start, for workbooks never saved) a leftover copy is
//! offered back: "Recover unsaved changes from HH:MM", with what it holds.
//! Recovering over a file that changed since the copy's base is a
//! three-way merge (base = the copy's base, ours = the copy, theirs = the
//! file), never an overwrite.
//!
//! [`AppConfig::autosave_delay`]: super::app::AppConfig::autosave_delay

use std::path::PathBuf;
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

use super::app::ShipshapeApp;
use super::background::{Report, Reporter};
use super::dialogs::Outcome;
use super::doc::Document;
use super::view::Modal;
use crate::model::{self, Workbook, merge};
use crate::storage::{Recoveries, Recovery};

/// One copy to write.
struct Snapshot {
    key: String,
    original: Option<PathBuf>,
    base_hash: Option<String>,
    /// The workbook the edits started from, when it changed since the
    /// last snapshot (written once per base).
    base: Option<Workbook>,
    workbook: Workbook,
}

/// What the writer thread does, in the order asked: a discard after a
/// save must not be overtaken by a copy still waiting to be written.
enum Job {
    Write(Box<Snapshot>),
    Discard(String),
}

/// The autosave's state: what was last sent to the writer thread.
#[derive(Default)]
pub struct AutoSave {
    writer: Option<Sender<Job>>,
    /// Held while a copy is written, so the final copy at exit is never
    /// overtaken by an older one still in flight.
    writing: Arc<Mutex<()>>,
    /// (key, revision) last sent.
    sent: Option<(String, u64)>,
    /// (key, base hash) whose base copy was sent.
    base_sent: Option<(String, Option<String>)>,
    /// The revision waiting to be written, and since when.
    pending: Option<(u64, Instant)>,
    /// A copy exists on disk for this key.
    written: Option<String>,
    failed: bool,
}

/// What the recovery offer dialog answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryChoice {
    Recover,
    Discard,
}

/// "Recover unsaved changes from HH:MM?"
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryOffer {
    pub recovery: Recovery,
    /// When the copy was written, local time.
    pub when: String,
    /// What the copy holds that the file does not, in a few words.
    pub summary: String,
    /// The whole difference, for Show.
    pub details: String,
    pub showing: bool,
}

impl RecoveryOffer {
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome<RecoveryChoice> {
        super::dialogs::heading(ui, format!("Recover unsaved changes from {}?", self.when));
        let whose = match &self.recovery.original {
            Some(path) => format!(
                "Shipshape closed without saving {}. The edits it held are kept:",
                path.display()
            ),
            None => "Shipshape closed without saving a new workbook. It is kept:".to_owned(),
        };
        ui.label(whose);
        ui.strong(&self.summary);
        ui.toggle_value(&mut self.showing, "Show the changes");
        if self.showing {
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    let details = super::text::clip(&self.details);
                    ui.add(egui::Label::new(egui::RichText::new(details).monospace()).wrap());
                });
        }
        ui.add_space(6.0);
        let mut outcome = Outcome::Open;
        ui.horizontal(|ui| {
            if ui.button("Recover").clicked() {
                outcome = Outcome::Ok(RecoveryChoice::Recover);
            }
            if ui
                .button("Discard")
                .on_hover_text("Delete the recovery copy")
                .clicked()
            {
                outcome = Outcome::Ok(RecoveryChoice::Discard);
            }
            if ui
                .button("Not now")
                .on_hover_text("Keep the copy and ask again next time")
                .clicked()
            {
                outcome = Outcome::Cancel;
            }
        });
        outcome
    }
}

impl ShipshapeApp {
    fn recoveries(&self) -> Option<Recoveries> {
        self.config.state.as_ref().map(|s| s.recoveries())
    }

    /// Once per frame: sends a copy of unsaved edits to the writer when
    /// they have waited long enough, and drops the copy once there is
    /// nothing unsaved (saved, undone, discarded).
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let dirty = self.is_dirty();
        let (Some(recoveries), Some(doc)) = (self.recoveries(), &self.doc) else {
            return;
        };
        let key = doc.recovery_key().to_owned();
        if !dirty {
            self.autosave.pending = None;
            if self.autosave.written.as_deref() == Some(&key) {
                self.discard_recovery(&key);
            }
            return;
        }
        let revision = doc.revision();
        if self.autosave.sent.as_ref() == Some(&(key.clone(), revision)) {
            return;
        }
        let since = match self.autosave.pending {
            Some((r, since)) if r == revision => since,
            _ => {
                // Measured from the first unsaved change, so steady typing
                // cannot postpone the copy forever.
                let since = self.autosave.pending.map_or_else(Instant::now, |(_, t)| t);
                self.autosave.pending = Some((revision, since));
                since
            }
        };
        let delay = self.config.autosave_delay;
        if since.elapsed() < delay {
            ctx.request_repaint_after(delay.saturating_sub(since.elapsed()));
            return;
        }
        let snapshot = snapshot(doc, &mut self.autosave, key.clone());
        self.autosave.pending = None;
        self.autosave.sent = Some((key.clone(), revision));
        self.autosave.written = Some(key);
        let reporter = self.background.reporter(ctx);
        self.send_to_writer(recoveries, Job::Write(Box::new(snapshot)), reporter);
    }

    /// Hands `job` to the writer thread, starting it when needed; without
    /// a thread, does it here rather than not at all.
    fn send_to_writer(&mut self, recoveries: Recoveries, job: Job, reporter: Reporter) {
        let job = match &self.autosave.writer {
            Some(tx) => match tx.send(job) {
                Ok(()) => return,
                // The writer is gone (a panic): start another.
                Err(e) => e.0,
            },
            None => job,
        };
        let (tx, rx) = channel::<Job>();
        let writing = Arc::clone(&self.autosave.writing);
        let thread_reporter = reporter.clone();
        let thread_recoveries = recoveries.clone();
        let started = std::thread::Builder::new()
            .name("shipshape recovery".into())
            .spawn(move || {
                while let Ok(job) = rx.recv() {
                    do_job(&thread_recoveries, &writing, job, &thread_reporter);
                }
            });
        match started {
            Ok(_) => {
                let _sent = tx.send(job);
                self.autosave.writer = Some(tx);
            }
            Err(_) => do_job(&recoveries, &self.autosave.writing, job, &reporter),
        }
    }

    /// Removes the recovery copy under `key` (after a save or a discard).
    pub(super) fn discard_recovery(&mut self, key: &str) {
        if let Some(recoveries) = self.recoveries() {
            let reporter = self.background.reporter(&self.ctx);
            self.send_to_writer(recoveries, Job::Discard(key.to_owned()), reporter);
        }
        if self.autosave.written.as_deref() == Some(key) {
            self.autosave.written = None;
        }
        self.autosave.sent = None;
        self.autosave.base_sent = None;
    }

    /// A signal asked the process to end: write the copy now, then exit.
    pub(super) fn terminate(&mut self, code: i32) {
        if self.is_dirty()
            && let (Some(recoveries), Some(doc)) = (self.recoveries(), &self.doc)
        {
            let key = doc.recovery_key().to_owned();
            self.autosave.base_sent = None;
            let snapshot = snapshot(doc, &mut self.autosave, key);
            // Held until exit: no older copy in flight can land after this.
            let guard = self.autosave.writing.lock();
            if let Err(e) = recoveries.write(
                &snapshot.key,
                snapshot.original.as_deref(),
                snapshot.base_hash.as_deref(),
                &snapshot.workbook,
                SystemTime::now(),
            ) {
                eprintln!("shipshape: cannot write the recovery copy: {e}");
            } else if let Some(base) = &snapshot.base {
                let _best_effort = recoveries.write_base(&snapshot.key, base);
            }
            drop(guard);
        }
        std::process::exit(code);
    }

    pub(super) fn recovery_failed(&mut self, error: String) {
        if !self.autosave.failed {
            self.autosave.failed = true;
            self.view.warning(format!(
                "cannot write the recovery copy of your unsaved edits: {error}. Save soon."
            ));
        }
    }

    /// After a workbook opened from `path` (or on start, for never-saved
    /// ones): offers a leftover recovery copy that holds something else.
    pub(super) fn offer_recovery(&mut self, path: Option<&std::path::Path>) {
        let Some(recoveries) = self.recoveries() else {
            return;
        };
        let found = match path {
            Some(path) => recoveries.for_file(path),
            None => recoveries.untitled().into_iter().find(|r| {
                !r.key()
                    .starts_with(&format!("untitled-{}-", std::process::id()))
            }),
        };
        let Some(recovery) = found else {
            return;
        };
        let copy = match recovery.load() {
            Ok(loaded) => loaded.workbook,
            Err(e) => {
                self.view.warning(format!(
                    "A recovery copy of unsaved edits does not read ({e}); it is kept in {}",
                    recovery.copy.display()
                ));
                return;
            }
        };
        let today = self.today();
        let against = match (path, self.workbook()) {
            (Some(_), Some(wb)) => wb.clone(),
            _ => Workbook::new(""),
        };
        if path.is_some() && copy == against {
            // Nothing the file does not already hold.
            self.discard_recovery(recovery.key());
            return;
        }
        let d = model::diff::diff(&against, &copy, today);
        let when: chrono::DateTime<chrono::Local> = recovery.written.into();
        self.view.modal = Some(Modal::Recovery(RecoveryOffer {
            when: when.format("%H:%M").to_string(),
            summary: if path.is_some() {
                d.summary()
            } else {
                format!(
                    "“{}”, {} items",
                    super::text::clip_to(&copy.project, 200),
                    copy.item_count()
                )
            },
            details: model::diff::render(&d),
            showing: false,
            recovery,
        }));
    }

    /// The answer to the recovery offer.
    pub(super) fn recovery_answer(&mut self, offer: RecoveryOffer, choice: RecoveryChoice) {
        let recovery = offer.recovery;
        if choice == RecoveryChoice::Discard {
            self.discard_recovery(recovery.key());
            self.view.info("Recovery copy discarded.");
            return;
        }
        let copy = match recovery.load() {
            Ok(l) => l.workbook,
            Err(e) => {
                self.view.error(format!("cannot recover: {e}"));
                return;
            }
        };
        if recovery.original.is_none() {
            self.install(Document::recovered(copy, recovery.key()));
            self.view
                .info("Recovered the unsaved workbook; Save (Ctrl+S) picks its file.");
            return;
        }
        let Some(doc) = &mut self.doc else {
            return;
        };
        let unchanged = doc.disk().map(|f| f.hash.as_str()) == recovery.base_hash.as_deref();
        if unchanged {
            doc.replace(copy);
            self.view
                .info("Recovered your unsaved changes; not saved yet (Undo takes them back).");
        } else {
            // The file moved on since the edits started: merge, so neither
            // the edits nor the file's new content is lost.
            let base = recovery.load_base().unwrap_or_else(|| doc.saved().clone());
            let merged = merge(&base, &copy, doc.workbook());
            let conflicts = merged.conflicts.len();
            doc.replace(merged.workbook);
            let text = "Recovered your unsaved changes, merged with what the file holds now; not saved yet.";
            if conflicts > 0 {
                self.view.warning(format!(
                    "{text} {conflicts} conflict(s): see Merge conflicts only."
                ));
            } else {
                self.view.info(text);
            }
        }
        self.keep_selection();
    }
}

/// Writes one copy (and its base, when new) or removes one, under the
/// writing lock.
fn do_job(recoveries: &Recoveries, writing: &Mutex<()>, job: Job, reporter: &Reporter) {
    let _guard = writing.lock();
    let snapshot = match job {
        Job::Write(snapshot) => snapshot,
        Job::Discard(key) => {
            if let Err(e) = recoveries.discard_key(&key) {
                reporter.report(Report::RecoveryFailed(format!(
                    "cannot remove the recovery copy: {e}"
                )));
            }
            return;
        }
    };
    let written = recoveries
        .write(
            &snapshot.key,
            snapshot.original.as_deref(),
            snapshot.base_hash.as_deref(),
            &snapshot.workbook,
            SystemTime::now(),
        )
        .and_then(|_| match &snapshot.base {
            Some(base) => recoveries.write_base(&snapshot.key, base),
            None => Ok(()),
        });
    if let Err(e) = written {
        reporter.report(Report::RecoveryFailed(e.to_string()));
    }
}

/// The copy of `doc` to write under `key`, with its base when that changed
/// since the last copy.
fn snapshot(doc: &Document, autosave: &mut AutoSave, key: String) -> Snapshot {
    let base_hash = doc.disk().map(|f| f.hash.clone());
    let base_key = (key.clone(), base_hash.clone());
    let base = (autosave.base_sent.as_ref() != Some(&base_key) && doc.path().is_some())
        .then(|| doc.saved().clone());
    if base.is_some() {
        autosave.base_sent = Some(base_key);
    }
    Snapshot {
        key,
        original: doc.path().map(ToOwned::to_owned),
        base_hash,
        base,
        workbook: doc.workbook().clone(),
    }
}
