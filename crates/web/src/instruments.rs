//! Instruments as data: the built-in questionnaires and those a programme
//! holds (uploaded as XLSForm, or a built-in whose mapping was edited), each
//! change a new version. Every instrument downloads as an XLSForm workbook —
//! to edit in a spreadsheet and upload again, or to load into KoboToolbox or
//! ODK — and its mapping (question → SKM unsur, respondent profile) is
//! edited here.

use askama::Template;
use std::collections::HashMap;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use monev_domain::format::number;
use monev_survey::{Instrument, Kind, Target};

use crate::csrf::{Checked, CheckedMultipart};
use crate::pages::{AppError, Common, language, programme};
use crate::view::{self, Markup, Td, Th};
use crate::{App, Session};

/// Questionnaires monev ships; a held instrument of the same code replaces
/// its built-in for that programme.
pub const BUILT_IN: [&str; 4] = ["skm", "reaksi", "kinerja", "nonpeserta"];

fn built_in(kode: &str) -> Option<Instrument> {
    use monev_survey::builtin;
    match kode {
        "skm" => Some(builtin::skm()),
        "reaksi" => Some(builtin::reaksi(&[])),
        "kinerja" => Some(builtin::kinerja(
            &["pelayanan", "komunikasi", "manajemen_waktu", "kerja_sama"]
                .map(|a| (a.to_string(), a.replace('_', " "))),
        )),
        "nonpeserta" => Some(builtin::nonpeserta()),
        _ => None,
    }
}

/// An instrument by code for a programme: the latest held version, else the
/// built-in. Returns (instrument, version, source); version 0 is built in.
pub(crate) async fn resolve(
    app: &App,
    program: &str,
    kode: &str,
) -> Result<Option<(Instrument, i64, String)>, AppError> {
    if let Some(h) = app.store.instrument(program, kode).await? {
        let i: Instrument = serde_json::from_str(&h.definisi)
            .map_err(|e| AppError::internal(format!("instrumen {kode}: {e}")))?;
        return Ok(Some((i, h.versi, h.sumber)));
    }
    Ok(built_in(kode).map(|i| (i, 0, "bawaan".to_string())))
}

/// A code usable in URLs: lower case, `-` for anything else.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "formulir".into()
    } else {
        out
    }
}

pub async fn list(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &q);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let kode = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let held = app.store.instruments(&kode).await?;
    let mut rows: Vec<(String, String, i64, String, i64)> = held
        .iter()
        .map(|h| {
            (
                h.kode.clone(),
                h.judul.clone(),
                h.versi,
                h.sumber.clone(),
                h.kiriman,
            )
        })
        .collect();
    for b in BUILT_IN {
        if !held.iter().any(|h| h.kode == b)
            && let Some(i) = built_in(b)
        {
            rows.push((
                b.to_string(),
                i.judul.get(lang.code()).unwrap_or(b).to_string(),
                0,
                "bawaan".into(),
                0,
            ));
        }
    }
    rows.sort();
    let table = view::Table {
        head: vec![
            Th::text(t("Kode", "Code")),
            Th::text(t("Judul", "Title")),
            Th::num(t("Versi", "Version")),
            Th::text(t("Sumber", "Source")),
            Th::num(t("Jawaban", "Answers")),
            Th::text("XLSForm"),
        ],
        rows: rows
            .iter()
            .map(|(k, judul, versi, sumber, kiriman)| {
                let path = format!("/instrumen/{}", crate::pages::url_encode(k));
                vec![
                    Td::link(k.as_str(), path.clone()),
                    Td::text(judul.as_str()),
                    Td::num(if *versi == 0 {
                        "–".to_string()
                    } else {
                        number(*versi as f64, 0, lang)
                    }),
                    Td::text(sumber.as_str()),
                    Td::num(number(*kiriman as f64, 0, lang)),
                    Td::link(t("unduh", "download"), format!("{path}/xlsform.xlsx")),
                ]
            })
            .collect(),
    };
    let body = InstrumentsPage {
        title: t("Instrumen", "Instruments"),
        intro: t(
            "Kuesioner bawaan dan milik program. Unduh sebagai XLSForm untuk diubah di Excel atau dimuat ke KoboToolbox/ODK, lalu unggah kembali sebagai versi baru.",
            "Built-in and programme questionnaires. Download one as XLSForm to edit it in Excel or load it into KoboToolbox/ODK, then upload it again as a new version.",
        ),
        table: Markup::of(&table),
        upload: t("Unggah XLSForm", "Upload an XLSForm"),
        csrf: &session.csrf,
        file_label: t("Berkas XLSForm (.xlsx)", "XLSForm file (.xlsx)"),
        check: t("Periksa dan simpan", "Check and save"),
    };
    Ok(view::page(
        t("Instrumen", "Instruments"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

#[derive(Template)]
#[template(path = "instruments.html")]
struct InstrumentsPage<'a> {
    title: &'static str,
    intro: &'static str,
    table: Markup,
    upload: &'static str,
    csrf: &'a str,
    file_label: &'static str,
    check: &'static str,
}

/// An upload refused, with its located errors.
#[derive(Template)]
#[template(path = "refused.html")]
pub(crate) struct Refused {
    pub title: String,
    pub summary: String,
    pub lines: Vec<String>,
}

#[derive(Template)]
#[template(path = "instrument_saved.html")]
struct Saved<'a> {
    title: &'static str,
    before: &'static str,
    kode: &'a str,
    after: String,
    /// (heading, items): what was left out, notes.
    lists: Vec<(&'static str, Vec<String>)>,
    review: &'static str,
}

/// A target a question may feed, as an option of its select.
struct TargetOption {
    code: String,
    label: String,
    selected: bool,
}

/// A question of the mapping table.
struct MappedQuestion<'a> {
    name: &'a str,
    kind: String,
    label: &'a str,
    unmapped: bool,
    options: Vec<TargetOption>,
}

/// The instrument page's fixed words.
struct InstrumentWords {
    code: &'static str,
    version: &'static str,
    source: &'static str,
    download: &'static str,
    answers: &'static str,
    question: &'static str,
    kind: &'static str,
    label: &'static str,
    feeds: &'static str,
    nothing: &'static str,
    save: &'static str,
}

#[derive(Template)]
#[template(path = "instrument.html")]
struct InstrumentPage<'a> {
    title: &'a str,
    kode: &'a str,
    version: String,
    source: &'a str,
    feeds_note: &'static str,
    csrf: &'a str,
    questions: Vec<MappedQuestion<'a>>,
    w: InstrumentWords,
}

pub async fn upload(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    CheckedMultipart(multipart): CheckedMultipart,
) -> Result<Response, AppError> {
    let (lang, _) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let got = crate::upload::receive(multipart, "xlsform").await?;
    let kode_program = crate::pages::the_programme(&app, None).await?;
    let (name, received) = got.file(lang)?;
    let name = name.to_string();
    let dir = crate::upload::scratch()?;
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    let path = dir.join(format!("{}.xlsx", slug(stem)));
    tokio::fs::copy(received, &path)
        .await
        .map_err(|e| AppError::internal(e.to_string()))?;
    let parsed = monev_ingest::read_xlsform(&path);
    std::fs::remove_dir_all(&dir).ok();
    let parsed = match parsed {
        Ok(p) => p,
        Err(monev_ingest::FormError::Open(m)) => {
            return Err(AppError::bad_request(
                &m.replace(&path.display().to_string(), &name),
            ));
        }
        Err(monev_ingest::FormError::Invalid { errors, .. }) => {
            let body = Refused {
                title: format!("{}: {name}", t("Pemeriksaan", "Check")),
                summary: format!(
                    "{} {}. {}",
                    number(errors.len() as f64, 0, lang),
                    t("kesalahan", "errors"),
                    t(
                        "Tidak ada yang disimpan. Perbaiki formulirnya lalu unggah lagi.",
                        "Nothing was saved. Fix the form and upload it again."
                    ),
                ),
                lines: errors.iter().map(|e| e.to_string()).collect(),
            };
            let mut res = view::page(
                t("Instrumen", "Instruments"),
                Markup::of(&body),
                Some(&session),
                lang,
                None,
            );
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let mut instrument = parsed.instrument;
    instrument.kode = slug(&instrument.kode);
    let json = serde_json::to_string(&instrument).map_err(|e| AppError::internal(e.to_string()))?;
    let judul = instrument
        .judul
        .get(lang.code())
        .unwrap_or(&instrument.kode)
        .to_string();
    let versi = app
        .store
        .save_instrument(
            &kode_program,
            &instrument.kode,
            &judul,
            "xlsform",
            &json,
            Some(session.user.id),
        )
        .await?;
    app.forget_links().await;
    app.forget_evaluations().await;
    app.store
        .audit(
            Some(&session.user),
            "unggah_instrumen",
            &format!("instrumen:{} versi:{versi}", instrument.kode),
            None,
            Some(&format!(
                "{} pertanyaan; {} tidak diimpor",
                instrument.questions().len(),
                parsed.skipped.len()
            )),
        )
        .await?;
    let body = Saved {
        title: t("Instrumen disimpan", "Instrument saved"),
        before: t("Instrumen", "Instrument"),
        kode: &instrument.kode,
        after: format!(
            ", {} {versi}: {} {}.",
            t("versi", "version"),
            number(instrument.questions().len() as f64, 0, lang),
            t("pertanyaan", "questions"),
        ),
        lists: vec![
            (
                t("Tidak diimpor", "Left out"),
                parsed.skipped.iter().map(|s| s.to_string()).collect(),
            ),
            (
                t("Catatan", "Notes"),
                parsed.notes.iter().map(|s| s.to_string()).collect(),
            ),
        ],
        review: t("Periksa pemetaannya →", "Review its mapping →"),
    };
    Ok(view::page(
        t("Instrumen", "Instruments"),
        Markup::of(&body),
        Some(&session),
        lang,
        None,
    ))
}

pub async fn detail(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &q);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let program = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let (i, versi, sumber) = resolve(&app, &program, &kode)
        .await?
        .ok_or_else(AppError::not_found)?;
    let questions = i
        .questions()
        .into_iter()
        .filter(|(q, _)| q.kind != Kind::Note)
        .map(|(q, _)| {
            let current = i.target_of(&q.name);
            MappedQuestion {
                name: &q.name,
                kind: q.kind.code(),
                label: q.label.get(lang.code()).unwrap_or(&q.name),
                unmapped: current.is_none(),
                options: Target::ALL
                    .iter()
                    .map(|target| TargetOption {
                        code: target.code(),
                        label: target.label(lang.code()).to_string(),
                        selected: current == Some(*target),
                    })
                    .collect(),
            }
        })
        .collect();
    let body = InstrumentPage {
        title: i.judul.get(lang.code()).unwrap_or(&i.kode),
        kode: &i.kode,
        version: if versi == 0 {
            t("bawaan", "built in").to_string()
        } else {
            versi.to_string()
        },
        source: &sumber,
        feeds_note: if i.feeds_skm() {
            t(
                "Semua unsur U1–U9 terpetakan: jawaban formulir ini masuk ke IKM.",
                "Every unsur U1–U9 is mapped: this form's answers feed the IKM.",
            )
        } else {
            t(
                "Formulir ini tidak memetakan sembilan unsur SKM: jawabannya disimpan dan diekspor, tidak masuk ke IKM.",
                "This form does not map the nine SKM unsur: its answers are kept and exported, not counted in the IKM.",
            )
        },
        csrf: &session.csrf,
        questions,
        w: InstrumentWords {
            code: t("Kode", "Code"),
            version: t("versi", "version"),
            source: t("sumber", "source"),
            download: t("Unduh sebagai XLSForm", "Download as XLSForm"),
            answers: t("Jawaban", "Answers"),
            question: t("Pertanyaan", "Question"),
            kind: t("Tipe", "Type"),
            label: t("Label", "Label"),
            feeds: t("Masuk ke", "Feeds"),
            nothing: t("tidak ada", "nothing"),
            save: t(
                "Simpan pemetaan (versi baru)",
                "Save the mapping (a new version)",
            ),
        },
    };
    Ok(view::page(
        t("Instrumen", "Instruments"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

pub async fn save_mapping(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
    Checked(fields): Checked<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let program = crate::pages::the_programme(&app, None).await?;
    let (mut i, _, sumber) = resolve(&app, &program, &kode)
        .await?
        .ok_or_else(AppError::not_found)?;
    let chosen: HashMap<&str, &str> = fields
        .iter()
        .filter(|(k, _)| k != "csrf")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let names: Vec<String> = i.questions().iter().map(|(q, _)| q.name.clone()).collect();
    let before = serde_json::to_string(&i.peta).unwrap_or_default();
    for name in names {
        let Some(v) = chosen.get(name.as_str()) else {
            continue;
        };
        let target = if v.is_empty() {
            None
        } else {
            Some(
                Target::ALL
                    .into_iter()
                    .find(|t| t.code() == *v)
                    .ok_or_else(|| AppError::bad_request(&format!("{name}: {v}?")))?,
            )
        };
        if target == Target::by_name(&name) {
            i.peta.remove(&name);
        } else {
            i.peta.insert(name, target);
        }
    }
    let after = serde_json::to_string(&i.peta).unwrap_or_default();
    let json = serde_json::to_string(&i).map_err(|e| AppError::internal(e.to_string()))?;
    let judul = i.judul.get("id").unwrap_or(&i.kode).to_string();
    let source = if sumber == "bawaan" {
        format!("salinan:{kode}")
    } else {
        sumber
    };
    let versi = app
        .store
        .save_instrument(
            &program,
            &kode,
            &judul,
            &source,
            &json,
            Some(&session.user).map(|u| u.id),
        )
        .await?;
    app.forget_links().await;
    app.forget_evaluations().await;
    app.store
        .audit(
            Some(&session.user),
            "ubah_pemetaan",
            &format!("instrumen:{kode} versi:{versi}"),
            Some(&before),
            Some(&after),
        )
        .await?;
    Ok(Redirect::to(&format!("/instrumen/{kode}")).into_response())
}

pub async fn xlsform(
    State(app): State<App>,
    Path(kode): Path<String>,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let program = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let (i, versi, _) = resolve(&app, &program, &kode)
        .await?
        .ok_or_else(AppError::not_found)?;
    let mut i = i;
    if versi > 0 {
        i.versi = versi.to_string();
    }
    let sheets = monev_survey::xlsform::to_sheets(&i);
    let named: Vec<(&str, &[Vec<String>])> = sheets
        .iter()
        .map(|s| (s.name.as_str(), s.rows.as_slice()))
        .collect();
    let bytes = monev_report::table::xlsx_text_sheets(&named).map_err(AppError::internal)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.xlsx\"", slug(&kode)),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// An instrument's answers as a table: SKM instruments give every SKM
/// response (as `/formulir/skm.csv`); others their kept answers, one column
/// per question (XLSForm names) then Kobo-like metadata.
async fn answer_table(app: &App, session: &Session, kode: &str) -> Result<Answers, AppError> {
    use monev_report::table::Cell;
    let program = programme(app, None)
        .await?
        .ok_or_else(AppError::not_found)?;
    let (i, _, _) = resolve(app, &program, kode)
        .await?
        .ok_or_else(AppError::not_found)?;
    if i.feeds_skm() {
        return Ok(Answers::Skm(
            crate::forms::skm_export(app, session, Some(&program)).await?,
        ));
    }
    let names: Vec<String> = i
        .questions()
        .iter()
        .filter(|(q, _)| q.kind != Kind::Note)
        .map(|(q, _)| q.name.clone())
        .collect();
    let mut headers = names.clone();
    headers.extend(["instansi", "_id", "_submission_time", "_versi"].map(String::from));
    let kept = app.store.answers(&program, kode, None).await?;
    let rows = kept
        .into_iter()
        .map(|(id, instansi, waktu, versi, json)| {
            let map: HashMap<String, String> = serde_json::from_str(&json).unwrap_or_default();
            let mut row: Vec<Cell> = names
                .iter()
                .map(|n| map.get(n).cloned().map_or(Cell::Empty, Cell::Text))
                .collect();
            row.extend([
                Cell::Text(instansi),
                Cell::Num(id as f64),
                Cell::Text(waktu),
                Cell::Num(versi as f64),
            ]);
            row
        })
        .collect();
    Ok(Answers::Kept(
        format!("{}-{}", slug(kode), slug(&program)),
        headers,
        rows,
    ))
}

/// An instrument's answers: the SKM export (streamed from the database), or
/// the kept answers of a form of its own (name, headers, rows).
enum Answers {
    Skm(crate::forms::SkmExport),
    Kept(String, Vec<String>, Vec<Vec<monev_report::table::Cell>>),
}

pub async fn answers_csv(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
) -> Result<Response, AppError> {
    let (name, headers, rows) = match answer_table(&app, &session, &kode).await? {
        Answers::Skm(export) => return Ok(export.csv(&app)),
        Answers::Kept(name, headers, rows) => (name, headers, rows),
    };
    let h: Vec<&str> = headers.iter().map(String::as_str).collect();
    let csv = monev_report::table::csv(&h, &rows);
    Ok(crate::forms::download(
        &format!("{name}.csv"),
        "text/csv; charset=utf-8",
        csv.into_bytes(),
    ))
}

pub async fn answers_xlsx(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
) -> Result<Response, AppError> {
    let (name, headers, rows) = match answer_table(&app, &session, &kode).await? {
        Answers::Skm(export) => return export.xlsx(&app, &slug(&kode)).await,
        Answers::Kept(name, headers, rows) => (name, headers, rows),
    };
    let h: Vec<&str> = headers.iter().map(String::as_str).collect();
    let bytes = monev_report::table::xlsx(&slug(&kode), &h, &rows).map_err(AppError::internal)?;
    Ok(crate::forms::download(
        &format!("{name}.xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes,
    ))
}
