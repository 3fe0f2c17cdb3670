//! Reading the text of a Markdown checklist: labelled lines (`Status: …`),
//! status words, check marks, headings, ID markers and titles.

use crate::model::{FieldKind, ItemField, Status};

use super::{Draft, MAX_TITLE_CHARS, Node};

/// The verdict and count lines `export::markdown` writes under the title:
/// derived from the items, so not part of the description.
pub(super) fn is_export_summary(text: &str) -> bool {
    let t = text.trim();
    let verdict = (t.starts_with("Production-ready") || t.starts_with("Demo-ready"))
        && t.contains(" · as of ");
    let counts = t
        .split_once(" items: ")
        .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    // "_3 of 5 passing_" under each category, the closing line.
    let passing = t
        .strip_suffix(" passing")
        .and_then(|r| r.split_once(" of "))
        .is_some_and(|(a, b)| {
            [a, b]
                .iter()
                .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        });
    verdict || counts || passing || t.starts_with("Exported from Shipshape on ")
}

/// A reference code that starts a title (`REL-01 — Health checks`,
/// `SEC.4: TLS`): teams refer to items by it, so it makes the better ID.
pub(super) fn leading_code(title: &str) -> Option<&str> {
    let mut words = title.split_whitespace();
    let first = words.next()?;
    let (code, colon) = match first.strip_suffix(':') {
        Some(c) => (c, true),
        None => (first, false),
    };
    let separated = colon
        || words
            .next()
            .is_some_and(|w| matches!(w, "—" | "–" | "-" | ":" | "|"));
    let looks_like_code = (2..=12).contains(&code.len())
        && code.chars().any(|c| c.is_ascii_digit())
        && code.chars().any(|c| c.is_ascii_alphabetic())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    (separated && looks_like_code).then_some(code)
}

/// Sets the draft's title from `text`; a long one is cut at a sentence or
/// word with the whole text put first in the description, unless it is
/// `whole` (Shipshape's own export, whose titles are titles), which keeps
/// it exactly, runs of spaces too.
pub(super) fn set_title(d: &mut Draft, text: &str, whole: bool) {
    if whole {
        d.title = text.trim().to_owned();
        return;
    }
    let title = one_line(text);
    if title.chars().count() <= MAX_TITLE_CHARS {
        d.title = title;
        return;
    }
    let head: String = title.chars().take(MAX_TITLE_CHARS).collect();
    let cut = head
        .find(". ")
        .map(|i| i + 1)
        .or_else(|| head.rfind(' '))
        .unwrap_or(head.len());
    d.title = format!("{}…", head[..cut].trim_end_matches('.').trim_end());
    d.description.insert(0, title);
}

/// How many of a list item's first lines are its title: up to a hard
/// break or a labelled line (a title wrapped over lines is one title).
pub(super) fn title_lines(lines: &[&str], hard: &[usize]) -> usize {
    let mut n = 1;
    while n < lines.len() && !hard.contains(&(n - 1)) && !is_meta(&lines[n..=n]) {
        n += 1;
    }
    n.min(lines.len())
}

/// The URLs of a list item and everything nested in it.
pub(super) fn collect_links(node: &Node, out: &mut Vec<String>) {
    for l in node.paras.iter().flat_map(|p| &p.links) {
        if !out.contains(l) {
            out.push(l.clone());
        }
    }
    for c in &node.children {
        collect_links(c, out);
    }
}

/// `Key: value` pieces of a labelled line, split at ` · ` and ` | ` where
/// a label (or the export's 🔴 verdict) follows: elsewhere those characters
/// are the value's own text.
pub(super) fn split_segments(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices().filter(|(_, c)| matches!(c, '·' | '|')) {
        let next = line[i + c.len_utf8()..].trim_start();
        if field_key(next).is_some() || next.starts_with('🔴') {
            out.push(line[start..i].trim());
            start = i + c.len_utf8();
        }
    }
    out.push(line[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// The field a `Key: value` segment sets, and its value. Keys are the
/// fields' labels and keys (as `export::markdown` writes them) and the
/// words other checklists use. Title and description are never labelled:
/// they are the item's own text.
pub(super) fn field_key(segment: &str) -> Option<(ItemField, &str)> {
    let (key, value) = segment.split_once(':')?;
    let k = key.trim().to_ascii_lowercase().replace('_', " ");
    let named = ItemField::ALL
        .into_iter()
        .filter(|f| !matches!(f, ItemField::Title | ItemField::Description))
        .find(|f| f.label().eq_ignore_ascii_case(&k) || f.key().replace('_', " ") == k);
    let field = named.or(match k.as_str() {
        "state" => Some(ItemField::Status),
        "assignee" | "responsible" => Some(ItemField::Owner),
        "deadline" => Some(ItemField::Due),
        "reason" | "why not applicable" => Some(ItemField::MitigationText),
        "note" => Some(ItemField::Notes),
        _ => None,
    })?;
    Some((field, value))
}

/// Fields whose value may run on over the following lines.
pub(super) fn is_long_field(field: ItemField) -> bool {
    matches!(field.kind(), FieldKind::Multiline | FieldKind::Links)
}

/// Whether an evidence value reads as a link (a URL, a path, an address)
/// rather than words.
pub(super) fn looks_like_link(s: &str) -> bool {
    s.contains("://")
        || s.starts_with("www.")
        || s.starts_with("mailto:")
        || s.starts_with('/')
        || s.starts_with("./")
        || s.starts_with("../")
}

pub(super) fn is_meta(lines: &[&str]) -> bool {
    lines.iter().any(|l| {
        split_segments(l)
            .first()
            .is_some_and(|s| field_key(s).is_some())
    })
}

pub(super) fn parse_status(value: &str) -> Option<Status> {
    let v = value.trim().trim_end_matches('.');
    Status::from_word(v).or_else(|| match v.to_ascii_lowercase().as_str() {
        // Final dots are trimmed above: "N.A." arrives as "n.a".
        "not applicable" | "n.a" | "not required" => Some(Status::NotApplicable),
        "fulfilled" | "yes" | "passed" | "pass" => Some(Status::Done),
        "not verified" | "no" => Some(Status::NotStarted),
        _ => None,
    })
}

pub(super) fn is_check_mark(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        ":white_check_mark:"
            | ":heavy_check_mark:"
            | ":ballot_box_with_check:"
            | "✅"
            | "✔"
            | "✔️"
            | "✓"
            | "x"
            | "[x]"
            | "yes"
            | "done"
    )
}

pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A heading's text without leading emoji shortcodes (`:lock: Security`);
/// runs of spaces are the heading's own.
pub(super) fn clean_heading(text: &str) -> String {
    let mut t = text.replace('\n', " ").trim().to_owned();
    loop {
        let trimmed = t.trim_start();
        let Some(rest) = trimmed.strip_prefix(':') else {
            break;
        };
        match rest.split_once(':') {
            Some((code, after))
                if !code.is_empty()
                    && code
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_+-".contains(c)) =>
            {
                t = after.trim_start().to_owned();
            }
            _ => break,
        }
    }
    t.trim().to_owned()
}

/// The ID in an `<!-- id: x -->` marker.
pub(super) fn id_marker(html: &str) -> Option<String> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let id = inner.strip_prefix("id:")?.trim();
    (!id.is_empty()).then(|| id.to_owned())
}

/// HTML comment markers removed (their guidance text kept), and the ID of
/// an `<!-- id: … -->` marker taken out.
pub(super) fn strip_comments(html: &str) -> (String, Option<String>) {
    if let Some(id) = id_marker(html) {
        return (String::new(), Some(id));
    }
    let text = html.replace("<!--", "").replace("-->", "");
    (text.trim().to_owned(), None)
}

/// A nested list item as description text: `- [x] text`, children indented.
pub(super) fn render_node(node: &Node, depth: usize) -> String {
    let indent = "  ".repeat(depth);
    let mark = match node.checked {
        Some(true) => "[x] ",
        Some(false) => "[ ] ",
        None => "",
    };
    let text: Vec<String> = node
        .paras
        .iter()
        .map(|p| p.text.trim().replace('\n', " "))
        .collect();
    let mut out = format!("{indent}- {mark}{}", text.join(" "));
    for c in &node.children {
        out.push('\n');
        out.push_str(&render_node(c, depth + 1));
    }
    out
}

/// A dropped block as a warning shows it: its start, quoted, and its links.
pub(super) fn render_snippet(text: &str, links: &[String]) -> String {
    let line = one_line(text);
    let mut out: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        out.push('…');
    }
    let mut out = format!("“{out}”");
    if !links.is_empty() {
        out.push_str(&format!(" (links: {})", links.join(" ")));
    }
    out
}

/// Words that say a row or cell holds nothing (`None required`, `N/A`).
pub(super) fn is_none_word(v: &str) -> bool {
    matches!(
        v.trim().trim_end_matches('.').to_ascii_lowercase().as_str(),
        "none" | "none required" | "n/a" | "na" | "-" | "—" | "tbd" | "nothing"
    )
}
