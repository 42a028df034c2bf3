//! Correlation: Pearson's r and Spearman's ρ with two-sided p-values from
//! the t distribution with n − 2 degrees of freedom, as `scipy.stats.pearsonr`
//! (its exact beta form is the same distribution) and `scipy.stats.spearmanr`.

use serde::Serialize;

use crate::describe::mean;
use crate::dist::t_two_sided_p;
use crate::rank::rank_average;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Correlation {
    pub r: f64,
    pub p: f64,
    pub n: usize,
}

/// Pearson's r: `Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²)`;
/// `t = r√((n−2)/(1−r²))`.
pub fn pearson(x: &[f64], y: &[f64]) -> Correlation {
    assert_eq!(
        x.len(),
        y.len(),
        "correlated samples must have equal length"
    );
    let n = x.len();
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    let r = (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0);
    let df = n as f64 - 2.0;
    let p = if n < 3 || r.is_nan() {
        f64::NAN
    } else if r.abs() == 1.0 {
        0.0
    } else {
        t_two_sided_p(r * (df / (1.0 - r * r)).sqrt(), df)
    };
    Correlation { r, p, n }
}

/// Spearman's ρ: Pearson's r of the average ranks.
pub fn spearman(x: &[f64], y: &[f64]) -> Correlation {
    pearson(&rank_average(x).0, &rank_average(y).0)
}
