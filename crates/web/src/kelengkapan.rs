//! Completeness and timeliness (`/kelengkapan`): per period, what each unit
//! was expected to deliver, what arrived and when, and whether it
//! submitted its figures by the due date (`monev_eval::kelengkapan`); the
//! same as JSON (`/api/v1/kelengkapan`), and a reminder list to send
//! (`/kelengkapan/pengingat.csv`: the late or incomplete units, their
//! operators' accounts and a message). An operator sees their unit, an
//! account limited to a region the units under it.

use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use monev_domain::{Lang, Periode};
use monev_eval::kelengkapan::{BATAS_HARI_BAKU, Butir, Kelengkapan};
use monev_report::table::Cell;
use monev_store::Role;
use serde::Deserialize;

use crate::csrf::Checked;
use crate::pages::{AppError, Common, language, the_programme, unprocessable};
use crate::view::{self, Markup};
use crate::{App, Session};

#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    lang: Option<String>,
    program: Option<String>,
    periode: Option<String>,
}

impl PeriodQuery {
    fn common(&self) -> Common {
        Common {
            lang: self.lang.clone(),
            program: self.program.clone(),
            instrumen: None,
            periode: self.periode.clone(),
        }
    }
}

/// The period's completeness, keeping the rows the account may see.
async fn of(
    app: &App,
    session: &Session,
    q: &PeriodQuery,
) -> Result<(String, Kelengkapan, Vec<Periode>), AppError> {
    let program = the_programme(app, q.program.as_deref()).await?;
    let d = crate::monitoring::period_data(app, &program).await?;
    let periode = monev_eval::monitoring::resolve_period(
        &d.data,
        q.periode.as_deref(),
        monev_eval::monitoring::default_period(&d.data, &d.deret),
    )
    .map_err(|e| AppError::bad_request(&e))?;
    let today = monev_domain::Date::local(crate::now(), d.data.program.zona_waktu);
    let mut k = monev_eval::kelengkapan::kelengkapan(
        &d.data,
        &d.deret,
        periode,
        d.data.batas_lapor_hari.unwrap_or(BATAS_HARI_BAKU),
        today,
    );
    let user = &session.user;
    k.baris.retain(|b| match &b.instansi {
        None => user.role != Role::Operator && user.wilayah.is_none(),
        Some(u) => crate::persetujuan::sees(user, &d.data, u),
    });
    let periods = monev_eval::monitoring::reported_periods(&d.data, &d.deret);
    Ok((program, k, periods))
}

fn butir(b: &Option<Butir>, lang: Lang, dated: bool) -> (String, &'static str) {
    let Some(b) = b else {
        return ("–".to_string(), "");
    };
    let n = |v: u64| monev_domain::format::number(v as f64, 0, lang);
    let mut s = match b.diharapkan {
        Some(e) if !dated || e > 1 => format!("{} / {}", n(b.ada), n(e)),
        _ => n(b.ada),
    };
    if let Some(t) = b.terakhir {
        s.push_str(&format!(" ({} {})", lang.pick("s.d.", "to"), t));
    }
    (
        s,
        if b.lengkap {
            "status-disetujui"
        } else {
            "status-ditolak"
        },
    )
}

struct Row {
    kode: String,
    nama: String,
    cells: Vec<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "kelengkapan.html")]
struct CompletenessPage<'a> {
    l: Lang,
    csrf: &'a str,
    program: &'a str,
    intro: String,
    periods: Vec<(String, String, bool)>,
    rows: Vec<Row>,
    csv_href: String,
    api_href: String,
    can_set: bool,
    batas_hari: u32,
}

fn yes_no(v: Option<bool>, lang: Lang) -> (String, &'static str) {
    match v {
        Some(true) => (lang.pick("ya", "yes").to_string(), "status-disetujui"),
        Some(false) => (lang.pick("tidak", "no").to_string(), "status-ditolak"),
        None => ("–".to_string(), ""),
    }
}

/// The completeness page of a period.
pub async fn page(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &q.common());
    let (program, k, periods) = of(&app, &session, &q).await?;
    let zona = app.store.zona_waktu(&program).await?;
    let enc = crate::pages::url_encode(&program);
    let rows = k
        .baris
        .iter()
        .map(|b| {
            let mut late = yes_no(b.tepat_waktu, lang);
            if let Some(d) = b.terlambat_hari {
                late.0.push_str(&format!(
                    " ({} {})",
                    d,
                    lang.pick("hari terlambat", "days late")
                ));
            }
            Row {
                kode: b.instansi.clone().unwrap_or_default(),
                nama: b.nama.clone(),
                cells: vec![
                    butir(&b.skm, lang, false),
                    butir(&b.antrean, lang, true),
                    butir(&b.indikator, lang, false),
                    butir(&b.anggaran, lang, false),
                    yes_no(Some(b.lengkap), lang),
                    (
                        b.dilaporkan
                            .map(|t| {
                                monev_domain::Timestamp::from_seconds(t + zona.offset_seconds())
                                    .to_string()
                            })
                            .unwrap_or_else(|| "–".to_string()),
                        "",
                    ),
                    late,
                ],
            }
        })
        .collect();
    let intro = match lang {
        Lang::Id => format!(
            "{}: yang diharapkan dari setiap unit (sampel SKM menurut Krejcie–Morgan dari jumlah pengguna layanan dalam log antrean, log antrean, realisasi indikator dan anggaran yang direncanakan), yang sudah masuk dan kapan, dan apakah angka unit diajukan paling lambat {} ({} hari setelah periode berakhir). {} dari {} unit lengkap, {} tepat waktu.",
            monev_report::monitoring::period_label(k.periode, lang),
            k.batas,
            k.batas_hari,
            k.unit_lengkap,
            k.unit,
            k.unit_tepat_waktu
        ),
        Lang::En => format!(
            "{}: what each unit was expected to deliver (an SKM sample of Krejcie–Morgan's size for the service users in the queue log, the queue log, the planned indicators' and budget lines' realisation), what arrived and when, and whether the unit submitted its figures by {} ({} days after the period ends). {} of {} units complete, {} on time.",
            monev_report::monitoring::period_label(k.periode, lang),
            k.batas,
            k.batas_hari,
            k.unit_lengkap,
            k.unit,
            k.unit_tepat_waktu
        ),
    };
    let body = CompletenessPage {
        l: lang,
        csrf: &session.csrf,
        program: &program,
        intro,
        periods: periods
            .into_iter()
            .map(|p| {
                (
                    format!("/kelengkapan?program={enc}&periode={p}"),
                    monev_report::monitoring::period_label(p, lang),
                    p == k.periode,
                )
            })
            .collect(),
        rows,
        csv_href: format!(
            "/kelengkapan/pengingat.csv?program={enc}&periode={}",
            k.periode
        ),
        api_href: format!("/api/v1/kelengkapan?program={enc}&periode={}", k.periode),
        can_set: matches!(session.user.role, Role::Admin | Role::Evaluator)
            && session.user.wilayah.is_none(),
        batas_hari: k.batas_hari,
    };
    Ok(view::page(
        lang.pick("Kelengkapan", "Completeness"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

/// The period's completeness as JSON, unrounded.
pub async fn api(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let (_, k, _) = of(&app, &session, &q).await?;
    Ok(axum::Json(k).into_response())
}

/// The reminder list: every late or incomplete unit the account sees, its
/// operators' accounts and a message to send them.
pub async fn reminders(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let (lang, _) = language(&headers, &q.common());
    let (program, k, _) = of(&app, &session, &q).await?;
    let users = app.store.users().await?;
    let list = monev_eval::kelengkapan::pengingat(&k, lang, |unit| operators(&users, unit));
    Ok(crate::forms::download(
        &format!("pengingat-{program}-{}.csv", k.periode),
        "text/csv; charset=utf-8",
        reminder_csv(&list).into_bytes(),
    ))
}

/// A unit's active operator accounts, as a reminder names them.
pub fn operators(users: &[(monev_store::User, bool)], unit: &str) -> Vec<String> {
    users
        .iter()
        .filter(|(u, active)| {
            *active && u.role == Role::Operator && u.instansi.as_deref() == Some(unit)
        })
        .map(|(u, _)| format!("{} ({})", u.display_name(), u.username))
        .collect()
}

/// The reminder list as CSV.
pub fn reminder_csv(list: &[monev_eval::kelengkapan::Pengingat]) -> String {
    let rows: Vec<Vec<Cell>> = list
        .iter()
        .map(|p| {
            vec![
                Cell::Text(p.instansi.clone()),
                Cell::Text(p.nama.clone()),
                Cell::Text(p.periode.to_string()),
                Cell::Text(p.kurang.clone()),
                p.terlambat_hari
                    .map_or(Cell::Empty, |d| Cell::Num(d as f64)),
                Cell::Text(p.operator.clone()),
                Cell::Text(p.pesan.clone()),
            ]
        })
        .collect();
    monev_report::table::csv(&monev_eval::kelengkapan::Pengingat::HEADERS, &rows)
}

#[derive(Debug, Deserialize)]
pub struct DueForm {
    program: Option<String>,
    hari: String,
}

/// Sets the days after a period's end its figures are due.
pub async fn save_due(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Checked(f): Checked<DueForm>,
) -> Result<Response, AppError> {
    let program = the_programme(&app, f.program.as_deref()).await?;
    let days: u32 = f
        .hari
        .trim()
        .parse()
        .ok()
        .filter(|d| *d <= 366)
        .ok_or_else(|| unprocessable("hari: 0 sampai 366", "days: 0 to 366"))?;
    app.store
        .set_due_days(&program, Some(days), Some(&session.user))
        .await?;
    Ok(Redirect::to(&format!(
        "/kelengkapan?program={}",
        crate::pages::url_encode(&program)
    ))
    .into_response())
}
