use printpdf_lopdf::Object;

use super::*;
use crate::export::pdf::faces::{Bytes, Face, Program, Source};
use crate::fonts::{DEJAVU_SANS_BOLD_CORE, DEJAVU_SANS_CORE};

/// `face` with the glyphs of `text` (as its font's cmap gives them) kept.
fn embedded(face: Face, source: Source, text: &str) -> Embedded {
    let bytes = source.bundled_bytes().unwrap();
    let font = FontRef::new(bytes).unwrap();
    let cmap = font.cmap().unwrap();
    let mut glyphs: Vec<Kept> = text
        .chars()
        .map(|ch| Kept {
            gid: cmap.map_codepoint(ch).unwrap().to_u32() as u16,
            ch,
            in_cmap: true,
        })
        .collect();
    glyphs.sort_by_key(|k| k.gid);
    glyphs.dedup_by_key(|k| k.gid);
    Embedded {
        face,
        program: Program::bundled(source).unwrap(),
        glyphs,
        remap: Vec::new(),
    }
}

fn made(face: Face, source: Source, text: &str) -> FontFile {
    FontFile::make(&embedded(face, source, text), &mut Deflater::new()).unwrap()
}

fn inflate(data: &[u8]) -> Vec<u8> {
    use std::io::Read as _;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn the_descriptor_has_the_faces_own_metrics_in_thousandths_of_an_em() {
    let regular = made(Face::REGULAR, Source::CoreRegular, "Hi");
    // DejaVu Sans: 2048 units an em, ascender 1901, descender -483, "H"
    // 1493 high (its OS/2 table is too old to say), weight 400.
    assert_eq!(
        regular.descriptor,
        Descriptor {
            ascent: 928,
            descent: -236,
            cap_height: 729,
            italic_angle: 0.0,
            flags: 32,
            stem_v: 88,
            bbox: [-1021, -280, 1681, 1068],
        }
    );
    assert_eq!(regular.base_font, "DJVSNR+DejaVuSans");
    let bold = made(Face::BOLD, Source::CoreBold, "Hi");
    assert_eq!(bold.descriptor.stem_v, 166);
    assert_eq!(bold.base_font, "DJVSNB+DejaVuSans-Bold");
}

#[test]
fn widths_are_the_advances_of_the_kept_glyphs_from_code_one() {
    let file = made(Face::REGULAR, Source::CoreRegular, "ia");
    let font = FontRef::new(DEJAVU_SANS_CORE).unwrap();
    let hmtx = font.hmtx().unwrap();
    let cmap = font.cmap().unwrap();
    let scaled = |ch| {
        let gid = cmap.map_codepoint(ch).unwrap();
        (f32::from(hmtx.advance(gid).unwrap()) * 1000.0 / 2048.0).round() as i64
    };
    // "a" comes before "i" in the font: codes 1 and 2.
    assert_eq!(file.widths, [(1, vec![scaled('a'), scaled('i')])]);
    assert_eq!(file.widths[0].1, [613, 278]);
    assert!(
        made(Face::REGULAR, Source::CoreRegular, "")
            .widths
            .is_empty()
    );
}

#[test]
fn the_program_is_the_compressed_subset_and_to_unicode_maps_the_codes() {
    let face = embedded(Face::BOLD, Source::CoreBold, "Zoë");
    let file = FontFile::make(&face, &mut Deflater::new()).unwrap();
    let program = inflate(&file.program.0);
    assert_eq!(program.len(), file.program.1);
    let ids: Vec<u16> = [0]
        .into_iter()
        .chain(face.glyphs.iter().map(|k| k.gid))
        .collect();
    let expected = subset(DEJAVU_SANS_BOLD_CORE, 0, &ids, |gid| {
        face.glyphs.iter().find(|k| k.gid == gid).map(|k| k.ch)
    })
    .unwrap();
    assert_eq!(program, expected);
    let cmap = String::from_utf8(inflate(&file.to_unicode)).unwrap();
    for (code, ch) in face.glyphs.iter().enumerate().map(|(n, k)| (n + 1, k.ch)) {
        let line = format!("<{code:04X}> <{:04X}>", ch as u32);
        assert!(cmap.contains(&line), "{line} in {cmap}");
    }
}

#[test]
fn written_it_is_a_type0_font_over_an_embedded_truetype_program() {
    let mut doc = Document::with_version("1.7");
    let id = made(Face::REGULAR, Source::CoreRegular, "Ship").write(&mut doc);
    let font = doc.get_dictionary(id).unwrap();
    let name = |d: &Dictionary, key: &[u8]| d.get(key).unwrap().as_name().unwrap().to_vec();
    assert_eq!(name(font, b"Subtype"), b"Type0");
    assert_eq!(name(font, b"Encoding"), b"Identity-H");
    assert_eq!(name(font, b"BaseFont"), b"DJVSNR+DejaVuSans");
    let cid = font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]
        .as_dict()
        .unwrap();
    assert_eq!(name(cid, b"Subtype"), b"CIDFontType2");
    assert_eq!(name(cid, b"CIDToGIDMap"), b"Identity");
    assert_eq!(cid.get(b"W").unwrap().as_array().unwrap().len(), 2);
    let descriptor = doc
        .get_dictionary(cid.get(b"FontDescriptor").unwrap().as_reference().unwrap())
        .unwrap();
    assert_eq!(name(descriptor, b"FontName"), b"DJVSNR+DejaVuSans");
    let program = doc
        .get_object(
            descriptor
                .get(b"FontFile2")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .and_then(Object::as_stream)
        .unwrap();
    assert_eq!(name(&program.dict, b"Filter"), b"FlateDecode");
    let length1 = program.dict.get(b"Length1").unwrap().as_i64().unwrap();
    assert_eq!(inflate(&program.content).len() as i64, length1);
    assert!(FontRef::new(&inflate(&program.content)).is_ok());
    let to_unicode = doc
        .get_object(font.get(b"ToUnicode").unwrap().as_reference().unwrap())
        .and_then(Object::as_stream)
        .unwrap();
    assert!(
        String::from_utf8(inflate(&to_unicode.content))
            .unwrap()
            .contains("beginbfchar")
    );
}

#[test]
fn a_font_that_cannot_be_read_is_an_error_naming_the_face() {
    let mut face = embedded(Face::REGULAR, Source::CoreRegular, "a");
    face.program.bytes = Bytes::Bundled(b"not a font");
    let Err(err) = FontFile::make(&face, &mut Deflater::new()) else {
        panic!("made a font file of junk");
    };
    assert_eq!(
        err.to_string(),
        "the font DJVSNR could not be embedded: not a font file"
    );
}

#[test]
fn postscript_names_keep_only_what_a_pdf_name_may_hold() {
    let font = FontRef::new(DEJAVU_SANS_BOLD_CORE).unwrap();
    assert_eq!(postscript_name(&font).as_deref(), Some("DejaVuSans-Bold"));
}

/// DejaVu Sans (core) with `bytes` written at `at` in its table `tag`.
fn patched(tag: &str, at: usize, bytes: &[u8]) -> &'static [u8] {
    patched_in(DEJAVU_SANS_CORE, tag, at, bytes)
}

/// `font` with `bytes` written at `at` in its table `tag`.
fn patched_in(original: &[u8], tag: &str, at: usize, bytes: &[u8]) -> &'static [u8] {
    let font = FontRef::new(original).unwrap();
    let record = font
        .table_directory()
        .table_records()
        .iter()
        .find(|r| r.tag() == read_fonts::types::Tag::new_checked(tag.as_bytes()).unwrap())
        .unwrap();
    let mut out = original.to_vec();
    let start = record.offset() as usize + at;
    assert!(
        at + bytes.len() <= record.length() as usize,
        "{tag} is shorter"
    );
    out[start..start + bytes.len()].copy_from_slice(bytes);
    out.leak()
}

fn made_from(bytes: &'static [u8]) -> Result<FontFile, PdfError> {
    let mut face = embedded(Face::REGULAR, Source::CoreRegular, "Hi");
    face.program.bytes = Bytes::Bundled(bytes);
    FontFile::make(&face, &mut Deflater::new())
}

#[test]
fn a_slanted_face_is_flagged_italic_with_its_angle() {
    // post.italicAngle, 16.16 fixed: -12 degrees.
    let italic = patched("post", 4, &(-12i32 << 16).to_be_bytes());
    let file = made_from(italic).unwrap();
    assert_eq!(file.descriptor.italic_angle, -12.0);
    assert_eq!(file.descriptor.flags, 32 | 64);
}

#[test]
fn a_font_with_no_units_per_em_is_refused() {
    let broken = patched("head", 18, &[0, 0]);
    let Err(err) = made_from(broken) else {
        panic!("embedded a font with zero units per em");
    };
    assert_eq!(
        err.to_string(),
        "the font DJVSNR could not be embedded: its head table is invalid"
    );
    // One unit per em is odd but valid.
    let file = made_from(patched("head", 18, &[0, 1])).unwrap();
    assert_eq!(file.descriptor.ascent, 1_901_000);
}

#[test]
fn the_cap_height_is_the_os2_tables_when_it_says_one() {
    // Noto Sans Thai: OS/2 version 4, sCapHeight 714 of 1000.
    let thai = made(Face::THAI, Source::Thai, "ก");
    assert_eq!(thai.descriptor.cap_height, 714);
    // Zero there means "not said": measured instead (DejaVu's OS/2 table
    // is too old to have the field: see the first test).
    let unsaid = patched_in(crate::fonts::NOTO_SANS_THAI, "OS/2", 88, &[0, 0]);
    let mut face = embedded(Face::THAI, Source::Thai, "ก");
    face.program.bytes = Bytes::Bundled(unsaid);
    let file = FontFile::make(&face, &mut Deflater::new()).unwrap();
    assert!(file.descriptor.cap_height > 300, "{:?}", file.descriptor);
}

#[test]
fn a_system_face_is_embedded_from_its_shared_bytes_under_its_own_name() {
    let mut face = embedded(Face::REGULAR, Source::CoreBold, "Tx");
    face.face = Face::system(0).unwrap();
    face.program = Program {
        bytes: Bytes::System(std::sync::Arc::from(DEJAVU_SANS_BOLD_CORE)),
        index: 0,
    };
    let file = FontFile::make(&face, &mut Deflater::new()).unwrap();
    assert_eq!(file.resource, "SYSFNA");
    assert_eq!(file.base_font, "SYSFNA+DejaVuSans-Bold");
    let program = inflate(&file.program.0);
    assert_eq!(
        FontRef::new(&program).unwrap().maxp().unwrap().num_glyphs(),
        3
    );
}
