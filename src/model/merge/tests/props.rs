//! Property tests: random edits a person could make, merged.

use super::*;
use proptest::prelude::*;

/// Random edits that a person could make in the app. Field edits pick
/// from the field lists, so every item and workbook field is edited.
#[derive(Debug, Clone)]
enum Op {
    /// Item, field (index into [`ItemField::ALL`]), value (see [`value`]).
    SetField(usize, usize, usize),
    /// Empties a field where the model allows it (not the title or status).
    ClearField(usize, usize),
    AppendNote(usize, String),
    AddEvidence(usize, String),
    Remove(usize),
    Add(usize, String),
    Move(usize, bool),
    /// Field (index into [`workbook_fields`]), value.
    SetWorkbookField(usize, usize),
    ClearWorkbookField(usize),
    RenameCategory(usize, String),
}

fn op() -> impl Strategy<Value = Op> {
    let n = 0usize..40;
    let field = 0usize..100;
    prop_oneof![
        3 => (n.clone(), field.clone(), 0usize..4).prop_map(|(i, f, v)| Op::SetField(i, f, v)),
        1 => (n.clone(), field.clone()).prop_map(|(i, f)| Op::ClearField(i, f)),
        1 => (n.clone(), "[a-z\n]{0,8}").prop_map(|(i, s)| Op::AppendNote(i, s)),
        1 => (n.clone(), "[a-z]{1,4}").prop_map(|(i, s)| Op::AddEvidence(i, s)),
        1 => n.clone().prop_map(Op::Remove),
        1 => (0usize..6, "[a-z]{1,6}").prop_map(|(c, s)| Op::Add(c, s)),
        1 => (n, any::<bool>()).prop_map(|(i, d)| Op::Move(i, d)),
        1 => (field.clone(), 0usize..4).prop_map(|(f, v)| Op::SetWorkbookField(f, v)),
        1 => field.prop_map(Op::ClearWorkbookField),
        1 => (0usize..6, "[A-Z][a-z]{0,6}").prop_map(|(c, s)| Op::RenameCategory(c, s)),
    ]
}

fn apply(wb: &Workbook, ops: &[Op]) -> Workbook {
    let workbook_fields = workbook_fields();
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
        let item_field = |f: usize| ItemField::ALL[f % ItemField::ALL.len()];
        let workbook_field = |f: usize| workbook_fields[f % workbook_fields.len()].as_str();
        match op {
            Op::SetField(i, f, v) => {
                if let Some(it) = at(&mut wb, pick(*i)) {
                    let f = item_field(*f);
                    it.set_field(f, &value(f, *v)).unwrap();
                }
            }
            Op::ClearField(i, f) => {
                if let Some(it) = at(&mut wb, pick(*i)) {
                    // The title and the status refuse to be empty: no edit.
                    it.set_field(item_field(*f), "").ok();
                }
            }
            Op::AppendNote(i, s) => at(&mut wb, pick(*i))
                .into_iter()
                .for_each(|it| it.notes.push_str(&format!("\n\n{s}"))),
            // As the app and `set --evidence` add a link: once. (Pushing
            // made duplicate links no one can make, which a merge keeps
            // once.)
            Op::AddEvidence(i, s) => at(&mut wb, pick(*i)).into_iter().for_each(|it| {
                let _ = it.add_to_field(crate::model::ItemField::Evidence, s);
            }),
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
            Op::SetWorkbookField(f, v) => {
                let f = workbook_field(*f);
                wb.set_field(f, &workbook_value(f, *v)).unwrap();
            }
            Op::ClearWorkbookField(f) => {
                // The project and category names refuse to be empty.
                wb.set_field(workbook_field(*f), "").ok();
            }
            Op::RenameCategory(c, name) => {
                let c = c % wb.categories.len();
                wb.categories[c].name.clone_from(name);
            }
        }
    }
    wb
}

/// The conflicts a merge reported, as (item, field, ours, theirs), sorted.
fn reported(m: &Merged, swap: bool) -> Vec<(Option<String>, String, String, String)> {
    let mut out: Vec<_> = m
        .conflicts
        .iter()
        .map(|c| {
            let (o, t) = if swap {
                (&c.theirs, &c.ours)
            } else {
                (&c.ours, &c.theirs)
            };
            (c.item.clone(), c.field.clone(), o.clone(), t.clone())
        })
        .collect();
    out.sort();
    out
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

    #[test]
    fn swapping_the_sides_finds_the_same_conflicts_the_other_way_round(
        ours in prop::collection::vec(op(), 0..10),
        theirs in prop::collection::vec(op(), 0..10),
    ) {
        let b = base();
        let (o, t) = (apply(&b, &ours), apply(&b, &theirs));
        let (m, swapped) = (merge(&b, &o, &t), merge(&b, &t, &o));
        prop_assert_eq!(reported(&m, false), reported(&swapped, true));
        let item_ids = |wb: &Workbook| {
            let mut ids: Vec<String> = wb.items().map(|(_, i)| i.id.clone()).collect();
            ids.sort();
            ids
        };
        prop_assert_eq!(item_ids(&m.workbook), item_ids(&swapped.workbook));
    }
}
