//! The labelled lines of an item (status, owner, due, evidence, IDs) and
//! the warnings that name them; split from `tests.rs` along meaning.

use super::tests::imp;
use super::*;
use crate::model::Due;
use chrono::NaiveDate;

/// Only a long field (description-like: mitigation, notes, evidence) runs
/// on over the following lines; after a short one (status, owner) the next
/// line, or the words before a label on it, are description again.
#[test]
fn a_line_after_a_short_field_is_description_not_part_of_the_field() {
    let md = "- [ ] Backups restored\n  Status: Done\n  checked by hand · Owner: Ann\n  weekly on Mondays\n";
    let imp = imp(md);
    let i = imp.workbook.items().next().unwrap().1;
    assert_eq!(i.status, Status::Done);
    assert_eq!(i.owner, "Ann");
    assert_eq!(i.description, "checked by hand\nweekly on Mondays");
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
}

#[test]
fn evidence_lines_of_urls_and_paths_are_lists_of_links() {
    let md = "- [ ] Drill done\n  Evidence: https://ci.test/run/1 www.status.test mailto:ops@test.example /srv/logs/drill ./drill.md ../ops/drill.md\n";
    let imp = imp(md);
    let i = imp.workbook.items().next().unwrap().1;
    assert_eq!(
        i.evidence,
        [
            "https://ci.test/run/1",
            "www.status.test",
            "mailto:ops@test.example",
            "/srv/logs/drill",
            "./drill.md",
            "../ops/drill.md"
        ]
    );
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
}

/// A reference code (`REL-01 —`, `SEC.4:`) makes the ID; an ordinary first
/// word before a colon, or a code with no separator after it, does not.
#[test]
fn only_a_separated_reference_code_makes_the_id() {
    let md = "## Ops\n\n- [ ] SEC.4: TLS everywhere\n- [ ] Backups: restored weekly\n- [ ] V2 rollout finished\n";
    let wb = imp(md).workbook;
    let ids: Vec<&str> = wb.items().map(|(_, i)| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ops.sec-4",
            "ops.backups-restored-weekly",
            "ops.v2-rollout-finished"
        ]
    );
}

/// Words under the title that merely end in "passing", or name "items:"
/// without a number, are the project's description, not the count lines our
/// export writes (`3 of 5 passing`, `25 items: …`).
#[test]
fn only_a_count_of_passing_items_is_taken_for_the_export_summary() {
    let md = "# Launch\n\nMost of the smoke suites passing.\n\nAll of them passing\n\n3 of 5 passing\n\nProduction-ready means every item is done.\n\nCritical items: backups first.\n\n## Ops\n\n- [ ] a\n";
    let wb = imp(md).workbook;
    assert_eq!(
        wb.description,
        "Most of the smoke suites passing.\n\nAll of them passing\n\nProduction-ready means every item is done.\n\nCritical items: backups first."
    );
}

/// `import md --help` (and the window's tooltip) explains each `--items`
/// choice by the blocks it reads.
#[test]
fn each_shape_explains_which_blocks_it_reads() {
    use clap::CommandFactory as _;
    let mut cli = crate::cli::Cli::command();
    let md = cli
        .find_subcommand_mut("import")
        .and_then(|c| c.find_subcommand_mut("md"))
        .expect("import md");
    let help = md.render_long_help().to_string();
    let reads = [
        (
            ItemShape::Auto,
            "task lists, tables of checks and check headings",
        ),
        (ItemShape::Tasks, "task-list items (- [ ] …)"),
        (ItemShape::Tables, "rows of tables"),
        (ItemShape::Headings, "one heading per check"),
    ];
    for (shape, what) in reads {
        assert!(shape.help().contains(what), "{shape}: {}", shape.help());
        let listed = help.lines().any(|l| {
            l.trim_start().starts_with(&format!("- {}:", shape.name()))
                && l.trim_end().ends_with(shape.help())
        });
        assert!(listed, "{shape} not explained in\n{help}");
    }
}

/// A warning names the line of the labelled value itself, however far down
/// the item it sits.
#[test]
fn a_bad_value_on_a_later_line_is_named_by_its_own_line() {
    let imp = imp("## Ops\n\n- [ ] Backups\n  Owner: Ann\n  Status: Blocked\n");
    assert_eq!(imp.warnings.len(), 1, "{:?}", imp.warnings);
    assert!(
        imp.warnings[0].starts_with("line 5: status \"Blocked\""),
        "{:?}",
        imp.warnings
    );
}

/// A dash in a table cell is an empty cell, not an owner called "-".
#[test]
fn a_dash_in_a_table_cell_is_empty() {
    let md = "| Check | Owner |\n|---|---|\n| Backups restored | - |\n";
    let i = imp(md).workbook.items().next().unwrap().1.clone();
    assert_eq!(i.owner, "");
}

/// Items nested deeper than the cap are text of their ancestor; the list
/// after them is read as before.
#[test]
fn items_after_a_folded_list_are_items_again() {
    let mut md = String::from("- [ ] top\n");
    for depth in 1..40 {
        md.push_str(&"  ".repeat(depth));
        md.push_str("- [ ] nested\n");
    }
    md.push_str("- [ ] after\n");
    let wb = imp(&md).workbook;
    let titles: Vec<&str> = wb.items().map(|(_, i)| i.title.as_str()).collect();
    assert_eq!(titles.first(), Some(&"top"));
    assert_eq!(titles.last(), Some(&"after"));
}

/// The words other checklists use for our labels fill the same fields.
#[test]
fn other_checklists_label_words_fill_the_fields() {
    let md = "- [ ] Backups restored\n  State: Done\n  Assignee: Ann\n  Deadline: 2026-05-01\n  Note: ask the DBA\n";
    let imp = imp(md);
    let i = imp.workbook.items().next().unwrap().1;
    assert_eq!(i.status, Status::Done);
    assert_eq!(i.owner, "Ann");
    assert_eq!(i.due, NaiveDate::from_ymd_opt(2026, 5, 1).map(Due::On));
    assert_eq!(i.notes, "ask the DBA");
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
}

/// A dropped block's warning quotes its first 60 characters, and says so
/// with "…" only when there is more.
#[test]
fn a_dropped_block_is_quoted_whole_or_cut_with_an_ellipsis() {
    let sixty = "x".repeat(60);
    let md = format!("## A\n\n{sixty}\n\n{sixty}yz\n\n- [ ] item\n");
    let imp = imp(&md);
    assert_eq!(
        imp.warnings,
        [
            format!("line 3: text under “A” not imported (not part of an item): “{sixty}”"),
            format!("line 5: text under “A” not imported (not part of an item): “{sixty}…”"),
        ]
    );
}

/// The status words other checklists write (Azure's, teams' own) map to our
/// statuses, with or without a final dot.
#[test]
fn other_checklists_status_words_are_read() {
    let words = [
        ("Not applicable", Status::NotApplicable),
        ("N.A.", Status::NotApplicable),
        ("not required.", Status::NotApplicable),
        ("Fulfilled", Status::Done),
        ("Yes", Status::Done),
        ("Passed", Status::Done),
        ("pass", Status::Done),
        ("Not verified", Status::NotStarted),
        ("No", Status::NotStarted),
    ];
    let md: String = words
        .iter()
        // The check mark says the opposite, so only the word can decide.
        .map(|(w, s)| {
            let mark = if *s == Status::Done { ' ' } else { 'x' };
            format!("- [{mark}] {w}\n  Status: {w}\n")
        })
        .collect();
    let imp = imp(&md);
    let got: Vec<(&str, Status)> = imp
        .workbook
        .items()
        .map(|(_, i)| (i.title.as_str(), i.status))
        .collect();
    let want: Vec<(&str, Status)> = words.iter().map(|&(w, s)| (w, s)).collect();
    assert_eq!(got, want);
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
}

/// The window's shape choice names each shape in words, not by its
/// command-line name.
#[test]
fn the_window_names_each_shape_in_words() {
    let labels = ItemShape::ALL.map(ItemShape::label);
    assert_eq!(
        labels,
        ["Automatic", "Task lists", "Table rows", "Headings"]
    );
}
