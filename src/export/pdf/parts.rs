//! Building blocks both documents use: headings, boxes around text, tables,
//! lines to write on, and how a status and a date are worded.

use chrono::NaiveDate;

use super::canvas::{Block, Doc, H2, LABEL, Rgb3, Row, SMALL, Style, ink};
use super::glyphs::Origin;
use super::nav::Mark;
use crate::model::{ItemCheck, RedReason, Status};

/// A section heading, kept on the page with the `next` points after it,
/// and a top-level entry of the outline.
pub(super) fn heading(doc: &mut Doc, text: &str, aside: &str, next: f32) {
    let geo = doc.geo;
    let mut row = Row::new(H2.leading() + 6.0);
    row.outline(0, text);
    let w = doc.text_at(
        &mut row,
        (geo.left, 0.0),
        geo.text_width() - 120.0,
        text,
        H2,
        Origin::Fixed,
    );
    if !aside.is_empty() {
        doc.text_at(
            &mut row,
            (geo.left + w + 10.0, 5.0),
            geo.text_width() - w - 10.0,
            aside,
            SMALL,
            Origin::Fixed,
        );
    }
    row.line(
        (geo.left, H2.leading() + 1.0),
        (geo.right, H2.leading() + 1.0),
        ink::RULE,
        0.8,
    );
    doc.space(10.0);
    doc.need(row.h + next);
    let mut block = Block::default();
    block.push(row);
    doc.place(block);
}

/// How much of `block` a heading before it must be kept with: all of it
/// when the block fits on a page (it will not be split), else its start.
pub(super) fn keep_with(doc: &Doc, block: &Block) -> f32 {
    let h = block.height();
    if h <= doc.page_body() - 40.0 { h } else { 80.0 }
}

/// Heading text with a user-typed part (a category name), kept with `next`,
/// and an outline entry at `level`.
pub(super) fn user_heading(
    doc: &mut Doc,
    (text, origin): (&str, Origin<'_>),
    aside: &str,
    next: f32,
    level: u8,
) {
    let geo = doc.geo;
    let lines = doc.paragraph(geo.left, geo.text_width() - 110.0, text, H2, origin);
    let mut block = Block::default();
    let n = lines.len();
    for (i, mut row) in lines.into_iter().enumerate() {
        if i == 0 {
            row.outline(level, text);
        }
        if i + 1 == n {
            if !aside.is_empty() {
                doc.text_right(&mut row, geo.right, 5.0, aside, SMALL);
            }
            row.h += 6.0;
            row.line(
                (geo.left, H2.leading() + 1.0),
                (geo.right, H2.leading() + 1.0),
                ink::RULE,
                0.8,
            );
        }
        block.push(row);
    }
    doc.space(12.0);
    doc.need(block.height() + next);
    doc.place(block);
}

/// Draws a filled background (and optionally a left accent bar) behind
/// `rows`, with `pad` points of padding above and below.
pub(super) fn tinted(
    rows: Vec<Row>,
    x: f32,
    w: f32,
    fill: Rgb3,
    accent: Option<Rgb3>,
    pad: f32,
) -> Vec<Row> {
    let mut out = Vec::with_capacity(rows.len() + 2);
    out.push(Row::new(pad));
    out.extend(rows);
    out.push(Row::new(pad));
    out.into_iter()
        .map(|row| {
            let mut bg = Row::new(row.h);
            // Overlap the next row a little so viewers show no seam.
            bg.rect(x, 0.0, w, row.h + 0.4, Some(fill), None);
            if let Some(a) = accent {
                bg.rect(x, 0.0, 2.5, row.h + 0.4, Some(a), None);
            }
            bg.append(row);
            bg
        })
        .collect()
}

/// A rectangle outline around `rows` that can break across pages.
pub(super) fn outlined(rows: Vec<Row>, x: f32, w: f32, color: Rgb3, pad: f32) -> Vec<Row> {
    let mut out = Vec::with_capacity(rows.len() + 2);
    out.push(Row::new(pad));
    out.extend(rows);
    out.push(Row::new(pad));
    let last = out.len() - 1;
    out.into_iter()
        .enumerate()
        .map(|(i, mut row)| {
            let h = row.h;
            row.line((x, 0.0), (x, h), color, 0.8);
            row.line((x + w, 0.0), (x + w, h), color, 0.8);
            if i == 0 {
                row.line((x, 0.0), (x + w, 0.0), color, 0.8);
            }
            if i == last {
                row.line((x, h), (x + w, h), color, 0.8);
            }
            row
        })
        .collect()
}

/// A line to write on from `x` to `x + w`, `y` below the row's top.
pub(super) fn write_line(row: &mut Row, x: f32, w: f32, y: f32) {
    row.line((x, y), (x + w, y), ink::WRITE_LINE, 0.6);
}

/// A small coloured label with white text, e.g. the status of an item.
pub(super) fn pill(
    doc: &mut Doc,
    row: &mut Row,
    (x, top): (f32, f32),
    w: f32,
    text: &str,
    fill: Rgb3,
) {
    let style = Style::new(true, 7.5, ink::WHITE);
    row.rect(x, top, w, 13.0, Some(fill), None);
    let tw = doc.width(text, style);
    doc.text_at(
        row,
        (x + (w - tw).max(0.0) / 2.0, top + 2.6),
        w,
        text,
        style,
        Origin::Fixed,
    );
}

/// One column of a table: its width and style.
#[derive(Clone, Copy)]
pub(super) struct Column {
    pub width: f32,
    pub style: Style,
}

/// A table row: each cell wrapped in its column, the row as tall as its
/// tallest cell. Returns one [`Row`] per line so long cells can break.
pub(super) fn table_row(
    doc: &mut Doc,
    columns: &[Column],
    cells: &[(&str, Origin<'_>)],
    color: Option<&[Option<Rgb3>]>,
) -> Vec<Row> {
    let geo = doc.geo;
    let gap = 8.0;
    let mut wrapped = Vec::with_capacity(columns.len());
    for (i, (col, (text, origin))) in columns.iter().zip(cells).enumerate() {
        let mut style = col.style;
        if let Some(c) = color.and_then(|c| c.get(i).copied().flatten()) {
            style = style.with_color(c);
        }
        wrapped.push((style, doc.wrap(col.width - gap, text, style, *origin)));
    }
    let leading = columns
        .iter()
        .map(|c| c.style.leading())
        .fold(0.0, f32::max);
    let n = wrapped
        .iter()
        .map(|(_, lines)| lines.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let mut rows: Vec<Row> = (0..n).map(|_| Row::new(leading)).collect();
    let mut x = geo.left;
    for (col, (style, lines)) in columns.iter().zip(wrapped) {
        for (row, line) in rows.iter_mut().zip(lines) {
            row.push_glyphs(x, style.ascent(), style, line);
        }
        x += col.width;
    }
    rows
}

/// A table whose header is repeated at the top of every page it runs onto.
pub(super) struct Table<'a> {
    pub columns: Vec<Column>,
    pub titles: &'a [&'a str],
    started: bool,
}

impl<'a> Table<'a> {
    /// Columns of relative `widths` spanning the text width.
    pub fn new(doc: &Doc, widths: &[f32], styles: &[Style], titles: &'a [&'a str]) -> Self {
        let total: f32 = widths.iter().sum();
        let scale = doc.geo.text_width() / total;
        let columns = widths
            .iter()
            .zip(styles)
            .map(|(w, style)| Column {
                width: w * scale,
                style: *style,
            })
            .collect();
        Self {
            columns,
            titles,
            started: false,
        }
    }

    /// Places one table row (kept together), with the header first when
    /// the row starts the table or a new page.
    pub fn row(&mut self, doc: &mut Doc, cells: &[(&str, Origin<'_>)], colors: &[Option<Rgb3>]) {
        self.row_marked(doc, cells, colors, Vec::new());
    }

    /// [`Table::row`] with `marks` (links, outline entries) on its first line.
    pub fn row_marked(
        &mut self,
        doc: &mut Doc,
        cells: &[(&str, Origin<'_>)],
        colors: &[Option<Rgb3>],
        marks: Vec<Mark>,
    ) {
        let mut block = Block::default();
        let mut rows = table_row(doc, &self.columns, cells, Some(colors));
        if let Some(first) = rows.first_mut() {
            for mark in marks {
                first.mark(mark);
            }
        }
        block.extend(rows);
        block.push(hairline(doc, 2.5));
        let header = table_header(doc, &self.columns, self.titles);
        if !self.started || !doc.fits(block.height()) {
            doc.need(header.h + block.height());
            let mut with_header = Block::default();
            with_header.push(header);
            with_header.rows.append(&mut block.rows);
            block = with_header;
        }
        self.started = true;
        doc.place(block);
    }
}

/// Header cells of a table.
pub(super) fn table_header(doc: &mut Doc, columns: &[Column], titles: &[&str]) -> Row {
    let geo = doc.geo;
    let mut row = Row::new(LABEL.leading() + 4.0);
    let mut x = geo.left;
    for (col, title) in columns.iter().zip(titles) {
        doc.text_at(
            &mut row,
            (x, 0.0),
            col.width - 8.0,
            title,
            LABEL,
            Origin::Fixed,
        );
        x += col.width;
    }
    row.line(
        (geo.left, LABEL.leading() + 1.5),
        (geo.right, LABEL.leading() + 1.5),
        ink::RULE,
        0.5,
    );
    row
}

/// A thin rule under a table row, in its own row.
pub(super) fn hairline(doc: &Doc, gap: f32) -> Row {
    let geo = doc.geo;
    let mut row = Row::new(gap * 2.0);
    row.line((geo.left, gap), (geo.right, gap), ink::TINT, 0.6);
    row
}

/// "2026-03-01", "T-14 · 2026-03-01", or with "(overdue by 3 days)"; a
/// relative due without a launch says so (see `ItemCheck::due_text`).
pub(super) fn due_text(check: &ItemCheck<'_>, as_of: NaiveDate) -> String {
    let text = check.due_text();
    match check.due {
        Some(d) if check.overdue => {
            let days = (as_of - d).num_days();
            format!(
                "{text} (overdue by {days} day{})",
                if days == 1 { "" } else { "s" }
            )
        }
        _ => text,
    }
}

/// Colour for an item's status: green when it passes, red when it blocks.
pub(super) fn status_color(check: &ItemCheck<'_>) -> Rgb3 {
    match (check.passes(), check.item.status) {
        (true, Status::NotApplicable) => ink::MUTED,
        (true, Status::Mitigated) => ink::AMBER,
        (true, _) => ink::GREEN,
        (false, _) => ink::RED,
    }
}

/// Why an item is red, as a sentence fragment.
pub(super) fn red_text(reason: RedReason) -> String {
    let text = reason.to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// A small-caps section label ("NOTES", "EVIDENCE") on a row of its own.
pub(super) fn label_row(doc: &mut Doc, x: f32, w: f32, label: &str) -> Row {
    let mut row = Row::new(LABEL.leading());
    doc.text_at(&mut row, (x, 0.0), w, label, LABEL, Origin::Fixed);
    row
}

/// The small-caps line above a document's or a part's title ("READINESS
/// REPORT"), across the text width.
pub(super) fn kicker(doc: &mut Doc, text: &str) -> Row {
    let geo = doc.geo;
    let mut row = label_row(doc, geo.left, geo.text_width(), text);
    row.h += 2.0;
    row
}

/// Body text wrapped at `x` to `w`, or nothing for blank text.
pub(super) fn body(
    doc: &mut Doc,
    x: f32,
    w: f32,
    text: &str,
    style: Style,
    origin: Origin<'_>,
) -> Vec<Row> {
    if text.trim().is_empty() {
        Vec::new()
    } else {
        doc.paragraph(x, w, text, style, origin)
    }
}
