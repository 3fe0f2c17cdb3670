//! Where the PDFs put their text: inside the margins on every paper, item
//! blocks never split across pages, long and unbreakable text wrapped, and
//! scripts beyond the core fonts laid out with the full ones.

use chrono::NaiveDate;
use shipshape::export::pdf::{self, Paper, PdfKind};
use shipshape::model::{Category, Item, Status, Workbook};

use crate::pdf::{one_item, options, render, sample};
use crate::util::{assert_inside_page, media_boxes, page_count, page_texts, pdf_text};

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
        let text = pdf_text(&rendered.bytes);
        for s in ["Ἀθῆναι office ─ Zoë", "Ἀριστοτέλης", kind.title()] {
            assert!(text.contains(s), "{kind}: {s:?} missing in {text}");
        }
        assert_inside_page(&rendered.bytes);
    }
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
        let text = pdf_text(&bytes);
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
fn paper_sets_the_media_box() {
    let wb = sample();
    for (paper, (w, h)) in [
        (Paper::A4, (595.28, 841.89)),
        (Paper::Letter, (612.0, 792.0)),
    ] {
        let bytes = pdf::render(&wb, &options(PdfKind::Report, paper))
            .unwrap()
            .bytes;
        let boxes = media_boxes(&bytes);
        assert!(boxes.len() >= 3, "{paper}: {} pages", boxes.len());
        for got in boxes {
            assert!(
                (got.0 - w).abs() < 0.01 && (got.1 - h).abs() < 0.01,
                "{paper}: {got:?}"
            );
        }
    }
}
