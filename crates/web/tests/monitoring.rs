//! `/api/v1/pemantauan` groups in the database and gives the evaluation's
//! own figures: the same IKM and NRR per instansi and phase to the last bit
//! (the same integer sums), the same ticket counts and waiting-time means
//! and standard deviations. On PostgreSQL when `MONEV_TEST_POSTGRES` is set.

mod common;

use common::*;
use monev_web::Settings;
use serde_json::Value;

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn find<'a>(rows: &'a Value, instansi: &str, fase: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["instansi"] == instansi && r["fase"] == fase)
        .unwrap_or_else(|| panic!("{instansi} {fase} missing from the evaluation"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_figures_from_sql_equal_the_evaluation() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (cookie, _) = login(addr, "pimpinan", PASSWORD).await.unwrap();
    let live = http(addr, "GET", "/api/v1/pemantauan", &cookie, None).await;
    assert_eq!(live.status, 200, "{}", live.body);
    let live = json(&live.body);
    let e = json(
        &http(addr, "GET", "/api/v1/evaluasi", &cookie, None)
            .await
            .body,
    );

    let skm = live["skm"].as_array().unwrap();
    assert!(skm.len() >= 4, "{live}");
    let mut shown = 0;
    for row in skm {
        let (i, f) = (
            row["instansi"].as_str().unwrap(),
            row["fase"].as_str().unwrap(),
        );
        let want = find(&e["skm"]["per_instansi"], i, f);
        assert_eq!(row["n"], want["n"], "{i} {f}");
        if row["disembunyikan"] == true {
            assert!(row["n"].as_u64().unwrap() < 5 && row.get("ikm").is_none());
            continue;
        }
        shown += 1;
        assert_eq!(row["ikm"], want["ikm"], "{i} {f}");
        assert_eq!(row["nrr"], want["nrr"], "{i} {f}");
        assert_eq!(row["mutu"], want["mutu"], "{i} {f}");
    }
    assert!(shown >= 4);
    assert_eq!(
        skm.iter().map(|r| r["n"].as_u64().unwrap()).sum::<u64>(),
        e["jumlah"]["skm"].as_u64().unwrap()
    );

    let layanan = live["layanan"].as_array().unwrap();
    assert_eq!(
        layanan.len(),
        e["layanan"]["per_instansi"].as_array().unwrap().len()
    );
    for row in layanan {
        let (i, f) = (
            row["instansi"].as_str().unwrap(),
            row["fase"].as_str().unwrap(),
        );
        let want = find(&e["layanan"]["per_instansi"], i, f);
        assert_eq!(row["n"], want["n"], "{i} {f}");
        for k in ["tunggu_rata_menit", "tunggu_sd_menit"] {
            let (a, b) = (row[k].as_f64().unwrap(), want[k].as_f64().unwrap());
            assert!(
                (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                "{i} {f} {k}: {a} vs {b}"
            );
        }
    }

    // A questionnaire submitted now counts within moments: the first read
    // after it may still be the figures held while the new ones are grouped
    // in the background, never older than that.
    let total = |v: &Value| -> u64 {
        v["skm"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["n"].as_u64().unwrap())
            .sum()
    };
    let before = total(&live);
    let link = form_link(&server, OWN).await;
    let mut body =
        "_uuid=3f5d2eb9-a1b5-4454-9396-e84f6fc6d5cd&_situs=&jenis_kelamin=P&usia=34".to_string();
    for u in 1..=9 {
        body.push_str(&format!("&u{u}=4"));
    }
    let r = http(addr, "POST", &format!("/f/{link}"), "", Some(&body)).await;
    assert!(r.status < 400, "{} {}", r.status, r.body);
    let mut seen = Vec::new();
    for _ in 0..100 {
        let now = json(
            &http(addr, "GET", "/api/v1/pemantauan", &cookie, None)
                .await
                .body,
        );
        seen.push(total(&now));
        if total(&now) == before + 1 {
            assert!(now["versi_data"].as_i64() > live["versi_data"].as_i64());
            return;
        }
        assert_eq!(total(&now), before, "only the held or the new figures");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the new questionnaire never counted: {seen:?}");
}
