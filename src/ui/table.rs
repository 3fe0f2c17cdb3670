//! The filter bar and the item table. Rows are virtualized: only the visible
//! ones are laid out, so 10,000 items draw as fast as 25.

use chrono::NaiveDate;
use egui::{Align, Color32, Layout, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use super::app::ShipshapeApp;
use super::command::{Action, Command};
use super::filter::OwnerFilter;
use super::style;
use super::text::clip;
use crate::model::{Item, Recheck, Status};

const ROW_HEIGHT: f32 = 28.0;
/// Wide enough for the bold "Mit." header, which the ✎ mark is not.
const MIT_WIDTH: f32 = 34.0;

impl ShipshapeApp {
    /// Search, owner, status and the toggles. Every change is queued: the
    /// toggles run their commands, so the menu and the bar agree.
    pub(super) fn filter_bar_ui(&mut self, ui: &mut egui::Ui) {
        let filter = &self.view.filter;
        let queue = &mut self.queue;
        let portfolio = self.portfolio.is_some();
        ui.horizontal_wrapped(|ui| {
            // The way back to the folder's table this workbook was opened from.
            if portfolio {
                let command = Command::ShowPortfolio;
                let r = ui
                    .button(format!("◀ {}", command.label()))
                    .on_hover_text(command.tooltip());
                if r.clicked() {
                    queue.push(Action::Run(command));
                }
            }
            let l = ui.label("Search");
            let mut text = filter.text.clone();
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .hint_text("Ctrl+F")
                        .desired_width(190.0),
                )
                .labelled_by(l.id);
            if self.view.focus_search {
                r.request_focus();
            }
            self.view.search_id = Some(r.id);
            if r.changed() {
                queue.push(Action::FilterText(text));
            }
            owner_filter_ui(ui, &filter.owner, &self.view.derived.known_owners, queue);
            status_filter_ui(ui, filter.status, queue);
            let toggles = [
                (
                    filter.overdue_only,
                    "Overdue only",
                    Command::ToggleOverdueOnly,
                ),
                (filter.red_only, "Red only", Command::ToggleRedOnly),
            ];
            for (mut on, label, command) in toggles {
                if ui.checkbox(&mut on, label).changed() {
                    queue.push(Action::Run(command));
                }
            }
            let d = &self.view.derived;
            // Only where the workbook uses re-checks, like the conflicts.
            if d.rechecked > 0 || filter.recheck_only {
                let text = format!("⟳ Re-check due ({})", d.recheck_due);
                let command = Command::ToggleRecheckOnly;
                let r = ui
                    .add(egui::Button::selectable(filter.recheck_only, text))
                    .on_hover_text(command.tooltip());
                if r.clicked() {
                    queue.push(Action::Run(command));
                }
            }
            let conflicts = d.conflicts;
            if conflicts > 0 || filter.conflicts_only {
                let dark = ui.visuals().dark_mode;
                let text = RichText::new(format!("Conflicts ({conflicts})"))
                    .color(style::red_text(dark))
                    .strong();
                let command = Command::ToggleConflictsOnly;
                let r = ui
                    .add(egui::Button::selectable(filter.conflicts_only, text))
                    .on_hover_text(command.tooltip());
                if r.clicked() {
                    queue.push(Action::Run(command));
                }
            }
            if filter.is_active() && ui.button("Clear filters").clicked() {
                queue.push(Action::Run(Command::ClearFilters));
            }
            let d = &self.view.derived;
            ui.weak(format!("{} of {} items", d.rows.len(), d.total));
        });
    }

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
        let in_view = (ui.available_height() - 22.0) / (ROW_HEIGHT + ui.spacing().item_spacing.y);
        self.view.rows_per_page = (in_view.floor() as usize).saturating_sub(1).max(1);
        let mut table = TableBuilder::new(ui)
            .id_salt("items")
            .striped(true)
            .sense(Sense::click())
            .cell_layout(Layout::left_to_right(Align::Center))
            .column(Column::exact(22.0))
            .column(Column::exact(118.0))
            .column(Column::remainder().at_least(140.0).clip(true))
            .column(
                Column::initial(110.0)
                    .at_least(60.0)
                    .clip(true)
                    .resizable(true),
            )
            .column(Column::exact(92.0))
            .column(Column::exact(MIT_WIDTH))
            .min_scrolled_height(0.0);
        if let Some(row) = scroll_to {
            table = table.scroll_to_row(row, None);
        }
        table
            .header(22.0, |mut header| {
                header.col(|ui| {
                    ui.weak("");
                });
                for title in ["Status", "Item", "Owner", "Due", "Mit."] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                    let loc = rows[row.index()];
                    let Some(item) = wb.item_at(loc) else {
                        return;
                    };
                    row.set_selected(selected == Some(loc));
                    let red = item.red_reason(today);
                    let recheck = item.recheck(today, launch);
                    item_row_ui(
                        &mut row,
                        item,
                        red.is_some(),
                        recheck,
                        (today, launch),
                        dark,
                    );
                    let response = row.response();
                    if response.clicked() {
                        self.queue.push(Action::Select(Some(item.id.clone())));
                    }
                    if let Some(reason) = red {
                        response.on_hover_text(format!("Red: {reason}"));
                    }
                });
            });
    }
}

/// The owner filter: anyone, nobody, or one of the people the workbook
/// knows.
fn owner_filter_ui(
    ui: &mut egui::Ui,
    owner: &OwnerFilter,
    known: &[String],
    queue: &mut Vec<Action>,
) {
    let owner_text = match owner {
        OwnerFilter::Anyone => "Anyone".to_owned(),
        OwnerFilter::Unassigned => "Unassigned".to_owned(),
        OwnerFilter::Named(n) => clip(n).into_owned(),
    };
    let mut picked = owner.clone();
    let l = ui.label("Owner");
    let combo = egui::ComboBox::from_id_salt("owner-filter")
        .selected_text(owner_text)
        .width(120.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut picked, OwnerFilter::Anyone, "Anyone");
            ui.selectable_value(&mut picked, OwnerFilter::Unassigned, "Unassigned");
            for name in known {
                ui.selectable_value(&mut picked, OwnerFilter::Named(name.clone()), clip(name));
            }
        });
    combo.response.labelled_by(l.id);
    if picked != *owner {
        queue.push(Action::FilterOwner(picked));
    }
}

/// The status filter: any status, or one.
fn status_filter_ui(ui: &mut egui::Ui, status: Option<Status>, queue: &mut Vec<Action>) {
    let mut picked = status;
    let l = ui.label("Status");
    let combo = egui::ComboBox::from_id_salt("status-filter")
        .selected_text(status.map_or("Any", Status::label))
        .width(110.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut picked, None, "Any");
            for s in Status::ALL {
                ui.selectable_value(&mut picked, Some(s), s.label());
            }
        });
    combo.response.labelled_by(l.id);
    if picked != status {
        queue.push(Action::FilterStatus(picked));
    }
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

/// One item's cells: red or passing, status, title (after "⟳ re-check"
/// when one is due), owner, due date and whether a mitigation is written.
fn item_row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    item: &Item,
    red: bool,
    recheck: Option<Recheck>,
    (today, launch): (NaiveDate, Option<NaiveDate>),
    dark: bool,
) {
    row.col(|ui| {
        if red {
            ui.label(RichText::new("●").color(style::red_text(dark)).strong());
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
        if let Some(recheck) = recheck {
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
    });
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
    row.col(|ui| {
        due_cell_ui(ui, item, (today, launch), dark);
    });
    row.col(|ui| {
        if item.has_mitigation() {
            ui.label("✎")
                .on_hover_text("A mitigation or reason is written");
        }
    });
}

/// The due date: the day, in italics when it follows the launch (the
/// relative form on hover); a relative due without a launch date shows
/// its form, dimmed.
fn due_cell_ui(
    ui: &mut egui::Ui,
    item: &Item,
    (today, launch): (NaiveDate, Option<NaiveDate>),
    dark: bool,
) {
    let Some(due) = item.due else {
        return;
    };
    let Some(date) = due.resolve(launch) else {
        ui.weak(due.to_string())
            .on_hover_text(format!("Due {due}, but there is no launch date"));
        return;
    };
    let mut text = RichText::new(date.to_string());
    let mut hover = Vec::new();
    if due.is_relative() {
        text = text.italics();
        hover.push(format!("Due {due}: follows the launch date"));
    }
    if item.is_overdue(today, launch) {
        text = text.color(style::red_text(dark)).strong();
        hover.push("Overdue and still red".to_owned());
    }
    let r = ui.label(text);
    if !hover.is_empty() {
        r.on_hover_text(hover.join("\n"));
    }
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
