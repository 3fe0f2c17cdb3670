use super::history::{red_at_every_review, since_previous, trend};
use super::*;
use crate::model::{Mitigation, Status};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Three items: `a` done, `b` and `c` not started (red).
fn workbook() -> Workbook {
    let mut wb = Workbook::new("Payments");
    let c = wb.add_category("Ops");
    for title in ["A", "B", "C"] {
        wb.add_item(c, title);
    }
    wb.categories[0].items[0].status = Status::Done;
    wb
}

fn start(wb: &mut Workbook, title: &str, date: &str) -> usize {
    wb.start_review(ReviewStart {
        title: title.into(),
        date: d(date),
        attendees: vec![Attendee::parse("Ann:SRE"), Attendee::parse("Bo")],
    })
    .unwrap()
}

fn sign(decision: Decision) -> SignOff {
    SignOff {
        decision,
        conditions: String::new(),
        approvers: vec![Approver::parse("Cy:CTO", Some(d("2026-05-04")))],
    }
}

#[test]
fn starting_records_the_verdict_and_the_items() {
    let mut wb = workbook();
    assert_eq!(start(&mut wb, "  Q2 walkthrough ", "2026-05-04"), 0);
    let r = &wb.reviews[0];
    assert_eq!(r.id, "2026-05-04-q2-walkthrough");
    assert_eq!(r.title, "Q2 walkthrough");
    assert!(r.is_open());
    assert_eq!(wb.open_review(), Some(r));
    assert_eq!(
        r.before,
        Tally {
            red: 2,
            passing: 1,
            red_items: vec!["ops.b".into(), "ops.c".into()],
        }
    );
    assert_eq!(r.start.len(), 3);
    assert_eq!(r.start[0].fields["status"], "done");
    assert_eq!(r.start[0].fields["title"], "A");
    // Empty fields are left out.
    assert!(!r.start[0].fields.contains_key("owner"));
    assert_eq!(
        r.attendees,
        vec![
            Attendee {
                name: "Ann".into(),
                role: "SRE".into(),
                present: true
            },
            Attendee {
                name: "Bo".into(),
                role: String::new(),
                present: true
            },
        ]
    );
    assert!(r.changes_in(&wb).is_empty());
}

#[test]
fn one_review_open_at_a_time() {
    let mut wb = workbook();
    start(&mut wb, "First", "2026-05-04");
    let again = wb.start_review(ReviewStart {
        title: "Second".into(),
        date: d("2026-05-05"),
        attendees: Vec::new(),
    });
    assert_eq!(again, Err(ReviewError::AlreadyOpen("First".into())));
    wb.end_review(sign(Decision::Go)).unwrap();
    assert_eq!(wb.open_review(), None);
    assert_eq!(start(&mut wb, "Second", "2026-05-05"), 1);
}

#[test]
fn a_review_needs_a_title() {
    let mut wb = workbook();
    let r = wb.start_review(ReviewStart {
        title: "  ".into(),
        date: d("2026-05-04"),
        attendees: Vec::new(),
    });
    assert_eq!(r, Err(ReviewError::NoTitle));
    assert!(wb.reviews.is_empty());
}

#[test]
fn ending_records_what_changed_and_the_verdict_after() {
    let mut wb = workbook();
    start(&mut wb, "Q2", "2026-05-04");
    let b = wb.item_mut("ops.b").unwrap();
    b.status = Status::Mitigated;
    b.mitigation = Mitigation {
        text: "Manual".into(),
        accepted_by: "Cy".into(),
        until: Some(d("2026-06-01")),
    };
    wb.item_mut("ops.a").unwrap().owner = "Ann".into();
    let loc = wb.locate("ops.c").unwrap();
    wb.remove_item(loc);
    wb.add_item(0, "D");
    assert_eq!(wb.end_review(sign(Decision::Go)), Ok(0));
    let r = &wb.reviews[0];
    assert!(!r.is_open());
    assert!(r.start.is_empty(), "the snapshot is dropped");
    assert_eq!(r.decision(), Some(Decision::Go));
    assert_eq!(
        r.changed_items(),
        vec!["ops.a", "ops.b", "ops.d", "ops.c"],
        "file order, then the removed"
    );
    assert_eq!(
        r.changes[0].fields,
        vec![FieldChange {
            field: "owner".into(),
            before: String::new(),
            after: "Ann".into(),
        }]
    );
    let fields: Vec<(&str, &str, &str)> = r.changes[1]
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.before.as_str(), f.after.as_str()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("status", "not-started", "mitigated"),
            ("mitigation.text", "", "Manual"),
            ("mitigation.accepted_by", "", "Cy"),
            ("mitigation.until", "", "2026-06-01"),
        ]
    );
    // Added: every field from empty; removed: every field to empty, with
    // the title it had.
    assert_eq!(r.changes[2].title, "D");
    assert!(r.changes[2].fields.iter().all(|f| f.before.is_empty()));
    assert_eq!(r.changes[3].title, "C");
    assert!(r.changes[3].fields.iter().all(|f| f.after.is_empty()));
    assert_eq!(
        r.after,
        Some(Tally {
            red: 1,
            passing: 2,
            red_items: vec!["ops.d".into()],
        })
    );
    assert_eq!(r.outcome(), r.after.as_ref().unwrap());
    // An ended review's changes no longer follow the workbook.
    wb.item_mut("ops.a").unwrap().owner = "Bo".into();
    assert_eq!(wb.reviews[0].changes_in(&wb), wb.reviews[0].changes);
}

#[test]
fn ending_needs_an_open_review_and_conditions_for_a_conditional_go() {
    let mut wb = workbook();
    assert_eq!(
        wb.end_review(sign(Decision::NoGo)),
        Err(ReviewError::NoneOpen)
    );
    start(&mut wb, "Q2", "2026-05-04");
    let mut conditional = sign(Decision::GoWithConditions);
    conditional.conditions = " \n".into();
    assert_eq!(
        wb.end_review(conditional.clone()),
        Err(ReviewError::NoConditions)
    );
    assert!(wb.reviews[0].is_open());
    conditional.conditions = "Backups restored once".into();
    assert_eq!(wb.end_review(conditional), Ok(0));
    assert_eq!(wb.reviews[0].decision(), Some(Decision::GoWithConditions));
    assert_eq!(
        wb.end_review(sign(Decision::Go)),
        Err(ReviewError::NoneOpen)
    );
}

#[test]
fn actions_go_to_the_open_review_on_an_existing_item() {
    let mut wb = workbook();
    let action = ItemAction {
        item: "ops.b".into(),
        text: "Restore a backup".into(),
        owner: "Ann".into(),
        due: Some(d("2026-05-20")),
    };
    assert_eq!(wb.record_action(action.clone()), Err(ReviewError::NoneOpen));
    start(&mut wb, "Q2", "2026-05-04");
    let blank = ItemAction {
        text: " ".into(),
        ..action.clone()
    };
    assert_eq!(wb.record_action(blank), Err(ReviewError::NoText));
    let nowhere = ItemAction {
        item: "ops.zz".into(),
        ..action.clone()
    };
    assert_eq!(
        wb.record_action(nowhere),
        Err(ReviewError::NoItem("ops.zz".into()))
    );
    assert_eq!(wb.record_action(action.clone()), Ok(()));
    assert_eq!(wb.reviews[0].actions, vec![action]);
}

#[test]
fn attendance_is_set_by_name_ignoring_case() {
    let mut wb = workbook();
    assert_eq!(wb.set_attendance("Ann", false), Err(ReviewError::NoneOpen));
    start(&mut wb, "Q2", "2026-05-04");
    wb.set_attendance(" ann ", false).unwrap();
    assert!(!wb.reviews[0].attendees[0].present);
    assert!(wb.reviews[0].attendees[1].present);
    wb.set_attendance("ANN", true).unwrap();
    assert!(wb.reviews[0].attendees[0].present);
    assert_eq!(
        wb.set_attendance("Zed", false),
        Err(ReviewError::NoAttendee("Zed".into()))
    );
}

#[test]
fn reviews_stay_in_date_order_with_unique_ids() {
    let mut wb = workbook();
    start(&mut wb, "Later", "2026-06-01");
    wb.end_review(sign(Decision::NoGo)).unwrap();
    assert_eq!(start(&mut wb, "Later", "2026-05-01"), 0);
    wb.end_review(sign(Decision::NoGo)).unwrap();
    assert_eq!(
        start(&mut wb, "Later", "2026-06-01"),
        2,
        "after equal dates"
    );
    let ids: Vec<&str> = wb.reviews.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["2026-05-01-later", "2026-06-01-later", "2026-06-01-later-2"]
    );
    assert_eq!(
        wb.new_review_id(d("2026-06-01"), "Later"),
        "2026-06-01-later-3"
    );
    assert_eq!(
        wb.new_review_id(d("2026-06-01"), "李雷"),
        "2026-06-01-review"
    );
    assert_eq!(wb.validate(), Ok(()));
    wb.reviews[1].id = wb.reviews[0].id.clone();
    assert_eq!(
        wb.validate(),
        Err(crate::model::ModelError::DuplicateReviewId(
            "2026-05-01-later".into()
        ))
    );
    wb.reviews[1].id = " ".into();
    assert_eq!(
        wb.validate(),
        Err(crate::model::ModelError::EmptyReviewId("Later".into()))
    );
}

#[test]
fn decision_words_round_trip() {
    for d in Decision::ALL {
        assert_eq!(Decision::from_word(d.word()), Ok(d));
        assert_eq!(d.to_string(), d.word());
    }
    assert_eq!(
        Decision::from_word(" Go_With Conditions"),
        Ok(Decision::GoWithConditions)
    );
    assert_eq!(Decision::from_word("NO-GO"), Ok(Decision::NoGo));
    assert_eq!(
        Decision::from_word("maybe"),
        Err(ReviewError::UnknownDecision("maybe".into()))
    );
    assert_eq!(Decision::GoWithConditions.label(), "Go with conditions");
    assert_eq!(Decision::NoGo.label(), "No-go");
    assert_eq!(Decision::Go.label(), "Go");
}

#[test]
fn attendees_and_approvers_parse_name_and_role() {
    assert_eq!(
        Attendee::parse(" Zoë : Eng: lead "),
        Attendee {
            name: "Zoë".into(),
            role: "Eng: lead".into(),
            present: true,
        }
    );
    let a = Approver::parse("Cy", None);
    assert_eq!((a.name.as_str(), a.role.as_str(), a.date), ("Cy", "", None));
}

/// Reviews whose outcomes have these red items (of `a`..`e`, five items).
fn reviews_with(reds: &[&[&str]]) -> Vec<Review> {
    reds.iter()
        .enumerate()
        .map(|(n, red)| Review {
            id: format!("r{n}"),
            date: d("2026-01-01") + chrono::Duration::days(n as i64 * 30),
            title: format!("R{n}"),
            attendees: Vec::new(),
            before: Tally::default(),
            start: Vec::new(),
            actions: Vec::new(),
            changes: Vec::new(),
            after: Some(Tally {
                red: red.len(),
                passing: 5 - red.len(),
                red_items: red.iter().map(|s| (*s).to_owned()).collect(),
            }),
            sign_off: Some(sign(Decision::NoGo)),
        })
        .collect()
}

#[test]
fn trend_counts_each_reviews_outcome() {
    let mut reviews = reviews_with(&[&["a", "b", "c"], &["b"]]);
    reviews[1].sign_off = None;
    reviews[1].before = Tally {
        red: 4,
        passing: 1,
        red_items: Vec::new(),
    };
    reviews[1].after = None;
    let t = trend(&reviews);
    assert_eq!(
        t.iter()
            .map(|p| (p.title.as_str(), p.red, p.passing, p.decision))
            .collect::<Vec<_>>(),
        vec![("R0", 3, 2, Some(Decision::NoGo)), ("R1", 4, 1, None)]
    );
    assert_eq!(t[1].date, d("2026-01-31"));
}

#[test]
fn since_previous_sorts_items_into_passing_red_and_still_red() {
    let reviews = reviews_with(&[&["a", "b", "c"], &["c", "d", "b"]]);
    assert_eq!(since_previous(&reviews, 0), None);
    assert_eq!(since_previous(&reviews, 2), None);
    let s = since_previous(&reviews, 1).unwrap();
    assert_eq!(s.previous, "R0");
    assert_eq!(s.now_passing, vec!["a"]);
    assert_eq!(s.now_red, vec!["d"]);
    assert_eq!(s.still_red, vec!["c", "b"]);
    assert_eq!(s.red_delta, 0);
    let fewer = reviews_with(&[&["a", "b", "c"], &["c"]]);
    assert_eq!(since_previous(&fewer, 1).unwrap().red_delta, -2);
}

#[test]
fn red_at_every_review_is_red_in_each() {
    assert!(red_at_every_review(&[]).is_empty());
    let one = reviews_with(&[&["a", "b"]]);
    assert_eq!(red_at_every_review(&one), vec!["a", "b"]);
    let three = reviews_with(&[&["a", "b", "c"], &["c", "a"], &["e", "a", "c"]]);
    assert_eq!(red_at_every_review(&three), vec!["a", "c"]);
    let gap = reviews_with(&[&["a"], &[], &["a"]]);
    assert!(red_at_every_review(&gap).is_empty());
}

#[test]
fn review_fields_read_and_write_as_text() {
    let mut wb = workbook();
    start(&mut wb, "Q2", "2026-05-04");
    let id = wb.reviews[0].id.clone();
    let name = |f| review_field_name(&id, f);
    assert_eq!(wb.field(&name(ReviewField::Title)).as_deref(), Some("Q2"));
    assert_eq!(
        wb.field(&name(ReviewField::Date)).as_deref(),
        Some("2026-05-04")
    );
    assert_eq!(wb.field(&name(ReviewField::Decision)).as_deref(), Some(""));
    assert_eq!(
        wb.set_field(&name(ReviewField::Decision), "go"),
        Err(crate::model::FieldError::OpenReview)
    );
    wb.end_review(sign(Decision::NoGo)).unwrap();
    wb.set_field(&name(ReviewField::Decision), "go-with-conditions")
        .unwrap();
    wb.set_field(&name(ReviewField::Conditions), "Backups")
        .unwrap();
    assert_eq!(
        wb.field(&name(ReviewField::Conditions)).as_deref(),
        Some("Backups")
    );
    assert_eq!(wb.reviews[0].decision(), Some(Decision::GoWithConditions));
    assert_eq!(
        wb.set_field(&name(ReviewField::Decision), "perhaps"),
        Err(crate::model::FieldError::InvalidDecision("perhaps".into()))
    );
    assert_eq!(
        wb.set_field(&name(ReviewField::Title), " "),
        Err(crate::model::FieldError::Empty("review title"))
    );
    assert!(wb.set_field(&name(ReviewField::Date), "soon").is_err());
    wb.set_field(&name(ReviewField::Title), "Q2 final").unwrap();
    assert_eq!(wb.reviews[0].title, "Q2 final");
    assert_eq!(
        wb.set_field("review.nope.title", "x"),
        Err(crate::model::FieldError::NoReview("nope".into()))
    );
    assert_eq!(wb.field("review.nope.title"), None);
    assert_eq!(
        review_of_field("review.a.b.date"),
        Some(("a.b", ReviewField::Date))
    );
    assert_eq!(review_of_field("review.a.colour"), None);
    assert_eq!(review_of_field("category.a.title"), None);
}

#[test]
fn a_new_date_keeps_the_reviews_in_date_order() {
    let mut wb = workbook();
    start(&mut wb, "One", "2026-05-04");
    wb.end_review(sign(Decision::NoGo)).unwrap();
    start(&mut wb, "Two", "2026-06-04");
    let first = wb.reviews[0].id.clone();
    wb.set_field(&review_field_name(&first, ReviewField::Date), "2026-07-01")
        .unwrap();
    assert_eq!(wb.reviews[1].id, first);
    assert_eq!(wb.reviews[1].date, d("2026-07-01"));
}

#[test]
fn an_attendee_without_present_is_present_and_tallies_count_passing() {
    let a: Attendee = ron::from_str("(name: \"Ann\")").unwrap();
    assert!(a.present);
    assert_eq!(a.role, "");
    let wb = workbook();
    assert_eq!(
        Tally::of(&wb, d("2026-05-04")),
        Tally {
            red: 2,
            passing: 1,
            red_items: vec!["ops.b".into(), "ops.c".into()],
        }
    );
}

#[test]
fn review_field_kinds_and_copies() {
    use crate::model::FieldKind;
    assert_eq!(ReviewField::Title.kind(), FieldKind::Text);
    assert_eq!(ReviewField::Decision.kind(), FieldKind::Text);
    assert_eq!(ReviewField::Date.kind(), FieldKind::Date);
    assert_eq!(ReviewField::Conditions.kind(), FieldKind::Multiline);
    let mut wb = workbook();
    start(&mut wb, "Q2", "2026-05-04");
    let open = wb.reviews[0].clone();
    wb.end_review(SignOff {
        conditions: "Backups".into(),
        ..sign(Decision::GoWithConditions)
    })
    .unwrap();
    let ended = wb.reviews[0].clone();
    let mut to = ended.clone();
    to.sign_off.as_mut().unwrap().decision = Decision::NoGo;
    to.sign_off.as_mut().unwrap().conditions = String::new();
    ReviewField::Conditions.copy(&mut to, &ended);
    assert_eq!(to.sign_off.as_ref().unwrap().conditions, "Backups");
    assert_eq!(to.decision(), Some(Decision::NoGo), "one field at a time");
    ReviewField::Decision.copy(&mut to, &ended);
    assert_eq!(to.decision(), Some(Decision::GoWithConditions));
    // An open review has neither to copy from or into.
    let mut still_open = open.clone();
    ReviewField::Decision.copy(&mut still_open, &ended);
    assert_eq!(still_open, open);
    let mut title = open.clone();
    title.title = "Other".into();
    title.date = d("2026-01-01");
    ReviewField::Title.copy(&mut title, &open);
    assert_eq!(title.title, "Q2");
    assert_eq!(title.date, d("2026-01-01"));
    ReviewField::Date.copy(&mut title, &open);
    assert_eq!(title, open);
    assert_eq!(ReviewField::Conditions.get(&open), "");
    assert_eq!(ReviewField::Conditions.get(&ended), "Backups");
    assert_eq!(ReviewField::Decision.get(&ended), "go-with-conditions");
}

#[test]
fn passing_is_the_items_less_the_red_and_unnamed_attendees_are_dropped() {
    let mut wb = workbook();
    wb.item_mut("ops.b").unwrap().status = Status::Done;
    // 3 items, 1 red: 2 passing (not 3 / 1).
    assert_eq!(Tally::of(&wb, d("2026-05-04")).passing, 2);
    wb.start_review(ReviewStart {
        title: "Q2".into(),
        date: d("2026-05-04"),
        attendees: vec![Attendee::parse("  :Scribe"), Attendee::parse("Ann")],
    })
    .unwrap();
    let names: Vec<&str> = wb.reviews[0]
        .attendees
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names, vec!["Ann"]);
}

#[test]
fn a_review_reads_back_from_its_text_and_refuses_a_bad_date() {
    let mut wb = workbook();
    start(&mut wb, "Q2", "2026-05-04");
    wb.end_review(sign(Decision::Go)).unwrap();
    let text = ron::to_string(&wb.reviews[0]).unwrap();
    assert!(text.contains("date:\"2026-05-04\""), "{text}");
    let back: Review = ron::from_str(&text).unwrap();
    assert_eq!(back, wb.reviews[0]);
    let bad = text.replace("date:\"2026-05-04\"", "date:\"2026-02-30\"");
    let err = ron::from_str::<Review>(&bad).unwrap_err().to_string();
    assert!(err.contains("invalid date \"2026-02-30\""), "{err}");
}
