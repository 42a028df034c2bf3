//! The public SKM results of a unit (`/hasil/{program}/{kode}`, no sign-in):
//! for every period the unit published, its IKM with mutu, 95% interval and
//! n, the nine unsur's values and the follow-up actions the unit entered,
//! and the trend; and an A4 poster of the latest period. Only versions the
//! kota approved are ever published (`monev_store::Store::publish`); small
//! cells stay withheld (the frozen figures carry no IKM or unsur value under
//! five questionnaires).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use monev_domain::format::number;
use monev_domain::{Lang, UNSUR};
use monev_eval::persetujuan::AngkaUnit;

use crate::App;
use crate::forms::LangQuery;
use crate::pages::{AppError, language};
use crate::view::{self, Markup};

struct PeriodView {
    label: String,
    ikm: String,
    mutu: String,
    /// A–D, for its colour.
    mutu_huruf: String,
    detail: String,
    unsur: Vec<(String, String)>,
    rtl: Vec<String>,
}

#[derive(Template)]
#[template(path = "hasil.html")]
struct ResultsPage<'a> {
    l: Lang,
    program: &'a str,
    unit: &'a str,
    periods: Vec<PeriodView>,
    trend: Option<Markup>,
    method: &'static str,
    poster: bool,
    poster_href: String,
}

fn mutu_label(m: monev_eval::Mutu, lang: Lang) -> String {
    let (id, en) = m.kinerja();
    format!("{m:?} · {}", lang.pick(id, en))
}

async fn render(
    app: &App,
    program: &str,
    kode: &str,
    headers: &HeaderMap,
    q: &LangQuery,
    poster: bool,
) -> Result<Response, AppError> {
    let (lang, set) = language(headers, &crate::forms::common(q));
    if !app
        .store
        .program_codes()
        .await?
        .iter()
        .any(|c| c == program)
    {
        return Err(AppError::not_found());
    }
    let units = app.store.units(program).await?;
    let unit = units
        .iter()
        .find(|(k, _)| k == kode)
        .map(|(_, n)| n.clone())
        .ok_or_else(AppError::not_found)?;
    let nama_program = app.store.program_name(program).await?;
    let published = app.store.published(program, kode).await?;
    let mut views = Vec::new();
    let mut trend = Vec::new();
    for t in &published {
        // Frozen when approved; one that does not read is not shown.
        let Ok(a) = serde_json::from_str::<AngkaUnit>(&t.angka) else {
            continue;
        };
        let label = monev_report::monitoring::period_label(a.periode, lang);
        if let Some(v) = a.ikm {
            trend.push((label.clone(), v, a.ikm_selang_95));
        }
        views.push(view_of(&a, label, t, lang));
    }
    // The latest first; the poster shows it alone.
    views.reverse();
    if poster {
        views.truncate(1);
    }
    let body = ResultsPage {
        l: lang,
        program: &nama_program,
        unit: &unit,
        periods: views,
        trend: if poster {
            None
        } else {
            monev_report::ikm_trend_svg(&trend, lang.pick("Tren IKM", "IKM trend"), lang)
                .map(Markup::trusted)
        },
        method: lang.pick(
            "IKM menurut PermenPANRB 14/2017: rata-rata nilai sembilan unsur (1–4) dengan bobot sama, dikonversi ×25. Angka yang diterbitkan telah disetujui kecamatan dan kota; hasil dari kurang dari 5 responden tidak ditampilkan.",
            "IKM per PermenPANRB 14/2017: the mean value of the nine unsur (1–4) weighted equally, converted ×25. The figures published were approved by the kecamatan and the kota; results of fewer than 5 respondents are not shown.",
        ),
        poster,
        poster_href: format!(
            "/hasil/{}/{}/poster",
            crate::pages::url_encode(program),
            crate::pages::url_encode(kode)
        ),
    };
    Ok(view::page(
        &format!("{} — {}", lang.pick("Hasil SKM", "SKM results"), unit),
        Markup::of(&body),
        None,
        lang,
        set,
    ))
}

fn view_of(a: &AngkaUnit, label: String, t: &monev_store::Terbit, lang: Lang) -> PeriodView {
    let n = |v: f64, d: usize| number(v, d, lang);
    let withheld = lang.pick(
        "tidak ditampilkan (kurang dari 5 responden)",
        "not shown (fewer than 5 respondents)",
    );
    PeriodView {
        label,
        ikm: a.ikm.map_or_else(|| withheld.to_string(), |v| n(v, 2)),
        mutu: a.mutu.map(|m| mutu_label(m, lang)).unwrap_or_default(),
        mutu_huruf: a.mutu.map(|m| format!("{m:?}")).unwrap_or_default(),
        detail: match lang {
            Lang::Id => format!(
                "{} responden{}. Versi {} yang disetujui.",
                n(a.skm_n as f64, 0),
                a.ikm_selang_95
                    .map(|[lo, hi]| format!("; selang kepercayaan 95% {}–{}", n(lo, 2), n(hi, 2)))
                    .unwrap_or_default(),
                t.versi
            ),
            Lang::En => format!(
                "{} respondents{}. Approved version {}.",
                n(a.skm_n as f64, 0),
                a.ikm_selang_95
                    .map(|[lo, hi]| format!("; 95% interval {}–{}", n(lo, 2), n(hi, 2)))
                    .unwrap_or_default(),
                t.versi
            ),
        },
        unsur: if a.ikm.is_some() {
            UNSUR
                .iter()
                .zip(a.nrr)
                .map(|((kode, id, en), v)| {
                    (
                        format!("{kode} {}", lang.pick(id, en)),
                        v.map_or_else(|| "–".to_string(), |v| n(v, 2)),
                    )
                })
                .collect()
        } else {
            Vec::new()
        },
        rtl: t.tindak_lanjut.lines().map(str::to_string).collect(),
    }
}

/// The unit's public results page.
pub async fn page(
    State(app): State<App>,
    Path((program, kode)): Path<(String, String)>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    render(&app, &program, &kode, &headers, &q, false).await
}

/// The latest published period as an A4 poster.
pub async fn poster(
    State(app): State<App>,
    Path((program, kode)): Path<(String, String)>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    render(&app, &program, &kode, &headers, &q, true).await
}
