//! The review of submissions (`/tinjauan`): SKM and ASN questionnaires
//! listed with filters, reviewed one by one or in bulk (the selected rows,
//! or every row the filter matches), and the programme's choice whether
//! answers not yet approved count. The store keeps the rules
//! (`monev_store::Store::review`): a comment to reject or mark as having
//! issues, one transaction with its audit entry, a new data version.

use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use monev_domain::{Lang, StatusTinjauan, Timestamp};
use monev_store::{JenisKiriman, SaringanTinjauan};
use serde::Deserialize;

use crate::csrf::Checked;
use crate::pages::{AppError, Common, language, the_programme, unprocessable};
use crate::view::{self, Markup};
use crate::{App, Session};

/// Rows a page shows.
const PAGE: i64 = 100;

/// The page's query: the filter and the page.
#[derive(Debug, Default, Deserialize)]
pub struct ReviewQuery {
    lang: Option<String>,
    program: Option<String>,
    jenis: Option<String>,
    instansi: Option<String>,
    status: Option<String>,
    sumber: Option<String>,
    dari: Option<String>,
    sampai: Option<String>,
    halaman: Option<i64>,
}

fn some(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A date field: empty, or a date (`YYYY-MM-DD` or `DD/MM/YYYY`).
fn date(s: &Option<String>) -> Result<Option<String>, AppError> {
    some(s)
        .map(|d| {
            monev_domain::Date::parse(&d)
                .map(|d| d.to_string())
                .map_err(|e| {
                    unprocessable(&format!("tanggal {d:?}: {e}"), &format!("date {d:?}: {e}"))
                })
        })
        .transpose()
}

impl ReviewQuery {
    fn filter(&self) -> Result<SaringanTinjauan, AppError> {
        let status = match some(&self.status) {
            Some(s) => Some(StatusTinjauan::parse(&s).ok_or_else(|| {
                unprocessable("status tinjauan tidak dikenal", "unknown review state")
            })?),
            None => None,
        };
        let jenis = JenisKiriman::parse(self.jenis.as_deref().unwrap_or(""));
        Ok(SaringanTinjauan {
            sumber: if jenis == JenisKiriman::Skm {
                some(&self.sumber)
            } else {
                None
            },
            jenis,
            instansi: some(&self.instansi),
            status,
            dari: date(&self.dari)?,
            sampai: date(&self.sampai)?,
        })
    }
}

/// The filter as fields (the bulk form carries it; the pager's links too).
fn filter_fields(f: &SaringanTinjauan) -> Vec<(&'static str, String)> {
    let mut out = vec![("jenis", f.jenis.code().to_string())];
    let mut add = |k: &'static str, v: &Option<String>| {
        if let Some(v) = v {
            out.push((k, v.clone()));
        }
    };
    add("instansi", &f.instansi);
    add("status", &f.status.map(|s| s.code().to_string()));
    add("sumber", &f.sumber);
    add("dari", &f.dari);
    add("sampai", &f.sampai);
    out
}

struct Row {
    id: i64,
    instansi: String,
    tanggal: String,
    sumber: String,
    jawaban: String,
    status: &'static str,
    status_code: &'static str,
    catatan: String,
    oleh: String,
    waktu: String,
}

#[derive(Template)]
#[template(path = "tinjauan.html")]
struct ReviewPage<'a> {
    l: Lang,
    csrf: &'a str,
    program: &'a str,
    states: Vec<(&'static str, &'static str)>,
    summary: Vec<(&'static str, Vec<String>)>,
    count_unreviewed: bool,
    kinds: Vec<(String, String)>,
    units: Vec<(String, String)>,
    sources: Vec<&'static str>,
    skm: bool,
    jenis: String,
    instansi: String,
    status: String,
    sumber: String,
    dari: String,
    sampai: String,
    filter: Vec<(&'static str, String)>,
    rows: Vec<Row>,
    total: u64,
    pager: Markup,
}

impl ReviewPage<'_> {
    /// Whether an option is the one chosen.
    fn is(&self, a: &str, b: &str) -> bool {
        a == b
    }
}

fn kind_label(code: &str, lang: Lang) -> String {
    match code {
        "skm" => lang.pick("SKM (kepuasan masyarakat)", "SKM (citizen satisfaction)"),
        "reaksi" => lang.pick(
            "Reaksi peserta (level 1)",
            "Participants' reaction (level 1)",
        ),
        "kinerja" => lang.pick(
            "Penilaian perilaku kerja (level 3)",
            "Work behaviour ratings (level 3)",
        ),
        "nonpeserta" => lang.pick("Alasan tidak ikut", "Reasons for not taking part"),
        other => return format!("{} {other}", lang.pick("Instrumen", "Instrument")),
    }
    .to_string()
}

/// The review page: where the programme's submissions stand, the setting,
/// the filter, a page of submissions and the bulk form.
pub async fn page(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<ReviewQuery>,
) -> Result<Response, AppError> {
    let common = Common {
        lang: q.lang.clone(),
        program: q.program.clone(),
        instrumen: None,
        periode: None,
    };
    let (lang, set) = language(&headers, &common);
    let program = the_programme(&app, q.program.as_deref()).await?;
    let f = q.filter()?;
    let halaman = q.halaman.unwrap_or(1).max(1);
    let list = app
        .store
        .submissions(&program, &f, PAGE, (halaman - 1) * PAGE)
        .await?;
    let summary = app.store.review_summary(&program).await?;
    let zona = app.store.zona_waktu(&program).await?;
    let mut kinds = vec![("skm".to_string(), kind_label("skm", lang))];
    for k in app.store.submission_kinds(&program).await? {
        let label = kind_label(&k, lang);
        kinds.push((k, label));
    }
    let units = app.store.units(&program).await?;
    let n = |v: u64| monev_domain::format::number(v as f64, 0, lang);
    let counts = |h: &monev_domain::HitunganTinjauan| {
        StatusTinjauan::ALL
            .iter()
            .map(|s| n(h.get(*s)))
            .collect::<Vec<_>>()
    };
    let rows = list
        .baris
        .iter()
        .map(|b| Row {
            id: b.id,
            instansi: b.instansi.clone().unwrap_or_default(),
            tanggal: b.tanggal.clone(),
            sumber: b.sumber.clone(),
            jawaban: b
                .jawaban
                .iter()
                .map(|a| a.map_or("–".to_string(), |v| v.to_string()))
                .collect::<Vec<_>>()
                .join(" "),
            status: b.status.label(lang),
            status_code: b.status.code(),
            catatan: b.catatan.clone().unwrap_or_default(),
            oleh: b.oleh.clone().unwrap_or_default(),
            waktu: b
                .waktu
                .map(|w| Timestamp::from_seconds(w + zona.offset_seconds()).to_string())
                .unwrap_or_default(),
        })
        .collect();
    let filter = filter_fields(&f);
    let mut query = serde_urlencoded::to_string(
        std::iter::once(("program", program.clone()))
            .chain(filter.iter().map(|(k, v)| (*k, v.clone())))
            .collect::<Vec<_>>(),
    )
    .unwrap_or_default();
    query.push('&');
    let body = ReviewPage {
        l: lang,
        csrf: &session.csrf,
        program: &program,
        states: StatusTinjauan::ALL
            .iter()
            .map(|s| (s.code(), s.label(lang)))
            .collect(),
        summary: vec![
            ("SKM", counts(&summary.skm)),
            (
                lang.pick("Kuesioner ASN", "ASN questionnaires"),
                counts(&summary.asn),
            ),
        ],
        count_unreviewed: summary.hitung_belum_ditinjau,
        kinds,
        units,
        sources: vec!["paket", "web", "odk", "kobo"],
        skm: f.jenis == JenisKiriman::Skm,
        jenis: f.jenis.code().to_string(),
        instansi: f.instansi.clone().unwrap_or_default(),
        status: f.status.map(|s| s.code().to_string()).unwrap_or_default(),
        sumber: f.sumber.clone().unwrap_or_default(),
        dari: f.dari.clone().unwrap_or_default(),
        sampai: f.sampai.clone().unwrap_or_default(),
        filter,
        rows,
        total: list.total,
        pager: view::pager(halaman, list.total as i64, PAGE, &query, lang),
    };
    Ok(view::page(
        lang.pick("Tinjauan kiriman", "Review of submissions"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

/// Reviews the selected submissions (`id`, repeated) or, with `semua`,
/// every one the filter matches; back to the same filter.
pub async fn review(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Checked(fields): Checked<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let one = |k: &str| fields.iter().find(|(f, _)| f == k).map(|(_, v)| v.clone());
    let q = ReviewQuery {
        program: one("program"),
        jenis: one("jenis"),
        instansi: one("instansi"),
        status: one("status"),
        sumber: one("sumber"),
        dari: one("dari"),
        sampai: one("sampai"),
        ..Default::default()
    };
    let program = the_programme(&app, q.program.as_deref()).await?;
    let f = q.filter()?;
    let status = StatusTinjauan::parse(&one("status_baru").unwrap_or_default())
        .ok_or_else(|| unprocessable("status baru tidak dikenal", "unknown new state"))?;
    let all = one("semua").is_some_and(|v| v == "1");
    let ids: Vec<i64> = fields
        .iter()
        .filter(|(k, _)| k == "id")
        .map(|(_, v)| {
            v.trim().parse().map_err(|_| {
                unprocessable(
                    "id kiriman bukan bilangan",
                    "a submission id is not a number",
                )
            })
        })
        .collect::<Result<_, _>>()?;
    if !all && ids.is_empty() {
        return Err(unprocessable(
            "pilih kiriman yang ditinjau, atau centang “semua kiriman yang cocok”",
            "select the submissions to review, or tick “every submission matching the filter”",
        ));
    }
    let catatan = one("catatan").unwrap_or_default();
    let act = monev_store::Tinjau {
        status,
        catatan: &catatan,
        oleh: session.user.display_name(),
        waktu: crate::now(),
    };
    app.store
        .review(
            &program,
            &f,
            (!all).then_some(ids.as_slice()),
            &act,
            Some(&session.user),
        )
        .await
        .map_err(|e| match e {
            monev_store::StoreError::Invalid(m) => unprocessable(&m, &m),
            other => other.into(),
        })?;
    let back = serde_urlencoded::to_string(
        std::iter::once(("program", program.clone()))
            .chain(filter_fields(&f))
            .collect::<Vec<_>>(),
    )
    .unwrap_or_default();
    Ok(Redirect::to(&format!("/tinjauan?{back}")).into_response())
}

#[derive(Debug, Deserialize)]
pub struct CountForm {
    program: Option<String>,
    hitung: String,
}

/// Whether answers not yet approved count (audited).
pub async fn save_setting(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Checked(f): Checked<CountForm>,
) -> Result<Response, AppError> {
    let program = the_programme(&app, f.program.as_deref()).await?;
    let count = match f.hitung.as_str() {
        "ya" => true,
        "tidak" => false,
        _ => {
            return Err(unprocessable(
                "hitung: ya atau tidak",
                "hitung: ya or tidak",
            ));
        }
    };
    app.store
        .set_count_unreviewed(&program, count, Some(&session.user))
        .await?;
    Ok(Redirect::to(&format!(
        "/tinjauan?program={}",
        crate::pages::url_encode(&program)
    ))
    .into_response())
}
