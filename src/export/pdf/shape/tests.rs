use super::*;
use crate::export::pdf::faces::Source;

fn shaped(text: &str) -> (Vec<Glyph>, u8, Glyphs) {
    let mut g = Glyphs::new();
    let mut out = Vec::new();
    let level = shape_paragraph(&mut g, text, false, Origin::Fixed, &mut out);
    (out, level, g)
}

#[test]
fn plain_text_takes_the_one_glyph_per_character_path() {
    let (out, level, _) = shaped("Zoë 李雷");
    assert_eq!(level, 0);
    assert_eq!(out.len(), 6);
    assert!(
        out.iter()
            .all(|g| g.level == 0 && g.starts_cluster() && g.actual == 0)
    );
    assert_eq!(out[4].cluster, "Zoë ".len() as u32);
    assert!(!is_complex('a') && !is_complex('李') && !is_complex('김'));
    assert!(is_complex('م') && is_complex('ד') && is_complex('क') && is_complex('ส'));
    assert!(is_complex('\u{202B}') && !is_complex('\u{202A}'));
}

#[test]
fn arabic_is_joined_right_to_left_in_logical_order() {
    let (out, level, _) = shaped("محمد");
    assert_eq!(level, 1);
    assert_eq!(out.len(), 4);
    let chars: String = out.iter().map(|g| g.ch).collect();
    assert_eq!(chars, "محمد");
    assert!(out.iter().all(|g| g.rtl() && g.face == Face::REGULAR));
    // Joined forms: the two meems differ (initial, medial), and none is
    // the isolated form the character maps to.
    assert_ne!(out[0].gid, out[2].gid);
    let mut g = Glyphs::new();
    let isolated = g.lookup('م', false).unwrap().gid;
    assert!(out.iter().all(|o| o.gid != isolated));
    let clusters: Vec<u32> = out.iter().map(|g| g.cluster).collect();
    assert_eq!(clusters, [0, 2, 4, 6]);
}

#[test]
fn a_right_to_left_name_in_a_left_to_right_line_is_reordered() {
    let (mut out, level, _) = shaped("Owner: דוד כהן!");
    assert_eq!(level, 0);
    reorder(&mut out);
    let visual: String = out.iter().map(|g| g.ch).collect();
    assert_eq!(visual, "Owner: ןהכ דוד!");
}

#[test]
fn a_right_to_left_paragraph_puts_latin_and_digits_left_to_right_inside() {
    let (mut out, level, _) = shaped("דוד (QA) 12");
    assert_eq!(level, 1);
    reorder(&mut out);
    let visual: String = out.iter().map(|g| g.ch).collect();
    // Read from the right: דוד, then (QA), then 12. The brackets are
    // right to left too: their characters come out swapped, and the shaper
    // draws each mirrored, so the page shows "12 (QA) דוד".
    assert_eq!(visual, "12 )QA( דוד");
}

#[test]
fn devanagari_conjuncts_are_one_cluster_with_their_text() {
    let (out, level, g) = shaped("क्षत्रिय");
    assert_eq!(level, 0);
    assert!(out.iter().all(|g| g.face == Face::DEVANAGARI));
    // Fewer glyphs than characters: conjuncts and a reordered vowel sign.
    assert!(out.len() < "क्षत्रिय".chars().count(), "{out:?}");
    let spelled: String = out
        .iter()
        .filter(|o| o.starts_cluster())
        .map(|o| match g.actual_text(o.actual) {
            Some(text) => text.to_owned(),
            None => o.ch.to_string(),
        })
        .collect();
    assert_eq!(spelled, "क्षत्रिय");
}

#[test]
fn thai_marks_sit_on_their_letters() {
    let (out, _, _) = shaped("สมชาย ที่");
    assert!(out.iter().all(|g| g.face == Face::THAI));
    // The tone mark over ท is moved onto it (zero advance or an offset).
    assert!(out.iter().any(|g| g.placed()), "{out:?}");
}

#[test]
fn reorder_reverses_each_level_from_the_highest_down() {
    let mut line: Vec<Glyph> = "abcde"
        .chars()
        .map(|ch| Glyph::plain(ch, Face::REGULAR, 1, 1.0))
        .collect();
    // a(0) b(1) c(2) d(2) e(1): L2 gives a, e, c d, b.
    for (g, level) in line.iter_mut().zip([0, 1, 2, 2, 1]) {
        g.level = level;
    }
    reorder(&mut line);
    let visual: String = line.iter().map(|g| g.ch).collect();
    assert_eq!(visual, "aecdb");
    let mut empty: Vec<Glyph> = Vec::new();
    reorder(&mut empty);
}

#[test]
fn uncovered_characters_in_shaped_text_are_replaced_and_reported() {
    let mut g = Glyphs::new();
    let mut out = Vec::new();
    shape_paragraph(
        &mut g,
        "محمد ሀ",
        false,
        Origin::Item("x", "owner"),
        &mut out,
    );
    assert!(out.iter().any(|o| o.ch == REPLACEMENT));
    let missing = g.take_missing();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].characters, ['ሀ']);
}

#[test]
fn a_right_to_left_ligature_keeps_its_letters_backwards_for_reversed_chars() {
    // Lam and alef are one glyph: its ActualText holds both letters, in
    // the order a `/ReversedChars` sequence reads (reversed back by the
    // reader).
    let (out, _, g) = shaped("سلام");
    assert_eq!(out.len(), 3, "{out:?}");
    let ligature: Vec<&Glyph> = out.iter().filter(|o| o.actual != 0).collect();
    assert_eq!(ligature.len(), 1);
    assert_eq!(g.actual_text(ligature[0].actual), Some("ال"));
    assert!(ligature[0].starts_cluster() && ligature[0].rtl());
    assert_eq!(ligature[0].cluster, "س".len() as u32);
}

#[test]
fn runs_split_at_a_change_of_level_face_or_script() {
    let mut g = Glyphs::new();
    let text = "ab דב 李";
    let bidi = BidiInfo::new(text, None);
    let mut runs = Vec::new();
    itemize(&mut g, text, &bidi, false, &mut runs);
    let cut: Vec<(&str, u8, bool)> = runs
        .iter()
        .map(|r| (&text[r.start..r.end], r.level, r.shaped))
        .collect();
    assert_eq!(
        cut,
        [
            ("ab ", 0, false),
            ("דב", 1, true),
            (" ", 0, false),
            ("李", 0, false)
        ]
    );
    assert_eq!(runs[3].face, Some(Face::FALLBACK));
}

#[test]
fn glyphs_at_their_own_advance_are_not_placed_one_by_one() {
    // Joined Arabic and Hebrew letters without marks keep each glyph's
    // advance from the font: drawn as plain text, not positioned glyph by
    // glyph (which would take the PDF several times the operators).
    for text in ["محمد", "דוד כהן"] {
        let (out, _, g) = shaped(text);
        assert!(out.iter().all(|o| !o.placed()), "{text}: {out:?}");
        for o in &out {
            let own = g.advance_of(Source::Regular, o.gid - FULL_OFFSET);
            assert_eq!(own, Some(o.advance_em), "{text}: {o:?}");
        }
    }
}
