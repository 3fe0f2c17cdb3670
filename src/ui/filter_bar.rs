//! The filter bar above the item table: search, owner, status, category
//! (a drop-down where the window has no category panel) and the toggles.
//! Every change is queued: the toggles run their commands, so the menu
//! and the bar agree.

use egui::RichText;

use super::app::ShipshapeApp;
use super::command::{Action, Command};
use super::filter::OwnerFilter;
use super::layout::Categories;
use super::style;
use super::text::clip;
use crate::model::Status;

impl ShipshapeApp {
    /// Search, owner, status and the toggles. Every change is queued: the
    /// toggles run their commands, so the menu and the bar agree.
    pub(super) fn filter_bar_ui(&mut self, ui: &mut egui::Ui) {
        if self.view.layout.categories == Categories::DropDown {
            self.compact_filter_bar_ui(ui);
            return;
        }
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
            self.view.search_id = Some(search_ui(ui, filter, self.view.focus_search, 190.0, queue));
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
}

impl ShipshapeApp {
    /// The filter bar of a narrow window, where the categories have no
    /// side panel: search, the category drop-down, and the other filters
    /// in one menu, so the bar takes one or two lines, not five.
    fn compact_filter_bar_ui(&mut self, ui: &mut egui::Ui) {
        let Some(doc) = &self.doc else { return };
        let wb = doc.workbook();
        let filter = &self.view.filter;
        let d = &self.view.derived;
        let queue = &mut self.queue;
        ui.horizontal_wrapped(|ui| {
            self.view.search_id = Some(search_ui(ui, filter, self.view.focus_search, 120.0, queue));
            let shown = RichText::new(format!("{} of {}", d.rows.len(), d.total)).weak();
            ui.add(egui::Label::new(shown).wrap_mode(egui::TextWrapMode::Extend));
            category_filter_ui(ui, wb, filter.category, d, queue);
            more_filters_ui(ui, filter, d, queue);
        });
    }
}

/// The search field; returns its ID (typing there may move the selection).
fn search_ui(
    ui: &mut egui::Ui,
    filter: &super::filter::Filter,
    focus: bool,
    width: f32,
    queue: &mut Vec<Action>,
) -> egui::Id {
    // Label and field wrap together.
    ui.horizontal(|ui| {
        let l = ui.label("Search");
        let mut text = filter.text.clone();
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("Ctrl+F")
                    .desired_width(width),
            )
            .labelled_by(l.id);
        if focus {
            r.request_focus();
        }
        if r.changed() {
            queue.push(Action::FilterText(text));
        }
        r.id
    })
    .inner
}

/// The categories as a drop-down, each with its red count, for windows
/// too narrow for the side panel.
fn category_filter_ui(
    ui: &mut egui::Ui,
    wb: &crate::model::Workbook,
    category: Option<usize>,
    d: &super::view::Derived,
    queue: &mut Vec<Action>,
) {
    let name = |index: usize| {
        let name = wb.categories.get(index).map_or("", |c| c.name.as_str());
        match d.categories.get(index) {
            Some((_, red, _)) if *red > 0 => format!("{} · {red} red", clip(name)),
            Some((_, _, total)) => format!("{} · ✔ {total}", clip(name)),
            None => clip(name).into_owned(),
        }
    };
    let all = format!("All items · {}/{}", d.total - d.red, d.total);
    let selected = category.map_or_else(|| all.clone(), name);
    let mut picked = category;
    // A group does not wrap by itself in a wrapping row: break before it.
    if ui.max_rect().right() - ui.cursor().min.x < 240.0 {
        ui.end_row();
    }
    ui.horizontal(|ui| {
        let l = ui.label("Category");
        let combo = egui::ComboBox::from_id_salt("category-filter")
            .selected_text(selected)
            .width(150.0)
            .truncate()
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut picked, None, all);
                for index in 0..wb.categories.len() {
                    ui.selectable_value(&mut picked, Some(index), name(index));
                }
            });
        combo.response.labelled_by(l.id);
    });
    if picked != category {
        queue.push(Action::SelectCategory(picked));
    }
}

/// "Filters (2)": owner, status and the toggles in one menu.
fn more_filters_ui(
    ui: &mut egui::Ui,
    filter: &super::filter::Filter,
    d: &super::view::Derived,
    queue: &mut Vec<Action>,
) {
    let active = [
        filter.owner != OwnerFilter::Anyone,
        filter.status.is_some(),
        filter.overdue_only,
        filter.red_only,
        filter.recheck_only,
        filter.conflicts_only,
    ]
    .iter()
    .filter(|on| **on)
    .count();
    let title = if active > 0 {
        format!("Filters ({active}) ▾")
    } else {
        "Filters ▾".to_owned()
    };
    ui.menu_button(title, |ui| {
        let toggles = [
            (filter.red_only, Command::ToggleRedOnly),
            (filter.overdue_only, Command::ToggleOverdueOnly),
            (filter.recheck_only, Command::ToggleRecheckOnly),
            (filter.conflicts_only, Command::ToggleConflictsOnly),
        ];
        for (on, command) in toggles {
            let hidden = match command {
                Command::ToggleRecheckOnly => d.rechecked == 0,
                Command::ToggleConflictsOnly => d.conflicts == 0,
                _ => false,
            };
            if (hidden && !on)
                || !ui
                    .add(egui::Button::selectable(on, command.label()))
                    .clicked()
            {
                continue;
            }
            queue.push(Action::Run(command));
        }
        ui.separator();
        owner_filter_ui(ui, &filter.owner, &d.known_owners, queue);
        status_filter_ui(ui, filter.status, queue);
        if filter.is_active() {
            ui.separator();
            if ui.button("Clear filters").clicked() {
                queue.push(Action::Run(Command::ClearFilters));
                ui.close();
            }
        }
    });
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
