//! Accounts, sessions, login throttling and the audit log. Password hashing
//! and token generation are the web crate's business: the store keeps only
//! hashes.

use sqlx::Row;

use crate::{Result, Store, StoreError};

/// What a user may do. Checked by the web application on every route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything, including accounts.
    Admin,
    /// The whole programme: data, imports, evaluation.
    Evaluator,
    /// One instansi: its roster, participation, queue log and imports.
    Operator,
    /// Enters interviews and survey responses.
    Enumerator,
    /// Reads dashboards and reports.
    Pimpinan,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Evaluator,
        Role::Operator,
        Role::Enumerator,
        Role::Pimpinan,
    ];

    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_lowercase().as_str() {
            "admin" => Some(Role::Admin),
            "evaluator" => Some(Role::Evaluator),
            "operator" => Some(Role::Operator),
            "enumerator" => Some(Role::Enumerator),
            "pimpinan" => Some(Role::Pimpinan),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Evaluator => "evaluator",
            Role::Operator => "operator",
            Role::Enumerator => "enumerator",
            Role::Pimpinan => "pimpinan",
        }
    }
}

/// One participation row as the data page shows it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PesertaRow {
    pub nip: String,
    pub nama: String,
    pub instansi: String,
    pub pelatihan: String,
    pub kehadiran_persen: Option<f64>,
    pub pre_test: Option<f64>,
    pub post_test: Option<f64>,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
/// The fields of an audit entry its hash covers.
pub(crate) struct AuditEntry {
    waktu: String,
    pengguna_id: Option<i64>,
    username: String,
    aksi: String,
    objek: String,
    sebelum: Option<String>,
    sesudah: Option<String>,
}

impl AuditEntry {
    /// An entry made now, by `user` (`-` for the command line).
    pub(crate) fn new(
        user: Option<&User>,
        aksi: &str,
        objek: &str,
        sebelum: Option<&str>,
        sesudah: Option<&str>,
    ) -> AuditEntry {
        AuditEntry {
            waktu: utc_now(),
            pengguna_id: user.map(|u| u.id),
            username: user.map_or("-".to_string(), |u| u.username.clone()),
            aksi: aksi.to_string(),
            objek: objek.to_string(),
            sebelum: sebelum.map(str::to_string),
            sesudah: sesudah.map(str::to_string),
        }
    }
}

/// SHA-256 (hex) over the previous entry's hash and this entry's fields,
/// each length-prefixed (so no two field lists give the same bytes) and an
/// absent value told from an empty one.
fn audit_hash(previous: &str, e: &AuditEntry) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    let pengguna = e.pengguna_id.map(|i| i.to_string());
    for field in [
        Some(previous),
        Some(e.waktu.as_str()),
        pengguna.as_deref(),
        Some(e.username.as_str()),
        Some(e.aksi.as_str()),
        Some(e.objek.as_str()),
        e.sebelum.as_deref(),
        e.sesudah.as_deref(),
    ] {
        match field {
            None => h.update(b"-;"),
            Some(f) => {
                h.update(f.len().to_string().as_bytes());
                h.update(b":");
                h.update(f.as_bytes());
                h.update(b";");
            }
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Now, UTC, as the audit log writes it (`YYYY-MM-DD HH:MM:SS`).
pub(crate) fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    monev_domain::Timestamp::from_seconds(secs).to_string()
}

/// What `Store::verify_audit` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditCheck {
    /// Entries whose hash holds.
    pub chained: u64,
    /// Entries from before the chain (migration 15), at the start.
    pub unchained: u64,
    /// Entries where the chain breaks: id and why.
    pub broken: Vec<(i64, String)>,
    /// The last entry's id and hash: the chain's head. Kept somewhere the
    /// database's users cannot reach (the minutes, a signed e-mail), it
    /// shows later that no entry was cut from the end, which the chain
    /// alone cannot show.
    pub head: Option<(i64, String)>,
    /// With [`Store::verify_audit_from`]: whether the given head is still
    /// an entry of the chain.
    pub anchor_found: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct AuditRow {
    pub waktu: String,
    pub username: String,
    pub aksi: String,
    pub objek: String,
    pub sebelum: Option<String>,
    pub sesudah: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub nama: String,
    pub role: Role,
    /// For an operator: the instansi code they may see.
    pub instansi: Option<String>,
    /// The region the account is limited to (it and what lies under it);
    /// `None`: every region.
    pub wilayah: Option<String>,
}

impl User {
    /// The name to show for what the account did: its full name, else its
    /// username.
    pub fn display_name(&self) -> &str {
        if self.nama.trim().is_empty() {
            &self.username
        } else {
            &self.nama
        }
    }
}

pub(crate) fn user_from(r: &sqlx::any::AnyRow) -> Result<User> {
    let role: String = r.try_get("peran")?;
    Ok(User {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        nama: r.try_get("nama")?,
        role: Role::parse(&role)
            .ok_or_else(|| StoreError::Invalid(format!("peran tidak dikenal: {role}")))?,
        instansi: r.try_get("instansi")?,
        wilayah: r.try_get("wilayah")?,
    })
}

impl Store {
    /// Whether any region is known (`wilayah.csv` imported).
    pub async fn has_regions(&self) -> Result<bool> {
        let row: Option<(String,)> = sqlx::query_as("SELECT kode FROM wilayah LIMIT 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    /// An error unless the store knows region `kode`.
    pub async fn check_region(&self, kode: &str) -> Result<()> {
        let known: Option<(String,)> = sqlx::query_as("SELECT kode FROM wilayah WHERE kode = $1")
            .bind(kode)
            .fetch_optional(&self.pool)
            .await?;
        match known {
            Some(_) => Ok(()),
            None => Err(StoreError::Invalid(format!(
                "wilayah '{kode}' tidak dikenal; impor wilayah.csv dulu (no such region)"
            ))),
        }
    }

    /// Limits an account to a region and what lies under it (`None`: every
    /// region). The region must be known.
    pub async fn set_user_region(&self, username: &str, wilayah: Option<&str>) -> Result<()> {
        if let Some(kode) = wilayah {
            self.check_region(kode).await?;
        }
        let done = sqlx::query("UPDATE pengguna SET wilayah = $1 WHERE username = $2")
            .bind(wilayah)
            .bind(username)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Invalid(format!(
                "pengguna '{username}' tidak ada (no such user)"
            )));
        }
        Ok(())
    }

    /// Creates an account; the username must be new.
    pub async fn create_user(
        &self,
        username: &str,
        nama: &str,
        role: Role,
        instansi: Option<&str>,
        password_hash: &str,
    ) -> Result<User> {
        if role == Role::Operator && instansi.is_none() {
            return Err(StoreError::Invalid(
                "operator harus terikat pada satu instansi (--instansi KODE) (an operator needs an instansi)".into(),
            ));
        }
        // The name is shown in every page's navigation and the audit log.
        if nama.trim().is_empty() || nama.chars().any(char::is_control) {
            return Err(StoreError::Invalid(format!(
                "nama {nama:?}: wajib diisi, tanpa karakter kendali (a name is required, printable)"
            )));
        }
        if let Some(kode) = instansi {
            let known: Option<(i64,)> =
                sqlx::query_as("SELECT program_id FROM instansi WHERE kode = $1 LIMIT 1")
                    .bind(kode)
                    .fetch_optional(&self.pool)
                    .await?;
            if known.is_none() {
                return Err(StoreError::Invalid(format!(
                    "instansi '{kode}' tidak ada di program mana pun; impor paketnya dulu atau periksa kodenya (no such instansi)"
                )));
            }
        }
        let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM pengguna WHERE username = $1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await?;
        if exists.is_some() {
            return Err(StoreError::Invalid(format!(
                "username '{username}' sudah dipakai (already taken)"
            )));
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO pengguna (username, nama, peran, instansi, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(username)
        .bind(nama)
        .bind(role.code())
        .bind(instansi.map(str::to_string))
        .bind(password_hash)
        .fetch_one(&self.pool)
        .await?;
        Ok(User {
            id,
            username: username.into(),
            nama: nama.into(),
            role,
            instansi: instansi.map(str::to_string),
            wilayah: None,
        })
    }

    /// Every instansi an account may be bound to: code and name, one row a
    /// code across the programmes held (the user form's choice).
    pub async fn instansi_choices(&self) -> Result<Vec<(String, String)>> {
        Ok(
            sqlx::query_as("SELECT kode, MIN(nama) FROM instansi GROUP BY kode ORDER BY kode")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// The active account and its password hash, by username.
    pub async fn user_for_login(&self, username: &str) -> Result<Option<(User, String)>> {
        let row = sqlx::query(
            "SELECT id, username, nama, peran, instansi, wilayah, password_hash FROM pengguna WHERE username = $1 AND aktif = 1",
        )
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((user_from(&r)?, r.try_get("password_hash")?)))
            .transpose()
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        csrf: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query("INSERT INTO sesi (token_hash, pengguna_id, csrf, dibuat, terakhir) VALUES ($1, $2, $3, $4, $4)")
            .bind(token_hash)
            .bind(user_id)
            .bind(csrf)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The session's user and CSRF token, when the session exists, was used
    /// within `idle` seconds and is younger than `absolute` seconds. A live
    /// session's last use is moved to `now`; a dead one is deleted.
    pub async fn session_user(
        &self,
        token_hash: &str,
        now: i64,
        idle: i64,
        absolute: i64,
    ) -> Result<Option<(User, String)>> {
        let row = sqlx::query(
            "SELECT p.id, p.username, p.nama, p.peran, p.instansi, p.wilayah, s.csrf, s.dibuat, s.terakhir
             FROM sesi s JOIN pengguna p ON p.id = s.pengguna_id
             WHERE s.token_hash = $1 AND p.aktif = 1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let (created, last): (i64, i64) = (r.try_get("dibuat")?, r.try_get("terakhir")?);
        if now - last > idle || now - created > absolute {
            self.delete_session(token_hash).await?;
            return Ok(None);
        }
        if now - last >= 60 {
            sqlx::query("UPDATE sesi SET terakhir = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(token_hash)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some((user_from(&r)?, r.try_get("csrf")?)))
    }

    /// Every account, with whether it is active.
    pub async fn users(&self) -> Result<Vec<(User, bool)>> {
        let rows = sqlx::query(
            "SELECT id, username, nama, peran, instansi, wilayah, aktif FROM pengguna ORDER BY username",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((user_from(r)?, r.try_get::<i64, _>("aktif")? == 1)))
            .collect()
    }

    pub async fn user_by_id(&self, id: i64) -> Result<Option<(User, bool)>> {
        let row = sqlx::query(
            "SELECT id, username, nama, peran, instansi, wilayah, aktif FROM pengguna WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((user_from(&r)?, r.try_get::<i64, _>("aktif")? == 1)))
            .transpose()
    }

    /// Replaces a password and ends the user's sessions.
    pub async fn set_password(&self, id: i64, password_hash: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // The devices it configured sign in again with a new device password.
        sqlx::query("UPDATE pengguna SET password_hash = $1, perangkat_ha1 = NULL WHERE id = $2")
            .bind(password_hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sesi WHERE pengguna_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        // A reset password means the account may be in other hands: its
        // integrations are issued anew.
        sqlx::query("DELETE FROM token_api WHERE pengguna_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Activates or deactivates an account; a deactivated one loses its
    /// sessions and API tokens (activating it again does not revive them).
    pub async fn set_active(&self, id: i64, active: bool) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE pengguna SET aktif = $1 WHERE id = $2")
            .bind(i64::from(active))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if !active {
            sqlx::query("DELETE FROM sesi WHERE pengguna_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM token_api WHERE pengguna_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Issues an API token (its hash) for a user.
    pub async fn create_api_token(
        &self,
        username: &str,
        nama: &str,
        token_hash: &str,
    ) -> Result<User> {
        let row = sqlx::query("SELECT id, username, nama, peran, instansi, wilayah FROM pengguna WHERE username = $1 AND aktif = 1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::Invalid(format!("pengguna '{username}' tidak ada (no such user)")))?;
        let user = user_from(&row)?;
        sqlx::query("INSERT INTO token_api (token_hash, pengguna_id, nama) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(user.id)
            .bind(nama)
            .execute(&self.pool)
            .await?;
        Ok(user)
    }

    /// API tokens, newest first: every account's (`owner` None, for an
    /// admin) or one account's. Never the token itself, which is not kept.
    pub async fn api_tokens(&self, owner: Option<i64>) -> Result<Vec<ApiToken>> {
        let rows = sqlx::query(
            "SELECT t.token_hash, t.nama, t.dibuat, p.id AS pengguna_id, p.username
             FROM token_api t JOIN pengguna p ON p.id = t.pengguna_id
             WHERE $1 = 0 OR p.id = $2
             ORDER BY t.dibuat DESC, t.token_hash",
        )
        .bind(i64::from(owner.is_some()))
        .bind(owner.unwrap_or(0))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let hash: String = r.try_get("token_hash")?;
                Ok(ApiToken {
                    id: hash.get(..ApiToken::ID_LEN).unwrap_or(&hash).to_string(),
                    nama: r.try_get("nama")?,
                    dibuat: r.try_get("dibuat")?,
                    pengguna_id: r.try_get("pengguna_id")?,
                    username: r.try_get("username")?,
                })
            })
            .collect()
    }

    /// Revokes the API token whose id ([`ApiToken::id`]) is `id`, if it
    /// belongs to `owner` (any account's when `owner` is None); the token
    /// revoked, or None when there was no such token.
    pub async fn revoke_api_token(&self, id: &str, owner: Option<i64>) -> Result<Option<ApiToken>> {
        if id.len() != ApiToken::ID_LEN || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let id = id.to_ascii_lowercase();
        let Some(token) = self
            .api_tokens(owner)
            .await?
            .into_iter()
            .find(|t| t.id == id)
        else {
            return Ok(None);
        };
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "DELETE FROM token_api WHERE substr(token_hash, 1, 12) = $1 AND pengguna_id = $2",
        )
        .bind(&token.id)
        .bind(token.pengguna_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(token))
    }

    /// The active user an API token belongs to.
    pub async fn token_user(&self, token_hash: &str) -> Result<Option<User>> {
        let row = sqlx::query(
            "SELECT p.id, p.username, p.nama, p.peran, p.instansi, p.wilayah FROM token_api t JOIN pengguna p ON p.id = t.pengguna_id
             WHERE t.token_hash = $1 AND p.aktif = 1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| user_from(&r)).transpose()
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sesi WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Failed logins recorded for `key` since `since`.
    pub async fn login_failures(&self, key: &str, since: i64) -> Result<i64> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM gagal_masuk WHERE kunci = $1 AND waktu >= $2")
                .bind(key)
                .bind(since)
                .fetch_one(&self.pool)
                .await?;
        Ok(n)
    }

    pub async fn record_login_failure(&self, key: &str, now: i64) -> Result<()> {
        sqlx::query("INSERT INTO gagal_masuk (kunci, waktu) VALUES ($1, $2)")
            .bind(key)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn clear_login_failures(&self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM gagal_masuk WHERE kunci = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Appends to the audit log.
    ///
    /// Chained: the entry keeps the previous entry's hash and its own
    /// ([`audit_hash`]), written in one write transaction (on PostgreSQL
    /// under an advisory lock, so two servers cannot fork the chain).
    pub async fn audit(
        &self,
        user: Option<&User>,
        aksi: &str,
        objek: &str,
        sebelum: Option<&str>,
        sesudah: Option<&str>,
    ) -> Result<()> {
        let entry = AuditEntry::new(user, aksi, objek, sebelum, sesudah);
        let mut tx = self.begin_write().await?;
        self.audit_in(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Appends an audit entry inside the caller's write transaction, so the
    /// entry and the change it records commit together.
    pub(crate) async fn audit_in(
        &self,
        tx: &mut sqlx::AnyConnection,
        entry: AuditEntry,
    ) -> Result<()> {
        if self.dialect == crate::Dialect::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(7273)")
                .execute(&mut *tx)
                .await?;
        }
        let last: Option<(Option<String>,)> =
            sqlx::query_as("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
                .fetch_optional(&mut *tx)
                .await?;
        let previous = last.and_then(|l| l.0).unwrap_or_default();
        let hash = audit_hash(&previous, &entry);
        sqlx::query(
            "INSERT INTO audit (waktu, pengguna_id, username, aksi, objek, sebelum, sesudah, hash_sebelumnya, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&entry.waktu)
        .bind(entry.pengguna_id)
        .bind(&entry.username)
        .bind(&entry.aksi)
        .bind(&entry.objek)
        .bind(entry.sebelum.as_deref())
        .bind(entry.sesudah.as_deref())
        .bind(&previous)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
        Ok(())
    }

    /// Walks the audit log in order and checks its chain: every entry's
    /// hash matches its fields and the entry before it.
    pub async fn verify_audit(&self) -> Result<AuditCheck> {
        self.verify_audit_from(None).await
    }

    /// [`Store::verify_audit`], and whether `anchor` (a head noted earlier,
    /// [`AuditCheck::head`]) is still in the chain: when it is gone, entries
    /// were cut from the end of the log (or the log replaced).
    pub async fn verify_audit_from(&self, anchor: Option<&str>) -> Result<AuditCheck> {
        use futures_util::TryStreamExt;
        let mut rows = sqlx::query(
            "SELECT id, waktu, pengguna_id, username, aksi, objek, sebelum, sesudah, hash_sebelumnya, hash
             FROM audit ORDER BY id",
        )
        .fetch(&self.pool);
        let mut check = AuditCheck::default();
        let mut previous: Option<String> = None;
        while let Some(r) = rows.try_next().await? {
            let id: i64 = r.try_get("id")?;
            let stored: Option<String> = r.try_get("hash")?;
            let Some(stored) = stored else {
                if previous.is_some() {
                    check.broken.push((id, "entri tanpa hash di tengah rantai (an entry without a hash inside the chain)".into()));
                } else {
                    check.unchained += 1;
                }
                continue;
            };
            let entry = AuditEntry {
                waktu: r.try_get("waktu")?,
                pengguna_id: r.try_get("pengguna_id")?,
                username: r.try_get("username")?,
                aksi: r.try_get("aksi")?,
                objek: r.try_get("objek")?,
                sebelum: r.try_get("sebelum")?,
                sesudah: r.try_get("sesudah")?,
            };
            let claimed: String = r
                .try_get::<Option<String>, _>("hash_sebelumnya")?
                .unwrap_or_default();
            let expected_prev = previous.clone().unwrap_or_default();
            if claimed != expected_prev {
                check.broken.push((id, "entri sebelumnya hilang atau diubah (the entry before it was removed or changed)".into()));
            }
            if audit_hash(&claimed, &entry) != stored {
                check
                    .broken
                    .push((id, "isi entri diubah (the entry was changed)".into()));
            }
            check.chained += 1;
            if anchor == Some(stored.as_str()) {
                check.anchor_found = Some(true);
            }
            check.head = Some((id, stored.clone()));
            previous = Some(stored);
        }
        if anchor.is_some() && check.anchor_found.is_none() {
            check.anchor_found = Some(false);
        }
        Ok(check)
    }

    /// The newest audit entries first.
    pub async fn audit_rows(&self, limit: i64) -> Result<Vec<AuditRow>> {
        let rows = sqlx::query(
            "SELECT waktu, username, aksi, objek, sebelum, sesudah FROM audit ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditRow {
                    waktu: r.try_get("waktu")?,
                    username: r.try_get("username")?,
                    aksi: r.try_get("aksi")?,
                    objek: r.try_get("objek")?,
                    sebelum: r.try_get("sebelum")?,
                    sesudah: r.try_get("sesudah")?,
                })
            })
            .collect()
    }

    /// ASN of a programme, optionally of one instansi, filtered by a search
    /// text on name or NIP, one page at a time; with the total count.
    pub async fn asn_page(
        &self,
        kode: &str,
        instansi: Option<&str>,
        cari: &str,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<monev_domain::Asn>, i64)> {
        let like = format!("%{}%", cari.trim().to_lowercase());
        let inst = instansi.unwrap_or("");
        let where_ = "FROM asn a JOIN program p ON p.id = a.program_id
             WHERE p.kode = $1 AND ($2 = '' OR a.instansi = $2) AND (lower(a.nama) LIKE $3 OR a.nip LIKE $3)";
        let (total,): (i64,) =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {where_}")))
                .bind(kode)
                .bind(inst)
                .bind(&like)
                .fetch_one(&self.pool)
                .await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT a.nip, a.nama, a.instansi, a.jabatan, a.golongan, a.pendidikan, a.jenis_kelamin {where_}
             ORDER BY a.instansi, a.nama LIMIT $4 OFFSET $5"
        )))
        .bind(kode)
        .bind(inst)
        .bind(&like)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(monev_domain::Asn {
                nip: monev_domain::Nip::parse(&r.try_get::<String, _>("nip")?)
                    .map_err(|e| StoreError::Invalid(e.to_string()))?,
                nama: r.try_get("nama")?,
                instansi: r.try_get("instansi")?,
                jabatan: r.try_get("jabatan")?,
                golongan: r.try_get("golongan")?,
                pendidikan: r.try_get("pendidikan")?,
                jenis_kelamin: monev_domain::Gender::parse(
                    &r.try_get::<String, _>("jenis_kelamin")?,
                )
                .map_err(|e| StoreError::Invalid(e.to_string()))?,
            });
        }
        Ok((out, total))
    }

    /// Participation rows of a programme with the ASN's name and instansi,
    /// optionally of one instansi, one page at a time; with the total.
    pub async fn peserta_page(
        &self,
        kode: &str,
        instansi: Option<&str>,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<PesertaRow>, i64)> {
        let inst = instansi.unwrap_or("");
        let from = "FROM peserta t JOIN program p ON p.id = t.program_id
             JOIN asn a ON a.program_id = t.program_id AND a.nip = t.nip
             JOIN pelatihan m ON m.program_id = t.program_id AND m.kode = t.pelatihan
             WHERE p.kode = $1 AND ($2 = '' OR a.instansi = $2)";
        let (total,): (i64,) =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {from}")))
                .bind(kode)
                .bind(inst)
                .fetch_one(&self.pool)
                .await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT t.nip, a.nama, a.instansi, m.nama AS pelatihan, t.kehadiran_persen, t.pre_test, t.post_test {from}
             ORDER BY a.instansi, a.nama, m.nama LIMIT $3 OFFSET $4"
        )))
        .bind(kode)
        .bind(inst)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let out = rows
            .iter()
            .map(|r| {
                Ok(PesertaRow {
                    nip: r.try_get("nip")?,
                    nama: r.try_get("nama")?,
                    instansi: r.try_get("instansi")?,
                    pelatihan: r.try_get("pelatihan")?,
                    kehadiran_persen: r.try_get("kehadiran_persen")?,
                    pre_test: r.try_get("pre_test")?,
                    post_test: r.try_get("post_test")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((out, total))
    }

    /// The import sequence of a programme: it changes whenever data change,
    /// so an evaluation cached under it stays valid until then.
    pub async fn program_version(&self, kode: &str) -> Result<i64> {
        let (v,): (i64,) = sqlx::query_as("SELECT import_seq FROM program WHERE kode = $1")
            .bind(kode)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NoSuchProgram(kode.to_string()))?;
        Ok(v)
    }

    /// The programme's time zone (its local dates are in it).
    pub async fn zona_waktu(&self, kode: &str) -> Result<monev_domain::ZonaWaktu> {
        let (z,): (String,) = sqlx::query_as("SELECT zona_waktu FROM program WHERE kode = $1")
            .bind(kode)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NoSuchProgram(kode.to_string()))?;
        Ok(monev_domain::ZonaWaktu::parse(&z).unwrap_or_default())
    }
}

/// An API token as it is listed: never the token, which is shown once when
/// it is issued and kept only as its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// The first [`Self::ID_LEN`] hexadecimal digits of the token's hash:
    /// names it for revoking, tells nothing of the token.
    pub id: String,
    /// What it is for ("dasbor provinsi").
    pub nama: String,
    pub dibuat: String,
    pub pengguna_id: i64,
    pub username: String,
}

impl ApiToken {
    pub const ID_LEN: usize = 12;
}
