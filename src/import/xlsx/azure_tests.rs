//! Azure's review-checklist spreadsheet, made from the real resiliency
//! checklist by [`xlsx`](super::tests::xlsx) in the layout Azure's own
//! generator writes.

use super::tests::Cell::{self, Empty, Text};
use super::tests::xlsx;
use super::*;
use crate::model::Status;

/// Azure's review-checklist spreadsheet as its generator
/// (`scripts/update_excel_openpyxl.py` in Azure/review-checklists) lays it
/// out — the "Checklist" sheet with the checklist's name in A4, the header
/// in row 7 and one row per check from row 8 in columns A–L, then the
/// "Values" sheet of drop-down lists — filled from the real resiliency
/// checklist, with a team's statuses and comments on the first rows; and
/// the checklist's JSON items.
fn azure_review_spreadsheet() -> (Vec<u8>, Vec<serde_json::Value>) {
    let json: serde_json::Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/checklists/azure-review-checklists-resiliency.en.json"
    ))
    .unwrap();
    let items = json["items"].as_array().unwrap().clone();
    fn s(v: &serde_json::Value) -> Cell<'_> {
        v.as_str().map_or(Empty, Text)
    }
    let mut checklist = vec![
        vec![Text("Azure Review Checklist")],
        vec![],
        vec![Text(
            "Set the status of each check; comment what is left to do.",
        )],
        vec![s(&json["metadata"]["name"])],
        vec![],
        vec![],
        [
            "Category",
            "Subcategory",
            "Checklist item",
            "Description",
            "Severity",
            "Status",
            "Comment",
            "More info",
            "Training",
            "Graph query success",
            "Graph query failure",
            "GUID",
        ]
        .map(Text)
        .to_vec(),
    ];
    let filled = [
        ("Fulfilled", "Enabled in prod"),
        ("Open", "Ticket OPS-12"),
        ("Not required", ""),
    ];
    for (n, item) in items.iter().enumerate() {
        let (status, comment) = filled.get(n).copied().unwrap_or(("Not verified", ""));
        checklist.push(vec![
            s(&item["category"]),
            s(&item["subcategory"]),
            s(&item["text"]),
            s(&item["description"]),
            s(&item["severity"]),
            Text(status),
            Text(comment),
            s(&item["link"]),
            s(&item["training"]),
            Empty,
            Empty,
            s(&item["guid"]),
        ]);
    }
    let values = vec![
        ["Severity", "Status", "Area"].map(Text).to_vec(),
        ["High", "Not verified", "Compute"].map(Text).to_vec(),
    ];
    let book = xlsx(&[("Checklist", checklist), ("Values", values)]);
    (book, items)
}

/// Azure's spreadsheet imports as its JSON does: the same categories and
/// counts, the team's statuses and comments, the rest kept as facts.
#[test]
fn an_azure_review_checklist_spreadsheet_reads_as_its_json_does() {
    let (book, items) = azure_review_spreadsheet();
    let imp = import(&book, None, &SheetOptions::default()).unwrap();
    let wb = &imp.workbook;
    assert_eq!(wb.item_count(), items.len(), "one item per check");
    let from_json = crate::import::azure::import(
        include_bytes!(
            "../../../tests/fixtures/checklists/azure-review-checklists-resiliency.en.json"
        ),
        None,
    )
    .unwrap()
    .workbook;
    // A sheet's categories come in the order of its rows, as Excel shows
    // them; the JSON's follow its `categories` list.
    let cats = |wb: &crate::model::Workbook| -> Vec<(String, usize)> {
        let mut cats: Vec<_> = wb
            .categories
            .iter()
            .map(|c| (c.name.clone(), c.items.len()))
            .collect();
        cats.sort();
        cats
    };
    assert_eq!(
        cats(wb),
        cats(&from_json),
        "the same categories and counts as the JSON"
    );
    let first: Vec<(Status, &str)> = wb
        .items()
        .take(4)
        .map(|(_, i)| (i.status, i.notes.as_str()))
        .collect();
    assert_eq!(
        first,
        [
            (Status::Done, "Enabled in prod"),
            (Status::InProgress, "Ticket OPS-12"),
            (Status::NotApplicable, ""),
            (Status::NotStarted, ""),
        ]
    );
    let repairs = &wb.categories[0].items[0];
    assert_eq!(repairs.title, items[0]["text"].as_str().unwrap());
    for kept in [
        "Subcategory: VM Scale Sets",
        "Severity: Low",
        "More info: https://learn.microsoft.com/azure/virtual-machine-scale-sets/",
        "GUID: 7e13c105-675c-41e9-95b4-59837ff7ae7c",
    ] {
        assert!(
            repairs.description.contains(kept),
            "{kept} in {:?}",
            repairs.description
        );
    }
    assert_eq!(imp.warnings.len(), 1, "{:?}", imp.warnings);
    assert!(imp.warnings[0].contains("\"Subcategory\", \"Severity\", \"More info\""));
}
