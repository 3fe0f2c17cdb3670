//! The app struct and its eframe glue: one frame is "read input into the
//! queue, draw (widgets add to the queue), apply the queue, settle undo".

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use egui::ViewportCommand;

use super::background::Background;
use super::command::{Action, Command};
use super::doc::Document;
use super::file_dialog::DialogMode;
use super::recovery::AutoSave;
use super::settings::Settings;
use super::style;
use super::view::{Derived, ViewState};
use super::watch::{self, FileWatcher};
use crate::model::Workbook;
use crate::storage::recent::RecentFiles;
use crate::storage::{StateDir, TemplateDir};

/// Where the app keeps its state and how it asks for files; tests point it
/// at a temp dir so they never touch the user's config.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// The recent-files list; `None` keeps no list.
    pub recent_path: Option<PathBuf>,
    /// A fixed "today" (tests); `None` reads the local clock.
    pub today: Option<NaiveDate>,
    pub dialogs: DialogMode,
    /// Where local history and recovery copies go; `None` keeps neither.
    pub state: Option<StateDir>,
    /// How long unsaved edits wait before their recovery copy is written.
    pub autosave_delay: Duration,
    /// Watch the open file for changes and handle SIGTERM/SIGINT/SIGHUP
    /// (the desktop); tests check the disk by hand instead.
    pub live: bool,
    /// The user's template folder, listed by File → New; `None` lists none.
    pub templates: Option<TemplateDir>,
    /// Theme and zoom remembered from the last run (eframe's storage);
    /// `None` on first run and in tests.
    pub settings: Option<Settings>,
    /// The program that opens files and `mailto:` links; `None` is the
    /// system's. Tests use `true` (opens nothing, says it worked) or
    /// `false`.
    pub opener: Option<std::ffi::OsString>,
    /// The presenter's meeting clock reads this: the system's, or (tests)
    /// one moved by hand.
    pub clock: super::present::Clock,
}

impl AppConfig {
    /// The installed app: the user's config and state dirs, native dialogs.
    pub fn desktop() -> Self {
        Self {
            recent_path: RecentFiles::default_path(),
            today: None,
            dialogs: DialogMode::Native,
            state: StateDir::from_env(),
            autosave_delay: Duration::from_secs(1),
            live: true,
            templates: TemplateDir::from_env(),
            settings: None,
            opener: None,
            clock: super::present::Clock::System,
        }
    }

    /// For tests: files and state under `dir`, a fixed today, the path
    /// field instead of native dialogs, recovery copies written at once.
    pub fn in_dir(dir: &Path, today: NaiveDate) -> Self {
        Self {
            recent_path: Some(dir.join("recent.ron")),
            today: Some(today),
            dialogs: DialogMode::PathField,
            state: Some(StateDir::at(dir.join("state"))),
            autosave_delay: Duration::ZERO,
            live: false,
            templates: Some(TemplateDir::at(dir.join("templates"))),
            settings: None,
            opener: Some("true".into()),
            clock: super::present::Clock::manual(),
        }
    }
}

/// The Shipshape window.
pub struct ShipshapeApp {
    pub(super) config: AppConfig,
    pub(super) doc: Option<Document>,
    pub(super) view: ViewState,
    pub(super) queue: Vec<Action>,
    pub(super) recent: RecentFiles,
    pub(super) background: Background,
    /// Set once the user agreed to close; the next close request goes through.
    pub(super) close_allowed: bool,
    pub(super) autosave: AutoSave,
    /// For work that reports back outside a frame (the recovery writer).
    pub(super) ctx: egui::Context,
    /// The folder shown as a portfolio (File → Open folder…).
    pub(super) portfolio: Option<super::portfolio::Portfolio>,
    /// The presenter view (F5) and its remembered settings.
    pub(super) present: super::present::Presenter,
    /// Watches the open file (desktop only).
    watcher: Option<FileWatcher>,
    /// When to compare the file with the window, after the watcher spoke.
    disk_check_due: Option<Instant>,
    title: String,
}

impl ShipshapeApp {
    /// Builds the app, installs its fonts and style into `ctx`, and opens
    /// `path` (a folder: its portfolio) — or, with `None`, the most recent workbook, or on first run a
    /// sample made from the built-in template.
    pub fn new(ctx: &egui::Context, config: AppConfig, path: Option<PathBuf>) -> Self {
        style::install_fonts(ctx);
        style::install_style(ctx);
        if let Some(settings) = config.settings {
            settings.apply(ctx);
        }
        let recent = config
            .recent_path
            .as_deref()
            .map(RecentFiles::load)
            .unwrap_or_default();
        let mut background = Background::default();
        background.opener.clone_from(&config.opener);
        let presenter = config.settings.map(|s| s.presenter).unwrap_or_default();
        let mut app = Self {
            config,
            doc: None,
            view: ViewState::default(),
            queue: Vec::new(),
            recent,
            background,
            close_allowed: false,
            autosave: AutoSave::default(),
            ctx: ctx.clone(),
            portfolio: None,
            present: super::present::Presenter::new(presenter),
            watcher: None,
            disk_check_due: None,
            title: String::new(),
        };
        match path.or_else(|| app.recent.paths.first().cloned()) {
            // `shipshape FOLDER`: that folder's portfolio.
            Some(path) if path.is_dir() => app.queue.push(Action::OpenFolder(path)),
            // `shipshape checklist.md`: its import preview, over the start view.
            Some(path) if super::import::is_checklist(&path) => {
                app.view.new_form = Some(app.default_new_form());
                app.queue.push(Action::ImportPath(path));
            }
            Some(path) => app.queue.push(Action::OpenPath(path)),
            None => app.queue.push(Action::OpenSample),
        }
        // A workbook never saved that the last run left unsaved.
        app.queue.push(Action::OfferRecovery(None));
        if app.config.live
            && let Err(e) =
                watch::handle_termination(app.background.reporter(ctx), Duration::from_secs(2))
        {
            app.view.warning(format!(
                "cannot watch for logout signals ({e}): save before logging out"
            ));
        }
        app
    }

    /// Compare the open file with the disk now, as the watcher or window
    /// focus would (tests; the desktop does it by itself).
    pub fn check_disk_now(&mut self) {
        self.queue.push(Action::CheckDisk);
    }

    /// The watcher saw the file change: look once things settle.
    pub(super) fn disk_changed(&mut self, ctx: &egui::Context) {
        self.disk_check_due = Some(Instant::now() + watch::DEBOUNCE);
        ctx.request_repaint_after(watch::DEBOUNCE);
    }

    /// Keeps the watcher on the open file, and queues the disk check the
    /// watcher asked for once its debounce has passed.
    fn follow_disk(&mut self, ctx: &egui::Context) {
        if let Some(due) = self.disk_check_due {
            if Instant::now() >= due {
                self.disk_check_due = None;
                self.queue.push(Action::CheckDisk);
            } else {
                ctx.request_repaint_after(due - Instant::now());
            }
        }
        if !self.config.live {
            return;
        }
        let path = self.path().map(Path::to_owned);
        if self.watcher.as_ref().map(FileWatcher::path) == path.as_deref() {
            return;
        }
        self.watcher = None;
        if let Some(path) = path {
            match FileWatcher::new(&path, self.background.reporter(ctx)) {
                Ok(w) => self.watcher = Some(w),
                // Focus and Save still check the disk.
                Err(e) => self.view.info(format!(
                    "Changes on disk show when the window gets focus (cannot watch the file: {e})"
                )),
            }
        }
    }

    /// The date the verdict is computed for.
    pub fn today(&self) -> NaiveDate {
        self.config
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// The open workbook, if any.
    pub fn workbook(&self) -> Option<&Workbook> {
        self.doc.as_ref().map(Document::workbook)
    }

    /// The open workbook's file.
    pub fn path(&self) -> Option<&Path> {
        self.doc.as_ref().and_then(Document::path)
    }

    pub fn is_dirty(&mut self) -> bool {
        self.doc.as_mut().is_some_and(Document::is_dirty)
    }

    /// Warnings currently shown in the window (kept until dismissed).
    pub fn warnings(&self) -> Vec<String> {
        self.view
            .messages
            .iter()
            .filter(|m| m.kind == super::view::MessageKind::Warning)
            .map(|m| m.text.clone())
            .collect()
    }

    /// The note in the status bar, if any.
    pub fn note(&self) -> Option<&str> {
        self.view
            .messages
            .iter()
            .rev()
            .find(|m| m.kind == super::view::MessageKind::Info)
            .map(|m| m.text.as_str())
    }

    /// Whether a PDF is being written in the background.
    pub fn is_busy(&self) -> bool {
        self.background.busy().is_some()
    }

    /// Error messages currently shown in the window.
    pub fn errors(&self) -> Vec<String> {
        self.view
            .messages
            .iter()
            .filter(|m| m.kind == super::view::MessageKind::Error)
            .map(|m| m.text.clone())
            .collect()
    }

    /// The selected item's ID.
    pub fn selected(&self) -> Option<&str> {
        self.view.selected.as_deref()
    }

    /// Whether the window has been told it may close.
    pub fn close_allowed(&self) -> bool {
        self.close_allowed
    }

    /// IDs of the items the table lists, after filters.
    pub fn listed_ids(&self) -> Vec<String> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        self.view
            .derived
            .rows
            .iter()
            .filter_map(|l| doc.workbook().item_at(*l).map(|i| i.id.clone()))
            .collect()
    }

    /// Queues a command as if from its menu entry (for tests and benches).
    pub fn run_command(&mut self, command: Command) {
        self.queue.push(Action::Run(command));
    }

    /// The recent-files list as the app holds it.
    pub fn recent(&self) -> &RecentFiles {
        &self.recent
    }

    /// One whole frame: input, drawing, then the queued actions. eframe
    /// calls the two halves through [`eframe::App`]; benches call this.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        self.input(ui.ctx());
        self.draw(ui);
    }

    /// Everything that reads input before drawing: file drops, what the
    /// background jobs reported (dialog answers, PDFs), close requests and
    /// shortcuts. All of it goes onto the queue.
    fn input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.queue.push(if super::import::is_checklist(&path) {
                Action::ImportPath(path)
            } else {
                Action::OpenPath(path)
            });
        }
        self.queue.extend(self.background.reports());
        let focused = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        if focused {
            self.queue.push(Action::CheckDisk);
        }
        self.follow_disk(ctx);
        self.follow_portfolio(ctx);
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_allowed && self.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.queue
                .push(Action::CloseThen(super::command::AfterClose::CloseWindow));
        }
        self.shortcuts(ctx);
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.view.modal.is_some() {
            for (command, shortcut) in Command::shortcut_table() {
                if command.acts_over_dialogs() && ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                    self.queue.push(Action::Run(command));
                }
            }
            return;
        }
        if self.present.is_active() {
            self.presenter_shortcuts(ctx);
            return;
        }
        // A text field that lost the keyboard this frame or the last (to
        // Escape, which egui applies before any widget runs, or to Enter,
        // which ends a one-line field) still counts: a Delete or a digit
        // meant for its text must not remove or change the item.
        let typing_now = ctx.text_edit_focused();
        let typed_last_frame = std::mem::replace(&mut self.view.typed_last_frame, typing_now);
        let typing = typing_now || typed_last_frame;
        // A date picker or combo box popup owns the arrow keys.
        let popup = egui::Popup::is_any_open(ctx);
        // Enter presses the focused button (a recent card, Tab-reached
        // controls); it opens the editor sheet only where there is one
        // and nothing has the keyboard.
        let focused = ctx.memory(|m| m.focused().is_some());
        let sheet = self.view.layout.editor == super::layout::Editor::Sheet;
        for (command, shortcut) in Command::shortcut_table() {
            if Command::is_typing_key(&shortcut) && (typing || popup) {
                continue;
            }
            if command == Command::OpenEditor && (focused || !sheet) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.queue.push(Action::Run(command));
            }
        }
    }

    /// Draws the frame, applies what it queued and settles undo.
    fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // egui keeps a closed modal's layer on top for a frame, refusing
        // focus under it meanwhile: wait until it is gone.
        if let Some(id) = self.view.refocus {
            if ctx.memory(|m| m.top_modal_layer().is_none()) {
                ctx.memory_mut(|m| m.request_focus(id));
                self.view.refocus = None;
            } else {
                ctx.request_repaint();
            }
        }
        let focus_before = ctx.memory(egui::Memory::focused);
        // Actions queued before drawing (startup, input) first, so the frame
        // shows their result.
        self.apply_queue(&ctx);
        self.refresh_derived();
        self.keep_selection_visible(&ctx);
        let drawn = self.doc.as_ref().map(Document::revision);
        self.root_ui(ui);
        self.view.requests_drawn();
        self.settle_recent(&ctx);
        let acted = !self.queue.is_empty();
        self.apply_queue(&ctx);
        if !ctx.text_edit_focused()
            && let Some(doc) = &mut self.doc
        {
            doc.commit();
        }
        self.refresh_derived();
        self.keep_selection_visible(&ctx);
        self.update_title(&ctx);
        super::a11y::name_window(&ctx, &self.title);
        self.return_focus_after_dialog(&ctx, focus_before);
        self.autosave(&ctx);
        // This frame was drawn before its clicks and typing were applied:
        // draw once more so the screen shows them (one frame, not a loop).
        if acted || self.doc.as_ref().map(Document::revision) != drawn {
            ctx.request_repaint();
        }
    }

    /// Recomputes what the views derive from the workbook, when it or the
    /// filter changed since last time; without a workbook, what the start
    /// view shows.
    fn refresh_derived(&mut self) {
        let today = self.today();
        let Some(doc) = &self.doc else {
            if self.view.recent.is_none() {
                self.view.recent = Some(super::file_ops::recent_entries(&self.recent.paths, today));
            }
            if self.view.new_form.is_none() {
                self.view.new_form = Some(self.default_new_form());
            }
            return;
        };
        let key = Some((doc.revision(), self.view.filter.clone(), today));
        if self.view.derived.key == key {
            return;
        }
        let wb = doc.workbook();
        if self
            .view
            .filter
            .category
            .is_some_and(|c| c >= wb.categories.len())
        {
            self.view.filter.category = None;
        }
        self.view.derived = Derived::new(wb, &self.view.filter, today);
        self.view.derived.key = Some((doc.revision(), self.view.filter.clone(), today));
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let dirty = self.is_dirty();
        let title = match &self.doc {
            Some(doc) => {
                let project =
                    super::text::clip_to(&doc.workbook().project, super::text::MAX_TITLE_CHARS);
                let project = match project.trim() {
                    "" => "Untitled",
                    project => project,
                };
                format!("{}{project} — Shipshape", if dirty { "● " } else { "" })
            }
            None => "Shipshape".to_owned(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// A dialog takes the keyboard when it opens (its first field); when
    /// it closes, the keyboard goes back where it was — the row, the field
    /// — so a screen-reader user is not left at the top of the window.
    /// `before`: the focus as the frame began, before the dialog's first
    /// field took it.
    fn return_focus_after_dialog(&mut self, ctx: &egui::Context, before: Option<egui::Id>) {
        let open = self.view.modal.is_some();
        match (self.view.dialog_focus.is_some(), open) {
            (false, true) => self.view.dialog_focus = Some(before),
            (true, false) => {
                // Given next frame: in this one the window under the
                // dialog was drawn disabled, and egui drops focus there.
                if let Some(Some(id)) = self.view.dialog_focus.take() {
                    self.view.refocus = Some(id);
                    ctx.request_repaint();
                }
            }
            _ => {}
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }
}

impl eframe::App for ShipshapeApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.input(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    /// Theme, zoom and the presenter's settings, for the next run (eframe calls this on exit and
    /// every 30 s).
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        Settings {
            presenter: self.present.settings,
            ..Settings::of(&self.ctx)
        }
        .store(storage);
    }

    /// Only [`Settings`]: egui's own memory would also bring back the zoom
    /// and theme (a second source of truth) and stale popups and focus.
    fn persist_egui_memory(&self) -> bool {
        false
    }
}
