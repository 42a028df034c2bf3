//! Drilling down the regions on the real server: the top → Nusa Tenggara
//! Barat → Kota Mataram → a kecamatan → its units, with the same figures
//! as the pandas reference of the CLI's test (`cli/tests/fixtures/
//! wilayah.json`, computed from the packages imported here); an account
//! limited to a kecamatan sees it and nothing beside or above it, one
//! limited to the kota sees both its kecamatan and not the province.

use std::path::Path;

use crate::common;

use common::*;
use monev_store::Role;
use monev_web::Settings;
use serde_json::Value;

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn close(a: &Value, b: &Value, what: &str) {
    let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
    assert!(
        (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        "{what}: {a} vs {b}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regions_drill_down_and_a_region_s_account_sees_only_its_region() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures");
    let store = server.store().await;
    for p in ["wilayah/ampenan", "wilayah/sekarbela"] {
        store
            .import(&fixtures.join(p), monev_store::ImportOptions::default())
            .await
            .unwrap();
    }
    let hash = monev_web::hash_password(PASSWORD).unwrap();
    for (user, region) in [("eval-skb", "52.71.04"), ("eval-mtr", "52.71")] {
        store
            .create_user(user, user, Role::Evaluator, None, &hash)
            .await
            .unwrap();
        store.set_user_region(user, Some(region)).await.unwrap();
    }
    let reference = json(&std::fs::read_to_string(fixtures.join("wilayah.json")).unwrap());

    // The whole tree, for an evaluator of the whole store, from the
    // dashboard down.
    let (cookie, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let dashboard = http(addr, "GET", "/", &cookie, None).await;
    assert!(
        dashboard
            .body
            .contains(r#"<a href="/wilayah">Rekap wilayah</a>"#)
    );
    let top = http(addr, "GET", "/wilayah?periode=2025-T3", &cookie, None).await;
    assert_eq!(top.status, 200, "{}", top.body);
    assert!(top.body.contains(r#"href="/wilayah/52?periode=2025-T3""#));
    let mut at = "52".to_string();
    for next in ["52.71", "52.71.01"] {
        let page = http(
            addr,
            "GET",
            &format!("/wilayah/{at}?periode=2025-T3"),
            &cookie,
            None,
        )
        .await;
        assert_eq!(page.status, 200);
        assert!(
            page.body
                .contains(&format!(r#"href="/wilayah/{next}?periode=2025-T3""#)),
            "{at} links {next}"
        );
        at = next.to_string();
    }
    let kecamatan = http(
        addr,
        "GET",
        "/wilayah/52.71.01?periode=2025-T3",
        &cookie,
        None,
    )
    .await;
    assert!(kecamatan.body.contains("Kantor Lurah Ampenan Selatan"));
    assert!(
        kecamatan.body.contains("<svg"),
        "the funnel plot of its units"
    );
    // Every level's figures as pandas computes them from the raw answers.
    for (kode, want) in reference["wilayah"].as_object().unwrap() {
        let path = if kode.is_empty() {
            "/api/v1/wilayah?periode=2025-T3".to_string()
        } else {
            format!("/api/v1/wilayah/{kode}?periode=2025-T3")
        };
        let got = json(&http(addr, "GET", &path, &cookie, None).await.body);
        assert_eq!(got["simpul"]["kode"], kode.as_str());
        close(&got["simpul"]["angka"]["ikm"], &want["ikm"], kode);
        assert_eq!(got["simpul"]["angka"]["skm"], want["skm"], "{kode}");
        close(
            &got["simpul"]["angka"]["tunggu_median_menit"],
            &want["tunggu_median_menit"],
            kode,
        );
    }

    // A kecamatan's evaluator: its kecamatan, nothing beside or above.
    let (skb, _) = login(addr, "eval-skb", PASSWORD).await.unwrap();
    let home = http(addr, "GET", "/", &skb, None).await;
    assert_eq!(home.status, 303);
    assert_eq!(home.header("location"), Some("/wilayah"));
    let own = http(addr, "GET", "/wilayah?periode=2025-T3", &skb, None).await;
    assert_eq!(own.status, 200);
    assert!(
        own.body.contains("Kecamatan Sekarbela") && own.body.contains("Kantor Lurah Karang Pule")
    );
    assert!(!own.body.contains("Ampenan"), "nothing of the neighbour");
    assert!(
        !own.body.contains(r#"href="/wilayah/52.71""#)
            && !own.body.contains(r#"href="/wilayah/52.71?"#),
        "no way up"
    );
    assert!(
        !own.body.contains(r#"href="/laporan""#),
        "the menu keeps to the region"
    );
    for path in [
        "/wilayah/52.71.01",
        "/wilayah/52.71",
        "/wilayah/52",
        "/api/v1/wilayah/52.71.01",
    ] {
        assert_eq!(
            http(addr, "GET", path, &skb, None).await.status,
            404,
            "{path}"
        );
    }
    for path in ["/laporan", "/monitoring", "/api/v1/evaluasi", "/asn"] {
        assert_eq!(
            http(addr, "GET", path, &skb, None).await.status,
            403,
            "{path}"
        );
    }
    let api = json(
        &http(addr, "GET", "/api/v1/wilayah?periode=2025-T3", &skb, None)
            .await
            .body,
    );
    assert_eq!(api["simpul"]["kode"], "52.71.04");

    // The kota's evaluator: both its kecamatan, not the province.
    let (mtr, _) = login(addr, "eval-mtr", PASSWORD).await.unwrap();
    let kota = http(addr, "GET", "/wilayah?periode=2025-T3", &mtr, None).await;
    assert!(kota.body.contains("Kota Mataram"));
    for k in ["52.71.01", "52.71.04"] {
        assert_eq!(
            http(addr, "GET", &format!("/wilayah/{k}"), &mtr, None)
                .await
                .status,
            200,
            "{k}"
        );
    }
    assert_eq!(
        http(addr, "GET", "/wilayah/52", &mtr, None).await.status,
        404
    );
}

/// The province generator's shape, smaller: the top → the province → a
/// kota → a kecamatan → its units, each level linking the next, every
/// level's questionnaires the sum of those under it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_generated_province_drills_down_to_its_units() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let shape = monev_demo::ProvinceShape {
        kabupaten_kota: 3,
        kecamatan: 2,
        units: 4,
        skm_per_quarter: 6,
        tickets_per_day: 1,
    };
    let data = monev_demo::generate_province(7, shape);
    let tmp = tempfile::tempdir().unwrap();
    monev_ingest::write_package(&data, tmp.path(), monev_ingest::Delimiter::Comma).unwrap();
    let store = server.store().await;
    store
        .import(tmp.path(), monev_store::ImportOptions::default())
        .await
        .unwrap();
    let (cookie, _) = login(addr, "pimpinan", PASSWORD).await.unwrap();
    let api = |path: String| {
        let cookie = cookie.clone();
        async move { json(&http(addr, "GET", &path, &cookie, None).await.body) }
    };
    let mut path = vec!["P01", "P01-K02", "P01-K02-C01"];
    let top = api("/api/v1/wilayah?periode=2025-T2".into()).await;
    assert!(
        top["simpul"]["anak"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kode"] == "P01")
    );
    path.reverse();
    let mut level = top;
    while let Some(next) = path.pop() {
        let page = http(
            addr,
            "GET",
            &format!("/wilayah/{next}?periode=2025-T2"),
            &cookie,
            None,
        )
        .await;
        assert_eq!(page.status, 200, "{next}");
        let child = api(format!("/api/v1/wilayah/{next}?periode=2025-T2")).await;
        // The level above lists it with the same figures.
        let listed = level["simpul"]["anak"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kode"] == next)
            .unwrap_or_else(|| panic!("{next} listed above"))
            .clone();
        assert_eq!(listed["angka"], child["simpul"]["angka"], "{next}");
        // Its questionnaires are the sum of what lies under it.
        let sum: u64 = child["simpul"]["anak"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["angka"]["skm"].as_u64().unwrap())
            .sum();
        assert_eq!(
            sum,
            child["simpul"]["angka"]["skm"].as_u64().unwrap(),
            "{next}"
        );
        level = child;
    }
    // The kecamatan lists its four units, each page naming them.
    let units = level["simpul"]["anak"].as_array().unwrap();
    assert_eq!(units.len(), 4);
    assert!(
        units
            .iter()
            .all(|u| u["tingkat"].is_null() && u["program"] == "ASN-PROVINSI-2025")
    );
    let page = http(
        addr,
        "GET",
        "/wilayah/P01-K02-C01?periode=2025-T2",
        &cookie,
        None,
    )
    .await;
    assert!(page.body.contains("Puskesmas Uji 2.1") && page.body.contains("Kantor Camat Uji 2.1"));
}

/// Two programmes side by side on the page and in the API, with the
/// figures of the CLI's pandas reference (`wilayah.json` `banding`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn programmes_side_by_side() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures");
    let store = server.store().await;
    for p in ["wilayah/ampenan", "wilayah/sekarbela"] {
        store
            .import(&fixtures.join(p), monev_store::ImportOptions::default())
            .await
            .unwrap();
    }
    let reference = json(&std::fs::read_to_string(fixtures.join("wilayah.json")).unwrap());
    let (cookie, _) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let page = http(
        addr,
        "GET",
        "/banding?periode=2025-T3&lang=en",
        &cookie,
        None,
    )
    .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Programmes side by side") && page.body.contains("79.27"));
    let api = json(
        &http(
            addr,
            "GET",
            "/api/v1/banding?periode=2025-T3&program=ASN-AMPENAN-2025,ASN-SEKARBELA-2025",
            &cookie,
            None,
        )
        .await
        .body,
    );
    for (ours, theirs) in api["selisih"]
        .as_array()
        .unwrap()
        .iter()
        .zip(reference["banding"]["selisih"].as_array().unwrap())
    {
        assert_eq!(ours["ukuran"], theirs["ukuran"]);
        close(&ours["selisih"], &theirs["selisih"], "selisih");
        close(&ours["p_holm"], &theirs["p_holm"], "p_holm");
    }
    let unknown = http(
        addr,
        "GET",
        "/api/v1/banding?program=ASN-AMPENAN-2025,X",
        &cookie,
        None,
    )
    .await;
    assert_eq!(unknown.status, 404);
}
