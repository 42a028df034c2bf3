//! The approval of a unit's figures for a period
//! (`monev_domain::Persetujuan`): versions submitted, approved by the
//! kecamatan then the kota, or sent back; each version's figures frozen with
//! their SHA-256. The rules of the steps live here, each step one
//! transaction with its audit entry; who may take which step (roles and
//! regions) is the web's (`web/src/persetujuan.rs`).

use monev_domain::{Periode, Persetujuan, StatusPersetujuan, Tahap};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::{Result, Store, StoreError, User};

/// Who takes a step: the account (`None` from the command line or the
/// demo) and the name the record shows.
#[derive(Debug, Clone, Copy)]
pub struct Pelaku<'a> {
    pub user: Option<&'a User>,
    pub nama: &'a str,
}

impl<'a> Pelaku<'a> {
    /// An account, under its display name.
    pub fn of(user: &'a User) -> Pelaku<'a> {
        Pelaku {
            user: Some(user),
            nama: user.display_name(),
        }
    }
}

/// A unit's figures submitted for approval.
#[derive(Debug, Clone, Copy)]
pub struct Ajuan<'a> {
    pub instansi: &'a str,
    pub periode: Periode,
    /// The figures as JSON (`eval::persetujuan::AngkaUnit`).
    pub angka: &'a str,
    /// Why a version after the first is made (required then).
    pub alasan: &'a str,
    /// Unix seconds.
    pub waktu: i64,
}

fn refused(id: &str, en: &str) -> StoreError {
    StoreError::Invalid(format!("{id} ({en})"))
}

const COLUMNS: &str = "instansi, periode, versi, status, angka, sidik, alasan, diajukan_oleh,
     diajukan_waktu, kecamatan_oleh, kecamatan_waktu, kota_oleh, kota_waktu, catatan";

fn row_of(r: &sqlx::any::AnyRow) -> Result<Persetujuan> {
    let periode: String = r.try_get("periode")?;
    let status: String = r.try_get("status")?;
    Ok(Persetujuan {
        instansi: r.try_get("instansi")?,
        periode: Periode::parse(&periode)
            .map_err(|e| StoreError::Invalid(format!("persetujuan.periode {periode}: {e}")))?,
        versi: r.try_get::<i64, _>("versi")? as u32,
        status: StatusPersetujuan::parse(&status)
            .ok_or_else(|| StoreError::Invalid(format!("persetujuan.status {status}")))?,
        angka: r.try_get("angka")?,
        sidik: r.try_get("sidik")?,
        alasan: r.try_get("alasan")?,
        diajukan_oleh: r.try_get("diajukan_oleh")?,
        diajukan_waktu: r.try_get("diajukan_waktu")?,
        kecamatan_oleh: r.try_get("kecamatan_oleh")?,
        kecamatan_waktu: r.try_get("kecamatan_waktu")?,
        kota_oleh: r.try_get("kota_oleh")?,
        kota_waktu: r.try_get("kota_waktu")?,
        catatan: r.try_get("catatan")?,
    })
}

/// Every version of programme `id`'s figures, by unit, period and version.
pub(crate) async fn load_approvals(pool: &sqlx::AnyPool, id: i64) -> Result<Vec<Persetujuan>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM persetujuan WHERE program_id = $1 ORDER BY instansi, periode, versi"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_all(pool)
        .await?
        .iter()
        .map(row_of)
        .collect()
}

/// The latest version of one unit's figures of one period, in `tx`.
async fn latest(
    tx: &mut sqlx::AnyConnection,
    program_id: i64,
    instansi: &str,
    periode: Periode,
) -> Result<Option<(Persetujuan, Option<i64>)>> {
    let sql = format!(
        "SELECT {COLUMNS}, kecamatan_pengguna FROM persetujuan
         WHERE program_id = $1 AND instansi = $2 AND periode = $3 ORDER BY versi DESC LIMIT 1"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(program_id)
        .bind(instansi)
        .bind(periode.to_string())
        .fetch_optional(&mut *tx)
        .await?;
    row.map(|r| Ok((row_of(&r)?, r.try_get("kecamatan_pengguna")?)))
        .transpose()
}

impl Store {
    /// Every version of a programme's units' figures.
    pub async fn approvals(&self, program: &str) -> Result<Vec<Persetujuan>> {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
            .bind(program)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NoSuchProgram(program.to_string()))?;
        load_approvals(&self.pool, id).await
    }

    async fn program_unit(
        &self,
        tx: &mut sqlx::AnyConnection,
        program: &str,
        instansi: &str,
    ) -> Result<i64> {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
            .bind(program)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::NoSuchProgram(program.to_string()))?;
        let known: Option<(String,)> =
            sqlx::query_as("SELECT kode FROM instansi WHERE program_id = $1 AND kode = $2")
                .bind(id)
                .bind(instansi)
                .fetch_optional(&mut *tx)
                .await?;
        if known.is_none() {
            return Err(refused(
                &format!("instansi {instansi} tidak ada dalam program {program}"),
                "no such unit in the programme",
            ));
        }
        Ok(id)
    }

    /// Submits a unit's figures of a period as a new version, frozen with
    /// their SHA-256. Refused while a version waits for approval, without a
    /// reason for any version after the first, and when the figures are
    /// those of the version the kota approved last. Returns the version.
    pub async fn submit_figures(
        &self,
        program: &str,
        a: &Ajuan<'_>,
        by: Pelaku<'_>,
    ) -> Result<u32> {
        let mut tx = self.begin_write().await?;
        let program_id = self.program_unit(&mut tx, program, a.instansi).await?;
        let sidik: String = Sha256::digest(a.angka.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let alasan = a.alasan.trim();
        let before = latest(&mut tx, program_id, a.instansi, a.periode).await?;
        let versi = match &before {
            None => 1,
            Some((p, _)) if p.status.pending() => {
                return Err(refused(
                    &format!(
                        "versi {} masih menunggu persetujuan; kembalikan dulu bila perlu diubah",
                        p.versi
                    ),
                    "a version is waiting for approval; send it back first to change it",
                ));
            }
            Some((p, _)) if p.status == StatusPersetujuan::DisetujuiKota && p.sidik == sidik => {
                return Err(refused(
                    &format!("angka sama dengan versi {} yang sudah disetujui", p.versi),
                    "the figures are those of the approved version",
                ));
            }
            Some(_) if alasan.is_empty() => {
                return Err(refused(
                    "versi baru perlu alasan perubahannya",
                    "a new version needs the reason for the change",
                ));
            }
            Some((p, _)) => p.versi + 1,
        };
        sqlx::query(
            "INSERT INTO persetujuan (program_id, instansi, periode, versi, status, angka, sidik, alasan,
                                      diajukan_oleh, diajukan_pengguna, diajukan_waktu)
             VALUES ($1, $2, $3, $4, 'diajukan', $5, $6, $7, $8, $9, $10)",
        )
        .bind(program_id)
        .bind(a.instansi)
        .bind(a.periode.to_string())
        .bind(i64::from(versi))
        .bind(a.angka)
        .bind(&sidik)
        .bind((!alasan.is_empty()).then_some(alasan))
        .bind(by.nama)
        .bind(by.user.map(|u| u.id))
        .bind(a.waktu)
        .execute(&mut *tx)
        .await?;
        self.approval_done(
            &mut tx,
            program_id,
            by,
            "ajukan_angka",
            (program, a.instansi, a.periode, versi),
            before.map(|(p, _)| format!("v{} {}", p.versi, p.status.code())),
            match alasan {
                "" => format!("v{versi} diajukan {sidik}"),
                r => format!("v{versi} diajukan {sidik}: {r}"),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(versi)
    }

    /// Approves version `versi` at step `tahap`: the kecamatan's step takes
    /// a submitted version, the kota's one the kecamatan approved, by
    /// another account than the kecamatan's. Only the latest version.
    #[allow(clippy::too_many_arguments)]
    pub async fn approve_figures(
        &self,
        program: &str,
        instansi: &str,
        periode: Periode,
        versi: u32,
        tahap: Tahap,
        by: Pelaku<'_>,
        waktu: i64,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let program_id = self.program_unit(&mut tx, program, instansi).await?;
        let (p, kecamatan_pengguna) = self
            .the_latest(&mut tx, program_id, instansi, periode, versi)
            .await?;
        let (from, to) = tahap.from_to();
        if p.status != from {
            return Err(refused(
                &format!(
                    "versi {versi} berstatus {}; tahap {} menyetujui yang berstatus {}",
                    p.status.code(),
                    tahap.code(),
                    from.code()
                ),
                "this step approves a version in another state",
            ));
        }
        let same = match (kecamatan_pengguna, by.user) {
            (Some(k), Some(u)) => k == u.id,
            _ => p.kecamatan_oleh.as_deref() == Some(by.nama),
        };
        if tahap == Tahap::Kota && same {
            return Err(refused(
                "persetujuan kota harus oleh akun lain dari yang menyetujui di kecamatan",
                "the kota's approval must come from another account than the kecamatan's",
            ));
        }
        let sql = match tahap {
            Tahap::Kecamatan => {
                "UPDATE persetujuan SET status = $1, kecamatan_oleh = $2, kecamatan_pengguna = $3,
                        kecamatan_waktu = $4
                 WHERE program_id = $5 AND instansi = $6 AND periode = $7 AND versi = $8"
            }
            Tahap::Kota => {
                "UPDATE persetujuan SET status = $1, kota_oleh = $2, kota_pengguna = $3, kota_waktu = $4
                 WHERE program_id = $5 AND instansi = $6 AND periode = $7 AND versi = $8"
            }
        };
        sqlx::query(sql)
            .bind(to.code())
            .bind(by.nama)
            .bind(by.user.map(|u| u.id))
            .bind(waktu)
            .bind(program_id)
            .bind(instansi)
            .bind(periode.to_string())
            .bind(i64::from(versi))
            .execute(&mut *tx)
            .await?;
        self.approval_done(
            &mut tx,
            program_id,
            by,
            match tahap {
                Tahap::Kecamatan => "setujui_angka_kecamatan",
                Tahap::Kota => "setujui_angka_kota",
            },
            (program, instansi, periode, versi),
            Some(format!("v{versi} {}", from.code())),
            format!("v{versi} {} {}", to.code(), p.sidik),
        )
        .await?;
        tx.commit().await
    }

    /// Sends version `versi`, waiting for approval, back to the unit with a
    /// comment.
    #[allow(clippy::too_many_arguments)]
    pub async fn return_figures(
        &self,
        program: &str,
        instansi: &str,
        periode: Periode,
        versi: u32,
        catatan: &str,
        by: Pelaku<'_>,
        waktu: i64,
    ) -> Result<()> {
        let catatan = catatan.trim();
        if catatan.is_empty() {
            return Err(refused(
                "mengembalikan angka perlu catatan alasannya",
                "sending figures back needs a comment saying why",
            ));
        }
        let mut tx = self.begin_write().await?;
        let program_id = self.program_unit(&mut tx, program, instansi).await?;
        let (p, _) = self
            .the_latest(&mut tx, program_id, instansi, periode, versi)
            .await?;
        if !p.status.pending() {
            return Err(refused(
                &format!(
                    "versi {versi} tidak menunggu persetujuan ({})",
                    p.status.code()
                ),
                "only a version waiting for approval can be sent back",
            ));
        }
        sqlx::query(
            "UPDATE persetujuan SET status = 'dikembalikan', catatan = $1
             WHERE program_id = $2 AND instansi = $3 AND periode = $4 AND versi = $5",
        )
        .bind(catatan)
        .bind(program_id)
        .bind(instansi)
        .bind(periode.to_string())
        .bind(i64::from(versi))
        .execute(&mut *tx)
        .await?;
        let _ = waktu;
        self.approval_done(
            &mut tx,
            program_id,
            by,
            "kembalikan_angka",
            (program, instansi, periode, versi),
            Some(format!("v{versi} {}", p.status.code())),
            format!("v{versi} dikembalikan: {catatan}"),
        )
        .await?;
        tx.commit().await
    }

    /// Sets the days after a period's end its figures are due (`None`: the
    /// default); audited.
    pub async fn set_due_days(
        &self,
        program: &str,
        days: Option<u32>,
        by: Option<&User>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let was: Option<(Option<i64>,)> =
            sqlx::query_as("SELECT batas_lapor_hari FROM program WHERE kode = $1")
                .bind(program)
                .fetch_optional(&mut *tx)
                .await?;
        let (was,) = was.ok_or_else(|| StoreError::NoSuchProgram(program.to_string()))?;
        sqlx::query(
            "UPDATE program SET batas_lapor_hari = $1, import_seq = import_seq + 1 WHERE kode = $2",
        )
        .bind(days.map(i64::from))
        .bind(program)
        .execute(&mut *tx)
        .await?;
        let text = |d: Option<i64>| d.map_or("baku".to_string(), |d| format!("{d} hari"));
        let entry = crate::accounts::AuditEntry::new(
            by,
            "batas_lapor_hari",
            program,
            Some(&text(was)),
            Some(&text(days.map(i64::from))),
        );
        self.audit_in(&mut tx, entry).await?;
        tx.commit().await
    }

    /// The latest version, which must be `versi`.
    async fn the_latest(
        &self,
        tx: &mut sqlx::AnyConnection,
        program_id: i64,
        instansi: &str,
        periode: Periode,
        versi: u32,
    ) -> Result<(Persetujuan, Option<i64>)> {
        match latest(tx, program_id, instansi, periode).await? {
            Some((p, k)) if p.versi == versi => Ok((p, k)),
            Some((p, _)) => Err(refused(
                &format!("versi {versi} bukan versi terakhir (versi {})", p.versi),
                "not the latest version",
            )),
            None => Err(refused(
                &format!("belum ada angka {instansi} {periode} yang diajukan"),
                "nothing submitted for this unit and period",
            )),
        }
    }

    /// A step's audit entry, and a new data version for the reports.
    #[allow(clippy::too_many_arguments)]
    async fn approval_done(
        &self,
        tx: &mut sqlx::AnyConnection,
        program_id: i64,
        by: Pelaku<'_>,
        aksi: &str,
        (program, instansi, periode, versi): (&str, &str, Periode, u32),
        sebelum: Option<String>,
        sesudah: String,
    ) -> Result<()> {
        sqlx::query("UPDATE program SET import_seq = import_seq + 1 WHERE id = $1")
            .bind(program_id)
            .execute(&mut *tx)
            .await?;
        // Without an account, the name the step was taken under.
        let sesudah = match by.user {
            Some(_) => sesudah,
            None => format!("{sesudah} (oleh {})", by.nama),
        };
        let entry = crate::accounts::AuditEntry::new(
            by.user,
            aksi,
            &format!("persetujuan:{program}:{instansi}:{periode}:v{versi}"),
            sebelum.as_deref(),
            Some(&sesudah),
        );
        self.audit_in(tx, entry).await
    }
}
