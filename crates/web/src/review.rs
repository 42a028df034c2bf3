//! Before the final report: the evaluator reviews each generated
//! recommendation (accept, edit, reject, or withdraw the decision), and sets
//! what the report's cover and signature block say (team, decree, signer,
//! place and date, logo). Admins and evaluators only; every change is in the
//! audit log and bumps the programme's data version, so the next report
//! carries it.

use askama::Template;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use monev_domain::{
    Date, KeputusanRekomendasi, Lang, Logo, PengaturanLaporan, StatusRekomendasi, Timestamp,
};
use monev_eval::{Finding, Jenis};

use crate::csrf::{Checked, CheckedMultipart};
use crate::pages::{AppError, Common, field, language, the_programme, unprocessable};
use crate::teks::{Teks, say};
use crate::view::{self, Markup};
use crate::{App, Session};

/// The largest upload on these pages (a logo, with room for the form).
pub const MAX_UPLOAD_BYTES: usize = Logo::MAX_BYTES + 64 * 1024;

/// The rule's own text of a recommendation, whatever was decided since.
fn generated(f: &Finding, lang: Lang) -> String {
    match f.keputusan.as_ref().and_then(|k| k.asli.as_ref()) {
        Some(a) => lang.pick(&a[0], &a[1]).to_string(),
        None => f.render(lang),
    }
}

fn status_words(s: StatusRekomendasi, lang: Lang) -> &'static str {
    match s {
        StatusRekomendasi::Terima => lang.pick("diterima", "accepted"),
        StatusRekomendasi::Ubah => lang.pick("disunting", "edited"),
        StatusRekomendasi::Tolak => lang.pick("ditolak", "rejected"),
    }
}

pub async fn overview(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &q);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let program = the_programme(&app, q.program.as_deref()).await?;
    let e = app.evaluation(&program).await?;
    let recs: Vec<&Finding> = e
        .temuan
        .iter()
        .filter(|f| f.jenis == Jenis::Rekomendasi)
        .collect();
    let pending = recs.iter().filter(|f| f.keputusan.is_none()).count();
    // A custom rules file whose placeholder nothing fills: say so here,
    // where the evaluator would otherwise read "{x}" in a sentence.
    let rules = app
        .settings
        .rules
        .as_deref()
        .unwrap_or_else(|| monev_eval::recommend::Rules::baku());
    let unresolved = rules.unresolved(&e);
    let recs: Vec<Rec> = recs
        .into_iter()
        .map(|f| {
            let mut buttons = vec![
                ("terima", t("Terima", "Accept")),
                ("tolak", t("Tolak", "Reject")),
            ];
            if f.keputusan.is_some() {
                buttons.push(("batal", t("Batalkan keputusan", "Withdraw the decision")));
            }
            Rec {
                kode: f.kode.clone(),
                action: format!("/rekomendasi/{}", crate::pages::url_encode(&f.kode)),
                title: f.title(lang).to_string(),
                text: f.render(lang),
                priority: f.prioritas.unwrap_or(3),
                decision: f.keputusan.as_ref().map(|k| Decided {
                    code: k.status.code(),
                    what: status_words(k.status, lang),
                    by: k.oleh.clone(),
                    when: k.waktu.clone(),
                    stale: k.usang,
                }),
                buttons,
                title_id: f.judul[0].clone(),
                text_id: f.render(Lang::Id),
                title_en: f.judul[1].clone(),
                text_en: f.render(Lang::En),
                generated: generated(f, lang),
            }
        })
        .collect();
    let body = ReviewPage {
        title: t("Tinjauan rekomendasi", "Review of recommendations"),
        intro: t(
            "Aturan rekomendasi membaca angka evaluasi dan mengusulkan rekomendasi di bawah ini. Terima, sunting atau tolak masing-masing sebelum laporan final; laporan mencatat keputusan Anda di Lampiran.",
            "The recommendation rules read the evaluation's figures and propose the recommendations below. Accept, edit or reject each before the final report; the report records your decisions in its annex.",
        ),
        count: say(
            Teks::Rekomendasi,
            lang,
            &[
                ("n", &recs.len().to_string()),
                ("belum", &pending.to_string()),
            ],
        ),
        unresolved_label: t(
            "Aturan rekomendasi memakai placeholder yang tidak diisi angka apa pun; perbaiki berkas aturan",
            "The recommendation rules use placeholders no figure fills; fix the rules file",
        ),
        unresolved,
        none: t(
            "Aturan tidak menghasilkan rekomendasi untuk data ini.",
            "The rules produced no recommendation for these data.",
        ),
        recs,
        csrf: &session.csrf,
        w: ReviewWords {
            priority: t("Prioritas", "Priority"),
            not_reviewed: t("belum ditinjau", "not reviewed"),
            by: t("oleh", "by"),
            stale: t(
                "Angka berubah sejak keputusan ini: periksa lagi.",
                "The figures changed after this decision: check again.",
            ),
            edit: t("Sunting", "Edit"),
            title_id: t("Judul (Indonesia)", "Title (Indonesian)"),
            text_id: t("Teks (Indonesia)", "Text (Indonesian)"),
            title_en: t("Judul (Inggris)", "Title (English)"),
            text_en: t("Teks (Inggris)", "Text (English)"),
            save: t("Simpan suntingan", "Save the edit"),
            generated: t("Teks dari aturan", "The rule's text"),
            see_report: t("Lihat laporan", "See the report"),
            settings: t("Pengaturan laporan", "Report settings"),
        },
    };
    Ok(view::page(
        t("Tinjauan rekomendasi", "Review of recommendations"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

/// A decision on a recommendation, as the review page shows it.
struct Decided {
    code: &'static str,
    what: &'static str,
    by: String,
    when: String,
    stale: bool,
}

/// A recommendation on the review page.
struct Rec {
    kode: String,
    action: String,
    title: String,
    text: String,
    priority: u8,
    decision: Option<Decided>,
    /// (aksi, label)
    buttons: Vec<(&'static str, &'static str)>,
    title_id: String,
    text_id: String,
    title_en: String,
    text_en: String,
    generated: String,
}

/// The review page's fixed words.
struct ReviewWords {
    priority: &'static str,
    not_reviewed: &'static str,
    by: &'static str,
    stale: &'static str,
    edit: &'static str,
    title_id: &'static str,
    text_id: &'static str,
    title_en: &'static str,
    text_en: &'static str,
    save: &'static str,
    generated: &'static str,
    see_report: &'static str,
    settings: &'static str,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage<'a> {
    title: &'static str,
    intro: &'static str,
    count: String,
    unresolved_label: &'static str,
    /// (rule code, placeholder name)
    unresolved: Vec<(String, String)>,
    none: &'static str,
    recs: Vec<Rec>,
    csrf: &'a str,
    w: ReviewWords,
}

pub async fn decide(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
    Checked(fields): Checked<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let field = |k: &str| field(&fields, k).to_string();
    let program = the_programme(&app, None).await?;
    let e = app.evaluation(&program).await?;
    let f = e
        .temuan
        .iter()
        .find(|f| f.jenis == Jenis::Rekomendasi && f.kode == kode)
        .ok_or_else(AppError::not_found)?;
    let before = f.keputusan.as_ref().map(|k| k.status.code().to_string());
    let aksi = field("aksi");
    if aksi == "batal" {
        app.store.undo_recommendation(&program, &kode).await?;
    } else {
        let status = StatusRekomendasi::parse(&aksi).ok_or_else(|| {
            unprocessable(
                "aksi harus terima, ubah, tolak atau batal",
                "action must be terima, ubah, tolak or batal",
            )
        })?;
        let (judul, teks) = if status == StatusRekomendasi::Ubah {
            let v = [
                field("judul_id"),
                field("judul_en"),
                field("teks_id"),
                field("teks_en"),
            ];
            if v.iter().any(String::is_empty) {
                return Err(unprocessable(
                    "judul dan teks, Indonesia dan Inggris, wajib diisi",
                    "title and text, Indonesian and English, are required",
                ));
            }
            let [ji, je, ti, te] = v;
            ([ji, je], [ti, te])
        } else {
            (
                [f.judul[0].clone(), f.judul[1].clone()],
                [generated(f, Lang::Id), generated(f, Lang::En)],
            )
        };
        let d = KeputusanRekomendasi {
            kode: kode.clone(),
            status,
            judul,
            teks,
            asal: generated(f, Lang::Id),
            oleh: session.user.display_name().to_string(),
            // Local (WITA) wall-clock time, as every time in monev.
            waktu: Timestamp::from_seconds(crate::now() + 8 * 3600),
        };
        app.store.decide_recommendation(&program, &d).await?;
    }
    app.store
        .audit(
            Some(&session.user),
            "tinjau_rekomendasi",
            &kode,
            before.as_deref(),
            Some(&aksi),
        )
        .await?;
    Ok(Redirect::to(&format!("/rekomendasi#{}", crate::pages::url_encode(&kode))).into_response())
}

// ── report settings ──────────────────────────────────────────────────────

pub async fn settings_page(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &q);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let program = the_programme(&app, q.program.as_deref()).await?;
    let s = app.store.report_settings(&program).await?;
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let field = |name: &'static str, label: &'static str, value: String, hint: &'static str| {
        SettingsField {
            name,
            label,
            value,
            hint,
        }
    };
    let body = SettingsPage {
        title: t("Pengaturan laporan", "Report settings"),
        intro: t(
            "Yang tertulis di sampul dan blok tanda tangan laporan. Kosongkan yang tidak dipakai.",
            "What the report's cover and signature block say. Leave empty what you do not use.",
        ),
        csrf: &session.csrf,
        team_label: t(
            "Tim evaluasi (satu nama per baris)",
            "Evaluation team (one name per line)",
        ),
        team: s.tim.join("\n"),
        fields: vec![
            field(
                "nomor_sk",
                t(
                    "Nomor SK tim evaluasi",
                    "Decree number of the evaluation team",
                ),
                v(&s.nomor_sk),
                "800.1.3/123/BKPSDM/2026",
            ),
            field("tempat", t("Tempat", "Place"), v(&s.tempat), "Mataram"),
            field(
                "tanggal",
                t("Tanggal laporan", "Date of the report"),
                s.tanggal.map(|d| d.to_string()).unwrap_or_default(),
                "",
            ),
            field(
                "penandatangan_jabatan",
                t("Jabatan penandatangan", "Signer's position"),
                v(&s.penandatangan_jabatan),
                "Kepala BKPSDM Kota Mataram",
            ),
            field(
                "penandatangan_nama",
                t("Nama penandatangan", "Signer's name"),
                v(&s.penandatangan_nama),
                "",
            ),
            field(
                "penandatangan_nip",
                t("NIP penandatangan", "Signer's NIP"),
                v(&s.penandatangan_nip),
                "",
            ),
        ],
        save: t("Simpan pengaturan", "Save the settings"),
        logo_heading: t("Logo", "Logo"),
        logo_state: if s.logo.is_some() {
            t("Logo sudah dipasang di sampul.", "A logo is on the cover.")
        } else {
            t("Belum ada logo.", "No logo yet.")
        },
        logo_label: t(
            "PNG atau JPEG, paling besar 1 MB",
            "PNG or JPEG, at most 1 MB",
        ),
        remove_logo: t("Hapus logo", "Remove the logo"),
        save_logo: t("Simpan logo", "Save the logo"),
    };
    Ok(view::page(
        t("Pengaturan laporan", "Report settings"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

/// A field of the report settings form.
struct SettingsField {
    name: &'static str,
    label: &'static str,
    value: String,
    hint: &'static str,
}

#[derive(Template)]
#[template(path = "report_settings.html")]
struct SettingsPage<'a> {
    title: &'static str,
    intro: &'static str,
    csrf: &'a str,
    team_label: &'static str,
    team: String,
    fields: Vec<SettingsField>,
    save: &'static str,
    logo_heading: &'static str,
    logo_state: &'static str,
    logo_label: &'static str,
    remove_logo: &'static str,
    save_logo: &'static str,
}

pub async fn save_settings(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Checked(fields): Checked<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let field = |k: &str| Some(field(&fields, k).to_string()).filter(|v| !v.is_empty());
    let tanggal = match field("tanggal") {
        None => None,
        Some(d) => Some(Date::parse(&d).map_err(|e| {
            unprocessable(
                &format!("tanggal: {d:?}: {e}"),
                "the date must be YYYY-MM-DD",
            )
        })?),
    };
    if let Some(nip) = field("penandatangan_nip")
        && monev_domain::Nip::parse(&nip).is_err()
    {
        return Err(unprocessable(
            &format!("NIP penandatangan {nip:?} tidak sah (18 angka)"),
            "the signer's NIP is not valid (18 digits)",
        ));
    }
    let s = PengaturanLaporan {
        tim: field("tim")
            .map(|t| t.lines().map(|l| l.trim().to_string()).collect())
            .unwrap_or_default(),
        nomor_sk: field("nomor_sk"),
        tempat: field("tempat"),
        tanggal,
        penandatangan_nama: field("penandatangan_nama"),
        penandatangan_jabatan: field("penandatangan_jabatan"),
        penandatangan_nip: field("penandatangan_nip"),
        logo: None,
    };
    let program = the_programme(&app, None).await?;
    let before = app.store.report_settings(&program).await?;
    app.store.save_report_settings(&program, &s).await?;
    let show = |s: &PengaturanLaporan| {
        format!(
            "SK {:?}; {:?}, {:?}; {:?}",
            s.nomor_sk, s.tempat, s.tanggal, s.penandatangan_jabatan
        )
    };
    app.store
        .audit(
            Some(&session.user),
            "ubah_pengaturan_laporan",
            &program,
            Some(&show(&before)),
            Some(&show(&s)),
        )
        .await?;
    Ok(Redirect::to("/program/laporan").into_response())
}

pub async fn save_logo(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    CheckedMultipart(multipart): CheckedMultipart,
) -> Result<Response, AppError> {
    let r = crate::upload::receive(multipart, "logo").await?;
    let program = the_programme(&app, None).await?;
    if r.text.get("hapus").is_some_and(|v| v == "1") {
        app.store.set_logo(&program, None).await?;
    } else {
        let (_, bytes) = r.bytes(Lang::Id)?;
        let logo = Logo::parse(bytes).map_err(|why| unprocessable(why, ""))?;
        app.store.set_logo(&program, Some(&logo)).await?;
    }
    app.store
        .audit(
            Some(&session.user),
            "ubah_logo_laporan",
            &program,
            None,
            None,
        )
        .await?;
    Ok(Redirect::to("/program/laporan").into_response())
}
