//! Tests of the workbook diff and its rendering.

use super::*;
use crate::model::{ItemLocation, Status};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn base() -> Workbook {
    crate::storage::builtin_template()
}

#[test]
fn identical_workbooks_have_no_changes() {
    let wb = base();
    let diff = diff(&wb, &wb, d("2026-01-01"));
    assert!(diff.is_empty());
    assert!(render(&diff).contains("No changes."));
}

#[test]
fn field_changes_and_verdict_movement_are_reported() {
    let old = base();
    let mut new = old.clone();
    let i = new.item_mut("reliability.slos").unwrap();
    i.status = Status::Done;
    i.owner = "Ann".into();
    i.notes = "two\nlines".into();
    new.launch = Some(d("2026-06-01"));
    let diff = diff(&old, &new, d("2026-01-01"));
    assert_eq!(diff.changed.len(), 1);
    let fields: Vec<_> = diff.changed[0]
        .fields
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["status", "owner", "notes"]);
    assert_eq!(diff.changed[0].fields[0].before, "not-started");
    assert_eq!(diff.changed[0].fields[0].after, "done");
    assert_eq!(diff.workbook[0].field, "launch");
    assert_eq!((diff.verdict_before.red, diff.verdict_after.red), (25, 24));
    assert_eq!(diff.became_green[0].id, "reliability.slos");
    let text = render(&diff);
    assert!(
        text.contains("Verdict: Demo-ready: 25 red → Demo-ready: 24 red"),
        "{text}"
    );
    assert!(text.contains("    status: not-started → done"), "{text}");
    assert!(text.contains("    owner: (none) → Ann"), "{text}");
    assert!(text.contains(r#"notes: (none) → "two\nlines""#), "{text}");
}

#[test]
fn resolving_a_workbook_conflict_shows_in_the_diff_and_the_verdict() {
    let mut old = base();
    old.project = "A".into();
    for c in &mut old.categories {
        for i in &mut c.items {
            // Done as a person sets it: verified, so re-checks pass.
            i.set_status(Status::Done, d("2026-01-01"));
        }
    }
    old.conflicts.push(crate::model::Conflict {
        field: "project".into(),
        ours: "A".into(),
        theirs: "B".into(),
    });
    let mut new = old.clone();
    new.resolve_workbook_conflict("project", &crate::model::Resolution::Theirs)
        .unwrap();
    let diff = diff(&old, &new, d("2026-01-01"));
    let fields: Vec<_> = diff
        .workbook
        .iter()
        .map(|f| (f.field.as_str(), f.before.as_str(), f.after.as_str()))
        .collect();
    assert_eq!(
        fields,
        [("project", "A", "B"), ("conflicts", "project", "")],
        "{diff:?}"
    );
    assert_eq!(diff.verdict_before.workbook_conflicts, 1);
    assert!(!diff.verdict_before.ready && diff.verdict_after.ready);
    assert!(
        render(&diff).contains("Verdict: Demo-ready: 1 workbook conflict → Production-ready"),
        "{}",
        render(&diff)
    );
}

#[test]
fn added_removed_and_moved_items() {
    let old = base();
    let mut new = old.clone();
    new.add_item(0, "Chaos drill");
    new.remove_item(new.locate("security.secrets").unwrap());
    let it = new
        .remove_item(new.locate("reliability.slos").unwrap())
        .unwrap();
    new.categories[1].items.push(it);
    new.move_item(
        ItemLocation {
            category: 3,
            item: 0,
        },
        2,
    );
    let diff = diff(&old, &new, d("2026-01-01"));
    assert_eq!(diff.added[0].id, "reliability.chaos-drill");
    assert_eq!(diff.removed[0].id, "security.secrets");
    let moved: Vec<_> = diff
        .moved
        .iter()
        .map(|m| (m.id.as_str(), m.from.as_str(), m.to.as_str()))
        .collect();
    let perf0 = old.categories[3].items[0].id.as_str();
    assert_eq!(
        moved,
        [
            ("reliability.slos", "Reliability", "Observability"),
            (perf0, "Performance", "Performance")
        ]
    );
    assert!(diff.changed.is_empty(), "moves are not edits");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(100))]

    #[test]
    fn changed_items_are_exactly_the_edited_ones(
        edits in proptest::collection::vec((0usize..25, 0usize..5, "[a-c]{0,2}"), 0..10)
    ) {
        let old = base();
        let mut new = old.clone();
        let ids: Vec<String> = old.items().map(|(_, i)| i.id.clone()).collect();
        for (n, status, owner) in &edits {
            let i = new.item_mut(&ids[*n]).unwrap();
            i.status = Status::ALL[*status];
            i.owner.clone_from(owner);
        }
        let today = d("2026-01-01");
        let changes = diff(&old, &new, today);
        let mut expected: Vec<&str> = ids
            .iter()
            .filter(|id| old.item(id) != new.item(id))
            .map(String::as_str)
            .collect();
        expected.sort_unstable();
        let mut got: Vec<&str> = changes.changed.iter().map(|c| c.id.as_str()).collect();
        got.sort_unstable();
        proptest::prop_assert_eq!(got, expected);
        proptest::prop_assert!(changes.added.is_empty() && changes.removed.is_empty() && changes.moved.is_empty());
        proptest::prop_assert_eq!(changes.verdict_after.red, new.verdict(today).red_count());
    }
}

#[test]
fn longest_increasing_keeps_the_most_items_in_place() {
    let keep = longest_increasing(&[0, 1, 5, 2, 3, 4]);
    assert_eq!(keep.len(), 5);
    assert!(!keep.contains(&2));
    assert!(longest_increasing(&[]).is_empty());
    assert_eq!(longest_increasing(&[1, 1]).len(), 1, "strictly increasing");
}

#[test]
fn identical_workbooks_say_the_verdict_is_unchanged() {
    let wb = base();
    let text = render(&diff(&wb, &wb, d("2026-01-01")));
    assert_eq!(
        text,
        "Verdict: Demo-ready: 25 red (unchanged)\nNo changes.\n"
    );
}

#[test]
fn each_kind_of_change_alone_makes_the_diff_non_empty() {
    let mut old = base();
    old.add_category("Spare");
    type Edit = fn(&mut Workbook);
    let edits: [(&str, Edit); 8] = [
        ("workbook field", |w| w.project = "Renamed".into()),
        ("category added", |w| {
            w.add_category("Compliance");
        }),
        ("category removed", |w| {
            w.categories.pop();
        }),
        ("category renamed", |w| {
            w.categories[0].name = "Uptime".into()
        }),
        ("item added", |w| {
            w.add_item(0, "Chaos drill");
        }),
        ("item removed", |w| {
            w.categories[0].items.pop();
        }),
        ("item moved", |w| w.categories[0].items.swap(0, 1)),
        ("item changed", |w| {
            w.categories[0].items[0].owner = "Ann".into()
        }),
    ];
    for (what, edit) in edits {
        let mut new = old.clone();
        edit(&mut new);
        let diff = diff(&old, &new, d("2026-01-01"));
        assert!(!diff.is_empty(), "{what}");
        let lists = [
            diff.workbook.len(),
            diff.categories_added.len(),
            diff.categories_removed.len(),
            diff.categories_renamed.len(),
            diff.added.len(),
            diff.removed.len(),
            diff.moved.len(),
            diff.changed.len(),
        ];
        assert_eq!(
            lists.iter().filter(|n| **n > 0).count(),
            1,
            "{what}: {lists:?}"
        );
    }
}

#[test]
fn an_item_whose_conflicts_change_is_changed() {
    let old = base();
    let mut new = old.clone();
    new.item_mut("reliability.slos")
        .unwrap()
        .conflicts
        .push(crate::model::Conflict {
            field: "owner".into(),
            ours: "Ann".into(),
            theirs: "Bo".into(),
        });
    let diff = diff(&old, &new, d("2026-01-01"));
    let fields: Vec<_> = diff.changed[0]
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.before.as_str(), f.after.as_str()))
        .collect();
    assert_eq!(fields, [("conflicts", "", "owner")]);
    assert_eq!(diff.verdict_after.conflicts, 1);
}

/// An item's ID, title and status.
type Row<'a> = (&'a str, &'a str, Status);

/// A workbook of categories (ID, name, items).
fn small(categories: &[(&str, &str, &[Row])]) -> Workbook {
    let mut wb = Workbook::new("Shop");
    for (id, name, items) in categories {
        wb.categories.push(crate::model::Category {
            id: (*id).into(),
            name: (*name).into(),
            items: items
                .iter()
                .map(|(id, title, status)| crate::model::Item {
                    id: (*id).into(),
                    title: (*title).into(),
                    status: *status,
                    ..crate::model::Item::default()
                })
                .collect(),
        });
    }
    wb
}

#[test]
fn a_diff_with_every_kind_of_change_renders_exactly_so() {
    use Status::{Done, NotStarted};
    let old = small(&[
        (
            "a",
            "Alpha",
            &[
                ("a.one", "One", Done),
                ("a.two", "Two", NotStarted),
                ("a.three", "Three", Done),
                ("a.four", "Four", Done),
            ],
        ),
        (
            "b",
            "Beta",
            &[("b.one", "B one", NotStarted), ("b.two", "B two", Done)],
        ),
        ("c", "Gamma", &[]),
    ]);
    let mut new = small(&[
        (
            "a",
            "Alpha team",
            &[("a.one", "One", NotStarted), ("a.three", "Three", Done)],
        ),
        (
            "b",
            "Beta",
            &[
                ("b.two", "B two", Done),
                ("b.one", "B one", Done),
                ("a.two", "Two", NotStarted),
                ("b.new", "New", NotStarted),
            ],
        ),
        ("d", "Delta", &[]),
    ]);
    new.project = "Shop 2".into();
    new.description = "Line\nbreak".into();
    new.item_mut("b.one").unwrap().owner = " Bo ".into();
    let diff = diff(&old, &new, d("2026-01-01"));
    assert_eq!(
        render(&diff),
        "\
Verdict: Demo-ready: 2 red → Demo-ready: 3 red

Now red (1):
  ! a.one  One  [Alpha team]

Now passing (1):
  ✓ b.one  B one  [Beta]

Workbook:
  project: Shop → Shop 2
  description: (none) → \"Line\\nbreak\"

Category added: Delta

Category removed: Gamma

Category renamed: Alpha → Alpha team

Added (1):
  + b.new  New  [Beta]

Removed (1):
  - a.four  Four  [Alpha]

Moved (2):
  ~ a.two  Two  (Alpha → Beta)
  ~ b.two  B two  (reordered in Beta)

Changed (2):
  a.one  One
    status: done → not-started
  b.one  B one
    status: not-started → done
    owner: (none) → \" Bo \"
"
    );
    let summary = |v: &VerdictSummary| (v.ready, v.red, v.items, v.conflicts);
    assert_eq!(summary(&diff.verdict_before), (false, 2, 6, 0));
    assert_eq!(summary(&diff.verdict_after), (false, 3, 6, 0));
}

#[test]
fn reviews_started_and_ended_are_reported() {
    use crate::model::{Decision, ReviewStart, SignOff};
    let old = base();
    let mut open = old.clone();
    open.start_review(ReviewStart {
        title: "Q1".into(),
        date: d("2026-02-01"),
        attendees: Vec::new(),
    })
    .unwrap();
    let mut ended = open.clone();
    ended
        .end_review(SignOff {
            decision: Decision::NoGo,
            conditions: String::new(),
            approvers: Vec::new(),
        })
        .unwrap();
    let as_of = d("2026-02-01");
    let started = diff(&old, &open, as_of);
    assert_eq!(started.reviews_started, ["Q1 (2026-02-01)"]);
    assert!(started.reviews_ended.is_empty());
    assert!(!started.is_empty());
    assert_eq!(started.summary(), "1 review started");
    assert!(render(&started).contains("\nReview started: Q1 (2026-02-01)\n"));
    let closed = diff(&open, &ended, as_of);
    assert!(closed.reviews_started.is_empty());
    assert_eq!(closed.reviews_ended, ["Q1 (2026-02-01): no-go"]);
    assert!(!closed.is_empty());
    assert_eq!(closed.summary(), "1 review ended");
    assert!(render(&closed).contains("\nReview ended: Q1 (2026-02-01): no-go\n"));
    let both = diff(&old, &ended, as_of);
    assert_eq!(both.summary(), "1 review started, 1 review ended");
    // Already ended before: nothing to say.
    assert!(diff(&ended, &ended, as_of).is_empty());
    let mut two = ended.clone();
    two.start_review(ReviewStart {
        title: "Q2".into(),
        date: d("2026-03-01"),
        attendees: Vec::new(),
    })
    .unwrap();
    let mut three = two.clone();
    three.reviews[1].sign_off = ended.reviews[0].sign_off.clone();
    three.reviews.push(crate::model::Review {
        id: "x".into(),
        ..three.reviews[1].clone()
    });
    let d2 = diff(&ended, &three, as_of);
    assert_eq!(d2.summary(), "2 reviews started, 2 reviews ended");
}
