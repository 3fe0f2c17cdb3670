//! GitHub-flavoured Markdown: the whole checklist for a PR description or an
//! email body (checked items are those that pass: done, mitigated within
//! date, or not applicable with a reason), a short summary for the clipboard, and a `mailto:` link that
//! carries the summary.
//!
//! The checklist is a task list per category; each item's status, owner,
//! due date and mitigation sit on labelled lines (`*Status:* Done · …`)
//! that `import::markdown` reads back, and its ID rides in an HTML comment
//! so a re-import keeps it without cluttering the rendered page.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::model::{Due, Item, ItemCheck, ItemField, Status, Workbook};

/// The whole workbook as a GitHub-flavoured Markdown checklist, judged as of
/// `as_of`.
pub fn to_markdown(wb: &Workbook, as_of: NaiveDate) -> String {
    let v = wb.verdict(as_of);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", exact_inline(&wb.project));
    let _ = writeln!(out, "**{}** · as of {}{}", v.headline(), as_of, dates(wb));
    for c in &wb.conflicts {
        let _ = writeln!(
            out,
            "\n**Merge conflict in {}:** ours {}, theirs {}",
            inline(&c.field),
            quoted(&c.ours),
            quoted(&c.theirs)
        );
    }
    if !wb.description.trim().is_empty() {
        let _ = writeln!(out, "\n{}", block(&wb.description, ""));
    }
    let counts: Vec<String> = v
        .counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", s.label().to_lowercase()))
        .collect();
    if !counts.is_empty() {
        let _ = writeln!(out, "\n{} items: {}.", v.counts.total(), counts.join(", "));
    }
    // The checks are in file order: walk them alongside the categories.
    let mut checks = v.checks.iter();
    for cat in &wb.categories {
        let in_cat: Vec<&ItemCheck<'_>> = checks.by_ref().take(cat.items.len()).collect();
        let pass = in_cat.iter().filter(|c| c.passes()).count();
        let _ = writeln!(
            out,
            "\n## {} <!-- id: {} -->\n",
            exact_inline(&cat.name),
            comment_safe(&cat.id)
        );
        let _ = writeln!(out, "_{pass} of {} passing_\n", cat.items.len());
        for c in in_cat {
            write_item(&mut out, c);
        }
    }
    let _ = writeln!(
        out,
        "\n---\n_Exported from Shipshape on {as_of} · version {}_",
        crate::storage::content_hash(wb)
    );
    out
}

/// The launch and the walkthrough, when set (a default walkthrough date
/// follows from the launch, so it is not written as if chosen).
fn dates(wb: &Workbook) -> String {
    let mut s = String::new();
    if let Some(l) = wb.launch {
        let _ = write!(s, " · launch {l}");
    }
    if let Some(r) = wb.review {
        let _ = write!(s, " · review {r}");
    }
    s
}

/// The fields `write_item` lays out by hand: the title line, the meta line
/// and the mitigation line. Every other field follows on a labelled line of
/// its own, so a new field is exported (and read back) without a change here.
const LAID_OUT: [ItemField; 8] = [
    ItemField::Title,
    ItemField::Description,
    ItemField::Status,
    ItemField::Owner,
    ItemField::Due,
    ItemField::MitigationText,
    ItemField::MitigationAcceptedBy,
    ItemField::MitigationUntil,
];

fn write_item(out: &mut String, check: &ItemCheck<'_>) {
    let item = check.item;
    // Checked = does not block the launch, so GitHub's "n of m tasks"
    // counts what passes; the status line says how.
    let mark = if check.passes() { 'x' } else { ' ' };
    let title = if item.title.trim().is_empty() {
        "(untitled)".to_owned()
    } else {
        exact_inline(&item.title)
    };
    let _ = writeln!(
        out,
        "- [{mark}] **{title}** <!-- id: {} -->  ",
        comment_safe(&item.id)
    );
    let label = |f: ItemField| f.label();
    let mut meta = vec![format!(
        "*{}:* {}",
        label(ItemField::Status),
        item.status.label()
    )];
    if !item.owner.trim().is_empty() || !check.passes() {
        let owner = exact_inline(item.owner_or_unassigned());
        meta.push(format!("*{}:* {owner}", label(ItemField::Owner)));
    }
    // `T-14 (2027-01-17)`, not the window's `·`, which separates the
    // labels on this line; the import reads the relative form back.
    if let Some(due) = item.due {
        let due = match (due, check.due) {
            (Due::FromLaunch(_), Some(day)) => format!("{due} ({day})"),
            _ => check.due_text(),
        };
        meta.push(format!("*{}:* {due}", label(ItemField::Due)));
    }
    if let Some(red) = check.red {
        let overdue = if check.overdue { ", overdue" } else { "" };
        meta.push(format!("🔴 {red}{overdue}"));
    }
    let _ = writeln!(out, "  {}", meta.join(" · "));
    let indent = "  ";
    if !item.description.trim().is_empty() {
        let _ = writeln!(out, "\n{}", block(&item.description, indent));
    }
    let m = &item.mitigation;
    if item.has_mitigation() || !m.accepted_by.trim().is_empty() || m.until.is_some() {
        let _ = writeln!(out, "\n{indent}{}", mitigation_line(item));
    }
    for field in ItemField::ALL.into_iter().filter(|f| !LAID_OUT.contains(f)) {
        let value = match field.links(item) {
            // Entries hold no spaces: `, ` separates them.
            Some(links) => {
                let links: Vec<String> = links.iter().map(|e| link(e)).collect();
                links.join(", ")
            }
            None => inline_lines(&field.get(item)),
        };
        if !value.trim().is_empty() {
            let _ = writeln!(out, "\n{indent}*{}:* {value}", field.label());
        }
    }
    for c in &item.conflicts {
        let _ = writeln!(
            out,
            "\n{indent}**Merge conflict in {}:** ours {}, theirs {}",
            inline(&c.field),
            quoted(&c.ours),
            quoted(&c.theirs)
        );
    }
    out.push('\n');
}

/// `*Mitigation:* … · *Accepted by:* … · *Accepted until:* …` (the reason,
/// for a not-applicable item).
fn mitigation_line(item: &Item) -> String {
    let label = if item.status == Status::NotApplicable {
        "Reason"
    } else {
        ItemField::MitigationText.label()
    };
    let mut m = format!("*{label}:* {}", inline_lines(&item.mitigation.text));
    if !item.mitigation.accepted_by.trim().is_empty() {
        let _ = write!(
            m,
            " · *{}:* {}",
            ItemField::MitigationAcceptedBy.label(),
            exact_inline(&item.mitigation.accepted_by)
        );
    }
    if let Some(u) = item.mitigation.until {
        let _ = write!(m, " · *{}:* {u}", ItemField::MitigationUntil.label());
    }
    m
}

/// A plain-text summary for the clipboard or an email body: the verdict,
/// then each red item with its owner, due date and reason, grouped by
/// category. It reads as plain text and renders as Markdown.
pub fn summary(wb: &Workbook, as_of: NaiveDate) -> String {
    summary_lines(wb, as_of, usize::MAX)
}

fn summary_lines(wb: &Workbook, as_of: NaiveDate, max_red: usize) -> String {
    let v = wb.verdict(as_of);
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", wb.project.trim(), v.headline());
    let passing = v.checks.len() - v.red_count();
    let _ = writeln!(
        out,
        "{passing} of {} items pass as of {as_of}{}.",
        v.checks.len(),
        dates(wb).replace(" · ", "; ")
    );
    let conflicts = wb.conflict_count();
    if conflicts > 0 {
        let (n, have) = if conflicts == 1 {
            ("item", "has")
        } else {
            ("items", "have")
        };
        let _ = writeln!(out, "{conflicts} {n} {have} unresolved merge conflicts.");
    }
    if !wb.conflicts.is_empty() {
        let fields: Vec<&str> = wb.conflicts.iter().map(|c| c.field.as_str()).collect();
        let _ = writeln!(
            out,
            "Unresolved merge conflicts on the workbook: {}.",
            fields.join(", ")
        );
    }
    if v.red_count() > 0 {
        let _ = writeln!(out, "\nRed items (they block the launch):");
        let mut last = None;
        for c in v.red().take(max_red) {
            if last != Some(&c.category.id) {
                let _ = writeln!(out, "\n{}", c.category.name.trim());
                last = Some(&c.category.id);
            }
            let due = match c.due_text() {
                d if d.is_empty() => "no due date".to_owned(),
                d if c.overdue => format!("due {d}, OVERDUE"),
                d => format!("due {d}"),
            };
            let why = c.red.map(|r| r.to_string()).unwrap_or_default();
            let _ = writeln!(
                out,
                "- {} — {}, {due}: {why}",
                one_line(&c.item.title),
                c.item.owner_or_unassigned()
            );
        }
        let rest = v.red_count().saturating_sub(max_red);
        if rest > 0 {
            let _ = writeln!(out, "\n… and {rest} more red items (see the report).");
        }
    }
    if !v.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings:");
        for w in &v.warnings {
            let _ = writeln!(out, "- {w}");
        }
    }
    out
}

/// Said next to a "Share…" button: a `mailto:` link cannot attach files.
pub const MAILTO_ATTACHMENT_NOTE: &str = "Email links cannot carry attachments: attach the workbook file and its PDF report from the folder they were saved to.";

/// Mail clients and browsers cut long `mailto:` links (some near 2,000
/// characters); the body is shortened to keep the link below this.
pub const MAX_MAILTO_LEN: usize = 2000;

/// A `mailto:` link to `recipients` with the verdict as subject and
/// [`summary`] as body (shortened, at whole lines, to stay within
/// [`MAX_MAILTO_LEN`]).
pub fn mailto_url(wb: &Workbook, as_of: NaiveDate, recipients: &[&str]) -> String {
    let subject = format!(
        "Production readiness: {} — {}",
        one_line(&wb.project),
        wb.verdict(as_of).headline()
    );
    let to: Vec<String> = recipients
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        // Some mail clients do not decode `%40` in the address itself.
        .map(|r| percent_encode(r).replace("%40", "@"))
        .collect();
    let head = format!(
        "mailto:{}?subject={}&body=",
        to.join(","),
        percent_encode(&subject)
    );
    let red = wb.verdict(as_of).red_count();
    let mut max_red = red;
    loop {
        let body = percent_encode(&summary_lines(wb, as_of, max_red).replace('\n', "\r\n"));
        if head.len() + body.len() <= MAX_MAILTO_LEN || max_red == 0 {
            return head + &body;
        }
        max_red = if max_red > 64 {
            max_red / 2
        } else {
            max_red - 1
        };
    }
}

/// RFC 3986 percent-encoding of everything but unreserved characters, as
/// RFC 6068 asks for `mailto:` header values.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Text in running Markdown: characters that would start markup are
/// escaped, line breaks become spaces.
pub(crate) fn inline(text: &str) -> String {
    escape(&one_line(text))
}

/// One line of text exactly as it is: markup escaped, runs of spaces kept
/// (line breaks, which a one-line field should not hold, become spaces).
fn exact_inline(text: &str) -> String {
    escape(&text.replace(['\r', '\n'], " "))
}

/// Multi-line text inside a list item, hard breaks kept, each line exactly
/// (an empty line as an encoded space, which reads back as empty).
fn inline_lines(text: &str) -> String {
    let lines: Vec<String> = text
        .trim()
        .lines()
        .map(|l| match l.trim() {
            "" => "&#32;".to_owned(),
            _ => exact_line(l),
        })
        .collect();
    lines.join("  \n  ")
}

/// Paragraphs indented by `indent`, so they stay inside a list item; each
/// line read back exactly, its indentation too (nested lists in a
/// description keep their depth).
fn block(text: &str, indent: &str) -> String {
    text.trim()
        .lines()
        .map(|l| {
            if l.trim().is_empty() {
                String::new()
            } else {
                format!("{indent}{}", exact_line(l))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A line escaped so Markdown reads it back as written: markup and line
/// starts escaped, and the spaces Markdown would eat at either end
/// encoded as character references.
fn exact_line(line: &str) -> String {
    let body = line.trim();
    let (lead, trail) = line.split_at(line.len() - line.trim_start().len());
    let trail = &trail[body.len()..];
    let encode =
        |ws: &str| -> String { ws.chars().map(|c| format!("&#{};", u32::from(c))).collect() };
    format!(
        "{}{}{}",
        encode(lead),
        escape_line_start(&escape(body)),
        encode(trail)
    )
}

/// An evidence entry: an autolink when it is a URL, else escaped text.
fn link(entry: &str) -> String {
    let scheme = entry.split_once(':').map(|(s, _)| s).unwrap_or_default();
    let is_url = (2..=32).contains(&scheme.len())
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        && !entry.contains(['<', '>', ' ', '\\'])
        && !entry.chars().any(char::is_control);
    if is_url {
        format!("<{entry}>")
    } else {
        escape(entry)
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would make a line a heading, quote or list item.
fn escape_line_start(line: &str) -> String {
    let t = line.trim_start();
    let lead = &line[..line.len() - t.len()];
    if t.starts_with(['#', '>', '-', '+', '=']) {
        return format!("{lead}\\{t}");
    }
    // A backslash before a digit is no escape: escape the list delimiter.
    if let Some((n, rest)) = t.split_once(['.', ')'])
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
    {
        let delim = &t[n.len()..=n.len()];
        return format!("{lead}{n}\\{delim}{rest}");
    }
    line.to_owned()
}

fn quoted(value: &str) -> String {
    if value.is_empty() {
        "(none)".to_owned()
    } else {
        format!("“{}”", inline(value))
    }
}

/// An ID inside `<!-- … -->`: nothing that could end the comment.
fn comment_safe(id: &str) -> String {
    id.replace("--", "-\u{2010}").replace('>', "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Conflict, Status};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn sample() -> Workbook {
        let mut wb = crate::storage::builtin_template();
        wb.project = "Payments *API*".into();
        wb.launch = Some(d("2026-04-01"));
        let i = wb.item_mut("reliability.slos").unwrap();
        i.status = Status::Done;
        i.owner = "Ann".into();
        let i = wb.item_mut("security.secrets").unwrap();
        i.owner = "Bo".into();
        i.due = Some(crate::model::Due::On(d("2026-03-01")));
        i.notes = "line one\nline <two>".into();
        i.conflicts.push(Conflict {
            field: "owner".into(),
            ours: "Bo".into(),
            theirs: "Cy".into(),
        });
        wb
    }

    #[test]
    fn checklist_has_a_task_per_item_with_status_owner_and_due() {
        let md = to_markdown(&sample(), d("2026-03-10"));
        assert!(md.starts_with("# Payments \\*API\\*\n"), "{md}");
        assert!(md.contains("**Demo-ready: 24 red** · as of 2026-03-10 · launch 2026-04-01"));
        assert_eq!(md.matches("\n- [").count(), 25);
        assert!(md.contains("- [x] **SLOs published** <!-- id: reliability.slos -->"));
        assert!(md.contains("*Status:* Done · *Owner:* Ann\n"));
        assert!(
            md.contains("- [ ] **Secrets management**"),
            "red items are unchecked"
        );
        assert!(md.contains(
            "*Owner:* Bo · *Due date:* 2026-03-01 · 🔴 unresolved merge conflict, overdue"
        ));
        assert!(md.contains("*Notes:* line one  \n  line \\<two\\>"));
        assert!(md.contains("**Merge conflict in owner:** ours “Bo”, theirs “Cy”"));
        assert!(md.contains("## Security <!-- id: security -->\n\n_0 of 5 passing_"));
    }

    #[test]
    fn summary_lists_red_items_with_owner_and_due() {
        let s = summary(&sample(), d("2026-03-10"));
        assert!(s.starts_with("Payments *API*: Demo-ready: 24 red\n1 of 25 items pass as of 2026-03-10; launch 2026-04-01"), "{s}");
        assert!(s.contains("\n1 item has unresolved merge conflicts.\n"));
        assert!(
            s.contains(
                "\n- Secrets management — Bo, due 2026-03-01, OVERDUE: unresolved merge conflict\n"
            ),
            "{s}"
        );
        assert!(
            !s.contains("SLOs published"),
            "passing items are not listed"
        );
    }

    #[test]
    fn workbook_conflicts_show_under_the_headline_and_in_the_summary() {
        let mut wb = sample();
        wb.conflicts.push(Conflict {
            field: "launch".into(),
            ours: "2026-04-01".into(),
            theirs: "2026-05-01".into(),
        });
        let md = to_markdown(&wb, d("2026-03-10"));
        assert!(md.contains("**Demo-ready: 24 red, 1 workbook conflict** · as of"));
        assert!(
            md.contains("\n**Merge conflict in launch:** ours “2026-04-01”, theirs “2026-05-01”\n"),
            "{md}"
        );
        let s = summary(&wb, d("2026-03-10"));
        assert!(
            s.contains("\nUnresolved merge conflicts on the workbook: launch.\n"),
            "{s}"
        );
    }

    #[test]
    fn mailto_is_percent_encoded_and_bounded() {
        let wb = sample();
        let url = mailto_url(&wb, d("2026-03-10"), &["ann@example.com", " "]);
        assert!(url.starts_with("mailto:ann@example.com?subject=Production%20readiness%3A%20Payments%20%2AAPI%2A%20%E2%80%94%20Demo-ready%3A%2024%20red&body="), "{url}");
        assert!(url.len() <= MAX_MAILTO_LEN);
        assert!(
            url.contains("more%20red%20items"),
            "the long list is cut and says so"
        );
        assert!(!url.contains(' ') && !url.contains('\n'));
        let mut ready = wb.clone();
        for c in &mut ready.categories {
            for i in &mut c.items {
                // Done as a person sets it: verified, so re-checks pass.
                i.set_status(Status::Done, d("2026-03-10"));
                i.conflicts.clear();
            }
        }
        let url = mailto_url(&ready, d("2026-03-10"), &[]);
        assert!(url.starts_with("mailto:?subject="));
        assert!(url.contains("Production-ready"));
    }

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            inline("a *b* [c](d) <e>\nf"),
            "a \\*b\\* \\[c\\](d) \\<e\\> f"
        );
        assert_eq!(
            block("# not a heading\n1. not a list", "  "),
            "  \\# not a heading\n  1\\. not a list"
        );
    }
}
