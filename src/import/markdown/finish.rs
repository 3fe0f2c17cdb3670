//! The drafts made into a workbook: categories in order of first use,
//! stable IDs (the file's own where it gives usable ones), and the status a
//! check mark implies where the file names none.

use std::collections::HashMap;

use super::Builder;
use super::labels::leading_code;
use crate::import::{ImportError, Imported};
use crate::model::{Item, ItemIds, Status, Workbook};

impl Builder<'_> {
    pub(super) fn finish(mut self, project: Option<&str>) -> Result<Imported, ImportError> {
        let drafts = if self.drafts.is_empty() {
            std::mem::take(&mut self.bullets)
        } else {
            std::mem::take(&mut self.drafts)
        };
        if drafts.is_empty() {
            return Err(ImportError::NoItems(
                "found no checklist items: expected task-list items (`- [ ] …`), tables of checks, question headings or bullet lists".into(),
            ));
        }
        let name = project
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .or(self.project.take())
            .unwrap_or_else(|| crate::import::UNTITLED.to_owned());
        let mut wb = Workbook::new(name);
        wb.description = self.description.join("\n\n");
        // Lookups by map, not by scanning: a hostile file may hold 100,000
        // items with one title.
        let mut ids = ItemIds::of(&wb);
        let mut categories: HashMap<String, usize> = HashMap::new();
        for d in drafts {
            let cat_name = d.category.clone().unwrap_or_else(|| "General".to_owned());
            let ci = *categories
                .entry(cat_name.clone())
                .or_insert_with(|| wb.add_category(&cat_name));
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
            let status = d.status.unwrap_or(if d.checked == Some(true) {
                Status::Done
            } else {
                Status::NotStarted
            });
            let item = Item {
                id,
                title: d.title,
                description: d.description.join("\n\n"),
                status,
                ..d.fields
            };
            wb.categories[ci].items.push(item);
        }
        Ok(Imported {
            workbook: wb,
            warnings: self.warnings,
        })
    }
}
