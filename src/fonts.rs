//! The fonts Shipshape ships (see `assets/fonts/README.md`), shared by the
//! GUI and the PDF export so both print every script users type.

/// DejaVu Sans: Latin, Greek, Cyrillic and most symbols.
pub const DEJAVU_SANS: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, for headings.
pub const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
/// Droid Sans Fallback: CJK and other scripts DejaVu lacks.
pub const DROID_SANS_FALLBACK: &[u8] = include_bytes!("../assets/fonts/DroidSansFallbackFull.ttf");
