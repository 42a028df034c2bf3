//! Files sent from the browser: the multipart reader every upload form
//! shares, and uploads kept between a "check" step and a "save" step, each
//! bound to the account that sent it (another account's id is not found).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use axum::extract::Multipart;
use monev_domain::Lang;

use crate::auth;
use crate::pages::AppError;

/// What a multipart upload form sent.
pub(crate) struct Received {
    /// The file field, when one was sent: its name, and the temporary file
    /// it was written to as it arrived (removed when this is dropped), so
    /// an upload is never whole in memory.
    pub file: Option<(String, tempfile::TempPath)>,
    /// Every other text field.
    pub text: HashMap<String, String>,
}

impl Received {
    /// The file (its name and where it is), or a 400 saying none came.
    pub fn file(&self, lang: Lang) -> Result<(&str, &Path), AppError> {
        self.file
            .as_ref()
            .filter(|(_, p)| std::fs::metadata(p).is_ok_and(|m| m.len() > 0))
            .map(|(n, p)| (n.as_str(), p.as_ref()))
            .ok_or_else(|| {
                AppError::bad_request(
                    lang.pick("Tidak ada berkas yang diunggah.", "No file was uploaded."),
                )
            })
    }

    /// The file's name and bytes, for the uploads read whole anyway (a
    /// logo, a document, a transcript; each under its route's limit).
    pub fn bytes(&self, lang: Lang) -> Result<(&str, Vec<u8>), AppError> {
        let (name, path) = self.file(lang)?;
        let bytes = std::fs::read(path).map_err(|e| AppError::internal(e.to_string()))?;
        Ok((name, bytes))
    }
}

/// Reads a multipart form whose file is in `file_field`.
pub(crate) async fn receive(
    mut multipart: Multipart,
    file_field: &str,
) -> Result<Received, AppError> {
    let mut r = Received {
        file: None,
        text: HashMap::new(),
    };
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or("").to_string();
        if name == file_field {
            let file = field.file_name().unwrap_or("berkas").to_string();
            let mut field = field;
            let mut out = tempfile::NamedTempFile::new_in(dir()?)
                .map_err(|e| AppError::internal(e.to_string()))?;
            // Written as it arrives; the route's body limit bounds the size.
            while let Some(chunk) = field.chunk().await.map_err(|e| {
                AppError::bad_request(&format!(
                    "unggahan terputus atau terlalu besar (the upload broke off or is too large): {e}"
                ))
            })? {
                out.write_all(&chunk)
                    .map_err(|e| AppError::internal(e.to_string()))?;
            }
            r.file = Some((file, out.into_temp_path()));
        } else {
            let value = field.text().await.unwrap_or_default();
            r.text.insert(name, value);
        }
    }
    Ok(r)
}

fn dir() -> Result<PathBuf, AppError> {
    let dir = std::env::temp_dir().join("monev-unggahan");
    std::fs::create_dir_all(&dir).map_err(|e| AppError::internal(e.to_string()))?;
    Ok(dir)
}

/// Keeps an upload of `kind` for `user` under a fresh id: in the database
/// (in parts), so that whichever server the next request reaches can take
/// the next step, and as a local file to read now. Returns (id, local path).
pub(crate) async fn keep(
    app: &crate::App,
    kind: &str,
    user: i64,
    ext: &str,
    file: &Path,
) -> Result<(String, PathBuf), AppError> {
    let id = auth::random_token();
    app.store
        .keep_upload(&id, kind, user, ext, file, crate::now())
        .await?;
    let path = dir()?.join(format!("{kind}-{user}-{id}.{ext}"));
    tokio::fs::copy(file, &path)
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
    // Another server received it: fetched from the database a part at a time.
    let fetching = dir.join(format!("{kind}-{user}-{id}.part"));
    let Some(ext) = app.store.kept_upload_to(id, kind, user, &fetching).await? else {
        return Ok(None);
    };
    if !exts.contains(&ext.as_str()) {
        std::fs::remove_file(&fetching).ok();
        return Ok(None);
    }
    let path = dir.join(format!("{kind}-{user}-{id}.{ext}"));
    std::fs::rename(&fetching, &path).map_err(|e| AppError::internal(e.to_string()))?;
    Ok(Some(path))
}

/// A directory of its own for one upload whose file name matters (the
/// caller removes it).
pub(crate) fn scratch() -> Result<PathBuf, AppError> {
    let own = dir()?.join(auth::random_token());
    std::fs::create_dir_all(&own).map_err(|e| AppError::internal(e.to_string()))?;
    Ok(own)
}
