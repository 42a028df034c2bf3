//! The `monev` binary end to end: imports that land whole or not at all,
//! located errors, idempotent re-imports, roster updates, the three package
//! forms, and `monev skm`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{fixture, ok, run};
use monev_store::Store;
use serde_json::Value;

/// Copies the reference package into `dir` so a test may damage it.
fn copy_package(dir: &Path) -> PathBuf {
    let dst = dir.join("paket");
    std::fs::create_dir_all(&dst).unwrap();
    for e in std::fs::read_dir(fixture("paket-koma")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dst.join(e.file_name())).unwrap();
    }
    dst
}

/// Replaces line `n` (1-based) of a CSV file.
fn edit_line(file: &Path, n: usize, f: impl Fn(&str) -> String) {
    let text = std::fs::read_to_string(file).unwrap();
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == n { f(l) } else { l.to_string() })
        .collect();
    std::fs::write(file, lines.join("\n") + "\n").unwrap();
}

fn set_cell(line: &str, col: usize, value: &str) -> String {
    let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
    cells[col] = value.to_string();
    cells.join(",")
}

fn snapshot(db: &Path) -> monev_domain::ProgramData {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = Store::open(db.to_str().unwrap()).await.unwrap();
        let d = store.load_program("ASN-AMPENAN-2025").await.unwrap();
        store.close().await;
        d
    })
}

#[test]
fn a_bad_package_is_refused_whole_with_every_error_located() {
    let tmp = tempfile::tempdir().unwrap();
    let test_db = monev_store::testing::TestDb::blocking();
    let db = PathBuf::from(test_db.url());
    let db_s = db.to_str().unwrap();
    // A good first import, so there is something to keep intact.
    ok(&[
        "import",
        fixture("paket-koma").to_str().unwrap(),
        "--db",
        db_s,
    ]);
    let before = snapshot(&db);

    let pkg = copy_package(tmp.path());
    // A different roster (one name changed), so a partial write would show.
    edit_line(&pkg.join("asn.csv"), 2, |l| {
        set_cell(l, 1, "Nama Baru Sekali")
    });
    // A new ASN whose NIP has month 13 in its birth date.
    let asn_csv = pkg.join("asn.csv");
    let mut text = std::fs::read_to_string(&asn_csv).unwrap();
    let bad_line = text.lines().count() + 1;
    text.push_str("198513452010011003,Lalu Salah Ketik,KEL-BAN,Analis Pelayanan,III/a,S1,L\n");
    std::fs::write(&asn_csv, text).unwrap();
    edit_line(&pkg.join("skm.csv"), 7, |l| set_cell(l, 4, "7"));
    edit_line(&pkg.join("layanan.csv"), 10, |l| {
        set_cell(l, 2, "2025-13-40 25:61")
    });
    edit_line(&pkg.join("layanan.csv"), 12, |l| {
        set_cell(l, 0, "KEL-ATLANTIS")
    });

    let out = run(&["import", pkg.to_str().unwrap(), "--db", db_s]);
    assert_eq!(out.status.code(), Some(1), "refused data exits with 1");
    let err = String::from_utf8_lossy(&out.stderr);
    let asn_place = format!("asn.csv:{bad_line}: nip: \"198513452010011003\":");
    let wanted = [
        (asn_place.as_str(), "tanggal lahir"),
        ("skm.csv:7: u3: \"7\":", "1, 2, 3 atau 4"),
        (
            "layanan.csv:10: waktu_datang: \"2025-13-40 25:61\":",
            "waktu tidak dikenali",
        ),
        (
            "layanan.csv:12: instansi: \"KEL-ATLANTIS\":",
            "tidak dikenal",
        ),
    ];
    for (place, reason) in wanted {
        let line = err
            .lines()
            .find(|l| l.contains(place))
            .unwrap_or_else(|| panic!("no error at {place} in:\n{err}"));
        assert!(line.contains(reason), "{line} should say {reason}");
    }
    assert!(err.contains("4 kesalahan"), "{err}");
    assert_eq!(snapshot(&db), before, "the store must be unchanged");
}

#[test]
fn importing_the_same_package_twice_changes_nothing() {
    let test_db = monev_store::testing::TestDb::blocking();
    let db = PathBuf::from(test_db.url());
    let db_s = db.to_str().unwrap();
    let first = ok(&[
        "import",
        fixture("paket-koma").to_str().unwrap(),
        "--db",
        db_s,
    ]);
    assert!(first.contains("ditambahkan"), "{first}");
    let a = snapshot(&db);
    let second = ok(&[
        "import",
        fixture("paket-koma").to_str().unwrap(),
        "--db",
        db_s,
    ]);
    assert!(second.contains("diperbarui"), "{second}");
    assert_eq!(snapshot(&db), a);
}

#[test]
fn a_new_round_updates_the_roster_and_keeps_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let test_db = monev_store::testing::TestDb::blocking();
    let db = PathBuf::from(test_db.url());
    let db_s = db.to_str().unwrap();
    ok(&[
        "import",
        fixture("paket-koma").to_str().unwrap(),
        "--db",
        db_s,
    ]);
    let a = snapshot(&db);

    // Only the roster travels, with one name corrected and one ASN added.
    let round = tmp.path().join("ronde2");
    std::fs::create_dir_all(&round).unwrap();
    std::fs::copy(fixture("paket-koma/asn.csv"), round.join("asn.csv")).unwrap();
    edit_line(&round.join("asn.csv"), 2, |l| {
        set_cell(l, 1, "Nama Dibetulkan")
    });
    let mut text = std::fs::read_to_string(round.join("asn.csv")).unwrap();
    text.push_str("199203142019032001,Baiq Anggi Lestari,KEL-BAN,Analis Pelayanan,III/a,S1,P\n");
    std::fs::write(round.join("asn.csv"), text).unwrap();
    // Several programmes may share a store: this round names its programme.
    ok(&[
        "import",
        round.to_str().unwrap(),
        "--db",
        db_s,
        "--program",
        "ASN-AMPENAN-2025",
    ]);

    let b = snapshot(&db);
    assert_eq!(b.asn.len(), a.asn.len() + 1);
    assert!(b.asn.iter().any(|x| x.nama == "Nama Dibetulkan"));
    assert!(b.asn.iter().any(|x| x.nip.as_str() == "199203142019032001"));
    assert_eq!(
        (b.skm.len(), b.layanan.len(), b.peserta.len()),
        (a.skm.len(), a.layanan.len(), a.peserta.len())
    );
}

fn evaluation(args: &[&str]) -> Value {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--out", out.to_str().unwrap()]);
    ok(&all);
    serde_json::from_str(&std::fs::read_to_string(out.join("evaluasi.json")).unwrap()).unwrap()
}

#[test]
fn csv_zip_and_xlsx_packages_give_the_same_evaluation() {
    let csv = evaluation(&[
        "evaluate",
        "--data",
        fixture("paket-koma").to_str().unwrap(),
    ]);

    let tmp = tempfile::tempdir().unwrap();
    let zip_path = tmp.path().join("paket.zip");
    let file = std::fs::File::create(&zip_path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    for e in std::fs::read_dir(fixture("paket-koma")).unwrap() {
        let e = e.unwrap();
        // Packages zipped by hand often keep their folder: paths are matched by file name.
        zip.start_file(
            format!("paket-ampenan/{}", e.file_name().to_string_lossy()),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::copy(&mut std::fs::File::open(e.path()).unwrap(), &mut zip).unwrap();
    }
    zip.finish().unwrap();
    let zipped = evaluation(&["evaluate", "--data", zip_path.to_str().unwrap()]);
    let xlsx = evaluation(&[
        "evaluate",
        "--data",
        fixture("paket.xlsx").to_str().unwrap(),
    ]);
    for (name, other) in [("zip", &zipped), ("xlsx", &xlsx)] {
        for section in [
            "partisipasi",
            "pembelajaran",
            "skm",
            "layanan",
            "anggaran",
            "indikator",
        ] {
            assert_eq!(csv[section], other[section], "{name}: {section} differs");
        }
    }
}

#[test]
fn skm_command_gives_ikm_per_group_and_overall() {
    let file = fixture("paket-koma/skm.csv");
    let out = ok(&[
        "skm",
        file.to_str().unwrap(),
        "--by",
        "instansi",
        "--format",
        "json",
    ]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("expected.json")).unwrap()).unwrap();
    let overall = &expected["skm"]["keseluruhan"];
    assert_eq!(doc["overall"]["n"], overall["n"]);
    let (ours, theirs) = (
        doc["overall"]["ikm"].as_f64().unwrap(),
        overall["ikm"].as_f64().unwrap(),
    );
    assert!((ours - theirs).abs() < 1e-9, "{ours} vs {theirs}");
    assert_eq!(doc["overall"]["mutu"], overall["mutu"]);
    assert_eq!(doc["groups"].as_array().unwrap().len(), 13);
    for g in doc["groups"].as_array().unwrap() {
        for k in ["key", "n", "nrr", "ikm", "mutu", "kinerja"] {
            assert!(g.get(k).is_some(), "group lacks {k}");
        }
        assert_eq!(g["nrr"].as_array().unwrap().len(), 9);
    }
    // The table form is Indonesian by default, numbers with a decimal comma.
    let table = ok(&["skm", file.to_str().unwrap()]);
    assert!(
        table.contains("Keseluruhan") && table.contains(','),
        "{table}"
    );
    // A missing --by column is a located error, not a panic.
    let bad = run(&["skm", file.to_str().unwrap(), "--by", "kecamatan"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("kecamatan"));
}

#[test]
fn wrong_inputs_get_messages_not_panics() {
    let tmp = tempfile::tempdir().unwrap();
    let test_db = monev_store::testing::TestDb::blocking();
    let not_there = tmp.path().join("tidak-ada");
    let out = run(&["import", not_there.to_str().unwrap(), "--db", test_db.url()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("monev: "));
    let out = run(&[
        "evaluate",
        "--db",
        tmp.path().join("kosong.db").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("monev import"));
    let empty = tmp.path().join("kosong");
    std::fs::create_dir_all(&empty).unwrap();
    let out = run(&["evaluate", "--data", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("program.csv"));
}

#[test]
fn several_programmes_share_a_store_and_are_chosen_by_code() {
    let tmp = tempfile::tempdir().unwrap();
    let test_db = monev_store::testing::TestDb::blocking();
    let db = PathBuf::from(test_db.url());
    let db_s = db.to_str().unwrap();
    ok(&[
        "import",
        fixture("paket-koma").to_str().unwrap(),
        "--db",
        db_s,
    ]);
    // The same evidence filed again as a second programme (another kecamatan's, say).
    let pkg = copy_package(tmp.path());
    edit_line(&pkg.join("program.csv"), 2, |l| {
        set_cell(l, 0, "ASN-LAIN-2025")
    });
    ok(&["import", pkg.to_str().unwrap(), "--db", db_s]);

    let out = run(&[
        "evaluate",
        "--db",
        db_s,
        "--out",
        tmp.path().join("x").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ASN-AMPENAN-2025")
            && err.contains("ASN-LAIN-2025")
            && err.contains("--program"),
        "{err}"
    );

    let a = evaluation(&["evaluate", "--db", db_s, "--program", "ASN-LAIN-2025"]);
    assert_eq!(a["program"]["kode"], "ASN-LAIN-2025");
    let b = evaluation(&["evaluate", "--db", db_s, "--program", "ASN-AMPENAN-2025"]);
    assert_eq!(
        a["skm"], b["skm"],
        "same evidence, same figures, kept apart"
    );
    // A package may not silently update another programme.
    let wrong = run(&[
        "import",
        pkg.to_str().unwrap(),
        "--db",
        db_s,
        "--program",
        "ASN-AMPENAN-2025",
    ]);
    assert_eq!(wrong.status.code(), Some(2));
}

#[test]
fn documents_are_kept_with_their_text_and_a_scan_is_refused() {
    let test_db = monev_store::testing::TestDb::blocking();
    let db = PathBuf::from(test_db.url());
    let db = db.to_str().unwrap();
    ok(&[
        "import",
        fixture("paket-koma").to_str().unwrap(),
        "--db",
        db,
    ]);
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dokumen/tests/fixtures");
    let (pdf, scan, docx) = (
        docs.join("laporan.pdf"),
        docs.join("pindaian.pdf"),
        docs.join("notulen.docx"),
    );
    // One scan among them: refused, located, and nothing kept.
    let r = run(&[
        "dokumen",
        pdf.to_str().unwrap(),
        scan.to_str().unwrap(),
        "--db",
        db,
    ]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("pindaian.pdf") && err.contains("tanpa lapisan teks"),
        "{err}"
    );
    let count = |db: &str| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let store = Store::open(db).await.unwrap();
            let n = store.documents("ASN-AMPENAN-2025").await.unwrap().len();
            store.close().await;
            n
        })
    };
    assert_eq!(count(db), 0);
    let out = ok(&[
        "dokumen",
        pdf.to_str().unwrap(),
        docx.to_str().unwrap(),
        "--jenis",
        "laporan",
        "--db",
        db,
    ]);
    assert!(out.contains("laporan.pdf: 1 halaman"), "{out}");
    assert_eq!(count(db), 2);
}

#[test]
fn an_interview_is_added_from_a_transcript_file_only_with_consent() {
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
    let transcript = tmp.path().join("W31.txt");
    std::fs::write(
        &transcript,
        "P: Bagaimana pelayanan hari ini?\nJ: Antrean lebih cepat, saya menunggu sebentar saja.\n",
    )
    .unwrap();
    let t = transcript.to_str().unwrap();
    let base = [
        "wawancara",
        t,
        "--kelompok",
        "masyarakat",
        "--instansi",
        "KEL-AMS",
        "--tanggal",
        "01/09/2025",
        "--db",
        db,
    ];
    // Without consent: nothing kept.
    let r = run(&base);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("persetujuan"));
    let mut with = base.to_vec();
    with.push("--persetujuan");
    let out = ok(&with);
    assert!(out.contains("W31"), "{out}");
    // The same code again: refused.
    assert_eq!(run(&with).status.code(), Some(2));
    let data = snapshot(Path::new(db));
    assert_eq!(data.wawancara.len(), 1);
    assert!(data.wawancara[0].transkrip.contains("Antrean lebih cepat"));
    // Suggestions for it.
    let s = ok(&["saran-kode", "--db", db, "--wawancara", "W31"]);
    assert!(
        s.contains("hasil.waktu_tunggu") && s.contains("Antrean"),
        "{s}"
    );
}

#[test]
fn recommendation_rules_come_from_a_toml_file_with_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    // The shipped rules, printed to be copied, read back as a custom file.
    let shipped = ok(&["aturan"]);
    assert!(shipped.contains("[[rekomendasi]]"));
    let mine = dir.path().join("aturan.toml");
    let extra = r#"
[[rekomendasi]]
kode = "rekomendasi.uji_coba"
prioritas = 1
jika = "partisipasi.intervensi.persen < 100 dan jumlah(partisipasi.per_instansi) > 0"
judul = { id = "Aturan uji", en = "A test rule" }
teks = { id = "Partisipasi {persen} di {n} unit.", en = "Participation {persen} in {n} units." }
bukti = ["partisipasi.intervensi"]
nilai.persen = { rumus = "partisipasi.intervensi.persen", format = "persen" }
nilai.n = { rumus = "jumlah(partisipasi.per_instansi)", format = "bulat" }

[[rekomendasi]]
kode = "rekomendasi.tidak_pernah"
prioritas = 2
jika = "partisipasi.intervensi.persen > 100"
judul = { id = "Tidak pernah", en = "Never" }
teks = { id = "x", en = "x" }
"#;
    std::fs::write(&mine, format!("{shipped}{extra}")).unwrap();
    let pkg = fixture("paket-koma");
    let out = dir.path().join("out");
    let args = |rules: &Path| {
        vec![
            "evaluate".to_string(),
            "--data".into(),
            pkg.display().to_string(),
            "--out".into(),
            out.display().to_string(),
            "--format".into(),
            "json".into(),
            "--aturan".into(),
            rules.display().to_string(),
        ]
    };
    let a = args(&mine);
    ok(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let e: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("evaluasi.json")).unwrap()).unwrap();
    let recs: Vec<&Value> = e["temuan"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["jenis"] == "rekomendasi")
        .collect();
    let mine_rec = recs
        .iter()
        .find(|f| f["kode"] == "rekomendasi.uji_coba")
        .expect("the custom rule fired");
    assert_eq!(mine_rec["prioritas"], 1);
    let n_units = e["partisipasi"]["per_instansi"].as_array().unwrap().len();
    assert_eq!(mine_rec["args"][1][1]["nilai"], n_units as u64);
    assert!(!recs.iter().any(|f| f["kode"] == "rekomendasi.tidak_pernah"));
    // Priority first: no recommendation of priority 1 after one of 2.
    let p: Vec<u64> = recs
        .iter()
        .map(|f| f["prioritas"].as_u64().unwrap())
        .collect();
    assert!(p.windows(2).all(|w| w[0] <= w[1]), "{p:?}");

    // A mistake is located: file, line, column, value, reason; nothing written.
    std::fs::remove_dir_all(&out).unwrap();
    let bad = dir.path().join("salah.toml");
    std::fs::write(
        &bad,
        extra.replace(
            "partisipasi.intervensi.persen < 100",
            "partisipasi.intervensi.persenn < 100",
        ),
    )
    .unwrap();
    let a = args(&bad);
    let r = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(!r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("salah.toml:5:9") && err.contains("partisipasi.intervensi.persenn"),
        "{err}"
    );
    assert!(!out.exists());
    // A placeholder nothing fills is caught against the data.
    std::fs::write(
        &bad,
        extra.replace("persen > 100", "persen >= 0").replace(
            "teks = { id = \"x\", en = \"x\" }",
            "teks = { id = \"{x}\", en = \"{x}\" }\ndasar = \"kendala.partisipasi\"",
        ),
    )
    .unwrap();
    let r = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(!r.status.success() && err.contains("{x}"), "{err}");
}

/// Issue 17: `monev user add` refuses an empty or non-printable name and an
/// instansi that does not exist; `monev user token` issues (printed once),
/// lists (never the token) and revokes.
#[test]
fn accounts_and_api_tokens_from_the_command_line() {
    let test_db = monev_store::testing::TestDb::blocking();
    let db = test_db.url().to_string();
    ok(&[
        "import",
        fixture("paket-koma").to_str().unwrap(),
        "--db",
        &db,
    ]);
    let add = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_monev"))
            .args(["user", "add"])
            .args(args)
            .args(["--db", &db])
            .env("MONEV_PASSWORD", "rahasia-panjang-123")
            .output()
            .unwrap()
    };
    for (args, why) in [
        (
            vec!["sari", "--role", "operator", "--instansi", "KEL-TIDAK-ADA"],
            "instansi",
        ),
        (vec!["sari", "--role", "evaluator", "--nama", "  "], "nama"),
        (
            vec!["sari", "--role", "evaluator", "--nama", "Sari\u{7}"],
            "nama",
        ),
    ] {
        let out = add(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(why), "{args:?}: {err}");
    }
    let out = add(&[
        "sari",
        "--role",
        "operator",
        "--instansi",
        "KEL-AMS",
        "--nama",
        "Sari",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let token = ok(&[
        "user",
        "token",
        "sari",
        "--nama",
        "dasbor provinsi",
        "--db",
        &db,
    ]);
    let token = token.trim();
    assert!(token.len() >= 32, "{token}");
    let listed = ok(&["user", "token", "sari", "--daftar", "--db", &db]);
    assert!(
        listed.contains("dasbor provinsi") && !listed.contains(token),
        "{listed}"
    );
    let id = listed.split('\t').next().unwrap().trim().to_string();
    assert_eq!(id.len(), 12, "{listed}");
    assert_eq!(
        run(&[
            "user",
            "token",
            "sari",
            "--hapus",
            "000000000000",
            "--db",
            &db
        ])
        .status
        .code(),
        Some(2)
    );
    let revoked = ok(&["user", "token", "sari", "--hapus", &id, "--db", &db]);
    assert!(revoked.contains("dicabut"), "{revoked}");
    let listed = ok(&["user", "token", "sari", "--daftar", "--db", &db]);
    assert!(listed.contains("belum ada token"), "{listed}");
}

/// Issue 18: the commands are English verbs; the Indonesian names stay as
/// aliases, shown in the help, and do the same.
#[test]
fn commands_are_english_with_their_indonesian_aliases() {
    assert_eq!(ok(&["rules"]), ok(&["aturan"]));
    assert!(ok(&["rules"]).contains("[[rekomendasi]]"));
    let help = ok(&["--help"]);
    for (verb, alias) in [
        ("rules", "aturan"),
        ("document", "dokumen"),
        ("interview", "wawancara"),
        ("suggest-codes", "saran-kode"),
        ("links", "tautan"),
        ("subject", "subjek"),
        ("retention", "retensi"),
    ] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{verb} ")))
            .unwrap_or_else(|| panic!("{verb} not in the help:\n{help}"));
        assert!(line.contains(&format!("[alias: {alias}]")), "{line}");
    }
}
