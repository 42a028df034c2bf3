//! A data-subject request: everything held about one NIP comes out, and its
//! erasure leaves nothing of it and an evaluation that still loads. Runs on
//! the backend `MONEV_TEST_POSTGRES` chooses.

use monev_store::subject::Cell;
use monev_store::testing::TestDb;

#[tokio::test]
async fn one_nip_is_exported_whole_then_erased() {
    let db = TestDb::new().await;
    let (store, kode) = db.with_reference_package().await;
    let before = store.load_program(&kode).await.unwrap();
    // Someone who trained, answered a reaction questionnaire and was rated.
    let nip = before
        .asn
        .iter()
        .map(|a| a.nip.as_str().to_string())
        .find(|n| {
            before.peserta.iter().any(|p| p.nip.as_str() == n)
                && before.reaksi.iter().any(|r| r.nip.as_str() == n)
                && before.kinerja.iter().any(|k| k.nip.as_str() == n)
        })
        .expect("an ASN in every table");
    let held = |t: &str| -> usize {
        match t {
            "peserta" => before
                .peserta
                .iter()
                .filter(|p| p.nip.as_str() == nip)
                .count(),
            "kinerja" => before
                .kinerja
                .iter()
                .filter(|k| k.nip.as_str() == nip)
                .count(),
            _ => unreachable!(),
        }
    };

    let data = store.subject_data(&nip).await.unwrap();
    assert_eq!(data["asn"].len(), 1);
    let asn = before.asn.iter().find(|a| a.nip.as_str() == nip).unwrap();
    assert_eq!(data["asn"][0]["nama"], Cell::Text(asn.nama.clone()));
    assert_eq!(data["asn"][0]["program"], Cell::Text(kode.clone()));
    assert_eq!(data["peserta"].len(), held("peserta"));
    assert_eq!(data["kinerja"].len(), held("kinerja"));
    assert!(!data["reaksi"].is_empty());
    assert!(
        data.values()
            .flatten()
            .all(|r| !r.contains_key("token_hash"))
    );

    let version = store.program_version(&kode).await.unwrap();
    let gone = store.forget_subject(&nip, None).await.unwrap();
    assert_eq!(gone["asn"], 1);
    assert_eq!(gone["peserta"] as usize, held("peserta"));
    assert!(store.subject_data(&nip).await.unwrap().is_empty());
    assert_ne!(store.program_version(&kode).await.unwrap(), version);
    let after = store.load_program(&kode).await.unwrap();
    assert_eq!(after.asn.len(), before.asn.len() - 1);
    assert!(after.kinerja.iter().all(|k| k.nip.as_str() != nip));
    assert_eq!(
        after.skm.len(),
        before.skm.len(),
        "citizens' answers untouched"
    );
    // The erasure is audited in its own transaction, under a digest only.
    let audit = store.audit_rows(5).await.unwrap();
    let entry = audit
        .iter()
        .find(|a| a.aksi == "hapus_subjek_data")
        .expect("audited");
    assert_eq!(
        entry.objek,
        format!("nip-sha256:{}", monev_store::subject::digest(&nip))
    );
    assert!(
        audit
            .iter()
            .all(|a| !format!("{a:?}").contains(nip.as_str()))
    );
    assert!(store.verify_audit().await.unwrap().broken.is_empty());
}
