//! KoboToolbox and ODK Central exports from the browser, in two steps like
//! a package: upload and check (every column shown with what it was read as,
//! every located error, the counts — nothing written), then save. Columns
//! the names do not match can be mapped by hand on the check page.

use askama::Template;

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use monev_domain::Lang;
use monev_domain::format::number;
use monev_ingest::PackageError;
use monev_store::{SkmSubmission, StoreError};
use monev_survey::Instrument;
use monev_survey::kobo::{Column, skm_response};
use serde::Deserialize;

use crate::csrf::{Checked, CheckedMultipart};
use crate::forms::today;
use crate::pages::{AppError, Common, language, programme};
use crate::view::{self, Markup};
use crate::{App, Session};

/// `Kolom=pertanyaan` lines, as typed on the check page.
fn by_hand(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.rsplit_once('='))
        .map(|(c, q)| (c.trim().to_string(), q.trim().to_string()))
        .filter(|(c, q)| !c.is_empty() && !q.is_empty())
        .collect()
}

pub async fn form(
    Extension(session): Extension<Session>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let body = KoboForm {
        title: t(
            "Impor ekspor KoboToolbox / ODK",
            "Import a KoboToolbox / ODK export",
        ),
        intro: t(
            "Ekspor SKM dari KoboToolbox (CSV atau XLSX, nama XML atau label) atau ODK Central (CSV). Kolom dicocokkan otomatis dengan pertanyaan; kiriman ganda dan yang ditolak peninjau tidak diikutkan. Tidak ada yang disimpan sebelum Anda menyetujuinya.",
            "An SKM export from KoboToolbox (CSV or XLSX, XML names or labels) or ODK Central (CSV). Columns are matched to the questions automatically; duplicates and submissions a reviewer rejected are left out. Nothing is saved until you confirm.",
        ),
        csrf: &session.csrf,
        file_label: t("Berkas ekspor", "Export file"),
        unit_label: t(
            "Kode instansi, bila formulir tidak menanyakannya (boleh kosong)",
            "Unit code, when the form does not ask for it (may be empty)",
        ),
        check: t("Periksa", "Check"),
    };
    Ok(view::page(
        "Kobo / ODK",
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

#[derive(Template)]
#[template(path = "kobo_form.html")]
struct KoboForm<'a> {
    title: &'static str,
    intro: &'static str,
    csrf: &'a str,
    file_label: &'static str,
    unit_label: &'static str,
    check: &'static str,
}

/// How an export column was read.
struct ColumnRow {
    name: String,
    /// The question it answers.
    question: Option<String>,
    /// For a select-multiple's column: the choice.
    choice: Option<String>,
    /// What it is, when not an answer.
    text: &'static str,
    unknown: bool,
}

/// The fixed words of the outcome.
struct OutcomeWords {
    columns: &'static str,
    export_column: &'static str,
    read_as: &'static str,
}

/// What a run of the import found: its located errors, what it added (or
/// would), and how each column was read.
#[derive(Template)]
#[template(path = "kobo_outcome.html")]
struct Outcome {
    /// The export was refused: how many errors, nothing saved.
    refused: Option<String>,
    error_lines: Vec<String>,
    /// Submissions that are not SKM answers, located.
    row_errors: Vec<String>,
    /// (before, added, after) of the status sentence.
    status: Option<(String, String, String)>,
    store_errors: Vec<String>,
    columns: Vec<ColumnRow>,
    w: OutcomeWords,
}

impl Outcome {
    fn ok(&self) -> bool {
        self.refused.is_none() && self.row_errors.is_empty() && self.store_errors.is_empty()
    }
}

/// Runs the whole import as a dry run (or for real) and describes it.
#[allow(clippy::too_many_arguments)]
async fn run(
    app: &App,
    session: &Session,
    path: &std::path::Path,
    shown: &str,
    instansi: Option<&str>,
    peta: &str,
    save: bool,
    lang: Lang,
) -> Result<Outcome, AppError> {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let program = programme(app, None)
        .await?
        .ok_or_else(AppError::not_found)?;
    let instrument: Instrument = crate::instruments::resolve(app, &program, "skm")
        .await?
        .map(|(i, _, _)| i)
        .ok_or_else(AppError::not_found)?;
    let mapping = by_hand(peta);
    for (_, q) in &mapping {
        if q != "-" && instrument.question(q).is_none() {
            return Err(AppError::bad_request(&format!(
                "{}: {q}",
                t("Tidak ada pertanyaan bernama", "No question named")
            )));
        }
    }
    let mut out = Outcome {
        refused: None,
        error_lines: Vec::new(),
        row_errors: Vec::new(),
        status: None,
        store_errors: Vec::new(),
        columns: Vec::new(),
        w: OutcomeWords {
            columns: t("Kolom", "Columns"),
            export_column: t("Kolom ekspor", "Export column"),
            read_as: t("Dibaca sebagai", "Read as"),
        },
    };
    let zona = app.store.zona_waktu(&program).await?;
    let export = match monev_ingest::read_export_mapped(
        path,
        &instrument,
        &today(zona),
        zona,
        &mapping,
    ) {
        Ok(e) => Some(e),
        Err(PackageError::Open(m)) => {
            return Err(AppError::bad_request(
                &m.replace(&path.display().to_string(), shown),
            ));
        }
        Err(PackageError::Invalid { errors, total }) => {
            out.refused = Some(format!(
                "{} {}. {}",
                number(total as f64, 0, lang),
                t("kesalahan", "errors"),
                t(
                    "Tidak ada yang disimpan. Petakan kolom yang keliru di bawah, atau perbaiki berkasnya.",
                    "Nothing was saved. Map the wrong columns below, or fix the file."
                ),
            ));
            out.error_lines = errors
                .iter()
                .map(|e| e.to_string().replace(&path.display().to_string(), shown))
                .collect();
            None
        }
    };
    let names = monev_ingest::read_table_header(path).unwrap_or_default();
    let header: Vec<(String, Column)> = names
        .iter()
        .cloned()
        .zip(instrument.read_header_mapped(&names, &mapping))
        .collect();
    let mut rows = Vec::new();
    if let Some(e) = &export {
        for s in &e.mapped.submissions {
            match skm_response(&instrument, s, instansi) {
                Ok(Some(response)) => rows.push(SkmSubmission {
                    line: s.line,
                    response,
                    uuid: s.uuid.clone(),
                    review: s.review,
                }),
                // No unsur answered: not an SKM respondent.
                Ok(None) => {}
                Err(reason) => out.row_errors.push(format!("{shown}:{}: {reason}", s.line)),
            }
        }
    }
    if let (Some(e), true) = (&export, out.ok()) {
        let odk = e
            .mapped
            .columns
            .iter()
            .any(|(h, _)| h == "SubmissionDate" || h == "KEY");
        match app
            .store
            .add_skm_submissions(
                Some(&program),
                shown,
                if odk { "odk" } else { "kobo" },
                &rows,
                !save,
            )
            .await
        {
            Ok(added) => {
                out.status = Some((
                    format!(
                        "{} {}: ",
                        number(e.mapped.submissions.len() as f64, 0, lang),
                        t("kiriman dibaca", "submissions read"),
                    ),
                    number(added.added as f64, 0, lang),
                    format!(
                        " {}, {} {}; {} {}, {} {}.",
                        if save {
                            t("ditambahkan", "added")
                        } else {
                            t("akan ditambahkan", "would be added")
                        },
                        number(added.already as f64, 0, lang),
                        t("sudah ada", "already held"),
                        number(e.mapped.duplicates as f64, 0, lang),
                        t("ganda dalam ekspor", "duplicates in the export"),
                        number(e.mapped.rejected as f64, 0, lang),
                        t("ditolak peninjau", "rejected by a reviewer"),
                    ),
                ));
                if save {
                    app.store
                        .audit(
                            Some(&session.user),
                            "impor_kobo",
                            &format!("program:{program}"),
                            None,
                            Some(&format!(
                                "ditambahkan={} sudah_ada={} ganda={} ditolak={}",
                                added.added, added.already, e.mapped.duplicates, e.mapped.rejected
                            )),
                        )
                        .await?;
                }
            }
            Err(StoreError::Package(PackageError::Invalid { errors, .. })) => {
                out.store_errors = errors.iter().map(|e| e.to_string()).collect();
            }
            Err(other) => return Err(other.into()),
        }
    }
    out.columns = header
        .iter()
        .map(|(h, c)| {
            let mut row = ColumnRow {
                name: h.clone(),
                question: None,
                choice: None,
                text: "",
                unknown: false,
            };
            match c {
                Column::Answer(q) => row.question = Some(q.clone()),
                Column::Choice(q, c) => {
                    row.question = Some(q.clone());
                    row.choice = Some(c.clone());
                }
                Column::Uuid => row.text = "UUID",
                Column::SubmittedAt => row.text = t("waktu kirim", "submission time"),
                Column::Review => row.text = t("status tinjauan", "review state"),
                Column::Meta => row.text = t("metadata (diabaikan)", "metadata (ignored)"),
                Column::Unknown => {
                    row.text = t("tidak dikenal (diabaikan)", "unknown (ignored)");
                    row.unknown = true;
                }
            }
            row
        })
        .collect();
    Ok(out)
}

pub async fn check(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    CheckedMultipart(multipart): CheckedMultipart,
) -> Result<Response, AppError> {
    let (lang, _) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let got = crate::upload::receive(multipart, "ekspor").await?;
    let instansi = got.text.get("instansi").cloned().unwrap_or_default();
    let (name, received) = got.file(lang)?;
    let name = name.to_string();
    let ext = name.rsplit('.').next().unwrap_or("").to_lowercase();
    if ext != "csv" && ext != "xlsx" {
        return Err(AppError::bad_request(t(
            "Unggah ekspor .csv atau .xlsx.",
            "Upload a .csv or .xlsx export.",
        )));
    }
    let (id, path) = crate::upload::keep(&app, "kobo", session.user.id, &ext, received).await?;
    let instansi = Some(instansi.trim().to_string()).filter(|s| !s.is_empty());
    respond(
        &app,
        &session,
        &id,
        &path,
        &name,
        instansi.as_deref(),
        "",
        lang,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn respond(
    app: &App,
    session: &Session,
    id: &str,
    path: &std::path::Path,
    name: &str,
    instansi: Option<&str>,
    peta: &str,
    lang: Lang,
) -> Result<Response, AppError> {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let checked = run(app, session, path, name, instansi, peta, false, lang).await?;
    let ok = checked.ok();
    let body = KoboCheck {
        check: t("Pemeriksaan", "Check"),
        name,
        outcome: Markup::of(&checked),
        map_heading: t("Petakan kolom sendiri", "Map columns by hand"),
        csrf: &session.csrf,
        id,
        instansi: instansi.unwrap_or_default(),
        map_label: t(
            "Satu baris per kolom: Kolom=pertanyaan (misalnya Kecepatan=u3), atau Kolom=- untuk mengabaikannya",
            "One line per column: Column=question (e.g. Speed=u3), or Column=- to ignore it",
        ),
        peta,
        check_again: t("Periksa lagi", "Check again"),
        ok,
        save: t("Simpan ke basis data", "Save to the database"),
    };
    let mut res = view::page("Kobo / ODK", Markup::of(&body), Some(session), lang, None);
    if !ok {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

#[derive(Template)]
#[template(path = "kobo_check.html")]
struct KoboCheck<'a> {
    check: &'static str,
    name: &'a str,
    outcome: Markup,
    map_heading: &'static str,
    csrf: &'a str,
    id: &'a str,
    instansi: &'a str,
    map_label: &'static str,
    peta: &'a str,
    check_again: &'static str,
    ok: bool,
    save: &'static str,
}

#[derive(Template)]
#[template(path = "kobo_done.html")]
struct KoboDone {
    title: &'static str,
    outcome: Markup,
    onward: &'static str,
}

#[derive(Debug, Deserialize)]
pub struct Again {
    berkas: String,
    nama: String,
    instansi: String,
    #[serde(default)]
    peta: String,
}

/// The check again, with columns mapped by hand.
pub async fn recheck(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Checked(f): Checked<Again>,
) -> Result<Response, AppError> {
    let (lang, _) = language(&headers, &Common::default());
    let path = crate::upload::kept(&app, "kobo", session.user.id, &f.berkas, &["csv", "xlsx"])
        .await?
        .ok_or_else(AppError::not_found)?;
    let instansi = Some(f.instansi.trim()).filter(|s| !s.is_empty());
    respond(
        &app, &session, &f.berkas, &path, &f.nama, instansi, &f.peta, lang,
    )
    .await
}

pub async fn commit(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Checked(f): Checked<Again>,
) -> Result<Response, AppError> {
    let (lang, _) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let path = crate::upload::kept(&app, "kobo", session.user.id, &f.berkas, &["csv", "xlsx"])
        .await?
        .ok_or_else(AppError::not_found)?;
    let instansi = Some(f.instansi.trim()).filter(|s| !s.is_empty());
    let checked = run(
        &app, &session, &path, &f.nama, instansi, &f.peta, true, lang,
    )
    .await?;
    let ok = checked.ok();
    if ok {
        std::fs::remove_file(&path).ok();
        app.store.drop_upload(&f.berkas).await?;
        app.forget_evaluations().await;
    }
    let body = KoboDone {
        title: if ok {
            t("Impor selesai", "Import done")
        } else {
            t("Impor gagal", "Import failed")
        },
        outcome: Markup::of(&checked),
        onward: t("Ke dasbor", "To the dashboard"),
    };
    let mut res = view::page("Kobo / ODK", Markup::of(&body), Some(&session), lang, None);
    if !ok {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}
