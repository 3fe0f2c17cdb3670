//! The selected item's editor: its header and verdict, status, owner and
//! due date, mitigation, notes and evidence links, one function each.

use chrono::NaiveDate;
use egui::{Color32, RichText};

use super::app::ShipshapeApp;
use super::command::{Action, Command};
use super::filter::{completion, owner_suggestions};
use super::style;
use super::text::{self, LongText, clip, clip_to};
use crate::model::{FieldKind, Item, ItemField, ItemLocation, Recheck, Status, Workbook};

mod fields;

/// Width of the label column of the editor's field grids.
const LABEL_WIDTH: f32 = 100.0;

/// An editor shorter than this many points draws a compact header.
const COMPACT_BELOW: f32 = 360.0;

impl ShipshapeApp {
    /// The selected item's editor, section by section. Text fields edit a
    /// copy of their text, written into the workbook when it changes (see
    /// [`Document::touch`]), so the verdict updates live and an unchanged
    /// workbook is never copied; every other change is queued.
    ///
    /// [`Document::touch`]: super::doc::Document::touch
    pub(super) fn editor_ui(&mut self, ui: &mut egui::Ui) {
        let today = self.today();
        let Self {
            doc, view, queue, ..
        } = self;
        let Some(doc) = doc else { return };
        let Some(id) = view.selected.clone() else {
            ui.add_space(20.0);
            if view.derived.rows.is_empty() && view.filter.is_active() {
                ui.weak(
                    "No item selected (the filters hide every item). Clear filters to see them.",
                );
            } else {
                ui.weak(
                    "Select an item to edit it. ↑/↓ move through the list, 1–5 set the status.",
                );
            }
            return;
        };
        let Some(loc) = doc.workbook().locate(&id) else {
            ui.weak("The selected item no longer exists.");
            return;
        };
        // Short (the sheet of a tiny window, a zoomed projector): the
        // header gives way so the status buttons are in view.
        let compact = ui.available_height() < COMPACT_BELOW;
        let mut typed = Vec::new();
        egui::ScrollArea::vertical()
            .id_salt("editor")
            .show(ui, |ui| {
                // Inside a grid "infinite" width overflows the panel.
                let full_width = ui.available_width() - 12.0;
                let mut editor = ItemEditor {
                    id: &id,
                    today,
                    queue,
                    typed: Vec::new(),
                    full_width,
                    field_width: (full_width - 110.0).max(120.0),
                    compact,
                };
                let wb = doc.workbook();
                editor.header_ui(ui, wb, loc);
                let item = &wb.categories[loc.category].items[loc.item];
                let known = &view.derived.known_owners;
                for (n, section) in SECTIONS.iter().enumerate() {
                    if n > 0 {
                        ui.add_space(6.0);
                    } else {
                        ui.separator();
                    }
                    for &field in *section {
                        editor.field_ui(
                            ui,
                            item,
                            field,
                            known,
                            view.focus_field,
                            Scratch {
                                new_link: &mut view.new_link,
                                interval: &mut view.interval_text,
                                launch: wb.launch,
                                workbook: wb,
                            },
                        );
                    }
                }
                if let Some(open) = wb.open_review() {
                    ui.add_space(6.0);
                    super::review::decision_ui(
                        ui,
                        open,
                        &id,
                        &mut view.action_draft,
                        today,
                        editor.queue,
                    );
                }
                ui.add_space(10.0);
                ui.separator();
                editor.commands_ui(ui);
                typed = editor.typed;
            });
        if typed.is_empty() {
            return;
        }
        if let Some(item) = doc.workbook_mut().item_mut(&id) {
            for (field, text) in typed {
                if let Some(value) = field.text_mut(item) {
                    *value = text;
                    item.settle(field);
                }
            }
        }
        doc.touch();
    }
}

/// What the editor's sections share while one item is drawn.
struct ItemEditor<'a> {
    id: &'a str,
    today: NaiveDate,
    queue: &'a mut Vec<Action>,
    /// Text fields changed this frame, with their new text.
    typed: Vec<(ItemField, String)>,
    /// Width of a multi-line field, and of a field beside its label.
    full_width: f32,
    field_width: f32,
    /// A short editor: a compact header and status row.
    compact: bool,
}

impl ItemEditor<'_> {
    /// Title, category and ID, description, the verdict on the item and
    /// its merge conflicts.
    ///
    /// Compact: the title smaller, the description on one line (all of it
    /// on hover), the overdue words beside the verdict.
    fn header_ui(&mut self, ui: &mut egui::Ui, wb: &Workbook, loc: ItemLocation) {
        let compact = self.compact;
        let dark = ui.visuals().dark_mode;
        let category = &wb.categories[loc.category];
        let item = &category.items[loc.item];
        ui.add_space(if compact { 2.0 } else { 6.0 });
        let size = if compact { 16.0 } else { 19.0 };
        let place = format!("{} · {}", clip(&category.name), clip(&item.id));
        let title = ui.add(
            egui::Label::new(
                RichText::new(super::bidi::display(&clip_to(
                    &item.title,
                    text::MAX_TITLE_CHARS,
                )))
                .font(egui::FontId::new(size, style::bold()))
                .color(ui.visuals().strong_text_color()),
            )
            .wrap(),
        );
        if compact {
            title.on_hover_text(clip(&place));
        } else {
            ui.weak(clip(&place));
        }
        for field in [ItemField::Title, ItemField::Description] {
            let text = field.text(item).unwrap_or_default();
            if text::too_long(text) {
                let source = LongText::Item {
                    id: self.id.to_owned(),
                    field,
                };
                text::too_long_ui(ui, &source, text, self.full_width, self.queue);
            } else if field == ItemField::Description && !text.is_empty() {
                let label = egui::Label::new(RichText::new(clip(text)).weak());
                if compact {
                    ui.add(label.truncate()).on_hover_text(clip(text));
                } else {
                    ui.add(label.wrap());
                }
            }
        }
        ui.add_space(if compact { 0.0 } else { 4.0 });
        // Compact: the overdue words beside the verdict, not under it.
        let verdict_ui = |ui: &mut egui::Ui| {
            // Announced when a status key changes it.
            let verdict = match item.red_reason(self.today) {
                Some(reason) => ui.label(
                    RichText::new(format!("● Red: {reason}"))
                        .color(style::red_text(dark))
                        .strong(),
                ),
                None => ui.label(
                    RichText::new("✔ Passes")
                        .color(style::green_text(dark))
                        .strong(),
                ),
            };
            super::a11y::live(&verdict);
            if item.is_overdue(self.today, wb.launch)
                && let Some(due) = wb.due_date(item)
            {
                let days = (self.today - due).num_days();
                let text = if compact {
                    format!("⚠ Overdue {days} d")
                } else {
                    format!("⚠ Overdue: due {due}, {days} days ago")
                };
                // One piece: to the next line whole, never "⚠" alone.
                let label =
                    egui::Label::new(RichText::new(text).color(style::red_text(dark)).strong())
                        .wrap_mode(egui::TextWrapMode::Extend);
                ui.add(label)
                    .on_hover_text(format!("Due {due}, {days} days ago"));
            }
        };
        if compact {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                verdict_ui(ui);
            });
        } else {
            verdict_ui(ui);
        }
        if let Some(Recheck::DueSoon { due, .. }) = item.recheck(self.today, wb.launch) {
            ui.label(
                RichText::new(format!("⟳ Re-check due by {due}")).color(style::amber_text(dark)),
            );
        }
        for c in &item.conflicts {
            super::conflicts::conflict_ui(ui, wb, self.id, c, self.queue);
        }
        super::upgrade::reworded_ui(ui, item, self.queue);
    }

    /// One field, drawn by its kind. Text fields edit the item in place
    /// (and settle the field's merge conflict); the others queue an action.
    /// A text too long to edit is shown cut and read-only instead (see
    /// `text`).
    fn field_ui(
        &mut self,
        ui: &mut egui::Ui,
        item: &Item,
        field: ItemField,
        known: &[String],
        focus: Option<ItemField>,
        scratch: Scratch<'_>,
    ) {
        if let Some(text) = field.text(item)
            && text::too_long(text)
        {
            let source = LongText::Item {
                id: self.id.to_owned(),
                field,
            };
            text::too_long_ui(ui, &source, text, self.full_width, self.queue);
            return;
        }
        let focus = focus == Some(field);
        match field.kind() {
            FieldKind::Status => self.status_ui(ui, item.status),
            FieldKind::Links => self.evidence_ui(ui, field, item, scratch.new_link),
            FieldKind::Date => self.date_ui(ui, item, field, scratch.launch),
            FieldKind::Due => self.due_ui(ui, item, field, scratch.launch, focus),
            FieldKind::Interval => self.interval_ui(ui, item, field, scratch.interval),
            FieldKind::Multiline => self.multiline_ui(ui, item, field),
            FieldKind::Text | FieldKind::Person => {
                let (typed, left) = self.line_ui(ui, item, field, focus);
                if field.kind() == FieldKind::Person {
                    // A name the workbook knows apart from this very
                    // item (whose field already holds what was typed).
                    let wb = scratch.workbook;
                    let elsewhere = |name: &str| {
                        let same = |n: &str| n.trim().eq_ignore_ascii_case(name);
                        wb.people.iter().any(|p| same(&p.name))
                            || wb.items().any(|(_, i)| i.id != item.id && same(&i.owner))
                    };
                    if left != Left::Stayed
                        && let Some(name) = completion(known, &typed, elsewhere)
                    {
                        let id = self.id.to_owned();
                        self.queue
                            .push(Action::SetPerson(id, field, name.to_owned()));
                    }
                    if left == Left::Tab && field == ItemField::Owner {
                        // The walk of an item is status, owner, due: Tab
                        // goes to the due date, past the name buttons.
                        self.queue.push(Action::Run(Command::FocusDue));
                    }
                    self.suggestions_ui(ui, field, known, &typed);
                }
            }
        }
    }

    /// One button per status, numbered like their keys; in a compact
    /// editor without the "Status" label over them (the group is still
    /// named Status for a screen reader).
    fn status_ui(&mut self, ui: &mut egui::Ui, current: Status) {
        if !self.compact {
            ui.label(RichText::new(ItemField::Status.label()).strong());
        }
        let group = egui::UiBuilder::new()
            .accessibility_role(egui::accesskit::Role::RadioGroup)
            .accessibility_label(ItemField::Status.label());
        ui.scope_builder(group, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (i, s) in Status::ALL.into_iter().enumerate() {
                    let selected = current == s;
                    let mut text = RichText::new(format!("{} {}", i + 1, s.label()));
                    if selected {
                        text = text.color(Color32::WHITE).strong();
                    }
                    let mut b = egui::Button::new(text).min_size(egui::vec2(0.0, 26.0));
                    if selected {
                        b = b.fill(style::status_fill(s));
                    }
                    let r = ui.add(b).on_hover_text(format!("Key {}", i + 1));
                    super::a11y::radio(&r, selected);
                    if r.clicked() && !selected {
                        self.queue.push(Action::SetStatus(self.id.to_owned(), s));
                    }
                }
            })
        });
        ui.add_space(4.0);
    }

    /// A one-line text field beside its label. Returns the text as typed,
    /// and whether Enter or Tab ended the editing this frame. A shortcut
    /// (`focus`) selects the text, so what is typed replaces it.
    fn line_ui(
        &mut self,
        ui: &mut egui::Ui,
        item: &Item,
        field: ItemField,
        focus: bool,
    ) -> (String, Left) {
        let mut text = field.text(item).unwrap_or_default().to_owned();
        let id = ui.make_persistent_id(("field", field.name()));
        // Read before the field: egui moves the focus on Tab.
        let tab = ui.memory(|m| m.has_focus(id))
            && ui.input(|i| i.key_pressed(egui::Key::Tab) && !i.modifiers.shift);
        let r = labelled_row(ui, field.label(), |ui| {
            let mut edit = egui::TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(self.field_width);
            if field == ItemField::Owner {
                edit = edit.hint_text("unassigned (O)");
            }
            ui.add(edit)
        });
        if focus {
            r.request_focus();
            super::cursor::place(ui.ctx(), id, text.chars().count(), true);
        }
        if r.changed() {
            self.typed.push((field, text.clone()));
        }
        let left = if tab {
            Left::Tab
        } else if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            Left::Enter
        } else {
            Left::Stayed
        };
        (text, left)
    }

    /// The people the workbook knows that complete what is typed (everyone
    /// when empty): shown whether or not the field has focus, since a click
    /// on a name takes the focus away before it lands.
    fn suggestions_ui(
        &mut self,
        ui: &mut egui::Ui,
        field: ItemField,
        known: &[String],
        typed: &str,
    ) {
        let suggestions = owner_suggestions(known, typed, 6);
        if suggestions.is_empty() {
            return;
        }
        ui.horizontal(|ui| {
            ui.add_space(LABEL_WIDTH + 10.0);
            ui.horizontal_wrapped(|ui| {
                for name in suggestions {
                    if ui
                        .small_button(clip(name))
                        .on_hover_text("Assign")
                        .clicked()
                    {
                        self.queue.push(Action::SetPerson(
                            self.id.to_owned(),
                            field,
                            name.to_owned(),
                        ));
                    }
                }
            });
        });
    }

    /// The item commands that have no field of their own.
    fn commands_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            for c in [
                Command::RenameItem,
                Command::MoveItemUp,
                Command::MoveItemDown,
                Command::RemoveItem,
            ] {
                if ui.button(c.label()).on_hover_text(c.tooltip()).clicked() {
                    self.queue.push(Action::Run(c));
                }
            }
        });
    }
}

/// The editor's layout: its sections in order, each a list of fields drawn
/// by their kind (see `ItemEditor::field_ui`). The title and description
/// are the header (F2 edits them). A new item field goes into one of these.
const SECTIONS: [&[ItemField]; 6] = [
    &[ItemField::Status],
    &[ItemField::Owner, ItemField::Due],
    &[ItemField::Verified, ItemField::Every],
    &[
        ItemField::MitigationText,
        ItemField::MitigationAcceptedBy,
        ItemField::MitigationUntil,
    ],
    &[ItemField::Notes],
    &[ItemField::Evidence],
];

/// How a one-line field was left this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Left {
    /// Still being edited, or left some other way (a click elsewhere).
    Stayed,
    Enter,
    Tab,
}

/// The editor's scratch texts, typed before they become a value.
struct Scratch<'a> {
    /// The "add link" field.
    new_link: &'a mut String,
    /// The custom interval field.
    interval: &'a mut String,
    /// The workbook's launch date, which a relative due follows.
    launch: Option<NaiveDate>,
    /// The workbook: which people it knows apart from the item edited.
    workbook: &'a Workbook,
}

/// A field beside its label, the label column as wide as the others, the
/// field named by the label for screen readers and tests.
fn labelled_row(
    ui: &mut egui::Ui,
    label: &str,
    field: impl FnOnce(&mut egui::Ui) -> egui::Response,
) -> egui::Response {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        let gap = (LABEL_WIDTH - l.rect.width()).max(0.0) + 10.0;
        ui.add_space(gap - ui.spacing().item_spacing.x);
        field(ui).labelled_by(l.id)
    })
    .inner
}

/// A row whose field names itself by the label (a field made of several
/// widgets, where `labelled_row` would name the row instead): `field`
/// gets the label's ID.
fn labelled_row_with(ui: &mut egui::Ui, label: &str, field: impl FnOnce(&mut egui::Ui, egui::Id)) {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        let gap = (LABEL_WIDTH - l.rect.width()).max(0.0) + 10.0;
        ui.add_space(gap - ui.spacing().item_spacing.x);
        field(ui, l.id);
    });
}
