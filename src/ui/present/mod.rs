//! The presenter view (F5, View → Present; Esc leaves): full screen, one
//! item at a time, for a projector read from across the room, with the
//! verdict, the position and the launch countdown pinned, and a meeting
//! clock that says whether the walk is on pace.
//!
//! - `keys` — the presenter's keys (one enum: action, keys, key line);
//! - `walk` — which items are walked and how the keys step along them;
//! - `clock` — elapsed time, time on the item and pacing, on an
//!   injectable [`Clock`];
//! - `layout` — drawing the screen; `edit` — the large inline fields of
//!   `O`, `D`, `M` and `N`.
//!
//! The item shown is the window's selected item, so leaving shows the
//! table where the walk stopped, and undo, which selects what it changed,
//! shows it here too. Every edit is an ordinary queued [`Action`], one
//! undo step, saved and autosaved like any other.

use chrono::NaiveDate;
use egui::ViewportCommand;

use super::app::ShipshapeApp;
use super::command::{Action, Command};
use super::settings::PresenterSettings;
use crate::model::ItemField;

mod clock;
mod edit;
mod keys;
mod layout;
mod walk;

pub use clock::Clock;
pub use keys::PresentKey;
use walk::Step;

/// The planned meeting length's bounds and step (`+`/`−`), in minutes.
const PLAN_MINUTES: std::ops::RangeInclusive<u32> = 5..=480;
const PLAN_STEP: u32 = 5;

/// Something asked of the presenter view.
#[derive(Debug, Clone, PartialEq)]
pub enum PresentAction {
    Leave,
    Key(PresentKey),
    /// A large field closed: the text typed (`None`: cancelled).
    Commit(Option<String>),
}

/// The presenter view's state: its remembered settings, the meeting clock
/// and, while it is up, the walk.
#[derive(Debug, Default)]
pub struct Presenter {
    pub settings: PresenterSettings,
    pub clock: clock::MeetingClock,
    session: Option<Session>,
}

/// While the presenter view is up.
#[derive(Debug)]
struct Session {
    /// The item IDs walked, taken on entering and when red only toggles.
    walk: Vec<String>,
    /// The workbook revision the walk was last checked against.
    revision: u64,
    /// Whether the window was full screen before, to put it back.
    was_fullscreen: bool,
    editing: Option<edit::Editing>,
}

impl Presenter {
    pub fn new(settings: PresenterSettings) -> Self {
        Self {
            settings,
            ..Self::default()
        }
    }

    pub fn is_active(&self) -> bool {
        self.session.is_some()
    }

    /// Whether a large field has the keyboard (the presenter's keys wait).
    pub fn is_editing(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.editing.is_some())
    }

    /// The planned length in minutes, brought into range (a stored value
    /// may come from a file edited by hand).
    fn planned_minutes(&self) -> u32 {
        self.settings
            .planned_minutes
            .clamp(*PLAN_MINUTES.start(), *PLAN_MINUTES.end())
    }

    fn planned(&self) -> std::time::Duration {
        std::time::Duration::from_secs(u64::from(self.planned_minutes()) * 60)
    }
}

impl ShipshapeApp {
    /// Whether the presenter view is up.
    pub fn is_presenting(&self) -> bool {
        self.present.is_active()
    }

    /// The presenter view's settings as they are now (remembered by
    /// [`eframe::App::save`]).
    pub fn presenter_settings(&self) -> PresenterSettings {
        self.present.settings
    }

    /// The item IDs the presenter view walks (empty when it is not up).
    pub fn presenter_walk(&self) -> Vec<String> {
        self.present
            .session
            .as_ref()
            .map(|s| s.walk.clone())
            .unwrap_or_default()
    }

    /// F5: full screen, the walk taken from the selected item on.
    pub(super) fn enter_presenter(&mut self, ctx: &egui::Context) {
        if self.present.is_active() {
            return;
        }
        let today = self.today();
        let Some(doc) = &self.doc else { return };
        let wb = doc.workbook();
        let walk = walk::walk(wb, self.present.settings.red_only, today);
        let order: Vec<&str> = wb.items().map(|(_, i)| i.id.as_str()).collect();
        let at = walk::start_at(&walk, &order, self.view.selected.as_deref());
        if let Some(at) = at {
            self.view.select(Some(walk[at].clone()));
        }
        let was_fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
        self.present.clock.start(self.config.clock.now());
        self.present.session = Some(Session {
            walk,
            revision: doc.revision(),
            was_fullscreen,
            editing: None,
        });
    }

    fn leave_presenter(&mut self, ctx: &egui::Context) {
        self.keep_open_field();
        if let Some(session) = self.present.session.take() {
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(session.was_fullscreen));
            self.view.scroll_to_selected = true;
        }
    }

    /// The presenter's keys, instead of the table's, while it is up; only
    /// the window's commands that make sense over it (Ctrl ones: undo,
    /// save, zoom, quit) still act. Nothing while a large field is open:
    /// the keys are its text.
    pub(super) fn presenter_shortcuts(&mut self, ctx: &egui::Context) {
        if self.present.is_editing() {
            return;
        }
        for (command, shortcut) in Command::shortcut_table() {
            if command.acts_while_presenting() && ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.queue.push(Action::Run(command));
            }
        }
        for key in PresentKey::pressed(ctx) {
            self.queue.push(Action::Present(PresentAction::Key(key)));
        }
    }

    pub(super) fn apply_present(&mut self, ctx: &egui::Context, action: PresentAction) {
        if !self.present.is_active() {
            return;
        }
        match action {
            PresentAction::Leave => self.leave_presenter(ctx),
            PresentAction::Key(key) => self.present_key(ctx, key),
            PresentAction::Commit(text) => self.commit_edit(text),
        }
    }

    fn present_key(&mut self, ctx: &egui::Context, key: PresentKey) {
        let minutes = self.present.planned_minutes();
        let settings = &mut self.present.settings;
        match key {
            PresentKey::Leave => self.leave_presenter(ctx),
            PresentKey::Step(step) => self.step_walk(step),
            PresentKey::ToggleRedOnly => {
                settings.red_only ^= true;
                self.retake_walk();
            }
            PresentKey::SetStatus(status) => {
                if let Some(id) = self.shown_item() {
                    self.queue.push(Action::SetStatus(id, status));
                }
            }
            PresentKey::Edit(field) => self.open_edit(field),
            PresentKey::LongerPlan => {
                settings.planned_minutes = (minutes + PLAN_STEP).min(*PLAN_MINUTES.end());
            }
            PresentKey::ShorterPlan => {
                settings.planned_minutes =
                    minutes.saturating_sub(PLAN_STEP).max(*PLAN_MINUTES.start());
            }
            PresentKey::RestartClock => self.present.clock.restart(self.config.clock.now()),
            PresentKey::ToggleTheme => self.queue.push(Action::Run(Command::ToggleTheme)),
        }
    }

    /// The item on screen, if it still exists.
    fn shown_item(&self) -> Option<String> {
        let id = self.view.selected.as_ref()?;
        self.workbook()?.locate(id).map(|_| id.clone())
    }

    fn step_walk(&mut self, step: Step) {
        let Some(session) = &self.present.session else {
            return;
        };
        let at = self
            .view
            .selected
            .as_ref()
            .and_then(|id| position(&session.walk, id));
        if let Some(next) = walk::step(at, session.walk.len(), step) {
            let id = session.walk[next].clone();
            self.view.select(Some(id));
        }
    }

    /// Takes the walk again (red only toggled) and keeps the item shown if
    /// it is walked, else the next walked one.
    fn retake_walk(&mut self) {
        let today = self.today();
        let (Some(doc), Some(session)) = (&self.doc, &mut self.present.session) else {
            return;
        };
        let wb = doc.workbook();
        session.walk = walk::walk(wb, self.present.settings.red_only, today);
        session.revision = doc.revision();
        let order: Vec<&str> = wb.items().map(|(_, i)| i.id.as_str()).collect();
        let at = walk::start_at(&session.walk, &order, self.view.selected.as_deref());
        if let Some(at) = at {
            let id = session.walk[at].clone();
            self.view.select(Some(id));
        }
    }

    /// Once a frame before drawing: leaves when the workbook is gone, keeps
    /// the walk to items that exist (and every item, when not red only),
    /// puts an item on screen if none is, and times the one shown.
    fn sync_presenter(&mut self, ctx: &egui::Context, today: NaiveDate) {
        let Some(doc) = &self.doc else {
            self.leave_presenter(ctx);
            return;
        };
        let Some(session) = &mut self.present.session else {
            return;
        };
        let wb = doc.workbook();
        if session.revision != doc.revision() {
            session.revision = doc.revision();
            if self.present.settings.red_only {
                let ids: std::collections::HashSet<&str> =
                    wb.items().map(|(_, i)| i.id.as_str()).collect();
                session.walk.retain(|id| ids.contains(id.as_str()));
            } else {
                session.walk = walk::walk(wb, false, today);
            }
        }
        let shown = self.view.selected.as_deref().and_then(|id| wb.locate(id));
        if shown.is_none()
            && let Some(first) = session.walk.first()
        {
            self.view.select(Some(first.clone()));
        }
        if let Some(id) = &self.view.selected {
            self.present.clock.show_item(id, self.config.clock.now());
        }
    }

    fn open_edit(&mut self, field: ItemField) {
        let Some(id) = self.shown_item() else { return };
        let Some(item) = self.workbook().and_then(|wb| wb.item(&id)) else {
            return;
        };
        let editing = edit::Editing::new(field, item);
        if let Some(session) = &mut self.present.session {
            session.editing = Some(editing);
        }
    }

    /// Leaving (the Leave button, or the workbook closing) with a large
    /// field open keeps what was typed in it, as a click elsewhere does;
    /// only Escape cancels. A due date is read as typed (`fri`); one that
    /// is not a date is reported, not guessed.
    fn keep_open_field(&mut self) {
        let Some(editing) = self
            .present
            .session
            .as_ref()
            .and_then(|s| s.editing.as_ref())
        else {
            return;
        };
        let mut text = editing.text.trim().to_owned();
        if editing.field == ItemField::Due && editing.initial.as_deref() != Some(text.as_str()) {
            match crate::model::parse_due(&text, self.today()) {
                Ok(due) => text = due.map(|d| d.to_string()).unwrap_or_default(),
                Err(e) => {
                    self.view.error(format!("Due date not set: {e}"));
                    return;
                }
            }
        }
        self.commit_edit(Some(text));
    }

    /// A large field closed: its text becomes one ordinary edit of the
    /// item it was opened on (a note is added as a paragraph).
    fn commit_edit(&mut self, text: Option<String>) {
        let Some(editing) = self.present.session.as_mut().and_then(|s| s.editing.take()) else {
            return;
        };
        let Some(value) = text else { return };
        let (id, field) = (editing.id, editing.field);
        if field == ItemField::Notes {
            let mut result = Ok(());
            if let Some(doc) = &mut self.doc
                && doc.workbook().locate(&id).is_some()
                && !value.trim().is_empty()
            {
                doc.edit(|wb| {
                    if let Some(item) = wb.item_mut(&id) {
                        result = item.add_to_field(field, &value);
                    }
                });
            }
            if let Err(e) = result {
                self.view.error(format!("{}: {e}", field.label()));
            }
        } else if editing.initial.as_deref() != Some(value.as_str()) {
            self.queue.push(Action::SetField { id, field, value });
        }
    }
}

/// Where `id` is in the walk.
fn position(walk: &[String], id: &str) -> Option<usize> {
    walk.iter().position(|w| w == id)
}
