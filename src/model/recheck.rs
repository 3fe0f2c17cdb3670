//! Re-verification: a done item with an interval (`every`) stays green only
//! while its last verification (`verified`) is recent enough.
//!
//! The rule, for the verdict: a done item whose `verified + every` is before
//! the as-of date is red ([`RedReason::RecheckOverdue`]); on that day itself
//! it still passes, as a mitigation does on its `until` day. A done item with
//! an interval but no `verified` date is due now: nobody can say when it was
//! last true, and a demanding reviewer would not take it on trust. Only
//! done items are re-checked — a mitigation already lapses on its own
//! `until` date, and a not-applicable item has nothing to confirm. While an
//! item passes, a re-check that falls due before launch or within
//! [`RECHECK_WARNING_DAYS`] is a [`Warning::RecheckDue`].
//!
//! [`RedReason::RecheckOverdue`]: super::RedReason::RecheckOverdue
//! [`Warning::RecheckDue`]: super::Warning::RecheckDue

use chrono::NaiveDate;

use super::{Interval, Item, ItemField, Status};

/// How many days ahead `check` warns of a re-check falling due.
pub const RECHECK_WARNING_DAYS: i64 = 14;

/// Where a done item with an interval stands on its re-check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recheck {
    /// Past its re-check date, or never verified: the item is red.
    Overdue {
        verified: Option<NaiveDate>,
        every: Interval,
    },
    /// Still passes, but must be re-checked by `due`, which is within
    /// [`RECHECK_WARNING_DAYS`] or before `launch` (then given).
    DueSoon {
        due: NaiveDate,
        launch: Option<NaiveDate>,
    },
}

impl Item {
    /// The last day this item passes without a new check: `verified` plus
    /// `every`. `None` when it is not re-checked (not done, or no
    /// interval); `Some(None)` when it is due already (never verified).
    /// A date past chrono's calendar is never due.
    fn recheck_by(&self) -> Option<Option<NaiveDate>> {
        let every = self.every?;
        if self.status != Status::Done {
            return None;
        }
        match self.verified {
            None => Some(None),
            Some(v) => every.after(v).map(Some),
        }
    }

    /// Whether the re-check is overdue as of `as_of`, or falls due soon
    /// (within [`RECHECK_WARNING_DAYS`], or before `launch`); `None` when
    /// neither, or the item is not re-checked.
    pub fn recheck(&self, as_of: NaiveDate, launch: Option<NaiveDate>) -> Option<Recheck> {
        let every = self.every?;
        let overdue = Recheck::Overdue {
            verified: self.verified,
            every,
        };
        let due = match self.recheck_by()? {
            None => return Some(overdue),
            Some(due) if due < as_of => return Some(overdue),
            Some(due) => due,
        };
        let before_launch = launch.filter(|&l| due < l);
        let soon = (due - as_of).num_days() <= RECHECK_WARNING_DAYS;
        (soon || before_launch.is_some()).then_some(Recheck::DueSoon {
            due,
            launch: before_launch,
        })
    }

    /// Sets the status as a person does — the window's status buttons and
    /// keys, `shipshape set --status`: setting it done (again, too) records
    /// `today` as the day it was verified, which is how a re-check is
    /// recorded. Settles merge conflicts on the fields it sets.
    pub fn set_status(&mut self, status: Status, today: NaiveDate) {
        self.status = status;
        self.settle(ItemField::Status);
        if status == Status::Done {
            self.verified = Some(today);
            self.settle(ItemField::Verified);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, RedReason, Warning, Workbook};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A done item verified on `verified`, re-checked every `every`.
    fn done(verified: Option<&str>, every: &str) -> Item {
        Item {
            id: "ops.backups".into(),
            title: "Backups".into(),
            status: Status::Done,
            verified: verified.map(d),
            every: Some(every.parse().unwrap()),
            ..Item::default()
        }
    }

    #[test]
    fn overdue_the_day_after_verified_plus_every() {
        let i = done(Some("2026-12-01"), "90d");
        // 2026-12-01 + 90 days = 2027-03-01, the last day it passes.
        assert!(i.passes(d("2027-02-28")), "day before");
        assert!(i.passes(d("2027-03-01")), "on the day");
        let reason = i.red_reason(d("2027-03-02")).expect("day after is red");
        assert_eq!(
            reason,
            RedReason::RecheckOverdue {
                verified: Some(d("2026-12-01")),
                every: Interval::Days(90)
            }
        );
        assert_eq!(
            reason.to_string(),
            "re-check overdue: last verified 2026-12-01, every 90 days"
        );
    }

    #[test]
    fn months_are_calendar_months_at_the_boundary() {
        // 2026-11-30 + 3 months = 2027-02-28 (February has no 30th).
        let i = done(Some("2026-11-30"), "quarterly");
        assert!(i.passes(d("2027-02-27")));
        assert!(i.passes(d("2027-02-28")));
        assert!(!i.passes(d("2027-03-01")));
        let monthly = done(Some("2026-01-31"), "monthly");
        assert!(monthly.passes(d("2026-02-28")));
        assert!(!monthly.passes(d("2026-03-01")));
    }

    #[test]
    fn a_done_item_with_an_interval_and_no_verified_date_is_due_now() {
        let i = done(None, "quarterly");
        let reason = i.red_reason(d("2026-03-10")).unwrap();
        assert_eq!(
            reason.to_string(),
            "re-check overdue: never verified, every 3 months"
        );
        let mut no_interval = i.clone();
        no_interval.every = None;
        assert!(
            no_interval.passes(d("2026-03-10")),
            "no interval, no re-check"
        );
    }

    #[test]
    fn only_done_items_are_rechecked() {
        let today = d("2026-03-10");
        let mut i = done(Some("2020-01-01"), "weekly");
        i.status = Status::NotApplicable;
        i.mitigation.text = "no data".into();
        assert!(i.passes(today));
        assert_eq!(i.recheck(today, None), None);
        i.status = Status::Mitigated;
        i.mitigation.accepted_by = "CTO".into();
        i.mitigation.until = Some(d("2026-04-01"));
        assert!(i.passes(today), "a mitigation lapses by its own date");
        i.status = Status::InProgress;
        assert_eq!(
            i.red_reason(today),
            Some(RedReason::NotDone(Status::InProgress))
        );
    }

    #[test]
    fn due_soon_within_fourteen_days_or_before_launch() {
        let i = done(Some("2026-12-01"), "90d"); // due by 2027-03-01
        let due = d("2027-03-01");
        assert_eq!(i.recheck(d("2027-02-14"), None), None, "15 days ahead");
        assert_eq!(
            i.recheck(d("2027-02-15"), None),
            Some(Recheck::DueSoon { due, launch: None }),
            "14 days ahead"
        );
        assert_eq!(
            i.recheck(d("2027-03-01"), None),
            Some(Recheck::DueSoon { due, launch: None }),
            "due today"
        );
        let launch = Some(d("2027-06-01"));
        assert_eq!(
            i.recheck(d("2027-01-01"), launch),
            Some(Recheck::DueSoon { due, launch }),
            "falls due before launch"
        );
        assert_eq!(
            i.recheck(d("2027-01-01"), Some(due)),
            None,
            "due on launch day passes on launch day"
        );
        assert!(matches!(
            i.recheck(d("2027-03-02"), launch),
            Some(Recheck::Overdue { .. })
        ));
    }

    #[test]
    fn the_verdict_warns_of_a_recheck_due_and_says_when() {
        let mut wb = Workbook::new("P");
        wb.categories.push(Category {
            id: "ops".into(),
            name: "Ops".into(),
            items: vec![done(Some("2026-12-01"), "90d")],
        });
        wb.launch = Some(d("2027-04-01"));
        let v = wb.verdict(d("2027-01-10"));
        assert!(v.ready());
        assert_eq!(
            v.warnings,
            [Warning::RecheckDue {
                id: "ops.backups".into(),
                due: d("2027-03-01"),
                launch: Some(d("2027-04-01")),
            }]
        );
        assert_eq!(
            v.warnings[0].to_string(),
            "ops.backups: re-check due by 2027-03-01, before launch on 2027-04-01"
        );
        wb.launch = None;
        let v = wb.verdict(d("2027-02-20"));
        assert_eq!(
            v.warnings[0].to_string(),
            "ops.backups: re-check due by 2027-03-01, within 14 days"
        );
        let v = wb.verdict(d("2027-03-02"));
        assert!(v.warnings.is_empty(), "overdue is red, not a warning");
        assert_eq!(v.red_count(), 1);
    }

    #[test]
    fn setting_done_records_today_as_verified() {
        let today = d("2026-03-10");
        let mut i = Item {
            conflicts: vec![crate::model::Conflict {
                field: "verified".into(),
                ..Default::default()
            }],
            ..Item::default()
        };
        i.set_status(Status::InProgress, today);
        assert_eq!(i.verified, None);
        i.set_status(Status::Done, d("2026-03-01"));
        assert_eq!(i.verified, Some(d("2026-03-01")));
        assert!(i.conflicts.is_empty(), "the day recorded settles it");
        i.set_status(Status::Done, today);
        assert_eq!(i.verified, Some(today), "done again is a re-check");
        i.set_status(Status::Mitigated, d("2026-04-01"));
        assert_eq!(i.verified, Some(today), "only done records a check");
    }
}
