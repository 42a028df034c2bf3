//! ASN questionnaires by one-time token, on the real server: tokens made
//! for a respondent list and downloaded once, each answered once, and the
//! answers reaching Kirkpatrick 1 and 3 and the participation constraint.

use crate::common;

use std::path::Path;

use common::*;
use monev_store::ImportOptions;
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

async fn evaluation(addr: std::net::SocketAddr, cookie: &str) -> Value {
    let r = http(addr, "GET", "/api/v1/evaluasi", cookie, None).await;
    serde_json::from_str(&r.body).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_are_made_for_a_list_and_each_answers_once() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (evaluator, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let data = server
        .store()
        .await
        .load_program("ASN-AMPENAN-2025")
        .await
        .unwrap();
    let module = data.pelatihan[0].kode.clone();
    let mut participants: Vec<String> = data
        .peserta
        .iter()
        .filter(|p| p.pelatihan == module)
        .map(|p| p.nip.to_string())
        .collect();
    participants.sort();
    participants.dedup();

    // Tokens for the module's participants: a CSV of links, one per person.
    let page = http(addr, "GET", "/survei-asn", &evaluator, None).await;
    assert_eq!(page.status, 200);
    let r = http(
        addr,
        "POST",
        "/survei-asn",
        &evaluator,
        Some(&format!("csrf={csrf}&instrumen=reaksi&pelatihan={module}")),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.header("content-disposition")
            .is_some_and(|d| d.contains("token-reaksi"))
    );
    let links: Vec<String> = r
        .body
        .lines()
        .skip(1)
        .map(|l| l.rsplit(';').next().unwrap().trim_matches('"').to_string())
        .collect();
    assert_eq!(links.len(), participants.len());
    assert!(
        links
            .iter()
            .all(|l| l.starts_with(&format!("http://{addr}/t/")))
    );
    let path = links[0].replace(&format!("http://{addr}"), "");

    let before = evaluation(addr, &evaluator).await;
    let n_before = before["reaksi"]["per_pelatihan"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["pelatihan"] == module.as_str())
        .map_or(0, |m| m["n"].as_u64().unwrap());

    let form = http(addr, "GET", &path, "", None).await;
    assert_eq!(form.status, 200);
    assert_eq!(form.header("cache-control"), Some("no-store"));
    for item in &data.reaksi_item {
        assert!(
            form.body.contains(&format!("name=\"{}\"", item.kode)),
            "{}",
            item.kode
        );
    }
    let uuid = uuid_of(&form.body);
    let mut answers = format!("_uuid={uuid}&saran=Lebih+banyak+praktik");
    for item in &data.reaksi_item {
        answers.push_str(&format!("&{}=5", item.kode));
    }
    // A missing item: the form again, marked.
    let partial = answers.replace(&format!("&{}=5", data.reaksi_item[0].kode), "");
    assert_eq!(
        http(addr, "POST", &path, "", Some(&partial)).await.status,
        422
    );
    let r = http(addr, "POST", &path, "", Some(&answers)).await;
    assert_eq!(r.status, 303, "{}", r.body);
    // Sent again: nothing new. Another form on the same link: refused.
    assert_eq!(
        http(addr, "POST", &path, "", Some(&answers)).await.status,
        303
    );
    let other = answers.replace(&uuid, "0f5d2eb9-a1b5-4454-9396-e84f6fc6d5cd");
    assert_eq!(
        http(addr, "POST", &path, "", Some(&other)).await.status,
        409
    );
    let used = http(addr, "GET", &path, "", None).await;
    assert!(used.body.contains("tidak dapat dipakai lagi"));
    assert!(!used.body.contains("<form method=\"post\""));

    let after = evaluation(addr, &evaluator).await;
    let m = after["reaksi"]["per_pelatihan"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["pelatihan"] == module.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        m["n"].as_u64().unwrap(),
        n_before + 1,
        "one more questionnaire"
    );

    // A package re-import keeps the questionnaire answered online.
    let store = server.store().await;
    let pkg = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/paket-koma");
    store.import(&pkg, ImportOptions::default()).await.unwrap();
    let again = evaluation(addr, &evaluator).await;
    let m2 = again["reaksi"]["per_pelatihan"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["pelatihan"] == module.as_str())
        .unwrap()
        .clone();
    assert_eq!(m2["n"], m["n"]);

    // Unknown tokens are nothing; the audit log records who made tokens.
    assert_eq!(http(addr, "GET", "/t/TIDAKADA", "", None).await.status, 404);
    let (admin, _) = login(addr, "admin", PASSWORD).await.unwrap();
    let log = http(addr, "GET", "/audit", &admin, None).await;
    assert!(log.body.contains("buat_token_survei"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ratings_and_reasons_reach_the_evaluation() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (evaluator, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let before = evaluation(addr, &evaluator).await;
    assert_eq!(before["partisipasi"]["alasan"]["responden"], 0);

    // Why not: two reasons and a yes; kept without the name.
    let token = survey_token(&server, "nonpeserta").await;
    let form = http(addr, "GET", &format!("/t/{token}"), "", None).await;
    assert!(form.body.contains("tanpa nama"));
    let uuid = uuid_of(&form.body);
    let r = http(
        addr,
        "POST",
        &format!("/t/{token}"),
        "",
        Some(&format!(
            "_uuid={uuid}&alasan=beban_kerja&alasan=jadwal&minat=ya"
        )),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let after = evaluation(addr, &evaluator).await;
    let alasan = &after["partisipasi"]["alasan"];
    assert_eq!(alasan["responden"], 1);
    assert_eq!(alasan["bersedia_persen"], 100.0);
    assert!(
        after["temuan"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kode"] == "kendala.alasan_nonpeserta")
    );

    // A superior's rating: one row per aspect in Kirkpatrick 3.
    let rows_before = server
        .store()
        .await
        .load_program("ASN-AMPENAN-2025")
        .await
        .unwrap()
        .kinerja
        .len();
    let token = survey_token(&server, "kinerja").await;
    let form = http(addr, "GET", &format!("/t/{token}"), "", None).await;
    assert!(form.body.contains("Penilaian untuk"), "{}", form.body);
    let uuid = uuid_of(&form.body);
    let aspects = ["kerja_sama", "komunikasi", "manajemen_waktu", "pelayanan"];
    let body = aspects
        .iter()
        .fold(format!("_uuid={uuid}"), |b, a| format!("{b}&{a}=4"));
    assert_eq!(
        http(addr, "POST", &format!("/t/{token}"), "", Some(&body))
            .await
            .status,
        303
    );
    let data = server
        .store()
        .await
        .load_program("ASN-AMPENAN-2025")
        .await
        .unwrap();
    assert_eq!(data.kinerja.len(), rows_before + aspects.len());
}
