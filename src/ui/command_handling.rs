//! The one place where queued actions change the app: every edit, file
//! operation and navigation step is applied here, once per frame. `apply`
//! and `run` only dispatch; each operation is a named method, here for
//! edits and navigation, in `file_ops` for files, in `export` for PDFs and
//! sharing, in `file_dialog` for paths.

use super::app::ShipshapeApp;
use super::background::Report;
use super::command::{Action, AfterClose, Command};
use super::conflicts::ResolveDialog;
use super::dialogs::{ItemTextDialog, TextPrompt, UnsavedChanges, WorkbookDialog};
use super::file_dialog::PathPurpose;
use super::filter::Filter;
use super::text::{DialogText, clip, too_long};
use super::view::Modal;
use crate::model::{FieldKind, Item, ItemField, ItemLocation, Status};

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
            // Where the window looks.
            Action::Select(id) => self.view.select(id),
            Action::SelectCategory(c) => self.view.filter.category = c,
            Action::CloseEditorSheet => self.view.editor_sheet = false,
            Action::FilterStatus(s) => self.view.filter.status = s,
            Action::FilterOwner(owner) => self.view.filter.owner = owner,
            Action::FilterText(text) => self.view.filter.text = text,
            Action::DismissMessage(index) => self.view.dismiss(index),
            // Edits of the workbook, each one undo step.
            Action::SetStatus(id, status) => self.set_status(&id, status),
            Action::SetField { id, field, value } => {
                if self.set_item_field(&id, field, &value) && field.kind() == FieldKind::Interval {
                    self.view.interval_text.clear();
                }
            }
            Action::SetPerson(id, field, name) => self.pick_person(&id, field, name),
            Action::ConfirmWording(id) => self.confirm_wording(&id),
            Action::ApplyUpgrade(template, options) => self.apply_upgrade(&template, options),
            Action::AddEvidence(id, link) => {
                self.add_evidence(&id, &link);
                self.view.new_link.clear();
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
            } => self.edit_item_text(&id, title.as_deref(), description.as_deref()),
            Action::AddItem(category, title) => self.add_item(category, &title),
            Action::RemoveItem(id) => self.remove_item(&id),
            Action::AddCategory(name) => self.add_category(&name),
            Action::RenameCategory(index, name) => self.rename_category(index, &name),
            Action::SetLaunch(launch) => {
                let project = self.workbook().map(|wb| wb.project.clone());
                let review = self.workbook().and_then(|wb| wb.review);
                self.set_workbook_info(project.as_deref(), launch, review);
            }
            Action::SetWorkbookInfo {
                project,
                launch,
                review,
            } => self.set_workbook_info(project.as_deref(), launch, review),
            Action::ResolveConflict {
                item_id,
                field,
                resolution,
            } => {
                if let Err(e) = self.resolve_conflict(&item_id, &field, &resolution) {
                    self.view.error(format!("cannot resolve the conflict: {e}"));
                }
            }
            // Dialogs.
            Action::AskAddItem(category) => self.ask_add_item(category),
            Action::AskRenameCategory(index) => self.ask_rename_category(index),
            Action::AskConflictValue { item_id, field } => {
                if let Some(wb) = self.workbook() {
                    let dialog = ResolveDialog::new(wb, &item_id, &field);
                    self.view.modal = Some(Modal::ResolveConflict(dialog));
                }
            }
            Action::Guard(answer) => self.guard_answer(ctx, answer),
            // Files.
            Action::OpenPath(path) => self.request_open(path),
            Action::ImportPath(path) => self.import_chosen(path),
            Action::OpenFolder(folder) => self.open_folder(ctx, folder),
            Action::RescanPortfolio => self.rescan_portfolio(ctx),
            Action::SortPortfolio(column) => self.sort_portfolio(column),
            Action::FilterPortfolio(filter) => self.filter_portfolio(filter),
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
            Action::OpenSample => self.open_sample(),
            Action::ForgetRecent(path) => self.forget_recent(&path),
            Action::CloseThen(then) => self.close_then(ctx, then),
            Action::Browse(purpose) => self.ask_path(ctx, purpose),
            Action::PathChosen { purpose, path } => self.path_chosen(ctx, purpose, path),
            Action::ExportPdfSettled(request) => {
                self.view.pdf_prefs = Some(request.clone());
                self.ask_path(ctx, PathPurpose::ExportPdf(request));
            }
            Action::OpenInSystem(path) => self.background.open_in_system(ctx, path),
            Action::OpenMail(mailto) => self.background.open_mail(ctx, mailto),
            Action::Background(report) => self.apply_report(ctx, report),
            Action::CheckDisk => self.check_disk(),
            Action::SaveHere => self.save_here(),
            Action::OfferRecovery(path) => self.offer_recovery(path.as_deref()),
            Action::RecoveryAnswered(offer, choice) => self.recovery_answer(*offer, choice),
            Action::RestoreVersion(path) => self.restore_version(&path),
            Action::Review(edit) => self.apply_review_edit(edit),
            Action::Present(action) => self.apply_present(ctx, action),
        }
    }

    /// What background work reported.
    fn apply_report(&mut self, ctx: &egui::Context, report: Report) {
        match report {
            Report::FileDialogAnswered {
                purpose,
                answer,
                fallback_text,
            } => self.file_dialog_answered(ctx, purpose, answer, fallback_text),
            Report::PdfWritten {
                path,
                bytes,
                missing,
                then,
            } => self.pdf_written(&path, bytes, &missing, then),
            Report::PdfFailed(e) => {
                self.background.pdf_finished();
                self.view.error(e);
            }
            // A warning, not a note: the status bar cuts a long path off.
            Report::OpenFailed(e) => self.view.warning(e),
            Report::MailOpened(opened) => self.mail_opened(opened),
            Report::DiskChanged => self.disk_changed(ctx),
            Report::FolderChanged => self.folder_changed(ctx),
            Report::PortfolioScanned(scanned) => self.portfolio_scanned(ctx, *scanned),
            Report::RecoveryFailed(e) => self.recovery_failed(e),
            Report::Terminate(code) => self.terminate(code),
        }
    }

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        if command.needs_workbook() && self.doc.is_none() {
            return;
        }
        if command.needs_selection() && self.visible_selection().is_none() {
            return;
        }
        match command {
            // The unsaved-changes question comes once a readable file is
            // chosen: a bad pick must not cost the open workbook anything.
            Command::Open => self.ask_path(ctx, PathPurpose::Open),
            Command::OpenFolder => self.ask_path(ctx, PathPurpose::PortfolioFolder),
            Command::ShowPortfolio => self.show_portfolio(ctx),
            Command::Save => match self.path().map(std::path::Path::to_owned) {
                Some(path) => {
                    self.save_to(&path);
                }
                None => self.ask_path(ctx, PathPurpose::SaveAs { then: None }),
            },
            Command::SaveAs => self.ask_path(ctx, PathPurpose::SaveAs { then: None }),
            Command::History => self.show_history(),
            Command::UpdateFromTemplate => self.ask_path(ctx, PathPurpose::UpgradeTemplate),
            Command::ImportChecklist => self.ask_path(ctx, PathPurpose::ImportChecklist),
            Command::ExportPdf => self.open_export_dialog(),
            Command::Share => self.open_share_dialog(),
            Command::CopySummary => self.copy_summary(ctx),
            Command::NewWorkbook | Command::CloseWorkbook => {
                self.close_then(ctx, AfterClose::ShowStart);
            }
            Command::Quit => self.close_then(ctx, AfterClose::CloseWindow),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::EditWorkbook => self.ask_workbook_info(),
            Command::StartReview => self.ask_start_review(),
            Command::EndReview => self.ask_end_review(),
            Command::ReviewHistory => self.view.show_review_history ^= true,
            Command::Find => self.view.focus_search = true,
            Command::ClearFilters => self.view.filter = Filter::default(),
            Command::ToggleRedOnly => self.view.filter.red_only ^= true,
            Command::ToggleOverdueOnly => self.view.filter.overdue_only ^= true,
            Command::ToggleRecheckOnly => self.view.filter.recheck_only ^= true,
            Command::ToggleConflictsOnly => self.view.filter.conflicts_only ^= true,
            Command::SelectPrevious => self.step_selection(-1),
            Command::SelectNext => self.step_selection(1),
            Command::SelectPageUp => self.step_selection(-page(self.view.rows_per_page)),
            Command::SelectPageDown => self.step_selection(page(self.view.rows_per_page)),
            Command::SelectFirst => self.step_selection(isize::MIN),
            Command::SelectLast => self.step_selection(isize::MAX),
            Command::SetStatus(status) => {
                if let Some(id) = self.view.selected.clone() {
                    self.set_status(&id, status);
                }
            }
            Command::FocusOwner => self.focus_editor_field(ItemField::Owner),
            Command::FocusDue => self.focus_editor_field(ItemField::Due),
            Command::OpenEditor => self.view.open_editor_sheet(),
            Command::AddItem => {
                let category = self.selected_location().map(|l| l.category);
                self.ask_add_item(category.or(self.view.filter.category).unwrap_or(0));
            }
            Command::RenameItem => self.ask_item_text(),
            Command::RemoveItem => self.ask_remove_selected(),
            Command::MoveItemUp => self.move_selected(-1),
            Command::MoveItemDown => self.move_selected(1),
            Command::AddCategory => self.ask_add_category(),
            Command::RenameCategory => {
                if let Some(loc) = self.selected_location() {
                    self.ask_rename_category(loc.category);
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
            Command::Present => self.enter_presenter(ctx),
        }
    }
}

/// Opening the dialogs, each with the values it edits.
impl ShipshapeApp {
    /// A new item's title, for `category` (clamped to the last one); a
    /// workbook without categories asks for one first.
    /// `O`, `D`: the keyboard into an editor field, opening the editor
    /// sheet first in a window that has one.
    fn focus_editor_field(&mut self, field: ItemField) {
        self.view.focus_field = Some(field);
        self.view.open_editor_sheet();
    }

    fn ask_add_item(&mut self, category: usize) {
        let Some(wb) = self.workbook() else { return };
        let Some(last) = wb.categories.len().checked_sub(1) else {
            self.ask_add_category();
            self.view
                .error("Add a category first: items live in categories.");
            return;
        };
        let category = category.min(last);
        let name = clip(&wb.categories[category].name);
        let prompt = TextPrompt::new(
            format!("Add an item to {name}"),
            "Title",
            "What must be true before launch",
        );
        self.view.modal = Some(Modal::AddItem { category, prompt });
    }

    fn ask_add_category(&mut self) {
        let prompt = TextPrompt::new("Add a category", "Name", "e.g. Compliance");
        self.view.modal = Some(Modal::AddCategory(prompt));
    }

    fn ask_rename_category(&mut self, index: usize) {
        let Some(category) = self.workbook().and_then(|wb| wb.categories.get(index)) else {
            return;
        };
        // A name too long to edit is replaced by what is typed.
        let name = if too_long(&category.name) {
            ""
        } else {
            &category.name
        };
        let prompt = TextPrompt::new("Rename category", "Name", "").with_text(name);
        self.view.modal = Some(Modal::RenameCategory { index, prompt });
    }

    fn ask_item_text(&mut self) {
        let Some(id) = self.view.selected.clone() else {
            return;
        };
        if let Some(item) = self.workbook().and_then(|wb| wb.item(&id)) {
            self.view.modal = Some(Modal::RenameItem(ItemTextDialog {
                title: DialogText::new(&item.title),
                description: DialogText::new(&item.description),
                id,
            }));
        }
    }

    fn ask_workbook_info(&mut self) {
        let today = self.today();
        if let Some(wb) = self.workbook() {
            self.view.modal = Some(Modal::Workbook(WorkbookDialog {
                project: DialogText::new(&wb.project),
                launch: wb.launch,
                review: wb.review,
                today,
            }));
        }
    }

    /// "Save changes?", then `then`.
    pub(super) fn ask_unsaved_changes(&mut self, then: AfterClose) {
        let Some(doc) = &self.doc else { return };
        let dialog = UnsavedChanges {
            project: clip(&doc.workbook().project).into_owned(),
            file: doc.display_name(),
        };
        self.view.modal = Some(Modal::UnsavedChanges { dialog, then });
    }
}

/// Edits of the workbook and moves through it.
impl ShipshapeApp {
    pub(super) fn selected_location(&self) -> Option<ItemLocation> {
        let doc = self.doc.as_ref()?;
        doc.workbook().locate(self.view.selected.as_deref()?)
    }

    fn edit_item(&mut self, id: &str, change: impl FnOnce(&mut Item)) {
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

    /// Sets one field from its text form through the model's one setter
    /// (which settles a merge conflict on it); one undo step. A value the
    /// field cannot take changes nothing, says why and returns false.
    fn set_item_field(&mut self, id: &str, field: ItemField, value: &str) -> bool {
        let mut result = Ok(());
        self.edit_item(id, |i| result = i.set_field(field, value));
        if let Err(e) = &result {
            self.view.error(format!("{}: {e}", field.label()));
        }
        result.is_ok()
    }

    /// A status picked by a person: done records today as verified.
    fn set_status(&mut self, id: &str, status: Status) {
        let today = self.today();
        self.edit_item(id, |i| i.set_status(status, today));
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
            self.view.filter = Filter {
                category: Some(category),
                ..Default::default()
            };
            self.view.selected = Some(id);
            self.view.scroll_to_selected = true;
        }
    }

    /// Removes the item `id` (Delete; asked first if it had answers).
    pub(super) fn remove_item(&mut self, id: &str) {
        let Some(doc) = self.doc.as_mut() else { return };
        let Some(loc) = doc.workbook().locate(id) else {
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
                clip(&removed.title)
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
        // With nothing selected, down steps from before the first row and
        // up from after the last: ↓ and Home take the first, ↑ and End the
        // last.
        let next = match current {
            Some(p) => p.saturating_add_signed(delta),
            None if delta < 0 => rows.len().saturating_add_signed(delta),
            None => delta.unsigned_abs() - 1,
        }
        .min(rows.len() - 1);
        if let Some(doc) = &self.doc {
            let id = doc.workbook().item_at(rows[next]).map(|i| i.id.clone());
            self.view.select(id);
            self.view.scroll_to_selected = true;
        }
    }

    /// A known person picked from a person field's suggestions. It
    /// completes what was typed there, so it joins that typing's undo step.
    fn pick_person(&mut self, id: &str, field: ItemField, name: String) {
        let Some(doc) = &mut self.doc else { return };
        if let Some(item) = doc.workbook_mut().item_mut(id)
            && let Some(text) = field.text_mut(item)
        {
            *text = name;
            item.settle(field);
            doc.touch();
        }
    }

    /// Adds a link to the evidence (once); a link with spaces is refused.
    fn add_evidence(&mut self, id: &str, link: &str) {
        if link.trim().is_empty() {
            return;
        }
        let mut result = Ok(());
        self.edit_item(id, |i| result = i.add_to_field(ItemField::Evidence, link));
        if let Err(e) = result {
            self.view
                .error(format!("{}: {e}", ItemField::Evidence.label()));
        }
    }

    /// `None` keeps a text as it is (too long to edit in the window).
    fn edit_item_text(&mut self, id: &str, title: Option<&str>, description: Option<&str>) {
        let title = title.map(|t| t.trim().to_owned());
        if title.as_ref().is_some_and(String::is_empty) {
            return;
        }
        self.edit_item(id, |i| {
            if let Some(title) = title {
                i.title = title;
            }
            if let Some(description) = description {
                i.description = description.trim().to_owned();
            }
        });
    }

    fn add_category(&mut self, name: &str) {
        let name = name.trim().to_owned();
        if let (false, Some(doc)) = (name.is_empty(), &mut self.doc) {
            let index = doc.edit(|wb| wb.add_category(&name));
            self.view.filter.category = Some(index);
        }
    }

    fn rename_category(&mut self, index: usize, name: &str) {
        let name = name.trim().to_owned();
        if let (false, Some(doc)) = (name.is_empty(), &mut self.doc) {
            doc.edit(|wb| {
                if let Some(c) = wb.categories.get_mut(index) {
                    c.name = name;
                }
            });
        }
    }

    /// `None` keeps the project name as it is (too long to edit).
    fn set_workbook_info(
        &mut self,
        project: Option<&str>,
        launch: Option<chrono::NaiveDate>,
        review: Option<chrono::NaiveDate>,
    ) {
        let project = project.map(|p| p.trim().to_owned());
        if project.as_ref().is_some_and(String::is_empty) {
            return;
        }
        let today = self.today();
        let Some(doc) = &mut self.doc else { return };
        let moved = doc.edit(|wb| {
            if let Some(project) = project {
                wb.project = project;
            }
            wb.review = review;
            // Relative due dates follow the launch, in the same undo step.
            (wb.launch != launch).then(|| wb.relaunch(launch, today))
        });
        if let Some(report) = moved {
            self.view.info(report.summary());
        }
    }
}

/// A page of `rows` as a step (at least one row).
fn page(rows: usize) -> isize {
    isize::try_from(rows).unwrap_or(isize::MAX).max(1)
}
