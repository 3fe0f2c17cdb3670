//! File → Update from template…: the preview of a template upgrade
//! ([`model::upgrade()`]) — what is added, reworded, moved and not in the
//! template, with the choice to drop those — and applying it as one
//! undoable edit, which the normal save flow then writes. The "wording
//! changed" flag's banner and Confirm button in the editor are here too.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use egui::RichText;

use super::app::ShipshapeApp;
use super::command::Action;
use super::dialogs::Outcome;
use super::style;
use super::text::{clip, clip_to};
use super::view::Modal;
use crate::model::{self, Item, UpgradeOptions, Workbook};

/// The preview: the template, the workbook as it is, and the upgrade as it
/// would be with the current choice.
#[derive(Debug, Clone, PartialEq)]
pub struct UpgradeDialog {
    pub template_path: PathBuf,
    pub template: Arc<Workbook>,
    current: Arc<Workbook>,
    today: NaiveDate,
    pub drop_removed: bool,
    upgrade: model::Upgrade,
    /// "Demo-ready: 3 red → Demo-ready: 5 red".
    verdicts: String,
}

impl UpgradeDialog {
    pub fn new(
        template_path: PathBuf,
        template: Workbook,
        current: Arc<Workbook>,
        today: NaiveDate,
    ) -> Self {
        let mut dialog = Self {
            template_path,
            template: Arc::new(template),
            current,
            today,
            drop_removed: false,
            upgrade: model::Upgrade {
                workbook: Workbook::new(""),
                report: model::UpgradeReport::default(),
            },
            verdicts: String::new(),
        };
        dialog.recompute();
        dialog
    }

    fn recompute(&mut self) {
        let options = UpgradeOptions {
            drop_removed: self.drop_removed,
        };
        self.upgrade = model::upgrade(&self.current, &self.template, options);
        let d = model::diff::diff(&self.current, &self.upgrade.workbook, self.today);
        self.verdicts = if d.verdict_before.headline == d.verdict_after.headline {
            format!("{} (unchanged)", d.verdict_after.headline)
        } else {
            format!(
                "{} → {}",
                d.verdict_before.headline, d.verdict_after.headline
            )
        };
    }

    /// Whether applying would change the workbook at all.
    pub fn changes_anything(&self) -> bool {
        self.upgrade.workbook != *self.current
    }

    /// Apply answers the options chosen; Cancel changes nothing.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome<UpgradeOptions> {
        let dark = ui.visuals().dark_mode;
        super::dialogs::heading(ui, "Update from template");
        let file = self
            .template_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.label(format!(
            "Checklist: {} ({})",
            clip(&self.template.project),
            clip(&file)
        ));
        ui.weak("Matched items keep their status, owner, dates, mitigation, notes, evidence and verification.");
        ui.label(format!("Verdict: {}", self.verdicts));
        ui.add_space(6.0);
        let report = &self.upgrade.report;
        let mut drop_removed = self.drop_removed;
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                let red = style::red_text(dark);
                let added = report.added.iter().map(|r| line(&r.id, &r.title));
                section_ui(ui, "Added, not started (red)", red, added.collect());
                let reworded = report.reworded.iter().map(|r| {
                    let flag = if r.flagged {
                        ""
                    } else {
                        " (back to the confirmed words)"
                    };
                    format!("{}: {}{flag}", r.id, what_changed(&r.before, &r.after))
                });
                section_ui(
                    ui,
                    "Reworded: red until someone confirms the new wording",
                    red,
                    reworded.collect(),
                );
                let moved = report
                    .moved
                    .iter()
                    .map(|m| format!("{}  {} → {}", line(&m.id, &m.title), m.from, m.to));
                let text = ui.visuals().text_color();
                section_ui(
                    ui,
                    "Moved to the template's category",
                    text,
                    moved.collect(),
                );
                let removed = report
                    .removed
                    .iter()
                    .map(|r| format!("{}  [{}]", line(&r.id, &r.title), r.category));
                section_ui(ui, "Not in the template", text, removed.collect());
            });
        if !report.removed.is_empty() {
            ui.checkbox(&mut drop_removed, "Drop removed items")
                .on_hover_text(
                    "Items the template does not have — dropped from it, or added by your team: the files cannot tell which",
                );
        }
        if drop_removed != self.drop_removed {
            self.drop_removed = drop_removed;
            self.recompute();
        }
        let changes = self.changes_anything();
        if !changes {
            ui.label("This workbook already has this checklist: nothing to change.");
        }
        ui.add_space(8.0);
        let mut outcome = Outcome::Open;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(changes, egui::Button::new(RichText::new("Apply").strong()))
                .clicked()
            {
                outcome = Outcome::Ok(UpgradeOptions {
                    drop_removed: self.drop_removed,
                });
            }
            if ui.button("Cancel").clicked() {
                outcome = Outcome::Cancel;
            }
        });
        outcome
    }
}

/// A heading with its count and one line per entry; nothing when empty.
fn section_ui(ui: &mut egui::Ui, heading: &str, color: egui::Color32, lines: Vec<String>) {
    if lines.is_empty() {
        return;
    }
    ui.label(
        RichText::new(format!("{heading} ({})", lines.len()))
            .strong()
            .color(color),
    );
    for l in lines {
        ui.add(egui::Label::new(format!("  {}", clip(&l))).truncate());
    }
    ui.add_space(4.0);
}

fn line(id: &str, title: &str) -> String {
    format!("{id}  {}", clip_to(title, 120))
}

/// The part of a wording (see [`model::upgrade::wording`]) that changed:
/// the title when it did, else the description, each cut short.
fn what_changed(before: &str, after: &str) -> String {
    let split = |w: &str| -> (String, String) {
        let (title, description) = w.split_once('\n').unwrap_or((w, ""));
        let short = |s: &str| clip_to(s.trim(), 60).into_owned();
        (short(title), short(description))
    };
    let ((t0, d0), (t1, d1)) = (split(before), split(after));
    if t0 == t1 {
        format!("description “{d0}” → “{d1}”")
    } else {
        format!("“{t0}” → “{t1}”")
    }
}

impl ShipshapeApp {
    /// A template file was picked: read it and show the preview.
    pub(super) fn upgrade_template_chosen(&mut self, path: PathBuf) {
        let Some(doc) = &self.doc else { return };
        match crate::storage::load(&path) {
            Ok(loaded) => {
                let dialog =
                    UpgradeDialog::new(path, loaded.workbook, doc.shared_workbook(), self.today());
                self.view.modal = Some(Modal::Upgrade(Box::new(dialog)));
            }
            Err(e) => self.view.error(format!("cannot use it as a template: {e}")),
        }
    }

    /// Apply in the preview: the upgrade, of the workbook as it is now,
    /// as one undoable edit.
    pub(super) fn apply_upgrade(&mut self, template: &Workbook, options: UpgradeOptions) {
        let Some(doc) = &mut self.doc else { return };
        let report = doc.edit(|wb| {
            let upgraded = model::upgrade(wb, template, options);
            *wb = upgraded.workbook;
            upgraded.report
        });
        self.keep_selection();
        let flagged = report.reworded.iter().filter(|r| r.flagged).count();
        self.view.info(format!(
            "Updated from the template: {} added, {flagged} reworded (confirm each in the editor), {} moved, {} not in the template {}. Undo takes it back; Save writes it.",
            report.added.len(),
            report.moved.len(),
            report.removed.len(),
            if report.dropped { "dropped" } else { "kept" },
        ));
    }

    /// The editor's Confirm wording button.
    pub(super) fn confirm_wording(&mut self, id: &str) {
        let today = self.today();
        if let Some(doc) = &mut self.doc {
            doc.edit(|wb| wb.item_mut(id).map(|i| i.confirm_wording(today)));
        }
    }
}

/// The editor's banner on an item whose wording a template upgrade
/// changed: the words the team had confirmed, and the button that
/// confirms the new ones.
pub(super) fn reworded_ui(ui: &mut egui::Ui, item: &Item, queue: &mut Vec<Action>) {
    if item.reworded.is_empty() {
        return;
    }
    let dark = ui.visuals().dark_mode;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new("The checklist's wording changed: re-confirm this item against it.")
                .color(style::amber_text(dark))
                .strong(),
        );
        ui.weak("Before:");
        ui.add(egui::Label::new(clip(&item.reworded)).wrap());
        if ui
            .button("Confirm wording")
            .on_hover_text(
                "The item holds as the checklist now words it (a done item counts as verified today)",
            )
            .clicked()
        {
            queue.push(Action::ConfirmWording(item.id.clone()));
        }
    });
}
