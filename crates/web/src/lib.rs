//! The monev web application: server-rendered pages that work without
//! JavaScript, a JSON API, accounts with roles, and sessions kept in the
//! database so several server processes can share them.
//!
//! Every route is declared once in `routes::routes()`: path,
//! method, access rule, handler, body limit and menu entry. The router is
//! built from that table, a middleware enforces the rule before any handler
//! runs, the navigation and the OpenAPI document are read from it, and a
//! signed-in role's POST only compiles with a handler whose body extractor
//! checks the CSRF token (`csrf`). `tests/it/authz.rs` walks the table for
//! every role. Routes that show one instansi's data are `scoped`: an
//! operator sees only their own instansi and gets 404 for any other.

mod asn_survey;
mod auth;
mod banding;
mod csrf;
mod data;
mod forms;
mod hasil;
mod imports;
mod instruments;
mod kelengkapan;
mod kobo;
mod kualitatif;
mod monitoring;
mod odata;
mod openrosa;
mod pages;
mod perangkat;
mod persetujuan;
mod qda;
mod review;
mod routes;
mod subject;
mod teks;
mod tinjauan;
mod upload;
mod users;
mod view;
mod wilayah;

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use monev_eval::Evaluasi;
use monev_store::{Store, User};
use tokio::sync::RwLock;

pub use auth::{hash_password, token_hash, verify_password};
pub use csrf::{Checked, CheckedMultipart};
pub use kelengkapan::{operators, reminder_csv};
pub use openrosa::device_hash;
use routes::routes;
pub use routes::{Access, Nav, ROUTES, RouteSpec, openapi_document};

/// Issues an API token for a user: returned once, stored as a hash.
pub async fn issue_api_token(
    store: &Store,
    username: &str,
    nama: &str,
) -> Result<(User, String), monev_store::StoreError> {
    let token = auth::random_token();
    let user = store
        .create_api_token(username, nama, &auth::token_hash(&token))
        .await?;
    store
        .audit(
            None,
            "buat_token_api",
            &format!("pengguna:{username}"),
            None,
            Some(nama),
        )
        .await?;
    Ok((user, token))
}

/// The public form links of a programme's instrument, one per instansi,
/// creating the missing ones (`monev tautan`; the `/formulir` page does the
/// same).
pub async fn form_links(
    store: &Store,
    program: &str,
    instrumen: &str,
) -> Result<Vec<monev_store::FormLink>, monev_store::StoreError> {
    store
        .form_links(program, instrumen, forms::short_code)
        .await
}

/// Server settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Mark cookies Secure (serve behind TLS).
    pub secure_cookies: bool,
    /// A session unused this long ends.
    pub idle_seconds: i64,
    /// No session lives longer than this.
    pub absolute_seconds: i64,
    /// The address citizens reach the server at, for links and QR codes
    /// (e.g. `https://monev.mataramkota.go.id`); the request's host if unset.
    pub public_url: Option<String>,
    /// Public form submissions accepted per client address per 10 minutes;
    /// 0 for no limit.
    pub submissions_per_10_min: u32,
    /// While submissions stream in, the dashboard recomputes the evaluation
    /// at most once this many seconds (`--hitung-ulang-detik`), showing the
    /// figures held, with their time, in between. Reports and the API
    /// always compute the current data.
    pub recompute_seconds: u32,
    /// The recommendation rules (`--aturan`); the shipped ones when unset.
    pub rules: Option<Arc<monev_eval::recommend::Rules>>,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`--proxy`).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Free text older than this many days is emptied at start and then
    /// daily (`--retensi-hari`; UU 27/2022 data minimisation); kept when unset.
    pub retention_days: Option<u32>,
}

impl Settings {
    /// Whether browsers reach this server over TLS (directly or through a
    /// proxy): `--secure-cookies`, or a public address starting `https://`.
    /// Only then is HSTS sent (over plain HTTP it would be ignored, and on a
    /// laptop it would lock `localhost` to HTTPS).
    pub fn tls(&self) -> bool {
        self.secure_cookies
            || self
                .public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://"))
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            secure_cookies: false,
            idle_seconds: 30 * 60,
            absolute_seconds: 12 * 3600,
            public_url: None,
            submissions_per_10_min: 30,
            recompute_seconds: 30,
            rules: None,
            trusted_proxies: Vec::new(),
            retention_days: None,
        }
    }
}

/// `/api/v1/pemantauan` bodies by programme code, with their data version.
type MonitoringCache = HashMap<String, (i64, Arc<String>)>;

/// An evaluation held for a programme: the data version it was computed
/// from and when it was finished (Unix seconds).
#[derive(Clone)]
pub(crate) struct Held {
    pub(crate) version: i64,
    pub(crate) at: i64,
    pub(crate) e: Arc<Evaluasi>,
}

/// Evaluations by programme code.
type EvalCache = HashMap<String, Held>;

/// What the dashboard shows: an evaluation and whether newer data wait to
/// be counted (figures held while a newer version is computed or until the
/// debounce allows it).
pub(crate) struct View {
    pub(crate) held: Held,
    /// The data version now in the store, when newer than the figures'.
    pub(crate) newer: Option<i64>,
}

/// Shared state of the application.
#[derive(Clone)]
pub struct App {
    store: Store,
    settings: Arc<Settings>,
    cache: Arc<RwLock<EvalCache>>,
    /// One evaluation is computed at a time (single flight): the others
    /// wait for it (reports, API) or are shown what is held (dashboard).
    computing: Arc<tokio::sync::Mutex<()>>,
    /// Rendered dashboard figures by programme and language, with the
    /// evaluation they were rendered from.
    fragments: Arc<RwLock<FragmentCache>>,
    /// `/api/v1/pemantauan` bodies by programme, with their data version;
    /// the mutex lets one request group the rows while the others wait.
    pub(crate) monitoring: Arc<RwLock<MonitoringCache>>,
    pub(crate) monitoring_once: Arc<tokio::sync::Mutex<()>>,
    /// Public form links with their instrument, by link code, each with the
    /// moment it was read (`forms::live_link`; kept `LINK_TTL`, forgotten at
    /// once when this server imports or saves an instrument).
    pub(crate) links: Arc<RwLock<HashMap<String, LinkEntry>>>,
    /// `http://` and the address [`serve`] listens on: the links' address
    /// while `--public-url` is unset.
    local_url: Arc<std::sync::OnceLock<String>>,
    /// Typesets the report as PDF (`monev_report::pdf::pdf`, given by the
    /// CLI): the web crate does not build the typesetter, so its tests and
    /// a `cargo check` of it never compile Typst. Without one,
    /// `/laporan/laporan.pdf` answers 404 and the report page offers no PDF.
    pdf: Option<Render>,
    /// Typesets a period's monitoring report as PDF
    /// (`monev_report::monitoring::pdf`), given by the CLI like `pdf`.
    monitoring_pdf: Option<MonitoringRender>,
    /// Each programme's rows as time series (`monitoring::period_data`),
    /// with the data version they were read at.
    pub(crate) period_data: Arc<RwLock<PeriodCache>>,
    /// The regional roll-up per period (`wilayah`).
    pub(crate) rekap: Arc<RwLock<wilayah::RekapCache>>,
}

/// A renderer of the report as a file (DOCX, PDF, XLSX).
pub type Render = fn(&Evaluasi, monev_domain::Lang) -> Result<Vec<u8>, String>;

/// programme → (data version, its rows as time series).
type PeriodCache = HashMap<String, (i64, Arc<monitoring::PeriodData>)>;

/// A renderer of a period's monitoring report as a file.
pub type MonitoringRender =
    fn(&monev_eval::monitoring::Monitoring, monev_domain::Lang) -> Result<Vec<u8>, String>;

/// A cached public form link and its instrument, and when they were read.
pub(crate) type LinkEntry = (
    Instant,
    Arc<(monev_store::FormLink, monev_survey::Instrument)>,
);

/// (programme, English?, operator's instansi) → (the evaluation rendered,
/// its HTML).
type FragmentCache = HashMap<(String, bool, Option<String>), (Arc<Evaluasi>, Arc<String>)>;

impl App {
    /// The application with a PDF renderer for the report.
    pub fn with_pdf(mut self, render: Render) -> App {
        self.pdf = Some(render);
        self
    }

    pub(crate) fn pdf(&self) -> Option<Render> {
        self.pdf
    }

    /// The application with a PDF renderer for the monitoring report.
    pub fn with_monitoring_pdf(mut self, render: MonitoringRender) -> App {
        self.monitoring_pdf = Some(render);
        self
    }

    pub(crate) fn monitoring_pdf(&self) -> Option<MonitoringRender> {
        self.monitoring_pdf
    }

    pub fn new(store: Store, settings: Settings) -> App {
        App {
            store,
            settings: Arc::new(settings),
            cache: Arc::default(),
            computing: Arc::default(),
            fragments: Arc::default(),
            monitoring: Arc::default(),
            monitoring_once: Arc::default(),
            links: Arc::default(),
            local_url: Arc::default(),
            pdf: None,
            monitoring_pdf: None,
            period_data: Arc::default(),
            rekap: Arc::default(),
        }
    }

    /// This server's own address (`http://localhost:PORT` when it listens
    /// on every interface), for links while `--public-url` is unset.
    pub(crate) fn local_url(&self) -> String {
        self.local_url
            .get()
            .cloned()
            .unwrap_or_else(|| "http://localhost".to_string())
    }

    /// Forgets the cached form links (after an import or a new instrument).
    pub(crate) async fn forget_links(&self) {
        self.links.write().await.clear();
    }

    /// Counts a public form submission from `ip`; false once the address
    /// has sent its allowance for the current 10-minute window.
    async fn allow_submission(&self, ip: std::net::IpAddr) -> bool {
        if self.settings.submissions_per_10_min == 0 {
            // No limit: nothing to count.
            return true;
        }
        // Counted in the database, so the allowance holds across servers.
        match self.store.count_submission(&ip.to_string(), now()).await {
            Ok(n) => n <= i64::from(self.settings.submissions_per_10_min),
            Err(e) => {
                tracing::error!(error = %e, "counting a form submission");
                false
            }
        }
    }

    /// The dashboard's figures and charts for an evaluation, rendered once.
    async fn dashboard_fragment(
        &self,
        kode: &str,
        lang: monev_domain::Lang,
        e: &Arc<Evaluasi>,
        instansi: Option<&str>,
    ) -> Arc<String> {
        let key = (
            kode.to_string(),
            lang == monev_domain::Lang::En,
            instansi.map(str::to_string),
        );
        if let Some((from, html)) = self.fragments.read().await.get(&key)
            && Arc::ptr_eq(from, e)
        {
            return html.clone();
        }
        let html = Arc::new(match instansi {
            Some(i) => monev_report::dashboard(&e.for_instansi(i), lang),
            None => monev_report::dashboard(e, lang),
        });
        self.fragments
            .write()
            .await
            .insert(key, (e.clone(), html.clone()));
        html
    }

    /// The evaluation of the programme's current data, computed once per
    /// data version (the bootstraps make it too costly to redo for every
    /// page view) and one at a time: a request that finds another computing
    /// waits for it and then takes its result. For reports and the API,
    /// which must state the data as they are.
    async fn evaluation(&self, kode: &str) -> Result<Arc<Evaluasi>, pages::AppError> {
        let version = self.store.program_version(kode).await?;
        if let Some(h) = self.held(kode, version).await {
            return Ok(h.e);
        }
        let _turn = self.computing.lock().await;
        // Whoever held the turn may have computed this version.
        if let Some(h) = self.held(kode, version).await {
            return Ok(h.e);
        }
        Ok(self.compute(kode, version).await?.e)
    }

    /// The held evaluation of `kode` if it is of `version`.
    async fn held(&self, kode: &str, version: i64) -> Option<Held> {
        self.cache
            .read()
            .await
            .get(kode)
            .filter(|h| h.version == version)
            .cloned()
    }

    /// Computes the evaluation of `version` (the caller holds the turn).
    async fn compute(&self, kode: &str, version: i64) -> Result<Held, pages::AppError> {
        let (data, cells) = load_grouped(&self.store, kode).await?;
        let rules = self.settings.rules.clone();
        let e = tokio::task::spawn_blocking(move || {
            let rules = rules
                .as_deref()
                .unwrap_or_else(|| monev_eval::recommend::Rules::baku());
            monev_eval::evaluate_cells(&data, &cells, &monev_eval::Config::default(), rules)
        })
        .await
        .map_err(|e| pages::AppError::internal(format!("evaluation task: {e}")))?;
        let held = Held {
            version,
            at: now(),
            e: Arc::new(e),
        };
        self.cache
            .write()
            .await
            .insert(kode.to_string(), held.clone());
        Ok(held)
    }

    /// The evaluation for the dashboard while a survey runs. The figures
    /// held are shown, marked with their time, while a newer version is
    /// computed by one background task; a new computation starts at most
    /// every `recompute_seconds`. Only the first view of a programme waits
    /// (there is nothing to show before it), and a view that starts a
    /// computation waits for it a moment, so a quiet server shows current
    /// figures.
    async fn evaluation_view(&self, kode: &str) -> Result<View, pages::AppError> {
        let version = self.store.program_version(kode).await?;
        let held = self.cache.read().await.get(kode).cloned();
        let Some(held) = held else {
            let e = self.evaluation(kode).await?;
            let held = self.held(kode, version).await.unwrap_or(Held {
                version,
                at: now(),
                e,
            });
            return Ok(View { held, newer: None });
        };
        if held.version >= version {
            return Ok(View { held, newer: None });
        }
        let due = now() - held.at >= i64::from(self.settings.recompute_seconds);
        let turn = if due {
            self.computing.clone().try_lock_owned().ok()
        } else {
            None
        };
        let Some(turn) = turn else {
            // Someone is computing, or it is not yet time: the figures held.
            return Ok(View {
                held,
                newer: Some(version),
            });
        };
        let app = self.clone();
        let key = kode.to_string();
        let task = tokio::spawn(async move {
            let _turn = turn;
            app.compute(&key, version).await
        });
        match tokio::time::timeout(std::time::Duration::from_millis(1500), task).await {
            Ok(Ok(Ok(fresh))) => Ok(View {
                held: fresh,
                newer: None,
            }),
            Ok(Ok(Err(e))) => Err(e),
            Ok(Err(e)) => Err(pages::AppError::internal(format!("evaluation task: {e}"))),
            // Still computing (a large programme): it finishes in the
            // background; this view shows what is held.
            Err(_) => Ok(View {
                held,
                newer: Some(version),
            }),
        }
    }

    /// Forgets the held evaluations, after a change made in this
    /// application (an import, an instrument): the next view computes
    /// instead of showing the figures held until the debounce allows.
    pub(crate) async fn forget_evaluations(&self) {
        self.cache.write().await.clear();
    }
}

/// The signed-in user of a request, put there by [`authorize`].
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub csrf: String,
}

pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The route a request matched. `HEAD` is `GET` without the body (axum's
/// `get` answers both; load balancers probe `HEAD /healthz`), so it takes
/// the `GET` route's rule.
fn spec_of(method: &Method, path: &str) -> Option<&'static RouteSpec> {
    let method = if method == Method::HEAD {
        "GET"
    } else {
        method.as_str()
    };
    ROUTES.iter().find(|r| r.method == method && r.path == path)
}

/// Enforces the route's rule; deny by default.
async fn authorize(State(app): State<App>, mut req: Request, next: Next) -> Response {
    let matched = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string());
    let Some(spec) = matched.as_deref().and_then(|p| spec_of(req.method(), p)) else {
        return pages::AppError::not_found().into_response();
    };
    if let Access::Device(roles) = spec.access {
        // A collecting device: its own credentials, never a cookie.
        let user = match openrosa::authenticate(&app, openrosa::Credentials::of(&req)).await {
            Ok(user) => user,
            Err(challenge) => return challenge,
        };
        if !roles.contains(&user.role) {
            return pages::AppError::forbidden().into_response();
        }
        req.extensions_mut().insert(Session {
            user,
            csrf: String::new(),
        });
        return next.run(req).await;
    }
    let cookie = auth::cookie(req.headers(), auth::SESSION_COOKIE);
    let odata = spec.path.starts_with("/api/odata");
    let authorization = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let bearer = authorization
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string())
        // Excel and Power BI sign in to an OData feed with Basic: the API
        // token is the password (the user name is not read). Only there,
        // and those routes only read.
        .or_else(|| {
            authorization
                .filter(|_| odata)
                .and_then(|v| v.strip_prefix("Basic "))
                .and_then(auth::basic_credentials)
                .map(|(_, password)| password)
        });
    let api = spec.path.starts_with("/api/");
    // API tokens open the JSON API only, never the pages or forms. A bearer
    // token is what the client chose for this request, so it wins over a
    // cookie the client happens to carry (a stale session of a browser-like
    // client must not turn a valid token into a 401).
    let session = match (api, bearer, cookie) {
        (true, Some(bearer), _) => app
            .store
            .token_user(&auth::token_hash(&bearer))
            .await
            .ok()
            .flatten()
            .map(|user| Session {
                user,
                csrf: String::new(),
            }),
        (_, _, Some(token)) => app
            .store
            .session_user(
                &auth::token_hash(&token),
                now(),
                app.settings.idle_seconds,
                app.settings.absolute_seconds,
            )
            .await
            .ok()
            .flatten()
            .map(|(user, csrf)| Session { user, csrf }),
        (_, _, None) => None,
    };
    if let Access::Roles(roles) | Access::Device(roles) = spec.access {
        match &session {
            None if matches!(*req.method(), Method::GET | Method::HEAD) && !api => {
                let back = req
                    .uri()
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/");
                return Redirect::to(&format!("/masuk?ke={}", pages::url_encode(back)))
                    .into_response();
            }
            None if odata => {
                // The challenge Excel and Power BI answer with the token.
                let mut res = pages::AppError::unauthorized().into_response();
                res.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Basic realm=\"monev OData\", charset=\"UTF-8\""),
                );
                return res;
            }
            None => return pages::AppError::unauthorized().into_response(),
            Some(s) if !roles.contains(&s.user.role) => {
                return pages::AppError::forbidden().into_response();
            }
            // An account limited to a region sees only what keeps to it.
            Some(s) if s.user.wilayah.is_some() && !spec.regional => {
                return pages::AppError::forbidden().into_response();
            }
            Some(_) => {}
        }
    }
    if let Some(s) = session.clone() {
        req.extensions_mut().insert(s);
    }
    let mut res = next.run(req).await;
    // Whatever needs a sign-in shows data of the programme (names, NIP,
    // answers, transcripts), and an ASN's questionnaire names its holder:
    // no browser, proxy or shared-computer cache keeps a copy (UU 27/2022).
    if (matches!(spec.access, Access::Roles(_)) || spec.path.starts_with("/t/"))
        && !res.headers().contains_key(header::CACHE_CONTROL)
    {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if res.status().is_client_error() || res.status().is_server_error() {
        // For the error page's navigation (`render_error`).
        if let Some(s) = session {
            res.extensions_mut().insert(s);
        }
    }
    res
}

/// Shows an error response: JSON of one shape under `/api/`
/// (`AppError::json`), a page in the layout everywhere else. Errors from
/// handlers arrive as an [`pages::AppError`] extension; axum's own refusals
/// (plain English text) are told again by `AppError::from_status`. A
/// response that already is a page (the sign-in form's "wrong password"),
/// JSON, or the health check is left as it is.
async fn render_error(surface: Surface, lang: monev_domain::Lang, res: Response) -> Response {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let session = res.extensions().get::<Session>().cloned();
    // The challenge and the wait a client must honour stay on the error.
    let kept: Vec<(header::HeaderName, HeaderValue)> =
        [header::WWW_AUTHENTICATE, header::RETRY_AFTER]
            .into_iter()
            .filter_map(|name| res.headers().get(&name).cloned().map(|v| (name, v)))
            .collect();
    let error = match res.extensions().get::<Arc<pages::AppError>>() {
        Some(e) => e.clone(),
        None => {
            let kind = res
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if kind.starts_with("text/html")
                || kind.starts_with("application/json")
                || kind.starts_with("text/xml")
            {
                return res;
            }
            let (_, body) = res.into_parts();
            let detail = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
            Arc::new(pages::AppError::from_status(
                status,
                &String::from_utf8_lossy(&detail),
            ))
        }
    };
    match surface {
        Surface::Api => {
            let mut shown = (status, axum::Json(error.json())).into_response();
            shown.headers_mut().extend(kept);
            shown
        }
        Surface::OpenRosa => {
            let mut shown = openrosa::error_response(&error);
            shown.headers_mut().extend(kept);
            shown
        }
        Surface::Pages => error.page(session.as_ref(), lang),
    }
}

/// Who reads a response, and so how its errors are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Surface {
    /// People, in the layout.
    Pages,
    /// `/api/`: JSON of one shape.
    Api,
    /// `/odk/`: OpenRosa's response XML, which ODK Collect shows.
    OpenRosa,
}

impl Surface {
    fn of(path: &str) -> Surface {
        if path.starts_with("/api/") {
            Surface::Api
        } else if path.starts_with("/odk/") {
            Surface::OpenRosa
        } else {
            Surface::Pages
        }
    }
}

/// The Content-Security-Policy of every response: nothing inline (no
/// `unsafe-inline`, scripts and styles come from `/static`), no framing, no
/// plugins, forms post only here.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; \
     form-action 'self'; frame-ancestors 'none'";

/// HSTS for a server reached over TLS (two years; see `Settings::tls`).
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

/// Security headers on every response, and one log line per request.
async fn headers_and_log(State(app): State<App>, req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let started = Instant::now();
    let lang = error_language(&req);
    let res = next.run(req).await;
    let mut res = if path == "/healthz" {
        res
    } else {
        render_error(Surface::of(&path), lang, res).await
    };
    let h = res.headers_mut();
    if path.starts_with("/odk/") {
        // Every OpenRosa response says which version it speaks.
        h.insert(
            "x-openrosa-version",
            HeaderValue::from_static(openrosa::OPENROSA_VERSION),
        );
    }
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    h.insert(
        "content-security-policy",
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    // For browsers that predate frame-ancestors.
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if app.settings.tls() {
        h.insert(
            "strict-transport-security",
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    tracing::info!(%method, %path, status = res.status().as_u16(), ms = started.elapsed().as_secs_f64() * 1000.0, "request");
    res
}

/// The language an error page is shown in: `?lang=` or the reader's cookie.
fn error_language(req: &Request) -> monev_domain::Lang {
    let lang = req.uri().query().and_then(|q| {
        q.split('&')
            .find_map(|kv| kv.strip_prefix("lang="))
            .map(str::to_string)
    });
    pages::language(
        req.headers(),
        &pages::Common {
            lang,
            ..Default::default()
        },
    )
    .0
}

/// The application's router.
pub fn router(app: App) -> Router {
    let mut r: Router<App> = Router::new();
    for route in routes() {
        let (spec, handler) = route.into_parts();
        r = r.route(spec.path, handler);
    }
    r.fallback(|| async { pages::AppError::not_found() })
        .layer(middleware::from_fn_with_state(app.clone(), authorize))
        .layer(middleware::from_fn_with_state(app.clone(), headers_and_log))
        .with_state(app)
}

/// Serves until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: App,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    if let Ok(addr) = listener.local_addr() {
        let host = if addr.ip().is_unspecified() {
            format!("localhost:{}", addr.port())
        } else {
            addr.to_string()
        };
        let _ = app.local_url.set(format!("http://{host}"));
    }
    if app.settings.public_url.is_none() {
        tracing::warn!(
            links = %app.local_url(),
            "--public-url is not set: public form links and QR codes use this server's own address (alamat publik belum diatur; set serve --public-url / MONEV_PUBLIC_URL)"
        );
    }
    let retention = app
        .settings
        .retention_days
        .map(|days| tokio::spawn(retention_daily(app.store.clone(), days)));
    let served = axum::serve(
        listener,
        router(app).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    if let Some(task) = retention {
        task.abort();
    }
    served
}

/// Applies the retention period now and every 24 hours after. Several
/// servers on one database may all run it: a pass finds nothing the one
/// before it left. A failed pass is logged and tried again the next day.
async fn retention_daily(store: Store, days: u32) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        match store.apply_retention(days).await {
            Ok(pass) => {
                let (alasan, teks) = pass.programs.iter().fold((0, 0), |(a, t), (_, p)| {
                    (a + p.alasan_lain, t + p.jawaban_teks)
                });
                tracing::info!(days, cutoff = %pass.cutoff, alasan_lain = alasan, jawaban_teks = teks, "retention pass");
            }
            Err(e) => tracing::error!(days, error = %e, "retention pass failed"),
        }
    }
}

/// The client's address (for login throttling and the forms' allowance).
/// Behind a reverse proxy every connection comes from the proxy: when the
/// peer is one of `trusted` proxies, the address is the rightmost
/// `X-Forwarded-For` entry that is not itself a trusted proxy. From any
/// other peer the header is ignored (a client cannot choose its address).
pub(crate) fn client_ip(
    peer: std::net::IpAddr,
    headers: &axum::http::HeaderMap,
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let mut chain: Vec<std::net::IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    while let Some(last) = chain.pop() {
        if !trusted.contains(&last) {
            return last;
        }
    }
    peer
}

/// A programme as the evaluation reads it from a store: every table but the
/// two large ones as rows, SKM and tickets into [`monev_eval::Cells`]: the
/// questionnaires' answers streamed from the covering index (never held),
/// each distinct waiting time with its count grouped by the database.
/// The programme without its answer and ticket rows, and those rows as
/// per-unit, per-day series (`eval::berkala`), read from the database's
/// covering indexes without loading the rows: what the monitoring report
/// and the regional roll-up need.
pub async fn load_series(
    store: &Store,
    kode: &str,
) -> Result<(monev_domain::ProgramData, monev_eval::berkala::Deret), monev_store::StoreError> {
    let data = store.load_program_without_rows(kode).await?;
    let mut deret = monev_eval::berkala::Deret::new();
    store
        .dated_answers(kode, |instansi, tanggal, answers| {
            let jawaban = answers.map(|a| a.and_then(monev_domain::Likert4::new));
            deret.add_skm(instansi, tanggal, &jawaban);
        })
        .await?;
    store
        .dated_waits(kode, |instansi, datang, wait| {
            deret.add_wait(instansi, datang, wait);
        })
        .await?;
    Ok((data, deret))
}

pub async fn load_grouped(
    store: &Store,
    kode: &str,
) -> Result<(monev_domain::ProgramData, monev_eval::Cells), monev_store::StoreError> {
    use monev_eval::Fase;
    let fase = |sesudah: bool| {
        if sesudah {
            Fase::Sesudah
        } else {
            Fase::Sebelum
        }
    };
    let data = store.load_program_without_rows(kode).await?;
    let mut cells = monev_eval::Cells::new(data.program.tanggal_intervensi);
    store
        .skm_answers(kode, |instansi, sesudah, answers| {
            let jawaban = answers.map(|a| a.and_then(monev_domain::Likert4::new));
            cells.add_skm_in(instansi, fase(sesudah), &jawaban);
        })
        .await?;
    store
        .waits(kode, |instansi, sesudah, waits| {
            cells.add_wait_list(instansi, fase(sesudah), waits);
        })
        .await?;
    for (instansi, sesudah, n) in store.unfinished_tickets(kode).await? {
        cells.add_unfinished(&instansi, fase(sesudah), n);
    }
    cells.sort_waits();
    Ok((data, cells))
}

#[cfg(test)]
mod tests {
    use super::client_ip;
    use axum::http::HeaderMap;

    #[test]
    fn the_client_address_comes_from_a_trusted_proxy_only() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "6.6.6.6, 10.1.2.3".parse().unwrap());
        let proxy = ip("10.0.0.1");
        // Not from a trusted proxy: the header is the client's own claim.
        assert_eq!(client_ip(ip("10.1.2.3"), &h, &[proxy]), ip("10.1.2.3"));
        assert_eq!(client_ip(proxy, &h, &[]), proxy);
        // From the proxy: the rightmost address it did not add itself.
        assert_eq!(client_ip(proxy, &h, &[proxy]), ip("10.1.2.3"));
        let chained = [proxy, ip("10.1.2.3")];
        assert_eq!(client_ip(proxy, &h, &chained), ip("6.6.6.6"));
        // No header, or nothing parseable: the peer.
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &[proxy]), proxy);
        let mut junk = HeaderMap::new();
        junk.insert("x-forwarded-for", "bukan-alamat".parse().unwrap());
        assert_eq!(client_ip(proxy, &junk, &[proxy]), proxy);
    }
}
