//! What changed between two versions of a workbook, in the workbook's terms:
//! items added, removed and moved, the fields that changed on each item, and
//! the verdict before and after.
//!
//! `shipshape diff` prints it, and `--json` gives it to scripts; it answers
//! "what changed since the last review?" where a line diff of the file would
//! show brackets and indentation.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::fields::{ItemField, WorkbookField};
use super::{Conflict, Item, Workbook};

/// The changes from one workbook to another. Lists follow the new file's
/// order (the old one's for removals).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkbookDiff {
    /// Workbook fields: `project`, `description`, `launch`, `review`,
    /// `people`, and `conflicts` (the workbook fields in merge conflict).
    pub workbook: Vec<FieldChange>,
    pub categories_added: Vec<String>,
    pub categories_removed: Vec<String>,
    /// `field` is the category ID; before and after are its names.
    pub categories_renamed: Vec<FieldChange>,
    pub added: Vec<ItemRef>,
    pub removed: Vec<ItemRef>,
    pub moved: Vec<Moved>,
    pub changed: Vec<ItemChange>,
    pub verdict_before: VerdictSummary,
    pub verdict_after: VerdictSummary,
    /// Items that passed before (or did not exist) and are red now.
    pub became_red: Vec<ItemRef>,
    /// Items that were red before and pass now.
    pub became_green: Vec<ItemRef>,
    /// Reviews started (added): "Title (date)".
    pub reviews_started: Vec<String>,
    /// Reviews signed off: "Title (date): decision".
    pub reviews_ended: Vec<String>,
}

/// One field before → after, as text (also what a review records).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemRef {
    pub id: String,
    pub title: String,
    pub category: String,
}

/// An item now in another category, or out of order within its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    pub id: String,
    pub title: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemChange {
    pub id: String,
    pub title: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerdictSummary {
    pub headline: String,
    pub ready: bool,
    pub red: usize,
    pub items: usize,
    /// Items with unresolved merge conflicts.
    pub conflicts: usize,
    /// Unresolved merge conflicts on workbook fields.
    pub workbook_conflicts: usize,
}

impl VerdictSummary {
    fn of(wb: &Workbook, as_of: NaiveDate) -> Self {
        let v = wb.verdict(as_of);
        Self {
            headline: v.headline(),
            ready: v.ready(),
            red: v.red_count(),
            items: v.checks.len(),
            conflicts: wb.conflict_count(),
            workbook_conflicts: v.workbook_conflicts,
        }
    }
}

impl WorkbookDiff {
    /// The changes in a few words: "2 items changed (status, owner), 1
    /// added, launch changed", or "no changes".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let count = |n: usize, what: &str| match n {
            1 => format!("1 item {what}"),
            n => format!("{n} items {what}"),
        };
        if !self.changed.is_empty() {
            let mut fields: Vec<&str> = self
                .changed
                .iter()
                .flat_map(|c| c.fields.iter().map(|f| f.field.as_str()))
                .collect();
            fields.sort_unstable();
            fields.dedup();
            parts.push(format!(
                "{} ({})",
                count(self.changed.len(), "changed"),
                fields.join(", ")
            ));
        }
        for (list, what) in [(&self.added, "added"), (&self.removed, "removed")] {
            if !list.is_empty() {
                parts.push(count(list.len(), what));
            }
        }
        if !self.moved.is_empty() {
            parts.push(count(self.moved.len(), "moved"));
        }
        for (list, what) in [
            (&self.reviews_started, "started"),
            (&self.reviews_ended, "ended"),
        ] {
            match list.len() {
                0 => {}
                1 => parts.push(format!("1 review {what}")),
                n => parts.push(format!("{n} reviews {what}")),
            }
        }
        let categories = self.categories_added.len()
            + self.categories_removed.len()
            + self.categories_renamed.len();
        if categories > 0 {
            parts.push(format!("{categories} category change(s)"));
        }
        for f in &self.workbook {
            parts.push(format!("{} changed", f.field));
        }
        if parts.is_empty() {
            "no changes".to_owned()
        } else {
            parts.join(", ")
        }
    }

    /// The IDs of every item added, removed, moved or changed.
    pub fn item_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .added
            .iter()
            .chain(&self.removed)
            .map(|r| r.id.clone())
            .chain(self.moved.iter().map(|m| m.id.clone()))
            .chain(self.changed.iter().map(|c| c.id.clone()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Whether nothing but the verdict's date could differ.
    pub fn is_empty(&self) -> bool {
        self.workbook.is_empty()
            && self.categories_added.is_empty()
            && self.categories_removed.is_empty()
            && self.categories_renamed.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.moved.is_empty()
            && self.changed.is_empty()
            && self.reviews_started.is_empty()
            && self.reviews_ended.is_empty()
    }
}

/// The diff from `old` to `new`, with both verdicts taken as of `as_of`.
pub fn diff(old: &Workbook, new: &Workbook, as_of: NaiveDate) -> WorkbookDiff {
    let (categories_added, categories_removed, categories_renamed) = category_changes(old, new);
    let items = ItemChanges::of(old, new);
    let (became_red, became_green) = verdict_moves(old, new, as_of);
    let (reviews_started, reviews_ended) = review_changes(old, new);
    WorkbookDiff {
        workbook: workbook_changes(old, new),
        categories_added,
        categories_removed,
        categories_renamed,
        added: items.added,
        removed: items.removed,
        moved: items.moved,
        changed: items.changed,
        verdict_before: VerdictSummary::of(old, as_of),
        verdict_after: VerdictSummary::of(new, as_of),
        became_red,
        became_green,
        reviews_started,
        reviews_ended,
    }
}

/// Reviews `new` has that `old` lacks, and reviews open in `old` (or
/// absent) that `new` has signed off.
fn review_changes(old: &Workbook, new: &Workbook) -> (Vec<String>, Vec<String>) {
    let mut started = Vec::new();
    let mut ended = Vec::new();
    for r in &new.reviews {
        let before = old.review(&r.id);
        if before.is_none() {
            started.push(format!("{} ({})", r.title, r.date));
        }
        if let (Some(d), true) = (r.decision(), before.is_none_or(|b| b.is_open())) {
            ended.push(format!("{} ({}): {d}", r.title, r.date));
        }
    }
    (started, ended)
}

/// The workbook's own fields, its people and its conflicts.
fn workbook_changes(old: &Workbook, new: &Workbook) -> Vec<FieldChange> {
    let mut workbook = Vec::new();
    let mut push = |field: &str, before: String, after: String| {
        if before != after {
            workbook.push(FieldChange {
                field: field.to_owned(),
                before,
                after,
            });
        }
    };
    for field in WorkbookField::ALL {
        push(field.name(), field.get(old), field.get(new));
    }
    let people = |wb: &Workbook| {
        wb.people
            .iter()
            .map(|p| match (p.role.trim(), p.email.trim()) {
                ("", "") => p.name.clone(),
                (r, "") => format!("{} ({r})", p.name),
                ("", e) => format!("{} <{e}>", p.name),
                (r, e) => format!("{} ({r}) <{e}>", p.name),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    push("people", people(old), people(new));
    push(
        "conflicts",
        conflict_fields(&old.conflicts),
        conflict_fields(&new.conflicts),
    );
    workbook
}

/// Categories added and removed (their names), and renamed (by ID).
fn category_changes(
    old: &Workbook,
    new: &Workbook,
) -> (Vec<String>, Vec<String>, Vec<FieldChange>) {
    let names = |wb: &Workbook| -> HashMap<String, String> {
        wb.categories
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect()
    };
    let (old_cats, new_cats) = (names(old), names(new));
    // Names of the categories of `wb` whose IDs `other` lacks.
    let missing_from = |wb: &Workbook, other: &HashMap<String, String>| -> Vec<String> {
        wb.categories
            .iter()
            .filter(|c| !other.contains_key(&c.id))
            .map(|c| c.name.clone())
            .collect()
    };
    let renamed = new
        .categories
        .iter()
        .filter_map(|c| {
            let before = old_cats.get(&c.id)?;
            (*before != c.name).then(|| FieldChange {
                field: c.id.clone(),
                before: before.clone(),
                after: c.name.clone(),
            })
        })
        .collect();
    (
        missing_from(new, &old_cats),
        missing_from(old, &new_cats),
        renamed,
    )
}

/// Items added, removed, moved and changed field by field.
struct ItemChanges {
    added: Vec<ItemRef>,
    removed: Vec<ItemRef>,
    moved: Vec<Moved>,
    changed: Vec<ItemChange>,
}

impl ItemChanges {
    fn of(old: &Workbook, new: &Workbook) -> Self {
        let old_cats: HashMap<&str, &str> = old
            .categories
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .collect();
        let old_items: HashMap<&str, (&str, &Item)> = old
            .items()
            .map(|(c, i)| (i.id.as_str(), (c.id.as_str(), i)))
            .collect();
        let new_ids: HashSet<&str> = new.items().map(|(_, i)| i.id.as_str()).collect();
        let mut out = Self {
            added: Vec::new(),
            removed: Vec::new(),
            moved: Vec::new(),
            changed: Vec::new(),
        };
        for (c, i) in new.items() {
            let Some((old_cat, before)) = old_items.get(i.id.as_str()) else {
                out.added.push(item_ref(&c.name, i));
                continue;
            };
            if *old_cat != c.id {
                out.moved.push(Moved {
                    id: i.id.clone(),
                    title: i.title.clone(),
                    from: old_cats.get(old_cat).copied().unwrap_or(old_cat).to_owned(),
                    to: c.name.clone(),
                });
            }
            let fields = item_changes(before, i);
            if !fields.is_empty() {
                out.changed.push(ItemChange {
                    id: i.id.clone(),
                    title: i.title.clone(),
                    fields,
                });
            }
        }
        out.moved.extend(reordered(old, new));
        out.removed = old
            .items()
            .filter(|(_, i)| !new_ids.contains(i.id.as_str()))
            .map(|(c, i)| item_ref(&c.name, i))
            .collect();
        out
    }
}

fn item_ref(category: &str, i: &Item) -> ItemRef {
    ItemRef {
        id: i.id.clone(),
        title: i.title.clone(),
        category: category.to_owned(),
    }
}

/// Items that passed before (or did not exist) and are red now, and items
/// that were red and pass now.
fn verdict_moves(old: &Workbook, new: &Workbook, as_of: NaiveDate) -> (Vec<ItemRef>, Vec<ItemRef>) {
    let old_red: HashMap<&str, bool> = old
        .items()
        .map(|(_, i)| (i.id.as_str(), !i.passes(as_of)))
        .collect();
    let mut became_red = Vec::new();
    let mut became_green = Vec::new();
    for (c, i) in new.items() {
        let was = old_red.get(i.id.as_str()).copied();
        let red = !i.passes(as_of);
        if red && was == Some(false) {
            became_red.push(item_ref(&c.name, i));
        } else if !red && was == Some(true) {
            became_green.push(item_ref(&c.name, i));
        }
    }
    (became_red, became_green)
}

fn item_changes(before: &Item, after: &Item) -> Vec<FieldChange> {
    let mut out: Vec<FieldChange> = ItemField::ALL
        .into_iter()
        .filter_map(|f| {
            let (b, a) = (f.get(before), f.get(after));
            (b != a).then(|| FieldChange {
                field: f.name().to_owned(),
                before: b,
                after: a,
            })
        })
        .collect();
    if before.conflicts != after.conflicts {
        out.push(FieldChange {
            field: "conflicts".into(),
            before: conflict_fields(&before.conflicts),
            after: conflict_fields(&after.conflicts),
        });
    }
    out
}

/// The fields in conflict, as one line.
fn conflict_fields(conflicts: &[Conflict]) -> String {
    conflicts
        .iter()
        .map(|c| c.field.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Items that stayed in their category but left their place relative to the
/// others: everything outside a longest run that kept its order.
fn reordered(old: &Workbook, new: &Workbook) -> Vec<Moved> {
    let mut out = Vec::new();
    for nc in &new.categories {
        let Some(oc) = old.categories.iter().find(|c| c.id == nc.id) else {
            continue;
        };
        let old_pos: HashMap<&str, usize> = oc
            .items
            .iter()
            .enumerate()
            .map(|(n, i)| (i.id.as_str(), n))
            .collect();
        let common: Vec<(&Item, usize)> = nc
            .items
            .iter()
            .filter_map(|i| old_pos.get(i.id.as_str()).map(|&p| (i, p)))
            .collect();
        let keep = longest_increasing(&common.iter().map(|(_, p)| *p).collect::<Vec<_>>());
        for (n, (item, _)) in common.iter().enumerate() {
            if !keep.contains(&n) {
                out.push(Moved {
                    id: item.id.clone(),
                    title: item.title.clone(),
                    from: oc.name.clone(),
                    to: nc.name.clone(),
                });
            }
        }
    }
    out
}

/// Indices of one longest strictly increasing subsequence (patience sorting,
/// O(n log n): categories may hold thousands of items).
fn longest_increasing(seq: &[usize]) -> HashSet<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into seq of the tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &v) in seq.iter().enumerate() {
        let len = tails.partition_point(|&t| seq[t] < v);
        prev[i] = len.checked_sub(1).map(|l| tails[l]);
        if len == tails.len() {
            tails.push(i);
        } else {
            tails[len] = i;
        }
    }
    let mut keep = HashSet::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep.insert(i);
        at = prev[i];
    }
    keep
}

/// A value for one line of text: empty shows as `(none)`, text with line
/// breaks or edge spaces is quoted.
pub fn show(value: &str) -> String {
    if value.is_empty() {
        "(none)".to_owned()
    } else if value.contains(['\n', '\r', '\t']) || value.trim() != value {
        format!("{value:?}")
    } else {
        value.to_owned()
    }
}

/// The diff for people: verdicts first, then what changed.
pub fn render(d: &WorkbookDiff) -> String {
    let mut out = String::new();
    let (b, a) = (&d.verdict_before, &d.verdict_after);
    if b.headline == a.headline {
        let _ = writeln!(out, "Verdict: {} (unchanged)", a.headline);
    } else {
        let _ = writeln!(out, "Verdict: {} → {}", b.headline, a.headline);
    }
    if d.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let refs = |out: &mut String, title: &str, mark: &str, list: &[ItemRef]| {
        if !list.is_empty() {
            let _ = writeln!(out, "\n{title} ({}):", list.len());
            for r in list {
                let _ = writeln!(out, "  {mark} {}  {}  [{}]", r.id, r.title, r.category);
            }
        }
    };
    refs(&mut out, "Now red", "!", &d.became_red);
    refs(&mut out, "Now passing", "✓", &d.became_green);
    if !d.workbook.is_empty() {
        out.push_str("\nWorkbook:\n");
        for f in &d.workbook {
            let _ = writeln!(
                out,
                "  {}: {} → {}",
                f.field,
                show(&f.before),
                show(&f.after)
            );
        }
    }
    for name in &d.categories_added {
        let _ = writeln!(out, "\nCategory added: {name}");
    }
    for name in &d.categories_removed {
        let _ = writeln!(out, "\nCategory removed: {name}");
    }
    for f in &d.categories_renamed {
        let _ = writeln!(out, "\nCategory renamed: {} → {}", f.before, f.after);
    }
    for r in &d.reviews_started {
        let _ = writeln!(out, "\nReview started: {r}");
    }
    for r in &d.reviews_ended {
        let _ = writeln!(out, "\nReview ended: {r}");
    }
    refs(&mut out, "Added", "+", &d.added);
    refs(&mut out, "Removed", "-", &d.removed);
    if !d.moved.is_empty() {
        let _ = writeln!(out, "\nMoved ({}):", d.moved.len());
        for m in &d.moved {
            if m.from == m.to {
                let _ = writeln!(out, "  ~ {}  {}  (reordered in {})", m.id, m.title, m.to);
            } else {
                let _ = writeln!(out, "  ~ {}  {}  ({} → {})", m.id, m.title, m.from, m.to);
            }
        }
    }
    if !d.changed.is_empty() {
        let _ = writeln!(out, "\nChanged ({}):", d.changed.len());
        for c in &d.changed {
            let _ = writeln!(out, "  {}  {}", c.id, c.title);
            for f in &c.fields {
                let _ = writeln!(
                    out,
                    "    {}: {} → {}",
                    f.field,
                    show(&f.before),
                    show(&f.after)
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
