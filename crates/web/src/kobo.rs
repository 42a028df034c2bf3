//! KoboToolbox and ODK Central exports from the browser, in two steps like
//! a package: upload and check (every column shown with what it was read as,
//! every located error, the counts — nothing written), then save. Columns
//! the names do not match can be mapped by hand on the check page.

use std::fmt::Write;

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use monev_domain::Lang;
use monev_domain::format::number;
use monev_ingest::PackageError;
use monev_report::esc;
use monev_store::{SkmSubmission, StoreError};
use monev_survey::Instrument;
use monev_survey::kobo::{Column, skm_response};
use serde::Deserialize;

use crate::csrf::{Checked, CheckedMultipart};
use crate::forms::today;
use crate::pages::{AppError, Common, language, page, programme};
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
    let body = format!(
        r#"<h1>{}</h1><p>{}</p><form method="post" action="/formulir/kobo" enctype="multipart/form-data" class="masuk"><input type="hidden" name="csrf" value="{}"><label for="ekspor">{}</label><input id="ekspor" name="ekspor" type="file" accept=".csv,.xlsx" required><label for="instansi">{}</label><input id="instansi" name="instansi" type="text"><button type="submit">{}</button></form>"#,
        t(
            "Impor ekspor KoboToolbox / ODK",
            "Import a KoboToolbox / ODK export"
        ),
        t(
            "Ekspor SKM dari KoboToolbox (CSV atau XLSX, nama XML atau label) atau ODK Central (CSV). Kolom dicocokkan otomatis dengan pertanyaan; kiriman ganda dan yang ditolak peninjau tidak diikutkan. Tidak ada yang disimpan sebelum Anda menyetujuinya.",
            "An SKM export from KoboToolbox (CSV or XLSX, XML names or labels) or ODK Central (CSV). Columns are matched to the questions automatically; duplicates and submissions a reviewer rejected are left out. Nothing is saved until you confirm."
        ),
        esc(&session.csrf),
        t("Berkas ekspor", "Export file"),
        t(
            "Kode instansi, bila formulir tidak menanyakannya (boleh kosong)",
            "Unit code, when the form does not ask for it (may be empty)"
        ),
        t("Periksa", "Check"),
    );
    Ok(page("Kobo / ODK", &body, Some(&session), lang, set))
}

struct Outcome {
    body: String,
    ok: bool,
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
    let mut body = String::new();
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
            let _ = write!(
                body,
                r#"<p class="galat" role="alert">{} {}. {}</p><ol class="kesalahan">"#,
                number(total as f64, 0, lang),
                t("kesalahan", "errors"),
                t(
                    "Tidak ada yang disimpan. Petakan kolom yang keliru di bawah, atau perbaiki berkasnya.",
                    "Nothing was saved. Map the wrong columns below, or fix the file."
                ),
            );
            for e in &errors {
                let line = e.to_string().replace(&path.display().to_string(), shown);
                let _ = write!(body, "<li><code>{}</code></li>", esc(&line));
            }
            body.push_str("</ol>");
            None
        }
    };
    let names = monev_ingest::read_table_header(path).unwrap_or_default();
    let header: Vec<(String, Column)> = names
        .iter()
        .cloned()
        .zip(instrument.read_header_mapped(&names, &mapping))
        .collect();
    let mut ok = export.is_some();
    let mut rows = Vec::new();
    if let Some(e) = &export {
        for s in &e.mapped.submissions {
            match skm_response(&instrument, s, instansi) {
                Ok(Some(response)) => rows.push(SkmSubmission {
                    line: s.line,
                    response,
                    uuid: s.uuid.clone(),
                }),
                // No unsur answered: not an SKM respondent.
                Ok(None) => {}
                Err(reason) => {
                    ok = false;
                    let _ = write!(
                        body,
                        r#"<p class="galat">{}:{}: {}</p>"#,
                        esc(shown),
                        s.line,
                        esc(&reason)
                    );
                }
            }
        }
    }
    if let (Some(e), true) = (&export, ok) {
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
                let _ = write!(
                    body,
                    r#"<p role="status">{} {}: <strong>{}</strong> {}, {} {}; {} {}, {} {}.</p>"#,
                    number(e.mapped.submissions.len() as f64, 0, lang),
                    t("kiriman dibaca", "submissions read"),
                    number(added.added as f64, 0, lang),
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
                );
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
                ok = false;
                body.push_str(r#"<ol class="kesalahan">"#);
                for e in &errors {
                    let _ = write!(body, "<li><code>{}</code></li>", esc(&e.to_string()));
                }
                body.push_str("</ol>");
            }
            Err(other) => return Err(other.into()),
        }
    }
    let _ = write!(
        body,
        r#"<h2>{}</h2><div class="tabel"><table><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>"#,
        t("Kolom", "Columns"),
        t("Kolom ekspor", "Export column"),
        t("Dibaca sebagai", "Read as"),
    );
    for (h, c) in &header {
        let read = match c {
            Column::Answer(q) => format!("<code>{}</code>", esc(q)),
            Column::Choice(q, c) => format!("<code>{}</code> = <code>{}</code>", esc(q), esc(c)),
            Column::Uuid => "UUID".into(),
            Column::SubmittedAt => t("waktu kirim", "submission time").into(),
            Column::Review => t("status tinjauan", "review state").into(),
            Column::Meta => t("metadata (diabaikan)", "metadata (ignored)").into(),
            Column::Unknown => format!(
                "<strong>{}</strong>",
                t("tidak dikenal (diabaikan)", "unknown (ignored)")
            ),
        };
        let _ = write!(body, "<tr><td>{}</td><td>{read}</td></tr>", esc(h));
    }
    body.push_str("</tbody></table></div>");
    Ok(Outcome { body, ok })
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
    let mut body = format!(
        "<h1>{}: {}</h1>{}",
        t("Pemeriksaan", "Check"),
        esc(name),
        checked.body
    );
    let hidden = format!(
        r#"<input type="hidden" name="csrf" value="{}"><input type="hidden" name="berkas" value="{id}"><input type="hidden" name="nama" value="{}"><input type="hidden" name="instansi" value="{}">"#,
        esc(&session.csrf),
        esc(name),
        esc(instansi.unwrap_or_default()),
    );
    let _ = write!(
        body,
        r#"<h2>{}</h2><form method="post" action="/formulir/kobo/periksa" class="masuk">{hidden}<label for="peta">{}</label><textarea id="peta" name="peta" rows="4">{}</textarea><button type="submit">{}</button></form>"#,
        t("Petakan kolom sendiri", "Map columns by hand"),
        t(
            "Satu baris per kolom: Kolom=pertanyaan (misalnya Kecepatan=u3), atau Kolom=- untuk mengabaikannya",
            "One line per column: Column=question (e.g. Speed=u3), or Column=- to ignore it"
        ),
        esc(peta),
        t("Periksa lagi", "Check again"),
    );
    if checked.ok {
        let _ = write!(
            body,
            r#"<form method="post" action="/formulir/kobo/simpan">{hidden}<input type="hidden" name="peta" value="{}"><button type="submit">{}</button></form>"#,
            esc(peta),
            t("Simpan ke basis data", "Save to the database"),
        );
    }
    let mut res = page("Kobo / ODK", &body, Some(session), lang, None);
    if !checked.ok {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
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
    if checked.ok {
        std::fs::remove_file(&path).ok();
        app.store.drop_upload(&f.berkas).await?;
        app.forget_evaluations().await;
    }
    let body = format!(
        r#"<h1>{}</h1>{}<p><a href="/">{}</a></p>"#,
        if checked.ok {
            t("Impor selesai", "Import done")
        } else {
            t("Impor gagal", "Import failed")
        },
        checked.body,
        t("Ke dasbor", "To the dashboard"),
    );
    let mut res = page("Kobo / ODK", &body, Some(&session), lang, None);
    if !checked.ok {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}
