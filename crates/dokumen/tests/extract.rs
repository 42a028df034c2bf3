//! Documents of each kind (made by `reference/make_document_fixtures.py`):
//! their text comes out, and a scanned PDF is refused as such.

use std::path::Path;

use monev_dokumen::{DocError, extract, extract_file};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn a_typed_pdf_gives_its_text() {
    let d = extract_file(&fixture("laporan.pdf")).unwrap();
    assert_eq!(d.halaman, 1);
    assert!(d.halaman_tanpa_teks.is_empty());
    assert!(
        d.teks.contains("Laporan Pelaksanaan Pelatihan ASN"),
        "{:?}",
        d.teks
    );
    assert!(d.teks.contains("97,9 persen"), "{:?}", d.teks);
}

#[test]
fn a_scanned_pdf_is_reported_as_such_not_imported_empty() {
    match extract_file(&fixture("pindaian.pdf")) {
        Err(DocError::Scanned { pages, .. }) => assert_eq!(pages, 1),
        other => panic!("expected a scanned-PDF refusal, got {other:?}"),
    }
    let msg = extract_file(&fixture("pindaian.pdf"))
        .unwrap_err()
        .to_string();
    assert!(msg.contains("pindaian") && msg.contains("OCR"), "{msg}");
}

#[test]
fn docx_and_text_give_their_paragraphs() {
    let d = extract_file(&fixture("notulen.docx")).unwrap();
    assert_eq!(
        d.teks,
        "Notulen rapat evaluasi\nPeserta: camat & lurah\thadir 12 orang."
    );
    let t = extract_file(&fixture("sk.txt")).unwrap();
    assert!(t.teks.starts_with("Surat Keputusan Camat Ampenan"));
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    assert!(matches!(
        extract("x.pdf", b"%PDF-1.4 not really"),
        Err(DocError::Corrupt { .. })
    ));
    assert!(matches!(
        extract("x.docx", b"PK nope"),
        Err(DocError::Corrupt { .. })
    ));
    assert!(matches!(
        extract("x.jpg", b"\xff\xd8"),
        Err(DocError::Unsupported { .. })
    ));
    assert!(matches!(
        extract("x.txt", b"   \n"),
        Err(DocError::Empty { .. })
    ));
    assert!(matches!(
        extract("x.txt", b"\xff\xfe"),
        Err(DocError::Corrupt { .. })
    ));
}

/// Inputs the fuzzer (`fuzz/`, target `dokumen`) found, each answered with
/// an error at once: a page that is its own `/Parent` had pdf-extract spin
/// forever.
#[test]
fn fuzzer_findings_are_refused_quickly() {
    match extract_file(&fixture("fuzz/halaman-induk-berputar.pdf")) {
        Err(DocError::Corrupt { reason, .. }) => {
            assert!(reason.contains("berputar"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}
