//! Item and category IDs: readable slugs that stay stable across renames, so
//! that git merges and diffs can match items by ID.

/// Lower-case ASCII slug of `text`: letters and digits kept, everything else
/// collapsed into single `-`. Non-ASCII letters are dropped, so a title made
/// only of them gives an empty slug; callers fall back to a generic stem.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
        if out.len() >= 40 {
            break;
        }
    }
    out
}

/// A file-name stem for a project name: letters and digits of any script
/// kept (lower-cased), everything else — path separators, spaces,
/// punctuation — collapsed into single `-`; "workbook" when nothing is left.
/// "Payments API (Zürich)" gives `payments-api-zürich`, "李雷" gives `李雷`.
pub fn file_stem(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    if out.is_empty() {
        "workbook".to_owned()
    } else {
        out
    }
}

/// The IDs among `candidates` closest to `wanted`, best first: used to say
/// "did you mean …" for a mistyped item ID.
pub fn closest_ids<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let wanted_lc = wanted.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| {
            let c_lc = c.to_lowercase();
            let mut score = strsim::jaro_winkler(&wanted_lc, &c_lc);
            // "slos" should find "reliability.slos": a match on the part after
            // the category prefix counts as much as a full match.
            if let Some((_, tail)) = c_lc.split_once('.') {
                score = score.max(strsim::jaro_winkler(&wanted_lc, tail));
            }
            if c_lc.contains(&wanted_lc) && !wanted_lc.is_empty() {
                score = score.max(0.9);
            }
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_collapses_punctuation() {
        assert_eq!(slugify("Backups + restore drill"), "backups-restore-drill");
        assert_eq!(slugify("  p95 latency budget!  "), "p95-latency-budget");
        assert_eq!(slugify("李雷"), "");
    }

    #[test]
    fn file_stem_keeps_every_script_and_drops_path_characters() {
        assert_eq!(file_stem("Payments API (Zürich)"), "payments-api-zürich");
        assert_eq!(file_stem("李雷"), "李雷");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem(" ? "), "workbook");
    }

    #[test]
    fn closest_ids_finds_typos_and_tails() {
        let ids = [
            "reliability.slos",
            "reliability.backups",
            "security.secrets",
        ];
        assert_eq!(closest_ids("reliability.slo", ids)[0], "reliability.slos");
        assert_eq!(closest_ids("slos", ids)[0], "reliability.slos");
        assert!(closest_ids("zzzzzzzz", ids).is_empty());
    }
}
