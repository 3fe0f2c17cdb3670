//! The real app driven headless through egui_kittest: widgets are found by
//! label and role (AccessKit), clicked and typed into; assertions are on the
//! document and on the files written to disk. This module holds the one
//! harness constructor and the helpers the topic files share.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui::{Key, Modifiers, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shipshape::model::{Status, TemplateOptions, Workbook};
use shipshape::storage;
use shipshape::ui::{AppConfig, ShipshapeApp};

mod a11y;
mod conflicts;
mod dates;
mod dialog_keys;
mod disk;
mod editing;
mod export;
mod files;
mod hidden;
mod import;
mod layout;
mod long_text;
mod portfolio;
mod present;
mod recheck;
mod relative;
mod remember;
mod review;
mod scripts;
mod start;
mod table;
mod upgrade;

/// The app's "today" in every UI test.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

/// The shortcut modifier, whichever platform the test runs on.
pub fn ctrl() -> Modifiers {
    Modifiers::COMMAND.plus(Modifiers::CTRL)
}

/// A saved workbook made from the built-in template, with two owners.
pub fn fixture(dir: &Path) -> PathBuf {
    let mut wb = Workbook::from_template(
        &storage::builtin_template(),
        TemplateOptions {
            project: "Payments API".into(),
            launch: NaiveDate::from_ymd_opt(2026, 4, 1),
        },
    );
    wb.categories[0].items[0].owner = "Alice".into();
    wb.categories[1].items[0].owner = "Bob".into();
    let path = dir.join("payments.shipshape.ron");
    storage::save(&path, &wb).unwrap();
    path
}

/// The app as the desktop builds it, but with its recent list in `dir`, a
/// fixed "today" and the path field instead of native dialogs.
pub fn harness(dir: &Path, path: Option<PathBuf>) -> Harness<'static, ShipshapeApp> {
    harness_sized(dir, path, [1280.0, 800.0])
}

/// The one way the tests build the app (see [`harness`]), in a window of
/// `size` points.
pub fn harness_sized(
    dir: &Path,
    path: Option<PathBuf>,
    size: [f32; 2],
) -> Harness<'static, ShipshapeApp> {
    harness_with(AppConfig::in_dir(dir, today()), path, size)
}

/// The app with a config of the test's own (an opener, settings).
pub fn harness_with(
    config: AppConfig,
    path: Option<PathBuf>,
    size: [f32; 2],
) -> Harness<'static, ShipshapeApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| ShipshapeApp::new(&cc.egui_ctx, config, path));
    h.run();
    h
}

/// The app in a window of `pixels` at `zoom` (a projector at 150 %): the
/// window is `pixels / zoom` points, drawn `zoom` pixels per point, as
/// eframe does when the user zooms.
pub fn harness_zoomed(
    dir: &Path,
    path: Option<PathBuf>,
    pixels: [f32; 2],
    zoom: f32,
) -> Harness<'static, ShipshapeApp> {
    let config = AppConfig::in_dir(dir, today());
    let mut h = Harness::builder()
        .with_size([pixels[0] / zoom, pixels[1] / zoom])
        .with_pixels_per_point(zoom)
        .build_eframe(move |cc| ShipshapeApp::new(&cc.egui_ctx, config, path));
    h.run();
    h
}

/// Whether a dialog whose name (its heading) contains `name` is open.
pub fn dialog_open(h: &Harness<'static, ShipshapeApp>, name: &str) -> bool {
    h.query_all(
        egui_kittest::kittest::by()
            .role(Role::Dialog)
            .label_contains(name),
    )
    .next()
    .is_some()
}

/// eframe's storage, in memory: what the app saves between runs.
#[derive(Default)]
pub struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

pub fn item<'a>(app: &'a ShipshapeApp, id: &str) -> &'a shipshape::model::Item {
    app.workbook().unwrap().item(id).unwrap()
}

/// The template's second item, red at the start: the usual one to edit.
pub const AUTOSCALING: &str = "reliability.autoscaling";
pub const AUTOSCALING_TITLE: &str = "Auto-scaling configured and load-tested";

/// Clicks an item's row in the table (the first label with its title).
pub fn select_row(h: &mut Harness<'static, ShipshapeApp>, title: &str) {
    h.get_all_by_label(title).next().unwrap().click();
    h.run();
}

pub fn type_into(h: &mut Harness<'static, ShipshapeApp>, role: Role, label: &str, text: &str) {
    h.get_by_role_and_label(role, label).focus();
    h.run();
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

/// Moves keyboard focus out of any text field, as clicking elsewhere would.
pub fn leave_field(h: &mut Harness<'static, ShipshapeApp>) {
    h.key_press(Key::Escape);
    h.run();
}

pub fn request_close(h: &mut Harness<'static, ShipshapeApp>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.run();
}

/// Answers Ctrl+O's path field with `path`.
pub fn open_by_path(h: &mut Harness<'static, ShipshapeApp>, path: &Path) {
    h.key_press_modifiers(ctrl(), Key::O);
    h.run();
    type_into(h, Role::TextInput, "Path", &path.display().to_string());
    h.key_press(Key::Enter);
    h.run();
}

/// Replaces the text of the path field and presses its OK (one frame: a
/// PDF thread started by it repaints the window from outside).
pub fn answer_path_field(h: &mut Harness<'static, ShipshapeApp>, label: &str, path: &Path) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(ctrl(), Key::A);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.step();
}

/// Text the app put on the clipboard and URLs it asked to open, this frame.
pub fn output_commands(h: &Harness<'static, ShipshapeApp>) -> (Vec<String>, Vec<String>) {
    let mut copied = Vec::new();
    let mut opened = Vec::new();
    for c in &h.output().platform_output.commands {
        match c {
            egui::OutputCommand::CopyText(t) => copied.push(t.clone()),
            egui::OutputCommand::OpenUrl(u) => opened.push(u.url.clone()),
            _ => {}
        }
    }
    (copied, opened)
}

/// A workbook file of `project` launching on `launch`; `ready` makes every
/// item done (as a person does, so verified [`today`]).
pub fn workbook_file(
    dir: &Path,
    file: &str,
    project: &str,
    launch: NaiveDate,
    ready: bool,
) -> PathBuf {
    let mut wb = Workbook::from_template(
        &storage::builtin_template(),
        TemplateOptions {
            project: project.into(),
            launch: Some(launch),
        },
    );
    if ready {
        for category in &mut wb.categories {
            for item in &mut category.items {
                item.set_status(Status::Done, today());
            }
        }
    } else {
        wb.item_mut(AUTOSCALING).unwrap().status = Status::Done;
    }
    let path = dir.join(file);
    storage::save(&path, &wb).unwrap();
    path
}

/// The colour each piece of text equal to `text` was drawn in this frame,
/// with where it was drawn. AccessKit carries no colours, so this reads the
/// shapes egui handed to the renderer.
pub fn drawn_text_colors(
    h: &Harness<'static, ShipshapeApp>,
    text: &str,
) -> Vec<(egui::Rect, egui::Color32)> {
    fn walk(shape: &egui::Shape, text: &str, out: &mut Vec<(egui::Rect, egui::Color32)>) {
        match shape {
            egui::Shape::Vec(shapes) => {
                for s in shapes {
                    walk(s, text, out);
                }
            }
            egui::Shape::Text(t) if t.galley.text() == text => {
                let color = t.override_text_color.unwrap_or_else(|| {
                    let c = t
                        .galley
                        .job
                        .sections
                        .first()
                        .map_or(egui::Color32::PLACEHOLDER, |s| s.format.color);
                    if c == egui::Color32::PLACEHOLDER {
                        t.fallback_color
                    } else {
                        c
                    }
                });
                out.push((shape.visual_bounding_rect(), color));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, text, &mut out);
    }
    out
}

/// Red on both themes: the light theme's dark red and the dark theme's
/// bright one; never the grey of body text.
pub fn is_red(c: egui::Color32) -> bool {
    c.r() > 150 && c.g() < 120 && c.b() < 120
}

pub fn is_green(c: egui::Color32) -> bool {
    c.g() > 90 && c.r() < 110 && c.b() < 140
}
