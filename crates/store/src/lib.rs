//! The store: the only crate that knows SQL.
//!
//! It opens the database (SQLite by default: a file, WAL, foreign keys on),
//! runs the versioned migrations, imports a package in one transaction, and
//! loads a programme's data for the evaluation. SQL is kept portable (integer,
//! real and text columns; `$n` placeholders; `ON CONFLICT`) and goes through
//! sqlx's `Any` driver, so PostgreSQL can join with its own migration folder
//! and no second code path.

mod accounts;
mod aggregate;
pub mod backup;
mod import;
mod instruments;
mod kualitatif;
mod load;
mod migrate;
mod perangkat;
mod persetujuan;
mod publikasi;
mod report;
pub mod retention;
mod shared;
pub use shared::UPLOAD_PART_BYTES;
pub mod subject;
mod survey;
pub mod testing;
mod tinjauan;
mod tokens;

use std::path::Path;
use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub use accounts::{ApiToken, AuditCheck, AuditRow, PesertaRow, Role, User};
pub use aggregate::{LayananCell, SkmCell};
pub use import::{ImportOptions, ImportSummary, SCOPED_TABLES, TableCount};
pub use instruments::{HeldInstrument, NewDocument};
pub use kualitatif::{
    Acceptance, CodingSource, HeldSegment, QualitativeAdded, QualitativeAddition, SuggestionAnswer,
};
pub use perangkat::NonceUse;
pub use persetujuan::{Ajuan, Pelaku};
pub use publikasi::Terbit;
pub use survey::{AddedSubmissions, FormLink, SkmExportRow, SkmSubmission};
pub use tinjauan::{
    BarisTinjauan, DaftarTinjauan, JenisKiriman, MAX_PAGE, SaringanTinjauan, Tinjau,
};
pub use tokens::{NewToken, SurveyTarget, SurveyToken, TokenAnswers, TokenOutcome};

/// What went wrong in the store, with the context a user needs.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("basis data {url}: {source}")]
    Open { url: String, source: sqlx::Error },
    #[error("migrasi skema {version} gagal (schema migration failed): {source}")]
    Migrate { version: i64, source: sqlx::Error },
    #[error("basis data (database): {0}")]
    Sql(#[from] sqlx::Error),
    #[error(transparent)]
    Package(#[from] monev_ingest::PackageError),
    #[error("program '{0}' tidak ada di basis data (no such programme)")]
    NoSuchProgram(String),
    #[error(
        "basis data belum berisi program; jalankan `monev import PAKET` dulu (the store holds no programme yet)"
    )]
    Empty,
    #[error(
        "basis data berisi beberapa program ({0}); pilih satu dengan --program KODE (several programmes: choose one)"
    )]
    Ambiguous(String),
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A handle on the database.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    dialect: Dialect,
    /// PostgreSQL only: a native connection pool for `COPY`, which sqlx's
    /// `Any` driver cannot do. Imports stream the large tables through it
    /// into staging tables; the import's own transaction moves them in.
    copy: Option<sqlx::PgPool>,
    /// This process's writers take turns here (see `begin_write`).
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// The queue of public form answers to the group-commit writer,
    /// started with the first answer (`add_skm_submission`).
    submissions:
        std::sync::Arc<std::sync::OnceLock<tokio::sync::mpsc::Sender<survey::SubmissionJob>>>,
}

/// An optional double to bind. sqlx 0.9's `Any` sends a missing `f64` to
/// PostgreSQL as a `float4` NULL (`AnyArguments::convert_into` swaps Real
/// and Double for NULLs), and a statement prepared with that type then
/// refuses the next row's 8-byte value ("incorrect binary data format").
/// This sends the NULL as `float8`; SQLite does not mind either way.
pub(crate) struct OptF64(pub Option<f64>);

impl sqlx::Type<sqlx::Any> for OptF64 {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        <f64 as sqlx::Type<sqlx::Any>>::type_info()
    }
}

impl sqlx::Encode<'_, sqlx::Any> for OptF64 {
    fn encode_by_ref(
        &self,
        buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer,
    ) -> std::result::Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        match self.0 {
            Some(v) => <f64 as sqlx::Encode<sqlx::Any>>::encode_by_ref(&v, buf),
            // An f32 NULL is what reaches PostgreSQL as a float8 NULL.
            None => <Option<f32> as sqlx::Encode<sqlx::Any>>::encode_by_ref(&None, buf),
        }
    }
}

/// A write transaction holding this process's writer turn (SQLite) until
/// it commits, rolls back or drops. Derefs to the connection, as
/// `sqlx::Transaction` does.
pub(crate) struct WriteTx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub(crate) async fn commit(self) -> Result<()> {
        Ok(self.tx.commit().await?)
    }

    pub(crate) async fn rollback(self) -> Result<()> {
        Ok(self.tx.rollback().await?)
    }
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &sqlx::AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }
}

/// The SQL dialect differences, kept in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    fn of(url: &str) -> Dialect {
        if url.starts_with("postgres") {
            Dialect::Postgres
        } else {
            Dialect::Sqlite
        }
    }

    /// The n-th (1-based) bind placeholder of a generated statement. SQLite
    /// gets anonymous `?`: sqlx resolves `$n` names through
    /// `sqlite3_bind_parameter_name`, a linear scan per parameter, which made
    /// a 1 500-parameter batch insert quadratic (58% of an import's time).
    pub(crate) fn placeholder(self, n: usize) -> String {
        match self {
            Dialect::Sqlite => "?".to_string(),
            Dialect::Postgres => format!("${n}"),
        }
    }
}

impl Store {
    /// Opens (creating if needed) the database named by `target`: a file path
    /// for SQLite, or a `sqlite:` URL. Runs pending migrations.
    pub async fn open(target: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let url = if target.contains("://") || target.starts_with("sqlite:") {
            target.to_string()
        } else {
            if let Some(parent) = Path::new(target).parent()
                && !parent.as_os_str().is_empty()
            {
                std::fs::create_dir_all(parent).ok();
            }
            format!("sqlite://{target}?mode=rwc")
        };
        let err = |source| StoreError::Open {
            url: url.clone(),
            source,
        };
        let options = AnyConnectOptions::from_str(&url).map_err(err)?;
        // An in-memory SQLite database lives in one connection; a file in WAL
        // mode takes one writer and readers beside it.
        let in_memory = url.contains(":memory:");
        let pool = AnyPoolOptions::new()
            .max_connections(if in_memory { 1 } else { 8 })
            .after_connect(|conn, _| {
                Box::pin(async move {
                    if conn.backend_name().eq_ignore_ascii_case("sqlite") {
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        // FULL: the log is synced at every commit, so an
                        // acknowledged answer survives a power cut too (a
                        // kecamatan laptop on PLN), not only a killed
                        // process; group commit keeps that to one sync per
                        // batch of public submissions (BENCHMARKS.md).
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(err)?;
        let dialect = Dialect::of(&url);
        let copy = match dialect {
            Dialect::Postgres => Some(
                sqlx::postgres::PgPoolOptions::new()
                    .max_connections(2)
                    .connect_lazy(&url)
                    .map_err(err)?,
            ),
            Dialect::Sqlite => None,
        };
        let store = Store {
            pool,
            dialect,
            copy,
            writer: Default::default(),
            submissions: Default::default(),
        };
        migrate::run(&store.pool, store.dialect).await?;
        Ok(store)
    }

    /// A transaction that will write. On SQLite it takes the write lock at
    /// `BEGIN IMMEDIATE`: a deferred transaction that reads first and then
    /// writes fails at once with SQLITE_BUSY when another writer committed
    /// in between (the busy timeout cannot help a stale snapshot), which a
    /// burst of form submissions hits within seconds. PostgreSQL's default
    /// transaction is fine.
    ///
    /// Writers of this process also queue on one in-process lock first, so
    /// they wait their turn in order instead of in SQLite's busy handler
    /// (which sleeps and retries: at 16 concurrent form submissions its
    /// sleeps were the 99th percentile).
    pub(crate) async fn begin_write(&self) -> Result<WriteTx> {
        let (turn, tx) = self.begin_write_parts().await?;
        Ok(WriteTx { tx, _turn: turn })
    }

    /// [`Store::begin_write`] as its two parts, for code that passes the
    /// transaction itself around (the import); keep the turn until commit.
    pub(crate) async fn begin_write_parts(
        &self,
    ) -> Result<(
        Option<tokio::sync::OwnedMutexGuard<()>>,
        sqlx::Transaction<'static, sqlx::Any>,
    )> {
        Ok(match self.dialect {
            Dialect::Sqlite => {
                let turn = self.writer.clone().lock_owned().await;
                (Some(turn), self.pool.begin_with("BEGIN IMMEDIATE").await?)
            }
            Dialect::Postgres => (None, self.pool.begin().await?),
        })
    }

    /// An in-memory SQLite store (tests, `evaluate --data`).
    pub async fn in_memory() -> Result<Store> {
        Store::open("sqlite::memory:").await
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Codes of the programmes held, sorted.
    pub async fn program_codes(&self) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as("SELECT kode FROM program ORDER BY kode")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Picks the programme: the one named, or the only one held.
    pub async fn resolve_program(&self, kode: Option<&str>) -> Result<String> {
        let codes = self.program_codes().await?;
        match kode {
            Some(k) if codes.iter().any(|c| c == k) => Ok(k.to_string()),
            Some(k) => Err(StoreError::NoSuchProgram(k.to_string())),
            None => match codes.as_slice() {
                [] => Err(StoreError::Empty),
                [one] => Ok(one.clone()),
                many => Err(StoreError::Ambiguous(many.join(", "))),
            },
        }
    }

    pub async fn close(self) {
        self.pool.close().await;
    }
}
