//! Effect sizes with normal-approximation confidence intervals, and Hake's
//! normalised gain.
//!
//! - Cohen's d (two independent groups): `(x̄₁ − x̄₂)/sₚ`, pooled SD.
//! - Hedges' g: `J·d` with the exact small-sample factor
//!   `J = Γ(df/2) / (√(df/2) Γ((df−1)/2))`, df = n₁ + n₂ − 2.
//! - SE for both: `√((n₁+n₂)/(n₁n₂) + e²/(2(n₁+n₂)))` (Hedges & Olkin 1985,
//!   eq. 5.15); interval `e ± z₀.₉₇₅·SE`.
//! - Cohen's d_z (paired): `d̄/s_d`, SE `√(1/n + d_z²/(2n))`.

use serde::Serialize;
use statrs::function::gamma::ln_gamma;

use crate::describe::{mean, sd, variance};
use crate::dist::norm_ppf;

/// An effect size with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Effect {
    pub value: f64,
    pub se: f64,
    pub ci95: (f64, f64),
}

fn with_se(value: f64, se: f64) -> Effect {
    let z = norm_ppf(0.975);
    Effect {
        value,
        se,
        ci95: (value - z * se, value + z * se),
    }
}

fn two_group_se(e: f64, n1: f64, n2: f64) -> f64 {
    ((n1 + n2) / (n1 * n2) + e * e / (2.0 * (n1 + n2))).sqrt()
}

/// Pooled standard deviation of two samples.
pub fn pooled_sd(a: &[f64], b: &[f64]) -> f64 {
    let (n1, n2) = (a.len() as f64, b.len() as f64);
    (((n1 - 1.0) * variance(a) + (n2 - 1.0) * variance(b)) / (n1 + n2 - 2.0)).sqrt()
}

pub fn cohen_d(a: &[f64], b: &[f64]) -> Effect {
    let d = (mean(a) - mean(b)) / pooled_sd(a, b);
    with_se(d, two_group_se(d, a.len() as f64, b.len() as f64))
}

/// The exact bias-correction factor of Hedges' g.
pub fn hedges_j(df: f64) -> f64 {
    if df <= 1.0 {
        return f64::NAN;
    }
    (ln_gamma(df / 2.0) - ln_gamma((df - 1.0) / 2.0)).exp() / (df / 2.0).sqrt()
}

pub fn hedges_g(a: &[f64], b: &[f64]) -> Effect {
    let (n1, n2) = (a.len() as f64, b.len() as f64);
    let g = hedges_j(n1 + n2 - 2.0) * cohen_d(a, b).value;
    with_se(g, two_group_se(g, n1, n2))
}

/// Cohen's d_z for paired data: mean difference / SD of the differences.
pub fn cohen_dz(before: &[f64], after: &[f64]) -> Effect {
    let d: Vec<f64> = before.iter().zip(after).map(|(b, a)| a - b).collect();
    let s = sd(&d);
    let n = d.len() as f64;
    let dz = if s == 0.0 { f64::NAN } else { mean(&d) / s };
    with_se(dz, (1.0 / n + dz * dz / (2.0 * n)).sqrt())
}

/// Hake's normalised gain of one learner, `(post − pre) / (max − pre)`;
/// `None` when `pre = max` (no room to gain).
pub fn n_gain(pre: f64, post: f64, max: f64) -> Option<f64> {
    (pre < max).then(|| (post - pre) / (max - pre))
}

/// Hake's category of a gain: tinggi ≥ 0,7; sedang 0,3–0,7; rendah < 0,3.
pub fn hake_category(g: f64) -> Option<&'static str> {
    if !g.is_finite() {
        None
    } else if g >= 0.7 {
        Some("tinggi")
    } else if g >= 0.3 {
        Some("sedang")
    } else {
        Some("rendah")
    }
}

/// The Indonesian interpretation of a gain as a percentage (g × 100):
/// < 40 tidak efektif, 40–55 kurang efektif, 56–75 cukup efektif, > 75 efektif.
/// Boundaries between the published integer bands go to the higher band
/// (55,5 is "cukup efektif").
pub fn n_gain_percent_category(g: f64) -> Option<&'static str> {
    let p = g * 100.0;
    if !p.is_finite() {
        None
    } else if p > 75.0 {
        Some("efektif")
    } else if p >= 55.5 {
        Some("cukup efektif")
    } else if p >= 40.0 {
        Some("kurang efektif")
    } else {
        Some("tidak efektif")
    }
}
