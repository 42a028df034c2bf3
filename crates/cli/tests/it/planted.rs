//! The demo's planted effects (`monev_demo::PLANTED`) are recovered by the
//! whole path the demo takes: generate → write CSV → import → load →
//! evaluate. Each true value must lie inside the 95% interval the
//! evaluation (or, where it reports none, the test) computes.

use monev_demo::{MODULES, PLANTED, SEED};
use monev_domain::Kelompok;
use monev_eval::{Config, Fase};
use monev_store::{ImportOptions, Store};

/// The demo's seed, or `MONEV_DEMO_SEED` to see how other draws fare.
fn seed() -> u64 {
    std::env::var("MONEV_DEMO_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEED)
}

fn evaluated() -> (monev_domain::ProgramData, monev_eval::Evaluasi) {
    let tmp = tempfile::tempdir().unwrap();
    let data = monev_demo::generate(seed());
    monev_ingest::write_package(&data, tmp.path(), monev_ingest::Delimiter::Comma).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let loaded = rt.block_on(async {
        let store = Store::in_memory().await.unwrap();
        let s = store
            .import(tmp.path(), ImportOptions::default())
            .await
            .unwrap();
        store.load_program(&s.program).await.unwrap()
    });
    // The store returns dimension tables sorted by their code; facts in import order.
    let mut want = data.clone();
    want.instansi.sort_by(|a, b| a.kode.cmp(&b.kode));
    want.asn.sort_by(|a, b| a.nip.cmp(&b.nip));
    want.pelatihan.sort_by(|a, b| a.kode.cmp(&b.kode));
    want.peserta
        .sort_by(|a, b| (&a.pelatihan, &a.nip).cmp(&(&b.pelatihan, &b.nip)));
    want.indikator.sort_by(|a, b| a.kode.cmp(&b.kode));
    assert!(
        loaded.program == want.program
            && loaded.instansi == want.instansi
            && loaded.asn == want.asn
    );
    assert!(
        loaded.pelatihan == want.pelatihan && loaded.peserta == want.peserta,
        "peserta round-trip"
    );
    assert!(
        loaded.skm == want.skm && loaded.layanan == want.layanan,
        "skm/layanan round-trip"
    );
    assert!(
        loaded.anggaran == want.anggaran && loaded.indikator == want.indikator,
        "anggaran/indikator round-trip"
    );
    assert_eq!(loaded.kinerja.len(), want.kinerja.len(), "kinerja rows");
    if let Some(i) = (0..want.kinerja.len()).find(|&i| loaded.kinerja[i] != want.kinerja[i]) {
        panic!(
            "kinerja row {i}: {:?} vs {:?}",
            loaded.kinerja[i], want.kinerja[i]
        );
    }
    assert!(
        loaded.reaksi_item == want.reaksi_item && loaded.reaksi == want.reaksi,
        "reaksi round-trip"
    );
    let mut sorted = want.kode_kualitatif.clone();
    sorted.sort_by(|a, b| a.kode.cmp(&b.kode));
    assert!(
        loaded.wawancara == want.wawancara
            && loaded.kutipan == want.kutipan
            && loaded.dokumen == want.dokumen
            && loaded.kode_kualitatif == sorted,
        "interviews, documents and their segments round-trip"
    );
    let e = monev_eval::evaluate(&loaded, &Config::default());
    (loaded, e)
}

#[test]
fn planted_effects_are_recovered_within_their_confidence_intervals() {
    let (data, e) = evaluated();

    // Waiting time: the difference-in-differences.
    let did = &e.layanan.did.uji;
    assert!(
        did.ci95_bawah <= PLANTED.did_menit && PLANTED.did_menit <= did.ci95_atas,
        "DiD {} [{}, {}] should cover {}",
        e.layanan.did.estimasi_menit,
        did.ci95_bawah,
        did.ci95_atas,
        PLANTED.did_menit
    );
    assert!(did.ci95_atas < 0.0, "the reduction is detected");

    // Learning: each module's mean gain.
    for (m, (kode, ..)) in MODULES.iter().enumerate() {
        let r = e
            .pembelajaran
            .per_pelatihan
            .iter()
            .find(|p| p.pelatihan == *kode)
            .unwrap();
        assert!(
            r.ci95_bawah <= PLANTED.gain[m] && PLANTED.gain[m] <= r.ci95_atas,
            "{kode}: gain {} [{}, {}] should cover {}",
            r.selisih_rata,
            r.ci95_bawah,
            r.ci95_atas,
            PLANTED.gain[m]
        );
    }

    // SKM: the IKM of each group and phase, against a normal interval from the
    // spread of the per-respondent index (answers of one respondent share
    // their general satisfaction, so the nine NRR are correlated).
    let ti = data.program.tanggal_intervensi;
    let kelompok = |kode: &str| {
        data.instansi
            .iter()
            .find(|i| i.kode == kode)
            .unwrap()
            .kelompok
    };
    for (cell, (k, f)) in [
        (Kelompok::Intervensi, Fase::Sebelum),
        (Kelompok::Intervensi, Fase::Sesudah),
        (Kelompok::Pembanding, Fase::Sebelum),
        (Kelompok::Pembanding, Fase::Sesudah),
    ]
    .into_iter()
    .enumerate()
    {
        let index: Vec<f64> = data
            .skm
            .iter()
            .filter(|r| kelompok(&r.instansi) == k && Fase::of(r.tanggal, ti) == f)
            .map(|r| {
                let a: Vec<f64> = r
                    .jawaban
                    .iter()
                    .flatten()
                    .map(|x| f64::from(x.value()))
                    .collect();
                monev_stats::mean(&a) * 25.0
            })
            .collect();
        let se = (monev_stats::variance(&index) / index.len() as f64).sqrt();
        let got = e
            .skm
            .per_kelompok
            .iter()
            .find(|g| g.kelompok == k && g.fase == f)
            .unwrap()
            .ikm
            .ikm;
        let want = PLANTED.ikm(cell);
        assert!(
            (got - want).abs() <= 1.96 * se,
            "IKM {k:?} {f:?}: {got} vs planted {want} (se {se})"
        );
    }

    // …and the change in satisfaction between the groups.
    let planted_did = (PLANTED.ikm(1) - PLANTED.ikm(0)) - (PLANTED.ikm(3) - PLANTED.ikm(2));
    let sd = &e.skm.did.uji;
    assert!(
        sd.ci95_bawah <= planted_did && planted_did <= sd.ci95_atas,
        "SKM DiD {} [{}, {}] should cover {planted_did}",
        e.skm.did.estimasi_poin,
        sd.ci95_bawah,
        sd.ci95_atas
    );

    // Performance ratings: each aspect's DiD, participants against the rest.
    for (aspek, gain) in PLANTED.kinerja {
        let a = e
            .kinerja
            .per_aspek
            .iter()
            .find(|a| a.aspek == aspek)
            .unwrap();
        assert!(
            a.uji.ci95_bawah <= gain && gain <= a.uji.ci95_atas,
            "kinerja {aspek}: {} [{}, {}] should cover {gain}",
            a.estimasi,
            a.uji.ci95_bawah,
            a.uji.ci95_atas
        );
    }

    // Participation of intervention units: binomial interval around the planted rate.
    let mut expected = 0.0;
    let mut n = 0.0;
    for (kode, p) in PLANTED.participation {
        let asn = data.asn.iter().filter(|a| a.instansi == *kode).count() as f64;
        expected += p * asn;
        n += asn;
    }
    let planted = expected / n;
    let got = e.partisipasi.intervensi.persen / 100.0;
    let se = (planted * (1.0 - planted) / n).sqrt();
    assert!(
        (got - planted).abs() <= 1.96 * se,
        "participation {got} vs planted {planted} (se {se})"
    );

    // Budget realisation is set, not sampled.
    assert!((e.anggaran.persen_realisasi - PLANTED.realisasi_anggaran_persen).abs() < 1.0);

    // And the findings say what the data show.
    let codes: Vec<&str> = e.temuan.iter().map(|f| f.kode.as_str()).collect();
    for c in [
        "hasil.pembelajaran",
        "hasil.waktu_tunggu",
        "hasil.ikm",
        "kendala.partisipasi",
        "kendala.relevansi",
        "kendala.anggaran_terbatas",
    ] {
        assert!(codes.contains(&c), "{c} missing from {codes:?}");
    }
}

/// Issue 7: the Keterbatasan section counts what the data lack.
#[test]
fn limitations_count_blanks_dropouts_and_outliers() {
    let (data, e) = evaluated();
    let q = &e.kualitas_data;
    let blanks: usize = data
        .skm
        .iter()
        .map(|r| r.jawaban.iter().filter(|j| j.is_none()).count())
        .sum();
    assert_eq!((q.skm_n, q.skm_sel_kosong), (data.skm.len(), blanks));
    let dropouts = data
        .peserta
        .iter()
        .filter(|p| p.post_test.is_none())
        .count();
    assert!(dropouts > 0, "the demo plants dropouts");
    assert_eq!(q.tanpa_post_test, dropouts);
    // Tukey's far fence from numpy-style quartiles of the waits.
    let mut w: Vec<f64> = data.layanan.iter().map(|l| l.tunggu_menit()).collect();
    w.sort_by(f64::total_cmp);
    let quart = |p: f64| monev_stats::describe::quantile_sorted(&w, p);
    let fence = quart(0.75) + 3.0 * (quart(0.75) - quart(0.25));
    assert!((q.tunggu_batas_menit - fence).abs() < 1e-9);
    assert_eq!(q.tunggu_pencilan, w.iter().filter(|x| **x > fence).count());
    let html = monev_report::html(&e, monev_domain::Lang::Id);
    let section = html
        .split(r#"id="keterbatasan""#)
        .nth(1)
        .expect("section 8");
    assert!(
        section.contains(&format!("{} dari", q.tanpa_post_test)),
        "{section}"
    );
}

#[test]
fn the_demo_is_deterministic() {
    assert_eq!(monev_demo::generate(SEED), monev_demo::generate(SEED));
    assert_ne!(
        monev_demo::generate(SEED).skm,
        monev_demo::generate(SEED + 1).skm
    );
}

/// Issue 6: every constraint of the demo report stands on figures and
/// de-identified interview quotes together; the codes agree with the planted
/// effects, one voice goes against them and is shown as such.
#[test]
fn every_constraint_has_its_figures_and_de_identified_quotes() {
    let (data, e) = evaluated();
    let q = &e.kualitatif;
    assert_eq!(q.wawancara, data.wawancara.len());
    assert_eq!(q.pengkode.len(), 2);
    assert!(
        q.kappa_rata > 0.6 && q.kappa_rata < 1.0,
        "κ {}",
        q.kappa_rata
    );
    assert!(
        q.alpha_rata > 0.6 && q.alpha_rata < 1.0,
        "α {}",
        q.alpha_rata
    );
    // The case × code table and co-occurrence: participation problems and
    // the remedy proposed travel together in the non-participants' interviews.
    assert_eq!(q.per_kasus.len(), q.wawancara);
    assert!(
        q.per_kasus.iter().all(|c| c.kelompok.is_some()),
        "every group has five or more"
    );
    assert!(
        q.kookurensi.iter().any(|k| k.a == "kendala.partisipasi"
            && k.b == "rekomendasi.sosialisasi"
            && k.wawancara > 0),
        "{:?}",
        q.kookurensi
    );
    let constraints: Vec<&str> = e
        .temuan
        .iter()
        .filter(|f| f.jenis == monev_eval::Jenis::Kendala)
        .map(|f| f.kode.as_str())
        .collect();
    assert!(constraints.contains(&"kendala.partisipasi"));
    assert!(constraints.contains(&"kendala.relevansi"));
    for c in &constraints {
        let t = q
            .triangulasi
            .iter()
            .find(|t| t.temuan == *c)
            .unwrap_or_else(|| panic!("{c}: no interview evidence"));
        assert!(!t.kutipan.is_empty() && t.wawancara > 0, "{c}");
    }
    // Nothing that names a person survives into a quote.
    let names: Vec<&str> = data.asn.iter().map(|a| a.nama.as_str()).collect();
    let raw_has_name = data
        .wawancara
        .iter()
        .any(|w| names.iter().any(|n| w.transkrip.contains(n)) && w.transkrip.contains("0812"));
    assert!(
        raw_has_name,
        "the demo puts a name and a phone number in a transcript"
    );
    for t in &q.triangulasi {
        for k in &t.kutipan {
            assert!(!names.iter().any(|n| k.teks.contains(n)), "{}", k.teks);
            assert!(!k.teks.contains("0812"), "{}", k.teks);
        }
    }
    let all: Vec<String> = data
        .wawancara
        .iter()
        .map(|w| monev_domain::deidentify(&w.transkrip, &names))
        .collect();
    assert!(
        all.iter()
            .any(|t| t.contains("[nama]") && t.contains("[telepon]"))
    );
    // Documents stand beside the interviews: the participation and budget
    // constraints are in the programme's own papers too, de-identified.
    assert_eq!((q.dokumen, q.dokumen_dikodekan), (4, 4));
    for c in ["kendala.partisipasi", "kendala.anggaran_terbatas"] {
        let t = q.triangulasi.iter().find(|t| t.temuan == c).unwrap();
        assert!(t.dokumen > 0 && !t.kutipan_dokumen.is_empty(), "{c}");
    }
    let notulen = data.dokumen.iter().find(|d| d.jenis == "notulen").unwrap();
    assert!(notulen.teks.contains("0819-0755-1234"));
    for t in &q.triangulasi {
        for d in &t.kutipan_dokumen {
            assert!(
                !d.teks.contains("0819") && !d.teks.contains("Jl. Saleh"),
                "{}",
                d.teks
            );
        }
    }
    // The report's triangulation table puts figures, interviews and documents together.
    let html = monev_report::html(&e, monev_domain::Lang::Id);
    let table = html
        .split("Tabel 10. Triangulasi")
        .nth(1)
        .expect("the triangulation table")
        .split("</table>")
        .next()
        .unwrap();
    assert!(
        table.contains(r##"<a href="#kendala.partisipasi">"##),
        "{table}"
    );
    assert!(
        table.contains("dari 30") && table.contains("dari 4"),
        "{table}"
    );
    let en = monev_report::html(&e, monev_domain::Lang::En);
    assert!(en.contains("Table 10. Triangulation"));
    // The voice against the waiting-time result is shown, and marked.
    let wait = q
        .triangulasi
        .iter()
        .find(|t| t.temuan == "hasil.waktu_tunggu")
        .expect("evidence on waiting times");
    assert!(wait.kutipan.iter().any(|k| k.bertentangan));
    assert!(wait.kutipan.iter().any(|k| !k.bertentangan));
}
