//! Instrument reliability and item validity, as Indonesian evaluation
//! practice reports them.
//!
//! - Cronbach's α = k/(k−1) · (1 − Σ s²ᵢ / s²ₜ), variances with n − 1,
//!   rows with a missing answer left out (listwise).
//! - α if item deleted: α of the other k − 1 items.
//! - Corrected item–total r: Pearson r of the item with the total of the
//!   other items; valid when r exceeds the r-table value
//!   `t/√(df + t²)`, t = t₁₋α/₂,df, df = n − 2.

use serde::Serialize;

use crate::corr::pearson;
use crate::describe::variance;
use crate::dist::t_ppf;

/// Rows (respondents) with every item answered (no NaN).
fn complete(rows: &[Vec<f64>]) -> Vec<&Vec<f64>> {
    rows.iter()
        .filter(|r| r.iter().all(|v| v.is_finite()))
        .collect()
}

fn alpha_of(rows: &[&Vec<f64>], items: &[usize]) -> f64 {
    let k = items.len() as f64;
    if items.len() < 2 || rows.len() < 2 {
        return f64::NAN;
    }
    let item_var: f64 = items
        .iter()
        .map(|&i| variance(&rows.iter().map(|r| r[i]).collect::<Vec<_>>()))
        .sum();
    let totals: Vec<f64> = rows
        .iter()
        .map(|r| items.iter().map(|&i| r[i]).sum())
        .collect();
    let total_var = variance(&totals);
    if total_var == 0.0 {
        // Every respondent has the same total: α is undefined.
        return f64::NAN;
    }
    k / (k - 1.0) * (1.0 - item_var / total_var)
}

/// Cronbach's α of the items (columns) over complete rows.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> f64 {
    let rows = complete(rows);
    let k = rows.first().map_or(0, |r| r.len());
    alpha_of(&rows, &(0..k).collect::<Vec<_>>())
}

/// The critical r at two-sided level `alpha` with `n` respondents.
pub fn r_table(n: usize, alpha: f64) -> f64 {
    let df = n as f64 - 2.0;
    let t = t_ppf(1.0 - alpha / 2.0, df);
    t / (df + t * t).sqrt()
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ItemAnalysis {
    pub item: usize,
    /// Pearson r of the item with the total of the other items.
    pub r_item_total_corrected: f64,
    pub alpha_if_deleted: f64,
    /// `r_item_total_corrected > r_table`.
    pub valid: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Reliability {
    /// Complete rows used.
    pub n: usize,
    pub k: usize,
    pub alpha: f64,
    pub r_table: f64,
    pub items: Vec<ItemAnalysis>,
}

/// α, and per item its corrected item–total r, α if deleted and validity
/// at level `alpha_level` (0,05 in common practice).
pub fn item_analysis(rows: &[Vec<f64>], alpha_level: f64) -> Reliability {
    let rows = complete(rows);
    let k = rows.first().map_or(0, |r| r.len());
    let all: Vec<usize> = (0..k).collect();
    let n = rows.len();
    let rt = r_table(n, alpha_level);
    let items = (0..k)
        .map(|i| {
            let item: Vec<f64> = rows.iter().map(|r| r[i]).collect();
            let rest: Vec<f64> = rows.iter().map(|r| r.iter().sum::<f64>() - r[i]).collect();
            let others: Vec<usize> = all.iter().copied().filter(|&j| j != i).collect();
            let r = pearson(&item, &rest).r;
            ItemAnalysis {
                item: i,
                r_item_total_corrected: r,
                alpha_if_deleted: alpha_of(&rows, &others),
                valid: r > rt,
            }
        })
        .collect();
    Reliability {
        n,
        k,
        alpha: alpha_of(&rows, &all),
        r_table: rt,
        items,
    }
}

/// The sums [`item_analysis`] needs, of rows with integer answers (Likert
/// scales): the number of complete rows, Σxᵢ and Σxᵢxⱼ over them. Added
/// row by row or merged from parts, in any order, with the same result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemMoments {
    k: usize,
    n: u64,
    sum: Vec<i64>,
    /// Row-major k × k.
    cross: Vec<i64>,
}

impl ItemMoments {
    pub fn new(k: usize) -> ItemMoments {
        ItemMoments {
            k,
            n: 0,
            sum: vec![0; k],
            cross: vec![0; k * k],
        }
    }

    /// Adds one complete row (`row.len()` = k).
    pub fn add(&mut self, row: &[i64]) {
        debug_assert_eq!(row.len(), self.k);
        self.n += 1;
        for (i, &a) in row.iter().enumerate() {
            self.sum[i] += a;
            for (j, &b) in row.iter().enumerate() {
                self.cross[i * self.k + j] += a * b;
            }
        }
    }

    pub fn merge(&mut self, other: &ItemMoments) {
        debug_assert_eq!(other.k, self.k);
        self.n += other.n;
        for (a, b) in self.sum.iter_mut().zip(&other.sum) {
            *a += b;
        }
        for (a, b) in self.cross.iter_mut().zip(&other.cross) {
            *a += b;
        }
    }

    /// Complete rows.
    pub fn n(&self) -> u64 {
        self.n
    }

    /// `n Σxᵢxⱼ − Σxᵢ Σxⱼ` = n(n − 1)·cov(xᵢ, xⱼ), exact.
    fn co(&self, i: usize, j: usize) -> i128 {
        i128::from(self.n) * i128::from(self.cross[i * self.k + j])
            - i128::from(self.sum[i]) * i128::from(self.sum[j])
    }

    /// n(n − 1)·var of the total of `items`, exact.
    fn total(&self, items: &[usize]) -> i128 {
        items
            .iter()
            .flat_map(|&i| items.iter().map(move |&j| (i, j)))
            .map(|(i, j)| self.co(i, j))
            .sum()
    }

    fn alpha(&self, items: &[usize]) -> f64 {
        if items.len() < 2 || self.n < 2 {
            return f64::NAN;
        }
        let total = self.total(items);
        if total == 0 {
            return f64::NAN;
        }
        let k = items.len() as f64;
        let item: i128 = items.iter().map(|&i| self.co(i, i)).sum();
        k / (k - 1.0) * (1.0 - item as f64 / total as f64)
    }
}

/// [`item_analysis`] from [`ItemMoments`]: the same figures from exact
/// integer co-moments instead of the rows.
pub fn item_analysis_moments(m: &ItemMoments, alpha_level: f64) -> Reliability {
    let n = m.n as usize;
    let k = if n == 0 { 0 } else { m.k };
    let all: Vec<usize> = (0..k).collect();
    let rt = r_table(n, alpha_level);
    let items = (0..k)
        .map(|i| {
            let others: Vec<usize> = all.iter().copied().filter(|&j| j != i).collect();
            let cov: i128 = others.iter().map(|&j| m.co(i, j)).sum();
            let (vi, vr) = (m.co(i, i) as f64, m.total(&others) as f64);
            let r = (cov as f64 / (vi * vr).sqrt()).clamp(-1.0, 1.0);
            ItemAnalysis {
                item: i,
                r_item_total_corrected: r,
                alpha_if_deleted: m.alpha(&others),
                valid: r > rt,
            }
        })
        .collect();
    Reliability {
        n,
        k,
        alpha: m.alpha(&all),
        r_table: rt,
        items,
    }
}
