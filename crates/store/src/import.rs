//! Importing a package: one transaction, all of it or none of it.
//!
//! Semantics, so that a repeated import changes nothing and a new round
//! updates the programme:
//! - `program` is upserted by `kode`;
//! - dimension tables present in the package (`instansi`, `asn`,
//!   `pelatihan`) are upserted by their code, and rows of the programme that
//!   the package no longer lists are removed (unless other data still refers
//!   to them: then the import fails, located);
//! - fact tables present (`peserta`, `skm`, `layanan`, `anggaran`,
//!   `indikator`) replace the programme's rows of that table (survey
//!   submissions in `skm`, which carry a uuid, are kept);
//! - tables absent from the package are left as they are.
//!
//! Rows are validated while streaming; inserts go in multi-row batches and
//! stop at the first error, while parsing goes on to report every error.

use std::collections::HashMap;
use std::path::Path;

use monev_ingest::{Package, RowError};
use sqlx::{Any, AssertSqlSafe, Transaction};

use crate::{Result, Store, StoreError};

/// Values bound per multi-row `INSERT` (SQLite allows 32 766, PostgreSQL
/// 65 535): a table of 6 columns goes 4 000 rows at a time. Fewer, larger
/// statements: 256 rows a statement imported at 270 000 rows/s, this at
/// over 300 000 (BENCHMARKS.md).
const BATCH_VALUES: usize = 24_000;

/// Told (table, rows read so far) while an import runs.
pub type Progress<'a> = &'a (dyn Fn(&str, u64) + Sync);

/// Options of [`Store::import`].
#[derive(Default)]
pub struct ImportOptions<'a> {
    /// The programme to update when the package has no `program.csv`, or a
    /// check that the package's programme is the one meant.
    pub program: Option<String>,
    /// Called with (table, rows so far) as rows are read.
    pub progress: Option<Progress<'a>>,
    /// Check everything, write nothing: the whole import runs and is rolled
    /// back, so the summary and the errors are exactly what a real import
    /// would give.
    pub dry_run: bool,
    /// Limit the import to one instansi (an operator's): only the tables an
    /// instansi owns ([`SCOPED_TABLES`]) are accepted, every row must be of
    /// that instansi, and only that instansi's rows are replaced.
    pub scope: Option<String>,
}

/// The tables an instansi owns: its roster, its participation, its citizens'
/// survey answers and its queue log. The rest belong to the programme.
pub const SCOPED_TABLES: &[&str] = &["asn", "peserta", "skm", "layanan"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCount {
    pub table: &'static str,
    pub rows: u64,
}

#[derive(Debug, Clone)]
pub struct ImportSummary {
    pub program: String,
    /// True when the programme was new to the store.
    pub created: bool,
    pub tables: Vec<TableCount>,
    /// Remarks that were not errors (ignored extra columns).
    pub notes: Vec<String>,
}

/// A value to bind, whatever its column type.
enum V {
    I(Option<i64>),
    F(Option<f64>),
    T(Option<String>),
}

fn t(s: &str) -> V {
    V::T(Some(s.to_string()))
}

/// Rows sent through `COPY` (PostgreSQL) into an unlogged staging table,
/// on a connection of their own; the import's transaction then moves them
/// into the real table with one `INSERT … SELECT`, so the import stays all
/// or nothing. Staging tables of an import share a prefix and are dropped
/// when it ends, whatever happened.
struct Stage {
    pool: sqlx::PgPool,
    name: String,
    buf: String,
    rows: usize,
    created: bool,
}

/// The large tables whose indexes a bulk load into an empty table rebuilds
/// ([`drop_indexes_for_bulk_load`]).
const BULK_TABLES: &[&str] = &["skm", "layanan"];

/// Rows per `COPY` round trip.
const COPY_BATCH: usize = 50_000;

/// Writes `v` in `COPY … FROM STDIN` text format.
fn copy_value(out: &mut String, v: &V) {
    use std::fmt::Write as _;
    match v {
        V::I(Some(x)) => {
            let _ = write!(out, "{x}");
        }
        V::F(Some(x)) if x.is_finite() => {
            let _ = write!(out, "{x}");
        }
        V::F(Some(x)) if x.is_nan() => out.push_str("NaN"),
        V::F(Some(x)) => out.push_str(if *x > 0.0 { "Infinity" } else { "-Infinity" }),
        V::T(Some(t)) => {
            for c in t.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c => out.push(c),
                }
            }
        }
        V::I(None) | V::F(None) | V::T(None) => out.push_str("\\N"),
    }
}

/// Buffers rows of one table and writes them in multi-row `INSERT`s, or on
/// PostgreSQL through `COPY` ([`Stage`]).
struct Batcher {
    table: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<V>>,
    sql: HashMap<usize, String>,
    written: u64,
    dialect: crate::Dialect,
    stage: Option<Stage>,
}

impl Batcher {
    fn new(
        table: &'static str,
        columns: &'static [&'static str],
        store: &Store,
        prefix: &str,
    ) -> Batcher {
        Batcher {
            table,
            columns,
            rows: Vec::with_capacity(BATCH_VALUES / columns.len()),
            sql: HashMap::new(),
            written: 0,
            dialect: store.dialect,
            stage: store.copy.clone().map(|pool| Stage {
                pool,
                name: format!("{prefix}{table}"),
                buf: String::with_capacity(1 << 20),
                rows: 0,
                created: false,
            }),
        }
    }

    async fn push(&mut self, tx: &mut Transaction<'static, Any>, row: Vec<V>) -> Result<()> {
        if let Some(stage) = &mut self.stage {
            for (i, v) in row.iter().enumerate() {
                if i > 0 {
                    stage.buf.push('\t');
                }
                copy_value(&mut stage.buf, v);
            }
            stage.buf.push('\n');
            stage.rows += 1;
            if stage.rows >= COPY_BATCH {
                self.send().await?;
            }
            return Ok(());
        }
        self.rows.push(row);
        if self.rows.len() >= BATCH_VALUES / self.columns.len() {
            self.flush(tx).await?;
        }
        Ok(())
    }

    /// Sends the buffered rows to the staging table.
    async fn send(&mut self) -> Result<()> {
        let (table, columns) = (self.table, self.columns.join(", "));
        let Some(stage) = &mut self.stage else {
            return Ok(());
        };
        let mut conn = stage.pool.acquire().await?;
        if !stage.created {
            // Safe: names are static table/column names and a hex token.
            sqlx::query(AssertSqlSafe(format!(
                "CREATE UNLOGGED TABLE {} AS SELECT {columns} FROM {table} WITH NO DATA",
                stage.name
            )))
            .execute(&mut *conn)
            .await?;
            stage.created = true;
        }
        if stage.rows > 0 {
            let sql = format!("COPY {} ({columns}) FROM STDIN", stage.name);
            let mut copy = conn.copy_in_raw(&sql).await?;
            copy.send(stage.buf.as_bytes()).await?;
            copy.finish().await?;
            self.written += stage.rows as u64;
            stage.buf.clear();
            stage.rows = 0;
        }
        Ok(())
    }

    async fn flush(&mut self, tx: &mut Transaction<'static, Any>) -> Result<()> {
        if self.stage.is_some() {
            // Every row staged first: the staging table was made from the
            // target's columns before any index lock is taken.
            self.send().await?;
            let columns = self.columns.join(", ");
            let name = self
                .stage
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default();
            let dropped = if BULK_TABLES.contains(&self.table) {
                drop_indexes_for_bulk_load(tx, self.table).await?
            } else {
                Vec::new()
            };
            sqlx::query(AssertSqlSafe(format!(
                "INSERT INTO {} ({columns}) SELECT {columns} FROM {name}",
                self.table
            )))
            .execute(&mut **tx)
            .await?;
            return rebuild_indexes(tx, dropped).await;
        }
        if self.rows.is_empty() {
            return Ok(());
        }
        let n = self.rows.len();
        let (table, columns, dialect) = (self.table, self.columns, self.dialect);
        let sql = self.sql.entry(n).or_insert_with(|| {
            let width = columns.len();
            let groups: Vec<String> = (0..n)
                .map(|r| {
                    let ps: Vec<String> = (1..=width)
                        .map(|c| dialect.placeholder(r * width + c))
                        .collect();
                    format!("({})", ps.join(", "))
                })
                .collect();
            format!(
                "INSERT INTO {table} ({}) VALUES {}",
                columns.join(", "),
                groups.join(", ")
            )
        });
        // Safe: the SQL is built from the static table and column names above;
        // every value is bound.
        let mut q = sqlx::query(AssertSqlSafe(sql.clone()));
        for row in self.rows.drain(..) {
            for v in row {
                q = match v {
                    V::I(x) => q.bind(x),
                    V::F(x) => q.bind(crate::OptF64(x)),
                    V::T(x) => q.bind(x),
                };
            }
        }
        q.execute(&mut **tx).await?;
        self.written += n as u64;
        Ok(())
    }
}

/// The secondary indexes and foreign keys of `table` on PostgreSQL, dropped for a bulk load
/// when the table holds no row at all (after the programme's own rows were
/// deleted): the staged rows then go in with one `INSERT … SELECT` and no
/// index updates, and [`rebuild_indexes`] creates each index again in one
/// sort, from the definition the database itself held, in the same
/// transaction (all or nothing as ever). Indexes that back a constraint
/// (primary keys) stay. `DROP INDEX` locks the table until the import
/// commits; the table holds no other programme's rows then, so only readers
/// of this programme, whose rows are being replaced, wait. (On SQLite this
/// was measured slower: `CREATE INDEX` over 3 M tickets takes 2.9 s, the
/// B-tree updates of rows arriving nearly in key order less; BENCHMARKS.md.)
async fn drop_indexes_for_bulk_load(
    tx: &mut Transaction<'static, Any>,
    table: &'static str,
) -> Result<Vec<String>> {
    // Safe: a static table name.
    let empty = sqlx::query(AssertSqlSafe(format!("SELECT 1 FROM {table} LIMIT 1")))
        .fetch_optional(&mut **tx)
        .await?
        .is_none();
    if !empty {
        return Ok(Vec::new());
    }
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT i.relname::text, pg_get_indexdef(i.oid) \
         FROM pg_index x \
         JOIN pg_class i ON i.oid = x.indexrelid \
         JOIN pg_class t ON t.oid = x.indrelid \
         WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)",
    )
    .bind(table)
    .fetch_all(&mut **tx)
    .await?;
    // Foreign keys too: PostgreSQL checks one per row with a trigger (most
    // of a bulk load's time); added again, a key is checked in one join.
    let keys: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.conname::text, pg_get_constraintdef(c.oid) \
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
         WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace \
           AND c.contype = 'f'",
    )
    .bind(table)
    .fetch_all(&mut **tx)
    .await?;
    let quote = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
    let mut definitions = Vec::with_capacity(indexes.len() + keys.len());
    for (name, definition) in indexes {
        // Safe: an index name the database's own catalogue holds, quoted.
        sqlx::query(AssertSqlSafe(format!("DROP INDEX {}", quote(&name))))
            .execute(&mut **tx)
            .await?;
        definitions.push(definition);
    }
    for (name, definition) in keys {
        // Safe: a static table name and a constraint the catalogue holds.
        sqlx::query(AssertSqlSafe(format!(
            "ALTER TABLE {table} DROP CONSTRAINT {}",
            quote(&name)
        )))
        .execute(&mut **tx)
        .await?;
        definitions.push(format!(
            "ALTER TABLE {table} ADD CONSTRAINT {} {definition}",
            quote(&name)
        ));
    }
    Ok(definitions)
}

/// Creates again the indexes [`drop_indexes_for_bulk_load`] dropped.
async fn rebuild_indexes(
    tx: &mut Transaction<'static, Any>,
    definitions: Vec<String>,
) -> Result<()> {
    for definition in definitions {
        // Safe: the definition the database's catalogue held a moment ago.
        sqlx::query(AssertSqlSafe(definition))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

impl Store {
    /// Imports the package at `path` (folder, .zip or .xlsx). On any error
    /// nothing is written and every located error is returned
    /// (`StoreError::Package(PackageError::Invalid { … })`).
    pub async fn import(&self, path: &Path, opts: ImportOptions<'_>) -> Result<ImportSummary> {
        static IMPORTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let stage = format!(
            "monev_stage_{:x}{:x}{:x}_",
            std::process::id(),
            nanos % (1 << 40),
            IMPORTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let result = self.import_staged(path, opts, &stage).await;
        if let Some(pool) = &self.copy {
            // The staging tables of this import, whatever became of it.
            let names: Vec<(String,)> =
                sqlx::query_as("SELECT tablename::text FROM pg_tables WHERE tablename LIKE $1")
                    .bind(format!("{stage}%"))
                    .fetch_all(pool)
                    .await
                    .unwrap_or_default();
            for (name,) in names {
                let _ = sqlx::query(AssertSqlSafe(format!("DROP TABLE IF EXISTS {name}")))
                    .execute(pool)
                    .await;
            }
        }
        result
    }

    async fn import_staged(
        &self,
        path: &Path,
        opts: ImportOptions<'_>,
        stage: &str,
    ) -> Result<ImportSummary> {
        let mut pkg = Package::open(path)?;
        let display = path.display().to_string();
        let existing_program = self.preamble(&mut pkg, &display, &opts).await?;
        if pkg.error_total() > 0 {
            return Err(pkg.into_errors().into());
        }
        let (_turn, mut tx) = self.begin_write_parts().await?;
        let progress = |table: &str, n: u64| {
            if let Some(p) = opts.progress {
                p(table, n)
            }
        };

        // 1. The programme.
        let (program_id, kode, created) = if existing_program.is_none() {
            let Some(p) = pkg.program() else {
                return Err(pkg.into_errors().into());
            };
            if let Some(want) = &opts.program
                && want != &p.kode
            {
                return Err(StoreError::Invalid(format!(
                    "paket ini untuk program '{}', bukan '{}' (the package is for another programme)",
                    p.kode, want
                )));
            }
            let existing: Option<(i64,)> = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
                .bind(&p.kode)
                .fetch_optional(&mut *tx)
                .await?;
            let row: (i64,) = sqlx::query_as(
                "INSERT INTO program (kode, nama, wilayah, mulai, selesai, tanggal_intervensi, pagu_anggaran,
                                      target_partisipasi_persen, evaluator, zona_waktu, periode)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                 ON CONFLICT (kode) DO UPDATE SET nama = excluded.nama, wilayah = excluded.wilayah,
                    mulai = excluded.mulai, selesai = excluded.selesai,
                    tanggal_intervensi = excluded.tanggal_intervensi, pagu_anggaran = excluded.pagu_anggaran,
                    target_partisipasi_persen = excluded.target_partisipasi_persen, evaluator = excluded.evaluator,
                    zona_waktu = excluded.zona_waktu, periode = excluded.periode
                 RETURNING id",
            )
            .bind(&p.kode)
            .bind(&p.nama)
            .bind(&p.wilayah)
            .bind(p.mulai.to_string())
            .bind(p.selesai.to_string())
            .bind(p.tanggal_intervensi.to_string())
            .bind(p.pagu_anggaran)
            .bind(crate::OptF64(p.target_partisipasi_persen))
            .bind(p.evaluator.clone())
            .bind(p.zona_waktu.code())
            .bind(p.periode.code())
            .fetch_one(&mut *tx)
            .await?;
            // Report settings the package states; a package never clears
            // what was set in the application.
            let l = &p.laporan;
            sqlx::query(
                "INSERT INTO pengaturan_laporan (program_id, tim, nomor_sk, tempat, tanggal,
                     penandatangan_nama, penandatangan_jabatan, penandatangan_nip)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (program_id) DO UPDATE SET
                     tim = COALESCE(excluded.tim, pengaturan_laporan.tim),
                     nomor_sk = COALESCE(excluded.nomor_sk, pengaturan_laporan.nomor_sk),
                     tempat = COALESCE(excluded.tempat, pengaturan_laporan.tempat),
                     tanggal = COALESCE(excluded.tanggal, pengaturan_laporan.tanggal),
                     penandatangan_nama = COALESCE(excluded.penandatangan_nama, pengaturan_laporan.penandatangan_nama),
                     penandatangan_jabatan = COALESCE(excluded.penandatangan_jabatan, pengaturan_laporan.penandatangan_jabatan),
                     penandatangan_nip = COALESCE(excluded.penandatangan_nip, pengaturan_laporan.penandatangan_nip)",
            )
            .bind(row.0)
            .bind((!l.tim.is_empty()).then(|| l.tim.join("\n")))
            .bind(l.nomor_sk.clone())
            .bind(l.tempat.clone())
            .bind(l.tanggal.map(|d| d.to_string()))
            .bind(l.penandatangan_nama.clone())
            .bind(l.penandatangan_jabatan.clone())
            .bind(l.penandatangan_nip.clone())
            .execute(&mut *tx)
            .await?;
            (row.0, p.kode, existing.is_none())
        } else {
            let kode = existing_program.unwrap_or_default();
            let row: (i64,) = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
                .bind(&kode)
                .fetch_one(&mut *tx)
                .await?;
            (row.0, kode, false)
        };
        let seq: (i64,) = sqlx::query_as(
            "UPDATE program SET import_seq = import_seq + 1 WHERE id = $1 RETURNING import_seq",
        )
        .bind(program_id)
        .fetch_one(&mut *tx)
        .await?;
        let seq = seq.0;

        // 2. Fact tables present are replaced: clear them before the dimensions change.
        // New transcripts void the old segments, whose spans pointed into them.
        // New document texts likewise void the segments cut from them.
        for (source, replaced) in [
            ("wawancara", pkg.has("kutipan_kode") || pkg.has("wawancara")),
            ("dokumen", pkg.has("kutipan_kode") || pkg.has("dokumen")),
        ] {
            if replaced {
                sqlx::query(AssertSqlSafe(format!(
                    "DELETE FROM kutipan_kode WHERE program_id = $1 AND {source} IS NOT NULL"
                )))
                .bind(program_id)
                .execute(&mut *tx)
                .await?;
            }
            if pkg.has(source) {
                sqlx::query("DELETE FROM saran_kode WHERE program_id = $1 AND sumber = $2")
                    .bind(program_id)
                    .bind(source)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        for table in ["wawancara", "buku_kode", "dokumen"] {
            if pkg.has(table) {
                sqlx::query(AssertSqlSafe(format!(
                    "DELETE FROM {table} WHERE program_id = $1"
                )))
                .bind(program_id)
                .execute(&mut *tx)
                .await?;
            }
        }
        for table in [
            "peserta",
            "skm",
            "layanan",
            "anggaran",
            "indikator",
            "kinerja",
            "reaksi",
            "reaksi_item",
        ] {
            if !pkg.has(table) {
                continue;
            }
            // Survey submissions (skm rows with a uuid, reaksi and kinerja rows
            // of a kiriman) are not the package's to replace.
            let own = match table {
                "skm" => " AND uuid IS NULL",
                "reaksi" | "kinerja" => " AND kiriman_id IS NULL",
                _ => "",
            };
            let sql = match (&opts.scope, table) {
                (None, _) => format!("DELETE FROM {table} WHERE program_id = $1{own}"),
                (Some(_), "peserta") => "DELETE FROM peserta WHERE program_id = $1 AND nip IN \
                     (SELECT nip FROM asn WHERE program_id = $1 AND instansi = $2)"
                    .to_string(),
                (Some(_), _) => {
                    format!("DELETE FROM {table} WHERE program_id = $1 AND instansi = $2{own}")
                }
            };
            let mut q = sqlx::query(AssertSqlSafe(sql)).bind(program_id);
            if let Some(scope) = &opts.scope {
                q = q.bind(scope);
            }
            q.execute(&mut *tx).await?;
        }

        // 3. Keys that rows may refer to, from the store where the package omits the table.
        if let Some(scope) = &opts.scope {
            let own: (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM instansi WHERE program_id = $1 AND kode = $2")
                    .bind(program_id)
                    .bind(scope)
                    .fetch_one(&mut *tx)
                    .await?;
            if own.0 == 0 {
                return Err(StoreError::Invalid(format!(
                    "instansi '{scope}' tidak ada dalam program '{kode}' (no such instansi in the programme)"
                )));
            }
            pkg.known.scope = Some(scope.clone());
            pkg.known.instansi = std::iter::once(scope.clone()).collect();
            let nips: Vec<(String, String)> =
                sqlx::query_as("SELECT nip, instansi FROM asn WHERE program_id = $1")
                    .bind(program_id)
                    .fetch_all(&mut *tx)
                    .await?;
            for (nip, instansi) in nips {
                if &instansi == scope {
                    if !pkg.has("asn") {
                        pkg.known.nip.insert(nip);
                    }
                } else {
                    pkg.known.foreign_nip.insert(nip);
                }
            }
        }
        if !pkg.has("instansi") && opts.scope.is_none() {
            pkg.known.instansi = keys(
                &mut tx,
                "SELECT kode FROM instansi WHERE program_id = $1",
                program_id,
            )
            .await?;
        }
        if !pkg.has("asn") && opts.scope.is_none() {
            pkg.known.nip = keys(
                &mut tx,
                "SELECT nip FROM asn WHERE program_id = $1",
                program_id,
            )
            .await?;
        }
        if !pkg.has("pelatihan") {
            pkg.known.pelatihan = keys(
                &mut tx,
                "SELECT kode FROM pelatihan WHERE program_id = $1",
                program_id,
            )
            .await?;
        }
        // A quarter's package may carry only its realisations: the
        // programme's period kind and dates, the indicators and the budget
        // lines they name are the store's.
        if !pkg.has("program") {
            let (jenis, mulai, selesai): (String, String, String) =
                sqlx::query_as("SELECT periode, mulai, selesai FROM program WHERE id = $1")
                    .bind(program_id)
                    .fetch_one(&mut *tx)
                    .await?;
            let bad = |e: monev_domain::ParseError| {
                StoreError::Invalid(format!(
                    "data tersimpan rusak di program (stored data is corrupt): {e}"
                ))
            };
            pkg.known.periode = Some((
                monev_domain::JenisPeriode::parse(&jenis).map_err(bad)?,
                monev_domain::Date::parse(&mulai).map_err(bad)?,
                monev_domain::Date::parse(&selesai).map_err(bad)?,
            ));
        }
        if !pkg.has("indikator") {
            pkg.known.indikator = keys(
                &mut tx,
                "SELECT kode FROM indikator WHERE program_id = $1",
                program_id,
            )
            .await?;
        }
        if !pkg.has("anggaran") {
            pkg.known.kegiatan = keys(
                &mut tx,
                "SELECT kegiatan FROM anggaran WHERE program_id = $1",
                program_id,
            )
            .await?;
        }

        // Regions are shared by every programme: the store's are known.
        pkg.known.wilayah = known_regions(&mut tx).await?;

        let mut counts = Vec::new();
        // 4. Dimensions, upserted. Regions first: units name them.
        if let Some(rows) = pkg.wilayah() {
            for w in &rows {
                sqlx::query(
                    "INSERT INTO wilayah (kode, nama, tingkat, induk) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (kode) DO UPDATE SET nama = excluded.nama, tingkat = excluded.tingkat,
                        induk = excluded.induk",
                )
                .bind(&w.kode)
                .bind(&w.nama)
                .bind(w.tingkat.code())
                .bind(w.induk.as_deref())
                .execute(&mut *tx)
                .await?;
            }
            counts.push(TableCount {
                table: "wilayah",
                rows: rows.len() as u64,
            });
        }
        if let Some(rows) = pkg.instansi() {
            for i in &rows {
                sqlx::query(
                    "INSERT INTO instansi (program_id, kode, nama, jenis, kelompok, wilayah, import_seq) VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (program_id, kode) DO UPDATE SET nama = excluded.nama, jenis = excluded.jenis,
                        kelompok = excluded.kelompok, wilayah = excluded.wilayah, import_seq = excluded.import_seq",
                )
                .bind(program_id)
                .bind(&i.kode)
                .bind(&i.nama)
                .bind(&i.jenis)
                .bind(i.kelompok.code())
                .bind(i.wilayah.as_deref())
                .bind(seq)
                .execute(&mut *tx)
                .await?;
            }
            counts.push(TableCount {
                table: "instansi",
                rows: rows.len() as u64,
            });
        }
        if let Some(rows) = pkg.asn() {
            let ok = pkg.error_total() == 0;
            for (n, a) in rows.iter().enumerate() {
                if !ok {
                    break;
                }
                sqlx::query(
                    "INSERT INTO asn (program_id, nip, nama, instansi, jabatan, golongan, pendidikan, jenis_kelamin, import_seq)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                     ON CONFLICT (program_id, nip) DO UPDATE SET nama = excluded.nama, instansi = excluded.instansi,
                        jabatan = excluded.jabatan, golongan = excluded.golongan, pendidikan = excluded.pendidikan,
                        jenis_kelamin = excluded.jenis_kelamin, import_seq = excluded.import_seq",
                )
                .bind(program_id)
                .bind(a.nip.as_str())
                .bind(&a.nama)
                .bind(&a.instansi)
                .bind(&a.jabatan)
                .bind(&a.golongan)
                .bind(&a.pendidikan)
                .bind(a.jenis_kelamin.code())
                .bind(seq)
                .execute(&mut *tx)
                .await?;
                if n.is_multiple_of(1000) {
                    progress("asn", n as u64);
                }
            }
            counts.push(TableCount {
                table: "asn",
                rows: rows.len() as u64,
            });
        }
        if let Some(rows) = pkg.pelatihan() {
            for p in &rows {
                sqlx::query(
                    "INSERT INTO pelatihan (program_id, kode, nama, bidang, jp, biaya_per_peserta, import_seq)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (program_id, kode) DO UPDATE SET nama = excluded.nama, bidang = excluded.bidang,
                        jp = excluded.jp, biaya_per_peserta = excluded.biaya_per_peserta, import_seq = excluded.import_seq",
                )
                .bind(program_id)
                .bind(&p.kode)
                .bind(&p.nama)
                .bind(&p.bidang)
                .bind(p.jp)
                .bind(p.biaya_per_peserta)
                .bind(seq)
                .execute(&mut *tx)
                .await?;
            }
            counts.push(TableCount {
                table: "pelatihan",
                rows: rows.len() as u64,
            });
        }

        // 5. Facts, streamed in batches. Once an error is seen nothing more is
        // written (it would be rolled back), but parsing goes on.
        const PESERTA: &[&str] = &[
            "program_id",
            "nip",
            "pelatihan",
            "tanggal_mulai",
            "tanggal_selesai",
            "kehadiran_persen",
            "pre_test",
            "post_test",
        ];
        if pkg.has("peserta") {
            let mut b = Batcher::new("peserta", PESERTA, self, stage);
            let mut read = 0u64;
            let mut clean = pkg.error_total() == 0;
            if let Some(mut rows) = pkg.peserta() {
                while let Some(p) = rows.next() {
                    read += 1;
                    clean = clean && rows_clean(&rows);
                    if clean {
                        let row = vec![
                            V::I(Some(program_id)),
                            t(p.nip.as_str()),
                            t(&p.pelatihan),
                            V::T(p.tanggal_mulai.map(|d| d.to_string())),
                            V::T(p.tanggal_selesai.map(|d| d.to_string())),
                            V::F(p.kehadiran_persen),
                            V::F(p.pre_test),
                            V::F(p.post_test),
                        ];
                        b.push(&mut tx, row).await?;
                    }
                }
            }
            if pkg.error_total() == 0 {
                b.flush(&mut tx).await?;
            }
            counts.push(TableCount {
                table: "peserta",
                rows: read,
            });
        }

        const SKM: &[&str] = &[
            "program_id",
            "instansi",
            "tanggal",
            "u1",
            "u2",
            "u3",
            "u4",
            "u5",
            "u6",
            "u7",
            "u8",
            "u9",
            "jenis_kelamin",
            "usia",
            "pendidikan",
            "pekerjaan",
            "jenis_layanan",
        ];
        if pkg.has("skm") {
            let mut b = Batcher::new("skm", SKM, self, stage);
            let mut read = 0u64;
            let mut clean = pkg.error_total() == 0;
            if let Some(mut rows) = pkg.skm() {
                while let Some(r) = rows.next() {
                    read += 1;
                    if read.is_multiple_of(4096) {
                        progress("skm", read);
                    }
                    clean = clean && rows_clean(&rows);
                    if clean {
                        let mut row = Vec::with_capacity(SKM.len());
                        row.push(V::I(Some(program_id)));
                        row.push(t(&r.instansi));
                        row.push(t(&r.tanggal.to_string()));
                        row.extend(
                            r.jawaban
                                .iter()
                                .map(|j| V::I(j.map(|v| i64::from(v.value())))),
                        );
                        row.push(V::T(r.jenis_kelamin.map(|g| g.code().to_string())));
                        row.push(V::I(r.usia.map(i64::from)));
                        row.push(V::T(r.pendidikan));
                        row.push(V::T(r.pekerjaan));
                        row.push(V::T(r.jenis_layanan));
                        b.push(&mut tx, row).await?;
                    }
                }
            }
            if pkg.error_total() == 0 {
                b.flush(&mut tx).await?;
            }
            progress("skm", read);
            counts.push(TableCount {
                table: "skm",
                rows: read,
            });
        }

        const LAYANAN: &[&str] = &[
            "program_id",
            "instansi",
            "jenis_layanan",
            "waktu_datang",
            "waktu_dipanggil",
            "waktu_selesai",
        ];
        if pkg.has("layanan") {
            let mut b = Batcher::new("layanan", LAYANAN, self, stage);
            let mut read = 0u64;
            let mut clean = pkg.error_total() == 0;
            if let Some(mut rows) = pkg.layanan() {
                while let Some(l) = rows.next() {
                    read += 1;
                    if read.is_multiple_of(4096) {
                        progress("layanan", read);
                    }
                    clean = clean && rows_clean(&rows);
                    if clean {
                        let row = vec![
                            V::I(Some(program_id)),
                            t(&l.instansi),
                            t(&l.jenis_layanan),
                            V::I(Some(l.waktu_datang.seconds())),
                            V::I(Some(l.waktu_dipanggil.seconds())),
                            V::I(l.waktu_selesai.map(|s| s.seconds())),
                        ];
                        b.push(&mut tx, row).await?;
                    }
                }
            }
            if pkg.error_total() == 0 {
                b.flush(&mut tx).await?;
            }
            progress("layanan", read);
            counts.push(TableCount {
                table: "layanan",
                rows: read,
            });
        }

        if let Some(rows) = pkg.anggaran() {
            for a in &rows {
                sqlx::query("INSERT INTO anggaran (program_id, kegiatan, pagu, realisasi) VALUES ($1, $2, $3, $4)")
                    .bind(program_id)
                    .bind(&a.kegiatan)
                    .bind(a.pagu)
                    .bind(a.realisasi)
                    .execute(&mut *tx)
                    .await?;
            }
            counts.push(TableCount {
                table: "anggaran",
                rows: rows.len() as u64,
            });
        }
        if let Some(rows) = pkg.indikator() {
            if pkg.error_total() == 0 {
                for i in &rows {
                    sqlx::query(
                        "INSERT INTO indikator (program_id, kode, nama, ukuran, baseline, target, arah, realisasi)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(program_id)
                    .bind(&i.kode)
                    .bind(&i.nama)
                    .bind(&i.ukuran)
                    .bind(i.baseline)
                    .bind(i.target)
                    .bind(i.arah.code())
                    .bind(crate::OptF64(i.realisasi))
                    .execute(&mut *tx)
                    .await?;
                }
            }
            counts.push(TableCount {
                table: "indikator",
                rows: rows.len() as u64,
            });
        }
        // Per-period rows replace the rows of the periods the package
        // carries; earlier periods stay (a quarter's package sends its own).
        if let Some(rows) = pkg.indikator_periode() {
            if pkg.error_total() == 0 {
                clear_periods(
                    &mut tx,
                    "DELETE FROM indikator_periode WHERE program_id = $1 AND periode = $2",
                    program_id,
                    rows.iter().map(|r| r.periode),
                )
                .await?;
                for r in &rows {
                    sqlx::query(
                        "INSERT INTO indikator_periode (program_id, indikator, periode, instansi, target, realisasi)
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(program_id)
                    .bind(&r.indikator)
                    .bind(r.periode.to_string())
                    .bind(r.instansi.clone().unwrap_or_default())
                    .bind(r.target)
                    .bind(crate::OptF64(r.realisasi))
                    .execute(&mut *tx)
                    .await?;
                }
            }
            counts.push(TableCount {
                table: "indikator_periode",
                rows: rows.len() as u64,
            });
        }
        if let Some(rows) = pkg.anggaran_periode() {
            if pkg.error_total() == 0 {
                clear_periods(
                    &mut tx,
                    "DELETE FROM anggaran_periode WHERE program_id = $1 AND periode = $2",
                    program_id,
                    rows.iter().map(|r| r.periode),
                )
                .await?;
                for r in &rows {
                    sqlx::query(
                        "INSERT INTO anggaran_periode (program_id, kegiatan, periode, instansi, rencana_keuangan,
                             realisasi_keuangan, rencana_fisik_persen, realisasi_fisik_persen)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(program_id)
                    .bind(&r.kegiatan)
                    .bind(r.periode.to_string())
                    .bind(r.instansi.clone().unwrap_or_default())
                    .bind(r.rencana_keuangan)
                    .bind(crate::OptF64(r.realisasi_keuangan))
                    .bind(r.rencana_fisik_persen)
                    .bind(crate::OptF64(r.realisasi_fisik_persen))
                    .execute(&mut *tx)
                    .await?;
                }
            }
            counts.push(TableCount {
                table: "anggaran_periode",
                rows: rows.len() as u64,
            });
        }

        const KINERJA: &[&str] = &["program_id", "nip", "tanggal", "penilai", "aspek", "skor"];
        if pkg.has("kinerja") {
            let mut b = Batcher::new("kinerja", KINERJA, self, stage);
            let mut read = 0u64;
            let mut clean = pkg.error_total() == 0;
            if let Some(mut rows) = pkg.kinerja() {
                while let Some(k) = rows.next() {
                    read += 1;
                    clean = clean && rows_clean(&rows);
                    if clean {
                        let row = vec![
                            V::I(Some(program_id)),
                            t(k.nip.as_str()),
                            t(&k.tanggal.to_string()),
                            t(k.penilai.code()),
                            t(&k.aspek),
                            V::I(Some(i64::from(k.skor.value()))),
                        ];
                        b.push(&mut tx, row).await?;
                    }
                }
            }
            if pkg.error_total() == 0 {
                b.flush(&mut tx).await?;
            }
            counts.push(TableCount {
                table: "kinerja",
                rows: read,
            });
        }
        if let Some(rows) = pkg.reaksi_item() {
            if pkg.error_total() == 0 {
                for i in &rows {
                    sqlx::query("INSERT INTO reaksi_item (program_id, kode, nama, aspek) VALUES ($1, $2, $3, $4)")
                        .bind(program_id)
                        .bind(&i.kode)
                        .bind(&i.nama)
                        .bind(i.aspek.code())
                        .execute(&mut *tx)
                        .await?;
                }
            }
            counts.push(TableCount {
                table: "reaksi_item",
                rows: rows.len() as u64,
            });
        }
        const REAKSI: &[&str] = &[
            "program_id",
            "responden",
            "nip",
            "pelatihan",
            "tanggal",
            "item",
            "skor",
        ];
        if pkg.has("reaksi") {
            let mut b = Batcher::new("reaksi", REAKSI, self, stage);
            let mut read = 0u64;
            let mut clean = pkg.error_total() == 0;
            if let Some(mut rows) = pkg.reaksi() {
                while let Some(r) = rows.next() {
                    read += 1;
                    clean = clean && rows_clean(&rows);
                    if clean {
                        for (item, skor) in &r.skor {
                            let row = vec![
                                V::I(Some(program_id)),
                                V::I(Some(read as i64)),
                                t(r.nip.as_str()),
                                t(&r.pelatihan),
                                V::T(r.tanggal.map(|d| d.to_string())),
                                t(item),
                                V::I(Some(i64::from(skor.value()))),
                            ];
                            b.push(&mut tx, row).await?;
                        }
                    }
                }
            }
            if pkg.error_total() == 0 {
                b.flush(&mut tx).await?;
            }
            counts.push(TableCount {
                table: "reaksi",
                rows: read,
            });
        }

        // Qualitative evidence: interviews, the codebook, coded segments.
        if pkg.has("wawancara") {
            if let Some(rows) = pkg.wawancara() {
                if pkg.error_total() == 0 {
                    for w in &rows {
                        sqlx::query(
                            "INSERT INTO wawancara (program_id, kode, tanggal, pewawancara, kelompok, instansi, persetujuan, transkrip)
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        )
                        .bind(program_id)
                        .bind(&w.kode)
                        .bind(w.tanggal.to_string())
                        .bind(&w.pewawancara)
                        .bind(w.kelompok.code())
                        .bind(&w.instansi)
                        .bind(i64::from(w.persetujuan))
                        .bind(&w.transkrip)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                counts.push(TableCount {
                    table: "wawancara",
                    rows: rows.len() as u64,
                });
            }
        } else {
            let rows: Vec<(String, String)> =
                sqlx::query_as("SELECT kode, transkrip FROM wawancara WHERE program_id = $1")
                    .bind(program_id)
                    .fetch_all(&mut *tx)
                    .await?;
            pkg.known.transkrip = rows.into_iter().collect();
        }
        if pkg.has("buku_kode") {
            if let Some(rows) = pkg.buku_kode() {
                if pkg.error_total() == 0 {
                    for k in &rows {
                        sqlx::query(
                            "INSERT INTO buku_kode (program_id, kode, nama, definisi) VALUES ($1, $2, $3, $4)",
                        )
                        .bind(program_id)
                        .bind(&k.kode)
                        .bind(&k.nama)
                        .bind(&k.definisi)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                counts.push(TableCount {
                    table: "buku_kode",
                    rows: rows.len() as u64,
                });
            }
        } else {
            let rows: Vec<(String,)> =
                sqlx::query_as("SELECT kode FROM buku_kode WHERE program_id = $1")
                    .bind(program_id)
                    .fetch_all(&mut *tx)
                    .await?;
            pkg.known.kode = if rows.is_empty() {
                monev_domain::KODE_BAKU
                    .iter()
                    .map(|(k, _, _)| k.to_string())
                    .collect()
            } else {
                rows.into_iter().map(|r| r.0).collect()
            };
        }
        if pkg.has("dokumen") {
            if let Some(rows) = pkg.dokumen() {
                if pkg.error_total() == 0 {
                    for d in &rows {
                        sqlx::query(
                            "INSERT INTO dokumen (program_id, kode, judul, jenis, berkas, halaman, halaman_tanpa_teks, teks)
                             VALUES ($1, $2, $3, $4, 'dokumen.csv', 1, '', $5)",
                        )
                        .bind(program_id)
                        .bind(&d.kode)
                        .bind(&d.judul)
                        .bind(&d.jenis)
                        .bind(&d.teks)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                counts.push(TableCount {
                    table: "dokumen",
                    rows: rows.len() as u64,
                });
            }
        } else {
            let rows: Vec<(String, String)> =
                sqlx::query_as("SELECT kode, teks FROM dokumen WHERE program_id = $1")
                    .bind(program_id)
                    .fetch_all(&mut *tx)
                    .await?;
            pkg.known.teks_dokumen = rows.into_iter().collect();
        }
        if let Some(rows) = pkg.kutipan_kode() {
            if pkg.error_total() == 0 {
                for k in &rows {
                    sqlx::query(
                        "INSERT INTO kutipan_kode (program_id, wawancara, dokumen, mulai, selesai, kode, pengkode, memo)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(program_id)
                    .bind(k.sumber.wawancara().map(str::to_string))
                    .bind(k.sumber.dokumen().map(str::to_string))
                    .bind(k.mulai as i64)
                    .bind(k.selesai as i64)
                    .bind(&k.kode)
                    .bind(&k.pengkode)
                    .bind(k.memo.clone())
                    .execute(&mut *tx)
                    .await?;
                }
            }
            counts.push(TableCount {
                table: "kutipan_kode",
                rows: rows.len() as u64,
            });
        }

        // 6. Dimension rows the package no longer lists.
        if pkg.error_total() == 0 {
            for (table, key, referrers) in [
                ("asn", "nip", "peserta, kinerja, reaksi"),
                ("pelatihan", "kode", "peserta, reaksi"),
                ("instansi", "kode", "asn, skm, layanan"),
            ] {
                if !pkg.has(table) {
                    continue;
                }
                // An operator's roster replaces only their own instansi's rows.
                let only = if opts.scope.is_some() {
                    " AND instansi = $3"
                } else {
                    ""
                };
                let sql =
                    format!("DELETE FROM {table} WHERE program_id = $1 AND import_seq <> $2{only}");
                let mut q = sqlx::query(AssertSqlSafe(sql)).bind(program_id).bind(seq);
                if let Some(scope) = &opts.scope {
                    q = q.bind(scope);
                }
                if let Err(e) = q.execute(&mut *tx).await {
                    let mut q = sqlx::query_as(AssertSqlSafe(format!(
                        "SELECT {key} FROM {table} WHERE program_id = $1 AND import_seq <> $2{only} LIMIT 5"
                    )))
                    .bind(program_id)
                    .bind(seq);
                    if let Some(scope) = &opts.scope {
                        q = q.bind(scope);
                    }
                    let stale: Vec<(String,)> = q.fetch_all(&mut *tx).await.unwrap_or_default();
                    let list: Vec<String> = stale.into_iter().map(|s| s.0).collect();
                    pkg.push_error(RowError::file(
                        &format!("{table}.csv"),
                        format!(
                            "baris lama tidak ada lagi di paket ({}) tetapi masih dirujuk oleh {referrers} yang disimpan; \
                             sertakan tabel itu juga (rows dropped from the roster are still referenced): {e}",
                            list.join(", ")
                        ),
                    ));
                }
            }
        }

        if pkg.error_total() > 0 {
            tx.rollback().await?;
            return Err(pkg.into_errors().into());
        }
        let ringkasan: Vec<String> = counts
            .iter()
            .map(|c| format!("{}={}", c.table, c.rows))
            .collect();
        sqlx::query(
            "INSERT INTO import_log (program_id, seq, sumber, ringkasan, waktu) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)",
        )
        .bind(program_id)
        .bind(seq)
        .bind(&display)
        .bind(ringkasan.join(" "))
        .execute(&mut *tx)
        .await?;
        if opts.dry_run {
            tx.rollback().await?;
        } else {
            tx.commit().await?;
            if self.dialect == crate::Dialect::Postgres {
                // Fresh statistics after a bulk load, so the planner walks the
                // programme indexes instead of guessing from empty tables
                // (autovacuum would get there, minutes later).
                sqlx::query("ANALYZE skm, layanan, asn, peserta, kinerja")
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(ImportSummary {
            program: kode,
            created,
            tables: counts,
            notes: pkg.notes().to_vec(),
        })
    }

    /// What [`Store::import`] and [`Store::check_package`] both do first:
    /// refuse programme-wide tables in an operator's package, and name the
    /// stored programme a package without `program.csv` updates (None when
    /// the package has its own).
    async fn preamble(
        &self,
        pkg: &mut Package,
        display: &str,
        opts: &ImportOptions<'_>,
    ) -> Result<Option<String>> {
        if let Some(scope) = &opts.scope {
            let wide: Vec<&str> = monev_ingest::TABLES
                .iter()
                .copied()
                .filter(|t| pkg.has(t) && !SCOPED_TABLES.contains(t))
                .collect();
            if !wide.is_empty() {
                for t in wide {
                    pkg.push_error(RowError::forbidden_file(
                        &format!("{t}.csv"),
                        format!(
                            "tabel tingkat program; impor untuk satu instansi ({scope}) hanya menerima {} \
                             (a programme-wide table: an import for one instansi accepts only {})",
                            SCOPED_TABLES.join(", "),
                            SCOPED_TABLES.join(", ")
                        ),
                    ));
                }
                // The caller returns the package's errors.
                return Ok(None);
            }
        }
        // Resolved before the transaction takes the connection.
        Ok(if pkg.has("program") {
            None
        } else {
            Some(self.resolve_program(opts.program.as_deref()).await.map_err(|e| match e {
                StoreError::Empty => StoreError::Invalid(format!(
                    "{display}: paket tanpa program.csv dan basis data belum berisi program (no program.csv and no programme in the store)"
                )),
                other => other,
            })?)
        })
    }

    /// Checks a package as [`Store::import`] would, without writing and
    /// without the write lock: every table is parsed and every row checked
    /// against the keys the store holds now (read, not locked), so a large or
    /// broken upload checked in the browser never stalls sign-ins and public
    /// forms. What only writing can find (a roster row dropped that stored
    /// answers still name) the import itself finds, and then writes nothing.
    pub async fn check_package(
        &self,
        path: &Path,
        opts: ImportOptions<'_>,
    ) -> Result<ImportSummary> {
        let mut pkg = Package::open(path)?;
        let display = path.display().to_string();
        let existing_program = self.preamble(&mut pkg, &display, &opts).await?;
        if pkg.error_total() > 0 {
            return Err(pkg.into_errors().into());
        }
        let (kode, program_id) = match existing_program {
            Some(kode) => {
                let id = self.program_id_of(&kode).await?;
                (kode, id)
            }
            None => {
                let Some(p) = pkg.program() else {
                    return Err(pkg.into_errors().into());
                };
                if let Some(want) = &opts.program
                    && want != &p.kode
                {
                    return Err(StoreError::Invalid(format!(
                        "paket ini untuk program '{}', bukan '{}' (the package is for another programme)",
                        p.kode, want
                    )));
                }
                let id = self.program_id_of(&p.kode).await?;
                (p.kode, id)
            }
        };
        let read = |sql: &'static str| async move {
            let Some(id) = program_id else {
                return Ok::<_, StoreError>(Vec::new());
            };
            Ok(sqlx::query_as::<_, (String, String)>(sql)
                .bind(id)
                .fetch_all(&self.pool)
                .await?)
        };
        // The keys rows may refer to, from the store where the package omits the table.
        if let Some(scope) = &opts.scope {
            let nips = read("SELECT nip, instansi FROM asn WHERE program_id = $1").await?;
            let units = read("SELECT kode, nama FROM instansi WHERE program_id = $1").await?;
            if !units.iter().any(|(k, _)| k == scope) {
                return Err(StoreError::Invalid(format!(
                    "instansi '{scope}' tidak ada dalam program '{kode}' (no such instansi in the programme)"
                )));
            }
            pkg.known.scope = Some(scope.clone());
            pkg.known.instansi = std::iter::once(scope.clone()).collect();
            for (nip, instansi) in nips {
                if &instansi == scope {
                    if !pkg.has("asn") {
                        pkg.known.nip.insert(nip);
                    }
                } else {
                    pkg.known.foreign_nip.insert(nip);
                }
            }
        }
        let firsts = |rows: Vec<(String, String)>| rows.into_iter().map(|r| r.0).collect();
        if !pkg.has("instansi") && opts.scope.is_none() {
            pkg.known.instansi =
                firsts(read("SELECT kode, nama FROM instansi WHERE program_id = $1").await?);
        }
        if !pkg.has("asn") && opts.scope.is_none() {
            pkg.known.nip = firsts(read("SELECT nip, nama FROM asn WHERE program_id = $1").await?);
        }
        if !pkg.has("pelatihan") {
            pkg.known.pelatihan =
                firsts(read("SELECT kode, nama FROM pelatihan WHERE program_id = $1").await?);
        }
        pkg.known.wilayah = {
            let mut conn = self.pool.acquire().await?;
            known_regions(&mut conn).await?
        };
        // Every table, in the import's order (later tables refer to earlier ones).
        let mut counts = Vec::new();
        let mut count = |table: &'static str, rows: usize| {
            counts.push(TableCount {
                table,
                rows: rows as u64,
            })
        };
        if let Some(rows) = pkg.wilayah() {
            count("wilayah", rows.len());
        }
        if let Some(rows) = pkg.instansi() {
            count("instansi", rows.len());
        }
        if let Some(rows) = pkg.asn() {
            count("asn", rows.len());
        }
        if let Some(rows) = pkg.pelatihan() {
            count("pelatihan", rows.len());
        }
        if let Some(rows) = pkg.peserta() {
            count("peserta", rows.count());
        }
        if let Some(rows) = pkg.skm() {
            count("skm", rows.count());
        }
        if let Some(rows) = pkg.layanan() {
            count("layanan", rows.count());
        }
        if let Some(rows) = pkg.anggaran() {
            count("anggaran", rows.len());
        }
        if let Some(rows) = pkg.indikator() {
            count("indikator", rows.len());
        }
        if let Some(rows) = pkg.indikator_periode() {
            count("indikator_periode", rows.len());
        }
        if let Some(rows) = pkg.anggaran_periode() {
            count("anggaran_periode", rows.len());
        }
        if let Some(rows) = pkg.kinerja() {
            count("kinerja", rows.count());
        }
        if let Some(rows) = pkg.reaksi_item() {
            count("reaksi_item", rows.len());
        }
        if let Some(rows) = pkg.reaksi() {
            count("reaksi", rows.count());
        }
        if pkg.has("wawancara") {
            if let Some(rows) = pkg.wawancara() {
                count("wawancara", rows.len());
            }
        } else {
            pkg.known.transkrip =
                read("SELECT kode, transkrip FROM wawancara WHERE program_id = $1")
                    .await?
                    .into_iter()
                    .collect();
        }
        if pkg.has("buku_kode") {
            if let Some(rows) = pkg.buku_kode() {
                count("buku_kode", rows.len());
            }
        } else {
            let held =
                firsts(read("SELECT kode, nama FROM buku_kode WHERE program_id = $1").await?);
            pkg.known.kode = if held.is_empty() {
                monev_domain::KODE_BAKU
                    .iter()
                    .map(|(k, _, _)| k.to_string())
                    .collect()
            } else {
                held
            };
        }
        if pkg.has("dokumen") {
            if let Some(rows) = pkg.dokumen() {
                count("dokumen", rows.len());
            }
        } else {
            pkg.known.teks_dokumen = read("SELECT kode, teks FROM dokumen WHERE program_id = $1")
                .await?
                .into_iter()
                .collect();
        }
        if let Some(rows) = pkg.kutipan_kode() {
            count("kutipan_kode", rows.len());
        }
        if pkg.error_total() > 0 {
            return Err(pkg.into_errors().into());
        }
        Ok(ImportSummary {
            program: kode,
            created: program_id.is_none(),
            tables: counts,
            notes: pkg.notes().to_vec(),
        })
    }

    async fn program_id_of(&self, kode: &str) -> Result<Option<i64>> {
        let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
            .bind(kode)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.0))
    }
}

/// True while the stream has met no error (checked per row, cheaply).
fn rows_clean<T>(rows: &monev_ingest::Rows<'_, T>) -> bool {
    rows.error_total() == 0
}

/// Deletes a per-period table's rows of each period in `periods` (`sql`
/// binds the programme and one period), before a package's rows of those
/// periods go in.
async fn clear_periods(
    tx: &mut Transaction<'static, Any>,
    sql: &'static str,
    program_id: i64,
    periods: impl Iterator<Item = monev_domain::Periode>,
) -> Result<()> {
    let periods: std::collections::BTreeSet<monev_domain::Periode> = periods.collect();
    for p in periods {
        sqlx::query(sql)
            .bind(program_id)
            .bind(p.to_string())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Every region the store holds, with its level.
async fn known_regions(
    conn: &mut sqlx::AnyConnection,
) -> Result<std::collections::HashMap<String, monev_domain::Tingkat>> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT kode, tingkat FROM wilayah")
        .fetch_all(&mut *conn)
        .await?;
    rows.into_iter()
        .map(|(k, t)| {
            let t = monev_domain::Tingkat::parse(&t).map_err(|e| {
                StoreError::Invalid(format!(
                    "data tersimpan rusak di wilayah (stored data is corrupt): {e}"
                ))
            })?;
            Ok((k, t))
        })
        .collect()
}

async fn keys(
    tx: &mut Transaction<'static, Any>,
    sql: &'static str,
    program_id: i64,
) -> Result<monev_ingest::KeySet> {
    let rows: Vec<(String,)> = sqlx::query_as(sql)
        .bind(program_id)
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}
