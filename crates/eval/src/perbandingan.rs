//! Comparing units fairly: funnel plots (Spiegelhalter 2005;
//! `stats::funnel`) of the IKM, the waiting time and participation across
//! the programme's units, instead of a league table where a unit with 30
//! questionnaires tops one with 1 200 by chance. Each unit's figure is set
//! against its size with 95% and 99.8% control limits around the overall
//! value; a unit is called out only beyond 99.8%.
//!
//! - **IKM** after the intervention: each unit's IKM (NRR per unsur, as the
//!   regulation computes it) against its questionnaires; the centre is the
//!   IKM of every unit's questionnaires together (from the raw answers, not
//!   a mean of unit IKMs); σ is the standard deviation of respondents'
//!   scores (25 × their mean answer) over all units; normal limits.
//! - **Waiting time** after the intervention: each unit's mean wait
//!   (minutes) against its tickets; the centre is the mean over all
//!   tickets, σ their standard deviation; normal limits.
//! - **Participation** in intervention units: each unit's share of ASN who
//!   took part (%) against its ASN; the centre is the share over those
//!   units; exact binomial limits.
//!
//! Units with fewer than `privasi::MIN_SEL` respondents are withheld (only
//! their number is kept), as everywhere in monev.

use serde::Serialize;

use monev_domain::Kelompok;
use monev_stats::funnel::{self, Limits, Position};

use crate::cells::Cells;
use crate::{Fase, privasi};

/// Where a unit stands against its funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Posisi {
    /// Below the 99.8% limit: called out.
    DiBawah998,
    /// Below the 95% limit only.
    DiBawah95,
    DiDalam,
    DiAtas95,
    /// Above the 99.8% limit: called out.
    DiAtas998,
}

impl From<Position> for Posisi {
    fn from(p: Position) -> Posisi {
        match p {
            Position::BelowAlarm => Posisi::DiBawah998,
            Position::BelowWarning => Posisi::DiBawah95,
            Position::Within => Posisi::DiDalam,
            Position::AboveWarning => Posisi::DiAtas95,
            Position::AboveAlarm => Posisi::DiAtas998,
        }
    }
}

/// One unit on a funnel plot.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TitikUnit {
    pub instansi: String,
    pub n: u64,
    pub nilai: f64,
    /// [lower, upper] at 95%.
    pub batas_95: [f64; 2],
    /// [lower, upper] at 99.8%.
    pub batas_998: [f64; 2],
    pub posisi: Posisi,
}

/// A funnel plot: its centre, the spread of one observation (normal
/// limits; `None` for binomial ones), and the units.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Funnel {
    /// `normal` or `binomial`.
    pub metode: &'static str,
    pub pusat: f64,
    pub sebaran: Option<f64>,
    pub unit: Vec<TitikUnit>,
    /// Units withheld for resting on fewer than five respondents.
    pub ditahan: usize,
}

/// The three funnel plots of the programme's units.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Perbandingan {
    pub ikm: Funnel,
    pub waktu_tunggu: Funnel,
    pub partisipasi: Funnel,
}

pub(crate) fn point(
    instansi: &str,
    n: u64,
    nilai: f64,
    limits: impl Fn(f64) -> Limits,
) -> TitikUnit {
    let (w, a) = (limits(funnel::COVERAGES[0]), limits(funnel::COVERAGES[1]));
    TitikUnit {
        instansi: instansi.to_string(),
        n,
        nilai,
        batas_95: [w.lower, w.upper],
        batas_998: [a.lower, a.upper],
        posisi: funnel::position(nilai, w, a).into(),
    }
}

/// Mean and standard deviation (n − 1) from a count, a sum and a sum of
/// squares.
fn mean_sd(n: f64, sum: f64, sq: f64) -> (f64, f64) {
    let mean = sum / n;
    let var = if n > 1.0 {
        ((sq - sum * sum / n) / (n - 1.0)).max(0.0)
    } else {
        f64::NAN
    };
    (mean, var.sqrt())
}

fn ikm(cells: &Cells, bobot: crate::ikm::BobotIkm) -> Funnel {
    let after = cells.skm_of(Fase::Sesudah);
    let mut all = crate::ikm::IkmAcc::default();
    let (mut n, mut sum, mut sq) = (0u64, 0u128, 0u128);
    for c in after.values() {
        all.merge(&c.ikm);
        n += c.answered;
        sum += u128::from(c.mean_sum_2520);
        sq += u128::from(c.mean_sq_sum_2520);
    }
    // Respondents' scores: 25 × mean answer = mean_2520 × 25 / 2520.
    let scale = 25.0 / 2520.0;
    let (_, sd) = mean_sd(n as f64, sum as f64 * scale, sq as f64 * scale * scale);
    let pusat = all.result(bobot).ikm;
    let mut unit = Vec::new();
    let mut ditahan = 0;
    for (instansi, c) in &after {
        if (c.ikm.n as usize) < privasi::MIN_SEL {
            ditahan += 1;
            continue;
        }
        let value = c.ikm.result(bobot).ikm;
        unit.push(point(instansi, c.ikm.n, value, |cov| {
            funnel::normal_limits(pusat, sd, c.ikm.n as f64, cov)
        }));
    }
    Funnel {
        metode: "normal",
        pusat,
        sebaran: Some(sd),
        unit,
        ditahan,
    }
}

fn waktu_tunggu(cells: &Cells) -> Funnel {
    let after = cells.tickets_of(Fase::Sesudah);
    // Whole seconds summed as integers: the same figures whatever order
    // the tickets came in.
    let (mut n, mut sum, mut sq) = (0u64, 0u128, 0u128);
    for c in after.values() {
        for &w in &c.wait_s {
            n += 1;
            sum += u128::from(w);
            sq += u128::from(w) * u128::from(w);
        }
    }
    let pusat = sum as f64 / n as f64 / 60.0;
    let sd = if n > 1 {
        // (n Σw² − (Σw)²) / (n (n − 1)), exact until the division.
        let nn = u128::from(n);
        let num = (nn * sq).saturating_sub(sum * sum);
        (num as f64 / (n as f64 * (n - 1) as f64)).sqrt() / 60.0
    } else {
        f64::NAN
    };
    let mut unit = Vec::new();
    let mut ditahan = 0;
    for (instansi, c) in &after {
        let k = c.wait_s.len();
        if k < privasi::MIN_SEL {
            ditahan += 1;
            continue;
        }
        let total: u64 = c.wait_s.iter().map(|&w| u64::from(w)).sum();
        let mean = total as f64 / k as f64 / 60.0;
        unit.push(point(instansi, k as u64, mean, |cov| {
            funnel::normal_limits(pusat, sd, k as f64, cov)
        }));
    }
    Funnel {
        metode: "normal",
        pusat,
        sebaran: Some(sd),
        unit,
        ditahan,
    }
}

fn partisipasi(part: &crate::Partisipasi) -> Funnel {
    let intervention: Vec<&crate::PartisipasiInstansi> = part
        .per_instansi
        .iter()
        .filter(|p| p.kelompok == Kelompok::Intervensi && p.asn > 0)
        .collect();
    let (x, n) = intervention
        .iter()
        .fold((0usize, 0usize), |(x, n), p| (x + p.peserta, n + p.asn));
    let pusat = if n > 0 { x as f64 / n as f64 } else { f64::NAN };
    let mut unit = Vec::new();
    let mut ditahan = 0;
    for p in intervention {
        if p.asn < privasi::MIN_SEL {
            ditahan += 1;
            continue;
        }
        // In percent, as participation is reported everywhere else.
        let value = p.peserta as f64 / p.asn as f64 * 100.0;
        unit.push(point(&p.instansi, p.asn as u64, value, |cov| {
            let l = funnel::binomial_limits(pusat, p.asn as u64, cov);
            Limits {
                lower: l.lower * 100.0,
                upper: l.upper * 100.0,
            }
        }));
    }
    Funnel {
        metode: "binomial",
        pusat: pusat * 100.0,
        sebaran: None,
        unit,
        ditahan,
    }
}

/// The funnel plots of a programme.
pub fn perbandingan(
    cells: &Cells,
    part: &crate::Partisipasi,
    bobot: crate::ikm::BobotIkm,
) -> Perbandingan {
    Perbandingan {
        ikm: ikm(cells, bobot),
        waktu_tunggu: waktu_tunggu(cells),
        partisipasi: partisipasi(part),
    }
}
