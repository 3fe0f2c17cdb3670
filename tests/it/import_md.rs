//! `import md` on each shape of Markdown checklist, through the binary:
//! what it imports, what it warns about (on stderr, by line), and
//! `--items` / `--item-column`.

use shipshape::model::Workbook;

use crate::util::{Dir, fixture};

/// Imports `tests/fixtures/checklists/shapes/NAME` with `args`; the
/// workbook and the warnings printed.
fn import(name: &str, args: &[&str]) -> (Workbook, Vec<String>) {
    let d = Dir::new();
    let path = fixture(&format!("checklists/shapes/{name}"));
    let input = path.to_str().unwrap();
    let out = d.run(&[&["import", "md", input, "-o", "w.ron"][..], args].concat());
    assert_eq!(out.code, 0, "{out}");
    assert!(out.stdout.starts_with("imported "), "{out}");
    let warnings = out
        .stderr
        .lines()
        .map(|l| l.replace(&format!("{input}: "), ""))
        .collect();
    (d.load("w.ron"), warnings)
}

fn titles(wb: &Workbook) -> Vec<&str> {
    wb.items().map(|(_, i)| i.title.as_str()).collect()
}

#[test]
fn import_md_tables_by_content_skipping_contacts_and_waivers() {
    let (wb, warnings) = import("tables.md", &[]);
    assert_eq!(wb.item_count(), 4);
    assert_eq!(titles(&wb)[0], "Images are compressed");
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings[1].starts_with("warning: line 26: table (Name | Email) skipped"));
    let (wb, _) = import("tables.md", &["--item-column", "why", "--items", "tables"]);
    assert_eq!(titles(&wb)[0], "Faster pages");
}

#[test]
fn import_md_nested_and_wrapped_tasks() {
    let (wb, warnings) = import("nested.md", &["--items", "tasks"]);
    assert_eq!(wb.item_count(), 7);
    assert!(titles(&wb).contains(&"Monitoring is in place › Dashboards exist"));
    assert_eq!(
        warnings,
        ["warning: line 18: 2 plain bullets under “Further reading” not imported (not task items)"]
    );
}

#[test]
fn import_md_repeated_sections_keep_their_parent() {
    let (wb, _) = import("sections.md", &[]);
    let names: Vec<&str> = wb.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["HTML › Best practices", "Images › Best practices", "Tools"]
    );
}

#[test]
fn import_md_headings_with_front_matter() {
    let (wb, warnings) = import("headings.md", &["--items", "headings"]);
    assert_eq!(wb.project, "Service launch review");
    assert_eq!(wb.item_count(), 3);
    assert!(warnings.is_empty(), "{warnings:?}");
    let d = Dir::new();
    let path = fixture("checklists/shapes/headings.md");
    d.fails(
        &[
            "import",
            "md",
            path.to_str().unwrap(),
            "-o",
            "w.ron",
            "--items",
            "tables",
        ],
        "found no checklist items: expected tables with a column of checks",
    );
}

#[test]
fn import_md_inline_links_badges_and_blocks_after_a_task() {
    let (wb, warnings) = import("inline.md", &[]);
    assert_eq!(wb.project, "Tool");
    assert_eq!(wb.item_count(), 2);
    assert!(warnings.is_empty(), "{warnings:?}");
    let (wb, warnings) = import("following.md", &[]);
    assert_eq!(wb.item_count(), 2);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}
