//! The Azure review-checklists JSON format
//! (<https://github.com/Azure/review-checklists>): `items` with `category`,
//! `subcategory`, `text`, `description`, `severity`, `guid`, `link` and,
//! in a filled-in checklist, `status` and `comments`.
//!
//! Categories keep their names, in the order of the file's `categories`
//! list (categories no item uses are left out; any an item names that the
//! list lacks follow, in order of first use). Each item's severity,
//! subcategory, service, WAF pillar and GUID go into its description
//! ("Severity: High · … · Azure ID: 7e13c105-…", then "Learn more: link")
//! so nothing the reviewers relied on is lost, and a re-import can match
//! the item by its GUID ([`match_ids`]).
//!
//! Statuses map by their position in the file's own `status` list, which
//! every checklist has in one order whatever its language (English:
//! *Not verified*, *Open*, *Fulfilled*, *Not required*, *N/A*; Japanese:
//! 未確認, 開ける, 達成, 必須ではありません, 該当なし): not started, in
//! progress, done, not applicable, not applicable — with the reviewer's
//! comment as the reason (without one the item stays red, as the launch
//! rule asks for a written reason). A file without the list falls back to
//! the English words and ours.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::{ImportError, Imported};
use crate::model::{Item, ItemIds, Status, Workbook};

#[derive(Deserialize)]
struct File {
    items: Option<Vec<AzureItem>>,
    #[serde(default)]
    metadata: Option<Metadata>,
    #[serde(default)]
    categories: Option<Vec<Named>>,
    #[serde(default)]
    status: Option<Vec<Named>>,
}

#[derive(Deserialize, Default)]
struct Metadata {
    #[serde(default)]
    name: Option<String>,
}

/// An entry of one of the file's vocabularies (`categories`, `status`).
#[derive(Deserialize, Default)]
#[serde(default)]
struct Named {
    name: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AzureItem {
    category: Option<String>,
    subcategory: Option<String>,
    text: Option<String>,
    description: Option<String>,
    waf: Option<String>,
    service: Option<String>,
    guid: Option<String>,
    id: Option<String>,
    severity: Option<String>,
    link: Option<String>,
    training: Option<String>,
    status: Option<String>,
    comments: Option<String>,
}

/// The statuses in the order the format defines them: the n-th name of a
/// file's `status` list means the n-th of these.
const BY_POSITION: [Status; 5] = [
    Status::NotStarted,
    Status::InProgress,
    Status::Done,
    Status::NotApplicable,
    Status::NotApplicable,
];

/// The label in each item's description that holds its Azure GUID.
const AZURE_ID: &str = "Azure ID: ";

/// Imports an Azure review checklist. `project` names the workbook; without
/// it the checklist's `metadata.name` does.
pub fn import(bytes: &[u8], project: Option<&str>) -> Result<Imported, ImportError> {
    super::format::refuse_other(bytes, super::format::Format::Azure)?;
    let text = super::text(bytes)?;
    if text.trim_start().starts_with('[') {
        return Err(ImportError::Invalid(
            "not an Azure review checklist: the file is a JSON list, and a checklist is an object with an `items` list".into(),
        ));
    }
    let file = parse(text)?;
    let Some(items) = file.items else {
        return Err(ImportError::Invalid(
            "not an Azure review checklist: there is no `items` list".into(),
        ));
    };
    let name = project
        .map(str::to_owned)
        .or_else(|| file.metadata.and_then(|m| m.name))
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| super::UNTITLED.to_owned());
    let mut wb = Workbook::new(name.trim());
    let statuses = names(file.status.as_deref());
    let categories = category_order(names(file.categories.as_deref()), &items);
    let mut index: HashMap<&str, usize> = HashMap::new();
    for c in &categories {
        index.insert(c, wb.add_category(c));
    }
    let mut warnings = Vec::new();
    // Lookups by map, not by scanning: a hostile file may hold 100,000 items.
    let mut ids = ItemIds::of(&wb);
    for (n, a) in items.iter().enumerate() {
        let label = a.guid.clone().or_else(|| a.id.clone()).unwrap_or_default();
        let Some(title) = a.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
            warnings.push(format!("items[{n}] {label}: skipped, it has no `text`"));
            continue;
        };
        let ci = index[category_of(a)];
        let mut item = Item {
            id: ids.fresh(&wb.categories[ci].id, title),
            title: title.to_owned(),
            description: a.full_description(),
            ..Item::default()
        };
        if let Some(s) = a.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            match map_status(s, &statuses) {
                Some(st) => item.status = st,
                None => warnings.push(format!(
                    "items[{n}] {label}: unknown status {s:?} (the file's statuses: {}), imported as not started",
                    statuses.join(", ")
                )),
            }
        }
        let comments = a.comments.as_deref().unwrap_or_default().trim().to_owned();
        // A reviewer's comment on an item that does not apply is the reason.
        if item.status == Status::NotApplicable {
            item.mitigation.text = comments;
        } else {
            item.notes = comments;
        }
        wb.categories[ci].items.push(item);
    }
    wb.categories.retain(|c| !c.items.is_empty());
    if wb.item_count() == 0 {
        return Err(ImportError::NoItems(
            "the checklist has no items with text to import".into(),
        ));
    }
    Ok(Imported {
        workbook: wb,
        warnings,
        kept_columns: Vec::new(),
    })
}

/// The trimmed, non-empty names of a vocabulary, in order.
fn names(list: Option<&[Named]>) -> Vec<String> {
    list.unwrap_or_default()
        .iter()
        .filter_map(|n| n.name.as_deref().map(str::trim))
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

/// An item's category name ("General" when it names none).
fn category_of(a: &AzureItem) -> &str {
    a.category
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .unwrap_or("General")
}

/// The categories the items use: in the file's `categories` order, then
/// the ones it does not list, in order of first use.
fn category_order(listed: Vec<String>, items: &[AzureItem]) -> Vec<String> {
    let used: HashSet<&str> = items
        .iter()
        .filter(|a| a.text.as_deref().is_some_and(|t| !t.trim().is_empty()))
        .map(category_of)
        .collect();
    let mut order: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    let in_items = items.iter().map(category_of).map(str::to_owned);
    for name in listed.into_iter().chain(in_items) {
        if used.contains(name.as_str()) && seen.insert(name.clone()) {
            order.push(name);
        }
    }
    order
}

/// The GUID a re-import matches an item by (see [`match_ids`]).
pub fn azure_id(item: &Item) -> Option<&str> {
    let at = item.description.rfind(AZURE_ID)? + AZURE_ID.len();
    let rest = &item.description[at..];
    let end = rest.find([' ', '\n']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|id| !id.is_empty())
}

/// Gives each item of a fresh import the ID its Azure GUID has in
/// `existing` (a workbook imported from an earlier version of the
/// checklist), so `model::upgrade` matches items by GUID even where the
/// wording, and so the title's ID, changed. An item with a GUID `existing`
/// lacks never takes an ID `existing` uses for another check.
pub fn match_ids(imported: &mut Workbook, existing: &Workbook) {
    let by_guid: HashMap<&str, &str> = existing
        .items()
        .filter_map(|(_, i)| Some((azure_id(i)?, i.id.as_str())))
        .collect();
    let old_ids: HashSet<&str> = existing.items().map(|(_, i)| i.id.as_str()).collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut rest = Vec::new();
    for (ci, c) in imported.categories.iter_mut().enumerate() {
        for (ii, item) in c.items.iter_mut().enumerate() {
            let target = azure_id(item).and_then(|g| by_guid.get(g));
            // The first item with a GUID takes its ID; a repeat is a new item.
            match target {
                Some(&id) if taken.insert(id.to_owned()) => item.id = id.to_owned(),
                _ => rest.push((ci, ii)),
            }
        }
    }
    let mut ids = ItemIds::of(existing);
    for id in &taken {
        ids.claim(id);
    }
    for (ci, ii) in rest {
        let cat = imported.categories[ci].id.clone();
        let item = &mut imported.categories[ci].items[ii];
        // An item without a GUID matches by ID, as any upgrade does; one
        // with a GUID the old workbook lacks is a new check.
        let new_check = azure_id(item).is_some() && old_ids.contains(item.id.as_str());
        if new_check || taken.contains(&item.id) {
            item.id = ids.fresh(&cat, &item.title);
        }
        ids.claim(&item.id);
        taken.insert(item.id.clone());
    }
}

/// The JSON, or where it stops being JSON of the expected shape.
fn parse(text: &str) -> Result<File, ImportError> {
    serde_json::from_str(text).map_err(|e| ImportError::Json {
        line: e.line(),
        column: e.column(),
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned(),
    })
}

impl AzureItem {
    /// The item's description, then the facts reviewers rely on (severity,
    /// subcategory, service, WAF pillar, Azure ID) on one line, then links
    /// to learn more.
    fn full_description(&self) -> String {
        let mut desc = self
            .description
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_owned();
        let azure_id = self.guid.clone().or_else(|| self.id.clone());
        let facts: Vec<String> = [
            ("Severity", &self.severity),
            ("Subcategory", &self.subcategory),
            ("Service", &self.service),
            ("WAF pillar", &self.waf),
            ("Azure ID", &azure_id),
        ]
        .iter()
        .filter_map(|(k, v)| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| format!("{k}: {v}"))
        })
        .collect();
        for (sep, part) in [
            ("\n\n", facts.join(" · ")),
            ("\n", more("Learn more", &self.link)),
            ("\n", more("Training", &self.training)),
        ] {
            if !part.is_empty() {
                if !desc.is_empty() {
                    desc.push_str(sep);
                }
                desc.push_str(&part);
            }
        }
        desc
    }
}

fn more(label: &str, url: &Option<String>) -> String {
    match url.as_deref().map(str::trim) {
        Some(u) if !u.is_empty() => format!("{label}: {u}"),
        _ => String::new(),
    }
}

/// A status word: by its position in the file's own list (any language),
/// else the format's English words or ours.
fn map_status(s: &str, statuses: &[String]) -> Option<Status> {
    let lower = s.to_lowercase();
    statuses
        .iter()
        .position(|n| n.to_lowercase() == lower)
        .and_then(|i| BY_POSITION.get(i).copied())
        .or_else(|| english_status(&lower))
}

/// A status in the format's English words (lower case), else ours.
pub(crate) fn english_status(lower: &str) -> Option<Status> {
    Some(match lower {
        "not verified" => Status::NotStarted,
        "open" => Status::InProgress,
        "fulfilled" => Status::Done,
        "not required" | "n/a" => Status::NotApplicable,
        other => return Status::from_word(other),
    })
}

#[cfg(test)]
mod tests;
