//! The workbook's own fields ([`WorkbookField`]) and category names as
//! fields (`category.ID.name`): the workbook half of the field vocabulary.

use super::{FieldError, FieldKind, date_text, parse_date};
use crate::model::Workbook;

/// A workbook's own field. Category names are fields too, named
/// `category.ID.name` (see [`category_name_field`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkbookField {
    Project,
    Description,
    Launch,
    Review,
}

impl WorkbookField {
    /// Every workbook field, in file order (checked against
    /// [`WorkbookField::index`] by a test).
    pub const ALL: [Self; 4] = [Self::Project, Self::Description, Self::Launch, Self::Review];

    pub fn index(self) -> usize {
        match self {
            Self::Project => 0,
            Self::Description => 1,
            Self::Launch => 2,
            Self::Review => 3,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Project => "project",
            Self::Description => "description",
            Self::Launch => "launch",
            Self::Review => "review",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Project => "Project name",
            Self::Description => "Description",
            Self::Launch => "Launch date",
            Self::Review => "Review date",
        }
    }

    pub fn kind(self) -> FieldKind {
        match self {
            Self::Project => FieldKind::Text,
            Self::Description => FieldKind::Multiline,
            Self::Launch | Self::Review => FieldKind::Date,
        }
    }

    pub fn get(self, wb: &Workbook) -> String {
        match self {
            Self::Project => wb.project.clone(),
            Self::Description => wb.description.clone(),
            Self::Launch => date_text(wb.launch),
            Self::Review => date_text(wb.review),
        }
    }

    /// The text of a text field, borrowed; `None` for the dates.
    pub fn text(self, wb: &Workbook) -> Option<&str> {
        match self {
            Self::Project => Some(&wb.project),
            Self::Description => Some(&wb.description),
            Self::Launch | Self::Review => None,
        }
    }

    /// Sets the value from its text form, leaving conflicts alone.
    fn write(self, wb: &mut Workbook, value: &str) -> Result<(), FieldError> {
        match self {
            Self::Project if value.trim().is_empty() => {
                return Err(FieldError::Empty("project name"));
            }
            Self::Project => wb.project = value.to_owned(),
            Self::Description => wb.description = value.to_owned(),
            Self::Launch => wb.launch = parse_date(self.name(), value)?,
            Self::Review => wb.review = parse_date(self.name(), value)?,
        }
        Ok(())
    }

    pub fn copy(self, to: &mut Workbook, from: &Workbook) {
        match self {
            Self::Project => to.project.clone_from(&from.project),
            Self::Description => to.description.clone_from(&from.description),
            Self::Launch => to.launch = from.launch,
            Self::Review => to.review = from.review,
        }
    }
}

/// The workbook field name of category `id`'s name.
pub fn category_name_field(id: &str) -> String {
    format!("category.{id}.name")
}

/// The category ID in a `category.ID.name` field name.
pub fn category_of_field(field: &str) -> Option<&str> {
    field.strip_prefix("category.")?.strip_suffix(".name")
}

/// Names of every workbook field, for messages.
pub(super) fn workbook_field_names() -> String {
    WorkbookField::ALL.map(WorkbookField::name).join(", ")
}

impl Workbook {
    /// The value of workbook field `name` as text (see [`WorkbookField`]
    /// and [`category_name_field`]), or `None` for an unknown field or a
    /// category that is not here.
    pub fn field(&self, name: &str) -> Option<String> {
        if let Some(field) = WorkbookField::from_name(name) {
            return Some(field.get(self));
        }
        if let Some(value) = self.review_field(name) {
            return Some(value);
        }
        let id = category_of_field(name)?;
        Some(self.categories.iter().find(|c| c.id == id)?.name.clone())
    }

    /// Sets workbook field `name` from its text form and drops any merge
    /// conflict recorded on it: the value set is the resolution. Leaves the
    /// workbook unchanged on error.
    pub fn set_field(&mut self, name: &str, value: &str) -> Result<(), FieldError> {
        if let Some(field) = WorkbookField::from_name(name) {
            field.write(self, value)?;
        } else if !self.set_review_field(name, value)? {
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
        self.conflicts.retain(|c| c.field != name);
        Ok(())
    }
}
