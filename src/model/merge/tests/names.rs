//! The names conflicts are recorded under, read back: the conflict views
//! decide from them what a conflict is about and how its values are edited.

use super::*;

#[test]
fn every_conflict_field_name_parses_to_what_it_names() {
    use ConflictField as C;
    for f in ItemField::ALL {
        assert_eq!(C::parse(f.name(), true), C::Item(f), "{f:?}");
    }
    assert_eq!(C::parse(REMOVED_FIELD, true), C::ItemRemoved);
    assert_eq!(C::parse(CATEGORY_FIELD, true), C::ItemCategory);
    assert_eq!(C::parse("colour", true), C::Unknown("colour"));
    for f in WorkbookField::ALL {
        assert_eq!(C::parse(f.name(), false), C::Workbook(f), "{f:?}");
    }
    let (name, removed) = (category_name_field("ops"), category_removed_field("ops"));
    assert_eq!(C::parse(&name, false), C::CategoryName("ops"));
    assert_eq!(C::parse(&removed, false), C::CategoryRemoved("ops"));
    // The same words mean other things, or nothing, on the other level.
    assert_eq!(C::parse(REMOVED_FIELD, false), C::Unknown(REMOVED_FIELD));
    assert_eq!(C::parse(&name, true), C::Unknown(&name));
    assert_eq!(C::parse("launch", true), C::Unknown("launch"));
    assert_eq!(C::parse("colour", false), C::Unknown("colour"));
}

#[test]
fn only_either_or_conflicts_refuse_a_value_of_their_own() {
    use ConflictField as C;
    for either_or in [C::ItemRemoved, C::ItemCategory, C::CategoryRemoved("ops")] {
        assert!(!either_or.takes_a_value(), "{either_or:?}");
    }
    let fields = ItemField::ALL.map(C::Item).into_iter();
    let workbook = WorkbookField::ALL.map(C::Workbook).into_iter();
    for valued in fields
        .chain(workbook)
        .chain([C::CategoryName("ops"), C::Unknown("colour")])
    {
        assert!(valued.takes_a_value(), "{valued:?}");
    }
}

#[test]
fn a_conflict_is_edited_as_its_field_is() {
    use ConflictField as C;
    for f in ItemField::ALL {
        assert_eq!(C::Item(f).kind(), f.kind(), "{f:?}");
    }
    for f in WorkbookField::ALL {
        assert_eq!(C::Workbook(f).kind(), f.kind(), "{f:?}");
    }
    for other in [
        C::ItemRemoved,
        C::ItemCategory,
        C::CategoryName("ops"),
        C::CategoryRemoved("ops"),
        C::Unknown("colour"),
    ] {
        assert_eq!(other.kind(), FieldKind::Text, "{other:?}");
    }
}
