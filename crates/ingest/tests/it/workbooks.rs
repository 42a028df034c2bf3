//! Hostile XLSX files, through every reader of workbooks (packages,
//! XLSForms, single tables): a part that inflates a thousandfold and a part
//! declaring entities ("billion laughs") are refused with the part named,
//! before calamine reads them. Each case is a real workbook rewritten, and
//! the same rewrite without the hostile change still reads.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use monev_ingest::{read_all, read_table_header, read_xlsform};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

const PACKAGE: &str = "../cli/tests/fixtures/paket.xlsx";
const FORM: &str = "tests/fixtures/pyxform/text_and_integer.xlsx";

enum Change {
    None,
    /// A DTD before the root element of this part.
    Dtd(&'static str),
    /// An extra part of this many MiB of spaces (deflates ~1000x).
    Bomb(usize),
    /// The same, its headers claiming it holds 1 000 bytes.
    LyingBomb(usize),
}

/// `src` copied part by part into `dir/name` with `change` made.
fn rewrite(src: &Path, dir: &Path, name: &str, change: Change) -> PathBuf {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let path = dir.join(name);
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let part_name = part.name().unwrap().to_string();
        let mut data = String::new();
        part.read_to_string(&mut data).unwrap();
        if let Change::Dtd(target) = change
            && part_name == target
        {
            let root = data.find("?>").map_or(0, |i| i + 2);
            let tag: String = data[root..]
                .trim_start()
                .trim_start_matches('<')
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>')
                .collect();
            data.insert_str(root, &monev_domain::xml::billion_laughs(&tag));
        }
        out.start_file(part_name, opts).unwrap();
        out.write_all(data.as_bytes()).unwrap();
    }
    if let Change::Bomb(mib) | Change::LyingBomb(mib) = change {
        out.start_file(BOMB, opts).unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..mib {
            out.write_all(&chunk).unwrap();
        }
    }
    out.finish().unwrap();
    if let Change::LyingBomb(_) = change {
        // The uncompressed size in the local header (offset 22) and the
        // central directory entry (offset 24), found by the name after them.
        let mut bytes = std::fs::read(&path).unwrap();
        let name = BOMB.as_bytes();
        let at: Vec<usize> = bytes
            .windows(name.len())
            .enumerate()
            .filter(|(_, w)| *w == name)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(at.len(), 2, "local header and central directory");
        for (start, field) in [(at[0] - 30, 22), (at[1] - 46, 24)] {
            bytes[start + field..start + field + 4].copy_from_slice(&1000u32.to_le_bytes());
        }
        std::fs::write(&path, bytes).unwrap();
    }
    path
}

const BOMB: &str = "xl/media/bom.xml";

fn package_refusal(path: &Path) -> String {
    match read_all(path) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("{} was read", path.display()),
    }
}

#[test]
fn a_package_workbook_with_entities_or_a_bomb_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = rewrite(&fixture(PACKAGE), tmp.path(), "paket.xlsx", Change::None);
    let data = read_all(&plain).expect("the rewritten fixture reads");
    assert!(!data.skm.is_empty());

    let laughs = rewrite(
        &fixture(PACKAGE),
        tmp.path(),
        "tertawa.xlsx",
        Change::Dtd("xl/worksheets/sheet1.xml"),
    );
    let why = package_refusal(&laughs);
    assert!(why.contains("tertawa.xlsx"), "{why}");
    assert!(
        why.contains("xl/worksheets/sheet1.xml") && why.contains("DTD"),
        "{why}"
    );

    let bomb = rewrite(&fixture(PACKAGE), tmp.path(), "bom.xlsx", Change::Bomb(80));
    let why = package_refusal(&bomb);
    assert!(
        why.contains("xl/media/bom.xml") && why.contains("zip bomb"),
        "{why}"
    );
}

/// The size checks above trust the sizes a workbook's headers declare.
/// That is safe because the zip reader (which calamine reads through too)
/// fails once a part inflates beyond its declared size: pinned here, so a
/// zip upgrade that dropped the bound would fail this test.
#[test]
fn a_part_that_understates_its_size_stops_at_the_declared_size() {
    let tmp = tempfile::tempdir().unwrap();
    let lying = rewrite(
        &fixture(PACKAGE),
        tmp.path(),
        "bohong.xlsx",
        Change::LyingBomb(80),
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&lying).unwrap()).unwrap();
    let mut part = zip.by_name(BOMB).unwrap();
    assert_eq!(part.size(), 1000);
    let mut read = 0u64;
    let mut buf = vec![0u8; 64 << 10];
    let error = loop {
        match part.read(&mut buf) {
            Ok(0) => panic!("the whole part was read"),
            Ok(n) => read += n as u64,
            Err(e) => break e,
        }
    };
    assert!(
        read <= 1000,
        "{read} bytes came out of a part declaring 1000"
    );
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidData, "{error}");
}

#[test]
fn an_xlsform_with_entities_or_a_bomb_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = rewrite(&fixture(FORM), tmp.path(), "polos.xlsx", Change::None);
    read_xlsform(&plain).expect("the rewritten form reads");

    for (name, change, expect) in [
        ("tertawa.xlsx", Change::Dtd("xl/workbook.xml"), "DTD"),
        ("bom.xlsx", Change::Bomb(80), "zip bomb"),
    ] {
        let path = rewrite(&fixture(FORM), tmp.path(), name, change);
        let why = read_xlsform(&path).unwrap_err().to_string();
        assert!(why.contains(name) && why.contains(expect), "{why}");
    }
}

#[test]
fn a_single_table_workbook_with_entities_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let src = fixture("../cli/tests/fixtures/kobo/skm-kobo.xlsx");
    let plain = rewrite(&src, tmp.path(), "polos.xlsx", Change::None);
    assert!(!read_table_header(&plain).unwrap().is_empty());
    let laughs = rewrite(
        &src,
        tmp.path(),
        "tertawa.xlsx",
        Change::Dtd("[Content_Types].xml"),
    );
    let why = read_table_header(&laughs).unwrap_err().to_string();
    assert!(
        why.contains("[Content_Types].xml") && why.contains("DTD"),
        "{why}"
    );
}

/// Issue 17: a KoboToolbox XLSX export "with labels": label headers, label
/// values, a select_multiple summary cell joining labels that contain
/// spaces, and `_submission_time` in UTC.
#[test]
fn a_kobo_xlsx_export_with_labels_reads_to_choice_names() {
    use monev_survey::xlsform::{Sheet, parse};
    let sheet = |name: &str, rows: &[&[&str]]| Sheet {
        name: name.into(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect(),
    };
    let form = parse(
        &[
            sheet(
                "survey",
                &[
                    &["type", "name", "label"],
                    &[
                        "select_multiple saluran",
                        "saluran",
                        "Dari mana Anda tahu layanan ini?",
                    ],
                    &["select_one puas", "puas", "Seberapa puas Anda?"],
                    &["text", "saran", "Saran"],
                ],
            ),
            sheet(
                "choices",
                &[
                    &["list_name", "name", "label"],
                    &["saluran", "wa", "WhatsApp"],
                    &["saluran", "loket", "Datang ke loket"],
                    &["saluran", "web", "Situs web"],
                    &["saluran", "situs", "Situs"],
                    &["puas", "sp", "Sangat puas"],
                    &["puas", "p", "Puas"],
                ],
            ),
        ],
        "f",
    )
    .unwrap()
    .instrument;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("ekspor-label.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    let rows: [[&str; 5]; 4] = [
        [
            "Dari mana Anda tahu layanan ini?",
            "Seberapa puas Anda?",
            "Saran",
            "_submission_time",
            "_uuid",
        ],
        [
            "Datang ke loket Situs web",
            "Sangat puas",
            "Antrean cepat",
            "2025-03-04T16:30:00",
            "0F8FAD5B-D9CB-469F-A165-70867728950E",
        ],
        [
            "Situs WhatsApp",
            "Puas",
            "",
            "2025-03-04T01:00:00",
            "1f8fad5b-d9cb-469f-a165-70867728950e",
        ],
        [
            "Situs web  Radio",
            "Puas",
            "",
            "2025-03-04T01:00:00",
            "2f8fad5b-d9cb-469f-a165-70867728950e",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(&path).unwrap();
    match monev_ingest::read_export(&path, &form, "2026-11-29") {
        Err(monev_ingest::PackageError::Invalid { errors, .. }) => {
            // The third row names a channel no label matches: refused,
            // located, the cell quoted as it was.
            assert_eq!(errors.len(), 1, "{errors:?}");
            let e = errors[0].to_string();
            assert!(e.contains(":4:") && e.contains("Situs web  Radio"), "{e}");
        }
        other => panic!(
            "expected the third row refused: {:?}",
            other.map(|e| e.mapped.submissions)
        ),
    }
    // Without it, every answer reads to choice names, longest label first.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows[..3].iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(&path).unwrap();
    let export = monev_ingest::read_export(&path, &form, "2026-11-29").unwrap();
    let s = &export.mapped.submissions;
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].answers["saluran"], "loket web");
    assert_eq!(s[0].answers["puas"], "sp");
    assert_eq!(
        s[0].tanggal.as_deref(),
        Some("2025-03-05"),
        "16.30 UTC is the next day in WITA"
    );
    assert_eq!(
        s[0].uuid.as_deref(),
        Some("0f8fad5b-d9cb-469f-a165-70867728950e")
    );
    assert_eq!(s[1].answers["saluran"], "situs wa");
    assert_eq!(s[1].tanggal.as_deref(), Some("2025-03-04"));
}
