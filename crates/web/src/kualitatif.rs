//! Qualitative coding in the browser: the interviews and documents of a
//! programme, each shown with its coded segments; a coder selects a passage
//! (or pastes it) and gives it a code and a memo; assisted coding suggests
//! codes sentence by sentence from the keyword lexicon, showing the words
//! that triggered each, and the coder accepts or rejects — answers are kept
//! and the acceptance rate is shown per code and coder. Interviews (typed or
//! from .txt/.docx/PDF, with consent) and documents (PDF/DOCX/TXT) are
//! uploaded here; a scanned PDF is refused as such. Transcripts name people:
//! only the evaluator and the admin see them.

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use monev_domain::format::number;
use monev_domain::{
    JenisDokumen, KelompokResponden, KeputusanSamaran, KodeKualitatif, Kutipan, Lang, Sumber,
    Timestamp, TindakanSamaran,
};
use monev_store::{Role, SuggestionAnswer};
use serde::Deserialize;

use crate::csrf::{Checked, CheckedMultipart, NoFields};
use crate::pages::{AppError, Common, language, options, the_programme, unprocessable};
use crate::view::{self, Markup};
use crate::{App, Session};
use askama::Template;

/// What a cell of fewer than five interviews shows.
const SMALL: &str = "< 5";

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
    let n = |v: f64| number(v, 0, lang);
    let q = &e.kualitatif;
    let sources = sources
        .iter()
        .map(|s| SourceRow {
            href: href(&s.sumber),
            kode: s.sumber.kode().to_string(),
            kind: match s.sumber {
                Sumber::Wawancara(_) => kelompok_label(&s.jenis, lang),
                Sumber::Dokumen(_) => jenis_label(&s.jenis, lang),
            },
            about: s.keterangan.clone(),
            date: s.tanggal.clone(),
            chars: n(s.karakter as f64),
            segments: n(s.segmen as f64),
            coders: n(s.pengkode as f64),
        })
        .collect();
    // Codebook with frequencies and agreement.
    let codes = codebook
        .iter()
        .map(|c| {
            let stats = q.per_kode.iter().find(|k| k.kode == c.kode);
            let f = |v: Option<f64>| {
                v.filter(|x| x.is_finite())
                    .map_or("–".to_string(), |x| number(x, 2, lang))
            };
            CodeRow {
                kode: c.kode.clone(),
                nama: c.nama.clone(),
                definisi: c.definisi.clone(),
                segments: n(stats.map_or(0, |s| s.segmen) as f64),
                interviews: n(stats.map_or(0, |s| s.wawancara) as f64),
                documents: n(stats.map_or(0, |s| s.dokumen) as f64),
                kappa: f(stats.map(|s| s.kappa)),
                alpha: f(stats.map(|s| s.alpha)),
            }
        })
        .collect();
    // Code frequency per respondent group and per instansi (interviews
    // with the code; groups and units with fewer than five interviews are
    // not broken down).
    let frequency = q.per_kode.first().map(|first| {
        let units: Vec<&str> = first
            .per_instansi
            .iter()
            .filter(|(_, n)| n.is_some())
            .map(|(u, _)| u.as_str())
            .collect();
        let mut head: Vec<String> = first
            .per_kelompok
            .iter()
            .map(|(g, _)| {
                let (id, en) = g.label();
                lang.pick(id, en).to_string()
            })
            .collect();
        head.extend(units.iter().map(|u| u.to_string()));
        let cell =
            |n: Option<usize>| n.map_or_else(|| SMALL.to_string(), |n| number(n as f64, 0, lang));
        let rows = q
            .per_kode
            .iter()
            .map(|k| {
                let mut cells: Vec<String> = k.per_kelompok.iter().map(|(_, n)| cell(*n)).collect();
                cells.extend(
                    k.per_instansi
                        .iter()
                        .filter(|(u, _)| units.contains(&u.as_str()))
                        .map(|(_, n)| cell(*n)),
                );
                (k.kode.clone(), cells)
            })
            .collect();
        Frequency { head, rows }
    });
    let co_occurrence = q
        .kookurensi
        .iter()
        .map(|c| CoOccurrenceRow {
            a: c.a.clone(),
            b: c.b.clone(),
            interviews: n(c.wawancara as f64),
            documents: n(c.dokumen as f64),
            segments: n(c.segmen as f64),
        })
        .collect();
    // Assisted coding: acceptance per code and coder.
    let (all_n, all_ok) = acceptance
        .iter()
        .fold((0, 0), |(n, ok), a| (n + a.dijawab, ok + a.diterima));
    let acceptance = acceptance
        .iter()
        .map(|a| AcceptanceRow {
            kode: a.kode.clone(),
            coder: a.pengkode.clone(),
            answered: n(a.dijawab as f64),
            accepted: n(a.diterima as f64),
            pct: pct(a.diterima, a.dijawab, lang),
        })
        .collect();
    // Uploads.
    let units = app.store.units(&program).await?;
    let body = Overview {
        l: lang,
        sources,
        codes,
        csrf: &session.csrf,
        frequency,
        co_occurrence,
        acceptance,
        all: AcceptanceRow {
            kode: String::new(),
            coder: String::new(),
            answered: n(all_n as f64),
            accepted: n(all_ok as f64),
            pct: pct(all_ok, all_n, lang),
        },
        units: options(units.iter().map(|(k, n)| (k.as_str(), n.as_str()))),
        groups: options(KelompokResponden::ALL.iter().map(|g| {
            let (id, en) = g.label();
            (g.code(), lang.pick(id, en))
        })),
        kinds: options(JenisDokumen::ALL.iter().map(|j| {
            let (id, en) = j.label();
            (j.code(), lang.pick(id, en))
        })),
    };
    Ok(view::page(
        t("Koding kualitatif", "Qualitative coding"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

/// An interview or a document on the overview.
struct SourceRow {
    href: String,
    kode: String,
    kind: String,
    about: String,
    date: String,
    chars: String,
    segments: String,
    coders: String,
}

/// A code of the codebook with its frequencies and agreement.
struct CodeRow {
    kode: String,
    nama: String,
    definisi: String,
    segments: String,
    interviews: String,
    documents: String,
    kappa: String,
    alpha: String,
}

/// Interviews holding each code, by group and unit.
struct Frequency {
    head: Vec<String>,
    /// (code, one cell per column)
    rows: Vec<(String, Vec<String>)>,
}

/// Two codes found together.
struct CoOccurrenceRow {
    a: String,
    b: String,
    interviews: String,
    documents: String,
    segments: String,
}

/// Suggestions answered, for a code and a coder.
struct AcceptanceRow {
    kode: String,
    coder: String,
    answered: String,
    accepted: String,
    pct: String,
}

#[derive(Template)]
#[template(path = "kualitatif.html")]
struct Overview<'a> {
    l: Lang,
    sources: Vec<SourceRow>,
    codes: Vec<CodeRow>,
    csrf: &'a str,
    frequency: Option<Frequency>,
    co_occurrence: Vec<CoOccurrenceRow>,
    acceptance: Vec<AcceptanceRow>,
    all: AcceptanceRow,
    units: Markup,
    groups: Markup,
    kinds: Markup,
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

/// A piece of a source's text, and the codes of the chosen segments over
/// it (marked when any).
struct Piece {
    text: String,
    codes: Option<String>,
}

/// The text cut where the chosen segments start and end, each piece with
/// the codes over it.
fn pieces(text: &str, segs: &[&Kutipan]) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().collect();
    let mut cuts: Vec<usize> = vec![0, chars.len()];
    for k in segs {
        cuts.push(k.mulai.min(chars.len()));
        cuts.push(k.selesai.min(chars.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let mut codes: Vec<&str> = segs
                .iter()
                .filter(|k| k.mulai <= a && b <= k.selesai)
                .map(|k| k.kode.as_str())
                .collect();
            codes.sort_unstable();
            codes.dedup();
            Piece {
                text: chars[a..b].iter().collect(),
                codes: (!codes.is_empty()).then(|| codes.join(", ")),
            }
        })
        .collect()
}

/// A coded segment on its source's page.
struct SegmentRow {
    id: i64,
    from: usize,
    to: usize,
    kode: String,
    coder: String,
    passage: String,
    memo: String,
    removable: bool,
}

/// A suggested code for a sentence, and this coder's answer.
struct SuggestionRow {
    sentence: String,
    kode: String,
    triggers: String,
    status: &'static str,
    from: usize,
    to: usize,
}

#[derive(Template)]
#[template(path = "kualitatif_source.html")]
struct SourcePage<'a> {
    l: Lang,
    title: String,
    /// (coder, link unless shown)
    filter: Vec<(String, Option<String>)>,
    kode: &'a str,
    pieces: Vec<Piece>,
    here: String,
    csrf: &'a str,
    /// (kode, nama)
    codebook: Vec<(String, String)>,
    segments: Vec<SegmentRow>,
    suggestions: Vec<SuggestionRow>,
    /// (diterima, label) of the two answers to a suggestion.
    answers: [(u8, &'static str); 2],
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
    let filter = coders
        .iter()
        .map(|c| (*c, *c))
        .chain(std::iter::once(("semua", t("semua", "all"))))
        .map(|(v, label)| {
            let link =
                (v != whose).then(|| format!("{here}?pengkode={}", crate::pages::url_encode(v)));
            (label.to_string(), link)
        })
        .collect();
    let title = match &sumber {
        Sumber::Wawancara(k) => format!("{} {}", t("Wawancara", "Interview"), k),
        Sumber::Dokumen(k) => format!("{} {}", t("Dokumen", "Document"), k),
    };
    // Suggestions for this coder.
    let codes: Vec<String> = codebook.iter().map(|c| c.kode.clone()).collect();
    let suggestions = lexicon(&app, &program).await?.suggest(&text, Some(&codes));
    let answers = app.store.suggestion_answers(&program, &sumber).await?;
    let chars: Vec<char> = text.chars().collect();
    let suggestions = suggestions
        .iter()
        .map(|s| {
            let sentence: String = chars[s.mulai.min(chars.len())..s.selesai.min(chars.len())]
                .iter()
                .collect();
            let mine = answers
                .iter()
                .find(|a| a.mulai == s.mulai && a.kode == s.kode && a.pengkode == me);
            SuggestionRow {
                sentence: sentence.trim().to_string(),
                kode: s.kode.clone(),
                triggers: s.pemicu.join(", "),
                status: match mine {
                    Some(a) if a.diterima => t("diterima", "accepted"),
                    Some(_) => t("ditolak", "rejected"),
                    None => "–",
                },
                from: s.mulai,
                to: s.selesai,
            }
        })
        .collect();
    let body = SourcePage {
        l: lang,
        title: title.clone(),
        filter,
        kode: sumber.kode(),
        pieces: pieces(&text, &shown),
        csrf: &session.csrf,
        // Coding form: the selection fills the span (kualitatif.js); without
        // script, the pasted passage is found in the text.
        codebook: codebook
            .iter()
            .map(|c| (c.kode.clone(), c.nama.clone()))
            .collect(),
        // Segments, every coder's.
        segments: segments
            .iter()
            .map(|s| {
                let k = &s.kutipan;
                SegmentRow {
                    id: s.id,
                    from: k.mulai,
                    to: k.selesai,
                    kode: k.kode.clone(),
                    coder: k.pengkode.clone(),
                    passage: k.teks(&text).to_string(),
                    memo: k.memo.clone().unwrap_or_default(),
                    removable: k.pengkode == me || session.user.role == Role::Admin,
                }
            })
            .collect(),
        suggestions,
        answers: [(1, t("terima", "accept")), (0, t("tolak", "reject"))],
        here,
    };
    Ok(view::page(
        &title,
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
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
    let body = LexiconPage {
        l: lang,
        own: !held.is_empty(),
        csrf: &session.csrf,
        codes: codebook
            .iter()
            .map(|c| (c.kode.clone(), c.nama.clone(), words_of(&c.kode)))
            .collect(),
    };
    Ok(view::page(
        t("Leksikon kata kunci", "Keyword lexicon"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

#[derive(Template)]
#[template(path = "lexicon.html")]
struct LexiconPage<'a> {
    l: Lang,
    /// The programme has a lexicon of its own.
    own: bool,
    csrf: &'a str,
    /// (kode, nama, keywords)
    codes: Vec<(String, String, String)>,
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
        let got: Vec<(String, Option<String>)> = pieces("Antre <lama> sekali", &[&x, &y])
            .into_iter()
            .map(|p| (p.text, p.codes))
            .collect();
        let want = [
            ("Ant", Some("k.a")),
            ("re", Some("k.a, k.b")),
            (" <la", Some("k.b")),
            ("ma> sekali", None),
        ]
        .map(|(t, c)| (t.to_string(), c.map(str::to_string)));
        assert_eq!(got, want);
    }

    #[test]
    fn the_next_code_follows_the_highest() {
        let taken = ["W01".to_string(), "W30".into(), "D02".into(), "Wx".into()];
        assert_eq!(next_code(&taken, "W"), "W31");
        assert_eq!(next_code(&taken, "D"), "D03");
        assert_eq!(next_code(&[], "D"), "D01");
    }
}

// ── masks ────────────────────────────────────────────────────────────────

/// A quote cut into text and masks, for showing the masks marked.
fn masked_pieces(teks: &str) -> Vec<(String, bool)> {
    const MASKS: [&str; 6] = [
        "[nama]",
        "[NIP]",
        "[NIK]",
        "[telepon]",
        "[email]",
        "[alamat]",
    ];
    let mut out = Vec::new();
    let mut rest = teks;
    while let Some((at, mask)) = MASKS
        .iter()
        .filter_map(|m| rest.find(m).map(|p| (p, *m)))
        .min_by_key(|(p, _)| *p)
    {
        if at > 0 {
            out.push((rest[..at].to_string(), false));
        }
        out.push((mask.to_string(), true));
        rest = &rest[at + mask.len()..];
    }
    if !rest.is_empty() {
        out.push((rest.to_string(), false));
    }
    out
}

/// A quote as the report will print it.
struct MaskedQuote {
    /// The finding it stands under.
    temuan: String,
    pieces: Vec<(String, bool)>,
    atribusi: String,
    /// The source, for the evaluator to read the passage unmasked.
    href: String,
    kode: String,
}

/// A decision on a phrase.
struct MaskRow {
    teks: String,
    tindakan: String,
    oleh: String,
    waktu: String,
}

#[derive(Template)]
#[template(path = "samaran.html")]
struct MasksPage<'a> {
    l: Lang,
    csrf: &'a str,
    decisions: Vec<MaskRow>,
    quotes: Vec<MaskedQuote>,
}

/// Every quote that enters the report, with its masks marked, and the
/// evaluator's decisions: a phrase always masked, or never masked as a name.
pub async fn masks_page(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &q);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let program = the_programme(&app, q.program.as_deref()).await?;
    let decisions = app
        .store
        .masks(&program)
        .await?
        .into_iter()
        .map(|d| MaskRow {
            teks: d.teks,
            tindakan: match d.tindakan {
                TindakanSamaran::Samarkan => t("selalu disamarkan", "always masked"),
                TindakanSamaran::Biarkan => t("tidak disamarkan", "never masked"),
            }
            .to_string(),
            oleh: d.oleh,
            waktu: d.waktu.to_string(),
        })
        .collect();
    let e = app.evaluation(&program).await?;
    let mut quotes = Vec::new();
    for tr in &e.kualitatif.triangulasi {
        for k in &tr.kutipan {
            quotes.push(MaskedQuote {
                temuan: tr.temuan.clone(),
                pieces: masked_pieces(&k.teks),
                atribusi: lang.pick(&k.atribusi, &k.atribusi_en).to_string(),
                href: href(&Sumber::Wawancara(k.wawancara.clone())),
                kode: k.wawancara.clone(),
            });
        }
        for k in &tr.kutipan_dokumen {
            quotes.push(MaskedQuote {
                temuan: tr.temuan.clone(),
                pieces: masked_pieces(&k.teks),
                atribusi: format!("{} ({})", k.judul, jenis_label(&k.jenis, lang)),
                href: href(&Sumber::Dokumen(k.dokumen.clone())),
                kode: k.dokumen.clone(),
            });
        }
    }
    let body = MasksPage {
        l: lang,
        csrf: &session.csrf,
        decisions,
        quotes,
    };
    Ok(view::page(
        t("Samaran kutipan", "Masks in quotes"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

#[derive(Debug, Deserialize)]
pub struct MaskForm {
    teks: String,
    tindakan: String,
}

/// Records a decision on a phrase (in the audit log, with the one it
/// replaces).
pub async fn decide_mask(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Checked(f): Checked<MaskForm>,
) -> Result<Response, AppError> {
    let program = the_programme(&app, None).await?;
    let tindakan = TindakanSamaran::parse(&f.tindakan).ok_or_else(|| {
        unprocessable(
            "tindakan harus samarkan atau biarkan",
            "the action must be samarkan (mask) or biarkan (keep)",
        )
    })?;
    let teks = f.teks.split_whitespace().collect::<Vec<_>>().join(" ");
    let before = app
        .store
        .masks(&program)
        .await?
        .into_iter()
        .find(|d| d.teks.to_lowercase() == teks.to_lowercase())
        .map(|d| d.tindakan.code());
    let d = KeputusanSamaran {
        teks,
        tindakan,
        oleh: session.user.display_name().to_string(),
        // Local (WITA) wall-clock time, as every time in monev.
        waktu: Timestamp::from_seconds(crate::now() + 8 * 3600),
    };
    app.store
        .decide_mask(&program, &d)
        .await
        .map_err(|e| AppError::new(StatusCode::UNPROCESSABLE_ENTITY, &e.to_string(), ""))?;
    app.store
        .audit(
            Some(&session.user),
            "samaran",
            &format!("samaran:{}", d.teks),
            before,
            Some(tindakan.code()),
        )
        .await?;
    Ok(Redirect::to("/kualitatif/samaran").into_response())
}

#[derive(Debug, Deserialize)]
pub struct UndoMaskForm {
    teks: String,
}

/// Withdraws a decision on a phrase: the rules alone decide again.
pub async fn undo_mask(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Checked(f): Checked<UndoMaskForm>,
) -> Result<Response, AppError> {
    let program = the_programme(&app, None).await?;
    let before = app
        .store
        .masks(&program)
        .await?
        .into_iter()
        .find(|d| {
            d.teks.to_lowercase()
                == f.teks
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
        })
        .ok_or_else(AppError::not_found)?;
    app.store.undo_mask(&program, &before.teks).await?;
    app.store
        .audit(
            Some(&session.user),
            "cabut_samaran",
            &format!("samaran:{}", before.teks),
            Some(before.tindakan.code()),
            None,
        )
        .await?;
    Ok(Redirect::to("/kualitatif/samaran").into_response())
}
