//! What a widget or a key asks for ([`Action`]), queued and applied once
//! per frame by `command_handling`, and the small answers actions carry.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use super::Command;
use crate::model::portfolio::Column;
use crate::model::{ItemField, Resolution, Status, UpgradeOptions, Workbook};
use crate::storage::Loaded;
use crate::ui::background::Report;
use crate::ui::export::PdfRequest;
use crate::ui::file_dialog::PathPurpose;
use crate::ui::filter::OwnerFilter;
use crate::ui::portfolio::PortfolioFilter;
use crate::ui::present::PresentAction;
use crate::ui::recovery::{RecoveryChoice, RecoveryOffer};
use crate::ui::review::ReviewEdit;

/// Where a new workbook's checklist comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateSource {
    Builtin,
    File(PathBuf),
}

/// What to do once the unsaved-changes question is answered (or was not
/// needed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterClose {
    CloseWindow,
    ShowStart,
    /// Show a workbook already read from its file.
    Open(PathBuf, Box<Loaded>),
    /// Show a workbook made by an import, unsaved.
    Imported(Box<Workbook>),
}

/// The user's answer to "Save changes?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuardAnswer {
    Save,
    Discard,
    Cancel,
}

/// Something to do, queued by a widget or a key and applied once per frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Run(Command),
    Select(Option<String>),
    SetStatus(String, Status),
    /// Sets an item's field from its text form (a picked date, say): one
    /// undo step, and the field's merge conflict is settled.
    SetField {
        id: String,
        field: ItemField,
        value: String,
    },
    /// A known person picked for a person field (the owner): it completes
    /// what was typed there, so it joins that typing's undo step.
    SetPerson(String, ItemField, String),
    AddEvidence(String, String),
    RemoveEvidence(String, usize),
    /// `None` keeps a text too long to edit in the window as it is.
    EditItemText {
        id: String,
        title: Option<String>,
        description: Option<String>,
    },
    AddItem(usize, String),
    /// Removes this item (Delete, once answered if it asked).
    RemoveItem(String),
    AddCategory(String),
    RenameCategory(usize, String),
    /// Moves the launch (the header's launch date): relative due dates
    /// follow, as one undo step.
    SetLaunch(Option<NaiveDate>),
    /// `None` keeps a project name too long to edit as it is.
    SetWorkbookInfo {
        project: Option<String>,
        launch: Option<NaiveDate>,
        review: Option<NaiveDate>,
    },
    SelectCategory(Option<usize>),
    /// Back from the editor sheet to the list.
    CloseEditorSheet,
    FilterStatus(Option<Status>),
    FilterOwner(OwnerFilter),
    /// The search field's text.
    FilterText(String),
    OpenPath(PathBuf),
    /// A checklist to import (dropped, or given on the command line): its
    /// preview.
    ImportPath(PathBuf),
    /// Show the portfolio of every workbook under this folder.
    OpenFolder(PathBuf),
    /// Read the portfolio's folder again (the watcher saw a change).
    RescanPortfolio,
    /// A portfolio column heading was clicked.
    SortPortfolio(Column),
    FilterPortfolio(PortfolioFilter),
    SaveTo {
        path: PathBuf,
        /// What to do after a successful save (closing, opening another).
        then: Option<AfterClose>,
    },
    NewWorkbook {
        project: String,
        launch: Option<NaiveDate>,
        template: TemplateSource,
    },
    OpenSample,
    /// The editor's Confirm wording: the item holds as the checklist now
    /// words it.
    ConfirmWording(String),
    /// Apply in the Update from template preview.
    ApplyUpgrade(Arc<Workbook>, UpgradeOptions),
    /// Ask for a path (native dialog or the path field).
    Browse(PathPurpose),
    /// Ask for a new item's title, in this category.
    AskAddItem(usize),
    /// Ask for this category's new name.
    AskRenameCategory(usize),
    /// Ask for a value of one's own for a merge conflict (`item_id` empty
    /// for a workbook field).
    AskConflictValue {
        item_id: String,
        field: String,
    },
    /// The Export PDF dialog settled on these settings: remember them and
    /// ask where the PDF goes.
    ExportPdfSettled(PdfRequest),
    /// A path came back from the path field or a native dialog.
    PathChosen {
        purpose: PathPurpose,
        path: PathBuf,
    },
    ForgetRecent(PathBuf),
    /// Closes the workbook (asking first if it has unsaved changes), then …
    CloseThen(AfterClose),
    Guard(GuardAnswer),
    DismissMessage(usize),
    /// Settles a merge conflict (`item_id` empty for a workbook field).
    ResolveConflict {
        item_id: String,
        field: String,
        resolution: Resolution,
    },
    /// Opens a file or folder with the system's default application.
    OpenInSystem(PathBuf),
    /// A `mailto:` link for the mail app, through the system's opener so
    /// that a failure is known (Share…).
    OpenMail(String),

    /// Background work finished (`background.rs`).
    Background(Report),

    /// Compare the open file with what the window last saw (`disk.rs`).
    CheckDisk,
    /// The open file was deleted or renamed: write it back where it was.
    SaveHere,
    /// Offer a leftover recovery copy of this file (`None`: of a workbook
    /// never saved).
    OfferRecovery(Option<PathBuf>),
    RecoveryAnswered(Box<RecoveryOffer>, RecoveryChoice),
    /// Restore this version from the history.
    RestoreVersion(PathBuf),
    /// Start, end or add a decision to a review (one undo step).
    Review(ReviewEdit),
    /// A presenter view key, button or field (`present`).
    Present(PresentAction),
}
