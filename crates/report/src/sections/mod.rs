//! The report's sections, one per file, each adding its blocks to the
//! document (`crate::doc`) from the [`Evaluasi`]: every figure shown comes
//! from it, formatted for the reader's language here and nowhere else.

mod dashboard;
mod hasil;
mod metodologi;
mod pembuka;
mod penutup;
mod temuan;

use std::cell::RefCell;

use monev_domain::format::number;
use monev_domain::{Kelompok, Lang};
use monev_eval::Evaluasi;
use monev_eval::rules::Finding;

use crate::doc::{Block, Cell, Inline, Num, Table, bold, text};
use crate::teks::Teks;
use monev_domain::teks::{Catalogue, fill};

pub use dashboard::dashboard;

/// The report's blocks, in order.
pub fn document(e: &Evaluasi, lang: Lang) -> Vec<Block> {
    let mut r = R::new(e, lang);
    pembuka::sampul(&mut r);
    pembuka::ringkasan_eksekutif(&mut r);
    pembuka::latar_belakang(&mut r);
    pembuka::tujuan(&mut r);
    metodologi::metodologi(&mut r);
    hasil::hasil(&mut r);
    temuan::kendala(&mut r);
    temuan::rekomendasi(&mut r);
    penutup::kesimpulan(&mut r);
    penutup::keterbatasan(&mut r);
    penutup::tanda_tangan(&mut r);
    penutup::lampiran(&mut r);
    penutup::kaki(&mut r);
    r.out
}

/// The report being written: the evaluation, the reader's language, the
/// blocks so far.
pub(crate) struct R<'a> {
    pub e: &'a Evaluasi,
    pub lang: Lang,
    pub out: Vec<Block>,
}

impl<'a> R<'a> {
    fn new(e: &'a Evaluasi, lang: Lang) -> R<'a> {
        R {
            e,
            lang,
            out: Vec::new(),
        }
    }
    fn t<'b>(&self, id: &'b str, en: &'b str) -> &'b str {
        self.lang.pick(id, en)
    }
    fn n(&self, v: f64, d: usize) -> String {
        number(v, d, self.lang)
    }
    fn count(&self, v: impl Whole) -> String {
        number(v.whole(), 0, self.lang)
    }
    fn pct(&self, v: f64) -> String {
        if v.is_finite() {
            format!("{}%", self.n(v, 1))
        } else {
            "–".into()
        }
    }
    fn rp(&self, v: f64) -> String {
        if !v.is_finite() {
            return "–".into();
        }
        format!("{} {}", self.t("Rp", "IDR"), self.n(v, 0))
    }
    fn p(&self, p: f64) -> String {
        if !p.is_finite() {
            "–".into()
        } else if p < 0.001 {
            format!("< {}", self.n(0.001, 3))
        } else {
            format!("= {}", self.n(p, 3))
        }
    }

    // ── cells of figures ──
    fn fig(&self, v: f64, d: usize) -> Cell {
        crate::doc::figure(v, d, self.lang)
    }
    fn int(&self, v: impl Whole) -> Cell {
        self.fig(v.whole(), 0)
    }
    fn pct_cell(&self, v: f64) -> Cell {
        Cell::figure(self.pct(v), Num::percent(v, 1))
    }
    fn rp_cell(&self, v: f64) -> Cell {
        Cell::figure(self.rp(v), Num::rupiah(v, self.lang))
    }
    /// A change with its sign: "+1,2" / "−0,8".
    fn signed_cell(&self, v: f64, d: usize) -> Cell {
        Cell::figure(signed(self, v, d), Num::decimals(v, d))
    }

    // ── blocks ──
    fn push(&mut self, b: Block) {
        self.out.push(b);
    }
    fn heading(&mut self, level: u8, id: &str, text: &str, numbered: bool) {
        self.push(Block::Heading {
            level,
            text: text.to_string(),
            id: (!id.is_empty()).then(|| id.to_string()),
            numbered,
        });
    }
    /// A numbered section.
    fn h2(&mut self, id: &str, id_text: &str, en_text: &str) {
        let t = self.t(id_text, en_text).to_string();
        self.heading(2, id, &t, true);
    }
    /// A numbered subsection.
    fn h3(&mut self, id: &str, id_text: &str, en_text: &str) {
        let t = self.t(id_text, en_text).to_string();
        self.heading(3, id, &t, true);
    }
    fn para(&mut self, content: Vec<Inline>) {
        self.push(Block::para(content));
    }
    fn text(&mut self, s: impl Into<String>) {
        self.para(vec![text(s)]);
    }
    fn note(&mut self, s: impl Into<String>) {
        self.push(Block::para_class("catatan", vec![text(s)]));
    }
    fn table(&mut self, t: Table) {
        self.push(Block::Table(t));
    }
    fn figure(&mut self, chart: crate::charts::Chart) {
        self.figure_with(chart, Vec::new(), None);
    }
    fn figure_with(&mut self, chart: crate::charts::Chart, caption: Vec<Inline>, id: Option<&str>) {
        self.push(Block::Figure {
            svg: chart.svg,
            alt: chart.title,
            caption,
            id: id.map(str::to_string),
        });
    }

    fn kelompok(&self, k: Kelompok) -> &'static str {
        match k {
            Kelompok::Intervensi => self.lang.pick("Intervensi", "Intervention"),
            Kelompok::Pembanding => self.lang.pick("Pembanding", "Comparison"),
        }
    }

    /// A sentence of the catalogue, filled, as plain text.
    fn say(&self, t: Teks, args: &[(&str, &str)]) -> String {
        fill(t.template(self.lang), args)
    }

    /// A sentence of the catalogue, filled, as runs: `**bold**`,
    /// `~subscript~` and `` `code` `` in the template (never in a value).
    fn say_runs(&self, t: Teks, args: &[(&str, &str)]) -> Vec<Inline> {
        runs(t.template(self.lang), args)
    }

    /// A finding's sentence, its figures in bold (a caveat reads as plain
    /// text).
    fn sentence(&self, f: &Finding) -> Vec<Inline> {
        let runs: RefCell<Vec<Inline>> = RefCell::new(Vec::new());
        f.render_with(self.lang, |name, v| {
            let mut runs = runs.borrow_mut();
            if name.is_empty() || v.is_empty() || name == "rapuh" {
                if v.is_empty() {
                    return String::new();
                }
                match runs.last_mut() {
                    Some(Inline::Text(t)) => t.push_str(v),
                    _ => runs.push(text(v)),
                }
            } else {
                runs.push(bold(v));
            }
            String::new()
        });
        runs.into_inner()
    }
}

/// A template's marks as runs, each text filled with the values.
fn runs(template: &str, args: &[(&str, &str)]) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = template;
    let mark = |s: &str| {
        [("**", 0u8), ("~", 1), ("`", 2)]
            .into_iter()
            .filter_map(|(m, k)| s.find(m).map(|i| (i, m, k)))
            .min_by_key(|(i, _, _)| *i)
    };
    while let Some((i, m, kind)) = mark(rest) {
        let after = &rest[i + m.len()..];
        let Some(end) = after.find(m) else { break };
        if i > 0 {
            out.push(text(fill(&rest[..i], args)));
        }
        let inner = &after[..end];
        out.push(match kind {
            // Bold may hold a subscript or code.
            0 => Inline::Bold(runs(inner, args)),
            1 => Inline::Sub(fill(inner, args)),
            _ => Inline::Code(fill(inner, args)),
        });
        rest = &after[end + m.len()..];
    }
    if !rest.is_empty() {
        out.push(text(fill(rest, args)));
    }
    out
}

/// A count, whatever its integer type.
trait Whole {
    fn whole(self) -> f64;
}

impl Whole for usize {
    fn whole(self) -> f64 {
        self as f64
    }
}

impl Whole for u64 {
    fn whole(self) -> f64 {
        self as f64
    }
}

/// A change with its sign: "+1,2" / "−0,8".
fn signed(r: &R<'_>, v: f64, d: usize) -> String {
    if v > 0.0 {
        format!("+{}", r.n(v, d))
    } else {
        r.n(v, d)
    }
}

/// "Partisipasi ASN rendah" → "partisipasi ASN rendah": only the first
/// letter, so acronyms keep their capitals inside a sentence.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A grade as a coloured badge; "–" for none.
fn mutu(m: Option<monev_eval::Mutu>) -> Inline {
    match m {
        Some(m) => crate::doc::span(&format!("mutu mutu-{m:?}"), vec![text(format!("{m:?}"))]),
        None => text("–"),
    }
}

fn rejected(f: &Finding) -> bool {
    f.keputusan
        .as_ref()
        .is_some_and(|k| k.status == monev_domain::StatusRekomendasi::Tolak)
}

fn find(e: &Evaluasi, k: Kelompok, f: monev_eval::Fase) -> Option<&monev_eval::SkmGroup> {
    e.skm
        .per_kelompok
        .iter()
        .find(|g| g.kelompok == k && g.fase == f)
}
