//! What a page is made of: drawing operations, rows of them (never split
//! across pages) with their navigation marks, and blocks of rows kept
//! together.

use super::{Rgb3, Style, ink};
use crate::export::pdf::glyphs::Glyph;
use crate::export::pdf::nav::{Area, Mark};

pub(in crate::export::pdf) enum Draw {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        color: Rgb3,
        glyphs: Vec<Glyph>,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb3>,
        stroke: Option<(Rgb3, f32)>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        color: Rgb3,
        width: f32,
    },
}

/// A horizontal slice of a block: never split across pages.
#[derive(Default)]
pub(in crate::export::pdf) struct Row {
    pub h: f32,
    pub(super) draws: Vec<Draw>,
    /// Outline entries, links and link targets on this row.
    pub(super) marks: Vec<Mark>,
}

impl Row {
    pub fn new(h: f32) -> Self {
        Self {
            h,
            draws: Vec::new(),
            marks: Vec::new(),
        }
    }

    pub fn mark(&mut self, mark: Mark) {
        self.marks.push(mark);
    }

    /// An outline entry at this row.
    pub fn outline(&mut self, level: u8, title: &str) {
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        self.marks.push(Mark::Outline { level, title });
    }

    /// A link to `uri` over `area` of this row, when it is an address a
    /// viewer can open.
    pub fn link(&mut self, area: Area, uri: &str) {
        if crate::export::pdf::nav::is_linkable(uri) {
            self.marks.push(Mark::Uri {
                area,
                uri: uri.trim().to_owned(),
            });
        }
    }

    pub fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb3>,
        stroke: Option<(Rgb3, f32)>,
    ) {
        self.draws.push(Draw::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        });
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), color: Rgb3, width: f32) {
        self.draws.push(Draw::Line {
            from,
            to,
            color,
            width,
        });
    }

    pub fn push_glyphs(&mut self, x: f32, baseline: f32, style: Style, glyphs: Vec<Glyph>) {
        if !glyphs.is_empty() {
            self.draws.push(Draw::Text {
                x,
                baseline,
                size: style.size,
                color: style.color,
                glyphs,
            });
        }
    }

    /// Adds `other`'s drawing (and marks) on top of this row's.
    pub fn append(&mut self, other: Row) {
        self.draws.extend(other.draws);
        self.marks.extend(other.marks);
    }

    /// The width of the text drawn on this row, from its first glyph to
    /// its last (for a link over a line of text).
    pub fn text_extent(&self) -> Option<(f32, f32)> {
        let mut extent: Option<(f32, f32)> = None;
        for draw in &self.draws {
            if let Draw::Text {
                x, size, glyphs, ..
            } = draw
            {
                let w = glyphs.iter().map(|g| g.advance_em).sum::<f32>() * size;
                let (from, to) = extent.unwrap_or((*x, *x + w));
                extent = Some((from.min(*x), to.max(*x + w)));
            }
        }
        extent
    }

    /// A box to tick, `size` points square, its top at `y`; ticked draws a check mark.
    pub fn checkbox(&mut self, x: f32, y: f32, size: f32, ticked: bool, color: Rgb3) {
        self.rect(x, y, size, size, Some(ink::WHITE), Some((color, 0.9)));
        if ticked {
            let s = size;
            self.draws.push(Draw::Line {
                from: (x + s * 0.2, y + s * 0.52),
                to: (x + s * 0.42, y + s * 0.76),
                color,
                width: 1.6,
            });
            self.draws.push(Draw::Line {
                from: (x + s * 0.42, y + s * 0.76),
                to: (x + s * 0.82, y + s * 0.22),
                color,
                width: 1.6,
            });
        }
    }
}

/// Rows placed together on one page when they fit on one.
#[derive(Default)]
pub(in crate::export::pdf) struct Block {
    pub rows: Vec<Row>,
}

impl Block {
    pub fn height(&self) -> f32 {
        self.rows.iter().map(|r| r.h).sum()
    }

    pub fn push(&mut self, row: Row) {
        self.rows.push(row);
    }

    pub fn gap(&mut self, h: f32) {
        self.rows.push(Row::new(h));
    }

    pub fn extend(&mut self, rows: Vec<Row>) {
        self.rows.extend(rows);
    }
}
