//! One item's block in the walkthrough: its agenda number and ID, what the
//! meeting must hear about it (overdue, lapsing), what the workbook knows,
//! and the lines and boxes the meeting fills in — claimed and confirmed
//! ticks, evidence seen, the mitigation, decisions and actions.

use super::field;
use crate::export::pdf::agenda::Entry;
use crate::export::pdf::canvas::{BODY, Block, Doc, LABEL, Row, SMALL, Style, TITLE, ink};
use crate::export::pdf::glyphs::Origin;
use crate::export::pdf::item::{self, LINK};
use crate::export::pdf::nav::Mark;
use crate::export::pdf::parts;
use crate::model::{Item, ItemCheck, ItemField, Status};

/// Where the item's text starts, right of its agenda number.
const ITEM_INDENT: f32 = 24.0;

/// Lines to write on for the items on the agenda, and for the others.
const AGENDA_LINES: Lines = Lines {
    mitigation: 3,
    decisions: 2,
};
const PASSING_LINES: Lines = Lines {
    mitigation: 1,
    decisions: 1,
};

struct Lines {
    mitigation: usize,
    decisions: usize,
}

/// The block of check `key` (its index in the verdict), numbered when it is
/// on the agenda.
pub(super) fn item_block(
    doc: &mut Doc,
    check: &ItemCheck<'_>,
    entry: Option<&Entry>,
    key: usize,
) -> Block {
    let geo = doc.geo;
    let item = check.item;
    let col = (geo.left + ITEM_INDENT, geo.text_width() - ITEM_INDENT);
    let mut block = Block::default();
    block.gap(6.0);
    block.extend(item::title(doc, item, col, TITLE, |doc, row| {
        row.mark(Mark::Target(key));
        if let Some(entry) = entry {
            let number = entry.number.to_string();
            row.outline(1, &format!("{number}. {}", item.title));
            // The number first, so that text extraction reads "3 Title".
            let mut numbered = Row::new(row.h);
            doc.text_right(
                &mut numbered,
                geo.left + ITEM_INDENT - 8.0,
                0.0,
                &number,
                TITLE,
            );
            numbered.append(std::mem::take(row));
            *row = numbered;
        }
    }));
    let id = format!("ID {}", item.id);
    block.extend(doc.paragraph(
        col.0,
        col.1,
        &id,
        SMALL,
        item::origin(item, ItemField::Title),
    ));
    for marker in entry.map_or(&[][..], |e| &e.markers) {
        let color = if marker.blocks() {
            ink::RED
        } else {
            ink::AMBER
        };
        let style = Style::new(true, 8.0, color);
        block.extend(doc.paragraph(col.0, col.1, &marker.text(), style, Origin::Fixed));
    }
    let muted = BODY.with_color(ink::MUTED);
    block.extend(item::text(doc, item, ItemField::Description, col, muted));
    // Owner and due date: printed when known, a line to write on when not.
    let owner_due = [(ItemField::Owner, 0.0, 0.62), (ItemField::Due, 0.66, 0.34)];
    block.push(field_row(doc, check, col, 21.0, &owner_due));
    // Re-checked items: when it was last verified (a line when never) and
    // how often the checklist asks.
    if item.every.is_some() {
        let recheck = [
            (ItemField::Verified, 0.0, 0.62),
            (ItemField::Every, 0.66, 0.34),
        ];
        block.push(field_row(doc, check, col, 21.0, &recheck));
    }
    block.push(status_choices(doc, item, col));
    block.push(ticks(doc, check, entry, col));
    evidence(doc, &mut block, item, col);
    let lines = if entry.is_some() {
        AGENDA_LINES
    } else {
        PASSING_LINES
    };
    block.gap(4.0);
    block.extend(mitigation_box(doc, check, col, lines.mitigation));
    block.extend(decisions(doc, col, lines.decisions));
    let notes_style = SMALL.with_color(ink::TEXT);
    item::labelled_text(
        doc,
        &mut block,
        item,
        ItemField::Notes,
        col,
        4.0,
        notes_style,
    );
    item::end(doc, &mut block, 6.0);
    block
}

/// An item's fields side by side on a row `h` high, each a [`field`]
/// starting at a fraction of the column's width and as wide as another.
/// A relative due prints with its date (`T-14 · 2027-01-17`).
fn field_row(
    doc: &mut Doc,
    check: &ItemCheck<'_>,
    (x, w): item::Column,
    h: f32,
    fields: &[(ItemField, f32, f32)],
) -> Row {
    let item = check.item;
    let mut row = Row::new(h);
    for &(f, at, width) in fields {
        let value = match f {
            ItemField::Due => check.due_text(),
            _ => item::value(item, f),
        };
        let place = (x + w * at, 6.0);
        let label = (item::label(f), 0.0);
        field(
            doc,
            &mut row,
            place,
            w * width,
            label,
            &value,
            item::origin(item, f),
        );
    }
    row
}

/// Status: every choice with a box, the current one ticked.
fn status_choices(doc: &mut Doc, item: &Item, (x, w): item::Column) -> Row {
    let mut row = Row::new(19.0);
    let label = item::label(ItemField::Status);
    let lw = doc.text_at(&mut row, (x, 6.0), w, label, LABEL, Origin::Fixed);
    let mut sx = x + lw + 10.0;
    for status in Status::ALL {
        let ticked = status == item.status;
        row.checkbox(sx, 5.5, 9.0, ticked, ink::TEXT);
        let style = if ticked {
            Style::new(true, 8.5, ink::TEXT)
        } else {
            Style::new(false, 8.5, ink::MUTED)
        };
        let tw = doc.text_at(
            &mut row,
            (sx + 13.0, 5.5),
            120.0,
            status.label(),
            style,
            Origin::Fixed,
        );
        sx += 13.0 + tw + 16.0;
    }
    row
}

/// "☑ Claimed: passes" — ticked when the workbook says the item passes as
/// of printing, green when nothing lapses before launch, amber when
/// something does — and "☐ Confirmed at the meeting", never ticked: the
/// meeting ticks it.
fn ticks(doc: &mut Doc, check: &ItemCheck<'_>, entry: Option<&Entry>, (x, w): item::Column) -> Row {
    let mut row = Row::new(20.0);
    let lapses = entry.is_some_and(|e| e.markers.iter().any(|m| !m.blocks()));
    let claimed = check.passes();
    let color = match (claimed, lapses) {
        (true, false) => ink::GREEN,
        (true, true) => ink::AMBER,
        (false, _) => ink::TEXT,
    };
    row.checkbox(x, 5.0, 11.0, claimed, color);
    let claim = if claimed {
        "Claimed: passes in the workbook"
    } else {
        "Claimed: red in the workbook"
    };
    let style = Style::new(true, 8.5, if claimed { color } else { ink::RED });
    let tw = doc.text_at(
        &mut row,
        (x + 16.0, 5.5),
        w / 2.0,
        claim,
        style,
        Origin::Fixed,
    );
    let cx = (x + 16.0 + tw + 24.0).max(x + w * 0.5);
    row.checkbox(cx, 5.0, 11.0, false, ink::TEXT);
    let confirm = Style::new(true, 8.5, ink::TEXT);
    doc.text_at(
        &mut row,
        (cx + 16.0, 5.5),
        w / 2.0 - 16.0,
        "Confirmed at the meeting",
        confirm,
        Origin::Fixed,
    );
    row
}

/// The evidence links, each a link with a box to tick once the meeting has
/// seen it; a line to write one on when there are none.
fn evidence(doc: &mut Doc, block: &mut Block, item: &Item, (x, w): item::Column) {
    let field = ItemField::Evidence;
    let links = field.links(item).unwrap_or_default();
    let seen_w = 64.0;
    if links.is_empty() {
        let mut row = Row::new(21.0);
        let place = (x, 6.0);
        let label = (item::label(field), 0.0);
        super::field(doc, &mut row, place, w - seen_w, label, "", Origin::Fixed);
        seen_box(doc, &mut row, x + w - seen_w + 8.0, 6.0);
        block.push(row);
        return;
    }
    block.gap(3.0);
    let mut head = parts::label_row(doc, x, w - seen_w, &item::label(field).to_uppercase());
    head.h += 1.0;
    block.push(head);
    let origin = item::origin(item, field);
    for link in links {
        let style = BODY.with_color(LINK);
        let mut rows = doc.link_paragraph((x, w - seen_w), link, style, origin, link);
        if let Some(first) = rows.first_mut() {
            seen_box(doc, first, x + w - seen_w + 8.0, 0.5);
        }
        block.extend(rows);
    }
}

/// "☐ evidence seen" at `x`, the box's top at `top`.
fn seen_box(doc: &mut Doc, row: &mut Row, x: f32, top: f32) {
    row.checkbox(x, top, 9.0, false, ink::TEXT);
    let style = Style::new(false, 7.5, ink::MUTED);
    doc.text_at(
        row,
        (x + 12.0, top + 0.5),
        50.0,
        "seen",
        style,
        Origin::Fixed,
    );
}

/// The mitigation box: what is written, then `blank` lines to write more,
/// and who accepted it until when.
fn mitigation_box(
    doc: &mut Doc,
    check: &ItemCheck<'_>,
    (x, w): item::Column,
    blank: usize,
) -> Vec<Row> {
    let item = check.item;
    let inside = (x + 8.0, w - 16.0);
    let mut inner = Vec::new();
    let mut head = parts::label_row(doc, inside.0, inside.1, MITIGATION_LABEL);
    head.h += 2.0;
    inner.push(head);
    inner.extend(item::text(
        doc,
        item,
        ItemField::MitigationText,
        inside,
        BODY,
    ));
    for _ in 0..blank {
        let mut line = Row::new(20.0);
        parts::write_line(&mut line, inside.0, inside.1, 17.0);
        inner.push(line);
    }
    let accepted = [
        (ItemField::MitigationAcceptedBy, 0.0, 0.6),
        (ItemField::MitigationUntil, 0.64, 0.36),
    ];
    inner.push(field_row(doc, check, inside, 22.0, &accepted));
    parts::outlined(inner, x, w, ink::RULE, 5.0)
}

const MITIGATION_LABEL: &str = "MITIGATION, OR WHY IT DOES NOT APPLY";

/// `n` lines for what the meeting decides about the item: the decision or
/// action, who owns it, by when.
fn decisions(doc: &mut Doc, (x, w): item::Column, n: usize) -> Vec<Row> {
    let mut rows = Vec::with_capacity(n);
    let label_w = doc.width(DECISION_LABEL, LABEL);
    for i in 0..n {
        let mut row = Row::new(21.0);
        let label = if i == 0 { DECISION_LABEL } else { "" };
        let what = (x, 4.0);
        field(
            doc,
            &mut row,
            what,
            w * 0.6 - 8.0,
            (label, label_w),
            "",
            Origin::Fixed,
        );
        let owner = (x + w * 0.6, 4.0);
        field(
            doc,
            &mut row,
            owner,
            w * 0.22,
            ("Owner", 0.0),
            "",
            Origin::Fixed,
        );
        let due = (x + w * 0.84, 4.0);
        field(
            doc,
            &mut row,
            due,
            w * 0.16,
            ("Due", 0.0),
            "",
            Origin::Fixed,
        );
        rows.push(row);
    }
    rows
}

const DECISION_LABEL: &str = "Decision or action";
