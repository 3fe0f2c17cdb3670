//! Reviews merge by ID: both sides' new reviews kept in date order, one
//! review edited on both sides merged by field, clashes recorded as
//! `review.ID.FIELD` workbook conflicts and resolvable like any other.

use super::*;
use crate::model::review::{ReviewField, review_field_name};
use crate::model::{Approver, Attendee, Decision, ItemAction, ReviewStart, SignOff};

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn started(wb: &Workbook, title: &str, date: &str) -> Workbook {
    let mut wb = wb.clone();
    wb.start_review(ReviewStart {
        title: title.into(),
        date: d(date),
        attendees: vec![Attendee::parse("Ann:SRE"), Attendee::parse("Bo:Dev")],
    })
    .unwrap();
    wb
}

fn ended(wb: &Workbook, decision: Decision, conditions: &str) -> Workbook {
    let mut wb = wb.clone();
    wb.end_review(SignOff {
        decision,
        conditions: conditions.into(),
        approvers: vec![Approver::parse("Cy:CTO", None)],
    })
    .unwrap();
    wb
}

fn titles(wb: &Workbook) -> Vec<&str> {
    wb.reviews.iter().map(|r| r.title.as_str()).collect()
}

#[test]
fn reviews_both_sides_added_are_kept_in_date_order() {
    let base = base();
    let ours = ended(&started(&base, "Later", "2026-06-01"), Decision::Go, "");
    let theirs = ended(&started(&base, "Earlier", "2026-05-01"), Decision::NoGo, "");
    let m = merge(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(titles(&m.workbook), vec!["Earlier", "Later"]);
    assert!(m.notes.is_empty());
    // And the other way round.
    let m = merge(&base, &theirs, &ours);
    assert_eq!(titles(&m.workbook), vec!["Earlier", "Later"]);
}

#[test]
fn two_open_reviews_after_a_merge_are_noted() {
    let base = base();
    let ours = started(&base, "Ours", "2026-06-01");
    let theirs = started(&base, "Theirs", "2026-05-01");
    let m = merge(&base, &ours, &theirs);
    assert!(m.is_clean());
    assert_eq!(m.notes.len(), 1, "{:?}", m.notes);
    assert!(m.notes[0].contains("more than one is open"));
    // The latest is the one to end.
    assert_eq!(m.workbook.open_review().unwrap().title, "Ours");
}

#[test]
fn a_review_ended_on_one_side_and_annotated_on_the_other_keeps_both() {
    let base = started(&base(), "Q2", "2026-05-04");
    let ours = ended(&base, Decision::GoWithConditions, "Backups");
    let mut theirs = base.clone();
    theirs
        .record_action(ItemAction {
            item: "reliability.slos".into(),
            text: "Publish the SLOs".into(),
            ..ItemAction::default()
        })
        .unwrap();
    theirs.set_attendance("Bo", false).unwrap();
    for (o, t) in [(&ours, &theirs), (&theirs, &ours)] {
        let m = merge(&base, o, t);
        assert!(m.is_clean(), "{:?}", m.conflicts);
        let r = &m.workbook.reviews[0];
        assert_eq!(r.decision(), Some(Decision::GoWithConditions));
        assert_eq!(r.sign_off.as_ref().unwrap().conditions, "Backups");
        assert_eq!(r.actions.len(), 1);
        assert!(!r.attendees[1].present);
        assert_eq!(r.attendees.len(), 2);
        assert!(r.start.is_empty());
        assert!(r.after.is_some());
    }
}

#[test]
fn one_review_edited_on_both_sides_merges_by_field() {
    let base = ended(&started(&base(), "Q2", "2026-05-04"), Decision::NoGo, "");
    let id = base.reviews[0].id.clone();
    let mut ours = base.clone();
    ours.set_field(
        &review_field_name(&id, ReviewField::Title),
        "Q2 walkthrough",
    )
    .unwrap();
    ours.reviews[0]
        .sign_off
        .as_mut()
        .unwrap()
        .approvers
        .push(Approver::parse("Di", None));
    let mut theirs = base.clone();
    theirs
        .set_field(&review_field_name(&id, ReviewField::Decision), "go")
        .unwrap();
    theirs.reviews[0]
        .sign_off
        .as_mut()
        .unwrap()
        .approvers
        .push(Approver::parse("Ed", None));
    let m = merge(&base, &ours, &theirs);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    let r = &m.workbook.reviews[0];
    assert_eq!(r.title, "Q2 walkthrough");
    assert_eq!(r.decision(), Some(Decision::Go));
    let names: Vec<&str> = r
        .sign_off
        .as_ref()
        .unwrap()
        .approvers
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names, vec!["Cy", "Di", "Ed"]);
}

#[test]
fn review_fields_set_differently_conflict_and_resolve() {
    let base = ended(&started(&base(), "Q2", "2026-05-04"), Decision::NoGo, "");
    let id = base.reviews[0].id.clone();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    for field in ReviewField::ALL {
        let name = review_field_name(&id, field);
        let (o, t) = match field {
            ReviewField::Date => ("2026-05-05", "2026-05-06"),
            ReviewField::Decision => ("go", "go-with-conditions"),
            _ => ("ours", "theirs"),
        };
        ours.set_field(&name, o).unwrap();
        theirs.set_field(&name, t).unwrap();
    }
    let m = merge(&base, &ours, &theirs);
    let fields: Vec<&str> = m.conflicts.iter().map(|c| c.field.as_str()).collect();
    let expected: Vec<String> = ReviewField::ALL
        .iter()
        .map(|f| review_field_name(&id, *f))
        .collect();
    assert_eq!(fields, expected);
    assert!(m.conflicts.iter().all(|c| c.item.is_none()));
    let mut wb = m.workbook;
    assert_eq!(wb.reviews[0], ours.reviews[0], "ours kept");
    assert_eq!(wb.conflicts.len(), 4);
    assert!(!wb.verdict(d("2026-05-04")).ready());
    assert_eq!(
        ConflictField::parse(&expected[1], false),
        ConflictField::Review(&id, ReviewField::Date)
    );
    assert_eq!(
        ConflictField::Review(&id, ReviewField::Date).kind(),
        FieldKind::Date
    );
    wb.resolve_all(&Resolution::Theirs).unwrap();
    assert!(wb.conflicts.is_empty());
    let r = &wb.reviews[0];
    assert_eq!(r.title, "theirs");
    assert_eq!(r.date, d("2026-05-06"));
    assert_eq!(r.decision(), Some(Decision::GoWithConditions));
    assert_eq!(r.sign_off.as_ref().unwrap().conditions, "theirs");
}

#[test]
fn a_review_removed_on_one_side_goes_unless_the_other_changed_it() {
    let base = ended(&started(&base(), "Q2", "2026-05-04"), Decision::NoGo, "");
    let mut removed = base.clone();
    removed.reviews.clear();
    let m = merge(&base, &base, &removed);
    assert!(m.workbook.reviews.is_empty());
    let mut edited = base.clone();
    edited.reviews[0].title = "Q2 renamed".into();
    let m = merge(&base, &removed, &edited);
    assert_eq!(titles(&m.workbook), vec!["Q2 renamed"]);
    assert_eq!(m.notes.len(), 1);
    assert!(m.notes[0].contains("removed on one side"));
}

#[test]
fn the_same_review_started_on_both_sides_is_one() {
    let base = base();
    let ours = started(&base, "Q2", "2026-05-04");
    let mut theirs = started(&base, "Q2", "2026-05-04");
    theirs.reviews[0]
        .attendees
        .push(Attendee::parse("ann:Lead"));
    theirs.reviews[0].attendees.push(Attendee::parse("Cy"));
    let m = merge(&base, &ours, &theirs);
    assert!(m.is_clean());
    let r = &m.workbook.reviews[0];
    assert_eq!(m.workbook.reviews.len(), 1);
    let names: Vec<&str> = r.attendees.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, vec!["Ann", "Bo", "Cy"], "Ann once, ours");
    assert_eq!(r.attendees[0].role, "SRE");
    assert!(m.notes.is_empty(), "one open review: nothing to note");
}

#[test]
fn the_same_review_started_on_both_sides_keeps_what_only_ours_has() {
    let base = base();
    let mut ours = started(&base, "Q2", "2026-05-04");
    ours.reviews[0].attendees.push(Attendee::parse("Di"));
    ours.record_action(ItemAction {
        item: "reliability.slos".into(),
        text: "Ours".into(),
        ..ItemAction::default()
    })
    .unwrap();
    // Theirs started after an edit: another snapshot of the items.
    let mut theirs = base.clone();
    theirs.item_mut("reliability.slos").unwrap().owner = "Bo".into();
    let theirs = started(&theirs, "Q2", "2026-05-04");
    let m = merge(&base, &ours, &theirs);
    let r = &m.workbook.reviews[0];
    let names: Vec<&str> = r.attendees.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, vec!["Ann", "Bo", "Di"]);
    assert_eq!(r.actions.len(), 1);
    assert_eq!(r.start, ours.reviews[0].start, "ours, not theirs");
    assert_ne!(r.start, theirs.reviews[0].start);
}

#[test]
fn conditions_changed_on_one_side_are_taken() {
    let base = ended(
        &started(&base(), "Q2", "2026-05-04"),
        Decision::GoWithConditions,
        "A",
    );
    let id = base.reviews[0].id.clone();
    let mut theirs = base.clone();
    theirs
        .set_field(&review_field_name(&id, ReviewField::Conditions), "B")
        .unwrap();
    let m = merge(&base, &base, &theirs);
    assert!(m.is_clean());
    assert_eq!(
        m.workbook.reviews[0].sign_off.as_ref().unwrap().conditions,
        "B"
    );
    let m = merge(&base, &theirs, &base);
    assert_eq!(
        m.workbook.reviews[0].sign_off.as_ref().unwrap().conditions,
        "B"
    );
}

#[test]
fn both_sides_ending_the_same_review_keep_our_record_and_merge_approvers() {
    let base = started(&base(), "Q2", "2026-05-04");
    let mut ours = base.clone();
    ours.item_mut("reliability.slos").unwrap().owner = "Ann".into();
    let ours = ended(&ours, Decision::NoGo, "");
    let mut theirs = base.clone();
    theirs.item_mut("reliability.backups").unwrap().owner = "Bo".into();
    let mut theirs = ended(&theirs, Decision::NoGo, "");
    theirs.reviews[0].sign_off.as_mut().unwrap().approvers = vec![Approver::parse("Di", None)];
    let m = merge(&base, &ours, &theirs);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    let r = &m.workbook.reviews[0];
    assert_eq!(r.changed_items(), vec!["reliability.slos"], "ours");
    assert_eq!(r.after, ours.reviews[0].after);
    assert!(r.start.is_empty());
    let names: Vec<&str> = r
        .sign_off
        .as_ref()
        .unwrap()
        .approvers
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    // No sign-off in the base: each side's approvers are additions.
    assert_eq!(names, vec!["Cy", "Di"]);
}
