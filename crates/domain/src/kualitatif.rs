//! Qualitative evidence: interviews, the codebook, coded segments, and the
//! de-identification every quote passes before a report shows it.

use serde::{Deserialize, Serialize};

use crate::{Date, ParseError};

/// Who was interviewed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum KelompokResponden {
    AsnPeserta,
    AsnNonpeserta,
    Atasan,
    Masyarakat,
}

impl KelompokResponden {
    pub const ALL: [KelompokResponden; 4] = [
        KelompokResponden::AsnPeserta,
        KelompokResponden::AsnNonpeserta,
        KelompokResponden::Atasan,
        KelompokResponden::Masyarakat,
    ];
    pub fn parse(s: &str) -> Result<KelompokResponden, ParseError> {
        match s.trim().to_lowercase().replace([' ', '-'], "_").as_str() {
            "asn_peserta" | "peserta" => Ok(KelompokResponden::AsnPeserta),
            "asn_nonpeserta" | "asn_non_peserta" | "nonpeserta" | "non_peserta" => {
                Ok(KelompokResponden::AsnNonpeserta)
            }
            "atasan" | "pimpinan" => Ok(KelompokResponden::Atasan),
            "masyarakat" | "warga" | "pengguna_layanan" => Ok(KelompokResponden::Masyarakat),
            _ => Err(ParseError::new(
                "kelompok harus asn_peserta, asn_nonpeserta, atasan atau masyarakat",
            )),
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            KelompokResponden::AsnPeserta => "asn_peserta",
            KelompokResponden::AsnNonpeserta => "asn_nonpeserta",
            KelompokResponden::Atasan => "atasan",
            KelompokResponden::Masyarakat => "masyarakat",
        }
    }
    /// (Indonesian, English) label for reports.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            KelompokResponden::AsnPeserta => ("ASN peserta", "participating ASN"),
            KelompokResponden::AsnNonpeserta => ("ASN non-peserta", "non-participating ASN"),
            KelompokResponden::Atasan => ("atasan", "superior"),
            KelompokResponden::Masyarakat => ("warga pengguna layanan", "citizen"),
        }
    }
}

/// One interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Wawancara {
    pub kode: String,
    pub tanggal: Date,
    pub pewawancara: String,
    pub kelompok: KelompokResponden,
    pub instansi: String,
    /// Informed consent recorded before the interview.
    pub persetujuan: bool,
    pub transkrip: String,
}

/// What kind of document it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JenisDokumen {
    Laporan,
    Sk,
    Anggaran,
    Notulen,
    Lainnya,
}

impl JenisDokumen {
    pub const ALL: [JenisDokumen; 5] = [
        JenisDokumen::Laporan,
        JenisDokumen::Sk,
        JenisDokumen::Anggaran,
        JenisDokumen::Notulen,
        JenisDokumen::Lainnya,
    ];
    pub fn parse(s: &str) -> Option<JenisDokumen> {
        Some(match s.trim().to_lowercase().as_str() {
            "laporan" | "report" => JenisDokumen::Laporan,
            "sk" | "surat_keputusan" | "keputusan" => JenisDokumen::Sk,
            "anggaran" | "budget" | "dpa" | "rka" => JenisDokumen::Anggaran,
            "notulen" | "minutes" | "notula" => JenisDokumen::Notulen,
            "lainnya" | "other" | "" => JenisDokumen::Lainnya,
            _ => return None,
        })
    }
    pub fn code(self) -> &'static str {
        match self {
            JenisDokumen::Laporan => "laporan",
            JenisDokumen::Sk => "sk",
            JenisDokumen::Anggaran => "anggaran",
            JenisDokumen::Notulen => "notulen",
            JenisDokumen::Lainnya => "lainnya",
        }
    }
}
impl JenisDokumen {
    /// (Indonesian, English) label.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            JenisDokumen::Laporan => ("laporan", "report"),
            JenisDokumen::Sk => ("SK", "decree"),
            JenisDokumen::Anggaran => ("dokumen anggaran", "budget document"),
            JenisDokumen::Notulen => ("notulen", "minutes"),
            JenisDokumen::Lainnya => ("dokumen lain", "other document"),
        }
    }
}

/// A document analysed, with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Dokumen {
    pub kode: String,
    pub judul: String,
    /// laporan, sk, anggaran, notulen, lainnya.
    pub jenis: String,
    pub teks: String,
}

/// A code of the codebook; `induk` is its parent (hierarchical codes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct KodeKualitatif {
    pub kode: String,
    pub nama: String,
    pub definisi: String,
}

impl KodeKualitatif {
    /// The parent code (`kendala` of `kendala.partisipasi`), if any.
    pub fn induk(&self) -> Option<&str> {
        self.kode.rsplit_once('.').map(|(p, _)| p)
    }
}

/// The default codebook, from the evaluation questions: code, name,
/// definition (Indonesian).
pub const KODE_BAKU: [(&str, &str, &str); 12] = [
    (
        "hasil.komunikasi",
        "Komunikasi membaik",
        "ASN atau warga menyebut cara petugas menjelaskan, menyapa atau menanggapi menjadi lebih baik.",
    ),
    (
        "hasil.manajemen_waktu",
        "Manajemen waktu membaik",
        "Pekerjaan atau layanan diatur dan diselesaikan lebih tepat waktu.",
    ),
    (
        "hasil.waktu_tunggu",
        "Waktu tunggu lebih singkat",
        "Warga atau petugas menyebut antrean atau waktu menunggu berkurang.",
    ),
    (
        "hasil.lainnya",
        "Hasil lain",
        "Perubahan lain yang dikaitkan dengan program.",
    ),
    (
        "kendala.partisipasi",
        "Partisipasi rendah",
        "ASN tidak ikut atau sulit ikut pelatihan: tidak tahu, tidak ditugaskan, beban kerja, jadwal.",
    ),
    (
        "kendala.relevansi",
        "Materi kurang relevan",
        "Materi pelatihan dinilai tidak sesuai dengan tugas sehari-hari.",
    ),
    (
        "kendala.anggaran",
        "Keterbatasan anggaran",
        "Dana, sarana atau biaya menghambat pelaksanaan atau penerapan.",
    ),
    (
        "kendala.lainnya",
        "Kendala lain",
        "Hambatan lain yang disebut responden.",
    ),
    (
        "rekomendasi.sosialisasi",
        "Usul: sosialisasi",
        "Usul memperluas informasi dan penugasan peserta.",
    ),
    (
        "rekomendasi.materi",
        "Usul: materi",
        "Usul menyesuaikan materi dengan tugas.",
    ),
    (
        "rekomendasi.anggaran",
        "Usul: anggaran",
        "Usul menambah atau mengalihkan anggaran.",
    ),
    (
        "rekomendasi.lainnya",
        "Usul lain",
        "Usul lain dari responden.",
    ),
];

/// What a coded segment is cut from: an interview's transcript or a
/// document's text, by their codes.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Sumber {
    Wawancara(String),
    Dokumen(String),
}

impl Sumber {
    pub fn kode(&self) -> &str {
        match self {
            Sumber::Wawancara(k) | Sumber::Dokumen(k) => k,
        }
    }
    /// The interview's code, when the source is an interview.
    pub fn wawancara(&self) -> Option<&str> {
        match self {
            Sumber::Wawancara(k) => Some(k),
            Sumber::Dokumen(_) => None,
        }
    }
    /// The document's code, when the source is a document.
    pub fn dokumen(&self) -> Option<&str> {
        match self {
            Sumber::Dokumen(k) => Some(k),
            Sumber::Wawancara(_) => None,
        }
    }
    /// `wawancara` or `dokumen`.
    pub fn jenis(&self) -> &'static str {
        match self {
            Sumber::Wawancara(_) => "wawancara",
            Sumber::Dokumen(_) => "dokumen",
        }
    }
    pub fn new(jenis: &str, kode: &str) -> Option<Sumber> {
        match jenis {
            "wawancara" => Some(Sumber::Wawancara(kode.to_string())),
            "dokumen" => Some(Sumber::Dokumen(kode.to_string())),
            _ => None,
        }
    }
}

/// A coded segment: characters `mulai..selesai` (Unicode scalar values,
/// end exclusive) of an interview's transcript or a document's text, given
/// a code by a coder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Kutipan {
    pub sumber: Sumber,
    pub mulai: usize,
    pub selesai: usize,
    pub kode: String,
    pub pengkode: String,
    pub memo: Option<String>,
}

impl Kutipan {
    /// The segment's text.
    pub fn teks<'a>(&self, transkrip: &'a str) -> &'a str {
        let start = transkrip
            .char_indices()
            .nth(self.mulai)
            .map_or(transkrip.len(), |(i, _)| i);
        let end = transkrip
            .char_indices()
            .nth(self.selesai)
            .map_or(transkrip.len(), |(i, _)| i);
        &transkrip[start..end.max(start)]
    }
}

/// Where a passage stands in a text, as a character span: the first exact
/// occurrence, else the first ignoring case and runs of white space (a coder
/// pasting a passage copied from a browser). `None` when it is not there.
pub fn locate(text: &str, passage: &str) -> Option<(usize, usize)> {
    let passage = passage.trim();
    if passage.is_empty() {
        return None;
    }
    if let Some(b) = text.find(passage) {
        let start = text[..b].chars().count();
        return Some((start, start + passage.chars().count()));
    }
    // Normalised: lower case, white space runs as one space; map positions back.
    let norm = |s: &str| -> (Vec<char>, Vec<usize>) {
        let mut out = Vec::new();
        let mut at = Vec::new();
        let mut space = false;
        for (i, c) in s.chars().enumerate() {
            if c.is_whitespace() {
                if !space && !out.is_empty() {
                    out.push(' ');
                    at.push(i);
                }
                space = true;
            } else {
                for l in c.to_lowercase() {
                    out.push(l);
                    at.push(i);
                }
                space = false;
            }
        }
        (out, at)
    };
    let (t, at) = norm(text);
    let (p, _) = norm(passage);
    let p: Vec<char> = p.into_iter().collect();
    let pos = t.windows(p.len()).position(|w| w == p.as_slice())?;
    let start = at[pos];
    let end = at[pos + p.len() - 1] + 1;
    Some((start, end))
}

/// Titles and forms of address that stand before a name (Indonesian, and
/// the Sasak *Lalu*, *Baiq*, *Inaq* and *Amaq*); compared without their
/// final full stop.
pub const HONORIFICS: [&str; 19] = [
    "pak", "bapak", "bu", "ibu", "mas", "mbak", "mbok", "kak", "sdr", "sdri", "dr", "h", "hj",
    "lalu", "baiq", "bq", "inaq", "amaq", "ustaz",
];

/// Roles that follow a title without being a name ("Pak Camat").
const ROLES: [&str; 20] = [
    "camat",
    "lurah",
    "kepala",
    "sekretaris",
    "sekcam",
    "kasi",
    "kabid",
    "kadis",
    "bupati",
    "walikota",
    "wali",
    "gubernur",
    "dokter",
    "bidan",
    "perawat",
    "guru",
    "petugas",
    "operator",
    "ketua",
    "rt",
];

fn is_honorific(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    HONORIFICS.contains(&w.as_str())
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Masks what identifies a person in a quote, changing no other character:
///
/// - **names** as `[nama]`: a roster name whole, any part of a roster name
///   (of any length) where it stands as a name — capitalised, and not the
///   first word of a sentence unless a title stands before it or another
///   name part follows it — and any capitalised word after a title (*Pak*,
///   *Bu*, *Ibu*, *Mbak*, *Kak*, *Sdr.*, *dr.*, *H.*, *Hj.*, *Lalu*, *Baiq*,
///   …; see [`HONORIFICS`]) even when not on the roster; the title stays.
///   A lower-case word is never a name ("lalu", "ayu-ayu").
/// - **numbers of a person**: NIP (18 digits) `[NIP]`, NIK (16) `[NIK]`,
///   phone numbers `[telepon]`; e-mail addresses `[email]`.
/// - **street addresses** `[alamat]`.
pub fn deidentify(text: &str, names: &[&str]) -> String {
    deidentify_with(text, names, &[])
}

/// What the evaluator decided about a word or phrase in quotes: always
/// mask it as a name, or never mask it as one.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TindakanSamaran {
    /// Masked as `[nama]` wherever it stands as a word (any case): a
    /// nickname, a name the rules missed.
    Samarkan,
    /// Never masked as a name: a word the rules took for one (a unit's
    /// name, a place). Numbers, e-mail addresses and streets stay masked.
    Biarkan,
}

impl TindakanSamaran {
    pub fn code(self) -> &'static str {
        match self {
            TindakanSamaran::Samarkan => "samarkan",
            TindakanSamaran::Biarkan => "biarkan",
        }
    }
    pub fn parse(s: &str) -> Option<TindakanSamaran> {
        match s.trim() {
            "samarkan" => Some(TindakanSamaran::Samarkan),
            "biarkan" => Some(TindakanSamaran::Biarkan),
            _ => None,
        }
    }
}

/// The evaluator's decision on masking a word or phrase in the
/// programme's quotes (recorded with who and when; every change is in the
/// audit log).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct KeputusanSamaran {
    /// The word or phrase, as the evaluator typed it (compared ignoring case).
    pub teks: String,
    pub tindakan: TindakanSamaran,
    pub oleh: String,
    pub waktu: crate::Timestamp,
}

/// [`deidentify`] with the evaluator's decisions: phrases to
/// [`TindakanSamaran::Samarkan`] are masked as `[nama]` first (longest
/// first, whole words, any case); words of phrases to
/// [`TindakanSamaran::Biarkan`] are never masked as names (nor is a roster
/// name holding one).
pub fn deidentify_with(text: &str, names: &[&str], decisions: &[KeputusanSamaran]) -> String {
    let keep: std::collections::HashSet<String> = decisions
        .iter()
        .filter(|d| d.tindakan == TindakanSamaran::Biarkan)
        .flat_map(|d| d.teks.split_whitespace().map(str::to_lowercase))
        .collect();
    let kept = |n: &str| {
        n.split_whitespace().any(|p| {
            keep.contains(
                &p.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase(),
            )
        })
    };
    // Roster name parts: alphabetic words of two letters or more that are
    // not titles.
    let mut parts: std::collections::HashSet<String> = std::collections::HashSet::new();
    for n in names {
        for p in n.split_whitespace() {
            let p = p.trim_matches(|c: char| !c.is_alphanumeric());
            if p.chars().count() >= 2 && p.chars().all(char::is_alphabetic) && !is_honorific(p) {
                parts.insert(p.to_lowercase());
            }
        }
    }
    parts.retain(|p| !keep.contains(p));
    let mut out = text.to_string();
    let mut extra: Vec<&str> = decisions
        .iter()
        .filter(|d| d.tindakan == TindakanSamaran::Samarkan)
        .map(|d| d.teks.trim())
        .filter(|t| !t.is_empty())
        .collect();
    extra.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    for n in extra {
        out = replace_word(&out, n, "[nama]");
    }
    // Whole roster names first (their parts would match anyway; this keeps
    // "Rahmat Sudirman" one mask).
    // Whole roster names without the title they start with ("Lalu Ahmad
    // Fauzi" → "Ahmad Fauzi"; the title stays in the quote).
    let mut whole: Vec<&str> = names
        .iter()
        .map(|n| {
            let n = n.trim();
            match n.split_once(' ') {
                Some((first, rest)) if is_honorific(first) => rest.trim(),
                _ => n,
            }
        })
        .filter(|n| n.contains(' ') && !kept(n))
        .collect();
    whole.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    for n in whole {
        out = replace_word(&out, n, "[nama]");
    }
    out = mask_name_words(&out, &parts, &keep);
    out = mask_email(&out);
    out = mask_digits(&out);
    mask_address(&out)
}

/// Words (letters, digits, `'`, `-` inside) with their byte spans.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || ((c == '-' || c == '\'') && start.is_some());
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    // A word does not end in a hyphen.
    out.into_iter()
        .map(|(s, e)| (s, s + text[s..e].trim_end_matches(['-', '\'']).len()))
        .collect()
}

/// Capitalised words that stand as names, as `[nama]`; a run of them
/// separated by single spaces is one mask.
fn mask_name_words(
    text: &str,
    parts: &std::collections::HashSet<String>,
    keep: &std::collections::HashSet<String>,
) -> String {
    let ws = words(text);
    let is_part = |w: &str| capitalised(w) && parts.contains(&w.to_lowercase());
    // Whether word i begins a sentence: nothing but spaces before it back
    // to the text's start or to ". ", "! ", "? ", a line break, a quote.
    let sentence_start = |i: usize| {
        let before = text[..ws[i].0].trim_end_matches([' ', '"', '\u{201c}', '\'', '(']);
        before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':'])
    };
    let mut mask = vec![false; ws.len()];
    for i in 0..ws.len() {
        let w = &text[ws[i].0..ws[i].1];
        let acronym = w.chars().count() > 1 && !w.chars().any(char::is_lowercase);
        let role = ROLES.contains(&w.to_lowercase().as_str());
        let kept = keep.contains(&w.to_lowercase());
        if !capitalised(w) || is_honorific(w) || role || kept || (acronym && !is_part(w)) {
            continue;
        }
        let after_title = i > 0 && {
            let prev = &text[ws[i - 1].0..ws[i - 1].1];
            let gap = &text[ws[i - 1].1..ws[i].0];
            is_honorific(prev) && gap.trim_start_matches('.').trim().is_empty() && gap.len() <= 2
        };
        let after_masked = i > 0 && mask[i - 1] && &text[ws[i - 1].1..ws[i].0] == " ";
        let next_part = ws
            .get(i + 1)
            .is_some_and(|n| &text[ws[i].1..n.0] == " " && is_part(&text[n.0..n.1]));
        mask[i] = after_title
            || (after_masked && capitalised(w))
            || (is_part(w) && (!sentence_start(i) || next_part));
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut i = 0;
    while i < ws.len() {
        if !mask[i] {
            i += 1;
            continue;
        }
        let start = ws[i].0;
        let mut j = i;
        while j + 1 < ws.len() && mask[j + 1] && &text[ws[j].1..ws[j + 1].0] == " " {
            j += 1;
        }
        out.push_str(&text[last..start]);
        out.push_str("[nama]");
        last = ws[j].1;
        i = j + 1;
    }
    out.push_str(&text[last..]);
    out
}

/// E-mail addresses as `[email]`.
fn mask_email(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('@') {
        let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c);
        let domain = |c: u8| c.is_ascii_alphanumeric() || b".-".contains(&c);
        let mut s = at;
        while s > last && local(bytes[s - 1]) {
            s -= 1;
        }
        let mut e = at + 1;
        while e < bytes.len() && domain(bytes[e]) {
            e += 1;
        }
        // The domain does not end in a full stop (the sentence's).
        while e > at + 1 && bytes[e - 1] == b'.' {
            e -= 1;
        }
        if s < at && text[at + 1..e].contains('.') {
            out.push_str(&text[last..s]);
            out.push_str("[email]");
            last = e;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Replaces whole-word occurrences of `word` (case-insensitive).
fn replace_word(text: &str, word: &str, with: &str) -> String {
    if word.is_empty() {
        return text.to_string();
    }
    let lower = text.to_lowercase();
    let w = word.to_lowercase();
    // Lower-casing keeps byte offsets only for ASCII-length-preserving text;
    // fall back to an exact-case search otherwise.
    let (hay, needle) = if lower.len() == text.len() && w.len() == word.len() {
        (lower.as_str(), w.as_str())
    } else {
        (text, word)
    };
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            out.push_str(&text[last..start]);
            out.push_str(with);
            last = end;
        }
        from = end;
    }
    out.push_str(&text[last..]);
    out
}

/// NIP, NIK and phone numbers: runs of digits (spaces, dots and dashes
/// allowed inside) by their length.
fn mask_digits(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let plus = chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if chars[i].is_ascii_digit() || plus {
            let start = i;
            let mut digits = 0;
            let mut j = i + usize::from(plus);
            let mut end = j;
            while j < chars.len() {
                if chars[j].is_ascii_digit() {
                    digits += 1;
                    j += 1;
                    end = j;
                } else if matches!(chars[j], ' ' | '.' | '-')
                    && chars.get(j + 1).is_some_and(char::is_ascii_digit)
                    && digits > 0
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let raw: String = chars[start..end].iter().collect();
            let phone = (plus && raw.starts_with("+62") && digits >= 9)
                || (raw.starts_with('0') && (10..=13).contains(&digits));
            let label = match digits {
                18 => Some("[NIP]"),
                16 => Some("[NIK]"),
                _ if phone => Some("[telepon]"),
                _ => None,
            };
            match label {
                Some(l) => out.push_str(l),
                None => out.push_str(&raw),
            }
            i = end.max(start + 1);
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// "Jl. Melati No. 5", "Jalan Sultan Kaharudin 12": up to the next comma,
/// full stop ending a sentence, or line end.
fn mask_address(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let found = ["Jl. ", "Jl ", "Jln. ", "Jalan "]
            .iter()
            .filter_map(|k| rest.find(k).map(|p| (p, *k)))
            .filter(|(p, _)| {
                rest[..*p]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            })
            .min_by_key(|(p, _)| *p);
        let Some((p, k)) = found else {
            out.push_str(rest);
            return out;
        };
        // "Jalan" as a verb ("jalan kaki") is lower case; only capitalised
        // street names count, so the word after must start with a capital.
        let after = &rest[p + k.len()..];
        if !after.chars().next().is_some_and(char::is_uppercase) {
            out.push_str(&rest[..p + k.len()]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..p]);
        out.push_str("[alamat]");
        let end = after
            .char_indices()
            .find(|(i, c)| {
                *c == ','
                    || *c == '\n'
                    || (*c == '.'
                        && after[i + 1..].starts_with([' ', '\n'])
                        && !after[..*i].ends_with("No"))
            })
            .map_or(after.len(), |(i, _)| i);
        rest = &after[end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_lose_what_identifies_a_person() {
        let q = "Saya Rahmat Sudirman, NIP 198912282010101001, tinggal di Jl. Melati No. 5, Ampenan. \
                 NIK saya 5271010101900001, HP 0812-3456-7890 atau +6281234567890. Bu Marlina juga ikut.";
        let out = deidentify(q, &["Rahmat Sudirman", "Marlina Hidayat"]);
        assert_eq!(
            out,
            "Saya [nama], NIP [NIP], tinggal di [alamat], Ampenan. NIK saya [NIK], HP [telepon] atau [telepon]. Bu [nama] juga ikut."
        );
        // Counts and years are not numbers of a person; "jalan kaki" is not a street.
        let plain = "Antrean 45 menit pada 2025, saya jalan kaki ke kantor.";
        assert_eq!(deidentify(plain, &["Rahmat Sudirman"]), plain);
    }

    /// Issue 22's three cases, Sasak and Indonesian titles, roles.
    #[test]
    fn names_are_masked_where_they_stand_as_names_and_nowhere_else() {
        let roster = ["Lalu Ahmad Fauzi", "Sri Ayu", "Baiq Nurul Aini"];
        let cases = [
            // "lalu" (then) is a word, not the title of a roster name.
            (
                "Saya antre dulu, lalu dipanggil. Lalu saya pulang.",
                "Saya antre dulu, lalu dipanggil. Lalu saya pulang.",
            ),
            // A short roster part after a title.
            ("Bu Ayu sangat membantu.", "Bu [nama] sangat membantu."),
            // Not on the roster, after a title.
            (
                "Yang melayani Pak Sahabudin, ramah sekali.",
                "Yang melayani Pak [nama], ramah sekali.",
            ),
            // Sasak titles keep, the names go, runs merge.
            (
                "Kata Lalu Ahmad Fauzi dan Baiq Nurul tadi begitu.",
                "Kata Lalu [nama] dan Baiq [nama] tadi begitu.",
            ),
            // A roster part standing alone mid-sentence; lower case never.
            (
                "Menurut Ayu, suasananya ayu-ayu saja dan ayu.",
                "Menurut [nama], suasananya ayu-ayu saja dan ayu.",
            ),
            // Roles after a title are not names; acronyms neither.
            (
                "Pak Camat dan Bu Lurah hadir, juga petugas SKM.",
                "Pak Camat dan Bu Lurah hadir, juga petugas SKM.",
            ),
            (
                "Hj. Aminah dan dr. Wayan datang.",
                "Hj. [nama] dan dr. [nama] datang.",
            ),
            (
                "Surel saya rahmat.s@gmail.com. Hubungi saja.",
                "Surel saya [email]. Hubungi saja.",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(deidentify(input, &roster), want, "{input}");
        }
    }

    /// The evaluator's decisions: a nickname the rules miss is masked, a
    /// word they take for a name (a counter called after a flower) is not.
    #[test]
    fn the_evaluators_decisions_add_and_remove_masks() {
        let roster = ["Mawar Hidayat", "Sri Ayu"];
        let text = "Loket Mawar ramah; si Gendut di parkiran juga. Bu Ayu membantu.";
        assert_eq!(
            deidentify(text, &roster),
            "Loket [nama] ramah; si Gendut di parkiran juga. Bu [nama] membantu."
        );
        let decide = |teks: &str, tindakan| KeputusanSamaran {
            teks: teks.into(),
            tindakan,
            oleh: "evaluator".into(),
            waktu: crate::Timestamp::from_seconds(0),
        };
        let decisions = [
            decide("gendut", TindakanSamaran::Samarkan),
            decide("Mawar", TindakanSamaran::Biarkan),
        ];
        assert_eq!(
            deidentify_with(text, &roster, &decisions),
            "Loket Mawar ramah; si [nama] di parkiran juga. Bu [nama] membantu."
        );
        // A kept word keeps a whole roster name holding it unmasked too, but
        // numbers stay masked.
        assert_eq!(
            deidentify_with("Mawar Hidayat, 0812-3456-7890.", &roster, &decisions),
            "Mawar [nama], [telepon]."
        );
    }

    /// Whatever the text, a mask replaces whole spans and nothing else:
    /// what is not a mask is the original's characters, in order.
    #[test]
    fn a_mask_never_changes_any_other_character() {
        const WORDS: [&str; 24] = [
            "Pak",
            "Bu",
            "Lalu",
            "lalu",
            "Ayu",
            "ayu",
            "Sahabudin",
            "saya",
            "datang",
            ".",
            ",",
            "Camat",
            "0812-3456-7890",
            "a@b.id",
            "Jl.",
            "Melati",
            "5",
            "Baiq",
            "Nurul",
            "\n",
            "“Ibu",
            "Sri",
            "NIP",
            "198912282010101001",
        ];
        let roster = ["Lalu Ahmad Fauzi", "Sri Ayu", "Baiq Nurul Aini"];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..2000 {
            let n = 1 + (next() % 14) as usize;
            let text: Vec<&str> = (0..n).map(|_| WORDS[(next() % 24) as usize]).collect();
            let text = text.join(" ");
            let out = deidentify(&text, &roster);
            let mut rest = text.as_str();
            let mut kept = out.as_str();
            let masks = [
                "[nama]",
                "[NIP]",
                "[NIK]",
                "[telepon]",
                "[email]",
                "[alamat]",
            ];
            let mut masked = false;
            loop {
                let next_mask = masks
                    .iter()
                    .filter_map(|m| kept.find(m).map(|i| (i, m.len())))
                    .min();
                let (plain, after) = match next_mask {
                    Some((i, len)) => (&kept[..i], Some(&kept[i + len..])),
                    None => (kept, None),
                };
                if plain.is_empty() && after.is_none() && masked {
                    // The last mask hid the rest.
                    assert!(!rest.is_empty(), "{text:?} → {out:?}");
                    rest = "";
                } else if !plain.is_empty() || after.is_none() {
                    // Kept text is the original's, where it stood: right
                    // after the previous piece, or after what a mask hid
                    // (at least one character).
                    let at = if masked {
                        rest.char_indices()
                            .skip(1)
                            .map(|(i, _)| i)
                            .chain([rest.len()])
                            .find(|&i| rest[i..].starts_with(plain))
                    } else {
                        rest.starts_with(plain).then_some(0)
                    };
                    let at = at.unwrap_or_else(|| panic!("{text:?} → {out:?}: {plain:?}"));
                    rest = &rest[at + plain.len()..];
                }
                match after {
                    Some(a) => {
                        masked = true;
                        kept = a;
                    }
                    None => break,
                }
            }
            assert!(rest.is_empty(), "{text:?} → {out:?}: {rest:?} dropped");
        }
    }

    #[test]
    fn a_segment_is_cut_by_characters_not_bytes() {
        let t = "Pelayanan “lebih cepat” sekarang";
        let k = Kutipan {
            sumber: Sumber::Wawancara("W1".into()),
            mulai: 10,
            selesai: 23,
            kode: "hasil.waktu_tunggu".into(),
            pengkode: "A".into(),
            memo: None,
        };
        assert_eq!(k.teks(t), "“lebih cepat”");
    }

    #[test]
    fn a_pasted_passage_is_found_by_characters() {
        let t = "Dulu “antre” lama.\nSekarang   Pelayanan lebih cepat, kata warga.";
        assert_eq!(locate(t, "“antre”"), Some((5, 12)));
        let (a, b) = locate(t, "sekarang pelayanan LEBIH cepat").unwrap();
        let got: String = t.chars().skip(a).take(b - a).collect();
        assert_eq!(got, "Sekarang   Pelayanan lebih cepat");
        assert_eq!(locate(t, "tidak ada"), None);
        assert_eq!(locate(t, "  "), None);
    }
}
