//! Data-subject requests (UU 27/2022) in the browser, for admins: what is
//! held about one NIP (rows per table), its export as JSON, its erasure
//! (typed twice). The NIP travels in POST bodies only, never in a URL,
//! which would carry it into access logs and browser history; the audit log
//! names the subject by a digest of the NIP. `monev subjek` is the same
//! from the command line.

use std::fmt::Write;

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use monev_domain::Nip;
use monev_report::esc;
use serde::Deserialize;

use crate::csrf::Checked;
use crate::pages::{AppError, Common, language, page};
use crate::{App, Session};

/// What the form asks for.
#[derive(Debug, Deserialize)]
pub struct Request {
    nip: String,
    /// `lihat` (see what is held), `ekspor` (download it) or `hapus` (erase).
    aksi: String,
    /// For `hapus`: the NIP typed again.
    #[serde(default)]
    konfirmasi: String,
}

/// `GET /subjek`: the form.
pub async fn form(
    State(_app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let body = format!(
        "<h1>{}</h1><p>{}</p>{}",
        t("Permintaan subjek data", "Data-subject requests"),
        t(
            "Hak akses dan penghapusan menurut UU 27/2022 tentang Pelindungan Data Pribadi: semua yang disimpan tentang satu ASN (daftar ASN, pelatihan, penilaian kinerja, jawaban reaksi, token survei). Jawaban warga tidak memuat NIP dan tidak termasuk.",
            "Access and erasure under UU 27/2022 (personal data protection): everything held about one ASN (roster, training, performance ratings, reaction answers, survey tokens). Citizens' answers carry no NIP and are not part of it."
        ),
        lookup_form(&session, lang, ""),
    );
    Ok(page(
        t("Permintaan subjek data", "Data-subject requests"),
        &body,
        Some(&session),
        lang,
        set,
    ))
}

fn lookup_form(session: &Session, lang: monev_domain::Lang, nip: &str) -> String {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    format!(
        r#"<form class="masuk" method="post" action="/subjek"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="aksi" value="lihat"><label for="nip">NIP</label><input id="nip" name="nip" type="text" inputmode="numeric" autocomplete="off" value="{}" required><button type="submit">{}</button></form>"#,
        esc(&session.csrf),
        esc(nip),
        t("Lihat data yang disimpan", "See what is held"),
    )
}

/// `POST /subjek`: see, export or erase.
pub async fn act(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Checked(f): Checked<Request>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let nip = Nip::parse(f.nip.trim())
        .map_err(|e| AppError::bad_request(&format!("NIP tidak sah (not a valid NIP): {e}")))?;
    let nip = nip.as_str();
    let objek = format!("nip-sha256:{}", monev_store::subject::digest(nip));
    let title = t("Permintaan subjek data", "Data-subject requests");
    match f.aksi.as_str() {
        "lihat" => {
            let data = app.store.subject_data(nip).await?;
            app.store
                .audit(Some(&session.user), "lihat_subjek_data", &objek, None, None)
                .await?;
            let mut body = format!("<h1>{title}</h1>{}", lookup_form(&session, lang, nip));
            if data.is_empty() {
                let _ = write!(
                    body,
                    "<p>{}</p>",
                    t(
                        "Tidak ada data yang disimpan untuk NIP ini.",
                        "Nothing is held for this NIP."
                    )
                );
            } else {
                let _ = write!(
                    body,
                    r#"<h2>{}</h2><div class="tabel"><table><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>"#,
                    t("Data yang disimpan", "What is held"),
                    t("Tabel", "Table"),
                    t("Baris", "Rows"),
                );
                for (table, rows) in &data {
                    let _ = write!(
                        body,
                        r#"<tr><td>{}</td><td class="angka">{}</td></tr>"#,
                        esc(table),
                        rows.len()
                    );
                }
                let csrf = esc(&session.csrf);
                let _ = write!(
                    body,
                    r#"</tbody></table></div><form method="post" action="/subjek"><input type="hidden" name="csrf" value="{csrf}"><input type="hidden" name="nip" value="{nip}"><input type="hidden" name="aksi" value="ekspor"><button type="submit">{}</button></form><h2>{}</h2><p>{}</p><form class="masuk" method="post" action="/subjek"><input type="hidden" name="csrf" value="{csrf}"><input type="hidden" name="nip" value="{nip}"><input type="hidden" name="aksi" value="hapus"><label for="konfirmasi">{}</label><input id="konfirmasi" name="konfirmasi" type="text" inputmode="numeric" autocomplete="off" required><button type="submit">{}</button></form>"#,
                    t("Unduh semua sebagai JSON", "Download all as JSON"),
                    t("Hapus", "Erase"),
                    t(
                        "Semua baris di atas dihapus dalam satu transaksi dan tidak dapat dikembalikan (kecuali dari cadangan). Evaluasi dihitung ulang tanpa ASN ini; log audit mencatat penghapusan dengan hash NIP.",
                        "Every row above is erased in one transaction and cannot be brought back (except from a backup). The evaluation is computed again without this ASN; the audit log records the erasure under a digest of the NIP."
                    ),
                    t(
                        "Ketik NIP sekali lagi untuk menghapus",
                        "Type the NIP again to erase"
                    ),
                    t(
                        "Hapus semua data ASN ini",
                        "Erase everything about this ASN"
                    ),
                    nip = esc(nip),
                );
            }
            Ok(page(title, &body, Some(&session), lang, set))
        }
        "ekspor" => {
            let data = app.store.subject_data(nip).await?;
            app.store
                .audit(
                    Some(&session.user),
                    "ekspor_subjek_data",
                    &objek,
                    None,
                    None,
                )
                .await?;
            let json = monev_store::subject::export_document(nip, &data);
            Ok((
                [
                    (header::CONTENT_TYPE, "application/json".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!(
                            "attachment; filename=\"subjek-{}.json\"",
                            monev_store::subject::digest(nip)
                        ),
                    ),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                json,
            )
                .into_response())
        }
        "hapus" => {
            let again = Nip::parse(f.konfirmasi.trim());
            if again.as_ref().map(Nip::as_str) != Ok(nip) {
                return Err(AppError::bad_request(
                    "NIP konfirmasi tidak sama; tidak ada yang dihapus. (The NIP typed again differs; nothing was erased.)",
                ));
            }
            let gone = app.store.forget_subject(nip, Some(&session.user)).await?;
            let total: u64 = gone.values().sum();
            let body = format!(
                "<h1>{title}</h1><p>{}</p>{}",
                match lang {
                    monev_domain::Lang::Id =>
                        format!("{total} baris dihapus; evaluasi dihitung ulang tanpa ASN ini."),
                    monev_domain::Lang::En => format!(
                        "{total} rows erased; the evaluation is computed again without this ASN."
                    ),
                },
                lookup_form(&session, lang, ""),
            );
            Ok(page(title, &body, Some(&session), lang, set))
        }
        _ => Err(AppError::bad_request(
            "Aksi tidak dikenal. (Unknown action.)",
        )),
    }
}
