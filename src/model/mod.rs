//! The workbook and its rules, with no screen and no files.
//!
//! A [`Workbook`] is one project's production-readiness checklist: categories of
//! [`Item`]s, each with a [`Status`], an owner, a due date ([`Due`]: a day, or
//! days from the launch) and a [`Mitigation`].
//! [`Workbook::verdict`] applies the launch rule as of a date: every item is done,
//! or ships with a written mitigation accepted until a date that has not passed,
//! or is not applicable with a written reason — otherwise it is red and the
//! workbook is only demo-ready.
//!
//! Everything here is pure so that the GUI, the CLI and the exporters share one
//! definition of "ready" and so that the rules are tested without any I/O.

pub mod diff;
mod due;
mod fields;
mod ids;
mod interval;
pub mod merge;
pub mod portfolio;
mod recheck;
pub mod review;
pub mod sample;
mod status;
mod template;
mod typed_date;
pub mod upgrade;
mod verdict;
pub(crate) mod workbook;

pub use due::{Due, DueError, LaunchMove, MAX_LAUNCH_OFFSET_DAYS, MovedDue};
pub use fields::{
    FieldError, FieldKind, ItemField, WorkbookField, category_name_field, category_of_field,
    date_text,
};
pub use ids::{closest_ids, file_stem, slugify};
pub use interval::{Interval, IntervalError};
pub use merge::{
    ConflictEntry, ConflictField, MergeConflict, Merged, Resolution, ResolveError, merge,
};
pub use recheck::{RECHECK_WARNING_DAYS, Recheck};
pub use review::{
    Approver, Attendee, Decision, FieldChange, ItemAction, ItemChanges, ItemSnapshot, Review,
    ReviewError, ReviewStart, SignOff, Tally,
};
pub use status::{Status, StatusCounts};
pub use template::TemplateOptions;
pub use typed_date::{TYPED_DATE_HINT, TypedDateError, parse_date, parse_due};
pub use upgrade::{Reworded, Upgrade, UpgradeOptions, UpgradeReport, upgrade};
pub use verdict::{ItemCheck, MissingParts, RedReason, Verdict, Warning};
pub use workbook::{
    Category, Conflict, INVALID_DATE, Item, ItemIds, ItemLocation, Mitigation, ModelError, Person,
    Workbook,
};

/// How far before launch the walkthrough review happens by default.
pub const DEFAULT_REVIEW_LEAD_DAYS: i64 = 28;
