//! The window's layout: menu bar, header, messages, side panels, status
//! bar, the central area and dialogs on top.

use egui::{Align, Button, Color32, Frame, Layout, RichText};

use super::app::ShipshapeApp;
use super::command::{Action, Command, GuardAnswer, Menu};
use super::dialogs::{self, Outcome};
use super::export::ShareFollowUp;
use super::file_dialog::PathPurpose;
use super::layout::{Arrangement, Categories, Editor};
use super::review::ReviewEdit;
use super::table::table_height;
use super::text::clip;
use super::view::{MessageKind, Modal};

impl ShipshapeApp {
    pub(super) fn root_ui(&mut self, ui: &mut egui::Ui) {
        if self.present.is_active() {
            self.present_ui(ui);
            self.modal_ui(ui.ctx());
            return;
        }
        if self.view.modal.is_some() {
            // Under a dialog the window is inert: egui already stops clicks
            // there, but a tooltip that was open when the dialog came up
            // (a row the pointer rests on) would stay drawn over the
            // dialog. The backdrop dims the window, so it keeps its
            // strength instead of fading twice.
            let opacity = ui.opacity();
            ui.disable();
            ui.set_opacity(opacity);
        }
        let size = ui.ctx().content_rect().size();
        self.view.layout = Arrangement::for_size(size.x, size.y);
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        let portfolio = self.showing_portfolio();
        if self.doc.is_some() && !portfolio {
            egui::Panel::top("header").show(ui, |ui| self.header_ui(ui));
        }
        // Errors get a panel of their own until dismissed; notes go to the
        // status bar so they do not push the table around.
        let read_only = self
            .doc
            .as_ref()
            .is_some_and(super::doc::Document::is_read_only);
        if self.view.file_missing || read_only {
            egui::Panel::top("file banner").show(ui, |ui| self.file_banner_ui(ui, read_only));
        }
        if self
            .view
            .messages
            .iter()
            .any(|m| m.kind != MessageKind::Info)
        {
            egui::Panel::top("messages").show(ui, |ui| self.messages_ui(ui));
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if portfolio {
            egui::CentralPanel::default().show(ui, |ui| self.portfolio_ui(ui));
        } else if self.doc.is_some() {
            // Across the whole window, under the sidebar too: the list,
            // the changes and the chart need the width.
            if self.view.show_review_history {
                egui::Panel::bottom("review history")
                    .resizable(true)
                    .default_size(250.0)
                    .size_range(160.0..=520.0)
                    .show(ui, |ui| self.review_history_ui(ui));
            }
            let layout = self.view.layout;
            if layout.categories == Categories::SidePanel {
                egui::Panel::left("categories")
                    .default_size(220.0)
                    .size_range(160.0..=360.0)
                    .show(ui, |ui| self.sidebar_ui(ui));
            }
            match layout.editor {
                Editor::Side { min, default, max } => {
                    egui::Panel::right("editor")
                        .default_size(default)
                        .size_range(min..=max)
                        .show(ui, |ui| self.editor_ui(ui));
                }
                Editor::Sheet => {}
                Editor::Bottom => {
                    // Short enough that the table above keeps its rows.
                    let room = ui.available_height() - self.view.table_needs;
                    egui::Panel::bottom("editor")
                        .resizable(true)
                        .default_size((room * 0.6).max(90.0))
                        .size_range(90.0..=room.max(90.0))
                        .show(ui, |ui| self.editor_ui(ui));
                }
            }
            if self.view.showing_editor_sheet() {
                egui::CentralPanel::default().show(ui, |ui| self.editor_sheet_ui(ui));
                return self.overlays_ui(ui);
            }
            egui::CentralPanel::default().show(ui, |ui| {
                let top = ui.cursor().top();
                self.filter_bar_ui(ui);
                ui.separator();
                self.view.table_needs = ui.cursor().top() - top
                    + table_height(super::layout::MIN_ROWS, ui.spacing().item_spacing.y);
                // The rows as a table, for a screen reader.
                let items = egui::UiBuilder::new()
                    .accessibility_role(egui::accesskit::Role::Table)
                    .accessibility_label("Items");
                ui.scope_builder(items, |ui| self.table_ui(ui));
            });
        } else {
            egui::CentralPanel::default().show(ui, |ui| self.start_ui(ui));
        }
        self.overlays_ui(ui);
    }

    /// What is drawn over the window: the open dialog, the drop hint.
    fn overlays_ui(&mut self, ui: &egui::Ui) {
        self.modal_ui(ui.ctx());
        drop_hint_ui(ui.ctx());
    }

    /// The editor in the list's place (a window too small for both): a
    /// way back, then the editor. Esc goes back when no field or popup
    /// has the keyboard (it leaves a field first, as everywhere).
    fn editor_sheet_ui(&mut self, ui: &mut egui::Ui) {
        let back = ui
            .button("◀ List")
            .on_hover_text("Back to the list (Esc)")
            .clicked();
        let escape = !self.view.typed_last_frame
            && !ui.ctx().text_edit_focused()
            && !egui::Popup::is_any_open(ui.ctx())
            && self.view.modal.is_none()
            && ui.input(|i| i.key_pressed(egui::Key::Escape));
        if back || escape {
            self.queue.push(Action::CloseEditorSheet);
        }
        // No rule under the button: in a 300-point window every point
        // goes to the status buttons.
        self.editor_ui(ui);
    }

    fn command_enabled(&self, command: Command) -> bool {
        if command.needs_workbook() && self.doc.is_none() {
            return false;
        }
        if command.needs_selection() && self.view.selected.is_none() {
            return false;
        }
        match command {
            Command::Undo => self
                .doc
                .as_ref()
                .is_some_and(super::doc::Document::can_undo),
            Command::Redo => self
                .doc
                .as_ref()
                .is_some_and(super::doc::Document::can_redo),
            Command::ShowPortfolio => self.portfolio.is_some() && !self.showing_portfolio(),
            Command::StartReview => self.workbook().is_some_and(|wb| wb.open_review().is_none()),
            Command::EndReview => self.workbook().is_some_and(|wb| wb.open_review().is_some()),
            _ => true,
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            for (menu, name) in [
                (Menu::File, "File"),
                (Menu::Edit, "Edit"),
                (Menu::Item, "Item"),
                (Menu::View, "View"),
            ] {
                ui.menu_button(name, |ui| {
                    let mut first = true;
                    for &command in Command::ALL.iter().filter(|c| c.menu() == menu) {
                        if command.starts_group() && !first {
                            ui.separator();
                        }
                        first = false;
                        let label = match command {
                            Command::SetStatus(s) => format!("Set status: {}", s.label()),
                            c => c.label().to_owned(),
                        };
                        let checked = match command {
                            Command::ToggleRedOnly => Some(self.view.filter.red_only),
                            Command::ToggleOverdueOnly => Some(self.view.filter.overdue_only),
                            Command::ToggleRecheckOnly => Some(self.view.filter.recheck_only),
                            Command::ToggleConflictsOnly => Some(self.view.filter.conflicts_only),
                            _ => None,
                        };
                        let mut button = match checked {
                            Some(on) => Button::selectable(on, label.as_str()),
                            None => Button::new(label.as_str()),
                        };
                        let shortcut = command.shortcut().map(|s| ui.ctx().format_shortcut(&s));
                        if let Some(s) = &shortcut {
                            button = button.shortcut_text(s.as_str());
                        }
                        let enabled = self.command_enabled(command);
                        let r = ui
                            .add_enabled(enabled, button)
                            .on_hover_text(command.tooltip());
                        super::a11y::menu_item(&r, &label, shortcut, checked);
                        if r.clicked() {
                            self.queue.push(Action::Run(command));
                            ui.close();
                        }
                    }
                });
            }
        });
    }

    /// What is true of the open file until it changes: deleted or renamed
    /// on disk (with what to do about it), or read-only.
    fn file_banner_ui(&mut self, ui: &mut egui::Ui, read_only: bool) {
        let dark = ui.visuals().dark_mode;
        let (fill, text) = message_colors(dark, true);
        Frame::new()
            .fill(fill)
            .corner_radius(4.0)
            .inner_margin(egui::Margin::symmetric(8, 4))
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    if self.view.file_missing {
                        let name = self
                            .doc
                            .as_ref()
                            .map(super::doc::Document::display_name)
                            .unwrap_or_default();
                        ui.label(
                            RichText::new(format!(
                                "{name} was deleted or renamed on disk. Your workbook is still here."
                            ))
                            .color(text)
                            .strong(),
                        );
                        if ui.button("Save here").on_hover_text("Write it back where it was").clicked() {
                            self.queue.push(Action::SaveHere);
                        }
                        if ui.button(Command::SaveAs.label()).clicked() {
                            self.queue.push(Action::Run(Command::SaveAs));
                        }
                        if ui.button("Close").on_hover_text(Command::CloseWorkbook.tooltip()).clicked() {
                            self.queue.push(Action::Run(Command::CloseWorkbook));
                        }
                    } else if read_only {
                        ui.label(
                            RichText::new("Read-only: Save As to keep changes")
                                .color(text)
                                .strong(),
                        );
                        if ui.button(Command::SaveAs.label()).clicked() {
                            self.queue.push(Action::Run(Command::SaveAs));
                        }
                    }
                });
            });
    }

    fn messages_ui(&mut self, ui: &mut egui::Ui) {
        let dark = ui.visuals().dark_mode;
        let shown = self.view.messages.iter().enumerate();
        for (index, message) in shown.filter(|(_, m)| m.kind != MessageKind::Info) {
            let warning = message.kind == MessageKind::Warning;
            let (fill, text) = message_colors(dark, warning);
            let prefix = if warning { "Warning" } else { "Error" };
            Frame::new()
                .fill(fill)
                .corner_radius(4.0)
                .inner_margin(egui::Margin::symmetric(8, 4))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if ui.small_button("✖").on_hover_text("Dismiss").clicked() {
                            self.queue.push(Action::DismissMessage(index));
                        }
                        ui.add(
                            egui::Label::new(
                                RichText::new(format!("{prefix}: {}", clip(&message.text)))
                                    .color(text),
                            )
                            .wrap(),
                        );
                    });
                });
        }
    }

    fn status_ui(&mut self, ui: &mut egui::Ui) {
        // Right side first, so a long note truncates instead of pushing the
        // theme button out of the window.
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            let dark = ui.visuals().dark_mode;
            if ui
                .button(if dark { "Light mode" } else { "Dark mode" })
                .on_hover_text(Command::ToggleTheme.tooltip())
                .clicked()
            {
                self.queue.push(Action::Run(Command::ToggleTheme));
            }
            let zoom = ui.ctx().zoom_factor();
            ui.weak(format!("Zoom {:.0}%", zoom * 100.0));
            let full_path = self.view.layout.header == super::layout::Header::Full;
            ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                // What does not fit is cut at the zoom figure, not drawn
                // over it.
                ui.shrink_clip_rect(ui.max_rect());
                if let Some(doc) = &mut self.doc {
                    let dirty = doc.is_dirty();
                    match doc.path() {
                        // A small window gets the file's name, the path on hover.
                        Some(p) if !full_path => {
                            let name = p.file_name().map_or_else(
                                || p.display().to_string(),
                                |n| n.to_string_lossy().into_owned(),
                            );
                            ui.label(name).on_hover_text(p.display().to_string())
                        }
                        Some(p) => ui.label(p.display().to_string()),
                        None => ui.weak("Not saved yet"),
                    };
                    if dirty {
                        ui.separator();
                        ui.colored_label(super::style::red_text(dark), "● Unsaved changes");
                    } else if doc.path().is_some() {
                        ui.separator();
                        ui.weak("All changes saved");
                    }
                    if !doc.unknown_fields().is_empty() {
                        ui.separator();
                        ui.weak("Newer-format file: use Save As");
                    }
                }
                if self.background.file_dialog_open() {
                    ui.separator();
                    ui.weak("Waiting for the file dialog…");
                }
                if let Some(busy) = self.background.busy() {
                    ui.separator();
                    ui.add(egui::Label::new(busy).truncate());
                }
                let note = self
                    .view
                    .messages
                    .iter()
                    .rev()
                    .find(|m| m.kind == MessageKind::Info);
                if let Some(note) = note {
                    ui.separator();
                    // "Undid: Runbooks — due date" is said, not only shown.
                    let r = ui.add(egui::Label::new(clip(&note.text)).truncate());
                    super::a11y::live(&r);
                }
            });
        });
    }

    /// The dialog, if one is open; what its answer means is decided here.
    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(mut modal) = self.view.modal.take() else {
            return;
        };
        let close = match &mut modal {
            Modal::UnsavedChanges { dialog, .. } => {
                let answer = match dialogs::show(ctx, |ui| dialog.ui(ui)) {
                    Outcome::Open => None,
                    Outcome::Ok(answer) => Some(answer),
                    Outcome::Cancel => Some(GuardAnswer::Cancel),
                };
                if let Some(answer) = answer {
                    self.queue.push(Action::Guard(answer));
                }
                // The question stays up until its answer is applied.
                false
            }
            Modal::Path(dialog) => {
                let outcome = dialogs::show(ctx, |ui| dialog.ui(ui));
                let purpose = dialog.purpose.clone();
                self.answered(outcome, |path| Action::PathChosen { purpose, path })
            }
            Modal::AddItem { category, prompt } => {
                let outcome = dialogs::show(ctx, |ui| prompt.ui(ui));
                self.answered(outcome, |title| Action::AddItem(*category, title))
            }
            Modal::RenameItem(dialog) => {
                let outcome = dialogs::show(ctx, |ui| dialog.ui(ui));
                self.answered(outcome, |()| Action::EditItemText {
                    id: dialog.id.clone(),
                    title: dialog.title.edited().map(str::to_owned),
                    description: dialog.description.edited().map(str::to_owned),
                })
            }
            Modal::RemoveItem(dialog) => {
                let outcome = dialogs::show(ctx, |ui| dialog.ui(ui));
                self.answered(outcome, |()| Action::RemoveItem(dialog.id.clone()))
            }
            Modal::AddCategory(prompt) => {
                let outcome = dialogs::show(ctx, |ui| prompt.ui(ui));
                self.answered(outcome, Action::AddCategory)
            }
            Modal::Workbook(dialog) => {
                let outcome = dialogs::show(ctx, |ui| dialog.ui(ui));
                self.answered(outcome, |()| Action::SetWorkbookInfo {
                    project: dialog.project.edited().map(str::to_owned),
                    launch: dialog.launch,
                    review: dialog.review,
                })
            }
            Modal::RenameCategory { index, prompt } => {
                let outcome = dialogs::show(ctx, |ui| prompt.ui(ui));
                self.answered(outcome, |name| Action::RenameCategory(*index, name))
            }
            Modal::ExportPdf(dialog) => {
                let outcome = dialogs::show(ctx, |ui| dialog.ui(ui));
                self.answered(outcome, Action::ExportPdfSettled)
            }
            Modal::Share(dialog) => {
                let outcome = dialogs::show(ctx, |ui| dialog.ui(ui));
                self.answered(outcome, |()| Action::Browse(PathPurpose::ShareFolder))
            }
            Modal::ShareDone(dialog) => match dialogs::show(ctx, |ui| dialog.ui(ui)) {
                Outcome::Open => false,
                Outcome::Cancel => true,
                Outcome::Ok(follow_up) => {
                    self.queue.push(match follow_up {
                        ShareFollowUp::OpenFolder => Action::OpenInSystem(dialog.folder.clone()),
                        ShareFollowUp::OpenEmail => Action::OpenMail(dialog.mailto.clone()),
                        ShareFollowUp::CopySummary => Action::Run(Command::CopySummary),
                    });
                    false
                }
            },
            Modal::ResolveConflict(dialog) => {
                let outcome = dialogs::show(ctx, |ui| dialog.ui(ui));
                self.resolve_answered(dialog, outcome)
            }
            Modal::Recovery(offer) => {
                let outcome = dialogs::show(ctx, |ui| offer.ui(ui));
                let offer = Box::new(offer.clone());
                self.answered(outcome, |choice| Action::RecoveryAnswered(offer, choice))
            }
            Modal::History(dialog) => {
                let outcome = dialogs::show(ctx, |ui| dialog.ui(ui));
                self.answered(outcome, Action::RestoreVersion)
            }
            Modal::StartReview(dialog) => {
                let outcome = dialogs::show(ctx, |ui| dialog.ui(ui));
                self.answered(outcome, |start| Action::Review(ReviewEdit::Start(start)))
            }
            Modal::EndReview(dialog) => {
                let outcome = dialogs::show(ctx, |ui| dialog.ui(ui));
                self.answered(outcome, |sign_off| {
                    Action::Review(ReviewEdit::End(sign_off))
                })
            }
            Modal::Upgrade(dialog) => {
                let outcome = dialogs::show(ctx, |ui| dialog.ui(ui));
                let template = std::sync::Arc::clone(&dialog.template);
                self.answered(outcome, |options| Action::ApplyUpgrade(template, options))
            }
            Modal::Import(dialog) => {
                let outcome = dialogs::show(ctx, |ui| dialog.ui(ui));
                self.answered(outcome, |wb| {
                    Action::CloseThen(super::command::AfterClose::Imported(Box::new(wb)))
                })
            }
        };
        if !close && self.view.modal.is_none() {
            self.view.modal = Some(modal);
        }
    }

    /// Queues what an answered dialog asked for; returns whether the dialog
    /// closes (answered or cancelled).
    fn answered<T>(&mut self, outcome: Outcome<T>, action: impl FnOnce(T) -> Action) -> bool {
        match outcome {
            Outcome::Open => false,
            Outcome::Ok(answer) => {
                self.queue.push(action(answer));
                true
            }
            Outcome::Cancel => true,
        }
    }
}

/// Fill and text colours of an error or warning panel.
fn message_colors(dark: bool, warning: bool) -> (Color32, Color32) {
    match (dark, warning) {
        (true, false) => (Color32::from_rgb(0x5c, 0x16, 0x1b), Color32::WHITE),
        (false, false) => (
            Color32::from_rgb(0xfd, 0xe2, 0xe2),
            Color32::from_rgb(0x7a, 0x0b, 0x12),
        ),
        (true, true) => (Color32::from_rgb(0x4a, 0x3a, 0x10), Color32::WHITE),
        (false, true) => (
            Color32::from_rgb(0xfd, 0xf1, 0xd6),
            Color32::from_rgb(0x5c, 0x3d, 0x00),
        ),
    }
}

/// While files are dragged over the window, say what dropping does.
fn drop_hint_ui(ctx: &egui::Context) {
    let names: Vec<String> = ctx.input(|i| {
        i.raw
            .hovered_files
            .iter()
            .filter_map(|f| f.path.as_ref())
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect()
    });
    if ctx.input(|i| i.raw.hovered_files.is_empty()) {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop-hint"),
    ));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, Color32::from_black_alpha(170));
    let checklist = ctx.input(|i| {
        i.raw
            .hovered_files
            .iter()
            .filter_map(|f| f.path.as_deref())
            .any(super::import::is_checklist)
    });
    let text = match names.first() {
        Some(name) if checklist => format!("Drop to import {name}"),
        Some(name) => format!("Drop to open {name}"),
        None => "Drop a .shipshape.ron file to open it".to_owned(),
    };
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(28.0),
        Color32::WHITE,
    );
}
