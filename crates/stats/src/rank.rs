//! Rank tests: average ranks with ties, the Wilcoxon signed-rank test and the
//! Mann–Whitney U test, each as scipy computes it by default.

use serde::Serialize;

use crate::dist::norm_sf;

/// Average ranks (ties get the mean of the ranks they span), 1-based, as
/// `scipy.stats.rankdata(method="average")`. Also returns the sizes of the
/// tie groups.
pub fn rank_average(x: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut ranks = vec![0.0; x.len()];
    let mut ties = Vec::new();
    let mut i = 0;
    while i < idx.len() {
        let mut j = i + 1;
        while j < idx.len() && x[idx[j]] == x[idx[i]] {
            j += 1;
        }
        let r = (i + 1 + j) as f64 / 2.0;
        for &k in &idx[i..j] {
            ranks[k] = r;
        }
        ties.push(j - i);
        i = j;
    }
    (ranks, ties)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WilcoxonMethod {
    Exact,
    Approx,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Wilcoxon {
    /// Non-zero differences used.
    pub n: usize,
    /// `min(R⁺, R⁻)`, as scipy reports for the two-sided test.
    pub statistic: f64,
    pub p: f64,
    pub method: WilcoxonMethod,
}

/// Wilcoxon signed-rank test of `after − before`, two-sided, with
/// `scipy.stats.wilcoxon`'s defaults (scipy ≥ 1.13): `zero_method="wilcox"`
/// (zero differences dropped), `correction=False`, `method="auto"`: exact
/// when n ≤ 50 and no difference is zero, otherwise the normal approximation
/// with the tie correction `σ² = [n(n+1)(2n+1) − Σ(t³ − t)/2] / 24`.
/// The exact p with ties is scipy's conservative one:
/// `2·min(P(T ≥ ⌊R⁺⌋), P(T ≤ ⌈R⁺⌉))`, capped at 1.
pub fn wilcoxon_signed_rank(before: &[f64], after: &[f64]) -> Wilcoxon {
    let d_all: Vec<f64> = before.iter().zip(after).map(|(b, a)| a - b).collect();
    let has_zero = d_all.contains(&0.0);
    let method = if d_all.len() <= 50 && !has_zero {
        WilcoxonMethod::Exact
    } else {
        WilcoxonMethod::Approx
    };
    let d: Vec<f64> = d_all.into_iter().filter(|v| *v != 0.0).collect();
    let n = d.len();
    if n == 0 {
        return Wilcoxon {
            n,
            statistic: f64::NAN,
            p: f64::NAN,
            method,
        };
    }
    let abs: Vec<f64> = d.iter().map(|v| v.abs()).collect();
    let (ranks, ties) = rank_average(&abs);
    let r_plus: f64 = d
        .iter()
        .zip(&ranks)
        .filter(|(v, _)| **v > 0.0)
        .map(|(_, r)| r)
        .sum();
    let r_minus: f64 = d
        .iter()
        .zip(&ranks)
        .filter(|(v, _)| **v < 0.0)
        .map(|(_, r)| r)
        .sum();
    let nf = n as f64;
    let p = match method {
        WilcoxonMethod::Exact => {
            let pmf = signed_rank_pmf(n);
            let cdf = |k: f64| -> f64 { pmf[..=(k as usize).min(pmf.len() - 1)].iter().sum() };
            let sf = |k: f64| -> f64 { pmf[(k as usize).min(pmf.len())..].iter().sum() };
            (2.0 * sf(r_plus.floor()).min(cdf(r_plus.ceil()))).clamp(0.0, 1.0)
        }
        WilcoxonMethod::Approx => {
            let mn = nf * (nf + 1.0) / 4.0;
            let tie: f64 = ties.iter().map(|&t| (t * t * t - t) as f64).sum();
            let se = ((nf * (nf + 1.0) * (2.0 * nf + 1.0) - tie / 2.0) / 24.0).sqrt();
            let z = (r_plus - mn) / se;
            (2.0 * norm_sf(z.abs())).min(1.0)
        }
    };
    Wilcoxon {
        n,
        statistic: r_plus.min(r_minus),
        p,
        method,
    }
}

/// Null distribution of the signed-rank statistic for `n` untied
/// observations: the coefficients of ∏ⱼ(1 + qʲ) / 2ⁿ, by dynamic programming.
/// Counts stay exact in `f64` up to n = 50 (2⁵⁰ < 2⁵³).
pub fn signed_rank_pmf(n: usize) -> Vec<f64> {
    let max = n * (n + 1) / 2;
    let mut c = vec![0.0f64; max + 1];
    c[0] = 1.0;
    for j in 1..=n {
        let top = j * (j + 1) / 2;
        for k in (j..=top).rev() {
            c[k] += c[k - j];
        }
    }
    let total = 2f64.powi(n as i32);
    c.into_iter().map(|v| v / total).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MannWhitneyMethod {
    Exact,
    Asymptotic,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MannWhitney {
    /// U of the first sample, `R₁ − n₁(n₁+1)/2`, as scipy reports it.
    pub u1: f64,
    /// Two-sided p.
    pub p: f64,
    pub method: MannWhitneyMethod,
    /// Common-language effect: `U₁/(n₁n₂)`, the probability that a value of
    /// the first sample exceeds one of the second (ties counting half).
    pub cles: f64,
}

/// Mann–Whitney U test, two-sided, with `scipy.stats.mannwhitneyu`'s
/// defaults: exact when either sample has at most 8 values and there are no
/// ties, otherwise the normal approximation with tie correction
/// `σ² = n₁n₂/12·((n+1) − Σ(t³−t)/(n(n−1)))` and continuity correction 0,5;
/// `p = 2·P(U ≥ max(U₁, U₂))`, capped at 1.
pub fn mann_whitney_u(x: &[f64], y: &[f64]) -> MannWhitney {
    let (n1, n2) = (x.len(), y.len());
    let mut xy: Vec<f64> = x.to_vec();
    xy.extend_from_slice(y);
    let (ranks, ties) = rank_average(&xy);
    let r1: f64 = ranks[..n1].iter().sum();
    let (f1, f2) = (n1 as f64, n2 as f64);
    let u1 = r1 - f1 * (f1 + 1.0) / 2.0;
    let u2 = f1 * f2 - u1;
    let u = u1.max(u2);
    let tied = ties.iter().any(|&t| t > 1);
    let method = if (n1 > 8 && n2 > 8) || tied {
        MannWhitneyMethod::Asymptotic
    } else {
        MannWhitneyMethod::Exact
    };
    if n1 == 0 || n2 == 0 {
        return MannWhitney {
            u1: f64::NAN,
            p: f64::NAN,
            method,
            cles: f64::NAN,
        };
    }
    let p = match method {
        MannWhitneyMethod::Exact => {
            let pmf = mann_whitney_pmf(n1, n2);
            let k = u as usize;
            // P(U ≥ k), summed over the smaller (lower) tail by symmetry.
            let kc = n1 * n2 - k;
            let sf = if k < kc {
                1.0 - pmf[..k].iter().sum::<f64>()
            } else {
                pmf[..=kc].iter().sum::<f64>()
            };
            2.0 * sf
        }
        MannWhitneyMethod::Asymptotic => {
            let n = f1 + f2;
            let tie: f64 = ties.iter().map(|&t| (t * t * t - t) as f64).sum();
            let s = (f1 * f2 / 12.0 * ((n + 1.0) - tie / (n * (n - 1.0)))).sqrt();
            let z = (u - f1 * f2 / 2.0 - 0.5) / s;
            2.0 * norm_sf(z)
        }
    };
    MannWhitney {
        u1,
        p: p.clamp(0.0, 1.0),
        method,
        cles: u1 / (f1 * f2),
    }
}

/// Null distribution of U for sample sizes `m` and `n` (no ties): the
/// coefficients of the Gaussian binomial `[m+n choose m]_q` divided by
/// `C(m+n, m)`, built as `∏ᵢ (1 − q^{n+i}) / (1 − q^i)`.
pub fn mann_whitney_pmf(m: usize, n: usize) -> Vec<f64> {
    let (m, n) = (m.min(n), m.max(n));
    let top = m * n;
    let mut c = vec![0.0f64; top + 1];
    c[0] = 1.0;
    for i in 1..=m {
        let a = n + i;
        // multiply by (1 − q^a)
        for k in (a..=top).rev() {
            c[k] -= c[k - a];
        }
        // divide by (1 − q^i)
        for k in i..=top {
            c[k] += c[k - i];
        }
    }
    let total: f64 = c.iter().sum();
    c.into_iter().map(|v| v / total).collect()
}
