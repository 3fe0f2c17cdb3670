//! The printable PDFs, checked the way a reader of the paper would: the text
//! that must be there is there, every page is numbered and carries the date
//! and content hash, the same input gives the same bytes; and `shipshape
//! export pdf` writes what the library renders. Where text sits on the page
//! is `pdf_layout`'s subject.

use chrono::NaiveDate;
use lopdf::Document;
use shipshape::export::pdf::{self, Paper, PdfKind, PdfOptions, Rendered};
use shipshape::model::{Category, Item, Status, Workbook};
use shipshape::storage;

use crate::util::{Dir, WB, cid_font, media_width, page_count, page_texts, pdf_text};

/// The half-filled 25-item workbook the sample PDFs in docs/pdf show.
pub const SAMPLE: &str = include_str!("../../docs/pdf/sample.shipshape.ron");

pub fn sample() -> Workbook {
    storage::parse(SAMPLE.as_bytes())
        .expect("sample parses")
        .workbook
}

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
}

pub fn options(kind: PdfKind, paper: Paper) -> PdfOptions {
    PdfOptions {
        kind,
        paper,
        as_of: as_of(),
        system_fonts: false,
        pdfa: false,
    }
}

/// `wb` on A4 as of [`as_of`].
pub fn render(wb: &Workbook, kind: PdfKind) -> Rendered {
    pdf::render(wb, &options(kind, Paper::A4)).expect("renders")
}

/// A workbook of one category holding `item`.
pub fn one_item(item: Item) -> Workbook {
    let mut wb = Workbook::new("Edge cases");
    wb.categories.push(Category {
        id: "c".into(),
        name: "Category".into(),
        items: vec![item],
    });
    wb
}

/// The sample has owners and mitigations to look for, so the checks below
/// that skip empty ones still check most items.
#[test]
fn the_sample_has_owners_and_mitigations_to_find() {
    let wb = sample();
    let owners = wb.items().filter(|(_, i)| !i.owner.is_empty()).count();
    let mitigations = wb
        .items()
        .filter(|(_, i)| !i.mitigation.text.is_empty())
        .count();
    assert!(owners >= 15, "{owners} owners");
    assert!(mitigations >= 5, "{mitigations} mitigations");
}

#[test]
fn report_has_every_title_owner_and_mitigation() {
    let wb = sample();
    let text = pdf_text(&render(&wb, PdfKind::Report).bytes);
    assert_eq!(wb.item_count(), 25);
    for (_, item) in wb.items() {
        assert!(text.contains(&item.title), "title missing: {}", item.title);
        if !item.owner.is_empty() {
            assert!(text.contains(&item.owner), "owner missing: {}", item.owner);
        }
        if item.has_mitigation() {
            assert!(
                text.contains(&item.mitigation.text),
                "mitigation missing: {}",
                item.mitigation.text
            );
        }
    }
}

#[test]
fn walkthrough_has_every_title_owner_and_mitigation_and_sign_off() {
    let wb = sample();
    let text = pdf_text(&render(&wb, PdfKind::Walkthrough).bytes);
    for (_, item) in wb.items() {
        assert!(text.contains(&item.title), "title missing: {}", item.title);
        if !item.owner.is_empty() {
            assert!(text.contains(&item.owner), "owner missing: {}", item.owner);
        }
        if !item.mitigation.text.is_empty() {
            assert!(
                text.contains(&item.mitigation.text),
                "mitigation missing: {}",
                item.mitigation.text
            );
        }
    }
    for heading in [
        "Attendees",
        "Launch date 2026-04-01",
        "Review date 2026-03-04",
        "Sign-off",
        "Signature",
    ] {
        assert!(text.contains(heading), "{heading:?} missing");
    }
}

#[test]
fn unicode_names_and_symbols_print() {
    let wb = sample();
    for kind in PdfKind::ALL {
        let rendered = render(&wb, kind);
        assert!(
            rendered.missing_glyphs.is_empty(),
            "{:?}",
            rendered.missing_glyphs
        );
        let text = pdf_text(&rendered.bytes);
        for s in ["Zoë Łukasz", "李雷", "Ayşe Öztürk", "Ω", "✓", "Zürich"] {
            assert!(text.contains(s), "{kind}: {s:?} missing");
        }
    }
}

#[test]
fn report_states_the_verdict() {
    let wb = sample();
    let v = wb.verdict(as_of());
    assert_eq!(v.headline(), "Demo-ready: 10 red");
    let text = pdf_text(&render(&wb, PdfKind::Report).bytes);
    assert!(text.contains("Demo-ready: 10 red"));
    assert!(text.contains("Red items (10)"));
    // The encryption mitigation has no end date: red, with the reason.
    assert!(text.contains("mitigation has no end date"), "{text}");
    assert!(text.contains("Overdue (3)"));
    // The expired one is red already; only the one still passing lapses.
    assert!(text.contains("Mitigations expiring before launch (1)"));

    let mut ready = wb.clone();
    for item in ready.categories.iter_mut().flat_map(|c| c.items.iter_mut()) {
        item.status = Status::Done;
    }
    let text = pdf_text(&render(&ready, PdfKind::Report).bytes);
    assert!(text.contains("Production-ready"));
    assert!(text.contains("All 25 items pass as of 2026-03-10"));
    assert!(!text.contains("Demo-ready"));
}

#[test]
fn every_page_says_page_n_of_m_with_date_and_content_hash() {
    let wb = sample();
    let hash = storage::content_hash(&wb);
    for kind in PdfKind::ALL {
        let bytes = render(&wb, kind).bytes;
        let n = page_count(&bytes);
        assert!(n >= 3, "{kind}: {n} pages");
        let pages = page_texts(&bytes);
        assert_eq!(pages.len(), n);
        for (i, t) in pages.iter().enumerate() {
            let page = i + 1;
            assert!(
                t.contains(&format!("Page {page} of {n}")),
                "{kind} page {page}: {t}"
            );
            assert!(
                t.contains(&hash),
                "{kind} page {page} lacks the content hash"
            );
            assert!(
                t.contains("2026-03-10"),
                "{kind} page {page} lacks the as-of date"
            );
            assert!(
                t.contains("Payments API (Zürich)"),
                "{kind} page {page} lacks the project"
            );
        }
    }
}

#[test]
fn same_input_gives_identical_bytes() {
    let wb = sample();
    for kind in PdfKind::ALL {
        let a = render(&wb, kind).bytes;
        let b = render(&wb, kind).bytes;
        assert!(a == b, "{kind}: two renders differ");
    }
    let later = pdf::render(
        &wb,
        &PdfOptions {
            as_of: NaiveDate::from_ymd_opt(2026, 3, 11).unwrap(),
            ..options(PdfKind::Report, Paper::A4)
        },
    )
    .unwrap();
    assert_ne!(later.bytes, render(&wb, PdfKind::Report).bytes);
    assert!(pdf_text(&later.bytes).contains("As of 2026-03-11"));
}

#[test]
fn characters_no_font_has_are_reported_and_printed_as_a_mark() {
    let wb = one_item(Item {
        id: "c.emoji".into(),
        title: "Launch party".into(),
        owner: "Ann 🚀".into(),
        notes: "Bring 🚀 and 🎉".into(),
        ..Item::default()
    });
    for kind in PdfKind::ALL {
        let rendered = render(&wb, kind);
        let found: Vec<(&[char], &str)> = rendered
            .missing_glyphs
            .iter()
            .map(|m| (m.characters.as_slice(), m.location.as_str()))
            .collect();
        assert!(
            found.contains(&(&['🚀'][..], "item c.emoji (owner)")),
            "{kind}: {found:?}"
        );
        if kind == PdfKind::Report {
            // Once per field, each character once.
            assert!(
                found.contains(&(&['🚀', '🎉'][..], "item c.emoji (notes)")),
                "{found:?}"
            );
        }
        let message = rendered.missing_glyphs[0].to_string();
        assert!(message.contains("U+1F680"), "{message}");
        assert!(
            pdf_text(&rendered.bytes).contains("Ann \u{FFFD}"),
            "{kind}: no visible mark"
        );
    }
}

#[test]
fn fonts_are_embedded_subset_and_the_report_is_small() {
    let wb = sample();
    let bytes = render(&wb, PdfKind::Report).bytes;
    assert!(bytes.len() < 150 * 1024, "report is {} bytes", bytes.len());
    let doc = Document::load_mem(&bytes).unwrap();
    let mut names = Vec::new();
    for page_id in doc.get_pages().values() {
        for (_, font) in doc.get_page_fonts(*page_id).unwrap() {
            let base = font.get(b"BaseFont").unwrap().as_name().unwrap();
            let descriptor = doc
                .dereference(cid_font(&doc, font).get(b"FontDescriptor").unwrap())
                .unwrap()
                .1
                .as_dict()
                .unwrap();
            assert!(
                descriptor.has(b"FontFile2"),
                "{} is not embedded",
                String::from_utf8_lossy(base)
            );
            names.push(String::from_utf8_lossy(base).into_owned());
        }
    }
    names.sort();
    names.dedup();
    assert_eq!(
        names,
        [
            "DJVSNB+DejaVuSans-Bold",
            "DJVSNR+DejaVuSans",
            "DROIDF+DroidSansFallback"
        ]
    );
}

/// The page contents, font programs and ToUnicode maps are compressed by
/// separate compressors on two threads (`export/pdf/write.rs`); none may be
/// left plain, and every page must get its own content.
#[test]
fn every_stream_of_the_file_is_compressed() {
    for kind in PdfKind::ALL {
        let bytes = render(&sample(), kind).bytes;
        let doc = Document::load_mem(&bytes).unwrap();
        let mut streams = 0;
        for (id, object) in &doc.objects {
            let Ok(stream) = object.as_stream() else {
                continue;
            };
            streams += 1;
            // The XMP metadata must stay readable as it is (PDF/A).
            if stream.dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Metadata") {
                continue;
            }
            let filter = stream.dict.get(b"Filter").and_then(|f| f.as_name());
            assert_eq!(
                filter.ok(),
                Some(&b"FlateDecode"[..]),
                "{kind}: stream {id:?} ({} bytes) is not compressed",
                stream.content.len()
            );
        }
        assert!(streams > page_count(&bytes), "{kind}: {streams} streams");
    }
}

#[test]
fn latin_only_workbook_does_not_embed_the_cjk_font() {
    let wb = one_item(Item {
        id: "c.a".into(),
        title: "Plain".into(),
        ..Item::default()
    });
    let bytes = render(&wb, PdfKind::Report).bytes;
    assert!(!String::from_utf8_lossy(&bytes).contains("DroidSansFallback"));
}

#[test]
fn empty_workbook_renders_and_is_not_ready() {
    let wb = Workbook::new("Nothing yet");
    for kind in PdfKind::ALL {
        let bytes = render(&wb, kind).bytes;
        assert!(bytes.starts_with(b"%PDF-"));
        if kind == PdfKind::Report {
            assert!(pdf_text(&bytes).contains("Demo-ready: no items"));
        }
    }
}

// ---- shipshape export pdf (the real binary) ----------------------------------

/// A directory holding the sample as [`WB`].
fn sample_dir() -> Dir {
    let d = Dir::new();
    d.write(WB, SAMPLE);
    d
}

#[test]
fn export_pdf_writes_the_report_by_default() {
    let d = sample_dir();
    let out = d.ok(&[
        "export",
        "pdf",
        WB,
        "-o",
        "out.pdf",
        "--as-of",
        "2026-03-10",
    ]);
    assert!(out.contains("out.pdf"), "{out}");
    let bytes = d.read_bytes("out.pdf");
    let text = pdf_text(&bytes);
    assert!(text.contains("READINESS REPORT") && text.contains("Demo-ready: 10 red"));
    // Byte-identical to the library's rendering for the same as-of date.
    let lib = render(&sample(), PdfKind::Report).bytes;
    assert!(bytes == lib, "the CLI and the library disagree");
}

#[test]
fn export_pdf_kind_and_paper_flags() {
    let d = sample_dir();
    d.ok(&[
        "export",
        "pdf",
        WB,
        "-o",
        "walk.pdf",
        "--kind",
        "walkthrough",
        "--paper",
        "letter",
        "--as-of",
        "2026-03-10",
    ]);
    let bytes = d.read_bytes("walk.pdf");
    assert!(pdf_text(&bytes).contains("PRODUCTION-READINESS WALKTHROUGH"));
    assert_eq!(media_width(&bytes), 612.0);
}

#[test]
fn export_pdf_paper_defaults_to_the_locale() {
    let d = sample_dir();
    for (lang, width) in [("en_US.UTF-8", 612.0), ("de_DE.UTF-8", 595.28)] {
        let out = d.run_env(&["export", "pdf", WB, "-o", "p.pdf"], &[("LANG", lang)]);
        assert_eq!(out.code, 0, "{out}");
        let w = media_width(&d.read_bytes("p.pdf"));
        assert!((w - width).abs() < 0.01, "{lang}: {w}");
    }
}

#[test]
fn export_pdf_warns_about_characters_no_font_has() {
    let d = Dir::new();
    d.write(
        WB,
        SAMPLE.replacen("owner: \"Marta García\"", "owner: \"Marta 🚀\"", 1),
    );
    let err = d.exits(&["export", "pdf", WB, "-o", "out.pdf"], 0).stderr;
    assert!(
        err.starts_with("warning: ") && err.contains("U+1F680"),
        "{err}"
    );
    assert!(
        err.contains("observability.structured-logs (owner)"),
        "{err}"
    );
    assert!(d.read_bytes("out.pdf").starts_with(b"%PDF-"));
}

#[test]
fn export_pdf_errors_exit_2_and_lose_nothing() {
    let d = sample_dir();
    d.fails(
        &["export", "pdf", "missing.ron", "-o", "x.pdf"],
        "missing.ron",
    );
    let pdf = |flags: &[&'static str]| [&["export", "pdf", WB, "-o", "x.pdf"][..], flags].concat();
    d.fails(&pdf(&["--paper", "legal"]), "unknown paper \"legal\"");
    d.fails(&pdf(&["--kind", "poster"]), "unknown PDF kind");
    d.fails(&pdf(&["--as-of", "2026-02-30"]), "not a date");
    d.fails(&["export", "pdf", WB], "--output");
    d.fails(
        &["export", "pdf", WB, "-o", "no/such/dir/x.pdf"],
        "cannot write no/such/dir/x.pdf",
    );
    // The workbook itself is never overwritten by its export.
    d.fails(
        &["export", "pdf", WB, "-o", "./w.shipshape.ron"],
        "is the input file",
    );
    assert_eq!(d.read(WB), SAMPLE);
    d.write(
        "bad.ron",
        "(format: \"shipshape-workbook\", version: 1, project: ",
    );
    d.fails(&["export", "pdf", "bad.ron", "-o", "x.pdf"], "bad.ron");
    assert!(!d.path("x.pdf").exists());
}
