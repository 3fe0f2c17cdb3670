//! The item table. Rows are virtualized: only the visible
//! ones are laid out, so 10,000 items draw as fast as 25.

use chrono::NaiveDate;
use egui::{Align, Color32, Layout, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use super::app::ShipshapeApp;
use super::command::{Action, Command};
use super::layout::{Columns, widths};
use super::style;
use super::text::clip;
use crate::model::{Item, Recheck};

const ROW_HEIGHT: f32 = 28.0;
/// The table's header row.
const HEADER_HEIGHT: f32 = 22.0;

/// The height the table's header and `rows` rows take, with `spacing`
/// (egui's vertical item spacing) between rows.
pub(super) fn table_height(rows: usize, spacing: f32) -> f32 {
    HEADER_HEIGHT + spacing + rows as f32 * (ROW_HEIGHT + spacing)
}

impl ShipshapeApp {
    /// The listed items, or why there are none.
    pub(super) fn table_ui(&mut self, ui: &mut egui::Ui) {
        let today = self.today();
        let Some(doc) = &self.doc else { return };
        let wb = doc.workbook();
        let launch = wb.launch;
        let rows = &self.view.derived.rows;
        let selected = self.view.selected.as_deref().and_then(|id| wb.locate(id));
        let dark = ui.visuals().dark_mode;
        if rows.is_empty() {
            no_rows_ui(ui, wb.item_count() == 0, &mut self.queue);
            return;
        }
        let scroll_to = if self.view.scroll_to_selected {
            selected.and_then(|l| rows.iter().position(|r| *r == l))
        } else {
            None
        };
        // egui's floating scroll bar is drawn over the content's right edge,
        // where the "Mit." column is; a solid one gets space of its own and
        // shows at once that the list goes on.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        // What PageDown moves by: the rows in view, less one kept in sight.
        let in_view =
            (ui.available_height() - HEADER_HEIGHT) / (ROW_HEIGHT + ui.spacing().item_spacing.y);
        self.view.rows_per_page = (in_view.floor() as usize).saturating_sub(1).max(1);
        let columns = Columns::for_width(ui.available_width());
        let nothing_focused = ui.memory(|m| m.focused().is_none());
        let mut table = items_table(ui, columns);
        // Keys that moved the selection move the keyboard to its row, so
        // a screen reader says the new row; unless a field or button
        // elsewhere has the keyboard.
        let focus_selected =
            self.view.scroll_to_selected && (self.view.row_focused || nothing_focused);
        let mut row_focused = false;
        if let Some(row) = scroll_to {
            table = table.scroll_to_row(row, None);
        }
        table
            .header(HEADER_HEIGHT, |header| header_ui(header, columns))
            .body(|body| {
                body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                    let loc = rows[row.index()];
                    let Some(item) = wb.item_at(loc) else {
                        return;
                    };
                    let is_selected = selected == Some(loc);
                    row.set_selected(is_selected);
                    let red = item.red_reason(today);
                    let look = RowLook {
                        red: red.is_some(),
                        recheck: item.recheck(today, launch),
                        selected: is_selected,
                        dark,
                        columns,
                    };
                    let row_widget = item_row_ui(&mut row, item, &look, (today, launch));
                    if let Some(r) = &row_widget {
                        let name = row_name(item, red.as_ref(), &look, (today, launch));
                        super::a11y::row(r, &name, is_selected);
                        row_focused |= row_keyboard(r, is_selected && focus_selected);
                    }
                    let response = row.response();
                    // A click, or Enter / Space on the focused row, selects
                    // it (and opens the editor sheet where there is one).
                    if response.clicked()
                        || row_widget.as_ref().is_some_and(egui::Response::clicked)
                    {
                        self.queue.push(Action::Select(Some(item.id.clone())));
                        self.queue.push(Action::Run(Command::OpenEditor));
                    }
                    if let Some(reason) = red {
                        // The title cell's row widget is on top of its cell.
                        let why = format!("Red: {reason}");
                        if let Some(r) = row_widget {
                            r.on_hover_text(why.as_str());
                        }
                        response.on_hover_text(why);
                    }
                });
            });
        self.view.row_focused = row_focused;
    }
}

/// The table with the columns that fit.
fn items_table(ui: &mut egui::Ui, columns: Columns) -> TableBuilder<'_> {
    let mut table = TableBuilder::new(ui)
        .id_salt("items")
        .striped(true)
        // Cells take clicks but not the keyboard: Tab reaches the rows
        // (one focusable widget each, in the title cell), not a run of
        // unnamed cells.
        .sense(Sense::CLICK)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::exact(widths::MARK))
        .column(Column::exact(widths::STATUS))
        .column(Column::remainder().at_least(widths::MIN_TITLE).clip(true));
    if columns.owner {
        // Not resizable: egui_extras' resize handle is an unnamed Tab
        // stop, heard as "unknown" by a screen reader.
        table = table.column(Column::exact(widths::OWNER).clip(true));
    }
    if columns.due {
        table = table.column(Column::exact(widths::DUE));
    }
    if columns.mitigation {
        table = table.column(Column::exact(widths::MITIGATION));
    }
    table.min_scrolled_height(0.0)
}

/// The column headings of the columns shown.
fn header_ui(mut header: egui_extras::TableRow<'_, '_>, columns: Columns) {
    header.col(|ui| {
        ui.weak("");
    });
    let titles = [
        ("Status", true),
        ("Item", true),
        ("Owner", columns.owner),
        ("Due", columns.due),
        ("Mit.", columns.mitigation),
    ];
    for (title, _) in titles.iter().filter(|(_, shown)| *shown) {
        header.col(|ui| {
            ui.strong(*title);
        });
    }
}

/// The keyboard on a row's widget: takes it when `take` (the keys moved
/// the selection here), and while it has it, ↑/↓ are the table's (they
/// move the selection) rather than egui's focus moves. Returns whether
/// the row has the keyboard.
fn row_keyboard(r: &egui::Response, take: bool) -> bool {
    if take {
        // The arrow key that moved the selection must not also move
        // egui's focus past this row.
        r.ctx.memory_mut(|m| {
            m.request_focus(r.id);
            m.move_focus(egui::FocusDirection::None);
        });
    }
    if !r.has_focus() {
        return false;
    }
    let keys = egui::EventFilter {
        vertical_arrows: true,
        ..Default::default()
    };
    r.ctx.memory_mut(|m| m.set_focus_lock_filter(r.id, keys));
    true
}

/// An empty table: an empty workbook offers to add an item, filters that
/// hide everything offer to clear them.
fn no_rows_ui(ui: &mut egui::Ui, no_items: bool, queue: &mut Vec<Action>) {
    ui.add_space(20.0);
    ui.vertical_centered(|ui| {
        if no_items {
            ui.label("This workbook has no items yet.");
            if ui.button("Add an item…").clicked() {
                queue.push(Action::Run(Command::AddItem));
            }
        } else {
            ui.label("No item matches the filters.");
            if ui.button("Clear filters").clicked() {
                queue.push(Action::Run(Command::ClearFilters));
            }
        }
    });
}

/// How a row is drawn, beside its item.
struct RowLook {
    red: bool,
    recheck: Option<Recheck>,
    /// On the selection's fill, red text does not read: warnings take the
    /// selection's own text colour there (their icon and word remain).
    selected: bool,
    dark: bool,
    columns: Columns,
}

impl RowLook {
    fn warning_color(&self, ui: &egui::Ui) -> Color32 {
        if self.selected {
            ui.visuals().selection.stroke.color
        } else {
            style::red_text(self.dark)
        }
    }
}

/// One item's cells: red or passing, status, title (after "⟳ re-check"
/// when one is due), and as the width allows owner, due date and whether a
/// mitigation is written.
/// Returns the row's one focusable widget, over the title cell.
fn item_row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    item: &Item,
    look: &RowLook,
    (today, launch): (NaiveDate, Option<NaiveDate>),
) -> Option<egui::Response> {
    let mut row_widget = None;
    let dark = look.dark;
    row.col(|ui| {
        if look.red {
            ui.label(RichText::new("●").color(look.warning_color(ui)).strong());
        } else {
            ui.label(RichText::new("✔").color(style::green_text(dark)));
        }
    });
    row.col(|ui| {
        egui::Frame::new()
            .fill(style::status_fill(item.status))
            .corner_radius(8.0)
            .inner_margin(egui::Margin::symmetric(6, 1))
            .show(ui, |ui| {
                ui.label(
                    RichText::new(item.status.label())
                        .small()
                        .color(Color32::WHITE),
                );
            });
    });
    row.col(|ui| {
        if let Some(recheck) = look.recheck {
            recheck_tag_ui(ui, recheck, dark);
        }
        if !item.reworded.is_empty() {
            ui.add(
                egui::Label::new(
                    RichText::new("✎ reworded")
                        .small()
                        .strong()
                        .color(style::amber_text(dark)),
                )
                .selectable(false),
            )
            .on_hover_text("The checklist's wording changed: confirm the item in the editor");
        }
        ui.add(
            egui::Label::new(clip(&item.title))
                .truncate()
                .selectable(false),
        );
        let id = egui::Id::unique(("item-row", item.id.as_str()));
        row_widget = Some(ui.interact(ui.max_rect(), id, Sense::click()));
    });
    if look.columns.owner {
        row.col(|ui| {
            if item.owner.trim().is_empty() {
                ui.weak("unassigned");
            } else {
                ui.add(
                    egui::Label::new(clip(&item.owner))
                        .truncate()
                        .selectable(false),
                );
            }
        });
    }
    if look.columns.due {
        row.col(|ui| {
            due_cell_ui(ui, item, (today, launch), look);
        });
    }
    if look.columns.mitigation {
        row.col(|ui| {
            if item.has_mitigation() {
                ui.label("✎")
                    .on_hover_text("A mitigation or reason is written");
            }
        });
    }
    row_widget
}

/// The due date: the day, in italics when it follows the launch (the
/// relative form on hover); a relative due without a launch date shows
/// its form, dimmed. An overdue one says so in words with an icon,
/// "⚠ overdue 12 d", not by colour alone (issue 13: red on the selected
/// row's blue, or to a deuteranope, did not read); the day is on hover.
fn due_cell_ui(
    ui: &mut egui::Ui,
    item: &Item,
    (today, launch): (NaiveDate, Option<NaiveDate>),
    look: &RowLook,
) {
    let Some(due) = item.due else {
        return;
    };
    let Some(date) = due.resolve(launch) else {
        ui.weak(due.to_string())
            .on_hover_text(format!("Due {due}, but there is no launch date"));
        return;
    };
    let mut hover = vec![format!("Due {date}")];
    if due.is_relative() {
        hover.push(format!("{due}: follows the launch date"));
    }
    let text = if item.is_overdue(today, launch) {
        hover.push("Overdue and still red".to_owned());
        RichText::new(overdue_words(date, today))
            .color(look.warning_color(ui))
            .strong()
    } else {
        RichText::new(date.to_string())
    };
    let text = if due.is_relative() {
        text.italics()
    } else {
        text
    };
    ui.add(egui::Label::new(text).truncate().selectable(false))
        .on_hover_text(hover.join("\n"));
}

/// What a screen reader says for a row: title, status, owner, the due
/// date's state and whether it passes — what a sighted user reads across.
fn row_name(
    item: &Item,
    red: Option<&crate::model::RedReason>,
    look: &RowLook,
    (today, launch): (NaiveDate, Option<NaiveDate>),
) -> String {
    let mut parts = vec![
        clip(&item.title).into_owned(),
        item.status.label().to_owned(),
    ];
    parts.push(match item.owner.trim() {
        "" => "unassigned".to_owned(),
        owner => format!("owner {}", clip(owner)),
    });
    if let Some(date) = item.due.and_then(|d| d.resolve(launch)) {
        if item.is_overdue(today, launch) {
            parts.push(
                overdue_words(date, today)
                    .replace('⚠', "")
                    .trim()
                    .to_owned(),
            );
        } else {
            parts.push(format!("due {date}"));
        }
    }
    if look.recheck.is_some() {
        parts.push("re-check due".to_owned());
    }
    parts.push(match red {
        Some(reason) => format!("red: {reason}"),
        None => "passes".to_owned(),
    });
    parts.join(", ")
}

/// "⚠ overdue 12 d": the days since an overdue item's due date.
fn overdue_words(due: NaiveDate, today: NaiveDate) -> String {
    format!("⚠ overdue {} d", (today - due).num_days())
}

/// "⟳ re-check" before the title: red when overdue, amber when due soon,
/// and the word says it either way.
fn recheck_tag_ui(ui: &mut egui::Ui, recheck: Recheck, dark: bool) {
    let (color, hover) = match recheck {
        Recheck::Overdue { .. } => (style::red_text(dark), "Re-check overdue".to_owned()),
        Recheck::DueSoon { due, .. } => (style::amber_text(dark), format!("Re-check due by {due}")),
    };
    ui.add(
        egui::Label::new(RichText::new("⟳ re-check").small().strong().color(color))
            .selectable(false),
    )
    .on_hover_text(hover);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_words_count_the_days_since_the_due_date() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            overdue_words(d("2026-02-19"), d("2026-03-01")),
            "⚠ overdue 10 d"
        );
        assert_eq!(
            overdue_words(d("2026-02-28"), d("2026-03-01")),
            "⚠ overdue 1 d"
        );
    }

    #[test]
    fn the_table_height_counts_the_header_and_each_row_with_its_spacing() {
        assert_eq!(table_height(0, 4.0), HEADER_HEIGHT + 4.0);
        assert_eq!(table_height(3, 4.0), HEADER_HEIGHT + 4.0 + 3.0 * 32.0);
    }
}
