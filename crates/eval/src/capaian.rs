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

/// One budget line in one period: plan, realisation, deviation and
/// capaian of money and of physical progress, the early warning (the worse
/// of the two measures reported), and where the line stood the period
/// before.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BarisAnggaran {
    pub kegiatan: String,
    pub instansi: Option<String>,
    pub rencana_keuangan: Option<f64>,
    pub realisasi_keuangan: Option<f64>,
    pub deviasi_keuangan: Option<f64>,
    pub capaian_keuangan_persen: Option<f64>,
    pub rencana_fisik_persen: Option<f64>,
    pub realisasi_fisik_persen: Option<f64>,
    /// Percentage points.
    pub deviasi_fisik: Option<f64>,
    pub capaian_fisik_persen: Option<f64>,
    pub status: Status,
    pub status_sebelumnya: Option<Status>,
}

/// One indicator in one period: target, realisation, deviation, capaian
/// (by the indicator's direction), the early warning and the status the
/// period before.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BarisIndikator {
    pub indikator: String,
    pub nama: String,
    pub arah: Arah,
    pub instansi: Option<String>,
    pub target: Option<f64>,
    pub realisasi: Option<f64>,
    pub deviasi: Option<f64>,
    pub capaian_persen: Option<f64>,
    pub status: Status,
    pub status_sebelumnya: Option<Status>,
}

/// Realisation against plan in one reporting period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Realisasi {
    pub periode: monev_domain::Periode,
    pub sebelumnya: monev_domain::Periode,
    pub ambang: Ambang,
    pub anggaran: Vec<BarisAnggaran>,
    pub indikator: Vec<BarisIndikator>,
}

/// The worse of the statuses of the measures reported; not reported when
/// none is.
fn worst(statuses: impl IntoIterator<Item = Status>) -> Status {
    statuses
        .into_iter()
        .filter(|s| *s != Status::BelumDilaporkan)
        .max()
        .unwrap_or(Status::BelumDilaporkan)
}

fn budget_lines(
    data: &monev_domain::ProgramData,
    periode: monev_domain::Periode,
    ambang: Ambang,
) -> Vec<BarisAnggaran> {
    let mut out: Vec<BarisAnggaran> = data
        .anggaran_periode
        .iter()
        .filter(|r| r.periode == periode)
        .map(|r| {
            let measure = |real: Option<f64>, plan: f64| {
                let c = real.map(|v| capaian(v, plan, Arah::Naik));
                (
                    real.map(|v| deviasi(v, plan)),
                    c,
                    real.map(|_| status(c, ambang)),
                )
            };
            let (dk, ck, sk) = measure(r.realisasi_keuangan, r.rencana_keuangan);
            let (df, cf, sf) = measure(r.realisasi_fisik_persen, r.rencana_fisik_persen);
            BarisAnggaran {
                kegiatan: r.kegiatan.clone(),
                instansi: r.instansi.clone(),
                rencana_keuangan: Some(r.rencana_keuangan),
                realisasi_keuangan: r.realisasi_keuangan,
                deviasi_keuangan: dk,
                capaian_keuangan_persen: ck,
                rencana_fisik_persen: Some(r.rencana_fisik_persen),
                realisasi_fisik_persen: r.realisasi_fisik_persen,
                deviasi_fisik: df,
                capaian_fisik_persen: cf,
                status: worst(sk.into_iter().chain(sf)),
                status_sebelumnya: None,
            }
        })
        .collect();
    // Every line of the budget is expected each period, for the programme.
    for a in &data.anggaran {
        if !out
            .iter()
            .any(|b| b.kegiatan == a.kegiatan && b.instansi.is_none())
        {
            out.push(BarisAnggaran {
                kegiatan: a.kegiatan.clone(),
                instansi: None,
                rencana_keuangan: None,
                realisasi_keuangan: None,
                deviasi_keuangan: None,
                capaian_keuangan_persen: None,
                rencana_fisik_persen: None,
                realisasi_fisik_persen: None,
                deviasi_fisik: None,
                capaian_fisik_persen: None,
                status: Status::BelumDilaporkan,
                status_sebelumnya: None,
            });
        }
    }
    out.sort_by(|a, b| (&a.kegiatan, &a.instansi).cmp(&(&b.kegiatan, &b.instansi)));
    out
}

fn indicator_lines(
    data: &monev_domain::ProgramData,
    periode: monev_domain::Periode,
    ambang: Ambang,
) -> Vec<BarisIndikator> {
    let of = |kode: &str| data.indikator.iter().find(|i| i.kode == kode);
    let mut out: Vec<BarisIndikator> = data
        .indikator_periode
        .iter()
        .filter(|r| r.periode == periode)
        .map(|r| {
            let arah = of(&r.indikator).map_or(Arah::Naik, |i| i.arah);
            let c = r.realisasi.map(|v| capaian(v, r.target, arah));
            BarisIndikator {
                indikator: r.indikator.clone(),
                nama: of(&r.indikator).map(|i| i.nama.clone()).unwrap_or_default(),
                arah,
                instansi: r.instansi.clone(),
                target: Some(r.target),
                realisasi: r.realisasi,
                deviasi: r.realisasi.map(|v| deviasi(v, r.target)),
                capaian_persen: c,
                status: status(c, ambang),
                status_sebelumnya: None,
            }
        })
        .collect();
    // An indicator monitored by period is expected in each, for every unit
    // (and the programme) it was ever reported for.
    let mut expected: Vec<(&str, Option<&str>)> = data
        .indikator_periode
        .iter()
        .map(|r| (r.indikator.as_str(), r.instansi.as_deref()))
        .collect();
    expected.sort();
    expected.dedup();
    for (kode, instansi) in expected {
        if !out
            .iter()
            .any(|b| b.indikator == kode && b.instansi.as_deref() == instansi)
        {
            out.push(BarisIndikator {
                indikator: kode.to_string(),
                nama: of(kode).map(|i| i.nama.clone()).unwrap_or_default(),
                arah: of(kode).map_or(Arah::Naik, |i| i.arah),
                instansi: instansi.map(str::to_string),
                target: None,
                realisasi: None,
                deviasi: None,
                capaian_persen: None,
                status: Status::BelumDilaporkan,
                status_sebelumnya: None,
            });
        }
    }
    out.sort_by(|a, b| (&a.indikator, &a.instansi).cmp(&(&b.indikator, &b.instansi)));
    out
}

/// Realisation against plan in `periode`, with each line's status the
/// period before (none when that period ended before the programme began).
pub fn realisasi(
    data: &monev_domain::ProgramData,
    periode: monev_domain::Periode,
    ambang: Ambang,
) -> Realisasi {
    let sebelumnya = periode.previous();
    // Before the programme began nothing was expected: no status then.
    let began = sebelumnya.selesai() >= data.program.mulai;
    let mut anggaran = budget_lines(data, periode, ambang);
    let before = if began {
        budget_lines(data, sebelumnya, ambang)
    } else {
        Vec::new()
    };
    for a in &mut anggaran {
        a.status_sebelumnya = before
            .iter()
            .find(|b| b.kegiatan == a.kegiatan && b.instansi == a.instansi)
            .map(|b| b.status);
    }
    let mut indikator = indicator_lines(data, periode, ambang);
    let before = if began {
        indicator_lines(data, sebelumnya, ambang)
    } else {
        Vec::new()
    };
    for i in &mut indikator {
        i.status_sebelumnya = before
            .iter()
            .find(|b| b.indikator == i.indikator && b.instansi == i.instansi)
            .map(|b| b.status);
    }
    Realisasi {
        periode,
        sebelumnya,
        ambang,
        anggaran,
        indikator,
    }
}
