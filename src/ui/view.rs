//! How the window looks at the document: selection, filters, open dialogs,
//! messages. None of it is saved in the workbook or undone by Undo.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::command::{AfterClose, TemplateSource};
use super::file_dialog::PathPurpose;
use super::filter::Filter;
use crate::export::pdf::{Paper, PdfKind};
use crate::model::ItemLocation;

/// Severity of a message shown in the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Error,
    /// Done, but with something the user must know (a PDF with characters
    /// no font has); shown with the errors until dismissed.
    Warning,
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub kind: MessageKind,
    pub text: String,
    /// About the app rather than the last action or the open workbook (the
    /// recent-files list cannot be written): still true when another
    /// workbook opens, so it stays until dismissed.
    pub lasting: bool,
}

/// What the Export PDF dialog settled on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfRequest {
    pub kind: PdfKind,
    pub paper: Paper,
    pub as_of: NaiveDate,
    pub open_after: bool,
}

/// A dialog over the window. Dialogs edit a scratch copy and commit on OK,
/// so Cancel costs nothing and OK is one undo step.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    UnsavedChanges {
        then: AfterClose,
    },
    Path {
        purpose: PathPurpose,
        text: String,
        note: Option<String>,
    },
    AddItem {
        category: usize,
        title: String,
    },
    RenameItem {
        id: String,
        title: String,
        description: String,
    },
    AddCategory {
        name: String,
    },
    Workbook {
        project: String,
        launch: Option<NaiveDate>,
        review: Option<NaiveDate>,
    },
    RenameCategory {
        index: usize,
        name: String,
    },
    /// The Export PDF dialog, on a scratch copy of the settings.
    ExportPdf(PdfRequest),
    /// Share…: what it does, before the folder is asked for.
    Share,
    /// Share… wrote its files; the mail app was asked to open.
    ShareDone {
        folder: PathBuf,
        files: Vec<String>,
        mailto: String,
    },
    /// A value of one's own for a merge conflict (`item_id` empty for a
    /// workbook field).
    ResolveConflict {
        item_id: String,
        field: String,
        label: String,
        text: String,
        error: Option<String>,
    },
}

/// The New form on the start view.
#[derive(Debug, Clone, PartialEq)]
pub struct NewForm {
    pub project: String,
    pub launch: Option<NaiveDate>,
    pub template: TemplateSource,
    pub template_text: String,
}

/// One line of the start view's recent list.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentEntry {
    pub path: PathBuf,
    pub summary: Result<RecentSummary, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecentSummary {
    pub project: String,
    pub headline: String,
    pub ready: bool,
    pub launch: Option<NaiveDate>,
}

/// Figures derived from the workbook, recomputed only when it or the filter
/// changes (a 10,000-item workbook must still draw in a few milliseconds).
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub key: Option<(u64, Filter, NaiveDate)>,
    /// Items the table lists.
    pub rows: Vec<ItemLocation>,
    pub known_owners: Vec<String>,
    pub counts: [usize; 5],
    pub red: usize,
    pub overdue: usize,
    pub total: usize,
    pub headline: String,
    pub ready: bool,
    /// Per category: (passing, red, total).
    pub categories: Vec<(usize, usize, usize)>,
    pub warnings: Vec<String>,
    /// Unresolved merge conflicts, on items and on the workbook.
    pub conflicts: usize,
}

#[derive(Debug, Default)]
pub struct ViewState {
    /// The selected item, by ID so it survives reordering.
    pub selected: Option<String>,
    pub filter: Filter,
    pub modal: Option<Modal>,
    pub messages: Vec<Message>,
    /// Set for one frame to move keyboard focus.
    pub focus_search: bool,
    pub focus_owner: bool,
    /// Scroll the selected row into view, once.
    pub scroll_to_selected: bool,
    pub new_form: Option<NewForm>,
    pub recent: Option<Vec<RecentEntry>>,
    pub derived: Derived,
    /// Scratch text of the "add link" field of the editor.
    pub new_link: String,
    /// The Export PDF dialog's last settings, offered again next time.
    pub pdf_prefs: Option<PdfRequest>,
}

impl ViewState {
    pub fn error(&mut self, text: impl Into<String>) {
        self.push(MessageKind::Error, text.into(), false);
    }

    /// An error about the app itself, kept when another workbook opens.
    pub fn lasting_error(&mut self, text: impl Into<String>) {
        self.push(MessageKind::Error, text.into(), true);
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.push(MessageKind::Info, text.into(), false);
    }

    pub fn warning(&mut self, text: impl Into<String>) {
        self.push(MessageKind::Warning, text.into(), false);
    }

    fn push(&mut self, kind: MessageKind, text: String, lasting: bool) {
        // Info messages replace each other; errors and warnings stay until
        // dismissed or until the workbook they are about is gone.
        self.messages
            .retain(|m| m.kind != MessageKind::Info && m.text != text);
        self.messages.push(Message {
            kind,
            text,
            lasting,
        });
    }

    /// Drops what the workbook just closed made true: errors of earlier
    /// actions (a file that would not open), warnings about its PDFs, notes.
    /// Whatever still holds for the next workbook is said again as it opens.
    pub fn clear_stale_messages(&mut self) {
        self.messages.retain(|m| m.lasting);
    }
}
