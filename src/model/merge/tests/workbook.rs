//! Conflicts on the workbook's own fields and category names.

use super::*;

#[test]
fn workbook_and_category_conflicts_are_recorded_on_the_workbook() {
    let b = base();
    let mut o = b.clone();
    o.project = "Ours".into();
    o.categories[0].name = "Resilience".into();
    o.review = chrono::NaiveDate::from_ymd_opt(2026, 8, 1);
    let mut t = b.clone();
    t.project = "Theirs".into();
    t.categories[0].name = "Uptime".into();
    t.launch = chrono::NaiveDate::from_ymd_opt(2026, 9, 1);
    t.review = chrono::NaiveDate::from_ymd_opt(2026, 8, 15);
    let m = merge(&b, &o, &t);
    assert_eq!(m.workbook.project, "Ours", "ours stays until resolved");
    assert_eq!(m.workbook.categories[0].name, "Resilience");
    assert_eq!(
        m.workbook.launch, t.launch,
        "a one-sided change still merges"
    );
    let report: Vec<_> = m
        .conflicts
        .iter()
        .map(|c| (c.item.clone(), c.field.as_str()))
        .collect();
    assert_eq!(
        report,
        [
            (None, "project"),
            (None, "review"),
            (None, "category.reliability.name")
        ]
    );
    let recorded: Vec<_> = m
        .workbook
        .conflicts
        .iter()
        .map(|c| (c.field.as_str(), c.ours.as_str(), c.theirs.as_str()))
        .collect();
    assert_eq!(
        recorded,
        [
            ("project", "Ours", "Theirs"),
            ("review", "2026-08-01", "2026-08-15"),
            ("category.reliability.name", "Resilience", "Uptime"),
        ]
    );
    assert_eq!(m.workbook.conflict_count(), 0, "no item is in conflict");
    assert!(m.workbook.has_conflicts());
    assert!(
        !m.workbook
            .verdict(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())
            .ready()
    );
    assert_eq!(
        m.conflicts[0].to_string(),
        "(workbook) project: ours \"Ours\", theirs \"Theirs\""
    );

    let entries = m.workbook.conflict_entries();
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().all(ConflictEntry::is_workbook_level));
    assert_eq!(entries[2].category, "Resilience");

    let mut wb = m.workbook.clone();
    wb.resolve_conflict("", "project", &Resolution::Theirs)
        .unwrap();
    wb.resolve_workbook_conflict("review", &Resolution::Ours)
        .unwrap();
    wb.resolve_workbook_conflict(
        "category.reliability.name",
        &Resolution::Value("Availability".into()),
    )
    .unwrap();
    assert_eq!(wb.project, "Theirs");
    assert_eq!(wb.review, o.review);
    assert_eq!(wb.categories[0].name, "Availability");
    assert!(!wb.has_conflicts());
    assert!(matches!(
        wb.resolve_workbook_conflict("project", &Resolution::Ours),
        Err(ResolveError::NoWorkbookConflict { .. })
    ));
}

#[test]
fn a_bad_workbook_resolution_changes_nothing_and_resolve_all_covers_the_workbook() {
    let b = base();
    let mut o = edit(&b, "reliability.slos", |i| i.owner = "Ann".into());
    o.launch = chrono::NaiveDate::from_ymd_opt(2026, 5, 1);
    let mut t = edit(&b, "reliability.slos", |i| i.owner = "Bo".into());
    t.launch = chrono::NaiveDate::from_ymd_opt(2026, 6, 1);
    let mut wb = merge(&b, &o, &t).workbook;
    let before = wb.clone();
    assert!(matches!(
        wb.resolve_workbook_conflict("launch", &Resolution::Value("June".into())),
        Err(ResolveError::Field(FieldError::InvalidDate { .. }))
    ));
    assert_eq!(wb, before);
    let entries = wb.conflict_entries();
    assert_eq!(
        entries
            .iter()
            .map(|e| (e.item_id.as_str(), e.field.as_str()))
            .collect::<Vec<_>>(),
        [("", "launch"), ("reliability.slos", "owner")],
        "workbook conflicts are listed first"
    );
    assert_eq!(wb.resolve_all(&Resolution::Theirs).unwrap(), 2);
    assert_eq!(wb.launch, t.launch);
    assert_eq!(item(&wb, "reliability.slos").owner, "Bo");
    assert!(!wb.has_conflicts());
}

#[test]
fn a_workbook_conflict_survives_the_next_merge_and_resolving_it_on_one_side_sticks() {
    let b = base();
    let mut o = b.clone();
    o.project = "Ours".into();
    let mut t = b.clone();
    t.project = "Theirs".into();
    let conflicted = merge(&b, &o, &t).workbook;

    // Someone else edits an item meanwhile: the conflict stays recorded.
    let other = edit(&conflicted, "security.secrets", |i| i.owner = "Cy".into());
    let m = merge(&conflicted, &conflicted, &other);
    assert!(m.is_clean());
    assert_eq!(m.workbook.conflicts.len(), 1);

    // One side resolves it: the resolution wins over the untouched side.
    let mut resolved = conflicted.clone();
    resolved
        .resolve_workbook_conflict("project", &Resolution::Theirs)
        .unwrap();
    let m = merge(&conflicted, &resolved, &other);
    assert!(m.is_clean());
    assert!(m.workbook.conflicts.is_empty());
    assert_eq!(m.workbook.project, "Theirs");
}

#[test]
fn a_name_conflict_on_a_category_that_is_gone_resolves_to_nothing() {
    let b = base();
    let mut o = b.clone();
    o.categories[4].name = "Ops".into();
    let mut t = b.clone();
    t.categories[4].name = "Operations & support".into();
    let mut wb = merge(&b, &o, &t).workbook;
    assert_eq!(wb.conflicts.len(), 1);
    wb.categories.pop();
    wb.resolve_all(&Resolution::Theirs).unwrap();
    assert!(wb.conflicts.is_empty());
}

#[test]
fn a_name_conflict_on_a_category_one_side_removed_goes_with_it() {
    let mut b = base();
    b.conflicts.push(Conflict {
        field: category_name_field("operations"),
        ours: "Ops".into(),
        theirs: "Operations & support".into(),
    });
    b.conflicts.push(Conflict {
        field: "launch".into(),
        ours: "2026-05-01".into(),
        theirs: "2026-06-01".into(),
    });
    let mut o = b.clone();
    o.categories.pop();
    let m = merge(&b, &o, &b);
    assert!(m.workbook.categories.iter().all(|c| c.id != "operations"));
    let fields: Vec<_> = m
        .workbook
        .conflicts
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(fields, ["launch"]);
}

#[test]
fn a_new_workbook_conflict_replaces_an_older_one_on_the_same_field() {
    let old = |field: &str| Conflict {
        field: field.into(),
        ours: "old ours".into(),
        theirs: "old theirs".into(),
    };
    let mut b = base();
    b.conflicts = vec![old("project"), old("launch")];
    let mut o = b.clone();
    o.project = "Ours".into();
    let mut t = b.clone();
    t.project = "Theirs".into();
    let m = merge(&b, &o, &t);
    let new = Conflict {
        field: "project".into(),
        ours: "Ours".into(),
        theirs: "Theirs".into(),
    };
    assert_eq!(m.workbook.conflicts, [old("launch"), new]);
}
