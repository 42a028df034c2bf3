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
    // The demo's interviews are spread over the units, fewer than five in
    // each: those cells are withheld, and Keterbatasan names them.
    assert!(!e.disembunyikan.is_empty());
    assert!(
        e.disembunyikan
            .iter()
            .all(|h| h.bagian == "kualitatif.per_instansi" && h.n < MIN_SEL),
        "{:?}",
        e.disembunyikan
    );
    let id = monev_report::html(&e, Lang::Id);
    assert!(!id.contains("tidak ada rincian sekecil itu"));
    assert!(id.contains("wawancara per instansi: "));
    // Without interviews nothing is withheld, and the report says so.
    let mut data = monev_demo::generate(monev_demo::SEED);
    data.wawancara.clear();
    data.kutipan.retain(|k| k.sumber.dokumen().is_some());
    let e = evaluate(&data, &Config::default());
    assert!(e.disembunyikan.is_empty(), "{:?}", e.disembunyikan);
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
    // The operator's cut of the evaluation hides the same rows, and names
    // no other unit's withheld cells.
    let own = full.for_instansi("KEL-AMS");
    assert!(
        own.disembunyikan
            .iter()
            .filter(|h| h.bagian.ends_with(".per_instansi"))
            .all(|h| h.baris.starts_with("KEL-AMS")),
        "{:?}",
        own.disembunyikan
    );
    assert!(
        own.disembunyikan
            .iter()
            .any(|h| h.baris == "KEL-AMS sesudah")
    );
    assert!(
        own.skm
            .per_instansi
            .iter()
            .all(|g| g.fase.as_str() == "sebelum")
    );
}

/// Issue 22: a group or an instansi with fewer than five interviews is not
/// broken down, and Keterbatasan says so (it once said there was nothing
/// withheld while the *atasan* group was).
#[test]
fn qualitative_cells_withheld_are_listed_in_keterbatasan() {
    let mut data = monev_demo::generate(monev_demo::SEED);
    let mut superiors = 0;
    data.wawancara.retain(|w| {
        if w.kelompok == monev_domain::KelompokResponden::Atasan {
            superiors += 1;
            superiors <= 2
        } else {
            true
        }
    });
    let kept: std::collections::BTreeSet<String> =
        data.wawancara.iter().map(|w| w.kode.clone()).collect();
    data.kutipan
        .retain(|k| k.sumber.wawancara().is_none_or(|w| kept.contains(w)));
    let e = evaluate(&data, &Config::default());
    let hidden: Vec<(&str, &str, usize)> = e
        .disembunyikan
        .iter()
        .map(|h| (h.bagian.as_str(), h.baris.as_str(), h.n))
        .collect();
    assert!(
        hidden.contains(&("kualitatif.per_kelompok", "atasan", 2)),
        "{hidden:?}"
    );
    // Every instansi under five interviews is listed too.
    let mut per_unit: std::collections::BTreeMap<&str, usize> = Default::default();
    for w in &data.wawancara {
        *per_unit.entry(w.instansi.as_str()).or_default() += 1;
    }
    for (u, n) in per_unit.iter().filter(|(_, n)| **n < MIN_SEL) {
        assert!(
            hidden.contains(&("kualitatif.per_instansi", u, *n)),
            "{u} {n}: {hidden:?}"
        );
    }
    // The group's row is withheld in the evaluation.
    let atasan = e
        .kualitatif
        .per_kelompok
        .iter()
        .find(|g| g.kelompok == monev_domain::KelompokResponden::Atasan)
        .unwrap();
    assert_eq!(atasan.n, None);
    let id = monev_report::html(&e, Lang::Id);
    let en = monev_report::html(&e, Lang::En);
    assert!(!id.contains("tidak ada rincian sekecil itu"));
    assert!(!en.contains("these data have none that small"));
    assert!(
        id.contains("wawancara per kelompok responden: atasan (n = 2)"),
        "Keterbatasan (id)"
    );
    assert!(
        en.contains("interviews per respondent group: superior (n = 2)"),
        "Keterbatasan (en)"
    );
}

/// Issue 22: no quote in the demo's report names a person. The demo's
/// citizens name officers in full, by title and given name only ("Bu
/// Ayu"), and one not on the roster ("Pak Sahabudin"), and say "lalu"
/// (then), which is also a Sasak title.
#[test]
fn no_quote_in_the_demo_report_names_a_person() {
    let data = monev_demo::generate(monev_demo::SEED);
    let e = evaluate(&data, &Config::default());
    let quotes: Vec<&str> = e
        .kualitatif
        .triangulasi
        .iter()
        .flat_map(|t| {
            t.kutipan
                .iter()
                .map(|k| k.teks.as_str())
                .chain(t.kutipan_dokumen.iter().map(|k| k.teks.as_str()))
        })
        .collect();
    assert!(quotes.len() > 10, "{quotes:?}");
    // The passage naming officers, as a quote of it would read.
    let names: Vec<&str> = data
        .asn
        .iter()
        .map(|a| a.nama.as_str())
        .chain(data.wawancara.iter().map(|w| w.pewawancara.as_str()))
        .collect();
    let passage = data
        .kutipan
        .iter()
        .find_map(|k| {
            let w = data
                .wawancara
                .iter()
                .find(|w| Some(w.kode.as_str()) == k.sumber.wawancara())?;
            let t = k.teks(&w.transkrip);
            t.contains("dari loket sebelah").then_some(t)
        })
        .expect("the demo's passage naming officers");
    let named = &monev_domain::deidentify(passage.trim(), &names);
    assert!(
        named.contains("Yang membantu saya [nama], nomor saya [telepon]"),
        "{named}"
    );
    assert!(
        named.contains("Besoknya Bu [nama] juga ramah")
            || named.contains("Besoknya Pak [nama] juga ramah"),
        "{named}"
    );
    assert!(named.contains(", lalu Pak [nama] dari loket"), "{named}");
    // No capitalised word of a quote is a part of a roster or interviewer
    // name, nor the officer off the roster.
    let mut parts: std::collections::BTreeSet<String> = data
        .asn
        .iter()
        .map(|a| a.nama.as_str())
        .chain(data.wawancara.iter().map(|w| w.pewawancara.as_str()))
        .flat_map(|n| n.split_whitespace())
        .map(|p| p.trim_end_matches('.').to_string())
        .filter(|p| p.chars().count() >= 2)
        .filter(|p| !["Baiq", "Lalu", "Hj"].contains(&p.as_str()))
        .collect();
    parts.insert("Sahabudin".into());
    let html = monev_report::html(&e, Lang::Id);
    for q in &quotes {
        for w in q.split(|c: char| !c.is_alphanumeric() && c != '\'') {
            assert!(!parts.contains(w), "{w:?} names a person in {q:?}");
        }
    }
    // The report itself names no one on the roster, nor the officer off it.
    for a in &data.asn {
        assert!(!html.contains(&a.nama), "{} in the report", a.nama);
    }
    assert!(!html.contains("Sahabudin"));
    assert!(html.contains("[nama]"), "the report quotes masked passages");
}

/// Issue 22: the framework matrix and code co-occurrence are in the
/// report's annex (so in `lampiran.xlsx`, sheet by sheet, counts as
/// numbers) and in `evaluasi.json`, agreeing with one another.
#[test]
fn the_qualitative_matrices_are_in_the_annex_and_the_json() {
    use calamine::{Data, Reader, Xlsx};
    let e = evaluate(&monev_demo::generate(monev_demo::SEED), &Config::default());
    let q = &e.kualitatif;
    assert!(!q.kookurensi.is_empty());
    // Overlaps: the demo's second coder sometimes reads a passage as
    // another code, so some pairs share segments.
    assert!(
        q.kookurensi.iter().any(|k| k.segmen > 0),
        "{:?}",
        q.kookurensi
    );
    let json: Value = serde_json::from_str(&monev_report::json(&e)).unwrap();
    let first = &json["kualitatif"]["kookurensi"][0];
    for field in ["a", "b", "wawancara", "dokumen", "segmen"] {
        assert!(first.get(field).is_some(), "{field}: {first}");
    }
    assert!(json["kualitatif"]["per_kode"][0]["per_kelompok"].is_array());
    for (lang, framework, co) in [
        (
            Lang::Id,
            "Matriks kerangka: kode × kelompok responden",
            "Kookurensi kode",
        ),
        (
            Lang::En,
            "Framework matrix: code × respondent group",
            "Code co-occurrence",
        ),
    ] {
        let html = monev_report::html(&e, lang);
        assert!(html.contains(framework) && html.contains(co), "{lang:?}");
        let bytes = monev_report::annex::xlsx(&e, lang).unwrap();
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let names = book.sheet_names();
        let sheet = names
            .iter()
            .find(|n| {
                let r = book.worksheet_range(n).unwrap();
                r.rows().any(|row| {
                    row.iter()
                        .any(|c| matches!(c, Data::String(s) if s.contains(co)))
                })
            })
            .unwrap_or_else(|| panic!("no sheet of {co} in {names:?}"))
            .clone();
        // The most frequent pair's interviews, as a number.
        let range = book.worksheet_range(&sheet).unwrap();
        let top = &q.kookurensi[0];
        let row = range
            .rows()
            .find(|r| {
                r.iter()
                    .any(|c| matches!(c, Data::String(s) if *s == top.a))
                    && r.iter()
                        .any(|c| matches!(c, Data::String(s) if *s == top.b))
            })
            .expect("the top pair's row");
        let numbers: Vec<f64> = row
            .iter()
            .filter_map(|c| match c {
                Data::Float(f) => Some(*f),
                Data::Int(i) => Some(*i as f64),
                _ => None,
            })
            .collect();
        assert_eq!(
            numbers,
            [top.wawancara as f64, top.dokumen as f64, top.segmen as f64]
        );
    }
}
