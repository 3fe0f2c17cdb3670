use super::*;
use crate::model::{Due, Workbook};
use chrono::NaiveDate;
use proptest::prelude::*;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../../tests/fixtures/checklists/", $name))
    };
}

pub(super) fn imp(text: &str) -> Imported {
    import(text.as_bytes(), None).unwrap()
}

fn titles(wb: &Workbook, cat: usize) -> Vec<&str> {
    wb.categories[cat]
        .items
        .iter()
        .map(|i| i.title.as_str())
        .collect()
}

#[test]
fn task_lists_under_headings_become_categories_and_items() {
    let md = "# Payments launch\n\n## Reliability\n\n- [x] Backups\n- [ ] Failover drill\n  - in staging first\n  - then prod\n\n  Needs a window.\n\n## Security\n\n* [ ] Pen test\n1. [X] Secrets rotated\n";
    let wb = imp(md).workbook;
    assert_eq!(wb.project, "Payments launch");
    let cats: Vec<_> = wb.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cats, ["Reliability", "Security"]);
    assert_eq!(titles(&wb, 0), ["Backups", "Failover drill"]);
    assert_eq!(titles(&wb, 1), ["Pen test", "Secrets rotated"]);
    let drill = &wb.categories[0].items[1];
    assert_eq!(drill.status, Status::NotStarted);
    assert_eq!(
        drill.description,
        "Needs a window.\n\n- in staging first\n\n- then prod"
    );
    assert_eq!(wb.categories[0].items[0].status, Status::Done);
    assert_eq!(wb.categories[1].items[1].status, Status::Done);
    assert_eq!(wb.categories[0].items[0].id, "reliability.backups");
}

#[test]
fn project_option_wins_and_items_without_a_heading_go_to_general() {
    let wb = import(b"- [ ] one\n- [x] two\n", Some("Mine"))
        .unwrap()
        .workbook;
    assert_eq!(wb.project, "Mine");
    assert_eq!(wb.categories[0].name, "General");
    assert_eq!(wb.item_count(), 2);
}

#[test]
fn labelled_lines_fill_status_owner_due_and_mitigation() {
    let wb = imp(fixture!("checklist-25.md")).workbook;
    assert_eq!(wb.project, "Production readiness checklist (25 items)");
    assert_eq!(wb.item_count(), 25);
    assert_eq!(wb.categories.len(), 5);
    let i = &wb.categories[0].items[0];
    assert_eq!(i.title, "REL-01 — Health checks and readiness probes");
    assert_eq!(
        i.id, "reliability.rel-01",
        "a leading reference code makes the ID"
    );
    assert_eq!(i.status, Status::Done);
    assert_eq!(i.owner, "Ines Costa");
    assert_eq!(i.due, NaiveDate::from_ymd_opt(2026, 5, 11).map(Due::On));
    assert!(
        i.description.starts_with("Every service exposes liveness"),
        "{}",
        i.description
    );
    assert!(i.mitigation.text.starts_with("Add /healthz and /readyz"));
    // Unchecked box, explicit status: the status wins.
    assert_eq!(wb.categories[0].items[3].status, Status::NotApplicable);
}

#[test]
fn unknown_status_words_are_kept_in_notes_with_a_warning() {
    let imp = imp(fixture!("checklist-25.md"));
    let sec04 = imp
        .workbook
        .items()
        .find(|(_, i)| i.title.starts_with("SEC-04"))
        .unwrap()
        .1;
    assert_eq!(sec04.status, Status::NotStarted);
    assert_eq!(sec04.notes, "Status in the source: Blocked");
    assert!(
        imp.warnings
            .iter()
            .any(|w| w.starts_with("line 64: status \"Blocked\"")),
        "{:?}",
        imp.warnings
    );
}

#[test]
fn mercari_tables_become_items_with_levels_in_the_description() {
    let imp = imp(fixture!("mercari-design-checklist.md"));
    let wb = &imp.workbook;
    assert_eq!(wb.project, "Design Checklist");
    assert!(
        wb.description
            .starts_with("This checklist contains items are things"),
        "{}",
        wb.description
    );
    let cats: Vec<_> = wb.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cats, ["General", "Security", "Sustainability"]);
    assert_eq!(
        titles(wb, 0),
        [
            "Stateless server",
            "Deploy order",
            "Exclusive data ownership"
        ]
    );
    let stateless = &wb.categories[0].items[0];
    assert_eq!(
        stateless.description,
        "All persistent data is stored outside of the container.\n\nLevel C: ✓ · Level B: ✓ · Level A: ✓\n\nSee: ../concepts/stateless-server.md"
    );
    assert!(
        wb.categories[0].items[1]
            .description
            .contains("Level B: ✓ · Level A: ✓")
    );
    assert!(!wb.categories[0].items[1].description.contains("Level C"));
    assert_eq!(wb.item_count(), 10);

    let pre = import(
        fixture!("mercari-pre-production-checklist.md").as_bytes(),
        None,
    )
    .unwrap()
    .workbook;
    assert_eq!(pre.categories[0].name, "Maintainability");
    assert_eq!(pre.categories[0].items[0].title, "Unit test");
    let names: Vec<_> = pre.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names[5..],
        [
            "Data Storage",
            "Data Storage › GCP Cloud SQL (MySQL)",
            "Data Storage › GCP Cloud Spanner"
        ]
    );
    assert!(pre.item_count() > 60, "{}", pre.item_count());
    pre.validate().unwrap();
}

#[test]
fn tables_that_are_not_checks_are_skipped_with_a_warning() {
    let err = import(
        fixture!("mercari-production-readiness-level.md").as_bytes(),
        None,
    );
    // Its only table lists service levels and its one question is a level-2
    // section title: nothing to import, said clearly.
    let err = err.unwrap_err();
    assert!(matches!(err, ImportError::NoItems(_)), "{err}");
    assert!(
        err.to_string().ends_with(
            "bullet lists\n  line 13: table (Service Levels | Required SLO) skipped: no column holds checks (by its header: Check, Item, Task, Title…; or by its cells)"
        ),
        "the skipped table says why: {err}"
    );
    let imp = imp("## A\n\n| Level | SLO |\n| - | - |\n| A | 99.9 |\n\n- [ ] real item\n");
    assert_eq!(imp.workbook.item_count(), 1);
    assert_eq!(imp.warnings.len(), 1);
    assert!(
        imp.warnings[0].starts_with("line 3: table (Level | SLO) skipped"),
        "{:?}",
        imp.warnings
    );
}

#[test]
fn kep_questions_become_items_with_their_guidance_and_options() {
    let wb = imp(fixture!("kubernetes-kep-prr-questionnaire.md")).workbook;
    let cats: Vec<_> = wb.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        cats,
        [
            "Feature Enablement and Rollback",
            "Rollout, Upgrade and Rollback Planning",
            "Monitoring Requirements",
            "Dependencies",
            "Scalability",
            "Troubleshooting"
        ]
    );
    assert_eq!(wb.item_count(), 25);
    let first = &wb.categories[0].items[0];
    assert_eq!(
        first.title,
        "How can this feature be enabled / disabled in a live cluster?"
    );
    assert!(
        first
            .description
            .contains("Pick one of these and delete the rest."),
        "{}",
        first.description
    );
    assert!(
        first
            .description
            .contains("- [ ] Feature gate (also fill in values in kep.yaml)"),
        "{}",
        first.description
    );
    assert!(
        first.description.contains("  - Feature gate name:"),
        "{}",
        first.description
    );
    assert!(wb.items().all(|(_, i)| i.status == Status::NotStarted));
}

#[test]
fn plain_bullets_are_items_only_when_there_is_nothing_else() {
    let wb = imp("# Ops\n\n## Runbooks\n\n- Pager rota\n- Escalation\n").workbook;
    assert_eq!(titles(&wb, 0), ["Pager rota", "Escalation"]);
    let wb = imp("## Runbooks\n\n- Pager rota\n- [ ] Escalation\n").workbook;
    assert_eq!(titles(&wb, 0), ["Escalation"]);
}

#[test]
fn id_markers_are_used_when_unique() {
    let wb =
        imp("## A\n\n- [ ] One <!-- id: a.first -->\n- [ ] Two <!-- id: a.first -->\n").workbook;
    assert_eq!(wb.categories[0].items[0].id, "a.first");
    assert_eq!(wb.categories[0].items[1].id, "a.two");
}

#[test]
fn long_first_lines_are_cut_for_the_title() {
    let long = "Every public endpoint has rate limits. ".repeat(10);
    let wb = imp(&format!("- [ ] {long}\n")).workbook;
    let i = &wb.categories[0].items[0];
    assert_eq!(i.title, "Every public endpoint has rate limits…");
    assert_eq!(i.description, long.trim());
}

#[test]
fn bad_input_gets_clear_errors() {
    assert_eq!(import(b"", None), Err(ImportError::Empty));
    assert_eq!(
        import(b"# a\n\n- [ ] b\n\xff\n", None),
        Err(ImportError::NotUtf8 { line: 4 })
    );
    let err = import(b"# Just a title\n\nSome prose.\n", None).unwrap_err();
    assert!(
        err.to_string().starts_with("found no checklist items"),
        "{err}"
    );
}

#[test]
fn deep_nesting_is_folded_not_a_stack_overflow() {
    let mut md = String::from("- [ ] top\n");
    for depth in 1..2000 {
        md.push_str(&"  ".repeat(depth));
        md.push_str("- nested\n");
    }
    let wb = imp(&md).workbook;
    assert_eq!(wb.item_count(), 1);
    assert!(wb.categories[0].items[0].description.contains("nested"));
}

/// Task items nested past the depth limit are their parent's text, check
/// marks and all, and the item after them sits at the depth it is written
/// at, not under some grandparent.
#[test]
fn a_folded_list_is_its_parents_text_and_the_nesting_after_it_holds() {
    // One letter per level keeps the `a › b › …` titles under the cut.
    let names: Vec<String> = ('a'..='z').chain('A'..='H').map(String::from).collect();
    let mut md = String::new();
    for (depth, name) in names.iter().enumerate().take(MAX_DEPTH + 2) {
        md.push_str(&format!("{}- [ ] {name}\n", "  ".repeat(depth)));
    }
    md.push_str(&format!("{}- [ ] sibling\n", "  ".repeat(MAX_DEPTH - 1)));
    md.push_str("- [ ] after\n");
    let wb = imp(&md).workbook;
    let items: Vec<(&str, &str)> = wb
        .items()
        .map(|(_, i)| (i.title.as_str(), i.description.as_str()))
        .collect();
    let deepest = names[..MAX_DEPTH].join(" › ");
    let sibling = format!("{} › sibling", names[..MAX_DEPTH - 1].join(" › "));
    assert_eq!(items.len(), MAX_DEPTH + 2);
    assert_eq!(
        items[MAX_DEPTH - 1],
        (deepest.as_str(), "- [ ] G\n\n- [ ] H")
    );
    assert_eq!(items[MAX_DEPTH..], [(sibling.as_str(), ""), ("after", "")]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = import(&bytes, None);
    }

    #[test]
    fn markdownish_text_never_panics(text in "[-*#|:\\[\\]x \n0-9a-z.()<>!`>_]{0,400}") {
        if let Ok(imp) = import(text.as_bytes(), Some("P")) {
            prop_assert!(imp.workbook.validate().is_ok());
            prop_assert!(imp.workbook.item_count() > 0);
        }
    }

    #[test]
    fn mangled_fixtures_never_panic(cut in 0usize..7000, junk in "[-*#|:\\[\\]x \n<!>]{0,12}") {
        let src = fixture!("checklist-25.md");
        let cut = (0..=cut.min(src.len())).rev().find(|&c| src.is_char_boundary(c)).unwrap_or(0);
        let text = format!("{}{junk}{}", &src[..cut], &src[cut..]);
        if let Ok(imp) = import(text.as_bytes(), None) {
            prop_assert!(imp.workbook.validate().is_ok());
        }
    }
}

fn filled() -> Workbook {
    let mut wb = crate::storage::builtin_template();
    wb.project = "Payments API".into();
    wb.launch = NaiveDate::from_ymd_opt(2026, 5, 1);
    for (n, (_, _)) in wb.clone().items().enumerate() {
        let id = wb.items().nth(n).map(|(_, i)| i.id.clone()).unwrap();
        let i = wb.item_mut(&id).unwrap();
        i.status = Status::ALL[n % 5];
        if n % 3 == 0 {
            i.owner = format!("Owner {n}");
            i.due = NaiveDate::from_ymd_opt(2026, 4, 1 + (n as u32 % 28)).map(Due::On);
        }
        // Relative dues export as "T-3 (2026-04-28)" and read back as T-3.
        if n % 6 == 3 {
            i.due = i32::try_from(n).ok().map(|n| Due::FromLaunch(-n));
        }
        if matches!(i.status, Status::Mitigated | Status::NotApplicable) {
            i.mitigation.text = format!("Because *{n}* [reasons]\nsecond line");
            i.mitigation.accepted_by = "CTO".into();
            i.mitigation.until = NaiveDate::from_ymd_opt(2026, 9, 30);
        }
    }
    let i = wb.item_mut("reliability.slos").unwrap();
    i.title = "SLOs <published> | *really* #1".into();
    i.notes = "first\nsecond".into();
    i.evidence = vec!["https://example.com/slo".into()];
    wb
}

#[test]
fn export_then_import_keeps_titles_categories_ids_and_progress() {
    let wb = filled();
    let md =
        crate::export::markdown::to_markdown(&wb, NaiveDate::from_ymd_opt(2026, 3, 10).unwrap());
    let back = import(md.as_bytes(), None).unwrap();
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    let back = back.workbook;
    assert_eq!(back.project, wb.project);
    assert_eq!(back.description, wb.description);
    let names = |w: &Workbook| {
        w.categories
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&back), names(&wb));
    for ((c1, a), (c2, b)) in wb.items().zip(back.items()) {
        assert_eq!(c1.name, c2.name);
        assert_eq!(a.id, b.id);
        assert_eq!(a.title, b.title);
        assert_eq!(a.status, b.status, "{}", a.id);
        assert_eq!(a.owner, b.owner);
        assert_eq!(a.due, b.due);
        assert_eq!(a.mitigation, b.mitigation, "{}", a.id);
        assert_eq!(a.notes, b.notes);
        assert_eq!(a.evidence, b.evidence);
        assert_eq!(a.description, b.description, "{}", a.id);
    }
    assert_eq!(back.item_count(), wb.item_count());
}

#[test]
fn crlf_and_bom_import_like_lf() {
    let lf = fixture!("checklist-25.md");
    let mut crlf = "\u{feff}".to_owned();
    crlf.push_str(&lf.replace('\n', "\r\n"));
    assert_eq!(imp(&crlf).workbook, imp(lf).workbook);
}

fn imp_as(text: &str, items: ItemShape, item_column: Option<&str>) -> Imported {
    let options = MarkdownOptions {
        items,
        item_column: item_column.map(str::to_owned),
        ..MarkdownOptions::default()
    };
    import_with(text.as_bytes(), &options).unwrap()
}

const MIXED: &str = "# Mixed\n\n## Lists\n\n- [ ] A task\n\n## Table\n\n| Check | Status |\n|---|---|\n| A row | Done |\n\n## Questions\n\n### Is it a question?\n\nProse.\n";

#[test]
fn a_forced_shape_reads_only_its_blocks_and_counts_the_rest() {
    let all = imp_as(MIXED, ItemShape::Auto, None);
    assert_eq!(all.workbook.item_count(), 3);
    assert!(all.warnings.is_empty(), "{:?}", all.warnings);
    let only = |shape| {
        let i = imp_as(MIXED, shape, None);
        let t: Vec<String> = i.workbook.items().map(|(_, i)| i.title.clone()).collect();
        (t, i.warnings)
    };
    let (t, w) = only(ItemShape::Tasks);
    assert_eq!(t, ["A task"]);
    assert_eq!(
        w,
        [
            "1 table row not read as items (only task lists asked for)",
            "1 check heading not read as items (only task lists asked for)"
        ]
    );
    let (t, w) = only(ItemShape::Tables);
    assert_eq!(t, ["A row"]);
    assert_eq!(w.len(), 2);
    assert!(w[0].starts_with("1 task-list item not read"), "{w:?}");
    let (t, _) = only(ItemShape::Headings);
    assert_eq!(t, ["Is it a question?"]);
}

#[test]
fn a_forced_shape_that_finds_nothing_says_what_it_expected() {
    let options = MarkdownOptions {
        items: ItemShape::Tables,
        ..MarkdownOptions::default()
    };
    let err = import_with(b"- [ ] a task\n", &options).unwrap_err();
    assert_eq!(
        err.to_string(),
        "found no checklist items: expected tables with a column of checks"
    );
}

#[test]
fn item_column_names_the_column_of_checks() {
    let md = "| Area | Control | Status |\n|---|---|---|\n| Net | TLS everywhere | Done |\n";
    let wb = imp_as(md, ItemShape::Auto, Some(" area ")).workbook;
    let i = wb.items().next().unwrap().1;
    assert_eq!(i.title, "Net");
    assert_eq!(i.status, Status::Done);
    assert_eq!(i.description, "Control: TLS everywhere");
    let md = format!("{md}\n- [ ] a task\n");
    let i = imp_as(&md, ItemShape::Auto, Some("Nope"));
    assert_eq!(i.workbook.item_count(), 1);
    assert_eq!(
        i.warnings,
        ["line 1: table (Area | Control | Status) skipped: no column is named \"Nope\""]
    );
}

#[test]
fn shapes_parse_from_their_names() {
    for shape in ItemShape::ALL {
        assert_eq!(shape.name().parse::<ItemShape>(), Ok(shape));
        assert_eq!(shape.to_string(), shape.name());
        assert!(!shape.label().is_empty());
    }
    assert_eq!("TABLES".parse::<ItemShape>(), Ok(ItemShape::Tables));
    assert!(
        "rows"
            .parse::<ItemShape>()
            .unwrap_err()
            .contains("auto, tasks")
    );
    assert_eq!(ItemShape::default(), ItemShape::Auto);
}
