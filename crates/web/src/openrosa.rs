//! monev as an OpenRosa server for ODK Collect and KoboCollect (OpenRosa
//! 1.0: Form List, Form Download and Form Submission APIs, as ODK Central
//! and KoboToolbox serve them), under `/odk`: the server address a phone is
//! given is `…/odk`, and the phone asks `…/odk/formList` and sends to
//! `…/odk/submission`.
//!
//! - **Forms**: one per public form link (instrument × instansi), so the
//!   unit of every answer is the link's, never typed: the instrument's unit
//!   question is kept in the instance with the link's code, hidden and
//!   read-only. The form's id is `{instrumen}-{link}`; its version a hash
//!   of its XForm, so any change to the instrument is a new version; the
//!   client records when the form was opened (`meta/timeStart`), the date
//!   an answer collected offline is dated by.
//! - **Who**: an account with a device password (never the account's own:
//!   made by monev, shown once), by HTTP Digest (`qop=auth`, MD5, what
//!   Collect uses over plain HTTP; the nonce and its request count are
//!   checked in the database so a replay is refused), or Basic over TLS.
//!   An operator or an enumerator bound to an instansi collects for it
//!   only. The route table's [`crate::Access::Device`] rule runs this
//!   check before any handler.
//! - **Submissions** land as a public form's do ([`crate::forms::keep`]),
//!   with `sumber = odk`, once per `instanceID` (201 the first time, 202
//!   after), and each is audited under the device's account. A submission
//!   that does not match its form's current version, or answers a question
//!   the form does not have, is refused with the element, its line and
//!   column, the value and the reason in OpenRosa's response XML.
//! - A POST must carry `X-OpenRosa-Version` (every OpenRosa client sends
//!   it; a browser cannot be made to send it cross-site), which stands in
//!   for the CSRF token of the signed-in pages.

use std::collections::{BTreeMap, HashMap};

use axum::Extension;
use axum::extract::{Multipart, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use monev_domain::Date;
use monev_store::{FormLink, NonceUse, Role, User};
use monev_survey::{Instrument, Target, xform};
use quick_xml::Writer;
use quick_xml::events::BytesText;
use sha2::Digest as _;

use crate::pages::AppError;
use crate::{App, Session, auth, forms, now};

/// The Digest realm: part of every stored device hash, so it never changes.
pub const REALM: &str = "monev";
/// The largest submission accepted (`X-OpenRosa-Accept-Content-Length`):
/// monev's forms have no media, so an instance is a few kilobytes.
pub const MAX_SUBMISSION_BYTES: usize = 4 * 1024 * 1024;
/// How long a Digest nonce is good for; after it the client is told
/// `stale=true` and retries without asking for the password again.
const NONCE_SECONDS: i64 = 10 * 60;
/// The instruments held by token (they name an ASN), not collected offline.
const BY_TOKEN: [&str; 3] = ["reaksi", "kinerja", "nonpeserta"];
/// The OpenRosa version every response under `/odk/` names.
pub(crate) const OPENROSA_VERSION: &str = "1.0";

fn md5_hex(s: &str) -> String {
    auth::hex(&md5::Md5::digest(s.as_bytes()))
}

/// The Digest hash a device password is kept as: MD5 of
/// `username:realm:password` (RFC 7616's HA1).
pub fn device_hash(username: &str, password: &str) -> String {
    md5_hex(&format!("{username}:{REALM}:{password}"))
}

/// A new device password: 16 characters without look-alikes (≈ 79 bits),
/// easy to type into a phone.
pub(crate) fn new_device_password() -> String {
    let raw = forms::random_code(16);
    format!(
        "{}-{}-{}-{}",
        &raw[..4],
        &raw[4..8],
        &raw[8..12],
        &raw[12..]
    )
}

// ── authentication ───────────────────────────────────────────────────────

/// The parameters of an `Authorization: Digest …` header (names lower case).
fn digest_params(value: &str) -> Option<HashMap<String, String>> {
    let rest = value.strip_prefix("Digest ")?;
    let mut out = HashMap::new();
    let mut s = rest.trim_start();
    while !s.is_empty() {
        let eq = s.find('=')?;
        let name = s[..eq].trim().to_ascii_lowercase();
        s = &s[eq + 1..];
        let value;
        if let Some(q) = s.strip_prefix('"') {
            // A quoted string: `\` escapes the next character.
            let mut v = String::new();
            let mut chars = q.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => v.extend(chars.next().map(|(_, c)| c)),
                    '"' => {
                        end = Some(i + 1);
                        break;
                    }
                    c => v.push(c),
                }
            }
            value = v;
            s = &q[end?..];
        } else {
            let stop = s.find(',').unwrap_or(s.len());
            value = s[..stop].trim().to_string();
            s = &s[stop..];
        }
        out.insert(name, value);
        s = s.trim_start().trim_start_matches(',').trim_start();
    }
    Some(out)
}

/// Why a request was not let in: a fresh challenge, or the nonce was stale.
enum Denied {
    Challenge,
    Stale,
}

/// What authentication reads of a request (a request's body is not
/// `Sync`, so the request itself is not held across the database calls).
pub(crate) struct Credentials {
    method: String,
    path_and_query: String,
    authorization: Option<String>,
}

impl Credentials {
    pub(crate) fn of(req: &Request) -> Credentials {
        Credentials {
            method: req.method().to_string(),
            path_and_query: req
                .uri()
                .path_and_query()
                .map_or_else(String::new, |p| p.as_str().to_string()),
            authorization: req
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
        }
    }
}

/// The account a device request comes from, or the 401 that asks for one.
pub(crate) async fn authenticate(app: &App, req: Credentials) -> Result<User, Response> {
    match check(app, &req).await {
        Ok(user) => Ok(user),
        Err(Denied::Challenge) => Err(challenge(app, false).await),
        Err(Denied::Stale) => Err(challenge(app, true).await),
    }
}

async fn check(app: &App, req: &Credentials) -> Result<User, Denied> {
    let Some(value) = req.authorization.as_deref() else {
        return Err(Denied::Challenge);
    };
    if let Some(basic) = value.strip_prefix("Basic ") {
        // A password in the clear: only over TLS.
        if !app.settings.tls() {
            return Err(Denied::Challenge);
        }
        let (username, password) = auth::basic_credentials(basic).ok_or(Denied::Challenge)?;
        let (user, ha1) = known(app, &username).await?;
        return if auth::same_token(&device_hash(&username, &password), &ha1) {
            Ok(user)
        } else {
            Err(Denied::Challenge)
        };
    }
    let p = digest_params(value).ok_or(Denied::Challenge)?;
    let get = |k: &str| p.get(k).map(String::as_str).unwrap_or("");
    if get("realm") != REALM
        || get("qop") != "auth"
        || !matches!(get("algorithm"), "" | "MD5" | "md5")
    {
        return Err(Denied::Challenge);
    }
    // The digest covers the URI the client asked for: it must be this one.
    let asked = req.path_and_query.as_str();
    let uri = get("uri");
    let uri_path = match uri.find("://") {
        Some(i) => uri[i + 3..].find('/').map_or("/", |j| &uri[i + 3 + j..]),
        None => uri,
    };
    if uri_path != asked {
        return Err(Denied::Challenge);
    }
    let nc = i64::from_str_radix(get("nc"), 16).map_err(|_| Denied::Challenge)?;
    let (user, ha1) = known(app, get("username")).await?;
    let ha2 = md5_hex(&format!("{}:{uri}", req.method));
    let expected = md5_hex(&format!(
        "{ha1}:{}:{}:{}:auth:{ha2}",
        get("nonce"),
        get("nc"),
        get("cnonce")
    ));
    if !auth::same_token(&expected, &get("response").to_ascii_lowercase()) {
        return Err(Denied::Challenge);
    }
    match app
        .store
        .use_nonce(get("nonce"), nc, now() - NONCE_SECONDS)
        .await
    {
        Ok(NonceUse::Fresh) => Ok(user),
        Ok(NonceUse::Stale) => Err(Denied::Stale),
        Ok(NonceUse::Refused) => Err(Denied::Challenge),
        Err(e) => {
            tracing::error!(error = %e, "checking a Digest nonce");
            Err(Denied::Challenge)
        }
    }
}

async fn known(app: &App, username: &str) -> Result<(User, String), Denied> {
    match app.store.device_user(username).await {
        Ok(Some(found)) => Ok(found),
        Ok(None) => Err(Denied::Challenge),
        Err(e) => {
            tracing::error!(error = %e, "reading a device account");
            Err(Denied::Challenge)
        }
    }
}

/// 401 with a new Digest challenge.
async fn challenge(app: &App, stale: bool) -> Response {
    let nonce = auth::random_token();
    let at = now();
    if let Err(e) = app
        .store
        .issue_nonce(&nonce, at, at - 6 * NONCE_SECONDS)
        .await
    {
        return AppError::internal(format!("issuing a Digest nonce: {e}")).into_response();
    }
    let mut value = format!(
        "Digest realm=\"{REALM}\", qop=\"auth\", nonce=\"{nonce}\", opaque=\"{REALM}\", algorithm=MD5"
    );
    if stale {
        value.push_str(", stale=true");
    }
    let mut res = AppError::new(
        StatusCode::UNAUTHORIZED,
        "Masuk dengan nama pengguna dan sandi perangkat dari halaman Perangkat ODK di monev.",
        "Sign in with the username and the device password from monev's ODK device page.",
    )
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&value) {
        res.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    res
}

// ── responses ────────────────────────────────────────────────────────────

pub(crate) fn xml_text(build: impl FnOnce(&mut Writer<Vec<u8>>) -> std::io::Result<()>) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing to memory does not fail.
    build(&mut w).expect("XML written to memory");
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&String::from_utf8(w.into_inner()).expect("UTF-8 in, UTF-8 out"));
    out
}

/// Text escaped as XML needs (`<`, `>`, `&`; quotes stay readable).
fn escaped(text: &str) -> BytesText<'_> {
    BytesText::from_escaped(quick_xml::escape::partial_escape(text))
}

/// An OpenRosa XML response: the protocol's version header, no caching.
fn xml_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// OpenRosa's response document: one message (what Collect shows).
pub(crate) fn message(status: StatusCode, text: &str) -> Response {
    let body = xml_text(|w| {
        w.create_element("OpenRosaResponse")
            .with_attribute(("xmlns", "http://openrosa.org/http/response"))
            .write_inner_content(|w| {
                w.create_element("message")
                    .with_attribute((
                        "nature",
                        if status.is_success() {
                            "submit_success"
                        } else {
                            "error"
                        },
                    ))
                    .write_text_content(escaped(text))?;
                Ok(())
            })?;
        Ok(())
    });
    xml_response(status, body)
}

/// An error as OpenRosa XML: Indonesian, then the English in brackets
/// (`render_error` shows every error under `/odk/` this way).
pub(crate) fn error_response(e: &AppError) -> Response {
    let text = if e.en.is_empty() || e.en == e.id {
        e.id.clone()
    } else {
        format!("{} ({})", e.id, e.en)
    };
    message(e.status, &text)
}

// ── forms ────────────────────────────────────────────────────────────────

/// Whether `user` collects for `instansi`: an operator or an enumerator
/// bound to a unit for that unit only; admins, evaluators and unbound
/// enumerators for every unit.
fn collects_for(user: &User, instansi: &str) -> bool {
    match (user.role, user.instansi.as_deref()) {
        (Role::Operator, own) => own == Some(instansi),
        (Role::Enumerator, Some(own)) => own == instansi,
        _ => true,
    }
}

/// A form as served to a device.
pub(crate) struct ServedForm {
    pub link: FormLink,
    pub form_id: String,
    pub title: String,
    pub version: String,
    pub xml: String,
    pub instrument: Instrument,
}

impl ServedForm {
    pub(crate) fn md5(&self) -> String {
        format!("md5:{}", md5_hex(&self.xml))
    }
}

/// The form id of a link: its instrument and its code.
pub(crate) fn form_id(link: &FormLink) -> String {
    format!("{}-{}", link.instrumen, link.kode)
}

/// The link a form id names (its code after the last `-`).
fn link_code(form_id: &str) -> Option<&str> {
    form_id.rsplit_once('-').map(|(_, code)| code)
}

pub(crate) async fn served_form(app: &App, link: FormLink) -> Result<ServedForm, AppError> {
    let (mut instrument, versi, _) =
        crate::instruments::resolve(app, &link.program, &link.instrumen)
            .await?
            .ok_or_else(AppError::not_found)?;
    instrument.versi = versi.to_string();
    let fixed: BTreeMap<String, String> = instrument
        .mapping()
        .into_iter()
        .filter(|(_, t)| *t == Target::Instansi)
        .map(|(q, _)| (q.name.clone(), link.instansi.clone()))
        .collect();
    let base = xform::Served::of(&instrument);
    let mut served = xform::Served {
        id: form_id(&link),
        title: format!("{} · {}", base.title, link.instansi_nama),
        version: String::new(),
        fixed,
        time_start: true,
    };
    // The version is the form's own hash: any change is a new version.
    let unversioned = xform::write_served(&instrument, &served);
    let digest = sha2::Sha256::digest(unversioned.as_bytes());
    served.version = auth::hex(&digest[..6]);
    let xml = xform::write_served(&instrument, &served);
    Ok(ServedForm {
        form_id: served.id,
        title: served.title,
        version: served.version,
        xml,
        instrument,
        link,
    })
}

/// Every form `user` may collect, across the programmes held: the SKM and
/// every other public instrument, one per instansi in reach (links are
/// made for the units that have none yet, as the forms page does).
pub(crate) async fn forms_for(app: &App, user: &User) -> Result<Vec<FormLink>, AppError> {
    let mut out = Vec::new();
    for program in app.store.program_codes().await? {
        let mut codes = vec!["skm".to_string()];
        codes.extend(
            app.store
                .instruments(&program)
                .await?
                .into_iter()
                .map(|h| h.kode)
                .filter(|k| k != "skm" && !BY_TOKEN.contains(&k.as_str())),
        );
        for instrumen in codes {
            out.extend(
                app.store
                    .form_links_bare(&program, &instrumen, forms::short_code)
                    .await?
                    .into_iter()
                    .filter(|l| l.aktif && collects_for(user, &l.instansi)),
            );
        }
    }
    Ok(out)
}

/// The active link a form id names, if `user` collects for its unit.
async fn link_for(app: &App, user: &User, form_id: &str) -> Result<FormLink, AppError> {
    let unknown = || {
        AppError::new(
            StatusCode::NOT_FOUND,
            &format!(
                "formID '{form_id}' tidak dikenal di server ini; perbarui daftar formulir (Get Blank Form)."
            ),
            &format!(
                "formID '{form_id}' is not known here; refresh the form list (Get Blank Form)."
            ),
        )
    };
    let code = link_code(form_id).ok_or_else(unknown)?;
    let link = app
        .store
        .form_link(code)
        .await?
        .filter(|l| l.aktif && self::form_id(l) == form_id)
        .ok_or_else(unknown)?;
    if !collects_for(user, &link.instansi) {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            &format!(
                "formID '{form_id}' milik instansi {} yang bukan wilayah akun ini.",
                link.instansi
            ),
            &format!(
                "formID '{form_id}' belongs to instansi {}, outside this account's reach.",
                link.instansi
            ),
        ));
    }
    Ok(link)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ListQuery {
    #[serde(rename = "formID")]
    form_id: Option<String>,
}

/// `GET /odk/formList`: the OpenRosa form list of the account's forms.
pub async fn form_list(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let base = forms::base_url(&app);
    let mut served = Vec::new();
    for link in forms_for(&app, &session.user).await? {
        if q.form_id.as_deref().is_some_and(|f| f != form_id(&link)) {
            continue;
        }
        served.push(served_form(&app, link).await?);
    }
    let body = xml_text(|w| {
        w.create_element("xforms")
            .with_attribute(("xmlns", "http://openrosa.org/xforms/xformsList"))
            .write_inner_content(|w| {
                for f in &served {
                    w.create_element("xform").write_inner_content(|w| {
                        for (tag, value) in [
                            ("formID", f.form_id.clone()),
                            ("name", f.title.clone()),
                            ("version", f.version.clone()),
                            ("hash", f.md5()),
                            ("descriptionText", f.link.program_nama.clone()),
                            ("downloadUrl", format!("{base}/odk/formXml/{}", f.form_id)),
                        ] {
                            w.create_element(tag).write_text_content(escaped(&value))?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    });
    Ok(xml_response(StatusCode::OK, body))
}

/// `GET /odk/formXml/{kode}`: one form's XForm.
pub async fn form_xml(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(kode): Path<String>,
) -> Result<Response, AppError> {
    let link = link_for(&app, &session.user, &kode).await?;
    let served = served_form(&app, link).await?;
    Ok(xml_response(StatusCode::OK, served.xml))
}

// ── submissions ──────────────────────────────────────────────────────────

fn accept_length() -> (header::HeaderName, HeaderValue) {
    (
        header::HeaderName::from_static("x-openrosa-accept-content-length"),
        HeaderValue::from(MAX_SUBMISSION_BYTES),
    )
}

/// `HEAD /odk/submission` (and GET): 204 with the largest submission taken,
/// which Collect asks before it sends.
pub async fn submission_probe() -> Response {
    let mut res = StatusCode::NO_CONTENT.into_response();
    let (k, v) = accept_length();
    res.headers_mut().insert(k, v);
    res
}

fn located(status: StatusCode, id: String, en: String) -> AppError {
    AppError::new(status, &id, &en)
}

/// `POST /odk/submission`: one filled form, as `multipart/form-data` with
/// the instance in the part `xml_submission_file`.
pub async fn submit(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    if !headers.contains_key("x-openrosa-version") {
        return Err(AppError::new(
            StatusCode::BAD_REQUEST,
            "Kiriman tanpa header X-OpenRosa-Version; kirim dari ODK Collect atau KoboCollect.",
            "A submission without the X-OpenRosa-Version header; send it from ODK Collect or KoboCollect.",
        ));
    }
    let mut xml = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::from_status(e.status(), &e.body_text()))?
    {
        let name = field.name().unwrap_or("").to_string();
        let bytes = field
            .bytes()
            .await
            .map_err(|e| AppError::from_status(e.status(), &e.body_text()))?;
        if name == "xml_submission_file" {
            xml = Some(bytes);
        } else {
            // monev's forms have no media: an attachment has no place to go.
            tracing::info!(part = %name, bytes = bytes.len(), "OpenRosa submission: part ignored");
        }
    }
    let xml = xml.ok_or_else(|| {
        AppError::new(
            StatusCode::BAD_REQUEST,
            "Kiriman tanpa bagian xml_submission_file.",
            "A submission without the xml_submission_file part.",
        )
    })?;
    let xml = std::str::from_utf8(&xml).map_err(|e| {
        located(
            StatusCode::BAD_REQUEST,
            format!(
                "xml_submission_file bukan UTF-8 (bita ke-{}).",
                e.valid_up_to() + 1
            ),
            format!(
                "xml_submission_file is not UTF-8 (byte {}).",
                e.valid_up_to() + 1
            ),
        )
    })?;
    let instance = xform::read_instance(xml).map_err(|e| {
        located(
            StatusCode::BAD_REQUEST,
            format!("xml_submission_file {e}"),
            format!(
                "xml_submission_file line {}, column {}, {}: {}",
                e.line, e.column, e.path, e.reason
            ),
        )
    })?;
    let link = link_for(&app, &session.user, &instance.form_id).await?;
    let form = served_form(&app, link).await?;
    if instance.version != form.version {
        return Err(located(
            StatusCode::CONFLICT,
            format!(
                "xml_submission_file /data/@version '{1}' (formulir {0}): versi di server sekarang '{2}'. Formulirnya sudah berubah; unduh ulang (Get Blank Form) lalu isi kembali.",
                form.form_id, instance.version, form.version
            ),
            format!(
                "xml_submission_file /data/@version '{1}' (form {0}): the server's version is now '{2}'. The form has changed; download it again (Get Blank Form) and fill it in again.",
                form.form_id, instance.version, form.version
            ),
        ));
    }
    let uuid = monev_domain::normalize_uuid(&instance.instance_id);
    if !forms::valid_uuid(&uuid) {
        return Err(located(
            StatusCode::BAD_REQUEST,
            format!(
                "xml_submission_file meta/instanceID '{}': bukan UUID.",
                instance.instance_id
            ),
            format!(
                "xml_submission_file meta/instanceID '{}': not a UUID.",
                instance.instance_id
            ),
        ));
    }
    let link = &form.link;
    let i = &form.instrument;
    let tanggal = match &instance.time_start {
        Some(t) => Date::of_submission(t, link.zona_waktu).map_err(|e| {
            located(
                StatusCode::BAD_REQUEST,
                format!("xml_submission_file meta/timeStart '{t}': {e}"),
                format!("xml_submission_file meta/timeStart '{t}': {e}"),
            )
        })?,
        None => Date::local(now(), link.zona_waktu),
    };
    let mut answers = HashMap::new();
    for f in &instance.fields {
        if i.question(&f.name).is_none() {
            return Err(located(
                StatusCode::BAD_REQUEST,
                format!(
                    "xml_submission_file baris {}, kolom {}, {} '{}': pertanyaan ini tidak ada di formulir {}.",
                    f.line, f.column, f.path, f.value, form.form_id
                ),
                format!(
                    "xml_submission_file line {}, column {}, {} '{}': the form {} has no such question.",
                    f.line, f.column, f.path, f.value, form.form_id
                ),
            ));
        }
        answers.insert(f.name.clone(), f.value.clone());
    }
    // The unit is the link's, whatever the instance says.
    answers.retain(|k, _| i.target_of(k) != Some(Target::Instansi));
    for (q, _) in i
        .mapping()
        .into_iter()
        .filter(|(_, t)| *t == Target::Instansi)
    {
        answers.insert(q.name.clone(), link.instansi.clone());
    }
    let clean = i
        .check_typed(&answers, &tanggal.to_string(), "id")
        .map_err(|problems| {
            let where_ = |name: &str| {
                instance.fields.iter().find(|f| f.name == name).map_or_else(
                    || format!("/data/{name} (tidak dikirim)"),
                    |f| {
                        format!(
                            "baris {}, kolom {}, {} '{}'",
                            f.line, f.column, f.path, f.value
                        )
                    },
                )
            };
            let id: Vec<String> = problems
                .iter()
                .map(|(name, why)| format!("{}: {why}", where_(name)))
                .collect();
            let en = i
                .check_typed(&answers, &tanggal.to_string(), "en")
                .err()
                .unwrap_or_default();
            let en: Vec<String> = en
                .iter()
                .map(|(name, why)| format!("{}: {why}", where_(name)))
                .collect();
            located(
                StatusCode::BAD_REQUEST,
                format!("xml_submission_file {}", id.join("; ")),
                format!("xml_submission_file {}", en.join("; ")),
            )
        })?;
    let added = forms::keep(&app, link, i, &uuid, &tanggal.to_string(), clean, "odk").await?;
    if added {
        app.store
            .audit(
                Some(&session.user),
                "kirim_odk",
                &format!("formulir:{}", link.kode),
                None,
                Some(&format!(
                    "{{\"uuid\":\"{uuid}\",\"versi\":\"{}\"}}",
                    form.version
                )),
            )
            .await?;
    }
    tracing::info!(form = %form.form_id, added, "OpenRosa submission");
    let mut res = if added {
        message(
            StatusCode::CREATED,
            "Jawaban diterima; terima kasih. (Answers received; thank you.)",
        )
    } else {
        message(
            StatusCode::ACCEPTED,
            "Jawaban ini sudah diterima sebelumnya; disimpan sekali. (Already received; kept once.)",
        )
    };
    let (k, v) = accept_length();
    res.headers_mut().insert(k, v);
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_headers_are_read_as_clients_write_them() {
        // As OkHttp's digest authenticator (ODK Collect) writes it.
        let p = digest_params(
            r#"Digest username="enum", realm="monev", nonce="abc", uri="/odk/formList", response="0123", qop=auth, nc=00000001, cnonce="x\"y", algorithm=MD5, opaque="monev""#,
        )
        .unwrap();
        assert_eq!(p["username"], "enum");
        assert_eq!(p["qop"], "auth");
        assert_eq!(p["nc"], "00000001");
        assert_eq!(p["cnonce"], "x\"y");
        assert_eq!(p["opaque"], "monev");
        assert!(digest_params("Basic abc").is_none());
        assert!(digest_params("Digest username=\"unterminated").is_none());
    }

    #[test]
    fn the_device_hash_is_rfc_7616s_ha1() {
        // RFC 2617 §3.5's example: Mufasa / testrealm@host.com / Circle Of Life.
        assert_eq!(
            md5_hex("Mufasa:testrealm@host.com:Circle Of Life"),
            "939e7578ed9e3c518a452acee763bce9"
        );
        assert_eq!(device_hash("a", "b"), md5_hex("a:monev:b"));
        let p = new_device_password();
        assert_eq!(p.len(), 19);
        assert_ne!(p, new_device_password());
    }

    #[test]
    fn form_ids_name_their_link() {
        assert_eq!(link_code("skm-7KQ2M3XA"), Some("7KQ2M3XA"));
        assert_eq!(link_code("survei-pasar-7KQ2M3XA"), Some("7KQ2M3XA"));
        assert_eq!(link_code("tanpa"), None);
    }
}
