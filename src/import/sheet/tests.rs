use super::*;
use crate::model::Status;

fn sheet(rows: &[&[&str]]) -> Vec<Row> {
    rows.iter()
        .enumerate()
        .map(|(n, cells)| Row {
            place: format!("row {}", n + 1),
            cells: cells.iter().map(|c| (*c).to_owned()).collect(),
        })
        .collect()
}

fn import(rows: &[&[&str]]) -> Imported {
    to_workbook(&sheet(rows), &SheetOptions::default()).unwrap()
}

fn titles(wb: &Workbook) -> Vec<(&str, &str)> {
    wb.items()
        .map(|(c, i)| (c.name.as_str(), i.title.as_str()))
        .collect()
}

#[test]
fn a_teams_sheet_maps_its_columns_by_header_name() {
    let imp = import(&[
        &[
            "Category", "Check", "Status", "Owner", "Due date", "Comments",
        ],
        &[
            "Security",
            "Pen test booked",
            "Done",
            " Ann ",
            "2027-01-15",
            "by Acme",
        ],
        &["Security", "Secrets rotated", "in progress", "", "", ""],
        &["Ops", "Runbook written", "", "Bo", "T-14", ""],
    ]);
    let wb = &imp.workbook;
    assert_eq!(
        titles(wb),
        [
            ("Security", "Pen test booked"),
            ("Security", "Secrets rotated"),
            ("Ops", "Runbook written")
        ]
    );
    let pen = &wb.categories[0].items[0];
    assert_eq!(pen.id, "security.pen-test-booked");
    assert_eq!(pen.status, Status::Done);
    assert_eq!(pen.owner, "Ann", "trimmed");
    assert_eq!(
        pen.due.map(|d| d.to_string()).as_deref(),
        Some("2027-01-15")
    );
    assert_eq!(pen.notes, "by Acme");
    assert_eq!(wb.categories[0].items[1].status, Status::InProgress);
    let runbook = &wb.categories[1].items[0];
    assert_eq!(runbook.status, Status::NotStarted);
    assert_eq!(runbook.due.map(|d| d.to_string()).as_deref(), Some("T-14"));
    assert_eq!(wb.project, crate::import::UNTITLED);
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    wb.validate().unwrap();
}

#[test]
fn rows_above_the_header_and_blank_rows_are_passed_over() {
    let imp = import(&[
        &["Production readiness review", ""],
        &["Fill in column B", ""],
        &["", ""],
        &["Item", "Status"],
        &["", ""],
        &["Backups restore", "yes"],
    ]);
    assert_eq!(titles(&imp.workbook), [("General", "Backups restore")]);
    assert_eq!(imp.workbook.categories[0].items[0].status, Status::Done);
}

#[test]
fn an_empty_category_cell_continues_the_category_above() {
    let imp = import(&[
        &["Area", "Task"],
        &["Network", "Zones"],
        &["", "DDoS plan"],
        &["Data", "Backups"],
        &["", "Geo replicas"],
    ]);
    assert_eq!(
        titles(&imp.workbook),
        [
            ("Network", "Zones"),
            ("Network", "DDoS plan"),
            ("Data", "Backups"),
            ("Data", "Geo replicas")
        ]
    );
}

#[test]
fn evidence_links_in_one_cell_of_a_teams_sheet_are_split_at_spaces() {
    let imp = import(&[
        &["Item", "Evidence"],
        &["A", "https://a https://b\nhttps://c"],
    ]);
    assert_eq!(
        imp.workbook.categories[0].items[0].evidence,
        ["https://a", "https://b", "https://c"]
    );
}

#[test]
fn a_category_seen_again_later_collects_its_items_in_one_place() {
    let imp = import(&[
        &["Category", "Item"],
        &["A", "one"],
        &["B", "two"],
        &["A", "three"],
    ]);
    assert_eq!(
        titles(&imp.workbook),
        [("A", "one"), ("A", "three"), ("B", "two")]
    );
}

#[test]
fn columns_without_a_field_go_to_the_description_with_one_warning() {
    let imp = import(&[
        &[
            "Category",
            "Subcategory",
            "Checklist item",
            "Description",
            "Severity",
            "Status",
            "GUID",
            "",
        ],
        &[
            "Compute",
            "VMs",
            "Use zones",
            "Spread VMs.",
            "High",
            "Open",
            "b31e",
            "",
        ],
        &["Compute", "", "Use disks", "", "", "", "", "stray"],
    ]);
    let items: Vec<&Item> = imp.workbook.items().map(|(_, i)| i).collect();
    assert_eq!(
        items[0].description,
        "Spread VMs.\n\nSubcategory: VMs\nSeverity: High\nGUID: b31e"
    );
    assert_eq!(items[0].status, Status::InProgress, "Azure's Open");
    assert_eq!(items[1].description, "Column H: stray");
    assert_eq!(
        imp.warnings,
        [
            "columns with no field of their own, kept in each item's description as \"Column: value\": \"Subcategory\", \"Severity\", \"GUID\", \"Column H\""
        ]
    );
    assert_eq!(
        imp.kept_columns,
        ["Subcategory", "Severity", "GUID"],
        "what the front ends offer to map: not column H, which has no header to name"
    );
}

#[test]
fn a_kept_column_without_a_header_is_warned_of_but_not_offered_to_map() {
    let imp = import(&[&["Item", ""], &["Backups", "stray"]]);
    assert_eq!(
        imp.warnings,
        [
            "columns with no field of their own, kept in each item's description as \"Column: value\": \"Column B\""
        ]
    );
    assert!(imp.kept_columns.is_empty(), "{:?}", imp.kept_columns);
}

#[test]
fn maps_choose_the_title_column_and_drop_others() {
    let options = SheetOptions {
        project: Some(" Payments ".into()),
        map: vec![
            "Control=title".parse().unwrap(),
            "Ref=ignore".parse().unwrap(),
        ],
    };
    let rows = sheet(&[
        &["Ref", "Control", "Owner"],
        &["C-1", "MFA everywhere", "Ann"],
    ]);
    let imp = to_workbook(&rows, &options).unwrap();
    assert_eq!(imp.workbook.project, "Payments");
    let item = &imp.workbook.categories[0].items[0];
    assert_eq!(
        (item.title.as_str(), item.owner.as_str()),
        ("MFA everywhere", "Ann")
    );
    assert_eq!(item.description, "", "the ignored column is not a fact");
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    let bad = SheetOptions {
        map: vec!["Nope=title".parse().unwrap()],
        ..SheetOptions::default()
    };
    let e = to_workbook(&rows, &bad).unwrap_err();
    assert!(e.to_string().contains("no column is named \"Nope\""), "{e}");
}

#[test]
fn values_a_field_cannot_take_are_kept_in_the_notes_with_a_warning() {
    let imp = import(&[
        &["Item", "Status", "Due", "Verified", "Every", "Notes"],
        &[
            "A",
            "Maybe",
            "next week",
            "yesterday-ish",
            "often",
            "see wiki",
        ],
    ]);
    let a = &imp.workbook.categories[0].items[0];
    assert_eq!(a.status, Status::NotStarted);
    assert_eq!(
        a.notes,
        "see wiki\n\nStatus: Maybe\n\nDue date: next week\n\nLast verified: yesterday-ish\n\nRe-check every: often"
    );
    assert_eq!(imp.warnings.len(), 4, "{:?}", imp.warnings);
    assert!(
        imp.warnings[0].starts_with("row 2: Status: \"Maybe\" is not a status"),
        "{:?}",
        imp.warnings
    );
    assert!(
        imp.warnings[1].starts_with("row 2: Due date: `next week` is not a due date"),
        "the field is named once: {:?}",
        imp.warnings
    );
}

#[test]
fn an_item_that_does_not_apply_takes_its_comment_as_the_reason() {
    let imp = import(&[
        &["Item", "Status", "Comments"],
        &["DDoS plan", "Not required", "internal only"],
        &["WAF", "N/A", ""],
    ]);
    let items: Vec<&Item> = imp.workbook.items().map(|(_, i)| i).collect();
    assert_eq!(items[0].status, Status::NotApplicable);
    assert_eq!(items[0].mitigation.text, "internal only");
    assert_eq!(items[0].notes, "");
    assert_eq!(items[1].mitigation.text, "");
}

#[test]
fn status_words_of_every_kind() {
    for (word, want) in [
        ("Done", Status::Done),
        ("✓", Status::Done),
        ("x", Status::Done),
        ("YES", Status::Done),
        ("Fulfilled", Status::Done),
        ("pass", Status::Done),
        ("No", Status::NotStarted),
        ("fail", Status::NotStarted),
        ("Not verified", Status::NotStarted),
        ("Open", Status::InProgress),
        ("partial", Status::InProgress),
        ("WIP", Status::InProgress),
        ("Mitigated", Status::Mitigated),
        ("Not applicable", Status::NotApplicable),
        ("n/a", Status::NotApplicable),
    ] {
        assert_eq!(status_word(word), Some(want), "{word}");
    }
    assert_eq!(status_word("maybe"), None);
}

#[test]
fn a_title_of_several_lines_keeps_the_first_as_the_title() {
    let imp = import(&[
        &["Item", "Description"],
        &["Backups\nrestored monthly", "See runbook."],
    ]);
    let i = &imp.workbook.categories[0].items[0];
    assert_eq!(i.title, "Backups");
    assert_eq!(i.description, "restored monthly\n\nSee runbook.");
}

#[test]
fn ids_from_the_sheet_are_kept_when_usable() {
    let imp = import(&[
        &["ID", "Item"],
        &["SEC-01", "MFA"],
        &["SEC-01", "Again"],
        &["has space", "Spaces"],
        &["", "None"],
    ]);
    let ids: Vec<&str> = imp.workbook.items().map(|(_, i)| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["SEC-01", "general.again", "general.spaces", "general.none"]
    );
    assert_eq!(
        imp.warnings,
        [
            "row 3: ID \"SEC-01\" is used by an earlier row; the item gets a new one",
            "row 4: ID \"has space\" has spaces; the item gets a new one"
        ]
    );
}

#[test]
fn rows_without_a_title_are_skipped_with_a_warning() {
    let imp = import(&[&["Item", "Owner"], &["A", ""], &["", "Bo"]]);
    assert_eq!(imp.workbook.item_count(), 1);
    assert_eq!(imp.warnings, ["row 3: no title, skipped"]);
}

#[test]
fn a_sheet_without_a_title_column_or_items_says_so() {
    let e = to_workbook(
        &sheet(&[&["Name", "Phone"], &["Ann", "123"]]),
        &SheetOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "no title column: none of the first 30 rows names a column Item, Check, Task, Title or Question (row 1 has \"Name\", \"Phone\")"
    );
    assert!(
        matches!(e, ImportError::NoTitleColumn(_)),
        "a column the user can name: {e:?}"
    );
    let e = to_workbook(&sheet(&[&["Item"], &[" "]]), &SheetOptions::default()).unwrap_err();
    assert_eq!(e.to_string(), "no row under the header (row 1) has a title");
    let e = to_workbook(&sheet(&[&[" ", ""]]), &SheetOptions::default()).unwrap_err();
    assert_eq!(e, ImportError::Empty);
}

#[test]
fn the_header_may_be_anywhere_in_the_first_thirty_rows() {
    let mut rows: Vec<&[&str]> = vec![&["notes"]; 29];
    rows.push(&["Item"]);
    rows.push(&["found"]);
    assert_eq!(import(&rows).workbook.item_count(), 1);
    let mut rows: Vec<&[&str]> = vec![&["notes"]; 30];
    rows.push(&["Item"]);
    rows.push(&["too late"]);
    assert!(to_workbook(&sheet(&rows), &SheetOptions::default()).is_err());
}

#[test]
fn column_letters_go_past_z() {
    assert_eq!(letters(0), "A");
    assert_eq!(letters(25), "Z");
    assert_eq!(letters(26), "AA");
    assert_eq!(letters(27), "AB");
    assert_eq!(letters(701), "ZZ");
    assert_eq!(letters(702), "AAA");
}

fn uses(columns: &[ColumnUse]) -> Vec<(&str, Target)> {
    columns
        .iter()
        .map(|c| (c.label.as_str(), c.target))
        .collect()
}

#[test]
fn the_columns_offered_are_the_header_rows_with_where_each_goes() {
    let rows = sheet(&[
        &["Readiness — fill in one row per check"],
        &["Area", "Check", "", "Severity"],
        &["Security", "MFA for admins", "x", "High"],
    ]);
    let cols = columns_of(&rows, &[]).unwrap();
    assert_eq!(
        uses(&cols),
        [
            ("Area", Target::Category),
            ("Check", Target::Field(ItemField::Title)),
            ("Column C", Target::Fact),
            ("Severity", Target::Fact),
        ]
    );
    assert_eq!(
        cols[2].header, "",
        "a column without a header has no name to map"
    );
    let maps = [
        "Severity=ignore".parse().unwrap(),
        "area=owner".parse().unwrap(),
    ];
    let cols = columns_of(&rows, &maps).unwrap();
    assert_eq!(cols[0].target, Target::Field(ItemField::Owner));
    assert_eq!(cols[3].target, Target::Ignore);
    assert_eq!(columns_of(&rows, &["Nope=title".parse().unwrap()]), None);
    assert_eq!(columns_of(&sheet(&[&["", " "]]), &[]), None);
}

/// A sheet whose column of checks has a name no guess knows offers its
/// likeliest header — not the title row above it — so that the user can
/// name the column; once named, the import reads that header.
#[test]
fn without_a_title_column_the_widest_top_row_is_offered_as_the_header() {
    let rows = sheet(&[
        &["Controls 2026"],
        &["Domain", "Control objective", "Steward"],
        &["Security", "MFA for admins", "Ann"],
        &["", "Secrets rotated", ""],
    ]);
    let cols = columns_of(&rows, &[]).unwrap();
    assert_eq!(
        uses(&cols),
        [
            ("Domain", Target::Category),
            ("Control objective", Target::Fact),
            ("Steward", Target::Fact),
        ]
    );
    let maps = vec!["Control objective=title".parse().unwrap()];
    let cols = columns_of(&rows, &maps).unwrap();
    assert_eq!(cols[1].target, Target::Field(ItemField::Title));
    let opts = SheetOptions {
        project: None,
        map: maps,
    };
    let wb = to_workbook(&rows, &opts).unwrap().workbook;
    assert_eq!(
        titles(&wb),
        [
            ("Security", "MFA for admins"),
            ("Security", "Secrets rotated")
        ]
    );
}

#[test]
fn our_own_exports_columns_are_offered_as_the_export_wrote_them() {
    let header: Vec<&str> = crate::export::csv::Column::all()
        .into_iter()
        .map(|c| c.name())
        .collect();
    let rows = sheet(&[&header, &["Security", "security", "security.mfa", "MFA"]]);
    let cols = columns_of(&rows, &[]).unwrap();
    assert_eq!(cols[0].target, Target::Category);
    assert_eq!(cols[1].target, Target::CategoryId);
    assert!(
        cols.iter()
            .any(|c| c.label == "result" && c.target == Target::Ignore)
    );
}
