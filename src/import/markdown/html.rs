//! Raw HTML in a checklist (`<details>`, `<br />`, `<a href>`): reduced to
//! its text, the links kept, so no markup leaks into a description.

/// What one inline HTML tag means for the text around it.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Tag {
    /// `<br>`: a line break.
    Break,
    /// `<a href="…">`: a link starts.
    LinkStart(String),
    /// `</a>`.
    LinkEnd,
    /// Anything else (formatting, comments): no text of its own.
    Other,
}

/// Reads one inline tag.
pub(super) fn tag(html: &str) -> Tag {
    let t = html.trim();
    let name = tag_name(t);
    match name.as_str() {
        "br" => Tag::Break,
        "a" => href(t).map_or(Tag::Other, Tag::LinkStart),
        "/a" => Tag::LinkEnd,
        _ => Tag::Other,
    }
}

/// The lower-case name of a tag (`/a` for a closing one); empty for a
/// comment or anything that is not a tag.
fn tag_name(t: &str) -> String {
    let Some(rest) = t.strip_prefix('<') else {
        return String::new();
    };
    if rest.starts_with('!') || rest.starts_with('?') {
        return String::new();
    }
    let (slash, rest) = match rest.strip_prefix('/') {
        Some(r) => ("/", r),
        None => ("", rest),
    };
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    if name.is_empty() {
        return String::new();
    }
    format!("{slash}{}", name.to_ascii_lowercase())
}

/// The `href` of an `<a …>` tag.
fn href(tag: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find("href")?;
    let rest = tag[at + 4..].trim_start().strip_prefix('=')?.trim_start();
    let url = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        _ => rest.split([' ', '\t', '\n', '>']).next()?,
    };
    let url = decode_entities(url.trim());
    (!url.is_empty()).then_some(url)
}

/// An HTML block as text: tags removed (block-level ones end a line),
/// comments' text kept (checklists put guidance in them), entities
/// decoded; the links of its `<a href>` tags beside it.
pub(super) fn block_text(html: &str) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut links = Vec::new();
    // The open `<a>`: its URL and where its text starts (a link around an
    // image alone is a badge, not a link).
    let mut open: Option<(String, usize)> = None;
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&decode_entities(&rest[..start]));
        let after = &rest[start..];
        if let Some(comment) = after.strip_prefix("<!--") {
            let (inner, tail) = comment.split_once("-->").unwrap_or((comment, ""));
            text.push_str(inner);
            rest = tail;
            continue;
        }
        let Some(end) = after.find('>') else {
            text.push_str(&decode_entities(after));
            rest = "";
            break;
        };
        let t = &after[..=end];
        if tag_name(t).is_empty() && !t.starts_with("<!") {
            // A lone `<` in text, not a tag.
            text.push('<');
            rest = &after[1..];
            continue;
        }
        match tag(t) {
            Tag::Break => text.push('\n'),
            Tag::LinkStart(url) => open = Some((url, text.len())),
            Tag::LinkEnd => {
                if let Some((url, at)) = open.take()
                    && !text[at..].trim().is_empty()
                    && !links.contains(&url)
                {
                    links.push(url);
                }
            }
            Tag::Other if ends_a_line(&tag_name(t)) => text.push('\n'),
            Tag::Other => {}
        }
        rest = &after[end + 1..];
    }
    text.push_str(&decode_entities(rest));
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    (lines.join("\n"), links)
}

/// Block-level tags, whose text stands on a line of its own.
fn ends_a_line(name: &str) -> bool {
    let name = name.trim_start_matches('/');
    matches!(
        name,
        "p" | "div"
            | "details"
            | "summary"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
    )
}

/// The few entities hand-written HTML uses, and numeric ones.
pub(super) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let decoded = after.find(';').filter(|&e| e <= 10).and_then(|e| {
            let name = &after[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tags_are_breaks_links_or_nothing() {
        assert_eq!(tag("<br />"), Tag::Break);
        assert_eq!(tag("<BR>"), Tag::Break);
        assert_eq!(
            tag("<a href=\"https://x.test/a?b=1&amp;c=2\">"),
            Tag::LinkStart("https://x.test/a?b=1&c=2".into())
        );
        assert_eq!(
            tag("<a class=x href='/docs'>"),
            Tag::LinkStart("/docs".into())
        );
        assert_eq!(tag("<a href=/bare>"), Tag::LinkStart("/bare".into()));
        assert_eq!(tag("<a name=\"top\">"), Tag::Other);
        assert_eq!(tag("</a>"), Tag::LinkEnd);
        assert_eq!(tag("<kbd>"), Tag::Other);
        assert_eq!(tag("<!-- note -->"), Tag::Other);
    }

    #[test]
    fn blocks_keep_their_text_and_links_without_markup() {
        let (text, links) = block_text(
            "<details>\n<summary>Why <b>this</b> matters</summary>\nSee <a href=\"https://a.test\">the docs</a> &amp; more<br/>next\n</details>",
        );
        assert_eq!(text, "Why this matters\nSee the docs & more\nnext");
        assert_eq!(links, ["https://a.test"]);
        let (text, links) =
            block_text("<p><a href=\"https://ci.test\"><img src=\"b.svg\"></a></p>");
        assert_eq!((text.as_str(), links.len()), ("", 0), "a badge is no link");
        let (text, links) = block_text("<!--\nguidance kept\n-->");
        assert_eq!((text.as_str(), links.len()), ("guidance kept", 0));
        assert_eq!(block_text("a < b").0, "a < b");
        assert_eq!(
            block_text("<p>p99 < 200 ms, errors > 1%</p>").0,
            "p99 < 200 ms, errors > 1%"
        );
        assert_eq!(block_text("<!DOCTYPE html>\n<p>text</p>").0, "text");
        assert_eq!(
            block_text("<ul><li>one</li><li>two</li></ul>").0,
            "one\ntwo",
            "block tags end a line"
        );
        assert_eq!(block_text("<p>unclosed <b").0, "unclosed <b");
        assert_eq!(block_text("<!-- open").0, "open");
    }

    #[test]
    fn entities_decode_and_bad_ones_stay() {
        assert_eq!(
            decode_entities("a&nbsp;b &#x41;&#66; &lt;&gt;"),
            "a b AB <>"
        );
        assert_eq!(
            decode_entities("AT&T &bogus; &#xZZ; &"),
            "AT&T &bogus; &#xZZ; &"
        );
        assert_eq!(decode_entities("&#1114112;"), "&#1114112;");
        assert_eq!(decode_entities("&quot;a&quot; &apos;b&#39;"), "\"a\" 'b'");
    }
}
