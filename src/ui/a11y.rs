//! What a screen reader hears (AccessKit, which eframe exposes to AT-SPI,
//! UI Automation and NSAccessibility). egui names most widgets from their
//! text; these helpers add what a review needs on top: the window named
//! after the project, the item table as rows with one selected, the status
//! buttons as a radio group, the verdict as a live region, menus as menus
//! with their shortcuts apart from their names.
//!
//! Every helper only writes the node egui already made for a widget, and
//! costs nothing when no assistive technology is listening (egui then
//! builds no tree and `accesskit_node_builder` does nothing).

use egui::accesskit::{Live, Role, Toggled};

/// Names the window (the tree's root node), as the title bar does: a
/// screen reader says it when the window gets focus.
pub fn name_window(ctx: &egui::Context, name: &str) {
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(name));
}

/// A menu entry: a menu item (a checkable one when `checked` is known)
/// named by `label`, with its shortcut as the shortcut property, not
/// appended to the name as egui's button text has it.
pub fn menu_item(r: &egui::Response, label: &str, shortcut: Option<String>, checked: Option<bool>) {
    r.ctx.accesskit_node_builder(r.id, |node| {
        node.set_role(match checked {
            Some(_) => Role::MenuItemCheckBox,
            None => Role::MenuItem,
        });
        node.set_label(label);
        match shortcut {
            Some(s) => node.set_keyboard_shortcut(s),
            None => node.clear_keyboard_shortcut(),
        }
        match checked {
            Some(on) => node.set_toggled(toggled(on)),
            None => node.clear_toggled(),
        }
    });
}

/// One choice of a radio group, checked when it is the current one.
pub fn radio(r: &egui::Response, checked: bool) {
    r.ctx.accesskit_node_builder(r.id, |node| {
        node.set_role(Role::RadioButton);
        node.set_toggled(toggled(checked));
    });
}

/// A region whose changes are announced without moving the focus: the
/// verdict, the red reason, the status bar's note.
pub fn live(r: &egui::Response) {
    r.ctx
        .accesskit_node_builder(r.id, |node| node.set_live(Live::Polite));
}

/// A row of the item table: focusable, named by what a sighted user reads
/// across it, and selected when it is the selected item.
pub fn row(r: &egui::Response, name: &str, selected: bool) {
    r.ctx.accesskit_node_builder(r.id, |node| {
        node.set_role(Role::Row);
        node.set_label(name);
        node.set_selected(selected);
    });
}

/// A calendar button named by the field it belongs to (the row's label:
/// "Due date", "Accepted until"), described as the calendar, so two of
/// them are never both "not set" or both "Calendar".
pub fn calendar_button(r: &egui::Response, field_label: Option<egui::Id>) {
    r.ctx.accesskit_node_builder(r.id, |node| {
        if let Some(label) = field_label {
            node.clear_label();
            node.push_labelled_by(label.accesskit_id());
        }
        node.set_description("calendar");
    });
}

fn toggled(on: bool) -> Toggled {
    if on { Toggled::True } else { Toggled::False }
}
