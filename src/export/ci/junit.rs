//! JUnit XML, the test-report format every CI renders: one `testsuite` per
//! workbook, one `testcase` per item (classname = its category, name =
//! "ID: title"), a `failure` with the reason for each red item. Warnings go
//! to the item's `system-out`; what keeps a whole workbook from being ready
//! (a workbook conflict, no items, unmerged in git) is a failed testcase of
//! its own, and a file that does not read is a suite with one `error`.
//!
//! `file` and `line` on a testcase are not in the JUnit schema, but GitLab
//! and others use them to link the case to its source; readers that do not
//! know them ignore them.

use std::fmt::Write as _;

use super::{Checked, Judged};

/// The report for every workbook, in order.
pub fn render(checked: &[Checked<'_>]) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures, mut errors) = (0, 0, 0);
    for c in checked {
        let (t, f, e) = match &c.outcome {
            Ok(j) => suite(&mut suites, &c.path, j),
            Err(u) => {
                let _ = writeln!(
                    suites,
                    "  <testsuite name=\"{}\" tests=\"1\" failures=\"0\" errors=\"1\">",
                    attr(&c.path)
                );
                let line = u
                    .position
                    .map(|(l, _)| format!(" line=\"{l}\""))
                    .unwrap_or_default();
                let _ = writeln!(
                    suites,
                    "    <testcase classname=\"(workbook)\" name=\"read the workbook\" file=\"{}\"{line}>",
                    attr(&c.path)
                );
                let _ = writeln!(
                    suites,
                    "      <error message=\"{}\" type=\"unreadable\">{}</error>",
                    attr(&u.message),
                    text(&u.message)
                );
                suites.push_str("    </testcase>\n  </testsuite>\n");
                (1, 0, 1)
            }
        };
        tests += t;
        failures += f;
        errors += e;
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"shipshape check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n{suites}</testsuites>\n"
    )
}

/// One workbook's suite; returns its (tests, failures, errors).
fn suite(out: &mut String, path: &str, j: &Judged<'_>) -> (usize, usize, usize) {
    let blockers = j.workbook_blockers();
    let tests = j.verdict.checks.len() + blockers.len();
    let failures = j.verdict.red_count() + blockers.len();
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">",
        attr(&j.workbook.project)
    );
    let _ = writeln!(out, "    <properties>");
    for (name, value) in [
        ("path", path.to_owned()),
        ("as-of", j.verdict.as_of.to_string()),
        ("verdict", j.verdict.headline()),
    ] {
        let _ = writeln!(
            out,
            "      <property name=\"{name}\" value=\"{}\"/>",
            attr(&value)
        );
    }
    let _ = writeln!(out, "    </properties>");
    for (title, message) in &blockers {
        let _ = writeln!(
            out,
            "    <testcase classname=\"(workbook)\" name=\"{}\" file=\"{}\">",
            attr(title),
            attr(path)
        );
        let _ = writeln!(
            out,
            "      <failure message=\"{}\" type=\"not ready\">{}</failure>",
            attr(message),
            text(message)
        );
        out.push_str("    </testcase>\n");
    }
    for check in &j.verdict.checks {
        let item = check.item;
        let name = format!("{}: {}", item.id, item.title);
        let line = j
            .lines
            .get(&item.id)
            .map(|l| format!(" line=\"{l}\""))
            .unwrap_or_default();
        let _ = write!(
            out,
            "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"{line}",
            attr(&check.category.name),
            attr(&name),
            attr(path)
        );
        let warnings: Vec<String> = j
            .verdict
            .warnings
            .iter()
            .filter(|w| w.item_id() == item.id)
            .map(ToString::to_string)
            .collect();
        if check.red.is_none() && warnings.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        if let Some(reason) = check.red {
            let reason = reason.to_string();
            let due = match check.due_text() {
                d if d.is_empty() => "no due date".to_owned(),
                d => format!("due {d}{}", if check.overdue { " (overdue)" } else { "" }),
            };
            let body = format!("{reason}\nowner {}, {due}", item.owner_or_unassigned());
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"red\">{}</failure>",
                attr(&reason),
                text(&body)
            );
        }
        if !warnings.is_empty() {
            let _ = writeln!(
                out,
                "      <system-out>{}</system-out>",
                text(&warnings.join("\n"))
            );
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
    (tests, failures, 0)
}

/// Text in an attribute: markup and line breaks escaped (a raw line break
/// in an attribute reads back as a space).
fn attr(value: &str) -> String {
    escape(value, true)
}

/// Text in an element.
fn text(value: &str) -> String {
    escape(value, false)
}

/// XML-escaped text. Characters XML 1.0 forbids even as references (most
/// C0 controls, U+FFFE, U+FFFF) become visible `\u{…}` escapes, so any
/// workbook gives a well-formed report.
fn escape(value: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            '\n' => out.push('\n'),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.extend(c.escape_unicode());
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_line_breaks_and_forbidden_characters() {
        assert_eq!(
            attr("a<b>&\"c' d\ne\r\tf\u{1b}"),
            "a&lt;b&gt;&amp;&quot;c&apos; d&#10;e&#13;&#9;f\\u{1b}"
        );
        assert_eq!(text("x\ny"), "x\ny");
    }
}
