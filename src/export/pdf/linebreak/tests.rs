use super::*;
use crate::export::pdf::glyphs::Face;

/// One glyph per character, each 1 em wide, clustered by byte offset.
fn glyphs(text: &str) -> Vec<Glyph> {
    text.char_indices()
        .map(|(at, ch)| {
            let mut g = Glyph::plain(ch, Face::REGULAR, 1, 1.0);
            g.cluster = at as u32;
            g
        })
        .collect()
}

fn lines(text: &str, width: f32) -> Vec<String> {
    let g = glyphs(text);
    break_lines(&g, width, &opportunities(text))
        .into_iter()
        .map(|r| g[r].iter().map(|g| g.ch).collect())
        .collect()
}

#[test]
fn breaks_at_spaces_and_drops_them() {
    assert_eq!(lines("aaa bbb ccc", 7.0), ["aaa bbb", "ccc"]);
    assert_eq!(lines("aaa  bbb", 4.0), ["aaa", "bbb"]);
    assert_eq!(lines("  lead", 10.0), ["lead"]);
    assert_eq!(lines("aaa bbb", 7.0), ["aaa bbb"]);
}

#[test]
fn splits_a_word_longer_than_a_line() {
    assert_eq!(lines("abcdefghij", 4.0), ["abcd", "efgh", "ij"]);
    assert_eq!(lines("ab abcdefgh", 4.0), ["ab", "abcd", "efgh"]);
}

#[test]
fn breaks_between_cjk_characters_but_not_before_closing_punctuation() {
    assert_eq!(
        lines("负责人李雷和韩梅梅", 4.0),
        ["负责人李", "雷和韩梅", "梅"]
    );
    assert_eq!(lines("ok 李雷", 4.0), ["ok 李", "雷"]);
    assert_eq!(lines("负责人李，雷", 4.0), ["负责人", "李，雷"]);
    // Nor after an opening bracket.
    assert_eq!(lines("负责人（李雷", 4.0), ["负责人", "（李雷"]);
}

#[test]
fn breaks_where_unicode_allows_not_only_at_spaces() {
    // After a hyphen; between Hangul syllables; not inside "1.5".
    assert_eq!(lines("well-known", 6.0), ["well-", "known"]);
    assert_eq!(lines("김민준님", 2.0), ["김민", "준님"]);
    assert_eq!(lines("v 1.5", 4.0), ["v", "1.5"]);
    assert!(opportunities("a b").contains(&2));
    assert!(!opportunities("ab").contains(&1));
    // The end of the text is no place to start a line.
    assert_eq!(opportunities("a b"), [2]);
}

#[test]
fn every_line_fits_unless_one_glyph_is_wider() {
    let text = "x".repeat(50) + " " + &"word ".repeat(40);
    for line in lines(&text, 13.0) {
        assert!(line.chars().count() <= 13, "{line:?}");
    }
    assert_eq!(lines("abc", 0.5), ["a", "b", "c"]);
}

#[test]
fn a_cluster_is_never_cut() {
    // "ab" then a cluster of three glyphs (as a shaped conjunct is).
    let mut g = glyphs("abXYZ");
    for glyph in &mut g[3..] {
        glyph.flags = 0;
        glyph.cluster = 2;
    }
    g[2].cluster = 2;
    let cut: Vec<_> = break_lines(&g, 3.0, &[]);
    assert_eq!(cut, [0..2, 2..5]);
    // A cluster wider than the line stays whole on its own line.
    let cut: Vec<_> = break_lines(&g[2..], 1.0, &[]);
    assert_eq!(cut, vec![0..3]);
}

#[test]
fn empty_paragraph_keeps_a_line() {
    assert_eq!(lines("", 5.0), [""]);
    assert_eq!(lines("   ", 5.0), [""]);
}
