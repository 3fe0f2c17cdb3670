//! The portfolio view's state: File → Open folder… shows every workbook
//! under a folder as one row each (`model::portfolio`, the rows `shipshape
//! status` prints), sortable by any column, filtered by text, "not ready
//! only" and owner. The folder is read on a background thread (never in a
//! frame) and read again when the recursive watcher sees a workbook change,
//! or when the view is shown again. Clicking a row opens its workbook the
//! usual way (`Action::OpenPath`, so unsaved changes are asked about);
//! View → Portfolio comes back. Drawing is `portfolio_table`.

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;

use super::app::ShipshapeApp;
use super::background::Scanned;
use super::watch::{self, FolderWatcher};
use crate::model::portfolio::{self, Column, Row, same_owner};

/// Which rows the portfolio lists. Pure, so it is tested without a window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PortfolioFilter {
    /// Case-insensitive, matched against the project and the path.
    pub text: String,
    pub not_ready_only: bool,
    /// Only workbooks where this person owes something.
    pub owner: Option<String>,
}

impl PortfolioFilter {
    pub fn is_active(&self) -> bool {
        *self != Self::default()
    }

    /// Whether `row` is listed. An unreadable row is listed unless a text
    /// or owner is asked for that it cannot match: it is not ready either.
    pub fn keeps(&self, row: &Row) -> bool {
        let needle = self.text.trim().to_lowercase();
        let text_ok = needle.is_empty()
            || row.path.to_string_lossy().to_lowercase().contains(&needle)
            || row
                .summary()
                .is_some_and(|s| s.project.to_lowercase().contains(&needle));
        let owner_ok = self.owner.as_deref().is_none_or(|name| {
            row.summary()
                .is_some_and(|s| s.owed.iter().any(|o| same_owner(&o.owner, name)))
        });
        text_ok && owner_ok && (!self.not_ready_only || !row.ready())
    }
}

/// The folder shown as a portfolio, and how the window looks at it.
pub struct Portfolio {
    pub folder: PathBuf,
    /// The last scan's rows in the chosen order; `None` until the first
    /// scan is back.
    pub rows: Option<Vec<Row>>,
    /// Everyone who owes something, for the owner filter.
    pub owners: Vec<String>,
    /// The column clicked and whether descending; `None`: most urgent first.
    pub sort: Option<(Column, bool)>,
    pub filter: PortfolioFilter,
    /// Whether the window shows the portfolio (else the open workbook or
    /// the start view).
    pub shown: bool,
    /// The date the rows were judged for.
    pub as_of: NaiveDate,
    /// A scan is running.
    scanning: bool,
    /// Something changed while a scan ran: scan again when it is back.
    rescan: bool,
    /// When to rescan, after the watcher spoke.
    rescan_due: Option<Instant>,
    watcher: Option<FolderWatcher>,
    /// The folder could not be watched: said once, not tried every frame.
    watch_failed: bool,
}

impl Portfolio {
    /// The rows the filter keeps, in the chosen order.
    pub fn listed(&self) -> Vec<&Row> {
        self.rows
            .iter()
            .flatten()
            .filter(|r| self.filter.keeps(r))
            .collect()
    }

    pub fn is_scanning(&self) -> bool {
        self.scanning
    }

    /// The next order after clicking `column`'s heading: ascending, then
    /// descending, then back to most urgent first.
    pub fn next_sort(&self, column: Column) -> Option<(Column, bool)> {
        match self.sort {
            Some((c, false)) if c == column => Some((column, true)),
            Some((c, true)) if c == column => None,
            _ => Some((column, false)),
        }
    }
}

impl ShipshapeApp {
    /// Shows the portfolio of `folder` and starts reading it.
    pub(super) fn open_folder(&mut self, ctx: &egui::Context, folder: PathBuf) {
        if !folder.is_dir() {
            self.view
                .error(format!("{} is not a folder", folder.display()));
            return;
        }
        self.portfolio = Some(Portfolio {
            folder,
            rows: None,
            owners: Vec::new(),
            sort: None,
            filter: PortfolioFilter::default(),
            shown: true,
            as_of: self.today(),
            scanning: false,
            rescan: false,
            rescan_due: None,
            watcher: None,
            watch_failed: false,
        });
        self.rescan_portfolio(ctx);
    }

    /// Reads the folder again in the background (once the running scan
    /// is back, if one is).
    pub(super) fn rescan_portfolio(&mut self, ctx: &egui::Context) {
        let today = self.today();
        let Some(p) = &mut self.portfolio else { return };
        if p.scanning {
            p.rescan = true;
            return;
        }
        p.scanning = true;
        p.as_of = today;
        self.background.scan_portfolio(ctx, p.folder.clone(), today);
    }

    /// A scan is back: show its rows in the chosen order.
    pub(super) fn portfolio_scanned(&mut self, ctx: &egui::Context, scanned: Scanned) {
        let Some(p) = &mut self.portfolio else { return };
        // A scan of a folder no longer shown.
        if scanned.folder != p.folder {
            return;
        }
        let mut rows = scanned.rows;
        portfolio::sort(&mut rows, p.sort);
        p.owners = portfolio::owners(&rows);
        p.rows = Some(rows);
        p.scanning = false;
        if std::mem::take(&mut p.rescan) {
            self.rescan_portfolio(ctx);
        }
    }

    pub(super) fn sort_portfolio(&mut self, column: Column) {
        if let Some(p) = &mut self.portfolio {
            p.sort = p.next_sort(column);
            if let Some(rows) = &mut p.rows {
                portfolio::sort(rows, p.sort);
            }
        }
    }

    pub(super) fn filter_portfolio(&mut self, filter: PortfolioFilter) {
        if let Some(p) = &mut self.portfolio {
            p.filter = filter;
        }
    }

    /// View → Portfolio: back to the table, read again (a workbook may
    /// have been saved meanwhile).
    pub(super) fn show_portfolio(&mut self, ctx: &egui::Context) {
        if let Some(p) = &mut self.portfolio {
            p.shown = true;
            self.rescan_portfolio(ctx);
        }
    }

    /// The watcher saw a workbook change: rescan once things settle.
    pub(super) fn folder_changed(&mut self, ctx: &egui::Context) {
        if let Some(p) = &mut self.portfolio {
            p.rescan_due = Some(Instant::now() + watch::DEBOUNCE);
            ctx.request_repaint_after(watch::DEBOUNCE);
        }
    }

    /// Keeps the watcher on the portfolio's folder (desktop only), and
    /// queues the rescan it asked for once its debounce has passed.
    pub(super) fn follow_portfolio(&mut self, ctx: &egui::Context) {
        let live = self.config.live;
        let Some(p) = &mut self.portfolio else { return };
        if let Some(due) = p.rescan_due {
            if Instant::now() >= due {
                p.rescan_due = None;
                self.queue.push(super::command::Action::RescanPortfolio);
            } else {
                ctx.request_repaint_after(due - Instant::now());
            }
        }
        let watching = p.watcher.as_ref().map(FolderWatcher::folder);
        if !live || p.watch_failed || watching == Some(p.folder.as_path()) {
            return;
        }
        match FolderWatcher::new(&p.folder, self.background.reporter(ctx)) {
            Ok(w) => p.watcher = Some(w),
            Err(e) => {
                p.watch_failed = true;
                let folder = p.folder.display().to_string();
                self.view.info(format!(
                    "Changes under {folder} show after Rescan (cannot watch the folder: {e})"
                ));
            }
        }
    }

    /// Whether the window shows the portfolio.
    pub fn showing_portfolio(&self) -> bool {
        self.portfolio.as_ref().is_some_and(|p| p.shown)
    }

    /// Whether the portfolio's folder is being read.
    pub fn portfolio_scanning(&self) -> bool {
        self.portfolio.as_ref().is_some_and(Portfolio::is_scanning)
    }

    /// Reads the portfolio's folder again, as the watcher would on a
    /// change (tests; the desktop does it by itself).
    pub fn rescan_portfolio_now(&mut self) {
        self.queue.push(super::command::Action::RescanPortfolio);
    }

    /// The paths the portfolio lists, in order.
    pub fn portfolio_listed(&self) -> Vec<PathBuf> {
        self.portfolio
            .as_ref()
            .map(|p| p.listed().into_iter().map(|r| r.path.clone()).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::portfolio::Unreadable;
    use crate::model::{Category, Item, Status, Workbook};

    fn row(path: &str, project: &str, red_owner: Option<&str>) -> Row {
        let mut wb = Workbook::new(project);
        let mut item = Item {
            id: "a".into(),
            status: Status::Done,
            ..Item::default()
        };
        if let Some(owner) = red_owner {
            item.status = Status::NotStarted;
            item.owner = owner.into();
        }
        wb.categories.push(Category {
            id: "c".into(),
            name: "C".into(),
            items: vec![item],
        });
        Row::new(path.into(), Ok(&wb), "2026-03-10".parse().unwrap())
    }

    #[test]
    fn the_filter_matches_project_or_path_ready_and_owner() {
        let pay = row("teams/money/pay.shipshape.ron", "Payments", Some("Ana"));
        let search = row("search.shipshape.ron", "Search", None);
        let broken = Row {
            path: "broken.shipshape.ron".into(),
            state: Err(Unreadable {
                message: "x".into(),
                position: None,
            }),
        };
        let keeps = |f: &PortfolioFilter| {
            [&pay, &search, &broken]
                .into_iter()
                .filter(|r| f.keeps(r))
                .map(|r| r.path.display().to_string())
                .collect::<Vec<_>>()
        };
        let all = PortfolioFilter::default();
        assert!(!all.is_active());
        assert_eq!(keeps(&all).len(), 3);
        let text = PortfolioFilter {
            text: " PAY".into(),
            ..all.clone()
        };
        assert!(text.is_active());
        assert_eq!(keeps(&text), ["teams/money/pay.shipshape.ron"]);
        let by_path = PortfolioFilter {
            text: "money".into(),
            ..all.clone()
        };
        assert_eq!(keeps(&by_path), ["teams/money/pay.shipshape.ron"]);
        let not_ready = PortfolioFilter {
            not_ready_only: true,
            ..all.clone()
        };
        assert_eq!(
            keeps(&not_ready),
            ["teams/money/pay.shipshape.ron", "broken.shipshape.ron"]
        );
        let owner = PortfolioFilter {
            owner: Some("ana".into()),
            ..all
        };
        assert_eq!(keeps(&owner), ["teams/money/pay.shipshape.ron"]);
    }
}
