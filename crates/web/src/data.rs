//! Read-only data pages: the programme and its instansi, the training
//! modules, and participation (personal data: roles that need it, an
//! operator only for their own instansi).

use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use monev_domain::Lang;
use monev_domain::format::{date_long, number};
use serde::Deserialize;

use crate::pages::{AppError, Common, language, scope, url_encode};
use crate::view::{self, DataPage, Markup, Table, Td, Th};
use crate::{App, Session};

fn show(
    page: DataPage,
    session: &Session,
    lang: Lang,
    set: Option<HeaderValue>,
    title: &str,
) -> Response {
    view::page(title, Markup::of(&page), Some(session), lang, set)
}

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
    // An operator sees their own instansi's row only.
    let rows = e
        .partisipasi
        .per_instansi
        .iter()
        .filter(|i| own.is_none_or(|o| o == i.instansi))
        .map(|i| {
            vec![
                Td::link(
                    i.instansi.clone(),
                    format!("/instansi/{}/asn", url_encode(&i.instansi)),
                ),
                Td::text(i.nama.clone()),
                Td::text(i.kelompok.code()),
                Td::num(number(i.asn as f64, 0, lang)),
                Td::num(number(i.peserta as f64, 0, lang)),
            ]
        })
        .collect();
    let table = Table {
        head: vec![
            Th::text(t("Kode", "Code")),
            Th::text(t("Nama", "Name")),
            Th::text(t("Kelompok", "Group")),
            Th::num("ASN"),
            Th::num(t("Peserta", "Participants")),
        ],
        rows,
    };
    let page = DataPage {
        title: p.nama.clone(),
        intro: None,
        facts: vec![
            (t("Kode", "Code"), p.kode.clone()),
            (t("Wilayah", "Region"), p.wilayah.clone()),
            (
                t("Periode", "Period"),
                format!(
                    "{} – {}",
                    date_long(p.mulai, lang),
                    date_long(p.selesai, lang)
                ),
            ),
            (
                t("Tanggal intervensi", "Intervention date"),
                date_long(p.tanggal_intervensi, lang),
            ),
            (
                t("Pagu anggaran", "Budget ceiling"),
                format!("Rp {}", number(p.pagu_anggaran, 0, lang)),
            ),
        ],
        heading: Some(t("Instansi", "Units")),
        table: Markup::of(&table),
        pager: Markup::default(),
    };
    Ok(show(page, &session, lang, set, t("Program", "Programme")))
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
    let rows = e
        .pembelajaran
        .per_pelatihan
        .iter()
        .map(|m| {
            vec![
                Td::text(m.pelatihan.clone()),
                Td::text(m.nama.clone()),
                Td::text(m.bidang.clone()),
                Td::num(number(m.jp, 0, lang)),
                Td::num(number(m.peserta as f64, 0, lang)),
                Td::num(number(m.n as f64, 0, lang)),
                Td::num(number(m.n_gain_rata, 2, lang)),
            ]
        })
        .collect();
    let table = Table {
        head: vec![
            Th::text(t("Kode", "Code")),
            Th::text(t("Nama", "Name")),
            Th::text(t("Bidang", "Field")),
            Th::num("JP"),
            Th::num(t("Peserta", "Participants")),
            Th::num(t("Pasangan pre/post", "Pre/post pairs")),
            Th::num("N-gain"),
        ],
        rows,
    };
    let page = DataPage {
        title: t("Modul pelatihan", "Training modules").to_string(),
        intro: None,
        facts: Vec::new(),
        heading: None,
        table: Markup::of(&table),
        pager: Markup::default(),
    };
    Ok(show(page, &session, lang, set, t("Modul", "Modules")))
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
            periode: None,
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
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                Td::text(r.nip.clone()),
                Td::text(r.nama.clone()),
                Td::text(r.instansi.clone()),
                Td::text(r.pelatihan.clone()),
                Td::num(opt(r.kehadiran_persen, 1)),
                Td::num(opt(r.pre_test, 0)),
                Td::num(opt(r.post_test, 0)),
            ]
        })
        .collect();
    let table = Table {
        head: vec![
            Th::text("NIP"),
            Th::text(t("Nama", "Name")),
            Th::text(t("Instansi", "Unit")),
            Th::text(t("Modul", "Module")),
            Th::num(t("Kehadiran (%)", "Attendance (%)")),
            Th::num("Pre"),
            Th::num("Post"),
        ],
        rows,
    };
    let page = DataPage {
        title: t("Kepesertaan pelatihan", "Training participation").to_string(),
        intro: Some(format!(
            "{} {}",
            number(total as f64, 0, lang),
            t("baris", "rows")
        )),
        facts: Vec::new(),
        heading: None,
        table: Markup::of(&table),
        pager: view::pager(halaman, total, PAGE, "", lang),
    };
    Ok(show(
        page,
        &session,
        lang,
        set,
        t("Kepesertaan", "Participation"),
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
