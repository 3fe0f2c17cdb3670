//! Asking for a path: what each request is for ([`PathPurpose`], which
//! knows its titles, filters, suffix and whether it saves), the native
//! dialog (run on a background thread by `background`), and the helpers
//! for names and typed paths.
//!
//! rfd answers `None` both when the user cancels and when no dialog backend
//! (desktop portal, zenity) is available. A `None` that comes back almost at
//! once means no dialog was ever shown, so the app offers a path field.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::app::ShipshapeApp;
use super::command::{Action, AfterClose, TemplateSource};
use super::dialogs::{Outcome, refuse_empty, text_prompt};
use super::export::PdfRequest;
use super::text::LongText;
use super::view::Modal;
use crate::storage::FILE_SUFFIX;

/// How the app asks for file paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogMode {
    /// Native dialogs, falling back to the path field.
    Native,
    /// Always the path field (tests, or systems without dialogs).
    PathField,
}

/// What a path is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs {
        then: Option<AfterClose>,
    },
    Template,
    /// The new checklist for File → Update from template….
    UpgradeTemplate,
    /// A checklist to import (File → Import checklist…).
    ImportChecklist,
    /// Where to write a PDF, rendered with these settings.
    ExportPdf(PdfRequest),
    /// The folder Share… writes the workbook and its report into.
    ShareFolder,
    /// The folder whose workbooks the portfolio shows.
    PortfolioFolder,
    /// Where to save the whole of a field too long to edit in the window.
    ExportText(LongText),
}

/// File-type filters of a native dialog: (name, extensions).
type Filters = &'static [(&'static str, &'static [&'static str])];

const WORKBOOK_FILTERS: Filters = &[("Shipshape workbook", &["ron"]), ("All files", &["*"])];
const PDF_FILTERS: Filters = &[("PDF document", &["pdf"]), ("All files", &["*"])];
const TEXT_FILTERS: Filters = &[("Text", &["txt"]), ("All files", &["*"])];
const CHECKLIST_FILTERS: Filters = &[
    (
        "Checklist (Markdown, CSV, spreadsheet, Azure JSON)",
        &[
            "md", "markdown", "txt", "csv", "tsv", "xlsx", "xlsm", "xls", "xlsb", "ods", "json",
        ],
    ),
    ("All files", &["*"]),
];

impl PathPurpose {
    /// The native dialog's title.
    pub fn dialog_title(&self) -> &'static str {
        match self {
            Self::Open => "Open workbook",
            Self::SaveAs { .. } => "Save workbook as",
            Self::Template => "Choose a workbook to use as template",
            Self::UpgradeTemplate => "Choose the new version of the checklist",
            Self::ImportChecklist => "Import a checklist",
            Self::ExportPdf(_) => "Export PDF",
            Self::ShareFolder => "Choose a folder for the files to share",
            Self::PortfolioFolder => "Open a folder of workbooks",
            Self::ExportText(_) => "Export the full text",
        }
    }

    /// The heading of the path field, the fallback for native dialogs.
    pub fn field_title(&self) -> &'static str {
        match self {
            Self::Open => "Open workbook",
            Self::SaveAs { .. } => "Save workbook as",
            Self::Template => "Workbook to use as template",
            Self::UpgradeTemplate => "New version of the checklist (any workbook)",
            Self::ImportChecklist => "Checklist to import (Markdown, CSV, spreadsheet, Azure JSON)",
            Self::ExportPdf(_) => "Export PDF to",
            Self::ShareFolder => "Folder for the files to share",
            Self::PortfolioFolder => "Folder of workbooks",
            Self::ExportText(_) => "Export the full text to",
        }
    }

    /// The path field's label.
    pub fn field_label(&self) -> &'static str {
        match self {
            Self::ShareFolder | Self::PortfolioFolder => "Folder",
            _ => "Path",
        }
    }

    /// The path field's hint.
    pub fn hint(&self) -> &'static str {
        match self {
            Self::Open | Self::SaveAs { .. } | Self::Template | Self::UpgradeTemplate => {
                "/path/to/name.shipshape.ron"
            }
            Self::ExportPdf(_) => "/path/to/report.pdf",
            Self::ImportChecklist => "/path/to/checklist.md",
            Self::ShareFolder | Self::PortfolioFolder => "/path/to/folder",
            Self::ExportText(_) => "/path/to/notes.txt",
        }
    }

    /// The native dialog's file-type filters.
    pub fn filters(&self) -> Filters {
        match self {
            Self::Open | Self::SaveAs { .. } | Self::Template | Self::UpgradeTemplate => {
                WORKBOOK_FILTERS
            }
            Self::ExportPdf(_) => PDF_FILTERS,
            Self::ImportChecklist => CHECKLIST_FILTERS,
            Self::ExportText(_) => TEXT_FILTERS,
            Self::ShareFolder | Self::PortfolioFolder => &[],
        }
    }

    /// What a chosen path without an extension gets appended.
    pub fn suffix(&self) -> Option<&'static str> {
        match self {
            Self::SaveAs { .. } => Some(FILE_SUFFIX),
            Self::ExportPdf(_) => Some(".pdf"),
            Self::ExportText(_) => Some(".txt"),
            Self::Open
            | Self::Template
            | Self::UpgradeTemplate
            | Self::ImportChecklist
            | Self::ShareFolder
            | Self::PortfolioFolder => None,
        }
    }

    /// `path` with [`suffix`](Self::suffix) appended when it has no
    /// extension.
    pub fn with_suffix(&self, path: PathBuf) -> PathBuf {
        match self.suffix() {
            Some(suffix) if path.extension().is_none() => {
                let mut s = path.into_os_string();
                s.push(suffix);
                s.into()
            }
            _ => path,
        }
    }

    /// Whether the answer names a file to write (a save dialog).
    pub fn is_save(&self) -> bool {
        match self {
            Self::SaveAs { .. } | Self::ExportPdf(_) | Self::ExportText(_) => true,
            Self::Open
            | Self::Template
            | Self::UpgradeTemplate
            | Self::ImportChecklist
            | Self::ShareFolder
            | Self::PortfolioFolder => false,
        }
    }

    /// Whether the answer is a folder rather than a file.
    pub fn is_folder(&self) -> bool {
        matches!(self, Self::ShareFolder | Self::PortfolioFolder)
    }

    /// The file name a save dialog proposes: the PDF's for an export, else
    /// the open workbook's, else one made from the project name.
    pub fn suggested_name(&self, project: &str, current: Option<&Path>) -> String {
        match (self, current) {
            (Self::ExportPdf(r), _) => super::export::pdf_file_name(project, r.kind),
            (Self::ExportText(source), _) => source.file_name(project),
            (Self::ShareFolder | Self::PortfolioFolder, _) => String::new(),
            (_, Some(p)) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            (_, None) => suggested_file_name(project),
        }
    }
}

/// A `None` faster than this was no dialog at all.
const NO_BACKEND_WITHIN: Duration = Duration::from_millis(800);

/// What came back from a native dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogAnswer {
    Picked(PathBuf),
    Cancelled,
    /// No dialog appeared; ask with the path field.
    NoBackend,
}

/// A native dialog for `purpose`, to be run off the window's thread: the
/// returned closure blocks until the user answers. `suggested` is the file
/// name a save dialog proposes.
pub fn native_dialog(
    purpose: &PathPurpose,
    dir: Option<&Path>,
    suggested: &str,
) -> impl FnOnce() -> DialogAnswer + Send + 'static {
    let mut dialog = rfd::FileDialog::new().set_title(purpose.dialog_title());
    for (name, extensions) in purpose.filters() {
        dialog = dialog.add_filter(*name, extensions);
    }
    if let Some(dir) = dir {
        dialog = dialog.set_directory(dir);
    }
    let (saving, folder) = (purpose.is_save(), purpose.is_folder());
    let suggested = suggested.to_owned();
    move || {
        let started = Instant::now();
        let picked = if saving {
            dialog.set_file_name(suggested).save_file()
        } else if folder {
            dialog.pick_folder()
        } else {
            dialog.pick_file()
        };
        match picked {
            Some(path) => DialogAnswer::Picked(path),
            None if started.elapsed() < NO_BACKEND_WITHIN => DialogAnswer::NoBackend,
            None => DialogAnswer::Cancelled,
        }
    }
}

/// The path field: a path typed where no native dialog is available (and
/// in tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathDialog {
    pub purpose: PathPurpose,
    pub text: String,
    /// Why the field is shown, or that OK again replaces a file.
    note: Option<String>,
    /// The open workbook's file: saving over it needs no question.
    current: Option<PathBuf>,
    /// The existing file that the next OK replaces.
    replace: Option<PathBuf>,
}

impl PathDialog {
    pub fn new(purpose: PathPurpose, text: String, current: Option<PathBuf>) -> Self {
        Self {
            purpose,
            text,
            note: None,
            current,
            replace: None,
        }
    }

    /// The dialog with a line that says why it is shown.
    pub fn with_note(self, note: impl Into<String>) -> Self {
        Self {
            note: Some(note.into()),
            ..self
        }
    }

    /// OK or Enter answers the typed path (`~/` expanded, the purpose's
    /// suffix added); empty text is refused.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Outcome<PathBuf> {
        let purpose = &self.purpose;
        super::dialogs::heading(ui, purpose.field_title());
        if let Some(note) = &self.note {
            ui.label(note.as_str());
        }
        let typed = text_prompt(ui, purpose.field_label(), &mut self.text, purpose.hint());
        match refuse_empty(typed, &self.text) {
            Outcome::Open => Outcome::Open,
            Outcome::Cancel => Outcome::Cancel,
            Outcome::Ok(()) => {
                let path = purpose.with_suffix(expand_typed_path(&self.text));
                // A native dialog asks before replacing a file; so does the
                // path field: the second OK replaces.
                let ask = purpose.is_save()
                    && self.current.as_ref() != Some(&path)
                    && self.replace.as_ref() != Some(&path)
                    && path.exists();
                if ask {
                    self.note = Some(format!("{} exists; OK again replaces it.", path.display()));
                    self.replace = Some(path);
                    Outcome::Open
                } else {
                    Outcome::Ok(path)
                }
            }
        }
    }
}

impl ShipshapeApp {
    /// Asks for a path: the native dialog, or the path field.
    pub(super) fn ask_path(&mut self, ctx: &egui::Context, purpose: PathPurpose) {
        if self.background.file_dialog_open() {
            return;
        }
        let current = self.path().map(Path::to_owned);
        // A new checklist is most likely in the template folder.
        let templates = (purpose == PathPurpose::UpgradeTemplate)
            .then(|| self.config.templates.as_ref().map(|t| t.root().to_owned()))
            .flatten()
            .filter(|d| d.is_dir());
        let dir = templates.or_else(|| {
            current
                .as_deref()
                .and_then(Path::parent)
                .or_else(|| self.recent.paths.first().and_then(|p| p.parent()))
                .map(Path::to_owned)
        });
        let project = self.workbook().map_or("", |wb| wb.project.as_str());
        let suggested = purpose.suggested_name(project, current.as_deref());
        // What the path field offers, now or when no native dialog appears.
        let fallback_text = match (purpose.is_save(), &dir) {
            (true, Some(d)) => d.join(&suggested).display().to_string(),
            _ => String::new(),
        };
        match self.config.dialogs {
            DialogMode::Native => {
                let dialog = native_dialog(&purpose, dir.as_deref(), &suggested);
                self.background
                    .file_dialog(ctx, purpose, fallback_text, dialog);
            }
            DialogMode::PathField => {
                self.view.modal = Some(Modal::Path(PathDialog::new(
                    purpose,
                    fallback_text,
                    current,
                )));
            }
        }
    }

    /// A native dialog answered.
    pub(super) fn file_dialog_answered(
        &mut self,
        ctx: &egui::Context,
        purpose: PathPurpose,
        answer: DialogAnswer,
        fallback_text: String,
    ) {
        self.background.file_dialog_closed();
        match answer {
            DialogAnswer::Picked(path) => self.path_chosen(ctx, purpose, path),
            DialogAnswer::Cancelled => {}
            DialogAnswer::NoBackend => {
                let current = self.path().map(Path::to_owned);
                let dialog = PathDialog::new(purpose, fallback_text, current)
                    .with_note("No file dialog is available here; type the path instead.");
                self.view.modal = Some(Modal::Path(dialog));
            }
        }
    }

    /// A path came back from a dialog or the path field.
    pub(super) fn path_chosen(&mut self, ctx: &egui::Context, purpose: PathPurpose, path: PathBuf) {
        let path = purpose.with_suffix(path);
        match purpose {
            PathPurpose::Open => self.queue.push(Action::OpenPath(path)),
            PathPurpose::SaveAs { then } => self.queue.push(Action::SaveTo { path, then }),
            PathPurpose::Template => {
                if let Some(form) = &mut self.view.new_form {
                    form.template_text = path.display().to_string();
                    form.template = TemplateSource::File(path);
                }
            }
            PathPurpose::UpgradeTemplate => self.upgrade_template_chosen(path),
            PathPurpose::ImportChecklist => self.import_chosen(path),
            PathPurpose::ExportPdf(request) => self.export_pdf_to(ctx, request, path),
            PathPurpose::ShareFolder => self.share_to(ctx, path),
            PathPurpose::PortfolioFolder => self.queue.push(Action::OpenFolder(path)),
            PathPurpose::ExportText(source) => self.export_text_to(&source, &path),
        }
    }
}

/// `name.shipshape.ron` for a project name.
pub fn suggested_file_name(project: &str) -> String {
    format!("{}{FILE_SUFFIX}", crate::model::file_stem(project))
}

/// Expands a leading `~/` in a typed path.
pub fn expand_typed_path(text: &str) -> PathBuf {
    let t = text.trim();
    if let Some(rest) = t.strip_prefix("~/")
        && let Some(home) = directories::BaseDirs::new()
    {
        return home.home_dir().join(rest);
    }
    PathBuf::from(t)
}

#[cfg(test)]
mod tests {
    use egui::Key;
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::*;
    use crate::export::pdf::{Paper, PdfKind};
    use crate::ui::dialogs::testing::{Shown, harness};

    fn export_pdf() -> PathPurpose {
        PathPurpose::ExportPdf(PdfRequest {
            kind: PdfKind::Report,
            paper: Paper::A4,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            open_after: false,
        })
    }

    #[test]
    fn file_names() {
        assert_eq!(
            suggested_file_name("Payments API"),
            "payments-api.shipshape.ron"
        );
        assert_eq!(suggested_file_name("李雷"), "李雷.shipshape.ron");
        assert_eq!(suggested_file_name(""), "workbook.shipshape.ron");
    }

    #[test]
    fn saves_get_their_suffix_when_typed_without_one() {
        let save = PathPurpose::SaveAs { then: None };
        assert_eq!(
            save.with_suffix("/tmp/x".into()),
            PathBuf::from("/tmp/x.shipshape.ron")
        );
        assert_eq!(
            save.with_suffix("/tmp/x.ron".into()),
            PathBuf::from("/tmp/x.ron")
        );
        assert_eq!(
            export_pdf().with_suffix("/tmp/x".into()),
            PathBuf::from("/tmp/x.pdf")
        );
        assert_eq!(
            export_pdf().with_suffix("/tmp/x.PDF".into()),
            PathBuf::from("/tmp/x.PDF")
        );
        assert_eq!(
            PathPurpose::Open.with_suffix("/tmp/x".into()),
            PathBuf::from("/tmp/x")
        );
    }

    #[test]
    fn only_saves_write_and_only_share_asks_for_a_folder() {
        let all = [
            PathPurpose::Open,
            PathPurpose::SaveAs { then: None },
            PathPurpose::Template,
            export_pdf(),
            PathPurpose::ShareFolder,
            PathPurpose::ExportText(LongText::Workbook(crate::model::WorkbookField::Project)),
        ];
        let saves: Vec<bool> = all.iter().map(PathPurpose::is_save).collect();
        assert_eq!(saves, [false, true, false, true, false, true]);
        for purpose in &all {
            // A folder picker has no file types; a file picker always
            // offers "All files" too.
            assert_eq!(purpose.is_folder(), purpose.filters().is_empty());
            assert_eq!(purpose.is_save(), purpose.suffix().is_some());
        }
    }

    #[test]
    fn the_proposed_name_follows_the_purpose() {
        let current = Path::new("/w/ops.shipshape.ron");
        assert_eq!(
            PathPurpose::SaveAs { then: None }.suggested_name("Payments API", Some(current)),
            "ops.shipshape.ron"
        );
        assert_eq!(
            PathPurpose::SaveAs { then: None }.suggested_name("Payments API", None),
            "payments-api.shipshape.ron"
        );
        assert_eq!(
            export_pdf().suggested_name("Payments API", Some(current)),
            "payments-api-report.pdf"
        );
        assert_eq!(PathPurpose::ShareFolder.suggested_name("P", None), "");
        let notes = PathPurpose::ExportText(LongText::Item {
            id: "ops.runbooks".into(),
            field: crate::model::ItemField::Notes,
        });
        assert_eq!(
            notes.suggested_name("Payments API", Some(current)),
            "ops-runbooks-notes.txt"
        );
    }

    fn type_path(h: &mut Harness<'static, Shown<PathDialog, PathBuf>>, label: &str, text: &str) {
        h.get_by_role_and_label(Role::TextInput, label).focus();
        h.run();
        h.get_by_role_and_label(Role::TextInput, label)
            .type_text(text);
        h.run();
    }

    #[test]
    fn enter_answers_the_typed_path_with_its_suffix() {
        let dir = tempfile::tempdir().unwrap();
        let dialog = PathDialog::new(PathPurpose::SaveAs { then: None }, String::new(), None);
        let mut h = harness(dialog, PathDialog::ui);
        assert!(
            h.query_by_role_and_label(Role::Dialog, "Save workbook as")
                .is_some()
        );
        let typed = dir.path().join("ops");
        type_path(&mut h, "Path", &typed.display().to_string());
        h.key_press(Key::Enter);
        h.run();
        let answer = Outcome::Ok(dir.path().join("ops.shipshape.ron"));
        assert_eq!(h.state().answer, Some(answer));
    }

    #[test]
    fn an_empty_path_is_refused_and_cancel_answers_nothing() {
        let dialog = PathDialog::new(PathPurpose::ShareFolder, String::new(), None)
            .with_note("No file dialog is available here; type the path instead.");
        let mut h = harness(dialog, PathDialog::ui);
        assert!(
            h.query_by_label("No file dialog is available here; type the path instead.")
                .is_some()
        );
        h.get_by_label("OK").click();
        h.run();
        assert_eq!(h.state().answer, None);
        h.get_by_label("Cancel").click();
        h.run();
        assert_eq!(h.state().answer, Some(Outcome::Cancel));
    }

    #[test]
    fn saving_over_another_file_needs_a_second_ok() {
        let dir = tempfile::tempdir().unwrap();
        let existing = dir.path().join("other.shipshape.ron");
        std::fs::write(&existing, "").unwrap();
        let text = existing.display().to_string();
        let dialog = PathDialog::new(PathPurpose::SaveAs { then: None }, text.clone(), None);
        let mut h = harness(dialog, PathDialog::ui);
        h.get_by_label("OK").click();
        h.run();
        assert_eq!(h.state().answer, None);
        let note = format!("{text} exists; OK again replaces it.");
        assert!(h.query_by_label(&note).is_some());
        h.get_by_label("OK").click();
        h.run();
        assert_eq!(h.state().answer, Some(Outcome::Ok(existing.clone())));

        // Its own file: Save As over it is a plain save.
        let dialog = PathDialog::new(
            PathPurpose::SaveAs { then: None },
            text,
            Some(existing.clone()),
        );
        let mut h = harness(dialog, PathDialog::ui);
        h.get_by_label("OK").click();
        h.run();
        assert_eq!(h.state().answer, Some(Outcome::Ok(existing)));
    }
}
