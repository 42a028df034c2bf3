//! Instruments a programme holds, each version kept (the definition as
//! JSON, written and read by the caller), and the answers of forms that
//! feed no table of their own.

use sqlx::Row;

use crate::{Result, Store, StoreError};

/// One version of a held instrument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldInstrument {
    pub kode: String,
    pub versi: i64,
    pub judul: String,
    /// `xlsform` or `salinan:skm` (an edited copy of a built-in).
    pub sumber: String,
    pub definisi: String,
    pub dibuat: String,
    /// Answers received with this instrument (any version).
    pub kiriman: i64,
}

impl Store {
    /// Saves a new version of an instrument; returns its version number.
    pub async fn save_instrument(
        &self,
        program: &str,
        kode: &str,
        judul: &str,
        sumber: &str,
        definisi: &str,
        by: Option<i64>,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let (program_id,): (i64,) = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
            .bind(program)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::NoSuchProgram(program.to_string()))?;
        let (versi,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(MAX(versi), 0) + 1 FROM instrumen WHERE program_id = $1 AND kode = $2",
        )
        .bind(program_id)
        .bind(kode)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO instrumen (program_id, kode, versi, judul, sumber, definisi, dibuat_oleh)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(program_id)
        .bind(kode)
        .bind(versi)
        .bind(judul)
        .bind(sumber)
        .bind(definisi)
        .bind(by)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(versi)
    }

    /// The latest version of each instrument of a programme.
    pub async fn instruments(&self, program: &str) -> Result<Vec<HeldInstrument>> {
        let rows = sqlx::query(
            "SELECT i.kode, i.versi, i.judul, i.sumber, i.definisi, i.dibuat,
                    (SELECT COUNT(*) FROM kiriman k WHERE k.program_id = i.program_id AND k.instrumen = i.kode) AS kiriman
             FROM instrumen i JOIN program p ON p.id = i.program_id
             WHERE p.kode = $1 AND i.versi = (SELECT MAX(versi) FROM instrumen j WHERE j.program_id = i.program_id AND j.kode = i.kode)
             ORDER BY i.kode",
        )
        .bind(program)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(held).collect()
    }

    /// The latest version of one instrument.
    pub async fn instrument(&self, program: &str, kode: &str) -> Result<Option<HeldInstrument>> {
        let row = sqlx::query(
            "SELECT i.kode, i.versi, i.judul, i.sumber, i.definisi, i.dibuat,
                    (SELECT COUNT(*) FROM kiriman k WHERE k.program_id = i.program_id AND k.instrumen = i.kode) AS kiriman
             FROM instrumen i JOIN program p ON p.id = i.program_id
             WHERE p.kode = $1 AND i.kode = $2 ORDER BY i.versi DESC LIMIT 1",
        )
        .bind(program)
        .bind(kode)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(held).transpose()
    }

    /// Keeps the answers of a form that feeds no table (JSON), once per
    /// UUID; false when that UUID was already kept.
    pub async fn add_answers(
        &self,
        program: &str,
        uuid: &str,
        instrumen: &str,
        versi: i64,
        instansi: &str,
        jawaban: &str,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO kiriman (program_id, uuid, instrumen, versi, instansi, jawaban, waktu)
             SELECT id, $2, $3, $4, $5, $6, CURRENT_TIMESTAMP FROM program WHERE kode = $1
             ON CONFLICT (program_id, uuid) DO NOTHING",
        )
        .bind(program)
        .bind(monev_domain::normalize_uuid(uuid))
        .bind(instrumen)
        .bind(versi)
        .bind(instansi)
        .bind(jawaban)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Answers kept for an instrument: (id, instansi, waktu, versi, JSON).
    pub async fn answers(
        &self,
        program: &str,
        instrumen: &str,
        instansi: Option<&str>,
    ) -> Result<Vec<(i64, String, String, i64, String)>> {
        let only = if instansi.is_some() {
            " AND k.instansi = $3"
        } else {
            ""
        };
        let sql = format!(
            "SELECT k.id, COALESCE(k.instansi, ''), k.waktu, COALESCE(k.versi, 0), COALESCE(k.jawaban, '{{}}')
             FROM kiriman k JOIN program p ON p.id = k.program_id
             WHERE p.kode = $1 AND k.instrumen = $2 AND k.jawaban IS NOT NULL{only} ORDER BY k.id"
        );
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(program)
            .bind(instrumen);
        if let Some(i) = instansi {
            q = q.bind(i);
        }
        Ok(q.fetch_all(&self.pool).await?)
    }
}

fn held(r: &sqlx::any::AnyRow) -> Result<HeldInstrument> {
    Ok(HeldInstrument {
        kode: r.try_get("kode")?,
        versi: r.try_get("versi")?,
        judul: r.try_get("judul")?,
        sumber: r.try_get("sumber")?,
        definisi: r.try_get("definisi")?,
        dibuat: r.try_get("dibuat")?,
        kiriman: r.try_get("kiriman")?,
    })
}

/// A document to keep: its text already extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    pub kode: String,
    pub judul: String,
    pub jenis: String,
    pub berkas: String,
    pub halaman: i64,
    pub halaman_tanpa_teks: Vec<usize>,
    pub teks: String,
}

impl Store {
    /// Keeps a document (replacing one of the same code); returns whether
    /// it was new.
    pub async fn save_document(&self, program: Option<&str>, d: &NewDocument) -> Result<bool> {
        let kode = self.resolve_program(program).await?;
        let (program_id,): (i64,) = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
            .bind(&kode)
            .fetch_one(&self.pool)
            .await?;
        let existing: Option<(String,)> =
            sqlx::query_as("SELECT teks FROM dokumen WHERE program_id = $1 AND kode = $2")
                .bind(program_id)
                .bind(&d.kode)
                .fetch_optional(&self.pool)
                .await?;
        let mut tx = self.begin_write().await?;
        // A new text voids the segments and answered suggestions cut from the old one.
        if existing.as_ref().is_some_and(|(t,)| *t != d.teks) {
            sqlx::query("DELETE FROM kutipan_kode WHERE program_id = $1 AND dokumen = $2")
                .bind(program_id)
                .bind(&d.kode)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "DELETE FROM saran_kode WHERE program_id = $1 AND sumber = 'dokumen' AND sumber_kode = $2",
            )
            .bind(program_id)
            .bind(&d.kode)
            .execute(&mut *tx)
            .await?;
        }
        let empty: Vec<String> = d.halaman_tanpa_teks.iter().map(|p| p.to_string()).collect();
        sqlx::query(
            "INSERT INTO dokumen (program_id, kode, judul, jenis, berkas, halaman, halaman_tanpa_teks, teks)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (program_id, kode) DO UPDATE SET judul = excluded.judul, jenis = excluded.jenis,
                berkas = excluded.berkas, halaman = excluded.halaman,
                halaman_tanpa_teks = excluded.halaman_tanpa_teks, teks = excluded.teks",
        )
        .bind(program_id)
        .bind(&d.kode)
        .bind(&d.judul)
        .bind(&d.jenis)
        .bind(&d.berkas)
        .bind(d.halaman)
        .bind(empty.join(" "))
        .bind(&d.teks)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE program SET import_seq = import_seq + 1 WHERE id = $1")
            .bind(program_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(existing.is_none())
    }

    /// Documents of a programme: (kode, judul, jenis, halaman, characters).
    pub async fn documents(
        &self,
        program: &str,
    ) -> Result<Vec<(String, String, String, i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT d.kode, d.judul, d.jenis, d.halaman, LENGTH(d.teks)
             FROM dokumen d JOIN program p ON p.id = d.program_id WHERE p.kode = $1 ORDER BY d.kode",
        )
        .bind(program)
        .fetch_all(&self.pool)
        .await?)
    }
}

impl Store {
    /// Adds one interview (a transcript typed or extracted from a file).
    /// Refused when its code is taken, its unit unknown, or consent missing.
    pub async fn add_interview(
        &self,
        program: Option<&str>,
        w: &monev_domain::Wawancara,
    ) -> Result<()> {
        if !w.persetujuan {
            return Err(StoreError::Invalid(
                "transkrip tanpa persetujuan responden tidak boleh disimpan (no consent: the transcript may not be kept)".into(),
            ));
        }
        let kode = self.resolve_program(program).await?;
        let (program_id,): (i64,) = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
            .bind(&kode)
            .fetch_one(&self.pool)
            .await?;
        let unit: Option<(String,)> =
            sqlx::query_as("SELECT kode FROM instansi WHERE program_id = $1 AND kode = $2")
                .bind(program_id)
                .bind(&w.instansi)
                .fetch_optional(&self.pool)
                .await?;
        if unit.is_none() {
            return Err(StoreError::Invalid(format!(
                "instansi '{}' tidak ada dalam program {kode} (no such unit)",
                w.instansi
            )));
        }
        let taken: Option<(String,)> =
            sqlx::query_as("SELECT kode FROM wawancara WHERE program_id = $1 AND kode = $2")
                .bind(program_id)
                .bind(&w.kode)
                .fetch_optional(&self.pool)
                .await?;
        if taken.is_some() {
            return Err(StoreError::Invalid(format!(
                "wawancara '{}' sudah ada (an interview with this code exists); pakai kode lain",
                w.kode
            )));
        }
        crate::kualitatif::insert_interview(&self.pool, program_id, w).await?;
        sqlx::query("UPDATE program SET import_seq = import_seq + 1 WHERE id = $1")
            .bind(program_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
