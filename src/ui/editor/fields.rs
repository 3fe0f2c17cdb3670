//! The editor's fields by kind beyond one line of text: dates (typed or
//! picked), the due date, the re-check interval, multi-line text and the
//! evidence links.

use chrono::NaiveDate;
use egui::RichText;

use super::super::command::Action;
use super::super::dates;
use super::super::filter::is_openable_link;
use super::super::text::{self, clip};
use super::{ItemEditor, labelled_row, labelled_row_with};
use crate::model::{FieldKind, Interval, Item, ItemField, Status};

impl ItemEditor<'_> {
    /// A date beside its label, typed or picked, and a button to clear
    /// it; the verified date also has "Today", which records a re-check.
    pub(super) fn date_ui(
        &mut self,
        ui: &mut egui::Ui,
        item: &Item,
        field: ItemField,
        launch: Option<NaiveDate>,
    ) {
        let value = field.get(item).parse::<NaiveDate>().ok();
        labelled_row_with(ui, field.label(), |ui, label| {
            let salt = format!("{}-{}", field.name(), self.id);
            let mut picked =
                dates::optional_date_ui(ui, &salt, value, (self.today, launch), Some(label));
            if field == ItemField::Verified
                && value != Some(self.today)
                && ui
                    .small_button("Today")
                    .on_hover_text("Record that it was checked today")
                    .clicked()
            {
                picked = Some(Some(self.today));
            }
            if let Some(date) = picked {
                self.queue.push(Action::SetField {
                    id: self.id.to_owned(),
                    field,
                    value: crate::model::date_text(date),
                });
            }
        });
    }

    /// The due date beside its label (see [`dates::due_ui`]).
    pub(super) fn due_ui(
        &mut self,
        ui: &mut egui::Ui,
        item: &Item,
        field: ItemField,
        launch: Option<NaiveDate>,
        focus: bool,
    ) {
        labelled_row_with(ui, field.label(), |ui, label| {
            let salt = format!("{}-{}", field.name(), self.id);
            let picked = dates::due_ui(
                ui,
                &salt,
                (item.due, launch),
                self.today,
                (Some(label), focus),
            );
            if let Some(value) = picked {
                self.queue.push(Action::SetField {
                    id: self.id.to_owned(),
                    field,
                    value,
                });
            }
        });
    }

    /// An interval beside its label: a list of the named ones and "none",
    /// and a field for any other (`90d`), applied when it loses focus.
    /// `typed` is that field's text.
    pub(super) fn interval_ui(
        &mut self,
        ui: &mut egui::Ui,
        item: &Item,
        field: ItemField,
        typed: &mut String,
    ) {
        let current = field.get(item);
        labelled_row(ui, field.label(), |ui| {
            ui.horizontal(|ui| {
                let mut picked = current.clone();
                let shown = if current.is_empty() {
                    "none"
                } else {
                    current.as_str()
                };
                let combo = egui::ComboBox::from_id_salt(("interval", field.name()))
                    .selected_text(shown)
                    .width(100.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut picked, String::new(), "none");
                        for (name, _) in Interval::NAMED {
                            ui.selectable_value(&mut picked, name.to_owned(), name);
                        }
                    });
                ui.weak("or");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(typed)
                            .hint_text("90d, 2w, 6m")
                            .desired_width(70.0),
                    )
                    .on_hover_text(FieldKind::Interval.hint());
                // Not "or", the word before it: a screen reader says this.
                r.ctx.accesskit_node_builder(r.id, |node| {
                    node.set_label("Custom re-check interval");
                });
                // Typed text is applied even when it names the current
                // interval, so the field empties either way.
                let typed_done = r.lost_focus() && !typed.trim().is_empty();
                if typed_done {
                    picked = typed.trim().to_owned();
                }
                if typed_done || picked != current {
                    self.queue.push(Action::SetField {
                        id: self.id.to_owned(),
                        field,
                        value: picked,
                    });
                }
                combo.response
            })
            .inner
        });
    }

    /// A text of several lines under its heading. The mitigation of a
    /// not-applicable item is the reason it does not apply.
    pub(super) fn multiline_ui(&mut self, ui: &mut egui::Ui, item: &Item, field: ItemField) {
        let not_applicable = item.status == Status::NotApplicable;
        let (heading, hint, rows) = match field {
            ItemField::MitigationText if not_applicable => (
                "Why it does not apply",
                "The reason this item does not apply to the project",
                3,
            ),
            ItemField::MitigationText => (
                field.label(),
                "What lets this ship although it is not done, and what the risk is",
                3,
            ),
            _ => (field.label(), "", 4),
        };
        let mut text = field.text(item).unwrap_or_default().to_owned();
        let l = ui.label(RichText::new(heading).strong());
        let r = ui
            .add(
                egui::TextEdit::multiline(&mut text)
                    .hint_text(hint)
                    .desired_rows(rows)
                    .desired_width(self.full_width),
            )
            .labelled_by(l.id);
        if r.changed() {
            self.typed.push((field, text));
        }
    }

    /// The links (only web and mail ones open) and a field to add one;
    /// `new_link` is that field's text.
    pub(super) fn evidence_ui(
        &mut self,
        ui: &mut egui::Ui,
        field: ItemField,
        item: &Item,
        new_link: &mut String,
    ) {
        ui.label(RichText::new(field.label()).strong());
        for (index, link) in field.links(item).unwrap_or_default().iter().enumerate() {
            ui.horizontal(|ui| {
                if ui
                    .small_button("✖")
                    .on_hover_text("Remove this link")
                    .clicked()
                {
                    self.queue
                        .push(Action::RemoveEvidence(self.id.to_owned(), index));
                }
                // A hyperlink's tooltip is its whole address.
                let long = link.len() > text::MAX_SHOWN_CHARS;
                if is_openable_link(link) && !long {
                    ui.hyperlink_to(link.as_str(), link.as_str());
                } else {
                    let why = if long {
                        "Not opened: too long to be a link"
                    } else {
                        "Not opened: only http, https and mailto links open"
                    };
                    ui.add(egui::Label::new(clip(link)).truncate())
                        .on_hover_text(why);
                }
            });
        }
        ui.horizontal(|ui| {
            let l = ui.label("Link");
            let r = ui
                .add(
                    egui::TextEdit::singleline(new_link)
                        .hint_text("https://… or mailto:…")
                        .desired_width((ui.available_width() - 90.0).max(80.0)),
                )
                .labelled_by(l.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Add link").clicked() || enter) && !new_link.trim().is_empty() {
                self.queue
                    .push(Action::AddEvidence(self.id.to_owned(), new_link.clone()));
            }
        });
    }
}
