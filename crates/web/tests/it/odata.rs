//! The OData v4 feed read by a real client: python-odata (MIT, pinned in
//! reference/requirements.txt) reflects the entity sets from `$metadata`,
//! reads each whole (following `@odata.nextLink`), filters, selects and
//! pages, signed in as Excel and Power BI do (Basic, the API token as the
//! password). The roles hold (an operator reads their unit only, pimpinan
//! no answers) and so do small cells (an IKM of fewer than five
//! questionnaires is null). Skipped without python-odata unless
//! MONEV_REQUIRE_ODATA_CLIENT is set (`.ci/run` sets it).

use std::path::Path;
use std::process::Command;

use monev_web::Settings;
use serde_json::Value;

use crate::common::{OWN, http, spawn};

const PROGRAM: &str = "ASN-AMPENAN-2025";

fn client_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import odata, requests"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("MONEV_REQUIRE_ODATA_CLIENT").is_none(),
            "MONEV_REQUIRE_ODATA_CLIENT is set but python-odata is missing (pip install -r reference/requirements.txt)"
        );
        eprintln!("skipping: python-odata is not installed");
    }
    ok
}

/// What python-odata read with `token`.
async fn read(addr: std::net::SocketAddr, token: &str) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../reference/odata_client.py");
    let url = format!("http://{addr}/api/odata");
    let token = token.to_string();
    let out = tokio::task::spawn_blocking(move || {
        Command::new("python3")
            .arg(script)
            .arg(url)
            .arg(token)
            .output()
            .expect("python3 runs")
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "python-odata failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn rows<'a>(v: &'a Value, set: &str) -> &'a Vec<Value> {
    v["sets"][set]["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("{set}: {}", v["sets"][set]))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_odata_client_reads_every_set_with_filters_and_paging() {
    if !client_available() {
        return;
    }
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let store = server.store().await;
    // A small cell: every questionnaire of KEL-BAN in the first quarter
    // but three rejected.
    let f = monev_store::SaringanTinjauan {
        instansi: Some("KEL-BAN".into()),
        dari: Some("2025-01-01".into()),
        sampai: Some("2025-03-31".into()),
        ..monev_store::SaringanTinjauan::of(monev_store::JenisKiriman::Skm)
    };
    let ids: Vec<i64> = store
        .submissions(PROGRAM, &f, 500, 0)
        .await
        .unwrap()
        .baris
        .iter()
        .skip(3)
        .map(|b| b.id)
        .collect();
    assert!(!ids.is_empty());
    store
        .review(
            PROGRAM,
            &f,
            Some(&ids),
            &monev_store::Tinjau {
                status: monev_domain::StatusTinjauan::Ditolak,
                catatan: "uji sel kecil",
                oleh: "uji",
                waktu: 0,
            },
            None,
        )
        .await
        .unwrap();
    let (_, evaluator) = monev_web::issue_api_token(&store, "evaluator", "excel")
        .await
        .unwrap();
    let v = read(addr, &evaluator).await;
    let sets: Vec<&String> = v["sets"].as_object().unwrap().keys().collect();
    assert_eq!(
        sets,
        [
            "AngkaUnit",
            "AntreanHarian",
            "JawabanSkm",
            "RealisasiIndikator"
        ]
    );
    // Every counted answer, across pages (1 000 a page), none rejected.
    let answers = rows(&v, "JawabanSkm");
    assert_eq!(answers.len(), 1033 - ids.len());
    let mut seen: Vec<i64> = answers.iter().map(|r| r["Id"].as_i64().unwrap()).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), answers.len(), "each answer once");
    assert!(ids.iter().all(|id| seen.binary_search(id).is_err()));
    // A page: the 21st to 30th answer by Id.
    let page: Vec<i64> = v["page"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["Id"].as_i64().unwrap())
        .collect();
    assert_eq!(page, seen[20..30]);
    // A filter, a small cell, a selection.
    let units = rows(&v, "AngkaUnit");
    let ams: Vec<&Value> = units
        .iter()
        .filter(|r| r["Instansi"] == "KEL-AMS")
        .collect();
    assert_eq!(v["filter_instansi"].as_array().unwrap().len(), ams.len());
    assert!(!ams.is_empty());
    let small = v["filter_small"].as_array().unwrap();
    assert_eq!(small.len(), 1, "{small:?}");
    assert_eq!(small[0]["Instansi"], "KEL-BAN");
    assert_eq!(small[0]["SkmN"], 3);
    assert!(
        small[0]["Ikm"].is_null() && small[0]["U1"].is_null() && small[0]["IkmBawah95"].is_null()
    );
    for r in units.iter().filter(|r| r["SkmN"].as_u64().unwrap() >= 5) {
        assert!(r["Ikm"].is_number(), "{r}");
    }
    for r in v["select"].as_array().unwrap() {
        let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
        assert!(
            keys.iter()
                .all(|k| *k == "Instansi" || *k == "Ikm" || k.starts_with('@')),
            "{keys:?}"
        );
    }
    assert!(!rows(&v, "AntreanHarian").is_empty());
    // The reference package reports no period's realisation: read, empty.
    assert!(rows(&v, "RealisasiIndikator").is_empty());

    // An operator: their unit only.
    let (_, operator) = monev_web::issue_api_token(&store, "operator", "excel")
        .await
        .unwrap();
    let o = read(addr, &operator).await;
    for set in ["AngkaUnit", "AntreanHarian", "JawabanSkm"] {
        let r = rows(&o, set);
        assert!(!r.is_empty(), "{set}");
        assert!(r.iter().all(|r| r["Instansi"] == OWN), "{set}");
    }
    // Pimpinan: figures, no answers.
    let (_, pimpinan) = monev_web::issue_api_token(&store, "pimpinan", "excel")
        .await
        .unwrap();
    let p = read(addr, &pimpinan).await;
    assert!(
        p["sets"]["JawabanSkm"]["error"]
            .as_str()
            .is_some_and(|e| e.contains("403")),
        "{}",
        p["sets"]["JawabanSkm"]
    );
    assert!(!rows(&p, "AngkaUnit").is_empty());

    // Without a token: the challenge Excel answers; a bad filter: 400.
    let r = http(addr, "GET", "/api/odata/AngkaUnit", "", None).await;
    assert_eq!(r.status, 401);
    assert!(
        r.header("www-authenticate")
            .is_some_and(|h| h.starts_with("Basic"))
    );
    let r = crate::common::http_raw(
        addr,
        "GET",
        "/api/odata/AngkaUnit?$filter=Nope%20eq%201",
        &[("Authorization", format!("Bearer {evaluator}"))],
        b"",
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("Nope"));
    let r = crate::common::http_raw(
        addr,
        "GET",
        "/api/odata/AngkaUnit?$top=lima",
        &[("Authorization", format!("Bearer {evaluator}"))],
        b"",
    )
    .await;
    assert_eq!(r.status, 400, "{}", r.body);
    // The metadata is what the client reflected: every set, its key.
    let r = crate::common::http_raw(
        addr,
        "GET",
        "/api/odata/$metadata",
        &[("Authorization", format!("Bearer {evaluator}"))],
        b"",
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(
        r.body
            .contains("<EntitySet Name=\"JawabanSkm\" EntityType=\"Monev.JawabanSkm\"/>")
    );
}
