//! Writes an [`Evaluasi`] for machines (`evaluasi.json`, unrounded, its
//! schema in `schema/evaluasi.schema.json`) and for people (`laporan.html`:
//! the seed report's structure, Indonesian or English, tables and SVG charts,
//! every claim beside its figure, test and n).
//!
//! Pure: returns strings; the CLI writes the files.

pub mod annex;
pub mod doc;
pub mod docx;
pub mod image;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod qr;
pub mod raster;
mod svg;
pub mod table;

use std::fmt::Write;

use monev_domain::format::{date_long, number};
use monev_domain::{Kelompok, Lang, StatusRekomendasi, UNSUR};
use monev_eval::rules::{Finding, Jenis, effect_name};
use monev_eval::{Evaluasi, Fase, Mutu};

/// The JSON Schema of `evaluasi.json`.
pub const SCHEMA: &str = include_str!("../schema/evaluasi.schema.json");

/// `evaluasi.json`: every figure, unrounded; missing values are `null`.
pub fn json(e: &Evaluasi) -> String {
    serde_json::to_string_pretty(e).expect("the evaluation serialises")
}

/// Escapes text for HTML.
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

struct R<'a> {
    e: &'a Evaluasi,
    lang: Lang,
    out: String,
}

impl R<'_> {
    fn t<'b>(&self, id: &'b str, en: &'b str) -> &'b str {
        self.lang.pick(id, en)
    }
    fn n(&self, v: f64, d: usize) -> String {
        number(v, d, self.lang)
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
    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }
    fn kelompok(&self, k: Kelompok) -> &'static str {
        match k {
            Kelompok::Intervensi => self.lang.pick("Intervensi", "Intervention"),
            Kelompok::Pembanding => self.lang.pick("Pembanding", "Comparison"),
        }
    }
    /// Fills a finding's template with its arguments, formatted for the reader.
    fn sentence(&self, f: &Finding) -> String {
        // Figures stand out in bold; a caveat sentence reads as plain text.
        f.render_with(self.lang, |name, v| {
            if name.is_empty() || v.is_empty() || name == "rapuh" {
                esc(v)
            } else {
                format!("<strong>{}</strong>", esc(v))
            }
        })
    }

    fn bukti(&self, f: &Finding) -> String {
        let links: Vec<String> = f
            .bukti
            .iter()
            .map(|b| {
                let anchor = b.split(['.', '[']).next().unwrap_or(b);
                format!(r##"<a href="#{anchor}"><code>{}</code></a>"##, esc(b))
            })
            .collect();
        format!(
            r#"<p class="bukti">{}: {}</p>"#,
            self.t("Bukti", "Evidence"),
            links.join(", ")
        )
    }

    /// The interview evidence of a finding: how many interviews bear on it
    /// and a few de-identified quotes, attributed by group only. A
    /// constraint without any, in a programme with interviews, says so.
    fn voices(&self, f: &Finding) -> String {
        let q = &self.e.kualitatif;
        if (q.wawancara == 0 && q.dokumen == 0) || f.jenis == Jenis::Rekomendasi {
            return String::new();
        }
        let Some(t) = q.triangulasi.iter().find(|t| t.temuan == f.kode) else {
            return if f.jenis == Jenis::Kendala {
                format!(
                    r#"<p class="suara kosong">{}</p>"#,
                    self.t(
                        "Tidak ada kutipan wawancara yang dikodekan untuk kendala ini.",
                        "No interview passage was coded for this constraint."
                    )
                )
            } else {
                String::new()
            };
        };
        let mut s = String::from(r#"<div class="suara">"#);
        if t.wawancara > 0 {
            let _ = write!(
                s,
                r#"<p class="bukti">{} {} {} {}:</p>"#,
                self.t("Suara dari", "Voices from"),
                self.n(t.wawancara as f64, 0),
                self.t("dari", "of"),
                self.t(
                    &format!("{} wawancara", self.n(q.wawancara as f64, 0)),
                    &format!("{} interviews", self.n(q.wawancara as f64, 0))
                ),
            );
        }
        for k in &t.kutipan {
            let _ = write!(
                s,
                "<blockquote><p>“{}”</p><footer>— {}{}</footer></blockquote>",
                esc(&k.teks),
                esc(self.lang.pick(&k.atribusi, &k.atribusi_en)),
                if k.bertentangan {
                    self.t(
                        " · bertentangan dengan angka",
                        " · goes against the figures",
                    )
                } else {
                    ""
                }
            );
        }
        if t.dokumen > 0 {
            let _ = write!(
                s,
                r#"<p class="bukti">{} {} {} {}:</p>"#,
                self.t("Dokumen:", "Documents:"),
                self.n(t.dokumen as f64, 0),
                self.t("dari", "of"),
                self.t(
                    &format!("{} dokumen", self.n(q.dokumen as f64, 0)),
                    &format!("{} documents", self.n(q.dokumen as f64, 0))
                ),
            );
            for d in &t.kutipan_dokumen {
                let _ = write!(
                    s,
                    r#"<blockquote class="dokumen"><p>“{}”</p><footer>— {}, {}</footer></blockquote>"#,
                    esc(&d.teks),
                    esc(&d.judul),
                    esc(self.jenis_dokumen(&d.jenis)),
                );
            }
        }
        s.push_str("</div>");
        s
    }

    fn jenis_dokumen(&self, code: &str) -> &'static str {
        let j =
            monev_domain::JenisDokumen::parse(code).unwrap_or(monev_domain::JenisDokumen::Lainnya);
        let (id, en) = j.label();
        self.lang.pick(id, en)
    }

    /// For each result and constraint: the figure, the interview evidence
    /// and the document evidence side by side (issue: triangulation).
    fn triangulation_table(&mut self, number: usize) {
        let q = &self.e.kualitatif;
        if q.wawancara == 0 && q.dokumen == 0 {
            return;
        }
        let list: Vec<&Finding> = self
            .e
            .temuan
            .iter()
            .filter(|f| f.jenis != Jenis::Rekomendasi)
            .collect();
        if list.is_empty() {
            return;
        }
        let cap = match self.lang {
            Lang::Id => {
                format!("Tabel {number}. Triangulasi: angka, wawancara dan dokumen per temuan")
            }
            Lang::En => format!(
                "Table {number}. Triangulation: figures, interviews and documents per finding"
            ),
        };
        let mut s = format!(
            r#"<table class="triangulasi"><caption>{cap}</caption><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
            self.t("Temuan", "Finding"),
            self.t("Angka", "Figures"),
            self.t("Wawancara", "Interviews"),
            self.t("Dokumen", "Documents"),
        );
        for f in list {
            let t = q.triangulasi.iter().find(|t| t.temuan == f.kode);
            let interviews = match t {
                Some(t) if t.wawancara > 0 => {
                    let quote = t
                        .kutipan
                        .first()
                        .map(|k| {
                            format!(
                                r#"<br><span class="kutipan">“{}”</span> — {}"#,
                                esc(&k.teks),
                                esc(self.lang.pick(&k.atribusi, &k.atribusi_en))
                            )
                        })
                        .unwrap_or_default();
                    format!(
                        "{} {} {}{quote}",
                        self.n(t.wawancara as f64, 0),
                        self.t("dari", "of"),
                        self.n(q.wawancara as f64, 0)
                    )
                }
                _ => self.t("tidak ada", "none").to_string(),
            };
            let documents = match t {
                Some(t) if t.dokumen > 0 => {
                    let passage = t
                        .kutipan_dokumen
                        .first()
                        .map(|d| {
                            format!(
                                r#"<br><span class="kutipan">“{}”</span> — {}"#,
                                esc(&d.teks),
                                esc(&d.judul)
                            )
                        })
                        .unwrap_or_default();
                    format!(
                        "{} {} {}{passage}",
                        self.n(t.dokumen as f64, 0),
                        self.t("dari", "of"),
                        self.n(q.dokumen as f64, 0)
                    )
                }
                _ => self.t("tidak ada", "none").to_string(),
            };
            let _ = write!(
                s,
                r##"<tr><td><a href="#{}">{}</a></td><td>{}</td><td>{interviews}</td><td>{documents}</td></tr>"##,
                f.kode,
                esc(f.title(self.lang)),
                self.sentence(f),
            );
        }
        s.push_str("</tbody></table>");
        self.push(&s);
    }

    fn findings(&mut self, jenis: Jenis) -> usize {
        // A rejected recommendation is not the report's (the annex lists it).
        let list: Vec<&Finding> = self
            .e
            .temuan
            .iter()
            .filter(|f| f.jenis == jenis && !rejected(f))
            .collect();
        if list.is_empty() {
            return 0;
        }
        let tag = if jenis == Jenis::Rekomendasi {
            "ol"
        } else {
            "ul"
        };
        let mut s = String::new();
        if jenis == Jenis::Rekomendasi {
            let pending = list.iter().filter(|f| f.keputusan.is_none()).count();
            if pending > 0 {
                let _ = write!(
                    s,
                    r#"<p class="catatan">{}</p>"#,
                    match self.lang {
                        Lang::Id => format!(
                            "Draf: {} dari {} rekomendasi di bawah ini belum ditinjau evaluator.",
                            self.n(pending as f64, 0),
                            self.n(list.len() as f64, 0)
                        ),
                        Lang::En => format!(
                            "Draft: {} of the {} recommendations below have not been reviewed by the evaluator.",
                            self.n(pending as f64, 0),
                            self.n(list.len() as f64, 0)
                        ),
                    }
                );
            }
        }
        let _ = write!(
            s,
            r#"<{tag} class="temuan {}">"#,
            format!("{jenis:?}").to_lowercase()
        );
        for f in &list {
            let dasar = match (jenis, &f.dasar) {
                (Jenis::Rekomendasi, Some(d)) => {
                    let title = self
                        .e
                        .temuan
                        .iter()
                        .find(|k| &k.kode == d)
                        .map(|k| k.title(self.lang))
                        .unwrap_or(d);
                    format!(
                        r##"<p class="bukti">{}: <a href="#{d}">{}</a></p>"##,
                        self.t("Menjawab kendala", "Answers the constraint"),
                        esc(title)
                    )
                }
                _ => String::new(),
            };
            let status = if jenis == Jenis::Rekomendasi {
                format!(r#"<p class="bukti">{}</p>"#, self.review(f))
            } else {
                String::new()
            };
            let _ = write!(
                s,
                r#"<li id="{}"><h4>{}</h4><p>{}</p>{}{}{}{}</li>"#,
                f.kode,
                esc(f.title(self.lang)),
                self.sentence(f),
                self.voices(f),
                self.bukti(f),
                dasar,
                status
            );
        }
        let _ = write!(s, "</{tag}>");
        self.push(&s);
        list.len()
    }

    fn priority(&self, f: &Finding) -> &'static str {
        match f.prioritas {
            Some(1) => self.t("tinggi", "high"),
            Some(2) => self.t("sedang", "medium"),
            _ => self.t("rendah", "low"),
        }
    }

    /// "accepted by X, when" and whether the figures changed since.
    fn decision(&self, k: &monev_eval::recommend::Keputusan) -> String {
        let what = match k.status {
            StatusRekomendasi::Terima => self.t("diterima", "accepted"),
            StatusRekomendasi::Ubah => self.t("disunting", "edited"),
            StatusRekomendasi::Tolak => self.t("ditolak", "rejected"),
        };
        let stale = if k.usang {
            self.t(
                "; angka berubah sejak ditinjau",
                "; the figures changed after the review",
            )
        } else {
            ""
        };
        format!(
            "{what} {} {}, {}{stale}",
            self.t("oleh", "by"),
            esc(&k.oleh),
            esc(&k.waktu)
        )
    }

    /// A recommendation's priority and what the evaluator made of it.
    fn review(&self, f: &Finding) -> String {
        let decision = match &f.keputusan {
            None => self
                .t(
                    "belum ditinjau evaluator",
                    "not yet reviewed by the evaluator",
                )
                .to_string(),
            Some(k) => self.decision(k),
        };
        format!(
            "{}: {} · {}: {decision}",
            self.t("Prioritas", "Priority"),
            self.priority(f),
            self.t("Keputusan", "Decision"),
        )
    }
}

fn rejected(f: &Finding) -> bool {
    f.keputusan
        .as_ref()
        .is_some_and(|k| k.status == StatusRekomendasi::Tolak)
}

/// One sentence stating a difference-in-differences with its inference:
/// the interval, p, n, the number of instansi, and how the interval was
/// computed (CR1 with t(G − 1), or the wild cluster bootstrap), and
/// "fragile" when there is too little to stand on.
fn did_sentence(
    r: &R<'_>,
    estimate: f64,
    u: &monev_eval::did::DidInference,
    decimals: usize,
    unit: (&str, &str),
    obs: (&str, &str),
) -> String {
    let method = did_method(r, u);
    did_sentence_with(r, estimate, u, decimals, unit, obs, &method)
}

/// How a difference-in-differences was tested, in words.
fn did_method(r: &R<'_>, u: &monev_eval::did::DidInference) -> String {
    use monev_eval::did::DidMethod;
    match (u.metode, r.lang) {
        (DidMethod::KlasterCr1, Lang::Id) => format!(
            "galat baku klaster per instansi (CR1), distribusi t dengan {} df",
            u.klaster.saturating_sub(1)
        ),
        (DidMethod::KlasterCr1, Lang::En) => format!(
            "standard errors clustered by unit (CR1), t distribution with {} df",
            u.klaster.saturating_sub(1)
        ),
        (DidMethod::WildClusterBootstrapWebb, Lang::Id) => format!(
            "karena hanya {} instansi, interval dan p dari wild cluster bootstrap (bobot Webb, {} replikasi, seed {})",
            u.klaster,
            r.n(u.replikasi.unwrap_or(0) as f64, 0),
            u.seed.unwrap_or(0)
        ),
        (DidMethod::WildClusterBootstrapWebb, Lang::En) => format!(
            "with only {} units, interval and p from the wild cluster bootstrap (Webb weights, {} replicates, seed {})",
            u.klaster,
            r.n(u.replikasi.unwrap_or(0) as f64, 0),
            u.seed.unwrap_or(0)
        ),
        (DidMethod::TidakDapatDihitung, Lang::Id) => {
            "tidak dapat diuji: ada sel kosong atau kurang dari dua instansi".into()
        }
        (DidMethod::TidakDapatDihitung, Lang::En) => {
            "not testable: a cell is empty or there are fewer than two units".into()
        }
    }
}

fn did_sentence_with(
    r: &R<'_>,
    estimate: f64,
    u: &monev_eval::did::DidInference,
    decimals: usize,
    unit: (&str, &str),
    obs: (&str, &str),
    method: &str,
) -> String {
    let fragile = if u.rapuh {
        r.t(
            " Hasil ini rapuh: kurang dari tiga instansi per kelompok atau kurang dari 10 pengamatan per sel.",
            " This result is fragile: fewer than three units per group or fewer than 10 observations per cell.",
        )
    } else {
        ""
    };
    match r.lang {
        Lang::Id => format!(
            "Selisih-dalam-selisih: {} {} (IK 95% {} s.d. {}; p {}; n = {} {} dari {} instansi; {}).{fragile}",
            r.n(estimate, decimals),
            unit.0,
            r.n(u.ci95_bawah, decimals),
            r.n(u.ci95_atas, decimals),
            r.p(u.p),
            r.n(u.n as f64, 0),
            obs.0,
            u.klaster,
            method
        ),
        Lang::En => format!(
            "Difference-in-differences: {} {} (95% CI {} to {}; p {}; n = {} {} in {} units; {}).{fragile}",
            r.n(estimate, decimals),
            unit.1,
            r.n(u.ci95_bawah, decimals),
            r.n(u.ci95_atas, decimals),
            r.p(u.p),
            r.n(u.n as f64, 0),
            obs.1,
            u.klaster,
            method
        ),
    }
}

/// Share of each intervention unit's ASN who took part, with the target.
fn participation_chart(r: &R<'_>) -> String {
    let part = &r.e.partisipasi;
    let bars: Vec<svg::Bar> = part
        .per_instansi
        .iter()
        .filter(|i| i.kelompok == Kelompok::Intervensi)
        .map(|i| svg::Bar {
            label: i.nama.clone(),
            values: vec![i.persen],
        })
        .collect();
    svg::hbars(
        &svg::HBars {
            title: r.t(
                "ASN yang mengikuti pelatihan, unit intervensi (%)",
                "ASN who attended training, intervention units (%)",
            ),
            series: &[""],
            bars: &bars,
            max: 100.0,
            decimals: 1,
            suffix: "%",
            target: Some((part.target_persen, r.t("target", "target"))),
        },
        r.lang,
    )
}

/// Each unit's SKM respondents after the intervention as a share of its
/// Krejcie–Morgan sample (units without a queue log are left out).
fn sample_chart(r: &R<'_>) -> Option<String> {
    let bars: Vec<svg::Bar> =
        r.e.skm
            .sampel
            .iter()
            .filter_map(|s| {
                Some(svg::Bar {
                    label: format!(
                        "{} ({}/{})",
                        s.nama,
                        r.n(s.responden as f64, 0),
                        r.n(s.target_krejcie_morgan? as f64, 0)
                    ),
                    values: vec![s.persen_target?.min(150.0)],
                })
            })
            .collect();
    if bars.is_empty() {
        return None;
    }
    Some(svg::hbars(
        &svg::HBars {
            title: r.t(
                "Responden SKM sesudah intervensi, % dari sampel Krejcie–Morgan",
                "SKM respondents after the intervention, % of the Krejcie–Morgan sample",
            ),
            series: &[""],
            bars: &bars,
            max: 150.0,
            decimals: 0,
            suffix: "%",
            target: Some((100.0, r.t("sampel", "sample"))),
        },
        r.lang,
    ))
}

/// Mean waiting time of both groups before and after: the DiD picture.
fn waiting_chart(r: &R<'_>) -> String {
    let d = &r.e.layanan.did.uji;
    svg::did_lines(
        r.t(
            "Rata-rata waktu tunggu (menit)",
            "Mean waiting time (minutes)",
        ),
        [
            r.t("Intervensi", "Intervention"),
            r.t("Pembanding", "Comparison"),
        ],
        [r.t("Sebelum", "Before"), r.t("Sesudah", "After")],
        [
            [d.intervensi_sebelum, d.intervensi_sesudah],
            [d.pembanding_sebelum, d.pembanding_sesudah],
        ],
        r.t("menit", "minutes"),
        r.lang,
    )
}

/// A group measured before and after the intervention.
trait Phased {
    fn instansi(&self) -> &str;
    fn kelompok(&self) -> Kelompok;
}

impl Phased for monev_eval::SkmGroup {
    fn instansi(&self) -> &str {
        &self.instansi
    }
    fn kelompok(&self) -> Kelompok {
        self.kelompok
    }
}

impl Phased for monev_eval::TungguGroup {
    fn instansi(&self) -> &str {
        &self.instansi
    }
    fn kelompok(&self) -> Kelompok {
        self.kelompok
    }
}

/// The rows of a before/after table: both kelompok totals first, in bold,
/// then each instansi in roster order; `row` renders one row from its groups.
fn phase_rows<G: Phased>(
    r: &R<'_>,
    per_kelompok: &[G],
    per_instansi: &[G],
    row: impl Fn(&R<'_>, String, Kelompok, &[&G]) -> String,
) -> String {
    let mut rows = String::new();
    for k in [Kelompok::Intervensi, Kelompok::Pembanding] {
        let groups: Vec<&G> = per_kelompok.iter().filter(|g| g.kelompok() == k).collect();
        let name = format!(
            "<strong>{} {}</strong>",
            r.t("Semua unit", "All units"),
            r.kelompok(k).to_lowercase()
        );
        rows.push_str(&row(r, name, k, &groups));
    }
    for i in &r.e.partisipasi.per_instansi {
        let groups: Vec<&G> = per_instansi
            .iter()
            .filter(|g| g.instansi() == i.instansi)
            .collect();
        if !groups.is_empty() {
            rows.push_str(&row(r, esc(&i.nama), i.kelompok, &groups));
        }
    }
    rows
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

/// A change with its sign: "+1,2" / "−0,8".
fn signed(r: &R<'_>, v: f64, d: usize) -> String {
    if v > 0.0 {
        format!("+{}", r.n(v, d))
    } else {
        r.n(v, d)
    }
}

fn mutu_cell(m: Option<Mutu>) -> String {
    match m {
        Some(m) => format!(r#"<span class="mutu mutu-{m:?}">{m:?}</span>"#),
        None => "–".into(),
    }
}

const CSS: &str = r#"
:root{--ink:#1b1b1b;--muted:#5a5a5a;--line:#d0d7de;--brand:#1f4e79;--bg:#fff}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg);margin:0;line-height:1.55}
main{max-width:1040px;margin:0 auto;padding:24px 20px 64px}
header.sampul{border-bottom:4px solid var(--brand);padding-bottom:16px;margin-bottom:24px}
header.sampul .logo{display:block;max-height:96px;max-width:240px;margin-bottom:12px}
.ttd{margin:32px 0 0 55%;}
p.ttd{margin:0}
p.ttd.ruang{color:var(--muted);font-size:.85rem;padding:28px 0}
header.sampul .jenis{text-transform:uppercase;letter-spacing:.08em;color:var(--muted);font-size:.85rem}
h1{font-size:1.9rem;margin:.2em 0;color:var(--brand)}
h2{font-size:1.35rem;margin-top:2.2em;border-bottom:1px solid var(--line);padding-bottom:.2em;color:var(--brand)}
h3{font-size:1.1rem;margin-top:1.6em}
h4{margin:0 0 .2em;font-size:1rem}
table{border-collapse:collapse;width:100%;margin:.6em 0 1.2em;font-size:.86rem}
caption{text-align:left;font-weight:600;padding:.3em 0;color:var(--muted)}
th[colspan]{text-align:center;border-bottom:1px solid var(--line)}
th,td{border-bottom:1px solid var(--line);padding:.35em .5em;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.ringkasan{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin:16px 0}
.kartu{border:1px solid var(--line);border-radius:8px;padding:12px}
.kartu .angka{font-size:1.5rem;font-weight:700;color:var(--brand)}
.kartu .ket{font-size:.82rem;color:var(--muted)}
ul.temuan,ol.temuan{padding-left:1.2em}
ul.temuan li,ol.temuan li{margin-bottom:1em}
.bukti{font-size:.82rem;color:var(--muted);margin:.2em 0}
.suara blockquote{border-left:3px solid #1f5f8b;margin:.4em 0;padding:.2em .8em;background:#f6f8fa}
.suara blockquote p{margin:0}
.suara footer{font-size:.82rem;color:var(--muted)}
.suara.kosong{font-size:.82rem;color:var(--muted);font-style:italic}
.mutu{display:inline-block;min-width:1.6em;text-align:center;border-radius:4px;font-weight:700;color:#fff}
.mutu-A{background:#2e7d32}.mutu-B{background:#1565c0}.mutu-C{background:#ef6c00}.mutu-D{background:#c62828}
.tabel{overflow-x:auto}
figure{margin:1em 0 1.6em}
figure svg{max-width:100%;height:auto}
figcaption{font-size:.85rem;color:var(--muted)}
figcaption .nomor{font-weight:700;color:var(--ink,#222)}
.catatan{font-size:.85rem;color:var(--muted)}
footer{margin-top:48px;font-size:.8rem;color:var(--muted);border-top:1px solid var(--line);padding-top:8px}
@media (max-width:600px){main{padding:12px}h1{font-size:1.5rem}table{font-size:.8rem}}
@media print{main{max-width:none;padding:0}h2{break-after:avoid}figure,table{break-inside:avoid}a{color:inherit;text-decoration:none}}
"#;

/// The stylesheet of the report, also served by the web application.
pub const STYLE: &str = CSS;

/// The dashboard body: key figures, the main charts and the findings, for
/// the web application to wrap in its own page. Same wording and numbers
/// as the report; links point into the full report.
pub fn dashboard(e: &Evaluasi, lang: Lang) -> String {
    let mut r = R {
        e,
        lang,
        out: String::with_capacity(32 * 1024),
    };
    ringkasan(&mut r);
    let chart = participation_chart(&r);
    let _ = write!(r.out, "<figure>{chart}</figure>");
    let d = &e.layanan.did.uji;
    if d.n > 0 {
        let chart = waiting_chart(&r);
        let caption = did_sentence(
            &r,
            e.layanan.did.estimasi_menit,
            d,
            1,
            ("menit", "minutes"),
            ("tiket", "tickets"),
        );
        let _ = write!(
            r.out,
            "<figure>{chart}<figcaption>{caption}</figcaption></figure>"
        );
    }
    let numbers = |r: &R<'_>, anchor: &str| {
        format!(
            r##"<p class="catatan"><a href="#{anchor}">{}</a></p>"##,
            r.t("Lihat angkanya →", "See the numbers →")
        )
    };
    let link = numbers(&r, "layanan");
    r.push(&link);

    // Learning gains per module.
    let bars: Vec<svg::Bar> = e
        .pembelajaran
        .per_pelatihan
        .iter()
        .map(|m| svg::Bar {
            label: m.nama.clone(),
            values: vec![m.pre_rata, m.post_rata],
        })
        .collect();
    if !bars.is_empty() {
        let chart = svg::hbars(
            &svg::HBars {
                title: r.t(
                    "Rata-rata skor pre-test dan post-test per modul",
                    "Mean pre-test and post-test score per module",
                ),
                series: &[r.t("Pre-test", "Pre-test"), r.t("Post-test", "Post-test")],
                bars: &bars,
                max: 100.0,
                decimals: 1,
                suffix: "",
                target: None,
            },
            lang,
        );
        let _ = write!(r.out, "<figure>{chart}</figure>");
        let link = numbers(&r, "pembelajaran");
        r.push(&link);
    }

    // IKM by group and phase, with the grade colours.
    if !e.skm.per_kelompok.is_empty() {
        let cap = r.t(
            "IKM per kelompok, sebelum dan sesudah",
            "IKM by group, before and after",
        );
        let _ = write!(
            r.out,
            r#"<table><caption>{cap}</caption><thead><tr><th>{}</th><th>{}</th><th class="num">n</th><th class="num">IKM</th><th>{}</th></tr></thead><tbody>"#,
            r.t("Kelompok", "Group"),
            r.t("Fase", "Phase"),
            r.t("Mutu", "Grade"),
        );
        for g in &e.skm.per_kelompok {
            let fase = match g.fase {
                Fase::Sebelum => r.t("Sebelum", "Before"),
                Fase::Sesudah => r.t("Sesudah", "After"),
            };
            let _ = write!(
                r.out,
                r#"<tr><td>{}</td><td>{fase}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>"#,
                r.kelompok(g.kelompok),
                r.n(g.ikm.n as f64, 0),
                r.n(g.ikm.ikm, 2),
                mutu_cell(g.ikm.mutu)
            );
        }
        r.push("</tbody></table>");
        let link = numbers(&r, "skm");
        r.push(&link);
    }
    if let Some(chart) = sample_chart(&r) {
        let _ = write!(r.out, "<figure>{chart}</figure>");
        let link = numbers(&r, "sampel-skm");
        r.push(&link);
    }

    // Budget realisation per activity.
    let bars: Vec<svg::Bar> = e
        .anggaran
        .per_kegiatan
        .iter()
        .map(|k| svg::Bar {
            label: k.kegiatan.clone(),
            values: vec![k.persen_realisasi],
        })
        .collect();
    if !bars.is_empty() {
        let chart = svg::hbars(
            &svg::HBars {
                title: r.t(
                    "Realisasi anggaran per kegiatan (% dari pagu)",
                    "Budget spent per activity (% of ceiling)",
                ),
                series: &[""],
                bars: &bars,
                max: 100.0,
                decimals: 1,
                suffix: "%",
                target: None,
            },
            lang,
        );
        let _ = write!(r.out, "<figure>{chart}</figure>");
        let link = numbers(&r, "anggaran");
        r.push(&link);
    }

    // Indicators against their targets.
    if !e.indikator.is_empty() {
        let cap = r.t("Capaian indikator", "Indicator attainment");
        let _ = write!(
            r.out,
            r#"<table><caption>{cap}</caption><thead><tr><th>{}</th><th class="num">Target</th><th class="num">{}</th><th>{}</th></tr></thead><tbody>"#,
            r.t("Indikator", "Indicator"),
            r.t("Realisasi", "Actual"),
            r.t("Status", "Status"),
        );
        for i in &e.indikator {
            let status = match i.tercapai {
                Some(true) => r.t("tercapai", "met"),
                Some(false) => r.t("belum tercapai", "not met"),
                None => r.t("tidak ada data", "no data"),
            };
            let dec = if i.target.abs() < 5.0 { 2 } else { 1 };
            let _ = write!(
                r.out,
                r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td>{status}</td></tr>"#,
                esc(&i.nama),
                r.n(i.target, dec),
                r.n(i.realisasi, dec)
            );
        }
        r.push("</tbody></table>");
    }

    let h = r.t("Hasil", "Results");
    let _ = write!(r.out, "<h2>{h}</h2>");
    r.findings(Jenis::Hasil);
    let h = r.t("Kendala", "Constraints");
    let _ = write!(r.out, "<h2>{h}</h2>");
    r.findings(Jenis::Kendala);
    // Evidence links point at the full report; tables scroll sideways on phones.
    r.out
        .replace("href=\"#", "href=\"/laporan#")
        .replace("<table>", r#"<div class="tabel"><table>"#)
        .replace("</table>", "</table></div>")
}

/// The report as one self-contained HTML page.
pub fn html(e: &Evaluasi, lang: Lang) -> String {
    html_with_style(e, lang, &format!("<style>{CSS}</style>"))
}

/// The report with its stylesheet linked from `href` instead of inline
/// (for a web server whose Content-Security-Policy forbids inline styles).
pub fn html_linked(e: &Evaluasi, lang: Lang, href: &str) -> String {
    html_with_style(
        e,
        lang,
        &format!(r#"<link rel="stylesheet" href="{}">"#, esc(href)),
    )
}

fn html_with_style(e: &Evaluasi, lang: Lang, style: &str) -> String {
    let mut r = R {
        e,
        lang,
        out: String::with_capacity(64 * 1024),
    };
    let p = &e.program;
    let title = r.t("Laporan Evaluasi", "Evaluation Report");
    let _ = write!(
        r.out,
        r#"<!doctype html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{} — {}</title>{style}</head><body><main>"#,
        if lang == Lang::Id { "id" } else { "en" },
        title,
        esc(&p.nama)
    );
    let periode = format!(
        "{} – {}",
        date_long(p.mulai, lang),
        date_long(p.selesai, lang)
    );
    let l = &p.laporan;
    let logo = l
        .logo
        .as_ref()
        .map(|g| {
            format!(
                r#"<img class="logo" alt="logo" src="data:{};base64,{}">"#,
                g.mime,
                base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &g.data)
            )
        })
        .unwrap_or_default();
    let mut lines = vec![
        esc(&p.wilayah),
        format!("{}: {periode}", r.t("Periode", "Period")),
        format!(
            "{}: {}",
            r.t("Tanggal intervensi", "Intervention date"),
            date_long(p.tanggal_intervensi, lang)
        ),
    ];
    if let Some(v) = &p.evaluator {
        lines.push(format!("{}: {}", r.t("Evaluator", "Evaluator"), esc(v)));
    }
    if !l.tim.is_empty() {
        lines.push(format!(
            "{}: {}",
            r.t("Tim evaluasi", "Evaluation team"),
            esc(&l.tim.join("; "))
        ));
    }
    if let Some(sk) = &l.nomor_sk {
        lines.push(format!(
            "{}: {}",
            r.t("Ditetapkan dengan SK Nomor", "Appointed by decree no."),
            esc(sk)
        ));
    }
    if let Some(place_date) = place_date(&r) {
        lines.push(place_date);
    }
    let _ = write!(
        r.out,
        r#"<header class="sampul">{logo}<div class="jenis">{title}</div><h1>{}</h1><p>{}</p></header>"#,
        esc(&p.nama),
        lines.join("<br>")
    );

    ringkasan_eksekutif(&mut r);
    latar_belakang(&mut r);
    tujuan(&mut r);
    metodologi(&mut r);
    hasil(&mut r);

    let heading = r.t("5. Kendala", "5. Constraints");
    let _ = write!(r.out, r#"<h2 id="kendala">{heading}</h2>"#);
    if r.findings(Jenis::Kendala) == 0 {
        let s = r.t(
            "Tidak ada kendala yang terdeteksi dari data.",
            "No constraint was detected in the data.",
        );
        let _ = write!(r.out, "<p>{s}</p>");
    }
    r.triangulation_table(10);
    let heading = r.t("6. Rekomendasi", "6. Recommendations");
    let _ = write!(r.out, r#"<h2 id="rekomendasi">{heading}</h2>"#);
    if r.findings(Jenis::Rekomendasi) == 0 {
        let s = r.t(
            "Tidak ada rekomendasi perbaikan dari aturan yang berlaku.",
            "The rules produced no recommendation.",
        );
        let _ = write!(r.out, "<p>{s}</p>");
    }
    kesimpulan(&mut r);
    keterbatasan(&mut r);
    tanda_tangan(&mut r);
    lampiran(&mut r);

    let _ = write!(
        r.out,
        r#"<footer>{} monev {} · {} <code>evaluasi.json</code> · {}</footer></main></body></html>"#,
        r.t("Dibuat dengan", "Produced with"),
        env!("CARGO_PKG_VERSION"),
        r.t(
            "angka lengkap tanpa pembulatan ada di",
            "unrounded figures are in"
        ),
        r.t(
            "Angka ditulis dalam format Indonesia (1.234,5).",
            "Numbers are written in English format (1,234.5)."
        )
    );
    // Wide tables scroll sideways on a phone instead of overflowing the page.
    number_figures(&r.out, lang)
        .replace("<table>", r#"<div class="tabel"><table>"#)
        .replace("</table>", "</table></div>")
}

/// Numbers the report's figures in order ("Gambar 3. <the chart's title>"),
/// in the figure's caption. The number is a `span.nomor`, which the other
/// formats skip: they number their figures themselves.
fn number_figures(html: &str, lang: Lang) -> String {
    let mut parts = html.split("<figure>");
    let mut out = String::with_capacity(html.len() + 2048);
    out.push_str(parts.next().unwrap_or(""));
    for (i, part) in parts.enumerate() {
        out.push_str("<figure>");
        let alt = part
            .find("aria-label=\"")
            .map(|a| &part[a + 12..])
            .and_then(|r| r.find('"').map(|e| &r[..e]))
            .unwrap_or("");
        let label = format!(
            r#"<span class="nomor">{} {}. {alt}.</span>"#,
            lang.pick("Gambar", "Figure"),
            i + 1
        );
        let end = part.find("</figure>").unwrap_or(part.len());
        match part[..end].find("<figcaption>") {
            Some(c) => {
                let at = c + "<figcaption>".len();
                out.push_str(&part[..at]);
                out.push_str(&label);
                out.push(' ');
                out.push_str(&part[at..]);
            }
            None => {
                out.push_str(&part[..end]);
                let _ = write!(out, "<figcaption>{label}</figcaption>");
                out.push_str(&part[end..]);
            }
        }
    }
    out
}

fn find(e: &Evaluasi, k: Kelompok, f: Fase) -> Option<&monev_eval::SkmGroup> {
    e.skm
        .per_kelompok
        .iter()
        .find(|g| g.kelompok == k && g.fase == f)
}

fn ringkasan(r: &mut R<'_>) {
    let e = r.e;
    let g = e.pembelajaran.n_gain_rata_modul;
    let ikm0 = find(e, Kelompok::Intervensi, Fase::Sebelum)
        .map(|g| g.ikm.ikm)
        .unwrap_or(f64::NAN);
    let ikm1 = find(e, Kelompok::Intervensi, Fase::Sesudah)
        .map(|g| g.ikm.ikm)
        .unwrap_or(f64::NAN);
    let cards = [
        (
            r.pct(e.partisipasi.intervensi.persen),
            format!(
                "{} ({} {})",
                r.t(
                    "ASN unit intervensi ikut pelatihan",
                    "of intervention-unit ASN trained"
                ),
                r.t("target", "target"),
                r.pct(e.partisipasi.target_persen)
            ),
        ),
        (
            r.n(g, 2),
            r.t("rata-rata N-gain modul", "mean module N-gain")
                .to_string(),
        ),
        (
            format!("{} → {}", r.n(ikm0, 1), r.n(ikm1, 1)),
            r.t(
                "IKM unit intervensi, sebelum → sesudah",
                "IKM of intervention units, before → after",
            )
            .to_string(),
        ),
        (
            format!(
                "{} {}",
                r.n(e.layanan.did.estimasi_menit, 1),
                r.t("menit", "min")
            ),
            r.t(
                "selisih-dalam-selisih waktu tunggu",
                "difference-in-differences in waiting time",
            )
            .to_string(),
        ),
        (
            r.pct(e.anggaran.persen_realisasi),
            r.t("realisasi anggaran", "budget spent").to_string(),
        ),
    ];
    let heading = r.t("Ringkasan", "Summary");
    let _ = write!(
        r.out,
        r#"<section aria-label="{heading}"><div class="ringkasan">"#
    );
    for (v, k) in cards {
        let _ = write!(
            r.out,
            r#"<div class="kartu"><div class="angka">{}</div><div class="ket">{}</div></div>"#,
            esc(&v),
            esc(&k)
        );
    }
    r.push("</div></section>");
}

/// Ringkasan Eksekutif, on one page: what was evaluated and on what
/// evidence, the key figures, and the title of every result, constraint and
/// high-priority recommendation, each linked to where its figure, test and
/// n are stated.
fn ringkasan_eksekutif(r: &mut R<'_>) {
    let e = r.e;
    let heading = r.t("Ringkasan Eksekutif", "Executive Summary");
    let _ = write!(r.out, r#"<h2 id="ringkasan">{heading}</h2>"#);
    let j = &e.jumlah;
    let q = &e.kualitatif;
    let mut sources = vec![
        format!("{} ASN", r.n(j.asn as f64, 0)),
        r.t(
            &format!("{} kuesioner SKM", r.n(j.skm as f64, 0)),
            &format!("{} SKM questionnaires", r.n(j.skm as f64, 0)),
        )
        .to_string(),
        r.t(
            &format!("{} tiket antrean", r.n(j.layanan as f64, 0)),
            &format!("{} queue tickets", r.n(j.layanan as f64, 0)),
        )
        .to_string(),
    ];
    if q.wawancara > 0 {
        sources.push(
            r.t(
                &format!("{} wawancara", r.n(q.wawancara as f64, 0)),
                &format!("{} interviews", r.n(q.wawancara as f64, 0)),
            )
            .to_string(),
        );
    }
    if q.dokumen > 0 {
        sources.push(
            r.t(
                &format!("{} dokumen", r.n(q.dokumen as f64, 0)),
                &format!("{} documents", r.n(q.dokumen as f64, 0)),
            )
            .to_string(),
        );
    }
    let intro = match r.lang {
        Lang::Id => format!(
            "Evaluasi ini menilai {} di {} ({} unit intervensi, {} unit pembanding) dengan data {}.",
            esc(&e.program.nama),
            esc(&e.program.wilayah),
            r.n(j.instansi_intervensi as f64, 0),
            r.n(j.instansi_pembanding as f64, 0),
            esc(&sources.join(", "))
        ),
        Lang::En => format!(
            "This evaluation assesses {} in {} ({} intervention units, {} comparison units) on data from {}.",
            esc(&e.program.nama),
            esc(&e.program.wilayah),
            r.n(j.instansi_intervensi as f64, 0),
            r.n(j.instansi_pembanding as f64, 0),
            esc(&sources.join(", "))
        ),
    };
    let _ = write!(r.out, "<p>{intro}</p>");
    ringkasan(r);
    let list = |r: &mut R<'_>, label: &str, items: Vec<&Finding>, none: &str| {
        let _ = write!(r.out, "<p><strong>{label}</strong></p>");
        if items.is_empty() {
            let _ = write!(r.out, "<p>{none}</p>");
            return;
        }
        r.push("<ul>");
        for f in items {
            let _ = write!(
                r.out,
                r##"<li><a href="#{}">{}</a></li>"##,
                f.kode,
                esc(f.title(r.lang))
            );
        }
        r.push("</ul>");
    };
    let of = |j: Jenis| -> Vec<&Finding> {
        e.temuan
            .iter()
            .filter(|f| f.jenis == j && !rejected(f))
            .collect()
    };
    let high: Vec<&Finding> = of(Jenis::Rekomendasi)
        .into_iter()
        .filter(|f| f.prioritas == Some(1))
        .collect();
    list(
        r,
        r.t(
            "Hasil utama (uji, angka dan n di bagian 4):",
            "Main results (tests, figures and n in section 4):",
        ),
        of(Jenis::Hasil),
        r.t(
            "Data belum menunjukkan hasil yang bermakna.",
            "The data do not yet show a significant result.",
        ),
    );
    list(
        r,
        r.t("Kendala (bagian 5):", "Constraints (section 5):"),
        of(Jenis::Kendala),
        r.t(
            "Tidak ada kendala yang terdeteksi dari data.",
            "No constraint was detected in the data.",
        ),
    );
    list(
        r,
        r.t(
            "Rekomendasi prioritas tinggi (bagian 6):",
            "High-priority recommendations (section 6):",
        ),
        high,
        r.t("Tidak ada.", "None."),
    );
}

fn latar_belakang(r: &mut R<'_>) {
    let e = r.e;
    let j = &e.jumlah;
    let text = match r.lang {
        Lang::Id => format!(
            "{} diluncurkan untuk meningkatkan profesionalisme dan kompetensi aparatur sipil negara agar pelayanan publik di {} lebih baik. Program ini menjangkau {} instansi ({} unit intervensi dan {} unit pembanding) dengan {} ASN, melalui {} modul pelatihan yang dilaksanakan sebelum tanggal intervensi, {}. Pagu anggaran program {}.",
            esc(&e.program.nama),
            esc(&e.program.wilayah),
            r.n(j.instansi as f64, 0),
            r.n(j.instansi_intervensi as f64, 0),
            r.n(j.instansi_pembanding as f64, 0),
            r.n(j.asn as f64, 0),
            r.n(j.pelatihan as f64, 0),
            date_long(e.program.tanggal_intervensi, r.lang),
            r.rp(e.program.pagu_anggaran)
        ),
        Lang::En => format!(
            "{} was launched to raise the professionalism and competence of civil servants (ASN) so that public services in {} improve. It covers {} service units ({} intervention and {} comparison units) with {} ASN, through {} training modules held before the intervention date, {}. The programme's budget ceiling is {}.",
            esc(&e.program.nama),
            esc(&e.program.wilayah),
            r.n(j.instansi as f64, 0),
            r.n(j.instansi_intervensi as f64, 0),
            r.n(j.instansi_pembanding as f64, 0),
            r.n(j.asn as f64, 0),
            r.n(j.pelatihan as f64, 0),
            date_long(e.program.tanggal_intervensi, r.lang),
            r.rp(e.program.pagu_anggaran)
        ),
    };
    let heading = r.t("1. Latar Belakang", "1. Background");
    let _ = write!(
        r.out,
        r#"<h2 id="latar-belakang">{heading}</h2><p>{text}</p>"#
    );
}

fn tujuan(r: &mut R<'_>) {
    let heading = r.t("2. Tujuan Evaluasi", "2. Purpose of the Evaluation");
    let items = match r.lang {
        Lang::Id => [
            "mengukur sejauh mana kegiatan peningkatan kualitas ASN mencapai target yang ditetapkan (partisipasi, pembelajaran, kepuasan masyarakat, waktu tunggu, anggaran, indikator);",
            "mengidentifikasi kendala yang dihadapi selama pelaksanaan;",
            "merumuskan rekomendasi perbaikan yang bersandar pada bukti.",
        ],
        Lang::En => [
            "to measure how far the ASN quality activities reached their targets (participation, learning, citizen satisfaction, waiting time, budget, indicators);",
            "to identify the constraints met during implementation;",
            "to formulate evidence-based recommendations for improvement.",
        ],
    };
    let _ = write!(r.out, r#"<h2 id="tujuan">{heading}</h2><ol>"#);
    for i in items {
        let _ = write!(r.out, "<li>{i}</li>");
    }
    r.push("</ol>");
}

fn metodologi(r: &mut R<'_>) {
    let e = r.e;
    let j = &e.jumlah;
    let n_pairs: usize = e.pembelajaran.per_pelatihan.iter().map(|m| m.n).sum();
    let exact = e
        .pembelajaran
        .per_pelatihan
        .iter()
        .any(|m| m.wilcoxon_metode == monev_stats::WilcoxonMethod::Exact);
    let approx = e
        .pembelajaran
        .per_pelatihan
        .iter()
        .any(|m| m.wilcoxon_metode == monev_stats::WilcoxonMethod::Approx);
    let wil_method = match (exact, approx, r.lang) {
        (true, true, Lang::Id) => {
            "eksak untuk n ≤ 50 tanpa selisih nol, aproksimasi normal dengan koreksi ties selainnya"
        }
        (true, true, Lang::En) => {
            "exact for n ≤ 50 with no zero difference, normal approximation with tie correction otherwise"
        }
        (true, false, Lang::Id) => "distribusi eksak",
        (true, false, Lang::En) => "exact distribution",
        (_, _, Lang::Id) => "aproksimasi normal dengan koreksi ties (selisih nol dibuang)",
        (_, _, Lang::En) => "normal approximation with tie correction (zero differences dropped)",
    };
    let bobot = if (e.skm.bobot - 1.0 / 9.0).abs() < 1e-12 {
        "1/9".to_string()
    } else {
        r.n(e.skm.bobot, 2)
    };
    let heading = r.t("3. Metodologi", "3. Methodology");
    let _ = write!(r.out, r#"<h2 id="metodologi">{heading}</h2>"#);
    let design = match r.lang {
        Lang::Id => format!(
            "Evaluasi memakai desain kuasi-eksperimen: {} unit intervensi yang ASN-nya mengikuti pelatihan dibandingkan dengan {} unit pembanding, sebelum dan sesudah tanggal intervensi {}. Evaluasi mengikuti model empat tingkat Kirkpatrick: reaksi dan partisipasi, pembelajaran (pre/post-test), perilaku kerja, dan hasil layanan (kepuasan masyarakat dan waktu tunggu).",
            r.n(j.instansi_intervensi as f64, 0),
            r.n(j.instansi_pembanding as f64, 0),
            date_long(e.program.tanggal_intervensi, r.lang)
        ),
        Lang::En => format!(
            "The evaluation uses a quasi-experimental design: {} intervention units whose ASN were trained are compared with {} comparison units, before and after the intervention date of {}. It follows Kirkpatrick's four levels: reaction and participation, learning (pre/post tests), behaviour at work, and service results (citizen satisfaction and waiting time).",
            r.n(j.instansi_intervensi as f64, 0),
            r.n(j.instansi_pembanding as f64, 0),
            date_long(e.program.tanggal_intervensi, r.lang)
        ),
    };
    let _ = write!(r.out, "<p>{design}</p>");
    let q = &e.kualitatif;
    if q.wawancara > 0 {
        let groups: Vec<String> = q
            .per_kelompok
            .iter()
            .map(|g| {
                let (id, en) = g.kelompok.label();
                let n = g.n.map_or("< 5".to_string(), |n| r.n(n as f64, 0));
                format!("{} {n}", r.t(id, en))
            })
            .collect();
        let agreement = if q.kappa_rata.is_finite() {
            match r.lang {
                Lang::Id => format!(
                    " Kesepakatan antarpengkode per kode (ada/tidaknya kode dalam tiap wawancara): κ Cohen rata-rata {}, α Krippendorff rata-rata {}.",
                    r.n(q.kappa_rata, 2),
                    r.n(q.alpha_rata, 2)
                ),
                Lang::En => format!(
                    " Agreement between coders per code (presence of the code in each interview): mean Cohen's κ {}, mean Krippendorff's α {}.",
                    r.n(q.kappa_rata, 2),
                    r.n(q.alpha_rata, 2)
                ),
            }
        } else {
            String::new()
        };
        let text = match r.lang {
            Lang::Id => format!(
                "Wawancara: {} transkrip ({}), dikodekan oleh {} pengkode menjadi {} segmen menurut buku kode dari pertanyaan evaluasi.{agreement} Kutipan disamarkan (nama, NIP, NIK, nomor telepon, alamat) dan hanya diberi atribusi kelompok; kelompok dengan kurang dari lima responden tidak dirinci.",
                r.n(q.wawancara as f64, 0),
                groups.join(", "),
                r.n(q.pengkode.len() as f64, 0),
                r.n(q.segmen as f64, 0),
            ),
            Lang::En => format!(
                "Interviews: {} transcripts ({}), coded by {} coders into {} segments with a codebook drawn from the evaluation questions.{agreement} Quotes are de-identified (names, NIP, NIK, phone numbers, addresses) and attributed by group only; groups of fewer than five respondents are not broken down.",
                r.n(q.wawancara as f64, 0),
                groups.join(", "),
                r.n(q.pengkode.len() as f64, 0),
                r.n(q.segmen as f64, 0),
            ),
        };
        let _ = write!(r.out, "<p>{text}</p>");
    }
    if q.dokumen > 0 {
        let kinds: Vec<String> = q
            .dokumen_per_jenis
            .iter()
            .map(|(j, n)| format!("{} {}", r.jenis_dokumen(j), r.n(*n as f64, 0)))
            .collect();
        let text = match r.lang {
            Lang::Id => format!(
                "Analisis dokumen: {} dokumen ({}), teksnya diambil dari berkas aslinya; dokumen hasil pindaian tanpa lapisan teks tidak diikutkan. {} dokumen dikodekan dengan buku kode yang sama dengan wawancara.",
                r.n(q.dokumen as f64, 0),
                kinds.join(", "),
                r.n(q.dokumen_dikodekan as f64, 0)
            ),
            Lang::En => format!(
                "Document analysis: {} documents ({}), their text taken from the original files; scans without a text layer were not included. {} documents were coded with the same codebook as the interviews.",
                r.n(q.dokumen as f64, 0),
                kinds.join(", "),
                r.n(q.dokumen_dikodekan as f64, 0)
            ),
        };
        let _ = write!(r.out, "<p>{text}</p>");
    }
    let (h1, h2, h3) = (
        r.t("Sumber data", "Data source"),
        r.t("Isi", "Content"),
        r.t("Jumlah", "Count"),
    );
    let rows = [
        (
            r.t("Daftar ASN", "ASN roster"),
            r.t(
                "NIP tervalidasi, instansi, jabatan",
                "validated NIP, unit, position",
            ),
            j.asn,
        ),
        (
            r.t("Kepesertaan pelatihan", "Training participation"),
            r.t(
                "kehadiran, pre-test, post-test",
                "attendance, pre-test, post-test",
            ),
            j.peserta_baris,
        ),
        (
            r.t("Pasangan pre/post-test lengkap", "Complete pre/post pairs"),
            r.t("dasar uji pembelajaran", "basis of the learning tests"),
            n_pairs,
        ),
        (
            r.t(
                "Survei Kepuasan Masyarakat",
                "Citizen satisfaction survey (SKM)",
            ),
            r.t(
                "9 unsur PermenPANRB 14/2017, responden anonim",
                "9 elements of PermenPANRB 14/2017, anonymous respondents",
            ),
            j.skm,
        ),
        (
            r.t("Log antrean layanan", "Service queue log"),
            r.t(
                "waktu datang, dipanggil, selesai",
                "arrival, called, finished",
            ),
            j.layanan,
        ),
        (
            r.t("Modul pelatihan", "Training modules"),
            r.t("JP dan biaya per peserta", "JP and cost per participant"),
            j.pelatihan,
        ),
        (
            r.t("Kuesioner reaksi", "Reaction questionnaires"),
            r.t(
                "tanggapan peserta atas tiap modul (Kirkpatrick 1)",
                "participants' view of each module (Kirkpatrick 1)",
            ),
            j.reaksi,
        ),
        (
            r.t("Penilaian kinerja", "Performance ratings"),
            r.t(
                "oleh atasan, rekan dan diri sendiri (Kirkpatrick 3)",
                "by supervisors, peers and self (Kirkpatrick 3)",
            ),
            j.kinerja,
        ),
    ];
    let _ = write!(
        r.out,
        r#"<table><thead><tr><th>{h1}</th><th>{h2}</th><th class="num">{h3}</th></tr></thead><tbody>"#
    );
    for (a, b, c) in rows.iter().filter(|x| x.2 > 0) {
        let _ = write!(
            r.out,
            r#"<tr><td>{a}</td><td>{b}</td><td class="num">{}</td></tr>"#,
            r.n(*c as f64, 0)
        );
    }
    r.push("</tbody></table>");

    // Only what was computed, each with its n.
    let alpha = r.n(e.config.alpha, 2);
    let id = r.lang == Lang::Id;
    let lang = r.lang;
    let n = |v: usize| number(v as f64, 0, lang);
    let mut items: Vec<String> = Vec::new();
    let modules = e
        .pembelajaran
        .per_pelatihan
        .iter()
        .filter(|m| m.n >= 2)
        .count();
    if modules > 0 {
        items.push(if id {
            format!("<strong>Uji-t berpasangan</strong> atas selisih post − pre di {} modul (n = {} pasangan nilai), p dua sisi dari distribusi t dengan df = n − 1, interval kepercayaan 95%; asumsi: selisih kira-kira berdistribusi normal dan antar-peserta independen. Taraf nyata α = {alpha}; p dari semua modul disesuaikan dengan metode Holm, dan hanya p Holm di bawah α yang disebut bermakna.", n(modules), n(n_pairs))
        } else {
            format!("<strong>Paired t-test</strong> on post − pre differences in {} modules (n = {} pairs of scores), two-sided p from the t distribution with df = n − 1, 95% confidence interval; assumptions: differences roughly normal and participants independent. Significance level α = {alpha}; the modules' p-values are Holm-adjusted, and only a Holm p below α is called significant.", n(modules), n(n_pairs))
        });
        items.push(if id {
            format!("<strong>Uji peringkat bertanda Wilcoxon</strong> pada pasangan yang sama, sebagai pembanding tanpa asumsi normalitas ({wil_method}); bila kedua uji tidak sepakat, hasilnya ditandai rapuh.")
        } else {
            format!("<strong>Wilcoxon signed-rank test</strong> on the same pairs, as a check free of the normality assumption ({wil_method}); where the two tests disagree the result is marked fragile.")
        });
        items.push(r.t(
            "<strong>Ukuran efek Cohen d<sub>z</sub></strong> = rata-rata selisih / simpangan baku selisih, dengan interval 95% (pendekatan normal); 0,2 kecil, 0,5 sedang, 0,8 besar. <strong>N-gain Hake</strong> per peserta = (post − pre) / (100 − pre), dirata-ratakan per modul; tinggi ≥ 0,7, sedang 0,3–0,7, rendah &lt; 0,3.",
            "<strong>Cohen's d<sub>z</sub></strong> = mean difference / SD of the differences, with a 95% interval (normal approximation); 0.2 small, 0.5 medium, 0.8 large. <strong>Hake's N-gain</strong> per participant = (post − pre) / (100 − pre), averaged per module; high ≥ 0.7, medium 0.3–0.7, low &lt; 0.3.",
        ).to_string());
    }
    if j.reaksi > 0 {
        items.push(if id {
            format!("<strong>Reaksi (Kirkpatrick 1)</strong>: rata-rata skor 1–5 per modul dari {} kuesioner, dan persentase peserta yang rata-rata jawabannya atas butir relevansi ≥ 4 (modul di bawah {}% dianggap kurang relevan).", n(j.reaksi), r.n(e.config.relevan_min_persen, 0))
        } else {
            format!("<strong>Reaction (Kirkpatrick 1)</strong>: mean 1–5 score per module from {} questionnaires, and the share of participants whose mean answer to the relevance items is 4 or more (modules below {}% are taken as not relevant enough).", n(j.reaksi), r.n(e.config.relevan_min_persen, 0))
        });
    }
    let rated: usize = e.kinerja.per_aspek.iter().map(|a| a.uji.n).sum();
    if rated > 0 {
        items.push(if id {
            format!("<strong>Perilaku kerja (Kirkpatrick 3)</strong>: per aspek, selisih-dalam-selisih skor penilaian atasan dan rekan (n = {} penilaian) antara ASN peserta dan bukan peserta, sebelum dan sesudah intervensi, dengan galat baku per instansi seperti di bawah; p disesuaikan Holm atas semua aspek. {} penilaian diri tidak dipakai karena mengukur persepsi diri, bukan perilaku.", n(rated), n(e.kinerja.diri_dikecualikan))
        } else {
            format!("<strong>Behaviour at work (Kirkpatrick 3)</strong>: per aspect, the difference-in-differences of supervisor and peer ratings (n = {} ratings) between participating and non-participating ASN, before and after the intervention, with unit-clustered errors as below; p Holm-adjusted over the aspects. {} self-ratings are left out: they measure self-image, not behaviour.", n(rated), n(e.kinerja.diri_dikecualikan))
        });
    }
    if j.skm > 0 {
        items.push(if id {
            format!("<strong>IKM</strong> menurut PermenPANRB No. 14 Tahun 2017 dari {} kuesioner: NRR per unsur = jumlah nilai / jumlah jawaban terisi; IKM = Σ NRR × bobot {bobot}, dikonversi × 25; mutu A ≥ 88,31, B ≥ 76,61, C ≥ 65,00, D di bawahnya. Perubahannya diuji dengan selisih-dalam-selisih indeks per responden (rata-rata unsur yang dijawab × 25).", n(j.skm))
        } else {
            format!("<strong>IKM</strong> per PermenPANRB No. 14/2017 from {} questionnaires: NRR per element = sum of answers / number of non-blank answers; IKM = Σ NRR × weight {bobot}, converted × 25; grade A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, D below. Its change is tested by a difference-in-differences of the per-respondent index (mean of the answered elements × 25).", n(j.skm))
        });
    }
    if j.layanan > 0 {
        items.push(if id {
            format!("<strong>Waktu tunggu</strong> = waktu dipanggil − waktu datang (menit) dari {} tiket antrean; rata-rata, median dan persentil ke-90 per instansi dan fase.", n(j.layanan))
        } else {
            format!("<strong>Waiting time</strong> = called − arrival (minutes) from {} queue tickets; mean, median and 90th percentile per unit and phase.", n(j.layanan))
        });
    }
    if j.layanan > 0 || j.skm > 0 || rated > 0 {
        items.push(r.t(
            "<strong>Selisih-dalam-selisih</strong> diestimasi dengan regresi pada data per pengamatan, y = β₀ + β₁·kelompok + β₂·sesudah + β₃·kelompok×sesudah, dengan galat baku dikelompokkan per instansi (CR1, distribusi t dengan G − 1 df); bila instansi kurang dari 30, interval dan p diambil dari wild cluster bootstrap dengan bobot Webb (seed tetap, dapat diulang). Asumsinya: tanpa program, kedua kelompok akan berubah sejajar (tren paralel).",
            "<strong>Differences-in-differences</strong> are estimated by a regression on observation-level data, y = β₀ + β₁·group + β₂·after + β₃·group×after, with standard errors clustered by unit (CR1, t distribution with G − 1 df); with fewer than 30 units the interval and p come from the wild cluster bootstrap with Webb weights (fixed seed, reproducible). The assumption: without the programme both groups would have changed in parallel (parallel trends).",
        ).to_string());
    }
    if !e.instrumen.is_empty() {
        items.push(if id {
            format!("<strong>Reliabilitas dan validitas instrumen</strong>: Cronbach α (reliabel bila ≥ {}) dan korelasi butir–total terkoreksi dibandingkan dengan r-tabel pada α = 0,05, df = n − 2.", r.n(e.config.alpha_reliabel, 2))
        } else {
            format!("<strong>Instrument reliability and validity</strong>: Cronbach's α (reliable at ≥ {}) and corrected item–total correlations against the critical r at α = 0.05, df = n − 2.", r.n(e.config.alpha_reliabel, 2))
        });
    }
    let h = r.t("Analisis yang dipakai", "Analyses used");
    let _ = write!(r.out, "<h3>{h}</h3><ul>");
    for i in items {
        let _ = write!(r.out, "<li>{i}</li>");
    }
    r.push("</ul>");

    if !e.instrumen.is_empty() {
        let cap = r.t(
            "Reliabilitas dan validitas instrumen",
            "Instrument reliability and validity",
        );
        let _ = write!(
            r.out,
            r#"<table><caption>{cap}</caption><thead><tr><th>{}</th><th class="num">n</th><th class="num">{}</th><th class="num">Cronbach α</th><th class="num">r-{}</th><th>{}</th></tr></thead><tbody>"#,
            r.t("Instrumen", "Instrument"),
            r.t("Butir", "Items"),
            r.t("tabel", "critical"),
            r.t("Butir tidak valid", "Invalid items"),
        );
        for i in &e.instrumen {
            let invalid: Vec<String> = i
                .item
                .iter()
                .filter(|x| !x.valid)
                .map(|x| {
                    format!(
                        "{} (r = {})",
                        esc(&x.item),
                        r.n(x.r_item_total_terkoreksi, 2)
                    )
                })
                .collect();
            let flag = if i.reliabel {
                ""
            } else {
                r.t(" — kurang reliabel", " — not reliable")
            };
            let _ = write!(
                r.out,
                r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}{flag}</td><td class="num">{}</td><td>{}</td></tr>"#,
                match i.instrumen {
                    "skm" => r.t(
                        "Survei Kepuasan Masyarakat (9 unsur)",
                        "Citizen satisfaction survey (SKM, 9 unsur)"
                    ),
                    "reaksi" => r.t(
                        "Kuesioner reaksi peserta pelatihan",
                        "Participants' reaction questionnaire"
                    ),
                    _ => i.nama,
                },
                n(i.n),
                n(i.k),
                r.n(i.cronbach_alpha, 3),
                r.n(i.r_tabel, 3),
                if invalid.is_empty() {
                    "–".to_string()
                } else {
                    invalid.join(", ")
                }
            );
        }
        r.push("</tbody></table>");
    }
    if q.wawancara == 0 && q.dokumen == 0 {
        let note = r.t(
            "Data wawancara dan dokumen belum dimasukkan ke monev untuk evaluasi ini; temuan di bawah bersandar pada data kuantitatif yang tercantum di atas.",
            "Interview and document evidence has not yet been entered into monev for this evaluation; the findings below rest on the quantitative data listed above.",
        );
        let _ = write!(r.out, r#"<p class="catatan">{note}</p>"#);
    }
}

fn hasil(r: &mut R<'_>) {
    let e = r.e;
    let lang = r.lang;
    let heading = r.t("4. Hasil Evaluasi", "4. Findings");
    let _ = write!(r.out, r#"<h2 id="hasil">{heading}</h2>"#);
    if r.findings(Jenis::Hasil) == 0 {
        let s = r.t(
            "Data belum menunjukkan hasil yang bermakna secara statistik.",
            "The data show no statistically significant result yet.",
        );
        let _ = write!(r.out, "<p>{s}</p>");
    }

    // 4.1 Participation
    let part = &e.partisipasi;
    let h = r.t("4.1 Partisipasi ASN", "4.1 ASN participation");
    let _ = write!(r.out, r#"<h3 id="partisipasi">{h}</h3>"#);
    let chart = participation_chart(r);
    let _ = write!(r.out, "<figure>{chart}</figure>");
    let cap = r.t(
        "Tabel 1. Partisipasi per instansi",
        "Table 1. Participation by unit",
    );
    let (a, b, c, d, f) = (
        r.t("Instansi", "Unit"),
        r.t("Kelompok", "Group"),
        r.t("ASN", "ASN"),
        r.t("Peserta", "Participants"),
        r.t("Partisipasi", "Participation"),
    );
    let _ = write!(
        r.out,
        r#"<table><caption>{cap}</caption><thead><tr><th>{a}</th><th>{b}</th><th class="num">{c}</th><th class="num">{d}</th><th class="num">{f}</th></tr></thead><tbody>"#
    );
    for i in &part.per_instansi {
        let _ = write!(
            r.out,
            r#"<tr><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            esc(&i.nama),
            r.kelompok(i.kelompok),
            r.n(i.asn as f64, 0),
            r.n(i.peserta as f64, 0),
            r.pct(i.persen)
        );
    }
    let _ = write!(
        r.out,
        r#"<tr><th colspan="2">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th></tr></tbody></table>"#,
        r.t("Unit intervensi", "Intervention units"),
        r.n(part.intervensi.asn as f64, 0),
        r.n(part.intervensi.peserta as f64, 0),
        r.pct(part.intervensi.persen)
    );
    let s = match lang {
        Lang::Id => format!(
            "Rata-rata kehadiran peserta {}; {} peserta ({}) tidak menyelesaikan pelatihan (tanpa post-test).",
            r.pct(part.kehadiran_rata_persen),
            r.n(part.tidak_selesai as f64, 0),
            r.pct(part.tidak_selesai_persen)
        ),
        Lang::En => format!(
            "Mean attendance was {}; {} participants ({}) did not finish their training (no post-test).",
            r.pct(part.kehadiran_rata_persen),
            r.n(part.tidak_selesai as f64, 0),
            r.pct(part.tidak_selesai_persen)
        ),
    };
    let _ = write!(r.out, "<p>{s}</p>");

    reaksi_section(r);

    // 4.3 Learning
    let h = r.t(
        "4.3 Pembelajaran (Kirkpatrick tingkat 2)",
        "4.3 Learning (Kirkpatrick level 2)",
    );
    let _ = write!(r.out, r#"<h3 id="pembelajaran">{h}</h3>"#);
    let bars: Vec<svg::Bar> = e
        .pembelajaran
        .per_pelatihan
        .iter()
        .map(|m| svg::Bar {
            label: m.nama.clone(),
            values: vec![m.pre_rata, m.post_rata],
        })
        .collect();
    let chart = svg::hbars(
        &svg::HBars {
            title: r.t(
                "Rata-rata skor pre-test dan post-test per modul",
                "Mean pre-test and post-test score per module",
            ),
            series: &[r.t("Pre-test", "Pre-test"), r.t("Post-test", "Post-test")],
            bars: &bars,
            max: 100.0,
            decimals: 1,
            suffix: "",
            target: None,
        },
        lang,
    );
    let _ = write!(r.out, "<figure>{chart}</figure>");
    let cap = r.t(
        "Tabel 3. Hasil pre/post-test per modul",
        "Table 3. Pre/post test results by module",
    );
    let _ = write!(
        r.out,
        r#"<table><caption>{cap}</caption><thead><tr><th>{}</th><th class="num">JP</th><th class="num">n</th><th class="num">Pre</th><th class="num">Post</th><th class="num">{}</th><th class="num">{}</th><th class="num">t (df)</th><th class="num">p Holm</th><th class="num">d<sub>z</sub></th><th class="num">p Wilcoxon Holm</th><th class="num">N-gain</th></tr></thead><tbody>"#,
        r.t("Modul", "Module"),
        r.t("Selisih", "Difference"),
        r.t("IK 95%", "95% CI")
    );
    for m in &e.pembelajaran.per_pelatihan {
        let (ef_id, ef_en) = effect_name(m.cohen_dz);
        let kat = m.n_gain_kategori.map(|k| match (lang, k) {
            (Lang::En, "tinggi") => "high",
            (Lang::En, "sedang") => "medium",
            (Lang::En, "rendah") => "low",
            (_, k) => k,
        });
        let _ = write!(
            r.out,
            r#"<tr><td>{}{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{} – {}</td><td class="num">{} ({})</td><td class="num">{}</td><td class="num">{} <span class="catatan">{}</span></td><td class="num">{}</td><td class="num">{} <span class="catatan">{}</span></td></tr>"#,
            esc(&m.nama),
            if m.rapuh { " †" } else { "" },
            r.n(m.jp, 0),
            r.n(m.n as f64, 0),
            r.n(m.pre_rata, 1),
            r.n(m.post_rata, 1),
            r.n(m.selisih_rata, 1),
            r.n(m.ci95_bawah, 1),
            r.n(m.ci95_atas, 1),
            r.n(m.t, 2),
            r.n(m.df, 0),
            r.p(m.p_holm),
            r.n(m.cohen_dz, 2),
            lang.pick(ef_id, ef_en),
            r.p(m.wilcoxon_p_holm),
            r.n(m.n_gain_rata, 2),
            kat.unwrap_or("–")
        );
    }
    r.push("</tbody></table>");
    let fragile = e.pembelajaran.per_pelatihan.iter().any(|m| m.rapuh);
    let note = r.t(
        "p disesuaikan dengan metode Holm atas semua modul. Selisih disebut bermakna bila p Holm &lt; α.",
        "p-values are Holm-adjusted over all modules. A difference is called significant when the Holm p &lt; α.",
    );
    let fragile_note = if fragile {
        r.t(
            " † Hasil rapuh: kurang dari 10 pasangan nilai, atau uji-t dan uji Wilcoxon tidak sepakat (asumsi normalitas diragukan); jangan dinyatakan sebagai kesimpulan pasti.",
            " † Fragile result: fewer than 10 pairs of scores, or the t-test and the Wilcoxon test disagree (normality in doubt); do not state it as a firm conclusion.",
        )
    } else {
        ""
    };
    let _ = write!(r.out, r#"<p class="catatan">{note}{fragile_note}</p>"#);

    kinerja_section(r);

    // 4.5 SKM
    let h = r.t(
        "4.5 Kepuasan masyarakat (IKM, Kirkpatrick tingkat 4)",
        "4.5 Citizen satisfaction (IKM, Kirkpatrick level 4)",
    );
    let _ = write!(r.out, r#"<h3 id="skm">{h}</h3>"#);
    let k = &e.skm.keseluruhan;
    let s = match lang {
        Lang::Id => format!(
            "Seluruh {} kuesioner SKM menghasilkan IKM {} (mutu {}, {}).",
            r.n(k.n as f64, 0),
            r.n(k.ikm, 2),
            k.mutu.map(|m| format!("{m:?}")).unwrap_or("–".into()),
            k.kinerja.unwrap_or("–")
        ),
        Lang::En => format!(
            "All {} SKM questionnaires give an IKM of {} (grade {}, {}).",
            r.n(k.n as f64, 0),
            r.n(k.ikm, 2),
            k.mutu.map(|m| format!("{m:?}")).unwrap_or("–".into()),
            k.kinerja_en.unwrap_or("–")
        ),
    };
    let _ = write!(r.out, "<p>{s}</p>");
    if let (Some(a), Some(b)) = (
        find(e, Kelompok::Intervensi, Fase::Sebelum),
        find(e, Kelompok::Intervensi, Fase::Sesudah),
    ) {
        let bars: Vec<svg::Bar> = UNSUR
            .iter()
            .enumerate()
            .map(|(i, u)| svg::Bar {
                label: format!("{} {}", u.0, lang.pick(u.1, u.2)),
                values: vec![a.ikm.nrr[i], b.ikm.nrr[i]],
            })
            .collect();
        let chart = svg::hbars(
            &svg::HBars {
                title: r.t(
                    "NRR per unsur, unit intervensi (skala 1–4)",
                    "Mean score per element, intervention units (scale 1–4)",
                ),
                series: &[r.t("Sebelum", "Before"), r.t("Sesudah", "After")],
                bars: &bars,
                max: 4.0,
                decimals: 2,
                suffix: "",
                target: Some((76.61 / 25.0, r.t("batas mutu B", "grade B floor"))),
            },
            lang,
        );
        let _ = write!(r.out, "<figure>{chart}</figure>");
    }
    let s = did_sentence(
        r,
        e.skm.did.estimasi_poin,
        &e.skm.did.uji,
        2,
        ("poin", "points"),
        ("responden", "respondents"),
    );
    let _ = write!(r.out, "<p>{s}</p>");
    let cap = r.t(
        "Tabel 5. IKM per instansi, sebelum dan sesudah intervensi",
        "Table 5. IKM by unit, before and after the intervention",
    );
    let _ = write!(
        r.out,
        r#"<table><caption>{cap}</caption><thead><tr><th rowspan="2">{}</th><th rowspan="2">{}</th><th colspan="2" class="num">{b}</th><th colspan="2" class="num">{a}</th><th rowspan="2" class="num">{d}</th></tr><tr><th class="num">n</th><th class="num">IKM</th><th class="num">n</th><th class="num">IKM</th></tr></thead><tbody>"#,
        r.t("Instansi", "Unit"),
        r.t("Kelompok", "Group"),
        b = r.t("Sebelum", "Before"),
        a = r.t("Sesudah", "After"),
        d = r.t("Perubahan", "Change"),
    );
    let skm_row = |r: &R<'_>, name: String, k: Kelompok, groups: &[&monev_eval::SkmGroup]| {
        let at = |f: Fase| groups.iter().find(|g| g.fase == f).map(|g| &g.ikm);
        let cell = |i: Option<&monev_eval::Ikm>| match i {
            Some(i) => (
                r.n(i.n as f64, 0),
                format!("{} {}", r.n(i.ikm, 2), mutu_cell(i.mutu)),
            ),
            None => ("–".into(), "–".into()),
        };
        let (n0, v0) = cell(at(Fase::Sebelum));
        let (n1, v1) = cell(at(Fase::Sesudah));
        let change = match (at(Fase::Sebelum), at(Fase::Sesudah)) {
            (Some(x), Some(y)) => signed(r, y.ikm - x.ikm, 2),
            _ => "–".into(),
        };
        format!(
            r#"<tr><td>{name}</td><td>{}</td><td class="num">{n0}</td><td class="num">{v0}</td><td class="num">{n1}</td><td class="num">{v1}</td><td class="num">{change}</td></tr>"#,
            r.kelompok(k)
        )
    };
    let rows = phase_rows(r, &e.skm.per_kelompok, &e.skm.per_instansi, skm_row);
    r.push(&rows);
    r.push("</tbody></table>");

    // The sample behind each unit's IKM.
    if e.skm.sampel.iter().any(|s| s.populasi.is_some()) {
        let chart = sample_chart(r).unwrap_or_default();
        let cap = r.t(
            "Tabel 6. Sampel SKM sesudah intervensi: populasi = tiket antrean pada periode itu",
            "Table 6. SKM sample after the intervention: population = queue tickets in that period",
        );
        let _ = write!(
            r.out,
            r#"<figure id="sampel-skm">{chart}</figure><table><caption>{cap}</caption><thead><tr><th>{}</th><th class="num">{}</th><th class="num">Krejcie–Morgan</th><th class="num">Slovin 5%</th><th class="num">{}</th><th class="num">%</th><th>{}</th></tr></thead><tbody>"#,
            r.t("Instansi", "Unit"),
            r.t("Populasi", "Population"),
            r.t("Responden", "Respondents"),
            r.t("Status", "Status"),
        );
        for s in &e.skm.sampel {
            let opt = |v: Option<u64>| v.map_or("–".to_string(), |v| r.n(v as f64, 0));
            let status = match s.cukup {
                Some(true) => r.t("cukup", "sufficient"),
                Some(false) => r.t("belum cukup", "too few"),
                None => r.t("tanpa log antrean", "no queue log"),
            };
            let _ = write!(
                r.out,
                r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{status}</td></tr>"#,
                esc(&s.nama),
                opt(s.populasi),
                opt(s.target_krejcie_morgan),
                opt(s.target_slovin),
                r.n(s.responden as f64, 0),
                s.persen_target.map_or("–".to_string(), |p| r.n(p, 0)),
            );
        }
        r.push("</tbody></table>");
    }

    // 4.4 Waiting time
    let h = r.t(
        "4.6 Waktu tunggu layanan (Kirkpatrick tingkat 4)",
        "4.6 Service waiting time (Kirkpatrick level 4)",
    );
    let _ = write!(r.out, r#"<h3 id="layanan">{h}</h3>"#);
    let d = &e.layanan.did.uji;
    let chart = waiting_chart(r);
    let caption = did_sentence(
        r,
        e.layanan.did.estimasi_menit,
        d,
        1,
        ("menit", "minutes"),
        ("tiket", "tickets"),
    );
    let _ = write!(
        r.out,
        "<figure>{chart}<figcaption>{caption}</figcaption></figure>"
    );
    let cap = r.t(
        "Tabel 7. Waktu tunggu per instansi, sebelum dan sesudah intervensi (menit)",
        "Table 7. Waiting time by unit, before and after the intervention (minutes)",
    );
    let _ = write!(
        r.out,
        r#"<table><caption>{cap}</caption><thead><tr><th rowspan="2">{}</th><th rowspan="2">{}</th><th colspan="3" class="num">{b}</th><th colspan="4" class="num">{a}</th><th rowspan="2" class="num">{d}</th></tr><tr><th class="num">n</th><th class="num">{m}</th><th class="num">Median</th><th class="num">n</th><th class="num">{m}</th><th class="num">Median</th><th class="num">P90</th></tr></thead><tbody>"#,
        r.t("Instansi", "Unit"),
        r.t("Kelompok", "Group"),
        b = r.t("Sebelum", "Before"),
        a = r.t("Sesudah", "After"),
        m = r.t("Rata-rata", "Mean"),
        d = r.t("Perubahan", "Change"),
    );
    let wait_row = |r: &R<'_>, name: String, k: Kelompok, groups: &[&monev_eval::TungguGroup]| {
        let at = |f: Fase| groups.iter().find(|g| g.fase == f);
        let cells = |g: Option<&&monev_eval::TungguGroup>| match g {
            Some(g) => [
                r.n(g.n as f64, 0),
                r.n(g.tunggu_rata_menit, 1),
                r.n(g.tunggu_median_menit, 1),
                r.n(g.tunggu_p90_menit, 1),
            ],
            None => ["–".into(), "–".into(), "–".into(), "–".into()],
        };
        let [n0, m0, md0, _] = cells(at(Fase::Sebelum));
        let [n1, m1, md1, p1] = cells(at(Fase::Sesudah));
        let change = match (at(Fase::Sebelum), at(Fase::Sesudah)) {
            (Some(x), Some(y)) => signed(r, y.tunggu_rata_menit - x.tunggu_rata_menit, 1),
            _ => "–".into(),
        };
        format!(
            r#"<tr><td>{name}</td><td>{}</td><td class="num">{n0}</td><td class="num">{m0}</td><td class="num">{md0}</td><td class="num">{n1}</td><td class="num">{m1}</td><td class="num">{md1}</td><td class="num">{p1}</td><td class="num">{change}</td></tr>"#,
            r.kelompok(k)
        )
    };
    let rows = phase_rows(
        r,
        &e.layanan.per_kelompok,
        &e.layanan.per_instansi,
        wait_row,
    );
    r.push(&rows);
    r.push("</tbody></table>");

    // 4.5 Budget
    let a = &e.anggaran;
    let h = r.t("4.7 Anggaran", "4.7 Budget");
    let _ = write!(r.out, r#"<h3 id="anggaran">{h}</h3>"#);
    let bars: Vec<svg::Bar> = a
        .per_kegiatan
        .iter()
        .map(|k| svg::Bar {
            label: k.kegiatan.clone(),
            values: vec![k.persen_realisasi],
        })
        .collect();
    let chart = svg::hbars(
        &svg::HBars {
            title: r.t(
                "Realisasi per kegiatan (% dari pagu)",
                "Spending per activity (% of ceiling)",
            ),
            series: &[""],
            bars: &bars,
            max: 100.0,
            decimals: 1,
            suffix: "%",
            target: None,
        },
        lang,
    );
    let _ = write!(r.out, "<figure>{chart}</figure>");
    let cap = r.t(
        "Tabel 8. Pagu dan realisasi anggaran",
        "Table 8. Budget ceiling and spending",
    );
    let _ = write!(
        r.out,
        r#"<table><caption>{cap}</caption><thead><tr><th>{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">%</th></tr></thead><tbody>"#,
        r.t("Kegiatan", "Activity"),
        r.t("Pagu", "Ceiling"),
        r.t("Realisasi", "Spent")
    );
    for k in &a.per_kegiatan {
        let _ = write!(
            r.out,
            r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            esc(&k.kegiatan),
            r.rp(k.pagu),
            r.rp(k.realisasi),
            r.pct(k.persen_realisasi)
        );
    }
    let _ = write!(
        r.out,
        r#"<tr><th>{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th></tr></tbody></table>"#,
        r.t("Jumlah", "Total"),
        r.rp(a.pagu),
        r.rp(a.realisasi),
        r.pct(a.persen_realisasi)
    );
    let s = match lang {
        Lang::Id => format!(
            "Biaya pelatihan menurut biaya per peserta modul: {} ({} per ASN peserta, {} per JP).",
            r.rp(a.biaya_pelatihan),
            r.rp(a.biaya_per_peserta),
            r.rp(a.biaya_per_jp)
        ),
        Lang::En => format!(
            "Training cost at each module's cost per participant: {} ({} per trained ASN, {} per JP).",
            r.rp(a.biaya_pelatihan),
            r.rp(a.biaya_per_peserta),
            r.rp(a.biaya_per_jp)
        ),
    };
    let _ = write!(r.out, "<p>{s}</p>");

    // 4.6 Indicators
    if !e.indikator.is_empty() {
        let h = r.t("4.8 Capaian indikator", "4.8 Indicator attainment");
        let _ = write!(r.out, r#"<h3 id="indikator">{h}</h3>"#);
        let cap = r.t(
            "Tabel 9. Indikator kinerja program",
            "Table 9. Programme performance indicators",
        );
        let _ = write!(
            r.out,
            r#"<table><caption>{cap}</caption><thead><tr><th>{}</th><th class="num">Baseline</th><th class="num">Target</th><th class="num">{}</th><th class="num">{}</th><th>{}</th></tr></thead><tbody>"#,
            r.t("Indikator", "Indicator"),
            r.t("Realisasi", "Actual"),
            r.t("Capaian", "Attainment"),
            r.t("Status", "Status")
        );
        for i in &e.indikator {
            let status = match i.tercapai {
                Some(true) => r.t("tercapai", "met"),
                Some(false) => r.t("belum tercapai", "not met"),
                None => r.t("tidak ada data", "no data"),
            };
            let source = if i.sumber == "dihitung" {
                r.t(" (dihitung monev)", " (computed by monev)")
            } else {
                ""
            };
            let dec = if i.target.abs() < 5.0 { 2 } else { 1 };
            let _ = write!(
                r.out,
                r#"<tr><td>{} <span class="catatan">{}</span></td><td class="num">{}</td><td class="num">{}</td><td class="num">{}<span class="catatan">{}</span></td><td class="num">{}</td><td>{}</td></tr>"#,
                esc(&i.nama),
                esc(&i.ukuran),
                r.n(i.baseline, dec),
                r.n(i.target, dec),
                r.n(i.realisasi, dec),
                source,
                r.pct(i.capaian_persen),
                status
            );
        }
        r.push("</tbody></table>");
    }
}

/// 4.2: reaction to each module (Kirkpatrick level 1).
fn reaksi_section(r: &mut R<'_>) {
    let e = r.e;
    if e.reaksi.per_pelatihan.is_empty() {
        return;
    }
    let lang = r.lang;
    let h = r.t(
        "4.2 Reaksi peserta (Kirkpatrick tingkat 1)",
        "4.2 Participants' reaction (Kirkpatrick level 1)",
    );
    let _ = write!(r.out, r#"<h3 id="reaksi">{h}</h3>"#);
    let bars: Vec<svg::Bar> = e
        .reaksi
        .per_pelatihan
        .iter()
        .map(|m| svg::Bar {
            label: m.nama.clone(),
            values: vec![m.relevansi_setuju_persen],
        })
        .collect();
    let chart = svg::hbars(
        &svg::HBars {
            title: r.t(
                "Peserta yang menilai modul relevan dengan tugasnya (skor relevansi ≥ 4, %)",
                "Participants rating the module relevant to their work (relevance score ≥ 4, %)",
            ),
            series: &[""],
            bars: &bars,
            max: 100.0,
            decimals: 1,
            suffix: "%",
            target: Some((e.config.relevan_min_persen, r.t("batas", "threshold"))),
        },
        lang,
    );
    let _ = write!(r.out, "<figure>{chart}</figure>");
    let cap = r.t(
        "Tabel 2. Reaksi peserta per modul (skala 1–5)",
        "Table 2. Participants' reaction by module (scale 1–5)",
    );
    let _ = write!(
        r.out,
        r#"<table><caption>{cap}</caption><thead><tr><th>{}</th><th class="num">n</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody>"#,
        r.t("Modul", "Module"),
        r.t("Rata-rata semua butir", "Mean of all items"),
        r.t("Rata-rata relevansi", "Mean relevance"),
        r.t("Menilai relevan", "Rate it relevant"),
    );
    for m in &e.reaksi.per_pelatihan {
        let _ = write!(
            r.out,
            r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            esc(&m.nama),
            r.n(m.n as f64, 0),
            r.n(m.rata, 2),
            r.n(m.relevansi_rata, 2),
            r.pct(m.relevansi_setuju_persen)
        );
    }
    r.push("</tbody></table>");
}

/// 4.4: performance ratings at work (Kirkpatrick level 3).
fn kinerja_section(r: &mut R<'_>) {
    let e = r.e;
    if e.kinerja.per_aspek.is_empty() {
        return;
    }
    let lang = r.lang;
    let h = r.t(
        "4.4 Perilaku kerja (Kirkpatrick tingkat 3)",
        "4.4 Behaviour at work (Kirkpatrick level 3)",
    );
    let _ = write!(r.out, r#"<h3 id="kinerja">{h}</h3>"#);
    let label = |a: &str| -> String {
        let pretty = a.replace('_', " ");
        let mut c = pretty.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    };
    let bars: Vec<svg::Bar> = e
        .kinerja
        .per_aspek
        .iter()
        .map(|a| svg::Bar {
            label: label(&a.aspek),
            values: vec![a.estimasi],
        })
        .collect();
    let top = e
        .kinerja
        .per_aspek
        .iter()
        .map(|a| a.uji.ci95_atas)
        .fold(0.5f64, f64::max);
    let chart = svg::hbars(
        &svg::HBars {
            title: r.t(
                "Kenaikan penilaian kinerja peserta dibanding bukan peserta (selisih-dalam-selisih, poin skala 1–5)",
                "Rise in performance ratings of participants beyond non-participants (difference-in-differences, points on 1–5)",
            ),
            series: &[""],
            bars: &bars,
            max: (top * 10.0).ceil() / 10.0,
            decimals: 2,
            suffix: "",
            target: None,
        },
        lang,
    );
    let _ = write!(r.out, "<figure>{chart}</figure>");
    let cap = r.t(
        "Tabel 4. Penilaian kinerja oleh atasan dan rekan: peserta dibanding bukan peserta, sebelum dan sesudah",
        "Table 4. Supervisor and peer ratings: participants against non-participants, before and after",
    );
    let _ = write!(
        r.out,
        r#"<table><caption>{cap}</caption><thead><tr><th>{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">IK 95%</th><th class="num">p Holm</th></tr></thead><tbody>"#,
        r.t("Aspek", "Aspect"),
        r.t("Peserta: sebelum → sesudah", "Participants: before → after"),
        r.t("Bukan peserta: sebelum → sesudah", "Others: before → after"),
        r.t("Selisih-dalam-selisih", "Diff.-in-diff."),
    );
    for a in &e.kinerja.per_aspek {
        let u = &a.uji;
        let _ = write!(
            r.out,
            r#"<tr><td>{}{}</td><td class="num">{} → {}</td><td class="num">{} → {}</td><td class="num">{}</td><td class="num">{} – {}</td><td class="num">{}</td></tr>"#,
            esc(&label(&a.aspek)),
            if u.rapuh { " †" } else { "" },
            r.n(u.intervensi_sebelum, 2),
            r.n(u.intervensi_sesudah, 2),
            r.n(u.pembanding_sebelum, 2),
            r.n(u.pembanding_sesudah, 2),
            signed(r, a.estimasi, 2),
            r.n(u.ci95_bawah, 2),
            r.n(u.ci95_atas, 2),
            r.p(a.p_holm)
        );
    }
    r.push("</tbody></table>");
    if let Some(a) = e.kinerja.per_aspek.first() {
        let u = &a.uji;
        let note = match lang {
            Lang::Id => format!(
                "{} ASN peserta dan {} bukan peserta dinilai di {} instansi ({} penilaian per aspek). Uji: {}.",
                r.n(a.n_peserta as f64, 0),
                r.n(a.n_nonpeserta as f64, 0),
                u.klaster,
                r.n(u.n as f64, 0),
                did_method(r, u)
            ),
            Lang::En => format!(
                "{} participating and {} non-participating ASN were rated in {} units ({} ratings per aspect). Test: {}.",
                r.n(a.n_peserta as f64, 0),
                r.n(a.n_nonpeserta as f64, 0),
                u.klaster,
                r.n(u.n as f64, 0),
                did_method(r, u)
            ),
        };
        let fragile = if e.kinerja.per_aspek.iter().any(|a| a.uji.rapuh) {
            r.t(
                " † Hasil rapuh: terlalu sedikit instansi atau penilaian.",
                " † Fragile: too few units or ratings.",
            )
        } else {
            ""
        };
        let _ = write!(r.out, r#"<p class="catatan">{note}{fragile}</p>"#);
    }
}

/// Section 8, Keterbatasan: what the data cannot bear (blanks, response
/// rates, samples short of Krejcie–Morgan, outlying waits), each counted.
fn keterbatasan(r: &mut R<'_>) {
    let q = &r.e.kualitas_data;
    let heading = r.t("8. Keterbatasan", "8. Limitations");
    let _ = write!(r.out, r#"<h2 id="keterbatasan">{heading}</h2>"#);
    let intro = r.t(
        "Keterbatasan data yang perlu diingat saat membaca temuan:",
        "Limits of the data to keep in mind when reading the findings:",
    );
    let _ = write!(r.out, "<p>{intro}</p><ul>");
    let share = |a: usize, n: usize| {
        if n == 0 {
            f64::NAN
        } else {
            a as f64 / n as f64 * 100.0
        }
    };
    let n = |v: usize| r.n(v as f64, 0);
    let mut items: Vec<String> = Vec::new();
    if q.skm_n > 0 {
        let short =
            r.e.skm
                .sampel
                .iter()
                .filter(|s| s.cukup == Some(false))
                .count();
        let judged = r.e.skm.sampel.iter().filter(|s| s.cukup.is_some()).count();
        items.push(match r.lang {
            Lang::Id => format!(
                "<strong>SKM</strong>: {} dari {} jawaban unsur kosong ({}); {} dari {} unit belum mencapai sampel Krejcie–Morgan sesudah intervensi, sehingga IKM unit itu belum mewakili penggunanya.",
                n(q.skm_sel_kosong), n(q.skm_sel), r.pct(share(q.skm_sel_kosong, q.skm_sel)), n(short), n(judged)
            ),
            Lang::En => format!(
                "<strong>SKM</strong>: {} of {} unsur answers blank ({}); {} of {} units short of the Krejcie–Morgan sample after the intervention, so their IKM does not yet represent their users.",
                n(q.skm_sel_kosong), n(q.skm_sel), r.pct(share(q.skm_sel_kosong, q.skm_sel)), n(short), n(judged)
            ),
        });
    }
    if q.peserta > 0 {
        items.push(match r.lang {
            Lang::Id => format!(
                "<strong>Pre/post-test</strong>: {} dari {} kepesertaan tanpa post-test (tidak menyelesaikan pelatihan) dan {} tanpa pre-test; uji berpasangan dan N-gain hanya memakai pasangan nilai yang lengkap. <strong>Reaksi</strong>: {} kuesioner kembali dari {} kepesertaan (tingkat respons {}).",
                n(q.tanpa_post_test), n(q.peserta), n(q.tanpa_pre_test), n(q.reaksi), n(q.peserta), r.pct(q.reaksi_respons_persen)
            ),
            Lang::En => format!(
                "<strong>Pre/post tests</strong>: {} of {} participations without a post-test (did not finish) and {} without a pre-test; paired tests and N-gain use complete pairs only. <strong>Reaction</strong>: {} questionnaires returned of {} participations (response rate {}).",
                n(q.tanpa_post_test), n(q.peserta), n(q.tanpa_pre_test), n(q.reaksi), n(q.peserta), r.pct(q.reaksi_respons_persen)
            ),
        });
    }
    if q.tiket > 0 {
        items.push(match r.lang {
            Lang::Id => format!(
                "<strong>Waktu tunggu</strong>: {} dari {} tiket ({}) melewati batas pencilan jauh Tukey (Q3 + 3·IQR = {} menit); tiket itu tetap diikutkan, dan median serta P90 dilaporkan di samping rata-rata. {} tiket tanpa waktu selesai.",
                n(q.tunggu_pencilan), n(q.tiket), r.pct(share(q.tunggu_pencilan, q.tiket)), r.n(q.tunggu_batas_menit, 1), n(q.tiket_tanpa_selesai)
            ),
            Lang::En => format!(
                "<strong>Waiting times</strong>: {} of {} tickets ({}) lie beyond Tukey's far fence (Q3 + 3·IQR = {} minutes); they are kept, and medians and 90th percentiles are reported beside the means. {} tickets have no completion time.",
                n(q.tunggu_pencilan), n(q.tiket), r.pct(share(q.tunggu_pencilan, q.tiket)), r.n(q.tunggu_batas_menit, 1), n(q.tiket_tanpa_selesai)
            ),
        });
    }
    if q.asn > 0 {
        items.push(match r.lang {
            Lang::Id => format!(
                "<strong>Kinerja</strong>: {} dari {} ASN ({}) mendapat penilaian atasan atau rekan.",
                n(q.asn_dinilai), n(q.asn), r.pct(share(q.asn_dinilai, q.asn))
            ),
            Lang::En => format!(
                "<strong>Performance</strong>: {} of {} ASN ({}) were rated by a superior or a peer.",
                n(q.asn_dinilai), n(q.asn), r.pct(share(q.asn_dinilai, q.asn))
            ),
        });
    }
    items.push(
        r.t(
            "<strong>Duplikat</strong>: baris ganda ditolak saat impor (dengan lokasinya) dan kiriman formulir daring disimpan sekali menurut UUID-nya, sehingga data yang dievaluasi bebas duplikat.",
            "<strong>Duplicates</strong>: duplicate rows are refused at import (located) and online form submissions are kept once by their UUID, so the data evaluated hold no duplicates.",
        )
        .to_string(),
    );
    // Small-cell suppression (monev_eval::privasi): always stated, and the
    // rows withheld named with their size only.
    let min = monev_eval::privasi::MIN_SEL;
    let hidden: Vec<String> =
        r.e.disembunyikan
            .iter()
            .map(|h| format!("{} (n = {})", esc(&h.baris), h.n))
            .collect();
    items.push(match (r.lang, hidden.is_empty()) {
        (Lang::Id, true) => format!(
            "<strong>Kerahasiaan responden</strong>: rincian yang bertumpu pada kurang dari {min} responden tidak ditampilkan (UU 27/2022); pada data ini tidak ada rincian sekecil itu."
        ),
        (Lang::En, true) => format!(
            "<strong>Respondent confidentiality</strong>: breakdowns resting on fewer than {min} respondents are not shown (UU 27/2022); these data have none that small."
        ),
        (Lang::Id, false) => format!(
            "<strong>Kerahasiaan responden</strong>: rincian yang bertumpu pada kurang dari {min} responden tidak ditampilkan (UU 27/2022), tetapi tetap dihitung dalam angka keseluruhan: {}.",
            hidden.join("; ")
        ),
        (Lang::En, false) => format!(
            "<strong>Respondent confidentiality</strong>: breakdowns resting on fewer than {min} respondents are not shown (UU 27/2022) but still count in the overall figures: {}.",
            hidden.join("; ")
        ),
    });
    if r.e.kualitatif.wawancara > 0 {
        items.push(
            r.t(
                "<strong>Wawancara</strong>: responden dipilih secara purposif; kutipan menggambarkan pengalaman, bukan proporsi populasi.",
                "<strong>Interviews</strong>: respondents were chosen purposively; quotes show experiences, not shares of a population.",
            )
            .to_string(),
        );
    }
    for i in items {
        let _ = write!(r.out, "<li>{i}</li>");
    }
    r.push("</ul>");
}

/// "Mataram, 30 November 2026", from the report settings, if set.
fn place_date(r: &R<'_>) -> Option<String> {
    let l = &r.e.program.laporan;
    match (&l.tempat, l.tanggal) {
        (Some(t), Some(d)) => Some(format!("{}, {}", esc(t), date_long(d, r.lang))),
        (None, Some(d)) => Some(date_long(d, r.lang)),
        (Some(t), None) => Some(esc(t)),
        (None, None) => None,
    }
}

/// The signature block, when the programme record names who signs.
fn tanda_tangan(r: &mut R<'_>) {
    let l = &r.e.program.laporan;
    if l.penandatangan_nama.is_none() && l.penandatangan_jabatan.is_none() {
        return;
    }
    let mut lines: Vec<String> = place_date(r).into_iter().collect();
    if let Some(j) = &l.penandatangan_jabatan {
        lines.push(esc(j));
    }
    let name = l
        .penandatangan_nama
        .as_deref()
        .map(|n| format!("<strong>{}</strong>", esc(n)))
        .unwrap_or_else(|| "(..............................)".into());
    let nip = l
        .penandatangan_nip
        .as_deref()
        .map(|n| format!("<br>NIP {}", esc(n)))
        .unwrap_or_default();
    let _ = write!(
        r.out,
        r#"<div class="ttd"><p class="ttd">{}</p><p class="ttd ruang">{}</p><p class="ttd">{name}{nip}</p></div>"#,
        lines.join("<br>"),
        r.t("(tanda tangan)", "(signature)")
    );
}

/// Lampiran: the evaluator's decisions on every generated recommendation
/// (the record of what was edited or rejected), and where the full tables
/// and unrounded figures are.
fn lampiran(r: &mut R<'_>) {
    let heading = r.t("9. Lampiran", "9. Annexes");
    let _ = write!(r.out, r#"<h2 id="lampiran">{heading}</h2>"#);
    let recs: Vec<&Finding> =
        r.e.temuan
            .iter()
            .filter(|f| f.jenis == Jenis::Rekomendasi)
            .collect();
    let sub = r.t(
        "9.1 Tinjauan rekomendasi oleh evaluator",
        "9.1 The evaluator's review of the recommendations",
    );
    let _ = write!(r.out, r#"<h3 id="lampiran-rekomendasi">{sub}</h3>"#);
    if recs.is_empty() {
        let s = r.t(
            "Aturan rekomendasi tidak menghasilkan rekomendasi.",
            "The recommendation rules produced none.",
        );
        let _ = write!(r.out, "<p>{s}</p>");
    } else {
        let intro = r.t(
            "Setiap rekomendasi dihasilkan oleh aturan dari angka evaluasi, lalu ditinjau evaluator: diterima, disunting atau ditolak. Untuk rekomendasi yang disunting, teks dari aturannya dicatat di sini.",
            "Each recommendation was generated by a rule from the evaluation's figures, then reviewed by the evaluator: accepted, edited or rejected. For an edited recommendation the rule's own text is recorded here.",
        );
        let mut s = format!(
            r#"<p>{intro}</p><table><caption>{}</caption><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
            r.t(
                "Tabel 11. Keputusan evaluator atas rekomendasi",
                "Table 11. The evaluator's decisions on the recommendations"
            ),
            r.t("Rekomendasi", "Recommendation"),
            r.t("Prioritas", "Priority"),
            r.t("Keputusan", "Decision"),
            r.t("Teks dari aturan", "The rule's text"),
        );
        for f in recs {
            let (decision, original) = match &f.keputusan {
                None => (
                    r.t("belum ditinjau", "not reviewed").to_string(),
                    String::new(),
                ),
                Some(k) => (
                    r.decision(k),
                    k.asli
                        .as_ref()
                        .map(|a| esc(r.lang.pick(&a[0], &a[1])))
                        .unwrap_or_default(),
                ),
            };
            let _ = write!(
                s,
                "<tr><td>{}<br><code>{}</code></td><td>{}</td><td>{decision}</td><td>{original}</td></tr>",
                esc(f.title(r.lang)),
                esc(&f.kode),
                r.priority(f),
            );
        }
        s.push_str("</tbody></table>");
        r.push(&s);
    }
    let sub = r.t("9.2 Tabel dan angka lengkap", "9.2 Full tables and figures");
    let s = r.t(
        "Semua tabel laporan ini tersedia sebagai lembar kerja di <code>lampiran.xlsx</code> (satu lembar per tabel, angka sebagai angka), dan semua angka tanpa pembulatan di <code>evaluasi.json</code>, yang strukturnya dijelaskan skema JSON yang menyertainya.",
        "Every table of this report is in <code>lampiran.xlsx</code> (one sheet per table, numbers as numbers), and every figure unrounded in <code>evaluasi.json</code>, whose structure its JSON schema describes.",
    );
    let _ = write!(r.out, r#"<h3 id="lampiran-tabel">{sub}</h3><p>{s}</p>"#);
}

fn kesimpulan(r: &mut R<'_>) {
    let e = r.e;
    let titles = |j: Jenis| -> Vec<String> {
        e.temuan
            .iter()
            .filter(|f| f.jenis == j)
            .map(|f| lower_first(f.title(r.lang)))
            .collect()
    };
    let (hasil, kendala) = (titles(Jenis::Hasil), titles(Jenis::Kendala));
    let join = |v: &[String]| -> String {
        match v.len() {
            0 => String::new(),
            1 => v[0].clone(),
            _ => format!(
                "{} {} {}",
                v[..v.len() - 1].join(", "),
                r.t("dan", "and"),
                v[v.len() - 1]
            ),
        }
    };
    let text = match (r.lang, hasil.is_empty(), kendala.is_empty()) {
        (Lang::Id, false, false) => format!(
            "{} menunjukkan hasil yang menjanjikan: {}. Namun evaluasi juga menemukan kendala: {}. Program layak dilanjutkan dengan perbaikan sesuai rekomendasi di atas, dan dievaluasi kembali dengan data yang sama agar dampaknya dapat dibandingkan.",
            esc(&e.program.nama),
            esc(&join(&hasil)),
            esc(&join(&kendala))
        ),
        (Lang::Id, false, true) => format!(
            "{} menunjukkan hasil yang menjanjikan: {}, tanpa kendala berarti yang terdeteksi dari data. Program layak dilanjutkan.",
            esc(&e.program.nama),
            esc(&join(&hasil))
        ),
        (Lang::Id, true, _) => format!(
            "Data belum menunjukkan hasil {} yang bermakna. {}Program perlu ditinjau ulang sebelum dilanjutkan.",
            esc(&e.program.nama),
            if kendala.is_empty() {
                String::new()
            } else {
                format!("Kendala utama: {}. ", esc(&join(&kendala)))
            }
        ),
        (Lang::En, false, false) => format!(
            "{} shows promising results: {}. The evaluation also found constraints: {}. The programme merits continuation with the improvements recommended above, and a repeat evaluation on the same data so that its impact can be compared.",
            esc(&e.program.nama),
            esc(&join(&hasil)),
            esc(&join(&kendala))
        ),
        (Lang::En, false, true) => format!(
            "{} shows promising results: {}, with no significant constraint detected in the data. The programme merits continuation.",
            esc(&e.program.nama),
            esc(&join(&hasil))
        ),
        (Lang::En, true, _) => format!(
            "The data do not yet show a significant result of {}. {}The programme should be reviewed before it continues.",
            esc(&e.program.nama),
            if kendala.is_empty() {
                String::new()
            } else {
                format!("Main constraints: {}. ", esc(&join(&kendala)))
            }
        ),
    };
    let heading = r.t("7. Kesimpulan", "7. Conclusion");
    let _ = write!(r.out, r#"<h2 id="kesimpulan">{heading}</h2><p>{text}</p>"#);
}
