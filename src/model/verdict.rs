use chrono::NaiveDate;

use super::{
    Category, Interval, Item, Mitigation, RECHECK_WARNING_DAYS, Recheck, Status, StatusCounts,
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
}

impl Warning {
    /// The item the warning is about.
    pub fn item_id(&self) -> &str {
        match self {
            Self::MitigationExpiresBeforeLaunch { id, .. } | Self::RecheckDue { id, .. } => id,
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
    pub overdue: bool,
}

impl ItemCheck<'_> {
    pub fn passes(&self) -> bool {
        self.red.is_none()
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
    pub fn red_reason(&self, as_of: NaiveDate) -> Option<RedReason> {
        if !self.conflicts.is_empty() {
            return Some(RedReason::Conflict);
        }
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

    /// Due before `as_of` and not passing.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        self.due.is_some_and(|d| d < as_of) && !self.passes(as_of)
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
                ItemCheck {
                    category,
                    item,
                    red,
                    overdue: item.due.is_some_and(|d| d < as_of) && red.is_some(),
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
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn item(status: Status) -> Item {
        Item {
            id: "x".into(),
            title: "X".into(),
            status,
            ..Item::default()
        }
    }

    /// A mitigated item accepted by "Ana" (the rule needs someone).
    fn mitigated(text: &str, until: Option<&str>) -> Item {
        let mut i = item(Status::Mitigated);
        i.mitigation.text = text.into();
        i.mitigation.accepted_by = "Ana".into();
        i.mitigation.until = until.map(d);
        i
    }

    fn workbook(items: Vec<Item>) -> Workbook {
        let mut wb = Workbook::new("P");
        wb.categories.push(Category {
            id: "c".into(),
            name: "C".into(),
            items,
        });
        wb
    }

    const TODAY: &str = "2026-03-10";

    #[test]
    fn done_passes_and_open_items_are_red() {
        let today = d(TODAY);
        assert!(item(Status::Done).passes(today));
        assert_eq!(
            item(Status::NotStarted).red_reason(today),
            Some(RedReason::NotDone(Status::NotStarted))
        );
        assert_eq!(
            item(Status::InProgress).red_reason(today),
            Some(RedReason::NotDone(Status::InProgress))
        );
    }

    /// The rule's edge cases for a mitigated item: (text, accepted by,
    /// until, expected reason). Whitespace-only text counts as none.
    #[test]
    fn mitigated_needs_text_acceptor_and_end_date() {
        let today = d(TODAY);
        let missing = |text, accepted_by, until| {
            Some(RedReason::MitigationIncomplete(MissingParts {
                text,
                accepted_by,
                until,
            }))
        };
        let later = Some("2026-04-01");
        let cases = [
            ("manual failover", "Ana", later, None),
            ("", "Ana", later, missing(true, false, false)),
            ("   ", "Ana", later, missing(true, false, false)),
            ("\n\t", "Ana", later, missing(true, false, false)),
            ("m", "", later, missing(false, true, false)),
            ("m", " \t ", later, missing(false, true, false)),
            ("m", "Ana", None, missing(false, false, true)),
            ("m", "", None, missing(false, true, true)),
            ("", "", None, missing(true, true, true)),
            (
                "m",
                "Ana",
                Some("2026-03-09"),
                Some(RedReason::MitigationExpired(d("2026-03-09"))),
            ),
        ];
        for (text, accepted_by, until, expected) in cases {
            let mut i = mitigated(text, until);
            i.mitigation.accepted_by = accepted_by.into();
            assert_eq!(
                i.red_reason(today),
                expected,
                "text {text:?}, accepted by {accepted_by:?}, until {until:?}"
            );
        }
    }

    #[test]
    fn incomplete_mitigation_says_what_is_missing() {
        let today = d(TODAY);
        let mut i = mitigated("x", None);
        i.mitigation.accepted_by.clear();
        assert_eq!(
            i.red_reason(today).unwrap().to_string(),
            "mitigated, but mitigation not accepted by anyone; mitigation has no end date"
        );
        let i = mitigated("x", None);
        assert_eq!(
            i.red_reason(today).unwrap().to_string(),
            "mitigated, but mitigation has no end date"
        );
        let i = mitigated("  ", Some(TODAY));
        assert_eq!(
            i.red_reason(today).unwrap().to_string(),
            "mitigated, but no mitigation is written"
        );
    }

    #[test]
    fn mitigation_until_boundary_is_inclusive() {
        let today = d(TODAY);
        assert!(mitigated("m", Some("2026-03-11")).passes(today));
        assert!(
            mitigated("m", Some(TODAY)).passes(today),
            "accepted until today still passes"
        );
        assert_eq!(
            mitigated("m", Some("2026-03-09")).red_reason(today),
            Some(RedReason::MitigationExpired(d("2026-03-09")))
        );
    }

    #[test]
    fn not_applicable_needs_a_reason() {
        let today = d(TODAY);
        let mut na = item(Status::NotApplicable);
        assert_eq!(na.red_reason(today), Some(RedReason::ReasonMissing));
        na.mitigation.text = " \n ".into();
        assert_eq!(
            na.red_reason(today),
            Some(RedReason::ReasonMissing),
            "a reason of only whitespace is none"
        );
        na.mitigation.text = "no static assets".into();
        assert!(na.passes(today));
        // An end date on a reason does not expire it: only mitigations expire.
        na.mitigation.until = Some(d("2020-01-01"));
        assert!(na.passes(today));
    }

    #[test]
    fn mitigation_text_on_open_item_does_not_pass() {
        let mut open = item(Status::InProgress);
        open.mitigation.text = "we will".into();
        assert!(!open.passes(d(TODAY)));
    }

    #[test]
    fn conflicts_are_red_whatever_the_status() {
        let mut i = item(Status::Done);
        i.conflicts.push(crate::model::Conflict {
            field: "owner".into(),
            ours: "a".into(),
            theirs: "b".into(),
        });
        assert_eq!(i.red_reason(d(TODAY)), Some(RedReason::Conflict));
    }

    #[test]
    fn overdue_boundary() {
        let today = d(TODAY);
        let mut i = item(Status::InProgress);
        i.due = Some(today);
        assert!(!i.is_overdue(today), "due today is not yet overdue");
        i.due = Some(d("2026-03-09"));
        assert!(i.is_overdue(today));
        i.status = Status::Done;
        assert!(!i.is_overdue(today), "a passing item is never overdue");
    }

    #[test]
    fn the_verdict_lists_exactly_the_overdue_items() {
        let today = d(TODAY);
        let late = Item {
            id: "late".into(),
            due: Some(d("2026-03-09")),
            ..item(Status::InProgress)
        };
        let due_today = Item {
            id: "today".into(),
            due: Some(today),
            ..item(Status::InProgress)
        };
        let done_late = Item {
            id: "done".into(),
            due: Some(d("2026-03-09")),
            ..item(Status::Done)
        };
        let wb = workbook(vec![late, due_today, done_late]);
        let v = wb.verdict(today);
        let overdue: Vec<_> = v.overdue().map(|c| c.item.id.as_str()).collect();
        assert_eq!(overdue, ["late"]);
    }

    #[test]
    fn ready_only_when_nothing_is_red() {
        let today = d(TODAY);
        let wb = workbook(vec![item(Status::Done), mitigated("m", Some("2026-04-01"))]);
        let v = wb.verdict(today);
        assert!(v.ready());
        assert_eq!(v.headline(), "Production-ready");

        let wb = workbook(vec![item(Status::Done), item(Status::InProgress)]);
        let v = wb.verdict(today);
        assert!(!v.ready());
        assert_eq!(v.red_count(), 1);
        assert_eq!(v.headline(), "Demo-ready: 1 red");
        assert_eq!(v.counts.get(Status::Done), 1);
        assert_eq!(v.category_progress(&wb.categories[0]), (1, 2));
    }

    #[test]
    fn a_workbook_field_conflict_blocks_ready_and_says_so() {
        let today = d(TODAY);
        let mut wb = workbook(vec![item(Status::Done)]);
        wb.conflicts.push(crate::model::Conflict {
            field: "launch".into(),
            ours: "2026-04-01".into(),
            theirs: "2026-05-01".into(),
        });
        let v = wb.verdict(today);
        assert_eq!(v.workbook_conflicts, 1);
        assert_eq!(v.red_count(), 0, "no item is red");
        assert!(!v.ready());
        assert_eq!(v.headline(), "Demo-ready: 1 workbook conflict");

        wb.categories[0].items.push(item(Status::InProgress));
        wb.conflicts.push(crate::model::Conflict {
            field: "project".into(),
            ..Default::default()
        });
        assert_eq!(
            wb.verdict(today).headline(),
            "Demo-ready: 1 red, 2 workbook conflicts"
        );
        wb.categories[0].items.clear();
        assert_eq!(
            wb.verdict(today).headline(),
            "Demo-ready: no items, 2 workbook conflicts"
        );
    }

    #[test]
    fn empty_workbook_is_not_ready() {
        assert!(!Workbook::new("P").verdict(d(TODAY)).ready());
    }

    #[test]
    fn warns_when_mitigation_lapses_before_launch() {
        let mut wb = workbook(vec![mitigated("m", Some("2026-03-20"))]);
        wb.launch = Some(d("2026-04-01"));
        let v = wb.verdict(d(TODAY));
        assert!(v.ready());
        assert_eq!(
            v.warnings,
            [Warning::MitigationExpiresBeforeLaunch {
                id: "x".into(),
                until: d("2026-03-20"),
                launch: d("2026-04-01"),
            }]
        );
        // The words the window, `check` and the report print.
        assert_eq!(
            v.warnings[0].to_string(),
            "x: mitigation accepted until 2026-03-20, before launch on 2026-04-01"
        );
        wb.launch = Some(d("2026-03-20"));
        assert!(
            wb.verdict(d(TODAY)).warnings.is_empty(),
            "until = launch day is fine"
        );
        wb.launch = Some(d("2026-04-01"));
        wb.categories[0].items[0].mitigation.accepted_by.clear();
        let v = wb.verdict(d(TODAY));
        assert!(
            v.warnings.is_empty(),
            "an incomplete mitigation is red already, not a warning"
        );
        assert_eq!(v.red_count(), 1);
    }
}
