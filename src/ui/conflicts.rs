//! Merge conflicts in the window: each one shows both values with "Keep
//! ours", "Keep theirs" and "Edit…", in the editor for an item's fields and
//! in the header for the workbook's own. Resolving is one undo step.

use egui::RichText;

use super::app::ShipshapeApp;
use super::command::Action;
use super::dialogs::{Outcome, ok_cancel};
use super::style;
use super::text::{self, clip};
use crate::model::{Conflict, ConflictField, FieldKind, Resolution, Status, Workbook};

/// What a conflict's field name refers to: `item_id` is empty for a
/// conflict on the workbook.
fn parse<'a>(item_id: &str, field: &'a str) -> ConflictField<'a> {
    ConflictField::parse(field, !item_id.is_empty())
}

/// A field's name as the user knows it.
pub fn field_label(wb: &Workbook, item_id: &str, field: &str) -> String {
    match parse(item_id, field) {
        ConflictField::Item(f) => f.noun().to_owned(),
        ConflictField::ItemRemoved => "removed on one side, edited on the other".into(),
        ConflictField::ItemCategory => "category".into(),
        ConflictField::Workbook(f) => f.label().to_lowercase(),
        ConflictField::CategoryName(id) => format!("name of category “{}”", category_name(wb, id)),
        ConflictField::CategoryRemoved(id) => format!(
            "category “{}”, removed on one side and changed on the other",
            category_name(wb, id)
        ),
        ConflictField::Review(id, f) => {
            let title = wb.review(id).map_or(id, |r| r.title.as_str());
            format!("{} of review “{}”", f.name(), clip(title))
        }
        ConflictField::Unknown(name) => clip(name).into_owned(),
    }
}

/// The name of category `id`, or the ID when it is gone; cut to be shown.
fn category_name<'a>(wb: &'a Workbook, id: &'a str) -> std::borrow::Cow<'a, str> {
    let name = wb
        .categories
        .iter()
        .find(|c| c.id == id.trim())
        .map_or(id, |c| c.name.as_str());
    clip(name)
}

/// A conflict value as the user reads it, cut to be shown (a value may be
/// a whole pasted log).
fn value_text(wb: &Workbook, item_id: &str, field: &str, value: &str) -> String {
    let name;
    let shown: &str = match parse(item_id, field) {
        ConflictField::Item(f) if f.kind() == FieldKind::Status => {
            Status::from_word(value).map_or(value, |s| s.label())
        }
        ConflictField::ItemCategory => {
            name = category_name(wb, value);
            &name
        }
        ConflictField::ItemRemoved => match value {
            crate::model::merge::REMOVED => "remove the item",
            _ => "keep the item, edited",
        },
        ConflictField::CategoryRemoved(_) => match value {
            crate::model::merge::REMOVED => "remove the category and the items left in it",
            _ => "keep the category, changed",
        },
        _ => value,
    };
    if shown.trim().is_empty() {
        "(empty)".to_owned()
    } else {
        clip(shown).into_owned()
    }
}

/// One side's value; a long one scrolls, so that a conflict on a pasted
/// log leaves room for the buttons under it.
fn value_ui(ui: &mut egui::Ui, salt: impl std::hash::Hash + std::fmt::Debug, value: &str) {
    egui::ScrollArea::vertical()
        .id_salt(salt)
        .max_height(110.0)
        .show(ui, |ui| ui.add(egui::Label::new(value).wrap()));
}

/// Fields whose values run over several lines.
fn multiline(kind: FieldKind) -> bool {
    matches!(kind, FieldKind::Multiline | FieldKind::Links)
}

/// One conflict: both values and the three ways out. `item_id` is empty for
/// a workbook field.
pub fn conflict_ui(
    ui: &mut egui::Ui,
    wb: &Workbook,
    item_id: &str,
    conflict: &Conflict,
    queue: &mut Vec<Action>,
) {
    let dark = ui.visuals().dark_mode;
    let label = field_label(wb, item_id, &conflict.field);
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
                        let text = value_text(wb, item_id, &conflict.field, value);
                        value_ui(ui, (item_id, &conflict.field, side), &text);
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
                if parse(item_id, &conflict.field).takes_a_value()
                    && ui
                        .button("Edit…")
                        .on_hover_text("Write a value of your own")
                        .clicked()
                {
                    queue.push(Action::AskConflictValue {
                        item_id: item_id.to_owned(),
                        field: conflict.field.clone(),
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

    /// The value of one's own was answered: checked here, so that a bad
    /// date keeps the dialog open with the reason, then queued. Returns
    /// whether the dialog closes.
    pub(super) fn resolve_answered(
        &mut self,
        dialog: &mut ResolveDialog,
        outcome: Outcome<String>,
    ) -> bool {
        let text = match outcome {
            Outcome::Open => return false,
            Outcome::Cancel => return true,
            Outcome::Ok(text) => text,
        };
        let resolution = Resolution::Value(text);
        let checked = self.workbook().map_or(Ok(()), |wb| {
            wb.clone()
                .resolve_conflict(&dialog.item_id, &dialog.field, &resolution)
                .map_err(|e| e.to_string())
        });
        match checked {
            Ok(()) => {
                self.queue.push(Action::ResolveConflict {
                    item_id: dialog.item_id.clone(),
                    field: dialog.field.clone(),
                    resolution,
                });
                true
            }
            Err(e) => {
                dialog.error = Some(e);
                false
            }
        }
    }
}

/// A value of one's own for a merge conflict, with both sides shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveDialog {
    /// Empty for a workbook field.
    pub item_id: String,
    pub field: String,
    /// What the value is, for the hint and the editor's height.
    kind: FieldKind,
    label: String,
    /// "title · ID" of the item; `None` for a workbook field.
    item_line: Option<String>,
    /// Ours and theirs, as the user reads them.
    sides: Option<(String, String)>,
    pub text: String,
    /// Why the field starts empty: its value is too long to edit here.
    too_long: Option<String>,
    /// Why the last value was refused.
    pub error: Option<String>,
}

impl ResolveDialog {
    /// The dialog for a conflict of `wb`, starting from the field's
    /// current value (ours).
    pub fn new(wb: &Workbook, item_id: &str, field: &str) -> Self {
        let item = wb.item(item_id);
        let conflicts = item.map_or(&wb.conflicts, |i| &i.conflicts);
        let conflict = conflicts.iter().find(|c| c.field == field);
        let current = match parse(item_id, field) {
            ConflictField::Item(f) => item.map(|i| f.get(i)),
            _ if item_id.is_empty() => wb.field(field),
            _ => None,
        };
        let mut text = current
            .or_else(|| conflict.map(|c| c.ours.clone()))
            .unwrap_or_default();
        let too_long = text::too_long(&text).then(|| {
            format!(
                "The current value ({}) is too long to edit here: type a new one, or keep ours or theirs.",
                text::size_text(text.len())
            )
        });
        if too_long.is_some() {
            text = String::new();
        }
        Self {
            item_id: item_id.to_owned(),
            field: field.to_owned(),
            kind: parse(item_id, field).kind(),
            label: field_label(wb, item_id, field),
            item_line: item
                .map(|i| clip(&format!("{} · {}", clip(&i.title), clip(&i.id))).into_owned()),
            sides: conflict.map(|c| {
                (
                    value_text(wb, item_id, field, &c.ours),
                    value_text(wb, item_id, field, &c.theirs),
                )
            }),
            text,
            too_long,
            error: None,
        }
    }

    /// OK (or Enter in a one-line field) answers the text as typed.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome<String> {
        super::dialogs::heading(ui, format!("Resolve the {}", self.label));
        if let Some(line) = &self.item_line {
            ui.weak(line.as_str());
        }
        if let Some((ours, theirs)) = &self.sides {
            egui::Grid::new("resolve-sides")
                .num_columns(2)
                .spacing([8.0, 2.0])
                .show(ui, |ui| {
                    for (side, value) in [("Ours:", ours), ("Theirs:", theirs)] {
                        ui.weak(side);
                        value_ui(ui, side, value);
                        ui.end_row();
                    }
                });
        }
        if let Some(note) = &self.too_long {
            ui.colored_label(style::amber_text(ui.visuals().dark_mode), note.as_str());
        }
        let hint = self.kind.hint();
        let multiline = multiline(self.kind);
        let l = ui.label("Value");
        let edit = if multiline {
            egui::TextEdit::multiline(&mut self.text).desired_rows(5)
        } else {
            egui::TextEdit::singleline(&mut self.text)
        };
        let r = ui
            .add(edit.hint_text(hint).desired_width(460.0))
            .labelled_by(l.id);
        if !r.has_focus() && !r.lost_focus() && ui.memory(|m| m.focused().is_none()) {
            r.request_focus();
        }
        let enter = !multiline && r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(e) = self.error.as_deref() {
            ui.colored_label(style::red_text(ui.visuals().dark_mode), e);
        }
        match ok_cancel(ui) {
            Outcome::Open if enter => Outcome::Ok(self.text.clone()),
            outcome => outcome.map(|()| self.text.clone()),
        }
    }
}
