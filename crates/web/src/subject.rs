//! Data-subject requests (UU 27/2022) in the browser, for admins: what is
//! held about one NIP (rows per table), its export as JSON, its erasure
//! (typed twice). The NIP travels in POST bodies only, never in a URL,
//! which would carry it into access logs and browser history; the audit log
//! names the subject by a digest of the NIP. `monev subjek` is the same
//! from the command line.

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use monev_domain::{Lang, Nip};
use serde::Deserialize;

use crate::csrf::Checked;
use crate::pages::{AppError, Common, language};
use crate::view::{self, Markup};
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

/// The page's words, in the reader's language.
struct Text {
    see: &'static str,
    nothing: &'static str,
    what_held: &'static str,
    table: &'static str,
    rows: &'static str,
    download: &'static str,
    erase: &'static str,
    erase_note: &'static str,
    type_again: &'static str,
    erase_button: &'static str,
}

impl Text {
    fn of(lang: Lang) -> Text {
        let t = |id: &'static str, en: &'static str| lang.pick(id, en);
        Text {
            see: t("Lihat data yang disimpan", "See what is held"),
            nothing: t(
                "Tidak ada data yang disimpan untuk NIP ini.",
                "Nothing is held for this NIP.",
            ),
            what_held: t("Data yang disimpan", "What is held"),
            table: t("Tabel", "Table"),
            rows: t("Baris", "Rows"),
            download: t("Unduh semua sebagai JSON", "Download all as JSON"),
            erase: t("Hapus", "Erase"),
            erase_note: t(
                "Semua baris di atas dihapus dalam satu transaksi dan tidak dapat dikembalikan (kecuali dari cadangan). Evaluasi dihitung ulang tanpa ASN ini; log audit mencatat penghapusan dengan hash NIP.",
                "Every row above is erased in one transaction and cannot be brought back (except from a backup). The evaluation is computed again without this ASN; the audit log records the erasure under a digest of the NIP.",
            ),
            type_again: t(
                "Ketik NIP sekali lagi untuk menghapus",
                "Type the NIP again to erase",
            ),
            erase_button: t(
                "Hapus semua data ASN ini",
                "Erase everything about this ASN",
            ),
        }
    }
}

/// The page: the lookup form, and what a request found or did.
#[derive(Template)]
#[template(path = "subject.html")]
struct SubjectPage<'a> {
    title: &'a str,
    intro: Option<&'static str>,
    done: Option<String>,
    csrf: &'a str,
    nip: &'a str,
    /// Rows held per table, after a lookup.
    held: Option<Vec<(String, usize)>>,
    text: Text,
}

fn show(
    page: SubjectPage<'_>,
    session: &Session,
    lang: Lang,
    set: Option<HeaderValue>,
) -> Response {
    view::page(page.title, Markup::of(&page), Some(session), lang, set)
}

/// `GET /subjek`: the form.
pub async fn form(
    State(_app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let page = SubjectPage {
        title: t("Permintaan subjek data", "Data-subject requests"),
        intro: Some(t(
            "Hak akses dan penghapusan menurut UU 27/2022 tentang Pelindungan Data Pribadi: semua yang disimpan tentang satu ASN (daftar ASN, pelatihan, penilaian kinerja, jawaban reaksi, token survei). Jawaban warga tidak memuat NIP dan tidak termasuk.",
            "Access and erasure under UU 27/2022 (personal data protection): everything held about one ASN (roster, training, performance ratings, reaction answers, survey tokens). Citizens' answers carry no NIP and are not part of it.",
        )),
        done: None,
        csrf: &session.csrf,
        nip: "",
        held: None,
        text: Text::of(lang),
    };
    Ok(show(page, &session, lang, set))
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
    let page = |nip, done, held| SubjectPage {
        title,
        intro: None,
        done,
        csrf: &session.csrf,
        nip,
        held,
        text: Text::of(lang),
    };
    match f.aksi.as_str() {
        "lihat" => {
            let data = app.store.subject_data(nip).await?;
            app.store
                .audit(Some(&session.user), "lihat_subjek_data", &objek, None, None)
                .await?;
            let held = data
                .iter()
                .map(|(table, rows)| (table.to_string(), rows.len()))
                .collect();
            Ok(show(page(nip, None, Some(held)), &session, lang, set))
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
            let done = crate::teks::say(
                crate::teks::Teks::SubjekDihapus,
                lang,
                &[("n", &total.to_string())],
            );
            Ok(show(page("", Some(done), None), &session, lang, set))
        }
        _ => Err(AppError::bad_request(
            "Aksi tidak dikenal. (Unknown action.)",
        )),
    }
}
