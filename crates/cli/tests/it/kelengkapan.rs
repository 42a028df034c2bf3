//! Completeness and timeliness on the demo: its four triwulan show the gaps
//! the demo plants (`monev_demo::PLANTED_GAPS`: a queue log that never
//! came, an SKM not run, an indicator's realisation not in) and no other
//! missing queue log, SKM or programme line; the unit that submitted late
//! and the units that have not submitted are late, and the reminder list
//! names them.

use serde_json::Value;

use crate::common::ok;

/// The reminder list's rows (a spreadsheet's CSV: BOM, `;`, quoted).
fn reminders(path: &std::path::Path) -> Vec<csv::StringRecord> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "instansi",
            "nama",
            "periode",
            "kurang",
            "terlambat_hari",
            "operator",
            "pesan"
        ]
    );
    r.records().map(Result::unwrap).collect()
}

fn row<'a>(k: &'a Value, unit: Option<&str>) -> &'a Value {
    k["baris"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["instansi"].as_str() == unit)
        .unwrap_or_else(|| panic!("no row {unit:?}"))
}

#[test]
fn the_demos_four_triwulan_show_the_planted_gaps_and_the_late_units() {
    let tmp = tempfile::tempdir().unwrap();
    ok(&["demo", "--out", tmp.path().to_str().unwrap()]);
    let db = tmp.path().join("monev.db");
    let db = db.to_str().unwrap();
    let period = |p: &str| -> Value {
        serde_json::from_str(&ok(&[
            "kelengkapan",
            "--db",
            db,
            "--program",
            "ASN-AMPENAN-2025",
            "--periode",
            p,
            "--format",
            "json",
        ]))
        .unwrap()
    };
    for p in ["2025-T1", "2025-T2", "2025-T3", "2025-T4"] {
        let k = period(p);
        assert_eq!(k["batas_hari"], 10);
        let planted: Vec<_> = monev_demo::PLANTED_GAPS
            .iter()
            .filter(|(_, periode, _)| *periode == p)
            .collect();
        for b in k["baris"].as_array().unwrap() {
            let unit = b["instansi"].as_str();
            let gap = |what: &str| planted.iter().any(|(u, _, w)| *u == unit && *w == what);
            match unit {
                Some(u) => {
                    // The queue log: missing exactly where planted.
                    assert_eq!(b["antrean"]["lengkap"], !gap("antrean"), "{p} {u} antrean");
                    // The SKM: none at all exactly where planted (short of
                    // Krejcie–Morgan's sample everywhere in the demo).
                    assert_eq!(b["skm"]["ada"] == 0, gap("skm"), "{p} {u} skm");
                }
                None => {
                    assert_eq!(
                        b["indikator"]["lengkap"],
                        !gap("indikator"),
                        "{p} indikator"
                    );
                    assert_eq!(b["anggaran"]["lengkap"], true, "{p} anggaran");
                }
            }
        }
    }
    // Timeliness: Dayan Peken's second triwulan came 20 days late; the
    // fourth triwulan's figures of every unit but the kantor camat are not
    // in, long past their due date.
    let t2 = period("2025-T2");
    assert_eq!(row(&t2, Some("KEL-DYP"))["tepat_waktu"], false);
    assert_eq!(row(&t2, Some("KEL-DYP"))["terlambat_hari"], 20);
    assert_eq!(t2["unit_tepat_waktu"], 12);
    let t4 = period("2025-T4");
    assert_eq!(row(&t4, Some("KEC-AMP"))["tepat_waktu"], true);
    assert_eq!(row(&t4, Some("KEL-AMS"))["tepat_waktu"], false);
    assert!(row(&t4, Some("KEL-AMS"))["dilaporkan"].is_null());
    assert_eq!(t4["unit_tepat_waktu"], 1);

    // The reminder list of the second triwulan names the late unit.
    let csv = tmp.path().join("pengingat.csv");
    ok(&[
        "kelengkapan",
        "--db",
        db,
        "--program",
        "ASN-AMPENAN-2025",
        "--periode",
        "2025-T2",
        "--pengingat",
        csv.to_str().unwrap(),
    ]);
    let list = reminders(&csv);
    let of = |u: &str| list.iter().find(|r| &r[0] == u).cloned();
    let dyp = of("KEL-DYP").expect("the late unit is reminded");
    assert_eq!(&dyp[4], "20", "{dyp:?}");
    let pjk = of("KEL-PJK").expect("the unit without a queue log is reminded");
    assert!(
        pjk[3].contains("log antrean") && pjk[6].starts_with("Yth. operator"),
        "{pjk:?}"
    );
    // The fourth: every unit that has not submitted.
    ok(&[
        "kelengkapan",
        "--db",
        db,
        "--program",
        "ASN-AMPENAN-2025",
        "--periode",
        "2025-T4",
        "--pengingat",
        csv.to_str().unwrap(),
    ]);
    let unsubmitted = reminders(&csv)
        .iter()
        .filter(|r| r[3].contains("pengajuan angka"))
        .count();
    assert_eq!(unsubmitted, 12);
}
