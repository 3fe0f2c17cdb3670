//! Item-level merges: edits to different items and fields, removals,
//! evidence as a set and notes appended on both sides.

use super::*;

#[test]
fn edits_to_different_items_merge_cleanly() {
    let b = base();
    let o = edit(&b, "reliability.slos", |i| i.owner = "Ann".into());
    let t = edit(&b, "security.secrets", |i| i.status = Status::Done);
    let m = merge(&b, &o, &t);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    assert_eq!(item(&m.workbook, "reliability.slos").owner, "Ann");
    assert_eq!(item(&m.workbook, "security.secrets").status, Status::Done);
    assert_eq!(m.workbook.item_count(), 25);
}

#[test]
fn edits_to_different_fields_of_one_item_merge_cleanly() {
    let b = base();
    let o = edit(&b, "reliability.slos", |i| i.owner = "Ann".into());
    let t = edit(&b, "reliability.slos", |i| {
        i.status = Status::Mitigated;
        i.mitigation.text = "manual failover".into();
        i.due = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).map(crate::model::Due::On);
    });
    let m = merge(&b, &o, &t);
    assert!(m.is_clean());
    let i = item(&m.workbook, "reliability.slos");
    assert_eq!((i.owner.as_str(), i.status), ("Ann", Status::Mitigated));
    assert_eq!(i.mitigation.text, "manual failover");
    assert_eq!(
        i.due,
        chrono::NaiveDate::from_ymd_opt(2026, 5, 1).map(crate::model::Due::On)
    );
}

#[test]
fn same_field_changed_differently_is_recorded_and_keeps_ours() {
    let b = base();
    let o = edit(&b, "reliability.slos", |i| i.owner = "Ann".into());
    let t = edit(&b, "reliability.slos", |i| {
        i.owner = "Bo".into();
        i.notes = "theirs".into();
    });
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].item.as_deref(), Some("reliability.slos"));
    let i = item(&m.workbook, "reliability.slos");
    assert_eq!(i.owner, "Ann");
    assert_eq!(i.notes, "theirs", "the other field still merges");
    assert_eq!(
        i.conflicts,
        vec![Conflict {
            field: "owner".into(),
            ours: "Ann".into(),
            theirs: "Bo".into()
        }]
    );
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    assert_eq!(i.red_reason(today), Some(crate::model::RedReason::Conflict));
    // The merged workbook is a valid file.
    let text = crate::storage::to_string(&m.workbook).unwrap();
    assert_eq!(
        crate::storage::parse(text.as_bytes()).unwrap().workbook,
        m.workbook
    );
}

#[test]
fn same_change_on_both_sides_is_not_a_conflict() {
    let b = base();
    let o = edit(&b, "reliability.slos", |i| i.status = Status::Done);
    let m = merge(&b, &o, &o.clone());
    assert!(m.is_clean());
    assert_eq!(m.workbook, o);
}

#[test]
fn removal_against_no_change_removes() {
    let b = base();
    let mut o = b.clone();
    o.remove_item(o.locate("reliability.slos").unwrap());
    let t = edit(&b, "security.secrets", |i| i.owner = "Cy".into());
    let m = merge(&b, &o, &t);
    assert!(m.is_clean());
    assert!(m.workbook.item("reliability.slos").is_none());
    assert_eq!(m.workbook.item_count(), 24);
}

#[test]
fn removal_against_an_edit_keeps_the_item_with_a_conflict() {
    let b = base();
    let o = edit(&b, "reliability.slos", |i| i.owner = "Ann".into());
    let mut t = b.clone();
    t.remove_item(t.locate("reliability.slos").unwrap());
    let mut m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1);
    let i = item(&m.workbook, "reliability.slos");
    assert_eq!(i.conflicts[0].field, REMOVED_FIELD);
    assert_eq!(
        (i.conflicts[0].ours.as_str(), i.conflicts[0].theirs.as_str()),
        (KEPT, REMOVED)
    );
    m.workbook
        .resolve_conflict("reliability.slos", REMOVED_FIELD, &Resolution::Theirs)
        .unwrap();
    assert!(m.workbook.item("reliability.slos").is_none());
}

#[test]
fn evidence_links_from_both_sides_are_kept() {
    let b = edit(&base(), "reliability.slos", |i| {
        i.evidence = vec!["a".into(), "b".into()]
    });
    let o = edit(&b, "reliability.slos", |i| i.evidence.push("ours".into()));
    let t = edit(&b, "reliability.slos", |i| {
        i.evidence.remove(0);
        i.evidence.push("theirs".into());
    });
    let m = merge(&b, &o, &t);
    assert!(m.is_clean());
    assert_eq!(
        item(&m.workbook, "reliability.slos").evidence,
        ["b", "ours", "theirs"]
    );
}

#[test]
fn notes_appended_on_both_sides_keep_both() {
    let b = edit(&base(), "reliability.slos", |i| {
        i.notes = "Kickoff done.".into()
    });
    let o = edit(&b, "reliability.slos", |i| {
        i.notes.push_str("\n\nAnn: SLO draft shared.")
    });
    let t = edit(&b, "reliability.slos", |i| {
        i.notes.push_str("\n\nBo: PM agreed.")
    });
    let m = merge(&b, &o, &t);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    assert_eq!(
        item(&m.workbook, "reliability.slos").notes,
        "Kickoff done.\n\nAnn: SLO draft shared.\n\nBo: PM agreed."
    );
    // From empty notes too.
    let o = edit(&base(), "reliability.slos", |i| i.notes = "A".into());
    let t = edit(&base(), "reliability.slos", |i| i.notes = "B".into());
    assert_eq!(
        item(&merge(&base(), &o, &t).workbook, "reliability.slos").notes,
        "A\n\nB"
    );
    // A rewrite on one side is a real conflict.
    let o = edit(&b, "reliability.slos", |i| i.notes = "Rewritten.".into());
    let t = edit(&b, "reliability.slos", |i| i.notes.push_str(" More."));
    assert_eq!(merge(&b, &o, &t).conflicts.len(), 1);
}

#[test]
fn a_link_removed_on_either_side_stays_removed() {
    let b = edit(&base(), "reliability.slos", |i| {
        i.evidence = vec!["a".into(), "b".into()]
    });
    let removed = edit(&b, "reliability.slos", |i| {
        i.evidence.remove(0);
    });
    let added = edit(&b, "reliability.slos", |i| i.evidence.push("c".into()));
    for (o, t) in [(&removed, &added), (&added, &removed)] {
        let m = merge(&b, o, t);
        assert!(m.is_clean());
        assert_eq!(item(&m.workbook, "reliability.slos").evidence, ["b", "c"]);
    }
}

#[test]
fn a_new_conflict_replaces_an_older_one_on_the_same_field() {
    let old = |field: &str| Conflict {
        field: field.into(),
        ours: "old ours".into(),
        theirs: "old theirs".into(),
    };
    let b = edit(&base(), "reliability.slos", |i| {
        i.conflicts = vec![old("owner"), old("status")];
    });
    let o = edit(&b, "reliability.slos", |i| i.owner = "Ann".into());
    let t = edit(&b, "reliability.slos", |i| i.owner = "Bo".into());
    let m = merge(&b, &o, &t);
    let new = Conflict {
        field: "owner".into(),
        ours: "Ann".into(),
        theirs: "Bo".into(),
    };
    assert_eq!(
        item(&m.workbook, "reliability.slos").conflicts,
        [old("status"), new]
    );
}

#[test]
fn an_item_conflict_reads_with_its_item() {
    let c = MergeConflict {
        item: Some("reliability.slos".into()),
        field: "owner".into(),
        ours: "Ann".into(),
        theirs: "Bo \"B\"".into(),
    };
    assert_eq!(
        c.to_string(),
        "reliability.slos: owner: ours \"Ann\", theirs \"Bo \\\"B\\\"\""
    );
}
