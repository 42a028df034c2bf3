//! Bootstrap intervals, seeded and reproducible.
//!
//! - Percentile and BCa intervals for a statistic of one sample (Efron &
//!   Tibshirani 1993, ch. 14; the same formulas as `scipy.stats.bootstrap`):
//!   BCa bias `z₀ = Φ⁻¹((#{θ*_b < θ̂} + #{θ*_b ≤ θ̂})/2B)`, acceleration from the jackknife
//!   `a = Σ(θ̄₍.₎ − θ₍ᵢ₎)³ / (6[Σ(θ̄₍.₎ − θ₍ᵢ₎)²]^{3/2})`, limits at
//!   `Φ(z₀ + (z₀ + z_α)/(1 − a(z₀ + z_α)))`; quantiles of type 7.
//! - The wild cluster bootstrap of a difference-in-differences for few
//!   clusters (Cameron, Gelbach & Miller 2008; Webb 2014): p from the
//!   restricted bootstrap (WCR, null β₃ = 0 imposed), interval from the
//!   unrestricted one (WCU, symmetric percentile-t); both with CR1 t
//!   statistics; weights per cluster, Webb's six points ±√½, ±1, ±√(3/2)
//!   or Rademacher ±1. Each replicate costs O(G·k²) from per-cluster
//!   cross-products, whatever the number of observations.

use serde::Serialize;

use crate::describe::{mean, quantile};
use crate::dist::{norm_cdf, norm_ppf};
use crate::ols::{CovType, OlsError, inv_spd, ols_rows};
use crate::rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BootstrapCi {
    pub estimate: f64,
    pub percentile: (f64, f64),
    pub bca: (f64, f64),
    pub replicates: usize,
    pub seed: u64,
}

/// Percentile interval: the (1 − level)/2 and (1 + level)/2 quantiles of the replicates.
pub fn percentile_interval(replicates: &[f64], level: f64) -> (f64, f64) {
    let a = (1.0 - level) / 2.0;
    (quantile(replicates, a), quantile(replicates, 1.0 - a))
}

/// Leave-one-out values of the statistic.
pub fn jackknife(data: &[f64], statistic: &dyn Fn(&[f64]) -> f64) -> Vec<f64> {
    let mut buf = Vec::with_capacity(data.len().saturating_sub(1));
    (0..data.len())
        .map(|i| {
            buf.clear();
            buf.extend(data[..i].iter().chain(&data[i + 1..]));
            statistic(&buf)
        })
        .collect()
}

/// BCa interval from the replicates and the jackknife values.
pub fn bca_interval(theta_hat: f64, replicates: &[f64], jack: &[f64], level: f64) -> (f64, f64) {
    // Ties count half, as scipy's `_percentile_of_score` (kind "mean").
    let lt = replicates.iter().filter(|&&t| t < theta_hat).count();
    let le = replicates.iter().filter(|&&t| t <= theta_hat).count();
    let z0 = norm_ppf((lt + le) as f64 / (2 * replicates.len()) as f64);
    let jm = mean(jack);
    let num: f64 = jack.iter().map(|t| (jm - t).powi(3)).sum();
    let den: f64 = jack.iter().map(|t| (jm - t).powi(2)).sum::<f64>().powf(1.5);
    let a = num / (6.0 * den);
    let adjust = |alpha: f64| {
        let z = norm_ppf(alpha);
        norm_cdf(z0 + (z0 + z) / (1.0 - a * (z0 + z)))
    };
    let half = (1.0 - level) / 2.0;
    (
        quantile(replicates, adjust(half)),
        quantile(replicates, adjust(1.0 - half)),
    )
}

/// Resamples `data` with replacement `replicates` times (seeded) and returns
/// the percentile and BCa intervals of `statistic`.
pub fn bootstrap(
    data: &[f64],
    statistic: &dyn Fn(&[f64]) -> f64,
    replicates: usize,
    seed: u64,
    level: f64,
) -> BootstrapCi {
    let theta = statistic(data);
    let mut rng = Rng::new(seed);
    let mut sample = vec![0.0; data.len()];
    let reps: Vec<f64> = (0..replicates)
        .map(|_| {
            for s in sample.iter_mut() {
                *s = data[rng.below(data.len())];
            }
            statistic(&sample)
        })
        .collect();
    BootstrapCi {
        estimate: theta,
        percentile: percentile_interval(&reps, level),
        bca: bca_interval(theta, &reps, &jackknife(data, statistic), level),
        replicates,
        seed,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WildWeights {
    Webb,
    Rademacher,
}

impl WildWeights {
    fn draw(self, rng: &mut Rng) -> f64 {
        match self {
            WildWeights::Rademacher => {
                if rng.chance(0.5) {
                    1.0
                } else {
                    -1.0
                }
            }
            WildWeights::Webb => {
                const W: [f64; 6] = [
                    -1.224_744_871_391_589,
                    -1.0,
                    -std::f64::consts::FRAC_1_SQRT_2,
                    std::f64::consts::FRAC_1_SQRT_2,
                    1.0,
                    1.224_744_871_391_589,
                ];
                W[rng.below(6)]
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WildBootstrap {
    pub estimate: f64,
    /// CR1 standard error of the estimate.
    pub se: f64,
    /// CR1 t statistic.
    pub t: f64,
    /// Share of restricted-bootstrap |t*| at least |t| (with random draws,
    /// `(1 + #)/(B + 1)`).
    pub p: f64,
    /// β̂ ± c·se, c the `level` quantile of the unrestricted |t*|.
    pub ci95: (f64, f64),
    pub replicates: usize,
    pub clusters: usize,
    pub weights: WildWeights,
    /// `None` when every sign pattern was enumerated.
    pub seed: Option<u64>,
}

/// Per-cluster cross-products of a fixed design, so that each bootstrap
/// replicate is a sum over clusters rather than a pass over the data.
pub(crate) struct Clustered {
    bread: Vec<Vec<f64>>,
    /// X_g'X_g
    xtx: Vec<Vec<Vec<f64>>>,
    n: f64,
    k: usize,
}

impl Clustered {
    /// CR1 t of coefficient `j` for `y* = ŷ + w_g e` given cluster sums
    /// `fit_g = X_g'ŷ_g` and `res_g = X_g'e_g`.
    fn t_stat(&self, fit: &[Vec<f64>], res: &[Vec<f64>], w: &[f64], j: usize, null: f64) -> f64 {
        let k = self.k;
        let g = fit.len();
        let mut xty = vec![0.0; k];
        for c in 0..g {
            for i in 0..k {
                xty[i] += fit[c][i] + w[c] * res[c][i];
            }
        }
        let beta: Vec<f64> = (0..k)
            .map(|i| (0..k).map(|m| self.bread[i][m] * xty[m]).sum())
            .collect();
        // Row j of the sandwich only: v_jj = b_j' (Σ s_g s_g') b_j with b_j row j of the bread.
        let bj = &self.bread[j];
        let mut meat = 0.0;
        for c in 0..g {
            let s: f64 = (0..k)
                .map(|i| {
                    let score = fit[c][i] + w[c] * res[c][i]
                        - (0..k).map(|m| self.xtx[c][i][m] * beta[m]).sum::<f64>();
                    bj[i] * score
                })
                .sum();
            meat += s * s;
        }
        let gf = g as f64;
        let scale = gf / (gf - 1.0) * (self.n - 1.0) / (self.n - k as f64);
        (beta[j] - null) / (scale * meat).sqrt()
    }
}

/// Wild cluster bootstrap of the DiD coefficient in
/// `y = β₀ + β₁·treated + β₂·post + β₃·treated×post`. With `seed: None` and
/// Rademacher weights every one of the 2^G sign patterns is used (exact, for
/// G ≤ 16); otherwise `replicates` seeded draws.
/// How to run a wild cluster bootstrap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WildOptions {
    pub weights: WildWeights,
    /// Draws, when not enumerating.
    pub replicates: usize,
    /// `None` with Rademacher weights: enumerate all 2^G patterns.
    pub seed: Option<u64>,
    /// Coverage of the interval (0,95).
    pub level: f64,
}

impl WildOptions {
    /// Webb weights, 9 999 seeded draws, 95% interval.
    pub fn webb(seed: u64) -> WildOptions {
        WildOptions {
            weights: WildWeights::Webb,
            replicates: 9_999,
            seed: Some(seed),
            level: 0.95,
        }
    }
}

pub fn wild_cluster_did(
    y: &[f64],
    treated: &[bool],
    post: &[bool],
    cluster: &[usize],
    opts: WildOptions,
) -> Result<WildBootstrap, OlsError> {
    let row = |i: usize| {
        let (g, p) = (
            f64::from(u8::from(treated[i])),
            f64::from(u8::from(post[i])),
        );
        [1.0, g, p, g * p]
    };
    // The design is four columns computed from two flags: produced row by
    // row, never held (millions of queue tickets).
    let full = ols_rows(
        (0..y.len()).map(row),
        y,
        &CovType::Cluster(cluster.to_vec()),
    )?;
    let restricted = ols_rows(
        (0..y.len()).map(|i| {
            let r = row(i);
            [r[0], r[1], r[2]]
        }),
        y,
        &CovType::Classical,
    )?;

    // Cluster index 0..G and per-cluster sums.
    let ids: Vec<usize> = cluster
        .iter()
        .copied()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let g = ids.len();
    let k = 4;
    let pos = |c: usize| ids.binary_search(&c).expect("known cluster");
    let mut xtx = vec![vec![vec![0.0; k]; k]; g];
    let (mut fit_r, mut res_r) = (vec![vec![0.0; k]; g], vec![vec![0.0; k]; g]);
    let (mut fit_u, mut res_u) = (vec![vec![0.0; k]; g], vec![vec![0.0; k]; g]);
    let mut xtx_all = vec![vec![0.0; k]; k];
    for i in 0..y.len() {
        let xi = row(i);
        let c = pos(cluster[i]);
        let yr: f64 = xi[..3]
            .iter()
            .zip(&restricted.coef)
            .map(|(a, b)| a * b)
            .sum();
        let yu: f64 = xi.iter().zip(&full.coef).map(|(a, b)| a * b).sum();
        for a in 0..k {
            fit_r[c][a] += xi[a] * yr;
            res_r[c][a] += xi[a] * (y[i] - yr);
            fit_u[c][a] += xi[a] * yu;
            res_u[c][a] += xi[a] * (y[i] - yu);
            for b in 0..k {
                xtx[c][a][b] += xi[a] * xi[b];
                xtx_all[a][b] += xi[a] * xi[b];
            }
        }
    }
    let setup = Clustered::new(&xtx_all, xtx, y.len() as f64)?;
    Ok(setup.replicate(
        &ClusterSums {
            fit_r,
            res_r,
            fit_u,
            res_u,
        },
        (full.coef[3], full.se[3], full.t[3]),
        opts,
    ))
}

/// `X_g'ŷ_g` and `X_g'e_g` per cluster, of the restricted (`_r`) and the
/// unrestricted (`_u`) fit.
pub(crate) struct ClusterSums {
    pub fit_r: Vec<Vec<f64>>,
    pub res_r: Vec<Vec<f64>>,
    pub fit_u: Vec<Vec<f64>>,
    pub res_u: Vec<Vec<f64>>,
}

impl Clustered {
    pub(crate) fn new(
        xtx_all: &[Vec<f64>],
        xtx: Vec<Vec<Vec<f64>>>,
        n: f64,
    ) -> Result<Clustered, OlsError> {
        Ok(Clustered {
            bread: inv_spd(xtx_all).ok_or(OlsError::Singular)?,
            k: xtx_all.len(),
            xtx,
            n,
        })
    }

    /// The replicates, given the per-cluster sums and the observed
    /// `(β̂₃, se, t)` of the unrestricted CR1 fit.
    pub(crate) fn replicate(
        &self,
        sums: &ClusterSums,
        (b, se, t_obs): (f64, f64, f64),
        opts: WildOptions,
    ) -> WildBootstrap {
        let WildOptions {
            weights,
            replicates,
            seed,
            level,
        } = opts;
        let ClusterSums {
            fit_r,
            res_r,
            fit_u,
            res_u,
        } = sums;
        let g = fit_r.len();
        let setup = self;
        let patterns: Vec<Vec<f64>> = match (weights, seed) {
            (WildWeights::Rademacher, None) if g <= 16 => (0..1usize << g)
                .map(|m| {
                    (0..g)
                        .map(|c| if m >> c & 1 == 1 { 1.0 } else { -1.0 })
                        .collect()
                })
                .collect(),
            _ => {
                let mut rng = Rng::new(seed.unwrap_or(0));
                (0..replicates)
                    .map(|_| (0..g).map(|_| weights.draw(&mut rng)).collect())
                    .collect()
            }
        };
        let mut exceed = 0usize;
        let mut abs_t: Vec<f64> = Vec::with_capacity(patterns.len());
        for w in &patterns {
            let tr = setup.t_stat(fit_r, res_r, w, 3, 0.0);
            // Ties count: the identity pattern and its negation reproduce
            // |t| exactly in exact arithmetic, and in floating point up to
            // the cancellation in β̂₃ (a difference of cell means), which
            // grows as β̂₃ shrinks beside them; 1e-9 relative holds that,
            // and is far below any difference a p-value could mean.
            if tr.abs() >= t_obs.abs() * (1.0 - 1e-9) {
                exceed += 1;
            }
            abs_t.push(setup.t_stat(fit_u, res_u, w, 3, b).abs());
        }
        let c = quantile(&abs_t, level);
        let enumerated = matches!((weights, seed), (WildWeights::Rademacher, None)) && g <= 16;
        // Enumeration counts the identity pattern, which reproduces t itself;
        // random draws add it explicitly: p = (1 + #{|t*| ≥ |t|}) / (B + 1),
        // never zero (Davison & Hinkley 1997, eq. 4.11).
        let p = if enumerated {
            exceed as f64 / patterns.len() as f64
        } else {
            (exceed + 1) as f64 / (patterns.len() + 1) as f64
        };
        WildBootstrap {
            estimate: b,
            se,
            t: t_obs,
            p,
            ci95: (b - c * se, b + c * se),
            replicates: patterns.len(),
            clusters: g,
            weights,
            seed: if matches!((weights, seed), (WildWeights::Rademacher, None)) && g <= 16 {
                None
            } else {
                seed
            },
        }
    }
}
