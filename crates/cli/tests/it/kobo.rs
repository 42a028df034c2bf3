//! KoboToolbox and ODK Central exports of a form built from the SKM
//! instrument (made by `reference/make_kobo_fixture.py`): they import with
//! no manual mapping, drop duplicates and rejected submissions, and give the
//! same IKM as `monev skm` on the same rows.

use std::path::{Path, PathBuf};

use crate::common::{fixture, ok, run};
use monev_eval::{BobotIkm, IkmAcc};
use monev_store::Store;
use serde_json::Value;

const EXPORTS: [&str; 3] = [
    "kobo/skm-kobo.csv",
    "kobo/skm-kobo.xlsx",
    "kobo/skm-odk.csv",
];

#[test]
fn every_export_gives_the_ikm_of_monev_skm_on_the_same_rows() {
    let expected = fixture("kobo/skm-expected.csv");
    let doc: Value = serde_json::from_str(&ok(&[
        "skm",
        expected.to_str().unwrap(),
        "--format",
        "json",
    ]))
    .unwrap();
    let want = &doc["overall"];
    let instrument = monev_survey::builtin::skm();
    for name in EXPORTS {
        let export = monev_ingest::read_export(&fixture(name), &instrument, "2026-11-29")
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let m = &export.mapped;
        assert_eq!((m.duplicates, m.rejected), (3, 2), "{name}");
        assert!(
            !m.columns
                .iter()
                .any(|(_, c)| *c == monev_survey::kobo::Column::Unknown),
            "{name}: every column mapped by itself: {:?}",
            m.columns
        );
        let mut acc = IkmAcc::default();
        for s in &m.submissions {
            let r = monev_survey::kobo::skm_response(&instrument, s, None)
                .unwrap()
                .expect("an SKM respondent");
            acc.add(&r.jawaban);
        }
        let got = acc.result(BobotIkm::Tepat);
        assert_eq!(got.n, want["n"].as_u64().unwrap(), "{name}");
        let ikm = want["ikm"].as_f64().unwrap();
        assert!(
            (got.ikm - ikm).abs() < 1e-12,
            "{name}: {} vs {ikm}",
            got.ikm
        );
        for (u, w) in want["nrr"].as_array().unwrap().iter().enumerate() {
            assert!(
                (got.nrr[u] - w.as_f64().unwrap()).abs() < 1e-12,
                "{name} U{}",
                u + 1
            );
        }
    }
}

fn skm_rows(db: &Path) -> usize {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = Store::open(db.to_str().unwrap()).await.unwrap();
        let d = store.load_program("ASN-AMPENAN-2025").await.unwrap();
        store.close().await;
        d.skm.len()
    })
}

#[test]
fn submissions_are_added_once_and_survive_a_package_reimport() {
    let tmp = tempfile::tempdir().unwrap();
    let test_db = monev_store::testing::TestDb::blocking();
    let db = PathBuf::from(test_db.url());
    let db = db.to_str().unwrap();
    let pkg = fixture("paket-koma");
    ok(&["import", pkg.to_str().unwrap(), "--db", db]);
    let base = skm_rows(Path::new(db));

    let kobo = fixture("kobo/skm-kobo.csv");
    let dry = ok(&["kobo", kobo.to_str().unwrap(), "--db", db, "--dry-run"]);
    assert!(dry.contains("238 akan ditambahkan"), "{dry}");
    assert_eq!(skm_rows(Path::new(db)), base, "a dry run writes nothing");

    let out = ok(&["kobo", kobo.to_str().unwrap(), "--db", db]);
    assert!(
        out.contains("238 ditambahkan") && out.contains("3 ganda") && out.contains("2 ditolak"),
        "{out}"
    );
    assert_eq!(skm_rows(Path::new(db)), base + 238);
    // Kobo's own review comes along: 78 of the 238 were Approved there
    // (pandas on the export: first of each _uuid, Not Approved left out).
    let approved = ok(&[
        "tinjau",
        "--db",
        db,
        "--dari-status",
        "disetujui",
        "--sumber",
        "kobo",
    ]);
    let rows: Vec<&str> = approved
        .lines()
        .filter(|l| l.contains("\tkobo\tdisetujui\t"))
        .collect();
    assert_eq!(rows.len(), 78, "{approved}");
    assert!(
        approved.contains("SKM: 1.193 diterima, 78 disetujui"),
        "{approved}"
    );
    // The same submissions from ODK Central (uuid:… keys): nothing new.
    let odk = fixture("kobo/skm-odk.csv");
    let out = ok(&["kobo", odk.to_str().unwrap(), "--db", db]);
    assert!(
        out.contains("0 ditambahkan") && out.contains("238 sudah ada"),
        "{out}"
    );
    // A package's skm.csv replaces the package's rows, not the submissions.
    ok(&["import", pkg.to_str().unwrap(), "--db", db]);
    assert_eq!(skm_rows(Path::new(db)), base + 238);

    // A unit the programme does not have: refused whole, located.
    let bad = tmp.path().join("bad.csv");
    let text = std::fs::read_to_string(&kobo).unwrap();
    let edit = |line: usize, cell: usize, value: &str| {
        let mut lines: Vec<String> = text.split("\r\n").map(str::to_string).collect();
        let mut cells: Vec<String> = lines[line - 1].split(';').map(str::to_string).collect();
        cells[cell] = format!("\"{value}\"");
        lines[line - 1] = cells.join(";");
        std::fs::write(&bad, lines.join("\r\n")).unwrap();
    };
    edit(5, 6, "KEL-TIDAK-ADA");
    let before = skm_rows(Path::new(db));
    let r = run(&["kobo", bad.to_str().unwrap(), "--db", db]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("bad.csv:5: instansi: \"KEL-TIDAK-ADA\""),
        "{err}"
    );
    assert_eq!(skm_rows(Path::new(db)), before);

    // An answer outside the scale: located at its line and column.
    edit(3, 10, "7");
    let r = run(&["kobo", bad.to_str().unwrap(), "--db", db]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("bad.csv:3: penilaian/u3: \"7\""), "{err}");
}

#[test]
fn a_column_the_names_do_not_match_is_mapped_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let test_db = monev_store::testing::TestDb::blocking();
    let db = PathBuf::from(test_db.url());
    let db = db.to_str().unwrap();
    ok(&[
        "import",
        fixture("paket-koma").to_str().unwrap(),
        "--db",
        db,
    ]);
    let text = std::fs::read_to_string(fixture("kobo/skm-kobo.csv")).unwrap();
    let renamed = tmp.path().join("renamed.csv");
    std::fs::write(
        &renamed,
        text.replacen("\"penilaian/u3\"", "\"Kecepatan pelayanan\"", 1),
    )
    .unwrap();
    // Unmatched, U3 is missing from every submission: refused, located.
    let r = run(&["kobo", renamed.to_str().unwrap(), "--db", db, "--dry-run"]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("renamed.csv:2: u3"), "{err}");
    // Mapped by hand: every submission reads.
    let out = ok(&[
        "kobo",
        renamed.to_str().unwrap(),
        "--db",
        db,
        "--dry-run",
        "--peta",
        "Kecepatan pelayanan=u3",
    ]);
    assert!(out.contains("238 akan ditambahkan"), "{out}");
    // A question the instrument does not have is named.
    let r = run(&[
        "kobo",
        renamed.to_str().unwrap(),
        "--db",
        db,
        "--peta",
        "X=u99",
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("u99"));
}

/// Issue 17: an export of a form that asks no SKM unsur, imported with
/// `--instansi`, adds no SKM questionnaire: a row with all nine unsur blank
/// is no respondent and must not count in n.
#[test]
fn a_form_without_unsur_adds_no_skm_respondent() {
    let test_db = monev_store::testing::TestDb::blocking();
    let db = test_db.url().to_string();
    ok(&[
        "import",
        fixture("paket-koma").to_str().unwrap(),
        "--db",
        &db,
    ]);
    let count = || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let store = Store::open(&db).await.unwrap();
            store
                .load_program("ASN-AMPENAN-2025")
                .await
                .unwrap()
                .skm
                .len()
        })
    };
    let before = count();
    let tmp = tempfile::tempdir().unwrap();
    let export = tmp.path().join("ekspor.csv");
    std::fs::write(
        &export,
        "your_name;your_age;_uuid;_submission_time\nBudi;41;a1;2025-03-04T02:00:00\nSari;29;a2;2025-03-04T03:00:00\n",
    )
    .unwrap();
    let form = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ingest/tests/fixtures/pyxform/text_and_integer.xlsx");
    let out = ok(&[
        "kobo",
        export.to_str().unwrap(),
        "--instrumen",
        form.to_str().unwrap(),
        "--instansi",
        "KEL-AMS",
        "--db",
        &db,
    ]);
    assert!(
        out.contains("2 kiriman dibaca") && out.contains(": 0 ditambahkan"),
        "{out}"
    );
    assert_eq!(count(), before);
}
