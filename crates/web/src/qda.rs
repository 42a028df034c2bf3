//! REFI-QDA exchange on the *Kualitatif* page: the programme's interviews,
//! documents, codebook and coded segments as a `.qdpx` project (and the
//! codebook alone as a `.qdc`) for NVivo, ATLAS.ti, MAXQDA or QualCoder, and
//! a project or codebook from them imported all or nothing, every refusal
//! located (file, line, column, value, reason). Transcripts name people:
//! only the evaluator and the admin export or import them, and each export
//! is in the audit log.

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use monev_domain::format::number;
use monev_domain::{KelompokResponden, Lang};

use crate::csrf::CheckedMultipart;
use crate::imports::Errors;
use crate::pages::{AppError, language, the_programme, unprocessable};
use crate::view::{self, Markup};
use crate::{App, Session};

/// Largest project or codebook upload.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

fn attachment(bytes: Vec<u8>, mime: &str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(r#"attachment; filename="{name}""#),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

fn file_name(program: &str, ext: &str) -> String {
    let safe: String = program
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("monev-{safe}.{ext}")
}

/// `GET /kualitatif/proyek.qdpx`.
pub async fn export_project(
    State(app): State<App>,
    Extension(session): Extension<Session>,
) -> Result<Response, AppError> {
    let program = the_programme(&app, None).await?;
    let data = app.store.load_program(&program).await?;
    let p = monev_qda::Proyek {
        nama: data.program.nama.clone(),
        kode: app.store.codebook(&program).await?,
        wawancara: data.wawancara,
        dokumen: data.dokumen,
        kutipan: data.kutipan,
    };
    let bytes = monev_qda::write_project(&p);
    app.store
        .audit(
            Some(&session.user),
            "ekspor_qda",
            &format!("program:{program}"),
            None,
            Some(&format!(
                "{} wawancara, {} dokumen, {} segmen",
                p.wawancara.len(),
                p.dokumen.len(),
                p.kutipan.len()
            )),
        )
        .await?;
    Ok(attachment(
        bytes,
        "application/zip",
        &file_name(&program, "qdpx"),
    ))
}

/// `GET /kualitatif/buku-kode.qdc`.
pub async fn export_codebook(State(app): State<App>) -> Result<Response, AppError> {
    let program = the_programme(&app, None).await?;
    let codes = app.store.codebook(&program).await?;
    Ok(attachment(
        monev_qda::write_codebook(&codes),
        "application/xml",
        &file_name(&program, "qdc"),
    ))
}

/// The page of a refused project or codebook.
fn refused(name: &str, lines: Vec<String>, session: &Session, lang: Lang) -> Response {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let heading = format!("{name}: {}", t("ditolak", "refused"));
    let list = Errors {
        heading: &heading,
        count: number(lines.len() as f64, 0, lang),
        count_label: t("kesalahan", "errors"),
        nothing_saved: t(
            "Tidak ada yang disimpan. Perbaiki proyeknya di perangkat QDA atau beri nilai bawaan, lalu unggah lagi.",
            "Nothing was saved. Fix the project in the QDA tool or give defaults, and upload it again.",
        ),
        lines,
        more: None,
        more_label: t("lagi", "more"),
        again_href: "/kualitatif",
        again: t("Kembali", "Back"),
    };
    let mut res = view::page(
        t("Impor REFI-QDA", "REFI-QDA import"),
        Markup::of(&list),
        Some(session),
        lang,
        None,
    );
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    res
}

/// Each refusal under the file's name.
fn prefixed(name: &str, lines: Vec<String>) -> Vec<String> {
    lines.into_iter().map(|l| format!("{name}: {l}")).collect()
}

/// Adds the evidence; the store's refusal as lines, one per reason.
async fn add(
    app: &App,
    program: &str,
    addition: &monev_store::QualitativeAddition,
) -> Result<Result<monev_store::QualitativeAdded, Vec<String>>, AppError> {
    match app.store.add_qualitative(program, addition).await {
        Ok(a) => Ok(Ok(a)),
        Err(monev_store::StoreError::Invalid(why)) => {
            Ok(Err(why.split("; ").map(str::to_string).collect()))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /kualitatif/proyek.qdpx`: a project, with defaults for what its
/// sources do not say.
pub async fn import_project(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    CheckedMultipart(multipart): CheckedMultipart,
) -> Result<Response, AppError> {
    let (lang, _) = language(&headers, &crate::pages::Common::default());
    let r = crate::upload::receive(multipart, "berkas").await?;
    let program = the_programme(&app, None).await?;
    let field = |k: &str| r.text.get(k).map(|v| v.trim()).unwrap_or("");
    let (name, bytes) = r.bytes(lang)?;
    let kelompok = match field("kelompok") {
        "" => None,
        k => Some(KelompokResponden::parse(k).map_err(|e| unprocessable(&e.to_string(), ""))?),
    };
    let tanggal = match field("tanggal") {
        "" => None,
        t => Some(monev_domain::Date::parse(t).map_err(|e| unprocessable(&e.to_string(), ""))?),
    };
    let units: Vec<String> = app
        .store
        .units(&program)
        .await?
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let bawaan = monev_qda::Bawaan {
        kelompok,
        instansi: Some(field("instansi").to_string()).filter(|s| !s.is_empty()),
        persetujuan: (field("persetujuan") == "ya").then_some(true),
        tanggal,
        pengkode: Some(session.user.username.clone()),
        instansi_dikenal: units,
    };
    let read = match monev_qda::read_project(&bytes, &bawaan) {
        Ok(r) => r,
        Err(errors) => {
            let lines = errors.iter().map(ToString::to_string).collect();
            return Ok(refused(name, prefixed(name, lines), &session, lang));
        }
    };
    let p = read.proyek;
    let addition = monev_store::QualitativeAddition {
        wawancara: p.wawancara,
        dokumen: p.dokumen,
        kode: p.kode,
        kutipan: p.kutipan,
        berkas: name.to_string(),
    };
    let added = match add(&app, &program, &addition).await? {
        Ok(a) => a,
        Err(lines) => return Ok(refused(name, prefixed(name, lines), &session, lang)),
    };
    app.store
        .audit(
            Some(&session.user),
            "impor_qda",
            &format!("program:{program}"),
            None,
            Some(&format!(
                "{name}: {} wawancara, {} dokumen, {} kode baru, {} segmen; {}",
                added.wawancara,
                added.dokumen,
                added.kode,
                added.kutipan,
                read.catatan.join(" | ")
            )),
        )
        .await?;
    Ok(Redirect::to("/kualitatif").into_response())
}

/// `POST /kualitatif/buku-kode.qdc`: the codes the codebook lacks.
pub async fn import_codebook(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    CheckedMultipart(multipart): CheckedMultipart,
) -> Result<Response, AppError> {
    let (lang, _) = language(&headers, &crate::pages::Common::default());
    let r = crate::upload::receive(multipart, "berkas").await?;
    let program = the_programme(&app, None).await?;
    let (name, bytes) = r.bytes(lang)?;
    let codes = match monev_qda::read_codebook(&bytes) {
        Ok(c) => c,
        Err(errors) => {
            let lines = errors.iter().map(ToString::to_string).collect();
            return Ok(refused(name, prefixed(name, lines), &session, lang));
        }
    };
    let addition = monev_store::QualitativeAddition {
        kode: codes,
        ..Default::default()
    };
    let added = match add(&app, &program, &addition).await? {
        Ok(a) => a,
        Err(lines) => return Ok(refused(name, prefixed(name, lines), &session, lang)),
    };
    app.store
        .audit(
            Some(&session.user),
            "impor_buku_kode",
            &format!("program:{program}"),
            None,
            Some(&format!("{name}: {} kode baru", added.kode)),
        )
        .await?;
    Ok(Redirect::to("/kualitatif").into_response())
}
