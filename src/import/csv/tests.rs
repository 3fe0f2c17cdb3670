use proptest::prelude::*;

use super::*;
use crate::import::sheet::columns::Mapping;
use crate::model::{Category, Conflict, Due, Interval, Item, Mitigation, Status, Workbook};

fn options() -> SheetOptions {
    SheetOptions::default()
}

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default()
}

/// Export, import, and the categories as they came back.
fn round_trip(wb: &Workbook) -> Imported {
    let text = crate::export::csv::to_csv(wb, as_of()).unwrap();
    import(text.as_bytes(), &options()).unwrap()
}

#[test]
fn our_export_of_the_built_in_template_reads_back_exactly() {
    let mut wb = crate::storage::builtin_template();
    wb.launch = "2027-03-01".parse().ok();
    let i = wb.item_mut("reliability.slos").unwrap();
    i.status = Status::Mitigated;
    i.mitigation = Mitigation {
        text: "-manual failover".into(),
        accepted_by: "=CTO".into(),
        until: "2027-04-01".parse().ok(),
    };
    i.due = Some(Due::FromLaunch(-14));
    i.evidence = vec!["https://a".into(), "https://b".into()];
    i.notes = "'=already quoted\r\nand \"more\"".into();
    i.conflicts = vec![Conflict {
        field: "owner".into(),
        ours: "Ann \"A\"\n".into(),
        theirs: "Bo".into(),
    }];
    let imp = round_trip(&wb);
    assert_eq!(imp.workbook.categories, wb.categories);
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    assert_eq!(imp.workbook.project, crate::import::UNTITLED);
}

#[test]
fn a_bom_and_excels_semicolons_are_understood() {
    let text = "\u{feff}Item;Status;Owner\r\nBackups;Done;Zoë\r\n";
    let imp = import(text.as_bytes(), &options()).unwrap();
    let i = &imp.workbook.categories[0].items[0];
    assert_eq!((i.title.as_str(), i.owner.as_str()), ("Backups", "Zoë"));
    assert_eq!(i.status, Status::Done);
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
}

#[test]
fn tabs_separate_when_the_header_has_most_of_them() {
    let imp = import(b"Item\tNotes\nA, B and C\tx;y\n", &options()).unwrap();
    let i = &imp.workbook.categories[0].items[0];
    assert_eq!((i.title.as_str(), i.notes.as_str()), ("A, B and C", "x;y"));
    assert_eq!(delimiter("a,b;c"), b',', "a tie is a comma");
    assert_eq!(
        delimiter("\"a;b;c\",d\n"),
        b',',
        "quoted delimiters do not count"
    );
    assert_eq!(delimiter("a;b;c,d"), b';');
}

#[test]
fn the_header_line_alone_chooses_the_delimiter() {
    assert_eq!(
        delimiter("Item;Status\nA, b, c, d;done\n"),
        b';',
        "the rows' commas do not count"
    );
    assert_eq!(
        delimiter("\"Check\nname\";Status;Owner\nA, b, c;done;Bo\n"),
        b';',
        "a line break in a quoted header cell does not end the header"
    );
    for quoted in ["\"a,b,c\";d\n", "\"a\tb\tc\";d\n"] {
        assert_eq!(
            delimiter(quoted),
            b';',
            "quoted delimiters do not count: {quoted:?}"
        );
    }
}

#[test]
fn utf16_with_a_bom_is_excels_unicode_text() {
    let text = "Item\tOwner\r\nRunbook\t李雷\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let imp = import(&bytes, &options()).unwrap();
    assert_eq!(imp.workbook.categories[0].items[0].owner, "李雷");
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
}

#[test]
fn windows_1252_is_read_with_a_warning() {
    // "Zoë" and "Müller" as Excel's "CSV" writes them on Western Windows.
    let bytes = b"Item,Owner\nA,Zo\xEB\nB,M\xFCller\n";
    let imp = import(bytes, &options()).unwrap();
    let owners: Vec<&str> = imp
        .workbook
        .items()
        .map(|(_, i)| i.owner.as_str())
        .collect();
    assert_eq!(owners, ["Zoë", "Müller"]);
    assert_eq!(imp.warnings.len(), 1);
    assert!(
        imp.warnings[0].starts_with("line 2: the file is not UTF-8; read as Windows-1252"),
        "{:?}",
        imp.warnings
    );
}

#[test]
fn a_quote_that_never_closes_names_its_line_and_column() {
    let e = import(b"Item,Notes\nA,ok\nB,\"never closed\nC,x\n", &options()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 3, column 3: this quoted cell is never closed (a `\"` is missing), so the rest of the file would be one cell"
    );
    // Quotes inside a cell, doubled quotes and quotes after the start are fine.
    let ok = import(
        b"Item,Notes\nA,\"say \"\"hi\"\"\"\nB 5\" disk,x\n",
        &options(),
    )
    .unwrap();
    let notes: Vec<&str> = ok.workbook.items().map(|(_, i)| i.notes.as_str()).collect();
    assert_eq!(notes, ["say \"hi\"", "x"]);
    assert_eq!(ok.workbook.categories[0].items[1].title, "B 5\" disk");
}

#[test]
fn an_unclosed_quote_is_placed_after_doubled_quotes_and_at_a_lines_start() {
    let place = |text: &str| {
        let e = check_quotes(text).unwrap_err().to_string();
        e[..e.find(':').unwrap()].to_owned()
    };
    assert_eq!(
        place("Item,Notes\n\"say \"\"hi\"\"\",\"open\n"),
        "line 2, column 14",
        "a doubled quote is two columns"
    );
    assert_eq!(place("Item,Notes\n\"never closed,x\n"), "line 2, column 1");
}

#[test]
fn rows_are_named_by_row_and_by_line_when_a_cell_spans_lines() {
    let imp = import(b"Item,Notes\n\"A\",\"two\nlines\"\n,orphan\n", &options()).unwrap();
    assert_eq!(imp.warnings, ["row 3 (line 4): no title, skipped"]);
}

#[test]
fn maps_apply_to_csv_headers() {
    let map: Vec<Mapping> = vec!["Control=title".parse().unwrap()];
    let opts = SheetOptions { project: None, map };
    let imp = import(b"Control,Who\nMFA,Ann\n", &opts).unwrap();
    assert_eq!(imp.workbook.categories[0].items[0].title, "MFA");
    assert_eq!(imp.workbook.categories[0].items[0].owner, "Ann");
}

#[test]
fn other_formats_and_empty_files_are_refused_clearly() {
    let e = import(b"# Checklist\n\n- [ ] a\n", &options()).unwrap_err();
    assert!(e.to_string().ends_with("use `shipshape import md`"), "{e}");
    let e = import(b"{\"items\": []}", &options()).unwrap_err();
    assert!(
        e.to_string().ends_with("use `shipshape import azure`"),
        "{e}"
    );
    assert_eq!(import(b" \r\n", &options()), Err(ImportError::Empty));
    assert_eq!(import(b"", &options()), Err(ImportError::Empty));
}

#[test]
fn an_edited_export_still_imports_its_new_rows() {
    let wb = crate::storage::builtin_template();
    let mut text = crate::export::csv::to_csv(&wb, as_of()).unwrap();
    // A row added in a spreadsheet: no IDs, a new category, a blank status.
    text.push_str("Launch,,,Press release approved,,,,,Ann,,,,,,,,,,,,\r\n");
    // A row copied from another: its ID is taken.
    text.push_str("Reliability,reliability,reliability.slos,Copy,,Done,,,,,,,,,,,,,,,\r\n");
    // A row with no category at all: in our export that is no category, not
    // the one above (as an empty cell is in other sheets).
    text.push_str(",,,Unfiled,,,,,,,,,,,,,,,,,\r\n");
    let imp = import(text.as_bytes(), &options()).unwrap();
    let wb2 = &imp.workbook;
    assert_eq!(wb2.item_count(), 28);
    let general = wb2.categories.last().unwrap();
    assert_eq!(
        (general.name.as_str(), general.items[0].title.as_str()),
        ("General", "Unfiled")
    );
    let launch = &wb2.categories[wb2.categories.len() - 2];
    assert_eq!(launch.name, "Launch");
    assert_eq!(launch.items[0].id, "launch.press-release-approved");
    assert_eq!(launch.items[0].owner, "Ann");
    assert_eq!(
        wb2.categories[0].items.last().unwrap().id,
        "reliability.copy"
    );
    assert_eq!(
        imp.warnings,
        ["row 28: ID \"reliability.slos\" is used by an earlier row; the item gets a new one"]
    );
}

#[test]
fn our_exports_evidence_is_one_link_per_line_spaces_and_all() {
    let mut wb = Workbook::new("P");
    let ci = wb.add_category("Ops");
    wb.categories[ci].items.push(Item {
        id: "ops.a".into(),
        title: "A".into(),
        evidence: vec!["board minutes of 3 May".into(), "https://x".into()],
        ..Item::default()
    });
    let imp = round_trip(&wb);
    assert_eq!(imp.workbook.categories, wb.categories);
}

#[test]
fn a_conflicts_cell_that_does_not_read_is_left_out_with_a_warning() {
    let wb = crate::storage::builtin_template();
    let text = crate::export::csv::to_csv(&wb, as_of()).unwrap();
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_owned).collect();
    // The conflicts column is the fourth from the end.
    let mut cells: Vec<&str> = lines[1].split(',').collect();
    let n = cells.len();
    cells[n - 3] = "garbled";
    lines[1] = cells.join(",");
    let imp = import(lines.join("\r\n").as_bytes(), &options()).unwrap();
    assert_eq!(
        imp.warnings,
        ["row 2: conflicts: \"garbled\" is not `FIELD: ours \"…\", theirs \"…\"`, left out"]
    );
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ,;\"'=+@\\-\n\r\t]{0,30}",
        any::<String>().prop_map(|s| s.chars().take(40).collect()),
        // Long, with double spaces: the round trip must not shorten or
        // collapse anything.
        "[a-z]{1,8}(  [a-zé李]{1,12}){10,40}",
        Just("Zoë Łukasz 李雷 Ayşe Öztürk Ω ✓ مرحبا שלום\n\r\t\u{0}\u{200b}".to_owned()),
    ]
}

fn title() -> impl Strategy<Value = String> {
    text().prop_map(|t| {
        if t.trim().is_empty() {
            format!("t{t}")
        } else {
            t
        }
    })
}

fn date() -> impl Strategy<Value = Option<chrono::NaiveDate>> {
    prop_oneof![
        Just(None),
        (1i32..9999, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
    ]
}

fn due() -> impl Strategy<Value = Option<Due>> {
    prop_oneof![
        date().prop_map(|d| d.map(Due::On)),
        (-400i32..=400).prop_map(|n| Some(Due::FromLaunch(n))),
    ]
}

fn interval() -> impl Strategy<Value = Option<Interval>> {
    prop_oneof![
        Just(None),
        (1u32..=36_500).prop_map(|n| Some(Interval::Days(n))),
        (1u32..=1_200).prop_map(|n| Some(Interval::Months(n))),
    ]
}

fn item() -> impl Strategy<Value = Item> {
    (
        (
            title(),
            text(),
            prop::sample::select(Status::ALL.to_vec()),
            text(),
            due(),
        ),
        (text(), text(), date(), text()),
        prop::collection::vec("[a-z]{1,5}://[^\\s]{0,20}|-[a-z]{1,5}", 0..3),
        (date(), interval(), text()),
        prop::collection::vec(("[a-z.]{1,12}", text(), text()), 0..3),
    )
        .prop_map(
            |(
                (title, description, status, owner, due),
                (m, by, until, notes),
                evidence,
                (verified, every, reworded),
                conflicts,
            )| Item {
                id: String::new(),
                title,
                description,
                status,
                owner,
                due,
                mitigation: Mitigation {
                    text: m,
                    accepted_by: by,
                    until,
                },
                notes,
                evidence,
                verified,
                every,
                reworded,
                conflicts: conflicts
                    .into_iter()
                    .map(|(field, ours, theirs)| Conflict {
                        field,
                        ours,
                        theirs,
                    })
                    .collect(),
            },
        )
}

/// Workbooks with every field, categories of any name (empty ones are not
/// in a CSV: it has a row per item), IDs unique as a workbook's are.
fn workbook() -> impl Strategy<Value = Workbook> {
    (
        prop::collection::vec((text(), prop::collection::vec(item(), 1..5)), 1..4),
        date(),
    )
        .prop_map(|(cats, launch)| {
            let mut wb = Workbook::new("Round trip");
            wb.launch = launch;
            for (c, (name, items)) in cats.into_iter().enumerate() {
                let id = format!("cat-{c}");
                let items = items
                    .into_iter()
                    .enumerate()
                    .map(|(n, item)| Item {
                        id: format!("{id}.item-{n}"),
                        ..item
                    })
                    .collect();
                wb.categories.push(Category { id, name, items });
            }
            wb
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Export CSV, import CSV: every category and item comes back as it
    /// was, field for field, without a warning.
    #[test]
    fn export_then_import_changes_nothing(wb in workbook()) {
        let imp = round_trip(&wb);
        prop_assert_eq!(&imp.workbook.categories, &wb.categories);
        prop_assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
        let again = crate::export::csv::to_csv(&imp.workbook, as_of()).unwrap();
        let mut same_launch = imp.workbook.clone();
        same_launch.launch = wb.launch;
        prop_assert_eq!(
            crate::export::csv::to_csv(&same_launch, as_of()).unwrap(),
            crate::export::csv::to_csv(&wb, as_of()).unwrap()
        );
        prop_assert!(!again.is_empty());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = import(&bytes, &options());
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[a-zA-Z\",;\t\r\n ']{0,200}") {
        if let Ok(imp) = import(text.as_bytes(), &options()) {
            prop_assert!(imp.workbook.validate().is_ok());
        }
    }
}

#[test]
fn the_columns_offered_are_the_header_whatever_the_delimiter() {
    let cols = columns(b"Check;Owner\nMFA;Ann\n", &[]).unwrap();
    let labels: Vec<&str> = cols.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Check", "Owner"]);
    assert_eq!(
        columns(b"Check,Owner\n\"MFA,Ann\n", &[]),
        None,
        "an unclosed quote"
    );
}
