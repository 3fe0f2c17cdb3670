//! Drawing the portfolio view (state in `portfolio`): a title line with
//! the counts and Rescan, the filter bar, and the table — one row per
//! workbook, the columns of `model::portfolio::Column`, a click on a
//! heading sorts, a click on a row opens the workbook. Rows are
//! virtualized, so a thousand workbooks draw as fast as ten.

use egui::{Align, Layout, RichText, Sense};
use egui_extras::TableBuilder;

use super::app::ShipshapeApp;
use super::command::Action;
use super::portfolio::{Portfolio, PortfolioFilter};
use super::style;
use super::text::clip;
use crate::model::portfolio::{Column, Row, Unreadable};
use crate::storage::FILE_SUFFIX;

const ROW_HEIGHT: f32 = 24.0;

impl ShipshapeApp {
    /// The portfolio in the central area.
    pub(super) fn portfolio_ui(&mut self, ui: &mut egui::Ui) {
        let Some(p) = &self.portfolio else { return };
        let queue = &mut self.queue;
        title_ui(ui, p, queue);
        filter_bar_ui(ui, p, queue);
        ui.separator();
        let Some(rows) = &p.rows else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("Reading {}…", p.folder.display()));
            });
            return;
        };
        if rows.is_empty() {
            ui.add_space(24.0);
            ui.vertical_centered(|ui| {
                ui.heading(format!("No *{FILE_SUFFIX} under {}", p.folder.display()));
                ui.weak("Files that .gitignore ignores and hidden folders are not searched.");
            });
            return;
        }
        let listed = p.listed();
        if listed.is_empty() {
            ui.add_space(24.0);
            ui.vertical_centered(|ui| {
                ui.label("No workbook matches the filters.");
                if ui.button("Clear filters").clicked() {
                    queue.push(Action::FilterPortfolio(PortfolioFilter::default()));
                }
            });
            return;
        }
        table_ui(ui, p, &listed, queue);
    }
}

/// "Portfolio: FOLDER", the counts, Rescan and the scanning spinner.
fn title_ui(ui: &mut egui::Ui, p: &Portfolio, queue: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!(
            "Portfolio: {}",
            clip(&p.folder.display().to_string())
        ));
        if let Some(rows) = &p.rows {
            let ready = rows.iter().filter(|r| r.ready()).count();
            let unreadable = rows.iter().filter(|r| r.state.is_err()).count();
            let demo = rows.len() - ready - unreadable;
            ui.label(format!(
                "{} workbooks as of {}: {ready} production-ready, {demo} demo-ready",
                rows.len(),
                p.as_of
            ));
            if unreadable > 0 {
                let dark = ui.visuals().dark_mode;
                ui.colored_label(style::red_text(dark), format!("{unreadable} unreadable"));
            }
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui
                .add_enabled(!p.is_scanning(), egui::Button::new("Rescan"))
                .on_hover_text("Read every workbook under the folder again")
                .clicked()
            {
                queue.push(Action::RescanPortfolio);
            }
            if p.is_scanning() {
                ui.spinner();
            }
        });
    });
}

/// Text, "not ready only" and owner; every change is queued.
fn filter_bar_ui(ui: &mut egui::Ui, p: &Portfolio, queue: &mut Vec<Action>) {
    let filter = &p.filter;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Filter");
        let mut text = filter.text.clone();
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("project or path")
                    .desired_width(190.0),
            )
            .labelled_by(l.id);
        if r.changed() {
            queue.push(Action::FilterPortfolio(PortfolioFilter {
                text,
                ..filter.clone()
            }));
        }
        let mut not_ready = filter.not_ready_only;
        if ui.checkbox(&mut not_ready, "Not ready only").changed() {
            queue.push(Action::FilterPortfolio(PortfolioFilter {
                not_ready_only: not_ready,
                ..filter.clone()
            }));
        }
        let mut owner = filter.owner.clone();
        let l = ui.label("Owes something");
        let combo = egui::ComboBox::from_id_salt("portfolio-owner")
            .selected_text(owner.as_deref().map_or_else(|| "Anyone".into(), clip))
            .width(140.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut owner, None, "Anyone");
                for name in &p.owners {
                    ui.selectable_value(&mut owner, Some(name.clone()), clip(name));
                }
            });
        combo.response.labelled_by(l.id);
        if owner != filter.owner {
            queue.push(Action::FilterPortfolio(PortfolioFilter {
                owner,
                ..filter.clone()
            }));
        }
        if filter.is_active() && ui.button("Clear filters").clicked() {
            queue.push(Action::FilterPortfolio(PortfolioFilter::default()));
        }
        let total = p.rows.as_ref().map_or(0, Vec::len);
        ui.weak(format!("{} of {total} workbooks", p.listed().len()));
    });
}

/// The width each column starts at; the path takes what is left.
fn width(column: Column) -> egui_extras::Column {
    use egui_extras::Column as C;
    match column {
        Column::Project => C::initial(170.0).at_least(80.0).clip(true).resizable(true),
        Column::Verdict => C::exact(128.0),
        Column::Red => C::exact(36.0),
        Column::Overdue | Column::Lapsing => C::exact(62.0),
        Column::Recheck => C::exact(68.0),
        Column::Launch => C::exact(120.0),
        Column::Review => C::exact(86.0),
        Column::Path => C::remainder().at_least(120.0).clip(true),
    }
}

fn table_ui(ui: &mut egui::Ui, p: &Portfolio, listed: &[&Row], queue: &mut Vec<Action>) {
    let dark = ui.visuals().dark_mode;
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    let mut table = TableBuilder::new(ui)
        .id_salt("portfolio")
        .striped(true)
        .sense(Sense::click())
        .cell_layout(Layout::left_to_right(Align::Center))
        .min_scrolled_height(0.0);
    for column in Column::ALL {
        table = table.column(width(column));
    }
    table
        .header(24.0, |mut header| {
            for column in Column::ALL {
                header.col(|ui| {
                    let arrow = match p.sort {
                        Some((c, false)) if c == column => " ▲",
                        Some((c, true)) if c == column => " ▼",
                        _ => "",
                    };
                    let text = RichText::new(format!("{}{arrow}", column.heading())).strong();
                    let button = egui::Button::new(text).frame(false);
                    let r = if column.numeric() {
                        ui.with_layout(Layout::right_to_left(Align::Center), |ui| ui.add(button))
                            .inner
                    } else {
                        ui.add(button)
                    }
                    .on_hover_text(format!(
                        "{} — click to sort (again: reverse, a third time: most urgent first)",
                        column.help()
                    ));
                    if r.clicked() {
                        queue.push(Action::SortPortfolio(column));
                    }
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, listed.len(), |mut table_row| {
                let row = listed[table_row.index()];
                let shown = row
                    .path
                    .strip_prefix(&p.folder)
                    .unwrap_or(&row.path)
                    .display()
                    .to_string();
                match &row.state {
                    Ok(s) => {
                        for column in Column::ALL {
                            table_row.col(|ui| {
                                let text = match column {
                                    Column::Path => shown.clone(),
                                    c => c.cell(s),
                                };
                                let mut rich = RichText::new(clip(&text));
                                if column == Column::Verdict {
                                    rich = rich.color(if s.ready {
                                        style::green_text(dark)
                                    } else {
                                        style::red_text(dark)
                                    });
                                } else if column.numeric() && text == "0" {
                                    rich = rich.weak();
                                }
                                cell_ui(ui, column, rich);
                            });
                        }
                    }
                    Err(e) => unreadable_row_ui(&mut table_row, &shown, e, dark),
                }
                let response = table_row.response();
                if response.clicked() {
                    queue.push(Action::OpenPath(row.path.clone()));
                }
                let hover = match &row.state {
                    Ok(s) => format!("{}: {}\n{} — click to open", s.project, s.headline, shown),
                    Err(e) => format!("{shown} cannot be read: {}", e.message),
                };
                response.on_hover_text(clip(&hover));
            });
        });
}

/// One cell's text: numbers right-aligned, text cut to the column.
fn cell_ui(ui: &mut egui::Ui, column: Column, text: RichText) {
    let label = egui::Label::new(text).truncate().selectable(false);
    if column.numeric() {
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.add(label);
        });
    } else {
        ui.add(label);
    }
}

/// A file that could not be read: why, where the project would be (it has
/// none), "unreadable", and the path with the line and column.
fn unreadable_row_ui(
    table_row: &mut egui_extras::TableRow<'_, '_>,
    shown: &str,
    e: &Unreadable,
    dark: bool,
) {
    for column in Column::ALL {
        table_row.col(|ui| {
            let text = match column {
                Column::Project => RichText::new(clip(&e.message)).color(style::red_text(dark)),
                Column::Verdict => RichText::new("unreadable").color(style::red_text(dark)),
                Column::Path => {
                    let at = e
                        .position
                        .map_or_else(String::new, |(l, c)| format!(":{l}:{c}"));
                    RichText::new(format!("{shown}{at}"))
                }
                _ => RichText::new(""),
            };
            cell_ui(ui, column, text);
        });
    }
}
