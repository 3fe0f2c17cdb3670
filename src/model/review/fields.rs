//! A review's fields that a merge can find in conflict, named
//! `review.ID.FIELD` on the workbook (as category names are
//! `category.ID.name`), with their text forms: what the merge records and
//! what `resolve` and the conflict views set.

use chrono::NaiveDate;

use super::{Decision, Review};
use crate::model::{FieldError, FieldKind, Workbook};

/// A review field two branches can set differently. Lists (attendees,
/// actions, approvers) merge as sets and never conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewField {
    Title,
    Date,
    Decision,
    Conditions,
}

impl ReviewField {
    pub const ALL: [Self; 4] = [Self::Title, Self::Date, Self::Decision, Self::Conditions];

    pub fn name(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Date => "date",
            Self::Decision => "decision",
            Self::Conditions => "conditions",
        }
    }

    pub fn kind(self) -> FieldKind {
        match self {
            Self::Date => FieldKind::Date,
            Self::Conditions => FieldKind::Multiline,
            Self::Title | Self::Decision => FieldKind::Text,
        }
    }

    /// The value as text; the decision and conditions of an open review are
    /// empty.
    pub fn get(self, review: &Review) -> String {
        match self {
            Self::Title => review.title.clone(),
            Self::Date => review.date.format("%Y-%m-%d").to_string(),
            Self::Decision => review
                .decision()
                .map(|d| d.word().to_owned())
                .unwrap_or_default(),
            Self::Conditions => review
                .sign_off
                .as_ref()
                .map(|s| s.conditions.clone())
                .unwrap_or_default(),
        }
    }

    /// Sets the field from its text form; on error nothing changes.
    pub fn write(self, review: &mut Review, value: &str) -> Result<(), FieldError> {
        match self {
            Self::Title if value.trim().is_empty() => {
                return Err(FieldError::Empty("review title"));
            }
            Self::Title => review.title = value.to_owned(),
            Self::Date => {
                review.date =
                    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
                        FieldError::InvalidDate {
                            field: "review date".into(),
                            value: value.to_owned(),
                        }
                    })?;
            }
            Self::Decision | Self::Conditions => {
                let sign_off = review.sign_off.as_mut().ok_or(FieldError::OpenReview)?;
                if self == Self::Conditions {
                    sign_off.conditions = value.to_owned();
                } else {
                    sign_off.decision = Decision::from_word(value)
                        .map_err(|_| FieldError::InvalidDecision(value.to_owned()))?;
                }
            }
        }
        Ok(())
    }

    /// Copies the field from `from`.
    pub fn copy(self, to: &mut Review, from: &Review) {
        match self {
            Self::Title => to.title.clone_from(&from.title),
            Self::Date => to.date = from.date,
            Self::Decision | Self::Conditions => {
                if let (Some(t), Some(f)) = (to.sign_off.as_mut(), from.sign_off.as_ref()) {
                    if self == Self::Decision {
                        t.decision = f.decision;
                    } else {
                        t.conditions.clone_from(&f.conditions);
                    }
                }
            }
        }
    }
}

/// The workbook field name of field `field` of review `id`.
pub fn review_field_name(id: &str, field: ReviewField) -> String {
    format!("review.{id}.{}", field.name())
}

/// The review ID and field in a `review.ID.FIELD` name.
pub fn review_of_field(name: &str) -> Option<(&str, ReviewField)> {
    let rest = name.strip_prefix("review.")?;
    let (id, field) = rest.rsplit_once('.')?;
    let field = ReviewField::ALL.into_iter().find(|f| f.name() == field)?;
    Some((id, field))
}

impl Workbook {
    pub fn review(&self, id: &str) -> Option<&Review> {
        self.reviews.iter().find(|r| r.id == id)
    }

    /// The value of `review.ID.FIELD` as text, `None` if there is no such
    /// review or field.
    pub(crate) fn review_field(&self, name: &str) -> Option<String> {
        let (id, field) = review_of_field(name)?;
        Some(field.get(self.review(id)?))
    }

    /// Sets `review.ID.FIELD` from text; `Ok(false)` when `name` is not a
    /// review field.
    pub(crate) fn set_review_field(&mut self, name: &str, value: &str) -> Result<bool, FieldError> {
        let Some((id, field)) = review_of_field(name) else {
            return Ok(false);
        };
        let review = self
            .reviews
            .iter_mut()
            .find(|r| r.id == id)
            .ok_or_else(|| FieldError::NoReview(id.to_owned()))?;
        field.write(review, value)?;
        if field == ReviewField::Date {
            // Date order is the reviews' order.
            self.reviews.sort_by_key(|r| r.date);
        }
        Ok(true)
    }
}
