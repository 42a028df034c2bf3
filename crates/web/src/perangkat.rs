//! The device page (`/perangkat`): what an enumerator (or an operator, an
//! evaluator) needs to collect offline with ODK Collect or KoboCollect. The
//! forms its account collects, with their public links and posters; how
//! many answers it sent today; the settings QR code that configures the app
//! in one scan (ODK's settings JSON, zlib-compressed and base64, as
//! Collect's "Configure via QR code" reads it); and its device password,
//! made here and shown once. The QR code carries the server address and the
//! username, never the password, unless an admin configures a phone for
//! someone and asks for it (`/pengguna/{id}/perangkat`).

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use monev_domain::Lang;
use monev_domain::format::number;
use monev_store::{Role, User};
use serde::Deserialize;

use crate::csrf::{Checked, NoFields};
use crate::pages::{AppError, Common, language};
use crate::view::{self, Markup};
use crate::{App, Session, forms, openrosa};

/// The server address a device is given: OpenRosa's `formList` and
/// `submission` are under it.
pub(crate) fn server_url(app: &App) -> String {
    format!("{}/odk", forms::base_url(app))
}

/// ODK Collect's settings for `user` as JSON: the server, the username,
/// forms kept exactly as the server lists them, answers sent as soon as
/// there is a connection, and the project's name. The password only when
/// given.
pub fn settings_json(
    server_url: &str,
    user: &User,
    project: &str,
    password: Option<&str>,
) -> String {
    let mut general = serde_json::json!({
        "protocol": "odk_default",
        "server_url": server_url,
        "username": user.username,
        "form_update_mode": "match_exactly",
        "autosend": "wifi_and_cellular",
    });
    if let Some(p) = password {
        general["password"] = serde_json::Value::from(p);
    }
    serde_json::json!({
        "general": general,
        "admin": {},
        "project": {"name": project, "icon": "M", "color": "#0f766e"},
    })
    .to_string()
}

/// What Collect's "Configure via QR code" reads: the settings JSON,
/// zlib-compressed, base64.
pub fn settings_code(json: &str) -> String {
    use base64::Engine;
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
    base64::engine::general_purpose::STANDARD.encode(packed)
}

/// One form the account collects.
struct FormRow {
    title: String,
    unit: String,
    form_id: String,
    url: String,
    poster: String,
}

struct Words {
    intro: &'static str,
    steps: [&'static str; 3],
    qr_title: &'static str,
    qr_note: &'static str,
    server: &'static str,
    username: &'static str,
    password: &'static str,
    password_set: &'static str,
    password_none: &'static str,
    password_once: &'static str,
    make: &'static str,
    make_note: &'static str,
    forms_title: &'static str,
    form: &'static str,
    unit: &'static str,
    link: &'static str,
    poster: &'static str,
    today: &'static str,
    none: &'static str,
    not_collected: &'static str,
}

#[derive(Template)]
#[template(path = "perangkat.html")]
struct DevicePage<'a> {
    title: String,
    url_note: Markup,
    w: Words,
    server: String,
    username: &'a str,
    /// The settings QR code (SVG drawn and escaped by monev_report::qr),
    /// and the text it encodes.
    qr: Markup,
    code: String,
    /// A device password just made: shown this once.
    password: Option<String>,
    /// Whether the QR code above carries the password.
    password_in_qr: bool,
    has_password: bool,
    /// The account's own page: it may make its own device password.
    own: bool,
    csrf: &'a str,
    today: String,
    forms: Vec<FormRow>,
}

fn words(lang: Lang) -> Words {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    Words {
        intro: t(
            "Kumpulkan jawaban tanpa sinyal dengan ODK Collect atau KoboCollect di ponsel Android: formulirnya dari monev, jawabannya terkirim ke monev begitu ada koneksi.",
            "Collect answers without a signal with ODK Collect or KoboCollect on an Android phone: the forms come from monev, and the answers reach monev as soon as there is a connection.",
        ),
        steps: [
            t(
                "Pasang ODK Collect (atau KoboCollect) dari Play Store, lalu pilih \"Konfigurasi dengan kode QR\" dan pindai kode di bawah.",
                "Install ODK Collect (or KoboCollect) from the Play Store, choose \"Configure with QR code\" and scan the code below.",
            ),
            t(
                "Saat diminta, masukkan sandi perangkat (bukan sandi masuk monev). Buat sandi itu di halaman ini; ia hanya ditampilkan sekali.",
                "When asked, enter the device password (not your monev sign-in password). Make it on this page; it is shown only once.",
            ),
            t(
                "Pilih \"Unduh formulir\", isi di lapangan, lalu \"Kirim formulir\" (atau biarkan terkirim sendiri saat ada koneksi).",
                "Choose \"Download form\", fill it in in the field, then \"Send finalized form\" (or let it send itself when there is a connection).",
            ),
        ],
        qr_title: t("Kode QR pengaturan", "Settings QR code"),
        qr_note: t(
            "Kode ini memuat alamat server dan nama pengguna, tanpa sandi.",
            "This code holds the server address and the username, not the password.",
        ),
        server: t("Alamat server", "Server address"),
        username: t("Nama pengguna", "Username"),
        password: t("Sandi perangkat", "Device password"),
        password_set: t(
            "sudah dibuat (tidak dapat ditampilkan lagi)",
            "made (it cannot be shown again)",
        ),
        password_none: t("belum dibuat", "not made yet"),
        password_once: t(
            "Catat sekarang: sandi ini hanya ditampilkan sekali. Sandi perangkat sebelumnya tidak berlaku lagi.",
            "Write it down now: it is shown only once. The previous device password no longer works.",
        ),
        make: t("Buat sandi perangkat baru", "Make a new device password"),
        make_note: t(
            "Ponsel yang memakai sandi lama akan diminta sandi baru.",
            "Phones using the old password will be asked for the new one.",
        ),
        forms_title: t("Formulir yang Anda kumpulkan", "The forms you collect"),
        form: t("Formulir", "Form"),
        unit: t("Instansi", "Unit"),
        link: t("Tautan daring", "Online link"),
        poster: t("Poster QR", "QR poster"),
        today: t("Jawaban yang Anda kirim hari ini", "Answers you sent today"),
        none: t(
            "Belum ada formulir: impor paket program lebih dulu.",
            "No forms yet: import a programme package first.",
        ),
        not_collected: t(
            "Tidak dikumpulkan lewat ponsel: kuesioner ASN (reaksi, kinerja, non-peserta; dibagikan dengan token sekali pakai), foto dan berkas, lokasi GPS, dan pertanyaan berulang (repeat).",
            "Not collected by phone: the ASN questionnaires (reaction, performance, non-participants; handed out with one-time tokens), photos and files, GPS locations, and repeats.",
        ),
    }
}

async fn render(
    app: &App,
    session: &Session,
    who: &User,
    headers: &HeaderMap,
    password: Option<String>,
    password_in_qr: bool,
) -> Result<Response, AppError> {
    let (lang, set) = language(headers, &Common::default());
    let server = server_url(app);
    let programs = app.store.program_codes().await?;
    let project = match programs.first() {
        Some(p) => format!("monev · {p}"),
        None => "monev".to_string(),
    };
    let json = settings_json(
        &server,
        who,
        &project,
        password.as_deref().filter(|_| password_in_qr),
    );
    let code = settings_code(&json);
    let svg = monev_report::qr::svg(
        &code,
        lang.pick(
            "Kode QR pengaturan ODK Collect",
            "ODK Collect settings QR code",
        ),
    )
    .ok_or_else(|| AppError::internal("settings QR code".into()))?;
    let base = forms::base_url(app);
    let links = openrosa::forms_for(app, who).await?;
    // "Today" in the programme's time zone.
    let zona = links.first().map(|l| l.zona_waktu).unwrap_or_default();
    let mut rows = Vec::new();
    // The page names each form; the XForms themselves are written only
    // when a phone asks for them.
    let mut titles: std::collections::HashMap<(String, String), String> =
        std::collections::HashMap::new();
    for link in links {
        let key = (link.program.clone(), link.instrumen.clone());
        if !titles.contains_key(&key) {
            let (i, _, _) = crate::instruments::resolve(app, &link.program, &link.instrumen)
                .await?
                .ok_or_else(AppError::not_found)?;
            let title = i.judul.get(lang.code()).unwrap_or(&i.kode).to_string();
            titles.insert(key.clone(), title);
        }
        rows.push(FormRow {
            title: titles[&key].clone(),
            unit: link.instansi_nama.clone(),
            form_id: openrosa::form_id(&link),
            url: format!("{base}/f/{}", link.kode),
            poster: format!("/f/{}/poster", link.kode),
        });
    }
    let day = monev_domain::Date::local(crate::now(), zona);
    let midnight = day.days_since_epoch() * 86_400 - zona.offset_seconds();
    let since = monev_domain::Timestamp::from_seconds(midnight).to_string();
    let sent = app.store.device_answers_since(who.id, &since).await?;
    let title = format!(
        "{} · {}",
        lang.pick("Perangkat ODK", "ODK devices"),
        who.username
    );
    let page = DevicePage {
        title: title.clone(),
        url_note: forms::public_url_note(app, lang),
        w: words(lang),
        server,
        username: &who.username,
        qr: Markup::trusted(svg),
        code,
        has_password: app.store.has_device_secret(who.id).await?,
        password,
        password_in_qr,
        own: who.id == session.user.id,
        csrf: &session.csrf,
        today: number(sent as f64, 0, lang),
        forms: rows,
    };
    let mut res = view::page(&title, Markup::of(&page), Some(session), lang, set);
    // A device password may be on it: never kept by a cache.
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        "no-store".parse().expect("static"),
    );
    Ok(res)
}

/// `GET /perangkat`: the signed-in account's device page.
pub async fn page(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    render(&app, &session, &session.user, &headers, None, false).await
}

/// Makes a new device password for `who` and records it (its Digest hash).
async fn make_password(app: &App, by: &User, who: &User, in_qr: bool) -> Result<String, AppError> {
    let password = openrosa::new_device_password();
    app.store
        .set_device_secret(
            who.id,
            Some(&openrosa::device_hash(&who.username, &password)),
        )
        .await?;
    app.store
        .audit(
            Some(by),
            "buat_sandi_perangkat",
            &format!("pengguna:{}", who.username),
            None,
            Some(if in_qr {
                "sandi dalam kode QR"
            } else {
                "sandi ditampilkan sekali"
            }),
        )
        .await?;
    Ok(password)
}

/// `POST /perangkat`: a new device password for the signed-in account,
/// shown once.
pub async fn new_password(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Checked(_): Checked<NoFields>,
) -> Result<Response, AppError> {
    let password = make_password(&app, &session.user, &session.user, false).await?;
    render(
        &app,
        &session,
        &session.user,
        &headers,
        Some(password),
        false,
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct Configure {
    /// "1" to put the password into the QR code.
    sandi_di_qr: Option<String>,
}

/// `POST /pengguna/{id}/perangkat`: an admin configures a phone for an
/// account: a new device password, shown once, in the QR code when asked.
pub async fn configure(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Checked(f): Checked<Configure>,
) -> Result<Response, AppError> {
    let (who, active) = app
        .store
        .user_by_id(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !active || matches!(who.role, Role::Pimpinan) {
        return Err(AppError::bad_request(
            "Akun ini tidak mengumpulkan data (nonaktif atau pimpinan). (This account does not collect: inactive or pimpinan.)",
        ));
    }
    let in_qr = f.sandi_di_qr.as_deref() == Some("1");
    let password = make_password(&app, &session.user, &who, in_qr).await?;
    render(&app, &session, &who, &headers, Some(password), in_qr).await
}
