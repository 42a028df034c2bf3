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

/// `fixture` rewritten with `edit` applied to its `word/document.xml`.
fn docx_with(edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let bytes = std::fs::read(fixture("notulen.docx")).unwrap();
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut part = src.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            data = edit(std::str::from_utf8(&data).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A billion-laughs DOCX (nested entities that would expand to gigabytes)
/// is refused for its DTD, before any text is taken; the fixture without
/// it still reads, so the rewrite itself is sound.
#[test]
fn a_docx_declaring_entities_is_refused() {
    let plain = docx_with(|xml| xml.to_string());
    assert!(extract("notulen.docx", &plain).is_ok());
    let dtd = monev_domain::xml::billion_laughs("w:document");
    let laughs = docx_with(|xml| {
        let root = xml.find("<w:document").unwrap();
        format!("{}{dtd}{}", &xml[..root], &xml[root..]).replacen("Peserta", "&lol9;", 1)
    });
    match extract("bom.docx", &laughs) {
        Err(DocError::Corrupt { reason, .. }) => {
            assert!(
                reason.contains("DTD") && reason.contains("word/document.xml"),
                "{reason}"
            )
        }
        other => panic!("{other:?}"),
    }
}

/// A PDF whose second page cannot be read (its content stream is garbage)
/// between two readable ones: every readable page's text is kept and the
/// unreadable page is reported as a page without text, not silently the end
/// of the document.
#[test]
fn a_page_that_cannot_be_read_is_reported_and_the_pages_after_it_kept() {
    use pdf_extract::{Document, Object};
    let mut doc = Document::load_mem(&std::fs::read(fixture("laporan.pdf")).unwrap()).unwrap();
    let first = doc.get_pages()[&1];
    let page = doc.get_dictionary(first).unwrap().clone();
    let parent = page.get(b"Parent").unwrap().as_reference().unwrap();
    let garbage = doc.add_object(pdf_extract::Stream::new(
        pdf_extract::Dictionary::new(),
        b"BT /F1 12 Tf (tidak ditutup Tj ET ] >> <<".to_vec(),
    ));
    let mut broken = page.clone();
    broken.set("Contents", Object::Reference(garbage));
    let broken = doc.add_object(broken);
    let again = doc.add_object(page);
    let tree = doc.get_dictionary_mut(parent).unwrap();
    tree.set(
        "Kids",
        Object::Array(vec![
            Object::Reference(first),
            Object::Reference(broken),
            Object::Reference(again),
        ]),
    );
    tree.set("Count", Object::Integer(3));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();

    let d = extract("tiga-halaman.pdf", &bytes).unwrap();
    assert_eq!(d.halaman, 3);
    assert_eq!(d.halaman_tanpa_teks, [2]);
    assert_eq!(
        d.teks.matches("Laporan Pelaksanaan Pelatihan ASN").count(),
        2,
        "{:?}",
        d.teks
    );
}

/// Issue 18: the DOCX body is read by an XML parser, not by string search.
/// A table's cells and a text box's paragraph are lines of their own,
/// character references and XML's entities are decoded, a `w:t` with
/// attributes is text, tabs and breaks kept, text outside `w:t` (field
/// codes' instructions) and other namespaces ignored; malformed XML is a
/// located refusal.
#[test]
fn the_docx_body_is_read_as_xml() {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let body = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {w} xmlns:x="urn:lain"><w:body>
<w:p><w:r><w:t xml:space="preserve">Satu &amp; dua </w:t><w:t>&#233;&#x2013;&lt;ok&gt;</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Sel A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Sel B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>kiri</w:t><w:tab/><w:t>kanan</w:t><w:br/><w:t>baris</w:t></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><x:t>bukan</x:t></w:p>
<w:p><w:r><w:t>luar</w:t><w:pict><w:txbxContent><w:p><w:r><w:t>kotak</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>
</w:body></w:document>"#
    );
    let got = extract("uji.docx", &docx_with(|_| body.clone())).unwrap();
    assert_eq!(
        got.teks,
        "Satu & dua é–<ok>\nSel A\nSel B\nkiri\tkanan\nbaris\nluarkotak\n".trim_end()
    );
    let broken = docx_with(|_| format!("<w:document {w}><w:body><w:p></w:body>"));
    match extract("rusak.docx", &broken) {
        Err(DocError::Corrupt { reason, .. }) => {
            assert!(reason.contains("word/document.xml"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}
