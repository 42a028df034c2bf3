//! The stemmer against PySastrawi, an independent port of the same
//! algorithm (`reference/stem_fixtures.py`), on the demo's interview words
//! and Sastrawi's published examples, and against the roots the Sastrawi
//! documentation gives for those examples. The ports carry different
//! editions of the root-word dictionary and PySastrawi 1.2.1 keeps a bug
//! later fixed upstream (*menerangi* → `rang`, documented as `terang`), so
//! they must agree on at least 95% of words, and ours must give every
//! documented root.

use serde_json::Value;

/// Examples with their roots as the Sastrawi READMEs (PHP, Ruby) print them.
/// (sastrawi-rs 0.5.3 misses `kesepersepuluhnya` → `sepuluh` from the Ruby
/// README and roots *berubah*/*perubahan* at `rubah`, *peralatan* at
/// `ralat`: upstream dictionary or rule defects, recorded in the fixture
/// comparison below. Suggestions are unaffected as long as the lexicon and
/// the text go through the same stemmer; roots are never shown to users.)
const DOCUMENTED: [(&str, &str); 9] = [
    ("menahan", "tahan"),
    ("berbalas-balasan", "balas"),
    ("perekonomian", "ekonomi"),
    ("pertumbuhan", "tumbuh"),
    ("membanggakan", "bangga"),
    ("membangunkan", "bangun"),
    ("bersembunyi", "sembunyi"),
    ("menerangi", "terang"),
    ("pertanian", "tani"),
];

#[test]
fn documented_examples_give_their_roots() {
    for (word, root) in DOCUMENTED {
        assert_eq!(monev_kualitatif::stem(word), root, "{word}");
    }
}

#[test]
fn roots_agree_with_pysastrawi() {
    let f: Value = serde_json::from_str(include_str!("../fixtures/stems.json")).unwrap();
    let stems = f["stems"].as_object().unwrap();
    let mut differ = Vec::new();
    for (word, want) in stems {
        let ours = monev_kualitatif::stem(word);
        if ours != want.as_str().unwrap() {
            differ.push(format!("{word}: {ours} vs {want}"));
        }
    }
    let agree = 1.0 - differ.len() as f64 / stems.len() as f64;
    assert!(agree >= 0.95, "agreement {agree:.3}: {differ:?}");
    eprintln!("{} words, {} differ: {differ:?}", stems.len(), differ.len());
}
