//! Due dates: a day on the calendar, or a number of days from the launch
//! ([`Due`]), written `2027-01-15`, `T-14` (14 days before launch), `T+7`
//! (a week after: "we fix it in the first sprint") or `T` (launch day).
//!
//! A relative due follows the launch: moving [`Workbook::launch`] moves
//! every relative due and no absolute one. [`Due::resolve`] is the one
//! place a relative due becomes a date; with no launch date it has none, so
//! it is never overdue and `check` warns about it instead
//! ([`Warning::DueWithoutLaunch`]).
//!
//! The text form is the same everywhere a person types or reads one (the
//! editor, `set --due`, the file, Markdown, merge conflicts), and the
//! parser lives here, with no screen, so every date field can reuse it.

use chrono::{Days, NaiveDate};

use super::{Item, Warning, Workbook};

/// The farthest a relative due may be from the launch, in days (about 27
/// years): farther is a typo, and the date arithmetic stays far from
/// chrono's limits.
pub const MAX_LAUNCH_OFFSET_DAYS: u32 = 10_000;

/// When an item must be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Due {
    /// On this day, whatever the launch does.
    On(NaiveDate),
    /// This many days from the launch: `-14` is `T-14`, two weeks before;
    /// `7` is `T+7`; `0` is launch day. Never beyond
    /// ±[`MAX_LAUNCH_OFFSET_DAYS`].
    FromLaunch(i32),
}

/// Text that is not a due date, with what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DueError {
    #[error("`{0}`: expected T-<days> or T+<days>, e.g. T-14 (14 days before launch)")]
    BadOffset(String),
    #[error(
        "`{0}`: at most {MAX_LAUNCH_OFFSET_DAYS} days from launch (T-{MAX_LAUNCH_OFFSET_DAYS} … T+{MAX_LAUNCH_OFFSET_DAYS})"
    )]
    TooFar(String),
    #[error(
        "`{0}` is not a due date (use YYYY-MM-DD, T-14 for 14 days before launch, T+7 after, T for launch day)"
    )]
    NotADue(String),
}

impl Due {
    /// The day this due falls on given the workbook's `launch`; `None` for
    /// a relative due without a launch date.
    pub fn resolve(self, launch: Option<NaiveDate>) -> Option<NaiveDate> {
        match self {
            Self::On(date) => Some(date),
            Self::FromLaunch(days) => {
                let launch = launch?;
                let n = Days::new(u64::from(days.unsigned_abs()));
                if days < 0 {
                    launch.checked_sub_days(n)
                } else {
                    launch.checked_add_days(n)
                }
            }
        }
    }

    /// Whether it follows the launch.
    pub fn is_relative(self) -> bool {
        matches!(self, Self::FromLaunch(_))
    }

    /// The relative form (`T-14`), or `None` for a calendar date.
    pub fn relative_text(self) -> Option<String> {
        self.is_relative().then(|| self.to_string())
    }

    /// For people: the date, `T-14 · 2027-01-17` for a relative due, or
    /// `T-14 (no launch date)` when there is nothing to resolve it against.
    pub fn describe(self, launch: Option<NaiveDate>) -> String {
        self.describe_resolved(self.resolve(launch))
    }

    /// [`Due::describe`] with the date already resolved.
    pub fn describe_resolved(self, date: Option<NaiveDate>) -> String {
        match (self, date) {
            (Self::On(d), _) => d.to_string(),
            (rel, Some(d)) => format!("{rel} · {d}"),
            (rel, None) => format!("{rel} (no launch date)"),
        }
    }
}

impl std::fmt::Display for Due {
    /// The canonical text form: `YYYY-MM-DD`, `T-14`, `T+7` or `T`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Self::On(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Self::FromLaunch(0) => f.write_str("T"),
            Self::FromLaunch(n) if n < 0 => write!(f, "T-{}", n.unsigned_abs()),
            Self::FromLaunch(n) => write!(f, "T+{n}"),
        }
    }
}

impl std::str::FromStr for Due {
    type Err = DueError;

    /// Reads the text form; spaces around the sign are allowed (`T - 14`),
    /// `t` is `T`, and `T-0` is `T`. What [`Due::describe`] shows reads
    /// back too (`T-14 · 2027-01-17`, `T-14 (no launch date)`): the date
    /// after the relative form is the launch's to decide, so it is ignored.
    fn from_str(text: &str) -> Result<Self, DueError> {
        let mut t = text.trim();
        if t.starts_with(['T', 't']) {
            t = t.split(['·', '(']).next().unwrap_or(t).trim_end();
        }
        let Some(rest) = t.strip_prefix(['T', 't']) else {
            return NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map(Self::On)
                .map_err(|_| DueError::NotADue(t.to_owned()));
        };
        let rest = rest.trim_start();
        if rest.is_empty() {
            return Ok(Self::FromLaunch(0));
        }
        // `T` then a sign is meant as relative; anything else (`tomorrow`,
        // `T14`) is not a due at all.
        let (sign, digits) = match rest.split_at(1) {
            ("-", d) => (-1, d.trim_start()),
            ("+", d) => (1, d.trim_start()),
            _ => return Err(DueError::NotADue(t.to_owned())),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DueError::BadOffset(t.to_owned()));
        }
        let days: u32 = digits
            .parse()
            .ok()
            .filter(|&d| d <= MAX_LAUNCH_OFFSET_DAYS)
            .ok_or_else(|| DueError::TooFar(t.to_owned()))?;
        // In range by the filter: MAX_LAUNCH_OFFSET_DAYS fits an i32.
        Ok(Self::FromLaunch(sign * days.cast_signed()))
    }
}

/// Optional dues as `Some("T-14")` or `Some("2027-01-15")` in the file,
/// with an error that storage reports as a bad date.
pub(crate) mod due_opt {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use super::Due;
    use crate::model::INVALID_DATE;

    pub fn serialize<S: Serializer>(due: &Option<Due>, s: S) -> Result<S::Ok, S::Error> {
        match due {
            Some(d) => s.serialize_some(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Due>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        text.parse()
            .map(Some)
            .map_err(|e| D::Error::custom(format!("{INVALID_DATE} {text:?}: {e}")))
    }
}

impl Item {
    /// The day this item is due, given the workbook's `launch` (see
    /// [`Workbook::due_date`]).
    pub fn due_date(&self, launch: Option<NaiveDate>) -> Option<NaiveDate> {
        self.due.and_then(|d| d.resolve(launch))
    }
}

/// What moving the launch did to one item's due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedDue {
    pub id: String,
    pub due: Due,
    /// The date before; `None` when there was no launch date.
    pub from: Option<NaiveDate>,
    /// The date now; `None` when the launch date was cleared.
    pub to: Option<NaiveDate>,
}

impl Workbook {
    /// The day `item` is due: its date, or its offset from this workbook's
    /// launch (`None` for a relative due without a launch date).
    pub fn due_date(&self, item: &Item) -> Option<NaiveDate> {
        item.due_date(self.launch)
    }

    /// Whether any item's due, or a due recorded in a merge conflict,
    /// follows the launch: such a file needs format version 2.
    pub fn has_relative_due(&self) -> bool {
        let relative = |text: &str| text.parse::<Due>().is_ok_and(Due::is_relative);
        self.items().any(|(_, i)| {
            i.due.is_some_and(Due::is_relative)
                || i.conflicts.iter().any(|c| {
                    c.field == super::ItemField::Due.name()
                        && (relative(&c.ours) || relative(&c.theirs))
                })
        })
    }

    /// Moves the launch to `launch` and returns the items whose due date
    /// moved with it (relative dues; absolute ones stay), in file order.
    /// Settles a merge conflict on the launch: the date set is the
    /// resolution.
    pub fn move_launch(&mut self, launch: Option<NaiveDate>) -> Vec<MovedDue> {
        let before = self.launch;
        self.launch = launch;
        self.conflicts
            .retain(|c| c.field != super::WorkbookField::Launch.name());
        self.items()
            .filter_map(|(_, i)| {
                let due = i.due.filter(|d| d.is_relative())?;
                let (from, to) = (due.resolve(before), due.resolve(launch));
                (from != to).then(|| MovedDue {
                    id: i.id.clone(),
                    due,
                    from,
                    to,
                })
            })
            .collect()
    }
}

/// What moving the launch did, as of a date: the dues that moved, the
/// mitigations that now lapse before launch, the items now overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchMove {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Relative dues whose date changed, in file order.
    pub moved: Vec<MovedDue>,
    /// Passing mitigations accepted until a day before the new launch that
    /// did not lapse before the old one ([`Warning::MitigationExpiresBeforeLaunch`]).
    pub lapsing: Vec<Warning>,
    /// Items overdue as of the date that were not before, in file order.
    pub overdue: Vec<String>,
}

impl LaunchMove {
    /// One sentence for a status bar: "Launch moved to 2027-02-15: 3 due
    /// dates moved, 1 mitigation now lapses before launch, 1 item is now
    /// overdue."
    pub fn summary(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let to = self.to.map_or_else(
            || "Launch date cleared".to_owned(),
            |d| format!("Launch moved to {d}"),
        );
        let mut parts = vec![plural(
            self.moved.len(),
            "due date moved",
            "due dates moved",
        )];
        if !self.lapsing.is_empty() {
            parts.push(plural(
                self.lapsing.len(),
                "mitigation now lapses before launch",
                "mitigations now lapse before launch",
            ));
        }
        if !self.overdue.is_empty() {
            parts.push(plural(
                self.overdue.len(),
                "item is now overdue",
                "items are now overdue",
            ));
        }
        format!("{to}: {}.", parts.join(", "))
    }
}

impl Workbook {
    /// Moves the launch to `launch` ([`Workbook::move_launch`]) and says
    /// what that changed as of `as_of`.
    pub fn relaunch(&mut self, launch: Option<NaiveDate>, as_of: NaiveDate) -> LaunchMove {
        let from = self.launch;
        let (old_lapsing, old_overdue) = self.lapsing_and_overdue(as_of);
        let moved = self.move_launch(launch);
        let (lapsing, overdue) = self.lapsing_and_overdue(as_of);
        LaunchMove {
            from,
            to: launch,
            moved,
            lapsing: lapsing
                .into_iter()
                .filter(|w| !old_lapsing.iter().any(|o| o.item_id() == w.item_id()))
                .collect(),
            overdue: overdue
                .into_iter()
                .filter(|id| !old_overdue.contains(id))
                .collect(),
        }
    }

    fn lapsing_and_overdue(&self, as_of: NaiveDate) -> (Vec<Warning>, Vec<String>) {
        let v = self.verdict(as_of);
        let lapsing = v
            .warnings
            .iter()
            .filter(|w| matches!(w, Warning::MitigationExpiresBeforeLaunch { .. }))
            .cloned()
            .collect();
        (lapsing, v.overdue().map(|c| c.item.id.clone()).collect())
    }
}

#[cfg(test)]
mod tests;
