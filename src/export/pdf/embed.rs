//! The embedded fonts: each face the document draws with, subset
//! (`subset`) and written as a Type 0 font with Identity-H encoding, whose
//! character codes are the subset's glyph indices.
//!
//! Everything but the last step ([`FontFile::write`]) is made from the
//! font's own bytes, without printpdf (which parsed every face it embedded
//! twice, and subset them one after the other).

use printpdf_lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use read_fonts::{FontRef, TableProvider as _};

use super::PdfError;
use super::glyphs::{Embedded, Kept};
use super::pack::Deflater;
use super::subset::{SubsetError, subset};

/// One face, ready to be written into the document.
pub(super) struct FontFile {
    /// The PDF resource name ([`super::glyphs::Face::resource_name`]).
    pub resource: &'static str,
    /// `TAG+PostScriptName`.
    base_font: String,
    /// The subset font program, compressed, and its length before.
    program: (Vec<u8>, usize),
    /// The ToUnicode CMap, compressed.
    to_unicode: Vec<u8>,
    /// The `/W` array: runs of (first code, widths in 1/1000 em).
    widths: Vec<(u16, Vec<i64>)>,
    descriptor: Descriptor,
}

/// The FontDescriptor's metrics, in 1/1000 em.
#[derive(Debug, Clone, PartialEq)]
struct Descriptor {
    ascent: i64,
    descent: i64,
    cap_height: i64,
    italic_angle: f32,
    flags: i64,
    stem_v: i64,
    bbox: [i64; 4],
}

/// FontDescriptor flags (ISO 32000-1, table 123).
const NONSYMBOLIC: i64 = 1 << 5;
const ITALIC: i64 = 1 << 6;

impl FontFile {
    /// Subsets `face`'s program and prepares what the PDF says about it.
    pub(super) fn make(face: &Embedded, deflater: &mut Deflater) -> Result<Self, PdfError> {
        let name = face.face.resource_name();
        let fail = |why: SubsetError| PdfError::Subset { face: name, why };
        let bytes: &[u8] = &face.program.bytes;
        let index = face.program.index;
        let font = FontRef::from_index(bytes, index).map_err(|_| fail(SubsetError::NotAFont))?;
        let mut ids = Vec::with_capacity(face.glyphs.len() + 1);
        ids.push(0);
        ids.extend(face.glyphs.iter().map(|k| k.gid));
        let cmap_char = |gid: u16| {
            face.glyphs
                .binary_search_by_key(&gid, |k| k.gid)
                .ok()
                .map(|n| face.glyphs[n])
                .filter(|k| k.in_cmap)
                .map(|k| k.ch)
        };
        let program = subset(bytes, index, &ids, cmap_char).map_err(fail)?;
        let units = Units::of(&font).ok_or(fail(SubsetError::Invalid("head")))?;
        Ok(Self {
            resource: name,
            base_font: format!(
                "{name}+{}",
                postscript_name(&font).unwrap_or(name.to_owned())
            ),
            to_unicode: deflater.deflate(to_unicode(name, &face.glyphs).as_bytes())?,
            program: (deflater.deflate(&program)?, program.len()),
            widths: widths(&font, &face.glyphs, units),
            descriptor: descriptor(&font, units).ok_or(fail(SubsetError::Missing("hhea")))?,
        })
    }

    /// Adds the font's objects to `doc`; the Type 0 font's ID.
    pub(super) fn write(self, doc: &mut Document) -> ObjectId {
        let compressed = |dict: Dictionary, content: Vec<u8>| {
            let mut dict = dict;
            dict.set("Filter", "FlateDecode");
            Stream::new(dict, content).with_compression(false)
        };
        let (program, plain_len) = self.program;
        let program = doc.add_object(compressed(
            Dictionary::from_iter([("Length1", Object::Integer(plain_len as i64))]),
            program,
        ));
        let to_unicode = doc.add_object(compressed(Dictionary::new(), self.to_unicode));
        let d = self.descriptor;
        let name = || Object::Name(self.base_font.clone().into_bytes());
        let descriptor = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"FontDescriptor".to_vec())),
            ("FontName", name()),
            ("Ascent", d.ascent.into()),
            ("Descent", d.descent.into()),
            ("CapHeight", d.cap_height.into()),
            ("ItalicAngle", Object::Real(d.italic_angle)),
            ("Flags", d.flags.into()),
            ("StemV", d.stem_v.into()),
            (
                "FontBBox",
                Object::Array(d.bbox.map(Object::Integer).to_vec()),
            ),
            ("FontFile2", Object::Reference(program)),
        ]));
        let widths = self
            .widths
            .into_iter()
            .flat_map(|(first, run)| {
                let run = run.into_iter().map(Object::Integer).collect();
                [Object::Integer(i64::from(first)), Object::Array(run)]
            })
            .collect();
        let system_info = Dictionary::from_iter([
            (
                "Registry",
                Object::String(b"Adobe".to_vec(), StringFormat::Literal),
            ),
            (
                "Ordering",
                Object::String(b"Identity".to_vec(), StringFormat::Literal),
            ),
            ("Supplement", Object::Integer(0)),
        ]);
        let cid_font = Dictionary::from_iter([
            ("Type", Object::Name(b"Font".to_vec())),
            ("Subtype", Object::Name(b"CIDFontType2".to_vec())),
            ("BaseFont", name()),
            ("CIDSystemInfo", Object::Dictionary(system_info)),
            ("FontDescriptor", Object::Reference(descriptor)),
            ("DW", Object::Integer(1000)),
            ("W", Object::Array(widths)),
            ("CIDToGIDMap", Object::Name(b"Identity".to_vec())),
        ]);
        doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Font".to_vec())),
            ("Subtype", Object::Name(b"Type0".to_vec())),
            ("BaseFont", name()),
            ("Encoding", Object::Name(b"Identity-H".to_vec())),
            (
                "DescendantFonts",
                Object::Array(vec![Object::Dictionary(cid_font)]),
            ),
            ("ToUnicode", Object::Reference(to_unicode)),
        ]))
    }
}

/// Font units to the PDF's 1/1000 em.
#[derive(Debug, Clone, Copy)]
struct Units(f32);

impl Units {
    fn of(font: &FontRef<'_>) -> Option<Self> {
        let per_em = font.head().ok()?.units_per_em();
        (per_em > 0).then(|| Self(1000.0 / f32::from(per_em)))
    }

    fn pdf(self, value: impl Into<f32>) -> i64 {
        (value.into() * self.0).round() as i64
    }
}

/// The `/W` runs: each kept glyph's advance under its subset index (its
/// place after `.notdef`), consecutive indices in one run.
fn widths(font: &FontRef<'_>, glyphs: &[Kept], units: Units) -> Vec<(u16, Vec<i64>)> {
    let hmtx = font.hmtx().ok();
    let advance = |gid: u16| {
        hmtx.as_ref()
            .and_then(|h| h.advance(read_fonts::types::GlyphId::new(gid.into())))
            .map_or(1000, |a| units.pdf(a))
    };
    // The subset numbers the kept glyphs 1, 2, 3…: one run.
    let run = glyphs.iter().map(|k| advance(k.gid)).collect::<Vec<_>>();
    if run.is_empty() {
        Vec::new()
    } else {
        vec![(1, run)]
    }
}

/// The face's metrics for its FontDescriptor.
fn descriptor(font: &FontRef<'_>, units: Units) -> Option<Descriptor> {
    let head = font.head().ok()?;
    let hhea = font.hhea().ok()?;
    let os2 = font.os2().ok();
    let ascent = units.pdf(hhea.ascender().to_i16());
    let italic_angle = font.post().map_or(0.0, |p| p.italic_angle().to_f32());
    // No table has the stem width; estimate it from the weight as PDF
    // producers do (88 at 400, 166 at 700).
    let weight = os2.as_ref().map_or(0, |o| o.us_weight_class());
    let stem_v = if weight == 0 {
        80
    } else {
        50 + (f32::from(weight) / 65.0).powi(2).round() as i64
    };
    let cap_height = os2
        .as_ref()
        .and_then(|o| o.s_cap_height())
        .filter(|&h| h > 0)
        .map(|h| units.pdf(h))
        .or_else(|| glyph_top(font, 'H').map(|h| units.pdf(h)))
        .unwrap_or(ascent);
    Some(Descriptor {
        ascent,
        descent: units.pdf(hhea.descender().to_i16()),
        cap_height,
        italic_angle,
        flags: NONSYMBOLIC | if italic_angle != 0.0 { ITALIC } else { 0 },
        stem_v,
        bbox: [head.x_min(), head.y_min(), head.x_max(), head.y_max()].map(|v| units.pdf(v)),
    })
}

/// The top of `ch`'s outline, in font units: the cap height of a font
/// whose OS/2 table does not say it.
fn glyph_top(font: &FontRef<'_>, ch: char) -> Option<i16> {
    let gid = font.cmap().ok()?.map_codepoint(ch)?;
    let loca = font.loca(None).ok()?;
    let glyph = loca.get_glyf(gid, &font.glyf().ok()?).ok()??;
    Some(glyph.y_max())
}

/// The font's PostScript name (name ID 6), as a PDF name may hold it.
fn postscript_name(font: &FontRef<'_>) -> Option<String> {
    let name = font.name().ok()?;
    let record = name
        .name_record()
        .iter()
        .find(|r| r.name_id() == read_fonts::types::NameId::POSTSCRIPT_NAME)?;
    let text: String = record
        .string(name.string_data())
        .ok()?
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    (!text.is_empty()).then_some(text)
}

/// The ToUnicode CMap: each kept glyph's subset index to its character.
fn to_unicode(name: &str, glyphs: &[Kept]) -> String {
    let mappings = glyphs
        .iter()
        .enumerate()
        .map(|(n, k)| (n as u32 + 1, vec![k.ch as u32]))
        .collect();
    printpdf::cmap::ToUnicodeCMap { mappings }.to_cmap_string(name)
}

#[cfg(test)]
mod tests;
