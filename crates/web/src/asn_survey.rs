//! ASN questionnaires by one-time token: the evaluator makes tokens for a
//! respondent list (a module's participants, every ASN to be rated, or the
//! ASN who did not take part) and downloads them once as a CSV of links to
//! hand out; each link `/t/{token}` opens its questionnaire, which can be
//! answered once. Reaction answers become Kirkpatrick-1 rows, ratings
//! Kirkpatrick-3 rows, and the non-participants' reasons feed the
//! participation constraint without their names.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use monev_domain::Lang;
use monev_domain::format::number;
use monev_store::{NewToken, SurveyToken, TokenAnswers, TokenOutcome};
use monev_survey::Instrument;
use serde::Deserialize;

use crate::csrf::Checked;
use crate::forms::{
    AnswerForm, LangQuery, Posted, PublicHeader, common, items, posted, problems_text, random_code,
    today, uuid4, valid_uuid,
};
use crate::pages::{AppError, Common, language};
use crate::view::{self, Markup, Td, Th};
use crate::{App, Session, auth};
use askama::Template;

/// A token for a link: 20 characters without look-alikes (≈ 99 bits).
fn new_token() -> String {
    random_code(20)
}

const PENILAI: [&str; 2] = ["atasan", "rekan"];

async fn instrument_for(app: &App, t: &SurveyToken) -> Result<Instrument, AppError> {
    Ok(match t.instrumen.as_str() {
        "reaksi" => {
            let data = app.store.load_program(&t.program).await?;
            let items: Vec<(String, String)> = data
                .reaksi_item
                .iter()
                .map(|i| (i.kode.clone(), i.nama.clone()))
                .collect();
            monev_survey::builtin::reaksi(&items)
        }
        "kinerja" => {
            let data = app.store.load_program(&t.program).await?;
            let mut aspects: Vec<String> = data.kinerja.iter().map(|k| k.aspek.clone()).collect();
            aspects.sort();
            aspects.dedup();
            if aspects.is_empty() {
                aspects = ["pelayanan", "komunikasi", "manajemen_waktu", "kerja_sama"]
                    .map(String::from)
                    .to_vec();
            }
            let pairs: Vec<(String, String)> = aspects
                .into_iter()
                .map(|a| {
                    let label = a.replace('_', " ");
                    let mut c = label.chars();
                    let label = c
                        .next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default();
                    (a, label)
                })
                .collect();
            monev_survey::builtin::kinerja(&pairs)
        }
        "nonpeserta" => monev_survey::builtin::nonpeserta(),
        _ => return Err(AppError::not_found()),
    })
}

// ── making tokens ────────────────────────────────────────────────────────

pub async fn overview(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &q);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let kode = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let data = app.store.load_program(&kode).await?;
    let counts = app.store.token_counts(&kode).await?;
    let table = view::Table {
        head: vec![
            Th::text(t("Kuesioner", "Questionnaire")),
            Th::num(t("Token dibuat", "Tokens made")),
            Th::num(t("Sudah dijawab", "Answered")),
        ],
        rows: counts
            .iter()
            .map(|(instrumen, made, used)| {
                vec![
                    Td::text(instrumen.as_str()),
                    Td::num(number(*made as f64, 0, lang)),
                    Td::num(number(*used as f64, 0, lang)),
                ]
            })
            .collect(),
    };
    let body = SurveysPage {
        title: t("Survei ASN dengan token", "ASN surveys by token"),
        intro: t(
            "Buat satu tautan sekali pakai untuk setiap responden, unduh daftarnya (CSV) dan bagikan lewat surel atau WhatsApp. Token hanya ditampilkan sekali: simpan berkasnya.",
            "Make one single-use link per respondent, download the list (CSV) and hand it out by e-mail or WhatsApp. Tokens are shown only once: keep the file.",
        ),
        public_url_note: crate::forms::public_url_note(&app, lang),
        table: Markup::of(&table),
        csrf: &session.csrf,
        modules: data
            .pelatihan
            .iter()
            .map(|p| (p.kode.as_str(), p.nama.as_str()))
            .collect(),
        w: SurveysWords {
            reaction: t(
                "Reaksi peserta (Kirkpatrick 1)",
                "Participants' reaction (Kirkpatrick 1)",
            ),
            module: t("Modul", "Module"),
            make_reaction: t(
                "Buat token untuk peserta modul ini",
                "Make tokens for this module's participants",
            ),
            behaviour: t(
                "Penilaian perilaku kerja (Kirkpatrick 3)",
                "Work behaviour rating (Kirkpatrick 3)",
            ),
            rater: t("Penilai", "Rater"),
            superior: t("Atasan", "Superior"),
            peer: t("Rekan kerja", "Peer"),
            make_rating: t(
                "Buat satu token penilaian per ASN",
                "Make one rating token per ASN",
            ),
            others: t("ASN yang belum ikut", "ASN who have not taken part"),
            others_note: t(
                "Jawaban mereka disimpan per unit, tanpa nama: token hanya mencegah jawaban ganda.",
                "Their answers are kept by unit, without names: the token only prevents a second answer.",
            ),
            make_others: t(
                "Buat token untuk ASN yang belum ikut",
                "Make tokens for ASN who have not taken part",
            ),
        },
    };
    Ok(view::page(
        t("Survei ASN", "ASN surveys"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

/// The token page's fixed words.
struct SurveysWords {
    reaction: &'static str,
    module: &'static str,
    make_reaction: &'static str,
    behaviour: &'static str,
    rater: &'static str,
    superior: &'static str,
    peer: &'static str,
    make_rating: &'static str,
    others: &'static str,
    others_note: &'static str,
    make_others: &'static str,
}

#[derive(Template)]
#[template(path = "asn_surveys.html")]
struct SurveysPage<'a> {
    title: &'static str,
    intro: &'static str,
    /// forms.rs's note on the public address, still a string there.
    public_url_note: Markup,
    table: Markup,
    csrf: &'a str,
    /// (kode, nama) of each module
    modules: Vec<(&'a str, &'a str)>,
    w: SurveysWords,
}

#[derive(Debug, Deserialize)]
pub struct MakeForm {
    instrumen: String,
    pelatihan: Option<String>,
    penilai: Option<String>,
    program: Option<String>,
}

pub async fn make(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Checked(f): Checked<MakeForm>,
) -> Result<Response, AppError> {
    let kode = crate::pages::the_programme(&app, f.program.as_deref()).await?;
    let penilai = match f.instrumen.as_str() {
        "kinerja" => Some(
            f.penilai
                .clone()
                .filter(|p| PENILAI.contains(&p.as_str()))
                .ok_or_else(|| AppError::bad_request("penilai: atasan | rekan"))?,
        ),
        _ => None,
    };
    let pelatihan = match f.instrumen.as_str() {
        "reaksi" => Some(
            f.pelatihan
                .clone()
                .ok_or_else(|| AppError::bad_request("pelatihan?"))?,
        ),
        "kinerja" | "nonpeserta" => None,
        _ => {
            return Err(AppError::bad_request(
                "instrumen: reaksi | kinerja | nonpeserta",
            ));
        }
    };
    let targets = app
        .store
        .survey_targets(&kode, &f.instrumen, pelatihan.as_deref())
        .await?;
    let base = crate::forms::base_url(&app);
    let mut tokens = Vec::with_capacity(targets.len());
    let mut rows = Vec::with_capacity(targets.len());
    for target in &targets {
        use monev_report::table::Cell;
        let token = new_token();
        tokens.push(NewToken {
            token_hash: auth::token_hash(&token),
            nip: target.nip.clone(),
            pelatihan: pelatihan.clone(),
            penilai: penilai.clone(),
        });
        rows.push(vec![
            Cell::Text(target.nip.clone()),
            Cell::Text(target.nama.clone()),
            Cell::Text(target.instansi.clone()),
            Cell::Text(
                pelatihan
                    .clone()
                    .or_else(|| penilai.clone())
                    .unwrap_or_default(),
            ),
            Cell::Text(format!("{base}/t/{token}")),
        ]);
    }
    app.store
        .create_survey_tokens(&kode, &f.instrumen, &tokens)
        .await?;
    app.store
        .audit(
            Some(&session.user),
            "buat_token_survei",
            &format!("program:{kode} instrumen:{}", f.instrumen),
            None,
            Some(&format!(
                "{} token{}",
                tokens.len(),
                pelatihan
                    .as_deref()
                    .or(penilai.as_deref())
                    .map(|x| format!(" ({x})"))
                    .unwrap_or_default()
            )),
        )
        .await?;
    let headers_row = [
        "nip",
        "nama",
        "instansi",
        if f.instrumen == "reaksi" {
            "pelatihan"
        } else {
            "penilai"
        },
        "tautan",
    ];
    let csv = monev_report::table::csv(&headers_row, &rows);
    let name = format!(
        "token-{}-{}.csv",
        f.instrumen,
        pelatihan.or(penilai).unwrap_or_else(|| "semua".into())
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}\"",
                    name.replace(
                        |c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '.',
                        "_"
                    )
                ),
            ),
        ],
        csv,
    )
        .into_response())
}

// ── answering ────────────────────────────────────────────────────────────

async fn token(app: &App, raw: &str) -> Result<SurveyToken, AppError> {
    if raw.len() > 64 {
        return Err(AppError::not_found());
    }
    app.store
        .survey_token(&auth::token_hash(raw))
        .await?
        .ok_or_else(AppError::not_found)
}

fn header(t: &SurveyToken, i: &Instrument, lang: Lang) -> Markup {
    let (who_before, who_strong, who_after) = match t.instrumen.as_str() {
        "reaksi" => (
            format!("{}: ", lang.pick("Pelatihan", "Training")),
            Some(t.pelatihan_nama.as_deref().unwrap_or_default()),
            format!(" · {}", t.nama),
        ),
        "kinerja" => (
            format!("{} ", lang.pick("Penilaian untuk", "Rating of")),
            Some(t.nama.as_str()),
            format!(
                " ({}) · {}: {}",
                t.instansi,
                lang.pick("penilai", "rater"),
                t.penilai.as_deref().unwrap_or_default()
            ),
        ),
        _ => (
            lang.pick(
                "Jawaban Anda disimpan tanpa nama, hanya per unit kerja.",
                "Your answers are kept without your name, by work unit only.",
            )
            .to_string(),
            None,
            String::new(),
        ),
    };
    Markup::of(&PublicHeader {
        program: &t.program_nama,
        title: i.judul.get(lang.code()).unwrap_or(&i.kode),
        unit: None,
        who_before,
        who_strong,
        who_after,
        other_lang: None,
    })
}

fn form_html(
    raw: &str,
    t: &SurveyToken,
    i: &Instrument,
    lang: Lang,
    uuid: &str,
    values: &HashMap<String, String>,
    problems: &HashMap<String, String>,
) -> Markup {
    Markup::of(&AnswerForm {
        header: header(t, i, lang),
        problems: problems.len(),
        problems_text: problems_text(problems.len(), lang),
        action: format!(
            "/t/{}{}",
            crate::pages::url_encode(raw),
            if lang == Lang::En { "?lang=en" } else { "" }
        ),
        uuid,
        honeypot: false,
        items: items(i, &i.items, lang, values, problems),
        submit: lang.pick("Kirim jawaban", "Send answers"),
    })
}

#[derive(Template)]
#[template(path = "token_done.html")]
struct Done {
    header: Markup,
    text: &'static str,
}

/// The page of a used token: its answers are in (this one or another form's).
fn done_page(t: &SurveyToken, i: &Instrument, lang: Lang) -> Response {
    let body = Done {
        header: header(t, i, lang),
        text: lang.pick(
            "Terima kasih. Jawaban untuk tautan ini sudah kami terima; tautan ini tidak dapat dipakai lagi.",
            "Thank you. The answers for this link have been received; it cannot be used again.",
        ),
    };
    view::page(
        lang.pick("Terima kasih", "Thank you"),
        Markup::of(&body),
        None,
        lang,
        None,
    )
}

pub async fn show(
    State(app): State<App>,
    Path(raw): Path<String>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &common(&q));
    let t = token(&app, &raw).await?;
    let i = instrument_for(&app, &t).await?;
    if t.dipakai_uuid.is_some() {
        return Ok(done_page(&t, &i, lang));
    }
    let body = form_html(
        &raw,
        &t,
        &i,
        lang,
        &uuid4(),
        &HashMap::new(),
        &HashMap::new(),
    );
    let mut res = view::page(
        i.judul.get(lang.code()).unwrap_or(&i.kode),
        body,
        None,
        lang,
        set,
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
    Ok(res)
}

pub async fn submit(
    State(app): State<App>,
    Path(raw): Path<String>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (lang, _) = language(&headers, &common(&q));
    let t = token(&app, &raw).await?;
    let i = instrument_for(&app, &t).await?;
    let Posted { answers, uuid, .. } = posted(fields);
    if !valid_uuid(&uuid) {
        return Err(AppError::bad_request(lang.pick(
            "Formulir tidak lengkap; muat ulang halamannya.",
            "The form is incomplete; reload the page.",
        )));
    }
    let clean = match i.check_typed(&answers, &today(t.zona_waktu), lang.code()) {
        Ok(c) => c,
        Err(problems) => {
            let problems: HashMap<String, String> = problems.into_iter().collect();
            let body = form_html(&raw, &t, &i, lang, &uuid, &answers, &problems);
            let mut res = view::page(
                i.judul.get(lang.code()).unwrap_or(&i.kode),
                body,
                None,
                lang,
                None,
            );
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let scores = |clean: &HashMap<String, String>| -> Vec<(String, i64)> {
        i.questions()
            .iter()
            .filter_map(|(q, _)| {
                let v = clean.get(&q.name)?.parse::<i64>().ok()?;
                q.kind.list().map(|_| (q.name.clone(), v))
            })
            .collect()
    };
    let written = match t.instrumen.as_str() {
        "reaksi" => TokenAnswers::Reaksi(scores(&clean)),
        "kinerja" => TokenAnswers::Kinerja(scores(&clean)),
        _ => TokenAnswers::Nonpeserta {
            alasan: clean.get("alasan").cloned().unwrap_or_default(),
            alasan_lain: clean.get("alasan_lain").cloned(),
            minat: clean.get("minat").cloned(),
        },
    };
    let outcome = app
        .store
        .answer_with_token(
            &auth::token_hash(&raw),
            &uuid,
            &today(t.zona_waktu),
            &written,
        )
        .await?;
    tracing::info!(instrumen = %t.instrumen, ?outcome, "token survey answer");
    match outcome {
        TokenOutcome::Saved | TokenOutcome::Already => Ok(Redirect::to(&format!(
            "/t/{raw}{}",
            if lang == Lang::En { "?lang=en" } else { "" }
        ))
        .into_response()),
        TokenOutcome::Used => {
            let mut res = done_page(&t, &i, lang);
            *res.status_mut() = StatusCode::CONFLICT;
            Ok(res)
        }
    }
}
