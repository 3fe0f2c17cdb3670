//! The header (project, dates, the verdict banner, status counts, category
//! progress) and the category side panel.

use chrono::NaiveDate;
use egui::{Align, Button, Color32, Frame, Layout, RichText, Sense};

use super::app::ShipshapeApp;
use super::command::{Action, Command};
use super::layout::Header;
use super::style;
use super::text::{self, LongText, clip, clip_to};
use super::view::Derived;
use crate::model::{Status, Workbook, WorkbookField};

/// Category bars in the header (two rows of 30 at most); more go to the
/// side panel only.
const MAX_BARS: usize = 60;

/// Width the verdict banner keeps beside the project name, its dates and
/// counts (its headline at 30 points).
const BANNER_ROOM: f32 = 460.0;

/// "T-23 days", "launch day", "launched 3 days ago".
pub fn countdown(launch: NaiveDate, today: NaiveDate) -> String {
    let days = (launch - today).num_days();
    match days {
        1 => "T-1 day".to_owned(),
        d if d > 1 => format!("T-{d} days"),
        0 => "launch day".to_owned(),
        -1 => "launched yesterday".to_owned(),
        d => format!("launched {} days ago", -d),
    }
}

impl ShipshapeApp {
    pub(super) fn header_ui(&mut self, ui: &mut egui::Ui) {
        let today = self.today();
        let Some(doc) = &self.doc else { return };
        let wb = doc.workbook();
        let d = &self.view.derived;
        let filter = &self.view.filter;
        let queue = &mut self.queue;
        match self.view.layout.header {
            Header::Full => {}
            Header::Compact => return compact_header_ui(ui, wb, d, (today, filter), queue),
            Header::Minimal => {
                ui.add_space(2.0);
                let banner = Banner::new(d, filter.red_only, 18.0);
                return verdict_banner_ui(
                    ui,
                    Banner {
                        details: false,
                        ..banner
                    },
                    queue,
                );
            }
        }
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                // Room for the banner: a long project name is cut instead
                // of pushing it out of the window.
                let width = ui.available_width();
                ui.set_max_width((width - BANNER_ROOM).max(width / 2.0));
                project_line_ui(ui, &wb.project, queue);
                ui.horizontal_wrapped(|ui| dates_line_ui(ui, wb, today, queue));
                ui.add_space(2.0);
                ui.horizontal_wrapped(|ui| counts_ui(ui, d, filter.status, queue));
            });
            ui.with_layout(Layout::right_to_left(Align::Min), |ui| {
                self_verdict_banner(
                    ui,
                    d.ready,
                    &d.headline,
                    d.total - d.red,
                    d.total,
                    queue,
                    filter.red_only,
                );
            });
        });
        ui.add_space(4.0);
        // The project name is shown cut above; the description nowhere.
        for field in [WorkbookField::Project, WorkbookField::Description] {
            let text = field.text(wb).unwrap_or_default();
            if text::too_long(text) {
                text::too_long_line_ui(ui, &LongText::Workbook(field), text, queue);
            }
        }
        category_bars_ui(ui, wb, &d.categories);
        // The workbook's own conflicts, each resolvable here; the items'
        // are in the editor, found with the "Conflicts" filter.
        for c in &wb.conflicts {
            super::conflicts::conflict_ui(ui, wb, "", c, queue);
        }
        warnings_line_ui(ui, &d.warnings);
        ui.add_space(2.0);
    }

    pub(super) fn sidebar_ui(&mut self, ui: &mut egui::Ui) {
        let Some(doc) = &self.doc else { return };
        let wb = doc.workbook();
        let d = &self.view.derived;
        let dark = ui.visuals().dark_mode;
        ui.add_space(6.0);
        ui.label(RichText::new("Categories").strong());
        ui.add_space(2.0);
        let width = ui.available_width();
        let all = self.view.filter.category.is_none();
        let total = format!("{}/{}", d.total - d.red, d.total);
        let b = Button::selectable(all, "All items")
            .right_text(total)
            .min_size(egui::vec2(width, 26.0));
        if ui.add(b).clicked() {
            self.queue.push(Action::SelectCategory(None));
        }
        egui::Panel::bottom("category-actions")
            .show_separator_line(false)
            .frame(Frame::NONE)
            .show(ui, |ui| {
                ui.add_space(6.0);
                if ui.button("+ Add category…").clicked() {
                    self.queue.push(Action::Run(Command::AddCategory));
                }
                ui.add_space(4.0);
            });
        // Virtualized: a workbook may have hundreds of categories.
        let row_height = 26.0 + ui.spacing().item_spacing.y;
        egui::ScrollArea::vertical()
            .id_salt("categories")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, wb.categories.len(), |ui, range| {
                for index in range {
                    let (Some(cat), Some((pass, red, total))) =
                        (wb.categories.get(index), d.categories.get(index))
                    else {
                        continue;
                    };
                    let selected = self.view.filter.category == Some(index);
                    // Short, so names stay readable; pass/total is in the
                    // header bars and the tooltip.
                    let counts = if *red > 0 {
                        RichText::new(format!("{red} red")).color(style::red_text(dark))
                    } else {
                        RichText::new(format!("✔ {total}")).color(style::green_text(dark))
                    };
                    let name = clip(&cat.name);
                    let b = Button::selectable(selected, name.as_ref())
                        .right_text(counts)
                        .truncate()
                        .min_size(egui::vec2(width, 26.0));
                    let r = ui
                        .add(b)
                        .on_hover_text(format!("{name}: {pass} of {total} pass, {red} red"));
                    if r.clicked() {
                        self.queue.push(Action::SelectCategory(if selected {
                            None
                        } else {
                            Some(index)
                        }));
                    }
                    r.context_menu(|ui| {
                        if ui.button("Rename category…").clicked() {
                            self.queue.push(Action::AskRenameCategory(index));
                            ui.close();
                        }
                        if ui.button("Add item here…").clicked() {
                            self.queue.push(Action::AskAddItem(index));
                            ui.close();
                        }
                    });
                }
            });
    }
}

/// The header of a small window (a projector at 150 %): the verdict
/// across the whole width, where its words always fit (issue 13: one
/// letter per line in a 60-point strip), then the project and its dates,
/// the status counts on one line that scrolls, and the warnings line. No
/// category bars: the filter bar's category drop-down has the counts. Its
/// height depends on the width only, never on what is overdue or warned.
fn compact_header_ui(
    ui: &mut egui::Ui,
    wb: &Workbook,
    d: &Derived,
    (today, filter): (NaiveDate, &super::filter::Filter),
    queue: &mut Vec<Action>,
) {
    ui.add_space(4.0);
    verdict_banner_ui(ui, Banner::new(d, filter.red_only, 22.0), queue);
    ui.add_space(2.0);
    egui::ScrollArea::horizontal()
        .id_salt("header-line")
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let name = if wb.project.trim().is_empty() {
                    "Untitled project".into()
                } else {
                    clip_to(&wb.project, 40)
                };
                ui.label(
                    RichText::new(name.as_ref())
                        .font(egui::FontId::new(17.0, style::bold()))
                        .color(ui.visuals().strong_text_color()),
                );
                let edit = Command::EditWorkbook;
                if ui.small_button("✎").on_hover_text(edit.label()).clicked() {
                    queue.push(Action::Run(edit));
                }
                ui.separator();
                dates_line_ui(ui, wb, today, queue);
            });
        });
    egui::ScrollArea::horizontal()
        .id_salt("header-counts")
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
        .show(ui, |ui| {
            ui.horizontal(|ui| counts_ui(ui, d, filter.status, queue));
        });
    for c in &wb.conflicts {
        super::conflicts::conflict_ui(ui, wb, "", c, queue);
    }
    warnings_line_ui(ui, &d.warnings);
    ui.add_space(2.0);
}

/// The verdict's warnings on one line of fixed height, empty or not, so a
/// warning appearing never pushes the table down (issue 13): the first
/// one, cut to fit, and every one in a menu when there are more.
fn warnings_line_ui(ui: &mut egui::Ui, warnings: &[String]) {
    let amber = style::amber_text(ui.visuals().dark_mode);
    let size = egui::vec2(ui.available_width(), ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(size, Layout::right_to_left(Align::Center), |ui| {
        ui.set_min_size(size);
        let Some(first) = warnings.first() else {
            return;
        };
        if warnings.len() > 1 {
            ui.menu_button(format!("All {} warnings", warnings.len()), |ui| {
                for w in warnings {
                    ui.label(RichText::new(format!("⚠ {}", clip(w))).color(amber));
                }
            });
        }
        ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
            ui.add(
                egui::Label::new(RichText::new(format!("⚠ {}", clip(first))).color(amber))
                    .truncate(),
            );
        });
    });
}

/// The project's name, with the pencil that edits it and the dates.
fn project_line_ui(ui: &mut egui::Ui, project: &str, queue: &mut Vec<Action>) {
    let project = if project.trim().is_empty() {
        "Untitled project".into()
    } else {
        clip(project)
    };
    ui.horizontal(|ui| {
        // Room for the pencil after a name cut to fit.
        ui.scope(|ui| {
            ui.set_max_width(ui.available_width() - 40.0);
            ui.add(
                egui::Label::new(
                    RichText::new(project.as_ref())
                        .font(egui::FontId::new(26.0, style::bold()))
                        .color(ui.visuals().strong_text_color()),
                )
                .truncate(),
            );
        });
        let edit = Command::EditWorkbook;
        if ui.small_button("✎").on_hover_text(edit.label()).clicked() {
            queue.push(Action::Run(edit));
        }
    });
}

/// Launch date and countdown, review date, and the date judged as of. The
/// launch date is a date field: a new one moves the launch and the due
/// dates relative to it (clearing it leaves them without a day).
fn dates_line_ui(ui: &mut egui::Ui, wb: &Workbook, today: NaiveDate, queue: &mut Vec<Action>) {
    let l = ui.label("Launch");
    let launch = super::dates::optional_date_ui(
        ui,
        "header-launch",
        wb.launch,
        (today, wb.launch),
        Some(l.id),
    );
    if let Some(date) = launch
        && date != wb.launch
    {
        queue.push(Action::SetLaunch(date));
    }
    if let Some(launch) = wb.launch {
        let c = countdown(launch, today);
        let color = if launch < today {
            ui.visuals().weak_text_color()
        } else {
            ui.visuals().strong_text_color()
        };
        ui.label(RichText::new(c).strong().color(color));
    }
    if let Some(open) = wb.open_review() {
        // The meeting under way, and the way out of it.
        ui.separator();
        let dark = ui.visuals().dark_mode;
        ui.label(
            RichText::new(format!("● Review open: {}", clip_to(&open.title, 40)))
                .strong()
                .color(style::red_text(dark)),
        )
        .on_hover_text(format!(
            "Started {} with {} red; End review… signs it off",
            open.date, open.before.red
        ));
        if ui
            .button(Command::EndReview.label())
            .on_hover_text(Command::EndReview.tooltip())
            .clicked()
        {
            queue.push(Action::Run(Command::EndReview));
        }
    } else if let Some(review) = wb.review_date() {
        ui.separator();
        ui.label(format!("Review {review}"));
    }
    ui.separator();
    ui.weak(format!("as of {today}"));
}

/// One chip per status, the overdue count and the re-checks due, each
/// filtering the table.
fn counts_ui(ui: &mut egui::Ui, d: &Derived, status: Option<Status>, queue: &mut Vec<Action>) {
    let dark = ui.visuals().dark_mode;
    for s in Status::ALL {
        let active = status == Some(s);
        if status_chip(ui, s, d.counts[s.index()], active).clicked() {
            queue.push(Action::FilterStatus((!active).then_some(s)));
        }
    }
    if d.overdue > 0 {
        let text = RichText::new(format!("⚠ {} overdue", d.overdue))
            .color(style::red_text(dark))
            .strong();
        let r = ui
            .add(egui::Button::new(text).frame(false))
            .on_hover_text(Command::ToggleOverdueOnly.label());
        if r.clicked() {
            queue.push(Action::Run(Command::ToggleOverdueOnly));
        }
    }
    if d.recheck_due > 0 {
        let text = RichText::new(format!("⟳ {} re-check due", d.recheck_due))
            .color(style::amber_text(dark))
            .strong();
        let command = Command::ToggleRecheckOnly;
        let r = ui
            .add(egui::Button::new(text).frame(false))
            .on_hover_text(command.tooltip());
        if r.clicked() {
            queue.push(Action::Run(command));
        }
    }
}

/// One bar per category, wrapped onto two rows when one is not enough,
/// and beyond that scrolled sideways with a scroll bar always drawn, so no
/// category is ever hidden without a sign (issue 13: 20 categories showed
/// 8). Past [`MAX_BARS`] the side panel lists the rest.
fn category_bars_ui(ui: &mut egui::Ui, wb: &Workbook, progress: &[(usize, usize, usize)]) {
    const MIN_WIDTH: f32 = 110.0;
    const MAX_WIDTH: f32 = 150.0;
    let bars: Vec<_> = wb.categories.iter().zip(progress).take(MAX_BARS).collect();
    if bars.is_empty() {
        return;
    }
    let gap = ui.spacing().item_spacing.x;
    let width = ui.available_width();
    let rows = if bars.len() as f32 * (MIN_WIDTH + gap) <= width {
        1
    } else {
        2
    };
    let columns = bars.len().div_ceil(rows);
    let bar_width = (width / columns as f32 - gap).clamp(MIN_WIDTH, MAX_WIDTH);
    let scrolls = columns as f32 * (bar_width + gap) > width + 1.0;
    let visibility = if scrolls {
        egui::scroll_area::ScrollBarVisibility::AlwaysVisible
    } else {
        egui::scroll_area::ScrollBarVisibility::AlwaysHidden
    };
    egui::ScrollArea::horizontal()
        .id_salt("category-bars")
        .scroll_bar_visibility(visibility)
        .show(ui, |ui| {
            egui::Grid::new("category-bars-grid")
                .spacing([gap, 4.0])
                .show(ui, |ui| {
                    for row in bars.chunks(columns) {
                        for (cat, (pass, red, total)) in row {
                            ui.vertical(|ui| {
                                ui.set_width(bar_width);
                                let text = format!("{} {pass}/{total}", clip(&cat.name));
                                ui.add(egui::Label::new(RichText::new(text).small()).truncate());
                                pass_bar_ui(ui, *pass, *red, *total);
                            });
                        }
                        ui.end_row();
                    }
                });
            if wb.categories.len() > MAX_BARS {
                ui.weak(format!(
                    "and {} more categories (side panel)",
                    wb.categories.len() - MAX_BARS
                ));
            }
        });
}

/// What the verdict banner shows.
struct Banner<'a> {
    headline_size: f32,
    ready: bool,
    headline: &'a str,
    passing: usize,
    total: usize,
    red_only: bool,
    /// The pass count and the red-only button after the headline.
    details: bool,
}

impl<'a> Banner<'a> {
    fn new(d: &'a Derived, red_only: bool, headline_size: f32) -> Self {
        Self {
            headline_size,
            ready: d.ready,
            headline: &d.headline,
            passing: d.total - d.red,
            total: d.total,
            red_only,
            details: true,
        }
    }
}

/// The verdict in white on green or red, with "✔"/"✖" so it does not rest
/// on colour; the headline wraps between words when it must.
fn verdict_banner_ui(ui: &mut egui::Ui, b: Banner<'_>, queue: &mut Vec<Action>) {
    let fill = if b.ready { style::GREEN } else { style::RED };
    Frame::new()
        .fill(fill)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(14, 6))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let mark = if b.ready { "✔ " } else { "✖ " };
                let r = ui.label(
                    RichText::new(format!("{mark}{}", b.headline))
                        .font(egui::FontId::new(b.headline_size, style::bold()))
                        .color(Color32::WHITE),
                );
                super::a11y::live(&r);
                if !b.details {
                    return;
                }
                ui.label(
                    RichText::new(format!("{} of {} items pass", b.passing, b.total))
                        .color(Color32::WHITE),
                );
                if !b.ready && b.total > 0 {
                    let text = if b.red_only {
                        "Show all items"
                    } else {
                        "Show red items"
                    };
                    if ui.button(text).clicked() {
                        queue.push(Action::Run(Command::ToggleRedOnly));
                    }
                }
            });
        });
}

fn self_verdict_banner(
    ui: &mut egui::Ui,
    ready: bool,
    headline: &str,
    passing: usize,
    total: usize,
    queue: &mut Vec<Action>,
    red_only: bool,
) {
    let fill = if ready { style::GREEN } else { style::RED };
    Frame::new()
        .fill(fill)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(18, 10))
        .show(ui, |ui| {
            ui.vertical(|ui| {
                let mark = if ready { "✔ " } else { "✖ " };
                let r = ui.label(
                    RichText::new(format!("{mark}{headline}"))
                        .font(egui::FontId::new(30.0, style::bold()))
                        .color(Color32::WHITE),
                );
                super::a11y::live(&r);
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!("{passing} of {total} items pass"))
                            .color(Color32::WHITE),
                    );
                    if !ready && total > 0 {
                        let text = if red_only {
                            "Show all items"
                        } else {
                            "Show red items"
                        };
                        if ui.button(text).clicked() {
                            queue.push(Action::Run(Command::ToggleRedOnly));
                        }
                    }
                });
            });
        });
}

/// A bar split into passing (green) and red items, so the red share of a
/// category reads at a glance.
/// Passing items in solid green, red ones hatched: the two parts differ
/// by pattern as well as colour, for the colour-blind and grey printouts.
fn pass_bar_ui(ui: &mut egui::Ui, pass: usize, red: usize, total: usize) {
    let width = (ui.available_width() - 10.0).max(40.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 10.0), Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, 3.0, ui.visuals().extreme_bg_color);
    if total > 0 {
        let w = rect.width() * pass as f32 / total as f32;
        let green = egui::Rect::from_min_size(rect.min, egui::vec2(w, rect.height()));
        let reds = egui::Rect::from_min_max(egui::pos2(rect.min.x + w, rect.min.y), rect.max);
        painter.rect_filled(reds, 3.0, style::RED);
        let hatch = painter.with_clip_rect(reds);
        let stroke = egui::Stroke::new(1.5, Color32::from_black_alpha(110));
        let mut x = reds.min.x - rect.height();
        while x < reds.max.x {
            let bottom = egui::pos2(x, reds.max.y);
            hatch.line_segment(
                [bottom, bottom + egui::vec2(rect.height(), -rect.height())],
                stroke,
            );
            x += 5.0;
        }
        painter.rect_filled(green, 3.0, style::GREEN);
    }
    response.on_hover_text(format!("{pass} pass, {red} red"));
}

/// A status count that filters the table to that status when clicked.
fn status_chip(ui: &mut egui::Ui, status: Status, count: usize, active: bool) -> egui::Response {
    let text = RichText::new(format!("{} {count}", status.label())).color(Color32::WHITE);
    let mut button = Button::new(text)
        .fill(style::status_fill(status))
        .corner_radius(10.0);
    if active {
        button = button.stroke(egui::Stroke::new(2.0, ui.visuals().strong_text_color()));
    }
    let hint = if active {
        "Show every status"
    } else {
        "Show only these items"
    };
    ui.add(button).on_hover_text(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn countdown_words() {
        assert_eq!(countdown(d("2026-03-24"), d("2026-03-01")), "T-23 days");
        assert_eq!(countdown(d("2026-03-02"), d("2026-03-01")), "T-1 day");
        assert_eq!(countdown(d("2026-03-01"), d("2026-03-01")), "launch day");
        assert_eq!(
            countdown(d("2026-02-26"), d("2026-03-01")),
            "launched 3 days ago"
        );
    }
}
