//! `/api/v1/pemantauan` groups in the database and gives the evaluation's
//! own figures: the same IKM and NRR per instansi and phase to the last bit
//! (the same integer sums), the same ticket counts and waiting-time means
//! and standard deviations. On PostgreSQL when `MONEV_TEST_POSTGRES` is set.

use crate::common;

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

/// A public SKM answer for `code`, with a fresh UUID from the form.
async fn answer(addr: std::net::SocketAddr, code: &str) {
    let form = http(addr, "GET", &format!("/f/{code}"), "", None).await;
    let uuid = form
        .body
        .split("name=\"_uuid\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let mut body = format!("_uuid={uuid}&_situs=&jenis_kelamin=P&usia=34");
    for u in 1..=9 {
        body.push_str(&format!("&u{u}=4"));
    }
    let r = http(addr, "POST", &format!("/f/{code}"), "", Some(&body)).await;
    assert_eq!(r.status, 303, "{}", r.body);
}

/// The `data-versi` of the dashboard's figures.
fn shown_version(body: &str) -> i64 {
    body.split("data-versi=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no data version on the dashboard: {body}"))
}

/// Issue 17: while answers stream in, the dashboard shows the figures held,
/// marked with their version and time, and recomputes at most once per
/// `recompute_seconds`; reports and the API always state the current data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_holds_its_figures_while_a_survey_runs() {
    let server = spawn(Settings {
        recompute_seconds: 3600,
        ..Settings::default()
    })
    .await;
    let addr = server.addr;
    let store = server.store().await;
    let code = form_link(&server, OWN).await;
    let (cookie, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let first = http(addr, "GET", "/", &cookie, None).await;
    assert_eq!(first.status, 200);
    let v0 = shown_version(&first.body);
    assert_eq!(v0, store.program_version("ASN-AMPENAN-2025").await.unwrap());
    assert!(
        first.body.contains("Angka per") && first.body.contains("WITA"),
        "{}",
        first.body
    );
    assert!(!first.body.contains("sedang dihitung"));

    answer(addr, &code).await;
    let now = store.program_version("ASN-AMPENAN-2025").await.unwrap();
    assert!(now > v0);
    // Within the debounce: the figures held, said to be held, at once.
    let held = http(addr, "GET", "/", &cookie, None).await;
    assert_eq!(held.status, 200);
    assert_eq!(shown_version(&held.body), v0);
    assert!(held.body.contains("sedang dihitung"), "{}", held.body);
    // The API counts the new answer.
    let n = |body: &str| -> u64 {
        let doc: Value = serde_json::from_str(body).unwrap();
        doc["skm"]["keseluruhan"]["n"].as_u64().unwrap()
    };
    let before = n(&http(
        addr,
        "GET",
        "/api/v1/evaluasi?program=ASN-AMPENAN-2025",
        &cookie,
        None,
    )
    .await
    .body);
    answer(addr, &code).await;
    let after = n(&http(
        addr,
        "GET",
        "/api/v1/evaluasi?program=ASN-AMPENAN-2025",
        &cookie,
        None,
    )
    .await
    .body);
    assert_eq!(after, before + 1, "the API is current");

    // Without a debounce the first view after a change counts it.
    let quick = spawn(Settings {
        recompute_seconds: 0,
        ..Settings::default()
    })
    .await;
    let code = form_link(&quick, OWN).await;
    let (cookie, _) = login(quick.addr, "evaluator", PASSWORD).await.unwrap();
    let v0 = shown_version(&http(quick.addr, "GET", "/", &cookie, None).await.body);
    answer(quick.addr, &code).await;
    // Ten viewers at once: every one answered, from one computation.
    let views: Vec<_> = (0..10)
        .map(|_| {
            let cookie = cookie.clone();
            tokio::spawn(async move { http(quick.addr, "GET", "/", &cookie, None).await })
        })
        .collect();
    let mut versions = Vec::new();
    for v in views {
        let r = v.await.unwrap();
        assert_eq!(r.status, 200);
        versions.push(shown_version(&r.body));
    }
    assert!(versions.iter().all(|v| *v >= v0));
    let latest = quick
        .store()
        .await
        .program_version("ASN-AMPENAN-2025")
        .await
        .unwrap();
    // The one computation finishes in the background if the views did not
    // wait for it: then the figures are current, without another answer.
    let mut shown = 0;
    for _ in 0..100 {
        let page = http(quick.addr, "GET", "/", &cookie, None).await;
        shown = shown_version(&page.body);
        if shown == latest {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(shown, latest);
}

/// Issue 17: a programme has a time zone (`program.csv` `zona_waktu`); its
/// answers are dated, its figures timed and its audit log shown on that
/// clock, while storage stays UTC.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_programme_in_wit_dates_and_times_on_its_own_clock() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let store = server.store().await;
    // The programme moves to Papua: program.csv alone, with its zone.
    let tmp = tempfile::tempdir().unwrap();
    let reference = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../cli/tests/fixtures/paket-koma/program.csv");
    let text = std::fs::read_to_string(reference).unwrap();
    let mut lines = text.lines();
    let program = format!(
        "{},zona_waktu\n{},WIT\n",
        lines.next().unwrap(),
        lines.next().unwrap()
    );
    std::fs::write(tmp.path().join("program.csv"), program).unwrap();
    store
        .import(tmp.path(), monev_store::ImportOptions::default())
        .await
        .unwrap();
    assert_eq!(
        store.zona_waktu("ASN-AMPENAN-2025").await.unwrap(),
        monev_domain::ZonaWaktu::Wit
    );
    let code = form_link(&server, OWN).await;
    let before = monev_domain::Date::local(now(), monev_domain::ZonaWaktu::Wit).to_string();
    answer(addr, &code).await;
    let after = monev_domain::Date::local(now(), monev_domain::ZonaWaktu::Wit).to_string();
    let rows = store
        .skm_export("ASN-AMPENAN-2025", Some(OWN))
        .await
        .unwrap();
    let web = rows.iter().rfind(|r| r.sumber == "web").unwrap();
    assert!(
        web.tanggal == before || web.tanggal == after,
        "{} not {before}",
        web.tanggal
    );
    let (cookie, _) = login(addr, "admin", PASSWORD).await.unwrap();
    let dash = http(addr, "GET", "/", &cookie, None).await;
    assert!(
        dash.body.contains(" WIT<") || dash.body.contains(" WIT "),
        "{}",
        dash.body
    );
    let audit = http(addr, "GET", "/audit", &cookie, None).await;
    assert!(audit.body.contains("Waktu (WIT)"), "{}", audit.body);
    let e: Value = serde_json::from_str(
        &http(addr, "GET", "/api/v1/evaluasi", &cookie, None)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(e["program"]["zona_waktu"], "WIT");
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// The monitoring report of a period (`/monitoring`): the page, its period
/// links and downloads, the JSON API, and the same IKM as the pandas
/// reference of the CLI's test (`cli/tests/fixtures/berkala.json`, computed
/// from this same package); a period that is not the programme's kind is
/// refused saying why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_monitoring_report_of_a_period_as_page_file_and_api() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (cookie, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let reference: Value = json(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../cli/tests/fixtures/berkala.json"),
        )
        .unwrap(),
    );
    let want = reference["ikm"][0]["sekarang"]["ikm"].as_f64().unwrap();

    // No realisation in this package: the default period is the last
    // with answers or tickets.
    let page = http(addr, "GET", "/monitoring", &cookie, None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Laporan Monitoring Triwulan"));
    assert!(
        page.body
            .contains(r#"<strong aria-current="page">Triwulan IV 2025"#)
    );
    assert!(page.body.contains(r#"href="/monitoring?periode=2025-T3""#));
    assert!(page.body.contains("Belum ada realisasi keuangan"));

    let t3 = http(addr, "GET", "/monitoring?periode=2025-T3", &cookie, None).await;
    assert_eq!(t3.status, 200);
    let shown = monev_domain::format::number(want, 2, monev_domain::Lang::Id);
    assert!(t3.body.contains(&shown), "IKM {shown} not on the page");

    let api = http(
        addr,
        "GET",
        "/api/v1/monitoring?periode=2025-T3",
        &cookie,
        None,
    )
    .await;
    assert_eq!(api.status, 200);
    let m = json(&api.body);
    assert_eq!(m["periode"], "2025-T3");
    let got = m["ikm"][0]["sekarang"]["ikm"].as_f64().unwrap();
    assert!((got - want).abs() < 1e-9, "monev {got}, pandas {want}");
    assert_eq!(m["ikm"][0]["bermakna"], true);

    let file = http(
        addr,
        "GET",
        "/monitoring/monitoring.json?periode=2025-T3",
        &cookie,
        None,
    )
    .await;
    assert!(
        file.header("content-disposition")
            .is_some_and(|d| d.contains("monitoring-2025-T3.json"))
    );
    for ext in ["docx", "xlsx"] {
        let bytes = http_bytes(
            addr,
            &format!("/monitoring/laporan.{ext}?periode=2025-T3&lang=en"),
            &cookie,
        )
        .await;
        assert_eq!(&bytes[..2], b"PK", "{ext} is a zip");
    }
    let pdf = http_bytes(
        addr,
        "/monitoring/laporan.pdf?periode=2025-T3&lang=en",
        &cookie,
    )
    .await;
    assert_eq!(pdf, b"%PDF-uji ASN-AMPENAN-2025 2025-T3 en");
    let en = http(
        addr,
        "GET",
        "/monitoring?periode=2025-T3&lang=en",
        &cookie,
        None,
    )
    .await;
    assert!(en.body.contains("Quarterly Monitoring Report"));
    assert!(en.body.contains("Quarter 3 2025"));

    for (bad, says) in [("2025-07", "triwulan"), ("2025-T9", "2025-T9")] {
        let r = http(
            addr,
            "GET",
            &format!("/monitoring?periode={bad}"),
            &cookie,
            None,
        )
        .await;
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.body.contains(says), "{bad}: {}", r.body);
    }
}
