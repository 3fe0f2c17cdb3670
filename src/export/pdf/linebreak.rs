//! Line breaking: where a paragraph's glyphs are cut into lines of a given
//! width. Kept apart from the drawing so that it can be tested with made-up
//! advance widths.

use std::ops::Range;

use super::glyphs::Glyph;

/// Chinese, Japanese and Korean text breaks between any two characters.
fn breaks_anywhere(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Closing punctuation never starts a line (CJK line-breaking rules).
fn no_break_before(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '・'
            | 'ー'
            | '…'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
    )
}

/// Opening brackets never end a line.
fn no_break_after(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '《' | '〈' | '【' | '〔' | '(' | '['
    )
}

/// Greedy line breaking of `glyphs` to `width_em` (the width divided by the
/// font size): at spaces, around CJK characters, and inside a word only when
/// the word alone is wider than a line. Returns each line's glyph range,
/// without the spaces at the break.
pub(super) fn break_lines(glyphs: &[Glyph], width_em: f32) -> Vec<Range<usize>> {
    let n = glyphs.len();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < n && glyphs[start].ch == ' ' {
        start += 1;
    }
    if start == n {
        // An empty paragraph still takes a line: it separates paragraphs.
        lines.push(start..start);
        return lines;
    }
    let mut x = 0.0;
    // (end of this line, start of the next) at the last break opportunity.
    let mut last_break: Option<(usize, usize)> = None;
    let mut i = start;
    while i < n {
        let g = glyphs[i];
        if g.ch == ' ' {
            if last_break.is_none_or(|(_, next)| next != i) {
                last_break = Some((i, i + 1));
            } else {
                // A run of spaces: the line still ends before the first.
                last_break = last_break.map(|(end, _)| (end, i + 1));
            }
            x += g.advance_em;
            i += 1;
            continue;
        }
        if i > start
            && (breaks_anywhere(g.ch) || breaks_anywhere(glyphs[i - 1].ch))
            && glyphs[i - 1].ch != ' '
            && !no_break_before(g.ch)
            && !no_break_after(glyphs[i - 1].ch)
        {
            last_break = Some((i, i));
        }
        if x + g.advance_em > width_em && i > start {
            let (end, next) = match last_break {
                Some((end, next)) if end > start => (end, next),
                _ => (i, i),
            };
            lines.push(start..end);
            start = next;
            while start < n && glyphs[start].ch == ' ' {
                start += 1;
            }
            last_break = None;
            i = start;
            x = 0.0;
            continue;
        }
        x += g.advance_em;
        i += 1;
    }
    let mut end = n;
    while end > start && glyphs[end - 1].ch == ' ' {
        end -= 1;
    }
    if end > start {
        lines.push(start..end);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::glyphs::Face;

    fn glyphs(text: &str) -> Vec<Glyph> {
        text.chars()
            .map(|ch| Glyph {
                ch,
                face: Face::Regular,
                gid: 1,
                advance_em: 1.0,
            })
            .collect()
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        let g = glyphs(text);
        break_lines(&g, width)
            .into_iter()
            .map(|r| g[r].iter().map(|g| g.ch).collect())
            .collect()
    }

    #[test]
    fn breaks_at_spaces_and_drops_them() {
        assert_eq!(lines("aaa bbb ccc", 7.0), ["aaa bbb", "ccc"]);
        assert_eq!(lines("aaa  bbb", 4.0), ["aaa", "bbb"]);
        assert_eq!(lines("  lead", 10.0), ["lead"]);
    }

    #[test]
    fn splits_a_word_longer_than_a_line() {
        assert_eq!(lines("abcdefghij", 4.0), ["abcd", "efgh", "ij"]);
        assert_eq!(lines("ab abcdefgh", 4.0), ["ab", "abcd", "efgh"]);
    }

    #[test]
    fn breaks_between_cjk_characters() {
        assert_eq!(
            lines("负责人李雷和韩梅梅", 4.0),
            ["负责人李", "雷和韩梅", "梅"]
        );
        assert_eq!(lines("ok 李雷", 4.0), ["ok 李", "雷"]);
        // Closing punctuation stays with the character before it.
        assert_eq!(lines("负责人李，雷", 4.0), ["负责人", "李，雷"]);
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
    fn empty_paragraph_keeps_a_line() {
        assert_eq!(lines("", 5.0), [""]);
        assert_eq!(lines("   ", 5.0), [""]);
    }
}
