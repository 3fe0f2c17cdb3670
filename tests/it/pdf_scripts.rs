//! Every script prints right (issue 12, point 5): right-to-left names read
//! right to left with joined letters and extract in the order they were
//! typed; Devanagari, Thai and Hangul print with a font that has them; a
//! character no font has is reported once per field.

use shipshape::model::{Category, Item, Workbook};

use crate::pdf::{one_item, render};
use crate::util::{Dir, WB, logical_lines};
use shipshape::export::pdf::PdfKind;

/// The names of the issue, one owner each.
pub const NAMES: [&str; 6] = ["محمد علي", "דוד כהן", "देवनागरी", "สมชาย", "김민준", "李雷"];

pub fn names_workbook() -> Workbook {
    let mut wb = Workbook::new("Scripts");
    wb.categories.push(Category {
        id: "c".into(),
        name: "People".into(),
        items: NAMES
            .iter()
            .enumerate()
            .map(|(n, name)| Item {
                id: format!("c.i{n}"),
                title: format!("Item {n}"),
                owner: (*name).to_owned(),
                ..Item::default()
            })
            .collect(),
    });
    wb
}

#[test]
fn every_script_prints_and_extracts_as_typed() {
    let wb = names_workbook();
    for kind in PdfKind::ALL {
        let rendered = render(&wb, kind);
        assert!(
            rendered.missing_glyphs.is_empty(),
            "{kind}: {:?}",
            rendered.missing_glyphs
        );
        let text = logical_lines(&rendered.bytes).join("\n");
        for name in NAMES {
            assert!(text.contains(name), "{kind}: {name:?} missing in\n{text}");
        }
        assert!(!text.contains('\u{FFFD}'), "{kind}");
    }
}

#[test]
fn right_to_left_text_in_a_left_to_right_line_keeps_its_place() {
    let wb = one_item(Item {
        id: "c.mixed".into(),
        title: "Auto-scaling — בדיקת עומס (load test)".into(),
        notes: "محمد علي: سلام عليكم".into(),
        ..Item::default()
    });
    let text = logical_lines(&render(&wb, PdfKind::Report).bytes).join("\n");
    assert!(
        text.contains("Auto-scaling — בדיקת עומס (load test)"),
        "{text}"
    );
    // The lam-alef of سلام is one glyph: its ActualText keeps both letters.
    assert!(text.contains("محمد علي: سلام عليكم"), "{text}");
}

#[test]
fn devanagari_conjuncts_extract_as_typed() {
    let wb = one_item(Item {
        id: "c.hi".into(),
        title: "क्षत्रिय हिन्दी".into(),
        ..Item::default()
    });
    let rendered = render(&wb, PdfKind::Walkthrough);
    assert!(rendered.missing_glyphs.is_empty());
    let text = logical_lines(&rendered.bytes).join("\n");
    assert!(text.contains("क्षत्रिय हिन्दी"), "{text}");
}

/// The check, with the tool a reader has: skipped where poppler's
/// `pdftotext` is not installed (CI may lack it).
#[test]
fn pdftotext_extracts_right_to_left_names_in_logical_order() {
    let Ok(probe) = std::process::Command::new("pdftotext").arg("-v").output() else {
        eprintln!("skipped: pdftotext is not installed");
        return;
    };
    assert!(probe.status.success() || !probe.stderr.is_empty());
    let d = Dir::new();
    d.write("w.pdf", render(&names_workbook(), PdfKind::Report).bytes);
    let out = std::process::Command::new("pdftotext")
        .args(["w.pdf", "-"])
        .current_dir(d.root())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for name in NAMES {
        assert!(text.contains(name), "{name:?} missing in\n{text}");
    }
}

/// Regression: six names in six scripts gave 27 warning lines, one per
/// character; now they print, and what no font has is one line per field.
#[test]
fn export_pdf_warns_once_per_field() {
    let d = Dir::new();
    let mut wb = names_workbook();
    wb.categories[0].items[0].owner = "Ann 🚀🎉🚀".into();
    wb.categories[0].items[1].notes = "ሀለ ሀ".into();
    d.save(WB, &wb);
    let err = d.exits(&["export", "pdf", WB, "-o", "out.pdf"], 0).stderr;
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 2, "{err}");
    assert!(
        warnings[0].contains("U+1F680") && warnings[0].contains("U+1F389"),
        "{err}"
    );
    assert!(warnings[0].contains("item c.i0 (owner)"), "{err}");
    assert!(
        warnings[1].contains("U+1200") && warnings[1].contains("item c.i1 (notes)"),
        "{err}"
    );
    let clean = Dir::new();
    clean.save(WB, &names_workbook());
    let err = clean
        .exits(&["export", "pdf", WB, "-o", "out.pdf"], 0)
        .stderr;
    assert!(!err.contains("warning"), "{err}");
}
