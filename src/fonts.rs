//! The fonts Shipshape ships (see `assets/fonts/README.md`), shared by the
//! GUI and the PDF export so both print every script users type.

/// DejaVu Sans: Latin, Greek, Cyrillic and most symbols.
pub const DEJAVU_SANS: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, for headings.
pub const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
/// Droid Sans Fallback: CJK and other scripts DejaVu lacks.
pub const DROID_SANS_FALLBACK: &[u8] = include_bytes!("../assets/fonts/DroidSansFallbackFull.ttf");

/// Noto Sans Devanagari: Hindi, Marathi, Nepali…
pub const NOTO_SANS_DEVANAGARI: &[u8] =
    include_bytes!("../assets/fonts/NotoSansDevanagari-Regular.ttf");
/// Noto Sans Thai.
pub const NOTO_SANS_THAI: &[u8] = include_bytes!("../assets/fonts/NotoSansThai-Regular.ttf");
/// Shipshape Hangul: NanumGothic's Hangul syllables and jamo (Korean), see
/// `assets/fonts/make_hangul.sh`.
pub const SHIPSHAPE_HANGUL: &[u8] = include_bytes!("../assets/fonts/ShipshapeHangul.ttf");

/// [`DEJAVU_SANS`] cut down to Latin, Greek, Cyrillic and common symbols
/// (`assets/fonts/make_core.sh`), without hinting or layout tables: the
/// same outlines and advances, a quarter of the size, so that the PDF
/// export parses and subsets far less when a document needs nothing else.
pub const DEJAVU_SANS_CORE: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Core.ttf");
/// [`DEJAVU_SANS_BOLD`] cut down like [`DEJAVU_SANS_CORE`].
pub const DEJAVU_SANS_BOLD_CORE: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold-Core.ttf");
