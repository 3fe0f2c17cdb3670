//! The file: printpdf's document as lopdf objects with the fonts and the
//! real page contents put in and every stream compressed.

use printpdf::{PdfDocument, PdfSaveOptions};

use super::beside::Beside;
use super::embed::FontFile;
use super::pack::{Deflater, Pages};
use super::{Extras, PdfError, content, glyphs, meta};

/// printpdf's document with the fonts of `embedded` added, the placeholder
/// page contents replaced by `pages`, the trailer ID set to `file_id`, and
/// every stream compressed, with one of `deflaters` on each thread.
///
/// The pages are finished and compressed on a second thread while this one
/// has printpdf build the document, and subsets and compresses the fonts;
/// then this one takes its share of the pages left.
pub(super) fn write_file(
    pdf: PdfDocument,
    pages: Vec<content::Page>,
    mut embedded: Vec<glyphs::Embedded>,
    file_id: &str,
    extras: &Extras,
    deflaters: (Deflater, Deflater),
) -> Result<Vec<u8>, PdfError> {
    let mut remap: Vec<Vec<u16>> = vec![Vec::new(); glyphs::Face::COUNT];
    for e in &mut embedded {
        remap[e.face.index()] = std::mem::take(&mut e.remap);
    }
    let page_count = pages.len();
    let pages = Pages::new(pages);
    let (mut for_pages, mut for_rest) = deflaters;
    std::thread::scope(|scope| {
        let (remap, pages) = (&remap, &pages);
        let packed = Beside::start(scope, move || pages.pack(remap, &mut for_pages));
        let mut lo = printpdf_document(pdf);
        let page_ids: Vec<_> = lo.get_pages().into_values().collect();
        if page_ids.len() != page_count {
            return Err(PdfError::Write(format!(
                "{page_count} pages laid out but {} written",
                page_ids.len()
            )));
        }
        let mut content_ids = Vec::with_capacity(page_count);
        for &page_id in &page_ids {
            let Some(&content_id) = lo.get_page_contents(page_id).first() else {
                return Err(PdfError::Write("a page has no content stream".to_owned()));
            };
            content_ids.push(content_id);
        }
        add_fonts(&mut lo, page_ids.first().copied(), &embedded, &mut for_rest)?;
        extras.nav.write(&mut lo, &page_ids, extras.page_h)?;
        meta::write(&mut lo, &extras.meta, extras.pdfa)?;
        set_file_id(&mut lo, file_id);
        compress_the_rest(&mut lo, &content_ids, &mut for_rest)?;
        let mine = pages.pack(remap, &mut for_rest);
        let contents = Pages::in_order(page_count, [mine, packed.join()])?;
        let mut content_bytes = 0;
        for (content, content_id) in contents.into_iter().zip(content_ids) {
            let stream = lo
                .get_object_mut(content_id)
                .and_then(|o| o.as_stream_mut())
                .map_err(|e| PdfError::Write(e.to_string()))?;
            stream.dict.set("Filter", "FlateDecode");
            content_bytes += content.len();
            stream.set_content(content);
        }
        // Sized up front: growing a 10 MiB Vec by doubling briefly needs three
        // times that.
        let mut bytes = Vec::with_capacity(content_bytes + 256 * page_count + (1 << 20));
        lo.save_to(&mut bytes)
            .map_err(|e| PdfError::Write(e.to_string()))?;
        Ok(bytes)
    })
}

/// Subsets the `embedded` faces and adds them to the font resources the
/// pages share (printpdf writes one dictionary for all, `first_page`'s).
fn add_fonts(
    lo: &mut printpdf_lopdf::Document,
    first_page: Option<printpdf_lopdf::ObjectId>,
    embedded: &[glyphs::Embedded],
    deflater: &mut Deflater,
) -> Result<(), PdfError> {
    let Some(page) = first_page else {
        return Ok(());
    };
    let fonts = lo
        .get_dictionary(page)
        .and_then(|page| page.get(b"Resources"))
        .and_then(|r| lo.dereference(r))
        .and_then(|(_, r)| r.as_dict())
        .and_then(|r| r.get(b"Font"))
        .and_then(|f| f.as_reference())
        .map_err(|e| PdfError::Write(format!("the pages share no font resources: {e}")))?;
    for face in embedded {
        let file = FontFile::make(face, deflater)?;
        let resource = file.resource;
        let id = file.write(lo);
        lo.get_dictionary_mut(fonts)
            .map_err(|e| PdfError::Write(e.to_string()))?
            .set(resource, printpdf_lopdf::Object::Reference(id));
    }
    Ok(())
}

/// Compresses the streams left plain (PDF/A's colour profile; lopdf would
/// compress them at level 9 with a new compressor per stream), except the
/// page contents `skip`, which are replaced. The fonts come compressed and
/// the XMP metadata stays readable as it is.
fn compress_the_rest(
    lo: &mut printpdf_lopdf::Document,
    skip: &[printpdf_lopdf::ObjectId],
    deflater: &mut Deflater,
) -> Result<(), PdfError> {
    for (id, object) in lo.objects.iter_mut() {
        if skip.contains(id) {
            continue;
        }
        if let Ok(stream) = object.as_stream_mut()
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let packed = deflater.deflate(&stream.content)?;
            if packed.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(packed);
            }
        }
    }
    Ok(())
}

/// printpdf's document as lopdf objects.
fn printpdf_document(pdf: PdfDocument) -> printpdf_lopdf::Document {
    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    pdf.to_lopdf_document(&save, &mut warnings)
}

/// printpdf fills the trailer /ID with process-global pseudo-random
/// strings; derive it from the content instead (it only has to identify
/// the file).
fn set_file_id(lo: &mut printpdf_lopdf::Document, file_id: &str) {
    if let Ok(ids) = lo.trailer.get_mut(b"ID").and_then(|o| o.as_array_mut()) {
        for id in ids.iter_mut() {
            if let Ok(bytes) = id.as_str_mut() {
                *bytes = file_id.as_bytes().to_vec();
            }
        }
    }
}
