//! State several servers on one database share: uploads kept between a
//! check and a save, and the public forms' allowance per address. Sessions,
//! login failures and the audit log are in `accounts.rs`.

use crate::{Result, Store, StoreError};

/// Uploads older than this are removed when another is kept.
const UPLOAD_TTL_SECONDS: i64 = 24 * 3600;

/// The parts an upload is kept in: at most this many bytes each.
pub const UPLOAD_PART_BYTES: usize = 1 << 20;

impl Store {
    /// Keeps the upload in `file` of `jenis` for `user` under `id`, read
    /// and stored a part of at most [`UPLOAD_PART_BYTES`] at a time (never
    /// whole in memory), so that whichever server the next request reaches
    /// can take the next step. Uploads older than a day are forgotten.
    pub async fn keep_upload(
        &self,
        id: &str,
        jenis: &str,
        user: i64,
        ext: &str,
        file: &std::path::Path,
        now: i64,
    ) -> Result<()> {
        use std::io::Read;
        sqlx::query("DELETE FROM unggahan WHERE dibuat < $1")
            .bind(now - UPLOAD_TTL_SECONDS)
            .execute(&self.pool)
            .await?;
        let mut source = std::fs::File::open(file)
            .map_err(|e| StoreError::Invalid(format!("{}: {e}", file.display())))?;
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO unggahan (id, jenis, pengguna_id, ext, isi, dibuat) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(jenis)
        .bind(user)
        .bind(ext)
        .bind(Vec::<u8>::new())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let mut part = vec![0u8; UPLOAD_PART_BYTES];
        for urutan in 0i64.. {
            let mut filled = 0;
            while filled < part.len() {
                let n = source
                    .read(&mut part[filled..])
                    .map_err(|e| StoreError::Invalid(format!("{}: {e}", file.display())))?;
                if n == 0 {
                    break;
                }
                filled += n;
            }
            if filled == 0 {
                break;
            }
            sqlx::query("INSERT INTO unggahan_bagian (id, urutan, isi) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(urutan)
                .bind(part[..filled].to_vec())
                .execute(&mut *tx)
                .await?;
            if filled < part.len() {
                break;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Writes the upload of `jenis` kept for `user` under `id` to `dest`, a
    /// part at a time; its extension, or None when there is no such upload
    /// (another account's is not found).
    pub async fn kept_upload_to(
        &self,
        id: &str,
        jenis: &str,
        user: i64,
        dest: &std::path::Path,
    ) -> Result<Option<String>> {
        use futures_util::TryStreamExt;
        use std::io::Write;
        let Some((ext, legacy)): Option<(String, Vec<u8>)> = sqlx::query_as(
            "SELECT ext, isi FROM unggahan WHERE id = $1 AND jenis = $2 AND pengguna_id = $3",
        )
        .bind(id)
        .bind(jenis)
        .bind(user)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let io = |e: std::io::Error| StoreError::Invalid(format!("{}: {e}", dest.display()));
        let mut out = std::io::BufWriter::new(std::fs::File::create(dest).map_err(io)?);
        // Kept before parts existed: whole in `isi`.
        out.write_all(&legacy).map_err(io)?;
        let mut parts = sqlx::query_as::<_, (Vec<u8>,)>(
            "SELECT isi FROM unggahan_bagian WHERE id = $1 ORDER BY urutan",
        )
        .bind(id)
        .fetch(&self.pool);
        while let Some((part,)) = parts.try_next().await? {
            out.write_all(&part).map_err(io)?;
        }
        out.flush().map_err(io)?;
        Ok(Some(ext))
    }

    /// Forgets an upload once it has been saved (it cannot be saved twice).
    pub async fn drop_upload(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM unggahan WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Counts one public form submission from `address` in the 10-minute
    /// window of `now`; returns how many that address has sent in it.
    pub async fn count_submission(&self, address: &str, now: i64) -> Result<i64> {
        let window = now.div_euclid(600);
        sqlx::query("DELETE FROM batas_kiriman WHERE jendela < $1")
            .bind(window - 1)
            .execute(&self.pool)
            .await?;
        let (n,): (i64,) = sqlx::query_as(
            "INSERT INTO batas_kiriman (alamat, jendela, jumlah) VALUES ($1, $2, 1)
             ON CONFLICT (alamat, jendela) DO UPDATE SET jumlah = batas_kiriman.jumlah + 1
             RETURNING jumlah",
        )
        .bind(address)
        .bind(window)
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }
}
