//! Checks monev-stats against vectors computed by scipy/numpy
//! (`reference/stats_fixtures.py`, output committed in `fixtures/scipy.json`).

use monev_stats::*;
use serde_json::Value;

fn fixtures() -> Value {
    serde_json::from_str(include_str!("fixtures/scipy.json")).unwrap()
}

fn vec(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// Relative closeness, with `None` (scipy's NaN/inf) matching non-finite.
fn close(ours: f64, theirs: &Value, rel: f64, what: &str) {
    match theirs.as_f64() {
        None => assert!(!ours.is_finite(), "{what}: expected non-finite, got {ours}"),
        Some(t) => {
            let tol = rel * t.abs().max(1e-300) + 1e-14;
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
            t.mean_diff,
            &c["mean_diff"],
            1e-12,
            &format!("{name} mean_diff"),
        );
        if c["cohen_dz"].is_f64() {
            close(
                cohen_dz(&b, &a),
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
