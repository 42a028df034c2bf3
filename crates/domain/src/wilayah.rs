//! Regions above the unit: the province, the kabupaten or kota, the
//! kecamatan (`wilayah.csv`), each with the region it belongs to, and the
//! kecamatan (or other region) each instansi stands in (`instansi.csv`
//! `wilayah`). Every figure rolls up along this tree (`eval::wilayah`).

use serde::{Deserialize, Serialize};

use crate::ParseError;

/// A region's level, from the top.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Tingkat {
    Provinsi,
    KabupatenKota,
    Kecamatan,
}

impl Tingkat {
    pub const ALL: [Tingkat; 3] = [
        Tingkat::Provinsi,
        Tingkat::KabupatenKota,
        Tingkat::Kecamatan,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Tingkat::Provinsi => "provinsi",
            Tingkat::KabupatenKota => "kabupaten_kota",
            Tingkat::Kecamatan => "kecamatan",
        }
    }

    /// `provinsi`, `kabupaten_kota` (also `kabupaten`, `kota`, `kab/kota`),
    /// `kecamatan`.
    pub fn parse(s: &str) -> Result<Tingkat, ParseError> {
        match s
            .trim()
            .to_lowercase()
            .replace(['/', ' ', '-'], "_")
            .as_str()
        {
            "provinsi" | "province" => Ok(Tingkat::Provinsi),
            "kabupaten_kota" | "kab_kota" | "kabupaten" | "kota" | "kabkota" => {
                Ok(Tingkat::KabupatenKota)
            }
            "kecamatan" | "district" => Ok(Tingkat::Kecamatan),
            _ => Err(ParseError::new(
                "tingkat harus 'provinsi', 'kabupaten_kota' atau 'kecamatan'",
            )),
        }
    }

    /// The level a region of this level belongs to.
    pub fn induk(self) -> Option<Tingkat> {
        match self {
            Tingkat::Provinsi => None,
            Tingkat::KabupatenKota => Some(Tingkat::Provinsi),
            Tingkat::Kecamatan => Some(Tingkat::KabupatenKota),
        }
    }
}

/// One region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Wilayah {
    pub kode: String,
    pub nama: String,
    pub tingkat: Tingkat,
    /// The region it belongs to (`None` for a province).
    pub induk: Option<String>,
}

/// `kode` and every region above it, nearest first (stops at a code not
/// in `all`, or at a loop).
pub fn ancestors<'a>(all: &'a [Wilayah], kode: &str) -> Vec<&'a Wilayah> {
    let mut out: Vec<&Wilayah> = Vec::new();
    let mut next = Some(kode.to_string());
    while let Some(k) = next {
        let Some(w) = all.iter().find(|w| w.kode == k) else {
            break;
        };
        if out.iter().any(|o| o.kode == w.kode) {
            break;
        }
        out.push(w);
        next = w.induk.clone();
    }
    out
}

/// The level of a region code in the Ministry of Home Affairs' form
/// (Permendagri 72/2019; the list in force is Kepmendagri
/// 300.2.2-2138/2025): two digits for the province (`52`), two more for the
/// kabupaten (01–69) or kota (71–99) (`52.71`), two for the kecamatan
/// (`52.71.01`), four for the kelurahan (1xxx) or desa (2xxx)
/// (`52.71.01.1004`), joined by dots.
///
/// `None` when the code is not in that form at all (it does not start with
/// a digit: a programme's own code such as `NTB`, which monev accepts too);
/// `Some(Err(why))` when it starts like one but is malformed;
/// `Some(Ok(level))`, the number of parts (1 province … 4 kelurahan/desa).
pub fn kemendagri(kode: &str) -> Option<Result<usize, &'static str>> {
    if !kode.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    const WIDTH: [usize; 4] = [2, 2, 2, 4];
    let parts: Vec<&str> = kode.split('.').collect();
    if parts.len() > 4 {
        return Some(Err(
            "kode Kemendagri paling banyak empat bagian: 52.71.01.1004 (a Kemendagri code has at most four parts)",
        ));
    }
    for (i, p) in parts.iter().enumerate() {
        if p.len() != WIDTH[i] || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Err(
                "kode Kemendagri: dua angka provinsi, dua kabupaten/kota, dua kecamatan, empat kelurahan/desa, dipisah titik, mis. 52.71.01 (two digits each, four for the village, dotted)",
            ));
        }
        if p.bytes().all(|b| b == b'0') {
            return Some(Err(
                "bagian kode Kemendagri tidak boleh nol semua (no part is all zeros)",
            ));
        }
    }
    if parts.len() == 4 && !parts[3].starts_with(['1', '2']) {
        return Some(Err(
            "kode kelurahan diawali 1, kode desa diawali 2 (a kelurahan code starts with 1, a desa code with 2)",
        ));
    }
    Some(Ok(parts.len()))
}

impl Tingkat {
    /// The number of parts of a Kemendagri code of this level.
    pub fn kemendagri_parts(self) -> usize {
        match self {
            Tingkat::Provinsi => 1,
            Tingkat::KabupatenKota => 2,
            Tingkat::Kecamatan => 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kemendagri_codes() {
        assert_eq!(kemendagri("NTB"), None);
        assert_eq!(kemendagri("52"), Some(Ok(1)));
        assert_eq!(kemendagri("52.71"), Some(Ok(2)));
        assert_eq!(kemendagri("52.71.01"), Some(Ok(3)));
        assert_eq!(kemendagri("52.71.01.1004"), Some(Ok(4)));
        for bad in [
            "5",
            "52.7",
            "52.71.1",
            "52.71.01.104",
            "52.71.01.3004",
            "52.00",
            "52.71.01.1004.1",
            "52-71",
        ] {
            assert!(matches!(kemendagri(bad), Some(Err(_))), "{bad}");
        }
    }

    fn w(kode: &str, tingkat: Tingkat, induk: Option<&str>) -> Wilayah {
        Wilayah {
            kode: kode.into(),
            nama: kode.into(),
            tingkat,
            induk: induk.map(str::to_string),
        }
    }

    #[test]
    fn levels_and_ancestors() {
        assert_eq!(Tingkat::parse("Kab/Kota").unwrap(), Tingkat::KabupatenKota);
        assert_eq!(Tingkat::parse(" KECAMATAN ").unwrap(), Tingkat::Kecamatan);
        assert!(Tingkat::parse("desa").is_err());
        let all = [
            w("NTB", Tingkat::Provinsi, None),
            w("MTR", Tingkat::KabupatenKota, Some("NTB")),
            w("AMP", Tingkat::Kecamatan, Some("MTR")),
        ];
        let a: Vec<&str> = ancestors(&all, "AMP")
            .iter()
            .map(|w| w.kode.as_str())
            .collect();
        assert_eq!(a, ["AMP", "MTR", "NTB"]);
        assert!(ancestors(&all, "X").is_empty());
    }
}
