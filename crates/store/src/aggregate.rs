//! Grouped figures computed by the database rather than by loading rows.
//!
//! Monitoring wants a programme's SKM and queue figures per instansi and
//! phase while answers are still coming in, at national scale (millions of
//! rows). These queries return one row per (instansi, phase): counts and
//! integer sums, exact, so the IKM built from them is the same number the
//! evaluation computes from the rows. Phase is decided in SQL the way
//! `monev_eval::Fase::of` decides it: before the intervention date, or on
//! and after it. Both queries read only the `(program_id, instansi, …)`
//! indexes of migration 14, which hold every column they need;
//! [`Store::aggregate_plans`] shows the plans (a test checks them).

use monev_domain::Date;
use sqlx::Row;

use crate::{Dialect, Result, Store, StoreError};

/// SKM answers of one instansi in one phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkmCell {
    pub instansi: String,
    /// On or after the intervention date.
    pub sesudah: bool,
    /// Questionnaires.
    pub n: u64,
    /// Σ answer value per unsur U1…U9.
    pub jumlah: [u64; 9],
    /// Answers given per unsur (a blank is not counted).
    pub terisi: [u64; 9],
}

/// Queue tickets of one instansi in one phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayananCell {
    pub instansi: String,
    /// Arrived on or after the intervention date.
    pub sesudah: bool,
    pub n: u64,
    /// Σ waiting time (arrival → called), seconds.
    pub tunggu_detik: i64,
    /// Σ waiting time², seconds² (for the standard deviation).
    pub tunggu_detik_kuadrat: i64,
}

const SKM_SQL: &str = "SELECT s.instansi,
            CAST(CASE WHEN s.tanggal < p.tanggal_intervensi THEN 0 ELSE 1 END AS BIGINT) AS sesudah,
            CAST(COALESCE(SUM(s.u1), 0) AS BIGINT) AS j1, CAST(COUNT(s.u1) AS BIGINT) AS c1,
            CAST(COALESCE(SUM(s.u2), 0) AS BIGINT) AS j2, CAST(COUNT(s.u2) AS BIGINT) AS c2,
            CAST(COALESCE(SUM(s.u3), 0) AS BIGINT) AS j3, CAST(COUNT(s.u3) AS BIGINT) AS c3,
            CAST(COALESCE(SUM(s.u4), 0) AS BIGINT) AS j4, CAST(COUNT(s.u4) AS BIGINT) AS c4,
            CAST(COALESCE(SUM(s.u5), 0) AS BIGINT) AS j5, CAST(COUNT(s.u5) AS BIGINT) AS c5,
            CAST(COALESCE(SUM(s.u6), 0) AS BIGINT) AS j6, CAST(COUNT(s.u6) AS BIGINT) AS c6,
            CAST(COALESCE(SUM(s.u7), 0) AS BIGINT) AS j7, CAST(COUNT(s.u7) AS BIGINT) AS c7,
            CAST(COALESCE(SUM(s.u8), 0) AS BIGINT) AS j8, CAST(COUNT(s.u8) AS BIGINT) AS c8,
            CAST(COALESCE(SUM(s.u9), 0) AS BIGINT) AS j9, CAST(COUNT(s.u9) AS BIGINT) AS c9,
            CAST(COUNT(*) AS BIGINT) AS n
     FROM skm s JOIN program p ON p.id = s.program_id
     WHERE p.kode = $1
       AND (s.tinjauan = 'disetujui' OR (p.hitung_belum_ditinjau = 1 AND s.tinjauan <> 'ditolak'))
     GROUP BY 1, 2 ORDER BY 1, 2";

const LAYANAN_SQL: &str = "SELECT l.instansi,
            CAST(CASE WHEN l.waktu_datang < $2 THEN 0 ELSE 1 END AS BIGINT) AS sesudah,
            CAST(COUNT(*) AS BIGINT) AS n,
            CAST(SUM(l.waktu_dipanggil - l.waktu_datang) AS BIGINT) AS tunggu,
            CAST(SUM((l.waktu_dipanggil - l.waktu_datang) * (l.waktu_dipanggil - l.waktu_datang)) AS BIGINT) AS kuadrat
     FROM layanan l JOIN program p ON p.id = l.program_id
     WHERE p.kode = $1
     GROUP BY 1, 2 ORDER BY 1, 2";

/// Reads the integers of a comma-separated list into `out` (emptied first),
/// as [`Store::waits`] hands them on.
fn parse_waits(text: &str, out: &mut Vec<u32>) -> std::result::Result<(), String> {
    out.clear();
    for part in text.split(',').filter(|p| !p.is_empty()) {
        let v: i64 = part.parse().map_err(|_| {
            format!("waktu tunggu bukan bilangan bulat (not an integer wait): {part:?}")
        })?;
        out.push(u32::try_from(v.max(0)).unwrap_or(u32::MAX));
    }
    Ok(())
}

/// The answers of every questionnaire of one phase, read from the covering
/// index alone in its own order (no sort), as one text per instansi: nine
/// digits per questionnaire, `0` for a blank answer (answers are 1–4). One
/// row per instansi instead of one per questionnaire: handing a million rows
/// one by one from the database's thread cost more than reading them
/// (BENCHMARKS.md, issue 19). `$2` is 0 for the questionnaires before the
/// intervention, 1 after.
const SKM_ANSWERS_SQLITE: &str = "SELECT s.instansi,
            group_concat(coalesce(s.u1, 0) || coalesce(s.u2, 0) || coalesce(s.u3, 0)
                || coalesce(s.u4, 0) || coalesce(s.u5, 0) || coalesce(s.u6, 0)
                || coalesce(s.u7, 0) || coalesce(s.u8, 0) || coalesce(s.u9, 0), '') AS jawaban
     FROM skm s JOIN program p ON p.id = s.program_id
     WHERE p.kode = $1 AND (s.tanggal < p.tanggal_intervensi) = ($2 = 0)
       AND (s.tinjauan = 'disetujui' OR (p.hitung_belum_ditinjau = 1 AND s.tinjauan <> 'ditolak'))
     GROUP BY s.instansi";
const SKM_ANSWERS_POSTGRES: &str = "SELECT s.instansi,
            string_agg(concat(coalesce(s.u1, 0), coalesce(s.u2, 0), coalesce(s.u3, 0),
                coalesce(s.u4, 0), coalesce(s.u5, 0), coalesce(s.u6, 0),
                coalesce(s.u7, 0), coalesce(s.u8, 0), coalesce(s.u9, 0)), '') AS jawaban
     FROM skm s JOIN program p ON p.id = s.program_id
     WHERE p.kode = $1 AND (s.tanggal < p.tanggal_intervensi) = ($2 = 0)
       AND (s.tinjauan = 'disetujui' OR (p.hitung_belum_ditinjau = 1 AND s.tinjauan <> 'ditolak'))
     GROUP BY s.instansi";

/// Every wait of one phase per instansi, as one comma-separated text per
/// instansi: the covering index is walked in its own order (instansi, then
/// arrival), so neither database sorts anything. Counting distinct waits
/// with `GROUP BY instansi, phase, wait` sorted 3 M keys: 2.6 s on SQLite,
/// 2.2 s on PostgreSQL, against 0.6 s and 1.4 s for this (BENCHMARKS.md,
/// issue 19). `$3` is 0 for the tickets before the intervention, 1 after.
const WAITS_SQLITE: &str =
    "SELECT l.instansi, group_concat(l.waktu_dipanggil - l.waktu_datang) AS tunggu
     FROM layanan l JOIN program p ON p.id = l.program_id
     WHERE p.kode = $1 AND (l.waktu_datang < $2) = ($3 = 0)
     GROUP BY l.instansi";
const WAITS_POSTGRES: &str =
    "SELECT l.instansi, string_agg((l.waktu_dipanggil - l.waktu_datang)::text, ',') AS tunggu
     FROM layanan l JOIN program p ON p.id = l.program_id
     WHERE p.kode = $1 AND (l.waktu_datang < $2) = ($3 = 0)
     GROUP BY l.instansi";

const UNFINISHED_SQL: &str = "SELECT l.instansi,
            CAST(CASE WHEN l.waktu_datang < $2 THEN 0 ELSE 1 END AS BIGINT) AS sesudah,
            CAST(COUNT(*) AS BIGINT) AS n
     FROM layanan l JOIN program p ON p.id = l.program_id
     WHERE p.kode = $1 AND l.waktu_selesai IS NULL
     GROUP BY 1, 2 ORDER BY 1, 2";

fn count(r: &sqlx::any::AnyRow, col: &str) -> Result<u64> {
    let v: i64 = r.try_get(col)?;
    u64::try_from(v)
        .map_err(|_| StoreError::Invalid(format!("{col} negatif (negative count): {v}")))
}

impl Store {
    /// The programme's intervention date.
    async fn intervention(&self, kode: &str) -> Result<Date> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT tanggal_intervensi FROM program WHERE kode = $1")
                .bind(kode)
                .fetch_optional(&self.pool)
                .await?;
        let (d,) = row.ok_or_else(|| StoreError::NoSuchProgram(kode.to_string()))?;
        Date::parse(&d).map_err(|e| {
            StoreError::Invalid(format!(
                "tanggal_intervensi tersimpan rusak (stored date is corrupt): {e}"
            ))
        })
    }

    /// SKM counts and sums per instansi and phase, grouped by the database.
    pub async fn skm_cells(&self, kode: &str) -> Result<Vec<SkmCell>> {
        self.intervention(kode).await?;
        let rows = sqlx::query(SKM_SQL)
            .bind(kode)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let mut jumlah = [0; 9];
                let mut terisi = [0; 9];
                for k in 0..9 {
                    jumlah[k] = count(r, &format!("j{}", k + 1))?;
                    terisi[k] = count(r, &format!("c{}", k + 1))?;
                }
                Ok(SkmCell {
                    instansi: r.try_get("instansi")?,
                    sesudah: r.try_get::<i64, _>("sesudah")? == 1,
                    n: count(r, "n")?,
                    jumlah,
                    terisi,
                })
            })
            .collect()
    }

    /// Ticket counts and waiting-time sums per instansi and phase.
    pub async fn layanan_cells(&self, kode: &str) -> Result<Vec<LayananCell>> {
        let from = self.intervention(kode).await?.days_since_epoch() * 86_400;
        let rows = sqlx::query(LAYANAN_SQL)
            .bind(kode)
            .bind(from)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(LayananCell {
                    instansi: r.try_get("instansi")?,
                    sesudah: r.try_get::<i64, _>("sesudah")? == 1,
                    n: count(r, "n")?,
                    tunggu_detik: r.try_get("tunggu")?,
                    tunggu_detik_kuadrat: r.try_get("kuadrat")?,
                })
            })
            .collect()
    }

    /// Every questionnaire's instansi, phase and nine answers, handed to
    /// `each` one instansi and phase at a time (what the evaluation's SKM
    /// figures need, from the covering index alone). Measured against
    /// grouping in SQL: the 54 conditional sums the evaluation needs
    /// (answered count, mean answers, co-moments) cost SQLite ten times
    /// this pass.
    pub async fn skm_answers(
        &self,
        kode: &str,
        mut each: impl FnMut(&str, bool, [Option<u8>; 9]),
    ) -> Result<()> {
        self.intervention(kode).await?;
        use futures_util::TryStreamExt;
        for sesudah in [false, true] {
            let mut rows = sqlx::query(self.skm_answers_sql())
                .bind(kode)
                .bind(i64::from(sesudah))
                .fetch(&self.pool);
            while let Some(r) = rows.try_next().await? {
                let instansi: &str = r.try_get("instansi")?;
                let digits: Option<&str> = r.try_get("jawaban")?;
                let digits = digits.unwrap_or("").as_bytes();
                let corrupt = || {
                    StoreError::Invalid(format!(
                        "{instansi}: jawaban SKM tersimpan rusak (stored answers are corrupt)"
                    ))
                };
                if !digits.len().is_multiple_of(9) {
                    return Err(corrupt());
                }
                for q in digits.chunks_exact(9) {
                    let mut answers = [None; 9];
                    for (a, &d) in answers.iter_mut().zip(q) {
                        *a = match d {
                            b'0' => None,
                            b'1'..=b'9' => Some(d - b'0'),
                            _ => return Err(corrupt()),
                        };
                    }
                    each(instansi, sesudah, answers);
                }
            }
        }
        Ok(())
    }

    /// The waits of every ticket, handed to `each` one instansi and phase
    /// at a time (seconds, in no particular order; a negative wait reads as
    /// 0, one past `u32::MAX` as `u32::MAX`). One instansi's text is held at
    /// a time, never the whole table's.
    pub async fn waits(&self, kode: &str, mut each: impl FnMut(&str, bool, &[u32])) -> Result<()> {
        use futures_util::TryStreamExt;
        let from = self.intervention(kode).await?.days_since_epoch() * 86_400;
        let mut waits = Vec::new();
        for sesudah in [false, true] {
            let mut rows = sqlx::query(self.waits_sql())
                .bind(kode)
                .bind(from)
                .bind(i64::from(sesudah))
                .fetch(&self.pool);
            while let Some(r) = rows.try_next().await? {
                let instansi: &str = r.try_get("instansi")?;
                let text: Option<&str> = r.try_get("tunggu")?;
                parse_waits(text.unwrap_or(""), &mut waits)
                    .map_err(|e| StoreError::Invalid(format!("{instansi}: {e}")))?;
                each(instansi, sesudah, &waits);
            }
        }
        Ok(())
    }

    fn skm_answers_sql(&self) -> &'static str {
        match self.dialect {
            Dialect::Sqlite => SKM_ANSWERS_SQLITE,
            Dialect::Postgres => SKM_ANSWERS_POSTGRES,
        }
    }

    fn waits_sql(&self) -> &'static str {
        match self.dialect {
            Dialect::Sqlite => WAITS_SQLITE,
            Dialect::Postgres => WAITS_POSTGRES,
        }
    }

    /// Tickets never marked finished, per instansi and phase (`n` only).
    pub async fn unfinished_tickets(&self, kode: &str) -> Result<Vec<(String, bool, u64)>> {
        let from = self.intervention(kode).await?.days_since_epoch() * 86_400;
        let rows = sqlx::query(UNFINISHED_SQL)
            .bind(kode)
            .bind(from)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("instansi")?,
                    r.try_get::<i64, _>("sesudah")? == 1,
                    count(r, "n")?,
                ))
            })
            .collect()
    }

    /// The database's plan for each aggregate query, as its `EXPLAIN` prints
    /// it (for tests and for an administrator checking an index).
    pub async fn aggregate_plans(&self, kode: &str) -> Result<Vec<(&'static str, String)>> {
        let mut out = Vec::new();
        // (table, statement, the integers bound after the programme code)
        let queries: [(&'static str, &'static str, &[i64]); 5] = [
            ("skm", SKM_SQL, &[]),
            ("layanan", LAYANAN_SQL, &[0]),
            ("skm", self.skm_answers_sql(), &[0]),
            ("layanan", self.waits_sql(), &[0, 0]),
            ("layanan", UNFINISHED_SQL, &[0]),
        ];
        for (name, sql, integers) in queries {
            let explain = match self.dialect {
                Dialect::Sqlite => format!("EXPLAIN QUERY PLAN {sql}"),
                Dialect::Postgres => format!("EXPLAIN {sql}"),
            };
            let mut q = sqlx::query(sqlx::AssertSqlSafe(explain)).bind(kode);
            for &i in integers {
                q = q.bind(i);
            }
            let mut conn = self.pool.acquire().await?;
            if self.dialect == Dialect::Postgres {
                // The test tables are tiny, where a sequential scan is
                // cheapest; ask whether the index *can* serve the query.
                sqlx::query("SET enable_seqscan = off")
                    .execute(&mut *conn)
                    .await?;
            }
            let rows = q.fetch_all(&mut *conn).await;
            if self.dialect == Dialect::Postgres {
                sqlx::query("RESET enable_seqscan")
                    .execute(&mut *conn)
                    .await?;
            }
            let plan = rows?
                .iter()
                .map(|r| match self.dialect {
                    Dialect::Sqlite => r.try_get::<String, _>("detail"),
                    Dialect::Postgres => r.try_get::<String, _>(0),
                })
                .collect::<std::result::Result<Vec<_>, _>>()?
                .join("\n");
            out.push((name, plan));
        }
        Ok(out)
    }
}

/// Every questionnaire's date and answers, one text per instansi and date
/// (nine digits per questionnaire, `0` for a blank), from the covering
/// index in its own order: the per-day series of `eval::berkala` without
/// loading the rows.
const DATED_ANSWERS_SQLITE: &str = "SELECT s.instansi, s.tanggal,
            group_concat(coalesce(s.u1, 0) || coalesce(s.u2, 0) || coalesce(s.u3, 0)
                || coalesce(s.u4, 0) || coalesce(s.u5, 0) || coalesce(s.u6, 0)
                || coalesce(s.u7, 0) || coalesce(s.u8, 0) || coalesce(s.u9, 0), '') AS jawaban
     FROM skm s JOIN program p ON p.id = s.program_id
     WHERE p.kode = $1
       AND (s.tinjauan = 'disetujui' OR (p.hitung_belum_ditinjau = 1 AND s.tinjauan <> 'ditolak'))
     GROUP BY s.instansi, s.tanggal";
const DATED_ANSWERS_POSTGRES: &str = "SELECT s.instansi, s.tanggal,
            string_agg(concat(coalesce(s.u1, 0), coalesce(s.u2, 0), coalesce(s.u3, 0),
                coalesce(s.u4, 0), coalesce(s.u5, 0), coalesce(s.u6, 0),
                coalesce(s.u7, 0), coalesce(s.u8, 0), coalesce(s.u9, 0)), '') AS jawaban
     FROM skm s JOIN program p ON p.id = s.program_id
     WHERE p.kode = $1
       AND (s.tinjauan = 'disetujui' OR (p.hitung_belum_ditinjau = 1 AND s.tinjauan <> 'ditolak'))
     GROUP BY s.instansi, s.tanggal";

/// Every ticket's arrival and wait, `arrival:wait` pairs (seconds) as one
/// text per instansi, walking the covering index in its order.
const DATED_WAITS_SQLITE: &str = "SELECT l.instansi,
            group_concat(l.waktu_datang || ':' || (l.waktu_dipanggil - l.waktu_datang)) AS tunggu
     FROM layanan l JOIN program p ON p.id = l.program_id
     WHERE p.kode = $1
     GROUP BY l.instansi";
const DATED_WAITS_POSTGRES: &str = "SELECT l.instansi,
            string_agg(l.waktu_datang::text || ':' || (l.waktu_dipanggil - l.waktu_datang)::text, ',') AS tunggu
     FROM layanan l JOIN program p ON p.id = l.program_id
     WHERE p.kode = $1
     GROUP BY l.instansi";

impl Store {
    /// Every SKM questionnaire of the programme with its date, handed to
    /// `each` (instansi, date, answers) one instansi and date at a time,
    /// from the covering index alone.
    pub async fn dated_answers(
        &self,
        kode: &str,
        mut each: impl FnMut(&str, Date, [Option<u8>; 9]),
    ) -> Result<()> {
        use futures_util::TryStreamExt;
        let sql = match self.dialect {
            Dialect::Sqlite => DATED_ANSWERS_SQLITE,
            Dialect::Postgres => DATED_ANSWERS_POSTGRES,
        };
        let mut rows = sqlx::query(sql).bind(kode).fetch(&self.pool);
        while let Some(r) = rows.try_next().await? {
            let instansi: &str = r.try_get("instansi")?;
            let tanggal: &str = r.try_get("tanggal")?;
            let corrupt = |what: &str| {
                StoreError::Invalid(format!(
                    "{instansi} {tanggal}: {what} tersimpan rusak (stored data are corrupt)"
                ))
            };
            let date = Date::parse(tanggal).map_err(|_| corrupt("tanggal"))?;
            let digits: Option<&str> = r.try_get("jawaban")?;
            let digits = digits.unwrap_or("").as_bytes();
            if !digits.len().is_multiple_of(9) {
                return Err(corrupt("jawaban SKM"));
            }
            for q in digits.chunks_exact(9) {
                let mut answers = [None; 9];
                for (a, &d) in answers.iter_mut().zip(q) {
                    *a = match d {
                        b'0' => None,
                        b'1'..=b'9' => Some(d - b'0'),
                        _ => return Err(corrupt("jawaban SKM")),
                    };
                }
                each(instansi, date, answers);
            }
        }
        Ok(())
    }

    /// Every ticket's arrival and wait (seconds; a negative wait reads as
    /// 0), handed to `each` (instansi, arrival, wait) one instansi at a
    /// time; one instansi's text is held at a time.
    pub async fn dated_waits(
        &self,
        kode: &str,
        mut each: impl FnMut(&str, monev_domain::Timestamp, u32),
    ) -> Result<()> {
        use futures_util::TryStreamExt;
        let sql = match self.dialect {
            Dialect::Sqlite => DATED_WAITS_SQLITE,
            Dialect::Postgres => DATED_WAITS_POSTGRES,
        };
        let mut rows = sqlx::query(sql).bind(kode).fetch(&self.pool);
        while let Some(r) = rows.try_next().await? {
            let instansi: &str = r.try_get("instansi")?;
            let text: Option<&str> = r.try_get("tunggu")?;
            for pair in text.unwrap_or("").split(',').filter(|p| !p.is_empty()) {
                let bad = || {
                    StoreError::Invalid(format!(
                        "{instansi}: waktu antrean tersimpan rusak (stored queue times are corrupt): {pair:?}"
                    ))
                };
                let (at, wait) = pair.split_once(':').ok_or_else(bad)?;
                let at: i64 = at.parse().map_err(|_| bad())?;
                let wait: i64 = wait.parse().map_err(|_| bad())?;
                each(
                    instansi,
                    monev_domain::Timestamp::from_seconds(at),
                    u32::try_from(wait.max(0)).unwrap_or(u32::MAX),
                );
            }
        }
        Ok(())
    }
}
