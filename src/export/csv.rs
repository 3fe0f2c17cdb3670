//! CSV for spreadsheets: one row per item with every field (RFC 4180, UTF-8,
//! CRLF line ends), plus the verdict's finding for the item.
//!
//! Files travel by email and may be opened in a spreadsheet, so a cell that
//! a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at its
//! start) gets a leading `'`, as OWASP advises against CSV injection.

use chrono::NaiveDate;

use crate::model::{Due, ItemCheck, ItemField, Workbook};

/// A column: one per item field (under its [`ItemField::key`]), with the
/// verdict's finding right after the status, and where the item sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Category,
    CategoryId,
    Id,
    Field(ItemField),
    /// `pass` or `red: reason`.
    Result,
    /// `yes` or `no`.
    Overdue,
    /// A relative due's form (`T-14`), beside `due`, which is the day.
    DueRelative,
    /// Unresolved merge conflicts, one per line.
    Conflicts,
    /// 1-based row number in file order.
    Position,
}

impl Column {
    /// Every column, in order.
    pub fn all() -> Vec<Self> {
        let mut out = vec![Self::Category, Self::CategoryId, Self::Id];
        for field in ItemField::ALL {
            out.push(Self::Field(field));
            if field == ItemField::Status {
                out.extend([Self::Result, Self::Overdue]);
            }
        }
        // Last: scripts index the older columns by position.
        out.extend([Self::Conflicts, Self::Position, Self::DueRelative]);
        out
    }

    /// The header.
    pub fn name(self) -> &'static str {
        match self {
            Self::Category => "category",
            Self::CategoryId => "category_id",
            Self::Id => "id",
            Self::Field(f) => f.key(),
            Self::Result => "result",
            Self::Overdue => "overdue",
            Self::DueRelative => "due_relative",
            Self::Conflicts => "conflicts",
            Self::Position => "position",
        }
    }

    /// The cell for the item at 0-based `index` of the verdict's checks.
    fn cell(self, check: &ItemCheck<'_>, index: usize) -> String {
        let item = check.item;
        match self {
            Self::Category => check.category.name.clone(),
            Self::CategoryId => check.category.id.clone(),
            Self::Id => item.id.clone(),
            // The day, resolved against the launch: a spreadsheet sorts it.
            Self::Field(ItemField::Due) => crate::model::date_text(check.due),
            // Spreadsheet readers get the status's label, as on screen.
            Self::Field(f) => f.display(item),
            Self::DueRelative => item.due.and_then(Due::relative_text).unwrap_or_default(),
            Self::Result => match check.red {
                None => "pass".to_owned(),
                Some(r) => format!("red: {r}"),
            },
            Self::Overdue => if check.overdue { "yes" } else { "no" }.to_owned(),
            Self::Conflicts => {
                let lines: Vec<String> = item
                    .conflicts
                    .iter()
                    .map(|k| format!("{}: ours {:?}, theirs {:?}", k.field, k.ours, k.theirs))
                    .collect();
                lines.join("\n")
            }
            Self::Position => (index + 1).to_string(),
        }
    }
}

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
    let columns = Column::all();
    w.write_record(columns.iter().map(|c| c.name()))?;
    let v = wb.verdict(as_of);
    for (n, check) in v.checks.iter().enumerate() {
        let row = columns.iter().map(|c| c.cell(check, n));
        w.write_record(row.map(|cell| defuse(&cell).into_owned()))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| CsvError::Finish(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| CsvError::Finish(e.to_string()))
}

/// The characters a spreadsheet starts a formula with.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Keeps a spreadsheet from running a cell as a formula: a leading `'`.
/// A cell that already starts with `'`s before such a character gets one
/// more, so [`undefuse`] can tell the two apart and the import reads back
/// exactly what was exported.
fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.trim_start_matches('\'').starts_with(FORMULA_START) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The cell `defuse` was given: one leading `'` taken off a cell that
/// starts with `'`s before a formula character.
pub fn undefuse(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Conflict, Item, RedReason, Status};

    /// One test per character a spreadsheet would start a formula with.
    macro_rules! defuses {
        ($($name:ident: $c:literal,)*) => {$(
            #[test]
            fn $name() {
                let cell = format!("{}1+1", $c);
                assert_eq!(defuse(&cell), format!("'{cell}"));
                assert_eq!(defuse(&$c.to_string()), format!("'{}", $c));
            }
        )*};
    }

    defuses! {
        defuses_a_leading_equals_sign: '=',
        defuses_a_leading_plus: '+',
        defuses_a_leading_minus: '-',
        defuses_a_leading_at_sign: '@',
        defuses_a_leading_tab: '\t',
        defuses_a_leading_carriage_return: '\r',
    }

    #[test]
    fn leaves_every_other_cell_as_it_is() {
        for cell in [
            "",
            "plain text",
            "1+1",
            "a=b",
            " =1",
            "'already quoted",
            "\n=1",
            "https://example.com/?a=-1",
            "−1 (a Unicode minus)",
            "＝1 (a full-width equals sign)",
        ] {
            assert!(
                matches!(defuse(cell), std::borrow::Cow::Borrowed(c) if c == cell),
                "{cell:?}"
            );
        }
    }

    #[test]
    fn a_cell_already_quoted_before_a_formula_gets_one_more_quote() {
        assert_eq!(defuse("'=1"), "''=1");
        assert_eq!(defuse("''-1"), "'''-1");
        assert_eq!(undefuse("''=1"), "'=1");
        assert_eq!(undefuse("'''-1"), "''-1");
    }

    #[test]
    fn undefuse_reverses_defuse_for_every_cell() {
        for cell in [
            "", "'", "''", "plain", "'plain", "=1", "'=1", "''=1", "-", "'-", "@a", "\t", "\r",
            "\n=1", "a=b", " =1", "'' ", "'a'=1",
        ] {
            assert_eq!(undefuse(&defuse(cell)), cell, "{cell:?}");
        }
        assert_eq!(undefuse("'plain"), "'plain", "a quote before text stays");
        assert_eq!(undefuse("'"), "'");
    }

    /// A small workbook whose CSV is pinned below: a passing item, an
    /// overdue red one and one in conflict, with cells a spreadsheet would
    /// otherwise run.
    fn small_workbook() -> Workbook {
        let date = |s: &str| s.parse().ok();
        let mut wb = Workbook::new("CSV");
        let done = Item {
            id: "ops.runbook".into(),
            title: "Runbook".into(),
            status: Status::Done,
            owner: "@ann".into(),
            due: "2026-01-01".parse().ok(),
            notes: "=1+1".into(),
            evidence: vec!["https://a".into(), "https://b".into()],
            verified: date("2026-03-01"),
            every: "quarterly".parse().ok(),
            ..Item::default()
        };
        let late = Item {
            id: "ops.pager".into(),
            title: "+Pager".into(),
            description: "Say \"hi\", then\nleave".into(),
            due: "2026-02-01".parse().ok(),
            mitigation: crate::model::Mitigation {
                text: "-manual".into(),
                accepted_by: "Bo".into(),
                until: date("2026-04-01"),
            },
            reworded: "Pager".into(),
            ..Item::default()
        };
        let conflicted = Item {
            id: "ops.backup".into(),
            title: "Backups".into(),
            status: Status::InProgress,
            due: "2026-09-01".parse().ok(),
            conflicts: vec![
                Conflict {
                    field: "owner".into(),
                    ours: "Ann".into(),
                    theirs: "Bo".into(),
                },
                Conflict {
                    field: "due".into(),
                    ours: String::new(),
                    theirs: "2026-09-01".into(),
                },
            ],
            ..Item::default()
        };
        wb.categories.push(Category {
            id: "ops".into(),
            name: "Operations".into(),
            items: vec![done, late, conflicted],
        });
        wb
    }

    #[test]
    fn a_relative_due_gives_its_day_and_its_form() {
        let mut wb = small_workbook();
        wb.launch = "2026-03-01".parse().ok();
        wb.categories[0].items[0].due = Some(Due::FromLaunch(-14));
        let text = to_csv(&wb, "2026-03-10".parse().unwrap()).unwrap();
        let row = text.lines().find(|l| l.contains("ops.runbook")).unwrap();
        assert!(row.contains(",'@ann,2026-02-15,"), "{row}");
        assert!(text.contains("quarterly,,,1,T-14\r\n"), "{text}");
    }

    #[test]
    fn a_small_workbook_gives_exactly_this_csv() {
        let text = to_csv(&small_workbook(), "2026-03-10".parse().unwrap()).unwrap();
        let not_started = RedReason::NotDone(Status::NotStarted);
        let expected = [
            "category,category_id,id,title,description,status,result,overdue,owner,due,mitigation,accepted_by,until,notes,evidence,verified,every,reworded,conflicts,position,due_relative".to_owned(),
            "Operations,ops,ops.runbook,Runbook,,Done,pass,no,'@ann,2026-01-01,,,,'=1+1,\"https://a\nhttps://b\",2026-03-01,quarterly,,,1,".to_owned(),
            format!(
                "Operations,ops,ops.pager,'+Pager,\"Say \"\"hi\"\", then\nleave\",Not started,red: {not_started},yes,,2026-02-01,'-manual,Bo,2026-04-01,,,,,Pager,,2,"
            ),
            format!(
                "Operations,ops,ops.backup,Backups,,In progress,red: {},no,,2026-09-01,,,,,,,,,\"owner: ours \"\"Ann\"\", theirs \"\"Bo\"\"\ndue: ours \"\"\"\", theirs \"\"2026-09-01\"\"\",3,",
                RedReason::Conflict
            ),
        ];
        assert_eq!(text, format!("{}\r\n", expected.join("\r\n")));
    }

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
        let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(
            headers,
            [
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
                // New item fields come after the older ones.
                "verified",
                "every",
                "reworded",
                "conflicts",
                "position",
                // Columns added later come last.
                "due_relative"
            ],
            "the column order people and scripts rely on"
        );
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
