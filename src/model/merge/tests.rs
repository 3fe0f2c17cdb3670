use super::*;
use crate::model::{FieldError, Status};
use proptest::prelude::*;

fn base() -> Workbook {
    crate::storage::builtin_template()
}

fn item<'a>(wb: &'a Workbook, id: &str) -> &'a Item {
    wb.item(id).unwrap()
}

fn edit(wb: &Workbook, id: &str, f: impl FnOnce(&mut Item)) -> Workbook {
    let mut wb = wb.clone();
    f(wb.item_mut(id).unwrap());
    wb
}

fn ids(wb: &Workbook, cat: usize) -> Vec<&str> {
    wb.categories[cat]
        .items
        .iter()
        .map(|i| i.id.as_str())
        .collect()
}

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
        i.due = chrono::NaiveDate::from_ymd_opt(2026, 5, 1);
    });
    let m = merge(&b, &o, &t);
    assert!(m.is_clean());
    let i = item(&m.workbook, "reliability.slos");
    assert_eq!((i.owner.as_str(), i.status), ("Ann", Status::Mitigated));
    assert_eq!(i.mitigation.text, "manual failover");
    assert_eq!(i.due, chrono::NaiveDate::from_ymd_opt(2026, 5, 1));
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
fn additions_on_both_sides_land_where_each_side_put_them() {
    let b = base();
    let mut o = b.clone();
    let loc = o.add_item(0, "Ours at the end").unwrap();
    let added = o.remove_item(loc).unwrap();
    o.categories[0].items.insert(1, added);
    let mut t = b.clone();
    t.add_item(0, "Theirs at the end");
    let c = t.add_category("Compliance");
    t.add_item(c, "GDPR review");
    let m = merge(&b, &o, &t);
    assert!(m.is_clean());
    let got = ids(&m.workbook, 0);
    assert_eq!(got[1], "reliability.ours-at-the-end");
    assert_eq!(got.last(), Some(&"reliability.theirs-at-the-end"));
    assert_eq!(m.workbook.categories.last().unwrap().name, "Compliance");
    assert_eq!(m.workbook.item_count(), 28);
    m.workbook.validate().unwrap();
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
fn reorder_on_one_side_survives_edits_on_the_other() {
    let b = base();
    let mut o = b.clone();
    o.move_item(
        crate::model::ItemLocation {
            category: 0,
            item: 0,
        },
        2,
    )
    .unwrap();
    let t = edit(&b, "reliability.slos", |i| i.owner = "Ann".into());
    let m = merge(&b, &o, &t);
    assert!(m.is_clean());
    assert_eq!(ids(&m.workbook, 0), ids(&o, 0));
    assert_eq!(item(&m.workbook, "reliability.slos").owner, "Ann");
    // And the other way round.
    let m = merge(&b, &t, &o);
    assert_eq!(ids(&m.workbook, 0), ids(&o, 0));
}

#[test]
fn move_to_another_category_merges_with_an_edit() {
    let b = base();
    let mut o = b.clone();
    let it = o
        .remove_item(o.locate("reliability.slos").unwrap())
        .unwrap();
    o.categories[2].items.push(it);
    let t = edit(&b, "reliability.slos", |i| i.status = Status::Done);
    let m = merge(&b, &o, &t);
    assert!(m.is_clean());
    let loc = m.workbook.locate("reliability.slos").unwrap();
    assert_eq!(loc.category, 2);
    assert_eq!(item(&m.workbook, "reliability.slos").status, Status::Done);
}

#[test]
fn moves_to_different_categories_conflict_and_resolve_by_moving() {
    let b = base();
    let mv = |to: usize| {
        let mut w = b.clone();
        let it = w
            .remove_item(w.locate("reliability.slos").unwrap())
            .unwrap();
        w.categories[to].items.push(it);
        w
    };
    let mut m = merge(&b, &mv(1), &mv(2));
    let c = &item(&m.workbook, "reliability.slos").conflicts[0];
    assert_eq!(
        (c.field.as_str(), c.ours.as_str(), c.theirs.as_str()),
        ("category", "observability", "security")
    );
    m.workbook
        .resolve_conflict("reliability.slos", CATEGORY_FIELD, &Resolution::Theirs)
        .unwrap();
    assert_eq!(m.workbook.locate("reliability.slos").unwrap().category, 2);
    assert_eq!(m.workbook.conflict_count(), 0);
}

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
fn resolving_picks_ours_theirs_or_a_value() {
    let b = base();
    let o = edit(&b, "reliability.slos", |i| {
        i.owner = "Ann".into();
        i.due = chrono::NaiveDate::from_ymd_opt(2026, 5, 1);
        i.status = Status::InProgress;
    });
    let t = edit(&b, "reliability.slos", |i| {
        i.owner = "Bo".into();
        i.due = chrono::NaiveDate::from_ymd_opt(2026, 6, 1);
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
        Err(ResolveError::Field(FieldError::InvalidDate { .. }))
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
    assert_eq!(i.due, chrono::NaiveDate::from_ymd_opt(2026, 5, 20));
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

/// Random edits that a person could make in the app.
#[derive(Debug, Clone)]
enum Op {
    Owner(usize, String),
    Status(usize, usize),
    Notes(usize, String),
    Remove(usize),
    Add(usize, String),
    Move(usize, bool),
    AddEvidence(usize, String),
    Project(String),
    Launch(u32),
    RenameCategory(usize, String),
}

fn op() -> impl Strategy<Value = Op> {
    let n = 0usize..40;
    prop_oneof![
        (n.clone(), "[a-zA-Z ]{0,8}").prop_map(|(i, s)| Op::Owner(i, s)),
        (n.clone(), 0usize..5).prop_map(|(i, s)| Op::Status(i, s)),
        (n.clone(), "[a-z\n]{0,8}").prop_map(|(i, s)| Op::Notes(i, s)),
        n.clone().prop_map(Op::Remove),
        (0usize..6, "[a-z]{1,6}").prop_map(|(c, s)| Op::Add(c, s)),
        (n.clone(), any::<bool>()).prop_map(|(i, d)| Op::Move(i, d)),
        (n, "[a-z]{1,4}").prop_map(|(i, s)| Op::AddEvidence(i, s)),
        "[A-Z][a-z]{0,6}".prop_map(Op::Project),
        (1u32..=28).prop_map(Op::Launch),
        (0usize..6, "[A-Z][a-z]{0,6}").prop_map(|(c, s)| Op::RenameCategory(c, s)),
    ]
}

fn apply(wb: &Workbook, ops: &[Op]) -> Workbook {
    let mut wb = wb.clone();
    for op in ops {
        let locs: Vec<_> = (0..wb.categories.len())
            .flat_map(|c| {
                (0..wb.categories[c].items.len()).map(move |i| crate::model::ItemLocation {
                    category: c,
                    item: i,
                })
            })
            .collect();
        let pick = |i: usize| locs.get(i % locs.len().max(1)).copied();
        fn at(wb: &mut Workbook, l: Option<crate::model::ItemLocation>) -> Option<&mut Item> {
            l.map(|l| &mut wb.categories[l.category].items[l.item])
        }
        match op {
            Op::Owner(i, s) => at(&mut wb, pick(*i))
                .into_iter()
                .for_each(|it| it.owner = s.clone()),
            Op::Status(i, s) => at(&mut wb, pick(*i))
                .into_iter()
                .for_each(|it| it.status = Status::ALL[*s]),
            Op::Notes(i, s) => at(&mut wb, pick(*i))
                .into_iter()
                .for_each(|it| it.notes = s.clone()),
            Op::AddEvidence(i, s) => at(&mut wb, pick(*i))
                .into_iter()
                .for_each(|it| it.evidence.push(s.clone())),
            Op::Remove(i) => {
                if let Some(l) = pick(*i) {
                    wb.remove_item(l);
                }
            }
            Op::Add(c, s) => {
                let c = c % wb.categories.len();
                wb.add_item(c, s);
            }
            Op::Move(i, down) => {
                if let Some(l) = pick(*i) {
                    wb.move_item(l, if *down { 1 } else { -1 });
                }
            }
            Op::Project(p) => wb.project.clone_from(p),
            Op::Launch(day) => wb.launch = chrono::NaiveDate::from_ymd_opt(2026, 7, *day),
            Op::RenameCategory(c, name) => {
                let c = c % wb.categories.len();
                wb.categories[c].name.clone_from(name);
            }
        }
    }
    wb
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn merging_with_an_unchanged_side_gives_the_changed_side(ops in prop::collection::vec(op(), 0..12)) {
        let b = base();
        let changed = apply(&b, &ops);
        let m = merge(&b, &changed, &b);
        prop_assert!(m.is_clean());
        prop_assert_eq!(&m.workbook, &changed);
        let m = merge(&b, &b, &changed);
        prop_assert!(m.is_clean());
        prop_assert_eq!(&m.workbook, &changed);
    }

    #[test]
    fn any_merge_is_a_valid_workbook_that_keeps_every_surviving_item(
        ours in prop::collection::vec(op(), 0..10),
        theirs in prop::collection::vec(op(), 0..10),
    ) {
        let b = base();
        let (o, t) = (apply(&b, &ours), apply(&b, &theirs));
        let m = merge(&b, &o, &t);
        prop_assert!(m.workbook.validate().is_ok());
        for (_, i) in o.items().chain(t.items()) {
            if b.item(&i.id).is_none() {
                prop_assert!(m.workbook.item(&i.id).is_some(), "added item {} lost", i.id);
            }
        }
        // Every conflict reported is recorded in the file, none twice.
        prop_assert_eq!(m.conflicts.len(), m.workbook.conflict_entries().len());
        let mut wb = m.workbook.clone();
        wb.resolve_all(&Resolution::Ours).unwrap();
        prop_assert!(!wb.has_conflicts());
        prop_assert!(wb.validate().is_ok());
    }
}
