//! The evaluation on small hand-made programmes: empty data does not panic
//! or claim anything, and each rule fires on its condition and not otherwise.

use monev_domain::*;
use monev_eval::{Config, Jenis, evaluate};

fn program() -> ProgramData {
    let d = |s| Date::parse(s).unwrap();
    ProgramData {
        instansi: vec![Instansi {
            kode: "A".into(),
            nama: "A".into(),
            jenis: "kelurahan".into(),
            kelompok: Kelompok::Intervensi,
        }],
        ..ProgramData::new(Program {
            kode: "P".into(),
            nama: "Program Uji".into(),
            wilayah: "Kota Uji".into(),
            mulai: d("2025-01-01"),
            selesai: d("2025-12-31"),
            tanggal_intervensi: d("2025-07-01"),
            pagu_anggaran: 100.0,
            target_partisipasi_persen: None,
            evaluator: None,
            laporan: Default::default(),
        })
    }
}

fn asn(n: usize) -> Vec<Asn> {
    (0..n)
        .map(|i| Asn {
            nip: Nip::parse(&format!("19850312201001100{}", i % 9 + 1))
                .unwrap_or_else(|_| unreachable!()),
            nama: format!("ASN {i}"),
            instansi: "A".into(),
            jabatan: String::new(),
            golongan: String::new(),
            pendidikan: String::new(),
            jenis_kelamin: Gender::L,
        })
        .collect()
}

fn codes(d: &ProgramData) -> Vec<String> {
    evaluate(d, &Config::default())
        .temuan
        .iter()
        .map(|f| f.kode.clone())
        .collect()
}

#[test]
fn an_empty_programme_evaluates_without_claims() {
    let e = evaluate(&program(), &Config::default());
    assert!(
        e.temuan.iter().all(|f| f.jenis != Jenis::Hasil),
        "{:?}",
        e.temuan
    );
    assert!(e.partisipasi.total.persen.is_nan());
    assert!(e.layanan.did.estimasi_menit.is_nan());
    // …and serialises, NaN as null.
    let json = serde_json::to_string(&e).unwrap();
    assert!(json.contains("\"estimasi_menit\":null"));
}

#[test]
fn participation_rule_follows_the_target() {
    let mut d = program();
    d.asn = asn(4);
    let take = |d: &mut ProgramData, k: usize| {
        d.pelatihan = vec![Pelatihan {
            kode: "M".into(),
            nama: "M".into(),
            bidang: String::new(),
            jp: 8.0,
            biaya_per_peserta: 1.0,
        }];
        d.peserta = d.asn[..k]
            .iter()
            .map(|a| Peserta {
                nip: a.nip.clone(),
                pelatihan: "M".into(),
                tanggal_mulai: None,
                tanggal_selesai: None,
                kehadiran_persen: Some(100.0),
                pre_test: Some(50.0),
                post_test: Some(60.0),
            })
            .collect();
    };
    take(&mut d, 2);
    assert!(codes(&d).iter().any(|c| c == "kendala.partisipasi"));
    assert!(codes(&d).iter().any(|c| c == "rekomendasi.sosialisasi"));
    take(&mut d, 4);
    assert!(!codes(&d).iter().any(|c| c == "kendala.partisipasi"));
    d.program.target_partisipasi_persen = Some(100.0);
    assert!(
        !codes(&d).iter().any(|c| c == "kendala.partisipasi"),
        "100% meets a 100% target"
    );
}

#[test]
fn budget_rules_distinguish_underspending_from_a_used_up_budget() {
    let mut d = program();
    d.anggaran = vec![Anggaran {
        kegiatan: "x".into(),
        pagu: 100.0,
        realisasi: 60.0,
    }];
    assert!(codes(&d).iter().any(|c| c == "kendala.penyerapan_anggaran"));
    d.anggaran[0].realisasi = 99.0;
    d.asn = asn(3); // nobody trained: participation 0% < target
    let c = codes(&d);
    assert!(
        c.iter().any(|c| c == "kendala.anggaran_terbatas")
            && !c.iter().any(|c| c == "kendala.penyerapan_anggaran"),
        "{c:?}"
    );
}

#[test]
fn a_thin_result_is_called_fragile_not_stated_flatly() {
    let mut d = program();
    d.asn = asn(6);
    d.pelatihan = vec![Pelatihan {
        kode: "M".into(),
        nama: "M".into(),
        bidang: String::new(),
        jp: 8.0,
        biaya_per_peserta: 1.0,
    }];
    d.peserta = d
        .asn
        .iter()
        .enumerate()
        .map(|(i, a)| Peserta {
            nip: a.nip.clone(),
            pelatihan: "M".into(),
            tanggal_mulai: None,
            tanggal_selesai: None,
            kehadiran_persen: Some(100.0),
            pre_test: Some(40.0 + i as f64),
            post_test: Some(60.0 + 2.0 * i as f64),
        })
        .collect();
    let e = evaluate(&d, &Config::default());
    let m = &e.pembelajaran.per_pelatihan[0];
    assert!(
        m.signifikan && m.rapuh,
        "n = 6 is significant here but thin"
    );
    let f = e
        .temuan
        .iter()
        .find(|f| f.kode == "hasil.pembelajaran")
        .unwrap();
    let caveat = f.args.iter().find(|(n, _)| *n == "rapuh").unwrap();
    assert!(matches!(&caveat.1, monev_eval::Arg::Teks(id, _) if id.contains("rapuh")));
}

#[test]
fn non_participants_reasons_are_counted_and_reported() {
    let mut d = program();
    let a = |alasan: &[&str], minat: Option<&str>| monev_domain::AlasanNonpeserta {
        instansi: "A".into(),
        alasan: alasan.iter().map(|s| s.to_string()).collect(),
        minat: minat.map(str::to_string),
    };
    d.nonpeserta = vec![
        a(&["beban_kerja", "jadwal"], Some("ya")),
        a(&["beban_kerja"], Some("tidak")),
        a(&["tidak_tahu", "beban_kerja"], None),
        a(&["jadwal"], Some("ya")),
    ];
    let e = evaluate(&d, &Config::default());
    let al = &e.partisipasi.alasan;
    assert_eq!(al.responden, 4);
    assert_eq!(
        al.per_alasan
            .iter()
            .take(3)
            .map(|a| (a.kode.as_str(), a.n))
            .collect::<Vec<_>>(),
        [("beban_kerja", 3), ("jadwal", 2), ("tidak_tahu", 1)]
    );
    assert_eq!(al.per_alasan[0].persen, 75.0);
    // Two of the three who answered would join.
    assert!((al.bersedia_persen - 200.0 / 3.0).abs() < 1e-12);
    let f = e
        .temuan
        .iter()
        .find(|f| f.kode == "kendala.alasan_nonpeserta")
        .expect("the constraint");
    assert_eq!(f.bukti, ["partisipasi.alasan"]);
    assert!(
        codes(&program())
            .iter()
            .all(|c| *c != "kendala.alasan_nonpeserta")
    );
}
