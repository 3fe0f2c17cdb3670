//! Which embedded font draws each character, and how wide it is.
//!
//! printpdf neither falls back between fonts nor complains about a glyph a
//! font lacks (it draws `.notdef` or nothing), so every character is resolved
//! here first: DejaVu Sans (or Bold), then Droid Sans Fallback for CJK and the
//! rest. A character no font covers is drawn as a visible replacement mark and
//! recorded as a [`MissingGlyph`] with where it occurs.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use printpdf::{FontId, ParsedFont, PdfDocument};

use super::{MissingGlyph, PdfError};

/// One of the embedded faces. The discriminant indexes [`Glyphs::faces`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Face {
    Regular = 0,
    Bold = 1,
    Fallback = 2,
}

impl Face {
    const ALL: [Self; 3] = [Self::Regular, Self::Bold, Self::Fallback];

    fn bytes(self) -> &'static [u8] {
        match self {
            Self::Regular => crate::fonts::DEJAVU_SANS,
            Self::Bold => crate::fonts::DEJAVU_SANS_BOLD,
            Self::Fallback => crate::fonts::DROID_SANS_FALLBACK,
        }
    }

    /// The PDF resource name. Fixed rather than printpdf's random `FontId`s so
    /// that output is byte-identical; the first six capitals become the
    /// subset tag (`DJVSNR+DejaVuSans`).
    pub(super) fn resource_name(self) -> &'static str {
        match self {
            Self::Regular => "DJVSNR",
            Self::Bold => "DJVSNB",
            Self::Fallback => "DROIDF",
        }
    }

    pub(super) fn id(self) -> FontId {
        FontId(self.resource_name().to_owned())
    }
}

/// A character resolved to a face, with its advance in em.
#[derive(Debug, Clone, Copy)]
pub(super) struct Glyph {
    pub ch: char,
    pub face: Face,
    /// Glyph index in the full (not subset) font.
    pub gid: u16,
    pub advance_em: f32,
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

/// A face as embedded: the text that makes printpdf subset exactly the used
/// glyphs, and old glyph index → subset glyph index.
pub(super) struct Embedded {
    pub face: Face,
    pub text: String,
    pub remap: Vec<u16>,
}

/// Drawn in place of a character no embedded font has.
pub(super) const REPLACEMENT: char = '\u{FFFD}';

pub(super) struct Glyphs {
    faces: [OnceCell<Option<ParsedFont>>; 3],
    /// ASCII (and Latin-1) fast path: `[bold][code]`.
    latin: [[Option<Glyph>; 256]; 2],
    other: HashMap<(char, bool), Option<Glyph>>,
    missing: Vec<MissingGlyph>,
    missing_seen: HashSet<(char, String)>,
    /// Per face, the character drawn with each glyph index (0 = unused).
    used: [Vec<u32>; 3],
}

impl Glyphs {
    pub(super) fn new() -> Self {
        Self {
            faces: Default::default(),
            latin: [[None; 256]; 2],
            other: HashMap::new(),
            missing: Vec::new(),
            missing_seen: HashSet::new(),
            used: Default::default(),
        }
    }

    fn face(&self, face: Face) -> Option<&ParsedFont> {
        self.faces[face as usize]
            .get_or_init(|| {
                let mut warnings = Vec::new();
                ParsedFont::from_bytes(face.bytes(), 0, &mut warnings)
            })
            .as_ref()
    }

    fn glyph_in(&self, face: Face, ch: char) -> Option<Glyph> {
        let font = self.face(face)?;
        let gid = font.lookup_glyph_index(ch as u32)?;
        // A cmap entry pointing at .notdef is no glyph at all.
        if gid == 0 {
            return None;
        }
        let upm = f32::from(font.font_metrics.units_per_em.max(1));
        Some(Glyph {
            ch,
            face,
            gid,
            advance_em: f32::from(font.get_horizontal_advance(gid)) / upm,
        })
    }

    /// The face and width for `ch`, or `None` if no embedded font has it.
    fn lookup(&mut self, ch: char, bold: bool) -> Option<Glyph> {
        let code = ch as u32;
        if code < 256 {
            if let Some(g) = self.latin[usize::from(bold)][code as usize] {
                return Some(g);
            }
        } else if let Some(g) = self.other.get(&(ch, bold)) {
            return *g;
        }
        let order: &[Face] = if bold {
            &[Face::Bold, Face::Regular, Face::Fallback]
        } else {
            &[Face::Regular, Face::Bold, Face::Fallback]
        };
        let found = order.iter().find_map(|&face| self.glyph_in(face, ch));
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

    /// Resolves every character of `text` (one line, no newlines), replacing
    /// uncovered ones with [`REPLACEMENT`] and recording them. Characters that
    /// print as nothing (controls, zero-width formatting) are dropped.
    pub(super) fn resolve(
        &mut self,
        text: &str,
        bold: bool,
        origin: Origin<'_>,
        out: &mut Vec<Glyph>,
    ) {
        for ch in text.chars() {
            let ch = match ch {
                '\t' | '\u{a0}' | '\u{2007}' | '\u{202f}' => ' ',
                c if is_invisible(c) => continue,
                c => c,
            };
            let glyph = match self.lookup(ch, bold) {
                Some(g) => g,
                None => {
                    self.record_missing(ch, origin);
                    match self.lookup(REPLACEMENT, bold) {
                        Some(g) => g,
                        None => Glyph {
                            ch: '?',
                            face: Face::Regular,
                            gid: 0,
                            advance_em: 0.6,
                        },
                    }
                }
            };
            out.push(glyph);
        }
    }

    /// Width in em of `text` on one line (after resolution).
    pub(super) fn width_em(&mut self, text: &str, bold: bool) -> f32 {
        text.chars()
            .map(|c| self.lookup(c, bold).map_or(0.6, |g| g.advance_em))
            .sum()
    }

    fn record_missing(&mut self, ch: char, origin: Origin<'_>) {
        let location = origin.describe();
        if self.missing_seen.insert((ch, location.clone())) {
            self.missing.push(MissingGlyph {
                character: ch,
                location,
            });
        }
    }

    pub(super) fn take_missing(&mut self) -> Vec<MissingGlyph> {
        std::mem::take(&mut self.missing)
    }

    /// Records that `glyph` is drawn, so that its font embeds it.
    pub(super) fn mark_used(&mut self, glyph: Glyph) {
        let used = &mut self.used[glyph.face as usize];
        if used.is_empty() {
            used.resize(usize::from(u16::MAX) + 1, 0);
        }
        used[usize::from(glyph.gid)] = glyph.ch as u32;
    }

    /// Adds the faces that drew something to `doc`, under their fixed IDs,
    /// and returns per face the text that shows each used glyph once (for
    /// printpdf to subset and map) and the glyph renumbering of the subset.
    pub(super) fn embed(&mut self, doc: &mut PdfDocument) -> Result<Vec<Embedded>, PdfError> {
        let mut out = Vec::new();
        for face in Face::ALL {
            let used = std::mem::take(&mut self.used[face as usize]);
            if used.is_empty() {
                continue;
            }
            let font = self.faces[face as usize]
                .take()
                .flatten()
                .ok_or(PdfError::Font(face.resource_name()))?;
            doc.resources
                .fonts
                .map
                .insert(face.id(), printpdf::PdfFont::new(font));
            // printpdf subsets to .notdef followed by the used glyphs in
            // index order; a glyph's new index is its position in that list.
            let mut remap = vec![0u16; used.len()];
            let mut text = String::new();
            let mut next = 1u16;
            for (gid, &ch) in used.iter().enumerate().skip(1) {
                if let Some(ch) = char::from_u32(ch).filter(|_| ch != 0) {
                    remap[gid] = next;
                    next = next.saturating_add(1);
                    text.push(ch);
                }
            }
            out.push(Embedded { face, text, remap });
        }
        Ok(out)
    }

    /// Fails early, with a clear error, if a shipped font does not parse.
    pub(super) fn check_primary(&self) -> Result<(), PdfError> {
        for face in [Face::Regular, Face::Bold] {
            self.face(face)
                .ok_or(PdfError::Font(face.resource_name()))?;
        }
        Ok(())
    }
}

/// Characters that take no space and need no glyph.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{fe00}'..='\u{fe0f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faces(text: &str) -> Vec<Face> {
        let mut g = Glyphs::new();
        let mut out = Vec::new();
        g.resolve(text, false, Origin::Fixed, &mut out);
        out.iter().map(|g| g.face).collect()
    }

    #[test]
    fn latin_greek_and_symbols_use_dejavu_and_cjk_falls_back() {
        assert!(
            faces("Zoë Łukasz Ayşe Öztürk Ω ✓")
                .iter()
                .all(|f| *f == Face::Regular)
        );
        assert_eq!(faces("李雷"), vec![Face::Fallback, Face::Fallback]);
    }

    #[test]
    fn uncovered_characters_are_replaced_and_recorded_once_per_place() {
        let mut g = Glyphs::new();
        let mut out = Vec::new();
        // U+1F680 (rocket) and U+E000 (private use) are in none of the fonts.
        g.resolve(
            "a🚀b🚀\u{e000}",
            false,
            Origin::Item("x.y", "owner"),
            &mut out,
        );
        let chars: String = out.iter().map(|g| g.ch).collect();
        assert_eq!(chars, "a\u{fffd}b\u{fffd}\u{fffd}");
        let missing = g.take_missing();
        assert_eq!(missing.len(), 2);
        assert_eq!(missing[0].character, '🚀');
        assert_eq!(missing[0].location, "item x.y (owner)");
    }

    #[test]
    fn invisible_characters_are_dropped_not_reported() {
        let mut g = Glyphs::new();
        let mut out = Vec::new();
        g.resolve("a\u{200b}b\u{feff}\u{7}", false, Origin::Fixed, &mut out);
        assert_eq!(out.len(), 2);
        assert!(g.take_missing().is_empty());
    }
}
