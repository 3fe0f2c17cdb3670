//! One test per shape of checklist and per warning, each on a small
//! fixture of our own in `tests/fixtures/checklists/shapes/`.

use super::*;
use crate::model::Workbook;

macro_rules! shape {
    ($name:literal) => {
        include_str!(concat!("../../../tests/fixtures/checklists/shapes/", $name))
    };
}

fn imp(text: &str) -> Imported {
    import(text.as_bytes(), None).unwrap()
}

fn imp_as(text: &str, items: ItemShape) -> Result<Imported, ImportError> {
    let options = MarkdownOptions {
        items,
        ..MarkdownOptions::default()
    };
    import_with(text.as_bytes(), &options)
}

fn names(wb: &Workbook) -> Vec<&str> {
    wb.categories.iter().map(|c| c.name.as_str()).collect()
}

fn titles(wb: &Workbook) -> Vec<&str> {
    wb.items().map(|(_, i)| i.title.as_str()).collect()
}

fn item<'a>(wb: &'a Workbook, title: &str) -> &'a Item {
    wb.items()
        .map(|(_, i)| i)
        .find(|i| i.title == title)
        .unwrap_or_else(|| panic!("no item {title:?} in {:?}", titles(wb)))
}

#[test]
fn tables_take_the_check_column_by_content_bold_first_with_or_without_status() {
    let imp = imp(shape!("tables.md"));
    let wb = &imp.workbook;
    assert_eq!(names(wb), ["Performance", "Accessibility"]);
    assert_eq!(
        titles(wb),
        [
            "Images are compressed",
            "Fonts are subset",
            "Every image has alt text",
            "Focus is always visible"
        ]
    );
    let images = item(wb, "Images are compressed");
    assert_eq!(images.status, Status::Done);
    assert_eq!(images.description, "Faster pages");
    assert_eq!(item(wb, "Fonts are subset").status, Status::NotStarted);
    let alt = item(wb, "Every image has alt text");
    assert_eq!(alt.notes, "See WCAG");
    assert_eq!(alt.description, "Links: https://www.w3.org/WAI/");
}

#[test]
fn tables_that_are_not_checklists_are_skipped_each_with_a_warning() {
    let imp = imp(shape!("tables.md"));
    assert_eq!(
        imp.warnings,
        [
            "line 19: table (Level | SLO) skipped: no column holds checks (by its header: Check, Item, Task, Title…; or by its cells)",
            "line 26: table (Name | Email) skipped: it lists contacts, not checks",
            "line 32: table (Item | Waiver) skipped: it lists waivers or exceptions, not checks",
        ]
    );
}

#[test]
fn none_required_rows_are_not_checks() {
    let imp = imp("| Check | Status |\n|---|---|\n| None required | |\n| Real check | Done |\n");
    assert_eq!(titles(&imp.workbook), ["Real check"]);
    assert_eq!(
        imp.warnings,
        ["line 3: table row “None required” skipped: it holds no check"]
    );
}

#[test]
fn nested_tasks_are_items_titled_with_their_parents() {
    let imp = imp(shape!("nested.md"));
    let wb = &imp.workbook;
    assert_eq!(
        titles(wb),
        [
            "Monitoring is in place",
            "Monitoring is in place › Dashboards exist",
            "Monitoring is in place › Alerts page the on-call",
            "Monitoring is in place › Alerts page the on-call › Alert runbooks are linked",
            "Security › Pen test booked",
            "A task whose text is long and wraps onto a second line in the source",
            "Backups restore",
        ]
    );
    assert_eq!(
        item(wb, "Monitoring is in place › Dashboards exist").status,
        Status::Done
    );
    assert_eq!(
        item(wb, "Monitoring is in place").description,
        "- a note about monitoring\n\nLinks: https://wiki.example.com/monitoring"
    );
    // A `<br>` ends the title like a hard break.
    assert_eq!(item(wb, "Backups restore").description, "in under an hour");
}

#[test]
fn plain_bullets_beside_tasks_are_dropped_with_a_warning() {
    let imp = imp(shape!("nested.md"));
    assert_eq!(
        imp.warnings,
        ["line 18: 2 plain bullets under “Further reading” not imported (not task items)"]
    );
}

#[test]
fn repeated_section_names_keep_their_parent() {
    let wb = imp(shape!("sections.md")).workbook;
    assert_eq!(
        names(&wb),
        ["HTML › Best practices", "Images › Best practices", "Tools"]
    );
    assert_eq!(wb.categories[0].id, "html-best-practices");
}

#[test]
fn heading_per_check_documents_are_read_by_auto_and_by_headings() {
    for shape in [ItemShape::Auto, ItemShape::Headings] {
        let imp = imp_as(shape!("headings.md"), shape).unwrap();
        let wb = &imp.workbook;
        assert_eq!(wb.project, "Service launch review", "front matter names it");
        assert_eq!(wb.description, "Reviewed before every launch.");
        assert_eq!(names(wb), ["Reliability", "Security"]);
        assert_eq!(
            titles(wb),
            [
                "Every service has a health endpoint",
                "Deploys roll back by themselves",
                "Secrets come from the vault"
            ]
        );
        let health = item(wb, "Every service has a health endpoint");
        assert_eq!(
            health.description,
            "The orchestrator restarts instances whose /healthz fails.\n\ncurl -f localhost:8080/healthz"
        );
        assert_eq!(
            health.evidence,
            ["https://git.example.com/deploy/probe.yaml"]
        );
        // HTML is text: no tags, the break a line.
        assert_eq!(
            item(wb, "Secrets come from the vault").description,
            "No secret is in the repository.\nRotation is quarterly.\n\nHow to check\n\nRun the scanner."
        );
        assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    }
    let tasks = imp_as(shape!("headings.md"), ItemShape::Tasks);
    assert!(matches!(tasks, Err(ImportError::NoItems(_))));
}

#[test]
fn sections_without_a_category_are_checks_only_when_asked() {
    let md = "# Doc\n\n## Use TLS\n\nAll traffic.\n\n## Rotate keys\n\nYearly.\n";
    assert!(imp_as(md, ItemShape::Auto).is_err());
    let wb = imp_as(md, ItemShape::Headings).unwrap().workbook;
    assert_eq!(titles(&wb), ["Use TLS", "Rotate keys"]);
    assert_eq!(names(&wb), ["General"]);
}

#[test]
fn badges_are_not_links_and_links_in_items_are_kept() {
    let imp = imp(shape!("inline.md"));
    let wb = &imp.workbook;
    assert_eq!(wb.project, "Tool");
    assert_eq!(
        item(wb, "Docs are published, see the guide").description,
        "Links: https://docs.example.com/guide"
    );
    assert_eq!(
        item(wb, "Release notes are written").description,
        "make notes\n\nMore at notes.\n\nStray paragraph after the list.\n\nLinks: https://notes.example.com"
    );
    assert_eq!(wb.description, "");
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
}

#[test]
fn blocks_right_after_a_task_belong_to_it() {
    // The Front-End Checklist's shape: a task, then its code and a quoted
    // list of references at the top level, not indented under it.
    let imp = imp(shape!("following.md"));
    let wb = &imp.workbook;
    assert_eq!(names(wb), ["Meta tag"]);
    assert_eq!(
        titles(wb),
        [
            "Doctype: The Doctype is HTML5.",
            "Charset: The charset is declared."
        ]
    );
    assert_eq!(
        item(wb, "Doctype: The Doctype is HTML5.").description,
        "<!doctype html>\n\n- 📖 Doctype - MDN\n\nLinks: https://developer.mozilla.org/docs/Glossary/Doctype"
    );
    assert_eq!(
        imp.warnings,
        ["line 19: 1 plain bullet under “Further reading” not imported (not task items)"]
    );
}

#[test]
fn text_before_any_heading_and_item_is_dropped_with_a_warning() {
    let imp = imp("Intro words.\n\n## A\n\n- [ ] item\n");
    assert_eq!(
        imp.warnings,
        ["line 1: text outside any section not imported (not part of an item): “Intro words.”"]
    );
}

#[test]
fn dropped_code_and_text_under_headings_are_named_by_line() {
    let md =
        "# P\n\n## A\n\nIntro with [a link](https://a.test).\n\n```\nsnippet\n```\n\n- [ ] item\n";
    let imp = imp(md);
    assert_eq!(
        imp.warnings,
        [
            "line 5: text under “A” not imported (not part of an item): “Intro with a link.” (links: https://a.test)",
            "line 7: code block under “A” not imported (not part of an item): “snippet”",
        ]
    );
}

#[test]
fn evidence_lines_take_their_links_and_words_stay_words() {
    let md = "- [ ] Backups\n\n  **Evidence**: [restore log](https://logs.test/r1), [drill](https://logs.test/d)\n- [ ] Audit\n\n  Evidence: the signed form in the binder\n";
    let wb = imp(md).workbook;
    assert_eq!(
        item(&wb, "Backups").evidence,
        ["https://logs.test/r1", "https://logs.test/d"]
    );
    let imp = super::import(md.as_bytes(), None).unwrap();
    let audit = item(&imp.workbook, "Audit");
    assert!(audit.evidence.is_empty());
    assert_eq!(
        audit.notes,
        "Evidence in the source: the signed form in the binder"
    );
    assert_eq!(
        imp.warnings,
        [
            "line 6: evidence \"the signed form in the binder\" is not a list of links; kept in the notes"
        ]
    );
}

#[test]
fn front_matter_without_title_and_html_comments_between_items_are_quiet() {
    let md = "---\nowner: x\n---\n<!-- generated -->\n# Named by heading\n\n- [ ] a\n";
    let imp = imp(md);
    assert_eq!(imp.workbook.project, "Named by heading");
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    assert_eq!(
        headings::front_matter_title("title: 'Quoted  one'\n"),
        Some("Quoted one".into())
    );
    assert_eq!(headings::front_matter_title("title:\n"), None);
}

#[test]
fn an_html_title_names_the_project_and_badges_are_quiet() {
    let md = "<h1 align=\"center\">\n<img src=\"logo.png\"><br>\n  Front  Checklist\n</h1>\n\n<p>\n<a href=\"https://ci.test\"><img src=\"badge.svg\"></a>\n</p>\n\nWhat it is.\n\n## A\n\n- [ ] item\n";
    let imp = imp(md);
    assert_eq!(imp.workbook.project, "Front Checklist");
    assert_eq!(imp.workbook.description, "What it is.");
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
}

/// Links in an HTML block inside an item (a `<details>` with a runbook
/// link) stay with the item; only an HTML `<h1>` at the top names the
/// project, not any HTML block before the title.
#[test]
fn html_blocks_keep_their_links_and_only_an_h1_names_the_project() {
    let md = "<p align=\"center\">Badges and a banner</p>\n\n# Launch list\n\n## Ops\n\n- [ ] Backups restored\n\n  <details><summary>How</summary>See <a href=\"https://runbook.test/restore\">the runbook</a></details>\n";
    let imp = imp(md);
    assert_eq!(imp.workbook.project, "Launch list");
    let backups = item(&imp.workbook, "Backups restored");
    let kept = format!("{} {:?}", backups.description, backups.evidence);
    assert!(kept.contains("https://runbook.test/restore"), "{kept}");
}

/// With no header naming the check, a bold column wins only when most of
/// its cells are bold: one bold cell of two does not move the check.
#[test]
fn a_column_is_the_bold_one_only_when_most_of_its_cells_are_bold() {
    let md = "| Goal | Reason |\n|---|---|\n| Pages load fast | Users leave slow pages |\n| Images are small | **Bandwidth** costs money |\n";
    let wb = imp(md).workbook;
    assert_eq!(titles(&wb), ["Pages load fast", "Images are small"]);
    let md = "| Context | Goal |\n|---|---|\n| Pages were slow | **Images are compressed** |\n| Fonts were big | **Fonts are subset** |\n";
    let wb = imp(md).workbook;
    assert_eq!(titles(&wb), ["Images are compressed", "Fonts are subset"]);
}

/// A table whose cells are mostly e-mail addresses is a contact list,
/// whatever its header says.
#[test]
fn a_table_of_addresses_is_skipped_as_contacts() {
    let md = "| Team | Reach |\n|---|---|\n| Payments on-call | pay@example.com |\n| Storage on-call | store@example.com |\n| Search on-call | see the wiki |\n\n- [ ] a task\n";
    let imp = imp(md);
    assert_eq!(titles(&imp.workbook), ["a task"]);
    assert_eq!(
        imp.warnings,
        ["line 1: table (Team | Reach) skipped: it lists contacts, not checks"]
    );
}

/// `auto` reads a heading-per-check level only in a document with no other
/// items: beside task items, prose under headings is named as dropped.
#[test]
fn beside_task_items_headings_with_prose_are_not_checks() {
    let md = "# Doc\n\n## Ops\n\n- [ ] Backups restored\n\n## Security\n\n### Secrets come from the vault\n\nNo secret is in the repo.\n\n### TLS everywhere\n\nAll traffic is encrypted.\n";
    let imp = imp(md);
    assert_eq!(titles(&imp.workbook), ["Backups restored"]);
    assert_eq!(
        imp.warnings,
        [
            "line 11: text under “Secrets come from the vault” not imported (not part of an item): “No secret is in the repo.”",
            "line 15: text under “TLS everywhere” not imported (not part of an item): “All traffic is encrypted.”",
        ]
    );
}

/// A heading inside a task item is a heading of its own: it does not run
/// into the task's text.
#[test]
fn a_heading_inside_a_task_item_leaves_the_task_title_alone() {
    let md = "## Ops\n\n- [ ] Backups restored\n  ### Notes\n";
    let wb = imp(md).workbook;
    assert_eq!(titles(&wb), ["Backups restored"]);
}

/// Only `:shortcode:` emoji are taken off a heading's start; other text
/// between colons is the heading's own.
#[test]
fn a_heading_keeps_colon_text_that_is_not_an_emoji_shortcode() {
    let md = "## :lock: Security\n\n- [ ] a\n\n## :Ops team: duties\n\n- [ ] b\n";
    let wb = imp(md).workbook;
    assert_eq!(names(&wb), ["Security", ":Ops team: duties"]);
}

/// `auto` takes a level of headings for checks only when at least half of
/// them have prose under them: a level of mostly bullet lists is sections.
#[test]
fn headings_mostly_over_bullet_lists_are_sections_not_checks() {
    let md = "# Doc\n\n## Security\n\n### Vault\n\nSecrets live there.\n\n### Keys\n\nRotated yearly.\n\n### Reading\n\n- the TLS guide\n\n### People\n\n- Ann on call\n\n### Tools\n\n- the scanner\n";
    let wb = imp(md).workbook;
    assert_eq!(titles(&wb), ["the TLS guide", "Ann on call", "the scanner"]);
}

/// A link around a badge (an image, no words) is no link of the item's.
#[test]
fn a_badge_in_a_task_item_adds_no_link() {
    let md = "- [ ] Build is green [![CI](https://ci.test/badge.svg)](https://ci.test/job)\n";
    let wb = imp(md).workbook;
    let i = wb.items().next().unwrap().1;
    assert_eq!(i.title, "Build is green");
    assert_eq!(i.description, "");
}

/// After a block quote, a plain list is no longer the quoted references of
/// the task before it.
#[test]
fn a_plain_list_after_a_quote_is_not_the_tasks() {
    let md = "- [ ] Backups restored\n\n> Ask the DBA first.\n\n- a plain bullet\n";
    let imp = imp(md);
    let i = imp.workbook.items().next().unwrap().1;
    assert_eq!(imp.workbook.item_count(), 1);
    assert!(!i.description.contains("plain bullet"), "{}", i.description);
    assert_eq!(
        imp.warnings,
        ["line 5: 1 plain bullet outside any section not imported (not task items)"]
    );
}

/// An empty heading (a placeholder) below the checks is not a deeper level
/// of checks.
#[test]
fn an_empty_sub_heading_does_not_move_the_level_of_checks() {
    let md = "# Doc\n\n## Security\n\n### Secrets live in the vault\n\nNo secret in the repo.\n\n### Keys are rotated\n\nYearly.\n\n#### TODO\n";
    let wb = imp(md).workbook;
    assert_eq!(
        titles(&wb),
        ["Secrets live in the vault", "Keys are rotated"]
    );
}

/// An ID marker in a table's check cell is the item's ID.
#[test]
fn an_id_marker_in_a_check_cell_is_the_items_id() {
    let md =
        "| Check | Status |\n|---|---|\n| Backups restored <!-- id: ops.backups --> | Done |\n";
    let wb = imp(md).workbook;
    let i = wb.items().next().unwrap().1;
    assert_eq!(
        (i.id.as_str(), i.title.as_str()),
        ("ops.backups", "Backups restored")
    );
}

/// `--items headings` takes a level of headings only when at least half of
/// them have prose under them.
#[test]
fn forced_headings_need_half_of_their_level_to_read_as_checks() {
    let md = "## Security\n\n### Vault\n\nSecrets live there.\n\n### Reading\n\n- the TLS guide\n\n### People\n\n- Ann on call\n";
    assert!(matches!(
        imp_as(md, ItemShape::Headings),
        Err(ImportError::NoItems(_))
    ));
}

/// Heading-per-check items under same-named sections of different parents
/// keep the parent in their category, as task items do.
#[test]
fn repeated_sections_of_heading_checks_keep_their_parent() {
    let md = "# Doc\n\n## HTML\n\n### Best practices\n\n#### Pages validate\n\nRun the validator.\n\n#### Pages are small\n\nUnder 1 MB.\n\n## Images\n\n### Best practices\n\n#### Images are compressed\n\nUse the optimizer.\n";
    let wb = imp(md).workbook;
    assert_eq!(
        names(&wb),
        ["HTML › Best practices", "Images › Best practices"]
    );
}

/// Question headings and table rows under same-named sections of different
/// parents keep the parent in their category, as task items do.
#[test]
fn repeated_sections_of_questions_and_table_rows_keep_their_parent() {
    let questions = "# Doc\n\n## HTML\n\n### Best practices\n\n#### Is the doctype set?\n\n## Images\n\n### Best practices\n\n#### Are images compressed?\n";
    let table = "# Doc\n\n## HTML\n\n### Best practices\n\n| Check | Notes |\n|---|---|\n| Doctype is set | always |\n\n## Images\n\n### Best practices\n\n| Check | Notes |\n|---|---|\n| Images are compressed | lossless |\n";
    for md in [questions, table] {
        assert_eq!(
            names(&imp(md).workbook),
            ["HTML › Best practices", "Images › Best practices"],
            "{md}"
        );
    }
}

/// A paragraph right after a task (not indented under it) brings its links
/// to the task, and a URL written out in the text is not listed again.
#[test]
fn a_paragraph_after_a_task_brings_its_links_once() {
    let md = "- [ ] Backups restored\n\nSee [the runbook](https://runbook.test/backups).\n\n- [ ] Failover drilled\n\n  Notes at <https://wiki.test/failover>.\n";
    let wb = imp(md).workbook;
    assert_eq!(
        item(&wb, "Backups restored").description,
        "See the runbook.\n\nLinks: https://runbook.test/backups"
    );
    assert_eq!(
        item(&wb, "Failover drilled").description,
        "Notes at https://wiki.test/failover."
    );
}

/// A contact column (phone, Slack…) makes a contact list only in a table
/// without a status column; half the rows holding an address is not yet
/// one.
#[test]
fn contact_columns_and_addresses_make_a_contact_list_only_without_status() {
    let md = "| Item | Pager |\n|---|---|\n| Payments on-call | +1 555 0100 |\n\n| Check | Status | Contact |\n|---|---|---|\n| Backups restored | Done | Ann |\n\n| Check | Who |\n|---|---|\n| Failover drilled | ops@example.com |\n| Alerts routed | the SRE team |\n";
    let imp = imp(md);
    assert_eq!(
        titles(&imp.workbook),
        ["Backups restored", "Failover drilled", "Alerts routed"]
    );
    assert_eq!(
        imp.warnings,
        ["line 1: table (Item | Pager) skipped: it lists contacts, not checks"]
    );
}

/// Without a header naming the check, a column reads as checks only when
/// more than half of its cells are wordy: half is not enough.
#[test]
fn half_wordy_cells_are_not_a_column_of_checks() {
    let md =
        "| Area | Target |\n|---|---|\n| Backups restored | 99 |\n| P1 | 42 |\n\n- [ ] a task\n";
    let imp = imp(md);
    assert_eq!(titles(&imp.workbook), ["a task"]);
    assert_eq!(imp.warnings.len(), 1, "{:?}", imp.warnings);
    assert!(
        imp.warnings[0]
            .starts_with("line 1: table (Area | Target) skipped: no column holds checks"),
        "{:?}",
        imp.warnings
    );
}

/// `--items headings` reads statement headings beside task items, but a
/// document that asks questions in its headings is read by its questions.
#[test]
fn forced_headings_read_statements_beside_tasks_and_questions_first() {
    let md = "# Doc\n\n## Ops\n\n- [ ] Backups restored\n\n## Security\n\n### Secrets come from the vault\n\nNo secret is in the repo.\n\n### TLS everywhere\n\nAll traffic is encrypted.\n";
    let imp = imp_as(md, ItemShape::Headings).unwrap();
    assert_eq!(
        titles(&imp.workbook),
        ["Secrets come from the vault", "TLS everywhere"]
    );
    assert_eq!(
        imp.warnings,
        ["1 task-list item not read as items (only headings asked for)"]
    );
    let md = "# Doc\n\n## Security\n\n### Is TLS on everywhere?\n\nCheck the load balancers.\n\n## Ops\n\n### Backups are restored\n\nEvery month.\n\n### Failover is drilled\n\nEvery quarter.\n";
    let wb = imp_as(md, ItemShape::Headings).unwrap().workbook;
    assert_eq!(titles(&wb), ["Is TLS on everywhere?"]);
}

/// Prose before any heading is never a check heading's body, even when
/// headings are forced.
#[test]
fn text_before_any_heading_is_no_check_heading() {
    let md = "Read this first.\n\n# Doc\n\n## Ops\n\n- a bullet\n";
    assert!(matches!(
        imp_as(md, ItemShape::Headings),
        Err(ImportError::NoItems(_))
    ));
}

/// A document of plain bullets imports them as items and warns of nothing.
#[test]
fn plain_bullets_read_as_items_are_not_named_as_dropped() {
    let imp = imp("# Doc\n\n## Ops\n\n- Backups restored\n- Failover drilled\n");
    assert_eq!(
        titles(&imp.workbook),
        ["Backups restored", "Failover drilled"]
    );
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
}

/// A quote in a tight task item is its description, apart from the title.
#[test]
fn a_quote_in_a_tight_task_item_is_its_description() {
    let wb = imp("- [ ] Backups restored\n  > restore tested on staging\n").workbook;
    let i = item(&wb, "Backups restored");
    assert_eq!(i.description, "restore tested on staging");
}
