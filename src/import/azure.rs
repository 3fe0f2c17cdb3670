//! The Azure review-checklists JSON format
//! (<https://github.com/Azure/review-checklists>): `items` with `category`,
//! `subcategory`, `text`, `description`, `severity`, `guid`, `link` and,
//! in a filled-in checklist, `status` and `comments`.
//!
//! Categories keep their names; each item's severity, service, subcategory
//! and GUID go into its description so nothing the reviewers relied on is
//! lost. Statuses map as the format's own vocabulary defines them: *Fulfilled*
//! is done, *Open* in progress, *Not required* and *N/A* not applicable (with
//! the reviewer's comment as the reason — without one the item stays red, as
//! the launch rule asks for a written reason), *Not verified* not started.

use std::collections::HashMap;

use serde::Deserialize;

use super::{ImportError, Imported};
use crate::model::{Item, ItemIds, Status, Workbook};

#[derive(Deserialize)]
struct File {
    items: Option<Vec<AzureItem>>,
    #[serde(default)]
    metadata: Option<Metadata>,
}

#[derive(Deserialize, Default)]
struct Metadata {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AzureItem {
    category: Option<String>,
    subcategory: Option<String>,
    text: Option<String>,
    description: Option<String>,
    waf: Option<String>,
    service: Option<String>,
    guid: Option<String>,
    id: Option<String>,
    severity: Option<String>,
    link: Option<String>,
    training: Option<String>,
    status: Option<String>,
    comments: Option<String>,
}

/// Imports an Azure review checklist. `project` names the workbook; without
/// it the checklist's `metadata.name` does.
pub fn import(bytes: &[u8], project: Option<&str>) -> Result<Imported, ImportError> {
    let file = parse(super::text(bytes)?)?;
    let Some(items) = file.items else {
        return Err(ImportError::Invalid(
            "not an Azure review checklist: there is no `items` list".into(),
        ));
    };
    let name = project
        .map(str::to_owned)
        .or_else(|| file.metadata.and_then(|m| m.name))
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| super::UNTITLED.to_owned());
    let mut wb = Workbook::new(name.trim());
    let mut warnings = Vec::new();
    // Lookups by map, not by scanning: a hostile file may hold 100,000 items.
    let mut ids = ItemIds::of(&wb);
    let mut categories: HashMap<String, usize> = HashMap::new();
    for (n, a) in items.into_iter().enumerate() {
        let label = a.guid.clone().or_else(|| a.id.clone()).unwrap_or_default();
        let Some(title) = a.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
            warnings.push(format!("items[{n}] {label}: skipped, it has no `text`"));
            continue;
        };
        let cat_name = a
            .category
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .unwrap_or("General");
        let ci = *categories
            .entry(cat_name.to_owned())
            .or_insert_with(|| wb.add_category(cat_name));
        let mut item = Item {
            id: ids.fresh(&wb.categories[ci].id, title),
            title: title.to_owned(),
            description: a.full_description(),
            ..Item::default()
        };
        if let Some(s) = a.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            match map_status(s) {
                Some(st) => item.status = st,
                None => warnings.push(format!(
                    "items[{n}] {label}: unknown status {s:?}, imported as not started"
                )),
            }
        }
        let comments = a.comments.unwrap_or_default().trim().to_owned();
        // A reviewer's comment on an item that does not apply is the reason.
        if item.status == Status::NotApplicable {
            item.mitigation.text = comments;
        } else {
            item.notes = comments;
        }
        wb.categories[ci].items.push(item);
    }
    if wb.item_count() == 0 {
        return Err(ImportError::NoItems(
            "the checklist has no items with text to import".into(),
        ));
    }
    Ok(Imported {
        workbook: wb,
        warnings,
    })
}

/// The JSON, or where it stops being JSON of the expected shape.
fn parse(text: &str) -> Result<File, ImportError> {
    serde_json::from_str(text).map_err(|e| ImportError::Json {
        line: e.line(),
        column: e.column(),
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned(),
    })
}

impl AzureItem {
    /// The item's description, then the facts reviewers rely on (severity,
    /// subcategory, service, WAF pillar, Azure ID) on one line, then links
    /// to learn more.
    fn full_description(&self) -> String {
        let mut desc = self
            .description
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_owned();
        let azure_id = self.guid.clone().or_else(|| self.id.clone());
        let facts: Vec<String> = [
            ("Severity", &self.severity),
            ("Subcategory", &self.subcategory),
            ("Service", &self.service),
            ("WAF pillar", &self.waf),
            ("Azure ID", &azure_id),
        ]
        .iter()
        .filter_map(|(k, v)| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| format!("{k}: {v}"))
        })
        .collect();
        for (sep, part) in [
            ("\n\n", facts.join(" · ")),
            ("\n", more("Learn more", &self.link)),
            ("\n", more("Training", &self.training)),
        ] {
            if !part.is_empty() {
                if !desc.is_empty() {
                    desc.push_str(sep);
                }
                desc.push_str(&part);
            }
        }
        desc
    }
}

fn more(label: &str, url: &Option<String>) -> String {
    match url.as_deref().map(str::trim) {
        Some(u) if !u.is_empty() => format!("{label}: {u}"),
        _ => String::new(),
    }
}

fn map_status(s: &str) -> Option<Status> {
    english_status(&s.to_lowercase())
}

/// A status in the format's English words (lower case), else ours.
pub(crate) fn english_status(lower: &str) -> Option<Status> {
    Some(match lower {
        "not verified" => Status::NotStarted,
        "open" => Status::InProgress,
        "fulfilled" => Status::Done,
        "not required" | "n/a" => Status::NotApplicable,
        other => return Status::from_word(other),
    })
}

#[cfg(test)]
mod tests {
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
        include_str!("../../tests/fixtures/checklists/azure-review-checklists-resiliency.en.json");

    #[test]
    fn imports_the_real_resiliency_checklist() {
        let wb = import(REAL.as_bytes(), None).unwrap().workbook;
        assert_eq!(wb.project, "Resiliency Review");
        assert_eq!(wb.item_count(), 38);
        let cats: Vec<_> = wb.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            cats,
            ["Compute", "Data", "General", "Network"],
            "in order of first use"
        );
        let first = &wb.categories[0].items[0];
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
}
