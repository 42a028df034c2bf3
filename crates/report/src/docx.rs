//! The report as a Word document (Office Open XML, written by hand): the
//! blocks of [`crate::doc`] with real heading styles (so Word and LibreOffice
//! build the table of contents from them), a table of contents field,
//! numbered captions, tables with header rows that repeat across pages and
//! merged cells, charts as PNG, quotes, lists, page numbers in the footer;
//! every word editable. A4, margins 2,5 cm.

use std::fmt::Write as _;
use std::io::Write as _;

use monev_domain::Lang;
use monev_eval::Evaluasi;

use crate::doc::{Block, Cell, Inline, Table};

/// Text width: A4 (21 cm) less two 2,5 cm margins, in EMU and twips.
const TEXT_EMU: u64 = 16 * 360_000;
const TEXT_TWIPS: u64 = 9_072;

/// The report as DOCX.
pub fn docx(e: &Evaluasi, lang: Lang) -> Result<Vec<u8>, String> {
    let blocks = crate::doc::numbered(&crate::document(e, lang), lang);
    write(&blocks, lang, &e.program.nama)
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Style {
    bold: bool,
    italic: bool,
    code: bool,
    sub: bool,
    small: bool,
}

fn run(text: &str, st: Style) -> String {
    let mut props = String::new();
    if st.code {
        props.push_str(r#"<w:rStyle w:val="Kode"/>"#);
    }
    if st.bold {
        props.push_str("<w:b/>");
    }
    if st.italic {
        props.push_str("<w:i/>");
    }
    if st.sub {
        props.push_str(r#"<w:vertAlign w:val="subscript"/>"#);
    }
    if st.small {
        props.push_str(r#"<w:sz w:val="18"/>"#);
    }
    let props = if props.is_empty() {
        String::new()
    } else {
        format!("<w:rPr>{props}</w:rPr>")
    };
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            let _ = write!(out, "<w:r>{props}<w:br/></w:r>");
        }
        if !line.is_empty() {
            let _ = write!(
                out,
                r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#,
                xml(line)
            );
        }
    }
    out
}

fn runs(content: &[Inline], st: Style) -> String {
    let mut out = String::new();
    for i in content {
        match i {
            Inline::Text(t) => out.push_str(&run(t, st)),
            Inline::Bold(c) => out.push_str(&runs(c, Style { bold: true, ..st })),
            Inline::Italic(c) => out.push_str(&runs(c, Style { italic: true, ..st })),
            Inline::Code(t) => out.push_str(&run(t, Style { code: true, ..st })),
            Inline::Sub(t) => out.push_str(&run(t, Style { sub: true, ..st })),
            Inline::Break => out.push_str("<w:r><w:br/></w:r>"),
            Inline::Link { content, .. } | Inline::Span { content, .. } => {
                out.push_str(&runs(content, st))
            }
        }
    }
    out
}

fn para(style: Option<&str>, extra: &str, body: &str) -> String {
    let style = style
        .map(|s| format!(r#"<w:pStyle w:val="{s}"/>"#))
        .unwrap_or_default();
    if style.is_empty() && extra.is_empty() {
        format!("<w:p>{body}</w:p>")
    } else {
        format!("<w:p><w:pPr>{style}{extra}</w:pPr>{body}</w:p>")
    }
}

struct Writer {
    lang: Lang,
    body: String,
    /// PNG images: (file name, bytes).
    media: Vec<(String, Vec<u8>)>,
    figures: usize,
    /// Numbering instances: one per list (ordered lists restart at 1).
    lists: Vec<bool>,
    headings: Vec<(u8, String)>,
    /// A short report: no contents.
    short: bool,
}

impl Writer {
    fn t<'a>(&self, id: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(id, en)
    }

    fn blocks(&mut self, blocks: &[Block], indent: u32) {
        for b in blocks {
            self.block(b, indent);
        }
    }

    fn ind(indent: u32) -> String {
        if indent == 0 {
            String::new()
        } else {
            format!(r#"<w:ind w:left="{}"/>"#, indent * 360)
        }
    }

    fn block(&mut self, b: &Block, indent: u32) {
        match b {
            Block::Cover {
                kind,
                title,
                lines,
                logo,
                short,
            } => {
                let before = match logo.as_ref().and_then(|l| self.logo(l)) {
                    Some(drawing) => {
                        self.body.push_str(&para(
                            None,
                            if *short {
                                r#"<w:spacing w:before="0" w:after="120"/>"#
                            } else {
                                r#"<w:spacing w:before="1200" w:after="240"/>"#
                            },
                            &drawing,
                        ));
                        ""
                    }
                    None if *short => "",
                    None => r#"<w:spacing w:before="2400"/>"#,
                };
                self.body.push_str(&para(
                    Some("Subtitle"),
                    before,
                    &run(kind, Style::default()),
                ));
                self.body
                    .push_str(&para(Some("Title"), "", &run(title, Style::default())));
                for l in lines {
                    self.body
                        .push_str(&para(None, "", &run(l, Style::default())));
                }
                if *short {
                    self.short = true;
                } else {
                    self.body
                        .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
                    self.toc();
                }
            }
            Block::Cards { cards, .. } => {
                let rows: Vec<Vec<Cell>> = cards
                    .iter()
                    .map(|c| {
                        vec![
                            Cell::num_runs(vec![Inline::Bold(vec![Inline::Text(
                                c.figure.clone(),
                            )])]),
                            Cell::text(c.label.clone()),
                        ]
                    })
                    .collect();
                self.table(&Table {
                    body: rows,
                    ..Table::default()
                });
            }
            Block::Heading {
                level, text, id, ..
            } => {
                // h1 is the cover's; h2 → Heading 1, h3 → 2, h4 → 3.
                let level = level.saturating_sub(1).clamp(1, 3);
                self.headings.push((level, text.clone()));
                // Ringkasan Eksekutif has a page of its own; Lampiran starts one.
                let brk = if matches!(
                    id.as_deref(),
                    Some("ringkasan" | "latar-belakang" | "lampiran")
                ) {
                    "<w:pageBreakBefore/>"
                } else {
                    ""
                };
                self.body.push_str(&para(
                    Some(&format!("Heading{level}")),
                    &format!("{brk}{}", Self::ind(indent)),
                    &run(text, Style::default()),
                ));
            }
            Block::Para { class, content } => {
                let (style, st) = match class.as_deref() {
                    Some("bukti") => (Some("Bukti"), Style::default()),
                    Some("catatan") => (Some("Catatan"), Style::default()),
                    Some("footer") => (Some("Atribusi"), Style::default()),
                    Some("ttd") => (Some("TandaTangan"), Style::default()),
                    Some("ttd ruang") => (Some("TandaTanganRuang"), Style::default()),
                    _ => (None, Style::default()),
                };
                let r = runs(content, st);
                self.body.push_str(&para(style, &Self::ind(indent), &r));
            }
            Block::List { ordered, items, .. } => {
                self.lists.push(*ordered);
                let num = self.lists.len();
                for (i, item) in items.iter().enumerate() {
                    let item = &item.blocks;
                    let mut rest: &[Block] = item;
                    match item.first() {
                        // A titled item (a finding): the title carries the number.
                        Some(Block::Heading { level, text, .. }) => {
                            let text = if *ordered {
                                format!("{}. {text}", i + 1)
                            } else {
                                text.clone()
                            };
                            self.block(
                                &Block::Heading {
                                    level: *level,
                                    text,
                                    id: None,
                                    numbered: false,
                                },
                                indent,
                            );
                            rest = &item[1..];
                        }
                        Some(Block::Para { content, .. }) => {
                            let numbered = format!(
                                r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>{}"#,
                                Self::ind(indent + 1)
                            );
                            let r = runs(content, Style::default());
                            self.body
                                .push_str(&para(Some("ListParagraph"), &numbered, &r));
                            rest = &item[1..];
                        }
                        _ => {}
                    }
                    self.blocks(rest, indent + 1);
                }
            }
            Block::Group { blocks, .. } => self.blocks(blocks, indent),
            Block::Quote { blocks, .. } => {
                for q in blocks {
                    match q {
                        Block::Para { class, content } => {
                            let style = if class.as_deref() == Some("footer") {
                                "Atribusi"
                            } else {
                                "Quote"
                            };
                            let r = runs(content, Style::default());
                            self.body
                                .push_str(&para(Some(style), &Self::ind(indent + 1), &r));
                        }
                        other => self.block(other, indent + 1),
                    }
                }
            }
            Block::Table(t) => self.table(t),
            Block::Figure {
                svg, alt, caption, ..
            } => self.figure(svg, alt, caption),
        }
    }

    fn toc(&mut self) {
        let title = self.t("Daftar Isi", "Contents");
        self.body
            .push_str(&para(Some("TOCHeading"), "", &run(title, Style::default())));
        // The field; Word and LibreOffice fill it from the heading styles
        // (settings.xml asks for fields to be updated on opening). The
        // placeholder is replaced by `finish` with the headings.
        self.body.push_str("{{TOC}}");
        self.body
            .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
    }

    fn toc_paragraphs(&self) -> String {
        let mut s = String::new();
        let begin = r#"<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#;
        let end = r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#;
        let entries: Vec<&(u8, String)> = self.headings.iter().filter(|(l, _)| *l <= 2).collect();
        if entries.is_empty() {
            return para(None, "", &format!("{begin}{end}"));
        }
        for (i, (level, text)) in entries.iter().enumerate() {
            let mut body = String::new();
            if i == 0 {
                body.push_str(begin);
            }
            body.push_str(&run(text, Style::default()));
            if i + 1 == entries.len() {
                body.push_str(end);
            }
            s.push_str(&para(Some(&format!("TOC{level}")), "", &body));
        }
        s
    }

    fn table(&mut self, t: &Table) {
        if let Some(c) = &t.caption {
            self.body
                .push_str(&para(Some("Caption"), "", &run(c, Style::default())));
        }
        let (cols, grid_rows) = t.layout();
        if cols == 0 {
            return;
        }
        // Column widths: a figure never wraps (its width is what it needs);
        // text columns share the rest, wrapping at words.
        const CHAR: u64 = 88; // twips per character at 8 pt
        const PAD: u64 = 190; // cell margins and a little air
        let mut need = vec![5 * CHAR + PAD; cols];
        let mut text_col = vec![false; cols];
        for cells in &grid_rows {
            for p in cells {
                let (col, span) = (p.col, p.span);
                if let Some(c) = p.cell
                    && span == 1
                {
                    let text = crate::doc::plain(&c.content);
                    let len = text.chars().count() as u64;
                    let longest = text
                        .split_whitespace()
                        .map(|w| w.chars().count())
                        .max()
                        .unwrap_or(0) as u64;
                    let n = if c.header {
                        longest
                    } else if c.num {
                        if len <= 8 { len } else { longest }
                    } else {
                        if !c.header {
                            text_col[col] = true;
                        }
                        longest.max(len.min(24))
                    };
                    need[col] = need[col].max(n * CHAR + PAD);
                }
            }
        }
        let total: u64 = need.iter().sum();
        let flexible: u64 = (0..cols).filter(|c| text_col[*c]).map(|c| need[c]).sum();
        let fixed = total - flexible;
        let text_cols = text_col.iter().filter(|t| **t).count() as u64;
        let widths: Vec<u64> = if total > TEXT_TWIPS && fixed + text_cols * 1_200 <= TEXT_TWIPS {
            // Figures keep their width; text columns share what is left.
            let room = TEXT_TWIPS - fixed;
            (0..cols)
                .map(|c| {
                    if text_col[c] {
                        need[c] * room / flexible
                    } else {
                        need[c]
                    }
                })
                .collect()
        } else {
            // Room to spare, or too little for anyone: all in proportion.
            need.iter().map(|w| w * TEXT_TWIPS / total.max(1)).collect()
        };
        let mut s = format!(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="TabelMonev"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{}</w:tblGrid>"#,
            widths
                .iter()
                .map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#))
                .collect::<String>()
        );
        for cells in &grid_rows {
            let header = cells.first().is_some_and(|p| p.header);
            s.push_str("<w:tr>");
            if header {
                s.push_str("<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
            } else {
                s.push_str("<w:trPr><w:cantSplit/></w:trPr>");
            }
            for p in cells {
                let (col, span, cell) = (p.col, p.span, p.cell);
                let span_xml = if span > 1 {
                    format!(r#"<w:gridSpan w:val="{span}"/>"#)
                } else {
                    String::new()
                };
                let w: u64 = widths[col..(col + span).min(cols)].iter().sum();
                match cell {
                    None => {
                        let _ = write!(
                            s,
                            r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{span_xml}<w:vMerge/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TabelIsi"/></w:pPr></w:p></w:tc>"#
                        );
                    }
                    Some(c) => {
                        let merge = if c.rowspan > 1 {
                            r#"<w:vMerge w:val="restart"/>"#
                        } else {
                            ""
                        };
                        let shade = if c.header || header {
                            r#"<w:shd w:val="clear" w:color="auto" w:fill="E8EEF4"/>"#
                        } else {
                            ""
                        };
                        let jc = if c.num {
                            r#"<w:jc w:val="right"/>"#
                        } else {
                            ""
                        };
                        let st = Style {
                            bold: c.header || header,
                            ..Style::default()
                        };
                        let _ = write!(
                            s,
                            r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{span_xml}{merge}{shade}</w:tcPr><w:p><w:pPr><w:pStyle w:val="TabelIsi"/>{jc}</w:pPr>{}</w:p></w:tc>"#,
                            runs(&c.content, st)
                        );
                    }
                }
            }
            s.push_str("</w:tr>");
        }
        s.push_str("</w:tbl>");
        self.body.push_str(&s);
        // Word needs a paragraph between two tables.
        self.body.push_str(&para(Some("TabelIsi"), "", ""));
    }

    /// Adds an image part; returns its relationship id.
    fn media(&mut self, name: String, bytes: Vec<u8>) -> String {
        self.media.push((name, bytes));
        format!("rIdGambar{}", self.media.len())
    }

    /// The cover's logo, 2,5 cm high, as a drawing run.
    fn logo(&mut self, (mime, data): &(String, Vec<u8>)) -> Option<String> {
        let (w, h) = crate::image::image_size(data)?;
        let ext = if mime == "image/jpeg" { "jpeg" } else { "png" };
        let rel = self.media(format!("logo.{ext}"), data.clone());
        let cy: u64 = 25 * 36_000;
        let cx = (cy * u64::from(w) / u64::from(h.max(1))).min(TEXT_EMU);
        Some(format!(
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="99" name="logo" descr="logo"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="99" name="logo"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
        ))
    }

    fn figure(&mut self, svg: &str, alt: &str, caption: &[Inline]) {
        self.figures += 1;
        let n = self.figures;
        let label = format!("{} {n}. {alt}", self.t("Gambar", "Figure"));
        match crate::raster::png(svg, 2.0) {
            Ok((png, w, h)) => {
                let name = format!("gambar{n}.png");
                let rel = self.media(name.clone(), png);
                let cx = (w as u64 * 9_525 / 2).min(TEXT_EMU);
                let cy = cx * h as u64 / w.max(1) as u64;
                let id = 100 + n;
                let drawing = format!(
                    r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{id}" name="{name}" descr="{alt}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{id}" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#,
                    alt = xml(alt),
                );
                self.body
                    .push_str(&para(Some("Gambar"), "<w:keepNext/>", &drawing));
            }
            Err(e) => {
                // Never silent: the caption says the chart could not be drawn.
                self.body.push_str(&para(
                    Some("Catatan"),
                    "",
                    &run(
                        &format!(
                            "{}: {e}",
                            self.t(
                                "Grafik tidak dapat digambar",
                                "The chart could not be drawn"
                            )
                        ),
                        Style::default(),
                    ),
                ));
            }
        }
        let mut cap = run(&label, Style::default());
        if !caption.is_empty() {
            cap.push_str(&run(". ", Style::default()));
            cap.push_str(&runs(caption, Style::default()));
        }
        self.body.push_str(&para(Some("Caption"), "", &cap));
    }

    fn finish(self, title: &str) -> Result<Vec<u8>, String> {
        let lang = if self.lang == Lang::En {
            "en-US"
        } else {
            "id-ID"
        };
        let body = self.body.replace("{{TOC}}", &self.toc_paragraphs());
        let page = self.t("Halaman", "Page");
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{body}<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>"#
        );
        let footer = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">{} — {page} </w:t></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>1</w:t></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>"#,
            xml(title)
        );
        // A numbering instance per list: bullets, or decimals restarting at 1.
        let mut nums = String::new();
        for (i, ordered) in self.lists.iter().enumerate() {
            let abs = if *ordered { 2 } else { 1 };
            let restart = if *ordered {
                r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>"#
            } else {
                ""
            };
            let _ = write!(
                nums,
                r#"<w:num w:numId="{}"><w:abstractNumId w:val="{abs}"/>{restart}</w:num>"#,
                i + 1
            );
        }
        let numbering = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>{nums}</w:numbering>"#
        );
        let mut rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>"#,
        );
        for (i, (name, _)) in self.media.iter().enumerate() {
            let n = i + 1;
            let _ = write!(
                rels,
                r#"<Relationship Id="rIdGambar{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/{name}"/>"#
            );
        }
        rels.push_str("</Relationships>");
        let core = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>monev</dc:creator><dc:language>{lang}</dc:language></cp:coreProperties>"#,
            xml(title)
        );
        let files: Vec<(&str, Vec<u8>)> = vec![
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
            ("_rels/.rels", ROOT_RELS.as_bytes().to_vec()),
            ("docProps/core.xml", core.into_bytes()),
            ("docProps/app.xml", APP.as_bytes().to_vec()),
            ("word/document.xml", document.into_bytes()),
            ("word/_rels/document.xml.rels", rels.into_bytes()),
            ("word/styles.xml", styles(lang).into_bytes()),
            ("word/settings.xml", SETTINGS.as_bytes().to_vec()),
            ("word/numbering.xml", numbering.into_bytes()),
            ("word/footer1.xml", footer.into_bytes()),
        ];
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let err = |e: &dyn std::fmt::Display| format!("DOCX: {e}");
        for (name, bytes) in files {
            zip.start_file(name, opts).map_err(|e| err(&e))?;
            zip.write_all(&bytes).map_err(|e| err(&e))?;
        }
        for (name, bytes) in &self.media {
            // PNG is compressed already.
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            zip.start_file(format!("word/media/{name}"), stored)
                .map_err(|e| err(&e))?;
            zip.write_all(bytes).map_err(|e| err(&e))?;
        }
        let cursor = zip.finish().map_err(|e| err(&e))?;
        Ok(cursor.into_inner())
    }
}

/// Writes blocks as a DOCX document titled `title`.
pub fn write(blocks: &[Block], lang: Lang, title: &str) -> Result<Vec<u8>, String> {
    let mut w = Writer {
        lang,
        body: String::with_capacity(256 * 1024),
        media: Vec::new(),
        figures: 0,
        lists: Vec::new(),
        headings: Vec::new(),
        short: false,
    };
    w.blocks(blocks, 0);
    if !w.short && !w.body.contains("{{TOC}}") {
        // No cover: the contents still open the document.
        let body = std::mem::take(&mut w.body);
        w.toc();
        w.body.push_str(&body);
    }
    w.finish(title)
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>monev</Application></Properties>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:updateFields w:val="true"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

fn styles(lang: &str) -> String {
    let heading = |id: u8, size: u32, before: u32| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="Heading{id}"><w:name w:val="heading {id}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="120"/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/><w:color w:val="1F4E79"/><w:sz w:val="{size}"/></w:rPr></w:style>"#,
            id - 1
        )
    };
    let toc = |id: u8| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="TOC{id}"><w:name w:val="toc {id}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="60"/><w:ind w:left="{}"/></w:pPr></w:style>"#,
            (id as u32 - 1) * 360
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="360"/></w:pPr><w:rPr><w:b/><w:color w:val="1F4E79"/><w:sz w:val="48"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:caps/><w:color w:val="595959"/><w:sz w:val="24"/></w:rPr></w:style>{}{}{}<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="240"/></w:pPr><w:rPr><w:b/><w:color w:val="1F4E79"/><w:sz w:val="32"/></w:rPr></w:style>{}{}{}<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:b/><w:color w:val="404040"/><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Gambar"><w:name w:val="Gambar"/><w:basedOn w:val="Normal"/><w:next w:val="Caption"/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0"/><w:jc w:val="center"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="29"/><w:qFormat/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:i/><w:color w:val="404040"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Atribusi"><w:name w:val="Atribusi"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr><w:color w:val="595959"/><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Bukti"><w:name w:val="Bukti"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:rPr><w:color w:val="595959"/><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TandaTangan"><w:name w:val="Tanda Tangan"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="0"/><w:ind w:left="5040"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="TandaTanganRuang"><w:name w:val="Tanda Tangan Ruang"/><w:basedOn w:val="TandaTangan"/><w:next w:val="TandaTangan"/><w:pPr><w:spacing w:before="600" w:after="600"/></w:pPr><w:rPr><w:color w:val="8C8C8C"/><w:sz w:val="16"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Catatan"><w:name w:val="Catatan"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:rPr><w:color w:val="404040"/><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:spacing w:after="60"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="TabelIsi"><w:name w:val="Tabel Isi"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="16"/></w:rPr></w:style><w:style w:type="character" w:styleId="Kode"><w:name w:val="Kode"/><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="table" w:styleId="TabelMonev"><w:name w:val="Tabel monev"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/><w:left w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/><w:right w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/></w:tblBorders><w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="60" w:type="dxa"/><w:bottom w:w="30" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#,
        heading(1, 32, 360),
        heading(2, 26, 240),
        heading(3, 22, 180),
        toc(1),
        toc(2),
        toc(3),
    )
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn part(docx: &[u8], name: &str) -> String {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn merged_cells_lie_on_one_grid() {
        let c = |t: &str, colspan, rowspan| Cell::th(t).cols(colspan).rows(rowspan);
        let t = Table {
            caption: Some("Tabel 5. Uji".into()),
            numbered: false,
            class: None,
            head: vec![
                vec![c("Instansi", 1, 2), c("Sebelum", 2, 1), c("Δ", 1, 2)],
                vec![c("n", 1, 1), c("IKM", 1, 1)],
            ],
            body: vec![vec![c("A", 1, 1), c("1", 1, 1), c("2", 1, 1), c("3", 1, 1)]],
        };
        let d = write(&[Block::Table(t)], Lang::Id, "Uji").unwrap();
        let doc = part(&d, "word/document.xml");
        assert_eq!(doc.matches("<w:gridCol ").count(), 4);
        // Second header row: a merged continuation at each edge, two cells between.
        let rows: Vec<&str> = doc.split("<w:tr>").skip(1).collect();
        assert_eq!(rows[0].matches("<w:tc>").count(), 3);
        assert_eq!(rows[1].matches("<w:tc>").count(), 4);
        assert_eq!(rows[1].matches("<w:vMerge/>").count(), 2);
        assert!(rows[0].contains(r#"<w:gridSpan w:val="2"/>"#));
        assert!(rows[0].contains("<w:tblHeader/>"));
        assert!(doc.contains("Tabel 5. Uji"));
    }

    #[test]
    fn the_demo_report_is_a_word_document_with_headings_contents_and_charts() {
        let data = monev_demo::generate(monev_demo::SEED);
        let e = monev_eval::evaluate(&data, &monev_eval::Config::default());
        for lang in [Lang::Id, Lang::En] {
            let d = docx(&e, lang).unwrap();
            let doc = part(&d, "word/document.xml");
            assert!(doc.contains(r#" TOC \o "1-3" \h \z \u "#));
            assert!(doc.contains(r#"<w:pStyle w:val="Heading1"/>"#));
            let blocks = crate::document(&e, lang);
            assert_eq!(
                doc.matches("<w:tbl>").count(),
                Table::all(&blocks).len() + 1,
                "every table, and the key figures"
            );
            let charts = blocks
                .iter()
                .filter(|b| matches!(b, Block::Figure { .. }))
                .count();
            assert!(charts >= 8, "{charts}");
            assert_eq!(doc.matches("<wp:inline").count(), charts);
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(&d)).unwrap();
            for n in 1..=charts {
                let mut png = Vec::new();
                z.by_name(&format!("word/media/gambar{n}.png"))
                    .unwrap()
                    .read_to_end(&mut png)
                    .unwrap();
                assert!(png.starts_with(b"\x89PNG"));
            }
            let (fig, contents) = match lang {
                Lang::Id => ("Gambar 1. ", "Daftar Isi"),
                Lang::En => ("Figure 1. ", "Contents"),
            };
            assert!(doc.contains(fig) && doc.contains(contents));
            for f in &e.temuan {
                let title = xml(f.title(lang));
                assert!(doc.contains(&title), "{title}");
            }
            // Well-formed XML in every part (a stray '<' breaks Word).
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(&d)).unwrap();
            let names: Vec<String> = (0..z.len())
                .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
                .collect();
            for name in names
                .iter()
                .filter(|n| n.ends_with(".xml") || n.ends_with(".rels"))
            {
                let mut x = String::new();
                z.by_name(name).unwrap().read_to_string(&mut x).unwrap();
                if let Err(e) = roxmltree::Document::parse(&x) {
                    panic!("{name}: {e}");
                }
            }
        }
    }
}
