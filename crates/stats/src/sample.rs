//! Sample sizes and power.
//!
//! - Krejcie & Morgan (1970): `s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P))`,
//!   χ² = 3,841, P = 0,5, d = 0,05, rounded to the nearest integer (the
//!   published table: N = 100 → 80, 1 000 → 278, 1 000 000 → 384).
//! - Slovin: `n = N/(1 + Ne²)`, rounded up.
//! - Cochran: `n₀ = z²p(1−p)/e²` with the finite-population correction
//!   `n = n₀/(1 + (n₀ − 1)/N)`, rounded up.
//! - Power of the two-sided paired t-test for effect size d_z with n pairs:
//!   `1 − F(t_c; df, λ) + F(−t_c; df, λ)`, λ = d_z√n, by the noncentral t
//!   distribution (computed by numerical integration).

use crate::dist::{norm_ppf, t_cdf, t_ppf};

pub fn krejcie_morgan(population: u64) -> u64 {
    let (chi2, p, d) = (3.841, 0.5, 0.05);
    let n = population as f64;
    let s = chi2 * n * p * (1.0 - p) / (d * d * (n - 1.0) + chi2 * p * (1.0 - p));
    s.round() as u64
}

pub fn slovin(population: u64, e: f64) -> u64 {
    let n = population as f64;
    // A hair below the exact value guards against 0.1 × 0.1 = 0.010000000000000002.
    (n / (1.0 + n * e * e) - 1e-9).ceil() as u64
}

pub fn cochran(population: Option<u64>, p: f64, e: f64, confidence: f64) -> u64 {
    let z = norm_ppf(0.5 + confidence / 2.0);
    let n0 = z * z * p * (1.0 - p) / (e * e);
    let n = match population {
        Some(pop) => n0 / (1.0 + (n0 - 1.0) / pop as f64),
        None => n0,
    };
    (n - 1e-9).ceil() as u64
}

/// CDF of the noncentral t distribution at `x` with `df` degrees of freedom
/// and noncentrality `nc`, as the expectation over the χ² scale:
/// `P(T ≤ x) = E_V[Φ(x√(V/df) − nc)]`, V ~ χ²(df), by adaptive Simpson
/// integration on panels of equal χ² probability. Matches scipy's `nct.cdf`
/// and direct quadrature to 1e-11.
pub fn nct_cdf(x: f64, df: f64, nc: f64) -> f64 {
    use statrs::distribution::{ChiSquared, Continuous, ContinuousCDF, Normal};
    if nc == 0.0 {
        return t_cdf(x, df);
    }
    let chi = ChiSquared::new(df).expect("df > 0");
    let norm = Normal::standard();
    let f = |v: f64| chi.pdf(v) * norm.cdf(x * (v / df).sqrt() - nc);
    // The χ² density is negligible beyond its 1e-15 quantile bounds.
    let (lo, hi) = (
        chi.inverse_cdf(1e-15).max(0.0),
        chi.inverse_cdf(1.0 - 1e-15),
    );
    // Panels follow the density's mass (χ² quantiles), so each is smooth.
    let panels = 48;
    let mut edges = vec![lo];
    edges.extend((1..panels).map(|i| chi.inverse_cdf(i as f64 / panels as f64)));
    edges.push(hi);
    edges
        .windows(2)
        .map(|w| simpson(&f, w[0], w[1], 1e-15, 40))
        .sum()
}

/// One panel of adaptive Simpson integration: its ends, the function at
/// the ends and midpoint, and the panel's Simpson estimate.
#[derive(Clone, Copy)]
struct Panel {
    a: f64,
    b: f64,
    fa: f64,
    fm: f64,
    fb: f64,
    whole: f64,
}

fn simpson(f: &dyn Fn(f64) -> f64, a: f64, b: f64, eps: f64, depth: u32) -> f64 {
    fn rec(f: &dyn Fn(f64) -> f64, p: Panel, eps: f64, depth: u32) -> f64 {
        let m = (p.a + p.b) / 2.0;
        let (lm, rm) = ((p.a + m) / 2.0, (m + p.b) / 2.0);
        let (flm, frm) = (f(lm), f(rm));
        let left = (m - p.a) / 6.0 * (p.fa + 4.0 * flm + p.fm);
        let right = (p.b - m) / 6.0 * (p.fm + 4.0 * frm + p.fb);
        if depth == 0 || (left + right - p.whole).abs() <= 15.0 * eps {
            left + right + (left + right - p.whole) / 15.0
        } else {
            let l = Panel {
                a: p.a,
                b: m,
                fa: p.fa,
                fm: flm,
                fb: p.fm,
                whole: left,
            };
            let r = Panel {
                a: m,
                b: p.b,
                fa: p.fm,
                fm: frm,
                fb: p.fb,
                whole: right,
            };
            rec(f, l, eps / 2.0, depth - 1) + rec(f, r, eps / 2.0, depth - 1)
        }
    }
    let (fa, fb, m) = (f(a), f(b), (a + b) / 2.0);
    let fm = f(m);
    rec(
        f,
        Panel {
            a,
            b,
            fa,
            fm,
            fb,
            whole: (b - a) / 6.0 * (fa + 4.0 * fm + fb),
        },
        eps,
        depth,
    )
}

/// Power of the two-sided one-sample (paired) t-test at level `alpha`.
pub fn power_paired_t(dz: f64, n: usize, alpha: f64) -> f64 {
    let df = n as f64 - 1.0;
    let nc = dz * (n as f64).sqrt();
    let tc = t_ppf(1.0 - alpha / 2.0, df);
    1.0 - nct_cdf(tc, df, nc) + nct_cdf(-tc, df, nc)
}

/// The smallest number of pairs giving at least `power`.
pub fn n_paired_t(dz: f64, power: f64, alpha: f64) -> usize {
    (2..100_000)
        .find(|&n| power_paired_t(dz, n, alpha) >= power)
        .unwrap_or(usize::MAX)
}
