//! Importing a package from the browser, in two steps: upload and check
//! (the whole import runs and is rolled back, so every located error shows
//! before anything is written), then commit the checked file.

use std::fmt::Write;

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use monev_domain::Lang;
use monev_domain::format::number;
use monev_ingest::PackageError;
use monev_report::esc;
use monev_store::{ImportOptions, ImportSummary, SCOPED_TABLES, StoreError};
use serde::Deserialize;

use crate::csrf::{Checked, CheckedMultipart};
use crate::pages::{AppError, Common, language, page, scope};
use crate::{App, Session, upload};

/// Largest package accepted from the browser.
pub const MAX_UPLOAD_BYTES: usize = 200 * 1024 * 1024;

/// The instansi an import is limited to: an operator's own (403 for an
/// operator without one).
fn import_scope(session: &Session) -> Result<Option<String>, AppError> {
    Ok(scope(&session.user, None)?.map(str::to_string))
}

pub async fn form(
    Extension(session): Extension<Session>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let limit = match import_scope(&session)? {
        Some(kode) => format!(
            r#"<p class="catatan">{} <strong>{}</strong>: <code>{}</code>. {}</p>"#,
            t(
                "Sebagai operator, Anda mengimpor data instansi",
                "As an operator you import the data of instansi"
            ),
            esc(&kode),
            SCOPED_TABLES
                .iter()
                .map(|t| format!("{t}.csv"))
                .collect::<Vec<_>>()
                .join(", "),
            t(
                "Tabel yang ada di paket menggantikan data instansi Anda saja; baris instansi lain ditolak.",
                "Tables in the package replace your instansi's data only; rows of other instansi are refused."
            ),
        ),
        None => String::new(),
    };
    let body = format!(
        r#"<h1>{}</h1><p>{}</p>{limit}<form method="post" action="/impor" enctype="multipart/form-data" class="masuk"><input type="hidden" name="csrf" value="{}"><label for="berkas">{}</label><input id="berkas" name="berkas" type="file" accept=".zip,.xlsx" required><button type="submit">{}</button></form>"#,
        t("Impor paket data", "Import a data package"),
        t(
            "Unggah paket (.zip berisi berkas CSV, atau satu .xlsx dengan satu lembar per tabel). Paket diperiksa seluruhnya dulu; tidak ada yang disimpan sebelum Anda menyetujuinya.",
            "Upload a package (a .zip of CSV files, or one .xlsx with a sheet per table). It is checked in full first; nothing is saved until you confirm.",
        ),
        esc(&session.csrf),
        t("Berkas paket", "Package file"),
        t("Periksa", "Check"),
    );
    Ok(page(t("Impor", "Import"), &body, Some(&session), lang, set))
}

fn summary_table(s: &ImportSummary, lang: Lang) -> String {
    let mut out = String::from("<div class=\"tabel\"><table><tbody>");
    for t in &s.tables {
        let _ = write!(
            out,
            r#"<tr><td>{}</td><td class="num">{}</td></tr>"#,
            t.table,
            number(t.rows as f64, 0, lang)
        );
    }
    out.push_str("</tbody></table></div>");
    for n in &s.notes {
        let _ = write!(out, r#"<p class="catatan">{}</p>"#, esc(n));
    }
    out
}

/// The page of a refused package: every located error (file names as the
/// user named the upload), nothing saved, and where to go on. 403 when the
/// package holds what is not the operator's to write, else 422.
fn refused(
    mut body: String,
    errors: &[monev_ingest::RowError],
    total: usize,
    shown: &str,
    name: &str,
    session: &Session,
    lang: Lang,
) -> Response {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let _ = write!(
        body,
        r#"<p class="galat" role="alert">{} {}. {}</p><ol class="kesalahan">"#,
        number(total as f64, 0, lang),
        t("kesalahan", "errors"),
        t(
            "Tidak ada yang disimpan. Perbaiki berkasnya lalu unggah lagi.",
            "Nothing was saved. Fix the file and upload it again."
        ),
    );
    for err in errors {
        let line = err.to_string().replace(shown, name);
        let _ = write!(body, "<li><code>{}</code></li>", esc(&line));
    }
    body.push_str("</ol>");
    if total > errors.len() {
        let _ = write!(
            body,
            "<p>… {} {}</p>",
            number((total - errors.len()) as f64, 0, lang),
            t("lagi", "more")
        );
    }
    let _ = write!(
        body,
        r#"<p><a href="/impor">{}</a></p>"#,
        t("Unggah lagi", "Upload again")
    );
    let mut res = page(t("Impor", "Import"), &body, Some(session), lang, None);
    // Another instansi's rows, or a programme-wide table, in an
    // operator's package: not theirs to write (403); otherwise
    // the file is malformed (422).
    *res.status_mut() = if errors.iter().any(|e| e.forbidden) {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    res
}

/// Step 1: receive the file and check it without writing.
pub async fn check(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    CheckedMultipart(multipart): CheckedMultipart,
) -> Result<Response, AppError> {
    let (lang, _) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let got = upload::receive(multipart, "berkas").await?;
    let scope = import_scope(&session)?;
    let (name, received) = got.file(lang)?;
    let name = name.to_string();
    let ext = name.rsplit('.').next().unwrap_or("").to_lowercase();
    if ext != "zip" && ext != "xlsx" {
        return Err(AppError::bad_request(t(
            "Unggah paket .zip atau .xlsx (satu berkas CSV bukan paket).",
            "Upload a .zip or .xlsx package (a single CSV file is not a package).",
        )));
    }
    let (id, path) = upload::keep(&app, "paket", session.user.id, &ext, received).await?;
    let shown = path.display().to_string();
    // Checked without writing and without the write lock: sign-ins and
    // public forms go on while a large upload is read.
    let result = app
        .store
        .check_package(
            &path,
            ImportOptions {
                scope,
                ..ImportOptions::default()
            },
        )
        .await;
    let mut body = format!("<h1>{}: {}</h1>", t("Pemeriksaan", "Check"), esc(&name));
    match result {
        Ok(summary) => {
            let _ = write!(
                body,
                r#"<p>{} <strong>{}</strong>.</p>{}<form method="post" action="/impor/simpan"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="berkas" value="{id}"><button type="submit">{}</button></form>"#,
                t(
                    "Paket sah, tanpa kesalahan. Program",
                    "The package is valid, with no error. Programme"
                ),
                esc(&summary.program),
                summary_table(&summary, lang),
                esc(&session.csrf),
                t("Simpan ke basis data", "Save to the database"),
            );
            Ok(page(
                t("Impor", "Import"),
                &body,
                Some(&session),
                lang,
                None,
            ))
        }
        Err(e) => {
            std::fs::remove_file(&path).ok();
            app.store.drop_upload(&id).await?;
            match e {
                StoreError::Package(PackageError::Invalid { errors, total }) => {
                    Ok(refused(body, &errors, total, &shown, &name, &session, lang))
                }
                StoreError::Package(PackageError::Open(m)) | StoreError::Invalid(m) => {
                    // Also "no programme yet" for an operator's package without program.csv.
                    Err(AppError::bad_request(&m.replace(&shown, &name)))
                }
                other => Err(other.into()),
            }
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct CommitForm {
    berkas: String,
}

/// Step 2: import the checked file for real.
pub async fn commit(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Checked(f): Checked<CommitForm>,
) -> Result<Response, AppError> {
    let scope = import_scope(&session)?;
    let (lang, _) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let path = upload::kept(&app, "paket", session.user.id, &f.berkas, &["zip", "xlsx"])
        .await?
        .ok_or_else(AppError::not_found)?;
    let result = app
        .store
        .import(
            &path,
            ImportOptions {
                scope: scope.clone(),
                ..ImportOptions::default()
            },
        )
        .await;
    app.forget_links().await;
    app.forget_evaluations().await;
    std::fs::remove_file(&path).ok();
    app.store.drop_upload(&f.berkas).await?;
    // What only writing finds (a roster row dropped that stored answers
    // still name), or data changed since the check: said, located.
    let summary = match result {
        Ok(summary) => summary,
        Err(StoreError::Package(PackageError::Invalid { errors, total })) => {
            let head = format!("<h1>{}</h1>", t("Impor gagal", "Import failed"));
            let shown = path.display().to_string();
            return Ok(refused(
                head, &errors, total, &shown, "paket", &session, lang,
            ));
        }
        Err(StoreError::Invalid(m)) => return Err(AppError::bad_request(&m)),
        Err(other) => return Err(other.into()),
    };
    let counts: Vec<String> = summary
        .tables
        .iter()
        .map(|c| format!("{}={}", c.table, c.rows))
        .collect();
    app.store
        .audit(
            Some(&session.user),
            "impor",
            &match &scope {
                Some(kode) => format!("program:{} instansi:{kode}", summary.program),
                None => format!("program:{}", summary.program),
            },
            None,
            Some(&counts.join(" ")),
        )
        .await?;
    let body = format!(
        r#"<h1>{}</h1><p>{} <strong>{}</strong> {}.</p>{}<p><a href="/">{}</a></p>"#,
        t("Impor selesai", "Import done"),
        t("Program", "Programme"),
        esc(&summary.program),
        if summary.created {
            t("ditambahkan", "added")
        } else {
            t("diperbarui", "updated")
        },
        summary_table(&summary, lang),
        t("Ke dasbor", "To the dashboard"),
    );
    Ok(page(t("Impor", "Import"), &body, Some(&session), lang, None).into_response())
}
