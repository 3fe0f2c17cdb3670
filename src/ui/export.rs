//! Getting the workbook to people: Export PDF… (a dialog, a save dialog,
//! then the render in the background), Copy summary, and Share… (the
//! workbook and its report PDF into a folder, then a `mailto:` link).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::RichText;

use super::app::ShipshapeApp;
use super::background::PdfJob;
use super::command::{Action, Command};
use super::dialogs::{Outcome, buttons};
use super::text::size_text;
use super::view::Modal;
use crate::export::markdown;
use crate::export::pdf::{MissingGlyph, Paper, PdfKind, PdfOptions};
use crate::model::file_stem;
use crate::storage;

/// What follows a written PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterPdf {
    /// Say where it went.
    Report,
    /// Share…: the workbook is written too; open the mail app.
    Share {
        folder: PathBuf,
        workbook_file: String,
        mailto: String,
    },
}

/// What the Export PDF dialog settled on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfRequest {
    pub kind: PdfKind,
    pub paper: Paper,
    pub as_of: NaiveDate,
    pub open_after: bool,
}

/// `payments-api-report.pdf` for a project and a kind.
pub fn pdf_file_name(project: &str, kind: PdfKind) -> String {
    format!("{}-{}.pdf", file_stem(project), kind.name())
}

/// One line per field with characters no font has.
fn missing_glyphs_text(missing: &[MissingGlyph]) -> String {
    missing
        .iter()
        .map(|m| format!("{} in {}", m.characters_text(), m.location))
        .collect::<Vec<_>>()
        .join("; ")
}

impl ShipshapeApp {
    /// The Export PDF dialog, with last time's settings or the defaults.
    pub(super) fn open_export_dialog(&mut self) {
        let today = self.today();
        let request = match self.view.pdf_prefs.clone() {
            Some(r) => PdfRequest { as_of: today, ..r },
            None => PdfRequest {
                kind: PdfKind::Report,
                paper: Paper::from_locale(),
                as_of: today,
                open_after: true,
            },
        };
        self.view.modal = Some(Modal::ExportPdf(ExportDialog { request, today }));
    }

    /// Share…: first what it will do.
    pub(super) fn open_share_dialog(&mut self) {
        let Some(wb) = self.workbook() else { return };
        let dialog = ShareDialog {
            workbook_file: self.shared_workbook_file(),
            pdf_file: pdf_file_name(&wb.project, PdfKind::Report),
        };
        self.view.modal = Some(Modal::Share(dialog));
    }

    /// The workbook's name in the shared folder: its file's, or one made
    /// from the project name.
    fn shared_workbook_file(&self) -> String {
        match self.path().and_then(Path::file_name) {
            Some(name) => name.to_string_lossy().into_owned(),
            None => super::file_dialog::suggested_file_name(
                self.workbook().map_or("", |wb| wb.project.as_str()),
            ),
        }
    }

    /// Puts the verdict and the red items on the clipboard.
    pub(super) fn copy_summary(&mut self, ctx: &egui::Context) {
        let today = self.today();
        let Some(wb) = self.workbook() else { return };
        let text = markdown::summary(wb, today);
        let red = wb.verdict(today).red_count();
        ctx.copy_text(text);
        self.view.info(match red {
            0 => "Copied the summary to the clipboard.".to_owned(),
            1 => "Copied the summary (the verdict and 1 red item) to the clipboard.".to_owned(),
            n => format!("Copied the summary (the verdict and {n} red items) to the clipboard."),
        });
    }

    /// A PDF path came back from the save dialog: render and write it.
    pub(super) fn export_pdf_to(
        &mut self,
        ctx: &egui::Context,
        request: PdfRequest,
        path: PathBuf,
    ) {
        if self.background.busy().is_some() {
            self.view
                .info("A PDF is still being written; try again in a moment.");
            return;
        }
        let Some(workbook) = self.workbook().cloned() else {
            return;
        };
        let busy = format!("Writing {}…", path.display());
        let job = PdfJob {
            workbook,
            options: PdfOptions {
                kind: request.kind,
                paper: request.paper,
                as_of: request.as_of,
                system_fonts: crate::export::pdf::system_fonts_allowed(),
                pdfa: false,
            },
            path,
            open_after: request.open_after,
            then: AfterPdf::Report,
            opener: self.background.opener.clone(),
        };
        self.background.write_pdf(ctx, job, busy);
    }

    /// Share…: writes the workbook now (it is quick) and its report PDF in
    /// the background; the mail app opens once both are there.
    pub(super) fn share_to(&mut self, ctx: &egui::Context, folder: PathBuf) {
        if self.background.busy().is_some() {
            self.view
                .info("A PDF is still being written; try again in a moment.");
            return;
        }
        let today = self.today();
        let workbook_file = self.shared_workbook_file();
        let Some(doc) = &self.doc else { return };
        if let Err(e) = std::fs::create_dir_all(&folder) {
            self.view.error(format!(
                "cannot create the folder {}: {e}",
                folder.display()
            ));
            return;
        }
        let target = folder.join(&workbook_file);
        let same_file = doc.path().is_some_and(|p| {
            std::fs::canonicalize(p).ok() == std::fs::canonicalize(&target).ok() && target.exists()
        });
        // The workbook's own folder: sharing it is saving it (with the
        // checks of the disk every save of the document's file makes).
        if same_file {
            let path = doc.path().map(Path::to_owned).unwrap_or(target.clone());
            if !self.save_to(&path) {
                return;
            }
        } else if let Err(e) = storage::save(&target, doc.workbook()) {
            self.view.error(format!("cannot share: {e}"));
            return;
        }
        let Some(doc) = &self.doc else { return };
        let workbook = doc.workbook().clone();
        let pdf_name = pdf_file_name(&workbook.project, PdfKind::Report);
        let mailto = markdown::mailto_url(&workbook, today, &[]);
        let job = PdfJob {
            workbook,
            options: PdfOptions {
                kind: PdfKind::Report,
                paper: Paper::from_locale(),
                as_of: today,
                system_fonts: crate::export::pdf::system_fonts_allowed(),
                pdfa: false,
            },
            path: folder.join(&pdf_name),
            open_after: false,
            then: AfterPdf::Share {
                folder,
                workbook_file,
                mailto,
            },
            opener: self.background.opener.clone(),
        };
        self.background
            .write_pdf(ctx, job, format!("Writing {pdf_name}…"));
    }

    /// A PDF is on disk: say where, or go on with Share….
    pub(super) fn pdf_written(
        &mut self,
        path: &Path,
        bytes: usize,
        missing: &[MissingGlyph],
        then: AfterPdf,
    ) {
        self.background.pdf_finished();
        if !missing.is_empty() {
            self.view.warning(format!(
                "{} has characters no embedded font covers; they print as \u{FFFD}: {}",
                path.display(),
                missing_glyphs_text(missing)
            ));
        }
        match then {
            AfterPdf::Report => self.view.info(format!(
                "Exported {} ({})",
                path.display(),
                size_text(bytes)
            )),
            AfterPdf::Share {
                folder,
                workbook_file,
                mailto,
            } => {
                let pdf_file = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.queue.push(Action::OpenMail(mailto.clone()));
                self.view.modal = Some(Modal::ShareDone(ShareDone {
                    folder,
                    files: vec![workbook_file, format!("{pdf_file} ({})", size_text(bytes))],
                    mailto,
                    mail: MailState::Opening,
                }));
            }
        }
    }
}

/// Export PDF…: which document, on which paper, as of which date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDialog {
    pub request: PdfRequest,
    /// What `today` and `+2w` typed in the date field count from.
    pub today: NaiveDate,
}

impl ExportDialog {
    /// Export… or Enter answers the settings.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome<PdfRequest> {
        let (request, today) = (&mut self.request, self.today);
        super::dialogs::heading(ui, "Export PDF");
        ui.add_space(4.0);
        egui::Grid::new("pdf-options")
            .num_columns(2)
            .spacing([12.0, 10.0])
            .show(ui, |ui| {
                ui.label("Document");
                ui.vertical(|ui| {
                    ui.radio_value(&mut request.kind, PdfKind::Report, "Report");
                    ui.weak("  The verdict first, then every item in full, to send.");
                    ui.radio_value(&mut request.kind, PdfKind::Walkthrough, "Walkthrough");
                    ui.weak("  The checklist to print and write on in the meeting.");
                });
                ui.end_row();
                ui.label("Paper");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut request.paper, Paper::A4, "A4");
                    ui.radio_value(&mut request.paper, Paper::Letter, "Letter");
                });
                ui.end_row();
                let l = ui.label("As of");
                ui.horizontal(|ui| {
                    let picked = super::dates::required_date_ui(
                        ui,
                        "pdf-as-of",
                        request.as_of,
                        today,
                        Some(l.id),
                    );
                    if let Some(d) = picked {
                        request.as_of = d;
                    }
                    ui.weak("the date the verdict is judged for");
                });
                ui.end_row();
            });
        ui.add_space(4.0);
        ui.checkbox(
            &mut request.open_after,
            "Open in the system's viewer after export",
        );
        ui.add_space(8.0);
        // Export… is the default: Enter exports (see `buttons`).
        ui.horizontal(|ui| {
            buttons(
                ui,
                [("Export…", Outcome::Ok(())), ("Cancel", Outcome::Cancel)],
            )
        })
        .inner
        .map(|()| request.clone())
    }
}

/// Share…: what it does, before the folder is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareDialog {
    /// The names the two files will have.
    pub workbook_file: String,
    pub pdf_file: String,
}

impl ShareDialog {
    /// "Choose folder…" is OK.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome {
        super::dialogs::heading(ui, "Share by email");
        ui.add_space(4.0);
        ui.label("Shipshape writes these two files into a folder you choose:");
        ui.label(format!(
            "  • {} — the workbook, for people with the app or git",
            self.workbook_file
        ));
        ui.label(format!(
            "  • {} — the report, for everyone else",
            self.pdf_file
        ));
        ui.label("then opens your mail app with the verdict as subject and the summary as text.");
        ui.add_space(6.0);
        attachment_note_ui(ui);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            buttons(
                ui,
                [
                    ("Choose folder…", Outcome::Ok(())),
                    ("Cancel", Outcome::Cancel),
                ],
            )
        })
        .inner
    }
}

/// What Share… did, and what is left to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareDone {
    pub folder: PathBuf,
    /// The files written, with their sizes.
    pub files: Vec<String>,
    pub mailto: String,
    /// Whether the mail app opened, as the system's opener said.
    pub mail: MailState,
}

/// The mail app, as far as Shipshape can know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailState {
    /// Asked; the opener has not answered yet.
    Opening,
    Opened,
    /// No mail app opened, and why (the opener's words).
    Failed(String),
}

impl ShipshapeApp {
    /// The opener answered about the mail: the Share dialog says so; a
    /// failure also stays as a warning that says where the files are.
    pub(super) fn mail_opened(&mut self, opened: Result<(), String>) {
        let folder = match &mut self.view.modal {
            Some(Modal::ShareDone(done)) => {
                done.mail = match &opened {
                    Ok(()) => MailState::Opened,
                    Err(e) => MailState::Failed(e.clone()),
                };
                Some(done.folder.clone())
            }
            _ => None,
        };
        if let Err(e) = opened {
            let place = folder.map_or_else(String::new, |f| {
                format!(" The files are in {}.", f.display())
            });
            self.view.warning(format!(
                "No mail app opened ({e}).{place} Write the mail by hand and attach them; Copy summary puts the text on the clipboard."
            ));
        }
    }
}

/// The buttons of [`ShareDone`] that do something and keep it open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareFollowUp {
    OpenFolder,
    OpenEmail,
    CopySummary,
}

impl ShareDone {
    /// Close is Cancel: there is nothing to undo.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome<ShareFollowUp> {
        super::dialogs::heading(ui, "Ready to send");
        ui.add_space(4.0);
        ui.label(format!("Written to {}:", self.folder.display()));
        for f in &self.files {
            ui.label(format!("  • {f}"));
        }
        let dark = ui.visuals().dark_mode;
        match &self.mail {
            MailState::Opening => {
                ui.label("Opening your mail app with the subject and the summary filled in…");
            }
            MailState::Opened => {
                ui.label("Your mail app opened with the subject and the summary filled in.");
            }
            MailState::Failed(e) => {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!(
                            "No mail app opened ({e}). Write the mail by hand: attach the two files above; Copy summary puts the text on the clipboard."
                        ))
                        .color(super::style::red_text(dark)),
                    )
                    .wrap(),
                );
            }
        }
        ui.add_space(6.0);
        attachment_note_ui(ui);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let mut outcome = Outcome::Open;
            if ui.button("Open folder").clicked() {
                outcome = Outcome::Ok(ShareFollowUp::OpenFolder);
            }
            if ui
                .button("Open the email again")
                .on_hover_text("If no mail app opened, check the system's default mail app")
                .clicked()
            {
                outcome = Outcome::Ok(ShareFollowUp::OpenEmail);
            }
            if ui
                .button(Command::CopySummary.label())
                .on_hover_text("For a mail written by hand, or a chat")
                .clicked()
            {
                outcome = Outcome::Ok(ShareFollowUp::CopySummary);
            }
            if ui.button("Close").clicked() {
                outcome = Outcome::Cancel;
            }
            outcome
        })
        .inner
    }
}

/// The `mailto:` limitation, said where the user will read it.
fn attachment_note_ui(ui: &mut egui::Ui) {
    let dark = ui.visuals().dark_mode;
    egui::Frame::new()
        .fill(if dark {
            egui::Color32::from_rgb(0x4a, 0x3a, 0x10)
        } else {
            egui::Color32::from_rgb(0xfd, 0xf1, 0xd6)
        })
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(8, 6))
        .show(ui, |ui| {
            ui.add(
                egui::Label::new(RichText::new(markdown::MAILTO_ATTACHMENT_NOTE).strong()).wrap(),
            );
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_names() {
        assert_eq!(
            pdf_file_name("Payments API", PdfKind::Report),
            "payments-api-report.pdf"
        );
        assert_eq!(
            pdf_file_name("李雷", PdfKind::Walkthrough),
            "李雷-walkthrough.pdf"
        );
    }

    #[test]
    fn missing_glyphs_are_listed_once_per_field() {
        let m = |c: &[char], l: &str| MissingGlyph {
            characters: c.to_vec(),
            location: l.into(),
        };
        let text = missing_glyphs_text(&[m(&['𓀀', '⌘'], "item a (owner)"), m(&['𓀀'], "item b")]);
        assert_eq!(
            text,
            "\"𓀀\" (U+13000), \"⌘\" (U+2318) in item a (owner); \"𓀀\" (U+13000) in item b"
        );
    }
}
