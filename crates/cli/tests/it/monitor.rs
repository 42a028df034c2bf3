//! `monev monitor` against an independent pandas computation
//! (`reference/realisasi_ref.py`, output committed as
//! `fixtures/realisasi.json`) on `fixtures/paket-triwulan`: capaian,
//! deviasi and the early warning of every budget line and indicator in each
//! triwulan, read from the package and from the store it was imported into.

use serde_json::Value;

use crate::common::{fixture, ok, run};

/// Unrounded numbers agree to 1e-9 (relative); null is null.
fn same(ours: &Value, theirs: &Value, what: &str) {
    match (ours.as_f64(), theirs.as_f64()) {
        (Some(a), Some(b)) => assert!(
            (a - b).abs() <= 1e-9 * b.abs().max(1.0),
            "{what}: monev {a}, pandas {b}"
        ),
        _ => assert_eq!(ours, theirs, "{what}"),
    }
}

fn compare(doc: &Value, expected: &Value, periode: &str, source: &str) {
    assert_eq!(doc["periode"], periode);
    assert_eq!(doc["sebelumnya"], expected["sebelumnya"]);
    for (table, keys) in [
        ("anggaran", ["kegiatan", "instansi"]),
        ("indikator", ["indikator", "instansi"]),
    ] {
        let ours = doc[table].as_array().unwrap();
        let theirs = expected[table].as_array().unwrap();
        assert_eq!(ours.len(), theirs.len(), "{source} {periode} {table}");
        for t in theirs {
            let o = ours
                .iter()
                .find(|o| keys.iter().all(|k| o[k] == t[k]))
                .unwrap_or_else(|| panic!("{source} {periode} {table}: no row {t}"));
            for (field, value) in t.as_object().unwrap() {
                same(
                    &o[field],
                    value,
                    &format!("{source} {periode} {table} {} {field}", t[keys[0]]),
                );
            }
        }
    }
}

#[test]
fn realisation_per_period_matches_pandas_from_the_package_and_the_store() {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("realisasi.json")).unwrap()).unwrap();
    let package = fixture("paket-triwulan");
    let package = package.to_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("monev.db");
    let db = db.to_str().unwrap();
    ok(&["import", package, "--db", db]);
    let mut checked = 0;
    for (periode, want) in expected.as_object().unwrap() {
        for (source, args) in [("--data", package), ("--db", db)] {
            let out = ok(&[
                "monitor",
                source,
                args,
                "--periode",
                periode,
                "--format",
                "json",
            ]);
            let doc: Value = serde_json::from_str(&out).unwrap();
            compare(&doc, want, periode, source);
            checked += 1;
        }
    }
    assert_eq!(checked, 8);
    // Without --periode: the latest period with a realisation.
    let latest: Value =
        serde_json::from_str(&ok(&["monitor", "--db", db, "--format", "json"])).unwrap();
    assert_eq!(latest["periode"], "2025-T3");
    // The table a person reads: Indonesian numbers, the bands named.
    let table = ok(&["monitor", "--data", package, "--periode", "2025-T3"]);
    assert!(
        table.contains("jauh tertinggal") && table.contains("73,3"),
        "{table}"
    );
    let en = ok(&[
        "monitor",
        "--data",
        package,
        "--periode",
        "2025-T3",
        "--lang",
        "en",
    ]);
    assert!(en.contains("far behind") && en.contains("73.3"), "{en}");
    // A month in a quarterly programme: refused, saying why.
    let wrong = run(&["monitor", "--data", package, "--periode", "2025-07"]);
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("triwulan"));
}
