//! The report as a document model: what the sections build from an
//! [`Evaluasi`](monev_eval::Evaluasi) and what every format is written from
//! (HTML in [`crate::html`], DOCX, PDF, the XLSX annex). A cover, headings,
//! paragraphs of typed runs, lists, quotes, tables with merged cells whose
//! figures carry their unrounded value and number format, figures with their
//! chart. Nothing here is parsed back from a rendered format.
//!
//! Numbers are the renderers' business: sections mark a heading or a table
//! as numbered, and [`numbered`] gives every format the same "4.1", "Tabel 3."
//! in reading order, so a section left out renumbers the ones after it.

use monev_domain::Lang;
use monev_domain::format::number;

/// A run of text inside a paragraph or a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Bold(Vec<Inline>),
    Italic(Vec<Inline>),
    Code(String),
    Sub(String),
    Break,
    /// A link (inside the report: `#anchor`); formats without links keep
    /// the text.
    Link {
        href: String,
        content: Vec<Inline>,
    },
    /// Text with a look of its own in HTML (`catatan`, `kutipan`, `mutu
    /// mutu-B`); other formats keep the text.
    Span {
        class: String,
        content: Vec<Inline>,
    },
}

/// Plain text.
pub fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

/// Bold text.
pub fn bold(s: impl Into<String>) -> Inline {
    Inline::Bold(vec![Inline::Text(s.into())])
}

/// A link around `content`.
pub fn link(href: impl Into<String>, content: Vec<Inline>) -> Inline {
    Inline::Link {
        href: href.into(),
        content,
    }
}

/// Text in a span of `class`.
pub fn span(class: &str, content: Vec<Inline>) -> Inline {
    Inline::Span {
        class: class.into(),
        content,
    }
}

/// A figure's value and the Excel number format that shows it as the report
/// does; the value is unrounded (a per cent is a fraction: 0,881 for 88,1%).
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    pub value: f64,
    pub format: String,
}

fn digits(decimals: usize) -> String {
    if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(decimals))
    }
}

impl Num {
    /// `v` shown with `decimals` decimals; nothing for a missing value.
    pub fn decimals(v: f64, decimals: usize) -> Option<Num> {
        v.is_finite().then(|| Num {
            value: v,
            format: digits(decimals),
        })
    }
    /// A percentage `v` (0–100) shown with `decimals` decimals and "%".
    pub fn percent(v: f64, decimals: usize) -> Option<Num> {
        v.is_finite().then(|| Num {
            value: v / 100.0,
            format: format!("{}%", digits(decimals).trim_start_matches("#,##")),
        })
    }
    /// Rupiah, whole.
    pub fn rupiah(v: f64, lang: Lang) -> Option<Num> {
        v.is_finite().then(|| Num {
            value: v,
            format: format!("\"{} \"#,##0", lang.pick("Rp", "IDR")),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub content: Vec<Inline>,
    pub header: bool,
    /// Right-aligned figure.
    pub num: bool,
    /// The figure behind the text, when the cell is one figure.
    pub value: Option<Num>,
    pub colspan: usize,
    pub rowspan: usize,
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::runs(vec![text(s)])
    }
    /// A cell of runs.
    pub fn runs(content: Vec<Inline>) -> Cell {
        Cell {
            content,
            header: false,
            num: false,
            value: None,
            colspan: 1,
            rowspan: 1,
        }
    }
    /// A header cell.
    pub fn th(s: impl Into<String>) -> Cell {
        Cell {
            header: true,
            ..Cell::text(s)
        }
    }
    /// A right-aligned header cell (over figures).
    pub fn th_num(s: impl Into<String>) -> Cell {
        Cell {
            num: true,
            ..Cell::th(s)
        }
    }
    /// A figure shown as `shown`, worth `value`.
    pub fn figure(shown: String, value: Option<Num>) -> Cell {
        Cell {
            num: true,
            value,
            ..Cell::text(shown)
        }
    }
    /// Right-aligned text that is not one figure ("15,7 – 20,0", "< 0,001").
    pub fn num_text(s: impl Into<String>) -> Cell {
        Cell {
            num: true,
            ..Cell::text(s)
        }
    }
    /// Right-aligned runs.
    pub fn num_runs(content: Vec<Inline>) -> Cell {
        Cell {
            num: true,
            ..Cell::runs(content)
        }
    }
    /// Spanning `n` columns.
    pub fn cols(self, n: usize) -> Cell {
        Cell { colspan: n, ..self }
    }
    /// Spanning `n` rows.
    pub fn rows(self, n: usize) -> Cell {
        Cell { rowspan: n, ..self }
    }
    /// As a header cell.
    pub fn header(self) -> Cell {
        Cell {
            header: true,
            ..self
        }
    }
}

/// A number shown for `lang` with `decimals`, with its value.
pub fn figure(v: f64, decimals: usize, lang: Lang) -> Cell {
    Cell::figure(number(v, decimals, lang), Num::decimals(v, decimals))
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub caption: Option<String>,
    /// Counted as "Tabel n." before its caption.
    pub numbered: bool,
    /// A look of its own in HTML.
    pub class: Option<String>,
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
    /// A table numbered in the report, with its caption.
    pub fn numbered(caption: impl Into<String>) -> Table {
        Table {
            caption: Some(caption.into()),
            numbered: true,
            ..Table::default()
        }
    }
    /// A table with a caption and no number.
    pub fn captioned(caption: impl Into<String>) -> Table {
        Table {
            caption: Some(caption.into()),
            ..Table::default()
        }
    }

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
    /// lists, quotes and groups).
    pub fn all(blocks: &[Block]) -> Vec<&Table> {
        let mut out = Vec::new();
        for b in blocks {
            match b {
                Block::Table(t) => out.push(t),
                Block::List { items, .. } => {
                    for i in items {
                        out.extend(Table::all(&i.blocks));
                    }
                }
                Block::Quote { blocks, .. } | Block::Group { blocks, .. } => {
                    out.extend(Table::all(blocks))
                }
                _ => {}
            }
        }
        out
    }
}

/// A key figure on the summary's cards.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// As shown ("88,1%", "71,2 → 80,4").
    pub figure: String,
    /// The figure behind it, when it is one.
    pub value: Option<Num>,
    /// What it is.
    pub label: String,
}

/// An item of a list: an anchor and its blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: Option<String>,
    pub blocks: Vec<Block>,
}

impl Item {
    /// An item of one paragraph.
    pub fn runs(content: Vec<Inline>) -> Item {
        Item {
            id: None,
            blocks: vec![Block::Para {
                class: None,
                content,
            }],
        }
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
        /// A short report's cover: at the top of the first page, with no
        /// contents after it (the evaluation's has a page of its own, then
        /// the contents).
        short: bool,
    },
    /// Key figures, under a label for screen readers.
    Cards {
        label: String,
        cards: Vec<Card>,
    },
    Heading {
        level: u8,
        text: String,
        id: Option<String>,
        /// Counted in the section numbering ("4.", "4.1").
        numbered: bool,
    },
    /// A paragraph; `class` gives its role (`bukti`, `catatan`, `footer`
    /// for an attribution or the page's foot, `ttd` for the signature).
    Para {
        class: Option<String>,
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        class: Option<String>,
        items: Vec<Item>,
    },
    Quote {
        class: Option<String>,
        blocks: Vec<Block>,
    },
    /// Blocks that belong together (a finding's voices, the signature).
    Group {
        class: String,
        blocks: Vec<Block>,
    },
    Table(Table),
    Figure {
        svg: String,
        /// The chart's own title.
        alt: String,
        caption: Vec<Inline>,
        id: Option<String>,
    },
}

impl Block {
    /// A paragraph of runs.
    pub fn para(content: Vec<Inline>) -> Block {
        Block::Para {
            class: None,
            content,
        }
    }
    /// A paragraph of runs with a role.
    pub fn para_class(class: &str, content: Vec<Inline>) -> Block {
        Block::Para {
            class: Some(class.into()),
            content,
        }
    }
}

/// Plain text of runs.
pub fn plain(content: &[Inline]) -> String {
    let mut s = String::new();
    for i in content {
        match i {
            Inline::Text(t) | Inline::Code(t) | Inline::Sub(t) => s.push_str(t),
            Inline::Bold(c)
            | Inline::Italic(c)
            | Inline::Link { content: c, .. }
            | Inline::Span { content: c, .. } => s.push_str(&plain(c)),
            Inline::Break => s.push('\n'),
        }
    }
    s
}

/// Counters for [`numbered`].
#[derive(Default)]
struct Counters {
    section: usize,
    sub: usize,
    table: usize,
}

/// The blocks with their numbers written in: "4. Hasil", "4.1 Partisipasi",
/// "Tabel 3. …", counted in reading order over the numbered ones.
pub fn numbered(blocks: &[Block], lang: Lang) -> Vec<Block> {
    let mut c = Counters::default();
    number_all(blocks, lang, &mut c)
}

fn number_all(blocks: &[Block], lang: Lang, c: &mut Counters) -> Vec<Block> {
    blocks.iter().map(|b| number_one(b, lang, c)).collect()
}

fn number_one(b: &Block, lang: Lang, c: &mut Counters) -> Block {
    match b {
        Block::Heading {
            level,
            text,
            id,
            numbered: true,
        } => {
            let text = match level {
                2 => {
                    c.section += 1;
                    c.sub = 0;
                    format!("{}. {text}", c.section)
                }
                _ => {
                    c.sub += 1;
                    format!("{}.{} {text}", c.section, c.sub)
                }
            };
            Block::Heading {
                level: *level,
                text,
                id: id.clone(),
                numbered: false,
            }
        }
        Block::Table(t) if t.numbered => {
            c.table += 1;
            let mut t = t.clone();
            t.caption = Some(format!(
                "{} {}. {}",
                lang.pick("Tabel", "Table"),
                c.table,
                t.caption.unwrap_or_default()
            ));
            t.numbered = false;
            Block::Table(t)
        }
        Block::List {
            ordered,
            class,
            items,
        } => Block::List {
            ordered: *ordered,
            class: class.clone(),
            items: items
                .iter()
                .map(|i| Item {
                    id: i.id.clone(),
                    blocks: number_all(&i.blocks, lang, c),
                })
                .collect(),
        },
        Block::Quote { class, blocks } => Block::Quote {
            class: class.clone(),
            blocks: number_all(blocks, lang, c),
        },
        Block::Group { class, blocks } => Block::Group {
            class: class.clone(),
            blocks: number_all(blocks, lang, c),
        },
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, t: &str, numbered: bool) -> Block {
        Block::Heading {
            level,
            text: t.into(),
            id: None,
            numbered,
        }
    }

    #[test]
    fn numbers_follow_reading_order_and_skip_what_is_left_out() {
        let blocks = vec![
            h(2, "Ringkasan", false),
            h(2, "Latar", true),
            h(2, "Hasil", true),
            h(3, "Partisipasi", true),
            Block::Table(Table::numbered("Partisipasi")),
            h(3, "Catatan", false),
            Block::Table(Table::captioned("Tanpa nomor")),
            // "Reaksi" left out: the next is 4.2, the next table 2.
            h(3, "Pembelajaran", true),
            Block::Table(Table::numbered("Pre/post")),
            h(2, "Kendala", true),
        ];
        let n = numbered(&blocks, Lang::Id);
        let texts: Vec<String> = n
            .iter()
            .map(|b| match b {
                Block::Heading { text, .. } => text.clone(),
                Block::Table(t) => t.caption.clone().unwrap_or_default(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "Ringkasan",
                "1. Latar",
                "2. Hasil",
                "2.1 Partisipasi",
                "Tabel 1. Partisipasi",
                "Catatan",
                "Tanpa nomor",
                "2.2 Pembelajaran",
                "Tabel 2. Pre/post",
                "3. Kendala"
            ]
        );
        let en = numbered(&blocks[4..5], Lang::En);
        assert!(
            matches!(&en[0], Block::Table(t) if t.caption.as_deref() == Some("Table 1. Partisipasi"))
        );
    }

    #[test]
    fn a_figure_keeps_its_value_and_format() {
        assert_eq!(
            Num::decimals(1234.56, 1),
            Some(Num {
                value: 1234.56,
                format: "#,##0.0".into()
            })
        );
        assert_eq!(Num::percent(88.123, 1).unwrap().format, "0.0%");
        assert!((Num::percent(88.123, 1).unwrap().value - 0.88123).abs() < 1e-15);
        assert_eq!(Num::percent(100.0, 0).unwrap().format, "0%");
        assert_eq!(Num::rupiah(5.0, Lang::Id).unwrap().format, "\"Rp \"#,##0");
        assert_eq!(Num::rupiah(5.0, Lang::En).unwrap().format, "\"IDR \"#,##0");
        assert_eq!(Num::decimals(f64::NAN, 2), None);
        let c = figure(-0.6251, 2, Lang::Id);
        assert_eq!(plain(&c.content), "−0,63");
        assert_eq!(c.value.unwrap().value, -0.6251);
    }
}
