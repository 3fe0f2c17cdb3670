//! Resolving recorded conflicts, and conflicts that outlive a merge.

use super::*;

#[test]
fn resolving_picks_ours_theirs_or_a_value() {
    let b = base();
    let o = edit(&b, "reliability.slos", |i| {
        i.owner = "Ann".into();
        i.due = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).map(crate::model::Due::On);
        i.status = Status::InProgress;
    });
    let t = edit(&b, "reliability.slos", |i| {
        i.owner = "Bo".into();
        i.due = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).map(crate::model::Due::On);
        i.status = Status::Done;
    });
    let mut wb = merge(&b, &o, &t).workbook;
    let entries = wb.conflict_entries();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0].item_title, "SLOs published");
    assert_eq!(entries[0].category, "Reliability");

    wb.resolve_conflict("reliability.slos", "owner", &Resolution::Theirs)
        .unwrap();
    wb.resolve_conflict("reliability.slos", "status", &Resolution::Ours)
        .unwrap();
    let bad = wb.resolve_conflict("reliability.slos", "due", &Resolution::Value("soon".into()));
    assert!(matches!(
        bad,
        Err(ResolveError::Field(FieldError::InvalidDue(_)))
    ));
    assert_eq!(
        wb.conflict_entries().len(),
        1,
        "a failed resolution changes nothing"
    );
    wb.resolve_conflict(
        "reliability.slos",
        "due",
        &Resolution::Value("2026-05-20".into()),
    )
    .unwrap();
    let i = item(&wb, "reliability.slos");
    assert_eq!((i.owner.as_str(), i.status), ("Bo", Status::InProgress));
    assert_eq!(
        i.due,
        chrono::NaiveDate::from_ymd_opt(2026, 5, 20).map(crate::model::Due::On)
    );
    assert!(i.conflicts.is_empty());
    assert!(matches!(
        wb.resolve_conflict("reliability.slos", "owner", &Resolution::Ours),
        Err(ResolveError::NoConflict { .. })
    ));
    assert!(matches!(
        wb.resolve_conflict("nope", "owner", &Resolution::Ours),
        Err(ResolveError::NoItem(_))
    ));
}

#[test]
fn setting_a_field_clears_its_conflict_and_resolve_all_clears_every_one() {
    let b = base();
    let o = edit(&b, "reliability.slos", |i| i.owner = "Ann".into());
    let t = edit(&b, "reliability.slos", |i| i.owner = "Bo".into());
    let mut wb = merge(&b, &o, &t).workbook;
    wb.set_item_field("reliability.slos", "owner", "Cy")
        .unwrap();
    assert_eq!(wb.conflict_count(), 0);
    assert_eq!(item(&wb, "reliability.slos").owner, "Cy");

    let o2 = edit(&b, "security.secrets", |i| i.owner = "x".into());
    let t2 = edit(&b, "security.secrets", |i| i.owner = "y".into());
    let mut wb = merge(&b, &o2, &t2).workbook;
    assert_eq!(wb.resolve_all(&Resolution::Theirs).unwrap(), 1);
    assert_eq!(item(&wb, "security.secrets").owner, "y");
    assert_eq!(wb.conflict_count(), 0);
}

#[test]
fn a_conflict_resolved_on_one_side_stays_resolved() {
    let b = base();
    let o = edit(&b, "reliability.slos", |i| i.owner = "Ann".into());
    let t = edit(&b, "reliability.slos", |i| i.owner = "Bo".into());
    let conflicted = merge(&b, &o, &t).workbook;
    let mut resolved = conflicted.clone();
    resolved
        .resolve_conflict("reliability.slos", "owner", &Resolution::Ours)
        .unwrap();
    let other = edit(&conflicted, "security.secrets", |i| i.owner = "Cy".into());
    let m = merge(&conflicted, &resolved, &other);
    assert!(m.is_clean());
    assert_eq!(m.workbook.conflict_count(), 0);
}

#[test]
fn keeping_an_item_removed_on_the_other_side_keeps_it() {
    let b = base();
    let o = edit(&b, "reliability.slos", |i| i.owner = "Ann".into());
    let mut t = b.clone();
    t.remove_item(t.locate("reliability.slos").unwrap());
    let conflicted = merge(&b, &o, &t).workbook;
    for answer in [Resolution::Ours, Resolution::Value(" Keep ".into())] {
        let mut wb = conflicted.clone();
        wb.resolve_conflict("reliability.slos", REMOVED_FIELD, &answer)
            .unwrap();
        assert_eq!(wb, o, "{answer:?}");
    }
    let mut wb = conflicted.clone();
    assert_eq!(
        wb.resolve_conflict(
            "reliability.slos",
            REMOVED_FIELD,
            &Resolution::Value("maybe".into())
        ),
        Err(ResolveError::NotRemovedOrKept("maybe".into()))
    );
    assert_eq!(wb, conflicted);
}

#[test]
fn keeping_our_value_needs_no_validation() {
    // A file may hold an empty project name, which `set_field` refuses.
    let b = base();
    let mut o = b.clone();
    o.project = String::new();
    let mut t = b.clone();
    t.project = "Theirs".into();
    let mut wb = merge(&b, &o, &t).workbook;
    wb.resolve_workbook_conflict("project", &Resolution::Ours)
        .unwrap();
    assert_eq!(wb, o);
}

#[test]
fn resolve_all_skips_the_other_conflicts_of_an_item_it_removed() {
    let mut wb = base();
    wb.item_mut("reliability.slos").unwrap().conflicts = vec![
        Conflict {
            field: REMOVED_FIELD.into(),
            ours: KEPT.into(),
            theirs: REMOVED.into(),
        },
        Conflict {
            field: "owner".into(),
            ours: "Ann".into(),
            theirs: "Bo".into(),
        },
    ];
    let entries = wb.conflict_entries();
    assert!(entries.iter().all(|e| !e.is_workbook_level()));
    assert_eq!(wb.resolve_all(&Resolution::Theirs).unwrap(), 2);
    assert!(wb.item("reliability.slos").is_none());
    assert!(!wb.has_conflicts());
}
