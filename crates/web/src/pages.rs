//! Handlers: pages (server-rendered HTML, Indonesian first, English with
//! `?lang=en`) and the JSON API. Authorization has already run (see
//! `authorize` in lib.rs); handlers apply the instansi scope of operators.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form, Json};
use monev_domain::Lang;
use monev_store::{Role, StoreError, User};
use serde::Deserialize;

use crate::auth::{self, LOGIN_CSRF_COOKIE, SESSION_COOKIE};
use crate::csrf::Checked;
use crate::csrf::NoFields;
use crate::view::{self, Markup, Td, Th};
use crate::{App, Session, now};
use askama::Template;

/// An error as the user sees it: a status and a message in both languages.
#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub id: String,
    pub en: String,
}

impl AppError {
    pub(crate) fn new(status: StatusCode, id: &str, en: &str) -> AppError {
        AppError {
            status,
            id: id.into(),
            en: en.into(),
        }
    }
    pub fn not_found() -> AppError {
        AppError::new(
            StatusCode::NOT_FOUND,
            "Halaman atau data tidak ditemukan.",
            "Page or data not found.",
        )
    }
    pub fn unauthorized() -> AppError {
        AppError::new(
            StatusCode::UNAUTHORIZED,
            "Silakan masuk terlebih dahulu.",
            "Please sign in first.",
        )
    }
    pub fn forbidden() -> AppError {
        AppError::new(
            StatusCode::FORBIDDEN,
            "Peran Anda tidak memberi akses ke halaman ini.",
            "Your role gives no access to this page.",
        )
    }
    pub fn bad_request(message: &str) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, message, message)
    }
    pub fn internal(detail: String) -> AppError {
        tracing::error!(%detail, "internal error");
        AppError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Terjadi kesalahan di server; sudah dicatat.",
            "Something went wrong on the server; it has been logged.",
        )
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::NoSuchProgram(_) => AppError::not_found(),
            other => AppError::internal(other.to_string()),
        }
    }
}

impl IntoResponse for AppError {
    /// The status, with the error itself as an extension: `render_error`
    /// (the outermost middleware) turns it into a page in the layout, or
    /// JSON under `/api/`, so every error is shown one way.
    fn into_response(self) -> Response {
        let mut res = self.status.into_response();
        res.extensions_mut().insert(std::sync::Arc::new(self));
        res
    }
}

impl AppError {
    /// An error response that did not come from an `AppError`: axum's own
    /// refusals (a query or form that does not deserialize, a body over its
    /// limit, a method the route does not take) are plain English text, so
    /// they are told again in the user's terms; `detail` is axum's sentence,
    /// kept (less its "Failed to deserialize …:" preamble) because it names
    /// the field.
    pub(crate) fn from_status(status: StatusCode, detail: &str) -> AppError {
        let detail = detail
            .split_once(": ")
            .filter(|(head, _)| head.starts_with("Failed to"))
            .map_or(detail, |(_, rest)| rest)
            .trim();
        let (id, en) = match status {
            StatusCode::NOT_FOUND => return AppError::not_found(),
            StatusCode::METHOD_NOT_ALLOWED => (
                "Alamat ini tidak menerima permintaan seperti itu.",
                "This address does not take that kind of request.",
            ),
            StatusCode::PAYLOAD_TOO_LARGE => (
                "Berkas atau isian terlalu besar.",
                "The file or form is too large.",
            ),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => (
                "Isian dikirim dalam bentuk yang tidak dikenal; kirim ulang dari formulirnya.",
                "The form was sent in a format this address does not read; send it again from its form.",
            ),
            s if s.is_server_error() => {
                return AppError::internal(format!("{status}: {detail}"));
            }
            _ => (
                "Alamat atau isian tidak dapat dibaca; periksa lalu coba lagi.",
                "The address or the form could not be read; check it and try again.",
            ),
        };
        if detail.is_empty() {
            return AppError::new(status, id, en);
        }
        AppError::new(
            status,
            &format!("{id} Rincian: {detail}"),
            &format!("{en} Detail: {detail}"),
        )
    }

    /// The stable JSON shape of an API error.
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "error": {
                "status": self.status.as_u16(),
                "pesan": self.id,
                "message": self.en,
            }
        })
    }

    /// The error as a page in the layout: what was wrong (Indonesian, the
    /// English in brackets unless it says the same) and where to go on.
    pub(crate) fn page(&self, session: Option<&Session>, lang: Lang) -> Response {
        let t = |id: &'static str, en: &'static str| lang.pick(id, en);
        let english = !self.en.is_empty() && self.en != self.id;
        let (first, second, second_lang) = match (english, lang) {
            (true, Lang::En) => (self.en.as_str(), Some(self.id.as_str()), "id"),
            (true, _) => (self.id.as_str(), Some(self.en.as_str()), "en"),
            (false, Lang::En) if !self.en.is_empty() => (self.en.as_str(), None, "id"),
            (false, _) => (self.id.as_str(), None, "en"),
        };
        let (onward_href, onward_label) = if session.is_some() {
            ("/", t("Kembali ke beranda", "Back to the dashboard"))
        } else {
            ("/masuk", t("Masuk", "Sign in"))
        };
        let title = format!("{} {}", self.status.as_u16(), t("Galat", "Error"));
        let body = Markup::of(&view::ErrorBody {
            title: &title,
            first,
            second,
            second_lang,
            onward_href,
            onward_label,
        });
        let mut res = view::page(&title, body, session, lang, None);
        *res.status_mut() = self.status;
        res
    }
}

type Result<T> = std::result::Result<T, AppError>;

/// A value percent-encoded for a URL's query or path: letters, digits and
/// `-_./` kept, every other byte `%XX` (percent-encoding's table).
pub(crate) fn url_encode(s: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'/');
    percent_encoding::utf8_percent_encode(s, KEEP).to_string()
}

/// Only a path on this site may be a redirect target: `/` followed by
/// anything but `/` or `\` (`//host` and `/\host` are other hosts to a
/// browser), with no backslash and no control character anywhere (browsers
/// drop a tab or newline from a URL, so `/<TAB>/evil.example/` becomes
/// `//evil.example/`; a newline would not even make a header). The value
/// arrives percent-decoded (axum decodes the query and the form), so `%09`
/// is checked as the tab it is.
pub(crate) fn safe_target(ke: Option<&str>) -> &str {
    let local = |p: &str| {
        let mut chars = p.chars();
        chars.next() == Some('/')
            && !matches!(chars.next(), Some('/' | '\\'))
            && !p.chars().any(|c| c == '\\' || c.is_control())
    };
    match ke {
        Some(p) if local(p) => p,
        _ => "/",
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Common {
    pub lang: Option<String>,
    pub program: Option<String>,
    /// On the forms page: which instrument's links.
    pub instrumen: Option<String>,
    /// On the monitoring report: which period (`2025-T3`).
    pub periode: Option<String>,
}

/// The reader's language: `?lang=`, else the `monev_lang` cookie, else Indonesian.
pub(crate) fn language(headers: &HeaderMap, q: &Common) -> (Lang, Option<HeaderValue>) {
    if let Some(l) = q.lang.as_deref().and_then(Lang::parse) {
        let code = if l == Lang::En { "en" } else { "id" };
        // Not HttpOnly: nothing secret, and a year long.
        let cookie = cookie::Cookie::build(("monev_lang", code))
            .path("/")
            .same_site(cookie::SameSite::Lax)
            .max_age(cookie::time::Duration::days(365))
            .build()
            .to_string();
        return (l, HeaderValue::from_str(&cookie).ok());
    }
    (
        auth::cookie(headers, "monev_lang")
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_default(),
        None,
    )
}

const APP_CSS: &str = r#"
nav.atas{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;border-bottom:1px solid var(--line);padding:.6rem 0;margin-bottom:1rem}
nav.atas a{color:var(--brand);font-weight:600;text-decoration:none}
nav.atas a:focus,nav.atas a:hover{text-decoration:underline}
nav.atas .pengguna{margin-left:auto;color:var(--muted);font-size:.9rem}
nav.atas form{display:inline}
button,input[type=submit]{font:inherit;background:var(--brand);color:#fff;border:0;border-radius:6px;padding:.45rem .9rem;cursor:pointer}
button.tautan{background:none;color:var(--brand);padding:0;text-decoration:underline}
form.masuk{max-width:360px;display:grid;gap:.6rem}
label{font-weight:600}
input[type=text],input[type=password],input[type=search],select{font:inherit;padding:.45rem;border:1px solid #8a8f98;border-radius:6px;width:100%}
input:focus,button:focus,a:focus{outline:3px solid #f2a900;outline-offset:2px}
.galat{background:#fdecea;border:1px solid #c62828;color:#7f1d1d;padding:.6rem .8rem;border-radius:6px}
.halaman{display:flex;gap:1rem;align-items:center}
input[type=number],input[type=date]{font:inherit;padding:.45rem;border:1px solid #8a8f98;border-radius:6px;width:100%}
form.formulir{display:grid;gap:1rem;max-width:40rem}
section.rekomendasi{border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;margin:1rem 0}
section.rekomendasi h2{margin-top:0;font-size:1.1rem}
.tombol{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
form.sebaris{display:inline}
.status{font-weight:700}
.status.menunggu{color:var(--muted)}
.status.tolak{color:#a4262c}
.peringatan{color:#a4262c}
.soal{border:1px solid var(--line);border-radius:8px;padding:.7rem .8rem;margin:0;display:grid;gap:.35rem}
.soal legend{font-weight:600;padding:0 .2rem}
.kelompok{border:0;padding:0;margin:0;display:grid;gap:1rem}
.kelompok>legend{font-size:1.1rem;font-weight:700}
label.pilihan{display:flex;gap:.6rem;align-items:center;font-weight:400;min-height:2.75rem;padding:.2rem .4rem;border-radius:6px}
label.pilihan input{width:1.3rem;height:1.3rem;flex:none}
label.pilihan:hover{background:#f1f4f8}
.wajib{color:#b00020}
.petunjuk{color:var(--muted);margin:0;font-size:.9rem}
.soal .galat{margin:0}
form.formulir button{padding:.8rem 1rem;font-size:1.05rem}
.hp,.sr{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
header.publik h1{margin:.2rem 0}
.poster{text-align:center;max-width:180mm;margin:0 auto}
.poster h1{font-size:2rem}
.poster .unit{font-size:1.6rem;font-weight:700}
.poster .qr svg{width:120mm;height:120mm}
.poster .tautan{font-size:1.3rem;word-break:break-all}
.teks{white-space:pre-wrap;border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;line-height:1.7;max-height:32rem;overflow:auto;background:#fff}
.teks mark{background:#fff2b3;border-bottom:2px solid #b38600;padding:0 .05em}
textarea{font:inherit;padding:.45rem;border:1px solid #8a8f98;border-radius:6px;width:100%}
td form{display:inline;margin-right:.6rem}
form.saring{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:end}
form.saring label{display:grid;gap:.2rem}
form.saring select,form.saring input{width:auto}
td.status-ditolak{color:#a4262c;font-weight:700}
td.status-bermasalah{color:#8a5300;font-weight:700}
td.status-disetujui{color:#1b5e20}
.hasil{max-width:46rem;margin:0 auto}
.hasil .unit{font-size:1.3rem;font-weight:700}
.hasil .ikm .nilai{font-size:3rem;font-weight:800;color:var(--brand)}
.hasil .ikm .mutu{font-size:1.2rem;font-weight:700;padding:.1rem .5rem;vertical-align:super}
.hasil svg{max-width:100%;height:auto}
article.periode{border-top:1px solid var(--line);padding-top:.5rem;margin-top:1rem}
p.unduh{background:#eef3f8;border:1px solid var(--line);border-radius:8px;padding:.5rem .8rem}
@media print{@page{size:A4;margin:15mm}nav.atas,.layar{display:none}.poster{page-break-inside:avoid}}
"#;

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        format!("{}{APP_CSS}", monev_report::STYLE),
    )
        .into_response()
}

pub async fn healthz(State(app): State<App>) -> Response {
    match app.store.program_codes().await {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check");
            (StatusCode::SERVICE_UNAVAILABLE, "database tidak tersedia").into_response()
        }
    }
}

// ── signing in and out ───────────────────────────────────────────────────

#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    ke: Option<String>,
    lang: Option<String>,
}

fn login_page(lang: Lang, ke: &str, error: Option<&str>, status: StatusCode) -> Response {
    let token = auth::random_token();
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let body = Markup::of(&view::LoginBody {
        intro: t(
            "Monitoring dan evaluasi program peningkatan kualitas ASN. Masuk dengan akun dari admin.",
            "Monitoring and evaluation of ASN quality programmes. Sign in with the account your admin gave you.",
        ),
        error,
        token: &token,
        target: ke,
        username: t("Nama pengguna", "Username"),
        password: t("Kata sandi", "Password"),
        sign_in: t("Masuk", "Sign in"),
    });
    let mut res = view::page(t("Masuk", "Sign in"), body, None, lang, None);
    *res.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(&auth::set_cookie(
        LOGIN_CSRF_COOKIE,
        &token,
        false,
        Some(3600),
    )) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

pub async fn login_form(
    headers: HeaderMap,
    Query(q): Query<LoginQuery>,
    session: Option<Extension<Session>>,
) -> Response {
    let (lang, _) = language(
        &headers,
        &Common {
            lang: q.lang.clone(),
            program: None,
            instrumen: None,
            periode: None,
        },
    );
    if session.is_some() {
        return Redirect::to(safe_target(q.ke.as_deref())).into_response();
    }
    login_page(lang, safe_target(q.ke.as_deref()), None, StatusCode::OK)
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    csrf: String,
    ke: Option<String>,
}

pub async fn login(
    State(app): State<App>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response> {
    let (lang, _) = language(&headers, &Common::default());
    let target = safe_target(f.ke.as_deref()).to_string();
    let expected = auth::cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !auth::same_token(&expected, &f.csrf) {
        let msg = lang.pick(
            "Formulir kedaluwarsa; silakan coba lagi.",
            "The form expired; please try again.",
        );
        return Ok(login_page(lang, &target, Some(msg), StatusCode::FORBIDDEN));
    }
    let username = f.username.trim().to_lowercase();
    let keys = [
        format!("akun:{username}"),
        format!(
            "ip:{}",
            crate::client_ip(addr.ip(), &headers, &app.settings.trusted_proxies)
        ),
    ];
    let since = now() - auth::FAILURE_WINDOW_SECONDS;
    for k in &keys {
        if app.store.login_failures(k, since).await? >= auth::MAX_FAILURES {
            let msg = lang.pick(
                "Terlalu banyak percobaan gagal. Tunggu 15 menit lalu coba lagi.",
                "Too many failed attempts. Wait 15 minutes and try again.",
            );
            return Ok(login_page(
                lang,
                &target,
                Some(msg),
                StatusCode::TOO_MANY_REQUESTS,
            ));
        }
    }
    let found = app.store.user_for_login(&username).await?;
    let password = f.password.clone();
    // Verify even for unknown users, so timing does not tell which exist.
    let hash = match &found {
        Some((_, h)) => h.clone(),
        None => dummy_hash().await?,
    };
    let ok = tokio::task::spawn_blocking(move || auth::verify_password(&password, &hash))
        .await
        .map_err(|e| AppError::internal(e.to_string()))?;
    let user = match (found, ok) {
        (Some((user, _)), true) => user,
        _ => {
            for k in &keys {
                app.store.record_login_failure(k, now()).await?;
            }
            let msg = lang.pick(
                "Nama pengguna atau kata sandi salah.",
                "Wrong username or password.",
            );
            return Ok(login_page(
                lang,
                &target,
                Some(msg),
                StatusCode::UNAUTHORIZED,
            ));
        }
    };
    app.store.clear_login_failures(&keys[0]).await?;
    // A fresh token at every sign-in: no session fixation. A session the
    // browser already held (another account's, or one planted before) ends
    // here, so no token outlives a sign-in on the same browser.
    if let Some(old) = auth::cookie(&headers, SESSION_COOKIE) {
        app.store.delete_session(&auth::token_hash(&old)).await?;
    }
    let token = auth::random_token();
    app.store
        .create_session(
            &auth::token_hash(&token),
            user.id,
            &auth::random_token(),
            now(),
        )
        .await?;
    app.store
        .audit(Some(&user), "masuk", "sesi", None, None)
        .await?;
    let mut res = Redirect::to(&target).into_response();
    let secure = app.settings.secure_cookies;
    for c in [
        auth::set_cookie(SESSION_COOKIE, &token, secure, None),
        auth::set_cookie(LOGIN_CSRF_COOKIE, "", secure, Some(0)),
    ] {
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    Ok(res)
}

/// An argon2id hash of a random string, made once: unknown usernames are
/// checked against it so that a failure takes as long either way.
async fn dummy_hash() -> Result<String> {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_try_init(|| async {
        tokio::task::spawn_blocking(|| auth::hash_password(&auth::random_token()))
            .await
            .map_err(|e| AppError::internal(e.to_string()))?
            .map_err(AppError::internal)
    })
    .await
    .cloned()
}

pub(crate) fn check_csrf(session: &Session, given: &str) -> Result<()> {
    if auth::same_token(&session.csrf, given) {
        Ok(())
    } else {
        Err(AppError::new(
            StatusCode::FORBIDDEN,
            "Token formulir tidak sah; muat ulang halaman.",
            "Invalid form token; reload the page.",
        ))
    }
}

#[derive(Template)]
#[template(path = "options.html")]
struct Options<'a> {
    items: Vec<(&'a str, &'a str)>,
}

/// The options of a select: (value, label).
pub(crate) fn options<'a>(items: impl IntoIterator<Item = (&'a str, &'a str)>) -> Markup {
    Markup::of(&Options {
        items: items.into_iter().collect(),
    })
}

#[derive(Template)]
#[template(path = "no_data.html")]
struct NoData {
    title: &'static str,
    before: &'static str,
    command: &'static str,
    after: &'static str,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage<'a> {
    nama: &'a str,
    wilayah: &'a str,
    what: &'static str,
    version: i64,
    as_of: String,
    newer: Option<String>,
    others_label: &'static str,
    /// (link, programme code)
    others: Vec<(String, &'a str)>,
    scope_note: &'static str,
    instansi: Option<&'a str>,
    /// (link text, what it shows) to the regional drill-down, for those
    /// who may open it when the store has regions.
    regions: Option<(&'static str, &'static str)>,
    /// The report crate's dashboard, rendered (and escaped) there.
    fragment: Markup,
}

pub async fn logout(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Checked(_): Checked<NoFields>,
) -> Result<Response> {
    if let Some(token) = auth::cookie(&headers, SESSION_COOKIE) {
        app.store.delete_session(&auth::token_hash(&token)).await?;
    }
    app.store
        .audit(Some(&session.user), "keluar", "sesi", None, None)
        .await?;
    let mut res = Redirect::to("/masuk").into_response();
    if let Ok(v) = HeaderValue::from_str(&auth::set_cookie(
        SESSION_COOKIE,
        "",
        app.settings.secure_cookies,
        Some(0),
    )) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

// ── dashboard and report ─────────────────────────────────────────────────

/// The programme asked for, or the only one; `None` when the store is empty.
/// [`programme`], or 404 when the store holds none.
pub(crate) async fn the_programme(app: &App, asked: Option<&str>) -> Result<String> {
    programme(app, asked).await?.ok_or_else(AppError::not_found)
}

/// A 422 with its Indonesian and English message.
pub(crate) fn unprocessable(id: &str, en: &str) -> AppError {
    AppError::new(StatusCode::UNPROCESSABLE_ENTITY, id, en)
}

/// A submitted form field, trimmed; empty when it was not sent.
pub(crate) fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.trim())
}

pub(crate) async fn programme(app: &App, asked: Option<&str>) -> Result<Option<String>> {
    let codes = app.store.program_codes().await?;
    Ok(match asked {
        Some(k) if codes.iter().any(|c| c == k) => Some(k.to_string()),
        Some(_) => return Err(AppError::not_found()),
        None => codes.into_iter().next(),
    })
}

pub async fn dashboard(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response> {
    // An account limited to a region starts at its region's figures.
    if session.user.wilayah.is_some() {
        return Ok(Redirect::to("/wilayah").into_response());
    }
    let (lang, set) = language(&headers, &q);
    let Some(kode) = programme(&app, q.program.as_deref()).await? else {
        let body = NoData {
            title: lang.pick("Belum ada data", "No data yet"),
            before: lang.pick(
                "Impor paket data program dengan",
                "Import a programme's data package with",
            ),
            command: lang.pick("monev import PAKET", "monev import PACKAGE"),
            after: lang.pick(", lalu muat ulang halaman ini.", ", then reload this page."),
        };
        return Ok(view::page(
            "monev",
            Markup::of(&body),
            Some(&session),
            lang,
            set,
        ));
    };
    let view = app.evaluation_view(&kode).await?;
    let e = view.held.e.clone();
    let instansi = scope(&session.user, None)?;
    // When the figures were computed; while newer answers wait to be
    // counted, say so (the page is shown at once rather than after a
    // recomputation).
    let zona = e.program.zona_waktu;
    let codes = app.store.program_codes().await?;
    // Rendered once per programme, data version and language.
    let fragment = app.dashboard_fragment(&kode, lang, &e, instansi).await;
    let regions = (crate::ROUTES
        .iter()
        .any(|r| r.path == "/wilayah" && r.allows(session.user.role))
        && app.store.has_regions().await?)
        .then(|| {
            (
                lang.pick("Rekap wilayah", "Regional figures"),
                lang.pick(
                    "provinsi → kabupaten/kota → kecamatan → unit, dari jawaban mentah semua program",
                    "province → kabupaten/kota → kecamatan → unit, from every programme's raw answers",
                ),
            )
        });
    let body = DashboardPage {
        regions,
        nama: &e.program.nama,
        wilayah: &e.program.wilayah,
        what: lang.pick("dasbor", "dashboard"),
        version: view.held.version,
        as_of: format!(
            "{} {} {}",
            lang.pick("Angka per", "Figures as of"),
            zona.clock(view.held.at),
            zona.code()
        ),
        newer: view.newer.map(|v| {
            format!(
                "{} {} → {}); {}",
                lang.pick("(data versi", "(data version"),
                view.held.version,
                v,
                lang.pick(
                    "jawaban terbaru sedang dihitung, muat ulang sebentar lagi",
                    "the newest answers are being counted, reload in a moment"
                )
            )
        }),
        others_label: lang.pick("Program lain", "Other programmes"),
        others: if codes.len() > 1 {
            codes
                .iter()
                .filter(|c| **c != kode)
                .map(|c| (format!("/?program={}", url_encode(c)), c.as_str()))
                .collect()
        } else {
            Vec::new()
        },
        scope_note: lang.pick(
            "Angka program secara keseluruhan, dengan rincian per instansi untuk instansi Anda saja:",
            "Programme-wide figures, with the per-instansi breakdown for your instansi only:",
        ),
        instansi,
        fragment: Markup::trusted(fragment.as_ref().clone()),
    };
    Ok(view::page(
        lang.pick("Dasbor", "Dashboard"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}

#[derive(Template)]
#[template(path = "report_downloads.html")]
struct ReportDownloads {
    label: &'static str,
    lang: &'static str,
    pdf: bool,
    annex: &'static str,
    /// (review the recommendations, report settings) for those who decide
    /// what the final report says.
    edit: Option<(&'static str, &'static str)>,
}

pub async fn report(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response> {
    let (lang, set) = language(&headers, &q);
    let kode = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let e = app.evaluation(&kode).await?;
    let downloads = ReportDownloads {
        label: lang.pick("Unduh laporan", "Download the report"),
        lang: lang.code(),
        pdf: app.pdf().is_some(),
        annex: lang.pick("Lampiran tabel", "Tables annex"),
        // Those who decide what the final report says get the way to it.
        edit: matches!(session.user.role, Role::Admin | Role::Evaluator).then(|| {
            (
                lang.pick("Tinjau rekomendasi", "Review the recommendations"),
                lang.pick("Pengaturan laporan", "Report settings"),
            )
        }),
    };
    let html = monev_report::html_linked(
        &e,
        lang,
        "/static/monev.css",
        &Markup::of(&downloads).to_string(),
    );
    let mut res = Html(html).into_response();
    if let Some(c) = set {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    Ok(res)
}

/// The report as PDF, to archive and publish.
pub async fn report_pdf(
    State(app): State<App>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response> {
    let Some(render) = app.pdf() else {
        return Err(AppError::not_found());
    };
    download(app, headers, q, "laporan", "pdf", "application/pdf", render).await
}

/// A rendering of the report as a file to download (rendered off the
/// async threads: typesetting and rasterising take a few hundred ms).
async fn download(
    app: App,
    headers: HeaderMap,
    q: Common,
    stem: &str,
    ext: &str,
    mime: &'static str,
    render: crate::Render,
) -> Result<Response> {
    let (lang, _) = language(&headers, &q);
    let kode = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let e = app.evaluation(&kode).await?;
    let bytes = tokio::task::spawn_blocking(move || render(&e, lang))
        .await
        .map_err(|e| AppError::internal(format!("{ext} task: {e}")))?
        .map_err(AppError::internal)?;
    let name = format!("{stem}-{kode}-{}.{ext}", lang.code());
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(r#"attachment; filename="{name}""#),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The report's tables as a workbook, one sheet each.
pub async fn report_xlsx(
    State(app): State<App>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response> {
    download(
        app,
        headers,
        q,
        "lampiran",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        monev_report::annex::xlsx,
    )
    .await
}

/// The report as a Word document, to edit and sign.
pub async fn report_docx(
    State(app): State<App>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response> {
    download(
        app,
        headers,
        q,
        "laporan",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        monev_report::docx::docx,
    )
    .await
}

pub async fn report_json(State(app): State<App>, Query(q): Query<Common>) -> Result<Response> {
    let kode = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let e = app.evaluation(&kode).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"evaluasi.json\"",
            ),
        ],
        monev_report::json(&e),
    )
        .into_response())
}

pub async fn api_evaluation(State(app): State<App>, Query(q): Query<Common>) -> Result<Response> {
    let kode = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let e = app.evaluation(&kode).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        monev_report::json(&e),
    )
        .into_response())
}

// ── ASN roster, scoped for operators ─────────────────────────────────────

#[derive(Debug, Default, Deserialize)]
pub struct RosterQuery {
    q: Option<String>,
    halaman: Option<i64>,
    program: Option<String>,
    lang: Option<String>,
}

const PAGE: i64 = 50;

/// The instansi whose data this user may see: theirs for an operator,
/// any (`None`) otherwise; 404 when an operator asks for another.
pub(crate) fn scope<'a>(user: &'a User, asked: Option<&'a str>) -> Result<Option<&'a str>> {
    match (user.role, user.instansi.as_deref(), asked) {
        (Role::Operator, Some(own), Some(a)) if a != own => Err(AppError::not_found()),
        (Role::Operator, Some(own), _) => Ok(Some(own)),
        (Role::Operator, None, _) => Err(AppError::forbidden()),
        (_, _, a) => Ok(a),
    }
}

async fn roster_page(
    app: &App,
    session: &Session,
    headers: &HeaderMap,
    q: RosterQuery,
    asked: Option<&str>,
) -> Result<Response> {
    let (lang, set) = language(
        headers,
        &Common {
            lang: q.lang.clone(),
            program: None,
            instrumen: None,
            periode: None,
        },
    );
    let instansi = scope(&session.user, asked)?;
    let kode = programme(app, q.program.as_deref())
        .await?
        .ok_or_else(AppError::not_found)?;
    let cari = q.q.clone().unwrap_or_default();
    let halaman = q.halaman.unwrap_or(1).max(1);
    let (rows, total) = app
        .store
        .asn_page(&kode, instansi, &cari, (halaman - 1) * PAGE, PAGE)
        .await?;
    if asked.is_some() && total == 0 && cari.is_empty() {
        return Err(AppError::not_found());
    }
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let table = view::Table {
        head: vec![
            Th::text("NIP"),
            Th::text(t("Nama", "Name")),
            Th::text(t("Instansi", "Unit")),
            Th::text(t("Jabatan", "Position")),
            Th::text(t("Golongan", "Rank")),
        ],
        rows: rows
            .iter()
            .map(|a| {
                vec![
                    Td::text(a.nip.as_str()),
                    Td::text(&a.nama),
                    Td::text(&a.instansi),
                    Td::text(&a.jabatan),
                    Td::text(&a.golongan),
                ]
            })
            .collect(),
    };
    let body = RosterPage {
        title: t("Data ASN", "ASN roster"),
        search_label: t("Cari nama atau NIP", "Search name or NIP"),
        query: &cari,
        search: t("Cari", "Search"),
        count: format!(
            "{} {}",
            monev_domain::format::number(total as f64, 0, lang),
            t("ASN", "ASN")
        ),
        table: Markup::of(&table),
        pager: view::pager(
            halaman,
            total,
            PAGE,
            &format!("q={}&", url_encode(&cari)),
            lang,
        ),
    };
    Ok(view::page(
        t("Data ASN", "ASN roster"),
        Markup::of(&body),
        Some(session),
        lang,
        set,
    ))
}

#[derive(Template)]
#[template(path = "roster.html")]
struct RosterPage<'a> {
    title: &'static str,
    search_label: &'static str,
    query: &'a str,
    search: &'static str,
    count: String,
    table: Markup,
    pager: Markup,
}

pub async fn roster(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<RosterQuery>,
) -> Result<Response> {
    roster_page(&app, &session, &headers, q, None).await
}

pub async fn roster_of(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
    headers: HeaderMap,
    Query(q): Query<RosterQuery>,
) -> Result<Response> {
    roster_page(&app, &session, &headers, q, Some(&kode)).await
}

pub async fn api_roster_of(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
    Query(q): Query<RosterQuery>,
) -> Result<Response> {
    let instansi = scope(&session.user, Some(&kode))?;
    let program = crate::pages::the_programme(&app, q.program.as_deref()).await?;
    let (rows, total) = app
        .store
        .asn_page(&program, instansi, q.q.as_deref().unwrap_or(""), 0, 10_000)
        .await?;
    if total == 0 {
        return Err(AppError::not_found());
    }
    Ok(Json(serde_json::json!({ "instansi": kode, "total": total, "asn": rows })).into_response())
}

pub async fn audit(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Query(q): Query<Common>,
) -> Result<Response> {
    let (lang, set) = language(&headers, &q);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let rows = app.store.audit_rows(500).await?;
    // Stored in UTC; shown on the programme's clock.
    let zona = match programme(&app, q.program.as_deref()).await? {
        Some(kode) => app.store.zona_waktu(&kode).await?,
        None => monev_domain::ZonaWaktu::default(),
    };
    let time_header = format!("{} ({})", t("Waktu", "Time"), zona.code());
    let local = |utc: &str| match monev_domain::Timestamp::parse(utc) {
        Ok(t) => {
            monev_domain::Timestamp::from_seconds(t.seconds() + zona.offset_seconds()).to_string()
        }
        Err(_) => utc.to_string(),
    };
    let table = view::Table {
        head: vec![
            Th::text(time_header),
            Th::text(t("Pengguna", "User")),
            Th::text(t("Aksi", "Action")),
            Th::text(t("Objek", "Object")),
            Th::text(t("Sebelum", "Before")),
            Th::text(t("Sesudah", "After")),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Td::text(local(&r.waktu)),
                    Td::text(&r.username),
                    Td::text(&r.aksi),
                    Td::text(&r.objek),
                    Td::text(r.sebelum.as_deref().unwrap_or("")),
                    Td::text(r.sesudah.as_deref().unwrap_or("")),
                ]
            })
            .collect(),
    };
    let body = view::DataPage {
        title: t("Log audit", "Audit log").to_string(),
        intro: Some(
            t(
                "500 catatan terakhir. Catatan tidak dapat diubah atau dihapus dari aplikasi.",
                "The last 500 entries. Entries cannot be changed or deleted from the application.",
            )
            .to_string(),
        ),
        facts: Vec::new(),
        heading: None,
        table: Markup::of(&table),
        pager: Markup::default(),
    };
    Ok(view::page(
        t("Log audit", "Audit log"),
        Markup::of(&body),
        Some(&session),
        lang,
        set,
    ))
}
