//! Page content streams, written as PDF operators directly.

use super::canvas::{Draw, Rgb3};
use super::glyphs::{Face, Glyph, Glyphs};

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

/// A [`GLYPH_RUN`] being written: where its count goes, and the count.
struct Tj {
    at: usize,
    count: u16,
}

impl Tj {
    fn open(content: &mut Vec<u8>, face: Face) -> Self {
        content.push(GLYPH_RUN);
        content.push(face.index() as u8);
        let at = content.len();
        content.extend_from_slice(&[0, 0]);
        Self { at, count: 0 }
    }

    /// Adds a glyph; `false` when the run is full.
    fn push(&mut self, content: &mut Vec<u8>, gid: u16) -> bool {
        if self.count == u16::MAX {
            return false;
        }
        self.count += 1;
        content.extend_from_slice(&gid.to_le_bytes());
        true
    }

    fn close(self, content: &mut Vec<u8>) {
        content[self.at..self.at + 2].copy_from_slice(&self.count.to_le_bytes());
        content.extend_from_slice(b" Tj\n");
    }
}

/// Appends `v` with at most two decimals (PDF needs no exponent and no
/// more precision than 1/100 pt).
fn num(out: &mut Vec<u8>, v: f32) {
    let hundredths = (f64::from(v) * 100.0).round() as i64;
    if hundredths < 0 {
        out.push(b'-');
    }
    let abs = hundredths.unsigned_abs();
    itoa(out, abs / 100);
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

/// Appends the decimal digits of `n` (numbers are most of a page's
/// content, so without a temporary buffer).
fn itoa(out: &mut Vec<u8>, n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut n = n;
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

fn color_op(out: &mut Vec<u8>, c: Rgb3, op: &[u8]) {
    for channel in c {
        num(out, channel);
    }
    out.extend_from_slice(op);
}

impl Page {
    pub(super) fn new() -> Self {
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

    pub(super) fn draw(&mut self, draw: Draw, dy: f32, page_h: f32, glyphs: &mut Glyphs) {
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
                self.content.extend_from_slice(b"BT\n");
                self.text(&run_glyphs, (x, y), size, glyphs);
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

    /// The glyphs of one line, in visual order, from `(x, y)`: runs of one
    /// face as one string each, a glyph the shaper moved at its own
    /// position, right-to-left runs marked `/ReversedChars` (their glyphs
    /// are in visual order, as every PDF reader expects) and a shaped
    /// cluster whose glyphs do not spell its characters one by one as a
    /// `/Span` with its `/ActualText`, so that copying and `pdftotext`
    /// give the text as typed.
    fn text(&mut self, line: &[Glyph], (x, y): (f32, f32), size: f32, glyphs: &mut Glyphs) {
        let mut pen = x;
        let mut run: Option<Tj> = None;
        let mut reversed = false;
        let mut i = 0;
        while i < line.len() {
            let g = line[i];
            if g.rtl() != reversed {
                self.close(&mut run);
                self.content.extend_from_slice(if reversed {
                    b"EMC\n" as &[u8]
                } else {
                    b"/ReversedChars BMC\n"
                });
                reversed = g.rtl();
            }
            // A cluster with ActualText: all of its glyphs in one span.
            let mut end = i + 1;
            while end < line.len() && line[end].cluster == g.cluster && line[end].face == g.face {
                end += 1;
            }
            let actual = line[i..end]
                .iter()
                .find_map(|g| glyphs.actual_text(g.actual))
                .map(str::to_owned);
            if let Some(text) = &actual {
                self.close(&mut run);
                self.content.extend_from_slice(b"/Span <</ActualText <FEFF");
                for unit in text.encode_utf16() {
                    self.content
                        .extend_from_slice(format!("{unit:04X}").as_bytes());
                }
                self.content.extend_from_slice(b">>> BDC\n");
            } else {
                end = i + 1;
            }
            for k in i..end {
                let g = line[k];
                let fresh =
                    k == 0 || g.placed() || line[k - 1].placed() || line[k - 1].face != g.face;
                if fresh || run.is_none() {
                    self.close(&mut run);
                    self.set_font(g.face, size);
                    self.content.extend_from_slice(b"1 0 0 1 ");
                    num(&mut self.content, pen + g.offset_em.0 * size);
                    num(&mut self.content, y + g.offset_em.1 * size);
                    self.content.extend_from_slice(b"Tm\n");
                    run = Some(Tj::open(&mut self.content, g.face));
                }
                if let Some(tj) = &mut run
                    && !tj.push(&mut self.content, g.gid)
                {
                    self.close(&mut run);
                    run = Some(Tj::open(&mut self.content, g.face));
                    if let Some(tj) = &mut run {
                        tj.push(&mut self.content, g.gid);
                    }
                }
                glyphs.mark_used(g);
                pen += g.advance_em * size;
            }
            if actual.is_some() {
                self.close(&mut run);
                self.content.extend_from_slice(b"EMC\n");
            }
            i = end;
        }
        self.close(&mut run);
        if reversed {
            self.content.extend_from_slice(b"EMC\n");
        }
    }

    fn set_font(&mut self, face: Face, size: f32) {
        if self.font != Some((face, size)) {
            self.font = Some((face, size));
            self.content.push(b'/');
            self.content
                .extend_from_slice(face.resource_name().as_bytes());
            self.content.push(b' ');
            num(&mut self.content, size);
            self.content.extend_from_slice(b"Tf\n");
        }
    }

    /// Ends the string being written, if any.
    fn close(&mut self, run: &mut Option<Tj>) {
        if let Some(tj) = run.take() {
            tj.close(&mut self.content);
        }
    }

    /// Bytes written and not yet packed.
    pub(super) fn plain_len(&self) -> usize {
        self.content.len()
    }

    /// Gives back the spare capacity of the plain buffer.
    pub(super) fn shrink(&mut self) {
        self.content.shrink_to_fit();
    }

    /// Compresses what is written so far; later drawing (the header and
    /// footer) continues in a fresh buffer.
    pub(super) fn pack(&mut self) {
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
    pub(super) fn finish(&self, remap: &[Vec<u16>]) -> std::io::Result<Vec<u8>> {
        let src = &self.unpacked()?;
        let mut out = Vec::with_capacity(src.len() + src.len() / 8);
        let mut i = 0;
        while i < src.len() {
            let Some(pos) = memchr::memchr(GLYPH_RUN, &src[i..]) else {
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
                let new = remap
                    .get(face)
                    .and_then(|r| r.get(usize::from(old)))
                    .copied()
                    .unwrap_or(0);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::canvas::ink;

    fn text(x: f32, s: &str) -> Draw {
        Draw::Text {
            x,
            baseline: 10.0,
            size: 9.0,
            color: ink::TEXT,
            glyphs: s
                .chars()
                .map(|ch| Glyph::plain(ch, Face::REGULAR, ch as u16, 0.5))
                .collect(),
        }
    }

    #[test]
    fn a_packed_page_finishes_to_the_same_content() {
        let mut glyphs = Glyphs::new();
        let remap: Vec<Vec<u16>> = vec![(0..=u16::MAX).map(|g| g / 2).collect()];
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

    /// The content stream of one line, glyph indices as they are.
    fn line_content(line: &[Glyph], glyphs: &mut Glyphs) -> String {
        let mut page = Page::new();
        page.draw(
            Draw::Text {
                x: 10.0,
                baseline: 10.0,
                size: 10.0,
                color: ink::TEXT,
                glyphs: line.to_vec(),
            },
            0.0,
            100.0,
            glyphs,
        );
        let identity: Vec<Vec<u16>> = vec![(0..=u16::MAX).collect(); Face::COUNT];
        String::from_utf8_lossy(&page.finish(&identity).unwrap()).into_owned()
    }

    #[test]
    fn right_to_left_runs_are_marked_reversed_chars() {
        let mut glyphs = Glyphs::new();
        let mut line: Vec<Glyph> = "ab"
            .chars()
            .map(|ch| Glyph::plain(ch, Face::REGULAR, 0x4141, 0.5))
            .collect();
        line[1].level = 1;
        let c = line_content(&line, &mut glyphs);
        assert_eq!(
            c,
            "0.1 0.1 0.12 rg\nBT\n/DJVSNR 10 Tf\n1 0 0 1 10 90 Tm\n(AA) Tj\n\
             /ReversedChars BMC\n1 0 0 1 15 90 Tm\n(AA) Tj\nEMC\nET\n"
        );
    }

    #[test]
    fn a_cluster_with_actual_text_is_one_span_and_moved_glyphs_are_placed() {
        let mut glyphs = Glyphs::new();
        let id = glyphs.add_actual_text("क्ष");
        let mut a = Glyph::plain('क', Face::DEVANAGARI, 0x4242, 1.0);
        a.actual = id;
        let mut mark = Glyph::plain('्', Face::DEVANAGARI, 0x4343, 0.0);
        mark.flags = Glyph::PLACED;
        mark.offset_em = (-0.5, 0.25);
        let after = Glyph::plain('x', Face::REGULAR, 0x4444, 0.5);
        let c = line_content(&[a, mark, after], &mut glyphs);
        assert_eq!(
            c,
            "0.1 0.1 0.12 rg\nBT\n/Span <</ActualText <FEFF0915094D0937>>> BDC\n\
             /NOTODV 10 Tf\n1 0 0 1 10 90 Tm\n(BB) Tj\n1 0 0 1 15 92.5 Tm\n(CC) Tj\nEMC\n\
             /DJVSNR 10 Tf\n1 0 0 1 20 90 Tm\n(DD) Tj\nET\n"
        );
    }
}
