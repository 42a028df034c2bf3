//! Backups of an SQLite store, and restoring one.
//!
//! `backup_to` writes a consistent copy while the server runs: `VACUUM INTO`
//! reads the database in one read transaction (WAL lets writers go on
//! beside it), so the copy is the database at one instant, compacted. It is
//! written under a temporary name and renamed, so a half-written backup
//! never carries the final name.
//!
//! `restore` checks the copy first (SQLite's `integrity_check`, a monev
//! schema no newer than this binary), keeps the database it replaces as
//! `FILE.sebelum-pulih`, and swaps the files by rename; migrations then bring
//! an older backup up to date. PostgreSQL is backed up with `pg_dump`
//! (README, "Cadangan").

use std::path::{Path, PathBuf};

use sqlx::{Connection, Row};

use crate::{Dialect, Result, Store, StoreError};

/// What a backup holds, read back from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// Bytes of the file.
    pub bytes: u64,
    /// The newest migration applied.
    pub schema: i64,
    /// Programme codes.
    pub programs: Vec<String>,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |e| StoreError::Invalid(format!("{}: {e}", path.display()))
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// The file an SQLite target names (a path, or a `sqlite:` URL).
pub fn sqlite_path(target: &str) -> Option<PathBuf> {
    if target.starts_with("postgres") {
        return None;
    }
    let bare = target
        .strip_prefix("sqlite://")
        .or_else(|| target.strip_prefix("sqlite:"))
        .unwrap_or(target);
    let bare = bare.split('?').next().unwrap_or(bare);
    (!bare.is_empty() && !bare.contains(":memory:")).then(|| PathBuf::from(bare))
}

impl Store {
    /// Writes a consistent copy of this SQLite database to `dest` (replacing
    /// it), readable while the server goes on writing.
    pub async fn backup_to(&self, dest: &Path) -> Result<BackupSummary> {
        if self.dialect == Dialect::Postgres {
            return Err(StoreError::Invalid(
                "cadangan PostgreSQL dibuat dengan pg_dump (back PostgreSQL up with pg_dump; see the README)".into(),
            ));
        }
        if let Some(parent) = dest.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let tmp = with_suffix(dest, ".sementara");
        if tmp.exists() {
            std::fs::remove_file(&tmp).map_err(io(&tmp))?;
        }
        let tmp_name = tmp.to_str().ok_or_else(|| {
            StoreError::Invalid(format!("{}: nama berkas bukan UTF-8", tmp.display()))
        })?;
        sqlx::query("VACUUM INTO $1")
            .bind(tmp_name)
            .execute(&self.pool)
            .await?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(io(&tmp))?;
        std::fs::rename(&tmp, dest).map_err(io(dest))?;
        inspect(dest).await
    }
}

/// Opens `file` read-only and checks it is a whole monev database this
/// binary can use.
pub async fn inspect(file: &Path) -> Result<BackupSummary> {
    let meta = std::fs::metadata(file).map_err(io(file))?;
    let bad = |why: String| StoreError::Invalid(format!("{}: {why}", file.display()));
    let url = format!("sqlite://{}?mode=ro", file.display());
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&url).await.map_err(|e| {
        bad(format!(
            "bukan basis data SQLite (not an SQLite database): {e}"
        ))
    })?;
    let checked: Result<BackupSummary> = async {
        let integrity: String = sqlx::query("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await
            .map_err(|e| bad(format!("bukan basis data SQLite (not an SQLite database): {e}")))?
            .try_get(0)?;
        if integrity != "ok" {
            return Err(bad(format!("rusak (corrupt): {integrity}")));
        }
        let schema: Option<i64> = sqlx::query("SELECT MAX(version) FROM schema_migrations")
            .fetch_one(&mut conn)
            .await
            .map_err(|_| bad("bukan basis data monev (no monev schema)".into()))?
            .try_get(0)?;
        let schema = schema.ok_or_else(|| bad("bukan basis data monev (no monev schema)".into()))?;
        if schema > crate::migrate::LATEST {
            return Err(bad(format!(
                "skema versi {schema} lebih baru dari program ini ({}); perbarui monev (newer than this monev)",
                crate::migrate::LATEST
            )));
        }
        let programs: Vec<(String,)> = sqlx::query_as("SELECT kode FROM program ORDER BY kode")
            .fetch_all(&mut conn)
            .await?;
        Ok(BackupSummary {
            bytes: meta.len(),
            schema,
            programs: programs.into_iter().map(|p| p.0).collect(),
        })
    }
    .await;
    conn.close().await.ok();
    checked
}

/// Replaces the SQLite database `target` by the backup `src`, keeping the
/// replaced one as `TARGET.sebelum-pulih`. Stop the server first: a running
/// server keeps the replaced file open.
pub async fn restore(src: &Path, target: &str) -> Result<BackupSummary> {
    let dest = sqlite_path(target).ok_or_else(|| {
        StoreError::Invalid(
            "pemulihan PostgreSQL memakai pg_restore/psql (restore PostgreSQL with pg_restore; see the README)".into(),
        )
    })?;
    inspect(src).await?;
    if let Some(parent) = dest.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    // The copy under a temporary name, flushed, before anything is moved.
    let tmp = with_suffix(&dest, ".pulih-sementara");
    std::fs::copy(src, &tmp).map_err(io(&tmp))?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(io(&tmp))?;
    if dest.exists() {
        // Fold the write-ahead log into the old file, so that the file kept
        // aside is whole and no stale log meets the restored one.
        let url = format!("sqlite://{}", dest.display());
        let mut conn = sqlx::AnyConnection::connect(&url).await?;
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut conn)
            .await?;
        conn.close().await?;
        let kept = with_suffix(&dest, ".sebelum-pulih");
        std::fs::rename(&dest, &kept).map_err(io(&kept))?;
    }
    for side in ["-wal", "-shm"] {
        let f = with_suffix(&dest, side);
        if f.exists() {
            std::fs::remove_file(&f).map_err(io(&f))?;
        }
    }
    std::fs::rename(&tmp, &dest).map_err(io(&dest))?;
    if let Some(parent) = dest.parent() {
        let dir = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        if let Ok(d) = std::fs::File::open(dir) {
            d.sync_all().ok();
        }
    }
    // Migrations bring an older backup up to this binary's schema.
    let store = Store::open(target).await?;
    store.close().await;
    inspect(&dest).await
}
