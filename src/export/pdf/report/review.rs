//! The report's record of the meetings: the review history (a small chart
//! of red and passing items per review, and a table) and the sign-off page,
//! pre-filled from the last ended review. [`Reviews`] is what the report
//! needs of them, so the layout does not depend on how reviews are stored.

use chrono::NaiveDate;

use crate::export::pdf::canvas::{Block, Doc, Row, SMALL, Style, ink};
use crate::export::pdf::glyphs::Origin;
use crate::export::pdf::parts::{self, Table};
use crate::export::pdf::signoff::{self, Approver, SignOff};
use crate::model::{Workbook, review};

/// One review's outcome, for the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::export::pdf) struct Point {
    pub title: String,
    pub date: NaiveDate,
    pub red: usize,
    pub passing: usize,
    /// The decision's label, empty while the review is open.
    pub decision: String,
}

/// What the report prints of the workbook's reviews.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(in crate::export::pdf) struct Reviews {
    /// Reviews in date order.
    pub history: Vec<Point>,
    /// The last ended review's sign-off, printed in the sign-off's rows.
    pub sign_off: Option<SignOff>,
}

impl Reviews {
    /// The workbook's reviews: each one's outcome (the verdict at its end,
    /// or at its start while it is open), and the last ended one's sign-off.
    pub fn of(wb: &Workbook) -> Self {
        let history = review::history::trend(&wb.reviews)
            .into_iter()
            .map(|p| Point {
                title: p.title,
                date: p.date,
                red: p.red,
                passing: p.passing,
                decision: p.decision.map(|d| d.label().to_owned()).unwrap_or_default(),
            })
            .collect();
        let sign_off = wb
            .reviews
            .iter()
            .rev()
            .find_map(|r| r.sign_off.as_ref().map(|s| (r, s)))
            .map(|(r, s)| SignOff {
                intro: format!(
                    "As decided at the review \u{201c}{}\u{201d} on {} and signed by those who approved it.",
                    r.title.trim(),
                    r.date
                ),
                decision: Some(s.decision),
                conditions: s.conditions.clone(),
                approvers: s
                    .approvers
                    .iter()
                    .map(|a| Approver {
                        name: a.name.clone(),
                        role: a.role.clone(),
                        date: a.date,
                    })
                    .collect(),
                ..SignOff::default()
            });
        Self { history, sign_off }
    }
}

/// Approver rows on the sign-off page, at least this many.
const APPROVER_ROWS: usize = 6;

/// The last page: the decision, its conditions and who approved it, as the
/// last ended review recorded them, or blank.
pub(super) fn sign_off(doc: &mut Doc, wb: &Workbook, reviews: &Reviews) {
    doc.new_page();
    let mut sign = reviews.sign_off.clone().unwrap_or_default();
    sign.min_rows = sign.min_rows.max(APPROVER_ROWS);
    if sign.intro.is_empty() {
        sign.intro = format!(
            "The launch decision for {}, taken on this report's verdict and signed by those who approve it.",
            wb.project.trim()
        );
    }
    signoff::layout(doc, &sign);
}

/// Height of the chart's plot area, in points.
const CHART_H: f32 = 90.0;

/// "Review history": the chart, then a row per review. Nothing when there
/// are no reviews.
pub(super) fn history(doc: &mut Doc, points: &[Point]) {
    if points.is_empty() {
        return;
    }
    let n = points.len();
    let aside = format!(
        "{n} review{}: red and passing items at the end of each",
        plural(n)
    );
    parts::heading(doc, "Review history", &aside, CHART_H + 60.0);
    let mut block = Block::default();
    block.extend(chart(doc, points));
    block.gap(8.0);
    doc.place(block);
    let titles = ["Review", "Date", "Red", "Passing", "Decision"];
    let cell = Style::new(false, 8.5, ink::TEXT);
    let styles = [cell, cell, cell, cell, cell];
    let mut table = Table::new(doc, &[40.0, 15.0, 10.0, 10.0, 25.0], &styles, &titles);
    for p in points {
        table.row(
            doc,
            &[
                (&p.title, Origin::Workbook("review title")),
                (&p.date.to_string(), Origin::Fixed),
                (&p.red.to_string(), Origin::Fixed),
                (&p.passing.to_string(), Origin::Fixed),
                (&p.decision, Origin::Fixed),
            ],
            &[None, None, Some(ink::RED), Some(ink::GREEN), None],
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The top of the chart's scale and its gridline step for counts up to
/// `max`: a step of 1, 2 or 5 times a power of ten, four steps or fewer.
pub(super) fn scale(max: usize) -> (usize, usize) {
    let mut step = 1;
    loop {
        for k in [1, 2, 5] {
            let s = step * k;
            if max.div_ceil(s) <= 4 {
                let top = max.div_ceil(s).max(1) * s;
                return (top, s);
            }
        }
        step *= 10;
    }
}

/// A line chart: red and passing items per review, a gridline per step
/// with its count, a dot per review, and the reviews' dates under it.
fn chart(doc: &mut Doc, points: &[Point]) -> Vec<Row> {
    let geo = doc.geo;
    let max = points
        .iter()
        .map(|p| p.red.max(p.passing))
        .max()
        .unwrap_or(0);
    let (top, step) = scale(max);
    let (x0, w) = (geo.left + 28.0, geo.text_width() - 40.0);
    let label = Style::new(false, 7.0, ink::MUTED);
    let mut row = Row::new(CHART_H + 26.0);
    let y_of = |v: usize| CHART_H - CHART_H * v as f32 / top as f32 + 4.0;
    for v in (0..=top).step_by(step) {
        let y = y_of(v);
        row.line((x0, y), (x0 + w, y), ink::TINT, 0.6);
        doc.text_right(&mut row, x0 - 6.0, y - 4.0, &v.to_string(), label);
    }
    let n = points.len();
    let x_of = |i: usize| {
        if n == 1 {
            x0 + w / 2.0
        } else {
            x0 + 10.0 + (w - 20.0) * i as f32 / (n - 1) as f32
        }
    };
    for (color, value) in [
        (ink::GREEN, (|p: &Point| p.passing) as fn(&Point) -> usize),
        (ink::RED, |p: &Point| p.red),
    ] {
        for (i, pair) in points.windows(2).enumerate() {
            let from = (x_of(i), y_of(value(&pair[0])));
            row.line(from, (x_of(i + 1), y_of(value(&pair[1]))), color, 1.6);
        }
        for (i, p) in points.iter().enumerate() {
            let (x, y) = (x_of(i), y_of(value(p)));
            row.rect(x - 2.5, y - 2.5, 5.0, 5.0, Some(color), None);
        }
    }
    for (i, p) in points.iter().enumerate() {
        let date = p.date.to_string();
        let dw = doc.width(&date, label);
        let x = (x_of(i) - dw / 2.0).clamp(geo.left, geo.right - dw);
        doc.text_at(
            &mut row,
            (x, CHART_H + 10.0),
            dw + 1.0,
            &date,
            label,
            Origin::Fixed,
        );
    }
    let mut legend = Row::new(SMALL.leading() + 4.0);
    let mut lx = x0;
    for (color, text) in [(ink::RED, "red"), (ink::GREEN, "passing")] {
        legend.rect(lx, 3.5, 8.0, 8.0, Some(color), None);
        lx += 12.0
            + doc.text_at(
                &mut legend,
                (lx + 12.0, 2.0),
                80.0,
                text,
                SMALL,
                Origin::Fixed,
            );
        lx += 14.0;
    }
    vec![row, legend]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::{Paper, PdfKind, PdfOptions, render_with};
    use crate::model::Decision;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    /// The report's pages as text, each page's lines joined by spaces.
    fn report_pages(reviews: &Reviews) -> Vec<String> {
        let wb = crate::model::sample::synthetic(25);
        let options = PdfOptions {
            kind: PdfKind::Report,
            paper: Paper::A4,
            as_of: day(3, 10),
            system_fonts: false,
            pdfa: false,
        };
        let bytes = render_with(&wb, &options, reviews).unwrap().bytes;
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        doc.get_pages()
            .keys()
            .map(|&n| {
                doc.extract_text(&[n])
                    .unwrap()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    fn reviews() -> Reviews {
        let point = |title: &str, date, red, passing, decision: &str| Point {
            title: title.to_owned(),
            date,
            red,
            passing,
            decision: decision.to_owned(),
        };
        Reviews {
            history: vec![
                point("Kick-off", day(1, 10), 14, 11, "No-go"),
                point("Four weeks out", day(2, 10), 6, 19, "Go with conditions"),
                point("Go/no-go", day(3, 3), 1, 24, ""),
            ],
            sign_off: Some(SignOff {
                decision: Some(Decision::GoWithConditions),
                conditions: "Pen-test findings fixed by T-7.".to_owned(),
                approvers: vec![Approver {
                    name: "Zoë Łukasz".to_owned(),
                    role: "Tech lead".to_owned(),
                    date: Some(day(3, 3)),
                }],
                ..SignOff::default()
            }),
        }
    }

    #[test]
    fn the_history_has_a_row_per_review_and_a_chart() {
        let pages = report_pages(&reviews());
        let page = pages
            .iter()
            .find(|p| p.contains("Review history"))
            .expect("a history section");
        assert!(
            page.contains("3 reviews: red and passing items at the end of each"),
            "{page}"
        );
        for row in [
            "Kick-off 2026-01-10 14 11 No-go",
            "Four weeks out 2026-02-10 6 19 Go with conditions",
            "Go/no-go 2026-03-03 1 24",
        ] {
            assert!(page.contains(row), "{row:?} in {page}");
        }
        // The chart's scale (0 to 30 by 10), its dates and its legend.
        assert!(page.contains("0 10 20 30"), "{page}");
        assert!(
            page.contains("2026-01-10 2026-02-10 2026-03-03 red passing"),
            "{page}"
        );
    }

    #[test]
    fn the_sign_off_page_is_filled_in_from_the_last_review() {
        let pages = report_pages(&reviews());
        let last = pages.last().unwrap();
        assert!(last.contains("Sign-off"), "{last}");
        assert!(
            last.contains("CONDITIONS Pen-test findings fixed by T-7."),
            "{last}"
        );
        assert!(
            last.contains("1 Zoë Łukasz Tech lead 2026-03-03 2 3 4 5 6"),
            "{last}"
        );
        // Without reviews: no history, blank rows.
        let pages = report_pages(&Reviews::default());
        assert!(!pages.iter().any(|p| p.contains("Review history")));
        let last = pages.last().unwrap();
        assert!(
            last.contains("Signature 1 2 3 4 5 6 Keep this sheet"),
            "{last}"
        );
    }

    #[test]
    fn the_scale_has_at_most_four_round_steps() {
        assert_eq!(scale(0), (1, 1));
        assert_eq!(scale(1), (1, 1));
        assert_eq!(scale(4), (4, 1));
        assert_eq!(scale(5), (6, 2));
        assert_eq!(scale(8), (8, 2));
        assert_eq!(scale(9), (10, 5));
        assert_eq!(scale(20), (20, 5));
        assert_eq!(scale(21), (30, 10));
        assert_eq!(scale(25), (30, 10));
        assert_eq!(scale(41), (60, 20));
        assert_eq!(scale(10_000), (10_000, 5_000));
    }
}
