//! Read-only data pages: the programme and its instansi, the training
//! modules, and participation (personal data: roles that need it, an
//! operator only for their own instansi).

use std::fmt::Write;

use axum::Extension;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use monev_domain::format::{date_long, number};
use monev_report::esc;
use serde::Deserialize;

use crate::pages::{AppError, Common, language, page, pager, scope, url_encode};
use crate::{App, Session};

pub async fn programme_page(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &q);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let kode = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let e = app.evaluation(&kode).await?;
    let own = scope(&session.user, None)?;
    let p = &e.program;
    let mut body = format!(
        r#"<h1>{}</h1><dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{} – {}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>Rp {}</dd></dl><h2>{}</h2>"#,
        esc(&p.nama),
        t("Kode", "Code"),
        esc(&p.kode),
        t("Wilayah", "Region"),
        esc(&p.wilayah),
        t("Periode", "Period"),
        date_long(p.mulai, lang),
        date_long(p.selesai, lang),
        t("Tanggal intervensi", "Intervention date"),
        date_long(p.tanggal_intervensi, lang),
        t("Pagu anggaran", "Budget ceiling"),
        number(p.pagu_anggaran, 0, lang),
        t("Instansi", "Units"),
    );
    let _ = write!(
        body,
        r#"<div class="tabel"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th class="num">ASN</th><th class="num">{}</th></tr></thead><tbody>"#,
        t("Kode", "Code"),
        t("Nama", "Name"),
        t("Kelompok", "Group"),
        t("Peserta", "Participants"),
    );
    // An operator sees their own instansi's row only.
    for i in e
        .partisipasi
        .per_instansi
        .iter()
        .filter(|i| own.is_none_or(|o| o == i.instansi))
    {
        let _ = write!(
            body,
            r#"<tr><td><a href="/instansi/{}/asn">{}</a></td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            url_encode(&i.instansi),
            esc(&i.instansi),
            esc(&i.nama),
            i.kelompok.code(),
            number(i.asn as f64, 0, lang),
            number(i.peserta as f64, 0, lang)
        );
    }
    body.push_str("</tbody></table></div>");
    Ok(page(
        t("Program", "Programme"),
        &body,
        Some(&session),
        lang,
        set,
    ))
}

pub async fn modules(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &q);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let kode = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let e = app.evaluation(&kode).await?;
    let mut body = format!(
        r#"<h1>{}</h1><div class="tabel"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th class="num">JP</th><th class="num">{}</th><th class="num">{}</th><th class="num">N-gain</th></tr></thead><tbody>"#,
        t("Modul pelatihan", "Training modules"),
        t("Kode", "Code"),
        t("Nama", "Name"),
        t("Bidang", "Field"),
        t("Peserta", "Participants"),
        t("Pasangan pre/post", "Pre/post pairs"),
    );
    for m in &e.pembelajaran.per_pelatihan {
        let _ = write!(
            body,
            r#"<tr><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            esc(&m.pelatihan),
            esc(&m.nama),
            esc(&m.bidang),
            number(m.jp, 0, lang),
            number(m.peserta as f64, 0, lang),
            number(m.n as f64, 0, lang),
            number(m.n_gain_rata, 2, lang)
        );
    }
    body.push_str("</tbody></table></div>");
    Ok(page(
        t("Modul", "Modules"),
        &body,
        Some(&session),
        lang,
        set,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct PesertaQuery {
    halaman: Option<i64>,
    program: Option<String>,
    lang: Option<String>,
}

const PAGE: i64 = 50;

pub async fn participation(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<PesertaQuery>,
) -> Result<Response, AppError> {
    let (lang, set) = language(
        &headers,
        &Common {
            lang: q.lang.clone(),
            program: None,
            instrumen: None,
        },
    );
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let instansi = scope(&session.user, None)?;
    let kode = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let halaman = q.halaman.unwrap_or(1).max(1);
    let (rows, total) = app
        .store
        .peserta_page(&kode, instansi, (halaman - 1) * PAGE, PAGE)
        .await?;
    let opt =
        |v: Option<f64>, d: usize| v.map(|v| number(v, d, lang)).unwrap_or_else(|| "–".into());
    let mut body = format!(
        r#"<h1>{}</h1><p>{} {}</p><div class="tabel"><table><thead><tr><th>NIP</th><th>{}</th><th>{}</th><th>{}</th><th class="num">{}</th><th class="num">Pre</th><th class="num">Post</th></tr></thead><tbody>"#,
        t("Kepesertaan pelatihan", "Training participation"),
        number(total as f64, 0, lang),
        t("baris", "rows"),
        t("Nama", "Name"),
        t("Instansi", "Unit"),
        t("Modul", "Module"),
        t("Kehadiran (%)", "Attendance (%)"),
    );
    for r in &rows {
        let _ = write!(
            body,
            r#"<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            esc(&r.nip),
            esc(&r.nama),
            esc(&r.instansi),
            esc(&r.pelatihan),
            opt(r.kehadiran_persen, 1),
            opt(r.pre_test, 0),
            opt(r.post_test, 0)
        );
    }
    body.push_str("</tbody></table></div>");
    body.push_str(&pager(halaman, total, PAGE, "", lang));
    Ok(page(
        t("Kepesertaan", "Participation"),
        &body,
        Some(&session),
        lang,
        set,
    ))
}

/// The case × code table for mixed methods: one row per interview, one
/// 0/1 column per code of the codebook (any coder).
pub async fn cases_csv(
    State(app): State<App>,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    use monev_report::table::Cell;
    let kode = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let e = app.evaluation(&kode).await?;
    let codes: Vec<String> = e
        .kualitatif
        .per_kode
        .iter()
        .map(|k| k.kode.clone())
        .collect();
    let mut headers = vec!["wawancara".to_string(), "kelompok".to_string()];
    headers.extend(codes.iter().cloned());
    let rows: Vec<Vec<Cell>> = e
        .kualitatif
        .per_kasus
        .iter()
        .map(|c| {
            let mut row = vec![
                Cell::Text(c.wawancara.clone()),
                c.kelompok
                    .map_or(Cell::Empty, |g| Cell::Text(g.code().to_string())),
            ];
            row.extend(
                codes
                    .iter()
                    .map(|k| Cell::Num(f64::from(u8::from(c.kode.contains(k))))),
            );
            row
        })
        .collect();
    let h: Vec<&str> = headers.iter().map(String::as_str).collect();
    Ok(crate::forms::download(
        &format!("kasus-kode-{kode}.csv"),
        "text/csv; charset=utf-8",
        monev_report::table::csv(&h, &rows).into_bytes(),
    ))
}
