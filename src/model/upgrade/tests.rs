use proptest::prelude::*;

use super::*;
use crate::model::Due;
use crate::model::{Conflict, Interval, Mitigation, RedReason};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-03-10";

fn item(id: &str, title: &str) -> Item {
    Item {
        id: id.into(),
        title: title.into(),
        description: format!("what {title} means"),
        ..Item::default()
    }
}

fn category(id: &str, items: Vec<Item>) -> Category {
    Category {
        id: id.into(),
        name: id.to_uppercase(),
        items,
    }
}

fn workbook(categories: Vec<Category>) -> Workbook {
    Workbook {
        categories,
        ..Workbook::new("Payments")
    }
}

/// An item with every answer a team gives.
fn answered(mut i: Item) -> Item {
    i.status = Status::Mitigated;
    i.owner = "Ann".into();
    i.due = Some(Due::On(d("2026-04-01")));
    i.mitigation = Mitigation {
        text: "manual failover".into(),
        accepted_by: "CTO".into(),
        until: Some(d("2026-06-01")),
    };
    i.notes = "asked twice".into();
    i.evidence = vec!["https://runbook".into()];
    i.verified = Some(d("2026-02-01"));
    i
}

fn ids(wb: &Workbook) -> Vec<(&str, Vec<&str>)> {
    wb.categories
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                c.items.iter().map(|i| i.id.as_str()).collect(),
            )
        })
        .collect()
}

fn up(current: &Workbook, template: &Workbook) -> Upgrade {
    upgrade(current, template, UpgradeOptions::default())
}

#[test]
fn matched_items_keep_their_answers_and_take_the_new_wording() {
    let mut mine = answered(item("ops.backups", "Backups"));
    mine.every = Some(Interval::Days(30));
    let current = workbook(vec![category("ops", vec![mine.clone()])]);
    let mut t = item("ops.backups", "Backups tested");
    t.description = "restore drill done and timed this quarter".into();
    t.status = Status::Done;
    t.owner = "template author".into();
    t.every = Some(Interval::Months(3));
    let template = workbook(vec![category("ops", vec![t])]);

    let u = up(&current, &template);
    let after = u.workbook.item("ops.backups").unwrap();
    assert_eq!(after.title, "Backups tested");
    assert_eq!(
        after.description,
        "restore drill done and timed this quarter"
    );
    assert_eq!(
        after.every,
        Some(Interval::Months(3)),
        "the template's interval"
    );
    for field in ItemField::ALL {
        if !matches!(
            field,
            ItemField::Title | ItemField::Description | ItemField::Every | ItemField::Reworded
        ) {
            assert_eq!(field.get(after), field.get(&mine), "{field:?} kept");
        }
    }
    assert_eq!(after.reworded, "Backups\nwhat Backups means");
    assert_eq!(
        u.report.reworded,
        [Reworded {
            id: "ops.backups".into(),
            before: "Backups\nwhat Backups means".into(),
            after: "Backups tested\nrestore drill done and timed this quarter".into(),
            flagged: true,
        }]
    );
}

#[test]
fn an_interval_only_the_team_set_stays() {
    let mut mine = item("ops.backups", "Backups");
    mine.every = Some(Interval::Days(30));
    let current = workbook(vec![category("ops", vec![mine])]);
    let template = workbook(vec![category("ops", vec![item("ops.backups", "Backups")])]);
    let u = up(&current, &template);
    assert_eq!(u.workbook, current, "nothing to upgrade");
    assert!(u.report.is_empty());
}

#[test]
fn a_reworded_item_is_red_with_the_reason_until_confirmed() {
    let today = d(TODAY);
    let mut mine = item("ops.backups", "Backups");
    mine.status = Status::Done;
    mine.verified = Some(d("2026-01-01"));
    let current = workbook(vec![category("ops", vec![mine])]);
    let template = workbook(vec![category("ops", vec![item("ops.backups", "Restores")])]);
    let mut wb = up(&current, &template).workbook;
    let i = wb.item("ops.backups").unwrap();
    assert_eq!(i.red_reason(today), Some(RedReason::Reworded));
    assert_eq!(
        RedReason::Reworded.to_string(),
        "checklist wording changed: re-confirm"
    );
    assert!(!wb.verdict(today).ready());

    // Setting the status again is not a confirmation.
    let i = wb.item_mut("ops.backups").unwrap();
    i.set_status(Status::Done, today);
    assert_eq!(i.red_reason(today), Some(RedReason::Reworded));

    assert!(i.confirm_wording(today));
    assert!(i.reworded.is_empty());
    assert!(i.passes(today));
    assert_eq!(
        i.verified,
        Some(today),
        "confirming a done item verifies it"
    );
    assert!(!i.confirm_wording(today), "nothing left to confirm");
}

#[test]
fn an_open_item_is_red_for_its_own_reason_first() {
    let today = d(TODAY);
    let mut i = item("a", "A");
    i.reworded = "old".into();
    assert_eq!(
        i.red_reason(today),
        Some(RedReason::NotDone(Status::NotStarted))
    );
    i.status = Status::NotApplicable;
    i.mitigation.text = "no users".into();
    assert_eq!(i.red_reason(today), Some(RedReason::Reworded));
    i.conflicts.push(Conflict::default());
    assert_eq!(i.red_reason(today), Some(RedReason::Conflict));
    i.conflicts.clear();
    assert!(i.confirm_wording(today));
    assert_eq!(i.verified, None, "only a done item records a verification");
    assert!(i.passes(today));
}

#[test]
fn confirming_settles_a_merge_conflict_on_the_flag() {
    let mut i = item("a", "A");
    i.status = Status::Done;
    i.reworded = "old".into();
    i.conflicts.push(Conflict {
        field: "reworded".into(),
        ours: "old".into(),
        theirs: String::new(),
    });
    i.conflicts.push(Conflict {
        field: "owner".into(),
        ..Conflict::default()
    });
    i.confirm_wording(d(TODAY));
    let left: Vec<&str> = i.conflicts.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(left, ["owner"]);
}

#[test]
fn spacing_alone_is_taken_without_a_flag() {
    let current = workbook(vec![category(
        "ops",
        vec![item("ops.a", "Backups  tested")],
    )]);
    let mut t = item("ops.a", "Backups tested ");
    t.description = "what Backups  tested\nmeans".into();
    let template = workbook(vec![category("ops", vec![t])]);
    let u = up(&current, &template);
    let i = u.workbook.item("ops.a").unwrap();
    assert_eq!(i.title, "Backups tested ", "the template's exact text");
    assert!(i.reworded.is_empty());
    assert!(u.report.reworded.is_empty());
}

#[test]
fn a_second_rewording_keeps_the_confirmed_words_and_going_back_clears() {
    let current = workbook(vec![category("ops", vec![item("ops.a", "One")])]);
    let v2 = workbook(vec![category("ops", vec![item("ops.a", "Two")])]);
    let v3 = workbook(vec![category("ops", vec![item("ops.a", "Three")])]);
    let once = up(&current, &v2).workbook;
    let twice = up(&once, &v3).workbook;
    assert_eq!(twice.item("ops.a").unwrap().reworded, "One\nwhat One means");
    assert_eq!(twice.item("ops.a").unwrap().title, "Three");

    let back = up(&twice, &current);
    let i = back.workbook.item("ops.a").unwrap();
    assert_eq!(i.title, "One");
    assert!(i.reworded.is_empty(), "the words the team confirmed");
    assert!(!back.report.reworded[0].flagged);
}

#[test]
fn new_template_items_are_added_red_without_the_templates_progress() {
    let today = d(TODAY);
    let current = workbook(vec![category("ops", vec![answered(item("ops.a", "A"))])]);
    let mut new = answered(item("ops.b", "B"));
    new.status = Status::Done;
    new.reworded = "stale".into();
    let template = workbook(vec![category("ops", vec![new.clone(), item("ops.a", "A")])]);
    let u = up(&current, &template);
    assert_eq!(ids(&u.workbook), [("ops", vec!["ops.b", "ops.a"])]);
    let added = u.workbook.item("ops.b").unwrap();
    assert_eq!(
        *added,
        Item {
            id: "ops.b".into(),
            title: "B".into(),
            description: "what B means".into(),
            ..Item::default()
        }
    );
    assert_eq!(
        added.red_reason(today),
        Some(RedReason::NotDone(Status::NotStarted))
    );
    assert_eq!(
        u.report.added,
        [ItemRef {
            id: "ops.b".into(),
            title: "B".into(),
            category: "OPS".into(),
        }]
    );
}

/// The team's workbook: ops (a, mine, b), legacy (old), empty (none); the
/// template: sec (b, new), ops (a).
fn reshaped() -> (Workbook, Workbook) {
    let current = workbook(vec![
        category(
            "ops",
            vec![
                item("ops.a", "A"),
                item("ops.mine", "Mine"),
                item("ops.b", "B"),
            ],
        ),
        category("legacy", vec![item("legacy.old", "Old")]),
        category("empty", Vec::new()),
    ]);
    let template = workbook(vec![
        category("sec", vec![item("ops.b", "B"), item("sec.new", "New")]),
        category("ops", vec![item("ops.a", "A")]),
    ]);
    (current, template)
}

#[test]
fn categories_follow_the_template_and_removed_items_stay_where_they_were() {
    let (current, template) = reshaped();
    let u = up(&current, &template);
    assert_eq!(
        ids(&u.workbook),
        [
            ("sec", vec!["ops.b", "sec.new"]),
            ("ops", vec!["ops.a", "ops.mine"]),
            ("legacy", vec!["legacy.old"]),
            ("empty", vec![]),
        ]
    );
    assert_eq!(u.workbook.categories[0].name, "SEC");
    let removed: Vec<&str> = u.report.removed.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(removed, ["ops.mine", "legacy.old"]);
    assert!(!u.report.dropped);
    assert_eq!(
        u.report.moved,
        [Moved {
            id: "ops.b".into(),
            title: "B".into(),
            from: "OPS".into(),
            to: "SEC".into(),
        }]
    );
    assert!(u.workbook.validate().is_ok());
}

#[test]
fn a_kept_item_stays_after_the_item_it_followed() {
    let current = workbook(vec![category(
        "ops",
        vec![
            item("ops.first", "Mine first"),
            item("ops.a", "A"),
            item("ops.mine", "Mine"),
            item("ops.mine2", "Mine too"),
            item("ops.b", "B"),
        ],
    )]);
    let template = workbook(vec![category(
        "ops",
        vec![
            item("ops.b", "B"),
            item("ops.new", "New"),
            item("ops.a", "A"),
        ],
    )]);
    let u = up(&current, &template);
    assert_eq!(
        ids(&u.workbook),
        [(
            "ops",
            vec![
                "ops.first",
                "ops.b",
                "ops.new",
                "ops.a",
                "ops.mine",
                "ops.mine2"
            ]
        )]
    );
    let d = crate::model::diff::diff(&current, &u.workbook, d(TODAY));
    let moved: Vec<&str> = d.moved.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(moved, ["ops.b"], "only what the template reordered");
}

#[test]
fn drop_removed_drops_them_and_the_categories_they_leave_empty() {
    let (current, template) = reshaped();
    let u = upgrade(&current, &template, UpgradeOptions { drop_removed: true });
    assert_eq!(
        ids(&u.workbook),
        [
            ("sec", vec!["ops.b", "sec.new"]),
            ("ops", vec!["ops.a"]),
            ("empty", vec![]),
        ]
    );
    assert_eq!(u.report.removed.len(), 2);
    assert!(u.report.dropped);
}

#[test]
fn a_category_emptied_by_moves_goes() {
    let current = workbook(vec![category("old", vec![item("x.a", "A")])]);
    let template = workbook(vec![category("new", vec![item("x.a", "A")])]);
    let u = up(&current, &template);
    assert_eq!(ids(&u.workbook), [("new", vec!["x.a"])]);
}

#[test]
fn the_workbooks_own_fields_are_the_teams() {
    let (mut current, mut template) = reshaped();
    current.launch = Some(d("2026-05-01"));
    current.description = "our service".into();
    current.people.push(crate::model::Person {
        name: "Ann".into(),
        ..Default::default()
    });
    template.project = "Checklist v2".into();
    template.launch = Some(d("2030-01-01"));
    template.review = Some(d("2029-01-01"));
    let u = up(&current, &template).workbook;
    assert_eq!(
        (u.project, u.description, u.launch, u.review, u.people),
        (
            current.project,
            current.description,
            current.launch,
            current.review,
            current.people
        )
    );
}

#[test]
fn a_repeated_template_id_is_placed_once() {
    let current = workbook(vec![category("ops", vec![item("ops.a", "A")])]);
    let template = workbook(vec![
        category("ops", vec![item("ops.a", "A")]),
        category("sec", vec![item("ops.a", "A again")]),
    ]);
    let u = up(&current, &template).workbook;
    assert!(u.validate().is_ok());
    assert_eq!(ids(&u), [("ops", vec!["ops.a"]), ("sec", vec![])]);
}

/// What the CLI and the window say "nothing to do" by: any one list makes
/// the report say something.
#[test]
fn a_report_with_any_entry_is_not_empty() {
    let (current, template) = reshaped();
    let full = up(&current, &template).report;
    assert!(!full.is_empty());
    let only = |f: &dyn Fn(&mut UpgradeReport)| {
        let mut r = UpgradeReport::default();
        f(&mut r);
        r.is_empty()
    };
    assert!(only(&|_| {}));
    assert!(!only(&|r| r.added = full.added.clone()));
    assert!(!only(&|r| r.moved = full.moved.clone()));
    assert!(!only(&|r| r.removed = full.removed.clone()));
    assert!(!only(&|r| {
        r.reworded = vec![Reworded {
            id: "x".into(),
            before: "a".into(),
            after: "b".into(),
            flagged: true,
        }];
    }));
}

#[test]
fn wording_is_never_empty() {
    assert_eq!(wording("T", ""), "T");
    assert_eq!(wording("T", " "), "T");
    assert_eq!(wording("T", "d"), "T\nd");
    assert_eq!(wording("", "d"), "\nd");
    assert_eq!(wording(" ", "\n"), "(no wording)");
}

// ---- properties ------------------------------------------------------------

/// An item from a small pool of IDs, with random wording and answers.
fn arb_item() -> impl Strategy<Value = Item> {
    (
        0u8..12,
        prop::sample::select(vec!["A", "B", "A ", "C c"]),
        prop::sample::select(vec!["", "d", "e f"]),
        prop::sample::select(Status::ALL.to_vec()),
        "[a-z]{0,3}",
        prop::option::of(prop::sample::select(vec![
            Interval::Days(7),
            Interval::Months(3),
        ])),
        prop::sample::select(vec!["", "", "old words"]),
    )
        .prop_map(|(n, title, description, status, text, every, reworded)| {
            let mut i = item(&format!("i{n}"), title);
            i.description = description.into();
            i.status = status;
            i.owner = text.clone();
            i.notes = text.clone();
            i.mitigation.text = text.clone();
            i.evidence = (!text.is_empty())
                .then(|| text.clone())
                .into_iter()
                .collect();
            i.due = (!text.is_empty()).then(|| Due::On(d("2026-04-01")));
            i.verified = (status == Status::Done).then(|| d("2026-02-01"));
            i.every = every;
            i.reworded = reworded.into();
            i
        })
}

/// A valid workbook: up to four categories from a pool of five, items with
/// unique IDs.
fn arb_workbook() -> impl Strategy<Value = Workbook> {
    prop::collection::vec((0u8..5, prop::collection::vec(arb_item(), 0..5)), 0..4).prop_map(
        |cats| {
            let mut seen_items = HashSet::new();
            let mut seen_cats = HashSet::new();
            let categories = cats
                .into_iter()
                .filter(|(c, _)| seen_cats.insert(*c))
                .map(|(c, items)| {
                    let items = items
                        .into_iter()
                        .filter(|i| seen_items.insert(i.id.clone()))
                        .collect();
                    category(&format!("c{c}"), items)
                })
                .collect();
            workbook(categories)
        },
    )
}

proptest! {
    #[test]
    fn upgrade_keeps_every_answer_of_matched_items(
        current in arb_workbook(), template in arb_workbook(), drop in any::<bool>()
    ) {
        let u = upgrade(&current, &template, UpgradeOptions { drop_removed: drop });
        prop_assert!(u.workbook.validate().is_ok());
        for (_, before) in current.items() {
            let after = u.workbook.item(&before.id);
            let in_template = template.item(&before.id);
            match (after, in_template) {
                (Some(after), Some(t)) => {
                    for field in ItemField::ALL {
                        let expected = match field {
                            ItemField::Title => t.title.clone(),
                            ItemField::Description => t.description.clone(),
                            ItemField::Every => t.every.or(before.every)
                                .map(|e| e.to_string()).unwrap_or_default(),
                            ItemField::Reworded => continue,
                            _ => field.get(before),
                        };
                        prop_assert_eq!(field.get(after), expected, "{:?} of {}", field, before.id);
                    }
                    prop_assert_eq!(&after.conflicts, &before.conflicts);
                }
                (Some(after), None) => {
                    prop_assert!(!drop, "{} dropped", before.id);
                    prop_assert_eq!(after, before, "a kept item is untouched");
                }
                (None, Some(_)) => prop_assert!(false, "{} lost", before.id),
                (None, None) => prop_assert!(drop, "{} lost", before.id),
            }
        }
        // Every template item is there, in the template's category order first.
        for (tc, ti) in template.items() {
            let loc = u.workbook.locate(&ti.id).unwrap();
            prop_assert_eq!(&u.workbook.categories[loc.category].id, &tc.id);
        }
        let order: Vec<&str> = u.workbook.categories.iter().map(|c| c.id.as_str())
            .take(template.categories.len()).collect();
        let expected: Vec<&str> = template.categories.iter().map(|c| c.id.as_str()).collect();
        prop_assert_eq!(order, expected);
    }

    #[test]
    fn a_flag_marks_exactly_the_items_whose_words_changed(
        current in arb_workbook(), template in arb_workbook()
    ) {
        let u = upgrade(&current, &template, UpgradeOptions::default());
        for (_, before) in current.items() {
            let (Some(after), Some(t)) = (u.workbook.item(&before.id), template.item(&before.id))
                else { continue };
            let changed = !same_words(
                &wording(&before.title, &before.description),
                &wording(&t.title, &t.description),
            );
            let reported = u.report.reworded.iter().any(|r| r.id == before.id);
            prop_assert_eq!(changed, reported, "{}", before.id);
            if !changed {
                prop_assert_eq!(&after.reworded, &before.reworded, "an old flag stays");
            } else if before.reworded.is_empty() {
                prop_assert!(!after.reworded.is_empty(), "{} flagged", before.id);
            }
        }
    }

    #[test]
    fn upgrading_twice_is_upgrading_once(
        current in arb_workbook(), template in arb_workbook(), drop in any::<bool>()
    ) {
        let options = UpgradeOptions { drop_removed: drop };
        let once = upgrade(&current, &template, options).workbook;
        let twice = upgrade(&once, &template, options);
        prop_assert_eq!(&twice.workbook, &once);
        prop_assert!(twice.report.added.is_empty() && twice.report.reworded.is_empty());
        prop_assert!(twice.report.moved.is_empty());
    }

    #[test]
    fn upgrading_with_its_own_checklist_changes_nothing(current in arb_workbook()) {
        let u = upgrade(&current, &current, UpgradeOptions::default());
        prop_assert_eq!(u.workbook, current);
        prop_assert!(u.report.is_empty());
    }
}
