//! The faces the PDF export draws with, and where their font programs come
//! from: the fonts Shipshape ships (`crate::fonts`), then, for characters
//! none of them has, fonts installed on the system (`system`).

use std::sync::Arc;

/// A face text is drawn with: one of the bundled ones, or the `n`th system
/// font the document needed. The number indexes per-face tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Face(u8);

/// How many system fonts one document may draw with; a character that
/// would need another is reported as missing.
pub(super) const MAX_SYSTEM: usize = 8;

impl Face {
    pub const REGULAR: Self = Self(0);
    pub const BOLD: Self = Self(1);
    pub const FALLBACK: Self = Self(2);
    pub const DEVANAGARI: Self = Self(3);
    pub const THAI: Self = Self(4);
    pub const HANGUL: Self = Self(5);
    /// Faces before the system ones.
    const BUNDLED: u8 = 6;
    /// Every face a document can have.
    pub const COUNT: usize = Self::BUNDLED as usize + MAX_SYSTEM;

    /// The `n`th system face, if there is room for it.
    pub fn system(n: usize) -> Option<Self> {
        (n < MAX_SYSTEM).then(|| Self(Self::BUNDLED + n as u8))
    }

    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The face numbered `index` (as [`Face::index`] gives).
    pub fn from_index(index: usize) -> Option<Self> {
        (index < Self::COUNT).then_some(Self(index as u8))
    }

    /// Faces in the order a character is looked up in for regular text
    /// (bold swaps the first two), before any system font.
    pub fn lookup_order(bold: bool) -> [Self; 6] {
        let (first, second) = if bold {
            (Self::BOLD, Self::REGULAR)
        } else {
            (Self::REGULAR, Self::BOLD)
        };
        [
            first,
            second,
            Self::FALLBACK,
            Self::DEVANAGARI,
            Self::THAI,
            Self::HANGUL,
        ]
    }

    /// The face made for `ch`'s script, asked first so that a Korean name
    /// does not make the export parse DejaVu and Droid Sans Fallback first.
    pub fn preferred(ch: char) -> Option<Self> {
        match ch as u32 {
            0x0900..=0x097F | 0xA8E0..=0xA8FF | 0x1CD0..=0x1CFF => Some(Self::DEVANAGARI),
            0x0E01..=0x0E5B => Some(Self::THAI),
            0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F => {
                Some(Self::HANGUL)
            }
            _ => None,
        }
    }

    /// The PDF resource name. Fixed, so that output is byte-identical; it is
    /// also the subset tag (`DJVSNR+DejaVuSans`), six capitals.
    pub fn resource_name(self) -> &'static str {
        const NAMES: [&str; Face::COUNT] = [
            "DJVSNR", "DJVSNB", "DROIDF", "NOTODV", "NOTOTH", "SHHANG", "SYSFNA", "SYSFNB",
            "SYSFNC", "SYSFND", "SYSFNE", "SYSFNF", "SYSFNG", "SYSFNH",
        ];
        NAMES[self.index()]
    }

    /// Where the face's glyphs come from: the core cut (if any), then the
    /// full font.
    pub fn sources(self) -> (Option<Source>, Source) {
        match self.0 {
            0 => (Some(Source::CoreRegular), Source::Regular),
            1 => (Some(Source::CoreBold), Source::Bold),
            2 => (None, Source::Fallback),
            3 => (None, Source::Devanagari),
            4 => (None, Source::Thai),
            5 => (None, Source::Hangul),
            n => (None, Source::System(n - Self::BUNDLED)),
        }
    }
}

/// A font program that can be parsed. [`Source::index`] numbers them for
/// per-source tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    CoreRegular,
    CoreBold,
    Regular,
    Bold,
    Fallback,
    Devanagari,
    Thai,
    Hangul,
    System(u8),
}

impl Source {
    /// Sources before the system ones.
    pub const BUNDLED: usize = 8;
    pub const COUNT: usize = Self::BUNDLED + MAX_SYSTEM;

    pub fn index(self) -> usize {
        match self {
            Self::CoreRegular => 0,
            Self::CoreBold => 1,
            Self::Regular => 2,
            Self::Bold => 3,
            Self::Fallback => 4,
            Self::Devanagari => 5,
            Self::Thai => 6,
            Self::Hangul => 7,
            Self::System(n) => Self::BUNDLED + usize::from(n),
        }
    }

    /// The bytes of a bundled font; `None` for a system font (which the
    /// caller holds).
    pub fn bundled_bytes(self) -> Option<&'static [u8]> {
        Some(match self {
            Self::CoreRegular => crate::fonts::DEJAVU_SANS_CORE,
            Self::CoreBold => crate::fonts::DEJAVU_SANS_BOLD_CORE,
            Self::Regular => crate::fonts::DEJAVU_SANS,
            Self::Bold => crate::fonts::DEJAVU_SANS_BOLD,
            Self::Fallback => crate::fonts::DROID_SANS_FALLBACK,
            Self::Devanagari => crate::fonts::NOTO_SANS_DEVANAGARI,
            Self::Thai => crate::fonts::NOTO_SANS_THAI,
            Self::Hangul => crate::fonts::SHIPSHAPE_HANGUL,
            Self::System(_) => return None,
        })
    }
}

/// A font program's bytes and its index in a collection file.
#[derive(Clone)]
pub(super) struct Program {
    pub bytes: Bytes,
    pub index: u32,
}

/// A bundled font's bytes, in the binary, or a system font's, read once
/// and shared.
#[derive(Clone)]
pub(super) enum Bytes {
    Bundled(&'static [u8]),
    System(Arc<[u8]>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Self::Bundled(bytes) => bytes,
            Self::System(bytes) => bytes,
        }
    }
}

impl Program {
    /// A bundled font's program; `None` for a system font.
    pub fn bundled(source: Source) -> Option<Self> {
        source.bundled_bytes().map(|bytes| Self {
            bytes: Bytes::Bundled(bytes),
            index: 0,
        })
    }
}

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Program({} bytes, #{})", self.bytes.len(), self.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_has_its_own_resource_name_and_index() {
        let mut names = std::collections::HashSet::new();
        for i in 0..Face::COUNT {
            let face = Face::from_index(i).unwrap();
            assert_eq!(face.index(), i);
            assert!(names.insert(face.resource_name()));
            assert_eq!(face.resource_name().len(), 6);
        }
        assert_eq!(Face::from_index(Face::COUNT), None);
        assert_eq!(Face::system(0), Face::from_index(6));
        assert_eq!(Face::system(MAX_SYSTEM), None);
        assert_eq!(
            Face::system(MAX_SYSTEM - 1).map(|f| f.sources().1),
            Some(Source::System(MAX_SYSTEM as u8 - 1))
        );
        let mut sources = std::collections::HashSet::new();
        for i in 0..Face::COUNT {
            let (core, full) = Face::from_index(i).unwrap().sources();
            for s in core.into_iter().chain([full]) {
                assert!(s.index() < Source::COUNT);
                assert!(sources.insert(s.index()), "{s:?}");
            }
        }
        assert_eq!(sources.len(), Source::COUNT);
    }

    #[test]
    fn scripts_with_a_face_of_their_own_ask_it_first() {
        assert_eq!(Face::preferred('क'), Some(Face::DEVANAGARI));
        assert_eq!(Face::preferred('ส'), Some(Face::THAI));
        assert_eq!(Face::preferred('김'), Some(Face::HANGUL));
        assert_eq!(Face::preferred('ㄱ'), Some(Face::HANGUL));
        assert_eq!(Face::preferred('a'), None);
        assert_eq!(Face::preferred('李'), None);
        assert_eq!(Face::lookup_order(true)[0], Face::BOLD);
        assert_eq!(Face::lookup_order(false)[..2], [Face::REGULAR, Face::BOLD]);
    }
}
