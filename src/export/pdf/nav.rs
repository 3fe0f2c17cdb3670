//! The document's navigation: the outline (bookmarks), links to web
//! addresses, and links from the agenda to the items it lists. Rows carry
//! [`Mark`]s; [`Nav`] collects them with their page and position as rows
//! are placed, and [`Nav::write`] adds them to the file once its pages
//! exist (printpdf's own bookmarks are one flat list sorted by name within
//! a page, so the outline is written here).

use std::collections::HashMap;

use printpdf_lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::PdfError;
use super::canvas::Style;

/// A rectangle on a row or a page, top-down from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Area {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// What a row says about the document besides its drawing; positions are
/// relative to the row's top.
#[derive(Debug, Clone)]
pub(super) enum Mark {
    /// An outline entry pointing at the row's top, nested under the last
    /// entry of a lower level.
    Outline { level: u8, title: String },
    /// A link to a web address over `area`.
    Uri { area: Area, uri: String },
    /// Where the internal link `key` leads: the row's top.
    Target(usize),
    /// A link to target `key` over `area`, and the target's page number
    /// ("p. 7") printed right-aligned to `right` with its top at `top`.
    PageRef {
        key: usize,
        area: Area,
        right: f32,
        top: f32,
        style: Style,
    },
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq)]
enum To {
    Uri(String),
    Target(usize),
}

#[derive(Debug, Clone, PartialEq)]
struct OutlineEntry {
    level: u8,
    title: String,
    page: usize,
    y: f32,
}

#[derive(Debug, Clone, PartialEq)]
struct Link {
    page: usize,
    area: Area,
    to: To,
}

/// A page number to print once every target's page is known.
#[derive(Debug, Clone, Copy)]
pub(super) struct PageRef {
    pub page: usize,
    pub key: usize,
    pub right: f32,
    pub top: f32,
    pub style: Style,
}

/// The marks of placed rows, with their pages (0-based) and positions on
/// the page (top-down).
#[derive(Debug, Default)]
pub(super) struct Nav {
    outline: Vec<OutlineEntry>,
    links: Vec<Link>,
    targets: HashMap<usize, (usize, f32)>,
    refs: Vec<PageRef>,
}

impl Nav {
    /// Records `mark` of a row placed on `page` with its top at `dy`.
    pub fn place(&mut self, mark: Mark, page: usize, dy: f32) {
        let on_page = |a: Area| Area { y: a.y + dy, ..a };
        match mark {
            Mark::Outline { level, title } => self.outline.push(OutlineEntry {
                level,
                title,
                page,
                y: dy,
            }),
            Mark::Uri { area, uri } => self.links.push(Link {
                page,
                area: on_page(area),
                to: To::Uri(uri),
            }),
            Mark::Target(key) => {
                self.targets.entry(key).or_insert((page, dy));
            }
            Mark::PageRef {
                key,
                area,
                right,
                top,
                style,
            } => {
                self.links.push(Link {
                    page,
                    area: on_page(area),
                    to: To::Target(key),
                });
                self.refs.push(PageRef {
                    page,
                    key,
                    right,
                    top: top + dy,
                    style,
                });
            }
        }
    }

    /// The page (0-based) target `key` is on.
    pub fn page_of(&self, key: usize) -> Option<usize> {
        self.targets.get(&key).map(|&(page, _)| page)
    }

    /// The page numbers to print on `page`.
    pub fn refs_on(&self, page: usize) -> impl Iterator<Item = PageRef> + '_ {
        self.refs.iter().copied().filter(move |r| r.page == page)
    }

    /// Adds the links to their pages and the outline to the catalog of
    /// `lo`, whose pages are `page_ids` (in order), each `page_h` high.
    pub fn write(
        &self,
        lo: &mut Document,
        page_ids: &[ObjectId],
        page_h: f32,
    ) -> Result<(), PdfError> {
        let dest = |page: usize, y: f32| -> Option<Object> {
            let id = *page_ids.get(page)?;
            Some(Object::Array(vec![
                Object::Reference(id),
                "XYZ".into(),
                Object::Null,
                Object::Real(page_h - y + 4.0),
                Object::Null,
            ]))
        };
        let mut annots: Vec<Vec<Object>> = vec![Vec::new(); page_ids.len()];
        for link in &self.links {
            let target = match &link.to {
                To::Uri(uri) => Some(uri_action(uri)),
                To::Target(key) => self.targets.get(key).and_then(|&(p, y)| dest(p, y)),
            };
            let (Some(target), Some(list)) = (target, annots.get_mut(link.page)) else {
                continue;
            };
            let a = link.area;
            let mut dict = Dictionary::new();
            dict.set("Type", "Annot");
            dict.set("Subtype", "Link");
            let rect = [a.x, page_h - a.y - a.h, a.x + a.w, page_h - a.y];
            dict.set("Rect", rect.map(Object::Real).to_vec());
            dict.set("Border", vec![0.into(), 0.into(), 0.into()]);
            // Printed (PDF/A requires the flag on every annotation).
            dict.set("F", 4);
            match target {
                Object::Dictionary(action) => dict.set("A", action),
                dest => dict.set("Dest", dest),
            }
            list.push(Object::Reference(lo.add_object(dict)));
        }
        for (&page_id, list) in page_ids.iter().zip(annots) {
            let page = lo
                .get_object_mut(page_id)
                .and_then(Object::as_dict_mut)
                .map_err(|e| PdfError::Write(e.to_string()))?;
            if list.is_empty() {
                page.remove(b"Annots");
            } else {
                page.set("Annots", list);
            }
        }
        self.write_outline(lo, &dest)
    }

    /// The outline as a tree: each entry under the last one before it of a
    /// lower level. Top-level entries are open, the rest closed, so a
    /// category with a thousand red items does not flood the panel.
    fn write_outline(
        &self,
        lo: &mut Document,
        dest: &dyn Fn(usize, f32) -> Option<Object>,
    ) -> Result<(), PdfError> {
        let n = self.outline.len();
        if n == 0 {
            return Ok(());
        }
        let parents = outline_parents(&self.outline.iter().map(|e| e.level).collect::<Vec<_>>());
        let root = lo.new_object_id();
        let ids: Vec<ObjectId> = (0..n).map(|_| lo.new_object_id()).collect();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut top = Vec::new();
        for (i, parent) in parents.iter().enumerate() {
            match parent {
                Some(p) => children[*p].push(i),
                None => top.push(i),
            }
        }
        let open = |i: usize| parents[i].is_none();
        // What an entry shows when open: only top-level entries are open, so
        // its children and nothing below them.
        let shown: Vec<i64> = children
            .iter()
            .map(|c| i64::try_from(c.len()).unwrap_or(i64::MAX))
            .collect();
        let link_siblings = |dict: &mut Dictionary, list: &[usize], k: usize| {
            if k > 0 {
                dict.set("Prev", ids[list[k - 1]]);
            }
            if let Some(&next) = list.get(k + 1) {
                dict.set("Next", ids[next]);
            }
        };
        let siblings_of = |i: usize| match parents[i] {
            Some(p) => &children[p],
            None => &top,
        };
        for (i, entry) in self.outline.iter().enumerate() {
            let mut dict = Dictionary::new();
            dict.set("Title", text_string(&entry.title));
            dict.set("Parent", parents[i].map_or(root, |p| ids[p]));
            if let Some(d) = dest(entry.page, entry.y) {
                dict.set("Dest", d);
            }
            let list = siblings_of(i);
            let k = list.iter().position(|&s| s == i).unwrap_or(0);
            link_siblings(&mut dict, list, k);
            if let (Some(&first), Some(&last)) = (children[i].first(), children[i].last()) {
                dict.set("First", ids[first]);
                dict.set("Last", ids[last]);
                dict.set("Count", if open(i) { shown[i] } else { -shown[i] });
            }
            lo.objects.insert(ids[i], Object::Dictionary(dict));
        }
        let mut outlines = Dictionary::new();
        outlines.set("Type", "Outlines");
        if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
            outlines.set("First", ids[first]);
            outlines.set("Last", ids[last]);
        }
        let visible: i64 = top.iter().map(|&t| 1 + shown[t]).sum();
        outlines.set("Count", visible);
        lo.objects.insert(root, Object::Dictionary(outlines));
        let catalog = lo
            .catalog_mut()
            .map_err(|e| PdfError::Write(e.to_string()))?;
        catalog.set("Outlines", root);
        catalog.set("PageMode", "UseOutlines");
        Ok(())
    }
}

/// Each entry's parent: the last entry before it of a lower level.
fn outline_parents(levels: &[u8]) -> Vec<Option<usize>> {
    let mut stack: Vec<usize> = Vec::new();
    let mut parents = Vec::with_capacity(levels.len());
    for (i, &level) in levels.iter().enumerate() {
        while stack.last().is_some_and(|&s| levels[s] >= level) {
            stack.pop();
        }
        parents.push(stack.last().copied());
        stack.push(i);
    }
    parents
}

/// A PDF text string: UTF-16BE with a byte-order mark, so any script.
pub(super) fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// A URI action. URIs in PDF are 7-bit ASCII: other bytes and spaces are
/// percent-encoded.
fn uri_action(uri: &str) -> Object {
    let mut ascii = String::with_capacity(uri.len());
    for byte in uri.trim().bytes() {
        if byte.is_ascii_graphic() {
            ascii.push(char::from(byte));
        } else {
            ascii.push_str(&format!("%{byte:02X}"));
        }
    }
    let mut action = Dictionary::new();
    action.set("S", "URI");
    action.set("URI", Object::string_literal(ascii));
    Object::Dictionary(action)
}

/// Whether `text` is an address a viewer can open: a web, mail or FTP URL.
/// Anything else (a path, "see the wiki") is printed without a link.
pub(super) fn is_linkable(text: &str) -> bool {
    let t = text.trim();
    let lower = t.get(..8).unwrap_or(t).to_ascii_lowercase();
    let has_rest = |scheme: &str| t.len() > scheme.len() && !t.contains(char::is_whitespace);
    ["https://", "http://", "mailto:", "ftp://"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && has_rest(scheme))
}

#[cfg(test)]
mod tests;
