//! No hidden edits: the selected item is one the table lists, commands on
//! "the selected item" refuse (and say why) when it is not, and undo and
//! redo select, show and name what they changed.
//!
//! The visibility rule lives in one place, [`ShipshapeApp::keep_selection_visible`],
//! run after every applied queue: whatever hid the selected item (a filter
//! toggled from the bar, the menu or a key; an edit that took it out of
//! "red only"), the selection moves to the nearest listed row.

use std::sync::Arc;

use super::app::ShipshapeApp;
use super::dialogs::RemoveItemDialog;
use super::filter::Filter;
use super::text::clip_to;
use super::view::Modal;
use crate::model::diff::{WorkbookDiff, diff};
use crate::model::{ItemField, ItemLocation, Workbook, WorkbookField};

/// Titles in a status-bar message are cut to this many characters.
const TITLE_CHARS: usize = 40;

/// The row that takes over from `hidden` in a table listing `rows` (file
/// order): the next listed one, else the previous, so the user's place in
/// the list is kept; `None` when nothing is listed.
pub fn nearest_row(rows: &[ItemLocation], hidden: ItemLocation) -> Option<ItemLocation> {
    let at = rows.partition_point(|r| *r < hidden);
    rows.get(at)
        .or_else(|| at.checked_sub(1).and_then(|p| rows.get(p)))
        .copied()
}

impl ShipshapeApp {
    /// Moves the selection off an item the table does not list. While a
    /// field of the editor has the keyboard it waits: the item being typed
    /// into must not vanish under the cursor because the typing made it
    /// fail a search. Typing into the search field itself does not wait.
    pub(super) fn keep_selection_visible(&mut self, ctx: &egui::Context) {
        // The presenter view shows its own walk, whatever the table lists.
        if self.present.is_active() {
            return;
        }
        let Some(doc) = &self.doc else { return };
        let Some(id) = self.view.selected.as_deref() else {
            return;
        };
        let focused = ctx.memory(egui::Memory::focused);
        if ctx.text_edit_focused() && focused != self.view.search_id {
            return;
        }
        let wb = doc.workbook();
        let Some(loc) = wb.locate(id) else { return };
        let rows = &self.view.derived.rows;
        if rows.binary_search(&loc).is_ok() {
            return;
        }
        let next = nearest_row(rows, loc)
            .and_then(|l| wb.item_at(l))
            .map(|i| i.id.clone());
        self.view.select(next);
        self.view.scroll_to_selected = true;
    }

    /// The selected item, if the table lists it; otherwise says in the
    /// status bar why a command on it does nothing.
    pub(super) fn visible_selection(&mut self) -> Option<ItemLocation> {
        let loc = self.selected_location();
        let listed = loc.filter(|l| self.view.derived.rows.binary_search(l).is_ok());
        if listed.is_none() {
            let why = if loc.is_some() {
                "No visible item selected — the filter hides it."
            } else if self.view.derived.rows.is_empty() && self.view.filter.is_active() {
                "No item selected — the filters hide every item."
            } else {
                "Select an item first."
            };
            self.view.info(why);
        }
        listed
    }

    /// Delete: an item with answers asks first; an empty one goes at once
    /// (undo brings it back either way).
    pub(super) fn ask_remove_selected(&mut self) {
        let Some(loc) = self.visible_selection() else {
            return;
        };
        let Some(item) = self.workbook().and_then(|wb| wb.item_at(loc)) else {
            return;
        };
        let answers = item.answered_fields();
        if answers.is_empty() {
            let id = item.id.clone();
            self.remove_item(&id);
        } else {
            self.view.modal = Some(Modal::RemoveItem(RemoveItemDialog::new(item, &answers)));
        }
    }

    pub(super) fn undo(&mut self) {
        self.step_history("Undid", "Nothing to undo.", super::doc::Document::undo);
    }

    pub(super) fn redo(&mut self) {
        self.step_history("Redid", "Nothing to redo.", super::doc::Document::redo);
    }

    /// Undo or redo, then select and show the first item it changed and
    /// say what changed, from the diff of the two workbooks.
    fn step_history(
        &mut self,
        verb: &str,
        nothing: &str,
        step: fn(&mut super::doc::Document) -> bool,
    ) {
        let today = self.today();
        let Some(doc) = &mut self.doc else { return };
        let before: Arc<Workbook> = doc.shared_workbook();
        if !step(doc) {
            self.view.info(nothing);
            return;
        }
        let after = doc.workbook();
        let changes = diff(&before, after, today);
        let first = first_touched(after, &changes);
        let mut message = format!("{verb}: {}", describe(&changes));
        if let Some(loc) = first {
            let listed = self.view.filter.apply(after, today).contains(&loc);
            self.view.selected = after.item_at(loc).map(|i| i.id.clone());
            self.view.scroll_to_selected = true;
            if !listed {
                self.view.filter = Filter::default();
                message.push_str(" (filters cleared)");
            }
        } else {
            self.keep_selection();
        }
        self.view.info(message);
    }
}

/// Where the first item the diff touched now sits, in table order.
fn first_touched(wb: &Workbook, changes: &WorkbookDiff) -> Option<ItemLocation> {
    changes
        .item_ids()
        .iter()
        .filter_map(|id| wb.locate(id))
        .min()
}

/// The change in a few words: "Runbooks — due date", "launch date",
/// "3 items (Runbooks, Backups, …)".
fn describe(changes: &WorkbookDiff) -> String {
    let mut parts: Vec<String> = changes
        .workbook
        .iter()
        .map(|f| match WorkbookField::from_name(&f.field) {
            Some(w) => w.label().to_lowercase(),
            None if f.field == "conflicts" => "merge conflicts".to_owned(),
            None => f.field.clone(),
        })
        .collect();
    let renamed = changes.categories_added.len()
        + changes.categories_removed.len()
        + changes.categories_renamed.len();
    if renamed > 0 {
        parts.push("categories".to_owned());
    }
    let mut items: Vec<(String, String)> = Vec::new();
    for c in &changes.changed {
        let named: Vec<Option<ItemField>> = c
            .fields
            .iter()
            .map(|f| ItemField::from_name(&f.field))
            .collect();
        // Setting an item done records the day as verified: one change.
        let by_status = named.contains(&Some(ItemField::Status));
        let fields: Vec<&str> = named
            .iter()
            .filter(|f| !(by_status && **f == Some(ItemField::Verified)))
            .map(|f| f.map_or("merge conflicts", ItemField::noun))
            .collect();
        items.push((c.title.clone(), fields.join(", ")));
    }
    for (list, what) in [
        (&changes.added, "in the list again"),
        (&changes.removed, "removed from the list"),
    ] {
        items.extend(list.iter().map(|r| (r.title.clone(), what.to_owned())));
    }
    for m in &changes.moved {
        if !items.iter().any(|(t, _)| *t == m.title) {
            items.push((m.title.clone(), "moved".to_owned()));
        }
    }
    match items.as_slice() {
        [] => {}
        [(title, what)] => parts.push(format!("{} — {what}", clip_to(title, TITLE_CHARS))),
        many => {
            let mut titles: Vec<String> = many
                .iter()
                .take(2)
                .map(|(t, _)| clip_to(t, TITLE_CHARS).into_owned())
                .collect();
            if many.len() > 2 {
                titles.push("…".to_owned());
            }
            parts.push(format!("{} items ({})", many.len(), titles.join(", ")));
        }
    }
    if parts.is_empty() {
        "a change".to_owned()
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{Due, Status};

    fn at(category: usize, item: usize) -> ItemLocation {
        ItemLocation { category, item }
    }

    #[test]
    fn the_next_listed_row_takes_over_else_the_previous() {
        let rows = [at(0, 0), at(0, 2), at(1, 1)];
        assert_eq!(nearest_row(&rows, at(0, 1)), Some(at(0, 2)));
        assert_eq!(nearest_row(&rows, at(1, 0)), Some(at(1, 1)));
        assert_eq!(nearest_row(&rows, at(2, 0)), Some(at(1, 1)));
        assert_eq!(nearest_row(&[], at(0, 0)), None);
    }

    fn wb() -> Workbook {
        let mut wb = Workbook::new("P");
        let c = wb.add_category("Ops");
        for title in ["Runbooks", "Backups", "Pager"] {
            wb.add_item(c, title);
        }
        wb
    }

    fn said(old: &Workbook, new: &Workbook) -> String {
        describe(&diff(
            old,
            new,
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        ))
    }

    #[test]
    fn one_field_of_one_item_is_named_by_title_and_field() {
        let old = wb();
        let mut new = old.clone();
        new.categories[0].items[0].due = NaiveDate::from_ymd_opt(2026, 4, 1).map(Due::On);
        assert_eq!(said(&old, &new), "Runbooks — due date");
        assert_eq!(
            first_touched(&new, &diff(&old, &new, NaiveDate::MIN)),
            Some(at(0, 0))
        );
    }

    #[test]
    fn several_items_and_workbook_fields_are_counted_and_named() {
        let old = wb();
        let mut new = old.clone();
        new.launch = NaiveDate::from_ymd_opt(2026, 5, 1);
        for item in &mut new.categories[0].items {
            item.status = Status::InProgress;
        }
        assert_eq!(
            said(&old, &new),
            "launch date; 3 items (Runbooks, Backups, …)"
        );
        let mut removed = old.clone();
        removed.categories[0].items.remove(1);
        assert_eq!(said(&old, &removed), "Backups — removed from the list");
        assert_eq!(said(&removed, &old), "Backups — in the list again");
        let mut done = old.clone();
        done.categories[0].items[0].set_status(Status::Done, NaiveDate::MIN);
        assert_eq!(
            said(&old, &done),
            "Runbooks — status",
            "verified goes with it"
        );
    }
}
