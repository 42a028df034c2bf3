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

#[cfg(test)]
mod tests {
    use super::*;

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
