//! The bulk path of an import (multi-row INSERTs on SQLite, COPY through
//! staging tables on PostgreSQL): text with tabs, line breaks and
//! backslashes arrives exactly; an error late in a large table writes
//! nothing; no staging table outlives its import. Runs on the backend
//! `MONEV_TEST_POSTGRES` chooses (scripts/test.sh runs both).

use std::path::{Path, PathBuf};

use monev_store::testing::TestDb;
use monev_store::{ImportOptions, Store};

fn reference() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/paket-koma")
}

/// The reference package with its SKM table rewritten by `edit`.
fn package(dir: &Path, edit: impl Fn(usize, &str) -> String) -> PathBuf {
    let pkg = dir.join("paket");
    std::fs::create_dir_all(&pkg).unwrap();
    for e in std::fs::read_dir(reference()).unwrap() {
        let e = e.unwrap();
        let text = std::fs::read_to_string(e.path()).unwrap();
        let text = if e.file_name() == "skm.csv" {
            text.lines()
                .enumerate()
                .map(|(i, l)| edit(i, l))
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        } else {
            text
        };
        std::fs::write(pkg.join(e.file_name()), text).unwrap();
    }
    pkg
}

async fn staging_tables(db: &TestDb) -> i64 {
    if !db.is_postgres() {
        return 0;
    }
    use sqlx::Connection;
    let mut c = sqlx::AnyConnection::connect(db.url()).await.unwrap();
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM pg_tables WHERE tablename LIKE 'monev_stage_%'")
            .fetch_one(&mut c)
            .await
            .unwrap();
    n
}

#[tokio::test]
async fn bulk_rows_arrive_exactly_or_not_at_all() {
    let db = TestDb::new().await;
    let store = Store::open(db.url()).await.unwrap();
    let tricky = "Guru\tles \\ privat\r\nmalam";
    let dir = db.dir();
    let good = package(&dir.join("a"), |i, l| {
        if i == 1 {
            // pekerjaan (column 15) with a tab, a backslash and a line break.
            let mut cells: Vec<String> = l.split(',').map(str::to_string).collect();
            cells[14] = format!("\"{tricky}\"");
            cells.join(",")
        } else {
            l.to_string()
        }
    });
    let summary = store.import(&good, ImportOptions::default()).await.unwrap();
    let skm_rows = summary
        .tables
        .iter()
        .find(|t| t.table == "skm")
        .unwrap()
        .rows;
    let data = store.load_program(&summary.program).await.unwrap();
    assert_eq!(data.skm.len() as u64, skm_rows);
    assert!(
        data.skm
            .iter()
            .any(|r| r.pekerjaan.as_deref() == Some(tricky)),
        "the tricky text arrives exactly"
    );
    assert_eq!(staging_tables(&db).await, 0);

    // An error in the last SKM row: the whole import is refused, the
    // earlier rows (already streamed) are not kept.
    let last = std::fs::read_to_string(reference().join("skm.csv"))
        .unwrap()
        .lines()
        .count()
        - 1;
    let bad = package(&dir.join("b"), |i, l| {
        if i == last {
            l.replacen(",3,", ",9,", 1)
        } else if i > 0 {
            // Different rows, so a partial write would show.
            l.replacen(",P,", ",L,", 1)
        } else {
            l.to_string()
        }
    });
    let err = store.import(&bad, ImportOptions::default()).await;
    assert!(err.is_err());
    let after = store.load_program(&summary.program).await.unwrap();
    assert_eq!(after.skm, data.skm, "nothing of the refused import stays");
    assert_eq!(staging_tables(&db).await, 0);
}

/// A connection of its own to the test database.
async fn connect(db: &TestDb) -> sqlx::AnyConnection {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let url = if db.is_postgres() {
        db.url().to_string()
    } else {
        format!("sqlite://{}", db.url())
    };
    sqlx::AnyConnection::connect(&url).await.unwrap()
}

/// The indexes and keys of the two large tables, as the catalogue holds them
/// (a primary key is an index and a constraint of one name: ordered by both).
async fn large_table_schema(db: &TestDb) -> Vec<(String, String)> {
    let mut c = connect(db).await;
    let sql = if db.is_postgres() {
        "SELECT indexname::text, indexdef FROM pg_indexes \
         WHERE tablename IN ('skm', 'layanan') \
         UNION ALL \
         SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint \
         WHERE conrelid::regclass::text IN ('skm', 'layanan') \
         ORDER BY 1, 2"
    } else {
        "SELECT name, sql FROM sqlite_master \
         WHERE tbl_name IN ('skm', 'layanan') AND sql IS NOT NULL ORDER BY 1, 2"
    };
    sqlx::query_as(sql).fetch_all(&mut c).await.unwrap()
}

#[tokio::test]
async fn a_bulk_load_into_empty_tables_keeps_every_index_and_key() {
    let db = TestDb::new().await;
    let store = Store::open(db.url()).await.unwrap();
    let before = large_table_schema(&db).await;
    assert!(
        before.iter().any(|(n, _)| n == "layanan_belum_selesai"),
        "{before:?}"
    );
    // Into empty tables (PostgreSQL drops the indexes and foreign keys and
    // builds them again), then again over the programme's own rows.
    let pkg = package(&db.dir(), |_, l| l.to_string());
    for _ in 0..2 {
        let summary = store.import(&pkg, ImportOptions::default()).await.unwrap();
        assert_eq!(large_table_schema(&db).await, before);
        let plans = store.aggregate_plans(&summary.program).await.unwrap();
        assert_eq!(plans.len(), 5);
    }
    // The foreign key holds again: a ticket of an instansi nobody registered
    // is refused by the database itself.
    let mut c = connect(&db).await;
    if !db.is_postgres() {
        sqlx::query("PRAGMA foreign_keys = ON")
            .execute(&mut c)
            .await
            .unwrap();
    }
    let orphan = sqlx::query(
        "INSERT INTO layanan (program_id, instansi, jenis_layanan, waktu_datang, waktu_dipanggil) \
         SELECT id, 'TIDAK-ADA', 'x', 0, 1 FROM program",
    )
    .execute(&mut c)
    .await;
    assert!(orphan.is_err(), "the foreign key is back");
    assert_eq!(staging_tables(&db).await, 0);
}
