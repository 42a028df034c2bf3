//! t-tests: one-sample, paired, Student (pooled variance) and Welch, each as
//! `scipy.stats.ttest_1samp`, `ttest_rel`, `ttest_ind(equal_var=True)` and
//! `ttest_ind(equal_var=False)` compute them, two-sided, with the 95% interval
//! of the estimate from the same t distribution.

use serde::Serialize;

use crate::describe::{mean, variance};
use crate::dist::{t_ppf, t_two_sided_p};

/// The result of a t-test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TTest {
    /// Observations used (pairs, for the paired test; both groups otherwise).
    pub n: usize,
    /// The mean, the mean difference `after − before`, or `mean(a) − mean(b)`.
    pub estimate: f64,
    pub se: f64,
    pub t: f64,
    pub df: f64,
    /// Two-sided p from the t distribution.
    pub p: f64,
    /// 95% interval of the estimate, `estimate ± t₀.₉₇₅,df · se`.
    pub ci95: (f64, f64),
}

fn finish(n: usize, estimate: f64, se: f64, df: f64) -> TTest {
    let t = if df.is_nan() || df <= 0.0 || se.is_nan() {
        f64::NAN
    } else if se == 0.0 {
        // Constant data: scipy divides by zero the same way.
        if estimate == 0.0 {
            f64::NAN
        } else {
            estimate.signum() * f64::INFINITY
        }
    } else {
        estimate / se
    };
    // scipy's interval is undefined (NaN) for a zero scale, as for df ≤ 0.
    let half = if df > 0.0 && se > 0.0 {
        t_ppf(0.975, df) * se
    } else {
        f64::NAN
    };
    TTest {
        n,
        estimate,
        se,
        t,
        df,
        p: t_two_sided_p(t, df),
        ci95: (estimate - half, estimate + half),
    }
}

/// One-sample t-test of `mean(x) = mu`: `t = (x̄ − μ₀)/(s/√n)`, df = n − 1.
/// The estimate is `x̄ − μ₀`.
pub fn one_sample_t(x: &[f64], mu: f64) -> TTest {
    let n = x.len();
    finish(
        n,
        mean(x) - mu,
        (variance(x) / n as f64).sqrt(),
        n as f64 - 1.0,
    )
}

/// Paired t-test on `after − before`, as `scipy.stats.ttest_rel(after, before)`.
pub fn paired_t(before: &[f64], after: &[f64]) -> TTest {
    assert_eq!(
        before.len(),
        after.len(),
        "paired samples must have equal length"
    );
    let d: Vec<f64> = before.iter().zip(after).map(|(b, a)| a - b).collect();
    one_sample_t(&d, 0.0)
}

/// Student's two-sample t-test with pooled variance:
/// `s²ₚ = ((n₁−1)s₁² + (n₂−1)s₂²)/(n₁+n₂−2)`, `se = sₚ√(1/n₁ + 1/n₂)`.
pub fn student_t(a: &[f64], b: &[f64]) -> TTest {
    let (n1, n2) = (a.len() as f64, b.len() as f64);
    let df = n1 + n2 - 2.0;
    let pooled = ((n1 - 1.0) * variance(a) + (n2 - 1.0) * variance(b)) / df;
    finish(
        a.len() + b.len(),
        mean(a) - mean(b),
        (pooled * (1.0 / n1 + 1.0 / n2)).sqrt(),
        df,
    )
}

/// Welch's t-test: `se = √(s₁²/n₁ + s₂²/n₂)`, Welch–Satterthwaite df
/// `(v₁ + v₂)² / (v₁²/(n₁−1) + v₂²/(n₂−1))` with `vᵢ = sᵢ²/nᵢ`.
pub fn welch_t(a: &[f64], b: &[f64]) -> TTest {
    let (n1, n2) = (a.len() as f64, b.len() as f64);
    let (v1, v2) = (variance(a) / n1, variance(b) / n2);
    let df = (v1 + v2).powi(2) / (v1 * v1 / (n1 - 1.0) + v2 * v2 / (n2 - 1.0));
    // Both samples constant: scipy takes df = 1 rather than 0/0.
    let df = if df.is_nan() && n1 > 1.0 && n2 > 1.0 {
        1.0
    } else {
        df
    };
    finish(a.len() + b.len(), mean(a) - mean(b), (v1 + v2).sqrt(), df)
}
