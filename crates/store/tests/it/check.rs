//! Checking an upload (`Store::check_package`) says what the import would
//! say — the same tables and counts, the same located errors — without
//! writing and without the write lock: it runs to the end while another
//! connection holds the database's write lock (issue 17: a 17 s check of a
//! bad package made every sign-in fail and public forms stall).

use std::path::{Path, PathBuf};
use std::time::Duration;

use monev_ingest::PackageError;
use monev_store::testing::TestDb;
use monev_store::{ImportOptions, Store, StoreError};

fn reference() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/paket-koma")
}

/// A copy of the reference package with `edit(file, text) -> text` applied.
fn package(dir: &Path, edit: impl Fn(&str, String) -> String) -> PathBuf {
    let out = dir.join("paket");
    std::fs::create_dir_all(&out).unwrap();
    for e in std::fs::read_dir(reference()).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().to_string();
        let text = std::fs::read_to_string(e.path()).unwrap();
        std::fs::write(out.join(&name), edit(&name, text)).unwrap();
    }
    out
}

fn dry() -> ImportOptions<'static> {
    ImportOptions {
        dry_run: true,
        ..ImportOptions::default()
    }
}

/// The outcome, comparable: counts per table, or the error lines.
fn outcome(
    r: Result<monev_store::ImportSummary, StoreError>,
) -> Result<Vec<(String, u64)>, Vec<String>> {
    match r {
        Ok(s) => Ok(s
            .tables
            .iter()
            .map(|t| (t.table.to_string(), t.rows))
            .collect()),
        Err(StoreError::Package(PackageError::Invalid { errors, total })) => {
            let mut lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            lines.push(format!("total {total}"));
            Err(lines)
        }
        Err(e) => Err(vec![e.to_string()]),
    }
}

#[tokio::test]
async fn a_check_says_what_the_import_would_say() {
    let db = TestDb::new().await;
    let store = Store::open(db.url()).await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    // A new programme: every table counted as the dry run counts it.
    let good = reference();
    let checked = outcome(store.check_package(&good, ImportOptions::default()).await);
    assert_eq!(checked, outcome(store.import(&good, dry()).await));
    assert!(checked.as_ref().is_ok_and(|t| t.len() > 8), "{checked:?}");
    // Errors in several tables, and references to refused rows.
    let bad = package(tmp.path(), |name, text| match name {
        "asn.csv" => text.replacen("KEL-AMS", "KEL-TIDAK-ADA", 3),
        "skm.csv" => text.replacen(",4,", ",7,", 5),
        "layanan.csv" => {
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            lines[3] = "KEL-AMS,bukan tanggal".into();
            lines.join("\n") + "\n"
        }
        _ => text,
    });
    let checked = outcome(store.check_package(&bad, ImportOptions::default()).await);
    assert!(checked.is_err(), "{checked:?}");
    assert_eq!(checked, outcome(store.import(&bad, dry()).await));
    // Against a stored programme: a package of the queue log alone.
    store.import(&good, ImportOptions::default()).await.unwrap();
    let only = tmp.path().join("hanya-layanan");
    std::fs::create_dir_all(&only).unwrap();
    std::fs::copy(reference().join("layanan.csv"), only.join("layanan.csv")).unwrap();
    let checked = outcome(store.check_package(&only, ImportOptions::default()).await);
    assert_eq!(checked, outcome(store.import(&only, dry()).await));
    // An operator's package with another unit's rows: refused alike.
    let scoped = |s: &str| ImportOptions {
        scope: Some(s.to_string()),
        ..ImportOptions::default()
    };
    let checked = outcome(store.check_package(&only, scoped("KEL-AMS")).await);
    assert!(checked.is_err());
    assert_eq!(
        checked,
        outcome(
            store
                .import(
                    &only,
                    ImportOptions {
                        dry_run: true,
                        ..scoped("KEL-AMS")
                    }
                )
                .await
        )
    );
    // The check wrote nothing.
    let after = store.program_version("ASN-AMPENAN-2025").await.unwrap();
    store
        .check_package(&good, ImportOptions::default())
        .await
        .unwrap();
    assert_eq!(
        store.program_version("ASN-AMPENAN-2025").await.unwrap(),
        after
    );
}

#[tokio::test]
async fn a_check_runs_while_another_connection_holds_the_write_lock() {
    let db = TestDb::new().await;
    let store = Store::open(db.url()).await.unwrap();
    store
        .import(&reference(), ImportOptions::default())
        .await
        .unwrap();
    // Another process's writer, mid-transaction.
    use sqlx::Connection;
    let hold: Box<dyn std::any::Any> = if db.is_postgres() {
        let mut c = sqlx::PgConnection::connect(db.url()).await.unwrap();
        sqlx::query("BEGIN").execute(&mut c).await.unwrap();
        for t in ["program", "instansi", "asn", "skm", "layanan", "peserta"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "LOCK TABLE {t} IN EXCLUSIVE MODE"
            )))
            .execute(&mut c)
            .await
            .unwrap();
        }
        Box::new(c)
    } else {
        let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.url()))
            .await
            .unwrap();
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut c)
            .await
            .unwrap();
        Box::new(c)
    };
    let checked = tokio::time::timeout(
        Duration::from_secs(20),
        store.check_package(&reference(), ImportOptions::default()),
    )
    .await
    .expect("the check waited for the write lock");
    assert!(checked.is_ok(), "{:?}", checked.err());
    // The dry run of old took the lock: it waits (then gives up).
    let dry_run =
        tokio::time::timeout(Duration::from_secs(2), store.import(&reference(), dry())).await;
    assert!(
        dry_run.is_err() || dry_run.is_ok_and(|r| r.is_err()),
        "a write went through the lock"
    );
    drop(hold);
}

/// Uploads are kept in parts (issue 17: a 200 MB upload was held whole in
/// memory): what goes in comes back byte for byte, across part boundaries,
/// for its account only, and is gone once dropped.
#[tokio::test]
async fn an_upload_kept_in_parts_comes_back_whole() {
    let db = TestDb::new().await;
    let store = Store::open(db.url()).await.unwrap();
    let hash = "x".repeat(20);
    store
        .create_user("a", "A", monev_store::Role::Admin, None, &hash)
        .await
        .unwrap();
    let user = store.users().await.unwrap()[0].0.id;
    let tmp = tempfile::tempdir().unwrap();
    let part = monev_store::UPLOAD_PART_BYTES;
    for size in [1, part - 1, part, 2 * part + 12_345] {
        let bytes: Vec<u8> = (0..size).map(|i| (i * 7 % 251) as u8).collect();
        let src = tmp.path().join("masuk.zip");
        std::fs::write(&src, &bytes).unwrap();
        let id = format!("{size:032x}");
        store
            .keep_upload(&id, "paket", user, "zip", &src, 1)
            .await
            .unwrap();
        let back = tmp.path().join("keluar.zip");
        let ext = store
            .kept_upload_to(&id, "paket", user, &back)
            .await
            .unwrap();
        assert_eq!(ext.as_deref(), Some("zip"));
        assert!(std::fs::read(&back).unwrap() == bytes, "{size} bytes");
        // Another account's upload is not found.
        assert_eq!(
            store
                .kept_upload_to(&id, "paket", user + 1, &back)
                .await
                .unwrap(),
            None
        );
        store.drop_upload(&id).await.unwrap();
        assert_eq!(
            store
                .kept_upload_to(&id, "paket", user, &back)
                .await
                .unwrap(),
            None
        );
    }
}
