//! The one vocabulary of fields: every item field ([`ItemField`]) and
//! workbook field ([`WorkbookField`]) with its name in the file, its label,
//! its kind, and how to read, write and copy it as text.
//!
//! Merge, diff, conflict resolution, the text and CSV exports, the Markdown
//! labels, `set`, `check --json`, the conflict views and the editor all go
//! through these enums, so a new field is added here once and the compiler
//! (exhaustive matches) lists every place that must say something about it.
//! Values travel as text — dates `YYYY-MM-DD` or empty, the status as its
//! CLI word, evidence one link per line — so a value recorded in a merge
//! conflict can always be put back into the field it came from.

use chrono::NaiveDate;

use super::{Due, DueError, Interval, IntervalError, Item, Status};

mod kind;
mod workbook;
pub use kind::FieldKind;
use workbook::workbook_field_names;
pub use workbook::{WorkbookField, category_name_field, category_of_field};

/// A field of an item. [`ItemField::ALL`] is file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemField {
    Title,
    Description,
    Status,
    Owner,
    Due,
    MitigationText,
    MitigationAcceptedBy,
    MitigationUntil,
    Notes,
    Evidence,
    Verified,
    Every,
    Reworded,
}

impl ItemField {
    /// Every item field, in file order (a test checks it against
    /// [`ItemField::index`], whose match the compiler keeps exhaustive).
    pub const ALL: [Self; 13] = [
        Self::Title,
        Self::Description,
        Self::Status,
        Self::Owner,
        Self::Due,
        Self::MitigationText,
        Self::MitigationAcceptedBy,
        Self::MitigationUntil,
        Self::Notes,
        Self::Evidence,
        Self::Verified,
        Self::Every,
        Self::Reworded,
    ];

    /// Position in [`ItemField::ALL`].
    pub fn index(self) -> usize {
        match self {
            Self::Title => 0,
            Self::Description => 1,
            Self::Status => 2,
            Self::Owner => 3,
            Self::Due => 4,
            Self::MitigationText => 5,
            Self::MitigationAcceptedBy => 6,
            Self::MitigationUntil => 7,
            Self::Notes => 8,
            Self::Evidence => 9,
            Self::Verified => 10,
            Self::Every => 11,
            Self::Reworded => 12,
        }
    }

    /// The field's name as the file, merge conflicts and `shipshape
    /// resolve` write it (`mitigation.until`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Description => "description",
            Self::Status => "status",
            Self::Owner => "owner",
            Self::Due => "due",
            Self::MitigationText => "mitigation.text",
            Self::MitigationAcceptedBy => "mitigation.accepted_by",
            Self::MitigationUntil => "mitigation.until",
            Self::Notes => "notes",
            Self::Evidence => "evidence",
            Self::Verified => "verified",
            Self::Every => "every",
            Self::Reworded => "reworded",
        }
    }

    /// The field named `name` (see [`ItemField::name`]).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The field's label on screen and paper ("Accepted until").
    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "Title",
            Self::Description => "Description",
            Self::Status => "Status",
            Self::Owner => "Owner",
            Self::Due => "Due date",
            Self::MitigationText => "Mitigation",
            Self::MitigationAcceptedBy => "Accepted by",
            Self::MitigationUntil => "Accepted until",
            Self::Notes => "Notes",
            Self::Evidence => "Evidence",
            Self::Verified => "Last verified",
            Self::Every => "Re-check every",
            Self::Reworded => "Previous wording",
        }
    }

    /// The field in a sentence ("a merge conflict on the …").
    pub fn noun(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Description => "description",
            Self::Status => "status",
            Self::Owner => "owner",
            Self::Due => "due date",
            Self::MitigationText => "mitigation",
            Self::MitigationAcceptedBy => "mitigation accepted by",
            Self::MitigationUntil => "mitigation accepted until",
            Self::Notes => "notes",
            Self::Evidence => "evidence links",
            Self::Verified => "last verified date",
            Self::Every => "re-check interval",
            Self::Reworded => "previous wording",
        }
    }

    /// The key in CSV headers and JSON (`accepted_by`), and, with `-` for
    /// `_`, the `shipshape set` flag.
    pub fn key(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Description => "description",
            Self::Status => "status",
            Self::Owner => "owner",
            Self::Due => "due",
            Self::MitigationText => "mitigation",
            Self::MitigationAcceptedBy => "accepted_by",
            Self::MitigationUntil => "until",
            Self::Notes => "notes",
            Self::Evidence => "evidence",
            Self::Verified => "verified",
            Self::Every => "every",
            Self::Reworded => "reworded",
        }
    }

    /// What the field means, for help texts and tooltips.
    pub fn help(self) -> &'static str {
        match self {
            Self::Title => "What must be true before launch",
            Self::Description => "What done means for this item",
            Self::Status => "not-started, in-progress, done, mitigated or not-applicable",
            Self::Owner => "Who makes it happen; empty for nobody",
            Self::Due => {
                "When it must be done: YYYY-MM-DD, today, +2w, -3d, fri (as of today), or relative to launch (T-14 = 14 days before, T+7 after, T on the day), or none"
            }
            Self::MitigationText => {
                "What lets it ship although it is not done (for not-applicable: the reason)"
            }
            Self::MitigationAcceptedBy => "Who accepted the mitigation",
            Self::MitigationUntil => {
                "Last day the mitigation is accepted (YYYY-MM-DD, +3m, T+30…), or none"
            }
            Self::Notes => "Anything said about it; adding appends a paragraph",
            Self::Evidence => "Links that show it is done; adding adds one",
            Self::Verified => {
                "Last day it was confirmed still true (YYYY-MM-DD), or none; setting the status to done records today"
            }
            Self::Every => "How often a done item is re-checked (90d, 2w, 3m, quarterly…), or none",
            Self::Reworded => {
                "The wording before a template upgrade changed it; the item is red until the new wording is confirmed (empty)"
            }
        }
    }

    pub fn kind(self) -> FieldKind {
        match self {
            Self::Title | Self::MitigationAcceptedBy => FieldKind::Text,
            Self::Description | Self::MitigationText | Self::Notes | Self::Reworded => {
                FieldKind::Multiline
            }
            Self::Owner => FieldKind::Person,
            Self::Due => FieldKind::Due,
            Self::MitigationUntil | Self::Verified => FieldKind::Date,
            Self::Every => FieldKind::Interval,
            Self::Status => FieldKind::Status,
            Self::Evidence => FieldKind::Links,
        }
    }

    /// Whether the field holds the team's answer about the item rather
    /// than the checklist's own text: not the title, description or
    /// re-check interval (a template sets them) nor the previous wording
    /// (an upgrade does).
    pub fn is_answer(self) -> bool {
        !matches!(
            self,
            Self::Title | Self::Description | Self::Every | Self::Reworded
        )
    }

    /// Whether a value given to `shipshape set` (or a merge where both
    /// sides only added) adds to the field instead of replacing it: notes
    /// are a log, evidence a set of links.
    pub fn accumulates(self) -> bool {
        matches!(self, Self::Notes | Self::Evidence)
    }

    /// The value in text form.
    pub fn get(self, item: &Item) -> String {
        match self {
            Self::Title => item.title.clone(),
            Self::Description => item.description.clone(),
            Self::Status => item.status.cli_word().to_owned(),
            Self::Owner => item.owner.clone(),
            Self::Due => item.due.map(|d| d.to_string()).unwrap_or_default(),
            Self::MitigationText => item.mitigation.text.clone(),
            Self::MitigationAcceptedBy => item.mitigation.accepted_by.clone(),
            Self::MitigationUntil => date_text(item.mitigation.until),
            Self::Notes => item.notes.clone(),
            Self::Evidence => item.evidence.join("\n"),
            Self::Verified => date_text(item.verified),
            Self::Every => item.every.map(|i| i.to_string()).unwrap_or_default(),
            Self::Reworded => item.reworded.clone(),
        }
    }

    /// The value for people: the status's label, "none" for no date,
    /// otherwise the text form.
    pub fn display(self, item: &Item) -> String {
        match self {
            Self::Status => item.status.label().to_owned(),
            _ => self.get(item),
        }
    }

    /// The text of a text field, borrowed (a field may be megabytes long);
    /// `None` for dates, the status, links and intervals.
    pub fn text(self, item: &Item) -> Option<&str> {
        match self {
            Self::Title => Some(&item.title),
            Self::Description => Some(&item.description),
            Self::Owner => Some(&item.owner),
            Self::MitigationText => Some(&item.mitigation.text),
            Self::MitigationAcceptedBy => Some(&item.mitigation.accepted_by),
            Self::Notes => Some(&item.notes),
            Self::Reworded => Some(&item.reworded),
            Self::Status
            | Self::Due
            | Self::MitigationUntil
            | Self::Evidence
            | Self::Verified
            | Self::Every => None,
        }
    }

    /// The text a field of this kind edits in place, for text widgets; `None`
    /// for dates, the status and links, which are set through
    /// [`Item::set_field`].
    pub fn text_mut(self, item: &mut Item) -> Option<&mut String> {
        match self {
            Self::Title => Some(&mut item.title),
            Self::Description => Some(&mut item.description),
            Self::Owner => Some(&mut item.owner),
            Self::MitigationText => Some(&mut item.mitigation.text),
            Self::MitigationAcceptedBy => Some(&mut item.mitigation.accepted_by),
            Self::Notes => Some(&mut item.notes),
            Self::Reworded => Some(&mut item.reworded),
            Self::Status
            | Self::Due
            | Self::MitigationUntil
            | Self::Evidence
            | Self::Verified
            | Self::Every => None,
        }
    }

    /// The list a links field holds; `None` for every other kind.
    pub fn links(self, item: &Item) -> Option<&[String]> {
        match self {
            Self::Evidence => Some(&item.evidence),
            _ => None,
        }
    }

    /// See [`ItemField::links`].
    pub fn links_mut(self, item: &mut Item) -> Option<&mut Vec<String>> {
        match self {
            Self::Evidence => Some(&mut item.evidence),
            _ => None,
        }
    }

    /// Checks that `value` is a valid text form for this field, without
    /// setting it (for argument parsing and dialogs).
    pub fn check(self, value: &str) -> Result<(), FieldError> {
        self.write(&mut Item::default(), value)
    }

    /// Sets the value from its text form, leaving conflicts alone; on error
    /// nothing changes.
    fn write(self, item: &mut Item, value: &str) -> Result<(), FieldError> {
        match self {
            Self::Title if value.trim().is_empty() => return Err(FieldError::EmptyTitle),
            Self::Title => item.title = value.to_owned(),
            Self::Description => item.description = value.to_owned(),
            Self::Status => {
                item.status = Status::from_word(value)
                    .ok_or_else(|| FieldError::InvalidStatus(value.to_owned()))?;
            }
            Self::Owner => item.owner = value.to_owned(),
            Self::Due => item.due = parse_due(value)?,
            Self::MitigationText => item.mitigation.text = value.to_owned(),
            Self::MitigationAcceptedBy => item.mitigation.accepted_by = value.to_owned(),
            Self::MitigationUntil => item.mitigation.until = parse_date(self.name(), value)?,
            Self::Notes => item.notes = value.to_owned(),
            Self::Evidence => item.evidence = links(value),
            Self::Verified => item.verified = parse_date(self.name(), value)?,
            Self::Every => item.every = parse_interval(value)?,
            Self::Reworded => item.reworded = value.to_owned(),
        }
        Ok(())
    }

    /// Copies the value from `from` as is (no parsing, so an empty title
    /// from a file copies too); conflicts are left alone.
    pub fn copy(self, to: &mut Item, from: &Item) {
        match self {
            Self::Title => to.title.clone_from(&from.title),
            Self::Description => to.description.clone_from(&from.description),
            Self::Status => to.status = from.status,
            Self::Owner => to.owner.clone_from(&from.owner),
            Self::Due => to.due = from.due,
            Self::MitigationText => to.mitigation.text.clone_from(&from.mitigation.text),
            Self::MitigationAcceptedBy => to
                .mitigation
                .accepted_by
                .clone_from(&from.mitigation.accepted_by),
            Self::MitigationUntil => to.mitigation.until = from.mitigation.until,
            Self::Notes => to.notes.clone_from(&from.notes),
            Self::Evidence => to.evidence.clone_from(&from.evidence),
            Self::Verified => to.verified = from.verified,
            Self::Every => to.every = from.every,
            Self::Reworded => to.reworded.clone_from(&from.reworded),
        }
    }
}

impl std::fmt::Display for ItemField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Names of every item field, for messages.
fn item_field_names() -> String {
    ItemField::ALL.map(ItemField::name).join(", ")
}

/// A field name or value that cannot be applied to an item or a workbook.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("unknown field `{0}` (fields: {fields})", fields = item_field_names())]
    UnknownField(String),
    #[error(
        "unknown workbook field `{0}` (fields: {fields}, category.ID.name, review.ID.title|date|decision|conditions)",
        fields = workbook_field_names()
    )]
    UnknownWorkbookField(String),
    #[error("no category with ID `{0}`")]
    NoCategory(String),
    #[error("no review with ID `{0}`")]
    NoReview(String),
    #[error("the review is still open: it has no decision or conditions yet")]
    OpenReview,
    #[error("unknown decision `{0}` (use go, go-with-conditions or no-go)")]
    InvalidDecision(String),
    #[error("the {0} cannot be empty")]
    Empty(&'static str),
    #[error(
        "unknown status `{0}` (use not-started, in-progress, done, mitigated or not-applicable)"
    )]
    InvalidStatus(String),
    #[error("{field}: `{value}` is not a date (use YYYY-MM-DD, or nothing to clear it)")]
    InvalidDate { field: String, value: String },
    #[error("the title cannot be empty")]
    EmptyTitle,
    #[error("`{0}` is not a link: a link has no spaces")]
    InvalidLink(String),
    #[error("{0}, or nothing to clear it")]
    InvalidInterval(#[from] IntervalError),
    #[error("due: {0}, or nothing to clear it")]
    InvalidDue(#[from] DueError),
}

/// The text form of a date field: `YYYY-MM-DD`, or empty for none.
pub fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn parse_date(field: &str, value: &str) -> Result<Option<NaiveDate>, FieldError> {
    let v = value.trim();
    if v.is_empty() || v.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| FieldError::InvalidDate {
            field: field.to_owned(),
            value: value.to_owned(),
        })
}

/// A due date's text form (see [`Due`]): empty or `none` for none.
fn parse_due(value: &str) -> Result<Option<Due>, FieldError> {
    let v = value.trim();
    if v.is_empty() || v.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    Ok(Some(v.parse()?))
}

/// An interval's text form: empty or `none` for none.
fn parse_interval(value: &str) -> Result<Option<Interval>, FieldError> {
    let v = value.trim();
    if v.is_empty() || v.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    Ok(Some(v.parse()?))
}

/// The links in a text form, one per line, blank lines dropped.
fn links(value: &str) -> Vec<String> {
    value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Item {
    /// Sets `field` from its text form (see [`ItemField::get`]) and settles
    /// any merge conflict recorded on it: the value set is the resolution.
    /// On error nothing changes. This is the one setter every edit goes
    /// through — the window, `set`, `resolve`.
    pub fn set_field(&mut self, field: ItemField, value: &str) -> Result<(), FieldError> {
        field.write(self, value)?;
        self.settle(field);
        Ok(())
    }

    /// Adds `value` to an accumulating field (see
    /// [`ItemField::accumulates`]): a paragraph to the notes, a link to the
    /// evidence (once); any other field is set. Settles the field's
    /// conflict. Blank text adds nothing and settles nothing.
    pub fn add_to_field(&mut self, field: ItemField, value: &str) -> Result<(), FieldError> {
        let value = value.trim();
        match field {
            ItemField::Notes if value.is_empty() => return Ok(()),
            ItemField::Notes => {
                if !self.notes.is_empty() {
                    self.notes.push_str("\n\n");
                }
                self.notes.push_str(value);
            }
            ItemField::Evidence => {
                if value.is_empty() || value.chars().any(char::is_whitespace) {
                    return Err(FieldError::InvalidLink(value.to_owned()));
                }
                if !self.evidence.iter().any(|e| e == value) {
                    self.evidence.push(value.to_owned());
                }
            }
            _ => return self.set_field(field, value),
        }
        self.settle(field);
        Ok(())
    }

    /// The answer fields (see [`ItemField::is_answer`]) that differ from a
    /// fresh item's, in file order: empty for an item as a template or
    /// "Add item" makes it, so removing it loses nothing anyone wrote.
    pub fn answered_fields(&self) -> Vec<ItemField> {
        let fresh = Item::default();
        ItemField::ALL
            .into_iter()
            .filter(|f| f.is_answer() && f.get(self) != f.get(&fresh))
            .collect()
    }

    /// Drops the merge conflict recorded on `field`, if any: whoever edits a
    /// field has settled it (text widgets edit in place and call this).
    pub fn settle(&mut self, field: ItemField) {
        self.conflicts.retain(|c| c.field != field.name());
    }
}

#[cfg(test)]
mod tests;
