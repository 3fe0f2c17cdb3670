//! The start view: recent workbooks, New (from the built-in checklist or
//! another workbook) and Open.

use std::path::Path;

use chrono::NaiveDate;
use egui::{CursorIcon, RichText, Role, Sense, UiBuilder, WidgetInfo};

use super::app::ShipshapeApp;
use super::command::{Action, Command, TemplateSource};
use super::dates::optional_date_ui;
use super::dialogs::{Outcome, buttons};
use super::file_dialog::{PathPurpose, expand_typed_path};
use super::style;
use super::view::{NewForm, RecentSummary};

impl ShipshapeApp {
    pub(super) fn start_ui(&mut self, ui: &mut egui::Ui) {
        let today = self.today();
        egui::ScrollArea::vertical()
            .id_salt("start")
            .show(ui, |ui| {
                ui.add_space(12.0);
                ui.label(RichText::new("Shipshape").font(egui::FontId::new(30.0, style::bold())));
                ui.label(
                    "Production-readiness workbooks: fill them in as a team, argue over them, \
                     print them, keep them in git.",
                );
                ui.add_space(16.0);
                ui.columns(2, |cols| {
                    self.recent_ui(&mut cols[0], today);
                    self.new_form_ui(&mut cols[1], today);
                });
            });
    }

    /// The recent workbooks, then Open and the sample.
    fn recent_ui(&mut self, ui: &mut egui::Ui, today: NaiveDate) {
        let dark = ui.visuals().dark_mode;
        ui.heading("Recent workbooks");
        ui.add_space(4.0);
        let entries = self.view.recent.clone().unwrap_or_default();
        if entries.is_empty() {
            ui.weak("No recent workbooks yet. Open one, or start a new one.");
        }
        for entry in entries {
            match &entry.summary {
                Ok(summary) => self.recent_card_ui(ui, &entry.path, summary, today),
                Err(e) => {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            ui.label(RichText::new(e.as_str()).color(style::red_text(dark)));
                            if ui
                                .small_button("Forget")
                                .on_hover_text("Remove from this list")
                                .clicked()
                            {
                                self.queue.push(Action::ForgetRecent(entry.path.clone()));
                            }
                        });
                        path_line_ui(ui, &entry.path);
                    });
                }
            }
        }
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            for command in [Command::Open, Command::ImportChecklist] {
                let mut text = command.label().to_owned();
                if let Some(s) = command.shortcut() {
                    text = format!("{text} ({})", ui.ctx().format_shortcut(&s));
                }
                let r = ui.button(text).on_hover_text(command.tooltip());
                if r.clicked() {
                    self.queue.push(Action::Run(command));
                }
            }
            if ui.button("Open the sample workbook").clicked() {
                self.queue.push(Action::OpenSample);
            }
        });
        ui.weak(
            "You can also drop a workbook (.shipshape.ron) onto this window, \
             or a checklist to import (.md, .csv, .xlsx, Azure review .json).",
        );
    }

    /// The New form: project, launch date and which checklist to start
    /// from. It edits its own scratch values; Create queues the workbook.
    fn new_form_ui(&mut self, ui: &mut egui::Ui, today: NaiveDate) {
        ui.heading("New workbook");
        ui.add_space(4.0);
        let Some(form) = &mut self.view.new_form else {
            return;
        };
        egui::Grid::new("new-form")
            .num_columns(2)
            .spacing([10.0, 10.0])
            .show(ui, |ui| {
                let l = ui.label("Project");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut form.project)
                            .hint_text("e.g. Payments API")
                            .desired_width(260.0),
                    )
                    .labelled_by(l.id);
                // The first Tab stop of the start view: typing starts at once.
                if std::mem::take(&mut form.focus_project) {
                    r.request_focus();
                }
                ui.end_row();
                let l = ui.label("Launch date");
                ui.horizontal(|ui| {
                    let picked =
                        optional_date_ui(ui, "new-launch", form.launch, (today, None), Some(l.id));
                    if let Some(launch) = picked {
                        form.launch = launch;
                    }
                });
                ui.end_row();
                ui.label("Checklist");
                ui.vertical(|ui| template_choice_ui(ui, form, &mut self.queue));
                ui.end_row();
            });
        ui.add_space(8.0);
        // Create is the default: Enter in the form creates (see `buttons`).
        let create = ui.horizontal(|ui| buttons(ui, [("Create workbook", Outcome::Ok(()))]));
        if create.inner == Outcome::Ok(()) {
            self.queue.push(Action::NewWorkbook {
                project: form.project.clone(),
                launch: form.launch,
                template: form.template.clone(),
            });
        }
    }

    /// A readable recent workbook: the whole card opens it (click, or Enter
    /// once focused) and lights up under the pointer like a button.
    fn recent_card_ui(
        &mut self,
        ui: &mut egui::Ui,
        path: &Path,
        s: &RecentSummary,
        today: NaiveDate,
    ) {
        let dark = ui.visuals().dark_mode;
        let name = if s.project.trim().is_empty() {
            "Untitled"
        } else {
            s.project.as_str()
        };
        let card = ui.scope_builder(UiBuilder::new().id_salt(path).sense(Sense::click()), |ui| {
            // The card takes the clicks, not the text in it.
            ui.style_mut().interaction.selectable_labels = false;
            let response = ui.response();
            let visuals = ui.style().interact(&response);
            let lit = response.hovered() || response.has_focus();
            let mut frame = egui::Frame::group(ui.style());
            if lit {
                frame = frame.fill(visuals.weak_bg_fill).stroke(visuals.bg_stroke);
            }
            frame.show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.label(RichText::new(name).family(style::bold()).strong());
                    let color = if s.ready {
                        style::green_text(dark)
                    } else {
                        style::red_text(dark)
                    };
                    ui.label(RichText::new(s.headline.as_str()).color(color).strong());
                });
                match s.launch {
                    Some(l) => ui.label(format!(
                        "Launch {l} ({})",
                        super::header::countdown(l, today)
                    )),
                    None => ui.weak("No launch date"),
                };
                path_line_ui(ui, path);
            });
        });
        let response = card.response.on_hover_cursor(CursorIcon::PointingHand);
        response.widget_info(|| WidgetInfo::labeled(Role::Button, ui.is_enabled(), name));
        if response.clicked() {
            self.queue.push(Action::OpenPath(path.to_owned()));
        }
    }
}

/// The built-in checklist, one of the user's templates, or another
/// workbook by path.
fn template_choice_ui(ui: &mut egui::Ui, form: &mut NewForm, queue: &mut Vec<Action>) {
    let builtin = form.template == TemplateSource::Builtin;
    if ui
        .radio(builtin, "Built-in: Production-ready in 25 items")
        .clicked()
    {
        form.template = TemplateSource::Builtin;
    }
    let mut mine = false;
    for t in &form.user_templates {
        let source = TemplateSource::File(t.path.clone());
        let chosen = form.template == source;
        mine |= chosen;
        let label = match &t.project {
            Ok(project) => format!("{project} ({})", t.name),
            Err(_) => format!("{} (unreadable)", t.name),
        };
        let r = ui.add_enabled(t.project.is_ok(), egui::RadioButton::new(chosen, label));
        let r = match &t.project {
            Ok(_) => r.on_hover_text(t.path.display().to_string()),
            Err(e) => r.on_disabled_hover_text(e.as_str()),
        };
        if r.clicked() {
            form.template = source;
        }
    }
    let other = !builtin && !mine;
    if ui.radio(other, "Another workbook as template").clicked() && !other {
        form.template = TemplateSource::File(form.template_text.trim().into());
    }
    if other {
        ui.horizontal(|ui| {
            let l = ui.label("File");
            let r = ui
                .add(egui::TextEdit::singleline(&mut form.template_text).desired_width(200.0))
                .labelled_by(l.id);
            if r.changed() {
                form.template = TemplateSource::File(expand_typed_path(&form.template_text));
            }
            if ui.button("Browse…").clicked() {
                queue.push(Action::Browse(PathPurpose::Template));
            }
        });
        ui.weak("Its categories and items are copied; statuses, owners and notes are not.");
    }
}

fn path_line_ui(ui: &mut egui::Ui, path: &Path) {
    ui.add(egui::Label::new(RichText::new(path.display().to_string()).small().weak()).truncate());
}
