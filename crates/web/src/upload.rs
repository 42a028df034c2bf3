//! Files sent from the browser: the multipart reader every upload form
//! shares, and uploads kept between a "check" step and a "save" step, each
//! bound to the account that sent it (another account's id is not found).

use std::collections::HashMap;
use std::path::PathBuf;

use axum::body::Bytes;
use axum::extract::Multipart;
use monev_domain::Lang;

use crate::auth;
use crate::pages::AppError;

/// What a multipart upload form sent.
pub(crate) struct Received {
    pub csrf: String,
    /// (file name, bytes) of the file field, when one was sent.
    pub file: Option<(String, Bytes)>,
    /// Every other text field.
    pub text: HashMap<String, String>,
}

impl Received {
    /// The file, or a 400 saying none came.
    pub fn file(&self, lang: Lang) -> Result<(&str, &Bytes), AppError> {
        self.file
            .as_ref()
            .filter(|(_, b)| !b.is_empty())
            .map(|(n, b)| (n.as_str(), b))
            .ok_or_else(|| {
                AppError::bad_request(
                    lang.pick("Tidak ada berkas yang diunggah.", "No file was uploaded."),
                )
            })
    }
}

/// Reads a multipart form whose file is in `file_field`.
pub(crate) async fn receive(
    mut multipart: Multipart,
    file_field: &str,
) -> Result<Received, AppError> {
    let mut r = Received {
        csrf: String::new(),
        file: None,
        text: HashMap::new(),
    };
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or("").to_string();
        if name == file_field {
            let file = field.file_name().unwrap_or("berkas").to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|e| AppError::bad_request(&e.to_string()))?;
            r.file = Some((file, bytes));
        } else {
            let value = field.text().await.unwrap_or_default();
            if name == "csrf" {
                r.csrf = value;
            } else {
                r.text.insert(name, value);
            }
        }
    }
    Ok(r)
}

fn dir() -> Result<PathBuf, AppError> {
    let dir = std::env::temp_dir().join("monev-unggahan");
    std::fs::create_dir_all(&dir).map_err(|e| AppError::internal(e.to_string()))?;
    Ok(dir)
}

/// Keeps an upload of `kind` for `user` under a fresh id: in the database,
/// so that whichever server the next request reaches can take the next
/// step, and as a local file to read now. Returns (id, local path).
pub(crate) async fn keep(
    app: &crate::App,
    kind: &str,
    user: i64,
    ext: &str,
    bytes: &[u8],
) -> Result<(String, PathBuf), AppError> {
    let id = auth::random_token();
    app.store
        .keep_upload(&id, kind, user, ext, bytes, crate::now())
        .await?;
    let path = dir()?.join(format!("{kind}-{user}-{id}.{ext}"));
    tokio::fs::write(&path, bytes)
        .await
        .map_err(|e| AppError::internal(e.to_string()))?;
    Ok((id, path))
}

/// The upload of `kind` kept for `user` under `id` (hex only: no path
/// tricks), with one of `exts`, as a local file: this server's copy, or
/// the database's when another server received it.
pub(crate) async fn kept(
    app: &crate::App,
    kind: &str,
    user: i64,
    id: &str,
    exts: &[&str],
) -> Result<Option<PathBuf>, AppError> {
    if id.len() < 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let dir = dir()?;
    if let Some(p) = exts
        .iter()
        .map(|ext| dir.join(format!("{kind}-{user}-{id}.{ext}")))
        .find(|p| p.exists())
    {
        return Ok(Some(p));
    }
    let Some((ext, bytes)) = app.store.kept_upload(id, kind, user).await? else {
        return Ok(None);
    };
    if !exts.contains(&ext.as_str()) {
        return Ok(None);
    }
    let path = dir.join(format!("{kind}-{user}-{id}.{ext}"));
    tokio::fs::write(&path, bytes)
        .await
        .map_err(|e| AppError::internal(e.to_string()))?;
    Ok(Some(path))
}

/// A directory of its own for one upload whose file name matters (the
/// caller removes it).
pub(crate) fn scratch() -> Result<PathBuf, AppError> {
    let own = dir()?.join(auth::random_token());
    std::fs::create_dir_all(&own).map_err(|e| AppError::internal(e.to_string()))?;
    Ok(own)
}
