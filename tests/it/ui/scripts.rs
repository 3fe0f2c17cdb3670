//! Right-to-left names in the window (issue 12, point 5): the table and
//! the editor's heading draw them joined and in visual order, while the
//! workbook and the text fields keep them as typed.

use egui_kittest::kittest::Queryable;
use shipshape::storage;

use super::{AUTOSCALING, AUTOSCALING_TITLE, harness, item, select_row, today, workbook_file};

#[test]
fn right_to_left_names_are_drawn_joined_and_in_visual_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_file(dir.path(), "w.shipshape.ron", "Scripts", today(), false);
    let mut wb = storage::load(&path).unwrap().workbook;
    let first = wb.categories[0].items[0].id.clone();
    wb.item_mut(&first).unwrap().owner = "محمد علي".into();
    let autoscaling = wb.item_mut(AUTOSCALING).unwrap();
    autoscaling.owner = "דוד כהן".into();
    autoscaling.title = format!("{AUTOSCALING_TITLE} — בדיקת עומס");
    storage::save(&path, &wb).unwrap();
    let mut h = harness(dir.path(), Some(path));
    h.run();
    // Arabic joined into presentation forms: initial, medial, final.
    let joined = "\u{FEE3}\u{FEA4}\u{FEE4}\u{FEAA} \u{FECB}\u{FEE0}\u{FEF2}";
    h.get_by_label(joined);
    // A Hebrew name alone is left for egui's shaper to reverse.
    h.get_by_label("דוד כהן");
    // After Latin, Hebrew is handed over in visual order.
    let visual_title = format!("{AUTOSCALING_TITLE} — סמוע תקידב");
    select_row(&mut h, &visual_title);
    assert_eq!(h.state().selected(), Some(AUTOSCALING));
    // The model keeps what was typed.
    assert_eq!(item(h.state(), AUTOSCALING).owner, "דוד כהן");
    assert_eq!(item(h.state(), &first).owner, "محمد علي");
}
