//! Fonts, colours and text sizes, tuned to be read from across a meeting
//! room.

use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle};

use crate::fonts::{
    DEJAVU_SANS, DEJAVU_SANS_BOLD, DROID_SANS_FALLBACK, NOTO_SANS_DEVANAGARI, NOTO_SANS_THAI,
    SHIPSHAPE_HANGUL,
};
use crate::model::Status;

/// The family for bold text (headings, the verdict).
pub fn bold() -> FontFamily {
    FontFamily::Name("bold".into())
}

/// Installs DejaVu Sans first and the fonts for Devanagari, Thai, Hangul
/// and CJK (Droid Sans Fallback) last, so every script a team types (and
/// every glyph the app draws) has a font. egui's own fonts stay in between
/// for its icons.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu".into(),
        Arc::new(FontData::from_static(DEJAVU_SANS)),
    );
    fonts.font_data.insert(
        "dejavu-bold".into(),
        Arc::new(FontData::from_static(DEJAVU_SANS_BOLD)),
    );
    fonts.font_data.insert(
        "droid-fallback".into(),
        Arc::new(FontData::from_static(DROID_SANS_FALLBACK)),
    );
    let scripts = [
        ("noto-devanagari", NOTO_SANS_DEVANAGARI),
        ("noto-thai", NOTO_SANS_THAI),
        ("shipshape-hangul", SHIPSHAPE_HANGUL),
    ];
    for (name, bytes) in scripts {
        fonts
            .font_data
            .insert(name.into(), Arc::new(FontData::from_static(bytes)));
    }
    let defaults = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let mut proportional = vec!["dejavu".to_owned()];
    proportional.extend(defaults.iter().cloned());
    proportional.extend(scripts.iter().map(|(name, _)| (*name).to_owned()));
    proportional.push("droid-fallback".into());
    let mut bold_family = vec!["dejavu-bold".to_owned()];
    bold_family.extend(proportional.iter().cloned());
    let mono = fonts.families.entry(FontFamily::Monospace).or_default();
    mono.push("dejavu".into());
    mono.extend(scripts.iter().map(|(name, _)| (*name).to_owned()));
    mono.push("droid-fallback".into());
    fonts
        .families
        .insert(FontFamily::Proportional, proportional);
    fonts.families.insert(bold(), bold_family);
    ctx.set_fonts(fonts);
}

/// Text a little larger than egui's defaults: the window is often on a
/// projector.
pub fn install_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::new(22.0, bold())),
            (TextStyle::Body, FontId::new(14.0, FontFamily::Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(13.0, FontFamily::Monospace),
            ),
            (
                TextStyle::Button,
                FontId::new(14.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(11.5, FontFamily::Proportional),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
    });
    // egui's default label grey washes out on a projector: darker text on
    // light, brighter on dark.
    ctx.style_mut_of(egui::Theme::Dark, |style| {
        style.visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(225);
        style.visuals.widgets.inactive.fg_stroke.color = Color32::from_gray(235);
    });
    ctx.style_mut_of(egui::Theme::Light, |style| {
        style.visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(25);
        style.visuals.widgets.inactive.fg_stroke.color = Color32::from_gray(15);
    });
    // Zoom comes from the Command enum, with the shortcuts shown in the menu.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
}

pub const GREEN: Color32 = Color32::from_rgb(0x1e, 0x7d, 0x3a);
pub const RED: Color32 = Color32::from_rgb(0xc0, 0x1c, 0x28);

/// Red text that stays readable on both dark and light backgrounds.
pub fn red_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xff, 0x6b, 0x6b)
    } else {
        Color32::from_rgb(0xb0, 0x10, 0x1c)
    }
}

pub fn green_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x5c, 0xd6, 0x7e)
    } else {
        Color32::from_rgb(0x14, 0x6c, 0x2e)
    }
}

/// Amber text for what the user must know but is not an error, readable
/// on both themes.
pub fn amber_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xf0, 0xa8, 0x30)
    } else {
        Color32::from_rgb(0x8a, 0x55, 0x00)
    }
}

/// Fill of a status chip; white text reads on all of them.
pub fn status_fill(status: Status) -> Color32 {
    match status {
        Status::NotStarted => Color32::from_rgb(0x6b, 0x6f, 0x76),
        Status::InProgress => Color32::from_rgb(0x1f, 0x5f, 0xb0),
        Status::Done => GREEN,
        Status::Mitigated => Color32::from_rgb(0x9a, 0x5b, 0x00),
        Status::NotApplicable => Color32::from_rgb(0x6a, 0x4c, 0x93),
    }
}
