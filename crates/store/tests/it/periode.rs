//! Realisations per reporting period in the store: a package's
//! `indikator_periode.csv` and `anggaran_periode.csv` come back as they
//! went in; a quarter's package (only that quarter's rows, no programme
//! table) replaces that quarter and keeps the others; a row naming an
//! indicator the store does not hold is refused, located, and nothing is
//! written. Runs on the backend `MONEV_TEST_POSTGRES` chooses
//! (scripts/test.sh runs both).

use std::path::{Path, PathBuf};

use monev_ingest::PackageError;
use monev_store::{ImportOptions, Store, StoreError};

fn reference() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/paket-koma")
}

const PROGRAM: &str = "ASN-AMPENAN-2025";

/// The reference package with two quarters of realisations.
fn with_quarters(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for e in std::fs::read_dir(reference()).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    std::fs::write(
        dir.join("indikator_periode.csv"),
        "indikator,periode,instansi,target,realisasi\n\
         IKM,2025-T1,,76,75.25\nIKM,2025-T2,,78,\nIKM,2025-T2,KEL-AMS,78,80.5\n\
         WAKTU_TUNGGU,2025-T1,,36,37.5\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("anggaran_periode.csv"),
        "kegiatan,periode,instansi,rencana_keuangan,realisasi_keuangan,rencana_fisik_persen,realisasi_fisik_persen\n\
         Sosialisasi program,2025-T1,,7500000,6000000,25,20\n\
         Sosialisasi program,2025-T2,KEL-BAN,15000000,,50,\n",
    )
    .unwrap();
}

#[tokio::test]
async fn realisations_per_period_round_trip_and_a_quarter_replaces_only_itself() {
    let db = monev_store::testing::TestDb::new().await;
    let store = Store::open(db.url()).await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("paket");
    with_quarters(&full);
    store.import(&full, ImportOptions::default()).await.unwrap();
    let read = monev_ingest::read_all(&full).unwrap();
    let held = store.load_program(PROGRAM).await.unwrap();
    let sorted = |mut v: Vec<monev_domain::IndikatorPeriode>| {
        v.sort_by(|a, b| {
            (&a.indikator, a.periode, &a.instansi).cmp(&(&b.indikator, b.periode, &b.instansi))
        });
        v
    };
    assert_eq!(
        sorted(held.indikator_periode.clone()),
        sorted(read.indikator_periode)
    );
    assert_eq!(held.anggaran_periode, read.anggaran_periode);
    assert_eq!(held.program.periode, monev_domain::JenisPeriode::Triwulan);

    // The third quarter's package: its rows only, no programme table.
    let q3 = tmp.path().join("t3");
    std::fs::create_dir_all(&q3).unwrap();
    std::fs::write(
        q3.join("indikator_periode.csv"),
        "indikator,periode,target,realisasi\nIKM,2025-T3,80,79.75\n",
    )
    .unwrap();
    let options = || ImportOptions {
        program: Some(PROGRAM.to_string()),
        ..ImportOptions::default()
    };
    store.import(&q3, options()).await.unwrap();
    let after = store.load_program(PROGRAM).await.unwrap();
    let periods: Vec<String> = after
        .indikator_periode
        .iter()
        .map(|r| {
            format!(
                "{} {} {:?} {:?}",
                r.indikator, r.periode, r.instansi, r.realisasi
            )
        })
        .collect();
    assert_eq!(
        periods,
        [
            "IKM 2025-T1 None Some(75.25)",
            "IKM 2025-T2 None None",
            "IKM 2025-T2 Some(\"KEL-AMS\") Some(80.5)",
            "IKM 2025-T3 None Some(79.75)",
            "WAKTU_TUNGGU 2025-T1 None Some(37.5)",
        ]
    );
    // The same quarter again, corrected: replaced, not doubled.
    std::fs::write(
        q3.join("indikator_periode.csv"),
        "indikator,periode,target,realisasi\nIKM,2025-T3,80,81\n",
    )
    .unwrap();
    store.import(&q3, options()).await.unwrap();
    let t3: Vec<Option<f64>> = store
        .load_program(PROGRAM)
        .await
        .unwrap()
        .indikator_periode
        .iter()
        .filter(|r| r.periode.to_string() == "2025-T3")
        .map(|r| r.realisasi)
        .collect();
    assert_eq!(t3, [Some(81.0)]);

    // A month in a quarterly programme, an indicator the store lacks:
    // refused, located, nothing written.
    std::fs::write(
        q3.join("indikator_periode.csv"),
        "indikator,periode,target,realisasi\nIKM,2025-T4,82,83\nIKM,2025-10,82,83\nNGAIN,2025-T4,1,1\n",
    )
    .unwrap();
    let refused = store.import(&q3, options()).await.unwrap_err();
    let StoreError::Package(PackageError::Invalid { errors, .. }) = refused else {
        panic!("{refused}")
    };
    let said: Vec<String> = errors
        .iter()
        .map(|e| format!("{}:{}", e.line, e.column))
        .collect();
    assert_eq!(said, ["3:periode", "4:indikator"], "{errors:?}");
    let held = store.load_program(PROGRAM).await.unwrap();
    assert!(
        held.indikator_periode
            .iter()
            .all(|r| r.periode.to_string() != "2025-T4")
    );
}
