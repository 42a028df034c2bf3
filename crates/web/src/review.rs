//! Before the final report: the evaluator reviews each generated
//! recommendation (accept, edit, reject, or withdraw the decision), and sets
//! what the report's cover and signature block say (team, decree, signer,
//! place and date, logo). Admins and evaluators only; every change is in the
//! audit log and bumps the programme's data version, so the next report
//! carries it.

use std::fmt::Write;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use monev_domain::{
    Date, KeputusanRekomendasi, Lang, Logo, PengaturanLaporan, StatusRekomendasi, Timestamp,
};
use monev_eval::{Finding, Jenis};
use monev_report::esc;

use crate::csrf::{Checked, CheckedMultipart};
use crate::pages::{AppError, Common, field, language, page, the_programme, unprocessable};
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
    let mut body = format!(
        r#"<h1>{}</h1><p>{}</p><p class="info">{}</p>"#,
        t("Tinjauan rekomendasi", "Review of recommendations"),
        t(
            "Aturan rekomendasi membaca angka evaluasi dan mengusulkan rekomendasi di bawah ini. Terima, sunting atau tolak masing-masing sebelum laporan final; laporan mencatat keputusan Anda di Lampiran.",
            "The recommendation rules read the evaluation's figures and propose the recommendations below. Accept, edit or reject each before the final report; the report records your decisions in its annex."
        ),
        match lang {
            Lang::Id => format!("{} rekomendasi, {} belum ditinjau.", recs.len(), pending),
            Lang::En => format!(
                "{} recommendations, {} not yet reviewed.",
                recs.len(),
                pending
            ),
        }
    );
    // A custom rules file whose placeholder nothing fills: say so here,
    // where the evaluator would otherwise read "{x}" in a sentence.
    let rules = app
        .settings
        .rules
        .as_deref()
        .unwrap_or_else(|| monev_eval::recommend::Rules::baku());
    let unresolved = rules.unresolved(&e);
    if !unresolved.is_empty() {
        let list: Vec<String> = unresolved
            .iter()
            .map(|(k, n)| format!("<code>{}</code>: <code>{{{}}}</code>", esc(k), esc(n)))
            .collect();
        let _ = write!(
            body,
            r#"<p class="peringatan">{}: {}</p>"#,
            t(
                "Aturan rekomendasi memakai placeholder yang tidak diisi angka apa pun; perbaiki berkas aturan",
                "The recommendation rules use placeholders no figure fills; fix the rules file"
            ),
            list.join(", ")
        );
    }
    if recs.is_empty() {
        let _ = write!(
            body,
            "<p>{}</p>",
            t(
                "Aturan tidak menghasilkan rekomendasi untuk data ini.",
                "The rules produced no recommendation for these data."
            )
        );
    }
    for f in recs {
        let kode = esc(&f.kode);
        let action = format!("/rekomendasi/{}", crate::pages::url_encode(&f.kode));
        let state = match &f.keputusan {
            None => format!(
                r#"<span class="status menunggu">{}</span>"#,
                t("belum ditinjau", "not reviewed")
            ),
            Some(k) => format!(
                r#"<span class="status {}">{}</span> {} {}, {}{}"#,
                k.status.code(),
                status_words(k.status, lang),
                t("oleh", "by"),
                esc(&k.oleh),
                esc(&k.waktu),
                if k.usang {
                    format!(
                        r#" <strong class="peringatan">{}</strong>"#,
                        t(
                            "Angka berubah sejak keputusan ini: periksa lagi.",
                            "The figures changed after this decision: check again."
                        )
                    )
                } else {
                    String::new()
                }
            ),
        };
        let button = |aksi: &str, label: &str| {
            format!(
                r#"<form method="post" action="{action}" class="sebaris"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="aksi" value="{aksi}"><button type="submit">{label}</button></form>"#,
                esc(&session.csrf)
            )
        };
        let mut buttons = String::new();
        buttons.push_str(&button("terima", t("Terima", "Accept")));
        buttons.push_str(&button("tolak", t("Tolak", "Reject")));
        if f.keputusan.is_some() {
            buttons.push_str(&button(
                "batal",
                t("Batalkan keputusan", "Withdraw the decision"),
            ));
        }
        let _ = write!(
            body,
            r#"<section class="rekomendasi" id="{kode}"><h2>{}</h2><p>{}</p><p class="info"><code>{kode}</code> · {} {} · {}</p><div class="tombol">{buttons}</div><details><summary>{}</summary><form class="formulir" method="post" action="{action}"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="aksi" value="ubah"><label for="ji-{kode}">{}</label><input id="ji-{kode}" name="judul_id" required value="{}"><label for="ti-{kode}">{}</label><textarea id="ti-{kode}" name="teks_id" rows="4" required>{}</textarea><label for="je-{kode}">{}</label><input id="je-{kode}" name="judul_en" required value="{}"><label for="te-{kode}">{}</label><textarea id="te-{kode}" name="teks_en" rows="4" required>{}</textarea><button type="submit">{}</button></form><p class="info">{}: {}</p></details></section>"#,
            esc(f.title(lang)),
            esc(&f.render(lang)),
            t("Prioritas", "Priority"),
            f.prioritas.unwrap_or(3),
            state,
            t("Sunting", "Edit"),
            esc(&session.csrf),
            t("Judul (Indonesia)", "Title (Indonesian)"),
            esc(&f.judul[0]),
            t("Teks (Indonesia)", "Text (Indonesian)"),
            esc(&f.render(Lang::Id)),
            t("Judul (Inggris)", "Title (English)"),
            esc(&f.judul[1]),
            t("Teks (Inggris)", "Text (English)"),
            esc(&f.render(Lang::En)),
            t("Simpan suntingan", "Save the edit"),
            t("Teks dari aturan", "The rule's text"),
            esc(&generated(f, lang)),
        );
    }
    let _ = write!(
        body,
        r#"<p><a href="/laporan">{}</a> · <a href="/program/laporan">{}</a></p>"#,
        t("Lihat laporan", "See the report"),
        t("Pengaturan laporan", "Report settings")
    );
    Ok(page(
        t("Tinjauan rekomendasi", "Review of recommendations"),
        &body,
        Some(&session),
        lang,
        set,
    ))
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
            oleh: if session.user.nama.is_empty() {
                session.user.username.clone()
            } else {
                session.user.nama.clone()
            },
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
    let v = |o: &Option<String>| esc(o.as_deref().unwrap_or(""));
    let field = |name: &str, label: &str, value: String, hint: &str| {
        format!(
            r#"<label for="{name}">{label}</label><input id="{name}" name="{name}" value="{value}"{}>"#,
            if hint.is_empty() {
                String::new()
            } else {
                format!(r#" placeholder="{}""#, esc(hint))
            }
        )
    };
    let mut body = format!(
        r#"<h1>{}</h1><p>{}</p><form class="formulir" method="post" action="/program/laporan"><input type="hidden" name="csrf" value="{}"><label for="tim">{}</label><textarea id="tim" name="tim" rows="4">{}</textarea>"#,
        t("Pengaturan laporan", "Report settings"),
        t(
            "Yang tertulis di sampul dan blok tanda tangan laporan. Kosongkan yang tidak dipakai.",
            "What the report's cover and signature block say. Leave empty what you do not use."
        ),
        esc(&session.csrf),
        t(
            "Tim evaluasi (satu nama per baris)",
            "Evaluation team (one name per line)"
        ),
        esc(&s.tim.join("\n")),
    );
    body.push_str(&field(
        "nomor_sk",
        t(
            "Nomor SK tim evaluasi",
            "Decree number of the evaluation team",
        ),
        v(&s.nomor_sk),
        "800.1.3/123/BKPSDM/2026",
    ));
    body.push_str(&field(
        "tempat",
        t("Tempat", "Place"),
        v(&s.tempat),
        "Mataram",
    ));
    let _ = write!(
        body,
        r#"<label for="tanggal">{}</label><input id="tanggal" name="tanggal" type="date" value="{}">"#,
        t("Tanggal laporan", "Date of the report"),
        s.tanggal.map(|d| d.to_string()).unwrap_or_default()
    );
    body.push_str(&field(
        "penandatangan_jabatan",
        t("Jabatan penandatangan", "Signer's position"),
        v(&s.penandatangan_jabatan),
        "Kepala BKPSDM Kota Mataram",
    ));
    body.push_str(&field(
        "penandatangan_nama",
        t("Nama penandatangan", "Signer's name"),
        v(&s.penandatangan_nama),
        "",
    ));
    body.push_str(&field(
        "penandatangan_nip",
        t("NIP penandatangan", "Signer's NIP"),
        v(&s.penandatangan_nip),
        "",
    ));
    let _ = write!(
        body,
        r#"<button type="submit">{}</button></form><h2>{}</h2><p>{}</p><form class="formulir" method="post" action="/program/laporan/logo" enctype="multipart/form-data"><input type="hidden" name="csrf" value="{}"><label for="logo">{}</label><input id="logo" name="logo" type="file" accept="image/png,image/jpeg"><label><input type="checkbox" name="hapus" value="1"> {}</label><button type="submit">{}</button></form>"#,
        t("Simpan pengaturan", "Save the settings"),
        t("Logo", "Logo"),
        if s.logo.is_some() {
            t("Logo sudah dipasang di sampul.", "A logo is on the cover.")
        } else {
            t("Belum ada logo.", "No logo yet.")
        },
        esc(&session.csrf),
        t(
            "PNG atau JPEG, paling besar 1 MB",
            "PNG or JPEG, at most 1 MB"
        ),
        t("Hapus logo", "Remove the logo"),
        t("Simpan logo", "Save the logo"),
    );
    Ok(page(
        t("Pengaturan laporan", "Report settings"),
        &body,
        Some(&session),
        lang,
        set,
    ))
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
