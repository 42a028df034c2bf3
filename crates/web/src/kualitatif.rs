//! Qualitative coding in the browser: the interviews and documents of a
//! programme, each shown with its coded segments; a coder selects a passage
//! (or pastes it) and gives it a code and a memo; assisted coding suggests
//! codes sentence by sentence from the keyword lexicon, showing the words
//! that triggered each, and the coder accepts or rejects — answers are kept
//! and the acceptance rate is shown per code and coder. Interviews (typed or
//! from .txt/.docx/PDF, with consent) and documents (PDF/DOCX/TXT) are
//! uploaded here; a scanned PDF is refused as such. Transcripts name people:
//! only the evaluator and the admin see them.

use std::fmt::Write;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use monev_domain::format::number;
use monev_domain::{JenisDokumen, KelompokResponden, KodeKualitatif, Kutipan, Lang, Sumber};
use monev_report::esc;
use monev_store::{Role, SuggestionAnswer};
use serde::Deserialize;

use crate::csrf::{Checked, CheckedMultipart, NoFields};
use crate::pages::{AppError, Common, language, options, page, the_programme, unprocessable};
use crate::{App, Session};

/// Largest interview or document upload.
pub const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;

fn source(jenis: &str, kode: &str) -> Result<Sumber, AppError> {
    Sumber::new(jenis, kode).ok_or_else(AppError::not_found)
}

fn href(s: &Sumber) -> String {
    format!(
        "/kualitatif/{}/{}",
        s.jenis(),
        crate::pages::url_encode(s.kode())
    )
}

/// The coder's name in segments: the account's username (stable, unique).
fn coder(session: &Session) -> &str {
    &session.user.username
}

/// The lexicon in force: the programme's, else the built-in one.
async fn lexicon(app: &App, program: &str) -> Result<monev_kualitatif::Lexicon, AppError> {
    Ok(monev_kualitatif::Lexicon::held_or_baku(
        &app.store.lexicon(program).await?,
    ))
}

fn kelompok_label(code: &str, lang: Lang) -> String {
    KelompokResponden::parse(code)
        .map(|k| {
            let (id, en) = k.label();
            lang.pick(id, en).to_string()
        })
        .unwrap_or_else(|_| code.to_string())
}

fn jenis_label(code: &str, lang: Lang) -> String {
    JenisDokumen::parse(code)
        .map(|j| {
            let (id, en) = j.label();
            lang.pick(id, en).to_string()
        })
        .unwrap_or_else(|| code.to_string())
}

fn pct(a: i64, n: i64, lang: Lang) -> String {
    if n == 0 {
        "–".into()
    } else {
        number(a as f64 / n as f64 * 100.0, 0, lang)
    }
}

// ── overview ─────────────────────────────────────────────────────────────

pub async fn overview(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &q);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let program = the_programme(&app, q.program.as_deref()).await?;
    let sources = app.store.coding_sources(&program).await?;
    let codebook = app.store.codebook(&program).await?;
    let acceptance = app.store.acceptance(&program).await?;
    let e = app.evaluation(&program).await?;
    let mut body = format!(
        r#"<h1>{}</h1><p>{}</p><p><a href="/kualitatif/leksikon">{}</a> · <a href="/kualitatif/kasus.csv">{}</a></p>"#,
        t("Koding kualitatif", "Qualitative coding"),
        t(
            "Wawancara dan dokumen program. Buka satu untuk memberi kode pada kutipan, menerima atau menolak saran kode, dan menulis memo. Transkrip memuat data pribadi: hanya evaluator dan admin yang melihatnya.",
            "The programme's interviews and documents. Open one to code passages, accept or reject suggested codes, and write memos. Transcripts hold personal data: only evaluators and admins see them."
        ),
        t("Leksikon kata kunci", "Keyword lexicon"),
        t("Kasus × kode (0/1, CSV)", "Cases × codes (0/1, CSV)"),
    );
    let _ = write!(
        body,
        r#"<h2>{}</h2><div class="tabel"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody>"#,
        t("Sumber", "Sources"),
        t("Kode", "Code"),
        t("Kelompok / jenis", "Group / kind"),
        t("Instansi / judul", "Unit / title"),
        t("Tanggal", "Date"),
        t("Karakter", "Characters"),
        t("Segmen", "Segments"),
        t("Pengkode", "Coders"),
    );
    for s in &sources {
        let kind = match s.sumber {
            Sumber::Wawancara(_) => kelompok_label(&s.jenis, lang),
            Sumber::Dokumen(_) => jenis_label(&s.jenis, lang),
        };
        let _ = write!(
            body,
            r#"<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            href(&s.sumber),
            esc(s.sumber.kode()),
            esc(&kind),
            esc(&s.keterangan),
            esc(&s.tanggal),
            number(s.karakter as f64, 0, lang),
            number(s.segmen as f64, 0, lang),
            number(s.pengkode as f64, 0, lang),
        );
    }
    if sources.is_empty() {
        let _ = write!(
            body,
            r#"<tr><td colspan="7">{}</td></tr>"#,
            t(
                "Belum ada wawancara atau dokumen.",
                "No interviews or documents yet."
            )
        );
    }
    body.push_str("</tbody></table></div>");

    // Codebook with frequencies and agreement.
    let q = &e.kualitatif;
    let _ = write!(
        body,
        r#"<h2>{}</h2><div class="tabel"><table><thead><tr><th>{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">κ</th><th class="num">α</th></tr></thead><tbody>"#,
        t("Buku kode", "Codebook"),
        t("Kode", "Code"),
        t("Nama dan definisi", "Name and definition"),
        t("Segmen", "Segments"),
        t("Wawancara", "Interviews"),
        t("Dokumen", "Documents"),
    );
    for c in &codebook {
        let stats = q.per_kode.iter().find(|k| k.kode == c.kode);
        let f = |v: Option<f64>| {
            v.filter(|x| x.is_finite())
                .map_or("–".to_string(), |x| number(x, 2, lang))
        };
        let _ = write!(
            body,
            r#"<tr><td><code>{}</code></td><td><strong>{}</strong><br><span class="petunjuk">{}</span></td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            esc(&c.kode),
            esc(&c.nama),
            esc(&c.definisi),
            number(stats.map_or(0, |s| s.segmen) as f64, 0, lang),
            number(stats.map_or(0, |s| s.wawancara) as f64, 0, lang),
            number(stats.map_or(0, |s| s.dokumen) as f64, 0, lang),
            f(stats.map(|s| s.kappa)),
            f(stats.map(|s| s.alpha)),
        );
    }
    body.push_str("</tbody></table></div>");
    let _ = write!(
        body,
        r#"<form class="formulir" method="post" action="/kualitatif/kode"><input type="hidden" name="csrf" value="{}"><fieldset class="soal"><legend>{}</legend><label for="kode-baru">{}</label><input id="kode-baru" name="kode" type="text" required pattern="[a-z0-9_]+(\.[a-z0-9_]+)*" placeholder="kendala.sarana"><label for="nama-baru">{}</label><input id="nama-baru" name="nama" type="text" required><label for="definisi-baru">{}</label><input id="definisi-baru" name="definisi" type="text"><button type="submit">{}</button></fieldset></form>"#,
        esc(&session.csrf),
        t("Tambah kode", "Add a code"),
        t("Kode (induk.anak)", "Code (parent.child)"),
        t("Nama", "Name"),
        t("Definisi", "Definition"),
        t("Tambah", "Add"),
    );

    // Code frequency per respondent group and per instansi (interviews
    // with the code; groups and units with fewer than five interviews are
    // not broken down).
    if let Some(first) = q.per_kode.first() {
        let groups: Vec<KelompokResponden> = first.per_kelompok.iter().map(|(g, _)| *g).collect();
        let units: Vec<&str> = first
            .per_instansi
            .iter()
            .filter(|(_, n)| n.is_some())
            .map(|(u, _)| u.as_str())
            .collect();
        let _ = write!(
            body,
            r#"<h2>{}</h2><p class="petunjuk">{}</p><div class="tabel"><table><thead><tr><th>{}</th>"#,
            t(
                "Frekuensi kode per kelompok dan instansi",
                "Code frequency by group and unit"
            ),
            t(
                "Jumlah wawancara yang memuat kode. Kelompok atau instansi dengan kurang dari lima wawancara tidak dirinci (< 5).",
                "Interviews holding the code. Groups or units with fewer than five interviews are not broken down (< 5)."
            ),
            t("Kode", "Code"),
        );
        for g in &groups {
            let (id, en) = g.label();
            let _ = write!(body, r#"<th class="num">{}</th>"#, lang.pick(id, en));
        }
        for u in &units {
            let _ = write!(body, r#"<th class="num">{}</th>"#, esc(u));
        }
        body.push_str("</tr></thead><tbody>");
        let cell = |n: Option<usize>| n.map_or("&lt; 5".to_string(), |n| number(n as f64, 0, lang));
        for k in &q.per_kode {
            let _ = write!(body, "<tr><td><code>{}</code></td>", esc(&k.kode));
            for (_, n) in &k.per_kelompok {
                let _ = write!(body, r#"<td class="num">{}</td>"#, cell(*n));
            }
            for (_, n) in k
                .per_instansi
                .iter()
                .filter(|(u, _)| units.contains(&u.as_str()))
            {
                let _ = write!(body, r#"<td class="num">{}</td>"#, cell(*n));
            }
            body.push_str("</tr>");
        }
        body.push_str("</tbody></table></div>");
    }

    // Assisted coding: acceptance per code and coder.
    let _ = write!(
        body,
        r#"<h2>{}</h2>"#,
        t(
            "Saran kode: tingkat penerimaan",
            "Suggested codes: acceptance rate"
        )
    );
    if acceptance.is_empty() {
        let _ = write!(
            body,
            "<p>{}</p>",
            t(
                "Belum ada saran yang dijawab.",
                "No suggestion has been answered yet."
            )
        );
    } else {
        let _ = write!(
            body,
            r#"<div class="tabel"><table><thead><tr><th>{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">%</th></tr></thead><tbody>"#,
            t("Kode", "Code"),
            t("Pengkode", "Coder"),
            t("Dijawab", "Answered"),
            t("Diterima", "Accepted"),
        );
        let (mut all_n, mut all_ok) = (0, 0);
        for a in &acceptance {
            all_n += a.dijawab;
            all_ok += a.diterima;
            let _ = write!(
                body,
                r#"<tr><td><code>{}</code></td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
                esc(&a.kode),
                esc(&a.pengkode),
                number(a.dijawab as f64, 0, lang),
                number(a.diterima as f64, 0, lang),
                pct(a.diterima, a.dijawab, lang),
            );
        }
        let _ = write!(
            body,
            r#"<tr><th colspan="2">{}</th><th class="num">{}</th><th class="num">{}</th><th class="num">{}</th></tr></tbody></table></div>"#,
            t("Semua", "All"),
            number(all_n as f64, 0, lang),
            number(all_ok as f64, 0, lang),
            pct(all_ok, all_n, lang),
        );
    }

    // Uploads.
    let units = app.store.units(&program).await?;
    let instansi = options(units.iter().map(|(k, n)| (k.as_str(), n.as_str())));
    let groups = options(KelompokResponden::ALL.iter().map(|g| {
        let (id, en) = g.label();
        (g.code(), lang.pick(id, en))
    }));
    let kinds = options(JenisDokumen::ALL.iter().map(|j| {
        let (id, en) = j.label();
        (j.code(), lang.pick(id, en))
    }));
    let _ = write!(
        body,
        r#"<h2>{}</h2><form class="formulir" method="post" action="/kualitatif/wawancara" enctype="multipart/form-data"><input type="hidden" name="csrf" value="{csrf}"><fieldset class="soal"><legend>{}</legend><label for="w-kode">{}</label><input id="w-kode" name="kode" type="text" placeholder="W31"><label for="w-tanggal">{}</label><input id="w-tanggal" name="tanggal" type="date" required><label for="w-pewawancara">{}</label><input id="w-pewawancara" name="pewawancara" type="text"><label for="w-kelompok">{}</label><select id="w-kelompok" name="kelompok">{groups}</select><label for="w-instansi">{}</label><select id="w-instansi" name="instansi">{instansi}</select><label for="w-berkas">{}</label><input id="w-berkas" name="berkas" type="file" accept=".txt,.docx,.pdf"><label for="w-transkrip">{}</label><textarea id="w-transkrip" name="transkrip" rows="6"></textarea><label class="pilihan"><input type="checkbox" name="persetujuan" value="ya" required> {}</label><button type="submit">{}</button></fieldset></form>"#,
        t(
            "Tambah wawancara atau dokumen",
            "Add an interview or a document"
        ),
        t("Wawancara", "Interview"),
        t("Kode (kosong: berikutnya)", "Code (blank: the next one)"),
        t("Tanggal", "Date"),
        t("Pewawancara", "Interviewer"),
        t("Kelompok responden", "Respondent group"),
        t("Instansi", "Unit"),
        t(
            "Transkrip: berkas .txt, .docx atau PDF",
            "Transcript: a .txt, .docx or PDF file"
        ),
        t("… atau ketik transkrip", "… or type the transcript"),
        t(
            "Responden memberi persetujuan (informed consent) sebelum wawancara",
            "The respondent gave informed consent before the interview"
        ),
        t("Simpan wawancara", "Save the interview"),
        csrf = esc(&session.csrf),
    );
    let _ = write!(
        body,
        r#"<form class="formulir" method="post" action="/kualitatif/dokumen" enctype="multipart/form-data"><input type="hidden" name="csrf" value="{csrf}"><fieldset class="soal"><legend>{}</legend><label for="d-berkas">{}</label><input id="d-berkas" name="berkas" type="file" accept=".txt,.docx,.pdf" required><label for="d-judul">{}</label><input id="d-judul" name="judul" type="text"><label for="d-jenis">{}</label><select id="d-jenis" name="jenis">{kinds}</select><label for="d-kode">{}</label><input id="d-kode" name="kode" type="text" placeholder="D05"><button type="submit">{}</button></fieldset></form>"#,
        t("Dokumen", "Document"),
        t(
            "Berkas PDF (berlapis teks), DOCX atau TXT",
            "A PDF (with a text layer), DOCX or TXT file"
        ),
        t(
            "Judul (kosong: nama berkas)",
            "Title (blank: the file name)"
        ),
        t("Jenis", "Kind"),
        t("Kode (kosong: berikutnya)", "Code (blank: the next one)"),
        t("Unggah dokumen", "Upload the document"),
        csrf = esc(&session.csrf),
    );
    Ok(page(
        t("Koding kualitatif", "Qualitative coding"),
        &body,
        Some(&session),
        lang,
        set,
    ))
}

#[derive(Debug, Deserialize)]
pub struct NewCode {
    kode: String,
    nama: String,
    #[serde(default)]
    definisi: String,
}

pub async fn add_code(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Checked(f): Checked<NewCode>,
) -> Result<Response, AppError> {
    let program = the_programme(&app, None).await?;
    let k = KodeKualitatif {
        kode: f.kode.trim().to_lowercase(),
        nama: f.nama,
        definisi: f.definisi,
    };
    app.store
        .add_code(&program, &k)
        .await
        .map_err(|e| AppError::new(StatusCode::UNPROCESSABLE_ENTITY, &e.to_string(), ""))?;
    app.store
        .audit(
            Some(&session.user),
            "tambah_kode",
            &format!("kode:{}", k.kode),
            None,
            Some(&k.nama),
        )
        .await?;
    Ok(Redirect::to("/kualitatif").into_response())
}

// ── one source ───────────────────────────────────────────────────────────

#[derive(Debug, Deserialize)]
pub struct SourceQuery {
    program: Option<String>,
    lang: Option<String>,
    /// Whose segments are marked in the text: a coder, or `semua` (all).
    pengkode: Option<String>,
}

/// The text with the chosen segments marked (`<mark>` over every character
/// inside one, with the codes as its title).
fn marked(text: &str, segs: &[&Kutipan]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut cuts: Vec<usize> = vec![0, chars.len()];
    for k in segs {
        cuts.push(k.mulai.min(chars.len()));
        cuts.push(k.selesai.min(chars.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a == b {
            continue;
        }
        let piece: String = chars[a..b].iter().collect();
        let mut codes: Vec<&str> = segs
            .iter()
            .filter(|k| k.mulai <= a && b <= k.selesai)
            .map(|k| k.kode.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        if codes.is_empty() {
            out.push_str(&esc(&piece));
        } else {
            let _ = write!(
                out,
                r#"<mark title="{}">{}</mark>"#,
                esc(&codes.join(", ")),
                esc(&piece)
            );
        }
    }
    out
}

pub async fn show(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path((jenis, kode)): Path<(String, String)>,
    headers: HeaderMap,
    Query(q): Query<SourceQuery>,
) -> Result<Response, AppError> {
    let common = Common {
        program: q.program.clone(),
        lang: q.lang.clone(),
        ..Common::default()
    };
    let (lang, set) = language(&headers, &common);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let program = the_programme(&app, q.program.as_deref()).await?;
    let sumber = source(&jenis, &kode)?;
    let text = app
        .store
        .source_text(&program, &sumber)
        .await?
        .ok_or_else(AppError::not_found)?;
    let segments = app.store.segments(&program, &sumber).await?;
    let codebook = app.store.codebook(&program).await?;
    let me = coder(&session).to_string();
    let whose = q.pengkode.clone().unwrap_or_else(|| me.clone());
    let shown: Vec<&Kutipan> = segments
        .iter()
        .map(|s| &s.kutipan)
        .filter(|k| whose == "semua" || k.pengkode == whose)
        .collect();
    let mut coders: Vec<&str> = segments
        .iter()
        .map(|s| s.kutipan.pengkode.as_str())
        .collect();
    coders.push(&me);
    coders.sort_unstable();
    coders.dedup();
    let here = href(&sumber);
    let filter: Vec<String> = coders
        .iter()
        .map(|c| (*c, *c))
        .chain(std::iter::once(("semua", t("semua", "all"))))
        .map(|(v, label)| {
            if v == whose {
                format!("<strong>{}</strong>", esc(label))
            } else {
                format!(
                    r#"<a href="{here}?pengkode={}">{}</a>"#,
                    crate::pages::url_encode(v),
                    esc(label)
                )
            }
        })
        .collect();
    let title = match &sumber {
        Sumber::Wawancara(k) => format!("{} {}", t("Wawancara", "Interview"), k),
        Sumber::Dokumen(k) => format!("{} {}", t("Dokumen", "Document"), k),
    };
    let mut body = format!(
        r#"<p><a href="/kualitatif">← {}</a></p><h1>{}</h1><p>{}: {}</p><div id="teks" class="teks" data-sumber="{}">{}</div>"#,
        t("Koding kualitatif", "Qualitative coding"),
        esc(&title),
        t("Ditandai", "Marked"),
        filter.join(" · "),
        esc(sumber.kode()),
        marked(&text, &shown),
    );

    // Coding form: the selection fills the span (kualitatif.js); without
    // script, the pasted passage is found in the text.
    let options: String = codebook
        .iter()
        .map(|c| {
            format!(
                r#"<option value="{}">{} — {}</option>"#,
                esc(&c.kode),
                esc(&c.kode),
                esc(&c.nama)
            )
        })
        .collect();
    let _ = write!(
        body,
        r#"<form class="formulir" method="post" action="{here}/kutipan"><input type="hidden" name="csrf" value="{}"><input type="hidden" id="mulai" name="mulai" value=""><input type="hidden" id="selesai" name="selesai" value=""><fieldset class="soal"><legend>{}</legend><label for="kutipan">{}</label><textarea id="kutipan" name="kutipan" rows="3" required></textarea><p class="petunjuk">{}</p><label for="kode">{}</label><select id="kode" name="kode">{options}</select><label for="memo">{}</label><input id="memo" name="memo" type="text"><p class="petunjuk">{}</p><button type="submit">{}</button></fieldset></form><script src="/static/kualitatif.js" defer></script>"#,
        esc(&session.csrf),
        t("Beri kode", "Code a passage"),
        t("Kutipan", "Passage"),
        t(
            "Pilih teks di atas dengan tetikus atau jari, atau tempel kutipannya di sini.",
            "Select text above with the mouse or a finger, or paste the passage here."
        ),
        t("Kode", "Code"),
        t("Memo (opsional)", "Memo (optional)"),
        t(
            "Memo yang diawali “bertentangan” menandai kutipan yang berlawanan dengan angka; laporan menampilkannya dan menyebutnya.",
            "A memo starting with “bertentangan” marks a passage that goes against the figures; the report shows it and says so."
        ),
        t("Simpan kode", "Save the code"),
    );

    // Segments, every coder's.
    let _ = write!(
        body,
        r#"<h2>{}</h2><div class="tabel"><table><thead><tr><th class="num">{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th></th></tr></thead><tbody>"#,
        t("Segmen berkode", "Coded segments"),
        t("Posisi", "Position"),
        t("Kode", "Code"),
        t("Pengkode", "Coder"),
        t("Kutipan", "Passage"),
        t("Memo", "Memo"),
    );
    for s in &segments {
        let k = &s.kutipan;
        let can_remove = k.pengkode == me || session.user.role == Role::Admin;
        let remove = if can_remove {
            format!(
                r#"<form method="post" action="{here}/kutipan/{}/hapus"><input type="hidden" name="csrf" value="{}"><button class="tautan" type="submit">{}</button></form>"#,
                s.id,
                esc(&session.csrf),
                t("hapus", "remove")
            )
        } else {
            String::new()
        };
        let _ = write!(
            body,
            r#"<tr><td class="num">{}–{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{remove}</td></tr>"#,
            k.mulai,
            k.selesai,
            esc(&k.kode),
            esc(&k.pengkode),
            esc(k.teks(&text)),
            esc(k.memo.as_deref().unwrap_or("")),
        );
    }
    if segments.is_empty() {
        let _ = write!(
            body,
            r#"<tr><td colspan="6">{}</td></tr>"#,
            t("Belum ada segmen.", "No segments yet.")
        );
    }
    body.push_str("</tbody></table></div>");

    // Suggestions for this coder.
    let codes: Vec<String> = codebook.iter().map(|c| c.kode.clone()).collect();
    let suggestions = lexicon(&app, &program).await?.suggest(&text, Some(&codes));
    let answers = app.store.suggestion_answers(&program, &sumber).await?;
    let _ = write!(
        body,
        r#"<h2>{}</h2><p class="petunjuk">{}</p>"#,
        t("Saran kode", "Suggested codes"),
        t(
            "Dari leksikon kata kunci (kata dasar Sastrawi). Terima untuk memberi kode pada kalimat itu atas nama Anda; tolak bila tidak sesuai. Jawaban Anda dihitung dalam tingkat penerimaan.",
            "From the keyword lexicon (Sastrawi roots). Accept to code the sentence in your name; reject when it does not fit. Your answers count towards the acceptance rate."
        ),
    );
    if suggestions.is_empty() {
        let _ = write!(
            body,
            "<p>{}</p>",
            t(
                "Tidak ada saran untuk teks ini.",
                "No suggestion for this text."
            )
        );
    } else {
        let _ = write!(
            body,
            r#"<div class="tabel"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th></th></tr></thead><tbody>"#,
            t("Kalimat", "Sentence"),
            t("Kode", "Code"),
            t("Pemicu", "Triggers"),
            t("Jawaban Anda", "Your answer"),
        );
        let chars: Vec<char> = text.chars().collect();
        for s in &suggestions {
            let sentence: String = chars[s.mulai.min(chars.len())..s.selesai.min(chars.len())]
                .iter()
                .collect();
            let mine = answers
                .iter()
                .find(|a| a.mulai == s.mulai && a.kode == s.kode && a.pengkode == me);
            let status = match mine {
                Some(a) if a.diterima => t("diterima", "accepted"),
                Some(_) => t("ditolak", "rejected"),
                None => "–",
            };
            let pemicu = s.pemicu.join(", ");
            let button = |diterima: u8, label: &str| {
                format!(
                    r#"<form method="post" action="{here}/saran"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="mulai" value="{}"><input type="hidden" name="selesai" value="{}"><input type="hidden" name="kode" value="{}"><input type="hidden" name="pemicu" value="{}"><input type="hidden" name="diterima" value="{diterima}"><button class="tautan" type="submit">{label}</button></form>"#,
                    esc(&session.csrf),
                    s.mulai,
                    s.selesai,
                    esc(&s.kode),
                    esc(&pemicu),
                )
            };
            let _ = write!(
                body,
                r#"<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{status}</td><td>{}{}</td></tr>"#,
                esc(sentence.trim()),
                esc(&s.kode),
                esc(&pemicu),
                button(1, t("terima", "accept")),
                button(0, t("tolak", "reject")),
            );
        }
        body.push_str("</tbody></table></div>");
    }
    Ok(page(&title, &body, Some(&session), lang, set))
}

#[derive(Debug, Deserialize)]
pub struct NewSegment {
    kutipan: String,
    kode: String,
    #[serde(default)]
    memo: String,
    #[serde(default)]
    mulai: String,
    #[serde(default)]
    selesai: String,
}

pub async fn add_segment(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path((jenis, kode)): Path<(String, String)>,
    Checked(f): Checked<NewSegment>,
) -> Result<Response, AppError> {
    let program = the_programme(&app, None).await?;
    let sumber = source(&jenis, &kode)?;
    let text = app
        .store
        .source_text(&program, &sumber)
        .await?
        .ok_or_else(AppError::not_found)?;
    // The selection's span when it cuts exactly the passage sent; else the
    // passage's first place in the text.
    let given = f
        .mulai
        .trim()
        .parse::<usize>()
        .ok()
        .zip(f.selesai.trim().parse::<usize>().ok())
        .filter(|(a, b)| {
            a < b && {
                let piece: String = text.chars().skip(*a).take(b - a).collect();
                piece.trim() == f.kutipan.trim()
            }
        });
    let Some((mulai, selesai)) = given.or_else(|| monev_domain::locate(&text, &f.kutipan)) else {
        return Err(unprocessable(
            "Kutipan tidak ditemukan dalam teks; salin persis dari teks di atas.",
            "The passage is not in the text; copy it exactly from the text above.",
        ));
    };
    // Spaces at the edges of a selection are not part of the passage.
    let chars: Vec<char> = text.chars().collect();
    let (mut a, mut b) = (mulai, selesai.min(chars.len()));
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while b > a && chars[b - 1].is_whitespace() {
        b -= 1;
    }
    let k = Kutipan {
        sumber: sumber.clone(),
        mulai: a,
        selesai: b,
        kode: f.kode.trim().to_string(),
        pengkode: coder(&session).to_string(),
        memo: Some(f.memo.trim().to_string()).filter(|m| !m.is_empty()),
    };
    let id = app
        .store
        .add_segment(&program, &k)
        .await
        .map_err(|e| unprocessable(&e.to_string(), ""))?;
    app.store
        .audit(
            Some(&session.user),
            "kode_kutipan",
            &format!("{}:{} segmen:{id}", sumber.jenis(), sumber.kode()),
            None,
            Some(&format!("{} {}..{}", k.kode, k.mulai, k.selesai)),
        )
        .await?;
    Ok(Redirect::to(&href(&sumber)).into_response())
}

pub async fn remove_segment(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path((jenis, kode, id)): Path<(String, String, i64)>,
    Checked(_): Checked<NoFields>,
) -> Result<Response, AppError> {
    let program = the_programme(&app, None).await?;
    let sumber = source(&jenis, &kode)?;
    // A coder removes their own segments; the admin any.
    let only = (session.user.role != Role::Admin).then(|| coder(&session));
    // Removing what is already gone (a second click) changes nothing.
    if app
        .store
        .delete_segment(&program, &sumber, id, only)
        .await?
    {
        app.store
            .audit(
                Some(&session.user),
                "hapus_kutipan",
                &format!("{}:{} segmen:{id}", sumber.jenis(), sumber.kode()),
                None,
                None,
            )
            .await?;
    }
    Ok(Redirect::to(&href(&sumber)).into_response())
}

#[derive(Debug, Deserialize)]
pub struct Answer {
    mulai: usize,
    selesai: usize,
    kode: String,
    #[serde(default)]
    pemicu: String,
    diterima: u8,
}

pub async fn answer(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path((jenis, kode)): Path<(String, String)>,
    Checked(f): Checked<Answer>,
) -> Result<Response, AppError> {
    let program = the_programme(&app, None).await?;
    let sumber = source(&jenis, &kode)?;
    app.store
        .answer_suggestion(
            &program,
            &sumber,
            &SuggestionAnswer {
                mulai: f.mulai,
                selesai: f.selesai,
                kode: f.kode,
                pengkode: coder(&session).to_string(),
                pemicu: f.pemicu,
                diterima: f.diterima == 1,
            },
        )
        .await
        .map_err(|e| unprocessable(&e.to_string(), ""))?;
    Ok(Redirect::to(&href(&sumber)).into_response())
}

// ── lexicon ──────────────────────────────────────────────────────────────

pub async fn lexicon_page(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &q);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let program = the_programme(&app, q.program.as_deref()).await?;
    let held = app.store.lexicon(&program).await?;
    let codebook = app.store.codebook(&program).await?;
    let words_of = |kode: &str| -> String {
        if held.is_empty() {
            monev_kualitatif::LEKSIKON_BAKU
                .iter()
                .find(|(k, _)| *k == kode)
                .map(|(_, w)| w.join(", "))
                .unwrap_or_default()
        } else {
            held.iter()
                .filter(|(k, _)| k == kode)
                .map(|(_, w)| w.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut body = format!(
        r#"<p><a href="/kualitatif">← {}</a></p><h1>{}</h1><p>{}</p><p>{}</p><form class="formulir" method="post" action="/kualitatif/leksikon"><input type="hidden" name="csrf" value="{}">"#,
        t("Koding kualitatif", "Qualitative coding"),
        t("Leksikon kata kunci", "Keyword lexicon"),
        t(
            "Kata kunci per kode, dipisah koma. Kata dicocokkan menurut kata dasarnya (Sastrawi), jadi “menjelaskan” juga menangkap “penjelasan”.",
            "Keywords per code, separated by commas. Words match by their root (Sastrawi), so “menjelaskan” also catches “penjelasan”."
        ),
        if held.is_empty() {
            t(
                "Program ini memakai leksikon bawaan.",
                "This programme uses the built-in lexicon.",
            )
        } else {
            t(
                "Program ini memakai leksikonnya sendiri; kosongkan semua kolom untuk kembali ke leksikon bawaan.",
                "This programme has its own lexicon; empty every field to go back to the built-in one.",
            )
        },
        esc(&session.csrf),
    );
    for c in &codebook {
        let _ = write!(
            body,
            r#"<label for="l-{k}">{k} — {}</label><textarea id="l-{k}" name="{k}" rows="2">{}</textarea>"#,
            esc(&c.nama),
            esc(&words_of(&c.kode)),
            k = esc(&c.kode),
        );
    }
    let _ = write!(
        body,
        r#"<button type="submit">{}</button></form>"#,
        t("Simpan leksikon", "Save the lexicon")
    );
    Ok(page(
        t("Leksikon kata kunci", "Keyword lexicon"),
        &body,
        Some(&session),
        lang,
        set,
    ))
}

pub async fn save_lexicon(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Checked(fields): Checked<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let program = the_programme(&app, None).await?;
    let codebook = app.store.codebook(&program).await?;
    let mut entries = Vec::new();
    for (k, v) in fields.iter().filter(|(k, _)| k != "csrf") {
        if !codebook.iter().any(|c| &c.kode == k) {
            return Err(unprocessable(
                &format!("kode '{k}' tidak ada di buku kode"),
                "not in the codebook",
            ));
        }
        for w in v.split([',', '\n', ';']) {
            let w = w.trim().to_lowercase();
            if !w.is_empty() {
                entries.push((k.clone(), w));
            }
        }
    }
    app.store.save_lexicon(&program, &entries).await?;
    app.store
        .audit(
            Some(&session.user),
            "ubah_leksikon",
            "leksikon",
            None,
            Some(&format!("{} kata", entries.len())),
        )
        .await?;
    Ok(Redirect::to("/kualitatif/leksikon").into_response())
}

// ── uploads ──────────────────────────────────────────────────────────────

/// The next free code with this prefix (W31, D05).
fn next_code(taken: &[String], prefix: &str) -> String {
    let n = taken
        .iter()
        .filter_map(|k| k.strip_prefix(prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{:02}", n + 1)
}

fn extracted(name: &str, bytes: &[u8]) -> Result<monev_dokumen::Extracted, AppError> {
    monev_dokumen::extract(name, bytes).map_err(|e| unprocessable(&e.to_string(), ""))
}

pub async fn upload_interview(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    CheckedMultipart(multipart): CheckedMultipart,
) -> Result<Response, AppError> {
    let r = crate::upload::receive(multipart, "berkas").await?;
    let program = the_programme(&app, None).await?;
    let field = |k: &str| r.text.get(k).map(|v| v.trim()).unwrap_or("");
    if field("persetujuan") != "ya" {
        return Err(unprocessable(
            "Transkrip tanpa persetujuan responden tidak boleh disimpan.",
            "Without the respondent's consent the transcript may not be kept.",
        ));
    }
    let kelompok = KelompokResponden::parse(field("kelompok"))
        .map_err(|e| unprocessable(&e.to_string(), ""))?;
    let tanggal = monev_domain::Date::parse(field("tanggal"))
        .map_err(|e| unprocessable(&format!("tanggal: {e}"), ""))?;
    let transkrip = match r.bytes(Lang::Id) {
        Ok((name, bytes)) => extracted(name, &bytes)?.teks,
        // No file: the transcript typed in.
        Err(_) => field("transkrip").replace("\r\n", "\n"),
    };
    if transkrip.trim().is_empty() {
        return Err(unprocessable(
            "Transkrip kosong: unggah berkas atau ketik transkripnya.",
            "The transcript is empty: upload a file or type it.",
        ));
    }
    let taken: Vec<String> = app
        .store
        .coding_sources(&program)
        .await?
        .into_iter()
        .filter_map(|s| s.sumber.wawancara().map(str::to_string))
        .collect();
    let kode = match field("kode") {
        "" => next_code(&taken, "W"),
        k => k.to_string(),
    };
    let w = monev_domain::Wawancara {
        kode: kode.clone(),
        tanggal,
        pewawancara: field("pewawancara").to_string(),
        kelompok,
        instansi: field("instansi").to_string(),
        persetujuan: true,
        transkrip,
    };
    app.store
        .add_interview(Some(&program), &w)
        .await
        .map_err(|e| unprocessable(&e.to_string(), ""))?;
    app.store
        .audit(
            Some(&session.user),
            "tambah_wawancara",
            &format!("wawancara:{kode}"),
            None,
            Some(&format!("{} karakter", w.transkrip.chars().count())),
        )
        .await?;
    Ok(Redirect::to(&href(&Sumber::Wawancara(kode))).into_response())
}

pub async fn upload_document(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    CheckedMultipart(multipart): CheckedMultipart,
) -> Result<Response, AppError> {
    let r = crate::upload::receive(multipart, "berkas").await?;
    let program = the_programme(&app, None).await?;
    let field = |k: &str| r.text.get(k).map(|v| v.trim()).unwrap_or("");
    let (name, bytes) = r.bytes(Lang::Id)?;
    let jenis = JenisDokumen::parse(field("jenis")).ok_or_else(|| {
        unprocessable(
            "Jenis dokumen: laporan, sk, anggaran, notulen atau lainnya.",
            "Kind: laporan, sk, anggaran, notulen or lainnya.",
        )
    })?;
    let d = extracted(name, &bytes)?;
    let taken: Vec<String> = app
        .store
        .documents(&program)
        .await?
        .into_iter()
        .map(|d| d.0)
        .collect();
    let kode = match field("kode") {
        "" => next_code(&taken, "D"),
        k => k.to_string(),
    };
    let stem = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .rsplit_once('.')
        .map_or(name, |(s, _)| s);
    let judul = match field("judul") {
        "" => stem.replace(['_', '-'], " "),
        j => j.to_string(),
    };
    app.store
        .save_document(
            Some(&program),
            &monev_store::NewDocument {
                kode: kode.clone(),
                judul,
                jenis: jenis.code().to_string(),
                berkas: name.to_string(),
                halaman: d.halaman as i64,
                halaman_tanpa_teks: d.halaman_tanpa_teks.clone(),
                teks: d.teks.clone(),
            },
        )
        .await?;
    app.store
        .audit(
            Some(&session.user),
            "unggah_dokumen",
            &format!("dokumen:{kode}"),
            None,
            Some(&format!(
                "{name}: {} halaman, {} karakter",
                d.halaman,
                d.teks.chars().count()
            )),
        )
        .await?;
    Ok(Redirect::to(&href(&Sumber::Dokumen(kode))).into_response())
}

/// Fills the coding form from a selection in the text: the passage and its
/// span in characters (code points, as the server counts them).
const KUALITATIF_JS: &str = r#"(function () {
  var teks = document.getElementById('teks');
  var kutipan = document.getElementById('kutipan');
  if (!teks || !kutipan) return;
  function offset(node, off) {
    var n = 0, walker = document.createTreeWalker(teks, NodeFilter.SHOW_TEXT), t;
    while ((t = walker.nextNode())) {
      if (t === node) return n + Array.from(t.data.slice(0, off)).length;
      n += Array.from(t.data).length;
    }
    return -1;
  }
  document.addEventListener('selectionchange', function () {
    var s = document.getSelection();
    if (!s || s.rangeCount === 0 || s.isCollapsed) return;
    var r = s.getRangeAt(0);
    if (!teks.contains(r.startContainer) || !teks.contains(r.endContainer)) return;
    var a = offset(r.startContainer, r.startOffset), b = offset(r.endContainer, r.endOffset);
    if (a < 0 || b <= a) return;
    document.getElementById('mulai').value = a;
    document.getElementById('selesai').value = b;
    kutipan.value = s.toString();
  });
  kutipan.addEventListener('input', function () {
    document.getElementById('mulai').value = '';
    document.getElementById('selesai').value = '';
  });
})();
"#;

pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        KUALITATIF_JS,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_cover_overlapping_segments_without_losing_text() {
        let s = |a, b, k: &str| Kutipan {
            sumber: Sumber::Wawancara("W1".into()),
            mulai: a,
            selesai: b,
            kode: k.into(),
            pengkode: "a".into(),
            memo: None,
        };
        let (x, y) = (s(0, 5, "k.a"), s(3, 9, "k.b"));
        let html = marked("Antre <lama> sekali", &[&x, &y]);
        assert_eq!(
            html,
            r#"<mark title="k.a">Ant</mark><mark title="k.a, k.b">re</mark><mark title="k.b"> &lt;la</mark>ma&gt; sekali"#
        );
    }

    #[test]
    fn the_next_code_follows_the_highest() {
        let taken = ["W01".to_string(), "W30".into(), "D02".into(), "Wx".into()];
        assert_eq!(next_code(&taken, "W"), "W31");
        assert_eq!(next_code(&taken, "D"), "D03");
        assert_eq!(next_code(&[], "D"), "D01");
    }
}
