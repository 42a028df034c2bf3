//! Cohen's κ and Krippendorff's α against statsmodels and the `krippendorff`
//! package (`reference/agreement_fixtures.py` → `fixtures/agreement.json`),
//! including Krippendorff's own worked example (α = 0,743).

use monev_stats::{cohen_kappa, krippendorff_alpha_nominal};
use serde_json::Value;

fn fixtures() -> Value {
    serde_json::from_str(include_str!("../fixtures/agreement.json")).unwrap()
}

fn close(ours: f64, theirs: f64, what: &str) {
    assert!(
        (ours - theirs).abs() <= 1e-12 * theirs.abs().max(1.0),
        "{what}: ours {ours} vs reference {theirs}"
    );
}

fn ints(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_i64().unwrap())
        .collect()
}

#[test]
fn kappa_matches_statsmodels() {
    let f = fixtures();
    for (i, c) in f["kappa"].as_array().unwrap().iter().enumerate() {
        let k = cohen_kappa(&ints(&c["a"]), &ints(&c["b"]));
        close(
            k.kappa,
            c["kappa"].as_f64().unwrap(),
            &format!("case {i} κ"),
        );
        close(k.se, c["se"].as_f64().unwrap(), &format!("case {i} se"));
        close(k.ci95.0, c["lo"].as_f64().unwrap(), &format!("case {i} lo"));
        close(k.ci95.1, c["hi"].as_f64().unwrap(), &format!("case {i} hi"));
    }
}

#[test]
fn alpha_matches_the_krippendorff_package_and_the_worked_example() {
    let f = fixtures();
    for (i, c) in f["alpha"].as_array().unwrap().iter().enumerate() {
        let data: Vec<Vec<Option<i64>>> = c["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row.as_array().unwrap().iter().map(Value::as_i64).collect())
            .collect();
        close(
            krippendorff_alpha_nominal(&data),
            c["alpha"].as_f64().unwrap(),
            &format!("case {i} α"),
        );
    }
    let textbook = &f["alpha"][0]["alpha"];
    assert!((textbook.as_f64().unwrap() - 0.743).abs() < 5e-4);
}

#[test]
fn degenerate_codings_are_nan_not_panics() {
    assert!(cohen_kappa::<u8>(&[], &[]).kappa.is_nan());
    assert!(
        cohen_kappa(&[1, 1, 1], &[1, 1, 1]).kappa.is_nan(),
        "no variation"
    );
    assert!(krippendorff_alpha_nominal::<u8>(&[]).is_nan());
    assert!(krippendorff_alpha_nominal(&[vec![Some(1), None], vec![None, Some(2)]]).is_nan());
    // Perfect agreement with variation: 1.
    assert_eq!(cohen_kappa(&[0, 1, 0, 1], &[0, 1, 0, 1]).kappa, 1.0);
    assert_eq!(
        krippendorff_alpha_nominal(&[
            vec![Some(0), Some(1), Some(1)],
            vec![Some(0), Some(1), Some(1)]
        ]),
        1.0
    );
}
