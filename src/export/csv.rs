//! CSV for spreadsheets: one row per item with every field (RFC 4180, UTF-8,
//! CRLF line ends), plus the verdict's finding for the item.
//!
//! Files travel by email and may be opened in a spreadsheet, so a cell that
//! a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at its
//! start) gets a leading `'`, as OWASP advises against CSV injection.

use chrono::NaiveDate;

use crate::model::{Workbook, date_text};

/// The header row, in column order.
pub const COLUMNS: [&str; 17] = [
    "category",
    "category_id",
    "id",
    "title",
    "description",
    "status",
    "result",
    "overdue",
    "owner",
    "due",
    "mitigation",
    "accepted_by",
    "until",
    "notes",
    "evidence",
    "conflicts",
    "position",
];

#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("cannot write CSV: {0}")]
    Write(#[from] csv::Error),
    #[error("cannot write CSV: {0}")]
    Finish(String),
}

/// The workbook as CSV text, judged as of `as_of` (for `result` and
/// `overdue`). Evidence links and conflicts are one per line inside their cell.
pub fn to_csv(wb: &Workbook, as_of: NaiveDate) -> Result<String, CsvError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    let v = wb.verdict(as_of);
    for (n, c) in v.checks.iter().enumerate() {
        let i = c.item;
        let result = match c.red {
            None => "pass".to_owned(),
            Some(r) => format!("red: {r}"),
        };
        let conflicts: Vec<String> = i
            .conflicts
            .iter()
            .map(|k| format!("{}: ours {:?}, theirs {:?}", k.field, k.ours, k.theirs))
            .collect();
        let row = [
            c.category.name.clone(),
            c.category.id.clone(),
            i.id.clone(),
            i.title.clone(),
            i.description.clone(),
            i.status.label().to_owned(),
            result,
            if c.overdue { "yes" } else { "no" }.to_owned(),
            i.owner.clone(),
            date_text(i.due),
            i.mitigation.text.clone(),
            i.mitigation.accepted_by.clone(),
            date_text(i.mitigation.until),
            i.notes.clone(),
            i.evidence.join("\n"),
            conflicts.join("\n"),
            (n + 1).to_string(),
        ];
        w.write_record(row.iter().map(|cell| defuse(cell).into_owned()))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| CsvError::Finish(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| CsvError::Finish(e.to_string()))
}

/// Keeps a spreadsheet from running a cell as a formula.
fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    #[test]
    fn one_row_per_item_that_a_csv_reader_reads_back() {
        let mut wb = crate::storage::builtin_template();
        let i = wb.item_mut("reliability.slos").unwrap();
        i.status = Status::Mitigated;
        i.mitigation.text = "manual, \"documented\"\nfailover".into();
        i.mitigation.accepted_by = "CTO".into();
        i.mitigation.until = "2026-04-01".parse().ok();
        i.owner = "Zoë".into();
        i.evidence = vec!["https://a".into(), "https://b".into()];
        i.notes = "=HYPERLINK(\"http://evil\")".into();
        let text = to_csv(&wb, "2026-03-10".parse().unwrap()).unwrap();
        assert!(text.starts_with("category,category_id,id,title,"));
        assert!(text.contains("\r\n"));
        let mut r = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(r.headers().unwrap().len(), COLUMNS.len());
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 25);
        let slos = &rows[0];
        assert_eq!(&slos[2], "reliability.slos");
        assert_eq!(&slos[5], "Mitigated");
        assert_eq!(&slos[6], "pass");
        assert_eq!(&slos[8], "Zoë");
        assert_eq!(&slos[10], "manual, \"documented\"\nfailover");
        assert_eq!(
            &slos[13], "'=HYPERLINK(\"http://evil\")",
            "formulas are defused"
        );
        assert_eq!(&slos[14], "https://a\nhttps://b");
        assert_eq!(&rows[1][6], "red: not started without a mitigation");
    }
}
