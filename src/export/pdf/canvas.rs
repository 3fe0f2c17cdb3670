//! Page layout for the exports: word wrapping with the fonts' real advance
//! widths, blocks of rows that are kept together on a page, and the
//! conversion to printpdf operations.
//!
//! Coordinates here run top-down from the page's top-left corner in points;
//! only [`Page`] converts to PDF's bottom-up space. A [`Block`] is a list of
//! [`Row`]s laid out at `y = 0`; [`Doc::place`] moves a whole block to the next
//! page when it does not fit, and splits it between rows only when it is
//! taller than a page.

use std::ops::Range;

use super::Paper;
use super::glyphs::{Face, Glyph, Glyphs, Origin};

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
#[derive(Debug, Clone, Copy)]
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

enum Draw {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        color: Rgb3,
        glyphs: Vec<Glyph>,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb3>,
        stroke: Option<(Rgb3, f32)>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        color: Rgb3,
        width: f32,
    },
}

/// A horizontal slice of a block: never split across pages.
#[derive(Default)]
pub(super) struct Row {
    pub h: f32,
    draws: Vec<Draw>,
}

impl Row {
    pub fn new(h: f32) -> Self {
        Self {
            h,
            draws: Vec::new(),
        }
    }

    pub fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb3>,
        stroke: Option<(Rgb3, f32)>,
    ) {
        self.draws.push(Draw::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        });
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), color: Rgb3, width: f32) {
        self.draws.push(Draw::Line {
            from,
            to,
            color,
            width,
        });
    }

    pub fn push_glyphs(&mut self, x: f32, baseline: f32, style: Style, glyphs: Vec<Glyph>) {
        if !glyphs.is_empty() {
            self.draws.push(Draw::Text {
                x,
                baseline,
                size: style.size,
                color: style.color,
                glyphs,
            });
        }
    }

    /// Adds `other`'s drawing on top of this row's.
    pub fn append(&mut self, other: Row) {
        self.draws.extend(other.draws);
    }

    /// A box to tick, `size` points square, its top at `y`; ticked draws a check mark.
    pub fn checkbox(&mut self, x: f32, y: f32, size: f32, ticked: bool, color: Rgb3) {
        self.rect(x, y, size, size, Some(ink::WHITE), Some((color, 0.9)));
        if ticked {
            let s = size;
            self.draws.push(Draw::Line {
                from: (x + s * 0.2, y + s * 0.52),
                to: (x + s * 0.42, y + s * 0.76),
                color,
                width: 1.6,
            });
            self.draws.push(Draw::Line {
                from: (x + s * 0.42, y + s * 0.76),
                to: (x + s * 0.82, y + s * 0.22),
                color,
                width: 1.6,
            });
        }
    }
}

/// Rows placed together on one page when they fit on one.
#[derive(Default)]
pub(super) struct Block {
    pub rows: Vec<Row>,
}

impl Block {
    pub fn height(&self) -> f32 {
        self.rows.iter().map(|r| r.h).sum()
    }

    pub fn push(&mut self, row: Row) {
        self.rows.push(row);
    }

    pub fn gap(&mut self, h: f32) {
        self.rows.push(Row::new(h));
    }

    pub fn extend(&mut self, rows: Vec<Row>) {
        self.rows.extend(rows);
    }
}

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

/// One page's content stream, written directly: printpdf's `Op`s cost
/// about 128 bytes each plus allocations, which at 10,000 items is hundreds
/// of MiB, while the content itself is a few bytes per glyph.
///
/// Text is kept as original glyph indices behind a [`GLYPH_RUN`] marker
/// until the fonts are subset, because only then are the final indices known
/// (see [`Page::finish`]).
pub(super) struct Page {
    content: Vec<u8>,
    /// The content written before the page was complete, deflated (at
    /// 10,000 items the finished pages waiting for the fonts would
    /// otherwise take tens of MiB).
    packed: Vec<u8>,
    font: Option<(Face, f32)>,
    fill: Option<Rgb3>,
    stroke: Option<(Rgb3, f32)>,
}

/// Starts a run of glyphs in the unfinished content: the marker byte, the
/// face, a little-endian `u16` count, then each original glyph index as a
/// little-endian `u16`. The byte never occurs in the operators written here.
const GLYPH_RUN: u8 = 0x01;

/// Appends `v` with at most two decimals (PDF needs no exponent and no
/// more precision than 1/100 pt).
fn num(out: &mut Vec<u8>, v: f32) {
    let hundredths = (f64::from(v) * 100.0).round() as i64;
    if hundredths < 0 {
        out.push(b'-');
    }
    let abs = hundredths.unsigned_abs();
    let mut digits = itoa(abs / 100);
    out.append(&mut digits);
    let frac = abs % 100;
    if frac != 0 {
        out.push(b'.');
        out.push(b'0' + (frac / 10) as u8);
        if !frac.is_multiple_of(10) {
            out.push(b'0' + (frac % 10) as u8);
        }
    }
    out.push(b' ');
}

fn itoa(mut n: u64) -> Vec<u8> {
    let mut buf = Vec::with_capacity(8);
    loop {
        buf.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.reverse();
    buf
}

fn color_op(out: &mut Vec<u8>, c: Rgb3, op: &[u8]) {
    for channel in c {
        num(out, channel);
    }
    out.extend_from_slice(op);
}

impl Page {
    fn new() -> Self {
        Self {
            content: Vec::new(),
            packed: Vec::new(),
            font: None,
            fill: None,
            stroke: None,
        }
    }

    fn set_fill(&mut self, c: Rgb3) {
        if self.fill != Some(c) {
            self.fill = Some(c);
            color_op(&mut self.content, c, b"rg\n");
        }
    }

    fn set_stroke(&mut self, c: Rgb3, width: f32) {
        if self.stroke != Some((c, width)) {
            self.stroke = Some((c, width));
            color_op(&mut self.content, c, b"RG\n");
            num(&mut self.content, width);
            self.content.extend_from_slice(b"w\n");
        }
    }

    fn draw(&mut self, draw: Draw, dy: f32, page_h: f32, glyphs: &mut Glyphs) {
        match draw {
            Draw::Text {
                x,
                baseline,
                size,
                color,
                glyphs: run_glyphs,
            } => {
                self.set_fill(color);
                let y = page_h - (baseline + dy);
                let mut pen = x;
                self.content.extend_from_slice(b"BT\n");
                for run in run_glyphs.chunk_by(|a, b| a.face == b.face) {
                    let face = run[0].face;
                    if self.font != Some((face, size)) {
                        self.font = Some((face, size));
                        self.content.push(b'/');
                        self.content
                            .extend_from_slice(face.resource_name().as_bytes());
                        self.content.push(b' ');
                        num(&mut self.content, size);
                        self.content.extend_from_slice(b"Tf\n");
                    }
                    self.content.extend_from_slice(b"1 0 0 1 ");
                    num(&mut self.content, pen);
                    num(&mut self.content, y);
                    self.content.extend_from_slice(b"Tm\n");
                    for chunk in run.chunks(usize::from(u16::MAX)) {
                        self.content.push(GLYPH_RUN);
                        self.content.push(face as u8);
                        self.content
                            .extend_from_slice(&(chunk.len() as u16).to_le_bytes());
                        for &g in chunk {
                            glyphs.mark_used(g);
                            self.content.extend_from_slice(&g.gid.to_le_bytes());
                        }
                        self.content.extend_from_slice(b" Tj\n");
                    }
                    pen += run.iter().map(|g| g.advance_em).sum::<f32>() * size;
                }
                self.content.extend_from_slice(b"ET\n");
            }
            Draw::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                if let Some(f) = fill {
                    self.set_fill(f);
                }
                if let Some((s, width)) = stroke {
                    self.set_stroke(s, width);
                }
                num(&mut self.content, x);
                num(&mut self.content, page_h - (y + dy + h));
                num(&mut self.content, w);
                num(&mut self.content, h);
                self.content
                    .extend_from_slice(match (fill.is_some(), stroke.is_some()) {
                        (true, true) => b"re B\n",
                        (true, false) => b"re f\n",
                        (false, _) => b"re S\n",
                    });
            }
            Draw::Line {
                from,
                to,
                color,
                width,
            } => {
                self.set_stroke(color, width);
                num(&mut self.content, from.0);
                num(&mut self.content, page_h - (from.1 + dy));
                self.content.extend_from_slice(b"m ");
                num(&mut self.content, to.0);
                num(&mut self.content, page_h - (to.1 + dy));
                self.content.extend_from_slice(b"l S\n");
            }
        }
    }

    /// Compresses what is written so far; later drawing (the header and
    /// footer) continues in a fresh buffer.
    fn pack(&mut self) {
        use std::io::Write as _;
        let mut encoder = flate2::write::DeflateEncoder::new(
            Vec::with_capacity(self.content.len() / 3),
            flate2::Compression::fast(),
        );
        // Writing to a Vec cannot fail; keep the plain bytes if it did.
        if encoder.write_all(&self.content).is_ok()
            && let Ok(mut packed) = encoder.finish()
            && self.packed.is_empty()
        {
            packed.shrink_to_fit();
            self.packed = packed;
            self.content = Vec::new();
        }
    }

    fn unpacked(&self) -> std::io::Result<Vec<u8>> {
        use std::io::Read as _;
        let mut out = Vec::with_capacity(self.packed.len() * 4 + self.content.len());
        if !self.packed.is_empty() {
            flate2::read::DeflateDecoder::new(self.packed.as_slice()).read_to_end(&mut out)?;
        }
        out.extend_from_slice(&self.content);
        Ok(out)
    }

    /// The final content stream: every glyph run as a string of the
    /// subset's glyph indices (`remap[face][old]`), two bytes each, as a
    /// literal string (half the size of hex before compression).
    pub(super) fn finish(&self, remap: &[Vec<u16>; 3]) -> std::io::Result<Vec<u8>> {
        let src = &self.unpacked()?;
        let mut out = Vec::with_capacity(src.len() + src.len() / 8);
        let mut i = 0;
        while i < src.len() {
            let Some(pos) = src[i..].iter().position(|&b| b == GLYPH_RUN) else {
                out.extend_from_slice(&src[i..]);
                break;
            };
            out.extend_from_slice(&src[i..i + pos]);
            i += pos;
            let face = usize::from(src[i + 1]);
            let count = usize::from(u16::from_le_bytes([src[i + 2], src[i + 3]]));
            i += 4;
            out.push(b'(');
            for k in 0..count {
                let old = u16::from_le_bytes([src[i + 2 * k], src[i + 2 * k + 1]]);
                let new = remap[face].get(usize::from(old)).copied().unwrap_or(0);
                for byte in new.to_be_bytes() {
                    // Escapes that keep a literal string intact: its
                    // delimiters, the escape itself, and CR (which a reader
                    // would turn into LF).
                    match byte {
                        b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
                        b'\r' => out.extend_from_slice(b"\\r"),
                        _ => out.push(byte),
                    }
                }
            }
            out.push(b')');
            i += 2 * count;
        }
        Ok(out)
    }
}

/// Finished pages are kept plain up to this many bytes in all, then
/// deflated until the fonts are subset (see [`Page::pack`]).
const PACK_ABOVE: usize = 1 << 20;

/// The document being laid out: the fonts, the pages so far and the cursor.
pub(super) struct Doc {
    pub glyphs: Glyphs,
    pub geo: Geometry,
    pages: Vec<Page>,
    /// Bytes of finished pages kept unpacked so far.
    plain_bytes: usize,
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
                last.content.shrink_to_fit();
                self.plain_bytes += last.content.len();
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
    /// a block taller than a page flows row by row.
    pub fn place(&mut self, block: Block) {
        let h = block.height();
        let page_h = self.geo.bottom - self.geo.top;
        if h > self.remaining() && h <= page_h && !self.at_page_top() {
            self.new_page();
        }
        for row in block.rows {
            self.place_row(row);
        }
    }

    /// Resolves `text` (one line) to glyphs.
    fn resolve(&mut self, text: &str, style: Style, origin: Origin<'_>) -> Vec<Glyph> {
        let mut out = Vec::with_capacity(text.len());
        self.glyphs.resolve(text, style.bold, origin, &mut out);
        out
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
        let mut glyphs = self.resolve(&line, style, origin);
        let mut w: f32 = glyphs.iter().map(|g| g.advance_em).sum::<f32>() * style.size;
        if w > max_w {
            let ellipsis = self.resolve("…", style, Origin::Fixed);
            let ell_w: f32 = ellipsis.iter().map(|g| g.advance_em).sum::<f32>() * style.size;
            while w + ell_w > max_w {
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
            glyphs.extend(ellipsis);
            w += ell_w;
        }
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
        for para in text.split('\n') {
            let para = para.trim_end_matches('\r');
            let mut glyphs = std::mem::take(&mut self.scratch);
            glyphs.clear();
            self.glyphs.resolve(para, style.bold, origin, &mut glyphs);
            for range in break_lines(&glyphs, width / style.size) {
                lines.push(glyphs[range].to_vec());
            }
            self.scratch = glyphs;
        }
        lines
    }

    /// Adds header and footer to every page and returns the pages.
    pub fn finish(
        mut self,
        header_left: &str,
        header_right: &str,
        footer_left: &str,
    ) -> (Vec<Page>, Glyphs) {
        let total = self.pages.len();
        let geo = self.geo;
        let pages = std::mem::take(&mut self.pages);
        let mut out = Vec::with_capacity(total);
        for (n, mut page) in pages.into_iter().enumerate() {
            let mut row = Row::new(0.0);
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
        (out, self.glyphs)
    }
}

/// Chinese, Japanese and Korean text breaks between any two characters.
fn breaks_anywhere(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Closing punctuation never starts a line (CJK line-breaking rules).
fn no_break_before(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '・'
            | 'ー'
            | '…'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
    )
}

/// Opening brackets never end a line.
fn no_break_after(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '《' | '〈' | '【' | '〔' | '(' | '['
    )
}

/// Greedy line breaking of `glyphs` to `width_em` (the width divided by the
/// font size): at spaces, around CJK characters, and inside a word only when
/// the word alone is wider than a line. Returns each line's glyph range,
/// without the spaces at the break.
pub(super) fn break_lines(glyphs: &[Glyph], width_em: f32) -> Vec<Range<usize>> {
    let n = glyphs.len();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < n && glyphs[start].ch == ' ' {
        start += 1;
    }
    if start == n {
        // An empty paragraph still takes a line: it separates paragraphs.
        lines.push(start..start);
        return lines;
    }
    let mut x = 0.0;
    // (end of this line, start of the next) at the last break opportunity.
    let mut last_break: Option<(usize, usize)> = None;
    let mut i = start;
    while i < n {
        let g = glyphs[i];
        if g.ch == ' ' {
            if last_break.is_none_or(|(_, next)| next != i) {
                last_break = Some((i, i + 1));
            } else {
                // A run of spaces: the line still ends before the first.
                last_break = last_break.map(|(end, _)| (end, i + 1));
            }
            x += g.advance_em;
            i += 1;
            continue;
        }
        if i > start
            && (breaks_anywhere(g.ch) || breaks_anywhere(glyphs[i - 1].ch))
            && glyphs[i - 1].ch != ' '
            && !no_break_before(g.ch)
            && !no_break_after(glyphs[i - 1].ch)
        {
            last_break = Some((i, i));
        }
        if x + g.advance_em > width_em && i > start {
            let (end, next) = match last_break {
                Some((end, next)) if end > start => (end, next),
                _ => (i, i),
            };
            lines.push(start..end);
            start = next;
            while start < n && glyphs[start].ch == ' ' {
                start += 1;
            }
            last_break = None;
            i = start;
            x = 0.0;
            continue;
        }
        x += g.advance_em;
        i += 1;
    }
    let mut end = n;
    while end > start && glyphs[end - 1].ch == ' ' {
        end -= 1;
    }
    if end > start {
        lines.push(start..end);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str) -> Vec<Glyph> {
        text.chars()
            .map(|ch| Glyph {
                ch,
                face: Face::Regular,
                gid: 1,
                advance_em: 1.0,
            })
            .collect()
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        let g = glyphs(text);
        break_lines(&g, width)
            .into_iter()
            .map(|r| g[r].iter().map(|g| g.ch).collect())
            .collect()
    }

    #[test]
    fn breaks_at_spaces_and_drops_them() {
        assert_eq!(lines("aaa bbb ccc", 7.0), ["aaa bbb", "ccc"]);
        assert_eq!(lines("aaa  bbb", 4.0), ["aaa", "bbb"]);
        assert_eq!(lines("  lead", 10.0), ["lead"]);
    }

    #[test]
    fn splits_a_word_longer_than_a_line() {
        assert_eq!(lines("abcdefghij", 4.0), ["abcd", "efgh", "ij"]);
        assert_eq!(lines("ab abcdefgh", 4.0), ["ab", "abcd", "efgh"]);
    }

    #[test]
    fn breaks_between_cjk_characters() {
        assert_eq!(
            lines("负责人李雷和韩梅梅", 4.0),
            ["负责人李", "雷和韩梅", "梅"]
        );
        assert_eq!(lines("ok 李雷", 4.0), ["ok 李", "雷"]);
        // Closing punctuation stays with the character before it.
        assert_eq!(lines("负责人李，雷", 4.0), ["负责人", "李，雷"]);
    }

    #[test]
    fn every_line_fits_unless_one_glyph_is_wider() {
        let text = "x".repeat(50) + " " + &"word ".repeat(40);
        for line in lines(&text, 13.0) {
            assert!(line.chars().count() <= 13, "{line:?}");
        }
        assert_eq!(lines("abc", 0.5), ["a", "b", "c"]);
    }

    fn text(x: f32, s: &str) -> Draw {
        Draw::Text {
            x,
            baseline: 10.0,
            size: 9.0,
            color: ink::TEXT,
            glyphs: s
                .chars()
                .map(|ch| Glyph {
                    ch,
                    face: Face::Regular,
                    gid: ch as u16,
                    advance_em: 0.5,
                })
                .collect(),
        }
    }

    #[test]
    fn a_packed_page_finishes_to_the_same_content() {
        let mut glyphs = Glyphs::new();
        let remap: [Vec<u16>; 3] = [
            (0..=u16::MAX).map(|g| g / 2).collect(),
            Vec::new(),
            Vec::new(),
        ];
        let mut plain = Page::new();
        let mut packed = Page::new();
        for page in [&mut plain, &mut packed] {
            page.draw(
                text(50.0, "body (with) \\ parens"),
                100.0,
                842.0,
                &mut glyphs,
            );
            page.draw(
                Draw::Rect {
                    x: 1.0,
                    y: 2.0,
                    w: 3.0,
                    h: 4.0,
                    fill: Some(ink::TINT),
                    stroke: None,
                },
                0.0,
                842.0,
                &mut glyphs,
            );
        }
        packed.pack();
        assert!(packed.content.is_empty() && !packed.packed.is_empty());
        for page in [&mut plain, &mut packed] {
            page.draw(text(60.0, "footer\r"), 800.0, 842.0, &mut glyphs);
        }
        let a = plain.finish(&remap).unwrap();
        assert_eq!(a, packed.finish(&remap).unwrap());
        let a = String::from_utf8_lossy(&a);
        assert!(a.contains("BT\n/DJVSNR 9 Tf\n1 0 0 1 50 732 Tm\n("), "{a}");
        assert!(a.contains("re f\n"), "{a}");
    }

    #[test]
    fn empty_paragraph_keeps_a_line() {
        assert_eq!(lines("", 5.0), [""]);
        assert_eq!(lines("   ", 5.0), [""]);
    }
}
