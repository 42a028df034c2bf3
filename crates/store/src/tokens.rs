//! ASN surveys by one-time token: the reaction to a module (Kirkpatrick 1),
//! a rating of a colleague's work behaviour (Kirkpatrick 3), and why an ASN
//! did not take part. Only a token's SHA-256 is kept. Answering writes one
//! `kiriman` (the form's UUID: a resubmission adds nothing) and its rows in
//! `reaksi`, `kinerja` or `alasan_nonpeserta`, in one transaction.

use sqlx::Row;

use crate::{Result, Store, StoreError};

/// A token to create: who answers (or who is rated) and about what.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub token_hash: String,
    pub nip: String,
    pub pelatihan: Option<String>,
    pub penilai: Option<String>,
}

/// A token as the form needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyToken {
    pub program: String,
    pub program_nama: String,
    /// The programme's time zone: the date its answers are given.
    pub zona_waktu: monev_domain::ZonaWaktu,
    pub instrumen: String,
    pub nip: String,
    pub nama: String,
    pub instansi: String,
    pub pelatihan: Option<String>,
    pub pelatihan_nama: Option<String>,
    pub penilai: Option<String>,
    /// The UUID of the form that used it, once used.
    pub dipakai_uuid: Option<String>,
}

/// What an answered questionnaire writes.
#[derive(Debug, Clone)]
pub enum TokenAnswers {
    /// (reaction item code, score 1–5).
    Reaksi(Vec<(String, i64)>),
    /// (aspect, score 1–5).
    Kinerja(Vec<(String, i64)>),
    Nonpeserta {
        alasan: String,
        alasan_lain: Option<String>,
        minat: Option<String>,
    },
}

/// How an answer was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenOutcome {
    Saved,
    /// The same form again: nothing new.
    Already,
    /// The token was used by another form.
    Used,
}

impl Store {
    /// Creates tokens for a programme's questionnaire; returns how many.
    pub async fn create_survey_tokens(
        &self,
        program: &str,
        instrumen: &str,
        tokens: &[NewToken],
    ) -> Result<usize> {
        let mut tx = self.begin_write().await?;
        let (program_id,): (i64,) = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
            .bind(program)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::NoSuchProgram(program.to_string()))?;
        for t in tokens {
            sqlx::query(
                "INSERT INTO token_survei (token_hash, program_id, instrumen, nip, pelatihan, penilai)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&t.token_hash)
            .bind(program_id)
            .bind(instrumen)
            .bind(&t.nip)
            .bind(t.pelatihan.clone())
            .bind(t.penilai.clone())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(tokens.len())
    }

    pub async fn survey_token(&self, token_hash: &str) -> Result<Option<SurveyToken>> {
        let row = sqlx::query(
            "SELECT p.kode AS program, p.nama AS program_nama, p.zona_waktu, t.instrumen, t.nip, a.nama, a.instansi,
                    t.pelatihan, l.nama AS pelatihan_nama, t.penilai, t.dipakai_uuid
             FROM token_survei t
             JOIN program p ON p.id = t.program_id
             JOIN asn a ON a.program_id = t.program_id AND a.nip = t.nip
             LEFT JOIN pelatihan l ON l.program_id = t.program_id AND l.kode = t.pelatihan
             WHERE t.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(SurveyToken {
                program: r.try_get("program")?,
                program_nama: r.try_get("program_nama")?,
                zona_waktu: monev_domain::ZonaWaktu::parse(&r.try_get::<String, _>("zona_waktu")?)
                    .unwrap_or_default(),
                instrumen: r.try_get("instrumen")?,
                nip: r.try_get("nip")?,
                nama: r.try_get("nama")?,
                instansi: r.try_get("instansi")?,
                pelatihan: r.try_get("pelatihan")?,
                pelatihan_nama: r.try_get("pelatihan_nama")?,
                penilai: r.try_get("penilai")?,
                dipakai_uuid: r.try_get("dipakai_uuid")?,
            })
        })
        .transpose()
    }

    /// Records the answers given with a token, once.
    pub async fn answer_with_token(
        &self,
        token_hash: &str,
        uuid: &str,
        tanggal: &str,
        answers: &TokenAnswers,
    ) -> Result<TokenOutcome> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT t.program_id, t.instrumen, t.nip, t.pelatihan, t.penilai, t.dipakai_uuid, a.instansi
             FROM token_survei t JOIN asn a ON a.program_id = t.program_id AND a.nip = t.nip
             WHERE t.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::Invalid("token tidak dikenal (unknown token)".into()))?;
        let program_id: i64 = row.try_get("program_id")?;
        let instrumen: String = row.try_get("instrumen")?;
        let nip: String = row.try_get("nip")?;
        let instansi: String = row.try_get("instansi")?;
        match row.try_get::<Option<String>, _>("dipakai_uuid")? {
            Some(u) if u == uuid => return Ok(TokenOutcome::Already),
            Some(_) => return Ok(TokenOutcome::Used),
            None => {}
        }
        let taken: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM kiriman WHERE program_id = $1 AND uuid = $2")
                .bind(program_id)
                .bind(uuid)
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_some() {
            // A form's UUID answers one questionnaire only.
            return Ok(TokenOutcome::Used);
        }
        let (kiriman_id,): (i64,) = sqlx::query_as(
            "INSERT INTO kiriman (program_id, uuid, instrumen, instansi, waktu)
             VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP) RETURNING id",
        )
        .bind(program_id)
        .bind(uuid)
        .bind(&instrumen)
        .bind(&instansi)
        .fetch_one(&mut *tx)
        .await?;
        match answers {
            TokenAnswers::Reaksi(items) => {
                let pelatihan: Option<String> = row.try_get("pelatihan")?;
                for (item, skor) in items {
                    sqlx::query(
                        "INSERT INTO reaksi (program_id, responden, nip, pelatihan, tanggal, item, skor, kiriman_id)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(program_id)
                    // Package questionnaires are numbered from 1; these from 10⁹.
                    .bind(1_000_000_000 + kiriman_id)
                    .bind(&nip)
                    .bind(pelatihan.clone())
                    .bind(tanggal)
                    .bind(item)
                    .bind(skor)
                    .bind(kiriman_id)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            TokenAnswers::Kinerja(aspects) => {
                let penilai: Option<String> = row.try_get("penilai")?;
                for (aspek, skor) in aspects {
                    sqlx::query(
                        "INSERT INTO kinerja (program_id, nip, tanggal, penilai, aspek, skor, kiriman_id)
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(program_id)
                    .bind(&nip)
                    .bind(tanggal)
                    .bind(penilai.clone().unwrap_or_else(|| "atasan".into()))
                    .bind(aspek)
                    .bind(skor)
                    .bind(kiriman_id)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            TokenAnswers::Nonpeserta {
                alasan,
                alasan_lain,
                minat,
            } => {
                sqlx::query(
                    "INSERT INTO alasan_nonpeserta (program_id, kiriman_id, instansi, alasan, alasan_lain, minat)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(program_id)
                .bind(kiriman_id)
                .bind(&instansi)
                .bind(alasan)
                .bind(alasan_lain.clone())
                .bind(minat.clone())
                .execute(&mut *tx)
                .await?;
            }
        }
        // Claimed only if still free: two forms racing for one token cannot
        // both win.
        let claimed = sqlx::query(
            "UPDATE token_survei SET dipakai = CURRENT_TIMESTAMP, dipakai_uuid = $1
             WHERE token_hash = $2 AND dipakai_uuid IS NULL",
        )
        .bind(uuid)
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() != 1 {
            tx.rollback().await?;
            return Ok(TokenOutcome::Used);
        }
        sqlx::query("UPDATE program SET import_seq = import_seq + 1 WHERE id = $1")
            .bind(program_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(TokenOutcome::Saved)
    }

    /// Tokens of a programme's questionnaire: (instrumen, created, used).
    pub async fn token_counts(&self, program: &str) -> Result<Vec<(String, i64, i64)>> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT t.instrumen, COUNT(*), COUNT(t.dipakai)
             FROM token_survei t JOIN program p ON p.id = t.program_id
             WHERE p.kode = $1 GROUP BY t.instrumen ORDER BY t.instrumen",
        )
        .bind(program)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }
}

/// Someone a questionnaire is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyTarget {
    pub nip: String,
    pub nama: String,
    pub instansi: String,
}

impl Store {
    /// Who a questionnaire goes to: a module's participants (reaksi), every
    /// ASN of the programme (kinerja: participants and the comparison), or
    /// the ASN with no participation (nonpeserta).
    pub async fn survey_targets(
        &self,
        program: &str,
        instrumen: &str,
        pelatihan: Option<&str>,
    ) -> Result<Vec<SurveyTarget>> {
        let base = "SELECT a.nip, a.nama, a.instansi FROM asn a JOIN program p ON p.id = a.program_id WHERE p.kode = $1";
        let rows: Vec<(String, String, String)> = match (instrumen, pelatihan) {
            ("reaksi", Some(kode)) => {
                sqlx::query_as(AssertSql::of(format!(
                    "{base} AND EXISTS (SELECT 1 FROM peserta s WHERE s.program_id = a.program_id AND s.nip = a.nip AND s.pelatihan = $2) ORDER BY a.instansi, a.nama"
                )))
                .bind(program)
                .bind(kode)
                .fetch_all(&self.pool)
                .await?
            }
            ("kinerja", _) => {
                sqlx::query_as(AssertSql::of(format!("{base} ORDER BY a.instansi, a.nama")))
                    .bind(program)
                    .fetch_all(&self.pool)
                    .await?
            }
            ("nonpeserta", _) => {
                sqlx::query_as(AssertSql::of(format!(
                    "{base} AND NOT EXISTS (SELECT 1 FROM peserta s WHERE s.program_id = a.program_id AND s.nip = a.nip) ORDER BY a.instansi, a.nama"
                )))
                .bind(program)
                .fetch_all(&self.pool)
                .await?
            }
            _ => {
                return Err(StoreError::Invalid(
                    "kuesioner tidak dikenal atau modul tidak disebut (unknown questionnaire or no module)".into(),
                ));
            }
        };
        Ok(rows
            .into_iter()
            .map(|(nip, nama, instansi)| SurveyTarget {
                nip,
                nama,
                instansi,
            })
            .collect())
    }
}

/// SQL built from fixed fragments above, values bound.
struct AssertSql;

impl AssertSql {
    fn of(sql: String) -> sqlx::AssertSqlSafe<String> {
        sqlx::AssertSqlSafe(sql)
    }
}
