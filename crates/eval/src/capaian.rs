//! Realisation against plan, per period: the *capaian* (achievement, %),
//! the *deviasi* (realisation − plan) and the early warning a kepala acts
//! on before the year ends.
//!
//! - Money and physical progress, and indicators where higher is better:
//!   capaian = realisasi / rencana × 100.
//! - Indicators where lower is better (waiting time): capaian =
//!   (1 + (1 − realisasi / rencana)) × 100 = (2 × rencana − realisasi) /
//!   rencana × 100, PermenPANRB 6/2022's formula for an indicator whose
//!   realisation is better the lower it is (also the LKjIP convention
//!   "rencana − (realisasi − rencana)"): on target is 100, each
//!   unit of overshoot costs what a unit of shortfall costs a rising one.
//! - The early warning compares capaian with two thresholds
//!   ([`Ambang`]; defaults 90 and 75): at or above the first *sesuai
//!   rencana* (on track), between them *tertinggal* (behind), below the
//!   second *jauh tertinggal* (far behind). Nothing reported for a period
//!   that has ended is *belum dilaporkan*.
//!
//! The evaluation's indicator table measures progress from the baseline
//! (`IndikatorEval::capaian_persen`); a period's capaian is against that
//! period's plan, as monitoring reports state it.

use monev_domain::Arah;
use serde::{Deserialize, Serialize};

/// The early-warning thresholds, in percent of plan.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Ambang {
    /// Below this, a line is behind.
    pub tertinggal: f64,
    /// Below this, it is far behind.
    pub jauh_tertinggal: f64,
}

impl Default for Ambang {
    fn default() -> Ambang {
        Ambang {
            tertinggal: 90.0,
            jauh_tertinggal: 75.0,
        }
    }
}

/// Where a line or an indicator stands in a period.
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
pub enum Status {
    SesuaiRencana,
    Tertinggal,
    JauhTertinggal,
    /// The period has ended and nothing was reported.
    BelumDilaporkan,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::SesuaiRencana => "sesuai_rencana",
            Status::Tertinggal => "tertinggal",
            Status::JauhTertinggal => "jauh_tertinggal",
            Status::BelumDilaporkan => "belum_dilaporkan",
        }
    }
}

/// Capaian in percent; NaN when the plan is zero (nothing to measure
/// against) or a value is not finite.
pub fn capaian(realisasi: f64, rencana: f64, arah: Arah) -> f64 {
    if rencana == 0.0 || !rencana.is_finite() || !realisasi.is_finite() {
        return f64::NAN;
    }
    match arah {
        Arah::Naik => realisasi / rencana * 100.0,
        Arah::Turun => (2.0 * rencana - realisasi) / rencana * 100.0,
    }
}

/// Realisation − plan.
pub fn deviasi(realisasi: f64, rencana: f64) -> f64 {
    realisasi - rencana
}

/// The early warning of a capaian. A plan of zero (capaian NaN) met or
/// exceeded is on track; `None` realisation is not reported.
pub fn status(capaian: Option<f64>, ambang: Ambang) -> Status {
    match capaian {
        None => Status::BelumDilaporkan,
        Some(c) if c.is_nan() || c >= ambang.tertinggal => Status::SesuaiRencana,
        Some(c) if c >= ambang.jauh_tertinggal => Status::Tertinggal,
        Some(_) => Status::JauhTertinggal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capaian_follows_the_indicators_direction() {
        assert_eq!(capaian(45.0, 50.0, Arah::Naik), 90.0);
        // Waiting time: target 30 minutes, 36 measured: 80%.
        assert_eq!(capaian(36.0, 30.0, Arah::Turun), 80.0);
        assert_eq!(capaian(24.0, 30.0, Arah::Turun), 120.0);
        assert!(capaian(5.0, 0.0, Arah::Naik).is_nan());
        assert_eq!(deviasi(45.0, 50.0), -5.0);
    }

    #[test]
    fn the_early_warning_has_three_bands_and_a_missing_report() {
        let a = Ambang::default();
        assert_eq!(status(Some(90.0), a), Status::SesuaiRencana);
        assert_eq!(status(Some(89.99), a), Status::Tertinggal);
        assert_eq!(status(Some(75.0), a), Status::Tertinggal);
        assert_eq!(status(Some(74.9), a), Status::JauhTertinggal);
        assert_eq!(status(None, a), Status::BelumDilaporkan);
        assert_eq!(status(Some(f64::NAN), a), Status::SesuaiRencana);
        let strict = Ambang {
            tertinggal: 100.0,
            jauh_tertinggal: 90.0,
        };
        assert_eq!(status(Some(95.0), strict), Status::Tertinggal);
    }
}
