//! Retention: free text older than the limit is emptied, numbers and
//! choices stay, newer text stays. Runs on the backend `MONEV_TEST_POSTGRES`
//! chooses.

use std::collections::HashMap;
use std::path::Path;

use monev_store::Store;
use monev_store::testing::TestDb;

#[tokio::test]
async fn old_free_text_is_emptied_and_the_rest_stays() {
    let db = TestDb::new().await;
    let (store, kode) = db.with_reference_package().await;
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

/// `apply_retention` takes the text questions from the instruments, empties
/// answers older than the period in batches (three here), keeps newer ones,
/// audits the pass, and reads an answer once in its life: text put back
/// into an answer already purged is not looked at again.
#[tokio::test]
async fn retention_follows_the_instruments_in_batches_and_reads_each_answer_once() {
    let db = TestDb::new().await;
    let (store, kode) = db.with_reference_package().await;
    let instansi = store.load_program(&kode).await.unwrap().instansi[0]
        .kode
        .clone();
    let form = monev_ingest::read_xlsform(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../ingest/tests/fixtures/pyxform/text_and_integer.xlsx"),
    )
    .unwrap()
    .instrument;
    let definisi = serde_json::to_string(&form).unwrap();
    store
        .save_instrument(&kode, "text_and_integer", "Uji", "xlsform", &definisi, None)
        .await
        .unwrap();
    const N: usize = 1201;
    for n in 0..N {
        let answer = format!(r#"{{"your_name":"Nama {n}","your_age":"30"}}"#);
        let uuid = format!("00000000-0000-4000-8000-{n:012}");
        assert!(
            store
                .add_answers(&kode, &uuid, "text_and_integer", 1, &instansi, &answer)
                .await
                .unwrap()
        );
    }
    let newest = format!("00000000-0000-4000-8000-{:012}", N - 1);
    sqlx::query("UPDATE kiriman SET waktu = '2025-01-02 08:00:00' WHERE uuid <> $1")
        .bind(&newest)
        .execute(store.pool())
        .await
        .unwrap();

    let pass = store.apply_retention(30).await.unwrap();
    assert!(pass.cutoff.as_str() > "2025-01-02 08:00:00");
    let purged = pass.programs.iter().find(|(p, _)| *p == kode).unwrap().1;
    assert_eq!((purged.alasan_lain, purged.jawaban_teks), (0, N as u64 - 1));
    let held = store
        .answers(&kode, "text_and_integer", None)
        .await
        .unwrap();
    assert_eq!(held.len(), N);
    let named: Vec<&str> = held
        .iter()
        .filter(|a| a.4.contains("your_name"))
        .map(|a| a.4.as_str())
        .collect();
    assert_eq!(
        named,
        [format!(
            r#"{{"your_name":"Nama {}","your_age":"30"}}"#,
            N - 1
        )]
    );
    assert!(held.iter().all(|a| a.4.contains(r#""your_age":"30""#)));
    assert!(
        store
            .audit_rows(20)
            .await
            .unwrap()
            .iter()
            .any(|a| a.aksi == "retensi_teks" && a.objek == format!("program:{kode}"))
    );

    // Marked once purged: text written back into such an answer stays.
    sqlx::query("UPDATE kiriman SET jawaban = $1 WHERE uuid = $2")
        .bind(r#"{"your_name":"Ditulis ulang","your_age":"30"}"#)
        .bind("00000000-0000-4000-8000-000000000007")
        .execute(store.pool())
        .await
        .unwrap();
    let again = store.apply_retention(30).await.unwrap();
    let purged = again.programs.iter().find(|(p, _)| *p == kode).unwrap().1;
    assert_eq!((purged.alasan_lain, purged.jawaban_teks), (0, 0));
    let held = store
        .answers(&kode, "text_and_integer", None)
        .await
        .unwrap();
    assert!(held.iter().any(|a| a.4.contains("Ditulis ulang")));
}

/// Retention compares answer times with a UTC cutoff, so answer times are
/// UTC on both backends, even on a PostgreSQL database whose time zone is
/// WITA (Mataram): SQLite's CURRENT_TIMESTAMP is UTC, and sqlx starts every
/// PostgreSQL session with `TimeZone=UTC`. Pinned here against a driver
/// change.
#[tokio::test]
async fn answer_times_are_utc_whatever_the_servers_time_zone() {
    let db = TestDb::new().await;
    if db.is_postgres() {
        let name = db.url().rsplit('/').next().unwrap().to_string();
        let admin = Store::open(db.url()).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "ALTER DATABASE {name} SET timezone TO 'Asia/Makassar'"
        )))
        .execute(admin.pool())
        .await
        .unwrap();
        admin.close().await;
    }
    let (store, kode) = db.with_reference_package().await;
    let instansi = store.load_program(&kode).await.unwrap().instansi[0]
        .kode
        .clone();
    store
        .add_answers(
            &kode,
            "00000000-0000-4000-8000-00000000abcd",
            "tanggapan",
            1,
            &instansi,
            "{}",
        )
        .await
        .unwrap();
    let held = store.answers(&kode, "tanggapan", None).await.unwrap();
    let waktu = &held[0].2;
    let stored = monev_domain::Timestamp::parse(&waktu[..19])
        .unwrap()
        .seconds();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!((stored - now).abs() < 600, "{waktu} is not UTC now");
}
