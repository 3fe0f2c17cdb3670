//! Text that does not print one glyph per character, left to right:
//! right-to-left scripts and scripts whose letters join, stack or reorder
//! (Arabic, Hebrew, Devanagari, Thai…).
//!
//! A paragraph with such text gets its bidi levels (UAX #9, `unicode-bidi`)
//! and is cut into runs of one face, one script and one level; each run is
//! shaped by harfrust (HarfBuzz's Rust port, the shaper egui uses) with its
//! face's layout tables. The glyphs come back in logical order — a
//! right-to-left run's are reversed, then reversed back when its line is
//! reordered ([`reorder`]) — so that line breaking works on logical text.
//! Everything else keeps the one-glyph-per-character path ([`Glyphs::resolve`]),
//! which is most of any document and much cheaper.

use unicode_bidi::BidiInfo;
use unicode_script::{Script, UnicodeScript};

use super::faces::Face;
use super::glyphs::{FULL_OFFSET, Glyph, Glyphs, Origin, REPLACEMENT};

/// Whether a character needs the shaping path: a right-to-left letter or a
/// bidi control, or a script whose letters change shape or order.
pub(super) fn is_complex(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF        // Hebrew, Arabic, Syriac, Thaana, NKo…
        | 0x0900..=0x0DFF      // Devanagari … Sinhala
        | 0x0E00..=0x0FFF      // Thai, Lao, Tibetan
        | 0x1000..=0x109F      // Myanmar
        | 0x1780..=0x18AF      // Khmer, Mongolian
        | 0x200F | 0x202B | 0x202E | 0x2067 // right-to-left marks and controls
        | 0xA8E0..=0xA8FF      // Devanagari Extended
        | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFE // Hebrew and Arabic presentation forms
        | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF) // historic right-to-left scripts
}

/// The glyphs of `text` (one paragraph, no newlines) in logical order,
/// appended to `out`; returns the paragraph's base bidi level (0 = left
/// to right).
pub(super) fn shape_paragraph(
    glyphs: &mut Glyphs,
    text: &str,
    bold: bool,
    origin: Origin<'_>,
    out: &mut Vec<Glyph>,
) -> u8 {
    if !text.chars().any(is_complex) {
        glyphs.resolve(text, bold, origin, out);
        return 0;
    }
    let bidi = BidiInfo::new(text, None);
    let base = bidi.paragraphs.first().map_or(0, |p| p.level.number());
    let mut runs = Vec::new();
    itemize(glyphs, text, &bidi, bold, &mut runs);
    for run in runs {
        let slice = &text[run.start..run.end];
        match run.face {
            Some(face) if run.shaped => {
                let before = out.len();
                if !shape_run(glyphs, slice, run.start, run.level, face, origin, out) {
                    out.truncate(before);
                    plain_run(glyphs, slice, run.start, run.level, bold, origin, out);
                }
            }
            _ => plain_run(glyphs, slice, run.start, run.level, bold, origin, out),
        }
    }
    base
}

/// A run: `text[start..end]` in one face (`None`: no font has it) at one
/// bidi level, shaped or not.
#[derive(Debug, PartialEq)]
struct Run {
    start: usize,
    end: usize,
    face: Option<Face>,
    level: u8,
    shaped: bool,
}

/// Cuts `text` into [`Run`]s. Marks and joiners (script Inherited) and
/// neutral characters the run's face has stay in the run, so that a
/// cluster and a phrase are shaped in one face.
fn itemize(glyphs: &mut Glyphs, text: &str, bidi: &BidiInfo<'_>, bold: bool, out: &mut Vec<Run>) {
    let mut script = Script::Common;
    for (at, ch) in text.char_indices() {
        let level = bidi.levels.get(at).map_or(0, |l| l.number());
        let ch_script = ch.script();
        let weak = matches!(
            ch_script,
            Script::Common | Script::Inherited | Script::Unknown
        );
        if let Some(run) = out.last_mut()
            && run.level == level
            && (weak || ch_script == script || script == Script::Common)
            && (run.face.is_none() && glyphs.lookup(ch, bold).is_none()
                || run.face.is_some_and(|f| glyphs.has(f, ch)))
        {
            run.end = at + ch.len_utf8();
            run.shaped |= is_complex(ch);
            if !weak {
                script = ch_script;
            }
            continue;
        }
        script = if weak { Script::Common } else { ch_script };
        out.push(Run {
            start: at,
            end: at + ch.len_utf8(),
            face: glyphs.lookup(ch, bold).map(|g| g.face),
            level,
            shaped: level % 2 == 1 || is_complex(ch),
        });
    }
}

/// One glyph per character, as [`Glyphs::resolve`], at `level`.
fn plain_run(
    glyphs: &mut Glyphs,
    text: &str,
    start: usize,
    level: u8,
    bold: bool,
    origin: Origin<'_>,
    out: &mut Vec<Glyph>,
) {
    let first = out.len();
    glyphs.resolve(text, bold, origin, out);
    for g in &mut out[first..] {
        g.cluster += start as u32;
        g.level = level;
    }
}

/// A glyph as the shaper gives it, in font units.
struct Shaped {
    gid: u16,
    cluster: u32,
    advance: i32,
    offset: (i32, i32),
}

/// Shapes `text` (starting at byte `start` of its paragraph) with `face`,
/// appending its glyphs in logical order; `false` if the face cannot shape.
fn shape_run(
    glyphs: &mut Glyphs,
    text: &str,
    start: usize,
    level: u8,
    face: Face,
    origin: Origin<'_>,
    out: &mut Vec<Glyph>,
) -> bool {
    let (core, source) = face.sources();
    let rtl = level % 2 == 1;
    let shaped = glyphs.with_shaper(source, |shaper| {
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(if rtl {
            harfrust::Direction::RightToLeft
        } else {
            harfrust::Direction::LeftToRight
        });
        buffer.guess_segment_properties();
        let upm = shaper.units_per_em().max(1) as f32;
        let result = shaper.shape(buffer, harfrust::ShapeOptions::new());
        let list: Vec<Shaped> = result
            .glyph_infos()
            .iter()
            .zip(result.glyph_positions())
            .map(|(info, pos)| Shaped {
                gid: u16::try_from(info.glyph_id).unwrap_or(0),
                cluster: info.cluster,
                advance: pos.x_advance,
                offset: (pos.x_offset, pos.y_offset),
            })
            .collect();
        (list, upm)
    });
    let Some((mut list, upm)) = shaped else {
        return false;
    };
    if rtl {
        list.reverse();
    }
    let mut i = 0;
    while i < list.len() {
        let cluster = list[i].cluster;
        let mut j = i + 1;
        while j < list.len() && list[j].cluster == cluster {
            j += 1;
        }
        let from = cluster as usize;
        let to = if rtl {
            // Logical order: the next cluster starts after this one.
            list[j..]
                .iter()
                .map(|s| s.cluster as usize)
                .find(|&c| c > from)
        } else {
            list.get(j).map(|s| s.cluster as usize)
        }
        .unwrap_or(text.len())
        .max(from);
        let chars = text.get(from..to).unwrap_or("");
        let first = chars.chars().next().unwrap_or(REPLACEMENT);
        let actual = if j - i == 1 && chars.chars().count() == 1 {
            0
        } else if rtl {
            // Inside `/ReversedChars` everything shown reads backwards,
            // the ActualText too (pdftotext reverses it back).
            glyphs.add_actual_text(&chars.chars().rev().collect::<String>())
        } else {
            glyphs.add_actual_text(chars)
        };
        for (k, s) in list[i..j].iter().enumerate() {
            let mut glyph = if s.gid == 0 {
                // The face lacks a character of the cluster: the mark, and
                // the warning, as on the plain path.
                match glyphs.glyph_or_replacement(REPLACEMENT, false, Origin::Fixed) {
                    Some(g) => {
                        glyphs.note_missing(chars, origin);
                        g
                    }
                    None => continue,
                }
            } else {
                let natural = glyphs.advance_of(source, s.gid).unwrap_or(0.0);
                let advance = s.advance as f32 / upm;
                let offset = (s.offset.0 as f32 / upm, s.offset.1 as f32 / upm);
                let placed = (advance - natural).abs() > 1e-4 || offset != (0.0, 0.0);
                let gid = match core {
                    Some(_) => s.gid.saturating_add(FULL_OFFSET),
                    None => s.gid,
                };
                let mut g = Glyph::plain(first, face, gid, advance);
                g.offset_em = offset;
                if placed {
                    g.flags |= Glyph::PLACED;
                }
                g
            };
            glyph.cluster = (start + from) as u32;
            glyph.level = level;
            let logical_first = if rtl { k == j - i - 1 } else { k == 0 };
            glyph.flags = if logical_first {
                glyph.flags | Glyph::START
            } else {
                glyph.flags & !Glyph::START
            };
            glyph.actual = if logical_first { actual } else { 0 };
            out.push(glyph);
        }
        i = j;
    }
    true
}

/// Puts a line's glyphs (logical order) in visual order, by the bidi rule
/// L2: from the highest level down to the lowest odd one, every stretch at
/// that level or above is reversed.
pub(super) fn reorder(line: &mut [Glyph]) {
    let Some(max) = line.iter().map(|g| g.level).max() else {
        return;
    };
    let min = line.iter().map(|g| g.level).min().unwrap_or(0);
    let lowest_odd = min | 1;
    let mut level = max;
    while level >= lowest_odd {
        let mut i = 0;
        while i < line.len() {
            if line[i].level >= level {
                let mut j = i;
                while j < line.len() && line[j].level >= level {
                    j += 1;
                }
                line[i..j].reverse();
                i = j;
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
}

#[cfg(test)]
mod tests;
