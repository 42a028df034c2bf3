//! Programmes side by side (`/banding`, `/api/v1/banding`): each
//! programme's key figures in one period with their 95% intervals, and
//! every difference with its interval and Holm-adjusted p
//! (`monev_eval::banding`). `?program=A,B` picks and orders programmes;
//! every programme of the store by default (with one, its figures and no
//! difference).

use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use monev_domain::Lang;
use monev_domain::format::number;
use monev_eval::banding::{Banding, Ukuran};
use monev_eval::wilayah::Sumber;

use crate::pages::{AppError, Common};
use crate::view::{Markup, Table, Td, Th};
use crate::{App, Session};

async fn compare(app: &App, q: &Common) -> Result<Banding, AppError> {
    let codes = app.store.program_codes().await?;
    let wanted: Vec<String> = match q.program.as_deref().filter(|p| !p.is_empty()) {
        Some(list) => {
            let list: Vec<String> = list.split(',').map(|s| s.trim().to_string()).collect();
            if list.iter().any(|k| !codes.contains(k)) {
                return Err(AppError::not_found());
            }
            list
        }
        None => codes,
    };
    let mut data = Vec::new();
    for k in &wanted {
        data.push(crate::monitoring::period_data(app, k).await?);
    }
    let sources: Vec<Sumber<'_>> = data
        .iter()
        .map(|d| Sumber {
            data: &d.data,
            deret: &d.deret,
        })
        .collect();
    let periode = crate::wilayah::period_or_latest(q.periode.as_deref(), &sources)?;
    Ok(monev_eval::banding::banding(
        &sources,
        periode,
        monev_eval::BobotIkm::Tepat,
    ))
}

pub async fn api(State(app): State<App>, Query(q): Query<Common>) -> Result<Response, AppError> {
    let b = compare(&app, &q).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_string(&b).map_err(|e| AppError::internal(e.to_string()))?,
    )
        .into_response())
}

#[derive(askama::Template)]
#[template(path = "banding.html")]
struct Page {
    title: &'static str,
    periods_label: &'static str,
    periods: Vec<(String, String, bool)>,
    figures: Markup,
    differences_label: &'static str,
    differences: Markup,
    note: &'static str,
    api: String,
}

fn measure(u: Ukuran, lang: Lang) -> &'static str {
    match u {
        Ukuran::Ikm => "IKM",
        Ukuran::TungguRataMenit => {
            lang.pick("Waktu tunggu rata-rata (menit)", "Mean wait (minutes)")
        }
        Ukuran::PartisipasiPersen => lang.pick("Partisipasi ASN (%)", "ASN participation (%)"),
    }
}

pub async fn page(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (lang, set) = crate::pages::language(&headers, &q);
    let b = compare(&app, &q).await?;
    let n = |v: Option<f64>, d: usize| v.map_or_else(|| "–".to_string(), |v| number(v, d, lang));
    let ci = |v: Option<[f64; 2]>, d: usize| {
        v.map_or_else(
            || "–".to_string(),
            |[l, h]| format!("{} – {}", number(l, d, lang), number(h, d, lang)),
        )
    };
    let figures = Table {
        head: vec![
            Th::text(lang.pick("Program", "Programme")),
            Th::text(lang.pick("Wilayah", "Region")),
            Th::num("SKM"),
            Th::num("IKM"),
            Th::num(lang.pick("Selang 95%", "95% interval")),
            Th::num(lang.pick("Tiket", "Tickets")),
            Th::num(lang.pick("Tunggu rata-rata", "Mean wait")),
            Th::num(lang.pick("Selang 95%", "95% interval")),
            Th::num(lang.pick("Partisipasi", "Participation")),
            Th::num(lang.pick("Selang 95%", "95% interval")),
        ],
        rows: b
            .program
            .iter()
            .map(|p| {
                vec![
                    Td::text(format!("{} {}", p.kode, p.nama)),
                    Td::text(p.wilayah.clone()),
                    Td::num(number(p.skm as f64, 0, lang)),
                    Td::num(n(p.ikm, 2)),
                    Td::num(ci(p.selang_ikm_95, 2)),
                    Td::num(number(p.tiket as f64, 0, lang)),
                    Td::num(n(p.tunggu_rata_menit, 1)),
                    Td::num(ci(p.selang_tunggu_95, 1)),
                    Td::num(p.partisipasi_persen.map_or_else(
                        || "–".to_string(),
                        |v| {
                            format!(
                                "{}% ({}/{})",
                                number(v, 1, lang),
                                p.peserta,
                                p.asn_intervensi
                            )
                        },
                    )),
                    Td::num(ci(p.selang_partisipasi_95, 1)),
                ]
            })
            .collect(),
    };
    let differences = Table {
        head: vec![
            Th::text(lang.pick("Ukuran", "Measure")),
            Th::text(lang.pick("Program", "Programmes")),
            Th::num(lang.pick("Selisih", "Difference")),
            Th::num(lang.pick("Selang 95%", "95% interval")),
            Th::num("p (Holm)"),
            Th::text(lang.pick("Bermakna", "Significant")),
        ],
        rows: b
            .selisih
            .iter()
            .map(|s| {
                vec![
                    Td::text(measure(s.ukuran, lang)),
                    Td::text(format!("{} − {}", s.b, s.a)),
                    Td::num(number(s.selisih, 2, lang)),
                    Td::num(ci(Some(s.selang_95), 2)),
                    Td::num(number(s.p_holm, 3, lang)),
                    Td::text(if s.bermakna {
                        lang.pick("ya", "yes")
                    } else {
                        lang.pick("tidak", "no")
                    }),
                ]
            })
            .collect(),
    };
    let program = q
        .program
        .as_deref()
        .map(|p| format!("&program={}", crate::pages::url_encode(p)))
        .unwrap_or_default();
    let body = Markup::of(&Page {
        title: lang.pick("Banding program", "Programmes side by side"),
        periods_label: lang.pick("Periode", "Period"),
        periods: [b.periode.previous().previous(), b.periode.previous(), b.periode]
            .into_iter()
            .map(|p| (format!("/banding?periode={p}{program}"), p.to_string(), p == b.periode))
            .collect(),
        figures: Markup::of(&figures),
        differences_label: lang.pick("Selisih antarprogram", "Differences between programmes"),
        differences: Markup::of(&differences),
        note: lang.pick(
            "IKM dan waktu tunggu dari jawaban dan tiket dalam periode ini; partisipasi dari ASN unit intervensi sepanjang program (selang Wilson). Selisih diuji dengan uji z dua sisi; p disesuaikan dengan metode Holm atas semua perbandingan di tabel, dan hanya p Holm < 0,05 disebut bermakna.",
            "IKM and waiting time from the period's answers and tickets; participation of the intervention units' ASN over the whole programme (Wilson interval). Differences are tested with two-sided z tests; p is adjusted by Holm's method over every comparison of the table, and only a Holm p under 0.05 is called significant.",
        ),
        api: format!("/api/v1/banding?periode={}{program}", b.periode),
    });
    Ok(crate::view::page(
        lang.pick("Banding program", "Programmes side by side"),
        body,
        Some(&session),
        lang,
        set,
    ))
}
