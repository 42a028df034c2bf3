//! Qualitative coding on the real server: a coder codes a passage by its
//! text or its selection, answers suggestions (accept codes the sentence,
//! reject removes it again; the acceptance rate is kept per code and coder),
//! removes only their own segments; interviews and documents come in from
//! files, a scanned PDF is refused as such; the lexicon is the programme's
//! own once edited; transcripts stay with evaluators and admins.

use crate::common;

use std::path::Path;

use common::*;
use monev_domain::Sumber;
use monev_web::Settings;

const PROGRAM: &str = "ASN-AMPENAN-2025";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../dokumen/tests/fixtures")
            .join(name),
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coder_codes_passages_and_answers_suggestions() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    interview(&server, "W01").await;
    let store = server.store().await;
    let w01 = Sumber::Wawancara("W01".into());
    let (cookie, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();

    // Transcripts name people: pimpinan and operators do not read them.
    for role in ["pimpinan", "operator"] {
        let (c, _) = login(addr, role, PASSWORD).await.unwrap();
        for path in ["/kualitatif", "/kualitatif/wawancara/W01"] {
            assert_eq!(
                http(addr, "GET", path, &c, None).await.status,
                403,
                "{role} {path}"
            );
        }
    }

    let list = http(addr, "GET", "/kualitatif", &cookie, None).await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains(r#"href="/kualitatif/wawancara/W01""#));
    let page = http(addr, "GET", "/kualitatif/wawancara/W01", &cookie, None).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("lebih sabar menjelaskan"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(r#"<script src="/static/kualitatif.js" defer></script>"#)
    );

    // A pasted passage (white space and case as a browser copies it) is found.
    let r = http(
        addr,
        "POST",
        "/kualitatif/wawancara/W01/kutipan",
        &cookie,
        Some(&form(&[
            ("csrf", &csrf),
            ("kutipan", "  lebih sabar   MENJELASKAN persyaratan "),
            ("kode", "hasil.komunikasi"),
            ("memo", "contoh komunikasi"),
        ])),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let segs = store.segments(PROGRAM, &w01).await.unwrap();
    assert_eq!(segs.len(), 1);
    let k = &segs[0].kutipan;
    assert_eq!(k.teks(TRANSKRIP), "lebih sabar menjelaskan persyaratan");
    assert_eq!(
        (k.pengkode.as_str(), k.memo.as_deref()),
        ("evaluator", Some("contoh komunikasi"))
    );

    // A selection's span is taken as sent when it cuts the passage; one
    // that does not is ignored in favour of the passage's place.
    let start = TRANSKRIP.find("Modul literasi").unwrap();
    let a = TRANSKRIP[..start].chars().count();
    let passage = "Modul literasi digital kurang sesuai dengan tugas saya di loket.";
    let b = a + passage.chars().count();
    for (mulai, selesai) in [(a.to_string(), b.to_string()), ("0".into(), "5".into())] {
        let r = http(
            addr,
            "POST",
            "/kualitatif/wawancara/W01/kutipan",
            &cookie,
            Some(&form(&[
                ("csrf", &csrf),
                ("kutipan", passage),
                ("kode", "kendala.relevansi"),
                ("mulai", &mulai),
                ("selesai", &selesai),
            ])),
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    let segs = store.segments(PROGRAM, &w01).await.unwrap();
    let relevance: Vec<_> = segs
        .iter()
        .filter(|s| s.kutipan.kode == "kendala.relevansi")
        .collect();
    assert_eq!(relevance.len(), 2);
    assert!(
        relevance
            .iter()
            .all(|s| (s.kutipan.mulai, s.kutipan.selesai) == (a, b))
    );

    // Refused, located: a passage not in the text, a code not in the codebook.
    for (kutipan, kode, want) in [
        (
            "tidak pernah diucapkan",
            "hasil.komunikasi",
            "tidak ditemukan",
        ),
        ("lebih sabar", "kode.karangan", "buku kode"),
    ] {
        let r = http(
            addr,
            "POST",
            "/kualitatif/wawancara/W01/kutipan",
            &cookie,
            Some(&form(&[
                ("csrf", &csrf),
                ("kutipan", kutipan),
                ("kode", kode),
            ])),
        )
        .await;
        assert_eq!(r.status, 422, "{kutipan}");
        assert!(r.body.contains(want), "{}", r.body);
    }

    // Suggestions: accept one, reject another; the rate is kept.
    let suggestions = monev_kualitatif::Lexicon::baku().suggest(TRANSKRIP, None);
    assert!(suggestions.len() >= 2, "{suggestions:?}");
    let answer = |s: &monev_kualitatif::Suggestion, yes: bool| {
        form(&[
            ("csrf", &csrf),
            ("mulai", &s.mulai.to_string()),
            ("selesai", &s.selesai.to_string()),
            ("kode", &s.kode),
            ("pemicu", &s.pemicu.join(", ")),
            ("diterima", if yes { "1" } else { "0" }),
        ])
    };
    let (s1, s2) = (&suggestions[0], &suggestions[1]);
    for (s, yes) in [(s1, true), (s2, false)] {
        let r = http(
            addr,
            "POST",
            "/kualitatif/wawancara/W01/saran",
            &cookie,
            Some(&answer(s, yes)),
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    let from_suggestion = |segs: &[monev_store::HeldSegment]| {
        segs.iter()
            .filter(|h| {
                h.kutipan.mulai == s1.mulai
                    && h.kutipan.selesai == s1.selesai
                    && h.kutipan.kode == s1.kode
            })
            .count()
    };
    assert_eq!(
        from_suggestion(&store.segments(PROGRAM, &w01).await.unwrap()),
        1
    );
    let rate = store.acceptance(PROGRAM).await.unwrap();
    let (n, ok): (i64, i64) = rate
        .iter()
        .filter(|a| a.pengkode == "evaluator")
        .fold((0, 0), |(n, ok), a| (n + a.dijawab, ok + a.diterima));
    assert_eq!((n, ok), (2, 1));
    let list = http(addr, "GET", "/kualitatif", &cookie, None).await;
    assert!(list.body.contains("tingkat penerimaan"), "{}", list.body);
    // One interview: its group is not broken down.
    let freq = list
        .body
        .split("Matriks kerangka: kode × kelompok dan instansi")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .expect("the framework matrix");
    // "< 5", escaped (askama writes &#60;).
    assert!(freq.contains("&#60; 5") && !freq.contains(OWN), "{freq}");
    let page = http(addr, "GET", "/kualitatif/wawancara/W01", &cookie, None).await;
    assert!(page.body.contains("diterima") && page.body.contains("ditolak"));
    // Changing one's mind: rejecting the accepted sentence uncodes it.
    http(
        addr,
        "POST",
        "/kualitatif/wawancara/W01/saran",
        &cookie,
        Some(&answer(s1, false)),
    )
    .await;
    assert_eq!(
        from_suggestion(&store.segments(PROGRAM, &w01).await.unwrap()),
        0
    );
    let rate = store.acceptance(PROGRAM).await.unwrap();
    assert_eq!(rate.iter().map(|a| a.diterima).sum::<i64>(), 0);

    // A coder removes their own segments only; the admin any.
    let theirs = store
        .add_segment(
            PROGRAM,
            &monev_domain::Kutipan {
                sumber: w01.clone(),
                mulai: 0,
                selesai: 10,
                kode: "hasil.lainnya".into(),
                pengkode: "koder_lain".into(),
                memo: None,
            },
        )
        .await
        .unwrap();
    let mine = store
        .segments(PROGRAM, &w01)
        .await
        .unwrap()
        .iter()
        .find(|s| s.kutipan.kode == "kendala.relevansi")
        .unwrap()
        .id;
    for id in [theirs, mine] {
        let r = http(
            addr,
            "POST",
            &format!("/kualitatif/wawancara/W01/kutipan/{id}/hapus"),
            &cookie,
            Some(&form(&[("csrf", &csrf)])),
        )
        .await;
        assert_eq!(r.status, 303);
    }
    let ids: Vec<i64> = store
        .segments(PROGRAM, &w01)
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert!(ids.contains(&theirs) && !ids.contains(&mine), "{ids:?}");
    let (admin, admin_csrf) = login(addr, "admin", PASSWORD).await.unwrap();
    http(
        addr,
        "POST",
        &format!("/kualitatif/wawancara/W01/kutipan/{theirs}/hapus"),
        &admin,
        Some(&form(&[("csrf", &admin_csrf)])),
    )
    .await;
    assert!(
        !store
            .segments(PROGRAM, &w01)
            .await
            .unwrap()
            .iter()
            .any(|s| s.id == theirs)
    );

    // Coded segments reach the evaluation.
    let data = store.load_program(PROGRAM).await.unwrap();
    assert!(
        data.kutipan
            .iter()
            .any(|k| k.sumber == w01 && k.kode == "hasil.komunikasi" && k.pengkode == "evaluator")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interviews_and_documents_come_in_from_files_and_a_scan_is_refused() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    let store = server.store().await;
    let (cookie, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let fields = |consent: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("tanggal", "2025-09-02".to_string()),
            ("pewawancara", "Lalu Ahmad Fauzi".to_string()),
            ("kelompok", "masyarakat".to_string()),
            ("instansi", OWN.to_string()),
            ("persetujuan", consent.to_string()),
        ]
    };
    let as_refs = |v: &[(&'static str, String)]| -> Vec<(&'static str, String)> { v.to_vec() };
    // No consent: nothing kept.
    let v = as_refs(&fields(""));
    let refs: Vec<(&str, &str)> = v.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = multipart(
        addr,
        "/kualitatif/wawancara",
        &cookie,
        &refs,
        Some(("berkas", "w.txt", TRANSKRIP.as_bytes())),
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("persetujuan"), "{}", r.body);
    // With consent, from a .txt file: the next code.
    let v = as_refs(&fields("ya"));
    let refs: Vec<(&str, &str)> = v.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = multipart(
        addr,
        "/kualitatif/wawancara",
        &cookie,
        &refs,
        Some(("berkas", "w.txt", TRANSKRIP.as_bytes())),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), Some("/kualitatif/wawancara/W01"));
    // Typed in, no file.
    let mut v = as_refs(&fields("ya"));
    v.push((
        "transkrip",
        "P: Apa kabar?\r\nJ: Antrean lebih cepat.".into(),
    ));
    let refs: Vec<(&str, &str)> = v.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = multipart(addr, "/kualitatif/wawancara", &cookie, &refs, None).await;
    assert_eq!(r.header("location"), Some("/kualitatif/wawancara/W02"));
    let data = store.load_program(PROGRAM).await.unwrap();
    assert_eq!(data.wawancara.len(), 2);
    assert_eq!(
        data.wawancara[1].transkrip,
        "P: Apa kabar?\nJ: Antrean lebih cepat."
    );

    // Documents: a DOCX kept with its text; a scan refused as a scan.
    let csrf_s = csrf.as_str();
    let r = multipart(
        addr,
        "/kualitatif/dokumen",
        &cookie,
        &[("csrf", csrf_s), ("jenis", "notulen"), ("judul", "")],
        Some(("berkas", "notulen_rapat.docx", &fixture("notulen.docx"))),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), Some("/kualitatif/dokumen/D01"));
    let r = multipart(
        addr,
        "/kualitatif/dokumen",
        &cookie,
        &[("csrf", csrf_s), ("jenis", "laporan")],
        Some(("berkas", "pindaian.pdf", &fixture("pindaian.pdf"))),
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("pindaian"), "{}", r.body);
    let docs = store.documents(PROGRAM).await.unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(
        (docs[0].0.as_str(), docs[0].1.as_str(), docs[0].2.as_str()),
        ("D01", "notulen rapat", "notulen")
    );

    // A document is coded like a transcript, and the evaluation counts it.
    let d01 = Sumber::Dokumen("D01".into());
    let text = store.source_text(PROGRAM, &d01).await.unwrap().unwrap();
    let sentence = text
        .split(['.', '\n'])
        .map(str::trim)
        .find(|s| s.chars().count() > 20)
        .unwrap()
        .to_string();
    let r = http(
        addr,
        "POST",
        "/kualitatif/dokumen/D01/kutipan",
        &cookie,
        Some(&form(&[
            ("csrf", &csrf),
            ("kutipan", &sentence),
            ("kode", "kendala.partisipasi"),
        ])),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let data = store.load_program(PROGRAM).await.unwrap();
    let e = monev_eval::evaluate(&data, &monev_eval::Config::default());
    assert_eq!(e.kualitatif.dokumen, 1);
    assert_eq!(e.kualitatif.dokumen_dikodekan, 1);
    let code = e
        .kualitatif
        .per_kode
        .iter()
        .find(|k| k.kode == "kendala.partisipasi")
        .unwrap();
    assert_eq!((code.dokumen, code.segmen), (1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lexicon_becomes_the_programmes_own_once_edited() {
    let server = spawn(Settings::default()).await;
    let addr = server.addr;
    interview(&server, "W01").await;
    let store = server.store().await;
    let (cookie, csrf) = login(addr, "evaluator", PASSWORD).await.unwrap();
    let page = http(addr, "GET", "/kualitatif/leksikon", &cookie, None).await;
    assert!(page.body.contains("leksikon bawaan"), "{}", page.body);
    assert!(page.body.contains("menjelaskan"));
    // Only one code keeps words: suggestions come from it alone.
    let r = http(
        addr,
        "POST",
        "/kualitatif/leksikon",
        &cookie,
        Some(&form(&[
            ("csrf", &csrf),
            ("hasil.komunikasi", "Sabar, ramah"),
            ("kendala.relevansi", ""),
        ])),
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        store.lexicon(PROGRAM).await.unwrap(),
        vec![
            ("hasil.komunikasi".to_string(), "ramah".to_string()),
            ("hasil.komunikasi".to_string(), "sabar".to_string())
        ]
    );
    let page = http(addr, "GET", "/kualitatif/wawancara/W01", &cookie, None).await;
    let suggested = page.body.split("Saran kode").nth(1).unwrap_or("");
    assert!(suggested.contains("<code>hasil.komunikasi</code>"));
    assert!(!suggested.contains("<code>kendala.relevansi</code>"));
    // A code outside the codebook is refused; the lexicon is unchanged.
    let r = http(
        addr,
        "POST",
        "/kualitatif/leksikon",
        &cookie,
        Some(&form(&[("csrf", &csrf), ("kode.karangan", "apa")])),
    )
    .await;
    assert_eq!(r.status, 422);
    assert_eq!(store.lexicon(PROGRAM).await.unwrap().len(), 2);
    // A new code joins the default codebook, which is kept whole.
    let r = http(
        addr,
        "POST",
        "/kualitatif/kode",
        &cookie,
        Some(&form(&[
            ("csrf", &csrf),
            ("kode", "kendala.sarana"),
            ("nama", "Sarana kurang"),
            ("definisi", "Peralatan loket rusak atau kurang."),
        ])),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let book = store.codebook(PROGRAM).await.unwrap();
    assert_eq!(book.len(), monev_domain::KODE_BAKU.len() + 1);
    assert!(book.iter().any(|k| k.kode == "kendala.sarana"));
}
