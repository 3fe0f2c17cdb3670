use chrono::NaiveDate;

use super::*;
use crate::model::{Category, Due, Interval, Item, Mitigation, Status, Workbook};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn item(id: &str, status: Status) -> Item {
    Item {
        id: id.to_owned(),
        title: id.to_uppercase(),
        status,
        ..Item::default()
    }
}

fn due(mut i: Item, on: NaiveDate) -> Item {
    i.due = Some(Due::On(on));
    i
}

fn mitigated(id: &str, until: NaiveDate) -> Item {
    Item {
        mitigation: Mitigation {
            text: "workaround".to_owned(),
            accepted_by: "CTO".to_owned(),
            until: Some(until),
        },
        ..item(id, Status::Mitigated)
    }
}

/// Launch 2026-04-01, as of 2026-03-10: one item of each kind, and some of
/// the same kind, in a file order that is not the agenda's.
fn workbook() -> Workbook {
    let mut wb = Workbook::new("Agenda");
    wb.launch = Some(day(4, 1));
    let recheck = Item {
        verified: Some(day(2, 20)),
        every: Some(Interval::Months(1)),
        ..item("h", Status::Done)
    };
    wb.categories.push(Category {
        id: "c".to_owned(),
        name: "C".to_owned(),
        items: vec![
            item("a", Status::Done),
            due(item("b", Status::InProgress), day(3, 1)),
            item("c", Status::NotStarted),
            mitigated("d", day(3, 20)),
            due(item("e", Status::InProgress), day(3, 8)),
        ],
    });
    wb.categories.push(Category {
        id: "k".to_owned(),
        name: "K".to_owned(),
        items: vec![
            mitigated("f", day(3, 15)),
            item("g", Status::NotStarted),
            recheck,
            // Due later: red but not overdue.
            due(item("i", Status::NotStarted), day(3, 30)),
            mitigated("j", day(6, 1)),
        ],
    });
    wb
}

fn ids(wb: &Workbook, agenda: &Agenda) -> Vec<String> {
    let verdict = wb.verdict(day(3, 10));
    agenda
        .entries
        .iter()
        .map(|e| verdict.checks[e.check].item.id.clone())
        .collect()
}

#[test]
fn overdue_first_longest_first_then_red_then_lapsing_soonest_first_then_rechecks() {
    let wb = workbook();
    let agenda = Agenda::of(&wb.verdict(day(3, 10)));
    assert_eq!(
        ids(&wb, &agenda),
        ["b", "e", "c", "g", "i", "f", "d", "h"],
        "{agenda:#?}"
    );
    let numbers: Vec<usize> = agenda.entries.iter().map(|e| e.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7, 8]);
    // a and j pass and nothing about them lapses before launch.
    assert_eq!(agenda.passing(), 2);
}

#[test]
fn each_item_says_why_it_is_on_the_agenda() {
    let wb = workbook();
    let agenda = Agenda::of(&wb.verdict(day(3, 10)));
    let markers = |check: usize| agenda.entry(check).map(|e| e.markers.clone());
    assert_eq!(markers(0), None, "a passes");
    assert_eq!(
        markers(1).unwrap(),
        [
            Marker::Overdue { days: 9 },
            Marker::Red(RedReason::NotDone(Status::InProgress))
        ]
    );
    assert_eq!(
        markers(2).unwrap(),
        [Marker::Red(RedReason::NotDone(Status::NotStarted))]
    );
    assert_eq!(
        markers(3).unwrap(),
        [Marker::Lapses {
            until: day(3, 20),
            launch: day(4, 1)
        }]
    );
    assert_eq!(
        markers(7).unwrap(),
        [Marker::RecheckDue { due: day(3, 20) }]
    );
    assert_eq!(agenda.entry(1).unwrap().number, 1);
    assert_eq!(agenda.entry(3).unwrap().number, 7);
    assert_eq!(markers(9), None, "j lapses after launch");
    assert_eq!(markers(99), None);
}

#[test]
fn markers_read_as_printed() {
    assert_eq!(Marker::Overdue { days: 1 }.text(), "OVERDUE by 1 day");
    assert_eq!(Marker::Overdue { days: 12 }.text(), "OVERDUE by 12 days");
    assert_eq!(
        Marker::Red(RedReason::ReasonMissing).text(),
        "Red: not applicable, but no reason is written"
    );
    assert_eq!(
        Marker::Lapses {
            until: day(3, 20),
            launch: day(4, 1)
        }
        .text(),
        "Mitigation lapses before launch: accepted until 2026-03-20, launch 2026-04-01"
    );
    assert_eq!(
        Marker::RecheckDue { due: day(3, 20) }.text(),
        "Re-check due by 2026-03-20"
    );
    assert!(Marker::Overdue { days: 1 }.blocks());
    assert!(Marker::Red(RedReason::Conflict).blocks());
    assert!(
        !Marker::Lapses {
            until: day(3, 20),
            launch: day(4, 1)
        }
        .blocks()
    );
    assert!(!Marker::RecheckDue { due: day(3, 20) }.blocks());
}

#[test]
fn an_empty_or_all_passing_workbook_has_an_empty_agenda() {
    let wb = Workbook::new("Empty");
    let agenda = Agenda::of(&wb.verdict(day(3, 10)));
    assert!(agenda.entries.is_empty());
    assert_eq!(agenda.passing(), 0);
    let mut wb = Workbook::new("Done");
    wb.categories.push(Category {
        id: "c".to_owned(),
        name: "C".to_owned(),
        items: vec![item("a", Status::Done), item("b", Status::Done)],
    });
    let agenda = Agenda::of(&wb.verdict(day(3, 10)));
    assert!(agenda.entries.is_empty());
    assert_eq!(agenda.passing(), 2);
}

#[test]
fn a_due_without_launch_is_no_reason_of_its_own() {
    let mut wb = Workbook::new("No launch");
    let mut open = item("a", Status::NotStarted);
    open.due = Some(Due::FromLaunch(-14));
    wb.categories.push(Category {
        id: "c".to_owned(),
        name: "C".to_owned(),
        items: vec![open],
    });
    let agenda = Agenda::of(&wb.verdict(day(3, 10)));
    assert_eq!(
        agenda.entries[0].markers,
        [Marker::Red(RedReason::NotDone(Status::NotStarted))]
    );
}
