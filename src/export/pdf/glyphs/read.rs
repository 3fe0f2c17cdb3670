//! How a font program is read: in place, by read-fonts, to look
//! characters and advances up while laying out; by printpdf, to embed it.

use printpdf::ParsedFont;

use super::{Program, Source};

/// A font's character map and advances, read in place by read-fonts (the
/// parser harfrust shapes with). Looking characters up needs neither a
/// copy of the font nor printpdf's parse of it; only embedding does, and
/// that parse is made on another thread during the layout ([`CoreFonts`]).
pub(super) struct Metrics<'a> {
    cmap: read_fonts::tables::cmap::CmapSubtable<'a>,
    hmtx: read_fonts::tables::hmtx::Hmtx<'a>,
    units_per_em: f32,
}

impl<'a> Metrics<'a> {
    pub(super) fn read(bytes: &'a [u8], index: u32) -> Option<Self> {
        use read_fonts::TableProvider as _;
        let font = read_fonts::FontRef::from_index(bytes, index).ok()?;
        let (_, _, cmap) = font.cmap().ok()?.best_subtable()?;
        Some(Self {
            cmap,
            hmtx: font.hmtx().ok()?,
            units_per_em: f32::from(font.head().ok()?.units_per_em().max(1)),
        })
    }

    /// The glyph index of `ch`; `None` for a character the font maps to
    /// `.notdef` (which is no glyph at all) or does not map.
    pub(super) fn glyph(&self, ch: char) -> Option<u16> {
        let gid = u16::try_from(self.cmap.map_codepoint(ch)?.to_u32()).ok()?;
        (gid != 0).then_some(gid)
    }

    pub(super) fn advance_em(&self, gid: u16) -> Option<f32> {
        let advance = self
            .hmtx
            .advance(read_fonts::types::GlyphId::new(gid.into()))?;
        Some(f32::from(advance) / self.units_per_em)
    }
}

/// printpdf's parse of the two core cuts, which nearly every document
/// embeds: made beside the layout (`render_with`), it is off the critical
/// path. A face that needs its full font is parsed at embedding instead.
pub(in crate::export::pdf) struct CoreFonts([Option<ParsedFont>; 2]);

impl CoreFonts {
    /// Parses both core cuts.
    pub(in crate::export::pdf) fn parse() -> Self {
        let core = |source| parse_for_printpdf(Program::bundled(source)?);
        Self([core(Source::CoreRegular), core(Source::CoreBold)])
    }

    /// None parsed: every face is parsed when it is embedded.
    #[cfg(test)]
    pub(super) fn none() -> Self {
        Self([None, None])
    }

    pub(super) fn take(&mut self, source: Source) -> Option<ParsedFont> {
        match source {
            Source::CoreRegular => self.0[0].take(),
            Source::CoreBold => self.0[1].take(),
            _ => None,
        }
    }
}

/// printpdf's parse of a font program, with shared bytes and outlines left
/// unparsed: `from_bytes` copies the font twice and decodes every glyph's
/// location, none of which embedding needs (subsetting reads the bytes
/// again).
pub(super) fn parse_for_printpdf(program: Program) -> Option<ParsedFont> {
    let bytes = std::sync::Arc::new(rust_fontconfig::FontBytes::Owned(program.bytes));
    let mut warnings = Vec::new();
    printpdf::AzulParsedFont::from_bytes_shared(bytes, program.index as usize, &mut warnings)
        .map(ParsedFont::from_azul)
}
