//! The one place where queued actions change the app: every edit, file
//! operation and navigation step is applied here, once per frame.

use std::path::{Path, PathBuf};

use egui::ViewportCommand;

use super::app::ShipshapeApp;
use super::command::{Action, AfterClose, Command, GuardAnswer, TemplateSource};
use super::doc::Document;
use super::view::{Derived, Modal, NewForm, PathPurpose, RecentEntry, RecentSummary};
use crate::model::{ItemLocation, Status, TemplateOptions, Workbook};
use crate::storage::{self, Loaded};

impl ShipshapeApp {
    pub(super) fn apply_queue(&mut self, ctx: &egui::Context) {
        // Applying may queue follow-ups (a guard answer continues a close).
        for _ in 0..8 {
            if self.queue.is_empty() {
                break;
            }
            for action in std::mem::take(&mut self.queue) {
                self.apply(ctx, action);
            }
        }
    }

    fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Run(command) => self.run(ctx, command),
            Action::Select(id) => {
                self.view.selected = id;
                self.view.new_link.clear();
            }
            Action::SelectCategory(c) => {
                self.view.filter.category = c;
            }
            Action::SetStatus(id, status) => self.edit_item(&id, |i| i.status = status),
            Action::SetDue(id, due) => self.edit_item(&id, |i| i.due = due),
            Action::SetMitigationUntil(id, until) => {
                self.edit_item(&id, |i| i.mitigation.until = until)
            }
            Action::AddEvidence(id, link) => {
                let link = link.trim().to_owned();
                if !link.is_empty() {
                    self.edit_item(&id, |i| i.evidence.push(link));
                }
            }
            Action::RemoveEvidence(id, index) => self.edit_item(&id, |i| {
                if index < i.evidence.len() {
                    i.evidence.remove(index);
                }
            }),
            Action::RenameItem(id, title) => {
                let title = title.trim().to_owned();
                if !title.is_empty() {
                    self.edit_item(&id, |i| i.title = title);
                }
            }
            Action::AddItem(category, title) => self.add_item(category, &title),
            Action::AddCategory(name) => {
                let name = name.trim().to_owned();
                if let (false, Some(doc)) = (name.is_empty(), &mut self.doc) {
                    let index = doc.edit(|wb| wb.add_category(&name));
                    self.view.filter.category = Some(index);
                }
            }
            Action::RenameCategory(index, name) => {
                let name = name.trim().to_owned();
                if let (false, Some(doc)) = (name.is_empty(), &mut self.doc) {
                    doc.edit(|wb| {
                        if let Some(c) = wb.categories.get_mut(index) {
                            c.name = name;
                        }
                    });
                }
            }
            Action::OpenPath(path) => self.request_open(path),
            Action::SaveTo { path, then } => {
                if self.save_to(&path)
                    && let Some(then) = then
                {
                    self.finish_close(ctx, then);
                }
            }
            Action::NewWorkbook {
                project,
                launch,
                template,
            } => self.new_workbook(project, launch, template),
            Action::OpenSample => {
                let launch = self.today().checked_add_days(chrono::Days::new(42));
                let wb = Workbook::from_template(
                    &storage::builtin_template(),
                    TemplateOptions {
                        project: "Sample project".into(),
                        launch,
                    },
                );
                self.install(Document::unsaved(wb));
                self.view.info(
                    "This is a sample workbook made from the built-in checklist; Save As keeps it.",
                );
            }
            Action::Browse(purpose) => self.ask_path(ctx, purpose),
            Action::ForgetRecent(path) => {
                self.recent.remove(&path);
                self.save_recent();
                self.view.recent = None;
            }
            Action::CloseThen(then) => self.close_then(ctx, then),
            Action::Guard(answer) => self.guard_answer(ctx, answer),
            Action::DismissMessage(index) => {
                if index < self.view.messages.len() {
                    self.view.messages.remove(index);
                }
            }
        }
    }

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        if command.needs_workbook() && self.doc.is_none() {
            return;
        }
        if command.needs_selection() && self.selected_location().is_none() {
            return;
        }
        match command {
            Command::NewWorkbook => self.close_then(ctx, AfterClose::ShowStart),
            // The unsaved-changes question comes once a readable file is
            // chosen: a bad pick must not cost the open workbook anything.
            Command::Open => self.ask_path(ctx, PathPurpose::Open),
            Command::Save => {
                let path = self.path().map(Path::to_owned);
                match path {
                    Some(path) => {
                        self.save_to(&path);
                    }
                    None => self.ask_path(ctx, PathPurpose::SaveAs { then: None }),
                }
            }
            Command::SaveAs => self.ask_path(ctx, PathPurpose::SaveAs { then: None }),
            Command::CloseWorkbook => self.close_then(ctx, AfterClose::ShowStart),
            Command::Quit => self.close_then(ctx, AfterClose::CloseWindow),
            Command::Undo => {
                if let Some(doc) = &mut self.doc
                    && !doc.undo()
                {
                    self.view.info("Nothing to undo.");
                }
            }
            Command::Redo => {
                if let Some(doc) = &mut self.doc
                    && !doc.redo()
                {
                    self.view.info("Nothing to redo.");
                }
            }
            Command::Find => self.view.focus_search = true,
            Command::ClearFilters => self.view.filter = Default::default(),
            Command::ToggleRedOnly => self.view.filter.red_only ^= true,
            Command::ToggleOverdueOnly => self.view.filter.overdue_only ^= true,
            Command::SelectPrevious => self.step_selection(-1),
            Command::SelectNext => self.step_selection(1),
            Command::SetStatus(status) => {
                if let Some(id) = self.view.selected.clone() {
                    self.edit_item(&id, |i| i.status = status);
                }
            }
            Command::FocusOwner => self.view.focus_owner = true,
            Command::AddItem => {
                let category = self
                    .selected_location()
                    .map(|l| l.category)
                    .or(self.view.filter.category)
                    .unwrap_or(0);
                if let Some(doc) = &mut self.doc {
                    if doc.workbook().categories.is_empty() {
                        self.view.modal = Some(Modal::AddCategory {
                            name: String::new(),
                        });
                        self.view
                            .error("Add a category first: items live in categories.");
                    } else {
                        self.view.modal = Some(Modal::AddItem {
                            category: category.min(doc.workbook().categories.len() - 1),
                            title: String::new(),
                        });
                    }
                }
            }
            Command::RenameItem => {
                if let (Some(id), Some(doc)) = (self.view.selected.clone(), &self.doc)
                    && let Some(item) = doc.workbook().item(&id)
                {
                    self.view.modal = Some(Modal::RenameItem {
                        title: item.title.clone(),
                        id,
                    });
                }
            }
            Command::RemoveItem => self.remove_selected(),
            Command::MoveItemUp => self.move_selected(-1),
            Command::MoveItemDown => self.move_selected(1),
            Command::AddCategory => {
                self.view.modal = Some(Modal::AddCategory {
                    name: String::new(),
                })
            }
            Command::RenameCategory => {
                if let (Some(loc), Some(doc)) = (self.selected_location(), &self.doc) {
                    self.view.modal = Some(Modal::RenameCategory {
                        index: loc.category,
                        name: doc.workbook().categories[loc.category].name.clone(),
                    });
                }
            }
            Command::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Command::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Command::ZoomReset => ctx.set_zoom_factor(1.0),
            Command::ToggleTheme => {
                let next = match ctx.theme() {
                    egui::Theme::Dark => egui::ThemePreference::Light,
                    egui::Theme::Light => egui::ThemePreference::Dark,
                };
                ctx.set_theme(next);
            }
            Command::FollowSystemTheme => ctx.set_theme(egui::ThemePreference::System),
        }
    }

    pub(super) fn selected_location(&self) -> Option<ItemLocation> {
        let doc = self.doc.as_ref()?;
        doc.workbook().locate(self.view.selected.as_deref()?)
    }

    fn edit_item(&mut self, id: &str, change: impl FnOnce(&mut crate::model::Item)) {
        let Some(doc) = &mut self.doc else { return };
        if doc.workbook().locate(id).is_none() {
            return;
        }
        doc.edit(|wb| {
            if let Some(item) = wb.item_mut(id) {
                change(item);
            }
        });
    }

    fn add_item(&mut self, category: usize, title: &str) {
        let title = title.trim();
        let Some(doc) = &mut self.doc else { return };
        if title.is_empty() {
            return;
        }
        let added = doc.edit(|wb| {
            let loc = wb.add_item(category, title)?;
            wb.item_at(loc).map(|i| i.id.clone())
        });
        if let Some(id) = added {
            // Show the new item even if the filters would hide it.
            self.view.filter = super::filter::Filter {
                category: Some(category),
                ..Default::default()
            };
            self.view.selected = Some(id);
            self.view.scroll_to_selected = true;
        }
    }

    fn remove_selected(&mut self) {
        let (Some(loc), Some(doc)) = (self.selected_location(), self.doc.as_mut()) else {
            return;
        };
        // Select the neighbour in the listed rows, so Delete can be repeated.
        let rows = &self.view.derived.rows;
        let next = rows
            .iter()
            .position(|r| *r == loc)
            .and_then(|p| {
                rows.get(p + 1)
                    .or_else(|| p.checked_sub(1).and_then(|q| rows.get(q)))
            })
            .and_then(|l| doc.workbook().item_at(*l))
            .map(|i| i.id.clone());
        if let Some(removed) = doc.edit(|wb| wb.remove_item(loc)) {
            self.view.info(format!(
                "Removed “{}”. Undo (Ctrl+Z) brings it back.",
                removed.title
            ));
        }
        self.view.selected = next;
    }

    fn move_selected(&mut self, delta: isize) {
        let (Some(loc), Some(doc)) = (self.selected_location(), self.doc.as_mut()) else {
            return;
        };
        if doc.workbook().categories[loc.category].items.len() < 2 {
            return;
        }
        let moved = doc.edit(|wb| wb.move_item(loc, delta));
        if moved.is_some() {
            self.view.scroll_to_selected = true;
        }
    }

    fn step_selection(&mut self, delta: isize) {
        let rows = &self.view.derived.rows;
        if rows.is_empty() {
            return;
        }
        let current = self
            .selected_location()
            .and_then(|l| rows.iter().position(|r| *r == l));
        let next = match current {
            Some(p) => p.saturating_add_signed(delta).min(rows.len() - 1),
            None if delta < 0 => rows.len() - 1,
            None => 0,
        };
        if let Some(doc) = &self.doc {
            self.view.selected = doc.workbook().item_at(rows[next]).map(|i| i.id.clone());
            self.view.scroll_to_selected = true;
        }
    }

    /// Reads `path`; on success offers to close the current workbook (asking
    /// about unsaved changes) and shows the new one. A file that cannot be
    /// read changes nothing but the message.
    fn request_open(&mut self, path: PathBuf) {
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

    fn close_then(&mut self, ctx: &egui::Context, then: AfterClose) {
        if self.is_dirty() {
            self.view.modal = Some(Modal::UnsavedChanges { then });
            return;
        }
        self.finish_close(ctx, then);
    }

    fn guard_answer(&mut self, ctx: &egui::Context, answer: GuardAnswer) {
        let Some(Modal::UnsavedChanges { then }) = self.view.modal.take() else {
            return;
        };
        match answer {
            GuardAnswer::Cancel => {}
            GuardAnswer::Discard => self.finish_close(ctx, then),
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
        }
    }

    fn close_doc(&mut self) {
        self.doc = None;
        self.view.selected = None;
        self.view.filter = Default::default();
        self.view.recent = None;
        self.view
            .messages
            .retain(|m| m.kind == super::view::MessageKind::Error);
    }

    fn show_loaded(&mut self, path: PathBuf, loaded: Loaded) {
        let unknown = loaded.unknown_fields.len();
        self.install(Document::loaded(path.clone(), loaded));
        self.remember(&path);
        if unknown > 0 {
            self.view.error(format!(
                "{} was written by a newer Shipshape ({unknown} unknown field(s)); Save over it is refused so they are not lost — use Save As.",
                path.display()
            ));
        }
    }

    fn install(&mut self, doc: Document) {
        self.close_doc();
        self.view.new_form = None;
        self.view.selected = doc.workbook().items().next().map(|(_, i)| i.id.clone());
        self.doc = Some(doc);
        self.view.derived = Derived::default();
    }

    /// Saves; errors go to the window. Returns whether it worked.
    fn save_to(&mut self, path: &Path) -> bool {
        let Some(doc) = &mut self.doc else {
            return false;
        };
        match doc.save_to(path) {
            Ok(()) => {
                self.view.info(format!("Saved {}", path.display()));
                self.remember(path);
                true
            }
            Err(e) => {
                self.view
                    .error(format!("{e}. Your changes are kept in the window."));
                false
            }
        }
    }

    fn remember(&mut self, path: &Path) {
        self.recent.touch(path);
        self.save_recent();
    }

    fn save_recent(&mut self) {
        if let Some(list) = &self.config.recent_path
            && let Err(e) = self.recent.save(list)
        {
            self.view.error(format!(
                "cannot update the recent-files list {}: {e}",
                list.display()
            ));
        }
    }

    pub(super) fn default_new_form(&self) -> NewForm {
        NewForm {
            project: String::new(),
            launch: self.today().checked_add_days(chrono::Days::new(42)),
            template: TemplateSource::Builtin,
            template_text: String::new(),
        }
    }

    fn new_workbook(
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

    /// Recomputes what the views derive from the workbook, when it or the
    /// filter changed since last time.
    pub(super) fn refresh_derived(&mut self) {
        let today = self.today();
        let Some(doc) = &self.doc else {
            if self.view.recent.is_none() {
                self.view.recent = Some(recent_entries(&self.recent.paths, today));
            }
            return;
        };
        let key = Some((doc.revision(), self.view.filter.clone(), today));
        if self.view.derived.key == key {
            return;
        }
        let wb = doc.workbook();
        if self
            .view
            .filter
            .category
            .is_some_and(|c| c >= wb.categories.len())
        {
            self.view.filter.category = None;
        }
        self.view.derived = derive(wb, &self.view.filter, today);
        self.view.derived.key = Some((doc.revision(), self.view.filter.clone(), today));
    }
}

fn derive(wb: &Workbook, filter: &super::filter::Filter, today: chrono::NaiveDate) -> Derived {
    let verdict = wb.verdict(today);
    let mut counts = [0; 5];
    for s in Status::ALL {
        counts[s.index()] = verdict.counts.get(s);
    }
    let categories = wb
        .categories
        .iter()
        .map(|c| {
            let (pass, total) = verdict.category_progress(c);
            (pass, total - pass, total)
        })
        .collect();
    Derived {
        key: None,
        rows: filter.apply(wb, today),
        known_owners: wb.known_owners(),
        counts,
        red: verdict.red_count(),
        overdue: verdict.overdue().count(),
        total: verdict.checks.len(),
        headline: verdict.headline(),
        ready: verdict.ready(),
        categories,
        warnings: verdict.warnings.iter().map(ToString::to_string).collect(),
    }
}

fn recent_entries(paths: &[PathBuf], today: chrono::NaiveDate) -> Vec<RecentEntry> {
    paths
        .iter()
        .map(|path| RecentEntry {
            path: path.clone(),
            summary: storage::load(path)
                .map(|l| {
                    let v = l.workbook.verdict(today);
                    RecentSummary {
                        project: l.workbook.project.clone(),
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
