//! Which font draws each character, and how wide it is.
//!
//! printpdf neither falls back between fonts nor complains about a glyph a
//! font lacks (it draws `.notdef` or nothing), so every character is resolved
//! here first: the face made for its script if there is one (Devanagari,
//! Thai, Hangul), DejaVu Sans (or Bold), Droid Sans Fallback for CJK and the
//! rest, then fonts installed on the system (`system`). A character no font
//! covers is drawn as a visible replacement mark and recorded, once per
//! field, as a [`MissingGlyph`].
//!
//! DejaVu comes in two cuts: the core one (Latin, Greek, Cyrillic, common
//! symbols; a quarter of the size) and the full one. Characters are looked up
//! in the core cut first, and the full cut is only parsed for a character the
//! core lacks. A face's glyph indices are those of the core cut, or
//! [`FULL_OFFSET`] plus those of the full cut; at embedding time the face
//! becomes the core cut if nothing needed the full one, else the full cut
//! (core glyphs translated through their characters). When parsing and
//! subsetting went through printpdf, the full faces were most of a small
//! export's time; since `subset` reads only the glyphs drawn, a Latin
//! document that needs one full-cut character costs about 3 % more.
//! Text that needs shaping (`shape`) is shaped with the full cut.
//!
//! Characters are looked up in the font's own bytes (`read`), which
//! `subset` then cuts down to the glyphs drawn.

use std::cell::OnceCell;
use std::collections::HashMap;

pub(super) use super::faces::Face;
use super::faces::{Program, Source};
use super::system::SystemFonts;
use super::{MissingGlyph, PdfError};
use read::Metrics;

/// Added to a glyph index of a full DejaVu face, to tell it from the core
/// cut's (which has fewer glyphs than this; the full faces have fewer than
/// `u16::MAX - FULL_OFFSET`).
pub(super) const FULL_OFFSET: u16 = 0x4000;

/// A glyph to draw, with its advance in em. Plain text is one glyph per
/// character; shaped text (`shape`) has clusters of characters drawn by
/// one or more glyphs.
#[derive(Debug, Clone, Copy)]
pub(super) struct Glyph {
    /// The (first) character the glyph draws: what line breaking sees and
    /// what the PDF's ToUnicode map gives for it.
    pub ch: char,
    pub face: Face,
    /// Glyph index in the face before subsetting: for DejaVu, in the core
    /// cut or [`FULL_OFFSET`] plus the index in the full font.
    pub gid: u16,
    pub advance_em: f32,
    /// Where the shaper moved the glyph from the pen, in em (marks above
    /// letters); zero for plain text.
    pub offset_em: (f32, f32),
    /// Byte offset of the glyph's cluster in its paragraph.
    pub cluster: u32,
    /// Bidi embedding level: odd is right to left.
    pub level: u8,
    /// [`Glyph::START`], [`Glyph::PLACED`].
    pub flags: u8,
    /// On a cluster's first glyph whose glyphs do not spell its characters
    /// one by one: 1 + the index of its text in [`Glyphs::actual_text`].
    pub actual: u32,
}

impl Glyph {
    /// The first glyph of its cluster (in logical order): a line may break
    /// before it.
    pub const START: u8 = 1;
    /// Its advance is not the font's own, or it is offset: the PDF must
    /// place it, and the glyph after it, explicitly.
    pub const PLACED: u8 = 2;

    /// A glyph of plain text: one character, its own cluster.
    pub fn plain(ch: char, face: Face, gid: u16, advance_em: f32) -> Self {
        Self {
            ch,
            face,
            gid,
            advance_em,
            offset_em: (0.0, 0.0),
            cluster: 0,
            level: 0,
            flags: Self::START,
            actual: 0,
        }
    }

    pub fn starts_cluster(&self) -> bool {
        self.flags & Self::START != 0
    }

    pub fn placed(&self) -> bool {
        self.flags & Self::PLACED != 0
    }

    pub fn rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// Where a piece of text comes from, for [`MissingGlyph::location`].
#[derive(Debug, Clone, Copy)]
pub(super) enum Origin<'a> {
    Workbook(&'static str),
    Item(&'a str, &'static str),
    Category(&'a str),
    /// Text Shipshape writes itself (labels, headings): always covered.
    Fixed,
}

impl Origin<'_> {
    fn describe(self) -> String {
        match self {
            Self::Workbook(field) => format!("workbook {field}"),
            Self::Item(id, field) => format!("item {id} ({field})"),
            Self::Category(id) => format!("category {id} (name)"),
            Self::Fixed => "a label".to_owned(),
        }
    }
}

/// A face to embed: its font program, each used glyph once in index
/// order, and old glyph index → subset glyph index.
pub(super) struct Embedded {
    pub face: Face,
    pub program: Program,
    pub glyphs: Vec<Kept>,
    pub remap: Vec<u16>,
}

/// A glyph the subset keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Kept {
    /// Its index in the font program.
    pub gid: u16,
    /// The (first) character it was drawn for: its text in the PDF.
    pub ch: char,
    /// Whether the font's own `cmap` maps `ch` to it (it is not a form
    /// chosen by shaping), so the subset's `cmap` may too.
    pub in_cmap: bool,
}

/// Drawn in place of a character no embedded font has.
pub(super) const REPLACEMENT: char = '\u{FFFD}';

pub(super) struct Glyphs {
    /// The bundled fonts' character maps and advances, by [`Source::index`].
    metrics: Vec<OnceCell<Option<Metrics<'static>>>>,
    /// Shaping tables, by [`Source::index`].
    shapers: Vec<OnceCell<Option<harfrust::ShaperData>>>,
    pub(super) system: SystemFonts,
    /// ASCII (and Latin-1) fast path: `[bold][code]`.
    latin: [[Option<Glyph>; 256]; 2],
    other: HashMap<(char, bool), Option<Glyph>>,
    missing: Vec<MissingGlyph>,
    /// Per face, the character drawn with each glyph index (0 = unused), up
    /// to the highest index used.
    used: Vec<Vec<u32>>,
    /// The ActualText of shaped clusters ([`Glyph::actual`]).
    actual: Vec<String>,
}

impl Glyphs {
    /// Glyphs from the bundled fonts only.
    #[cfg(test)]
    pub(super) fn new() -> Self {
        Self::with_system_fonts(false)
    }

    /// Glyphs from the bundled fonts, then (if `system_fonts`) from the
    /// system's for what they lack.
    pub(super) fn with_system_fonts(system_fonts: bool) -> Self {
        Self {
            metrics: (0..Source::BUNDLED).map(|_| OnceCell::new()).collect(),
            shapers: (0..Source::COUNT).map(|_| OnceCell::new()).collect(),
            system: SystemFonts::new(system_fonts),
            latin: [[None; 256]; 2],
            other: HashMap::new(),
            missing: Vec::new(),
            used: vec![Vec::new(); Face::COUNT],
            actual: Vec::new(),
        }
    }

    /// The bytes of `source` and its index in its file.
    pub(super) fn program(&self, source: Source) -> Option<Program> {
        match source {
            Source::System(n) => self.system.program(usize::from(n)).cloned(),
            _ => Program::bundled(source),
        }
    }

    /// The program's bytes without copying a bundled font.
    fn with_bytes<T>(&self, source: Source, f: impl FnOnce(&[u8], u32) -> T) -> Option<T> {
        match source.bundled_bytes() {
            Some(bytes) => Some(f(bytes, 0)),
            None => self.program(source).map(|p| f(&p.bytes, p.index)),
        }
    }

    /// Runs `f` with the character map and advances of `source`: a
    /// bundled font's are read once, a system font's each time (they are
    /// rare, and their bytes are not `'static`).
    fn with_metrics<T>(&self, source: Source, f: impl FnOnce(&Metrics<'_>) -> T) -> Option<T> {
        match source.bundled_bytes() {
            Some(bytes) => self.metrics[source.index()]
                .get_or_init(|| Metrics::read(bytes, 0))
                .as_ref()
                .map(f),
            None => {
                let program = self.program(source)?;
                Metrics::read(&program.bytes, program.index).as_ref().map(f)
            }
        }
    }

    /// Runs `f` with a shaper for `source`.
    pub(super) fn with_shaper<T>(
        &self,
        source: Source,
        f: impl FnOnce(&harfrust::Shaper<'_>) -> T,
    ) -> Option<T> {
        self.with_bytes(source, |bytes, index| {
            let font = harfrust::FontRef::from_index(bytes, index).ok()?;
            let data = self.shapers[source.index()]
                .get_or_init(|| Some(harfrust::ShaperData::new(&font)))
                .as_ref()?;
            Some(f(&data.shaper(&font).build()))
        })
        .flatten()
    }

    /// The font's own advance of glyph `gid` of `source`, in em.
    pub(super) fn advance_of(&self, source: Source, gid: u16) -> Option<f32> {
        self.with_metrics(source, |m| m.advance_em(gid)).flatten()
    }

    /// The glyph index of `ch` in `source` and its advance in em.
    fn glyph_of(&self, source: Source, ch: char) -> Option<(u16, f32)> {
        self.with_metrics(source, |m| {
            let gid = m.glyph(ch)?;
            Some((gid, m.advance_em(gid)?))
        })
        .flatten()
    }

    fn glyph_in(&self, face: Face, ch: char) -> Option<Glyph> {
        let (core, full) = face.sources();
        let (gid, advance_em) = match core.and_then(|c| self.glyph_of(c, ch)) {
            Some(found) => found,
            None => {
                let (gid, advance) = self.glyph_of(full, ch)?;
                let gid = if core.is_some() {
                    gid.checked_add(FULL_OFFSET)?
                } else {
                    gid
                };
                (gid, advance)
            }
        };
        Some(Glyph::plain(ch, face, gid, advance_em))
    }

    /// Whether `face` has a glyph for `ch`.
    pub(super) fn has(&self, face: Face, ch: char) -> bool {
        self.glyph_in(face, ch).is_some()
    }

    /// The face and width for `ch`, or `None` if no font has it.
    pub(super) fn lookup(&mut self, ch: char, bold: bool) -> Option<Glyph> {
        let code = ch as u32;
        if code < 256 {
            if let Some(g) = self.latin[usize::from(bold)][code as usize] {
                return Some(g);
            }
        } else if let Some(g) = self.other.get(&(ch, bold)) {
            return *g;
        }
        let found = Face::preferred(ch)
            .into_iter()
            .chain(Face::lookup_order(bold))
            .find_map(|face| self.glyph_in(face, ch))
            .or_else(|| {
                let n = self.system.find(ch)?;
                self.glyph_in(Face::system(n)?, ch)
            });
        if code < 256 {
            // Latin-1 is always in DejaVu; a miss would only repeat the search.
            if let Some(g) = found {
                self.latin[usize::from(bold)][code as usize] = Some(g);
            }
        } else {
            self.other.insert((ch, bold), found);
        }
        found
    }

    /// The glyph for `ch`, or the replacement mark (recorded as missing
    /// in `origin`); `None` for a character that prints as nothing.
    pub(super) fn glyph_or_replacement(
        &mut self,
        ch: char,
        bold: bool,
        origin: Origin<'_>,
    ) -> Option<Glyph> {
        let ch = match ch {
            '\t' | '\u{a0}' | '\u{2007}' | '\u{202f}' => ' ',
            c if is_invisible(c) => return None,
            c => c,
        };
        Some(match self.lookup(ch, bold) {
            Some(g) => g,
            None => {
                self.record_missing(ch, origin);
                self.lookup(REPLACEMENT, bold)
                    .unwrap_or_else(|| Glyph::plain('?', Face::REGULAR, 0, 0.6))
            }
        })
    }

    /// Resolves every character of `text` (one line, no newlines) to one
    /// glyph each, without shaping or reordering, replacing uncovered ones
    /// with [`REPLACEMENT`] and recording them. Characters that print as
    /// nothing (controls, zero-width formatting) are dropped.
    pub(super) fn resolve(
        &mut self,
        text: &str,
        bold: bool,
        origin: Origin<'_>,
        out: &mut Vec<Glyph>,
    ) {
        for (at, ch) in text.char_indices() {
            if let Some(mut glyph) = self.glyph_or_replacement(ch, bold, origin) {
                glyph.cluster = at as u32;
                out.push(glyph);
            }
        }
    }

    /// Width in em of `text` on one line, unshaped.
    pub(super) fn width_em(&mut self, text: &str, bold: bool) -> f32 {
        text.chars()
            .map(|c| self.lookup(c, bold).map_or(0.6, |g| g.advance_em))
            .sum()
    }

    /// Records that `origin` has `ch`, which no font has: one entry per
    /// field, listing each character once.
    fn record_missing(&mut self, ch: char, origin: Origin<'_>) {
        let location = origin.describe();
        match self.missing.iter_mut().find(|m| m.location == location) {
            Some(m) if m.characters.contains(&ch) => {}
            Some(m) => m.characters.push(ch),
            None => self.missing.push(MissingGlyph {
                characters: vec![ch],
                location,
            }),
        }
    }

    /// Records the characters of `cluster` no font has (the first one if
    /// each has a font, but not the one the cluster was shaped with).
    pub(super) fn note_missing(&mut self, cluster: &str, origin: Origin<'_>) {
        let mut any = false;
        for ch in cluster.chars() {
            if !is_invisible(ch) && self.lookup(ch, false).is_none() {
                self.record_missing(ch, origin);
                any = true;
            }
        }
        if !any && let Some(ch) = cluster.chars().next() {
            self.record_missing(ch, origin);
        }
    }

    pub(super) fn take_missing(&mut self) -> Vec<MissingGlyph> {
        std::mem::take(&mut self.missing)
    }

    /// Keeps `text` as a cluster's ActualText; the value for [`Glyph::actual`].
    pub(super) fn add_actual_text(&mut self, text: &str) -> u32 {
        self.actual.push(text.to_owned());
        self.actual.len() as u32
    }

    /// The ActualText of a glyph whose [`Glyph::actual`] is `id`.
    pub(super) fn actual_text(&self, id: u32) -> Option<&str> {
        let index = usize::try_from(id).ok()?.checked_sub(1)?;
        self.actual.get(index).map(String::as_str)
    }

    /// Records that `glyph` is drawn, so that its font embeds it.
    pub(super) fn mark_used(&mut self, glyph: Glyph) {
        let used = &mut self.used[glyph.face.index()];
        let gid = usize::from(glyph.gid);
        if gid >= used.len() {
            used.resize(gid + 1, 0);
        }
        if used[gid] == 0 {
            used[gid] = glyph.ch as u32;
        }
    }

    /// The faces that drew something: per face, the font program to
    /// embed, the glyphs to keep and the renumbering of the subset.
    pub(super) fn embed(&mut self) -> Result<Vec<Embedded>, PdfError> {
        let mut out = Vec::new();
        for index in 0..Face::COUNT {
            let Some(face) = Face::from_index(index) else {
                continue;
            };
            let used = std::mem::take(&mut self.used[index]);
            if used.is_empty() {
                continue;
            }
            let (core, full) = face.sources();
            // `used` only reaches past FULL_OFFSET if a glyph there is used.
            let translate = core.is_some() && used.len() > usize::from(FULL_OFFSET);
            let source = match core {
                Some(core) if !translate => core,
                _ => full,
            };
            // (glyph index in the embedded font, index used, character).
            let mut glyphs: Vec<(u16, u16, char)> = Vec::new();
            for (gid, &ch) in used.iter().enumerate() {
                let (Ok(gid), Some(ch)) = (u16::try_from(gid), char::from_u32(ch)) else {
                    continue;
                };
                if ch == '\0' {
                    continue;
                }
                let target = if !translate {
                    gid
                } else if gid >= FULL_OFFSET {
                    gid - FULL_OFFSET
                } else {
                    // A core glyph, found again in the full font by its
                    // character (both cuts draw it with the same outline).
                    self.with_metrics(full, |m| m.glyph(ch))
                        .flatten()
                        .unwrap_or(0)
                };
                if target != 0 {
                    glyphs.push((target, gid, ch));
                }
            }
            glyphs.sort_unstable();
            // The subset is .notdef followed by the used glyphs in index
            // order (`subset`); a glyph's new index is its place in that list.
            let mut remap = vec![0u16; used.len()];
            let mut kept: Vec<Kept> = Vec::new();
            for &(target, gid, ch) in &glyphs {
                if kept.last().is_none_or(|k| k.gid != target) {
                    kept.push(Kept {
                        gid: target,
                        ch,
                        in_cmap: false,
                    });
                }
                remap[usize::from(gid)] = kept.len() as u16;
            }
            let program = self
                .program(source)
                .ok_or(PdfError::Font(face.resource_name()))?;
            self.with_metrics(source, |m| {
                for k in &mut kept {
                    k.in_cmap = m.glyph(k.ch) == Some(k.gid);
                }
            })
            .ok_or(PdfError::Font(face.resource_name()))?;
            out.push(Embedded {
                face,
                program,
                glyphs: kept,
                remap,
            });
        }
        Ok(out)
    }

    /// Fails early, with a clear error, if a shipped font does not parse.
    pub(super) fn check_primary(&self) -> Result<(), PdfError> {
        for (source, face) in [
            (Source::CoreRegular, Face::REGULAR),
            (Source::CoreBold, Face::BOLD),
        ] {
            self.with_metrics(source, |_| ())
                .ok_or(PdfError::Font(face.resource_name()))?;
        }
        Ok(())
    }
}

/// Characters that take no space and need no glyph.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{fe00}'..='\u{fe0f}')
}

mod read;

#[cfg(test)]
mod tests;
