//! How a font program is read: in place, by read-fonts, to look
//! characters and advances up while laying out.

/// A font's character map and advances, read in place by read-fonts (the
/// parser harfrust shapes with), without a copy of the font.
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
