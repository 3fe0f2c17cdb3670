//! What kind of value a field holds, which decides how it is edited,
//! parsed, printed and merged.

/// What a field holds; decides how it is edited, parsed and merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Text that runs over several lines.
    Multiline,
    /// A person's name (completed from the workbook's people).
    Person,
    /// A date or none.
    Date,
    /// A due date or none: a date, or days from the launch (`T-14`); see
    /// [`Due`](crate::model::Due).
    Due,
    /// One of [`Status::ALL`](crate::model::Status::ALL).
    Status,
    /// A set of links, one per line in text form.
    Links,
    /// A re-check [`Interval`](crate::model::Interval) or none (`90d`, `quarterly`).
    Interval,
}

impl FieldKind {
    /// What a value of this kind looks like, for hints and error messages.
    pub fn hint(self) -> &'static str {
        match self {
            Self::Text | Self::Multiline | Self::Person => "",
            Self::Date => "YYYY-MM-DD, or empty for none",
            Self::Due => "YYYY-MM-DD, T-14 (days before launch), T+7, T, or empty for none",
            Self::Status => "not-started, in-progress, done, mitigated or not-applicable",
            Self::Links => "one link per line",
            Self::Interval => {
                "90d, 2w, 3m, 1y, weekly, monthly, quarterly, yearly, or empty for none"
            }
        }
    }
}
