//! Rejected answers leave every figure: the evaluation against an
//! independent pandas/scipy computation on the package without them
//! (`reference/evaluasi_ref.py --tolak-skm 5`, committed as
//! `fixtures/expected-ditolak.json`), and the monitoring report and the
//! regional roll-up against the same figures from a store that never held
//! the rejected rows. The review goes through `monev tinjau`.

use std::path::Path;

use serde_json::Value;

use crate::common::{fixture, ok, run};

/// The ids of every `k`-th SKM questionnaire (file order, as imported) of
/// programme `program` in store `db`.
fn every_kth_skm(db: &str, program: &str, k: usize) -> Vec<i64> {
    let (db, program) = (db.to_string(), program.to_string());
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async {
                let store = monev_store::Store::open(&db).await.unwrap();
                let f = monev_store::SaringanTinjauan::of(monev_store::JenisKiriman::Skm);
                let mut ids = Vec::new();
                loop {
                    let page = store
                        .submissions(&program, &f, monev_store::MAX_PAGE, ids.len() as i64)
                        .await
                        .unwrap();
                    if page.baris.is_empty() {
                        break;
                    }
                    ids.extend(page.baris.iter().map(|b| b.id));
                }
                store.close().await;
                ids.into_iter()
                    .enumerate()
                    .filter(|(i, _)| (i + 1) % k == 0)
                    .map(|(_, id)| id)
                    .collect()
            })
    })
    .join()
    .unwrap()
}

fn reject(db: &str, program: &str, ids: &[i64]) -> String {
    let ids = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    ok(&[
        "tinjau",
        "--db",
        db,
        "--program",
        program,
        "--status",
        "ditolak",
        "--catatan",
        "jawaban seragam, diisi petugas",
        "--oleh",
        "Tim Evaluasi",
        "--id",
        &ids,
    ])
}

/// A copy of package `from` whose skm.csv lacks every `k`-th questionnaire.
fn without_every_kth(from: &Path, to: &Path, k: usize) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap();
        if name == "skm.csv" {
            let text = std::fs::read_to_string(&p).unwrap();
            let kept: Vec<&str> = text
                .lines()
                .enumerate()
                .filter(|(i, _)| *i == 0 || i % k != 0)
                .map(|(_, l)| l)
                .collect();
            std::fs::write(to.join(name), kept.join("\n") + "\n").unwrap();
        } else {
            std::fs::copy(&p, to.join(name)).unwrap();
        }
    }
}

#[test]
fn rejected_answers_leave_the_evaluation_as_pandas_computes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("monev.db");
    let db = db.to_str().unwrap();
    ok(&[
        "import",
        fixture("paket-koma").to_str().unwrap(),
        "--db",
        db,
    ]);
    let program = "ASN-AMPENAN-2025";
    let ids = every_kth_skm(db, program, 5);
    assert_eq!(ids.len(), 1033 / 5);
    let said = reject(db, program, &ids);
    assert!(
        said.contains(&format!("{} kiriman kini ditolak", ids.len())),
        "{said}"
    );
    // A rejection without a comment is refused, saying why.
    let bare = run(&["tinjau", "--db", db, "--status", "ditolak", "--id", "1"]);
    assert!(!bare.status.success());
    assert!(String::from_utf8_lossy(&bare.stderr).contains("catatan"));
    let out = tmp.path().join("out");
    ok(&[
        "evaluate",
        "--db",
        db,
        "--out",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let n = crate::reference::check_against("expected-ditolak.json", &out);
    assert!(n > 300, "only {n} numbers compared");
    let e: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("evaluasi.json")).unwrap()).unwrap();
    assert_eq!(e["tinjauan"]["skm"]["ditolak"], ids.len());
    assert_eq!(e["tinjauan"]["skm"]["diterima"], 1033 - ids.len());
}

#[test]
fn rejected_answers_leave_the_monitoring_report_and_the_regions() {
    let tmp = tempfile::tempdir().unwrap();
    let reviewed = tmp.path().join("ditinjau.db");
    let reviewed = reviewed.to_str().unwrap();
    let never = tmp.path().join("tanpa.db");
    let never = never.to_str().unwrap();
    let minus = tmp.path().join("ampenan-tanpa");
    without_every_kth(&fixture("wilayah/ampenan"), &minus, 5);
    for (db, ampenan) in [
        (reviewed, fixture("wilayah/ampenan")),
        (never, minus.clone()),
    ] {
        ok(&["import", ampenan.to_str().unwrap(), "--db", db]);
        ok(&[
            "import",
            fixture("wilayah/sekarbela").to_str().unwrap(),
            "--db",
            db,
        ]);
    }
    let ids = every_kth_skm(reviewed, "ASN-AMPENAN-2025", 5);
    assert_eq!(ids.len(), 1033 / 5);
    reject(reviewed, "ASN-AMPENAN-2025", &ids);
    let json = |args: &[&str]| -> Value { serde_json::from_str(&ok(args)).unwrap() };
    for periode in ["2025-T1", "2025-T2", "2025-T3"] {
        let a = json(&[
            "wilayah",
            "--db",
            reviewed,
            "--periode",
            periode,
            "--format",
            "json",
        ]);
        let b = json(&[
            "wilayah",
            "--db",
            never,
            "--periode",
            periode,
            "--format",
            "json",
        ]);
        assert_eq!(a, b, "wilayah {periode}");
        // The monitoring report of the period; the review's own counts
        // aside (a package has none).
        let report = |source: &[&str], name: &str| -> Value {
            let out = tmp.path().join(format!("{name}-{periode}"));
            let mut args = vec!["monitor"];
            args.extend_from_slice(source);
            args.extend_from_slice(&[
                "--periode",
                periode,
                "--out",
                out.to_str().unwrap(),
                "--laporan",
                "json",
            ]);
            ok(&args);
            let mut m: Value = serde_json::from_str(
                &std::fs::read_to_string(out.join(format!("monitoring-{periode}.json"))).unwrap(),
            )
            .unwrap();
            m.as_object_mut().unwrap().remove("tinjauan");
            m.as_object_mut().unwrap().remove("persetujuan");
            m
        };
        let program = ["--program", "ASN-AMPENAN-2025"];
        let a = report(&["--db", reviewed, program[0], program[1]], "ditinjau");
        assert!(!a["ikm"].as_array().unwrap().is_empty());
        assert_eq!(
            a,
            report(&["--db", never, program[0], program[1]], "tanpa"),
            "monitor {periode}"
        );
        assert_eq!(
            a,
            report(&["--data", minus.to_str().unwrap()], "paket"),
            "monitor --data {periode}"
        );
    }
    // And the figures did move: the rejected answers were in them before.
    let full = tmp.path().join("penuh.db");
    let full = full.to_str().unwrap();
    ok(&[
        "import",
        fixture("wilayah/ampenan").to_str().unwrap(),
        "--db",
        full,
    ]);
    ok(&[
        "import",
        fixture("wilayah/sekarbela").to_str().unwrap(),
        "--db",
        full,
    ]);
    let a = json(&[
        "wilayah",
        "--db",
        reviewed,
        "--periode",
        "2025-T3",
        "--format",
        "json",
    ]);
    let c = json(&[
        "wilayah",
        "--db",
        full,
        "--periode",
        "2025-T3",
        "--format",
        "json",
    ]);
    assert_ne!(a, c);
}
