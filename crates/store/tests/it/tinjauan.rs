//! The review of submissions: a rejected SKM questionnaire or ASN
//! questionnaire leaves the figures and stays in the store; answers not yet
//! approved count or not as the programme says; a comment is required to
//! reject; every review is in the audit log and makes a new data version.
//! Runs on the backend `MONEV_TEST_POSTGRES` chooses.

use monev_domain::StatusTinjauan;
use monev_store::testing::TestDb;
use monev_store::{JenisKiriman, NewToken, SaringanTinjauan, Tinjau, TokenAnswers, TokenOutcome};

fn act(status: StatusTinjauan, catatan: &str) -> Tinjau<'_> {
    Tinjau {
        status,
        catatan,
        oleh: "Penguji",
        waktu: 1_760_000_000,
    }
}

#[tokio::test]
async fn rejected_answers_leave_the_figures_and_stay_for_the_audit() {
    let db = TestDb::new().await;
    let (store, kode) = db.with_reference_package().await;
    let before = store.load_program(&kode).await.unwrap();
    let summary = before.tinjauan.unwrap();
    assert!(summary.hitung_belum_ditinjau);
    assert_eq!(summary.skm.diterima as usize, before.skm.len());
    assert!(summary.sementara());

    // Reject every questionnaire of one instansi up to the middle of its dates.
    let unit = before.skm[0].instansi.clone();
    let mut dates: Vec<String> = before
        .skm
        .iter()
        .filter(|s| s.instansi == unit)
        .map(|s| s.tanggal.to_string())
        .collect();
    dates.sort();
    let cut = dates[dates.len() / 2].clone();
    let f = SaringanTinjauan {
        instansi: Some(unit.clone()),
        sampai: Some(cut.clone()),
        ..SaringanTinjauan::of(JenisKiriman::Skm)
    };
    let listed = store.submissions(&kode, &f, 500, 0).await.unwrap();
    let expected_gone = before
        .skm
        .iter()
        .filter(|s| s.instansi == unit && s.tanggal.to_string() <= cut)
        .count();
    assert!(expected_gone > 0);
    assert_eq!(listed.total as usize, expected_gone);

    // No comment, no rejection; nothing changed.
    let version = store.program_version(&kode).await.unwrap();
    let err = store
        .review(&kode, &f, None, &act(StatusTinjauan::Ditolak, "  "), None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("catatan"), "{err}");
    assert_eq!(store.program_version(&kode).await.unwrap(), version);

    let n = store
        .review(
            &kode,
            &f,
            None,
            &act(StatusTinjauan::Ditolak, "isian ganda"),
            None,
        )
        .await
        .unwrap();
    assert_eq!(n as usize, expected_gone);
    assert_ne!(store.program_version(&kode).await.unwrap(), version);
    let after = store.load_program(&kode).await.unwrap();
    assert_eq!(after.skm.len(), before.skm.len() - expected_gone);
    assert!(
        after
            .skm
            .iter()
            .all(|s| s.instansi != unit || s.tanggal.to_string() > cut)
    );
    assert_eq!(after.tinjauan.unwrap().skm.ditolak as usize, expected_gone);
    // The grouped figures agree with the rows.
    let cells = store.skm_cells(&kode).await.unwrap();
    let grouped: u64 = cells.iter().map(|c| c.n).sum();
    assert_eq!(grouped as usize, after.skm.len());
    // Kept, with who, why and when.
    let kept = store
        .submissions(
            &kode,
            &SaringanTinjauan {
                status: Some(StatusTinjauan::Ditolak),
                ..SaringanTinjauan::of(JenisKiriman::Skm)
            },
            500,
            0,
        )
        .await
        .unwrap();
    assert_eq!(kept.total as usize, expected_gone);
    assert!(
        kept.baris
            .iter()
            .all(|b| b.catatan.as_deref() == Some("isian ganda")
                && b.oleh.as_deref() == Some("Penguji")
                && b.waktu == Some(1_760_000_000))
    );
    // Reviewing again to the same state changes nothing.
    let again = store
        .review(
            &kode,
            &f,
            None,
            &act(StatusTinjauan::Ditolak, "isian ganda"),
            None,
        )
        .await
        .unwrap();
    assert_eq!(again, 0);
    // Audited: the ids and the former state, the new state and the comment.
    let audit = store.audit_rows(50).await.unwrap();
    let e = audit
        .iter()
        .find(|a| a.aksi == "tinjauan")
        .expect("audited");
    assert!(
        e.sebelum.as_deref().unwrap().starts_with("diterima: "),
        "{e:?}"
    );
    assert_eq!(e.sesudah.as_deref(), Some("ditolak: isian ganda"));
    assert!(store.verify_audit().await.unwrap().broken.is_empty());

    // Approve a few by id; then count only approved answers.
    let ids: Vec<i64> = store
        .submissions(&kode, &SaringanTinjauan::of(JenisKiriman::Skm), 7, 0)
        .await
        .unwrap()
        .baris
        .iter()
        .filter(|b| b.status == StatusTinjauan::Diterima)
        .map(|b| b.id)
        .collect();
    let all = SaringanTinjauan::of(JenisKiriman::Skm);
    let n = store
        .review(
            &kode,
            &all,
            Some(&ids),
            &act(StatusTinjauan::Disetujui, ""),
            None,
        )
        .await
        .unwrap();
    assert_eq!(n as usize, ids.len());
    store
        .set_count_unreviewed(&kode, false, None)
        .await
        .unwrap();
    let only = store.load_program(&kode).await.unwrap();
    assert_eq!(only.skm.len(), ids.len());
    let s = only.tinjauan.unwrap();
    assert!(!s.sementara());
    assert_eq!(s.tidak_dihitung() as usize, before.skm.len() - ids.len());
    let cells = store.skm_cells(&kode).await.unwrap();
    assert_eq!(cells.iter().map(|c| c.n as usize).sum::<usize>(), ids.len());
    store.set_count_unreviewed(&kode, true, None).await.unwrap();
    assert_eq!(
        store.load_program(&kode).await.unwrap().skm.len(),
        after.skm.len()
    );
}

#[tokio::test]
async fn a_rejected_asn_questionnaire_leaves_its_rows_out() {
    let db = TestDb::new().await;
    let (store, kode) = db.with_reference_package().await;
    let before = store.load_program(&kode).await.unwrap();
    let asn = &before.asn[0];
    let item = before.reaksi_item[0].kode.clone();
    let pelatihan = before.pelatihan[0].kode.clone();
    store
        .create_survey_tokens(
            &kode,
            "reaksi",
            &[NewToken {
                token_hash: "h1".into(),
                nip: asn.nip.as_str().to_string(),
                pelatihan: Some(pelatihan),
                penilai: None,
            }],
        )
        .await
        .unwrap();
    let outcome = store
        .answer_with_token(
            "h1",
            "0b0f3c1e-0000-4000-8000-000000000001",
            "2025-06-01",
            &TokenAnswers::Reaksi(vec![(item, 5)]),
        )
        .await
        .unwrap();
    assert_eq!(outcome, TokenOutcome::Saved);
    let with = store.load_program(&kode).await.unwrap();
    assert_eq!(with.reaksi.len(), before.reaksi.len() + 1);
    let f = SaringanTinjauan::of(JenisKiriman::Asn("reaksi".into()));
    let listed = store.submissions(&kode, &f, 10, 0).await.unwrap();
    assert_eq!(listed.total, 1);
    // The unit of the ASN who answered.
    assert_eq!(
        listed.baris[0].instansi.as_deref(),
        Some(asn.instansi.as_str())
    );
    store
        .review(
            &kode,
            &f,
            None,
            &act(StatusTinjauan::Ditolak, "bukan peserta modul ini"),
            None,
        )
        .await
        .unwrap();
    let without = store.load_program(&kode).await.unwrap();
    assert_eq!(without.reaksi.len(), before.reaksi.len());
    assert_eq!(without.tinjauan.unwrap().asn.ditolak, 1);
    // Has issues: counts while unreviewed answers count, not otherwise.
    store
        .review(
            &kode,
            &f,
            None,
            &act(StatusTinjauan::Bermasalah, "skor janggal"),
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        store.load_program(&kode).await.unwrap().reaksi.len(),
        before.reaksi.len() + 1
    );
    store
        .set_count_unreviewed(&kode, false, None)
        .await
        .unwrap();
    // Rows a package imported are the evaluator's own and are not reviewed.
    assert_eq!(
        store.load_program(&kode).await.unwrap().reaksi.len(),
        before.reaksi.len()
    );
}
