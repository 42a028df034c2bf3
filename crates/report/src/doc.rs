//! The report as a document model: the HTML report (the one source of the
//! report's words and figures) read back into blocks — cover, headings,
//! paragraphs with bold/italic/code runs, lists, quotes, tables with their
//! captions and merged cells, figures with their SVG — so that other formats
//! (DOCX, PDF) are written from exactly what the HTML says. The reader
//! handles the HTML this crate writes (well-formed, a known set of
//! elements); anything else is kept as text, never dropped.

/// A run of text inside a paragraph or a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Bold(Vec<Inline>),
    Italic(Vec<Inline>),
    Code(String),
    Sub(String),
    Break,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub content: Vec<Inline>,
    pub header: bool,
    /// Right-aligned figure.
    pub num: bool,
    pub colspan: usize,
    pub rowspan: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub caption: Option<String>,
    pub head: Vec<Vec<Cell>>,
    pub body: Vec<Vec<Cell>>,
}

/// A cell placed on the table's grid: where it starts, how many columns it
/// spans; `cell` is `None` where a cell from a row above continues down.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    pub cell: Option<&'a Cell>,
    pub col: usize,
    pub span: usize,
    /// In a header row.
    pub header: bool,
}

impl Table {
    /// Header and body rows laid on one grid (rowspans from above occupy
    /// their columns), and the number of grid columns.
    pub fn layout(&self) -> (usize, Vec<Vec<Placed<'_>>>) {
        let rows = self
            .head
            .iter()
            .map(|r| (r, true))
            .chain(self.body.iter().map(|r| (r, false)));
        // Per grid column: rows the cell above still covers, and its span.
        let mut carry: Vec<(usize, usize)> = Vec::new();
        let mut out = Vec::new();
        let mut cols = 0;
        for (row, header) in rows {
            let mut placed = Vec::new();
            let mut col = 0;
            let mut cells = row.iter();
            let mut next = cells.next();
            loop {
                if let Some(&(left, span)) = carry.get(col).filter(|(l, _)| *l > 0) {
                    placed.push(Placed {
                        cell: None,
                        col,
                        span,
                        header,
                    });
                    carry[col].0 = left - 1;
                    col += span;
                    continue;
                }
                let Some(cell) = next else { break };
                let span = cell.colspan.max(1);
                if carry.len() < col + span {
                    carry.resize(col + span, (0, 1));
                }
                carry[col] = (cell.rowspan.max(1) - 1, span);
                placed.push(Placed {
                    cell: Some(cell),
                    col,
                    span,
                    header,
                });
                col += span;
                next = cells.next();
            }
            cols = cols.max(col);
            out.push(placed);
        }
        (cols, out)
    }

    /// Every table among the blocks, in reading order (also those inside
    /// lists and quotes).
    pub fn all(blocks: &[Block]) -> Vec<&Table> {
        let mut out = Vec::new();
        for b in blocks {
            match b {
                Block::Table(t) => out.push(t),
                Block::List { items, .. } => {
                    for i in items {
                        out.extend(Table::all(i));
                    }
                }
                Block::Quote(q) => out.extend(Table::all(q)),
                _ => {}
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The cover: the kind of report, the title, the lines under it.
    Cover {
        kind: String,
        title: String,
        lines: Vec<String>,
        /// The programme's logo: its MIME type and bytes.
        logo: Option<(String, Vec<u8>)>,
    },
    /// Key figures: (figure, what it is).
    Cards(Vec<(String, String)>),
    Heading {
        level: u8,
        text: String,
        id: Option<String>,
    },
    Para {
        class: Option<String>,
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Table(Table),
    Figure {
        svg: String,
        /// The chart's own title (its `aria-label`).
        alt: String,
        caption: Vec<Inline>,
    },
}

/// Plain text of runs.
pub fn plain(content: &[Inline]) -> String {
    let mut s = String::new();
    for i in content {
        match i {
            Inline::Text(t) | Inline::Code(t) | Inline::Sub(t) => s.push_str(t),
            Inline::Bold(c) | Inline::Italic(c) => s.push_str(&plain(c)),
            Inline::Break => s.push('\n'),
        }
    }
    s
}

// ── a small reader for the HTML this crate writes ─────────────────────────

#[derive(Debug, Clone)]
enum Node {
    Element {
        name: String,
        attrs: Vec<(String, String)>,
        children: Vec<Node>,
    },
    Text(String),
    /// An `<svg>` element kept whole.
    Svg(String),
}

impl Node {
    fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Node::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
    fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }
}

const VOID: [&str; 6] = ["br", "img", "meta", "link", "input", "hr"];

/// An element still open while parsing: name, attributes, children so far.
type Open = (String, Vec<(String, String)>, Vec<Node>);

/// Decodes the character references the HTML writer produces (and numeric ones).
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|e| *e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_lowercase();
        rest = rest[name_end..].trim_start();
        if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            let (value, after) = match r.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = r[1..].find(q).map_or(r.len(), |i| i + 1);
                    (&r[1..close], r.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let e = r.find(char::is_whitespace).unwrap_or(r.len());
                    (&r[..e], &r[e..])
                }
            };
            out.push((name, unescape(value)));
            rest = after.trim_start();
        } else if !name.is_empty() {
            out.push((name, String::new()));
        } else {
            break;
        }
    }
    out
}

/// Parses HTML into a forest of nodes. Unclosed elements close at their
/// parent's end; stray end tags are ignored.
fn parse(html: &str) -> Vec<Node> {
    // Stack of open elements: (name, attrs, children).
    let mut stack: Vec<Open> = vec![(String::new(), Vec::new(), Vec::new())];
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut stack, rest);
            break;
        };
        if lt > 0 {
            push_text(&mut stack, &rest[..lt]);
        }
        rest = &rest[lt..];
        // A "<" that opens no tag ("p < 0,001") is text.
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            push_text(&mut stack, "<");
            rest = &rest[1..];
            continue;
        }
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        if rest.starts_with("<!") {
            rest = rest.find('>').map_or("", |e| &rest[e + 1..]);
            continue;
        }
        if rest.starts_with("<svg") {
            let end = rest.find("</svg>").map_or(rest.len(), |e| e + 6);
            if let Some(top) = stack.last_mut() {
                top.2.push(Node::Svg(rest[..end].to_string()));
            }
            rest = &rest[end..];
            continue;
        }
        let Some(gt) = rest.find('>') else {
            push_text(&mut stack, rest);
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_lowercase();
            if let Some(pos) = stack.iter().rposition(|(n, _, _)| *n == name)
                && pos > 0
            {
                while stack.len() > pos {
                    close(&mut stack);
                }
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let name = tag[..name_end].to_lowercase();
        let attrs = parse_attrs(&tag[name_end..]);
        if self_closing || VOID.contains(&name.as_str()) {
            if let Some(top) = stack.last_mut() {
                top.2.push(Node::Element {
                    name,
                    attrs,
                    children: Vec::new(),
                });
            }
        } else if name == "style" || name == "script" || name == "title" {
            let close_tag = format!("</{name}>");
            rest = rest
                .find(&close_tag)
                .map_or("", |e| &rest[e + close_tag.len()..]);
        } else {
            stack.push((name, attrs, Vec::new()));
        }
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    stack.pop().map(|t| t.2).unwrap_or_default()
}

fn push_text(stack: &mut [Open], text: &str) {
    if let Some(top) = stack.last_mut() {
        top.2.push(Node::Text(unescape(text)));
    }
}

fn close(stack: &mut Vec<Open>) {
    if let Some((name, attrs, children)) = stack.pop()
        && let Some(top) = stack.last_mut()
    {
        top.2.push(Node::Element {
            name,
            attrs,
            children,
        });
    }
}

// ── nodes to blocks ──────────────────────────────────────────────────────

const INLINE: [&str; 9] = ["strong", "b", "em", "i", "code", "sub", "a", "span", "br"];

fn is_inline(n: &Node) -> bool {
    match n {
        Node::Text(_) => true,
        Node::Element { name, .. } => INLINE.contains(&name.as_str()),
        Node::Svg(_) => false,
    }
}

fn inlines(nodes: &[Node]) -> Vec<Inline> {
    let mut out = Vec::new();
    for n in nodes {
        match n {
            Node::Text(t) => {
                // White space runs read as one space, as HTML renders them.
                let mut s = String::new();
                let mut space = false;
                for c in t.chars() {
                    if c.is_whitespace() && c != '\u{a0}' {
                        if !space {
                            s.push(' ');
                        }
                        space = true;
                    } else {
                        s.push(c);
                        space = false;
                    }
                }
                if !s.is_empty() {
                    out.push(Inline::Text(s));
                }
            }
            Node::Svg(_) => {}
            // The HTML's own figure number: each format numbers its figures.
            Node::Element { .. } if n.has_class("nomor") => {}
            Node::Element { name, children, .. } => match name.as_str() {
                "strong" | "b" => out.push(Inline::Bold(inlines(children))),
                "em" | "i" => out.push(Inline::Italic(inlines(children))),
                "code" => out.push(Inline::Code(plain(&inlines(children)))),
                "sub" => out.push(Inline::Sub(plain(&inlines(children)))),
                "br" => out.push(Inline::Break),
                _ => out.extend(inlines(children)),
            },
        }
    }
    out
}

/// Trims white space at the edges of a run list.
fn trimmed(mut v: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text(t)) = v.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = v.last_mut() {
        *t = t.trim_end().to_string();
    }
    v.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    v
}

fn text_of(nodes: &[Node]) -> String {
    plain(&trimmed(inlines(nodes)))
}

fn cells(row: &Node, header_row: bool) -> Vec<Cell> {
    let Node::Element { children, .. } = row else {
        return Vec::new();
    };
    children
        .iter()
        .filter_map(|c| match c {
            Node::Element { name, children, .. } if name == "td" || name == "th" => Some(Cell {
                content: trimmed(inlines(children)),
                header: header_row || name == "th",
                num: c.has_class("num"),
                colspan: c.attr("colspan").and_then(|v| v.parse().ok()).unwrap_or(1),
                rowspan: c.attr("rowspan").and_then(|v| v.parse().ok()).unwrap_or(1),
            }),
            _ => None,
        })
        .collect()
}

fn table(node: &Node) -> Table {
    let mut t = Table::default();
    let Node::Element { children, .. } = node else {
        return t;
    };
    for c in children {
        let Node::Element { name, children, .. } = c else {
            continue;
        };
        match name.as_str() {
            "caption" => t.caption = Some(text_of(children)),
            "thead" | "tbody" | "tfoot" => {
                for r in children
                    .iter()
                    .filter(|r| matches!(r, Node::Element { name, .. } if name == "tr"))
                {
                    let row = cells(r, name == "thead");
                    if name == "thead" {
                        t.head.push(row);
                    } else {
                        t.body.push(row);
                    }
                }
            }
            "tr" => t.body.push(cells(c, false)),
            _ => {}
        }
    }
    t
}

fn blocks(nodes: &[Node], out: &mut Vec<Block>) {
    let mut pending: Vec<Node> = Vec::new();
    let flush = |pending: &mut Vec<Node>, out: &mut Vec<Block>| {
        let content = trimmed(inlines(pending));
        if !content.is_empty() {
            out.push(Block::Para {
                class: None,
                content,
            });
        }
        pending.clear();
    };
    for n in nodes {
        if is_inline(n) {
            pending.push(n.clone());
            continue;
        }
        flush(&mut pending, out);
        block(n, out);
    }
    flush(&mut pending, out);
}

fn block(n: &Node, out: &mut Vec<Block>) {
    let Node::Element { name, children, .. } = n else {
        if let Node::Svg(svg) = n {
            out.push(figure(svg, Vec::new()));
        }
        return;
    };
    match name.as_str() {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => out.push(Block::Heading {
            level: name[1..].parse().unwrap_or(2),
            text: text_of(children),
            id: n.attr("id").map(str::to_string),
        }),
        "p" | "figcaption" => {
            let content = trimmed(inlines(children));
            if !content.is_empty() {
                out.push(Block::Para {
                    class: n.attr("class").map(str::to_string),
                    content,
                });
            }
        }
        "footer" => {
            let content = trimmed(inlines(children));
            if !content.is_empty() {
                out.push(Block::Para {
                    class: Some("footer".into()),
                    content,
                });
            }
        }
        "ul" | "ol" => {
            let items = children
                .iter()
                .filter(|c| matches!(c, Node::Element { name, .. } if name == "li"))
                .map(|li| {
                    let mut b = Vec::new();
                    if let Node::Element { children, .. } = li {
                        blocks(children, &mut b);
                    }
                    b
                })
                .collect();
            out.push(Block::List {
                ordered: name == "ol",
                items,
            });
        }
        "blockquote" => {
            let mut b = Vec::new();
            blocks(children, &mut b);
            out.push(Block::Quote(b));
        }
        "table" => out.push(Block::Table(table(n))),
        "figure" => {
            let svg = children.iter().find_map(|c| match c {
                Node::Svg(s) => Some(s.clone()),
                _ => None,
            });
            let caption = children
                .iter()
                .find_map(|c| match c {
                    Node::Element { name, children, .. } if name == "figcaption" => {
                        Some(trimmed(inlines(children)))
                    }
                    _ => None,
                })
                .unwrap_or_default();
            match svg {
                Some(svg) => out.push(figure(&svg, caption)),
                None => blocks(children, out),
            }
        }
        "header" if n.has_class("sampul") => {
            let kind = children
                .iter()
                .find(|c| c.has_class("jenis"))
                .map(|c| match c {
                    Node::Element { children, .. } => text_of(children),
                    _ => String::new(),
                })
                .unwrap_or_default();
            let title = children
                .iter()
                .find_map(|c| match c {
                    Node::Element { name, children, .. } if name == "h1" => Some(text_of(children)),
                    _ => None,
                })
                .unwrap_or_default();
            let lines = children
                .iter()
                .find_map(|c| match c {
                    Node::Element { name, children, .. } if name == "p" => Some(
                        plain(&trimmed(inlines(children)))
                            .lines()
                            .map(|l| l.trim().to_string())
                            .filter(|l| !l.is_empty())
                            .collect(),
                    ),
                    _ => None,
                })
                .unwrap_or_default();
            let logo = children
                .iter()
                .find(|c| c.has_class("logo"))
                .and_then(|c| c.attr("src"))
                .and_then(|src| {
                    let rest = src.strip_prefix("data:")?;
                    let (mime, data) = rest.split_once(";base64,")?;
                    Some((
                        mime.to_string(),
                        base64::Engine::decode(&base64::engine::general_purpose::STANDARD, data)
                            .ok()?,
                    ))
                });
            out.push(Block::Cover {
                kind,
                title,
                lines,
                logo,
            });
        }
        "div" if n.has_class("ringkasan") => {
            let cards = children
                .iter()
                .filter(|c| c.has_class("kartu"))
                .map(|c| {
                    let part = |class: &str| match c {
                        Node::Element { children, .. } => children
                            .iter()
                            .find(|x| x.has_class(class))
                            .map(|x| match x {
                                Node::Element { children, .. } => text_of(children),
                                _ => String::new(),
                            })
                            .unwrap_or_default(),
                        _ => String::new(),
                    };
                    (part("angka"), part("ket"))
                })
                .collect();
            out.push(Block::Cards(cards));
        }
        "head" | "style" | "script" | "nav" | "form" => {}
        _ => blocks(children, out),
    }
}

fn figure(svg: &str, caption: Vec<Inline>) -> Block {
    let alt = svg
        .find("aria-label=\"")
        .map(|i| &svg[i + 12..])
        .and_then(|r| r.find('"').map(|e| unescape(&r[..e])))
        .unwrap_or_default();
    Block::Figure {
        svg: svg.to_string(),
        alt,
        caption,
    }
}

/// The blocks of an HTML document (its `<body>`, or the whole text).
pub fn from_html(html: &str) -> Vec<Block> {
    let body = html
        .find("<body")
        .and_then(|i| html[i..].find('>').map(|e| &html[i + e + 1..]))
        .unwrap_or(html);
    let mut out = Vec::new();
    blocks(&parse(body), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_reads_back_as_blocks() {
        let html = r#"<html><head><style>p{}</style></head><body><main><header class="sampul"><div class="jenis">Laporan</div><h1>Program &amp; Uji</h1><p>Kota<br>Periode: 2025</p></header>
<h2 id="hasil">4. Hasil</h2><p>Naik <strong>12,5%</strong> (d<sub>z</sub> = 0,8; p < 0,001).</p>
<ul><li id="a"><h4>Judul</h4><p>Teks</p><blockquote><p>“Kutipan”</p><footer>— warga</footer></blockquote></li></ul>
<div class="tabel"><table><caption>Tabel 1. Uji</caption><thead><tr><th rowspan="2">A</th><th colspan="2" class="num">B</th></tr><tr><th class="num">n</th><th class="num">x</th></tr></thead><tbody><tr><td>Satu</td><td class="num">1.234</td><td class="num">5,6</td></tr></tbody></table></div>
<figure><svg xmlns="http://www.w3.org/2000/svg" aria-label="Grafik &lt;1&gt;"><text>x</text></svg><figcaption>Selisih</figcaption></figure></main></body></html>"#;
        let b = from_html(html);
        assert_eq!(
            b[0],
            Block::Cover {
                kind: "Laporan".into(),
                title: "Program & Uji".into(),
                lines: vec!["Kota".into(), "Periode: 2025".into()],
                logo: None,
            }
        );
        assert_eq!(
            b[1],
            Block::Heading {
                level: 2,
                text: "4. Hasil".into(),
                id: Some("hasil".into())
            }
        );
        assert_eq!(
            b[2],
            Block::Para {
                class: None,
                content: vec![
                    Inline::Text("Naik ".into()),
                    Inline::Bold(vec![Inline::Text("12,5%".into())]),
                    Inline::Text(" (d".into()),
                    Inline::Sub("z".into()),
                    Inline::Text(" = 0,8; p ".into()),
                    Inline::Text("<".into()),
                    Inline::Text(" 0,001).".into()),
                ]
            }
        );
        let Block::List { ordered, items } = &b[3] else {
            panic!("{:?}", b[3])
        };
        assert!(!ordered);
        assert!(matches!(&items[0][0], Block::Heading { level: 4, .. }));
        assert!(matches!(&items[0][2], Block::Quote(q) if q.len() == 2));
        let Block::Table(t) = &b[4] else {
            panic!("{:?}", b[4])
        };
        assert_eq!(t.caption.as_deref(), Some("Tabel 1. Uji"));
        assert_eq!((t.head.len(), t.body.len()), (2, 1));
        assert_eq!((t.head[0][0].rowspan, t.head[0][1].colspan), (2, 2));
        assert!(t.body[0][1].num && !t.body[0][0].num);
        assert_eq!(plain(&t.body[0][1].content), "1.234");
        let Block::Figure { alt, caption, svg } = &b[5] else {
            panic!("{:?}", b[5])
        };
        assert_eq!(alt, "Grafik <1>");
        assert_eq!(plain(caption), "Selisih");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(b.len(), 6);
    }

    #[test]
    fn the_demo_report_keeps_every_table_and_figure() {
        let data = monev_demo::generate(monev_demo::SEED);
        let e = monev_eval::evaluate(&data, &monev_eval::Config::default());
        let html = crate::html(&e, monev_domain::Lang::Id);
        let b = from_html(&html);
        let tables = b.iter().filter(|x| matches!(x, Block::Table(_))).count()
            + b.iter()
                .filter_map(|x| match x {
                    Block::List { items, .. } => Some(items),
                    _ => None,
                })
                .flatten()
                .flatten()
                .filter(|x| matches!(x, Block::Table(_)))
                .count();
        assert_eq!(tables, html.matches("<table").count());
        let figures = b
            .iter()
            .filter(|x| matches!(x, Block::Figure { .. }))
            .count();
        assert_eq!(figures, html.matches("<svg").count());
        assert!(matches!(b[0], Block::Cover { .. }));
        // Every word of the report survives: the text of the blocks holds
        // every finding's title.
        let text = format!("{b:?}");
        for f in &e.temuan {
            assert!(text.contains(&f.judul[0]), "{}", f.judul[0]);
        }
    }
}
