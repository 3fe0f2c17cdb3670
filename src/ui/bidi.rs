//! Right-to-left text in the window's labels, table cells and header.
//!
//! egui 0.37 shapes text (harfrust) but has no bidi algorithm: it shapes
//! each run of one font in one direction, guessed from the run's first
//! letter, so "Owner: محمد" came out as separate letters in reverse order.
//! [`display`] turns a text into what egui then draws right: each line is
//! put in visual order by the Unicode bidi algorithm (UAX #9), Arabic is
//! joined beforehand (shaped with DejaVu Sans, the glyphs turned back into
//! Arabic presentation forms, which need no more shaping), brackets in
//! right-to-left runs are mirrored, and where egui would reverse the whole
//! line itself (its first letter is right to left) the line is handed over
//! reversed. Only for display: text fields keep and edit the text in the
//! order it was typed.
//!
//! Limits: a line mixing right-to-left text with a script from another
//! font (CJK, Devanagari…) may be ordered wrongly, as egui guesses the
//! direction of each font's run; combining marks on Arabic letters are
//! kept but not positioned.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_bidi::BidiInfo;
use unicode_script::{Script, UnicodeScript};

/// Whether `c` is a right-to-left letter or bidi control.
fn is_rtl(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFE
        | 0x200F | 0x202B | 0x202E | 0x2067 | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// `text` as the window shows it: unchanged unless it has right-to-left
/// text (see the module doc).
pub fn display(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_rtl) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<String> = text.split('\n').map(display_line).collect();
    Cow::Owned(lines.join("\n"))
}

/// One line in the order egui must be given it.
fn display_line(line: &str) -> String {
    let bidi = BidiInfo::new(line, None);
    let Some(para) = bidi.paragraphs.first() else {
        return line.to_owned();
    };
    let (levels, runs) = bidi.visual_runs(para, para.range.clone());
    let mut visual = String::with_capacity(line.len() * 2);
    for run in runs {
        let text = &line[run.clone()];
        if levels.get(run.start).is_some_and(|l| l.is_rtl()) {
            let joined = arabic_forms(text);
            visual.extend(reversed(&joined).map(mirror));
        } else {
            visual.push_str(text);
        }
    }
    if starts_right_to_left(&visual) {
        // egui's shaper will reverse (and mirror) this line itself.
        reversed(&visual).map(mirror).collect()
    } else {
        visual
    }
}

/// The characters of `text` backwards, each letter still followed by its
/// combining marks.
fn reversed(text: &str) -> impl Iterator<Item = char> {
    let mut groups: Vec<Vec<char>> = Vec::new();
    for ch in text.chars() {
        match groups.last_mut() {
            Some(group) if ch.script() == Script::Inherited => group.push(ch),
            _ => groups.push(vec![ch]),
        }
    }
    groups.into_iter().rev().flatten()
}

/// Whether the first letter with a script of its own is right to left:
/// then egui's shaper guesses right to left for the line.
fn starts_right_to_left(text: &str) -> bool {
    text.chars()
        .find(|c| {
            !matches!(
                c.script(),
                Script::Common | Script::Inherited | Script::Unknown
            )
        })
        .is_some_and(|c| {
            matches!(
                c.script(),
                Script::Arabic
                    | Script::Hebrew
                    | Script::Syriac
                    | Script::Thaana
                    | Script::Nko
                    | Script::Samaritan
                    | Script::Mandaic
                    | Script::Adlam
            )
        })
}

/// The mirror image of a bracket-like character, as a right-to-left line
/// draws it.
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        c => c,
    }
}

/// `text` (logical order) with its Arabic letters in their joined forms:
/// shaped with DejaVu Sans, each glyph turned back into the character
/// (preferably a presentation form) DejaVu draws it for.
fn arabic_forms(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F))
    {
        return Cow::Borrowed(text);
    }
    let Some((font, chars)) = dejavu() else {
        return Cow::Borrowed(text);
    };
    let data = harfrust::ShaperData::new(font);
    let shaper = data.shaper(font).build();
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(harfrust::Direction::RightToLeft);
    buffer.guess_segment_properties();
    let shaped = shaper.shape(buffer, harfrust::ShapeOptions::new());
    let infos = shaped.glyph_infos();
    let mut out = String::with_capacity(text.len() * 2);
    // Right to left: the glyphs come in visual order; walk them backwards.
    for (k, info) in infos.iter().enumerate().rev() {
        let gid = u16::try_from(info.glyph_id).unwrap_or(0);
        match chars.get(&gid) {
            Some(&c) => out.push(c),
            None => {
                // No character draws this glyph: keep the cluster's own.
                let from = info.cluster as usize;
                let to = infos[..k]
                    .iter()
                    .rev()
                    .map(|i| i.cluster as usize)
                    .find(|&c| c > from)
                    .unwrap_or(text.len());
                out.push_str(text.get(from..to).unwrap_or(""));
            }
        }
    }
    Cow::Owned(out)
}

/// DejaVu Sans and, for each of its glyphs, a character it draws:
/// presentation forms win over the letters they are forms of.
fn dejavu() -> Option<&'static (harfrust::FontRef<'static>, HashMap<u16, char>)> {
    use read_fonts::TableProvider as _;
    static FONT: OnceLock<Option<(harfrust::FontRef<'static>, HashMap<u16, char>)>> =
        OnceLock::new();
    FONT.get_or_init(|| {
        let font = harfrust::FontRef::new(crate::fonts::DEJAVU_SANS).ok()?;
        let cmap = font.cmap().ok()?;
        let mut chars = HashMap::new();
        // Ascending: a presentation form (U+FB50 on) overwrites the letter.
        let arabic = (0x0600..=0x06FF)
            .chain(0x0750..=0x077F)
            .chain(0xFB50..=0xFEFF);
        for code in arabic {
            let (Some(c), Some(gid)) = (char::from_u32(code), cmap.map_codepoint(code)) else {
                continue;
            };
            if let Ok(gid) = u16::try_from(gid.to_u32())
                && gid != 0
            {
                chars.insert(gid, c);
            }
        }
        Some((font, chars))
    })
    .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_to_right_text_is_untouched() {
        assert!(matches!(display("Zoë 李雷 देव"), Cow::Borrowed(_)));
    }

    #[test]
    fn hebrew_after_latin_is_put_in_visual_order() {
        assert_eq!(display("Owner: דוד כהן!"), "Owner: ןהכ דוד!");
    }

    #[test]
    fn a_line_that_starts_right_to_left_is_left_for_egui_to_reverse() {
        // In visual order this is "ןהכ דוד"; egui reverses a line whose
        // first letter is Hebrew, so it gets it back in typed order.
        assert_eq!(display("דוד כהן"), "דוד כהן");
        // A right-to-left line ending in Latin shows the Latin on the left;
        // the line then starts with Latin, which egui leaves as it is.
        assert_eq!(display("דוד (QA)"), "(QA) דוד");
        assert_eq!(display("כהן QA"), "QA ןהכ");
    }

    #[test]
    fn arabic_is_joined_into_presentation_forms() {
        let shown = display("محمد علي");
        // meem initial, hah medial, meem medial, dal final; ain initial,
        // lam medial, yeh final: no letter left in its isolated form.
        assert_eq!(
            shown,
            "\u{FEE3}\u{FEA4}\u{FEE4}\u{FEAA} \u{FECB}\u{FEE0}\u{FEF2}"
        );
        // After Latin the line is given in visual order.
        let owner = display("Owner: محمد");
        assert_eq!(owner, "Owner: \u{FEAA}\u{FEE4}\u{FEA4}\u{FEE3}");
        // Lam-alef is one ligature.
        assert!(display("سلام").contains('\u{FEFC}'));
    }

    #[test]
    fn lines_are_reordered_one_by_one_and_marks_stay_with_letters() {
        assert_eq!(display("a דב\nb"), "a בד\nb");
        let marked: String = reversed("ab\u{0301}c").collect();
        assert_eq!(marked, "cb\u{0301}a");
        assert_eq!(mirror('('), ')');
        assert_eq!(mirror('»'), '«');
        assert_eq!(mirror('x'), 'x');
    }
}
