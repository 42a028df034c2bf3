//! Instruments as data on the real server: built-ins download as XLSForm
//! and read back the same; an uploaded XLSForm is refused located or saved
//! with what it left out named; a mapping edit makes a new version that
//! feeds the IKM; a form of its own keeps its answers.

use crate::common;

use std::path::Path;

use common::*;
use monev_web::Settings;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../ingest/tests/fixtures/pyxform")
            .join(name),
    )
    .unwrap()
}

/// Uploads pyxform's `text_and_integer` form (a text and an integer
/// question) as an evaluator.
async fn upload_text_form(addr: std::net::SocketAddr, cookie: &str, csrf: &str) {
    let r = upload_to(
        addr,
        "/instrumen",
        "xlsform",
        cookie,
        csrf,
        "text_and_integer.xlsx",
        &fixture("text_and_integer.xlsx"),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_skm_instrument_downloads_as_an_xlsform_that_reads_back_the_same() {
    let server = spawn(Settings::default()).await;
    let (evaluator, _) = login(server.addr, "evaluator", PASSWORD).await.unwrap();
    let bytes = http_bytes(server.addr, "/instrumen/skm/xlsform.xlsx", &evaluator).await;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("skm.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let parsed = monev_ingest::read_xlsform(&path).unwrap();
    let original = monev_survey::builtin::skm();
    assert_eq!(parsed.instrument.items, original.items);
    assert_eq!(parsed.instrument.choices, original.choices);
    assert!(parsed.instrument.feeds_skm());
    // Pimpinan and operators do not manage instruments.
    let (operator, _) = login(server.addr, "operator", PASSWORD).await.unwrap();
    assert_eq!(
        http(server.addr, "GET", "/instrumen", &operator, None)
            .await
            .status,
        403
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_are_refused_located_or_saved_with_omissions_named() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (evaluator, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let bad = upload_to(
        addr,
        "/instrumen",
        "xlsform",
        &evaluator,
        &csrf,
        "duplicate_columns.xlsx",
        &fixture("duplicate_columns.xlsx"),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("survey!E1"), "{}", bad.body);

    let ok = upload_to(
        addr,
        "/instrumen",
        "xlsform",
        &evaluator,
        &csrf,
        "xlsform_spec_test.xlsx",
        &fixture("xlsform_spec_test.xlsx"),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(ok.body.contains("repeat_test") && ok.body.contains("geopoint_test"));
    let list = http(addr, "GET", "/instrumen", &evaluator, None).await;
    assert!(list.body.contains("/instrumen/spec-test"), "{}", list.body);
    let detail = http(addr, "GET", "/instrumen/spec-test", &evaluator, None).await;
    assert_eq!(detail.status, 200);
    assert!(detail.body.contains("tidak masuk ke IKM"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_renamed_question_is_mapped_by_hand_and_the_form_feeds_the_ikm() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (evaluator, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    // The SKM form with U3 asked under another name.
    let mut sheets = monev_survey::xlsform::to_sheets(&monev_survey::builtin::skm());
    for row in sheets[0].rows.iter_mut() {
        if row[1] == "u3" {
            row[1] = "kecepatan".into();
        }
    }
    sheets[2].rows[1][0] = "skm_ampenan".into();
    let named: Vec<(&str, &[Vec<String>])> = sheets
        .iter()
        .map(|s| (s.name.as_str(), s.rows.as_slice()))
        .collect();
    let bytes = monev_report::table::xlsx_text_sheets(&named).unwrap();
    let r = upload_to(
        addr,
        "/instrumen",
        "xlsform",
        &evaluator,
        &csrf,
        "skm_ampenan.xlsx",
        &bytes,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let detail = http(addr, "GET", "/instrumen/skm_ampenan", &evaluator, None).await;
    assert!(detail.body.contains("tidak masuk ke IKM"), "U3 unmapped");
    let r = http(
        addr,
        "POST",
        "/instrumen/skm_ampenan/peta",
        &evaluator,
        Some(&format!("csrf={csrf}&kecepatan=u3")),
    )
    .await;
    assert_eq!(r.status, 303);
    let detail = http(addr, "GET", "/instrumen/skm_ampenan", &evaluator, None).await;
    assert!(detail.body.contains("masuk ke IKM"), "{}", detail.body);
    assert!(detail.body.contains("versi 2"));

    // Its public form lands in the unit's SKM rows.
    let list = http(
        addr,
        "GET",
        "/formulir?instrumen=skm_ampenan",
        &evaluator,
        None,
    )
    .await;
    assert_eq!(list.status, 200);
    let code = list
        .body
        .split("href=\"/f/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let form = http(addr, "GET", &format!("/f/{code}"), "", None).await;
    assert!(form.body.contains("name=\"kecepatan\""));
    let uuid = form
        .body
        .split("name=\"_uuid\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let store = server.store().await;
    let before = store
        .load_program("ASN-AMPENAN-2025")
        .await
        .unwrap()
        .skm
        .len();
    let mut body = format!("_uuid={uuid}&jenis_kelamin=L");
    for q in ["u1", "u2", "kecepatan", "u4", "u5", "u6", "u7", "u8", "u9"] {
        body.push_str(&format!("&{q}=3"));
    }
    let r = http(addr, "POST", &format!("/f/{code}"), "", Some(&body)).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let after = store.load_program("ASN-AMPENAN-2025").await.unwrap().skm;
    assert_eq!(after.len(), before + 1);
    assert_eq!(after.last().unwrap().jawaban[2].map(|v| v.value()), Some(3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_of_its_own_keeps_its_answers() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (evaluator, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    upload_text_form(addr, &evaluator, &csrf).await;
    let list = http(
        addr,
        "GET",
        "/formulir?instrumen=text_and_integer",
        &evaluator,
        None,
    )
    .await;
    let code = list
        .body
        .split("href=\"/f/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let form = http(addr, "GET", &format!("/f/{code}"), "", None).await;
    assert!(form.body.contains("How many years old are you?"));
    let uuid = form
        .body
        .split("name=\"_uuid\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let body = format!("_uuid={uuid}&your_name=Budi&your_age=41");
    assert_eq!(
        http(addr, "POST", &format!("/f/{code}"), "", Some(&body))
            .await
            .status,
        303
    );
    assert_eq!(
        http(addr, "POST", &format!("/f/{code}"), "", Some(&body))
            .await
            .status,
        303
    );
    let kept = server
        .store()
        .await
        .answers("ASN-AMPENAN-2025", "text_and_integer", None)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1, "once per UUID");
    assert!(kept[0].4.contains("\"your_age\":\"41\""), "{:?}", kept[0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instruments_answers_download_one_column_per_question() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (evaluator, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    upload_text_form(addr, &evaluator, &csrf).await;
    let store = server.store().await;
    store
        .add_answers(
            "ASN-AMPENAN-2025",
            "0f5d2eb9-a1b5-4454-9396-e84f6fc6d5cd",
            "text_and_integer",
            1,
            OWN,
            r#"{"your_name":"Sari","your_age":"29"}"#,
        )
        .await
        .unwrap();
    // A name a spreadsheet would run (CSV injection): written as text.
    store
        .add_answers(
            "ASN-AMPENAN-2025",
            "1f5d2eb9-a1b5-4454-9396-e84f6fc6d5cd",
            "text_and_integer",
            1,
            OWN,
            r#"{"your_name":"=cmd|' /C calc'!A0","your_age":"30"}"#,
        )
        .await
        .unwrap();
    let csv = http(
        addr,
        "GET",
        "/instrumen/text_and_integer/jawaban.csv",
        &evaluator,
        None,
    )
    .await;
    assert_eq!(csv.status, 200);
    let mut lines = csv.body.lines();
    assert_eq!(
        lines.next().unwrap(),
        "\u{feff}\"your_name\";\"your_age\";\"instansi\";\"_id\";\"_submission_time\";\"_versi\""
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with(&format!("\"Sari\";\"29\";\"{OWN}\""))
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("\"'=cmd|' /C calc'!A0\";\"30\""),
        "{}",
        csv.body
    );
    // An SKM instrument gives the SKM responses.
    let skm = http(addr, "GET", "/instrumen/skm/jawaban.csv", &evaluator, None).await;
    assert!(
        skm.body
            .starts_with("\u{feff}\"instansi\";\"jenis_layanan\"")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kobo_export_is_checked_mapped_by_hand_and_saved_from_the_browser() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (evaluator, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let export = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/kobo/skm-kobo.csv"),
    )
    .unwrap();
    let renamed = export.replacen("\"penilaian/u3\"", "\"Kecepatan pelayanan\"", 1);
    let r = upload_to(
        addr,
        "/formulir/kobo",
        "ekspor",
        &evaluator,
        &csrf,
        "skm-kobo.csv",
        renamed.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        r.body.contains("skm-kobo.csv:2: u3"),
        "located, with the file's own name"
    );
    assert!(
        r.body.contains("Kecepatan pelayanan"),
        "the column is listed"
    );
    let id = r
        .body
        .split("name=\"berkas\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let form = format!(
        "csrf={csrf}&berkas={id}&nama=skm-kobo.csv&instansi=&peta=Kecepatan+pelayanan%3Du3"
    );
    let r = http(
        addr,
        "POST",
        "/formulir/kobo/periksa",
        &evaluator,
        Some(&form),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("238") && r.body.contains("akan ditambahkan"));
    let before = server
        .store()
        .await
        .load_program("ASN-AMPENAN-2025")
        .await
        .unwrap()
        .skm
        .len();
    assert_eq!(
        server
            .store()
            .await
            .load_program("ASN-AMPENAN-2025")
            .await
            .unwrap()
            .skm
            .len(),
        before,
        "checking wrote nothing"
    );
    let r = http(
        addr,
        "POST",
        "/formulir/kobo/simpan",
        &evaluator,
        Some(&form),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("Impor selesai"));
    let after = server
        .store()
        .await
        .load_program("ASN-AMPENAN-2025")
        .await
        .unwrap()
        .skm
        .len();
    assert_eq!(after, before + 238);
    // Someone else cannot save this upload.
    let (admin, admin_csrf) = login(addr, "admin", PASSWORD).await.unwrap();
    let stolen = format!("csrf={admin_csrf}&berkas={id}&nama=x.csv&instansi=&peta=");
    assert_eq!(
        http(addr, "POST", "/formulir/kobo/simpan", &admin, Some(&stolen))
            .await
            .status,
        404
    );
}

/// `serve --retensi-hari N`: at start (and daily) the server empties the
/// free text of answers older than N days (the name typed into a form) and
/// keeps their numbers; the pass is in the audit log. (Which answers are old
/// enough, and batching: `crates/store/tests/it/retention.rs`.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_with_a_retention_period_empties_old_free_text() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (evaluator, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    upload_text_form(addr, &evaluator, &csrf).await;
    let store = server.store().await;
    assert!(
        store
            .add_answers(
                "ASN-AMPENAN-2025",
                "0f5d2eb9-a1b5-4454-9396-e84f6fc6d5c1",
                "text_and_integer",
                1,
                OWN,
                r#"{"your_name":"Sari Lama","your_age":"29"}"#,
            )
            .await
            .unwrap()
    );
    let answers = || async {
        store
            .answers("ASN-AMPENAN-2025", "text_and_integer", None)
            .await
            .unwrap()
            .into_iter()
            .map(|a| serde_json::from_str::<serde_json::Value>(&a.4).unwrap())
            .collect::<Vec<_>>()
    };
    let named = serde_json::json!({"your_name": "Sari Lama", "your_age": "29"});
    assert_eq!(answers().await, std::slice::from_ref(&named));
    // Timestamps have whole seconds: the answer is older than "now" after one.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;

    spawn_beside(
        &server,
        Settings {
            retention_days: Some(0),
            ..Settings::default()
        },
    )
    .await;
    let mut kept = answers().await;
    for _ in 0..100 {
        if kept != std::slice::from_ref(&named) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        kept = answers().await;
    }
    assert_eq!(kept, [serde_json::json!({"your_age": "29"})]);
    let audit = store.audit_rows(50).await.unwrap();
    assert!(audit.iter().any(|a| a.aksi == "retensi_teks"), "{audit:?}");
}
