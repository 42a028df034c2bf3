//! Data-subject requests in the browser (`/subjek`, admins only): see what
//! is held about a NIP, download it, erase it after typing it twice; every
//! step audited under a digest, the NIP never in a URL or the audit log.

use crate::common;

use common::*;
use monev_web::Settings;

const PROGRAM: &str = "ASN-AMPENAN-2025";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sees_exports_and_erases_one_asn() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let store = server.store().await;
    let before = store.load_program(PROGRAM).await.unwrap();
    let nip = before.kinerja[0].nip.as_str().to_string();
    let (admin, csrf) = login(addr, "admin", PASSWORD).await.unwrap();

    let page = http(addr, "GET", "/subjek", &admin, None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(r#"action="/subjek""#) && page.body.contains("UU 27/2022"));
    assert!(
        http(addr, "GET", "/", &admin, None)
            .await
            .body
            .contains(r#"href="/subjek""#)
    );

    let ask = |aksi: &str, konfirmasi: &str| {
        form(&[
            ("csrf", csrf.as_str()),
            ("nip", &nip),
            ("aksi", aksi),
            ("konfirmasi", konfirmasi),
        ])
    };
    let seen = http(addr, "POST", "/subjek", &admin, Some(&ask("lihat", ""))).await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    for table in ["asn", "kinerja", "peserta"] {
        assert!(
            seen.body.contains(&format!("<td>{table}</td>")),
            "{table}: {}",
            seen.body
        );
    }
    assert!(seen.body.contains(r#"name="konfirmasi""#));

    let export = http(addr, "POST", "/subjek", &admin, Some(&ask("ekspor", ""))).await;
    assert_eq!(export.status, 200);
    assert_eq!(export.header("content-type"), Some("application/json"));
    assert_eq!(export.header("cache-control"), Some("no-store"));
    let disposition = export.header("content-disposition").unwrap();
    assert!(
        disposition.starts_with("attachment") && !disposition.contains(&nip),
        "{disposition}"
    );
    let json: serde_json::Value = serde_json::from_str(&export.body).unwrap();
    assert_eq!(json["nip"], nip.as_str());
    assert_eq!(json["data"]["asn"][0]["nip"], nip.as_str());
    assert_eq!(
        json["data"]["kinerja"].as_array().unwrap().len(),
        before
            .kinerja
            .iter()
            .filter(|k| k.nip.as_str() == nip)
            .count()
    );

    // Erasure needs the NIP typed again; a mismatch erases nothing.
    let other = before.asn.iter().find(|a| a.nip.as_str() != nip).unwrap();
    let refused = http(
        addr,
        "POST",
        "/subjek",
        &admin,
        Some(&ask("hapus", other.nip.as_str())),
    )
    .await;
    assert_eq!(refused.status, 400);
    assert!(!store.subject_data(&nip).await.unwrap().is_empty());

    let erased = http(addr, "POST", "/subjek", &admin, Some(&ask("hapus", &nip))).await;
    assert_eq!(erased.status, 200, "{}", erased.body);
    assert!(erased.body.contains("baris dihapus"), "{}", erased.body);
    assert!(store.subject_data(&nip).await.unwrap().is_empty());
    let after = store.load_program(PROGRAM).await.unwrap();
    assert_eq!(after.asn.len(), before.asn.len() - 1);
    let again = http(addr, "POST", "/subjek", &admin, Some(&ask("lihat", ""))).await;
    assert!(again.body.contains("Tidak ada data"), "{}", again.body);

    let audit = store.audit_rows(20).await.unwrap();
    for aksi in [
        "lihat_subjek_data",
        "ekspor_subjek_data",
        "hapus_subjek_data",
    ] {
        let entry = audit.iter().find(|a| a.aksi == aksi).expect(aksi);
        assert_eq!(entry.username, "admin");
        assert!(entry.objek.starts_with("nip-sha256:"));
    }
    assert!(audit.iter().all(|a| !format!("{a:?}").contains(&nip)));
    assert!(store.verify_audit().await.unwrap().broken.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_request_erases_nothing_and_only_admins_enter() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let store = server.store().await;
    let nip = store.load_program(PROGRAM).await.unwrap().asn[0]
        .nip
        .as_str()
        .to_string();
    let (admin, csrf) = login(addr, "admin", PASSWORD).await.unwrap();
    let not_a_nip = http(
        addr,
        "POST",
        "/subjek",
        &admin,
        Some(&form(&[
            ("csrf", &csrf),
            ("nip", "12345"),
            ("aksi", "lihat"),
        ])),
    )
    .await;
    assert_eq!(not_a_nip.status, 400);
    assert!(not_a_nip.body.contains("NIP"), "{}", not_a_nip.body);
    let unknown = http(
        addr,
        "POST",
        "/subjek",
        &admin,
        Some(&form(&[("csrf", &csrf), ("nip", &nip), ("aksi", "semua")])),
    )
    .await;
    assert_eq!(unknown.status, 400);
    let forged = http(
        addr,
        "POST",
        "/subjek",
        &admin,
        Some(&form(&[
            ("csrf", "palsu"),
            ("nip", &nip),
            ("aksi", "hapus"),
            ("konfirmasi", &nip),
        ])),
    )
    .await;
    assert_eq!(forged.status, 403);
    for role in ["evaluator", "operator", "enumerator", "pimpinan"] {
        let (cookie, csrf) = login(addr, role, PASSWORD).await.unwrap();
        assert_eq!(
            http(addr, "GET", "/subjek", &cookie, None).await.status,
            403,
            "{role}"
        );
        let body = form(&[
            ("csrf", &csrf),
            ("nip", &nip),
            ("aksi", "hapus"),
            ("konfirmasi", &nip),
        ]);
        assert_eq!(
            http(addr, "POST", "/subjek", &cookie, Some(&body))
                .await
                .status,
            403,
            "{role}"
        );
    }
    assert!(!store.subject_data(&nip).await.unwrap().is_empty());
}
