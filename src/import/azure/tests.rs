use super::*;

const SAMPLE: &str = r#"{
  "items": [
{"category": "Compute", "subcategory": "VM", "text": "Use managed disks", "description": "Replicated.",
 "severity": "High", "guid": "b31e", "link": "https://learn.microsoft.com/x"},
{"category": "Network", "text": "Use zones", "status": "Fulfilled"},
{"category": "Network", "text": "Use DDoS plan", "status": "Not required", "comments": "internal only"},
{"category": "Network", "text": "Odd", "status": "Maybe"},
{"category": "Network", "description": "no text"}
  ],
  "metadata": {"name": "Resiliency Review"}
}"#;

#[test]
fn maps_categories_items_severities_and_statuses() {
    let imp = import(SAMPLE.as_bytes(), None).unwrap();
    let wb = &imp.workbook;
    assert_eq!(wb.project, "Resiliency Review");
    let cats: Vec<_> = wb.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cats, ["Compute", "Network"]);
    let disks = &wb.categories[0].items[0];
    assert_eq!(disks.id, "compute.use-managed-disks");
    assert_eq!(
        disks.description,
        "Replicated.\n\nSeverity: High · Subcategory: VM · Azure ID: b31e\nLearn more: https://learn.microsoft.com/x"
    );
    let net = &wb.categories[1].items;
    assert_eq!(net[0].status, Status::Done);
    assert_eq!(net[1].status, Status::NotApplicable);
    assert_eq!(net[1].mitigation.text, "internal only");
    assert_eq!(net[2].status, Status::NotStarted);
    assert_eq!(imp.warnings.len(), 2, "{:?}", imp.warnings);
    wb.validate().unwrap();
}

#[test]
fn bad_json_names_line_and_column() {
    let err = import(b"{\n  \"items\": [\n    {\"text\": 3}\n  ]\n}", None).unwrap_err();
    assert!(matches!(err, ImportError::Json { line: 3, .. }), "{err}");
    assert!(err.to_string().starts_with("line 3, column"), "{err}");
    let err = import(b"{\"checks\": []}", None).unwrap_err();
    assert!(err.to_string().contains("no `items` list"), "{err}");
    assert!(matches!(import(b"  ", None), Err(ImportError::Empty)));
    assert!(matches!(
        import(b"{\"items\": []}", None),
        Err(ImportError::NoItems(_))
    ));
}

const REAL: &str =
    include_str!("../../../tests/fixtures/checklists/azure-review-checklists-resiliency.en.json");

#[test]
fn imports_the_real_resiliency_checklist() {
    let wb = import(REAL.as_bytes(), None).unwrap().workbook;
    assert_eq!(wb.project, "Resiliency Review");
    assert_eq!(wb.item_count(), 38);
    let cats: Vec<_> = wb.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        cats,
        ["General", "Data", "Compute", "Network"],
        "in the order of the file's `categories`"
    );
    let sizes: Vec<usize> = wb.categories.iter().map(|c| c.items.len()).collect();
    assert_eq!(sizes, [7, 4, 12, 15], "as counted in the file");
    let first = &wb.categories[2].items[0];
    assert_eq!(
        first.title,
        "Enable automatic instance repairs for enhanced VM Scale Sets resiliency"
    );
    assert!(
        first
            .description
            .contains("Severity: Low · Subcategory: VM Scale Sets · Service: VMSS")
    );
    assert!(
        first
            .description
            .contains("Azure ID: 7e13c105-675c-41e9-95b4-59837ff7ae7c")
    );
    wb.validate().unwrap();
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
        let _ = import(&bytes, None);
    }

    #[test]
    fn mangled_checklists_never_panic(cut in 0usize..29_000, junk in "[\\[\\]{}\",:a-z0-9 \n]{0,10}") {
        let cut = (0..=cut.min(REAL.len())).rev().find(|&c| REAL.is_char_boundary(c)).unwrap_or(0);
        let text = format!("{}{junk}{}", &REAL[..cut], &REAL[cut..]);
        if let Ok(imp) = import(text.as_bytes(), None) {
            proptest::prop_assert!(imp.workbook.validate().is_ok());
        }
    }
}

const JA: &str = include_str!(
    "../../../tests/fixtures/checklists/azure-review-checklists-resiliency.ja.sample.json"
);

#[test]
fn localized_statuses_map_by_their_place_in_the_files_status_list() {
    let imp = import(JA.as_bytes(), None).unwrap();
    let wb = &imp.workbook;
    let got: Vec<(&str, Status)> = wb
        .items()
        .map(|(c, i)| (c.name.as_str(), i.status))
        .collect();
    assert_eq!(
        got,
        [
            ("全般", Status::NotStarted),
            ("データ", Status::NotApplicable),
            ("計算する", Status::Done),
            ("計算する", Status::InProgress),
        ],
        "categories in the file's order, ネットワーク (unused) left out"
    );
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    let lock = &wb.categories[1].items[0];
    assert_eq!(lock.mitigation.text, "ストレージ アカウントを使わない");
    let backup = &wb.categories[2].items[1];
    assert_eq!(backup.notes, "バックアップ ポリシーを来週決める");
    assert!(
        backup
            .description
            .contains("Severity: 高い · Subcategory: 仮想マシン · Service: VM"),
        "{}",
        backup.description
    );
    assert!(
        backup.description.ends_with(
            "\nLearn more: https://learn.microsoft.com/azure/backup/backup-azure-vms-introduction"
        ),
        "{}",
        backup.description
    );
    assert_eq!(
        azure_id(backup),
        Some("4d874a74-8b66-42d6-b150-512a66498f6d")
    );
    wb.validate().unwrap();
}

#[test]
fn a_status_the_file_does_not_list_is_named_with_the_ones_it_does() {
    let json = r#"{"status": [{"name": "未確認"}, {"name": "開ける"}, {"name": "達成"}],
        "items": [{"text": "a", "status": "たぶん"}, {"text": "b", "status": "fulfilled"},
                  {"text": "c", "status": "達成"}]}"#;
    let imp = import(json.as_bytes(), None).unwrap();
    let statuses: Vec<Status> = imp.workbook.items().map(|(_, i)| i.status).collect();
    assert_eq!(
        statuses,
        [Status::NotStarted, Status::Done, Status::Done],
        "the English words still work"
    );
    assert_eq!(
        imp.warnings,
        [
            "items[0] : unknown status \"たぶん\" (the file's statuses: 未確認, 開ける, 達成), imported as not started"
        ]
    );
    let six: Vec<String> = (0..6).map(|n| format!("s{n}")).collect();
    assert_eq!(map_status("s5", &six), None);
    assert_eq!(map_status("S4", &six), Some(Status::NotApplicable));
    assert_eq!(map_status("s3", &six), Some(Status::NotApplicable));
    assert_eq!(map_status("s1", &six), Some(Status::InProgress));
}

#[test]
fn categories_the_list_lacks_follow_in_order_of_first_use() {
    let json = r#"{"categories": [{"name": "B"}, {"name": ""}, {"name": "Unused"}],
        "items": [{"category": "C", "text": "1"}, {"category": " B ", "text": "2"},
                  {"text": "3"}, {"category": "D", "text": ""}]}"#;
    let wb = import(json.as_bytes(), None).unwrap().workbook;
    let cats: Vec<&str> = wb.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cats, ["B", "C", "General"]);
}

#[test]
fn what_is_not_an_azure_checklist_says_what_it_is() {
    let e = import(b"# Resiliency\n\n- [ ] Use zones\n", None).unwrap_err();
    assert_eq!(
        e.to_string(),
        "this looks like Markdown, not JSON (an Azure review checklist): use `shipshape import md`"
    );
    let e = import(b"[\n {\"text\": \"a\"}\n]", None).unwrap_err();
    assert!(e.to_string().contains("the file is a JSON list"), "{e}");
    let e = import(b"Item,Status,Owner\na,b,c\nd,e,f\n", None).unwrap_err();
    assert!(e.to_string().ends_with("use `shipshape import csv`"), "{e}");
}

fn item(id: &str, title: &str, guid: Option<&str>) -> Item {
    Item {
        id: id.into(),
        title: title.into(),
        description: guid.map_or_else(
            || "No GUID.".to_owned(),
            |g| format!("Text.\n\nSeverity: High · Azure ID: {g}\nLearn more: https://x"),
        ),
        ..Item::default()
    }
}

fn book(items: Vec<Item>) -> Workbook {
    let mut wb = Workbook::new("W");
    let c = wb.add_category("Compute");
    wb.categories[c].items = items;
    wb
}

#[test]
fn a_reimport_gives_each_guid_the_id_it_had() {
    let old = book(vec![
        item("compute.use-zones", "Use zones", Some("g-zones")),
        item("compute.backups", "Backups", Some("g-backups")),
        item("compute.manual", "Manual", None),
    ]);
    let mut new = book(vec![
        // Reworded: its title gives another ID, its GUID the old one.
        item(
            "compute.use-availability-zones",
            "Use availability zones",
            Some("g-zones"),
        ),
        // A new check whose title gives an ID the old workbook uses.
        item("compute.backups", "Backups", Some("g-new")),
        // The old check, now under another title.
        item("compute.backup-vms", "Backup VMs", Some("g-backups")),
        // The same GUID twice: the second is a new item.
        item("compute.use-zones-2", "Zones again", Some("g-zones")),
        // No GUID: matched by ID, as any upgrade.
        item("compute.manual", "Manual", None),
    ]);
    match_ids(&mut new, &old);
    let ids: Vec<&str> = new.items().map(|(_, i)| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "compute.use-zones",
            "compute.backups-2",
            "compute.backups",
            "compute.use-zones-2",
            "compute.manual"
        ]
    );
    new.validate().unwrap();
}

#[test]
fn the_guid_is_read_from_the_description_line() {
    assert_eq!(
        azure_id(&item("a", "A", Some("7e13-c105"))),
        Some("7e13-c105")
    );
    assert_eq!(azure_id(&item("a", "A", None)), None);
    let mut i = item("a", "A", None);
    i.description = "Azure ID: ".into();
    assert_eq!(azure_id(&i), None);
    i.description = "Azure ID: abc · Other: x".into();
    assert_eq!(azure_id(&i), Some("abc"));
}
