//! The desktop window: a tech lead opens a project's workbook (often on a
//! projector) and the team walks through the items, setting status, owner,
//! due date and mitigation as they talk.
//!
//! Layout of this module, by role:
//! - `a11y` — what a screen reader hears beyond egui's own names (the
//!   window's name, table rows, radio groups, live regions, menu items);
//! - `app` — [`ShipshapeApp`] and its eframe glue (one frame = input into
//!   the queue, draw, apply queued actions, settle undo);
//! - `command` — the [`Command`] enum (label, shortcut, menu) and the
//!   queued `Action`s; `command_handling` applies them (with `file_ops`
//!   for open/save/close/new), the only place where state changes;
//! - `background` — native file dialogs, PDF rendering and the system
//!   opener on named threads, reporting back as actions;
//! - `doc` — the document (workbook, file, saved snapshot, undo);
//!   `disk` — the document and its file on disk (reload, merge on change,
//!   save that re-checks); `watch` — the file watcher and the signals;
//!   `recovery` — autosaved recovery copies and their offer; `history` —
//!   File → History…; `review` — Start review… and End review… (the
//!   sign-off), the editor's decision on an item during a review;
//!   `review_history` — View → Review history, with its trend chart;
//!   `view` — selection, filters, the open dialog, messages;
//! - `root`, `header`, `filter_bar`, `table`, `editor`, `start` — the `*_ui` functions,
//!   which read the state and queue actions;
//! - `dialogs` — the small dialogs (`ui(&mut self, ui) -> Outcome`) and
//!   how one is shown; `file_dialog` — what a path is asked for
//!   (`PathPurpose`), the native dialog and the path field;
//! - `present` — the presenter view (F5): one item at a time, full
//!   screen, with its own keys and the meeting clock;
//! - `portfolio` — File → Open folder…: every workbook under a folder
//!   as a table (`model::portfolio`), rescanned in the background when the
//!   watcher sees a change; `portfolio_table` draws it;
//! - `conflicts` — merge conflicts shown with both values and resolved by
//!   click; `export` — Export PDF, Copy summary and Share…;
//! - `layout` — which panels the window's size in points allows (side
//!   panels or a drop-down and a bottom editor, full or compact header,
//!   the table's columns), so projector zoom degrades instead of collapsing;
//! - `filter`, `style` — pure filtering, fonts and colours; `text` — the
//!   one bound on how much workbook text is laid out, and the read-only
//!   view and export of a field too long to edit.

mod a11y;
mod app;
mod background;
mod bidi;
mod command;
mod command_handling;
mod conflicts;
mod cursor;
mod dates;
mod dialogs;
mod disk;
mod doc;
mod editor;
mod export;
mod file_dialog;
mod file_ops;
mod filter;
mod filter_bar;
mod header;
mod history;
mod import;
mod layout;
mod portfolio;
mod portfolio_table;
mod present;
mod recovery;
mod review;
mod review_history;
mod root;
mod selection;
pub mod settings;
mod start;
mod style;
mod table;
mod text;
mod upgrade;
mod view;
mod watch;

use std::path::PathBuf;

pub use app::{AppConfig, ShipshapeApp};
pub use command::Command;
pub use file_dialog::DialogMode;
pub use present::{Clock, PresentKey};
pub use settings::{PresenterSettings, Settings, Theme};
pub use style::install_fonts;

/// The icon the `.deb` installs (packaging/linux/icons), compiled in for
/// the window systems that do not take it from the desktop entry: X11
/// without a desktop shell, Windows, `cargo install` users.
const WINDOW_ICON: &[u8] =
    include_bytes!("../../packaging/linux/icons/hicolor/128x128/apps/shipshape.png");

/// The decoded window icon; `None` (the platform's default) if it does not
/// decode, which `window_icon_decodes` rules out.
fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(WINDOW_ICON).ok()
}

/// Opens the window and runs until it closes. `path` is the workbook to
/// open; `None` opens the most recent one or, on first run, a sample.
pub fn run(path: Option<PathBuf>) -> anyhow::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Shipshape")
        .with_app_id("shipshape");
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([760.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Shipshape",
        options,
        Box::new(move |cc| {
            let config = AppConfig {
                settings: Settings::load(cc.storage),
                ..AppConfig::desktop()
            };
            Ok(Box::new(ShipshapeApp::new(&cc.egui_ctx, config, path)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn window_icon_decodes() {
        let icon = super::window_icon().expect("the compiled-in icon is a PNG");
        assert_eq!((icon.width, icon.height), (128, 128));
        assert_eq!(icon.rgba.len(), 128 * 128 * 4);
    }
}
