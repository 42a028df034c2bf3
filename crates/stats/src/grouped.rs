//! The difference-in-differences regression and its wild cluster bootstrap
//! from grouped data: one count and one sum per (cluster, group, phase)
//! cell instead of one row per observation.
//!
//! The regressors of `y = β₀ + β₁·treated + β₂·post + β₃·treated×post` are
//! constant within a cell, so every quantity the row-level functions
//! ([`crate::did_regression`] with `CovType::Cluster`,
//! [`crate::bootstrap::wild_cluster_did`]) compute is a function of the
//! cells' counts `n` and sums `Σy`:
//! - `X'X = Σ_c n_c x_c x_c'`, `X'y = Σ_c x_c Σy_c`;
//! - the CR1 score of cluster g, `X_g'e_g = Σ_{c∈g} x_c (Σy_c − n_c ŷ_c)`;
//! - the bootstrap's `X_g'ŷ_g = Σ_{c∈g} x_c n_c ŷ_c` and `X_g'e_g` as above.
//!
//! The figures equal the row-level ones up to the order of floating-point
//! additions (the tests compare them on random data to 1e-12 relative), at a
//! cost independent of the number of observations.

use crate::bootstrap::{ClusterSums, Clustered, WildBootstrap, WildOptions};
use crate::dist::{t_ppf, t_two_sided_p};
use crate::ols::{DidEstimate, OlsError, inv_spd};

/// The observations of one cluster in one group and phase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DidCell {
    pub cluster: usize,
    pub treated: bool,
    pub post: bool,
    /// Observations.
    pub n: u64,
    /// Σ y over them.
    pub sum: f64,
}

impl DidCell {
    fn x(&self) -> [f64; 4] {
        let (g, p) = (
            f64::from(u8::from(self.treated)),
            f64::from(u8::from(self.post)),
        );
        [1.0, g, p, g * p]
    }
}

/// β, and `X'X` of the first `k` columns.
fn fit(cells: &[DidCell], k: usize) -> Result<(Vec<f64>, Vec<Vec<f64>>), OlsError> {
    let n: u64 = cells.iter().map(|c| c.n).sum();
    if n <= k as u64 {
        return Err(OlsError::TooFew { n: n as usize, k });
    }
    let mut xtx = vec![vec![0.0; k]; k];
    let mut xty = vec![0.0; k];
    for c in cells.iter().filter(|c| c.n > 0) {
        let x = c.x();
        let nf = c.n as f64;
        for i in 0..k {
            xty[i] += x[i] * c.sum;
            for j in 0..k {
                xtx[i][j] += nf * x[i] * x[j];
            }
        }
    }
    let bread = inv_spd(&xtx).ok_or(OlsError::Singular)?;
    let coef = (0..k)
        .map(|i| (0..k).map(|j| bread[i][j] * xty[j]).sum())
        .collect();
    Ok((coef, xtx))
}

fn dot(x: &[f64], b: &[f64]) -> f64 {
    x.iter().zip(b).map(|(a, b)| a * b).sum()
}

/// The clusters present (with observations), ascending, as the row-level
/// functions number them.
fn cluster_ids(cells: &[DidCell]) -> Vec<usize> {
    let mut ids: Vec<usize> = cells
        .iter()
        .filter(|c| c.n > 0)
        .map(|c| c.cluster)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// [`crate::did_regression`] with cluster-robust (CR1) errors, from cells.
pub fn did_regression_cells(cells: &[DidCell]) -> Result<DidEstimate, OlsError> {
    let k = 4;
    let (coef, xtx) = fit(cells, k)?;
    let bread = inv_spd(&xtx).ok_or(OlsError::Singular)?;
    let ids = cluster_ids(cells);
    let g = ids.len();
    if g < 2 {
        return Err(OlsError::FewClusters);
    }
    let mut scores = vec![[0.0; 4]; g];
    for c in cells.iter().filter(|c| c.n > 0) {
        let x = c.x();
        let e = c.sum - c.n as f64 * dot(&x, &coef);
        let s = &mut scores[ids.binary_search(&c.cluster).expect("known cluster")];
        for i in 0..k {
            s[i] += x[i] * e;
        }
    }
    // Row 3 of the sandwich: v₃₃ = b₃' (Σ s_g s_g') b₃.
    let b3 = &bread[3];
    let meat: f64 = scores.iter().map(|s| dot(b3, s).powi(2)).sum();
    let n: u64 = cells.iter().map(|c| c.n).sum();
    let (nf, kf, gf) = (n as f64, k as f64, g as f64);
    let scale = gf / (gf - 1.0) * (nf - 1.0) / (nf - kf);
    let se = (scale * meat).sqrt();
    let (b, df) = (coef[3], gf - 1.0);
    let t = b / se;
    let q = t_ppf(0.975, df);
    Ok(DidEstimate {
        estimate: b,
        se,
        t,
        df,
        p: t_two_sided_p(t, df),
        ci95: (b - q * se, b + q * se),
        n: n as usize,
        clusters: Some(g),
    })
}

/// [`crate::bootstrap::wild_cluster_did`] from cells: the same weights in the
/// same cluster order, so the same seed gives the same replicates.
pub fn wild_cluster_did_cells(
    cells: &[DidCell],
    opts: WildOptions,
) -> Result<WildBootstrap, OlsError> {
    let full = did_regression_cells(cells)?;
    let (coef_u, xtx_all) = fit(cells, 4)?;
    let (coef_r, _) = fit(cells, 3)?;
    let ids = cluster_ids(cells);
    let (g, k) = (ids.len(), 4);
    let zero = || vec![vec![0.0; k]; g];
    let mut xtx = vec![vec![vec![0.0; k]; k]; g];
    let mut sums = ClusterSums {
        fit_r: zero(),
        res_r: zero(),
        fit_u: zero(),
        res_u: zero(),
    };
    for c in cells.iter().filter(|c| c.n > 0) {
        let x = c.x();
        let at = ids.binary_search(&c.cluster).expect("known cluster");
        let nf = c.n as f64;
        let (yr, yu) = (dot(&x[..3], &coef_r), dot(&x, &coef_u));
        for a in 0..k {
            sums.fit_r[at][a] += x[a] * nf * yr;
            sums.res_r[at][a] += x[a] * (c.sum - nf * yr);
            sums.fit_u[at][a] += x[a] * nf * yu;
            sums.res_u[at][a] += x[a] * (c.sum - nf * yu);
            for b in 0..k {
                xtx[at][a][b] += nf * x[a] * x[b];
            }
        }
    }
    let n: u64 = cells.iter().map(|c| c.n).sum();
    let setup = Clustered::new(&xtx_all, xtx, n as f64)?;
    Ok(setup.replicate(&sums, (full.estimate, full.se, full.t), opts))
}
