use super::*;
use crate::model::Due;

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
    i.due = Some(Due::On(today));
    assert!(!i.is_overdue(today, None), "due today is not yet overdue");
    i.due = Some(Due::On(d("2026-03-09")));
    assert!(i.is_overdue(today, None));
    i.due = Some(Due::FromLaunch(-1));
    assert!(!i.is_overdue(today, None), "no launch, no date");
    assert!(i.is_overdue(today, Some(today)), "the day before launch");
    i.status = Status::Done;
    assert!(
        !i.is_overdue(today, Some(today)),
        "a passing item is never overdue"
    );
}

#[test]
fn the_verdict_lists_exactly_the_overdue_items() {
    let today = d(TODAY);
    let late = Item {
        id: "late".into(),
        due: Some(Due::On(d("2026-03-09"))),
        ..item(Status::InProgress)
    };
    let due_today = Item {
        id: "today".into(),
        due: Some(Due::On(today)),
        ..item(Status::InProgress)
    };
    let done_late = Item {
        id: "done".into(),
        due: Some(Due::On(d("2026-03-09"))),
        ..item(Status::Done)
    };
    let wb = workbook(vec![late, due_today, done_late]);
    let v = wb.verdict(today);
    let overdue: Vec<_> = v.overdue().map(|c| c.item.id.as_str()).collect();
    assert_eq!(overdue, ["late"]);
}

#[test]
fn each_check_writes_its_due_for_people_absolute_relative_or_none() {
    let at = |id: &str, due| Item {
        id: id.into(),
        due,
        ..item(Status::InProgress)
    };
    let mut wb = workbook(vec![
        at("on", Some(Due::On(d("2026-03-09")))),
        at("rel", Some(Due::FromLaunch(-14))),
        at("none", None),
    ]);
    wb.launch = Some(d("2026-04-01"));
    let texts = |wb: &Workbook| -> Vec<String> {
        wb.verdict(d(TODAY))
            .checks
            .iter()
            .map(|c| c.due_text())
            .collect()
    };
    assert_eq!(texts(&wb), ["2026-03-09", "T-14 · 2026-03-18", ""]);
    wb.launch = None;
    assert_eq!(texts(&wb), ["2026-03-09", "T-14 (no launch date)", ""]);
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
