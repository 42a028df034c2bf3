//! The grouped-data functions against the row-level ones (which the scipy and
//! statsmodels fixtures check): on random data, the same figures to 1e-12
//! relative, and the same bootstrap p (same weights, same cluster order).

use monev_stats::bootstrap::{WildOptions, WildWeights, wild_cluster_did};
use monev_stats::*;
use proptest::prelude::*;

fn close(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

/// Observations (cluster, post, y); a cluster is treated when its number is even.
fn observations() -> impl Strategy<Value = Vec<(usize, bool, i32)>> {
    prop::collection::vec((0usize..9, any::<bool>(), 0i32..5000), 12..300)
}

struct Rows {
    y: Vec<f64>,
    treated: Vec<bool>,
    post: Vec<bool>,
    cluster: Vec<usize>,
}

fn rows(obs: &[(usize, bool, i32)]) -> Rows {
    Rows {
        y: obs.iter().map(|o| f64::from(o.2) / 60.0).collect(),
        treated: obs.iter().map(|o| o.0 % 2 == 0).collect(),
        post: obs.iter().map(|o| o.1).collect(),
        cluster: obs.iter().map(|o| o.0).collect(),
    }
}

fn cells(obs: &[(usize, bool, i32)]) -> Vec<DidCell> {
    let mut by: std::collections::BTreeMap<(usize, bool), (u64, i64)> = Default::default();
    for o in obs {
        let e = by.entry((o.0, o.1)).or_default();
        e.0 += 1;
        e.1 += i64::from(o.2);
    }
    by.into_iter()
        .map(|((cluster, post), (n, s))| DidCell {
            cluster,
            treated: cluster % 2 == 0,
            post,
            n,
            sum: s as f64 / 60.0,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_cr1_regression_from_cells_is_the_row_regression(obs in observations()) {
        let r = rows(&obs);
        let by_rows = did_regression(&r.y, &r.treated, &r.post, &CovType::Cluster(r.cluster.clone()));
        let by_cells = did_regression_cells(&cells(&obs));
        match (by_rows, by_cells) {
            (Ok(a), Ok(b)) => {
                for (x, y, what) in [(a.estimate, b.estimate, "estimate"), (a.se, b.se, "se"), (a.t, b.t, "t"),
                    (a.p, b.p, "p"), (a.ci95.0, b.ci95.0, "ci low"), (a.ci95.1, b.ci95.1, "ci high"), (a.df, b.df, "df")] {
                    prop_assert!(close(x, y), "{what}: {x} vs {y}");
                }
                prop_assert_eq!(a.n, b.n);
                prop_assert_eq!(a.clusters, b.clusters);
            }
            (a, b) => prop_assert_eq!(a.err(), b.err()),
        }
    }

    #[test]
    fn the_wild_bootstrap_from_cells_is_the_row_bootstrap(obs in observations(), seed in any::<u64>(), webb in any::<bool>()) {
        let r = rows(&obs);
        let opts = WildOptions {
            replicates: 199,
            ..if webb { WildOptions::webb(seed) } else { WildOptions { weights: WildWeights::Rademacher, replicates: 199, seed: None, level: 0.95 } }
        };
        let by_rows = wild_cluster_did(&r.y, &r.treated, &r.post, &r.cluster, opts);
        let by_cells = wild_cluster_did_cells(&cells(&obs), opts);
        match (by_rows, by_cells) {
            (Ok(a), Ok(b)) => {
                prop_assert!(close(a.estimate, b.estimate) && close(a.se, b.se) && close(a.t, b.t));
                prop_assert_eq!(a.p, b.p);
                prop_assert!(close(a.ci95.0, b.ci95.0) && close(a.ci95.1, b.ci95.1), "{:?} vs {:?}", a.ci95, b.ci95);
                prop_assert_eq!((a.replicates, a.clusters, a.seed), (b.replicates, b.clusters, b.seed));
            }
            (a, b) => prop_assert_eq!(a.err(), b.err()),
        }
    }

    #[test]
    fn item_analysis_from_moments_is_item_analysis_from_rows(
        answers in prop::collection::vec(prop::collection::vec(prop::option::weighted(0.95, 1i64..5), 5), 0..80)
    ) {
        let rows: Vec<Vec<f64>> = answers.iter()
            .map(|r| r.iter().map(|v| v.map_or(f64::NAN, |v| v as f64)).collect())
            .collect();
        let mut m = ItemMoments::new(5);
        for r in &answers {
            if r.iter().all(Option::is_some) {
                m.add(&r.iter().map(|v| v.unwrap()).collect::<Vec<_>>());
            }
        }
        let (a, b) = (item_analysis(&rows, 0.05), item_analysis_moments(&m, 0.05));
        prop_assert_eq!((a.n, a.k), (b.n, b.k));
        // Degenerate samples (a constant item or total) give NaN or ±1 by
        // rows where exact sums give NaN: compare where the rows are defined
        // away from the edge.
        prop_assert!(close(a.alpha, b.alpha) || !a.alpha.is_finite() || a.alpha.abs() > 1e6, "alpha {} vs {}", a.alpha, b.alpha);
        prop_assert!(close(a.r_table, b.r_table));
        for (x, y) in a.items.iter().zip(&b.items) {
            if x.r_item_total_corrected.abs() < 1.0 - 1e-9 {
                prop_assert!(close(x.r_item_total_corrected, y.r_item_total_corrected), "r {} vs {}", x.r_item_total_corrected, y.r_item_total_corrected);
                prop_assert_eq!(x.valid, y.valid);
            }
            prop_assert!(close(x.alpha_if_deleted, y.alpha_if_deleted) || !x.alpha_if_deleted.is_finite() || x.alpha_if_deleted.abs() > 1e6);
        }
    }
}

#[test]
fn moments_merge_in_any_order() {
    let rows = [[1, 2, 3], [4, 4, 1], [2, 3, 3], [1, 1, 1]];
    let mut all = ItemMoments::new(3);
    rows.iter().for_each(|r| all.add(r));
    let (mut a, mut b) = (ItemMoments::new(3), ItemMoments::new(3));
    rows[..1].iter().for_each(|r| a.add(r));
    rows[1..].iter().for_each(|r| b.add(r));
    b.merge(&a);
    assert_eq!(all, b);
    assert_eq!(b.n(), 4);
}
