//! Listing and resolving the conflicts a merge recorded on items and on the
//! workbook's own fields: keep ours, take theirs, or set a value of one's own
//! — what `shipshape resolve` and the GUI's conflict panel do.

use serde::Serialize;

use super::{CATEGORY_FIELD, REMOVED_FIELD};
use crate::model::{FieldError, ItemField, Workbook, category_of_field};

/// One unresolved conflict, for listing (`shipshape check`, the GUI).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictEntry {
    /// The item's ID, or empty for a conflict on a workbook field (item IDs
    /// are never empty).
    pub item_id: String,
    /// Empty for a workbook field.
    pub item_title: String,
    /// The item's category name; for a workbook field, the category whose
    /// name is in conflict, else empty.
    pub category: String,
    pub field: String,
    pub ours: String,
    pub theirs: String,
}

impl ConflictEntry {
    /// Whether the conflict is on a workbook field rather than on an item.
    pub fn is_workbook_level(&self) -> bool {
        self.item_id.is_empty()
    }
}

/// Which value a conflict resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Ours,
    Theirs,
    /// A value of one's own, in the field's text form (see [`ItemField::get`](crate::model::ItemField::get)).
    Value(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("no item with ID `{0}`")]
    NoItem(String),
    #[error("item `{item}` has no conflict on `{field}`{open}")]
    NoConflict {
        item: String,
        field: String,
        open: String,
    },
    #[error("the workbook has no conflict on `{field}`{open}")]
    NoWorkbookConflict { field: String, open: String },
    #[error("no category with ID `{0}`")]
    NoCategory(String),
    #[error("`{0}` does not answer a removed-or-kept conflict: use `removed` or `kept`")]
    NotRemovedOrKept(String),
    #[error(transparent)]
    Field(#[from] FieldError),
}

impl Workbook {
    /// Every unresolved conflict: the workbook's own first, then the items'
    /// in file order.
    pub fn conflict_entries(&self) -> Vec<ConflictEntry> {
        let workbook = self.conflicts.iter().map(|k| ConflictEntry {
            item_id: String::new(),
            item_title: String::new(),
            category: category_of_field(&k.field)
                .and_then(|id| self.categories.iter().find(|c| c.id == id))
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            field: k.field.clone(),
            ours: k.ours.clone(),
            theirs: k.theirs.clone(),
        });
        let items = self.items().flat_map(|(c, i)| {
            i.conflicts.iter().map(move |k| ConflictEntry {
                item_id: i.id.clone(),
                item_title: i.title.clone(),
                category: c.name.clone(),
                field: k.field.clone(),
                ours: k.ours.clone(),
                theirs: k.theirs.clone(),
            })
        });
        workbook.chain(items).collect()
    }

    /// Resolves the conflict on `field` of item `item_id` — or, when
    /// `item_id` is empty, on workbook field `field` (see
    /// [`Workbook::resolve_workbook_conflict`]): sets the field to the chosen
    /// value and drops the conflict. On error nothing changes.
    pub fn resolve_conflict(
        &mut self,
        item_id: &str,
        field: &str,
        resolution: &Resolution,
    ) -> Result<(), ResolveError> {
        if item_id.is_empty() {
            return self.resolve_workbook_conflict(field, resolution);
        }
        let loc = self
            .locate(item_id)
            .ok_or_else(|| ResolveError::NoItem(item_id.to_owned()))?;
        let item = &self.categories[loc.category].items[loc.item];
        let Some(conflict) = item.conflicts.iter().find(|c| c.field == field) else {
            let open: Vec<_> = item.conflicts.iter().map(|c| c.field.as_str()).collect();
            return Err(ResolveError::NoConflict {
                item: item_id.to_owned(),
                field: field.to_owned(),
                open: if open.is_empty() {
                    String::new()
                } else {
                    format!(" (its conflicts: {})", open.join(", "))
                },
            });
        };
        let value = match resolution {
            Resolution::Ours => conflict.ours.clone(),
            Resolution::Theirs => conflict.theirs.clone(),
            Resolution::Value(v) => v.clone(),
        };
        match field {
            REMOVED_FIELD => match value.trim().to_ascii_lowercase().as_str() {
                "removed" | "remove" | "deleted" | "delete" => {
                    self.remove_item(loc);
                }
                "kept" | "keep" | "edited" => self.drop_conflict(item_id, field),
                _ => return Err(ResolveError::NotRemovedOrKept(value)),
            },
            CATEGORY_FIELD => {
                let to = self
                    .categories
                    .iter()
                    .position(|c| c.id == value.trim())
                    .ok_or_else(|| ResolveError::NoCategory(value.clone()))?;
                if to != loc.category
                    && let Some(item) = self.remove_item(loc)
                {
                    self.categories[to].items.push(item);
                }
                self.drop_conflict(item_id, field);
            }
            _ => self.set_item_field(item_id, field, &value)?,
        }
        Ok(())
    }

    /// Resolves the conflict on workbook field `field` (`project`,
    /// `launch`, `category.ID.name`, …): sets the field to the chosen value
    /// and drops the conflict. On error nothing changes.
    pub fn resolve_workbook_conflict(
        &mut self,
        field: &str,
        resolution: &Resolution,
    ) -> Result<(), ResolveError> {
        let Some(conflict) = self.conflicts.iter().find(|c| c.field == field) else {
            let open: Vec<_> = self.conflicts.iter().map(|c| c.field.as_str()).collect();
            return Err(ResolveError::NoWorkbookConflict {
                field: field.to_owned(),
                open: if open.is_empty() {
                    String::new()
                } else {
                    format!(" (its conflicts: {})", open.join(", "))
                },
            });
        };
        let value = match resolution {
            Resolution::Ours => conflict.ours.clone(),
            Resolution::Theirs => conflict.theirs.clone(),
            Resolution::Value(v) => v.clone(),
        };
        if let Some(id) = super::category_of_removed_field(field) {
            let id = id.to_owned();
            return self.resolve_category_removal(&id, field, &value);
        }
        // Keeping what the file already holds needs no validation (a file
        // may hold an empty project name); and a category removed since the
        // merge leaves nothing to set.
        let current = self.field(field);
        if (current.is_none() && category_of_field(field).is_some())
            || current.as_deref() == Some(value.as_str())
        {
            self.conflicts.retain(|c| c.field != field);
            return Ok(());
        }
        Ok(self.set_field(field, &value)?)
    }

    /// Resolves every conflict the same way (`Ours` or `Theirs`); returns
    /// how many were resolved. A `Value` resolution applies to none. On
    /// error the conflicts resolved before it stay resolved.
    pub fn resolve_all(&mut self, resolution: &Resolution) -> Result<usize, ResolveError> {
        if matches!(resolution, Resolution::Value(_)) {
            return Ok(0);
        }
        let entries = self.conflict_entries();
        for e in &entries {
            // An earlier resolution may have removed the item.
            if e.is_workbook_level() || self.item(&e.item_id).is_some() {
                self.resolve_conflict(&e.item_id, &e.field, resolution)?;
            }
        }
        Ok(entries.len())
    }

    /// Sets field `field` (by name) of item `item_id` from its text form; a
    /// conflict on that field is thereby resolved and dropped. On error
    /// nothing changes.
    pub fn set_item_field(
        &mut self,
        item_id: &str,
        field: &str,
        value: &str,
    ) -> Result<(), ResolveError> {
        let field = ItemField::from_name(field)
            .ok_or_else(|| FieldError::UnknownField(field.to_owned()))?;
        let item = self
            .item_mut(item_id)
            .ok_or_else(|| ResolveError::NoItem(item_id.to_owned()))?;
        Ok(item.set_field(field, value)?)
    }

    /// `category.ID.removed`: removing takes the category and whatever items
    /// are still in it; keeping drops the conflict.
    fn resolve_category_removal(
        &mut self,
        id: &str,
        field: &str,
        value: &str,
    ) -> Result<(), ResolveError> {
        match value.trim().to_ascii_lowercase().as_str() {
            "removed" | "remove" | "deleted" | "delete" => {
                self.categories.retain(|c| c.id != id);
                let prefix = format!("category.{id}.");
                self.conflicts.retain(|c| !c.field.starts_with(&prefix));
            }
            "kept" | "keep" | "edited" => self.conflicts.retain(|c| c.field != field),
            _ => return Err(ResolveError::NotRemovedOrKept(value.to_owned())),
        }
        Ok(())
    }

    fn drop_conflict(&mut self, item_id: &str, field: &str) {
        if let Some(item) = self.item_mut(item_id) {
            item.conflicts.retain(|c| c.field != field);
        }
    }
}
