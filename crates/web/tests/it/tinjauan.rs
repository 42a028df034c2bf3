//! The review page: submissions listed with filters, reviewed by id and in
//! bulk by filter, a comment required to reject, the setting whether
//! answers not yet approved count; the report says what it rests on.

use monev_web::Settings;

use crate::common::{OWN, PASSWORD, form, http, login, spawn};

const PROGRAM: &str = "ASN-AMPENAN-2025";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evaluators_review_submissions_one_by_one_and_by_filter() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let store = server.store().await;
    let (cookie, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let page = http(addr, "GET", "/tinjauan", &cookie, None).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Tinjauan kiriman") && page.body.contains("(1033)"),
        "{}",
        page.body
    );
    // The report calls its figures provisional.
    let report = http(addr, "GET", "/laporan", &cookie, None).await;
    assert!(
        report
            .body
            .contains("Angka sementara: 1.033 dari 1.033 jawaban"),
        "{}",
        report.body
    );

    let post = |fields: Vec<(&'static str, String)>| {
        let cookie = cookie.clone();
        let csrf = csrf.clone();
        async move {
            let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
            all.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
            http(addr, "POST", "/tinjauan", &cookie, Some(&form(&all))).await
        }
    };
    // A rejection needs its reason.
    let r = post(vec![("id", "1".into()), ("status_baru", "ditolak".into())]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("catatan"), "{}", r.body);
    // Nothing selected, nothing done.
    let r = post(vec![("status_baru", "disetujui".into())]).await;
    assert_eq!(r.status, 422);
    // Three by id.
    let r = post(vec![
        ("id", "1".into()),
        ("id", "2".into()),
        ("id", "3".into()),
        ("status_baru", "ditolak".into()),
        ("catatan", "diisi petugas, bukan warga".into()),
    ])
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let s = store.review_summary(PROGRAM).await.unwrap();
    assert_eq!((s.skm.ditolak, s.skm.diterima), (3, 1030));
    // Every questionnaire of one unit, by the filter; the page comes back to it.
    let r = post(vec![
        ("jenis", "skm".into()),
        ("instansi", OWN.into()),
        ("status", "diterima".into()),
        ("status_baru", "disetujui".into()),
        ("semua", "1".into()),
    ])
    .await;
    assert_eq!(r.status, 303);
    let back = r.header("location").unwrap().to_string();
    assert!(back.contains(&format!("instansi={OWN}")), "{back}");
    let unit = store
        .submissions(
            PROGRAM,
            &monev_store::SaringanTinjauan {
                instansi: Some(OWN.into()),
                ..monev_store::SaringanTinjauan::of(monev_store::JenisKiriman::Skm)
            },
            1,
            0,
        )
        .await
        .unwrap()
        .total;
    let s = store.review_summary(PROGRAM).await.unwrap();
    assert_eq!(s.skm.disetujui, unit);
    // Back at the same filter, which none still matches.
    let page = http(addr, "GET", &back, &cookie, None).await;
    assert!(page.body.contains("(0)"), "{}", page.body);
    let page = http(
        addr,
        "GET",
        &format!("/tinjauan?instansi={OWN}&status=disetujui"),
        &cookie,
        None,
    )
    .await;
    assert!(page.body.contains("status-disetujui") && page.body.contains(&format!("({unit})")));
    let page = http(addr, "GET", "/tinjauan?status=ditolak", &cookie, None).await;
    assert!(page.body.contains("diisi petugas, bukan warga") && page.body.contains("(3)"));
    // The figures left them out.
    let json = http(addr, "GET", "/laporan/evaluasi.json", &cookie, None).await;
    let e: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(e["jumlah"]["skm"], 1030);
    assert_eq!(e["tinjauan"]["skm"]["ditolak"], 3);
    // Only approved answers count.
    let r = http(
        addr,
        "POST",
        "/tinjauan/pengaturan",
        &cookie,
        Some(&form(&[("csrf", &csrf), ("hitung", "tidak")])),
    )
    .await;
    assert_eq!(r.status, 303);
    let json = http(addr, "GET", "/laporan/evaluasi.json", &cookie, None).await;
    let e: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(e["jumlah"]["skm"], unit);
    assert_eq!(e["tinjauan"]["hitung_belum_ditinjau"], false);
    let report = http(addr, "GET", "/laporan", &cookie, None).await;
    assert!(!report.body.contains("Angka sementara"));
    assert!(report.body.contains("Tinjauan jawaban"));
    // Audited.
    let audit = store.audit_rows(50).await.unwrap();
    assert_eq!(audit.iter().filter(|a| a.aksi == "tinjauan").count(), 2);
    assert!(audit.iter().any(|a| a.aksi == "hitung_belum_ditinjau"
        && a.username == "evaluator"
        && a.sesudah.as_deref() == Some("tidak")));
    // Only reviewers review.
    for role in ["operator", "pimpinan", "enumerator"] {
        let (c, t) = login(addr, role, PASSWORD).await.unwrap();
        assert_eq!(http(addr, "GET", "/tinjauan", &c, None).await.status, 403);
        let r = http(
            addr,
            "POST",
            "/tinjauan",
            &c,
            Some(&form(&[
                ("csrf", &t),
                ("id", "4"),
                ("status_baru", "disetujui"),
            ])),
        )
        .await;
        assert_eq!(r.status, 403);
    }
}
