//! GitHub Actions workflow commands: `::error file=…,line=…,title=…::…`
//! for every red item, pointing at the line of its ID in the workbook, and
//! `::warning …` for what passes today but will not for long (mitigations
//! lapsing before launch, re-checks due). GitHub shows them on the pull
//! request's changed files and in the run's summary. A plain line per
//! workbook with its verdict follows, for people reading the log.

use std::fmt::Write as _;

use super::{Checked, Judged};

/// The annotations for every workbook, in order.
pub fn render(checked: &[Checked<'_>]) -> String {
    let mut out = String::new();
    for c in checked {
        match &c.outcome {
            Ok(judged) => workbook(&mut out, &c.path, judged),
            Err(e) => {
                let mut props = vec![("file", c.path.clone())];
                if let Some((line, col)) = e.position {
                    props.push(("line", line.to_string()));
                    props.push(("col", col.to_string()));
                }
                props.push(("title", "Cannot read the workbook".to_owned()));
                command(&mut out, "error", &props, &e.message);
            }
        }
    }
    for c in checked {
        let _ = match &c.outcome {
            Ok(j) => {
                let unmerged = if j.unmerged { ", unmerged in git" } else { "" };
                let (project, headline) = (&j.workbook.project, j.verdict.headline());
                writeln!(out, "{}: {project} — {headline}{unmerged}", c.path)
            }
            Err(_) => writeln!(out, "{}: unreadable", c.path),
        };
    }
    out
}

fn workbook(out: &mut String, path: &str, j: &Judged<'_>) {
    let at = |id: &str| {
        let mut props = vec![("file", path.to_owned())];
        if let Some(line) = j.lines.get(id) {
            props.push(("line", line.to_string()));
        }
        props
    };
    for (title, message) in j.workbook_blockers() {
        let props = vec![("file", path.to_owned()), ("title", title)];
        command(out, "error", &props, &message);
    }
    for check in j.verdict.red() {
        let item = check.item;
        let mut props = at(&item.id);
        props.push(("title", format!("{}: {}", item.id, item.title)));
        let reason = check.red.map(|r| r.to_string()).unwrap_or_default();
        let due = match check.due_text() {
            d if d.is_empty() => String::new(),
            d if check.overdue => format!(", due {d}, overdue"),
            d => format!(", due {d}"),
        };
        let message = format!("{reason} (owner {}{due})", item.owner_or_unassigned());
        command(out, "error", &props, &message);
    }
    for w in &j.verdict.warnings {
        let mut props = at(w.item_id());
        props.push(("title", w.item_id().to_owned()));
        command(out, "warning", &props, &w.to_string());
    }
}

/// `::NAME k=v,k=v::message`, escaped as the runner expects.
fn command(out: &mut String, name: &str, props: &[(&str, String)], message: &str) {
    let props: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("{k}={}", escape_property(v)))
        .collect();
    let _ = writeln!(
        out,
        "::{name} {}::{}",
        props.join(","),
        escape_data(message)
    );
}

/// A message: `%`, CR and LF escaped, or the runner ends the command at
/// the line break.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as [`escape_data`], and `:` and `,`, which end a
/// value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::ci::Unreadable;

    #[test]
    fn escapes_what_github_would_cut_at() {
        assert_eq!(escape_data("50%\r\ndone: a, b"), "50%25%0D%0Adone: a, b");
        assert_eq!(escape_property("a: b, 50%\n"), "a%3A b%2C 50%25%0A");
    }

    #[test]
    fn red_items_are_errors_on_their_line_and_lapses_are_warnings() {
        let mut wb = crate::storage::builtin_template();
        wb.project = "Pay, ments".into();
        wb.launch = "2027-03-01".parse().ok();
        for c in &mut wb.categories {
            for i in &mut c.items {
                i.set_status(crate::model::Status::Done, "2027-01-01".parse().unwrap());
            }
        }
        let pentest = wb.item_mut("security.pentest").unwrap();
        pentest.status = crate::model::Status::Mitigated;
        pentest.mitigation.text = "Internal review: 100% of\nendpoints".into();
        pentest.mitigation.accepted_by = "CTO".into();
        pentest.mitigation.until = "2027-02-01".parse().ok();
        wb.item_mut("reliability.slos").unwrap().status = crate::model::Status::InProgress;
        wb.item_mut("reliability.slos").unwrap().owner = "Zoë".into();
        let text = crate::storage::to_string(&wb).unwrap();
        let judged = Judged {
            workbook: &wb,
            verdict: wb.verdict("2027-01-10".parse().unwrap()),
            unmerged: false,
            lines: crate::storage::item_lines(&text),
        };
        let checked = [
            Checked {
                path: "a b/pay.shipshape.ron".into(),
                outcome: Ok(judged),
            },
            Checked {
                path: "bad.shipshape.ron".into(),
                outcome: Err(Unreadable {
                    message: "not a workbook".into(),
                    position: Some((3, 7)),
                }),
            },
        ];
        let out = render(&checked);
        let lines: Vec<&str> = out.lines().collect();
        let slos_line = crate::storage::item_lines(&text)["reliability.slos"];
        assert_eq!(
            lines[0],
            format!(
                "::error file=a b/pay.shipshape.ron,line={slos_line},title=reliability.slos%3A SLOs published::in progress without a mitigation (owner Zoë)"
            )
        );
        assert!(lines[1].starts_with("::warning file=a b/pay.shipshape.ron,line="));
        assert!(lines[1].ends_with(
            "title=security.pentest::security.pentest: mitigation accepted until 2027-02-01, before launch on 2027-03-01"
        ), "{}", lines[1]);
        assert_eq!(
            lines[2],
            "::error file=bad.shipshape.ron,line=3,col=7,title=Cannot read the workbook::not a workbook"
        );
        assert_eq!(
            lines[3],
            "a b/pay.shipshape.ron: Pay, ments — Demo-ready: 1 red"
        );
        assert_eq!(lines[4], "bad.shipshape.ron: unreadable");
    }
}
