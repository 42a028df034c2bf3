//! What the report needs beyond the data: the programme's report settings
//! (team, decree, signature block, logo) and the evaluator's decisions on
//! generated recommendations. Each change bumps the programme's data
//! version, so cached figures and reports are rebuilt.

use sqlx::Row;

use monev_domain::{
    Date, KeputusanRekomendasi, Logo, PengaturanLaporan, StatusRekomendasi, Timestamp,
};

use crate::{Result, Store, StoreError};

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl Store {
    /// The report settings of a programme (all empty when never set).
    pub async fn report_settings(&self, program: &str) -> Result<PengaturanLaporan> {
        let id = self.program_id(program).await?;
        load_settings(&self.pool, id).await
    }

    /// Saves the report settings, all but the logo (see [`Store::set_logo`]).
    pub async fn save_report_settings(&self, program: &str, s: &PengaturanLaporan) -> Result<()> {
        let id = self.program_id(program).await?;
        let tim: Vec<&str> = s
            .tim
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .collect();
        sqlx::query(
            "INSERT INTO pengaturan_laporan (program_id, tim, nomor_sk, tempat, tanggal,
                 penandatangan_nama, penandatangan_jabatan, penandatangan_nip)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (program_id) DO UPDATE SET tim = excluded.tim, nomor_sk = excluded.nomor_sk,
                 tempat = excluded.tempat, tanggal = excluded.tanggal,
                 penandatangan_nama = excluded.penandatangan_nama,
                 penandatangan_jabatan = excluded.penandatangan_jabatan,
                 penandatangan_nip = excluded.penandatangan_nip",
        )
        .bind(id)
        .bind((!tim.is_empty()).then(|| tim.join("\n")))
        .bind(opt(&s.nomor_sk))
        .bind(opt(&s.tempat))
        .bind(s.tanggal.map(|d| d.to_string()))
        .bind(opt(&s.penandatangan_nama))
        .bind(opt(&s.penandatangan_jabatan))
        .bind(opt(&s.penandatangan_nip))
        .execute(&self.pool)
        .await?;
        self.bump(id).await
    }

    /// Sets or removes the logo on the report's cover.
    pub async fn set_logo(&self, program: &str, logo: Option<&Logo>) -> Result<()> {
        let id = self.program_id(program).await?;
        sqlx::query(
            "INSERT INTO pengaturan_laporan (program_id, logo, logo_mime) VALUES ($1, $2, $3)
             ON CONFLICT (program_id) DO UPDATE SET logo = excluded.logo, logo_mime = excluded.logo_mime",
        )
        .bind(id)
        .bind(logo.map(|l| l.data.clone()))
        .bind(logo.map(|l| l.mime))
        .execute(&self.pool)
        .await?;
        self.bump(id).await
    }

    /// The evaluator's decisions on a programme's recommendations.
    pub async fn recommendation_decisions(
        &self,
        program: &str,
    ) -> Result<Vec<KeputusanRekomendasi>> {
        let id = self.program_id(program).await?;
        load_decisions(&self.pool, id).await
    }

    /// Records (or replaces) the decision on one recommendation.
    pub async fn decide_recommendation(
        &self,
        program: &str,
        d: &KeputusanRekomendasi,
    ) -> Result<()> {
        let id = self.program_id(program).await?;
        if d.status == StatusRekomendasi::Ubah
            && (d.teks.iter().any(|t| t.trim().is_empty())
                || d.judul.iter().any(|t| t.trim().is_empty()))
        {
            return Err(StoreError::Invalid(
                "judul dan teks rekomendasi yang diubah tidak boleh kosong (edited title and text must not be empty)".into(),
            ));
        }
        sqlx::query(
            "INSERT INTO keputusan_rekomendasi (program_id, kode, status, judul_id, judul_en, teks_id, teks_en, asal, oleh, waktu)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (program_id, kode) DO UPDATE SET status = excluded.status,
                 judul_id = excluded.judul_id, judul_en = excluded.judul_en,
                 teks_id = excluded.teks_id, teks_en = excluded.teks_en,
                 asal = excluded.asal, oleh = excluded.oleh, waktu = excluded.waktu",
        )
        .bind(id)
        .bind(&d.kode)
        .bind(d.status.code())
        .bind(d.judul[0].trim())
        .bind(d.judul[1].trim())
        .bind(d.teks[0].trim())
        .bind(d.teks[1].trim())
        .bind(&d.asal)
        .bind(&d.oleh)
        .bind(d.waktu.seconds())
        .execute(&self.pool)
        .await?;
        self.bump(id).await
    }

    /// Withdraws the decision on one recommendation: it is pending again.
    pub async fn undo_recommendation(&self, program: &str, kode: &str) -> Result<()> {
        let id = self.program_id(program).await?;
        sqlx::query("DELETE FROM keputusan_rekomendasi WHERE program_id = $1 AND kode = $2")
            .bind(id)
            .bind(kode)
            .execute(&self.pool)
            .await?;
        self.bump(id).await
    }
}

pub(crate) async fn load_settings(pool: &sqlx::AnyPool, id: i64) -> Result<PengaturanLaporan> {
    let Some(r) = sqlx::query(
        "SELECT tim, nomor_sk, tempat, tanggal, penandatangan_nama, penandatangan_jabatan,
                penandatangan_nip, logo, logo_mime FROM pengaturan_laporan WHERE program_id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(PengaturanLaporan::default());
    };
    let tanggal: Option<String> = r.try_get("tanggal")?;
    let logo: Option<Vec<u8>> = r.try_get("logo")?;
    Ok(PengaturanLaporan {
        tim: r
            .try_get::<Option<String>, _>("tim")?
            .map(|t| t.lines().map(str::to_string).collect())
            .unwrap_or_default(),
        nomor_sk: r.try_get("nomor_sk")?,
        tempat: r.try_get("tempat")?,
        tanggal: tanggal
            .map(|t| Date::parse(&t))
            .transpose()
            .map_err(|e| StoreError::Invalid(format!("tanggal laporan: {e}")))?,
        penandatangan_nama: r.try_get("penandatangan_nama")?,
        penandatangan_jabatan: r.try_get("penandatangan_jabatan")?,
        penandatangan_nip: r.try_get("penandatangan_nip")?,
        logo: logo.and_then(|l| Logo::parse(l).ok()),
    })
}

pub(crate) async fn load_decisions(
    pool: &sqlx::AnyPool,
    id: i64,
) -> Result<Vec<KeputusanRekomendasi>> {
    let mut out = Vec::new();
    for r in sqlx::query(
        "SELECT kode, status, judul_id, judul_en, teks_id, teks_en, asal, oleh, waktu
         FROM keputusan_rekomendasi WHERE program_id = $1 ORDER BY kode",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    {
        let status: String = r.try_get("status")?;
        out.push(KeputusanRekomendasi {
            kode: r.try_get("kode")?,
            status: StatusRekomendasi::parse(&status)
                .ok_or_else(|| StoreError::Invalid(format!("status keputusan: {status}")))?,
            judul: [r.try_get("judul_id")?, r.try_get("judul_en")?],
            teks: [r.try_get("teks_id")?, r.try_get("teks_en")?],
            asal: r.try_get("asal")?,
            oleh: r.try_get("oleh")?,
            waktu: Timestamp::from_seconds(r.try_get("waktu")?),
        });
    }
    Ok(out)
}
