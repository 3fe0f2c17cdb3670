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
            .all(|f| *f == Face::REGULAR)
    );
    assert_eq!(faces("李雷"), vec![Face::FALLBACK, Face::FALLBACK]);
}

/// The code points `assets/fonts/make_core.sh` cuts the core faces to.
fn claimed_core_coverage() -> Vec<char> {
    let script = include_str!("../../../../assets/fonts/make_core.sh");
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
    assert!(g.metrics[Source::Regular.index()].get().is_none());
    assert!(g.metrics[Source::Bold.index()].get().is_none());
}

#[test]
fn a_character_beyond_the_core_face_comes_from_the_full_face() {
    let mut g = Glyphs::new();
    let mut out = Vec::new();
    // Polytonic Greek and box drawing: in DejaVu Sans, not in the core cut.
    g.resolve("aἈ─b", false, Origin::Fixed, &mut out);
    assert!(out.iter().all(|g| g.face == Face::REGULAR), "{out:?}");
    assert!(out[0].gid < FULL_OFFSET && out[3].gid < FULL_OFFSET);
    assert!(out[1].gid > FULL_OFFSET && out[2].gid > FULL_OFFSET);
    assert!(g.take_missing().is_empty());
    for glyph in &out {
        g.mark_used(*glyph);
    }
    let embedded = g.embed().unwrap();
    assert_eq!(embedded.len(), 1);
    // The full face is embedded, the core glyphs found again in it: four
    // distinct glyphs, numbered 1..=4 in the subset.
    let e = &embedded[0];
    assert!(*e.program.bytes == *crate::fonts::DEJAVU_SANS);
    let mut chars: Vec<char> = e.glyphs.iter().map(|k| k.ch).collect();
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
    g.resolve("Zoë ✓", true, Origin::Fixed, &mut out);
    for glyph in &out {
        g.mark_used(*glyph);
    }
    let embedded = g.embed().unwrap();
    assert_eq!(embedded.len(), 1);
    let e = &embedded[0];
    assert_eq!(e.face, Face::BOLD);
    let core = crate::fonts::DEJAVU_SANS_BOLD_CORE;
    assert!(*e.program.bytes == *core);
    // "Zoë ✓": five glyphs, in glyph index order, each the font's own
    // glyph for its character.
    assert_eq!(e.glyphs.len(), 5);
    let metrics = Metrics::read(core, 0).unwrap();
    for k in &e.glyphs {
        assert_eq!(metrics.glyph(k.ch), Some(k.gid), "{k:?}");
        assert!(k.in_cmap, "{k:?}");
    }
    assert!(e.glyphs.windows(2).all(|w| w[0].gid < w[1].gid));
    for (n, glyph) in out.iter().enumerate() {
        let new = e.remap[usize::from(glyph.gid)];
        assert_eq!(e.glyphs[usize::from(new) - 1].ch, glyph.ch, "{n}");
    }
}

#[test]
fn a_glyph_drawn_by_shaping_is_kept_but_not_in_the_cmap() {
    let mut g = Glyphs::new();
    // An Arabic letter's medial form: drawn for the character, but not the
    // glyph the font's cmap gives it.
    let isolated = g.lookup('\u{0628}', false).unwrap();
    let medial = g
        .with_metrics(Source::Regular, |m| m.glyph('\u{FE92}'))
        .flatten()
        .unwrap();
    g.mark_used(Glyph {
        gid: medial + FULL_OFFSET,
        ..isolated
    });
    g.mark_used(isolated);
    let e = &g.embed().unwrap()[0];
    assert_eq!(e.glyphs.len(), 2);
    for k in &e.glyphs {
        assert_eq!(k.ch, '\u{0628}');
        assert_eq!(k.in_cmap, k.gid != medial, "{k:?}");
    }
}

#[test]
fn uncovered_characters_are_replaced_and_recorded_once_per_field() {
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
    g.resolve("🚀", false, Origin::Item("x.y", "notes"), &mut out);
    let missing = g.take_missing();
    // One entry per field, each character once.
    assert_eq!(missing.len(), 2);
    assert_eq!(missing[0].characters, ['🚀', '\u{e000}']);
    assert_eq!(missing[0].location, "item x.y (owner)");
    assert_eq!(missing[1].characters, ['🚀']);
    assert_eq!(missing[1].location, "item x.y (notes)");
}

#[test]
fn invisible_characters_are_dropped_not_reported() {
    let mut g = Glyphs::new();
    let mut out = Vec::new();
    g.resolve("a\u{200b}b\u{feff}\u{7}", false, Origin::Fixed, &mut out);
    assert_eq!(out.len(), 2);
    assert!(g.take_missing().is_empty());
}

#[test]
fn devanagari_thai_and_hangul_have_bundled_faces() {
    let mut g = Glyphs::new();
    let mut out = Vec::new();
    g.resolve("दस김", false, Origin::Fixed, &mut out);
    let faces: Vec<Face> = out.iter().map(|g| g.face).collect();
    assert_eq!(faces, [Face::DEVANAGARI, Face::DEVANAGARI, Face::HANGUL]);
    g.resolve("สม", false, Origin::Fixed, &mut out);
    assert!(out[3..].iter().all(|g| g.face == Face::THAI));
    assert!(g.take_missing().is_empty());
    // Neither DejaVu nor Droid Sans Fallback was parsed for them.
    for source in [Source::Regular, Source::Bold, Source::Fallback] {
        assert!(g.metrics[source.index()].get().is_none(), "{source:?}");
    }
    assert!(!g.system.scanned());
}

#[test]
fn the_system_fonts_are_not_scanned_when_the_bundled_ones_cover_everything() {
    let mut g = Glyphs::with_system_fonts(true);
    let mut out = Vec::new();
    g.resolve("Zoë 李雷 محمد דוד देव สม 김", false, Origin::Fixed, &mut out);
    assert!(g.take_missing().is_empty());
    assert!(!g.system.scanned());
}

#[test]
fn actual_texts_are_numbered_from_one() {
    let mut g = Glyphs::new();
    assert_eq!(g.actual_text(0), None);
    let id = g.add_actual_text("क्ष");
    assert_eq!(id, 1);
    assert_eq!(g.actual_text(id), Some("क्ष"));
    assert_eq!(g.actual_text(2), None);
}

#[test]
fn a_glyph_keeps_the_first_character_it_was_drawn_for() {
    let mut g = Glyphs::new();
    g.mark_used(Glyph::plain('a', Face::REGULAR, 3, 0.5));
    g.mark_used(Glyph::plain('b', Face::REGULAR, 3, 0.5));
    assert_eq!(g.used[0][3], 'a' as u32);
}
