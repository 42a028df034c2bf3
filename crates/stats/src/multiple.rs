//! Adjusting a family of p-values for multiple comparisons, as
//! `statsmodels.stats.multitest.multipletests` with `method="holm"` and
//! `method="fdr_bh"`. NaN p-values are passed through and not counted.

fn finite_order(p: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..p.len()).filter(|&i| p[i].is_finite()).collect();
    idx.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    idx
}

/// Holm's step-down adjustment: `p̃₍ᵢ₎ = maxⱼ≤ᵢ min(1, (m − j + 1) p₍ⱼ₎)`.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let idx = finite_order(p);
    let m = idx.len() as f64;
    let mut out = p.to_vec();
    let mut running: f64 = 0.0;
    for (j, &i) in idx.iter().enumerate() {
        running = running.max(((m - j as f64) * p[i]).min(1.0));
        out[i] = running;
    }
    out
}

/// Benjamini–Hochberg step-up adjustment (false discovery rate):
/// `p̃₍ᵢ₎ = minⱼ≥ᵢ min(1, m p₍ⱼ₎ / j)`.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let idx = finite_order(p);
    let m = idx.len() as f64;
    let mut out = p.to_vec();
    let mut running: f64 = 1.0;
    for (j, &i) in idx.iter().enumerate().rev() {
        running = running.min((m * p[i] / (j as f64 + 1.0)).min(1.0));
        out[i] = running;
    }
    out
}
