use proptest::prelude::*;
use read_fonts::TableProvider as _;
use read_fonts::tables::glyf::Glyph;
use read_fonts::types::GlyphId;

use super::*;
use crate::fonts::{DEJAVU_SANS, DEJAVU_SANS_BOLD_CORE, DEJAVU_SANS_CORE};

fn gid(font: &[u8], ch: char) -> u16 {
    let font = FontRef::new(font).unwrap();
    let gid = font.cmap().unwrap().map_codepoint(ch).unwrap();
    u16::try_from(gid.to_u32()).unwrap()
}

/// Glyph `gid`'s outline bytes in `font`.
fn outline(font: &[u8], gid: u16) -> Vec<u8> {
    let font = FontRef::new(font).unwrap();
    let outlines = Outlines::read(
        &font,
        table(&font, "head").unwrap(),
        table(&font, "maxp").unwrap(),
    )
    .unwrap();
    outlines.outline(gid).unwrap().to_vec()
}

/// Whether glyph `new` of `sub` is drawn as glyph `old` of `font`: the
/// same outline, padded to four bytes.
fn same_outline(sub: &[u8], new: u16, font: &[u8], old: u16) -> bool {
    let (ours, theirs) = (outline(sub, new), outline(font, old));
    let theirs = theirs.len() - theirs.iter().rev().take_while(|&&b| b == 0).count().min(3);
    ours.starts_with(&outline(font, old)[..theirs])
        && ours[theirs..].iter().all(|&b| b == 0)
        && ours.len() - theirs < 4
}

/// Glyph `gid` of `font` as read-fonts reads it (not through `Outlines`):
/// its contour count and bounding box, or `None` for a blank glyph.
fn shape(font: &[u8], gid: u16) -> Option<(i16, [i16; 4])> {
    let font = FontRef::new(font).unwrap();
    let glyph = font
        .loca(None)
        .unwrap()
        .get_glyf(GlyphId::new(gid.into()), &font.glyf().unwrap())
        .unwrap()?;
    let contours = match &glyph {
        Glyph::Simple(s) => s.number_of_contours(),
        Glyph::Composite(_) => -1,
    };
    Some((
        contours,
        [glyph.x_min(), glyph.y_min(), glyph.x_max(), glyph.y_max()],
    ))
}

/// Glyph `gid`'s left side bearing, as read-fonts reads it.
fn bearing(font: &[u8], gid: u16) -> i16 {
    let font = FontRef::new(font).unwrap();
    font.hmtx()
        .unwrap()
        .side_bearing(GlyphId::new(gid.into()))
        .unwrap()
}

fn advance(font: &[u8], gid: u16) -> u16 {
    let font = FontRef::new(font).unwrap();
    font.hmtx()
        .unwrap()
        .advance(GlyphId::new(gid.into()))
        .unwrap()
}

/// The components of composite glyph `gid` of `font`.
fn parts(font: &[u8], gid: u16) -> Vec<u16> {
    let font = FontRef::new(font).unwrap();
    let glyph = font
        .loca(None)
        .unwrap()
        .get_glyf(GlyphId::new(gid.into()), &font.glyf().unwrap())
        .unwrap();
    match glyph {
        Some(Glyph::Composite(c)) => c.components().map(|p| p.glyph.to_u16()).collect(),
        _ => Vec::new(),
    }
}

/// The sum of a font's bytes as u32 words, which `head`'s adjustment makes
/// the magic number; and whether each table's checksum is right.
fn checksums_hold(font: &[u8]) -> bool {
    let f = FontRef::new(font).unwrap();
    let tables_ok = f.table_directory().table_records().iter().all(|r| {
        let start = r.offset() as usize;
        let mut data = font[start..start + r.length() as usize].to_vec();
        if r.tag() == Tag::new(b"head") {
            data[8..12].fill(0);
        }
        checksum(&data) == r.checksum()
    });
    tables_ok && checksum(font) == 0xB1B0_AFBA
}

#[test]
fn the_subset_keeps_the_glyphs_asked_for_in_order_with_their_outlines_and_advances() {
    let (a, z) = (gid(DEJAVU_SANS_CORE, 'a'), gid(DEJAVU_SANS_CORE, 'Z'));
    let font = subset(DEJAVU_SANS_CORE, 0, &[0, z, a], |_| None).unwrap();
    let sub = FontRef::new(&font).unwrap();
    assert_eq!(sub.maxp().unwrap().num_glyphs(), 3);
    assert_eq!(sub.hhea().unwrap().number_of_h_metrics(), 3);
    for (new, old) in [(0, 0), (1, z), (2, a)] {
        assert!(same_outline(&font, new, DEJAVU_SANS_CORE, old), "{new}");
        assert_eq!(advance(&font, new), advance(DEJAVU_SANS_CORE, old), "{new}");
    }
    assert!(checksums_hold(&font));
    // What a PDF's TrueType program needs, and no more than asked.
    for tag in [
        "head", "hhea", "maxp", "hmtx", "loca", "glyf", "post", "cmap", "name",
    ] {
        assert!(table(&sub, tag).is_some(), "{tag}");
    }
    assert!(table(&sub, "OS/2").is_none());
    assert!(
        font.len() < DEJAVU_SANS_CORE.len() / 10,
        "{} bytes",
        font.len()
    );
}

#[test]
fn a_composite_glyph_brings_its_components_renumbered() {
    // "é" in DejaVu Sans is built from "e" and the acute accent.
    let e_acute = gid(DEJAVU_SANS, 'é');
    let old_parts = parts(DEJAVU_SANS, e_acute);
    assert_eq!(old_parts.len(), 2, "{old_parts:?}");
    let font = subset(DEJAVU_SANS, 0, &[0, e_acute], |_| None).unwrap();
    let sub = FontRef::new(&font).unwrap();
    assert_eq!(sub.maxp().unwrap().num_glyphs(), 4);
    assert_eq!(parts(&font, 1), [2, 3]);
    for (new, old) in [(2, old_parts[0]), (3, old_parts[1])] {
        assert!(same_outline(&font, new, DEJAVU_SANS, old));
        assert_eq!(advance(&font, new), advance(DEJAVU_SANS, old));
    }
    // A component also asked for keeps its place among those asked for.
    let e = gid(DEJAVU_SANS, 'e');
    assert_eq!(old_parts[0], e);
    let font = subset(DEJAVU_SANS, 0, &[0, e, e_acute], |_| None).unwrap();
    assert_eq!(parts(&font, 2)[0], 1);
    assert_eq!(FontRef::new(&font).unwrap().maxp().unwrap().num_glyphs(), 4);
    // The hinting programs come along.
    for tag in ["fpgm", "prep", "cvt "] {
        assert_eq!(
            table(&FontRef::new(&font).unwrap(), tag),
            table(&FontRef::new(DEJAVU_SANS).unwrap(), tag),
            "{tag}"
        );
    }
    assert!(checksums_hold(&font));
}

#[test]
fn the_cmap_maps_the_characters_given_to_the_new_glyphs() {
    let ids: Vec<u16> = "abdz".chars().map(|c| gid(DEJAVU_SANS_CORE, c)).collect();
    let chars = |old: u16| {
        "abdz"
            .chars()
            .find(|&c| gid(DEJAVU_SANS_CORE, c) == old && c != 'd')
    };
    let font = subset(DEJAVU_SANS_CORE, 0, &[&[0], &ids[..]].concat(), chars).unwrap();
    let cmap = FontRef::new(&font).unwrap().cmap().unwrap();
    let mapped = |c| cmap.map_codepoint(c).map(|g| g.to_u32());
    assert_eq!(mapped('a'), Some(1));
    assert_eq!(mapped('b'), Some(2));
    assert_eq!(mapped('z'), Some(4));
    // Not given (a glyph drawn by shaping, say): not in the cmap.
    assert_eq!(mapped('d').unwrap_or(0), 0);
    assert_eq!(mapped('c').unwrap_or(0), 0);
}

#[test]
fn a_face_of_a_collection_is_subset_like_the_font_alone() {
    let ttc = collection(&[DEJAVU_SANS_CORE, DEJAVU_SANS_BOLD_CORE]);
    let ids = [0, gid(DEJAVU_SANS_BOLD_CORE, 'K')];
    assert_eq!(
        subset(&ttc, 1, &ids, |_| None).unwrap(),
        subset(DEJAVU_SANS_BOLD_CORE, 0, &ids, |_| None).unwrap()
    );
    assert_eq!(subset(&ttc, 2, &ids, |_| None), Err(SubsetError::NotAFont));
}

/// A TrueType collection of `fonts`, their tables where they were.
fn collection(fonts: &[&[u8]]) -> Vec<u8> {
    let header = 12 + 4 * fonts.len();
    let mut out = b"ttcf".to_vec();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&(fonts.len() as u32).to_be_bytes());
    let mut at = header;
    for font in fonts {
        out.extend_from_slice(&(at as u32).to_be_bytes());
        at += font.len().next_multiple_of(4);
    }
    for font in fonts {
        let shift = out.len() as u32;
        let mut font = font.to_vec();
        let tables = usize::from(u16::from_be_bytes([font[4], font[5]]));
        for n in 0..tables {
            let field = 12 + 16 * n + 8;
            let offset = u32::from_be_bytes(font[field..field + 4].try_into().unwrap());
            font[field..field + 4].copy_from_slice(&(offset + shift).to_be_bytes());
        }
        out.extend_from_slice(&font);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    out
}

#[test]
fn what_cannot_be_subset_says_why() {
    let a = gid(DEJAVU_SANS_CORE, 'a');
    assert_eq!(
        subset(DEJAVU_SANS_CORE, 0, &[a], |_| None),
        Err(SubsetError::NotDef)
    );
    assert_eq!(
        subset(DEJAVU_SANS_CORE, 0, &[0, 60_000], |_| None),
        Err(SubsetError::NoGlyph(60_000))
    );
    assert_eq!(
        subset(b"not a font at all", 0, &[0], |_| None),
        Err(SubsetError::NotAFont)
    );
    assert_eq!(
        subset(DEJAVU_SANS_CORE, 1, &[0], |_| None),
        Err(SubsetError::NotAFont)
    );
    assert_eq!(
        SubsetError::Short("glyf").to_string(),
        "its glyf table is cut short"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A font cut short or overwritten anywhere (a broken system font) is
    /// an error or a subset, never a panic.
    #[test]
    fn a_damaged_font_is_an_error_not_a_panic(
        cut in 0usize..DEJAVU_SANS.len(),
        at in 0usize..DEJAVU_SANS.len(),
        junk in any::<[u8; 8]>(),
    ) {
        let e_acute = gid(DEJAVU_SANS, 'é');
        let _ = subset(&DEJAVU_SANS[..cut], 0, &[0, e_acute, 36], |_| Some('x'));
        let mut font = DEJAVU_SANS.to_vec();
        let end = (at + junk.len()).min(font.len());
        font[at..end].copy_from_slice(&junk[..end - at]);
        let _ = subset(&font, 0, &[0, e_acute, 36], |_| Some('x'));
    }

    /// Any set of glyphs: each keeps its outline and advance.
    #[test]
    fn any_glyphs_keep_their_outlines_and_advances(
        // Up to the last glyph: DejaVu's last 15 have no advance of their
        // own in `hmtx` (they take the last one).
        mut ids in proptest::collection::btree_set(1u16..6253, 1..40)
    ) {
        ids.insert(0);
        let ids: Vec<u16> = ids.into_iter().collect();
        let font = subset(DEJAVU_SANS, 0, &ids, |_| None).unwrap();
        for (new, &old) in ids.iter().enumerate() {
            let new = new as u16;
            prop_assert_eq!(advance(&font, new), advance(DEJAVU_SANS, old));
            prop_assert_eq!(bearing(&font, new), bearing(DEJAVU_SANS, old));
            prop_assert_eq!(shape(&font, new), shape(DEJAVU_SANS, old));
            // A composite's components, found through the rewritten
            // indices, are the original's.
            let theirs: Vec<_> = parts(DEJAVU_SANS, old).iter().map(|&p| shape(DEJAVU_SANS, p)).collect();
            let ours: Vec<_> = parts(&font, new).iter().map(|&p| shape(&font, p)).collect();
            prop_assert_eq!(ours, theirs);
            if parts(DEJAVU_SANS, old).is_empty() {
                prop_assert!(same_outline(&font, new, DEJAVU_SANS, old));
            }
        }
        prop_assert!(checksums_hold(&font));
    }
}

#[test]
fn checksums_are_the_fonts_own() {
    // The shipped fonts' checksums were computed by the tools that made
    // them: ours must agree, tables of odd lengths included.
    assert!(checksums_hold(DEJAVU_SANS_CORE));
    assert!(checksums_hold(DEJAVU_SANS));
    assert_eq!(checksum(&[0, 0, 0, 1, 0, 0, 0, 2, 3]), 0x0300_0003);
    assert_eq!(checksum(&[]), 0);
}

#[test]
fn a_font_with_short_glyph_offsets_is_read_right() {
    // Noto Sans Thai's `loca` holds half offsets; the subset's holds long
    // ones. Each glyph keeps its shape and metrics, as read-fonts reads
    // both fonts.
    let thai = crate::fonts::NOTO_SANS_THAI;
    let ids: Vec<u16> = std::iter::once(0)
        .chain("กขฃคฅ".chars().map(|c| gid(thai, c)))
        .collect();
    let font = subset(thai, 0, &ids, |_| None).unwrap();
    for (new, &old) in ids.iter().enumerate() {
        let new = new as u16;
        assert!(shape(thai, old).is_some(), "{old}");
        assert_eq!(shape(&font, new), shape(thai, old), "{old}");
        assert_eq!(advance(&font, new), advance(thai, old));
        assert_eq!(bearing(&font, new), bearing(thai, old));
    }
    assert!(checksums_hold(&font));
}

#[test]
fn glyphs_past_the_last_full_metric_take_its_advance() {
    // DejaVu Sans: 6,253 glyphs, 6,238 full metrics.
    let font = FontRef::new(DEJAVU_SANS).unwrap();
    let long = font.hhea().unwrap().number_of_h_metrics();
    assert!(long < font.maxp().unwrap().num_glyphs());
    let last = font.maxp().unwrap().num_glyphs() - 1;
    let sub = subset(DEJAVU_SANS, 0, &[0, long - 1, long, last], |_| None).unwrap();
    for (new, old) in [(1, long - 1), (2, long), (3, last)] {
        assert_eq!(advance(&sub, new), advance(DEJAVU_SANS, old), "{old}");
        assert_eq!(bearing(&sub, new), bearing(DEJAVU_SANS, old), "{old}");
    }
}

fn be(data: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([data[at], data[at + 1]])
}

#[test]
fn the_binary_search_headers_follow_the_spec() {
    // Twelve tables: searchRange 8 * 16, entrySelector 3, rangeShift 64.
    let font = subset(DEJAVU_SANS, 0, &[0, gid(DEJAVU_SANS, 'a')], |_| Some('a')).unwrap();
    let tables = be(&font, 4);
    assert_eq!(tables, 12);
    assert_eq!([be(&font, 6), be(&font, 8), be(&font, 10)], [128, 3, 64]);
    // The cmap subtable: "abc" on consecutive glyphs is one segment,
    // "x" another, then the closing 0xFFFF one: three segments.
    let ids: Vec<u16> = "abcx".chars().map(|c| gid(DEJAVU_SANS_CORE, c)).collect();
    let chars = |old: u16| "abcx".chars().find(|&c| gid(DEJAVU_SANS_CORE, c) == old);
    let font = subset(DEJAVU_SANS_CORE, 0, &[&[0], &ids[..]].concat(), chars).unwrap();
    let cmap = table(&FontRef::new(&font).unwrap(), "cmap")
        .unwrap()
        .to_vec();
    let sub = &cmap[12..];
    assert_eq!(be(sub, 0), 4, "format 4");
    assert_eq!(usize::from(be(sub, 2)), sub.len());
    assert_eq!(
        [be(sub, 6), be(sub, 8), be(sub, 10), be(sub, 12)],
        [6, 4, 1, 2]
    );
    assert_eq!(
        [be(sub, 14), be(sub, 16), be(sub, 18)],
        [u16::from(b'c'), u16::from(b'x'), 0xFFFF]
    );
}

#[test]
fn post_is_version_3_with_the_fonts_own_header() {
    let font = subset(DEJAVU_SANS_CORE, 0, &[0], |_| None).unwrap();
    let ours = table(&FontRef::new(&font).unwrap(), "post")
        .unwrap()
        .to_vec();
    let theirs = table(&FontRef::new(DEJAVU_SANS_CORE).unwrap(), "post").unwrap();
    assert_eq!(ours.len(), 32);
    assert_eq!(&ours[..4], &[0, 3, 0, 0]);
    assert_eq!(&ours[4..], &theirs[4..32]);
    assert_eq!(post(None)[..4], [0, 3, 0, 0]);
}
