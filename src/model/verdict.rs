use chrono::NaiveDate;

use super::{
    Category, Due, Interval, Item, Mitigation, RECHECK_WARNING_DAYS, Recheck, Status, StatusCounts,
    Workbook,
};

/// Why an item blocks the launch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedReason {
    /// Not done and nothing written to let it ship.
    NotDone(Status),
    /// Marked mitigated, but the rule's parts of a mitigation are not all
    /// there: the written mitigation, who accepted it, and until when.
    MitigationIncomplete(MissingParts),
    /// The mitigation was accepted only until this date, which has passed.
    MitigationExpired(NaiveDate),
    /// Marked not applicable without a written reason.
    ReasonMissing,
    /// A merge left conflicting values that nobody has picked between yet.
    Conflict,
    /// Done, but its last verification is older than its re-check interval
    /// (or it was never verified); see `model::recheck`.
    RecheckOverdue {
        verified: Option<NaiveDate>,
        every: Interval,
    },
    /// A template upgrade changed the item's title or description and
    /// nobody has confirmed the item against the new words yet (see
    /// [`Item::reworded`]).
    Reworded,
}

impl std::fmt::Display for RedReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotDone(s) => write!(f, "{} without a mitigation", s.label().to_lowercase()),
            Self::MitigationIncomplete(missing) => missing.fmt(f),
            Self::MitigationExpired(d) => write!(f, "mitigation expired on {d}"),
            Self::ReasonMissing => f.write_str("not applicable, but no reason is written"),
            Self::Conflict => f.write_str("unresolved merge conflict"),
            Self::RecheckOverdue { verified, every } => {
                f.write_str("re-check overdue: ")?;
                match verified {
                    Some(d) => write!(f, "last verified {d}")?,
                    None => f.write_str("never verified")?,
                }
                write!(f, ", every {}", every.prose())
            }
            Self::Reworded => f.write_str("checklist wording changed: re-confirm"),
        }
    }
}

/// Which parts of a mitigation are missing. Text that is only whitespace
/// counts as missing: a blank accepted-by is nobody.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MissingParts {
    /// No mitigation is written.
    pub text: bool,
    /// Nobody accepted it.
    pub accepted_by: bool,
    /// It has no end date: a mitigation is accepted until a date, never forever.
    pub until: bool,
}

impl MissingParts {
    /// What `mitigation` lacks; `None` when it is complete.
    pub fn of(mitigation: &Mitigation) -> Option<Self> {
        let missing = Self {
            text: is_blank(&mitigation.text),
            accepted_by: is_blank(&mitigation.accepted_by),
            until: mitigation.until.is_none(),
        };
        (missing != Self::default()).then_some(missing)
    }
}

impl std::fmt::Display for MissingParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts = [
            (self.text, "no mitigation is written"),
            (self.accepted_by, "mitigation not accepted by anyone"),
            (self.until, "mitigation has no end date"),
        ];
        let words: Vec<&str> = parts.iter().filter(|(m, _)| *m).map(|(_, w)| *w).collect();
        write!(f, "mitigated, but {}", words.join("; "))
    }
}

/// Whether text says nothing: empty or only whitespace.
fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Something worth saying that does not by itself block the launch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A mitigation accepted only until a date before the launch date: it
    /// passes today but will have lapsed by launch.
    MitigationExpiresBeforeLaunch {
        id: String,
        until: NaiveDate,
        launch: NaiveDate,
    },
    /// A done item that passes today but must be re-checked by `due`:
    /// before launch (`launch` given) or within [`RECHECK_WARNING_DAYS`].
    RecheckDue {
        id: String,
        due: NaiveDate,
        launch: Option<NaiveDate>,
    },
    /// An item not yet passing whose due date is relative to a launch the
    /// workbook does not have: it has no date, so it cannot be overdue.
    DueWithoutLaunch { id: String, due: Due },
}

impl Warning {
    /// The item the warning is about.
    pub fn item_id(&self) -> &str {
        match self {
            Self::MitigationExpiresBeforeLaunch { id, .. }
            | Self::RecheckDue { id, .. }
            | Self::DueWithoutLaunch { id, .. } => id,
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::MitigationExpiresBeforeLaunch { id, until, launch } => write!(
                f,
                "{id}: mitigation accepted until {until}, before launch on {launch}"
            ),
            Self::RecheckDue {
                id,
                due,
                launch: Some(launch),
            } => write!(f, "{id}: re-check due by {due}, before launch on {launch}"),
            Self::RecheckDue {
                id,
                due,
                launch: None,
            } => write!(
                f,
                "{id}: re-check due by {due}, within {RECHECK_WARNING_DAYS} days"
            ),
            Self::DueWithoutLaunch { id, due } => {
                write!(f, "{id}: due {due}, but the workbook has no launch date")
            }
        }
    }
}

/// The verdict's finding about one item.
#[derive(Debug, Clone, Copy)]
pub struct ItemCheck<'a> {
    pub category: &'a Category,
    pub item: &'a Item,
    /// `None` when the item passes.
    pub red: Option<RedReason>,
    /// The day the item is due ([`Workbook::due_date`]): its date, or its
    /// offset from the launch resolved.
    pub due: Option<NaiveDate>,
    pub overdue: bool,
}

impl ItemCheck<'_> {
    pub fn passes(&self) -> bool {
        self.red.is_none()
    }

    /// The due date for people (see [`Due::describe`]): `2027-01-17`,
    /// `T-14 · 2027-01-17`, `T-14 (no launch date)`, or empty for none.
    pub fn due_text(&self) -> String {
        self.item
            .due
            .map(|d| d.describe_resolved(self.due))
            .unwrap_or_default()
    }
}

/// The launch rule applied to a workbook as of a date.
#[derive(Debug, Clone)]
pub struct Verdict<'a> {
    pub as_of: NaiveDate,
    /// One entry per item, in file order.
    pub checks: Vec<ItemCheck<'a>>,
    pub counts: StatusCounts,
    pub warnings: Vec<Warning>,
    /// Unresolved merge conflicts on the workbook's own fields (project,
    /// dates, category names; see [`Workbook::conflicts`]). Any keeps the
    /// workbook from being production-ready: which launch date or project
    /// the verdict is about is not settled.
    pub workbook_conflicts: usize,
}

impl<'a> Verdict<'a> {
    /// Production-ready: nothing is red and no workbook field is in
    /// conflict. An empty workbook is not ready — there is nothing to say it is.
    pub fn ready(&self) -> bool {
        !self.checks.is_empty()
            && self.workbook_conflicts == 0
            && self.checks.iter().all(ItemCheck::passes)
    }

    pub fn red(&self) -> impl Iterator<Item = &ItemCheck<'a>> {
        self.checks.iter().filter(|c| !c.passes())
    }

    pub fn red_count(&self) -> usize {
        self.red().count()
    }

    pub fn overdue(&self) -> impl Iterator<Item = &ItemCheck<'a>> {
        self.checks.iter().filter(|c| c.overdue)
    }

    /// "Production-ready" or "Demo-ready: N red", with ", N workbook
    /// conflict(s)" when workbook fields are in conflict.
    pub fn headline(&self) -> String {
        if self.ready() {
            return "Production-ready".to_owned();
        }
        let red = self.red_count();
        let mut why = Vec::new();
        if self.checks.is_empty() {
            why.push("no items".to_owned());
        } else if red > 0 || self.workbook_conflicts == 0 {
            why.push(format!("{red} red"));
        }
        match self.workbook_conflicts {
            0 => {}
            1 => why.push("1 workbook conflict".to_owned()),
            n => why.push(format!("{n} workbook conflicts")),
        }
        format!("Demo-ready: {}", why.join(", "))
    }

    /// Passing and total items of category `index`.
    pub fn category_progress(&self, category: &Category) -> (usize, usize) {
        let in_cat = self
            .checks
            .iter()
            .filter(|c| std::ptr::eq(c.category, category));
        in_cat.fold((0, 0), |(pass, total), c| {
            (pass + usize::from(c.passes()), total + 1)
        })
    }
}

impl Item {
    /// Why this item blocks the launch as of `as_of`, or `None` if it passes.
    /// A merge conflict comes first (which value holds is not settled),
    /// then what the status says; changed checklist wording only when the
    /// item would otherwise pass — an open item is red for its own reason.
    pub fn red_reason(&self, as_of: NaiveDate) -> Option<RedReason> {
        if !self.conflicts.is_empty() {
            return Some(RedReason::Conflict);
        }
        self.status_red_reason(as_of)
            .or_else(|| (!self.reworded.is_empty()).then_some(RedReason::Reworded))
    }

    /// What the status and its parts (mitigation, re-check) say.
    fn status_red_reason(&self, as_of: NaiveDate) -> Option<RedReason> {
        match self.status {
            Status::Done => match self.recheck(as_of, None) {
                Some(Recheck::Overdue { verified, every }) => {
                    Some(RedReason::RecheckOverdue { verified, every })
                }
                _ => None,
            },
            Status::Mitigated => {
                match (MissingParts::of(&self.mitigation), self.mitigation.until) {
                    (Some(missing), _) => Some(RedReason::MitigationIncomplete(missing)),
                    (None, Some(until)) if until < as_of => {
                        Some(RedReason::MitigationExpired(until))
                    }
                    (None, _) => None,
                }
            }
            Status::NotApplicable if !self.has_mitigation() => Some(RedReason::ReasonMissing),
            Status::NotApplicable => None,
            s @ (Status::NotStarted | Status::InProgress) => Some(RedReason::NotDone(s)),
        }
    }

    pub fn passes(&self, as_of: NaiveDate) -> bool {
        self.red_reason(as_of).is_none()
    }

    /// Due before `as_of` and not passing; a relative due resolves against
    /// `launch` (the workbook's), and without one is never overdue.
    pub fn is_overdue(&self, as_of: NaiveDate, launch: Option<NaiveDate>) -> bool {
        self.due_date(launch).is_some_and(|d| d < as_of) && !self.passes(as_of)
    }
}

impl Workbook {
    /// Applies the launch rule as of `as_of`.
    pub fn verdict(&self, as_of: NaiveDate) -> Verdict<'_> {
        let mut counts = StatusCounts::default();
        let mut warnings = Vec::new();
        let checks = self
            .items()
            .map(|(category, item)| {
                counts.add(item.status);
                let red = item.red_reason(as_of);
                if let (Status::Mitigated, Some(until), Some(launch)) =
                    (item.status, item.mitigation.until, self.launch)
                    && until < launch
                    && red.is_none()
                {
                    warnings.push(Warning::MitigationExpiresBeforeLaunch {
                        id: item.id.clone(),
                        until,
                        launch,
                    });
                }
                if let (Some(Recheck::DueSoon { due, launch }), None) =
                    (item.recheck(as_of, self.launch), red)
                {
                    warnings.push(Warning::RecheckDue {
                        id: item.id.clone(),
                        due,
                        launch,
                    });
                }
                if let (Some(due @ Due::FromLaunch(_)), None, Some(_)) =
                    (item.due, self.launch, red)
                {
                    warnings.push(Warning::DueWithoutLaunch {
                        id: item.id.clone(),
                        due,
                    });
                }
                let due = self.due_date(item);
                ItemCheck {
                    category,
                    item,
                    red,
                    due,
                    overdue: due.is_some_and(|d| d < as_of) && red.is_some(),
                }
            })
            .collect();
        Verdict {
            as_of,
            checks,
            counts,
            warnings,
            workbook_conflicts: self.conflicts.len(),
        }
    }
}

#[cfg(test)]
mod tests;
