//! Qualitative coding held in the store: coded segments of transcripts and
//! documents added and removed one at a time, the codebook, coders' answers
//! to assisted-coding suggestions (the acceptance rate per code and coder),
//! and the programme's own keyword lexicon.

use monev_domain::{
    KODE_BAKU, KeputusanSamaran, KodeKualitatif, Kutipan, Sumber, Timestamp, TindakanSamaran,
};
use sqlx::Row;

use crate::{Result, Store, StoreError};

/// Qualitative evidence to add at once (a REFI-QDA project's).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QualitativeAddition {
    pub wawancara: Vec<monev_domain::Wawancara>,
    pub dokumen: Vec<monev_domain::Dokumen>,
    pub kode: Vec<KodeKualitatif>,
    pub kutipan: Vec<Kutipan>,
    /// The file the documents came in (`berkas` of each).
    pub berkas: String,
}

/// How much [`Store::add_qualitative`] added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QualitativeAdded {
    pub wawancara: usize,
    pub dokumen: usize,
    /// Codes new to the codebook.
    pub kode: usize,
    pub kutipan: usize,
}

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

/// A code of the codebook as monev writes them: lower-case letters,
/// digits and `_`, levels joined by dots (`kendala.sarana`), with a name.
fn well_formed(k: &KodeKualitatif) -> bool {
    !k.kode.is_empty()
        && !k.nama.trim().is_empty()
        && k.kode.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

/// One interview's row (consent checked by the caller).
pub(crate) async fn insert_interview<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    program_id: i64,
    w: &monev_domain::Wawancara,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO wawancara (program_id, kode, tanggal, pewawancara, kelompok, instansi, persetujuan, transkrip)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7)",
    )
    .bind(program_id)
    .bind(&w.kode)
    .bind(w.tanggal.to_string())
    .bind(&w.pewawancara)
    .bind(w.kelompok.code())
    .bind(&w.instansi)
    .bind(&w.transkrip)
    .execute(db)
    .await?;
    Ok(())
}

/// The programme's decisions on masks, by phrase.
pub(crate) async fn load_masks(pool: &sqlx::AnyPool, id: i64) -> Result<Vec<KeputusanSamaran>> {
    let mut out = Vec::new();
    for r in sqlx::query(
        "SELECT teks, tindakan, oleh, waktu FROM keputusan_samaran WHERE program_id = $1 ORDER BY teks",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    {
        let tindakan: String = r.try_get("tindakan")?;
        out.push(KeputusanSamaran {
            teks: r.try_get("teks")?,
            tindakan: TindakanSamaran::parse(&tindakan)
                .ok_or_else(|| StoreError::Invalid(format!("tindakan samaran: {tindakan}")))?,
            oleh: r.try_get("oleh")?,
            waktu: Timestamp::from_seconds(r.try_get("waktu")?),
        });
    }
    Ok(out)
}

impl Store {
    /// The evaluator's decisions on masks in the programme's quotes.
    pub async fn masks(&self, program: &str) -> Result<Vec<KeputusanSamaran>> {
        let id = self.program_id(program).await?;
        load_masks(&self.pool, id).await
    }

    /// Records (or replaces) the decision on one phrase; a phrase is one
    /// decision whatever its case.
    pub async fn decide_mask(&self, program: &str, d: &KeputusanSamaran) -> Result<()> {
        let id = self.program_id(program).await?;
        let teks = d.teks.split_whitespace().collect::<Vec<_>>().join(" ");
        if teks.is_empty() || teks.chars().count() > 200 {
            return Err(StoreError::Invalid(
                "kata atau frasa samaran harus 1–200 karakter (a masked word or phrase must be 1–200 characters)".into(),
            ));
        }
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "DELETE FROM keputusan_samaran WHERE program_id = $1 AND LOWER(teks) = LOWER($2)",
        )
        .bind(id)
        .bind(&teks)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO keputusan_samaran (program_id, teks, tindakan, oleh, waktu) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(&teks)
        .bind(d.tindakan.code())
        .bind(&d.oleh)
        .bind(d.waktu.seconds())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.bump(id).await
    }

    /// Withdraws the decision on one phrase (any case); whether there was one.
    pub async fn undo_mask(&self, program: &str, teks: &str) -> Result<bool> {
        let id = self.program_id(program).await?;
        let teks = teks.split_whitespace().collect::<Vec<_>>().join(" ");
        let done = sqlx::query(
            "DELETE FROM keputusan_samaran WHERE program_id = $1 AND LOWER(teks) = LOWER($2)",
        )
        .bind(id)
        .bind(&teks)
        .execute(&self.pool)
        .await?;
        self.bump(id).await?;
        Ok(done.rows_affected() > 0)
    }

    /// Adds a project's qualitative evidence (from a REFI-QDA project) all
    /// at once: interviews, documents, the codes the codebook lacks, and the
    /// coded segments. Nothing is kept when anything is refused: a code of
    /// an interview or document already held, an unknown instansi, an
    /// interview without consent, a segment outside its text or of no code.
    pub async fn add_qualitative(
        &self,
        program: &str,
        q: &QualitativeAddition,
    ) -> Result<QualitativeAdded> {
        let id = self.program_id(program).await?;
        let mut problems: Vec<String> = Vec::new();
        let units: std::collections::HashSet<String> = self
            .units(program)
            .await?
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let held_sources: std::collections::HashSet<(String, String)> = self
            .coding_sources(program)
            .await?
            .into_iter()
            .map(|s| (s.sumber.jenis().to_string(), s.sumber.kode().to_string()))
            .collect();
        for w in &q.wawancara {
            if held_sources.contains(&("wawancara".to_string(), w.kode.clone())) {
                problems.push(format!(
                    "wawancara '{}' sudah ada (an interview with this code exists)",
                    w.kode
                ));
            }
            if !units.contains(&w.instansi) {
                problems.push(format!(
                    "wawancara '{}': instansi '{}' tidak ada dalam program (no such unit)",
                    w.kode, w.instansi
                ));
            }
            if !w.persetujuan {
                problems.push(format!(
                    "wawancara '{}' tanpa persetujuan responden (no consent)",
                    w.kode
                ));
            }
        }
        for d in &q.dokumen {
            if held_sources.contains(&("dokumen".to_string(), d.kode.clone())) {
                problems.push(format!(
                    "dokumen '{}' sudah ada (a document with this code exists)",
                    d.kode
                ));
            }
            if monev_domain::JenisDokumen::parse(&d.jenis).is_none() {
                problems.push(format!(
                    "dokumen '{}': jenis '{}' tidak dikenal",
                    d.kode, d.jenis
                ));
            }
        }
        let current = self.codebook(program).await?;
        let new_codes: Vec<&KodeKualitatif> = q
            .kode
            .iter()
            .filter(|k| !current.iter().any(|c| c.kode == k.kode))
            .collect();
        for k in &new_codes {
            if !well_formed(k) {
                problems.push(format!(
                    "kode '{}' tidak sah (a code like kendala.sarana, with a name)",
                    k.kode
                ));
            }
        }
        let texts: std::collections::HashMap<Sumber, &str> = q
            .wawancara
            .iter()
            .map(|w| (Sumber::Wawancara(w.kode.clone()), w.transkrip.as_str()))
            .chain(
                q.dokumen
                    .iter()
                    .map(|d| (Sumber::Dokumen(d.kode.clone()), d.teks.as_str())),
            )
            .collect();
        for k in &q.kutipan {
            let Some(text) = texts.get(&k.sumber) else {
                problems.push(format!(
                    "segmen dari {} '{}' yang tidak diimpor (a segment of a source not imported)",
                    k.sumber.jenis(),
                    k.sumber.kode()
                ));
                continue;
            };
            let len = text.chars().count();
            if k.selesai <= k.mulai || k.selesai > len {
                problems.push(format!(
                    "{} '{}': rentang {}..{} kosong atau di luar teks ({len} karakter)",
                    k.sumber.jenis(),
                    k.sumber.kode(),
                    k.mulai,
                    k.selesai
                ));
            }
            if !current.iter().any(|c| c.kode == k.kode)
                && !new_codes.iter().any(|c| c.kode == k.kode)
            {
                problems.push(format!(
                    "kode '{}' tidak ada di buku kode (not in the codebook)",
                    k.kode
                ));
            }
            if k.pengkode.trim().is_empty() {
                problems.push("segmen tanpa pengkode (no coder)".to_string());
            }
        }
        if !problems.is_empty() {
            problems.dedup();
            return Err(StoreError::Invalid(problems.join("; ")));
        }
        let mut tx = self.begin_write().await?;
        let held: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM buku_kode WHERE program_id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let mut add: Vec<&KodeKualitatif> = new_codes.clone();
        if held.0 == 0 && !add.is_empty() {
            add.extend(current.iter());
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
        for w in &q.wawancara {
            insert_interview(&mut *tx, id, w).await?;
        }
        for d in &q.dokumen {
            sqlx::query(
                "INSERT INTO dokumen (program_id, kode, judul, jenis, berkas, halaman, halaman_tanpa_teks, teks)
                 VALUES ($1, $2, $3, $4, $5, 0, '', $6)",
            )
            .bind(id)
            .bind(&d.kode)
            .bind(&d.judul)
            .bind(monev_domain::JenisDokumen::parse(&d.jenis).map_or("lainnya", |j| j.code()))
            .bind(&q.berkas)
            .bind(&d.teks)
            .execute(&mut *tx)
            .await?;
        }
        for k in &q.kutipan {
            sqlx::query(
                "INSERT INTO kutipan_kode (program_id, wawancara, dokumen, mulai, selesai, kode, pengkode, memo)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(id)
            .bind(k.sumber.wawancara().map(str::to_string))
            .bind(k.sumber.dokumen().map(str::to_string))
            .bind(k.mulai as i64)
            .bind(k.selesai as i64)
            .bind(&k.kode)
            .bind(k.pengkode.trim())
            .bind(k.memo.clone().filter(|m| !m.trim().is_empty()))
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("UPDATE program SET import_seq = import_seq + 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(QualitativeAdded {
            wawancara: q.wawancara.len(),
            dokumen: q.dokumen.len(),
            kode: new_codes.len(),
            kutipan: q.kutipan.len(),
        })
    }

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
        if !well_formed(k) {
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
