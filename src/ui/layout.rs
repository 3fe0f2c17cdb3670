//! How the window's parts share the screen, from 800×600 to 4K and from
//! 70 % to 200 % zoom: a pure choice made once per frame from the window's
//! size in points (pixels ÷ zoom), so a projector at 150 % gets a layout
//! made for it instead of a squeezed desktop one.
//!
//! Issue 13 measured the desktop layout at 1024×768 and 150 % (683×512
//! points): the verdict one letter per line, no table rows, no editor. The
//! rules, narrowest first:
//! - the category side panel becomes a drop-down in the filter bar;
//! - the header becomes compact: the verdict on its own line, as wide as
//!   the window, then one line each for the project and the status counts,
//!   no category bars (the drop-down has the counts);
//! - the editor becomes a bottom panel, kept short enough that the table
//!   shows at least [`MIN_ROWS`] rows, and where even that leaves no room
//!   (800×600 at 200 %), a sheet that takes the list's place on Enter;
//! - in a window that short the header is the verdict alone;
//! - the table drops the Mit., Owner and Due columns, in that order, but
//!   never the status and the title.

/// Rows the table always keeps in view, whatever else must give way.
pub const MIN_ROWS: usize = 3;

/// The widest window (in points) that still gets the category drop-down:
/// a side panel of 220, the editor's 400 and a table of 480 need this.
const SIDEBAR_FROM: f32 = 1100.0;
/// Below this width or [`FULL_HEADER_HEIGHT`] height the header is compact.
const FULL_HEADER_WIDTH: f32 = 1000.0;
/// A full header is about 230 points tall; below this height it would
/// leave the table too few rows.
const FULL_HEADER_HEIGHT: f32 = 640.0;
/// Below this width the editor moves under the table: beside it, the
/// editor's 280 and the table's status and title need this much.
const SIDE_EDITOR_FROM: f32 = 620.0;
/// Below this height the header is the verdict alone.
const COMPACT_HEADER_HEIGHT: f32 = 420.0;
/// Below this height a bottom editor would leave the list no rows: the
/// editor becomes a sheet instead.
const BOTTOM_EDITOR_HEIGHT: f32 = 480.0;
/// The narrowest the side editor gets (its status buttons on two rows).
const MIN_EDITOR_WIDTH: f32 = 280.0;
/// The narrowest the table beside the side editor gets.
const MIN_TABLE_WIDTH: f32 = 320.0;

/// Where the categories are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Categories {
    /// A panel on the left, one button per category.
    SidePanel,
    /// A drop-down in the filter bar.
    DropDown,
}

/// How much the header shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// Project, dates and counts beside the verdict; category bars under.
    Full,
    /// The verdict across the window, then the project line and the counts.
    Compact,
    /// The verdict alone, on one line where it fits.
    Minimal,
}

/// Where the item editor is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Editor {
    /// On the right, between `min` and `max` points wide, starting at
    /// `default`.
    Side { min: f32, default: f32, max: f32 },
    /// Under the table, full width.
    Bottom,
    /// In the list's place when opened (Enter), the list back with Esc:
    /// for windows with no room beside or under the list.
    Sheet,
}

/// The whole choice for one frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrangement {
    pub categories: Categories,
    pub header: Header,
    pub editor: Editor,
}

impl Default for Arrangement {
    /// The desktop's, until the first frame measures the window.
    fn default() -> Self {
        Self::for_size(1280.0, 800.0)
    }
}

impl Arrangement {
    /// The layout for a window of `width` × `height` points.
    pub fn for_size(width: f32, height: f32) -> Self {
        let categories = if width >= SIDEBAR_FROM {
            Categories::SidePanel
        } else {
            Categories::DropDown
        };
        let header = if width >= FULL_HEADER_WIDTH && height >= FULL_HEADER_HEIGHT {
            Header::Full
        } else if height >= COMPACT_HEADER_HEIGHT {
            Header::Compact
        } else {
            Header::Minimal
        };
        let editor = if width >= SIDE_EDITOR_FROM {
            let max = (width - MIN_TABLE_WIDTH).clamp(MIN_EDITOR_WIDTH, 700.0);
            Editor::Side {
                min: MIN_EDITOR_WIDTH,
                default: (width * 0.36).clamp(MIN_EDITOR_WIDTH, 400.0).min(max),
                max,
            }
        } else if height >= BOTTOM_EDITOR_HEIGHT {
            Editor::Bottom
        } else {
            Editor::Sheet
        };
        Self {
            categories,
            header,
            editor,
        }
    }
}

/// Which of the table's optional columns fit in `width` points, beside
/// the red mark, the status and at least 140 points of title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub owner: bool,
    pub due: bool,
    pub mitigation: bool,
}

/// Widths the table's columns take (see `table.rs`), spacing included.
pub mod widths {
    pub const MARK: f32 = 22.0;
    pub const STATUS: f32 = 118.0;
    pub const MIN_TITLE: f32 = 140.0;
    pub const OWNER: f32 = 110.0;
    pub const DUE: f32 = 120.0;
    pub const MITIGATION: f32 = 34.0;
    /// egui's spacing between two columns.
    pub const GAP: f32 = 8.0;
}

impl Columns {
    /// The due date goes last: an overdue item is news in the meeting.
    pub fn for_width(width: f32) -> Self {
        use widths::*;
        let mut left = width - (MARK + STATUS + MIN_TITLE + 3.0 * GAP);
        // In order of need: once one does not fit, the later ones are
        // not shown either (no Mit. mark without the owner and due).
        let mut fits = |w: f32| {
            let fits = left >= w + GAP;
            left = if fits { left - (w + GAP) } else { -1.0 };
            fits
        };
        let due = fits(DUE);
        let owner = fits(OWNER);
        let mitigation = fits(MITIGATION);
        Self {
            owner,
            due,
            mitigation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The projector sizes, in points at 150 %.
    const XGA_150: (f32, f32) = (1024.0 / 1.5, 768.0 / 1.5);
    const HD_150: (f32, f32) = (1280.0 / 1.5, 720.0 / 1.5);

    #[test]
    fn a_desktop_window_keeps_the_three_panels_and_the_full_header() {
        let l = Arrangement::for_size(1280.0, 800.0);
        assert_eq!(l.categories, Categories::SidePanel);
        assert_eq!(l.header, Header::Full);
        assert_eq!(
            l.editor,
            Editor::Side {
                min: 280.0,
                default: 400.0,
                max: 700.0
            }
        );
    }

    #[test]
    fn projectors_at_150_percent_get_the_compact_layout_with_the_editor_beside() {
        for (w, h) in [XGA_150, HD_150] {
            let l = Arrangement::for_size(w, h);
            assert_eq!(l.categories, Categories::DropDown, "{w}×{h}");
            assert_eq!(l.header, Header::Compact, "{w}×{h}");
            let Editor::Side { min, default, max } = l.editor else {
                panic!("{w}×{h}: {:?}", l.editor)
            };
            assert!(min <= default && default <= max, "{w}×{h}");
            assert!(w - max >= MIN_TABLE_WIDTH, "{w}×{h}");
        }
    }

    #[test]
    fn thresholds_are_inclusive_at_their_edges() {
        assert_eq!(
            Arrangement::for_size(SIDEBAR_FROM, 900.0).categories,
            Categories::SidePanel
        );
        assert_eq!(
            Arrangement::for_size(SIDEBAR_FROM - 1.0, 900.0).categories,
            Categories::DropDown
        );
        assert_eq!(
            Arrangement::for_size(FULL_HEADER_WIDTH, FULL_HEADER_HEIGHT).header,
            Header::Full
        );
        assert_eq!(
            Arrangement::for_size(FULL_HEADER_WIDTH - 1.0, 900.0).header,
            Header::Compact
        );
        assert_eq!(
            Arrangement::for_size(1200.0, FULL_HEADER_HEIGHT - 1.0).header,
            Header::Compact
        );
        assert!(matches!(
            Arrangement::for_size(SIDE_EDITOR_FROM, 600.0).editor,
            Editor::Side { .. }
        ));
        assert_eq!(
            Arrangement::for_size(SIDE_EDITOR_FROM - 1.0, 600.0).editor,
            Editor::Bottom
        );
    }

    #[test]
    fn eight_hundred_by_six_hundred_at_200_percent_keeps_the_verdict_and_the_list() {
        let l = Arrangement::for_size(400.0, 300.0);
        assert_eq!(l.header, Header::Minimal);
        assert_eq!(l.editor, Editor::Sheet);
        assert_eq!(l.categories, Categories::DropDown);
    }

    #[test]
    fn the_side_editor_never_takes_the_tables_minimum() {
        let Editor::Side { min, default, max } = Arrangement::for_size(700.0, 500.0).editor else {
            panic!()
        };
        assert_eq!((min, default, max), (280.0, 280.0, 380.0));
    }

    #[test]
    fn narrow_tables_drop_mitigation_then_owner_then_due() {
        use widths::*;
        let base = MARK + STATUS + MIN_TITLE + 3.0 * GAP;
        let all = base + DUE + OWNER + MITIGATION + 3.0 * GAP;
        let c = |w| Columns::for_width(w);
        assert_eq!(
            c(all),
            Columns {
                owner: true,
                due: true,
                mitigation: true
            }
        );
        assert_eq!(
            c(all - 1.0),
            Columns {
                owner: true,
                due: true,
                mitigation: false
            }
        );
        assert_eq!(
            c(base + DUE + GAP),
            Columns {
                owner: false,
                due: true,
                mitigation: false
            }
        );
        assert_eq!(
            c(base + DUE + GAP - 1.0),
            Columns {
                owner: false,
                due: false,
                mitigation: false
            }
        );
        assert_eq!(
            c(base + DUE + GAP + MITIGATION + GAP),
            Columns {
                owner: false,
                due: true,
                mitigation: false
            },
            "no Mit. without the owner"
        );
        assert_eq!(
            c(100.0),
            Columns {
                owner: false,
                due: false,
                mitigation: false
            }
        );
    }
}
