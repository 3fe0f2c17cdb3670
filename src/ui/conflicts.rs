//! Merge conflicts in the window: each one shows both values with "Keep
//! ours", "Keep theirs" and "Edit…", in the editor for an item's fields and
//! in the header for the workbook's own. Resolving is one undo step.

use egui::RichText;

use super::app::ShipshapeApp;
use super::command::Action;
use super::style;
use super::view::Modal;
use crate::model::merge::{CATEGORY_FIELD, REMOVED_FIELD};
use crate::model::{Conflict, Resolution, Status, Workbook, category_of_field};

/// A field's name as the user knows it.
pub fn field_label(wb: &Workbook, field: &str) -> String {
    match field {
        "title" => "title".into(),
        "description" => "description".into(),
        "status" => "status".into(),
        "owner" => "owner".into(),
        "due" => "due date".into(),
        "mitigation.text" => "mitigation".into(),
        "mitigation.accepted_by" => "mitigation accepted by".into(),
        "mitigation.until" => "mitigation accepted until".into(),
        "notes" => "notes".into(),
        "evidence" => "evidence links".into(),
        REMOVED_FIELD => "removed on one side, edited on the other".into(),
        CATEGORY_FIELD => "category".into(),
        "project" => "project name".into(),
        "launch" => "launch date".into(),
        "review" => "review date".into(),
        _ => match category_of_field(field) {
            Some(id) => {
                let name = wb
                    .categories
                    .iter()
                    .find(|c| c.id == id)
                    .map_or(id, |c| c.name.as_str());
                format!("name of category “{name}”")
            }
            None => field.to_owned(),
        },
    }
}

/// A conflict value as the user reads it.
fn value_text<'a>(wb: &'a Workbook, field: &str, value: &'a str) -> String {
    let shown: &str = match field {
        "status" => Status::from_word(value).map_or(value, |s| s.label()),
        CATEGORY_FIELD => wb
            .categories
            .iter()
            .find(|c| c.id == value.trim())
            .map_or(value, |c| c.name.as_str()),
        REMOVED_FIELD => match value {
            crate::model::merge::REMOVED => "remove the item",
            _ => "keep the item, edited",
        },
        _ => value,
    };
    if shown.trim().is_empty() {
        "(empty)".to_owned()
    } else {
        shown.to_owned()
    }
}

/// Whether a value of one's own makes sense (not for the either-or ones).
fn editable(field: &str) -> bool {
    !matches!(field, REMOVED_FIELD | CATEGORY_FIELD)
}

/// Fields whose values run over several lines.
pub fn multiline(field: &str) -> bool {
    matches!(
        field,
        "description" | "mitigation.text" | "notes" | "evidence"
    )
}

/// One conflict: both values and the three ways out. `item_id` is empty for
/// a workbook field.
pub fn conflict_ui(
    ui: &mut egui::Ui,
    wb: &Workbook,
    item_id: &str,
    conflict: &Conflict,
    queue: &mut Vec<Action>,
    modal: &mut Option<Modal>,
) {
    let dark = ui.visuals().dark_mode;
    let label = field_label(wb, &conflict.field);
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.5, style::red_text(dark)))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(8, 6))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!("Merge conflict on the {label}"))
                    .color(style::red_text(dark))
                    .strong(),
            );
            egui::Grid::new(("conflict", item_id, conflict.field.as_str()))
                .num_columns(2)
                .spacing([8.0, 2.0])
                .show(ui, |ui| {
                    for (side, value) in [("Ours:", &conflict.ours), ("Theirs:", &conflict.theirs)]
                    {
                        ui.strong(side);
                        ui.add(egui::Label::new(value_text(wb, &conflict.field, value)).wrap());
                        ui.end_row();
                    }
                });
            ui.horizontal_wrapped(|ui| {
                let resolve = |resolution| Action::ResolveConflict {
                    item_id: item_id.to_owned(),
                    field: conflict.field.clone(),
                    resolution,
                };
                if ui
                    .button("Keep ours")
                    .on_hover_text("Keep the value of the branch you merged into")
                    .clicked()
                {
                    queue.push(resolve(Resolution::Ours));
                }
                if ui
                    .button("Keep theirs")
                    .on_hover_text("Take the value of the branch you merged in")
                    .clicked()
                {
                    queue.push(resolve(Resolution::Theirs));
                }
                if editable(&conflict.field)
                    && ui
                        .button("Edit…")
                        .on_hover_text("Write a value of your own")
                        .clicked()
                {
                    let current = if item_id.is_empty() {
                        wb.field(&conflict.field)
                    } else {
                        crate::model::ItemField::from_name(&conflict.field)
                            .zip(wb.item(item_id))
                            .map(|(f, i)| f.get(i))
                    };
                    *modal = Some(Modal::ResolveConflict {
                        item_id: item_id.to_owned(),
                        field: conflict.field.clone(),
                        label,
                        text: current.unwrap_or_else(|| conflict.ours.clone()),
                        error: None,
                    });
                }
            });
        });
}

impl ShipshapeApp {
    /// Applies a resolution as one undo step; a value that does not fit
    /// the field changes nothing and says why.
    pub(super) fn resolve_conflict(
        &mut self,
        item_id: &str,
        field: &str,
        resolution: &Resolution,
    ) -> Result<(), String> {
        let Some(doc) = &mut self.doc else {
            return Ok(());
        };
        let mut wb = doc.workbook().clone();
        wb.resolve_conflict(item_id, field, resolution)
            .map_err(|e| e.to_string())?;
        doc.edit(|current| *current = wb);
        Ok(())
    }

    /// The body of the "value of one's own" dialog; returns whether it
    /// closes.
    pub(super) fn resolve_dialog_ui(
        &mut self,
        ui: &mut egui::Ui,
        item_id: &str,
        field: &str,
        label: &str,
        text: &mut String,
        error: &mut Option<String>,
    ) -> bool {
        let mut close = false;
        ui.heading(format!("Resolve the {label}"));
        if let Some(wb) = self.workbook() {
            if let Some(item) = wb.item(item_id) {
                ui.weak(format!("{} · {}", item.title, item.id));
            }
            let conflicts = match wb.item(item_id) {
                Some(item) => &item.conflicts,
                None => &wb.conflicts,
            };
            if let Some(c) = conflicts.iter().find(|c| c.field == field) {
                egui::Grid::new("resolve-sides")
                    .num_columns(2)
                    .spacing([8.0, 2.0])
                    .show(ui, |ui| {
                        for (side, value) in [("Ours:", &c.ours), ("Theirs:", &c.theirs)] {
                            ui.weak(side);
                            ui.add(egui::Label::new(value_text(wb, field, value)).wrap());
                            ui.end_row();
                        }
                    });
            }
        }
        let hint = match field {
            "due" | "mitigation.until" | "launch" | "review" => "YYYY-MM-DD, or empty for none",
            "status" => "not-started, in-progress, done, mitigated or not-applicable",
            "evidence" => "one link per line",
            _ => "",
        };
        let l = ui.label("Value");
        let edit = if multiline(field) {
            egui::TextEdit::multiline(text).desired_rows(5)
        } else {
            egui::TextEdit::singleline(text)
        };
        let r = ui
            .add(edit.hint_text(hint).desired_width(460.0))
            .labelled_by(l.id);
        if !r.has_focus() && !r.lost_focus() && ui.memory(|m| m.focused().is_none()) {
            r.request_focus();
        }
        let enter =
            !multiline(field) && r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(e) = error.as_deref() {
            ui.colored_label(style::red_text(ui.visuals().dark_mode), e);
        }
        ui.add_space(6.0);
        let (ok, cancel) = ui
            .horizontal(|ui| (ui.button("OK").clicked(), ui.button("Cancel").clicked()))
            .inner;
        if ok || enter {
            let resolution = Resolution::Value(text.clone());
            // Checked here so that a bad date keeps the dialog open with
            // the reason; applied with the other actions.
            let checked = self.workbook().map_or(Ok(()), |wb| {
                wb.clone()
                    .resolve_conflict(item_id, field, &resolution)
                    .map_err(|e| e.to_string())
            });
            match checked {
                Ok(()) => {
                    self.queue.push(Action::ResolveConflict {
                        item_id: item_id.to_owned(),
                        field: field.to_owned(),
                        resolution,
                    });
                    close = true;
                }
                Err(e) => *error = Some(e),
            }
        }
        close | cancel
    }
}
