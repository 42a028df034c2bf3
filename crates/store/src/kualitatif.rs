//! Qualitative coding held in the store: coded segments of transcripts and
//! documents added and removed one at a time, the codebook, coders' answers
//! to assisted-coding suggestions (the acceptance rate per code and coder),
//! and the programme's own keyword lexicon.

use monev_domain::{KODE_BAKU, KodeKualitatif, Kutipan, Sumber};

use crate::{Result, Store, StoreError};

/// A coded segment with its row id (to remove it).
#[derive(Debug, Clone, PartialEq)]
pub struct HeldSegment {
    pub id: i64,
    pub kutipan: Kutipan,
}

/// A source to code: an interview or a document, with how far its coding
/// has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodingSource {
    pub sumber: Sumber,
    /// Interview: its respondent group code; document: its kind.
    pub jenis: String,
    /// Interview: its instansi; document: its title.
    pub keterangan: String,
    pub tanggal: String,
    pub karakter: i64,
    pub segmen: i64,
    pub pengkode: i64,
}

/// One coder's answers to the suggestions of one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    pub kode: String,
    pub pengkode: String,
    pub dijawab: i64,
    pub diterima: i64,
}

/// A coder's answer to one suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestionAnswer {
    pub mulai: usize,
    pub selesai: usize,
    pub kode: String,
    pub pengkode: String,
    pub pemicu: String,
    pub diterima: bool,
}

impl Store {
    pub(crate) async fn program_id(&self, program: &str) -> Result<i64> {
        let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
            .bind(program)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| r.0)
            .ok_or_else(|| StoreError::NoSuchProgram(program.to_string()))
    }

    pub(crate) async fn bump(&self, program_id: i64) -> Result<()> {
        sqlx::query("UPDATE program SET import_seq = import_seq + 1 WHERE id = $1")
            .bind(program_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The programme's instansi as (kode, nama), for choosing one.
    pub async fn units(&self, program: &str) -> Result<Vec<(String, String)>> {
        let id = self.program_id(program).await?;
        Ok(
            sqlx::query_as("SELECT kode, nama FROM instansi WHERE program_id = $1 ORDER BY kode")
                .bind(id)
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// The programme's codebook; the default one ([`KODE_BAKU`]) when it
    /// holds none.
    pub async fn codebook(&self, program: &str) -> Result<Vec<KodeKualitatif>> {
        let id = self.program_id(program).await?;
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT kode, nama, definisi FROM buku_kode WHERE program_id = $1 ORDER BY kode",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(if rows.is_empty() {
            KODE_BAKU
                .iter()
                .map(|(k, n, d)| KodeKualitatif {
                    kode: k.to_string(),
                    nama: n.to_string(),
                    definisi: d.to_string(),
                })
                .collect()
        } else {
            rows.into_iter()
                .map(|(kode, nama, definisi)| KodeKualitatif {
                    kode,
                    nama,
                    definisi,
                })
                .collect()
        })
    }

    /// Adds a code to the codebook (the default codebook is copied in first,
    /// so adding one code keeps the others). Refused when the code is
    /// malformed or taken.
    pub async fn add_code(&self, program: &str, k: &KodeKualitatif) -> Result<()> {
        let valid = !k.kode.is_empty()
            && k.kode.split('.').all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            });
        if !valid || k.nama.trim().is_empty() {
            return Err(StoreError::Invalid(format!(
                "kode '{}': huruf kecil, angka dan _, bertingkat dengan titik (induk.anak), dengan nama (a code like kendala.sarana, with a name)",
                k.kode
            )));
        }
        let id = self.program_id(program).await?;
        let current = self.codebook(program).await?;
        if current.iter().any(|c| c.kode == k.kode) {
            return Err(StoreError::Invalid(format!(
                "kode '{}' sudah ada di buku kode (the code exists)",
                k.kode
            )));
        }
        let mut tx = self.begin_write().await?;
        let held: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM buku_kode WHERE program_id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let mut add = vec![k.clone()];
        if held.0 == 0 {
            add.extend(current);
        }
        for c in &add {
            sqlx::query(
                "INSERT INTO buku_kode (program_id, kode, nama, definisi) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(&c.kode)
            .bind(c.nama.trim())
            .bind(c.definisi.trim())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.bump(id).await
    }

    /// Interviews and documents with their coding progress.
    pub async fn coding_sources(&self, program: &str) -> Result<Vec<CodingSource>> {
        let id = self.program_id(program).await?;
        type Row = (String, String, String, String, String, i64, i64, i64);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT 'wawancara', w.kode, w.kelompok, w.instansi, w.tanggal, LENGTH(w.transkrip),
                    (SELECT COUNT(*) FROM kutipan_kode k WHERE k.program_id = w.program_id AND k.wawancara = w.kode),
                    (SELECT COUNT(DISTINCT k.pengkode) FROM kutipan_kode k WHERE k.program_id = w.program_id AND k.wawancara = w.kode)
             FROM wawancara w WHERE w.program_id = $1
             UNION ALL
             SELECT 'dokumen', d.kode, d.jenis, d.judul, SUBSTR(d.dibuat, 1, 10), LENGTH(d.teks),
                    (SELECT COUNT(*) FROM kutipan_kode k WHERE k.program_id = d.program_id AND k.dokumen = d.kode),
                    (SELECT COUNT(DISTINCT k.pengkode) FROM kutipan_kode k WHERE k.program_id = d.program_id AND k.dokumen = d.kode)
             FROM dokumen d WHERE d.program_id = $1
             ORDER BY 1 DESC, 2",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(
                |(source, kode, jenis, keterangan, tanggal, karakter, segmen, pengkode)| {
                    Some(CodingSource {
                        sumber: Sumber::new(&source, &kode)?,
                        jenis,
                        keterangan,
                        tanggal,
                        karakter,
                        segmen,
                        pengkode,
                    })
                },
            )
            .collect())
    }

    /// The text of an interview or a document, if the programme holds it.
    pub async fn source_text(&self, program: &str, sumber: &Sumber) -> Result<Option<String>> {
        let id = self.program_id(program).await?;
        let sql = match sumber {
            Sumber::Wawancara(_) => {
                "SELECT transkrip FROM wawancara WHERE program_id = $1 AND kode = $2"
            }
            Sumber::Dokumen(_) => "SELECT teks FROM dokumen WHERE program_id = $1 AND kode = $2",
        };
        let row: Option<(String,)> = sqlx::query_as(sql)
            .bind(id)
            .bind(sumber.kode())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.0))
    }

    /// The coded segments of one source, in text order.
    pub async fn segments(&self, program: &str, sumber: &Sumber) -> Result<Vec<HeldSegment>> {
        let id = self.program_id(program).await?;
        let column = sumber.jenis();
        let rows: Vec<(i64, i64, i64, String, String, Option<String>)> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT id, mulai, selesai, kode, pengkode, memo FROM kutipan_kode
                 WHERE program_id = $1 AND {column} = $2 ORDER BY mulai, selesai, kode, pengkode"
            )))
            .bind(id)
            .bind(sumber.kode())
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, mulai, selesai, kode, pengkode, memo)| HeldSegment {
                id,
                kutipan: Kutipan {
                    sumber: sumber.clone(),
                    mulai: mulai.max(0) as usize,
                    selesai: selesai.max(0) as usize,
                    kode,
                    pengkode,
                    memo,
                },
            })
            .collect())
    }

    /// Adds one coded segment after checking it: the source exists, the span
    /// lies inside its text and is not empty, the code is in the codebook.
    pub async fn add_segment(&self, program: &str, k: &Kutipan) -> Result<i64> {
        let id = self.program_id(program).await?;
        let Some(text) = self.source_text(program, &k.sumber).await? else {
            return Err(StoreError::Invalid(format!(
                "{} '{}' tidak ada (no such {})",
                k.sumber.jenis(),
                k.sumber.kode(),
                if k.sumber.wawancara().is_some() {
                    "interview"
                } else {
                    "document"
                }
            )));
        };
        let len = text.chars().count();
        if k.selesai <= k.mulai || k.selesai > len {
            return Err(StoreError::Invalid(format!(
                "rentang {}..{} di luar teks ({len} karakter) atau kosong (span outside the text)",
                k.mulai, k.selesai
            )));
        }
        if !self
            .codebook(program)
            .await?
            .iter()
            .any(|c| c.kode == k.kode)
        {
            return Err(StoreError::Invalid(format!(
                "kode '{}' tidak ada di buku kode (not in the codebook)",
                k.kode
            )));
        }
        if k.pengkode.trim().is_empty() {
            return Err(StoreError::Invalid(
                "pengkode kosong (no coder)".to_string(),
            ));
        }
        let row: (i64,) = sqlx::query_as(
            "INSERT INTO kutipan_kode (program_id, wawancara, dokumen, mulai, selesai, kode, pengkode, memo)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(id)
        .bind(k.sumber.wawancara().map(str::to_string))
        .bind(k.sumber.dokumen().map(str::to_string))
        .bind(k.mulai as i64)
        .bind(k.selesai as i64)
        .bind(&k.kode)
        .bind(&k.pengkode)
        .bind(k.memo.clone().filter(|m| !m.trim().is_empty()))
        .fetch_one(&self.pool)
        .await?;
        self.bump(id).await?;
        Ok(row.0)
    }

    /// Removes a segment of a source; with `pengkode`, only that coder's.
    /// Returns whether one was removed.
    pub async fn delete_segment(
        &self,
        program: &str,
        sumber: &Sumber,
        segment: i64,
        pengkode: Option<&str>,
    ) -> Result<bool> {
        let id = self.program_id(program).await?;
        let column = sumber.jenis();
        let done = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM kutipan_kode WHERE program_id = $1 AND id = $2 AND {column} = $3
               AND ($4 = '' OR pengkode = $4)"
        )))
        .bind(id)
        .bind(segment)
        .bind(sumber.kode())
        .bind(pengkode.unwrap_or(""))
        .execute(&self.pool)
        .await?;
        if done.rows_affected() > 0 {
            self.bump(id).await?;
        }
        Ok(done.rows_affected() > 0)
    }

    /// Records a coder's answer to a suggestion (the latest answer counts).
    /// Accepting codes the sentence for that coder; rejecting an accepted
    /// one removes that segment again.
    pub async fn answer_suggestion(
        &self,
        program: &str,
        sumber: &Sumber,
        a: &SuggestionAnswer,
    ) -> Result<()> {
        let id = self.program_id(program).await?;
        let column = sumber.jenis();
        let same = format!(
            "program_id = $1 AND {column} = $2 AND mulai = $3 AND selesai = $4 AND kode = $5 AND pengkode = $6"
        );
        let existing: Option<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM kutipan_kode WHERE {same}"
        )))
        .bind(id)
        .bind(sumber.kode())
        .bind(a.mulai as i64)
        .bind(a.selesai as i64)
        .bind(&a.kode)
        .bind(&a.pengkode)
        .fetch_optional(&self.pool)
        .await?;
        if a.diterima && existing.is_none() {
            self.add_segment(
                program,
                &Kutipan {
                    sumber: sumber.clone(),
                    mulai: a.mulai,
                    selesai: a.selesai,
                    kode: a.kode.clone(),
                    pengkode: a.pengkode.clone(),
                    memo: Some(format!("saran: {}", a.pemicu)),
                },
            )
            .await?;
        } else if !a.diterima
            && let Some((seg,)) = existing
        {
            self.delete_segment(program, sumber, seg, Some(&a.pengkode))
                .await?;
        }
        sqlx::query(
            "INSERT INTO saran_kode (program_id, sumber, sumber_kode, mulai, selesai, kode, pengkode, pemicu, diterima)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (program_id, sumber, sumber_kode, mulai, kode, pengkode) DO UPDATE
             SET selesai = excluded.selesai, pemicu = excluded.pemicu, diterima = excluded.diterima,
                 dijawab = CURRENT_TIMESTAMP",
        )
        .bind(id)
        .bind(sumber.jenis())
        .bind(sumber.kode())
        .bind(a.mulai as i64)
        .bind(a.selesai as i64)
        .bind(&a.kode)
        .bind(&a.pengkode)
        .bind(&a.pemicu)
        .bind(i64::from(a.diterima))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every answer given to the suggestions of one source.
    pub async fn suggestion_answers(
        &self,
        program: &str,
        sumber: &Sumber,
    ) -> Result<Vec<SuggestionAnswer>> {
        let id = self.program_id(program).await?;
        let rows: Vec<(i64, i64, String, String, String, i64)> = sqlx::query_as(
            "SELECT mulai, selesai, kode, pengkode, pemicu, diterima FROM saran_kode
             WHERE program_id = $1 AND sumber = $2 AND sumber_kode = $3 ORDER BY mulai, kode",
        )
        .bind(id)
        .bind(sumber.jenis())
        .bind(sumber.kode())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(mulai, selesai, kode, pengkode, pemicu, diterima)| SuggestionAnswer {
                    mulai: mulai.max(0) as usize,
                    selesai: selesai.max(0) as usize,
                    kode,
                    pengkode,
                    pemicu,
                    diterima: diterima != 0,
                },
            )
            .collect())
    }

    /// Suggestions answered and accepted, per code and coder.
    pub async fn acceptance(&self, program: &str) -> Result<Vec<Acceptance>> {
        let id = self.program_id(program).await?;
        let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
            "SELECT kode, pengkode, COUNT(*), CAST(SUM(diterima) AS BIGINT) FROM saran_kode
             WHERE program_id = $1 GROUP BY kode, pengkode ORDER BY kode, pengkode",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(kode, pengkode, dijawab, diterima)| Acceptance {
                kode,
                pengkode,
                dijawab,
                diterima,
            })
            .collect())
    }

    /// The programme's lexicon as (code, keyword) pairs; empty when it uses
    /// the built-in one.
    pub async fn lexicon(&self, program: &str) -> Result<Vec<(String, String)>> {
        let id = self.program_id(program).await?;
        Ok(sqlx::query_as(
            "SELECT kode, kata FROM leksikon WHERE program_id = $1 ORDER BY kode, kata",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Replaces the programme's lexicon (empty: back to the built-in one).
    pub async fn save_lexicon(&self, program: &str, entries: &[(String, String)]) -> Result<()> {
        let id = self.program_id(program).await?;
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM leksikon WHERE program_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for (kode, kata) in entries {
            sqlx::query(
                "INSERT INTO leksikon (program_id, kode, kata) VALUES ($1, $2, $3)
                 ON CONFLICT (program_id, kode, kata) DO NOTHING",
            )
            .bind(id)
            .bind(kode)
            .bind(kata)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
