//! Agreement between coders: Cohen's κ for two coders (with the asymptotic
//! variance of Fleiss, Cohen & Everitt 1969, as statsmodels computes it) and
//! Krippendorff's α for any number of coders with missing values (nominal
//! level, through the coincidence matrix of Krippendorff 2011).

use std::collections::BTreeMap;

/// Cohen's κ with its standard error and 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kappa {
    pub n: usize,
    /// Observed agreement.
    pub p_o: f64,
    /// Agreement expected by chance from the coders' margins.
    pub p_e: f64,
    pub kappa: f64,
    pub se: f64,
    pub ci95: (f64, f64),
}

/// κ of two coders' labels for the same units (any comparable labels).
/// NaN when there are no units or chance agreement is total.
pub fn cohen_kappa<T: Ord + Clone>(a: &[T], b: &[T]) -> Kappa {
    assert_eq!(a.len(), b.len(), "both coders label the same units");
    let n = a.len();
    let nan = Kappa {
        n,
        p_o: f64::NAN,
        p_e: f64::NAN,
        kappa: f64::NAN,
        se: f64::NAN,
        ci95: (f64::NAN, f64::NAN),
    };
    if n == 0 {
        return nan;
    }
    let cats: Vec<T> = {
        let mut c: Vec<T> = a.iter().chain(b).cloned().collect();
        c.sort();
        c.dedup();
        c
    };
    let k = cats.len();
    let idx = |x: &T| cats.binary_search(x).expect("a category seen above");
    let mut p = vec![vec![0.0; k]; k];
    for (x, y) in a.iter().zip(b) {
        p[idx(x)][idx(y)] += 1.0 / n as f64;
    }
    let row: Vec<f64> = (0..k).map(|i| p[i].iter().sum()).collect();
    let col: Vec<f64> = (0..k).map(|j| (0..k).map(|i| p[i][j]).sum()).collect();
    let p_o: f64 = (0..k).map(|i| p[i][i]).sum();
    let p_e: f64 = (0..k).map(|i| row[i] * col[i]).sum();
    if (1.0 - p_e).abs() < 1e-15 {
        return Kappa { p_o, p_e, ..nan };
    }
    let kappa = (p_o - p_e) / (1.0 - p_e);
    let a_term: f64 = (0..k)
        .map(|i| p[i][i] * (1.0 - (row[i] + col[i]) * (1.0 - kappa)).powi(2))
        .sum();
    let mut b_term = 0.0;
    for (i, p_i) in p.iter().enumerate() {
        for (j, p_ij) in p_i.iter().enumerate() {
            if i != j {
                b_term += p_ij * (col[i] + row[j]).powi(2);
            }
        }
    }
    b_term *= (1.0 - kappa).powi(2);
    let c_term = (kappa - p_e * (1.0 - kappa)).powi(2);
    let var = (a_term + b_term - c_term) / (1.0 - p_e).powi(2) / n as f64;
    let se = var.max(0.0).sqrt();
    let z = crate::dist::norm_ppf(0.975);
    Kappa {
        n,
        p_o,
        p_e,
        kappa,
        se,
        ci95: (kappa - z * se, kappa + z * se),
    }
}

/// Krippendorff's α at the nominal level. `data[coder][unit]`, `None` for a
/// unit the coder did not code; units coded by fewer than two coders do not
/// count. NaN when nothing is pairable or every value is the same.
pub fn krippendorff_alpha_nominal<T: Ord + Clone>(data: &[Vec<Option<T>>]) -> f64 {
    let units = data.iter().map(Vec::len).max().unwrap_or(0);
    // Coincidences o[c][k], by value.
    let mut o: BTreeMap<(T, T), f64> = BTreeMap::new();
    for u in 0..units {
        let values: Vec<&T> = data
            .iter()
            .filter_map(|coder| coder.get(u).and_then(Option::as_ref))
            .collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        for (i, c) in values.iter().enumerate() {
            for (j, k) in values.iter().enumerate() {
                if i != j {
                    *o.entry(((*c).clone(), (*k).clone())).or_default() += 1.0 / (m - 1) as f64;
                }
            }
        }
    }
    let mut n_c: BTreeMap<T, f64> = BTreeMap::new();
    for ((c, _), v) in &o {
        *n_c.entry(c.clone()).or_default() += v;
    }
    let n: f64 = n_c.values().sum();
    if n <= 1.0 {
        return f64::NAN;
    }
    let disagree: f64 = o.iter().filter(|((c, k), _)| c != k).map(|(_, v)| v).sum();
    let expected: f64 = n_c
        .iter()
        .flat_map(|(c, nc)| {
            n_c.iter()
                .filter(move |(k, _)| *k != c)
                .map(move |(_, nk)| nc * nk)
        })
        .sum();
    if expected == 0.0 {
        return f64::NAN;
    }
    1.0 - (n - 1.0) * disagree / expected
}
