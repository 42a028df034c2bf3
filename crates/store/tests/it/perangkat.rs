//! Digest nonces for collecting devices: a nonce is good once per request
//! count (a replay is refused), goes stale after its time (the client is
//! told to retry, not asked for a password), is unknown when never issued,
//! and the old ones are forgotten. Runs on the backend `MONEV_TEST_POSTGRES`
//! chooses (scripts/test.sh runs both).

use monev_store::testing::TestDb;
use monev_store::{NonceUse, Store};

#[tokio::test]
async fn a_nonce_is_used_once_per_count_and_goes_stale() {
    let db = TestDb::new().await;
    let store = Store::open(db.url()).await.unwrap();
    let now = 1_800_000_000;
    store.issue_nonce("a", now, now - 3600).await.unwrap();
    assert_eq!(
        store.use_nonce("a", 1, now - 600).await.unwrap(),
        NonceUse::Fresh
    );
    assert_eq!(
        store.use_nonce("a", 2, now - 600).await.unwrap(),
        NonceUse::Fresh
    );
    // The same count again, or an older one: a replay.
    assert_eq!(
        store.use_nonce("a", 2, now - 600).await.unwrap(),
        NonceUse::Refused
    );
    assert_eq!(
        store.use_nonce("a", 1, now - 600).await.unwrap(),
        NonceUse::Refused
    );
    assert_eq!(
        store.use_nonce("tidak-ada", 1, now - 600).await.unwrap(),
        NonceUse::Refused
    );
    // Eleven minutes on, with a ten-minute life: stale, and stays stale.
    let later = now + 660;
    assert_eq!(
        store.use_nonce("a", 3, later - 600).await.unwrap(),
        NonceUse::Stale
    );
    assert_eq!(
        store.use_nonce("a", 4, later - 600).await.unwrap(),
        NonceUse::Stale
    );
    // A nonce issued an hour later forgets the old one.
    store.issue_nonce("b", now + 3601, now + 1).await.unwrap();
    assert_eq!(store.use_nonce("a", 5, 0).await.unwrap(), NonceUse::Refused);
    assert_eq!(store.use_nonce("b", 1, now).await.unwrap(), NonceUse::Fresh);
}

#[tokio::test]
async fn a_device_password_belongs_to_an_active_account_until_its_password_is_reset() {
    let db = TestDb::new().await;
    let store = Store::open(db.url()).await.unwrap();
    let user = store
        .create_user(
            "petugas",
            "Petugas",
            monev_store::Role::Enumerator,
            None,
            "$argon2id$x",
        )
        .await
        .unwrap();
    assert!(store.device_user("petugas").await.unwrap().is_none());
    store.set_device_secret(user.id, Some("ha1")).await.unwrap();
    let (found, ha1) = store.device_user("petugas").await.unwrap().unwrap();
    assert_eq!((found.id, ha1.as_str()), (user.id, "ha1"));
    assert!(store.has_device_secret(user.id).await.unwrap());
    store.set_active(user.id, false).await.unwrap();
    assert!(store.device_user("petugas").await.unwrap().is_none());
    store.set_active(user.id, true).await.unwrap();
    assert!(store.device_user("petugas").await.unwrap().is_some());
    // A reset password means the account may be in other hands.
    store.set_password(user.id, "$argon2id$y").await.unwrap();
    assert!(store.device_user("petugas").await.unwrap().is_none());
    assert!(!store.has_device_secret(user.id).await.unwrap());
}
