//! `monev evaluate` against an independent pandas/scipy computation
//! (`reference/evaluasi_ref.py`, output committed as `fixtures/expected.json`)
//! on the same package written two ways: `,` with decimal points, and `;` with
//! decimal commas, BOM, CRLF, DD/MM/YYYY dates and upper-case headers.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn monev(args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_monev"))
        .args(args)
        .output()
        .expect("monev runs");
    assert!(
        out.status.success(),
        "monev {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Identity fields that pair up rows of the two documents.
const KEYS: [&str; 5] = ["instansi", "fase", "pelatihan", "aspek", "instrumen"];

fn same_row(a: &Value, b: &Value) -> bool {
    KEYS.iter()
        .all(|k| a.get(k).is_none() || a.get(k) == b.get(k))
}

fn compare(expected: &Value, actual: &Value, path: &str, checked: &mut usize) {
    match expected {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "generator" {
                    continue;
                }
                let a = actual
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k}: missing in monev's evaluasi.json"));
                compare(v, a, &format!("{path}.{k}"), checked);
            }
        }
        Value::Array(items) if items.first().is_some_and(Value::is_object) => {
            let actual = actual
                .as_array()
                .unwrap_or_else(|| panic!("{path}: not an array"));
            for e in items {
                let a = actual
                    .iter()
                    .find(|a| same_row(e, a))
                    .unwrap_or_else(|| panic!("{path}: no row matching {e}"));
                compare(
                    e,
                    a,
                    &format!(
                        "{path}[{}]",
                        KEYS.iter()
                            .filter_map(|k| e.get(k))
                            .map(|v| v.to_string())
                            .collect::<Vec<_>>()
                            .join(",")
                    ),
                    checked,
                );
            }
        }
        Value::Array(items) => {
            let actual = actual
                .as_array()
                .unwrap_or_else(|| panic!("{path}: not an array"));
            assert_eq!(items.len(), actual.len(), "{path}: length");
            for (i, (e, a)) in items.iter().zip(actual).enumerate() {
                compare(e, a, &format!("{path}[{i}]"), checked);
            }
        }
        Value::Number(n) => {
            let (e, a) = (
                n.as_f64().unwrap(),
                actual
                    .as_f64()
                    .unwrap_or_else(|| panic!("{path}: {actual} is not a number")),
            );
            let tol = 1e-6 * e.abs().max(1.0);
            assert!(
                (e - a).abs() <= tol,
                "{path}: monev {a} vs pandas/scipy {e}"
            );
            *checked += 1;
        }
        other => assert_eq!(other, actual, "{path}"),
    }
}

fn check(out_dir: &Path) -> usize {
    check_against("expected.json", out_dir)
}

/// Compares `out_dir/evaluasi.json` with the pandas/scipy figures of
/// fixture `expected`; how many numbers were compared.
pub(crate) fn check_against(expected: &str, out_dir: &Path) -> usize {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture(expected)).unwrap()).unwrap();
    let actual: Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("evaluasi.json")).unwrap())
            .unwrap();
    let mut checked = 0;
    compare(&expected, &actual, "", &mut checked);
    checked
}

#[test]
fn comma_package_matches_pandas_and_scipy() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    monev(&[
        "evaluate",
        "--data",
        &fixture("paket-koma"),
        "--out",
        out.to_str().unwrap(),
    ]);
    let n = check(&out);
    assert!(n > 300, "only {n} numbers compared");
}

#[test]
fn semicolon_package_from_the_store_matches_too() {
    let tmp = tempfile::tempdir().unwrap();
    let test_db = monev_store::testing::TestDb::blocking();
    let db = std::path::PathBuf::from(test_db.url());
    let out = tmp.path().join("out");
    monev(&[
        "import",
        &fixture("paket-titikkoma"),
        "--db",
        db.to_str().unwrap(),
    ]);
    monev(&[
        "evaluate",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    check(&out);
    // The report is written too, in Indonesian by default.
    let html = std::fs::read_to_string(out.join("laporan.html")).unwrap();
    assert!(html.contains("Latar Belakang") && html.contains("Kesimpulan"));
}
