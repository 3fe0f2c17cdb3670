//! Merge edge cases that once lost a side silently: a category removed on
//! one side and changed on the other, and the same new ID added on both.

use super::*;

fn without_category(wb: &Workbook, id: &str) -> Workbook {
    let mut wb = wb.clone();
    wb.categories.retain(|c| c.id != id);
    wb
}

#[test]
fn a_category_renamed_on_one_side_and_removed_on_the_other_conflicts() {
    let b = base();
    let mut renamed = b.clone();
    renamed.categories[4].name = "Ops".into();
    let removed = without_category(&b, "operations");
    for (o, t, ours_value) in [(&renamed, &removed, KEPT), (&removed, &renamed, REMOVED)] {
        let m = merge(&b, o, t);
        assert!(!m.is_clean(), "the rename is not lost silently");
        let field = category_removed_field("operations");
        let c = m
            .workbook
            .conflicts
            .iter()
            .find(|c| c.field == field)
            .unwrap();
        assert_eq!(c.ours, ours_value);
        let cat = m.workbook.categories.iter().find(|c| c.id == "operations");
        assert_eq!(cat.unwrap().name, "Ops", "kept with the rename");
        assert!(!m.workbook.verdict(chrono::NaiveDate::MIN).ready());
    }
}

#[test]
fn a_category_whose_items_changed_on_one_side_and_removed_on_the_other_conflicts() {
    let b = base();
    let mut edited = b.clone();
    edited.item_mut("operations.iac").unwrap().status = Status::Done;
    let removed = without_category(&b, "operations");
    let m = merge(&b, &edited, &removed);
    let field = category_removed_field("operations");
    assert!(m.workbook.conflicts.iter().any(|c| c.field == field));
    assert!(
        m.conflicts
            .iter()
            .any(|c| c.field == field && c.item.is_none())
    );
    // The edited item is kept (its own removed/kept conflict), the untouched
    // ones go with the removal.
    let ops = m
        .workbook
        .categories
        .iter()
        .find(|c| c.id == "operations")
        .unwrap();
    assert_eq!(ops.items.len(), 1);
    assert_eq!(ops.items[0].id, "operations.iac");
}

#[test]
fn a_category_removed_on_one_side_and_untouched_on_the_other_goes() {
    let b = base();
    let removed = without_category(&b, "operations");
    let m = merge(&b, &b, &removed);
    assert!(m.is_clean());
    assert!(m.workbook.categories.iter().all(|c| c.id != "operations"));
    assert_eq!(m.workbook.item_count(), 20);
}

#[test]
fn resolving_a_category_removal_removes_or_keeps_it() {
    let b = base();
    let mut renamed = b.clone();
    renamed.categories[4].name = "Ops".into();
    let m = merge(&b, &renamed, &without_category(&b, "operations"));
    let field = category_removed_field("operations");
    let mut keep = m.workbook.clone();
    keep.resolve_conflict("", &field, &Resolution::Ours)
        .unwrap();
    assert!(keep.conflicts.is_empty());
    assert_eq!(keep.categories.len(), 5);
    let mut remove = m.workbook.clone();
    remove
        .resolve_conflict("", &field, &Resolution::Theirs)
        .unwrap();
    assert!(remove.conflicts.is_empty());
    assert_eq!(remove.categories.len(), 4);
    assert_eq!(remove.item_count(), 20);
    let mut bad = m.workbook.clone();
    assert!(matches!(
        bad.resolve_conflict("", &field, &Resolution::Value("maybe".into())),
        Err(ResolveError::NotRemovedOrKept(_))
    ));
    assert_eq!(bad, m.workbook);
}

#[test]
fn the_same_new_id_added_on_both_sides_keeps_both_items() {
    let b = base();
    let add = |title: &str| {
        let mut wb = b.clone();
        let loc = wb.add_item(0, "Chaos drill").unwrap();
        wb.categories[0].items[loc.item].description = title.into();
        wb
    };
    let (o, t) = (add("ours"), add("theirs"));
    let id = o.categories[0].items[5].id.clone();
    assert_eq!(id, t.categories[0].items[5].id);
    let m = merge(&b, &o, &t);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    assert_eq!(m.workbook.item_count(), 27);
    assert_eq!(m.workbook.item(&id).unwrap().description, "ours");
    let fresh = format!("{id}-2");
    assert_eq!(m.workbook.item(&fresh).unwrap().description, "theirs");
    assert_eq!(m.notes.len(), 1);
    assert!(m.notes[0].contains(&fresh), "{:?}", m.notes);
    m.workbook.validate().unwrap();

    // The same item added on both sides is one item.
    let m = merge(&b, &o, &o);
    assert_eq!(m.workbook.item_count(), 26);
    assert!(m.notes.is_empty());
}
