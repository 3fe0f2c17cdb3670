//! The drafts made into a workbook: categories in order of first use,
//! stable IDs (the file's own where it gives usable ones), and the status a
//! check mark implies where the file names none.

use std::collections::HashMap;

use super::labels::leading_code;
use super::{Builder, Draft, ItemShape};
use crate::import::{ImportError, Imported};
use crate::model::{Item, ItemIds, Status, Workbook};

impl Builder<'_> {
    pub(super) fn finish(mut self) -> Result<Imported, ImportError> {
        let mut drafts = self.chosen_drafts()?;
        name_repeated_categories(&mut drafts);
        let name = self
            .options
            .project
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .or(self.project.take())
            .unwrap_or_else(|| crate::import::UNTITLED.to_owned());
        let mut wb = Workbook::new(name);
        wb.description = self.description.join("\n\n");
        wb.launch = self.launch;
        wb.review = self.review;
        // Lookups by map, not by scanning: a hostile file may hold 100,000
        // items with one title.
        let mut ids = ItemIds::of(&wb);
        let mut categories: HashMap<String, usize> = HashMap::new();
        // An exported category comes back with its ID, items or not.
        for (name, id) in std::mem::take(&mut self.declared) {
            categories
                .entry(format!("#{id}"))
                .or_insert_with(|| add_category(&mut wb, &name, Some(&id)));
        }
        for d in drafts {
            let cat_name = d.category.clone().unwrap_or_else(|| "General".to_owned());
            let key = match &d.category_id {
                Some(id) => format!("#{id}"),
                None => cat_name.clone(),
            };
            let ci = *categories
                .entry(key)
                .or_insert_with(|| add_category(&mut wb, &cat_name, d.category_id.as_deref()));
            let id = match d.id.as_deref().map(str::trim) {
                Some(id)
                    if !id.is_empty() && !id.contains(char::is_whitespace) && ids.claim(id) =>
                {
                    id.to_owned()
                }
                _ => ids.fresh(
                    &wb.categories[ci].id,
                    leading_code(&d.title).unwrap_or(&d.title),
                ),
            };
            wb.categories[ci].items.push(item_of(d, id));
        }
        // Warnings in the order of the lines they name.
        self.warnings.sort_by_key(|w| {
            w.strip_prefix("line ")
                .and_then(|r| r.split(':').next())
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(usize::MAX)
        });
        Ok(Imported {
            workbook: wb,
            warnings: self.warnings,
            kept_columns: Vec::new(),
        })
    }

    /// The drafts of the shape asked for (plain bullets when a list shape
    /// finds no task items), with a warning counting those left out.
    fn chosen_drafts(&mut self) -> Result<Vec<Draft>, ImportError> {
        let shape = self.options.items;
        let mut all = std::mem::take(&mut self.drafts);
        let questions = all.iter().any(|d| d.shape == ItemShape::Headings);
        let headings = match shape {
            ItemShape::Headings if !questions => self.heading_drafts(true),
            ItemShape::Auto if all.is_empty() => self.heading_drafts(false),
            _ => Vec::new(),
        };
        all.extend(headings);
        let (mut chosen, left): (Vec<Draft>, Vec<Draft>) = all
            .into_iter()
            .partition(|d| shape == ItemShape::Auto || d.shape == shape);
        let mut bullets_used = false;
        if chosen.is_empty() && matches!(shape, ItemShape::Auto | ItemShape::Tasks) {
            chosen = std::mem::take(&mut self.bullets);
            bullets_used = !chosen.is_empty();
        }
        self.warn_dropped(bullets_used);
        for other in ItemShape::ALL {
            let n = left.iter().filter(|d| d.shape == other).count();
            if n > 0 {
                self.warnings.push(format!(
                    "{n} {} not read as items (only {} asked for)",
                    noun(other, n),
                    shape.label().to_lowercase()
                ));
            }
        }
        // Our own export of a workbook without items is that workbook.
        if chosen.is_empty() && !self.exported {
            let expected = match shape {
                ItemShape::Auto => {
                    "task-list items (`- [ ] …`), tables of checks, check headings or bullet lists"
                }
                ItemShape::Tasks => "task-list items (`- [ ] …`) or bullet lists",
                ItemShape::Tables => "tables with a column of checks",
                ItemShape::Headings => "headings that state or ask a check",
            };
            // What was passed over says why: a table that holds no checks…
            let mut why = String::new();
            for w in self
                .warnings
                .iter()
                .filter(|w| w.contains(" skipped: "))
                .take(3)
            {
                why.push_str("\n  ");
                why.push_str(w);
            }
            return Err(ImportError::NoItems(format!(
                "found no checklist items: expected {expected}{why}"
            )));
        }
        Ok(chosen)
    }
}

/// What a draft of `shape` came from, for warnings.
fn noun(shape: ItemShape, n: usize) -> &'static str {
    match (shape, n) {
        (ItemShape::Tasks, 1) => "task-list item",
        (ItemShape::Tasks, _) => "task-list items",
        (ItemShape::Tables, 1) => "table row",
        (ItemShape::Tables, _) => "table rows",
        (ItemShape::Headings, 1) => "check heading",
        (ItemShape::Headings, _) => "check headings",
        (ItemShape::Auto, _) => "blocks",
    }
}

/// Categories whose name repeats under different parents ("Best
/// practices" under HTML and under Images) take their parent's name:
/// "HTML › Best practices".
fn name_repeated_categories(drafts: &mut [Draft]) {
    let mut parents: HashMap<String, Vec<&[String]>> = HashMap::new();
    for d in drafts.iter() {
        if let Some(c) = &d.category
            && let [parent @ .., last] = d.path.as_slice()
            && last == c
        {
            let seen = parents.entry(c.clone()).or_default();
            if !seen.contains(&parent) {
                seen.push(parent);
            }
        }
    }
    let repeated: Vec<String> = parents
        .into_iter()
        .filter(|(_, p)| p.len() > 1)
        .map(|(c, _)| c)
        .collect();
    for d in drafts {
        if let Some(c) = &mut d.category
            && repeated.contains(c)
            && let [.., parent, _] = d.path.as_slice()
        {
            *c = format!("{parent} › {c}");
        }
    }
}

/// A category named `name`, with the file's `id` when it is usable (not
/// blank, no spaces, not taken), else one made from the name.
fn add_category(wb: &mut Workbook, name: &str, id: Option<&str>) -> usize {
    let ci = wb.add_category(name);
    if let Some(id) = id.map(str::trim)
        && !id.is_empty()
        && !id.contains(char::is_whitespace)
        && !wb.categories.iter().any(|c| c.id == id)
    {
        wb.categories[ci].id = id.to_owned();
    }
    ci
}

/// The item a draft makes: the status its check mark implies where it
/// names none, links no field took listed at the end of the description.
fn item_of(d: Draft, id: String) -> Item {
    let status = d.status.unwrap_or(if d.checked == Some(true) {
        Status::Done
    } else {
        Status::NotStarted
    });
    let mut description = d.description.join("\n\n");
    let links: Vec<&str> = d
        .links
        .iter()
        .filter(|l| !description.contains(l.as_str()) && !d.fields.evidence.contains(l))
        .map(String::as_str)
        .collect();
    if !links.is_empty() {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&format!("Links: {}", links.join(" ")));
    }
    Item {
        id,
        title: d.title,
        description,
        status,
        ..d.fields
    }
}
