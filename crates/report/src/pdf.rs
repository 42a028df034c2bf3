//! The report as PDF, typeset by Typst used as a library: the blocks of
//! [`crate::doc`] become Typst markup (every text passed as a string
//! literal, so no word of the report is read as markup), the charts go in
//! as the same SVGs, and the fonts are the ones shipped in `fonts/`
//! (DejaVu Sans), embedded in the PDF. A4, contents, page numbers, table
//! headers repeated on every page; a paragraph is never split across pages,
//! so a claim's figure, test and n stay together.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use monev_domain::Lang;
use monev_eval::Evaluasi;
use typst::diag::{FileError, FileResult, Severity};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::doc::{Block, Inline, Table};

const FONTS: [&[u8]; 4] = [
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../fonts/DejaVuSans-Oblique.ttf"),
    include_bytes!("../fonts/DejaVuSansMono.ttf"),
];

fn fonts() -> &'static (Vec<Font>, LazyHash<FontBook>) {
    static F: OnceLock<(Vec<Font>, LazyHash<FontBook>)> = OnceLock::new();
    F.get_or_init(|| {
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|b| Font::iter(Bytes::new(*b)))
            .collect();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        (fonts, book)
    })
}

fn library() -> &'static LazyHash<Library> {
    static L: OnceLock<LazyHash<Library>> = OnceLock::new();
    L.get_or_init(|| LazyHash::new(Library::default()))
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path)
        .unwrap_or_else(|_| VirtualPath::new("/berkas").expect("a plain path is a virtual path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The report and its charts, as Typst sees them.
struct Report {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

impl World for Report {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().1
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(format!("{id:?}").into()))
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(format!("{id:?}").into()))
    }
    fn font(&self, index: usize) -> Option<Font> {
        fonts().0.get(index).cloned()
    }
    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// A Typst string literal: the text exactly, never markup.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn runs(content: &[Inline]) -> String {
    let mut s = String::new();
    for i in content {
        match i {
            Inline::Text(t) => {
                let _ = write!(s, "#{}", lit(t));
            }
            Inline::Bold(c) => {
                let _ = write!(s, "#strong[{}]", runs(c));
            }
            Inline::Italic(c) => {
                let _ = write!(s, "#emph[{}]", runs(c));
            }
            Inline::Code(t) => {
                let _ = write!(s, "#raw({})", lit(t));
            }
            Inline::Sub(t) => {
                let _ = write!(s, "#sub[#{}]", lit(t));
            }
            Inline::Break => s.push_str("#linebreak()"),
            Inline::Link { content, .. } | Inline::Span { content, .. } => {
                s.push_str(&runs(content))
            }
        }
    }
    s
}

struct Writer {
    lang: Lang,
    out: String,
    files: HashMap<FileId, Bytes>,
    figures: usize,
}

impl Writer {
    fn t<'a>(&self, id: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(id, en)
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Cover {
                kind,
                title,
                lines,
                logo,
                short,
            } => {
                let (logo_top, plain_top, logo_height) = if *short {
                    ("0cm", "0cm", "1.6cm")
                } else {
                    ("2.5cm", "5cm", "2.5cm")
                };
                let top = match logo {
                    Some((mime, data)) if crate::image::image_size(data).is_some() => {
                        let path = if mime == "image/jpeg" {
                            "/logo.jpg"
                        } else {
                            "/logo.png"
                        };
                        self.files.insert(file_id(path), Bytes::new(data.clone()));
                        let _ = write!(
                            self.out,
                            "#v({logo_top})\n#image({}, height: {logo_height}, alt: \"logo\")\n",
                            lit(path)
                        );
                        "0.6cm"
                    }
                    _ => plain_top,
                };
                let _ = write!(
                    self.out,
                    "#v({top})\n#text(size: 11pt, fill: luma(90), upper({}))\n#v(0.4cm)\n#text(size: 22pt, weight: \"bold\", fill: rgb(\"#1f4e79\"), {})\n#v(0.8cm)\n",
                    lit(kind),
                    lit(title)
                );
                for l in lines {
                    let _ = writeln!(self.out, "#{}\\", lit(l));
                }
                if *short {
                    self.out.push_str("\n#v(0.6cm)\n");
                } else {
                    let _ = writeln!(
                        self.out,
                        "\n#pagebreak()\n#outline(title: {}, depth: 2)\n#pagebreak()\n",
                        lit(self.t("Daftar Isi", "Contents"))
                    );
                }
            }
            Block::Cards { cards, .. } => {
                self.out.push_str(
                    "#table(columns: (auto, 1fr), stroke: 0.5pt + luma(150), inset: 5pt, align: (right, left),\n",
                );
                for c in cards {
                    let _ = writeln!(
                        self.out,
                        "  [#strong({})], [#{}],",
                        lit(&c.figure),
                        lit(&c.label)
                    );
                }
                self.out.push_str(")\n\n");
            }
            Block::Heading {
                level, text, id, ..
            } => {
                // Ringkasan Eksekutif has a page of its own; Lampiran starts one.
                if matches!(
                    id.as_deref(),
                    Some("ringkasan" | "latar-belakang" | "lampiran")
                ) {
                    self.out.push_str("#pagebreak(weak: true)\n");
                }
                let level = level.saturating_sub(1).clamp(1, 3);
                let outlined = if level <= 2 { "true" } else { "false" };
                let _ = write!(
                    self.out,
                    "#heading(level: {level}, outlined: {outlined})[#{}]\n\n",
                    lit(text)
                );
            }
            Block::Para { class, content } => {
                let body = runs(content);
                let styled = match class.as_deref() {
                    Some("bukti") | Some("catatan") | Some("footer") => {
                        format!("#text(size: 8pt, fill: luma(70))[{body}]")
                    }
                    Some("ttd") => format!("#pad(left: 55%)[{body}]"),
                    Some("ttd ruang") => {
                        format!(
                            "#pad(left: 55%, y: 0.9cm)[#text(size: 7.5pt, fill: luma(120))[{body}]]"
                        )
                    }
                    _ => body,
                };
                // A claim stays on one page with its figure, test and n.
                let _ = write!(self.out, "#block(breakable: false)[{styled}]\n\n");
            }
            Block::List { ordered, items, .. } => {
                // Titled items (findings) read as sections; others as a list.
                if items
                    .iter()
                    .all(|i| matches!(i.blocks.first(), Some(Block::Heading { .. })))
                {
                    for (n, item) in items.iter().map(|i| &i.blocks).enumerate() {
                        if let Some(Block::Heading { level, text, .. }) = item.first() {
                            let text = if *ordered {
                                format!("{}. {text}", n + 1)
                            } else {
                                text.clone()
                            };
                            self.block(&Block::Heading {
                                level: *level,
                                text,
                                id: None,
                                numbered: false,
                            });
                        }
                        self.blocks(&item[1..]);
                    }
                    return;
                }
                let f = if *ordered { "enum" } else { "list" };
                let _ = writeln!(self.out, "#{f}(tight: false,");
                for item in items {
                    let mut inner = Writer {
                        lang: self.lang,
                        out: String::new(),
                        files: HashMap::new(),
                        figures: self.figures,
                    };
                    inner.blocks(&item.blocks);
                    self.figures = inner.figures;
                    self.files.extend(inner.files);
                    let _ = write!(self.out, "[\n{}],\n", inner.out);
                }
                self.out.push_str(")\n\n");
            }
            Block::Group { blocks, .. } => self.blocks(blocks),
            Block::Quote { blocks, .. } => {
                let mut inner = Writer {
                    lang: self.lang,
                    out: String::new(),
                    files: HashMap::new(),
                    figures: self.figures,
                };
                inner.blocks(blocks);
                self.figures = inner.figures;
                let _ = write!(
                    self.out,
                    "#block(breakable: false, inset: (left: 1em), stroke: (left: 2pt + luma(180)))[#set text(style: \"italic\", fill: luma(50))\n{}]\n\n",
                    inner.out
                );
            }
            Block::Table(t) => self.table(t),
            Block::Figure {
                svg, alt, caption, ..
            } => {
                self.figures += 1;
                let n = self.figures;
                let path = format!("/gambar{n}.svg");
                // The chart names its fonts by family; here there is one.
                let svg = svg.replace("system-ui, sans-serif", "DejaVu Sans");
                self.files
                    .insert(file_id(&path), Bytes::new(svg.into_bytes()));
                let label = format!("{} {n}. {alt}", self.t("Gambar", "Figure"));
                let cap = if caption.is_empty() {
                    format!("#{}", lit(&label))
                } else {
                    format!("#{}{}", lit(&format!("{label}. ")), runs(caption))
                };
                let _ = write!(
                    self.out,
                    "#block(breakable: false)[#align(center, image({}, width: 100%, alt: {}))\n#text(size: 8.5pt, weight: \"bold\", fill: luma(60))[{cap}]]\n\n",
                    lit(&path),
                    lit(alt)
                );
            }
        }
    }

    fn table(&mut self, t: &Table) {
        let (cols, rows) = t.layout();
        if cols == 0 {
            return;
        }
        if let Some(c) = &t.caption {
            let _ = writeln!(
                self.out,
                "#block(sticky: true)[#text(size: 8.5pt, weight: \"bold\", fill: luma(60), {})]",
                lit(c)
            );
        }
        // Right-aligned where the body holds figures.
        let mut num = vec![false; cols];
        for row in rows.iter().filter(|r| r.first().is_some_and(|p| !p.header)) {
            for p in row {
                if let Some(c) = p.cell
                    && c.num
                    && p.span == 1
                {
                    num[p.col] = true;
                }
            }
        }
        let align: Vec<&str> = num
            .iter()
            .map(|n| if *n { "right" } else { "left" })
            .collect();
        let _ = writeln!(
            self.out,
            "#table(columns: {cols}, align: ({},), stroke: 0.5pt + luma(140), inset: 3.5pt, fill: (x, y) => if y < {} {{ rgb(\"#e8eef4\") }},",
            align.join(", "),
            t.head.len()
        );
        let cell = |p: &crate::doc::Placed<'_>| -> Option<String> {
            let c = p.cell?;
            let body = runs(&c.content);
            let body = if p.header || c.header {
                format!("#strong[{body}]")
            } else {
                body
            };
            Some(format!(
                "  table.cell(colspan: {}, rowspan: {})[#set text(size: 7.5pt)\n{body}],\n",
                p.span,
                c.rowspan.max(1)
            ))
        };
        let (head, body): (Vec<_>, Vec<_>) = rows
            .iter()
            .partition(|r| r.first().is_some_and(|p| p.header));
        if !head.is_empty() {
            self.out.push_str("table.header(repeat: true,\n");
            for row in head {
                for p in row {
                    if let Some(c) = cell(p) {
                        self.out.push_str(&c);
                    }
                }
            }
            self.out.push_str("),\n");
        }
        for row in body {
            for p in row {
                if let Some(c) = cell(p) {
                    self.out.push_str(&c);
                }
            }
        }
        self.out.push_str(")\n\n");
    }
}

/// Typst markup of the report (for inspection and tests).
pub fn markup(blocks: &[Block], lang: Lang, title: &str) -> (String, HashMap<FileId, Bytes>) {
    let mut w = Writer {
        lang,
        out: String::new(),
        files: HashMap::new(),
        figures: 0,
    };
    let page = w.t("Halaman", "Page");
    let _ = write!(
        w.out,
        r##"#set document(title: {title}, author: "monev")
#set page(paper: "a4", margin: (x: 2.5cm, y: 2.3cm), footer: context [#set text(size: 7.5pt, fill: luma(90)); #{title} #h(1fr) #{page} #counter(page).display()])
#set text(font: "DejaVu Sans", size: 9.5pt, lang: {lang})
#set par(leading: 0.62em, spacing: 0.9em)
#show heading: set text(fill: rgb("#1f4e79"))
#show heading.where(level: 1): set text(size: 14pt)
#show heading.where(level: 2): set text(size: 11.5pt)
#show heading.where(level: 3): set text(size: 10pt)
#show heading: set block(above: 1.3em, below: 0.7em)
#show raw: set text(font: "DejaVu Sans Mono", size: 8pt)
"##,
        title = lit(title),
        page = lit(page),
        lang = lit(if lang == Lang::En { "en" } else { "id" }),
    );
    w.blocks(blocks);
    (w.out, w.files)
}

/// The report as PDF.
pub fn pdf(e: &Evaluasi, lang: Lang) -> Result<Vec<u8>, String> {
    let blocks = crate::doc::numbered(&crate::document(e, lang), lang);
    write(&blocks, lang, &e.program.nama)
}

/// Typesets blocks into a PDF titled `title`.
pub fn write(blocks: &[Block], lang: Lang, title: &str) -> Result<Vec<u8>, String> {
    let doc = typeset(blocks, lang, title)?;
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        format!(
            "PDF: {}",
            errors
                .iter()
                .map(|d| d.message.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        )
    })
}

/// The text of each page of the typeset report, in reading order (for
/// checking what a reader finds on one page).
pub fn page_texts(blocks: &[Block], lang: Lang, title: &str) -> Result<Vec<String>, String> {
    fn walk(frame: &typst::layout::Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(g) => walk(&g.frame, out),
                typst::layout::FrameItem::Text(t) => {
                    out.push_str(&t.text);
                    out.push(' ');
                }
                _ => {}
            }
        }
    }
    let doc = typeset(blocks, lang, title)?;
    Ok(doc
        .pages()
        .iter()
        .map(|p| {
            let mut s = String::new();
            walk(&p.frame, &mut s);
            s
        })
        .collect())
}

fn typeset(blocks: &[Block], lang: Lang, title: &str) -> Result<PagedDocument, String> {
    let (text, files) = markup(blocks, lang, title);
    let world = Report {
        main: Source::new(file_id("/laporan.typ"), text),
        files,
    };
    let result = typst::compile::<PagedDocument>(&world);
    let problems = |diags: &[typst::diag::SourceDiagnostic]| {
        diags
            .iter()
            .map(|d| {
                let kind = if d.severity == Severity::Error {
                    "galat"
                } else {
                    "peringatan"
                };
                format!("{kind}: {}", d.message)
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let doc = result
        .output
        .map_err(|errors| format!("PDF (Typst): {}", problems(&errors)))?;
    if !result.warnings.is_empty() {
        return Err(format!("PDF (Typst): {}", problems(&result.warnings)));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_never_read_as_markup() {
        assert_eq!(
            lit(r#"a "b" \ #c *d* $e$ [f]"#),
            r#""a \"b\" \\ #c *d* $e$ [f]""#
        );
        let blocks = vec![Block::Para {
            class: None,
            content: vec![Inline::Text(
                "#set page(width: 1cm) *tidak tebal* $x$ <label> @ref".into(),
            )],
        }];
        let pdf = write(&blocks, Lang::Id, "Uji").unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn the_demo_report_typesets_with_fonts_embedded() {
        let data = monev_demo::generate(monev_demo::SEED);
        let e = monev_eval::evaluate(&data, &monev_eval::Config::default());
        for lang in [Lang::Id, Lang::En] {
            let pdf = pdf(&e, lang).unwrap();
            assert!(pdf.starts_with(b"%PDF-"));
            let raw = String::from_utf8_lossy(&pdf);
            assert!(raw.contains("/FontFile2"), "fonts are embedded");
            assert!(raw.contains("DejaVuSans"));
            assert!(pdf.len() > 100_000, "{} bytes", pdf.len());
        }
    }
}
