//! Before the final report, on the real server: the evaluator accepts,
//! edits and rejects generated recommendations and the report follows (the
//! edited text in Rekomendasi, the rejected one gone from it, every decision
//! and the rule's own text in the Lampiran); withdrawing a decision makes a
//! recommendation pending again. The report settings (team, decree, signer,
//! logo) reach the cover and the signature block of every format.

use crate::common;

use common::*;
use monev_web::Settings;

/// The recommendation codes the review page lists, in order.
fn listed(page: &str) -> Vec<String> {
    page.split(r#"<section class="rekomendasi" id=""#)
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

/// The part of the report between two section anchors.
fn section<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let a = html.find(&format!(r#"id="{from}""#)).unwrap();
    let b = html[a..].find(&format!(r#"id="{to}""#)).unwrap() + a;
    &html[a..b]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_evaluator_accepts_edits_and_rejects_recommendations() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (cookie, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();

    let page = http(addr, "GET", "/rekomendasi", &cookie, None).await;
    assert_eq!(page.status, 200);
    let codes = listed(&page.body);
    assert!(codes.len() >= 3, "{codes:?}");
    assert!(page.body.contains("belum ditinjau"));
    let report = http(addr, "GET", "/laporan", &cookie, None).await.body;
    assert!(
        report.contains("Draf: "),
        "pending recommendations make a draft"
    );

    let (accept, edit, reject) = (&codes[0], &codes[1], &codes[2]);
    let post = |kode: &str, fields: Vec<(&str, &str)>| {
        let cookie = cookie.clone();
        let body = form(&[&[("csrf", csrf.as_str())][..], &fields[..]].concat());
        let path = format!("/rekomendasi/{kode}");
        async move { http(addr, "POST", &path, &cookie, Some(&body)).await }
    };
    let r = post(accept, vec![("aksi", "terima")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = post(
        edit,
        vec![
            ("aksi", "ubah"),
            ("judul_id", "Rekomendasi hasil suntingan"),
            ("judul_en", "An edited recommendation"),
            ("teks_id", "Teks yang ditulis ulang oleh evaluator."),
            ("teks_en", "Text the evaluator rewrote."),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = post(reject, vec![("aksi", "tolak")]).await;
    assert_eq!(r.status, 303);

    // Refused: an edit without its English text, an unknown action, a
    // recommendation the rules did not produce, a missing CSRF token.
    let r = post(
        edit,
        vec![
            ("aksi", "ubah"),
            ("judul_id", "x"),
            ("judul_en", "x"),
            ("teks_id", "x"),
            ("teks_en", " "),
        ],
    )
    .await;
    assert_eq!(r.status, 422);
    assert_eq!(post(accept, vec![("aksi", "hapus")]).await.status, 422);
    assert_eq!(
        post("rekomendasi.tidak_ada", vec![("aksi", "terima")])
            .await
            .status,
        404
    );
    let r = http(
        addr,
        "POST",
        &format!("/rekomendasi/{accept}"),
        &cookie,
        Some("aksi=tolak"),
    )
    .await;
    assert_eq!(r.status, 403);

    let report = http(addr, "GET", "/laporan", &cookie, None).await.body;
    let recs = section(&report, "rekomendasi", "kesimpulan");
    assert!(recs.contains(&format!(r#"id="{accept}""#)));
    assert!(recs.contains("Teks yang ditulis ulang oleh evaluator."));
    assert!(recs.contains("Rekomendasi hasil suntingan"));
    assert!(
        !recs.contains(&format!(r#"id="{reject}""#)),
        "a rejected recommendation leaves the report"
    );
    assert!(recs.contains("diterima oleh"));
    assert!(recs.contains("disunting oleh"));
    let annex = section(&report, "lampiran", "lampiran-tabel");
    // Numbered in reading order: this programme has no interviews, so no
    // triangulation table before it.
    assert!(annex.contains("Tabel 10. Keputusan evaluator atas rekomendasi"));
    for kode in [accept, edit, reject] {
        assert!(annex.contains(&format!("<code>{kode}</code>")), "{kode}");
    }
    assert!(annex.contains("ditolak oleh"));
    // The rule's own text of the edited one is on record.
    let e: serde_json::Value = serde_json::from_str(
        &http(addr, "GET", "/laporan/evaluasi.json", &cookie, None)
            .await
            .body,
    )
    .unwrap();
    let edited = e["temuan"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kode"] == edit.as_str())
        .unwrap();
    assert_eq!(edited["keputusan"]["status"], "ubah");
    let original = edited["keputusan"]["asli"][0].as_str().unwrap();
    // As the report writes text (its own escaping).
    let shown = monev_report::html::esc;
    assert!(!original.is_empty() && annex.contains(&shown(original)));
    assert_eq!(edited["keputusan"]["usang"], false);

    // English report: the edited English text and English furniture.
    let en = http(addr, "GET", "/laporan?lang=en", &cookie, None)
        .await
        .body;
    assert!(en.contains("Text the evaluator rewrote."));
    assert!(en.contains("edited by"));

    // Withdrawn: pending again, back in the report with the rule's text.
    let r = post(reject, vec![("aksi", "batal")]).await;
    assert_eq!(r.status, 303);
    let report = http(addr, "GET", "/laporan", &cookie, None).await.body;
    let recs = section(&report, "rekomendasi", "kesimpulan");
    assert!(recs.contains(&format!(r#"id="{reject}""#)));

    // The audit log has every decision.
    let (admin, _) = login(addr, "admin", PASSWORD).await.unwrap();
    let audit = http(addr, "GET", "/audit", &admin, None).await.body;
    assert!(audit.matches("tinjau_rekomendasi").count() >= 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_settings_reach_the_cover_and_the_signature() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let (cookie, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    assert_eq!(
        http(addr, "GET", "/program/laporan", &cookie, None)
            .await
            .status,
        200
    );
    let body = form(&[
        ("csrf", &csrf),
        ("tim", "Dra. Baiq Rahmawati\nLalu Ahmad Fauzi"),
        ("nomor_sk", "800.1.3/77/BKPSDM/2026"),
        ("tempat", "Mataram"),
        ("tanggal", "2026-12-01"),
        ("penandatangan_jabatan", "Kepala BKPSDM Kota Mataram"),
        ("penandatangan_nama", "H. Muhammad Zaini"),
        ("penandatangan_nip", "197503121995031002"),
    ]);
    let r = http(addr, "POST", "/program/laporan", &cookie, Some(&body)).await;
    assert_eq!(r.status, 303, "{}", r.body);
    // A bad NIP or date is refused and changes nothing.
    for (k, v) in [("penandatangan_nip", "12345"), ("tanggal", "1 Desember")] {
        let bad = form(&[("csrf", &csrf), ("nomor_sk", "LAIN"), (k, v)]);
        let r = http(addr, "POST", "/program/laporan", &cookie, Some(&bad)).await;
        assert_eq!(r.status, 422, "{k}");
    }

    let report = http(addr, "GET", "/laporan", &cookie, None).await.body;
    let cover = &report[..report.find("</header>").unwrap()];
    assert!(cover.contains("800.1.3/77/BKPSDM/2026"));
    assert!(cover.contains("Dra. Baiq Rahmawati; Lalu Ahmad Fauzi"));
    assert!(cover.contains("Mataram, 1 Desember 2026"));
    assert!(!report.contains("LAIN"));
    let ttd = &report[report.find(r#"<div class="ttd">"#).unwrap()..];
    assert!(ttd.contains("Kepala BKPSDM Kota Mataram"));
    assert!(ttd.contains("<strong>H. Muhammad Zaini</strong><br>NIP 197503121995031002"));
    let en = http(addr, "GET", "/laporan?lang=en", &cookie, None)
        .await
        .body;
    assert!(en.contains("Mataram, 1 December 2026"));
    assert!(en.contains("Appointed by decree no."));

    // A logo: refused when it is not an image, shown once it is.
    let r = multipart(
        addr,
        "/program/laporan/logo",
        &cookie,
        &[("csrf", &csrf)],
        Some(("logo", "logo.png", b"bukan gambar")),
    )
    .await;
    assert_eq!(r.status, 422);
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#1f4e79"/></svg>"##;
    let (png, _, _) = monev_report::raster::png(svg, 1.0).unwrap();
    let r = multipart(
        addr,
        "/program/laporan/logo",
        &cookie,
        &[("csrf", &csrf)],
        Some(("logo", "logo.png", &png)),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let report = http(addr, "GET", "/laporan", &cookie, None).await.body;
    assert!(report.contains(r#"<img class="logo" alt="logo" src="data:image/png;base64,"#));
    let docx = http_bytes(addr, "/laporan/laporan.docx", &cookie).await;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    assert!(z.by_name("word/media/logo.png").is_ok());
    // Removed again.
    let r = multipart(
        addr,
        "/program/laporan/logo",
        &cookie,
        &[("csrf", &csrf), ("hapus", "1")],
        None,
    )
    .await;
    assert_eq!(r.status, 303);
    let report = http(addr, "GET", "/laporan", &cookie, None).await.body;
    assert!(!report.contains(r#"class="logo""#));

    // Pimpinan reads the report but does not set what it says.
    let (boss, boss_csrf) = login(addr, "pimpinan", PASSWORD).await.unwrap();
    let body = form(&[("csrf", &boss_csrf), ("nomor_sk", "X")]);
    let r = http(addr, "POST", "/program/laporan", &boss, Some(&body)).await;
    assert_eq!(r.status, 403);
    let r = http(addr, "GET", "/laporan", &boss, None).await;
    assert!(r.status == 200 && !r.body.contains(r#"href="/rekomendasi""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_uses_the_evaluators_rules_and_flags_an_unfilled_placeholder() {
    let text = r#"
[[rekomendasi]]
kode = "rekomendasi.khusus"
prioritas = 1
dasar = "kendala.partisipasi"
judul = { id = "Aturan kabupaten", en = "A district rule" }
teks = { id = "Undang {terendah} ke rapat {bulan}.", en = "Invite {terendah} to the {bulan} meeting." }
"#;
    let rules = monev_eval::recommend::Rules::parse(text, "aturan.toml").unwrap();
    let server = spawn(Settings {
        rules: Some(std::sync::Arc::new(rules)),
        ..Settings::default()
    })
    .await;
    let (cookie, _) = login(server.addr, "evaluator", PASSWORD).await.unwrap();
    let page = http(server.addr, "GET", "/rekomendasi", &cookie, None).await;
    assert_eq!(listed(&page.body), ["rekomendasi.khusus"]);
    assert!(
        page.body.contains("Undang "),
        "the basis' argument is filled"
    );
    assert!(
        page.body
            .contains("<code>rekomendasi.khusus</code>: <code>{bulan}</code>"),
        "{}",
        page.body
    );
}
