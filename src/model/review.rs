//! Reviews kept in the file: the walkthrough meeting on record.
//!
//! A [`Review`] is one meeting: its title and date, who attended, the
//! verdict when it started ([`Review::before`]), the decisions and actions
//! agreed per item ([`ItemAction`]), what changed on the items while it was
//! open ([`Review::changes`], before → after per field, in the
//! [`ItemField`] vocabulary), the verdict when it ended
//! ([`Review::after`]) and the sign-off ([`SignOff`]: go, go with
//! conditions or no-go, and who approved).
//!
//! A review is *open* from [`Workbook::start_review`] until
//! [`Workbook::end_review`] signs it off; at most one is open at a time.
//! Starting records each item's fields as text ([`Review::start`]), in the
//! file, so "what changed during the review" survives closing the app, a
//! CLI edit in between and a git merge; ending turns that snapshot into
//! [`Review::changes`] and drops it, so an ended review holds only what the
//! meeting changed. Both verdicts are taken as of the review's date.
//!
//! [`history`] holds what the History panel and the report read across
//! reviews: the trend, what changed since the previous review, the items
//! red at every review.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ItemField, Workbook, slugify};

mod fields;
pub mod history;

pub use fields::{ReviewField, review_field_name, review_of_field};

/// One review meeting. Field order is file order: append, never reorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Stable and unique in the workbook (`2026-11-20-q4-walkthrough`):
    /// git merges match reviews by it.
    pub id: String,
    #[serde(with = "date")]
    pub date: NaiveDate,
    pub title: String,
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    /// The verdict when the review started.
    #[serde(default)]
    pub before: Tally,
    /// Each item's non-empty fields as text when the review started; only
    /// while the review is open (ending turns it into `changes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub start: Vec<ItemSnapshot>,
    /// Decisions and actions agreed on items during the review.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ItemAction>,
    /// What changed on the items between start and end (set at the end).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ItemChanges>,
    /// The verdict when the review ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Tally>,
    /// `None` while the review is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_off: Option<SignOff>,
}

/// Someone invited to the review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default = "yes")]
    pub present: bool,
}

fn yes() -> bool {
    true
}

/// The verdict's counts at one moment, and which items were red.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub red: usize,
    pub passing: usize,
    /// IDs of the red items, in file order.
    #[serde(default)]
    pub red_items: Vec<String>,
}

/// One item's fields as text ([`ItemField::get`]), by field name; empty
/// fields are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemSnapshot {
    pub item: String,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

/// A decision or action agreed on an item during a review.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemAction {
    pub item: String,
    pub text: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default, with = "super::workbook::date_opt")]
    pub due: Option<NaiveDate>,
}

/// The fields of one item that a review changed. An item added during the
/// review has every field's `before` empty; one removed, every `after`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemChanges {
    pub item: String,
    /// The item's title (its last one, or the one it had when removed).
    pub title: String,
    pub fields: Vec<FieldChange>,
}

/// One field before → after, as text: the same record `diff` reports.
pub use super::diff::FieldChange;

/// How a review ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    pub decision: Decision,
    /// What a go with conditions is conditional on.
    #[serde(default)]
    pub conditions: String,
    #[serde(default)]
    pub approvers: Vec<Approver>,
}

/// The go/no-go decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    Go,
    GoWithConditions,
    NoGo,
}

/// Someone who signed the decision off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approver {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default, with = "super::workbook::date_opt")]
    pub date: Option<NaiveDate>,
}

/// What starting a review needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewStart {
    pub title: String,
    pub date: NaiveDate,
    pub attendees: Vec<Attendee>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("review \"{0}\" is still open: end it first")]
    AlreadyOpen(String),
    #[error("no review is open: start one first")]
    NoneOpen,
    #[error("a review needs a title")]
    NoTitle,
    #[error("no item with ID `{0}`")]
    NoItem(String),
    #[error("a decision or action needs its text")]
    NoText,
    #[error("a go with conditions needs the conditions written down")]
    NoConditions,
    #[error("`{0}` is not an attendee of the open review")]
    NoAttendee(String),
    #[error("unknown decision {0:?}: use go, go-with-conditions or no-go")]
    UnknownDecision(String),
}

impl Decision {
    pub const ALL: [Self; 3] = [Self::Go, Self::GoWithConditions, Self::NoGo];

    /// The word the CLI, JSON and conflicts use.
    pub fn word(self) -> &'static str {
        match self {
            Self::Go => "go",
            Self::GoWithConditions => "go-with-conditions",
            Self::NoGo => "no-go",
        }
    }

    /// For screens and paper.
    pub fn label(self) -> &'static str {
        match self {
            Self::Go => "Go",
            Self::GoWithConditions => "Go with conditions",
            Self::NoGo => "No-go",
        }
    }

    /// Parses [`Decision::word`], ignoring case, spaces and underscores.
    pub fn from_word(word: &str) -> Result<Self, ReviewError> {
        let w = word.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Self::ALL
            .into_iter()
            .find(|d| d.word() == w)
            .ok_or_else(|| ReviewError::UnknownDecision(word.to_owned()))
    }
}

impl std::fmt::Display for Decision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

impl Attendee {
    /// `Name:Role` (the role may be left out), present.
    pub fn parse(text: &str) -> Self {
        let (name, role) = text.split_once(':').unwrap_or((text, ""));
        Self {
            name: name.trim().to_owned(),
            role: role.trim().to_owned(),
            present: true,
        }
    }
}

impl Approver {
    /// `Name:Role` (the role may be left out), signing on `date`.
    pub fn parse(text: &str, date: Option<NaiveDate>) -> Self {
        let Attendee { name, role, .. } = Attendee::parse(text);
        Self { name, role, date }
    }
}

impl Tally {
    /// The verdict of `wb` as of `as_of`, counted.
    pub fn of(wb: &Workbook, as_of: NaiveDate) -> Self {
        let verdict = wb.verdict(as_of);
        let red_items: Vec<String> = verdict.red().map(|c| c.item.id.clone()).collect();
        Self {
            red: red_items.len(),
            passing: verdict.checks.len() - red_items.len(),
            red_items,
        }
    }
}

impl ItemSnapshot {
    fn field(&self, field: ItemField) -> &str {
        self.fields.get(field.name()).map_or("", String::as_str)
    }
}

impl Review {
    /// Open: started and not signed off.
    pub fn is_open(&self) -> bool {
        self.sign_off.is_none()
    }

    /// The verdict the review left: at its end, or (still open) at its start.
    pub fn outcome(&self) -> &Tally {
        self.after.as_ref().unwrap_or(&self.before)
    }

    /// The IDs of the items the review changed, in its order.
    pub fn changed_items(&self) -> Vec<&str> {
        self.changes.iter().map(|c| c.item.as_str()).collect()
    }

    /// The decision, or `None` while open.
    pub fn decision(&self) -> Option<Decision> {
        self.sign_off.as_ref().map(|s| s.decision)
    }

    /// What changed on `wb`'s items since this review started: from the
    /// snapshot while open; an ended review's recorded changes otherwise.
    pub fn changes_in(&self, wb: &Workbook) -> Vec<ItemChanges> {
        if !self.is_open() {
            return self.changes.clone();
        }
        let start: BTreeMap<&str, &ItemSnapshot> =
            self.start.iter().map(|s| (s.item.as_str(), s)).collect();
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (_, item) in wb.items() {
            seen.insert(item.id.as_str());
            let before = start.get(item.id.as_str());
            let fields: Vec<FieldChange> = ItemField::ALL
                .into_iter()
                .filter_map(|f| {
                    let (b, a) = (before.map_or("", |s| s.field(f)), f.get(item));
                    (b != a).then(|| FieldChange {
                        field: f.name().to_owned(),
                        before: b.to_owned(),
                        after: a,
                    })
                })
                .collect();
            if !fields.is_empty() {
                out.push(ItemChanges {
                    item: item.id.clone(),
                    title: item.title.clone(),
                    fields,
                });
            }
        }
        for gone in self
            .start
            .iter()
            .filter(|s| !seen.contains(s.item.as_str()))
        {
            out.push(ItemChanges {
                item: gone.item.clone(),
                title: gone.field(ItemField::Title).to_owned(),
                fields: gone
                    .fields
                    .iter()
                    .map(|(field, before)| FieldChange {
                        field: field.clone(),
                        before: before.clone(),
                        after: String::new(),
                    })
                    .collect(),
            });
        }
        out
    }
}

impl Workbook {
    /// The open review, if any (the last one: a merge of two branches that
    /// each started one can leave two).
    pub fn open_review(&self) -> Option<&Review> {
        self.reviews.iter().rev().find(|r| r.is_open())
    }

    fn open_review_mut(&mut self) -> Result<&mut Review, ReviewError> {
        self.reviews
            .iter_mut()
            .rev()
            .find(|r| r.is_open())
            .ok_or(ReviewError::NoneOpen)
    }

    /// Starts a review: records the verdict and every item's fields as of
    /// now, and returns its index in [`Workbook::reviews`] (kept in date
    /// order). Refused while another is open.
    pub fn start_review(&mut self, start: ReviewStart) -> Result<usize, ReviewError> {
        if let Some(open) = self.open_review() {
            return Err(ReviewError::AlreadyOpen(open.title.clone()));
        }
        let title = start.title.trim();
        if title.is_empty() {
            return Err(ReviewError::NoTitle);
        }
        let review = Review {
            id: self.new_review_id(start.date, title),
            date: start.date,
            title: title.to_owned(),
            attendees: start
                .attendees
                .into_iter()
                .filter(|a| !a.name.trim().is_empty())
                .collect(),
            before: Tally::of(self, start.date),
            start: self.items().map(|(_, i)| snapshot(i)).collect(),
            actions: Vec::new(),
            changes: Vec::new(),
            after: None,
            sign_off: None,
        };
        let at = self.reviews.partition_point(|r| r.date <= review.date);
        self.reviews.insert(at, review);
        Ok(at)
    }

    /// Records a decision or action on item `action.item` in the open review.
    pub fn record_action(&mut self, action: ItemAction) -> Result<(), ReviewError> {
        if action.text.trim().is_empty() {
            return Err(ReviewError::NoText);
        }
        if self.locate(&action.item).is_none() {
            return Err(ReviewError::NoItem(action.item));
        }
        self.open_review_mut()?.actions.push(action);
        Ok(())
    }

    /// Marks attendee `name` (ignoring case) of the open review present or
    /// absent.
    pub fn set_attendance(&mut self, name: &str, present: bool) -> Result<(), ReviewError> {
        let review = self.open_review_mut()?;
        let attendee = review
            .attendees
            .iter_mut()
            .find(|a| a.name.trim().to_lowercase() == name.trim().to_lowercase())
            .ok_or_else(|| ReviewError::NoAttendee(name.to_owned()))?;
        attendee.present = present;
        Ok(())
    }

    /// Ends the open review with `sign_off`: records what changed since it
    /// started and the verdict now (as of the review's date), and drops the
    /// start snapshot. Returns the review's index.
    pub fn end_review(&mut self, sign_off: SignOff) -> Result<usize, ReviewError> {
        if sign_off.decision == Decision::GoWithConditions && sign_off.conditions.trim().is_empty()
        {
            return Err(ReviewError::NoConditions);
        }
        let at = self
            .reviews
            .iter()
            .rposition(Review::is_open)
            .ok_or(ReviewError::NoneOpen)?;
        let review = &self.reviews[at];
        let changes = review.changes_in(self);
        let after = Tally::of(self, review.date);
        let review = &mut self.reviews[at];
        review.changes = changes;
        review.after = Some(after);
        review.start = Vec::new();
        review.sign_off = Some(sign_off);
        Ok(at)
    }

    /// A fresh review ID for `title` on `date`, unique in this workbook.
    pub fn new_review_id(&self, date: NaiveDate, title: &str) -> String {
        let slug = slugify(title);
        let base = if slug.is_empty() {
            format!("{date}-review")
        } else {
            format!("{date}-{slug}")
        };
        let taken = |id: &str| self.reviews.iter().any(|r| r.id == id);
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))
            .unwrap_or(base)
    }
}

/// An item's non-empty fields as text.
fn snapshot(item: &super::Item) -> ItemSnapshot {
    ItemSnapshot {
        item: item.id.clone(),
        fields: ItemField::ALL
            .into_iter()
            .map(|f| (f.name().to_owned(), f.get(item)))
            .filter(|(_, v)| !v.is_empty())
            .collect(),
    }
}

/// A required date as `"YYYY-MM-DD"`, with the same error as optional ones.
mod date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&date.format("%Y-%m-%d").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        use serde::de::Error;
        let text = String::deserialize(d)?;
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|e| {
            D::Error::custom(format!(
                "{} {text:?}: {e} (expected YYYY-MM-DD)",
                super::super::workbook::date_opt::INVALID_DATE
            ))
        })
    }
}

#[cfg(test)]
mod tests;
