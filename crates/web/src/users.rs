//! Accounts, for admins only: list, add, reset a password (which ends the
//! account's sessions), activate and deactivate. Every change goes to the
//! audit log with its values before and after.

use std::fmt::Write;

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use monev_report::esc;
use monev_store::Role;
use serde::Deserialize;

use crate::csrf::Checked;
use crate::csrf::NoFields;
use crate::pages::{AppError, Common, language, page};
use crate::{App, Session};

const MIN_PASSWORD: usize = 10;

pub async fn list(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let csrf = esc(&session.csrf);
    let mut body = format!(
        r#"<h1>{}</h1><div class="tabel"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
        t("Pengguna", "Users"),
        t("Nama pengguna", "Username"),
        t("Nama", "Name"),
        t("Peran", "Role"),
        t("Instansi", "Unit"),
        t("Status", "Status"),
        t("Tindakan", "Actions"),
    );
    for (u, active) in app.store.users().await? {
        let toggle = if active {
            t("Nonaktifkan", "Deactivate")
        } else {
            t("Aktifkan", "Activate")
        };
        let _ = write!(
            body,
            r#"<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><form method="post" action="/pengguna/{id}/sandi"><input type="hidden" name="csrf" value="{csrf}"><label for="sandi-{id}">{}</label> <input id="sandi-{id}" name="sandi" type="password" autocomplete="new-password" minlength="{MIN_PASSWORD}" required> <button type="submit">{}</button></form><form method="post" action="/pengguna/{id}/aktif"><input type="hidden" name="csrf" value="{csrf}"><input type="hidden" name="aktif" value="{}"><button class="tautan" type="submit">{toggle}</button></form></td></tr>"#,
            esc(&u.username),
            esc(&u.nama),
            u.role.code(),
            esc(u.instansi.as_deref().unwrap_or("–")),
            if active {
                t("aktif", "active")
            } else {
                t("nonaktif", "inactive")
            },
            t("Sandi baru", "New password"),
            t("Atur ulang", "Reset"),
            if active { "0" } else { "1" },
            id = u.id,
        );
    }
    body.push_str("</tbody></table></div>");
    // No role is chosen for the admin: an account made in a hurry must not
    // become an administrator by default.
    let options = format!(
        r#"<option value="" selected disabled>{}</option>{}"#,
        t("— pilih peran —", "— choose a role —"),
        crate::pages::options(Role::ALL.iter().map(|r| (r.code(), r.code())))
    );
    let units = app.store.instansi_choices().await?;
    let units = format!(
        r#"<option value="">{}</option>{}"#,
        t("— tanpa instansi —", "— no unit —"),
        crate::pages::options(
            units
                .iter()
                .map(|(kode, nama)| (kode.as_str(), nama.as_str()))
        )
    );
    let _ = write!(
        body,
        r#"<h2>{}</h2><form class="masuk" method="post" action="/pengguna"><input type="hidden" name="csrf" value="{csrf}"><label for="username">{}</label><input id="username" name="username" type="text" required><label for="nama">{}</label><input id="nama" name="nama" type="text" required><label for="peran">{}</label><select id="peran" name="peran" required>{options}</select><label for="instansi">{}</label><select id="instansi" name="instansi">{units}</select><label for="sandi">{}</label><input id="sandi" name="sandi" type="password" autocomplete="new-password" minlength="{MIN_PASSWORD}" required><button type="submit">{}</button></form>"#,
        t("Tambah pengguna", "Add a user"),
        t("Nama pengguna", "Username"),
        t("Nama lengkap", "Full name"),
        t("Peran", "Role"),
        t(
            "Instansi (wajib untuk operator)",
            "Unit (required for operators)"
        ),
        t(
            "Kata sandi (minimal 10 karakter)",
            "Password (at least 10 characters)"
        ),
        t("Tambah", "Add"),
    );
    Ok(page(
        t("Pengguna", "Users"),
        &body,
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

/// The API tokens a user may see, each with a button that revokes it.
/// Tokens are issued with `monev user token` and shown only then.
pub async fn tokens(
    State(app): State<App>,
    Extension(session): Extension<Session>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (lang, set) = language(&headers, &Common::default());
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let csrf = esc(&session.csrf);
    let held = app.store.api_tokens(token_owner(&session)).await?;
    let mut body = format!(
        r#"<h1>{}</h1><p>{}</p>"#,
        t("Token API", "API tokens"),
        t(
            "Token API membuka JSON API (/api/v1/…) untuk integrasi, atas nama akunnya. Token dibuat dengan perintah monev user token dan hanya ditampilkan sekali; di sini token dapat dicabut. Mengatur ulang kata sandi atau menonaktifkan akun mencabut semua tokennya.",
            "An API token opens the JSON API (/api/v1/…) for an integration, on behalf of its account. Tokens are issued with the monev user token command and shown only once; here they can be revoked. Resetting an account's password or deactivating it revokes all its tokens."
        ),
    );
    if held.is_empty() {
        let _ = write!(body, "<p>{}</p>", t("Belum ada token.", "No tokens yet."));
    } else {
        let _ = write!(
            body,
            r#"<div class="tabel"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
            t("Pengenal", "Id"),
            t("Untuk", "For"),
            t("Akun", "Account"),
            t("Dibuat (UTC)", "Issued (UTC)"),
            t("Tindakan", "Action"),
        );
        for k in &held {
            let _ = write!(
                body,
                r#"<tr><td><code>{id}</code></td><td>{}</td><td>{}</td><td>{}</td><td><form class="sebaris" method="post" action="/token/{id}/hapus"><input type="hidden" name="csrf" value="{csrf}"><button type="submit">{}</button></form></td></tr>"#,
                esc(&k.nama),
                esc(&k.username),
                esc(&k.dibuat),
                t("Cabut", "Revoke"),
                id = esc(&k.id),
            );
        }
        body.push_str("</tbody></table></div>");
    }
    Ok(page(
        t("Token API", "API tokens"),
        &body,
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
