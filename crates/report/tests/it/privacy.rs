//! Small-cell suppression (monev_eval::privasi): no breakdown in the
//! evaluation, and so in the dashboard, the report and its exports (all
//! written from it), rests on fewer than five respondents; withheld rows are
//! named in the report's Keterbatasan with their size only.

use monev_domain::Lang;
use monev_eval::privasi::MIN_SEL;
use monev_eval::{Config, Evaluasi, evaluate};
use serde_json::Value;

/// Every breakdown row of the evaluation with its respondents.
fn breakdown_sizes(e: &Evaluasi) -> Vec<(String, u64)> {
    let v = serde_json::to_value(e).unwrap();
    let mut out = Vec::new();
    let mut rows = |path: &str, list: &Value, key: &str| {
        for r in list.as_array().unwrap() {
            let name = ["instansi", "pelatihan", "item"]
                .iter()
                .find_map(|k| r.get(*k).and_then(Value::as_str))
                .unwrap_or("?");
            out.push((format!("{path} {name}"), r[key].as_u64().unwrap()));
        }
    };
    rows("skm.per_instansi", &v["skm"]["per_instansi"], "n");
    rows("skm.per_kelompok", &v["skm"]["per_kelompok"], "n");
    rows("layanan.per_instansi", &v["layanan"]["per_instansi"], "n");
    rows("layanan.per_kelompok", &v["layanan"]["per_kelompok"], "n");
    rows("pembelajaran", &v["pembelajaran"]["per_pelatihan"], "n");
    rows("reaksi", &v["reaksi"]["per_pelatihan"], "n");
    for m in v["reaksi"]["per_pelatihan"].as_array().unwrap() {
        rows("reaksi.item", &m["per_item"], "n");
    }
    out
}

#[test]
fn the_demo_shows_no_breakdown_under_five() {
    let e = evaluate(&monev_demo::generate(monev_demo::SEED), &Config::default());
    let sizes = breakdown_sizes(&e);
    assert!(sizes.len() > 40, "{sizes:?}");
    let small: Vec<_> = sizes.iter().filter(|(_, n)| *n < MIN_SEL as u64).collect();
    assert!(small.is_empty(), "{small:?}");
    assert!(e.disembunyikan.is_empty());
    assert!(monev_report::html(&e, Lang::Id).contains("tidak ada rincian sekecil itu"));
    assert!(monev_report::html(&e, Lang::En).contains("these data have none that small"));
}

#[test]
fn units_and_modules_under_five_are_withheld_everywhere() {
    let mut data = monev_demo::generate(monev_demo::SEED);
    let iv = data.program.tanggal_intervensi;
    // Three questionnaires left at one kelurahan after the intervention …
    let mut kept = 0;
    data.skm.retain(|s| {
        if s.instansi == "KEL-AMS" && s.tanggal >= iv {
            kept += 1;
            kept <= 3
        } else {
            true
        }
    });
    // … and four complete pre/post pairs in one module.
    let mut pairs = 0;
    for p in data.peserta.iter_mut().filter(|p| p.pelatihan == "PEL-02") {
        if p.pre_test.is_some() && p.post_test.is_some() {
            pairs += 1;
            if pairs > 4 {
                p.post_test = None;
            }
        }
    }
    let full = evaluate(&data, &Config::default());
    let sizes = breakdown_sizes(&full);
    let small: Vec<_> = sizes.iter().filter(|(_, n)| *n < MIN_SEL as u64).collect();
    assert!(small.is_empty(), "{small:?}");
    let hidden: Vec<(&str, &str, usize)> = full
        .disembunyikan
        .iter()
        .map(|h| (h.bagian.as_str(), h.baris.as_str(), h.n))
        .collect();
    assert!(
        hidden.contains(&("skm.per_instansi", "KEL-AMS sesudah", 3)),
        "{hidden:?}"
    );
    assert!(
        hidden.contains(&("pembelajaran.per_pelatihan", "PEL-02", 4)),
        "{hidden:?}"
    );
    // The mean module N-gain, and the indicator computed from it, come from
    // the modules shown: a mean over the withheld module too would give its
    // figure back beside the others'.
    let shown: Vec<f64> = full
        .pembelajaran
        .per_pelatihan
        .iter()
        .map(|m| m.n_gain_rata)
        .filter(|g| g.is_finite())
        .collect();
    let mean = shown.iter().sum::<f64>() / shown.len() as f64;
    assert!((full.pembelajaran.n_gain_rata_modul - mean).abs() < 1e-12);
    let n_gain = full
        .indikator
        .iter()
        .find(|i| i.kode == "N_GAIN")
        .expect("the demo has an N-gain indicator");
    assert_eq!(n_gain.realisasi, full.pembelajaran.n_gain_rata_modul);
    // The unit's before-phase row stays, and the programme-wide index still
    // counts the three questionnaires.
    assert!(
        full.skm
            .per_instansi
            .iter()
            .any(|g| g.instansi == "KEL-AMS" && g.fase.as_str() == "sebelum")
    );
    assert_eq!(
        full.skm.keseluruhan.n,
        data.skm.len() as u64,
        "overall IKM pools every questionnaire"
    );
    // No finding rests on a withheld row.
    for f in &full.temuan {
        for b in &f.bukti {
            assert!(!b.contains("PEL-02"), "{b}");
        }
    }
    // The report names what was withheld, with its size only.
    let html = monev_report::html(&full, Lang::Id);
    assert!(
        html.contains("KEL-AMS sesudah (n = 3)"),
        "Keterbatasan note"
    );
    assert!(html.contains("PEL-02 (n = 4)"));
    // The operator's cut of the evaluation hides the same rows.
    let own = full.for_instansi("KEL-AMS");
    assert!(
        own.skm
            .per_instansi
            .iter()
            .all(|g| g.fase.as_str() == "sebelum")
    );
}
