//! Which importer a file is for: by its name (the window's drop, the
//! chooser) and, to refuse the wrong one with a clear word ("this looks
//! like Markdown: use `shipshape import md`"), by its first bytes.

use super::markdown::{ItemShape, MarkdownOptions};
use super::sheet::columns::Mapping;
use super::sheet::{ColumnUse, SheetOptions};
use super::{ImportError, Imported};

/// The formats Shipshape imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Csv,
    Xlsx,
    Azure,
}

impl Format {
    pub const ALL: [Self; 4] = [Self::Markdown, Self::Csv, Self::Xlsx, Self::Azure];

    /// The `shipshape import` subcommand.
    pub fn command(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::Azure => "azure",
        }
    }

    /// What the file is, for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Markdown => "Markdown",
            Self::Csv => "CSV",
            Self::Xlsx => "a spreadsheet (Excel or OpenDocument)",
            Self::Azure => "JSON (an Azure review checklist)",
        }
    }

    /// The file-name extensions of the format (lower case, no dot).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Markdown => &["md", "markdown", "mdown", "txt"],
            Self::Csv => &["csv", "tsv"],
            Self::Xlsx => &["xlsx", "xlsm", "xls", "xlsb", "ods"],
            Self::Azure => &["json"],
        }
    }

    /// The format a file's name says, if any.
    pub fn of_path(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }
}

/// What `bytes` clearly are, when they are clearly something: a zip or an
/// old Office file is a spreadsheet, `{`/`[` is JSON, a Shipshape workbook
/// says so, a heading or task line is Markdown, and records of three or
/// more cells, as many in each, are CSV. `None` when unsure.
pub fn sniff(bytes: &[u8]) -> Option<Sniffed> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Some(Sniffed::Format(Format::Xlsx));
    }
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head));
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    if first.starts_with('(') && text.contains("\"shipshape-workbook\"") {
        return Some(Sniffed::Workbook);
    }
    if json_start(first) {
        return Some(Sniffed::Format(Format::Azure));
    }
    if markdown_line(first) {
        return Some(Sniffed::Format(Format::Markdown));
    }
    looks_like_csv(&text).then_some(Sniffed::Format(Format::Csv))
}

/// The first three records (two in a shorter file) have the same number of
/// cells, at least three, for one of the delimiters a spreadsheet writes.
fn looks_like_csv(head: &str) -> bool {
    [b',', b';', b'\t'].into_iter().any(|delimiter| {
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(head.as_bytes());
        let widths: Vec<usize> = reader
            .records()
            .take(3)
            .map_while(Result::ok)
            .map(|r| r.len())
            .collect();
        widths.len() >= 2 && widths[0] >= 3 && widths.iter().all(|&n| n == widths[0])
    })
}

/// What [`sniff`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Format(Format),
    /// A Shipshape workbook: open it, there is nothing to import.
    Workbook,
}

/// A line that opens a JSON object (or a list of them), and not a Markdown
/// link or badge (`[![build](…)]`) or a template tag (`{% … %}`).
fn json_start(line: &str) -> bool {
    let next = |rest: &str| rest.trim_start().chars().next();
    match line.chars().next() {
        Some('{') => matches!(next(&line[1..]), None | Some('"' | '}')),
        Some('[') => matches!(next(&line[1..]), None | Some('{')),
        _ => false,
    }
}

fn markdown_line(line: &str) -> bool {
    let hashes = line.len() - line.trim_start_matches('#').len();
    (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
        || ["- [ ]", "- [x]", "* [ ]", "* [x]", "- [X]"]
            .iter()
            .any(|p| line.starts_with(p))
        || line == "---"
}

/// An error when `bytes` are clearly not `expected`, naming the command for
/// what they are.
pub fn refuse_other(bytes: &[u8], expected: Format) -> Result<(), ImportError> {
    match sniff(bytes) {
        Some(Sniffed::Workbook) => Err(ImportError::Invalid(
            "this is a Shipshape workbook already: open it (or `shipshape upgrade` it with a new checklist) instead of importing it".into(),
        )),
        Some(Sniffed::Format(found)) if found != expected => {
            Err(ImportError::Invalid(format!(
                "this looks like {}, not {}: use `shipshape import {}`",
                found.label(),
                expected.label(),
                found.command()
            )))
        }
        _ => Ok(()),
    }
}

/// What an import needs besides the file's bytes; each format reads what
/// applies to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The project name (default: the checklist's own, else none).
    pub project: Option<String>,
    /// CSV and spreadsheets: `--map COLUMN=FIELD`.
    pub map: Vec<Mapping>,
    /// Spreadsheets: the sheet to read (default: the first with a checklist).
    pub sheet: Option<String>,
    /// Markdown: which blocks are the checks.
    pub items: ItemShape,
}

/// Imports `bytes` as `format`; bytes that are clearly another format are
/// refused with the command for it.
pub fn import(format: Format, bytes: &[u8], options: &Options) -> Result<Imported, ImportError> {
    refuse_other(bytes, format)?;
    let sheet = || SheetOptions {
        project: options.project.clone(),
        map: options.map.clone(),
    };
    match format {
        Format::Markdown => super::markdown::import_with(
            bytes,
            &MarkdownOptions {
                project: options.project.clone(),
                items: options.items,
                item_column: None,
            },
        ),
        Format::Csv => super::csv::import(bytes, &sheet()),
        Format::Xlsx => super::xlsx::import(bytes, options.sheet.as_deref(), &sheet()),
        Format::Azure => super::azure::import(bytes, options.project.as_deref()),
    }
}

/// The columns a CSV or spreadsheet import of `bytes` reads and where
/// each goes under the options' maps, for a chooser; `None` for the other
/// formats and for files that cannot be read.
pub fn columns(format: Format, bytes: &[u8], options: &Options) -> Option<Vec<ColumnUse>> {
    match format {
        Format::Csv => super::csv::columns(bytes, &options.map),
        Format::Xlsx => super::xlsx::columns(bytes, options.sheet.as_deref(), &options.map),
        Format::Markdown | Format::Azure => None,
    }
}

/// The project name a file's name gives (`team-sheet.csv` → `team-sheet`),
/// for a checklist that names none.
pub fn file_stem(path: &std::path::Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let stem = name.split('.').next().unwrap_or(name).trim();
    (!stem.is_empty()).then(|| stem.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_file_is_recognised_by_its_first_bytes() {
        let cases: [(&[u8], Option<Sniffed>); 13] = [
            (b"PK\x03\x04rest", Some(Sniffed::Format(Format::Xlsx))),
            (
                b"\xD0\xCF\x11\xE0old xls",
                Some(Sniffed::Format(Format::Xlsx)),
            ),
            (b"\n  {\"items\": []}", Some(Sniffed::Format(Format::Azure))),
            (b"[\n  {\"a\": 1}]", Some(Sniffed::Format(Format::Azure))),
            (
                b"# Checklist\n\n- [ ] a",
                Some(Sniffed::Format(Format::Markdown)),
            ),
            (b"- [ ] a\n- [x] b", Some(Sniffed::Format(Format::Markdown))),
            (
                b"---\ntitle: x\n---",
                Some(Sniffed::Format(Format::Markdown)),
            ),
            (
                b"\xEF\xBB\xBFItem,Status,Owner\nA,done,Bo",
                Some(Sniffed::Format(Format::Csv)),
            ),
            (
                b"Item;Status;Owner\r\nA;;Bo\r\n",
                Some(Sniffed::Format(Format::Csv)),
            ),
            (
                b"(\n    format: \"shipshape-workbook\",",
                Some(Sniffed::Workbook),
            ),
            (
                b"#,Item,Status\n1,a,done",
                Some(Sniffed::Format(Format::Csv)),
            ),
            (b"Just some notes, really, nothing\nmore.", None),
            (
                b"category,id,title\nA,a.1,\"Long, with\nline breaks, and commas\"\nB,b.2,x",
                Some(Sniffed::Format(Format::Csv)),
            ),
        ];
        for (bytes, want) in cases {
            assert_eq!(sniff(bytes), want, "{:?}", String::from_utf8_lossy(bytes));
        }
        assert_eq!(sniff(b"  \n "), None);
        assert_eq!(sniff(b"####### seven"), None);
        assert_eq!(sniff(b"#hashtag"), None);
        assert_eq!(sniff(b"[![build](https://x/badge.svg)](https://x)"), None);
        assert_eq!(sniff(b"[link](https://x) and more"), None);
        assert_eq!(sniff(b"{% include x %}"), None);
        assert_eq!(
            sniff(b"{\n\"items\": []}"),
            Some(Sniffed::Format(Format::Azure))
        );
    }

    #[test]
    fn the_wrong_importer_names_the_right_one() {
        let e = refuse_other(b"# Notes\n- [ ] a", Format::Azure).unwrap_err();
        assert_eq!(
            e.to_string(),
            "this looks like Markdown, not JSON (an Azure review checklist): use `shipshape import md`"
        );
        let e = refuse_other(b"a,b,c\n1,2,3", Format::Markdown).unwrap_err();
        assert!(e.to_string().ends_with("use `shipshape import csv`"), "{e}");
        let e = refuse_other(b"PK\x03\x04", Format::Csv).unwrap_err();
        assert!(
            e.to_string().ends_with("use `shipshape import xlsx`"),
            "{e}"
        );
        let e = refuse_other(b"(\nformat: \"shipshape-workbook\"", Format::Csv).unwrap_err();
        assert!(e.to_string().contains("Shipshape workbook already"), "{e}");
        assert_eq!(refuse_other(b"a,b,c\n1,2,3", Format::Csv), Ok(()));
        assert_eq!(refuse_other(b"unsure", Format::Azure), Ok(()));
    }

    #[test]
    fn a_file_name_up_to_its_first_dot_is_the_project_name() {
        let stem = |p: &str| file_stem(std::path::Path::new(p));
        assert_eq!(stem("dir/team-sheet.csv").as_deref(), Some("team-sheet"));
        assert_eq!(stem("checklist.en.json").as_deref(), Some("checklist"));
        assert_eq!(stem(" padded .md").as_deref(), Some("padded"));
        assert_eq!(stem(".md"), None, "no name before the dot");
    }

    #[test]
    fn file_names_give_the_format() {
        for (name, want) in [
            ("a.md", Some(Format::Markdown)),
            ("a.MD", Some(Format::Markdown)),
            ("a.csv", Some(Format::Csv)),
            ("a.tsv", Some(Format::Csv)),
            ("a.xlsx", Some(Format::Xlsx)),
            ("a.ods", Some(Format::Xlsx)),
            ("a.json", Some(Format::Azure)),
            ("a.shipshape.ron", None),
            ("noext", None),
        ] {
            assert_eq!(Format::of_path(std::path::Path::new(name)), want, "{name}");
        }
    }
}
