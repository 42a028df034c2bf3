//! The document model as HTML: the self-contained report page and the
//! dashboard fragment the web application wraps. Every text is escaped here,
//! once; figures are numbered here ("Gambar 3. <the chart's title>."), tables
//! scroll sideways on a phone inside `div.tabel`.

use std::fmt::Write;

use monev_domain::Lang;

use crate::doc::{Block, Cell, Inline, Item, numbered};

/// Escapes text for an HTML text node or a double-quoted attribute.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

struct Html {
    lang: Lang,
    out: String,
    /// Figures get "Gambar n." (the report), or none (the dashboard).
    number_figures: bool,
    figures: usize,
    /// Written before every `#anchor` link (the dashboard links into the
    /// report page).
    anchor_base: &'static str,
}

/// The report page: `title` in the head, `style` (a `<style>` or `<link>`
/// element, trusted) after it, `lead` (trusted markup) first in the body,
/// then the blocks, numbered.
pub fn page(blocks: &[Block], lang: Lang, title: &str, style: &str, lead: &str) -> String {
    let mut h = Html {
        lang,
        out: String::with_capacity(64 * 1024),
        number_figures: true,
        figures: 0,
        anchor_base: "",
    };
    let _ = write!(
        h.out,
        r#"<!doctype html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title>{style}</head><body><main>"#,
        lang.code(),
        esc(title)
    );
    h.out.push_str(lead);
    h.blocks(&numbered(blocks, lang));
    h.out.push_str("</main></body></html>");
    h.out
}

/// A fragment for another page: figures unnumbered, `#anchor` links
/// pointing into the report at `report`.
pub fn fragment(blocks: &[Block], lang: Lang, report: &'static str) -> String {
    let mut h = Html {
        lang,
        out: String::with_capacity(32 * 1024),
        number_figures: false,
        figures: 0,
        anchor_base: report,
    };
    h.blocks(&numbered(blocks, lang));
    h.out
}

impl Html {
    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn inlines(&mut self, content: &[Inline]) {
        for i in content {
            match i {
                Inline::Text(t) => self.out.push_str(&esc(t)),
                Inline::Bold(c) => self.wrap("strong", c),
                Inline::Italic(c) => self.wrap("em", c),
                Inline::Code(t) => {
                    let _ = write!(self.out, "<code>{}</code>", esc(t));
                }
                Inline::Sub(t) => {
                    let _ = write!(self.out, "<sub>{}</sub>", esc(t));
                }
                Inline::Break => self.out.push_str("<br>"),
                Inline::Link { href, content } => {
                    let base = if href.starts_with('#') {
                        self.anchor_base
                    } else {
                        ""
                    };
                    let _ = write!(self.out, r#"<a href="{base}{}">"#, esc(href));
                    self.inlines(content);
                    self.out.push_str("</a>");
                }
                Inline::Span { class, content } => {
                    let _ = write!(self.out, r#"<span class="{}">"#, esc(class));
                    self.inlines(content);
                    self.out.push_str("</span>");
                }
            }
        }
    }

    fn wrap(&mut self, tag: &str, content: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(content);
        let _ = write!(self.out, "</{tag}>");
    }

    fn class(class: Option<&str>) -> String {
        class
            .map(|c| format!(r#" class="{}""#, esc(c)))
            .unwrap_or_default()
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Cover {
                kind,
                title,
                lines,
                logo,
                ..
            } => {
                self.out.push_str(r#"<header class="sampul">"#);
                if let Some((mime, bytes)) = logo {
                    let _ = write!(
                        self.out,
                        r#"<img class="logo" alt="logo" src="data:{};base64,{}">"#,
                        esc(mime),
                        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, bytes)
                    );
                }
                let lines: Vec<String> = lines.iter().map(|l| esc(l)).collect();
                let _ = write!(
                    self.out,
                    r#"<div class="jenis">{}</div><h1>{}</h1><p>{}</p></header>"#,
                    esc(kind),
                    esc(title),
                    lines.join("<br>")
                );
            }
            Block::Cards { label, cards } => {
                let _ = write!(
                    self.out,
                    r#"<section aria-label="{}"><div class="ringkasan">"#,
                    esc(label)
                );
                for c in cards {
                    let _ = write!(
                        self.out,
                        r#"<div class="kartu"><div class="angka">{}</div><div class="ket">{}</div></div>"#,
                        esc(&c.figure),
                        esc(&c.label)
                    );
                }
                self.out.push_str("</div></section>");
            }
            Block::Heading {
                level, text, id, ..
            } => {
                let id = id
                    .as_deref()
                    .map(|i| format!(r#" id="{}""#, esc(i)))
                    .unwrap_or_default();
                let _ = write!(self.out, "<h{level}{id}>{}</h{level}>", esc(text));
            }
            Block::Para { class, content } => {
                if class.as_deref() == Some("footer") {
                    self.wrap("footer", content);
                } else {
                    let _ = write!(self.out, "<p{}>", Self::class(class.as_deref()));
                    self.inlines(content);
                    self.out.push_str("</p>");
                }
            }
            Block::List {
                ordered,
                class,
                items,
            } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let _ = write!(self.out, "<{tag}{}>", Self::class(class.as_deref()));
                for i in items {
                    self.item(i);
                }
                let _ = write!(self.out, "</{tag}>");
            }
            Block::Quote { class, blocks } => {
                let _ = write!(self.out, "<blockquote{}>", Self::class(class.as_deref()));
                self.blocks(blocks);
                self.out.push_str("</blockquote>");
            }
            Block::Group { class, blocks } => {
                let _ = write!(self.out, r#"<div class="{}">"#, esc(class));
                self.blocks(blocks);
                self.out.push_str("</div>");
            }
            Block::Table(t) => {
                let _ = write!(
                    self.out,
                    r#"<div class="tabel"><table{}>"#,
                    Self::class(t.class.as_deref())
                );
                if let Some(c) = &t.caption {
                    let _ = write!(self.out, "<caption>{}</caption>", esc(c));
                }
                if !t.head.is_empty() {
                    self.out.push_str("<thead>");
                    for row in &t.head {
                        self.row(row, true);
                    }
                    self.out.push_str("</thead>");
                }
                self.out.push_str("<tbody>");
                for row in &t.body {
                    self.row(row, false);
                }
                self.out.push_str("</tbody></table></div>");
            }
            Block::Figure {
                svg,
                alt,
                caption,
                id,
            } => {
                let id = id
                    .as_deref()
                    .map(|i| format!(r#" id="{}""#, esc(i)))
                    .unwrap_or_default();
                // The chart is this crate's own SVG, escaped where it was drawn.
                let _ = write!(self.out, "<figure{id}>{svg}");
                if self.number_figures {
                    self.figures += 1;
                    let _ = write!(
                        self.out,
                        r#"<figcaption><span class="nomor">{} {}. {}.</span>"#,
                        self.lang.pick("Gambar", "Figure"),
                        self.figures,
                        esc(alt)
                    );
                    if !caption.is_empty() {
                        self.out.push(' ');
                        self.inlines(caption);
                    }
                    self.out.push_str("</figcaption>");
                } else if !caption.is_empty() {
                    self.wrap("figcaption", caption);
                }
                self.out.push_str("</figure>");
            }
        }
    }

    /// A list item; an item of one plain paragraph is written without `<p>`.
    fn item(&mut self, i: &Item) {
        let id =
            i.id.as_deref()
                .map(|i| format!(r#" id="{}""#, esc(i)))
                .unwrap_or_default();
        let _ = write!(self.out, "<li{id}>");
        match i.blocks.as_slice() {
            [
                Block::Para {
                    class: None,
                    content,
                },
            ] => self.inlines(content),
            blocks => self.blocks(blocks),
        }
        self.out.push_str("</li>");
    }

    fn row(&mut self, row: &[Cell], head: bool) {
        self.out.push_str("<tr>");
        for c in row {
            let tag = if head || c.header { "th" } else { "td" };
            let _ = write!(self.out, "<{tag}");
            if c.rowspan > 1 {
                let _ = write!(self.out, r#" rowspan="{}""#, c.rowspan);
            }
            if c.colspan > 1 {
                let _ = write!(self.out, r#" colspan="{}""#, c.colspan);
            }
            if c.num {
                self.out.push_str(r#" class="num""#);
            }
            self.out.push('>');
            self.inlines(&c.content);
            let _ = write!(self.out, "</{tag}>");
        }
        self.out.push_str("</tr>");
    }
}
