//! What the file says about itself: the document information (title,
//! author, subject, dates), the catalog's language and viewer preferences,
//! and for `--pdfa` the PDF/A-2b parts printpdf does not write right (it
//! knows PDF/A only by name: its output intent is PDF/X's CMYK one, and it
//! writes no XMP for PDF/A), so they are written here on its document.
//!
//! printpdf always writes an empty `GTS_PDFXVersion` (a PDF/X key) and
//! other empty keys into the document information; they are removed.

use chrono::NaiveDate;
use printpdf_lopdf::{Dictionary, Document, Object, Stream, StringFormat};

use super::PdfError;
use super::nav::text_string;

/// The document's language: every label Shipshape prints is English.
pub(super) const LANG: &str = "en";

/// An sRGB ICC profile (version 2, made by `assets/icc/make_srgb.py`):
/// the colours on the pages are DeviceRGB, which PDF/A asks to be tied to
/// a profile through the output intent.
const SRGB_ICC: &[u8] = include_bytes!("../../../assets/icc/srgb-v2.icc");

/// The document information, written both into /Info and, for PDF/A, into
/// the XMP metadata (which must agree).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Meta {
    pub title: String,
    /// Empty for none (the key is then left out).
    pub author: String,
    pub subject: String,
    pub keywords: String,
    /// Creation and modification date: the as-of date, so output is
    /// reproducible.
    pub date: NaiveDate,
}

/// Sets the document information, catalog entries and, with `pdfa`, the
/// PDF/A-2b metadata and output intent on printpdf's document `lo`.
pub(super) fn write(lo: &mut Document, meta: &Meta, pdfa: bool) -> Result<(), PdfError> {
    let err = |e: printpdf_lopdf::Error| PdfError::Write(e.to_string());
    // /Lang and the outline's UTF-16 titles are PDF 1.4; PDF/A-2 is based
    // on PDF 1.7.
    lo.version = "1.7".to_owned();
    let info_id = lo
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(err)?;
    let info = lo
        .get_object_mut(info_id)
        .and_then(Object::as_dict_mut)
        .map_err(err)?;
    *info = info_dict(meta);
    let metadata = pdfa.then(|| lo.add_object(xmp_stream(meta)));
    let intent = pdfa.then(|| output_intent(lo));
    let catalog = lo.catalog_mut().map_err(err)?;
    catalog.set("Lang", Object::string_literal(LANG));
    let mut prefs = Dictionary::new();
    // Viewers show the title, not the file name, in the window's title bar.
    prefs.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", prefs);
    if let Some(id) = metadata {
        catalog.set("Metadata", id);
    }
    if let Some(intent) = intent {
        catalog.set("OutputIntents", vec![intent]);
    }
    Ok(())
}

/// PDF date of `meta.date` at midnight UTC.
fn pdf_date(date: NaiveDate) -> String {
    format!("D:{}000000Z", date.format("%Y%m%d"))
}

/// The same instant for XMP.
fn xmp_date(date: NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

/// Title, author, subject, keywords, creator, producer and dates; empty
/// values are left out rather than written empty.
fn info_dict(meta: &Meta) -> Dictionary {
    let mut info = Dictionary::new();
    let texts = [
        ("Title", meta.title.as_str()),
        ("Author", meta.author.as_str()),
        ("Subject", meta.subject.as_str()),
        ("Keywords", meta.keywords.as_str()),
        ("Creator", CREATOR),
        ("Producer", PRODUCER),
    ];
    for (key, value) in texts {
        if !value.trim().is_empty() {
            info.set(key, text_string(value));
        }
    }
    let date = pdf_date(meta.date);
    info.set("CreationDate", Object::string_literal(date.clone()));
    info.set("ModDate", Object::string_literal(date));
    info
}

const CREATOR: &str = "Shipshape";
const PRODUCER: &str = "Shipshape (printpdf)";

/// The XMP metadata PDF/A requires: the same information as /Info, and the
/// claim of PDF/A-2b. Uncompressed, as PDF/A asks.
fn xmp_stream(meta: &Meta) -> Stream {
    let mut dict = Dictionary::new();
    dict.set("Type", "Metadata");
    dict.set("Subtype", "XML");
    let mut stream = Stream::new(dict, xmp(meta).into_bytes());
    stream.allows_compression = false;
    stream
}

fn xmp(meta: &Meta) -> String {
    let alt = |tag: &str, value: &str| {
        if value.trim().is_empty() {
            return String::new();
        }
        format!(
            "   <{tag}><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></{tag}>\n",
            xml_escape(value)
        )
    };
    let simple = |tag: &str, value: &str| {
        if value.trim().is_empty() {
            return String::new();
        }
        format!("   <{tag}>{}</{tag}>\n", xml_escape(value))
    };
    let author = if meta.author.trim().is_empty() {
        String::new()
    } else {
        format!(
            "   <dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            xml_escape(&meta.author)
        )
    };
    let date = xmp_date(meta.date);
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\"\n\
         \x20   xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n\
         \x20   xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n\
         \x20   xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n\
         \x20   xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n\
         \x20  <dc:format>application/pdf</dc:format>\n\
         {title}{author}{subject}\
         \x20  <dc:language><rdf:Bag><rdf:li>{LANG}</rdf:li></rdf:Bag></dc:language>\n\
         {keywords}\
         \x20  <pdf:Producer>{PRODUCER}</pdf:Producer>\n\
         \x20  <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>\n\
         \x20  <xmp:CreateDate>{date}</xmp:CreateDate>\n\
         \x20  <xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
         \x20  <xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
         \x20  <pdfaid:part>2</pdfaid:part>\n\
         \x20  <pdfaid:conformance>B</pdfaid:conformance>\n\
         </rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"w\"?>",
        title = alt("dc:title", &meta.title),
        subject = alt("dc:description", &meta.subject),
        keywords = simple("pdf:Keywords", &meta.keywords),
    )
}

/// Text as XML character data: markup escaped, and the characters XML 1.0
/// cannot hold at all (most control characters) left out.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// PDF/A's output intent: the pages' RGB is sRGB.
fn output_intent(lo: &mut Document) -> Object {
    let mut icc_dict = Dictionary::new();
    icc_dict.set("N", 3);
    let profile = lo.add_object(Stream::new(icc_dict, SRGB_ICC.to_vec()));
    let mut intent = Dictionary::new();
    intent.set("Type", "OutputIntent");
    intent.set("S", "GTS_PDFA1");
    let name = Object::String(b"sRGB IEC61966-2.1".to_vec(), StringFormat::Literal);
    intent.set("OutputConditionIdentifier", name.clone());
    intent.set("Info", name);
    intent.set("DestOutputProfile", profile);
    Object::Dictionary(intent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Meta {
        Meta {
            title: "Payments <API> & co".to_owned(),
            author: String::new(),
            subject: "Readiness report".to_owned(),
            keywords: String::new(),
            date: NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
        }
    }

    #[test]
    fn empty_values_are_left_out_of_the_information() {
        let info = info_dict(&meta());
        assert!(info.get(b"Author").is_err());
        assert!(info.get(b"Keywords").is_err());
        assert!(info.get(b"GTS_PDFXVersion").is_err());
        assert!(info.get(b"Title").is_ok());
        assert_eq!(
            info.get(b"CreationDate").unwrap().as_str().unwrap(),
            b"D:20260310000000Z"
        );
    }

    #[test]
    fn xmp_agrees_with_the_information_and_is_escaped() {
        let xmp = xmp(&meta());
        assert!(xmp.contains(">Payments &lt;API&gt; &amp; co<"), "{xmp}");
        assert!(xmp.contains("<xmp:CreateDate>2026-03-10T00:00:00Z<"));
        assert!(xmp.contains("<pdfaid:part>2<") && xmp.contains("<pdfaid:conformance>B<"));
        assert!(!xmp.contains("dc:creator"), "no author, no creator entry");
        assert_eq!(xml_escape("a\u{1}b\tc"), "ab\tc");
    }

    #[test]
    fn the_profile_is_an_rgb_display_profile() {
        // ICC header: size, 'mntr' class, 'RGB ' space, 'XYZ ' PCS, 'acsp'.
        let size = u32::from_be_bytes(SRGB_ICC[0..4].try_into().unwrap());
        assert_eq!(size as usize, SRGB_ICC.len());
        assert_eq!(&SRGB_ICC[12..16], b"mntr");
        assert_eq!(&SRGB_ICC[16..20], b"RGB ");
        assert_eq!(&SRGB_ICC[20..24], b"XYZ ");
        assert_eq!(&SRGB_ICC[36..40], b"acsp");
    }
}
