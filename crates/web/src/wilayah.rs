//! Regions drilled down (`/wilayah`, `/wilayah/{kode}`, and the same as
//! JSON under `/api/v1/wilayah`): for one reporting period, a level's
//! figures and those of what lies under it, from every programme's raw
//! answers (`monev_eval::wilayah`). An account limited to a region
//! (`pengguna.wilayah`) starts at its region and gets 404 for any level
//! outside it, as an operator does for another instansi.
//!
//! The roll-up is kept per period and per the data versions of every
//! programme: a request after the first reads it from memory.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use monev_domain::format::number;
use monev_domain::{Lang, Periode};
use monev_eval::wilayah::{Rekap, Simpul, Sumber};

use crate::pages::{AppError, Common};
use crate::view::{Markup, Table, Td, Th};
use crate::{App, Session};

/// (period, every programme's data version) → the roll-up.
pub(crate) type RekapCache = HashMap<String, (Vec<(String, i64)>, Arc<Rekap>)>;

/// The roll-up of the period asked for (the latest with answers or tickets
/// by default), from every programme.
async fn rekap(app: &App, asked: Option<&str>) -> Result<Arc<Rekap>, AppError> {
    let mut versions = Vec::new();
    let mut data = Vec::new();
    for kode in app.store.program_codes().await? {
        let d = crate::monitoring::period_data(app, &kode).await?;
        versions.push((kode.clone(), app.store.program_version(&kode).await?));
        data.push(d);
    }
    let sources: Vec<Sumber<'_>> = data
        .iter()
        .map(|d| Sumber {
            data: &d.data,
            deret: &d.deret,
        })
        .collect();
    let periode = period_or_latest(asked, &sources)?;
    let key = periode.to_string();
    if let Some((v, r)) = app.rekap.read().await.get(&key)
        && *v == versions
    {
        return Ok(r.clone());
    }
    let r = Arc::new(monev_eval::wilayah::rekap(
        &sources,
        periode,
        monev_eval::BobotIkm::Tepat,
    ));
    app.rekap.write().await.insert(key, (versions, r.clone()));
    Ok(r)
}

/// The period asked for (`?periode=`), or the latest with an answer or a
/// ticket in `sources`.
pub(crate) fn period_or_latest(
    asked: Option<&str>,
    sources: &[Sumber<'_>],
) -> Result<Periode, AppError> {
    match asked {
        Some(p) => {
            Periode::parse(p).map_err(|e| AppError::bad_request(&format!("periode {p:?}: {}", e.0)))
        }
        None => monev_eval::wilayah::latest_period(sources).ok_or_else(AppError::not_found),
    }
}

/// The level `kode` as `session` may see it: 404 outside its region.
fn level<'a>(r: &'a Rekap, kode: &str, session: &Session) -> Result<&'a Simpul, AppError> {
    if let Some(scope) = &session.user.wilayah
        && !r.within(kode, scope)
    {
        return Err(AppError::not_found());
    }
    r.find(kode).ok_or_else(AppError::not_found)
}

/// Where an account starts: its region, or the top.
fn start(session: &Session) -> String {
    session.user.wilayah.clone().unwrap_or_default()
}

fn json(r: &Rekap, s: &Simpul) -> Response {
    let body = serde_json::json!({ "periode": r.periode, "simpul": s });
    (
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

pub async fn api(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let r = rekap(&app, q.periode.as_deref()).await?;
    let s = level(&r, &start(&session), &session)?;
    Ok(json(&r, s))
}

pub async fn api_of(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let r = rekap(&app, q.periode.as_deref()).await?;
    let s = level(&r, &kode, &session)?;
    Ok(json(&r, s))
}

#[derive(askama::Template)]
#[template(path = "wilayah.html")]
struct Page {
    path_label: &'static str,
    /// The levels above, from the account's start (link, name).
    path: Vec<(String, String)>,
    title: String,
    periods_label: &'static str,
    periods: Vec<(String, String, bool)>,
    cards: Vec<(String, String)>,
    below_label: &'static str,
    table: Markup,
    note: &'static str,
    funnel: Option<Markup>,
    funnel_caption: &'static str,
    api: String,
}

fn href(kode: &str, periode: Periode) -> String {
    if kode.is_empty() {
        format!("/wilayah?periode={periode}")
    } else {
        format!(
            "/wilayah/{}?periode={periode}",
            crate::pages::url_encode(kode)
        )
    }
}

fn render(r: &Rekap, s: &Simpul, session: &Session, lang: Lang) -> Markup {
    let n = |v: Option<f64>, d: usize| v.map_or_else(|| "–".to_string(), |v| number(v, d, lang));
    let top = lang.pick("Semua wilayah", "All regions");
    let name = |s: &Simpul| {
        if s.kode.is_empty() {
            top.to_string()
        } else {
            s.nama.clone()
        }
    };
    // The levels above, up to where the account starts.
    let scope = start(session);
    let mut path = Vec::new();
    let mut at = s.induk.clone();
    while let Some(k) = at {
        let Some(p) = r.find(&k) else { break };
        if session.user.wilayah.is_some() && !r.within(&k, &scope) {
            break;
        }
        path.push((href(&k, r.periode), name(p)));
        at = p.induk.clone();
    }
    path.reverse();
    let a = &s.angka;
    let cards = vec![
        (
            n(a.ikm, 2),
            format!(
                "IKM (n = {}{})",
                number(a.skm as f64, 0, lang),
                a.selang_95
                    .map(|[l, h]| format!("; 95%: {} – {}", number(l, 2, lang), number(h, 2, lang)))
                    .unwrap_or_default()
            ),
        ),
        (
            n(a.tunggu_median_menit, 1),
            format!(
                "{} ({} {})",
                lang.pick("median waktu tunggu, menit", "median wait, minutes"),
                number(a.tiket as f64, 0, lang),
                lang.pick("tiket", "tickets")
            ),
        ),
        (
            number(a.instansi as f64, 0, lang),
            lang.pick("unit layanan", "service units").to_string(),
        ),
    ];
    let head = vec![
        Th::text(lang.pick("Wilayah / unit", "Region / unit")),
        Th::num(lang.pick("Unit", "Units")),
        Th::num("SKM"),
        Th::num("IKM"),
        Th::num(lang.pick("Selang 95%", "95% interval")),
        Th::text(lang.pick("Posisi (funnel)", "Position (funnel)")),
        Th::num(lang.pick("Tiket", "Tickets")),
        Th::num(lang.pick("Median tunggu", "Median wait")),
        Th::num(lang.pick("Rerata tunggu", "Mean wait")),
    ];
    let position = |kode: &str| {
        use monev_eval::perbandingan::Posisi;
        s.funnel_ikm
            .unit
            .iter()
            .find(|u| u.instansi == kode)
            .map_or("–", |u| match u.posisi {
                Posisi::DiBawah998 => lang.pick("di bawah batas 99,8%", "below the 99.8% limit"),
                Posisi::DiBawah95 => lang.pick("di bawah batas 95%", "below the 95% limit"),
                Posisi::DiDalam => lang.pick("dalam batas", "within the limits"),
                Posisi::DiAtas95 => lang.pick("di atas batas 95%", "above the 95% limit"),
                Posisi::DiAtas998 => lang.pick("di atas batas 99,8%", "above the 99.8% limit"),
            })
    };
    let rows = s
        .anak
        .iter()
        .map(|c| {
            let a = &c.angka;
            let label = match &c.program {
                Some(p) => format!("{} {} ({p})", c.kode, c.nama),
                None => c.nama.clone(),
            };
            vec![
                if c.tingkat.is_some() {
                    Td::link(label, href(&c.kode, r.periode))
                } else {
                    Td::text(label)
                },
                Td::num(number(a.instansi as f64, 0, lang)),
                Td::num(number(a.skm as f64, 0, lang)),
                Td::num(n(a.ikm, 2)),
                Td::num(a.selang_95.map_or_else(
                    || "–".to_string(),
                    |[l, h]| format!("{} – {}", number(l, 1, lang), number(h, 1, lang)),
                )),
                Td::text(position(&c.kode)),
                Td::num(number(a.tiket as f64, 0, lang)),
                Td::num(n(a.tunggu_median_menit, 1)),
                Td::num(n(a.tunggu_rata_menit, 1)),
            ]
        })
        .collect();
    let names: HashMap<&str, &str> = s
        .anak
        .iter()
        .map(|c| (c.kode.as_str(), c.nama.as_str()))
        .collect();
    let funnel = monev_report::funnel_svg(
        &s.funnel_ikm,
        &|k: &str| {
            names
                .get(k)
                .map_or_else(|| k.to_string(), |n| n.to_string())
        },
        lang.pick(
            "IKM di bawah wilayah ini, dengan batas kendali",
            "IKM of what lies under this level, with control limits",
        ),
        lang.pick("kuesioner", "questionnaires"),
        "IKM",
        lang,
    );
    Markup::of(&Page {
        path_label: lang.pick("Jejak wilayah", "Region path"),
        path,
        title: name(s),
        periods_label: lang.pick("Periode", "Period"),
        periods: [r.periode.previous().previous(), r.periode.previous(), r.periode]
            .into_iter()
            .map(|p| (href(&s.kode, p), p.to_string(), p == r.periode))
            .collect(),
        cards,
        below_label: lang.pick("Di bawahnya", "Under it"),
        table: Markup::of(&Table { head, rows }),
        note: lang.pick(
            "Setiap tingkat dihitung dari jawaban mentah semua unit di bawahnya (IKM PermenPANRB 14/2017 atas seluruh kuesionernya, bukan rata-rata IKM unit). Unit dengan kurang dari 5 kuesioner hanya ditampilkan n-nya.",
            "Every level is computed from the raw answers of all units under it (the PermenPANRB 14/2017 IKM over all their questionnaires, not a mean of unit IKMs). A unit with fewer than 5 questionnaires shows its n only.",
        ),
        funnel: funnel.map(Markup::trusted),
        funnel_caption: lang.pick(
            "Setiap titik terhadap jumlah kuesionernya; garis putus-putus 95%, garis penuh 99,8%. Hanya yang di luar 99,8% disebut berbeda.",
            "Each point against its questionnaires; dashed 95%, solid 99.8%. Only a point beyond 99.8% is called different.",
        ),
        api: if s.kode.is_empty() {
            format!("/api/v1/wilayah?periode={}", r.periode)
        } else {
            format!(
                "/api/v1/wilayah/{}?periode={}",
                crate::pages::url_encode(&s.kode),
                r.periode
            )
        },
    })
}

async fn show(
    app: App,
    session: Session,
    headers: HeaderMap,
    q: Common,
    kode: String,
) -> Result<Response, AppError> {
    let (lang, set) = crate::pages::language(&headers, &q);
    let r = rekap(&app, q.periode.as_deref()).await?;
    let s = level(&r, &kode, &session)?;
    let body = render(&r, s, &session, lang);
    let title = if s.kode.is_empty() {
        lang.pick("Wilayah", "Regions").to_string()
    } else {
        s.nama.clone()
    };
    Ok(crate::view::page(&title, body, Some(&session), lang, set))
}

pub async fn page(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let kode = start(&session);
    show(app, session, headers, q, kode).await
}

pub async fn page_of(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Path(kode): Path<String>,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    show(app, session, headers, q, kode).await
}
