//! Three-way merge of workbooks by item ID and by field, and resolving the
//! conflicts it leaves.
//!
//! This is what `shipshape merge BASE OURS THEIRS` (the git merge driver)
//! runs. Edits to different items, or to different fields of one item, merge
//! cleanly; items added, removed, moved or reordered on either side land where
//! that side put them. When both sides change the same field differently the
//! merged file keeps our value and records a [`Conflict`] holding both — on
//! the item for an item field (the item turns red), on the workbook for the
//! project name, description, launch and review dates and category names
//! (the workbook is not ready) — so it is still a valid workbook and nothing
//! is lost until someone picks a side with [`Workbook::resolve_conflict`].

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::fields::{FieldKind, ItemField, WorkbookField, category_name_field, category_of_field};
use super::review::{ReviewField, review_of_field};
use super::{Category, Conflict, Item, Workbook};

/// The conflict field recorded when one side removed an item the other
/// edited. Its values are [`REMOVED`] and [`KEPT`].
pub const REMOVED_FIELD: &str = "removed";
/// The conflict field recorded when the sides moved an item to different
/// categories; its values are category IDs.
pub const CATEGORY_FIELD: &str = "category";
pub const REMOVED: &str = "removed";
pub const KEPT: &str = "kept";

/// What the field name of a recorded [`Conflict`] refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictField<'a> {
    /// A field of the item.
    Item(ItemField),
    /// The item was removed on one side and edited on the other
    /// ([`REMOVED_FIELD`]).
    ItemRemoved,
    /// The sides moved the item to different categories ([`CATEGORY_FIELD`]).
    ItemCategory,
    /// A field of the workbook.
    Workbook(WorkbookField),
    /// The name of the category with this ID.
    CategoryName(&'a str),
    /// The category with this ID was removed on one side and changed on the
    /// other (see [`category_removed_field`]).
    CategoryRemoved(&'a str),
    /// A field of the review with this ID (`review.ID.FIELD`).
    Review(&'a str, ReviewField),
    /// A name this build does not know (a newer one wrote it).
    Unknown(&'a str),
}

impl<'a> ConflictField<'a> {
    /// The conflict field `name` as recorded on an item (`on_item`) or on
    /// the workbook.
    pub fn parse(name: &'a str, on_item: bool) -> Self {
        if on_item {
            return match name {
                REMOVED_FIELD => Self::ItemRemoved,
                CATEGORY_FIELD => Self::ItemCategory,
                _ => ItemField::from_name(name).map_or(Self::Unknown(name), Self::Item),
            };
        }
        if let Some(f) = WorkbookField::from_name(name) {
            Self::Workbook(f)
        } else if let Some(id) = category_of_field(name) {
            Self::CategoryName(id)
        } else if let Some(id) = category_of_removed_field(name) {
            Self::CategoryRemoved(id)
        } else if let Some((id, field)) = review_of_field(name) {
            Self::Review(id, field)
        } else {
            Self::Unknown(name)
        }
    }

    /// Whether a value of one's own can settle it (not the either-or ones).
    pub fn takes_a_value(self) -> bool {
        !matches!(
            self,
            Self::ItemRemoved | Self::ItemCategory | Self::CategoryRemoved(_)
        )
    }

    /// The kind of value it holds (removal and category conflicts are
    /// one-line text).
    pub fn kind(self) -> FieldKind {
        match self {
            Self::Item(f) => f.kind(),
            Self::Workbook(f) => f.kind(),
            Self::Review(_, f) => f.kind(),
            _ => FieldKind::Text,
        }
    }
}

/// A place where the two sides disagree, as recorded in the merged workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergeConflict {
    /// The item, or `None` for a workbook field (recorded in
    /// [`Workbook::conflicts`]).
    pub item: Option<String>,
    /// An item field name (see [`ItemField::name`]), [`REMOVED_FIELD`],
    /// [`CATEGORY_FIELD`], a workbook field (see [`WorkbookField::name`]) or
    /// `category.ID.name`.
    pub field: String,
    pub ours: String,
    pub theirs: String,
}

impl std::fmt::Display for MergeConflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.item {
            Some(id) => write!(f, "{id}: {}", self.field)?,
            None => write!(f, "(workbook) {}", self.field)?,
        }
        write!(f, ": ours {:?}, theirs {:?}", self.ours, self.theirs)
    }
}

/// The result of [`merge`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub workbook: Workbook,
    /// Conflicts this merge found (not those already in the inputs).
    pub conflicts: Vec<MergeConflict>,
    /// What the merge did that people should know although nothing is in
    /// conflict (both sides added an item with the same new ID: theirs got
    /// another ID).
    pub notes: Vec<String>,
}

impl Merged {
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// The conflict field, on the workbook, recorded when one side removed a
/// category the other changed (renamed, or changed its items):
/// `category.ID.removed`, with values [`REMOVED`] and [`KEPT`].
pub fn category_removed_field(id: &str) -> String {
    format!("category.{id}.removed")
}

/// The category ID in a `category.ID.removed` field name.
pub fn category_of_removed_field(field: &str) -> Option<&str> {
    field.strip_prefix("category.")?.strip_suffix(".removed")
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge(base: &Workbook, ours: &Workbook, theirs: &Workbook) -> Merged {
    let mut notes = Vec::new();
    let theirs = &separate_same_new_ids(base, ours, theirs, &mut notes);
    let mut conflicts = Vec::new();
    let mut wb = ours.clone();
    wb.conflicts = merge_set(&base.conflicts, &ours.conflicts, &theirs.conflicts);
    merge_workbook_fields(base, ours, theirs, &mut wb, &mut conflicts);
    wb.people = merge_set(&base.people, &ours.people, &theirs.people);
    let mut items = merge_items(base, ours, theirs, &mut conflicts);
    let categories = merge_categories(base, ours, theirs, &items, &mut wb, &mut conflicts);
    wb.categories = arrange(base, ours, theirs, categories, &mut items);
    merge_reviews(base, ours, theirs, &mut wb, &mut conflicts, &mut notes);
    // A conflict on a category the merge dropped has nothing left to resolve.
    let kept = &wb.categories;
    wb.conflicts.retain(|k| {
        category_of_field(&k.field)
            .or_else(|| category_of_removed_field(&k.field))
            .is_none_or(|id| kept.iter().any(|c| c.id == id))
    });
    Merged {
        workbook: wb,
        conflicts,
        notes,
    }
}

/// Both sides added an item with the same new ID but not the same item:
/// they are two items, so theirs gets a fresh ID (`ID-2`) instead of the two
/// fusing into one whose conflicts, once resolved, would drop one of them.
fn separate_same_new_ids<'a>(
    base: &Workbook,
    ours: &Workbook,
    theirs: &'a Workbook,
    notes: &mut Vec<String>,
) -> std::borrow::Cow<'a, Workbook> {
    let (b_loc, o_loc) = (Locations::of(base), Locations::of(ours));
    let clashes: Vec<String> = theirs
        .items()
        .filter(|(_, t)| b_loc.item(&t.id).is_none())
        .filter(|(_, t)| o_loc.item(&t.id).is_some_and(|o| o != *t))
        .map(|(_, t)| t.id.clone())
        .collect();
    if clashes.is_empty() {
        return std::borrow::Cow::Borrowed(theirs);
    }
    let mut taken: HashSet<String> = [base, ours, theirs]
        .iter()
        .flat_map(|w| w.items().map(|(_, i)| i.id.clone()))
        .collect();
    let mut renamed = theirs.clone();
    for id in clashes {
        let fresh = (2..)
            .map(|n| format!("{id}-{n}"))
            .find(|c| !taken.contains(c))
            .unwrap_or_default();
        taken.insert(fresh.clone());
        if let Some(item) = renamed.item_mut(&id) {
            item.id.clone_from(&fresh);
        }
        notes.push(format!(
            "both sides added an item with ID `{id}` but different content: ours keeps `{id}`, theirs is now `{fresh}`"
        ));
    }
    std::borrow::Cow::Owned(renamed)
}

/// Every item either side has, merged, each with the ID of the category it
/// ends up in.
fn merge_items(
    base: &Workbook,
    ours: &Workbook,
    theirs: &Workbook,
    conflicts: &mut Vec<MergeConflict>,
) -> HashMap<String, (Item, String)> {
    let (b_loc, o_loc, t_loc) = (
        Locations::of(base),
        Locations::of(ours),
        Locations::of(theirs),
    );
    let mut merged: HashMap<String, (Item, String)> = HashMap::new();
    for id in o_loc.order.iter().chain(&t_loc.order) {
        if merged.contains_key(id.as_str()) {
            continue;
        }
        let (b, o, t) = (b_loc.item(id), o_loc.item(id), t_loc.item(id));
        let (bc, oc, tc) = (b_loc.category(id), o_loc.category(id), t_loc.category(id));
        let placed = match (o, t) {
            (Some(o), Some(t)) => {
                let mut item = merge_item(b, o, t, conflicts);
                let (oc, tc) = (oc.unwrap_or_default(), tc.unwrap_or_default());
                let category = match pick3(bc.as_ref(), &oc, &tc) {
                    Pick::Agreed(c) => c.clone(),
                    Pick::Conflict => {
                        record(&mut item, CATEGORY_FIELD, &oc, &tc, conflicts);
                        oc.clone()
                    }
                };
                Some((item, category))
            }
            (Some(one), None) | (None, Some(one)) => {
                let ours_side = o.is_some();
                let category = if ours_side { oc } else { tc }.unwrap_or_default();
                one_sided_item(b, one, ours_side, conflicts).map(|item| (item, category))
            }
            (None, None) => None,
        };
        if let Some(p) = placed {
            merged.insert(id.clone(), p);
        }
    }
    merged
}

/// An item only one side still has: added there (kept), removed on the other
/// side unchanged (gone), or removed on one side and edited on the other
/// (kept with a conflict, so removing it is a choice someone makes).
fn one_sided_item(
    base: Option<&Item>,
    item: &Item,
    ours_side: bool,
    conflicts: &mut Vec<MergeConflict>,
) -> Option<Item> {
    match base {
        None => Some(item.clone()),
        Some(b) if same_content(b, item) => None,
        Some(_) => {
            let mut item = item.clone();
            let (ov, tv) = if ours_side {
                (KEPT, REMOVED)
            } else {
                (REMOVED, KEPT)
            };
            record(&mut item, REMOVED_FIELD, ov, tv, conflicts);
            Some(item)
        }
    }
}

/// The categories the merge keeps (without their items yet), with merged
/// names: those both sides have, those one side added, and those one side
/// removed while the other changed them — kept, with a conflict.
fn merge_categories(
    base: &Workbook,
    ours: &Workbook,
    theirs: &Workbook,
    items: &HashMap<String, (Item, String)>,
    wb: &mut Workbook,
    conflicts: &mut Vec<MergeConflict>,
) -> HashMap<String, Category> {
    let targeted: HashSet<&str> = items.values().map(|(_, c)| c.as_str()).collect();
    let mut categories: HashMap<String, Category> = HashMap::new();
    for c in ours.categories.iter().chain(&theirs.categories) {
        if categories.contains_key(&c.id) {
            continue;
        }
        let (b, o, t) = (
            find_cat(base, &c.id),
            find_cat(ours, &c.id),
            find_cat(theirs, &c.id),
        );
        let keep = match (b, o, t) {
            (_, Some(_), Some(_)) | (None, _, _) => true,
            (Some(b), Some(one), None) | (Some(b), None, Some(one)) => {
                if changed_category(b, one) {
                    // Removed on one side, changed on the other.
                    let (ov, tv) = if o.is_some() {
                        (KEPT, REMOVED)
                    } else {
                        (REMOVED, KEPT)
                    };
                    let field = category_removed_field(&c.id);
                    record_workbook(wb, &field, ov, tv, conflicts);
                    true
                } else {
                    targeted.contains(c.id.as_str())
                }
            }
            (Some(_), None, None) => false,
        };
        if !keep {
            continue;
        }
        let mut cat = Category {
            id: c.id.clone(),
            name: c.name.clone(),
            items: Vec::new(),
        };
        if let (Some(o), Some(t)) = (o, t) {
            match pick3(b.map(|b| &b.name), &o.name, &t.name) {
                Pick::Agreed(n) => cat.name.clone_from(n),
                Pick::Conflict => {
                    cat.name.clone_from(&o.name);
                    let field = category_name_field(&c.id);
                    record_workbook(wb, &field, &o.name, &t.name, conflicts);
                }
            }
        }
        categories.insert(c.id.clone(), cat);
    }
    categories
}

/// Whether a side changed a category since `base`: renamed it, or holds an
/// item in it that is new there or edited. Items it moved out or removed do
/// not count: removing the category agrees with them.
fn changed_category(base: &Category, side: &Category) -> bool {
    side.name != base.name
        || side
            .items
            .iter()
            .any(|i| base.items.iter().find(|b| b.id == i.id) != Some(i))
}

enum Pick<'a, T> {
    Agreed(&'a T),
    Conflict,
}

/// The classic three-way rule: a side that changed wins over one that did
/// not; both changing to the same value agree; otherwise a conflict.
fn pick3<'a, T: PartialEq>(base: Option<&T>, ours: &'a T, theirs: &'a T) -> Pick<'a, T> {
    if ours == theirs || base == Some(theirs) {
        Pick::Agreed(ours)
    } else if base == Some(ours) {
        Pick::Agreed(theirs)
    } else {
        Pick::Conflict
    }
}

fn merge_workbook_fields(
    base: &Workbook,
    ours: &Workbook,
    theirs: &Workbook,
    wb: &mut Workbook,
    conflicts: &mut Vec<MergeConflict>,
) {
    for field in WorkbookField::ALL {
        let [b, o, t] = [base, ours, theirs].map(|w| field.get(w));
        match pick3(Some(&b), &o, &t) {
            Pick::Agreed(v) if *v == o => {}
            Pick::Agreed(_) => field.copy(wb, theirs),
            Pick::Conflict => record_workbook(wb, field.name(), &o, &t, conflicts),
        }
    }
}

fn merge_item(
    base: Option<&Item>,
    ours: &Item,
    theirs: &Item,
    conflicts: &mut Vec<MergeConflict>,
) -> Item {
    // Most items of a big workbook are untouched by one side or both: the
    // three-way rule on whole items spares a field-by-field walk where it
    // keeps ours (the walk would give ours too). Written with `pick3`, whose
    // every change the field tests see, rather than a condition of its own:
    // a shortcut that only saves time is one no test can tell apart from
    // no shortcut.
    if let Pick::Agreed(kept) = pick3(base, ours, theirs)
        && std::ptr::eq(kept, ours)
    {
        return ours.clone();
    }
    let mut item = ours.clone();
    item.conflicts = merge_set(
        base.map_or(&[][..], |b| &b.conflicts),
        &ours.conflicts,
        &theirs.conflicts,
    );
    for field in ItemField::ALL {
        if let (Some(o), Some(t)) = (field.links(ours), field.links(theirs)) {
            // A set: what either side added is in, what either removed is out.
            let b = base.and_then(|b| field.links(b)).unwrap_or_default();
            let merged = merge_set(b, o, t);
            if let Some(links) = field.links_mut(&mut item) {
                *links = merged;
            }
            continue;
        }
        let (o, t) = (field.get(ours), field.get(theirs));
        let b = base.map(|b| field.get(b));
        match pick3(b.as_ref(), &o, &t) {
            Pick::Agreed(v) if *v == o => {}
            Pick::Agreed(_) => field.copy(&mut item, theirs),
            Pick::Conflict => match b.as_deref() {
                Some(base)
                    if field.accumulates()
                        && let Some(both) = both_appends(base, &o, &t) =>
                {
                    if let Some(text) = field.text_mut(&mut item) {
                        *text = both;
                    }
                }
                _ => record(&mut item, field.name(), &o, &t, conflicts),
            },
        }
    }
    item
}

/// Notes are a log people add to (`shipshape set --note` appends a
/// paragraph): when both sides only appended, keep both additions, ours first.
fn both_appends(base: &str, ours: &str, theirs: &str) -> Option<String> {
    ours.strip_prefix(base)?;
    let added = theirs.strip_prefix(base)?.trim_start_matches('\n');
    let mut out = ours.to_owned();
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(added);
    Some(out)
}

/// Records a conflict on the item (replacing an older one on the same field)
/// and in the merge report.
fn record(
    item: &mut Item,
    field: &str,
    ours: &str,
    theirs: &str,
    conflicts: &mut Vec<MergeConflict>,
) {
    item.conflicts.retain(|c| c.field != field);
    item.conflicts.push(Conflict {
        field: field.to_owned(),
        ours: ours.to_owned(),
        theirs: theirs.to_owned(),
    });
    conflicts.push(MergeConflict {
        item: Some(item.id.clone()),
        field: field.to_owned(),
        ours: ours.to_owned(),
        theirs: theirs.to_owned(),
    });
}

/// Records a conflict on a workbook field (replacing an older one on the
/// same field) and in the merge report.
fn record_workbook(
    wb: &mut Workbook,
    field: &str,
    ours: &str,
    theirs: &str,
    conflicts: &mut Vec<MergeConflict>,
) {
    wb.conflicts.retain(|c| c.field != field);
    wb.conflicts.push(Conflict {
        field: field.to_owned(),
        ours: ours.to_owned(),
        theirs: theirs.to_owned(),
    });
    conflicts.push(MergeConflict {
        item: None,
        field: field.to_owned(),
        ours: ours.to_owned(),
        theirs: theirs.to_owned(),
    });
}

/// Whether an item is unchanged apart from where it sits.
fn same_content(a: &Item, b: &Item) -> bool {
    a == b
}

/// Three-way merge of an unordered collection: what either side added is
/// in, what either side removed is out. Keeps our order, then their additions.
fn merge_set<T: PartialEq + Clone>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut out: Vec<T> = ours
        .iter()
        .filter(|x| theirs.contains(x) || !base.contains(x))
        .cloned()
        .collect();
    for x in theirs {
        if !ours.contains(x) && !base.contains(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

fn find_cat<'a>(wb: &'a Workbook, id: &str) -> Option<&'a Category> {
    wb.categories.iter().find(|c| c.id == id)
}

/// Each item by ID with its category ID, and the IDs in file order: looking
/// items up by ID must not cost a scan of a 10,000-item workbook.
struct Locations<'a> {
    by_id: HashMap<&'a str, (&'a str, &'a Item)>,
    order: Vec<String>,
}

impl<'a> Locations<'a> {
    fn of(wb: &'a Workbook) -> Self {
        let mut by_id = HashMap::with_capacity(wb.item_count());
        let mut order = Vec::with_capacity(wb.item_count());
        for (c, i) in wb.items() {
            by_id.insert(i.id.as_str(), (c.id.as_str(), i));
            order.push(i.id.clone());
        }
        Self { by_id, order }
    }

    fn item(&self, id: &str) -> Option<&'a Item> {
        self.by_id.get(id).map(|(_, i)| *i)
    }

    fn category(&self, id: &str) -> Option<String> {
        self.by_id.get(id).map(|(c, _)| (*c).to_owned())
    }
}

mod arrange;
mod resolve;
mod reviews;
use arrange::arrange;
pub use resolve::{ConflictEntry, Resolution, ResolveError};
use reviews::merge_reviews;

#[cfg(test)]
mod tests;
