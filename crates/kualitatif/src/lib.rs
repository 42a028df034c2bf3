//! Assisted coding of transcripts and documents.
//!
//! Words are reduced to their Indonesian root with Sastrawi (`sastrawi-rs`,
//! Nazief–Adriani with Enhanced Confix Stripping and a dictionary of ~26 000
//! root words): *menunggu*, *tunggu*, *ditunggu* all become `tunggu`. Each
//! code of the codebook has a keyword lexicon, stemmed the same way; a
//! sentence whose words hit a code's lexicon is suggested for that code,
//! with the words that triggered it, for the coder to accept or reject.
//! Pure: text in, suggestions out.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

fn dictionary() -> &'static sastrawi::Dictionary {
    static D: OnceLock<sastrawi::Dictionary> = OnceLock::new();
    D.get_or_init(sastrawi::Dictionary::new)
}

fn stopwords() -> &'static sastrawi::Dictionary {
    static D: OnceLock<sastrawi::Dictionary> = OnceLock::new();
    D.get_or_init(sastrawi::Dictionary::stopword)
}

/// The root of an Indonesian word (lower-cased).
pub fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    sastrawi::Stemmer::new(dictionary())
        .stem_word(&w)
        .into_owned()
}

/// The default lexicon: for each code of `monev_domain::KODE_BAKU` (and the
/// demo's extra codes), words that signal it. Stemmed when used.
pub const LEKSIKON_BAKU: &[(&str, &[&str])] = &[
    (
        "hasil.komunikasi",
        &[
            "menjelaskan",
            "penjelasan",
            "menyapa",
            "ramah",
            "sabar",
            "komunikasi",
            "berbicara",
            "keluhan",
            "sopan",
        ],
    ),
    (
        "hasil.manajemen_waktu",
        &[
            "jadwal",
            "tepat",
            "waktu",
            "daftar",
            "menyelesaikan",
            "terjadwal",
            "laporan",
        ],
    ),
    (
        "hasil.waktu_tunggu",
        &[
            "antrean",
            "antre",
            "menunggu",
            "tunggu",
            "cepat",
            "lama",
            "dipanggil",
            "nomor",
        ],
    ),
    (
        "kendala.partisipasi",
        &[
            "ikut",
            "mengikuti",
            "menugaskan",
            "ditugaskan",
            "undangan",
            "bentrok",
            "ditinggal",
            "melepas",
            "informasi",
            "tahu",
        ],
    ),
    (
        "kendala.relevansi",
        &[
            "relevan", "sesuai", "umum", "dipakai", "contoh", "materi", "modul",
        ],
    ),
    (
        "kendala.anggaran",
        &["anggaran", "dana", "biaya", "dibiayai", "APBD", "pagu"],
    ),
    (
        "kendala.sarana",
        &["ruang", "kursi", "panas", "pendingin", "sarana", "berdiri"],
    ),
    (
        "kendala.survei",
        &["survei", "kuesioner", "mengisi", "kepuasan"],
    ),
    (
        "rekomendasi.sosialisasi",
        &["diumumkan", "sosialisasi", "informasikan", "gelombang"],
    ),
    (
        "rekomendasi.materi",
        &["sebaiknya", "contoh", "disesuaikan"],
    ),
    ("rekomendasi.anggaran", &["alokasi", "perlu", "anggaran"]),
];

/// A code suggested for a span of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub kode: String,
    /// Character span of the sentence (end exclusive).
    pub mulai: usize,
    pub selesai: usize,
    /// The words of the text that triggered it, as written.
    pub pemicu: Vec<String>,
}

/// A lexicon ready for matching: code → stems.
pub struct Lexicon {
    stems: BTreeMap<String, BTreeSet<String>>,
}

impl Lexicon {
    pub fn new(entries: &[(&str, &[&str])]) -> Lexicon {
        let mut stems: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (code, words) in entries {
            let set = stems.entry(code.to_string()).or_default();
            for w in *words {
                set.insert(stem(w));
            }
        }
        Lexicon { stems }
    }

    pub fn baku() -> Lexicon {
        Lexicon::new(LEKSIKON_BAKU)
    }

    /// A programme's own lexicon from (code, keyword) pairs, as the store
    /// holds it; no pairs: the built-in lexicon.
    pub fn held_or_baku(pairs: &[(String, String)]) -> Lexicon {
        if pairs.is_empty() {
            return Lexicon::baku();
        }
        let mut stems: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (code, word) in pairs {
            stems.entry(code.clone()).or_default().insert(stem(word));
        }
        Lexicon { stems }
    }

    /// Suggestions for every sentence of `text`, in text order; codes not
    /// in `codes` (when given) are left out.
    pub fn suggest(&self, text: &str, codes: Option<&[String]>) -> Vec<Suggestion> {
        let mut out = Vec::new();
        for (start, end, sentence) in sentences(text) {
            let mut hits: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for word in words(sentence) {
                if stopwords().find(&word.to_lowercase()) {
                    continue;
                }
                let s = stem(&word);
                for (code, set) in &self.stems {
                    if set.contains(&s) {
                        let e = hits.entry(code.as_str()).or_default();
                        if !e.contains(&word) {
                            e.push(word.clone());
                        }
                    }
                }
            }
            for (code, pemicu) in hits {
                if codes.is_some_and(|c| !c.iter().any(|x| x == code)) {
                    continue;
                }
                out.push(Suggestion {
                    kode: code.to_string(),
                    mulai: start,
                    selesai: end,
                    pemicu,
                });
            }
        }
        out
    }
}

/// Sentences as (start, end, text), character offsets; ends at `.`, `?`,
/// `!` or a line break. Speaker tags (`P:`, `J:`) stay inside.
pub fn sentences(text: &str) -> Vec<(usize, usize, &str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for (n, (_, c)) in chars.iter().enumerate() {
        let last = n + 1 == chars.len();
        let stop =
            matches!(c, '.' | '?' | '!') && chars.get(n + 1).is_none_or(|(_, d)| d.is_whitespace());
        if stop || *c == '\n' || last {
            let end = if *c == '\n' { n } else { n + 1 };
            let b0 = chars.get(start).map_or(text.len(), |(b, _)| *b);
            let b1 = chars.get(end).map_or(text.len(), |(b, _)| *b);
            let s = &text[b0..b1];
            // Trim leading blanks into the span's start.
            let lead = s.chars().take_while(|c| c.is_whitespace()).count();
            let trimmed = s.trim();
            if !trimmed.is_empty() {
                let s0 = start + lead;
                out.push((s0, s0 + trimmed.chars().count(), trimmed));
            }
            start = n + 1;
        }
    }
    out
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.chars().any(char::is_alphabetic) && w.chars().count() > 1)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_of_common_service_words() {
        assert_eq!(stem("menunggu"), "tunggu");
        assert_eq!(stem("membangunkan"), "bangun");
        assert_eq!(stem("Pelayanan"), "layan");
        assert_eq!(stem("ditugaskan"), "tugas");
    }

    #[test]
    fn a_sentence_gets_its_code_with_the_words_that_triggered_it() {
        let text = "P: Bagaimana pengalaman Anda?\nJ: Sekarang antrean lebih cepat, saya hanya menunggu dua puluh menit. Ruang tunggunya panas.";
        let s = Lexicon::baku().suggest(text, None);
        let wait = s.iter().find(|x| x.kode == "hasil.waktu_tunggu").unwrap();
        assert_eq!(
            &text
                .chars()
                .skip(wait.mulai)
                .take(wait.selesai - wait.mulai)
                .collect::<String>(),
            "J: Sekarang antrean lebih cepat, saya hanya menunggu dua puluh menit."
        );
        assert!(
            wait.pemicu.contains(&"antrean".to_string())
                && wait.pemicu.contains(&"menunggu".to_string())
        );
        assert!(
            s.iter()
                .any(|x| x.kode == "kendala.sarana" && x.pemicu.contains(&"panas".to_string()))
        );
    }
}
