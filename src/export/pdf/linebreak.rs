//! Line breaking: where a paragraph's glyphs are cut into lines of a given
//! width. Where a line may end is the Unicode line breaking algorithm's
//! answer (UAX #14, `unicode-linebreak`): after spaces, between CJK
//! ideographs and Hangul syllables, never before closing punctuation or
//! after an opening bracket, after a hyphen… Kept apart from the drawing so
//! that it can be tested with made-up advance widths.

use std::ops::Range;

use super::glyphs::Glyph;

/// The byte offsets of `text` where a new line may start (UAX #14), in
/// ascending order; the end of the text is not one.
pub(super) fn opportunities(text: &str) -> Vec<u32> {
    unicode_linebreak::linebreaks(text)
        .map(|(at, _)| at as u32)
        .filter(|&at| (at as usize) < text.len())
        .collect()
}

/// Greedy line breaking of `glyphs` (one paragraph, logical order) to
/// `width_em` (the width divided by the font size), at the break
/// `opportunities` of its text, and inside a word only when the word alone
/// is wider than a line (never inside a cluster). Returns each line's
/// glyph range, without the spaces at the break.
pub(super) fn break_lines(
    glyphs: &[Glyph],
    width_em: f32,
    opportunities: &[u32],
) -> Vec<Range<usize>> {
    let n = glyphs.len();
    let mut lines = Vec::new();
    let mut start = skip_spaces(glyphs, 0);
    if start == n {
        // An empty paragraph still takes a line: it separates paragraphs.
        lines.push(start..start);
        return lines;
    }
    let allowed = |i: usize| {
        glyphs[i].starts_cluster() && opportunities.binary_search(&glyphs[i].cluster).is_ok()
    };
    let mut x = 0.0;
    // Where the next line would start at the last opportunity.
    let mut last_break: Option<usize> = None;
    let mut i = start;
    while i < n {
        let g = glyphs[i];
        if i > start && allowed(i) {
            last_break = Some(i);
        }
        if g.ch == ' ' {
            // Spaces hang past the end of a line: they never overflow it.
            x += g.advance_em;
            i += 1;
            continue;
        }
        if x + g.advance_em > width_em && i > start {
            let next = match last_break {
                Some(b) if b > start => b,
                _ => cluster_start(glyphs, start, i),
            };
            lines.push(start..trim_spaces(glyphs, start, next));
            start = skip_spaces(glyphs, next);
            last_break = None;
            i = start;
            x = 0.0;
            continue;
        }
        x += g.advance_em;
        i += 1;
    }
    let end = trim_spaces(glyphs, start, n);
    if end > start {
        lines.push(start..end);
    }
    lines
}

/// The first glyph at or after `i` that is not a space.
fn skip_spaces(glyphs: &[Glyph], mut i: usize) -> usize {
    while i < glyphs.len() && glyphs[i].ch == ' ' {
        i += 1;
    }
    i
}

/// `end`, moved back over the spaces before it (not past `start`).
fn trim_spaces(glyphs: &[Glyph], start: usize, mut end: usize) -> usize {
    while end > start && glyphs[end - 1].ch == ' ' {
        end -= 1;
    }
    end
}

/// Where a word too wide for a line is cut before glyph `i`: the start of
/// `i`'s cluster, unless that is the line's start (then after the cluster).
fn cluster_start(glyphs: &[Glyph], start: usize, i: usize) -> usize {
    let mut at = i;
    while at > start && !glyphs[at].starts_cluster() {
        at -= 1;
    }
    if at > start {
        return at;
    }
    let mut end = i + 1;
    while end < glyphs.len() && !glyphs[end].starts_cluster() {
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests;
