//! Invariants that hold for any data: what the fixtures cannot enumerate.

use monev_stats::*;
use proptest::prelude::*;

fn sample(min: usize, max: usize) -> impl Strategy<Value = Vec<f64>> {
    // Values on a 0,1 grid: ties happen, as in real scores.
    prop::collection::vec((0i32..400).prop_map(|v| f64::from(v) / 10.0), min..max)
}

fn close(a: f64, b: f64) -> bool {
    // Equal infinities are close (a constant non-zero difference gives t = ±∞,
    // as scipy does); ∞ − ∞ is NaN, so they need saying.
    a == b || (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn is_p(p: f64) -> bool {
    p.is_nan() || (0.0..=1.0).contains(&p)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn t_tests_are_shift_and_scale_invariant(a in sample(2, 40), b in sample(2, 40), shift in -50.0f64..50.0, scale in 0.1f64..10.0) {
        let tr = |x: &[f64]| x.iter().map(|v| v * scale + shift).collect::<Vec<_>>();
        for (f, name) in [(student_t as fn(&[f64], &[f64]) -> TTest, "student"), (welch_t, "welch")] {
            let (r, s) = (f(&a, &b), f(&tr(&a), &tr(&b)));
            prop_assert!(close(r.t, s.t), "{name}: {} vs {}", r.t, s.t);
            prop_assert!(is_p(r.p), "{name} p {}", r.p);
            let swapped = f(&b, &a);
            prop_assert!(close(r.t, -swapped.t) && close(r.p, swapped.p), "{name} symmetry");
        }
    }

    #[test]
    fn paired_tests_are_symmetric(pairs in prop::collection::vec((0i32..100, 0i32..100), 2..60)) {
        let before: Vec<f64> = pairs.iter().map(|p| f64::from(p.0)).collect();
        let after: Vec<f64> = pairs.iter().map(|p| f64::from(p.1)).collect();
        let (t, u) = (paired_t(&before, &after), paired_t(&after, &before));
        prop_assert!(close(t.t, -u.t) && close(t.p, u.p) && is_p(t.p));
        let (w, v) = (wilcoxon_signed_rank(&before, &after), wilcoxon_signed_rank(&after, &before));
        prop_assert!(close(w.p, v.p) && close(w.statistic, v.statistic) && is_p(w.p));
    }

    #[test]
    fn a_constant_difference_is_infinitely_significant_both_ways(d in 1i32..20, n in 2usize..10) {
        let before: Vec<f64> = (0..n).map(|i| i as f64 * 3.0).collect();
        let after: Vec<f64> = before.iter().map(|b| b + f64::from(d)).collect();
        let (t, u) = (paired_t(&before, &after), paired_t(&after, &before));
        prop_assert!(t.t == f64::INFINITY && u.t == f64::NEG_INFINITY, "{} {}", t.t, u.t);
        prop_assert!(t.p == 0.0 && u.p == 0.0);
    }

    #[test]
    fn mann_whitney_is_symmetric_and_rank_based(a in sample(1, 30), b in sample(1, 30)) {
        let (r, s) = (mann_whitney_u(&a, &b), mann_whitney_u(&b, &a));
        prop_assert!(close(r.p, s.p) && is_p(r.p));
        prop_assert!(close(r.u1 + s.u1, (a.len() * b.len()) as f64));
        // A monotone transform changes no rank.
        let cube = |x: &[f64]| x.iter().map(|v| v * v * v + 1.0).collect::<Vec<_>>();
        prop_assert!(close(r.p, mann_whitney_u(&cube(&a), &cube(&b)).p));
    }

    #[test]
    fn correlations_are_bounded_and_invariant(xy in prop::collection::vec((0i32..50, 0i32..50), 3..80), scale in 0.5f64..4.0) {
        let x: Vec<f64> = xy.iter().map(|p| f64::from(p.0)).collect();
        let y: Vec<f64> = xy.iter().map(|p| f64::from(p.1)).collect();
        let p = pearson(&x, &y);
        prop_assert!(p.r.is_nan() || (-1.0..=1.0).contains(&p.r));
        prop_assert!(is_p(p.p));
        let xs: Vec<f64> = x.iter().map(|v| v * scale - 3.0).collect();
        prop_assert!(close(p.r, pearson(&xs, &y).r));
        let xe: Vec<f64> = x.iter().map(|v| v.exp()).collect();
        prop_assert!(close(spearman(&x, &y).r, spearman(&xe, &y).r));
    }

    #[test]
    fn adjustments_keep_order_and_bounds(p in prop::collection::vec(0.0f64..1.0, 1..30)) {
        let (h, b) = (holm(&p), benjamini_hochberg(&p));
        for i in 0..p.len() {
            prop_assert!(h[i] >= p[i] - 1e-15 && h[i] <= 1.0 && b[i] >= p[i] - 1e-15 && b[i] <= h[i] + 1e-15);
            for j in 0..p.len() {
                if p[i] < p[j] {
                    prop_assert!(h[i] <= h[j] && b[i] <= b[j]);
                }
            }
        }
    }

    #[test]
    fn quantiles_are_monotone_and_bounded(x in sample(1, 50), p in 0.0f64..1.0, q in 0.0f64..1.0) {
        let (lo, hi) = (p.min(q), p.max(q));
        let (a, b) = (quantile(&x, lo), quantile(&x, hi));
        let min = x.iter().copied().fold(f64::INFINITY, f64::min);
        let max = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        prop_assert!(a <= b && min <= a && b <= max);
    }

    #[test]
    fn alpha_ignores_item_shifts(rows in prop::collection::vec(prop::collection::vec(1i32..6, 4), 3..40), shift in -3.0f64..3.0) {
        let rows: Vec<Vec<f64>> = rows.iter().map(|r| r.iter().map(|v| f64::from(*v)).collect()).collect();
        let shifted: Vec<Vec<f64>> = rows.iter().map(|r| r.iter().map(|v| v + shift).collect()).collect();
        prop_assert!(close(cronbach_alpha(&rows), cronbach_alpha(&shifted)));
    }
}

#[test]
fn bootstraps_are_reproducible_by_seed() {
    use monev_stats::bootstrap::*;
    let x: Vec<f64> = (0..60)
        .map(|i| f64::from(i % 7) * 1.5 + f64::from(i) / 10.0)
        .collect();
    let m = |s: &[f64]| mean(s);
    let (a, b) = (
        bootstrap(&x, &m, 999, 7, 0.95),
        bootstrap(&x, &m, 999, 7, 0.95),
    );
    assert_eq!(a, b);
    let c = bootstrap(&x, &m, 999, 8, 0.95);
    assert_ne!(a.percentile, c.percentile);
    assert!(a.percentile.0 < a.estimate && a.estimate < a.percentile.1);
    assert!(a.bca.0 < a.estimate && a.estimate < a.bca.1);

    // Webb weights, seeded: the same seed gives the same p; a large effect is found.
    let unit: Vec<usize> = (0..240).map(|i| i / 20).collect();
    let treated: Vec<bool> = unit.iter().map(|u| u % 2 == 0).collect();
    let post: Vec<bool> = (0..240).map(|i| i % 3 == 0).collect();
    let y: Vec<f64> = (0..240)
        .map(|i| {
            10.0 + f64::from(u8::from(treated[i] && post[i])) * 8.0 + ((i * 37 % 11) as f64 - 5.0)
        })
        .collect();
    let w1 = wild_cluster_did(
        &y,
        &treated,
        &post,
        &unit,
        WildOptions {
            replicates: 999,
            ..WildOptions::webb(3)
        },
    )
    .unwrap();
    let w2 = wild_cluster_did(
        &y,
        &treated,
        &post,
        &unit,
        WildOptions {
            replicates: 999,
            ..WildOptions::webb(3)
        },
    )
    .unwrap();
    assert_eq!(w1, w2);
    assert!(w1.p < 0.05 && w1.ci95.0 > 0.0, "{w1:?}");
    assert!((0.0..=1.0).contains(&w1.p));
}
