//! Item fields (`owner`, `mitigation.until`, …) and workbook fields
//! (`project`, `launch`, `category.ID.name`, …) by name, as text.
//!
//! Merge, diff and conflict resolution all speak about "a field of an item";
//! naming fields the way the file does keeps conflicts, diffs and the CLI
//! consistent, and parsing a value back here means a recorded conflict value
//! can always be put back into the item it came from.

use chrono::NaiveDate;

use super::{Item, Status, Workbook};

/// Every item field that merge and diff compare, in file order.
pub const ITEM_FIELDS: [&str; 10] = [
    "title",
    "description",
    "status",
    "owner",
    "due",
    "mitigation.text",
    "mitigation.accepted_by",
    "mitigation.until",
    "notes",
    "evidence",
];

/// The workbook's own fields that merge compares, in file order. Category
/// names are fields too, named `category.ID.name` (see [`category_name_field`]).
pub const WORKBOOK_FIELDS: [&str; 4] = ["project", "description", "launch", "review"];

/// The workbook field name of category `id`'s name.
pub fn category_name_field(id: &str) -> String {
    format!("category.{id}.name")
}

/// The category ID in a `category.ID.name` field name.
pub fn category_of_field(field: &str) -> Option<&str> {
    field.strip_prefix("category.")?.strip_suffix(".name")
}

/// A field name or value that cannot be applied to an item or a workbook.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("unknown field `{0}` (fields: {fields})", fields = ITEM_FIELDS.join(", "))]
    UnknownField(String),
    #[error(
        "unknown workbook field `{0}` (fields: {fields}, category.ID.name)",
        fields = WORKBOOK_FIELDS.join(", ")
    )]
    UnknownWorkbookField(String),
    #[error("no category with ID `{0}`")]
    NoCategory(String),
    #[error("the {0} cannot be empty")]
    Empty(&'static str),
    #[error(
        "`{0}` is not a status (use not-started, in-progress, done, mitigated or not-applicable)"
    )]
    InvalidStatus(String),
    #[error("{field}: `{value}` is not a date (use YYYY-MM-DD, or nothing to clear it)")]
    InvalidDate { field: String, value: String },
    #[error("the title cannot be empty")]
    EmptyTitle,
}

/// The text form of a date field: `YYYY-MM-DD`, or empty for none.
pub fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn parse_date(field: &str, value: &str) -> Result<Option<NaiveDate>, FieldError> {
    let v = value.trim();
    if v.is_empty() || v.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| FieldError::InvalidDate {
            field: field.to_owned(),
            value: value.to_owned(),
        })
}

impl Item {
    /// The value of field `name` as text (dates `YYYY-MM-DD` or empty, the
    /// status as its CLI word, evidence one link per line), or `None` for an
    /// unknown field.
    pub fn field(&self, name: &str) -> Option<String> {
        Some(match name {
            "title" => self.title.clone(),
            "description" => self.description.clone(),
            "status" => self.status.cli_word().to_owned(),
            "owner" => self.owner.clone(),
            "due" => date_text(self.due),
            "mitigation.text" => self.mitigation.text.clone(),
            "mitigation.accepted_by" => self.mitigation.accepted_by.clone(),
            "mitigation.until" => date_text(self.mitigation.until),
            "notes" => self.notes.clone(),
            "evidence" => self.evidence.join("\n"),
            _ => return None,
        })
    }

    /// Sets field `name` from its text form (see [`Item::field`]). Leaves the
    /// item unchanged on error.
    pub fn set_field(&mut self, name: &str, value: &str) -> Result<(), FieldError> {
        match name {
            "title" if value.trim().is_empty() => return Err(FieldError::EmptyTitle),
            "title" => self.title = value.to_owned(),
            "description" => self.description = value.to_owned(),
            "status" => {
                self.status = Status::from_word(value)
                    .ok_or_else(|| FieldError::InvalidStatus(value.to_owned()))?;
            }
            "owner" => self.owner = value.to_owned(),
            "due" => self.due = parse_date(name, value)?,
            "mitigation.text" => self.mitigation.text = value.to_owned(),
            "mitigation.accepted_by" => self.mitigation.accepted_by = value.to_owned(),
            "mitigation.until" => self.mitigation.until = parse_date(name, value)?,
            "notes" => self.notes = value.to_owned(),
            "evidence" => {
                self.evidence = value
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            _ => return Err(FieldError::UnknownField(name.to_owned())),
        }
        Ok(())
    }

    /// Copies field `name` from `other` as is (no parsing, so an empty
    /// title from a file copies too); unknown names copy nothing.
    pub(crate) fn copy_field(&mut self, other: &Item, name: &str) {
        match name {
            "title" => self.title.clone_from(&other.title),
            "description" => self.description.clone_from(&other.description),
            "status" => self.status = other.status,
            "owner" => self.owner.clone_from(&other.owner),
            "due" => self.due = other.due,
            "mitigation.text" => self.mitigation.text.clone_from(&other.mitigation.text),
            "mitigation.accepted_by" => self
                .mitigation
                .accepted_by
                .clone_from(&other.mitigation.accepted_by),
            "mitigation.until" => self.mitigation.until = other.mitigation.until,
            "notes" => self.notes.clone_from(&other.notes),
            "evidence" => self.evidence.clone_from(&other.evidence),
            _ => {}
        }
    }
}

impl Workbook {
    /// The value of workbook field `name` as text (dates `YYYY-MM-DD` or
    /// empty), or `None` for an unknown field or a category that is not here.
    pub fn field(&self, name: &str) -> Option<String> {
        Some(match name {
            "project" => self.project.clone(),
            "description" => self.description.clone(),
            "launch" => date_text(self.launch),
            "review" => date_text(self.review),
            _ => {
                let id = category_of_field(name)?;
                self.categories.iter().find(|c| c.id == id)?.name.clone()
            }
        })
    }

    /// Sets workbook field `name` from its text form (see
    /// [`Workbook::field`]) and drops any merge conflict recorded on it: the
    /// value set is the resolution. Leaves the workbook unchanged on error.
    pub fn set_field(&mut self, name: &str, value: &str) -> Result<(), FieldError> {
        match name {
            "project" if value.trim().is_empty() => return Err(FieldError::Empty("project name")),
            "project" => self.project = value.to_owned(),
            "description" => self.description = value.to_owned(),
            "launch" => self.launch = parse_date(name, value)?,
            "review" => self.review = parse_date(name, value)?,
            _ => {
                let id = category_of_field(name)
                    .ok_or_else(|| FieldError::UnknownWorkbookField(name.to_owned()))?;
                if value.trim().is_empty() {
                    return Err(FieldError::Empty("category name"));
                }
                let category = self
                    .categories
                    .iter_mut()
                    .find(|c| c.id == id)
                    .ok_or_else(|| FieldError::NoCategory(id.to_owned()))?;
                category.name = value.to_owned();
            }
        }
        self.conflicts.retain(|c| c.field != name);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_round_trips_through_text() {
        let mut item = Item {
            id: "a".into(),
            title: "T".into(),
            status: Status::Mitigated,
            due: NaiveDate::from_ymd_opt(2026, 5, 1),
            evidence: vec!["https://a".into(), "https://b".into()],
            ..Item::default()
        };
        item.mitigation.until = NaiveDate::from_ymd_opt(2026, 6, 1);
        item.mitigation.text = "manual".into();
        for f in ITEM_FIELDS {
            let text = item.field(f).unwrap();
            let mut copy = item.clone();
            copy.set_field(f, &text).unwrap();
            assert_eq!(copy, item, "{f}");
        }
    }

    #[test]
    fn bad_values_are_refused_and_change_nothing() {
        let mut item = Item {
            title: "T".into(),
            ..Item::default()
        };
        let before = item.clone();
        assert!(matches!(
            item.set_field("due", "next week"),
            Err(FieldError::InvalidDate { .. })
        ));
        assert_eq!(
            item.set_field("status", "blocked"),
            Err(FieldError::InvalidStatus("blocked".into()))
        );
        assert_eq!(
            item.set_field("colour", "red"),
            Err(FieldError::UnknownField("colour".into()))
        );
        assert_eq!(item.set_field("title", "  "), Err(FieldError::EmptyTitle));
        assert_eq!(item, before);
        item.set_field("due", "").unwrap();
        assert_eq!(item.due, None);
    }

    #[test]
    fn workbook_fields_round_trip_through_text_and_clear_their_conflict() {
        let mut wb = Workbook::new("P");
        wb.add_category("Reliability");
        wb.launch = NaiveDate::from_ymd_opt(2026, 5, 1);
        wb.description = "d".into();
        let names = WORKBOOK_FIELDS
            .map(str::to_owned)
            .into_iter()
            .chain([category_name_field("reliability")]);
        for f in names {
            let text = wb.field(&f).unwrap();
            let mut copy = wb.clone();
            copy.conflicts.push(crate::model::Conflict {
                field: f.clone(),
                ours: "a".into(),
                theirs: "b".into(),
            });
            copy.set_field(&f, &text).unwrap();
            assert_eq!(copy, wb, "{f}");
        }
        wb.set_field("category.reliability.name", "Uptime").unwrap();
        assert_eq!(wb.categories[0].name, "Uptime");
        assert_eq!(wb.field("category.nope.name"), None);
    }

    #[test]
    fn bad_workbook_values_are_refused_and_change_nothing() {
        let mut wb = Workbook::new("P");
        wb.add_category("Reliability");
        let before = wb.clone();
        assert!(matches!(
            wb.set_field("launch", "soon"),
            Err(FieldError::InvalidDate { .. })
        ));
        assert_eq!(
            wb.set_field("project", " "),
            Err(FieldError::Empty("project name"))
        );
        assert_eq!(
            wb.set_field("category.reliability.name", ""),
            Err(FieldError::Empty("category name"))
        );
        assert_eq!(
            wb.set_field("category.nope.name", "X"),
            Err(FieldError::NoCategory("nope".into()))
        );
        assert_eq!(
            wb.set_field("owner", "X"),
            Err(FieldError::UnknownWorkbookField("owner".into()))
        );
        assert_eq!(wb, before);
    }
}
