//! Reads back our CSV export's `conflicts` cell: one line per conflict,
//! `FIELD: ours "…", theirs "…"`, each value in Rust's quoted form (the
//! export writes it with `{:?}`, so a value's line breaks stay escaped).

use crate::model::Conflict;

/// The conflicts in `cell`, or the first line that is not one.
pub fn parse(cell: &str) -> Result<Vec<Conflict>, String> {
    cell.lines()
        .filter(|l| !l.is_empty())
        .map(|line| one(line).ok_or_else(|| line.to_owned()))
        .collect()
}

fn one(line: &str) -> Option<Conflict> {
    let (field, rest) = line.split_once(": ours \"")?;
    let (ours, rest) = quoted(rest)?;
    let rest = rest.strip_prefix(", theirs \"")?;
    let (theirs, rest) = quoted(rest)?;
    rest.is_empty().then(|| Conflict {
        field: field.to_owned(),
        ours,
        theirs,
    })
}

/// The string up to the closing quote, unescaped, and the text after it.
fn quoted(s: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &s[i + 1..])),
            '\\' => out.push(match chars.next()?.1 {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                '0' => '\0',
                'u' => {
                    let (_, '{') = chars.next()? else {
                        return None;
                    };
                    let mut hex = String::new();
                    loop {
                        match chars.next()?.1 {
                            '}' => break,
                            h => hex.push(h),
                        }
                    }
                    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                }
                other @ ('\\' | '"' | '\'') => other,
                _ => return None,
            }),
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(c: &Conflict) -> String {
        format!("{}: ours {:?}, theirs {:?}", c.field, c.ours, c.theirs)
    }

    #[test]
    fn reads_back_what_the_export_writes() {
        let cs = vec![
            Conflict {
                field: "owner".into(),
                ours: "Ann \"A\" \\ O'Neil".into(),
                theirs: String::new(),
            },
            Conflict {
                field: "notes".into(),
                ours: "two\nlines\r\tand\0 \u{200b}\u{301} ✓ 李".into(),
                theirs: "\u{7f}\u{1b}".into(),
            },
        ];
        let cell = cs.iter().map(written).collect::<Vec<_>>().join("\n");
        assert_eq!(parse(&cell), Ok(cs));
        assert_eq!(parse(""), Ok(vec![]));
    }

    #[test]
    fn a_line_that_is_not_a_conflict_is_named() {
        for bad in [
            "owner: ours \"a\"",
            "owner: ours \"a\", theirs \"b\" extra",
            "owner: ours \"a\\q\", theirs \"b\"",
            "owner: ours \"\\u{zz}\", theirs \"b\"",
            "owner: ours \"\\u{d800}\", theirs \"b\"",
            "owner: ours \"\\u0041\", theirs \"b\"",
            "owner: ours \"\\u{41\", theirs",
            "owner: ours \"a\\",
            "owner ours \"a\", theirs \"b\"",
        ] {
            assert_eq!(
                parse(&format!("x: ours \"\", theirs \"\"\n{bad}")),
                Err(bad.to_owned())
            );
        }
    }
}
