use super::*;
use crate::model::{Conflict, Workbook};

fn conflict(field: &str) -> Conflict {
    Conflict {
        field: field.into(),
        ours: "a".into(),
        theirs: "b".into(),
    }
}

#[test]
fn all_lists_every_field_once_in_index_order() {
    for (i, f) in ItemField::ALL.into_iter().enumerate() {
        assert_eq!(f.index(), i, "{f:?}");
        assert_eq!(ItemField::from_name(f.name()), Some(f));
    }
    for (i, f) in WorkbookField::ALL.into_iter().enumerate() {
        assert_eq!(f.index(), i, "{f:?}");
        assert_eq!(WorkbookField::from_name(f.name()), Some(f));
    }
    let names: std::collections::HashSet<_> = ItemField::ALL.map(ItemField::name).into();
    assert_eq!(names.len(), ItemField::ALL.len());
    let keys: std::collections::HashSet<_> = ItemField::ALL.map(ItemField::key).into();
    assert_eq!(keys.len(), ItemField::ALL.len());
}

#[test]
fn every_field_round_trips_through_text() {
    let mut item = Item {
        id: "a".into(),
        title: "T".into(),
        description: "d\ne".into(),
        status: Status::Mitigated,
        owner: "Ann".into(),
        due: NaiveDate::from_ymd_opt(2026, 5, 1).map(crate::model::Due::On),
        notes: "n".into(),
        evidence: vec!["https://a".into(), "https://b".into()],
        verified: NaiveDate::from_ymd_opt(2026, 4, 20),
        every: Some(crate::model::Interval::Months(3)),
        reworded: "Old title\n\nold words".into(),
        ..Item::default()
    };
    item.mitigation.until = NaiveDate::from_ymd_opt(2026, 6, 1);
    item.mitigation.text = "manual".into();
    item.mitigation.accepted_by = "CTO".into();
    for f in ItemField::ALL {
        let text = f.get(&item);
        let mut copy = Item::default();
        f.copy(&mut copy, &item);
        assert_eq!(f.get(&copy), text, "{f:?} copies");
        let mut set = item.clone();
        set.set_field(f, &text).unwrap();
        assert_eq!(set, item, "{f:?} round-trips");
        // The value reaches the item: every field differs from a default one.
        assert_ne!(f.get(&Item::default()), text, "{f:?} has a distinct value");
    }
}

#[test]
fn copying_a_field_copies_that_field_only() {
    // Merge never copies evidence (links merge as a set), so `copy` is a
    // contract of its own: each field, and nothing else.
    let mut from = Item {
        id: "a".into(),
        ..Item::default()
    };
    for f in ItemField::ALL {
        let value = match f.kind() {
            FieldKind::Status => "done".to_owned(),
            FieldKind::Date => "2026-05-01".to_owned(),
            FieldKind::Due => "T-14".to_owned(),
            FieldKind::Interval => "quarterly".to_owned(),
            _ => format!("{} value", f.key()),
        };
        from.set_field(f, &value).unwrap();
    }
    for f in ItemField::ALL {
        let mut to = Item::default();
        f.copy(&mut to, &from);
        assert_eq!(f.get(&to), f.get(&from), "{f:?}");
        let mut only = Item::default();
        only.set_field(f, &f.get(&from)).unwrap();
        assert_eq!(to, only, "{f:?}: nothing else is copied");
    }
}

#[test]
fn setting_a_field_settles_its_conflict_and_only_that_one() {
    for f in ItemField::ALL {
        let mut item = Item {
            title: "T".into(),
            conflicts: vec![conflict(f.name()), conflict("removed")],
            ..Item::default()
        };
        let value = f.get(&item);
        let value = if value.is_empty() { "x".into() } else { value };
        let value = match f.kind() {
            FieldKind::Date => "2026-01-02".to_owned(),
            FieldKind::Due => "T+3".to_owned(),
            FieldKind::Status => "done".to_owned(),
            FieldKind::Interval => "90d".to_owned(),
            _ => value,
        };
        item.set_field(f, &value).unwrap();
        assert_eq!(item.conflicts, vec![conflict("removed")], "{f:?}");
    }
}

#[test]
fn text_mut_edits_the_field_get_reads() {
    for f in ItemField::ALL {
        let mut item = Item::default();
        if let Some(text) = f.text_mut(&mut item) {
            text.push_str("typed");
            assert_eq!(f.get(&item), "typed", "{f:?}");
            assert_eq!(f.text(&item), Some("typed"), "{f:?}");
        } else {
            assert_eq!(f.text(&item), None, "{f:?}");
            assert!(
                matches!(
                    f.kind(),
                    FieldKind::Date
                        | FieldKind::Due
                        | FieldKind::Status
                        | FieldKind::Links
                        | FieldKind::Interval
                ),
                "{f:?} is text but has no text_mut"
            );
        }
    }
}

#[test]
fn workbook_text_reads_the_text_fields() {
    let mut wb = Workbook::new("P");
    wb.description = "D".into();
    let texts = WorkbookField::ALL.map(|f| f.text(&wb).map(str::to_owned));
    assert_eq!(texts, [Some("P".into()), Some("D".into()), None, None]);
}

#[test]
fn bad_values_are_refused_and_change_nothing() {
    let mut item = Item {
        title: "T".into(),
        conflicts: vec![conflict("due")],
        ..Item::default()
    };
    let before = item.clone();
    assert!(matches!(
        item.set_field(ItemField::Due, "next week"),
        Err(FieldError::InvalidDue(_))
    ));
    assert_eq!(
        item.set_field(ItemField::Status, "blocked"),
        Err(FieldError::InvalidStatus("blocked".into()))
    );
    assert_eq!(
        item.set_field(ItemField::Title, "  "),
        Err(FieldError::EmptyTitle)
    );
    assert!(ItemField::Due.check("2026-02-30").is_err());
    assert!(matches!(
        item.set_field(ItemField::Every, "every now and then"),
        Err(FieldError::InvalidInterval(_))
    ));
    assert!(ItemField::Every.check("none").is_ok());
    assert!(ItemField::Every.check("0d").is_err());
    assert!(ItemField::Due.check("none").is_ok());
    assert_eq!(item, before, "a refused value settles nothing either");
    item.set_field(ItemField::Due, "").unwrap();
    assert_eq!(item.due, None);
    assert!(item.conflicts.is_empty());
}

#[test]
fn adding_appends_notes_and_adds_links_once() {
    let mut item = Item {
        conflicts: vec![conflict("notes"), conflict("evidence")],
        ..Item::default()
    };
    item.add_to_field(ItemField::Notes, "  ").unwrap();
    assert_eq!(
        item.conflicts.len(),
        2,
        "blank text adds and settles nothing"
    );
    item.add_to_field(ItemField::Notes, " first ").unwrap();
    item.add_to_field(ItemField::Notes, "second").unwrap();
    assert_eq!(item.notes, "first\n\nsecond");
    item.add_to_field(ItemField::Evidence, "https://a").unwrap();
    item.add_to_field(ItemField::Evidence, "https://a").unwrap();
    assert_eq!(item.evidence, ["https://a"]);
    assert!(item.conflicts.is_empty());
    assert_eq!(
        item.add_to_field(ItemField::Evidence, "a b"),
        Err(FieldError::InvalidLink("a b".into()))
    );
    item.add_to_field(ItemField::Owner, "Kim").unwrap();
    assert_eq!(item.owner, "Kim", "other fields are set");
}

#[test]
fn workbook_fields_round_trip_through_text_and_clear_their_conflict() {
    let mut wb = Workbook::new("P");
    wb.add_category("Reliability");
    wb.launch = NaiveDate::from_ymd_opt(2026, 5, 1);
    wb.review = NaiveDate::from_ymd_opt(2026, 4, 1);
    wb.description = "d".into();
    let names = WorkbookField::ALL
        .map(|f| f.name().to_owned())
        .into_iter()
        .chain([category_name_field("reliability")]);
    for f in names {
        let text = wb.field(&f).unwrap();
        let mut copy = wb.clone();
        copy.conflicts.push(conflict(&f));
        copy.set_field(&f, &text).unwrap();
        assert_eq!(copy, wb, "{f}");
    }
    for f in WorkbookField::ALL {
        let mut to = Workbook::new("Q");
        f.copy(&mut to, &wb);
        assert_eq!(f.get(&to), f.get(&wb), "{f:?}");
    }
    wb.set_field("category.reliability.name", "Uptime").unwrap();
    assert_eq!(wb.categories[0].name, "Uptime");
    assert_eq!(wb.field("category.nope.name"), None);
}

#[test]
fn bad_workbook_values_are_refused_and_change_nothing() {
    let mut wb = Workbook::new("P");
    wb.add_category("Reliability");
    let before = wb.clone();
    assert!(matches!(
        wb.set_field("launch", "soon"),
        Err(FieldError::InvalidDate { .. })
    ));
    assert_eq!(
        wb.set_field("project", " "),
        Err(FieldError::Empty("project name"))
    );
    assert_eq!(
        wb.set_field("category.reliability.name", ""),
        Err(FieldError::Empty("category name"))
    );
    assert_eq!(
        wb.set_field("category.nope.name", "X"),
        Err(FieldError::NoCategory("nope".into()))
    );
    assert_eq!(
        wb.set_field("owner", "X"),
        Err(FieldError::UnknownWorkbookField("owner".into()))
    );
    assert_eq!(wb, before);
}

#[test]
fn links_are_exactly_the_links_fields() {
    let mut item = Item::default();
    for f in ItemField::ALL {
        let is_links = f.kind() == FieldKind::Links;
        assert_eq!(f.links(&item).is_some(), is_links, "{f:?}");
        assert_eq!(f.links_mut(&mut item).is_some(), is_links, "{f:?}");
    }
}

#[test]
fn a_template_item_has_no_answers_and_any_answer_counts() {
    let mut item = Item {
        id: "ops.runbooks".into(),
        title: "Runbooks".into(),
        description: "Written".into(),
        every: "quarterly".parse().ok(),
        reworded: "Old words".into(),
        ..Item::default()
    };
    assert_eq!(item.answered_fields(), []);
    item.owner = "Ann".into();
    item.notes = "Pager rota".into();
    item.status = Status::InProgress;
    assert_eq!(
        item.answered_fields(),
        [ItemField::Status, ItemField::Owner, ItemField::Notes]
    );
    let dated = Item {
        verified: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
        ..Item::default()
    };
    assert_eq!(dated.answered_fields(), [ItemField::Verified]);
}
