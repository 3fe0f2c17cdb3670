//! Page layout for the exports: word wrapping with the fonts' real advance
//! widths, blocks of rows that are kept together on a page, and the
//! conversion to printpdf operations.
//!
//! Coordinates here run top-down from the page's top-left corner in points;
//! only [`Page`] converts to PDF's bottom-up space. A [`Block`] is a list of
//! [`Row`]s laid out at `y = 0`; [`Doc::place`] moves a whole block to the next
//! page when it does not fit, and splits it between rows only when it is
//! taller than a page.

use super::Paper;
use super::content::Page;
use super::glyphs::{Glyph, Glyphs, Origin};
use super::linebreak::{break_lines, opportunities};
use super::nav::{Area, Nav};
use super::shape::{reorder, shape_paragraph};

mod row;

pub(super) use row::{Block, Draw, Row};

/// An RGB colour, each channel 0–1.
pub(super) type Rgb3 = [f32; 3];

pub(super) mod ink {
    use super::Rgb3;
    pub const TEXT: Rgb3 = [0.10, 0.10, 0.12];
    pub const MUTED: Rgb3 = [0.38, 0.38, 0.42];
    pub const RULE: Rgb3 = [0.72, 0.72, 0.75];
    pub const WRITE_LINE: Rgb3 = [0.55, 0.55, 0.58];
    pub const TINT: Rgb3 = [0.95, 0.95, 0.96];
    pub const GREEN: Rgb3 = [0.11, 0.50, 0.24];
    pub const RED: Rgb3 = [0.74, 0.13, 0.13];
    pub const AMBER: Rgb3 = [0.66, 0.40, 0.0];
    pub const AMBER_TINT: Rgb3 = [1.0, 0.95, 0.84];
    pub const WHITE: Rgb3 = [1.0, 1.0, 1.0];
}

/// Text style: weight, size in points, colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Style {
    pub bold: bool,
    pub size: f32,
    pub color: Rgb3,
}

impl Style {
    pub const fn new(bold: bool, size: f32, color: Rgb3) -> Self {
        Self { bold, size, color }
    }

    pub const fn with_color(self, color: Rgb3) -> Self {
        Self { color, ..self }
    }

    /// Distance between baselines.
    pub fn leading(self) -> f32 {
        self.size * 1.32
    }

    /// Baseline offset below a line's top.
    pub fn ascent(self) -> f32 {
        self.size * 0.98
    }
}

pub(super) const BODY: Style = Style::new(false, 9.5, ink::TEXT);
pub(super) const SMALL: Style = Style::new(false, 8.0, ink::MUTED);
pub(super) const LABEL: Style = Style::new(true, 8.0, ink::MUTED);
pub(super) const TITLE: Style = Style::new(true, 11.0, ink::TEXT);
pub(super) const H1: Style = Style::new(true, 20.0, ink::TEXT);
pub(super) const H2: Style = Style::new(true, 14.0, ink::TEXT);

/// Page size and the text area inside the margins, in points.
#[derive(Debug, Clone, Copy)]
pub(super) struct Geometry {
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Geometry {
    pub fn new(paper: Paper) -> Self {
        let (width, height) = paper.size_pt();
        Self {
            height,
            left: 50.0,
            right: width - 50.0,
            top: 66.0,
            bottom: height - 62.0,
        }
    }

    pub fn text_width(&self) -> f32 {
        self.right - self.left
    }
}

/// How much room a block taller than a page needs to start on a page.
const TALL_BLOCK_START: f32 = 200.0;

/// Finished pages are kept plain up to this many bytes in all, then
/// deflated until the fonts are subset (see [`Page::pack`]).
const PACK_ABOVE: usize = 3 << 20;

/// The document being laid out: the fonts, the pages so far and the cursor.
pub(super) struct Doc {
    pub glyphs: Glyphs,
    pub geo: Geometry,
    pages: Vec<Page>,
    /// Bytes of finished pages kept unpacked so far.
    plain_bytes: usize,
    /// The marks of the rows placed so far.
    nav: Nav,
    /// Top-down position of the next row on the last page.
    y: f32,
    scratch: Vec<Glyph>,
}

impl Doc {
    pub fn new(paper: Paper, glyphs: Glyphs) -> Self {
        let geo = Geometry::new(paper);
        Self {
            glyphs,
            geo,
            pages: vec![Page::new()],
            plain_bytes: 0,
            nav: Nav::default(),
            y: geo.top,
            scratch: Vec::new(),
        }
    }

    fn remaining(&self) -> f32 {
        self.geo.bottom - self.y
    }

    /// Whether `h` points fit below the cursor on this page.
    pub fn fits(&self, h: f32) -> bool {
        h <= self.remaining()
    }

    /// Height of the text area of a page.
    pub fn page_body(&self) -> f32 {
        self.geo.bottom - self.geo.top
    }

    fn at_page_top(&self) -> bool {
        self.y <= self.geo.top
    }

    pub fn new_page(&mut self) {
        if let Some(last) = self.pages.last_mut() {
            // Deflating costs time, so only past what a large workbook
            // (thousands of items) needs.
            if self.plain_bytes > PACK_ABOVE {
                last.pack();
            } else {
                last.shrink();
                self.plain_bytes += last.plain_len();
            }
        }
        self.pages.push(Page::new());
        self.y = self.geo.top;
    }

    /// Starts a new page unless `h` points still fit on this one.
    pub fn need(&mut self, h: f32) {
        if h > self.remaining() && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page.
    pub fn space(&mut self, h: f32) {
        if !self.at_page_top() {
            if h >= self.remaining() {
                self.new_page();
            } else {
                self.y += h;
            }
        }
    }

    fn place_row(&mut self, row: Row) {
        if row.h > self.remaining() && !self.at_page_top() {
            self.new_page();
        }
        let (dy, page_h) = (self.y, self.geo.height);
        let page_no = self.pages.len() - 1;
        for mark in row.marks {
            self.nav.place(mark, page_no, dy);
        }
        let page = self
            .pages
            .last_mut()
            .unwrap_or_else(|| unreachable!("a Doc always has a page"));
        for draw in row.draws {
            page.draw(draw, dy, page_h, &mut self.glyphs);
        }
        self.y += row.h;
    }

    /// Places `block` on this page if it fits, else at the top of the next;
    /// a block taller than a page flows row by row, starting on a new page
    /// unless a good part of it fits here (not a lone title at the foot).
    pub fn place(&mut self, block: Block) {
        let h = block.height();
        let page_h = self.geo.bottom - self.geo.top;
        let moves = if h <= page_h {
            h > self.remaining()
        } else {
            self.remaining() < TALL_BLOCK_START
        };
        if moves && !self.at_page_top() {
            self.new_page();
        }
        for row in block.rows {
            self.place_row(row);
        }
    }

    /// Shapes `text` (one line) to glyphs in logical order; returns them
    /// and the paragraph's bidi level.
    fn resolve(&mut self, text: &str, style: Style, origin: Origin<'_>) -> (Vec<Glyph>, u8) {
        let mut out = Vec::with_capacity(text.len());
        let level = shape_paragraph(&mut self.glyphs, text, style.bold, origin, &mut out);
        (out, level)
    }

    pub fn width(&mut self, text: &str, style: Style) -> f32 {
        self.glyphs.width_em(text, style.bold) * style.size
    }

    /// `text` on one line in `row` at `x`, the line's top at `top`, cut with
    /// an ellipsis at `max_w`. Returns the width drawn.
    pub fn text_at(
        &mut self,
        row: &mut Row,
        (x, top): (f32, f32),
        max_w: f32,
        text: &str,
        style: Style,
        origin: Origin<'_>,
    ) -> f32 {
        let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let (mut glyphs, level) = self.resolve(&line, style, origin);
        let mut w: f32 = glyphs.iter().map(|g| g.advance_em).sum::<f32>() * style.size;
        if w > max_w {
            let (mut ellipsis, _) = self.resolve("…", style, Origin::Fixed);
            let ell_w: f32 = ellipsis.iter().map(|g| g.advance_em).sum::<f32>() * style.size;
            // Cut at a cluster's start, so no letter loses its marks.
            while w + ell_w > max_w || glyphs.last().is_some_and(|g| !g.starts_cluster()) {
                match glyphs.pop() {
                    Some(g) => w -= g.advance_em * style.size,
                    None => break,
                }
            }
            while glyphs.last().is_some_and(|g| g.ch == ' ') {
                if let Some(g) = glyphs.pop() {
                    w -= g.advance_em * style.size;
                }
            }
            for g in &mut ellipsis {
                // Where the text ends: on the left of right-to-left text.
                g.level = level;
                g.cluster = line.len() as u32;
            }
            glyphs.extend(ellipsis);
            w += ell_w;
        }
        reorder(&mut glyphs);
        row.push_glyphs(x, top + style.ascent(), style, glyphs);
        w
    }

    /// `text` on one line, right-aligned to `right`.
    pub fn text_right(&mut self, row: &mut Row, right: f32, top: f32, text: &str, style: Style) {
        let w = self.width(text, style);
        let x = right - w;
        self.text_at(row, (x, top), w + 1.0, text, style, Origin::Fixed);
    }

    /// `text` wrapped to `width`: one row per line (paragraph breaks kept),
    /// each `style.leading()` high, the text starting at `x`.
    pub fn paragraph(
        &mut self,
        x: f32,
        width: f32,
        text: &str,
        style: Style,
        origin: Origin<'_>,
    ) -> Vec<Row> {
        let mut rows = Vec::new();
        for line in self.wrap(width, text, style, origin) {
            let mut row = Row::new(style.leading());
            row.push_glyphs(x, style.ascent(), style, line);
            rows.push(row);
        }
        rows
    }

    /// [`Doc::paragraph`] whose every line links to `uri`, when that is an
    /// address a viewer can open.
    pub fn link_paragraph(
        &mut self,
        (x, width): (f32, f32),
        text: &str,
        style: Style,
        origin: Origin<'_>,
        uri: &str,
    ) -> Vec<Row> {
        let mut rows = self.paragraph(x, width, text, style, origin);
        for row in &mut rows {
            if let Some((from, to)) = row.text_extent() {
                let area = Area {
                    x: from,
                    y: 0.0,
                    w: to - from,
                    h: row.h,
                };
                row.link(area, uri);
            }
        }
        rows
    }

    /// The lines of `text` wrapped to `width` points.
    pub fn wrap(
        &mut self,
        width: f32,
        text: &str,
        style: Style,
        origin: Origin<'_>,
    ) -> Vec<Vec<Glyph>> {
        let mut lines = Vec::new();
        let text = text.trim_end();
        let capped = cap_printed_text(text);
        for para in capped.split('\n') {
            let para = para.trim_end_matches('\r');
            let mut glyphs = std::mem::take(&mut self.scratch);
            glyphs.clear();
            shape_paragraph(&mut self.glyphs, para, style.bold, origin, &mut glyphs);
            for range in break_lines(&glyphs, width / style.size, &opportunities(para)) {
                let mut line = glyphs[range].to_vec();
                reorder(&mut line);
                lines.push(line);
            }
            self.scratch = glyphs;
        }
        lines
    }

    /// Adds header and footer to every page, and the page numbers of
    /// [`Mark::PageRef`](super::nav::Mark::PageRef)s, and returns the pages and their navigation.
    pub fn finish(
        mut self,
        header_left: &str,
        header_right: &str,
        footer_left: &str,
    ) -> (Vec<Page>, Glyphs, Nav) {
        let total = self.pages.len();
        let geo = self.geo;
        let pages = std::mem::take(&mut self.pages);
        let mut out = Vec::with_capacity(total);
        for (n, mut page) in pages.into_iter().enumerate() {
            let mut row = Row::new(0.0);
            let refs: Vec<_> = self.nav.refs_on(n).collect();
            for r in refs {
                if let Some(target) = self.nav.page_of(r.key) {
                    let text = format!("p. {}", target + 1);
                    self.text_right(&mut row, r.right, r.top, &text, r.style);
                }
            }
            let head_top = 30.0;
            let right_w = self.width(header_right, SMALL);
            self.text_at(
                &mut row,
                (geo.left, head_top),
                geo.text_width() - right_w - 16.0,
                header_left,
                Style::new(true, 8.0, ink::TEXT),
                Origin::Workbook("project name"),
            );
            self.text_right(&mut row, geo.right, head_top, header_right, SMALL);
            row.line(
                (geo.left, head_top + 14.0),
                (geo.right, head_top + 14.0),
                ink::RULE,
                0.6,
            );
            let foot_top = geo.height - 40.0;
            row.line(
                (geo.left, foot_top - 6.0),
                (geo.right, foot_top - 6.0),
                ink::RULE,
                0.6,
            );
            self.text_at(
                &mut row,
                (geo.left, foot_top),
                geo.text_width() - 90.0,
                footer_left,
                SMALL,
                Origin::Fixed,
            );
            let page_no = format!("Page {} of {}", n + 1, total);
            self.text_right(
                &mut row,
                geo.right,
                foot_top,
                &page_no,
                Style::new(true, 8.0, ink::TEXT),
            );
            for draw in row.draws {
                page.draw(draw, 0.0, geo.height, &mut self.glyphs);
            }
            out.push(page);
        }
        let nav = std::mem::take(&mut self.nav);
        (out, self.glyphs, nav)
    }
}

/// The most characters of one field that are printed: about eight pages of
/// notes. A hostile or accidental 60 MB title would otherwise take gigabytes
/// to lay out, and nobody reads it on paper; the cut is said in the text.
pub const MAX_PRINTED_CHARS: usize = 20_000;

fn cap_printed_text(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_PRINTED_CHARS) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => {
            let rest = text[cut..].chars().count();
            std::borrow::Cow::Owned(format!(
                "{}… [{rest} more characters not printed; see the workbook file]",
                &text[..cut]
            ))
        }
    }
}

#[cfg(test)]
mod cap_tests {
    use super::*;

    #[test]
    fn long_fields_are_cut_with_a_note() {
        assert_eq!(cap_printed_text("short"), "short");
        let long = "é".repeat(MAX_PRINTED_CHARS + 5);
        let capped = cap_printed_text(&long);
        assert!(capped.ends_with("[5 more characters not printed; see the workbook file]"));
        assert_eq!(
            capped.chars().filter(|&c| c == 'é').count(),
            MAX_PRINTED_CHARS
        );
    }
}
