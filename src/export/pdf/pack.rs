//! The pages' content streams, finished (in the subsets' glyph indices)
//! and compressed by whichever of the render's two threads is free: the
//! second starts on them at once, the first joins in when the document
//! and its fonts are done. Either way the bytes are the same.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{PdfError, content};

/// The laid-out pages, each taken by one thread.
pub(super) struct Pages {
    pages: Vec<Mutex<Option<content::Page>>>,
    next: AtomicUsize,
}

/// Content streams packed by one thread: (page number, stream).
type Packed = Result<Vec<(usize, Vec<u8>)>, PdfError>;

impl Pages {
    pub(super) fn new(pages: Vec<content::Page>) -> Self {
        Self {
            pages: pages.into_iter().map(|p| Mutex::new(Some(p))).collect(),
            next: AtomicUsize::new(0),
        }
    }

    /// Packs the next page not taken until none is left; each page's
    /// drawing is freed once packed.
    pub(super) fn pack(&self, remap: &[Vec<u16>], deflater: &mut Deflater) -> Packed {
        let mut packed = Vec::new();
        loop {
            let n = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = self.pages.get(n) else {
                return Ok(packed);
            };
            let page = slot
                .lock()
                .map_err(|_| PdfError::Write("a page was left half packed".to_owned()))?
                .take();
            if let Some(page) = page {
                packed.push((n, page_content(page, remap, deflater)?));
            }
        }
    }

    /// The `count` streams the threads packed, in page order; the first
    /// error if a thread failed.
    pub(super) fn in_order(
        count: usize,
        shares: impl IntoIterator<Item = Packed>,
    ) -> Result<Vec<Vec<u8>>, PdfError> {
        let mut contents: Vec<Option<Vec<u8>>> = vec![None; count];
        for share in shares {
            for (n, stream) in share? {
                if let Some(slot) = contents.get_mut(n) {
                    *slot = Some(stream);
                }
            }
        }
        contents
            .into_iter()
            .enumerate()
            .map(|(n, c)| {
                c.ok_or_else(|| PdfError::Write(format!("page {} was not packed", n + 1)))
            })
            .collect()
    }
}

/// One page's content stream in the subsets' glyph indices (`remap`),
/// compressed here at level 3: lopdf would use 9, at 10,000 items several
/// times slower for a file 3% smaller. The page's drawing is freed first.
fn page_content(
    page: content::Page,
    remap: &[Vec<u16>],
    deflater: &mut Deflater,
) -> Result<Vec<u8>, PdfError> {
    let plain = page
        .finish(remap)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    drop(page);
    deflater.deflate(&plain)
}

/// A zlib compressor reused for stream after stream: setting one up costs
/// about as much as compressing a page of a small document.
pub(super) struct Deflater(flate2::Compress);

impl Deflater {
    /// A compressor at level 3 (see [`page_content`]).
    pub(super) fn new() -> Self {
        let level = 3;
        Self(flate2::Compress::new(flate2::Compression::new(level), true))
    }

    pub(super) fn deflate(&mut self, data: &[u8]) -> Result<Vec<u8>, PdfError> {
        self.0.reset();
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
        loop {
            let read = usize::try_from(self.0.total_in()).unwrap_or(data.len());
            let status = self
                .0
                .compress_vec(
                    data.get(read..).unwrap_or_default(),
                    &mut out,
                    flate2::FlushCompress::Finish,
                )
                .map_err(|e| PdfError::Write(e.to_string()))?;
            if status == flate2::Status::StreamEnd {
                return Ok(out);
            }
            out.reserve(out.capacity().max(1024));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::canvas::{Draw, ink};
    use crate::export::pdf::glyphs::{Face, Glyphs};

    /// `count` pages, page `n` a rectangle `n` points wide.
    fn pages(count: usize) -> Vec<content::Page> {
        let mut glyphs = Glyphs::new();
        (0..count)
            .map(|n| {
                let mut page = content::Page::new();
                let rect = Draw::Rect {
                    x: 0.0,
                    y: 0.0,
                    w: n as f32,
                    h: 1.0,
                    fill: Some(ink::TINT),
                    stroke: None,
                };
                page.draw(rect, 0.0, 842.0, &mut glyphs);
                page
            })
            .collect()
    }

    fn inflate(data: &[u8]) -> String {
        use std::io::Read as _;
        let mut out = String::new();
        flate2::read::ZlibDecoder::new(data)
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn two_threads_pack_every_page_once_and_the_streams_come_back_in_order() {
        let remap = vec![Vec::new(); Face::COUNT];
        let shared = Pages::new(pages(40));
        let (a, b) = std::thread::scope(|scope| {
            let other = scope.spawn(|| shared.pack(&remap, &mut Deflater::new()));
            let mine = shared.pack(&remap, &mut Deflater::new());
            (mine, other.join().unwrap())
        });
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.len() + b.len(), 40);
        let streams = Pages::in_order(40, [Ok(a), Ok(b)]).unwrap();
        let alone = Pages::new(pages(40)).pack(&remap, &mut Deflater::new());
        let alone: Vec<Vec<u8>> = alone.unwrap().into_iter().map(|(_, s)| s).collect();
        assert_eq!(streams, alone, "the same bytes whoever packs a page");
        for (n, stream) in streams.iter().enumerate() {
            let content = inflate(stream);
            assert!(
                content.contains(&format!(" {n} 1 re")),
                "page {n}: {content}"
            );
        }
        // Every page was taken: packing again finds none.
        assert!(
            shared
                .pack(&remap, &mut Deflater::new())
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_page_nobody_packed_or_a_failed_share_is_an_error() {
        let err = Pages::in_order(3, [Ok(vec![(0, vec![1]), (2, vec![3])])]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "could not write the PDF: page 2 was not packed"
        );
        let failed = Err(PdfError::Write("disk on fire".to_owned()));
        let err = Pages::in_order(1, [Ok(vec![(0, vec![1])]), failed]).unwrap_err();
        assert_eq!(err.to_string(), "could not write the PDF: disk on fire");
    }
}
