//! The window's layout: menu bar, header, messages, side panels, status
//! bar, the central area and dialogs on top.

use egui::{Align, Button, Color32, Frame, Layout, RichText};

use super::app::ShipshapeApp;
use super::command::{Action, Command, GuardAnswer, Menu};
use super::view::{MessageKind, Modal};

impl ShipshapeApp {
    pub(super) fn root_ui(&mut self, ui: &mut egui::Ui) {
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
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        if self.doc.is_some() {
            egui::Panel::top("header").show(ui, |ui| self.header_ui(ui));
        }
        // Errors get a panel of their own until dismissed; notes go to the
        // status bar so they do not push the table around.
        if self
            .view
            .messages
            .iter()
            .any(|m| m.kind != MessageKind::Info)
        {
            egui::Panel::top("messages").show(ui, |ui| self.messages_ui(ui));
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if self.doc.is_some() {
            egui::Panel::left("categories")
                .default_size(220.0)
                .size_range(160.0..=360.0)
                .show(ui, |ui| self.sidebar_ui(ui));
            egui::Panel::right("editor")
                .default_size(400.0)
                .size_range(320.0..=700.0)
                .show(ui, |ui| self.editor_ui(ui));
            egui::CentralPanel::default().show(ui, |ui| {
                self.filter_bar_ui(ui);
                ui.separator();
                self.table_ui(ui);
            });
        } else {
            egui::CentralPanel::default().show(ui, |ui| self.start_ui(ui));
        }
        self.modal_ui(ui.ctx());
        drop_hint_ui(ui.ctx());
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
                            Command::ToggleConflictsOnly => Some(self.view.filter.conflicts_only),
                            _ => None,
                        };
                        let mut button = match checked {
                            Some(on) => Button::selectable(on, label),
                            None => Button::new(label),
                        };
                        if let Some(s) = command.shortcut() {
                            button = button.shortcut_text(ui.ctx().format_shortcut(&s));
                        }
                        let enabled = self.command_enabled(command);
                        if ui
                            .add_enabled(enabled, button)
                            .on_hover_text(command.tooltip())
                            .clicked()
                        {
                            self.queue.push(Action::Run(command));
                            ui.close();
                        }
                    }
                });
            }
        });
    }

    fn messages_ui(&mut self, ui: &mut egui::Ui) {
        let dark = ui.visuals().dark_mode;
        let shown = self.view.messages.iter().enumerate();
        for (index, message) in shown.filter(|(_, m)| m.kind != MessageKind::Info) {
            let warning = message.kind == MessageKind::Warning;
            let (fill, text) = match (dark, warning) {
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
            };
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
                                RichText::new(format!("{prefix}: {}", message.text)).color(text),
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
            ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                if let Some(doc) = &mut self.doc {
                    let dirty = doc.is_dirty();
                    match doc.path() {
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
                    ui.add(egui::Label::new(note.text.as_str()).truncate());
                }
            });
        });
    }

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(mut modal) = self.view.modal.take() else {
            return;
        };
        let mut close = false;
        let response = egui::Modal::new(egui::Id::unique("shipshape-modal")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &mut modal {
                Modal::UnsavedChanges { .. } => {
                    let project = self
                        .workbook()
                        .map(|w| w.project.clone())
                        .unwrap_or_default();
                    ui.heading(format!("Save changes to “{project}”?"));
                    let file = self
                        .doc
                        .as_ref()
                        .map(super::doc::Document::display_name)
                        .unwrap_or_default();
                    ui.label(format!(
                        "The workbook ({file}) has changes that are not saved."
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            self.queue.push(Action::Guard(GuardAnswer::Save));
                        }
                        if ui.button("Discard").clicked() {
                            self.queue.push(Action::Guard(GuardAnswer::Discard));
                        }
                        if ui.button("Cancel").clicked() {
                            self.queue.push(Action::Guard(GuardAnswer::Cancel));
                        }
                    });
                }
                Modal::Path {
                    purpose,
                    text,
                    note,
                } => {
                    ui.heading(purpose.field_title());
                    if let Some(note) = note {
                        ui.label(note.as_str());
                    }
                    let (ok, cancel) = text_prompt(ui, purpose.field_label(), text, purpose.hint());
                    if ok && !text.trim().is_empty() {
                        let path = purpose.with_suffix(super::file_dialog::expand_typed_path(text));
                        // A native dialog asks before replacing a file; so
                        // does the path field: the second OK replaces.
                        let replace = format!("{} exists; OK again replaces it.", path.display());
                        let other_file = self.path() != Some(path.as_path());
                        if purpose.is_save()
                            && path.exists()
                            && other_file
                            && note.as_deref() != Some(replace.as_str())
                        {
                            *note = Some(replace);
                        } else {
                            self.queue.push(Action::PathChosen {
                                purpose: purpose.clone(),
                                path,
                            });
                            close = true;
                        }
                    }
                    close |= cancel;
                }
                Modal::AddItem { category, title } => {
                    let name = self
                        .workbook()
                        .and_then(|w| w.categories.get(*category))
                        .map(|c| c.name.clone())
                        .unwrap_or_default();
                    ui.heading(format!("Add an item to {name}"));
                    let (ok, cancel) =
                        text_prompt(ui, "Title", title, "What must be true before launch");
                    if ok && !title.trim().is_empty() {
                        self.queue.push(Action::AddItem(*category, title.clone()));
                        close = true;
                    }
                    close |= cancel;
                }
                Modal::RenameItem {
                    id,
                    title,
                    description,
                } => {
                    ui.heading("Edit item");
                    ui.weak(format!("ID {id} stays the same."));
                    let enter = prompt_field(ui, "Title", title, "");
                    let l = ui.label("Description");
                    ui.add(
                        egui::TextEdit::multiline(description)
                            .hint_text("What done means for this item")
                            .desired_rows(4)
                            .desired_width(460.0),
                    )
                    .labelled_by(l.id);
                    let (ok, cancel) = ok_cancel(ui);
                    if (ok || enter) && !title.trim().is_empty() {
                        self.queue.push(Action::EditItemText {
                            id: id.clone(),
                            title: title.clone(),
                            description: description.clone(),
                        });
                        close = true;
                    }
                    close |= cancel;
                }
                Modal::AddCategory { name } => {
                    ui.heading("Add a category");
                    let (ok, cancel) = text_prompt(ui, "Name", name, "e.g. Compliance");
                    if ok && !name.trim().is_empty() {
                        self.queue.push(Action::AddCategory(name.clone()));
                        close = true;
                    }
                    close |= cancel;
                }
                Modal::Workbook {
                    project,
                    launch,
                    review,
                } => {
                    ui.heading("Project and dates");
                    let today = self.today();
                    egui::Grid::new("workbook-fields")
                        .num_columns(2)
                        .spacing([10.0, 8.0])
                        .show(ui, |ui| {
                            let l = ui.label("Project");
                            ui.add(egui::TextEdit::singleline(project).desired_width(300.0))
                                .labelled_by(l.id);
                            ui.end_row();
                            ui.label("Launch date");
                            ui.horizontal(|ui| {
                                if let Some(d) =
                                    super::editor::optional_date_ui(ui, "wb-launch", *launch, today)
                                {
                                    *launch = d;
                                }
                            });
                            ui.end_row();
                            ui.label("Review date");
                            ui.horizontal(|ui| {
                                if let Some(d) =
                                    super::editor::optional_date_ui(ui, "wb-review", *review, today)
                                {
                                    *review = d;
                                }
                                if review.is_none() {
                                    ui.weak("four weeks before launch");
                                }
                            });
                            ui.end_row();
                        });
                    ui.add_space(6.0);
                    ui.horizontal(|ui| {
                        if ui.button("OK").clicked() && !project.trim().is_empty() {
                            self.queue.push(Action::SetWorkbookInfo {
                                project: project.clone(),
                                launch: *launch,
                                review: *review,
                            });
                            close = true;
                        }
                        close |= ui.button("Cancel").clicked();
                    });
                }
                Modal::ExportPdf(request) => close = self.export_dialog_ui(ui, request),
                Modal::Share => close = self.share_dialog_ui(ui),
                Modal::ShareDone {
                    folder,
                    files,
                    mailto,
                } => close = self.share_done_ui(ui, folder, files, mailto),
                Modal::ResolveConflict {
                    item_id,
                    field,
                    label,
                    text,
                    error,
                } => close = self.resolve_dialog_ui(ui, item_id, field, label, text, error),
                Modal::RenameCategory { index, name } => {
                    ui.heading("Rename category");
                    let (ok, cancel) = text_prompt(ui, "Name", name, "");
                    if ok && !name.trim().is_empty() {
                        self.queue
                            .push(Action::RenameCategory(*index, name.clone()));
                        close = true;
                    }
                    close |= cancel;
                }
            }
        });
        if response.should_close() {
            if matches!(modal, Modal::UnsavedChanges { .. }) {
                // Escape or a click outside is Cancel.
                self.queue.push(Action::Guard(GuardAnswer::Cancel));
            } else {
                close = true;
            }
        }
        // The guard stays up until its answer is applied.
        if !close && self.view.modal.is_none() {
            self.view.modal = Some(modal);
        }
    }
}

/// A labelled one-line field with OK and Cancel; Enter is OK.
fn text_prompt(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str) -> (bool, bool) {
    let enter = prompt_field(ui, label, text, hint);
    let (ok, cancel) = ok_cancel(ui);
    (ok || enter, cancel)
}

/// A labelled one-line field that takes the focus when the dialog opens;
/// returns whether Enter was pressed in it.
fn prompt_field(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str) -> bool {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        let r = ui
            .add(
                egui::TextEdit::singleline(text)
                    .hint_text(hint)
                    .desired_width(380.0),
            )
            .labelled_by(l.id);
        if !r.has_focus() && !r.lost_focus() && ui.memory(|m| m.focused().is_none()) {
            r.request_focus();
        }
        r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
    })
    .inner
}

fn ok_cancel(ui: &mut egui::Ui) -> (bool, bool) {
    ui.add_space(6.0);
    ui.horizontal(|ui| (ui.button("OK").clicked(), ui.button("Cancel").clicked()))
        .inner
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
    let text = match names.first() {
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
