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

/// Masks what identifies a person in a quote: names of the roster (full
/// names and their longer parts), NIP (18 digits), NIK (16 digits), phone
/// numbers, and street addresses.
pub fn deidentify(text: &str, names: &[&str]) -> String {
    let mut out = text.to_string();
    // Longest first, so a full name goes before its parts.
    let mut parts: Vec<String> = Vec::new();
    for n in names {
        let n = n.trim();
        if n.is_empty() {
            continue;
        }
        parts.push(n.to_string());
        for p in n.split_whitespace() {
            if p.chars().count() >= 4 && p.chars().next().is_some_and(char::is_uppercase) {
                parts.push(p.trim_matches(|c: char| !c.is_alphanumeric()).to_string());
            }
        }
    }
    parts.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    parts.dedup();
    for p in &parts {
        out = replace_word(&out, p, "[nama]");
    }
    out = mask_digits(&out);
    mask_address(&out)
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
