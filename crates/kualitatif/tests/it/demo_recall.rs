//! On the demo's coded interviews, the suggestions find what the first
//! coder coded: most of Koder A's segments get a suggestion of the same code
//! on an overlapping sentence.

#[test]
fn suggestions_recall_the_coders_segments() {
    let data = monev_demo::generate(monev_demo::SEED);
    let lexicon = monev_kualitatif::Lexicon::baku();
    let (mut found, mut total) = (0usize, 0usize);
    for w in &data.wawancara {
        let s = lexicon.suggest(&w.transkrip, None);
        for k in data
            .kutipan
            .iter()
            .filter(|k| k.sumber.wawancara() == Some(w.kode.as_str()) && k.pengkode == "Koder A")
        {
            total += 1;
            if s.iter()
                .any(|x| x.kode == k.kode && x.mulai < k.selesai && k.mulai < x.selesai)
            {
                found += 1;
            }
        }
    }
    let recall = found as f64 / total as f64;
    assert!(
        total > 50 && recall >= 0.8,
        "recall {recall:.2} ({found}/{total})"
    );
}
