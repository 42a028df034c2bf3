//! The review of submissions (*tinjauan*, `monev_domain::StatusTinjauan`):
//! SKM questionnaires (`skm`) and ASN questionnaires answered through monev
//! (`kiriman`: reaction, behaviour ratings, reasons for not taking part,
//! XLSForm instruments). Listing with filters, reviewing one or many in a
//! transaction with its audit entry, the programme's choice whether answers
//! not yet approved count, and the summary the report cites.
//!
//! Which answers count is said once per table, in SQL, where the figures are
//! read (`aggregate.rs`, `load.rs`): approved, or not rejected when the
//! programme counts answers not yet approved, as
//! `StatusTinjauan::counts` says.

use monev_domain::{HitunganTinjauan, RingkasanTinjauan, StatusTinjauan};
use sqlx::Row;

use crate::{Result, Store, StoreError};

/// What kind of submission: SKM questionnaires, or the ASN questionnaires
/// of one instrument (`reaksi`, `kinerja`, `nonpeserta`, or an XLSForm
/// instrument's code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JenisKiriman {
    Skm,
    Asn(String),
}

impl JenisKiriman {
    pub fn parse(s: &str) -> JenisKiriman {
        match s.trim() {
            "" | "skm" => JenisKiriman::Skm,
            other => JenisKiriman::Asn(other.to_string()),
        }
    }

    pub fn code(&self) -> &str {
        match self {
            JenisKiriman::Skm => "skm",
            JenisKiriman::Asn(i) => i,
        }
    }
}

/// Which submissions: every field empty or `None` leaves that filter off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaringanTinjauan {
    pub jenis: JenisKiriman,
    pub instansi: Option<String>,
    pub status: Option<StatusTinjauan>,
    /// SKM only: `paket`, `web`, `odk`, `kobo`.
    pub sumber: Option<String>,
    /// Dates inclusive, `YYYY-MM-DD` (the questionnaire's date for SKM,
    /// the day it arrived for ASN questionnaires).
    pub dari: Option<String>,
    pub sampai: Option<String>,
}

impl SaringanTinjauan {
    pub fn of(jenis: JenisKiriman) -> SaringanTinjauan {
        SaringanTinjauan {
            jenis,
            instansi: None,
            status: None,
            sumber: None,
            dari: None,
            sampai: None,
        }
    }
}

/// One submission as the review lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct BarisTinjauan {
    pub id: i64,
    pub instansi: Option<String>,
    /// The questionnaire's date (SKM) or when it arrived (ASN, UTC).
    pub tanggal: String,
    pub sumber: String,
    pub status: StatusTinjauan,
    pub catatan: Option<String>,
    pub oleh: Option<String>,
    /// When it was last reviewed, Unix seconds.
    pub waktu: Option<i64>,
    /// The nine SKM answers (`None` blank); empty for ASN questionnaires.
    pub jawaban: Vec<Option<i64>>,
}

/// A review to record: the new state, the comment (required to mark as
/// having issues or to reject), who reviewed and when (Unix seconds).
#[derive(Debug, Clone, Copy)]
pub struct Tinjau<'a> {
    pub status: StatusTinjauan,
    pub catatan: &'a str,
    pub oleh: &'a str,
    pub waktu: i64,
}

/// A page of submissions and how many match the filter in all.
#[derive(Debug, Clone, PartialEq)]
pub struct DaftarTinjauan {
    pub baris: Vec<BarisTinjauan>,
    pub total: u64,
}

/// Why a review was refused.
fn refused(id: &str, en: &str) -> StoreError {
    StoreError::Invalid(format!("{id} ({en})"))
}

// Every filter is bound; an empty text leaves it off (PostgreSQL cannot type
// `$n IS NULL`). $1 programme, $2 instansi, $3 status, $4 sumber, $5 from,
// $6 to (SKM) or $4 instrument, $5 from, $6 to (ASN).
const SKM_WHERE: &str = "FROM skm s JOIN program p ON p.id = s.program_id
     WHERE p.kode = $1 AND ($2 = '' OR s.instansi = $2) AND ($3 = '' OR s.tinjauan = $3)
       AND ($4 = '' OR COALESCE(s.sumber, 'paket') = $4)
       AND ($5 = '' OR s.tanggal >= $5) AND ($6 = '' OR s.tanggal <= $6)";
const SKM_LIST: &str = "SELECT s.id, s.instansi, s.tanggal, COALESCE(s.sumber, 'paket') AS sumber,
            s.tinjauan, s.tinjauan_catatan, s.tinjauan_oleh, s.tinjauan_waktu,
            s.u1, s.u2, s.u3, s.u4, s.u5, s.u6, s.u7, s.u8, s.u9
     FROM skm s JOIN program p ON p.id = s.program_id
     WHERE p.kode = $1 AND ($2 = '' OR s.instansi = $2) AND ($3 = '' OR s.tinjauan = $3)
       AND ($4 = '' OR COALESCE(s.sumber, 'paket') = $4)
       AND ($5 = '' OR s.tanggal >= $5) AND ($6 = '' OR s.tanggal <= $6)
     ORDER BY s.id LIMIT $7 OFFSET $8";
const ASN_LIST: &str = "SELECT k.id, k.instansi, k.waktu AS tanggal, 'web' AS sumber,
            k.tinjauan, k.tinjauan_catatan, k.tinjauan_oleh, k.tinjauan_waktu
     FROM kiriman k JOIN program p ON p.id = k.program_id
     WHERE p.kode = $1 AND ($2 = '' OR k.instansi = $2) AND ($3 = '' OR k.tinjauan = $3)
       AND k.instrumen = $4
       AND ($5 = '' OR substr(k.waktu, 1, 10) >= $5) AND ($6 = '' OR substr(k.waktu, 1, 10) <= $6)
     ORDER BY k.id LIMIT $7 OFFSET $8";
const ASN_WHERE: &str = "FROM kiriman k JOIN program p ON p.id = k.program_id
     WHERE p.kode = $1 AND ($2 = '' OR k.instansi = $2) AND ($3 = '' OR k.tinjauan = $3)
       AND k.instrumen = $4
       AND ($5 = '' OR substr(k.waktu, 1, 10) >= $5) AND ($6 = '' OR substr(k.waktu, 1, 10) <= $6)";

/// The largest page [`Store::submissions`] returns.
pub const MAX_PAGE: i64 = 500;

impl Store {
    /// A page of a programme's submissions matching `f`, in arrival order.
    pub async fn submissions(
        &self,
        program: &str,
        f: &SaringanTinjauan,
        limit: i64,
        offset: i64,
    ) -> Result<DaftarTinjauan> {
        let (list, from) = match f.jenis {
            JenisKiriman::Skm => (SKM_LIST, SKM_WHERE),
            JenisKiriman::Asn(_) => (ASN_LIST, ASN_WHERE),
        };
        let count = format!("SELECT CAST(COUNT(*) AS BIGINT) {from}");
        let (total,): (i64,) = bind_filter(sqlx::query_as(sqlx::AssertSqlSafe(count)), program, f)
            .fetch_one(&self.pool)
            .await?;
        let rows = bind_filter(sqlx::query(list), program, f)
            .bind(limit.clamp(0, MAX_PAGE))
            .bind(offset.max(0))
            .fetch_all(&self.pool)
            .await?;
        let mut baris = Vec::with_capacity(rows.len());
        for r in rows {
            let status: String = r.try_get("tinjauan")?;
            let jawaban = if f.jenis == JenisKiriman::Skm {
                (0..9)
                    .map(|k| r.try_get::<Option<i64>, _>(8 + k))
                    .collect::<std::result::Result<_, _>>()?
            } else {
                Vec::new()
            };
            baris.push(BarisTinjauan {
                id: r.try_get("id")?,
                instansi: r.try_get("instansi")?,
                tanggal: r.try_get("tanggal")?,
                sumber: r.try_get("sumber")?,
                status: StatusTinjauan::parse(&status).ok_or_else(|| {
                    StoreError::Invalid(format!("status tinjauan tidak dikenal: {status}"))
                })?,
                catatan: r.try_get("tinjauan_catatan")?,
                oleh: r.try_get("tinjauan_oleh")?,
                waktu: r.try_get("tinjauan_waktu")?,
                jawaban,
            });
        }
        Ok(DaftarTinjauan {
            baris,
            total: total as u64,
        })
    }

    /// Reviews submissions: those of `ids` that match `f`, or every one
    /// matching `f` when `ids` is `None`. A comment is required to mark one
    /// as having issues or to reject it. Submissions already in `status`
    /// with the same comment are left alone; the others change in one
    /// transaction with one audit entry (their ids by former state, the new
    /// state and the comment), and the programme's figures are computed
    /// again. `by` is the account (`None`: the command line, whose reviewer
    /// names themself in `oleh`). Returns how many changed.
    pub async fn review(
        &self,
        program: &str,
        f: &SaringanTinjauan,
        ids: Option<&[i64]>,
        act: &Tinjau<'_>,
        by: Option<&crate::User>,
    ) -> Result<u64> {
        let status = act.status;
        let catatan = act.catatan;
        let catatan = catatan.trim();
        if status.needs_comment() && catatan.is_empty() {
            return Err(refused(
                "tinjauan bermasalah atau ditolak perlu catatan alasannya",
                "marking a submission as having issues or rejecting it needs a comment saying why",
            ));
        }
        let catatan = (!catatan.is_empty()).then_some(catatan);
        let mut tx = self.begin_write().await?;
        let (table, from) = match f.jenis {
            JenisKiriman::Skm => ("skm", SKM_WHERE),
            JenisKiriman::Asn(_) => ("kiriman", ASN_WHERE),
        };
        let alias = if table == "skm" { "s" } else { "k" };
        let select = format!(
            "SELECT {alias}.id, {alias}.tinjauan, {alias}.tinjauan_catatan {from} ORDER BY {alias}.id"
        );
        let matching = bind_filter(sqlx::query(sqlx::AssertSqlSafe(select)), program, f)
            .fetch_all(&mut *tx)
            .await?;
        let wanted: Option<std::collections::HashSet<i64>> =
            ids.map(|ids| ids.iter().copied().collect());
        let mut before: std::collections::BTreeMap<String, Vec<i64>> = Default::default();
        let mut change = Vec::new();
        for r in matching {
            let id: i64 = r.try_get(0)?;
            if wanted.as_ref().is_some_and(|w| !w.contains(&id)) {
                continue;
            }
            let was: String = r.try_get(1)?;
            let note: Option<String> = r.try_get(2)?;
            if was == status.code() && note.as_deref() == catatan {
                continue;
            }
            before.entry(was).or_default().push(id);
            change.push(id);
        }
        if change.is_empty() {
            tx.rollback().await?;
            return Ok(0);
        }
        let update = format!(
            "UPDATE {table} SET tinjauan = $1, tinjauan_catatan = $2, tinjauan_oleh = $3, tinjauan_waktu = $4
             WHERE id = $5"
        );
        for id in &change {
            sqlx::query(sqlx::AssertSqlSafe(update.clone()))
                .bind(status.code())
                .bind(catatan)
                .bind(act.oleh)
                .bind(act.waktu)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE program SET import_seq = import_seq + 1 WHERE kode = $1")
            .bind(program)
            .execute(&mut *tx)
            .await?;
        let was = before
            .iter()
            .map(|(s, ids)| format!("{s}: {}", ranges(ids)))
            .collect::<Vec<_>>()
            .join("; ");
        let now = match catatan {
            Some(c) => format!("{}: {c}", status.code()),
            None => status.code().to_string(),
        };
        let entry = crate::accounts::AuditEntry::new(
            by,
            "tinjauan",
            &format!("{program}:{}:{}", f.jenis.code(), change.len()),
            Some(&was),
            Some(&now),
        );
        self.audit_in(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(change.len() as u64)
    }

    /// Whether answers not yet approved count in programme `program`'s
    /// figures (rejected ones never do); audited.
    pub async fn set_count_unreviewed(
        &self,
        program: &str,
        count: bool,
        by: Option<&crate::User>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let was: Option<(i64,)> =
            sqlx::query_as("SELECT hitung_belum_ditinjau FROM program WHERE kode = $1")
                .bind(program)
                .fetch_optional(&mut *tx)
                .await?;
        let (was,) = was.ok_or_else(|| StoreError::NoSuchProgram(program.to_string()))?;
        sqlx::query(
            "UPDATE program SET hitung_belum_ditinjau = $1, import_seq = import_seq + 1 WHERE kode = $2",
        )
        .bind(i64::from(count))
        .bind(program)
        .execute(&mut *tx)
        .await?;
        let entry = crate::accounts::AuditEntry::new(
            by,
            "hitung_belum_ditinjau",
            program,
            Some(if was == 1 { "ya" } else { "tidak" }),
            Some(if count { "ya" } else { "tidak" }),
        );
        self.audit_in(&mut tx, entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// How programme `program`'s submissions stand in review.
    pub async fn review_summary(&self, program: &str) -> Result<RingkasanTinjauan> {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
            .bind(program)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::NoSuchProgram(program.to_string()))?;
        summary(&self.pool, id).await
    }

    /// The instruments of the ASN questionnaires a programme has received
    /// (`kiriman.instrumen`), for the review's choice of kind.
    pub async fn submission_kinds(&self, program: &str) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT DISTINCT k.instrumen FROM kiriman k JOIN program p ON p.id = k.program_id
             WHERE p.kode = $1 ORDER BY k.instrumen",
        )
        .bind(program)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }
}

/// Binds the filter's six values ($1–$6) in the order the statements use.
fn bind_filter<'q, Q: BindText<'q>>(q: Q, program: &'q str, f: &'q SaringanTinjauan) -> Q {
    let text = |o: &'q Option<String>| o.as_deref().unwrap_or("");
    let q = q
        .bind_text(program)
        .bind_text(text(&f.instansi))
        .bind_text(f.status.map(StatusTinjauan::code).unwrap_or(""));
    let q = match &f.jenis {
        JenisKiriman::Skm => q.bind_text(text(&f.sumber)),
        JenisKiriman::Asn(i) => q.bind_text(i),
    };
    q.bind_text(text(&f.dari)).bind_text(text(&f.sampai))
}

/// `bind` for both kinds of query the review uses.
trait BindText<'q> {
    fn bind_text(self, v: &'q str) -> Self;
}

impl<'q> BindText<'q> for sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    fn bind_text(self, v: &'q str) -> Self {
        self.bind(v)
    }
}

impl<'q, O> BindText<'q> for sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments> {
    fn bind_text(self, v: &'q str) -> Self {
        self.bind(v)
    }
}

/// Ids as ranges: `1-4, 7, 9-10`.
fn ranges(ids: &[i64]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ids.len() {
        let start = ids[i];
        let mut end = start;
        while i + 1 < ids.len() && ids[i + 1] == end + 1 {
            i += 1;
            end = ids[i];
        }
        out.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    out.join(", ")
}

/// The review summary of programme `id`.
pub(crate) async fn summary(pool: &sqlx::AnyPool, id: i64) -> Result<RingkasanTinjauan> {
    let (hitung,): (i64,) =
        sqlx::query_as("SELECT hitung_belum_ditinjau FROM program WHERE id = $1")
            .bind(id)
            .fetch_one(pool)
            .await?;
    let mut out = RingkasanTinjauan {
        hitung_belum_ditinjau: hitung == 1,
        ..Default::default()
    };
    for (sql, into) in [
        (
            "SELECT tinjauan, CAST(COUNT(*) AS BIGINT) FROM skm WHERE program_id = $1 GROUP BY tinjauan",
            &mut out.skm,
        ),
        (
            "SELECT tinjauan, CAST(COUNT(*) AS BIGINT) FROM kiriman WHERE program_id = $1 GROUP BY tinjauan",
            &mut out.asn,
        ),
    ] {
        let rows: Vec<(String, i64)> = sqlx::query_as(sql).bind(id).fetch_all(pool).await?;
        let into: &mut HitunganTinjauan = into;
        for (s, n) in rows {
            let s = StatusTinjauan::parse(&s).ok_or_else(|| {
                StoreError::Invalid(format!("status tinjauan tidak dikenal: {s}"))
            })?;
            into.add(s, n as u64);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ranges_compact_consecutive_ids() {
        assert_eq!(super::ranges(&[1, 2, 3, 4, 7, 9, 10]), "1-4, 7, 9-10");
        assert_eq!(super::ranges(&[5]), "5");
        assert_eq!(super::ranges(&[]), "");
    }
}
