//! The approval of a unit's figures per period: the unit submits, the
//! kecamatan approves, then the kota, each by an account of its level
//! (regions) and never one account for both; what is approved is frozen,
//! and the monitoring report cites it and says when today's figures differ;
//! a new version needs its reason.

use std::path::Path;

use monev_store::Role;
use monev_web::Settings;

use crate::common::{PASSWORD, form, http, login, spawn};

const PROGRAM: &str = "ASN-SEKARBELA-2025";
const UNIT: &str = "KEL-KRP";
const PERIODE: &str = "2025-T3";

async fn step(
    addr: std::net::SocketAddr,
    who: &(String, String),
    action: &str,
    fields: &[(&str, &str)],
) -> crate::common::Reply {
    let mut all = vec![
        ("csrf", who.1.as_str()),
        ("program", PROGRAM),
        ("periode", PERIODE),
    ];
    all.extend_from_slice(fields);
    http(
        addr,
        "POST",
        &format!("/persetujuan/{UNIT}/{action}"),
        &who.0,
        Some(&form(&all)),
    )
    .await
}

fn monitoring(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap()
}

fn unit_status(m: &serde_json::Value) -> serde_json::Value {
    m["persetujuan"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["instansi"] == UNIT)
        .unwrap()
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn figures_go_up_the_levels_and_what_is_approved_is_frozen() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let store = server.store().await;
    store
        .import(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/fixtures/wilayah/sekarbela"),
            monev_store::ImportOptions::default(),
        )
        .await
        .unwrap();
    let hash = monev_web::hash_password(PASSWORD).unwrap();
    for (user, role, instansi, region) in [
        ("op-krp", Role::Operator, Some(UNIT), None),
        ("camat-skb", Role::Evaluator, None, Some("52.71.04")),
        ("camat-amp", Role::Evaluator, None, Some("52.71.01")),
        ("kota", Role::Evaluator, None, Some("52.71")),
    ] {
        store
            .create_user(user, user, role, instansi, &hash)
            .await
            .unwrap();
        store.set_user_region(user, region).await.unwrap();
    }
    let op = login(addr, "op-krp", PASSWORD).await.unwrap();
    let kec = login(addr, "camat-skb", PASSWORD).await.unwrap();
    let other_kec = login(addr, "camat-amp", PASSWORD).await.unwrap();
    let kota = login(addr, "kota", PASSWORD).await.unwrap();
    // The reports, as the admin reads them.
    let (admin_cookie, admin_csrf) = login(addr, "admin", PASSWORD).await.unwrap();
    let admin = (admin_cookie, admin_csrf);
    let page = format!("/persetujuan?program={PROGRAM}&periode={PERIODE}");
    let report = format!("/monitoring/monitoring.json?program={PROGRAM}&periode={PERIODE}");

    // The operator sees their unit only, and submits.
    let p = http(addr, "GET", &page, &op.0, None).await;
    assert_eq!(p.status, 200);
    assert!(
        p.body.contains(UNIT) && !p.body.contains("KEL-TJK"),
        "{}",
        p.body
    );
    assert_eq!(step(addr, &op, "ajukan", &[]).await.status, 303);
    // Not again while it waits.
    assert_eq!(step(addr, &op, "ajukan", &[]).await.status, 422);
    // Another kecamatan's evaluator does not see the unit; the kota may not
    // take the kecamatan's step.
    let r = step(
        addr,
        &other_kec,
        "setujui",
        &[("versi", "1"), ("tahap", "kecamatan")],
    )
    .await;
    assert_eq!(r.status, 404);
    let r = step(
        addr,
        &kota,
        "setujui",
        &[("versi", "1"), ("tahap", "kecamatan")],
    )
    .await;
    assert_eq!(r.status, 403);
    let r = step(addr, &kec, "setujui", &[("versi", "1"), ("tahap", "kota")]).await;
    assert_eq!(r.status, 403);
    // A kecamatan's evaluator starts at the programme of its region.
    let p = http(addr, "GET", "/persetujuan", &kec.0, None).await;
    assert!(
        p.body.contains(UNIT) && !p.body.contains("KEL-AMS"),
        "{}",
        p.body
    );
    // Kecamatan, then kota.
    let p = http(addr, "GET", &page, &kec.0, None).await;
    assert!(p.body.contains("Setujui (kecamatan)"), "{}", p.body);
    assert_eq!(
        step(
            addr,
            &kec,
            "setujui",
            &[("versi", "1"), ("tahap", "kecamatan")]
        )
        .await
        .status,
        303
    );
    let p = http(addr, "GET", &page, &kota.0, None).await;
    assert!(p.body.contains("Setujui (kota)") && p.body.contains("Kecamatan Sekarbela"));
    assert_eq!(
        step(addr, &kota, "setujui", &[("versi", "1"), ("tahap", "kota")])
            .await
            .status,
        303
    );
    let m = monitoring(&http(addr, "GET", &report, &admin.0, None).await.body);
    let u = unit_status(&m);
    assert_eq!(u["disetujui"]["versi"], 1);
    assert_eq!(u["sesuai"], true);
    let html = http(
        addr,
        "GET",
        &format!("/monitoring?program={PROGRAM}&periode={PERIODE}"),
        &admin.0,
        None,
    )
    .await;
    assert!(html.body.contains("Persetujuan angka"), "{}", html.body);
    // The same figures again: nothing to approve.
    assert_eq!(
        step(addr, &op, "ajukan", &[("alasan", "ulang")])
            .await
            .status,
        422
    );

    // A questionnaire of the period rejected: today's figures are no longer
    // the approved ones; the report still cites version 1 and says so.
    let f = monev_store::SaringanTinjauan {
        instansi: Some(UNIT.into()),
        dari: Some("2025-07-01".into()),
        sampai: Some("2025-09-30".into()),
        ..monev_store::SaringanTinjauan::of(monev_store::JenisKiriman::Skm)
    };
    let first = store.submissions(PROGRAM, &f, 1, 0).await.unwrap().baris[0].id;
    store
        .review(
            PROGRAM,
            &f,
            Some(&[first]),
            &monev_store::Tinjau {
                status: monev_domain::StatusTinjauan::Ditolak,
                catatan: "ganda",
                oleh: "uji",
                waktu: 0,
            },
            None,
        )
        .await
        .unwrap();
    let m = monitoring(&http(addr, "GET", &report, &admin.0, None).await.body);
    let u = unit_status(&m);
    assert_eq!(
        (u["disetujui"]["versi"].clone(), u["sesuai"].clone()),
        (1.into(), false.into())
    );
    // A new version needs its reason.
    assert_eq!(step(addr, &op, "ajukan", &[]).await.status, 422);
    assert_eq!(
        step(
            addr,
            &op,
            "ajukan",
            &[("alasan", "satu kuesioner ganda ditolak")]
        )
        .await
        .status,
        303
    );
    // Sent back by the kecamatan, with a comment; then submitted again.
    assert_eq!(
        step(addr, &kec, "kembalikan", &[("versi", "2")])
            .await
            .status,
        422
    );
    assert_eq!(
        step(
            addr,
            &kec,
            "kembalikan",
            &[("versi", "2"), ("catatan", "lampirkan berita acara")]
        )
        .await
        .status,
        303
    );
    assert_eq!(
        step(
            addr,
            &op,
            "ajukan",
            &[("alasan", "berita acara dilampirkan")]
        )
        .await
        .status,
        303
    );
    // One account for both steps is refused (the admin may take either).
    assert_eq!(
        step(
            addr,
            &admin,
            "setujui",
            &[("versi", "3"), ("tahap", "kecamatan")]
        )
        .await
        .status,
        303
    );
    let r = step(
        addr,
        &admin,
        "setujui",
        &[("versi", "3"), ("tahap", "kota")],
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(
        step(addr, &kota, "setujui", &[("versi", "3"), ("tahap", "kota")])
            .await
            .status,
        303
    );
    let m = monitoring(&http(addr, "GET", &report, &admin.0, None).await.body);
    let u = unit_status(&m);
    assert_eq!(
        (u["disetujui"]["versi"].clone(), u["sesuai"].clone()),
        (3.into(), true.into())
    );
    // Every version kept, frozen with its fingerprint; every step audited.
    let versions = store.approvals(PROGRAM).await.unwrap();
    let mine: Vec<_> = versions.iter().filter(|v| v.instansi == UNIT).collect();
    assert_eq!(mine.len(), 3);
    assert_ne!(mine[0].sidik, mine[2].sidik);
    assert_eq!(mine[1].catatan.as_deref(), Some("lampirkan berita acara"));
    let audit = store.audit_rows(100).await.unwrap();
    for aksi in [
        "ajukan_angka",
        "setujui_angka_kecamatan",
        "setujui_angka_kota",
        "kembalikan_angka",
    ] {
        assert!(audit.iter().any(|a| a.aksi == aksi), "{aksi}");
    }
    // The public page: nothing until the unit publishes, then the approved
    // version, with its follow-up actions; no sign-in needed.
    let public = format!("/hasil/{PROGRAM}/{UNIT}");
    let p = http(addr, "GET", &public, "", None).await;
    assert_eq!(p.status, 200);
    assert!(p.body.contains("belum menerbitkan"), "{}", p.body);
    assert_eq!(step(addr, &op, "terbitkan", &[]).await.status, 303);
    assert_eq!(
        step(
            addr,
            &op,
            "tindak-lanjut",
            &[(
                "tindak_lanjut",
                "Tambah kursi tunggu\n\nPapan alur layanan di loket"
            )]
        )
        .await
        .status,
        303
    );
    let p = http(addr, "GET", &public, "", None).await;
    let frozen: serde_json::Value = serde_json::from_str(&mine[2].angka).unwrap();
    let ikm = frozen["ikm"].as_f64().unwrap();
    let shown = monev_domain::format::number(ikm, 2, monev_domain::Lang::Id);
    assert!(
        p.body.contains(&shown)
            && p.body.contains("Versi 3 yang disetujui")
            && p.body
                .contains("<li>Tambah kursi tunggu</li><li>Papan alur layanan di loket</li>")
            && p.body.contains("U9 Sarana dan Prasarana"),
        "{}",
        p.body
    );
    let poster = http(addr, "GET", &format!("{public}/poster"), "", None).await;
    assert!(poster.status == 200 && poster.body.contains(&shown));
    // Figures not approved are not published.
    let other = http(
        addr,
        "POST",
        "/persetujuan/KEL-TJK/terbitkan",
        &admin.0,
        Some(&form(&[
            ("csrf", &admin.1),
            ("program", PROGRAM),
            ("periode", PERIODE),
        ])),
    )
    .await;
    assert_eq!(other.status, 422, "{}", other.body);
    // Taken off again.
    assert_eq!(step(addr, &op, "tarik", &[]).await.status, 303);
    assert!(
        http(addr, "GET", &public, "", None)
            .await
            .body
            .contains("belum menerbitkan")
    );
    assert_eq!(
        http(
            addr,
            "GET",
            &format!("/hasil/{PROGRAM}/TIDAK-ADA"),
            "",
            None
        )
        .await
        .status,
        404
    );
    // Pimpinan reads; an enumerator does not.
    let (c, _) = login(addr, "pimpinan", PASSWORD).await.unwrap();
    assert_eq!(http(addr, "GET", &page, &c, None).await.status, 200);
    let (c, _) = login(addr, "enumerator", PASSWORD).await.unwrap();
    assert_eq!(http(addr, "GET", &page, &c, None).await.status, 403);
}
