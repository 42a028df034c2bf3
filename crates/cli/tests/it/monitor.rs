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

/// Every field pandas wrote agrees (numbers to 1e-9, the rest exactly).
fn compare_fields(ours: &Value, theirs: &Value, what: &str) {
    match theirs {
        Value::Object(map) => {
            for (k, v) in map {
                compare_fields(&ours[k], v, &format!("{what}.{k}"));
            }
        }
        Value::Array(items) => {
            let o = ours.as_array().unwrap_or_else(|| panic!("{what}: {ours}"));
            assert_eq!(o.len(), items.len(), "{what}: length");
            for (i, (a, b)) in o.iter().zip(items).enumerate() {
                compare_fields(a, b, &format!("{what}.{i}"));
            }
        }
        _ => same(ours, theirs, what),
    }
}

/// The monitoring report's series (IKM per unit and period with its
/// interval, the change and its Holm p, waits per period, the weekly run
/// chart and its signals) against pandas/scipy/statsmodels
/// (`reference/berkala_ref.py` on `fixtures/paket-koma`, 2025-T3), and the
/// report read back from DOCX, PDF and XLSX in both languages.
#[test]
fn the_monitoring_report_matches_pandas_and_reads_back_in_every_format() {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("berkala.json")).unwrap()).unwrap();
    let package = fixture("paket-koma");
    let tmp = tempfile::tempdir().unwrap();
    // From the package's rows (Indonesian) and from the series the
    // database groups (English).
    let db = tmp.path().join("monev.db");
    let db = db.to_str().unwrap();
    ok(&["import", package.to_str().unwrap(), "--db", db]);
    for (lang, source, from) in [
        ("id", "--data", package.to_str().unwrap()),
        ("en", "--db", db),
    ] {
        let out = tmp.path().join(lang);
        ok(&[
            "monitor",
            source,
            from,
            "--periode",
            "2025-T3",
            "--lang",
            lang,
            "--out",
            out.to_str().unwrap(),
        ]);
        let m: Value = serde_json::from_str(
            &std::fs::read_to_string(out.join("monitoring-2025-T3.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(m["periode"], "2025-T3");
        assert_eq!(m["sebelumnya"], "2025-T2");
        for table in ["ikm", "tunggu"] {
            let theirs = expected[table].as_array().unwrap();
            let ours = m[table].as_array().unwrap();
            assert_eq!(ours.len(), theirs.len(), "{table}: units");
            for t in theirs {
                let o = ours
                    .iter()
                    .find(|o| o["instansi"] == t["instansi"])
                    .unwrap_or_else(|| panic!("{table}: no unit {}", t["instansi"]));
                compare_fields(o, t, &format!("{table}.{}", t["instansi"]));
            }
        }
        compare_fields(&m["deret_ikm"], &expected["deret_ikm"], "deret_ikm");
        compare_fields(
            &m["deret_partisipasi"],
            &expected["deret_partisipasi"],
            "deret_partisipasi",
        );
        compare_fields(&m["run_tunggu"], &expected["run_tunggu"], "run_tunggu");
        let units: Vec<&str> = m["run_tunggu_unit"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["instansi"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = expected["run_tunggu_unit"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(units, want, "units with a signal in the period");
        for u in m["run_tunggu_unit"].as_array().unwrap() {
            let name = u["instansi"].as_str().unwrap();
            compare_fields(
                &u["sinyal"],
                &expected["run_tunggu_unit"][name]["sinyal"],
                &format!("run_tunggu_unit.{name}"),
            );
        }
        // The programme's change is significant in this package: the
        // report says so, with its numbers in the reader's format.
        assert_eq!(m["ikm"][0]["bermakna"], true);
        let (kind, period, ikm, changed) = if lang == "id" {
            (
                "Laporan Monitoring Triwulan",
                "Triwulan III 2025",
                "79,27",
                "perubahan bermakna",
            )
        } else {
            (
                "Quarterly Monitoring Report",
                "Quarter 3 2025",
                "79.27",
                "a significant change",
            )
        };
        for ext in ["html", "docx", "pdf"] {
            let path = out.join(format!("laporan-monitoring-2025-T3.{ext}"));
            let text = if ext == "html" {
                std::fs::read_to_string(&path).unwrap()
            } else {
                monev_dokumen::extract_file(&path).unwrap().teks
            };
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for want in [
                kind,
                period,
                ikm,
                changed,
                "Program Peningkatan Kualitas ASN",
            ] {
                assert!(
                    flat.to_lowercase().contains(&want.to_lowercase()),
                    "{lang} {ext}: no {want:?}"
                );
            }
        }
        // The workbook holds the report's tables with unrounded figures.
        let sheets =
            monev_ingest::read_workbook(&out.join("laporan-monitoring-2025-T3.xlsx")).unwrap();
        assert!(sheets.len() >= 4, "{} sheets", sheets.len());
        let want = m["ikm"][0]["sekarang"]["ikm"].as_f64().unwrap();
        let found = sheets
            .iter()
            .flat_map(|s| s.rows.iter().flatten())
            .filter_map(|c| c.parse::<f64>().ok())
            .any(|v| (v - want).abs() < 1e-9);
        assert!(
            found,
            "{lang}: the programme's IKM {want} unrounded in the workbook"
        );
    }
}

/// The demo writes the quarterly report of its latest triwulan in every
/// format and both languages.
#[test]
fn the_demo_writes_its_quarterly_report_in_every_format_and_language() {
    let tmp = tempfile::tempdir().unwrap();
    ok(&["demo", "--out", tmp.path().to_str().unwrap()]);
    let dir = tmp.path().join("laporan");
    let m: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("monitoring-2025-T4.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(m["periode"], "2025-T4");
    // The demo plants one budget line and one indicator behind.
    assert!(m["ringkasan"]["anggaran"]["tertinggal"].as_u64().unwrap() >= 1);
    for (suffix, kind) in [
        ("", "Laporan Monitoring Triwulan"),
        (".en", "Quarterly Monitoring Report"),
    ] {
        for ext in ["html", "docx", "pdf"] {
            let path = dir.join(format!("laporan-monitoring-2025-T4{suffix}.{ext}"));
            let text = if ext == "html" {
                std::fs::read_to_string(&path).unwrap()
            } else {
                monev_dokumen::extract_file(&path).unwrap().teks
            };
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            // The cover sets the kind in capitals in PDF.
            assert!(
                flat.to_lowercase().contains(&kind.to_lowercase()),
                "{}: no {kind:?}",
                path.display()
            );
        }
        let xlsx = dir.join(format!("laporan-monitoring-2025-T4{suffix}.xlsx"));
        assert!(!monev_ingest::read_workbook(&xlsx).unwrap().is_empty());
    }
    // The demo's two kecamatan drill down from the province to the units.
    let db = tmp.path().join("monev.db");
    let r: Value = serde_json::from_str(&ok(&[
        "wilayah",
        "--db",
        db.to_str().unwrap(),
        "--periode",
        "2025-T3",
        "--format",
        "json",
    ]))
    .unwrap();
    let children = |kode: &str| -> Vec<String> {
        r["simpul"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["kode"] == kode)
            .unwrap_or_else(|| panic!("no level {kode}"))["anak"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["kode"].as_str().unwrap().to_string())
            .collect()
    };
    // The demo's regions by their Kemendagri codes.
    assert_eq!(children(""), ["52"]);
    assert_eq!(children("52"), ["52.71"]);
    assert_eq!(children("52.71"), ["52.71.01", "52.71.04"]);
    assert_eq!(children("52.71.01").len(), 13);
    assert_eq!(children("52.71.04").len(), 8);
}
