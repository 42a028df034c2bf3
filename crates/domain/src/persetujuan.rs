//! The approval of a unit's figures for a period (*persetujuan angka*): the
//! unit's operator submits them (*diajukan*), the kecamatan's evaluator
//! approves (*disetujui kecamatan*), then the kota's (*disetujui kota*);
//! either may send them back with a comment (*dikembalikan*). What is
//! submitted is frozen as it was (the figures as JSON, and their SHA-256);
//! a later change is a new version, with the reason, approved again. The
//! reports cite the version they rest on.

use serde::{Deserialize, Serialize};

use crate::{Periode, Tingkat, Wilayah};

/// Where a version of a unit's figures stands.
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
pub enum StatusPersetujuan {
    /// Submitted by the unit, waiting for the kecamatan.
    Diajukan,
    /// Approved by the kecamatan, waiting for the kota.
    DisetujuiKecamatan,
    /// Approved by the kota: final.
    DisetujuiKota,
    /// Sent back, with a comment: the unit submits a new version.
    Dikembalikan,
}

impl StatusPersetujuan {
    pub const ALL: [StatusPersetujuan; 4] = [
        StatusPersetujuan::Diajukan,
        StatusPersetujuan::DisetujuiKecamatan,
        StatusPersetujuan::DisetujuiKota,
        StatusPersetujuan::Dikembalikan,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StatusPersetujuan::Diajukan => "diajukan",
            StatusPersetujuan::DisetujuiKecamatan => "disetujui_kecamatan",
            StatusPersetujuan::DisetujuiKota => "disetujui_kota",
            StatusPersetujuan::Dikembalikan => "dikembalikan",
        }
    }

    pub fn parse(s: &str) -> Option<StatusPersetujuan> {
        StatusPersetujuan::ALL
            .into_iter()
            .find(|t| t.code() == s.trim())
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            StatusPersetujuan::Diajukan => lang.pick("diajukan", "submitted"),
            StatusPersetujuan::DisetujuiKecamatan => {
                lang.pick("disetujui kecamatan", "approved by the kecamatan")
            }
            StatusPersetujuan::DisetujuiKota => lang.pick("disetujui kota", "approved by the kota"),
            StatusPersetujuan::Dikembalikan => lang.pick("dikembalikan", "sent back"),
        }
    }

    /// Waiting for an approver.
    pub fn pending(self) -> bool {
        matches!(
            self,
            StatusPersetujuan::Diajukan | StatusPersetujuan::DisetujuiKecamatan
        )
    }
}

/// An approval step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tahap {
    Kecamatan,
    Kota,
}

impl Tahap {
    pub fn code(self) -> &'static str {
        match self {
            Tahap::Kecamatan => "kecamatan",
            Tahap::Kota => "kota",
        }
    }

    pub fn parse(s: &str) -> Option<Tahap> {
        match s.trim() {
            "kecamatan" => Some(Tahap::Kecamatan),
            "kota" => Some(Tahap::Kota),
            _ => None,
        }
    }

    /// The state a version must be in for this step, and the state it
    /// moves to.
    pub fn from_to(self) -> (StatusPersetujuan, StatusPersetujuan) {
        match self {
            Tahap::Kecamatan => (
                StatusPersetujuan::Diajukan,
                StatusPersetujuan::DisetujuiKecamatan,
            ),
            Tahap::Kota => (
                StatusPersetujuan::DisetujuiKecamatan,
                StatusPersetujuan::DisetujuiKota,
            ),
        }
    }
}

/// The steps an account may approve for a unit: every step when the
/// account is not limited to a region; the kecamatan's step when it is
/// limited to the unit's kecamatan; the kota's when limited to the unit's
/// kabupaten/kota or its province; none otherwise. `unit_regions` are the
/// unit's region and those above it, nearest first
/// ([`crate::wilayah::ancestors`]).
pub fn tahap_for(account_region: Option<&str>, unit_regions: &[&Wilayah]) -> Vec<Tahap> {
    let Some(r) = account_region else {
        return vec![Tahap::Kecamatan, Tahap::Kota];
    };
    match unit_regions.iter().find(|w| w.kode == r).map(|w| w.tingkat) {
        Some(Tingkat::Kecamatan) => vec![Tahap::Kecamatan],
        Some(Tingkat::KabupatenKota | Tingkat::Provinsi) => vec![Tahap::Kota],
        None => Vec::new(),
    }
}

/// One version of a unit's figures for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Persetujuan {
    pub instansi: String,
    pub periode: Periode,
    /// 1, 2, … per unit and period.
    pub versi: u32,
    pub status: StatusPersetujuan,
    /// The figures as submitted (`eval::persetujuan::AngkaUnit` as JSON).
    pub angka: String,
    /// SHA-256 of `angka`, hexadecimal.
    pub sidik: String,
    /// Why a version after the first was made.
    pub alasan: Option<String>,
    pub diajukan_oleh: String,
    /// Unix seconds.
    pub diajukan_waktu: i64,
    pub kecamatan_oleh: Option<String>,
    pub kecamatan_waktu: Option<i64>,
    pub kota_oleh: Option<String>,
    pub kota_waktu: Option<i64>,
    /// Why it was sent back.
    pub catatan: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(kode: &str, tingkat: Tingkat) -> Wilayah {
        Wilayah {
            kode: kode.into(),
            nama: kode.into(),
            tingkat,
            induk: None,
        }
    }

    #[test]
    fn each_level_approves_its_own_step() {
        let chain = [
            w("52.71.01", Tingkat::Kecamatan),
            w("52.71", Tingkat::KabupatenKota),
            w("52", Tingkat::Provinsi),
        ];
        let chain: Vec<&Wilayah> = chain.iter().collect();
        assert_eq!(tahap_for(None, &chain), [Tahap::Kecamatan, Tahap::Kota]);
        assert_eq!(tahap_for(Some("52.71.01"), &chain), [Tahap::Kecamatan]);
        assert_eq!(tahap_for(Some("52.71"), &chain), [Tahap::Kota]);
        assert_eq!(tahap_for(Some("52"), &chain), [Tahap::Kota]);
        assert!(tahap_for(Some("52.71.04"), &chain).is_empty());
        assert!(tahap_for(Some("52.71"), &[]).is_empty());
        for s in StatusPersetujuan::ALL {
            assert_eq!(StatusPersetujuan::parse(s.code()), Some(s));
        }
    }
}
