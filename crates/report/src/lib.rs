//! Writes an [`Evaluasi`] for machines (`evaluasi.json`, unrounded, its
//! schema in `schema/evaluasi.schema.json`) and for people: the report as a
//! document model (`doc`, built by `sections` in the seed report's order,
//! Indonesian or English, every claim beside its figure, test and n), and
//! one renderer per format: HTML (`html`), DOCX, PDF, the XLSX annex.
//!
//! Pure: returns strings and bytes; the CLI and the web application write
//! or send them.

pub mod annex;
mod charts;
pub mod doc;
pub mod docx;
pub mod html;
pub mod image;
pub mod monitoring;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod qr;
pub mod raster;
pub mod schema;
mod sections;
mod svg;
pub mod table;
pub mod teks;

use monev_domain::Lang;
use monev_eval::Evaluasi;

pub use html::esc;

/// The JSON Schema of `evaluasi.json`.
pub const SCHEMA: &str = include_str!("../schema/evaluasi.schema.json");

/// `evaluasi.json`: every figure, unrounded; missing values are `null`.
pub fn json(e: &Evaluasi) -> String {
    serde_json::to_string_pretty(e).expect("the evaluation serialises")
}

/// The report as blocks, unnumbered (each renderer numbers them).
pub fn document(e: &Evaluasi, lang: Lang) -> Vec<doc::Block> {
    sections::document(e, lang)
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
.status{font-weight:600;white-space:nowrap}.status-sesuai_rencana{color:#2e7d32}.status-tertinggal{color:#b35900}.status-jauh_tertinggal{color:#c62828}.status-belum_dilaporkan{color:var(--muted)}
nav.periode{margin:0 0 12px;font-size:.9rem}nav.periode a,nav.periode strong{margin-right:.6em}
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

/// A funnel plot of `f` as SVG (the report's drawing), the points named
/// by `names`; `None` with fewer than two points.
pub fn funnel_svg(
    f: &monev_eval::perbandingan::Funnel,
    names: &dyn Fn(&str) -> String,
    title: &str,
    x_label: &str,
    y_label: &str,
    lang: Lang,
) -> Option<String> {
    charts::funnel_chart(f, names, title, x_label, y_label, 1, lang).map(|c| c.svg)
}

/// A unit's IKM over its published periods as SVG (the public SKM page):
/// (period label, IKM, 95% interval) in time order; `None` with fewer than
/// two periods.
pub fn ikm_trend_svg(
    points: &[(String, f64, Option<[f64; 2]>)],
    title: &str,
    lang: Lang,
) -> Option<String> {
    if points.len() < 2 {
        return None;
    }
    let points: Vec<(String, f64, Option<[f64; 2]>, bool)> = points
        .iter()
        .map(|(l, v, ci)| (l.clone(), *v, *ci, false))
        .collect();
    Some(svg::series(
        &svg::Series {
            title,
            y_label: "IKM",
            points: &points,
            centre: None,
            decimals: 2,
            values: true,
        },
        lang,
    ))
}

/// The stylesheet of the report, also served by the web application.
pub const STYLE: &str = CSS;

/// The dashboard body: key figures, the main charts and the findings, for
/// the web application to wrap in its own page. Same wording and numbers
/// as the report; links point into the full report at `/laporan`.
pub fn dashboard(e: &Evaluasi, lang: Lang) -> String {
    html::fragment(&sections::dashboard(e, lang), lang, "/laporan")
}

/// The report as one self-contained HTML page.
pub fn html(e: &Evaluasi, lang: Lang) -> String {
    html_with_style(e, lang, &format!("<style>{CSS}</style>"), "")
}

/// The report with its stylesheet linked from `href` instead of inline
/// (for a web server whose Content-Security-Policy forbids inline styles),
/// and `lead` (trusted markup: the server's download links) first in the
/// page's body.
pub fn html_linked(e: &Evaluasi, lang: Lang, href: &str, lead: &str) -> String {
    html_with_style(
        e,
        lang,
        &format!(r#"<link rel="stylesheet" href="{}">"#, esc(href)),
        lead,
    )
}

fn html_with_style(e: &Evaluasi, lang: Lang, style: &str, lead: &str) -> String {
    let title = format!(
        "{} — {}",
        lang.pick("Laporan Evaluasi", "Evaluation Report"),
        e.program.nama
    );
    html::page(&document(e, lang), lang, &title, style, lead)
}
