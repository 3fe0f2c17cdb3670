//! Opening, saving, closing and creating workbooks, with the
//! unsaved-changes question in between. Called from the action handler.

use std::path::{Path, PathBuf};

use egui::ViewportCommand;

use super::app::ShipshapeApp;
use super::command::{Action, AfterClose, GuardAnswer, TemplateSource};
use super::doc::Document;
use super::file_dialog::PathPurpose;
use super::view::{Derived, Modal, NewForm, RecentEntry, RecentSummary, TemplateEntry};
use crate::model::{TemplateOptions, Workbook};
use crate::storage::{self, Loaded};

impl ShipshapeApp {
    /// Reads `path`; on success offers to close the current workbook (asking
    /// about unsaved changes) and shows the new one. A file that cannot be
    /// read changes nothing but the message.
    pub(super) fn request_open(&mut self, path: PathBuf) {
        match storage::load(&path) {
            Ok(loaded) => {
                let ctx_free = AfterClose::Open(path, Box::new(loaded));
                self.queue.push(Action::CloseThen(ctx_free));
            }
            Err(e) => {
                self.view.error(e.to_string());
                self.view.recent = None;
            }
        }
    }

    pub(super) fn close_then(&mut self, ctx: &egui::Context, then: AfterClose) {
        if self.is_dirty() {
            self.ask_unsaved_changes(then);
            return;
        }
        self.finish_close(ctx, then);
    }

    pub(super) fn guard_answer(&mut self, ctx: &egui::Context, answer: GuardAnswer) {
        let Some(Modal::UnsavedChanges { then, .. }) = self.view.modal.take() else {
            return;
        };
        match answer {
            GuardAnswer::Cancel => {}
            GuardAnswer::Discard => {
                // An explicit discard: the edits' recovery copy goes too.
                if let Some(key) = self.doc.as_ref().map(|d| d.recovery_key().to_owned()) {
                    self.discard_recovery(&key);
                }
                self.finish_close(ctx, then);
            }
            GuardAnswer::Save => match self.path().map(Path::to_owned) {
                Some(path) => {
                    if self.save_to(&path) {
                        self.finish_close(ctx, then);
                    }
                }
                None => self.ask_path(ctx, PathPurpose::SaveAs { then: Some(then) }),
            },
        }
    }

    /// Closes the workbook (its changes were saved or discarded) and goes on.
    pub(super) fn finish_close(&mut self, ctx: &egui::Context, then: AfterClose) {
        match then {
            AfterClose::CloseWindow => {
                self.close_allowed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            AfterClose::ShowStart => {
                self.close_doc();
                self.view.new_form = Some(self.default_new_form());
            }
            AfterClose::Open(path, loaded) => self.show_loaded(path, *loaded),
            AfterClose::Imported(wb) => {
                let summary = format!(
                    "Imported {} items into a new workbook, not saved yet: Save (Ctrl+S) picks its file.",
                    wb.item_count()
                );
                self.install(Document::unsaved(*wb));
                self.view.info(summary);
            }
        }
    }

    fn close_doc(&mut self) {
        self.doc = None;
        self.view.file_missing = false;
        self.view.save_here = false;
        self.view.disk_unreadable = None;
        self.view.selected = None;
        self.view.filter = Default::default();
        self.view.recent = None;
        self.view.clear_stale_messages();
    }

    fn show_loaded(&mut self, path: PathBuf, loaded: Loaded) {
        let unknown = loaded.unknown_fields.len();
        self.install(Document::loaded(path.clone(), loaded));
        self.view.pending_recent = Some((path.clone(), false));
        self.offer_recovery(Some(&path));
        if unknown > 0 {
            self.view.error(format!(
                "{} was written by a newer Shipshape ({unknown} unknown field(s)); Save over it is refused so they are not lost — use Save As.",
                path.display()
            ));
        }
    }

    pub(super) fn install(&mut self, doc: Document) {
        self.close_doc();
        // A workbook opened (from the portfolio or not) is what is shown;
        // View → Portfolio goes back.
        if let Some(p) = &mut self.portfolio {
            p.shown = false;
        }
        self.view.new_form = None;
        self.view.selected = doc.workbook().items().next().map(|(_, i)| i.id.clone());
        self.doc = Some(doc);
        self.view.derived = Derived::default();
    }

    /// A workbook made from the built-in checklist, to look around in.
    pub(super) fn open_sample(&mut self) {
        let launch = self.today().checked_add_days(chrono::Days::new(42));
        let wb = Workbook::from_template(
            &storage::builtin_template(),
            TemplateOptions {
                project: "Sample project".into(),
                launch,
            },
        );
        self.install(Document::unsaved(wb));
        self.view
            .info("This is a sample workbook made from the built-in checklist; Save As keeps it.");
    }

    /// Takes a file off the start view's recent list.
    pub(super) fn forget_recent(&mut self, path: &Path) {
        self.recent.remove(path);
        self.save_recent();
        self.view.recent = None;
    }

    /// Called once each frame is laid out: a file opened before it was
    /// drawn in it; one drawn in an earlier frame, and so painted, joins
    /// the recent list.
    pub(super) fn settle_recent(&mut self, ctx: &egui::Context) {
        match self.view.pending_recent.take() {
            Some((path, true)) => self.remember(&path),
            Some((path, false)) => {
                self.view.pending_recent = Some((path, true));
                ctx.request_repaint();
            }
            None => {}
        }
    }

    pub(super) fn remember(&mut self, path: &Path) {
        self.recent.touch(path);
        self.save_recent();
    }

    pub(super) fn save_recent(&mut self) {
        let Some(list) = &self.config.recent_path else {
            return;
        };
        match self.recent.save(list) {
            // The only lasting message is this one; it no longer holds.
            Ok(()) => self.view.messages.retain(|m| !m.lasting),
            Err(e) => self.view.lasting_error(format!(
                "cannot update the recent-files list {}: {e}",
                list.display()
            )),
        }
    }

    pub(super) fn default_new_form(&self) -> NewForm {
        NewForm {
            project: String::new(),
            launch: self.today().checked_add_days(chrono::Days::new(42)),
            template: TemplateSource::Builtin,
            template_text: String::new(),
            user_templates: self.user_templates(),
            focus_project: true,
        }
    }

    /// The templates in the user's template folder, each read for its
    /// project name (outside any frame's drawing: the form is made when
    /// the start view is).
    fn user_templates(&self) -> Vec<TemplateEntry> {
        let Some(dir) = &self.config.templates else {
            return Vec::new();
        };
        dir.list()
            .into_iter()
            .map(|t| TemplateEntry {
                project: storage::load(&t.path)
                    .map(|l| super::text::clip(&l.workbook.project).into_owned())
                    .map_err(|e| e.to_string()),
                name: t.name,
                path: t.path,
            })
            .collect()
    }

    pub(super) fn new_workbook(
        &mut self,
        project: String,
        launch: Option<chrono::NaiveDate>,
        template: TemplateSource,
    ) {
        let project = project.trim().to_owned();
        if project.is_empty() {
            self.view.error("Give the new workbook a project name.");
            return;
        }
        let template_wb = match &template {
            TemplateSource::Builtin => storage::builtin_template(),
            TemplateSource::File(path) => match storage::load(path) {
                Ok(l) => l.workbook,
                Err(e) => {
                    self.view.error(format!("cannot use it as template: {e}"));
                    return;
                }
            },
        };
        let wb = Workbook::from_template(&template_wb, TemplateOptions { project, launch });
        self.install(Document::unsaved(wb));
        self.view
            .info("New workbook, not saved yet: Save (Ctrl+S) picks its file.");
    }
}

pub(super) fn recent_entries(paths: &[PathBuf], today: chrono::NaiveDate) -> Vec<RecentEntry> {
    paths
        .iter()
        .map(|path| RecentEntry {
            path: path.clone(),
            summary: storage::load(path)
                .map(|l| {
                    let v = l.workbook.verdict(today);
                    RecentSummary {
                        project: super::text::clip(&l.workbook.project).into_owned(),
                        headline: v.headline(),
                        ready: v.ready(),
                        launch: l.workbook.launch,
                    }
                })
                .map_err(|e| match e.kind {
                    storage::LoadErrorKind::Io(ref io)
                        if io.kind() == std::io::ErrorKind::NotFound =>
                    {
                        "file not found".to_owned()
                    }
                    ref kind => kind.to_string(),
                }),
        })
        .collect()
}
