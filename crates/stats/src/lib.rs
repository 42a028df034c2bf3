//! Pure statistics for monev.
//!
//! Every function documents its formula and the reference it matches. The
//! distributions come from `statrs`; the tests, effect sizes, reliability,
//! multiple-comparison adjustments, regression and sample sizes are ours and
//! are checked against scipy and statsmodels (`reference/stats_fixtures.py`
//! writes `tests/fixtures/scipy.json`, committed, so `cargo test` needs no
//! Python).
//!
//! Architecture invariant: no I/O, no async, no database or file types; inputs
//! are slices of `f64`, outputs plain structs. Degenerate input (too few
//! values, zero variance) yields `NaN`, never a panic: callers decide how to
//! say "not computable".

pub mod agreement;
pub mod bootstrap;
pub mod corr;
pub mod describe;
pub mod dist;
pub mod effect;
pub mod funnel;
pub mod grouped;
pub mod multiple;
pub mod ols;
pub mod rank;
pub mod reliability;
pub mod rng;
pub mod run;
pub mod sample;
pub mod table;
pub mod ttest;

pub use agreement::{Kappa, cohen_kappa, krippendorff_alpha_nominal};
pub use corr::{Correlation, pearson, spearman};
pub use describe::{
    Summary, mean, mean_ci, median, quantile, quantile_sorted, sd, summary, variance,
};
pub use dist::{normal_two_sided_p, t_quantile, t_two_sided_p};
pub use effect::{Effect, cohen_d, cohen_dz, hake_category, hedges_g, n_gain};
pub use grouped::{DidCell, did_regression_cells, wild_cluster_did_cells};
pub use multiple::{benjamini_hochberg, holm};
pub use ols::{
    CovType, DidEstimate, DidMeans, Ols, OlsError, did_means, did_regression, ols, ols_rows,
};
pub use rank::{
    MannWhitney, MannWhitneyMethod, Wilcoxon, WilcoxonMethod, mann_whitney_u, rank_average,
    signed_rank_pmf, wilcoxon_signed_rank,
};
pub use reliability::{
    ItemAnalysis, ItemMoments, Reliability, cronbach_alpha, item_analysis, item_analysis_moments,
    r_table,
};
pub use table::{ChiSquare, Fisher, chi2_independence, fisher_exact};
pub use ttest::{TTest, one_sample_t, paired_t, student_t, welch_t};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rank::signed_rank_pmf;

    #[test]
    fn quantile_type7() {
        let x = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&x, 0.5), 2.5);
        assert!((quantile(&x, 0.9) - 3.7).abs() < 1e-12);
        assert_eq!(quantile(&[5.0], 0.9), 5.0);
        assert!(quantile(&[], 0.5).is_nan());
    }

    #[test]
    fn pmf_sums_to_one_and_is_symmetric() {
        for n in [1, 2, 5, 20, 50] {
            let p = signed_rank_pmf(n);
            assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            for k in 0..p.len() {
                assert_eq!(p[k], p[p.len() - 1 - k]);
            }
        }
        // n = 3: sums 0..6 occur 1,1,1,2,1,1,1 times out of 8.
        assert_eq!(
            signed_rank_pmf(3),
            vec![0.125, 0.125, 0.125, 0.25, 0.125, 0.125, 0.125]
        );
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        let t = paired_t(&[1.0], &[2.0]);
        assert!(t.t.is_nan() && t.p.is_nan());
        let t = paired_t(&[1.0, 2.0], &[2.0, 3.0]);
        assert_eq!(t.t, f64::INFINITY);
        assert_eq!(t.p, 0.0);
        let w = wilcoxon_signed_rank(&[1.0, 2.0], &[1.0, 2.0]);
        assert!(w.p.is_nan());
        assert!(cohen_dz(&[1.0, 2.0], &[2.0, 3.0]).value.is_nan());
        assert_eq!(n_gain(100.0, 100.0, 100.0), None);
        assert_eq!(n_gain(50.0, 75.0, 100.0), Some(0.5));
    }
}
