//! The approval of figures (`/persetujuan`): per period, every unit the
//! account may see with its latest version, the version the reports cite
//! and whether today's figures still equal it; the levels above (each
//! kecamatan, each kota) counted; and the steps the account may take. Who
//! takes which step: a unit's figures are submitted by its operator (or an
//! evaluator, an admin), approved at the kecamatan by an evaluator limited
//! to that kecamatan and at the kota by one limited to the kota or the
//! province (`monev_domain::tahap_for`); an evaluator or admin limited to
//! no region may take either step, never both for one version (the store
//! refuses). The rules of the steps are the store's
//! (`monev_store::Store::submit_figures`).

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use monev_domain::{Lang, Periode, ProgramData, StatusPersetujuan, Tahap, Wilayah};
use monev_eval::persetujuan::StatusUnit;
use monev_store::Role;
use serde::Deserialize;

use crate::csrf::Checked;
use crate::pages::{AppError, Common, language, the_programme, unprocessable};
use crate::view::{self, Markup};
use crate::{App, Session};

/// The unit's region and those above it, nearest first.
fn chain<'a>(data: &'a ProgramData, unit: &str) -> Vec<&'a Wilayah> {
    data.instansi
        .iter()
        .find(|i| i.kode == unit)
        .and_then(|i| i.wilayah.as_deref())
        .map(|w| monev_domain::wilayah::ancestors(&data.wilayah, w))
        .unwrap_or_default()
}

/// Whether the account may see unit `unit`: an operator their own, an
/// account limited to a region the units under it, any other every unit.
pub(crate) fn sees(user: &monev_store::User, data: &ProgramData, unit: &str) -> bool {
    if user.role == Role::Operator {
        return user.instansi.as_deref() == Some(unit);
    }
    match user.wilayah.as_deref() {
        None => true,
        Some(r) => chain(data, unit).iter().any(|w| w.kode == r),
    }
}

/// The steps the account may approve for unit `unit`.
fn steps(user: &monev_store::User, data: &ProgramData, unit: &str) -> Vec<Tahap> {
    if !matches!(user.role, Role::Admin | Role::Evaluator) {
        return Vec::new();
    }
    monev_domain::tahap_for(user.wilayah.as_deref(), &chain(data, unit))
}

/// Whether the account may submit unit `unit`'s figures.
fn submits(user: &monev_store::User, data: &ProgramData, unit: &str) -> bool {
    matches!(user.role, Role::Admin | Role::Evaluator | Role::Operator) && sees(user, data, unit)
}

struct LevelRow {
    nama: String,
    units: usize,
    diajukan: usize,
    kecamatan: usize,
    kota: usize,
    sesuai: usize,
}

struct UnitRow {
    kode: String,
    nama: String,
    terakhir: String,
    catatan: String,
    alasan: String,
    diajukan: String,
    kecamatan: String,
    kota: String,
    dikutip: String,
    versi: u32,
    can_submit: bool,
    needs_reason: bool,
    can_approve: Vec<(&'static str, &'static str)>,
    can_return: bool,
    /// The version on the public page, if any.
    published: Option<u32>,
    /// May publish (an approved version exists and the account submits for
    /// the unit).
    can_publish: bool,
    rtl: String,
    public_href: String,
}

#[derive(Template)]
#[template(path = "persetujuan.html")]
struct ApprovalPage<'a> {
    l: Lang,
    csrf: &'a str,
    program: &'a str,
    periode: String,
    periode_label: String,
    periods: Vec<(String, String, bool)>,
    levels: Vec<LevelRow>,
    units: Vec<UnitRow>,
}

/// Counts of a group of units' states.
fn level_row(nama: String, units: &[&StatusUnit]) -> LevelRow {
    let at_least = |s: &StatusUnit, min: StatusPersetujuan| {
        s.disetujui.is_some()
            || s.terakhir
                .as_ref()
                .is_some_and(|v| v.status != StatusPersetujuan::Dikembalikan && v.status >= min)
    };
    LevelRow {
        nama,
        units: units.len(),
        diajukan: units
            .iter()
            .filter(|s| at_least(s, StatusPersetujuan::Diajukan))
            .count(),
        kecamatan: units
            .iter()
            .filter(|s| at_least(s, StatusPersetujuan::DisetujuiKecamatan))
            .count(),
        kota: units.iter().filter(|s| s.disetujui.is_some()).count(),
        sesuai: units.iter().filter(|s| s.approved()).count(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ApprovalQuery {
    lang: Option<String>,
    program: Option<String>,
    periode: Option<String>,
}

fn when(seconds: i64, zona: monev_domain::ZonaWaktu) -> String {
    monev_domain::Timestamp::from_seconds(seconds + zona.offset_seconds()).to_string()
}

/// The first programme with a unit the account sees (the first programme
/// when none has).
async fn own_programme(app: &App, user: &monev_store::User) -> Result<String, AppError> {
    for kode in app.store.program_codes().await? {
        let d = crate::monitoring::period_data(app, &kode).await?;
        if d.data.instansi.iter().any(|i| sees(user, &d.data, &i.kode)) {
            return Ok(kode);
        }
    }
    the_programme(app, None).await
}

/// The approval page of a period (the latest reported by default).
pub async fn page(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<ApprovalQuery>,
) -> Result<Response, AppError> {
    let common = Common {
        lang: q.lang.clone(),
        program: q.program.clone(),
        instrumen: None,
        periode: q.periode.clone(),
    };
    let (lang, set) = language(&headers, &common);
    let program = match (q.program.as_deref(), session.user.wilayah.is_some()) {
        // An account limited to a region starts at a programme with units
        // in it.
        (None, true) => own_programme(&app, &session.user).await?,
        (asked, _) => the_programme(&app, asked).await?,
    };
    let d = crate::monitoring::period_data(&app, &program).await?;
    let periode = monev_eval::monitoring::resolve_period(
        &d.data,
        q.periode.as_deref(),
        monev_eval::monitoring::default_period(&d.data, &d.deret),
    )
    .map_err(|e| AppError::bad_request(&e))?;
    let cfg = monev_eval::Config::default();
    let status = monev_eval::persetujuan::status(&d.data, &d.deret, periode, cfg.bobot_ikm)
        .unwrap_or_default();
    let zona = d.data.program.zona_waktu;
    let user = &session.user;
    let shown: Vec<&StatusUnit> = status
        .iter()
        .filter(|s| sees(user, &d.data, &s.instansi))
        .collect();
    // Each region the shown units stand in, from the kecamatan up.
    let mut levels = Vec::new();
    let mut regions: Vec<&Wilayah> = Vec::new();
    for s in &shown {
        for w in chain(&d.data, &s.instansi) {
            if !regions.iter().any(|r| r.kode == w.kode) {
                regions.push(w);
            }
        }
    }
    regions.sort_by(|a, b| a.tingkat.cmp(&b.tingkat).then(a.kode.cmp(&b.kode)));
    for r in regions {
        let under: Vec<&StatusUnit> = shown
            .iter()
            .copied()
            .filter(|s| chain(&d.data, &s.instansi).iter().any(|w| w.kode == r.kode))
            .collect();
        levels.push(level_row(format!("{} ({})", r.nama, r.kode), &under));
    }
    levels.push(level_row(
        lang.pick("Semua unit yang tampil", "Every unit shown")
            .to_string(),
        &shown,
    ));
    let mut public: std::collections::HashMap<String, (Option<u32>, String)> = Default::default();
    for s in &shown {
        let published = app
            .store
            .published(&program, &s.instansi)
            .await?
            .into_iter()
            .find(|t| t.periode == periode)
            .map(|t| t.versi);
        let rtl = app
            .store
            .follow_ups(&program, &s.instansi)
            .await?
            .into_iter()
            .find(|(p, _)| *p == periode)
            .map(|(_, t)| t)
            .unwrap_or_default();
        public.insert(s.instansi.clone(), (published, rtl));
    }
    let units = shown
        .iter()
        .map(|s| {
            let (published, rtl) = public.get(&s.instansi).cloned().unwrap_or_default();
            let t = s.terakhir.as_ref();
            let status = t.map(|v| v.status);
            let allowed = steps(user, &d.data, &s.instansi);
            let can_approve = allowed
                .iter()
                .filter(|tahap| status == Some(tahap.from_to().0))
                .map(|tahap| {
                    (
                        tahap.code(),
                        match tahap {
                            Tahap::Kecamatan => {
                                lang.pick("Setujui (kecamatan)", "Approve (kecamatan)")
                            }
                            Tahap::Kota => lang.pick("Setujui (kota)", "Approve (kota)"),
                        },
                    )
                })
                .collect();
            UnitRow {
                kode: s.instansi.clone(),
                nama: s.nama.clone(),
                terakhir: t.map_or_else(
                    || lang.pick("belum diajukan", "not submitted").to_string(),
                    |v| format!("v{} {}", v.versi, v.status.label(lang)),
                ),
                catatan: t.and_then(|v| v.catatan.clone()).unwrap_or_default(),
                alasan: t.and_then(|v| v.alasan.clone()).unwrap_or_default(),
                diajukan: t
                    .map(|v| format!("{}, {}", v.diajukan_oleh, when(v.diajukan_waktu, zona)))
                    .unwrap_or_default(),
                kecamatan: t.and_then(|v| v.kecamatan_oleh.clone()).unwrap_or_default(),
                kota: t.and_then(|v| v.kota_oleh.clone()).unwrap_or_default(),
                dikutip: match (&s.disetujui, s.sesuai) {
                    (Some(v), Some(true)) => format!(
                        "v{} ({})",
                        v.versi,
                        lang.pick("sama dengan angka terkini", "today's figures")
                    ),
                    (Some(v), _) => format!(
                        "v{} ({})",
                        v.versi,
                        lang.pick(
                            "angka terkini berbeda: ajukan versi baru",
                            "today's figures differ: submit a new version"
                        )
                    ),
                    (None, _) => lang.pick("belum ada", "none yet").to_string(),
                },
                versi: t.map_or(0, |v| v.versi),
                can_submit: submits(user, &d.data, &s.instansi)
                    && !status.is_some_and(|s| s.pending())
                    && s.sesuai != Some(true),
                needs_reason: t.is_some(),
                can_approve,
                can_return: !allowed.is_empty() && status.is_some_and(|s| s.pending()),
                can_publish: s.disetujui.is_some() && submits(user, &d.data, &s.instansi),
                published,
                rtl,
                public_href: format!(
                    "/hasil/{}/{}",
                    crate::pages::url_encode(&program),
                    crate::pages::url_encode(&s.instansi)
                ),
            }
        })
        .collect();
    let body = ApprovalPage {
        l: lang,
        csrf: &session.csrf,
        program: &program,
        periode: periode.to_string(),
        periode_label: monev_report::monitoring::period_label(periode, lang),
        periods: monev_eval::monitoring::reported_periods(&d.data, &d.deret)
            .into_iter()
            .map(|p| {
                (
                    format!(
                        "/persetujuan?program={}&periode={p}",
                        crate::pages::url_encode(&program)
                    ),
                    monev_report::monitoring::period_label(p, lang),
                    p == periode,
                )
            })
            .collect(),
        levels,
        units,
    };
    Ok(view::page(
        lang.pick("Persetujuan angka", "Approval of figures"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

#[derive(Debug, Deserialize)]
pub struct StepForm {
    program: Option<String>,
    /// Optional here so that a unit the account may not see is 404 before
    /// anything about the form is said.
    #[serde(default)]
    periode: Option<String>,
    #[serde(default)]
    versi: Option<u32>,
    #[serde(default)]
    tahap: Option<String>,
    #[serde(default)]
    alasan: String,
    #[serde(default)]
    catatan: String,
    #[serde(default)]
    tindak_lanjut: String,
}

/// The programme, the period and the unit a step is for, when the account
/// may see the unit (404 otherwise: its existence is not confirmed).
async fn target(
    app: &App,
    session: &Session,
    f: &StepForm,
    kode: &str,
) -> Result<
    (
        String,
        Periode,
        std::sync::Arc<crate::monitoring::PeriodData>,
    ),
    AppError,
> {
    let program = the_programme(app, f.program.as_deref()).await?;
    let d = crate::monitoring::period_data(app, &program).await?;
    if !d.data.instansi.iter().any(|i| i.kode == kode) || !sees(&session.user, &d.data, kode) {
        return Err(AppError::not_found());
    }
    let periode = Periode::parse(f.periode.as_deref().unwrap_or(""))
        .map_err(|e| unprocessable(&e.to_string(), &e.to_string()))?;
    Ok((program, periode, d))
}

/// [`target`], for a step the unit itself takes (submit, publish, follow-up
/// actions): 403 unless the account submits for the unit.
async fn the_units(
    app: &App,
    session: &Session,
    f: &StepForm,
    kode: &str,
) -> Result<
    (
        String,
        Periode,
        std::sync::Arc<crate::monitoring::PeriodData>,
    ),
    AppError,
> {
    let (program, periode, d) = target(app, session, f, kode).await?;
    if !submits(&session.user, &d.data, kode) {
        return Err(AppError::forbidden());
    }
    Ok((program, periode, d))
}

fn refused(e: monev_store::StoreError) -> AppError {
    match e {
        monev_store::StoreError::Invalid(m) => unprocessable(&m, &m),
        other => other.into(),
    }
}

fn back(program: &str, periode: Periode) -> Response {
    Redirect::to(&format!(
        "/persetujuan?program={}&periode={periode}",
        crate::pages::url_encode(program)
    ))
    .into_response()
}

/// Submits the unit's figures of the period as they are now.
pub async fn submit(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
    Checked(f): Checked<StepForm>,
) -> Result<Response, AppError> {
    let (program, periode, d) = the_units(&app, &session, &f, &kode).await?;
    let bobot = monev_eval::Config::default().bobot_ikm;
    let angka = monev_eval::persetujuan::angka_unit(&d.data, &d.deret, &kode, periode, bobot)
        .ok_or_else(AppError::not_found)?;
    let json = serde_json::to_string(&angka).map_err(|e| AppError::bad_request(&e.to_string()))?;
    app.store
        .submit_figures(
            &program,
            &monev_store::Ajuan {
                instansi: &kode,
                periode,
                angka: &json,
                alasan: &f.alasan,
                waktu: crate::now(),
            },
            monev_store::Pelaku::of(&session.user),
        )
        .await
        .map_err(refused)?;
    Ok(back(&program, periode))
}

/// Approves the latest version at the step the form names, when the
/// account may take it.
pub async fn approve(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
    Checked(f): Checked<StepForm>,
) -> Result<Response, AppError> {
    let (program, periode, d) = target(&app, &session, &f, &kode).await?;
    let tahap =
        f.tahap.as_deref().and_then(Tahap::parse).ok_or_else(|| {
            unprocessable("tahap: kecamatan atau kota", "tahap: kecamatan or kota")
        })?;
    if !steps(&session.user, &d.data, &kode).contains(&tahap) {
        return Err(AppError::forbidden());
    }
    let versi = f
        .versi
        .ok_or_else(|| unprocessable("versi tidak ada", "no version"))?;
    app.store
        .approve_figures(
            &program,
            &kode,
            periode,
            versi,
            tahap,
            monev_store::Pelaku::of(&session.user),
            crate::now(),
        )
        .await
        .map_err(refused)?;
    Ok(back(&program, periode))
}

/// Sends the latest version back to the unit, with a comment.
pub async fn send_back(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
    Checked(f): Checked<StepForm>,
) -> Result<Response, AppError> {
    let (program, periode, d) = target(&app, &session, &f, &kode).await?;
    if steps(&session.user, &d.data, &kode).is_empty() {
        return Err(AppError::forbidden());
    }
    let versi = f
        .versi
        .ok_or_else(|| unprocessable("versi tidak ada", "no version"))?;
    app.store
        .return_figures(
            &program,
            &kode,
            periode,
            versi,
            &f.catatan,
            monev_store::Pelaku::of(&session.user),
            crate::now(),
        )
        .await
        .map_err(refused)?;
    Ok(back(&program, periode))
}

/// Publishes the unit's approved figures of the period on its public page.
pub async fn publish(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
    Checked(f): Checked<StepForm>,
) -> Result<Response, AppError> {
    let (program, periode, _) = the_units(&app, &session, &f, &kode).await?;
    app.store
        .publish(
            &program,
            &kode,
            periode,
            monev_store::Pelaku::of(&session.user),
            crate::now(),
        )
        .await
        .map_err(refused)?;
    Ok(back(&program, periode))
}

/// Takes the period's results off the unit's public page.
pub async fn unpublish(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
    Checked(f): Checked<StepForm>,
) -> Result<Response, AppError> {
    let (program, periode, _) = the_units(&app, &session, &f, &kode).await?;
    app.store
        .unpublish(
            &program,
            &kode,
            periode,
            monev_store::Pelaku::of(&session.user),
        )
        .await
        .map_err(refused)?;
    Ok(back(&program, periode))
}

/// Saves the unit's follow-up actions of the period (one a line).
pub async fn follow_up(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
    Checked(f): Checked<StepForm>,
) -> Result<Response, AppError> {
    let (program, periode, _) = the_units(&app, &session, &f, &kode).await?;
    if f.tindak_lanjut.len() > 4000 {
        return Err(unprocessable(
            "rencana tindak lanjut paling panjang 4000 karakter",
            "follow-up actions are 4000 characters at most",
        ));
    }
    app.store
        .set_follow_up(
            &program,
            &kode,
            periode,
            &f.tindak_lanjut,
            monev_store::Pelaku::of(&session.user),
            crate::now(),
        )
        .await
        .map_err(refused)?;
    Ok(back(&program, periode))
}
