//! Which column of a sheet holds what: header names matched to the
//! workbook's fields (ours exactly, other sheets' by the names teams use),
//! `--map COLUMN=FIELD` applied first.

use crate::export::csv::Column as Exported;
use crate::model::ItemField;

/// Where a column's values go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The category's name.
    Category,
    /// The category's ID (our own export).
    CategoryId,
    /// The item's ID.
    Id,
    Field(ItemField),
    /// A relative due's form (`T-14`), which wins over the `due` day.
    DueRelative,
    /// Our export's merge conflicts, one per line.
    Conflicts,
    /// Nothing: a column the export derives from the rest (`result`,
    /// `overdue`, `position`), or one the user dropped with `=ignore`.
    Ignore,
    /// Kept in the item's description as "Header: value" (severity, GUID,
    /// links to learn more, anything without a field of its own).
    Fact,
}

impl Target {
    /// The names `--map` takes, for its help and errors.
    pub const NAMES: &str = "title, description, status, owner, due, mitigation, accepted_by, until, notes, evidence, verified, every, reworded, category, category_id, id, due_relative, conflicts, fact, ignore";

    /// A `--map` field name: an item field's CSV key or file name, or one
    /// of the sheet's own targets.
    pub fn parse(name: &str) -> Option<Self> {
        let n = norm(name);
        Some(match n.as_str() {
            "category" => Self::Category,
            "category id" => Self::CategoryId,
            "id" => Self::Id,
            "due relative" => Self::DueRelative,
            "conflicts" => Self::Conflicts,
            "ignore" | "skip" | "none" => Self::Ignore,
            "fact" | "keep" => Self::Fact,
            _ => {
                return ItemField::ALL
                    .into_iter()
                    .find(|f| norm(f.key()) == n || norm(f.name()) == n)
                    .map(Self::Field);
            }
        })
    }

    /// The targets offered for a column in the import window, in order:
    /// the item's own fields first, then where a column's values can go
    /// instead (our export's ID, relative-due and conflict columns keep
    /// theirs without being offered).
    pub const CHOICES: [Self; 16] = {
        use ItemField as F;
        [
            Self::Field(F::Title),
            Self::Category,
            Self::Id,
            Self::Field(F::Description),
            Self::Field(F::Status),
            Self::Field(F::Owner),
            Self::Field(F::Due),
            Self::Field(F::MitigationText),
            Self::Field(F::MitigationAcceptedBy),
            Self::Field(F::MitigationUntil),
            Self::Field(F::Notes),
            Self::Field(F::Evidence),
            Self::Field(F::Verified),
            Self::Field(F::Every),
            Self::Fact,
            Self::Ignore,
        ]
    };

    /// What the import window calls it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Category => "Category",
            Self::CategoryId => "Category ID",
            Self::Id => "Item ID",
            Self::Field(f) => f.label(),
            Self::DueRelative => "Due, relative to launch",
            Self::Conflicts => "Merge conflicts",
            Self::Ignore => "Left out",
            Self::Fact => "Kept in the description",
        }
    }

    /// Whether only one column may have this target (the rest become facts).
    fn is_single(self) -> bool {
        !matches!(self, Self::Ignore | Self::Fact)
    }
}

/// A header as compared: lower case, letters and digits of any script, one
/// space between words ("Due date:", "due_date" and "Due-Date" are equal).
pub fn norm(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut gap = false;
    for c in header.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// The target a header names in other people's sheets, by the words teams
/// and Azure's review checklists use; `None` for a column kept as a fact.
fn guess(header: &str) -> Option<Target> {
    use ItemField as F;
    let t = match norm(header).as_str() {
        "category" | "area" | "section" | "group" | "domain" | "topic" => Target::Category,
        "category id" => Target::CategoryId,
        "id" | "item id" | "check id" => Target::Id,
        "title" | "item" | "check" | "task" | "checklist item" | "check item" | "question"
        | "requirement" | "control" | "recommendation" | "checkpoint" => Target::Field(F::Title),
        "description" | "details" | "detail" | "explanation" | "guidance" | "rationale" => {
            Target::Field(F::Description)
        }
        "status" | "state" | "done" | "result" => Target::Field(F::Status),
        "owner" | "assignee" | "assigned to" | "responsible" | "who" | "owned by" => {
            Target::Field(F::Owner)
        }
        "due" | "due date" | "deadline" | "target date" | "by when" | "due by" => {
            Target::Field(F::Due)
        }
        "mitigation" | "mitigation text" => Target::Field(F::MitigationText),
        "accepted by" | "mitigation accepted by" => Target::Field(F::MitigationAcceptedBy),
        "until" | "accepted until" | "mitigation until" => Target::Field(F::MitigationUntil),
        "notes" | "note" | "comments" | "comment" | "remarks" | "remark" => Target::Field(F::Notes),
        "evidence" | "proof" | "evidence links" => Target::Field(F::Evidence),
        "verified" | "last verified" | "verified on" => Target::Field(F::Verified),
        "every" | "recheck" | "re check" | "recheck every" | "interval" => Target::Field(F::Every),
        "reworded" => Target::Field(F::Reworded),
        "due relative" => Target::DueRelative,
        "conflicts" => Target::Conflicts,
        _ => return None,
    };
    Some(t)
}

/// Whether `headers` is the header of our own CSV export: it starts with
/// the export's first columns, so every column means exactly what the
/// export wrote.
pub fn is_own_export(headers: &[String]) -> bool {
    let ours = Exported::all();
    headers.len() >= 4
        && ours
            .iter()
            .take(4)
            .zip(headers)
            .all(|(c, h)| c.name() == h.trim())
}

/// The target of our own export's column `header`.
fn exported(header: &str) -> Option<Target> {
    Exported::all()
        .into_iter()
        .find(|c| c.name() == header.trim())
        .map(|c| match c {
            Exported::Category => Target::Category,
            Exported::CategoryId => Target::CategoryId,
            Exported::Id => Target::Id,
            Exported::Field(f) => Target::Field(f),
            Exported::DueRelative => Target::DueRelative,
            Exported::Conflicts => Target::Conflicts,
            Exported::Result | Exported::Overdue | Exported::Position => Target::Ignore,
        })
}

/// A `--map COLUMN=FIELD` that names no column or no field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    #[error("--map {0:?}: write COLUMN=FIELD")]
    Syntax(String),
    #[error("--map: unknown field {field:?} (fields: {names})", names = Target::NAMES)]
    Field { field: String },
    #[error("--map: no column is named {column:?} (columns: {columns})")]
    Column { column: String, columns: String },
}

/// One `--map` entry, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub column: String,
    pub target: Target,
}

impl std::str::FromStr for Mapping {
    type Err = MapError;
    fn from_str(s: &str) -> Result<Self, MapError> {
        let Some((column, field)) = s.split_once('=') else {
            return Err(MapError::Syntax(s.to_owned()));
        };
        if norm(column).is_empty() {
            return Err(MapError::Syntax(s.to_owned()));
        }
        let target = Target::parse(field).ok_or_else(|| MapError::Field {
            field: field.to_owned(),
        })?;
        Ok(Self {
            column: column.trim().to_owned(),
            target,
        })
    }
}

/// The target of each column of `headers`: `maps` first, then our export's
/// names (when `own`) or the usual names; a target already taken by an
/// earlier column makes the later one a fact. A column with no header and
/// no map is a fact labelled by its position.
pub fn assign(headers: &[String], own: bool, maps: &[Mapping]) -> Result<Vec<Target>, MapError> {
    let mut targets: Vec<Option<Target>> = vec![None; headers.len()];
    for m in maps {
        let wanted = norm(&m.column);
        let Some(i) = headers.iter().position(|h| norm(h) == wanted) else {
            return Err(MapError::Column {
                column: m.column.clone(),
                columns: headers
                    .iter()
                    .filter(|h| !h.trim().is_empty())
                    .map(|h| format!("{:?}", h.trim()))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        };
        targets[i] = Some(m.target);
    }
    let mut taken: Vec<Target> = targets.iter().flatten().copied().collect();
    for (i, h) in headers.iter().enumerate() {
        if targets[i].is_some() {
            continue;
        }
        let t = if own { exported(h) } else { guess(h) };
        targets[i] = Some(match t {
            Some(t) if t.is_single() && taken.contains(&t) => Target::Fact,
            Some(t) => {
                taken.push(t);
                t
            }
            None => Target::Fact,
        });
    }
    Ok(targets
        .into_iter()
        .map(|t| t.unwrap_or(Target::Fact))
        .collect())
}

/// Whether `header` would name the title column (to find the header row).
pub fn names_title(header: &str, maps: &[Mapping]) -> bool {
    let n = norm(header);
    match maps.iter().find(|m| norm(&m.column) == n) {
        Some(m) => m.target == Target::Field(ItemField::Title),
        None => guess(header) == Some(Target::Field(ItemField::Title)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn usual_names_map_to_fields_whatever_their_case_and_punctuation() {
        let h = headers(&[
            "Category",
            "Sub-category",
            "Checklist item",
            "STATUS",
            "Assigned to",
            "Due date:",
            "Comments",
        ]);
        let t = assign(&h, false, &[]).unwrap();
        use ItemField as F;
        assert_eq!(
            t,
            [
                Target::Category,
                Target::Fact,
                Target::Field(F::Title),
                Target::Field(F::Status),
                Target::Field(F::Owner),
                Target::Field(F::Due),
                Target::Field(F::Notes),
            ]
        );
    }

    #[test]
    fn our_own_column_names_are_understood_in_any_sheet() {
        for (header, want) in [
            ("Category ID", Target::CategoryId),
            ("Until", Target::Field(ItemField::MitigationUntil)),
            ("Accepted until", Target::Field(ItemField::MitigationUntil)),
            (
                "Mitigation until",
                Target::Field(ItemField::MitigationUntil),
            ),
            ("due_relative", Target::DueRelative),
            ("Conflicts", Target::Conflicts),
        ] {
            assert_eq!(guess(header), Some(want), "{header}");
        }
    }

    #[test]
    fn a_second_column_for_a_taken_field_is_kept_as_a_fact() {
        let t = assign(
            &headers(&["Item", "Title", "Notes", "Comments"]),
            false,
            &[],
        )
        .unwrap();
        assert_eq!(
            t,
            [
                Target::Field(ItemField::Title),
                Target::Fact,
                Target::Field(ItemField::Notes),
                Target::Fact
            ]
        );
    }

    #[test]
    fn a_map_wins_over_the_guess_and_the_guessed_column_gives_way() {
        let maps: Vec<Mapping> = ["Control=title", "item=ignore", "Who=owner"]
            .iter()
            .map(|m| m.parse().unwrap())
            .collect();
        let h = headers(&["Item", "Control", "Owner", "Who"]);
        let t = assign(&h, false, &maps).unwrap();
        assert_eq!(
            t,
            [
                Target::Ignore,
                Target::Field(ItemField::Title),
                Target::Fact,
                Target::Field(ItemField::Owner)
            ]
        );
        assert!(names_title("control", &maps));
        assert!(!names_title("Item", &maps), "the map says item is ignored");
        assert!(names_title("Task", &[]));
    }

    #[test]
    fn bad_maps_say_what_is_wrong() {
        assert_eq!(
            "title".parse::<Mapping>(),
            Err(MapError::Syntax("title".into()))
        );
        assert_eq!(
            "=title".parse::<Mapping>(),
            Err(MapError::Syntax("=title".into()))
        );
        let e = "A=colour".parse::<Mapping>().unwrap_err();
        assert!(e.to_string().contains("unknown field \"colour\""), "{e}");
        let m: Mapping = "Nope=title".parse().unwrap();
        let e = assign(&headers(&["Item", ""]), false, &[m]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "--map: no column is named \"Nope\" (columns: \"Item\")"
        );
    }

    #[test]
    fn every_field_has_a_map_name() {
        for f in ItemField::ALL {
            assert_eq!(Target::parse(f.key()), Some(Target::Field(f)), "{f}");
            assert!(Target::NAMES.contains(f.key()), "{f}");
        }
        assert_eq!(Target::parse("Category_ID"), Some(Target::CategoryId));
        assert_eq!(Target::parse("skip"), Some(Target::Ignore));
        assert_eq!(Target::parse("fact"), Some(Target::Fact));
        assert_eq!(Target::parse("due relative"), Some(Target::DueRelative));
        assert_eq!(Target::parse("conflicts"), Some(Target::Conflicts));
        assert_eq!(Target::parse("id"), Some(Target::Id));
        assert_eq!(Target::parse("category"), Some(Target::Category));
    }

    #[test]
    fn our_export_is_recognised_by_its_first_columns() {
        let ours: Vec<String> = Exported::all()
            .iter()
            .map(|c| c.name().to_owned())
            .collect();
        assert!(is_own_export(&ours));
        assert!(!is_own_export(&ours[..3]));
        assert!(!is_own_export(&headers(&["Category", "ID", "Title", "x"])));
        let t = assign(&ours, true, &[]).unwrap();
        assert_eq!(t.iter().filter(|t| **t == Target::Ignore).count(), 3);
        assert!(!t.contains(&Target::Fact));
    }
}
