//! File → History…: the versions of the open file that saves replaced
//! (`storage::history`, kept by the window and the CLI alike), each with
//! its time, its verdict and what differs from the window's workbook.
//! Restoring one replaces the window's workbook as one undoable edit; it is
//! saved like any other edit.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::app::ShipshapeApp;
use super::dialogs::Outcome;
use super::view::Modal;
use crate::model::{self, Workbook};
use crate::storage::history::Version;

/// One version in the list.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionRow {
    pub number: usize,
    /// When it was replaced, local time.
    pub when: String,
    pub headline: String,
    /// What differs from the window's workbook, in a few words.
    pub changes: String,
    /// The whole difference, shown when selected.
    pub details: String,
    pub path: PathBuf,
}

/// The History dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryDialog {
    pub file: String,
    pub rows: Vec<VersionRow>,
    /// Versions that do not read, with why.
    pub unreadable: Vec<String>,
    pub selected: Option<usize>,
}

impl HistoryDialog {
    /// Lists `versions` (newest first) against `current`.
    pub fn new(
        file: String,
        versions: &[Version],
        read: impl Fn(&Version) -> Result<Workbook, String>,
        current: &Workbook,
        today: NaiveDate,
    ) -> Self {
        let mut rows = Vec::new();
        let mut unreadable = Vec::new();
        for v in versions {
            let when: chrono::DateTime<chrono::Local> = v.replaced.into();
            let when = when.format("%Y-%m-%d %H:%M:%S").to_string();
            match read(v) {
                Ok(wb) => {
                    let d = model::diff::diff(current, &wb, today);
                    rows.push(VersionRow {
                        number: v.number,
                        when,
                        headline: wb.verdict(today).headline(),
                        changes: d.summary(),
                        details: model::diff::render(&d),
                        path: v.path.clone(),
                    });
                }
                Err(e) => unreadable.push(format!("{} ({when}): {e}", v.number)),
            }
        }
        Self {
            file,
            rows,
            unreadable,
            selected: None,
        }
    }

    /// Restore answers the selected version's file.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome<PathBuf> {
        // As wide as a dialog gets, whatever the rows and details say.
        ui.set_width(520.0);
        super::dialogs::heading(ui, format!("History of {}", self.file));
        if self.rows.is_empty() {
            ui.label("No earlier versions yet: each save keeps the version it replaces here.");
        } else {
            ui.label("Versions that saves replaced, newest first. Changes are from your window's workbook to that version.");
        }
        egui::ScrollArea::vertical()
            .id_salt("versions")
            .max_height(220.0)
            .show(ui, |ui| {
                for (index, row) in self.rows.iter().enumerate() {
                    let text = format!(
                        "#{}  {}  {} — {}",
                        row.number,
                        row.when,
                        row.headline,
                        super::text::clip_to(&row.changes, 300)
                    );
                    let on = self.selected == Some(index);
                    if ui.selectable_label(on, text).clicked() {
                        self.selected = Some(index);
                    }
                }
            });
        for line in &self.unreadable {
            ui.weak(format!("Does not read: {line}"));
        }
        // The details take the same room whether a version is picked or
        // not, so the dialog does not grow under the pointer: a modal is
        // centred by its last size, and a growing one took frames to
        // settle, moving the Restore button as it went.
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("details")
            .max_height(200.0)
            .min_scrolled_height(200.0)
            .auto_shrink(false)
            .show(ui, |ui| {
                match self.selected.and_then(|i| self.rows.get(i)) {
                    Some(row) => {
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new(super::text::clip(&row.details)).monospace(),
                            )
                            .wrap(),
                        );
                    }
                    None => {
                        ui.weak("Pick a version to see what differs.");
                    }
                }
            });
        ui.add_space(6.0);
        let mut outcome = Outcome::Open;
        ui.horizontal(|ui| {
            let chosen = self.selected.and_then(|i| self.rows.get(i));
            if ui
                .add_enabled(chosen.is_some(), egui::Button::new("Restore this version"))
                .on_hover_text("Replace the window's workbook with it; Undo takes it back")
                .clicked()
                && let Some(row) = chosen
            {
                outcome = Outcome::Ok(row.path.clone());
            }
            if ui.button("Close").clicked() {
                outcome = Outcome::Cancel;
            }
        });
        outcome
    }
}

impl ShipshapeApp {
    /// Opens File → History… for the open file.
    pub(super) fn show_history(&mut self) {
        let today = self.today();
        let (Some(state), Some(doc)) = (self.config.state.clone(), &self.doc) else {
            return;
        };
        let Some(path) = doc.path().map(ToOwned::to_owned) else {
            self.view
                .info("This workbook has no file yet, so no history: Save keeps one.");
            return;
        };
        let history = state.history(&path);
        let versions = match history.versions() {
            Ok(v) => v,
            Err(e) => {
                self.view.error(format!("cannot read the history: {e}"));
                return;
            }
        };
        let read = |v: &Version| {
            history
                .read(v)
                .map(|l| l.workbook)
                .map_err(|e| e.to_string())
        };
        let dialog = HistoryDialog::new(doc.display_name(), &versions, read, doc.workbook(), today);
        self.view.modal = Some(Modal::History(dialog));
    }

    /// Restores a version from the history as one undoable edit.
    pub(super) fn restore_version(&mut self, version: &std::path::Path) {
        let loaded = match crate::storage::load(version) {
            Ok(l) => l,
            Err(e) => {
                self.view.error(format!("cannot restore: {e}"));
                return;
            }
        };
        let Some(doc) = &mut self.doc else {
            return;
        };
        doc.replace(loaded.workbook);
        self.keep_selection();
        self.view
            .info("Restored that version; not saved yet (Undo takes it back).");
    }
}
