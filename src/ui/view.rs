//! How the window looks at the document: selection, filters, open dialogs,
//! messages. None of it is saved in the workbook or undone by Undo.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::command::{AfterClose, TemplateSource};
use super::conflicts::ResolveDialog;
use super::dialogs::{
    ItemTextDialog, RemoveItemDialog, TextPrompt, UnsavedChanges, WorkbookDialog,
};
use super::export::{ExportDialog, PdfRequest, ShareDialog, ShareDone};
use super::file_dialog::PathDialog;
use super::filter::Filter;
use super::history::HistoryDialog;
use super::recovery::RecoveryOffer;
use super::review::{ActionDraft, EndReviewDialog, StartReviewDialog};
use super::upgrade::UpgradeDialog;
use crate::model::{ItemLocation, Status, Workbook};

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

/// The dialog over the window, if any. Each edits a scratch copy (see
/// `dialogs`), so Cancel costs nothing and OK is one undo step; the extra
/// fields say what its answer is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    UnsavedChanges {
        dialog: UnsavedChanges,
        /// What to do once the question is answered.
        then: AfterClose,
    },
    Path(PathDialog),
    AddItem {
        category: usize,
        prompt: TextPrompt,
    },
    RenameItem(ItemTextDialog),
    /// Delete on an item with answers asks first.
    RemoveItem(RemoveItemDialog),
    AddCategory(TextPrompt),
    Workbook(WorkbookDialog),
    RenameCategory {
        index: usize,
        prompt: TextPrompt,
    },
    ExportPdf(ExportDialog),
    Share(ShareDialog),
    /// Share… wrote its files; the mail app was asked to open.
    ShareDone(ShareDone),
    ResolveConflict(ResolveDialog),
    Recovery(RecoveryOffer),
    History(HistoryDialog),
    Upgrade(Box<UpgradeDialog>),
    /// The preview of a checklist to import.
    Import(Box<super::import::ImportDialog>),
    StartReview(StartReviewDialog),
    EndReview(EndReviewDialog),
}

/// The New form on the start view.
#[derive(Debug, Clone, PartialEq)]
pub struct NewForm {
    pub project: String,
    pub launch: Option<NaiveDate>,
    pub template: TemplateSource,
    pub template_text: String,
    /// The user's template folder, read when the form was made.
    pub user_templates: Vec<TemplateEntry>,
    /// The Project field takes the keyboard when the form appears.
    pub focus_project: bool,
}

/// A template in the user's template folder, for the New form.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateEntry {
    /// The file name without `.shipshape.ron`.
    pub name: String,
    pub path: PathBuf,
    /// Its project name (what the checklist calls itself), or why it does
    /// not load.
    pub project: Result<String, String>,
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
    /// Items with a re-check interval, and those whose re-check is
    /// overdue or due soon.
    pub rechecked: usize,
    pub recheck_due: usize,
}

impl Derived {
    /// The figures for `wb` as filtered, judged as of `today`.
    pub fn new(wb: &Workbook, filter: &Filter, today: NaiveDate) -> Self {
        let verdict = wb.verdict(today);
        let mut counts = [0; 5];
        for s in Status::ALL {
            counts[s.index()] = verdict.counts.get(s);
        }
        let categories = wb
            .categories
            .iter()
            .map(|c| {
                let (pass, total) = verdict.category_progress(c);
                (pass, total - pass, total)
            })
            .collect();
        Self {
            key: None,
            rows: filter.apply(wb, today),
            known_owners: known_owners(wb),
            counts,
            red: verdict.red_count(),
            overdue: verdict.overdue().count(),
            total: verdict.checks.len(),
            headline: verdict.headline(),
            ready: verdict.ready(),
            categories,
            warnings: verdict
                .warnings
                .iter()
                .map(|w| super::text::clip(&w.to_string()).into_owned())
                .collect(),
            conflicts: wb.conflicts.len()
                + wb.items().map(|(_, i)| i.conflicts.len()).sum::<usize>(),
            rechecked: wb.items().filter(|(_, i)| i.every.is_some()).count(),
            recheck_due: wb
                .items()
                .filter(|(_, i)| i.recheck(today, wb.launch).is_some())
                .count(),
        }
    }
}

/// The people to suggest and filter by: [`Workbook::known_owners`] without
/// the "names" too long to edit (a log pasted into an owner field), which
/// this list would copy on every edit and no one picks from a list.
fn known_owners(wb: &Workbook) -> Vec<String> {
    wb.known_owners_where(|name| !super::text::too_long(name))
}

#[derive(Debug, Default)]
pub struct ViewState {
    /// The selected item, by ID so it survives reordering.
    pub selected: Option<String>,
    pub filter: Filter,
    pub modal: Option<Modal>,
    pub messages: Vec<Message>,
    /// Requests to the next frame drawn: move the keyboard focus, scroll
    /// the selected row into view. Widgets only read them; the app clears
    /// them once a frame has been drawn.
    pub focus_search: bool,
    /// The editor field to take the keyboard focus (`O` owner, `D` due).
    pub focus_field: Option<crate::model::ItemField>,
    pub scroll_to_selected: bool,
    /// The search field, drawn last frame: typing there may move the
    /// selection off what the search hides (typing in the editor may not).
    pub search_id: Option<egui::Id>,
    /// A text field had the keyboard when the last frame began: a typing
    /// key in the frame after must not act on the item (see
    /// `ShipshapeApp::shortcuts`).
    pub typed_last_frame: bool,
    /// How many rows PageDown and PageUp move by: the table's rows in
    /// view less one, measured when it was last drawn.
    pub rows_per_page: usize,
    /// This frame's layout, chosen from the window's size in points.
    pub layout: super::layout::Arrangement,
    /// The central area's height that the filter bar, the table's header
    /// and its minimum rows took last frame: what a bottom editor leaves.
    pub table_needs: f32,
    /// The editor sheet is open: in a window too small for the editor
    /// beside or under the list, it takes the list's place (Enter opens it,
    /// Esc or "◀ List" closes it).
    pub editor_sheet: bool,
    /// While a dialog is open: what had the keyboard before it opened,
    /// given back when it closes.
    pub dialog_focus: Option<Option<egui::Id>>,
    /// The widget to give the keyboard back to in the next frame.
    pub refocus: Option<egui::Id>,
    /// A row of the table had the keyboard last frame: moving the
    /// selection with the keys moves it to the new row.
    pub row_focused: bool,
    pub new_form: Option<NewForm>,
    pub recent: Option<Vec<RecentEntry>>,
    pub derived: Derived,
    /// Scratch text of the "add link" field of the editor.
    pub new_link: String,
    /// Scratch text of the editor's custom re-check interval field.
    pub interval_text: String,
    /// The Export PDF dialog's last settings, offered again next time.
    pub pdf_prefs: Option<PdfRequest>,
    /// The open file was deleted or renamed on disk (a banner offers Save
    /// here / Save As / Close).
    pub file_missing: bool,
    /// "Save here" was chosen: the next save may recreate the file.
    pub save_here: bool,
    /// The file on disk as last found unreadable, so the error is said once
    /// per change and Save keeps refusing it.
    pub disk_unreadable: Option<crate::storage::Fingerprint>,
    /// A file just opened, not on the recent list yet: it joins once a
    /// frame showing it has been drawn (true from then) and painted, so a
    /// file the window cannot show is never reopened by a plain start.
    pub pending_recent: Option<(PathBuf, bool)>,
    /// The decision or action being typed in the editor during a review.
    pub action_draft: ActionDraft,
    /// View → Review history is shown.
    pub show_review_history: bool,
}

impl ViewState {
    /// Selects `id` and drops the drafts typed for the item selected before
    /// (a link being added, interval text), so they never land on
    /// another item.
    pub fn select(&mut self, id: Option<String>) {
        self.selected = id;
        self.new_link.clear();
        self.interval_text.clear();
        self.action_draft = ActionDraft::default();
    }

    /// Opens the editor sheet for the selected item, where the layout
    /// has one; elsewhere the editor is always in view.
    pub fn open_editor_sheet(&mut self) {
        if self.layout.editor == super::layout::Editor::Sheet && self.selected.is_some() {
            self.editor_sheet = true;
        }
    }

    /// Whether the editor sheet is what the central area shows.
    pub fn showing_editor_sheet(&self) -> bool {
        self.editor_sheet
            && self.selected.is_some()
            && self.layout.editor == super::layout::Editor::Sheet
    }

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

    /// The frame just drawn has acted on the one-frame requests.
    pub fn requests_drawn(&mut self) {
        self.focus_search = false;
        self.focus_field = None;
        self.scroll_to_selected = false;
    }

    /// Takes an error or warning off the screen.
    pub fn dismiss(&mut self, index: usize) {
        if index < self.messages.len() {
            self.messages.remove(index);
        }
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
