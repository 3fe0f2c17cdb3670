//! The walkthrough checklist: printed before the review meeting and written
//! on during it. What the workbook knows is printed; what it does not is a
//! line or a box to fill in by hand.

use chrono::NaiveDate;

use super::canvas::{BODY, Block, Doc, H1, LABEL, Row, SMALL, Style, TITLE, ink};
use super::glyphs::Origin;
use super::{item, parts};
use crate::model::{Item, ItemCheck, ItemField, Status, Workbook};

const ATTENDEE_LINES: usize = 10;

pub(super) fn layout(doc: &mut Doc, wb: &Workbook, as_of: NaiveDate) {
    let verdict = wb.verdict(as_of);
    cover(doc, wb, as_of, &verdict.headline());
    doc.new_page();
    let mut checks = verdict.checks.iter().peekable();
    for cat in &wb.categories {
        let mut first = true;
        while let Some(check) = checks.next_if(|c| std::ptr::eq(c.category, cat)) {
            let block = item_block(doc, check);
            if first {
                let next = parts::keep_with(doc, &block);
                let n = cat.items.len();
                let aside = format!("{n} item{}", if n == 1 { "" } else { "s" });
                parts::user_heading(doc, &cat.name, Origin::Category(&cat.id), &aside, next);
                first = false;
            }
            doc.place(block);
        }
        if first {
            parts::user_heading(doc, &cat.name, Origin::Category(&cat.id), "no items", 0.0);
        }
    }
    sign_off(doc);
}

/// "Label: value" with a line under the value, or just the line; the value
/// starts at least `min_label_w` after `x`, so stacked fields align.
fn field(
    doc: &mut Doc,
    row: &mut Row,
    (x, top): (f32, f32),
    w: f32,
    (label, min_label_w): (&str, f32),
    value: &str,
    origin: Origin<'_>,
) {
    let lw = doc
        .text_at(row, (x, top + 2.0), w, label, LABEL, Origin::Fixed)
        .max(min_label_w);
    let vx = x + lw + 6.0;
    if !value.trim().is_empty() {
        doc.text_at(row, (vx + 2.0, top), w - lw - 8.0, value, BODY, origin);
    }
    parts::write_line(
        row,
        vx,
        (w - lw - 12.0).max(10.0),
        top + BODY.leading() + 1.0,
    );
}

/// The first page: what is reviewed, who is there, and the rule to apply.
fn cover(doc: &mut Doc, wb: &Workbook, as_of: NaiveDate, headline: &str) {
    cover_title(doc, wb, as_of, headline);
    attendees(doc, wb);
    parts::heading(doc, "How to use this checklist", "", 40.0);
    let geo = doc.geo;
    let mut block = Block::default();
    block.extend(doc.paragraph(geo.left, geo.text_width(), RULE, BODY, Origin::Fixed));
    doc.place(block);
}

/// The launch rule, as the people in the meeting apply it.
const RULE: &str = "Tick an item only when it passes: it is done, or it ships with a written mitigation \
                    that someone accepted until a date not yet past, or it does not apply and the \
                    reason is written down. \
                    Anything else is red and keeps the project demo-ready, not production-ready. \
                    Write the owner and due date of every red item, and the mitigation and who \
                    accepted it in the box. Boxes already ticked passed as of the date printed above.";

/// The project, its description, and the dates and counts the meeting
/// starts from.
fn cover_title(doc: &mut Doc, wb: &Workbook, as_of: NaiveDate, headline: &str) {
    let geo = doc.geo;
    let w = geo.text_width();
    let mut block = Block::default();
    block.push(parts::kicker(doc, "PRODUCTION-READINESS WALKTHROUGH"));
    let project = Origin::Workbook("project name");
    block.extend(doc.paragraph(geo.left, w, &wb.project, H1, project));
    if !wb.description.trim().is_empty() {
        block.gap(4.0);
        let origin = Origin::Workbook("description");
        block.extend(doc.paragraph(geo.left, w, &wb.description, BODY, origin));
    }
    block.gap(18.0);

    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let facts: [(&str, String); 4] = [
        ("Launch date", date(wb.launch)),
        ("Review date", date(wb.review_date())),
        ("Printed as of", as_of.to_string()),
        (
            "Checklist",
            format!(
                "{} items in {} categories — {headline}",
                wb.item_count(),
                wb.categories.len()
            ),
        ),
    ];
    for (name, value) in facts {
        let mut row = Row::new(24.0);
        let place = (geo.left, 4.0);
        field(
            doc,
            &mut row,
            place,
            w * 0.75,
            (name, 62.0),
            &value,
            Origin::Fixed,
        );
        block.push(row);
    }
    doc.place(block);
}

/// A line per person in the workbook and blank ones for guests, each with a
/// box to tick who is present.
fn attendees(doc: &mut Doc, wb: &Workbook) {
    parts::heading(doc, "Attendees", "tick who is present", 30.0);
    let geo = doc.geo;
    let w = geo.text_width();
    let col_name = w * 0.45;
    let col_role = w * 0.40;
    let n = (wb.people.len() + 3).max(ATTENDEE_LINES);
    let origin = Origin::Workbook("people");
    for i in 0..n {
        let person = wb.people.get(i);
        let mut row = Row::new(24.0);
        row.checkbox(geo.left, 9.0, 10.0, false, ink::TEXT);
        let (name, role) = person.map_or(("", ""), |p| (p.name.as_str(), p.role.as_str()));
        let at = (geo.left + 18.0, 6.0);
        field(
            doc,
            &mut row,
            at,
            col_name - 24.0,
            ("Name", 0.0),
            name,
            origin,
        );
        let at = (geo.left + col_name, 6.0);
        field(doc, &mut row, at, col_role, ("Role", 0.0), role, origin);
        let mut block = Block::default();
        block.push(row);
        doc.place(block);
    }
}

/// Where the item's text starts, right of the box to tick.
const ITEM_INDENT: f32 = 22.0;

fn item_block(doc: &mut Doc, check: &ItemCheck<'_>) -> Block {
    let geo = doc.geo;
    let item = check.item;
    let col = (geo.left + ITEM_INDENT, geo.text_width() - ITEM_INDENT);
    let mut block = Block::default();
    block.gap(6.0);
    block.extend(item::title(doc, item, col, TITLE, |_, row| {
        let color = if check.passes() {
            ink::GREEN
        } else {
            ink::TEXT
        };
        row.checkbox(geo.left, 0.5, 12.0, check.passes(), color);
    }));
    let red = Style::new(true, 8.0, ink::RED);
    block.extend(item::red_line(doc, check, col, "Red as of printing", red));
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
    block.gap(4.0);
    block.extend(mitigation_box(doc, check, col));
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

/// The mitigation box: what is written, then room to write more, and who
/// accepted it until when.
fn mitigation_box(doc: &mut Doc, check: &ItemCheck<'_>, (x, w): item::Column) -> Vec<Row> {
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
    // Room to write: two lines where a mitigation is still missing, one
    // where there is text already or the item passes.
    let blank_lines = if item.has_mitigation() || check.passes() {
        1
    } else {
        2
    };
    for _ in 0..blank_lines {
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

fn sign_off(doc: &mut Doc) {
    let geo = doc.geo;
    let w = geo.text_width();
    let mut block = Block::default();
    block.extend(doc.paragraph(
        geo.left,
        w,
        "We walked through every item above. Verdict agreed at the review:",
        BODY,
        Origin::Fixed,
    ));
    let mut row = Row::new(22.0);
    row.checkbox(geo.left, 6.0, 10.0, false, ink::TEXT);
    let tw = doc.text_at(
        &mut row,
        (geo.left + 16.0, 6.0),
        w,
        "Production-ready",
        TITLE,
        Origin::Fixed,
    );
    let x2 = geo.left + 16.0 + tw + 30.0;
    row.checkbox(x2, 6.0, 10.0, false, ink::TEXT);
    doc.text_at(
        &mut row,
        (x2 + 16.0, 6.0),
        w / 2.0,
        "Demo-ready",
        TITLE,
        Origin::Fixed,
    );
    block.push(row);
    block.extend(doc.paragraph(
        geo.left,
        w,
        "Production-ready only if no item is red. Demo-ready: every red item above has an owner and a due date written on it.",
        SMALL,
        Origin::Fixed,
    ));
    block.gap(8.0);
    let cols = [
        ("Name", 0.30),
        ("Role", 0.24),
        ("Date", 0.16),
        ("Signature", 0.30),
    ];
    let mut header = Row::new(LABEL.leading() + 2.0);
    let mut cx = geo.left;
    for (name, frac) in cols {
        doc.text_at(&mut header, (cx, 0.0), w * frac, name, LABEL, Origin::Fixed);
        cx += w * frac;
    }
    block.push(header);
    for _ in 0..4 {
        let mut row = Row::new(30.0);
        let mut cx = geo.left;
        for (_, frac) in cols {
            parts::write_line(&mut row, cx, w * frac - 12.0, 26.0);
            cx += w * frac;
        }
        block.push(row);
    }
    block.gap(6.0);
    block.extend(doc.paragraph(
        geo.left,
        w,
        "Keep this sheet with the workbook file; the content code in the footer identifies the file version it was printed from.",
        SMALL,
        Origin::Fixed,
    ));
    // The heading and the block belong together.
    let h = block.height();
    parts::heading(doc, "Sign-off", "", h);
    doc.place(block);
}
