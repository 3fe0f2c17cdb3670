//! View → Review history: a panel under the table with the reviews on
//! record, what changed since the previous one, the items red at every
//! review ("still red a quarter later") and a small trend chart of red and
//! passing items per review (`egui_plot`). It reads
//! `model::review::history`; nothing here changes the workbook.

use egui::RichText;
use egui_plot::{GridMark, Line, Plot, PlotPoints, Points};

use super::app::ShipshapeApp;
use super::command::{Action, Command};
use super::style;
use super::text::clip;
use crate::model::Workbook;
use crate::model::review::history::{red_at_every_review, since_previous, trend};

/// Width of the "since the previous review" column.
const CHANGES_WIDTH: f32 = 240.0;

/// How many item titles a list shows before "and N more".
const MAX_LISTED: usize = 12;

impl ShipshapeApp {
    pub(super) fn review_history_ui(&mut self, ui: &mut egui::Ui) {
        let Some(doc) = &self.doc else { return };
        let wb = doc.workbook();
        let queue = &mut self.queue;
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.heading("Review history");
            if ui
                .small_button("✖")
                .on_hover_text("Close the review history")
                .clicked()
            {
                queue.push(Action::Run(Command::ReviewHistory));
            }
        });
        if wb.reviews.is_empty() {
            ui.weak("No reviews yet: Edit → Start review… records the first.");
            return;
        }
        // The list takes the width its rows need, the changes a fixed
        // column, the chart what is left.
        let height = ui.available_height();
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                egui::ScrollArea::vertical()
                    .id_salt("review-list")
                    .max_height(height)
                    .auto_shrink([true, false])
                    .show(ui, |ui| reviews_ui(ui, wb));
            });
            ui.separator();
            ui.vertical(|ui| {
                ui.set_width(CHANGES_WIDTH);
                egui::ScrollArea::vertical()
                    .id_salt("review-changes")
                    .max_height(height)
                    .auto_shrink([false, false])
                    .show(ui, |ui| changes_ui(ui, wb));
            });
            ui.separator();
            ui.vertical(|ui| trend_ui(ui, wb, height));
        });
    }
}

/// Each review on one line: its number, date, title, decision, red at start → at end.
fn reviews_ui(ui: &mut egui::Ui, wb: &Workbook) {
    ui.label(RichText::new(format!("Reviews ({})", wb.reviews.len())).strong());
    egui::Grid::new("review-rows")
        .num_columns(5)
        .striped(true)
        .show(ui, |ui| {
            for heading in ["#", "Date", "Review", "Decision", "Red"] {
                ui.weak(heading);
            }
            ui.end_row();
            for (n, r) in wb.reviews.iter().enumerate() {
                // The number `shipshape review show N` takes, and the
                // chart's x axis.
                ui.label((n + 1).to_string());
                ui.label(r.date.to_string());
                ui.label(clip(&r.title));
                match r.decision() {
                    Some(d) => ui.label(d.label()),
                    None => ui.label(RichText::new("open").strong()),
                };
                let after = r.after.as_ref().map_or("…".into(), |t| t.red.to_string());
                ui.label(format!("{} → {after}", r.before.red))
                    .on_hover_text(format!(
                        "{} changed during the review",
                        r.changes_in(wb).len()
                    ));
                ui.end_row();
            }
        });
}

/// Since the previous review, and the items red at every review.
fn changes_ui(ui: &mut egui::Ui, wb: &Workbook) {
    let dark = ui.visuals().dark_mode;
    let last = wb.reviews.len() - 1;
    match since_previous(&wb.reviews, last) {
        Some(s) => {
            ui.label(RichText::new(format!("Since “{}”", clip(&s.previous))).strong());
            let delta = match s.red_delta {
                0 => "red: no change".to_owned(),
                d if d < 0 => format!("red: {} fewer", -d),
                d => format!("red: {d} more"),
            };
            ui.label(delta);
            ids_ui(
                ui,
                wb,
                "Now passing",
                &s.now_passing,
                style::green_text(dark),
            );
            ids_ui(ui, wb, "Now red", &s.now_red, style::red_text(dark));
        }
        None => {
            ui.label(RichText::new("Since the previous review").strong());
            ui.weak("This is the first review.");
        }
    }
    ui.add_space(6.0);
    let still = red_at_every_review(&wb.reviews);
    ids_ui(ui, wb, "Red at every review", &still, style::red_text(dark));
}

/// A heading with a count and the items' titles (IDs of items since
/// removed), cut after [`MAX_LISTED`].
fn ids_ui(ui: &mut egui::Ui, wb: &Workbook, heading: &str, ids: &[String], color: egui::Color32) {
    ui.label(RichText::new(format!("{heading} ({})", ids.len())).color(color));
    for id in ids.iter().take(MAX_LISTED) {
        let title = wb.item(id).map_or(id.as_str(), |i| i.title.as_str());
        ui.label(format!("  {}", clip(title)))
            .on_hover_text(clip(id));
    }
    if ids.len() > MAX_LISTED {
        ui.weak(format!("  and {} more", ids.len() - MAX_LISTED));
    }
}

/// Red and passing items per review, review 1 on the left; the x axis
/// is the reviews' numbers (dates do not fit a narrow chart).
fn trend_ui(ui: &mut egui::Ui, wb: &Workbook, height: f32) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Trend").strong());
        ui.label(RichText::new("● red").color(style::red_text(dark)));
        ui.label(RichText::new("● passing").color(style::green_text(dark)));
    });
    let points = trend(&wb.reviews);
    let series = |value: fn(&crate::model::review::history::TrendPoint) -> usize| -> Vec<[f64; 2]> {
        points
            .iter()
            .enumerate()
            .map(|(n, p)| [(n + 1) as f64, value(p) as f64])
            .collect()
    };
    let (red, passing) = (series(|p| p.red), series(|p| p.passing));
    let count = points.len();
    let (red_color, green_color) = (style::red_text(dark), style::green_text(dark));
    Plot::new("review-trend")
        .height((height - 28.0).max(100.0))
        .width(ui.available_width().max(160.0))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_x(0.5)
        .include_x(points.len() as f64 + 0.5)
        // One mark per review: egui_plot's own spacing skips some, or
        // picks halves, when the chart is narrow.
        .x_grid_spacer(move |_| {
            (1..=count)
                .map(|n| GridMark {
                    value: n as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .x_axis_formatter(|mark, _| format!("{}", mark.value.round()))
        .show(ui, |plot| {
            plot.line(
                Line::new("red", PlotPoints::from(red.clone()))
                    .color(red_color)
                    .width(2.0),
            );
            plot.points(Points::new("red", red).color(red_color).radius(3.5));
            plot.line(
                Line::new("passing", PlotPoints::from(passing.clone()))
                    .color(green_color)
                    .width(2.0),
            );
            plot.points(
                Points::new("passing", passing)
                    .color(green_color)
                    .radius(3.5),
            );
        });
}
