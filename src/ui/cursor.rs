//! Where the text cursor goes when a key opens a field: `O`, `D` and the
//! presenter's fields select what the field holds, so what is typed
//! replaces it (`O`, `a`, Enter on an item Bob owns assigns Alice, not
//! "Boba"); a mitigation or note opens with the cursor at its end, to add
//! to it.

use egui::text::{CCursor, CCursorRange};

/// Puts the text cursor of the text field `id` after its `len`
/// characters, or selects all of them (`whole`).
pub fn place(ctx: &egui::Context, id: egui::Id, len: usize, whole: bool) {
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    let end = CCursor::new(len);
    let range = if whole {
        CCursorRange::two(CCursor::new(0), end)
    } else {
        CCursorRange::one(end)
    };
    state.cursor.set_char_range(Some(range));
    state.store(ctx, id);
}
