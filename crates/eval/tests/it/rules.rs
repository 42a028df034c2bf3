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
            wilayah: None,
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
            zona_waktu: ZonaWaktu::Wita,
            periode: JenisPeriode::Triwulan,
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

/// A module whose post-test fell: 12 participants, each scoring lower after.
fn declining_module() -> ProgramData {
    let mut d = program();
    d.asn = asn(12);
    d.pelatihan = vec![Pelatihan {
        kode: "M".into(),
        nama: "Literasi Digital".into(),
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
            pre_test: Some(70.0 + i as f64),
            post_test: Some(60.0 + i as f64 + (i % 3) as f64),
        })
        .collect();
    d
}

#[test]
fn a_significant_decline_is_a_kendala_in_both_languages() {
    let e = evaluate(&declining_module(), &Config::default());
    let m = &e.pembelajaran.per_pelatihan[0];
    assert!(
        m.selisih_rata < 0.0 && m.p_holm < 0.05 && !m.signifikan,
        "{m:?}"
    );
    let f = e
        .temuan
        .iter()
        .find(|f| f.kode == "kendala.penurunan")
        .expect("the decline is a finding");
    assert_eq!(f.jenis, Jenis::Kendala);
    assert_eq!(f.bukti, ["pembelajaran.per_pelatihan[pelatihan=M]"]);
    let id = f.render(Lang::Id);
    let en = f.render(Lang::En);
    assert!(
        id.contains("Literasi Digital") && id.contains("di bawah pre-test"),
        "{id}"
    );
    assert!(
        id.contains(&format!(
            "selisih {}",
            format::number(m.selisih_rata, 1, Lang::Id)
        )),
        "{id}"
    );
    assert!(
        en.contains("Literasi Digital") && en.contains("below pre-test"),
        "{en}"
    );
    assert!(en.contains("n = 12"), "{en}");
    // A gain is no decline.
    assert!(!codes(&program()).contains(&"kendala.penurunan".to_string()));
}

/// The held-out case: a behaviour aspect fell by 0,21 points with Holm
/// p = 0,045, and the report said nothing. Likewise waiting time up and
/// the IKM down in their difference-in-differences.
#[test]
fn a_behaviour_aspect_waiting_time_or_ikm_that_worsened_is_reported() {
    let mut e = evaluate(&program(), &Config::default());
    assert!(!e.temuan.iter().any(|f| f.kode == "kendala.penurunan"));
    let mut uji = e.layanan.did.uji.clone();
    uji.ci95_bawah = -0.41;
    uji.ci95_atas = -0.01;
    uji.p = 0.015;
    uji.n = 180;
    e.kinerja.per_aspek.push(monev_eval::KinerjaAspek {
        aspek: "kerja_sama".into(),
        estimasi: -0.21,
        uji: uji.clone(),
        p_holm: 0.045,
        signifikan: false,
        n_peserta: 40,
        n_nonpeserta: 50,
    });
    // Not significant after Holm: no finding for this one.
    e.kinerja.per_aspek.push(monev_eval::KinerjaAspek {
        aspek: "disiplin".into(),
        estimasi: -0.30,
        uji: uji.clone(),
        p_holm: 0.06,
        signifikan: false,
        n_peserta: 40,
        n_nonpeserta: 50,
    });
    e.layanan.did.estimasi_menit = 4.5;
    e.layanan.did.uji = monev_eval::did::DidInference {
        ci95_bawah: 1.5,
        ci95_atas: 7.5,
        p: 0.004,
        n: 900,
        ..uji.clone()
    };
    e.skm.did.estimasi_poin = -0.12;
    e.skm.did.uji = monev_eval::did::DidInference {
        ci95_bawah: -0.2,
        ci95_atas: -0.04,
        p: 0.003,
        n: 300,
        ..uji
    };
    let found = monev_eval::rules::apply(&e);
    let f = found
        .iter()
        .find(|f| f.kode == "kendala.penurunan")
        .expect("the declines are a finding");
    assert_eq!(f.jenis, Jenis::Kendala);
    assert_eq!(
        f.bukti,
        [
            "kinerja.per_aspek[aspek=kerja_sama]",
            "layanan.did",
            "skm.did"
        ]
    );
    let id = f.render(Lang::Id);
    assert!(id.starts_with("3 perbandingan"), "{id}");
    assert!(
        id.contains("kerja sama") && id.contains("−0,21") && id.contains("p Holm = 0,045"),
        "{id}"
    );
    assert!(
        id.contains("+4,5 menit") && id.contains("−0,12 poin"),
        "{id}"
    );
    assert!(!id.contains("disiplin"), "{id}");
    let en = f.render(Lang::En);
    assert!(
        en.contains("kerja sama") && en.contains("−0.21") && en.contains("Holm p = 0.045"),
        "{en}"
    );
    assert!(
        en.contains("+4.5 minutes") && en.contains("−0.12 points"),
        "{en}"
    );
}
