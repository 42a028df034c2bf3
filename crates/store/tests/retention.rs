//! Retention: free text older than the limit is emptied, numbers and
//! choices stay, newer text stays. Runs on the backend `MONEV_TEST_POSTGRES`
//! chooses.

use std::collections::HashMap;
use std::path::Path;

use monev_store::testing::TestDb;
use monev_store::{ImportOptions, Store};

#[tokio::test]
async fn old_free_text_is_emptied_and_the_rest_stays() {
    let db = TestDb::new().await;
    let store = Store::open(db.url()).await.unwrap();
    let pkg = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/paket-koma");
    let kode = store
        .import(&pkg, ImportOptions::default())
        .await
        .unwrap()
        .program;
    let instansi = store.load_program(&kode).await.unwrap().instansi[0]
        .kode
        .clone();
    let answer = r#"{"umur":"41","layanan":"ktp","saran":"Pak Budi di loket 2 lambat sekali"}"#;
    assert!(
        store
            .add_answers(
                &kode,
                "00000000-0000-4000-8000-000000000001",
                "tanggapan",
                1,
                &instansi,
                answer
            )
            .await
            .unwrap()
    );
    let (kiriman_id,): (i64,) = sqlx::query_as("SELECT id FROM kiriman ORDER BY id DESC LIMIT 1")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let (program_id,): (i64,) = sqlx::query_as("SELECT id FROM program WHERE kode = $1")
        .bind(&kode)
        .fetch_one(store.pool())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO alasan_nonpeserta (program_id, kiriman_id, instansi, alasan, alasan_lain)
         VALUES ($1, $2, $3, 'lainnya', 'sedang cuti melahirkan')",
    )
    .bind(program_id)
    .bind(kiriman_id)
    .bind(&instansi)
    .execute(store.pool())
    .await
    .unwrap();
    let text = HashMap::from([("tanggapan".to_string(), vec!["saran".to_string()])]);

    // Nothing is older than 2000.
    let none = store
        .purge_free_text(&kode, "2000-01-01", &text)
        .await
        .unwrap();
    assert_eq!((none.alasan_lain, none.jawaban_teks), (0, 0));

    // Everything is older than 9999.
    let all = store
        .purge_free_text(&kode, "9999-12-31", &text)
        .await
        .unwrap();
    assert_eq!((all.alasan_lain, all.jawaban_teks), (1, 1));
    let (jawaban,): (String,) = sqlx::query_as("SELECT jawaban FROM kiriman WHERE id = $1")
        .bind(kiriman_id)
        .fetch_one(store.pool())
        .await
        .unwrap();
    let kept: serde_json::Value = serde_json::from_str(&jawaban).unwrap();
    assert_eq!(kept, serde_json::json!({"umur": "41", "layanan": "ktp"}));
    let (alasan, lain): (String, Option<String>) =
        sqlx::query_as("SELECT alasan, alasan_lain FROM alasan_nonpeserta WHERE kiriman_id = $1")
            .bind(kiriman_id)
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!((alasan.as_str(), lain), ("lainnya", None));
    // Once emptied, nothing more to empty.
    let again = store
        .purge_free_text(&kode, "9999-12-31", &text)
        .await
        .unwrap();
    assert_eq!((again.alasan_lain, again.jawaban_teks), (0, 0));
}
