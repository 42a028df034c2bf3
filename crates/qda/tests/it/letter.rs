//! Projects written by the letter of REFI-QDA 1.5, with what the big tools
//! are known to write: GUIDs in upper case and in braces, `creatingUser`
//! references to `Users`, variables on cases (ATLAS.ti, NVivo) or on the
//! sources (MAXQDA), a `Sources` folder capitalised (NVivo) or not, a
//! byte-order mark and CR LF in the text files, memos as `Description`
//! and as notes, categories that are not codable, pictures beside text,
//! and text with characters outside the Basic Multilingual Plane.

use monev_domain::{KelompokResponden, Sumber};
use monev_qda::{Bawaan, read_project};

use crate::qdpx;

/// An interview of a citizen in Sasak and Indonesian, with an emoji and a
/// mathematical letter (both outside the BMP) before the coded passages.
const TRANSCRIPT: &str = "P: Bagaimana pelayanan di kantor lurah?\r\nJ: Tiang \u{1F600} datang jam 8, lalu antre sebentar saja. Petugasnya ramah, \u{1D56C} jelas sekali menjelaskan syarat.\r\nP: Ada kendala?\r\nJ: Kadang sistemnya mati, jadi menunggu lama.";

fn span(text: &str, passage: &str) -> (usize, usize) {
    let b = text.find(passage).unwrap();
    let start = text[..b].chars().count();
    (start, start + passage.chars().count())
}

fn utf16_span(text: &str, passage: &str) -> (usize, usize) {
    let b = text.find(passage).unwrap();
    let start = text[..b].encode_utf16().count();
    (start, start + passage.encode_utf16().count())
}

const USER_A: &str = "{8F3C2A1B-0D4E-4F5A-9B6C-7D8E9F0A1B2C}";
const USER_B: &str = "5c94bc9e-db8c-4f1d-9cd6-e900c7440860";

fn project(positions: impl Fn(&str, &str) -> (usize, usize), sources_dir: &str) -> Vec<u8> {
    let (a1, a2) = positions(TRANSCRIPT, "antre sebentar saja");
    let (b1, b2) = positions(
        TRANSCRIPT,
        "Petugasnya ramah, \u{1D56C} jelas sekali menjelaskan syarat.",
    );
    let (c1, c2) = positions(TRANSCRIPT, "sistemnya mati, jadi menunggu lama");
    let xml = format!(
        r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Evaluasi ASN Ampenan (ATLAS.ti)" origin="ATLAS.ti 23" creatingUserGUID="{USER_A}">
  <Users>
    <User guid="{USER_A}" name="Rina"/>
    <User guid="{ub}" name="Ahmad"/>
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="{{11111111-AAAA-4BBB-8CCC-000000000001}}" name="Hasil" isCodable="false">
        <Code guid="{{11111111-AAAA-4BBB-8CCC-000000000002}}" name="Waktu tunggu lebih singkat" isCodable="true" color="#FF0000">
          <Description>Warga menyebut antrean berkurang.</Description>
        </Code>
        <Code guid="11111111-aaaa-4bbb-8ccc-000000000003" name="Komunikasi membaik" isCodable="true"/>
      </Code>
      <Code guid="11111111-AAAA-4BBB-8CCC-000000000004" name="Kendala sarana" isCodable="true"/>
    </Codes>
  </CodeBook>
  <Variables>
    <Variable guid="22222222-0000-4000-8000-000000000001" name="Kelompok" typeOfVariable="Text"/>
    <Variable guid="22222222-0000-4000-8000-000000000002" name="Instansi" typeOfVariable="Text"/>
    <Variable guid="22222222-0000-4000-8000-000000000003" name="Persetujuan" typeOfVariable="Boolean"/>
    <Variable guid="22222222-0000-4000-8000-000000000004" name="Tanggal" typeOfVariable="Date"/>
  </Variables>
  <Cases>
    <Case guid="33333333-0000-4000-8000-000000000001" name="Warga 1">
      <VariableValue><VariableRef targetGUID="22222222-0000-4000-8000-000000000001"/><TextValue>masyarakat</TextValue></VariableValue>
      <VariableValue><VariableRef targetGUID="22222222-0000-4000-8000-000000000002"/><TextValue>KEL-AMP</TextValue></VariableValue>
      <VariableValue><VariableRef targetGUID="22222222-0000-4000-8000-000000000003"/><BooleanValue>true</BooleanValue></VariableValue>
      <SourceRef targetGUID="{{44444444-0000-4000-8000-000000000001}}"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="{{44444444-0000-4000-8000-000000000001}}" name="Wawancara warga 1" plainTextPath="internal://44444444-0000-4000-8000-000000000001.txt" creatingUser="{USER_A}" creationDateTime="2025-06-12T09:30:00Z">
      <PlainTextSelection guid="55555555-0000-4000-8000-000000000001" startPosition="{a1}" endPosition="{a2}" creatingUser="{USER_A}">
        <Description>bertentangan: tetap menunggu</Description>
        <Coding guid="66666666-0000-4000-8000-000000000001" creatingUser="{USER_A}"><CodeRef targetGUID="{{11111111-AAAA-4BBB-8CCC-000000000002}}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="55555555-0000-4000-8000-000000000002" startPosition="{a1}" endPosition="{a2}" creatingUser="{ub}">
        <Coding guid="66666666-0000-4000-8000-000000000002"><CodeRef targetGUID="{{11111111-aaaa-4bbb-8ccc-000000000002}}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="55555555-0000-4000-8000-000000000003" startPosition="{b1}" endPosition="{b2}" creatingUser="{USER_A}">
        <Coding guid="66666666-0000-4000-8000-000000000003"><CodeRef targetGUID="11111111-AAAA-4BBB-8CCC-000000000003"/></Coding>
        <NoteRef targetGUID="77777777-0000-4000-8000-000000000001"/>
      </PlainTextSelection>
      <PlainTextSelection guid="55555555-0000-4000-8000-000000000004" startPosition="{c1}" endPosition="{c2}">
        <Coding guid="66666666-0000-4000-8000-000000000004" creatingUser="{ub}"><CodeRef targetGUID="11111111-AAAA-4BBB-8CCC-000000000004"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <PictureSource guid="88888888-0000-4000-8000-000000000001" name="Foto loket" path="internal://88888888-0000-4000-8000-000000000001.jpg"/>
  </Sources>
  <Notes>
    <Note guid="77777777-0000-4000-8000-000000000001" name="memo" creatingUser="{USER_A}">
      <PlainTextContent>Petugas disebut namanya di transkrip asli.</PlainTextContent>
    </Note>
  </Notes>
</Project>"##,
        ub = USER_B.to_uppercase(),
    );
    let mut file = vec![0xEF, 0xBB, 0xBF];
    file.extend_from_slice(TRANSCRIPT.as_bytes());
    qdpx(&[
        ("project.qde", xml.as_bytes()),
        (
            &format!("{sources_dir}/44444444-0000-4000-8000-000000000001.txt"),
            &file,
        ),
        (
            &format!("{sources_dir}/88888888-0000-4000-8000-000000000001.jpg"),
            b"\xFF\xD8\xFF",
        ),
    ])
}

fn defaults() -> Bawaan {
    Bawaan {
        instansi_dikenal: vec!["KEL-AMP".into(), "KEL-AMS".into()],
        ..Bawaan::default()
    }
}

#[test]
fn an_atlas_ti_style_project_imports_with_its_codings() {
    let read = read_project(&project(span, "sources"), &defaults()).unwrap();
    let p = &read.proyek;
    assert_eq!(p.nama, "Evaluasi ASN Ampenan (ATLAS.ti)");
    // The interview, with what its case says.
    assert_eq!(p.wawancara.len(), 1);
    let w = &p.wawancara[0];
    assert_eq!(w.kode, "Wawancara warga 1");
    assert_eq!(w.kelompok, KelompokResponden::Masyarakat);
    assert_eq!(w.instansi, "KEL-AMP");
    assert!(w.persetujuan);
    assert_eq!(w.tanggal.to_string(), "2025-06-12", "from creationDateTime");
    assert_eq!(w.transkrip, TRANSCRIPT, "the byte-order mark is not text");
    // The codes: the category a level of the hierarchy, not a code.
    let codes: Vec<(&str, &str)> = p
        .kode
        .iter()
        .map(|k| (k.kode.as_str(), k.nama.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            (
                "hasil.waktu_tunggu_lebih_singkat",
                "Waktu tunggu lebih singkat"
            ),
            ("hasil.komunikasi_membaik", "Komunikasi membaik"),
            ("kendala_sarana", "Kendala sarana"),
        ]
    );
    assert_eq!(p.kode[0].definisi, "Warga menyebut antrean berkurang.");
    // Every coding, cut from the right passage, with its coder and memo.
    let got: Vec<(&str, &str, &str, Option<&str>)> = p
        .kutipan
        .iter()
        .map(|k| {
            assert_eq!(k.sumber, Sumber::Wawancara("Wawancara warga 1".into()));
            (
                k.teks(&w.transkrip),
                k.kode.as_str(),
                k.pengkode.as_str(),
                k.memo.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "antre sebentar saja",
                "hasil.waktu_tunggu_lebih_singkat",
                "Rina",
                Some("bertentangan: tetap menunggu")
            ),
            (
                "antre sebentar saja",
                "hasil.waktu_tunggu_lebih_singkat",
                "Ahmad",
                None
            ),
            (
                "Petugasnya ramah, \u{1D56C} jelas sekali menjelaskan syarat.",
                "hasil.komunikasi_membaik",
                "Rina",
                Some("Petugas disebut namanya di transkrip asli.")
            ),
            (
                "sistemnya mati, jadi menunggu lama",
                "kendala_sarana",
                "Ahmad",
                None
            ),
        ]
    );
    // The picture is named, not lost silently.
    assert!(
        read.catatan.iter().any(|c| c.contains("PictureSource")),
        "{:?}",
        read.catatan
    );
}

/// NVivo writes `Sources/` and, like every .NET tool, may count UTF-16
/// code units: positions that only fit so are converted, and said to be.
#[test]
fn utf16_positions_are_converted_and_said() {
    let read = read_project(&project(utf16_span, "Sources"), &defaults()).unwrap();
    let w = &read.proyek.wawancara[0];
    let texts: Vec<&str> = read
        .proyek
        .kutipan
        .iter()
        .map(|k| k.teks(&w.transkrip))
        .collect();
    assert_eq!(texts[0], "antre sebentar saja");
    assert_eq!(
        texts[2],
        "Petugasnya ramah, \u{1D56C} jelas sekali menjelaskan syarat."
    );
    assert_eq!(texts[3], "sistemnya mati, jadi menunggu lama");
    assert!(
        read.catatan.iter().any(|c| c.contains("UTF-16")),
        "{:?}",
        read.catatan
    );
}

#[test]
fn what_a_source_lacks_is_refused_where_it_stands() {
    // Without its case, the interview has no group, unit or consent.
    let bytes = project(span, "sources");
    let xml = String::from_utf8(crate::entry(&bytes, "project.qde")).unwrap();
    let no_case = xml.replace(
        r#"<SourceRef targetGUID="{44444444-0000-4000-8000-000000000001}"/>"#,
        "",
    );
    let text = crate::entry(&bytes, "sources/44444444-0000-4000-8000-000000000001.txt");
    let cut = qdpx(&[
        ("project.qde", no_case.as_bytes()),
        ("sources/44444444-0000-4000-8000-000000000001.txt", &text),
    ]);
    let errors = read_project(&cut, &defaults()).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    let line = no_case
        .lines()
        .position(|l| l.contains("<TextSource"))
        .unwrap() as u32
        + 1;
    assert_eq!(
        (e.file.as_str(), e.line, e.column),
        ("project.qde", line, 5)
    );
    assert_eq!(e.value, "Wawancara warga 1");
    assert!(
        e.reason.contains("kelompok, instansi, persetujuan"),
        "{}",
        e.reason
    );
    // The import's defaults fill it in.
    let filled = Bawaan {
        kelompok: Some(KelompokResponden::AsnPeserta),
        instansi: Some("KEL-AMS".into()),
        persetujuan: Some(true),
        ..defaults()
    };
    let read = read_project(&cut, &filled).unwrap();
    assert_eq!(read.proyek.wawancara[0].instansi, "KEL-AMS");
    // A unit the programme does not have is refused.
    let other = Bawaan {
        instansi: Some("KEL-XXX".into()),
        ..filled
    };
    let errors = read_project(&cut, &other).unwrap_err();
    assert!(
        errors[0].reason.contains("instansi tidak ada"),
        "{errors:?}"
    );
}

#[test]
fn a_selection_outside_its_text_and_a_missing_file_are_refused() {
    let bytes = project(span, "sources");
    let xml = String::from_utf8(crate::entry(&bytes, "project.qde")).unwrap();
    let (_, end) = span(TRANSCRIPT, "sistemnya mati, jadi menunggu lama");
    let far = xml.replace(&format!("endPosition=\"{end}\""), "endPosition=\"99999\"");
    let text = crate::entry(&bytes, "sources/44444444-0000-4000-8000-000000000001.txt");
    let errors = read_project(
        &qdpx(&[
            ("project.qde", far.as_bytes()),
            ("sources/44444444-0000-4000-8000-000000000001.txt", &text),
        ]),
        &defaults(),
    )
    .unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.value.ends_with("99999") && e.reason.contains("di luar teks") && e.line > 0),
        "{errors:?}"
    );
    let errors = read_project(&qdpx(&[("project.qde", xml.as_bytes())]), &defaults()).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.reason.contains("tidak ada dalam arsip")),
        "{errors:?}"
    );
    // Not a zip, not XML: said so.
    assert!(read_project(b"not a zip", &defaults()).is_err());
    let broken = read_project(&qdpx(&[("project.qde", b"<Project")]), &defaults()).unwrap_err();
    assert!(broken[0].reason.contains("XML"), "{broken:?}");
}

/// The ATLAS.ti-style project, for the schema's test.
pub fn atlas() -> Vec<u8> {
    project(span, "sources")
}

/// The ATLAS.ti-style project is kept as a file
/// (`tests/fixtures/atlas-style.qdpx`): the fuzzer's seed, and a sample for
/// anyone trying another tool's import. It reads as the project built here
/// (MONEV_WRITE_QDA_SAMPLE=1 rewrites it).
#[test]
fn the_committed_sample_is_the_letter_project() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/atlas-style.qdpx");
    if std::env::var_os("MONEV_WRITE_QDA_SAMPLE").is_some() {
        std::fs::write(&path, atlas()).unwrap();
    }
    let held = std::fs::read(&path).unwrap();
    assert_eq!(
        read_project(&held, &defaults()).unwrap(),
        read_project(&atlas(), &defaults()).unwrap()
    );
}

/// A codebook nested past any real one is refused, not walked to the end
/// of the stack.
#[test]
fn codes_nested_too_deep_are_refused() {
    let mut xml = String::from(r#"<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>"#);
    for i in 0..5000 {
        xml.push_str(&format!(
            r#"<Code guid="00000000-0000-4000-8000-{i:012}" name="k{i}" isCodable="true">"#
        ));
    }
    xml.push_str(&"</Code>".repeat(5000));
    xml.push_str("</Codes></CodeBook>");
    let errors = monev_qda::read_codebook(xml.as_bytes()).unwrap_err();
    assert!(errors[0].reason.contains("lebih dari 32"), "{errors:?}");
}
