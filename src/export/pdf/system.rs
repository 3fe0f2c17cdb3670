//! Fonts installed on the system, for the characters no bundled font has.
//!
//! Nothing is scanned until a document has such a character: a document the
//! bundled fonts cover never touches the system's fonts, so it prints the
//! same on every machine. Then the platform's own fallback rules
//! (fontconfig, DirectWrite, CoreText, through fontique) name the families
//! for the character's script, and the first TrueType face among them that
//! has the character is used. CFF (`.otf`) faces are skipped: the export
//! subsets TrueType outlines only (`subset`).

use std::sync::Arc;

use fontique::{Collection, CollectionOptions, FallbackKey, QueryStatus, SourceCache};

use super::faces::{Bytes, MAX_SYSTEM, Program};

/// The system fonts one document uses, found on demand.
pub(super) struct SystemFonts {
    enabled: bool,
    /// Created at the first character the bundled fonts lack.
    collection: Option<(Collection, SourceCache)>,
    /// The faces used so far, by system face number, with the blob they
    /// came from (to use one face once).
    found: Vec<(u64, Program)>,
}

impl SystemFonts {
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            collection: None,
            found: Vec::new(),
        }
    }

    /// Whether the system's fonts have been scanned (for tests: they must
    /// not be when the bundled fonts cover everything).
    #[cfg(test)]
    pub fn scanned(&self) -> bool {
        self.collection.is_some()
    }

    /// The program of system face `n`.
    pub fn program(&self, n: usize) -> Option<&Program> {
        self.found.get(n).map(|(_, p)| p)
    }

    /// The number of a system face that has `ch`, adding one if needed;
    /// `None` when disabled, when no system font has it, or when the
    /// document already uses [`MAX_SYSTEM`] system faces.
    pub fn find(&mut self, ch: char) -> Option<usize> {
        if !self.enabled {
            return None;
        }
        let (collection, cache) = self.collection.get_or_insert_with(|| {
            (
                Collection::new(CollectionOptions {
                    shared: false,
                    system_fonts: true,
                }),
                SourceCache::default(),
            )
        });
        let script = unicode_script::UnicodeScript::script(&ch);
        let tag: [u8; 4] = script
            .short_name()
            .as_bytes()
            .try_into()
            .unwrap_or(*b"Zyyy");
        let mut query = collection.query(cache);
        query.set_families([fontique::GenericFamily::SansSerif]);
        query.set_fallbacks(FallbackKey::new(fontique::Script::from_bytes(tag), None));
        let mut hit = None;
        query.matches_with(|font| {
            let has = font
                .charmap()
                .and_then(|map| map.map(ch))
                .is_some_and(|gid| gid != 0);
            if has && is_truetype(font.blob.as_ref(), font.index) {
                hit = Some((font.blob.id(), font.blob.clone(), font.index));
                QueryStatus::Stop
            } else {
                QueryStatus::Continue
            }
        });
        let (id, blob, index) = hit?;
        if let Some(n) = self
            .found
            .iter()
            .position(|(seen, p)| *seen == id && p.index == index)
        {
            return Some(n);
        }
        if self.found.len() >= MAX_SYSTEM {
            return None;
        }
        let bytes = Bytes::System(Arc::from(blob.as_ref()));
        self.found.push((id, Program { bytes, index }));
        Some(self.found.len() - 1)
    }
}

/// Whether the face has TrueType outlines (a `glyf` table).
fn is_truetype(bytes: &[u8], index: u32) -> bool {
    harfrust::FontRef::from_index(bytes, index)
        .is_ok_and(|font| font.table_data(harfrust::Tag::new(b"glyf")).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_finds_nothing_and_scans_nothing() {
        let mut fonts = SystemFonts::new(false);
        assert_eq!(fonts.find('a'), None);
        assert!(!fonts.scanned());
        assert!(fonts.program(0).is_none());
    }

    #[test]
    fn the_bundled_fonts_are_truetype() {
        assert!(is_truetype(crate::fonts::DEJAVU_SANS, 0));
        assert!(!is_truetype(b"not a font", 0));
    }

    /// Explicit about the machine: only says something where a system font
    /// has a character the bundled ones lack (Georgian Mkhedruli is in
    /// DejaVu; Ethiopic is in neither DejaVu nor Droid).
    #[test]
    fn a_system_font_is_found_once_per_face_when_the_machine_has_one() {
        let mut fonts = SystemFonts::new(true);
        let Some(n) = fonts.find('ሀ') else {
            eprintln!("skipped: no system font has Ethiopic here");
            return;
        };
        assert!(fonts.scanned());
        assert_eq!(fonts.find('ለ'), Some(n));
        assert!(fonts.program(n).is_some_and(|p| p.bytes.len() > 1000));
    }
}
