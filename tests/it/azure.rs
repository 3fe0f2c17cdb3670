//! `import azure` through the binary: the real English checklist counted
//! against its source, the Japanese sample's statuses, and `--update`
//! re-importing by GUID into a workbook the team has filled in.

use shipshape::model::Status;

use crate::util::{Dir, fixture};

fn path(name: &str) -> String {
    fixture(&format!("checklists/{name}"))
        .to_str()
        .unwrap()
        .to_owned()
}

const EN: &str = "azure-review-checklists-resiliency.en.json";
const JA: &str = "azure-review-checklists-resiliency.ja.sample.json";

#[test]
fn the_english_checklist_comes_in_whole_in_its_category_order() {
    let d = Dir::new();
    let out = d.ok(&["import", "azure", &path(EN), "-o", "a.ron"]);
    assert!(
        out.starts_with("imported 38 items in 4 categories"),
        "{out}"
    );
    let wb = d.load("a.ron");
    let cats: Vec<(&str, usize)> = wb
        .categories
        .iter()
        .map(|c| (c.name.as_str(), c.items.len()))
        .collect();
    // Counted in the JSON: 38 items, categories listed General, Data,
    // Compute, Network with 7, 4, 12 and 15 items.
    assert_eq!(
        cats,
        [
            ("General", 7),
            ("Data", 4),
            ("Compute", 12),
            ("Network", 15)
        ]
    );
    assert!(
        wb.items()
            .all(|(_, i)| i.description.contains("Azure ID: "))
    );
}

#[test]
fn japanese_statuses_map_by_position() {
    let d = Dir::new();
    let o = d.exits(&["import", "azure", &path(JA), "-o", "ja.ron"], 0);
    assert!(o.stderr.is_empty(), "no warnings: {o}");
    let wb = d.load("ja.ron");
    let statuses: Vec<Status> = wb.items().map(|(_, i)| i.status).collect();
    assert_eq!(
        statuses,
        [
            Status::NotStarted,
            Status::NotApplicable,
            Status::Done,
            Status::InProgress
        ]
    );
}

#[test]
fn update_reimports_by_guid_and_keeps_the_answers() {
    let d = Dir::new();
    d.ok(&["import", "azure", &path(EN), "-o", "a.ron"]);
    let id = "compute.consider-azure-backup-to-meet-your-resil";
    assert!(d.load("a.ron").item(id).is_some(), "the ID from the title");
    d.ok(&["set", "a.ron", id, "--status", "done", "--owner", "Ann"]);
    d.fails(
        &["import", "azure", &path(EN), "-o", "a.ron"],
        "a.ron already exists; use --force to overwrite it, or --update to import into it",
    );
    let again = d.ok(&["import", "azure", &path(EN), "-o", "a.ron", "--update"]);
    assert!(again.contains("already has this checklist"), "{again}");
    // The Japanese version: the same GUIDs, every title changed.
    let out = d.ok(&["import", "azure", &path(JA), "-o", "a.ron", "--update"]);
    assert!(out.contains("4 items reworded"), "{out}");
    let wb = d.load("a.ron");
    let item = wb.item(id).unwrap();
    assert_eq!(
        item.title,
        "Azure VM の回復性要件を満たすために Azure Backup を検討する"
    );
    assert_eq!((item.status, item.owner.as_str()), (Status::Done, "Ann"));
    assert!(
        !item.reworded.is_empty(),
        "the new wording waits for a confirmation"
    );
    assert_eq!(wb.item_count(), 38, "the items the sample lacks are kept");
    d.fails(
        &["import", "azure", &path(EN), "-o", "new.ron", "--update"],
        "--update: new.ron does not exist",
    );
    let o = d.run(&[
        "import",
        "azure",
        &path(EN),
        "-o",
        "a.ron",
        "--update",
        "--force",
    ]);
    assert_eq!(o.code, 2, "{o}");
}
