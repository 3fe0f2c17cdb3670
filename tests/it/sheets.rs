//! Spreadsheets in and out through the binary: `export csv` (with and
//! without a BOM, to a file and to a pipe) read back by `import csv`;
//! teams' own CSV and Excel sheets; the wrong importer for a file.

use crate::util::{Dir, WB, fixture};

/// A filled-in workbook with every kind of field set.
fn filled(d: &Dir) {
    d.workbook();
    d.ok(&[
        "set",
        WB,
        "reliability.slos",
        "--status",
        "mitigated",
        "--mitigation=-manual failover, \"documented\"\nin the runbook",
        "--accepted-by",
        "Zoë Łukasz",
        "--until",
        "2027-03-01",
        "--due",
        "T-14",
        "--evidence",
        "https://wiki/slo",
    ]);
    d.ok(&["set", WB, "security.pentest", "--note", "=HYPERLINK(\"x\")"]);
}

#[test]
fn export_csv_then_import_csv_changes_no_item() {
    let d = Dir::new();
    filled(&d);
    d.ok(&["export", "csv", WB, "-o", "a.csv"]);
    let o = d.exits(&["import", "csv", "a.csv", "-o", "b.shipshape.ron"], 0);
    assert!(
        o.stdout
            .starts_with("imported 25 items in 5 categories from a.csv"),
        "{o}"
    );
    assert!(!o.stderr.contains("hint:"), "no column to map: {o}");
    let (a, b) = (d.load(WB), d.load("b.shipshape.ron"));
    assert_eq!(a.categories, b.categories);
    assert_eq!(b.project, "a", "the file's name, as for other imports");
    d.ok(&["export", "csv", "b.shipshape.ron", "-o", "b.csv"]);
    // The relative due resolves to no day without the launch, else equal.
    let strip_due = |s: String| s.replace("2027-01-17", "");
    assert_eq!(strip_due(d.read("a.csv")), strip_due(d.read("b.csv")));
}

#[test]
fn csv_to_a_pipe_keeps_its_bytes_and_reads_back() {
    let d = Dir::new();
    filled(&d);
    let out = d.command(&["export", "csv", WB]).output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stdout.windows(2).any(|w| w == b"\r\n"),
        "CRLF line ends, not escaped"
    );
    d.write("piped.csv", &out.stdout);
    d.ok(&[
        "import",
        "csv",
        "piped.csv",
        "-o",
        "p.ron",
        "--project",
        "Piped",
    ]);
    assert_eq!(d.load("p.ron").categories, d.load(WB).categories);
    assert_eq!(d.load("p.ron").project, "Piped");
}

#[test]
fn export_csv_bom_is_for_excel_and_imports_back() {
    let d = Dir::new();
    filled(&d);
    d.ok(&["export", "csv", "--bom", WB, "-o", "excel.csv"]);
    let bytes = d.read_bytes("excel.csv");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFcategory,"),
        "{:?}",
        &bytes[..8]
    );
    d.ok(&["export", "csv", WB, "-o", "plain.csv"]);
    assert!(
        d.read_bytes("plain.csv").starts_with(b"category,"),
        "no BOM by default"
    );
    d.ok(&["import", "csv", "excel.csv", "-o", "x.ron"]);
    assert_eq!(d.load("x.ron").categories, d.load(WB).categories);
}

#[test]
fn a_teams_csv_is_mapped_by_header_with_map_overrides() {
    let d = Dir::new();
    d.write(
        "team.csv",
        "Area;Control;Status;Assignee;Due date;Severity;Ref\r\n\
         Security;MFA for admins;Done;Ann;2027-01-15;High;S-1\r\n\
         ;Secrets rotated;Open;Bo;;Low;S-2\r\n\
         Ops;Runbook;;;next week;;S-3\r\n",
    );
    let o = d.exits(
        &[
            "import",
            "csv",
            "team.csv",
            "-o",
            "t.ron",
            "--map",
            "Control=title",
            "--map",
            "ref=ignore",
        ],
        0,
    );
    assert!(
        o.stderr.contains("warning: team.csv: row 4: Due date:"),
        "{o}"
    );
    assert!(o.stderr.contains("\"Severity\""), "{o}");
    // The library's warning names the columns; the command line says how
    // to map one (the window says it with its Columns).
    assert!(
        o.stderr.contains(
            "hint: --map COLUMN=FIELD gives a column a field of its own, --map COLUMN=ignore leaves it out"
        ),
        "{o}"
    );
    let wb = d.load("t.ron");
    let got: Vec<(&str, &str, &str)> = wb
        .items()
        .map(|(c, i)| (c.name.as_str(), i.title.as_str(), i.owner.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Security", "MFA for admins", "Ann"),
            ("Security", "Secrets rotated", "Bo"),
            ("Ops", "Runbook", "")
        ]
    );
    assert_eq!(wb.categories[0].items[0].description, "Severity: High");
    d.fails(
        &[
            "import",
            "csv",
            "team.csv",
            "-o",
            "u.ron",
            "--map",
            "Colour=title",
        ],
        "team.csv: --map: no column is named \"Colour\"",
    );
    d.write("controls.csv", "Domain,Control objective\nSecurity,MFA\n");
    d.fails(
        &["import", "csv", "controls.csv", "-o", "u.ron"],
        "controls.csv: no title column: none of the first 30 rows names a column Item, Check, Task, Title or Question (row 1 has \"Domain\", \"Control objective\"); name the column of checks with --map COLUMN=title",
    );
    let o = d.run(&[
        "import", "csv", "team.csv", "-o", "u.ron", "--map", "Control",
    ]);
    assert_eq!(o.code, 2, "{o}");
    assert!(
        o.stderr.contains("--map \"Control\": write COLUMN=FIELD"),
        "{o}"
    );
}

#[test]
fn import_xlsx_reads_the_sheet_with_the_checklist() {
    let d = Dir::new();
    let book = fixture("checklists/team-readiness.xlsx");
    let book = book.to_str().unwrap();
    let out = d.ok(&["import", "xlsx", book, "-o", "x.ron"]);
    assert!(out.starts_with("imported 3 items in 2 categories"), "{out}");
    let wb = d.load("x.ron");
    assert_eq!(wb.project, "team-readiness");
    assert_eq!(wb.categories[0].items[0].owner, "Zoë Łukasz");
    d.ok(&[
        "import",
        "xlsx",
        book,
        "-o",
        "y.ron",
        "--sheet",
        "Checklist",
    ]);
    // With its column of checks left out, no sheet has a checklist: the
    // error names the sheets, and the command line's way to both choices.
    d.fails(
        &["import", "xlsx", book, "-o", "z.ron", "--map", "Check=ignore"],
        "(sheets: \"Instructions\", \"Checklist\"); pick one with --sheet NAME and name its column of checks with --map COLUMN=title",
    );
    d.fails(
        &["import", "xlsx", book, "-o", "z.ron", "--sheet", "Nope"],
        "team-readiness.xlsx: no sheet is named \"Nope\" (sheets: \"Instructions\", \"Checklist\")",
    );
    d.fails(
        &["import", "csv", book, "-o", "z.ron"],
        "this looks like a spreadsheet (Excel or OpenDocument), not CSV: use `shipshape import xlsx`",
    );
    assert!(!d.path("z.ron").exists());
}

#[test]
fn each_importer_names_the_right_one_for_another_format() {
    let d = Dir::new();
    d.write("list.md", "# Launch\n\n- [ ] Backups\n");
    d.write(
        "sheet.csv",
        "Item,Status,Owner\nBackups,done,Ann\nLogs,,Bo\n",
    );
    d.write("a.json", "{\"items\": [{\"text\": \"x\"}]}");
    for (cmd, file, needle) in [
        (
            "azure",
            "list.md",
            "this looks like Markdown, not JSON (an Azure review checklist): use `shipshape import md`",
        ),
        ("csv", "list.md", "use `shipshape import md`"),
        (
            "md",
            "sheet.csv",
            "this looks like CSV, not Markdown: use `shipshape import csv`",
        ),
        ("azure", "sheet.csv", "use `shipshape import csv`"),
        ("md", "a.json", "use `shipshape import azure`"),
        ("xlsx", "list.md", "use `shipshape import md`"),
    ] {
        d.fails(&["import", cmd, file, "-o", "out.ron"], needle);
    }
    d.workbook();
    d.fails(
        &["import", "md", WB, "-o", "out.ron"],
        "this is a Shipshape workbook already",
    );
    assert!(!d.path("out.ron").exists());
}
