//! Golden text: what the report and the walkthrough print for one small
//! fixed workbook (`tests/fixtures/golden/small.shipshape.ron`, as of
//! 2026-03-10, A4), compared line by line with the text files checked in
//! beside it. The other PDF tests compare a document only with itself or
//! look for a few words; these notice any change to what is on paper, the
//! content hash in every footer included.
//!
//! The text is lopdf's extraction (through the fonts' ToUnicode maps), one
//! line per line it reports, whitespace collapsed and blank lines dropped,
//! under a `--- page N` header per page: stable across runs and machines,
//! and readable in a diff.
//!
//! A deliberate change to the layout, the wording or the hash is accepted
//! by regenerating the files and committing them with the change:
//!
//! ```sh
//! SHIPSHAPE_BLESS=1 cargo test --test it golden
//! git diff tests/fixtures/golden/   # read what changed on paper
//! ```

use chrono::NaiveDate;
use shipshape::export::pdf::{self, Paper, PdfKind, PdfOptions};
use shipshape::model::Workbook;
use shipshape::storage;

use crate::util::{fixture, page_lines};

fn small() -> Workbook {
    let loaded = storage::load(&fixture("golden/small.shipshape.ron")).expect("fixture loads");
    assert!(
        loaded.unknown_fields.is_empty(),
        "{:?}",
        loaded.unknown_fields
    );
    loaded.workbook
}

/// The document's text in the golden files' form.
fn golden_text(kind: PdfKind) -> String {
    let options = PdfOptions {
        kind,
        paper: Paper::A4,
        as_of: NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
        system_fonts: false,
        pdfa: false,
    };
    let rendered = pdf::render(&small(), &options).expect("renders");
    assert!(rendered.missing_glyphs.is_empty());
    let mut text = String::new();
    for (n, lines) in page_lines(&rendered.bytes).iter().enumerate() {
        text.push_str(&format!("--- page {}\n", n + 1));
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

/// Compares `actual` with the golden file `name`, or with
/// `SHIPSHAPE_BLESS=1` writes it.
fn assert_golden(name: &str, actual: &str) {
    let path = fixture(&format!("golden/{name}"));
    if std::env::var_os("SHIPSHAPE_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; SHIPSHAPE_BLESS=1 writes it", path.display()));
    if expected == actual {
        return;
    }
    let (want, got) = (expected.lines(), actual.lines());
    let first = want
        .clone()
        .zip(got.clone())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| want.clone().count().min(got.clone().count()));
    panic!(
        "{name} differs from line {}:\n  golden: {:?}\n  now:    {:?}\n\
         If the change is meant, run `SHIPSHAPE_BLESS=1 cargo test --test it golden` \
         and commit the new file.",
        first + 1,
        want.clone().nth(first),
        got.clone().nth(first),
    );
}

#[test]
fn report_text_matches_the_golden_file() {
    assert_golden("report.txt", &golden_text(PdfKind::Report));
}

#[test]
fn walkthrough_text_matches_the_golden_file() {
    assert_golden("walkthrough.txt", &golden_text(PdfKind::Walkthrough));
}
