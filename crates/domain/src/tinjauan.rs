//! The review of submissions (*tinjauan*): every SKM questionnaire and every
//! ASN questionnaire (*kiriman*) arrives received and an evaluator approves
//! it, marks it as having issues, or rejects it. A rejected answer is kept
//! for the audit and leaves every figure; whether answers not yet approved
//! count is the programme's choice ([`RingkasanTinjauan::hitung_belum_ditinjau`]),
//! and when they do the report calls its figures provisional.

use serde::{Deserialize, Serialize};

/// Where a submission stands in its review.
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
pub enum StatusTinjauan {
    /// Arrived, not yet reviewed.
    Diterima,
    /// Reviewed and approved.
    Disetujui,
    /// Reviewed, with a question to settle (a comment says which); counts
    /// as not yet approved.
    Bermasalah,
    /// Reviewed and rejected (a comment says why): kept, never counted.
    Ditolak,
}

impl StatusTinjauan {
    pub const ALL: [StatusTinjauan; 4] = [
        StatusTinjauan::Diterima,
        StatusTinjauan::Disetujui,
        StatusTinjauan::Bermasalah,
        StatusTinjauan::Ditolak,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StatusTinjauan::Diterima => "diterima",
            StatusTinjauan::Disetujui => "disetujui",
            StatusTinjauan::Bermasalah => "bermasalah",
            StatusTinjauan::Ditolak => "ditolak",
        }
    }

    pub fn parse(s: &str) -> Option<StatusTinjauan> {
        StatusTinjauan::ALL
            .into_iter()
            .find(|t| t.code() == s.trim().to_lowercase())
    }

    /// The state's name for a reader.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            StatusTinjauan::Diterima => lang.pick("diterima", "received"),
            StatusTinjauan::Disetujui => lang.pick("disetujui", "approved"),
            StatusTinjauan::Bermasalah => lang.pick("bermasalah", "has issues"),
            StatusTinjauan::Ditolak => lang.pick("ditolak", "rejected"),
        }
    }

    /// Whether a reviewer must say why (has issues, rejected).
    pub fn needs_comment(self) -> bool {
        matches!(self, StatusTinjauan::Bermasalah | StatusTinjauan::Ditolak)
    }

    /// Whether an answer in this state enters the figures, given the
    /// programme's choice for answers not yet approved. The store's queries
    /// say the same in SQL (`store/src/tinjauan.rs`).
    pub fn counts(self, hitung_belum_ditinjau: bool) -> bool {
        match self {
            StatusTinjauan::Disetujui => true,
            StatusTinjauan::Ditolak => false,
            StatusTinjauan::Diterima | StatusTinjauan::Bermasalah => hitung_belum_ditinjau,
        }
    }
}

/// How many submissions of one kind stand in each state.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct HitunganTinjauan {
    pub diterima: u64,
    pub disetujui: u64,
    pub bermasalah: u64,
    pub ditolak: u64,
}

impl HitunganTinjauan {
    pub fn add(&mut self, status: StatusTinjauan, n: u64) {
        match status {
            StatusTinjauan::Diterima => self.diterima += n,
            StatusTinjauan::Disetujui => self.disetujui += n,
            StatusTinjauan::Bermasalah => self.bermasalah += n,
            StatusTinjauan::Ditolak => self.ditolak += n,
        }
    }

    pub fn get(&self, status: StatusTinjauan) -> u64 {
        match status {
            StatusTinjauan::Diterima => self.diterima,
            StatusTinjauan::Disetujui => self.disetujui,
            StatusTinjauan::Bermasalah => self.bermasalah,
            StatusTinjauan::Ditolak => self.ditolak,
        }
    }

    pub fn total(&self) -> u64 {
        self.diterima + self.disetujui + self.bermasalah + self.ditolak
    }

    /// Counted but not approved: what makes figures provisional.
    pub fn belum_disetujui(&self) -> u64 {
        self.diterima + self.bermasalah
    }
}

/// The review of a programme's submissions, as the figures were computed
/// from it.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct RingkasanTinjauan {
    /// Whether answers not yet approved (received, has issues) count; when
    /// they do and there are any, the figures are provisional. Rejected
    /// answers never count.
    pub hitung_belum_ditinjau: bool,
    /// SKM questionnaires.
    pub skm: HitunganTinjauan,
    /// ASN questionnaires answered through monev (reaction, behaviour
    /// ratings, reasons for not taking part). Rows a package imports are the
    /// evaluator's own data and are not reviewed.
    pub asn: HitunganTinjauan,
}

impl RingkasanTinjauan {
    /// Whether the figures rest on answers not yet approved.
    pub fn sementara(&self) -> bool {
        self.hitung_belum_ditinjau
            && (self.skm.belum_disetujui() > 0 || self.asn.belum_disetujui() > 0)
    }

    /// Submissions left out of the figures: rejected ones, and those not
    /// yet approved when they do not count.
    pub fn tidak_dihitung(&self) -> u64 {
        let left = |h: &HitunganTinjauan| {
            h.ditolak
                + if self.hitung_belum_ditinjau {
                    0
                } else {
                    h.belum_disetujui()
                }
        };
        left(&self.skm) + left(&self.asn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_counting_rule() {
        for s in StatusTinjauan::ALL {
            assert_eq!(StatusTinjauan::parse(s.code()), Some(s));
        }
        assert_eq!(
            StatusTinjauan::parse("DITOLAK "),
            Some(StatusTinjauan::Ditolak)
        );
        assert_eq!(StatusTinjauan::parse("edited"), None);
        assert!(!StatusTinjauan::Ditolak.counts(true));
        assert!(StatusTinjauan::Bermasalah.counts(true));
        assert!(!StatusTinjauan::Bermasalah.counts(false));
        assert!(StatusTinjauan::Disetujui.counts(false));
    }

    #[test]
    fn provisional_only_when_unapproved_answers_count() {
        let mut r = RingkasanTinjauan {
            hitung_belum_ditinjau: true,
            ..Default::default()
        };
        r.skm.add(StatusTinjauan::Disetujui, 10);
        r.skm.add(StatusTinjauan::Ditolak, 2);
        assert!(!r.sementara());
        assert_eq!(r.tidak_dihitung(), 2);
        r.asn.add(StatusTinjauan::Bermasalah, 1);
        assert!(r.sementara());
        r.hitung_belum_ditinjau = false;
        assert!(!r.sementara());
        assert_eq!(r.tidak_dihitung(), 3);
    }
}
