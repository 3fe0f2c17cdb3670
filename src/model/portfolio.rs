//! The portfolio: every workbook of a team at once, one [`Row`] each, for
//! `shipshape status` and the window's portfolio view. Pure — the workbooks
//! (or why each could not be read) come in, rows come out; reading the
//! files is `storage::read_workbooks`.
//!
//! A row's numbers come from [`Workbook::verdict`], the one launch rule:
//! red and overdue items as `check` counts them, items whose re-check is
//! overdue or falls due soon as the window's "Re-check due only" filter
//! selects them, and mitigations that lapse before launch as `check` warns.
//!
//! **Most urgent first** ([`urgency`]): unreadable files first — nothing can
//! be said about them until someone fixes them, and a long list must not
//! hide them at its end; then workbooks that are not ready before ready
//! ones; within each, the nearest launch first (a launch already past,
//! still not ready, is the most urgent of all; no launch date comes last);
//! then the most red items, then the most overdue; ties by path.

use std::cmp::Ordering;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Recheck, Warning, Workbook};

/// A file that could not be read as a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub message: String,
    /// Line and column of the problem, where there is one.
    pub position: Option<(usize, usize)>,
}

/// One workbook file of the portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub path: PathBuf,
    pub state: Result<Summary, Unreadable>,
}

/// What the portfolio says about one workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub project: String,
    /// Production-ready as of the date the rows were made for.
    pub ready: bool,
    /// The verdict's headline ("Production-ready", "Demo-ready: 3 red").
    pub headline: String,
    pub items: usize,
    /// Items that block the launch.
    pub red: usize,
    /// Red items past their due date.
    pub overdue: usize,
    /// Done items whose re-check is overdue (red too) or falls due before
    /// launch or within [`RECHECK_WARNING_DAYS`](super::RECHECK_WARNING_DAYS).
    pub recheck_due: usize,
    /// Mitigations that pass today but lapse before launch.
    pub lapsing: usize,
    pub launch: Option<NaiveDate>,
    /// Days from the as-of date to launch (negative once launched).
    pub days_to_launch: Option<i64>,
    /// The walkthrough review: the workbook's review date, or its default
    /// before launch ([`Workbook::review_date`]).
    pub review: Option<NaiveDate>,
    /// What people owe: every red item, and every item whose re-check falls
    /// due soon, in file order.
    pub owed: Vec<Owed>,
}

/// One item someone owes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owed {
    /// As written in the workbook (may be empty: unassigned).
    pub owner: String,
    pub id: String,
    pub title: String,
    /// Why it is owed: the red reason, or when the re-check falls due.
    pub reason: String,
    /// When it is due: a red item's due date, or the date a passing item
    /// must be re-checked by.
    pub due: Option<NaiveDate>,
    /// A red item past its due date.
    pub overdue: bool,
    /// Whether the item blocks the launch today (else its re-check is due soon).
    pub red: bool,
}

impl Summary {
    /// The portfolio's view of `wb` as of `as_of`.
    pub fn of(wb: &Workbook, as_of: NaiveDate) -> Self {
        let verdict = wb.verdict(as_of);
        let mut owed = Vec::new();
        let mut recheck_due = 0;
        for check in &verdict.checks {
            let item = check.item;
            let recheck = item.recheck(as_of, wb.launch);
            recheck_due += usize::from(recheck.is_some());
            let (reason, due) = match (check.red, recheck) {
                (Some(red), _) => (red.to_string(), check.due),
                (None, Some(Recheck::DueSoon { due, .. })) => {
                    (recheck_reason(&verdict.warnings, &item.id), Some(due))
                }
                (None, _) => continue,
            };
            owed.push(Owed {
                owner: item.owner.trim().to_owned(),
                id: item.id.clone(),
                title: item.title.clone(),
                reason,
                due,
                overdue: check.overdue,
                red: check.red.is_some(),
            });
        }
        let lapsing = verdict
            .warnings
            .iter()
            .filter(|w| matches!(w, Warning::MitigationExpiresBeforeLaunch { .. }))
            .count();
        Self {
            project: wb.project.clone(),
            ready: verdict.ready(),
            headline: verdict.headline(),
            items: verdict.checks.len(),
            red: verdict.red_count(),
            overdue: verdict.overdue().count(),
            recheck_due,
            lapsing,
            launch: wb.launch,
            days_to_launch: wb.launch.map(|l| (l - as_of).num_days()),
            review: wb.review_date(),
            owed,
        }
    }
}

/// The re-check warning `check` prints for item `id`, without the ID.
fn recheck_reason(warnings: &[Warning], id: &str) -> String {
    warnings
        .iter()
        .find(|w| matches!(w, Warning::RecheckDue { .. }) && w.item_id() == id)
        .map(|w| {
            let text = w.to_string();
            text.strip_prefix(&format!("{id}: "))
                .map_or_else(|| text.clone(), str::to_owned)
        })
        .unwrap_or_else(|| "re-check due".to_owned())
}

impl Row {
    /// Judges a workbook file (or keeps why it could not be read).
    pub fn new(path: PathBuf, workbook: Result<&Workbook, Unreadable>, as_of: NaiveDate) -> Self {
        Self {
            path,
            state: workbook.map(|wb| Summary::of(wb, as_of)),
        }
    }

    pub fn summary(&self) -> Option<&Summary> {
        self.state.as_ref().ok()
    }

    /// Ready, and readable.
    pub fn ready(&self) -> bool {
        self.summary().is_some_and(|s| s.ready)
    }
}

/// Whether an item's `owner` is the person `name`: the same words,
/// ignoring surrounding blanks and case in any script ("ana" is "Ana ",
/// "zoë łukasz" is "Zoë Łukasz").
pub fn same_owner(owner: &str, name: &str) -> bool {
    let (owner, name) = (owner.trim(), name.trim());
    owner.eq_ignore_ascii_case(name) || owner.to_lowercase() == name.to_lowercase()
}

/// Most urgent first; see the module documentation.
pub fn urgency(a: &Row, b: &Row) -> Ordering {
    rank(a)
        .cmp(&rank(b))
        .then_with(|| match (a.summary(), b.summary()) {
            (Some(x), Some(y)) => launch_order(x.launch, y.launch)
                .then(y.red.cmp(&x.red))
                .then(y.overdue.cmp(&x.overdue)),
            _ => Ordering::Equal,
        })
        .then_with(|| a.path.cmp(&b.path))
}

/// Unreadable, then not ready, then ready.
fn rank(row: &Row) -> u8 {
    match &row.state {
        Err(_) => 0,
        Ok(s) if !s.ready => 1,
        Ok(_) => 2,
    }
}

/// Earlier launches first, no launch date last.
fn launch_order(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The rows for `sources` as of `as_of`, most urgent first.
pub fn rows<'a>(
    sources: impl IntoIterator<Item = (PathBuf, Result<&'a Workbook, Unreadable>)>,
    as_of: NaiveDate,
) -> Vec<Row> {
    let mut rows: Vec<Row> = sources
        .into_iter()
        .map(|(path, wb)| Row::new(path, wb, as_of))
        .collect();
    rows.sort_by(urgency);
    rows
}

/// What `name` owes across `rows`: each of their red items and items
/// whose re-check is due soon, with the row it is in. Most urgent first:
/// the earliest due date first (undated last), red before re-checks due,
/// then by path and file order.
pub fn owed_by<'a>(rows: &'a [Row], name: &str) -> Vec<(&'a Row, &'a Owed)> {
    let mut out: Vec<(&Row, &Owed)> = rows
        .iter()
        .filter_map(|row| Some((row, row.summary()?)))
        .flat_map(|(row, s)| s.owed.iter().map(move |o| (row, o)))
        .filter(|(_, o)| same_owner(&o.owner, name))
        .collect();
    out.sort_by(|(ra, a), (rb, b)| {
        launch_order(a.due, b.due)
            .then(b.red.cmp(&a.red))
            .then_with(|| ra.path.cmp(&rb.path))
    });
    out
}

/// Everyone who owes something in `rows`, sorted, each person once
/// (names that differ only in case are one person, spelled as most of
/// their items spell it), unassigned items left out.
pub fn owners(rows: &[Row]) -> Vec<String> {
    let mut spellings: std::collections::BTreeMap<String, std::collections::BTreeMap<&str, usize>> =
        std::collections::BTreeMap::new();
    for owed in rows.iter().filter_map(Row::summary).flat_map(|s| &s.owed) {
        if !owed.owner.is_empty() {
            *spellings
                .entry(owed.owner.to_lowercase())
                .or_default()
                .entry(&owed.owner)
                .or_default() += 1;
        }
    }
    spellings
        .values()
        .filter_map(|counts| {
            let most = counts.values().max()?;
            counts
                .iter()
                .find(|(_, n)| *n == most)
                .map(|(name, _)| (*name).to_owned())
        })
        .collect()
}

/// A column of the portfolio, in `status`'s output and the window's table:
/// its heading, its cell and its order, defined once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Project,
    Verdict,
    Red,
    Overdue,
    Recheck,
    Lapsing,
    Launch,
    Review,
    Path,
}

impl Column {
    /// In the order they are shown.
    pub const ALL: [Self; 9] = [
        Self::Project,
        Self::Verdict,
        Self::Red,
        Self::Overdue,
        Self::Recheck,
        Self::Lapsing,
        Self::Launch,
        Self::Review,
        Self::Path,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            Self::Project => "Project",
            Self::Verdict => "Verdict",
            Self::Red => "Red",
            Self::Overdue => "Overdue",
            Self::Recheck => "Re-check",
            Self::Lapsing => "Lapsing",
            Self::Launch => "Launch",
            Self::Review => "Review",
            Self::Path => "Path",
        }
    }

    /// What the column means, for a tooltip and the docs.
    pub fn help(self) -> &'static str {
        match self {
            Self::Project => "The workbook's project",
            Self::Verdict => "Production-ready, demo-ready (something is red) or unreadable",
            Self::Red => "Items that block the launch",
            Self::Overdue => "Red items past their due date",
            Self::Recheck => {
                "Done items whose re-check is overdue, or due before launch or within 14 days"
            }
            Self::Lapsing => "Mitigations that pass today but lapse before launch",
            Self::Launch => "Launch date and days to go (T-30; T+5 once launched)",
            Self::Review => "The walkthrough review date",
            Self::Path => "The workbook file",
        }
    }

    /// Whether the cell is a number (right-aligned).
    pub fn numeric(self) -> bool {
        matches!(
            self,
            Self::Red | Self::Overdue | Self::Recheck | Self::Lapsing
        )
    }

    /// The cell's text for a readable workbook (the path is the caller's:
    /// it shows it relative to what the user gave).
    pub fn cell(self, s: &Summary) -> String {
        let date = |d: Option<NaiveDate>| d.map_or_else(String::new, |d| d.to_string());
        match self {
            Self::Project => s.project.clone(),
            Self::Verdict => verdict_word(s).to_owned(),
            Self::Red => s.red.to_string(),
            Self::Overdue => s.overdue.to_string(),
            Self::Recheck => s.recheck_due.to_string(),
            Self::Lapsing => s.lapsing.to_string(),
            Self::Launch => match (s.launch, s.days_to_launch) {
                (Some(l), Some(d)) if d >= 0 => format!("{l} T-{d}"),
                (Some(l), Some(d)) => format!("{l} T+{}", -d),
                _ => String::new(),
            },
            Self::Review => date(s.review),
            Self::Path => String::new(),
        }
    }

    /// Orders two rows by this column, ascending. Unreadable rows have no
    /// values and come first; ties keep the order of [`urgency`].
    pub fn compare(self, a: &Row, b: &Row) -> Ordering {
        let (x, y) = match (a.summary(), b.summary()) {
            (Some(x), Some(y)) => (x, y),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (None, None) => return a.path.cmp(&b.path),
        };
        match self {
            Self::Project => x.project.to_lowercase().cmp(&y.project.to_lowercase()),
            Self::Verdict => x.ready.cmp(&y.ready),
            Self::Red => x.red.cmp(&y.red),
            Self::Overdue => x.overdue.cmp(&y.overdue),
            Self::Recheck => x.recheck_due.cmp(&y.recheck_due),
            Self::Lapsing => x.lapsing.cmp(&y.lapsing),
            Self::Launch => launch_order(x.launch, y.launch),
            Self::Review => launch_order(x.review, y.review),
            Self::Path => a.path.cmp(&b.path),
        }
    }
}

/// "production-ready" or "demo-ready".
pub fn verdict_word(s: &Summary) -> &'static str {
    if s.ready {
        "production-ready"
    } else {
        "demo-ready"
    }
}

/// Sorts `rows` by `column` (descending when asked), or most urgent first
/// when no column is given. Unreadable rows stay first either way.
pub fn sort(rows: &mut [Row], column: Option<(Column, bool)>) {
    rows.sort_by(urgency);
    if let Some((column, descending)) = column {
        rows.sort_by(|a, b| {
            let unreadable_first = a.state.is_ok().cmp(&b.state.is_ok());
            let by_column = column.compare(a, b);
            unreadable_first.then(if descending {
                by_column.reverse()
            } else {
                by_column
            })
        });
    }
}

#[cfg(test)]
#[path = "portfolio/tests.rs"]
mod tests;
