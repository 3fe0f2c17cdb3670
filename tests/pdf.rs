//! The printable PDFs, checked the way a reader of the paper would: the text
//! that must be there is there (extracted with lopdf through the fonts'
//! ToUnicode maps), nothing is drawn outside the page's text area, pages are
//! numbered, and the same input gives the same bytes.

// Helpers outside #[test] functions are not covered by clippy.toml's
// allow-unwrap-in-tests; here a panic is how a check fails.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed check panics"
)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use lopdf::{Document, Object, content::Content};
use shipshape::export::pdf::{self, Paper, PdfKind, PdfOptions, Rendered};
use shipshape::model::{Category, Item, Status, Workbook};
use shipshape::storage;

const SAMPLE: &str = include_str!("../docs/pdf/sample.shipshape.ron");

fn sample() -> Workbook {
    storage::parse(SAMPLE.as_bytes())
        .expect("sample parses")
        .workbook
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
}

fn options(kind: PdfKind, paper: Paper) -> PdfOptions {
    PdfOptions {
        kind,
        paper,
        as_of: as_of(),
    }
}

fn render(wb: &Workbook, kind: PdfKind) -> Rendered {
    pdf::render(wb, &options(kind, Paper::A4)).expect("renders")
}

/// All text of the document, whitespace collapsed to single spaces.
fn text(bytes: &[u8]) -> String {
    let doc = Document::load_mem(bytes).expect("lopdf reads the PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let raw = doc.extract_text(&pages).expect("text extracts");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_count(bytes: &[u8]) -> usize {
    Document::load_mem(bytes).unwrap().get_pages().len()
}

/// One shown string: page number, origin, width in points, and the page size.
#[derive(Debug)]
struct Run {
    page: u32,
    x: f32,
    y: f32,
    width: f32,
    page_w: f32,
    page_h: f32,
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => panic!("not a number: {o:?}"),
    }
}

/// Glyph widths (per 1000 em) of a Type0 font, from its descendant's /W.
fn widths(doc: &Document, font: &lopdf::Dictionary) -> (BTreeMap<u16, f32>, f32) {
    let descendants = doc
        .dereference(font.get(b"DescendantFonts").unwrap())
        .unwrap()
        .1;
    let cid_font = doc
        .dereference(&descendants.as_array().unwrap()[0])
        .unwrap()
        .1;
    let cid_font = cid_font.as_dict().unwrap();
    let dw = cid_font.get(b"DW").map(num).unwrap_or(1000.0);
    let mut map = BTreeMap::new();
    if let Ok(w) = cid_font.get(b"W") {
        let w = doc.dereference(w).unwrap().1.as_array().unwrap();
        let mut i = 0;
        while i < w.len() {
            let first = num(&w[i]) as u16;
            match &w[i + 1] {
                Object::Array(list) => {
                    for (k, v) in list.iter().enumerate() {
                        map.insert(first + k as u16, num(v));
                    }
                    i += 2;
                }
                last => {
                    for c in first..=(num(last) as u16) {
                        map.insert(c, num(&w[i + 2]));
                    }
                    i += 3;
                }
            }
        }
    }
    (map, dw)
}

/// Every text string shown, with where it starts and how wide it is.
fn runs(bytes: &[u8]) -> Vec<Run> {
    let doc = Document::load_mem(bytes).unwrap();
    let mut out = Vec::new();
    for (page_no, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).unwrap();
        let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let (page_w, page_h) = (num(&mb[2]), num(&mb[3]));
        let fonts: BTreeMap<Vec<u8>, _> = doc
            .get_page_fonts(page_id)
            .unwrap()
            .into_iter()
            .map(|(name, dict)| (name, widths(&doc, dict)))
            .collect();
        let content = Content::decode(&doc.get_page_content(page_id)).unwrap();
        let (mut font, mut size, mut x, mut y) = (Vec::new(), 0.0, 0.0, 0.0);
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    font = op.operands[0].as_name().unwrap().to_vec();
                    size = num(&op.operands[1]);
                }
                "Tm" => {
                    x = num(&op.operands[4]);
                    y = num(&op.operands[5]);
                }
                "Tj" => {
                    let bytes = op.operands[0].as_str().unwrap();
                    let (w, dw) = &fonts[&font];
                    let width: f32 = bytes
                        .chunks(2)
                        .map(|c| *w.get(&u16::from_be_bytes([c[0], c[1]])).unwrap_or(dw))
                        .sum::<f32>()
                        * size
                        / 1000.0;
                    out.push(Run {
                        page: page_no,
                        x,
                        y,
                        width,
                        page_w,
                        page_h,
                    });
                }
                "TJ" | "'" | "\"" => panic!("unexpected text operator {}", op.operator),
                _ => {}
            }
        }
    }
    out
}

/// Every string lies inside the margins (50 pt at the sides, header and
/// footer bands included at top and bottom).
fn assert_inside_page(bytes: &[u8]) {
    let runs = runs(bytes);
    assert!(!runs.is_empty());
    for r in &runs {
        assert!(
            r.x >= 49.9,
            "page {}: starts left of the margin: {r:?}",
            r.page
        );
        assert!(
            r.x + r.width <= r.page_w - 49.9,
            "runs past the right margin: {r:?}"
        );
        assert!(
            r.y > 20.0 && r.y < r.page_h - 20.0,
            "off the page vertically: {r:?}"
        );
    }
}

#[test]
fn report_has_every_title_owner_and_mitigation() {
    let wb = sample();
    let text = text(&render(&wb, PdfKind::Report).bytes);
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
    let text = text(&render(&wb, PdfKind::Walkthrough).bytes);
    for (_, item) in wb.items() {
        assert!(text.contains(&item.title), "title missing: {}", item.title);
        assert!(text.contains(&item.owner), "owner missing: {}", item.owner);
        assert!(
            text.contains(&item.mitigation.text),
            "mitigation missing: {}",
            item.mitigation.text
        );
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
        let text = text(&rendered.bytes);
        for s in ["Zoë Łukasz", "李雷", "Ayşe Öztürk", "Ω", "✓", "Zürich"] {
            assert!(text.contains(s), "{kind}: {s:?} missing");
        }
    }
}

#[test]
fn characters_beyond_the_core_fonts_print_from_the_full_dejavu() {
    // Polytonic Greek and box drawing are in DejaVu Sans but not in the
    // cut-down faces a document embeds when it needs nothing else; the rest
    // of the text must still come out right once the full face is used.
    let wb = one_item(Item {
        id: "c.athens".into(),
        title: "Ἀθῆναι office ─ Zoë".into(),
        owner: "Ἀριστοτέλης".into(),
        ..Item::default()
    });
    for kind in PdfKind::ALL {
        let rendered = render(&wb, kind);
        assert!(
            rendered.missing_glyphs.is_empty(),
            "{:?}",
            rendered.missing_glyphs
        );
        let text = text(&rendered.bytes);
        for s in ["Ἀθῆναι office ─ Zoë", "Ἀριστοτέλης", kind.title()] {
            assert!(text.contains(s), "{kind}: {s:?} missing in {text}");
        }
        assert_inside_page(&rendered.bytes);
    }
}

#[test]
fn report_states_the_verdict() {
    let wb = sample();
    let v = wb.verdict(as_of());
    assert_eq!(v.headline(), "Demo-ready: 10 red");
    let text = text(&render(&wb, PdfKind::Report).bytes);
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
    let text = self::text(&render(&ready, PdfKind::Report).bytes);
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
        let doc = Document::load_mem(&bytes).unwrap();
        for page in 1..=n as u32 {
            let t = doc.extract_text(&[page]).unwrap();
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
    assert!(text(&later.bytes).contains("As of 2026-03-11"));
}

#[test]
fn no_text_leaves_the_margins() {
    let wb = sample();
    for kind in PdfKind::ALL {
        for paper in Paper::ALL {
            assert_inside_page(&pdf::render(&wb, &options(kind, paper)).unwrap().bytes);
        }
    }
}

fn one_item(item: Item) -> Workbook {
    let mut wb = Workbook::new("Edge cases");
    wb.categories.push(Category {
        id: "c".into(),
        name: "Category".into(),
        items: vec![item],
    });
    wb
}

/// Text of each page, whitespace collapsed.
fn page_texts(bytes: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(bytes).unwrap();
    doc.get_pages()
        .keys()
        .map(|&n| {
            let raw = doc.extract_text(&[n]).unwrap();
            raw.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn an_item_block_is_never_split_across_pages() {
    // Sixty items of uneven height, so page ends fall at every possible
    // point of a block; each block's first and last words must share a page.
    let items = (0..60)
        .map(|n| {
            let filler = "The team walked through this check and agreed the follow-up. ";
            let mut item = Item {
                id: format!("c.item-{n}"),
                title: format!("TITLE{n:02}X check"),
                status: Status::Mitigated,
                owner: format!("OWNER{n:02}X"),
                notes: format!("{}NOTESEND{n:02}X", filler.repeat(1 + (n * 7) % 11)),
                ..Item::default()
            };
            item.mitigation.text = format!("MITIG{n:02}X accepted for launch");
            item.mitigation.accepted_by = "CTO".into();
            item.mitigation.until = NaiveDate::from_ymd_opt(2026, 6, 30);
            item
        })
        .collect();
    let mut wb = Workbook::new("Split check");
    wb.categories.push(Category {
        id: "c".into(),
        name: "Checks".into(),
        items,
    });
    for kind in [PdfKind::Walkthrough, PdfKind::Report] {
        let pages = page_texts(&render(&wb, kind).bytes);
        assert!(pages.len() > 3, "{kind:?}: the test needs several pages");
        for n in 0..60 {
            let on = |needle: String| -> Vec<usize> {
                (0..pages.len())
                    .filter(|&p| pages[p].contains(&needle))
                    .collect()
            };
            let title = on(format!("TITLE{n:02}X"));
            assert_eq!(
                title.len(),
                1,
                "{kind:?}: item {n} title on pages {title:?}"
            );
            for part in [format!("OWNER{n:02}X"), format!("MITIG{n:02}X")] {
                assert!(
                    on(part.clone()).contains(&title[0]),
                    "{kind:?}: {part} is not on the page of its title"
                );
            }
            assert_eq!(
                on(format!("NOTESEND{n:02}X")),
                title,
                "{kind:?}: item {n} split"
            );
        }
    }
}

#[test]
fn five_thousand_characters_of_notes_stay_within_the_page() {
    let sentence =
        "The failover drill ran at 02:00 UTC and every replica caught up within ninety seconds. ";
    let notes: String = sentence.repeat(60).chars().take(5000).collect();
    assert_eq!(notes.chars().count(), 5000);
    let wb = one_item(Item {
        id: "c.long".into(),
        title: "Long notes".into(),
        owner: "Zoë Łukasz".into(),
        notes: notes.clone(),
        ..Item::default()
    });
    for kind in PdfKind::ALL {
        let bytes = render(&wb, kind).bytes;
        assert_inside_page(&bytes);
        // 5,000 characters are about two pages of 9.5 pt text, not a runaway.
        let pages = page_count(&bytes);
        assert!((1..=4).contains(&pages), "{kind}: {pages} pages");
        let text = text(&bytes);
        let words = notes.split_whitespace().count();
        assert_eq!(
            text.matches("failover").count(),
            notes.matches("failover").count(),
            "{kind}"
        );
        assert!(text.split_whitespace().count() > words);
    }
}

#[test]
fn unbreakable_text_is_cut_into_lines_not_overflowing() {
    let wb = one_item(Item {
        id: "c.url".into(),
        title: "x".repeat(400),
        owner: "李".repeat(300),
        description: "https://example.com/".to_owned() + &"a".repeat(3000),
        mitigation: shipshape::model::Mitigation {
            text: "\t\u{200b}tab\u{7}and control\r\n\r\nsecond paragraph".into(),
            ..Default::default()
        },
        status: Status::Mitigated,
        ..Item::default()
    });
    let mut wb = wb;
    wb.project = "P".repeat(500);
    for kind in PdfKind::ALL {
        let rendered = render(&wb, kind);
        assert!(
            rendered.missing_glyphs.is_empty(),
            "{:?}",
            rendered.missing_glyphs
        );
        assert_inside_page(&rendered.bytes);
    }
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
        let found: Vec<(char, &str)> = rendered
            .missing_glyphs
            .iter()
            .map(|m| (m.character, m.location.as_str()))
            .collect();
        assert!(
            found.contains(&('🚀', "item c.emoji (owner)")),
            "{kind}: {found:?}"
        );
        if kind == PdfKind::Report {
            assert!(found.contains(&('🎉', "item c.emoji (notes)")), "{found:?}");
        }
        let message = rendered.missing_glyphs[0].to_string();
        assert!(message.contains("U+1F680"), "{message}");
        assert!(
            text(&rendered.bytes).contains("Ann \u{FFFD}"),
            "{kind}: no visible mark"
        );
    }
}

#[test]
fn paper_sets_the_media_box() {
    let wb = sample();
    for (paper, (w, h)) in [
        (Paper::A4, (595.28, 841.89)),
        (Paper::Letter, (612.0, 792.0)),
    ] {
        let bytes = pdf::render(&wb, &options(PdfKind::Report, paper))
            .unwrap()
            .bytes;
        let doc = Document::load_mem(&bytes).unwrap();
        for page_id in doc.get_pages().values() {
            let mb = doc
                .get_dictionary(*page_id)
                .unwrap()
                .get(b"MediaBox")
                .unwrap()
                .as_array()
                .unwrap();
            let got: Vec<f32> = mb.iter().map(num).collect();
            assert!(
                (got[2] - w).abs() < 0.01 && (got[3] - h).abs() < 0.01,
                "{paper}: {got:?}"
            );
        }
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
            let descendants = doc
                .dereference(font.get(b"DescendantFonts").unwrap())
                .unwrap()
                .1;
            let cid_font = doc
                .dereference(&descendants.as_array().unwrap()[0])
                .unwrap()
                .1
                .as_dict()
                .unwrap();
            let descriptor = doc
                .dereference(cid_font.get(b"FontDescriptor").unwrap())
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
            assert!(text(&bytes).contains("Demo-ready: no items"));
        }
    }
}

// ---- shipshape export pdf (the real binary) ----------------------------------

mod cli {
    use std::path::PathBuf;
    use std::process::{Command, Output};

    struct Dir {
        tmp: tempfile::TempDir,
    }

    impl Dir {
        fn new() -> Self {
            let dir = Self {
                tmp: tempfile::tempdir().unwrap(),
            };
            std::fs::write(dir.path("w.shipshape.ron"), super::SAMPLE).unwrap();
            dir
        }

        fn path(&self, name: &str) -> PathBuf {
            self.tmp.path().join(name)
        }

        fn run(&self, args: &[&str]) -> Output {
            self.run_env(args, &[])
        }

        fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_shipshape"));
            cmd.args(args).current_dir(self.tmp.path());
            for var in ["LC_ALL", "LC_PAPER", "LANG"] {
                cmd.env_remove(var);
            }
            cmd.envs(env.iter().copied());
            cmd.output().unwrap()
        }
    }

    fn code(out: &Output) -> i32 {
        out.status.code().expect("exited by signal")
    }

    fn stderr(out: &Output) -> String {
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// An error run: exit 2, `error: …` on stderr, no panic.
    fn assert_error(out: &Output, needle: &str) {
        assert_eq!(code(out), 2, "stderr: {}", stderr(out));
        let err = stderr(out);
        assert!(err.starts_with("error: "), "{err}");
        assert!(err.contains(needle), "expected {needle:?} in {err}");
        assert!(!err.contains("panicked"), "{err}");
    }

    fn media_width(bytes: &[u8]) -> f32 {
        let doc = lopdf::Document::load_mem(bytes).unwrap();
        let page = *doc.get_pages().values().next().unwrap();
        let mb = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap();
        super::num(&mb[2])
    }

    #[test]
    fn export_pdf_writes_the_report_by_default() {
        let dir = Dir::new();
        let out = dir.run(&[
            "export",
            "pdf",
            "w.shipshape.ron",
            "-o",
            "out.pdf",
            "--as-of",
            "2026-03-10",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let bytes = std::fs::read(dir.path("out.pdf")).unwrap();
        let text = super::text(&bytes);
        assert!(text.contains("READINESS REPORT") && text.contains("Demo-ready: 10 red"));
        // Byte-identical to the library's rendering for the same as-of date.
        let lib = super::render(&super::sample(), super::PdfKind::Report).bytes;
        assert!(bytes == lib, "the CLI and the library disagree");
    }

    #[test]
    fn export_pdf_kind_and_paper_flags() {
        let dir = Dir::new();
        let out = dir.run(&[
            "export",
            "pdf",
            "w.shipshape.ron",
            "-o",
            "walk.pdf",
            "--kind",
            "walkthrough",
            "--paper",
            "letter",
            "--as-of",
            "2026-03-10",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let bytes = std::fs::read(dir.path("walk.pdf")).unwrap();
        assert!(super::text(&bytes).contains("PRODUCTION-READINESS WALKTHROUGH"));
        assert_eq!(media_width(&bytes), 612.0);
    }

    #[test]
    fn export_pdf_paper_defaults_to_the_locale() {
        let dir = Dir::new();
        for (lang, width) in [("en_US.UTF-8", 612.0), ("de_DE.UTF-8", 595.28)] {
            let out = dir.run_env(
                &["export", "pdf", "w.shipshape.ron", "-o", "p.pdf"],
                &[("LANG", lang)],
            );
            assert_eq!(code(&out), 0, "{}", stderr(&out));
            let w = media_width(&std::fs::read(dir.path("p.pdf")).unwrap());
            assert!((w - width).abs() < 0.01, "{lang}: {w}");
        }
    }

    #[test]
    fn export_pdf_warns_about_characters_no_font_has() {
        let dir = Dir::new();
        let text = super::SAMPLE.replacen("owner: \"Marta García\"", "owner: \"Marta 🚀\"", 1);
        std::fs::write(dir.path("w.shipshape.ron"), text).unwrap();
        let out = dir.run(&["export", "pdf", "w.shipshape.ron", "-o", "out.pdf"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.starts_with("warning: ") && err.contains("U+1F680"),
            "{err}"
        );
        assert!(
            err.contains("observability.structured-logs (owner)"),
            "{err}"
        );
    }

    #[test]
    fn export_pdf_errors_exit_2_and_lose_nothing() {
        let dir = Dir::new();
        assert_error(
            &dir.run(&["export", "pdf", "missing.ron", "-o", "x.pdf"]),
            "missing.ron",
        );
        assert_error(
            &dir.run(&[
                "export",
                "pdf",
                "w.shipshape.ron",
                "-o",
                "x.pdf",
                "--paper",
                "legal",
            ]),
            "unknown paper \"legal\"",
        );
        assert_error(
            &dir.run(&[
                "export",
                "pdf",
                "w.shipshape.ron",
                "-o",
                "x.pdf",
                "--kind",
                "poster",
            ]),
            "unknown PDF kind",
        );
        assert_error(
            &dir.run(&[
                "export",
                "pdf",
                "w.shipshape.ron",
                "-o",
                "x.pdf",
                "--as-of",
                "2026-02-30",
            ]),
            "not a date",
        );
        assert_error(&dir.run(&["export", "pdf", "w.shipshape.ron"]), "--output");
        assert_error(
            &dir.run(&[
                "export",
                "pdf",
                "w.shipshape.ron",
                "-o",
                "no/such/dir/x.pdf",
            ]),
            "cannot write no/such/dir/x.pdf",
        );
        // The workbook itself is never overwritten by its export.
        assert_error(
            &dir.run(&[
                "export",
                "pdf",
                "w.shipshape.ron",
                "-o",
                "./w.shipshape.ron",
            ]),
            "is the input file",
        );
        assert_eq!(
            std::fs::read_to_string(dir.path("w.shipshape.ron")).unwrap(),
            super::SAMPLE
        );
        std::fs::write(
            dir.path("bad.ron"),
            "(format: \"shipshape-workbook\", version: 1, project: ",
        )
        .unwrap();
        assert_error(
            &dir.run(&["export", "pdf", "bad.ron", "-o", "x.pdf"]),
            "bad.ron",
        );
        assert!(!dir.path("x.pdf").exists());
    }
}
