use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DEFAULT_REVIEW_LEAD_DAYS, Due, Interval, Status, slugify};

/// One project's readiness checklist. Field order here is the field order in
/// the file, so it is part of the format: append, never reorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workbook {
    pub project: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, with = "date_opt")]
    pub launch: Option<NaiveDate>,
    /// The walkthrough date; `None` means the default, [`DEFAULT_REVIEW_LEAD_DAYS`]
    /// before launch (see [`Workbook::review_date`]).
    #[serde(default, with = "date_opt")]
    pub review: Option<NaiveDate>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub categories: Vec<Category>,
    /// Unresolved merge conflicts on the workbook's own fields (`project`,
    /// `description`, `launch`, `review`) and on category names
    /// (`category.ID.name`), both values kept. A workbook with any is not
    /// production-ready.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// The review meetings on record, in date order (see
    /// [`Review`](super::Review)). A workbook with any is written as format
    /// version 3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<super::Review>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Stable slug, the prefix of its items' IDs when they were made.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Unique in the workbook and never changed by a rename.
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub status: Status,
    /// Empty means unassigned.
    #[serde(default)]
    pub owner: String,
    /// A day, or days from the launch (`T-14`); see [`Workbook::due_date`].
    /// A relative due makes the file format version 2.
    #[serde(default, with = "super::due::due_opt")]
    pub due: Option<Due>,
    #[serde(default)]
    pub mitigation: Mitigation,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub evidence: Vec<String>,
    /// The last day someone confirmed the item is still true; setting an
    /// item done records the day. Not written when unset, so files that
    /// never used re-checks keep their bytes.
    #[serde(default, with = "date_opt", skip_serializing_if = "Option::is_none")]
    pub verified: Option<NaiveDate>,
    /// How often a done item must be re-checked; past `verified` plus this,
    /// it is red (see [`Item::recheck`]). Not written when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<Interval>,
    /// The item's wording (the title, then the description on the next line)
    /// before a template upgrade changed it: the team confirmed the item
    /// against these words, not the new ones. Not empty = red until someone
    /// confirms the new wording ([`Item::confirm_wording`]). Not written
    /// when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reworded: String,
    /// Unresolved merge conflicts (both values kept); an item with any is red.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// Why an item may ship although it is not done — or, for a not-applicable
/// item, why it does not apply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mitigation {
    pub text: String,
    #[serde(default)]
    pub accepted_by: String,
    /// Last day the mitigation is accepted; `None` means no end date.
    #[serde(default, with = "date_opt")]
    pub until: Option<NaiveDate>,
}

/// A field that two branches changed differently, recorded by the merge
/// driver so the file stays valid and the conflict stays visible.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The field's name as in the file: on an item `owner`,
    /// `mitigation.text`, …; on the workbook `project`, `launch`, …, or
    /// `category.ID.name`.
    pub field: String,
    pub ours: String,
    pub theirs: String,
}

/// Where an item sits: category index and item index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemLocation {
    pub category: usize,
    pub item: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("item ID `{0}` appears more than once")]
    DuplicateItemId(String),
    #[error("category ID `{0}` appears more than once")]
    DuplicateCategoryId(String),
    #[error("an item has an empty ID (title: {0:?})")]
    EmptyItemId(String),
    #[error("review ID `{0}` appears more than once")]
    DuplicateReviewId(String),
    #[error("a review has an empty ID (title: {0:?})")]
    EmptyReviewId(String),
}

impl Workbook {
    /// An empty workbook for `project`.
    pub fn new(project: impl Into<String>) -> Self {
        Self {
            project: project.into(),
            description: String::new(),
            launch: None,
            review: None,
            people: Vec::new(),
            categories: Vec::new(),
            conflicts: Vec::new(),
            reviews: Vec::new(),
        }
    }

    /// The walkthrough date: the one set, else four weeks before launch.
    pub fn review_date(&self) -> Option<NaiveDate> {
        self.review.or_else(|| {
            self.launch.and_then(|l| {
                l.checked_sub_signed(chrono::Duration::days(DEFAULT_REVIEW_LEAD_DAYS))
            })
        })
    }

    /// Every item with its category, in file order.
    pub fn items(&self) -> impl Iterator<Item = (&Category, &Item)> {
        self.categories
            .iter()
            .flat_map(|c| c.items.iter().map(move |i| (c, i)))
    }

    pub fn item_count(&self) -> usize {
        self.categories.iter().map(|c| c.items.len()).sum()
    }

    pub fn locate(&self, id: &str) -> Option<ItemLocation> {
        self.categories.iter().enumerate().find_map(|(ci, c)| {
            c.items
                .iter()
                .position(|i| i.id == id)
                .map(|ii| ItemLocation {
                    category: ci,
                    item: ii,
                })
        })
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.locate(id)
            .map(|l| &self.categories[l.category].items[l.item])
    }

    pub fn item_mut(&mut self, id: &str) -> Option<&mut Item> {
        self.locate(id)
            .map(|l| &mut self.categories[l.category].items[l.item])
    }

    pub fn item_at(&self, loc: ItemLocation) -> Option<&Item> {
        self.categories.get(loc.category)?.items.get(loc.item)
    }

    /// Checks the invariants a loaded file must hold: unique, non-empty IDs
    /// of items, categories and reviews.
    pub fn validate(&self) -> Result<(), ModelError> {
        let mut items = std::collections::HashSet::with_capacity(self.item_count());
        let mut cats = std::collections::HashSet::new();
        for c in &self.categories {
            if !cats.insert(c.id.as_str()) {
                return Err(ModelError::DuplicateCategoryId(c.id.clone()));
            }
            for i in &c.items {
                if i.id.trim().is_empty() {
                    return Err(ModelError::EmptyItemId(i.title.clone()));
                }
                if !items.insert(i.id.as_str()) {
                    return Err(ModelError::DuplicateItemId(i.id.clone()));
                }
            }
        }
        let mut reviews = std::collections::HashSet::new();
        for r in &self.reviews {
            if r.id.trim().is_empty() {
                return Err(ModelError::EmptyReviewId(r.title.clone()));
            }
            if !reviews.insert(r.id.as_str()) {
                return Err(ModelError::DuplicateReviewId(r.id.clone()));
            }
        }
        Ok(())
    }

    /// Names to offer when assigning an owner: the workbook's people, then
    /// every owner already used, without duplicates, in first-seen order.
    pub fn known_owners(&self) -> Vec<String> {
        self.known_owners_where(|_| true)
    }

    /// [`Workbook::known_owners`], only the names `keep` accepts (looked
    /// at before anything is copied).
    pub fn known_owners_where(&self, keep: impl Fn(&str) -> bool) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        self.people
            .iter()
            .map(|p| p.name.trim())
            .chain(self.items().map(|(_, i)| i.owner.trim()))
            .filter(|n| !n.is_empty() && keep(n) && seen.insert(n.to_lowercase()))
            .map(str::to_owned)
            .collect()
    }

    /// A fresh item ID for `title` in category `category_id`, unique in this
    /// workbook (`ops.runbooks`, `ops.runbooks-2`, …).
    pub fn new_item_id(&self, category_id: &str, title: &str) -> String {
        unique(item_id_base(category_id, title), |id| {
            self.locate(id).is_some()
        })
    }

    /// A fresh category ID for `name`, unique in this workbook.
    pub fn new_category_id(&self, name: &str) -> String {
        let slug = slugify(name);
        let base = if slug.is_empty() {
            "category".to_owned()
        } else {
            slug
        };
        unique(base, |id| self.categories.iter().any(|c| c.id == id))
    }

    /// Adds a category at the end and returns its index.
    pub fn add_category(&mut self, name: &str) -> usize {
        let id = self.new_category_id(name);
        self.categories.push(Category {
            id,
            name: name.to_owned(),
            items: Vec::new(),
        });
        self.categories.len() - 1
    }

    /// Adds a new item titled `title` at the end of category `category` and
    /// returns its location, or `None` if there is no such category.
    pub fn add_item(&mut self, category: usize, title: &str) -> Option<ItemLocation> {
        let cat_id = self.categories.get(category)?.id.clone();
        let id = self.new_item_id(&cat_id, title);
        let items = &mut self.categories[category].items;
        items.push(Item {
            id,
            title: title.to_owned(),
            ..Item::default()
        });
        Some(ItemLocation {
            category,
            item: items.len() - 1,
        })
    }

    /// Removes and returns the item at `loc`.
    pub fn remove_item(&mut self, loc: ItemLocation) -> Option<Item> {
        let items = &mut self.categories.get_mut(loc.category)?.items;
        (loc.item < items.len()).then(|| items.remove(loc.item))
    }

    /// Moves an item up (`delta < 0`) or down within its category; returns its
    /// new location, or `None` when it cannot move that way.
    pub fn move_item(&mut self, loc: ItemLocation, delta: isize) -> Option<ItemLocation> {
        let items = &mut self.categories.get_mut(loc.category)?.items;
        let to = loc.item.checked_add_signed(delta)?;
        if loc.item >= items.len() || to >= items.len() {
            return None;
        }
        let item = items.remove(loc.item);
        items.insert(to, item);
        Some(ItemLocation {
            category: loc.category,
            item: to,
        })
    }

    /// Number of items with unresolved merge conflicts (conflicts on the
    /// workbook's own fields are in [`Workbook::conflicts`]).
    pub fn conflict_count(&self) -> usize {
        self.items()
            .filter(|(_, i)| !i.conflicts.is_empty())
            .count()
    }

    /// Whether any merge conflict, on an item or on the workbook, is unresolved.
    pub fn has_conflicts(&self) -> bool {
        !self.conflicts.is_empty() || self.items().any(|(_, i)| !i.conflicts.is_empty())
    }
}

impl Item {
    /// The owner for display: the name, or "unassigned".
    pub fn owner_or_unassigned(&self) -> &str {
        let o = self.owner.trim();
        if o.is_empty() { "unassigned" } else { o }
    }

    /// Whether a mitigation (or not-applicable reason) is written down.
    pub fn has_mitigation(&self) -> bool {
        !self.mitigation.text.trim().is_empty()
    }
}

/// Dates as `Some("YYYY-MM-DD")`, with an error that names the bad value
/// (chrono's own says only "input is out of range").
pub(crate) mod date_opt {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    /// The prefix storage uses to tell a bad date from other errors.
    pub const INVALID_DATE: &str = "invalid date";

    // `&&Option` too, for the borrowed file writer in storage.
    pub fn serialize<S, D>(date: &D, s: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        D: std::borrow::Borrow<Option<NaiveDate>>,
    {
        match date.borrow() {
            Some(d) => s.serialize_some(&d.format("%Y-%m-%d").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map(Some)
            .map_err(|e| {
                D::Error::custom(format!(
                    "{INVALID_DATE} {text:?}: {e} (expected YYYY-MM-DD)"
                ))
            })
    }
}

pub use date_opt::INVALID_DATE;

/// `category.title-slug`, the ID an item titled `title` would like to have.
fn item_id_base(category_id: &str, title: &str) -> String {
    let slug = slugify(title);
    let stem = if slug.is_empty() {
        "item"
    } else {
        slug.as_str()
    };
    if category_id.is_empty() {
        stem.to_owned()
    } else {
        format!("{category_id}.{stem}")
    }
}

/// Hands out unique item IDs for many items added at once (imports), in
/// constant time each: [`Workbook::new_item_id`] scans the whole workbook per
/// call, which made a crafted 40,000-item import take minutes.
#[derive(Debug, Default)]
pub struct ItemIds {
    taken: std::collections::HashSet<String>,
    /// Next suffix to try per base, so a thousand equal titles do not each
    /// walk `-2`, `-3`, … from the start.
    next_suffix: std::collections::HashMap<String, u32>,
}

impl ItemIds {
    /// The IDs `workbook` already uses.
    pub fn of(workbook: &Workbook) -> Self {
        Self {
            taken: workbook.items().map(|(_, i)| i.id.clone()).collect(),
            next_suffix: std::collections::HashMap::new(),
        }
    }

    /// Claims `id` as given; false if it is already taken.
    pub fn claim(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_owned())
    }

    /// A fresh ID for `title` in category `category_id`, as
    /// [`Workbook::new_item_id`] would give, and claims it.
    pub fn fresh(&mut self, category_id: &str, title: &str) -> String {
        let base = item_id_base(category_id, title);
        if self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next_suffix.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

fn unique(base: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Workbook {
        let mut wb = Workbook::new("Payments");
        let c = wb.add_category("Reliability");
        wb.add_item(c, "SLOs published");
        wb.add_item(c, "Backups");
        wb
    }

    #[test]
    fn new_ids_are_unique_and_readable() {
        let mut wb = sample();
        assert_eq!(wb.categories[0].items[0].id, "reliability.slos-published");
        let loc = wb.add_item(0, "SLOs published").unwrap();
        assert_eq!(wb.item_at(loc).unwrap().id, "reliability.slos-published-2");
        assert_eq!(wb.add_category("Reliability"), 1);
        assert_eq!(wb.categories[1].id, "reliability-2");
        assert!(wb.validate().is_ok());
    }

    #[test]
    fn item_ids_match_new_item_id_and_never_repeat() {
        let wb = sample();
        let mut ids = ItemIds::of(&wb);
        assert_eq!(ids.fresh("reliability", "Backups"), "reliability.backups-2");
        assert_eq!(ids.fresh("reliability", "Backups"), "reliability.backups-3");
        assert!(ids.claim("reliability.backups-5"));
        assert!(!ids.claim("reliability.backups-5"));
        assert_eq!(ids.fresh("reliability", "Backups"), "reliability.backups-4");
        assert_eq!(ids.fresh("reliability", "Backups"), "reliability.backups-6");
        assert_eq!(ids.fresh("", "李雷"), "item");
    }

    #[test]
    fn validate_rejects_duplicate_ids() {
        let mut wb = sample();
        wb.categories[0].items[1].id = wb.categories[0].items[0].id.clone();
        assert_eq!(
            wb.validate(),
            Err(ModelError::DuplicateItemId(
                "reliability.slos-published".into()
            ))
        );
    }

    #[test]
    fn move_item_stays_within_bounds() {
        let mut wb = sample();
        let first = ItemLocation {
            category: 0,
            item: 0,
        };
        assert_eq!(wb.move_item(first, -1), None);
        let moved = wb.move_item(first, 1).unwrap();
        assert_eq!(moved.item, 1);
        assert_eq!(wb.categories[0].items[1].title, "SLOs published");
        assert_eq!(wb.move_item(moved, 1), None);
    }

    #[test]
    fn review_date_defaults_to_four_weeks_before_launch() {
        let mut wb = sample();
        assert_eq!(wb.review_date(), None);
        wb.launch = NaiveDate::from_ymd_opt(2026, 3, 1);
        assert_eq!(wb.review_date(), NaiveDate::from_ymd_opt(2026, 2, 1));
        wb.review = NaiveDate::from_ymd_opt(2026, 2, 10);
        assert_eq!(wb.review_date(), wb.review);
    }

    #[test]
    fn known_owners_merges_people_and_owners() {
        let mut wb = sample();
        wb.people.push(Person {
            name: "Zoë".into(),
            ..Person::default()
        });
        wb.categories[0].items[0].owner = "Ali".into();
        wb.categories[0].items[1].owner = "zoë".into();
        assert_eq!(wb.known_owners(), vec!["Zoë".to_owned(), "Ali".to_owned()]);
    }

    #[test]
    fn known_owners_can_leave_names_out() {
        let mut wb = sample();
        wb.categories[0].items[0].owner = "Ali".into();
        wb.categories[0].items[1].owner = "a pasted log".into();
        assert_eq!(
            wb.known_owners_where(|n| n.len() < 10),
            vec!["Ali".to_owned()]
        );
    }
}
