//! REFI-QDA exchange and the review of masks on the real server: the
//! programme's project downloads and reads back, a project from another
//! tool imports all or nothing with its refusals located, the evaluator's
//! masking decisions are kept and audited.

use crate::common;

use common::*;
use monev_domain::{KelompokResponden, KodeKualitatif, Kutipan, Sumber, Wawancara};
use monev_web::Settings;

const PROGRAM: &str = "ASN-AMPENAN-2025";

fn new_interview(kode: &str, text: &str) -> Wawancara {
    Wawancara {
        kode: kode.into(),
        tanggal: monev_domain::Date::parse("2025-09-02").unwrap(),
        pewawancara: "Lalu Ahmad Fauzi".into(),
        kelompok: KelompokResponden::Masyarakat,
        instansi: OWN.into(),
        persetujuan: true,
        transkrip: text.into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_project_goes_out_and_another_comes_in() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    interview(&server, "W01").await;
    let store = server.store().await;
    let (s, e) = monev_domain::locate(TRANSKRIP, "lebih sabar menjelaskan persyaratan").unwrap();
    store
        .add_segment(
            PROGRAM,
            &Kutipan {
                sumber: Sumber::Wawancara("W01".into()),
                mulai: s,
                selesai: e,
                kode: "hasil.komunikasi".into(),
                pengkode: "evaluator".into(),
                memo: Some("contoh komunikasi".into()),
            },
        )
        .await
        .unwrap();
    let (cookie, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();

    // Out: the project, read back as another tool would.
    let head = http(addr, "GET", "/kualitatif/proyek.qdpx", &cookie, None).await;
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some("application/zip"));
    let bytes = http_bytes(addr, "/kualitatif/proyek.qdpx", &cookie).await;
    let read = monev_qda::read_project(&bytes, &monev_qda::Bawaan::default()).unwrap();
    assert_eq!(read.proyek.wawancara.len(), 1);
    assert_eq!(read.proyek.wawancara[0].transkrip, TRANSKRIP);
    assert_eq!(read.proyek.kutipan.len(), 1);
    let k = &read.proyek.kutipan[0];
    assert_eq!(k.teks(TRANSKRIP), "lebih sabar menjelaskan persyaratan");
    assert_eq!(k.memo.as_deref(), Some("contoh komunikasi"));
    let qdc = http_bytes(addr, "/kualitatif/buku-kode.qdc", &cookie).await;
    assert!(monev_qda::read_codebook(&qdc).unwrap().len() >= 12);

    // In again as it is: W01 is held, so nothing is kept.
    let fields = [("csrf", csrf.as_str())];
    let r = multipart(
        addr,
        "/kualitatif/proyek.qdpx",
        &cookie,
        &fields,
        Some(("berkas", "kembali.qdpx", &bytes)),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        r.body
            .contains("kembali.qdpx: wawancara &#39;W01&#39; sudah ada")
            || r.body.contains("kembali.qdpx: wawancara 'W01' sudah ada"),
        "{}",
        r.body
    );
    assert_eq!(store.load_program(PROGRAM).await.unwrap().kutipan.len(), 1);

    // A project coded elsewhere: a new interview, a new code, two coders.
    let text = "P: Bagaimana?\nJ: Loketnya sekarang cepat 😀, tapi parkir sempit.";
    let (a, b) = monev_domain::locate(text, "parkir sempit").unwrap();
    let other = monev_qda::Proyek {
        nama: "Dari QualCoder".into(),
        wawancara: vec![new_interview("W02", text)],
        dokumen: Vec::new(),
        kode: vec![KodeKualitatif {
            kode: "kendala.parkir".into(),
            nama: "Parkir sempit".into(),
            definisi: "Warga menyebut tempat parkir.".into(),
        }],
        kutipan: ["Rina", "Ahmad"]
            .iter()
            .map(|c| Kutipan {
                sumber: Sumber::Wawancara("W02".into()),
                mulai: a,
                selesai: b,
                kode: "kendala.parkir".into(),
                pengkode: c.to_string(),
                memo: None,
            })
            .collect(),
    };
    let r = multipart(
        addr,
        "/kualitatif/proyek.qdpx",
        &cookie,
        &fields,
        Some((
            "berkas",
            "qualcoder.qdpx",
            &monev_qda::write_project(&other),
        )),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let data = store.load_program(PROGRAM).await.unwrap();
    assert!(
        data.wawancara
            .iter()
            .any(|w| w.kode == "W02" && w.transkrip == text)
    );
    let held: Vec<&Kutipan> = data
        .kutipan
        .iter()
        .filter(|k| k.kode == "kendala.parkir")
        .collect();
    assert_eq!(held.len(), 2);
    assert_eq!(held[0].teks(text), "parkir sempit");
    assert!(
        store
            .codebook(PROGRAM)
            .await
            .unwrap()
            .iter()
            .any(|c| c.kode == "kendala.parkir" && c.nama == "Parkir sempit")
    );
    let audit = store.audit_rows(100).await.unwrap();
    assert!(audit.iter().any(|a| a.aksi == "ekspor_qda"), "{audit:?}");
    assert!(audit.iter().any(|a| a.aksi == "impor_qda"), "{audit:?}");

    // Not a project at all: refused, located.
    let r = multipart(
        addr,
        "/kualitatif/proyek.qdpx",
        &cookie,
        &fields,
        Some(("berkas", "bukan.qdpx", b"PK not really")),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    // Operators and pimpinan neither export nor import.
    for role in ["pimpinan", "operator"] {
        let (c, _) = login(addr, role, PASSWORD).await.unwrap();
        assert_eq!(
            http(addr, "GET", "/kualitatif/proyek.qdpx", &c, None)
                .await
                .status,
            403
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn masking_decisions_are_kept_and_audited() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let store = server.store().await;
    // A passage naming an officer and a phone number, evidence of the
    // waiting-time finding.
    interview(&server, "W01").await;
    let (s, e) = monev_domain::locate(
        TRANSKRIP,
        "Antrean sekarang lebih pendek, kata Pak Rahmat (0812-3765-4410).",
    )
    .unwrap();
    store
        .add_segment(
            PROGRAM,
            &Kutipan {
                sumber: Sumber::Wawancara("W01".into()),
                mulai: s,
                selesai: e,
                kode: "hasil.waktu_tunggu".into(),
                pengkode: "evaluator".into(),
                memo: None,
            },
        )
        .await
        .unwrap();
    let (cookie, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let page = http(addr, "GET", "/kualitatif/samaran", &cookie, None).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("kata Pak <mark>[nama]</mark> (<mark>[telepon]</mark>)"),
        "{}",
        page.body
    );
    let post = |teks: &'static str, tindakan: &'static str| {
        let csrf = csrf.clone();
        let cookie = cookie.clone();
        async move {
            http(
                addr,
                "POST",
                "/kualitatif/samaran",
                &cookie,
                Some(&form(&[
                    ("csrf", &csrf),
                    ("teks", teks),
                    ("tindakan", tindakan),
                ])),
            )
            .await
        }
    };
    assert_eq!(post("Mbok  Inah", "samarkan").await.status, 303);
    assert_eq!(post("Mawar", "biarkan").await.status, 303);
    // One decision per phrase whatever its case: this replaces the first.
    assert_eq!(post("mbok inah", "biarkan").await.status, 303);
    assert_eq!(post("x", "entah").await.status, 422);
    let masks = store.masks(PROGRAM).await.unwrap();
    let got: Vec<(&str, &str)> = masks
        .iter()
        .map(|d| (d.teks.as_str(), d.tindakan.code()))
        .collect();
    assert_eq!(got, [("Mawar", "biarkan"), ("mbok inah", "biarkan")]);
    let page = http(addr, "GET", "/kualitatif/samaran", &cookie, None).await;
    assert!(page.body.contains("mbok inah") && page.body.contains("Mawar"));
    // "Rahmat" is no name here, says the evaluator: the quote keeps it, and
    // the phone number stays masked.
    assert_eq!(post("Rahmat", "biarkan").await.status, 303);
    let page = http(addr, "GET", "/kualitatif/samaran", &cookie, None).await;
    assert!(
        page.body
            .contains("kata Pak Rahmat (<mark>[telepon]</mark>)"),
        "{}",
        page.body
    );
    let r = http(
        addr,
        "POST",
        "/kualitatif/samaran/hapus",
        &cookie,
        Some(&form(&[("csrf", &csrf), ("teks", "rahmat")])),
    )
    .await;
    assert_eq!(r.status, 303);
    let r = http(
        addr,
        "POST",
        "/kualitatif/samaran/hapus",
        &cookie,
        Some(&form(&[("csrf", &csrf), ("teks", "MAWAR")])),
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(store.masks(PROGRAM).await.unwrap().len(), 1);
    let audit = store.audit_rows(100).await.unwrap();
    let trail: Vec<(&str, &str, Option<&str>, Option<&str>)> = audit
        .iter()
        .filter(|a| a.objek.starts_with("samaran:"))
        .map(|a| {
            (
                a.aksi.as_str(),
                a.objek.as_str(),
                a.sebelum.as_deref(),
                a.sesudah.as_deref(),
            )
        })
        .collect();
    for want in [
        ("samaran", "samaran:Mbok Inah", None, Some("samarkan")),
        (
            "samaran",
            "samaran:mbok inah",
            Some("samarkan"),
            Some("biarkan"),
        ),
        ("cabut_samaran", "samaran:Mawar", Some("biarkan"), None),
    ] {
        assert!(trail.contains(&want), "{want:?} in {trail:?}");
    }
}
