//! Funnel plots for comparing units fairly (Spiegelhalter, "Funnel plots
//! for comparing institutional performance", *Statistics in Medicine*
//! 24 (2005) 1185–1202): each unit's indicator is plotted against its
//! size, around the overall value θ₀, with control limits that narrow as
//! the size grows. A unit is "outside" only beyond a limit; a small unit's
//! extreme value is expected chance, which a league table would rank first.
//!
//! - **Proportions** (participation, a share of questionnaires) use the
//!   exact binomial limits of the paper's appendix: for the p-quantile,
//!   rₚ is the smallest r with F(r) ≥ p under Binomial(n, θ₀), and
//!   α = (F(rₚ) − p) / (F(rₚ) − F(rₚ − 1)) interpolates between the
//!   discrete steps, so the limit is (rₚ − α) / n, held to [0, 1].
//! - **Means** (IKM from the per-respondent scores, waiting time) use the
//!   normal limits θ₀ ± zₚ · σ / √n, with σ the spread of one
//!   observation around θ₀ (the paper's §3, "normal approximation").
//!
//! The paper's two conventional pairs: 95% (p = 0.025, 0.975; "warning")
//! and 99.8% (p = 0.001, 0.999; "alarm"). Checked against scipy's binomial
//! and normal quantiles in `tests/it/scipy_reference.rs`.

use statrs::function::beta::beta_reg;

use crate::dist::norm_ppf;

/// The two limit pairs the paper draws.
pub const COVERAGES: [f64; 2] = [0.95, 0.998];

/// A lower and an upper control limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub lower: f64,
    pub upper: f64,
}

/// Where a unit stands against its funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Position {
    /// Below the 99.8% limit: called out.
    BelowAlarm,
    /// Below the 95% limit only: a warning, not a finding.
    BelowWarning,
    Within,
    AboveWarning,
    /// Above the 99.8% limit: called out.
    AboveAlarm,
}

/// F(r) of Binomial(n, θ): P(X ≤ r) = I₁₋θ(n − r, r + 1).
pub fn binomial_cdf(r: i64, n: u64, theta: f64) -> f64 {
    if r < 0 {
        return 0.0;
    }
    if r as u64 >= n {
        return 1.0;
    }
    if theta <= 0.0 {
        return 1.0;
    }
    if theta >= 1.0 {
        return 0.0;
    }
    beta_reg((n - r as u64) as f64, r as f64 + 1.0, 1.0 - theta)
}

/// The smallest r in 0..=n with F(r) ≥ p (scipy's `binom.ppf`).
pub fn binomial_ppf(p: f64, n: u64, theta: f64) -> u64 {
    let (mut lo, mut hi) = (0u64, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if binomial_cdf(mid as i64, n, theta) >= p {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// The interpolated binomial p-quantile of a proportion out of `n`, as the
/// paper's appendix gives it: (rₚ − α) / n, held to [0, 1].
pub fn binomial_limit(p: f64, n: u64, theta: f64) -> f64 {
    if n == 0 || !(0.0..=1.0).contains(&theta) || !(0.0..1.0).contains(&p) || p == 0.0 {
        return f64::NAN;
    }
    let r = binomial_ppf(p, n, theta);
    let at = binomial_cdf(r as i64, n, theta);
    let below = binomial_cdf(r as i64 - 1, n, theta);
    let step = at - below;
    let alpha = if step > 0.0 { (at - p) / step } else { 0.0 };
    // A proportion's limit stays in [0, 1]: at rₚ = 0 the interpolation
    // dips below 0.
    ((r as f64 - alpha) / n as f64).clamp(0.0, 1.0)
}

/// The binomial limits of `coverage` (0.95, 0.998) around θ₀ for a unit of
/// size `n`.
pub fn binomial_limits(theta: f64, n: u64, coverage: f64) -> Limits {
    let tail = (1.0 - coverage) / 2.0;
    Limits {
        lower: binomial_limit(tail, n, theta),
        upper: binomial_limit(1.0 - tail, n, theta),
    }
}

/// The normal limits of `coverage` around θ₀ for a mean of `n`
/// observations whose standard deviation is `sd`.
pub fn normal_limits(theta: f64, sd: f64, n: f64, coverage: f64) -> Limits {
    // NaN fails both checks.
    if n.is_nan() || n <= 0.0 || sd.is_nan() || sd < 0.0 {
        return Limits {
            lower: f64::NAN,
            upper: f64::NAN,
        };
    }
    let z = norm_ppf(1.0 - (1.0 - coverage) / 2.0);
    let half = z * sd / n.sqrt();
    Limits {
        lower: theta - half,
        upper: theta + half,
    }
}

/// Where `value` stands against the 95% and 99.8% limits.
pub fn position(value: f64, warning: Limits, alarm: Limits) -> Position {
    if value < alarm.lower {
        Position::BelowAlarm
    } else if value > alarm.upper {
        Position::AboveAlarm
    } else if value < warning.lower {
        Position::BelowWarning
    } else if value > warning.upper {
        Position::AboveWarning
    } else {
        Position::Within
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binomial_cdf_steps_from_zero_to_one() {
        assert_eq!(binomial_cdf(-1, 10, 0.3), 0.0);
        assert_eq!(binomial_cdf(10, 10, 0.3), 1.0);
        // P(X = 0) = 0.7^10.
        assert!((binomial_cdf(0, 10, 0.3) - 0.7f64.powi(10)).abs() < 1e-15);
        assert_eq!(binomial_ppf(0.5, 10, 0.5), 5);
    }

    #[test]
    fn limits_narrow_as_units_grow_and_surround_the_target() {
        let small = binomial_limits(0.8, 20, 0.998);
        let large = binomial_limits(0.8, 2000, 0.998);
        assert!(small.lower < large.lower && large.upper < small.upper);
        assert!(large.lower < 0.8 && 0.8 < large.upper);
        let warn = normal_limits(80.0, 10.0, 100.0, 0.95);
        assert!((warn.upper - 80.0 - 1.959_963_984_540_054).abs() < 1e-9);
        let alarm = normal_limits(80.0, 10.0, 100.0, 0.998);
        assert_eq!(position(79.0, warn, alarm), Position::Within);
        assert_eq!(position(77.5, warn, alarm), Position::BelowWarning);
        assert_eq!(position(76.0, warn, alarm), Position::BelowAlarm);
        assert_eq!(position(84.0, warn, alarm), Position::AboveAlarm);
        assert!(binomial_limits(0.5, 0, 0.95).lower.is_nan());
        assert!(normal_limits(1.0, 1.0, 0.0, 0.95).upper.is_nan());
    }
}
