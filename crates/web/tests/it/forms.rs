//! Public SKM forms on the real server: anonymous, small, idempotent by
//! the form's UUID, guarded by a honeypot and a rate limit, and feeding the
//! live IKM.

use crate::common;

use common::*;
use monev_web::Settings;
use serde_json::Value;

fn uuid_of(body: &str) -> String {
    body.split("name=\"_uuid\" value=\"")
        .nth(1)
        .expect("a uuid field")
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

fn answers(uuid: &str, extra: &str) -> String {
    let mut s = format!(
        "_uuid={uuid}&_situs=&jenis_kelamin=P&usia=34&pendidikan=SMA&pekerjaan=Wirausaha&jenis_layanan=KTP"
    );
    for u in 1..=9 {
        s.push_str(&format!("&u{u}=4"));
    }
    s.push_str(extra);
    s
}

async fn skm_of(server: &Server, instansi: &str) -> usize {
    let d = server
        .store()
        .await
        .load_program("ASN-AMPENAN-2025")
        .await
        .unwrap();
    d.skm.iter().filter(|r| r.instansi == instansi).count()
}

/// n of the instansi's SKM group after the intervention, from the API.
async fn n_after(addr: std::net::SocketAddr, cookie: &str, instansi: &str) -> (u64, f64) {
    let r = http(addr, "GET", "/api/v1/evaluasi", cookie, None).await;
    let doc: Value = serde_json::from_str(&r.body).unwrap();
    let g = doc["skm"]["per_instansi"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["instansi"] == instansi && g["fase"] == "sesudah")
        .unwrap()
        .clone();
    (g["n"].as_u64().unwrap(), g["ikm"].as_f64().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_submits_once_even_twice_and_the_ikm_moves() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let code = form_link(&server, OWN).await;
    let (evaluator, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let before = n_after(addr, &evaluator, OWN).await;

    let form = http(addr, "GET", &format!("/f/{code}"), "", None).await;
    assert_eq!(form.status, 200);
    assert_eq!(form.header("cache-control"), Some("no-store"));
    assert!(form.body.contains("Kantor Lurah Ampenan Selatan"));
    for u in 1..=9 {
        assert!(form.body.contains(&format!("name=\"u{u}\"")), "u{u}");
    }
    assert!(
        form.body.contains("Dikelola dengan baik"),
        "official U8 labels"
    );
    // Anonymous: no name, NIK or phone asked; the unit is not a field.
    for field in [
        "name=\"nama\"",
        "name=\"nik\"",
        "name=\"telepon\"",
        "name=\"instansi\"",
    ] {
        assert!(!form.body.contains(field), "{field}");
    }
    // Small: the page and its stylesheet together under 50 KB.
    let css = http(addr, "GET", "/static/monev.css", "", None).await;
    eprintln!(
        "form {} B, stylesheet {} B",
        form.body.len(),
        css.body.len()
    );
    assert!(
        form.body.len() + css.body.len() < 50 * 1024,
        "{} + {} bytes",
        form.body.len(),
        css.body.len()
    );

    let uuid = uuid_of(&form.body);
    let first = skm_of(&server, OWN).await;
    let path = format!("/f/{code}");
    // A unit posted by hand is ignored: the link decides.
    let body = answers(&uuid, &format!("&instansi={OTHER}"));
    let r = http(addr, "POST", &path, "", Some(&body)).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        r.header("location"),
        Some(format!("/f/{code}/terima-kasih").as_str())
    );
    assert_eq!(skm_of(&server, OWN).await, first + 1);
    // The same form sent again: still one response.
    let again = http(addr, "POST", &path, "", Some(&body)).await;
    assert_eq!(again.status, 303);
    assert_eq!(skm_of(&server, OWN).await, first + 1);
    let thanks = http(addr, "GET", &format!("/f/{code}/terima-kasih"), "", None).await;
    assert!(thanks.body.contains("Terima kasih"));

    // The live IKM: one more response after the intervention, all answers 4.
    let after = n_after(addr, &evaluator, OWN).await;
    assert_eq!(after.0, before.0 + 1);
    assert!(after.1 > before.1, "{before:?} → {after:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_answers_spam_and_floods_are_turned_away() {
    let server = spawn(Settings {
        submissions_per_10_min: 3,
        ..Settings::default()
    })
    .await;
    let addr = server.addr;
    let code = form_link(&server, OWN).await;
    let path = format!("/f/{code}");
    let start = skm_of(&server, OWN).await;

    // A missing unsur and an impossible age: the form again, marked, values kept.
    let body = answers("0f5d2eb9-a1b5-4454-9396-e84f6fc6d5cd", "")
        .replace("&u9=4", "")
        .replace("usia=34", "usia=7");
    let r = http(addr, "POST", &path, "", Some(&body)).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("aria-invalid=\"true\""));
    assert!(r.body.contains("Usia 15–100 tahun."), "{}", r.body);
    assert!(r.body.contains("value=\"7\""), "what was typed is kept");
    assert!(
        r.body.contains("0f5d2eb9-a1b5-4454-9396-e84f6fc6d5cd"),
        "same uuid"
    );
    // A form without its uuid is not a form.
    let r = http(addr, "POST", &path, "", Some("u1=4")).await;
    assert_eq!(r.status, 400);
    // A bot filling the hidden field is thanked and forgotten.
    let bot = answers("1f5d2eb9-a1b5-4454-9396-e84f6fc6d5cd", "")
        .replace("_situs=", "_situs=http://spam");
    let r = http(addr, "POST", &path, "", Some(&bot)).await;
    assert_eq!(r.status, 303);
    assert_eq!(skm_of(&server, OWN).await, start);
    // The rate limit: 3 per 10 minutes from one address (the bad ones counted).
    let r = http(
        addr,
        "POST",
        &path,
        "",
        Some(&answers("2f5d2eb9-a1b5-4454-9396-e84f6fc6d5cd", "")),
    )
    .await;
    assert_eq!(r.status, 429, "{}", r.body);
    assert_eq!(r.header("retry-after"), Some("600"));
    // An unknown link.
    assert_eq!(http(addr, "GET", "/f/TIDAKADA", "", None).await.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_qr_codes_and_posters() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let code = form_link(&server, OWN).await;
    let svg = http(addr, "GET", &format!("/f/{code}/qr.svg"), "", None).await;
    assert_eq!(svg.status, 200);
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert!(
        svg.body.contains(&format!("http://{addr}/f/{code}")),
        "the link is in its title"
    );
    let png = http(addr, "GET", &format!("/f/{code}/qr.png"), "", None).await;
    assert_eq!(png.header("content-type"), Some("image/png"));
    let poster = http(addr, "GET", &format!("/f/{code}/poster"), "", None).await;
    assert!(poster.body.contains("Kantor Lurah Ampenan Selatan") && poster.body.contains("<svg"));

    // Operators see their own unit's link; evaluators every unit's.
    let (operator, _) = login(addr, "operator", PASSWORD).await.unwrap();
    let list = http(addr, "GET", "/formulir", &operator, None).await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains(&format!("/f/{code}")));
    assert!(!list.body.contains("Kantor Lurah Banjar"));
    let (evaluator, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let list = http(addr, "GET", "/formulir", &evaluator, None).await;
    assert!(list.body.contains("Kantor Lurah Banjar"));
    // An enumerator hands out every unit's links and posters, and is not
    // offered the raw answers (which stay with the roster roles).
    let (enumerator, _) = login(addr, "enumerator", PASSWORD).await.unwrap();
    let field = http(addr, "GET", "/formulir", &enumerator, None).await;
    assert_eq!(field.status, 200);
    assert!(field.body.contains("Kantor Lurah Banjar") && field.body.contains("/poster\""));
    assert!(!field.body.contains("/formulir/skm.csv"));
    assert_eq!(
        http(addr, "GET", "/formulir/skm.csv", &enumerator, None)
            .await
            .status,
        403
    );
    assert_eq!(
        list.body.matches("/poster\"").count(),
        13,
        "one link per instansi"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn responses_download_as_csv_and_xlsx_for_those_who_may() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let all = server
        .store()
        .await
        .load_program("ASN-AMPENAN-2025")
        .await
        .unwrap()
        .skm
        .len();
    let (evaluator, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let csv = http(addr, "GET", "/formulir/skm.csv", &evaluator, None).await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.header("content-disposition")
            .is_some_and(|d| d.contains("skm-ASN-AMPENAN-2025.csv"))
    );
    assert!(
        csv.body
            .starts_with("\u{feff}\"instansi\";\"jenis_layanan\"")
    );
    assert_eq!(
        csv.body.matches("\r\n").count(),
        all + 1,
        "header + every row"
    );
    // An operator gets their own unit's rows only.
    let (operator, _) = login(addr, "operator", PASSWORD).await.unwrap();
    let own = http(addr, "GET", "/formulir/skm.csv", &operator, None).await;
    assert_eq!(own.status, 200);
    let lines: Vec<&str> = own.body.lines().skip(1).collect();
    assert!(!lines.is_empty() && lines.iter().all(|l| l.starts_with(&format!("\"{OWN}\""))));
    // Pimpinan read dashboards, not raw rows.
    let (pimpinan, _) = login(addr, "pimpinan", PASSWORD).await.unwrap();
    assert_eq!(
        http(addr, "GET", "/formulir/skm.csv", &pimpinan, None)
            .await
            .status,
        403
    );
    // XLSX: a real workbook (a zip), read back by the importer's reader.
    let xlsx = http_bytes(addr, "/formulir/skm.xlsx", &evaluator).await;
    assert_eq!(&xlsx[..2], b"PK");
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("skm.xlsx");
    std::fs::write(&path, &xlsx).unwrap();
    let sheets = monev_ingest::read_workbook(&path).unwrap();
    assert_eq!(sheets[0].name, "SKM");
    assert_eq!(sheets[0].rows.len(), all + 1);
    assert_eq!(sheets[0].rows[0][6], "u1");
}

/// Issue 17: an anonymous citizen's free text reaches the evaluator's
/// spreadsheet as text, never as a formula (OWASP CSV injection), in every
/// CSV of the answers; free text is held to the form's `maxlength` on the
/// server too; a UUID sent in another spelling is the same answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn free_text_is_bounded_and_reaches_csv_as_text_and_uuids_have_one_spelling() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let code = form_link(&server, OWN).await;
    let path = format!("/f/{code}");
    let start = skm_of(&server, OWN).await;
    let with_service = |uuid: &str, service: &str| {
        answers(uuid, "").replace(
            "jenis_layanan=KTP",
            &format!("jenis_layanan={}", enc(service)),
        )
    };

    // Longer than the form's maxlength: 422, the field named, nothing kept.
    let r = http(
        addr,
        "POST",
        &path,
        "",
        Some(&with_service(
            "3f5d2eb9-a1b5-4454-9396-e84f6fc6d5cd",
            &"a".repeat(501),
        )),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("q-jenis_layanan-galat"), "{}", r.body);
    assert!(r.body.contains("Paling banyak 500 karakter."), "{}", r.body);
    assert_eq!(skm_of(&server, OWN).await, start);
    let r = http(
        addr,
        "POST",
        &path,
        "",
        Some(&with_service(
            "3f5d2eb9-a1b5-4454-9396-e84f6fc6d5cd",
            &"é".repeat(500),
        )),
    )
    .await;
    assert_eq!(r.status, 303, "500 characters (not bytes) are allowed");

    // Formulas in free text.
    let hostile = [
        "=HYPERLINK(\"http://evil.example\",\"klik\")",
        "+62 812",
        "-1+1",
        "@SUM(A1:A9)",
    ];
    for (n, text) in hostile.iter().enumerate() {
        let uuid = format!("4f5d2eb9-a1b5-4454-9396-e84f6fc6d5c{n}");
        let r = http(addr, "POST", &path, "", Some(&with_service(&uuid, text))).await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    // The same answer again with its UUID in capitals and ODK's prefix.
    let again = with_service("uuid:4F5D2EB9-A1B5-4454-9396-E84F6FC6D5C0", hostile[0]);
    assert_eq!(
        http(addr, "POST", &path, "", Some(&again)).await.status,
        303
    );
    assert_eq!(skm_of(&server, OWN).await, start + 1 + hostile.len());

    let (evaluator, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    for export in ["/formulir/skm.csv", "/instrumen/skm/jawaban.csv"] {
        let csv = http(addr, "GET", export, &evaluator, None).await;
        assert_eq!(csv.status, 200, "{export}");
        for line in csv.body.trim_start_matches('\u{feff}').split("\r\n") {
            for field in line.split("\";\"") {
                let field = field.trim_start_matches('"');
                assert!(
                    !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{export}: a cell a spreadsheet would run: {field:?}"
                );
            }
        }
        for text in hostile {
            let shown = format!("\"'{}\"", text.replace('"', "\"\""));
            assert!(csv.body.contains(&shown), "{export}: {shown} missing");
        }
    }
}
