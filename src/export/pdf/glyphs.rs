//! Which embedded font draws each character, and how wide it is.
//!
//! printpdf neither falls back between fonts nor complains about a glyph a
//! font lacks (it draws `.notdef` or nothing), so every character is resolved
//! here first: DejaVu Sans (or Bold), then Droid Sans Fallback for CJK and the
//! rest. A character no font covers is drawn as a visible replacement mark and
//! recorded as a [`MissingGlyph`] with where it occurs.
//!
//! DejaVu comes in two cuts: the core one (Latin, Greek, Cyrillic, common
//! symbols; a quarter of the size) and the full one. Characters are looked up
//! in the core cut first, and the full cut is only parsed for a character the
//! core lacks. A face's glyph indices are those of the core cut, or
//! [`FULL_OFFSET`] plus those of the full cut; at embedding time the face
//! becomes the core cut if nothing needed the full one, else the full cut
//! (core glyphs translated through their characters). Parsing and
//! subsetting the full faces is most of the time of a small export.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use printpdf::{FontId, ParsedFont, PdfDocument};

use super::{MissingGlyph, PdfError};

/// One of the embedded faces. The discriminant indexes `Glyphs::used`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Face {
    Regular = 0,
    Bold = 1,
    Fallback = 2,
}

impl Face {
    const ALL: [Self; 3] = [Self::Regular, Self::Bold, Self::Fallback];

    /// Where the face's glyphs come from: the core cut (if any), then the
    /// full font.
    fn sources(self) -> (Option<Source>, Source) {
        match self {
            Self::Regular => (Some(Source::CoreRegular), Source::Regular),
            Self::Bold => (Some(Source::CoreBold), Source::Bold),
            Self::Fallback => (None, Source::Fallback),
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

/// A font program that can be parsed. The discriminant indexes
/// [`Glyphs::fonts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    CoreRegular = 0,
    CoreBold = 1,
    Regular = 2,
    Bold = 3,
    Fallback = 4,
}

impl Source {
    fn bytes(self) -> &'static [u8] {
        match self {
            Self::CoreRegular => crate::fonts::DEJAVU_SANS_CORE,
            Self::CoreBold => crate::fonts::DEJAVU_SANS_BOLD_CORE,
            Self::Regular => crate::fonts::DEJAVU_SANS,
            Self::Bold => crate::fonts::DEJAVU_SANS_BOLD,
            Self::Fallback => crate::fonts::DROID_SANS_FALLBACK,
        }
    }
}

/// Added to a glyph index of a full DejaVu face, to tell it from the core
/// cut's (which has fewer glyphs than this; the full faces have fewer than
/// `u16::MAX - FULL_OFFSET`).
const FULL_OFFSET: u16 = 0x4000;

/// A character resolved to a face, with its advance in em.
#[derive(Debug, Clone, Copy)]
pub(super) struct Glyph {
    pub ch: char,
    pub face: Face,
    /// Glyph index in the face before subsetting: for DejaVu, in the core
    /// cut or [`FULL_OFFSET`] plus the index in the full font.
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
    fonts: [OnceCell<Option<ParsedFont>>; 5],
    /// ASCII (and Latin-1) fast path: `[bold][code]`.
    latin: [[Option<Glyph>; 256]; 2],
    other: HashMap<(char, bool), Option<Glyph>>,
    missing: Vec<MissingGlyph>,
    missing_seen: HashSet<(char, String)>,
    /// Per face, the character drawn with each glyph index (0 = unused), up
    /// to the highest index used.
    used: [Vec<u32>; 3],
}

impl Glyphs {
    pub(super) fn new() -> Self {
        Self {
            fonts: Default::default(),
            latin: [[None; 256]; 2],
            other: HashMap::new(),
            missing: Vec::new(),
            missing_seen: HashSet::new(),
            used: Default::default(),
        }
    }

    fn font(&self, source: Source) -> Option<&ParsedFont> {
        self.fonts[source as usize]
            .get_or_init(|| {
                // Shared bytes and outlines left unparsed: printpdf's
                // `from_bytes` copies the font twice and decodes every
                // glyph's location, none of which looking up characters
                // and advances needs (subsetting reads the bytes again).
                let bytes = std::sync::Arc::new(rust_fontconfig::FontBytes::Owned(
                    std::sync::Arc::from(source.bytes()),
                ));
                let mut warnings = Vec::new();
                printpdf::AzulParsedFont::from_bytes_shared(bytes, 0, &mut warnings)
                    .map(ParsedFont::from_azul)
            })
            .as_ref()
    }

    /// The glyph index of `ch` in `source` and its advance in em.
    fn glyph_of(&self, source: Source, ch: char) -> Option<(u16, f32)> {
        let font = self.font(source)?;
        let gid = font.lookup_glyph_index(ch as u32)?;
        // A cmap entry pointing at .notdef is no glyph at all.
        if gid == 0 {
            return None;
        }
        let upm = f32::from(font.font_metrics.units_per_em.max(1));
        Some((gid, f32::from(font.get_horizontal_advance(gid)) / upm))
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
        Some(Glyph {
            ch,
            face,
            gid,
            advance_em,
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
        let gid = usize::from(glyph.gid);
        if gid >= used.len() {
            used.resize(gid + 1, 0);
        }
        used[gid] = glyph.ch as u32;
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
                    self.font(full)
                        .and_then(|f| f.lookup_glyph_index(ch as u32))
                        .unwrap_or(0)
                };
                if target != 0 {
                    glyphs.push((target, gid, ch));
                }
            }
            glyphs.sort_unstable();
            // printpdf subsets to .notdef followed by the used glyphs in
            // index order; a glyph's new index is its position in that list.
            let mut remap = vec![0u16; used.len()];
            let mut text = String::new();
            let mut next = 0u16;
            let mut last = 0u16;
            for &(target, gid, ch) in &glyphs {
                if target != last {
                    last = target;
                    next = next.saturating_add(1);
                    text.push(ch);
                }
                remap[usize::from(gid)] = next;
            }
            let font = self.fonts[source as usize]
                .take()
                .flatten()
                .ok_or(PdfError::Font(face.resource_name()))?;
            doc.resources
                .fonts
                .map
                .insert(face.id(), printpdf::PdfFont::new(font));
            out.push(Embedded { face, text, remap });
        }
        Ok(out)
    }

    /// Fails early, with a clear error, if a shipped font does not parse.
    pub(super) fn check_primary(&self) -> Result<(), PdfError> {
        for (source, face) in [
            (Source::CoreRegular, Face::Regular),
            (Source::CoreBold, Face::Bold),
        ] {
            self.font(source)
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

    /// The code points `assets/fonts/make_core.sh` cuts the core faces to.
    fn claimed_core_coverage() -> Vec<char> {
        let script = include_str!("../../../assets/fonts/make_core.sh");
        let list = script
            .split("UNICODES=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("make_core.sh sets UNICODES")
            .replace("\\\n", "");
        let hex = |s: &str| u32::from_str_radix(s.trim().trim_start_matches("U+"), 16).unwrap();
        let mut chars = Vec::new();
        for range in list.split(',') {
            let (first, last) = range.split_once('-').unwrap_or((range, range));
            chars.extend((hex(first)..=hex(last)).filter_map(char::from_u32));
        }
        chars
    }

    #[test]
    fn core_faces_cover_what_make_core_claims_with_the_full_faces_advances() {
        let g = Glyphs::new();
        let claimed = claimed_core_coverage();
        assert!(claimed.len() > 2000, "{} code points", claimed.len());
        let mut checked = 0;
        for ch in claimed {
            for (core, full) in [
                (Source::CoreRegular, Source::Regular),
                (Source::CoreBold, Source::Bold),
            ] {
                let Some((_, advance)) = g.glyph_of(full, ch) else {
                    continue;
                };
                let (_, core_advance) = g
                    .glyph_of(core, ch)
                    .unwrap_or_else(|| panic!("{core:?} lacks U+{:04X}", ch as u32));
                assert_eq!(advance, core_advance, "U+{:04X}", ch as u32);
                checked += 1;
            }
        }
        assert!(checked > 4000, "{checked} glyphs checked");
        // What users type most, in both weights, without the full faces.
        let mut g = Glyphs::new();
        let mut out = Vec::new();
        let text = "Zoë Łukasz Ayşe Öztürk Ω ✓ ✗ ☐ Привет Ђорђе ő ș ệ € ₴ → ≤ “…” — •";
        for bold in [false, true] {
            g.resolve(text, bold, Origin::Fixed, &mut out);
        }
        assert!(out.iter().all(|g| g.gid < FULL_OFFSET), "{out:?}");
        assert!(g.fonts[Source::Regular as usize].get().is_none());
        assert!(g.fonts[Source::Bold as usize].get().is_none());
    }

    #[test]
    fn a_character_beyond_the_core_face_comes_from_the_full_face() {
        let mut g = Glyphs::new();
        let mut out = Vec::new();
        // Polytonic Greek and box drawing: in DejaVu Sans, not in the core cut.
        g.resolve("aἈ─b", false, Origin::Fixed, &mut out);
        assert!(out.iter().all(|g| g.face == Face::Regular), "{out:?}");
        assert!(out[0].gid < FULL_OFFSET && out[3].gid < FULL_OFFSET);
        assert!(out[1].gid > FULL_OFFSET && out[2].gid > FULL_OFFSET);
        assert!(g.take_missing().is_empty());
        for glyph in &out {
            g.mark_used(*glyph);
        }
        let mut doc = PdfDocument::new("test");
        let embedded = g.embed(&mut doc).unwrap();
        assert_eq!(embedded.len(), 1);
        // The full face is embedded, the core glyphs found again in it: four
        // distinct glyphs, numbered 1..=4 in the subset.
        let e = &embedded[0];
        let font = &doc.resources.fonts.map[&Face::Regular.id()];
        assert!(font.parsed_font.num_glyphs > 5000);
        let mut chars: Vec<char> = e.text.chars().collect();
        chars.sort_unstable();
        assert_eq!(chars, ['a', 'b', 'Ἀ', '─']);
        let mut new: Vec<u16> = out.iter().map(|g| e.remap[usize::from(g.gid)]).collect();
        new.sort_unstable();
        assert_eq!(new, [1, 2, 3, 4]);
    }

    #[test]
    fn a_document_the_core_face_covers_embeds_the_core_face() {
        let mut g = Glyphs::new();
        let mut out = Vec::new();
        g.resolve("Zoë ✓", false, Origin::Fixed, &mut out);
        for glyph in &out {
            g.mark_used(*glyph);
        }
        let mut doc = PdfDocument::new("test");
        let embedded = g.embed(&mut doc).unwrap();
        let font = &doc.resources.fonts.map[&Face::Regular.id()];
        assert!(font.parsed_font.num_glyphs < FULL_OFFSET);
        assert_eq!(embedded[0].text.chars().count(), 5);
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
