//! Public survey forms: a short link per instrument × instansi (`/f/{kode}`),
//! its QR code (SVG, PNG) and an A4 poster for the counter; the form itself,
//! anonymous, mobile-first and without JavaScript. Each rendered form
//! carries a fresh UUID, so submitting it twice (a double tap, a reload, a
//! flaky connection) stores one response. A honeypot field and a per-address
//! rate limit keep spam out. SKM answers go straight into the programme's
//! SKM rows: the IKM on the dashboard moves with the next page view.

use askama::Template;
use std::collections::HashMap;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use monev_domain::Lang;
use monev_domain::format::number;
use monev_store::{FormLink, SkmSubmission};
use monev_survey::{Instrument, Item, Kind, Question, Required, Target};

use crate::pages::{AppError, Common, language, programme, scope};
use crate::view::{self, Markup};
use crate::{App, Session};

/// `len` random characters without look-alikes (no 0/O, 1/I/L): easy to
/// type from a poster or a printed list.
pub(crate) fn random_code(len: usize) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut b = vec![0u8; len];
    getrandom::fill(&mut b).expect("the operating system's random source");
    b.iter()
        .map(|x| ALPHABET[usize::from(*x) % ALPHABET.len()] as char)
        .collect()
}

/// A public link's code: 8 characters.
pub(crate) fn short_code() -> String {
    random_code(8)
}

/// A posted questionnaire: its answers (a select_multiple's choices joined
/// by spaces), the form's UUID and the honeypot field.
pub(crate) struct Posted {
    pub answers: HashMap<String, String>,
    pub uuid: String,
    pub honeypot: String,
}

pub(crate) fn posted(fields: Vec<(String, String)>) -> Posted {
    let mut p = Posted {
        answers: HashMap::new(),
        uuid: String::new(),
        honeypot: String::new(),
    };
    for (k, v) in fields {
        match k.as_str() {
            "_uuid" => p.uuid = v,
            "_situs" => p.honeypot = v,
            _ => {
                let e = p.answers.entry(k).or_default();
                if !e.is_empty() {
                    e.push(' ');
                }
                e.push_str(v.trim());
            }
        }
    }
    p
}

/// A random (version 4) UUID, hyphenated, lower case: the identity a
/// form carries so that sending it twice stores it once.
pub(crate) fn uuid4() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A hyphenated UUID (any version), as a form sends it back.
pub(crate) fn valid_uuid(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok()
}

/// The address a link is reached at: `--public-url`, else the address this
/// server listens on (`App::local_url`). Never the request's `Host` header:
/// anyone can send one, and a QR poster printed from a page requested as
/// `Host: evil.example` would send citizens there.
pub(crate) fn base_url(app: &App) -> String {
    match &app.settings.public_url {
        Some(u) => u.trim_end_matches('/').to_string(),
        None => app.local_url(),
    }
}

/// A warning for the pages that hand out links, while `--public-url` is not
/// set: the links name this computer's own address, which citizens' phones
/// may not reach. Empty once it is set.
pub(crate) fn public_url_note(app: &App, lang: Lang) -> Markup {
    let text = app.settings.public_url.is_none().then(|| {
        crate::teks::say(
            crate::teks::Teks::AlamatPublik,
            lang,
            &[("alamat", &app.local_url())],
        )
    });
    Markup::of(&UrlNote { text })
}

#[derive(Template)]
#[template(path = "url_note.html")]
struct UrlNote {
    text: Option<String>,
}

/// Today in a programme's time zone, `YYYY-MM-DD`: the date its answers
/// are given.
pub(crate) fn today(zona: monev_domain::ZonaWaktu) -> String {
    monev_domain::Date::local(crate::now(), zona).to_string()
}

// ── the list of links, for those who print posters ──────────────────────

pub async fn list(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &q);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let own = scope(&session.user, None)?;
    let kode = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let instrumen = q.instrumen.clone().unwrap_or_else(|| "skm".into());
    let (i, _, _) = crate::instruments::resolve(&app, &kode, &instrumen)
        .await?
        .filter(|_| !["reaksi", "kinerja", "nonpeserta"].contains(&instrumen.as_str()))
        .ok_or_else(AppError::not_found)?;
    let links = app.store.form_links(&kode, &instrumen, short_code).await?;
    let base = base_url(&app);
    // Other public instruments of the programme.
    let held = app.store.instruments(&kode).await?;
    let mut choices: Vec<String> = vec!["skm".into()];
    choices.extend(
        held.iter()
            .map(|h| h.kode.clone())
            .filter(|k| !["skm", "reaksi", "kinerja", "nonpeserta"].contains(&k.as_str())),
    );
    let switch: Vec<(String, Option<String>)> = choices
        .iter()
        .map(|c| {
            let href = (*c != instrumen)
                .then(|| format!("/formulir?instrumen={}", crate::pages::url_encode(c)));
            (c.clone(), href)
        })
        .collect();
    let body = FormLinksPage {
        title: i.judul.get(lang.code()).unwrap_or(&i.kode).to_string(),
        switch,
        url_note: public_url_note(&app, lang),
        links: links
            .iter()
            .filter(|l| own.is_none_or(|o| o == l.instansi))
            .map(|l| LinkRow {
                unit: l.instansi_nama.clone(),
                unit_code: l.instansi.clone(),
                kode: l.kode.clone(),
                url: format!("{base}/f/{}", l.kode),
                via_form: number(l.kiriman.unwrap_or(0) as f64, 0, lang),
                all: number(l.responden.unwrap_or(0) as f64, 0, lang),
            })
            .collect(),
        // The raw answers are for those who analyse them, not for enumerators.
        export_note: (session.user.role != monev_store::Role::Enumerator).then(|| {
            t(
                "(tata letak seperti ekspor KoboToolbox: nama kolom XLSForm lalu _id, _uuid, _submission_time, _validation_status, _sumber)",
                "(laid out like a KoboToolbox export: XLSForm column names, then _id, _uuid, _submission_time, _validation_status, _sumber)",
            )
        }),
        manage: matches!(
            session.user.role,
            monev_store::Role::Admin | monev_store::Role::Evaluator
        )
        .then(|| {
            (
                t(
                    "Impor ekspor KoboToolbox / ODK",
                    "Import a KoboToolbox / ODK export",
                ),
                t("Instrumen", "Instruments"),
            )
        }),
        w: LinksWords {
            instrument: t("Instrumen", "Instrument"),
            intro: t(
                "Setiap unit layanan punya tautan pendek dan kode QR sendiri. Cetak posternya dan pasang di loket; jawaban warga langsung masuk ke IKM unit itu.",
                "Each service unit has its own short link and QR code. Print the poster for the counter; citizens' answers reach the unit's IKM at once.",
            ),
            unit: t("Instansi", "Unit"),
            link: t("Tautan", "Link"),
            qr: t("Kode QR", "QR code"),
            via_form: t("Lewat formulir", "Via the form"),
            all: t("Semua responden", "All respondents"),
            poster: t("Poster A4", "A4 poster"),
            download: t("Unduh semua jawaban SKM", "Download every SKM response"),
        },
    };
    Ok(view::page(
        t("Formulir", "Forms"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

/// A unit's form link on the list.
struct LinkRow {
    unit: String,
    unit_code: String,
    kode: String,
    url: String,
    via_form: String,
    all: String,
}

/// The list page's fixed words.
struct LinksWords {
    instrument: &'static str,
    intro: &'static str,
    unit: &'static str,
    link: &'static str,
    qr: &'static str,
    via_form: &'static str,
    all: &'static str,
    poster: &'static str,
    download: &'static str,
}

#[derive(Template)]
#[template(path = "form_links.html")]
struct FormLinksPage {
    title: String,
    /// Each public instrument: its code, and a link unless it is this one.
    switch: Vec<(String, Option<String>)>,
    url_note: Markup,
    links: Vec<LinkRow>,
    export_note: Option<&'static str>,
    /// (import a Kobo export, instruments) for who may manage them.
    manage: Option<(&'static str, &'static str)>,
    w: LinksWords,
}

// ── the public form ──────────────────────────────────────────────────────

/// How long a form link and its instrument are served from memory: every
/// view and submission of a public form needs them, and they change only
/// when an instrument is uploaded or the units are re-imported (which
/// forget them at once on this server; another server sees it within this).
const LINK_TTL: std::time::Duration = std::time::Duration::from_secs(5);

async fn live_link(
    app: &App,
    kode: &str,
) -> Result<std::sync::Arc<(FormLink, Instrument)>, AppError> {
    let held = app.links.read().await.get(kode).cloned();
    if let Some((at, entry)) = held
        && at.elapsed() < LINK_TTL
    {
        return Ok(entry);
    }
    let entry = std::sync::Arc::new(read_live_link(app, kode).await?);
    let mut links = app.links.write().await;
    if links.len() > 10_000 {
        links.clear();
    }
    links.insert(kode.to_string(), (std::time::Instant::now(), entry.clone()));
    Ok(entry)
}

async fn read_live_link(app: &App, kode: &str) -> Result<(FormLink, Instrument), AppError> {
    let link = app
        .store
        .form_link(kode)
        .await?
        .filter(|l| l.aktif)
        .ok_or_else(AppError::not_found)?;
    let (instrument, versi, _) = crate::instruments::resolve(app, &link.program, &link.instrumen)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((
        link,
        Instrument {
            versi: versi.to_string(),
            ..instrument
        },
    ))
}

fn label(q: &Question, lang: Lang) -> &str {
    q.label.get(lang.code()).unwrap_or(&q.name)
}

/// A choice of a select question.
struct Choice<'a> {
    value: &'a str,
    label: &'a str,
    checked: bool,
}

/// One question as form controls, with its previous value and problem.
#[derive(Template)]
#[template(path = "question.html")]
struct QuestionView<'a> {
    note: bool,
    /// A select question's choices.
    choices: Option<Vec<Choice<'a>>>,
    multi: bool,
    id: String,
    name: &'a str,
    label: &'a str,
    hint: Option<&'a str>,
    problem: Option<&'a str>,
    required: bool,
    value: &'a str,
    input_type: &'static str,
    inputmode: Option<&'static str>,
    step: bool,
    maxlength: Option<usize>,
}

fn question<'a>(
    i: &'a Instrument,
    q: &'a Question,
    lang: Lang,
    values: &'a HashMap<String, String>,
    problems: &'a HashMap<String, String>,
) -> Option<Markup> {
    // The unit comes from the link, never from the respondent.
    if i.target_of(&q.name) == Some(Target::Instansi) {
        return None;
    }
    let value = values.get(&q.name).map(String::as_str).unwrap_or("");
    let mut v = QuestionView {
        note: matches!(q.kind, Kind::Note),
        choices: None,
        multi: matches!(q.kind, Kind::SelectMultiple { .. }),
        id: format!("q-{}", q.name),
        name: &q.name,
        label: label(q, lang),
        hint: q.hint.get(lang.code()),
        problem: problems.get(&q.name).map(String::as_str),
        required: q.required == Required::Yes,
        value,
        input_type: "text",
        inputmode: None,
        step: false,
        maxlength: None,
    };
    match &q.kind {
        Kind::Note => {}
        Kind::SelectOne { list } | Kind::SelectMultiple { list } => {
            let picked: Vec<&str> = value.split_whitespace().collect();
            v.choices = Some(
                i.choices
                    .get(list)
                    .into_iter()
                    .flatten()
                    .map(|c| Choice {
                        value: &c.name,
                        label: c.label.get(lang.code()).unwrap_or(&c.name),
                        checked: picked.contains(&c.name.as_str()),
                    })
                    .collect(),
            );
        }
        Kind::Integer => {
            v.input_type = "number";
            v.inputmode = Some("numeric");
            v.step = true;
        }
        Kind::Decimal => v.inputmode = Some("decimal"),
        Kind::Date => v.input_type = "date",
        _ => v.maxlength = Some(monev_survey::MAX_TEXT_CHARS),
    }
    Some(Markup::of(&v))
}

#[derive(Template)]
#[template(path = "group.html")]
struct GroupView<'a> {
    label: &'a str,
    items: Vec<Markup>,
}

/// The instrument's items as form controls, groups as fieldsets.
pub(crate) fn items(
    i: &Instrument,
    items_: &[Item],
    lang: Lang,
    values: &HashMap<String, String>,
    problems: &HashMap<String, String>,
) -> Vec<Markup> {
    items_
        .iter()
        .filter_map(|item| match item {
            Item::Question(q) => question(i, q, lang, values, problems),
            Item::Group(g) => Some(Markup::of(&GroupView {
                label: g.label.get(lang.code()).unwrap_or(&g.name),
                items: items(i, &g.items, lang, values, problems),
            })),
        })
        .collect()
}

/// The header of a page a respondent answers on.
#[derive(Template)]
#[template(path = "public_header.html")]
pub(crate) struct PublicHeader<'a> {
    pub program: &'a str,
    pub title: &'a str,
    pub unit: Option<&'a str>,
    pub who_before: String,
    pub who_strong: Option<&'a str>,
    pub who_after: String,
    /// (code, name) of the other language.
    pub other_lang: Option<(&'static str, &'static str)>,
}

/// A questionnaire to answer: its header, how many answers need fixing,
/// the controls.
#[derive(Template)]
#[template(path = "answer_form.html")]
pub(crate) struct AnswerForm<'a> {
    pub header: Markup,
    pub problems: usize,
    pub problems_text: String,
    pub action: String,
    pub uuid: &'a str,
    /// The public form's trap for bots.
    pub honeypot: bool,
    pub items: Vec<Markup>,
    pub submit: &'static str,
}

/// "2 answers need fixing; see the marks below."
pub(crate) fn problems_text(n: usize, lang: Lang) -> String {
    format!(
        "{} {}",
        number(n as f64, 0, lang),
        lang.pick(
            "jawaban perlu diperbaiki; lihat tanda di bawah.",
            "answers need fixing; see the marks below."
        )
    )
}

fn form_page(
    link: &FormLink,
    i: &Instrument,
    lang: Lang,
    uuid: &str,
    values: &HashMap<String, String>,
    problems: &HashMap<String, String>,
) -> Markup {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let header = PublicHeader {
        program: &link.program_nama,
        title: i.judul.get(lang.code()).unwrap_or(&i.kode),
        unit: Some(&link.instansi_nama),
        who_before: t(
            "Jawaban Anda anonim: kami tidak menanyakan nama, NIK, atau nomor telepon. Pertanyaan bertanda * wajib dijawab.",
            "Your answers are anonymous: we do not ask your name, NIK or phone number. Questions marked * are required.",
        )
        .to_string(),
        who_strong: None,
        who_after: String::new(),
        other_lang: Some(if lang == Lang::En {
            ("id", "Bahasa Indonesia")
        } else {
            ("en", "English")
        }),
    };
    Markup::of(&AnswerForm {
        header: Markup::of(&header),
        problems: problems.len(),
        problems_text: problems_text(problems.len(), lang),
        action: format!(
            "/f/{}{}",
            link.kode,
            if lang == Lang::En { "?lang=en" } else { "" }
        ),
        uuid,
        honeypot: true,
        items: items(i, &i.items, lang, values, problems),
        submit: t("Kirim jawaban", "Send answers"),
    })
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct LangQuery {
    pub(crate) lang: Option<String>,
}

pub(crate) fn common(q: &LangQuery) -> Common {
    Common {
        lang: q.lang.clone(),
        program: None,
        instrumen: None,
        periode: None,
    }
}

pub async fn show(
    State(app): State<App>,
    Path(kode): Path<String>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &common(&q));
    let held = live_link(&app, &kode).await?;
    let (link, i) = (&held.0, &held.1);
    let body = form_page(link, i, lang, &uuid4(), &HashMap::new(), &HashMap::new());
    let mut res = view::page(
        i.judul.get(lang.code()).unwrap_or(&i.kode),
        body,
        None,
        lang,
        set,
    );
    // Each rendering carries a fresh UUID: never serve it from a cache.
    res.headers_mut()
        .insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
    Ok(res)
}

pub async fn submit(
    State(app): State<App>,
    Path(kode): Path<String>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (lang, _) = language(&headers, &common(&q));
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let held = live_link(&app, &kode).await?;
    let (link, i) = (&held.0, &held.1);
    let thanks = format!(
        "/f/{}/terima-kasih{}",
        link.kode,
        if lang == Lang::En { "?lang=en" } else { "" }
    );
    // Every attempt counts, good or bad, so a flood is cut off whatever it sends.
    let client = crate::client_ip(addr.ip(), &headers, &app.settings.trusted_proxies);
    if !app.allow_submission(client).await {
        let message = Message {
            title: t("Terlalu banyak kiriman", "Too many submissions"),
            text: t(
                "Dari alamat ini sudah banyak jawaban yang masuk. Coba lagi beberapa menit lagi.",
                "Many answers have come from this address. Please try again in a few minutes.",
            ),
        };
        let mut res = view::page(
            t("Terlalu banyak kiriman", "Too many submissions"),
            Markup::of(&message),
            None,
            lang,
            None,
        );
        *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        res.headers_mut()
            .insert(header::RETRY_AFTER, "600".parse().expect("static"));
        return Ok(res);
    }
    let Posted {
        mut answers,
        uuid,
        honeypot,
    } = posted(fields);
    let uuid = monev_domain::normalize_uuid(&uuid);
    if !valid_uuid(&uuid) {
        return Err(AppError::bad_request(t(
            "Formulir tidak lengkap; muat ulang halamannya.",
            "The form is incomplete; reload the page.",
        )));
    }
    if !honeypot.trim().is_empty() {
        // A bot filled the hidden field: thank it and keep nothing.
        tracing::info!(kode = %link.kode, "form honeypot: submission dropped");
        return Ok(Redirect::to(&thanks).into_response());
    }
    // The unit is the link's, whatever was posted.
    answers.retain(|k, _| i.target_of(k) != Some(Target::Instansi));
    if let Some((q, _)) = i
        .mapping()
        .into_iter()
        .find(|(_, t)| *t == Target::Instansi)
    {
        answers.insert(q.name.clone(), link.instansi.clone());
    }
    let clean = match i.check_typed(&answers, &today(link.zona_waktu), lang.code()) {
        Ok(clean) => clean,
        Err(problems) => {
            let problems: HashMap<String, String> = problems.into_iter().collect();
            let body = form_page(link, i, lang, &uuid, &answers, &problems);
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
    let added = keep(&app, link, i, &uuid, &today(link.zona_waktu), clean, "web").await?;
    tracing::info!(kode = %link.kode, added, "form submission");
    Ok(Redirect::to(&thanks).into_response())
}

/// Keeps a checked questionnaire of a form link, once per UUID: SKM rows
/// per unsur when the instrument feeds the SKM, else its answers as they
/// are. `sumber` says how it came (`web`, `odk`). True when it is new.
pub(crate) async fn keep(
    app: &App,
    link: &FormLink,
    i: &Instrument,
    uuid: &str,
    tanggal: &str,
    clean: HashMap<String, String>,
    sumber: &'static str,
) -> Result<bool, AppError> {
    if !i.feeds_skm() {
        // A form of its own: its answers kept as they are.
        let json = serde_json::to_string(&clean).map_err(|e| AppError::internal(e.to_string()))?;
        return Ok(app
            .store
            .add_answers(
                &link.program,
                uuid,
                &link.instrumen,
                i.versi.parse().unwrap_or(0),
                &link.instansi,
                &json,
            )
            .await?);
    }
    let submission = monev_survey::kobo::Submission {
        line: 0,
        uuid: Some(uuid.to_string()),
        tanggal: Some(tanggal.to_string()),
        answers: clean,
        review: None,
    };
    let response = monev_survey::kobo::skm_response(i, &submission, Some(&link.instansi))
        .map_err(|e| AppError::bad_request(&e))?
        .ok_or_else(|| {
            crate::pages::unprocessable(
                "Jawab sedikitnya satu pertanyaan tentang layanan; kuesioner kosong tidak dihitung.",
                "Answer at least one question about the service; an empty questionnaire does not count.",
            )
        })?;
    Ok(app
        .store
        .add_skm_submission(
            &link.program,
            sumber,
            SkmSubmission {
                line: 0,
                response,
                uuid: Some(uuid.to_string()),
                review: None,
            },
        )
        .await?)
}

pub async fn thanks(
    State(app): State<App>,
    Path(kode): Path<String>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &common(&q));
    let held = live_link(&app, &kode).await?;
    let link = &held.0;
    let body = Thanks {
        title: lang.pick("Terima kasih", "Thank you"),
        text: lang.pick(
            "Jawaban Anda sudah kami terima dan langsung dihitung dalam Indeks Kepuasan Masyarakat unit ini.",
            "Your answers have been received and count in this unit's public satisfaction index at once.",
        ),
        unit: &link.instansi_nama,
        again_href: format!(
            "/f/{}{}",
            link.kode,
            if lang == Lang::En { "?lang=en" } else { "" }
        ),
        // A tablet at the counter serves the next citizen a fresh form.
        again: lang.pick(
            "Isi formulir baru (responden berikutnya)",
            "A new form (next respondent)",
        ),
    };
    Ok(view::page(
        lang.pick("Terima kasih", "Thank you"),
        Markup::of(&body),
        None,
        lang,
        set,
    ))
}

/// A page of a heading and a sentence.
#[derive(Template)]
#[template(path = "message.html")]
pub(crate) struct Message<'a> {
    pub title: &'a str,
    pub text: &'a str,
}

#[derive(Template)]
#[template(path = "thanks.html")]
struct Thanks<'a> {
    title: &'static str,
    text: &'static str,
    unit: &'a str,
    again_href: String,
    again: &'static str,
}

// ── QR codes and the poster ──────────────────────────────────────────────

pub async fn qr_svg(
    State(app): State<App>,
    Path(kode): Path<String>,
) -> Result<Response, AppError> {
    let held = live_link(&app, &kode).await?;
    let link = &held.0;
    let url = format!("{}/f/{}", base_url(&app), link.kode);
    let svg = monev_report::qr::svg(&url, &url).ok_or_else(|| AppError::internal("qr".into()))?;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response())
}

pub async fn qr_png(
    State(app): State<App>,
    Path(kode): Path<String>,
) -> Result<Response, AppError> {
    let held = live_link(&app, &kode).await?;
    let link = &held.0;
    let url = format!("{}/f/{}", base_url(&app), link.kode);
    let png = monev_report::qr::png(&url, 12).ok_or_else(|| AppError::internal("qr".into()))?;
    Ok(([(header::CONTENT_TYPE, "image/png")], png).into_response())
}

pub async fn poster(
    State(app): State<App>,
    Path(kode): Path<String>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &common(&q));
    let held = live_link(&app, &kode).await?;
    let (link, i) = (&held.0, &held.1);
    let url = format!("{}/f/{}", base_url(&app), link.kode);
    let svg = monev_report::qr::svg(&url, &url).ok_or_else(|| AppError::internal("qr".into()))?;
    let body = Poster {
        url_note: public_url_note(&app, lang),
        program: &link.program_nama,
        title: i.judul.get(lang.code()).unwrap_or(&i.kode),
        unit: &link.instansi_nama,
        // The QR code's SVG, drawn (and escaped) by monev_report::qr.
        qr: Markup::trusted(svg),
        scan: lang.pick(
            "Pindai kode ini dengan kamera ponsel Anda, atau ketik alamatnya:",
            "Scan this code with your phone's camera, or type the address:",
        ),
        url: &url,
        anonymous: lang.pick(
            "Anonim · ±3 menit · tanpa nama dan NIK. Terima kasih atas penilaian Anda.",
            "Anonymous · about 3 minutes · no name or NIK. Thank you for your rating.",
        ),
    };
    Ok(view::page(
        lang.pick("Poster", "Poster"),
        Markup::of(&body),
        None,
        lang,
        set,
    ))
}

#[derive(Template)]
#[template(path = "poster.html")]
struct Poster<'a> {
    url_note: Markup,
    program: &'a str,
    title: &'a str,
    unit: &'a str,
    qr: Markup,
    scan: &'static str,
    url: &'a str,
    anonymous: &'static str,
}

// ── exports ──────────────────────────────────────────────────────────────

/// The SKM export's columns: the built-in instrument's XML names, then
/// Kobo's metadata, so `monev kobo` reads it back with no mapping.
pub(crate) const EXPORT_HEADERS: [&str; 21] = [
    "instansi",
    "jenis_layanan",
    "jenis_kelamin",
    "usia",
    "pendidikan",
    "pekerjaan",
    "u1",
    "u2",
    "u3",
    "u4",
    "u5",
    "u6",
    "u7",
    "u8",
    "u9",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_sumber",
    "_index",
];

/// An SKM export: the programme, the operator's unit (their rows only)
/// and the file name. Its rows are read from the database as they are
/// written out, so half a million questionnaires are never held at once.
pub(crate) struct SkmExport {
    kode: String,
    own: Option<String>,
    pub(crate) name: String,
}

pub(crate) async fn skm_export(
    app: &App,
    session: &Session,
    program: Option<&str>,
) -> Result<SkmExport, AppError> {
    let own = scope(&session.user, None)?.map(str::to_string);
    let kode = programme(app, program)
        .await?
        .ok_or_else(AppError::not_found)?;
    let name = match &own {
        Some(i) => format!("skm-{kode}-{i}"),
        None => format!("skm-{kode}"),
    };
    Ok(SkmExport { kode, own, name })
}

/// A review state as KoboToolbox labels it in its exports, so that `monev
/// kobo` (`monev_survey::kobo::review_state`) and Kobo-minded tools read it
/// back: received is blank, has issues is On Hold.
fn validation_status(t: monev_domain::StatusTinjauan) -> &'static str {
    use monev_domain::StatusTinjauan as S;
    match t {
        S::Diterima => "",
        S::Disetujui => "Approved",
        S::Bermasalah => "On Hold",
        S::Ditolak => "Not Approved",
    }
}

/// One SKM response as the export's cells ([`EXPORT_HEADERS`]); `n` is its
/// 1-based place in the export (`_index`).
fn export_cells(n: usize, r: monev_store::SkmExportRow) -> Vec<monev_report::table::Cell> {
    use monev_report::table::Cell;
    let mut c: Vec<Cell> = vec![
        Cell::Text(r.instansi),
        r.jenis_layanan.into(),
        r.jenis_kelamin.into(),
        r.usia.into(),
        r.pendidikan.into(),
        r.pekerjaan.into(),
    ];
    c.extend(r.jawaban.iter().map(|j| Cell::from(*j)));
    c.extend([
        Cell::Num(r.id as f64),
        r.uuid.into(),
        Cell::Text(r.tanggal),
        Cell::Text(validation_status(r.tinjauan).to_string()),
        Cell::Text(r.sumber),
        Cell::Num(n as f64),
    ]);
    c
}

impl SkmExport {
    /// The CSV, streamed to the client in chunks as the database returns
    /// the rows. A failure after the first bytes ends the connection, so a
    /// download is never silently short.
    pub(crate) fn csv(self, app: &App) -> Response {
        use futures_util::StreamExt;
        let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<axum::body::Bytes>>(4);
        let store = app.store.clone();
        let file = format!("{}.csv", self.name);
        tokio::spawn(async move {
            let mut csv = monev_report::table::CsvRows::new(&EXPORT_HEADERS);
            let mut rows = std::pin::pin!(store.skm_export_stream(&self.kode, self.own.as_deref()));
            let mut n = 0;
            while let Some(row) = rows.next().await {
                match row {
                    Ok(r) => {
                        n += 1;
                        csv.push(&export_cells(n, r));
                        if n % 512 == 0 && tx.send(Ok(csv.take().into())).await.is_err() {
                            return; // the client went away
                        }
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "SKM export stopped");
                        let _ = tx.send(Err(std::io::Error::other("export stopped"))).await;
                        return;
                    }
                }
            }
            let rest = csv.take();
            if !rest.is_empty() {
                let _ = tx.send(Ok(rest.into())).await;
            }
        });
        let chunks = futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|chunk| (chunk, rx))
        });
        download(
            &file,
            "text/csv; charset=utf-8",
            axum::body::Body::from_stream(chunks),
        )
    }

    /// The XLSX, written a row at a time in constant memory.
    pub(crate) async fn xlsx(self, app: &App, sheet: &str) -> Result<Response, AppError> {
        use futures_util::StreamExt;
        let mut book = monev_report::table::XlsxRows::new(sheet, &EXPORT_HEADERS)
            .map_err(AppError::internal)?;
        {
            let mut rows =
                std::pin::pin!(app.store.skm_export_stream(&self.kode, self.own.as_deref()));
            let mut n = 0;
            while let Some(row) = rows.next().await {
                n += 1;
                book.push(&export_cells(n, row?))
                    .map_err(AppError::internal)?;
            }
        }
        let bytes = tokio::task::spawn_blocking(move || book.finish())
            .await
            .map_err(|e| AppError::internal(format!("xlsx task: {e}")))?
            .map_err(AppError::internal)?;
        Ok(download(
            &format!("{}.xlsx", self.name),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            bytes,
        ))
    }
}

pub(crate) fn download(
    name: &str,
    content_type: &'static str,
    body: impl Into<axum::body::Body>,
) -> Response {
    let file: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        body.into(),
    )
        .into_response()
}

pub async fn export_csv(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    Ok(skm_export(&app, &session, q.program.as_deref())
        .await?
        .csv(&app))
}

pub async fn export_xlsx(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    skm_export(&app, &session, q.program.as_deref())
        .await?
        .xlsx(&app, "SKM")
        .await
}
