use super::*;
use crate::export::pdf::canvas::SMALL;

#[test]
fn marks_are_placed_where_their_row_is() {
    let mut nav = Nav::default();
    let area = Area {
        x: 10.0,
        y: 2.0,
        w: 30.0,
        h: 12.0,
    };
    let uri = "https://a.example".to_owned();
    nav.place(
        Mark::Uri {
            area,
            uri: uri.clone(),
        },
        1,
        100.0,
    );
    nav.place(Mark::Target(7), 2, 50.0);
    nav.place(Mark::Target(7), 3, 60.0);
    let page_ref = Mark::PageRef {
        key: 7,
        area,
        right: 500.0,
        top: 3.0,
        style: SMALL,
    };
    nav.place(page_ref, 0, 200.0);
    let title = "T".to_owned();
    nav.place(
        Mark::Outline {
            level: 1,
            title: title.clone(),
        },
        4,
        70.0,
    );
    let moved = |y| Area { y, ..area };
    assert_eq!(
        nav.links,
        [
            Link {
                page: 1,
                area: moved(102.0),
                to: To::Uri(uri)
            },
            Link {
                page: 0,
                area: moved(202.0),
                to: To::Target(7)
            },
        ]
    );
    assert_eq!(nav.page_of(7), Some(2), "the first target counts");
    assert_eq!(nav.page_of(8), None);
    let refs: Vec<PageRef> = nav.refs_on(0).collect();
    assert_eq!((refs.len(), refs[0].top, refs[0].right), (1, 203.0, 500.0));
    assert_eq!(nav.refs_on(1).count(), 0);
    assert_eq!(
        nav.outline,
        [OutlineEntry {
            level: 1,
            title,
            page: 4,
            y: 70.0
        }]
    );
}

/// A document of `n` empty pages with a catalog, as printpdf leaves it.
fn document(n: usize) -> (Document, Vec<ObjectId>) {
    let mut lo = Document::with_version("1.7");
    let pages: Vec<ObjectId> = (0..n)
        .map(|_| {
            let mut page = Dictionary::new();
            page.set("Type", "Page");
            page.set("Annots", Vec::<Object>::new());
            lo.add_object(page)
        })
        .collect();
    let mut catalog = Dictionary::new();
    catalog.set("Type", "Catalog");
    let root = lo.add_object(catalog);
    lo.trailer.set("Root", root);
    (lo, pages)
}

fn dict(lo: &Document, id: ObjectId) -> &Dictionary {
    lo.get_object(id).unwrap().as_dict().unwrap()
}

fn int(d: &Dictionary, key: &[u8]) -> i64 {
    d.get(key).unwrap().as_i64().unwrap()
}

#[test]
fn the_outline_counts_what_shows_open_and_closed_entries_hidden() {
    let mut nav = Nav::default();
    // A (0) > a1 (1) > x (2); A > a2 (1); B (0).
    for (level, title, page) in [
        (0, "A", 0),
        (1, "a1", 0),
        (2, "x", 1),
        (1, "a2", 1),
        (0, "B", 1),
    ] {
        nav.place(
            Mark::Outline {
                level,
                title: title.into(),
            },
            page,
            10.0,
        );
    }
    let (mut lo, pages) = document(2);
    nav.write(&mut lo, &pages, 800.0).unwrap();
    let root = lo
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .unwrap()
        .as_reference()
        .unwrap();
    let root = dict(&lo, root);
    // A, a1, a2, B show; x is under the closed a1.
    assert_eq!(int(root, b"Count"), 4);
    let a = dict(&lo, root.get(b"First").unwrap().as_reference().unwrap());
    assert_eq!(int(a, b"Count"), 2, "A is open: a1 and a2");
    let a1 = dict(&lo, a.get(b"First").unwrap().as_reference().unwrap());
    assert_eq!(int(a1, b"Count"), -1, "a1 is closed over x");
    assert!(a1.get(b"Prev").is_err());
    let a2 = dict(&lo, a1.get(b"Next").unwrap().as_reference().unwrap());
    assert!(a2.get(b"Count").is_err(), "no children, no count");
    assert_eq!(a.get(b"Last").unwrap(), a1.get(b"Next").unwrap());
    let b = dict(&lo, a.get(b"Next").unwrap().as_reference().unwrap());
    assert_eq!(b.get(b"Prev").unwrap(), root.get(b"First").unwrap());
    let dest = b.get(b"Dest").unwrap().as_array().unwrap();
    assert_eq!(dest[0], Object::Reference(pages[1]));
    assert_eq!(dest[3], Object::Real(794.0), "4 pt above the row's top");
}

#[test]
fn links_are_annotations_on_their_page_in_pdf_space() {
    let mut nav = Nav::default();
    let area = Area {
        x: 50.0,
        y: 5.0,
        w: 100.0,
        h: 10.0,
    };
    let uri = "https://a.example".to_owned();
    nav.place(Mark::Uri { area, uri }, 1, 100.0);
    nav.place(Mark::Target(3), 0, 300.0);
    let page_ref = Mark::PageRef {
        key: 3,
        area,
        right: 500.0,
        top: 0.0,
        style: SMALL,
    };
    nav.place(page_ref, 1, 200.0);
    let (mut lo, pages) = document(2);
    nav.write(&mut lo, &pages, 800.0).unwrap();
    assert!(
        dict(&lo, pages[0]).get(b"Annots").is_err(),
        "none, not empty"
    );
    let annots = dict(&lo, pages[1])
        .get(b"Annots")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(annots.len(), 2);
    let first = dict(&lo, annots[0].as_reference().unwrap());
    let rect = first.get(b"Rect").unwrap().as_array().unwrap();
    let rect: Vec<f32> = rect.iter().map(|o| o.as_float().unwrap()).collect();
    assert_eq!(rect, [50.0, 685.0, 150.0, 695.0]);
    assert_eq!(int(first, b"F"), 4);
    let action = first.get(b"A").unwrap().as_dict().unwrap();
    assert_eq!(
        action.get(b"URI").unwrap().as_str().unwrap(),
        b"https://a.example"
    );
    let second = dict(&lo, annots[1].as_reference().unwrap());
    let dest = second.get(b"Dest").unwrap().as_array().unwrap();
    assert_eq!(dest[0], Object::Reference(pages[0]));
    assert_eq!(dest[3], Object::Real(504.0));
}

#[test]
fn outline_entries_nest_under_the_last_lower_level() {
    assert_eq!(
        outline_parents(&[0, 1, 1, 0, 1, 2, 1, 0]),
        [
            None,
            Some(0),
            Some(0),
            None,
            Some(3),
            Some(4),
            Some(3),
            None
        ]
    );
    // A skipped level nests under whatever is lower.
    assert_eq!(outline_parents(&[0, 2, 1]), [None, Some(0), Some(0)]);
    assert_eq!(outline_parents(&[1, 0]), [None, None]);
}

#[test]
fn only_addresses_are_links() {
    for yes in [
        "https://wiki.example.com/x",
        "http://a.b",
        "HTTPS://X.Y",
        "mailto:a@b.c",
        " ftp://f.example/x ",
    ] {
        assert!(is_linkable(yes), "{yes}");
    }
    for no in [
        "",
        "https://",
        "docs/runbook.md",
        "see https://x.y",
        "https://x.y and more",
        "wiki",
    ] {
        assert!(!is_linkable(no), "{no}");
    }
}

#[test]
fn uris_are_ascii() {
    let Object::Dictionary(action) = uri_action("https://ex.com/Zürich page") else {
        panic!()
    };
    let uri = action.get(b"URI").unwrap().as_str().unwrap();
    assert_eq!(uri, b"https://ex.com/Z%C3%BCrich%20page");
}

#[test]
fn text_strings_are_utf16_with_a_bom() {
    let Object::String(bytes, _) = text_string("Zé") else {
        panic!()
    };
    assert_eq!(bytes, [0xFE, 0xFF, 0, b'Z', 0, 0xE9]);
}
