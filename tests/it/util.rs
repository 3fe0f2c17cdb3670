//! What the integration tests share: the one way to run the `shipshape`
//! binary (and git) in a temporary directory and check how it ended, and
//! the PDF readers (text as lopdf extracts it through the fonts' ToUnicode
//! maps, and where each shown string sits on its page).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Document, Object, content::Content};
use shipshape::model::Workbook;
use shipshape::storage;

/// The binary under test, built by cargo for this test run: the command
/// line.
pub const BIN: &str = env!("CARGO_BIN_EXE_shipshape");

/// The window's program, which also runs every command.
pub const GUI_BIN: &str = env!("CARGO_BIN_EXE_shipshape-gui");

/// The workbook most CLI tests work on (see [`Dir::workbook`]).
pub const WB: &str = "w.shipshape.ron";

/// A file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// How a process ended: its exit code and what it printed.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    pub fn from(output: std::process::Output) -> Self {
        Self {
            code: output.status.code().expect("exited by signal"),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Stdout parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {self}"))
    }

    /// An error run: exit 2, `error: …` with `needle` on stderr, no panic.
    pub fn assert_error(&self, needle: &str) {
        assert_eq!(self.code, 2, "{self}");
        assert!(self.stderr.starts_with("error: "), "{self}");
        assert!(self.stderr.contains(needle), "expected {needle:?}: {self}");
        assert!(!self.stderr.contains("panicked"), "{self}");
    }
}

/// The whole story, for assertion messages.
impl fmt::Display for Out {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// A temporary directory the binary runs in, removed when dropped.
pub struct Dir {
    tmp: tempfile::TempDir,
    /// Shipshape's state folder (local history, recovery copies) for this
    /// test: beside the directory, not in it, so git never sees it.
    state: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Self {
        Self {
            tmp: tempfile::tempdir().expect("temporary directory"),
            state: tempfile::tempdir().expect("temporary directory"),
        }
    }

    /// Shipshape's state folder for this test.
    pub fn state(&self) -> &Path {
        self.state.path()
    }

    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    pub fn read_bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) {
        std::fs::write(self.path(name), contents).unwrap_or_else(|e| panic!("{name}: {e}"));
    }

    pub fn copy(&self, from: &str, to: &str) {
        std::fs::copy(self.path(from), self.path(to)).unwrap_or_else(|e| panic!("{from}: {e}"));
    }

    /// The workbook in file `name`, loaded by the library.
    pub fn load(&self, name: &str) -> Workbook {
        storage::load(&self.path(name))
            .unwrap_or_else(|e| panic!("{e}"))
            .workbook
    }

    pub fn save(&self, name: &str, wb: &Workbook) {
        storage::save(&self.path(name), wb).unwrap_or_else(|e| panic!("{e}"));
    }

    /// The binary with `args`, run here, not yet started (for tests that
    /// need its pipes).
    pub fn command(&self, args: &[&str]) -> Command {
        self.program(BIN, args)
    }

    /// [`Dir::command`] for another program ([`GUI_BIN`], a copy of
    /// [`BIN`]).
    pub fn program(&self, program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> Command {
        let mut cmd = Command::new(program);
        cmd.args(args);
        self.isolate(&mut cmd);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Out {
        self.run_env(args, &[])
    }

    /// [`Dir::run`] with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Out {
        let mut cmd = self.command(args);
        cmd.envs(env.iter().copied());
        Out::from(cmd.output().expect("run shipshape"))
    }

    /// Runs a step that must succeed (exit 0) and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.code, 0, "shipshape {args:?}: {out}");
        out.stdout
    }

    /// Runs a step that must end with exit code `code`.
    pub fn exits(&self, args: &[&str], code: i32) -> Out {
        let out = self.run(args);
        assert_eq!(out.code, code, "shipshape {args:?}: {out}");
        out
    }

    /// Runs a step that must fail as errors do: exit 2, `error: …` with
    /// `needle` on stderr.
    pub fn fails(&self, args: &[&str], needle: &str) -> Out {
        let out = self.run(args);
        out.assert_error(needle);
        out
    }

    /// [`WB`], from the built-in template, launching 2027-01-31.
    pub fn workbook(&self) -> PathBuf {
        let args = ["--project", "Payments API", "--launch", "2027-01-31"];
        self.ok(&[&["new", WB][..], &args].concat());
        self.path(WB)
    }

    /// Runs git here, isolated from the user's and the system's git config.
    pub fn git(&self, args: &[&str]) -> Out {
        let mut cmd = Command::new("git");
        cmd.args(args);
        self.isolate(&mut cmd);
        Out::from(cmd.output().expect("run git"))
    }

    /// Runs a git step that must succeed and returns its stdout.
    pub fn git_ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert_eq!(out.code, 0, "git {args:?}: {out}");
        out.stdout
    }

    /// Every process a test starts runs here with this directory as its
    /// home, no git config but the repository's (git runs the merge driver
    /// and the driver runs git), no locale (the PDF paper follows it) and
    /// no system fonts (a PDF must not depend on the machine's).
    fn isolate(&self, cmd: &mut Command) {
        cmd.current_dir(self.root())
            .env("HOME", self.root())
            .env("SHIPSHAPE_SYSTEM_FONTS", "0")
            // Local history and recovery copies stay with the test.
            .env("SHIPSHAPE_STATE_DIR", self.state())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_MERGE_AUTOEDIT", "no");
        for var in ["LC_ALL", "LC_PAPER", "LANG"] {
            cmd.env_remove(var);
        }
    }
}

// ---- PDF -----------------------------------------------------------------

/// All text of the document, whitespace collapsed to single spaces.
pub fn pdf_text(bytes: &[u8]) -> String {
    page_texts(bytes).join(" ")
}

/// Text of each page, whitespace collapsed to single spaces.
pub fn page_texts(bytes: &[u8]) -> Vec<String> {
    page_lines(bytes)
        .into_iter()
        .map(|lines| lines.join(" "))
        .collect()
}

/// Lines of text of each page as lopdf extracts them, each with its
/// whitespace collapsed, blank lines left out: what a reader sees, without
/// the extractor's choice of spaces.
pub fn page_lines(bytes: &[u8]) -> Vec<Vec<String>> {
    let doc = Document::load_mem(bytes).expect("lopdf reads the PDF");
    doc.get_pages()
        .keys()
        .map(|&n| {
            let raw = doc.extract_text(&[n]).expect("text extracts");
            raw.lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .collect()
        })
        .collect()
}

/// Each text object's text in logical order, as a careful reader (pdftotext,
/// a screen reader) takes it: through the fonts' ToUnicode maps, a
/// `/ReversedChars` sequence read backwards, a `/Span` with an
/// `/ActualText` read as that text instead of its glyphs.
pub fn logical_lines(bytes: &[u8]) -> Vec<String> {
    enum Mark {
        Reversed(String),
        Actual(String),
        Other,
    }
    fn emit(stack: &mut [Mark], line: &mut String, text: &str) {
        match stack
            .iter_mut()
            .rev()
            .find(|m| matches!(m, Mark::Reversed(_)))
        {
            Some(Mark::Reversed(buf)) => buf.push_str(text),
            _ => line.push_str(text),
        }
    }
    let doc = Document::load_mem(bytes).expect("lopdf reads the PDF");
    let mut lines = Vec::new();
    for page_id in doc.get_pages().into_values() {
        let encodings: BTreeMap<Vec<u8>, _> = doc
            .get_page_fonts(page_id)
            .unwrap()
            .into_iter()
            .map(|(name, font)| (name, font.get_font_encoding(&doc).unwrap()))
            .collect();
        let content = Content::decode(&doc.get_page_content(page_id)).unwrap();
        let (mut font, mut line, mut stack) = (Vec::new(), String::new(), Vec::new());
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => font = op.operands[0].as_name().unwrap().to_vec(),
                "BT" => line.clear(),
                "ET" => lines.push(line.split_whitespace().collect::<Vec<_>>().join(" ")),
                "BMC" if op.operands[0].as_name().unwrap() == b"ReversedChars" => {
                    stack.push(Mark::Reversed(String::new()));
                }
                "BMC" => stack.push(Mark::Other),
                "BDC" => {
                    let actual = op.operands[1]
                        .as_dict()
                        .ok()
                        .and_then(|d| d.get(b"ActualText").ok())
                        .map(|t| {
                            let b = t.as_str().unwrap();
                            assert_eq!(&b[..2], [0xFE, 0xFF], "UTF-16BE");
                            let units: Vec<u16> = b[2..]
                                .chunks(2)
                                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                                .collect();
                            String::from_utf16(&units).unwrap()
                        });
                    stack.push(actual.map_or(Mark::Other, Mark::Actual));
                }
                "EMC" => match stack.pop().expect("EMC closes a BMC or BDC") {
                    Mark::Reversed(buf) => {
                        let text: String = buf.chars().rev().collect();
                        emit(&mut stack, &mut line, &text);
                    }
                    Mark::Actual(text) => emit(&mut stack, &mut line, &text),
                    Mark::Other => {}
                },
                "Tj" if !stack.iter().any(|m| matches!(m, Mark::Actual(_))) => {
                    let text =
                        Document::decode_text(&encodings[&font], op.operands[0].as_str().unwrap())
                            .unwrap();
                    emit(&mut stack, &mut line, &text);
                }
                _ => {}
            }
        }
        assert!(stack.is_empty(), "marked content left open");
    }
    lines
}

pub fn page_count(bytes: &[u8]) -> usize {
    Document::load_mem(bytes)
        .expect("lopdf reads the PDF")
        .get_pages()
        .len()
}

/// Width and height of each page's media box, in points.
pub fn media_boxes(bytes: &[u8]) -> Vec<(f32, f32)> {
    let doc = Document::load_mem(bytes).expect("lopdf reads the PDF");
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).unwrap();
            let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
            (num(&mb[2]), num(&mb[3]))
        })
        .collect()
}

/// Width of the first page, in points.
pub fn media_width(bytes: &[u8]) -> f32 {
    media_boxes(bytes)[0].0
}

pub fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => panic!("not a number: {o:?}"),
    }
}

/// The first descendant (CID) font of a Type0 font.
pub fn cid_font<'a>(doc: &'a Document, font: &'a lopdf::Dictionary) -> &'a lopdf::Dictionary {
    let descendants = doc
        .dereference(font.get(b"DescendantFonts").unwrap())
        .unwrap()
        .1;
    doc.dereference(&descendants.as_array().unwrap()[0])
        .unwrap()
        .1
        .as_dict()
        .unwrap()
}

/// Glyph widths (per 1000 em) of a Type0 font, from its descendant's /W.
fn widths(doc: &Document, font: &lopdf::Dictionary) -> (BTreeMap<u16, f32>, f32) {
    let cid_font = cid_font(doc, font);
    let dw = cid_font.get(b"DW").map(num).unwrap_or(1000.0);
    let mut map = BTreeMap::new();
    if let Ok(w) = cid_font.get(b"W") {
        let w = doc.dereference(w).unwrap().1.as_array().unwrap();
        let mut i = 0;
        while i < w.len() {
            let first = num(&w[i]) as u16;
            match &w[i + 1] {
                Object::Array(list) => {
                    for (k, v) in list.iter().enumerate() {
                        map.insert(first + k as u16, num(v));
                    }
                    i += 2;
                }
                last => {
                    for c in first..=(num(last) as u16) {
                        map.insert(c, num(&w[i + 2]));
                    }
                    i += 3;
                }
            }
        }
    }
    (map, dw)
}

/// One shown string: page number, origin, width in points, and the page size.
#[derive(Debug)]
pub struct Run {
    pub page: u32,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub page_w: f32,
    pub page_h: f32,
}

/// Every text string shown, with where it starts and how wide it is.
pub fn runs(bytes: &[u8]) -> Vec<Run> {
    let doc = Document::load_mem(bytes).unwrap();
    let mut out = Vec::new();
    for (page_no, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).unwrap();
        let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let (page_w, page_h) = (num(&mb[2]), num(&mb[3]));
        let fonts: BTreeMap<Vec<u8>, _> = doc
            .get_page_fonts(page_id)
            .unwrap()
            .into_iter()
            .map(|(name, dict)| (name, widths(&doc, dict)))
            .collect();
        let content = Content::decode(&doc.get_page_content(page_id)).unwrap();
        let (mut font, mut size, mut x, mut y) = (Vec::new(), 0.0, 0.0, 0.0);
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    font = op.operands[0].as_name().unwrap().to_vec();
                    size = num(&op.operands[1]);
                }
                "Tm" => {
                    x = num(&op.operands[4]);
                    y = num(&op.operands[5]);
                }
                "Tj" => {
                    let bytes = op.operands[0].as_str().unwrap();
                    let (w, dw) = &fonts[&font];
                    let width: f32 = bytes
                        .chunks(2)
                        .map(|c| *w.get(&u16::from_be_bytes([c[0], c[1]])).unwrap_or(dw))
                        .sum::<f32>()
                        * size
                        / 1000.0;
                    out.push(Run {
                        page: page_no,
                        x,
                        y,
                        width,
                        page_w,
                        page_h,
                    });
                }
                "TJ" | "'" | "\"" => panic!("unexpected text operator {}", op.operator),
                _ => {}
            }
        }
    }
    out
}

/// Every string lies inside the margins (50 pt at the sides, header and
/// footer bands included at top and bottom).
pub fn assert_inside_page(bytes: &[u8]) {
    let runs = runs(bytes);
    assert!(!runs.is_empty());
    for r in &runs {
        assert!(
            r.x >= 49.9,
            "page {}: starts left of the margin: {r:?}",
            r.page
        );
        assert!(
            r.x + r.width <= r.page_w - 49.9,
            "runs past the right margin: {r:?}"
        );
        assert!(
            r.y > 20.0 && r.y < r.page_h - 20.0,
            "off the page vertically: {r:?}"
        );
    }
}
