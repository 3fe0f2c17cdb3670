//! What the window remembers between runs that is not the workbook's:
//! the theme and the zoom (the window's size and place are eframe's own,
//! `persist_window`). Kept with eframe's storage (a RON file in the
//! platform's data dir), never in the workbook file: a teammate opening
//! the same file keeps their own.

use serde::{Deserialize, Serialize};

/// The key under which [`Settings`] live in eframe's storage.
pub const KEY: &str = "shipshape-settings";

/// The zoom range the window accepts: a stored value outside it (a file
/// edited by hand, a zoom from a build with other limits) is brought in.
const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.5..=3.0;

/// The theme chosen: the system's, or one fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    System,
    Dark,
    Light,
}

/// The remembered settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    pub zoom: f32,
    /// The presenter view's last settings (F5).
    pub presenter: PresenterSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: Theme::System,
            zoom: 1.0,
            presenter: PresenterSettings::default(),
        }
    }
}

/// What the presenter view keeps from one meeting to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PresenterSettings {
    /// The meeting's planned length, which the clock paces the walk by.
    pub planned_minutes: u32,
    /// Walk only the red items.
    pub red_only: bool,
}

impl Default for PresenterSettings {
    fn default() -> Self {
        Self {
            planned_minutes: 60,
            red_only: false,
        }
    }
}

impl Settings {
    /// What `ctx` shows now (and the presenter's defaults: the app holds
    /// those).
    pub fn of(ctx: &egui::Context) -> Self {
        let theme = match ctx.options(|o| o.theme_preference) {
            egui::ThemePreference::System => Theme::System,
            egui::ThemePreference::Dark => Theme::Dark,
            egui::ThemePreference::Light => Theme::Light,
        };
        Self {
            theme,
            zoom: ctx.zoom_factor(),
            presenter: PresenterSettings::default(),
        }
    }

    /// Shows them in `ctx`; a zoom that is not a number in range is the
    /// nearest one that is (or 100%).
    pub fn apply(self, ctx: &egui::Context) {
        ctx.set_theme(match self.theme {
            Theme::System => egui::ThemePreference::System,
            Theme::Dark => egui::ThemePreference::Dark,
            Theme::Light => egui::ThemePreference::Light,
        });
        let zoom = if self.zoom.is_finite() {
            self.zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end())
        } else {
            1.0
        };
        ctx.set_zoom_factor(zoom);
    }

    /// The stored settings; `None` on first run, or when what is stored
    /// does not read (eframe logs it): the defaults then.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Option<Self> {
        eframe::get_value(storage?, KEY)
    }

    pub fn store(self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, KEY, &self);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use eframe::Storage as _;

    use super::*;

    #[derive(Default)]
    struct Memory(HashMap<String, String>);

    impl eframe::Storage for Memory {
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

    #[test]
    fn settings_survive_the_storage_round_trip() {
        let mut storage = Memory::default();
        let s = Settings {
            theme: Theme::Light,
            zoom: 1.5,
            presenter: PresenterSettings {
                planned_minutes: 45,
                red_only: true,
            },
        };
        s.store(&mut storage);
        assert_eq!(Settings::load(Some(&storage)), Some(s));
        assert_eq!(Settings::load(None), None);
    }

    #[test]
    fn unreadable_or_partial_settings_fall_back_to_the_defaults() {
        let mut storage = Memory::default();
        storage.set_string(KEY, "not ron at all (".into());
        assert_eq!(Settings::load(Some(&storage)), None);
        storage.set_string(KEY, "(zoom: 1.3)".into());
        let s = Settings::load(Some(&storage)).unwrap();
        assert_eq!((s.theme, s.zoom), (Theme::System, 1.3));
        assert_eq!(s.presenter, PresenterSettings::default());
        assert_eq!(s.presenter.planned_minutes, 60, "an hour unless said");
        storage.set_string(KEY, "(presenter: (red_only: true))".into());
        let s = Settings::load(Some(&storage)).unwrap();
        assert_eq!(
            (s.presenter.planned_minutes, s.presenter.red_only),
            (60, true)
        );
    }

    #[test]
    fn a_zoom_out_of_range_is_brought_in() {
        let ctx = egui::Context::default();
        for (stored, shown) in [(9.0, 3.0), (0.1, 0.5), (f32::NAN, 1.0), (1.5, 1.5)] {
            Settings {
                theme: Theme::Dark,
                zoom: stored,
                ..Settings::default()
            }
            .apply(&ctx);
            // A new zoom takes effect at the next pass.
            ctx.run_ui(egui::RawInput::default(), |_| {})
                .textures_delta
                .clear();
            assert_eq!(ctx.zoom_factor(), shown, "stored {stored}");
            assert_eq!(Settings::of(&ctx).theme, Theme::Dark);
        }
    }
}
