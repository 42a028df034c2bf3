//! Difference-in-differences on unit-level data (queue tickets, SKM
//! respondents), with errors clustered by instansi.
//!
//! The estimate is β₃ of `y = β₀ + β₁·intervensi + β₂·sesudah + β₃·intervensi×sesudah`
//! (equal to the difference of the four cell means). Inference:
//! - 30 or more instansi: CR1 cluster-robust standard error, t with G − 1 df;
//! - fewer: the wild cluster bootstrap with Webb weights (seeded; p from
//!   the restricted bootstrap, interval from the unrestricted percentile-t),
//!   because CR1 with few clusters rejects too often. The CR1 standard
//!   error is still reported.

use std::collections::BTreeSet;

use monev_domain::Kelompok;
use monev_stats as stats;
use serde::Serialize;

use crate::{Config, Fase};

/// Observations for one difference-in-differences.
#[derive(Debug, Default)]
pub struct DidData {
    y: Vec<f64>,
    treated: Vec<bool>,
    post: Vec<bool>,
    cluster: Vec<usize>,
}

impl DidData {
    pub fn push(&mut self, y: f64, k: Kelompok, f: Fase, cluster: usize) {
        self.y.push(y);
        self.treated.push(k == Kelompok::Intervensi);
        self.post.push(f == Fase::Sesudah);
        self.cluster.push(cluster);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DidMethod {
    /// CR1 cluster-robust SE, t(G − 1).
    KlasterCr1,
    /// Wild cluster bootstrap, Webb weights.
    WildClusterBootstrapWebb,
    /// Not computable (a cell is empty, or fewer than two instansi).
    TidakDapatDihitung,
}

/// The inference of a difference-in-differences; the estimate itself sits
/// beside it under a name with its unit (`estimasi_menit`, `estimasi_poin`).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DidInference {
    /// CR1 cluster-robust standard error.
    pub se: f64,
    pub ci95_bawah: f64,
    pub ci95_atas: f64,
    pub p: f64,
    pub metode: DidMethod,
    /// Number of distinct instansi (clusters).
    pub klaster: usize,
    /// Instansi with observations of each group (a unit may count in both).
    pub klaster_intervensi: usize,
    pub klaster_pembanding: usize,
    /// Bootstrap replicates and seed, when the bootstrap was used.
    pub replikasi: Option<usize>,
    pub seed: Option<u64>,
    /// Means of the cells: intervensi before/after, pembanding before/after.
    pub intervensi_sebelum: f64,
    pub intervensi_sesudah: f64,
    pub pembanding_sebelum: f64,
    pub pembanding_sesudah: f64,
    pub n: usize,
    /// Fewer than three instansi in a kelompok, or fewer than 10
    /// observations in a cell: the result should not be stated flatly.
    pub rapuh: bool,
}

/// Estimates the difference-in-differences and its inference.
pub fn estimate(d: &DidData, cfg: &Config) -> (f64, DidInference) {
    let mut cells: [Vec<f64>; 4] = Default::default();
    let mut clusters = [BTreeSet::new(), BTreeSet::new()];
    for i in 0..d.y.len() {
        let c = usize::from(!d.treated[i]) * 2 + usize::from(d.post[i]);
        cells[c].push(d.y[i]);
        clusters[usize::from(!d.treated[i])].insert(d.cluster[i]);
    }
    let four = Four {
        means: [0, 1, 2, 3].map(|c| stats::mean(&cells[c])),
        sizes: [0, 1, 2, 3].map(|c| cells[c].len() as u64),
        clusters,
    };
    drop(cells);
    infer(
        four,
        cfg,
        || {
            stats::did_regression(
                &d.y,
                &d.treated,
                &d.post,
                &stats::CovType::Cluster(d.cluster.clone()),
            )
        },
        |opts| stats::bootstrap::wild_cluster_did(&d.y, &d.treated, &d.post, &d.cluster, opts),
    )
}

/// [`estimate`] from grouped data: one [`stats::DidCell`] per (instansi,
/// phase) with its count and sum (the regressors are constant within it).
/// The figures equal [`estimate`]'s on the same observations up to the
/// order of additions.
pub fn estimate_cells(cells: &[stats::DidCell], cfg: &Config) -> (f64, DidInference) {
    let (mut sums, mut sizes) = ([0.0f64; 4], [0u64; 4]);
    let mut clusters = [BTreeSet::new(), BTreeSet::new()];
    for c in cells.iter().filter(|c| c.n > 0) {
        let at = usize::from(!c.treated) * 2 + usize::from(c.post);
        sums[at] += c.sum;
        sizes[at] += c.n;
        clusters[usize::from(!c.treated)].insert(c.cluster);
    }
    let means = [0, 1, 2, 3].map(|c| {
        if sizes[c] == 0 {
            f64::NAN
        } else {
            sums[c] / sizes[c] as f64
        }
    });
    infer(
        Four {
            means,
            sizes,
            clusters,
        },
        cfg,
        || stats::did_regression_cells(cells),
        |opts| stats::wild_cluster_did_cells(cells, opts),
    )
}

/// The four cells (intervensi before/after, pembanding before/after) and
/// the clusters of each group: what both paths compute before inference.
struct Four {
    means: [f64; 4],
    sizes: [u64; 4],
    clusters: [BTreeSet<usize>; 2],
}

/// The estimate and its inference: CR1 with 30 or more instansi, the wild
/// cluster bootstrap below, nothing when a cell is empty.
fn infer(
    Four {
        means,
        sizes,
        clusters,
    }: Four,
    cfg: &Config,
    cr1: impl FnOnce() -> Result<stats::DidEstimate, stats::OlsError>,
    wild: impl FnOnce(
        stats::bootstrap::WildOptions,
    ) -> Result<stats::bootstrap::WildBootstrap, stats::OlsError>,
) -> (f64, DidInference) {
    let (ki, kp) = (clusters[0].len(), clusters[1].len());
    // Distinct instansi: a unit can hold both groups (participants and not).
    let g = clusters[0].union(&clusters[1]).count();
    let rapuh = ki < 3 || kp < 3 || sizes.iter().any(|&n| n < 10);
    let mut uji = DidInference {
        se: f64::NAN,
        ci95_bawah: f64::NAN,
        ci95_atas: f64::NAN,
        p: f64::NAN,
        metode: DidMethod::TidakDapatDihitung,
        klaster: g,
        klaster_intervensi: ki,
        klaster_pembanding: kp,
        replikasi: None,
        seed: None,
        intervensi_sebelum: means[0],
        intervensi_sesudah: means[1],
        pembanding_sebelum: means[2],
        pembanding_sesudah: means[3],
        n: sizes.iter().sum::<u64>() as usize,
        rapuh,
    };
    let estimate = (means[1] - means[0]) - (means[3] - means[2]);
    if sizes.contains(&0) || g < 2 {
        return (estimate, uji);
    }
    let Ok(cr1) = cr1() else {
        return (estimate, uji);
    };
    uji.se = cr1.se;
    if g >= cfg.min_klaster_tanpa_bootstrap {
        uji.metode = DidMethod::KlasterCr1;
        uji.p = cr1.p;
        (uji.ci95_bawah, uji.ci95_atas) = cr1.ci95;
        return (cr1.estimate, uji);
    }
    let opts = stats::bootstrap::WildOptions {
        replicates: cfg.bootstrap_replikasi,
        ..stats::bootstrap::WildOptions::webb(cfg.seed)
    };
    if let Ok(w) = wild(opts) {
        uji.metode = DidMethod::WildClusterBootstrapWebb;
        uji.p = w.p;
        (uji.ci95_bawah, uji.ci95_atas) = w.ci95;
        uji.replikasi = Some(w.replicates);
        uji.seed = w.seed;
    }
    (cr1.estimate, uji)
}
