//! Paper that matches the meeting (issue 12, point 4): the walkthrough's
//! agenda and the marks on its item blocks, the sign-off both documents end
//! with, and what a viewer navigates by — the outline, links, the document
//! language and information, and `--pdfa`. Read back with lopdf, as the
//! other PDF tests do.

use lopdf::{Dictionary, Document, Object};
use shipshape::export::pdf::PdfKind;
use shipshape::model::Person;

use crate::pdf::{SAMPLE, render, sample};
use crate::util::{Dir, WB, page_lines, page_texts, pdf_text};

/// The page (0-based) whose text holds `needle`.
fn page_with(pages: &[String], needle: &str) -> usize {
    pages
        .iter()
        .position(|p| p.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} on no page"))
}

#[test]
fn the_walkthrough_opens_with_the_agenda_most_urgent_first() {
    let bytes = render(&sample(), PdfKind::Walkthrough).bytes;
    let pages = page_texts(&bytes);
    let agenda = page_with(&pages, "Agenda");
    assert_eq!(agenda, 1, "the agenda follows the cover");
    let text = &pages[agenda];
    assert!(
        text.contains("11 items to discuss, most urgent first"),
        "{text}"
    );
    // Overdue items first, the longest overdue first; the lapsing mitigation last.
    let order = [
        "Auto-scaling configured",
        "Runbooks for the top 10 incidents",
        "Alerting on burn rate",
        "Backups + restore drill",
        "Idempotent retries",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|t| {
            text.find(t)
                .unwrap_or_else(|| panic!("{t} not on the agenda"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{order:?} at {at:?}");
    for why in [
        "OVERDUE by 9 days",
        "OVERDUE by 8 days",
        "Red: mitigation expired on 2026-03-01",
        "Mitigation lapses before launch:",
        "accepted until 2026-03-25, launch 2026-04-01",
        "ID reliability.autoscaling",
    ] {
        assert!(
            text.contains(why),
            "{why:?} missing from the agenda: {text}"
        );
    }
    assert!(
        text.contains("The other 14 items pass as of 2026-03-10"),
        "{text}"
    );
    let end = text
        .find("The other 14 items pass as of 2026-03-10")
        .expect("the note on passing items ends the agenda");
    // Passing items are not on it.
    assert!(!text[..end].contains("SLOs published"), "{text}");
}

#[test]
fn the_agenda_gives_the_page_of_each_item_block() {
    let bytes = render(&sample(), PdfKind::Walkthrough).bytes;
    let lines = page_lines(&bytes);
    let agenda = &lines[1];
    let refs: Vec<usize> = agenda
        .iter()
        .filter_map(|l| l.strip_prefix("p. "))
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(refs.len(), 11, "{agenda:?}");
    // Item 4 is on the page its reference names, with its number before its title.
    let texts = page_texts(&bytes);
    let page = page_with(&texts, "4 Backups + restore drill ID reliability.backups");
    assert!(
        refs.contains(&(page + 1)),
        "{refs:?}, block on page {}",
        page + 1
    );
}

#[test]
fn an_item_block_shows_its_number_id_and_what_the_meeting_must_hear() {
    let bytes = render(&sample(), PdfKind::Walkthrough).bytes;
    let text = pdf_text(&bytes);
    for expected in [
        "1 Auto-scaling configured and load-tested ID reliability.autoscaling OVERDUE by 9 days Red: in progress",
        "11 Idempotent retries ID reliability.idempotent-retries Mitigation lapses before launch",
        "Claimed: red in the workbook Confirmed at the meeting",
        "Claimed: passes in the workbook Confirmed at the meeting",
        "EVIDENCE https://wiki.example.com/payments/slo seen",
        "Decision or action Owner Due",
    ] {
        assert!(text.contains(expected), "{expected:?} missing");
    }
}

/// Bytes of the content stream of page `n` (1-based), uncompressed.
fn content(bytes: &[u8], n: u32) -> String {
    let doc = Document::load_mem(bytes).unwrap();
    let id = doc.get_pages()[&n];
    String::from_utf8_lossy(&doc.get_page_content(id)).into_owned()
}

#[test]
fn a_mitigation_that_lapses_before_launch_is_not_claimed_green() {
    let bytes = render(&sample(), PdfKind::Walkthrough).bytes;
    let texts = page_texts(&bytes);
    // The block's own mitigation text: the agenda names the item too.
    let page = page_with(&texts, "Retries are disabled on the payment capture") as u32 + 1;
    let stream = content(&bytes, page);
    // The amber of a warning (0.66 0.40 0) strokes its tick; green (0.11 0.5 0.24) is
    // for items where nothing lapses.
    assert!(
        stream.contains("0.66 0.4 0 RG"),
        "no amber tick on page {page}"
    );
    let slo_page = page_with(&texts, "SLOs published") as u32 + 1;
    assert!(content(&bytes, slo_page).contains("0.11 0.5 0.24 RG"));
}

#[test]
fn the_walkthrough_has_a_sign_off_row_per_attendee_and_at_least_ten() {
    let rows = |wb: &shipshape::model::Workbook| {
        let bytes = render(wb, PdfKind::Walkthrough).bytes;
        let lines = page_lines(&bytes);
        let last = lines.last().unwrap();
        let start = last.iter().position(|l| l == "Signature").unwrap();
        last[start + 1..]
            .iter()
            .take_while(|l| l.parse::<usize>().is_ok())
            .count()
    };
    let mut wb = sample();
    assert_eq!(wb.people.len(), 4);
    assert_eq!(rows(&wb), 10);
    for n in 0..10 {
        wb.people.push(Person {
            name: format!("Guest {n}"),
            ..Person::default()
        });
    }
    assert_eq!(rows(&wb), 14);
}

#[test]
fn both_documents_end_with_a_sign_off() {
    for kind in PdfKind::ALL {
        let bytes = render(&sample(), kind).bytes;
        let pages = page_texts(&bytes);
        let last = pages.last().unwrap();
        for expected in [
            "Sign-off",
            "Decision Go Go with conditions No-go",
            "CONDITIONS",
            "Name Role Date Signature 1",
        ] {
            assert!(last.contains(expected), "{kind}: {expected:?} in {last}");
        }
    }
}

/// The outline as (depth, title) in order.
fn outline(bytes: &[u8]) -> Vec<(usize, String)> {
    let doc = Document::load_mem(bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    let root = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut out = Vec::new();
    walk(&doc, root, 0, &mut out);
    out
}

fn walk(doc: &Document, parent: &Dictionary, depth: usize, out: &mut Vec<(usize, String)>) {
    let mut next = parent.get(b"First").ok().map(|o| o.as_reference().unwrap());
    while let Some(id) = next {
        let entry = doc.get_dictionary(id).unwrap();
        let title = entry.get(b"Title").unwrap().as_str().unwrap();
        out.push((
            depth,
            lopdf::decode_text_string(&Object::string_literal(title)).unwrap(),
        ));
        assert!(entry.get(b"Dest").is_ok(), "every entry leads somewhere");
        walk(doc, entry, depth + 1, out);
        next = entry.get(b"Next").ok().map(|o| o.as_reference().unwrap());
    }
}

#[test]
fn the_outline_has_sections_categories_and_red_items() {
    let walkthrough = outline(&render(&sample(), PdfKind::Walkthrough).bytes);
    let at = |o: &[(usize, String)], title: &str| {
        o.iter()
            .position(|(_, t)| t == title)
            .unwrap_or_else(|| panic!("{title:?} not in {o:?}"))
    };
    let reliability = at(&walkthrough, "Reliability");
    assert_eq!(walkthrough[reliability].0, 0);
    let first = at(&walkthrough, "1. Auto-scaling configured and load-tested");
    assert_eq!(walkthrough[first].0, 1);
    assert!(first > reliability && first < at(&walkthrough, "Observability"));
    for title in ["Agenda", "Attendees", "Sign-off"] {
        assert_eq!(walkthrough[at(&walkthrough, title)].0, 0);
    }
    let red = walkthrough.iter().filter(|(d, _)| *d == 1).count();
    assert_eq!(red, 11, "every agenda item");

    let report = outline(&render(&sample(), PdfKind::Report).bytes);
    let full = at(&report, "Full checklist");
    let security = at(&report, "Security");
    assert_eq!((report[full].0, report[security].0), (0, 1));
    let pentest = at(&report, "Penetration tested");
    assert_eq!(report[pentest].0, 2);
    assert!(pentest > security);
    assert!(
        !report.iter().any(|(_, t)| t == "SLOs published"),
        "passing items are not bookmarked"
    );
    for title in ["Summary", "Red items (10)", "Sign-off"] {
        assert_eq!(report[at(&report, title)].0, 0);
    }
}

/// Every link annotation of the document: page number and its URI (or
/// `None` for a link inside the document).
fn links(bytes: &[u8]) -> Vec<(u32, Option<String>)> {
    let doc = Document::load_mem(bytes).unwrap();
    let mut out = Vec::new();
    for (n, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        for a in annots.as_array().unwrap() {
            let annot = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            assert_eq!(annot.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
            assert_eq!(annot.get(b"F").unwrap().as_i64().unwrap(), 4, "printed");
            let uri = annot.get(b"A").ok().map(|a| {
                let uri = a.as_dict().unwrap().get(b"URI").unwrap().as_str().unwrap();
                String::from_utf8(uri.to_vec()).unwrap()
            });
            if uri.is_none() {
                assert!(annot.get(b"Dest").is_ok());
            }
            out.push((n, uri));
        }
    }
    out
}

#[test]
fn evidence_links_are_clickable_and_the_agenda_links_to_the_blocks() {
    for kind in PdfKind::ALL {
        let bytes = render(&sample(), kind).bytes;
        let all = links(&bytes);
        let texts = page_texts(&bytes);
        let page = page_with(&texts, "https://wiki.example.com/payments/slo") as u32 + 1;
        assert!(
            all.contains(&(
                page,
                Some("https://wiki.example.com/payments/slo".to_owned())
            )),
            "{kind}: {all:?}"
        );
        let inside = all.iter().filter(|(_, uri)| uri.is_none()).count();
        match kind {
            PdfKind::Walkthrough => assert_eq!(inside, 11, "one per agenda row"),
            PdfKind::Report => assert_eq!(inside, 0),
        }
    }
}

fn info(doc: &Document) -> &Dictionary {
    let id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    doc.get_dictionary(id).unwrap()
}

fn text_of(dict: &Dictionary, key: &[u8]) -> String {
    let raw = dict.get(key).unwrap().as_str().unwrap();
    lopdf::decode_text_string(&Object::string_literal(raw)).unwrap()
}

#[test]
fn the_document_says_its_language_title_author_and_subject() {
    let bytes = render(&sample(), PdfKind::Walkthrough).bytes;
    let doc = Document::load_mem(&bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en");
    let info = info(&doc);
    assert_eq!(
        text_of(info, b"Title"),
        "Payments API (Zürich) — Walkthrough checklist"
    );
    assert_eq!(
        text_of(info, b"Author"),
        "Zoë Łukasz, 李雷, Ayşe Öztürk, Marta García"
    );
    assert!(
        text_of(info, b"Subject")
            .starts_with("Walkthrough checklist of Payments API (Zürich) as of 2026-03-10")
    );
    // No PDF/X key, and nothing written empty.
    assert!(info.get(b"GTS_PDFXVersion").is_err());
    for (key, value) in info.iter() {
        let empty = value
            .as_str()
            .is_ok_and(|s| s.is_empty() || s == [0xFE, 0xFF]);
        assert!(!empty, "{} is empty", String::from_utf8_lossy(key));
    }
    // Without --pdfa, no claim of PDF/A.
    assert!(catalog.get(b"Metadata").is_err());
    assert!(catalog.get(b"OutputIntents").is_err());
}

#[test]
fn export_pdf_pdfa_adds_xmp_metadata_and_an_srgb_output_intent() {
    let d = Dir::new();
    d.write(WB, SAMPLE);
    let args = [
        "export",
        "pdf",
        WB,
        "-o",
        "a.pdf",
        "--as-of",
        "2026-03-10",
        "--pdfa",
    ];
    d.ok(&args);
    let bytes = d.read_bytes("a.pdf");
    let doc = Document::load_mem(&bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    let meta_id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let meta = doc.get_object(meta_id).unwrap().as_stream().unwrap();
    assert!(
        meta.dict.get(b"Filter").is_err(),
        "PDF/A: metadata is not compressed"
    );
    let xmp = String::from_utf8(meta.content.clone()).unwrap();
    for part in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "Payments API (Zürich) — Readiness report",
        "<xmp:CreateDate>2026-03-10T00:00:00Z</xmp:CreateDate>",
    ] {
        assert!(xmp.contains(part), "{part:?} not in {xmp}");
    }
    let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
    let intent = intents[0].as_dict().unwrap();
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
    let profile = doc
        .get_object(
            intent
                .get(b"DestOutputProfile")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .unwrap()
        .as_stream()
        .unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    assert_eq!(
        info(&doc).get(b"CreationDate").unwrap().as_str().unwrap(),
        b"D:20260310000000Z"
    );
    assert!(doc.version.starts_with("1.7"), "{}", doc.version);
    // The same pages as without the flag.
    d.ok(&["export", "pdf", WB, "-o", "b.pdf", "--as-of", "2026-03-10"]);
    assert_eq!(pdf_text(&bytes), pdf_text(&d.read_bytes("b.pdf")));
}

/// The sample with two reviews on record: one ended (no-go), one ended with
/// conditions and approvers, and a third open with its attendees.
fn reviewed() -> shipshape::model::Workbook {
    use shipshape::model::{Approver, Attendee, Decision, ReviewStart, SignOff};
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let mut wb = sample();
    let start = |title: &str, date, attendees: &[&str]| ReviewStart {
        title: title.to_owned(),
        date,
        attendees: attendees.iter().map(|a| Attendee::parse(a)).collect(),
    };
    wb.start_review(start("Kick-off", day(2, 3), &["Zoë Łukasz:Tech lead"]))
        .unwrap();
    wb.end_review(SignOff {
        decision: Decision::NoGo,
        conditions: String::new(),
        approvers: vec![],
    })
    .unwrap();
    wb.start_review(start(
        "Four weeks out",
        day(3, 4),
        &["Zoë Łukasz:Tech lead"],
    ))
    .unwrap();
    wb.end_review(SignOff {
        decision: Decision::GoWithConditions,
        conditions: "Pen test booked before launch.".to_owned(),
        approvers: vec![Approver::parse("Marta García:Product", Some(day(3, 4)))],
    })
    .unwrap();
    let guests: Vec<String> = (1..=11).map(|n| format!("Guest {n}:Observer")).collect();
    let guests: Vec<&str> = guests.iter().map(String::as_str).collect();
    wb.start_review(start("Go/no-go", day(3, 9), &guests))
        .unwrap();
    wb
}

#[test]
fn the_report_prints_the_review_history_and_the_last_sign_off() {
    let bytes = render(&reviewed(), PdfKind::Report).bytes;
    let pages = page_texts(&bytes);
    let history = &pages[page_with(&pages, "Review history")];
    assert!(
        history.contains("3 reviews: red and passing items"),
        "{history}"
    );
    for row in [
        "Kick-off 2026-02-03",
        "No-go",
        "Four weeks out 2026-03-04",
        "Go with conditions",
        "Go/no-go 2026-03-09",
    ] {
        assert!(history.contains(row), "{row:?} in {history}");
    }
    let last = pages.last().unwrap();
    assert!(
        last.contains("As decided at the review “Four weeks out” on 2026-03-04"),
        "{last}"
    );
    assert!(
        last.contains("CONDITIONS Pen test booked before launch."),
        "{last}"
    );
    assert!(
        last.contains("1 Marta García Product 2026-03-04 2 3"),
        "{last}"
    );
    let outline = outline(&bytes);
    assert!(outline.contains(&(0, "Review history".to_owned())));
}

#[test]
fn the_walkthrough_expects_the_open_reviews_attendees() {
    let bytes = render(&reviewed(), PdfKind::Walkthrough).bytes;
    let pages = page_texts(&bytes);
    assert!(
        pages[0].contains("Name Guest 11 Role Observer"),
        "{}",
        pages[0]
    );
    assert!(
        !pages[0].contains("Ayşe Öztürk"),
        "the review's, not the workbook's people"
    );
    let last = pages.last().unwrap();
    assert!(
        last.contains("Signature 1 2 3 4 5 6 7 8 9 10 11 Keep"),
        "{last}"
    );
}
