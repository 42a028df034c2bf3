//! Importing a package from the browser, in two steps: upload and check
//! (the whole import runs and is rolled back, so every located error shows
//! before anything is written), then commit the checked file.

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use monev_domain::Lang;
use monev_domain::format::number;
use monev_ingest::PackageError;
use monev_store::{ImportOptions, ImportSummary, SCOPED_TABLES, StoreError};
use serde::Deserialize;

use crate::csrf::{Checked, CheckedMultipart};
use crate::pages::{AppError, Common, language, scope};
use crate::view::{self, Markup};
use crate::{App, Session, upload};

/// Largest package accepted from the browser.
pub const MAX_UPLOAD_BYTES: usize = 200 * 1024 * 1024;

/// The instansi an import is limited to: an operator's own (403 for an
/// operator without one).
fn import_scope(session: &Session) -> Result<Option<String>, AppError> {
    Ok(scope(&session.user, None)?.map(str::to_string))
}

#[derive(Template)]
#[template(path = "import_form.html")]
struct FormPage<'a> {
    title: &'static str,
    intro: &'static str,
    scope: Option<String>,
    scope_lead: &'static str,
    scoped_tables: String,
    scope_note: &'static str,
    csrf: &'a str,
    file_label: &'static str,
    check: &'static str,
}

pub async fn form(
    Extension(session): Extension<Session>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let page = FormPage {
        title: t("Impor paket data", "Import a data package"),
        intro: t(
            "Unggah paket (.zip berisi berkas CSV, atau satu .xlsx dengan satu lembar per tabel). Paket diperiksa seluruhnya dulu; tidak ada yang disimpan sebelum Anda menyetujuinya.",
            "Upload a package (a .zip of CSV files, or one .xlsx with a sheet per table). It is checked in full first; nothing is saved until you confirm.",
        ),
        scope: import_scope(&session)?,
        scope_lead: t(
            "Sebagai operator, Anda mengimpor data instansi",
            "As an operator you import the data of instansi",
        ),
        scoped_tables: SCOPED_TABLES
            .iter()
            .map(|t| format!("{t}.csv"))
            .collect::<Vec<_>>()
            .join(", "),
        scope_note: t(
            "Tabel yang ada di paket menggantikan data instansi Anda saja; baris instansi lain ditolak.",
            "Tables in the package replace your instansi's data only; rows of other instansi are refused.",
        ),
        csrf: &session.csrf,
        file_label: t("Berkas paket", "Package file"),
        check: t("Periksa", "Check"),
    };
    Ok(view::page(
        t("Impor", "Import"),
        Markup::of(&page),
        Some(&session),
        lang,
        set,
    ))
}

/// The tables of a package with their rows, and the notes of the import.
#[derive(Template)]
#[template(path = "import_summary.html")]
struct Summary {
    tables: Vec<(String, String)>,
    notes: Vec<String>,
}

fn summary_table(s: &ImportSummary, lang: Lang) -> Markup {
    Markup::of(&Summary {
        tables: s
            .tables
            .iter()
            .map(|t| (t.table.to_string(), number(t.rows as f64, 0, lang)))
            .collect(),
        notes: s.notes.clone(),
    })
}

/// The located-error list of a refused upload.
#[derive(Template)]
#[template(path = "errors.html")]
pub(crate) struct Errors<'a> {
    pub heading: &'a str,
    pub count: String,
    pub count_label: &'static str,
    pub nothing_saved: &'static str,
    pub lines: Vec<String>,
    pub more: Option<String>,
    pub more_label: &'static str,
    pub again_href: &'static str,
    pub again: &'static str,
}

/// The page of a refused package: every located error (file names as the
/// user named the upload), nothing saved, and where to go on. 403 when the
/// package holds what is not the operator's to write, else 422.
fn refused(
    heading: &str,
    errors: &[monev_ingest::RowError],
    total: usize,
    shown: &str,
    name: &str,
    session: &Session,
    lang: Lang,
) -> Response {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let list = Errors {
        heading,
        count: number(total as f64, 0, lang),
        count_label: t("kesalahan", "errors"),
        nothing_saved: t(
            "Tidak ada yang disimpan. Perbaiki berkasnya lalu unggah lagi.",
            "Nothing was saved. Fix the file and upload it again.",
        ),
        lines: errors
            .iter()
            .map(|e| e.to_string().replace(shown, name))
            .collect(),
        more: (total > errors.len()).then(|| number((total - errors.len()) as f64, 0, lang)),
        more_label: t("lagi", "more"),
        again_href: "/impor",
        again: t("Unggah lagi", "Upload again"),
    };
    let mut res = view::page(
        t("Impor", "Import"),
        Markup::of(&list),
        Some(session),
        lang,
        None,
    );
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

#[derive(Template)]
#[template(path = "import_checked.html")]
struct CheckedPage<'a> {
    heading: String,
    valid: &'static str,
    program: &'a str,
    summary: Markup,
    csrf: &'a str,
    id: &'a str,
    save: &'static str,
}

#[derive(Template)]
#[template(path = "import_done.html")]
struct DonePage<'a> {
    heading: &'static str,
    programme: &'static str,
    program: &'a str,
    what: &'static str,
    summary: Markup,
    onward: &'static str,
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
    let heading = format!("{}: {}", t("Pemeriksaan", "Check"), name);
    match result {
        Ok(summary) => {
            let checked = CheckedPage {
                heading,
                valid: t(
                    "Paket sah, tanpa kesalahan. Program",
                    "The package is valid, with no error. Programme",
                ),
                program: &summary.program,
                summary: summary_table(&summary, lang),
                csrf: &session.csrf,
                id: &id,
                save: t("Simpan ke basis data", "Save to the database"),
            };
            Ok(view::page(
                t("Impor", "Import"),
                Markup::of(&checked),
                Some(&session),
                lang,
                None,
            ))
        }
        Err(e) => {
            std::fs::remove_file(&path).ok();
            app.store.drop_upload(&id).await?;
            match e {
                StoreError::Package(PackageError::Invalid { errors, total }) => Ok(refused(
                    &heading, &errors, total, &shown, &name, &session, lang,
                )),
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
            let shown = path.display().to_string();
            return Ok(refused(
                t("Impor gagal", "Import failed"),
                &errors,
                total,
                &shown,
                "paket",
                &session,
                lang,
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
    let done = DonePage {
        heading: t("Impor selesai", "Import done"),
        programme: t("Program", "Programme"),
        program: &summary.program,
        what: if summary.created {
            t("ditambahkan", "added")
        } else {
            t("diperbarui", "updated")
        },
        summary: summary_table(&summary, lang),
        onward: t("Ke dasbor", "To the dashboard"),
    };
    Ok(view::page(
        t("Impor", "Import"),
        Markup::of(&done),
        Some(&session),
        lang,
        None,
    ))
}
