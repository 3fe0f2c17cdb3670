//! Where items and categories end up: additions, reorders and moves.

use super::*;

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
fn when_both_sides_reorder_ours_order_wins() {
    let b = base();
    let mut o = b.clone();
    o.categories[0].items.swap(0, 1);
    let mut t = b.clone();
    t.categories[0].items.swap(3, 4);
    t.categories.swap(1, 2);
    let m = merge(&b, &o, &t);
    assert!(m.is_clean());
    assert_eq!(ids(&m.workbook, 0), ids(&o, 0));
    let cats: Vec<_> = m
        .workbook
        .categories
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let theirs: Vec<_> = t.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(cats, theirs, "only theirs reordered the categories");
}

#[test]
fn an_item_added_after_another_lands_right_after_it() {
    let b = base();
    let mut t = b.clone();
    let loc = t.add_item(0, "Second").unwrap();
    let added = t.remove_item(loc).unwrap();
    t.categories[0].items.insert(2, added);
    // Ours is the skeleton (neither side reordered); theirs' new item goes
    // right after the one it follows there.
    let m = merge(&b, &b, &t);
    assert_eq!(ids(&m.workbook, 0)[2], "reliability.second");
    assert_eq!(ids(&m.workbook, 0), ids(&t, 0));
}

#[test]
fn resolving_a_move_conflict_to_where_the_item_is_leaves_it_in_place() {
    let b = base();
    let mv = |to: usize| {
        let mut w = b.clone();
        let it = w
            .remove_item(w.locate("reliability.slos").unwrap())
            .unwrap();
        w.categories[to].items.insert(0, it);
        w
    };
    let mut wb = merge(&b, &mv(1), &mv(2)).workbook;
    let before = ids(&wb, 1)
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>();
    assert_eq!(before[0], "reliability.slos");
    wb.resolve_conflict("reliability.slos", CATEGORY_FIELD, &Resolution::Ours)
        .unwrap();
    assert_eq!(ids(&wb, 1), before);
    assert_eq!(wb.conflict_count(), 0);
    assert!(matches!(
        merge(&b, &mv(1), &mv(2)).workbook.resolve_conflict(
            "reliability.slos",
            CATEGORY_FIELD,
            &Resolution::Value("nowhere".into())
        ),
        Err(ResolveError::NoCategory(_))
    ));
}

#[test]
fn items_both_sides_add_after_the_same_item_land_together_in_a_fixed_order() {
    // Which comes first is arbitrary, but it must not change between runs
    // or versions: the merged file would differ for the same inputs.
    let b = base();
    let add_second = |title: &str| {
        let mut w = b.clone();
        let loc = w.add_item(0, title).unwrap();
        let added = w.remove_item(loc).unwrap();
        w.categories[0].items.insert(1, added);
        w
    };
    let (o, t) = (add_second("Ours"), add_second("Theirs"));
    let m = merge(&b, &o, &t);
    assert_eq!(
        ids(&m.workbook, 0)[..4],
        [
            "reliability.slos",
            "reliability.theirs",
            "reliability.ours",
            "reliability.autoscaling"
        ]
    );
}
