//! The public SKM results page's data: which approved version of a unit's
//! figures the unit published for a period (`publikasi_skm`), and its
//! follow-up actions (`tindak_lanjut`). A unit publishes when it chooses,
//! and only a version the kota approved; publishing pins that version, so a
//! later version is public only when published again.

use monev_domain::{Periode, StatusPersetujuan};
use sqlx::Row;

use crate::persetujuan::Pelaku;
use crate::{Result, Store, StoreError};

/// A period the unit published: the approved version's frozen figures
/// (JSON), who published it and when, and the follow-up actions.
#[derive(Debug, Clone, PartialEq)]
pub struct Terbit {
    pub periode: Periode,
    pub versi: u32,
    pub angka: String,
    pub diterbitkan_oleh: String,
    pub diterbitkan_waktu: i64,
    /// Follow-up actions, one a line (empty: none entered).
    pub tindak_lanjut: String,
}

fn refused(id: &str, en: &str) -> StoreError {
    StoreError::Invalid(format!("{id} ({en})"))
}

async fn program_id(tx: &mut sqlx::AnyConnection, program: &str) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
        .bind(program)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NoSuchProgram(program.to_string()))?;
    Ok(id)
}

impl Store {
    /// A programme's name.
    pub async fn program_name(&self, program: &str) -> Result<String> {
        let (nama,): (String,) = sqlx::query_as("SELECT nama FROM program WHERE kode = $1")
            .bind(program)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NoSuchProgram(program.to_string()))?;
        Ok(nama)
    }

    /// Publishes the version of unit `instansi`'s figures of `periode` the
    /// kota approved last; refused when none is approved. Audited.
    pub async fn publish(
        &self,
        program: &str,
        instansi: &str,
        periode: Periode,
        by: Pelaku<'_>,
        waktu: i64,
    ) -> Result<u32> {
        let mut tx = self.begin_write().await?;
        let id = program_id(&mut tx, program).await?;
        let approved: Option<(i64,)> = sqlx::query_as(
            "SELECT MAX(versi) FROM persetujuan
             WHERE program_id = $1 AND instansi = $2 AND periode = $3 AND status = $4
             HAVING COUNT(*) > 0",
        )
        .bind(id)
        .bind(instansi)
        .bind(periode.to_string())
        .bind(StatusPersetujuan::DisetujuiKota.code())
        .fetch_optional(&mut *tx)
        .await?;
        let Some((versi,)) = approved else {
            return Err(refused(
                &format!(
                    "angka {instansi} {periode} belum disetujui kota; yang belum disetujui tidak diterbitkan"
                ),
                "only figures the kota approved are published",
            ));
        };
        sqlx::query(
            "DELETE FROM publikasi_skm WHERE program_id = $1 AND instansi = $2 AND periode = $3",
        )
        .bind(id)
        .bind(instansi)
        .bind(periode.to_string())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO publikasi_skm (program_id, instansi, periode, versi, diterbitkan_oleh, diterbitkan_waktu)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(instansi)
        .bind(periode.to_string())
        .bind(versi)
        .bind(by.nama)
        .bind(waktu)
        .execute(&mut *tx)
        .await?;
        let entry = crate::accounts::AuditEntry::new(
            by.user,
            "terbitkan_skm",
            &format!("publikasi:{program}:{instansi}:{periode}"),
            None,
            Some(&format!("v{versi}")),
        );
        self.audit_in(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(versi as u32)
    }

    /// Takes a period's results off the public page. Audited.
    pub async fn unpublish(
        &self,
        program: &str,
        instansi: &str,
        periode: Periode,
        by: Pelaku<'_>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let id = program_id(&mut tx, program).await?;
        let gone = sqlx::query(
            "DELETE FROM publikasi_skm WHERE program_id = $1 AND instansi = $2 AND periode = $3",
        )
        .bind(id)
        .bind(instansi)
        .bind(periode.to_string())
        .execute(&mut *tx)
        .await?;
        if gone.rows_affected() == 0 {
            return Err(refused(
                "periode ini tidak diterbitkan",
                "this period is not published",
            ));
        }
        let entry = crate::accounts::AuditEntry::new(
            by.user,
            "tarik_skm",
            &format!("publikasi:{program}:{instansi}:{periode}"),
            Some("diterbitkan"),
            None,
        );
        self.audit_in(&mut tx, entry).await?;
        tx.commit().await
    }

    /// Sets unit `instansi`'s follow-up actions for `periode` (one a line;
    /// empty removes them). Audited.
    pub async fn set_follow_up(
        &self,
        program: &str,
        instansi: &str,
        periode: Periode,
        teks: &str,
        by: Pelaku<'_>,
        waktu: i64,
    ) -> Result<()> {
        let teks: String = teks
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let mut tx = self.begin_write().await?;
        let id = program_id(&mut tx, program).await?;
        sqlx::query(
            "DELETE FROM tindak_lanjut WHERE program_id = $1 AND instansi = $2 AND periode = $3",
        )
        .bind(id)
        .bind(instansi)
        .bind(periode.to_string())
        .execute(&mut *tx)
        .await?;
        if !teks.is_empty() {
            sqlx::query(
                "INSERT INTO tindak_lanjut (program_id, instansi, periode, teks, diubah_oleh, diubah_waktu)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(instansi)
            .bind(periode.to_string())
            .bind(&teks)
            .bind(by.nama)
            .bind(waktu)
            .execute(&mut *tx)
            .await?;
        }
        let entry = crate::accounts::AuditEntry::new(
            by.user,
            "tindak_lanjut",
            &format!("publikasi:{program}:{instansi}:{periode}"),
            None,
            Some(&teks),
        );
        self.audit_in(&mut tx, entry).await?;
        tx.commit().await
    }

    /// A unit's follow-up actions of every period, by period.
    pub async fn follow_ups(
        &self,
        program: &str,
        instansi: &str,
    ) -> Result<Vec<(Periode, String)>> {
        let rows = sqlx::query(
            "SELECT t.periode, t.teks FROM tindak_lanjut t JOIN program p ON p.id = t.program_id
             WHERE p.kode = $1 AND t.instansi = $2 ORDER BY t.periode",
        )
        .bind(program)
        .bind(instansi)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let p: String = r.try_get("periode")?;
                Ok((
                    Periode::parse(&p).map_err(|e| StoreError::Invalid(e.to_string()))?,
                    r.try_get("teks")?,
                ))
            })
            .collect()
    }

    /// What unit `instansi` of programme `program` published, by period:
    /// the published version's frozen figures and the follow-up actions.
    pub async fn published(&self, program: &str, instansi: &str) -> Result<Vec<Terbit>> {
        let rows = sqlx::query(
            "SELECT b.periode, b.versi, s.angka, b.diterbitkan_oleh, b.diterbitkan_waktu,
                    COALESCE(t.teks, '') AS teks
             FROM publikasi_skm b
             JOIN program p ON p.id = b.program_id
             JOIN persetujuan s ON s.program_id = b.program_id AND s.instansi = b.instansi
                  AND s.periode = b.periode AND s.versi = b.versi AND s.status = 'disetujui_kota'
             LEFT JOIN tindak_lanjut t ON t.program_id = b.program_id AND t.instansi = b.instansi
                  AND t.periode = b.periode
             WHERE p.kode = $1 AND b.instansi = $2
             ORDER BY b.periode",
        )
        .bind(program)
        .bind(instansi)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let p: String = r.try_get("periode")?;
                Ok(Terbit {
                    periode: Periode::parse(&p).map_err(|e| StoreError::Invalid(e.to_string()))?,
                    versi: r.try_get::<i64, _>("versi")? as u32,
                    angka: r.try_get("angka")?,
                    diterbitkan_oleh: r.try_get("diterbitkan_oleh")?,
                    diterbitkan_waktu: r.try_get("diterbitkan_waktu")?,
                    tindak_lanjut: r.try_get("teks")?,
                })
            })
            .collect()
    }
}
