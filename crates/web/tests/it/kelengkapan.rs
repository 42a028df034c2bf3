//! The completeness page, its JSON and the reminder list: every unit for
//! the evaluator, an operator's own unit only, the due date a setting.

use monev_web::Settings;

use crate::common::{OWN, PASSWORD, form, http, login, spawn};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completeness_per_period_with_its_reminders() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (cookie, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let page = http(addr, "GET", "/kelengkapan", &cookie, None).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Kelengkapan dan ketepatan waktu") && page.body.contains("KEL-BAN"),
        "{}",
        page.body
    );
    let api = http(addr, "GET", "/api/v1/kelengkapan", &cookie, None).await;
    let k: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(k["batas_hari"], 10);
    let units = k["baris"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| !b["instansi"].is_null())
        .count();
    assert_eq!(units, 13);
    // Nothing was submitted and the period is long past: every unit late,
    // every one on the reminder list.
    let csv = http(addr, "GET", "/kelengkapan/pengingat.csv", &cookie, None).await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.body.lines().count(), 1 + 13, "{}", csv.body);
    assert!(csv.body.contains("pengajuan angka"));
    // The due date is the programme's.
    let r = http(
        addr,
        "POST",
        "/kelengkapan/batas",
        &cookie,
        Some(&form(&[("csrf", &csrf), ("hari", "14")])),
    )
    .await;
    assert_eq!(r.status, 303);
    let k: serde_json::Value = serde_json::from_str(
        &http(addr, "GET", "/api/v1/kelengkapan", &cookie, None)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(k["batas_hari"], 14);
    let r = http(
        addr,
        "POST",
        "/kelengkapan/batas",
        &cookie,
        Some(&form(&[("csrf", &csrf), ("hari", "-1")])),
    )
    .await;
    assert_eq!(r.status, 422);
    // An operator: their unit only, no reminder list.
    let (op, _) = login(addr, "operator", PASSWORD).await.unwrap();
    let k: serde_json::Value = serde_json::from_str(
        &http(addr, "GET", "/api/v1/kelengkapan", &op, None)
            .await
            .body,
    )
    .unwrap();
    let shown: Vec<&str> = k["baris"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["instansi"].as_str().unwrap_or("(program)"))
        .collect();
    assert_eq!(shown, [OWN]);
    assert_eq!(
        http(addr, "GET", "/kelengkapan/pengingat.csv", &op, None)
            .await
            .status,
        403
    );
}
