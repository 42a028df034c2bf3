//! Descriptive statistics: mean, variance and SD (n − 1), Hyndman–Fan type 7
//! quantiles (numpy's default), summaries, and the t interval of a mean.

use serde::Serialize;

use crate::dist::t_ppf;

/// Arithmetic mean; `NaN` for an empty slice.
pub fn mean(x: &[f64]) -> f64 {
    if x.is_empty() {
        return f64::NAN;
    }
    // Two-pass: the naive sum is refined by the mean residual, as numpy's
    // pairwise summation is accurate to ~1e-16 relative on our sizes.
    let n = x.len() as f64;
    let m = x.iter().sum::<f64>() / n;
    m + x.iter().map(|v| v - m).sum::<f64>() / n
}

/// Sample variance with `n − 1` in the denominator (numpy `ddof=1`).
pub fn variance(x: &[f64]) -> f64 {
    if x.len() < 2 {
        return f64::NAN;
    }
    let m = mean(x);
    x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (x.len() as f64 - 1.0)
}

/// Sample standard deviation (`ddof=1`).
pub fn sd(x: &[f64]) -> f64 {
    variance(x).sqrt()
}

/// Quantile by Hyndman & Fan type 7 (numpy's default `linear`):
/// `h = (n − 1)·p`, `Q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)` on sorted data.
/// `sorted` must be ascending and free of NaN.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    quantile_sorted_by(sorted.len(), |i| sorted[i], p)
}

/// [`quantile_sorted`] over `n` ascending values that `at` gives by
/// position, for data kept in another form (waits as whole seconds, read as
/// minutes): only the two values the quantile needs are made.
pub fn quantile_sorted_by(n: usize, at: impl Fn(usize) -> f64, p: f64) -> f64 {
    if n == 0 || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    at(lo) + (h - lo as f64) * (at(hi) - at(lo))
}

/// Quantile of unsorted data (sorts a copy).
pub fn quantile(x: &[f64], p: f64) -> f64 {
    let mut v = x.to_vec();
    v.sort_by(f64::total_cmp);
    quantile_sorted(&v, p)
}

pub fn median(x: &[f64]) -> f64 {
    quantile(x, 0.5)
}

/// Summary of one sample: n, mean, SD, median, 90th percentile.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Summary {
    pub n: usize,
    pub mean: f64,
    pub sd: f64,
    pub median: f64,
    pub p90: f64,
}

pub fn summary(x: &[f64]) -> Summary {
    // Sorted already (the evaluation's waits are): no copy.
    let v: std::borrow::Cow<'_, [f64]> = if x.is_sorted_by(|a, b| a.total_cmp(b).is_le()) {
        x.into()
    } else {
        let mut v = x.to_vec();
        v.sort_by(f64::total_cmp);
        v.into()
    };
    Summary {
        n: v.len(),
        mean: mean(&v),
        sd: sd(&v),
        median: quantile_sorted(&v, 0.5),
        p90: quantile_sorted(&v, 0.9),
    }
}

/// A mean with its t-based confidence interval: `x̄ ± t₁₋α/₂,n−1 · s/√n`
/// (as `scipy.stats.t.interval(1 − α, n − 1, x̄, s/√n)`).
pub fn mean_ci(x: &[f64], level: f64) -> (f64, f64, f64) {
    let m = mean(x);
    let n = x.len() as f64;
    if x.len() < 2 {
        return (m, f64::NAN, f64::NAN);
    }
    let half = t_ppf(0.5 + level / 2.0, n - 1.0) * sd(x) / n.sqrt();
    (m, m - half, m + half)
}
