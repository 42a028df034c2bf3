//! Ordinary least squares with classical, HC1 and cluster-robust (CR1)
//! standard errors, and the difference-in-differences regression built on it.
//!
//! - β = (X'X)⁻¹X'y (Cholesky of X'X; collinear designs are refused).
//! - Classical: `V = σ̂²(X'X)⁻¹`, σ̂² = RSS/(n − k); inference with t(n − k).
//! - HC1: `V = n/(n−k) · (X'X)⁻¹ (Σ eᵢ² xᵢxᵢ') (X'X)⁻¹`; t(n − k).
//! - CR1: `V = G/(G−1) · (n−1)/(n−k) · (X'X)⁻¹ (Σ_g X_g'e_g e_g'X_g) (X'X)⁻¹`;
//!   t(G − 1). These are statsmodels' `cov_type="nonrobust"`, `"HC1"` and
//!   `"cluster"` (with `use_t=True`).

use serde::Serialize;

use crate::describe::{mean, variance};
use crate::dist::{norm_ppf, normal_two_sided_p, t_ppf, t_two_sided_p};

#[derive(Debug, Clone, PartialEq)]
pub enum CovType {
    Classical,
    Hc1,
    /// Cluster-robust; one cluster label per observation.
    Cluster(Vec<usize>),
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Ols {
    pub coef: Vec<f64>,
    pub se: Vec<f64>,
    pub t: Vec<f64>,
    pub p: Vec<f64>,
    pub ci95: Vec<(f64, f64)>,
    /// Degrees of freedom of the t distribution used for inference.
    pub df: f64,
    pub n: usize,
    pub k: usize,
    pub clusters: Option<usize>,
    pub rss: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OlsError {
    #[error("rancangan regresi kolinear atau kosong (the design matrix is singular)")]
    Singular,
    #[error("data terlalu sedikit untuk regresi: n = {n}, k = {k} (too few observations)")]
    TooFew { n: usize, k: usize },
    #[error(
        "galat baku klaster butuh sedikitnya 2 klaster (cluster-robust SE needs 2 or more clusters)"
    )]
    FewClusters,
}

/// Inverse of a symmetric positive-definite matrix by Cholesky.
// Index loops read as the textbook formulas they implement.
#[allow(clippy::needless_range_loop)]
pub(crate) fn inv_spd(a: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let k = a.len();
    let mut l = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..=i {
            let s: f64 = (0..j).map(|m| l[i][m] * l[j][m]).sum();
            if i == j {
                let d = a[i][i] - s;
                if d.is_nan() || d <= 1e-12 * a[i][i].abs().max(1e-300) {
                    return None;
                }
                l[i][j] = d.sqrt();
            } else {
                l[i][j] = (a[i][j] - s) / l[j][j];
            }
        }
    }
    // L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀL⁻¹.
    let mut li = vec![vec![0.0; k]; k];
    for c in 0..k {
        for i in c..k {
            let s: f64 = (c..i).map(|m| l[i][m] * li[m][c]).sum();
            li[i][c] = if i == c { 1.0 / l[i][i] } else { -s / l[i][i] };
        }
    }
    let mut inv = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..k {
            inv[i][j] = (i.max(j)..k).map(|m| li[m][i] * li[m][j]).sum();
        }
    }
    Some(inv)
}

fn sandwich(bread: &[Vec<f64>], meat: &[Vec<f64>], scale: f64) -> Vec<Vec<f64>> {
    let k = bread.len();
    let mut bm = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..k {
            bm[i][j] = (0..k).map(|m| bread[i][m] * meat[m][j]).sum();
        }
    }
    let mut v = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..k {
            v[i][j] = scale * (0..k).map(|m| bm[i][m] * bread[m][j]).sum::<f64>();
        }
    }
    v
}

fn add_outer(m: &mut [Vec<f64>], v: &[f64], w: f64) {
    for i in 0..v.len() {
        for j in 0..v.len() {
            m[i][j] += w * v[i] * v[j];
        }
    }
}

/// Fits `y = Xβ + e`; `x` holds one row per observation (include a column
/// of ones for an intercept). Rows may be fixed-size arrays, so a design of
/// millions of rows costs no allocation per row.
pub fn ols<R: AsRef<[f64]>>(x: &[R], y: &[f64], cov: &CovType) -> Result<Ols, OlsError> {
    ols_rows(x.iter(), y, cov)
}

/// [`ols`] over rows produced on demand (walked three times), so a design
/// computed from a few columns is never held in memory.
pub fn ols_rows<I, R>(x: I, y: &[f64], cov: &CovType) -> Result<Ols, OlsError>
where
    I: Iterator<Item = R> + Clone,
    R: AsRef<[f64]>,
{
    let n = y.len();
    let k = x.clone().next().map_or(0, |r| r.as_ref().len());
    if k == 0 || n <= k {
        return Err(OlsError::TooFew { n, k });
    }
    let mut xtx = vec![vec![0.0; k]; k];
    let mut xty = vec![0.0; k];
    for (row, &yi) in x.clone().zip(y) {
        let row = row.as_ref();
        add_outer(&mut xtx, row, 1.0);
        for i in 0..k {
            xty[i] += row[i] * yi;
        }
    }
    let bread = inv_spd(&xtx).ok_or(OlsError::Singular)?;
    let coef: Vec<f64> = (0..k)
        .map(|i| (0..k).map(|j| bread[i][j] * xty[j]).sum())
        .collect();
    let resid: Vec<f64> = x
        .clone()
        .zip(y)
        .map(|(row, yi)| {
            yi - row
                .as_ref()
                .iter()
                .zip(&coef)
                .map(|(a, b)| a * b)
                .sum::<f64>()
        })
        .collect();
    let rss: f64 = resid.iter().map(|e| e * e).sum();
    let (nf, kf) = (n as f64, k as f64);
    let (v, df, clusters) = match cov {
        CovType::Classical => {
            let s2 = rss / (nf - kf);
            (
                bread
                    .iter()
                    .map(|r| r.iter().map(|b| b * s2).collect())
                    .collect::<Vec<Vec<f64>>>(),
                nf - kf,
                None,
            )
        }
        CovType::Hc1 => {
            let mut meat = vec![vec![0.0; k]; k];
            for (row, e) in x.zip(&resid) {
                add_outer(&mut meat, row.as_ref(), e * e);
            }
            (sandwich(&bread, &meat, nf / (nf - kf)), nf - kf, None)
        }
        CovType::Cluster(ids) => {
            let mut scores: std::collections::BTreeMap<usize, Vec<f64>> = Default::default();
            for ((row, e), g) in x.zip(&resid).zip(ids) {
                let s = scores.entry(*g).or_insert_with(|| vec![0.0; k]);
                let row = row.as_ref();
                for i in 0..k {
                    s[i] += row[i] * e;
                }
            }
            let g = scores.len();
            if g < 2 {
                return Err(OlsError::FewClusters);
            }
            let mut meat = vec![vec![0.0; k]; k];
            for s in scores.values() {
                add_outer(&mut meat, s, 1.0);
            }
            let gf = g as f64;
            let scale = gf / (gf - 1.0) * (nf - 1.0) / (nf - kf);
            (sandwich(&bread, &meat, scale), gf - 1.0, Some(g))
        }
    };
    let se: Vec<f64> = (0..k).map(|i| v[i][i].sqrt()).collect();
    let t: Vec<f64> = coef.iter().zip(&se).map(|(b, s)| b / s).collect();
    let p = t.iter().map(|&t| t_two_sided_p(t, df)).collect();
    let q = t_ppf(0.975, df);
    let ci95 = coef
        .iter()
        .zip(&se)
        .map(|(b, s)| (b - q * s, b + q * s))
        .collect();
    Ok(Ols {
        coef,
        se,
        t,
        p,
        ci95,
        df,
        n,
        k,
        clusters,
        rss,
    })
}

/// A difference-in-differences estimate with its inference.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct DidEstimate {
    pub estimate: f64,
    pub se: f64,
    pub t: f64,
    pub df: f64,
    pub p: f64,
    pub ci95: (f64, f64),
    pub n: usize,
    pub clusters: Option<usize>,
}

/// The difference-in-differences regression on unit-level data,
/// `y = β₀ + β₁·treated + β₂·post + β₃·treated×post + e`, returning β₃ with
/// standard errors of `cov` (cluster by instansi: `CovType::Cluster`).
pub fn did_regression(
    y: &[f64],
    treated: &[bool],
    post: &[bool],
    cov: &CovType,
) -> Result<DidEstimate, OlsError> {
    let x = treated.iter().zip(post).map(|(&g, &p)| {
        let (g, p) = (f64::from(u8::from(g)), f64::from(u8::from(p)));
        [1.0, g, p, g * p]
    });
    let fit = ols_rows(x, y, cov)?;
    Ok(DidEstimate {
        estimate: fit.coef[3],
        se: fit.se[3],
        t: fit.t[3],
        df: fit.df,
        p: fit.p[3],
        ci95: fit.ci95[3],
        n: fit.n,
        clusters: fit.clusters,
    })
}

/// A difference-in-differences of four independent cell means.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct DidMeans {
    /// Means of the cells: treated before, treated after, control before, control after.
    pub means: [f64; 4],
    /// `(m₁ − m₀) − (m₃ − m₂)`.
    pub estimate: f64,
    /// `√Σ s²_c / n_c`: observations independent, variances unequal
    /// (the HC2 standard error of the interaction in the saturated
    /// regression). Not clustered.
    pub se: f64,
    /// 95% normal interval, `estimate ± z₀.₉₇₅ · se`.
    pub ci95: (f64, f64),
    /// Two-sided normal p.
    pub p: f64,
    pub n: usize,
}

/// Difference-in-differences of means with its unclustered standard error.
/// `cells` = [treated before, treated after, control before, control after].
pub fn did_means(cells: [&[f64]; 4]) -> DidMeans {
    let means = cells.map(mean);
    let estimate = (means[1] - means[0]) - (means[3] - means[2]);
    let se = cells
        .iter()
        .map(|c| variance(c) / c.len() as f64)
        .sum::<f64>()
        .sqrt();
    let z = norm_ppf(0.975);
    let p = if se > 0.0 && se.is_finite() {
        normal_two_sided_p(estimate / se)
    } else {
        f64::NAN
    };
    DidMeans {
        means,
        estimate,
        se,
        ci95: (estimate - z * se, estimate + z * se),
        p,
        n: cells.iter().map(|c| c.len()).sum(),
    }
}
