//! Tests on contingency tables: χ² of independence (with Yates' correction
//! on 2×2 tables, as `scipy.stats.chi2_contingency`'s default) and Fisher's
//! exact test on 2×2 tables (two-sided, as `scipy.stats.fisher_exact`).

use serde::Serialize;
use statrs::function::gamma::ln_gamma;

use crate::dist::chi2_sf;

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ChiSquare {
    pub chi2: f64,
    pub dof: usize,
    pub p: f64,
    /// Expected counts under independence, `row total · column total / n`.
    pub expected: Vec<Vec<f64>>,
    /// Whether Yates' continuity correction was applied (dof = 1).
    pub yates: bool,
    /// Cramér's V, `√(χ²/(n·(min(r, c) − 1)))`, from the uncorrected χ².
    pub cramers_v: f64,
}

/// χ² test of independence on an r × c table of counts. With one degree of
/// freedom each `|O − E|` is reduced by `min(0,5, |O − E|)` (Yates).
pub fn chi2_independence(table: &[Vec<f64>]) -> ChiSquare {
    let r = table.len();
    let c = table.first().map_or(0, Vec::len);
    let rows: Vec<f64> = table.iter().map(|row| row.iter().sum()).collect();
    let cols: Vec<f64> = (0..c)
        .map(|j| table.iter().map(|row| row[j]).sum())
        .collect();
    let n: f64 = rows.iter().sum();
    let expected: Vec<Vec<f64>> = rows
        .iter()
        .map(|ri| cols.iter().map(|cj| ri * cj / n).collect())
        .collect();
    let dof = r.saturating_sub(1) * c.saturating_sub(1);
    let yates = dof == 1;
    let (mut chi2, mut plain) = (0.0, 0.0);
    for i in 0..r {
        for j in 0..c {
            let (o, e) = (table[i][j], expected[i][j]);
            let d = (o - e).abs();
            plain += d * d / e;
            let d = if yates { d - d.min(0.5) } else { d };
            chi2 += d * d / e;
        }
    }
    let k = r.min(c) as f64 - 1.0;
    ChiSquare {
        chi2,
        dof,
        p: if dof == 0 {
            1.0
        } else {
            chi2_sf(chi2, dof as f64)
        },
        expected,
        yates,
        cramers_v: (plain / (n * k)).sqrt(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Fisher {
    /// Sample odds ratio `ad/bc` (scipy's statistic).
    pub odds_ratio: f64,
    pub p: f64,
}

/// Fisher's exact test of the 2×2 table `[[a, b], [c, d]]`, two-sided: the
/// sum of the hypergeometric probabilities of all tables with the same
/// margins that are no more likely than the one observed (relative
/// tolerance 1e-7 for ties in probability).
pub fn fisher_exact(t: [[u64; 2]; 2]) -> Fisher {
    let [[a, b], [c, d]] = t;
    let (row1, col1, n) = (a + b, a + c, a + b + c + d);
    let lnf = |k: u64| ln_gamma(k as f64 + 1.0);
    let ln_pmf = |x: u64| {
        // P(X = x) for X ~ Hypergeom(n, col1, row1)
        lnf(col1) - lnf(x) - lnf(col1 - x) + lnf(n - col1)
            - lnf(row1 - x)
            - lnf(n - col1 - row1 + x)
            - lnf(n)
            + lnf(row1)
            + lnf(n - row1)
    };
    let lo = (row1 + col1).saturating_sub(n);
    let hi = row1.min(col1);
    let observed = ln_pmf(a);
    let mut p = 0.0;
    for x in lo..=hi {
        let l = ln_pmf(x);
        if l <= observed + 1e-7 {
            p += l.exp();
        }
    }
    let odds_ratio = if b * c == 0 {
        if a * d == 0 { f64::NAN } else { f64::INFINITY }
    } else {
        (a * d) as f64 / (b * c) as f64
    };
    Fisher {
        odds_ratio,
        p: p.min(1.0),
    }
}
