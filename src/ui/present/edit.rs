//! The presenter's large inline fields: `O` the owner (completed from the
//! workbook's people), `D` the due date (the window's typed date field:
//! `fri`, `+2w`, `9`, `T-14`, `none`), `M` the mitigation and `N` a new
//! note. Enter sets, Escape cancels; each close is queued as
//! [`PresentAction::Commit`], which becomes one ordinary edit. Tab in the
//! owner sets it and opens the due date: the walk of one item is
//! status, owner, due — `2`, `O`, `a`, Tab, `9`, Enter.

use egui::{FontId, Key, Modifiers, RichText, TextEdit, TextStyle};

use super::layout::{BODY, SMALL, body_font};
use super::{PresentAction, PresentKey};
use crate::model::{Item, ItemField};
use crate::ui::command::Action;
use crate::ui::cursor;
use crate::ui::dates::DateField;
use crate::ui::filter::{completion, owner_suggestions};

/// A large field open on an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    pub field: ItemField,
    /// The item it was opened on: the edit lands there even if undo moved
    /// the selection meanwhile.
    pub id: String,
    /// The field's text when opened; `None` for a note (a new paragraph).
    pub initial: Option<String>,
    /// The text as typed (for the due date, the date field's draft).
    pub text: String,
    /// The date field has had the keyboard, so losing it closes it.
    had_focus: bool,
    /// The first frame: take the keyboard and select what is there.
    fresh: bool,
}

impl Editing {
    pub fn new(field: ItemField, item: &Item) -> Self {
        let initial = (field != ItemField::Notes).then(|| field.get(item));
        Self {
            field,
            id: item.id.clone(),
            text: initial.clone().unwrap_or_default(),
            initial,
            had_focus: false,
            fresh: true,
        }
    }
}

/// What the field needs besides the item.
pub struct Context<'a> {
    pub known_owners: &'a [String],
    pub today: chrono::NaiveDate,
    pub launch: Option<chrono::NaiveDate>,
}

/// Draws the open field under its `label` and queues its close.
pub fn edit_ui(
    ui: &mut egui::Ui,
    editing: &mut Editing,
    item: &Item,
    cx: &Context<'_>,
    queue: &mut Vec<Action>,
) {
    let label = ui.label(RichText::new(editing.field.label()).size(SMALL).strong());
    let mut then_due = false;
    let closed = match editing.field {
        ItemField::Owner => owner_ui(ui, editing, label.id, cx.known_owners, &mut then_due),
        ItemField::Due => due_ui(ui, editing, label.id, item, cx),
        _ => paragraph_ui(ui, editing, label.id),
    };
    let hint = match editing.field {
        ItemField::Owner => {
            "Enter sets (completing a known name) · Tab sets and goes to the due date · Esc cancels"
        }
        ItemField::Due => "2027-01-15, +2w, fri, T-14, none · Enter sets · Esc cancels",
        ItemField::Notes => "Enter adds the note · Shift+Enter new line · Esc cancels",
        _ => "Enter sets · Shift+Enter new line · Esc cancels",
    };
    ui.label(RichText::new(hint).size(SMALL).weak());
    if let Some(text) = closed {
        queue.push(Action::Present(PresentAction::Commit(text)));
        if then_due {
            // Applied after the commit, so the due field opens on the same
            // item once the owner field has closed.
            let due = PresentKey::Edit(ItemField::Due);
            queue.push(Action::Present(PresentAction::Key(due)));
        }
    }
}

/// The owner: Enter sets it, completing a known name; Tab does the same
/// and goes on to the due date (`then_due`); a click on a name sets it.
/// Returns the close (`Some(None)`: cancelled).
fn owner_ui(
    ui: &mut egui::Ui,
    editing: &mut Editing,
    label: egui::Id,
    known: &[String],
    then_due: &mut bool,
) -> Option<Option<String>> {
    let id = ui.make_persistent_id(("present-edit", editing.field.name(), &editing.id));
    let suggestions: Vec<String> = owner_suggestions(known, &editing.text, 6)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let focused = ui.memory(|m| m.has_focus(id));
    // Taken before the text field sees it, which would move the focus.
    *then_due = focused && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Tab));
    let r = ui
        .add(
            TextEdit::singleline(&mut editing.text)
                .id(id)
                .font(body_font())
                .hint_text(RichText::new("unassigned").size(BODY))
                .lock_focus(true)
                .desired_width(ui.available_width().min(900.0)),
        )
        .labelled_by(label);
    let mut closed = opened(ui, editing, &r, id);
    let entered = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    if entered || *then_due {
        // Completes to a known person, as in the editor: `O`, `a`, Enter
        // assigns Alice; a name the workbook knows stays as typed.
        let typed = editing.text.trim();
        let known_name = |n: &str| known.iter().any(|k| k.trim().eq_ignore_ascii_case(n));
        let name = completion(known, typed, known_name).unwrap_or(typed);
        closed = Some(Some(name.to_owned()));
    } else if r.lost_focus() {
        closed = Some(escape_or(ui, editing.text.trim().to_owned()));
    }
    if !suggestions.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Known:").size(SMALL).weak());
            for name in &suggestions {
                let b = egui::Button::new(RichText::new(crate::ui::text::clip(name)).size(SMALL));
                if ui.add(b).on_hover_text("Assign").clicked() {
                    closed = Some(Some(name.clone()));
                }
            }
        });
    }
    closed
}

/// The due date: the window's typed date field, at the presenter's size.
/// A date it refuses keeps the field open with the reason under it.
fn due_ui(
    ui: &mut egui::Ui,
    editing: &mut Editing,
    label: egui::Id,
    item: &Item,
    cx: &Context<'_>,
) -> Option<Option<String>> {
    let salt = format!("present-due-{}", editing.id);
    let fresh = std::mem::take(&mut editing.fresh);
    ui.scope(|ui| {
        for style in [TextStyle::Body, TextStyle::Button, TextStyle::Small] {
            let size = if style == TextStyle::Small {
                SMALL
            } else {
                BODY
            };
            ui.style_mut()
                .text_styles
                .insert(style, FontId::proportional(size));
        }
        let text_id = DateField::text_id(ui, &salt);
        if fresh {
            // Selected, so what is typed replaces it.
            let shown = item.due.map(|d| d.to_string()).unwrap_or_default();
            cursor::place(ui.ctx(), text_id, shown.chars().count(), true);
        }
        let picked = crate::ui::dates::due_ui(
            ui,
            &salt,
            (item.due, cx.launch),
            cx.today,
            (Some(label), fresh),
        );
        if picked.is_some() {
            return picked.map(Some);
        }
        // Kept in step, so leaving the view with the field open keeps it.
        if let Some(typed) = DateField::typed(ui, &salt) {
            editing.text = typed;
        }
        let focused = ui.memory(|m| m.has_focus(text_id));
        editing.had_focus |= focused;
        if !editing.had_focus || focused || egui::Popup::is_any_open(ui.ctx()) {
            return None;
        }
        if ui.input(|i| i.key_pressed(Key::Escape)) || !DateField::refused(ui, &salt) {
            // Escape, or text left as it was.
            return Some(None);
        }
        ui.memory_mut(|m| m.request_focus(text_id));
        None
    })
    .inner
}

/// The mitigation, or a new note: several lines, Enter sets.
fn paragraph_ui(
    ui: &mut egui::Ui,
    editing: &mut Editing,
    label: egui::Id,
) -> Option<Option<String>> {
    let id = ui.make_persistent_id(("present-edit", editing.field.name(), &editing.id));
    let focused = ui.memory(|m| m.has_focus(id));
    // Enter sets; Shift+Enter is a new line (the text field's own Enter).
    let enter = focused
        && ui.input_mut(|i| !i.modifiers.shift && i.consume_key(Modifiers::NONE, Key::Enter));
    let hint = if editing.field == ItemField::Notes {
        "What was said about it"
    } else {
        "What lets this ship although it is not done, and what the risk is"
    };
    let r = ui
        .add(
            TextEdit::multiline(&mut editing.text)
                .id(id)
                .font(body_font())
                .hint_text(RichText::new(hint).size(BODY))
                .desired_rows(3)
                .lock_focus(true)
                .desired_width(ui.available_width().min(1400.0)),
        )
        .labelled_by(label);
    let closed = opened(ui, editing, &r, id);
    if enter {
        return Some(Some(editing.text.trim().to_owned()));
    }
    if r.lost_focus() {
        return Some(escape_or(ui, editing.text.trim().to_owned()));
    }
    closed
}

/// On the field's first frame: takes the keyboard and selects its text
/// (an owner is replaced by typing; a mitigation is added to at its end).
fn opened(
    ui: &egui::Ui,
    editing: &mut Editing,
    r: &egui::Response,
    id: egui::Id,
) -> Option<Option<String>> {
    if std::mem::take(&mut editing.fresh) {
        r.request_focus();
        let whole = editing.field == ItemField::Owner;
        cursor::place(ui.ctx(), id, editing.text.chars().count(), whole);
    }
    None
}

/// Escape cancels; anything else that ends the field (Enter, Tab, a
/// click elsewhere) keeps what was typed.
fn escape_or(ui: &egui::Ui, text: String) -> Option<String> {
    (!ui.input(|i| i.key_pressed(Key::Escape))).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_starts_empty_and_other_fields_with_their_value() {
        let item = Item {
            id: "a".into(),
            owner: "Alice".into(),
            notes: "old".into(),
            ..Item::default()
        };
        let owner = Editing::new(ItemField::Owner, &item);
        assert_eq!(
            (owner.initial.as_deref(), owner.text.as_str()),
            (Some("Alice"), "Alice")
        );
        let note = Editing::new(ItemField::Notes, &item);
        assert_eq!((note.initial, note.text.as_str()), (None, ""));
    }
}
