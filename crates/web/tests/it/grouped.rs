//! The evaluation from a store, grouped by the database (`load_grouped`:
//! SKM sums, co-moments and distinct waits per instansi and phase) against
//! the row-by-row oracle over the rows loaded whole (`evaluate_rows`): the
//! same evaluasi.json, numbers to 1e-11 relative (the difference-in-
//! differences interval's lower bound, b − c·se, moves by ~1e-12 with the
//! order of additions: `crates/eval/tests/it/cells.rs`), on the demo and on the
//! reference package. On PostgreSQL when `MONEV_TEST_POSTGRES` is set.

use monev_eval::{Config, evaluate_cells, evaluate_rows, recommend::Rules};
use monev_store::testing::TestDb;
use monev_store::{ImportOptions, Store};
use serde_json::Value;

fn same(a: &Value, b: &Value, path: &str, diffs: &mut Vec<String>) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            if (x - y).abs() > 1e-11 * x.abs().max(y.abs()).max(1.0) {
                diffs.push(format!("{path}: {x} vs {y}"));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (x, y)) in x.iter().zip(y).enumerate() {
                same(x, y, &format!("{path}[{i}]"), diffs);
            }
        }
        (Value::Object(x), Value::Object(y)) if x.len() == y.len() => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) => same(v, w, &format!("{path}.{k}"), diffs),
                    None => diffs.push(format!("{path}.{k}: missing")),
                }
            }
        }
        _ if a == b => {}
        _ => diffs.push(format!("{path}: {a} vs {b}")),
    }
}

async fn check(store: &Store, kode: &str) {
    let cfg = Config::default();
    let rows = store.load_program(kode).await.unwrap();
    assert!(!rows.skm.is_empty() && !rows.layanan.is_empty());
    let oracle = serde_json::to_value(evaluate_rows(&rows, &cfg, Rules::baku())).unwrap();
    let (bare, cells) = monev_web::load_grouped(store, kode).await.unwrap();
    assert!(bare.skm.is_empty() && bare.layanan.is_empty());
    let grouped = serde_json::to_value(evaluate_cells(&bare, &cells, &cfg, Rules::baku())).unwrap();
    let mut diffs = Vec::new();
    same(&oracle, &grouped, "", &mut diffs);
    assert!(
        diffs.is_empty(),
        "{} differences: {:#?}",
        diffs.len(),
        &diffs[..diffs.len().min(20)]
    );
}

#[tokio::test]
async fn the_demo_grouped_by_the_database_is_the_demo_by_rows() {
    let db = TestDb::new().await;
    let dir = db.dir().join("paket-demo");
    let mut data = monev_demo::generate(5);
    // A few tickets never finished, so the partial index has rows.
    for l in data.layanan.iter_mut().step_by(97) {
        l.waktu_selesai = None;
    }
    monev_ingest::write_package(&data, &dir, monev_ingest::Delimiter::Comma).unwrap();
    let store = Store::open(db.url()).await.unwrap();
    let kode = store
        .import(&dir, ImportOptions::default())
        .await
        .unwrap()
        .program;
    check(&store, &kode).await;
}

#[tokio::test]
async fn the_reference_package_grouped_by_the_database_is_the_same_by_rows() {
    let db = TestDb::new().await;
    let (store, kode) = db.with_reference_package().await;
    check(&store, &kode).await;
}
