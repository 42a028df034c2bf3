//! `monev qda`: a REFI-QDA project from another tool comes in all or
//! nothing, with what its sources lack given on the command line; the
//! programme's project and codebook go out and read back the same.

use std::path::PathBuf;

use crate::common::{fixture, ok, run};
use monev_domain::KodeKualitatif;
use monev_store::Store;

fn held(db: &str) -> monev_domain::ProgramData {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = Store::open(db).await.unwrap();
        let d = store.load_program("ASN-AMPENAN-2025").await.unwrap();
        store.close().await;
        d
    })
}

/// A project as a tool that knows nothing of monev writes it: no
/// variables on the interview, a code of its own, a memo.
fn foreign_project() -> Vec<u8> {
    let text = "P: Apa yang berubah?\r\nJ: Tiang tunggu lebih singkat 🙂, petugas lebih jelas.";
    let (a, b) = monev_domain::locate(text, "petugas lebih jelas").unwrap();
    let xml = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="MAXQDA 2022 project" origin="MAXQDA">
  <Users><User guid="A1B2C3D4-0000-4000-8000-00000000000A" name="Baiq"/></Users>
  <CodeBook><Codes>
    <Code guid="C0DE0000-0000-4000-8000-000000000001" name="Komunikasi" isCodable="true"><Description>Cara petugas menjelaskan.</Description></Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="50000000-0000-4000-8000-000000000001" name="Warga Ampenan 3" plainTextPath="internal://50000000-0000-4000-8000-000000000001.txt">
      <PlainTextSelection guid="51000000-0000-4000-8000-000000000001" startPosition="{a}" endPosition="{b}" creatingUser="A1B2C3D4-0000-4000-8000-00000000000A">
        <Description>ramah</Description>
        <Coding guid="52000000-0000-4000-8000-000000000001"><CodeRef targetGUID="C0DE0000-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    zip.start_file("project.qde", o).unwrap();
    std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
    zip.start_file("sources/50000000-0000-4000-8000-000000000001.txt", o)
        .unwrap();
    std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_project_comes_in_whole_or_not_at_all_and_goes_out_again() {
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
    let unit = held(db).instansi[0].kode.clone();
    let file = tmp.path().join("maxqda.qdpx");
    std::fs::write(&file, foreign_project()).unwrap();
    let file_s = file.to_str().unwrap();

    // The interview's group, unit and consent are nowhere: refused, located.
    let r = run(&["qda", "import", file_s, "--db", db]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("maxqda.qdpx/project.qde:8: kolom 5: \"Warga Ampenan 3\"")
            && err.contains("kelompok, instansi, persetujuan"),
        "{err}"
    );
    assert!(held(db).wawancara.is_empty(), "nothing kept");

    // Given on the command line, it comes in with its coding.
    let out = ok(&[
        "qda",
        "import",
        file_s,
        "--kelompok",
        "masyarakat",
        "--instansi",
        &unit,
        "--persetujuan",
        "--tanggal",
        "2025-09-10",
        "--db",
        db,
    ]);
    assert!(
        out.contains("1 wawancara, 0 dokumen, 1 kode baru, 1 segmen"),
        "{out}"
    );
    let d = held(db);
    let w = &d.wawancara[0];
    assert_eq!(
        (w.kode.as_str(), w.instansi.as_str()),
        ("Warga Ampenan 3", unit.as_str())
    );
    let k = &d.kutipan[0];
    assert_eq!(k.teks(&w.transkrip), "petugas lebih jelas");
    assert_eq!(
        (k.kode.as_str(), k.pengkode.as_str(), k.memo.as_deref()),
        ("komunikasi", "Baiq", Some("ramah"))
    );

    // Out again, and back: the same evidence.
    let out_file = tmp.path().join("keluar.qdpx");
    ok(&[
        "qda",
        "export",
        "--out",
        out_file.to_str().unwrap(),
        "--db",
        db,
    ]);
    let back = monev_qda::read_project(
        &std::fs::read(&out_file).unwrap(),
        &monev_qda::Bawaan::default(),
    )
    .unwrap()
    .proyek;
    assert_eq!(back.wawancara, d.wawancara);
    assert_eq!(back.kutipan, d.kutipan);
    assert!(back.kode.contains(&KodeKualitatif {
        kode: "komunikasi".into(),
        nama: "Komunikasi".into(),
        definisi: "Cara petugas menjelaskan.".into(),
    }));
    // The codebook alone.
    let qdc = tmp.path().join("kode.qdc");
    ok(&[
        "qda",
        "export-kode",
        "--out",
        qdc.to_str().unwrap(),
        "--db",
        db,
    ]);
    let codes = monev_qda::read_codebook(&std::fs::read(&qdc).unwrap()).unwrap();
    assert_eq!(codes.len(), d.kode_kualitatif.len());
}
