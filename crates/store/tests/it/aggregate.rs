//! The aggregates the database computes equal the same sums taken over the
//! loaded rows, and their queries use the indexes. Runs on the backend
//! `MONEV_TEST_POSTGRES` chooses (scripts/test.sh runs both).

use std::collections::BTreeMap;

use monev_store::testing::TestDb;
use monev_store::{LayananCell, SkmCell, Store};

async fn imported(db: &TestDb) -> (Store, String) {
    db.with_reference_package().await
}

#[tokio::test]
async fn grouped_sums_equal_the_rows_they_summarise() {
    let db = TestDb::new().await;
    let (store, kode) = imported(&db).await;
    let data = store.load_program(&kode).await.unwrap();
    let ti = data.program.tanggal_intervensi;

    let mut skm: BTreeMap<(String, bool), SkmCell> = BTreeMap::new();
    for r in &data.skm {
        let sesudah = r.tanggal >= ti;
        let c = skm
            .entry((r.instansi.clone(), sesudah))
            .or_insert_with(|| SkmCell {
                instansi: r.instansi.clone(),
                sesudah,
                n: 0,
                jumlah: [0; 9],
                terisi: [0; 9],
            });
        c.n += 1;
        for (k, v) in r.jawaban.iter().enumerate() {
            if let Some(v) = v {
                c.jumlah[k] += u64::from(v.value());
                c.terisi[k] += 1;
            }
        }
    }
    let got = store.skm_cells(&kode).await.unwrap();
    assert!(
        got.iter().any(|c| c.terisi.iter().any(|&t| t < c.n)),
        "the fixture has blank answers, which must not count"
    );
    assert!(got.iter().any(|c| c.sesudah) && got.iter().any(|c| !c.sesudah));
    assert_eq!(got, skm.into_values().collect::<Vec<_>>());

    let mut layanan: BTreeMap<(String, bool), LayananCell> = BTreeMap::new();
    for l in &data.layanan {
        let sesudah = l.waktu_datang.date() >= ti;
        let wait = l.waktu_dipanggil.seconds() - l.waktu_datang.seconds();
        let c = layanan
            .entry((l.instansi.to_string(), sesudah))
            .or_insert_with(|| LayananCell {
                instansi: l.instansi.to_string(),
                sesudah,
                n: 0,
                tunggu_detik: 0,
                tunggu_detik_kuadrat: 0,
            });
        c.n += 1;
        c.tunggu_detik += wait;
        c.tunggu_detik_kuadrat += wait * wait;
    }
    let got = store.layanan_cells(&kode).await.unwrap();
    assert_eq!(
        got.iter().map(|c| c.n).sum::<u64>(),
        data.layanan.len() as u64
    );
    assert_eq!(got, layanan.into_values().collect::<Vec<_>>());

    assert!(matches!(
        store.skm_cells("TIDAK-ADA").await,
        Err(monev_store::StoreError::NoSuchProgram(_))
    ));
}

#[tokio::test]
async fn aggregate_queries_use_the_programme_indexes() {
    let db = TestDb::new().await;
    let (store, kode) = imported(&db).await;
    let plans = store.aggregate_plans(&kode).await.unwrap();
    assert_eq!(plans.len(), 5);
    for (table, plan) in plans {
        let lower = plan.to_lowercase();
        // SQLite: "SEARCH s USING INDEX skm_…"; PostgreSQL: "Index Scan … on skm_…".
        assert!(
            lower
                .lines()
                .any(|l| l.contains("index") && l.contains(&format!(" {table}_"))),
            "{table} is not read through one of its indexes:\n{plan}"
        );
        if !db.is_postgres() {
            // Every column the query reads is in the index (migration 14):
            // SQLite never visits the table.
            assert!(
                lower.contains(&format!("using covering index {table}_")),
                "{table} is not read from a covering index:\n{plan}"
            );
        }
        let alias = &table[..1];
        assert!(
            !lower.contains(&format!("seq scan on {table}"))
                && !lower.lines().any(|l| l.trim() == format!("scan {alias}")),
            "{table} is scanned whole:\n{plan}"
        );
    }
}
