//! The audit log is chained by hashes: an entry changed, removed or slipped
//! in behind the application's back is found by `Store::verify_audit`
//! (`monev audit verify`). Runs on the backend `MONEV_TEST_POSTGRES`
//! chooses (scripts/test.sh runs both).

use monev_store::Store;
use monev_store::testing::TestDb;

async fn logged(db: &TestDb, n: usize) -> Store {
    let store = Store::open(db.url()).await.unwrap();
    for i in 0..n {
        let after = (i % 2 == 0).then(|| format!("nilai {i}"));
        store
            .audit(None, "uji", &format!("objek:{i}"), None, after.as_deref())
            .await
            .unwrap();
    }
    store
}

async fn ids(store: &Store) -> Vec<i64> {
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT id FROM audit ORDER BY id")
        .fetch_all(store.pool())
        .await
        .unwrap();
    rows.into_iter().map(|r| r.0).collect()
}

#[tokio::test]
async fn an_untouched_log_verifies() {
    let db = TestDb::new().await;
    let store = logged(&db, 6).await;
    let check = store.verify_audit().await.unwrap();
    assert_eq!(check.chained, 6);
    assert!(check.broken.is_empty(), "{:?}", check.broken);
    // Concurrent writers keep one chain.
    let mut tasks = Vec::new();
    for i in 0..20 {
        let s = store.clone();
        tasks.push(tokio::spawn(async move {
            s.audit(None, "serentak", &format!("objek:{i}"), None, None)
                .await
                .unwrap()
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let check = store.verify_audit().await.unwrap();
    assert_eq!(check.chained, 26);
    assert!(check.broken.is_empty(), "{:?}", check.broken);
}

#[tokio::test]
async fn an_edited_entry_is_found() {
    let db = TestDb::new().await;
    let store = logged(&db, 5).await;
    let ids = ids(&store).await;
    sqlx::query("UPDATE audit SET objek = 'objek:dipalsukan' WHERE id = $1")
        .bind(ids[2])
        .execute(store.pool())
        .await
        .unwrap();
    let check = store.verify_audit().await.unwrap();
    assert_eq!(check.broken.len(), 1, "{:?}", check.broken);
    assert_eq!(check.broken[0].0, ids[2]);
    assert!(check.broken[0].1.contains("diubah"));
}

#[tokio::test]
async fn a_removed_entry_is_found() {
    let db = TestDb::new().await;
    let store = logged(&db, 5).await;
    let ids = ids(&store).await;
    sqlx::query("DELETE FROM audit WHERE id = $1")
        .bind(ids[1])
        .execute(store.pool())
        .await
        .unwrap();
    let check = store.verify_audit().await.unwrap();
    assert_eq!(check.broken.len(), 1, "{:?}", check.broken);
    assert_eq!(check.broken[0].0, ids[2], "the entry after the gap");
}

#[tokio::test]
async fn an_entry_slipped_in_is_found() {
    let db = TestDb::new().await;
    let store = logged(&db, 3).await;
    // Without a hash …
    sqlx::query("INSERT INTO audit (username, aksi, objek) VALUES ('x', 'sisipan', 'objek:x')")
        .execute(store.pool())
        .await
        .unwrap();
    let check = store.verify_audit().await.unwrap();
    assert_eq!(check.broken.len(), 1, "{:?}", check.broken);
    // … or with a made-up one: the next real entry no longer links to it
    // correctly, and it does not hash to its own fields.
    let db = TestDb::new().await;
    let store = logged(&db, 3).await;
    sqlx::query(
        "INSERT INTO audit (waktu, username, aksi, objek, hash_sebelumnya, hash) VALUES ('2026-01-01 00:00:00', 'x', 'sisipan', 'objek:x', 'a', 'b')",
    )
    .execute(store.pool())
    .await
    .unwrap();
    let check = store.verify_audit().await.unwrap();
    assert!(!check.broken.is_empty());
}

/// Cutting entries from the end leaves a chain that holds: only a head
/// noted before (outside the database) shows they are gone.
#[tokio::test]
async fn a_cut_tail_is_found_from_a_noted_head() {
    let db = TestDb::new().await;
    let store = logged(&db, 6).await;
    let noted = store.verify_audit().await.unwrap().head.unwrap();
    let all = ids(&store).await;
    assert_eq!(noted.0, *all.last().unwrap());
    store
        .audit(None, "uji", "objek:sesudah", None, None)
        .await
        .unwrap();
    let later = store.verify_audit_from(Some(&noted.1)).await.unwrap();
    assert_eq!(later.anchor_found, Some(true));
    assert!(later.broken.is_empty());
    assert_ne!(later.head.unwrap().1, noted.1);

    sqlx::query("DELETE FROM audit WHERE id >= $1")
        .bind(all[4])
        .execute(store.pool())
        .await
        .unwrap();
    let cut = store.verify_audit_from(Some(&noted.1)).await.unwrap();
    assert!(cut.broken.is_empty(), "the shortened chain still holds");
    assert_eq!(cut.chained, 4);
    assert_eq!(cut.anchor_found, Some(false));
    assert_eq!(store.verify_audit().await.unwrap().anchor_found, None);
}
