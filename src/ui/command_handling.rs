//! The one place where queued actions change the app: every edit, file
//! operation and navigation step is applied here, once per frame.

use std::path::Path;

use super::app::ShipshapeApp;
use super::command::{Action, AfterClose, Command};
use super::doc::Document;
use super::file_dialog::PathPurpose;
use super::view::{Derived, Modal};
use crate::model::{ItemLocation, Status, TemplateOptions, Workbook};
use crate::storage;

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
            Action::FilterStatus(s) => {
                self.view.filter.status = s;
            }
            Action::SetStatus(id, status) => {
                self.edit_item_field(&id, "status", |i| i.status = status)
            }
            Action::SetDue(id, due) => self.edit_item_field(&id, "due", |i| i.due = due),
            Action::SetMitigationUntil(id, until) => {
                self.edit_item_field(&id, "mitigation.until", |i| i.mitigation.until = until)
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
            Action::EditItemText {
                id,
                title,
                description,
            } => {
                let title = title.trim().to_owned();
                if !title.is_empty() {
                    self.edit_item(&id, |i| {
                        i.title = title;
                        i.description = description.trim().to_owned();
                    });
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
            Action::SetWorkbookInfo {
                project,
                launch,
                review,
            } => {
                let project = project.trim().to_owned();
                if let (false, Some(doc)) = (project.is_empty(), &mut self.doc) {
                    doc.edit(|wb| {
                        wb.project = project;
                        wb.launch = launch;
                        wb.review = review;
                    });
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
            Action::ResolveConflict {
                item_id,
                field,
                resolution,
            } => {
                if let Err(e) = self.resolve_conflict(&item_id, &field, &resolution) {
                    self.view.error(format!("cannot resolve the conflict: {e}"));
                }
            }
            Action::OpenInSystem(path) => self.background.open_in_system(ctx, path),
            Action::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
            Action::PathChosen { purpose, path } => self.path_chosen(ctx, purpose, path),
            Action::FileDialogAnswered {
                purpose,
                answer,
                fallback_text,
            } => self.file_dialog_answered(ctx, purpose, answer, fallback_text),
            Action::PdfWritten {
                path,
                bytes,
                missing,
                then,
            } => self.pdf_written(&path, bytes, &missing, then),
            Action::PdfFailed(e) => {
                self.background.pdf_finished();
                self.view.error(e);
            }
            Action::OpenFailed(e) => self.view.info(e),
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
            Command::ExportPdf => self.open_export_dialog(),
            Command::Share => self.view.modal = Some(Modal::Share),
            Command::CopySummary => self.copy_summary(ctx),
            Command::ToggleConflictsOnly => self.view.filter.conflicts_only ^= true,
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
            Command::EditWorkbook => {
                if let Some(wb) = self.workbook() {
                    self.view.modal = Some(Modal::Workbook {
                        project: wb.project.clone(),
                        launch: wb.launch,
                        review: wb.review,
                    });
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
                    self.edit_item_field(&id, "status", |i| i.status = status);
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
                        description: item.description.clone(),
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

    /// An edit of one field: the user's new value settles a merge conflict
    /// on that field, as [`Workbook::set_item_field`] does.
    fn edit_item_field(
        &mut self,
        id: &str,
        field: &str,
        change: impl FnOnce(&mut crate::model::Item),
    ) {
        self.edit_item(id, |i| {
            change(i);
            i.conflicts.retain(|c| c.field != field);
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

    /// Recomputes what the views derive from the workbook, when it or the
    /// filter changed since last time.
    pub(super) fn refresh_derived(&mut self) {
        let today = self.today();
        let Some(doc) = &self.doc else {
            if self.view.recent.is_none() {
                self.view.recent = Some(super::file_ops::recent_entries(&self.recent.paths, today));
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
        conflicts: wb.conflicts.len() + wb.items().map(|(_, i)| i.conflicts.len()).sum::<usize>(),
    }
}
