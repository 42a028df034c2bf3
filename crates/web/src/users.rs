//! Accounts, for admins only: list, add, reset a password (which ends the
//! account's sessions), activate and deactivate. Every change goes to the
//! audit log with its values before and after.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use monev_store::Role;
use serde::Deserialize;

use crate::csrf::Checked;
use crate::csrf::NoFields;
use crate::pages::{AppError, Common, language};
use crate::view::{self, Markup};
use crate::{App, Session};

const MIN_PASSWORD: usize = 10;

/// The accounts page's words, in the reader's language.
struct UsersText {
    title: &'static str,
    username: &'static str,
    name: &'static str,
    role: &'static str,
    unit: &'static str,
    status: &'static str,
    actions: &'static str,
    new_password: &'static str,
    reset: &'static str,
    add_title: &'static str,
    full_name: &'static str,
    choose_role: &'static str,
    unit_label: &'static str,
    no_unit: &'static str,
    password_label: &'static str,
    add: &'static str,
    device: &'static str,
    password_in_qr: &'static str,
}

/// One account's row.
struct UserRow {
    id: i64,
    username: String,
    nama: String,
    role: &'static str,
    instansi: String,
    status: &'static str,
    /// The `aktif` value the toggle sends, and its label.
    toggle_to: &'static str,
    toggle: &'static str,
    /// The account collects with a phone (its device can be configured).
    collects: bool,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage<'a> {
    text: UsersText,
    users: Vec<UserRow>,
    csrf: &'a str,
    min_password: usize,
    roles: Vec<&'static str>,
    units: Vec<(String, String)>,
}

pub async fn list(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let users = app
        .store
        .users()
        .await?
        .into_iter()
        .map(|(u, active)| UserRow {
            id: u.id,
            role: u.role.code(),
            instansi: u.instansi.unwrap_or_else(|| "–".to_string()),
            status: if active {
                t("aktif", "active")
            } else {
                t("nonaktif", "inactive")
            },
            toggle_to: if active { "0" } else { "1" },
            toggle: if active {
                t("Nonaktifkan", "Deactivate")
            } else {
                t("Aktifkan", "Activate")
            },
            collects: active && u.role != Role::Pimpinan,
            username: u.username,
            nama: u.nama,
        })
        .collect();
    let page = UsersPage {
        text: UsersText {
            title: t("Pengguna", "Users"),
            username: t("Nama pengguna", "Username"),
            name: t("Nama", "Name"),
            role: t("Peran", "Role"),
            unit: t("Instansi", "Unit"),
            status: t("Status", "Status"),
            actions: t("Tindakan", "Actions"),
            new_password: t("Sandi baru", "New password"),
            reset: t("Atur ulang", "Reset"),
            add_title: t("Tambah pengguna", "Add a user"),
            full_name: t("Nama lengkap", "Full name"),
            // No role is chosen for the admin: an account made in a hurry
            // must not become an administrator by default.
            choose_role: t("— pilih peran —", "— choose a role —"),
            unit_label: t(
                "Instansi (wajib untuk operator)",
                "Unit (required for operators)",
            ),
            no_unit: t("— tanpa instansi —", "— no unit —"),
            password_label: t(
                "Kata sandi (minimal 10 karakter)",
                "Password (at least 10 characters)",
            ),
            add: t("Tambah", "Add"),
            device: t("Siapkan ponsel ODK", "Set up an ODK phone"),
            password_in_qr: t("sandi dalam kode QR", "password in the QR code"),
        },
        users,
        csrf: &session.csrf,
        min_password: MIN_PASSWORD,
        roles: Role::ALL.iter().map(|r| r.code()).collect(),
        units: app.store.instansi_choices().await?,
    };
    Ok(view::page(
        t("Pengguna", "Users"),
        Markup::of(&page),
        Some(&session),
        lang,
        set,
    ))
}

async fn hash(password: String) -> Result<String, AppError> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(AppError::bad_request(
            "Kata sandi minimal 10 karakter. (A password needs at least 10 characters.)",
        ));
    }
    tokio::task::spawn_blocking(move || crate::hash_password(&password))
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
        .map_err(AppError::internal)
}

#[derive(Debug, Deserialize)]
pub struct NewUser {
    username: String,
    nama: String,
    peran: String,
    instansi: Option<String>,
    sandi: String,
}

pub async fn create(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Checked(f): Checked<NewUser>,
) -> Result<Response, AppError> {
    let role = Role::parse(&f.peran)
        .ok_or_else(|| AppError::bad_request("Peran tidak dikenal. (Unknown role.)"))?;
    let username = f.username.trim().to_lowercase();
    if username.is_empty()
        || !username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    {
        return Err(AppError::bad_request(
            "Nama pengguna: huruf, angka, titik, garis bawah atau tanda hubung. (Username: letters, digits, . _ -)",
        ));
    }
    let instansi = f
        .instansi
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let hash = hash(f.sandi).await?;
    let user = app
        .store
        .create_user(&username, f.nama.trim(), role, instansi, &hash)
        .await
        .map_err(|e| AppError::bad_request(&e.to_string()))?;
    let after = serde_json::json!({"username": user.username, "nama": user.nama, "peran": role.code(), "instansi": user.instansi}).to_string();
    app.store
        .audit(
            Some(&session.user),
            "tambah_pengguna",
            &format!("pengguna:{}", user.username),
            None,
            Some(&after),
        )
        .await?;
    Ok(Redirect::to("/pengguna").into_response())
}

#[derive(Debug, Deserialize)]
pub struct NewPassword {
    sandi: String,
}

pub async fn reset_password(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(id): Path<i64>,
    Checked(f): Checked<NewPassword>,
) -> Result<Response, AppError> {
    let (user, _) = app
        .store
        .user_by_id(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let hash = hash(f.sandi).await?;
    app.store.set_password(id, &hash).await?;
    app.store
        .audit(
            Some(&session.user),
            "reset_sandi",
            &format!("pengguna:{}", user.username),
            None,
            None,
        )
        .await?;
    Ok(Redirect::to("/pengguna").into_response())
}

#[derive(Debug, Deserialize)]
pub struct Activation {
    aktif: String,
}

pub async fn set_active(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(id): Path<i64>,
    Checked(f): Checked<Activation>,
) -> Result<Response, AppError> {
    let (user, before) = app
        .store
        .user_by_id(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let after = f.aktif == "1";
    if user.id == session.user.id && !after {
        return Err(AppError::bad_request(
            "Anda tidak dapat menonaktifkan akun Anda sendiri. (You cannot deactivate your own account.)",
        ));
    }
    app.store.set_active(id, after).await?;
    app.store
        .audit(
            Some(&session.user),
            "ubah_status_pengguna",
            &format!("pengguna:{}", user.username),
            Some(&format!("aktif={before}")),
            Some(&format!("aktif={after}")),
        )
        .await?;
    Ok(Redirect::to("/pengguna").into_response())
}

// ── API tokens ───────────────────────────────────────────────────────────

/// Whose tokens a user may see and revoke: an admin every account's, anyone
/// else their own.
fn token_owner(session: &Session) -> Option<i64> {
    (session.user.role != Role::Admin).then_some(session.user.id)
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage<'a> {
    title: &'static str,
    intro: &'static str,
    none: &'static str,
    head: (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ),
    revoke: &'static str,
    tokens: Vec<monev_store::ApiToken>,
    csrf: &'a str,
}

/// The API tokens a user may see, each with a button that revokes it.
/// Tokens are issued with `monev user token` and shown only then.
pub async fn tokens(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let page = TokensPage {
        title: t("Token API", "API tokens"),
        intro: t(
            "Token API membuka JSON API (/api/v1/…) untuk integrasi, atas nama akunnya. Token dibuat dengan perintah monev user token dan hanya ditampilkan sekali; di sini token dapat dicabut. Mengatur ulang kata sandi atau menonaktifkan akun mencabut semua tokennya.",
            "An API token opens the JSON API (/api/v1/…) for an integration, on behalf of its account. Tokens are issued with the monev user token command and shown only once; here they can be revoked. Resetting an account's password or deactivating it revokes all its tokens.",
        ),
        none: t("Belum ada token.", "No tokens yet."),
        head: (
            t("Pengenal", "Id"),
            t("Untuk", "For"),
            t("Akun", "Account"),
            t("Dibuat (UTC)", "Issued (UTC)"),
            t("Tindakan", "Action"),
        ),
        revoke: t("Cabut", "Revoke"),
        tokens: app.store.api_tokens(token_owner(&session)).await?,
        csrf: &session.csrf,
    };
    Ok(view::page(
        page.title,
        Markup::of(&page),
        Some(&session),
        lang,
        set,
    ))
}

/// Revokes one token: the owner's own, or any for an admin; someone else's
/// token is "not found" (its existence is not confirmed).
pub async fn revoke_token(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    Path(id): Path<String>,
    Checked(_): Checked<NoFields>,
) -> Result<Response, AppError> {
    let revoked = app
        .store
        .revoke_api_token(&id, token_owner(&session))
        .await?
        .ok_or_else(AppError::not_found)?;
    app.store
        .audit(
            Some(&session.user),
            "cabut_token_api",
            &format!("pengguna:{}", revoked.username),
            Some(&format!("{} ({})", revoked.nama, revoked.id)),
            None,
        )
        .await?;
    Ok(Redirect::to("/token").into_response())
}
