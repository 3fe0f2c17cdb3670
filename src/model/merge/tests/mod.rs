//! Tests of [`merge`] and of resolving what it records, by topic. The per-field
//! table (`fields`) and the property test's operations (`props`) walk
//! [`ItemField::ALL`] and [`WorkbookField::ALL`], with a value for each
//! field chosen by its kind, so a new field is covered by both without
//! touching them.

use super::*;
use crate::model::{FieldError, FieldKind, Status, WorkbookField, category_name_field};

mod edges;
mod fields;
mod items;
mod names;
mod order;
mod props;
mod resolve;
mod reviews;
mod workbook;

fn base() -> Workbook {
    crate::storage::builtin_template()
}

fn item<'a>(wb: &'a Workbook, id: &str) -> &'a Item {
    wb.item(id).unwrap()
}

fn edit(wb: &Workbook, id: &str, f: impl FnOnce(&mut Item)) -> Workbook {
    let mut wb = wb.clone();
    f(wb.item_mut(id).unwrap());
    wb
}

fn ids(wb: &Workbook, cat: usize) -> Vec<&str> {
    wb.categories[cat]
        .items
        .iter()
        .map(|i| i.id.as_str())
        .collect()
}

/// Every workbook field's name, then the name of the template's first
/// category (category names merge like workbook fields).
fn workbook_fields() -> Vec<String> {
    WorkbookField::ALL
        .map(|f| f.name().to_owned())
        .into_iter()
        .chain([category_name_field("reliability")])
        .collect()
}

/// The `n`-th valid text value of a field of `kind` named `name`. Values
/// for different `n` differ, and for `n` ≥ 1 none equals what the built-in
/// template holds (`not-started`, no dates, no links; the texts contain the
/// field's name, which no template text is).
fn value_of(kind: FieldKind, name: &str, n: usize) -> String {
    match kind {
        FieldKind::Status => Status::ALL[n % Status::ALL.len()].cli_word().to_owned(),
        FieldKind::Date => format!("{}-{:02}-01", 2026 + n / 12, n % 12 + 1),
        // Relative and absolute in turn: a side may switch between them.
        FieldKind::Due if n % 2 == 1 => format!("T-{n}"),
        FieldKind::Due => format!("{}-{:02}-01", 2026 + n / 12, n % 12 + 1),
        FieldKind::Links => format!("https://example.com/evidence/{n}"),
        // Canonical: never a multiple of 7, which prints as weeks.
        FieldKind::Interval => format!("{}d", 7 * n + 1),
        FieldKind::Text | FieldKind::Multiline | FieldKind::Person => format!("{name} {n}"),
    }
}

/// See [`value_of`].
fn value(field: ItemField, n: usize) -> String {
    value_of(field.kind(), field.name(), n)
}

/// See [`value_of`]; `field` is a workbook field's or a category name's
/// name.
fn workbook_value(field: &str, n: usize) -> String {
    let kind = WorkbookField::from_name(field).map_or(FieldKind::Text, WorkbookField::kind);
    value_of(kind, field, n)
}

/// Two distinct valid values of `field`, neither the template's.
fn values(field: ItemField) -> (String, String) {
    (value(field, 1), value(field, 2))
}

/// See [`values`].
fn workbook_values(field: &str) -> (String, String) {
    (workbook_value(field, 1), workbook_value(field, 2))
}
