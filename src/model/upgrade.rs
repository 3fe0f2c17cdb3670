//! Template upgrades: a new version of the checklist applied to a workbook
//! a team has already filled in (`shipshape upgrade`, File → Update from
//! template…).
//!
//! Items are matched by ID. The template owns the checklist — categories
//! and their order, item wording, re-check intervals, as split by
//! [`Item::take_checklist`] — and the team owns its progress and the
//! workbook's own fields (project, dates, people), which stay. So:
//!
//! - a matched item keeps every answer (status, owner, dates, mitigation,
//!   notes, evidence, verification) and takes the template's wording and
//!   category;
//! - a matched item whose title or description changed is flagged
//!   ([`Item::reworded`] holds the old words) and is red with "checklist
//!   wording changed: re-confirm" until someone confirms it
//!   ([`Item::confirm_wording`]); a change of spacing only is taken without
//!   a flag;
//! - a template item the workbook lacks is added, not started (red);
//! - an item the template does not have is listed and kept where it was:
//!   in its category, right after the item it followed (in a category of
//!   its own that the template dropped: after the template's categories),
//!   or dropped when asked. Whether the template dropped it or the team added it
//!   cannot be told from the files, so both are treated alike.
//!
//! The template's own progress (status, answers, flags) is ignored.
//! Upgrading is idempotent: upgrading again with the same template changes
//! nothing.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::diff::{ItemRef, Moved};
use super::{Category, Item, ItemField, Status, Workbook};

/// How to upgrade.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpgradeOptions {
    /// Drop the items the template does not have instead of keeping them.
    pub drop_removed: bool,
}

/// The upgraded workbook and what the upgrade did to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgrade {
    pub workbook: Workbook,
    pub report: UpgradeReport,
}

/// What an upgrade did, item by item, in the upgraded workbook's order
/// (the old one's for removals). Category renames, re-check intervals and
/// the verdict are in `model::diff` of the two workbooks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpgradeReport {
    /// Template items the workbook lacked, added not started (red).
    pub added: Vec<ItemRef>,
    /// Items whose title or description the template changed.
    pub reworded: Vec<Reworded>,
    /// Items now in another category, as the template has them.
    pub moved: Vec<Moved>,
    /// Items the template does not have: kept, unless `dropped`.
    pub removed: Vec<ItemRef>,
    /// Whether the `removed` items were dropped.
    pub dropped: bool,
}

/// An item whose wording the template changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reworded {
    pub id: String,
    /// The wording before and after (see [`wording`]).
    pub before: String,
    pub after: String,
    /// Whether the item now waits for a confirmation; false when the new
    /// wording is the one the team last confirmed (a template that put
    /// back its earlier words).
    pub flagged: bool,
}

impl UpgradeReport {
    /// Whether the upgrade added, reworded, moved, kept or dropped no item.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.reworded.is_empty()
            && self.moved.is_empty()
            && self.removed.is_empty()
    }
}

/// `current` with `template`'s checklist; see the module documentation.
pub fn upgrade(current: &Workbook, template: &Workbook, options: UpgradeOptions) -> Upgrade {
    let mine: HashMap<&str, (&Category, &Item)> = current
        .items()
        .map(|(c, i)| (i.id.as_str(), (c, i)))
        .collect();
    let in_template: HashSet<&str> = template.items().map(|(_, i)| i.id.as_str()).collect();
    let mut report = UpgradeReport {
        dropped: options.drop_removed,
        ..UpgradeReport::default()
    };
    // An ID a (hand-made) template repeats is placed once.
    let mut placed = HashSet::new();
    let mut categories = Vec::with_capacity(template.categories.len());
    for tc in &template.categories {
        let mut items = Vec::with_capacity(tc.items.len());
        for ti in tc.items.iter().filter(|i| placed.insert(i.id.as_str())) {
            let Some(&(mc, mi)) = mine.get(ti.id.as_str()) else {
                items.push(Workbook::fresh_item(ti));
                report.added.push(item_ref(&tc.name, ti));
                continue;
            };
            let mut item = mi.clone();
            report.reworded.extend(reword(&mut item, ti));
            item.take_checklist(ti);
            if mc.id != tc.id {
                report.moved.push(Moved {
                    id: item.id.clone(),
                    title: item.title.clone(),
                    from: mc.name.clone(),
                    to: tc.name.clone(),
                });
            }
            items.push(item);
        }
        categories.push(Category {
            id: tc.id.clone(),
            name: tc.name.clone(),
            items,
        });
    }
    // The team's items the template lacks, in the workbook's order: into
    // their own category, which the template may have dropped.
    for mc in &current.categories {
        let others: Vec<&Item> = mc
            .items
            .iter()
            .filter(|i| !in_template.contains(i.id.as_str()))
            .collect();
        report
            .removed
            .extend(others.iter().map(|i| item_ref(&mc.name, i)));
        let kept = others
            .into_iter()
            .filter(|_| !options.drop_removed)
            .cloned();
        if let Some(c) = categories.iter_mut().find(|c| c.id == mc.id) {
            c.items = interleave(std::mem::take(&mut c.items), kept, &mc.items);
        } else {
            let items: Vec<Item> = kept.collect();
            // A category left empty by the upgrade goes; one the team
            // keeps empty stays.
            if !items.is_empty() || mc.items.is_empty() {
                categories.push(Category {
                    id: mc.id.clone(),
                    name: mc.name.clone(),
                    items,
                });
            }
        }
    }
    let workbook = Workbook {
        categories,
        ..current.clone()
    };
    Upgrade { workbook, report }
}

impl Workbook {
    /// A template item as a new workbook gets it: its ID and checklist
    /// part, no progress.
    fn fresh_item(template: &Item) -> Item {
        let mut item = Item {
            id: template.id.clone(),
            ..Item::default()
        };
        item.take_checklist(template);
        item
    }
}

/// The template's items of a category with the team's `kept` ones put
/// back where they were: each right after the template item it followed
/// in `before` (the category before the upgrade), or first when none did.
/// So an upgrade moves no item of the team's that it does not have to.
fn interleave(placed: Vec<Item>, kept: impl Iterator<Item = Item>, before: &[Item]) -> Vec<Item> {
    let placed_ids: HashSet<&str> = placed.iter().map(|i| i.id.as_str()).collect();
    // The template item each old item follows, if any.
    let mut anchor: HashMap<&str, &str> = HashMap::new();
    let mut last = None;
    for i in before {
        if placed_ids.contains(i.id.as_str()) {
            last = Some(i.id.as_str());
        } else if let Some(a) = last {
            anchor.insert(i.id.as_str(), a);
        }
    }
    let mut after: HashMap<String, Vec<Item>> = HashMap::new();
    let mut out = Vec::with_capacity(placed.len());
    for item in kept {
        match anchor.get(item.id.as_str()) {
            Some(a) => after.entry((*a).to_owned()).or_default().push(item),
            None => out.push(item),
        }
    }
    for item in placed {
        let following = after.remove(&item.id);
        out.push(item);
        out.extend(following.into_iter().flatten());
    }
    out
}

/// Flags `item` when `template` words it differently (spacing aside),
/// keeping the wording the team last confirmed: a second rewording before
/// anyone confirmed keeps the first words, and a template that goes back
/// to them clears the flag.
fn reword(item: &mut Item, template: &Item) -> Option<Reworded> {
    let before = wording(&item.title, &item.description);
    let after = wording(&template.title, &template.description);
    if same_words(&before, &after) {
        return None;
    }
    if item.reworded.is_empty() {
        item.reworded.clone_from(&before);
    } else if same_words(&item.reworded, &after) {
        item.reworded.clear();
    }
    Some(Reworded {
        id: item.id.clone(),
        before,
        after,
        flagged: !item.reworded.is_empty(),
    })
}

/// An item's wording as one text: the title, then the description after a
/// line break. Never empty, so a flag always shows.
pub fn wording(title: &str, description: &str) -> String {
    match (title.trim(), description.trim()) {
        ("", "") => "(no wording)".to_owned(),
        (_, "") => title.to_owned(),
        _ => format!("{title}\n{description}"),
    }
}

/// Whether two texts differ at most in spacing.
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

fn item_ref(category: &str, i: &Item) -> ItemRef {
    ItemRef {
        id: i.id.clone(),
        title: i.title.clone(),
        category: category.to_owned(),
    }
}

impl Item {
    /// Confirms the item against its current wording after a template
    /// upgrade changed it: clears [`Item::reworded`] (settling a merge
    /// conflict on it). Confirming is a check of the item as it stands, so
    /// a done item records `today` as verified, as setting it done does.
    /// False, and nothing changes, when the item was not flagged.
    pub fn confirm_wording(&mut self, today: NaiveDate) -> bool {
        if self.reworded.is_empty() {
            return false;
        }
        self.reworded.clear();
        self.settle(ItemField::Reworded);
        if self.status == Status::Done {
            self.verified = Some(today);
            self.settle(ItemField::Verified);
        }
        true
    }
}

#[cfg(test)]
mod tests;
