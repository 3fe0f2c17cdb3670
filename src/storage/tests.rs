use super::*;
use crate::model::{Category, Conflict, Item, Mitigation, Person, Status};

mod golden;
mod props;
mod reviews;

fn kind_of(bytes: &[u8]) -> LoadErrorKind {
    parse(bytes).expect_err("should be rejected").kind
}

fn template_text() -> String {
    BUILTIN_TEMPLATE.to_owned()
}

#[test]
fn builtin_template_is_canonical_and_has_25_items_in_5_categories() {
    let wb = parse(BUILTIN_TEMPLATE.as_bytes()).unwrap().workbook;
    assert_eq!(wb.categories.len(), 5);
    let names: Vec<_> = wb.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Reliability",
            "Observability",
            "Security",
            "Performance",
            "Operations"
        ]
    );
    assert!(wb.categories.iter().all(|c| c.items.len() == 5));
    assert_eq!(wb.item_count(), 25);
    wb.validate().unwrap();
    for (c, i) in wb.items() {
        assert!(i.id.starts_with(&format!("{}.", c.id)), "{}", i.id);
        assert!(!i.description.is_empty(), "{} needs a description", i.id);
    }
    // A re-check interval only where the checklist's own words ask for one:
    // the restore drill "done and timed this quarter".
    let rechecked: Vec<_> = wb
        .items()
        .filter_map(|(_, i)| Some((i.id.as_str(), i.every?.to_string())))
        .collect();
    assert_eq!(rechecked, [("reliability.backups", "quarterly".to_owned())]);
    assert!(wb.items().all(|(_, i)| i.verified.is_none()));
    assert_eq!(
        to_string(&wb).unwrap(),
        BUILTIN_TEMPLATE,
        "template file is not canonical"
    );
}

#[test]
fn resave_is_byte_identical_and_reversal_restores_bytes() {
    let text = template_text();
    let mut wb = parse(text.as_bytes()).unwrap().workbook;
    assert_eq!(to_string(&wb).unwrap(), text);
    let before = wb.categories[1].items[2].clone();
    wb.categories[1].items[2].owner = "Zoë Łukasz".into();
    wb.categories[1].items[2].status = Status::Done;
    let edited = to_string(&wb).unwrap();
    assert_ne!(edited, text);
    wb.categories[1].items[2] = before;
    assert_eq!(to_string(&wb).unwrap(), text);
}

#[test]
fn workbook_conflicts_are_written_last_and_resolving_them_restores_the_bytes() {
    let text = template_text();
    let mut wb = parse(text.as_bytes()).unwrap().workbook;
    wb.conflicts.push(Conflict {
        field: "launch".into(),
        ours: "2026-04-01".into(),
        theirs: "2026-05-01".into(),
    });
    let written = to_string(&wb).unwrap();
    let tail = "    conflicts: [\n        (\n            field: \"launch\",\n            ours: \"2026-04-01\",\n            theirs: \"2026-05-01\",\n        ),\n    ],\n)\n";
    assert!(written.ends_with(tail), "{written}");
    let back = parse(written.as_bytes()).unwrap();
    assert!(back.unknown_fields.is_empty());
    assert_eq!(back.workbook, wb);
    wb.conflicts.clear();
    assert_eq!(to_string(&wb).unwrap(), text, "no empty list is written");
}

#[test]
fn one_field_edit_changes_one_line() {
    let text = template_text();
    let mut wb = parse(text.as_bytes()).unwrap().workbook;
    wb.categories[0].items[0].owner = "李雷".into();
    let edited = to_string(&wb).unwrap();
    let changed: Vec<_> = text
        .lines()
        .zip(edited.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].1.trim(), "owner: \"李雷\",");
}

#[test]
fn multiline_notes_stay_on_one_line() {
    let mut wb = parse(BUILTIN_TEMPLATE.as_bytes()).unwrap().workbook;
    wb.categories[0].items[0].notes = "line one\nline two\r\n\ttabbed \"quoted\"".into();
    let text = to_string(&wb).unwrap();
    assert!(!text.contains('\r'));
    let back = parse(text.as_bytes()).unwrap().workbook;
    assert_eq!(back, wb);
}

#[test]
fn accepts_bom_and_crlf() {
    let text = template_text();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    let wb = parse(&bytes).unwrap().workbook;
    assert_eq!(
        to_string(&wb).unwrap(),
        text,
        "saves back as LF without BOM"
    );
}

#[test]
fn rejects_empty_file() {
    assert!(matches!(kind_of(b""), LoadErrorKind::Empty));
    assert!(matches!(kind_of(b"  \n\t\n"), LoadErrorKind::Empty));
    assert!(matches!(kind_of(b"\xEF\xBB\xBF"), LoadErrorKind::Empty));
}

#[test]
fn rejects_non_utf8_with_position() {
    let mut bytes = b"(\n    format: \"shipshape-workbook\",\n    project: \"a".to_vec();
    bytes.push(0xff);
    let err = parse(&bytes).unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::NotUtf8));
    assert_eq!(err.position, Some((3, 16)));
}

#[test]
fn rejects_foreign_files() {
    assert!(matches!(
        kind_of(b"{\"project\": \"x\"}"),
        LoadErrorKind::NotAWorkbook(_)
    ));
    assert!(matches!(
        kind_of(b"hello world"),
        LoadErrorKind::NotAWorkbook(_)
    ));
    assert!(matches!(
        kind_of(b"(project: \"x\", categories: [])"),
        LoadErrorKind::NotAWorkbook(_)
    ));
    assert!(matches!(
        kind_of(b"(format: \"something-else\", version: 1, project: \"x\")"),
        LoadErrorKind::NotAWorkbook(_)
    ));
}

#[test]
fn rejects_git_conflict_markers_with_line() {
    let text = template_text().replacen(
        "                    owner: \"\",\n",
        "<<<<<<< HEAD\n                    owner: \"Ann\",\n=======\n                    owner: \"Bob\",\n>>>>>>> theirs\n",
        1,
    );
    let err = parse(text.as_bytes()).unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::ConflictMarkers));
    assert!(err.to_string().contains("unresolved git conflict markers"));
    assert_eq!(err.position.unwrap().0, 19);
}

#[test]
fn refuses_newer_version_even_when_schema_changed() {
    let text = template_text().replace("version: 1,", "version: 7,");
    assert!(matches!(
        kind_of(text.as_bytes()),
        LoadErrorKind::NewerVersion {
            found: 7,
            supported: 3
        }
    ));
    // A future version whose body this build cannot parse at all.
    let text = "(format: \"shipshape-workbook\", version: 4, project: 5, categories: {})";
    assert!(matches!(
        kind_of(text.as_bytes()),
        LoadErrorKind::NewerVersion { found: 4, .. }
    ));
}

#[test]
fn rejects_invalid_date_with_position() {
    let text = template_text().replacen("due: None", "due: Some(\"2026-02-30\")", 1);
    let err = parse(text.as_bytes()).unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::InvalidDate(_)), "{err}");
    assert!(err.to_string().contains("2026-02-30"), "{err}");
    let (line, _) = err.position.unwrap();
    assert_eq!(line, 20, "{err}");
}

#[test]
fn rejects_duplicate_ids_at_the_second_one() {
    let text = template_text().replace(
        "id: \"reliability.autoscaling\"",
        "id: \"reliability.slos\"",
    );
    let err = parse(text.as_bytes()).unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::Invalid(_)));
    assert!(err.to_string().contains("reliability.slos"));
    // The line of the second `id:`, found rather than written down, so a
    // new item field (one more line per item) does not move it.
    let second = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("id: \"reliability.slos\""))
        .nth(1)
        .map(|(n, _)| n + 1);
    assert!(second.is_some());
    assert_eq!(err.position.map(|p| p.0), second);
}

#[test]
fn rejects_extensions_header() {
    let text = format!("// comment\n#![enable(implicit_some)]\n{}", template_text());
    let err = parse(text.as_bytes()).unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::ExtensionsHeader));
    assert_eq!(err.position, Some((2, 1)));
}

#[test]
fn syntax_errors_have_line_and_column() {
    let text = template_text().replacen("status: NotStarted", "status: Finished", 1);
    let err = parse(text.as_bytes()).unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::Syntax(_)), "{err}");
    assert_eq!(err.position.unwrap().0, 18);
    let truncated = &template_text()[..500];
    let err = parse(truncated.as_bytes()).unwrap_err();
    assert!(err.position.is_some(), "{err}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let text = format!(
        "(format: \"shipshape-workbook\", version: 1, project: \"x\", people: {}{})",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(parse(text.as_bytes()).is_err());
}

#[test]
fn unknown_fields_are_reported_and_block_saving_over() {
    let text = template_text().replacen(
        "                    notes: \"\",\n",
        "                    notes: \"\",\n                    risk: High,\n",
        1,
    );
    let parsed = parse(text.as_bytes()).unwrap();
    assert_eq!(
        parsed.unknown_fields,
        vec!["categories.0.items.0.risk".to_owned()]
    );
    let loaded = load_bytes(text.as_bytes()).unwrap();
    let err = loaded
        .check_save_over(Path::new("w.shipshape.ron"))
        .unwrap_err();
    assert!(err.to_string().contains("risk"), "{err}");
}

#[test]
fn load_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.shipshape.ron");
    std::fs::write(
        &p,
        template_text().replacen("status: NotStarted", "status: ??", 1),
    )
    .unwrap();
    let msg = load(&p).unwrap_err().to_string();
    assert!(msg.starts_with(&format!("{}:18:", p.display())), "{msg}");

    let missing = dir.path().join("missing.shipshape.ron");
    let msg = load(&missing).unwrap_err().to_string();
    assert!(msg.contains("missing.shipshape.ron"), "{msg}");
    assert!(matches!(
        load(dir.path()).unwrap_err().kind,
        LoadErrorKind::NotAFile(_)
    ));
}

#[test]
fn oversized_file_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.shipshape.ron");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(MAX_FILE_BYTES + 10).unwrap();
    assert!(matches!(
        load(&p).unwrap_err().kind,
        LoadErrorKind::TooLarge(_)
    ));
}

#[cfg(unix)]
#[test]
fn endless_stream_is_refused() {
    let err = load(Path::new("/dev/zero")).unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::NotAFile(_)));
}

#[cfg(unix)]
#[test]
fn fifo_without_writer_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("w.shipshape.ron");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !status.is_ok_and(|s| s.success()) {
        return; // no mkfifo on this system
    }
    assert!(matches!(
        load(&fifo).unwrap_err().kind,
        LoadErrorKind::NotAFile(_)
    ));
}

#[test]
fn failed_save_leaves_original_untouched() {
    // A name of 255 bytes, the most a file name may have: the file exists,
    // but the temporary file's longer name cannot be made, by root either.
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}{FILE_SUFFIX}", "w".repeat(255 - FILE_SUFFIX.len()));
    let p = dir.path().join(&name);
    std::fs::write(&p, BUILTIN_TEMPLATE).unwrap();
    let mut wb = builtin_template();
    wb.project = "changed".into();
    let err = save(&p, &wb).unwrap_err();
    assert!(err.to_string().contains(&name), "{err}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), BUILTIN_TEMPLATE);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn comments_are_found_outside_strings_only() {
    let text = template_text();
    assert_eq!(parse(text.as_bytes()).unwrap().comment, None);
    let quoted = text.replacen(
        "notes: \"\"",
        "notes: \"see https://x//y and /* this */ \\\" // too\"",
        1,
    );
    let parsed = parse(quoted.as_bytes()).unwrap();
    assert_eq!(
        parsed.comment, None,
        "comment marks inside strings are text"
    );
    let commented = quoted.replacen(
        "    project:",
        "    // The service we launch\n    project:",
        1,
    );
    let parsed = parse(commented.as_bytes()).unwrap();
    assert_eq!(parsed.comment, Some((4, 5)));
    let block = text.replacen("    project:", "    /* owner: SRE */ project:", 1);
    assert_eq!(parse(block.as_bytes()).unwrap().comment, Some((4, 5)));
}

#[test]
fn saving_refuses_what_could_not_be_read_back_and_read_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.shipshape.ron");
    let mut wb = builtin_template();
    save(&path, &wb).unwrap();
    let before = std::fs::read(&path).unwrap();
    wb.categories[0].items[0].notes = "x".repeat(MAX_FILE_BYTES as usize);
    let err = save(&path, &wb).unwrap_err();
    assert!(matches!(err, SaveError::TooLarge { .. }), "{err}");
    assert!(
        err.to_string().contains("could not be opened again"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");

    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    wb.categories[0].items[0].notes = "small".into();
    let err = save(&path, &wb).unwrap_err();
    assert!(matches!(err, SaveError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("is read-only"), "{err}");
    assert!(is_read_only(&path));
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
}

#[test]
fn save_keeping_puts_the_replaced_version_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let state = StateDir::at(dir.path().join("state"));
    let path = dir.path().join("w.shipshape.ron");
    let mut wb = builtin_template();
    let first = save_keeping(&path, &wb, Some(&state)).unwrap();
    assert_eq!(first.history_error, None);
    assert!(
        state.history(&path).versions().unwrap().is_empty(),
        "nothing replaced yet"
    );
    let first_bytes = std::fs::read(&path).unwrap();
    assert_eq!(first.fingerprint, Fingerprint::of(&first_bytes));
    wb.project = "Renamed".into();
    let second = save_keeping(&path, &wb, Some(&state)).unwrap();
    assert_ne!(second.fingerprint, first.fingerprint);
    assert_eq!(fingerprint_of(&path), Some(second.fingerprint.clone()));
    let versions = state.history(&path).versions().unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(std::fs::read(&versions[0].path).unwrap(), first_bytes);
    assert_eq!(load(&path).unwrap().fingerprint, second.fingerprint);
}

#[test]
fn item_lines_point_at_each_items_id_line() {
    let lines = item_lines(BUILTIN_TEMPLATE);
    assert_eq!(lines.len(), 25 + 5, "items and categories");
    for (n, line) in BUILTIN_TEMPLATE.lines().enumerate() {
        if line.trim() == "id: \"reliability.backups\"," {
            assert_eq!(lines["reliability.backups"], n + 1);
        }
    }
    assert_eq!(
        BUILTIN_TEMPLATE.lines().nth(lines["security.pentest"] - 1),
        Some("                    id: \"security.pentest\",")
    );
    // A category and an item with the same ID: the item's line.
    let text =
        "(\n  id: \"x\",\n  name: \"X\",\n  items: [(\n    id: \"x\",\n    title: \"T\",\n  )],\n)";
    assert_eq!(item_lines(text)["x"], 5);
    // An escaped ID reads back as the ID.
    assert_eq!(item_lines("id: \"a\\\"b\",\ntitle: \"T\"")["a\"b"], 1);
}

#[test]
fn read_workbook_reads_what_load_does_and_names_the_file_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.shipshape.ron");
    let mut wb = builtin_template();
    wb.project = "Read only".into();
    save(&path, &wb).unwrap();
    assert_eq!(read_workbook(&path).unwrap(), load(&path).unwrap().workbook);
    std::fs::write(&path, "not a workbook").unwrap();
    let err = read_workbook(&path).unwrap_err().to_string();
    assert_eq!(err, load(&path).unwrap_err().to_string());
    assert!(err.contains("w.shipshape.ron"), "{err}");
}
