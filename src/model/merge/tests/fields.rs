//! The three-way rule for every field, from the field list: a change on one
//! side wins over the untouched other, the same change on both sides agrees,
//! and different changes keep ours and record a conflict with both values,
//! which resolving to either side settles. (Notes appended on both sides and
//! evidence links, which merge as a set, have their own tests in `items`.)

use super::*;

const ID: &str = "reliability.slos";

/// The template with notes already on the item: two different notes are
/// then rewrites, not the appends merge keeps both of.
fn item_base() -> Workbook {
    edit(&base(), ID, |i| i.notes = "Kickoff.".into())
}

fn with_item_field(wb: &Workbook, field: ItemField, value: &str) -> Workbook {
    let mut wb = wb.clone();
    wb.item_mut(ID).unwrap().set_field(field, value).unwrap();
    wb
}

fn with_workbook_field(wb: &Workbook, field: &str, value: &str) -> Workbook {
    let mut wb = wb.clone();
    wb.set_field(field, value).unwrap();
    wb
}

/// What every field shares: one-sided changes on either side and the same
/// change on both merge cleanly to the changed side.
fn assert_one_sided_changes_merge(field: &str, b: &Workbook, o: &Workbook, t: &Workbook) {
    assert_ne!(o, b, "{field}: the test value must differ from the base");
    for (label, ours, theirs, want) in [
        ("ours only is kept", o, b, o),
        ("theirs only is taken", b, t, t),
        ("the same change on both sides agrees", o, o, o),
        ("theirs on both sides agrees", t, t, t),
    ] {
        let m = merge(b, ours, theirs);
        assert!(m.is_clean(), "{field}: {label}: {:?}", m.conflicts);
        assert_eq!(&m.workbook, want, "{field}: {label}");
    }
}

#[test]
fn every_item_field_merges_by_the_three_way_rule() {
    let b = item_base();
    for field in ItemField::ALL {
        let (ours, theirs) = values(field);
        let (o, t) = (
            with_item_field(&b, field, &ours),
            with_item_field(&b, field, &theirs),
        );
        assert_one_sided_changes_merge(field.name(), &b, &o, &t);

        let m = merge(&b, &o, &t);
        let merged = item(&m.workbook, ID);
        if field.kind() == FieldKind::Links {
            assert!(m.is_clean(), "links merge as a set: {:?}", m.conflicts);
            assert_eq!(field.get(merged), format!("{ours}\n{theirs}"));
            continue;
        }
        let conflict = Conflict {
            field: field.name().to_owned(),
            ours: ours.clone(),
            theirs: theirs.clone(),
        };
        assert!(!m.is_clean(), "{field}");
        let mut want = o.clone();
        want.item_mut(ID).unwrap().conflicts = vec![conflict.clone()];
        assert_eq!(
            m.workbook, want,
            "{field}: ours kept, the conflict recorded"
        );
        assert_eq!(
            m.conflicts,
            [MergeConflict {
                item: Some(ID.to_owned()),
                field: field.name().to_owned(),
                ours,
                theirs,
            }],
            "{field}"
        );
        for (resolution, side) in [(Resolution::Ours, &o), (Resolution::Theirs, &t)] {
            let mut wb = m.workbook.clone();
            wb.resolve_conflict(ID, field.name(), &resolution).unwrap();
            assert_eq!(&wb, side, "{field}: resolved to {resolution:?}");
        }
    }
}

#[test]
fn every_workbook_field_merges_by_the_three_way_rule() {
    let b = base();
    for field in workbook_fields() {
        let field = field.as_str();
        let (ours, theirs) = workbook_values(field);
        let (o, t) = (
            with_workbook_field(&b, field, &ours),
            with_workbook_field(&b, field, &theirs),
        );
        assert_one_sided_changes_merge(field, &b, &o, &t);

        let m = merge(&b, &o, &t);
        let conflict = Conflict {
            field: field.to_owned(),
            ours: ours.clone(),
            theirs: theirs.clone(),
        };
        assert!(!m.is_clean(), "{field}");
        let mut want = o.clone();
        want.conflicts = vec![conflict];
        assert_eq!(
            m.workbook, want,
            "{field}: ours kept, the conflict recorded"
        );
        assert_eq!(
            m.conflicts,
            [MergeConflict {
                item: None,
                field: field.to_owned(),
                ours,
                theirs,
            }],
            "{field}"
        );
        for (resolution, side) in [(Resolution::Ours, &o), (Resolution::Theirs, &t)] {
            let mut wb = m.workbook.clone();
            wb.resolve_conflict("", field, &resolution).unwrap();
            assert_eq!(&wb, side, "{field}: resolved to {resolution:?}");
        }
    }
}

#[test]
fn one_sided_changes_to_every_field_at_once_merge_from_both_sides() {
    // Ours changes every item field of one item, theirs every field of
    // another and every workbook field: nothing is lost either way round.
    let b = item_base();
    let other = "security.secrets";
    let mut o = b.clone();
    let mut t = b.clone();
    for field in ItemField::ALL {
        let (ours, theirs) = values(field);
        o.item_mut(ID).unwrap().set_field(field, &ours).unwrap();
        t.item_mut(other)
            .unwrap()
            .set_field(field, &theirs)
            .unwrap();
    }
    for field in workbook_fields() {
        t.set_field(&field, &workbook_values(&field).1).unwrap();
    }
    let mut want = t.clone();
    *want.item_mut(ID).unwrap() = item(&o, ID).clone();
    for (ours, theirs) in [(&o, &t), (&t, &o)] {
        let m = merge(&b, ours, theirs);
        assert!(m.is_clean(), "{:?}", m.conflicts);
        assert_eq!(m.workbook, want);
    }
}
