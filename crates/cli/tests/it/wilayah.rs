//! `monev wilayah` against an independent pandas computation
//! (`reference/wilayah_ref.py`, output committed as `fixtures/wilayah.json`)
//! on two programmes of Kota Mataram (`fixtures/wilayah/`): every level's
//! IKM from its units' raw answers (not a mean of unit IKMs) with its 95%
//! interval, and its tickets' median and mean wait, in 2025-T3; and what a
//! package's regions may and may not say.

use serde_json::Value;

use crate::common::{fixture, ok, run};

fn same(ours: &Value, theirs: &Value, what: &str) {
    match (theirs, ours) {
        (Value::Array(t), Value::Array(o)) => {
            assert_eq!(t.len(), o.len(), "{what}");
            for (a, b) in o.iter().zip(t) {
                same(a, b, what);
            }
        }
        _ => match (ours.as_f64(), theirs.as_f64()) {
            (Some(a), Some(b)) => assert!(
                (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                "{what}: monev {a}, pandas {b}"
            ),
            _ => assert_eq!(ours, theirs, "{what}"),
        },
    }
}

#[test]
fn every_level_rolls_up_from_the_raw_answers_as_pandas_computes_it() {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("wilayah.json")).unwrap()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("monev.db");
    let db = db.to_str().unwrap();
    for p in ["wilayah/ampenan", "wilayah/sekarbela"] {
        ok(&["import", fixture(p).to_str().unwrap(), "--db", db]);
    }
    let r: Value = serde_json::from_str(&ok(&[
        "wilayah",
        "--db",
        db,
        "--periode",
        "2025-T3",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(r["periode"], "2025-T3");
    let nodes = r["simpul"].as_array().unwrap();
    let levels = expected["wilayah"].as_object().unwrap();
    assert_eq!(nodes.len(), levels.len());
    for (kode, want) in levels {
        let node = nodes
            .iter()
            .find(|n| n["kode"] == kode.as_str())
            .unwrap_or_else(|| panic!("no level {kode:?}"));
        for (field, v) in want.as_object().unwrap() {
            same(&node["angka"][field], v, &format!("{kode} {field}"));
        }
        // The funnel is centred on the level's own IKM.
        same(
            &node["funnel_ikm"]["pusat"],
            &want["ikm"],
            &format!("{kode} funnel"),
        );
    }
    // The kecamatan differ from a mean of their units' IKMs.
    let units = expected["instansi"].as_object().unwrap();
    let ampenan: Vec<f64> = units
        .iter()
        .filter(|(k, _)| k.starts_with("ASN-AMPENAN"))
        .filter_map(|(_, u)| u["ikm"].as_f64())
        .collect();
    let mean = ampenan.iter().sum::<f64>() / ampenan.len() as f64;
    let pooled = levels["52.71.01"]["ikm"].as_f64().unwrap();
    assert!((mean - pooled).abs() > 1e-6, "{mean} {pooled}");
    // Every unit, under its kecamatan.
    let mut seen = 0;
    for n in nodes {
        for a in n["anak"].as_array().unwrap() {
            let Some(program) = a["program"].as_str() else {
                continue;
            };
            let want = &units[&format!("{program}/{}", a["kode"].as_str().unwrap())];
            for (field, v) in want.as_object().unwrap() {
                same(&a["angka"][field], v, &format!("{} {field}", a["kode"]));
            }
            assert!(
                n["kode"] == "52.71.01" || n["kode"] == "52.71.04",
                "{} under {}",
                a["kode"],
                n["kode"]
            );
            seen += 1;
        }
    }
    assert_eq!(seen, units.len());
    // One region and what lies under it.
    let only: Value = serde_json::from_str(&ok(&[
        "wilayah",
        "--db",
        db,
        "--periode",
        "2025-T3",
        "--kode",
        "52.71.04",
        "--format",
        "json",
    ]))
    .unwrap();
    let kodes: Vec<&str> = only["simpul"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kode"].as_str().unwrap())
        .collect();
    assert_eq!(kodes, ["52.71.04"]);
    let table = ok(&["wilayah", "--db", db, "--periode", "2025-T3"]);
    assert!(
        table.contains("Kecamatan Sekarbela") && table.contains("79,20"),
        "{table}"
    );

    // The two programmes side by side: figures, intervals, differences
    // and Holm's p as pandas, scipy and statsmodels compute them.
    let b: Value = serde_json::from_str(&ok(&[
        "banding",
        "--db",
        db,
        "--periode",
        "2025-T3",
        "--format",
        "json",
    ]))
    .unwrap();
    let want = &expected["banding"];
    for (ours, theirs) in b["program"]
        .as_array()
        .unwrap()
        .iter()
        .zip(want["program"].as_array().unwrap())
    {
        for (field, v) in theirs.as_object().unwrap() {
            same(
                &ours[field],
                v,
                &format!("banding {} {field}", theirs["kode"]),
            );
        }
    }
    assert_eq!(b["selisih"].as_array().unwrap().len(), 3);
    for (ours, theirs) in b["selisih"]
        .as_array()
        .unwrap()
        .iter()
        .zip(want["selisih"].as_array().unwrap())
    {
        for (field, v) in theirs.as_object().unwrap() {
            same(
                &ours[field],
                v,
                &format!("banding {} {field}", theirs["ukuran"]),
            );
        }
    }
    let table = ok(&[
        "banding",
        "--db",
        db,
        "--periode",
        "2025-T3",
        "--lang",
        "en",
    ]);
    assert!(
        table.contains("participation (%)") && table.contains("79.27"),
        "{table}"
    );
    // One programme is no comparison.
    let one = run(&["banding", "--db", db, "--program", "ASN-AMPENAN-2025"]);
    assert!(!one.status.success());
}

#[test]
fn a_package_s_regions_are_checked_and_located() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path().join("paket");
    std::fs::create_dir(&pkg).unwrap();
    for t in ["program", "asn"] {
        std::fs::copy(
            fixture("wilayah/ampenan").join(format!("{t}.csv")),
            pkg.join(format!("{t}.csv")),
        )
        .unwrap();
    }
    std::fs::copy(
        fixture("wilayah/ampenan/instansi.csv"),
        pkg.join("instansi.csv"),
    )
    .unwrap();
    // A kecamatan whose parent is a province, a kota before its province,
    // and a unit in a region nobody listed.
    std::fs::write(
        pkg.join("wilayah.csv"),
        "kode,nama,tingkat,induk\nMATARAM,Kota Mataram,kabupaten_kota,NTB\nNTB,Nusa Tenggara Barat,provinsi,\nAMPENAN,Kecamatan Ampenan,kecamatan,NTB\n",
    )
    .unwrap();
    let db = tmp.path().join("monev.db");
    let r = run(&[
        "import",
        pkg.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    for want in [
        "wilayah.csv:2",
        "induk",
        "wilayah.csv:4",
        "seharusnya kabupaten_kota",
        "instansi.csv",
        "wilayah tidak dikenal",
    ] {
        assert!(err.contains(want), "no {want:?} in {err}");
    }
    // Kemendagri codes say their level and parent: a malformed one, one of
    // the wrong level, one not under its parent are refused, located.
    std::fs::write(
        pkg.join("wilayah.csv"),
        "kode,nama,tingkat,induk\n52,Nusa Tenggara Barat,provinsi,\n52.71,Kota Mataram,kabupaten_kota,52\n52.71.1,Ampenan,kecamatan,52.71\n52.71.04,Sekarbela,kabupaten_kota,52\n52.72.01,Rasanae Barat,kecamatan,52.71\n52.71.01,Kecamatan Ampenan,kecamatan,52.71\n",
    )
    .unwrap();
    let r = run(&[
        "import",
        pkg.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    for want in [
        "wilayah.csv:4: kode: \"52.71.1\": kode Kemendagri: dua angka",
        "wilayah.csv:5: kode: \"52.71.04\": kode Kemendagri dengan 3 bagian bukan kabupaten_kota",
        "wilayah.csv:6: induk: \"52.71\": kode 52.72.01 tidak berada di bawah 52.71",
    ] {
        assert!(err.contains(want), "no {want:?} in {err}");
    }
    assert!(!err.contains("wilayah.csv:7"), "{err}");
    assert!(
        !err.contains("instansi.csv"),
        "the units' region is listed: {err}"
    );
}
