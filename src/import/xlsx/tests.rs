//! The fixtures are written here by [`xlsx`], a tiny generator of the
//! parts an .xlsx needs (content types, relationships, the workbook, a
//! style marking date cells, one worksheet of inline strings per sheet),
//! so no binary file of unknown origin is read. The committed
//! `tests/fixtures/checklists/team-readiness.xlsx` (for the CLI tests) is
//! [`team_sheet`], checked here to be what the generator writes;
//! `SHIPSHAPE_BLESS=1` rewrites it.

use std::io::Write as _;

use super::*;
use crate::model::Status;

/// A cell of a generated sheet.
#[derive(Clone, Copy)]
pub enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    /// An Excel day number (days since 1899-12-30) shown as a date.
    Date(u32),
    Empty,
}

use Cell::{Date, Empty, Number, Text};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn worksheet(rows: &[Vec<Cell<'_>>]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        xml.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", crate::import::sheet::letters(c), r + 1);
            xml.push_str(&match cell {
                Text(t) => format!(
                    r#"<c r="{at}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(t)
                ),
                Number(n) => format!(r#"<c r="{at}"><v>{n}</v></c>"#),
                Date(d) => format!(r#"<c r="{at}" s="1"><v>{d}</v></c>"#),
                Empty => String::new(),
            });
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// An .xlsx file with these sheets.
pub fn xlsx(sheets: &[(&str, Vec<Vec<Cell<'_>>>)]) -> Vec<u8> {
    xlsx_edited(sheets, |xml| xml)
}

/// An .xlsx file with these sheets, each sheet's XML passed through
/// `edit` (to write what the generator does not).
fn xlsx_edited(sheets: &[(&str, Vec<Vec<Cell<'_>>>)], edit: impl Fn(String) -> String) -> Vec<u8> {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    );
    let mut book = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>"#
    );
    let mut rels =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">"#);
    for (n, (name, _)) in sheets.iter().enumerate() {
        let n = n + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        book.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            escape(name)
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
    }
    rels.push_str(&format!(
        r#"<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/></Relationships>"#
    ));
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    // Style 1 is the built-in date format 14, which marks a number as a date.
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#
    );
    let root = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let mut parts = vec![
        ("[Content_Types].xml".to_owned(), types),
        ("_rels/.rels".to_owned(), root),
        ("xl/workbook.xml".to_owned(), book),
        ("xl/_rels/workbook.xml.rels".to_owned(), rels),
        ("xl/styles.xml".to_owned(), styles),
    ];
    for (n, (_, rows)) in sheets.iter().enumerate() {
        parts.push((
            format!("xl/worksheets/sheet{}.xml", n + 1),
            edit(worksheet(rows)),
        ));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::DEFAULT);
    for (name, xml) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A team's own readiness sheet: a title row, an instructions sheet
/// first, dates as dates, a category written once per group (as merged
/// cells leave it), a number, a status from a drop-down.
pub fn team_sheet() -> Vec<u8> {
    let instructions = vec![vec![Text("How to fill this in: one row per check.")]];
    let checklist = vec![
        vec![Text("Payments API — launch readiness")],
        vec![],
        vec![
            Text("Area"),
            Text("Check"),
            Text("Status"),
            Text("Owner"),
            Text("Due date"),
            Text("Priority"),
            Text("Comments"),
        ],
        vec![
            Text("Security"),
            Text("Pen test done & findings fixed"),
            Text("Done"),
            Text("Zoë Łukasz"),
            Date(46_402),
            Number(1.0),
            Text("Report in the wiki"),
        ],
        vec![
            Empty,
            Text("Secrets in the vault"),
            Text("In progress"),
            Text("李雷"),
            Empty,
            Number(2.5),
        ],
        vec![
            Text("Operations"),
            Text("On-call rota <staffed>"),
            Text("N/A"),
            Empty,
            Empty,
            Empty,
            Text("Vendor runs it"),
        ],
    ];
    xlsx(&[("Instructions", instructions), ("Checklist", checklist)])
}

fn opts() -> SheetOptions {
    SheetOptions::default()
}

#[test]
fn a_teams_sheet_reads_like_its_csv() {
    let imp = import(&team_sheet(), None, &opts()).unwrap();
    let wb = &imp.workbook;
    let got: Vec<(&str, &str, Status)> = wb
        .items()
        .map(|(c, i)| (c.name.as_str(), i.title.as_str(), i.status))
        .collect();
    assert_eq!(
        got,
        [
            ("Security", "Pen test done & findings fixed", Status::Done),
            ("Security", "Secrets in the vault", Status::InProgress),
            (
                "Operations",
                "On-call rota <staffed>",
                Status::NotApplicable
            ),
        ]
    );
    let pen = &wb.categories[0].items[0];
    assert_eq!(pen.owner, "Zoë Łukasz");
    assert_eq!(
        pen.due.map(|d| d.to_string()).as_deref(),
        Some("2027-01-15"),
        "a date cell is a date"
    );
    assert_eq!(pen.description, "Priority: 1", "a whole number has no .0");
    assert_eq!(wb.categories[0].items[1].description, "Priority: 2.5");
    let rota = &wb.categories[1].items[0];
    assert_eq!(rota.mitigation.text, "Vendor runs it");
    assert_eq!(imp.warnings.len(), 1, "{:?}", imp.warnings);
    assert!(
        imp.warnings[0].contains("\"Priority\""),
        "{:?}",
        imp.warnings
    );
    wb.validate().unwrap();
}

#[test]
fn a_sheet_is_chosen_by_name_and_a_wrong_name_lists_the_sheets() {
    let e = import(&team_sheet(), Some("Instructions"), &opts()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("sheet \"Instructions\": no title column"),
        "{e}"
    );
    let imp = import(&team_sheet(), Some("checklist"), &opts()).unwrap();
    assert_eq!(
        imp.workbook.item_count(),
        3,
        "names match whatever the case"
    );
    let e = import(&team_sheet(), Some("Nope"), &opts()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "no sheet is named \"Nope\" (sheets: \"Instructions\", \"Checklist\")"
    );
    assert_eq!(
        sheet_names(&team_sheet()).unwrap(),
        ["Instructions", "Checklist"]
    );
}

#[test]
fn warnings_name_the_spreadsheets_own_row_numbers() {
    let book = xlsx(&[(
        "S",
        vec![
            vec![Text("Item"), Text("Owner")],
            vec![Text("A")],
            vec![Empty, Text("orphan")],
        ],
    )]);
    let imp = import(&book, None, &opts()).unwrap();
    assert_eq!(imp.warnings, ["row 3: no title, skipped"]);
}

#[test]
fn a_book_without_a_checklist_says_which_sheets_it_has() {
    let book = xlsx(&[
        ("People", vec![vec![Text("Name"), Text("Phone")]]),
        ("Empty", vec![]),
    ]);
    let e = import(&book, None, &opts()).unwrap_err();
    assert!(
        e.to_string().starts_with(
            "no sheet has a checklist: none has a header row naming a column Item, Check, Task, Title or Question (sheets: \"People\", \"Empty\")"
        ),
        "{e}"
    );
    assert!(matches!(e, ImportError::NoChecklistSheet(_)), "{e:?}");
    let one = xlsx(&[("Only", vec![vec![Text("Name")]])]);
    let e = import(&one, None, &opts()).unwrap_err();
    assert!(
        e.to_string().starts_with("sheet \"Only\": no title column"),
        "{e}"
    );
    assert!(
        matches!(e, ImportError::NoTitleColumn(_)),
        "still a column to name, in its sheet: {e:?}"
    );
    let e = import(&book, Some("Empty"), &opts()).unwrap_err();
    assert_eq!(e.to_string(), "sheet \"Empty\" is empty");
}

#[test]
fn what_is_not_a_spreadsheet_is_refused_clearly() {
    let e = import(b"Item,Status,Owner\nA,done,Bo\nB,,\n", None, &opts()).unwrap_err();
    assert!(e.to_string().ends_with("use `shipshape import csv`"), "{e}");
    let e = import(b"PK\x03\x04 not really a zip", None, &opts()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("the spreadsheet is damaged or cut short"),
        "{e}"
    );
    let e = import(&[0; 600], None, &opts()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("not a spreadsheet Shipshape can read"),
        "{e}"
    );
    assert_eq!(import(b"", None, &opts()).unwrap_err(), ImportError::Empty);
}

#[test]
fn cells_of_every_kind_become_text() {
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};
    let date = |v, t| Data::DateTime(ExcelDateTime::new(v, t, false));
    assert_eq!(text(&Data::Empty), "");
    assert_eq!(text(&Data::Int(-3)), "-3");
    assert_eq!(text(&Data::Float(2.0)), "2");
    assert_eq!(text(&Data::Float(1e16)), "10000000000000000");
    assert_eq!(text(&Data::Float(0.25)), "0.25");
    assert_eq!(text(&Data::Float(-1e21)), "-1000000000000000000000");
    assert_eq!(text(&Data::Bool(true)), "yes");
    assert_eq!(text(&Data::Bool(false)), "no");
    assert_eq!(
        text(&date(46_402.0, ExcelDateTimeType::DateTime)),
        "2027-01-15"
    );
    assert_eq!(
        text(&date(46_402.5, ExcelDateTimeType::DateTime)),
        "2027-01-15 12:00"
    );
    assert_eq!(
        text(&date(1.5, ExcelDateTimeType::TimeDelta)),
        "1.5",
        "a duration is its number of days, not a date"
    );
    assert_eq!(text(&Data::DateTimeIso("2027-01-15".into())), "2027-01-15");
    assert_eq!(text(&Data::Error(CellErrorType::Div0)), "#DIV/0!");
}

#[test]
fn the_committed_fixture_is_what_the_generator_writes() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/checklists/team-readiness.xlsx"
    );
    let made = team_sheet();
    if std::env::var_os("SHIPSHAPE_BLESS").is_some() {
        std::fs::write(path, &made).unwrap();
    }
    assert_eq!(std::fs::read(path).unwrap(), made);
}

/// `book` with the size its zip directory declares for `part` set to
/// `size`: a zip bomb's directory, without its gigabytes.
fn declaring(mut book: Vec<u8>, part: &str, size: u32) -> Vec<u8> {
    // A central directory entry: its signature, the unpacked size at 24, the
    // name's length at 28 and the name from 46.
    let at = (0..book.len() - 46)
        .find(|&i| {
            let len = usize::from(u16::from_le_bytes([book[i + 28], book[i + 29]]));
            book[i..].starts_with(b"PK\x01\x02")
                && book[i + 46..].starts_with(part.as_bytes())
                && len == part.len()
        })
        .unwrap();
    book[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
    book
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let bomb = declaring(team_sheet(), "xl/worksheets/sheet2.xml", 3 << 30);
    let e = import(&bomb, None, &opts()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the spreadsheet would unpack to 3073 MiB (\"xl/worksheets/sheet2.xml\" alone to 3072 MiB), more than the 128 MiB Shipshape reads of a spreadsheet: it is damaged or a zip bomb, not a checklist"
    );
    assert_eq!(sheet_names(&bomb).unwrap_err(), e, "the sheet chooser too");
}

#[test]
fn a_spreadsheet_unpacking_to_the_limit_is_read() {
    let (total, largest, size) = unpacked_size(&team_sheet()).unwrap();
    assert_eq!(
        largest, "xl/worksheets/sheet2.xml",
        "the checklist sheet is the largest part"
    );
    let rest = total - size;
    let at_limit = declaring(
        team_sheet(),
        &largest,
        u32::try_from(MAX_UNPACKED_BYTES - rest).unwrap(),
    );
    assert_eq!(unpacked_size(&at_limit).unwrap().0, MAX_UNPACKED_BYTES);
    refuse_zip_bomb(&at_limit).unwrap();
    let over = declaring(
        team_sheet(),
        &largest,
        u32::try_from(MAX_UNPACKED_BYTES - rest + 1).unwrap(),
    );
    assert!(refuse_zip_bomb(&over).is_err());
    assert_eq!(unpacked_size(b"not a zip"), None, "an .xls is not unpacked");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    #[test]
    fn damaged_spreadsheets_never_panic(at in 0usize..4000, junk in proptest::collection::vec(proptest::prelude::any::<u8>(), 1..8)) {
        let mut book = team_sheet();
        let at = at % book.len();
        let end = (at + junk.len()).min(book.len());
        book.splice(at..end, junk);
        let _ = import(&book, None, &opts());
    }
}

/// A few bytes of XML with cells at A1 and XFD1048576 would make the
/// reader lay out seventeen billion cells: refused, by the sheet's name,
/// before that.
#[test]
fn a_sheet_spread_over_the_whole_grid_is_refused_before_it_is_laid_out() {
    let far = |at: &str| {
        let sheet = vec![
            vec![Text("Check"), Text("Status")],
            vec![Text("MFA"), Text("Done")],
        ];
        // The generator writes B2 as the last cell: move it far away.
        xlsx_edited(&[("Checks", sheet)], |xml| {
            xml.replace(r#"r="B2""#, &format!(r#"r="{at}""#))
        })
    };
    let err = import(&far("XFD1048576"), None, &opts())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("sheet \"Checks\" spreads 4 filled cells over 1048576 rows × 16384 columns"),
        "{err}"
    );
    assert!(err.contains("more than the 2000000 cells"), "{err}");
    // Within the limit (1,000 rows × 2,000 columns), it reads.
    assert!(import(&far("BXX1000"), None, &opts()).is_ok());
    // The span counts from the first filled cell, not from A1: from C3 to
    // the 2,002nd column of row 1,002 is 1,000 × 2,000 too.
    let last = format!("{}1002", crate::import::sheet::letters(2001));
    let shifted = xlsx_edited(
        &[(
            "Checks",
            vec![
                vec![Text("Check"), Text("Status")],
                vec![Text("MFA"), Text("Done")],
            ],
        )],
        |xml| {
            xml.replace(r#"r="A1""#, r#"r="C3""#)
                .replace(r#"r="B1""#, r#"r="D3""#)
                .replace(r#"r="A2""#, r#"r="C4""#)
                .replace(r#"r="B2""#, &format!(r#"r="{last}""#))
        },
    );
    assert!(import(&shifted, None, &opts()).is_ok());
}

/// The import window's column chooser reads the sheet the import reads:
/// the checklist, not the instructions before it, unless one is named.
#[test]
fn the_columns_offered_are_those_of_the_sheet_read() {
    let book = team_sheet();
    let labels = |cols: Vec<sheet::ColumnUse>| -> Vec<String> {
        cols.into_iter().map(|c| c.label).collect()
    };
    assert_eq!(
        labels(columns(&book, None, &[]).unwrap()),
        [
            "Area", "Check", "Status", "Owner", "Due date", "Priority", "Comments"
        ]
    );
    assert_eq!(
        labels(columns(&book, Some("instructions"), &[]).unwrap()),
        ["How to fill this in: one row per check."]
    );
    assert_eq!(columns(&book, Some("Nope"), &[]), None);
    assert_eq!(columns(b"not a spreadsheet", None, &[]), None);
}
