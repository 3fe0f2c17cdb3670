//! The sign-off both documents end with: the decision (go, go with
//! conditions, no-go), the conditions, and a row per approver with name,
//! role, date and a line to sign on. What is known is printed in the rows
//! (a review's approvers); the rest are lines to write on.

use chrono::NaiveDate;

use super::canvas::{BODY, Block, Doc, LABEL, Row, SMALL, Style, TITLE, ink};
use super::glyphs::Origin;
use super::parts;
use crate::model::Decision;

/// Someone who signs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Approver {
    pub name: String,
    pub role: String,
    pub date: Option<NaiveDate>,
}

/// What the sign-off prints: whatever is known, pre-filled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct SignOff {
    pub decision: Option<Decision>,
    pub conditions: String,
    pub approvers: Vec<Approver>,
    /// At least this many approver rows (blank ones after the known).
    pub min_rows: usize,
    /// Printed under the heading: what the signatures mean.
    pub intro: String,
}

/// Lays out the sign-off under the heading "Sign-off", on one page when
/// it fits on one.
pub(super) fn layout(doc: &mut Doc, sign: &SignOff) {
    let geo = doc.geo;
    let w = geo.text_width();
    let mut block = Block::default();
    block.extend(doc.paragraph(geo.left, w, &sign.intro, BODY, Origin::Fixed));
    block.gap(4.0);
    block.push(decision_row(doc, sign.decision));
    block.extend(doc.paragraph(
        geo.left,
        w,
        "Go only if no item is red. Go with conditions: every red item has an owner, a due date and a mitigation accepted until a date, and the conditions are written below.",
        SMALL,
        Origin::Fixed,
    ));
    block.gap(6.0);
    block.push(parts::label_row(doc, geo.left, w, "CONDITIONS"));
    let conditions = parts::body(
        doc,
        geo.left,
        w,
        &sign.conditions,
        BODY,
        Origin::Workbook("sign-off conditions"),
    );
    let blank = if conditions.is_empty() { 2 } else { 1 };
    block.extend(conditions);
    for _ in 0..blank {
        let mut line = Row::new(20.0);
        parts::write_line(&mut line, geo.left, w, 17.0);
        block.push(line);
    }
    block.gap(10.0);
    block.push(header(doc));
    let n = sign.approvers.len().max(sign.min_rows);
    for i in 0..n {
        block.push(approver_row(doc, i + 1, sign.approvers.get(i)));
    }
    block.gap(8.0);
    block.extend(doc.paragraph(
        geo.left,
        w,
        "Keep this sheet with the workbook file; the content code in the footer identifies the file version it was printed from.",
        SMALL,
        Origin::Fixed,
    ));
    let next = parts::keep_with(doc, &block);
    parts::heading(doc, "Sign-off", "", next);
    doc.place(block);
}

/// "Decision: ☐ Go ☐ Go with conditions ☐ No-go", the known one ticked.
fn decision_row(doc: &mut Doc, decision: Option<Decision>) -> Row {
    let geo = doc.geo;
    let mut row = Row::new(24.0);
    let lw = doc.text_at(
        &mut row,
        (geo.left, 7.5),
        80.0,
        "Decision",
        LABEL,
        Origin::Fixed,
    );
    let mut x = geo.left + lw + 12.0;
    for d in Decision::ALL {
        let ticked = decision == Some(d);
        row.checkbox(x, 6.0, 11.0, ticked, ink::TEXT);
        let style = if decision.is_none() || ticked {
            TITLE
        } else {
            TITLE.with_color(ink::MUTED)
        };
        let tw = doc.text_at(
            &mut row,
            (x + 16.0, 5.5),
            200.0,
            d.label(),
            style,
            Origin::Fixed,
        );
        x += 16.0 + tw + 26.0;
    }
    row
}

/// The row number (so a count of signatures is easy), then name, role,
/// date and signature columns: fractions of the text width.
const COLUMNS: [(&str, f32); 5] = [
    ("", 0.04),
    ("Name", 0.28),
    ("Role", 0.22),
    ("Date", 0.16),
    ("Signature", 0.30),
];

fn header(doc: &mut Doc) -> Row {
    let geo = doc.geo;
    let w = geo.text_width();
    let mut row = Row::new(LABEL.leading() + 2.0);
    let mut cx = geo.left;
    for (name, frac) in COLUMNS {
        doc.text_at(&mut row, (cx, 0.0), w * frac, name, LABEL, Origin::Fixed);
        cx += w * frac;
    }
    row
}

/// Row `n`: what is known of its approver written above the lines.
fn approver_row(doc: &mut Doc, n: usize, approver: Option<&Approver>) -> Row {
    let geo = doc.geo;
    let w = geo.text_width();
    let mut row = Row::new(30.0);
    let date = approver
        .and_then(|a| a.date)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let values = [
        approver.map_or("", |a| a.name.as_str()),
        approver.map_or("", |a| a.role.as_str()),
        date.as_str(),
        "",
    ];
    let style = Style::new(false, 9.5, ink::TEXT);
    let number = Style::new(false, 8.0, ink::MUTED);
    doc.text_at(
        &mut row,
        (geo.left, 15.0),
        w * COLUMNS[0].1,
        &n.to_string(),
        number,
        Origin::Fixed,
    );
    let mut cx = geo.left + w * COLUMNS[0].1;
    for ((_, frac), value) in COLUMNS[1..].iter().zip(values) {
        if !value.is_empty() {
            let origin = Origin::Workbook("approvers");
            doc.text_at(
                &mut row,
                (cx + 2.0, 12.0),
                w * frac - 16.0,
                value,
                style,
                origin,
            );
        }
        parts::write_line(&mut row, cx, w * frac - 12.0, 26.0);
        cx += w * frac;
    }
    row
}
