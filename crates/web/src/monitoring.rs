//! Live monitoring figures, grouped by the database.
//!
//! `/api/v1/pemantauan` answers while a survey is still running, from SQL
//! aggregates (one row per instansi and phase), not from the cached
//! evaluation that loads every row and bootstraps: IKM and NRR per unsur
//! (PermenPANRB 14/2017, the same sums the evaluation uses, so the same
//! numbers) and the queue's ticket counts and waiting times. A cell with
//! fewer than [`MIN_CELL`] questionnaires shows its count only. The body is
//! kept per data version (every import and submission makes a new one), so
//! a dashboard polling it costs one version lookup until the data change,
//! and one request at a time groups the rows after a change.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use monev_eval::Fase;
use monev_eval::ikm::IkmAcc;
use serde::Serialize;
use std::sync::Arc;

use crate::App;
use crate::pages::{AppError, Common};

/// The smallest group whose answers are summarised; smaller ones could
/// point at a person (the evaluation's rule, `monev_eval::privasi`).
pub const MIN_CELL: u64 = monev_eval::privasi::MIN_SEL as u64;

#[derive(Debug, Serialize)]
struct Monitoring {
    program: String,
    /// The data version grouped (it grows with every import and
    /// submission); a newer one is being grouped when it lags.
    versi_data: i64,
    /// Questionnaires in a cell below which its figures are withheld.
    ambang_sel: u64,
    skm: Vec<SkmRow>,
    layanan: Vec<LayananRow>,
}

#[derive(Debug, Serialize)]
struct SkmRow {
    instansi: String,
    fase: Fase,
    n: u64,
    /// Fewer than `ambang_sel` questionnaires: no figures.
    disembunyikan: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    nrr: Option<[f64; 9]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ikm: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mutu: Option<monev_eval::ikm::Mutu>,
}

#[derive(Debug, Serialize)]
struct LayananRow {
    instansi: String,
    fase: Fase,
    n: u64,
    tunggu_rata_menit: f64,
    /// Sample standard deviation (n − 1); `null` for a single ticket.
    tunggu_sd_menit: Option<f64>,
}

fn fase(sesudah: bool) -> Fase {
    if sesudah {
        Fase::Sesudah
    } else {
        Fase::Sebelum
    }
}

/// Mean and sample SD in minutes from integer sums of seconds, exactly:
/// n·Σx² − (Σx)² is formed in 128-bit integers before any division.
fn mean_sd_minutes(n: u64, sum: i64, sum_sq: i64) -> (f64, Option<f64>) {
    let nf = n as f64;
    let mean = sum as f64 / nf / 60.0;
    let sd = (n > 1).then(|| {
        let num = i128::from(n) * i128::from(sum_sq) - i128::from(sum) * i128::from(sum);
        (num as f64 / (nf * (nf - 1.0))).sqrt() / 60.0
    });
    (mean, sd)
}

pub async fn api(State(app): State<App>, Query(q): Query<Common>) -> Result<Response, AppError> {
    let kode = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let version = app.store.program_version(&kode).await?;
    let held = app.monitoring.read().await.get(&kode).cloned();
    let body = match held {
        Some((v, body)) if v == version => body,
        // Newer data: answer with the figures held (seconds old at most)
        // and let one background task group the rows again, so no reader
        // waits for a scan of millions of tickets.
        Some((_, stale)) => {
            if let Ok(once) = app.monitoring_once.clone().try_lock_owned() {
                let app = app.clone();
                tokio::spawn(async move {
                    let _once = once;
                    if let Err(e) = refresh(&app, &kode, version).await {
                        tracing::error!(error = %e.en, "pemantauan refresh");
                    }
                });
            }
            stale
        }
        // Nothing held yet: the first reader groups, the others wait for it.
        None => {
            let _once = app.monitoring_once.lock().await;
            // (The read guard must be gone before `refresh` writes.)
            let held = app.monitoring.read().await.get(&kode).cloned();
            match held {
                Some((_, body)) => body,
                None => refresh(&app, &kode, version).await?,
            }
        }
    };
    Ok((
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body.as_str().to_string(),
    )
        .into_response())
}

/// Groups the rows of data version `version` and keeps the body.
async fn refresh(app: &App, kode: &str, version: i64) -> Result<Arc<String>, AppError> {
    let body = Arc::new(compute(app, kode, version).await?);
    let mut held = app.monitoring.write().await;
    // A slower refresh of older data must not replace a newer one.
    if held.get(kode).is_none_or(|(v, _)| *v <= version) {
        held.insert(kode.to_string(), (version, body.clone()));
    }
    Ok(body)
}

/// The body of `/api/v1/pemantauan`, grouped by the database now.
async fn compute(app: &App, kode: &str, version: i64) -> Result<String, AppError> {
    let bobot = monev_eval::Config::default().bobot_ikm;
    let skm = app
        .store
        .skm_cells(kode)
        .await?
        .into_iter()
        .map(|c| {
            let shown = c.n >= MIN_CELL;
            let ikm = shown.then(|| IkmAcc::from_sums(c.n, c.jumlah, c.terisi).result(bobot));
            SkmRow {
                fase: fase(c.sesudah),
                n: c.n,
                disembunyikan: !shown,
                nrr: ikm.as_ref().map(|i| i.nrr),
                mutu: ikm.as_ref().and_then(|i| i.mutu),
                ikm: ikm.map(|i| i.ikm),
                instansi: c.instansi,
            }
        })
        .collect();
    let layanan = app
        .store
        .layanan_cells(kode)
        .await?
        .into_iter()
        .map(|c| {
            let (mean, sd) = mean_sd_minutes(c.n, c.tunggu_detik, c.tunggu_detik_kuadrat);
            LayananRow {
                fase: fase(c.sesudah),
                n: c.n,
                tunggu_rata_menit: mean,
                tunggu_sd_menit: sd,
                instansi: c.instansi,
            }
        })
        .collect();
    serde_json::to_string(&Monitoring {
        program: kode.to_string(),
        versi_data: version,
        ambang_sel: MIN_CELL,
        skm,
        layanan,
    })
    .map_err(|e| AppError::internal(format!("pemantauan JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::mean_sd_minutes;

    #[test]
    fn mean_and_sd_from_integer_sums_match_the_two_pass_formula() {
        let secs = [60_i64, 120, 300, 45, 1_800, 600];
        let n = secs.len() as u64;
        let (mean, sd) = mean_sd_minutes(n, secs.iter().sum(), secs.iter().map(|x| x * x).sum());
        let m: Vec<f64> = secs.iter().map(|&s| s as f64 / 60.0).collect();
        let mu = m.iter().sum::<f64>() / m.len() as f64;
        let var = m.iter().map(|x| (x - mu).powi(2)).sum::<f64>() / (m.len() - 1) as f64;
        assert!((mean - mu).abs() < 1e-12);
        assert!((sd.unwrap() - var.sqrt()).abs() < 1e-12);
        assert_eq!(mean_sd_minutes(1, 90, 8_100), (1.5, None));
    }
}

// ── The monitoring report of a period (`/monitoring`) ──

/// A programme read for its monitoring reports: the programme without its
/// answer and ticket rows, and those rows as per-day series.
pub struct PeriodData {
    pub data: monev_domain::ProgramData,
    pub deret: monev_eval::berkala::Deret,
}

/// The programme's period data at its current data version, read once per
/// version.
pub(crate) async fn period_data(app: &App, kode: &str) -> Result<Arc<PeriodData>, AppError> {
    let version = app.store.program_version(kode).await?;
    if let Some((v, d)) = app.period_data.read().await.get(kode)
        && *v == version
    {
        return Ok(d.clone());
    }
    let (data, deret) = crate::load_series(&app.store, kode).await?;
    let d = Arc::new(PeriodData { data, deret });
    app.period_data
        .write()
        .await
        .insert(kode.to_string(), (version, d.clone()));
    Ok(d)
}

/// The monitoring report of the period asked for (`?periode=`), the latest
/// with a realisation by default.
async fn report_of(
    app: &App,
    q: &Common,
) -> Result<(Arc<PeriodData>, monev_eval::monitoring::Monitoring), AppError> {
    let kode = crate::pages::the_programme(app, q.program.as_deref()).await?;
    let d = period_data(app, &kode).await?;
    let periode = monev_eval::monitoring::resolve_period(
        &d.data,
        q.periode.as_deref(),
        monev_eval::monitoring::default_period(&d.data, &d.deret),
    )
    .map_err(|e| AppError::bad_request(&e))?;
    let m = monev_eval::monitoring::monitoring(
        &d.data,
        &d.deret,
        periode,
        monev_eval::capaian::Ambang::default(),
        &monev_eval::Config::default(),
    );
    Ok((d, m))
}

#[derive(askama::Template)]
#[template(path = "monitoring_downloads.html")]
struct Downloads {
    periods_label: &'static str,
    /// (link, label, the one shown)
    periods: Vec<(String, String, bool)>,
    label: &'static str,
    periode: String,
    lang: &'static str,
    pdf: bool,
    tables: &'static str,
}

/// The monitoring report of a period as a page, with the other periods and
/// the downloads.
pub async fn page(
    State(app): State<App>,
    headers: axum::http::HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (lang, set) = crate::pages::language(&headers, &q);
    let (d, m) = report_of(&app, &q).await?;
    let lead = Downloads {
        periods_label: lang.pick("Periode", "Period"),
        periods: monev_eval::monitoring::reported_periods(&d.data, &d.deret)
            .into_iter()
            .map(|p| {
                (
                    format!("/monitoring?periode={p}"),
                    monev_report::monitoring::period_label(p, lang),
                    p == m.periode,
                )
            })
            .collect(),
        label: lang.pick("Unduh laporan", "Download the report"),
        periode: m.periode.to_string(),
        lang: lang.code(),
        pdf: app.monitoring_pdf().is_some(),
        tables: lang.pick("Tabel", "Tables"),
    };
    let html = monev_report::monitoring::html_linked(
        &m,
        lang,
        "/static/monev.css",
        &crate::view::Markup::of(&lead).to_string(),
    );
    let mut res = axum::response::Html(html).into_response();
    if let Some(c) = set {
        res.headers_mut().append(axum::http::header::SET_COOKIE, c);
    }
    Ok(res)
}

/// `monitoring-PERIODE.json`: every figure of the period, unrounded.
pub async fn report_json(
    State(app): State<App>,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (_, m) = report_of(&app, &q).await?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/json".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!(r#"attachment; filename="monitoring-{}.json""#, m.periode),
            ),
        ],
        monev_report::monitoring::json(&m),
    )
        .into_response())
}

/// The period's figures for programs (`/api/v1/monitoring?periode=`).
pub async fn api_period(
    State(app): State<App>,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (_, m) = report_of(&app, &q).await?;
    Ok((
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        monev_report::monitoring::json(&m),
    )
        .into_response())
}

async fn download(
    app: App,
    headers: axum::http::HeaderMap,
    q: Common,
    ext: &str,
    mime: &'static str,
    render: crate::MonitoringRender,
) -> Result<Response, AppError> {
    let (lang, _) = crate::pages::language(&headers, &q);
    let (_, m) = report_of(&app, &q).await?;
    let name = format!(
        "laporan-monitoring-{}-{}-{}.{ext}",
        m.program.kode,
        m.periode,
        lang.code()
    );
    let bytes = tokio::task::spawn_blocking(move || render(&m, lang))
        .await
        .map_err(|e| AppError::internal(format!("{ext} task: {e}")))?
        .map_err(AppError::internal)?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, mime.to_string()),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!(r#"attachment; filename="{name}""#),
            ),
        ],
        bytes,
    )
        .into_response())
}

pub async fn report_docx(
    State(app): State<App>,
    headers: axum::http::HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    download(
        app,
        headers,
        q,
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        monev_report::monitoring::docx,
    )
    .await
}

pub async fn report_xlsx(
    State(app): State<App>,
    headers: axum::http::HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    download(
        app,
        headers,
        q,
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        monev_report::monitoring::xlsx,
    )
    .await
}

pub async fn report_pdf(
    State(app): State<App>,
    headers: axum::http::HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let Some(render) = app.monitoring_pdf() else {
        return Err(AppError::not_found());
    };
    download(app, headers, q, "pdf", "application/pdf", render).await
}
