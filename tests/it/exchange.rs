//! Workbooks in and out of other formats through the binary: Markdown and
//! CSV exports, and imports of real public checklists (Markdown, Azure
//! review checklists JSON).

use shipshape::model::Workbook;

use crate::util::{Dir, fixture};

#[test]
fn export_md_then_import_md_keeps_titles_categories_and_doneness() {
    let d = Dir::new();
    d.ok(&["new", "a.ron", "--project", "Payments"]);
    d.ok(&[
        "set",
        "a.ron",
        "reliability.slos",
        "--status",
        "done",
        "--owner",
        "Ann",
    ]);
    d.ok(&[
        "set",
        "a.ron",
        "security.secrets",
        "--status",
        "mitigated",
        "--mitigation",
        "vault by Q3",
    ]);
    let out = d.ok(&["export", "md", "a.ron", "-o", "a.md"]);
    assert!(out.contains("wrote Markdown to a.md"), "{out}");
    let md = d.read("a.md");
    assert!(md.contains("- [x] **SLOs published**"));
    d.ok(&["import", "md", "a.md", "-o", "b.ron"]);
    let (a, b) = (d.load("a.ron"), d.load("b.ron"));
    assert_eq!(b.project, "Payments");
    let cats = |w: &Workbook| {
        w.categories
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(cats(&a), cats(&b));
    for ((_, x), (_, y)) in a.items().zip(b.items()) {
        assert_eq!((&x.id, &x.title, x.status), (&y.id, &y.title, y.status));
    }
    assert_eq!(a.item_count(), b.item_count());
    let diff = d.ok(&["diff", "a.ron", "b.ron"]);
    assert!(diff.contains("No changes."), "{diff}");

    // Stdout without -o; refusing to overwrite the input or an existing workbook.
    assert!(d.ok(&["export", "md", "a.ron"]).starts_with("# Payments\n"));
    let before = d.read_bytes("a.ron");
    d.fails(&["export", "md", "a.ron", "-o", "a.ron"], "a.ron");
    assert_eq!(d.read_bytes("a.ron"), before);
    d.fails(
        &["import", "md", "a.md", "-o", "b.ron"],
        "already exists; use --force",
    );
}

#[test]
fn export_csv_has_one_row_per_item_that_a_csv_reader_parses() {
    let d = Dir::new();
    d.ok(&["new", "a.ron", "--project", "P"]);
    d.ok(&[
        "set",
        "a.ron",
        "reliability.slos",
        "--note",
        "line, \"one\"\nline two",
    ]);
    d.ok(&["export", "csv", "a.ron", "-o", "a.csv"]);
    let bytes = d.read_bytes("a.csv");
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(&r.headers().unwrap()[2], "id");
    let rows: Vec<_> = r.records().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows.len(), 25);
    assert_eq!(&rows[0][2], "reliability.slos");
    assert_eq!(&rows[0][13], "line, \"one\"\nline two");
}

#[test]
fn imports_real_public_checklists() {
    let d = Dir::new();
    let cases: [(&str, &str, usize); 5] = [
        ("md", "mercari-pre-production-checklist.md", 60),
        ("md", "mercari-design-checklist.md", 10),
        ("md", "kubernetes-kep-prr-questionnaire.md", 25),
        ("md", "checklist-25.md", 25),
        ("azure", "azure-review-checklists-resiliency.en.json", 38),
    ];
    for (n, (kind, name, min_items)) in cases.iter().enumerate() {
        let out_name = format!("{n}.shipshape.ron");
        let input = fixture(&format!("checklists/{name}"));
        let input = input.to_str().unwrap();
        let o = d.run(&["import", kind, input, "-o", &out_name]);
        assert_eq!(o.code, 0, "{name}: {o}");
        let wb = d.load(&out_name);
        assert!(
            wb.item_count() >= *min_items,
            "{name}: {} items",
            wb.item_count()
        );
        // What was imported is a working workbook.
        let check = d.run(&["check", &out_name]);
        assert_eq!(check.code, 1, "{name}: nothing is done yet: {check}");
    }
    let kep = d.load("2.shipshape.ron");
    assert_eq!(
        kep.project, "kubernetes-kep-prr-questionnaire",
        "the file name when there is no title"
    );
    let input = fixture("checklists/checklist-25.md");
    let named = d.exits(
        &[
            "import",
            "md",
            input.to_str().unwrap(),
            "-o",
            "n.ron",
            "--project",
            "Checkout",
        ],
        0,
    );
    assert!(
        named.stderr.contains("warning: ") && named.stderr.contains("\"Blocked\""),
        "{named}"
    );
    assert_eq!(d.load("n.ron").project, "Checkout");
}

#[test]
fn import_errors_are_clear() {
    let d = Dir::new();
    d.write("bad.json", "{\n  \"items\": [\n    {\"text\": }\n  ]\n}\n");
    let o = d.fails(
        &["import", "azure", "bad.json", "-o", "x.ron"],
        "bad.json: line 3, column",
    );
    assert!(
        o.stderr.starts_with("error: bad.json: line 3, column"),
        "{o}"
    );
    d.write("prose.md", "# Notes\n\nNothing to check here.\n");
    d.fails(
        &["import", "md", "prose.md", "-o", "x.ron"],
        "found no checklist items",
    );
    assert!(!d.path("x.ron").exists(), "nothing written on error");
}

#[test]
fn import_md_items_and_item_column_choose_what_is_read() {
    let d = Dir::new();
    d.write(
        "m.md",
        "# M\n\n## A\n\n- [ ] A task\n\n| Area | Control |\n|---|---|\n| Net | TLS |\n",
    );
    let out = d.ok(&["import", "md", "m.md", "-o", "t.ron", "--items", "tasks"]);
    assert!(out.contains("imported 1 item in 1 category"), "{out}");
    let wb = d.load("t.ron");
    assert_eq!(wb.items().next().unwrap().1.title, "A task");
    d.ok(&[
        "import",
        "md",
        "m.md",
        "-o",
        "c.ron",
        "--items",
        "tables",
        "--item-column",
        "area",
    ]);
    assert_eq!(d.load("c.ron").items().next().unwrap().1.title, "Net");
    d.fails(
        &["import", "md", "m.md", "-o", "x.ron", "--items", "rows"],
        "possible values: auto, tasks, tables, headings",
    );
    d.fails(
        &["import", "md", "m.md", "-o", "x.ron", "--items", "headings"],
        "found no checklist items: expected headings",
    );
}

#[test]
fn export_md_then_import_md_is_exact_for_long_titles_spaces_nesting_and_every_field() {
    let d = Dir::new();
    d.ok(&[
        "new",
        "a.ron",
        "--project",
        "Payments  API",
        "--launch",
        "2027-01-31",
    ]);
    let long = format!(
        "{}the end",
        "A check whose title runs on and on, ".repeat(6)
    );
    d.ok(&[
        "set",
        "a.ron",
        "reliability.slos",
        "--title",
        &long,
        "--description",
        "Steps:\n- one\n  - one  point  one\n    - deeper\n      - deepest\n\nNote: not a label",
        "--status",
        "mitigated",
        "--owner",
        "Ann  Lee",
        "--due",
        "T-14",
        "--mitigation",
        "Manual check\nweekly",
        "--accepted-by",
        "CTO",
        "--until",
        "2027-03-01",
        "--notes",
        "*Status:* quoted, not a field",
        "--evidence",
        "https://ci.example.com/run/1",
        "--evidence",
        "TICKET-42",
        "--verified",
        "2026-11-30",
        "--every",
        "3m",
    ]);
    d.ok(&["export", "md", "a.ron", "-o", "a.md"]);
    d.ok(&["import", "md", "a.md", "-o", "b.ron"]);
    assert_eq!(d.load("a.ron"), d.load("b.ron"), "{}", d.read("a.md"));
    let diff = d.ok(&["diff", "a.ron", "b.ron"]);
    assert!(diff.contains("No changes."), "{diff}");
}
