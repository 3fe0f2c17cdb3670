//! Every user action that has a name: its label, its shortcut and where it
//! sits in the menus. Menus and the keyboard handler both read this enum, so
//! a shortcut is written once and the menu always shows the real one.
//!
//! Widgets do not change state themselves: they queue an [`Action`] (a
//! [`Command`] or an edit with its arguments) and the app applies the queue
//! once per frame in `command_handling.rs`, the one place where state changes.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::Status;

/// A named action, offered in a menu and maybe on a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    NewWorkbook,
    Open,
    ImportChecklist,
    OpenFolder,
    Save,
    SaveAs,
    History,
    UpdateFromTemplate,
    ExportPdf,
    Share,
    CloseWorkbook,
    Quit,

    Undo,
    Redo,
    CopySummary,
    EditWorkbook,
    StartReview,
    EndReview,
    Find,
    ClearFilters,
    ToggleRedOnly,
    ToggleOverdueOnly,
    ToggleRecheckOnly,
    ToggleConflictsOnly,

    SelectPrevious,
    SelectNext,
    SelectPageUp,
    SelectPageDown,
    SelectFirst,
    SelectLast,
    SetStatus(Status),
    FocusOwner,
    FocusDue,
    OpenEditor,
    AddItem,
    RenameItem,
    RemoveItem,
    MoveItemUp,
    MoveItemDown,
    AddCategory,
    RenameCategory,

    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleTheme,
    FollowSystemTheme,
    ShowPortfolio,
    ReviewHistory,
    Present,
}

/// Which menu a command appears in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Item,
    View,
}

/// Declares [`Command::ALL`] from a list of commands that is also matched
/// without a `_` arm: a command left out of the list (so out of the menus
/// and the keyboard handler), or a status left out of "Set status", does
/// not compile.
macro_rules! in_menu_order {
    ($($command:ident $(($($arg:tt)*))?),* $(,)?) => {
        /// Every command, in menu order.
        pub const ALL: &'static [Self] = &[$(Self::$command $(($($arg)*))?),*];

        /// Never called: the compiler checks that its match, and so `ALL`,
        /// covers every command.
        #[expect(dead_code, reason = "a compile-time check of `ALL`")]
        const fn all_is_complete(self) {
            match self {
                $(Self::$command $(($($arg)*))?)|* => {}
            }
        }
    };
}

impl Command {
    in_menu_order![
        NewWorkbook,
        Open,
        ImportChecklist,
        OpenFolder,
        Save,
        SaveAs,
        History,
        UpdateFromTemplate,
        ExportPdf,
        Share,
        CloseWorkbook,
        Quit,
        Undo,
        Redo,
        CopySummary,
        EditWorkbook,
        StartReview,
        EndReview,
        Find,
        ClearFilters,
        ToggleRedOnly,
        ToggleOverdueOnly,
        ToggleRecheckOnly,
        ToggleConflictsOnly,
        SelectPrevious,
        SelectNext,
        SelectPageUp,
        SelectPageDown,
        SelectFirst,
        SelectLast,
        SetStatus(Status::NotStarted),
        SetStatus(Status::InProgress),
        SetStatus(Status::Done),
        SetStatus(Status::Mitigated),
        SetStatus(Status::NotApplicable),
        FocusOwner,
        FocusDue,
        OpenEditor,
        AddItem,
        RenameItem,
        RemoveItem,
        MoveItemUp,
        MoveItemDown,
        AddCategory,
        RenameCategory,
        ZoomIn,
        ZoomOut,
        ZoomReset,
        ToggleTheme,
        FollowSystemTheme,
        ShowPortfolio,
        ReviewHistory,
        Present,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::NewWorkbook => "New workbook…",
            Self::Open => "Open…",
            Self::ImportChecklist => "Import checklist…",
            Self::OpenFolder => "Open folder…",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::History => "History…",
            Self::UpdateFromTemplate => "Update from template…",
            Self::ExportPdf => "Export PDF…",
            Self::Share => "Share…",
            Self::CloseWorkbook => "Close workbook",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::CopySummary => "Copy summary",
            Self::EditWorkbook => "Project and dates…",
            Self::StartReview => "Start review…",
            Self::EndReview => "End review…",
            Self::ReviewHistory => "Review history",
            Self::Find => "Find",
            Self::ClearFilters => "Clear filters",
            Self::ToggleRedOnly => "Red items only",
            Self::ToggleOverdueOnly => "Overdue items only",
            Self::ToggleRecheckOnly => "Re-check due only",
            Self::ToggleConflictsOnly => "Merge conflicts only",
            Self::SelectPrevious => "Previous item",
            Self::SelectNext => "Next item",
            Self::SelectPageUp => "A page up",
            Self::SelectPageDown => "A page down",
            Self::SelectFirst => "First item",
            Self::SelectLast => "Last item",
            Self::SetStatus(s) => s.label(),
            Self::FocusOwner => "Edit owner",
            Self::FocusDue => "Edit due date",
            Self::OpenEditor => "Open the editor",
            Self::AddItem => "Add item…",
            Self::RenameItem => "Edit title and description…",
            Self::RemoveItem => "Remove item",
            Self::MoveItemUp => "Move item up",
            Self::MoveItemDown => "Move item down",
            Self::AddCategory => "Add category…",
            Self::RenameCategory => "Rename category…",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Reset zoom",
            Self::ToggleTheme => "Switch dark/light",
            Self::FollowSystemTheme => "Follow system theme",
            Self::ShowPortfolio => "Portfolio",
            Self::Present => "Present",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Self::NewWorkbook => "Start a workbook from the built-in checklist or another workbook",
            Self::Open => "Open a .shipshape.ron workbook",
            Self::ImportChecklist => {
                "Make a workbook from a Markdown, CSV, Excel or Azure review checklist, after a preview"
            }
            Self::OpenFolder => {
                "Every workbook under a folder in one table, most urgent first (.gitignore honoured)"
            }
            Self::Save => "Save the workbook to its file",
            Self::SaveAs => "Save the workbook to a new file",
            Self::History => "Earlier versions of this file, kept by every save; restore one",
            Self::UpdateFromTemplate => {
                "Apply a new version of the checklist: answers stay, reworded items need confirming; shows what changes first"
            }
            Self::ExportPdf => "Print-ready PDF: the status report or the walkthrough checklist",
            Self::Share => {
                "Write the workbook and its report PDF into a folder, then start an email with the summary"
            }
            Self::CloseWorkbook => "Close the workbook and show the start view",
            Self::Quit => "Close the window",
            Self::Undo | Self::Redo => "A whole text edit or date pick is one step",
            Self::CopySummary => {
                "Copy the verdict and the red items (owners, due dates) as text for chat or email"
            }
            Self::EditWorkbook => "Change the project name, launch date and review date",
            Self::StartReview => {
                "Open the walkthrough on record: who attends, the verdict and every item now"
            }
            Self::EndReview => {
                "Sign the review off: go, go with conditions or no-go, and who approved"
            }
            Self::ReviewHistory => {
                "The reviews on record, what changed since the last, what stayed red, the trend"
            }
            Self::Find => "Search titles, owners, notes and mitigations",
            Self::ClearFilters => "Show every item",
            Self::ToggleRedOnly => "Show only items that block the launch",
            Self::ToggleOverdueOnly => "Show only red items past their due date",
            Self::ToggleRecheckOnly => {
                "Show only done items whose re-check is overdue, or due before launch or within 14 days"
            }
            Self::ToggleConflictsOnly => "Show only items a git merge left in conflict",
            Self::SelectPrevious
            | Self::SelectNext
            | Self::SelectPageUp
            | Self::SelectPageDown
            | Self::SelectFirst
            | Self::SelectLast => "Move through the listed items",
            Self::SetStatus(_) => "Set the selected item's status",
            Self::FocusOwner => "Jump to the selected item's owner field",
            Self::FocusDue => "Type the due date: 2027-01-15, +2w, fri, T-14, none",
            Self::OpenEditor => {
                "In a small window the editor replaces the list: Enter opens it, Esc goes back"
            }
            Self::AddItem => "Add an item to the selected item's category",
            Self::RenameItem => "Rename or re-describe the selected item (its ID stays)",
            Self::RemoveItem => "Remove the selected item, asking first if it has answers",
            Self::MoveItemUp | Self::MoveItemDown => "Reorder the item within its category",
            Self::AddCategory => "Add a category at the end",
            Self::RenameCategory => "Rename the selected item's category",
            Self::ZoomIn | Self::ZoomOut | Self::ZoomReset => {
                "Make everything larger for a projector"
            }
            Self::ToggleTheme => "Switch between dark and light",
            Self::FollowSystemTheme => "Use the system's dark or light preference",
            Self::ShowPortfolio => "Back to the table of every workbook in the folder opened",
            Self::Present => {
                "Full screen, one item at a time, for the projector, with the meeting clock (Esc leaves)"
            }
        }
    }

    /// The shortcut shown in the menu.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        let none = Modifiers::NONE;
        let k = KeyboardShortcut::new;
        Some(match self {
            Self::NewWorkbook => k(cmd, Key::N),
            Self::Open => k(cmd, Key::O),
            Self::OpenFolder => k(cmd_shift, Key::O),
            Self::Save => k(cmd, Key::S),
            Self::SaveAs => k(cmd_shift, Key::S),
            Self::ExportPdf => k(cmd, Key::P),
            Self::CopySummary => k(cmd_shift, Key::C),
            Self::CloseWorkbook => k(cmd, Key::W),
            Self::Quit => k(cmd, Key::Q),
            Self::Undo => k(cmd, Key::Z),
            Self::Redo => k(cmd_shift, Key::Z),
            Self::Find => k(cmd, Key::F),
            Self::SelectPrevious => k(none, Key::ArrowUp),
            Self::SelectNext => k(none, Key::ArrowDown),
            Self::SelectPageUp => k(none, Key::PageUp),
            Self::SelectPageDown => k(none, Key::PageDown),
            Self::SelectFirst => k(none, Key::Home),
            Self::SelectLast => k(none, Key::End),
            Self::SetStatus(s) => k(none, DIGITS[s.index()]),
            Self::FocusOwner => k(none, Key::O),
            Self::FocusDue => k(none, Key::D),
            Self::OpenEditor => k(none, Key::Enter),
            Self::RenameItem => k(none, Key::F2),
            Self::RemoveItem => k(none, Key::Delete),
            Self::MoveItemUp => k(Modifiers::ALT, Key::ArrowUp),
            Self::MoveItemDown => k(Modifiers::ALT, Key::ArrowDown),
            Self::ZoomIn => k(cmd, Key::Plus),
            Self::ZoomOut => k(cmd, Key::Minus),
            Self::ZoomReset => k(cmd, Key::Num0),
            Self::ReviewHistory => k(cmd_shift, Key::H),
            Self::Present => k(none, Key::F5),
            Self::EditWorkbook
            | Self::StartReview
            | Self::EndReview
            | Self::History
            | Self::UpdateFromTemplate
            | Self::ImportChecklist
            | Self::Share
            | Self::ClearFilters
            | Self::ToggleRedOnly
            | Self::ToggleOverdueOnly
            | Self::ToggleRecheckOnly
            | Self::ToggleConflictsOnly
            | Self::AddItem
            | Self::AddCategory
            | Self::RenameCategory
            | Self::ToggleTheme
            | Self::FollowSystemTheme
            | Self::ShowPortfolio => return None,
        })
    }

    /// Another key for the same command, not shown in menus.
    pub fn secondary_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            // Ctrl and the `=`/`+` key, without Shift, arrives as `=`.
            Self::ZoomIn => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals)),
            _ => None,
        }
    }

    /// Both shortcuts.
    pub fn shortcuts(self) -> impl Iterator<Item = KeyboardShortcut> {
        self.shortcut().into_iter().chain(self.secondary_shortcut())
    }

    pub fn menu(self) -> Menu {
        match self {
            Self::NewWorkbook
            | Self::Open
            | Self::ImportChecklist
            | Self::OpenFolder
            | Self::Save
            | Self::SaveAs
            | Self::History
            | Self::UpdateFromTemplate
            | Self::ExportPdf
            | Self::Share
            | Self::CloseWorkbook
            | Self::Quit => Menu::File,
            Self::Undo
            | Self::Redo
            | Self::CopySummary
            | Self::EditWorkbook
            | Self::StartReview
            | Self::EndReview
            | Self::Find
            | Self::ClearFilters
            | Self::ToggleRedOnly
            | Self::ToggleOverdueOnly
            | Self::ToggleRecheckOnly
            | Self::ToggleConflictsOnly => Menu::Edit,
            Self::SelectPrevious
            | Self::SelectNext
            | Self::SelectPageUp
            | Self::SelectPageDown
            | Self::SelectFirst
            | Self::SelectLast
            | Self::SetStatus(_)
            | Self::FocusOwner
            | Self::FocusDue
            | Self::OpenEditor
            | Self::AddItem
            | Self::RenameItem
            | Self::RemoveItem
            | Self::MoveItemUp
            | Self::MoveItemDown
            | Self::AddCategory
            | Self::RenameCategory => Menu::Item,
            Self::ZoomIn
            | Self::ZoomOut
            | Self::ZoomReset
            | Self::ToggleTheme
            | Self::FollowSystemTheme
            | Self::ShowPortfolio
            | Self::ReviewHistory
            | Self::Present => Menu::View,
        }
    }

    /// Whether a separator goes before this command in its menu.
    pub fn starts_group(self) -> bool {
        matches!(
            self,
            Self::ExportPdf
                | Self::CloseWorkbook
                | Self::Quit
                | Self::CopySummary
                | Self::EditWorkbook
                | Self::StartReview
                | Self::Find
                | Self::SetStatus(Status::NotStarted)
                | Self::FocusOwner
                | Self::AddItem
                | Self::AddCategory
                | Self::ToggleTheme
                | Self::ShowPortfolio
                | Self::Present
        )
    }

    /// Whether the command needs an open workbook.
    pub fn needs_workbook(self) -> bool {
        !matches!(
            self,
            Self::NewWorkbook
                | Self::Open
                | Self::ImportChecklist
                | Self::OpenFolder
                | Self::ShowPortfolio
                | Self::Quit
                | Self::ZoomIn
                | Self::ZoomOut
                | Self::ZoomReset
                | Self::ToggleTheme
                | Self::FollowSystemTheme
        )
    }

    /// Whether the command acts on the selected item.
    pub fn needs_selection(self) -> bool {
        matches!(
            self,
            Self::SetStatus(_)
                | Self::FocusOwner
                | Self::FocusDue
                | Self::OpenEditor
                | Self::RenameItem
                | Self::RemoveItem
                | Self::MoveItemUp
                | Self::MoveItemDown
                | Self::RenameCategory
        )
    }

    /// Whether the command's shortcut still acts while a dialog is open:
    /// only the zoom, which the room watching a projector needs for the
    /// dialog too.
    pub fn acts_over_dialogs(self) -> bool {
        matches!(self, Self::ZoomIn | Self::ZoomOut | Self::ZoomReset)
    }

    /// Whether the command's shortcut still acts over the presenter view,
    /// whose own keys replace the table's (see `present::keys`).
    pub fn acts_while_presenting(self) -> bool {
        matches!(
            self,
            Self::Save
                | Self::SaveAs
                | Self::Quit
                | Self::Undo
                | Self::Redo
                | Self::ZoomIn
                | Self::ZoomOut
                | Self::ZoomReset
        )
    }

    /// Commands whose shortcut has no Ctrl/Cmd are typing keys: they act only
    /// when no text field has the keyboard.
    pub fn is_typing_key(shortcut: &KeyboardShortcut) -> bool {
        !shortcut.modifiers.command && !shortcut.modifiers.ctrl && !shortcut.modifiers.mac_cmd
    }

    /// Every (command, shortcut) pair, most specific first: egui matches
    /// shortcuts ignoring extra Shift and Alt, so Ctrl+Shift+S must be tried
    /// before Ctrl+S and Alt+↑ before ↑.
    pub fn shortcut_table() -> Vec<(Self, KeyboardShortcut)> {
        let mut all: Vec<(Self, KeyboardShortcut)> = Self::ALL
            .iter()
            .flat_map(|&c| c.shortcuts().map(move |s| (c, s)))
            .collect();
        all.sort_by_key(|(_, s)| {
            let m = s.modifiers;
            std::cmp::Reverse(u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl))
        });
        all
    }
}

const DIGITS: [Key; 5] = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5];

mod action;

pub use action::{Action, AfterClose, GuardAnswer, TemplateSource};

#[cfg(test)]
mod tests;
