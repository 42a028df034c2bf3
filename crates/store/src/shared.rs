//! State several servers on one database share: uploads kept between a
//! check and a save, and the public forms' allowance per address. Sessions,
//! login failures and the audit log are in `accounts.rs`.

use crate::{Result, Store};

/// Uploads older than this are removed when another is kept.
const UPLOAD_TTL_SECONDS: i64 = 24 * 3600;

impl Store {
    /// Keeps an upload of `jenis` for account `user` under `id`.
    pub async fn keep_upload(
        &self,
        id: &str,
        jenis: &str,
        user: i64,
        ext: &str,
        bytes: &[u8],
        now: i64,
    ) -> Result<()> {
        sqlx::query("DELETE FROM unggahan WHERE dibuat < $1")
            .bind(now - UPLOAD_TTL_SECONDS)
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO unggahan (id, jenis, pengguna_id, ext, isi, dibuat) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(jenis)
        .bind(user)
        .bind(ext)
        .bind(bytes.to_vec())
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The upload of `jenis` kept for `user` under `id`: (extension, bytes).
    /// Another account's upload is not found.
    pub async fn kept_upload(
        &self,
        id: &str,
        jenis: &str,
        user: i64,
    ) -> Result<Option<(String, Vec<u8>)>> {
        Ok(sqlx::query_as(
            "SELECT ext, isi FROM unggahan WHERE id = $1 AND jenis = $2 AND pengguna_id = $3",
        )
        .bind(id)
        .bind(jenis)
        .bind(user)
        .fetch_optional(&self.pool)
        .await?)
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
