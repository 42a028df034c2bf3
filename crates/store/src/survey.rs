//! SKM responses that arrive as survey submissions (a public form, a Kobo
//! or ODK export): appended, each identified by its submission UUID, so a
//! resubmission or a re-imported export adds nothing twice.

use monev_domain::SkmResponse;
use monev_ingest::{PackageError, RowError};

use crate::{Result, Store};

/// One submission to add: where it was read (for errors), its response, and
/// its UUID.
pub struct SkmSubmission {
    pub line: u64,
    pub response: SkmResponse,
    pub uuid: Option<String>,
    /// The review it already had where it came from (KoboToolbox, ODK
    /// Central): kept, with the source named as reviewer. `None`: received.
    pub review: Option<monev_domain::StatusTinjauan>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AddedSubmissions {
    pub added: u64,
    /// Already held (same UUID): not added again.
    pub already: u64,
}

impl Store {
    /// Adds SKM submissions to a programme, all or nothing: every unit must
    /// be one of the programme's instansi (else located errors naming
    /// `file`). `sumber` records where they came from (`web`, `kobo`, `odk`).
    pub async fn add_skm_submissions(
        &self,
        program: Option<&str>,
        file: &str,
        sumber: &str,
        rows: &[SkmSubmission],
        dry_run: bool,
    ) -> Result<AddedSubmissions> {
        let kode = self.resolve_program(program).await?;
        let mut tx = self.begin_write().await?;
        let (program_id,): (i64,) = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
            .bind(&kode)
            .fetch_one(&mut *tx)
            .await?;
        let units: Vec<(String,)> =
            sqlx::query_as("SELECT kode FROM instansi WHERE program_id = $1")
                .bind(program_id)
                .fetch_all(&mut *tx)
                .await?;
        let units: std::collections::HashSet<String> = units.into_iter().map(|u| u.0).collect();
        let errors: Vec<RowError> = rows
            .iter()
            .filter(|r| !units.contains(&r.response.instansi))
            .map(|r| RowError {
                file: file.to_string(),
                line: r.line,
                column: "instansi".into(),
                value: r.response.instansi.clone(),
                reason: format!(
                    "instansi tidak dikenal dalam program {kode} (unknown unit); daftarkan dulu di instansi.csv"
                ),
                forbidden: false,
            })
            .collect();
        if !errors.is_empty() {
            let total = errors.len();
            return Err(PackageError::Invalid {
                errors: errors.into_iter().take(200).collect(),
                total,
            }
            .into());
        }
        let mut out = AddedSubmissions::default();
        for r in rows {
            let done = bind_skm(sqlx::query(INSERT_SKM).bind(program_id), r, sumber)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 1 {
                out.added += 1;
            } else {
                out.already += 1;
            }
        }
        if out.added > 0 {
            // The evaluation cache keys on this.
            sqlx::query("UPDATE program SET import_seq = import_seq + 1 WHERE id = $1")
                .bind(program_id)
                .execute(&mut *tx)
                .await?;
        }
        if dry_run {
            tx.rollback().await?;
        } else {
            tx.commit().await?;
        }
        Ok(out)
    }
}

/// One SKM row; `$1` the programme's id.
const INSERT_SKM: &str =
    "INSERT INTO skm (program_id, instansi, tanggal, u1, u2, u3, u4, u5, u6, u7, u8, u9,
                  jenis_kelamin, usia, pendidikan, pekerjaan, jenis_layanan, uuid, sumber,
                  tinjauan, tinjauan_catatan, tinjauan_oleh)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
             $20, $21, $22)
     ON CONFLICT (program_id, uuid) DO NOTHING";

/// As [`INSERT_SKM`], `$1` the programme's code.
const INSERT_SKM_BY_CODE: &str = "INSERT INTO skm (program_id, instansi, tanggal, u1, u2, u3, u4, u5, u6, u7, u8, u9,
                  jenis_kelamin, usia, pendidikan, pekerjaan, jenis_layanan, uuid, sumber,
                  tinjauan, tinjauan_catatan, tinjauan_oleh)
     VALUES ((SELECT id FROM program WHERE kode = $1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
             $20, $21, $22)
     ON CONFLICT (program_id, uuid) DO NOTHING";

/// Binds `$2`… of [`INSERT_SKM`] from one submission.
fn bind_skm<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    r: &'q SkmSubmission,
    sumber: &'q str,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    let s = &r.response;
    q = q.bind(&s.instansi).bind(s.tanggal.to_string());
    for j in &s.jawaban {
        q = q.bind(j.map(|v| i64::from(v.value())));
    }
    q.bind(s.jenis_kelamin.map(|g| g.code().to_string()))
        .bind(s.usia.map(i64::from))
        .bind(s.pendidikan.as_deref())
        .bind(s.pekerjaan.as_deref())
        .bind(s.jenis_layanan.as_deref())
        .bind(r.uuid.as_deref().map(monev_domain::normalize_uuid))
        .bind(sumber)
        .bind(r.review.map_or("diterima", |t| t.code()))
        .bind(
            r.review
                .filter(|t| t.needs_comment())
                .map(|t| format!("{} di {sumber}", t.label(monev_domain::Lang::Id))),
        )
        .bind(r.review.map(|_| sumber))
}

/// One public form answer waiting for the writer, and where its outcome goes.
pub(crate) struct SubmissionJob {
    program: String,
    sumber: &'static str,
    row: SkmSubmission,
    reply: tokio::sync::oneshot::Sender<Result<bool>>,
}

/// The most answers one commit takes.
const GROUP_MAX: usize = 256;

impl Store {
    /// One public form's SKM answer, kept once per UUID: true when it is
    /// new. The unit is the form link's (an instansi of `program`, which
    /// the foreign key holds to). Returns once the answer is committed.
    ///
    /// Group commit: answers arriving together are written by one task in
    /// one transaction (up to 256), so a burst of citizens costs one commit
    /// per group rather than per answer. If a group fails, each of its
    /// answers is written alone, so one bad answer fails only itself.
    pub async fn add_skm_submission(
        &self,
        program: &str,
        sumber: &'static str,
        row: SkmSubmission,
    ) -> Result<bool> {
        let queue = self
            .submissions
            .get_or_init(|| {
                let (tx, rx) = tokio::sync::mpsc::channel(4 * GROUP_MAX);
                tokio::spawn(submission_writer(self.clone(), rx));
                tx
            })
            .clone();
        let (reply, outcome) = tokio::sync::oneshot::channel();
        let job = SubmissionJob {
            program: program.to_string(),
            sumber,
            row,
            reply,
        };
        match queue.send(job).await {
            Ok(()) => outcome.await.unwrap_or_else(|_| {
                Err(crate::StoreError::Invalid(
                    "penulis jawaban berhenti (the answer writer stopped)".into(),
                ))
            }),
            // The writer's runtime is gone (a store moved between runtimes):
            // write it here.
            Err(e) => self
                .write_submissions(std::slice::from_ref(&e.0))
                .await
                .map(|a| a[0]),
        }
    }

    /// Writes `jobs` in one transaction: whether each was new.
    async fn write_submissions(&self, jobs: &[SubmissionJob]) -> Result<Vec<bool>> {
        let mut tx = self.begin_write().await?;
        let mut added = Vec::with_capacity(jobs.len());
        let mut programs: Vec<&str> = Vec::new();
        for j in jobs {
            let done = bind_skm(
                sqlx::query(INSERT_SKM_BY_CODE).bind(j.program.as_str()),
                &j.row,
                j.sumber,
            )
            .execute(&mut *tx)
            .await?;
            added.push(done.rows_affected() == 1);
            if done.rows_affected() == 1 && !programs.contains(&j.program.as_str()) {
                programs.push(&j.program);
            }
        }
        for p in programs {
            // The evaluation cache keys on this.
            sqlx::query("UPDATE program SET import_seq = import_seq + 1 WHERE kode = $1")
                .bind(p)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(added)
    }
}

/// The one task that writes public form answers, a group at a time.
async fn submission_writer(store: Store, mut rx: tokio::sync::mpsc::Receiver<SubmissionJob>) {
    let mut group = Vec::with_capacity(GROUP_MAX);
    while rx.recv_many(&mut group, GROUP_MAX).await > 0 {
        match store.write_submissions(&group).await {
            Ok(added) => {
                for (job, a) in group.drain(..).zip(added) {
                    let _ = job.reply.send(Ok(a));
                }
            }
            Err(_) => {
                for job in group.drain(..) {
                    let one = store.write_submissions(std::slice::from_ref(&job)).await;
                    let _ = job.reply.send(one.map(|a| a[0]));
                }
            }
        }
    }
}

/// A public form link: one instrument for one instansi of a programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormLink {
    pub kode: String,
    pub program: String,
    pub program_nama: String,
    /// The programme's time zone: the date its answers are given.
    pub zona_waktu: monev_domain::ZonaWaktu,
    pub instrumen: String,
    pub instansi: String,
    pub instansi_nama: String,
    pub aktif: bool,
    /// Responses received through monev's forms for this instansi, online
    /// (`web`) or from ODK Collect (`odk`) (counted
    /// by [`Store::form_links`], the listing; `None` from
    /// [`Store::form_link`], which every public submission calls).
    pub kiriman: Option<i64>,
    /// All SKM responses held for this instansi (packages, exports, forms);
    /// counted as `kiriman` is.
    pub responden: Option<i64>,
}

/// The links with their response counts (the listing).
const LINK_SELECT: &str = "SELECT t.kode, p.kode AS program, p.nama AS program_nama, p.zona_waktu, t.instrumen,
        t.instansi, i.nama AS instansi_nama, t.aktif,
        (SELECT COUNT(*) FROM skm s WHERE s.program_id = t.program_id AND s.instansi = t.instansi AND s.sumber IN ('web', 'odk')) AS kiriman,
        (SELECT COUNT(*) FROM skm s WHERE s.program_id = t.program_id AND s.instansi = t.instansi) AS responden
     FROM tautan_formulir t
     JOIN program p ON p.id = t.program_id
     JOIN instansi i ON i.program_id = t.program_id AND i.kode = t.instansi";

/// Links without counts: every public form view and submission reads one,
/// and the counts scan the unit's answers (they made a submission cost
/// milliseconds that grew with every answer); devices list theirs so.
const LINK_SELECT_BARE: &str =
    "SELECT t.kode, p.kode AS program, p.nama AS program_nama, p.zona_waktu, t.instrumen,
        t.instansi, i.nama AS instansi_nama, t.aktif
     FROM tautan_formulir t
     JOIN program p ON p.id = t.program_id
     JOIN instansi i ON i.program_id = t.program_id AND i.kode = t.instansi";

fn link_from(r: &sqlx::any::AnyRow) -> Result<FormLink> {
    use sqlx::Row;
    Ok(FormLink {
        kode: r.try_get("kode")?,
        program: r.try_get("program")?,
        program_nama: r.try_get("program_nama")?,
        zona_waktu: monev_domain::ZonaWaktu::parse(&r.try_get::<String, _>("zona_waktu")?)
            .unwrap_or_default(),
        instrumen: r.try_get("instrumen")?,
        instansi: r.try_get("instansi")?,
        instansi_nama: r.try_get("instansi_nama")?,
        aktif: r.try_get::<i64, _>("aktif")? != 0,
        kiriman: r.try_get("kiriman").ok(),
        responden: r.try_get("responden").ok(),
    })
}

impl Store {
    /// The links of a programme's instrument, one per instansi, creating
    /// the missing ones with codes from `new_code`, with their response
    /// counts (the forms page).
    pub async fn form_links(
        &self,
        program: &str,
        instrumen: &str,
        new_code: impl FnMut() -> String,
    ) -> Result<Vec<FormLink>> {
        self.links_of(program, instrumen, new_code, LINK_SELECT)
            .await
    }

    /// [`Store::form_links`] without the counts (`kiriman` and `responden`
    /// are `None`): what a device's form list needs, at no cost per answer.
    pub async fn form_links_bare(
        &self,
        program: &str,
        instrumen: &str,
        new_code: impl FnMut() -> String,
    ) -> Result<Vec<FormLink>> {
        self.links_of(program, instrumen, new_code, LINK_SELECT_BARE)
            .await
    }

    async fn links_of(
        &self,
        program: &str,
        instrumen: &str,
        mut new_code: impl FnMut() -> String,
        select: &'static str,
    ) -> Result<Vec<FormLink>> {
        let (program_id,): (i64,) = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
            .bind(program)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| crate::StoreError::NoSuchProgram(program.to_string()))?;
        let missing: Vec<(String,)> = sqlx::query_as(
            "SELECT kode FROM instansi i WHERE program_id = $1 AND NOT EXISTS
               (SELECT 1 FROM tautan_formulir t WHERE t.program_id = i.program_id AND t.instansi = i.kode AND t.instrumen = $2)
             ORDER BY kode",
        )
        .bind(program_id)
        .bind(instrumen)
        .fetch_all(&self.pool)
        .await?;
        for (instansi,) in missing {
            sqlx::query(
                "INSERT INTO tautan_formulir (kode, program_id, instrumen, instansi) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (program_id, instrumen, instansi) DO NOTHING",
            )
            .bind(new_code())
            .bind(program_id)
            .bind(instrumen)
            .bind(&instansi)
            .execute(&self.pool)
            .await?;
        }
        let sql =
            format!("{select} WHERE t.program_id = $1 AND t.instrumen = $2 ORDER BY t.instansi");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(program_id)
            .bind(instrumen)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(link_from).collect()
    }

    /// The link with this code, if its instansi is still in the programme.
    pub async fn form_link(&self, kode: &str) -> Result<Option<FormLink>> {
        let sql = format!("{LINK_SELECT_BARE} WHERE t.kode = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(kode)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(link_from).transpose()
    }
}

/// One SKM response as exported (Kobo-like columns).
#[derive(Debug, Clone, PartialEq)]
pub struct SkmExportRow {
    pub id: i64,
    pub instansi: String,
    pub tanggal: String,
    pub jawaban: [Option<i64>; 9],
    pub jenis_kelamin: Option<String>,
    pub usia: Option<i64>,
    pub pendidikan: Option<String>,
    pub pekerjaan: Option<String>,
    pub jenis_layanan: Option<String>,
    pub uuid: Option<String>,
    /// `paket`, `kobo`, `odk` or `web`.
    pub sumber: String,
    /// Where its review stands.
    pub tinjauan: monev_domain::StatusTinjauan,
}

impl Store {
    /// A programme's SKM responses, of one instansi or all, in entry order.
    pub async fn skm_export(
        &self,
        program: &str,
        instansi: Option<&str>,
    ) -> Result<Vec<SkmExportRow>> {
        use futures_util::TryStreamExt;
        self.skm_export_stream(program, instansi)
            .try_collect()
            .await
    }

    /// [`Store::skm_export`] a row at a time, as the database returns
    /// them: an export of half a million questionnaires never holds them
    /// all (a read, which on SQLite's WAL and on PostgreSQL blocks no
    /// writer).
    pub fn skm_export_stream<'a>(
        &'a self,
        program: &'a str,
        instansi: Option<&'a str>,
    ) -> impl futures_util::Stream<Item = Result<SkmExportRow>> + Send + 'a {
        use futures_util::TryStreamExt;
        use sqlx::Row;
        // Two fixed statements rather than `$2 IS NULL`, which PostgreSQL
        // cannot type.
        let only = if instansi.is_some() {
            " AND s.instansi = $2"
        } else {
            ""
        };
        let sql = format!(
            "SELECT s.id, s.instansi, s.tanggal, s.u1, s.u2, s.u3, s.u4, s.u5, s.u6, s.u7, s.u8, s.u9,
                    s.jenis_kelamin, s.usia, s.pendidikan, s.pekerjaan, s.jenis_layanan, s.uuid,
                    COALESCE(s.sumber, 'paket') AS sumber, s.tinjauan
             FROM skm s JOIN program p ON p.id = s.program_id
             WHERE p.kode = $1{only}
             ORDER BY s.id"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(program);
        if let Some(i) = instansi {
            q = q.bind(i);
        }
        q.fetch(&self.pool)
            .map_err(crate::StoreError::from)
            .and_then(|r| async move {
                let mut jawaban = [None; 9];
                for (k, j) in jawaban.iter_mut().enumerate() {
                    *j = r.try_get::<Option<i64>, _>(3 + k)?;
                }
                Ok(SkmExportRow {
                    id: r.try_get("id")?,
                    instansi: r.try_get("instansi")?,
                    tanggal: r.try_get("tanggal")?,
                    jawaban,
                    jenis_kelamin: r.try_get("jenis_kelamin")?,
                    usia: r.try_get("usia")?,
                    pendidikan: r.try_get("pendidikan")?,
                    pekerjaan: r.try_get("pekerjaan")?,
                    jenis_layanan: r.try_get("jenis_layanan")?,
                    uuid: r.try_get("uuid")?,
                    sumber: r.try_get("sumber")?,
                    tinjauan: {
                        let t: String = r.try_get("tinjauan")?;
                        monev_domain::StatusTinjauan::parse(&t).ok_or_else(|| {
                            crate::StoreError::Invalid(format!(
                                "status tinjauan tidak dikenal: {t}"
                            ))
                        })?
                    },
                })
            })
    }
}
