//! monev → .qdpx → monev keeps every segment, code, coder and memo, and
//! every interview and document with what monev knows of it.

use monev_domain::{Kutipan, Sumber};
use monev_qda::{Bawaan, Proyek, read_project, write_project};
use proptest::prelude::*;

fn demo() -> Proyek {
    let d = monev_demo::generate(monev_demo::SEED);
    let mut kode = d.kode_kualitatif.clone();
    if kode.is_empty() {
        kode = monev_domain::KODE_BAKU
            .iter()
            .map(|(k, n, def)| monev_domain::KodeKualitatif {
                kode: k.to_string(),
                nama: n.to_string(),
                definisi: def.to_string(),
            })
            .collect();
    }
    Proyek {
        nama: d.program.nama,
        wawancara: d.wawancara,
        dokumen: d.dokumen,
        kode,
        kutipan: d.kutipan,
    }
}

fn sorted(mut v: Vec<Kutipan>) -> Vec<Kutipan> {
    v.sort_by(|a, b| {
        (&a.sumber, a.mulai, a.selesai, &a.kode, &a.pengkode, &a.memo).cmp(&(
            &b.sumber,
            b.mulai,
            b.selesai,
            &b.kode,
            &b.pengkode,
            &b.memo,
        ))
    });
    v
}

#[test]
fn the_demo_goes_round_exactly() {
    let p = demo();
    assert!(p.kutipan.len() > 100 && !p.dokumen.is_empty());
    assert!(
        p.kutipan.iter().any(|k| k.memo.is_some()),
        "the demo has memos"
    );
    let bytes = write_project(&p);
    let back = read_project(&bytes, &Bawaan::default()).unwrap();
    assert!(back.catatan.is_empty(), "{:?}", back.catatan);
    let q = back.proyek;
    assert_eq!(q.nama, p.nama);
    assert_eq!(q.wawancara, p.wawancara);
    assert_eq!(q.dokumen, p.dokumen);
    let mut codes = p.kode.clone();
    codes.sort_by(|a, b| a.kode.cmp(&b.kode));
    let mut got = q.kode.clone();
    got.sort_by(|a, b| a.kode.cmp(&b.kode));
    assert_eq!(got, codes);
    assert_eq!(sorted(q.kutipan), sorted(p.kutipan.clone()));
    // The same evidence writes the same bytes.
    assert_eq!(write_project(&p), bytes);
}

#[test]
fn a_codebook_goes_round_with_its_hierarchy() {
    let p = demo();
    let back = monev_qda::read_codebook(&monev_qda::write_codebook(&p.kode)).unwrap();
    let mut want = p.kode.clone();
    want.sort_by(|a, b| a.kode.cmp(&b.kode));
    let mut got = back;
    got.sort_by(|a, b| a.kode.cmp(&b.kode));
    assert_eq!(got, want);
}

/// Text of one character class per draw: ASCII, Indonesian/Sasak Latin
/// with diacritics, CJK, and characters outside the BMP.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-zA-Z ,.]{1,6}",
            Just("é".to_string()),
            Just("\r\n".to_string()),
            Just("访谈".to_string()),
            Just("😀".to_string()),
            Just("𝕬".to_string()),
            Just("\u{1F1EE}\u{1F1E9}".to_string()),
        ],
        1..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn positions_survive_any_text(t in text(), cuts in prop::collection::vec((0usize..1000, 0usize..1000), 1..6)) {
        let n = t.chars().count();
        let mut p = Proyek { nama: "uji".into(), ..Proyek::default() };
        p.wawancara.push(monev_domain::Wawancara {
            kode: "W01".into(),
            tanggal: monev_domain::Date::parse("2025-06-01").unwrap(),
            pewawancara: "Baiq Nurul".into(),
            kelompok: monev_domain::KelompokResponden::Masyarakat,
            instansi: "KEL-A".into(),
            persetujuan: true,
            transkrip: t.clone(),
        });
        p.kode.push(monev_domain::KodeKualitatif { kode: "hasil.x".into(), nama: "X".into(), definisi: String::new() });
        for (i, (a, b)) in cuts.iter().enumerate() {
            let (a, b) = (a % n.max(1), b % n.max(1));
            let (a, b) = (a.min(b), a.max(b) + 1);
            if b > n { continue; }
            p.kutipan.push(Kutipan {
                sumber: Sumber::Wawancara("W01".into()),
                mulai: a,
                selesai: b,
                kode: "hasil.x".into(),
                pengkode: format!("Koder {}", i % 2),
                memo: (i % 2 == 0).then(|| format!("memo {i} 😀")),
            });
        }
        let back = read_project(&write_project(&p), &Bawaan::default()).unwrap().proyek;
        prop_assert_eq!(&back.wawancara[0].transkrip, &t);
        prop_assert_eq!(sorted(back.kutipan), sorted(p.kutipan));
    }
}
