//! The workbook file format: RON, versioned, one field per line.
//!
//! A file is one RON struct whose first two fields are the format marker and
//! the schema version, then the workbook's own fields in model order:
//!
//! ```ron
//! (
//!     format: "shipshape-workbook",
//!     version: 1,
//!     project: "Payments API",
//!     ...
//! )
//! ```
//!
//! Writing is canonical (fixed field order, four-space indent, LF, escaped
//! strings so every field stays on one line, a final newline), which is what
//! makes a re-save byte-identical and git diffs and merges line-based.
//!
//! Versions and migrations: a file whose version is older than [`VERSION`]
//! is parsed with that version's schema and converted ([`migrate`]). A
//! newer version is refused, never guessed at — an older build says the
//! file was written by a newer one and leaves it alone.
//!
//! - Version 1: due dates are days (`due: Some("2027-01-15")`).
//! - Version 2: a due may also be relative to the launch
//!   (`due: Some("T-14")`, see [`Due`](crate::model::Due)); everything
//!   else is as in version 1. A version 1 file converts unchanged: every
//!   due it holds is a day.
//!
//! - Version 3: the workbook may hold reviews (`reviews: [...]`, see
//!   [`Review`]); everything else is as in version
//!   2. Older files convert unchanged: they hold no reviews.
//!
//! A file is written with the oldest version that holds its content
//! (`version_for`): a workbook without a relative due is written as
//! version 1, byte for byte as before, so teammates on an older build keep
//! working with it until someone uses `T-14`; from then on their build
//! refuses the file ("newer version") instead of misreading it. The
//! content hash is of that text, so it stays a function of the content.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{LoadError, LoadErrorKind, SaveError};
use crate::model::{Category, Conflict, INVALID_DATE, Person, Review, Workbook};

/// The value of the `format` field.
pub const FORMAT_MARKER: &str = "shipshape-workbook";
/// The newest schema version this build reads and writes; it writes the
/// oldest that holds a workbook's content (`version_for`).
pub const VERSION: u32 = 3;
/// The first version with relative due dates.
const RELATIVE_DUE_VERSION: u32 = 2;
/// The first version with reviews.
const REVIEWS_VERSION: u32 = 3;
/// Conventional file-name suffix.
pub const FILE_SUFFIX: &str = ".shipshape.ron";

/// What a file held besides the workbook itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub workbook: Workbook,
    /// Paths of fields this build does not know (written by a newer one),
    /// e.g. `categories.0.items.3.risk`. Saving over the file would drop them.
    pub unknown_fields: Vec<String>,
    /// Line and column of the first comment (`//` or `/* */`), which a
    /// save would drop: the file is rewritten canonically.
    pub comment: Option<(usize, usize)>,
}

/// The version a workbook is written as: the oldest that holds it, so
/// files keep opening in older builds for as long as they can.
pub fn version_for(workbook: &Workbook) -> u32 {
    if !workbook.reviews.is_empty() {
        REVIEWS_VERSION
    } else if workbook.has_relative_due() {
        RELATIVE_DUE_VERSION
    } else {
        1
    }
}

/// The file as written (every version shares its shape): borrowed so
/// saving copies nothing.
#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u32,
    project: &'a str,
    description: &'a str,
    #[serde(with = "crate::model::workbook::date_opt")]
    launch: &'a Option<chrono::NaiveDate>,
    #[serde(with = "crate::model::workbook::date_opt")]
    review: &'a Option<chrono::NaiveDate>,
    people: &'a [Person],
    categories: &'a [Category],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    conflicts: &'a [Conflict],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    reviews: &'a [Review],
}

/// The file as read (versions 1 to 3; [`migrate`] converts). `format` and `version` default (to "" and 0) so that
/// their absence gets its own message rather than serde's "missing field". (No
/// `#[serde(flatten)]` of [`Workbook`]: RON structs do not flatten.)
#[derive(Deserialize)]
struct FileIn {
    #[serde(default)]
    format: String,
    #[serde(default)]
    version: u32,
    project: String,
    #[serde(default)]
    description: String,
    #[serde(default, with = "crate::model::workbook::date_opt")]
    launch: Option<chrono::NaiveDate>,
    #[serde(default, with = "crate::model::workbook::date_opt")]
    review: Option<chrono::NaiveDate>,
    #[serde(default)]
    people: Vec<Person>,
    #[serde(default)]
    categories: Vec<Category>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
    #[serde(default)]
    reviews: Vec<Review>,
}

impl FileIn {
    fn into_workbook(self) -> Workbook {
        Workbook {
            project: self.project,
            description: self.description,
            launch: self.launch,
            review: self.review,
            people: self.people,
            categories: self.categories,
            conflicts: self.conflicts,
            reviews: self.reviews,
        }
    }
}

/// Just the header, for telling "newer version" and "not a workbook" apart
/// from a syntax error when the full parse fails.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: String,
    #[serde(default)]
    version: u32,
}

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .escape_strings(true)
}

/// The canonical text of `workbook`.
pub fn to_string(workbook: &Workbook) -> Result<String, SaveError> {
    let file = FileOut {
        format: FORMAT_MARKER,
        version: version_for(workbook),
        project: &workbook.project,
        description: &workbook.description,
        launch: &workbook.launch,
        review: &workbook.review,
        people: &workbook.people,
        categories: &workbook.categories,
        conflicts: &workbook.conflicts,
        reviews: &workbook.reviews,
    };
    let mut text = ron::ser::to_string_pretty(&file, pretty())
        .map_err(|e| SaveError::Encode(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Parses workbook bytes. Errors carry a line and column where there is one
/// but no path; [`super::load`] adds it.
pub fn parse(bytes: &[u8]) -> Result<Parsed, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::new(LoadErrorKind::Empty));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(
            &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
            e.valid_up_to(),
        );
        LoadError::new(LoadErrorKind::NotUtf8).at(line, col)
    })?;
    // CR can only be a line ending here: strings are written escaped.
    let text: Cow<'_, str> = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    };
    check_conflict_markers(&text)?;
    check_no_extensions(&text)?;

    let mut unknown_fields = Vec::new();
    let options = ron::Options::default();
    let parsed: Result<FileIn, _> = (|| {
        let mut de = ron::Deserializer::from_str_with_options(&text, &options)?;
        let file =
            serde_ignored::deserialize(&mut de, |path| unknown_fields.push(path.to_string()))
                .map_err(|e| de.span_error(e))?;
        de.end().map_err(|e| de.span_error(e))?;
        Ok::<_, ron::error::SpannedError>(file)
    })();

    let file = match parsed {
        Ok(file) => file,
        Err(err) => return Err(explain_parse_failure(&text, err)),
    };
    check_header(&file.format, file.version)?;
    let version = file.version;
    let workbook = migrate(version, file.into_workbook(), &text)?;
    workbook.validate().map_err(|e| {
        let (line, col) = duplicate_position(&text, &e).unwrap_or((0, 0));
        let err = LoadError::new(e.into());
        if line > 0 { err.at(line, col) } else { err }
    })?;
    Ok(Parsed {
        workbook,
        unknown_fields,
        comment: first_comment(&text).map(|offset| line_col(&text, offset)),
    })
}

/// Converts a workbook read from a file of `version` to the current model.
/// Version 1 holds only calendar due dates, which version 2 reads the same
/// way; a relative due in a file that claims version 1 was put there by
/// hand or by a tool that did not bump the version, and is refused at its
/// line rather than read as something version 1 never meant.
fn migrate(version: u32, workbook: Workbook, text: &str) -> Result<Workbook, LoadError> {
    if version < RELATIVE_DUE_VERSION && workbook.has_relative_due() {
        let at = text
            .lines()
            .position(|l| l.trim_start().starts_with("due: Some(\"T"))
            .map_or((0, 0), |n| (n + 1, 1));
        let err = LoadError::new(LoadErrorKind::InvalidDate(format!(
            "{INVALID_DATE}: a due date relative to launch (T-14) needs workbook format version {RELATIVE_DUE_VERSION}, and this file says version {version}"
        )));
        return Err(if at.0 > 0 { err.at(at.0, at.1) } else { err });
    }
    if version < REVIEWS_VERSION && !workbook.reviews.is_empty() {
        let at = text
            .lines()
            .position(|l| l.trim_start().starts_with("reviews:"))
            .map_or((0, 0), |n| (n + 1, 1));
        let err = LoadError::new(LoadErrorKind::Syntax(format!(
            "reviews need workbook format version {REVIEWS_VERSION}, and this file says version {version}"
        )));
        return Err(if at.0 > 0 { err.at(at.0, at.1) } else { err });
    }
    Ok(workbook)
}

/// Byte offset of the first comment outside string literals, if any. The
/// file parsed, so strings are well formed; raw strings (`r#"…"#`) are
/// skipped too although the app never writes them.
fn first_comment(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i + 1),
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                let body = i + 2 + hashes;
                i = memchr::memmem::find(bytes.get(body..)?, &close)
                    .map_or(bytes.len(), |at| body + at + close.len());
            }
            b'\'' => {
                // A char literal: 'x', '\'', '\u{…}'.
                i = bytes[i + 1..]
                    .iter()
                    .enumerate()
                    .skip(1)
                    .find(|&(n, &b)| b == b'\'' && bytes[i + n] != b'\\')
                    .map_or(bytes.len(), |(n, _)| i + 1 + n + 1);
            }
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The index just past the closing quote of a string starting at `i`.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

fn check_header(format: &str, version: u32) -> Result<(), LoadError> {
    let kind = match (format, version) {
        (FORMAT_MARKER, v) if v > VERSION => LoadErrorKind::NewerVersion {
            found: v,
            supported: VERSION,
        },
        (FORMAT_MARKER, 1..) => return Ok(()),
        (FORMAT_MARKER, 0) => LoadErrorKind::NotAWorkbook("the `version` field is missing".into()),
        ("", _) => LoadErrorKind::NotAWorkbook(format!(
            "the `format: {FORMAT_MARKER:?}` marker is missing"
        )),
        (other, _) => {
            LoadErrorKind::NotAWorkbook(format!("its format is {other:?}, not {FORMAT_MARKER:?}"))
        }
    };
    Err(LoadError::new(kind).at(1, 1))
}

/// Turns a failed full parse into the most useful message: a newer version or
/// a foreign file says so; otherwise the parser's own error, at its position.
fn explain_parse_failure(text: &str, err: ron::error::SpannedError) -> LoadError {
    if let Ok(header) = ron::Options::default().from_str::<Header>(text) {
        if let Err(e) = check_header(&header.format, header.version) {
            return e;
        }
    } else if !text.trim_start().starts_with('(') && !starts_with_comment(text) {
        return LoadError::new(LoadErrorKind::NotAWorkbook(
            "a workbook file starts with `(`".into(),
        ))
        .at(err.span.start.line, err.span.start.col);
    }
    let message = err.code.to_string();
    let kind = if message.starts_with(INVALID_DATE) {
        LoadErrorKind::InvalidDate(message)
    } else {
        LoadErrorKind::Syntax(message)
    };
    LoadError::new(kind).at(err.span.start.line, err.span.start.col)
}

fn starts_with_comment(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("//") || t.starts_with("/*")
}

fn check_conflict_markers(text: &str) -> Result<(), LoadError> {
    for (n, line) in text.lines().enumerate() {
        let is_marker = ["<<<<<<<", ">>>>>>>", "|||||||"]
            .iter()
            .any(|m| line.starts_with(m))
            || line.trim_end() == "=======";
        if is_marker {
            return Err(LoadError::new(LoadErrorKind::ConflictMarkers).at(n + 1, 1));
        }
    }
    Ok(())
}

/// Rejects `#![enable(...)]`: the app never writes one, and an extension
/// such as `implicit_some` would make the same file mean different things.
fn check_no_extensions(text: &str) -> Result<(), LoadError> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    if rest.starts_with("#!") {
        let offset = text.len() - rest.len();
        let (line, col) = line_col(text, offset);
        return Err(LoadError::new(LoadErrorKind::ExtensionsHeader).at(line, col));
    }
    Ok(())
}

/// The 1-based line of each item's `id: "…"` in a workbook file's text, for
/// pointing at an item (CI annotations). Category IDs are written the same
/// way; where a category and an item share an ID, the line followed by a
/// `title:` (an item's next field, as written) wins. Lines that do not hold
/// a plain `id: "…"` (hand-edited files) are skipped: the caller then has
/// no line for that item.
pub fn item_lines(text: &str) -> std::collections::HashMap<String, usize> {
    let mut out = std::collections::HashMap::new();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for (n, line) in lines.iter().enumerate() {
        let Some(value) = line.strip_prefix("id:") else {
            continue;
        };
        let value = value.trim().trim_end_matches(',');
        let Ok(id) = ron::from_str::<String>(value) else {
            continue;
        };
        let next = lines[n + 1..].iter().find(|l| !l.is_empty());
        let is_item = next.is_some_and(|l| l.starts_with("title:"));
        if is_item || !out.contains_key(&id) {
            out.insert(id, n + 1);
        }
    }
    out
}

/// Where the second occurrence of a duplicated ID is written.
fn duplicate_position(text: &str, err: &crate::model::ModelError) -> Option<(usize, usize)> {
    use crate::model::ModelError;
    let id = match err {
        ModelError::DuplicateItemId(id)
        | ModelError::DuplicateCategoryId(id)
        | ModelError::DuplicateReviewId(id) => id,
        ModelError::EmptyItemId(_) | ModelError::EmptyReviewId(_) => {
            let offset = text.find("id: \"\"")?;
            return Some(line_col(text, offset));
        }
    };
    let needle = format!("id: {}", ron::to_string(id).ok()?);
    let first = text.find(&needle)?;
    let second = first + needle.len() + text[first + needle.len()..].find(&needle)?;
    Some(line_col(text, second))
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}
