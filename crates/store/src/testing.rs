//! A fresh database per test, on either backend. Without configuration it
//! is a SQLite file in its own temporary folder; when `MONEV_TEST_POSTGRES`
//! names a PostgreSQL server (`postgres://user:password@127.0.0.1:5432`) it
//! is a database created on that server for this test alone. Either is
//! removed when the handle is dropped, so `.ci/run` can run the same tests
//! once per backend.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::{Connection, Executor};

/// The variable naming the PostgreSQL server tests should use.
pub const POSTGRES_VAR: &str = "MONEV_TEST_POSTGRES";

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A database that exists while this value lives.
pub struct TestDb {
    url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    Postgres { server: String, name: String },
}

fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos % 1_000_000_000
    )
}

impl TestDb {
    /// A new, empty database (no schema yet: [`crate::Store::open`] migrates).
    pub async fn new() -> TestDb {
        match std::env::var(POSTGRES_VAR) {
            Ok(server) if !server.trim().is_empty() => {
                let server = server.trim().trim_end_matches('/').to_string();
                let name = format!("monev_test_{}", unique());
                sqlx::any::install_default_drivers();
                let mut admin = sqlx::AnyConnection::connect(&format!("{server}/postgres"))
                    .await
                    .unwrap_or_else(|e| panic!("{POSTGRES_VAR}={server}: {e}"));
                admin
                    .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .await
                    .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
                let _ = admin.close().await;
                TestDb {
                    url: format!("{server}/{name}"),
                    cleanup: Cleanup::Postgres { server, name },
                }
            }
            _ => {
                let dir = std::env::temp_dir().join(format!("monev-test-{}", unique()));
                std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
                TestDb {
                    url: dir.join("m.db").display().to_string(),
                    cleanup: Cleanup::Dir(dir),
                }
            }
        }
    }

    /// [`TestDb::new`] for a test without a runtime (one that runs the CLI).
    pub fn blocking() -> TestDb {
        std::thread::spawn(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime")
                .block_on(TestDb::new())
        })
        .join()
        .expect("a test database")
    }

    /// The store opened on this database with the repository's reference
    /// package (`crates/cli/tests/fixtures/paket-koma`) imported, and the
    /// programme's code.
    pub async fn with_reference_package(&self) -> (crate::Store, String) {
        let store = crate::Store::open(&self.url)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", self.url));
        let pkg = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../cli/tests/fixtures/paket-koma");
        let kode = store
            .import(&pkg, crate::ImportOptions::default())
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", pkg.display()))
            .program;
        (store, kode)
    }

    /// What [`crate::Store::open`] and `monev --db` take.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.cleanup, Cleanup::Postgres { .. })
    }

    /// A folder for the test's other files (beside the SQLite database, or
    /// a new temporary one).
    pub fn dir(&self) -> PathBuf {
        match &self.cleanup {
            Cleanup::Dir(d) => d.clone(),
            Cleanup::Postgres { name, .. } => {
                let d = std::env::temp_dir().join(name);
                std::fs::create_dir_all(&d).ok();
                d
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(d) => {
                let _ = std::fs::remove_dir_all(d);
            }
            Cleanup::Postgres { server, name } => {
                let _ = std::fs::remove_dir_all(std::env::temp_dir().join(name));
                let (server, name) = (server.clone(), name.clone());
                // Drop may run inside a test's runtime: drop the database from
                // a thread of its own. FORCE ends connections still open (a
                // server a test left running).
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    if let Ok(rt) = rt {
                        rt.block_on(async {
                            if let Ok(mut admin) =
                                sqlx::AnyConnection::connect(&format!("{server}/postgres")).await
                            {
                                let _ = admin
                                    .execute(sqlx::AssertSqlSafe(format!(
                                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                    )))
                                    .await;
                                let _ = admin.close().await;
                            }
                        });
                    }
                })
                .join();
            }
        }
    }
}
