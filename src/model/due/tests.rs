use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::model::{Conflict, ItemField, Warning};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn text_forms_parse_and_print_canonically() {
    for (text, due, canonical) in [
        ("T-14", Due::FromLaunch(-14), "T-14"),
        ("t - 14", Due::FromLaunch(-14), "T-14"),
        (" T+7 ", Due::FromLaunch(7), "T+7"),
        ("T", Due::FromLaunch(0), "T"),
        ("T-0", Due::FromLaunch(0), "T"),
        ("T+0", Due::FromLaunch(0), "T"),
        ("T-10000", Due::FromLaunch(-10_000), "T-10000"),
        ("2027-01-15", Due::On(d("2027-01-15")), "2027-01-15"),
        ("T-14 · 2027-01-17", Due::FromLaunch(-14), "T-14"),
        ("T+3 (no launch date)", Due::FromLaunch(3), "T+3"),
    ] {
        assert_eq!(text.parse::<Due>(), Ok(due), "{text}");
        assert_eq!(due.to_string(), canonical);
    }
}

#[test]
fn bad_text_says_what_was_expected() {
    let err = |t: &str| t.parse::<Due>().unwrap_err().to_string();
    assert_eq!(
        err("T-x"),
        "`T-x`: expected T-<days> or T+<days>, e.g. T-14 (14 days before launch)"
    );
    for bad in ["T-", "T+-3", "T-1.5", "T--1", "T-١٤"] {
        assert!(
            matches!(bad.parse::<Due>(), Err(DueError::BadOffset(_))),
            "{bad}"
        );
    }
    assert!(err("T-10001").contains("at most 10000 days from launch"));
    assert!(err("T-99999999999").contains("at most 10000 days"));
    assert!(err("2027-13-01").starts_with("`2027-13-01` is not a due date (use YYYY-MM-DD, T-14"));
    for bad in ["", "T14", "tomorrow", "Tuesday"] {
        assert!(
            matches!(bad.parse::<Due>(), Err(DueError::NotADue(_))),
            "{bad}"
        );
    }
}

#[test]
fn relative_dues_resolve_against_the_launch_and_absolute_ones_ignore_it() {
    let launch = Some(d("2027-02-01"));
    assert_eq!(Due::FromLaunch(-14).resolve(launch), Some(d("2027-01-18")));
    assert_eq!(Due::FromLaunch(7).resolve(launch), Some(d("2027-02-08")));
    assert_eq!(Due::FromLaunch(0).resolve(launch), launch);
    assert_eq!(Due::FromLaunch(-14).resolve(None), None);
    let on = Due::On(d("2026-12-24"));
    assert_eq!(on.resolve(launch), Some(d("2026-12-24")));
    assert_eq!(on.resolve(None), Some(d("2026-12-24")));
}

#[test]
fn describe_shows_the_relative_form_beside_the_date() {
    let launch = Some(d("2027-02-01"));
    assert_eq!(Due::FromLaunch(-14).describe(launch), "T-14 · 2027-01-18");
    assert_eq!(Due::FromLaunch(-14).describe(None), "T-14 (no launch date)");
    assert_eq!(Due::On(d("2027-01-15")).describe(None), "2027-01-15");
    assert_eq!(Due::FromLaunch(3).relative_text().as_deref(), Some("T+3"));
    assert_eq!(Due::On(d("2027-01-15")).relative_text(), None);
}

fn workbook() -> Workbook {
    let mut wb = Workbook::new("Payments");
    let c = wb.add_category("Ops");
    for (title, due) in [
        ("Runbooks", Some(Due::FromLaunch(-14))),
        ("Backups", Some(Due::On(d("2027-01-10")))),
        ("Pager", None),
        ("Retro", Some(Due::FromLaunch(7))),
    ] {
        let loc = wb.add_item(c, title).unwrap();
        wb.categories[loc.category].items[loc.item].due = due;
    }
    wb
}

#[test]
fn moving_the_launch_moves_the_relative_dues_only_and_reports_them() {
    let mut wb = workbook();
    let moved = wb.move_launch(Some(d("2027-02-01")));
    let ids: Vec<_> = moved.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["ops.runbooks", "ops.retro"]);
    assert_eq!(moved[0].from, None);
    assert_eq!(moved[0].to, Some(d("2027-01-18")));

    let moved = wb.move_launch(Some(d("2027-02-15")));
    assert_eq!(moved[0].from, Some(d("2027-01-18")));
    assert_eq!(moved[0].to, Some(d("2027-02-01")));
    assert_eq!(moved[1].to, Some(d("2027-02-22")));
    assert_eq!(
        wb.due_date(wb.item("ops.backups").unwrap()),
        Some(d("2027-01-10"))
    );

    assert!(
        wb.move_launch(Some(d("2027-02-15"))).is_empty(),
        "no move, nothing moved"
    );
    let cleared = wb.move_launch(None);
    assert_eq!(cleared.len(), 2);
    assert!(cleared.iter().all(|m| m.to.is_none()));
}

#[test]
fn moving_the_launch_settles_a_launch_conflict() {
    let mut wb = workbook();
    wb.conflicts.push(Conflict {
        field: "launch".into(),
        ours: "2027-02-01".into(),
        theirs: "2027-03-01".into(),
    });
    wb.move_launch(Some(d("2027-03-01")));
    assert!(wb.conflicts.is_empty());
}

#[test]
fn a_relative_due_anywhere_needs_the_new_format() {
    let mut wb = workbook();
    assert!(wb.has_relative_due());
    for i in wb.categories[0].items.iter_mut() {
        i.due = None;
    }
    assert!(!wb.has_relative_due());
    wb.categories[0].items[0].conflicts.push(Conflict {
        field: ItemField::Due.name().into(),
        ours: "2027-01-01".into(),
        theirs: "T-3".into(),
    });
    assert!(
        wb.has_relative_due(),
        "a conflict's value is put back as is"
    );
}

#[test]
fn a_relative_due_without_a_launch_is_never_overdue_and_is_warned_about() {
    let wb = workbook();
    let v = wb.verdict(d("2030-01-01"));
    let overdue: Vec<_> = v.overdue().map(|c| c.item.id.as_str()).collect();
    assert_eq!(overdue, ["ops.backups"]);
    let warned: Vec<_> = v
        .warnings
        .iter()
        .filter(|w| matches!(w, Warning::DueWithoutLaunch { .. }))
        .map(Warning::item_id)
        .collect();
    assert_eq!(warned, ["ops.runbooks", "ops.retro"]);
    assert_eq!(
        v.warnings
            .iter()
            .find(|w| w.item_id() == "ops.runbooks")
            .unwrap()
            .to_string(),
        "ops.runbooks: due T-14, but the workbook has no launch date"
    );
}

#[test]
fn a_relative_due_is_overdue_once_the_launch_puts_it_in_the_past() {
    let mut wb = workbook();
    wb.move_launch(Some(d("2027-02-01")));
    let overdue = |wb: &Workbook, as_of: &str| -> Vec<String> {
        let v = wb.verdict(d(as_of));
        v.overdue().map(|c| c.item.id.clone()).collect()
    };
    assert_eq!(
        overdue(&wb, "2027-01-18"),
        ["ops.backups"],
        "due today is not late"
    );
    assert_eq!(overdue(&wb, "2027-01-19"), ["ops.runbooks", "ops.backups"]);
    wb.move_launch(Some(d("2027-03-01")));
    assert_eq!(overdue(&wb, "2027-01-19"), ["ops.backups"]);
    assert!(wb.verdict(d("2027-01-19")).warnings.is_empty());
}

fn any_due() -> impl Strategy<Value = Due> {
    let max = MAX_LAUNCH_OFFSET_DAYS.cast_signed();
    prop_oneof![
        (-max..=max).prop_map(Due::FromLaunch),
        (0i32..3_000_000)
            .prop_map(|n| Due::On(NaiveDate::from_num_days_from_ce_opt(n + 1).unwrap())),
    ]
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (700_000i32..800_000).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

proptest! {
    #[test]
    fn every_due_round_trips_through_its_text(due in any_due(), launch in proptest::option::of(any_date())) {
        let text = due.to_string();
        prop_assert_eq!(text.parse::<Due>(), Ok(due));
        prop_assert_eq!(due.describe(launch).parse::<Due>(), Ok(due), "what people read reads back");
    }

    #[test]
    fn a_relative_due_resolves_for_any_launch(days in -10_000i32..=10_000, launch in any_date()) {
        let date = Due::FromLaunch(days).resolve(Some(launch)).unwrap();
        prop_assert_eq!((date - launch).num_days(), i64::from(days));
    }

    #[test]
    fn moving_the_launch_moves_exactly_the_relative_dues(
        dues in proptest::collection::vec(proptest::option::of(any_due()), 0..12),
        from in proptest::option::of(any_date()),
        to in any_date(),
    ) {
        let mut wb = Workbook::new("p");
        let c = wb.add_category("c");
        for (n, due) in dues.iter().enumerate() {
            let loc = wb.add_item(c, &format!("i{n}")).unwrap();
            wb.categories[loc.category].items[loc.item].due = *due;
        }
        wb.launch = from;
        let before: Vec<_> = wb.items().map(|(_, i)| wb.due_date(i)).collect();
        let moved = wb.move_launch(Some(to));
        let shift = from.map(|f| (to - f).num_days());
        for ((_, item), old) in wb.items().zip(before) {
            let new = wb.due_date(item);
            let reported = moved.iter().find(|m| m.id == item.id);
            match item.due {
                Some(Due::FromLaunch(_)) => {
                    prop_assert_eq!(new.map(|n| old.map(|o| (n - o).num_days())), Some(old.and(shift)));
                    prop_assert_eq!(reported.is_some(), old != new);
                }
                _ => {
                    prop_assert_eq!(new, old);
                    prop_assert!(reported.is_none());
                }
            }
        }
    }
}

#[test]
fn relaunch_reports_new_lapses_and_new_overdue_items_only() {
    use crate::model::{Mitigation, Status};
    let mut wb = workbook();
    wb.launch = Some(d("2027-02-01"));
    let mitigated = |until: &str| Mitigation {
        text: "manual failover".into(),
        accepted_by: "Bo".into(),
        until: Some(d(until)),
    };
    let c = 0;
    for (title, until) in [("Pentest", "2027-02-10"), ("Old", "2027-01-30")] {
        let loc = wb.add_item(c, title).unwrap();
        let item = &mut wb.categories[loc.category].items[loc.item];
        item.status = Status::Mitigated;
        item.mitigation = mitigated(until);
    }
    let report = wb.relaunch(Some(d("2027-02-15")), d("2027-01-25"));
    assert_eq!(
        (report.from, report.to),
        (Some(d("2027-02-01")), Some(d("2027-02-15")))
    );
    let lapsing: Vec<_> = report.lapsing.iter().map(Warning::item_id).collect();
    assert_eq!(
        lapsing,
        ["ops.pentest"],
        "ops.old lapsed before the move already"
    );
    assert_eq!(report.moved.len(), 2);
    assert!(
        report.overdue.is_empty(),
        "a later launch makes nothing late"
    );

    assert_eq!(
        report.summary(),
        "Launch moved to 2027-02-15: 2 due dates moved, 1 mitigation now lapses before launch."
    );

    let report = wb.relaunch(Some(d("2027-02-05")), d("2027-01-25"));
    assert_eq!(
        report.summary(),
        "Launch moved to 2027-02-05: 2 due dates moved, 1 item is now overdue."
    );
    assert_eq!(report.overdue, ["ops.runbooks"], "T-14 is now 2027-01-22");
    assert!(report.lapsing.is_empty());
}
