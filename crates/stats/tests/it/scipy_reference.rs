//! Checks monev-stats against vectors computed by scipy/numpy
//! (`reference/stats_fixtures.py`, output committed in `fixtures/scipy.json`).

use monev_stats::*;
use serde_json::Value;

fn fixtures() -> Value {
    serde_json::from_str(include_str!("../fixtures/scipy.json")).unwrap()
}

fn vec(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// Relative closeness, with `None` (scipy's NaN/inf) matching non-finite.
/// Besides the relative tolerance, 1e-10 absolute is accepted for
/// probabilities (the issue's bound for p-values).
fn close(ours: f64, theirs: &Value, rel: f64, what: &str) {
    match theirs.as_f64() {
        None => assert!(!ours.is_finite(), "{what}: expected non-finite, got {ours}"),
        Some(t) => {
            let absolute = if what.contains(" p") || what.ends_with('p') {
                1e-10
            } else {
                1e-14
            };
            let tol = (rel * t.abs().max(1e-300)).max(absolute);
            assert!((ours - t).abs() <= tol, "{what}: ours {ours} vs scipy {t}");
        }
    }
}

#[test]
fn paired_t_and_wilcoxon_match_scipy() {
    let f = fixtures();
    let cases = f["paired"].as_array().unwrap();
    assert!(cases.len() > 30);
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let (b, a) = (vec(&c["before"]), vec(&c["after"]));
        let t = paired_t(&b, &a);
        close(t.t, &c["t"], 1e-9, &format!("{name} t"));
        close(t.p, &c["p"], 1e-9, &format!("{name} p"));
        close(
            t.estimate,
            &c["mean_diff"],
            1e-12,
            &format!("{name} mean_diff"),
        );
        close(t.ci95.0, &c["mean_ci_lo"], 1e-9, &format!("{name} ci"));
        if c["cohen_dz"].is_f64() {
            close(
                cohen_dz(&b, &a).value,
                &c["cohen_dz"],
                1e-12,
                &format!("{name} dz"),
            );
        }
        let w = wilcoxon_signed_rank(&b, &a);
        close(
            w.statistic,
            &c["wilcoxon_statistic"],
            1e-12,
            &format!("{name} W"),
        );
        close(w.p, &c["wilcoxon_p"], 1e-9, &format!("{name} wilcoxon p"));
    }
}

#[test]
fn quantiles_match_numpy() {
    for c in fixtures()["quantiles"].as_array().unwrap() {
        let x = vec(&c["x"]);
        for (p, q) in vec(&c["p"]).into_iter().zip(c["q"].as_array().unwrap()) {
            close(quantile(&x, p), q, 1e-12, "quantile");
        }
        close(mean(&x), &c["mean"], 1e-12, "mean");
        close(sd(&x), &c["sd"], 1e-12, "sd");
    }
}

#[test]
fn t_distribution_matches_scipy() {
    for c in fixtures()["t_two_sided"].as_array().unwrap() {
        let (t, df) = (c["t"].as_f64().unwrap(), c["df"].as_f64().unwrap());
        close(
            t_two_sided_p(t, df),
            &c["p"],
            1e-9,
            &format!("p t={t} df={df}"),
        );
        close(
            t_quantile(0.975, df),
            &c["q975"],
            1e-9,
            &format!("q975 df={df}"),
        );
    }
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

#[test]
fn distributions_match_scipy() {
    use monev_stats::dist::*;
    let d = &fixtures()["distributions"];
    for c in d["norm"].as_array().unwrap() {
        close(norm_cdf(f(&c["x"])), &c["cdf"], 1e-12, "norm cdf");
        close(norm_sf(f(&c["x"])), &c["sf"], 1e-12, "norm sf");
    }
    for c in d["norm_ppf"].as_array().unwrap() {
        close(norm_ppf(f(&c["p"])), &c["q"], 1e-12, "norm ppf");
    }
    for c in d["t"].as_array().unwrap() {
        let (x, df) = (f(&c["x"]), f(&c["df"]));
        close(t_cdf(x, df), &c["cdf"], 1e-10, &format!("t cdf {x} {df}"));
        close(t_sf(x, df), &c["sf"], 1e-10, &format!("t sf {x} {df}"));
    }
    for c in d["t_ppf"].as_array().unwrap() {
        close(t_ppf(f(&c["p"]), f(&c["df"])), &c["q"], 1e-9, "t ppf");
    }
    for c in d["chi2"].as_array().unwrap() {
        let (x, df) = (f(&c["x"]), f(&c["df"]));
        close(
            chi2_sf(x, df),
            &c["sf"],
            1e-10,
            &format!("chi2 sf {x} {df}"),
        );
        close(chi2_ppf(0.95, df), &c["ppf95"], 1e-9, "chi2 ppf");
    }
    for c in d["f"].as_array().unwrap() {
        let (x, d1, d2) = (f(&c["x"]), f(&c["d1"]), f(&c["d2"]));
        close(
            f_sf(x, d1, d2),
            &c["sf"],
            1e-10,
            &format!("F sf {x} {d1} {d2}"),
        );
        close(f_ppf(0.95, d1, d2), &c["ppf95"], 1e-9, "F ppf");
    }
}

#[test]
fn two_sample_tests_and_effects_match_scipy() {
    let cases = fixtures()["two_sample"].as_array().unwrap().clone();
    assert!(cases.len() >= 20);
    for c in &cases {
        let name = c["name"].as_str().unwrap();
        let (a, b) = (vec(&c["a"]), vec(&c["b"]));
        let st = student_t(&a, &b);
        close(st.t, &c["student_t"], 1e-9, &format!("{name} student t"));
        close(st.p, &c["student_p"], 1e-9, &format!("{name} student p"));
        let we = welch_t(&a, &b);
        close(we.t, &c["welch_t"], 1e-9, &format!("{name} welch t"));
        close(we.p, &c["welch_p"], 1e-9, &format!("{name} welch p"));
        close(we.df, &c["welch_df"], 1e-9, &format!("{name} welch df"));
        let mw = mann_whitney_u(&a, &b);
        close(mw.u1, &c["mwu_u1"], 1e-12, &format!("{name} U"));
        close(
            mw.p,
            &c["mwu_p"],
            1e-9,
            &format!("{name} MWU p ({:?})", mw.method),
        );
        close(
            cohen_d(&a, &b).value,
            &c["cohen_d"],
            1e-12,
            &format!("{name} d"),
        );
        close(
            cohen_d(&a, &b).se,
            &c["cohen_d_se"],
            1e-12,
            &format!("{name} d se"),
        );
        close(
            hedges_g(&a, &b).value,
            &c["hedges_g"],
            1e-10,
            &format!("{name} g"),
        );
    }
}

#[test]
fn one_sample_t_and_mean_interval_match_scipy() {
    for c in fixtures()["one_sample"].as_array().unwrap() {
        let x = vec(&c["x"]);
        let r = one_sample_t(&x, f(&c["mu"]));
        close(r.t, &c["t"], 1e-9, "one-sample t");
        close(r.p, &c["p"], 1e-9, "one-sample p");
        let (_, lo, hi) = mean_ci(&x, 0.95);
        close(lo, &c["ci_lo"], 1e-9, "mean ci lo");
        close(hi, &c["ci_hi"], 1e-9, "mean ci hi");
    }
}

#[test]
fn correlations_match_scipy() {
    for c in fixtures()["correlation"].as_array().unwrap() {
        let (x, y) = (vec(&c["x"]), vec(&c["y"]));
        let kind = c["kind"].as_str().unwrap();
        let p = pearson(&x, &y);
        close(
            p.r,
            &c["pearson_r"],
            1e-10,
            &format!("{kind} pearson r n={}", x.len()),
        );
        close(
            p.p,
            &c["pearson_p"],
            1e-9,
            &format!("{kind} pearson p n={}", x.len()),
        );
        let s = spearman(&x, &y);
        close(s.r, &c["spearman_r"], 1e-10, &format!("{kind} spearman r"));
        close(s.p, &c["spearman_p"], 1e-9, &format!("{kind} spearman p"));
    }
}

#[test]
fn contingency_tables_match_scipy() {
    for c in fixtures()["tables"].as_array().unwrap() {
        let t: Vec<Vec<f64>> = c["table"].as_array().unwrap().iter().map(vec).collect();
        let r = chi2_independence(&t);
        close(r.chi2, &c["chi2"], 1e-10, &format!("chi2 {t:?}"));
        close(r.p, &c["p"], 1e-10, &format!("chi2 p {t:?}"));
        assert_eq!(r.dof as u64, c["dof"].as_u64().unwrap());
        if let Some(fp) = c.get("fisher_p") {
            let cell = |i: usize, j: usize| t[i][j] as u64;
            let fe = fisher_exact([[cell(0, 0), cell(0, 1)], [cell(1, 0), cell(1, 1)]]);
            close(fe.p, fp, 1e-9, &format!("fisher {t:?}"));
            close(fe.odds_ratio, &c["odds_ratio"], 1e-12, "odds ratio");
        }
    }
}

#[test]
fn reliability_matches_numpy_formulas() {
    for c in fixtures()["reliability"].as_array().unwrap() {
        let rows: Vec<Vec<f64>> = c["rows"].as_array().unwrap().iter().map(vec).collect();
        let r = item_analysis(&rows, 0.05);
        close(r.alpha, &c["alpha"], 1e-12, "alpha");
        close(cronbach_alpha(&rows), &c["alpha"], 1e-12, "alpha");
        close(r.r_table, &c["r_table"], 1e-10, "r table");
        for (i, item) in r.items.iter().enumerate() {
            close(
                item.r_item_total_corrected,
                &c["r_item_total"][i],
                1e-12,
                "item-total r",
            );
            close(
                item.alpha_if_deleted,
                &c["alpha_if_deleted"][i],
                1e-12,
                "alpha if deleted",
            );
            assert_eq!(item.valid, item.r_item_total_corrected > r.r_table);
        }
    }
}

#[test]
fn multiple_comparisons_match_statsmodels() {
    for c in fixtures()["multiple"].as_array().unwrap() {
        let p = vec(&c["p"]);
        for (ours, theirs) in holm(&p).iter().zip(c["holm"].as_array().unwrap()) {
            close(*ours, theirs, 1e-12, "holm");
        }
        for (ours, theirs) in benjamini_hochberg(&p)
            .iter()
            .zip(c["bh"].as_array().unwrap())
        {
            close(*ours, theirs, 1e-12, "bh");
        }
    }
}

#[test]
fn regression_matches_statsmodels() {
    for c in fixtures()["ols"].as_array().unwrap() {
        let x: Vec<Vec<f64>> = c["x"].as_array().unwrap().iter().map(vec).collect();
        let y = vec(&c["y"]);
        let g: Vec<usize> = c["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        for (name, cov) in [
            ("classical", CovType::Classical),
            ("hc1", CovType::Hc1),
            ("cluster", CovType::Cluster(g.clone())),
        ] {
            let r = ols(&x, &y, &cov).unwrap();
            let e = &c[name];
            for i in 0..r.k {
                let what = format!("{name} n={} β{i}", r.n);
                close(r.coef[i], &e["coef"][i], 1e-9, &format!("{what} coef"));
                close(r.se[i], &e["se"][i], 1e-9, &format!("{what} se"));
                close(r.p[i], &e["p"][i], 1e-9, &format!("{what} p"));
                close(r.ci95[i].0, &e["ci_lo"][i], 1e-9, &format!("{what} ci"));
                close(r.ci95[i].1, &e["ci_hi"][i], 1e-9, &format!("{what} ci"));
            }
        }
    }
}

#[test]
fn clustered_difference_in_differences_matches_statsmodels() {
    for c in fixtures()["did"].as_array().unwrap() {
        let y = vec(&c["y"]);
        let b = |k: &str| -> Vec<bool> {
            c[k].as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_bool().unwrap())
                .collect()
        };
        let unit: Vec<usize> = c["unit"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        let d = did_regression(&y, &b("treated"), &b("post"), &CovType::Cluster(unit)).unwrap();
        close(d.estimate, &c["estimate"], 1e-9, "did");
        close(d.se, &c["se"], 1e-9, "did se");
        close(d.p, &c["p"], 1e-9, "did p");
        close(d.ci95.0, &c["ci_lo"], 1e-9, "did ci");
        close(d.ci95.1, &c["ci_hi"], 1e-9, "did ci");
    }
}

#[test]
fn sample_sizes_match_the_published_tables() {
    use monev_stats::sample::*;
    // Krejcie & Morgan (1970), Table 1.
    for (n, s) in [
        (10, 10),
        (100, 80),
        (300, 169),
        (1000, 278),
        (2000, 322),
        (10_000, 370),
        (1_000_000, 384),
    ] {
        assert_eq!(krejcie_morgan(n), s, "Krejcie-Morgan N = {n}");
    }
    assert_eq!(slovin(1000, 0.05), 286);
    assert_eq!(slovin(100, 0.1), 50);
    assert_eq!(cochran(None, 0.5, 0.05, 0.95), 385);
    assert_eq!(cochran(Some(1000), 0.5, 0.05, 0.95), 278);
}

#[test]
fn power_matches_statsmodels() {
    use monev_stats::sample::*;
    let fx = fixtures();
    for c in fx["nct"].as_array().unwrap() {
        close(
            nct_cdf(f(&c["x"]), f(&c["df"]), f(&c["nc"])),
            &c["cdf"],
            1e-9,
            "nct cdf",
        );
    }
    for c in fx["power"].as_array().unwrap() {
        let (dz, n) = (f(&c["dz"]), c["n"].as_u64().unwrap() as usize);
        close(
            power_paired_t(dz, n, 0.05),
            &c["power"],
            1e-9,
            &format!("power dz={dz} n={n}"),
        );
        assert_eq!(
            n_paired_t(dz, 0.8, 0.05) as u64,
            c["n_for_80"].as_u64().unwrap(),
            "n for dz={dz}"
        );
    }
}

#[test]
fn bootstrap_intervals_match_scipy_formulas() {
    use monev_stats::bootstrap::*;
    for c in fixtures()["bootstrap"].as_array().unwrap() {
        let (x, reps, jack) = (vec(&c["x"]), vec(&c["replicates"]), vec(&c["jackknife"]));
        let ours = jackknife(&x, &|s: &[f64]| mean(s));
        for (a, b) in ours.iter().zip(&jack) {
            assert!((a - b).abs() < 1e-12);
        }
        let p = percentile_interval(&reps, 0.95);
        close(p.0, &c["percentile"][0], 1e-12, "percentile lo");
        close(p.1, &c["percentile"][1], 1e-12, "percentile hi");
        let b = bca_interval(mean(&x), &reps, &jack, 0.95);
        close(b.0, &c["bca"][0], 1e-10, "bca lo");
        close(b.1, &c["bca"][1], 1e-10, "bca hi");
    }
}

#[test]
fn wild_cluster_bootstrap_matches_brute_force_enumeration() {
    use monev_stats::bootstrap::*;
    for c in fixtures()["wild"].as_array().unwrap() {
        let y = vec(&c["y"]);
        let b = |k: &str| -> Vec<bool> {
            c[k].as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_bool().unwrap())
                .collect()
        };
        let unit: Vec<usize> = c["unit"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        let w = wild_cluster_did(
            &y,
            &b("treated"),
            &b("post"),
            &unit,
            WildOptions {
                weights: WildWeights::Rademacher,
                replicates: 0,
                seed: None,
                level: 0.95,
            },
        )
        .unwrap();
        assert_eq!(w.replicates, 1 << w.clusters);
        close(w.estimate, &c["estimate"], 1e-9, "wild estimate");
        close(w.se, &c["se"], 1e-9, "wild se");
        close(w.p, &c["p"], 1e-12, "wild p");
        close(w.ci95.0, &c["ci_lo"], 1e-9, "wild ci");
        close(w.ci95.1, &c["ci_hi"], 1e-9, "wild ci");
    }
}

#[test]
fn funnel_limits_match_scipy() {
    use monev_stats::funnel::{binomial_limits, binomial_ppf, normal_limits};
    let f: Value = serde_json::from_str(include_str!("../fixtures/funnel.json")).unwrap();
    let cases = f["binomial"].as_array().unwrap();
    assert!(cases.len() >= 80);
    for c in cases {
        let (theta, n, coverage) = (
            c["theta"].as_f64().unwrap(),
            c["n"].as_u64().unwrap(),
            c["coverage"].as_f64().unwrap(),
        );
        let what = format!("binomial theta {theta} n {n} coverage {coverage}");
        assert_eq!(
            binomial_ppf((1.0 - coverage) / 2.0, n, theta),
            c["r_lower"].as_u64().unwrap(),
            "{what}"
        );
        let ours = binomial_limits(theta, n, coverage);
        close(ours.lower, &c["lower"], 1e-9, &format!("{what} lower"));
        close(ours.upper, &c["upper"], 1e-9, &format!("{what} upper"));
    }
    for c in f["normal"].as_array().unwrap() {
        let ours = normal_limits(
            c["theta"].as_f64().unwrap(),
            c["sd"].as_f64().unwrap(),
            c["n"].as_f64().unwrap(),
            c["coverage"].as_f64().unwrap(),
        );
        close(ours.lower, &c["lower"], 1e-12, &format!("normal {c}"));
        close(ours.upper, &c["upper"], 1e-12, &format!("normal {c}"));
    }
}
