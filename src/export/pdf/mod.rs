//! The printable PDFs: the walkthrough checklist a team writes on in the
//! review meeting, and the status report sent to people without the app.
//!
//! [`render`] is a pure function from a workbook to PDF bytes. Layout, line
//! breaking and font fallback are done here (`canvas`, `linebreak`, `glyphs`) because
//! printpdf does none of them. printpdf builds the document's frame
//! (catalog, pages, information); the fonts are subset and embedded here
//! (`subset`, `embed`), and the page content streams written by
//! `content`, because printpdf's operations cost far more memory than the
//! content itself (see there). The output is byte-identical for the same
//! workbook, options and as-of date: no clock, no random IDs.

mod agenda;
mod beside;
mod canvas;
mod content;
mod embed;
mod faces;
mod glyphs;
mod item;
mod linebreak;
mod meta;
mod nav;
mod pack;
mod parts;
mod report;
mod shape;
mod signoff;
mod subset;
mod system;
mod walkthrough;
mod write;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use printpdf::{PdfDocument, PdfPage, Pt, Rect};

use crate::model::Workbook;

/// What to render and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfOptions {
    pub kind: PdfKind,
    pub paper: Paper,
    /// The date the verdict is computed for and printed as "as of".
    pub as_of: NaiveDate,
    /// Whether characters the bundled fonts lack are looked for in the
    /// fonts installed on this machine ([`system_fonts_allowed`]). Off, the
    /// output depends on nothing but the workbook and these options.
    pub system_fonts: bool,
    /// Adds what PDF/A-2b asks for (XMP metadata, an sRGB output intent);
    /// see the README's "Print" section for what is and is not checked.
    pub pdfa: bool,
}

/// Whether the export may use the system's fonts: yes, unless the
/// environment variable `SHIPSHAPE_SYSTEM_FONTS` is `0` (for output that
/// must not depend on the machine, such as tests).
pub fn system_fonts_allowed() -> bool {
    std::env::var_os("SHIPSHAPE_SYSTEM_FONTS").is_none_or(|v| v != "0")
}

/// Which document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum PdfKind {
    /// The checklist to print and write on in the walkthrough meeting.
    Walkthrough,
    /// The status report: the verdict first, then every item in full.
    #[default]
    Report,
}

/// Paper size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// Territories whose default paper is US Letter (as in glibc's `LC_PAPER`).
const LETTER_TERRITORIES: [&str; 15] = [
    "US", "CA", "MX", "PH", "PR", "CL", "CO", "VE", "CR", "GT", "PA", "SV", "NI", "DO", "BZ",
];

impl Paper {
    pub const ALL: [Self; 2] = [Self::A4, Self::Letter];

    /// Width and height in PDF points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            // 210 × 297 mm at 72/25.4 points per mm.
            Self::A4 => (595.2756, 841.8898),
            Self::Letter => (612.0, 792.0),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::A4 => "a4",
            Self::Letter => "letter",
        }
    }

    /// The paper the user's locale prints on: Letter for the Americas'
    /// Letter countries and the Philippines, A4 everywhere else and when
    /// the locale says nothing.
    pub fn from_locale() -> Self {
        let var = |name: &str| std::env::var(name).ok();
        Self::from_locale_vars(var("LC_ALL"), var("LC_PAPER"), var("LANG"))
    }

    /// [`Paper::from_locale`] for given values of `LC_ALL`, `LC_PAPER` and
    /// `LANG`; the first one set and non-empty decides, as in POSIX.
    pub fn from_locale_vars(
        lc_all: Option<String>,
        lc_paper: Option<String>,
        lang: Option<String>,
    ) -> Self {
        let locale = [lc_all, lc_paper, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.trim().is_empty());
        let Some(locale) = locale else {
            return Self::A4;
        };
        // language[_TERRITORY][.codeset][@modifier]
        let base = locale.split(['.', '@']).next().unwrap_or("");
        let territory = base
            .split_once(['_', '-'])
            .map(|(_, t)| t.to_ascii_uppercase());
        match territory {
            Some(t) if LETTER_TERRITORIES.contains(&t.as_str()) => Self::Letter,
            _ => Self::A4,
        }
    }
}

impl fmt::Display for Paper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Paper {
    type Err = ParseOptionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Self::A4),
            "letter" | "us-letter" | "usletter" => Ok(Self::Letter),
            _ => Err(ParseOptionError {
                what: "paper",
                value: s.to_owned(),
                expected: "a4, letter",
            }),
        }
    }
}

impl PdfKind {
    pub const ALL: [Self; 2] = [Self::Walkthrough, Self::Report];

    pub fn name(self) -> &'static str {
        match self {
            Self::Walkthrough => "walkthrough",
            Self::Report => "report",
        }
    }

    /// The title printed in the page header.
    pub fn title(self) -> &'static str {
        match self {
            Self::Walkthrough => "Walkthrough checklist",
            Self::Report => "Readiness report",
        }
    }
}

impl fmt::Display for PdfKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for PdfKind {
    type Err = ParseOptionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "walkthrough" | "checklist" => Ok(Self::Walkthrough),
            "report" | "status" => Ok(Self::Report),
            _ => Err(ParseOptionError {
                what: "PDF kind",
                value: s.to_owned(),
                expected: "walkthrough, report",
            }),
        }
    }
}

/// An unknown paper or kind name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?} (expected one of: {expected})")]
pub struct ParseOptionError {
    what: &'static str,
    value: String,
    expected: &'static str,
}

/// A rendered PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// Characters no font has, one entry per field. Each is printed as a
    /// replacement mark (U+FFFD) so that the gap is visible on paper.
    pub missing_glyphs: Vec<MissingGlyph>,
}

/// The characters of one field that no font covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    /// Each character once, in the order they occur.
    pub characters: Vec<char>,
    /// Human-readable place, e.g. `item reliability.slos (owner)`.
    pub location: String,
}

impl MissingGlyph {
    /// The characters and their code points: `"ሀ" (U+1200), "ለ" (U+1208)`.
    pub fn characters_text(&self) -> String {
        self.characters
            .iter()
            .map(|c| format!("{:?} (U+{:04X})", c.to_string(), *c as u32))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for MissingGlyph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, it) = if self.characters.len() == 1 {
            ("has", "it is")
        } else {
            ("has any of", "each is")
        };
        write!(
            f,
            "no font {what} {} in {}; {it} printed as \u{FFFD}",
            self.characters_text(),
            self.location
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded font {0} could not be read")]
    Font(&'static str),
    #[error("the font {face} could not be embedded: {why}")]
    Subset {
        face: &'static str,
        why: subset::SubsetError,
    },
    #[error("could not write the PDF: {0}")]
    Write(String),
}

/// Renders `workbook` as the PDF `options` describe.
///
/// Layout first (pages of drawing, and the glyphs they use); then printpdf
/// builds the document around empty pages, and `write::write_file` puts
/// the subset fonts and the real page contents in, the contents in the
/// subsets' glyph numbers.
pub fn render(workbook: &Workbook, options: &PdfOptions) -> Result<Rendered, PdfError> {
    render_with(workbook, options, &report::Reviews::of(workbook))
}

/// [`render`] with the report's record of the reviews given.
///
/// The content hash printed in the footer (the workbook written out and
/// hashed) is computed beside the layout, which needs it only at the end,
/// and so are the two compressors [`write::write_file`] uses.
fn render_with(
    workbook: &Workbook,
    options: &PdfOptions,
    reviews: &report::Reviews,
) -> Result<Rendered, PdfError> {
    let (
        LaidOut {
            pages,
            mut glyphs,
            nav,
            hash,
        },
        made,
    ) = std::thread::scope(|scope| {
        let beside = beside::Beside::start(scope, || {
            let hash = crate::storage::content_hash(workbook);
            let deflaters = (pack::Deflater::new(), pack::Deflater::new());
            (hash, deflaters)
        });
        lay_out(workbook, options, reviews, || beside.join())
    })?;
    let deflaters = made;
    let meta = document_meta(workbook, options, &hash);
    let mut pdf = PdfDocument::new(&meta.title);
    let embedded = glyphs.embed()?;
    let missing_glyphs = glyphs.take_missing();
    pdf.pages = placeholder_pages(options.paper, pages.len());
    let extras = Extras {
        nav,
        meta,
        pdfa: options.pdfa,
        page_h: options.paper.size_pt().1,
    };
    let bytes = write::write_file(
        pdf,
        pages,
        embedded,
        &file_id(&hash, options),
        &extras,
        deflaters,
    )?;
    Ok(Rendered {
        bytes,
        missing_glyphs,
    })
}

/// The document's pages as drawing, with header and footer, the glyphs
/// they use, their outline and links, and the content hash in the footer.
struct LaidOut {
    pages: Vec<content::Page>,
    glyphs: glyphs::Glyphs,
    nav: nav::Nav,
    hash: String,
}

/// Lays the document out; `hash` gives the content hash (and whatever was
/// made with it) when the footer needs it.
fn lay_out<T>(
    workbook: &Workbook,
    options: &PdfOptions,
    reviews: &report::Reviews,
    hash: impl FnOnce() -> (String, T),
) -> Result<(LaidOut, T), PdfError> {
    let glyphs = glyphs::Glyphs::with_system_fonts(options.system_fonts);
    glyphs.check_primary()?;
    let mut doc = canvas::Doc::new(options.paper, glyphs);
    match options.kind {
        PdfKind::Walkthrough => walkthrough::layout(&mut doc, workbook, options.as_of),
        PdfKind::Report => report::layout(&mut doc, workbook, options.as_of, reviews),
    }
    let (hash, made) = hash();
    let footer = format!("As of {} · content {hash}", options.as_of);
    let (pages, glyphs, nav) = doc.finish(&workbook.project, options.kind.title(), &footer);
    let laid_out = LaidOut {
        pages,
        glyphs,
        nav,
        hash,
    };
    Ok((laid_out, made))
}

/// The document information: what it is, about what, by whom.
fn document_meta(workbook: &Workbook, options: &PdfOptions, hash: &str) -> meta::Meta {
    let people: Vec<&str> = workbook
        .people
        .iter()
        .map(|p| p.name.trim())
        .filter(|n| !n.is_empty())
        .collect();
    meta::Meta {
        title: format!("{} — {}", workbook.project.trim(), options.kind.title()),
        author: people.join(", "),
        subject: format!(
            "{} of {} as of {}, content {hash}",
            options.kind.title(),
            workbook.project.trim(),
            options.as_of
        ),
        keywords: "production readiness, launch review, Shipshape".to_owned(),
        date: options.as_of,
    }
}

/// What is added to printpdf's document besides the page contents.
struct Extras {
    nav: nav::Nav,
    meta: meta::Meta,
    pdfa: bool,
    page_h: f32,
}

/// `count` empty pages of `paper`'s size for printpdf to write, until
/// [`write::write_file`] puts their contents in.
fn placeholder_pages(paper: Paper, count: usize) -> Vec<PdfPage> {
    let (width, height) = paper.size_pt();
    let size = Rect::from_wh(Pt(width), Pt(height));
    (0..count)
        .map(|_| PdfPage {
            media_box: size.clone(),
            trim_box: size.clone(),
            crop_box: size.clone(),
            ops: Vec::new(),
        })
        .collect()
}

/// 32 hex digits identifying this rendering of this content.
fn file_id(content_hash: &str, options: &PdfOptions) -> String {
    use sha2::{Digest, Sha256};
    let key = format!(
        "{content_hash}/{}/{}/{}{}",
        options.kind,
        options.paper,
        options.as_of,
        if options.pdfa { "/pdfa" } else { "" }
    );
    Sha256::digest(key.as_bytes())
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    #[test]
    fn paper_follows_the_locale() {
        assert_eq!(
            Paper::from_locale_vars(None, None, s("en_US.UTF-8")),
            Paper::Letter
        );
        assert_eq!(
            Paper::from_locale_vars(None, None, s("fr_CA.UTF-8")),
            Paper::Letter
        );
        assert_eq!(
            Paper::from_locale_vars(None, None, s("es_MX")),
            Paper::Letter
        );
        assert_eq!(
            Paper::from_locale_vars(None, None, s("en_GB.UTF-8")),
            Paper::A4
        );
        assert_eq!(Paper::from_locale_vars(None, None, s("C.UTF-8")), Paper::A4);
        assert_eq!(Paper::from_locale_vars(None, None, None), Paper::A4);
        // LC_PAPER beats LANG; LC_ALL beats both; empty values do not count.
        assert_eq!(
            Paper::from_locale_vars(None, s("de_DE.UTF-8"), s("en_US.UTF-8")),
            Paper::A4
        );
        assert_eq!(
            Paper::from_locale_vars(s("en_PH"), s("de_DE"), None),
            Paper::Letter
        );
        assert_eq!(
            Paper::from_locale_vars(s(""), None, s("en_US")),
            Paper::Letter
        );
    }

    #[test]
    fn names_parse_back() {
        for p in Paper::ALL {
            assert_eq!(p.name().parse::<Paper>(), Ok(p));
        }
        for k in PdfKind::ALL {
            assert_eq!(k.name().parse::<PdfKind>(), Ok(k));
        }
        assert_eq!("Letter".parse::<Paper>(), Ok(Paper::Letter));
        let err = "legal".parse::<Paper>().unwrap_err().to_string();
        assert_eq!(err, "unknown paper \"legal\" (expected one of: a4, letter)");
    }
}
