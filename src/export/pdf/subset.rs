//! TrueType subsetting: a font program with only the glyphs a document
//! draws, for the PDF to embed.
//!
//! Glyph `n` of the subset is the `n`th of the glyphs asked for (the first
//! must be `.notdef`, glyph 0); the components of composite glyphs follow,
//! numbered as they are first met. Only the asked-for glyphs' outlines are
//! read, so a small document touches a few pages of a large font rather
//! than every glyph (which is what made allsorts' subsetter, which parses
//! the whole `glyf` table, a quarter of the embedding's time).
//!
//! The subset keeps what a PDF's CIDFontType2 program needs (`head`,
//! `hhea`, `maxp`, `hmtx`, `loca`, `glyf`, and the hinting tables `cvt `,
//! `fpgm`, `prep`), the `name` table (copyright and licence), a version 3
//! `post`, and a `cmap` for the characters drawn. PDF viewers find glyphs
//! through the document's Identity CID map, not the `cmap`; it is there
//! for tools that read the font on its own.
//!
//! Only TrueType outlines (`glyf`) are handled: the export draws with no
//! other kind (`system` skips CFF faces).

use read_fonts::FontRef;
use read_fonts::types::Tag;

/// Why a font could not be subset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubsetError {
    #[error("not a font file")]
    NotAFont,
    #[error("it has no {0} table")]
    Missing(&'static str),
    #[error("its {0} table is cut short")]
    Short(&'static str),
    #[error("its {0} table is invalid")]
    Invalid(&'static str),
    #[error("it has no glyph {0}")]
    NoGlyph(u16),
    #[error("the first glyph asked for is not .notdef")]
    NotDef,
    #[error("the subset would have more than 65,535 glyphs")]
    TooManyGlyphs,
}

/// Composite glyph component flags (OpenType `glyf`).
const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;

/// The font program (face `index` of `bytes`) with only `glyphs` and the
/// components they are built from; `glyphs[0]` must be 0 and no glyph may
/// be asked for twice. `chars` gives the character each glyph stands for
/// (`None` for one drawn by shaping), for the subset's `cmap`.
pub fn subset(
    bytes: &[u8],
    index: u32,
    glyphs: &[u16],
    chars: impl Fn(u16) -> Option<char>,
) -> Result<Vec<u8>, SubsetError> {
    if glyphs.first() != Some(&0) {
        return Err(SubsetError::NotDef);
    }
    let font = FontRef::from_index(bytes, index).map_err(|_| SubsetError::NotAFont)?;
    let table = |tag: &'static str| table(&font, tag);
    let need = |tag: &'static str| table(tag).ok_or(SubsetError::Missing(tag));
    let head = need("head")?;
    let hhea = need("hhea")?;
    let maxp = need("maxp")?;
    let outlines = Outlines::read(&font, head, maxp)?;
    let Copied { order, glyf, loca } = outlines.copy(glyphs)?;
    let count = u16::try_from(order.len()).map_err(|_| SubsetError::TooManyGlyphs)?;
    let hmtx = metrics(need("hmtx")?, hhea, outlines.count, &order)?;

    let mut tables: Vec<([u8; 4], Vec<u8>)> = vec![
        (
            *b"head",
            patched(head, &[(8, &[0; 4]), (50, &1u16.to_be_bytes())], "head")?,
        ),
        (
            *b"hhea",
            patched(hhea, &[(34, &count.to_be_bytes())], "hhea")?,
        ),
        (
            *b"maxp",
            patched(maxp, &[(4, &count.to_be_bytes())], "maxp")?,
        ),
        (*b"hmtx", hmtx),
        (*b"loca", loca),
        (*b"glyf", glyf),
        (*b"post", post(table("post"))),
        (*b"cmap", cmap(&order, chars)),
    ];
    for tag in ["cvt ", "fpgm", "prep", "name"] {
        if let Some(data) = table(tag) {
            let mut name = [0; 4];
            name.copy_from_slice(tag.as_bytes());
            tables.push((name, data.to_vec()));
        }
    }
    Ok(sfnt(tables))
}

/// The bytes of the table `tag` (four ASCII characters) of `font`.
fn table<'a>(font: &FontRef<'a>, tag: &str) -> Option<&'a [u8]> {
    let tag = Tag::new_checked(tag.as_bytes()).ok()?;
    font.table_data(tag).map(|d| d.as_bytes())
}

/// Where each glyph's outline is: `glyf` and its `loca` offsets.
struct Outlines<'a> {
    glyf: &'a [u8],
    loca: &'a [u8],
    long: bool,
    count: u16,
}

impl<'a> Outlines<'a> {
    fn read(font: &FontRef<'a>, head: &[u8], maxp: &[u8]) -> Result<Self, SubsetError> {
        Ok(Self {
            glyf: table(font, "glyf").ok_or(SubsetError::Missing("glyf"))?,
            loca: table(font, "loca").ok_or(SubsetError::Missing("loca"))?,
            long: be16(head, 50, "head")? != 0,
            count: be16(maxp, 4, "maxp")?,
        })
    }

    /// Glyph `gid`'s outline (empty for a blank glyph).
    fn outline(&self, gid: u16) -> Result<&'a [u8], SubsetError> {
        if gid >= self.count {
            return Err(SubsetError::NoGlyph(gid));
        }
        let at = |n: usize| -> Result<usize, SubsetError> {
            Ok(if self.long {
                be32(self.loca, n * 4, "loca")? as usize
            } else {
                usize::from(be16(self.loca, n * 2, "loca")?) * 2
            })
        };
        let (start, end) = (at(usize::from(gid))?, at(usize::from(gid) + 1)?);
        if start > end {
            return Err(SubsetError::Short("loca"));
        }
        self.glyf.get(start..end).ok_or(SubsetError::Short("glyf"))
    }

    /// The subset's glyph order (old indices), `glyf` and long `loca`:
    /// `glyphs`, then each composite's components as they are first met,
    /// the components renumbered.
    fn copy(&self, glyphs: &[u16]) -> Result<Copied, SubsetError> {
        let mut order = glyphs.to_vec();
        let mut new_id = std::collections::HashMap::with_capacity(glyphs.len());
        for (n, &gid) in glyphs.iter().enumerate() {
            new_id.insert(gid, n as u16);
        }
        let mut glyf = Vec::new();
        let mut loca = Vec::with_capacity((glyphs.len() + 1) * 4);
        let mut n = 0;
        while n < order.len() {
            let offset = u32::try_from(glyf.len()).map_err(|_| SubsetError::TooManyGlyphs)?;
            loca.extend_from_slice(&offset.to_be_bytes());
            let outline = self.outline(order[n])?;
            let start = glyf.len();
            glyf.extend_from_slice(outline);
            if outline.len() >= 10 && i16::from_be_bytes([outline[0], outline[1]]) < 0 {
                for at in components(outline)? {
                    let old = u16::from_be_bytes([outline[at], outline[at + 1]]);
                    let next = order.len();
                    let id = *new_id.entry(old).or_insert_with(|| {
                        order.push(old);
                        next as u16
                    });
                    if order.len() > usize::from(u16::MAX) {
                        return Err(SubsetError::TooManyGlyphs);
                    }
                    glyf[start + at..start + at + 2].copy_from_slice(&id.to_be_bytes());
                }
            }
            // Long offsets need no padding, but glyphs stay 4-byte aligned.
            glyf.resize(glyf.len().next_multiple_of(4), 0);
            n += 1;
        }
        let end = u32::try_from(glyf.len()).map_err(|_| SubsetError::TooManyGlyphs)?;
        loca.extend_from_slice(&end.to_be_bytes());
        Ok(Copied { order, glyf, loca })
    }
}

/// The glyphs of a subset: their old indices in the subset's order, and
/// the subset's `glyf` and (long) `loca`.
struct Copied {
    order: Vec<u16>,
    glyf: Vec<u8>,
    loca: Vec<u8>,
}

/// Where each component's glyph index is in a composite glyph's outline.
fn components(outline: &[u8]) -> Result<Vec<usize>, SubsetError> {
    let mut at = 10;
    let mut found = Vec::new();
    loop {
        let flags = be16(outline, at, "glyf")?;
        be16(outline, at + 2, "glyf")?;
        found.push(at + 2);
        at += 4;
        at += if flags & ARG_1_AND_2_ARE_WORDS != 0 {
            4
        } else {
            2
        };
        if flags & WE_HAVE_A_SCALE != 0 {
            at += 2;
        } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
            at += 4;
        } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
            at += 8;
        }
        if flags & MORE_COMPONENTS == 0 {
            return Ok(found);
        }
    }
}

/// The subset's `hmtx`: a full metric (advance, left side bearing) for
/// every glyph of `order`.
fn metrics(hmtx: &[u8], hhea: &[u8], count: u16, order: &[u16]) -> Result<Vec<u8>, SubsetError> {
    let long = usize::from(be16(hhea, 34, "hhea")?.clamp(1, count.max(1)));
    let mut out = Vec::with_capacity(order.len() * 4);
    for &gid in order {
        let gid = usize::from(gid);
        let advance = be16(hmtx, gid.min(long - 1) * 4, "hmtx")?;
        let lsb = if gid < long {
            be16(hmtx, gid * 4 + 2, "hmtx")?
        } else {
            be16(hmtx, long * 4 + (gid - long) * 2, "hmtx")?
        };
        out.extend_from_slice(&advance.to_be_bytes());
        out.extend_from_slice(&lsb.to_be_bytes());
    }
    Ok(out)
}

/// `table` with the bytes at each offset replaced.
fn patched(
    table: &[u8],
    patches: &[(usize, &[u8])],
    tag: &'static str,
) -> Result<Vec<u8>, SubsetError> {
    let mut out = table.to_vec();
    for &(at, bytes) in patches {
        out.get_mut(at..at + bytes.len())
            .ok_or(SubsetError::Short(tag))?
            .copy_from_slice(bytes);
    }
    Ok(out)
}

/// A version 3 `post` (no glyph names) with the font's italic angle,
/// underline and pitch.
fn post(original: Option<&[u8]>) -> Vec<u8> {
    let mut out = vec![0; 32];
    if let Some(header) = original.and_then(|p| p.get(..32)) {
        out.copy_from_slice(header);
    }
    out[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
    out
}

/// A `cmap` with one Windows Unicode BMP subtable (format 4) mapping the
/// characters of `order`'s glyphs to their new indices.
fn cmap(order: &[u16], chars: impl Fn(u16) -> Option<char>) -> Vec<u8> {
    let mut pairs: Vec<(u16, u16)> = order
        .iter()
        .enumerate()
        .filter_map(|(new, &old)| {
            let code = u16::try_from(u32::from(chars(old)?)).ok()?;
            (code != 0xFFFF).then_some((code, new as u16))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup_by_key(|p| p.0);
    // The subtable's length is 16 bits: 8 bytes a segment.
    pairs.truncate(8000);
    // Runs of consecutive characters drawn by consecutive glyphs share a
    // segment; the last segment must end at 0xFFFF.
    let mut segments: Vec<(u16, u16, u16)> = Vec::new();
    for (code, gid) in pairs {
        match segments.last_mut() {
            Some((start, end, first))
                if u32::from(*end) + 1 == u32::from(code)
                    && u32::from(*first) + u32::from(code - *start) == u32::from(gid) =>
            {
                *end = code;
            }
            _ => segments.push((code, code, gid)),
        }
    }
    segments.push((0xFFFF, 0xFFFF, 1));
    let count = segments.len() as u16;
    let mut sub = Vec::with_capacity(16 + segments.len() * 8);
    let pow = 1u16 << (15 - count.leading_zeros().min(15));
    for v in [
        4,
        16 + count * 8,
        0,
        count * 2,
        pow * 2,
        pow.trailing_zeros() as u16,
        (count - pow) * 2,
    ] {
        sub.extend_from_slice(&v.to_be_bytes());
    }
    for &(_, end, _) in &segments {
        sub.extend_from_slice(&end.to_be_bytes());
    }
    sub.extend_from_slice(&[0, 0]);
    for &(start, _, _) in &segments {
        sub.extend_from_slice(&start.to_be_bytes());
    }
    for &(start, _, gid) in &segments {
        sub.extend_from_slice(&gid.wrapping_sub(start).to_be_bytes());
    }
    for _ in &segments {
        sub.extend_from_slice(&[0, 0]);
    }
    let mut out = Vec::with_capacity(12 + sub.len());
    for v in [0u16, 1, 3, 1] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out.extend_from_slice(&12u32.to_be_bytes());
    out.extend_from_slice(&sub);
    out
}

/// An sfnt (TrueType) file of `tables`, its `head` checksum adjusted.
fn sfnt(mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|(tag, _)| *tag);
    let count = tables.len() as u16;
    let pow = 1u16 << (15 - count.leading_zeros().min(15));
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for v in [
        count,
        pow * 16,
        pow.trailing_zeros() as u16,
        (count - pow) * 16,
    ] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

/// The OpenType table checksum: the sum of big-endian u32 words, the last
/// one padded with zeros.
fn checksum(data: &[u8]) -> u32 {
    let words = data.chunks_exact(4);
    let mut last = [0; 4];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    words
        .map(|w| u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
        .fold(u32::from_be_bytes(last), u32::wrapping_add)
}

fn be16(data: &[u8], at: usize, tag: &'static str) -> Result<u16, SubsetError> {
    data.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or(SubsetError::Short(tag))
}

fn be32(data: &[u8], at: usize, tag: &'static str) -> Result<u32, SubsetError> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or(SubsetError::Short(tag))
}

#[cfg(test)]
mod tests;
