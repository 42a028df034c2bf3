//! Devices that collect offline (ODK Collect, KoboCollect): an account's
//! device password, kept as its HTTP Digest hash, and the Digest nonces the
//! servers hand out and check (shared through the database, so a client
//! challenged by one server may answer any).

use sqlx::Row;

use crate::accounts::user_from;
use crate::{Result, Store, User};

/// What became of a Digest nonce a client answered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonceUse {
    /// Issued here, young enough, and this request count is new.
    Fresh,
    /// Issued here but too old: the client should retry with a new one
    /// (`stale=true`, no new password prompt).
    Stale,
    /// Never issued, or this count was used already (a replay).
    Refused,
}

impl Store {
    /// Sets the account's device password (its Digest hash, `None` to
    /// revoke every device).
    pub async fn set_device_secret(&self, user_id: i64, ha1: Option<&str>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE pengguna SET perangkat_ha1 = $1 WHERE id = $2")
            .bind(ha1.map(str::to_string))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The active account of `username` and its device password's Digest
    /// hash, when it has one.
    pub async fn device_user(&self, username: &str) -> Result<Option<(User, String)>> {
        let row = sqlx::query(
            "SELECT id, username, nama, peran, instansi, wilayah, perangkat_ha1 FROM pengguna
             WHERE username = $1 AND aktif = 1 AND perangkat_ha1 IS NOT NULL",
        )
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((user_from(&r)?, r.try_get("perangkat_ha1")?)))
            .transpose()
    }

    /// Whether the account has a device password.
    pub async fn has_device_secret(&self, user_id: i64) -> Result<bool> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM pengguna WHERE id = $1 AND perangkat_ha1 IS NOT NULL")
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.is_some())
    }

    /// Records a nonce issued at `now` (Unix seconds), forgetting those
    /// older than `forget_before`.
    pub async fn issue_nonce(&self, nonce: &str, now: i64, forget_before: i64) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM odk_nonce WHERE dibuat < $1")
            .bind(forget_before)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO odk_nonce (nonce, dibuat, nc) VALUES ($1, $2, 0)")
            .bind(nonce)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Uses a nonce with request count `nc`: fresh when it was issued at or
    /// after `issued_after` and `nc` is above every count used with it.
    pub async fn use_nonce(&self, nonce: &str, nc: i64, issued_after: i64) -> Result<NonceUse> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE odk_nonce SET nc = $2 WHERE nonce = $1 AND nc < $2 AND dibuat >= $3",
        )
        .bind(nonce)
        .bind(nc)
        .bind(issued_after)
        .execute(&mut *tx)
        .await?;
        let outcome = if done.rows_affected() == 1 {
            NonceUse::Fresh
        } else {
            let row: Option<(i64,)> =
                sqlx::query_as("SELECT dibuat FROM odk_nonce WHERE nonce = $1")
                    .bind(nonce)
                    .fetch_optional(&mut *tx)
                    .await?;
            match row {
                Some((dibuat,)) if dibuat < issued_after => NonceUse::Stale,
                _ => NonceUse::Refused,
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }

    /// How many answers `user_id` sent from a device since `since` (an
    /// audit time, `YYYY-MM-DDTHH:MM:SSZ`), counted from the audit log.
    pub async fn device_answers_since(&self, user_id: i64, since: &str) -> Result<i64> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit WHERE pengguna_id = $1 AND aksi = 'kirim_odk' AND waktu >= $2",
        )
        .bind(user_id)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }
}
