use std::path::Path;

use super::*;
use crate::model::{Category, Due, Interval, Item, Mitigation, Status};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-03-10";

fn item(id: &str, status: Status, owner: &str) -> Item {
    Item {
        id: id.into(),
        title: format!("Title of {id}"),
        status,
        owner: owner.into(),
        ..Item::default()
    }
}

fn workbook(project: &str, launch: Option<&str>, items: Vec<Item>) -> Workbook {
    let mut wb = Workbook::new(project);
    wb.launch = launch.map(d);
    wb.categories.push(Category {
        id: "c".into(),
        name: "C".into(),
        items,
    });
    wb
}

/// A workbook with `red` open items and the rest done.
fn with_red(project: &str, launch: Option<&str>, red: usize) -> Workbook {
    let mut items: Vec<Item> = (0..red)
        .map(|i| item(&format!("r{i}"), Status::NotStarted, ""))
        .collect();
    items.push(item("ok", Status::Done, ""));
    workbook(project, launch, items)
}

fn unreadable(message: &str) -> Unreadable {
    Unreadable {
        message: message.into(),
        position: Some((3, 7)),
    }
}

fn paths(rows: &[Row]) -> Vec<String> {
    rows.iter().map(|r| r.path.display().to_string()).collect()
}

#[test]
fn summary_counts_red_overdue_recheck_and_lapsing_as_the_verdict_does() {
    let mut late = item("late", Status::InProgress, "Ana");
    late.due = Some(Due::On(d("2026-03-01")));
    let mut open = item("open", Status::NotStarted, "Bo");
    open.due = Some(Due::On(d("2026-04-01")));
    let mut lapsing = item("lapsing", Status::Mitigated, "Ana");
    lapsing.mitigation = Mitigation {
        text: "manual".into(),
        accepted_by: "Cy".into(),
        until: Some(d("2026-03-20")),
    };
    let mut stale = item("stale", Status::Done, "Ana");
    stale.every = Some(Interval::Days(30));
    stale.verified = Some(d("2026-01-01"));
    let mut soon = item("soon", Status::Done, "ana ");
    soon.every = Some(Interval::Days(30));
    soon.verified = Some(d("2026-02-15"));
    let wb = workbook(
        "Payments",
        Some("2026-04-10"),
        vec![
            late,
            open,
            lapsing,
            stale,
            soon,
            item("fine", Status::Done, "Ana"),
        ],
    );
    let s = Summary::of(&wb, d(TODAY));
    assert_eq!(s.project, "Payments");
    assert!(!s.ready);
    assert_eq!(s.headline, "Demo-ready: 3 red");
    assert_eq!(s.items, 6);
    assert_eq!((s.red, s.overdue, s.recheck_due, s.lapsing), (3, 1, 2, 1));
    assert_eq!(s.launch, Some(d("2026-04-10")));
    assert_eq!(s.days_to_launch, Some(31));
    assert_eq!(s.review, Some(d("2026-03-13")));
    let owed: Vec<(&str, &str, bool, bool)> = s
        .owed
        .iter()
        .map(|o| (o.id.as_str(), o.owner.as_str(), o.red, o.overdue))
        .collect();
    assert_eq!(
        owed,
        [
            ("late", "Ana", true, true),
            ("open", "Bo", true, false),
            ("stale", "Ana", true, false),
            ("soon", "ana", false, false),
        ]
    );
    assert_eq!(s.owed[0].reason, "in progress without a mitigation");
    assert_eq!(s.owed[0].due, Some(d("2026-03-01")));
    assert!(
        s.owed[2].reason.starts_with("re-check overdue"),
        "{}",
        s.owed[2].reason
    );
    // The re-check's own date, in check's words without the ID.
    assert_eq!(s.owed[3].due, Some(d("2026-03-17")));
    assert_eq!(
        s.owed[3].reason,
        "re-check due by 2026-03-17, before launch on 2026-04-10"
    );
}

#[test]
fn a_ready_workbook_owes_nothing() {
    let wb = workbook("Ok", None, vec![item("a", Status::Done, "Ana")]);
    let s = Summary::of(&wb, d(TODAY));
    assert!(s.ready);
    assert_eq!(s.headline, "Production-ready");
    assert!(s.owed.is_empty());
    assert_eq!((s.launch, s.days_to_launch, s.review), (None, None, None));
}

#[test]
fn most_urgent_first_unreadable_then_not_ready_by_launch_then_red_then_ready() {
    let today = d(TODAY);
    let wbs = [
        ("ready-soon", with_red("A", Some("2026-03-20"), 0)),
        ("late-launch", with_red("B", Some("2026-09-01"), 5)),
        ("no-launch", with_red("C", None, 9)),
        ("soon-1-red", with_red("D", Some("2026-04-01"), 1)),
        ("soon-3-red", with_red("E", Some("2026-04-01"), 3)),
        ("launched", with_red("F", Some("2026-03-01"), 1)),
        ("ready-none", with_red("G", None, 0)),
    ];
    let mut sources: Vec<(PathBuf, Result<&Workbook, Unreadable>)> = wbs
        .iter()
        .map(|(p, wb)| (PathBuf::from(p), Ok(wb)))
        .collect();
    sources.push(("broken".into(), Err(unreadable("bad"))));
    let rows = rows(sources, today);
    assert_eq!(
        paths(&rows),
        [
            "broken",
            "launched",
            "soon-3-red",
            "soon-1-red",
            "late-launch",
            "no-launch",
            "ready-soon",
            "ready-none",
        ]
    );
}

#[test]
fn urgency_ties_go_to_overdue_then_path() {
    let today = d(TODAY);
    let mut late = item("late", Status::NotStarted, "");
    late.due = Some(Due::On(d("2026-01-01")));
    let overdue = workbook("X", Some("2026-05-01"), vec![late]);
    let plain = workbook(
        "X",
        Some("2026-05-01"),
        vec![item("a", Status::NotStarted, "")],
    );
    let rows = rows(
        [
            (PathBuf::from("b-plain"), Ok(&plain)),
            (PathBuf::from("a-plain"), Ok(&plain)),
            (PathBuf::from("z-overdue"), Ok(&overdue)),
        ],
        today,
    );
    assert_eq!(paths(&rows), ["z-overdue", "a-plain", "b-plain"]);
    assert_eq!(urgency(&rows[1], &rows[1]), Ordering::Equal);
}

#[test]
fn sorting_by_a_column_keeps_unreadable_rows_first_and_can_reverse() {
    let today = d(TODAY);
    let one = with_red("beta", Some("2026-05-01"), 1);
    let two = with_red("Alpha", Some("2026-04-01"), 2);
    let none = with_red("gamma", None, 0);
    let mut rows = rows(
        [
            (PathBuf::from("1"), Ok(&one)),
            (PathBuf::from("2"), Ok(&two)),
            (PathBuf::from("3"), Ok(&none)),
            (PathBuf::from("x"), Err(unreadable("bad"))),
        ],
        today,
    );
    sort(&mut rows, Some((Column::Project, false)));
    assert_eq!(paths(&rows), ["x", "2", "1", "3"], "case-insensitive");
    sort(&mut rows, Some((Column::Project, true)));
    assert_eq!(paths(&rows), ["x", "3", "1", "2"]);
    sort(&mut rows, Some((Column::Red, true)));
    assert_eq!(paths(&rows), ["x", "2", "1", "3"]);
    sort(&mut rows, Some((Column::Launch, false)));
    assert_eq!(paths(&rows), ["x", "2", "1", "3"], "no launch date last");
    sort(&mut rows, Some((Column::Verdict, true)));
    assert_eq!(
        paths(&rows),
        ["x", "3", "2", "1"],
        "ready first, then urgency"
    );
    sort(&mut rows, Some((Column::Path, true)));
    assert_eq!(paths(&rows), ["x", "3", "2", "1"]);
    sort(&mut rows, None);
    assert_eq!(paths(&rows), ["x", "2", "1", "3"]);
}

#[test]
fn every_column_orders_by_its_own_value() {
    let today = d(TODAY);
    let mut small = with_red("a", Some("2026-04-01"), 0);
    small.review = Some(d("2026-03-01"));
    let mut big = with_red("b", Some("2026-05-01"), 2);
    let mut late = item("late", Status::NotStarted, "");
    late.due = Some(Due::On(d("2026-01-01")));
    let mut lapse = item("lapse", Status::Mitigated, "");
    lapse.mitigation = Mitigation {
        text: "m".into(),
        accepted_by: "n".into(),
        until: Some(d("2026-04-02")),
    };
    let mut soon = item("soon", Status::Done, "");
    soon.every = Some(Interval::Days(10));
    soon.verified = Some(d("2026-03-05"));
    big.categories[0].items.extend([late, lapse, soon]);
    let rows = rows(
        [
            (PathBuf::from("small"), Ok(&small)),
            (PathBuf::from("big"), Ok(&big)),
        ],
        today,
    );
    let (s, b) = if rows[0].path == Path::new("small") {
        (&rows[0], &rows[1])
    } else {
        (&rows[1], &rows[0])
    };
    for column in Column::ALL {
        let expected = match column {
            // Ready sorts after not ready; "small" after "big".
            Column::Verdict | Column::Path => Ordering::Greater,
            _ => Ordering::Less,
        };
        assert_eq!(column.compare(s, b), expected, "{column:?}");
        assert_eq!(column.compare(b, s), expected.reverse(), "{column:?}");
    }
}

#[test]
fn cells_show_the_summary() {
    let today = d(TODAY);
    let wb = with_red("Payments", Some("2026-04-09"), 2);
    let s = Summary::of(&wb, today);
    let cells: Vec<String> = Column::ALL.iter().map(|c| c.cell(&s)).collect();
    assert_eq!(
        cells,
        [
            "Payments",
            "demo-ready",
            "2",
            "0",
            "0",
            "0",
            "2026-04-09 T-30",
            "2026-03-12",
            ""
        ]
    );
    let launched = Summary::of(&with_red("Old", Some("2026-03-05"), 0), today);
    assert_eq!(Column::Launch.cell(&launched), "2026-03-05 T+5");
    assert_eq!(Column::Verdict.cell(&launched), "production-ready");
    assert_eq!(
        Column::Launch.cell(&Summary::of(&with_red("N", None, 0), today)),
        ""
    );
    assert!(Column::Red.numeric() && !Column::Project.numeric());
    assert!(Column::ALL.iter().all(|c| !c.help().is_empty()));
}

#[test]
fn owed_by_lists_one_persons_items_across_workbooks_most_urgent_first() {
    let today = d(TODAY);
    let mut a_late = item("a.late", Status::NotStarted, "Ana");
    a_late.due = Some(Due::On(d("2026-03-01")));
    let mut a_undated = item("a.undated", Status::NotStarted, " ana ");
    a_undated.due = None;
    let a_other = item("a.bo", Status::NotStarted, "Bo");
    let a_done = item("a.done", Status::Done, "Ana");
    let svc_a = workbook("A", None, vec![a_undated, a_late, a_other, a_done]);
    let mut b_soon = item("b.recheck", Status::Done, "ANA");
    b_soon.every = Some(Interval::Days(30));
    b_soon.verified = Some(d("2026-02-10"));
    let mut b_red = item("b.red", Status::InProgress, "Ana");
    b_red.due = Some(Due::On(d("2026-03-12")));
    let svc_b = workbook("B", None, vec![b_soon, b_red]);
    let rows = rows(
        [
            (PathBuf::from("a"), Ok(&svc_a)),
            (PathBuf::from("b"), Ok(&svc_b)),
            (PathBuf::from("c"), Err(unreadable("bad"))),
        ],
        today,
    );
    let owed: Vec<(String, &str)> = owed_by(&rows, "ana")
        .iter()
        .map(|(row, o)| (row.path.display().to_string(), o.id.as_str()))
        .collect();
    assert_eq!(
        owed,
        [
            ("a".to_owned(), "a.late"),
            // Same day: red before a re-check that falls due.
            ("b".to_owned(), "b.red"),
            ("b".to_owned(), "b.recheck"),
            ("a".to_owned(), "a.undated"),
        ]
    );
    assert!(owed_by(&rows, "Nobody").is_empty());
    assert_eq!(owed_by(&rows, "bo").len(), 1);
    assert_eq!(owners(&rows), ["Ana", "Bo"]);
}

#[test]
fn same_owner_ignores_case_and_blanks_but_not_other_names() {
    assert!(same_owner(" Ana ", "ana"));
    // `status --owner "zoë łukasz"` once found nothing of Zoë Łukasz's.
    assert!(same_owner("Zoë Łukasz", "zoë łukasz"));
    assert!(!same_owner("Anna", "Ana"));
    assert!(!same_owner("", "Ana"));
}

#[test]
fn a_row_is_ready_only_when_readable_and_ready() {
    let today = d(TODAY);
    let ok = with_red("A", None, 0);
    let red = with_red("B", None, 1);
    assert!(Row::new("a".into(), Ok(&ok), today).ready());
    assert!(!Row::new("b".into(), Ok(&red), today).ready());
    assert!(!Row::new("c".into(), Err(unreadable("x")), today).ready());
}

/// A mutant that took the first re-check warning for every item survived.
#[test]
fn each_recheck_due_gives_its_own_date() {
    let mut items = Vec::new();
    for (id, verified) in [("first", "2026-02-15"), ("second", "2026-02-20")] {
        let mut i = item(id, Status::Done, "Ana");
        i.every = Some(Interval::Days(30));
        i.verified = Some(d(verified));
        items.push(i);
    }
    let s = Summary::of(&workbook("P", None, items), d(TODAY));
    let reasons: Vec<&str> = s.owed.iter().map(|o| o.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "re-check due by 2026-03-17, within 14 days",
            "re-check due by 2026-03-22, within 14 days"
        ]
    );
}
