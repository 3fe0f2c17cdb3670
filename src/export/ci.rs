//! Reports for CI systems: JUnit XML (every CI renders it as test results)
//! and GitHub Actions workflow commands (annotations on the workbook's
//! lines). Both take the workbooks `shipshape check` judged, each with its
//! path and the line of every item's ID, and return text; nothing here
//! reads a file.

pub mod github;
pub mod junit;

use std::collections::HashMap;

pub use crate::model::portfolio::Unreadable;
use crate::model::{Verdict, Workbook};

/// One workbook as `check` found it.
#[derive(Debug)]
pub struct Checked<'a> {
    /// The path as the user and the CI see it (relative where it was given so).
    pub path: String,
    pub outcome: Result<Judged<'a>, Unreadable>,
}

/// A workbook that loaded, and the verdict on it.
#[derive(Debug)]
pub struct Judged<'a> {
    pub workbook: &'a Workbook,
    pub verdict: Verdict<'a>,
    /// Git still lists the file as unmerged: not ready whatever it says.
    pub unmerged: bool,
    /// The 1-based line of each item's ID in the file
    /// (see [`crate::storage::item_lines`]).
    pub lines: HashMap<String, usize>,
}

impl Judged<'_> {
    /// Whether nothing keeps this workbook from launch.
    pub fn ready(&self) -> bool {
        self.verdict.ready() && !self.unmerged
    }

    /// What keeps the workbook as a whole (not one item) from being ready:
    /// (title, message) — a file git lists as unmerged, no items, each
    /// conflict on a workbook field.
    pub fn workbook_blockers(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if self.unmerged {
            out.push((
                "Unmerged".to_owned(),
                "git still lists this file as unmerged: a merge left it in conflict".to_owned(),
            ));
        }
        if self.verdict.checks.is_empty() {
            out.push((
                "No items".to_owned(),
                "the workbook has no items, so nothing says it is ready".to_owned(),
            ));
        }
        for c in &self.workbook.conflicts {
            out.push((
                format!("Workbook conflict: {}", c.field),
                format!(
                    "unresolved merge conflict in {}: ours {:?}, theirs {:?}",
                    c.field, c.ours, c.theirs
                ),
            ));
        }
        out
    }
}
