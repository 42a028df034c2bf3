//! The report leaves the application as a Word document: readers download
//! it in their language from the report page; others may not.

use crate::common;

use std::io::Read;

use common::*;
use monev_web::Settings;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_download_the_report_as_docx_in_their_language() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (cookie, _) = login(addr, "pimpinan", PASSWORD).await.unwrap();
    let page = http(addr, "GET", "/laporan?lang=en", &cookie, None).await;
    assert!(
        page.body
            .contains(r#"<a href="/laporan/laporan.docx?lang=en">Word (DOCX)</a>"#),
        "{}",
        &page.body[..page.body.len().min(600)]
    );
    for (lang, contents) in [("id", "Daftar Isi"), ("en", "Contents")] {
        let r = http(
            addr,
            "GET",
            &format!("/laporan/laporan.docx?lang={lang}"),
            &cookie,
            None,
        )
        .await;
        assert_eq!(r.status, 200);
        assert_eq!(
            r.header("content-type"),
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        );
        assert!(
            r.header("content-disposition")
                .is_some_and(|d| d.contains(&format!("-{lang}.docx")))
        );
        let bytes = http_bytes(addr, &format!("/laporan/laporan.docx?lang={lang}"), &cookie).await;
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut doc = String::new();
        z.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut doc)
            .unwrap();
        assert!(doc.contains(contents), "{lang}");
    }
    // The PDF: what the server's renderer wrote for this programme and
    // language (Typst's, through `monev serve`, in crates/cli/tests/it/serve.rs).
    let pdf = http_bytes(addr, "/laporan/laporan.pdf?lang=en", &cookie).await;
    assert!(
        pdf == b"%PDF-uji ASN-AMPENAN-2025 en",
        "{}",
        String::from_utf8_lossy(&pdf[..pdf.len().min(300)])
    );
    // The annex: one sheet per table, numbers as numbers.
    let bytes = http_bytes(addr, "/laporan/lampiran.xlsx?lang=en", &cookie).await;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut book = String::new();
    z.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut book)
        .unwrap();
    assert!(book.contains(r#"name="Table 1""#), "{book}");
    let (operator, _) = login(addr, "operator", PASSWORD).await.unwrap();
    assert_eq!(
        http(addr, "GET", "/laporan/laporan.docx", &operator, None)
            .await
            .status,
        403
    );
    for path in ["/laporan/lampiran.xlsx", "/laporan/laporan.pdf"] {
        assert_eq!(http(addr, "GET", path, &operator, None).await.status, 403);
    }
}
