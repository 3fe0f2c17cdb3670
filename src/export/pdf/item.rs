//! The parts of an item's block that both documents print: the title with
//! a status mark beside it, why the item is red, its text fields under a
//! label, its evidence and conflicts, and the rule that ends the block.
//! Each document's `item_block` composes these with its own parts (the
//! walkthrough's lines to write on, the report's status pill and summary).
//!
//! Field values are read through [`ItemField`], so that a new field is
//! named here once: [`label`] and [`origin`] match on every field.

use super::canvas::{BODY, Block, Doc, Rgb3, Row, Style, ink};
use super::glyphs::Origin;
use super::parts;
use crate::model::{Item, ItemCheck, ItemField};

/// Evidence links are printed in the colour links usually have.
pub(super) const LINK: Rgb3 = [0.1, 0.25, 0.6];

/// Where an item's text goes: its left edge and width. The status mark sits
/// in the margin left of it.
pub(super) type Column = (f32, f32);

/// A field's label as printed on paper: the model's label, shortened where
/// the layout gives it less room (a date beside its context says enough).
pub(super) fn label(field: ItemField) -> &'static str {
    match field {
        ItemField::Due => "Due",
        ItemField::MitigationUntil => "Until",
        ItemField::Verified => "Verified",
        ItemField::Every => "Re-check",
        ItemField::Title
        | ItemField::Description
        | ItemField::Status
        | ItemField::Owner
        | ItemField::MitigationText
        | ItemField::MitigationAcceptedBy
        | ItemField::Notes
        | ItemField::Evidence
        | ItemField::Reworded => field.label(),
    }
}

/// Where a field's text comes from, for the warning about characters no
/// font has. Dates, the status and intervals are printed in words and
/// digits Shipshape writes itself, which every font covers.
pub(super) fn origin(item: &Item, field: ItemField) -> Origin<'_> {
    let name = match field {
        ItemField::Title => "title",
        ItemField::Description => "description",
        ItemField::Owner => "owner",
        ItemField::MitigationText => "mitigation",
        ItemField::MitigationAcceptedBy => "accepted by",
        ItemField::Notes => "notes",
        ItemField::Evidence => "evidence",
        ItemField::Reworded => "previous wording",
        ItemField::Status
        | ItemField::Due
        | ItemField::MitigationUntil
        | ItemField::Verified
        | ItemField::Every => return Origin::Fixed,
    };
    Origin::Item(&item.id, name)
}

/// A field's value as printed: its text form without surrounding blanks
/// (dates `YYYY-MM-DD`, empty for none).
pub(super) fn value(item: &Item, field: ItemField) -> String {
    field.get(item).trim().to_owned()
}

/// The title, wrapped in `col`; `mark` draws the status beside its first
/// line (a box to tick, a coloured label).
pub(super) fn title(
    doc: &mut Doc,
    item: &Item,
    (x, w): Column,
    title_style: Style,
    mark: impl FnOnce(&mut Doc, &mut Row),
) -> Vec<Row> {
    let field = ItemField::Title;
    let mut rows = doc.paragraph(x, w, &item.title, title_style, origin(item, field));
    if let Some(first) = rows.first_mut() {
        mark(doc, first);
    }
    rows
}

/// "`lead`: why the item blocks the launch", or nothing when it passes.
pub(super) fn red_line(
    doc: &mut Doc,
    check: &ItemCheck<'_>,
    (x, w): Column,
    lead: &str,
    style: Style,
) -> Vec<Row> {
    match check.red {
        Some(reason) => doc.paragraph(x, w, &format!("{lead}: {reason}"), style, Origin::Fixed),
        None => Vec::new(),
    }
}

/// The text of `field` wrapped in `col`, or nothing when it is blank.
pub(super) fn text(
    doc: &mut Doc,
    item: &Item,
    field: ItemField,
    (x, w): Column,
    style: Style,
) -> Vec<Row> {
    parts::body(doc, x, w, &field.get(item), style, origin(item, field))
}

/// The text of `field` under its label in small capitals ("NOTES"), after a
/// gap; nothing when the field is blank.
pub(super) fn labelled_text(
    doc: &mut Doc,
    block: &mut Block,
    item: &Item,
    field: ItemField,
    (x, w): Column,
    gap: f32,
    style: Style,
) {
    let value = field.get(item);
    if value.trim().is_empty() {
        return;
    }
    block.gap(gap);
    block.push(parts::label_row(doc, x, w, &label(field).to_uppercase()));
    block.extend(parts::body(doc, x, w, &value, style, origin(item, field)));
}

/// The evidence links, one bullet each, under their label after a gap;
/// nothing when there are none.
pub(super) fn evidence(doc: &mut Doc, block: &mut Block, item: &Item, (x, w): Column, gap: f32) {
    let field = ItemField::Evidence;
    let links = field.links(item).unwrap_or_default();
    if links.is_empty() {
        return;
    }
    block.gap(gap);
    block.push(parts::label_row(doc, x, w, &label(field).to_uppercase()));
    for link in links {
        block.extend(doc.link_paragraph(
            (x, w),
            &format!("• {link}"),
            BODY.with_color(LINK),
            origin(item, field),
            link,
        ));
    }
}

/// Each unresolved merge conflict with both values, in red.
pub(super) fn conflicts(doc: &mut Doc, block: &mut Block, item: &Item, (x, w): Column) {
    for conflict in &item.conflicts {
        block.gap(3.0);
        let text = format!(
            "Merge conflict in {}: ours “{}”, theirs “{}”",
            conflict.field, conflict.ours, conflict.theirs
        );
        block.extend(doc.paragraph(
            x,
            w,
            &text,
            Style::new(false, 8.5, ink::RED),
            Origin::Item(&item.id, "conflict"),
        ));
    }
}

/// Ends an item's block: a gap, then a thin rule across the text width.
pub(super) fn end(doc: &Doc, block: &mut Block, gap: f32) {
    let geo = doc.geo;
    block.gap(gap);
    let mut rule = Row::new(0.5);
    rule.line((geo.left, 0.0), (geo.right, 0.0), ink::RULE, 0.4);
    block.push(rule);
}
